/*
 * ner_features.c
 *	  Token summaries and feature keys of the entity tagger (see ner_features.h).
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "charclass.h"
#include "gazetteer.h"
#include "hash_mix.h"
#include "ner_features.h"
#include "utf8.h"

/* Feature templates; each key hashes a template with its value. */
enum
{
	T_BIAS = 1,
	T_RAW0, T_LOW0, T_LOWM1, T_LOWP1, T_LOWM2, T_LOWP2, T_RAWM1, T_RAWP1,
	T_BIGRAM_L, T_BIGRAM_R, T_PREFIX, T_SUFFIX, T_SHAPE0, T_SSHAPE0,
	T_SSHAPEM1, T_SSHAPEP1, T_SSHAPE_L, T_SSHAPE_R, T_SSHAPE_3, T_FLAG,
	T_FIRST_SHAPE, T_MODE_SHAPE, T_MODE_LOW0, T_CASE_SHAPE, T_CASE_FIRST,
	T_C1_0, T_C2_0, T_C3_0, T_C1_M1, T_C2_M1, T_C3_M1, T_C1_P1, T_C2_P1,
	T_C3_P1, T_C2_M2, T_C2_P2, T_C3_LR, T_C3_SHAPE0, T_C2_MODE,
	T_S1_SELF, T_S1_M1, T_S1_P1, T_S1_M1_SELF, T_AGG0, T_AGG_SHAPE, T_AGGM1,
	T_AGGP1, T_AGG_S1, T_S1_M2, T_S1_P2,
	T_GAZ, T_GAZ_SHAPE, T_GAZ_ALL, T_GAZ_M1, T_GAZ_P1, T_DOCCASE_MODE,
	T_DOCCASE_SHAPE
};

/* Stand-ins for words beyond the sentence edges. */
#define EDGE_M1 0x6c0a1e5d2f3b4c01ULL
#define EDGE_M2 0x6c0a1e5d2f3b4c02ULL
#define EDGE_P1 0x6c0a1e5d2f3b4c03ULL
#define EDGE_P2 0x6c0a1e5d2f3b4c04ULL

/* FNV-1a over bytes, then mixed. */
uint64_t
ner_hash_bytes(const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 0x100000001b3ULL;
	}
	return nn_mix64(h ^ len);
}

/* Key of a template applied to a value; never 0, which marks empty slots. */
static inline uint32_t
feature_key(uint32_t tmpl, uint64_t value)
{
	uint32_t	k = (uint32_t) (nn_mix64(value * 0x9E3779B97F4A7C15ULL + tmpl) >> 32);

	return k ? k : 1;
}

/* Combine two values into one, order-sensitive. */
static inline uint64_t
pair(uint64_t a, uint64_t b)
{
	return nn_mix64(a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL));
}

/* Append the UTF-8 encoding of cp to buf at *n if it fits. */
static void
put_utf8(char *buf, size_t *n, int32_t cp)
{
	char		tmp[4];
	size_t		w;

	if (cp < 0x80)
	{
		tmp[0] = (char) cp;
		w = 1;
	}
	else if (cp < 0x800)
	{
		tmp[0] = (char) (0xC0 | (cp >> 6));
		tmp[1] = (char) (0x80 | (cp & 0x3F));
		w = 2;
	}
	else if (cp < 0x10000)
	{
		tmp[0] = (char) (0xE0 | (cp >> 12));
		tmp[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		tmp[2] = (char) (0x80 | (cp & 0x3F));
		w = 3;
	}
	else
	{
		tmp[0] = (char) (0xF0 | (cp >> 18));
		tmp[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
		tmp[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
		tmp[3] = (char) (0x80 | (cp & 0x3F));
		w = 4;
	}
	if (*n + w > NER_MAX_TOKEN_BYTES)
		return;
	memcpy(buf + *n, tmp, w);
	*n += w;
}

/* Class of a code point, without ICU for ASCII. */
static inline NnCharClass
char_class(int32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return NN_CC_LOWER;
	if (cp >= 'A' && cp <= 'Z')
		return NN_CC_UPPER;
	if (cp >= '0' && cp <= '9')
		return NN_CC_DIGIT;
	if (cp < 0x80)
		return NN_CC_PUNCT;
	return nn_char_class(cp);
}

/* Lower-case form of a code point. */
static inline int32_t
to_lower(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	return u_tolower(cp);
}

/* Lexicon key: lower-case with every digit folded to 0. */
uint32_t
ner_lex_key(const char *s, size_t len)
{
	char		buf[NER_MAX_TOKEN_BYTES];
	size_t		n = 0;
	size_t		i = 0;

	while (i < len)
	{
		int			w;
		int32_t		cp = nn_utf8_decode(s, len, i, &w);

		if (char_class(cp) == NN_CC_DIGIT)
			cp = '0';
		put_utf8(buf, &n, to_lower(cp));
		i += w;
	}
	return (uint32_t) (ner_hash_bytes(buf, n) >> 32);
}

/* Probe the lexicon's open-addressing table. */
uint32_t
ner_lex_lookup(const NerLexicon *lex, uint32_t key)
{
	uint32_t	h;

	if (lex == NULL || lex->slots == NULL)
		return 0;
	h = ner_slot(key, lex->mask);
	for (;;)
	{
		uint32_t	e = lex->slots[h];

		if (e == 0)
			return 0;
		if (lex->keys[e - 1] == key)
			return lex->values[e - 1];
		h = (h + 1) & lex->mask;
	}
}

/* Shape letter of a character class. */
static inline char
shape_char(NnCharClass cc, int32_t cp)
{
	switch (cc)
	{
		case NN_CC_UPPER:
			return 'X';
		case NN_CC_LOWER:
			return 'x';
		case NN_CC_DIGIT:
			return 'd';
		case NN_CC_LETTER:
		case NN_CC_DICT:
		case NN_CC_MARK:
			return 'l';
		default:
			return cp < 0x80 ? (char) cp : '?';
	}
}

/* Counts gathered over a token's code points. */
typedef struct TokScan
{
	int			upper;
	int			lower;
	int			caseless;
	int			digits;
	int			chars;
	bool		first_upper;
	bool		upper_after_lower;
	bool		hyphen;
	bool		period;
	bool		apos;
	bool		other;			/* punctuation other than number separators */
} TokScan;

/* Record one code point of a token in the scan and the shapes. */
static void
scan_char(TokScan *sc, int32_t cp, char *shape, size_t *nshape, char *sshape,
		  size_t *nsshape, int *run)
{
	NnCharClass cc = char_class(cp);
	char		ch = shape_char(cc, cp);

	if (cc == NN_CC_UPPER)
	{
		if (sc->chars == 0)
			sc->first_upper = true;
		if (sc->lower > 0)
			sc->upper_after_lower = true;
		sc->upper++;
	}
	else if (cc == NN_CC_LOWER)
		sc->lower++;
	else if (cc == NN_CC_LETTER || cc == NN_CC_DICT || cc == NN_CC_MARK)
		sc->caseless++;
	else if (cc == NN_CC_DIGIT)
		sc->digits++;
	else if (cp == '-')
		sc->hyphen = true;
	else if (cp == '.')
		sc->period = true;
	else if (cp == '\'' || cp == 0x2019)
		sc->apos = true;
	if (cc != NN_CC_UPPER && cc != NN_CC_LOWER && cc != NN_CC_DIGIT &&
		cc != NN_CC_LETTER && cc != NN_CC_DICT && cc != NN_CC_MARK &&
		cp != ',' && cp != '.' && cp != ':' && cp != '/' && cp != '-')
		sc->other = true;
	sc->chars++;
	if (*nshape > 0 && shape[*nshape - 1] == ch)
		(*run)++;
	else
		*run = 1;
	if (*run <= 4 && *nshape < 32)
		shape[(*nshape)++] = ch;
	if ((*nsshape == 0 || sshape[*nsshape - 1] != ch) && *nsshape < 32)
		sshape[(*nsshape)++] = ch;
}

/* Flags of a token from its scan. */
static uint32_t
scan_flags(const TokScan *sc)
{
	uint32_t	f = 0;
	int			letters = sc->upper + sc->lower + sc->caseless;

	if (sc->first_upper && sc->lower > 0)
		f |= NER_F_INITCAP;
	if (sc->upper > 0 && sc->lower == 0)
		f |= NER_F_ALLCAP;
	if (sc->lower > 0 && sc->upper == 0)
		f |= NER_F_LOWER;
	if (sc->upper_after_lower)
		f |= NER_F_MIXED;
	if (sc->digits > 0)
		f |= NER_F_DIGIT;
	if (sc->digits > 0 && letters == 0 && !sc->other)
		f |= NER_F_NUMBER;
	if (sc->hyphen)
		f |= NER_F_HYPHEN;
	if (sc->period)
		f |= NER_F_PERIOD;
	if (letters == 0 && sc->digits == 0)
		f |= NER_F_PUNCT;
	if (sc->apos)
		f |= NER_F_APOS;
	if (sc->chars == 1)
		f |= NER_F_SHORT;
	if (sc->chars == 1 && sc->upper == 1)
		f |= NER_F_UPPER1;
	if (letters > 0)
		f |= NER_F_LETTER;
	return f;
}

/* Summarise one token: hashes of its forms and affixes, shape, flags, lexicon entry. */
static void
token_info(const NerText *t, const NerLexicon *lex, NerTokInfo *info)
{
	char		low[NER_MAX_TOKEN_BYTES];
	size_t		cut[NER_MAX_TOKEN_BYTES + 1];
	char		shape[32];
	char		sshape[32];
	size_t		nlow = 0,
				ncut = 0,
				nshape = 0,
				nsshape = 0;
	int			run = 0;
	size_t		i = 0;
	size_t		len = t->len;
	TokScan		sc;

	memset(&sc, 0, sizeof(sc));
	while (i < len)
	{
		int			w;
		int32_t		cp = nn_utf8_decode(t->s, len, i, &w);

		scan_char(&sc, cp, shape, &nshape, sshape, &nsshape, &run);
		put_utf8(low, &nlow, to_lower(cp));
		if (ncut < NER_MAX_TOKEN_BYTES)
			cut[ncut++] = nlow;
		i += w;
	}
	info->raw = ner_hash_bytes(t->s, len);
	info->lower = ner_hash_bytes(low, nlow);
	for (int k = 0; k < 4; k++)
	{
		size_t		p = (size_t) k < ncut ? cut[k] : nlow;
		size_t		s = (size_t) (k + 1) < ncut ? cut[ncut - k - 2] : 0;

		info->prefix[k] = ner_hash_bytes(low, p);
		info->suffix[k] = ner_hash_bytes(low + s, nlow - s);
	}
	info->shape = (uint32_t) ner_hash_bytes(shape, nshape);
	info->sshape = (uint32_t) ner_hash_bytes(sshape, nsshape);
	info->flags = scan_flags(&sc);
	info->lex = ner_lex_lookup(lex, ner_lex_key(t->s, len));
}

/* Casing mode of a sentence from its tokens' flags. */
static uint8_t
sentence_mode(const NerTokInfo *infos, int32_t start, int32_t end)
{
	bool		any_lower = false;
	bool		any_upper = false;

	for (int32_t i = start; i < end; i++)
	{
		if (infos[i].flags & (NER_F_LOWER | NER_F_INITCAP | NER_F_MIXED))
			any_lower = true;
		if (infos[i].flags & (NER_F_ALLCAP | NER_F_INITCAP | NER_F_MIXED))
			any_upper = true;
	}
	if (any_upper && !any_lower)
		return NER_SENT_UPPER;
	if (any_lower && !any_upper)
		return NER_SENT_LOWER;
	return NER_SENT_MIXED;
}

/* Mark the tokens of a sentence covered by gazetteer names, by type and BILOU part. */
static void
gazetteer_marks(const NerDoc *doc, int32_t start, int32_t end, NerTokInfo *infos)
{
	NnGazToken	win[NN_GAZ_MAX_TOKENS];
	NnGazMatch	m[8];

	for (int32_t p = start; p < end; p++)
	{
		int32_t		n = end - p < NN_GAZ_MAX_TOKENS ? end - p : NN_GAZ_MAX_TOKENS;
		int			nm;

		/*
		 * Names start with a letter, or an apostrophe as in 's-Hertogenbosch;
		 * in normally cased text, not with a lower-case word.
		 */
		if (((infos[p].flags & (NER_F_PUNCT | NER_F_NUMBER)) &&
			 !(infos[p].flags & NER_F_APOS)) ||
			((infos[p].flags & NER_F_LOWER) && infos[p].sentmode == NER_SENT_MIXED))
			continue;
		for (int32_t k = 0; k < n; k++)
		{
			win[k].ptr = doc->tokens[p + k].s;
			win[k].len = doc->tokens[p + k].len;
		}
		nm = nn_gaz_lookup_at(win, (size_t) n, 0, NN_GAZ_FOLD, m, 8);
		for (int j = 0; j < nm && j < 8; j++)
		{
			int			len = m[j].ntokens;

			if (len < 1 || len > n)
				continue;
			if (len == 1)
			{
				infos[p].gaz |= NER_GAZ_BIT(m[j].type, NER_PART_U);
				continue;
			}
			infos[p].gaz |= NER_GAZ_BIT(m[j].type, NER_PART_B);
			for (int k = 1; k < len - 1; k++)
				infos[p + k].gaz |= NER_GAZ_BIT(m[j].type, NER_PART_I);
			infos[p + len - 1].gaz |= NER_GAZ_BIT(m[j].type, NER_PART_L);
		}
	}
}

/* Release scratch memory. */
void
ner_scratch_free(NerScratch *sc)
{
	free(sc->mem);
	sc->mem = NULL;
	sc->bytes = 0;
}

/*
 * A zeroed table of a power of two slots, at least twice n, of size bytes
 * each, in the scratch (grown if needed); NULL if memory ran out.
 */
static void *
scratch_table(NerScratch *sc, int32_t n, size_t size, uint32_t *slots)
{
	uint32_t	count = 16;

	while (count < 2 * (uint32_t) n)
		count <<= 1;
	if ((size_t) count * size > sc->bytes)
	{
		ner_scratch_free(sc);
		sc->mem = malloc((size_t) count * size);
		if (sc->mem == NULL)
			return NULL;
		sc->bytes = (size_t) count * size;
	}
	memset(sc->mem, 0, (size_t) count * size);
	*slots = count;
	return sc->mem;
}

/* Casing counts of one word over a document. */
typedef struct CaseSlot
{
	uint64_t	word;
	int32_t		lower;
	int32_t		cap;
	int32_t		upper;
	bool		used;
} CaseSlot;

/* Find or claim the slot of a word in a casing table. */
static CaseSlot *
case_slot(CaseSlot *table, uint32_t mask, uint64_t word)
{
	uint32_t	h = (uint32_t) word & mask;

	while (table[h].used && table[h].word != word)
		h = (h + 1) & mask;
	table[h].used = true;
	table[h].word = word;
	return &table[h];
}

/* Casing profile of counts: the way that holds at least 80% of them. */
static uint8_t
case_profile(const CaseSlot *c)
{
	int32_t		t = c->lower + c->cap + c->upper;

	if (t == 0)
		return NER_CASE_UNKNOWN;
	if (10 * c->lower >= 8 * t)
		return NER_CASE_LOWER;
	if (10 * c->cap >= 8 * t)
		return NER_CASE_CAP;
	if (10 * c->upper >= 8 * t)
		return NER_CASE_UPPER;
	return NER_CASE_MIXED;
}

/*
 * How each word is written elsewhere in the document, counting only tokens
 * that are not sentence-initial and sit in sentences of mixed case.
 */
static bool
document_casing(const NerDoc *doc, NerTokInfo *infos, NerScratch *sc)
{
	uint32_t	size;
	CaseSlot   *table = scratch_table(sc, doc->ntokens, sizeof(CaseSlot), &size);

	if (table == NULL)
		return false;
	for (int32_t i = 0; i < doc->ntokens; i++)
	{
		CaseSlot   *c;

		if (infos[i].first || infos[i].sentmode != NER_SENT_MIXED ||
			(infos[i].flags & (NER_F_PUNCT | NER_F_NUMBER)))
			continue;
		c = case_slot(table, size - 1, infos[i].lower);
		c->lower += (infos[i].flags & NER_F_LOWER) != 0;
		c->cap += (infos[i].flags & NER_F_INITCAP) != 0;
		c->upper += (infos[i].flags & NER_F_ALLCAP) != 0;
	}
	for (int32_t i = 0; i < doc->ntokens; i++)
		infos[i].doccase = (infos[i].flags & (NER_F_PUNCT | NER_F_NUMBER)) ? 0 :
			case_profile(case_slot(table, size - 1, infos[i].lower));
	return true;
}

/* Summary of one token on its own, without its context. */
void
ner_word_info(const NerText *t, const NerLexicon *lex, NerTokInfo *info)
{
	token_info(t, lex, info);
	info->gaz = 0;
	info->doccase = 0;
	info->sentmode = NER_SENT_MIXED;
	info->first = false;
}

/* Fill in what depends on context: sentence mode and start, gazetteer, document casing. */
bool
ner_doc_context(const NerDoc *doc, NerTokInfo *infos, NerScratch *sc)
{
	NerScratch	tmp = {NULL, 0};
	bool		ok;

	for (int32_t k = 0; k < doc->nsent; k++)
	{
		int32_t		s = doc->sent_start[k];
		int32_t		e = doc->sent_start[k + 1];
		uint8_t		mode = sentence_mode(infos, s, e);

		for (int32_t i = s; i < e; i++)
		{
			infos[i].gaz = 0;
			infos[i].sentmode = mode;
			infos[i].first = (i == s);
		}
		gazetteer_marks(doc, s, e, infos);
	}
	ok = document_casing(doc, infos, sc ? sc : &tmp);
	ner_scratch_free(&tmp);
	return ok;
}

/* Summaries of every token of a document; checks for interrupts as it goes. */
bool
ner_doc_infos(const NerDoc *doc, const NerLexicon *lex, NerTokInfo *infos,
			  NerScratch *sc)
{
	size_t		bytes = 0;

	for (int32_t i = 0; i < doc->ntokens; i++)
	{
		ner_word_info(&doc->tokens[i], lex, &infos[i]);
		bytes += doc->tokens[i].len + 1;
		if (bytes >= NN_CHECK_INTERVAL)
		{
			nn_check_interrupts();
			bytes = 0;
		}
	}
	return ner_doc_context(doc, infos, sc);
}

/*
 * Lower-case words that join the parts of names (Bank of England, Van der
 * Sar, Abu al-Hassan); the ones that, measured on CoNLL-2003 train, occur
 * inside entities between capitalised words.
 */
static const char *const connectors[] = {
	"of", "the", "de", "van", "von", "der", "den", "al", "bin", "la", "le",
	"du", "y", "and", "for", "da", "del", "di", "des", "'s", "et", "in", "on"
};

/* Most connector tokens in a row that can join two candidates. */
#define MAX_BRIDGE 3

/* True if token t is a connector word. */
static bool
is_connector(const NerText *t)
{
	if (t->len > 3)
		return false;
	for (size_t k = 0; k < sizeof(connectors) / sizeof(connectors[0]); k++)
		if (strlen(connectors[k]) == t->len && memcmp(connectors[k], t->s, t->len) == 0)
			return true;
	return false;
}

/* True if a token is a seed candidate: it has a letter that is not lower-case. */
static inline bool
is_seed(const NerTokInfo *t)
{
	return (t->flags & (NER_F_LETTER | NER_F_LOWER)) == NER_F_LETTER;
}

/* True if a token may bridge two candidates: a connector or without letters. */
static inline bool
is_bridge(const NerText *text, const NerTokInfo *t)
{
	return !(t->flags & NER_F_LETTER) || is_connector(text);
}

/*
 * True if the document is normally cased: at least a fifth of its words
 * are lower-case and some are capitalised. Headline-only, upper-case and
 * lower-case text fails, and is then tagged in full.
 */
static bool
normally_cased(const NerTokInfo *infos, int32_t n)
{
	int32_t		words = 0,
				lower = 0,
				cap = 0;

	for (int32_t i = 0; i < n; i++)
	{
		words += (infos[i].flags & NER_F_LETTER) != 0;
		lower += (infos[i].flags & NER_F_LOWER) != 0;
		cap += (infos[i].flags & (NER_F_INITCAP | NER_F_MIXED)) != 0;
	}
	return words > 0 && 5 * lower >= words && 33 * cap >= words;
}

/* Mark seeds and digit tokens next to a seed in sentence [s, e). */
static void
mark_seeds(const NerTokInfo *infos, int32_t s, int32_t e, uint8_t *cand)
{
	for (int32_t i = s; i < e; i++)
		cand[i] = is_seed(&infos[i]) ? NER_CAND_YES : NER_CAND_NO;
	for (int32_t i = s; i < e; i++)
		if ((infos[i].flags & (NER_F_DIGIT | NER_F_LETTER)) == NER_F_DIGIT &&
			((i > s && is_seed(&infos[i - 1])) || (i + 1 < e && is_seed(&infos[i + 1]))))
			cand[i] = NER_CAND_YES;
}

/*
 * Join candidates separated by at most MAX_BRIDGE bridge tokens, and take
 * a possessive 's or ' after a candidate, in sentence [s, e).
 */
static void
mark_bridges(const NerDoc *doc, const NerTokInfo *infos, int32_t s, int32_t e,
			 uint8_t *cand)
{
	for (int32_t i = s + 1; i < e; i++)
	{
		int32_t		j = i;

		if (cand[i] || !cand[i - 1])
			continue;
		while (j < e && j - i < MAX_BRIDGE && !cand[j] &&
			   is_bridge(&doc->tokens[j], &infos[j]))
			j++;
		if (j < e && j > i && cand[j])
			memset(cand + i, NER_CAND_YES, (size_t) (j - i));
		else if (doc->tokens[i].len <= 2 && doc->tokens[i].s[0] == '\'' &&
				 (doc->tokens[i].len == 1 || doc->tokens[i].s[1] == 's'))
			cand[i] = NER_CAND_YES;
	}
}

/* Mark the tokens that may lie in an entity; false if the document is tagged in full. */
bool
ner_doc_candidates(const NerDoc *doc, const NerTokInfo *infos, uint8_t *cand)
{
	bool		normal = normally_cased(infos, doc->ntokens);

	for (int32_t k = 0; k < doc->nsent; k++)
	{
		int32_t		s = doc->sent_start[k];
		int32_t		e = doc->sent_start[k + 1];

		if (!normal || s == e || infos[s].sentmode != NER_SENT_MIXED)
		{
			memset(cand + s, NER_CAND_YES, (size_t) (e - s));
			continue;
		}
		mark_seeds(infos, s, e, cand);
		mark_bridges(doc, infos, s, e, cand);
	}
	return normal;
}

/* Per-word label counts while aggregating a document. */
typedef struct AggSlot
{
	uint64_t	word;
	int32_t		count[NER_NTYPES + 1];	/* one per type, then O */
	bool		used;
} AggSlot;

/* Find or claim the slot of a word in the aggregation table. */
static AggSlot *
agg_slot(AggSlot *table, uint32_t mask, uint64_t word)
{
	uint32_t	h = (uint32_t) word & mask;

	while (table[h].used && table[h].word != word)
		h = (h + 1) & mask;
	if (!table[h].used)
	{
		table[h].used = true;
		table[h].word = word;
	}
	return &table[h];
}

/* Column of a label in the counts: its type, or NER_NTYPES for O. */
static inline int
label_column(uint8_t label)
{
	return label == NER_LABEL_O ? NER_NTYPES : (int) ner_label_type(label);
}

/*
 * Code what the other occurrences of a word were labelled: 0 none, 1 all O,
 * else the most frequent type and how large a share of them it had.
 */
static uint8_t
agg_code(const AggSlot *slot, uint8_t own)
{
	int32_t		c[NER_NTYPES + 1];
	int32_t		total = 0;
	int			best = -1;

	memcpy(c, slot->count, sizeof(c));
	c[label_column(own)]--;
	for (int k = 0; k <= NER_NTYPES; k++)
		total += c[k];
	if (total == 0)
		return 0;
	for (int k = 0; k < NER_NTYPES; k++)
		if (c[k] > 0 && (best < 0 || c[k] > c[best]))
			best = k;
	if (best < 0)
		return 1;
	return (uint8_t) (2 + best * 3 + (3 * c[best] > 2 * total ? 2 : 3 * c[best] > total ? 1 : 0));
}

/* Summarise first-stage labels per lower-cased word (only words with letters). */
bool
ner_doc_aggregate(const NerDoc *doc, const NerTokInfo *infos,
				  const uint8_t *labels, NerStage1 *s1, NerScratch *sc)
{
	NerScratch	tmp = {NULL, 0};
	uint32_t	size;
	AggSlot    *table = scratch_table(sc ? sc : &tmp, doc->ntokens, sizeof(AggSlot), &size);

	if (table == NULL)
		return false;
	for (int32_t i = 0; i < doc->ntokens; i++)
		if (!(infos[i].flags & (NER_F_PUNCT | NER_F_NUMBER)))
			agg_slot(table, size - 1, infos[i].lower)->count[label_column(labels[i])]++;
	for (int32_t i = 0; i < doc->ntokens; i++)
	{
		s1[i].label = labels[i];
		s1[i].agg = 0;
		if (!(infos[i].flags & (NER_F_PUNCT | NER_F_NUMBER)))
			s1[i].agg = agg_code(agg_slot(table, size - 1, infos[i].lower), labels[i]);
	}
	ner_scratch_free(&tmp);
	return true;
}

/* A growing list of feature keys. */
typedef struct Keys
{
	uint32_t   *k;
	int			n;
	int			cap;
} Keys;

/* Add a key for a template and value. */
static inline void
add(Keys *ks, uint32_t tmpl, uint64_t value)
{
	if (ks->n < ks->cap)
		ks->k[ks->n++] = feature_key(tmpl, value);
}

/* Short shape at j, or an edge marker. */
static inline uint64_t
sshape_at(const NerTokInfo *infos, int32_t start, int32_t end, int32_t j, uint64_t edge)
{
	return (j < start || j >= end) ? edge : infos[j].sshape;
}

/* Lexicon value at j, or a value no word has. */
static inline uint64_t
lex_at(const NerTokInfo *infos, int32_t start, int32_t end, int32_t j)
{
	return (j < start || j >= end) ? 0xFFFFFFFFu : infos[j].lex;
}

/* Cluster id of a lexicon value, or a stand-in for unknown words. */
static inline uint64_t
cluster(uint64_t v, int level)
{
	if (v == 0)
		return 0xFFFF;
	return level == 1 ? NER_LEX_C1(v) : level == 2 ? NER_LEX_C2(v) : NER_LEX_C3(v);
}

/* Features of the word itself: identity, affixes, shape, flags, clusters. */
static void
own_features(Keys *ks, const NerTokInfo *t, bool clusters)
{
	add(ks, T_BIAS, 0);
	add(ks, T_RAW0, t->raw);
	add(ks, T_LOW0, t->lower);
	for (int k = 0; k < 4; k++)
	{
		add(ks, T_PREFIX, t->prefix[k]);
		add(ks, T_SUFFIX, t->suffix[k]);
	}
	add(ks, T_SHAPE0, t->shape);
	add(ks, T_SSHAPE0, t->sshape);
	for (int b = 0; b < NER_NFLAGS; b++)
		if (t->flags & (1u << b))
			add(ks, T_FLAG, (uint64_t) b);
	add(ks, T_CASE_SHAPE, pair(NER_LEX_CASE(t->lex), t->sshape));
	if (!clusters)
		return;
	add(ks, T_C1_0, cluster(t->lex, 1));
	add(ks, T_C2_0, cluster(t->lex, 2));
	add(ks, T_C3_0, cluster(t->lex, 3));
	add(ks, T_C3_SHAPE0, pair(cluster(t->lex, 3), t->sshape));
}

/* Features of the word next to the position (side -1 or +1), or of the edge. */
static void
next_features(Keys *ks, const NerTokInfo *t, int side, bool clusters)
{
	uint64_t	edge = side < 0 ? EDGE_M1 : EDGE_P1;
	uint64_t	v = t ? t->lex : 0xFFFFFFFFu;

	add(ks, side < 0 ? T_LOWM1 : T_LOWP1, t ? t->lower : edge);
	add(ks, side < 0 ? T_RAWM1 : T_RAWP1, t ? t->raw : edge);
	add(ks, side < 0 ? T_SSHAPEM1 : T_SSHAPEP1, t ? t->sshape : edge);
	if (!clusters)
		return;
	add(ks, side < 0 ? T_C1_M1 : T_C1_P1, cluster(v, 1));
	add(ks, side < 0 ? T_C2_M1 : T_C2_P1, cluster(v, 2));
	add(ks, side < 0 ? T_C3_M1 : T_C3_P1, cluster(v, 3));
}

/* Features of the word two away (side -1 or +1), or of the edge. */
static void
far_features(Keys *ks, const NerTokInfo *t, int side, bool clusters)
{
	add(ks, side < 0 ? T_LOWM2 : T_LOWP2, t ? t->lower : side < 0 ? EDGE_M2 : EDGE_P2);
	if (clusters)
		add(ks, side < 0 ? T_C2_M2 : T_C2_P2, NER_LEX_C2(t ? t->lex : 0xFFFFFFFFu));
}

/* Add the features of the word at offset d (NULL beyond the sentence). */
static void
offset_features(Keys *ks, const NerTokInfo *t, int d, bool clusters)
{
	if (d == 0)
		own_features(ks, t, clusters);
	else if (d == -1 || d == 1)
		next_features(ks, t, d, clusters);
	else
		far_features(ks, t, d < 0 ? -1 : 1, clusters);
}

/* Keys of the features of the word at offset d, a function of that word alone. */
int
ner_offset_features(const NerTokInfo *t, int d, bool clusters, uint32_t *keys)
{
	Keys		ks = {keys, 0, NER_MAX_WORD_FEATURES};

	offset_features(&ks, t, d, clusters);
	return ks.n;
}

/* True if position i gets cluster features: a word of i-1..i+1 is in the lexicon. */
bool
ner_has_clusters(const NerTokInfo *infos, int32_t start, int32_t end, int32_t i)
{
	return infos[i].lex != 0 || lex_at(infos, start, end, i - 1) != 0 ||
		lex_at(infos, start, end, i + 1) != 0;
}

/* Word pairs and shape trigrams around the position. */
static void
pair_features(Keys *ks, const NerTokInfo *infos, int32_t start, int32_t end, int32_t i)
{
	const NerTokInfo *t = &infos[i];
	uint64_t	lm1 = i > start ? infos[i - 1].lower : EDGE_M1;
	uint64_t	lp1 = i + 1 < end ? infos[i + 1].lower : EDGE_P1;
	uint64_t	sm1 = sshape_at(infos, start, end, i - 1, EDGE_M1);
	uint64_t	sp1 = sshape_at(infos, start, end, i + 1, EDGE_P1);

	add(ks, T_BIGRAM_L, pair(lm1, t->lower));
	add(ks, T_BIGRAM_R, pair(t->lower, lp1));
	add(ks, T_SSHAPE_L, pair(sm1, t->sshape));
	add(ks, T_SSHAPE_R, pair(t->sshape, sp1));
	add(ks, T_SSHAPE_3, pair(pair(sm1, t->sshape), sp1));
}

/* Sentence position, casing mode and the clusters of both neighbours. */
static void
mode_features(Keys *ks, const NerTokInfo *infos, int32_t start, int32_t end, int32_t i,
			  bool clusters)
{
	const NerTokInfo *t = &infos[i];

	add(ks, T_FIRST_SHAPE, pair(t->first, t->sshape));
	add(ks, T_MODE_SHAPE, pair(t->sentmode, t->shape));
	if (t->sentmode != NER_SENT_MIXED)
		add(ks, T_MODE_LOW0, pair(t->sentmode, t->lower));
	add(ks, T_CASE_FIRST, pair(NER_LEX_CASE(t->lex), pair(t->first, t->sentmode)));
	if (!clusters)
		return;
	add(ks, T_C3_LR, pair(cluster(lex_at(infos, start, end, i - 1), 3),
						  cluster(lex_at(infos, start, end, i + 1), 3)));
	add(ks, T_C2_MODE, pair(cluster(t->lex, 2), t->sentmode));
}

/* Gazetteer and document casing features. */
static void
gazetteer_features(Keys *ks, const NerTokInfo *infos, int32_t start, int32_t end, int32_t i)
{
	const NerTokInfo *t = &infos[i];

	for (int b = 0; b < 20; b++)
	{
		if (t->gaz & (1u << b))
		{
			add(ks, T_GAZ, (uint64_t) b);
			add(ks, T_GAZ_SHAPE, pair((uint64_t) b, t->sshape));
		}
	}
	add(ks, T_GAZ_ALL, t->gaz);
	add(ks, T_GAZ_M1, i > start ? infos[i - 1].gaz : 0xFFFFFFFFu);
	add(ks, T_GAZ_P1, i + 1 < end ? infos[i + 1].gaz : 0xFFFFFFFFu);
	add(ks, T_DOCCASE_MODE, pair(t->doccase, pair(t->sentmode, t->first)));
	add(ks, T_DOCCASE_SHAPE, pair(t->doccase, t->sshape));
}

/* Second-stage features: the first stage's labels here and for this word elsewhere. */
static void
stage2_features(Keys *ks, const NerTokInfo *infos, const NerStage1 *s1,
				int32_t start, int32_t end, int32_t i)
{
	uint64_t	m1 = i > start ? s1[i - 1].label : 0xFF;
	uint64_t	p1 = i + 1 < end ? s1[i + 1].label : 0xFF;

	add(ks, T_S1_SELF, s1[i].label);
	add(ks, T_S1_M1, m1);
	add(ks, T_S1_P1, p1);
	add(ks, T_S1_M2, i - 1 > start ? s1[i - 2].label : 0xFF);
	add(ks, T_S1_P2, i + 2 < end ? s1[i + 2].label : 0xFF);
	add(ks, T_S1_M1_SELF, pair(m1, s1[i].label));
	add(ks, T_AGG0, s1[i].agg);
	add(ks, T_AGG_SHAPE, pair(s1[i].agg, infos[i].sshape));
	add(ks, T_AGG_S1, pair(s1[i].agg, s1[i].label));
	add(ks, T_AGGM1, i > start ? s1[i - 1].agg : 0xFF);
	add(ks, T_AGGP1, i + 1 < end ? s1[i + 1].agg : 0xFF);
}

/* Add the features that combine words or depend on the context. */
static void
context_features(Keys *ks, const NerTokInfo *infos, const NerStage1 *s1,
				 int32_t start, int32_t end, int32_t i)
{
	pair_features(ks, infos, start, end, i);
	mode_features(ks, infos, start, end, i, ner_has_clusters(infos, start, end, i));
	gazetteer_features(ks, infos, start, end, i);
	if (s1 != NULL)
		stage2_features(ks, infos, s1, start, end, i);
}

/* Keys of the features that combine words or depend on the context. */
int
ner_context_features(const NerTokInfo *infos, const NerStage1 *s1,
					 int32_t start, int32_t end, int32_t i, uint32_t *keys)
{
	Keys		ks = {keys, 0, NER_MAX_FEATURES};

	context_features(&ks, infos, s1, start, end, i);
	return ks.n;
}

/* All feature keys of one position: each word of the window, then the context. */
int
ner_features(const NerTokInfo *infos, const NerStage1 *s1,
			 int32_t start, int32_t end, int32_t i, uint32_t *keys)
{
	Keys		ks = {keys, 0, NER_MAX_FEATURES};
	bool		clusters = ner_has_clusters(infos, start, end, i);

	for (int d = -NER_WINDOW; d <= NER_WINDOW; d++)
		offset_features(&ks, i + d < start || i + d >= end ? NULL : &infos[i + d], d,
						clusters);
	context_features(&ks, infos, s1, start, end, i);
	return ks.n;
}
