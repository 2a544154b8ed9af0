/*
 * test_stance_score.c
 *	  Macro-F1 and accuracy against hand-counted cases.
 */
#include <math.h>

#include "stance_score.h"
#include "unit.h"

#define A STANCE_AGAINST
#define N STANCE_NONE
#define F STANCE_FAVOR

/* Score n gold and predicted labels. */
static StanceScore
score(const StanceLabel *gold, const StanceLabel *pred, int n)
{
	StanceScore s = {0};

	for (int i = 0; i < n; i++)
		stance_score_add(&s, gold[i], pred[i]);
	return s;
}

/* True if a and b agree to 1e-9. */
static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

int
main(void)
{
	StanceLabel g1[] = {A, A, N, N, F, F};
	StanceLabel p1[] = {A, N, N, N, F, A};
	StanceLabel g2[] = {A, N, F, N};
	StanceLabel p2[] = {N, N, N, N};
	StanceScore s;
	StanceScore empty = {0};

	s = score(g1, g1, 6);
	CHECK(near(stance_score_macro_f1(&s), 1.0), "perfect labels: macro-F1 1");
	CHECK(near(stance_score_accuracy(&s), 1.0), "perfect labels: accuracy 1");

	/* against P 1/2 R 1/2 F1 1/2; none P 2/3 R 1 F1 4/5; favor P 1 R 1/2 F1 2/3 */
	s = score(g1, p1, 6);
	CHECK(near(stance_score_prf(&s, A).f1, 0.5), "against F1 1/2");
	CHECK(near(stance_score_prf(&s, N).precision, 2.0 / 3), "none precision 2/3");
	CHECK(near(stance_score_prf(&s, N).f1, 0.8), "none F1 4/5");
	CHECK(near(stance_score_prf(&s, F).recall, 0.5), "favor recall 1/2");
	CHECK(near(stance_score_macro_f1(&s), (0.5 + 0.8 + 2.0 / 3) / 3), "macro-F1 is the mean of the three");
	CHECK(near(stance_score_accuracy(&s), 4.0 / 6), "accuracy 4/6");

	/* all "none": none P 2/4 R 1 F1 2/3; the others score 0 but still count */
	s = score(g2, p2, 4);
	CHECK(near(stance_score_prf(&s, A).f1, 0.0), "a label never predicted has F1 0");
	CHECK(near(stance_score_macro_f1(&s), (2.0 / 3) / 3), "macro-F1 averages over all three labels");
	CHECK(near(stance_score_accuracy(&s), 0.5), "accuracy 1/2");

	CHECK(stance_score_accuracy(&empty) == 0.0 && stance_score_macro_f1(&empty) == 0.0,
		  "no targets score 0, not NaN");
	stance_score_add(&empty, (StanceLabel) 7, N);
	CHECK(stance_score_accuracy(&empty) == 0.0, "an out-of-range label is ignored");
	return unit_done();
}
