/*
 * entities.h
 *	  Named-entity mentions of a document. The tokenizer's tokens are tagged
 *	  by the statistical tagger (ner/) in chunks of whole sentences; mentions
 *	  lose leading titles ("Prime Minister") and edge punctuation; each gets
 *	  a canonical name resolved within the document: a later short form of a
 *	  person ("Harris") takes the fullest earlier form ("Tobias Harris"), and
 *	  places and organisations take the gazetteer's name for a known variant
 *	  ("U.S." -> "United States"). Work is linear in the text; memory is
 *	  bounded by the chunk size plus the document's distinct names.
 */
#ifndef NN_ENTITIES_H
#define NN_ENTITIES_H

#include "dictionary.h"
#include "ner_decode.h"
#include "nn_common.h"
#include "token.h"

/* Most tokens tagged at once; document features apply within a chunk. */
#define NN_ENTITY_CHUNK 20000

/* One mention. */
typedef struct NnEntity
{
	size_t		start;			/* the mention's bytes in the text */
	size_t		end;
	NerType		type;
	float		score;			/* the tagger's confidence, in [0, 1] */
	int32_t		sentence;		/* 1-based, as in sentence.h */
	size_t		canon_off;		/* canonical name in the extractor's arena */
	size_t		canon_len;
} NnEntity;

/* A person's fullest name so far, for resolving later short forms. */
typedef struct NnPersonName
{
	size_t		canon_off;		/* in the arena */
	size_t		canon_len;
	int32_t		first_word;		/* its words in the word pool */
	int32_t		nwords;
} NnPersonName;

/* A slot of the index from a word of a person's name to that person. */
typedef struct NnNameSlot
{
	NerText		word;			/* bytes in the text; len 0 if empty */
	int32_t		person;
} NnNameSlot;

/* Extractor state; treat as opaque. Buffers come from nn_alloc. */
typedef struct NnEntityExtractor
{
	const char *text;
	size_t		len;
	NerTagger  *tagger;
	const NnDict *dict;			/* user dictionary, or NULL */
	NnTokenizer tokenizer;
	bool		use_given;		/* read given rather than the tokenizer */
	const NnToken *given;		/* the caller's tokens */
	int32_t		ngiven;
	int32_t		given_next;		/* the next of them to read */
	NnToken		pending;		/* first token of the next chunk */
	bool		have_pending;
	bool		done;
	/* the current chunk */
	int32_t		cap;			/* tokens the chunk buffers hold */
	int32_t		ntokens;
	NnToken    *tokens;
	NerText    *words;
	int32_t    *sent_start;
	uint8_t    *labels;
	float	   *margins;
	NerEntity  *found;			/* the tagger's entities */
	NerEntity  *merged;			/* the same after the dictionary's override */
	int32_t    *dict_entry;		/* dictionary entry of each merged one, or -1 */
	NnEntity   *out;
	/* canonical names */
	char	   *arena;
	size_t		arena_len;
	size_t		arena_cap;
	/* people seen so far, and an index from a word to its best name */
	NnPersonName *people;
	int32_t		npeople;
	int32_t		people_cap;
	NerText    *pool;			/* words of every person's name */
	int32_t		pool_len;
	int32_t		pool_cap;
	NnNameSlot *slots;			/* open addressing, power-of-two size */
	uint32_t	nslots;
	int32_t		nkeys;
	NnStatus	status;			/* NN_ERR_NOMEM once an allocation failed */
} NnEntityExtractor;

/*
 * Begin extracting from text[0..len) with a tagger whose model is loaded
 * and, if dict is not NULL, a user dictionary whose matches replace the
 * tagger's mentions they overlap.
 */
extern NnStatus nn_entities_begin(NnEntityExtractor *ex, NerTagger *tagger,
								  const NnDict *dict, const char *text, size_t len);

/*
 * As nn_entities_begin, but take text's tokens from tokens[0..ntokens), as
 * nn_tokens_begin/next on the same text gives them, instead of tokenizing
 * again. The caller keeps them unchanged until nn_entities_end.
 */
extern NnStatus nn_entities_begin_tokens(NnEntityExtractor *ex, NerTagger *tagger,
										 const NnDict *dict, const char *text,
										 size_t len, const NnToken *tokens,
										 int32_t ntokens);

/*
 * Go on to the next piece of the same document, text[0..len) with tokens
 * as for nn_entities_begin_tokens, after the last piece's mentions were
 * read: people named in earlier pieces still name later short forms
 * ("Harris" after "Tobias Harris"). text must lie in the same buffer as
 * the earlier pieces, which stays unchanged until nn_entities_end.
 */
extern NnStatus nn_entities_continue_tokens(NnEntityExtractor *ex, const char *text,
											size_t len, const NnToken *tokens,
											int32_t ntokens);

/*
 * Tag the next chunk; point *ents at its mentions in document order and
 * return how many (valid until the next call). Returns 0 at the end.
 */
extern int	nn_entities_next(NnEntityExtractor *ex, const NnEntity **ents);

/* The canonical name of a mention from the last call (not NUL-terminated). */
extern const char *nn_entities_canonical(const NnEntityExtractor *ex, const NnEntity *e);

/* Release the extractor's buffers. */
extern void nn_entities_end(NnEntityExtractor *ex);

/* "PER", "ORG", "LOC" or "MISC". */
extern const char *nn_entity_label(NerType type);

#endif							/* NN_ENTITIES_H */
