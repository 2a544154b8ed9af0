/*
 * span_score.h
 *	  Scoring entity lists given as tab-separated lines "doc<TAB>key...<TAB>
 *	  LABEL": the first field names the document, the last is PER, ORG, LOC
 *	  or MISC, and everything between is the key, such as "pos<TAB>len" for
 *	  character spans or a mention's text. A guess is correct when the same
 *	  (doc, key, label) is in the gold list; repeated lines count as often
 *	  as they occur on both sides (a multiset), so the figures are exact
 *	  span-and-type matches as conlleval counts them.
 */
#ifndef SPAN_SCORE_H
#define SPAN_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SPAN_NLABELS 4

/* One entity line, pointing into the text it was parsed from. */
typedef struct SpanItem
{
	const char *doc;
	size_t		doclen;
	const char *key;
	size_t		keylen;
	int			label;			/* index into span_label_name */
} SpanItem;

/* A list of entities; sorted by span_set_parse. */
typedef struct SpanSet
{
	SpanItem   *items;
	size_t		n;
} SpanSet;

/* Counts per label. */
typedef struct SpanCounts
{
	int64_t		gold[SPAN_NLABELS];
	int64_t		pred[SPAN_NLABELS];
	int64_t		correct[SPAN_NLABELS];
} SpanCounts;

/* Precision, recall and F1 in percent, with their counts. */
typedef struct SpanPrf
{
	double		precision;
	double		recall;
	double		f1;
	int64_t		gold;
	int64_t		pred;
	int64_t		correct;
} SpanPrf;

/* Called for each unmatched entity: a missed gold one or a false guess. */
typedef void (*SpanErrorFn) (void *arg, bool missed, const SpanItem *item);

/* "PER", "ORG", "LOC" or "MISC". */
extern const char *span_label_name(int label);

/*
 * Parse text[0..len) into set, skipping blank lines and lines that start
 * with '#'; the items point into text, which must outlive the set. On a
 * malformed line returns false with a message in err.
 */
extern bool span_set_parse(SpanSet *set, const char *text, size_t len,
						   char *err, size_t errlen);

/* Release a set's items. */
extern void span_set_free(SpanSet *set);

/* Add the matches between two parsed sets to counts; report each unmatched item if fn. */
extern void span_score(const SpanSet *gold, const SpanSet *pred, SpanCounts *counts,
					   SpanErrorFn fn, void *arg);

/* Precision, recall and F1 of one label, or of all if label < 0. */
extern SpanPrf span_prf(const SpanCounts *counts, int label);

/*
 * Print the counts as conlleval does: a summary line (naming the tokens
 * processed if tokens > 0), then one line per label.
 */
extern void span_print(FILE *out, const SpanCounts *counts, int64_t tokens);

#endif							/* SPAN_SCORE_H */
