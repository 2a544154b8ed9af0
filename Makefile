# newsnlp: PostgreSQL extension for news text analysis, built with PGXS.

EXTENSION = newsnlp
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = newsnlp
CORE_OBJS = \
	src/core/interrupt.o \
	src/core/alloc.o \
	src/core/model_image.o \
	src/core/wordlist.o \
	src/core/abbrev.o \
	src/core/titles.o \
	src/core/charclass.o \
	src/core/icu_cache.o \
	src/core/sentence.o \
	src/core/token.o \
	src/core/shape.o \
	src/core/gazetteer.o \
	src/core/gazetteer_data.o \
	src/core/ner/ner_labels.o \
	src/core/ner/ner_features.o \
	src/core/ner/ner_model.o \
	src/core/ner/ner_decode.o \
	src/core/dictionary.o \
	src/core/entities.o \
	src/core/cues.o \
	src/core/quotes.o \
	src/core/learn/learn_features.o \
	src/core/learn/learn_linear.o \
	src/core/learn/learn_model.o \
	src/core/learn/learn_model_text.o \
	src/core/stance/stance_features.o \
	src/core/stance/stance_model.o \
	src/core/stance/stance.o \
	src/core/stance/stance_doc.o
PG_OBJS = \
	src/pg/newsnlp.o \
	src/pg/position.o \
	src/pg/srf.o \
	src/pg/sentences.o \
	src/pg/tokens.o \
	src/pg/tagger.o \
	src/pg/dictionary_cache.o \
	src/pg/entities.o \
	src/pg/quotes.o \
	src/pg/annotate.o \
	src/pg/tag_trigger.o \
	src/pg/stance_model_type.o \
	src/pg/stance_train.o \
	src/pg/stance.o \
	src/pg/claims.o
OBJS = $(CORE_OBJS) $(PG_OBJS)

# The trainer and scorer belong to the core but only tools and tests use them.
CORE_TOOL_SRCS = src/core/ner/ner_train.c src/core/ner/ner_score.c src/core/ner/span_score.c \
	src/core/learn/learn_eval.c src/core/stance/stance_train.c src/core/stance/stance_score.c

# The entity model, embedded by an assembler file. It stays out of OBJS:
# PGXS makes LLVM bitcode of every object there, and this one has no C.
NER_MODEL ?= data/ner/ner-en.model
STANCE_MODEL ?= data/stance/stance-en.model
MODEL_OBJ = src/core/ner/ner_model_blob.o src/core/stance/stance_model_blob.o

# The install script is put together from src/sql/, one file per feature,
# in the order of their numbered names.
INSTALL_PARTS = $(sort $(wildcard src/sql/*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
ISOLATION = $(sort $(basename $(notdir $(wildcard specs/*.spec))))
ISOLATION_OPTS = --load-extension=$(EXTENSION)
REGRESS_OPTS = --load-extension=$(EXTENSION)

# The server's headers are system headers: -Wextra findings in them are not ours.
PG_CPPFLAGS = -I$(srcdir)/src/core -I$(srcdir)/src/core/ner -I$(srcdir)/src/core/stance -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS = -Wall -Wextra -Werror
SHLIB_LINK = $(MODEL_OBJ) $(ICU_LIBS) -lm

EXTRA_CLEAN = $(MODEL_OBJ) test/build results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# ICU_LIBS comes from the server's build; fall back for a server built without it.
ifeq ($(strip $(ICU_LIBS)),)
ICU_LIBS = $(shell pkg-config --libs icu-i18n icu-uc 2>/dev/null || echo -licui18n -licuuc -licudata)
endif

# PGXS tracks no header dependencies; a struct that grows must rebuild its users.
$(OBJS): $(wildcard src/core/*.h src/core/ner/*.h src/core/learn/*.h src/core/stance/*.h src/pg/*.h)

src/core/ner/ner_model_blob.o: src/core/ner/ner_model_blob.S $(NER_MODEL)
	$(CC) -fPIC -DNER_MODEL_PATH='"$(NER_MODEL)"' -c -o $@ $<

src/core/stance/stance_model_blob.o: src/core/stance/stance_model_blob.S $(STANCE_MODEL)
	$(CC) -fPIC -DSTANCE_MODEL_PATH='"$(STANCE_MODEL)"' -c -o $@ $<

$(shlib): $(MODEL_OBJ)

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS)
	awk 'FNR == 1 && NR > 1 { print "" } { print }' $^ > $@

include mk/unit.mk
include mk/ner.mk
include mk/eval.mk
include mk/quotes.mk
include mk/stance.mk
include mk/fuzz.mk
include mk/bench.mk
include mk/sharding.mk
include mk/pgbench.mk
include mk/learn.mk
include mk/robust.mk

.PHONY: test demo
# The whole suite against a throwaway cluster; ends with "N passed, N failed".
test:
	bash scripts/test.sh

# The demo against a throwaway cluster.
demo:
	bash scripts/demo.sh
