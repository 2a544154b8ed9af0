/*
 * test_stance_model.c
 *	  Model save/load round trip, and rejection of corrupted or hostile
 *	  images (flipped bytes, truncations, out-of-range fields under a valid
 *	  checksum). Run under the sanitizers, so a bad read fails the test.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "stance.h"
#include "unit.h"

#define BITS 8
#define OFF_SIZE 8
#define OFF_BITS 12
#define OFF_GROUPS 16
#define OFF_LEXSLOTS 20
#define OFF_SCALE 24
#define OFF_LEX 28

/* True if loading the bytes fails cleanly with a message. */
static bool
rejected(const uint8_t *buf, size_t len)
{
	char		err[128] = "";
	StanceModel *m = stance_model_load(buf, len, err, sizeof(err));

	if (m == NULL)
		return err[0] != '\0';
	stance_model_free(m);
	return false;
}

/* Set a u32 field of a copy, reseal, and check the copy is rejected. */
static bool
field_rejected(const uint8_t *img, size_t len, size_t off, uint32_t v)
{
	uint8_t    *copy = malloc(len);
	bool		r;

	memcpy(copy, img, len);
	put32(copy + off, v);
	reseal(copy, len);
	r = rejected(copy, len);
	free(copy);
	return r;
}

int
main(void)
{
	const char *words[] = {"good", "bad", "great"};
	int32_t		vals[] = {190, -250, 310};
	size_t		nw = (size_t) STANCE_NLABELS << BITS;
	float	   *w = malloc(sizeof(float) * nw);
	StanceLexicon lex;
	uint8_t    *img;
	size_t		len;
	StanceModel *m;
	char		err[128];
	bool		same = true;
	bool		all_rejected = true;
	uint32_t	lexslots;

	for (size_t i = 0; i < nw; i++)
		w[i] = (float) ((int) (i * 7919 % 201) - 100) / 50.0f;
	CHECK(stance_lexicon_build(words, vals, 3, &lex), "lexicon builds");
	CHECK(stance_model_save(BITS, STANCE_G_ALL, w, &lex, &img, &len), "model saves");
	m = stance_model_load(img, len, err, sizeof(err));
	CHECK(m != NULL, "saved model loads");
	CHECK(m && m->nbits == BITS && m->groups == STANCE_G_ALL, "bits and groups survive");
	for (size_t i = 0; m && i < nw; i++)
		same &= fabsf(m->w[i] * m->scale - w[i]) <= m->scale;
	CHECK(m && same, "weights survive quantization within one step");
	CHECK(m && stance_lex_lookup(&m->lex, stance_word_key("Good", 4)) == 190,
		  "lexicon lookup folds case");
	CHECK(m && stance_lex_lookup(&m->lex, stance_word_key("awful", 5)) == 0,
		  "a word outside the lexicon has valence 0");

	for (size_t off = 0; off < len; off += len / 97 + 1)
	{
		img[off] ^= 0x5A;
		all_rejected &= rejected(img, len);
		img[off] ^= 0x5A;
	}
	CHECK(all_rejected, "every flipped byte is rejected");
	all_rejected = true;
	for (size_t cut = 0; cut < len; cut += len / 31 + 1)
		all_rejected &= rejected(img, cut);
	CHECK(all_rejected, "every truncation is rejected");
	CHECK(rejected(NULL, 64), "a NULL buffer is rejected");

	lexslots = m ? m->lex.mask + 1 : 0;
	CHECK(field_rejected(img, len, OFF_SIZE, (uint32_t) len + 4), "size mismatch rejected");
	CHECK(field_rejected(img, len, OFF_BITS, 30), "bucket bits beyond the limit rejected");
	CHECK(field_rejected(img, len, OFF_BITS, BITS + 1), "bucket bits disagreeing with the size rejected");
	CHECK(field_rejected(img, len, OFF_GROUPS, 0x800), "unknown feature groups rejected");
	CHECK(field_rejected(img, len, OFF_LEXSLOTS, 3), "a lexicon size not a power of two rejected");
	CHECK(field_rejected(img, len, OFF_SCALE, 0x7FC00000), "a NaN weight scale rejected");
	for (uint32_t s = 0; s < lexslots; s++)
		if (m && m->lex.slots[s].key != 0)
		{
			CHECK(field_rejected(img, len, OFF_LEX + 8 * s + 4, 100000),
				  "a lexicon valence out of range rejected");
			break;
		}
	{
		uint8_t    *full = malloc(len);
		bool		r;

		memcpy(full, img, len);
		for (uint32_t s = 0; s < lexslots; s++)
			if (full[OFF_LEX + 8 * s] == 0 && full[OFF_LEX + 8 * s + 1] == 0 &&
				full[OFF_LEX + 8 * s + 2] == 0 && full[OFF_LEX + 8 * s + 3] == 0)
				put32(full + OFF_LEX + 8 * s, 0xABCD0000u + s);
		reseal(full, len);
		r = rejected(full, len);
		CHECK(r, "a lexicon with no empty slot (an endless probe) rejected");
		free(full);
	}
	{
		uint8_t    *odd = malloc(len + 1);
		StanceModel view;

		memcpy(odd + 1, img, len);
		CHECK(!stance_model_open(odd + 1, len, &view, err, sizeof(err)), "a misaligned view is refused");
		free(odd);
	}
	stance_model_free(m);
	free(img);
	free(w);
	free((void *) lex.slots);
	return unit_done();
}
