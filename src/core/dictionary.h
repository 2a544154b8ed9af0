/*
 * dictionary.h
 *	  User dictionaries for entity extraction: a list of (term, label,
 *	  canonical) compiled once into a matcher that finds the terms in a
 *	  document's tokens. Terms are tokenized with token.h, so they match at
 *	  token boundaries only ("Ford" is not found in "Fordham"), and are
 *	  compared after Unicode simple case folding, except that a term written
 *	  entirely in capitals ("NATO", "US") matches only as written, so "us" is
 *	  not the US. Matches are leftmost-longest and do not overlap; where
 *	  they apply they override the tagger's mentions.
 */
#ifndef NN_DICTIONARY_H
#define NN_DICTIONARY_H

#include "ner/ner_features.h"
#include "nn_common.h"

/* Most tokens a term may have. */
#define NN_DICT_MAX_TOKENS 32

/* One row of a dictionary; strings are bytes, not necessarily NUL-terminated. */
typedef struct NnDictEntry
{
	const char *term;
	size_t		term_len;
	const char *label;			/* "PER", "ORG", "LOC" or "MISC" */
	size_t		label_len;
	const char *canonical;		/* NULL for the term itself */
	size_t		canonical_len;
} NnDictEntry;

/* Why a dictionary could not be compiled. */
typedef enum NnDictError
{
	NN_DICT_OK = 0,
	NN_DICT_EMPTY_TERM,			/* the term is empty */
	NN_DICT_NO_WORD,			/* the term has no letter or digit */
	NN_DICT_TOO_LONG,			/* the term has more than NN_DICT_MAX_TOKENS tokens */
	NN_DICT_BAD_LABEL,			/* the label is not PER, ORG, LOC or MISC */
	NN_DICT_EMPTY_CANONICAL,	/* the canonical name is empty */
	NN_DICT_NOMEM,				/* an allocation failed */
	NN_DICT_ICU					/* the tokenizer could not start */
} NnDictError;

/* A compiled dictionary; opaque. */
typedef struct NnDict NnDict;

/* A match: tokens [start, end) of the input are dictionary entry `entry`. */
typedef struct NnDictMatch
{
	int32_t		start;
	int32_t		end;
	int32_t		entry;
} NnDictMatch;

/*
 * Compile entries[0..n) into *out (malloc'd: it outlives any one call; free
 * with nn_dict_free). On failure returns the error, sets *bad_row to the
 * offending entry (-1 if none is to blame) and leaves *out NULL. When two
 * entries have the same term, the earlier one wins. Uses the tokenizer, so
 * no other tokenizer may be active meanwhile (see token.h).
 */
extern NnDictError nn_dict_build(const NnDictEntry *entries, int32_t n,
								 NnDict **out, int32_t *bad_row);

/* Release a compiled dictionary; NULL is ignored. */
extern void nn_dict_free(NnDict *d);

/* A sentence saying what an error means. */
extern const char *nn_dict_error_message(NnDictError err);

/* True if s[0..len) has a letter or a digit of any script. */
extern bool nn_dict_has_word(const char *s, size_t len);

/* Entries the dictionary holds (after dropping repeated terms). */
extern int32_t nn_dict_size(const NnDict *d);

/* Bytes the compiled dictionary takes. */
extern size_t nn_dict_memory(const NnDict *d);

/* The label of an entry. */
extern NerType nn_dict_label(const NnDict *d, int32_t entry);

/* The canonical name of an entry; its length in *len (not NUL-terminated). */
extern const char *nn_dict_canonical(const NnDict *d, int32_t entry, size_t *len);

/*
 * Leftmost-longest, non-overlapping matches in words[0..n) into out (room
 * for n). Returns how many, or -1 if per-call memory ran out. Time is
 * linear in n times the longest term's token count.
 */
extern int32_t nn_dict_match(const NnDict *d, const NerText *words, int32_t n,
							 NnDictMatch *out);

/*
 * The override step of entity extraction for one tagged chunk: matches
 * within each sentence of doc replace every tagger entity in found[0..nfound)
 * (in token order, not overlapping) that they overlap. Writes the merged
 * list in token order to out (room for doc->ntokens, not found) with, in
 * entry[], the dictionary entry of each (-1 for the tagger's); a
 * dictionary mention has its entry's label and confidence 1. Returns the
 * count, or -1 if per-call memory ran out. A NULL dictionary copies found.
 */
extern int	nn_dict_override(const NnDict *d, const NerDoc *doc,
							 const NerEntity *found, int nfound,
							 NerEntity *out, int32_t *entry);

#endif							/* NN_DICTIONARY_H */
