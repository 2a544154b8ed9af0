/*
 * stance_eval.c
 *	  Score a stance model on NewsMTSC JSON lines: per-label precision,
 *	  recall and F1, macro-F1 and accuracy; with --bench N, also time N
 *	  passes over every target (features and scoring, tokenizer included).
 *
 *	  stance-eval --model FILE [--ner FILE] [--bench N] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stance.h"
#include "stance_data.h"
#include "stance_score.h"

/* Seconds on a monotonic clock. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The entity model's word clusters, if the stance model reads them. */
static const NerLexicon *clusters = NULL;

/* Classify target i of a corpus; exits on failure. */
static StanceResult
classify(const StanceModel *m, const StanceCorpus *c, int32_t i)
{
	const StanceTarget *t = &c->targets[i];
	StanceResult r;

	if (stance_classify(m, clusters, c->texts[t->text], c->lens[t->text], c->spans + t->first_span,
						t->nspans, &r) != NN_OK)
	{
		fprintf(stderr, "stance-eval: classification failed\n");
		exit(1);
	}
	return r;
}

/* Print the scores of one corpus. */
static void
report(const char *name, const StanceModel *m, const StanceCorpus *c)
{
	StanceScore s = {0};

	for (int32_t i = 0; i < c->ntargets; i++)
		stance_score_add(&s, c->targets[i].label, classify(m, c, i).label);
	printf("%s: %d targets  macro-F1 %.4f  accuracy %.4f\n", name, c->ntargets,
		   stance_score_macro_f1(&s), stance_score_accuracy(&s));
	for (int k = 0; k < STANCE_NLABELS; k++)
	{
		StancePrf p = stance_score_prf(&s, (StanceLabel) k);

		printf("  %-8s P %.4f  R %.4f  F1 %.4f  (gold %ld, predicted %ld)\n",
			   stance_label_name((StanceLabel) k), p.precision, p.recall, p.f1,
			   (long) p.gold, (long) p.pred);
	}
}

/* Time rounds passes over every target of a corpus. */
static void
bench(const char *name, const StanceModel *m, const StanceCorpus *c, int rounds)
{
	int64_t		tokens = 0;
	double		t0 = now();
	double		secs;
	double		targets = (double) rounds * c->ntargets;

	for (int r = 0; r < rounds; r++)
		for (int32_t i = 0; i < c->ntargets; i++)
			tokens += classify(m, c, i).ntokens;
	secs = now() - t0;
	printf("%s: %.0f targets/s, %.0f tokens/s, %.3f us/token (%d rounds, one core)\n",
		   name, targets / secs, tokens / secs, 1e6 * secs / (double) tokens, rounds);
}

int
main(int argc, char **argv)
{
	const char *model_path = NULL;
	const char *ner_path = "data/ner/ner-en.model";
	int			rounds = 0;
	int			first = 1;
	uint8_t    *img;
	size_t		len = 0;
	char		err[256];
	StanceModel *m;

	for (; first + 1 < argc && argv[first][0] == '-'; first += 2)
		if (strcmp(argv[first], "--model") == 0)
			model_path = argv[first + 1];
		else if (strcmp(argv[first], "--bench") == 0)
			rounds = atoi(argv[first + 1]);
		else if (strcmp(argv[first], "--ner") == 0)
			ner_path = argv[first + 1];
	if (model_path == NULL || first >= argc)
	{
		fprintf(stderr, "usage: stance-eval --model FILE [--ner FILE] [--bench N] FILE...\n");
		return 2;
	}
	img = stance_read_file(model_path, &len);
	m = img ? stance_model_load(img, len, err, sizeof(err)) : NULL;
	free(img);
	if (m == NULL)
	{
		fprintf(stderr, "stance-eval: %s: %s\n", model_path, img ? err : "cannot read");
		return 1;
	}
	if (m->groups & (STANCE_G_CLUSTERS | STANCE_G_MENTION))
		clusters = stance_clusters_read(ner_path);
	for (int f = first; f < argc; f++)
	{
		StanceCorpus c;
		const char *name = strrchr(argv[f], '/') ? strrchr(argv[f], '/') + 1 : argv[f];

		if (!stance_corpus_read(argv[f], &c, err, sizeof(err)))
		{
			fprintf(stderr, "stance-eval: %s\n", err);
			return 1;
		}
		report(name, m, &c);
		if (rounds > 0)
			bench(name, m, &c, rounds);
		stance_corpus_free(&c);
	}
	stance_model_free(m);
	return 0;
}
