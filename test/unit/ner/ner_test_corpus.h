/*
 * ner_test_corpus.h
 *	  A small synthetic corpus for the tagger's tests, made up here (no
 *	  dataset text): sentences built from templates and short name lists,
 *	  with their BILOU labels, grouped into documents.
 */
#ifndef NER_TEST_CORPUS_H
#define NER_TEST_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_train.h"

#define TC_DOCS 24
#define TC_SENTS 8				/* sentences per document */
#define TC_MAXTOK 12

/* The corpus: token texts are static strings. */
typedef struct TestCorpus
{
	NerText		tok[TC_DOCS][TC_SENTS * TC_MAXTOK];
	uint8_t		gold[TC_DOCS][TC_SENTS * TC_MAXTOK];
	int32_t		starts[TC_DOCS][TC_SENTS + 1];
	NerTrainDoc docs[TC_DOCS];
} TestCorpus;

static const char *const tc_first[] = {"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid"};
static const char *const tc_last[] = {"Kowal", "Lindqvist", "Moreau", "Nakamura", "Okafor"};
static const char *const tc_city[] = {"Porto", "Quito", "Riga", "Sofia", "Tunis", "Varna"};
static const char *const tc_org[] = {"Zentrix", "Orbana", "Velcor", "Amstead"};

/* Append one token with its label to document d. */
static void
tc_add(TestCorpus *c, int d, int32_t *n, const char *w, int label)
{
	c->tok[d][*n].s = w;
	c->tok[d][*n].len = strlen(w);
	c->gold[d][*n] = (uint8_t) label;
	(*n)++;
}

/* One sentence from template k with names picked by r. */
static void
tc_sentence(TestCorpus *c, int d, int32_t *n, int k, unsigned r)
{
	const char *f = tc_first[r % 6];
	const char *l = tc_last[(r / 6) % 5];
	const char *city = tc_city[(r / 30) % 6];
	const char *org = tc_org[(r / 7) % 4];

	if (k % 3 == 0)
	{
		tc_add(c, d, n, f, ner_label(NER_PER, NER_PART_B));
		tc_add(c, d, n, l, ner_label(NER_PER, NER_PART_L));
		tc_add(c, d, n, "visited", NER_LABEL_O);
		tc_add(c, d, n, city, ner_label(NER_LOC, NER_PART_U));
	}
	else if (k % 3 == 1)
	{
		tc_add(c, d, n, "shares", NER_LABEL_O);
		tc_add(c, d, n, "in", NER_LABEL_O);
		tc_add(c, d, n, org, ner_label(NER_ORG, NER_PART_B));
		tc_add(c, d, n, "Corp", ner_label(NER_ORG, NER_PART_L));
		tc_add(c, d, n, "rose", NER_LABEL_O);
	}
	else
	{
		tc_add(c, d, n, "the", NER_LABEL_O);
		tc_add(c, d, n, "mayor", NER_LABEL_O);
		tc_add(c, d, n, "of", NER_LABEL_O);
		tc_add(c, d, n, city, ner_label(NER_LOC, NER_PART_U));
		tc_add(c, d, n, "met", NER_LABEL_O);
		tc_add(c, d, n, l, ner_label(NER_PER, NER_PART_U));
	}
	tc_add(c, d, n, ".", NER_LABEL_O);
}

/* Build the corpus deterministically. */
static void
tc_build(TestCorpus *c)
{
	unsigned	r = 7;

	for (int d = 0; d < TC_DOCS; d++)
	{
		int32_t		n = 0;

		for (int s = 0; s < TC_SENTS; s++)
		{
			r = r * 1103515245u + 12345u;
			c->starts[d][s] = n;
			tc_sentence(c, d, &n, d + s, (r >> 8) % 1000);
		}
		c->starts[d][TC_SENTS] = n;
		c->docs[d].doc.tokens = c->tok[d];
		c->docs[d].doc.ntokens = n;
		c->docs[d].doc.sent_start = c->starts[d];
		c->docs[d].doc.nsent = TC_SENTS;
		c->docs[d].gold = c->gold[d];
	}
}

/* Train a small model on the corpus. */
static NerModel *
tc_train(const TestCorpus *c, int stages)
{
	NerTrainOptions opt;

	ner_train_defaults(&opt);
	opt.iters = 4;
	opt.stages = stages;
	opt.folds = 2;
	opt.min_count = 1;
	opt.dev = c->docs;
	opt.ndev = 4;
	return ner_train(c->docs, TC_DOCS, &opt);
}

#endif							/* NER_TEST_CORPUS_H */
