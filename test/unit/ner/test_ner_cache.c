/*
 * test_ner_cache.c
 *	  The tagger's word cache changes nothing but speed: the keys of a
 *	  position split exactly into per-word and context keys, and cached
 *	  emission scores, labels and margins equal those computed afresh, with
 *	  the cache on, off, and so small that it fills and starts over.
 */
#include <stdlib.h>

#include "ner_decode.h"
#include "ner_test_corpus.h"
#include "unit.h"

#define L NER_NLABELS

/* Words of the test corpus given lexicon entries, so cluster features fire. */
static const char *const lex_words[] = {
	"the", "of", "in", "visited", "shares", "rose", "mayor", "met", ".", "corp",
	"anna", "riga", "porto", "zentrix"
};

#define NLEX (sizeof(lex_words) / sizeof(lex_words[0]))

/* qsort comparator of uint32_t. */
static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a;
	uint32_t	y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

/* Train a two-stage model on the corpus with a small made-up lexicon. */
static NerModel *
train_with_lexicon(const TestCorpus *c)
{
	uint32_t	keys[NLEX];
	uint32_t	values[NLEX];
	NerTrainOptions opt;

	for (size_t k = 0; k < NLEX; k++)
		keys[k] = ner_lex_key(lex_words[k], strlen(lex_words[k]));
	qsort(keys, NLEX, sizeof(uint32_t), cmp_u32);
	for (size_t k = 0; k < NLEX; k++)
		values[k] = NER_LEX_MAKE(1 + k % 3, k % 64, (k * 7) % 256, (k * 31) % 1024);
	ner_train_defaults(&opt);
	opt.iters = 4;
	opt.folds = 2;
	opt.min_count = 1;
	opt.nlex = NLEX;
	opt.lexkeys = keys;
	opt.lexvalues = values;
	return ner_train(c->docs, TC_DOCS, &opt);
}

/* A position's keys are its words' keys at every offset plus its context keys. */
static void
test_key_split(const TestCorpus *c, const NerModel *m)
{
	const NerDoc *doc = &c->docs[0].doc;
	NerTokInfo *in = malloc(sizeof(NerTokInfo) * (size_t) doc->ntokens);
	bool		same = true;

	ner_doc_infos(doc, &m->lex, in, NULL);
	for (int32_t i = 0; i < doc->sent_start[1]; i++)
	{
		uint32_t	all[NER_MAX_FEATURES];
		uint32_t	parts[NER_MAX_FEATURES + NER_NOFFSETS * NER_MAX_WORD_FEATURES];
		int32_t		end = doc->sent_start[1];
		bool		clusters = ner_has_clusters(in, 0, end, i);
		int			n = ner_features(in, NULL, 0, end, i, all);
		int			np = 0;

		for (int d = -NER_WINDOW; d <= NER_WINDOW; d++)
			np += ner_offset_features(i + d < 0 || i + d >= end ? NULL : &in[i + d], d,
									  clusters, parts + np);
		np += ner_context_features(in, NULL, 0, end, i, parts + np);
		qsort(all, n, sizeof(uint32_t), cmp_u32);
		qsort(parts, np, sizeof(uint32_t), cmp_u32);
		same &= n == np && memcmp(all, parts, sizeof(uint32_t) * n) == 0;
	}
	CHECK(same, "keys of a position = keys of its window's words + context keys");
	free(in);
}

/* Cached emission scores of every sentence and stage equal uncached ones. */
static bool
emissions_equal(const NerTagger *tg, const NerDoc *doc)
{
	const NerModel *m = tg->model;
	double	   *a = malloc(sizeof(double) * L * (size_t) doc->ntokens);
	double	   *b = malloc(sizeof(double) * L * (size_t) doc->ntokens);
	bool		same = true;

	for (int s = 0; s < m->nstages; s++)
	{
		for (int32_t k = 0; k < doc->nsent; k++)
		{
			int32_t		start = doc->sent_start[k];
			int32_t		end = doc->sent_start[k + 1];

			ner_tagger_emit(tg, s, start, end, a);
			ner_stage_emit(&m->stage[s], tg->infos, s ? tg->s1 : NULL, start, end, b);
			same &= memcmp(a, b, sizeof(double) * L * (size_t) (end - start)) == 0;
		}
	}
	free(a);
	free(b);
	return same;
}

/* Positions of a tagged document whose window the cache covered. */
static int
cached_tokens(const NerTagger *tg, const NerDoc *doc)
{
	int			n = 0;

	for (int32_t i = 0; i < doc->ntokens; i++)
		n += tg->word[i] >= 0;
	return n;
}

/* Labels and margins with three cache sizes, and cached against fresh emissions. */
static void
check_doc(NerTagger tg[3], const NerDoc *doc, const char *what)
{
	uint8_t    *lab[3];
	float	   *mar[3];
	bool		emit_ok = true;

	for (int k = 0; k < 3; k++)
	{
		lab[k] = malloc((size_t) doc->ntokens);
		mar[k] = malloc(sizeof(float) * (size_t) doc->ntokens);
		CHECK(ner_tag(&tg[k], doc, lab[k], mar[k]) == NN_OK, "%s: tagged (cache %d)",
			  what, tg[k].cache_words);
		emit_ok &= emissions_equal(&tg[k], doc);
	}
	CHECK(emit_ok, "%s: cached emission scores equal fresh ones", what);
	CHECK(cached_tokens(&tg[0], doc) > 0 && cached_tokens(&tg[1], doc) == 0,
		  "%s: the default cache serves tokens, a zero one none", what);
	for (int k = 1; k < 3; k++)
	{
		CHECK(memcmp(lab[0], lab[k], (size_t) doc->ntokens) == 0 &&
			  memcmp(mar[0], mar[k], sizeof(float) * (size_t) doc->ntokens) == 0,
			  "%s: same labels and margins with cache %d", what, tg[k].cache_words);
		free(lab[k]);
		free(mar[k]);
	}
	free(lab[0]);
	free(mar[0]);
}

/* Unknown words in a row, a word too long to cache, edges: all as uncached. */
static void
check_odd_words(NerTagger tg[3])
{
	char		longword[NER_MAX_TOKEN_BYTES + 10];
	NerText		tok[] = {{"Xqzt", 4}, {"Wplk", 4}, {"Vrrn", 4}, {"visited", 7},
	{longword, sizeof(longword)}, {".", 1}, {"Riga", 4}, {"the", 3}, {"Corp", 4}};
	int32_t		starts[] = {0, 6, 7, 9};
	NerDoc		doc = {tok, 9, starts, 3};

	memset(longword, 'a', sizeof(longword));
	check_doc(tg, &doc, "odd words");
}

/* Without a lexicon no position has cluster features: the cache only supplies summaries. */
static void
test_no_lexicon(const TestCorpus *c)
{
	NerModel   *m = tc_train(c, 2);
	NerTagger	tg[3];

	for (int k = 0; k < 3; k++)
		ner_tagger_init(&tg[k], m);
	tg[1].cache_words = 0;
	tg[2].cache_words = 40;
	for (int d = 0; d < 4; d++)
		check_doc(tg, &c->docs[d].doc, "no lexicon");
	for (int k = 0; k < 3; k++)
		ner_tagger_free(&tg[k]);
	ner_model_free(m);
}

/* Run the tests. */
int
main(void)
{
	static TestCorpus c;
	NerModel   *m;
	NerTagger	tg[3];

	tc_build(&c);
	m = train_with_lexicon(&c);
	CHECK(m != NULL && m->nstages == 2 && m->nlex == NLEX, "model with a lexicon trained");
	test_key_split(&c, m);
	for (int k = 0; k < 3; k++)
		ner_tagger_init(&tg[k], m);
	tg[1].cache_words = 0;
	tg[2].cache_words = 40;
	for (int d = 0; d < TC_DOCS; d++)
		check_doc(tg, &c.docs[d].doc, "corpus document");
	check_odd_words(tg);
	CHECK(tg[2].nwords <= 40, "a small cache stays within its size (%d)", tg[2].nwords);
	for (int k = 0; k < 3; k++)
		ner_tagger_free(&tg[k]);
	ner_model_free(m);
	test_no_lexicon(&c);
	return unit_done();
}
