/*
 * test_entities.c
 *	  Unit tests of the entity pipeline: mention cleaning, in-document name
 *	  resolution, gazetteer names, the dictionary override and chunking, with
 *	  the model embedded in the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "fixtures.h"
#include "icu_cache.h"
#include "ner_model.h"
#include "unit.h"

static NerModel model;
static NerTagger tagger;

/* Describe every mention of text as "mention=LABEL:canonical; " into buf. */
static int
describe(const char *text, const NnDict *dict, char *buf, size_t size)
{
	NnEntityExtractor ex;
	const NnEntity *ents;
	size_t		used = 0;
	int			total = 0;
	int			n;

	buf[0] = '\0';
	if (nn_entities_begin(&ex, &tagger, dict, text, strlen(text)) != NN_OK)
		return -1;
	while ((n = nn_entities_next(&ex, &ents)) > 0)
	{
		for (int i = 0; i < n && used < size; i++)
			used += snprintf(buf + used, size - used, "%.*s=%s:%.*s; ",
							 (int) (ents[i].end - ents[i].start), text + ents[i].start,
							 nn_entity_label(ents[i].type), (int) ents[i].canon_len,
							 nn_entities_canonical(&ex, &ents[i]));
		total += n;
	}
	nn_entities_end(&ex);
	return total;
}

/* Check that text's mentions include want (a "mention=LABEL:canonical; " run). */
static void
expect_has(const char *what, const char *text, const char *want)
{
	char		got[8192];

	describe(text, NULL, got, sizeof(got));
	CHECK(strstr(got, want) != NULL, "%s: want \"%s\" in \"%s\"", what, want, got);
}

/* Check that no mention of text contains needle. */
static void
expect_lacks(const char *what, const char *text, const char *needle)
{
	char		got[8192];

	describe(text, NULL, got, sizeof(got));
	CHECK(strstr(got, needle) == NULL, "%s: \"%s\" not in \"%s\"", what, needle, got);
}

/* Titles and honorifics are not part of a person's mention. */
static void
test_titles(void)
{
	const char *text = "Prime Minister Sanae Takaichi met Gen. Ada Quist and Mr. Tobias Harris.";

	expect_has("prime minister", text, "Sanae Takaichi=PER:Sanae Takaichi; ");
	expect_lacks("no title kept", text, "Minister Sanae");
	expect_lacks("no Gen.", text, "Gen. Ada");
	expect_lacks("no Mr.", text, "Mr. Tobias");
}

/* Later short forms, with titles or possessives, take the fullest earlier name. */
static void
test_short_forms(void)
{
	const char *text = "Tobias Harris, a Japan expert, spoke first. Harris said the vote "
		"was close. Mr. Harris's view was shared by Jeff Kingston. Kingston agreed.";

	expect_has("full name", text, "Tobias Harris=PER:Tobias Harris; ");
	expect_has("surname", text, "Harris=PER:Tobias Harris; Harris=PER:Tobias Harris; ");
	expect_lacks("possessive dropped", text, "Harris's=");
	expect_has("second person", text, "Kingston=PER:Jeff Kingston; ");
}

/* A surname seen before its full name keeps its own form. */
static void
test_no_earlier_form(void)
{
	expect_has("no earlier form", "Harris spoke. Later Tobias Harris left.",
			   "Harris=PER:Harris; ");
}

/* Places and organisations take the gazetteer's canonical name. */
static void
test_gazetteer_names(void)
{
	const char *text = "Officials in the U.S. said the United States and the US envoy "
		"would meet NATO allies.";

	expect_has("U.S.", text, "U.S.=LOC:United States; ");
	expect_has("United States", text, "United States=LOC:United States; ");
	expect_has("US", text, "US=LOC:United States; ");
	expect_has("NATO", text, "NATO=ORG:NATO; ");
}

/* Letters of scripts the model never saw give no mentions. */
static void
test_foreign_scripts(void)
{
	char		got[1024];

	CHECK(describe("Министр Сергей Лавров прибыл в Анкару.", NULL, got, sizeof(got)) == 0,
		  "Cyrillic gives no mentions: \"%s\"", got);
	CHECK(describe("中国外交部发言人表示，双方将继续对话。", NULL, got, sizeof(got)) == 0,
		  "Chinese gives no mentions: \"%s\"", got);
	expect_has("Latin names beside Cyrillic", "Сергей Лавров met Hakan Fidan in Ankara.",
			   "Hakan Fidan=PER:Hakan Fidan; ");
}

/* Empty text and text without names give nothing. */
static void
test_empty(void)
{
	char		got[64];

	CHECK(describe("", NULL, got, sizeof(got)) == 0, "empty text");
	CHECK(describe("the budget will be discussed next week.", NULL, got, sizeof(got)) == 0,
		  "no names: \"%s\"", got);
}

/* A dictionary match replaces the model's mention and names later short forms. */
static void
test_dictionary(void)
{
	NnDictEntry entries[] = {
		{"Tobias Harris", 13, "PER", 3, "Q-HARRIS", 8},
		{"Lowell Institute for Asian Affairs", 34, "ORG", 3, NULL, 0}
	};
	NnDict	   *dict = NULL;
	int32_t		bad = 0;
	char		got[2048];
	const char *text = "Tobias Harris of the Lowell Institute for Asian Affairs spoke. "
		"Harris left.";

	CHECK(nn_dict_build(entries, 2, &dict, &bad) == NN_DICT_OK, "dictionary builds");
	describe(text, dict, got, sizeof(got));
	CHECK(strstr(got, "Tobias Harris=PER:Q-HARRIS; ") != NULL, "dictionary name: %s", got);
	CHECK(strstr(got, "Harris=PER:Q-HARRIS; ") != NULL, "surname takes it: %s", got);
	CHECK(strstr(got, "Lowell Institute for Asian Affairs=ORG:Lowell Institute for Asian "
				  "Affairs; ") != NULL, "canonical NULL is the term: %s", got);
	nn_dict_free(dict);
}

/*
 * A document longer than one chunk: positions stay right across chunks, and
 * a surname late in the text resolves to a name from the first chunk.
 */
static void
test_chunks(void)
{
	const char *head = "Tobias Harris spoke in Oslo. ";
	const char *filler = "The committee met again and the talks went on for hours. ";
	const char *tail = "Harris left.";
	size_t		reps = (2 * NN_ENTITY_CHUNK) / 12 + 10;
	size_t		len = strlen(head) + reps * strlen(filler) + strlen(tail);
	char	   *text = malloc(len + 1);
	NnEntityExtractor ex;
	const NnEntity *ents;
	int			n;
	int			batches = 0;
	bool		spans_ok = true;
	bool		last_resolved = false;

	strcpy(text, head);
	for (size_t i = 0; i < reps; i++)
		strcat(text, filler);
	strcat(text, tail);
	nn_entities_begin(&ex, &tagger, NULL, text, len);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
	{
		batches++;
		for (int i = 0; i < n; i++)
		{
			const NnEntity *e = &ents[i];

			if (e->end > len || e->start >= e->end ||
				(e->end - e->start == 6 && memcmp(text + e->start, "Harris", 6) != 0 &&
				 memcmp(text + e->start, "Oslo", 4) != 0))
				spans_ok = false;
			if (e->start == len - strlen(tail))
				last_resolved = e->canon_len == 13 &&
					memcmp(nn_entities_canonical(&ex, e), "Tobias Harris", 13) == 0;
		}
	}
	nn_entities_end(&ex);
	CHECK(batches >= 2, "a %zu-byte document comes in %d batches", len, batches);
	CHECK(spans_ok, "spans stay inside the text across chunks");
	CHECK(last_resolved, "a surname in a later chunk takes the full name of the first");
	free(text);
}

/* CPU seconds to extract every mention of reps copies of unit. */
static double
seconds_for(const char *unit, size_t reps)
{
	size_t		len;
	char	   *text = repeat(unit, reps, &len);
	char		got[256];
	double		t0 = cpu_seconds();

	describe(text, NULL, got, sizeof(got));
	free(text);
	return cpu_seconds() - t0;
}

/*
 * A long run of capitalised words, which the tagger may call one person,
 * takes linear time: resolving such a "name" once cost its length cubed.
 */
static void
test_long_capitalised_run(void)
{
	double		small = seconds_for("Alpha Bravo Charlie Delta ", 2000);
	double		large = seconds_for("Alpha Bravo Charlie Delta ", 8000);

	CHECK(large < 8 * small + 0.05,
		  "four times the capitalised words take %.3f s against %.3f s", large, small);
}

/* Run every test with the embedded model. */
int
main(void)
{
	if (!open_embedded_tagger(&model, &tagger))
		return unit_done();
	test_titles();
	test_short_forms();
	test_no_earlier_form();
	test_gazetteer_names();
	test_foreign_scripts();
	test_empty();
	test_dictionary();
	test_chunks();
	test_long_capitalised_run();
	ner_tagger_free(&tagger);
	nn_icu_release();
	return unit_done();
}
