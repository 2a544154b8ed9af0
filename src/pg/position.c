/*
 * position.c
 *	  Byte offset to character position conversion (see position.h).
 */
#include "postgres.h"

#include "position.h"

/* Start a cursor at the beginning of text. */
void
char_cursor_init(CharCursor *cur, const char *text)
{
	cur->text = text;
	cur->byte = 0;
	cur->chars = 0;
}

/* Characters in text[from..to): every byte that is not a continuation byte. */
int32
char_count(const char *text, size_t from, size_t to)
{
	const unsigned char *p = (const unsigned char *) text + from;
	const unsigned char *e = (const unsigned char *) text + to;
	int32		n = 0;

	for (; p < e; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* 1-based position of [start, end) and its length in characters. */
int32
char_cursor_span(CharCursor *cur, size_t start, size_t end, int32 *len)
{
	int32		pos;

	Assert(start >= cur->byte && end >= start);
	cur->chars += char_count(cur->text, cur->byte, start);
	pos = (int32) (cur->chars + 1);
	*len = char_count(cur->text, start, end);
	cur->chars += *len;
	cur->byte = end;
	return pos;
}

/* An offset and where its answer goes, for sorting. */
typedef struct OffsetSlot
{
	size_t		offset;
	int			index;
} OffsetSlot;

/* Order slots by offset. */
static int
compare_slots(const void *a, const void *b)
{
	const OffsetSlot *x = a;
	const OffsetSlot *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* Positions of offsets in any order, with one forward pass over text. */
void
char_positions(const char *text, const size_t *offsets, int32 *chars, int n)
{
	OffsetSlot *slots;
	CharCursor	cur;

	if (n <= 0)
		return;
	slots = palloc_extended(sizeof(OffsetSlot) * n, MCXT_ALLOC_HUGE);
	for (int i = 0; i < n; i++)
	{
		slots[i].offset = offsets[i];
		slots[i].index = i;
	}
	qsort(slots, n, sizeof(OffsetSlot), compare_slots);
	char_cursor_init(&cur, text);
	for (int i = 0; i < n; i++)
	{
		int32		len;

		chars[slots[i].index] = char_cursor_span(&cur, slots[i].offset, slots[i].offset, &len);
	}
	pfree(slots);
}

/* Character positions of every quote's bounds (and its speaker's), in one pass. */
int32 *
quote_char_bounds(const char *text, const NnQuoteList *list, bool speakers)
{
	int			per = speakers ? 4 : 2;
	int			n = list->n * per;
	size_t	   *offsets = palloc_extended(sizeof(size_t) * Max(n, 1), MCXT_ALLOC_HUGE);
	int32	   *chars = palloc_extended(sizeof(int32) * Max(n, 1), MCXT_ALLOC_HUGE);

	for (int i = 0; i < list->n; i++)
	{
		const NnQuote *q = &list->items[i];

		offsets[i * per] = q->start;
		offsets[i * per + 1] = q->end;
		if (speakers)
		{
			offsets[i * per + 2] = q->spk_start;
			offsets[i * per + 3] = q->spk_end;
		}
	}
	char_positions(text, offsets, chars, n);
	pfree(offsets);
	return chars;
}
