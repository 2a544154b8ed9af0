/*
 * gen_model_seeds.c
 *	  Writes the seed corpus of fuzz_ner_model: small valid model images
 *	  (one and two stages, with and without a lexicon) built with the
 *	  model's own writer, so the fuzzer starts from images that open.
 *
 *	  Usage: gen_model_seeds DIRECTORY
 */
#include <stdio.h>
#include <stdlib.h>

#include "ner_model.h"

/* A fixed xorshift generator, so the seeds are the same on every run. */
static uint32_t
next_random(void)
{
	static uint32_t x = 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return x;
}

/* Fill a stage with nrows sorted non-zero keys and small weights. */
static void
fill_stage(NerWeights *w, uint32_t nrows)
{
	w->nrows = nrows;
	w->scale = 0.01f;
	w->keys = calloc(nrows, sizeof(uint32_t));
	w->rows = calloc((size_t) nrows * NER_NLABELS, sizeof(int16_t));
	for (uint32_t i = 0; i < nrows; i++)
		w->keys[i] = (i + 1) * 0x01000193u;
	for (size_t i = 0; i < (size_t) nrows * NER_NLABELS; i++)
		w->rows[i] = (int16_t) (next_random() % 2001) - 1000;
	for (int i = 0; i <= NER_NLABELS; i++)
		for (int j = 0; j < NER_NLABELS; j++)
			w->trans[i][j] = (int16_t) (next_random() % 201) - 100;
}

/* Build, save and write one model image to dir/name. */
static int
write_seed(const char *dir, const char *name, int nstages, uint32_t nrows, uint32_t nlex)
{
	NerModel   *m = calloc(1, sizeof(NerModel));
	uint8_t    *image;
	size_t		len;
	char		path[4096];
	FILE	   *f;

	m->nstages = nstages;
	m->conf_a = 1.5f;
	m->conf_b = -0.5f;
	for (int s = 0; s < nstages; s++)
		fill_stage(&m->stage[s], nrows);
	m->nlex = nlex;
	m->lexkeys = calloc(nlex ? nlex : 1, sizeof(uint32_t));
	m->lexvalues = calloc(nlex ? nlex : 1, sizeof(uint32_t));
	for (uint32_t i = 0; i < nlex; i++)
	{
		m->lexkeys[i] = (i + 1) * 0x9e3779b1u;
		m->lexvalues[i] = next_random() % 256;
	}
	if (!ner_model_index(m) || !ner_model_save(m, &image, &len))
		return 1;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f == NULL || fwrite(image, 1, len, f) != len || fclose(f) != 0)
		return 1;
	free(image);
	ner_model_free(m);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc != 2)
	{
		fprintf(stderr, "usage: gen_model_seeds DIRECTORY\n");
		return 2;
	}
	return write_seed(argv[1], "one-stage-no-lexicon.model", 1, 8, 0) |
		write_seed(argv[1], "one-stage.model", 1, 12, 5) |
		write_seed(argv[1], "two-stages.model", 2, 10, 7);
}
