/*
 * ner_train.h
 *	  Training of the entity tagger: an averaged structured perceptron
 *	  (Collins 2002) over first-order BILOU sequences, on hashed features.
 *	  With two stages, the first stage's labels on the training set come from
 *	  a k-fold jackknife, so the second stage learns from first-stage labels
 *	  as noisy as those it will see at run time. Training is deterministic:
 *	  the sentence order of each pass comes from a seeded generator.
 */
#ifndef NER_TRAIN_H
#define NER_TRAIN_H

#include "ner_decode.h"
#include "ner_score.h"

/* A document with its gold BILOU labels. */
typedef struct NerTrainDoc
{
	NerDoc		doc;
	const uint8_t *gold;
} NerTrainDoc;

/* Receives one line of progress text. */
typedef void (*NerReport) (const char *line);

typedef struct NerTrainOptions
{
	int			iters;			/* perceptron passes per stage */
	int			stages;			/* 1 or 2 */
	int			folds;			/* jackknife folds for the second stage */
	int			min_count;		/* drop features seen fewer times in training */
	uint32_t	seed;
	float		prune;			/* drop rows whose largest weight is below this */
	uint32_t	nlex;			/* lexicon to embed (sorted keys), may be 0 */
	const uint32_t *lexkeys;
	const uint32_t *lexvalues;
	const NerTrainDoc *dev;		/* scored after each pass if not NULL */
	int			ndev;
	NerReport	report;			/* may be NULL */
} NerTrainOptions;

/* Fill options with the defaults. */
extern void ner_train_defaults(NerTrainOptions *opt);

/* Train a model; returns NULL if memory ran out. */
extern NerModel *ner_train(const NerTrainDoc *docs, int ndocs, const NerTrainOptions *opt);

/*
 * Score a tagger (with its model and settings) on documents with gold
 * labels, conlleval-style, into *score.
 */
extern bool ner_evaluate(NerTagger *tg, const NerTrainDoc *docs, int ndocs,
						 NerScore *score);

#endif							/* NER_TRAIN_H */
