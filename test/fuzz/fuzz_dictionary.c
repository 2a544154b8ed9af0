/*
 * fuzz_dictionary.c
 *	  libFuzzer harness over user dictionaries: compiling arbitrary terms,
 *	  labels and canonical names, then extracting entities with the result.
 *	  The input is the dictionary, one entry a line as
 *	  "term<TAB>label<TAB>canonical" (label and canonical optional), then a
 *	  line holding only "---" and the text to analyse. Compiling either
 *	  succeeds or names an error and, for a row's fault, the row; matching
 *	  gives in-order, non-overlapping spans inside the text whose dictionary
 *	  mentions carry a canonical name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"
#include "entities.h"
#include "ner_model.h"

#define MAX_ENTRIES 64

static NerModel model;
static NerTagger tagger;

/* Report a broken invariant and abort so libFuzzer keeps the input. */
static void
fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "invariant broken: %s (%zu, %zu)\n", what, a, b);
	abort();
}

/* Open the embedded model once. */
static void
setup(void)
{
	char		err[256];

	if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
						&model, err, sizeof(err)))
		fail(err, 0, 0);
	ner_tagger_init(&tagger, &model);
}

/* Cut the next field, ending at a tab or the end of the line, off *p. */
static const char *
field(const char **p, const char *end, size_t *len)
{
	const char *start = *p;
	const char *q = start;

	while (q < end && *q != '\t')
		q++;
	*len = (size_t) (q - start);
	*p = q < end ? q + 1 : q;
	return start;
}

/* Parse one dictionary line [s, end) into e; a missing canonical is NULL. */
static void
parse_entry(const char *s, const char *end, NnDictEntry *e)
{
	e->term = field(&s, end, &e->term_len);
	e->label = "PER";
	e->label_len = 3;
	e->canonical = NULL;
	e->canonical_len = 0;
	if (s < end)
		e->label = field(&s, end, &e->label_len);
	if (s < end)
		e->canonical = field(&s, end, &e->canonical_len);
}

/* Split the input into entries and the text after the "---" line. */
static int
parse_input(const char *data, size_t size, NnDictEntry *entries, const char **text,
			size_t *text_len)
{
	const char *p = data;
	const char *end = data + size;
	int			n = 0;

	*text = end;
	*text_len = 0;
	while (p < end)
	{
		const char *nl = memchr(p, '\n', (size_t) (end - p));
		const char *eol = nl ? nl : end;

		if (eol - p == 3 && memcmp(p, "---", 3) == 0)
		{
			*text = nl ? nl + 1 : end;
			*text_len = (size_t) (end - *text);
			break;
		}
		if (n < MAX_ENTRIES)
			parse_entry(p, eol, &entries[n++]);
		p = nl ? nl + 1 : end;
	}
	return n;
}

/* Extract the text's entities with dictionary d and check them. */
static void
check_matches(const NnDict *d, const char *text, size_t len)
{
	NnEntityExtractor ex;
	const NnEntity *ents;
	size_t		prev_end = 0;
	int			n;

	if (nn_entities_begin(&ex, &tagger, d, text, len) != NN_OK)
		fail("extraction starts", len, 0);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
		for (int i = 0; i < n; i++)
		{
			const NnEntity *e = &ents[i];

			if (e->start >= e->end || e->end > len || e->start < prev_end)
				fail("spans inside the text, in order, not overlapping", e->start, e->end);
			if (e->canon_len == 0 || nn_entities_canonical(&ex, e) == NULL)
				fail("canonical name", e->start, e->end);
			prev_end = e->end;
		}
	if (ex.status != NN_OK)
		fail("extraction ends without an error", (size_t) ex.status, 0);
	nn_entities_end(&ex);
}

/* Compile the input's dictionary and, if it compiles, match its text. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready = false;
	NnDictEntry entries[MAX_ENTRIES];
	const char *text;
	size_t		text_len;
	NnDict	   *d = NULL;
	int32_t		bad = -2;
	int			n;
	NnDictError err;

	if (!ready)
	{
		setup();
		ready = true;
	}
	n = parse_input((const char *) data, size, entries, &text, &text_len);
	err = nn_dict_build(entries, n, &d, &bad);
	if (err != NN_DICT_OK)
	{
		if (d != NULL || bad < -1 || bad >= n || nn_dict_error_message(err) == NULL)
			fail("a failed build names its error and row", (size_t) err, (size_t) bad);
		return 0;
	}
	if (n > 0 && (d == NULL || nn_dict_size(d) < 1 || nn_dict_size(d) > n))
		fail("a dictionary of the entries", (size_t) n, 0);
	check_matches(d, text, text_len);
	nn_dict_free(d);
	return 0;
}
