/*
 * stance_doc.c
 *	  Stance towards named targets and the claims of quotes, over the quote
 *	  extraction pass (see stance_doc.h).
 */
#include <string.h>

#include "gazetteer.h"
#include "stance_doc.h"

/* Bytes of the target's last word looked for before the analysis. */
#define STANCE_PREFILTER_BYTES 32

#define Min(a, b) ((a) < (b) ? (a) : (b))

/* A target name prepared for matching. */
typedef struct Query
{
	const char *name;			/* trimmed */
	size_t		len;
	const char *last;			/* its last word */
	size_t		last_len;
	bool		single;			/* one word */
	bool		gazetteer;		/* a canonical gazetteer name: may be written otherwise */
} Query;

/* The state of finding one target. */
typedef struct TargetRun
{
	Query		q;
	const char *text;
	NnSpan	   *spans;			/* matching mentions, in text order */
	int32_t		nspans;
	int32_t		span_cap;
	int32_t		chunk_first;	/* first span of the current chunk */
	NnToken    *tok;			/* tokens of the sentences holding a match */
	int32_t		ntok;
	int32_t		tok_cap;
	int32_t		sentences;
} TargetRun;

/* The state of collecting every mention, for claims. */
typedef struct MentionRun
{
	StanceClaims *c;
	NnQuoteMention *m;			/* name offsets are into the claims' arena */
	int32_t		n;
	int32_t		cap;
} MentionRun;

/* Grow *buf to hold need elements of size elem; false when memory ran out. */
static bool
grow(void **buf, int32_t *cap, int32_t need, size_t elem)
{
	int32_t		n = *cap ? *cap : 16;
	void	   *p;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	p = *buf ? nn_resize(*buf, elem * (size_t) n) : nn_alloc(elem * (size_t) n);
	if (p == NULL)
		return false;
	*buf = p;
	*cap = n;
	return true;
}

/* ASCII lower case of a byte. */
static inline unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char) (c - 'A' + 'a') : c;
}

/* True if a[0..alen) equals b[0..blen) ignoring ASCII case. */
static bool
ci_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen != blen)
		return false;
	for (size_t i = 0; i < alen; i++)
		if (lower((unsigned char) a[i]) != lower((unsigned char) b[i]))
			return false;
	return true;
}

/* True if w[0..n) occurs in text[0..len) ignoring ASCII case. */
static bool
ci_contains(const char *text, size_t len, const char *w, size_t n)
{
	unsigned char first = lower((unsigned char) w[0]);

	for (size_t i = 0; i + n <= len; i++)
	{
		if ((i & (NN_CHECK_INTERVAL - 1)) == 0)
			nn_check_interrupts();
		if (lower((unsigned char) text[i]) == first && ci_equal(text + i, n, w, n))
			return true;
	}
	return false;
}

/* The last space-separated word of s[0..len). */
static void
last_word(const char *s, size_t len, const char **w, size_t *wlen)
{
	size_t		i = len;

	while (i > 0 && s[i - 1] != ' ')
		i--;
	*w = s + i;
	*wlen = len - i;
}

/*
 * True if name is a gazetteer entry's canonical name (so its mentions may
 * read otherwise). The answer for the last name asked is kept, as a scan
 * over a table asks about one target row after row.
 */
static bool
gazetteer_name(const char *name, size_t len)
{
	static char last[STANCE_TARGET_MAX];
	static size_t last_len = 0;
	static bool last_answer = false;
	uint32_t	n = nn_gaz_entry_count();

	if (last_len == len && memcmp(last, name, len) == 0)
		return last_answer;
	last_answer = false;
	for (uint32_t id = 0; id < n && !last_answer; id++)
	{
		const char *c = nn_gaz_canonical(id);

		last_answer = c != NULL && ci_equal(c, strlen(c), name, len);
	}
	memcpy(last, name, len);
	last_len = len;
	return last_answer;
}

/* Prepare a target; false if it can name nothing (empty or too long). */
static bool
query_init(Query *q, const char *target, size_t tlen, size_t textlen)
{
	while (tlen > 0 && (*target == ' ' || *target == '\t' || *target == '\n'))
		target++, tlen--;
	while (tlen > 0 && (target[tlen - 1] == ' ' || target[tlen - 1] == '\t' ||
						target[tlen - 1] == '\n'))
		tlen--;
	if (tlen == 0 || tlen > STANCE_TARGET_MAX || tlen > textlen)
		return false;
	q->name = target;
	q->len = tlen;
	last_word(target, tlen, &q->last, &q->last_len);
	q->single = q->last_len == tlen;
	q->gazetteer = gazetteer_name(target, tlen);
	return true;
}

/*
 * True if a mention is of the target: by canonical name, by its text, or,
 * for a person, by a last word shared with a one-word name on either side.
 */
static bool
query_matches(const Query *q, const char *text, const NnQuoteMention *m)
{
	const char *w;
	size_t		wlen;

	if (ci_equal(m->name, m->name_len, q->name, q->len))
		return true;
	if (!m->pronoun && ci_equal(text + m->start, m->end - m->start, q->name, q->len))
		return true;
	if (m->type != NER_PER)
		return false;
	last_word(m->name, m->name_len, &w, &wlen);
	return ci_equal(w, wlen, q->last, q->last_len) && (q->single || wlen == m->name_len);
}

/* Sink: keep a mention of the target. */
static bool
target_mention(void *arg, const NnQuoteMention *m)
{
	TargetRun  *run = arg;

	if (!query_matches(&run->q, run->text, m))
		return true;
	if (!grow((void **) &run->spans, &run->span_cap, run->nspans + 1, sizeof(NnSpan)))
		return false;
	run->spans[run->nspans].start = m->start;
	run->spans[run->nspans++].end = m->end;
	return true;
}

/*
 * Sink: keep the chunk's sentences that hold a mention of the target, with
 * offsets into the whole text and a sentence number of their own.
 */
static bool
target_tokens(void *arg, const NnToken *t, int32_t n, size_t base)
{
	TargetRun  *run = arg;
	int32_t		at = run->chunk_first;

	for (int32_t s = 0, e; s < n && at < run->nspans; s = e)
	{
		size_t		end;

		for (e = s + 1; e < n && t[e].sentence == t[s].sentence; e++)
			;
		end = t[e - 1].end + base;
		while (at < run->nspans && run->spans[at].end <= t[s].start + base)
			at++;
		if (at >= run->nspans || run->spans[at].start >= end)
			continue;
		if (!grow((void **) &run->tok, &run->tok_cap, run->ntok + (e - s), sizeof(NnToken)))
			return false;
		for (int32_t i = s; i < e; i++)
		{
			NnToken    *k = &run->tok[run->ntok++];

			*k = t[i];
			k->start += base;
			k->end += base;
			k->sentence = run->sentences;
		}
		run->sentences++;
	}
	run->chunk_first = run->nspans;
	return true;
}

/* Stance towards a named target (see stance_doc.h). */
NnStatus
stance_of_target(const StanceModel *model, NerTagger *tagger, const char *text, size_t len,
				 const char *target, size_t tlen, StanceResult *r)
{
	TargetRun	run;
	NnQuoteSink sink = {target_mention, target_tokens, &run, true};
	NnQuoteList quotes;
	NnStatus	st;

	stance_result_none(r);
	memset(&run, 0, sizeof(run));
	run.text = text;
	if (!query_init(&run.q, target, tlen, len))
		return NN_OK;
	/*
	 * A target written nowhere is mentioned nowhere, unless a variant names
	 * it; the last word's first bytes suffice to tell, and bound the scan.
	 */
	if (!run.q.gazetteer &&
		!ci_contains(text, len, run.q.last, Min(run.q.last_len, STANCE_PREFILTER_BYTES)))
		return NN_OK;
	st = nn_quotes_extract_sink(tagger, text, len, &quotes, &sink);
	if (st == NN_OK)
		nn_quotes_free(&quotes);
	if (st == NN_OK && run.nspans > 0)
		st = stance_classify_given(model, &tagger->model->lex, text, run.tok, run.ntok,
								   run.spans, run.nspans, r);
	nn_release(run.spans);
	nn_release(run.tok);
	return st;
}

/* Copy bytes to the claims' arena; returns their offset, or SIZE_MAX when memory ran out. */
static size_t
arena_add(StanceClaims *c, const char *s, size_t n)
{
	if (c->arena_len + n > c->arena_cap)
	{
		size_t		cap = c->arena_cap ? c->arena_cap : 1024;
		char	   *p;

		while (cap < c->arena_len + n)
			cap *= 2;
		p = c->arena ? nn_resize(c->arena, cap) : nn_alloc(cap);
		if (p == NULL)
			return SIZE_MAX;
		c->arena = p;
		c->arena_cap = cap;
	}
	memcpy(c->arena + c->arena_len, s, n);
	c->arena_len += n;
	return c->arena_len - n;
}

/* Sink: keep every mention with its name copied (the name pointer becomes an offset). */
static bool
claim_mention(void *arg, const NnQuoteMention *m)
{
	MentionRun *run = arg;
	size_t		off;

	if (!grow((void **) &run->m, &run->cap, run->n + 1, sizeof(NnQuoteMention)))
		return false;
	off = arena_add(run->c, m->name, m->name_len);
	if (off == SIZE_MAX)
		return false;
	run->m[run->n] = *m;
	run->m[run->n++].name = (const char *) (uintptr_t) off;
	return true;
}

/* Sink: claims read quotes' own tokens, so the document's are not kept. */
static bool
claim_tokens(void *arg, const NnToken *t, int32_t n, size_t base)
{
	(void) arg;
	(void) t;
	(void) n;
	(void) base;
	return true;
}

/* First mention starting at or after byte pos (mentions are in text order). */
static int32_t
first_mention_from(const MentionRun *run, size_t pos)
{
	int32_t		lo = 0,
				hi = run->n;

	while (lo < hi)
	{
		int32_t		mid = (lo + hi) / 2;

		if (run->m[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Canonical name of collected mention i. */
static const char *
mention_name(const MentionRun *run, int32_t i)
{
	return run->c->arena + (uintptr_t) run->m[i].name;
}

/* Tokenize text[start..end) into *tok with offsets into text. */
static NnStatus
tokenize_span(const char *text, size_t start, size_t end, NnToken **tok, int32_t *n,
			  int32_t *cap)
{
	NnTokenizer tk;
	NnToken		t;
	NnStatus	st = nn_tokens_begin(&tk, text + start, end - start);

	*n = 0;
	if (st != NN_OK)
		return st;
	while (nn_tokens_next(&tk, &t))
	{
		if (!grow((void **) tok, cap, *n + 1, sizeof(NnToken)))
			return NN_ERR_NOMEM;
		t.start += start;
		t.end += start;
		(*tok)[(*n)++] = t;
	}
	return NN_OK;
}

/* True if claims from first on already have the target name[0..len). */
static bool
claimed(const StanceClaims *c, int32_t first, const char *name, size_t len)
{
	for (int32_t k = first; k < c->n; k++)
		if (ci_equal(c->arena + c->items[k].name_off, c->items[k].name_len, name, len))
			return true;
	return false;
}

/*
 * The claims of one quote: a row per distinct entity it mentions, not the
 * speaker, at most STANCE_CLAIM_TARGETS, so the work stays linear in the
 * quote's mentions.
 */
static NnStatus
quote_claims(const StanceModel *model, const NerLexicon *clusters, const char *text,
			 MentionRun *run, int32_t qi, NnToken **tok, int32_t *tok_cap, NnSpan *spans)
{
	StanceClaims *c = run->c;
	const NnQuote *q = &c->quotes.items[qi];
	const char *spk = nn_quote_speaker(&c->quotes, q);
	int32_t		first = first_mention_from(run, q->start);
	int32_t		first_claim = c->n;
	int32_t		ntok = 0;
	NnStatus	st = NN_OK;

	for (int32_t i = first; i < run->n && run->m[i].end <= q->end && st == NN_OK &&
		 c->n - first_claim < STANCE_CLAIM_TARGETS; i++)
	{
		const char *name = mention_name(run, i);
		size_t		nlen = run->m[i].name_len;
		int			nspans = 0;
		StanceClaim *claim;

		if (nlen == 0 || ci_equal(name, nlen, spk, q->name_len) ||
			claimed(c, first_claim, name, nlen))
			continue;
		for (int32_t j = i; j < run->n && run->m[j].end <= q->end && nspans < STANCE_TARGET_MAX; j++)
			if (ci_equal(mention_name(run, j), run->m[j].name_len, name, nlen))
				spans[nspans++] = (NnSpan) {run->m[j].start, run->m[j].end};
		if (ntok == 0)
			st = tokenize_span(text, q->start, q->end, tok, &ntok, tok_cap);
		if (st != NN_OK || !grow((void **) &c->items, &c->cap, c->n + 1, sizeof(StanceClaim)))
			return st != NN_OK ? st : NN_ERR_NOMEM;
		claim = &c->items[c->n];
		claim->quote = qi;
		claim->name_off = (uintptr_t) run->m[i].name;
		claim->name_len = nlen;
		claim->type = run->m[i].type;
		st = stance_classify_given(model, clusters, text, *tok, ntok, spans, nspans,
								   &claim->result);
		c->n++;
	}
	return st;
}

/* The claims of a document (see stance_doc.h). */
NnStatus
stance_claims(const StanceModel *model, NerTagger *tagger, const char *text, size_t len,
			  StanceClaims *out)
{
	MentionRun	run = {out, NULL, 0, 0};
	NnQuoteSink sink = {claim_mention, claim_tokens, &run, false};
	NnToken    *tok = NULL;
	int32_t		tok_cap = 0;
	NnSpan	   *spans = nn_alloc(sizeof(NnSpan) * STANCE_TARGET_MAX);
	NnStatus	st;

	memset(out, 0, sizeof(*out));
	if (spans == NULL)
		return NN_ERR_NOMEM;
	st = nn_quotes_extract_sink(tagger, text, len, &out->quotes, &sink);
	for (int32_t qi = 0; st == NN_OK && qi < out->quotes.n; qi++)
	{
		nn_check_interrupts();
		if (out->quotes.items[qi].name_len > 0)
			st = quote_claims(model, &tagger->model->lex, text, &run, qi, &tok, &tok_cap, spans);
	}
	nn_release(spans);
	nn_release(tok);
	nn_release(run.m);
	if (st != NN_OK)
		stance_claims_free(out);
	return st;
}

/* The canonical name of a claim's target. */
const char *
stance_claim_target(const StanceClaims *c, const StanceClaim *claim)
{
	return c->arena + claim->name_off;
}

/* Release the claims. */
void
stance_claims_free(StanceClaims *c)
{
	nn_quotes_free(&c->quotes);
	nn_release(c->items);
	nn_release(c->arena);
	memset(c, 0, sizeof(*c));
}
