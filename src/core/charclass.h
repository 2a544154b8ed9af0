/*
 * charclass.h
 *	  Classification of code points for segmentation, with an ASCII fast path
 *	  and ICU's character properties for everything else.
 */
#ifndef NN_CHARCLASS_H
#define NN_CHARCLASS_H

#include "nn_common.h"

typedef enum NnCharClass
{
	NN_CC_SPACE,				/* horizontal white space, including NBSP */
	NN_CC_NEWLINE,				/* \n \r U+0085 U+2028 U+2029 \v \f */
	NN_CC_UPPER,				/* upper- or title-case letter */
	NN_CC_LOWER,				/* lower-case letter */
	NN_CC_LETTER,				/* letter without case (Arabic, Hebrew, Hangul...) */
	NN_CC_DICT,					/* letter of a script split by dictionary
								 * (Han, Hiragana, Katakana, Thai, Lao,
								 * Khmer, Myanmar) */
	NN_CC_MARK,					/* combining mark */
	NN_CC_DIGIT,				/* decimal digit */
	NN_CC_PUNCT,				/* punctuation */
	NN_CC_SYMBOL,				/* symbols: currency, math, emoji */
	NN_CC_FORMAT,				/* format controls: ZWJ, ZWNJ, bidi marks */
	NN_CC_OTHER					/* unassigned, private use, controls */
} NnCharClass;

/* The class of code point cp. */
extern NnCharClass nn_char_class(int32_t cp);

/* True for classes that make up words: letters, dictionary letters, marks, digits. */
static inline bool
nn_cc_is_wordlike(NnCharClass cc)
{
	return cc == NN_CC_UPPER || cc == NN_CC_LOWER || cc == NN_CC_LETTER ||
		cc == NN_CC_DICT || cc == NN_CC_MARK || cc == NN_CC_DIGIT;
}

/* True for white space of either kind. */
static inline bool
nn_cc_is_space(NnCharClass cc)
{
	return cc == NN_CC_SPACE || cc == NN_CC_NEWLINE;
}

/* True for emoji modifiers, variation selectors and tags that extend a symbol. */
extern bool nn_is_emoji_extender(int32_t cp);

/*
 * True if s[0..len) holds a letter of a script other than Latin: the entity
 * tagger has only seen English, so its guesses there are not worth showing.
 */
extern bool nn_has_foreign_letters(const char *s, size_t len);

#endif							/* NN_CHARCLASS_H */
