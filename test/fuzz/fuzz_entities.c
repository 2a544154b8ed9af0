/*
 * fuzz_entities.c
 *	  libFuzzer harness over entity extraction: the tokenizer, the tagger
 *	  with the embedded model, mention cleaning, name resolution and, on odd
 *	  inputs, the override of a small user dictionary. Every mention must be
 *	  a non-empty span inside the input, in order, not overlapping, with a
 *	  known label, a score in [0, 1] and a non-empty canonical name.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dictionary.h"
#include "entities.h"
#include "ner_model.h"

static NerModel model;
static NerTagger tagger;
static NnDict *dict;

/* Report a broken invariant and abort so libFuzzer keeps the input. */
static void
fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "invariant broken: %s (%zu, %zu)\n", what, a, b);
	abort();
}

/* Open the embedded model and compile the dictionary once. */
static void
setup(void)
{
	static const NnDictEntry entries[] = {
		{"Tobias Harris", 13, "PER", 3, "Q1", 2},
		{"NATO", 4, "ORG", 3, NULL, 0},
		{"Kyiv", 4, "LOC", 3, "Kyiv", 4}
	};
	char		err[256];
	int32_t		bad;

	if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
						&model, err, sizeof(err)))
		fail(err, 0, 0);
	ner_tagger_init(&tagger, &model);
	if (nn_dict_build(entries, 3, &dict, &bad) != NN_DICT_OK)
		fail("dictionary builds", (size_t) bad, 0);
}

/* Check one batch of mentions against the input and the previous end. */
static size_t
check_batch(const NnEntityExtractor *ex, const NnEntity *ents, int n, size_t len,
			size_t prev_end)
{
	for (int i = 0; i < n; i++)
	{
		const NnEntity *e = &ents[i];

		if (e->start >= e->end || e->end > len)
			fail("span inside the input", e->start, e->end);
		if (e->start < prev_end)
			fail("mentions in order, not overlapping", e->start, prev_end);
		if (e->type >= NER_NTYPES)
			fail("known label", (size_t) e->type, 0);
		if (!(e->score >= 0.0f && e->score <= 1.0f))
			fail("score in [0, 1]", e->start, e->end);
		if (e->canon_len == 0 || nn_entities_canonical(ex, e) == NULL)
			fail("canonical name", e->start, e->end);
		prev_end = e->end;
	}
	return prev_end;
}

/* Extract the mentions of the input and check them. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready = false;
	NnEntityExtractor ex;
	const NnEntity *ents;
	size_t		prev_end = 0;
	int			n;

	if (!ready)
	{
		setup();
		ready = true;
	}
	if (nn_entities_begin(&ex, &tagger, (size & 1) ? dict : NULL, (const char *) data,
						  size) != NN_OK)
		fail("extraction starts", size, 0);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
		prev_end = check_batch(&ex, ents, n, size, prev_end);
	if (ex.status != NN_OK)
		fail("extraction ends without an error", (size_t) ex.status, 0);
	nn_entities_end(&ex);
	return 0;
}
