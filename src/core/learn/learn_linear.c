/*
 * learn_linear.c
 *	  The linear classifier (see learn_linear.h).
 *
 *	  Our own solver rather than liblinear's: liblinear allocates with malloc
 *	  outside the host's memory contexts, cannot be interrupted and copies the
 *	  whole problem, while an aggregate must honour a cancel request and stay
 *	  within bounded memory; the method is liblinear's, solving on the
 *	  trainer's own buffer.
 */
#include <math.h>
#include <string.h>

#include "learn_linear.h"
#include "xorshift.h"

/*
 * Chosen by cross-validation on SemEval-2016's training file: cost 0.002
 * scored F_avg 0.698 (5 folds) and 0.699 (10), 0.001 to 0.005 within 0.015;
 * the tolerance is liblinear's default (0.01 gives the same figures).
 */
const LearnOpts learn_default_opts = {
	.nbits = 18,
	.passes = 200,
	.tolerance = 0.1f,
	.cost = 0.002f,
	.seed = 42,
	.buffer_rows = 100000,
	.buffer_feats = 4u << 20,
	.balance = true,
};

/* Zeroed memory for one label's table of elem-byte entries, or NULL. */
static void *
table(const LearnTrainer *t, size_t elem)
{
	size_t		bytes = elem << t->o.nbits;
	void	   *p = nn_alloc(bytes);

	if (p)
		memset(p, 0, bytes);
	return p;
}

/* Start a trainer. */
NnStatus
learn_trainer_init(LearnTrainer *t, const LearnOpts *opts)
{
	memset(t, 0, sizeof(*t));
	t->o = *opts;
	t->rng = opts->seed ? opts->seed : 1;
	return NN_OK;
}

/* A copy of name in nn_alloc'd memory, cut to LEARN_MAX_NAME bytes. */
static bool
copy_name(LearnName *to, const char *name, size_t len)
{
	if (len > LEARN_MAX_NAME)
		len = LEARN_MAX_NAME;
	to->s = nn_alloc(len ? len : 1);
	if (to->s == NULL)
		return false;
	memcpy(to->s, name, len);
	to->len = (uint32_t) len;
	return true;
}

/* Position of name in names[0..n), or -1. */
static int32_t
find_name(const LearnName *names, int32_t n, const char *name, size_t len)
{
	if (len > LEARN_MAX_NAME)
		len = LEARN_MAX_NAME;
	for (int32_t i = 0; i < n; i++)
		if (names[i].len == len && memcmp(names[i].s, name, len) == 0)
			return i;
	return -1;
}

/* Index of a label, added if new. */
int32_t
learn_trainer_label(LearnTrainer *t, const char *name, size_t len)
{
	int32_t		k = find_name(t->labels, t->nlabels, name, len);

	if (k >= 0)
		return k;
	if (t->nlabels == LEARN_MAX_LABELS)
		return LEARN_TOO_MANY_LABELS;
	k = t->nlabels;
	t->labels[k].s = NULL;
	t->w[k] = table(t, sizeof(float));
	if (!t->w[k] || !copy_name(&t->labels[k], name, len))
	{
		nn_release(t->w[k]);
		return LEARN_NOMEM;
	}
	t->nlabels++;
	return k;
}

/* Record a target's name. */
NnStatus
learn_trainer_target(LearnTrainer *t, const char *name, size_t len)
{
	if (find_name(t->targets, t->ntargets, name, len) >= 0)
		return NN_OK;
	if (t->ntargets == LEARN_MAX_TARGETS)
	{
		t->targets_truncated = true;
		return NN_OK;
	}
	if (!copy_name(&t->targets[t->ntargets], name, len))
		return NN_ERR_NOMEM;
	t->ntargets++;
	return NN_OK;
}

/* Label scores of features f under per-label weights w. */
static void
scores_of(const float *const *w, int32_t nlabels, const LearnFeat *f, int32_t n, float *s)
{
	for (int32_t k = 0; k < nlabels; k++)
	{
		float		sum = 0.0f;

		for (int32_t j = 0; j < n; j++)
			sum += f[j].value * w[k][f[j].bucket];
		s[k] = sum;
	}
}

/* Turn scores into probabilities in place; returns the best label. */
static int32_t
softmax(float *s, int32_t nlabels)
{
	int32_t		best = 0;
	float		total = 0.0f;

	for (int32_t k = 1; k < nlabels; k++)
		if (s[k] > s[best])
			best = k;
	for (int32_t k = 0; k < nlabels; k++)
		total += s[k] = expf(s[k] - s[best]);
	for (int32_t k = 0; k < nlabels; k++)
		s[k] /= total;
	return best;
}

/* Weight of a label's loss: inverse frequency scaled to mean 1, or 1. */
static double
label_weight(const LearnTrainer *t, int32_t label)
{
	if (!t->o.balance || t->counts[label] == 0)
		return 1.0;
	return (double) t->seen / ((double) t->nlabels * (double) t->counts[label]);
}

/* Room for one more buffered row: the array doubles up to buffer_rows. */
static bool
grow_rows(LearnTrainer *t)
{
	int32_t		cap;
	LearnRow   *p;

	if (t->nrows < t->rows_cap)
		return true;
	cap = t->rows_cap ? 2 * t->rows_cap : 256;
	if (cap > (int32_t) t->o.buffer_rows)
		cap = (int32_t) t->o.buffer_rows;
	p = t->rows ? nn_resize(t->rows, sizeof(LearnRow) * cap) : nn_alloc(sizeof(LearnRow) * cap);
	if (p == NULL)
		return false;
	t->rows = p;
	t->rows_cap = cap;
	return true;
}

/* Store f as buffered row at, replacing what was there. */
static NnStatus
store(LearnTrainer *t, int32_t at, const LearnFeatures *f, int32_t label)
{
	LearnFeat  *copy;

	if (at == t->nrows && !grow_rows(t))
		return NN_ERR_NOMEM;
	copy = nn_alloc(sizeof(LearnFeat) * (f->n ? f->n : 1));

	if (copy == NULL)
		return NN_ERR_NOMEM;
	memcpy(copy, f->feats, sizeof(LearnFeat) * f->n);
	if (at < t->nrows)
	{
		t->nfeats -= t->rows[at].n;
		nn_release(t->rows[at].feats);
	}
	else
		t->nrows++;
	t->rows[at] = (LearnRow) {copy, f->n, label};
	t->nfeats += f->n;
	return NN_OK;
}

/* Add a row (see learn_linear.h). */
NnStatus
learn_trainer_add(LearnTrainer *t, const LearnFeatures *f, int32_t label)
{
	uint32_t	pick;
	LearnRow   *victim;

	t->seen++;
	t->counts[label]++;
	if (t->nrows < (int32_t) t->o.buffer_rows && t->nfeats + f->n <= t->o.buffer_feats)
		return store(t, t->nrows, f, label);
	pick = (uint32_t) (((uint64_t) nn_xorshift32(&t->rng) << 32 | nn_xorshift32(&t->rng)) %
					   (uint64_t) t->seen);
	if (pick >= (uint32_t) t->nrows)
		return NN_OK;
	victim = &t->rows[pick];
	if (t->nfeats - victim->n + f->n > t->o.buffer_feats)
		return NN_OK;
	return store(t, (int32_t) pick, f, label);
}

/* Shuffle order[0..n) with the trainer's generator. */
static void
shuffle(LearnTrainer *t, int32_t *order, int32_t n)
{
	for (int32_t i = n - 1; i > 0; i--)
	{
		int32_t		j = (int32_t) (nn_xorshift32(&t->rng) % (uint32_t) (i + 1));
		int32_t		x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
}

/* Score of row r under weights w. */
static float
dot(const float *w, const LearnRow *r)
{
	float		sum = 0.0f;

	for (int32_t j = 0; j < r->n; j++)
		sum += r->feats[j].value * w[r->feats[j].bucket];
	return sum;
}

/* Per-row constants of the dual: the diagonal term and Q's diagonal. */
static void
dual_diagonals(const LearnTrainer *t, float *d, float *q)
{
	for (int32_t i = 0; i < t->nrows; i++)
	{
		const LearnRow *r = &t->rows[i];
		double		sq = 0.0;

		for (int32_t j = 0; j < r->n; j++)
			sq += (double) r->feats[j].value * r->feats[j].value;
		d[i] = (float) (0.5 / (t->o.cost * label_weight(t, r->label)));
		q[i] = (float) (sq + d[i]);
	}
}

/*
 * One pass of dual coordinate descent for label k against the rest, in the
 * order ord; returns the spread of the projected gradients, which is 0 at
 * the optimum.
 */
static float
dual_pass(LearnTrainer *t, int32_t k, const int32_t *ord, float *alpha, const float *d,
		  const float *q)
{
	float	   *w = t->w[k];
	float		lo = INFINITY,
				hi = -INFINITY;

	for (int32_t n = 0; n < t->nrows; n++)
	{
		int32_t		i = ord[n];
		const LearnRow *r = &t->rows[i];
		float		y = r->label == k ? 1.0f : -1.0f;
		float		g = y * dot(w, r) - 1.0f + d[i] * alpha[i];
		float		pg = alpha[i] == 0.0f ? fminf(g, 0.0f) : g;
		float		old = alpha[i];

		if ((n & 255) == 0)
			nn_check_interrupts();
		lo = fminf(lo, pg);
		hi = fmaxf(hi, pg);
		if (pg == 0.0f)
			continue;
		alpha[i] = fmaxf(old - g / q[i], 0.0f);
		for (int32_t j = 0; j < r->n; j++)
			w[r->feats[j].bucket] += (alpha[i] - old) * y * r->feats[j].value;
	}
	return t->nrows ? hi - lo : 0.0f;
}

/* Solve label k's problem from zero, then clamp its weights to the bound. */
static void
solve_label(LearnTrainer *t, int32_t k, int32_t *ord, float *alpha, const float *d,
			const float *q)
{
	size_t		nb = (size_t) 1 << t->o.nbits;

	memset(alpha, 0, sizeof(float) * (t->nrows ? t->nrows : 1));
	for (uint32_t p = 0; p < t->o.passes; p++)
	{
		for (int32_t i = 0; i < t->nrows; i++)
			ord[i] = i;
		shuffle(t, ord, t->nrows);
		if (dual_pass(t, k, ord, alpha, d, q) <= t->o.tolerance)
			break;
	}
	for (size_t b = 0; b < nb; b++)
		t->w[k][b] = fminf(LEARN_MAX_WEIGHT, fmaxf(-LEARN_MAX_WEIGHT, t->w[k][b]));
}

/* Solve on the buffer (see learn_linear.h). */
NnStatus
learn_trainer_finish(LearnTrainer *t)
{
	size_t		n = t->nrows ? (size_t) t->nrows : 1;
	int32_t    *ord;
	float	   *alpha,
			   *d,
			   *q;

	if (t->finished)
		return NN_OK;
	ord = nn_alloc(sizeof(int32_t) * n);
	alpha = nn_alloc(sizeof(float) * n);
	d = nn_alloc(sizeof(float) * n);
	q = nn_alloc(sizeof(float) * n);
	if (ord && alpha && d && q)
	{
		dual_diagonals(t, d, q);
		for (int32_t k = 0; k < t->nlabels; k++)
			solve_label(t, k, ord, alpha, d, q);
		t->finished = true;
	}
	nn_release(ord);
	nn_release(alpha);
	nn_release(d);
	nn_release(q);
	return t->finished ? NN_OK : NN_ERR_NOMEM;
}

/* Release everything the trainer holds. */
void
learn_trainer_free(LearnTrainer *t)
{
	for (int32_t i = 0; i < t->nrows; i++)
		nn_release(t->rows[i].feats);
	nn_release(t->rows);
	for (int32_t k = 0; k < t->nlabels; k++)
	{
		nn_release(t->labels[k].s);
		nn_release(t->w[k]);
	}
	for (int32_t i = 0; i < t->ntargets; i++)
		nn_release(t->targets[i].s);
	memset(t, 0, sizeof(*t));
}

/* Probabilities and best label of f (see learn_linear.h). */
int32_t
learn_predict(const float *const *weights, int32_t nlabels, const LearnFeatures *f,
			  float *probs)
{
	scores_of(weights, nlabels, f->feats, f->n, probs);
	return softmax(probs, nlabels);
}
