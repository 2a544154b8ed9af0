/*
 * ner_score.h
 *	  Entity-level scoring as conlleval computes it: an entity counts as
 *	  correct only when both its span and its type match a gold entity.
 *	  Also reads chunk tags (IOB1, IOB2, IOBES/BILOU strings) into entities.
 */
#ifndef NER_SCORE_H
#define NER_SCORE_H

#include "ner_labels.h"

/* Running counts over a corpus. */
typedef struct NerScore
{
	int64_t		gold[NER_NTYPES];
	int64_t		pred[NER_NTYPES];
	int64_t		correct[NER_NTYPES];
	int64_t		tokens;
	int64_t		tokens_correct;	/* tokens whose gold and guessed tag agree */
} NerScore;

/* Precision, recall and F1 in percent. */
typedef struct NerPrf
{
	double		precision;
	double		recall;
	double		f1;
	int64_t		gold;
	int64_t		pred;
	int64_t		correct;
} NerPrf;

/*
 * Parse tags[0..n) of one sentence ("O", "B-PER", "I-ORG", "E-LOC", "S-MISC",
 * "L-", "U-") into entities (room for n); returns the count, or -1 if a tag
 * is malformed. Like conlleval, an I- after O or after another type opens a
 * new entity, which reads IOB1 and IOB2 alike.
 */
extern int	ner_tags_to_entities(const char *const *tags, int n, NerEntity *out);

/* Add one sentence's gold and guessed entities to the counts. */
extern void ner_score_add(NerScore *score, const NerEntity *gold, int ngold,
						  const NerEntity *pred, int npred);

/* Add per-token agreement, for conlleval's accuracy line. */
extern void ner_score_add_tokens(NerScore *score, int64_t tokens, int64_t correct);

/* Precision, recall, F1 for one type, or over all types if type < 0. */
extern NerPrf ner_score_prf(const NerScore *score, int type);

#endif							/* NER_SCORE_H */
