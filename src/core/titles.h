/*
 * titles.h
 *	  Words of titles and honorifics that precede a name in news copy
 *	  ("Prime Minister", "Gen.", "Mr."). They are not part of the name.
 */
#ifndef NN_TITLES_H
#define NN_TITLES_H

#include "nn_common.h"

/* True if word[0..len) is a title word, matched as written. */
extern bool nn_is_title_word(const char *word, size_t len);

#endif							/* NN_TITLES_H */
