/*
 * ner_train.c
 *	  Averaged structured perceptron training of the tagger (see ner_train.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_decode.h"
#include "ner_score.h"
#include "ner_train.h"

#define L NER_NLABELS
#define TRANS_N ((L + 1) * L)

/* Open-addressing map from feature key to dense feature id. */
typedef struct IdMap
{
	uint32_t   *keys;
	int32_t    *ids;			/* -1 for an empty slot */
	uint32_t	mask;
	int32_t		n;
} IdMap;

/* One sentence of a corpus, as flattened token positions. */
typedef struct Sent
{
	int32_t		doc;
	int64_t		start;
	int64_t		end;
} Sent;

/* Documents flattened into token arrays. */
typedef struct Corpus
{
	const NerTrainDoc *docs;
	int			ndocs;
	int64_t		ntok;
	int64_t    *base;			/* first token of each document */
	NerTokInfo *infos;
	uint8_t    *gold;
	NerStage1  *s1;				/* NULL until a first stage has run */
	Sent	   *sents;
	int32_t		nsents;
	int32_t		maxlen;			/* longest sentence */
} Corpus;

/* Feature ids of every token of a corpus. */
typedef struct Feats
{
	int64_t    *off;			/* ntok + 1 offsets into ids */
	int32_t    *ids;
	int64_t		nids;
	int64_t		cap;
} Feats;

/* Perceptron weights with the sums needed for averaging. */
typedef struct Percep
{
	int32_t		nfeat;
	float	   *w;
	float	   *u;				/* sum of c * update, for averaging */
	double		tw[TRANS_N];
	double		tu[TRANS_N];
	double		c;
} Percep;

/* Scratch space for decoding one sentence. */
typedef struct Scratch
{
	double	   *emit;
	double	   *work;
	uint8_t    *back;
	uint8_t    *pred;
} Scratch;

static void say(const NerTrainOptions *opt, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* Send a formatted progress line to the caller. */
static void
say(const NerTrainOptions *opt, const char *fmt,...)
{
	char		line[256];
	va_list		ap;

	if (opt->report == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	opt->report(line);
}

/* Default options. */
void
ner_train_defaults(NerTrainOptions *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->iters = 12;
	opt->stages = 2;
	opt->folds = 5;
	opt->min_count = 2;
	opt->seed = 20030601;
	opt->prune = 0.0f;
}

/* xorshift64 step, for reproducible shuffles. */
static uint64_t
next_random(uint64_t *state)
{
	uint64_t	x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

/* Shuffle an index array with a seeded generator. */
static void
shuffle(int32_t *a, int32_t n, uint64_t seed)
{
	uint64_t	state = seed * 0x9E3779B97F4A7C15ULL + 1;

	for (int32_t i = n - 1; i > 0; i--)
	{
		int32_t		j = (int32_t) (next_random(&state) % (uint64_t) (i + 1));
		int32_t		t = a[i];

		a[i] = a[j];
		a[j] = t;
	}
}

/* Allocate an empty map with room for cap keys. */
static bool
idmap_init(IdMap *m, uint32_t cap)
{
	uint32_t	size = 1024;

	while (size < 2 * cap)
		size <<= 1;
	m->keys = malloc(sizeof(uint32_t) * size);
	m->ids = malloc(sizeof(int32_t) * size);
	m->mask = size - 1;
	m->n = 0;
	if (m->keys == NULL || m->ids == NULL)
		return false;
	memset(m->ids, 0xFF, sizeof(int32_t) * size);
	return true;
}

/* Release a map. */
static void
idmap_free(IdMap *m)
{
	free(m->keys);
	free(m->ids);
	m->keys = NULL;
	m->ids = NULL;
}

/* Insert a key with a given id, assuming room. */
static void
idmap_put(IdMap *m, uint32_t key, int32_t id)
{
	uint32_t	h = ner_slot(key, m->mask);

	while (m->ids[h] >= 0)
		h = (h + 1) & m->mask;
	m->keys[h] = key;
	m->ids[h] = id;
}

/* Double the table. */
static bool
idmap_grow(IdMap *m)
{
	IdMap		bigger;
	uint32_t	size = m->mask + 1;

	if (!idmap_init(&bigger, size))
		return false;
	for (uint32_t h = 0; h < size; h++)
		if (m->ids[h] >= 0)
			idmap_put(&bigger, m->keys[h], m->ids[h]);
	bigger.n = m->n;
	idmap_free(m);
	*m = bigger;
	return true;
}

/* Id of a key; new keys get the next id if add, else -1. Returns -2 on OOM. */
static int32_t
idmap_get(IdMap *m, uint32_t key, bool add)
{
	uint32_t	h = ner_slot(key, m->mask);

	while (m->ids[h] >= 0)
	{
		if (m->keys[h] == key)
			return m->ids[h];
		h = (h + 1) & m->mask;
	}
	if (!add)
		return -1;
	if ((uint32_t) (m->n + 1) * 2 > m->mask)
	{
		if (!idmap_grow(m))
			return -2;
		return idmap_get(m, key, add);
	}
	m->keys[h] = key;
	m->ids[h] = m->n;
	return m->n++;
}

/* Flatten documents, summarise tokens and list sentences. */
static bool
corpus_init(Corpus *c, const NerTrainDoc *docs, int ndocs, const NerLexicon *lex)
{
	int32_t		ns = 0;

	memset(c, 0, sizeof(*c));
	c->docs = docs;
	c->ndocs = ndocs;
	c->base = malloc(sizeof(int64_t) * (size_t) (ndocs + 1));
	if (c->base == NULL)
		return false;
	for (int d = 0; d < ndocs; d++)
	{
		c->base[d] = c->ntok;
		c->ntok += docs[d].doc.ntokens;
		c->nsents += docs[d].doc.nsent;
	}
	c->base[ndocs] = c->ntok;
	c->infos = malloc(sizeof(NerTokInfo) * (size_t) (c->ntok + 1));
	c->gold = malloc((size_t) c->ntok + 1);
	c->sents = malloc(sizeof(Sent) * (size_t) (c->nsents + 1));
	if (c->infos == NULL || c->gold == NULL || c->sents == NULL)
		return false;
	for (int d = 0; d < ndocs; d++)
	{
		const NerDoc *doc = &docs[d].doc;

		if (!ner_doc_infos(doc, lex, c->infos + c->base[d], NULL))
			return false;
		memcpy(c->gold + c->base[d], docs[d].gold, (size_t) doc->ntokens);
		for (int32_t k = 0; k < doc->nsent; k++)
		{
			Sent	   *s = &c->sents[ns++];

			s->doc = d;
			s->start = c->base[d] + doc->sent_start[k];
			s->end = c->base[d] + doc->sent_start[k + 1];
			if (s->end - s->start > c->maxlen)
				c->maxlen = (int32_t) (s->end - s->start);
		}
	}
	return true;
}

/* Release a corpus. */
static void
corpus_free(Corpus *c)
{
	free(c->base);
	free(c->infos);
	free(c->gold);
	free(c->s1);
	free(c->sents);
}

/* Append one id to the feature list. */
static bool
feats_push(Feats *f, int32_t id)
{
	if (f->nids == f->cap)
	{
		int64_t		cap = f->cap ? f->cap * 2 : 1 << 20;
		int32_t    *ids = realloc(f->ids, sizeof(int32_t) * (size_t) cap);

		if (ids == NULL)
			return false;
		f->ids = ids;
		f->cap = cap;
	}
	f->ids[f->nids++] = id;
	return true;
}

/* Feature ids of every token; new keys are added to the map if add. */
static bool
feats_extract(Feats *f, const Corpus *c, IdMap *map, bool add)
{
	uint32_t	keys[NER_MAX_FEATURES];

	memset(f, 0, sizeof(*f));
	f->off = malloc(sizeof(int64_t) * (size_t) (c->ntok + 1));
	if (f->off == NULL)
		return false;
	for (int32_t s = 0; s < c->nsents; s++)
	{
		const Sent *st = &c->sents[s];

		for (int64_t i = st->start; i < st->end; i++)
		{
			int			nk = ner_features(c->infos, c->s1, (int32_t) st->start,
										  (int32_t) st->end, (int32_t) i, keys);

			f->off[i] = f->nids;
			for (int k = 0; k < nk; k++)
			{
				int32_t		id = idmap_get(map, keys[k], add);

				if (id == -2 || (id >= 0 && !feats_push(f, id)))
					return false;
			}
		}
	}
	f->off[c->ntok] = f->nids;
	return true;
}

/* Release extracted features. */
static void
feats_free(Feats *f)
{
	free(f->off);
	free(f->ids);
	memset(f, 0, sizeof(*f));
}

/*
 * Drop features seen fewer than min_count times: renumber the survivors,
 * rewrite the map and the lists, and return the key of each new id in *keys_out.
 */
static int32_t
feats_prune(Feats *f, IdMap *map, int min_count, int64_t ntok, uint32_t **keys_out)
{
	int32_t    *count = calloc((size_t) map->n + 1, sizeof(int32_t));
	int32_t    *remap = malloc(sizeof(int32_t) * ((size_t) map->n + 1));
	uint32_t   *keys = malloc(sizeof(uint32_t) * ((size_t) map->n + 1));
	int32_t		alive = 0;
	int64_t		w = 0;
	IdMap		fresh;

	if (count == NULL || remap == NULL || keys == NULL || !idmap_init(&fresh, (uint32_t) map->n))
		return -1;
	for (int64_t k = 0; k < f->nids; k++)
		count[f->ids[k]]++;
	for (uint32_t h = 0; h <= map->mask; h++)
		if (map->ids[h] >= 0)
			keys[map->ids[h]] = map->keys[h];
	for (int32_t id = 0; id < map->n; id++)
	{
		remap[id] = count[id] >= min_count ? alive : -1;
		if (remap[id] >= 0)
		{
			keys[alive] = keys[id];
			idmap_put(&fresh, keys[id], alive);
			alive++;
		}
	}
	fresh.n = alive;
	for (int64_t t = 0; t < ntok; t++)
	{
		int64_t		from = f->off[t];
		int64_t		to = f->off[t + 1];

		f->off[t] = w;
		for (int64_t k = from; k < to; k++)
			if (remap[f->ids[k]] >= 0)
				f->ids[w++] = remap[f->ids[k]];
	}
	f->off[ntok] = w;
	f->nids = w;
	idmap_free(map);
	*map = fresh;
	free(count);
	free(remap);
	*keys_out = keys;
	return alive;
}

/* Zeroed perceptron weights for nfeat features. */
static bool
percep_init(Percep *p, int32_t nfeat)
{
	memset(p, 0, sizeof(*p));
	p->nfeat = nfeat;
	p->w = calloc((size_t) nfeat * L + 1, sizeof(float));
	p->u = calloc((size_t) nfeat * L + 1, sizeof(float));
	p->c = 1.0;
	return p->w != NULL && p->u != NULL;
}

/* Release perceptron weights. */
static void
percep_free(Percep *p)
{
	free(p->w);
	free(p->u);
	p->w = NULL;
	p->u = NULL;
}

/* Averaged weights: w - u / c, into avg and tavg. */
static void
percep_average(const Percep *p, float *avg, double *tavg)
{
	for (size_t k = 0; k < (size_t) p->nfeat * L; k++)
		avg[k] = (float) (p->w[k] - p->u[k] / p->c);
	for (int k = 0; k < TRANS_N; k++)
		tavg[k] = p->tw[k] - p->tu[k] / p->c;
}

/* Emission scores of a sentence from a weight array. */
static void
sentence_emit(const float *w, const Feats *f, const Sent *s, double *emit)
{
	for (int64_t i = s->start; i < s->end; i++)
	{
		double	   *e = emit + (size_t) (i - s->start) * L;

		for (int y = 0; y < L; y++)
			e[y] = 0.0;
		for (int64_t k = f->off[i]; k < f->off[i + 1]; k++)
		{
			const float *row = w + (size_t) f->ids[k] * L;

			for (int y = 0; y < L; y++)
				e[y] += row[y];
		}
	}
}

/* Add delta to the weights of every feature of token i for label y. */
static void
update_token(Percep *p, const Feats *f, int64_t i, int y, float delta)
{
	float		cd = (float) (p->c * delta);

	for (int64_t k = f->off[i]; k < f->off[i + 1]; k++)
	{
		size_t		at = (size_t) f->ids[k] * L + (size_t) y;

		p->w[at] += delta;
		p->u[at] += cd;
	}
}

/* Add delta to one transition weight. */
static void
update_trans(Percep *p, int from, int to, double delta)
{
	int			at = (from < 0 ? L : from) * L + to;

	p->tw[at] += delta;
	p->tu[at] += p->c * delta;
}

/* Perceptron update towards the gold labels of a sentence and away from pred. */
static void
update_sentence(Percep *p, const Feats *f, const Sent *s, const uint8_t *gold,
				const uint8_t *pred)
{
	int			n = (int) (s->end - s->start);

	for (int t = 0; t < n; t++)
	{
		int			gp = t > 0 ? gold[t - 1] : -1;
		int			pp = t > 0 ? pred[t - 1] : -1;

		if (gold[t] != pred[t])
		{
			update_token(p, f, s->start + t, gold[t], 1.0f);
			update_token(p, f, s->start + t, pred[t], -1.0f);
		}
		if (gold[t] != pred[t] || gp != pp)
		{
			update_trans(p, gp, gold[t], 1.0);
			update_trans(p, pp, pred[t], -1.0);
		}
	}
}

/* One pass over the chosen sentences in a seeded order. */
static void
train_pass(Percep *p, const Corpus *c, const Feats *f, int32_t *order, int32_t n,
		   uint64_t seed, Scratch *sc)
{
	shuffle(order, n, seed);
	for (int32_t k = 0; k < n; k++)
	{
		const Sent *s = &c->sents[order[k]];
		int			len = (int) (s->end - s->start);

		sentence_emit(p->w, f, s, sc->emit);
		ner_viterbi(sc->emit, len, p->tw, sc->pred, NULL, sc->work, sc->back);
		if (memcmp(sc->pred, c->gold + s->start, (size_t) len) != 0)
			update_sentence(p, f, s, c->gold + s->start, sc->pred);
		p->c += 1.0;
		if ((k & 1023) == 0)
			nn_check_interrupts();
	}
}

/* Label the chosen sentences with the given weights into out (flattened). */
static void
predict(const float *w, const double *trans, const Corpus *c, const Feats *f,
		const int32_t *which, int32_t n, Scratch *sc, uint8_t *out)
{
	for (int32_t k = 0; k < n; k++)
	{
		const Sent *s = &c->sents[which ? which[k] : k];

		sentence_emit(w, f, s, sc->emit);
		ner_viterbi(sc->emit, (int) (s->end - s->start), trans, out + s->start,
					NULL, sc->work, sc->back);
	}
}

/* Entity-level F1 of flattened labels against a corpus's gold labels. */
static NerPrf
score_labels(const Corpus *c, const uint8_t *pred)
{
	NerScore	score;
	NerEntity  *g = malloc(sizeof(NerEntity) * ((size_t) c->maxlen + 1));
	NerEntity  *p = malloc(sizeof(NerEntity) * ((size_t) c->maxlen + 1));
	NerPrf		r;

	memset(&score, 0, sizeof(score));
	for (int32_t k = 0; g && p && k < c->nsents; k++)
	{
		const Sent *s = &c->sents[k];
		int			n = (int) (s->end - s->start);
		int			ng = ner_labels_to_entities(c->gold + s->start, n, 0, g);
		int			np = ner_labels_to_entities(pred + s->start, n, 0, p);

		ner_score_add(&score, g, ng, p, np);
	}
	free(g);
	free(p);
	r = ner_score_prf(&score, -1);
	return r;
}

/* Scratch buffers for the longest sentence of the corpora. */
static bool
scratch_init(Scratch *sc, int32_t maxlen)
{
	size_t		n = (size_t) maxlen + 1;

	sc->emit = malloc(sizeof(double) * L * n);
	sc->work = malloc(sizeof(double) * 2 * L * n);
	sc->back = malloc(L * n);
	sc->pred = malloc(n);
	return sc->emit && sc->work && sc->back && sc->pred;
}

/* Release scratch buffers. */
static void
scratch_free(Scratch *sc)
{
	free(sc->emit);
	free(sc->work);
	free(sc->back);
	free(sc->pred);
}

/* Everything one stage's training needs. */
typedef struct Stage
{
	IdMap		map;
	Feats		train;
	Feats		dev;
	uint32_t   *keys;			/* key of each feature id */
	int32_t		nfeat;
	Percep		p;
} Stage;

/* Extract and prune a stage's features on the training corpus (and dev). */
static bool
stage_features(Stage *st, const Corpus *train, const Corpus *dev, int min_count)
{
	memset(st, 0, sizeof(*st));
	if (!idmap_init(&st->map, 1 << 20) || !feats_extract(&st->train, train, &st->map, true))
		return false;
	st->nfeat = feats_prune(&st->train, &st->map, min_count, train->ntok, &st->keys);
	if (st->nfeat < 0)
		return false;
	if (dev != NULL && !feats_extract(&st->dev, dev, &st->map, false))
		return false;
	return true;
}

/* Release a stage. */
static void
stage_free(Stage *st)
{
	idmap_free(&st->map);
	feats_free(&st->train);
	feats_free(&st->dev);
	free(st->keys);
	percep_free(&st->p);
}

/* Train a stage's perceptron on the chosen sentences, scoring dev after each pass. */
static bool
stage_train(Stage *st, const Corpus *train, const Corpus *dev, const int32_t *which,
			int32_t n, const NerTrainOptions *opt, Scratch *sc, const char *name)
{
	int32_t    *order = malloc(sizeof(int32_t) * ((size_t) n + 1));
	float	   *avg = NULL;
	uint8_t    *pred = NULL;
	double		tavg[TRANS_N];

	if (order == NULL || !percep_init(&st->p, st->nfeat))
		return false;
	if (dev != NULL)
	{
		avg = malloc(sizeof(float) * ((size_t) st->nfeat * L + 1));
		pred = malloc((size_t) dev->ntok + 1);
		if (avg == NULL || pred == NULL)
			return false;
	}
	for (int it = 0; it < opt->iters; it++)
	{
		memcpy(order, which, sizeof(int32_t) * (size_t) n);
		train_pass(&st->p, train, &st->train, order, n, opt->seed + (uint64_t) it, sc);
		if (dev != NULL)
		{
			NerPrf		r;

			percep_average(&st->p, avg, tavg);
			predict(avg, tavg, dev, &st->dev, NULL, dev->nsents, sc, pred);
			r = score_labels(dev, pred);
			say(opt, "%s pass %d: dev P %.2f R %.2f F1 %.2f", name, it + 1,
				r.precision, r.recall, r.f1);
		}
	}
	free(order);
	free(avg);
	free(pred);
	return true;
}

/* Row order for quantisation: feature ids sorted by key. */
typedef struct KeyId
{
	uint32_t	key;
	int32_t		id;
} KeyId;

/* qsort comparator of KeyId by key. */
static int
cmp_keyid(const void *a, const void *b)
{
	uint32_t	x = ((const KeyId *) a)->key;
	uint32_t	y = ((const KeyId *) b)->key;

	return (x > y) - (x < y);
}

/* Round a weight to the int16 grid. */
static inline int16_t
quant(double v, double inv)
{
	double		q = round(v * inv);

	return (int16_t) (q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

/* Quantise averaged weights to int16 rows sorted by key, dropping small rows. */
static bool
quantize(const Stage *st, float prune, NerWeights *out)
{
	float	   *avg = malloc(sizeof(float) * ((size_t) st->nfeat * L + 1));
	KeyId	   *order = malloc(sizeof(KeyId) * ((size_t) st->nfeat + 1));
	double		tavg[TRANS_N];
	double		maxabs = 1e-9;
	double		inv;
	uint32_t	n = 0;

	if (avg == NULL || order == NULL)
		return false;
	percep_average(&st->p, avg, tavg);
	for (size_t k = 0; k < (size_t) st->nfeat * L; k++)
		maxabs = fmax(maxabs, fabs(avg[k]));
	for (int k = 0; k < TRANS_N; k++)
		maxabs = fmax(maxabs, fabs(tavg[k]));
	out->scale = (float) (maxabs / 32767.0);
	inv = 1.0 / out->scale;
	for (int32_t id = 0; id < st->nfeat; id++)
	{
		float		big = 0.0f;

		for (int y = 0; y < L; y++)
			big = fmaxf(big, fabsf(avg[(size_t) id * L + y]));
		if (big >= prune && big * inv >= 0.5)
		{
			order[n].key = st->keys[id];
			order[n].id = id;
			n++;
		}
	}
	qsort(order, n, sizeof(KeyId), cmp_keyid);
	out->nrows = n;
	out->keys = malloc(sizeof(uint32_t) * ((size_t) n + 1));
	out->rows = malloc(sizeof(int16_t) * ((size_t) n * L + 1));
	if (out->keys == NULL || out->rows == NULL)
		return false;
	for (uint32_t r = 0; r < n; r++)
	{
		out->keys[r] = order[r].key;
		for (int y = 0; y < L; y++)
			out->rows[(size_t) r * L + y] = quant(avg[(size_t) order[r].id * L + y], inv);
	}
	for (int k = 0; k < TRANS_N; k++)
		(&out->trans[0][0])[k] = quant(tavg[k], inv);
	free(avg);
	free(order);
	return true;
}

/* Summarise first-stage labels per document into the corpus's s1. */
static bool
corpus_aggregate(Corpus *c, const uint8_t *labels)
{
	c->s1 = malloc(sizeof(NerStage1) * ((size_t) c->ntok + 1));
	if (c->s1 == NULL)
		return false;
	for (int d = 0; d < c->ndocs; d++)
		if (!ner_doc_aggregate(&c->docs[d].doc, c->infos + c->base[d],
							   labels + c->base[d], c->s1 + c->base[d], NULL))
			return false;
	return true;
}

/* First-stage labels of the training corpus by k-fold jackknife over documents. */
static bool
jackknife(Stage *st, const Corpus *train, const NerTrainOptions *opt, Scratch *sc,
		  uint8_t *labels)
{
	int32_t    *fold = malloc(sizeof(int32_t) * ((size_t) train->ndocs + 1));
	int32_t    *in = malloc(sizeof(int32_t) * ((size_t) train->nsents + 1));
	int32_t    *out = malloc(sizeof(int32_t) * ((size_t) train->nsents + 1));
	float	   *avg = malloc(sizeof(float) * ((size_t) st->nfeat * L + 1));
	double		tavg[TRANS_N];
	NerTrainOptions quiet = *opt;

	if (!fold || !in || !out || !avg)
		return false;
	quiet.report = NULL;
	for (int d = 0; d < train->ndocs; d++)
		fold[d] = d;
	shuffle(fold, train->ndocs, opt->seed ^ 0xF01D);
	for (int k = 0; k < opt->folds; k++)
	{
		int32_t		nin = 0,
					nout = 0;

		for (int32_t s = 0; s < train->nsents; s++)
		{
			if (fold[train->sents[s].doc] % opt->folds == k)
				out[nout++] = s;
			else
				in[nin++] = s;
		}
		percep_free(&st->p);
		if (!stage_train(st, train, NULL, in, nin, &quiet, sc, ""))
			return false;
		percep_average(&st->p, avg, tavg);
		predict(avg, tavg, train, &st->train, out, nout, sc, labels);
		say(opt, "jackknife fold %d of %d done", k + 1, opt->folds);
	}
	percep_free(&st->p);
	free(fold);
	free(in);
	free(out);
	free(avg);
	return true;
}

/* Copy the lexicon into the model. */
static bool
model_lexicon(NerModel *m, const NerTrainOptions *opt)
{
	m->nlex = opt->nlex;
	m->lexkeys = malloc(sizeof(uint32_t) * ((size_t) opt->nlex + 1));
	m->lexvalues = malloc(sizeof(uint32_t) * ((size_t) opt->nlex + 1));
	if (m->lexkeys == NULL || m->lexvalues == NULL)
		return false;
	if (opt->nlex > 0)
	{
		memcpy(m->lexkeys, opt->lexkeys, sizeof(uint32_t) * opt->nlex);
		memcpy(m->lexvalues, opt->lexvalues, sizeof(uint32_t) * opt->nlex);
	}
	return true;
}

/* Entity margins and correctness on dev, for calibration. */
typedef struct Calib
{
	double	   *x;
	uint8_t    *y;
	int64_t		n;
} Calib;

/* Collect (weakest margin, correct?) for every predicted dev entity. */
static bool
calib_collect(const NerModel *m, const NerTrainDoc *docs, int ndocs, Calib *cb)
{
	NerTagger	tg;
	int64_t		cap = 0;

	for (int d = 0; d < ndocs; d++)
		cap += docs[d].doc.ntokens;
	cb->x = malloc(sizeof(double) * ((size_t) cap + 1));
	cb->y = malloc((size_t) cap + 1);
	cb->n = 0;
	if (cb->x == NULL || cb->y == NULL)
		return false;
	ner_tagger_init(&tg, m);
	for (int d = 0; d < ndocs; d++)
	{
		const NerDoc *doc = &docs[d].doc;
		int32_t		n = doc->ntokens;
		uint8_t    *lab = malloc((size_t) n + 1);
		float	   *mar = malloc(sizeof(float) * ((size_t) n + 1));
		NerEntity  *pe = malloc(sizeof(NerEntity) * ((size_t) n + 1));
		NerEntity  *ge = malloc(sizeof(NerEntity) * ((size_t) n + 1));
		int			np,
					ng,
					g = 0;

		if (!lab || !mar || !pe || !ge || ner_tag(&tg, doc, lab, mar) != NN_OK)
			return false;
		np = ner_entities(m, doc, lab, NULL, pe);
		ng = ner_entities(m, doc, docs[d].gold, NULL, ge);
		for (int e = 0; e < np; e++)
		{
			float		mm = 1e6f;

			for (int32_t t = pe[e].start; t < pe[e].end; t++)
				mm = fminf(mm, mar[t]);
			while (g < ng && ge[g].start < pe[e].start)
				g++;
			cb->x[cb->n] = fmin(mm, 1e3);
			cb->y[cb->n++] = g < ng && ge[g].start == pe[e].start &&
				ge[g].end == pe[e].end && ge[g].type == pe[e].type;
		}
		free(lab);
		free(mar);
		free(pe);
		free(ge);
	}
	ner_tagger_free(&tg);
	return true;
}

/* Fit logistic(a * x + b) to the collected pairs by Newton's method. */
static void
calib_fit(const Calib *cb, float *a_out, float *b_out)
{
	double		a = 0.0,
				b = 0.0;

	for (int it = 0; it < 50 && cb->n > 0; it++)
	{
		double		ga = 0,
					gb = 0,
					haa = 1e-6,
					hab = 0,
					hbb = 1e-6,
					det;

		for (int64_t i = 0; i < cb->n; i++)
		{
			double		p = 1.0 / (1.0 + exp(-(a * cb->x[i] + b)));
			double		r = p - cb->y[i];
			double		v = p * (1 - p);

			ga += r * cb->x[i];
			gb += r;
			haa += v * cb->x[i] * cb->x[i];
			hab += v * cb->x[i];
			hbb += v;
		}
		det = haa * hbb - hab * hab;
		if (det <= 0)
			break;
		a -= (hbb * ga - hab * gb) / det;
		b -= (haa * gb - hab * ga) / det;
	}
	*a_out = (float) (a > 0 ? a : 1e-3);
	*b_out = (float) b;
}

/* Fit the confidence calibration of a model on dev documents. */
static bool
calibrate(NerModel *m, const NerTrainOptions *opt)
{
	Calib		cb;

	m->conf_a = 1.0f;
	m->conf_b = 0.0f;
	if (opt->dev == NULL)
		return true;
	if (!calib_collect(m, opt->dev, opt->ndev, &cb))
		return false;
	calib_fit(&cb, &m->conf_a, &m->conf_b);
	say(opt, "confidence = logistic(%.4f * margin + %.4f) from %lld entities",
		m->conf_a, m->conf_b, (long long) cb.n);
	free(cb.x);
	free(cb.y);
	return true;
}

/* All sentence indices 0..n-1. */
static int32_t *
all_sentences(int32_t n)
{
	int32_t    *which = malloc(sizeof(int32_t) * ((size_t) n + 1));

	for (int32_t k = 0; which && k < n; k++)
		which[k] = k;
	return which;
}

/* Train the first stage on everything and, for two stages, the second. */
static bool
train_stages(NerModel *m, Corpus *train, Corpus *dev, const NerTrainOptions *opt,
			 Scratch *sc)
{
	Stage		st1,
				st2;
	int32_t    *which = all_sentences(train->nsents);
	uint8_t    *jk = malloc((size_t) train->ntok + 1);
	uint8_t    *dl = dev ? malloc((size_t) dev->ntok + 1) : NULL;
	float	   *avg;
	double		tavg[TRANS_N];
	bool		ok;

	if (which == NULL || jk == NULL || (dev && dl == NULL) ||
		!stage_features(&st1, train, dev, opt->min_count))
		return false;
	say(opt, "stage 1: %d features, %lld tokens", st1.nfeat, (long long) train->ntok);
	if (opt->stages == 2 && !jackknife(&st1, train, opt, sc, jk))
		return false;
	if (!stage_train(&st1, train, dev, which, train->nsents, opt, sc,
					 "stage 1") ||
		!quantize(&st1, opt->prune, &m->stage[0]))
		return false;
	m->nstages = 1;
	if (opt->stages == 2)
	{
		avg = malloc(sizeof(float) * ((size_t) st1.nfeat * L + 1));
		if (avg == NULL)
			return false;
		percep_average(&st1.p, avg, tavg);
		if (dev)
			predict(avg, tavg, dev, &st1.dev, NULL, dev->nsents, sc, dl);
		free(avg);
		stage_free(&st1);
		if (!corpus_aggregate(train, jk) || (dev && !corpus_aggregate(dev, dl)) ||
			!stage_features(&st2, train, dev, opt->min_count))
			return false;
		say(opt, "stage 2: %d features", st2.nfeat);
		ok = stage_train(&st2, train, dev, which, train->nsents, opt, sc,
						 "stage 2") &&
			quantize(&st2, opt->prune, &m->stage[1]);
		stage_free(&st2);
		if (!ok)
			return false;
		m->nstages = 2;
	}
	else
		stage_free(&st1);
	free(which);
	free(jk);
	free(dl);
	return true;
}

/* Train a model. */
NerModel *
ner_train(const NerTrainDoc *docs, int ndocs, const NerTrainOptions *opt)
{
	NerModel   *m = calloc(1, sizeof(NerModel));
	Corpus		train,
				dev;
	Scratch		sc;
	bool		ok;

	memset(&sc, 0, sizeof(sc));
	if (m == NULL)
		return NULL;
	m->owned = true;
	if (!model_lexicon(m, opt) || !ner_model_index(m))
	{
		ner_model_free(m);
		return NULL;
	}
	memset(&dev, 0, sizeof(dev));
	ok = corpus_init(&train, docs, ndocs, &m->lex) &&
		(opt->dev == NULL || corpus_init(&dev, opt->dev, opt->ndev, &m->lex)) &&
		scratch_init(&sc, train.maxlen > dev.maxlen ? train.maxlen : dev.maxlen) &&
		train_stages(m, &train, opt->dev ? &dev : NULL, opt, &sc) &&
		ner_model_index(m) && calibrate(m, opt);
	corpus_free(&train);
	corpus_free(&dev);
	scratch_free(&sc);
	if (!ok)
	{
		ner_model_free(m);
		return NULL;
	}
	return m;
}

/* Score a tagger on gold-labelled documents. */
bool
ner_evaluate(NerTagger *tg, const NerTrainDoc *docs, int ndocs, NerScore *score)
{
	bool		ok = true;

	memset(score, 0, sizeof(*score));
	for (int d = 0; ok && d < ndocs; d++)
	{
		const NerDoc *doc = &docs[d].doc;
		int32_t		n = doc->ntokens;
		uint8_t    *lab = malloc((size_t) n + 1);
		NerEntity  *pe = malloc(sizeof(NerEntity) * ((size_t) n + 1));
		NerEntity  *ge = malloc(sizeof(NerEntity) * ((size_t) n + 1));
		int64_t		same = 0;

		ok = lab && pe && ge && ner_tag(tg, doc, lab, NULL) == NN_OK;
		for (int32_t k = 0; ok && k < doc->nsent; k++)
		{
			int32_t		s = doc->sent_start[k];
			int32_t		len = doc->sent_start[k + 1] - s;
			int			np = ner_labels_to_entities(lab + s, len, s, pe);
			int			ng = ner_labels_to_entities(docs[d].gold + s, len, s, ge);

			ner_score_add(score, ge, ng, pe, np);
		}
		for (int32_t t = 0; ok && t < n; t++)
			same += lab[t] == docs[d].gold[t];
		ner_score_add_tokens(score, n, same);
		free(lab);
		free(pe);
		free(ge);
	}
	return ok;
}
