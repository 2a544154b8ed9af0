/*
 * stance_doc.h
 *	  Stance over a whole news document, in the same pass as quote
 *	  extraction (quotes.h): the entity mentions, pronouns resolved to them
 *	  and the tokens come from that pass, so the text is tokenized and
 *	  tagged once.
 *
 *	  A target named by the caller ("Donald Trump") is matched, ignoring
 *	  ASCII case, against each mention's canonical name and its text, and a
 *	  person's mention also by its last word ("Trump", "Mr. Trump"); a
 *	  pronoun matches through the name it resolves to. A target that is
 *	  empty, longer than the text or STANCE_TARGET_MAX bytes, or never
 *	  mentioned, gets "none" with score 0.
 *
 *	  Claims: for every quote with a speaker, the speaker's stance towards
 *	  each entity the quote mentions by name or by a resolved pronoun, read
 *	  from the quote's own words.
 */
#ifndef STANCE_DOC_H
#define STANCE_DOC_H

#include "quotes.h"
#include "stance.h"

/* Longest target name looked for, in bytes; no entity name is longer. */
#define STANCE_TARGET_MAX 256

/* Most distinct targets read from one quote. */
#define STANCE_CLAIM_TARGETS 16

/* One claim: a quote's speaker towards one entity. */
typedef struct StanceClaim
{
	int32_t		quote;			/* index into the quote list */
	size_t		name_off;		/* the target's canonical name in the arena */
	size_t		name_len;
	NerType		type;
	StanceResult result;
} StanceClaim;

/* The claims of a document, in quote order. Buffers come from nn_alloc. */
typedef struct StanceClaims
{
	NnQuoteList quotes;
	StanceClaim *items;
	int32_t		n;
	int32_t		cap;
	char	   *arena;
	size_t		arena_len;
	size_t		arena_cap;
} StanceClaims;

/* Stance of text[0..len) towards the entity named target[0..tlen). */
extern NnStatus stance_of_target(const StanceModel *model, NerTagger *tagger,
								 const char *text, size_t len,
								 const char *target, size_t tlen, StanceResult *r);

/* The claims of text[0..len); release them with stance_claims_free. */
extern NnStatus stance_claims(const StanceModel *model, NerTagger *tagger,
							  const char *text, size_t len, StanceClaims *out);

/* The canonical name of a claim's target (claim->name_len bytes). */
extern const char *stance_claim_target(const StanceClaims *c, const StanceClaim *claim);

/* Release the claims' buffers. */
extern void stance_claims_free(StanceClaims *c);

#endif							/* STANCE_DOC_H */
