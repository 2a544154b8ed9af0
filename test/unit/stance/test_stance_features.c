/*
 * test_stance_features.c
 *	  Features of a target: the mention is masked, only its sentences count,
 *	  and negation, intensifiers and "but" change what the lexicon says; the
 *	  last checked end to end through a model trained on a handful of lines.
 */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "stance.h"
#include "stance_train.h"
#include "unit.h"

/* The first span where needle occurs in text. */
static NnSpan
span_of(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);
	NnSpan		s = {0, 0};

	if (p)
	{
		s.start = (size_t) (p - text);
		s.end = s.start + strlen(needle);
	}
	return s;
}

/* Features of the first occurrence of target in text; keys sorted for comparison. */
static StanceFeatures
feats(const char *text, const char *target, const StanceLexicon *lex)
{
	StanceFeatures f = {0};
	NnSpan		s = span_of(text, target);

	stance_features(text, strlen(text), &s, 1, lex, NULL, STANCE_G_ALL, &f);
	return f;
}

/* Order features by key, then value. */
static int
cmp_feat(const void *a, const void *b)
{
	const StanceFeat *x = a;
	const StanceFeat *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->value > y->value) - (x->value < y->value);
}

/* True if two feature sets are the same multiset. */
static bool
same_features(StanceFeatures *a, StanceFeatures *b)
{
	if (a->n != b->n)
		return false;
	qsort(a->feats, a->n, sizeof(StanceFeat), cmp_feat);
	qsort(b->feats, b->n, sizeof(StanceFeat), cmp_feat);
	return memcmp(a->feats, b->feats, sizeof(StanceFeat) * a->n) == 0;
}

/* Compare the features of two texts and release them. */
static bool
texts_agree(const char *t1, const char *m1, const char *t2, const char *m2,
			const StanceLexicon *lex)
{
	StanceFeatures a = feats(t1, m1, lex);
	StanceFeatures b = feats(t2, m2, lex);
	bool		r = same_features(&a, &b);

	stance_features_free(&a);
	stance_features_free(&b);
	return r;
}

/* Count of features of the first occurrence of target in text under groups. */
static int32_t
count_in(const char *text, const char *target, const StanceLexicon *lex,
		 const NerLexicon *clusters, uint32_t groups)
{
	StanceFeatures f = {0};
	NnSpan		s = span_of(text, target);
	int32_t		n;

	stance_features(text, strlen(text), &s, 1, lex, clusters, groups, &f);
	n = f.n;
	stance_features_free(&f);
	return n;
}

/*
 * The mention's clusters: three keys when its last word has clusters, none
 * without the entity model's lexicon; the clause valence: one key per side
 * of the mention's sentence; and the character 4-grams of nearby words.
 */
static void
check_mention_groups(const StanceLexicon *lex)
{
	NerModel	model;
	NerTagger	tagger;
	const char *t = "Police said John Smith was good.";
	uint32_t	base = STANCE_G_ALL & ~(STANCE_G_MENTION | STANCE_G_CLAUSE);

	if (!open_embedded_tagger(&model, &tagger))
		return;
	CHECK(ner_lex_lookup(&model.lex, ner_lex_key("Smith", 5)) != 0 &&
		  count_in(t, "John Smith", lex, &model.lex, base | STANCE_G_MENTION) ==
		  count_in(t, "John Smith", lex, &model.lex, base) + 3,
		  "a mention yields the clusters of its last word");
	CHECK(count_in(t, "John Smith", lex, NULL, base | STANCE_G_MENTION) ==
		  count_in(t, "John Smith", lex, NULL, base),
		  "without the entity model's clusters the mention yields none");
	CHECK(count_in(t, "John Smith", lex, NULL, base | STANCE_G_CLAUSE) ==
		  count_in(t, "John Smith", lex, NULL, base) + 2,
		  "the clause valence gives one key per side of the mention");
	base &= ~STANCE_G_SUBWORD;
	CHECK(count_in(t, "John Smith", lex, NULL, base | STANCE_G_SUBWORD) ==
		  count_in(t, "John Smith", lex, NULL, base) + 5 + 3 + 3,
		  "words of four bytes or more near the mention give their 4-grams between marks");
	ner_tagger_free(&tagger);
}

/* A handful of labelled lines teaching "good" favor, "bad" against, neutral words none. */
static StanceModel *
tiny_model(const StanceLexicon *lex)
{
	static const char *const lines[][2] = {
		{"Smith is good.", "2"}, {"Smith was great.", "2"}, {"Smith is nice.", "2"},
		{"Smith is bad.", "0"}, {"Smith was awful.", "0"}, {"Smith is terrible.", "0"},
		{"Smith is here.", "1"}, {"Smith was in Paris.", "1"}, {"Smith is tall.", "1"},
	};
	StanceTrainSet set = {.nbits = 12};
	StanceTrainOpts o = {.epochs = 20, .rate = 0.1f, .l2 = 0.0f, .seed = 7, .balance = true};
	StanceFeatures f = {0};
	StanceModel *m;
	uint8_t    *img;
	size_t		len;
	float	   *w;
	char		err[128];

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
	{
		NnSpan		s = span_of(lines[i][0], "Smith");

		stance_features(lines[i][0], strlen(lines[i][0]), &s, 1, lex, NULL, STANCE_G_ALL, &f);
		stance_trainset_add(&set, &f, (StanceLabel) (lines[i][1][0] - '0'));
	}
	w = stance_train(&set, &o, NULL, NULL);
	stance_model_save(12, STANCE_G_ALL, w, lex, &img, &len);
	m = stance_model_load(img, len, err, sizeof(err));
	free(img);
	free(w);
	stance_features_free(&f);
	stance_trainset_free(&set);
	return m;
}

/* Classify the first occurrence of target in text. */
static StanceResult
classify(const StanceModel *m, const char *text, const char *target)
{
	NnSpan		s = span_of(text, target);
	StanceResult r;

	stance_classify(m, NULL, text, strlen(text), &s, 1, &r);
	return r;
}

int
main(void)
{
	const char *words[] = {"good", "great", "nice", "bad", "awful", "terrible"};
	int32_t		vals[] = {190, 310, 180, -250, -200, -210};
	StanceLexicon lex;
	StanceFeatures f;
	NnSpan		none = {0, 0};
	StanceModel *m;
	StanceResult r;

	stance_lexicon_build(words, vals, 6, &lex);
	CHECK(stance_word_key("Don’t", 7) == stance_word_key("don't", 5),
		  "a word key folds case and curly apostrophes");

	f = feats("Smith is good.", "Smith", &lex);
	CHECK(f.n > 10 && f.ncontext == 4, "a target sentence gives features over its tokens");
	stance_features_free(&f);
	CHECK(texts_agree("Smith is good.", "Smith", "Jane Doe is good.", "Jane Doe", &lex),
		  "the mention is masked: its words do not matter");
	CHECK(!texts_agree("Smith is good.", "Smith", "Smith is bad.", "Smith", &lex),
		  "the words around it do");
	CHECK(texts_agree("Smith is good. Rain fell.", "Smith", "Smith is good. Heavy rain fell all day.",
					  "Smith", &lex),
		  "only the target's sentences are read");
	CHECK(!texts_agree("Smith is good.", "Smith", "Smith is not good.", "Smith", &lex),
		  "negation changes the features");
	CHECK(!texts_agree("Smith is good.", "Smith", "Smith is very good.", "Smith", &lex),
		  "an intensifier changes the features");

	f = (StanceFeatures) {0};
	stance_features("Smith is good.", 14, &none, 1, &lex, NULL, STANCE_G_ALL, &f);
	CHECK(f.ncontext == 0 && f.ntokens == 4, "a span covering no token gives no context");
	stance_features_free(&f);

	check_mention_groups(&lex);

	m = tiny_model(&lex);
	CHECK(m != NULL, "a tiny model trains and loads");
	if (m == NULL)
		return unit_done();
	r = classify(m, "Smith is good.", "Smith");
	CHECK(r.label == STANCE_FAVOR && r.score > 0, "\"good\" is favor");
	r = classify(m, "Smith is terrible.", "Smith");
	CHECK(r.label == STANCE_AGAINST && r.score < 0, "\"terrible\" is against");
	r = classify(m, "Smith is not good.", "Smith");
	CHECK(r.score < classify(m, "Smith is good.", "Smith").score && r.label != STANCE_FAVOR,
		  "\"not good\" is not favor: negation flips the lexicon");
	r = classify(m, "Smith is nice, but awful.", "Smith");
	CHECK(r.label == STANCE_AGAINST, "after \"but\" the later clause wins");
	CHECK(r.score >= -1.0f && r.score <= 1.0f, "the score lies in [-1, 1]");
	r = classify(m, "Nobody here.", "Smith");
	CHECK(r.label == STANCE_NONE && r.score == 0.0f, "an absent target is none with score 0");
	stance_model_free(m);
	free((void *) lex.slots);
	return unit_done();
}
