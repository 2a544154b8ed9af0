/*
 * utf8.h
 *	  Tolerant UTF-8 decoding for the core. Input from PostgreSQL is valid,
 *	  but the core is also fed arbitrary bytes (fuzzers, CLI), so invalid
 *	  sequences decode as U+FFFD one byte at a time instead of failing.
 */
#ifndef NN_UTF8_H
#define NN_UTF8_H

#include "nn_common.h"

#define NN_REPLACEMENT_CHAR 0xFFFD

/* Decode the code point at s[i] (i < len); store its byte length in *width. */
static inline int32_t
nn_utf8_decode(const char *s, size_t len, size_t i, int *width)
{
	const unsigned char *p = (const unsigned char *) s + i;
	size_t		avail = len - i;
	unsigned char c = p[0];
	int32_t		cp;
	int			n;

	if (c < 0x80)
	{
		*width = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		cp = c & 0x1F;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		cp = c & 0x0F;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		cp = c & 0x07;
	}
	else
	{
		*width = 1;
		return NN_REPLACEMENT_CHAR;
	}
	if ((size_t) n > avail)
	{
		*width = 1;
		return NN_REPLACEMENT_CHAR;
	}
	for (int k = 1; k < n; k++)
	{
		if ((p[k] & 0xC0) != 0x80)
		{
			*width = 1;
			return NN_REPLACEMENT_CHAR;
		}
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	/* reject overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		(cp >= 0xD800 && cp <= 0xDFFF))
	{
		*width = 1;
		return NN_REPLACEMENT_CHAR;
	}
	*width = n;
	return cp;
}

/* Start of the code point that ends just before byte i (i > 0). */
static inline size_t
nn_utf8_prev(const char *s, size_t i)
{
	size_t		j = i - 1;
	int			back = 0;

	while (j > 0 && back < 3 && (((unsigned char) s[j]) & 0xC0) == 0x80)
	{
		j--;
		back++;
	}
	return j;
}

/* True if byte c begins a code point (is not a continuation byte). */
static inline bool
nn_utf8_is_lead(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

#endif							/* NN_UTF8_H */
