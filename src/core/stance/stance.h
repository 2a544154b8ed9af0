/*
 * stance.h
 *	  Stance of a text towards a target: favor, against or none, and a score
 *	  in [-1, 1] (P(favor) - P(against)). The target is given as the byte
 *	  spans of its mentions (all mentions of one entity); only the sentences
 *	  holding them are read. No PostgreSQL here.
 */
#ifndef STANCE_H
#define STANCE_H

#include "stance_model.h"

/* The outcome for one target. */
typedef struct StanceResult
{
	StanceLabel label;
	float		score;			/* P(favor) - P(against) */
	float		prob[STANCE_NLABELS];
	int32_t		ntokens;		/* tokens read */
	int32_t		ncontext;		/* tokens of the target's sentences */
} StanceResult;

/* "against", "none" or "favor". */
extern const char *stance_label_name(StanceLabel label);

/* Raw label scores of a feature set under a model. */
extern void stance_label_scores(const StanceModel *model, const StanceFeatures *f,
								float scores[STANCE_NLABELS]);

/* Label, probabilities (softmax) and score from label scores. */
extern void stance_decide(const float scores[STANCE_NLABELS], StanceResult *r);

/*
 * Classify the stance of text[0..len) towards the target whose mentions are
 * targets[0..ntargets), with the entity model's word clusters (NULL when
 * the model was trained without them). A target none of whose mentions covers a token is
 * "none" with score 0. Per-call memory comes from nn_alloc.
 */
extern NnStatus stance_classify(const StanceModel *model, const NerLexicon *clusters,
								const char *text, size_t len,
								const NnSpan *targets, int ntargets, StanceResult *r);

/* As stance_classify, over tokens[0..ntokens) of text (see stance_features_given). */
extern NnStatus stance_classify_given(const StanceModel *model, const NerLexicon *clusters,
									  const char *text, const NnToken *tokens, int32_t ntokens,
									  const NnSpan *targets, int ntargets, StanceResult *r);

/* Set *r to "none" with score 0. */
extern void stance_result_none(StanceResult *r);

#endif							/* STANCE_H */
