/*
 * test_learn_model.c
 *	  Unit tests of the stored and text forms of a trained classifier: exact
 *	  round trips, and refusal of every kind of damaged value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn/learn_model.h"
#include "unit.h"

/* A stored model in 4-byte aligned memory. */
typedef struct Stored
{
	char	   *bytes;
	size_t		len;
} Stored;

/* Train a tiny model whose names need percent-encoding, and store it. */
static Stored
tiny_model(void)
{
	static const char *rows[][3] = {
		{"Ministers back the plan.", "the plan", "pro plan"},
		{"Unions reject the plan.", "the plan", "contra\n100%"},
		{"Ministers back the plan.", "", "pro plan"},
		{"Unions reject the plan.", "caf\xc3\xa9", ""},
	};
	LearnOpts	o = learn_default_opts;
	LearnTrainer t;
	LearnFeatures f = {0};
	Stored		s;

	o.nbits = LEARN_MIN_BITS;
	o.passes = 3;
	learn_trainer_init(&t, &o);
	for (int i = 0; i < 4; i++)
	{
		int32_t		k = learn_trainer_label(&t, rows[i][2], strlen(rows[i][2]));

		learn_features(rows[i][0], strlen(rows[i][0]), rows[i][1], strlen(rows[i][1]), o.nbits, &f);
		learn_trainer_target(&t, rows[i][1], strlen(rows[i][1]));
		learn_trainer_add(&t, &f, k);
	}
	t.skipped = 2;
	learn_trainer_finish(&t);
	s.len = learn_model_size(&t);
	s.bytes = malloc(s.len);
	learn_model_write(&t, s.bytes);
	learn_features_free(&f);
	learn_trainer_free(&t);
	return s;
}

/* Status of opening a copy of s changed by edit (may be NULL). */
static LearnModelStatus
open_edited(const Stored *s, size_t len, void (*edit) (char *), char *err)
{
	char	   *copy = malloc(len ? len : 1);
	LearnModel	m;
	LearnModelStatus st;

	memcpy(copy, s->bytes, len < s->len ? len : s->len);
	if (edit)
		edit(copy);
	st = learn_model_open(copy, len, &m, err);
	free(copy);
	return st;
}

/* Edits of a stored value, each breaking one rule. */
static void bad_magic(char *b) { b[0] = 'X'; }
static void bad_version(char *b) { b[4] = 2; }
static void bad_bits(char *b) { b[8] = 40; }
static void one_label(char *b) { b[12] = 1; }
static void many_labels(char *b) { b[12] = 99; }
static void bad_flags(char *b) { b[20] = 7; }
static void bad_name_len(char *b) { b[LEARN_MODEL_HEADER + 2] = 0x7f; }
static void bad_names_size(char *b) { b[68] += 4; }

/* Round trips: stored -> text -> stored is the identity, and text is stable. */
static void
test_round_trip(const Stored *s)
{
	char		err[LEARN_MODEL_ERRLEN];
	LearnModel	m;
	char	   *text,
			   *text2,
			   *back;
	size_t		tlen,
				tlen2,
				blen;

	CHECK(learn_model_open(s->bytes, s->len, &m, err) == LEARN_MODEL_OK, "a trained model opens");
	CHECK(m.nlabels == 3 && m.ntargets == 3 && m.rows == 4 && m.skipped == 2,
		  "labels, targets and counts are kept");
	text = learn_model_to_text(&m, &tlen);
	CHECK(strstr(text, "labels 3 pro%20plan contra%0A100%25 \n") != NULL,
		  "names are percent-encoded, an empty one too");
	CHECK(strstr(text, "targets 3 the%20plan  caf%C3%A9\n") != NULL, "an empty target is listed");
	CHECK(learn_model_from_text(text, tlen, &back, &blen, err) == LEARN_MODEL_OK,
		  "the text form reads back");
	CHECK(blen == s->len && memcmp(back, s->bytes, blen) == 0, "to the same bytes");
	learn_model_open(back, blen, &m, err);
	text2 = learn_model_to_text(&m, &tlen2);
	CHECK(tlen == tlen2 && strcmp(text, text2) == 0, "and prints the same text");
	free(text);
	free(text2);
	free(back);
}

/* Damaged stored values are refused with a reason. */
static void
test_bad_stored(const Stored *s)
{
	char		err[LEARN_MODEL_ERRLEN];
	char	   *nan_copy;
	LearnModel	m;
	float		nan = NAN;
	float		huge = 1e30f;
	int			refused = 0;

	for (size_t len = 0; len < s->len; len += 1 + len / 4)
		refused += open_edited(s, len, NULL, err) == LEARN_MODEL_BAD;
	CHECK(refused > 10, "every truncation is refused (%d)", refused);
	CHECK(open_edited(s, 10, NULL, err) == LEARN_MODEL_BAD && strstr(err, "truncated"),
		  "a short value is called truncated: %s", err);
	CHECK(open_edited(s, s->len, bad_magic, err) == LEARN_MODEL_BAD && strstr(err, "magic"),
		  "wrong magic: %s", err);
	CHECK(open_edited(s, s->len, bad_version, err) == LEARN_MODEL_BAD && strstr(err, "version"),
		  "wrong version: %s", err);
	CHECK(open_edited(s, s->len, bad_bits, err) == LEARN_MODEL_BAD, "bits out of range: %s", err);
	CHECK(open_edited(s, s->len, one_label, err) == LEARN_MODEL_BAD, "one label: %s", err);
	CHECK(open_edited(s, s->len, many_labels, err) == LEARN_MODEL_BAD, "99 labels: %s", err);
	CHECK(open_edited(s, s->len, bad_flags, err) == LEARN_MODEL_BAD, "unknown flags: %s", err);
	CHECK(open_edited(s, s->len, bad_name_len, err) == LEARN_MODEL_BAD, "a name overruns: %s", err);
	CHECK(open_edited(s, s->len, bad_names_size, err) == LEARN_MODEL_BAD, "names size: %s", err);
	CHECK(open_edited(s, s->len + 4, NULL, err) == LEARN_MODEL_BAD, "trailing bytes: %s", err);
	nan_copy = malloc(s->len);
	memcpy(nan_copy, s->bytes, s->len);
	memcpy(nan_copy + s->len - 8, &nan, sizeof(nan));
	CHECK(learn_model_open(nan_copy, s->len, &m, err) == LEARN_MODEL_BAD && strstr(err, "finite"),
		  "a NaN weight: %s", err);
	memcpy(nan_copy + s->len - 8, &huge, sizeof(huge));
	CHECK(learn_model_open(nan_copy, s->len, &m, err) == LEARN_MODEL_BAD && strstr(err, "range"),
		  "a finite weight so large scores could overflow: %s", err);
	free(nan_copy);
}

/* Damaged text forms are refused; oversized ones with TOO_BIG. */
static void
test_bad_text(const Stored *s)
{
	static const char *swaps[][2] = {
		{"newsnlp.stance_model 1\n", "newsnlp.stance_model 2\n"},
		{"bits 10\n", "bits 9\n"},
		{"bits 10\n", "bits 010\n"},
		{"labels 3 ", "labels 2 "},
		{"labels 3 ", "labels 4 "},
		{"labels 3 pro%20plan", "labels 3 pro plan"},
		{"labels 3 pro%20plan", "labels 3 pro%2"},
		{"targets 3 ", "targets 65 "},
		{"rows 4\n", "rows -4\n"},
		{"rows 4\n", "rows 99999999999999999999\n"},
		{"cost 0.002\n", "cost nan\n"},
		{"cost 0.002\n", "cost -1\n"},
		{"tolerance 0.1\n", "tolerance inf\n"},
		{"balance 1\n", "balance 2\n"},
		{"skipped 2\n", ""},
		{"weights ", "weights A"},
	};
	char		err[LEARN_MODEL_ERRLEN];
	LearnModel	m;
	char	   *text,
			   *out;
	size_t		tlen,
				olen;

	learn_model_open(s->bytes, s->len, &m, err);
	text = learn_model_to_text(&m, &tlen);
	for (size_t i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++)
	{
		char	   *at = strstr(text, swaps[i][0]);
		char	   *bad = malloc(tlen + 64);
		size_t		pre = (size_t) (at - text);
		LearnModelStatus st;

		memcpy(bad, text, pre);
		strcpy(bad + pre, swaps[i][1]);
		strcat(bad, at + strlen(swaps[i][0]));
		st = learn_model_from_text(bad, strlen(bad), &out, &olen, err);
		CHECK(at && st == LEARN_MODEL_BAD, "damaged text %zu is refused: %s", i, err);
		if (st == LEARN_MODEL_OK)
			free(out);
		free(bad);
	}
	CHECK(learn_model_from_text(text, tlen - 3, &out, &olen, err) == LEARN_MODEL_BAD,
		  "cut base64 is refused: %s", err);
	text[tlen - 6] = text[tlen - 6] == 'A' ? 'B' : 'A';
	CHECK(learn_model_from_text(text, tlen, &out, &olen, err) == LEARN_MODEL_OK ||
		  strstr(err, "finite"), "a changed weight reads, or fails as not finite");
	free(out);
	CHECK(learn_model_from_text("", 0, &out, &olen, err) == LEARN_MODEL_BAD, "empty text: %s", err);
	free(text);
}

/* The size limit refuses before allocating. */
static void
test_too_big(void)
{
	const char *big = "newsnlp.stance_model 1\nbits 24\nlabels 32 a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F\n"
		"targets 0\ntargets_truncated 0\nrows 1\nskipped 0\npasses 1\ntolerance 0.1\ncost 1\nseed 1\n"
		"buffer_rows 1\nbuffer_feats 1\nbalance 1\nweights AAAA";
	char		err[LEARN_MODEL_ERRLEN];
	char	   *out;
	size_t		olen;

	CHECK(learn_model_from_text(big, strlen(big), &out, &olen, err) == LEARN_MODEL_TOO_BIG,
		  "32 labels of 2^24 weights are over the limit: %s", err);
}

int
main(void)
{
	Stored		s = tiny_model();

	test_round_trip(&s);
	test_bad_stored(&s);
	test_bad_text(&s);
	test_too_big();
	free(s.bytes);
	return unit_done();
}
