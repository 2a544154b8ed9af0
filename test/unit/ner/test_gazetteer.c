/*
 * test_gazetteer.c
 *	  Unit tests of the gazetteer lookup (gazetteer.h) and of the generated
 *	  tables it reads.
 */
#include <string.h>

#include "gazetteer.h"
#include "gazetteer_data.h"
#include "unit.h"

#define MAX_TOKENS 32
#define MAX_MATCHES 64

/* Tokens of a test text, split at single spaces. */
typedef struct Tokens
{
	NnGazToken	tok[MAX_TOKENS];
	size_t		n;
} Tokens;

/* Split text at spaces; "|" separates tokens with no space between them. */
static Tokens
split(const char *text)
{
	Tokens		t = {.n = 0};
	const char *p = text;

	while (*p)
	{
		size_t		len = strcspn(p, " |");

		if (len > 0 && t.n < MAX_TOKENS)
		{
			t.tok[t.n].ptr = p;
			t.tok[t.n].len = len;
			t.n++;
		}
		p += len;
		if (*p)
			p++;
	}
	return t;
}

/* The matches at token pos of text; their count is returned in *n. */
static NnGazMatch *
lookup(const char *text, size_t pos, NnGazCase mode, int *n)
{
	static NnGazMatch out[MAX_MATCHES];
	Tokens		t = split(text);

	*n = nn_gaz_lookup_at(t.tok, t.n, pos, mode, out, MAX_MATCHES);
	return out;
}

/* True if a match of type and length at pos has this canonical name. */
static bool
has(const char *text, size_t pos, NnGazCase mode, NnGazType type,
	int ntokens, const char *canonical)
{
	int			n;
	NnGazMatch *m = lookup(text, pos, mode, &n);

	for (int i = 0; i < n && i < MAX_MATCHES; i++)
		if (m[i].type == type && m[i].ntokens == ntokens &&
			strcmp(nn_gaz_canonical(m[i].entry), canonical) == 0)
			return true;
	return false;
}

/* True if any match of the type starts at pos. */
static bool
has_type(const char *text, size_t pos, NnGazCase mode, NnGazType type)
{
	int			n;
	NnGazMatch *m = lookup(text, pos, mode, &n);

	for (int i = 0; i < n && i < MAX_MATCHES; i++)
		if (m[i].type == type)
			return true;
	return false;
}

/* Number of matches at pos. */
static int
count(const char *text, size_t pos, NnGazCase mode)
{
	int			n;

	lookup(text, pos, mode, &n);
	return n;
}

/* Multi-word names, the longest first, and names split across tokens. */
static void
test_multiword(void)
{
	int			n;
	NnGazMatch *m;

	CHECK(has("United States", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 2, "United States"),
		  "United States is a country");
	m = lookup("the United States of America said", 1, NN_GAZ_EXACT, &n);
	CHECK(n >= 2 && m[0].ntokens == 4 && m[0].type == NN_GAZ_COUNTRY &&
		  strcmp(nn_gaz_canonical(m[0].entry), "United States") == 0,
		  "United States of America matches first, as United States");
	for (int i = 1; i < n; i++)
		CHECK(m[i].ntokens <= m[i - 1].ntokens, "match %d is no longer than the one before", i);
	CHECK(has("the United States of America said", 1, NN_GAZ_EXACT,
			  NN_GAZ_COUNTRY, 2, "United States"), "United States matches too");
	CHECK(has("Bosnia and Herzegovina", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 3,
			  "Bosnia and Herzegovina"), "three-word country");
	CHECK(has("South Georgia and the South Sandwich Islands", 0, NN_GAZ_EXACT,
			  NN_GAZ_COUNTRY, 7, "South Georgia and the South Sandwich Islands"),
		  "seven-word country");
	CHECK(has("Guinea|-|Bissau", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 3, "Guinea-Bissau"),
		  "Guinea-Bissau cut into three tokens");
	CHECK(has("Guinea-Bissau", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1, "Guinea-Bissau"),
		  "Guinea-Bissau as one token");
	CHECK(has("U.S|.", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 2, "United States"),
		  "U.S. cut before its last period");
	CHECK(has("C\xc3\xb4te d\xe2\x80\x99Ivoire", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 2,
			  "Ivory Coast"), "typographic apostrophe in C\xc3\xb4te d\xe2\x80\x99Ivoire");
	CHECK(has("New York", 0, NN_GAZ_EXACT, NN_GAZ_CITY, 2, "New York City"),
		  "New York is New York City");
	CHECK(has("Washington|,|D.C.", 0, NN_GAZ_EXACT, NN_GAZ_CITY, 3, "Washington, D.C."),
		  "Washington, D.C. across a comma token");
	CHECK(has("World Health Organization", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 3,
			  "World Health Organization"), "World Health Organization");
	CHECK(has("G|-|7", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 3, "Group of Seven"),
		  "G-7 in three tokens");
}

/* Aliases and demonyms lead to their canonical entries. */
static void
test_aliases(void)
{
	static const char *const us[] = {"U.S.", "US", "USA", "U.S.A.", "America",
	"United States"};
	static const char *const uk[] = {"U.K.", "UK", "Britain", "Great Britain",
	"United Kingdom"};

	for (int i = 0; i < (int) (sizeof(us) / sizeof(us[0])); i++)
		CHECK(has(us[i], 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1 + (strchr(us[i], ' ') != NULL),
				  "United States"), "%s -> United States", us[i]);
	for (int i = 0; i < (int) (sizeof(uk) / sizeof(uk[0])); i++)
		CHECK(has(uk[i], 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1 + (strchr(uk[i], ' ') != NULL),
				  "United Kingdom"), "%s -> United Kingdom", uk[i]);
	CHECK(has("Republic of Korea", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 3, "South Korea"),
		  "Republic of Korea -> South Korea");
	CHECK(has("DPRK", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1, "North Korea"), "DPRK -> North Korea");
	CHECK(has("Russian Federation", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 2, "Russia"),
		  "Russian Federation -> Russia");
	CHECK(has("Japanese", 0, NN_GAZ_EXACT, NN_GAZ_DEMONYM, 1, "Japan"), "Japanese -> Japan");
	CHECK(has("Ukrainians", 0, NN_GAZ_EXACT, NN_GAZ_DEMONYM, 1, "Ukraine"),
		  "Ukrainians -> Ukraine");
	CHECK(has("Russians", 0, NN_GAZ_EXACT, NN_GAZ_DEMONYM, 1, "Russia"), "Russians -> Russia");
	CHECK(has("Korean", 0, NN_GAZ_EXACT, NN_GAZ_DEMONYM, 1, "South Korea") &&
		  has("Korean", 0, NN_GAZ_EXACT, NN_GAZ_DEMONYM, 1, "North Korea"),
		  "Korean is ambiguous between the Koreas");
	CHECK(has("NATO", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 1, "NATO"), "NATO keeps the acronym news uses");
	CHECK(has("North Atlantic Treaty Organization", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 4, "NATO"),
		  "North Atlantic Treaty Organization -> NATO");
	CHECK(has("U.N.", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 1, "United Nations"), "U.N.");
	CHECK(has("EU", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 1, "European Union"), "EU");
	CHECK(has("Quad", 0, NN_GAZ_EXACT, NN_GAZ_ORG, 1, "Quadrilateral Security Dialogue"),
		  "Quad");
	CHECK(has("Bombay", 0, NN_GAZ_EXACT, NN_GAZ_CITY, 1, "Mumbai"), "Bombay -> Mumbai");
	CHECK(has("Sao Paulo", 0, NN_GAZ_EXACT, NN_GAZ_CITY, 2, "S\xc3\xa3o Paulo"),
		  "Sao Paulo without its accent");
}

/* Case-sensitive and case-insensitive lookup. */
static void
test_case(void)
{
	CHECK(!has_type("united states", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY),
		  "exact: united states does not match");
	CHECK(has("united states", 0, NN_GAZ_FOLD, NN_GAZ_COUNTRY, 2, "United States"),
		  "fold: united states matches");
	CHECK(has("UNITED STATES", 0, NN_GAZ_FOLD, NN_GAZ_COUNTRY, 2, "United States"),
		  "fold: UNITED STATES matches");
	CHECK(!has_type("us", 0, NN_GAZ_FOLD, NN_GAZ_COUNTRY), "fold: us is not the US");
	CHECK(!has_type("who", 0, NN_GAZ_FOLD, NN_GAZ_ORG), "fold: who is not the WHO");
	CHECK(has("WHO", 0, NN_GAZ_FOLD, NN_GAZ_ORG, 1, "World Health Organization"),
		  "fold: WHO still matches as written");
	CHECK(!has_type("Us", 0, NN_GAZ_FOLD, NN_GAZ_COUNTRY), "fold: Us is not the US");
	CHECK(!has_type("paris", 0, NN_GAZ_EXACT, NN_GAZ_CITY), "exact: paris does not match");
	CHECK(has("PARIS", 0, NN_GAZ_FOLD, NN_GAZ_CITY, 1, "Paris"), "fold: PARIS matches");
	CHECK(has("\xd0\xa3\xd0\x9a\xd0\xa0\xd0\x90\xd0\x87\xd0\x9d\xd0\x90", 0, NN_GAZ_FOLD,
			  NN_GAZ_COUNTRY, 1, "Ukraine"), "fold: Cyrillic capitals");
	CHECK(!has_type("\xd1\x81\xd1\x88\xd0\xb0", 0, NN_GAZ_FOLD, NN_GAZ_COUNTRY),
		  "fold: the Russian acronym for the US matches only in capitals");
}

/* Names in other scripts from the multilingual country list. */
static void
test_non_latin(void)
{
	CHECK(has("\xd0\xa3\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0", 0, NN_GAZ_EXACT,
			  NN_GAZ_COUNTRY, 1, "Ukraine"), "Ukrainian name of Ukraine");
	CHECK(has("\xd0\xa1\xd0\xa8\xd0\x90", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1,
			  "United States"), "Russian acronym for the US");
	CHECK(has("\xe7\xbe\x8e\xe5\x9b\xbd", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1,
			  "United States"), "Chinese name of the US");
	CHECK(has("\xe5\xa4\xa7\xe9\x9f\x93|\xe6\xb0\x91\xe5\x9b\xbd", 0, NN_GAZ_EXACT,
			  NN_GAZ_COUNTRY, 2, "South Korea"),
		  "Japanese name of South Korea cut into two words");
	CHECK(has("\xd8\xa7\xd9\x84\xd9\x88\xd9\x84\xd8\xa7\xd9\x8a\xd8\xa7\xd8\xaa "
			  "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad\xd8\xaf\xd8\xa9", 0, NN_GAZ_EXACT,
			  NN_GAZ_COUNTRY, 2, "United States"), "Arabic name of the US");
	CHECK(has("\xce\x9a\xce\xaf\xce\xbd\xce\xb1", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1,
			  "China"), "Greek name of China");
	CHECK(has("Vereinigte Staaten", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 2, "United States"),
		  "German name of the US");
}

/* Cities, first names, and names of several types. */
static void
test_types(void)
{
	int			n;
	NnGazMatch *m = lookup("Paris", 0, NN_GAZ_EXACT, &n);
	NnGazEntry	e;

	CHECK(n >= 2 && m[0].type == NN_GAZ_CITY && nn_gaz_entry(m[0].entry, &e) &&
		  strcmp(e.country, "FR") == 0 && e.pop_bucket == 6,
		  "Paris: the French capital comes first, bucket 6");
	CHECK(nn_gaz_entry(m[0].entry, &e) && e.country_entry >= 0 &&
		  strcmp(nn_gaz_canonical(e.country_entry), "France") == 0,
		  "Paris: its country entry is France");
	CHECK(has("Paris", 0, NN_GAZ_EXACT, NN_GAZ_FIRSTNAME, 1, "Paris"), "Paris is a first name");
	CHECK(has("Jordan", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1, "Jordan") &&
		  has("Jordan", 0, NN_GAZ_EXACT, NN_GAZ_FIRSTNAME, 1, "Jordan"),
		  "Jordan is a country and a first name");
	m = lookup("Mary", 0, NN_GAZ_EXACT, &n);
	CHECK(n == 2 && m[0].type == NN_GAZ_CITY && nn_gaz_entry(m[1].entry, &e) &&
		  e.type == NN_GAZ_FIRSTNAME && e.gender == 'F',
		  "Mary: a city in Turkmenistan, then a female first name");
	m = lookup("Jordan", 0, NN_GAZ_EXACT, &n);
	CHECK(nn_gaz_entry(m[n - 1].entry, &e) && e.type == NN_GAZ_FIRSTNAME && e.gender == 'U',
		  "Jordan: first name of either sex");
	m = lookup("Japanese", 0, NN_GAZ_EXACT, &n);
	CHECK(n >= 1 && nn_gaz_entry(m[0].entry, &e) && e.type == NN_GAZ_COUNTRY &&
		  strcmp(e.country, "JP") == 0, "a demonym's entry is its country");
	CHECK(has("England", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY, 1, "England") &&
		  nn_gaz_entry(lookup("England", 0, NN_GAZ_EXACT, &n)[0].entry, &e) &&
		  strcmp(nn_gaz_canonical(e.country_entry), "United Kingdom") == 0,
		  "England belongs to the United Kingdom");
}

/* Texts that hold no name, and the edges of the token array. */
static void
test_non_matches(void)
{
	NnGazToken	bad = {"\xff\xfe\xc3", 3};
	NnGazMatch	out[4];

	CHECK(count("the", 0, NN_GAZ_EXACT) == 0, "the: no match");
	CHECK(count("however", 0, NN_GAZ_FOLD) == 0, "however: no match in fold mode");
	CHECK(count("Statesman", 0, NN_GAZ_EXACT) == 0, "Statesman: no match");
	CHECK(!has_type("United", 0, NN_GAZ_EXACT, NN_GAZ_COUNTRY),
		  "United alone is no country");
	CHECK(!has_type("the United", 1, NN_GAZ_EXACT, NN_GAZ_COUNTRY),
		  "United States cut off by the end of the tokens");
	CHECK(!has_type("South Korea", 1, NN_GAZ_EXACT, NN_GAZ_COUNTRY),
		  "Korea alone is no country");
	CHECK(nn_gaz_lookup_at(&bad, 1, 0, NN_GAZ_FOLD, out, 4) == 0, "invalid UTF-8: no match");
	CHECK(nn_gaz_lookup_at(&bad, 1, 0, NN_GAZ_EXACT, out, 0) == 0, "cap 0 is allowed");
	CHECK(nn_gaz_lookup_at(&bad, 1, 1, NN_GAZ_EXACT, out, 4) == 0, "pos past the tokens");
}

/* The count returned goes past cap; only cap matches are stored. */
static void
test_cap(void)
{
	Tokens		t = split("Paris");
	NnGazMatch	out[2] = {{0}};
	int			n = nn_gaz_lookup_at(t.tok, t.n, 0, NN_GAZ_EXACT, out, 1);

	CHECK(n >= 2 && out[0].type == NN_GAZ_CITY && out[1].type == 0,
		  "cap 1: %d matches counted, one stored", n);
}

/* The entry API. */
static void
test_entries(void)
{
	NnGazEntry	e;

	CHECK(!nn_gaz_entry(nn_gaz_entry_count(), &e), "no entry past the last");
	CHECK(nn_gaz_canonical(nn_gaz_entry_count()) == NULL, "no name past the last");
	CHECK(strcmp(nn_gaz_type_name(NN_GAZ_DEMONYM), "demonym") == 0, "type name");
	CHECK(nn_gaz_type_name((NnGazType) 0) == NULL, "no name for type 0");
}

/* True if looking key up as one token in mode finds reference ref. */
static bool
finds(const char *key, NnGazCase mode, uint32_t ref)
{
	NnGazToken	tok = {key, strlen(key)};
	NnGazMatch	out[NN_GAZ_RUN_MAX];
	int			n = nn_gaz_lookup_at(&tok, 1, 0, mode, out, NN_GAZ_RUN_MAX);

	for (int k = 0; k < n && k < NN_GAZ_RUN_MAX; k++)
		if (((uint32_t) out[k].type << NN_GAZ_REF_ID_BITS | out[k].entry) == ref)
			return true;
	return false;
}

/*
 * Every form is found by its own key in both modes: so the C folding orders
 * the forms as gen_c.py's did, or the binary search would miss some.
 */
static void
test_tables(void)
{
	int			missing = 0;

	for (uint32_t i = 0; i < nn_gaz_nforms; i++)
	{
		const NnGazForm *f = &nn_gaz_forms[i];
		const char *key = nn_gaz_strings + f->key;
		uint32_t	ref = f->nrefs == 1 ? f->ref : nn_gaz_refs[f->ref];

		missing += !finds(key, NN_GAZ_EXACT, ref) + !finds(key, NN_GAZ_FOLD, ref);
	}
	CHECK(missing == 0, "each of %u keys finds its entries (%d misses)",
		  nn_gaz_nforms, missing);
	CHECK(nn_gaz_entry_count() > 30000, "%u entries", nn_gaz_entry_count());
}

int
main(void)
{
	test_multiword();
	test_aliases();
	test_case();
	test_non_latin();
	test_types();
	test_non_matches();
	test_cap();
	test_entries();
	test_tables();
	return unit_done();
}
