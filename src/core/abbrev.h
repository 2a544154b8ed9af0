/*
 * abbrev.h
 *	  Abbreviations that end in a period in English news copy, by the role
 *	  that decides whether a following capital starts a new sentence.
 */
#ifndef NN_ABBREV_H
#define NN_ABBREV_H

#include "nn_common.h"

typedef enum NnAbbrevKind
{
	NN_ABBR_NONE = 0,			/* not a known abbreviation */
	NN_ABBR_TITLE,				/* precedes a name: Mr. Dr. Gen. Sen. Lt. */
	NN_ABBR_MONTH,				/* precedes a day or year: Jan. Sept. */
	NN_ABBR_NUMBER,				/* precedes a number: No. Nos. */
	NN_ABBR_OTHER				/* may end a sentence: Inc. Corp. Jr. etc. */
} NnAbbrevKind;

/* Look up word[0..len) (without its period), matching case exactly. */
extern NnAbbrevKind nn_abbrev_lookup(const char *word, size_t len);

#endif							/* NN_ABBREV_H */
