/*
 * stance_data.h
 *	  Reading the stance tools' inputs: NewsMTSC JSON lines (just the fields
 *	  the model needs) and a VADER-style lexicon file.
 */
#ifndef STANCE_DATA_H
#define STANCE_DATA_H

#include "stance_features.h"

/* One target: its gold label and its mentions, a run of the corpus's spans. */
typedef struct StanceTarget
{
	int32_t		text;			/* index of its sentence */
	int32_t		first_span;
	int32_t		nspans;
	StanceLabel label;
} StanceTarget;

/* A corpus read from JSON lines; spans are byte offsets into the texts. */
typedef struct StanceCorpus
{
	char	  **texts;
	size_t	   *lens;
	int32_t		ntexts;
	StanceTarget *targets;
	int32_t		ntargets;
	NnSpan	   *spans;
	int32_t		nspans;
} StanceCorpus;

/*
 * Read NewsMTSC JSON lines: sentence_normalized, and per target from/to
 * (code points, end excluded), further_mentions[] and polarity (2 against,
 * 4 none, 6 favor). False with a message naming the line on bad input.
 */
extern bool stance_corpus_read(const char *path, StanceCorpus *c, char *err, size_t errlen);

/* Release a corpus. */
extern void stance_corpus_free(StanceCorpus *c);

/*
 * Read a lexicon file, one "word<TAB>mean[<TAB>...]" a line (VADER's format,
 * or our two-column form), into a table; false with a message on bad input.
 */
extern bool stance_lexicon_read(const char *path, StanceLexicon *lex, int *nwords,
								char *err, size_t errlen);

/* Read a whole file into a malloc'd buffer (4-byte aligned); NULL on failure. */
extern uint8_t *stance_read_file(const char *path, size_t *len);

/*
 * The word clusters of an entity model file (NULL path: none); exits with a
 * message if the file is unusable. The model stays loaded for the run.
 */
extern const NerLexicon *stance_clusters_read(const char *path);

#endif							/* STANCE_DATA_H */
