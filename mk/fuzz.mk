# libFuzzer harnesses over the core (make fuzz FUZZ_SECONDS=N).
#
# Every test/fuzz/fuzz_<name>.c is a harness, built with clang's libFuzzer and
# the sanitizers against the core sources, seeded read-only from
# test/fuzz/corpus/<name>/ and, if present, test/fuzz/<name>.dict. Each
# harness gets FUZZ_SECONDS seconds of its own (not a share of a total): three
# quarters on inputs up to 64 KiB, one quarter on inputs up to 1 MiB, where
# the interrupt-hook checks apply. New corpus entries go to
# test/build/fuzz/corpus/, crashes to test/build/fuzz/; any crash, leak,
# timeout or memory blow-up fails the target.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
FUZZ_SAN = address,undefined
FUZZ_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Isrc/core -Isrc/core/ner -Isrc/core/stance
FUZZERS = $(patsubst test/fuzz/%.c,test/build/fuzz/%,$(wildcard test/fuzz/fuzz_*.c))

# The core is instrumented once into an archive that every harness links.
FUZZ_CORE_DIR = test/build/fuzz-core
FUZZ_CORE_LIB = $(FUZZ_CORE_DIR)/libcore.a

$(FUZZ_CORE_DIR)/%.o: %.c $(CORE_HEADERS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -c -o $@ $<

$(FUZZ_CORE_LIB): $(patsubst %.c,$(FUZZ_CORE_DIR)/%.o,$(CORE_SRCS))
	rm -f $@
	ar rcs $@ $^

test/build/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(FUZZ_CORE_LIB) $(CORE_HEADERS) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< $(FUZZ_CORE_LIB) $(MODEL_OBJ) $(ICU_LIBS) -lm

# The seeds of fuzz_ner_model are small valid images written by the model's
# own code; they are in the repository, and this rewrites them.
test/build/fuzz/gen_model_seeds: test/fuzz/gen_model_seeds.c $(CORE_SRCS) $(CORE_HEADERS) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -Wall -Wextra -Werror -Isrc/core -Isrc/core/ner -o $@ $< $(CORE_SRCS) $(MODEL_OBJ) $(ICU_LIBS) -lm

.PHONY: fuzz fuzz-build fuzz-model-seeds
# Rewrite test/fuzz/corpus/ner_model/ from the model writer.
fuzz-model-seeds: test/build/fuzz/gen_model_seeds
	@mkdir -p test/fuzz/corpus/ner_model
	test/build/fuzz/gen_model_seeds test/fuzz/corpus/ner_model

# Build every harness without running it.
fuzz-build: $(FUZZERS)

# Build and run every harness for FUZZ_SECONDS seconds each.
fuzz: $(FUZZERS)
	bash test/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)
