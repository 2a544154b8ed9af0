/*
 * token.h
 *	  Streaming tokenizer for news text: words, numbers, punctuation and the
 *	  conventions of news copy (possessives, contractions, initials, dotted
 *	  abbreviations, numbers with separators, URLs, e-mail addresses, handles,
 *	  hashtags, quote marks told apart from apostrophes). Chinese, Japanese
 *	  and South-East Asian scripts are split with ICU's dictionary word break.
 *	  Tokens never cross a sentence boundary of sentence.h.
 */
#ifndef NN_TOKEN_H
#define NN_TOKEN_H

#include "nn_common.h"
#include "sentence.h"

/* What a token is; later stages (tagger, quotes) read this. */
typedef enum NnTokenKind
{
	NN_TOK_WORD,				/* letters, possibly with digits, hyphens, marks */
	NN_TOK_NUMBER,				/* 28,500  2.5  1990s  10:30 */
	NN_TOK_ABBREV,				/* U.S.  J.D.  Gen.  Jan.  (period included) */
	NN_TOK_CLITIC,				/* 's  n't  're  've  'll  'd  'm */
	NN_TOK_PUNCT,				/* . , ; : ! ? ( ) ... dashes */
	NN_TOK_QUOTE_OPEN,			/* a quote mark that opens: “ ‘ « „ " */
	NN_TOK_QUOTE_CLOSE,			/* a quote mark that closes: ” ’ » " */
	NN_TOK_SYMBOL,				/* $ € % & emoji and other symbols */
	NN_TOK_URL,
	NN_TOK_EMAIL,
	NN_TOK_HANDLE,				/* @name */
	NN_TOK_HASHTAG				/* #name */
} NnTokenKind;

/* One token: its byte span, kind and 1-based sentence number. */
typedef struct NnToken
{
	size_t		start;
	size_t		end;
	int32_t		sentence;
	NnTokenKind kind;
} NnToken;

/* Iterator state; treat as opaque. */
typedef struct NnTokenizer
{
	const char *text;
	size_t		len;
	NnSentenceSplitter splitter;
	NnSentence	cur;			/* sentence being tokenized */
	bool		have_sentence;
	bool		done;			/* the splitter has no more sentences */
	int32_t		sentence_no;
	int32_t		paragraph;		/* of cur; quote depths restart with it */
	size_t		pos;			/* next byte to scan in the current sentence */
	/* segments of a dictionary-broken (CJK, Thai...) run still to emit */
	size_t		run_start;		/* ICU's offsets count from here */
	size_t		run_end;
	bool		in_run;
	bool		run_icu;		/* ICU's word iterator holds the run */
	int			quote_depth;	/* open straight double quotes, for open/close */
	int			squote_depth;	/* open single quotes, for ' and ’ */
	size_t		last_end;		/* end and kind of the last token emitted */
	NnTokenKind last_kind;
	size_t		next_check;		/* offset of the next interrupt check */
	size_t		no_email_before;	/* e-mail scans from before here fail */
} NnTokenizer;

/* Begin tokenizing text[0..len). The text must outlive the tokenizer. */
extern NnStatus nn_tokens_begin(NnTokenizer *tk, const char *text, size_t len);

/*
 * Produce the next token into *out. Returns false at the end of the text.
 * As with sentence.h, at most one tokenizer may be active at a time in a
 * process: they share cached ICU iterators.
 */
extern bool nn_tokens_next(NnTokenizer *tk, NnToken *out);


#endif							/* NN_TOKEN_H */
