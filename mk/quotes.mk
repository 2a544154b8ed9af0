# Quote evaluation: eval-quotes builds quotes-eval (the core's quote
# extractor with the embedded entity model, no PostgreSQL) and scores it on
# the PolNeAR development split (POLNEAR_DEV=... for another); it skips
# cleanly when ../shared is absent. See src/cli/quotes_eval.c for the subset
# of attributions counted as speech and how quotes and speakers are matched.

QUOTES_CC ?= gcc
QUOTES_CFLAGS ?= -std=gnu11 -O2 -g -Wall -Wextra -Werror
QUOTES_EVAL = test/build/eval/quotes-eval
POLNEAR_DEV ?= ../shared/data/polnear/dev

.PHONY: eval-quotes

$(QUOTES_EVAL): src/cli/quotes_eval.c src/core/quotes.h src/core/cues.h \
		$(CORE_OBJS:.o=.c) $(CORE_HEADERS) $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(QUOTES_CC) $(QUOTES_CFLAGS) -Isrc/core -Isrc/core/ner -o $@ $< \
		$(CORE_OBJS:.o=.c) $(MODEL_OBJ) $(ICU_LIBS) -lm

# Score on PolNeAR dev (or POLNEAR_DEV=...); skipped without the data.
eval-quotes: $(QUOTES_EVAL)
	@if [ -d "$(POLNEAR_DEV)/text" ]; then ./$(QUOTES_EVAL) $(POLNEAR_DEV); \
	else echo "eval-quotes: $(POLNEAR_DEV) not found, skipped"; fi
