/*
 * ner_clusters.c
 *	  ner-clusters: induce word clusters from unlabelled text for the tagger.
 *
 *	  ner-clusters --out FILE [--conll FILE]... [--min-count N] [--iters N] TEXT...
 *
 *	  TEXT files are raw text (one paragraph a line) or JSON lines whose
 *	  "sentence_normalized" field holds the text; --conll files contribute
 *	  their token column. Words are lower-cased and digit-folded, and known
 *	  only by a hash. The exchange algorithm (Kneser and Ney 1993, Martin,
 *	  Liermann and Ney 1998) moves each word to the class that most raises
 *	  the class-bigram likelihood; running it again over the 1024 classes
 *	  gives nested coarser levels of 256 and 64, like prefixes of Brown
 *	  cluster paths. Each word also gets its casing profile: how it is
 *	  mostly written when not at a sentence start.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_conll.h"
#include "ner_lexicon_file.h"

#define K3 1024
#define K2 256
#define K1 64
#define FLOG_TABLE (1 << 22)

/* Per-word counts while reading. */
typedef struct WordStat
{
	uint32_t	key;
	int64_t		count;
	int32_t		lower;			/* non-initial occurrences by casing */
	int32_t		cap;
	int32_t		upper;
	int32_t		id;				/* item id in the clustering, -1 if rare */
} WordStat;

/* A growing hash table of words and the token stream of ids. */
typedef struct Vocab
{
	WordStat   *w;
	uint32_t	mask;
	int32_t		n;
	uint32_t   *stream;			/* slot of each token; UINT32_MAX ends a sentence */
	int64_t		nstream;
	int64_t		cap;
} Vocab;

/* Items to cluster with their bigram counts in both directions. */
typedef struct Graph
{
	int32_t		n;
	int64_t    *count;			/* occurrences of each item */
	int64_t    *self;			/* bigrams of an item with itself */
	int64_t    *soff;			/* successors of item i: [soff[i], soff[i+1]) */
	int32_t    *succ;
	int64_t    *sn;
	int64_t    *poff;			/* predecessors, likewise */
	int32_t    *pred;
	int64_t    *pn;
} Graph;

static double *flog;			/* x log x for small x */

/* x log x, from the table when small. */
static inline double
xlogx(int64_t x)
{
	if (x < FLOG_TABLE)
		return flog[x];
	return (double) x * log((double) x);
}

/* Fill the x log x table. */
static void
init_flog(void)
{
	flog = malloc(sizeof(double) * FLOG_TABLE);
	flog[0] = 0.0;
	for (int64_t x = 1; x < FLOG_TABLE; x++)
		flog[x] = (double) x * log((double) x);
}

/* Slot of a key in the vocabulary, adding it if new. */
static uint32_t
vocab_slot(Vocab *v, uint32_t key)
{
	uint32_t	h = ner_slot(key, v->mask);

	while (v->w[h].count > 0 && v->w[h].key != key)
		h = (h + 1) & v->mask;
	if (v->w[h].count == 0)
	{
		v->w[h].key = key;
		v->n++;
		if ((uint32_t) v->n * 2 > v->mask)
		{
			fprintf(stderr, "ner-clusters: vocabulary too large\n");
			exit(1);
		}
	}
	return h;
}

/* Append to the token stream. */
static void
stream_push(Vocab *v, uint32_t slot)
{
	if (v->nstream == v->cap)
	{
		v->cap = v->cap ? 2 * v->cap : 1 << 20;
		v->stream = realloc(v->stream, sizeof(uint32_t) * (size_t) v->cap);
		if (v->stream == NULL)
			exit(1);
	}
	v->stream[v->nstream++] = slot;
}

/* Casing of a token: 0 none, 1 lower, 2 capitalised, 3 all capitals. */
static int
casing(const char *s, size_t len)
{
	int			up = 0,
				low = 0;

	for (size_t i = 0; i < len; i++)
	{
		up += isupper((unsigned char) s[i]) != 0;
		low += islower((unsigned char) s[i]) != 0;
	}
	if (up == 0 && low == 0)
		return 0;
	if (up == 0)
		return 1;
	if (low == 0)
		return len > 1 ? 3 : 2;
	return isupper((unsigned char) s[0]) ? 2 : 1;
}

/* Add one sentence of tokens: counts, casing away from the start, stream. */
static void
add_sentence(Vocab *v, const NerText *toks, int n)
{
	bool		cased = false;

	for (int i = 0; i < n; i++)
		cased |= casing(toks[i].s, toks[i].len) == 1;
	for (int i = 0; i < n; i++)
	{
		uint32_t	h = vocab_slot(v, ner_lex_key(toks[i].s, toks[i].len));
		WordStat   *w = &v->w[h];
		int			c = casing(toks[i].s, toks[i].len);

		w->count++;
		if (cased && i > 0 && c > 0 && isalnum((unsigned char) toks[i - 1].s[0]))
		{
			w->lower += c == 1;
			w->cap += c == 2;
			w->upper += c == 3;
		}
		stream_push(v, h);
	}
	if (n > 0)
		stream_push(v, UINT32_MAX);
}

/* True for bytes split off a word as punctuation tokens. */
static bool
is_split_punct(unsigned char c)
{
	return strchr(",.;:!?()[]{}\"", c) != NULL && c != '\0';
}

/* Length of a curly quote or dash (UTF-8) at s, or 0. */
static int
curly_len(const char *s, size_t len)
{
	if (len >= 3 && (unsigned char) s[0] == 0xE2 && (unsigned char) s[1] == 0x80 &&
		(((unsigned char) s[2] >= 0x98 && (unsigned char) s[2] <= 0x9D) ||
		 (unsigned char) s[2] == 0x94 || (unsigned char) s[2] == 0x93))
		return 3;
	return 0;
}

/* Split a whitespace-free chunk into tokens the way CoNLL text is split. */
static int
split_chunk(const char *s, size_t len, NerText *out, int max)
{
	int			n = 0;
	size_t		a = 0,
				b = len;
	int			tail_start;

	while (a < b && n < max)
	{
		int			q = curly_len(s + a, b - a);

		if (q == 0 && !is_split_punct((unsigned char) s[a]) && s[a] != '\'')
			break;
		q = q ? q : 1;
		out[n++] = (NerText) {s + a, (size_t) q};
		a += (size_t) q;
	}
	tail_start = max;
	while (b > a && tail_start > n + 2)
	{
		if (b - a >= 3 && curly_len(s + b - 3, 3))
			b -= 3;
		else if (is_split_punct((unsigned char) s[b - 1]) || s[b - 1] == '\'')
			b -= 1;
		else
			break;
		tail_start--;
	}
	if (b > a && n < tail_start)
	{
		size_t		cl = 0;

		if (b - a > 2 && s[b - 2] == '\'' && tolower((unsigned char) s[b - 1]) == 's')
			cl = 2;
		else if (b - a > 3 && s[b - 3] == 'n' && s[b - 2] == '\'' && s[b - 1] == 't')
			cl = 3;
		out[n++] = (NerText) {s + a, b - a - cl};
		if (cl)
			out[n++] = (NerText) {s + b - cl, cl};
	}
	for (size_t e = b; e < len && n < max;)
	{
		int			q = curly_len(s + e, len - e);

		q = q ? q : 1;
		out[n++] = (NerText) {s + e, (size_t) q};
		e += (size_t) q;
	}
	return n;
}

/* Tokenize a line of raw text into sentences at . ! ? and add them. */
static void
add_text(Vocab *v, const char *s, size_t len)
{
	static NerText toks[4096];
	int			n = 0;
	size_t		i = 0;

	while (i < len)
	{
		size_t		j;

		while (i < len && isspace((unsigned char) s[i]))
			i++;
		j = i;
		while (j < len && !isspace((unsigned char) s[j]))
			j++;
		if (j > i && n < 4000)
			n += split_chunk(s + i, j - i, toks + n, 4000 - n);
		if (n > 0 && (toks[n - 1].len == 1 && strchr(".!?", toks[n - 1].s[0])))
		{
			add_sentence(v, toks, n);
			n = 0;
		}
		i = j;
	}
	add_sentence(v, toks, n);
}

/* Decode the JSON string starting after the opening quote, in place; returns its length. */
static size_t
json_string(char *s)
{
	char	   *r = s,
			   *w = s;

	while (*r && *r != '"')
	{
		if (*r == '\\' && r[1])
		{
			r++;
			if (*r == 'u')
			{
				*w++ = ' ';		/* escaped code points only separate words here */
				r += strlen(r) >= 5 ? 5 : strlen(r);
				continue;
			}
			*w++ = *r == 'n' || *r == 't' ? ' ' : *r;
			r++;
			continue;
		}
		*w++ = *r++;
	}
	return (size_t) (w - s);
}

/* Add every line of a raw text or JSON-lines file. */
static void
add_file(Vocab *v, const char *path)
{
	size_t		len;
	char	   *buf = read_file(path, &len);
	bool		jsonl = len > 0 && buf[0] == '{';
	char	   *line = buf;

	if (buf == NULL)
	{
		fprintf(stderr, "ner-clusters: cannot read %s\n", path);
		exit(1);
	}
	while (line && *line)
	{
		char	   *nl = strchr(line, '\n');
		char	   *f;

		if (nl)
			*nl = '\0';
		if (!jsonl)
			add_text(v, line, strlen(line));
		else if ((f = strstr(line, "\"sentence_normalized\": \"")) != NULL)
		{
			f += strlen("\"sentence_normalized\": \"");
			add_text(v, f, json_string(f));
		}
		line = nl ? nl + 1 : NULL;
	}
	free(buf);
}

/* Add the sentences of a CoNLL file (token column only). */
static void
add_conll(Vocab *v, const char *path)
{
	ConllCorpus c;
	char		err[256];

	if (!conll_read(path, &c, err, sizeof(err)))
	{
		fprintf(stderr, "ner-clusters: %s\n", err);
		exit(1);
	}
	for (int d = 0; d < c.ndocs; d++)
	{
		const NerDoc *doc = &c.docs[d].doc;

		for (int32_t s = 0; s < doc->nsent; s++)
			add_sentence(v, doc->tokens + doc->sent_start[s],
						 doc->sent_start[s + 1] - doc->sent_start[s]);
	}
	conll_free(&c);
}

/* Order of word slots by count, then key: deterministic. */
static WordStat *sort_base;

/* qsort comparator: more frequent first. */
static int
cmp_slot_freq(const void *a, const void *b)
{
	const WordStat *x = &sort_base[*(const uint32_t *) a];
	const WordStat *y = &sort_base[*(const uint32_t *) b];

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->key > y->key) - (x->key < y->key);
}

/* qsort comparator of packed bigrams. */
static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a;
	uint64_t	y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

/* Build one direction's adjacency lists from sorted packed (from, to) pairs. */
static void
adjacency(const uint64_t *pairs, int64_t np, int32_t n, bool swap, int64_t **off,
		  int32_t **nb, int64_t **cnt, int64_t *self)
{
	int64_t		k = 0,
				m = 0;

	*off = calloc((size_t) n + 1, sizeof(int64_t));
	*nb = malloc(sizeof(int32_t) * ((size_t) np + 1));
	*cnt = malloc(sizeof(int64_t) * ((size_t) np + 1));
	for (int32_t i = 0; i < n; i++)
	{
		(*off)[i] = m;
		while (k < np && (int32_t) (pairs[k] >> 32) == i)
		{
			int64_t		c = 0;
			uint64_t	p = pairs[k];

			while (k < np && pairs[k] == p)
			{
				c++;
				k++;
			}
			if ((int32_t) (uint32_t) p == i)
			{
				if (!swap)
					self[i] += c;
				continue;
			}
			(*nb)[m] = (int32_t) (uint32_t) p;
			(*cnt)[m++] = c;
		}
	}
	(*off)[n] = m;
}

/* A graph over n items from a sequence of item ids (-1 separates sentences). */
static Graph
build_graph(const int32_t *seq, int64_t len, int32_t n)
{
	Graph		g;
	uint64_t   *fw = malloc(sizeof(uint64_t) * ((size_t) len + 1));
	uint64_t   *bw = malloc(sizeof(uint64_t) * ((size_t) len + 1));
	int64_t		np = 0;

	memset(&g, 0, sizeof(g));
	g.n = n;
	g.count = calloc((size_t) n + 1, sizeof(int64_t));
	g.self = calloc((size_t) n + 1, sizeof(int64_t));
	for (int64_t i = 0; i < len; i++)
	{
		if (seq[i] >= 0)
			g.count[seq[i]]++;
		if (i + 1 < len && seq[i] >= 0 && seq[i + 1] >= 0)
		{
			fw[np] = ((uint64_t) seq[i] << 32) | (uint32_t) seq[i + 1];
			bw[np++] = ((uint64_t) seq[i + 1] << 32) | (uint32_t) seq[i];
		}
	}
	qsort(fw, (size_t) np, sizeof(uint64_t), cmp_u64);
	qsort(bw, (size_t) np, sizeof(uint64_t), cmp_u64);
	adjacency(fw, np, n, false, &g.soff, &g.succ, &g.sn, g.self);
	adjacency(bw, np, n, true, &g.poff, &g.pred, &g.pn, g.self);
	free(fw);
	free(bw);
	return g;
}

/* Release a graph. */
static void
free_graph(Graph *g)
{
	free(g->count);
	free(g->self);
	free(g->soff);
	free(g->succ);
	free(g->sn);
	free(g->poff);
	free(g->pred);
	free(g->pn);
}

/* Class-bigram state of the exchange algorithm. */
typedef struct Exchange
{
	int			k;
	int64_t    *nn;				/* k * k class bigram counts */
	int64_t    *nl;				/* class counts as the left member */
	int64_t    *nr;				/* and as the right member */
	int64_t    *r;				/* per class: bigrams item -> class */
	int64_t    *l;				/* per class: bigrams class -> item */
	int32_t    *touched;
} Exchange;

/* Gather an item's neighbour counts per class into x->r and x->l. */
static int
gather(const Graph *g, const int32_t *cls, int32_t w, Exchange *x)
{
	int			nt = 0;

	for (int64_t e = g->soff[w]; e < g->soff[w + 1]; e++)
	{
		int32_t		c = cls[g->succ[e]];

		if (x->r[c] == 0 && x->l[c] == 0)
			x->touched[nt++] = c;
		x->r[c] += g->sn[e];
	}
	for (int64_t e = g->poff[w]; e < g->poff[w + 1]; e++)
	{
		int32_t		c = cls[g->pred[e]];

		if (x->r[c] == 0 && x->l[c] == 0)
			x->touched[nt++] = c;
		x->l[c] += g->pn[e];
	}
	return nt;
}

/* Add (sign +1) or remove (-1) an item's bigrams to or from class b. */
static void
move(Exchange *x, const Graph *g, int32_t w, int b, int nt, int sign)
{
	int			k = x->k;

	for (int t = 0; t < nt; t++)
	{
		int			c = x->touched[t];

		if (c == b)
			continue;
		x->nn[(size_t) b * k + c] += sign * x->r[c];
		x->nn[(size_t) c * k + b] += sign * x->l[c];
	}
	x->nn[(size_t) b * k + b] += sign * (x->r[b] + x->l[b] + g->self[w]);
	x->nl[b] += sign * g->count[w];
	x->nr[b] += sign * g->count[w];
}

/* Gain in the objective from putting item w (removed) into class b. */
static double
gain(const Exchange *x, const Graph *g, int32_t w, int b, int nt)
{
	int			k = x->k;
	double		d = 0.0;
	int64_t		bb = x->nn[(size_t) b * k + b];

	for (int t = 0; t < nt; t++)
	{
		int			c = x->touched[t];
		int64_t		v;

		if (c == b)
			continue;
		if (x->r[c])
		{
			v = x->nn[(size_t) b * k + c];
			d += xlogx(v + x->r[c]) - xlogx(v);
		}
		if (x->l[c])
		{
			v = x->nn[(size_t) c * k + b];
			d += xlogx(v + x->l[c]) - xlogx(v);
		}
	}
	d += xlogx(bb + x->r[b] + x->l[b] + g->self[w]) - xlogx(bb);
	d -= xlogx(x->nl[b] + g->count[w]) - xlogx(x->nl[b]);
	d -= xlogx(x->nr[b] + g->count[w]) - xlogx(x->nr[b]);
	return d;
}

/* Cluster the items of g into k classes; items come in decreasing frequency. */
static int32_t *
exchange(const Graph *g, int k, int iters)
{
	int32_t    *cls = malloc(sizeof(int32_t) * ((size_t) g->n + 1));
	Exchange	x;

	x.k = k;
	x.nn = calloc((size_t) k * k, sizeof(int64_t));
	x.nl = calloc((size_t) k, sizeof(int64_t));
	x.nr = calloc((size_t) k, sizeof(int64_t));
	x.r = calloc((size_t) k, sizeof(int64_t));
	x.l = calloc((size_t) k, sizeof(int64_t));
	x.touched = malloc(sizeof(int32_t) * (size_t) k);
	for (int32_t w = 0; w < g->n; w++)
		cls[w] = w % k;
	for (int32_t w = 0; w < g->n; w++)
	{
		for (int64_t e = g->soff[w]; e < g->soff[w + 1]; e++)
			x.nn[(size_t) cls[w] * k + cls[g->succ[e]]] += g->sn[e];
		x.nn[(size_t) cls[w] * k + cls[w]] += g->self[w];
		x.nl[cls[w]] += g->count[w];
		x.nr[cls[w]] += g->count[w];
	}
	for (int it = 0; it < iters; it++)
	{
		int64_t		moved = 0;

		for (int32_t w = 0; w < g->n; w++)
		{
			int			nt = gather(g, cls, w, &x);
			int			best = cls[w];
			double		top;

			move(&x, g, w, cls[w], nt, -1);
			top = gain(&x, g, w, best, nt);
			for (int b = 0; b < k; b++)
			{
				double		d = gain(&x, g, w, b, nt);

				if (d > top + 1e-9)
				{
					top = d;
					best = b;
				}
			}
			moved += best != cls[w];
			cls[w] = best;
			move(&x, g, w, best, nt, 1);
			for (int t = 0; t < nt; t++)
				x.r[x.touched[t]] = x.l[x.touched[t]] = 0;
		}
		fprintf(stderr, "exchange k=%d pass %d: %lld moved\n", k, it + 1, (long long) moved);
		if (moved == 0)
			break;
	}
	free(x.nn);
	free(x.nl);
	free(x.nr);
	free(x.r);
	free(x.l);
	free(x.touched);
	return cls;
}

/* Casing profile of a word from its non-initial occurrences. */
static uint32_t
profile(const WordStat *w)
{
	int32_t		t = w->lower + w->cap + w->upper;

	if (t >= 2 && 10 * w->lower >= 8 * t)
		return NER_CASE_LOWER;
	if (t >= 2 && 10 * w->cap >= 8 * t)
		return NER_CASE_CAP;
	if (t >= 2 && 10 * w->upper >= 8 * t)
		return NER_CASE_UPPER;
	return NER_CASE_MIXED;
}

/* qsort comparator of lexicon entries (key, value) by key. */
static int
cmp_entry(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a;
	uint32_t	y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

/* Relabel a sequence of items by their classes. */
static int32_t *
map_seq(const int32_t *seq, int64_t len, const int32_t *cls)
{
	int32_t    *out = malloc(sizeof(int32_t) * ((size_t) len + 1));

	for (int64_t i = 0; i < len; i++)
		out[i] = seq[i] < 0 ? -1 : cls[seq[i]];
	return out;
}

/* Cluster the vocabulary and write the lexicon file. */
static void
cluster_and_write(Vocab *v, int min_count, int iters, const char *out)
{
	uint32_t   *order = malloc(sizeof(uint32_t) * ((size_t) v->n + 1));
	int32_t		n = 0,
				nitems = 0;
	int32_t    *seq = malloc(sizeof(int32_t) * ((size_t) v->nstream + 1));
	int32_t    *c3,
			   *c2,
			   *c1,
			   *s2,
			   *s3;
	Graph		g;
	LexiconFile lex;

	for (uint32_t h = 0; h <= v->mask; h++)
		if (v->w[h].count > 0)
			order[n++] = h;
	sort_base = v->w;
	qsort(order, (size_t) n, sizeof(uint32_t), cmp_slot_freq);
	for (int32_t i = 0; i < n; i++)
		v->w[order[i]].id = v->w[order[i]].count >= min_count ? nitems++ : -1;
	for (int64_t i = 0; i < v->nstream; i++)
		seq[i] = v->stream[i] == UINT32_MAX ? -1 :
			v->w[v->stream[i]].id >= 0 ? v->w[v->stream[i]].id : nitems;
	fprintf(stderr, "%lld tokens, %d words, %d clustered\n", (long long) v->nstream, n, nitems);
	g = build_graph(seq, v->nstream, nitems + 1);
	c3 = exchange(&g, K3, iters);
	free_graph(&g);
	s3 = map_seq(seq, v->nstream, c3);
	g = build_graph(s3, v->nstream, K3);
	c2 = exchange(&g, K2, iters);
	free_graph(&g);
	s2 = map_seq(s3, v->nstream, c2);
	g = build_graph(s2, v->nstream, K2);
	c1 = exchange(&g, K1, iters);
	free_graph(&g);
	lex.n = 0;
	lex.keys = malloc(sizeof(uint32_t) * 2 * ((size_t) nitems + 1));
	for (int32_t i = 0; i < n; i++)
	{
		WordStat   *w = &v->w[order[i]];
		int32_t		a = w->id;

		if (a < 0)
			continue;
		lex.keys[2 * lex.n] = w->key;
		lex.keys[2 * lex.n + 1] = NER_LEX_MAKE(profile(w), c1[c2[c3[a]]], c2[c3[a]], c3[a]);
		lex.n++;
	}
	qsort(lex.keys, lex.n, 2 * sizeof(uint32_t), cmp_entry);
	lex.values = malloc(sizeof(uint32_t) * ((size_t) lex.n + 1));
	for (uint32_t i = 0; i < lex.n; i++)
	{
		lex.values[i] = lex.keys[2 * i + 1];
		lex.keys[i] = lex.keys[2 * i];
	}
	if (!lexicon_file_write(out, &lex))
	{
		fprintf(stderr, "ner-clusters: cannot write %s\n", out);
		exit(1);
	}
	fprintf(stderr, "wrote %s: %u words\n", out, lex.n);
}

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: ner-clusters --out FILE [--conll FILE]... [--min-count N] [--iters N] TEXT...\n");
	exit(2);
}

/* Read the corpora, cluster, write. */
int
main(int argc, char **argv)
{
	Vocab		v;
	const char *out = NULL;
	int			min_count = 3;
	int			iters = 8;

	memset(&v, 0, sizeof(v));
	v.mask = (1u << 21) - 1;
	v.w = calloc((size_t) v.mask + 1, sizeof(WordStat));
	init_flog();
	for (int i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "--conll") == 0 && i + 1 < argc)
			add_conll(&v, argv[++i]);
		else if (strcmp(argv[i], "--min-count") == 0 && i + 1 < argc)
			min_count = atoi(argv[++i]);
		else if (strcmp(argv[i], "--iters") == 0 && i + 1 < argc)
			iters = atoi(argv[++i]);
		else if (strncmp(argv[i], "--", 2) == 0)
			usage();
		else
			add_file(&v, argv[i]);
	}
	if (out == NULL || v.nstream == 0)
		usage();
	cluster_and_write(&v, min_count, iters, out);
	return 0;
}
