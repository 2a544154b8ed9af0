/*
 * stance_features.c
 *	  Features of a target in its sentences (see stance_features.h).
 */
#include <string.h>

#include "hash_mix.h"
#include "stance_features.h"
#include "token.h"

/* Bytes of a word that are hashed; longer words are cut. */
#define WORD_BYTES 32
/* Bytes of a word whose character 4-grams are features. */
#define SUBWORD_BYTES 32
/* Distance bucket up to which words give character 4-grams: 2 tokens. */
#define SUBWORD_NEAR 2
/* Words after a negator that it negates, as VADER looks back three words. */
#define NEG_SCOPE 3
/* Distance within which trigrams are kept, to bound the key count. */
#define TRIGRAM_REACH 6
/* Tokens each side counted as near the target for lexicon sums. */
#define NEAR 3

/* Token flags. */
#define T_TARGET	0x0001		/* the placeholder of a mention */
#define T_NEGATED	0x0002		/* inside a negator's scope */
#define T_QUOTED	0x0004		/* inside quote marks */
#define T_PUNCT		0x0008		/* punctuation or a quote mark */
#define T_BREAK		0x0010		/* ends a clause: , ; : dashes, "but" */
#define T_CAP		0x0020		/* capitalised word inside a sentence */
#define T_POSS		0x0040		/* the clitic 's */
#define T_PRONOUN	0x0080		/* a personal pronoun (mentions only) */
#define T_QOPEN		0x0100		/* an opening quote mark */
#define T_QCLOSE	0x0200		/* a closing quote mark */

/* Word classes from the closed lists below. */
#define C_NEGATOR	1
#define C_BOOST		2
#define C_DAMP		3
#define C_CONTRAST	4			/* "but": the clause after it counts more */
#define C_CONCEDE	5			/* "although": its own clause counts less */
#define C_SAY		6
#define C_PRONOUN	7
#define C_ACCORDING 8

/* Feature templates; each key hashes its template with its values. */
enum
{
	F_BIAS = 1, F_UNI, F_UNI_DIST, F_BI, F_TRI, F_LEX, F_LEX_CLAUSE, F_LEX_OTHER,
	F_LEX_SUM, F_LEX_NET, F_T_QUOTED, F_S_QUOTE, F_SPEAKER, F_Q_LEX, F_T_BUT,
	F_T_POSS, F_T_PRON, F_T_START, F_MENTIONS, F_LENGTH, F_CLU, F_CLU_DIST, F_CLU_BI,
	F_HEAD, F_HEAD_CLU, F_HEAD_LEX, F_T_CLU, F_CLAUSE_NET, F_SUB
};

/* Words stepped over to reach a mention's nearest content word. */
static const char *const light_words[] = {
	"is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would",
	"could", "can", "may", "might", "should", "must", "also", "still", "just", "now", "then",
	"the", "a", "an", "to", "of", "'s", "’s", "who", "that", "did", "does", "do",
};

#define LIGHT_SLOTS 64
static uint32_t light_keys[LIGHT_SLOTS];

/* One token of the target's sentences. */
typedef struct CtxTok
{
	uint32_t	word;			/* stance_word_key, or the placeholder's key */
	uint32_t	clu;			/* entity-model word cluster value, 0 if unknown */
	uint32_t	tclu;			/* a mention's: the cluster of its last word */
	int32_t		dist;			/* signed tokens to the nearest mention */
	float		valence;		/* adjusted lexicon valence, VADER scale / 4 */
	float		weight;			/* clause weight from contrastive conjunctions */
	uint16_t	flags;
	uint8_t		cls;			/* word class, 0 if none */
	bool		broken;			/* a clause break lies between it and the mention */
	bool		other;			/* another capitalised word lies in between */
	int32_t		sentence;
	const char *s;				/* the token's bytes, for its character n-grams */
	uint32_t	len;			/* their length, cut to SUBWORD_BYTES */
} CtxTok;

/* The context being built. */
typedef struct Ctx
{
	CtxTok	   *t;
	int32_t		n;
	int32_t		cap;
} Ctx;

/* A closed word list entry. */
typedef struct WordClass
{
	const char *word;
	uint8_t		cls;
} WordClass;

/* Cue words: VADER's negators and boosters, news attribution verbs. */
static const WordClass word_classes[] = {
	{"not", C_NEGATOR}, {"n't", C_NEGATOR}, {"no", C_NEGATOR}, {"never", C_NEGATOR},
	{"nobody", C_NEGATOR}, {"nothing", C_NEGATOR}, {"none", C_NEGATOR},
	{"neither", C_NEGATOR}, {"nor", C_NEGATOR}, {"without", C_NEGATOR},
	{"cannot", C_NEGATOR}, {"lack", C_NEGATOR}, {"lacked", C_NEGATOR},
	{"very", C_BOOST}, {"really", C_BOOST}, {"extremely", C_BOOST}, {"so", C_BOOST},
	{"too", C_BOOST}, {"most", C_BOOST}, {"more", C_BOOST}, {"highly", C_BOOST},
	{"totally", C_BOOST}, {"absolutely", C_BOOST}, {"completely", C_BOOST},
	{"incredibly", C_BOOST}, {"particularly", C_BOOST}, {"deeply", C_BOOST},
	{"hugely", C_BOOST}, {"especially", C_BOOST}, {"truly", C_BOOST},
	{"utterly", C_BOOST}, {"remarkably", C_BOOST}, {"greatly", C_BOOST},
	{"slightly", C_DAMP}, {"somewhat", C_DAMP}, {"barely", C_DAMP}, {"hardly", C_DAMP},
	{"less", C_DAMP}, {"little", C_DAMP}, {"marginally", C_DAMP}, {"partly", C_DAMP},
	{"but", C_CONTRAST}, {"however", C_CONTRAST}, {"yet", C_CONTRAST},
	{"nevertheless", C_CONTRAST}, {"nonetheless", C_CONTRAST},
	{"although", C_CONCEDE}, {"though", C_CONCEDE}, {"despite", C_CONCEDE},
	{"whereas", C_CONCEDE},
	{"said", C_SAY}, {"says", C_SAY}, {"say", C_SAY}, {"told", C_SAY}, {"tells", C_SAY},
	{"added", C_SAY}, {"stated", C_SAY}, {"argued", C_SAY}, {"claimed", C_SAY},
	{"wrote", C_SAY}, {"tweeted", C_SAY}, {"insisted", C_SAY}, {"explained", C_SAY},
	{"noted", C_SAY}, {"asked", C_SAY}, {"warned", C_SAY}, {"declared", C_SAY},
	{"according", C_ACCORDING},
	{"he", C_PRONOUN}, {"she", C_PRONOUN}, {"him", C_PRONOUN}, {"her", C_PRONOUN},
	{"his", C_PRONOUN}, {"they", C_PRONOUN}, {"them", C_PRONOUN}, {"their", C_PRONOUN},
	{"it", C_PRONOUN}, {"its", C_PRONOUN}, {"we", C_PRONOUN}, {"i", C_PRONOUN},
	{"you", C_PRONOUN},
};

/*
 * Word keys of the lists, hashed once: a lookup is then one probe per token
 * rather than string compares. Filled on first use; the table only ever
 * gains the same values, so a repeated fill is harmless.
 */
#define CLASS_SLOTS 256
static uint32_t class_keys[CLASS_SLOTS];
static uint8_t class_vals[CLASS_SLOTS];
static bool class_ready = false;

/* Key of a template with up to three values; never 0. */
static inline uint32_t
fkey(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
	uint64_t	h = nn_mix64(((uint64_t) tmpl << 32) ^ a);
	uint32_t	k;

	h = nn_mix64(h ^ ((uint64_t) b << 32) ^ c);
	k = (uint32_t) (h >> 32);
	return k ? k : 1;
}

/* Hash a word as the lexicon keys it. */
uint32_t
stance_word_key(const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;
	size_t		n = 0;

	for (size_t i = 0; i < len && n < WORD_BYTES; i++, n++)
	{
		unsigned char c = (unsigned char) s[i];

		/* ’ and ‘ are apostrophes in "n’t" and "’s": read them as ' */
		if (c == 0xE2 && i + 2 < len && (unsigned char) s[i + 1] == 0x80 &&
			((unsigned char) s[i + 2] == 0x99 || (unsigned char) s[i + 2] == 0x98))
		{
			c = '\'';
			i += 2;
		}
		else if (c >= 'A' && c <= 'Z')
			c = (unsigned char) (c - 'A' + 'a');
		h = (h ^ c) * 0x100000001b3ULL;
	}
	h = nn_mix64(h ^ n);
	return (uint32_t) (h >> 32) | 1;
}

/* Slot of a key in a power-of-two table. */
static inline uint32_t
slot_of(uint32_t key, uint32_t mask)
{
	return (uint32_t) (nn_mix64(key) & mask);
}

/* First slot of a key in the lexicon's table. */
uint32_t
stance_lex_slot(uint32_t key, uint32_t mask)
{
	return slot_of(key, mask);
}

/* Probe the lexicon. */
int32_t
stance_lex_lookup(const StanceLexicon *lex, uint32_t key)
{
	uint32_t	h;

	if (lex == NULL || lex->slots == NULL)
		return 0;
	for (h = slot_of(key, lex->mask);; h = (h + 1) & lex->mask)
	{
		if (lex->slots[h].key == key)
			return lex->slots[h].valence;
		if (lex->slots[h].key == 0)
			return 0;
	}
}

/* Hash the closed word lists into their table. */
static void
class_init(void)
{
	for (size_t i = 0; i < sizeof(light_words) / sizeof(light_words[0]); i++)
		light_keys[i] = stance_word_key(light_words[i], strlen(light_words[i]));
	for (size_t i = 0; i < sizeof(word_classes) / sizeof(word_classes[0]); i++)
	{
		const char *w = word_classes[i].word;
		uint32_t	key = stance_word_key(w, strlen(w));
		uint32_t	h = slot_of(key, CLASS_SLOTS - 1);

		while (class_keys[h] != 0 && class_keys[h] != key)
			h = (h + 1) & (CLASS_SLOTS - 1);
		class_keys[h] = key;
		class_vals[h] = word_classes[i].cls;
	}
	class_ready = true;
}

/* Class of a word key, 0 if it is in no list. */
static uint8_t
class_of(uint32_t key)
{
	uint32_t	h = slot_of(key, CLASS_SLOTS - 1);

	while (class_keys[h] != 0)
	{
		if (class_keys[h] == key)
			return class_vals[h];
		h = (h + 1) & (CLASS_SLOTS - 1);
	}
	return 0;
}

/* Append a feature, growing the buffer; false if memory ran out. */
static bool
push(StanceFeatures *f, uint32_t key, float value)
{
	if (f->n == f->cap)
	{
		int32_t		cap = f->cap ? 2 * f->cap : 256;
		StanceFeat *p = f->feats ? nn_resize(f->feats, sizeof(StanceFeat) * cap)
			: nn_alloc(sizeof(StanceFeat) * cap);

		if (p == NULL)
			return false;
		f->feats = p;
		f->cap = cap;
	}
	f->feats[f->n].key = key;
	f->feats[f->n].value = value;
	f->n++;
	return true;
}

/* Make room for one more context token. */
static bool
ctx_grow(Ctx *c)
{
	if (c->n == c->cap)
	{
		int32_t		cap = c->cap ? 2 * c->cap : 128;
		CtxTok	   *p = c->t ? nn_resize(c->t, sizeof(CtxTok) * cap)
			: nn_alloc(sizeof(CtxTok) * cap);

		if (p == NULL)
			return false;
		c->t = p;
		c->cap = cap;
	}
	return true;
}

/* True if spans are in text order, so one cursor finds a token's mention. */
static bool
spans_sorted(const NnSpan *targets, int ntargets)
{
	for (int i = 1; i < ntargets; i++)
		if (targets[i].start < targets[i - 1].end)
			return false;
	return true;
}

/*
 * True if the token overlaps a mention. Sorted spans are walked with the
 * cursor *at, as tokens come in order; others are searched in full.
 */
static bool
in_target(const NnToken *tok, const NnSpan *targets, int ntargets, bool sorted, int *at)
{
	if (sorted)
	{
		while (*at < ntargets && targets[*at].end <= tok->start)
			(*at)++;
		return *at < ntargets && targets[*at].start < tok->end;
	}
	for (int i = 0; i < ntargets; i++)
		if (targets[i].start < tok->end && targets[i].end > tok->start)
			return true;
	return false;
}

/*
 * Summarise a token into a context entry (distance and valence come later);
 * clusters are looked up for context words, mclusters for a mention.
 */
static void
ctx_token(const char *text, const NnToken *tok, bool target, bool sent_first,
		  const NerLexicon *clusters, const NerLexicon *mclusters, CtxTok *ct)
{
	const char *s = text + tok->start;
	size_t		len = tok->end - tok->start;

	memset(ct, 0, sizeof(*ct));
	ct->sentence = tok->sentence;
	ct->s = s;
	ct->len = (uint32_t) (len < SUBWORD_BYTES ? len : SUBWORD_BYTES);
	ct->weight = 1.0f;
	ct->word = tok->kind == NN_TOK_NUMBER ? stance_word_key("<num>", 5)
		: stance_word_key(s, len);
	ct->cls = class_of(ct->word);
	if (clusters != NULL && !target)
		ct->clu = ner_lex_lookup(clusters, ner_lex_key(s, len));
	if (target)
	{
		if (mclusters != NULL)
			ct->tclu = ner_lex_lookup(mclusters, ner_lex_key(s, len));
		ct->flags |= T_TARGET | (ct->cls == C_PRONOUN ? T_PRONOUN : 0);
		ct->word = stance_word_key("<t>", 3);
		ct->cls = 0;
		return;
	}
	if (tok->kind == NN_TOK_PUNCT || tok->kind == NN_TOK_QUOTE_OPEN ||
		tok->kind == NN_TOK_QUOTE_CLOSE)
		ct->flags |= T_PUNCT;
	if (tok->kind == NN_TOK_QUOTE_OPEN)
		ct->flags |= T_QOPEN;
	if (tok->kind == NN_TOK_QUOTE_CLOSE)
		ct->flags |= T_QCLOSE;
	if (tok->kind == NN_TOK_PUNCT && (*s == ',' || *s == ';' || *s == ':' || (unsigned char) *s == 0xE2))
		ct->flags |= T_BREAK;
	if (ct->cls == C_CONTRAST)
		ct->flags |= T_BREAK;
	if (tok->kind == NN_TOK_CLITIC && len >= 2 && (s[len - 1] == 's' || s[len - 1] == 'S'))
		ct->flags |= T_POSS;
	if (!sent_first && (tok->kind == NN_TOK_WORD || tok->kind == NN_TOK_ABBREV) &&
		*s >= 'A' && *s <= 'Z')
		ct->flags |= T_CAP;
}

/* Tokens from the tokenizer, or from the caller's array when given. */
typedef struct TokSource
{
	NnTokenizer tk;
	const NnToken *given;
	int32_t		ngiven;
	int32_t		next;
} TokSource;

/* The next token of a source; false at the end. */
static bool
next_token(TokSource *src, NnToken *tok)
{
	if (src->given == NULL)
		return nn_tokens_next(&src->tk, tok);
	if (src->next >= src->ngiven)
		return false;
	*tok = src->given[src->next++];
	return true;
}

/*
 * Read the tokens and keep the sentences holding a mention. A sentence's
 * tokens are buffered and dropped at its end if none was a mention, so
 * memory follows the target's sentences, not the document. Consecutive
 * mention tokens merge into one placeholder.
 */
static NnStatus
collect(const char *text, TokSource *src, const NnSpan *targets, int ntargets,
		const NerLexicon *clusters, const NerLexicon *mclusters, Ctx *c,
		StanceFeatures *out)
{
	NnToken		tok;
	int32_t		sent = -1;
	int32_t		sent_begin = 0;
	bool		sent_hit = false;
	bool		sorted = spans_sorted(targets, ntargets);
	int			at = 0;

	while (next_token(src, &tok))
	{
		bool		target = in_target(&tok, targets, ntargets, sorted, &at);

		if ((++out->ntokens & 1023) == 0)
			nn_check_interrupts();
		if (tok.sentence != sent)
		{
			if (!sent_hit)
				c->n = sent_begin;
			sent = tok.sentence;
			sent_begin = c->n;
			sent_hit = false;
		}
		sent_hit |= target;
		/* a mention is one placeholder, whose cluster is its last word's */
		if (target && c->n > sent_begin && (c->t[c->n - 1].flags & T_TARGET))
		{
			if (mclusters != NULL)
				c->t[c->n - 1].tclu =
					ner_lex_lookup(mclusters, ner_lex_key(text + tok.start, tok.end - tok.start));
			continue;
		}
		if (!ctx_grow(c))
			return NN_ERR_NOMEM;
		ctx_token(text, &tok, target, c->n == sent_begin, clusters, mclusters, &c->t[c->n]);
		c->n++;
	}
	if (!sent_hit)
		c->n = sent_begin;
	return NN_OK;
}

/* Mark quoted tokens and negation scopes of one sentence t[0..n). */
static void
mark_scopes(CtxTok *t, int32_t n, bool negation)
{
	int32_t		depth = 0;
	int32_t		scope = 0;

	/* a sentence whose first quote mark closes began inside a quotation */
	for (int32_t i = 0; i < n; i++)
		if (t[i].flags & (T_QOPEN | T_QCLOSE))
		{
			depth = (t[i].flags & T_QCLOSE) ? 1 : 0;
			break;
		}
	for (int32_t i = 0; i < n; i++)
	{
		if (t[i].flags & T_QOPEN)
			depth++;
		else if ((t[i].flags & T_QCLOSE) && depth > 0)
			depth--;
		else if (depth > 0)
			t[i].flags |= T_QUOTED;
		if (t[i].flags & T_PUNCT)
			scope = 0;
		else if (scope > 0)
		{
			t[i].flags |= T_NEGATED;
			scope--;
		}
		if (negation && t[i].cls == C_NEGATOR)
			scope = NEG_SCOPE;
	}
}

/*
 * Clause weights of one sentence, after VADER: words before the last "but"
 * count half and those after it half again more; a concessive clause
 * ("although ...", up to the next break) counts half.
 */
static void
mark_contrast(CtxTok *t, int32_t n)
{
	int32_t		but = -1;

	for (int32_t i = 0; i < n; i++)
		if (t[i].cls == C_CONTRAST)
			but = i;
	for (int32_t i = 0; but >= 0 && i < n; i++)
		t[i].weight = i < but ? 0.5f : 1.5f;
	for (int32_t i = 0; i < n; i++)
		if (t[i].cls == C_CONCEDE)
			for (int32_t j = i; j < n && !(j > i && (t[j].flags & T_BREAK)); j++)
				t[j].weight *= 0.5f;
}

/*
 * Signed distance of each token of a sentence to its nearest mention, and
 * whether a clause break or another capitalised word lies between: one
 * sweep each way.
 */
static void
mark_distances(CtxTok *t, int32_t n)
{
	int32_t		last = -1;
	bool		brk = false;
	bool		cap = false;

	for (int32_t i = 0; i < n; i++)
	{
		if (t[i].flags & T_TARGET)
		{
			last = i;
			brk = cap = false;
			continue;
		}
		t[i].dist = last >= 0 ? i - last : INT32_MAX;
		t[i].broken = brk;
		t[i].other = cap;
		brk |= (t[i].flags & T_BREAK) != 0;
		cap |= (t[i].flags & T_CAP) != 0;
	}
	last = -1;
	for (int32_t i = n - 1; i >= 0; i--)
	{
		if (t[i].flags & T_TARGET)
		{
			last = i;
			brk = cap = false;
			continue;
		}
		if (last >= 0 && last - i <= t[i].dist)
		{
			t[i].dist = i - last;
			t[i].broken = brk;
			t[i].other = cap;
		}
		brk |= (t[i].flags & T_BREAK) != 0;
		cap |= (t[i].flags & T_CAP) != 0;
	}
}

/* Net valence bucket: strongly or mildly negative, neutral, mildly or strongly positive. */
static uint32_t
net_bucket(float net)
{
	return net < -1.0f ? 0 : net < -0.25f ? 1 : net <= 0.25f ? 2 : net <= 1.0f ? 3 : 4;
}

/* Lexicon valence of each token, adjusted for boosters, negation and clause weight. */
static void
mark_valence(CtxTok *t, int32_t n, const StanceLexicon *lex, uint32_t groups)
{
	for (int32_t i = 0; i < n; i++)
	{
		float		v;

		if (t[i].flags & T_TARGET)
			continue;
		v = (float) stance_lex_lookup(lex, t[i].word);
		if (v == 0.0f)
			continue;
		if (i > 0 && t[i - 1].cls == C_BOOST)
			v += v > 0 ? 29.3f : -29.3f;
		else if (i > 0 && t[i - 1].cls == C_DAMP)
			v -= v > 0 ? 29.3f : -29.3f;
		if ((groups & STANCE_G_NEGATION) && (t[i].flags & T_NEGATED))
			v *= -0.74f;
		if (groups & STANCE_G_CONTRAST)
			v *= t[i].weight;
		t[i].valence = v / (float) STANCE_VALENCE_MAX;
	}
}

/* Distance bucket: 1, 2, 3, 4-5, 6-8, 9-15, further. */
static uint32_t
dist_bucket(int32_t d)
{
	d = d < 0 ? -d : d;
	return d <= 3 ? (uint32_t) d : d <= 5 ? 4 : d <= 8 ? 5 : d <= 15 ? 6 : 7;
}

/* The word as features see it: a negated word is a different word. */
static inline uint32_t
feat_word(const CtxTok *t, uint32_t groups)
{
	if ((groups & STANCE_G_NEGATION) && (t->flags & T_NEGATED))
		return t->word ^ 0x9e3779b9u;
	return t->word;
}

/* Side of a token: 0 before its nearest mention, 1 after (mentions count as before). */
static inline uint32_t
side_of(const CtxTok *t)
{
	return (t->flags & T_TARGET) ? 0 : t->dist > 0;
}

/* Sums of lexicon valence over parts of the context. */
enum
{
	S_ALL, S_NEAR, S_CLAUSE, S_QUOTED, S_PLAIN, S_WEIGHTED, S_KINDS
};

/* Cluster of a token for features: the placeholder is its own, unknown words none. */
static inline uint32_t
clu_of(const CtxTok *t, bool fine)
{
	if (t->flags & T_TARGET)
		return 0xFFFFu;
	if (t->clu == 0)
		return 0xFFFEu;
	return fine ? NER_LEX_C3(t->clu) : NER_LEX_C2(t->clu);
}

/*
 * Clusters of a mention at three granularities: what kind of entity the
 * target is (a party, a government, a person in the news) shifts how the
 * same words read. Measured on NewsMTSC (with STANCE_G_CLAUSE and a step of
 * 0.015; mean of 3 seeds x 4 hash layouts): dev-rw macro-F1 0.675 -> 0.696,
 * dev-mt 0.664 -> 0.678, 5-fold CV on train 0.655 -> 0.670. The mention's
 * own words (who the target is) added only 0.003 / 0.005 more and are left
 * out: a prior on named people learned from one period's news is not what
 * the model should carry.
 */
static bool
emit_mention_clusters(const CtxTok *t, StanceFeatures *f)
{
	bool		ok = true;

	if (t->tclu == 0)
		return ok;
	ok &= push(f, fkey(F_T_CLU, 1, NER_LEX_C1(t->tclu), 0), 1.0f);
	ok &= push(f, fkey(F_T_CLU, 2, NER_LEX_C2(t->tclu), 0), 1.0f);
	ok &= push(f, fkey(F_T_CLU, 3, NER_LEX_C3(t->tclu), 0), 1.0f);
	return ok;
}

/*
 * Character 4-grams of a word near the mention between boundary marks, by
 * side: a word's forms and kin share them ("criticised", "criticism",
 * "critics"), so what one teaches reaches the others. On NewsMTSC, mean of
 * 5 seeds: dev-rw macro-F1 0.700 -> 0.705, dev-mt 0.677 -> 0.688, 5-fold
 * cross-validation 0.671 -> 0.674; mean of 8 hash layouts: 0.696 -> 0.700
 * and 0.679 -> 0.688. Words further away (all: 0.708 but 0.666 on dev-mt
 * over the layouts) or only next to it (no change) did worse.
 */
static bool
emit_subwords(const CtxTok *t, uint32_t side, StanceFeatures *f)
{
	char		buf[SUBWORD_BYTES + 2];
	bool		ok = true;
	uint32_t	n = t->len + 2;

	buf[0] = '^';
	memcpy(buf + 1, t->s, t->len);
	buf[n - 1] = '$';
	for (uint32_t i = 0; i + 4 <= n; i++)
		ok &= push(f, fkey(F_SUB, stance_word_key(buf + i, 4), side, 0), 1.0f);
	return ok;
}

/* Word-cluster keys of token i: bag, by side and distance, and cluster bigrams. */
static bool
emit_clusters(const CtxTok *t, int32_t n, int32_t i, uint32_t side, uint32_t b,
			  StanceFeatures *f)
{
	bool		ok = true;

	if (i + 1 < n)
		ok &= push(f, fkey(F_CLU_BI, clu_of(&t[i], false), clu_of(&t[i + 1], false), side), 1.0f);
	if ((t[i].flags & T_TARGET) || t[i].clu == 0)
		return ok;
	ok &= push(f, fkey(F_CLU, clu_of(&t[i], true), (t[i].flags & T_NEGATED) != 0, 0), 1.0f);
	ok &= push(f, fkey(F_CLU_DIST, clu_of(&t[i], false), side, b), 1.0f);
	return ok;
}

/*
 * Word, n-gram and lexicon keys of one sentence t[0..n); lexicon sums into
 * pos/neg. With STANCE_G_CLAUSE, the net valence of the words before and
 * after the mentions that no clause break parts from them, bucketed: the
 * sides of a mention's own clause read differently ("X attacked Y"); with
 * the mention's clusters it added about 0.003 on both NewsMTSC dev sets.
 */
static bool
emit_tokens(const CtxTok *t, int32_t n, uint32_t groups, StanceFeatures *f,
			float pos[S_KINDS], float neg[S_KINDS])
{
	bool		ok = true;
	float		clause[2] = {0.0f, 0.0f};

	for (int32_t i = 0; i < n; i++)
	{
		uint32_t	w = feat_word(&t[i], groups);
		uint32_t	side = side_of(&t[i]);
		uint32_t	b = dist_bucket(t[i].dist);
		float		v = t[i].valence;
		float	   *sum = v > 0 ? pos : neg;
		float		a = v > 0 ? v : -v;

		if ((groups & STANCE_G_NGRAMS) && i + 1 < n)
			ok &= push(f, fkey(F_BI, w, feat_word(&t[i + 1], groups), side), 1.0f);
		if ((groups & STANCE_G_NGRAMS) && i + 2 < n && dist_bucket(t[i].dist) <= 5)
			ok &= push(f, fkey(F_TRI, w ^ (side * 0x85ebca6bu), feat_word(&t[i + 1], groups),
								feat_word(&t[i + 2], groups)), 1.0f);
		if (groups & STANCE_G_CLUSTERS)
			ok &= emit_clusters(t, n, i, side, b, f);
		if ((t[i].flags & T_TARGET) && (groups & STANCE_G_MENTION))
			ok &= emit_mention_clusters(&t[i], f);
		if (t[i].flags & T_TARGET)
			continue;
		if ((groups & STANCE_G_SUBWORD) && t[i].len >= 4 && b <= SUBWORD_NEAR)
			ok &= emit_subwords(&t[i], side, f);
		if (groups & STANCE_G_WORDS)
		{
			ok &= push(f, fkey(F_UNI, w, 0, 0), 1.0f);
			ok &= push(f, fkey(F_UNI_DIST, w, side, b), 1.0f);
		}
		if (!(groups & STANCE_G_LEXICON) || v == 0.0f)
			continue;
		ok &= push(f, fkey(F_LEX, v > 0, side, b), a);
		if (!t[i].broken)
			ok &= push(f, fkey(F_LEX_CLAUSE, v > 0, 0, 0), a);
		if (t[i].other)
			ok &= push(f, fkey(F_LEX_OTHER, v > 0, 0, 0), a);
		sum[S_ALL] += a;
		sum[S_NEAR] += b <= NEAR ? a : 0.0f;
		sum[S_CLAUSE] += t[i].broken ? 0.0f : a;
		sum[(t[i].flags & T_QUOTED) ? S_QUOTED : S_PLAIN] += a;
		sum[S_WEIGHTED] += a * 4.0f / (4.0f + (float) b);
		clause[side] += t[i].broken ? 0.0f : v;
	}
	for (uint32_t s = 0; s < 2 && (groups & STANCE_G_CLAUSE) && (groups & STANCE_G_LEXICON); s++)
		ok &= push(f, fkey(F_CLAUSE_NET, s, net_bucket(4.0f * clause[s]), 0), 1.0f);
	return ok;
}

/* Lexicon sums as features: each side's total and a bucket of the net. */
static bool
emit_sums(const float pos[S_KINDS], const float neg[S_KINDS], StanceFeatures *f)
{
	bool		ok = true;

	for (uint32_t k = 0; k < S_KINDS; k++)
	{
		if (pos[k] > 0.0f)
			ok &= push(f, fkey(F_LEX_SUM, k, 1, 0), pos[k]);
		if (neg[k] > 0.0f)
			ok &= push(f, fkey(F_LEX_SUM, k, 0, 0), neg[k]);
		ok &= push(f, fkey(F_LEX_NET, k, net_bucket(pos[k] - neg[k]), 0), 1.0f);
	}
	return ok;
}

/* True if the mention at i is a speaker: "X said", "said X", "according to X". */
static bool
is_speaker(const CtxTok *t, int32_t n, int32_t i)
{
	static uint32_t to_key = 0;

	if (to_key == 0)
		to_key = stance_word_key("to", 2);
	for (int32_t j = i + 1; j < n && j <= i + 3; j++)
		if (t[j].cls == C_SAY)
			return true;
	if (i >= 1 && t[i - 1].cls == C_SAY)
		return true;
	return i >= 2 && t[i - 1].word == to_key && t[i - 2].cls == C_ACCORDING;
}

/* What one sentence says about its mentions, accumulated into bits. */
#define M_QUOTED	0x01		/* a mention inside quote marks */
#define M_HASQUOTE	0x02		/* the sentence quotes someone */
#define M_SPEAKER	0x04		/* a mention is the speaker */
#define M_POSS		0x08		/* a mention takes 's */
#define M_PRONOUN	0x10		/* a mention is a pronoun */
#define M_START		0x20		/* a mention opens its sentence */
#define M_BEFORE_BUT 0x40		/* a mention precedes "but" */
#define M_AFTER_BUT 0x80		/* a mention follows "but" */

/* Facts about the mentions of one sentence t[0..n); counts mentions into *nment. */
static uint32_t
mention_bits(const CtxTok *t, int32_t n, int32_t *nment)
{
	uint32_t	bits = 0;
	bool		but_seen = false;

	for (int32_t i = 0; i < n; i++)
	{
		if (t[i].flags & (T_QOPEN | T_QCLOSE))
			bits |= M_HASQUOTE;
		if (t[i].cls == C_CONTRAST)
			but_seen = true;
		if (!(t[i].flags & T_TARGET))
			continue;
		(*nment)++;
		bits |= (t[i].flags & T_QUOTED) ? M_QUOTED : 0;
		bits |= (t[i].flags & T_PRONOUN) ? M_PRONOUN : 0;
		bits |= i <= 1 ? M_START : 0;
		bits |= but_seen ? M_AFTER_BUT : 0;
		if (i + 1 < n && (t[i + 1].flags & T_POSS))
			bits |= M_POSS;
		if (is_speaker(t, n, i))
			bits |= M_SPEAKER;
		for (int32_t j = i + 1; j < n; j++)
			if (t[j].cls == C_CONTRAST)
				bits |= M_BEFORE_BUT;
	}
	return bits;
}

/* True if a word is stepped over when looking for a mention's content word. */
static bool
is_light(uint32_t word)
{
	for (size_t i = 0; i < sizeof(light_words) / sizeof(light_words[0]); i++)
		if (light_keys[i] == word)
			return true;
	return false;
}

/*
 * The nearest content words each side of every mention of a sentence, up
 * to four tokens away within its clause: what the target does or what is
 * done to it ("Smith has been praised", "criticised Smith"), with its
 * cluster and lexicon polarity, and whether it is negated.
 */
static bool
emit_heads(const CtxTok *t, int32_t n, StanceFeatures *f)
{
	bool		ok = true;

	for (int32_t i = 0; i < n; i++)
	{
		if (!(t[i].flags & T_TARGET))
			continue;
		for (int dir = -1; dir <= 1; dir += 2)
		{
			for (int32_t j = i + dir, k = 0; j >= 0 && j < n && k < 4; j += dir, k++)
			{
				uint32_t	neg = (t[j].flags & T_NEGATED) != 0;

				if (t[j].flags & (T_BREAK | T_TARGET | T_QOPEN | T_QCLOSE))
					break;
				if ((t[j].flags & T_PUNCT) || is_light(t[j].word))
					continue;
				ok &= push(f, fkey(F_HEAD, t[j].word, dir > 0, neg), 1.0f);
				if (t[j].clu != 0)
					ok &= push(f, fkey(F_HEAD_CLU, NER_LEX_C3(t[j].clu), dir > 0, neg), 1.0f);
				if (t[j].valence != 0.0f)
					ok &= push(f, fkey(F_HEAD_LEX, t[j].valence > 0, dir > 0, 0),
							   t[j].valence > 0 ? t[j].valence : -t[j].valence);
				break;
			}
		}
	}
	return ok;
}

/* Keys of the mention facts, alone and, for quotation, combined with the lexicon. */
static bool
emit_mention(uint32_t bits, int32_t nment, int32_t ntok, uint32_t groups,
			 const float pos[S_KINDS], const float neg[S_KINDS], StanceFeatures *f)
{
	bool		ok = true;
	uint32_t	quote = bits & (M_QUOTED | M_HASQUOTE | M_SPEAKER);

	ok &= push(f, fkey(F_BIAS, 0, 0, 0), 1.0f);
	ok &= push(f, fkey(F_MENTIONS, nment < 3 ? (uint32_t) nment : 3, 0, 0), 1.0f);
	ok &= push(f, fkey(F_LENGTH, ntok <= 10 ? 0 : ntok <= 20 ? 1 : ntok <= 35 ? 2 : 3, 0, 0), 1.0f);
	if (bits & M_POSS)
		ok &= push(f, fkey(F_T_POSS, 0, 0, 0), 1.0f);
	if (bits & M_PRONOUN)
		ok &= push(f, fkey(F_T_PRON, 0, 0, 0), 1.0f);
	if (bits & M_START)
		ok &= push(f, fkey(F_T_START, 0, 0, 0), 1.0f);
	if ((groups & STANCE_G_CONTRAST) && (bits & (M_BEFORE_BUT | M_AFTER_BUT)))
		ok &= push(f, fkey(F_T_BUT, bits & (M_BEFORE_BUT | M_AFTER_BUT), 0, 0), 1.0f);
	if (!(groups & STANCE_G_QUOTE))
		return ok;
	ok &= push(f, fkey(F_T_QUOTED, quote, 0, 0), 1.0f);
	if (bits & M_HASQUOTE)
		ok &= push(f, fkey(F_S_QUOTE, 0, 0, 0), 1.0f);
	if (bits & M_SPEAKER)
		ok &= push(f, fkey(F_SPEAKER, 0, 0, 0), 1.0f);
	for (uint32_t k = S_QUOTED; k <= S_PLAIN && (groups & STANCE_G_LEXICON); k++)
	{
		float		net = pos[k] - neg[k];

		if (net != 0.0f)
			ok &= push(f, fkey(F_Q_LEX, quote, k, net > 0), net > 0 ? net : -net);
	}
	return ok;
}

/* Features from a token source (see stance_features and stance_features_given). */
static NnStatus
features_from(const char *text, TokSource *src, const NnSpan *targets, int ntargets,
			  const StanceLexicon *lex, const NerLexicon *clusters, uint32_t groups,
			  StanceFeatures *out)
{
	Ctx			c = {NULL, 0, 0};
	float		pos[S_KINDS] = {0};
	float		neg[S_KINDS] = {0};
	uint32_t	bits = 0;
	int32_t		nment = 0;
	bool		ok = true;
	NnStatus	st;

	if (!class_ready)
		class_init();
	/* without the clusters their groups yield nothing, not "unknown" everywhere */
	if (clusters == NULL)
		groups &= ~(STANCE_G_CLUSTERS | STANCE_G_MENTION);
	out->n = out->ntokens = out->ncontext = 0;
	st = collect(text, src, targets, ntargets,
				 (groups & STANCE_G_CLUSTERS) ? clusters : NULL,
				 (groups & STANCE_G_MENTION) ? clusters : NULL, &c, out);
	for (int32_t s = 0, e; st == NN_OK && s < c.n; s = e)
	{
		for (e = s + 1; e < c.n && c.t[e].sentence == c.t[s].sentence; e++)
			;
		mark_scopes(c.t + s, e - s, (groups & STANCE_G_NEGATION) != 0);
		if (groups & STANCE_G_CONTRAST)
			mark_contrast(c.t + s, e - s);
		mark_distances(c.t + s, e - s);
		mark_valence(c.t + s, e - s, lex, groups);
		ok &= emit_tokens(c.t + s, e - s, groups, out, pos, neg);
		if (groups & STANCE_G_HEADS)
			ok &= emit_heads(c.t + s, e - s, out);
		bits |= mention_bits(c.t + s, e - s, &nment);
	}
	out->ncontext = c.n;
	if (st == NN_OK && (groups & STANCE_G_LEXICON))
		ok &= emit_sums(pos, neg, out);
	if (st == NN_OK)
		ok &= emit_mention(bits, nment, c.n, groups, pos, neg, out);
	nn_release(c.t);
	return st != NN_OK ? st : ok ? NN_OK : NN_ERR_NOMEM;
}

/* Extract the features of a target, tokenizing the text (see stance_features.h). */
NnStatus
stance_features(const char *text, size_t len, const NnSpan *targets, int ntargets,
				const StanceLexicon *lex, const NerLexicon *clusters, uint32_t groups,
				StanceFeatures *out)
{
	TokSource	src = {.given = NULL};
	NnStatus	st = nn_tokens_begin(&src.tk, text, len);

	out->n = out->ntokens = out->ncontext = 0;
	if (st != NN_OK)
		return st;
	return features_from(text, &src, targets, ntargets, lex, clusters, groups, out);
}

/* Extract the features of a target from the caller's tokens (see stance_features.h). */
NnStatus
stance_features_given(const char *text, const NnToken *tokens, int32_t ntokens,
					  const NnSpan *targets, int ntargets, const StanceLexicon *lex,
					  const NerLexicon *clusters, uint32_t groups, StanceFeatures *out)
{
	TokSource	src = {.given = tokens, .ngiven = ntokens, .next = 0};

	return features_from(text, &src, targets, ntargets, lex, clusters, groups, out);
}

/* Release a feature buffer. */
void
stance_features_free(StanceFeatures *f)
{
	nn_release(f->feats);
	f->feats = NULL;
	f->n = f->cap = 0;
}
