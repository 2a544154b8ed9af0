/*
 * ner_decode.c
 *	  Viterbi tagging with max-marginal margins (see ner_decode.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ner_decode.h"

#define L NER_NLABELS
#define NEG_INF (-1e300)
#define NO_RIVAL_MARGIN 1e6f

/*
 * The BILOU constraints as lists: the labels that may precede and follow
 * each label, so the search skips the two thirds of pairs that are banned.
 */
typedef struct Moves
{
	uint8_t		npred[L];
	uint8_t		pred[L][L];
	uint8_t		nsucc[L];
	uint8_t		succ[L][L];
	bool		start[L];
	bool		final[L];
	bool		from_o[L];		/* may follow O */
	bool		to_o[L];		/* may precede O */
	bool		ready;
} Moves;

static Moves moves;

/* Fill the move lists from the BILOU rules once. */
static void
init_moves(void)
{
	if (moves.ready)
		return;
	for (int t = 0; t < L; t++)
	{
		moves.start[t] = ner_transition_ok(-1, t);
		moves.final[t] = ner_final_ok(t);
		moves.from_o[t] = ner_transition_ok(NER_LABEL_O, t);
		moves.to_o[t] = ner_transition_ok(t, NER_LABEL_O);
		for (int f = 0; f < L; f++)
		{
			if (!ner_transition_ok(f, t))
				continue;
			moves.pred[t][moves.npred[t]++] = (uint8_t) f;
			moves.succ[f][moves.nsucc[f]++] = (uint8_t) t;
		}
	}
	moves.ready = true;
}

/* Forward pass from entry scores init: alpha scores and backpointers. */
static void
forward(const double *emit, int n, const double *trans, const double *init,
		double *alpha, uint8_t *back)
{
	for (int y = 0; y < L; y++)
		alpha[y] = init[y] + emit[y];
	for (int t = 1; t < n; t++)
	{
		const double *prev = alpha + (size_t) (t - 1) * L;
		double	   *cur = alpha + (size_t) t * L;

		for (int y = 0; y < L; y++)
		{
			double		best = NEG_INF;
			int			arg = 0;

			for (int k = 0; k < moves.npred[y]; k++)
			{
				int			p = moves.pred[y][k];
				double		s = prev[p] + trans[p * L + y];

				if (s > best)
				{
					best = s;
					arg = p;
				}
			}
			cur[y] = best + emit[(size_t) t * L + y];
			back[(size_t) t * L + y] = (uint8_t) arg;
		}
	}
}

/* Backward pass: best score of the rest of the sequence from each label, exit scores fin. */
static void
backward(const double *emit, int n, const double *trans, const double *fin, double *beta)
{
	for (int y = 0; y < L; y++)
		beta[(size_t) (n - 1) * L + y] = fin[y];
	for (int t = n - 2; t >= 0; t--)
	{
		const double *next = beta + (size_t) (t + 1) * L;
		const double *en = emit + (size_t) (t + 1) * L;

		for (int y = 0; y < L; y++)
		{
			double		best = NEG_INF;

			for (int k = 0; k < moves.nsucc[y]; k++)
			{
				int			q = moves.succ[y][k];
				double		s = trans[y * L + q] + en[q] + next[q];

				if (s > best)
					best = s;
			}
			beta[(size_t) t * L + y] = best;
		}
	}
}

/* Each token's margin: best score minus the best score that gives it another label. */
static void
max_marginals(const double *alpha, const double *beta, int n, double top,
			  const uint8_t *best, float *margins)
{
	for (int t = 0; t < n; t++)
	{
		double		rival = NEG_INF;

		for (int k = 0; k < L; k++)
		{
			double		s = alpha[(size_t) t * L + k] + beta[(size_t) t * L + k];

			if (k != best[t] && alpha[(size_t) t * L + k] > NEG_INF / 2 &&
				beta[(size_t) t * L + k] > NEG_INF / 2 && s > rival)
				rival = s;
		}
		margins[t] = rival <= NEG_INF / 2 ? NO_RIVAL_MARGIN : (float) (top - rival);
	}
}

/* Viterbi between entry scores init and exit scores fin (NEG_INF: banned). */
static void
decode(const double *emit, int n, const double *trans, const double *init,
	   const double *fin, uint8_t *best, float *margins, double *work, uint8_t *back)
{
	double	   *alpha = work;
	double	   *beta = work + (size_t) n * L;
	double		top = NEG_INF;
	int			y = 0;

	forward(emit, n, trans, init, alpha, back);
	for (int k = 0; k < L; k++)
	{
		double		s = alpha[(size_t) (n - 1) * L + k] + fin[k];

		if (s > top)
		{
			top = s;
			y = k;
		}
	}
	for (int t = n - 1; t >= 0; t--)
	{
		best[t] = (uint8_t) y;
		if (t > 0)
			y = back[(size_t) t * L + y];
	}
	if (margins == NULL)
		return;
	backward(emit, n, trans, fin, beta);
	max_marginals(alpha, beta, n, top, best, margins);
}

/* Best labels of a segment that follows an O (or starts the sentence) and precedes one (or ends it). */
void
ner_viterbi_segment(const double *emit, int n, const double *trans, bool after_o,
					bool before_o, uint8_t *best, float *margins, double *work,
					uint8_t *back)
{
	double		init[L];
	double		fin[L];

	if (n <= 0)
		return;
	init_moves();
	for (int y = 0; y < L; y++)
	{
		if (after_o)
			init[y] = moves.from_o[y] ? trans[NER_LABEL_O * L + y] : NEG_INF;
		else
			init[y] = moves.start[y] ? trans[L * L + y] : NEG_INF;
		if (before_o)
			fin[y] = moves.to_o[y] ? trans[y * L + NER_LABEL_O] : NEG_INF;
		else
			fin[y] = moves.final[y] ? 0.0 : NEG_INF;
	}
	decode(emit, n, trans, init, fin, best, margins, work, back);
}

/* Best sequence of a whole sentence, and optionally each token's margin. */
void
ner_viterbi(const double *emit, int n, const double *trans, uint8_t *best,
			float *margins, double *work, uint8_t *back)
{
	ner_viterbi_segment(emit, n, trans, false, false, best, margins, work, back);
}

/* Sum the rows of a token's feature keys into acc, prefetching all slots first. */
static inline void
sum_rows(const NerWeights *w, const uint32_t *keys, int nk, int32_t *acc)
{
	for (int k = 0; k < nk; k++)
		__builtin_prefetch(&w->table[ner_weights_home(w, keys[k])]);
	for (int k = 0; k < nk; k++)
	{
		const int16_t *row = ner_weights_row(w, keys[k]);

		if (row == NULL)
			continue;
		for (int y = 0; y < L; y++)
			acc[y] += row[y];
	}
}

/* Summed rows of all the features of position i, looked up one by one. */
static void
position_scores(const NerWeights *w, const NerTokInfo *infos, const NerStage1 *s1,
				int32_t start, int32_t end, int32_t i, int32_t *acc)
{
	uint32_t	keys[NER_MAX_FEATURES];
	int			nk = ner_features(infos, s1, start, end, i, keys);

	memset(acc, 0, sizeof(int32_t) * L);
	sum_rows(w, keys, nk, acc);
}

/* Emission scores of a sentence: the sum of the rows of each token's features. */
void
ner_stage_emit(const NerWeights *w, const NerTokInfo *infos, const NerStage1 *s1,
			   int32_t start, int32_t end, double *emit)
{
	for (int32_t i = start; i < end; i++)
	{
		int32_t		acc[L];
		double	   *e = emit + (size_t) (i - start) * L;

		position_scores(w, infos, s1, start, end, i, acc);
		for (int y = 0; y < L; y++)
			e[y] = acc[y] * (double) w->scale;
	}
}

/* Summed rows of the features of a word (NULL: the edge) at offset d. */
static void
offset_scores(const NerWeights *w, const NerTokInfo *t, int d, int32_t *acc)
{
	uint32_t	keys[NER_MAX_WORD_FEATURES];
	int			nk = ner_offset_features(t, d, true, keys);

	memset(acc, 0, sizeof(int32_t) * L);
	sum_rows(w, keys, nk, acc);
}

/* Cached scores of word entry e at offset d in stage s. */
static inline int32_t *
word_scores(const NerTagger *tg, int s, int32_t e, int d)
{
	return tg->score[s] + ((size_t) e * NER_NOFFSETS + (size_t) (d + NER_WINDOW)) * L;
}

/* Add a row of int32 scores into acc. */
static inline void
add_scores(int32_t *acc, const int32_t *v)
{
	for (int y = 0; y < L; y++)
		acc[y] += v[y];
}

/* True if every word of the window of i is cached and i has cluster features. */
static bool
window_cached(const NerTagger *tg, int32_t start, int32_t end, int32_t i)
{
	for (int32_t j = i - NER_WINDOW; j <= i + NER_WINDOW; j++)
		if (j >= start && j < end && tg->word[j] < 0)
			return false;
	return ner_has_clusters(tg->infos, start, end, i);
}

/*
 * Summed rows of position i: the cached scores of the words of its window
 * plus the rows of its other features, or every row if the cache does not
 * cover the window.
 */
static void
cached_scores(const NerTagger *tg, int s, int32_t start, int32_t end, int32_t i,
			  int32_t *acc)
{
	const NerWeights *w = &tg->model->stage[s];
	const NerStage1 *s1 = s ? tg->s1 : NULL;
	uint32_t	keys[NER_MAX_FEATURES];

	if (!window_cached(tg, start, end, i))
	{
		position_scores(w, tg->infos, s1, start, end, i, acc);
		return;
	}
	memset(acc, 0, sizeof(int32_t) * L);
	for (int d = -NER_WINDOW; d <= NER_WINDOW; d++)
	{
		int32_t		j = i + d;

		if (j < start || j >= end)
			add_scores(acc, tg->edge[s][d + NER_WINDOW]);
		else
			add_scores(acc, word_scores(tg, s, tg->word[j], d));
	}
	sum_rows(w, keys, ner_context_features(tg->infos, s1, start, end, i, keys), acc);
}

/* Emission scores of positions [from, to) of a sentence [start, end), through the word cache. */
static void
tagger_emit_span(const NerTagger *tg, int s, int32_t start, int32_t end, int32_t from,
				 int32_t to, double *emit)
{
	const NerWeights *w = &tg->model->stage[s];

	for (int32_t i = from; i < to; i++)
	{
		int32_t		acc[L];
		double	   *e = emit + (size_t) (i - from) * L;

		cached_scores(tg, s, start, end, i, acc);
		for (int y = 0; y < L; y++)
			e[y] = acc[y] * (double) w->scale;
	}
}

/* Emission scores of a whole sentence through the word cache. */
void
ner_tagger_emit(const NerTagger *tg, int s, int32_t start, int32_t end, double *emit)
{
	tagger_emit_span(tg, s, start, end, start, end, emit);
}

/* Release the word cache. */
static void
cache_free(NerTagger *tg)
{
	free(tg->words);
	free(tg->slots);
	tg->words = NULL;
	tg->slots = NULL;
	for (int s = 0; s < NER_MAX_STAGES; s++)
	{
		free(tg->score[s]);
		tg->score[s] = NULL;
	}
	tg->nwords = 0;
}

/* Allocate the word cache, its table at most half full when every entry is used. */
static bool
cache_alloc(NerTagger *tg)
{
	uint32_t	size = 16;
	bool		ok;

	while (size < 2 * (uint32_t) tg->cache_words)
		size <<= 1;
	tg->words = malloc(sizeof(NerCachedWord) * (size_t) tg->cache_words);
	tg->slots = calloc(size, sizeof(uint32_t));
	tg->mask = size - 1;
	tg->nwords = 0;
	ok = tg->words != NULL && tg->slots != NULL;
	for (int s = 0; s < tg->model->nstages; s++)
	{
		tg->score[s] = malloc(sizeof(int32_t) * NER_NOFFSETS * L * (size_t) tg->cache_words);
		ok &= tg->score[s] != NULL;
	}
	if (!ok)
		cache_free(tg);
	return ok;
}

/* Forget every cached word. */
static void
cache_flush(NerTagger *tg)
{
	memset(tg->slots, 0, sizeof(uint32_t) * ((size_t) tg->mask + 1));
	tg->nwords = 0;
}

/* Fill cache entry e for a token: its summary and scores at every offset. */
static void
cache_fill(NerTagger *tg, int32_t e, const NerText *t)
{
	const NerModel *m = tg->model;
	NerCachedWord *cw = &tg->words[e];

	ner_word_info(t, &m->lex, &cw->info);
	cw->len = (uint8_t) t->len;
	memcpy(cw->bytes, t->s, t->len);
	for (int s = 0; s < m->nstages; s++)
		for (int d = -NER_WINDOW; d <= NER_WINDOW; d++)
			offset_scores(&m->stage[s], &cw->info, d, word_scores(tg, s, e, d));
}

/* Cache entry of a token, added if new; -1 if it is too long or the cache is full. */
static int32_t
cache_find(NerTagger *tg, const NerText *t)
{
	uint64_t	h;
	uint32_t	slot;

	if (t->len > NER_MAX_TOKEN_BYTES)
		return -1;
	h = ner_hash_bytes(t->s, t->len);
	slot = ner_slot((uint32_t) h, tg->mask);
	for (;;)
	{
		uint32_t	e = tg->slots[slot];
		const NerCachedWord *cw;

		if (e == 0)
			break;
		cw = &tg->words[e - 1];
		if (cw->info.raw == h && cw->len == t->len && memcmp(cw->bytes, t->s, t->len) == 0)
			return (int32_t) e - 1;
		slot = (slot + 1) & tg->mask;
	}
	if (tg->nwords >= tg->cache_words)
		return -1;
	cache_fill(tg, tg->nwords, t);
	tg->slots[slot] = (uint32_t) ++tg->nwords;
	return tg->nwords - 1;
}

/*
 * Summaries of a document's tokens, the word fields copied from the cache
 * (filling it as needed); starts the cache afresh if the document might
 * not fit in what is left of it.
 */
static bool
cached_infos(NerTagger *tg, const NerDoc *doc)
{
	int32_t		since_check = 0;

	if (tg->cache_words > 0 && tg->words == NULL && !cache_alloc(tg))
		return false;
	if (tg->cache_words > 0 && tg->nwords > tg->cache_words - doc->ntokens)
		cache_flush(tg);
	for (int32_t i = 0; i < doc->ntokens; i++)
	{
		tg->word[i] = tg->cache_words > 0 ? cache_find(tg, &doc->tokens[i]) : -1;
		if (tg->word[i] >= 0)
			tg->infos[i] = tg->words[tg->word[i]].info;
		else
			ner_word_info(&doc->tokens[i], &tg->model->lex, &tg->infos[i]);
		if (++since_check >= 4096)
		{
			nn_check_interrupts();
			since_check = 0;
		}
	}
	return ner_doc_context(doc, tg->infos, &tg->scratch);
}

/* Release the per-token buffers, keeping the word cache. */
static void
free_buffers(NerTagger *tg)
{
	free(tg->infos);
	free(tg->s1);
	free(tg->first);
	free(tg->word);
	free(tg->cand);
	free(tg->emit);
	free(tg->work);
	free(tg->back);
	tg->infos = NULL;
	tg->s1 = NULL;
	tg->first = NULL;
	tg->word = NULL;
	tg->cand = NULL;
	tg->emit = NULL;
	tg->work = NULL;
	tg->back = NULL;
	tg->cap = 0;
	tg->seqcap = 0;
	ner_scratch_free(&tg->scratch);
}

/* Make room for a document of n tokens whose longest sentence has len. */
static bool
tagger_reserve(NerTagger *tg, int32_t n, int32_t len)
{
	if (n <= tg->cap && len <= tg->seqcap)
		return true;
	n = n > tg->cap ? n : tg->cap;
	len = len > tg->seqcap ? len : tg->seqcap;
	free_buffers(tg);
	tg->infos = malloc(sizeof(NerTokInfo) * (size_t) n);
	tg->s1 = malloc(sizeof(NerStage1) * (size_t) n);
	tg->first = malloc((size_t) n);
	tg->word = malloc(sizeof(int32_t) * (size_t) n);
	tg->cand = malloc((size_t) n);
	tg->emit = malloc(sizeof(double) * L * (size_t) len);
	tg->work = malloc(sizeof(double) * 2 * L * (size_t) len);
	tg->back = malloc((size_t) L * (size_t) len);
	if (!tg->infos || !tg->s1 || !tg->first || !tg->word || !tg->cand || !tg->emit ||
		!tg->work || !tg->back)
	{
		free_buffers(tg);
		return false;
	}
	tg->cap = n;
	tg->seqcap = len;
	return true;
}

/* Prepare a tagger; the scores beyond sentence edges are the same for every word. */
void
ner_tagger_init(NerTagger *tg, const NerModel *model)
{
	memset(tg, 0, sizeof(*tg));
	tg->model = model;
	tg->cache_words = NER_CACHE_WORDS;
	tg->filter = true;
	for (int s = 0; s < model->nstages; s++)
		for (int d = -NER_WINDOW; d <= NER_WINDOW; d++)
			if (d != 0)
				offset_scores(&model->stage[s], NULL, d, tg->edge[s][d + NER_WINDOW]);
}

/* Release every buffer and the word cache; the tagger stays usable. */
void
ner_tagger_reset(NerTagger *tg)
{
	free_buffers(tg);
	cache_free(tg);
}

/* Release a tagger's buffers and word cache. */
void
ner_tagger_free(NerTagger *tg)
{
	ner_tagger_reset(tg);
}

/* Transition scores of a stage as doubles. */
static void
stage_trans(const NerWeights *w, double *trans)
{
	for (int f = 0; f <= L; f++)
		for (int t = 0; t < L; t++)
			trans[f * L + t] = w->trans[f][t] * (double) w->scale;
}

/*
 * Tag sentence [a, b) in stage s: each maximal run of candidates is decoded
 * as a segment between O labels, and every other token is O for sure.
 */
static void
tag_sentence(NerTagger *tg, int s, const double *trans, int32_t a, int32_t b,
			 uint8_t *labels, float *margins)
{
	int32_t		i = a;

	while (i < b)
	{
		int32_t		j = i;

		if (tg->cand[i] == NER_CAND_NO)
		{
			labels[i] = NER_LABEL_O;
			if (margins)
				margins[i] = NO_RIVAL_MARGIN;
			i++;
			continue;
		}
		while (j < b && tg->cand[j] != NER_CAND_NO)
			j++;
		tagger_emit_span(tg, s, a, b, i, j, tg->emit);
		ner_viterbi_segment(tg->emit, j - i, trans, i > a, j < b, labels + i,
							margins ? margins + i : NULL, tg->work, tg->back);
		i = j;
	}
}

/* Run stage s over every sentence of the document. */
static void
run_stage(NerTagger *tg, const NerDoc *doc, int s, uint8_t *labels, float *margins)
{
	double		trans[(L + 1) * L];
	int32_t		since_check = 0;

	stage_trans(&tg->model->stage[s], trans);
	for (int32_t k = 0; k < doc->nsent; k++)
	{
		int32_t		a = doc->sent_start[k];
		int32_t		b = doc->sent_start[k + 1];

		tag_sentence(tg, s, trans, a, b, labels, margins);
		since_check += b - a;
		if (since_check >= 4096)
		{
			nn_check_interrupts();
			since_check = 0;
		}
	}
}

/* Mark the tokens to decode: the candidates, or all of them without filtering. */
static void
mark_candidates(NerTagger *tg, const NerDoc *doc)
{
	if (!tg->filter || !ner_doc_candidates(doc, tg->infos, tg->cand))
		memset(tg->cand, NER_CAND_YES, (size_t) doc->ntokens);
}

/*
 * True if sentence boundaries are in order and cover the tokens; sets
 * *longest to the length of the longest sentence.
 */
static bool
doc_valid(const NerDoc *doc, int32_t *longest)
{
	*longest = 0;
	if (doc->ntokens < 0 || doc->nsent < 0 || doc->sent_start[0] != 0 ||
		doc->sent_start[doc->nsent] != doc->ntokens)
		return false;
	for (int32_t k = 0; k < doc->nsent; k++)
	{
		if (doc->sent_start[k] > doc->sent_start[k + 1])
			return false;
		if (doc->sent_start[k + 1] - doc->sent_start[k] > *longest)
			*longest = doc->sent_start[k + 1] - doc->sent_start[k];
	}
	return true;
}

/* Tag a document with one or two stages. */
NnStatus
ner_tag(NerTagger *tg, const NerDoc *doc, uint8_t *labels, float *margins)
{
	const NerModel *m = tg->model;
	int32_t		longest;

	if (doc->ntokens <= 0)
		return NN_OK;
	if (!doc_valid(doc, &longest))
	{
		/* malformed sentence bounds: tag nothing rather than read out of range */
		memset(labels, NER_LABEL_O, (size_t) doc->ntokens);
		return NN_OK;
	}
	if (!tagger_reserve(tg, doc->ntokens, longest))
		return NN_ERR_NOMEM;
	if (!cached_infos(tg, doc))
		return NN_ERR_NOMEM;
	mark_candidates(tg, doc);
	if (m->nstages == 1)
	{
		run_stage(tg, doc, 0, labels, margins);
		return NN_OK;
	}
	run_stage(tg, doc, 0, tg->first, NULL);
	if (!ner_doc_aggregate(doc, tg->infos, tg->first, tg->s1, &tg->scratch))
		return NN_ERR_NOMEM;
	run_stage(tg, doc, 1, labels, margins);
	return NN_OK;
}

/* Entities of a tagged document with confidences from the weakest token. */
int
ner_entities(const NerModel *model, const NerDoc *doc, const uint8_t *labels,
			 const float *margins, NerEntity *out)
{
	int			count = 0;

	for (int32_t k = 0; k < doc->nsent; k++)
	{
		int32_t		s = doc->sent_start[k];
		int			n = ner_labels_to_entities(labels + s, doc->sent_start[k + 1] - s,
											   s, out + count);

		for (int e = count; e < count + n; e++)
		{
			float		m = NO_RIVAL_MARGIN;

			for (int32_t t = out[e].start; margins && t < out[e].end; t++)
				m = fminf(m, margins[t]);
			out[e].confidence = margins ?
				(float) (1.0 / (1.0 + exp(-(model->conf_a * m + model->conf_b)))) : 1.0f;
		}
		count += n;
	}
	return count;
}
