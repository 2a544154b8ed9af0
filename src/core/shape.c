/*
 * shape.c
 *	  Word shapes (see shape.h).
 *
 *	  Each code point maps to a symbol: X for upper- and title-case letters,
 *	  x for lower-case and caseless letters, d for digits, nothing for marks
 *	  and format characters, and itself for anything else. A run of one
 *	  letter symbol is written once; a run of any other symbol at most four
 *	  times. Invalid UTF-8 stands as U+FFFD, so shapes are always valid UTF-8.
 */
#include "charclass.h"
#include "shape.h"
#include "utf8.h"

/* Longest run of one non-letter symbol kept in a shape. */
#define SHAPE_RUN_MAX 4

/* Shape symbols of bytes: ASCII filled on first use, 0 from 0x80 up. */
static char ascii_symbol[256];
static bool ascii_ready = false;

/* The shape symbol of code point cp, or -1 if it contributes nothing. */
static int32_t
shape_symbol(int32_t cp)
{
	if (cp < 0x80)
	{
		if (cp >= 'A' && cp <= 'Z')
			return 'X';
		if (cp >= 'a' && cp <= 'z')
			return 'x';
		if (cp >= '0' && cp <= '9')
			return 'd';
		return cp;
	}
	switch (nn_char_class(cp))
	{
		case NN_CC_UPPER:
			return 'X';
		case NN_CC_LOWER:
		case NN_CC_LETTER:
		case NN_CC_DICT:
			return 'x';
		case NN_CC_DIGIT:
			return 'd';
		case NN_CC_MARK:
		case NN_CC_FORMAT:
			return -1;
		default:
			return cp;
	}
}

/* Append cp as UTF-8 to buf[*n..] if it fits in NN_SHAPE_MAX; false if not. */
static bool
append_utf8(char *buf, size_t *n, int32_t cp)
{
	unsigned char enc[4];
	int			k;

	if (cp < 0x80)
	{
		enc[0] = (unsigned char) cp;
		k = 1;
	}
	else if (cp < 0x800)
	{
		enc[0] = 0xC0 | (cp >> 6);
		enc[1] = 0x80 | (cp & 0x3F);
		k = 2;
	}
	else if (cp < 0x10000)
	{
		enc[0] = 0xE0 | (cp >> 12);
		enc[1] = 0x80 | ((cp >> 6) & 0x3F);
		enc[2] = 0x80 | (cp & 0x3F);
		k = 3;
	}
	else
	{
		enc[0] = 0xF0 | (cp >> 18);
		enc[1] = 0x80 | ((cp >> 12) & 0x3F);
		enc[2] = 0x80 | ((cp >> 6) & 0x3F);
		enc[3] = 0x80 | (cp & 0x3F);
		k = 4;
	}
	if (*n + k > NN_SHAPE_MAX)
		return false;
	for (int j = 0; j < k; j++)
		buf[(*n)++] = (char) enc[j];
	return true;
}

/* Fill ascii_symbol once. */
static void
init_ascii_symbols(void)
{
	for (int c = 0; c < 128; c++)
		ascii_symbol[c] = (char) shape_symbol(c);
	ascii_ready = true;
}

/* Skip ASCII letters of symbol sym from i, checking interrupts on long runs. */
static size_t
skip_letters(const unsigned char *u, size_t i, size_t len, char sym, size_t *next_check)
{
	for (;;)
	{
		size_t		lim = *next_check < len ? *next_check : len;

		while (i < lim && ascii_symbol[u[i]] == sym)
			i++;
		if (i < lim || i >= len)
			return i;
		nn_check_interrupts();
		*next_check = i + NN_CHECK_INTERVAL;
	}
}

/* Write the shape of s[0..len) into buf; return its length. */
size_t
nn_shape(const char *s, size_t len, char *buf)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		n = 0;
	size_t		i = 0;
	size_t		next_check = NN_CHECK_INTERVAL;
	int32_t		last = -1;
	int			run = 0;

	if (!ascii_ready)
		init_ascii_symbols();
	while (i < len)
	{
		int32_t		sym;

		if (i >= next_check)
		{
			nn_check_interrupts();
			next_check = i + NN_CHECK_INTERVAL;
		}
		if (u[i] < 0x80)
		{
			sym = ascii_symbol[u[i]];
			i++;
			if (sym == 'x' || sym == 'X')
				i = skip_letters(u, i, len, (char) sym, &next_check);
		}
		else
		{
			int			w;

			sym = shape_symbol(nn_utf8_decode(s, len, i, &w));
			i += w;
		}
		if (sym < 0 || (sym == last &&
						(sym == 'X' || sym == 'x' || run >= SHAPE_RUN_MAX)))
			continue;
		if (sym != last)
			run = 0;
		if (!append_utf8(buf, &n, sym))
			break;
		last = sym;
		run++;
	}
	buf[n] = '\0';
	return n;
}
