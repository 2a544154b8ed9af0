/*
 * sentence.c
 *	  Streaming sentence and paragraph segmentation (see sentence.h).
 *
 *	  Each non-blank line is a paragraph. A paragraph is handed to ICU in
 *	  windows of at most NN_SENTENCE_WINDOW bytes; every candidate boundary
 *	  ICU proposes is judged by looking a few characters before and after it,
 *	  so no boundary list is kept and no text is scanned twice by the rules.
 */
#include <string.h>

#include <unicode/utext.h>

#include "abbrev.h"
#include "charclass.h"
#include "icu_cache.h"
#include "sentence.h"
#include "utf8.h"

/* Longest word before a period that can be an abbreviation or initials. */
#define WORD_MAX 16

/* Longest word after a break that is compared with a word list. */
#define NEXT_WORD_MAX 12

/* Capitalised words that usually open a sentence, so may follow U.S. or J. */
static const char *const openers[] = {
	"A", "After", "An", "And", "As", "At", "But", "For", "He", "Her", "His",
	"How", "I", "If", "In", "It", "Its", "Meanwhile", "My", "Now", "On",
	"Or", "Our", "She", "So", "Still", "That", "The", "Their", "Then",
	"There", "These", "They", "This", "Those", "We", "What", "When",
	"While", "Who", "Why", "Yet", "You", NULL
};

/* Words that continue a clock time such as "8 p.m. Eastern". */
static const char *const clock_words[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday", "Eastern", "Central", "Mountain", "Pacific", "ET", "EST",
	"EDT", "CT", "CST", "CDT", "MT", "PT", "PST", "PDT", "GMT", "UTC", NULL
};

/* Count bytes of progress and run the interrupt hook every interval. */
static inline void
progress(NnSentenceSplitter *sp, size_t bytes)
{
	sp->unchecked += bytes;
	if (sp->unchecked >= NN_CHECK_INTERVAL)
	{
		sp->unchecked = 0;
		nn_check_interrupts();
	}
}

/* Class of the code point at s[i], decoding no further than end. */
static inline NnCharClass
class_at(const char *s, size_t end, size_t i, int *width)
{
	return nn_char_class(nn_utf8_decode(s, end, i, width));
}

/* Start of the code point ending at i (lo < i); decodes it into *cp. */
static size_t
cp_before(const char *s, size_t lo, size_t i, int32_t *cp)
{
	size_t		j = nn_utf8_prev(s, i);
	int			width;

	if (j < lo)
		j = i - 1;
	*cp = nn_utf8_decode(s, i, j, &width);
	if (j + width != i)
	{
		/* a stray continuation byte is a code point of its own */
		j = i - 1;
		*cp = nn_utf8_decode(s, i, j, &width);
	}
	return j;
}

/* First position at or after i, before end, that is not white space. */
static size_t
trim_front(const char *s, size_t i, size_t end)
{
	int			width;

	while (i < end && nn_cc_is_space(class_at(s, end, i, &width)))
		i += width;
	return i;
}

/* Position just after the last non-space code point in [lo, i). */
static size_t
trim_back(const char *s, size_t lo, size_t i)
{
	while (i > lo)
	{
		int32_t		cp;
		size_t		j = cp_before(s, lo, i, &cp);

		if (!nn_cc_is_space(nn_char_class(cp)))
			break;
		i = j;
	}
	return i;
}

/* True for marks that close a quotation or parenthesis. */
static bool
is_closer(int32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == 0x203A ||
		cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}';
}

/* True for marks that open a quotation or parenthesis. */
static bool
is_opener_mark(int32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x2039 ||
		cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == '{';
}

/* Skip the run of code points at i, before end, that pass test. */
static size_t
skip_marks(const char *s, size_t i, size_t end, bool (*test) (int32_t))
{
	int			width;

	while (i < end && test(nn_utf8_decode(s, end, i, &width)))
		i += width;
	return i;
}

/* True for an ASCII letter. */
static inline bool
is_ascii_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* True if the ASCII word starting at s[i] is one of list. */
static bool
word_in(const char *s, size_t i, size_t end, const char *const *list)
{
	size_t		n = 0;

	while (i + n < end && n <= NEXT_WORD_MAX && is_ascii_alpha(s[i + n]))
		n++;
	if (n == 0 || n > NEXT_WORD_MAX)
		return false;
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s + i, n) == 0)
			return true;
	return false;
}

/* Start of the word of letters and dots that ends at p, or p if none fits. */
static size_t
word_before(const char *s, size_t lo, size_t p)
{
	size_t		i = p;

	while (i > lo)
	{
		int32_t		cp;
		size_t		j = cp_before(s, lo, i, &cp);
		NnCharClass cc = nn_char_class(cp);

		if (cp != '.' && cc != NN_CC_UPPER && cc != NN_CC_LOWER &&
			cc != NN_CC_LETTER)
			break;
		if (p - j > WORD_MAX)
			return p;
		i = j;
	}
	return i;
}

/* True if s[i..end) is capital initials joined by periods: N, J.D, U.S. */
static bool
is_initials(const char *s, size_t i, size_t end)
{
	for (;;)
	{
		int			width;

		if (class_at(s, end, i, &width) != NN_CC_UPPER)
			return false;
		i += width;
		if (i == end)
			return true;
		if (s[i] != '.' || i + 1 == end)
			return false;
		i++;
	}
}

/* True if s[i..end) is "a.m" or "p.m". */
static bool
is_clock(const char *s, size_t i, size_t end)
{
	return end - i == 3 &&
		(memcmp(s + i, "a.m", 3) == 0 || memcmp(s + i, "p.m", 3) == 0);
}

/*
 * Judge a break after the period at p, where the next sentence would begin
 * at next with a character of class nc.
 */
static bool
veto_after_period(NnSentenceSplitter *sp, size_t p, size_t next, NnCharClass nc)
{
	const char *s = sp->text;
	size_t		ws = word_before(s, sp->icu_prev, p);
	NnAbbrevKind kind;

	if (ws == p)
		return false;
	kind = nn_abbrev_lookup(s + ws, p - ws);
	if (kind == NN_ABBR_TITLE)
		return true;
	if ((kind == NN_ABBR_NUMBER || kind == NN_ABBR_MONTH) && nc == NN_CC_DIGIT)
		return true;
	if (is_initials(s, ws, p))
		return nc == NN_CC_DIGIT ||
			(nc == NN_CC_UPPER && !word_in(s, next, sp->win_end, openers));
	if (is_clock(s, ws, p))
		return word_in(s, next, sp->win_end, clock_words);
	return false;
}

/* True if ICU's candidate boundary at b is wrong for news copy. */
static bool
veto_break(NnSentenceSplitter *sp, size_t b)
{
	const char *s = sp->text;
	size_t		next = trim_front(s, b, sp->win_end);
	size_t		last = trim_back(s, sp->icu_prev, b);
	int			width;
	NnCharClass nc;

	if (next >= sp->win_end || last == sp->icu_prev)
		return false;
	nc = class_at(s, sp->win_end, next, &width);
	/* a lowercase word goes on the sentence: "Go!" he shouted. */
	if (nc == NN_CC_LOWER)
		return true;
	if (s[last - 1] != '.')
		return false;
	return veto_after_period(sp, last - 1, next, nc);
}

/* Move a break at b past closing marks that ICU left to the next sentence. */
static size_t
attach_closers(NnSentenceSplitter *sp, size_t b)
{
	const char *s = sp->text;
	size_t		next = trim_front(s, b, sp->win_end);
	size_t		end = skip_marks(s, next, sp->win_end, is_closer);
	int			width;

	if (end == next)
		return b;
	if (end == sp->win_end || nn_cc_is_space(class_at(s, sp->win_end, end, &width)))
		return end;
	return b;
}

/*
 * Where a sentence starts after the ellipsis ending at q: past closing
 * marks and white space, at a capitalised word. Returns 0 if none does
 * before limit.
 */
static size_t
after_ellipsis(const char *s, size_t q, size_t limit)
{
	size_t		start;
	size_t		word;
	int			width;

	q = skip_marks(s, q, limit, is_closer);
	start = trim_front(s, q, limit);
	if (start == q || start >= limit)
		return 0;
	word = skip_marks(s, start, limit, is_opener_mark);
	if (word >= limit || class_at(s, limit, word, &width) != NN_CC_UPPER)
		return 0;
	return start;
}

/* First break in [from, to) after a "…" followed by a capital, else to. */
static size_t
ellipsis_break(NnSentenceSplitter *sp, size_t from, size_t to)
{
	const char *s = sp->text;
	size_t		i = from;

	while (i < to)
	{
		const char *hit = memchr(s + i, 0xE2, to - i);
		size_t		start;

		if (hit == NULL)
			break;
		i = hit - s;
		if (i + 3 <= to && (unsigned char) s[i + 1] == 0x80 &&
			(unsigned char) s[i + 2] == 0xA6 &&
			(start = after_ellipsis(s, i + 3, to)) != 0)
			return start;
		i++;
	}
	return to;
}

/* Emit the trimmed text from the cursor to end; false if it is all space. */
static bool
take(NnSentenceSplitter *sp, size_t end, NnSentence *out)
{
	size_t		start;

	/* a break inside closing marks already attached is no break */
	if (end <= sp->cursor)
		return false;
	start = trim_front(sp->text, sp->cursor, end);
	sp->cursor = end;
	if (sp->scan_pos < end)
		sp->scan_pos = end;
	if (start == end)
		return false;
	out->start = start;
	out->end = trim_back(sp->text, start, end);
	out->paragraph = sp->paragraph;
	return true;
}

/* ICU's next candidate boundary as a text offset; the window end when done. */
static size_t
icu_candidate(NnSentenceSplitter *sp)
{
	int32_t		b = sp->icu_ok ? ubrk_next(nn_icu_sentence_iterator()) : UBRK_DONE;
	size_t		pos = sp->win_end;

	if (b != UBRK_DONE && sp->win_start + (size_t) b < sp->win_end)
		pos = sp->win_start + (size_t) b;
	progress(sp, pos - sp->icu_prev);
	return pos;
}

/* The next sentence of the current window; false when the window is done. */
static bool
next_in_window(NnSentenceSplitter *sp, NnSentence *out)
{
	for (;;)
	{
		size_t		b;

		if (!sp->have_cand)
		{
			sp->cand = icu_candidate(sp);
			sp->have_cand = true;
		}
		b = ellipsis_break(sp, sp->scan_pos, sp->cand);
		sp->scan_pos = b;
		if (b < sp->cand)
		{
			if (take(sp, b, out))
				return true;
			continue;
		}
		sp->have_cand = false;
		if (b >= sp->win_end)
		{
			sp->in_window = false;
			/* a cut window resumes at its last boundary: only overlong sentences split */
			if (sp->para_open && sp->cursor > sp->win_start)
				return false;
			return take(sp, sp->win_end, out);
		}
		if (veto_break(sp, b))
		{
			sp->icu_prev = b;
			continue;
		}
		sp->icu_prev = b;
		if (take(sp, attach_closers(sp, b), out))
			return true;
	}
}

/* Skip white space from i; stop at a newline too if stop_at_newline. */
static size_t
skip_space(NnSentenceSplitter *sp, size_t i, bool stop_at_newline)
{
	int			width;

	while (i < sp->len)
	{
		NnCharClass cc = class_at(sp->text, sp->len, i, &width);

		if (!nn_cc_is_space(cc) || (stop_at_newline && cc == NN_CC_NEWLINE))
			break;
		i += width;
		progress(sp, width);
	}
	return i;
}

/* True for plain ASCII: neither a line break, a tab nor part of a sequence. */
static inline bool
is_plain(unsigned char c)
{
	return c >= 0x0E && c < 0x80;
}

/*
 * Skip plain ASCII from i, before limit. Eight bytes are tested at once: a
 * byte below 0x0E borrows into its top bit when 0x0E is subtracted, and a
 * byte from 0x80 up has that bit already. The latest 8-byte block holding a
 * space goes to *block; a space seen one byte at a time sets *space_end.
 */
static size_t
skip_plain(const char *s, size_t i, size_t limit, size_t *block, size_t *space_end)
{
	const uint64_t ones = 0x0101010101010101;
	const uint64_t tops = 0x8080808080808080;

	while (i + 8 <= limit)
	{
		uint64_t	x;
		uint64_t	sp;

		memcpy(&x, s + i, 8);
		if (((x - 0x0E * ones) | x) & tops)
			break;
		sp = x ^ (0x20 * ones);
		if ((sp - ones) & ~sp & tops)
			*block = i;
		i += 8;
	}
	for (; i < limit && is_plain((unsigned char) s[i]); i++)
		if (s[i] == ' ')
			*space_end = i + 1;
	return i;
}

/* Just past the last space in the 8-byte block at b (which holds one). */
static size_t
block_space_end(const char *s, size_t b)
{
	for (size_t k = 8; k > 0; k--)
		if (s[b + k - 1] == ' ')
			return b + k;
	return b;
}

/*
 * Find the end of the window starting at win_start: the end of its line,
 * or, past NN_SENTENCE_WINDOW bytes, just after the last white space (a
 * code point boundary if there is none).
 */
static void
find_window_end(NnSentenceSplitter *sp)
{
	const char *s = sp->text;
	size_t		i = sp->win_start;
	size_t		limit = sp->len;
	size_t		cut = sp->win_start;
	size_t		block = SIZE_MAX;
	int			width;

	if (sp->len - sp->win_start > NN_SENTENCE_WINDOW)
		limit = sp->win_start + NN_SENTENCE_WINDOW;
	while (i < limit)
	{
		/* one plain stretch at a time, so interrupt checks stay regular */
		size_t		stop = limit - i > NN_CHECK_INTERVAL ? i + NN_CHECK_INTERVAL : limit;
		size_t		j = skip_plain(s, i, stop, &block, &cut);
		NnCharClass cc;

		progress(sp, j - i);
		i = j;
		if (i >= limit)
			break;
		if (i == stop)
			continue;
		cc = class_at(s, sp->len, i, &width);
		if (cc == NN_CC_NEWLINE || i + width > limit)
			break;
		i += width;
		if (cc == NN_CC_SPACE)
			cut = i;
		progress(sp, width);
	}
	sp->para_open = i < sp->len && class_at(s, sp->len, i, &width) != NN_CC_NEWLINE;
	if (block != SIZE_MAX && block_space_end(s, block) > cut)
		cut = block_space_end(s, block);
	sp->win_end = (sp->para_open && cut > sp->win_start) ? cut : i;
	if (!sp->para_open)
		sp->para_end = i;
}

/* Hand the window to ICU through a UTF-8 UText: offsets stay in bytes. */
static void
start_icu(NnSentenceSplitter *sp)
{
	UText		ut = UTEXT_INITIALIZER;
	UErrorCode	status = U_ZERO_ERROR;
	UBreakIterator *bi = nn_icu_sentence_iterator();

	utext_openUTF8(&ut, sp->text + sp->win_start,
				   (int64_t) (sp->win_end - sp->win_start), &status);
	/* the iterator keeps a shallow clone, so ut may go now */
	if (bi != NULL)
		ubrk_setUText(bi, &ut, &status);
	utext_close(&ut);
	sp->icu_ok = bi != NULL && U_SUCCESS(status);
}

/* Open the next window: the rest of a cut paragraph or a new paragraph. */
static bool
open_window(NnSentenceSplitter *sp)
{
	size_t		pos = sp->cursor;
	int			width;

	if (sp->para_open)
	{
		pos = skip_space(sp, pos, true);
		sp->para_open = pos < sp->len &&
			class_at(sp->text, sp->len, pos, &width) != NN_CC_NEWLINE;
	}
	if (!sp->para_open)
	{
		pos = skip_space(sp, pos, false);
		sp->cursor = pos;
		if (pos >= sp->len)
			return false;
		sp->paragraph++;
	}
	sp->win_start = pos;
	find_window_end(sp);
	sp->cursor = sp->scan_pos = sp->icu_prev = pos;
	sp->have_cand = false;
	sp->in_window = true;
	start_icu(sp);
	return true;
}

/* Begin splitting text[0..len). */
NnStatus
nn_sentences_begin(NnSentenceSplitter *sp, const char *text, size_t len)
{
	memset(sp, 0, sizeof(*sp));
	sp->text = text;
	sp->len = text ? len : 0;
	if (nn_icu_sentence_iterator() == NULL)
		return NN_ERR_ICU;
	return NN_OK;
}

/* Produce the next sentence, opening windows as they run out. */
bool
nn_sentences_next(NnSentenceSplitter *sp, NnSentence *out)
{
	for (;;)
	{
		if (!sp->in_window && !open_window(sp))
			return false;
		if (next_in_window(sp, out))
			return true;
	}
}
