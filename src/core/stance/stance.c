/*
 * stance.c
 *	  Classifying the stance towards a target (see stance.h).
 */
#include <math.h>
#include <string.h>

#include "stance.h"

/* Names in label order. */
const char *
stance_label_name(StanceLabel label)
{
	static const char *const names[STANCE_NLABELS] = {"against", "none", "favor"};

	return (unsigned) label < STANCE_NLABELS ? names[label] : "?";
}

/* Sum each label's weights over the features, dequantized once at the end. */
void
stance_label_scores(const StanceModel *model, const StanceFeatures *f,
					float scores[STANCE_NLABELS])
{
	float		acc[STANCE_NLABELS] = {0};

	for (int32_t i = 0; i < f->n; i++)
	{
		const int16_t *row = model->w +
			(size_t) STANCE_NLABELS * stance_bucket(f->feats[i].key, model->nbits);

		for (int k = 0; k < STANCE_NLABELS; k++)
			acc[k] += f->feats[i].value * row[k];
	}
	for (int k = 0; k < STANCE_NLABELS; k++)
		scores[k] = acc[k] * model->scale;
}

/* Softmax the scores; the best label wins, the score is favor minus against. */
void
stance_decide(const float scores[STANCE_NLABELS], StanceResult *r)
{
	float		top = scores[0];
	float		total = 0.0f;
	int			best = 0;

	for (int k = 1; k < STANCE_NLABELS; k++)
		if (scores[k] > top)
		{
			top = scores[k];
			best = k;
		}
	for (int k = 0; k < STANCE_NLABELS; k++)
		total += r->prob[k] = expf(scores[k] - top);
	for (int k = 0; k < STANCE_NLABELS; k++)
		r->prob[k] /= total;
	r->label = (StanceLabel) best;
	r->score = r->prob[STANCE_FAVOR] - r->prob[STANCE_AGAINST];
}

/* "none" with score 0, the outcome for a target that is not mentioned. */
void
stance_result_none(StanceResult *r)
{
	memset(r, 0, sizeof(*r));
	r->label = STANCE_NONE;
	r->prob[STANCE_NONE] = 1.0f;
}

/* Decide from extracted features; none when they hold no context. */
static NnStatus
decide_features(const StanceModel *model, StanceFeatures *f, NnStatus st, StanceResult *r)
{
	float		scores[STANCE_NLABELS];

	r->ntokens = f->ntokens;
	r->ncontext = f->ncontext;
	if (st == NN_OK && f->ncontext > 0)
	{
		stance_label_scores(model, f, scores);
		stance_decide(scores, r);
	}
	stance_features_free(f);
	return st;
}

/* Classify one target over tokens the caller already has. */
NnStatus
stance_classify_given(const StanceModel *model, const NerLexicon *clusters,
					  const char *text, const NnToken *tokens, int32_t ntokens,
					  const NnSpan *targets, int ntargets, StanceResult *r)
{
	StanceFeatures f = {0};
	NnStatus	st;

	stance_result_none(r);
	st = stance_features_given(text, tokens, ntokens, targets, ntargets, &model->lex,
							   clusters, model->groups, &f);
	return decide_features(model, &f, st, r);
}

/* Classify one target. */
NnStatus
stance_classify(const StanceModel *model, const NerLexicon *clusters,
				const char *text, size_t len,
				const NnSpan *targets, int ntargets, StanceResult *r)
{
	StanceFeatures f = {0};
	NnStatus	st;

	stance_result_none(r);
	st = stance_features(text, len, targets, ntargets, &model->lex, clusters,
						 model->groups, &f);
	return decide_features(model, &f, st, r);
}
