/*
 * learn_eval.h
 *	  Scoring a stance classifier as SemEval-2016 Task 6's official scorer
 *	  does: precision, recall and F1 of FAVOR and of AGAINST from counts
 *	  pooled over all targets, and F_avg, their mean. NONE is never scored
 *	  as a class, but a NONE prediction of a FAVOR row is still a miss.
 */
#ifndef LEARN_EVAL_H
#define LEARN_EVAL_H

#include <stdint.h>

/* Counts of one scored class. */
typedef struct LearnF1
{
	int64_t		tp;
	int64_t		fp;
	int64_t		fn;
} LearnF1;

/* Counts of FAVOR and AGAINST. */
typedef struct LearnStanceScore
{
	LearnF1		favor;
	LearnF1		against;
} LearnStanceScore;

/* Count one row; labels are compared as strings ("FAVOR", "AGAINST", other). */
extern void learn_score_add(LearnStanceScore *s, const char *gold, const char *pred);

/* F1 of one class; 0 when it has no true positives. */
extern double learn_f1(const LearnF1 *c);

/* F_avg = (F1(FAVOR) + F1(AGAINST)) / 2. */
extern double learn_favg(const LearnStanceScore *s);

#endif							/* LEARN_EVAL_H */
