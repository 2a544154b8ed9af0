/*
 * quotes.h
 *	  Quotations of a news document and who said them. Quote marks of many
 *	  languages delimit direct and partial quotes; reporting verbs (cues.h),
 *	  "according to", a colon or a dash tie a quote to its speaker; a
 *	  reporting verb without quote marks gives an indirect quote (the
 *	  reported clause). Speakers are entity mentions with their canonical
 *	  names (entities.h), pronouns resolved to the last fitting mention, or
 *	  described sources ("a senior official") labelled DESC. Work is linear
 *	  in the text apart from sorting the rows.
 */
#ifndef NN_QUOTES_H
#define NN_QUOTES_H

#include "entities.h"
#include "nn_common.h"

/* What a row is. */
typedef enum NnQuoteKind
{
	NN_QUOTE_DIRECT,			/* a whole quoted sentence or more */
	NN_QUOTE_PARTIAL,			/* quoted words inside the writer's sentence */
	NN_QUOTE_INDIRECT			/* a reported clause without quote marks */
} NnQuoteKind;

/* One quote; byte spans of the text, empty (start == end) when absent. */
typedef struct NnQuote
{
	NnQuoteKind kind;
	size_t		start;			/* the quote without its enclosing marks */
	size_t		end;
	size_t		cue_start;		/* the cue as written */
	size_t		cue_end;
	const char *cue;			/* lemma, "according to", ":" or "—" */
	size_t		spk_start;		/* the speaker as written (mention, pronoun, */
	size_t		spk_end;		/* description) */
	size_t		name_off;		/* the speaker's resolved name in the arena */
	size_t		name_len;
	const char *label;			/* "PER", "ORG", "LOC", "MISC", "DESC" or NULL */
	int32_t		paragraph;		/* 1-based, as in sentence.h */
	float		score;			/* rough confidence in [0, 1] */
} NnQuote;

/* The quotes of a document, in text order. Buffers come from nn_alloc. */
typedef struct NnQuoteList
{
	NnQuote    *items;
	int32_t		n;
	int32_t		cap;
	char	   *arena;			/* speakers' names */
	size_t		arena_len;
	size_t		arena_cap;
} NnQuoteList;

/*
 * A mention as other analyses of the same pass see it (stance): a name, or a
 * pronoun resolved to the name of its antecedent.
 */
typedef struct NnQuoteMention
{
	size_t		start;			/* the mention or pronoun in the text */
	size_t		end;
	NerType		type;
	const char *name;			/* canonical name, valid during the call */
	size_t		name_len;
	bool		pronoun;
} NnQuoteMention;

/*
 * Callbacks fed by the extraction pass, chunk by chunk and in text order,
 * each text position once: every mention and resolved pronoun, then the
 * chunk's tokens (offsets from base; a new sentence number per chunk) when
 * tokens is not NULL.
 * A callback returns false when memory ran out.
 */
typedef struct NnQuoteSink
{
	bool		(*mention) (void *arg, const NnQuoteMention *m);
	bool		(*tokens) (void *arg, const NnToken *tokens, int32_t n, size_t base);
	void	   *arg;
	bool		mentions_only;	/* no quote rows wanted: cues and attribution are skipped */
} NnQuoteSink;

/*
 * Find the quotes of text[0..len) with a tagger whose model is loaded.
 * On success *out holds the rows; release them with nn_quotes_free.
 */
extern NnStatus nn_quotes_extract(NerTagger *tagger, const char *text, size_t len,
								  NnQuoteList *out);

/* As nn_quotes_extract, also feeding the mentions and tokens to sink. */
extern NnStatus nn_quotes_extract_sink(NerTagger *tagger, const char *text, size_t len,
									   NnQuoteList *out, const NnQuoteSink *sink);

/* The resolved speaker name of q (not NUL-terminated; name_len bytes). */
extern const char *nn_quote_speaker(const NnQuoteList *list, const NnQuote *q);

/* "direct", "partial" or "indirect". */
extern const char *nn_quote_kind_name(NnQuoteKind kind);

/* Release the rows' buffers. */
extern void nn_quotes_free(NnQuoteList *list);

#endif							/* NN_QUOTES_H */
