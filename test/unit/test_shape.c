/*
 * test_shape.c
 *	  Unit tests of word shapes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "icu_cache.h"
#include "shape.h"
#include "fixtures.h"
#include "unit.h"
#include "utf8.h"

/* Check that the shape of text is want. */
static void
expect_shape(const char *text, const char *want)
{
	char		got[NN_SHAPE_MAX + 1];
	size_t		n = nn_shape(text, strlen(text), got);

	CHECK(n == strlen(want) && strcmp(got, want) == 0, "shape of \"%s\" is \"%s\"", text, want);
	if (strcmp(got, want) != 0)
		printf("#   got: \"%s\"\n", got);
}

/* True if s[0..len) is valid UTF-8. */
static bool
valid_utf8(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int			width;

		if (nn_utf8_decode(s, len, i, &width) == NN_REPLACEMENT_CHAR &&
			width == 1)
			return false;
		i += width;
	}
	return true;
}

/* The examples of shape.h and the task. */
static void
test_examples(void)
{
	expect_shape("Harris", "Xx");
	expect_shape("U.S.", "X.X.");
	expect_shape("28,500", "dd,ddd");
	expect_shape("iPhone", "xXx");
	expect_shape("COVID-19", "X-dd");
	expect_shape("\xe2\x80\x99s", "\xe2\x80\x99x");
}

/* Letters collapse to one symbol per run; case changes start a new run. */
static void
test_letters(void)
{
	expect_shape("NATO", "X");
	expect_shape("said", "x");
	expect_shape("McMaster", "XxXx");
	expect_shape("\xc7\x85" "ungla", "Xx");	/* title-case digraph */
	expect_shape("\xc3\x89lys\xc3\xa9" "e", "Xx");
	expect_shape("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", "x");	/* Arabic */
	expect_shape("\xe6\x97\xa5\xe6\x9c\xac\xe3\x81\xaf", "x");	/* Japanese */
	expect_shape("\xed\x95\x9c\xea\xb5\xad", "x");	/* Korean */
	expect_shape("Tokyo\xe9\x83\xbd", "Xx");
}

/* Digit runs keep up to four symbols. */
static void
test_digits(void)
{
	expect_shape("7", "d");
	expect_shape("1990s", "ddddx");
	expect_shape("1000000", "dddd");
	expect_shape("2024-05-01", "dddd-dd-dd");
	expect_shape("\xd9\xa1\xd9\xa2\xd9\xa3", "ddd");	/* Arabic-Indic digits */
}

/* Other characters stand for themselves, runs up to four. */
static void
test_others(void)
{
	expect_shape("...", "...");
	expect_shape("!!!!!!!", "!!!!");
	expect_shape("\xe2\x80\x94", "\xe2\x80\x94");
	expect_shape("$", "$");
	expect_shape("@ForeignDesk", "@XxXx");
	expect_shape("https://example.org", "x://x.x");
	expect_shape("\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c",
				 "\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c\xe2\x80\x9c");
	expect_shape("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd");
}

/* Marks and format characters contribute nothing. */
static void
test_marks(void)
{
	expect_shape("Jose\xcc\x81", "Xx");
	expect_shape("e\xcc\x81\xcc\x81" "e", "x");
	expect_shape("inter\xc2\xad" "national", "x");
	expect_shape("\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae", "x");
	expect_shape("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
				 "\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7");
	expect_shape("\xcc\x81", "");
}

/* Empty input, invalid UTF-8 and the length cap. */
static void
test_bounds(void)
{
	char		buf[NN_SHAPE_MAX + 1];
	char		text[512];
	size_t		n;

	expect_shape("", "");
	expect_shape("a\xff" "b", "x\xef\xbf\xbdx");
	expect_shape("\xe2\x80", "\xef\xbf\xbd\xef\xbf\xbd");

	for (int i = 0; i < 100; i++)
		text[i] = i % 2 ? 'a' : 'A';
	n = nn_shape(text, 100, buf);
	CHECK(n == NN_SHAPE_MAX && buf[n] == '\0' && strspn(buf, "Xx") == n,
		  "a long alternating word is cut at NN_SHAPE_MAX");

	/* "a1" then "—b" repeatedly: the cap falls inside a dash, which is left out */
	strcpy(text, "a1");
	for (int i = 0; i < 40; i++)
		strcat(text, "\xe2\x80\x94" "b");
	n = nn_shape(text, strlen(text), buf);
	CHECK(n == 62 && buf[n] == '\0' && valid_utf8(buf, n),
		  "the cap falls at a code point boundary (%zu bytes)", n);

	for (int i = 0; i < 300; i++)
		text[i] = "\xff\x80\xc3"[i % 3];
	n = nn_shape(text, 300, buf);
	CHECK(n <= NN_SHAPE_MAX && valid_utf8(buf, n), "shapes of invalid bytes are valid UTF-8");
}

/* A huge token is scanned to its end with interrupt checks. */
static void
test_huge(void)
{
	size_t		len = 10000000;
	char	   *text = malloc(len);
	char		buf[NN_SHAPE_MAX + 1];
	size_t		n;

	memset(text, 'a', len);
	text[len - 1] = 'Z';
	hook_calls = 0;
	n = nn_shape(text, len, buf);
	CHECK(n == 2 && strcmp(buf, "xX") == 0, "a 10-million-letter word has the shape xX");
	CHECK(hook_calls >= (long) (len / NN_CHECK_INTERVAL) - 1,
		  "shape runs the interrupt hook (%ld calls)", hook_calls);
	free(text);
}

int
main(void)
{
	nn_interrupt_hook = count_hook;
	test_examples();
	test_letters();
	test_digits();
	test_others();
	test_marks();
	test_bounds();
	test_huge();
	nn_icu_release();
	return unit_done();
}
