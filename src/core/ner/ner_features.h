/*
 * ner_features.h
 *	  Features of the entity tagger. Input is the token strings only (no
 *	  part-of-speech or chunk columns): each token is summarised once into a
 *	  NerTokInfo (hashes of its forms, shape, casing flags, word clusters),
 *	  then every position gets up to NER_MAX_FEATURES hashed feature keys
 *	  from a window of two tokens each side within its sentence, and, in the
 *	  second stage, from what the first stage predicted for the same word
 *	  elsewhere in the document. Gazetteer matches (gazetteer.h, case-folded)
 *	  and how a word is written elsewhere in its document are features too.
 */
#ifndef NER_FEATURES_H
#define NER_FEATURES_H

#include "ner_labels.h"

#define NER_MAX_FEATURES 128

/* Most keys ner_offset_features writes for one word. */
#define NER_MAX_WORD_FEATURES 32

/* Words each side of a position whose features are looked at. */
#define NER_WINDOW 2
#define NER_NOFFSETS (2 * NER_WINDOW + 1)

/* Bytes of a token looked at for hashing and affixes; longer ones are cut. */
#define NER_MAX_TOKEN_BYTES 64

/* One token of input: bytes, not necessarily NUL-terminated. */
typedef struct NerText
{
	const char *s;
	size_t		len;
} NerText;

/*
 * A document: tokens in order, split into sentences. sent_start has
 * nsent + 1 entries; sentence k is tokens [sent_start[k], sent_start[k+1]).
 */
typedef struct NerDoc
{
	const NerText *tokens;
	int32_t		ntokens;
	const int32_t *sent_start;
	int32_t		nsent;
} NerDoc;

/*
 * Word clusters and casing statistics learnt from unlabelled text, keyed by
 * a hash of the lower-cased, digit-folded word; an open-addressing table.
 */
typedef struct NerLexicon
{
	uint32_t	mask;			/* slots - 1; table empty if slots is NULL */
	const uint32_t *slots;		/* 0 for empty, else entry index + 1 */
	const uint32_t *keys;		/* entry keys */
	const uint32_t *values;		/* entry values, see NER_LEX_* */
} NerLexicon;

/* Layout of a lexicon value: casing profile and three cluster ids. */
#define NER_LEX_CASE(v)		((v) & 0x7)
#define NER_LEX_C1(v)		(((v) >> 3) & 0x3F)		/* one of 64 */
#define NER_LEX_C2(v)		(((v) >> 9) & 0xFF)		/* one of 256 */
#define NER_LEX_C3(v)		(((v) >> 17) & 0x3FF)	/* one of 1024 */
#define NER_LEX_MAKE(cas, c1, c2, c3) \
	((uint32_t) (cas) | ((uint32_t) (c1) << 3) | ((uint32_t) (c2) << 9) | ((uint32_t) (c3) << 17))

/* Casing profiles: how the word is mostly written away from sentence starts. */
#define NER_CASE_UNKNOWN	0
#define NER_CASE_LOWER		1
#define NER_CASE_CAP		2
#define NER_CASE_UPPER		3
#define NER_CASE_MIXED		4

/* Token flags. */
#define NER_F_INITCAP	0x0001	/* first letter upper-case, some lower */
#define NER_F_ALLCAP	0x0002	/* letters, all upper-case */
#define NER_F_LOWER		0x0004	/* letters, all lower-case */
#define NER_F_MIXED		0x0008	/* lower then upper, as in iPhone, McDonald */
#define NER_F_DIGIT		0x0010	/* contains a digit */
#define NER_F_NUMBER	0x0020	/* digits and separators only */
#define NER_F_HYPHEN	0x0040
#define NER_F_PERIOD	0x0080
#define NER_F_PUNCT		0x0100	/* no letters or digits */
#define NER_F_APOS		0x0200
#define NER_F_SHORT		0x0400	/* one code point */
#define NER_F_UPPER1	0x0800	/* a single capital letter */
#define NER_NFLAGS		12

/* Not a feature (beyond NER_NFLAGS): the token has a letter of any script. */
#define NER_F_LETTER	0x1000

/* Sentence casing modes, for headlines and uncased text. */
#define NER_SENT_MIXED	0
#define NER_SENT_UPPER	1		/* no lower-case letter in the sentence */
#define NER_SENT_LOWER	2		/* no upper-case letter in the sentence */

/* Bit of a gazetteer match of a type (1-5, gazetteer.h) covering a token as part. */
#define NER_GAZ_BIT(type, part) (1u << (((type) - 1) * 4 + (part)))

/* What the tagger needs to know of one token, computed once. */
typedef struct NerTokInfo
{
	uint64_t	raw;			/* hash of the bytes as written */
	uint64_t	lower;			/* hash of the lower-cased form */
	uint64_t	prefix[4];		/* hashes of lower-cased prefixes, 1-4 chars */
	uint64_t	suffix[4];		/* and suffixes */
	uint32_t	shape;			/* hash of the shape, runs kept to 4 */
	uint32_t	sshape;			/* hash of the shape, runs collapsed */
	uint32_t	flags;			/* NER_F_* */
	uint32_t	lex;			/* lexicon value, 0 if unknown */
	uint32_t	gaz;			/* gazetteer matches covering it, see NER_GAZ_BIT */
	uint8_t		doccase;		/* NER_CASE_* of the word elsewhere in the document */
	uint8_t		sentmode;		/* NER_SENT_* of its sentence */
	bool		first;			/* first token of its sentence */
} NerTokInfo;

/*
 * Memory for the per-document word tables of ner_doc_context and
 * ner_doc_aggregate, kept between documents so tagging allocates nothing
 * per call once it has seen its largest document; starts zeroed.
 */
typedef struct NerScratch
{
	void	   *mem;
	size_t		bytes;
} NerScratch;

/* What the first stage said about a token, the second stage's input. */
typedef struct NerStage1
{
	uint8_t		label;			/* the first stage's label for this token */
	uint8_t		agg;			/* summary of its labels for the same word elsewhere */
} NerStage1;

/*
 * Candidate marks of ner_doc_candidates: a token that may be part of an
 * entity, or one that is certainly outside every entity.
 */
#define NER_CAND_NO		0
#define NER_CAND_YES	1

/* Home slot of a 32-bit key in an open-addressing table of mask + 1 slots. */
static inline uint32_t
ner_slot(uint32_t key, uint32_t mask)
{
	return (uint32_t) ((key * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
}

/* Hash of bytes (FNV-1a then a mixer). */
extern uint64_t ner_hash_bytes(const char *s, size_t len);

/* Lexicon key of a word: the hash of its lower-cased, digit-folded form. */
extern uint32_t ner_lex_key(const char *s, size_t len);

/* Value of a word in the lexicon, 0 if absent. */
extern uint32_t ner_lex_lookup(const NerLexicon *lex, uint32_t key);

/*
 * Summary of one token by itself (its bytes and lex alone decide it); the
 * fields that depend on context are left neutral for ner_doc_context.
 */
extern void ner_word_info(const NerText *t, const NerLexicon *lex, NerTokInfo *info);

/* Release scratch memory; it may be used again afterwards. */
extern void ner_scratch_free(NerScratch *sc);

/*
 * Fill in the context-dependent fields (sentence mode and start, gazetteer
 * matches, document casing) of infos whose word fields are set, with
 * tables in sc (NULL: temporary ones). Returns false if memory ran out.
 */
extern bool ner_doc_context(const NerDoc *doc, NerTokInfo *infos, NerScratch *sc);

/*
 * Fill infos[0..doc->ntokens) for a document; lex may be NULL, sc as for
 * ner_doc_context. Returns false if memory ran out.
 */
extern bool ner_doc_infos(const NerDoc *doc, const NerLexicon *lex,
						  NerTokInfo *infos, NerScratch *sc);

/*
 * Summarise first-stage labels per word of the document into s1[] (see
 * NerStage1), sc as for ner_doc_context. Returns false if memory ran out.
 */
extern bool ner_doc_aggregate(const NerDoc *doc, const NerTokInfo *infos,
							  const uint8_t *labels, NerStage1 *s1, NerScratch *sc);

/*
 * In a normally cased document, mark in cand[] the tokens that may lie in an
 * entity: those with a letter that is not lower-case, digit tokens next to
 * them, short runs of connectors (of, van, de, punctuation...) between them
 * and a possessive after them. On CoNLL-2003 train this keeps 32% of the
 * tokens and all but 0.5% of the entities whole. Sentences that are not of
 * mixed case keep every token. Returns false, marking every token, if the
 * document as a whole is upper-case, lower-case or otherwise not normally
 * cased, so such text is tagged in full.
 */
extern bool ner_doc_candidates(const NerDoc *doc, const NerTokInfo *infos,
							   uint8_t *cand);

/*
 * Feature keys of token i of a sentence spanning [start, end) of the
 * document; s1 is NULL in the first stage. Writes at most NER_MAX_FEATURES
 * keys and returns how many. They are the union of ner_offset_features for
 * every offset of the window and ner_context_features.
 */
extern int	ner_features(const NerTokInfo *infos, const NerStage1 *s1,
						 int32_t start, int32_t end, int32_t i, uint32_t *keys);

/*
 * True if position i gets word-cluster features, which is when a word of
 * i-1..i+1 is in the lexicon (or the position is at a sentence edge).
 */
extern bool ner_has_clusters(const NerTokInfo *infos, int32_t start, int32_t end,
							 int32_t i);

/*
 * Keys of the features that depend on the word at offset d (-NER_WINDOW to
 * NER_WINDOW) from the position and on nothing else, so a tagger may cache
 * their scores per word; t is NULL if the offset falls outside the sentence.
 * clusters as ner_has_clusters says. Writes at most NER_MAX_WORD_FEATURES.
 */
extern int	ner_offset_features(const NerTokInfo *t, int d, bool clusters,
								uint32_t *keys);

/*
 * Keys of the remaining features of position i: word pairs, sentence mode,
 * gazetteer, document casing and, if s1 is not NULL, the second stage's.
 */
extern int	ner_context_features(const NerTokInfo *infos, const NerStage1 *s1,
								 int32_t start, int32_t end, int32_t i, uint32_t *keys);

#endif							/* NER_FEATURES_H */
