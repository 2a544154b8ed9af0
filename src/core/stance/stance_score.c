/*
 * stance_score.c
 *	  Accuracy and macro-F1 of stance labels (see stance_score.h).
 */
#include "stance_score.h"

/* Count one target; labels out of range are ignored. */
void
stance_score_add(StanceScore *score, StanceLabel gold, StanceLabel pred)
{
	if ((unsigned) gold < STANCE_NLABELS && (unsigned) pred < STANCE_NLABELS)
		score->confusion[gold][pred]++;
}

/* Read one label's row and column of the confusion matrix. */
StancePrf
stance_score_prf(const StanceScore *score, StanceLabel label)
{
	StancePrf	r = {0};

	for (int k = 0; k < STANCE_NLABELS; k++)
	{
		r.gold += score->confusion[label][k];
		r.pred += score->confusion[k][label];
	}
	r.correct = score->confusion[label][label];
	r.precision = r.pred ? (double) r.correct / r.pred : 0.0;
	r.recall = r.gold ? (double) r.correct / r.gold : 0.0;
	r.f1 = r.precision + r.recall > 0 ?
		2 * r.precision * r.recall / (r.precision + r.recall) : 0.0;
	return r;
}

/* Unweighted mean over the labels, as the NewsMTSC paper reports F1_m. */
double
stance_score_macro_f1(const StanceScore *score)
{
	double		sum = 0.0;

	for (int k = 0; k < STANCE_NLABELS; k++)
		sum += stance_score_prf(score, (StanceLabel) k).f1;
	return sum / STANCE_NLABELS;
}

/* Diagonal over total. */
double
stance_score_accuracy(const StanceScore *score)
{
	int64_t		total = 0;
	int64_t		right = 0;

	for (int g = 0; g < STANCE_NLABELS; g++)
		for (int p = 0; p < STANCE_NLABELS; p++)
		{
			total += score->confusion[g][p];
			right += g == p ? score->confusion[g][p] : 0;
		}
	return total ? (double) right / total : 0.0;
}
