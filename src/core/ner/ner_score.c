/*
 * ner_score.c
 *	  conlleval-style entity scoring (see ner_score.h).
 */
#include <string.h>

#include "ner_score.h"

/* Split a tag into its prefix letter and type; false if malformed. */
static bool
split_tag(const char *tag, char *prefix, NerType *type)
{
	size_t		len = strlen(tag);

	if (len == 1 && tag[0] == 'O')
	{
		*prefix = 'O';
		return true;
	}
	if (len < 3 || tag[1] != '-' || strchr("BIESLU", tag[0]) == NULL)
		return false;
	*prefix = tag[0];
	return ner_type_parse(tag + 2, len - 2, type);
}

/* True if this tag begins a new chunk, given the previous tag (conlleval's startOfChunk). */
static bool
starts_chunk(char prev, NerType ptype, char cur, NerType ctype)
{
	if (cur == 'B' || cur == 'S' || cur == 'U')
		return true;
	if (cur == 'O')
		return false;
	if (prev == 'O' || prev == 'E' || prev == 'S' || prev == 'L' || prev == 'U')
		return true;
	return ptype != ctype;
}

/* True if the chunk open at prev ends before cur (conlleval's endOfChunk). */
static bool
ends_chunk(char prev, NerType ptype, char cur, NerType ctype)
{
	if (prev == 'O')
		return false;
	if (prev == 'E' || prev == 'S' || prev == 'L' || prev == 'U')
		return true;
	if (cur == 'O' || cur == 'B' || cur == 'S' || cur == 'U')
		return true;
	return ptype != ctype;
}

/* Parse one sentence of tags into entities. */
int
ner_tags_to_entities(const char *const *tags, int n, NerEntity *out)
{
	char		prev = 'O';
	NerType		ptype = NER_PER;
	int			count = 0;
	int			open = -1;

	for (int i = 0; i <= n; i++)
	{
		char		cur = 'O';
		NerType		ctype = NER_PER;

		if (i < n && !split_tag(tags[i], &cur, &ctype))
			return -1;
		if (open >= 0 && ends_chunk(prev, ptype, cur, ctype))
		{
			out[count].start = open;
			out[count].end = i;
			out[count].type = ptype;
			out[count].confidence = 1.0f;
			count++;
			open = -1;
		}
		if (cur != 'O' && (open < 0 || starts_chunk(prev, ptype, cur, ctype)))
			open = i;
		prev = cur;
		ptype = ctype;
	}
	return count;
}

/* Count entities on both sides and the exact matches; both lists are sorted by start. */
void
ner_score_add(NerScore *score, const NerEntity *gold, int ngold,
			  const NerEntity *pred, int npred)
{
	int			g = 0;

	for (int i = 0; i < ngold; i++)
		score->gold[gold[i].type]++;
	for (int p = 0; p < npred; p++)
	{
		score->pred[pred[p].type]++;
		while (g < ngold && gold[g].start < pred[p].start)
			g++;
		if (g < ngold && gold[g].start == pred[p].start &&
			gold[g].end == pred[p].end && gold[g].type == pred[p].type)
			score->correct[pred[p].type]++;
	}
}

/* Add token agreement counts. */
void
ner_score_add_tokens(NerScore *score, int64_t tokens, int64_t correct)
{
	score->tokens += tokens;
	score->tokens_correct += correct;
}

/* Precision, recall and F1 from counts, 0 where undefined as in conlleval. */
NerPrf
ner_score_prf(const NerScore *score, int type)
{
	NerPrf		r;

	memset(&r, 0, sizeof(r));
	for (int t = 0; t < NER_NTYPES; t++)
	{
		if (type >= 0 && t != type)
			continue;
		r.gold += score->gold[t];
		r.pred += score->pred[t];
		r.correct += score->correct[t];
	}
	r.precision = r.pred ? 100.0 * r.correct / r.pred : 0.0;
	r.recall = r.gold ? 100.0 * r.correct / r.gold : 0.0;
	if (r.precision + r.recall > 0)
		r.f1 = 2 * r.precision * r.recall / (r.precision + r.recall);
	return r;
}
