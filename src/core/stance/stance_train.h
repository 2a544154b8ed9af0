/*
 * stance_train.h
 *	  Training the stance model: multinomial logistic regression over hashed
 *	  feature buckets, fitted by AdaGrad with L2 decay and class weights, in
 *	  a fixed order shuffled by a seeded generator, so a run is repeatable.
 *	  Averaged weights are returned, which are steadier on a small corpus.
 */
#ifndef STANCE_TRAIN_H
#define STANCE_TRAIN_H

#include "stance_features.h"

/* One example: a run of the set's features and its gold label. */
typedef struct StanceExample
{
	size_t		first;
	int32_t		n;
	StanceLabel label;
} StanceExample;

/* Examples with their features' keys already reduced to buckets. */
typedef struct StanceTrainSet
{
	uint32_t	nbits;
	StanceFeat *feats;			/* key holds the bucket */
	size_t		nfeats;
	size_t		featcap;
	StanceExample *ex;
	int32_t		n;
	int32_t		cap;
} StanceTrainSet;

/* Settings of a run. */
typedef struct StanceTrainOpts
{
	int			epochs;
	float		rate;			/* AdaGrad's base step */
	float		l2;				/* decay per touched update */
	uint32_t	seed;
	bool		balance;		/* weigh labels by inverse frequency */
} StanceTrainOpts;

/* Called after each epoch with the averaged weights so far. */
typedef void (*StanceEpochHook) (int epoch, const float *weights, void *arg);

/* Add an example (features copied, keys bucketed); false if memory ran out. */
extern bool stance_trainset_add(StanceTrainSet *set, const StanceFeatures *f, StanceLabel label);

/* Release a set's arrays. */
extern void stance_trainset_free(StanceTrainSet *set);

/* Label with the best score of example i under float weights. */
extern StanceLabel stance_train_predict(const StanceTrainSet *set, int32_t i, const float *weights);

/*
 * Train on set; returns malloc'd averaged weights [1 << nbits][STANCE_NLABELS],
 * or NULL if memory ran out. hook may be NULL.
 */
extern float *stance_train(const StanceTrainSet *set, const StanceTrainOpts *opts,
						   StanceEpochHook hook, void *arg);

#endif							/* STANCE_TRAIN_H */
