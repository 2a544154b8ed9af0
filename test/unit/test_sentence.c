/*
 * test_sentence.c
 *	  Unit tests of the sentence and paragraph splitter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charclass.h"
#include "icu_cache.h"
#include "sentence.h"
#include "fixtures.h"
#include "unit.h"
#include "utf8.h"

/* Split text and join the sentences with " | " into buf; return the count. */
static int
split_joined(const char *text, char *buf, size_t size)
{
	NnSentenceSplitter sp;
	NnSentence	s;
	size_t		used = 0;
	int			n = 0;

	buf[0] = '\0';
	if (nn_sentences_begin(&sp, text, strlen(text)) != NN_OK)
		return -1;
	while (nn_sentences_next(&sp, &s))
	{
		used += snprintf(buf + used, size - used, "%s%.*s", n ? " | " : "",
						 (int) (s.end - s.start), text + s.start);
		if (used >= size)
			used = size - 1;
		n++;
	}
	return n;
}

/* Check that text splits into exactly the sentences of want, " | "-joined. */
static void
expect_split(const char *what, const char *text, const char *want)
{
	char		got[4096];

	split_joined(text, got, sizeof(got));
	check_same(what, got, want);
}

/* True if the code point at i is white space. */
static bool
space_at(const char *text, size_t len, size_t i, int *width)
{
	return nn_cc_is_space(nn_char_class(nn_utf8_decode(text, len, i, width)));
}

/*
 * Split text[0..len) and test the invariants: sentences are in order,
 * non-empty, trimmed, at code point boundaries, and together hold every
 * non-space code point exactly once. Counts the sentences into *count.
 */
static bool
partitions(const char *text, size_t len, long *count)
{
	NnSentenceSplitter sp;
	NnSentence	s;
	bool	   *starts = code_point_starts(text, len);
	size_t		pos = 0;
	int32_t		para = 0;
	long		n = 0;
	bool		ok = nn_sentences_begin(&sp, text, len) == NN_OK;

	while (ok && nn_sentences_next(&sp, &s))
	{
		int			width;

		ok = s.start >= pos && s.start < s.end && s.end <= len &&
			starts[s.start] && starts[s.end] &&
			s.paragraph >= para && s.paragraph >= 1 &&
			!space_at(text, len, s.start, &width);
		/* everything skipped between sentences must be white space */
		while (ok && pos < s.start)
		{
			ok = space_at(text, len, pos, &width);
			pos += width;
		}
		if (ok)
		{
			size_t		last = s.end - 1;

			while (!starts[last])
				last--;
			ok = !space_at(text, len, last, &width);
		}
		pos = s.end;
		para = s.paragraph;
		n++;
	}
	while (ok && pos < len)
	{
		int			width;

		ok = space_at(text, len, pos, &width);
		pos += width;
	}
	ok = ok && !nn_sentences_next(&sp, &s);
	free(starts);
	*count = n;
	return ok;
}

/* Check the invariants of partitions(); return the number of sentences. */
static long
check_invariants(const char *what, const char *text, size_t len)
{
	long		n;

	CHECK(partitions(text, len, &n), "%s: sentences partition the non-space text", what);
	return n;
}

/* Empty and blank input give no sentence and no ICU trouble. */
static void
test_empty(void)
{
	char		got[64];

	CHECK(split_joined("", got, sizeof(got)) == 0, "empty input has no sentence");
	CHECK(split_joined(" \t\n \r\n\xc2\xa0\n", got, sizeof(got)) == 0,
		  "whitespace-only input has no sentence");
	CHECK(check_invariants("NULL text", NULL, 0) == 0, "NULL text has no sentence");
}

/* Plain sentences and trimming of surrounding white space. */
static void
test_basic(void)
{
	expect_split("two plain sentences",
				 "The council met on Monday. It approved the budget.",
				 "The council met on Monday. | It approved the budget.");
	expect_split("questions and exclamations break",
				 "Was the vote fair? Nobody knows! The count goes on.",
				 "Was the vote fair? | Nobody knows! | The count goes on.");
	expect_split("spans are trimmed, including NBSP and ideographic space",
				 "  \xc2\xa0The mayor resigned.\xe3\x80\x80 A deputy took over.\t ",
				 "The mayor resigned. | A deputy took over.");
	expect_split("a final sentence without a stop is kept",
				 "Officials confirmed the report. More details later",
				 "Officials confirmed the report. | More details later");
}

/* Titles before names never end a sentence. */
static void
test_titles(void)
{
	expect_split("Gen. and Lt. before a name",
				 "Gen. Harlan Crewe inspected the troops. Lt. Dana Voss followed him.",
				 "Gen. Harlan Crewe inspected the troops. | Lt. Dana Voss followed him.");
	expect_split("Dr. and Sen. before a name",
				 "Dr. Imani Roth testified before Sen. Paul Ortega on Tuesday.",
				 "Dr. Imani Roth testified before Sen. Paul Ortega on Tuesday.");
	expect_split("Rep., Gov. and Mr. before a name",
				 "Rep. Lena Park and Gov. Tom Reyes met Mr. Hale. They agreed.",
				 "Rep. Lena Park and Gov. Tom Reyes met Mr. Hale. | They agreed.");
	expect_split("a chain of titles: Lt. Gov.",
				 "The bill reached Lt. Gov. Ada Brandt late on Friday.",
				 "The bill reached Lt. Gov. Ada Brandt late on Friday.");
}

/* A capital initial followed by a name is part of the name. */
static void
test_initials(void)
{
	expect_split("middle initial",
				 "Defense Secretary Carl N. Brody visited the base. He left at noon.",
				 "Defense Secretary Carl N. Brody visited the base. | He left at noon.");
	expect_split("dotted first initials",
				 "J.D. Marsh spoke first. H.R. McAllister answered.",
				 "J.D. Marsh spoke first. | H.R. McAllister answered.");
	expect_split("an initial at the end before an opener still breaks",
				 "The measure was known as Plan B. The vote failed.",
				 "The measure was known as Plan B. | The vote failed.");
}

/* No. and months before a number. */
static void
test_numbers(void)
{
	expect_split("No. before a digit",
				 "The No. 5 Tigers lost at home. Fans were stunned.",
				 "The No. 5 Tigers lost at home. | Fans were stunned.");
	expect_split("a month before a day",
				 "By Apr. 30 Congress must pass the bill. Time is short.",
				 "By Apr. 30 Congress must pass the bill. | Time is short.");
}

/* Dotted acronyms end a sentence only before a sentence opener. */
static void
test_acronyms(void)
{
	expect_split("U.S. before a capitalised noun",
				 "The U.S. Senate voted late on Friday. The bill passed.",
				 "The U.S. Senate voted late on Friday. | The bill passed.");
	expect_split("U.N. before a capitalised noun",
				 "The U.N. Security Council met again. No deal emerged.",
				 "The U.N. Security Council met again. | No deal emerged.");
	expect_split("U.S. before a digit",
				 "Traffic on U.S. 101 North was halted. Crews cleared it.",
				 "Traffic on U.S. 101 North was halted. | Crews cleared it.");
	expect_split("U.K. before a lowercase word",
				 "Ministers in the U.K. said little. Markets rose.",
				 "Ministers in the U.K. said little. | Markets rose.");
	expect_split("U.S. at the end before an opener",
				 "The envoy flew back to the U.S. The talks had stalled.",
				 "The envoy flew back to the U.S. | The talks had stalled.");
	expect_split("D.C. at the end before It",
				 "The march ended in Washington, D.C. It was peaceful.",
				 "The march ended in Washington, D.C. | It was peaceful.");
}

/* A quotation and its attribution are one sentence. */
static void
test_quotes(void)
{
	expect_split("question in curly quotes, then attribution",
				 "\u201CAre we ready?\u201D she asked. Nobody answered.",
				 "\u201CAre we ready?\u201D she asked. | Nobody answered.");
	expect_split("exclamation in straight quotes, then attribution",
				 "\"Go now!\" the officer shouted. The crowd ran.",
				 "\"Go now!\" the officer shouted. | The crowd ran.");
	expect_split("statement with a comma, then attribution",
				 "\u201CWe are ready,\u201D she said. Then they left.",
				 "\u201CWe are ready,\u201D she said. | Then they left.");
	expect_split("two quotations in a row",
				 "He said: \u201CStop.\u201D \u201CWhy?\u201D she asked.",
				 "He said: \u201CStop.\u201D | \u201CWhy?\u201D she asked.");
}

/* Closing marks after the final stop stay with the sentence. */
static void
test_closers(void)
{
	expect_split("closing curly quote",
				 "He said the plan was dead.\u201D Then he hung up.",
				 "He said the plan was dead.\u201D | Then he hung up.");
	expect_split("closing straight quote, single quote, guillemet, brackets",
				 "She said \"no.\" He said 'yes.' It read \u00ABfin.\u00BB (It ended.) [Noted.] Done.",
				 "She said \"no.\" | He said 'yes.' | It read \u00ABfin.\u00BB | (It ended.) | [Noted.] | Done.");
	expect_split("a closing quote set off by a space",
				 "He said the plan was dead. \u201D Then he hung up.",
				 "He said the plan was dead. \u201D | Then he hung up.");
	expect_split("a closing quote set off by a space at the end of the line",
				 "He said the plan was dead. \u201D",
				 "He said the plan was dead. \u201D");
}

/* Ellipses end a sentence only before a capitalised word. */
static void
test_ellipses(void)
{
	expect_split("three dots before lowercase",
				 "The senator paused... and then voted no. It was over.",
				 "The senator paused... and then voted no. | It was over.");
	expect_split("three dots before a capital",
				 "The senator paused... Then she voted no.",
				 "The senator paused... | Then she voted no.");
	expect_split("ellipsis character before lowercase",
				 "The senator paused\u2026 and then voted no. It was over.",
				 "The senator paused\u2026 and then voted no. | It was over.");
	expect_split("ellipsis character before a capital",
				 "The senator paused\u2026 Then she voted no.",
				 "The senator paused\u2026 | Then she voted no.");
	expect_split("ellipsis character inside quotes before a capital",
				 "\u201CWe waited\u2026\u201D Then the doors opened.",
				 "\u201CWe waited\u2026\u201D | Then the doors opened.");
	expect_split("ellipsis character before an opening quote",
				 "It was late\u2026 \u201CGo home,\u201D he said.",
				 "It was late\u2026 | \u201CGo home,\u201D he said.");
}

/* a.m., p.m. and Ph.D. inside a sentence. */
static void
test_clock(void)
{
	expect_split("p.m. before a time zone",
				 "Polls close at 8 p.m. Eastern time. Counting starts soon.",
				 "Polls close at 8 p.m. Eastern time. | Counting starts soon.");
	expect_split("a.m. before a weekday",
				 "The hearing is set for 10 a.m. Tuesday in federal court.",
				 "The hearing is set for 10 a.m. Tuesday in federal court.");
	expect_split("a.m. before lowercase",
				 "At 6 a.m. the doors opened. Voters lined up.",
				 "At 6 a.m. the doors opened. | Voters lined up.");
	expect_split("p.m. ending a sentence",
				 "The polls closed at 8 p.m. The results came later.",
				 "The polls closed at 8 p.m. | The results came later.");
	expect_split("Ph.D. inside a sentence",
				 "She earned a Ph.D. in economics. Then she joined the bank.",
				 "She earned a Ph.D. in economics. | Then she joined the bank.");
}

/* Lines are paragraphs; blank lines only separate; numbering skips them. */
static void
test_paragraphs(void)
{
	const char *text = "First story.\n\nSecond one. Still second.\n \t\n\nThird\n";
	NnSentenceSplitter sp;
	NnSentence	s;
	int32_t		paras[8];
	int			n = 0;

	nn_sentences_begin(&sp, text, strlen(text));
	while (n < 8 && nn_sentences_next(&sp, &s))
		paras[n++] = s.paragraph;
	CHECK(n == 4 && paras[0] == 1 && paras[1] == 2 && paras[2] == 2 && paras[3] == 3,
		  "paragraph numbers count non-blank paragraphs");
	expect_split("a sentence never crosses a line",
				 "The minister said\nthe plan would wait.",
				 "The minister said | the plan would wait.");
	expect_split("CRLF line ends",
				 "Rain fell.\r\nRoads closed.\r\n\r\nSchools shut.\r\n",
				 "Rain fell. | Roads closed. | Schools shut.");
	expect_split("Unicode line and paragraph separators, NEL",
				 "One\u2028Two\u2029Three\xc2\x85" "Four",
				 "One | Two | Three | Four");
	text = "Rain fell.\r\nRoads closed.\r\n\r\nSchools shut.\r\n";
	check_invariants("CRLF text", text, strlen(text));
}

/* A million newlines are skipped fast and with interrupt checks. */
static void
test_many_newlines(void)
{
	size_t		n = 1000000;
	char	   *text = malloc(n + 32);
	double		t0;
	long		count;

	memcpy(text, "Start.", 6);
	memset(text + 6, '\n', n);
	memcpy(text + 6 + n, "End.", 4);
	hook_calls = 0;
	nn_interrupt_hook = count_hook;
	t0 = cpu_seconds();
	count = check_invariants("a million newlines", text, n + 10);
	t0 = cpu_seconds() - t0;
	nn_interrupt_hook = NULL;
	CHECK(count == 2, "a million newlines separate two sentences");
	CHECK(t0 < 2.0, "a million newlines take %.3f s", t0);
	CHECK(hook_calls >= (long) (n / NN_CHECK_INTERVAL),
		  "interrupts checked while skipping newlines (%ld calls)", hook_calls);
	free(text);
}

/* A ten-million-byte word is cut into windows without hanging. */
static void
test_huge_word(void)
{
	size_t		n = 10 * 1000 * 1000;
	char	   *text = malloc(n);
	NnSentenceSplitter sp;
	NnSentence	s;
	size_t		longest = 0;
	double		t0;
	long		count;

	memset(text, 'x', n);
	hook_calls = 0;
	nn_interrupt_hook = count_hook;
	t0 = cpu_seconds();
	count = check_invariants("10 MB word", text, n);
	t0 = cpu_seconds() - t0;
	nn_interrupt_hook = NULL;
	CHECK(count > 1, "10 MB word is split into %ld windows", count);
	CHECK(hook_calls >= (long) (n / NN_CHECK_INTERVAL),
		  "interrupts checked on a 10 MB word (%ld calls)", hook_calls);
	CHECK(t0 < 10.0, "10 MB word takes %.3f s", t0);
	nn_sentences_begin(&sp, text, n);
	while (nn_sentences_next(&sp, &s))
		if (s.end - s.start > longest)
			longest = s.end - s.start;
	CHECK(longest <= NN_SENTENCE_WINDOW, "no window exceeds NN_SENTENCE_WINDOW");
	free(text);
}

/* A long run of two-byte letters is cut at a code point boundary. */
static void
test_window_code_points(void)
{
	size_t		n = 3 * NN_SENTENCE_WINDOW + 1;
	char	   *text = malloc(n);

	text[0] = 'x';
	for (size_t i = 1; i + 1 < n; i += 2)
		memcpy(text + i, "\xc3\xa9", 2);
	check_invariants("odd-aligned run of two-byte letters", text, n);
	free(text);
}

/* A paragraph longer than the window is cut at white space. */
static void
test_long_paragraph(void)
{
	const char *sentence = "Officials said the storm damaged roads and bridges. ";
	size_t		slen = strlen(sentence);
	size_t		reps = (2 * NN_SENTENCE_WINDOW) / slen + 100;
	size_t		n = reps * slen;
	char	   *text = malloc(n);
	NnSentenceSplitter sp;
	NnSentence	s;
	bool		words_whole = true;
	bool		one_para = true;
	bool		sentences_whole = true;
	long		count = 0;

	for (size_t i = 0; i < reps; i++)
		memcpy(text + i * slen, sentence, slen);
	check_invariants("long paragraph", text, n);
	nn_sentences_begin(&sp, text, n);
	while (nn_sentences_next(&sp, &s))
	{
		if (s.end < n && text[s.end] != ' ')
			words_whole = false;
		if (s.paragraph != 1)
			one_para = false;
		if (s.end - s.start != slen - 1)
			sentences_whole = false;
		count++;
	}
	CHECK(words_whole, "window cuts fall at white space");
	CHECK(one_para, "a cut paragraph keeps its number");
	CHECK(sentences_whole, "a window cut resumes at the last boundary, splitting no sentence");
	CHECK(count == (long) reps,
		  "long paragraph gives %ld sentences for %zu", count, reps);
	free(text);
}

/* A window is cut after a tab or a no-break space near its limit. */
static void
test_cut_at_other_spaces(void)
{
	static const char *spaces[] = {"\t", "\xc2\xa0", "\xe3\x80\x80"};
	size_t		n = NN_SENTENCE_WINDOW + 1000;
	char	   *text = malloc(n);

	for (size_t k = 0; k < 3; k++)
	{
		size_t		at = NN_SENTENCE_WINDOW - 100 - k;
		NnSentenceSplitter sp;
		NnSentence	s;

		memset(text, 'x', n);
		memcpy(text + at, spaces[k], strlen(spaces[k]));
		nn_sentences_begin(&sp, text, n);
		CHECK(nn_sentences_next(&sp, &s) && s.start == 0 && s.end == at,
			  "window cut at white space kind %zu", k);
		check_invariants("cut at white space", text, n);
	}
	free(text);
}

/* Invalid UTF-8 and random bytes are handled without faults. */
static void
test_invalid_utf8(void)
{
	static const char *cases[] = {
		"\xff\xfe. Bad bytes\xc3. \xe2\x80 Next one.",
		"Cut short \xe2\x80",
		"\xf0\x9f\x98 Truncated emoji. \xed\xa0\x80 Surrogate.",
		"\x80\x80\x80. \xc0\xaf Overlong.\n\xe2\x80\xa6",
		"U.S.\xe2\x80\xa6\xe2\x80 \xc3",
	};
	static const char alphabet[] = " .?!\n\"'A.b\xe2\x80\xa6\x9c\xc3\xa9\xffU.S. ";
	unsigned int seed = 12345;
	char		buf[4096];
	int			failed = 0;
	long		count;

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		check_invariants("invalid UTF-8 case", cases[k], strlen(cases[k]));
	for (int round = 0; round < 200; round++)
	{
		size_t		n = 1 + round * 20;

		for (size_t i = 0; i < n; i++)
		{
			seed = seed * 1103515245 + 12345;
			buf[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		if (!partitions(buf, n, &count))
			failed++;
	}
	CHECK(failed == 0, "200 random byte strings are partitioned (%d failed)", failed);
}

/* Each kind of segment stays correct in a mixed news paragraph. */
static void
test_mixed(void)
{
	const char *text =
		"WASHINGTON \u2014 The U.S. Treasury said on Jan. 12 that Sen. Mara Ilves "
		"had asked for the No. 2 official. \u201CIs this legal?\u201D she asked. "
		"Officials in the U.K. were quiet\u2026 The pound fell 2.5 percent.\n\n"
		"Gen. A. B. Corran will testify at 9 a.m. Tuesday.";

	expect_split("mixed news paragraph", text,
				 "WASHINGTON \u2014 The U.S. Treasury said on Jan. 12 that Sen. Mara Ilves "
				 "had asked for the No. 2 official. | \u201CIs this legal?\u201D she asked. | "
				 "Officials in the U.K. were quiet\u2026 | The pound fell 2.5 percent. | "
				 "Gen. A. B. Corran will testify at 9 a.m. Tuesday.");
	check_invariants("mixed news paragraph", text, strlen(text));
}

/* A finished splitter keeps returning false. */
static void
test_after_end(void)
{
	NnSentenceSplitter sp;
	NnSentence	s;

	nn_sentences_begin(&sp, "Done.", 5);
	CHECK(nn_sentences_next(&sp, &s) && s.start == 0 && s.end == 5,
		  "one sentence spans the text");
	CHECK(!nn_sentences_next(&sp, &s) && !nn_sentences_next(&sp, &s),
		  "the splitter stays finished");
}

/* Run every test and print the TAP plan. */
int
main(void)
{
	test_empty();
	test_basic();
	test_titles();
	test_initials();
	test_numbers();
	test_acronyms();
	test_quotes();
	test_closers();
	test_ellipses();
	test_clock();
	test_paragraphs();
	test_many_newlines();
	test_huge_word();
	test_window_code_points();
	test_long_paragraph();
	test_cut_at_other_spaces();
	test_invalid_utf8();
	test_mixed();
	test_after_end();
	nn_icu_release();
	return unit_done();
}
