/*
 * fuzz_segment.c
 *	  libFuzzer harness over the core segmenters: the sentence splitter, the
 *	  tokenizer and nn_shape run over arbitrary bytes, and every invariant the
 *	  SQL layer relies on is checked with abort() so libFuzzer records it.
 *
 *	  The sentence splitter runs to the end before the tokenizer starts
 *	  because both share one cached ICU iterator (see sentence.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charclass.h"
#include "nn_common.h"
#include "sentence.h"
#include "shape.h"
#include "token.h"
#include "utf8.h"

/* Abort with the failed condition and two numbers (usually the span) for triage. */
#define FUZZ_CHECK(cond, a, b) \
	do { \
		if (!(cond)) \
			fuzz_fail(#cond, (a), (b), __LINE__); \
	} while (0)

/* The input under test, shared by the checks. */
typedef struct FuzzInput
{
	const char *text;
	size_t		len;
	bool		valid_utf8;
} FuzzInput;

/* The sentences found in the first pass, to place tokens in. */
typedef struct SentenceList
{
	NnSentence *items;
	size_t		count;
	size_t		cap;
} SentenceList;

static size_t interrupt_calls;

/* Report a broken invariant and abort, which libFuzzer turns into a crash. */
static void
fuzz_fail(const char *what, size_t a, size_t b, int line)
{
	fprintf(stderr, "fuzz_segment.c:%d: invariant failed: %s (%zu, %zu)\n",
			line, what, a, b);
	abort();
}

/* The interrupt hook: counting calls lets us check they come often enough. */
static void
count_interrupt(void)
{
	interrupt_calls++;
}

/* True if every byte sequence decodes without a replacement. */
static bool
is_valid_utf8(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int			width;

		nn_utf8_decode(s, len, i, &width);
		/* a one-byte decode of a non-ASCII byte is an invalid sequence */
		if (width == 1 && (unsigned char) s[i] >= 0x80)
			return false;
		i += width;
	}
	return true;
}

/* True if byte offset i is a code point boundary of valid UTF-8. */
static bool
at_boundary(const FuzzInput *in, size_t i)
{
	return i == in->len || nn_utf8_is_lead((unsigned char) in->text[i]);
}

/* White space at the two ends of a span and throughout it. */
typedef struct SpanSpace
{
	bool		first;
	bool		last;
	bool		all;
} SpanSpace;

/*
 * Classify the white space of text[start..end), decoding forward with the
 * span's end as the limit so a sequence cut by the span decodes as invalid.
 */
static SpanSpace
span_space(const FuzzInput *in, size_t start, size_t end)
{
	SpanSpace	sp = {false, false, true};
	size_t		i = start;

	while (i < end)
	{
		int			width;
		int32_t		cp = nn_utf8_decode(in->text, end, i, &width);
		bool		space = nn_cc_is_space(nn_char_class(cp));

		if (i == start)
			sp.first = space;
		sp.last = space;
		sp.all = sp.all && space;
		i += width;
	}
	return sp;
}

/* Checks every span must pass, whatever it is. */
static void
check_span(const FuzzInput *in, size_t start, size_t end, size_t prev_end)
{
	FUZZ_CHECK(start < end, start, end);
	FUZZ_CHECK(end <= in->len, start, end);
	FUZZ_CHECK(start >= prev_end, start, end);
	FUZZ_CHECK(!span_space(in, start, end).all, start, end);
	if (in->valid_utf8)
	{
		FUZZ_CHECK(at_boundary(in, start), start, end);
		FUZZ_CHECK(at_boundary(in, end), start, end);
	}
}

/* Check that a pass consulted the interrupt hook often enough. */
static void
check_interrupts(const FuzzInput *in, size_t calls)
{
	if (in->len > NN_CHECK_INTERVAL * 2)
		FUZZ_CHECK(calls >= in->len / (NN_CHECK_INTERVAL * 2), calls, in->len);
}

/* Append a sentence to the list, growing it as needed. */
static void
sentence_list_add(SentenceList *list, const NnSentence *s)
{
	if (list->count == list->cap)
	{
		list->cap = list->cap ? list->cap * 2 : 64;
		list->items = realloc(list->items, list->cap * sizeof(NnSentence));
		if (list->items == NULL)
			abort();
	}
	list->items[list->count++] = *s;
}

/* Check that a sentence is trimmed, as sentence.h promises. */
static void
check_trimmed(const FuzzInput *in, const NnSentence *s)
{
	SpanSpace	sp = span_space(in, s->start, s->end);

	FUZZ_CHECK(!sp.first && !sp.last, s->start, s->end);
}

/* First pass: split into sentences, check them and keep them. */
static void
split_sentences(const FuzzInput *in, SentenceList *list)
{
	NnSentenceSplitter sp;
	NnSentence	s;
	size_t		prev_end = 0;
	int32_t		prev_paragraph = 1;

	interrupt_calls = 0;
	FUZZ_CHECK(nn_sentences_begin(&sp, in->text, in->len) == NN_OK, 0, in->len);
	while (nn_sentences_next(&sp, &s))
	{
		check_span(in, s.start, s.end, prev_end);
		check_trimmed(in, &s);
		FUZZ_CHECK(s.paragraph >= prev_paragraph, s.start, s.end);
		prev_end = s.end;
		prev_paragraph = s.paragraph;
		sentence_list_add(list, &s);
	}
	check_interrupts(in, interrupt_calls);
}

/* Check the shape of one token: bounded, NUL-terminated, as long as reported. */
static void
check_shape(const FuzzInput *in, const NnToken *t)
{
	char		buf[NN_SHAPE_MAX + 1];
	size_t		n = nn_shape(in->text + t->start, t->end - t->start, buf);

	FUZZ_CHECK(n <= NN_SHAPE_MAX, t->start, t->end);
	FUZZ_CHECK(buf[n] == '\0', t->start, t->end);
}

/* Second pass: tokenize, check each token against the sentences. */
static void
tokenize(const FuzzInput *in, const SentenceList *list)
{
	NnTokenizer tk;
	NnToken		t;
	size_t		prev_end = 0;
	int32_t		prev_sentence = 1;

	interrupt_calls = 0;
	FUZZ_CHECK(nn_tokens_begin(&tk, in->text, in->len) == NN_OK, 0, in->len);
	while (nn_tokens_next(&tk, &t))
	{
		const NnSentence *s;

		check_span(in, t.start, t.end, prev_end);
		FUZZ_CHECK(t.sentence >= prev_sentence, t.start, t.end);
		FUZZ_CHECK((size_t) t.sentence <= list->count, t.start, t.end);
		s = &list->items[t.sentence - 1];
		FUZZ_CHECK(t.start >= s->start && t.end <= s->end, t.start, t.end);
		check_shape(in, &t);
		prev_end = t.end;
		prev_sentence = t.sentence;
	}
	check_interrupts(in, interrupt_calls);
}

/* libFuzzer entry point: both passes over one input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzInput	in = {(const char *) data, size, is_valid_utf8((const char *) data, size)};
	SentenceList list = {NULL, 0, 0};

	nn_interrupt_hook = count_interrupt;
	split_sentences(&in, &list);
	tokenize(&in, &list);
	free(list.items);
	return 0;
}
