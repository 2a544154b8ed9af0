/*
 * ner_train.c
 *	  ner-train: train the entity tagger on a CoNLL-2003 file.
 *
 *	  ner-train --train FILE [--dev FILE] [--out MODEL] [--iters N]
 *				[--stages 1|2] [--folds K] [--min-count N] [--prune W]
 *				[--lexicon FILE] [--recase FRACTION] [--seed N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ner_conll.h"
#include "ner_lexicon_file.h"

/* Print a progress line from the trainer. */
static void
report(const char *line)
{
	fprintf(stderr, "%s\n", line);
	fflush(stderr);
}

/* Wall-clock seconds. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: ner-train --train FILE [--dev FILE] [--out MODEL] [--iters N]\n"
			"                 [--stages 1|2] [--folds K] [--min-count N] [--prune W]\n"
			"                 [--lexicon FILE] [--recase FRACTION] [--seed N]\n");
	exit(2);
}

/* Command-line settings. */
typedef struct Args
{
	const char *train;
	const char *dev;
	const char *out;
	const char *lexicon;
	double		recase;
} Args;

/* Parse the command line into args and trainer options. */
static void
parse_args(int argc, char **argv, Args *a, NerTrainOptions *opt)
{
	memset(a, 0, sizeof(*a));
	a->out = "ner.model";
	for (int i = 1; i < argc; i += 2)
	{
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			usage();
		if (strcmp(argv[i], "--train") == 0)
			a->train = v;
		else if (strcmp(argv[i], "--dev") == 0)
			a->dev = v;
		else if (strcmp(argv[i], "--out") == 0)
			a->out = v;
		else if (strcmp(argv[i], "--lexicon") == 0)
			a->lexicon = v;
		else if (strcmp(argv[i], "--recase") == 0)
			a->recase = atof(v);
		else if (strcmp(argv[i], "--iters") == 0)
			opt->iters = atoi(v);
		else if (strcmp(argv[i], "--stages") == 0)
			opt->stages = atoi(v);
		else if (strcmp(argv[i], "--folds") == 0)
			opt->folds = atoi(v);
		else if (strcmp(argv[i], "--min-count") == 0)
			opt->min_count = atoi(v);
		else if (strcmp(argv[i], "--prune") == 0)
			opt->prune = (float) atof(v);
		else if (strcmp(argv[i], "--seed") == 0)
			opt->seed = (uint32_t) strtoul(v, NULL, 10);
		else
			usage();
	}
	if (a->train == NULL || opt->iters < 1 || opt->stages < 1 || opt->stages > 2 ||
		opt->folds < 2)
		usage();
}

/* Write bytes to a file; false on any error. */
static bool
write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE	   *f = fopen(path, "wb");
	bool		ok;

	if (f == NULL)
		return false;
	ok = fwrite(buf, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Train, save, and score the saved model on dev. */
int
main(int argc, char **argv)
{
	Args		a;
	NerTrainOptions opt;
	ConllCorpus train,
				dev;
	LexiconFile lex;
	NerModel   *m;
	char		err[256];
	uint8_t    *buf;
	size_t		len;
	double		t0 = now();

	ner_train_defaults(&opt);
	parse_args(argc, argv, &a, &opt);
	memset(&dev, 0, sizeof(dev));
	memset(&lex, 0, sizeof(lex));
	if (!conll_read(a.train, &train, err, sizeof(err)) ||
		(a.dev && !conll_read(a.dev, &dev, err, sizeof(err))) ||
		(a.lexicon && !lexicon_file_read(a.lexicon, &lex, err, sizeof(err))))
	{
		fprintf(stderr, "ner-train: %s\n", err);
		return 1;
	}
	if (a.recase > 0 && !conll_recase(&train, a.recase, opt.seed))
		return 1;
	opt.nlex = lex.n;
	opt.lexkeys = lex.keys;
	opt.lexvalues = lex.values;
	opt.dev = a.dev ? dev.docs : NULL;
	opt.ndev = dev.ndocs;
	opt.report = report;
	fprintf(stderr, "training on %lld tokens in %d documents, lexicon of %u words\n",
			(long long) train.ntokens, train.ndocs, lex.n);
	m = ner_train(train.docs, train.ndocs, &opt);
	if (m == NULL || !ner_model_save(m, &buf, &len) || !write_file(a.out, buf, len))
	{
		fprintf(stderr, "ner-train: training or saving failed\n");
		return 1;
	}
	fprintf(stderr, "wrote %s: %zu bytes, rows %u + %u, in %.1f s\n", a.out, len,
			m->stage[0].nrows, m->nstages > 1 ? m->stage[1].nrows : 0, now() - t0);
	if (a.dev)
	{
		NerModel   *back = ner_model_load(buf, len, err, sizeof(err));
		NerTagger	tg;
		NerScore	score;

		if (back == NULL)
		{
			fprintf(stderr, "ner-train: %s\n", err);
			return 1;
		}
		ner_tagger_init(&tg, back);
		if (!ner_evaluate(&tg, dev.docs, dev.ndocs, &score))
		{
			fprintf(stderr, "ner-train: evaluation failed\n");
			return 1;
		}
		conll_print_score(stdout, &score);
		ner_tagger_free(&tg);
		ner_model_free(back);
	}
	free(buf);
	ner_model_free(m);
	conll_free(&train);
	conll_free(&dev);
	lexicon_file_free(&lex);
	return 0;
}
