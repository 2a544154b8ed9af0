/*
 * stance_semeval.c
 *	  Train and score the core's target-aware linear classifier (the code
 *	  behind SQL's stance_train and stance) on SemEval-2016 Task 6 subtask A.
 *
 *	  stance-semeval [options] trainingdata-all-annotations.txt
 *	    --bits N --passes N --tolerance X --cost X --balance 0|1   settings
 *	    --seed N        the trainer's shuffle seed, to see how much a figure
 *	                    owes to the order rows were visited in
 *	    --cv K          K-fold cross-validation on the training part only
 *	    --cv-whole K    K-fold cross-validation on the whole file, the
 *	                    held-out rows included (steadier: five times the
 *	                    rows of the held-out part are scored)
 *	    --split-out DIR write DIR/train.tsv and DIR/heldout.tsv (target, tweet,
 *	                    stance; UTF-8) for the same run through SQL
 *	    --pred-out FILE write the held-out predictions, one a line
 *
 *	  The held-out part is every fifth row of each target in file order
 *	  (rows 5, 10, ... of that target); the rest is the training part. Lines
 *	  that are not valid UTF-8 are read as Windows-1252, the original
 *	  release's encoding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learn_eval.h"
#include "learn_linear.h"
#include "utf8.h"

/* One labelled tweet. */
typedef struct Row
{
	char	   *target;
	char	   *tweet;
	char	   *stance;
	bool		heldout;
	int			fold;			/* cross-validation fold, by row of its target */
} Row;

/* All rows of the file. */
typedef struct Data
{
	Row		   *rows;
	int			n;
} Data;

/* Windows-1252's code points for bytes 0x80..0x9F (0 where undefined). */
static const uint16_t cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
	0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Fail with a message. */
static void
die(const char *msg, const char *arg)
{
	fprintf(stderr, "stance-semeval: %s%s\n", msg, arg ? arg : "");
	exit(1);
}

/* True if s is valid UTF-8. */
static bool
valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;)
	{
		int			w;

		if (nn_utf8_decode(s, len, i, &w) == NN_REPLACEMENT_CHAR && w == 1)
			return false;
		i += (size_t) w;
	}
	return true;
}

/* A UTF-8 copy of s, read as Windows-1252 if it is not UTF-8 already. */
static char *
to_utf8(const char *s, size_t len)
{
	char	   *out = malloc(3 * len + 1);
	size_t		n = 0;

	if (out == NULL)
		die("out of memory", NULL);
	if (valid_utf8(s, len))
	{
		memcpy(out, s, len);
		out[len] = 0;
		return out;
	}
	for (size_t i = 0; i < len; i++)
	{
		unsigned	c = (unsigned char) s[i];

		if (c >= 0x80 && c < 0xA0)
			c = cp1252[c - 0x80] ? cp1252[c - 0x80] : 0xFFFD;
		if (c < 0x80)
			out[n++] = (char) c;
		else if (c < 0x800)
		{
			out[n++] = (char) (0xC0 | c >> 6);
			out[n++] = (char) (0x80 | (c & 0x3F));
		}
		else
		{
			out[n++] = (char) (0xE0 | c >> 12);
			out[n++] = (char) (0x80 | ((c >> 6) & 0x3F));
			out[n++] = (char) (0x80 | (c & 0x3F));
		}
	}
	out[n] = 0;
	return out;
}

/* Index of target in names[0..*n), added if new. */
static int
target_index(char **names, int *n, const char *target)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(names[i], target) == 0)
			return i;
	if (*n == 64)
		die("too many targets", NULL);
	names[*n] = strdup(target);
	return (*n)++;
}

/* Read the annotations file, marking the held-out rows and folds. */
static void
read_data(const char *path, Data *d, char **targets, int *ntargets, int folds, bool whole)
{
	FILE	   *f = fopen(path, "rb");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	int			seen[64] = {0};
	int			train_seen[64] = {0};
	int			lineno = 0;

	if (f == NULL)
		die("cannot open ", path);
	d->rows = NULL;
	d->n = 0;
	while ((len = getline(&line, &cap, f)) > 0)
	{
		char	   *u,
				   *field[4];
		int			t;
		Row		   *r;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (lineno++ == 0 || len == 0)
			continue;
		u = to_utf8(line, (size_t) len);
		field[0] = strtok(u, "\t");
		for (int k = 1; k < 4; k++)
			field[k] = strtok(NULL, "\t");
		if (field[3] == NULL)
			die("a line has fewer than four fields in ", path);
		d->rows = realloc(d->rows, sizeof(Row) * (d->n + 1));
		r = &d->rows[d->n++];
		r->target = field[1];
		r->tweet = field[2];
		r->stance = field[3];
		t = target_index(targets, ntargets, r->target);
		r->heldout = ++seen[t] % 5 == 0 && !whole;
		r->fold = r->heldout ? -1 : train_seen[t]++ % (folds > 0 ? folds : 1);
	}
	free(line);
	fclose(f);
}

/* Train on rows where use(row) holds; exits on failure. */
static void
train(LearnTrainer *t, const LearnOpts *o, const Data *d, bool (*use) (const Row *, int),
	  int fold)
{
	LearnFeatures f = {0};

	if (learn_trainer_init(t, o) != NN_OK)
		die("out of memory", NULL);
	for (int i = 0; i < d->n; i++)
	{
		const Row  *r = &d->rows[i];
		int32_t		label;

		if (!use(r, fold))
			continue;
		label = learn_trainer_label(t, r->stance, strlen(r->stance));
		if (label < 0 || learn_trainer_target(t, r->target, strlen(r->target)) != NN_OK ||
			learn_features(r->tweet, strlen(r->tweet), r->target, strlen(r->target), o->nbits,
						   &f) != NN_OK ||
			learn_trainer_add(t, &f, label) != NN_OK)
			die("training failed", NULL);
	}
	learn_features_free(&f);
	if (learn_trainer_finish(t) != NN_OK)
		die("out of memory", NULL);
}

/* Label the trained model gives a row. */
static const LearnName *
predict(const LearnTrainer *t, const Row *r)
{
	LearnFeatures f = {0};
	float		probs[LEARN_MAX_LABELS];
	int32_t		best;

	if (learn_features(r->tweet, strlen(r->tweet), r->target, strlen(r->target), t->o.nbits,
					   &f) != NN_OK)
		die("feature extraction failed", NULL);
	best = learn_predict((const float *const *) t->w, t->nlabels, &f, probs);
	learn_features_free(&f);
	return &t->labels[best];
}

/* Copy of a label as a C string in buf. */
static const char *
label_str(const LearnName *n, char *buf, size_t size)
{
	size_t		len = n->len < size - 1 ? n->len : size - 1;

	memcpy(buf, n->s, len);
	buf[len] = 0;
	return buf;
}

/* Rows of the training part outside a fold. */
static bool
in_train_fold(const Row *r, int fold)
{
	return !r->heldout && (fold < 0 || r->fold != fold);
}

/* Rows of the given fold. */
static bool
in_test_fold(const Row *r, int fold)
{
	return !r->heldout && r->fold == fold;
}

/* Held-out rows. */
static bool
in_heldout(const Row *r, int fold)
{
	(void) fold;
	return r->heldout;
}

/* Score rows where use(row, fold) holds, pooled and per target. */
static void
score(const LearnTrainer *t, const Data *d, bool (*use) (const Row *, int), int fold,
	  LearnStanceScore *pooled, LearnStanceScore *per, char **targets, int ntargets, FILE *out)
{
	char		buf[64];

	for (int i = 0; i < d->n; i++)
	{
		const Row  *r = &d->rows[i];
		const char *pred;
		int			ti;

		if (!use(r, fold))
			continue;
		pred = label_str(predict(t, r), buf, sizeof(buf));
		learn_score_add(pooled, r->stance, pred);
		for (ti = 0; ti < ntargets && strcmp(targets[ti], r->target) != 0; ti++)
			;
		if (per)
			learn_score_add(&per[ti], r->stance, pred);
		if (out)
			fprintf(out, "%d\t%s\t%s\n", i, r->stance, pred);
	}
}

/* Write the rows where use holds as target, tweet, stance. */
static void
write_split(const char *dir, const char *name, const Data *d, bool (*use) (const Row *, int))
{
	char		path[4096];
	FILE	   *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		die("cannot write ", path);
	for (int i = 0; i < d->n; i++)
		if (use(&d->rows[i], -1))
			fprintf(f, "%s\t%s\t%s\n", d->rows[i].target, d->rows[i].tweet, d->rows[i].stance);
	fclose(f);
}

/* Seconds of CPU time since start. */
static double
seconds_since(clock_t start)
{
	return (double) (clock() - start) / CLOCKS_PER_SEC;
}

/* K-fold cross-validation on the training part; prints the pooled F_avg. */
static void
cross_validate(const LearnOpts *o, const Data *d, int folds)
{
	LearnStanceScore pooled = {0};

	for (int k = 0; k < folds; k++)
	{
		LearnTrainer t;

		train(&t, o, d, in_train_fold, k);
		score(&t, d, in_test_fold, k, &pooled, NULL, NULL, 0, NULL);
		learn_trainer_free(&t);
	}
	printf("cv folds=%d bits=%u passes=%u tolerance=%g cost=%g balance=%d seed=%u F_avg=%.4f\n", folds,
		   o->nbits, o->passes, (double) o->tolerance, (double) o->cost, o->balance, o->seed,
		   learn_favg(&pooled));
}

/* Train on the training part, score the held-out part. */
static void
heldout(const LearnOpts *o, const Data *d, char **targets, int ntargets, const char *pred_out)
{
	LearnTrainer t;
	LearnStanceScore pooled = {0};
	LearnStanceScore per[64];
	clock_t		start = clock();
	double		secs;
	FILE	   *out = pred_out ? fopen(pred_out, "w") : NULL;
	int			ntrain = 0;

	memset(per, 0, sizeof(per));
	for (int i = 0; i < d->n; i++)
		ntrain += !d->rows[i].heldout;
	train(&t, o, d, in_train_fold, -1);
	secs = seconds_since(start);
	score(&t, d, in_heldout, -1, &pooled, per, targets, ntargets, out);
	if (out)
		fclose(out);
	printf("trained on %d rows in %.2f s (bits=%u passes=%u tolerance=%g cost=%g balance=%d)\n",
		   ntrain, secs, o->nbits, o->passes, (double) o->tolerance, (double) o->cost, o->balance);
	printf("%-36s %8s %8s %8s\n", "held-out 20%", "F1 FAVOR", "F1 AGST", "F_avg");
	for (int i = 0; i < ntargets; i++)
		printf("%-36s %8.4f %8.4f %8.4f\n", targets[i], learn_f1(&per[i].favor),
			   learn_f1(&per[i].against), learn_favg(&per[i]));
	printf("%-36s %8.4f %8.4f %8.4f\n", "pooled (official)", learn_f1(&pooled.favor),
		   learn_f1(&pooled.against), learn_favg(&pooled));
	learn_trainer_free(&t);
}

/* Parse the options and run. */
int
main(int argc, char **argv)
{
	LearnOpts	o = learn_default_opts;
	int			folds = 0;
	bool		whole = false;
	const char *split_out = NULL;
	const char *pred_out = NULL;
	const char *path = NULL;
	Data		d;
	char	   *targets[64];
	int			ntargets = 0;

	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (a[0] != '-')
		{
			path = a;
			continue;
		}
		if (v == NULL)
			die("missing value for ", a);
		i++;
		if (strcmp(a, "--bits") == 0)
			o.nbits = (uint32_t) atoi(v);
		else if (strcmp(a, "--passes") == 0)
			o.passes = (uint32_t) atoi(v);
		else if (strcmp(a, "--tolerance") == 0)
			o.tolerance = strtof(v, NULL);
		else if (strcmp(a, "--cost") == 0)
			o.cost = strtof(v, NULL);
		else if (strcmp(a, "--balance") == 0)
			o.balance = atoi(v) != 0;
		else if (strcmp(a, "--seed") == 0)
			o.seed = (uint32_t) strtoul(v, NULL, 10);
		else if (strcmp(a, "--cv") == 0)
			folds = atoi(v);
		else if (strcmp(a, "--cv-whole") == 0)
		{
			folds = atoi(v);
			whole = true;
		}
		else if (strcmp(a, "--split-out") == 0)
			split_out = v;
		else if (strcmp(a, "--pred-out") == 0)
			pred_out = v;
		else
			die("unknown option ", a);
	}
	if (path == NULL)
		die("usage: stance-semeval [options] trainingdata-all-annotations.txt", NULL);
	if (o.nbits < LEARN_MIN_BITS || o.nbits > LEARN_MAX_BITS)
		die("--bits out of range", NULL);
	if (!(o.cost > 0.0f) || !(o.tolerance >= 0.0f))
		die("--cost must be above 0 and --tolerance not below 0", NULL);
	read_data(path, &d, targets, &ntargets, folds, whole);
	if (split_out)
	{
		write_split(split_out, "train.tsv", &d, in_train_fold);
		write_split(split_out, "heldout.tsv", &d, in_heldout);
	}
	if (folds > 1)
		cross_validate(&o, &d, folds);
	else
		heldout(&o, &d, targets, ntargets, pred_out);
	return 0;
}
