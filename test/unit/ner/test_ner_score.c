/*
 * test_ner_score.c
 *	  conlleval-style scoring and tag parsing, against hand-counted cases.
 */
#include <math.h>
#include <string.h>

#include "ner_score.h"
#include "unit.h"

/* True if two percentages agree to two decimals. */
static bool
near(double a, double b)
{
	return fabs(a - b) < 0.005;
}

/* True if entity e is [start, end) of type t. */
static bool
is_entity(const NerEntity *e, int start, int end, NerType t)
{
	return e->start == start && e->end == end && e->type == t;
}

/* IOB1, as in the CoNLL-2003 files: I- opens, B- only splits neighbours of one type. */
static void
test_iob1(void)
{
	const char *tags[] = {"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-ORG"};
	NerEntity	e[7];
	int			n = ner_tags_to_entities(tags, 7, e);

	CHECK(n == 4, "IOB1: four entities (got %d)", n);
	CHECK(is_entity(&e[0], 0, 2, NER_PER), "IOB1: PER over tokens 0-1");
	CHECK(is_entity(&e[1], 3, 4, NER_LOC), "IOB1: LOC at 3");
	CHECK(is_entity(&e[2], 4, 5, NER_LOC), "IOB1: B-LOC splits a second LOC at 4");
	CHECK(is_entity(&e[3], 5, 7, NER_ORG), "IOB1: type change opens ORG at 5-6");
}

/* IOB2 and BIOES/BILOU tags, and an I- after O as conlleval reads it. */
static void
test_other_schemes(void)
{
	const char *iob2[] = {"B-PER", "I-PER", "O", "I-MISC", "B-ORG", "I-LOC"};
	const char *bioes[] = {"S-PER", "B-ORG", "E-ORG", "U-LOC", "B-MISC", "I-MISC", "L-MISC"};
	const char *bad1[] = {"O", "X-PER"};
	const char *bad2[] = {"B-FOO"};
	NerEntity	e[7];
	int			n;

	n = ner_tags_to_entities(iob2, 6, e);
	CHECK(n == 4 && is_entity(&e[0], 0, 2, NER_PER) && is_entity(&e[1], 3, 4, NER_MISC) &&
		  is_entity(&e[2], 4, 5, NER_ORG) && is_entity(&e[3], 5, 6, NER_LOC),
		  "IOB2 with an I- after O and a type change");
	n = ner_tags_to_entities(bioes, 7, e);
	CHECK(n == 4 && is_entity(&e[0], 0, 1, NER_PER) && is_entity(&e[1], 1, 3, NER_ORG) &&
		  is_entity(&e[2], 3, 4, NER_LOC) && is_entity(&e[3], 4, 7, NER_MISC),
		  "BIOES and BILOU tags");
	CHECK(ner_tags_to_entities(bad1, 2, e) == -1, "unknown prefix rejected");
	CHECK(ner_tags_to_entities(bad2, 1, e) == -1, "unknown type rejected");
	CHECK(ner_tags_to_entities(iob2, 0, e) == 0, "empty sentence has no entities");
}

/*
 * Gold: PER 0-2, LOC 3-4, ORG 5-7. Guess: PER 0-2 (right), ORG 3-4 (wrong
 * type), ORG 5-6 (wrong span), MISC 8-9 (spurious). By hand: 1 correct of 4
 * found and 3 gold: P 25.00, R 33.33, F1 28.57.
 */
static void
test_counts(void)
{
	NerEntity	gold[] = {{0, 2, NER_PER, 1}, {3, 4, NER_LOC, 1}, {5, 7, NER_ORG, 1}};
	NerEntity	pred[] = {{0, 2, NER_PER, 1}, {3, 4, NER_ORG, 1}, {5, 6, NER_ORG, 1},
	{8, 9, NER_MISC, 1}};
	NerScore	s;
	NerPrf		r;

	memset(&s, 0, sizeof(s));
	ner_score_add(&s, gold, 3, pred, 4);
	r = ner_score_prf(&s, -1);
	CHECK(r.correct == 1 && r.pred == 4 && r.gold == 3, "overall counts 1/4/3");
	CHECK(near(r.precision, 25.0) && near(r.recall, 33.33) && near(r.f1, 28.57),
		  "overall P/R/F1 25.00/33.33/28.57 (got %.2f/%.2f/%.2f)", r.precision, r.recall, r.f1);
	r = ner_score_prf(&s, NER_PER);
	CHECK(near(r.precision, 100) && near(r.recall, 100) && near(r.f1, 100), "PER perfect");
	r = ner_score_prf(&s, NER_ORG);
	CHECK(r.pred == 2 && r.gold == 1 && r.correct == 0 && r.f1 == 0, "ORG: 2 found, 1 gold, 0 right");
	r = ner_score_prf(&s, NER_LOC);
	CHECK(r.pred == 0 && r.gold == 1 && r.precision == 0 && r.recall == 0, "LOC: missed");
	r = ner_score_prf(&s, NER_MISC);
	CHECK(r.pred == 1 && r.gold == 0 && r.f1 == 0, "MISC: spurious");
}

/*
 * Counts add up over sentences: a second sentence with gold LOC 0-1, MISC
 * 2-4 and guesses LOC 0-1, MISC 2-4 brings the totals to 3 of 6 found, 5 gold:
 * P 50.00, R 60.00, F1 54.55.
 */
static void
test_accumulate(void)
{
	NerEntity	gold1[] = {{0, 2, NER_PER, 1}, {3, 4, NER_LOC, 1}, {5, 7, NER_ORG, 1}};
	NerEntity	pred1[] = {{0, 2, NER_PER, 1}, {3, 4, NER_ORG, 1}, {5, 6, NER_ORG, 1},
	{8, 9, NER_MISC, 1}};
	NerEntity	gold2[] = {{0, 1, NER_LOC, 1}, {2, 4, NER_MISC, 1}};
	NerScore	s;
	NerPrf		r;

	memset(&s, 0, sizeof(s));
	ner_score_add(&s, gold1, 3, pred1, 4);
	ner_score_add(&s, gold2, 2, gold2, 2);
	ner_score_add_tokens(&s, 10, 7);
	r = ner_score_prf(&s, -1);
	CHECK(near(r.precision, 50.0) && near(r.recall, 60.0) && near(r.f1, 54.55),
		  "two sentences: P/R/F1 50.00/60.00/54.55 (got %.2f/%.2f/%.2f)",
		  r.precision, r.recall, r.f1);
	CHECK(s.tokens == 10 && s.tokens_correct == 7, "token accuracy counts");
	memset(&s, 0, sizeof(s));
	r = ner_score_prf(&s, -1);
	CHECK(r.precision == 0 && r.recall == 0 && r.f1 == 0, "no entities: all zero, no division by zero");
}

/* Run the tests. */
int
main(void)
{
	test_iob1();
	test_other_schemes();
	test_counts();
	test_accumulate();
	return unit_done();
}
