/*
 * wordlist.h
 *	  Lookup of a counted word in a sorted array of C strings.
 */
#ifndef NN_WORDLIST_H
#define NN_WORDLIST_H

#include "nn_common.h"

/*
 * Index of word[0..len) in list[0..n), sorted in strcmp order and matched
 * exactly, or -1.
 */
extern int	nn_wordlist_find(const char *const *list, size_t n,
							 const char *word, size_t len);

#endif							/* NN_WORDLIST_H */
