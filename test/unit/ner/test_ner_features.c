/*
 * test_ner_features.c
 *	  Token summaries, feature keys, document aggregation and BILOU labels.
 */
#include <string.h>

#include "gazetteer.h"
#include "ner_features.h"
#include "unit.h"

#define MAXTOK 64

/* A document built from space-separated words, one sentence per string. */
typedef struct TestDoc
{
	NerText		tok[MAXTOK];
	int32_t		starts[MAXTOK];
	NerDoc		doc;
} TestDoc;

/* Split sentences into a document (words point into the strings). */
static void
make_doc(TestDoc *td, const char *const *sents, int nsent)
{
	int32_t		n = 0;

	for (int s = 0; s < nsent; s++)
	{
		const char *p = sents[s];

		td->starts[s] = n;
		while (*p)
		{
			const char *q = strchr(p, ' ');
			size_t		len = q ? (size_t) (q - p) : strlen(p);

			td->tok[n].s = p;
			td->tok[n++].len = len;
			p += len + (q != NULL);
		}
	}
	td->starts[nsent] = n;
	td->doc.tokens = td->tok;
	td->doc.ntokens = n;
	td->doc.sent_start = td->starts;
	td->doc.nsent = nsent;
}

/* Flags, shapes and hashes of single tokens. */
static void
test_token_info(void)
{
	const char *s[] = {"Peter McDonald visited U.S. on 1996-08-22 , said ÉMILE and émile"};
	TestDoc		td;
	NerTokInfo	in[MAXTOK];

	make_doc(&td, s, 1);
	CHECK(ner_doc_infos(&td.doc, NULL, in, NULL), "infos computed");
	CHECK((in[0].flags & NER_F_INITCAP) && in[0].first, "Peter: capitalised, first");
	CHECK((in[1].flags & NER_F_MIXED) && (in[1].flags & NER_F_INITCAP), "McDonald: mixed case");
	CHECK((in[2].flags & NER_F_LOWER) && !in[2].first, "visited: lower case");
	CHECK((in[3].flags & NER_F_ALLCAP) && (in[3].flags & NER_F_PERIOD), "U.S.: capitals with periods");
	CHECK((in[5].flags & NER_F_NUMBER) && (in[5].flags & NER_F_HYPHEN), "a date is a number with hyphens");
	CHECK((in[6].flags & NER_F_PUNCT) && (in[6].flags & NER_F_SHORT), "comma is punctuation");
	CHECK(in[8].lower == in[10].lower && in[8].raw != in[10].raw,
		  "ÉMILE and émile share the lower-cased hash, not the raw one");
	CHECK((in[8].flags & NER_F_ALLCAP) && (in[10].flags & NER_F_LOWER), "non-ASCII casing flags");
	CHECK(in[0].sshape == in[2].sshape ? false : true, "Xx and x shapes differ");
	CHECK(in[0].sentmode == NER_SENT_MIXED, "a mixed-case sentence");
	CHECK(ner_lex_key("Year1996", 8) == ner_lex_key("YEAR2001", 8), "lexicon keys fold case and digits");
}

/* Feature keys: bounded, deterministic, and sensitive to the neighbours. */
static void
test_keys(void)
{
	const char *a[] = {"the Bank of England said"};
	const char *b[] = {"the bank of England said"};
	TestDoc		ta,
				tb;
	NerTokInfo	ia[MAXTOK],
				ib[MAXTOK];
	uint32_t	k1[NER_MAX_FEATURES],
				k2[NER_MAX_FEATURES];
	int			n1,
				n2,
				same = 0;

	make_doc(&ta, a, 1);
	make_doc(&tb, b, 1);
	ner_doc_infos(&ta.doc, NULL, ia, NULL);
	ner_doc_infos(&tb.doc, NULL, ib, NULL);
	n1 = ner_features(ia, NULL, 0, 5, 2, k1);
	n2 = ner_features(ia, NULL, 0, 5, 2, k2);
	CHECK(n1 > 20 && n1 <= NER_MAX_FEATURES, "a token has many features (%d)", n1);
	CHECK(n1 == n2 && memcmp(k1, k2, sizeof(uint32_t) * n1) == 0, "keys are deterministic");
	for (int k = 0; k < n1; k++)
		CHECK(k1[k] != 0, "key %d is not zero", k);
	n2 = ner_features(ib, NULL, 0, 5, 2, k2);
	for (int k = 0; k < n1 && k < n2; k++)
		same += k1[k] == k2[k];
	CHECK(same > 0 && same < n1, "a neighbour's case changes some keys, not all (%d of %d)", same, n1);
	n2 = ner_features(ia, NULL, 0, 1, 0, k2);
	CHECK(n2 > 0, "a one-token window works at both edges");
}

/* Sentence modes for headlines and uncased text. */
static void
test_modes(void)
{
	const char *s[] = {"JAPAN BEAT CHINA", "japan beat china", "Japan beat China"};
	TestDoc		td;
	NerTokInfo	in[MAXTOK];

	make_doc(&td, s, 3);
	ner_doc_infos(&td.doc, NULL, in, NULL);
	CHECK(in[0].sentmode == NER_SENT_UPPER, "headline in capitals");
	CHECK(in[3].sentmode == NER_SENT_LOWER, "uncased sentence");
	CHECK(in[6].sentmode == NER_SENT_MIXED && in[6].first, "normal sentence");
	CHECK(in[0].doccase == NER_CASE_UNKNOWN, "first-word-only casing is unknown");
	CHECK(in[2].doccase == NER_CASE_CAP, "CHINA is written China elsewhere");
	CHECK(in[1].doccase == NER_CASE_LOWER, "BEAT is written beat elsewhere");
}

/* First-stage labels are summarised per word across the document. */
static void
test_aggregate(void)
{
	const char *s[] = {"Clinton spoke", "Clinton left", "CLINTON won", "he left"};
	TestDoc		td;
	NerTokInfo	in[MAXTOK];
	NerStage1	s1[MAXTOK];
	uint8_t		lab[MAXTOK];
	int			per = ner_label(NER_PER, NER_PART_U);

	make_doc(&td, s, 4);
	ner_doc_infos(&td.doc, NULL, in, NULL);
	memset(lab, NER_LABEL_O, sizeof(lab));
	lab[0] = lab[2] = (uint8_t) per;
	CHECK(ner_doc_aggregate(&td.doc, in, lab, s1, NULL), "aggregation runs");
	CHECK(s1[4].label == NER_LABEL_O && s1[4].agg == 2 + NER_PER * 3 + 2,
		  "CLINTON: others are all PER (agg %d)", s1[4].agg);
	CHECK(s1[0].agg == 2 + NER_PER * 3 + 1, "Clinton: one other PER and one O (agg %d)", s1[0].agg);
	CHECK(s1[3].agg == 1, "left: the other one is O");
	CHECK(s1[1].agg == 0, "spoke: no other occurrence");
}

/* Gazetteer matches mark the tokens they cover. */
static void
test_gazetteer(void)
{
	const char *s[] = {"He flew from France to New York"};
	TestDoc		td;
	NerTokInfo	in[MAXTOK];

	make_doc(&td, s, 1);
	ner_doc_infos(&td.doc, NULL, in, NULL);
	CHECK(in[3].gaz & NER_GAZ_BIT(NN_GAZ_COUNTRY, NER_PART_U), "France is a one-token country");
	CHECK((in[5].gaz & NER_GAZ_BIT(NN_GAZ_CITY, NER_PART_B)) &&
		  (in[6].gaz & NER_GAZ_BIT(NN_GAZ_CITY, NER_PART_L)), "New York is a two-token city");
	CHECK(in[4].gaz == 0, "to matches nothing");
}

/* BILOU labels and entities convert both ways; transitions follow the rules. */
static void
test_labels(void)
{
	NerEntity	ents[] = {{0, 1, NER_PER, 1}, {2, 5, NER_ORG, 1}, {5, 7, NER_LOC, 1}};
	NerEntity	back[8];
	uint8_t		lab[8];
	int			n;

	ner_entities_to_labels(ents, 3, 0, 8, lab);
	CHECK(lab[0] == ner_label(NER_PER, NER_PART_U) && lab[1] == NER_LABEL_O &&
		  lab[2] == ner_label(NER_ORG, NER_PART_B) && lab[3] == ner_label(NER_ORG, NER_PART_I) &&
		  lab[4] == ner_label(NER_ORG, NER_PART_L) && lab[5] == ner_label(NER_LOC, NER_PART_B) &&
		  lab[6] == ner_label(NER_LOC, NER_PART_L) && lab[7] == NER_LABEL_O, "BILOU encoding");
	n = ner_labels_to_entities(lab, 8, 10, back);
	CHECK(n == 3 && back[1].start == 12 && back[1].end == 15 && back[1].type == NER_ORG,
		  "decoding with an offset");
	CHECK(!ner_transition_ok(-1, ner_label(NER_PER, NER_PART_I)), "no I at the start");
	CHECK(!ner_transition_ok(ner_label(NER_PER, NER_PART_B), ner_label(NER_ORG, NER_PART_L)),
		  "no type change inside an entity");
	CHECK(ner_transition_ok(ner_label(NER_PER, NER_PART_L), ner_label(NER_PER, NER_PART_B)),
		  "an entity may follow another");
	CHECK(!ner_final_ok(ner_label(NER_MISC, NER_PART_I)), "no sentence ends inside an entity");
}

/* Run the tests. */
int
main(void)
{
	test_token_info();
	test_keys();
	test_modes();
	test_aggregate();
	test_gazetteer();
	test_labels();
	return unit_done();
}
