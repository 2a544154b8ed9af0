# Entity evaluation through SQL, and the tagging command line.
#
# eval-ner builds and installs the extension, starts a throwaway cluster,
# runs newsnlp.entities() over the CoNLL-2003 development documents and the
# modern samples of test/eval/modern/, and scores exact span and type
# matches (see test/eval/run.sh). tag-cli builds newsnlp-tag, the same
# pipeline on a file; tag-bench times it on the development documents.

EVAL_CC ?= gcc
EVAL_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
EVAL_CPPFLAGS = -Isrc/core -Isrc/core/ner -Isrc/cli
EVAL_BUILD = test/build/eval
EVAL_CONLL_DEV ?= ../shared/data/conll2003/dev.txt
EVAL_BENCH_ROUNDS ?= 20
EVAL_TOOLS = $(EVAL_BUILD)/conll-docs $(EVAL_BUILD)/span-eval
SPAN_SCORE = src/core/ner/span_score.c src/core/ner/span_score.h

.PHONY: eval-ner tag-cli tag-bench

$(EVAL_BUILD)/conll-docs: src/cli/conll_docs.c $(SPAN_SCORE)
	@mkdir -p $(dir $@)
	$(EVAL_CC) $(EVAL_CFLAGS) $(EVAL_CPPFLAGS) -o $@ $< src/core/ner/span_score.c

$(EVAL_BUILD)/span-eval: src/cli/span_eval.c $(SPAN_SCORE)
	@mkdir -p $(dir $@)
	$(EVAL_CC) $(EVAL_CFLAGS) $(EVAL_CPPFLAGS) -o $@ $< src/core/ner/span_score.c

$(EVAL_BUILD)/newsnlp-tag: src/cli/newsnlp_tag.c $(CORE_OBJS:.o=.c) $(CORE_HEADERS)
	@mkdir -p $(dir $@)
	$(EVAL_CC) $(EVAL_CFLAGS) $(EVAL_CPPFLAGS) -o $@ $< $(CORE_OBJS:.o=.c) $(ICU_LIBS) -lm

# The tagging command line.
tag-cli: $(EVAL_BUILD)/newsnlp-tag

# Tokens per second of newsnlp-tag on the development documents, one core.
tag-bench: $(EVAL_BUILD)/newsnlp-tag $(EVAL_BUILD)/conll-docs
	@if [ ! -f "$(EVAL_CONLL_DEV)" ]; then echo "tag-bench: $(EVAL_CONLL_DEV) not found, skipping"; exit 0; fi; \
	set -e; $(EVAL_BUILD)/conll-docs --text $(EVAL_BUILD)/dev.txt $(EVAL_CONLL_DEV) >/dev/null; \
	$(EVAL_BUILD)/newsnlp-tag --model $(NER_MODEL) --bench $(EVAL_BENCH_ROUNDS) $(EVAL_BUILD)/dev.txt

# Score newsnlp.entities() through SQL (test/eval/run.sh).
eval-ner: $(EVAL_TOOLS)
	EVAL_CONLL_DEV=$(EVAL_CONLL_DEV) EVAL_BUILD=$(EVAL_BUILD) bash test/eval/run.sh
