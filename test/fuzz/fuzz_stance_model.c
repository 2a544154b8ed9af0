/*
 * fuzz_stance_model.c
 *	  libFuzzer harness over trained stance models: the first byte picks a
 *	  mode and the rest is
 *	    0: a model's text form, parsed (learn_model_from_text);
 *	    1: a model's stored form, validated (learn_model_open);
 *	    2: tab-separated "body, target, label" lines, trained on.
 *	  Every model that is accepted must print, read back to the same bytes
 *	  and predict one of its labels with a probability in (0, 1] for a few
 *	  documents; anything else is reported with abort().
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_model.h"

/* Abort with the broken invariant, which libFuzzer records as a crash. */
static void
fail(const char *what, size_t a)
{
	fprintf(stderr, "fuzz_stance_model.c: invariant failed: %s (%zu)\n", what, a);
	abort();
}

/* Documents each accepted model predicts for; the last is fuzzed text. */
static const char *const docs[][2] = {
	{"Ministers back the harbour plan.", "harbour plan"},
	{"", ""},
	{"\xff\xfe broken \xc3 bytes", "\xe2\x80"},
};

/* Predict with an accepted model; labels and probabilities must make sense. */
static void
check_predictions(const LearnModel *m, const char *text, size_t len)
{
	LearnFeatures f = {0};
	float		probs[LEARN_MAX_LABELS];

	for (size_t i = 0; i <= sizeof(docs) / sizeof(docs[0]); i++)
	{
		const char *doc = i < 3 ? docs[i][0] : text;
		size_t		dlen = i < 3 ? strlen(doc) : len;
		const char *tgt = i < 3 ? docs[i][1] : text;
		size_t		tlen = i < 3 ? strlen(tgt) : (len < 40 ? len : 40);
		int32_t		best;

		if (learn_features(doc, dlen, tgt, tlen, m->nbits, &f) != NN_OK)
			fail("features", i);
		best = learn_predict(m->weights, m->nlabels, &f, probs);
		if (best < 0 || best >= m->nlabels || !(probs[best] > 0.0f && probs[best] <= 1.0f))
			fail("prediction is a label with a probability", (size_t) best);
	}
	learn_features_free(&f);
}

/* An accepted stored model prints, reads back identically and predicts. */
static void
check_model(const char *bytes, size_t len, const char *text, size_t tlen)
{
	char		err[LEARN_MODEL_ERRLEN];
	LearnModel	m;
	char	   *printed,
			   *back;
	size_t		plen,
				blen;

	if (learn_model_open(bytes, len, &m, err) != LEARN_MODEL_OK)
		fail("an accepted model reopens", len);
	printed = learn_model_to_text(&m, &plen);
	if (printed == NULL || strlen(printed) != plen)
		fail("a model prints", len);
	if (learn_model_from_text(printed, plen, &back, &blen, err) != LEARN_MODEL_OK ||
		blen != len || memcmp(back, bytes, len) != 0)
		fail("the printed model reads back to the same bytes", len);
	free(back);
	free(printed);
	check_predictions(&m, text, tlen);
}

/* Mode 0: the text form. */
static void
fuzz_text(const char *s, size_t len)
{
	char		err[LEARN_MODEL_ERRLEN];
	char	   *bytes;
	size_t		blen;

	if (learn_model_from_text(s, len, &bytes, &blen, err) != LEARN_MODEL_OK)
		return;
	check_model(bytes, blen, s, len);
	free(bytes);
}

/* Mode 1: the stored form, copied to aligned memory as the server holds it. */
static void
fuzz_stored(const char *s, size_t len)
{
	char		err[LEARN_MODEL_ERRLEN];
	LearnModel	m;
	char	   *copy = malloc(len ? len : 1);

	memcpy(copy, s, len);
	if (learn_model_open(copy, len, &m, err) == LEARN_MODEL_OK)
		check_model(copy, len, s, len);
	free(copy);
}

/* Mode 2: train on tab-separated lines, then check the stored model. */
static void
fuzz_train(const char *s, size_t len)
{
	LearnOpts	o = learn_default_opts;
	LearnTrainer t;
	LearnFeatures f = {0};
	size_t		at = 0;

	o.nbits = LEARN_MIN_BITS;
	o.passes = 2;
	o.buffer_rows = 4;
	if (learn_trainer_init(&t, &o) != NN_OK)
		fail("trainer starts", 0);
	while (at < len)
	{
		const char *line = s + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t		llen = nl ? (size_t) (nl - line) : len - at;
		const char *tab1 = memchr(line, '\t', llen);
		const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', llen - (size_t) (tab1 + 1 - line)) : NULL;
		int32_t		k;

		at += llen + 1;
		if (tab2 == NULL)
			continue;
		k = learn_trainer_label(&t, tab2 + 1, llen - (size_t) (tab2 + 1 - line));
		if (k < 0)
			continue;
		if (learn_features(line, (size_t) (tab1 - line), tab1 + 1, (size_t) (tab2 - tab1 - 1),
						   o.nbits, &f) != NN_OK ||
			learn_trainer_target(&t, tab1 + 1, (size_t) (tab2 - tab1 - 1)) != NN_OK ||
			learn_trainer_add(&t, &f, k) != NN_OK)
			fail("training step", at);
	}
	learn_features_free(&f);
	if (learn_trainer_finish(&t) != NN_OK)
		fail("training finishes", 0);
	if (t.nlabels >= 2)
	{
		size_t		size = learn_model_size(&t);
		char	   *bytes = malloc(size);

		learn_model_write(&t, bytes);
		check_model(bytes, size, s, len);
		free(bytes);
	}
	learn_trainer_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data + 1;

	if (size == 0)
		return 0;
	if (data[0] % 3 == 0)
		fuzz_text(s, size - 1);
	else if (data[0] % 3 == 1)
		fuzz_stored(s, size - 1);
	else
		fuzz_train(s, size - 1);
	return 0;
}
