/*
 * test_learn_linear.c
 *	  Unit tests of the hashed features and the linear classifier.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "learn/learn_linear.h"
#include "unit.h"

/* A labelled row of the toy set. */
typedef struct Toy
{
	const char *body;
	const char *target;
	const char *label;
} Toy;

/*
 * The same words mean opposite stances towards two targets, so a model that
 * ignored the target could get at most half of them right.
 */
static const Toy toy[] = {
	{"The council says the tax plan will help families.", "tax plan", "FAVOR"},
	{"Critics say the tax plan will hurt families.", "tax plan", "AGAINST"},
	{"The council says wind farms will help families.", "wind farms", "AGAINST"},
	{"Critics say wind farms will hurt families.", "wind farms", "FAVOR"},
};

#define NTOY 4

/* Settings small enough for a quick test. */
static LearnOpts
small_opts(void)
{
	LearnOpts	o = learn_default_opts;

	o.nbits = 12;
	return o;
}

/* Features of a toy row; aborts on failure. */
static void
features(const Toy *t, uint32_t nbits, LearnFeatures *f)
{
	if (learn_features(t->body, strlen(t->body), t->target, strlen(t->target), nbits, f) != NN_OK)
		abort();
}

/* Train on reps passes of the toy rows in order. */
static void
train(LearnTrainer *tr, const LearnOpts *o, int reps)
{
	LearnFeatures f = {0};

	learn_trainer_init(tr, o);
	for (int r = 0; r < reps; r++)
		for (int i = 0; i < NTOY; i++)
		{
			int32_t		k = learn_trainer_label(tr, toy[i].label, strlen(toy[i].label));

			features(&toy[i], o->nbits, &f);
			learn_trainer_target(tr, toy[i].target, strlen(toy[i].target));
			learn_trainer_add(tr, &f, k);
		}
	learn_features_free(&f);
	learn_trainer_finish(tr);
}

/* Rows of the toy set the trainer's model labels right. */
static int
correct(const LearnTrainer *tr)
{
	LearnFeatures f = {0};
	float		probs[LEARN_MAX_LABELS];
	int			n = 0;

	for (int i = 0; i < NTOY; i++)
	{
		int32_t		best;

		features(&toy[i], tr->o.nbits, &f);
		best = learn_predict((const float *const *) tr->w, tr->nlabels, &f, probs);
		n += strlen(toy[i].label) == tr->labels[best].len &&
			memcmp(toy[i].label, tr->labels[best].s, tr->labels[best].len) == 0;
	}
	learn_features_free(&f);
	return n;
}

/* Buffered rows the trainer's model labels right. */
static int
buffer_correct(const LearnTrainer *tr)
{
	LearnFeatures f = {.feats = NULL};
	float		probs[LEARN_MAX_LABELS];
	int			n = 0;

	for (int32_t i = 0; i < tr->nrows; i++)
	{
		f.feats = tr->rows[i].feats;
		f.n = tr->rows[i].n;
		n += learn_predict((const float *const *) tr->w, tr->nlabels, &f, probs) ==
			tr->rows[i].label;
	}
	return n;
}

/* Largest feature value of a body towards "tax plan". */
static float
max_value(const char *body, LearnFeatures *f)
{
	float		top = 0.0f;

	if (learn_features(body, strlen(body), "tax plan", 8, 12, f) != NN_OK)
		abort();
	for (int32_t i = 0; i < f->n; i++)
		top = fmaxf(top, f->feats[i].value);
	return top;
}

/* Features are distinct buckets marking presence, for any input. */
static void
test_features(void)
{
	LearnFeatures f = {0};
	bool		sorted = true,
				in_range = true;
	char	   *big;
	size_t		biglen;

	features(&toy[0], 12, &f);
	for (int32_t i = 0; i < f.n; i++)
	{
		in_range = in_range && f.feats[i].value > 0.0f && f.feats[i].value <= 1.0f;
		sorted = sorted && (i == 0 || f.feats[i - 1].bucket < f.feats[i].bucket) &&
			f.feats[i].bucket < 4096;
	}
	CHECK(f.n > 20 && sorted, "features are distinct buckets within the table (%d)", f.n);
	CHECK(in_range, "every value is in (0, 1]");
	CHECK(max_value("Tax tax tax tax tax tax.", &f) == 1.0f,
		  "a repeated word counts once: presence, not counts");
	CHECK(learn_features("", 0, "", 0, 12, &f) == NN_OK && f.n >= 1,
		  "an empty body and target still give the bias features");
	CHECK(learn_features("Tax.", 4, "a target much longer than the document itself", 46, 12,
						 &f) == NN_OK && f.n > 2, "a target longer than the body is fine");
	big = repeat("Wind farms ", 40000, &biglen);
	hook_calls = 0;
	CHECK(learn_features(big, biglen, "wind farms", 10, 12, &f) == NN_OK, "a long body is read");
	CHECK(hook_calls > 0, "with interrupt checks (%ld)", hook_calls);
	free(big);
	learn_features_free(&f);
}

/* The model keeps targets apart and training is deterministic. */
static void
test_target_aware(void)
{
	LearnOpts	o = small_opts();
	LearnTrainer a,
				b;
	bool		same = true;

	train(&a, &o, 5);
	train(&b, &o, 5);
	CHECK(a.nlabels == 2 && a.ntargets == 2 && a.seen == 20, "two labels, two targets, 20 rows");
	CHECK(correct(&a) == NTOY, "every toy row is labelled right: targets are not confused");
	for (int32_t k = 0; k < a.nlabels; k++)
		same = same && memcmp(a.w[k], b.w[k], sizeof(float) << o.nbits) == 0;
	CHECK(same, "the same rows in the same order give the same weights");
	learn_trainer_free(&a);
	learn_trainer_free(&b);
}

/* A buffer smaller than the rows stays bounded and the model still learns. */
static void
test_bounded_buffer(void)
{
	LearnOpts	o = small_opts();
	LearnTrainer t;

	o.buffer_rows = 3;
	hook_calls = 0;
	train(&t, &o, 250);
	CHECK(t.nrows == 3 && t.seen == 1000, "the buffer holds 3 of 1000 rows");
	CHECK(buffer_correct(&t) == 3, "the model fits the uniform sample it keeps");
	CHECK(hook_calls > 0, "the solver checks for interrupts");
	learn_trainer_free(&t);
	o.buffer_rows = 100;
	o.buffer_feats = 1000;
	train(&t, &o, 50);
	CHECK(t.nrows >= 1 && t.nfeats <= 1000, "the buffer's feature budget holds (%d rows, %zu)",
		  t.nrows, t.nfeats);
	learn_trainer_free(&t);
}

/* Squared length of a trained model's weights. */
static double
norm2(const LearnTrainer *t)
{
	double		sum = 0.0;

	for (int32_t k = 0; k < t->nlabels; k++)
		for (size_t b = 0; b < ((size_t) 1 << t->o.nbits); b++)
			sum += (double) t->w[k][b] * t->w[k][b];
	return sum;
}

/* The cost trades fit against weight length, as regularisation should. */
static void
test_cost(void)
{
	LearnOpts	o = small_opts();
	LearnTrainer weak,
				strong;

	o.cost = 1.0f;
	train(&weak, &o, 1);
	o.cost = 0.001f;
	train(&strong, &o, 1);
	CHECK(norm2(&strong) < norm2(&weak) / 10, "a lower cost gives shorter weights (%g < %g)",
		  norm2(&strong), norm2(&weak));
	CHECK(correct(&weak) == NTOY, "a high cost fits every toy row");
	learn_trainer_free(&weak);
	learn_trainer_free(&strong);
}

/* Label and target limits. */
static void
test_limits(void)
{
	LearnOpts	o = small_opts();
	LearnTrainer t;
	char		name[16];
	int32_t		k = 0;

	o.nbits = LEARN_MIN_BITS;
	learn_trainer_init(&t, &o);
	for (int i = 0; i < LEARN_MAX_LABELS && k >= 0; i++)
	{
		snprintf(name, sizeof(name), "L%d", i);
		k = learn_trainer_label(&t, name, strlen(name));
	}
	CHECK(k == LEARN_MAX_LABELS - 1, "%d labels are accepted", LEARN_MAX_LABELS);
	CHECK(learn_trainer_label(&t, "one more", 8) == LEARN_TOO_MANY_LABELS, "one more is refused");
	CHECK(learn_trainer_label(&t, "L3", 2) == 3, "a known label keeps its index");
	for (int i = 0; i < LEARN_MAX_TARGETS + 10; i++)
	{
		snprintf(name, sizeof(name), "T%d", i);
		learn_trainer_target(&t, name, strlen(name));
	}
	CHECK(t.ntargets == LEARN_MAX_TARGETS && t.targets_truncated,
		  "targets past %d are counted as truncated", LEARN_MAX_TARGETS);
	learn_trainer_free(&t);
}

int
main(void)
{
	nn_interrupt_hook = count_hook;
	test_features();
	test_target_aware();
	test_bounded_buffer();
	test_cost();
	test_limits();
	return unit_done();
}
