/*
 * dictionary.c
 *	  User dictionaries (see dictionary.h).
 *
 *	  Terms are stored as token sequences in a token trie: one open-addressing
 *	  table maps (node, token bytes) to the child node. A token trie rather
 *	  than Aho-Corasick over folded bytes because matches must start and end
 *	  at token boundaries anyway, the document is already tokenized, and with
 *	  terms capped at NN_DICT_MAX_TOKENS the naive walk from each start is
 *	  linear in the tokens times that cap, with no boundary checks or
 *	  failure links to build. There are two roots: one for case-folded terms,
 *	  one for terms in capitals, which are stored and looked up as written.
 *
 *	  The compiled dictionary is malloc'd; nothing here calls the interrupt
 *	  hook during a build, so a cancel cannot jump out and leak it.
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "charclass.h"
#include "dictionary.h"
#include "token.h"
#include "utf8.h"

#define ROOT_FOLDED 0
#define ROOT_EXACT 1
#define NO_NODE UINT32_MAX

/* An edge of the trie: the token at off/len in the pool leads parent to child. */
typedef struct DictEdge
{
	uint32_t	parent;
	uint32_t	child;
	uint32_t	hash;			/* of the token's bytes */
	uint32_t	len;
	size_t		off;
} DictEdge;

/* What an entry says: its label and canonical name in the pool. */
typedef struct DictInfo
{
	NerType		type;
	uint32_t	canon_len;
	size_t		canon_off;
} DictInfo;

struct NnDict
{
	DictInfo   *info;
	int32_t		ninfo;
	int32_t		info_cap;
	int32_t    *node_entry;		/* entry ending at each node, -1 if none */
	uint32_t	nnodes;
	uint32_t	node_cap;
	DictEdge   *edges;
	uint32_t	nedges;
	uint32_t	edge_cap;
	uint32_t   *slots;			/* edge index + 1, 0 if empty */
	uint32_t	mask;			/* slots - 1 */
	char	   *pool;			/* token bytes and canonical names */
	size_t		pool_len;
	size_t		pool_cap;
	int32_t		max_tokens;		/* of the longest term */
};

static const char *const label_names[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

/* Make *p hold need elements of size elem (capacity in *cap), by doubling. */
static bool
reserve(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t		n = *cap ? *cap : 16;
	void	   *q;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elem);
	if (q == NULL)
		return false;
	*p = q;
	*cap = n;
	return true;
}

/* Hash of bytes (FNV-1a). */
static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	return h;
}

/* Home slot of the edge from parent by a token of hash h. */
static uint32_t
edge_slot(const NnDict *d, uint32_t parent, uint32_t h)
{
	return ner_slot(h ^ (parent * 0x85EBCA6Bu), d->mask);
}

/* The child of parent by token w of hash h, or NO_NODE. */
static uint32_t
child_of(const NnDict *d, uint32_t parent, const NerText *w, uint32_t h)
{
	uint32_t	i = edge_slot(d, parent, h);

	for (; d->slots[i] != 0; i = (i + 1) & d->mask)
	{
		const DictEdge *e = &d->edges[d->slots[i] - 1];

		if (e->parent == parent && e->hash == h && e->len == w->len &&
			memcmp(d->pool + e->off, w->s, w->len) == 0)
			return e->child;
	}
	return NO_NODE;
}

/* Double the edge table (or create it) and put back every edge. */
static bool
rehash_edges(NnDict *d)
{
	uint32_t	n = d->slots ? (d->mask + 1) * 2 : 1024;
	uint32_t   *slots = calloc(n, sizeof(uint32_t));

	if (slots == NULL)
		return false;
	free(d->slots);
	d->slots = slots;
	d->mask = n - 1;
	for (uint32_t k = 0; k < d->nedges; k++)
	{
		uint32_t	i = edge_slot(d, d->edges[k].parent, d->edges[k].hash);

		while (d->slots[i] != 0)
			i = (i + 1) & d->mask;
		d->slots[i] = k + 1;
	}
	return true;
}

/* Append s[0..len) to the pool; its offset in *off. */
static bool
pool_add(NnDict *d, const char *s, size_t len, size_t *off)
{
	if (!reserve((void **) &d->pool, &d->pool_cap, d->pool_len + len, 1))
		return false;
	memcpy(d->pool + d->pool_len, s, len);
	*off = d->pool_len;
	d->pool_len += len;
	return true;
}

/* A new node with no entry; NO_NODE if memory ran out. */
static uint32_t
new_node(NnDict *d)
{
	size_t		cap = d->node_cap;

	if (!reserve((void **) &d->node_entry, &cap, (size_t) d->nnodes + 1, sizeof(int32_t)))
		return NO_NODE;
	d->node_cap = (uint32_t) cap;
	d->node_entry[d->nnodes] = -1;
	return d->nnodes++;
}

/* The child of parent by token w, created if missing; NO_NODE if out of memory. */
static uint32_t
add_child(NnDict *d, uint32_t parent, const NerText *w)
{
	uint32_t	h = hash_bytes(w->s, w->len);
	uint32_t	child = child_of(d, parent, w, h);
	size_t		cap = d->edge_cap;
	DictEdge   *e;
	uint32_t	i;

	if (child != NO_NODE)
		return child;
	if (((d->nedges + 1) * 2 > d->mask + 1 && !rehash_edges(d)) ||
		!reserve((void **) &d->edges, &cap, (size_t) d->nedges + 1, sizeof(DictEdge)))
		return NO_NODE;
	d->edge_cap = (uint32_t) cap;
	e = &d->edges[d->nedges];
	e->parent = parent;
	e->hash = h;
	e->len = (uint32_t) w->len;
	if ((e->child = new_node(d)) == NO_NODE || !pool_add(d, w->s, w->len, &e->off))
		return NO_NODE;
	for (i = edge_slot(d, parent, h); d->slots[i] != 0; i = (i + 1) & d->mask)
		;
	d->slots[i] = ++d->nedges;
	return e->child;
}

/* Write code point cp as UTF-8 to dst; returns its length. */
static size_t
utf8_encode(int32_t cp, char *dst)
{
	if (cp < 0x80)
	{
		dst[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		dst[0] = (char) (0xC0 | (cp >> 6));
		dst[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		dst[0] = (char) (0xE0 | (cp >> 12));
		dst[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		dst[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	dst[0] = (char) (0xF0 | (cp >> 18));
	dst[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	dst[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	dst[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Simple case folding of s[0..len) into dst (room for 2 * len: folding
 * takes a 2-byte code point to at most 3 bytes); returns the length.
 * Invalid bytes are copied, so they only ever equal themselves.
 */
static size_t
fold(const char *s, size_t len, char *dst)
{
	size_t		n = 0;
	int			width;

	for (size_t i = 0; i < len; i += (size_t) width)
	{
		unsigned char c = (unsigned char) s[i];
		int32_t		cp;

		if (c < 0x80)
		{
			dst[n++] = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
			width = 1;
			continue;
		}
		cp = nn_utf8_decode(s, len, i, &width);
		if (cp == NN_REPLACEMENT_CHAR && width == 1)
			dst[n++] = (char) c;
		else
			n += utf8_encode(u_foldCase(cp, U_FOLD_CASE_DEFAULT), dst + n);
	}
	return n;
}

/* True if s[0..len) has a letter or a digit of any script. */
bool
nn_dict_has_word(const char *s, size_t len)
{
	int			width;

	for (size_t i = 0; i < len; i += (size_t) width)
	{
		NnCharClass cc = nn_char_class(nn_utf8_decode(s, len, i, &width));

		if (cc == NN_CC_UPPER || cc == NN_CC_LOWER || cc == NN_CC_LETTER ||
			cc == NN_CC_DICT || cc == NN_CC_DIGIT)
			return true;
	}
	return false;
}

/* True if s[0..len) has a capital letter and no lower-case one ("NATO", "U.S."). */
static bool
all_capitals(const char *s, size_t len)
{
	bool		upper = false;
	int			width;

	for (size_t i = 0; i < len; i += (size_t) width)
	{
		int32_t		cp = nn_utf8_decode(s, len, i, &width);

		if (u_hasBinaryProperty(cp, UCHAR_LOWERCASE))
			return false;
		upper |= u_hasBinaryProperty(cp, UCHAR_UPPERCASE) || u_istitle(cp);
	}
	return upper;
}

/* Parse a label; false if it is none of the four types. */
static bool
parse_label(const char *s, size_t len, NerType *type)
{
	for (int t = 0; t < NER_NTYPES; t++)
		if (strlen(label_names[t]) == len && memcmp(label_names[t], s, len) == 0)
		{
			*type = (NerType) t;
			return true;
		}
	return false;
}

/*
 * Split a term into at most NN_DICT_MAX_TOKENS tokens in words[], folded
 * into buf (room for 2 * term_len) unless the term is in capitals; the
 * count in *n and the root to store it under in *root.
 */
static NnDictError
term_tokens(const NnDictEntry *e, char *buf, NerText *words, int32_t *n, uint32_t *root)
{
	NnTokenizer tk;
	NnToken		tok;
	bool		exact = all_capitals(e->term, e->term_len);
	size_t		used = 0;

	if (nn_tokens_begin(&tk, e->term, e->term_len) != NN_OK)
		return NN_DICT_ICU;
	*n = 0;
	*root = exact ? ROOT_EXACT : ROOT_FOLDED;
	while (nn_tokens_next(&tk, &tok))
	{
		const char *s = e->term + tok.start;
		size_t		len = tok.end - tok.start;

		if (*n == NN_DICT_MAX_TOKENS)
			return NN_DICT_TOO_LONG;
		words[*n].s = exact ? s : buf + used;
		words[*n].len = exact ? len : fold(s, len, buf + used);
		used += words[*n].len;
		(*n)++;
	}
	return NN_DICT_OK;
}

/* Check the parts of an entry that need no tokenizing. */
static NnDictError
check_entry(const NnDictEntry *e, NerType *type)
{
	if (e->term_len == 0)
		return NN_DICT_EMPTY_TERM;
	if (!nn_dict_has_word(e->term, e->term_len))
		return NN_DICT_NO_WORD;
	if (!parse_label(e->label, e->label_len, type))
		return NN_DICT_BAD_LABEL;
	if (e->canonical != NULL && e->canonical_len == 0)
		return NN_DICT_EMPTY_CANONICAL;
	return NN_DICT_OK;
}

/* Record what the entry ending at node says, unless an earlier term did. */
static NnDictError
set_entry(NnDict *d, uint32_t node, const NnDictEntry *e, NerType type)
{
	size_t		cap = (size_t) d->info_cap;
	DictInfo   *info;

	if (d->node_entry[node] >= 0)
		return NN_DICT_OK;
	if (!reserve((void **) &d->info, &cap, (size_t) d->ninfo + 1, sizeof(DictInfo)))
		return NN_DICT_NOMEM;
	d->info_cap = (int32_t) cap;
	info = &d->info[d->ninfo];
	info->type = type;
	info->canon_len = (uint32_t) (e->canonical ? e->canonical_len : e->term_len);
	if (!pool_add(d, e->canonical ? e->canonical : e->term, info->canon_len,
				  &info->canon_off))
		return NN_DICT_NOMEM;
	d->node_entry[node] = d->ninfo++;
	return NN_DICT_OK;
}

/* Add one entry to the trie; buf is scratch of 2 * term_len bytes. */
static NnDictError
add_entry(NnDict *d, const NnDictEntry *e, char *buf)
{
	NerText		words[NN_DICT_MAX_TOKENS];
	NerType		type;
	int32_t		n;
	uint32_t	node;
	NnDictError err = check_entry(e, &type);

	if (err == NN_DICT_OK)
		err = term_tokens(e, buf, words, &n, &node);
	if (err != NN_DICT_OK)
		return err;
	for (int32_t i = 0; i < n; i++)
		if ((node = add_child(d, node, &words[i])) == NO_NODE)
			return NN_DICT_NOMEM;
	if (n > d->max_tokens)
		d->max_tokens = n;
	return set_entry(d, node, e, type);
}

/* An empty dictionary with its two roots. */
static NnDict *
new_dict(void)
{
	NnDict	   *d = calloc(1, sizeof(NnDict));

	if (d == NULL)
		return NULL;
	if (!rehash_edges(d) || new_node(d) != ROOT_FOLDED || new_node(d) != ROOT_EXACT)
	{
		nn_dict_free(d);
		return NULL;
	}
	return d;
}

/* Compile entries[0..n) into *out. */
NnDictError
nn_dict_build(const NnDictEntry *entries, int32_t n, NnDict **out, int32_t *bad_row)
{
	NnDict	   *d = new_dict();
	char	   *buf = NULL;
	size_t		buf_cap = 0;
	NnDictError err = d ? NN_DICT_OK : NN_DICT_NOMEM;

	*out = NULL;
	*bad_row = -1;
	for (int32_t i = 0; i < n && err == NN_DICT_OK; i++)
	{
		if (!reserve((void **) &buf, &buf_cap, 2 * entries[i].term_len, 1))
			err = NN_DICT_NOMEM;
		else if ((err = add_entry(d, &entries[i], buf)) != NN_DICT_OK &&
				 err != NN_DICT_NOMEM)
			*bad_row = i;
	}
	free(buf);
	if (err != NN_DICT_OK)
	{
		nn_dict_free(d);
		return err;
	}
	*out = d;
	return NN_DICT_OK;
}

/* Release a compiled dictionary. */
void
nn_dict_free(NnDict *d)
{
	if (d == NULL)
		return;
	free(d->info);
	free(d->node_entry);
	free(d->edges);
	free(d->slots);
	free(d->pool);
	free(d);
}

/* A sentence saying what an error means. */
const char *
nn_dict_error_message(NnDictError err)
{
	switch (err)
	{
		case NN_DICT_OK:
			return "no error";
		case NN_DICT_EMPTY_TERM:
			return "the term is empty";
		case NN_DICT_NO_WORD:
			return "the term has no letter or digit";
		case NN_DICT_TOO_LONG:
			return "the term has more than 32 tokens";
		case NN_DICT_BAD_LABEL:
			return "the label is not PER, ORG, LOC or MISC";
		case NN_DICT_EMPTY_CANONICAL:
			return "the canonical name is empty";
		case NN_DICT_NOMEM:
			return "out of memory";
		case NN_DICT_ICU:
			return "ICU could not tokenize the term";
	}
	return "unknown error";
}

/* Entries the dictionary holds. */
int32_t
nn_dict_size(const NnDict *d)
{
	return d ? d->ninfo : 0;
}

/* Bytes the compiled dictionary takes. */
size_t
nn_dict_memory(const NnDict *d)
{
	if (d == NULL)
		return 0;
	return sizeof(NnDict) + (size_t) d->info_cap * sizeof(DictInfo) +
		(size_t) d->node_cap * sizeof(int32_t) +
		(size_t) d->edge_cap * sizeof(DictEdge) +
		((size_t) d->mask + 1) * sizeof(uint32_t) + d->pool_cap;
}

/* The label of an entry. */
NerType
nn_dict_label(const NnDict *d, int32_t entry)
{
	return d->info[entry].type;
}

/* The canonical name of an entry. */
const char *
nn_dict_canonical(const NnDict *d, int32_t entry, size_t *len)
{
	*len = d->info[entry].canon_len;
	return d->pool + d->info[entry].canon_off;
}

/* Per-call views of a document's words: folded copies and hashes of both forms. */
typedef struct WordForms
{
	NerText    *folded;
	char	   *bytes;
	uint32_t   *hash_raw;
	uint32_t   *hash_folded;
} WordForms;

/* Release the per-call views. */
static void
forms_free(WordForms *f)
{
	nn_release(f->folded);
	nn_release(f->bytes);
	nn_release(f->hash_raw);
	nn_release(f->hash_folded);
}

/* Fold and hash words[0..n); false if per-call memory ran out. */
static bool
forms_init(WordForms *f, const NerText *words, int32_t n)
{
	size_t		total = 0;
	size_t		used = 0;

	for (int32_t i = 0; i < n; i++)
		total += words[i].len;
	f->folded = nn_alloc(sizeof(NerText) * (size_t) n);
	f->bytes = nn_alloc(2 * total + 1);
	f->hash_raw = nn_alloc(sizeof(uint32_t) * (size_t) n);
	f->hash_folded = nn_alloc(sizeof(uint32_t) * (size_t) n);
	if (!f->folded || !f->bytes || !f->hash_raw || !f->hash_folded)
		return false;
	for (int32_t i = 0; i < n; i++)
	{
		f->folded[i].s = f->bytes + used;
		f->folded[i].len = fold(words[i].s, words[i].len, f->bytes + used);
		used += f->folded[i].len;
		f->hash_raw[i] = hash_bytes(words[i].s, words[i].len);
		f->hash_folded[i] = hash_bytes(f->folded[i].s, f->folded[i].len);
	}
	return true;
}

/*
 * Walk the trie from root along words[i..n); returns the end of the longest
 * term found (its entry in *entry), or -1.
 */
static int32_t
walk(const NnDict *d, uint32_t root, const NerText *w, const uint32_t *h,
	 int32_t i, int32_t n, int32_t *entry)
{
	uint32_t	node = root;
	int32_t		best = -1;

	for (int32_t j = i; j < n && j - i < d->max_tokens; j++)
	{
		if ((node = child_of(d, node, &w[j], h[j])) == NO_NODE)
			break;
		if (d->node_entry[node] >= 0)
		{
			best = j + 1;
			*entry = d->node_entry[node];
		}
	}
	return best;
}

/* Leftmost-longest, non-overlapping matches in words[0..n). */
int32_t
nn_dict_match(const NnDict *d, const NerText *words, int32_t n, NnDictMatch *out)
{
	WordForms	f = {0};
	int32_t		count = 0;
	int32_t		i = 0;

	if (d == NULL || d->ninfo == 0 || n <= 0)
		return 0;
	if (!forms_init(&f, words, n))
	{
		forms_free(&f);
		return -1;
	}
	while (i < n)
	{
		int32_t		fe = 0;
		int32_t		xe = 0;
		int32_t		fend = walk(d, ROOT_FOLDED, f.folded, f.hash_folded, i, n, &fe);
		int32_t		xend = walk(d, ROOT_EXACT, words, f.hash_raw, i, n, &xe);

		if (fend < 0 && xend < 0)
		{
			i++;
			continue;
		}
		/* on a tie the term as written beats the folded one */
		out[count].start = i;
		out[count].end = xend >= fend ? xend : fend;
		out[count].entry = xend >= fend ? xe : fe;
		i = out[count++].end;
	}
	forms_free(&f);
	return count;
}

/* Append a dictionary match to the merged list. */
static void
put_match(const NnDict *d, const NnDictMatch *m, NerEntity *out, int32_t *entry, int *n)
{
	out[*n].start = m->start;
	out[*n].end = m->end;
	out[*n].type = nn_dict_label(d, m->entry);
	out[*n].confidence = 1.0f;
	entry[(*n)++] = m->entry;
}

/* Matches of every sentence of doc, in token order; count, or -1. */
static int32_t
match_sentences(const NnDict *d, const NerDoc *doc, NnDictMatch *m)
{
	int32_t		count = 0;

	for (int32_t k = 0; k < doc->nsent; k++)
	{
		int32_t		s = doc->sent_start[k];
		int32_t		got = nn_dict_match(d, doc->tokens + s, doc->sent_start[k + 1] - s,
										m + count);

		if (got < 0)
			return -1;
		for (int32_t j = count; j < count + got; j++)
		{
			m[j].start += s;
			m[j].end += s;
		}
		count += got;
	}
	return count;
}

/* Merge dictionary matches over the tagger's entities of one chunk. */
int
nn_dict_override(const NnDict *d, const NerDoc *doc, const NerEntity *found, int nfound,
				 NerEntity *out, int32_t *entry)
{
	NnDictMatch *m = nn_alloc(sizeof(NnDictMatch) * (size_t) (doc->ntokens + 1));
	int32_t		nm = m ? match_sentences(d, doc, m) : -1;
	int32_t		j = 0;
	int32_t		covered = 0;	/* end of the last match put out */
	int			n = 0;

	if (nm < 0)
	{
		nn_release(m);
		return -1;
	}
	for (int i = 0; i < nfound; i++)
	{
		for (; j < nm && m[j].start < found[i].start; j++)
		{
			put_match(d, &m[j], out, entry, &n);
			covered = m[j].end;
		}
		/* a match that began before it or begins within it replaces it */
		if (covered > found[i].start || (j < nm && m[j].start < found[i].end))
			continue;
		out[n] = found[i];
		entry[n++] = -1;
	}
	for (; j < nm; j++)
		put_match(d, &m[j], out, entry, &n);
	nn_release(m);
	return n;
}
