/*
 * test_learn_eval.c
 *	  Unit tests of the SemEval-2016 scorer on hand-counted cases.
 */
#include <math.h>
#include <stdio.h>

#include "learn/learn_eval.h"
#include "unit.h"

/* True if a and b agree to 1e-9. */
static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/*
 * gold F F A A A N N / pred F A A N A F N:
 * FAVOR tp 1 fp 1 fn 1 (P 1/2, R 1/2, F1 1/2);
 * AGAINST tp 2 fp 1 fn 1 (P 2/3, R 2/3, F1 2/3); F_avg 7/12.
 */
static void
test_hand_counted(void)
{
	const char *gold[] = {"FAVOR", "FAVOR", "AGAINST", "AGAINST", "AGAINST", "NONE", "NONE"};
	const char *pred[] = {"FAVOR", "AGAINST", "AGAINST", "NONE", "AGAINST", "FAVOR", "NONE"};
	LearnStanceScore s = {{0, 0, 0}, {0, 0, 0}};

	for (int i = 0; i < 7; i++)
		learn_score_add(&s, gold[i], pred[i]);
	CHECK(s.favor.tp == 1 && s.favor.fp == 1 && s.favor.fn == 1, "FAVOR counts 1/1/1");
	CHECK(s.against.tp == 2 && s.against.fp == 1 && s.against.fn == 1, "AGAINST counts 2/1/1");
	CHECK(near(learn_f1(&s.favor), 0.5), "F1(FAVOR) = 1/2");
	CHECK(near(learn_f1(&s.against), 2.0 / 3.0), "F1(AGAINST) = 2/3");
	CHECK(near(learn_favg(&s), 7.0 / 12.0), "F_avg = 7/12 (got %.6f)", learn_favg(&s));
}

/* Pooling adds counts over targets rather than averaging their scores. */
static void
test_pooled(void)
{
	LearnStanceScore pooled = {{0, 0, 0}, {0, 0, 0}};

	/* target 1: one FAVOR found; target 2: three FAVOR missed as NONE */
	learn_score_add(&pooled, "FAVOR", "FAVOR");
	for (int i = 0; i < 3; i++)
		learn_score_add(&pooled, "FAVOR", "NONE");
	/* P 1, R 1/4: F1 = 2 * 1/4 / (5/4) = 2/5, not the mean of per-target 1 and 0 */
	CHECK(near(learn_f1(&pooled.favor), 0.4), "pooled F1(FAVOR) = 2/5");
	CHECK(near(learn_f1(&pooled.against), 0.0), "no AGAINST rows: F1 0, not a division by zero");
}

int
main(void)
{
	test_hand_counted();
	test_pooled();
	return unit_done();
}
