/*
 * test_dictionary.c
 *	  Unit tests of user dictionaries: case rules, token boundaries,
 *	  leftmost-longest matching, the override of tagger entities, rejected
 *	  rows, and the build time and size of a 100,000-entry dictionary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dictionary.h"
#include "icu_cache.h"
#include "token.h"
#include "fixtures.h"
#include "unit.h"

#define MAX_WORDS 4096

/* A tokenized document. */
typedef struct Doc
{
	NerText		words[MAX_WORDS];
	int32_t		sent_start[MAX_WORDS + 1];
	NerDoc		doc;
} Doc;

/* A row written as three C strings; canonical may be NULL. */
typedef struct Row
{
	const char *term;
	const char *label;
	const char *canonical;
} Row;

static const char *const label_names[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

/* Tokenize text into d, with its sentences. */
static void
tokenize(const char *text, Doc *d)
{
	NnTokenizer tk;
	NnToken		tok;
	int32_t		n = 0;
	int32_t		nsent = 0;
	int32_t		prev = -1;

	nn_tokens_begin(&tk, text, strlen(text));
	while (nn_tokens_next(&tk, &tok) && n < MAX_WORDS)
	{
		if (tok.sentence != prev)
			d->sent_start[nsent++] = n;
		prev = tok.sentence;
		d->words[n].s = text + tok.start;
		d->words[n++].len = tok.end - tok.start;
	}
	d->sent_start[nsent] = n;
	d->doc.tokens = d->words;
	d->doc.ntokens = n;
	d->doc.sent_start = d->sent_start;
	d->doc.nsent = nsent;
}

/* Turn rows into entries pointing at their strings. */
static void
to_entries(const Row *rows, int n, NnDictEntry *e)
{
	for (int i = 0; i < n; i++)
	{
		e[i].term = rows[i].term;
		e[i].term_len = strlen(rows[i].term);
		e[i].label = rows[i].label;
		e[i].label_len = strlen(rows[i].label);
		e[i].canonical = rows[i].canonical;
		e[i].canonical_len = rows[i].canonical ? strlen(rows[i].canonical) : 0;
	}
}

/* Compile rows; NULL (and a failed check) if that fails. */
static NnDict *
build(const Row *rows, int n)
{
	NnDictEntry e[64];
	NnDict	   *d;
	int32_t		bad;

	to_entries(rows, n, e);
	CHECK(nn_dict_build(e, n, &d, &bad) == NN_DICT_OK, "dictionary of %d rows compiles", n);
	return d;
}

/*
 * The matches of text as "text=LABEL:canonical" joined by "|", into buf.
 */
static const char *
matches(const NnDict *d, const char *text, char *buf, size_t size)
{
	static Doc	doc;
	NnDictMatch m[MAX_WORDS];
	int32_t		n;
	size_t		used = 0;

	tokenize(text, &doc);
	n = nn_dict_match(d, doc.words, doc.doc.ntokens, m);
	buf[0] = '\0';
	for (int32_t i = 0; i < n; i++)
	{
		const char *s = doc.words[m[i].start].s;
		const char *e = doc.words[m[i].end - 1].s + doc.words[m[i].end - 1].len;
		size_t		clen;
		const char *canon = nn_dict_canonical(d, m[i].entry, &clen);

		used += (size_t) snprintf(buf + used, size - used, "%s%.*s=%s:%.*s",
								  i ? "|" : "", (int) (e - s), s,
								  label_names[nn_dict_label(d, m[i].entry)],
								  (int) clen, canon);
	}
	return buf;
}

/* Expect text to yield exactly want. */
static void
expect(const NnDict *d, const char *text, const char *want)
{
	char		buf[1024];
	const char *got = matches(d, text, buf, sizeof(buf));

	CHECK(strcmp(got, want) == 0, "\"%s\" -> \"%s\" (got \"%s\")", text, want, got);
}

/* Folded matching, the capitals rule and token boundaries. */
static void
test_case_rules(void)
{
	static const Row rows[] = {
		{"Joe Biden", "PER", "Q6279"},
		{"US", "LOC", "United States"},
		{"NATO", "ORG", NULL},
		{"Zürich", "LOC", NULL},
		{"Σωκράτης", "PER", "Socrates"},
		{"Ford", "ORG", "Ford Motor Company"},
	};
	NnDict	   *d = build(rows, 6);

	expect(d, "JOE BIDEN met joe biden and Joe Biden.",
		   "JOE BIDEN=PER:Q6279|joe biden=PER:Q6279|Joe Biden=PER:Q6279");
	expect(d, "The US told us that Us is a film.", "US=LOC:United States");
	expect(d, "NATO, not Nato or nato.", "NATO=ORG:NATO");
	expect(d, "Flights to ZÜRICH and zürich.", "ZÜRICH=LOC:Zürich|zürich=LOC:Zürich");
	expect(d, "ΣΩΚΡΆΤΗΣ and σωκράτης.", "ΣΩΚΡΆΤΗΣ=PER:Socrates|σωκράτης=PER:Socrates");
	expect(d, "Fordham and Fords are not Ford.", "Ford=ORG:Ford Motor Company");
	expect(d, "Joe Bidens", "");
	expect(d, "", "");
	nn_dict_free(d);
}

/* Longest match first, leftmost matches win, repeated terms keep the first. */
static void
test_longest(void)
{
	static const Row rows[] = {
		{"New York", "LOC", NULL},
		{"New York Times", "ORG", "The New York Times"},
		{"A B", "MISC", "ab"},
		{"B C", "MISC", "bc"},
		{"Apple", "ORG", "Apple Inc."},
		{"apple", "MISC", "fruit"},
		{"u.s. army", "ORG", "United States Army"},
	};
	NnDict	   *d = build(rows, 7);

	expect(d, "The New York Times covered New York.",
		   "New York Times=ORG:The New York Times|New York=LOC:New York");
	expect(d, "New York Time", "New York=LOC:New York");
	expect(d, "A B C", "A B=MISC:ab");
	expect(d, "x B C", "B C=MISC:bc");
	expect(d, "APPLE", "APPLE=ORG:Apple Inc.");
	expect(d, "The U.S. Army said", "U.S. Army=ORG:United States Army");
	CHECK(nn_dict_size(d) == 6, "the repeated term is dropped (%d entries)", nn_dict_size(d));
	nn_dict_free(d);
}

/* A tagger entity over tokens [start, end). */
static NerEntity
ent(int32_t start, int32_t end, NerType type, float confidence)
{
	NerEntity	e = {start, end, type, confidence};

	return e;
}

/* Dictionary matches replace the tagger's entities they overlap. */
static void
test_override(void)
{
	static const Row rows[] = {
		{"Joe Biden", "PER", "Q6279"},
		{"White House", "ORG", "Q35525"},
		{"Smith Jones", "PER", NULL},
	};
	static Doc	doc;
	NnDict	   *d = build(rows, 3);
	NerEntity	found[8];
	NerEntity	out[64];
	int32_t		entry[64];
	int			n;

	/* 0 President 1 Joe 2 Biden 3 left 4 the 5 White 6 House 7 for 8 Paris 9 . */
	tokenize("President Joe Biden left the White House for Paris.", &doc);
	found[0] = ent(0, 3, NER_PER, 0.6f);	/* overlaps Joe Biden */
	found[1] = ent(6, 7, NER_LOC, 0.7f);	/* inside White House */
	found[2] = ent(8, 9, NER_LOC, 0.9f);	/* untouched */
	n = nn_dict_override(d, &doc.doc, found, 3, out, entry);
	CHECK(n == 3, "three mentions after the override (got %d)", n);
	CHECK(n == 3 && out[0].start == 1 && out[0].end == 3 && out[0].type == NER_PER &&
		  out[0].confidence == 1.0f && entry[0] >= 0, "Joe Biden replaces President Joe Biden");
	CHECK(n == 3 && out[1].start == 5 && out[1].end == 7 && out[1].type == NER_ORG &&
		  entry[1] >= 0, "White House replaces the LOC House");
	CHECK(n == 3 && out[2].start == 8 && out[2].confidence == 0.9f && entry[2] == -1,
		  "Paris is kept as the tagger said");

	/* a term does not match across sentences */
	tokenize("They met Smith\n\nJones left.", &doc);
	n = nn_dict_override(d, &doc.doc, found, 0, out, entry);
	CHECK(doc.doc.nsent == 2 && n == 0, "no match across a sentence boundary (%d)", n);

	n = nn_dict_override(NULL, &doc.doc, found, 3, out, entry);
	CHECK(n == 3 && entry[0] == -1 && out[1].start == 6, "no dictionary keeps every entity");
	nn_dict_free(d);
}

/* Expect rows to be rejected with err at bad_row. */
static void
expect_reject(const Row *rows, int n, NnDictError want, int32_t want_row, const char *what)
{
	NnDictEntry e[64];
	NnDict	   *d = (NnDict *) &e;
	int32_t		bad = -2;
	NnDictError err;

	to_entries(rows, n, e);
	err = nn_dict_build(e, n, &d, &bad);
	CHECK(err == want && bad == want_row && (d != NULL) == (err == NN_DICT_OK),
		  "%s: rejected at row %d (%s; got error %d at %d)", what, want_row,
		  nn_dict_error_message(want), (int) err, bad);
	if (err == NN_DICT_OK)
		nn_dict_free(d);
}

/* Bad rows are refused with the row that is to blame. */
static void
test_reject(void)
{
	static char long_term[200];
	Row			rows[2] = {{"Paris", "LOC", NULL}, {NULL, "LOC", NULL}};

	for (int i = 0; i < 33; i++)
		strcat(long_term, "w ");
	rows[1].term = "";
	expect_reject(rows, 2, NN_DICT_EMPTY_TERM, 1, "empty term");
	rows[1].term = "...";
	expect_reject(rows, 2, NN_DICT_NO_WORD, 1, "punctuation only");
	rows[1].term = " \t ";
	expect_reject(rows, 2, NN_DICT_NO_WORD, 1, "white space only");
	rows[1].term = long_term;
	expect_reject(rows, 2, NN_DICT_TOO_LONG, 1, "33 tokens");
	rows[1].term = "Lyon";
	rows[1].label = "CITY";
	expect_reject(rows, 2, NN_DICT_BAD_LABEL, 1, "unknown label");
	rows[1].label = "loc";
	expect_reject(rows, 2, NN_DICT_BAD_LABEL, 1, "lower-case label");
	rows[1].label = "LOC";
	rows[1].canonical = "";
	expect_reject(rows, 2, NN_DICT_EMPTY_CANONICAL, 1, "empty canonical");
	rows[1].canonical = NULL;
	rows[1].term = "٣";			/* an Arabic-Indic digit is a digit */
	expect_reject(rows, 2, NN_DICT_OK, -1, "a non-ASCII digit is accepted");
}

/* A synthetic name: a given name and a surname from made-up syllables. */
static void
synthetic_name(int i, char *buf, size_t size)
{
	static const char *const syl[] = {"ka", "ri", "mo", "te", "lu", "sa", "vo", "ne",
	"pi", "da", "go", "ze", "ho", "wi", "fa", "nu"};

	snprintf(buf, size, "%s%s%s %s%s%s Q%d", syl[i & 15], syl[(i >> 4) & 15],
			 syl[(i >> 8) & 15], syl[(i >> 12) & 15], syl[(i >> 16) & 15],
			 syl[(i * 7) & 15], i);
}

#define NENTRIES 100000
#define NAME 48					/* bytes kept per synthetic name */

/* Build time and size of 100,000 entries, and matching speed with them. */
static void
test_large(void)
{
	char	   *names = malloc((size_t) NENTRIES * NAME);
	NnDictEntry *e = malloc(sizeof(NnDictEntry) * NENTRIES);
	static Doc	doc;
	static char text[64 * 1024];
	NnDictMatch m[MAX_WORDS];
	NnDict	   *d;
	int32_t		bad;
	double		t0;
	double		secs;
	int32_t		n;

	for (int i = 0; i < NENTRIES; i++)
	{
		char	   *s = names + (size_t) i * NAME;

		synthetic_name(i, s, NAME);
		e[i].term = s;
		e[i].term_len = strlen(s);
		e[i].label = "PER";
		e[i].label_len = 3;
		e[i].canonical = NULL;
	}
	t0 = cpu_seconds();
	CHECK(nn_dict_build(e, NENTRIES, &d, &bad) == NN_DICT_OK, "100,000 entries compile");
	secs = cpu_seconds() - t0;
	printf("# 100,000 entries: built in %.0f ms, %.1f MB\n", secs * 1000,
		   nn_dict_memory(d) / 1048576.0);
	CHECK(nn_dict_size(d) == NENTRIES, "all 100,000 kept");
	CHECK(nn_dict_memory(d) < 64u << 20, "under 64 MB");

	/* a document naming entries 0, 50000 and 99999 amid filler */
	strcpy(text, "Filler words stand here. ");
	for (int i = 0; i < 100; i++)
		strcat(text, "Nothing to see in this sentence at all. ");
	strcat(text, names);
	strcat(text, " met ");
	strcat(text, names + (size_t) 50000 * NAME);
	strcat(text, " and ");
	strcat(text, names + (size_t) 99999 * NAME);
	strcat(text, ".");
	tokenize(text, &doc);
	t0 = cpu_seconds();
	for (int r = 0; r < 100; r++)
		n = nn_dict_match(d, doc.words, doc.doc.ntokens, m);
	secs = cpu_seconds() - t0;
	printf("# matching %d tokens: %.1f us a pass\n", doc.doc.ntokens, secs * 1e4);
	CHECK(n == 3 && m[1].entry == 50000 && m[2].entry == 99999,
		  "the three names are found among %d tokens", doc.doc.ntokens);
	nn_dict_free(d);
	free(names);
	free(e);
}

int
main(void)
{
	test_case_rules();
	test_longest();
	test_override();
	test_reject();
	test_large();
	nn_icu_release();
	return unit_done();
}
