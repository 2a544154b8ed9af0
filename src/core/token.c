/*
 * token.c
 *	  Streaming tokenizer for news text (see token.h).
 *
 *	  Sentences of sentence.h are scanned one at a time, left to right. Each
 *	  token is decided by its first code point and a bounded look at its
 *	  neighbours, so the work stays linear in the input. ASCII goes through
 *	  a table; ICU classifies other code points and splits dictionary runs.
 *
 *	  Choices where news copy is ambiguous:
 *	  - "US$5" is the word "US", the symbol "$" and the number "5".
 *	  - ' or ’ after a word ending in s, when no single quote is open in the
 *		paragraph, is a plural possessive (clitic "'"); otherwise it closes
 *		the quote. ' or ’ opening a word before letters is an opening quote,
 *		so "’em" and "’tis" open a quote; before two digits (and an s) it is
 *		an elided year or decade ("’90s", "'08").
 *	  - A straight " opens after white space, an opening bracket or quote, a
 *		dash or a slash; elsewhere it closes, unless no " is open and a word
 *		follows, as in said:"Go".
 *	  - ' and " right after a digit with no quote of their kind open are
 *		feet and inches marks: punctuation, as in 5'10".
 *	  - A capital letter with a period is an initial ("N."), except when only
 *		white space, closing quotes or brackets follow in the sentence
 *		("Plan B." ends with a period token).
 *	  - "No." keeps its period only before a number ("No. 5", not "said no.").
 *	  - Dotted letter groups of up to three letters each keep their final
 *		period ("U.S.", "Ph.D.", "a.m."); a period before a lower-case letter
 *		joins a domain-like word ("Amazon.com") without keeping a final one.
 *	  - A token with digits is a number when it has no letters ("2024-05-01")
 *		or only an ordinal or decade suffix ("21st", "1990s"); mixed tokens
 *		such as "COVID-19", "5G" or "21st-century" are words. ".5" and the
 *		".75" of "$.75" are numbers.
 *	  - Runs of periods, of hyphens and of ! and ? are one token each; every
 *		other punctuation mark, "…" and each dash is a token of its own.
 *	  - Quote depths restart at each paragraph: news copy reopens a quotation
 *		that runs on into the next paragraph.
 *	  - Dictionary runs go to ICU at most NN_DICT_CHUNK bytes at a time, so a
 *		longer unpunctuated run may break at a chunk edge. A run of one letter
 *		is a word without ICU; without ICU's word iterator a run is one token.
 *	  - A word longer than a sentence window of sentence.h is cut where the
 *		splitter cuts it, since tokens never cross a sentence end.
 *	  - ICU's cached word iterator keeps a run's state between calls, so at
 *		most one tokenizer may be active at a time in a process.
 */
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "abbrev.h"
#include "charclass.h"
#include "icu_cache.h"
#include "token.h"
#include "utf8.h"

/* Longest dictionary run handed to ICU in one piece. */
#define NN_DICT_CHUNK (16 * 1024)

/* Deepest quote nesting counted; deeper marks are treated as that deep. */
#define NN_QUOTE_DEPTH_MAX 1000

/* Flags of ASCII bytes for the fast paths; bytes from 0x80 have none. */
#define A_SPACE		0x01		/* white space and control characters */
#define A_UPPER		0x02
#define A_LOWER		0x04
#define A_DIGIT		0x08
#define A_SYMBOL	0x10		/* $ % & + < = > ^ ` | ~ and lone @ # */
#define A_LOCAL		0x20		/* allowed in an e-mail address's local part */
#define A_DOMAIN	0x40		/* allowed in a domain label */
#define A_TAG		0x80		/* allowed in a handle or hashtag */
#define A_WORD_END	0x100		/* ends a run of letters with nothing to decide */
#define A_NUM_END	0x200		/* ends a run of digits with nothing to decide */
#define A_LETTER	(A_UPPER | A_LOWER)
#define A_ALNUM		(A_LETTER | A_DIGIT)

static uint16_t byte_flags[256];
static NnCharClass ascii_class[128];	/* nn_char_class() of ASCII, inlined */
static bool byte_flags_ready = false;

/* A decoded code point of the current sentence. */
typedef struct Chr
{
	int32_t		cp;				/* -1 outside the sentence */
	int			w;				/* width in bytes */
	NnCharClass cc;
} Chr;

/* What a word scan has seen so far. */
typedef struct WordScan
{
	size_t		letters;
	size_t		digits;
	size_t		dots;			/* periods joining letter segments */
	size_t		seg_letters;	/* letters since the last such period */
	bool		seg_pure;		/* that segment is letters and marks only */
	bool		short_segs;		/* every earlier segment was 1-3 pure letters */
	bool		last_digit;		/* the last letter or digit was a digit */
	bool		nonascii;		/* a code point outside ASCII was taken */
} WordScan;

/* Flags of one ASCII byte. */
static uint16_t
ascii_flags(int c)
{
	uint16_t	f = 0;

	if (c <= ' ' || c == 0x7F)
		return A_SPACE | A_WORD_END | A_NUM_END;
	if (c >= 'A' && c <= 'Z')
		f = A_UPPER;
	else if (c >= 'a' && c <= 'z')
		f = A_LOWER;
	else if (c >= '0' && c <= '9')
		f = A_DIGIT;
	else if (strchr("$%&+<=>^`|~@#", c))
		f = A_SYMBOL;
	if (f & A_ALNUM)
		f |= A_LOCAL | A_DOMAIN | A_TAG;
	if (strchr("._%+-", c))
		f |= A_LOCAL;
	if (c == '-')
		f |= A_DOMAIN;
	if (c == '_')
		f |= A_TAG;
	if (strchr(",;:!?\"()[]{}/*&", c))
		f |= A_WORD_END;
	if (strchr(";!?\"()[]{}*&%", c))
		f |= A_NUM_END;
	return f;
}

/* Fill byte_flags and ascii_class once. */
static void
init_byte_flags(void)
{
	for (int c = 0; c < 128; c++)
	{
		byte_flags[c] = ascii_flags(c);
		ascii_class[c] = nn_char_class(c);
	}
	byte_flags_ready = true;
}

/* Call the interrupt hook once per NN_CHECK_INTERVAL bytes of progress. */
static inline void
tick(NnTokenizer *tk, size_t i)
{
	if (i >= tk->next_check)
	{
		nn_check_interrupts();
		tk->next_check = i + NN_CHECK_INTERVAL;
	}
}

/* The code point at byte i; a space sentinel outside the sentence. */
static inline Chr
chr_at(const NnTokenizer *tk, size_t i)
{
	Chr			c;

	if (i >= tk->cur.end)
	{
		c.cp = -1;
		c.w = 0;
		c.cc = NN_CC_SPACE;
		return c;
	}
	if ((unsigned char) tk->text[i] < 0x80)
	{
		c.cp = (unsigned char) tk->text[i];
		c.w = 1;
		c.cc = ascii_class[c.cp];
		return c;
	}
	c.cp = nn_utf8_decode(tk->text, tk->cur.end, i, &c.w);
	c.cc = nn_char_class(c.cp);
	return c;
}

/* The code point ending at byte i; the sentinel at the sentence start. */
static Chr
chr_before(const NnTokenizer *tk, size_t i)
{
	size_t		j;
	Chr			c;

	if (i <= tk->cur.start)
		return chr_at(tk, tk->cur.end);
	j = nn_utf8_prev(tk->text, i);
	if (j < tk->cur.start)
		j = i - 1;
	c = chr_at(tk, j);
	/* a stray continuation byte stands for itself, as the decoder does */
	if (j + c.w != i)
	{
		c.cp = NN_REPLACEMENT_CHAR;
		c.w = 1;
		c.cc = NN_CC_SYMBOL;
	}
	return c;
}

/* True for cased and caseless letters outside dictionary scripts. */
static inline bool
is_letter(NnCharClass cc)
{
	return cc == NN_CC_UPPER || cc == NN_CC_LOWER || cc == NN_CC_LETTER;
}

/* True for ' and ’, which are apostrophes or single quotes by context. */
static inline bool
is_apostrophe(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* True for the hyphens that join compound words. */
static inline bool
is_hyphen(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* True for regional indicators, two of which make a flag. */
static inline bool
is_regional(int32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

/* True for marks that always open a quotation. */
static bool
is_open_quote(int32_t cp)
{
	return cp == 0x201C || cp == 0x201E || cp == 0x201F || cp == 0xAB ||
		cp == 0x2039 || cp == 0x300C || cp == 0x300E || cp == 0x301D ||
		cp == 0x2018 || cp == 0x201A;
}

/* True for marks that always close a quotation. */
static bool
is_close_quote(int32_t cp)
{
	return cp == 0x201D || cp == 0xBB || cp == 0x203A || cp == 0x300D ||
		cp == 0x300F || cp == 0x301E || cp == 0x301F;
}

/* True for closing quotes and brackets, which may trail a sentence. */
static bool
is_closer(int32_t cp)
{
	return cp == '"' || cp == ')' || cp == ']' || cp == '}' ||
		is_apostrophe(cp) || is_close_quote(cp);
}

/* Where a fast loop must stop: the sentence end or the next interrupt check. */
static inline size_t
fast_limit(const NnTokenizer *tk)
{
	return tk->next_check < tk->cur.end ? tk->next_check : tk->cur.end;
}

/* Skip ASCII bytes having any of flags from i. */
static inline size_t
skip_flags(NnTokenizer *tk, size_t i, uint16_t flags)
{
	const unsigned char *t = (const unsigned char *) tk->text;

	for (;;)
	{
		size_t		lim = fast_limit(tk);

		while (i < lim && (byte_flags[t[i]] & flags))
			i++;
		if (i < lim || i >= tk->cur.end)
			return i;
		tick(tk, i);
	}
}

/* Skip bytes equal to a or b from i. */
static size_t
skip_bytes(NnTokenizer *tk, size_t i, char a, char b)
{
	while (i < tk->cur.end && (tk->text[i] == a || tk->text[i] == b))
	{
		tick(tk, i);
		i++;
	}
	return i;
}

/* Skip format characters (ZWJ, bidi marks...) from i. */
static size_t
skip_format(NnTokenizer *tk, size_t i)
{
	for (;;)
	{
		Chr			c = chr_at(tk, i);

		if (c.cc != NN_CC_FORMAT || c.cp < 0)
			return i;
		tick(tk, i);
		i += c.w;
	}
}

/* Skip white space, controls and format characters, which no token starts with. */
static size_t
skip_space(NnTokenizer *tk, size_t i)
{
	const unsigned char *t = (const unsigned char *) tk->text;

	/* the usual case: one space before the next token, or none */
	if (i + 1 < tk->cur.end && t[i + 1] < 0x80 && !(byte_flags[t[i + 1]] & A_SPACE))
	{
		if (t[i] == ' ')
			return i + 1;
		if (t[i] < 0x80 && !(byte_flags[t[i]] & A_SPACE))
			return i;
	}
	for (;;)
	{
		Chr			c;

		i = skip_flags(tk, i, A_SPACE);
		if (i >= tk->cur.end || (unsigned char) tk->text[i] < 0x80)
			return i;
		c = chr_at(tk, i);
		if (!nn_cc_is_space(c.cc) && c.cc != NN_CC_FORMAT &&
			!(c.cc == NN_CC_OTHER && c.cp < 0xA0))
			return i;
		i += c.w;
	}
}

/* Skip horizontal white space only. */
static size_t
skip_blanks(NnTokenizer *tk, size_t i)
{
	for (;;)
	{
		Chr			c = chr_at(tk, i);

		if (c.cp < 0 || !nn_cc_is_space(c.cc))
			return i;
		tick(tk, i);
		i += c.w;
	}
}

/* End of the marks and emoji extenders after a base that ends at i. */
static size_t
cluster_end(NnTokenizer *tk, size_t i, bool regional)
{
	for (;;)
	{
		Chr			c;

		if (i >= tk->cur.end || (unsigned char) tk->text[i] < 0x80)
			return i;
		tick(tk, i);
		c = chr_at(tk, i);
		if (c.cp == 0x200D)
		{
			/* a zero width joiner takes the next symbol into the cluster */
			Chr			n = chr_at(tk, i + c.w);

			i += c.w;
			if (n.cc == NN_CC_SYMBOL)
				i += n.w;
		}
		else if (c.cc == NN_CC_MARK || nn_is_emoji_extender(c.cp))
			i += c.w;
		else if (regional && is_regional(c.cp))
		{
			i += c.w;
			regional = false;
		}
		else
			return i;
	}
}

/* Fill *out with a token and remember it as the last one. */
static bool
emit(NnTokenizer *tk, NnToken *out, size_t s, size_t e, NnTokenKind kind)
{
	out->start = s;
	out->end = e;
	out->kind = kind;
	out->sentence = tk->sentence_no;
	tk->pos = e;
	tk->last_end = e;
	tk->last_kind = kind;
	return true;
}

/* Emit one mark or symbol with the marks and extenders that follow it. */
static bool
emit_cluster(NnTokenizer *tk, NnToken *out, size_t s, Chr c, NnTokenKind kind)
{
	return emit(tk, out, s, cluster_end(tk, s + c.w, is_regional(c.cp)), kind);
}

/* Raise a quote depth, saturating. */
static void
depth_up(int *depth)
{
	if (*depth < NN_QUOTE_DEPTH_MAX)
		(*depth)++;
}

/* Lower a quote depth, not below zero. */
static void
depth_down(int *depth)
{
	if (*depth > 0)
		(*depth)--;
}

/* True if the letter at i ends a word: no letter, digit or mark follows. */
static bool
ends_word(const NnTokenizer *tk, size_t i)
{
	Chr			c = chr_at(tk, i);

	return !(is_letter(c.cc) || c.cc == NN_CC_DIGIT || c.cc == NN_CC_MARK ||
			 c.cc == NN_CC_DICT);
}

/* Letters of a clitic ('s 're 've 'll 'd 'm, any case) at i, ending a word; else 0. */
static int
clitic_letters(const NnTokenizer *tk, size_t i)
{
	const unsigned char *t = (const unsigned char *) tk->text;
	int			a;
	int			b;
	int			n = 0;

	if (i >= tk->cur.end)
		return 0;
	a = t[i] | 0x20;
	b = i + 1 < tk->cur.end ? t[i + 1] | 0x20 : 0;
	if (a == 's' || a == 'd' || a == 'm')
		n = 1;
	else if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') ||
			 (a == 'l' && b == 'l'))
		n = 2;
	return n > 0 && ends_word(tk, i + n) ? n : 0;
}

/* True if the apostrophe at i (width w) is in "n't" after an n at i - 1. */
static bool
is_nt(const NnTokenizer *tk, size_t i, int w)
{
	const char *t = tk->text;
	size_t		k = i + w;

	return i > tk->cur.start && (t[i - 1] | 0x20) == 'n' &&
		k < tk->cur.end && (t[k] | 0x20) == 't' && ends_word(tk, k + 1);
}

/* Length of an elided decade ("90" or "90s") after an apostrophe at i; else 0. */
static int
elision_len(const NnTokenizer *tk, size_t i)
{
	const unsigned char *t = (const unsigned char *) tk->text;
	int			n = 2;

	if (i + 2 > tk->cur.end || !(byte_flags[t[i]] & A_DIGIT) ||
		!(byte_flags[t[i + 1]] & A_DIGIT))
		return 0;
	if (i + 2 < tk->cur.end && t[i + 2] == 's')
		n = 3;
	return ends_word(tk, i + n) ? n : 0;
}

/* True if only blanks, closing quotes and brackets remain in the sentence from i. */
static bool
only_closers_follow(NnTokenizer *tk, size_t i)
{
	for (;;)
	{
		Chr			c = chr_at(tk, i);

		if (c.cp < 0)
			return true;
		if (!nn_cc_is_space(c.cc) && !is_closer(c.cp))
			return false;
		tick(tk, i);
		i += c.w;
	}
}

/* Take one letter, digit, mark or joined format run outside ASCII at i; i if none. */
static size_t
take_unicode_alnum(NnTokenizer *tk, WordScan *ws, size_t i)
{
	Chr			c = chr_at(tk, i);
	size_t		j;

	switch (c.cc)
	{
		case NN_CC_UPPER:
		case NN_CC_LOWER:
		case NN_CC_LETTER:
			ws->letters++;
			ws->seg_letters++;
			ws->last_digit = false;
			break;
		case NN_CC_DIGIT:
			ws->digits++;
			ws->seg_pure = false;
			ws->last_digit = true;
			break;
		case NN_CC_MARK:
			break;
		case NN_CC_FORMAT:
			/* format characters stay only when the word goes on after them */
			j = skip_format(tk, i);
			c = chr_at(tk, j);
			if (!is_letter(c.cc) && c.cc != NN_CC_DIGIT && c.cc != NN_CC_MARK)
				return i;
			ws->nonascii = true;
			return j;
		default:
			return i;
	}
	ws->nonascii = true;
	return i + c.w;
}

/* Scan letters, digits and marks from i; return where they stop. */
static size_t
scan_alnum(NnTokenizer *tk, WordScan *ws, size_t i)
{
	for (;;)
	{
		size_t		r = skip_flags(tk, i, A_LETTER);

		if (r > i)
		{
			ws->letters += r - i;
			ws->seg_letters += r - i;
			ws->last_digit = false;
			i = r;
		}
		r = skip_flags(tk, i, A_DIGIT);
		if (r > i)
		{
			ws->digits += r - i;
			ws->seg_pure = false;
			ws->last_digit = true;
			i = r;
			continue;
		}
		if (i >= tk->cur.end || (unsigned char) tk->text[i] < 0x80)
			return i;
		r = take_unicode_alnum(tk, ws, i);
		if (r == i)
			return i;
		i = r;
	}
}

/* True if the period at i joins letter segments: U.S.A, Ph.D, Amazon.com. */
static bool
period_joins(const NnTokenizer *tk, const WordScan *ws, size_t i)
{
	Chr			n = chr_at(tk, i + 1);

	if (ws->last_digit || !is_letter(n.cc))
		return false;
	return (ws->seg_pure && ws->seg_letters <= 2) || n.cc == NN_CC_LOWER;
}

/* True if the code point c at i joins the word going on after it. */
static bool
joins_word(const NnTokenizer *tk, const WordScan *ws, Chr c, size_t i)
{
	if (is_hyphen(c.cp))
	{
		NnCharClass n = chr_at(tk, i + c.w).cc;

		return is_letter(n) || n == NN_CC_DIGIT;
	}
	if (c.cp == ',' || c.cp == ':' || c.cp == '/' || c.cp == '.')
	{
		if (ws->last_digit && chr_at(tk, i + 1).cc == NN_CC_DIGIT)
			return true;
		return c.cp == '.' && period_joins(tk, ws, i);
	}
	if (is_apostrophe(c.cp))
		return is_letter(chr_at(tk, i + c.w).cc) &&
			clitic_letters(tk, i + c.w) == 0 && !is_nt(tk, i, c.w);
	return false;
}

/* Record a joining code point c in ws. */
static void
note_join(WordScan *ws, Chr c)
{
	if (c.cp >= 0x80)
		ws->nonascii = true;
	if (c.cp == '.' && !ws->last_digit)
	{
		/* a new letter segment of a dotted abbreviation or domain */
		ws->short_segs = ws->short_segs && ws->seg_pure &&
			ws->seg_letters <= 3;
		ws->dots++;
		ws->seg_letters = 0;
		ws->seg_pure = true;
	}
	else
		ws->seg_pure = false;
}

/* True if the period at i belongs to the word s..i: abbreviations and initials. */
static bool
keeps_period(NnTokenizer *tk, const WordScan *ws, size_t s, size_t i)
{
	NnAbbrevKind kind;

	if (ws->last_digit || !ws->seg_pure || ws->seg_letters == 0)
		return false;
	if (ws->dots > 0)
		return ws->short_segs && ws->seg_letters <= 3;
	if (ws->letters == 1 && chr_at(tk, s).cc == NN_CC_UPPER)
		return !only_closers_follow(tk, i + 1);
	kind = nn_abbrev_lookup(tk->text + s, i - s);
	if (kind == NN_ABBR_NUMBER)
		return chr_at(tk, skip_blanks(tk, i + 1)).cc == NN_CC_DIGIT;
	return kind != NN_ABBR_NONE;
}

/* True if a word s..e with digits is a number: an ordinal or decade suffix at most. */
static bool
is_number(const NnTokenizer *tk, const WordScan *ws, size_t s, size_t e)
{
	const char *t = tk->text;
	int			a;
	int			b;

	if (ws->digits == 0 || ws->letters > 2)
		return false;
	if (ws->letters == 0)
		return true;
	if (!(byte_flags[(unsigned char) t[s]] & A_DIGIT) || e - s < ws->letters + 1 ||
		!(byte_flags[(unsigned char) t[e - ws->letters - 1]] & A_DIGIT))
		return false;
	a = t[e - ws->letters] | 0x20;
	b = t[e - 1] | 0x20;
	if (ws->letters == 1)
		return a == 's';
	return (a == 's' && b == 't') || (a == 'n' && b == 'd') ||
		(a == 'r' && b == 'd') || (a == 't' && b == 'h');
}

/* End of a domain (labels joined by single periods, alphabetic last) at i; else 0. */
static size_t
scan_domain(NnTokenizer *tk, size_t i)
{
	const unsigned char *t = (const unsigned char *) tk->text;
	size_t		label = i;
	size_t		e;
	size_t		dots = 0;

	for (;;)
	{
		e = skip_flags(tk, i, A_DOMAIN);
		if (e == i)
			return 0;
		label = i;
		if (e + 1 < tk->cur.end && t[e] == '.' && (byte_flags[t[e + 1]] & A_DOMAIN))
		{
			dots++;
			i = e + 1;
			continue;
		}
		break;
	}
	if (dots == 0 || e - label < 2)
		return 0;
	for (size_t k = label; k < e; k++)
		if (!(byte_flags[t[k]] & A_LETTER))
			return 0;
	return e;
}

/*
 * End of an e-mail address starting at s, or 0. A failure is remembered: a
 * later attempt from before where this one stopped would fail the same way,
 * so scanning stays linear.
 */
static size_t
try_email(NnTokenizer *tk, size_t s)
{
	size_t		at;
	size_t		e;

	if (s < tk->no_email_before)
		return 0;
	at = skip_flags(tk, s, A_LOCAL);
	if (at == s || at >= tk->cur.end || tk->text[at] != '@')
	{
		tk->no_email_before = at;
		return 0;
	}
	e = scan_domain(tk, at + 1);
	if (e == 0)
		tk->no_email_before = at + 1;
	return e;
}

/* True for the bytes after which a word may turn out to be an e-mail address. */
static bool
may_continue_email(int32_t cp)
{
	return cp == '@' || cp == '.' || cp == '_' || cp == '+' || cp == '-';
}

/* Adjust the end of a word stopped at the apostrophe c at i, for "n't". */
static size_t
split_nt(size_t s, size_t i, Chr c, NnTokenKind *kind)
{
	if (i - 1 > s)
		return i - 1;
	*kind = NN_TOK_CLITIC;
	return i + c.w + 1;
}

/* Scan a word or number starting at s, a letter or digit. */
static bool
scan_word(NnTokenizer *tk, size_t s, NnToken *out)
{
	WordScan	ws = {0};
	NnTokenKind kind = NN_TOK_WORD;
	size_t		i = s;
	size_t		e;
	Chr			c;

	ws.seg_pure = true;
	ws.short_segs = true;
	for (;;)
	{
		i = scan_alnum(tk, &ws, i);
		c = chr_at(tk, i);
		/* the common end of a word, white space, needs no more thought */
		if (c.cc == NN_CC_SPACE && ws.digits == 0)
			return emit(tk, out, s, i, NN_TOK_WORD);
		if (c.cp < 0 || !joins_word(tk, &ws, c, i))
			break;
		note_join(&ws, c);
		i += c.w;
	}
	if (!ws.nonascii && may_continue_email(c.cp) &&
		(e = try_email(tk, s)) != 0)
		return emit(tk, out, s, e, NN_TOK_EMAIL);
	if (c.cp == '.' && keeps_period(tk, &ws, s, i))
		return emit(tk, out, s, i + 1, NN_TOK_ABBREV);
	if (is_apostrophe(c.cp) && is_nt(tk, i, c.w))
		i = split_nt(s, i, c, &kind);
	else if (is_number(tk, &ws, s, i))
		kind = NN_TOK_NUMBER;
	return emit(tk, out, s, i, kind);
}

/* Length of a URL's scheme or "www." at s when a host follows; else 0. */
static size_t
url_prefix(const NnTokenizer *tk, size_t s)
{
	static const char *const prefixes[] = {"https://", "http://", "www."};
	static const size_t lengths[] = {8, 7, 4};

	/* most words starting with h or w go no further than this */
	if (s + 4 >= tk->cur.end || ((tk->text[s + 1] | 0x20) != 't' &&
								 (tk->text[s + 1] | 0x20) != 'w'))
		return 0;
	for (int p = 0; p < 3; p++)
	{
		size_t		n = lengths[p];
		size_t		k = 0;

		if (s + n >= tk->cur.end)
			continue;
		while (k < n && (tk->text[s + k] | 0x20) == prefixes[p][k])
			k++;
		if (k == n && (byte_flags[(unsigned char) tk->text[s + n]] & A_ALNUM))
			return n;
	}
	return 0;
}

/* True for bytes that cannot end a URL: sentence punctuation and quotes. */
static bool
url_trailing(char b)
{
	return b == '.' || b == ',' || b == ';' || b == ':' || b == '!' ||
		b == '?' || b == '\'' || b == '*';
}

/* Scan a URL from s up to white space or a quote, minus trailing punctuation. */
static bool
scan_url(NnTokenizer *tk, size_t s, size_t prefix, NnToken *out)
{
	const unsigned char *t = (const unsigned char *) tk->text;
	size_t		i = s + prefix;
	ptrdiff_t	parens = 0;		/* openings minus closings */
	ptrdiff_t	brackets = 0;
	size_t		trimmed = 0;

	while (i < tk->cur.end)
	{
		tick(tk, i);
		if (t[i] < 0x80)
		{
			if ((byte_flags[t[i]] & A_SPACE) || t[i] == '"' || t[i] == '<' || t[i] == '>')
				break;
			parens += (t[i] == '(') - (t[i] == ')');
			brackets += (t[i] == '[') - (t[i] == ']');
			i++;
		}
		else
		{
			Chr			c = chr_at(tk, i);

			if (nn_cc_is_space(c.cc) || c.cc == NN_CC_PUNCT || c.cc == NN_CC_OTHER)
				break;
			i += c.w;
		}
	}
	/* a closing bracket stays only if it closes one opened in the URL */
	while (i > s + prefix)
	{
		char		b = (char) t[i - 1];

		if (b == ')' && parens < 0)
			parens++;
		else if (b == ']' && brackets < 0)
			brackets++;
		else if (!url_trailing(b))
			break;
		i--;
		if (++trimmed % NN_CHECK_INTERVAL == 0)
			nn_check_interrupts();
	}
	return emit(tk, out, s, i, NN_TOK_URL);
}

/* Scan handle or hashtag characters from i; note whether a letter was among them. */
static size_t
scan_tag(NnTokenizer *tk, size_t i, bool *letter)
{
	for (;;)
	{
		Chr			c = chr_at(tk, i);

		if (c.cp < 0)
			return i;
		if (c.cp < 0x80)
		{
			if (!(byte_flags[c.cp] & A_TAG))
				return i;
			*letter = *letter || (byte_flags[c.cp] & A_LETTER);
		}
		else if (is_letter(c.cc) || c.cc == NN_CC_DICT)
			*letter = true;
		else if (c.cc != NN_CC_DIGIT && c.cc != NN_CC_MARK)
			return i;
		tick(tk, i);
		i += c.w;
	}
}

/* Scan "@name" as a handle, or a lone "@" as a symbol. */
static bool
scan_at(NnTokenizer *tk, size_t s, NnToken *out)
{
	bool		letter = false;
	size_t		e = scan_tag(tk, s + 1, &letter);

	if (e > s + 1)
		return emit(tk, out, s, e, NN_TOK_HANDLE);
	return emit_cluster(tk, out, s, chr_at(tk, s), NN_TOK_SYMBOL);
}

/* Scan "#name" with a letter as a hashtag; "#" before digits is a symbol. */
static bool
scan_hash(NnTokenizer *tk, size_t s, NnToken *out)
{
	bool		letter = false;
	size_t		e = scan_tag(tk, s + 1, &letter);

	if (letter)
		return emit(tk, out, s, e, NN_TOK_HASHTAG);
	return emit_cluster(tk, out, s, chr_at(tk, s), NN_TOK_SYMBOL);
}

/* True if a keycap sequence (U+FE0F or U+20E3) follows at i. */
static inline bool
keycap_follows(const NnTokenizer *tk, size_t i)
{
	const unsigned char *t = (const unsigned char *) tk->text;

	if (i + 3 > tk->cur.end || t[i] < 0x80)
		return false;
	return (t[i] == 0xEF && t[i + 1] == 0xB8 && t[i + 2] == 0x8F) ||
		(t[i] == 0xE2 && t[i + 1] == 0x83 && t[i + 2] == 0xA3);
}

/* True if a quote mark at s follows something that lets it open. */
static bool
opens_here(const NnTokenizer *tk, size_t s)
{
	Chr			p = chr_before(tk, s);

	if (p.cp < 0 || nn_cc_is_space(p.cc) || p.cc == NN_CC_FORMAT ||
		p.cc == NN_CC_OTHER)
		return true;
	if (tk->last_end == s && tk->last_kind == NN_TOK_QUOTE_OPEN)
		return true;
	return p.cp == '(' || p.cp == '[' || p.cp == '{' || p.cp == '/' ||
		is_hyphen(p.cp) || p.cp == 0x2013 || p.cp == 0x2014 || p.cp == 0x2015;
}

/* Decide a straight double quote at s (width w): open, close or inch mark. */
static bool
scan_dquote(NnTokenizer *tk, size_t s, int w, NnToken *out)
{
	Chr			n = chr_at(tk, s + w);
	NnTokenKind kind = NN_TOK_QUOTE_CLOSE;

	if (opens_here(tk, s))
	{
		if (tk->quote_depth == 0 || !nn_cc_is_space(n.cc))
			kind = NN_TOK_QUOTE_OPEN;
	}
	else if (tk->quote_depth == 0)
	{
		if (chr_before(tk, s).cc == NN_CC_DIGIT)
			kind = NN_TOK_PUNCT;
		else if (nn_cc_is_wordlike(n.cc))
			kind = NN_TOK_QUOTE_OPEN;
	}
	if (kind == NN_TOK_QUOTE_OPEN)
		depth_up(&tk->quote_depth);
	else if (kind == NN_TOK_QUOTE_CLOSE)
		depth_down(&tk->quote_depth);
	return emit_cluster(tk, out, s, chr_at(tk, s), kind);
}

/* Decide ' or ’ after a word or mark: clitic, closing quote or prime. */
static bool
scan_closing_apostrophe(NnTokenizer *tk, size_t s, Chr c, NnToken *out)
{
	Chr			p = chr_before(tk, s);
	int			k = clitic_letters(tk, s + c.w);

	if (k > 0)
		return emit(tk, out, s, s + c.w + k, NN_TOK_CLITIC);
	if (tk->squote_depth > 0)
	{
		depth_down(&tk->squote_depth);
		return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_CLOSE);
	}
	if (p.cc == NN_CC_DIGIT)
		return emit_cluster(tk, out, s, c, NN_TOK_PUNCT);
	if (p.cp == 's' || p.cp == 'S')
		return emit(tk, out, s, s + c.w, NN_TOK_CLITIC);
	return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_CLOSE);
}

/* Decide ' or ’ at s: elided decade, opening or closing quote, clitic, prime. */
static bool
scan_apostrophe(NnTokenizer *tk, size_t s, Chr c, NnToken *out)
{
	Chr			n = chr_at(tk, s + c.w);
	int			k;

	if (!opens_here(tk, s))
		return scan_closing_apostrophe(tk, s, c, out);
	if ((k = elision_len(tk, s + c.w)) > 0)
		return emit(tk, out, s, s + c.w + k, NN_TOK_NUMBER);
	if (nn_cc_is_wordlike(n.cc) || is_open_quote(n.cp) || n.cp == '"')
	{
		depth_up(&tk->squote_depth);
		return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_OPEN);
	}
	if (tk->squote_depth > 0)
	{
		depth_down(&tk->squote_depth);
		return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_CLOSE);
	}
	return emit_cluster(tk, out, s, c, NN_TOK_PUNCT);
}

/* Emit a run of one or two punctuation bytes as one token when longer than one. */
static bool
scan_run(NnTokenizer *tk, size_t s, char a, char b, NnToken *out)
{
	size_t		e = skip_bytes(tk, s, a, b);

	if (e - s > 1)
		return emit(tk, out, s, e, NN_TOK_PUNCT);
	return emit_cluster(tk, out, s, chr_at(tk, s), NN_TOK_PUNCT);
}

/* End of a number with no integer part, as in ".5" or "$.75", at s; else 0. */
static size_t
leading_decimal(NnTokenizer *tk, size_t s)
{
	size_t		e = skip_flags(tk, s + 1, A_DIGIT);
	Chr			p;

	if (e == s + 1 || !ends_word(tk, e) || chr_at(tk, e).cp == '.')
		return 0;
	p = chr_before(tk, s);
	return p.cp < 0 || nn_cc_is_space(p.cc) || p.cc == NN_CC_SYMBOL ||
		p.cp == '(' ? e : 0;
}

/* Scan a token starting with an ASCII byte. */
static bool
scan_ascii(NnTokenizer *tk, size_t s, NnToken *out)
{
	unsigned char b = (unsigned char) tk->text[s];
	uint16_t	f = byte_flags[b];
	size_t		n;

	if (f & A_LETTER)
	{
		if (((b | 0x20) == 'h' || (b | 0x20) == 'w') && (n = url_prefix(tk, s)) > 0)
			return scan_url(tk, s, n, out);
		/* fast path: letters then a space or plain punctuation */
		n = skip_flags(tk, s + 1, A_LETTER);
		if (n >= tk->cur.end || (byte_flags[(unsigned char) tk->text[n]] & A_WORD_END))
			return emit(tk, out, s, n, NN_TOK_WORD);
		return scan_word(tk, s, out);
	}
	if (f & A_DIGIT)
	{
		n = skip_flags(tk, s + 1, A_DIGIT);
		if (n >= tk->cur.end || (byte_flags[(unsigned char) tk->text[n]] & A_NUM_END))
			return emit(tk, out, s, n, NN_TOK_NUMBER);
		/* one digit before U+FE0F or U+20E3 is a keycap emoji */
		if (n > s + 1 || !keycap_follows(tk, n))
			return scan_word(tk, s, out);
	}
	switch (b)
	{
		case '\'':
			return scan_apostrophe(tk, s, chr_at(tk, s), out);
		case '"':
			return scan_dquote(tk, s, 1, out);
		case '@':
			return scan_at(tk, s, out);
		case '#':
			return scan_hash(tk, s, out);
		case '.':
			if ((n = leading_decimal(tk, s)) > 0)
				return emit(tk, out, s, n, NN_TOK_NUMBER);
			return scan_run(tk, s, b, b, out);
		case '-':
			return scan_run(tk, s, b, b, out);
		case '!':
		case '?':
			return scan_run(tk, s, '!', '?', out);
	}
	if ((f & A_SYMBOL) || keycap_follows(tk, s + 1))
		return emit_cluster(tk, out, s, chr_at(tk, s), NN_TOK_SYMBOL);
	return emit_cluster(tk, out, s, chr_at(tk, s), NN_TOK_PUNCT);
}

/* Find a dictionary run at s and hand it to ICU's word iterator. */
static void
start_dict_run(NnTokenizer *tk, size_t s)
{
	UBreakIterator *bi = nn_icu_word_iterator();
	UText		ut = UTEXT_INITIALIZER;
	UErrorCode	status = U_ZERO_ERROR;
	size_t		e = s;
	size_t		limit = tk->cur.end - s > NN_DICT_CHUNK ? s + NN_DICT_CHUNK : tk->cur.end;
	int			letters = 0;

	while (e < limit)
	{
		Chr			c = chr_at(tk, e);

		if (c.cc != NN_CC_DICT && c.cc != NN_CC_MARK)
			break;
		letters += c.cc == NN_CC_DICT;
		e += c.w;
	}
	tk->run_start = s;
	tk->run_end = e;
	tk->in_run = true;
	tk->run_icu = false;
	/* a single letter is a word without asking ICU, which costs far more */
	if (bi == NULL || letters == 1)
		return;
	utext_openUTF8(&ut, tk->text + s, (int64_t) (e - s), &status);
	ubrk_setUText(bi, &ut, &status);
	utext_close(&ut);
	tk->run_icu = U_SUCCESS(status);
}

/* Emit the next word of the dictionary run. */
static bool
next_dict_word(NnTokenizer *tk, NnToken *out)
{
	size_t		e = tk->run_end;

	if (tk->run_icu)
	{
		int32_t		b = ubrk_next(nn_icu_word_iterator());

		/* ICU's offsets are bytes from the run start */
		if (b != UBRK_DONE && b > 0 && tk->run_start + (size_t) b > tk->pos &&
			tk->run_start + (size_t) b < e)
			e = tk->run_start + (size_t) b;
	}
	if (e == tk->run_end)
		tk->in_run = false;
	return emit(tk, out, tk->pos, e, NN_TOK_WORD);
}

/* Scan a token starting with a code point outside ASCII; false for a dictionary run. */
static bool
scan_unicode(NnTokenizer *tk, size_t s, NnToken *out)
{
	Chr			c = chr_at(tk, s);

	if (is_apostrophe(c.cp))
		return scan_apostrophe(tk, s, c, out);
	if (c.cp == 0xFF02)
		return scan_dquote(tk, s, c.w, out);
	if (is_open_quote(c.cp))
	{
		if (c.cp == 0x2018 || c.cp == 0x201A)
			depth_up(&tk->squote_depth);
		return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_OPEN);
	}
	if (is_close_quote(c.cp))
		return emit_cluster(tk, out, s, c, NN_TOK_QUOTE_CLOSE);
	switch (c.cc)
	{
		case NN_CC_UPPER:
		case NN_CC_LOWER:
		case NN_CC_LETTER:
		case NN_CC_DIGIT:
			return scan_word(tk, s, out);
		case NN_CC_DICT:
			start_dict_run(tk, s);
			return false;
		case NN_CC_PUNCT:
			return emit_cluster(tk, out, s, c, NN_TOK_PUNCT);
		default:
			return emit_cluster(tk, out, s, c, NN_TOK_SYMBOL);
	}
}

/* Move to the next sentence; false at the end of the text. */
static bool
next_sentence(NnTokenizer *tk)
{
	size_t		prev_end = tk->cur.end;

	if (tk->done || !nn_sentences_next(&tk->splitter, &tk->cur))
	{
		tk->done = true;
		return false;
	}
	/* keep tokens in order and inside the text whatever the splitter says */
	if (tk->cur.end > tk->len)
		tk->cur.end = tk->len;
	if (tk->cur.start < prev_end)
		tk->cur.start = prev_end;
	if (tk->cur.start > tk->cur.end)
		tk->cur.start = tk->cur.end;
	tk->sentence_no++;
	tk->pos = tk->cur.start;
	tk->have_sentence = true;
	if (tk->cur.paragraph != tk->paragraph)
	{
		tk->paragraph = tk->cur.paragraph;
		tk->quote_depth = 0;
		tk->squote_depth = 0;
	}
	tick(tk, tk->pos);
	return true;
}

/* Begin tokenizing text[0..len). */
NnStatus
nn_tokens_begin(NnTokenizer *tk, const char *text, size_t len)
{
	if (!byte_flags_ready)
		init_byte_flags();
	memset(tk, 0, sizeof(*tk));
	tk->text = text;
	tk->len = len;
	tk->next_check = NN_CHECK_INTERVAL;
	tk->last_end = (size_t) -1;
	return nn_sentences_begin(&tk->splitter, text, len);
}

/* Produce the next token; false at the end of the text. */
bool
nn_tokens_next(NnTokenizer *tk, NnToken *out)
{
	for (;;)
	{
		tick(tk, tk->pos);
		if (tk->in_run)
			return next_dict_word(tk, out);
		if (!tk->have_sentence && !next_sentence(tk))
			return false;
		tk->pos = skip_space(tk, tk->pos);
		if (tk->pos >= tk->cur.end)
		{
			tk->have_sentence = false;
			continue;
		}
		if ((unsigned char) tk->text[tk->pos] < 0x80)
			return scan_ascii(tk, tk->pos, out);
		if (scan_unicode(tk, tk->pos, out))
			return true;
	}
}
