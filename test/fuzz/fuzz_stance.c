/*
 * fuzz_stance.c
 *	  libFuzzer harness over stance. The first byte picks what the rest is:
 *	  - even: "target\ntext"; stance towards the target by name, towards
 *	    every mention span of a few arbitrary ones, and the claims of the
 *	    text, with the embedded models: scores lie in [-1, 1], labels are
 *	    known, claims point inside the quotes and the arena;
 *	  - odd: byte edits (offset, value pairs) of a small model image; with
 *	    bit 1 set the checksum is resealed so the deeper checks are reached.
 *	    Opening must reject or accept without crashing, and an accepted
 *	    model must classify within range.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_image.h"
#include "ner_model.h"
#include "stance_doc.h"

static NerModel ner;
static NerTagger tagger;
static StanceModel builtin;
static uint8_t *small_img;
static size_t small_len;

/* Report a broken invariant and abort so libFuzzer keeps the input. */
static void
fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "invariant broken: %s (%zu, %zu)\n", what, a, b);
	abort();
}

/* Check one outcome. */
static void
check_result(const StanceResult *r)
{
	if ((unsigned) r->label >= STANCE_NLABELS)
		fail("known label", (size_t) r->label, 0);
	if (!(r->score >= -1.0f && r->score <= 1.0f))
		fail("score in [-1, 1]", 0, 0);
}

/* Open the embedded models and build the small image the edits start from. */
static void
setup(void)
{
	const char *words[] = {"good", "bad", "not"};
	int32_t		vals[] = {190, -250, -10};
	StanceLexicon lex;
	float	   *w = calloc((size_t) STANCE_NLABELS << STANCE_MIN_BITS, sizeof(float));
	char		err[256];

	if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
						&ner, err, sizeof(err)) ||
		!stance_model_open(stance_model_blob, (size_t) (stance_model_blob_end - stance_model_blob),
						   &builtin, err, sizeof(err)))
		fail(err, 0, 0);
	ner_tagger_init(&tagger, &ner);
	for (size_t i = 0; w && i < ((size_t) STANCE_NLABELS << STANCE_MIN_BITS); i++)
		w[i] = (float) ((int) (i % 7) - 3) * 0.25f;
	if (w == NULL || !stance_lexicon_build(words, vals, 3, &lex) ||
		!stance_model_save(STANCE_MIN_BITS, STANCE_G_ALL, w, &lex, &small_img, &small_len))
		fail("small model built", 0, 0);
	free(w);
	free((void *) lex.slots);
}

/* Stance by name, by spans and claims over "target\ntext". */
static void
fuzz_text(const char *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t		tlen = nl ? (size_t) (nl - data) : 0;
	const char *text = nl ? nl + 1 : data;
	size_t		len = size - (size_t) (text - data);
	StanceResult r;
	StanceClaims c;
	NnSpan		spans[3];

	if (stance_of_target(&builtin, &tagger, text, len, data, tlen, &r) != NN_OK)
		fail("stance by name succeeds", len, tlen);
	check_result(&r);
	for (int i = 0; i < 3; i++)
	{
		unsigned char a = size ? (unsigned char) data[i % size] : 0;
		unsigned char b = size ? (unsigned char) data[(i + 1) % size] : 0;

		spans[i].start = len ? (size_t) a * 7 % len : 0;
		spans[i].end = spans[i].start + b % 16;
	}
	if (stance_classify(&builtin, &ner.lex, text, len, spans, 3, &r) != NN_OK)
		fail("stance by spans succeeds", len, 0);
	check_result(&r);
	if (stance_claims(&builtin, &tagger, text, len, &c) != NN_OK)
		fail("claims succeed", len, 0);
	for (int32_t i = 0; i < c.n; i++)
	{
		const StanceClaim *k = &c.items[i];

		if (k->quote < 0 || k->quote >= c.quotes.n)
			fail("claim of a quote", (size_t) k->quote, (size_t) c.quotes.n);
		if (k->name_len == 0 || k->name_off + k->name_len > c.arena_len)
			fail("target name inside the arena", k->name_off, k->name_len);
		if (c.quotes.items[k->quote].name_len == 0)
			fail("claims have speakers", (size_t) k->quote, 0);
		check_result(&k->result);
	}
	stance_claims_free(&c);
}

/* Edit the small model image and open it. */
static void
fuzz_model(const uint8_t *data, size_t size, bool reseal)
{
	uint32_t   *buf = malloc(small_len + 4);
	uint8_t    *img = (uint8_t *) buf;
	size_t		len = small_len;
	StanceModel m;
	StanceResult r;
	NnSpan		span = {0, 5};
	char		err[256];

	memcpy(img, small_img, small_len);
	for (size_t i = 0; i + 2 < size; i += 3)
		img[((size_t) data[i] << 8 | data[i + 1]) % small_len] ^= data[i + 2];
	if (size % 5 == 4)
		len -= (size_t) data[0] % len;
	if (reseal && len >= 8 && len % 4 == 0)
		model_image_seal(img, len);
	if (stance_model_open(img, len, &m, err, sizeof(err)))
	{
		if (stance_classify(&m, NULL, "Smith is not good, but bad.", 27, &span, 1, &r) != NN_OK)
			fail("an accepted model classifies", 0, 0);
		check_result(&r);
	}
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready = false;

	if (!ready)
	{
		setup();
		ready = true;
	}
	if (size == 0)
		return 0;
	if (data[0] & 1)
		fuzz_model(data + 1, size - 1, (data[0] & 2) != 0);
	else
		fuzz_text((const char *) data + 1, size - 1);
	return 0;
}
