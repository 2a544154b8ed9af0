# C unit tests of the analysis core, built with the sanitizers and no PostgreSQL.

UNIT_CC ?= gcc
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Isrc/core -Isrc/core/ner -Isrc/core/stance -Itest/unit -Itest/unit/ner
CORE_SRCS = $(CORE_OBJS:.o=.c) $(CORE_TOOL_SRCS)
CORE_HEADERS = $(wildcard src/core/*.h src/core/ner/*.h src/core/learn/*.h src/core/stance/*.h)
UNIT_TESTS = $(patsubst test/unit/%.c,test/build/unit/%,\
	$(wildcard test/unit/test_*.c test/unit/ner/test_*.c test/unit/stance/test_*.c))

# The core is compiled once with the tests' flags into an archive; each test
# links only the objects it needs.
UNIT_CORE_DIR = test/build/unit-core
UNIT_CORE_LIB = $(UNIT_CORE_DIR)/libcore.a

$(UNIT_CORE_DIR)/%.o: %.c $(CORE_HEADERS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -c -o $@ $<

$(UNIT_CORE_LIB): $(patsubst %.c,$(UNIT_CORE_DIR)/%.o,$(CORE_SRCS))
	rm -f $@
	ar rcs $@ $^

test/build/unit/%: test/unit/%.c test/unit/unit.c test/unit/fixtures.c \
		$(wildcard test/unit/*.h test/unit/ner/*.h) $(UNIT_CORE_LIB) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(UNIT_CFLAGS) -o $@ $< test/unit/unit.c test/unit/fixtures.c $(UNIT_CORE_LIB) $(MODEL_OBJ) $(ICU_LIBS) -lm

.PHONY: unit
# Build and run every unit test; each prints TAP.
unit: $(UNIT_TESTS)
	@status=0; for t in $(UNIT_TESTS); do echo "# $$t"; ./$$t || status=1; done; exit $$status
