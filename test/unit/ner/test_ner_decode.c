/*
 * test_ner_decode.c
 *	  Viterbi search under the BILOU constraints, token margins, tagging
 *	  with trained one- and two-stage models, deterministic training, and
 *	  the interrupt hook on long documents.
 */
#include <math.h>

#include "ner_decode.h"
#include "ner_test_corpus.h"
#include "unit.h"

#define L NER_NLABELS

/* True if labels[0..n) is a valid BILOU sequence. */
static bool
valid_sequence(const uint8_t *labels, int n)
{
	for (int t = 0; t < n; t++)
		if (!ner_transition_ok(t ? labels[t - 1] : -1, labels[t]))
			return false;
	return n == 0 || ner_final_ok(labels[n - 1]);
}

/* The search never returns a banned sequence, even when emissions prefer one. */
static void
test_constraints(void)
{
	double		emit[3 * L] = {0};
	double		trans[(L + 1) * L] = {0};
	double		work[2 * 3 * L];
	uint8_t		back[3 * L];
	uint8_t		best[3];

	emit[0 * L + ner_label(NER_PER, NER_PART_I)] = 5;
	emit[0 * L + ner_label(NER_PER, NER_PART_B)] = 4;
	emit[1 * L + ner_label(NER_PER, NER_PART_L)] = 5;
	emit[2 * L + ner_label(NER_ORG, NER_PART_I)] = 5;
	ner_viterbi(emit, 3, trans, best, NULL, work, back);
	CHECK(valid_sequence(best, 3), "result obeys BILOU");
	CHECK(best[0] == ner_label(NER_PER, NER_PART_B) && best[1] == ner_label(NER_PER, NER_PART_L) &&
		  best[2] == NER_LABEL_O, "B-PER L-PER O, the best valid sequence");
}

/* A token's margin is the gap to the best sequence with another label there. */
static void
test_margins(void)
{
	double		emit[2 * L] = {0};
	double		trans[(L + 1) * L] = {0};
	double		work[2 * 2 * L];
	uint8_t		back[2 * L];
	uint8_t		best[2];
	float		m[2];

	emit[NER_LABEL_O] = 5;
	emit[ner_label(NER_LOC, NER_PART_U)] = 3;
	emit[L + ner_label(NER_LOC, NER_PART_U)] = 4;
	emit[L + NER_LABEL_O] = 1;
	ner_viterbi(emit, 2, trans, best, m, work, back);
	CHECK(best[0] == NER_LABEL_O && best[1] == ner_label(NER_LOC, NER_PART_U), "O U-LOC");
	CHECK(fabsf(m[0] - 2.0f) < 1e-6 && fabsf(m[1] - 3.0f) < 1e-6,
		  "margins 2 and 3 (got %g, %g)", m[0], m[1]);
}

/* A sentence of new name combinations is tagged right by a trained model. */
static void
check_tagging(const NerModel *m, const char *what)
{
	NerText		tok[] = {{"Farid", 5}, {"Moreau", 6}, {"visited", 7}, {"Riga", 4}, {".", 1},
	{"shares", 6}, {"in", 2}, {"Velcor", 6}, {"Corp", 4}, {"rose", 4}, {".", 1}};
	int32_t		starts[] = {0, 5, 11};
	NerDoc		doc = {tok, 11, starts, 2};
	NerTagger	tg;
	uint8_t		lab[11];
	float		mar[11];
	NerEntity	e[11];
	int			n;
	bool		conf_ok = true;

	ner_tagger_init(&tg, m);
	CHECK(ner_tag(&tg, &doc, lab, mar) == NN_OK, "%s: tagged", what);
	n = ner_entities(m, &doc, lab, mar, e);
	CHECK(n == 3 && e[0].start == 0 && e[0].end == 2 && e[0].type == NER_PER &&
		  e[1].start == 3 && e[1].end == 4 && e[1].type == NER_LOC &&
		  e[2].start == 7 && e[2].end == 9 && e[2].type == NER_ORG,
		  "%s: PER, LOC and ORG found (%d entities)", what, n);
	for (int k = 0; k < n; k++)
		conf_ok &= e[k].confidence >= 0.0f && e[k].confidence <= 1.0f;
	CHECK(conf_ok, "%s: confidences within [0, 1]", what);
	ner_tagger_free(&tg);
}

/* Training twice gives the same bytes. */
static void
test_determinism(const TestCorpus *c, const NerModel *m)
{
	NerModel   *again = tc_train(c, 2);
	uint8_t    *a,
			   *b;
	size_t		la,
				lb;

	CHECK(again && ner_model_save(m, &a, &la) && ner_model_save(again, &b, &lb) &&
		  la == lb && memcmp(a, b, la) == 0, "two trainings give identical models");
	free(a);
	free(b);
	ner_model_free(again);
}

static int	interrupts = 0;

/* Count calls of the interrupt hook. */
static void
count_interrupt(void)
{
	interrupts++;
}

/* Long documents call the hook; empty and malformed ones are harmless. */
static void
test_long_and_odd(const NerModel *m)
{
	int32_t		n = 20000;
	NerText    *tok = malloc(sizeof(NerText) * n);
	int32_t    *starts = malloc(sizeof(int32_t) * (n / 10 + 1));
	uint8_t    *lab = malloc(n);
	NerDoc		doc = {tok, n, starts, n / 10};
	int32_t		bad_starts[] = {0, 5, 3};
	NerDoc		bad = {tok, 3, bad_starts, 2};
	NerDoc		empty = {tok, 0, starts, 0};
	NerTagger	tg;

	for (int32_t i = 0; i < n; i++)
	{
		tok[i].s = i % 10 == 9 ? "." : "Varna";
		tok[i].len = i % 10 == 9 ? 1 : 5;
	}
	for (int32_t k = 0; k <= n / 10; k++)
		starts[k] = 10 * k;
	ner_tagger_init(&tg, m);
	nn_interrupt_hook = count_interrupt;
	CHECK(ner_tag(&tg, &doc, lab, NULL) == NN_OK && valid_sequence(lab, 10),
		  "a 20,000-token document is tagged");
	nn_interrupt_hook = NULL;
	CHECK(interrupts >= 4, "the interrupt hook was called (%d times)", interrupts);
	starts[0] = 0;
	CHECK(ner_tag(&tg, &empty, lab, NULL) == NN_OK, "an empty document is fine");
	memset(lab, 0xEE, 3);
	CHECK(ner_tag(&tg, &bad, lab, NULL) == NN_OK && lab[0] == NER_LABEL_O,
		  "sentence bounds out of order: all O");
	ner_tagger_free(&tg);
	free(tok);
	free(starts);
	free(lab);
}

/* Run the tests. */
int
main(void)
{
	static TestCorpus c;
	NerModel   *m1,
			   *m2;

	test_constraints();
	test_margins();
	tc_build(&c);
	m1 = tc_train(&c, 1);
	m2 = tc_train(&c, 2);
	CHECK(m1 && m2 && m2->nstages == 2, "one- and two-stage models trained");
	check_tagging(m1, "one stage");
	check_tagging(m2, "two stages");
	test_determinism(&c, m2);
	test_long_and_odd(m2);
	ner_model_free(m1);
	ner_model_free(m2);
	return unit_done();
}
