/*
 * stance_score.h
 *	  Scoring stance labels as NewsMTSC reports them: accuracy over targets
 *	  and the macro average of the three labels' F1.
 */
#ifndef STANCE_SCORE_H
#define STANCE_SCORE_H

#include "stance_features.h"

/* Counts of gold label (row) against predicted label (column). */
typedef struct StanceScore
{
	int64_t		confusion[STANCE_NLABELS][STANCE_NLABELS];
} StanceScore;

/* Precision, recall and F1 of one label, as fractions; 0 when undefined. */
typedef struct StancePrf
{
	double		precision;
	double		recall;
	double		f1;
	int64_t		gold;
	int64_t		pred;
	int64_t		correct;
} StancePrf;

/* Count one target. */
extern void stance_score_add(StanceScore *score, StanceLabel gold, StanceLabel pred);

/* Precision, recall and F1 of one label. */
extern StancePrf stance_score_prf(const StanceScore *score, StanceLabel label);

/* Mean of the three labels' F1. */
extern double stance_score_macro_f1(const StanceScore *score);

/* Fraction of targets labelled right; 0 for none. */
extern double stance_score_accuracy(const StanceScore *score);

#endif							/* STANCE_SCORE_H */
