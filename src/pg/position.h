/*
 * position.h
 *	  Conversion of the core's byte offsets to the 1-based character
 *	  positions that substr() counts. Spans arrive in increasing order, so a
 *	  cursor that only moves forward keeps the conversion linear.
 */
#ifndef NEWSNLP_POSITION_H
#define NEWSNLP_POSITION_H

#include "postgres.h"

#include "quotes.h"

typedef struct CharCursor
{
	const char *text;
	size_t		byte;			/* byte offset reached */
	int64		chars;			/* characters before that offset */
} CharCursor;

/* Start a cursor at the beginning of text. */
extern void char_cursor_init(CharCursor *cur, const char *text);

/* Characters in text[from..to). */
extern int32 char_count(const char *text, size_t from, size_t to);

/*
 * 1-based character position of byte offset start, and the span's length in
 * characters in *len; start must not precede the previous call's end.
 */
extern int32 char_cursor_span(CharCursor *cur, size_t start, size_t end, int32 *len);

/*
 * 1-based character positions of byte offsets[0..n), which may come in any
 * order, into chars[0..n): one pass over text after sorting the offsets.
 */
extern void char_positions(const char *text, const size_t *offsets, int32 *chars, int n);

/*
 * 1-based character positions of every quote's start and end, and with
 * speakers also its speaker's start and end, per quote in that order: 2 or
 * 4 a quote, palloc'd, in one pass over text.
 */
extern int32 *quote_char_bounds(const char *text, const NnQuoteList *list, bool speakers);

#endif							/* NEWSNLP_POSITION_H */
