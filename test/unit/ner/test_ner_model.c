/*
 * test_ner_model.c
 *	  Model save/load round trip, and rejection of corrupted or hostile
 *	  images (truncations, flipped bytes, out-of-range fields with a valid
 *	  checksum). Run under the sanitizers, so a bad read fails the test.
 */
#include "fixtures.h"
#include "ner_decode.h"
#include "ner_test_corpus.h"
#include "unit.h"

/* Offsets in an image without a lexicon. */
#define OFF_VERSION 4
#define OFF_SIZE 8
#define OFF_STAGES 12
#define OFF_NLEX 16
#define OFF_LEXSLOTS 20
#define OFF_CONF_A 24
#define OFF_NROWS 32
#define OFF_NSLOTS 36
#define OFF_SCALE 40
#define OFF_TABLE (44 + (NER_NLABELS + 1) * NER_NLABELS * 2)

/* True if loading the bytes fails cleanly. */
static bool
rejected(const uint8_t *buf, size_t len)
{
	char		err[128];
	NerModel   *m = ner_model_load(buf, len, err, sizeof(err));

	if (m == NULL)
		return err[0] != '\0';
	ner_model_free(m);
	return false;
}

/* Edit a copy of the image at off, reseal it, and check it is rejected. */
static void
check_edit(const uint8_t *img, size_t len, size_t off, uint32_t value, const char *what)
{
	uint8_t    *b = malloc(len);

	memcpy(b, img, len);
	put32(b + off, value);
	reseal(b, len);
	CHECK(rejected(b, len), "rejects %s", what);
	free(b);
}

/* Save, load, save again: same bytes, same tags. */
static void
test_round_trip(NerModel *m, const TestCorpus *c, uint8_t **img, size_t *len)
{
	uint8_t    *again;
	size_t		len2;
	char		err[128];
	NerModel   *back;
	NerTagger	t1,
				t2;
	uint8_t		l1[TC_SENTS * TC_MAXTOK],
				l2[TC_SENTS * TC_MAXTOK];

	CHECK(ner_model_save(m, img, len), "model saved (%zu bytes)", *len);
	back = ner_model_load(*img, *len, err, sizeof(err));
	CHECK(back != NULL, "model loads back");
	CHECK(ner_model_save(back, &again, &len2) && len2 == *len &&
		  memcmp(again, *img, *len) == 0, "saving the loaded model gives the same bytes");
	ner_tagger_init(&t1, m);
	ner_tagger_init(&t2, back);
	ner_tag(&t1, &c->docs[0].doc, l1, NULL);
	ner_tag(&t2, &c->docs[0].doc, l2, NULL);
	CHECK(memcmp(l1, l2, (size_t) c->docs[0].doc.ntokens) == 0, "both tag alike");
	ner_tagger_free(&t1);
	ner_tagger_free(&t2);
	ner_model_free(back);
	free(again);
}

/* Every short prefix and a spread of longer ones are rejected. */
static void
test_truncation(const uint8_t *img, size_t len)
{
	bool		all = true;

	for (size_t n = 0; n < len; n += n < 256 ? 1 : 509)
		all &= rejected(img, n);
	CHECK(all, "every truncation is rejected");
	CHECK(rejected(NULL, 0), "a NULL buffer is rejected");
}

/* Flipping any one byte is caught. */
static void
test_flips(const uint8_t *img, size_t len)
{
	uint8_t    *b = malloc(len);
	bool		all = true;

	for (size_t i = 0; i < len; i += i < 700 ? 1 : 97)
	{
		memcpy(b, img, len);
		b[i] ^= 0x5A;
		all &= rejected(b, len);
	}
	CHECK(all, "every flipped byte is rejected");
	free(b);
}

/* Offset of the key of the first used slot of the table. */
static size_t
first_key(const uint8_t *img, size_t len)
{
	size_t		off = OFF_TABLE;

	while (off + 4 < len && (img[off] | img[off + 1] | img[off + 2] | img[off + 3]) == 0)
		off += sizeof(NerSlot);
	return off;
}

/* Out-of-range fields behind a valid checksum are rejected by validation. */
static void
test_fields(const uint8_t *img, size_t len)
{
	uint32_t	nslots = img[OFF_NSLOTS] | (img[OFF_NSLOTS + 1] << 8) |
		(img[OFF_NSLOTS + 2] << 16) | ((uint32_t) img[OFF_NSLOTS + 3] << 24);

	check_edit(img, len, 0, 0x52454E4D, "a bad magic");
	check_edit(img, len, OFF_VERSION, 1 | (NER_NLABELS << 16), "another version");
	check_edit(img, len, OFF_VERSION, NER_MODEL_VERSION | (9u << 16), "another label count");
	check_edit(img, len, OFF_SIZE, (uint32_t) len + 8, "a wrong size");
	check_edit(img, len, OFF_STAGES, 0, "zero stages");
	check_edit(img, len, OFF_STAGES, 3, "three stages");
	check_edit(img, len, OFF_NLEX, 0xFFFFFFFFu, "a huge lexicon");
	check_edit(img, len, OFF_NLEX, 3, "a lexicon without a table");
	check_edit(img, len, OFF_LEXSLOTS, 16, "a lexicon table without entries");
	check_edit(img, len, OFF_CONF_A, 0x7FC00000u, "a NaN calibration");
	check_edit(img, len, OFF_NROWS, 0xFFFFFFFFu, "a huge row count");
	check_edit(img, len, OFF_NROWS, nslots, "a full table, where probes never end");
	check_edit(img, len, OFF_NROWS, 1, "a row count the table disagrees with");
	check_edit(img, len, OFF_NSLOTS, nslots + 1, "a table overrunning the buffer");
	check_edit(img, len, OFF_NSLOTS, 0xFFFFFFF0u, "a huge table");
	check_edit(img, len, OFF_SCALE, 0, "a zero scale");
	check_edit(img, len, OFF_SCALE, 0x7F800000u, "an infinite scale");
	check_edit(img, len, first_key(img, len), 0, "a row dropped from the table");
}

/*
 * Opening in place: the view points into the buffer and tags like the
 * trained model; a misaligned buffer is refused.
 */
static void
test_view(const NerModel *m, const TestCorpus *c, const uint8_t *img, size_t len)
{
	uint32_t   *aligned = malloc(len + 8);
	uint8_t    *copy = (uint8_t *) aligned;
	NerModel	view;
	NerTagger	t1,
				t2;
	uint8_t		l1[TC_SENTS * TC_MAXTOK],
				l2[TC_SENTS * TC_MAXTOK];
	char		err[128];
	bool		ok;

	memcpy(copy, img, len);
	ok = ner_model_open(copy, len, &view, err, sizeof(err));
	CHECK(ok && (const uint8_t *) view.stage[0].table > copy &&
		  (const uint8_t *) view.stage[0].table < copy + len, "the view points into the image");
	ner_tagger_init(&t1, m);
	ner_tagger_init(&t2, &view);
	ner_tag(&t1, &c->docs[0].doc, l1, NULL);
	ner_tag(&t2, &c->docs[0].doc, l2, NULL);
	CHECK(memcmp(l1, l2, (size_t) c->docs[0].doc.ntokens) == 0, "the view tags like the model");
	ner_tagger_free(&t1);
	ner_tagger_free(&t2);
	memmove(copy + 1, copy, len);
	CHECK(!ner_model_open(copy + 1, len, &view, err, sizeof(err)) &&
		  strstr(err, "misaligned") != NULL, "a misaligned image is refused: %s", err);
	free(aligned);
}

/* Random bytes with a valid header and checksum never crash the loader. */
static void
test_random(const uint8_t *img, size_t len)
{
	uint8_t    *b = malloc(len);
	uint64_t	state = 42;
	int			accepted = 0;

	for (int round = 0; round < 300; round++)
	{
		memcpy(b, img, len);
		for (int k = 0; k < 4; k++)
		{
			size_t		at;

			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			at = (size_t) (state >> 33) % (OFF_TABLE + 8);
			b[at] = (uint8_t) (state >> 17);
		}
		reseal(b, len);
		accepted += !rejected(b, len);
	}
	CHECK(true, "300 random header edits loaded or rejected without a fault (%d loaded)", accepted);
	free(b);
}

/* The shipped model, when run from the repository root, loads and tags. */
static void
test_shipped(void)
{
	FILE	   *f = fopen("data/ner/ner-en.model", "rb");
	NerText		tok[] = {{"Angela", 6}, {"Merkel", 6}, {"flew", 4}, {"to", 2},
	{"Paris", 5}, {".", 1}};
	int32_t		starts[] = {0, 6};
	NerDoc		doc = {tok, 6, starts, 1};
	uint8_t    *buf = malloc(NER_MODEL_MAX_BYTES);
	size_t		len;
	char		err[128];
	NerModel   *m;
	NerTagger	tg;
	uint8_t		lab[6];
	float		mar[6];
	NerEntity	e[6];
	int			n;

	if (f == NULL)
	{
		CHECK(true, "no shipped model here: skipped");
		free(buf);
		return;
	}
	len = fread(buf, 1, NER_MODEL_MAX_BYTES, f);
	fclose(f);
	m = ner_model_load(buf, len, err, sizeof(err));
	CHECK(m != NULL && m->nstages == 2 && m->nlex > 0, "shipped model loads");
	if (m == NULL)
	{
		free(buf);
		return;
	}
	ner_tagger_init(&tg, m);
	ner_tag(&tg, &doc, lab, mar);
	n = ner_entities(m, &doc, lab, mar, e);
	CHECK(n == 2 && e[0].type == NER_PER && e[0].end - e[0].start == 2 &&
		  e[1].type == NER_LOC && e[1].start == 4, "shipped model finds PER and LOC");
	CHECK(n == 2 && e[0].confidence > 0.5f && e[1].confidence > 0.5f,
		  "with confidences %.2f and %.2f", n > 0 ? e[0].confidence : 0, n > 1 ? e[1].confidence : 0);
	ner_tagger_free(&tg);
	ner_model_free(m);
	free(buf);
}

/* Run the tests. */
int
main(void)
{
	static TestCorpus c;
	NerModel   *m;
	uint8_t    *img;
	size_t		len;

	tc_build(&c);
	m = tc_train(&c, 1);
	CHECK(m != NULL && m->nstages == 1 && m->nlex == 0, "a one-stage model trained");
	test_round_trip(m, &c, &img, &len);
	test_truncation(img, len);
	test_flips(img, len);
	test_fields(img, len);
	test_view(m, &c, img, len);
	test_random(img, len);
	test_shipped();
	free(img);
	ner_model_free(m);
	return unit_done();
}
