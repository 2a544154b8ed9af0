/*
 * sentence.h
 *	  Streaming sentence and paragraph segmentation of news text.
 *
 *	  Paragraphs are runs of lines separated by one or more newlines; a
 *	  sentence never crosses a paragraph. Within a paragraph ICU's sentence
 *	  iterator (en@ss=standard) proposes boundaries and news-specific rules
 *	  (titles, initials, U.S., quote-then-attribution) veto the wrong ones.
 *	  Work is linear in the input and the interrupt hook runs regularly.
 */
#ifndef NN_SENTENCE_H
#define NN_SENTENCE_H

#include "nn_common.h"

/*
 * Longest stretch of one paragraph handed to ICU at once. A longer paragraph
 * is cut at its last whitespace before the limit, so one call to ICU stays
 * short enough to keep cancellation prompt.
 */
#define NN_SENTENCE_WINDOW (256 * 1024)

/* One sentence: its byte span (trimmed of surrounding whitespace). */
typedef struct NnSentence
{
	size_t		start;
	size_t		end;
	int32_t		paragraph;		/* 1-based, counting non-blank paragraphs */
} NnSentence;

/* Iterator state; treat as opaque. */
typedef struct NnSentenceSplitter
{
	const char *text;
	size_t		len;
	size_t		para_end;		/* end of the current paragraph */
	size_t		win_start;		/* window of the paragraph given to ICU */
	size_t		win_end;
	size_t		cursor;			/* next sentence starts at or after this */
	int32_t		paragraph;
	bool		in_window;
	bool		para_open;		/* the paragraph goes on past win_end */
	bool		icu_ok;			/* ICU accepted the window */
	bool		have_cand;		/* cand awaits a decision */
	size_t		cand;			/* ICU's candidate boundary */
	size_t		icu_prev;		/* ICU's previous candidate boundary */
	size_t		scan_pos;		/* ellipses searched up to here */
	size_t		unchecked;		/* bytes of progress since the last interrupt
								 * check */
} NnSentenceSplitter;

/* Begin splitting text[0..len). The text must outlive the splitter. */
extern NnStatus nn_sentences_begin(NnSentenceSplitter *sp, const char *text, size_t len);

/*
 * Produce the next sentence into *out. Returns false at the end of the text.
 * At most one splitter may be active at a time in a process: they share one
 * cached ICU iterator.
 */
extern bool nn_sentences_next(NnSentenceSplitter *sp, NnSentence *out);


#endif							/* NN_SENTENCE_H */
