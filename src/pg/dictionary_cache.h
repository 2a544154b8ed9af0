/*
 * dictionary_cache.h
 *	  The backend's compiled copy of newsnlp.dictionary. It is built on first
 *	  use and rebuilt after the table changes: a statement-level trigger on
 *	  the table sends a relcache invalidation at commit, which every backend,
 *	  this one included, receives before its next statement.
 */
#ifndef NEWSNLP_DICTIONARY_CACHE_H
#define NEWSNLP_DICTIONARY_CACHE_H

#include "dictionary.h"

/*
 * The compiled dictionary, NULL if the table is empty. It stays the same
 * for the rest of the statement and is valid until the next call from a
 * later statement. Call it before starting a tokenizer: a rebuild
 * tokenizes the terms (see token.h).
 */
extern const NnDict *nn_pg_dictionary(void);

#endif							/* NEWSNLP_DICTIONARY_CACHE_H */
