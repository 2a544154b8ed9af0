/*
 * learn_features.c
 *	  Hashed target-aware features (see learn_features.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "learn_features.h"
#include "token.h"
#include "utf8.h"

/* Namespaces keep templates with equal values apart. */
enum
{
	NS_BIAS = 1,
	NS_WORD1,
	NS_WORD2,
	NS_WORD3,
	NS_CHAR,
	NS_MENTION,
	NS_TARGET_WORD
};

/* Target words remembered for the mention features; more are ignored. */
#define MAX_TARGET_WORDS 16

/*
 * Character n-grams of 3 to 5 characters: cross-validation on SemEval's
 * training part preferred them to 2-5 (F_avg 0.681 against 0.669).
 */
#define MIN_CHAR_GRAM 3
#define MAX_CHAR_GRAM 5

/*
 * Value of a feature shared by all targets; its target-conjoined copy has 1.
 * Cross-validation on SemEval's training file: 0.7 scored F_avg 0.698, 0.5
 * and 1 0.696 and 0.692 (5 folds).
 */
#define SHARED_VALUE 0.7f

/* splitmix64's finaliser: spreads every input bit over the result. */
static inline uint64_t
mix64(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* Hash of bytes s[0..len), ASCII lower-cased, with FNV-1a then mixed. */
static uint64_t
hash_lower(const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 0x100000001b3ULL;
	}
	return mix64(h);
}

/* Key of a template with up to three values. */
static inline uint64_t
key3(uint64_t ns, uint64_t a, uint64_t b, uint64_t c)
{
	return mix64(mix64(mix64(ns * 0x9e3779b97f4a7c15ULL ^ a) ^ b) ^ c);
}

/* Append a feature; false if memory ran out. */
static bool
push(LearnFeatures *f, uint32_t bucket, float value)
{
	if (f->n == f->cap)
	{
		int32_t		cap = f->cap ? 2 * f->cap : 1024;
		LearnFeat  *p = f->feats ? nn_resize(f->feats, sizeof(LearnFeat) * cap)
			: nn_alloc(sizeof(LearnFeat) * cap);

		if (p == NULL)
			return false;
		f->feats = p;
		f->cap = cap;
	}
	f->feats[f->n].bucket = bucket;
	f->feats[f->n++].value = value;
	return true;
}

/* State of one extraction. */
typedef struct Extract
{
	LearnFeatures *out;
	uint64_t	target;			/* hash of the whole target */
	uint32_t	mask;
	bool		ok;
} Extract;

/*
 * Emit key shared by all targets, at SHARED_VALUE, and conjoined with the
 * target, at 1: what is learnt of one target then counts for less on another
 * than what is learnt of it.
 */
static void
emit(Extract *x, uint64_t key)
{
	x->ok = x->ok && push(x->out, (uint32_t) (key & x->mask), SHARED_VALUE) &&
		push(x->out, (uint32_t) (mix64(key ^ x->target) & x->mask), 1.0f);
}

/* Order features by bucket, for merging. */
static int
cmp_bucket(const void *a, const void *b)
{
	uint32_t	x = ((const LearnFeat *) a)->bucket;
	uint32_t	y = ((const LearnFeat *) b)->bucket;

	return (x > y) - (x < y);
}

/*
 * Merge features of one bucket into one, of the largest value: presence, not
 * counts, as cross-validation preferred.
 */
static void
merge(LearnFeatures *f)
{
	int32_t		n = 0;

	qsort(f->feats, f->n, sizeof(LearnFeat), cmp_bucket);
	for (int32_t i = 0; i < f->n; i++)
	{
		if (n > 0 && f->feats[n - 1].bucket == f->feats[i].bucket)
			f->feats[n - 1].value = fmaxf(f->feats[n - 1].value, f->feats[i].value);
		else
			f->feats[n++] = f->feats[i];
	}
	f->n = n;
}

/* Length of s cut to at most max bytes, at a character boundary. */
static size_t
cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char) s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Hashes of the target's words (tokens of two or more bytes). */
static NnStatus
target_words(const char *t, size_t len, uint64_t *words, int *nwords)
{
	NnTokenizer tk;
	NnToken		tok;
	NnStatus	st = nn_tokens_begin(&tk, t, len);

	*nwords = 0;
	if (st != NN_OK)
		return st;
	while (nn_tokens_next(&tk, &tok))
		if (tok.kind != NN_TOK_PUNCT && tok.end - tok.start >= 2 && *nwords < MAX_TARGET_WORDS)
			words[(*nwords)++] = hash_lower(t + tok.start, tok.end - tok.start);
	return NN_OK;
}

/* Word 1-3-grams of doc, a hashtag also as its word; marks the target's words found. */
static NnStatus
word_grams(Extract *x, const char *doc, size_t len, const uint64_t *tw, int ntw,
		   bool *found)
{
	NnTokenizer tk;
	NnToken		tok;
	uint64_t	prev1 = 0,
				prev2 = 0;
	NnStatus	st = nn_tokens_begin(&tk, doc, len);

	if (st != NN_OK)
		return st;
	while (x->ok && nn_tokens_next(&tk, &tok))
	{
		uint64_t	h = hash_lower(doc + tok.start, tok.end - tok.start);

		for (int i = 0; i < ntw; i++)
			if (tw[i] == h)
				found[i] = true;
		emit(x, key3(NS_WORD1, h, 0, 0));
		if (tok.kind == NN_TOK_HASHTAG && tok.end - tok.start > 1)
			emit(x, key3(NS_WORD1, hash_lower(doc + tok.start + 1, tok.end - tok.start - 1), 0, 0));
		if (prev1)
			emit(x, key3(NS_WORD2, prev1, h, 0));
		if (prev2)
			emit(x, key3(NS_WORD3, prev2, prev1, h));
		prev2 = prev1;
		prev1 = h;
	}
	return NN_OK;
}

/*
 * Character 3-5-grams of doc, ASCII lower-cased, over code points; a run of
 * white space reads as one space so layout does not change the n-grams.
 */
static void
char_grams(Extract *x, const char *doc, size_t len)
{
	size_t		starts[MAX_CHAR_GRAM];	/* byte starts of the last characters */
	int			have = 0;
	size_t		next_check = NN_CHECK_INTERVAL;
	size_t		i = 0;
	char	   *low = nn_alloc(len + 1);
	size_t		n = 0;

	if (low == NULL)
	{
		x->ok = false;
		return;
	}
	for (size_t k = 0; k < len; k++)
	{
		char		c = doc[k];
		bool		space = c == ' ' || c == '\t' || c == '\n' || c == '\r';

		if (space && n > 0 && low[n - 1] == ' ')
			continue;
		low[n++] = space ? ' ' : c;
	}
	while (x->ok && i < n)
	{
		int			width;

		if (i >= next_check)
		{
			nn_check_interrupts();
			next_check = i + NN_CHECK_INTERVAL;
		}
		nn_utf8_decode(low, n, i, &width);
		if (have == MAX_CHAR_GRAM)
			memmove(starts, starts + 1, sizeof(size_t) * --have);
		starts[have++] = i;
		i += width;
		for (int g = MIN_CHAR_GRAM; g <= MAX_CHAR_GRAM && g <= have; g++)
		{
			size_t		from = starts[have - g];

			emit(x, key3(NS_CHAR, hash_lower(low + from, i - from), 0, 0));
		}
	}
	nn_release(low);
}

/* Facts tying the document to the target: how many of its words occur. */
static void
mention_features(Extract *x, const uint64_t *tw, int ntw, const bool *found)
{
	int			hits = 0;

	for (int i = 0; i < ntw; i++)
	{
		hits += found[i];
		if (found[i])
			emit(x, key3(NS_TARGET_WORD, tw[i], 0, 0));
	}
	emit(x, key3(NS_MENTION, hits == 0 ? 0 : hits == ntw ? 2 : 1, 0, 0));
}

/* Extract the features of a pair (see learn_features.h). */
NnStatus
learn_features(const char *doc, size_t doclen, const char *target, size_t targetlen,
			   uint32_t nbits, LearnFeatures *out)
{
	Extract		x = {.out = out, .mask = (1u << nbits) - 1, .ok = true};
	uint64_t	tw[MAX_TARGET_WORDS];
	bool		found[MAX_TARGET_WORDS] = {false};
	int			ntw;
	NnStatus	st;

	out->n = 0;
	doclen = cut(doc, doclen, LEARN_MAX_DOC_BYTES);
	targetlen = cut(target, targetlen, LEARN_MAX_TARGET_BYTES);
	x.target = key3(NS_BIAS, hash_lower(target, targetlen), 1, 0);
	st = target_words(target, targetlen, tw, &ntw);
	if (st == NN_OK)
		st = word_grams(&x, doc, doclen, tw, ntw, found);
	if (st != NN_OK)
		return st;
	char_grams(&x, doc, doclen);
	mention_features(&x, tw, ntw, found);
	emit(&x, key3(NS_BIAS, 0, 0, 0));
	if (!x.ok)
		return NN_ERR_NOMEM;
	merge(out);
	return NN_OK;
}

/* Release the buffers of f. */
void
learn_features_free(LearnFeatures *f)
{
	nn_release(f->feats);
	memset(f, 0, sizeof(*f));
}
