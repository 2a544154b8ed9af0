/*
 * ner_conll.h
 *	  Reading CoNLL-2003 files for the NER tools: first column the token,
 *	  last column the tag, blank lines between sentences, -DOCSTART- lines
 *	  between documents. Only the token column is kept as input.
 */
#ifndef NER_CONLL_H
#define NER_CONLL_H

#include <stdio.h>

#include "ner_train.h"

typedef struct ConllCorpus
{
	char	   *text;			/* the file, cut into NUL-terminated fields */
	NerText    *tokens;			/* all tokens in order */
	uint8_t    *gold;			/* BILOU label of each token */
	int32_t    *sent_start;		/* per document, relative to it */
	NerTrainDoc *docs;
	int			ndocs;
	int64_t		ntokens;
	int64_t		nsents;
	char	   *arena;			/* recased token copies, if any */
} ConllCorpus;

/* Read a CoNLL file; on failure returns false with a message in err. */
extern bool conll_read(const char *path, ConllCorpus *c, char *err, size_t errlen);

/*
 * Recase a share frac of the sentences, chosen by seed: half of them to
 * upper case, half to lower case (ASCII letters), to teach casing robustness.
 */
extern bool conll_recase(ConllCorpus *c, double frac, uint32_t seed);

/* Release a corpus. */
extern void conll_free(ConllCorpus *c);

/* Print counts the way conlleval does: overall, then one line per type. */
extern void conll_print_score(FILE *out, const NerScore *score);

/* Read a whole file into a NUL-terminated malloc'd buffer. */
extern char *read_file(const char *path, size_t *len);

#endif							/* NER_CONLL_H */
