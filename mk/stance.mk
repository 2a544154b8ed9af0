# Stance model tools: training (make stance-model), evaluation on NewsMTSC
# (make eval-stance-mtsc) and the shipped lexicon's conversion. The stance
# core is part of CORE_OBJS and its unit tests run with make unit;
# make unit-stance runs just those.

STANCE_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
STANCE_CPPFLAGS = -Isrc/core -Isrc/core/ner -Isrc/core/stance -Isrc/cli
STANCE_BUILD = test/build/stance
STANCE_LEXICON = data/lexicons/vader/vader_lexicon.tsv
STANCE_HEADERS = $(wildcard src/core/stance/*.h src/cli/stance_*.h)
STANCE_TOOLS = $(STANCE_BUILD)/stance-train $(STANCE_BUILD)/stance-eval

# Data that may sit beside the checkout; targets skip cleanly without it.
STANCE_SHARED ?= ../shared/data
MTSC_TRAIN ?= $(STANCE_SHARED)/newsmtsc/train.jsonl
MTSC_DEVS ?= $(STANCE_SHARED)/newsmtsc/dev-rw.jsonl $(STANCE_SHARED)/newsmtsc/dev-mt.jsonl
VADER_SOURCE ?= $(STANCE_SHARED)/lexicons/vader/vader_lexicon.txt
STANCE_TRAIN_FLAGS ?= --epochs 12 --bits 18 --rate 0.015 --seed 42 --ner $(NER_MODEL)
STANCE_BENCH_ROUNDS ?= 20

.PHONY: stance-tools stance-model stance-lexicon eval-stance-mtsc unit-stance

# The command-line tools.
stance-tools: $(STANCE_TOOLS)

$(STANCE_BUILD)/stance-%: src/cli/stance_%.c src/cli/stance_data.c $(CORE_SRCS) \
		$(CORE_HEADERS) $(STANCE_HEADERS)
	@mkdir -p $(dir $@)
	$(UNIT_CC) $(STANCE_CFLAGS) $(STANCE_CPPFLAGS) -o $@ $< src/cli/stance_data.c \
		$(CORE_SRCS) $(ICU_LIBS) -lm

# Convert VADER's lexicon to the shipped two-column form (word, mean valence).
stance-lexicon:
	@if [ ! -f "$(VADER_SOURCE)" ]; then echo "stance-lexicon: $(VADER_SOURCE) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(dir $(STANCE_LEXICON)); \
	{ echo "# VADER sentiment lexicon (C.J. Hutto, MIT licence: see LICENSE.txt): word, mean valence in [-4, 4]"; \
	  cut -f1,2 "$(VADER_SOURCE)"; } > $(STANCE_LEXICON)

# Train and write the shipped model (the entity model's word clusters are features).
stance-model: $(STANCE_BUILD)/stance-train
	@if [ ! -f "$(MTSC_TRAIN)" ]; then echo "stance-model: $(MTSC_TRAIN) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(dir $(STANCE_MODEL)); \
	$(STANCE_BUILD)/stance-train --train $(MTSC_TRAIN) --lexicon $(STANCE_LEXICON) \
		$(foreach f,$(wildcard $(MTSC_DEVS)),--dev $(f)) --out $(STANCE_MODEL) $(STANCE_TRAIN_FLAGS)

# Score the shipped model on the NewsMTSC development sets, and time it.
eval-stance-mtsc: $(STANCE_BUILD)/stance-eval
	@if [ -z "$(wildcard $(MTSC_DEVS))" ]; then echo "eval-stance-mtsc: NewsMTSC dev sets not found, skipping"; exit 0; fi; \
	$(STANCE_BUILD)/stance-eval --model $(STANCE_MODEL) --ner $(NER_MODEL) \
		--bench $(STANCE_BENCH_ROUNDS) $(wildcard $(MTSC_DEVS))

# Build and run the stance unit tests only; each prints TAP.
unit-stance: $(filter test/build/unit/stance/%,$(UNIT_TESTS))
	@status=0; for t in $^; do echo "# $$t"; ./$$t || status=1; done; exit $$status
