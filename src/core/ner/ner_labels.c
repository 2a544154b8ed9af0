/*
 * ner_labels.c
 *	  The BILOU label set (see ner_labels.h).
 */
#include <string.h>

#include "ner_labels.h"

static const char *const type_names[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

/* Short name of a type. */
const char *
ner_type_name(NerType type)
{
	return (unsigned) type < NER_NTYPES ? type_names[type] : "?";
}

/* Parse a type name. */
bool
ner_type_parse(const char *s, size_t len, NerType *type)
{
	for (int t = 0; t < NER_NTYPES; t++)
	{
		if (strlen(type_names[t]) == len && memcmp(type_names[t], s, len) == 0)
		{
			*type = (NerType) t;
			return true;
		}
	}
	return false;
}

/* True if a label leaves an entity open, so only I or L of its type may follow. */
static bool
is_open(int label)
{
	return label != NER_LABEL_O &&
		(ner_label_part(label) == NER_PART_B || ner_label_part(label) == NER_PART_I);
}

/* BILOU constraints between neighbouring labels. */
bool
ner_transition_ok(int from, int to)
{
	bool		to_continues = to != NER_LABEL_O &&
		(ner_label_part(to) == NER_PART_I || ner_label_part(to) == NER_PART_L);

	if (from >= 0 && is_open(from))
		return to_continues && ner_label_type(to) == ner_label_type(from);
	return !to_continues;
}

/* A sentence cannot end inside an open entity. */
bool
ner_final_ok(int label)
{
	return !is_open(label);
}

/* Read entities off labels; tolerant of invalid sequences (a B without L ends anyway). */
int
ner_labels_to_entities(const uint8_t *labels, int n, int32_t base, NerEntity *out)
{
	int			count = 0;
	int			i = 0;

	while (i < n)
	{
		int			lab = labels[i];
		int			j;

		if (lab == NER_LABEL_O)
		{
			i++;
			continue;
		}
		j = i + 1;
		if (ner_label_part(lab) == NER_PART_B || ner_label_part(lab) == NER_PART_I)
		{
			while (j < n && labels[j] != NER_LABEL_O &&
				   ner_label_type(labels[j]) == ner_label_type(lab) &&
				   (ner_label_part(labels[j]) == NER_PART_I ||
					ner_label_part(labels[j]) == NER_PART_L))
			{
				j++;
				if (ner_label_part(labels[j - 1]) == NER_PART_L)
					break;
			}
		}
		out[count].start = base + i;
		out[count].end = base + j;
		out[count].type = ner_label_type(lab);
		out[count].confidence = 1.0f;
		count++;
		i = j;
	}
	return count;
}

/* Encode entities as BILOU; positions outside the window are ignored. */
void
ner_entities_to_labels(const NerEntity *ents, int nents, int32_t base, int n,
					   uint8_t *labels)
{
	memset(labels, NER_LABEL_O, (size_t) n);
	for (int e = 0; e < nents; e++)
	{
		int32_t		s = ents[e].start - base;
		int32_t		t = ents[e].end - base;

		if (s < 0 || t > n || s >= t)
			continue;
		if (t - s == 1)
		{
			labels[s] = (uint8_t) ner_label(ents[e].type, NER_PART_U);
			continue;
		}
		labels[s] = (uint8_t) ner_label(ents[e].type, NER_PART_B);
		for (int32_t k = s + 1; k < t - 1; k++)
			labels[k] = (uint8_t) ner_label(ents[e].type, NER_PART_I);
		labels[t - 1] = (uint8_t) ner_label(ents[e].type, NER_PART_L);
	}
}
