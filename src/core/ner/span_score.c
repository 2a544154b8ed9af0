/*
 * span_score.c
 *	  Exact-match scoring of entity lists (see span_score.h).
 */
#include <stdlib.h>
#include <string.h>

#include "span_score.h"

static const char *const label_names[SPAN_NLABELS] = {"PER", "ORG", "LOC", "MISC"};

/* "PER", "ORG", "LOC" or "MISC". */
const char *
span_label_name(int label)
{
	return label >= 0 && label < SPAN_NLABELS ? label_names[label] : "?";
}

/* The label named by s[0..len), or -1. */
static int
parse_label(const char *s, size_t len)
{
	for (int i = 0; i < SPAN_NLABELS; i++)
		if (strlen(label_names[i]) == len && memcmp(label_names[i], s, len) == 0)
			return i;
	return -1;
}

/* Split one line into an item; false without a document, a non-empty key and a known label. */
static bool
parse_line(const char *line, size_t len, SpanItem *item)
{
	const char *first = memchr(line, '\t', len);
	const char *last = line + len;

	while (last > line && last[-1] != '\t')
		last--;
	if (first == NULL || last - 1 <= first + 1)
		return false;
	item->doc = line;
	item->doclen = (size_t) (first - line);
	item->key = first + 1;
	item->keylen = (size_t) (last - 1 - item->key);
	item->label = parse_label(last, (size_t) (line + len - last));
	return item->label >= 0;
}

/* Compare two byte strings as memcmp would, shorter first on a tie. */
static int
compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* Order items by document, key, then label, so equal entities sit together. */
static int
compare_items(const SpanItem *a, const SpanItem *b)
{
	int			c = compare_bytes(a->doc, a->doclen, b->doc, b->doclen);

	if (c == 0)
		c = compare_bytes(a->key, a->keylen, b->key, b->keylen);
	if (c == 0)
		c = (a->label > b->label) - (a->label < b->label);
	return c;
}

/* qsort adapter for compare_items. */
static int
compare_qsort(const void *a, const void *b)
{
	return compare_items(a, b);
}

/* Parse lines into a sorted set. */
bool
span_set_parse(SpanSet *set, const char *text, size_t len, char *err, size_t errlen)
{
	size_t		cap = 0;
	size_t		lineno = 0;
	const char *p = text;
	const char *end = text + len;

	memset(set, 0, sizeof(*set));
	while (p < end)
	{
		const char *nl = memchr(p, '\n', (size_t) (end - p));
		size_t		linelen = (size_t) ((nl ? nl : end) - p);

		lineno++;
		if (linelen > 0 && p[linelen - 1] == '\r')
			linelen--;
		if (linelen > 0 && p[0] != '#')
		{
			if (set->n == cap)
			{
				SpanItem   *grown;

				cap = cap ? 2 * cap : 1024;
				grown = realloc(set->items, cap * sizeof(SpanItem));
				if (grown == NULL)
				{
					snprintf(err, errlen, "out of memory");
					span_set_free(set);
					return false;
				}
				set->items = grown;
			}
			if (!parse_line(p, linelen, &set->items[set->n]))
			{
				snprintf(err, errlen, "line %zu: expected doc<TAB>key<TAB>PER|ORG|LOC|MISC", lineno);
				span_set_free(set);
				return false;
			}
			set->n++;
		}
		p = nl ? nl + 1 : end;
	}
	if (set->n > 0)
		qsort(set->items, set->n, sizeof(SpanItem), compare_qsort);
	return true;
}

/* Release a set's items. */
void
span_set_free(SpanSet *set)
{
	free(set->items);
	memset(set, 0, sizeof(*set));
}

/* Merge the two sorted lists: equal items are matches, the rest errors. */
void
span_score(const SpanSet *gold, const SpanSet *pred, SpanCounts *counts,
		   SpanErrorFn fn, void *arg)
{
	size_t		g = 0;
	size_t		p = 0;

	for (size_t i = 0; i < gold->n; i++)
		counts->gold[gold->items[i].label]++;
	for (size_t i = 0; i < pred->n; i++)
		counts->pred[pred->items[i].label]++;
	while (g < gold->n || p < pred->n)
	{
		int			c = g == gold->n ? 1 : p == pred->n ? -1 :
			compare_items(&gold->items[g], &pred->items[p]);

		if (c == 0)
		{
			counts->correct[gold->items[g].label]++;
			g++;
			p++;
		}
		else if (c < 0)
		{
			if (fn)
				fn(arg, true, &gold->items[g]);
			g++;
		}
		else
		{
			if (fn)
				fn(arg, false, &pred->items[p]);
			p++;
		}
	}
}

/* Precision, recall and F1, 0 where undefined as in conlleval. */
SpanPrf
span_prf(const SpanCounts *counts, int label)
{
	SpanPrf		r;

	memset(&r, 0, sizeof(r));
	for (int i = 0; i < SPAN_NLABELS; i++)
	{
		if (label >= 0 && i != label)
			continue;
		r.gold += counts->gold[i];
		r.pred += counts->pred[i];
		r.correct += counts->correct[i];
	}
	r.precision = r.pred ? 100.0 * r.correct / r.pred : 0.0;
	r.recall = r.gold ? 100.0 * r.correct / r.gold : 0.0;
	if (r.precision + r.recall > 0)
		r.f1 = 2 * r.precision * r.recall / (r.precision + r.recall);
	return r;
}

/* conlleval's layout; there is no token accuracy, as spans are not tokens. */
void
span_print(FILE *out, const SpanCounts *counts, int64_t tokens)
{
	SpanPrf		all = span_prf(counts, -1);

	if (tokens > 0)
		fprintf(out, "processed %lld tokens with ", (long long) tokens);
	fprintf(out, "%lld phrases; found: %lld phrases; correct: %lld.\n",
			(long long) all.gold, (long long) all.pred, (long long) all.correct);
	fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %lld\n",
			"overall", all.precision, all.recall, all.f1, (long long) all.pred);
	for (int i = 0; i < SPAN_NLABELS; i++)
	{
		SpanPrf		r = span_prf(counts, i);

		fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %lld\n",
				label_names[i], r.precision, r.recall, r.f1, (long long) r.pred);
	}
}
