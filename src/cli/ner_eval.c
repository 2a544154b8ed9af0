/*
 * ner_eval.c
 *	  ner-eval: tag CoNLL files with a model and score them as conlleval
 *	  does; optionally write "token gold guess" lines (IOB2) and measure
 *	  tagging speed.
 *
 *	  ner-eval --model MODEL [--out FILE] [--bench N] [--cache WORDS]
 *			   [--filter 0|1] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ner_conll.h"
#include "ner_decode.h"

/* CPU seconds of this thread: steady even when other work shares the cores. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* IOB2 tag text of token t given BILOU labels. */
static void
iob2(uint8_t label, char *buf, size_t len)
{
	if (label == NER_LABEL_O)
		snprintf(buf, len, "O");
	else
		snprintf(buf, len, "%c-%s",
				 ner_label_part(label) == NER_PART_B || ner_label_part(label) == NER_PART_U ? 'B' : 'I',
				 ner_type_name(ner_label_type(label)));
}

/* Write token, gold and guessed tags, one token a line, for the conlleval script. */
static bool
write_tagged(FILE *out, NerTagger *tg, const ConllCorpus *c)
{
	uint8_t    *lab = malloc((size_t) c->ntokens + 1);

	if (lab == NULL)
		return false;
	for (int d = 0; d < c->ndocs; d++)
	{
		const NerDoc *doc = &c->docs[d].doc;

		if (ner_tag(tg, doc, lab, NULL) != NN_OK)
			return false;
		for (int32_t s = 0; s < doc->nsent; s++)
		{
			for (int32_t t = doc->sent_start[s]; t < doc->sent_start[s + 1]; t++)
			{
				char		g[16],
							p[16];

				iob2(c->docs[d].gold[t], g, sizeof(g));
				iob2(lab[t], p, sizeof(p));
				fprintf(out, "%.*s %s %s\n", (int) doc->tokens[t].len, doc->tokens[t].s, g, p);
			}
			fprintf(out, "\n");
		}
	}
	free(lab);
	return true;
}

/* Tagger settings from the command line. */
typedef struct Settings
{
	int			cache_words;	/* negative: the default */
	bool		filter;
} Settings;

/* Prepare a tagger with the settings. */
static void
tagger_setup(NerTagger *tg, const NerModel *m, const Settings *set)
{
	ner_tagger_init(tg, m);
	if (set->cache_words >= 0)
		tg->cache_words = set->cache_words;
	tg->filter = set->filter;
}

/* Tag every document of a corpus once; returns the CPU seconds taken. */
static double
tag_corpus(NerTagger *tg, const ConllCorpus *c, uint8_t *lab)
{
	double		t0 = now();

	for (int d = 0; d < c->ndocs; d++)
		ner_tag(tg, &c->docs[d].doc, lab, NULL);
	return now() - t0;
}

/*
 * Tag a corpus rounds times on one core and print tokens per second: cold,
 * the first round with an empty word cache, and warm, the rest.
 */
static void
bench(const NerModel *m, const ConllCorpus *c, int rounds, const Settings *set)
{
	NerTagger	tg;
	uint8_t    *lab = malloc((size_t) c->ntokens + 1);
	double		cold;
	double		warm = 0;

	if (lab == NULL)
		return;
	tagger_setup(&tg, m, set);
	cold = tag_corpus(&tg, c, lab);
	for (int r = 1; r < rounds; r++)
		warm += tag_corpus(&tg, c, lab);
	printf("bench: %lld tokens, filter %s, cache %d words: cold %.0f tokens/s",
		   (long long) c->ntokens, tg.filter ? "on" : "off", tg.cache_words,
		   c->ntokens / cold);
	if (rounds > 1)
		printf(", warm %.0f tokens/s (%d rounds, %.2f CPU s)",
			   c->ntokens * (double) (rounds - 1) / warm, rounds - 1, warm);
	printf("\n");
	ner_tagger_free(&tg);
	free(lab);
}

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: ner-eval --model MODEL [--out FILE] [--bench N] [--cache WORDS] [--filter 0|1] FILE...\n");
	exit(2);
}

/* Load a model file. */
static NerModel *
load_model(const char *path)
{
	size_t		len;
	char	   *buf = read_file(path, &len);
	char		err[256];
	NerModel   *m;
	double		t0;

	if (buf == NULL)
	{
		fprintf(stderr, "ner-eval: cannot read %s\n", path);
		exit(1);
	}
	t0 = now();
	m = ner_model_load(buf, len, err, sizeof(err));
	printf("model %s: %zu bytes, opened in %.2f ms\n", path, len, 1e3 * (now() - t0));
	free(buf);
	if (m == NULL)
	{
		fprintf(stderr, "ner-eval: %s: %s\n", path, err);
		exit(1);
	}
	return m;
}

/* Score each file given. */
int
main(int argc, char **argv)
{
	const char *model = NULL;
	const char *out = NULL;
	int			rounds = 0;
	Settings	set = {-1, true};
	int			i = 1;
	NerModel   *m;

	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2)
	{
		if (strcmp(argv[i], "--model") == 0)
			model = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[i + 1];
		else if (strcmp(argv[i], "--bench") == 0)
			rounds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--cache") == 0)
			set.cache_words = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--filter") == 0)
			set.filter = atoi(argv[i + 1]) != 0;
		else
			usage();
	}
	if (model == NULL || i >= argc)
		usage();
	m = load_model(model);
	for (; i < argc; i++)
	{
		ConllCorpus c;
		NerTagger	tg;
		NerScore	score;
		char		err[256];
		FILE	   *f;

		if (!conll_read(argv[i], &c, err, sizeof(err)))
		{
			fprintf(stderr, "ner-eval: %s\n", err);
			return 1;
		}
		tagger_setup(&tg, m, &set);
		if (!ner_evaluate(&tg, c.docs, c.ndocs, &score))
		{
			fprintf(stderr, "ner-eval: out of memory\n");
			return 1;
		}
		printf("%s\n", argv[i]);
		conll_print_score(stdout, &score);
		if (out && ((f = fopen(out, "w")) == NULL || !write_tagged(f, &tg, &c) || fclose(f) != 0))
		{
			fprintf(stderr, "ner-eval: cannot write %s\n", out);
			return 1;
		}
		ner_tagger_free(&tg);
		if (rounds > 0)
			bench(m, &c, rounds, &set);
		conll_free(&c);
	}
	ner_model_free(m);
	return 0;
}
