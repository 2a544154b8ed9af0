/*
 * test_stance_doc.c
 *	  Stance towards named targets and claims over the quote pass, with the
 *	  embedded entity and stance models.
 */
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"
#include "ner_model.h"
#include "stance_doc.h"
#include "unit.h"

static NerModel ner;
static NerTagger tagger;
static StanceModel model;

/* Stance of text towards target. */
static StanceResult
of(const char *text, const char *target)
{
	StanceResult r;

	if (stance_of_target(&model, &tagger, text, strlen(text), target, strlen(target), &r) != NN_OK)
		r.label = (StanceLabel) 99;
	return r;
}

/* Number of claims of text, the first one's target into name. */
static int
claims(const char *text, char *name, size_t cap, StanceLabel *label)
{
	StanceClaims c;
	int			n;

	name[0] = '\0';
	if (stance_claims(&model, &tagger, text, strlen(text), &c) != NN_OK)
		return -1;
	n = c.n;
	if (n > 0)
	{
		size_t		len = c.items[0].name_len < cap - 1 ? c.items[0].name_len : cap - 1;

		memcpy(name, stance_claim_target(&c, &c.items[0]), len);
		name[len] = '\0';
		*label = c.items[0].result.label;
	}
	stance_claims_free(&c);
	return n;
}

int
main(void)
{
	const char *attack = "Critics said Mr. Keller was a corrupt liar and a disastrous failure.";
	const char *praise = "Voters praised Tomas Keller for his brilliant, generous leadership.";
	char		err[256];
	char		name[64];
	StanceLabel label = STANCE_NONE;
	StanceResult r;
	StanceClaims c;
	size_t		len;
	char	   *big;

	if (!open_embedded_tagger(&ner, &tagger))
		return unit_done();
	CHECK(stance_model_open(stance_model_blob, (size_t) (stance_model_blob_end - stance_model_blob),
							&model, err, sizeof(err)), "the embedded stance model opens");

	r = of(attack, "Tomas Keller");
	CHECK(r.label == STANCE_AGAINST && r.score < 0, "\"Mr. Keller\" is the target Tomas Keller: against");
	r = of(praise, "Keller");
	CHECK(r.label == STANCE_FAVOR && r.score > 0, "the surname names Tomas Keller: favor");
	CHECK(of(praise, "tomas keller").label == STANCE_FAVOR, "names match ignoring case");
	CHECK(of(praise, "  Tomas Keller ").label == STANCE_FAVOR, "spaces around the target are trimmed");
	r = of("Anna Keller was praised as a brilliant leader.", "Tomas Keller");
	CHECK(r.label == STANCE_NONE && r.score == 0.0f, "another first name with the surname is not the target");
	CHECK(of("Tomas Keller spoke. He is a corrupt and dishonest failure.", "Tomas Keller").score <
		  of("Tomas Keller spoke. It is a corrupt and dishonest failure.", "Tomas Keller").score,
		  "a pronoun resolved to the target brings its sentence");
	r = of(praise, "Helena Brandt");
	CHECK(r.label == STANCE_NONE && r.score == 0.0f && r.ntokens == 0,
		  "an absent target is none, found without tagging the text");
	CHECK(of(praise, "").label == STANCE_NONE, "an empty target is none");
	CHECK(of("Keller", "Tomas Keller").label == STANCE_NONE, "a target longer than the text is none");
	CHECK(of("", "Keller").label == STANCE_NONE, "an empty text is none");
	CHECK(of("“”", "Keller").label == STANCE_NONE, "a text without words is none");

	CHECK(claims("“Helena Brandt is a liar and a disgrace,” said Tomas Keller.", name, sizeof(name),
				 &label) == 1 && strcmp(name, "Helena Brandt") == 0 && label == STANCE_AGAINST,
		  "a quote's speaker is against the person the quote attacks");
	CHECK(claims("“Tomas Keller will win,” said Tomas Keller.", name, sizeof(name), &label) == 0,
		  "the speaker is not their own target");
	CHECK(claims("Helena Brandt spoke first.\n“She is a liar,” said Tomas Keller.", name, sizeof(name),
				 &label) == 1 && strcmp(name, "Helena Brandt") == 0,
		  "a pronoun in the quote names its antecedent");
	CHECK(claims("", name, sizeof(name), &label) == 0, "an empty text has no claims");
	CHECK(claims(":“We leave now.”", name, sizeof(name), &label) == 0,
		  "a colon opening the text before a quote reads nothing before the text");
	CHECK(claims("“”", name, sizeof(name), &label) == 0, "a text of quote marks has no claims");
	CHECK(stance_claims(&model, &tagger, "\0\x01", 2, &c) == NN_OK && c.n == 0,
		  "a text of control characters (no tokens at all) has no claims");
	stance_claims_free(&c);

	big = repeat("“Tomas Keller is a liar,” said Helena Brandt. ", 20000, &len);
	CHECK(stance_of_target(&model, &tagger, big, len, "Keller", 6, &r) == NN_OK &&
		  r.label == STANCE_AGAINST, "a long text with the target in every quote");
	free(big);
	return unit_done();
}
