# newsnlp: PostgreSQL extension for news text analysis, built with PGXS.

EXTENSION = newsnlp
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = newsnlp
CORE_OBJS = \
	src/core/interrupt.o \
	src/core/abbrev.o \
	src/core/charclass.o \
	src/core/icu_cache.o \
	src/core/sentence.o \
	src/core/token.o \
	src/core/shape.o
PG_OBJS = \
	src/pg/newsnlp.o \
	src/pg/position.o \
	src/pg/srf.o \
	src/pg/sentences.o \
	src/pg/tokens.o
OBJS = $(CORE_OBJS) $(PG_OBJS)

DATA = $(EXTENSION)--$(EXTVERSION).sql
REGRESS = sentences tokens bad_input memory encoding
REGRESS_OPTS = --load-extension=$(EXTENSION)

# The server's headers are system headers: -Wextra findings in them are not ours.
PG_CPPFLAGS = -I$(srcdir)/src/core -isystem $(shell $(PG_CONFIG) --includedir-server)
PG_CFLAGS = -Wall -Wextra -Werror
SHLIB_LINK = $(ICU_LIBS)

EXTRA_CLEAN = test/build results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# ICU_LIBS comes from the server's build; fall back for a server built without it.
ifeq ($(strip $(ICU_LIBS)),)
ICU_LIBS = $(shell pkg-config --libs icu-i18n icu-uc 2>/dev/null || echo -licui18n -licuuc -licudata)
endif

# PGXS tracks no header dependencies; a struct that grows must rebuild its users.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

include mk/unit.mk
include mk/fuzz.mk
include mk/bench.mk

.PHONY: test demo
# The whole suite against a throwaway cluster; ends with "N passed, N failed".
test:
	bash scripts/test.sh

# The demo against a throwaway cluster.
demo:
	bash scripts/demo.sh
