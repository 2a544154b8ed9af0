/*
 * icu_cache.h
 *	  ICU break iterators opened once per process and reused: opening one
 *	  loads rule data and costs far more than a whole short document.
 */
#ifndef NN_ICU_CACHE_H
#define NN_ICU_CACHE_H

#include <unicode/ubrk.h>

#include "nn_common.h"

/* The English sentence iterator with abbreviation suppressions, or NULL. */
extern UBreakIterator *nn_icu_sentence_iterator(void);

/* The word iterator used for dictionary-based scripts, or NULL. */
extern UBreakIterator *nn_icu_word_iterator(void);

/* Close every cached iterator (at unload, and for leak checks). */
extern void nn_icu_release(void);

#endif							/* NN_ICU_CACHE_H */
