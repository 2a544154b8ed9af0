/*
 * fuzz_quotes.c
 *	  libFuzzer harness over quote extraction with the embedded entity model:
 *	  every row must have its quote and speaker spans inside the input, a
 *	  known kind, a paragraph from 1 and a score in [0, 1].
 */
#include <stdio.h>
#include <stdlib.h>

#include "ner_model.h"
#include "quotes.h"

static NerModel model;
static NerTagger tagger;

/* Report a broken invariant and abort so libFuzzer keeps the input. */
static void
fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "invariant broken: %s (%zu, %zu)\n", what, a, b);
	abort();
}

/* Check one row against the input. */
static void
check_quote(const NnQuoteList *list, const NnQuote *q, size_t len)
{
	if (q->start > q->end || q->end > len)
		fail("quote span inside the input", q->start, q->end);
	if (q->spk_start > q->spk_end || q->spk_end > len)
		fail("speaker span inside the input", q->spk_start, q->spk_end);
	if (q->kind != NN_QUOTE_DIRECT && q->kind != NN_QUOTE_PARTIAL &&
		q->kind != NN_QUOTE_INDIRECT)
		fail("known kind", (size_t) q->kind, 0);
	if (q->paragraph < 1)
		fail("paragraph from 1", (size_t) q->paragraph, 0);
	if (!(q->score >= 0.0f && q->score <= 1.0f))
		fail("score in [0, 1]", q->start, q->end);
	if (q->name_len > 0 && q->name_off + q->name_len > list->arena_len)
		fail("speaker name inside the arena", q->name_off, q->name_len);
}

/* Extract the quotes of the input and check them. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready = false;
	NnQuoteList list;
	char		err[256];

	if (!ready)
	{
		if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
							&model, err, sizeof(err)))
			fail(err, 0, 0);
		ner_tagger_init(&tagger, &model);
		ready = true;
	}
	if (nn_quotes_extract(&tagger, (const char *) data, size, &list) != NN_OK)
		fail("extraction succeeds", size, 0);
	for (int32_t i = 0; i < list.n; i++)
		check_quote(&list, &list.items[i], size);
	nn_quotes_free(&list);
	return 0;
}
