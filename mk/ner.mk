# Entity tagger tools: word clusters, training (make model) and evaluation on
# CoNLL files. Included from the Makefile, whose core source lists it uses.

NER_CC ?= gcc
NER_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
NER_CPPFLAGS = -Isrc/core -Isrc/core/ner -Isrc/cli
NER_BUILD = test/build/ner

NER_CLI_SRCS = src/cli/ner_conll.c src/cli/ner_lexicon_file.c
NER_TOOLS = $(NER_BUILD)/ner-train $(NER_BUILD)/ner-eval $(NER_BUILD)/ner-clusters

# Data that may sit beside the checkout; targets skip cleanly without it.
NER_SHARED ?= ../shared/data
CONLL_TRAIN ?= $(NER_SHARED)/conll2003/train.txt
CONLL_DEV ?= $(NER_SHARED)/conll2003/dev.txt
NER_UNLABELLED ?= $(wildcard $(NER_SHARED)/polnear/train/text/*.txt) \
	$(wildcard $(NER_SHARED)/newsmtsc/train.jsonl)
NER_LEXICON = $(NER_BUILD)/clusters.lex
NER_TRAIN_FLAGS ?= --iters 10 --stages 2 --recase 0.1

.PHONY: ner-tools model eval-ner-conll

# The command-line tools.
ner-tools: $(NER_TOOLS)

$(NER_BUILD)/ner-%: src/cli/ner_%.c $(CORE_OBJS:.o=.c) $(CORE_TOOL_SRCS) $(NER_CLI_SRCS) \
		$(CORE_HEADERS) $(wildcard src/cli/ner_*.h)
	@mkdir -p $(dir $@)
	$(NER_CC) $(NER_CFLAGS) $(NER_CPPFLAGS) -o $@ $< $(CORE_OBJS:.o=.c) $(CORE_TOOL_SRCS) \
		$(NER_CLI_SRCS) $(ICU_LIBS) -lm

# Induce word clusters, then train and write the shipped model.
model: $(NER_TOOLS)
	@if [ ! -f "$(CONLL_TRAIN)" ]; then echo "model: $(CONLL_TRAIN) not found, skipping"; exit 0; fi; \
	set -e; mkdir -p $(dir $(NER_MODEL)); \
	$(NER_BUILD)/ner-clusters --out $(NER_LEXICON) --conll $(CONLL_TRAIN) $(NER_UNLABELLED); \
	$(NER_BUILD)/ner-train --train $(CONLL_TRAIN) \
		$(if $(wildcard $(CONLL_DEV)),--dev $(CONLL_DEV)) \
		--lexicon $(NER_LEXICON) --out $(NER_MODEL) $(NER_TRAIN_FLAGS)

# Score the core tagger alone on CoNLL's own tokens, and time it.
eval-ner-conll: $(NER_BUILD)/ner-eval
	@if [ ! -f "$(CONLL_DEV)" ]; then echo "eval-ner-conll: $(CONLL_DEV) not found, skipping"; exit 0; fi; \
	$(NER_BUILD)/ner-eval --model $(NER_MODEL) --bench 20 $(CONLL_DEV)
