/*
 * stance_train.c
 *	  Fitting the stance model (see stance_train.h). Our own optimiser
 *	  rather than liblinear: the corpus is a few thousand examples, so a
 *	  plain loop trains in seconds, works on the hashed buckets the model
 *	  stores, keeps class weights and the seed under our control, and adds
 *	  no build dependency.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stance_model.h"
#include "stance_train.h"
#include "xorshift.h"

/* AdaGrad's floor on accumulated squares, so first steps stay bounded. */
#define ADAGRAD_EPS 0.1f

/* Optimiser state: weights, their squared-gradient sums and running sums for averaging. */
typedef struct Fit
{
	size_t		nw;
	float	   *w;
	float	   *g2;
	double	   *sum;			/* sum of w over steps, for averaging */
	float	   *avg;
	int64_t		steps;
} Fit;

/* Add an example to the set. */
bool
stance_trainset_add(StanceTrainSet *set, const StanceFeatures *f, StanceLabel label)
{
	if (set->n == set->cap)
	{
		int32_t		cap = set->cap ? 2 * set->cap : 1024;
		StanceExample *p = realloc(set->ex, sizeof(StanceExample) * cap);

		if (p == NULL)
			return false;
		set->ex = p;
		set->cap = cap;
	}
	while (set->nfeats + (size_t) f->n > set->featcap)
	{
		size_t		cap = set->featcap ? 2 * set->featcap : 65536;
		StanceFeat *p = realloc(set->feats, sizeof(StanceFeat) * cap);

		if (p == NULL)
			return false;
		set->feats = p;
		set->featcap = cap;
	}
	set->ex[set->n].first = set->nfeats;
	set->ex[set->n].n = f->n;
	set->ex[set->n].label = label;
	set->n++;
	for (int32_t i = 0; i < f->n; i++)
	{
		set->feats[set->nfeats].key = stance_bucket(f->feats[i].key, set->nbits);
		set->feats[set->nfeats++].value = f->feats[i].value;
	}
	return true;
}

/* Release a set. */
void
stance_trainset_free(StanceTrainSet *set)
{
	free(set->feats);
	free(set->ex);
	memset(set, 0, sizeof(*set));
}

/* Label scores of example i. */
static void
scores_of(const StanceTrainSet *set, int32_t i, const float *w, float s[STANCE_NLABELS])
{
	const StanceFeat *f = set->feats + set->ex[i].first;

	memset(s, 0, sizeof(float) * STANCE_NLABELS);
	for (int32_t j = 0; j < set->ex[i].n; j++)
		for (int k = 0; k < STANCE_NLABELS; k++)
			s[k] += f[j].value * w[(size_t) f[j].key * STANCE_NLABELS + k];
}

/* Best label of example i. */
StanceLabel
stance_train_predict(const StanceTrainSet *set, int32_t i, const float *weights)
{
	float		s[STANCE_NLABELS];
	int			best = 0;

	scores_of(set, i, weights, s);
	for (int k = 1; k < STANCE_NLABELS; k++)
		if (s[k] > s[best])
			best = k;
	return (StanceLabel) best;
}

/* Label weights: inverse frequency scaled to mean 1, or all 1. */
static void
label_weights(const StanceTrainSet *set, bool balance, float cw[STANCE_NLABELS])
{
	int64_t		count[STANCE_NLABELS] = {0};

	for (int32_t i = 0; i < set->n; i++)
		count[set->ex[i].label]++;
	for (int k = 0; k < STANCE_NLABELS; k++)
		cw[k] = balance && count[k] ? (float) set->n / (STANCE_NLABELS * (float) count[k]) : 1.0f;
}

/* One AdaGrad step on example i with the softmax loss gradient. */
static void
step(Fit *fit, const StanceTrainSet *set, int32_t i, const StanceTrainOpts *o, float cw)
{
	const StanceFeat *f = set->feats + set->ex[i].first;
	float		s[STANCE_NLABELS];
	float		top;
	float		total = 0.0f;

	scores_of(set, i, fit->w, s);
	top = fmaxf(s[0], fmaxf(s[1], s[2]));
	for (int k = 0; k < STANCE_NLABELS; k++)
		total += s[k] = expf(s[k] - top);
	for (int k = 0; k < STANCE_NLABELS; k++)
		s[k] = cw * (s[k] / total - (k == (int) set->ex[i].label));
	for (int32_t j = 0; j < set->ex[i].n; j++)
		for (int k = 0; k < STANCE_NLABELS; k++)
		{
			size_t		at = (size_t) f[j].key * STANCE_NLABELS + k;
			float		g = s[k] * f[j].value + o->l2 * fit->w[at];

			fit->g2[at] += g * g;
			fit->w[at] -= o->rate * g / sqrtf(fit->g2[at] + ADAGRAD_EPS);
		}
}

/*
 * Fold the epoch's weights into the running sum once per epoch rather than
 * once per step: averaging over epoch ends is as steady here and costs one
 * pass over the table per epoch.
 */
static void
average(Fit *fit)
{
	fit->steps++;
	for (size_t i = 0; i < fit->nw; i++)
	{
		fit->sum[i] += fit->w[i];
		fit->avg[i] = (float) (fit->sum[i] / (double) fit->steps);
	}
}

/* Release the optimiser's state except the averaged weights. */
static void
fit_release(Fit *fit)
{
	free(fit->w);
	free(fit->g2);
	free(fit->sum);
}

/* Train (see stance_train.h). */
float *
stance_train(const StanceTrainSet *set, const StanceTrainOpts *opts,
			 StanceEpochHook hook, void *arg)
{
	Fit			fit = {.nw = (size_t) STANCE_NLABELS << set->nbits};
	int32_t    *order = malloc(sizeof(int32_t) * (set->n ? set->n : 1));
	uint32_t	rng = opts->seed ? opts->seed : 1;
	float		cw[STANCE_NLABELS];

	fit.w = calloc(fit.nw, sizeof(float));
	fit.g2 = calloc(fit.nw, sizeof(float));
	fit.sum = calloc(fit.nw, sizeof(double));
	fit.avg = calloc(fit.nw, sizeof(float));
	if (order == NULL || !fit.w || !fit.g2 || !fit.sum || !fit.avg)
	{
		fit_release(&fit);
		free(fit.avg);
		free(order);
		return NULL;
	}
	label_weights(set, opts->balance, cw);
	for (int32_t i = 0; i < set->n; i++)
		order[i] = i;
	for (int e = 1; e <= opts->epochs; e++)
	{
		for (int32_t i = set->n - 1; i > 0; i--)
		{
			int32_t		j = (int32_t) (nn_xorshift32(&rng) % (uint32_t) (i + 1));
			int32_t		t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		for (int32_t i = 0; i < set->n; i++)
			step(&fit, set, order[i], opts, cw[set->ex[order[i]].label]);
		average(&fit);
		if (hook)
			hook(e, fit.avg, arg);
	}
	fit_release(&fit);
	free(order);
	return fit.avg;
}
