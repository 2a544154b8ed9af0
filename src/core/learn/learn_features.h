/*
 * learn_features.h
 *	  Hashed, target-aware features of a (document, target) pair for the
 *	  linear classifier of learn_linear.h: lower-cased word 1-3-grams from
 *	  the tokenizer (token.h), character 3-5-grams, and facts tying the
 *	  document to the target (is it mentioned, how many of its words occur).
 *	  Every feature is emitted twice, once shared by all targets and once
 *	  conjoined with the target, so one model trained on several targets
 *	  keeps what it learns about each apart while sharing what carries over.
 *	  A bias feature per target gives each target its own label prior.
 */
#ifndef LEARN_FEATURES_H
#define LEARN_FEATURES_H

#include "nn_common.h"

/* One feature: a bucket of the hashed table and its value. */
typedef struct LearnFeat
{
	uint32_t	bucket;
	float		value;
} LearnFeat;

/* Features of one pair, one per bucket, values in (0, 1]; nn_alloc'd. */
typedef struct LearnFeatures
{
	LearnFeat  *feats;
	int32_t		n;
	int32_t		cap;
} LearnFeatures;

/* Bytes of a document that are read; the rest is ignored. */
#define LEARN_MAX_DOC_BYTES (256 * 1024)

/* Bytes of a target that are read. */
#define LEARN_MAX_TARGET_BYTES 1024

/* Bounds on the table size exponent. */
#define LEARN_MIN_BITS 10
#define LEARN_MAX_BITS 24

/*
 * Extract the features of doc for target into out (reset first) over a table
 * of 1 << nbits buckets. Both strings are UTF-8 and need no terminator.
 */
extern NnStatus learn_features(const char *doc, size_t doclen, const char *target,
							   size_t targetlen, uint32_t nbits, LearnFeatures *out);

/* Release the buffers of f. */
extern void learn_features_free(LearnFeatures *f);

#endif							/* LEARN_FEATURES_H */
