/*
 * entities.c
 *	  Entity mentions with in-document name resolution (see entities.h).
 */
#include <string.h>

#include "charclass.h"
#include "entities.h"
#include "gazetteer.h"
#include "titles.h"

/* Chunks may run past NN_ENTITY_CHUNK to finish a sentence, up to this. */
#define CHUNK_HARD_LIMIT (NN_ENTITY_CHUNK + NN_ENTITY_CHUNK / 4)

/*
 * Longest person name that resolves or is resolved to: real names are
 * short, and the bound keeps resolution constant-time per mention however
 * long a run of capitalised words the tagger calls a person.
 */
#define MAX_NAME_WORDS 8

/* Gazetteer matches considered for one mention. */
#define GAZ_MATCHES 8

static const char *const labels[NER_NTYPES] = {"PER", "ORG", "LOC", "MISC"};

/* "PER", "ORG", "LOC" or "MISC". */
const char *
nn_entity_label(NerType type)
{
	return type < NER_NTYPES ? labels[type] : "MISC";
}

/* Make *p hold at least need elements of size elem, growing by doubling. */
static bool
grow(NnEntityExtractor *ex, void **p, size_t *cap, size_t need, size_t elem)
{
	size_t		n = *cap ? *cap : 64;
	void	   *q;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	q = *p ? nn_resize(*p, n * elem) : nn_alloc(n * elem);
	if (q == NULL)
	{
		ex->status = NN_ERR_NOMEM;
		return false;
	}
	*p = q;
	*cap = n;
	return true;
}

/* Resize *p to count elements of size elem. */
static bool
resize_array(NnEntityExtractor *ex, void **p, size_t count, size_t elem)
{
	void	   *q = *p ? nn_resize(*p, count * elem) : nn_alloc(count * elem);

	if (q == NULL)
	{
		ex->status = NN_ERR_NOMEM;
		return false;
	}
	*p = q;
	return true;
}

/* Make every chunk buffer hold need tokens (sent_start one more). */
static bool
reserve_chunk(NnEntityExtractor *ex, int32_t need)
{
	size_t		n;

	if (need <= ex->cap)
		return true;
	n = (size_t) (ex->cap < 512 ? 1024 : 2 * ex->cap);
	if (n < (size_t) need)
		n = (size_t) need;
	if (!resize_array(ex, (void **) &ex->tokens, n, sizeof(NnToken)) ||
		!resize_array(ex, (void **) &ex->words, n, sizeof(NerText)) ||
		!resize_array(ex, (void **) &ex->sent_start, n + 1, sizeof(int32_t)) ||
		!resize_array(ex, (void **) &ex->labels, n, sizeof(uint8_t)) ||
		!resize_array(ex, (void **) &ex->margins, n, sizeof(float)) ||
		!resize_array(ex, (void **) &ex->found, n, sizeof(NerEntity)) ||
		!resize_array(ex, (void **) &ex->merged, n, sizeof(NerEntity)) ||
		!resize_array(ex, (void **) &ex->dict_entry, n, sizeof(int32_t)) ||
		!resize_array(ex, (void **) &ex->out, n, sizeof(NnEntity)))
		return false;
	ex->cap = (int32_t) n;
	return true;
}

/* Reset the extractor for text[0..len). */
static void
reset_extractor(NnEntityExtractor *ex, NerTagger *tagger, const NnDict *dict,
				const char *text, size_t len)
{
	memset(ex, 0, sizeof(*ex));
	ex->text = text;
	ex->len = len;
	ex->tagger = tagger;
	ex->dict = dict;
}

/* Begin extracting from text[0..len). */
NnStatus
nn_entities_begin(NnEntityExtractor *ex, NerTagger *tagger, const NnDict *dict,
				  const char *text, size_t len)
{
	reset_extractor(ex, tagger, dict, text, len);
	ex->status = nn_tokens_begin(&ex->tokenizer, text, len);
	return ex->status;
}

/* Begin extracting from text[0..len) whose tokens the caller gives. */
NnStatus
nn_entities_begin_tokens(NnEntityExtractor *ex, NerTagger *tagger, const NnDict *dict,
						 const char *text, size_t len, const NnToken *tokens,
						 int32_t ntokens)
{
	reset_extractor(ex, tagger, dict, text, len);
	ex->use_given = true;
	ex->given = tokens;
	ex->ngiven = ntokens;
	return NN_OK;
}

/* Go on to the next piece of the document, keeping the people named so far. */
NnStatus
nn_entities_continue_tokens(NnEntityExtractor *ex, const char *text, size_t len,
							const NnToken *tokens, int32_t ntokens)
{
	ex->text = text;
	ex->len = len;
	ex->use_given = true;
	ex->given = tokens;
	ex->ngiven = ntokens;
	ex->given_next = 0;
	ex->have_pending = false;
	ex->done = false;
	ex->ntokens = 0;
	return ex->status;
}

/* The next token of the document, the held-back one first. */
static bool
next_token(NnEntityExtractor *ex, NnToken *tok)
{
	if (ex->have_pending)
	{
		*tok = ex->pending;
		ex->have_pending = false;
		return true;
	}
	if (ex->use_given)
	{
		if (ex->given_next >= ex->ngiven)
			return false;
		*tok = ex->given[ex->given_next++];
		return true;
	}
	return nn_tokens_next(&ex->tokenizer, tok);
}

/*
 * Read the next chunk: whole sentences up to NN_ENTITY_CHUNK tokens, or a
 * piece of one longer sentence. Returns the sentence count.
 */
static int32_t
read_chunk(NnEntityExtractor *ex)
{
	NnToken		tok;
	int32_t		nsent = 0;
	int32_t		prev = -1;

	ex->ntokens = 0;
	while (next_token(ex, &tok))
	{
		bool		new_sentence = tok.sentence != prev;

		if ((new_sentence && ex->ntokens >= NN_ENTITY_CHUNK) ||
			ex->ntokens >= CHUNK_HARD_LIMIT)
		{
			ex->pending = tok;
			ex->have_pending = true;
			break;
		}
		if (!reserve_chunk(ex, ex->ntokens + 1))
			return 0;
		if (new_sentence)
			ex->sent_start[nsent++] = ex->ntokens;
		prev = tok.sentence;
		ex->tokens[ex->ntokens] = tok;
		ex->words[ex->ntokens].s = ex->text + tok.start;
		ex->words[ex->ntokens].len = tok.end - tok.start;
		ex->ntokens++;
	}
	if (ex->ntokens > 0)
		ex->sent_start[nsent] = ex->ntokens;
	return nsent;
}

/* True for tokens that never begin or end a mention. */
static bool
is_edge_noise(const NnToken *tok)
{
	return tok->kind == NN_TOK_PUNCT || tok->kind == NN_TOK_QUOTE_OPEN ||
		tok->kind == NN_TOK_QUOTE_CLOSE || tok->kind == NN_TOK_SYMBOL ||
		tok->kind == NN_TOK_CLITIC;
}

/*
 * Trim a tagged entity's token range [*s, *e) of punctuation, possessives
 * and, for people, leading titles; false if nothing of a name is left.
 */
static bool
trim_mention(const NnEntityExtractor *ex, NerType type, int32_t *s, int32_t *e)
{
	while (*s < *e && is_edge_noise(&ex->tokens[*s]))
		(*s)++;
	while (*e > *s && is_edge_noise(&ex->tokens[*e - 1]))
		(*e)--;
	while (type == NER_PER && *s < *e &&
		   nn_is_title_word(ex->words[*s].s, ex->words[*s].len))
		(*s)++;
	return *s < *e;
}

/* Append s[0..len) to the arena. */
static bool
arena_append(NnEntityExtractor *ex, const char *s, size_t len)
{
	if (!grow(ex, (void **) &ex->arena, &ex->arena_cap, ex->arena_len + len, 1))
		return false;
	memcpy(ex->arena + ex->arena_len, s, len);
	ex->arena_len += len;
	return true;
}

/*
 * Put the mention's words into the arena as its name: one space where the
 * text has any white space between two tokens, none where they touch.
 */
static bool
arena_join(NnEntityExtractor *ex, int32_t s, int32_t e, NnEntity *out)
{
	out->canon_off = ex->arena_len;
	for (int32_t i = s; i < e; i++)
	{
		if (i > s && ex->tokens[i].start > ex->tokens[i - 1].end &&
			!arena_append(ex, " ", 1))
			return false;
		if (!arena_append(ex, ex->words[i].s, ex->words[i].len))
			return false;
	}
	out->canon_len = ex->arena_len - out->canon_off;
	return true;
}

/* ASCII lower case of a byte; other bytes as they are. */
static inline unsigned char
fold_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* Hash of a word, ignoring ASCII case (FNV-1a). */
static uint32_t
word_hash(const NerText *w)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < w->len; i++)
		h = (h ^ fold_byte((unsigned char) w->s[i])) * 16777619u;
	return h;
}

/* True if two words are equal, ignoring ASCII case. */
static bool
word_equal(const NerText *a, const NerText *b)
{
	if (a->len != b->len)
		return false;
	for (size_t i = 0; i < a->len; i++)
		if (fold_byte((unsigned char) a->s[i]) != fold_byte((unsigned char) b->s[i]))
			return false;
	return true;
}

/* The slot holding word, or the empty slot where it would go. */
static NnNameSlot *
find_slot(const NnEntityExtractor *ex, const NerText *word)
{
	uint32_t	mask = ex->nslots - 1;
	uint32_t	i = word_hash(word) & mask;

	while (ex->slots[i].word.len != 0 && !word_equal(&ex->slots[i].word, word))
		i = (i + 1) & mask;
	return &ex->slots[i];
}

/* The person a word of a name points at, or -1. */
static int32_t
person_of_word(const NnEntityExtractor *ex, const NerText *word)
{
	NnNameSlot *slot;

	if (ex->nslots == 0 || word->len == 0)
		return -1;
	slot = find_slot(ex, word);
	return slot->word.len ? slot->person : -1;
}

/* Double the name index (or create it) and put back its entries. */
static bool
rehash_names(NnEntityExtractor *ex)
{
	uint32_t	old_n = ex->nslots;
	NnNameSlot *old = ex->slots;
	uint32_t	n = old_n ? old_n * 2 : 256;

	ex->slots = nn_alloc(sizeof(NnNameSlot) * n);
	if (ex->slots == NULL)
	{
		ex->slots = old;
		ex->status = NN_ERR_NOMEM;
		return false;
	}
	memset(ex->slots, 0, sizeof(NnNameSlot) * n);
	ex->nslots = n;
	for (uint32_t i = 0; i < old_n; i++)
		if (old[i].word.len)
			*find_slot(ex, &old[i].word) = old[i];
	nn_release(old);
	return true;
}

/* Point word at person unless it points at a longer name already. */
static bool
index_word(NnEntityExtractor *ex, const NerText *word, int32_t person)
{
	NnNameSlot *slot;

	if ((uint32_t) (ex->nkeys + 1) * 2 > ex->nslots && !rehash_names(ex))
		return false;
	slot = find_slot(ex, word);
	if (slot->word.len == 0)
	{
		slot->word = *word;
		ex->nkeys++;
	}
	else if (ex->people[slot->person].nwords > ex->people[person].nwords)
		return true;
	slot->person = person;
	return true;
}

/* True for initials like "J." or "J.D.", which identify no one alone. */
static bool
is_initial(const NerText *w)
{
	return w->len < 2 || w->s[w->len - 1] == '.';
}

/* Remember the mention [s, e), named out->canon, as a person's full name. */
static bool
add_person(NnEntityExtractor *ex, int32_t s, int32_t e, const NnEntity *out)
{
	size_t		cap = (size_t) ex->people_cap;
	size_t		pool_cap = (size_t) ex->pool_cap;
	int32_t		id = ex->npeople;
	NnPersonName *p;

	if (!grow(ex, (void **) &ex->people, &cap, (size_t) id + 1, sizeof(NnPersonName)) ||
		!grow(ex, (void **) &ex->pool, &pool_cap, (size_t) (ex->pool_len + e - s),
			  sizeof(NerText)))
		return false;
	ex->people_cap = (int32_t) cap;
	ex->pool_cap = (int32_t) pool_cap;
	p = &ex->people[ex->npeople++];
	p->canon_off = out->canon_off;
	p->canon_len = out->canon_len;
	p->first_word = ex->pool_len;
	p->nwords = e - s;
	memcpy(ex->pool + ex->pool_len, ex->words + s, sizeof(NerText) * (size_t) (e - s));
	ex->pool_len += e - s;
	for (int32_t i = s; i < e; i++)
		if (!is_initial(&ex->words[i]) && !index_word(ex, &ex->words[i], id))
			return false;
	return true;
}

/* True if the person's name holds the words [s, e) in a row. */
static bool
name_contains(const NnEntityExtractor *ex, const NnPersonName *p, int32_t s, int32_t e)
{
	const NerText *name = ex->pool + p->first_word;
	int32_t		k = e - s;

	for (int32_t off = 0; off + k <= p->nwords; off++)
	{
		int32_t		j = 0;

		while (j < k && word_equal(&name[off + j], &ex->words[s + j]))
			j++;
		if (j == k)
			return true;
	}
	return false;
}

/*
 * The fullest earlier person name that contains the mention [s, e), or -1.
 * A name that contains the mention holds its first and its last word, so
 * the names those two point at are the only candidates.
 */
static int32_t
fuller_person(const NnEntityExtractor *ex, int32_t s, int32_t e)
{
	int32_t		candidates[2];
	int32_t		best = -1;

	candidates[0] = person_of_word(ex, &ex->words[s]);
	candidates[1] = person_of_word(ex, &ex->words[e - 1]);
	for (int i = 0; i < 2; i++)
	{
		int32_t		p = candidates[i];

		if (p < 0 || ex->people[p].nwords <= e - s ||
			!name_contains(ex, &ex->people[p], s, e))
			continue;
		if (best < 0 || ex->people[p].nwords > ex->people[best].nwords ||
			(ex->people[p].nwords == ex->people[best].nwords && p > best))
			best = p;
	}
	return best;
}

/* Give out the canonical name of person p. */
static void
use_person(const NnEntityExtractor *ex, int32_t p, NnEntity *out)
{
	out->canon_off = ex->people[p].canon_off;
	out->canon_len = ex->people[p].canon_len;
}

/*
 * A one-word mention typed as something else that is the surname of a
 * person named earlier ("Kingston" after "Jeff Kingston") is that person.
 */
static int32_t
surname_person(const NnEntityExtractor *ex, int32_t s, int32_t e)
{
	int32_t		p;
	const NnPersonName *name;

	if (e - s != 1)
		return -1;
	p = person_of_word(ex, &ex->words[s]);
	if (p < 0)
		return -1;
	name = &ex->people[p];
	if (name->nwords < 2 || !word_equal(&ex->pool[name->first_word + name->nwords - 1],
										&ex->words[s]))
		return -1;
	return p;
}

/* Resolve a person mention to the fullest earlier form, or register it. */
static bool
resolve_person(NnEntityExtractor *ex, int32_t s, int32_t e, NnEntity *out)
{
	int32_t		p;

	if (e - s > MAX_NAME_WORDS)
		return arena_join(ex, s, e, out);
	p = fuller_person(ex, s, e);
	if (p >= 0)
	{
		use_person(ex, p, out);
		return true;
	}
	if (!arena_join(ex, s, e, out))
		return false;
	return e - s < 2 || add_person(ex, s, e, out);
}

/* True if a gazetteer type may name a mention of this entity type. */
static bool
gazetteer_fits(NerType type, NnGazType gaz)
{
	if (type == NER_LOC || type == NER_ORG)
		return gaz == NN_GAZ_COUNTRY || gaz == NN_GAZ_CITY || gaz == NN_GAZ_ORG;
	return false;
}

/* The gazetteer's name for exactly the mention [s, e), or NULL. */
static const char *
gazetteer_name(const NnEntityExtractor *ex, NerType type, int32_t s, int32_t e)
{
	NnGazToken	toks[NN_GAZ_MAX_TOKENS];
	NnGazMatch	m[GAZ_MATCHES];
	int			n;

	if (e - s > NN_GAZ_MAX_TOKENS)
		return NULL;
	for (int32_t i = s; i < e; i++)
	{
		toks[i - s].ptr = ex->words[i].s;
		toks[i - s].len = ex->words[i].len;
	}
	n = nn_gaz_lookup_at(toks, (size_t) (e - s), 0, NN_GAZ_FOLD, m, GAZ_MATCHES);
	for (int i = 0; i < n && i < GAZ_MATCHES; i++)
		if (m[i].ntokens == e - s && gazetteer_fits(type, m[i].type))
			return nn_gaz_canonical(m[i].entry);
	return NULL;
}

/* Set the mention's canonical name (and, for a known surname, its type). */
static bool
resolve(NnEntityExtractor *ex, int32_t s, int32_t e, NnEntity *out)
{
	const char *name;
	int32_t		p;

	if (out->type == NER_PER)
		return resolve_person(ex, s, e, out);
	p = surname_person(ex, s, e);
	if (p >= 0)
	{
		out->type = NER_PER;
		use_person(ex, p, out);
		return true;
	}
	name = gazetteer_name(ex, out->type, s, e);
	if (name == NULL)
		return arena_join(ex, s, e, out);
	out->canon_off = ex->arena_len;
	out->canon_len = strlen(name);
	return arena_append(ex, name, out->canon_len);
}

/*
 * A dictionary mention takes its row's name as written there; a person's
 * name of two words or more also names later short forms.
 */
static bool
resolve_from_dictionary(NnEntityExtractor *ex, int32_t entry, int32_t s, int32_t e,
						NnEntity *out)
{
	size_t		len;
	const char *name = nn_dict_canonical(ex->dict, entry, &len);

	out->canon_off = ex->arena_len;
	out->canon_len = len;
	if (!arena_append(ex, name, len))
		return false;
	return out->type != NER_PER || e - s < 2 || e - s > MAX_NAME_WORDS ||
		fuller_person(ex, s, e) >= 0 || add_person(ex, s, e, out);
}

/* A mention of the dictionary: exactly its match, no filtering. */
static bool
dictionary_mention(NnEntityExtractor *ex, const NerEntity *f, int32_t entry, NnEntity *out)
{
	out->start = ex->tokens[f->start].start;
	out->end = ex->tokens[f->end - 1].end;
	out->type = f->type;
	out->score = 1.0f;
	out->sentence = ex->tokens[f->start].sentence;
	return resolve_from_dictionary(ex, entry, f->start, f->end, out);
}

/* Turn the chunk's merged entities into cleaned, resolved mentions. */
static int
build_mentions(NnEntityExtractor *ex, int nfound)
{
	int			n = 0;

	for (int i = 0; i < nfound; i++)
	{
		const NerEntity *f = &ex->merged[i];
		int32_t		s = f->start;
		int32_t		e = f->end;
		NnEntity   *out = &ex->out[n];

		if (ex->dict_entry[i] >= 0)
		{
			if (!dictionary_mention(ex, f, ex->dict_entry[i], out))
				return 0;
			n++;
			continue;
		}
		if (!trim_mention(ex, f->type, &s, &e))
			continue;
		out->start = ex->tokens[s].start;
		out->end = ex->tokens[e - 1].end;
		if (nn_has_foreign_letters(ex->text + out->start, out->end - out->start))
			continue;
		out->type = f->type;
		out->score = f->confidence;
		out->sentence = ex->tokens[s].sentence;
		if (!resolve(ex, s, e, out))
			return 0;
		n++;
	}
	return n;
}

/* Tag chunks until one has mentions; point *ents at them. */
int
nn_entities_next(NnEntityExtractor *ex, const NnEntity **ents)
{
	while (!ex->done && ex->status == NN_OK)
	{
		int32_t		nsent = read_chunk(ex);
		NerDoc		doc;
		int			nfound;
		int			n;

		if (ex->ntokens == 0 || ex->status != NN_OK)
			break;
		ex->done = !ex->have_pending;
		doc.tokens = ex->words;
		doc.ntokens = ex->ntokens;
		doc.sent_start = ex->sent_start;
		doc.nsent = nsent;
		ex->status = ner_tag(ex->tagger, &doc, ex->labels, ex->margins);
		if (ex->status != NN_OK)
			break;
		nfound = ner_entities(ex->tagger->model, &doc, ex->labels, ex->margins, ex->found);
		nfound = nn_dict_override(ex->dict, &doc, ex->found, nfound, ex->merged,
								  ex->dict_entry);
		if (nfound < 0)
		{
			ex->status = NN_ERR_NOMEM;
			break;
		}
		n = build_mentions(ex, nfound);
		nn_check_interrupts();
		if (n > 0)
		{
			*ents = ex->out;
			return n;
		}
	}
	ex->done = true;
	return 0;
}

/* The canonical name of a mention from the last call. */
const char *
nn_entities_canonical(const NnEntityExtractor *ex, const NnEntity *e)
{
	return ex->arena + e->canon_off;
}

/* Release the extractor's buffers. */
void
nn_entities_end(NnEntityExtractor *ex)
{
	nn_release(ex->tokens);
	nn_release(ex->words);
	nn_release(ex->sent_start);
	nn_release(ex->labels);
	nn_release(ex->margins);
	nn_release(ex->found);
	nn_release(ex->merged);
	nn_release(ex->dict_entry);
	nn_release(ex->out);
	nn_release(ex->arena);
	nn_release(ex->people);
	nn_release(ex->pool);
	nn_release(ex->slots);
	memset(ex, 0, sizeof(*ex));
}
