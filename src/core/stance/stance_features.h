/*
 * stance_features.h
 *	  Target-aware features of the stance model. The sentences that hold a
 *	  mention of the target are tokenized (token.h); the mention becomes one
 *	  placeholder token, so the model learns how news copy talks about a
 *	  target rather than who the target is. Each context token then yields
 *	  hashed keys: words and n-grams by side and distance bucket, sentiment
 *	  lexicon hits adjusted for negation scope, intensifiers and contrastive
 *	  conjunctions, quotation (is the target quoted, or the speaker), and a
 *	  few facts about the mention itself, among them the entity model's word
 *	  clusters of its last word: what kind of entity it is, not which.
 */
#ifndef STANCE_FEATURES_H
#define STANCE_FEATURES_H

#include "nn_common.h"
#include "ner_features.h"
#include "token.h"

/* Labels, ordered as NewsMTSC's polarity scale (negative, neutral, positive). */
typedef enum StanceLabel
{
	STANCE_AGAINST = 0,
	STANCE_NONE = 1,
	STANCE_FAVOR = 2
} StanceLabel;

#define STANCE_NLABELS 3

/* Feature groups, recorded in the model so scoring matches training. */
#define STANCE_G_WORDS		0x01	/* unigrams: bag, and by side and distance */
#define STANCE_G_NGRAMS		0x02	/* bigrams, trigrams near the target, neighbours */
#define STANCE_G_LEXICON	0x04	/* sentiment lexicon hits and sums */
#define STANCE_G_NEGATION	0x08	/* negation scope marks words and flips valence */
#define STANCE_G_CONTRAST	0x10	/* "but" and "although" reweigh clauses */
#define STANCE_G_QUOTE		0x20	/* target quoted, target as speaker */
#define STANCE_G_CLUSTERS	0x40	/* the entity model's word clusters */
#define STANCE_G_HEADS		0x80	/* the mention's nearest content words */
#define STANCE_G_MENTION	0x100	/* word clusters of the mention itself */
#define STANCE_G_CLAUSE		0x200	/* net valence of the mention's clause, each side */
#define STANCE_G_SUBWORD	0x400	/* character 4-grams of words near the mention */
#define STANCE_G_ALL		0x7FF

/* Lexicon valences are stored in hundredths; VADER's scale is [-4, 4]. */
#define STANCE_VALENCE_MAX 400

/* A slot of the lexicon's open-addressing table; key 0 marks an empty slot. */
typedef struct StanceLexSlot
{
	uint32_t	key;			/* stance_word_key of the word */
	int32_t		valence;		/* hundredths */
} StanceLexSlot;

/* The sentiment lexicon: a power-of-two table with at least one empty slot. */
typedef struct StanceLexicon
{
	uint32_t	mask;
	const StanceLexSlot *slots; /* NULL for no lexicon */
} StanceLexicon;

/* One feature: a hashed key (never 0) and its value. */
typedef struct StanceFeat
{
	uint32_t	key;
	float		value;
} StanceFeat;

/* Features of one target in one text; buffers come from nn_alloc. */
typedef struct StanceFeatures
{
	StanceFeat *feats;
	int32_t		n;
	int32_t		cap;
	int32_t		ntokens;		/* tokens read, for speed figures */
	int32_t		ncontext;		/* tokens in the target's sentences */
} StanceFeatures;

/* Hash of a word as the lexicon keys it: ASCII lower-cased, ’ read as '. */
extern uint32_t stance_word_key(const char *s, size_t len);

/* First slot to probe for a word key in a lexicon table of mask + 1 slots. */
extern uint32_t stance_lex_slot(uint32_t key, uint32_t mask);

/* Valence of a word key in hundredths, 0 if absent. */
extern int32_t stance_lex_lookup(const StanceLexicon *lex, uint32_t key);

/*
 * Extract features of the target whose mentions are the byte spans
 * targets[0..ntargets) of text[0..len), from the sentences that hold them,
 * appending to *out (reset first). Only the groups set in groups are made;
 * clusters (the entity model's word clusters) may be NULL.
 */
extern NnStatus stance_features(const char *text, size_t len,
								const NnSpan *targets, int ntargets,
								const StanceLexicon *lex, const NerLexicon *clusters,
								uint32_t groups, StanceFeatures *out);

/*
 * As stance_features, over tokens[0..ntokens) of text as the tokenizer gives
 * them (offsets into text, one sentence number per sentence), e.g. only the
 * sentences that hold a mention, kept from an earlier pass.
 */
extern NnStatus stance_features_given(const char *text, const NnToken *tokens, int32_t ntokens,
									  const NnSpan *targets, int ntargets,
									  const StanceLexicon *lex, const NerLexicon *clusters,
									  uint32_t groups, StanceFeatures *out);

/* Release the buffers of *f. */
extern void stance_features_free(StanceFeatures *f);

#endif							/* STANCE_FEATURES_H */
