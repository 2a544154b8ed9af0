/*
 * test_span_score.c
 *	  The span scorer of span-eval and conll-docs, against hand-counted cases.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/*
 * The scorer is a command-line source that the tagger's unit-test rule of
 * mk/ner.mk does not link, so the test compiles it in.
 */
#include "span_score.h"

/* An unmatched entity as reported, for comparing with expectations. */
typedef struct Error
{
	bool		missed;
	char		text[64];		/* "doc|key|LABEL" */
} Error;

/* Unmatched entities collected by record_error. */
typedef struct Errors
{
	Error		e[16];
	int			n;
} Errors;

/* SpanErrorFn that stores the errors in an Errors. */
static void
record_error(void *arg, bool missed, const SpanItem *item)
{
	Errors	   *errs = arg;
	Error	   *e = &errs->e[errs->n++];

	e->missed = missed;
	snprintf(e->text, sizeof(e->text), "%.*s|%.*s|%s", (int) item->doclen, item->doc,
			 (int) item->keylen, item->key, span_label_name(item->label));
}

/* True if two percentages agree to two decimals. */
static bool
near(double a, double b)
{
	return fabs(a - b) < 0.005;
}

/* Parse a string that must be valid. */
static void
parse(SpanSet *set, const char *text)
{
	char		err[128];

	if (!span_set_parse(set, text, strlen(text), err, sizeof(err)))
	{
		printf("# unexpected parse failure: %s\n", err);
		exit(1);
	}
}

/* Score gold against pred from scratch, collecting the errors. */
static SpanCounts
score(const char *gold_text, const char *pred_text, Errors *errs)
{
	SpanSet		gold,
				pred;
	SpanCounts	counts;

	parse(&gold, gold_text);
	parse(&pred, pred_text);
	memset(&counts, 0, sizeof(counts));
	memset(errs, 0, sizeof(*errs));
	span_score(&gold, &pred, &counts, record_error, errs);
	span_set_free(&gold);
	span_set_free(&pred);
	return counts;
}

/* True if errs holds an error of this kind and text. */
static bool
has_error(const Errors *errs, bool missed, const char *text)
{
	for (int i = 0; i < errs->n; i++)
		if (errs->e[i].missed == missed && strcmp(errs->e[i].text, text) == 0)
			return true;
	return false;
}

/* Character spans: a right span, a wrong type, a wrong length, a spurious guess. */
static void
test_spans(void)
{
	const char *gold = "1\t1\t5\tPER\n1\t10\t6\tLOC\n1\t20\t3\tORG\n2\t1\t4\tMISC\n2\t8\t4\tLOC\n";
	const char *pred = "2\t30\t2\tPER\n1\t20\t4\tORG\n1\t10\t6\tORG\n2\t1\t4\tMISC\n1\t1\t5\tPER\n";
	Errors		errs;
	SpanCounts	c = score(gold, pred, &errs);
	SpanPrf		all = span_prf(&c, -1);
	SpanPrf		per = span_prf(&c, 0);
	SpanPrf		org = span_prf(&c, 1);
	SpanPrf		loc = span_prf(&c, 2);
	SpanPrf		misc = span_prf(&c, 3);

	CHECK(all.gold == 5 && all.pred == 5 && all.correct == 2, "spans: 5 gold, 5 guessed, 2 correct");
	CHECK(near(all.precision, 40) && near(all.recall, 40) && near(all.f1, 40), "spans: overall 40/40/40");
	CHECK(near(per.precision, 50) && near(per.recall, 100) && near(per.f1, 66.67), "spans: PER 50/100/66.67");
	CHECK(org.pred == 2 && org.correct == 0 && org.f1 == 0, "spans: ORG none right");
	CHECK(loc.pred == 0 && loc.precision == 0 && loc.recall == 0, "spans: LOC never guessed, 0 not NaN");
	CHECK(near(misc.f1, 100), "spans: MISC 100");
	CHECK(errs.n == 6, "spans: 3 missed and 3 false reported (got %d)", errs.n);
	CHECK(has_error(&errs, true, "1|10\t6|LOC") && has_error(&errs, false, "1|10\t6|ORG"),
		  "spans: a wrong type is a miss and a false guess");
	CHECK(has_error(&errs, true, "1|20\t3|ORG") && has_error(&errs, false, "1|20\t4|ORG"),
		  "spans: a wrong length is a miss and a false guess");
	CHECK(has_error(&errs, true, "2|8\t4|LOC") && has_error(&errs, false, "2|30\t2|PER"),
		  "spans: plain miss and plain false guess");
}

/* Mentions as keys: repeats count as often as they occur on both sides. */
static void
test_multiset(void)
{
	const char *gold = "a\tKyiv\tLOC\na\tNATO\tORG\na\tKyiv\tLOC\n";
	const char *pred = "a\tKyiv\tLOC\na\tKyiv\tLOC\na\tZelensky\tPER\na\tNATO\tORG\na\tKyiv\tLOC\n";
	Errors		errs;
	SpanCounts	c = score(gold, pred, &errs);
	SpanPrf		all = span_prf(&c, -1);

	CHECK(all.correct == 3 && all.gold == 3 && all.pred == 5, "multiset: 3 of 5 guesses right");
	CHECK(near(all.precision, 60) && near(all.recall, 100) && near(all.f1, 75), "multiset: 60/100/75");
	CHECK(errs.n == 2 && has_error(&errs, false, "a|Kyiv|LOC") &&
		  has_error(&errs, false, "a|Zelensky|PER"), "multiset: the third Kyiv is false");
}

/* The same entity in another document is no match. */
static void
test_documents(void)
{
	Errors		errs;
	SpanCounts	c = score("a\tX\tPER\n", "b\tX\tPER\n", &errs);

	CHECK(span_prf(&c, -1).correct == 0 && errs.n == 2, "documents: keys match within a document only");
}

/* Comments, blank lines, CRLF and a missing final newline are accepted. */
static void
test_parse_lenient(void)
{
	SpanSet		set;

	parse(&set, "# a comment\n\n1\t2\t3\tLOC\r\n\n2\tUnited States\tLOC");
	CHECK(set.n == 2, "parse: two entities among comments and blanks");
	CHECK(set.n == 2 && set.items[0].keylen == 3 && memcmp(set.items[0].key, "2\t3", 3) == 0 &&
		  set.items[0].label == 2, "parse: key between first and last field, CR dropped");
	CHECK(set.n == 2 && set.items[1].keylen == 13, "parse: key with a space, no final newline");
	span_set_free(&set);
}

/* Malformed lines are rejected with their number. */
static void
test_parse_errors(void)
{
	const char *bad[] = {"1\tPER\n", "1\t2\t3\tFOO\n", "1\t2\t3\tPERSON\n", "1\t\tPER\n", "x\n1\t2\n"};
	SpanSet		set;
	char		err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!span_set_parse(&set, bad[i], strlen(bad[i]), err, sizeof(err)) && set.items == NULL,
			  "parse: rejects case %zu", i);
	span_set_parse(&set, "ok\tk\tPER\nbad\n", 13, err, sizeof(err));
	CHECK(strstr(err, "line 2") != NULL, "parse: names the bad line (%s)", err);
}

/* Nothing on either side scores 0 everywhere, without dividing by zero. */
static void
test_empty(void)
{
	Errors		errs;
	SpanCounts	c = score("", "# nothing\n", &errs);
	SpanPrf		all = span_prf(&c, -1);

	CHECK(all.gold == 0 && all.pred == 0 && all.f1 == 0 && errs.n == 0, "empty: all zero");
}

/* The printed summary follows conlleval's layout. */
static void
test_print(void)
{
	Errors		errs;
	SpanCounts	c = score("1\t1\t5\tPER\n1\t9\t2\tLOC\n", "1\t1\t5\tPER\n", &errs);
	char	   *buf = NULL;
	size_t		len = 0;
	FILE	   *out = open_memstream(&buf, &len);

	span_print(out, &c, 7);
	fclose(out);
	CHECK(strstr(buf, "processed 7 tokens with 2 phrases; found: 1 phrases; correct: 1.\n") == buf,
		  "print: summary line");
	CHECK(strstr(buf, "          overall: precision: 100.00%; recall:  50.00%; FB1:  66.67  1\n") != NULL,
		  "print: overall line");
	CHECK(strstr(buf, "              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n") != NULL,
		  "print: per-label line");
	free(buf);
}

int
main(void)
{
	test_spans();
	test_multiset();
	test_documents();
	test_parse_lenient();
	test_parse_errors();
	test_empty();
	test_print();
	return unit_done();
}
