/*
 * learn_eval.c
 *	  SemEval-2016 Task 6 scoring (see learn_eval.h).
 */
#include <string.h>

#include "learn_eval.h"

/* Count one row for class name. */
static void
count(LearnF1 *c, const char *name, const char *gold, const char *pred)
{
	int			g = strcmp(gold, name) == 0;
	int			p = strcmp(pred, name) == 0;

	c->tp += g && p;
	c->fp += !g && p;
	c->fn += g && !p;
}

/* Count one row. */
void
learn_score_add(LearnStanceScore *s, const char *gold, const char *pred)
{
	count(&s->favor, "FAVOR", gold, pred);
	count(&s->against, "AGAINST", gold, pred);
}

/* F1 of one class. */
double
learn_f1(const LearnF1 *c)
{
	double		p,
				r;

	if (c->tp == 0)
		return 0.0;
	p = (double) c->tp / (double) (c->tp + c->fp);
	r = (double) c->tp / (double) (c->tp + c->fn);
	return 2.0 * p * r / (p + r);
}

/* F_avg. */
double
learn_favg(const LearnStanceScore *s)
{
	return (learn_f1(&s->favor) + learn_f1(&s->against)) / 2.0;
}
