/*
 * ner_labels.h
 *	  Entity types and the BILOU label set of the tagger. Label 0 is O; the
 *	  others are (type, part) pairs with part one of Begin, Inside, Last, Unit.
 *	  BILOU lets every token say where it sits in its entity, which Ratinov
 *	  and Roth found more accurate than BIO for the same features.
 */
#ifndef NER_LABELS_H
#define NER_LABELS_H

#include "nn_common.h"

/* The CoNLL-2003 types, in this order everywhere. */
typedef enum NerType
{
	NER_PER = 0,
	NER_ORG,
	NER_LOC,
	NER_MISC,
	NER_NTYPES
} NerType;

/* Where a token sits inside its entity. */
typedef enum NerPart
{
	NER_PART_B = 0,
	NER_PART_I,
	NER_PART_L,
	NER_PART_U
} NerPart;

#define NER_LABEL_O 0
#define NER_NLABELS (1 + 4 * NER_NTYPES)

/* One entity: tokens [start, end) of a sentence or document, with its type. */
typedef struct NerEntity
{
	int32_t		start;
	int32_t		end;
	NerType		type;
	float		confidence;		/* in [0, 1]; 1 for gold entities */
} NerEntity;

/* The label for part of an entity of the given type. */
static inline int
ner_label(NerType type, NerPart part)
{
	return 1 + 4 * (int) type + (int) part;
}

/* The type of a label other than O. */
static inline NerType
ner_label_type(int label)
{
	return (NerType) ((label - 1) / 4);
}

/* The part of a label other than O. */
static inline NerPart
ner_label_part(int label)
{
	return (NerPart) ((label - 1) % 4);
}

/* Short name of a type: "PER", "ORG", "LOC", "MISC". */
extern const char *ner_type_name(NerType type);

/* Parse a type name; returns false if it is none of the four. */
extern bool ner_type_parse(const char *s, size_t len, NerType *type);

/* True if label "to" may follow label "from" (from < 0: sentence start). */
extern bool ner_transition_ok(int from, int to);

/* True if a sentence may end on this label. */
extern bool ner_final_ok(int label);

/*
 * Read the entities of a valid BILOU sequence labels[0..n) into out (room for
 * n); returns how many. Entity token positions are offset by base.
 */
extern int	ner_labels_to_entities(const uint8_t *labels, int n, int32_t base,
								   NerEntity *out);

/* Write BILOU labels[0..n) for entities lying within [base, base + n). */
extern void ner_entities_to_labels(const NerEntity *ents, int nents, int32_t base,
								   int n, uint8_t *labels);

#endif							/* NER_LABELS_H */
