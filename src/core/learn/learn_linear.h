/*
 * learn_linear.h
 *	  A linear classifier over hashed features (learn_features.h): one
 *	  L2-regularised L2-loss linear SVM per label against the rest, solved
 *	  exactly by dual coordinate descent (Hsieh et al., ICML 2008, the method
 *	  of liblinear's default solver). Cross-validation on SemEval-2016 chose
 *	  it over multinomial logistic regression fitted by AdaGrad (F_avg 0.698
 *	  against 0.681, 5 folds over the whole training file).
 *
 *	  Rows arrive one at a time (an aggregate's transition function) and the
 *	  trainer never holds more than a bounded buffer of them: the first rows
 *	  are kept until the buffer is full, after which every new row replaces a
 *	  buffered row with reservoir sampling's odds, so the buffer stays a
 *	  uniform sample of all rows. learn_trainer_finish then solves on the
 *	  buffer, visiting rows in a seeded shuffle. When every row fits, as for a
 *	  few thousand labelled documents, that is the exact solution; on a
 *	  million rows it is the solution on a uniform sample of them, in bounded
 *	  memory.
 *
 *	  Everything is deterministic for the same rows in the same order. Labels
 *	  and targets are kept by name so the model can report them.
 *	  Memory comes from nn_alloc; a host that errors out of the core releases
 *	  it with its own context.
 */
#ifndef LEARN_LINEAR_H
#define LEARN_LINEAR_H

#include "learn_features.h"

/* Labels a model may have; the weight table grows with each. */
#define LEARN_MAX_LABELS 32

/* Targets whose names a model records (more are counted, not named). */
#define LEARN_MAX_TARGETS 64

/* Bytes of a label or target name that are kept. */
#define LEARN_MAX_NAME 1024

/*
 * Bound on a weight's magnitude, so a score (a document has at most a few
 * million features of value at most 1) stays far from float overflow;
 * trained weights are clamped to it and stored ones outside it are refused.
 */
#define LEARN_MAX_WEIGHT 1e6f

/* Settings of a run. */
typedef struct LearnOpts
{
	uint32_t	nbits;			/* table of 1 << nbits buckets per label */
	uint32_t	passes;			/* most passes of the solver over the buffer */
	float		tolerance;		/* stop when projected gradients spread less */
	float		cost;			/* weight of the loss against the regulariser */
	uint32_t	seed;			/* shuffle and reservoir generator */
	uint32_t	buffer_rows;	/* rows the buffer may hold */
	uint32_t	buffer_feats;	/* features the buffer may hold */
	bool		balance;		/* weigh labels by inverse frequency */
} LearnOpts;

/* The defaults, chosen by cross-validation on SemEval-2016's training part. */
extern const LearnOpts learn_default_opts;

/* A name (label or target), not NUL-terminated in the model. */
typedef struct LearnName
{
	char	   *s;
	uint32_t	len;
} LearnName;

/* A buffered row. */
typedef struct LearnRow
{
	LearnFeat  *feats;
	int32_t		n;
	int32_t		label;
} LearnRow;

/* The trainer; zero-initialised by learn_trainer_init. */
typedef struct LearnTrainer
{
	LearnOpts	o;
	int32_t		nlabels;
	LearnName	labels[LEARN_MAX_LABELS];
	int64_t		counts[LEARN_MAX_LABELS];
	float	   *w[LEARN_MAX_LABELS];
	int32_t		ntargets;
	LearnName	targets[LEARN_MAX_TARGETS];
	bool		targets_truncated;	/* more targets were seen than named */
	LearnRow   *rows;
	int32_t		nrows;
	int32_t		rows_cap;
	size_t		nfeats;			/* features in the buffer */
	int64_t		seen;			/* rows added */
	int64_t		skipped;		/* rows the host skipped, for the record */
	uint32_t	rng;
	bool		finished;
} LearnTrainer;

/* Outcomes of learn_trainer_label. */
#define LEARN_TOO_MANY_LABELS (-1)
#define LEARN_NOMEM (-2)

/* Start a trainer with opts (checked by the caller: nbits within bounds, cost above 0). */
extern NnStatus learn_trainer_init(LearnTrainer *t, const LearnOpts *opts);

/* Index of a label, added if new; or LEARN_TOO_MANY_LABELS / LEARN_NOMEM. */
extern int32_t learn_trainer_label(LearnTrainer *t, const char *name, size_t len);

/* Record a target's name (up to LEARN_MAX_TARGETS are named). */
extern NnStatus learn_trainer_target(LearnTrainer *t, const char *name, size_t len);

/* Add a row with features f and label index label. */
extern NnStatus learn_trainer_add(LearnTrainer *t, const LearnFeatures *f, int32_t label);

/* Solve on the buffered rows and leave the weights in t->w. */
extern NnStatus learn_trainer_finish(LearnTrainer *t);

/* Release everything the trainer holds. */
extern void learn_trainer_free(LearnTrainer *t);

/*
 * Probabilities of nlabels labels for f under label-major weights
 * (weights + k << nbits are label k's), a softmax of the labels' margins;
 * returns the best label, the first of equals.
 */
extern int32_t learn_predict(const float *const *weights, int32_t nlabels,
							 const LearnFeatures *f, float *probs);

#endif							/* LEARN_LINEAR_H */
