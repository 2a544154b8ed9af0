/*
 * stance_train.c
 *	  Train the stance model on NewsMTSC JSON lines with a sentiment lexicon
 *	  and write the model image.
 *
 *	  stance-train --train FILE --lexicon FILE --out FILE [--ner FILE] [--dev FILE]...
 *		[--epochs N] [--rate R] [--l2 L] [--bits B] [--seed S] [--seeds N]
 *		[--groups HEX] [--no-balance] [--cv K]
 *
 *	  With --dev, macro-F1 and accuracy on each dev file are printed after
 *	  every epoch (of the float weights; the saved model is quantized).
 *	  --ner names the entity model whose word clusters the features read.
 *	  --cv K first reports K-fold cross-validation on the training file
 *	  (folds split by sentence, so a sentence's targets stay together),
 *	  pooled over the folds: a steadier figure than the small dev sets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stance_data.h"
#include "stance_model.h"
#include "stance_score.h"
#include "stance_train.h"

#define MAX_DEV 4

/* Command line settings. */
typedef struct Args
{
	const char *train;
	const char *lexicon;
	const char *out;
	const char *ner;
	const char *dev[MAX_DEV];
	int			ndev;
	uint32_t	nbits;
	uint32_t	groups;
	int			seeds;			/* runs with successive seeds, averaged */
	int			cv;				/* folds of cross-validation, 0 for none */
	StanceTrainOpts opts;
} Args;

/* Dev sets featurized once, for the per-epoch report. */
typedef struct DevSets
{
	StanceTrainSet set[MAX_DEV];
	const char *name[MAX_DEV];
	int			n;
} DevSets;

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: stance-train --train FILE --lexicon FILE --out FILE [--ner FILE] [--dev FILE]...\n"
			"  [--epochs N] [--rate R] [--l2 L] [--bits B] [--seed S] [--seeds N] [--groups HEX]\n"
			"  [--no-balance] [--cv K]\n");
	exit(2);
}

/* Parse the command line. */
static void
parse_args(int argc, char **argv, Args *a)
{
	memset(a, 0, sizeof(*a));
	a->nbits = 18;
	a->groups = STANCE_G_ALL;
	a->ner = "data/ner/ner-en.model";
	a->seeds = 1;
	a->opts = (StanceTrainOpts) {.epochs = 12, .rate = 0.05f, .l2 = 1e-4f, .seed = 42, .balance = true};
	for (int i = 1; i < argc; i++)
	{
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--no-balance") == 0)
		{
			a->opts.balance = false;
			continue;
		}
		if (v == NULL)
			usage();
		if (strcmp(argv[i], "--train") == 0)
			a->train = v;
		else if (strcmp(argv[i], "--lexicon") == 0)
			a->lexicon = v;
		else if (strcmp(argv[i], "--out") == 0)
			a->out = v;
		else if (strcmp(argv[i], "--ner") == 0)
			a->ner = v;
		else if (strcmp(argv[i], "--dev") == 0 && a->ndev < MAX_DEV)
			a->dev[a->ndev++] = v;
		else if (strcmp(argv[i], "--epochs") == 0)
			a->opts.epochs = atoi(v);
		else if (strcmp(argv[i], "--rate") == 0)
			a->opts.rate = strtof(v, NULL);
		else if (strcmp(argv[i], "--l2") == 0)
			a->opts.l2 = strtof(v, NULL);
		else if (strcmp(argv[i], "--bits") == 0)
			a->nbits = (uint32_t) atoi(v);
		else if (strcmp(argv[i], "--cv") == 0)
			a->cv = atoi(v);
		else if (strcmp(argv[i], "--seeds") == 0)
			a->seeds = atoi(v);
		else if (strcmp(argv[i], "--seed") == 0)
			a->opts.seed = (uint32_t) strtoul(v, NULL, 10);
		else if (strcmp(argv[i], "--groups") == 0)
			a->groups = (uint32_t) strtoul(v, NULL, 16) & STANCE_G_ALL;
		else
			usage();
		i++;
	}
	if (!a->train || !a->lexicon || !a->out || a->opts.epochs < 1 || a->seeds < 1 ||
		a->cv < 0 || a->cv == 1 || a->nbits < STANCE_MIN_BITS || a->nbits > STANCE_MAX_BITS)
		usage();
}

/*
 * Featurize every target of a corpus file into a set; exits on failure.
 * If texts is not NULL, *texts gets each example's sentence index (malloc'd).
 */
static void
featurize(const char *path, const StanceLexicon *lex, const NerLexicon *clusters,
		  uint32_t groups, StanceTrainSet *set, int32_t **texts)
{
	StanceCorpus c;
	StanceFeatures f = {0};
	char		err[256];

	if (!stance_corpus_read(path, &c, err, sizeof(err)))
	{
		fprintf(stderr, "stance-train: %s\n", err);
		exit(1);
	}
	if (texts && (*texts = malloc(sizeof(int32_t) * (c.ntargets ? c.ntargets : 1))) == NULL)
	{
		fprintf(stderr, "stance-train: out of memory\n");
		exit(1);
	}
	for (int32_t i = 0; i < c.ntargets; i++)
	{
		const StanceTarget *t = &c.targets[i];

		if (stance_features(c.texts[t->text], c.lens[t->text], c.spans + t->first_span,
							t->nspans, lex, clusters, groups, &f) != NN_OK ||
			!stance_trainset_add(set, &f, t->label))
		{
			fprintf(stderr, "stance-train: out of memory or ICU failure\n");
			exit(1);
		}
		if (texts)
			(*texts)[i] = t->text;
	}
	stance_features_free(&f);
	stance_corpus_free(&c);
}

/* Score a featurized set under float weights. */
static StanceScore
score_set(const StanceTrainSet *set, const float *w)
{
	StanceScore s = {0};

	for (int32_t i = 0; i < set->n; i++)
		stance_score_add(&s, set->ex[i].label, stance_train_predict(set, i, w));
	return s;
}

/* The per-epoch report on the dev sets. */
static void
report_epoch(int epoch, const float *w, void *arg)
{
	DevSets    *d = arg;

	printf("epoch %2d", epoch);
	for (int i = 0; i < d->n; i++)
	{
		StanceScore s = score_set(&d->set[i], w);

		printf("  %s F1m %.4f acc %.4f", d->name[i], stance_score_macro_f1(&s),
			   stance_score_accuracy(&s));
	}
	printf("\n");
}

/* The examples of set in fold k of n (by sentence) or out of it, sharing its features. */
static StanceTrainSet
fold_of(const StanceTrainSet *set, const int32_t *texts, int n, int k, bool in)
{
	StanceTrainSet f = {.nbits = set->nbits, .feats = set->feats, .nfeats = set->nfeats};

	f.ex = malloc(sizeof(StanceExample) * (set->n ? set->n : 1));
	if (f.ex == NULL)
	{
		fprintf(stderr, "stance-train: out of memory\n");
		exit(1);
	}
	for (int32_t i = 0; i < set->n; i++)
		if ((texts[i] % n == k) == in)
			f.ex[f.n++] = set->ex[i];
	return f;
}

/* Report K-fold cross-validation on the training set, pooled over the folds. */
static void
cross_validate(const Args *a, const StanceTrainSet *set, const int32_t *texts)
{
	StanceScore s = {0};

	for (int k = 0; k < a->cv; k++)
	{
		StanceTrainSet tr = fold_of(set, texts, a->cv, k, false);
		StanceTrainSet te = fold_of(set, texts, a->cv, k, true);
		float	   *w = stance_train(&tr, &a->opts, NULL, NULL);

		if (w == NULL)
		{
			fprintf(stderr, "stance-train: out of memory\n");
			exit(1);
		}
		for (int32_t i = 0; i < te.n; i++)
			stance_score_add(&s, te.ex[i].label, stance_train_predict(&te, i, w));
		free(w);
		free(tr.ex);
		free(te.ex);
	}
	printf("%d-fold cross-validation on the training set: F1m %.4f acc %.4f\n", a->cv,
		   stance_score_macro_f1(&s), stance_score_accuracy(&s));
}

/* Write the model file; exits on failure. */
static void
save(const Args *a, const float *w, const StanceLexicon *lex)
{
	uint8_t    *img;
	size_t		len;
	FILE	   *fp;

	if (!stance_model_save(a->nbits, a->groups, w, lex, &img, &len))
	{
		fprintf(stderr, "stance-train: out of memory\n");
		exit(1);
	}
	fp = fopen(a->out, "wb");
	if (fp == NULL || fwrite(img, 1, len, fp) != len || fclose(fp) != 0)
	{
		fprintf(stderr, "stance-train: cannot write %s\n", a->out);
		exit(1);
	}
	printf("wrote %s: %zu bytes, %u buckets, groups 0x%03x\n", a->out, len, 1u << a->nbits, a->groups);
	free(img);
}

/*
 * Train once per seed (successive seeds) and average the weights: runs that
 * saw the examples in different orders disagree least where it matters.
 * The dev report after the last run is of the average. Exits on failure.
 */
static float *
train_seeds(const Args *a, const StanceTrainSet *train, DevSets *dev)
{
	size_t		nw = (size_t) STANCE_NLABELS << a->nbits;
	float	   *sum = NULL;

	for (int k = 0; k < a->seeds; k++)
	{
		StanceTrainOpts o = a->opts;
		bool		last = k == a->seeds - 1;
		float	   *w;

		o.seed = a->opts.seed + (uint32_t) k;
		w = stance_train(train, &o, dev->n && a->seeds == 1 ? report_epoch : NULL, dev);
		if (w == NULL)
		{
			fprintf(stderr, "stance-train: out of memory\n");
			exit(1);
		}
		if (sum == NULL)
			sum = w;
		else
		{
			for (size_t i = 0; i < nw; i++)
				sum[i] += w[i];
			free(w);
		}
		if (last && a->seeds > 1)
		{
			for (size_t i = 0; i < nw; i++)
				sum[i] /= (float) a->seeds;
			if (dev->n)
				report_epoch(a->opts.epochs, sum, dev);
		}
	}
	return sum;
}

int
main(int argc, char **argv)
{
	Args		a;
	StanceLexicon lex = {0};
	const NerLexicon *clusters;
	StanceTrainSet train = {0};
	DevSets		dev = {0};
	int			nwords;
	char		err[256];
	clock_t		t0 = clock();
	int32_t    *texts = NULL;
	float	   *w;

	parse_args(argc, argv, &a);
	if (!stance_lexicon_read(a.lexicon, &lex, &nwords, err, sizeof(err)))
	{
		fprintf(stderr, "stance-train: %s\n", err);
		return 1;
	}
	train.nbits = a.nbits;
	clusters = (a.groups & (STANCE_G_CLUSTERS | STANCE_G_MENTION)) ?
		stance_clusters_read(a.ner) : NULL;
	featurize(a.train, &lex, clusters, a.groups, &train, a.cv ? &texts : NULL);
	for (int i = 0; i < a.ndev; i++)
	{
		dev.set[i].nbits = a.nbits;
		dev.name[i] = strrchr(a.dev[i], '/') ? strrchr(a.dev[i], '/') + 1 : a.dev[i];
		featurize(a.dev[i], &lex, clusters, a.groups, &dev.set[i], NULL);
	}
	dev.n = a.ndev;
	printf("lexicon %d words; %d training targets, %zu feature values\n",
		   nwords, train.n, train.nfeats);
	if (a.cv)
		cross_validate(&a, &train, texts);
	free(texts);
	w = train_seeds(&a, &train, &dev);
	save(&a, w, &lex);
	printf("trained in %.2f s (featurizing included)\n", (double) (clock() - t0) / CLOCKS_PER_SEC);
	free(w);
	free((void *) lex.slots);
	stance_trainset_free(&train);
	for (int i = 0; i < dev.n; i++)
		stance_trainset_free(&dev.set[i]);
	return 0;
}
