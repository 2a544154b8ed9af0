/*
 * ner_lexicon_file.h
 *	  The intermediate word-cluster file that ner-clusters writes and
 *	  ner-train embeds in the model: "NNLX", u32 count, then count sorted u32
 *	  word keys (hashes, never the words) and count u32 values (ner_features.h).
 */
#ifndef NER_LEXICON_FILE_H
#define NER_LEXICON_FILE_H

#include "ner_features.h"

typedef struct LexiconFile
{
	uint32_t	n;
	uint32_t   *keys;
	uint32_t   *values;
} LexiconFile;

/* Read a lexicon file; false with a message on failure. */
extern bool lexicon_file_read(const char *path, LexiconFile *lex, char *err, size_t errlen);

/* Write a lexicon file whose keys are sorted. */
extern bool lexicon_file_write(const char *path, const LexiconFile *lex);

/* Release a lexicon. */
extern void lexicon_file_free(LexiconFile *lex);

#endif							/* NER_LEXICON_FILE_H */
