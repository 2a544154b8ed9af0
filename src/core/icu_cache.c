/*
 * icu_cache.c
 *	  Per-process cache of ICU break iterators.
 */
#include "icu_cache.h"

static UBreakIterator *sentence_iter = NULL;
static UBreakIterator *word_iter = NULL;

/* Open a break iterator, or return NULL if ICU cannot. */
static UBreakIterator *
open_iterator(UBreakIteratorType type, const char *locale)
{
	UErrorCode	status = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(type, locale, NULL, 0, &status);

	if (U_FAILURE(status))
	{
		if (bi)
			ubrk_close(bi);
		return NULL;
	}
	return bi;
}

/* The cached sentence iterator; "ss=standard" suppresses breaks after Mr. etc. */
UBreakIterator *
nn_icu_sentence_iterator(void)
{
	if (sentence_iter == NULL)
		sentence_iter = open_iterator(UBRK_SENTENCE, "en@ss=standard");
	return sentence_iter;
}

/* The cached word iterator; its dictionaries cover Chinese, Japanese, Thai... */
UBreakIterator *
nn_icu_word_iterator(void)
{
	if (word_iter == NULL)
		word_iter = open_iterator(UBRK_WORD, "ja");
	return word_iter;
}

/* Close the cached iterators. */
void
nn_icu_release(void)
{
	if (sentence_iter)
		ubrk_close(sentence_iter);
	if (word_iter)
		ubrk_close(word_iter);
	sentence_iter = NULL;
	word_iter = NULL;
}
