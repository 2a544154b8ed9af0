/*
 * annotate.c
 *	  newsnlp.annotate(body text): entities and quotes of a text as one jsonb
 *	  document from a single analysis pass (quote extraction hands over the
 *	  entity mentions it tags).
 *
 *	  The document is a JsonbValue tree turned into jsonb by
 *	  JsonbValueToJsonb. Rather than pushJsonbValue, which gives every object
 *	  its own growing pair array and parse state (some 1.6 kB per mention),
 *	  the tree is laid out directly: each object's pairs, in jsonb's key order
 *	  (shorter keys first, then bytewise), come from large slabs, so a mention
 *	  costs about 450 bytes until the jsonb is built.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "annotate.h"
#include "newsnlp.h"
#include "position.h"
#include "quotes.h"
#include "tagger.h"

/* Pairs per slab, and bytes per slab of copied strings. */
#define PAIR_SLAB 8192
#define STRING_SLAB 65536
/* Lengths below this share one numeric each. */
#define SMALL_NUMBERS 256

PG_FUNCTION_INFO_V1(newsnlp_annotate);

/* A growing array of objects: the elements of "entities" or "quotes". */
typedef struct ObjectArray
{
	JsonbValue *elems;
	int			n;
	int			cap;
} ObjectArray;

/* The document under construction. */
typedef struct DocBuilder
{
	const char *text;
	CharCursor	cursor;			/* entity mentions come in text order */
	ObjectArray entities;
	ObjectArray quotes;
	JsonbPair  *pairs;			/* the current slab of pairs */
	int			pairs_left;
	char	   *strings;		/* the current slab of copied strings */
	size_t		strings_left;
	Numeric		small[SMALL_NUMBERS];
} DocBuilder;

/* n pairs for one object, from the current slab or a new one. */
static JsonbPair *
take_pairs(DocBuilder *b, int n)
{
	if (b->pairs_left < n)
	{
		b->pairs = palloc(sizeof(JsonbPair) * PAIR_SLAB);
		b->pairs_left = PAIR_SLAB;
	}
	b->pairs_left -= n;
	return b->pairs + b->pairs_left;
}

/* A copy of s[0..len) that lives as long as the document. */
static char *
keep_string(DocBuilder *b, const char *s, size_t len)
{
	char	   *copy;

	if (len > STRING_SLAB / 8)
		return pnstrdup(s, len);
	if (b->strings_left < len)
	{
		b->strings = palloc(STRING_SLAB);
		b->strings_left = STRING_SLAB;
	}
	copy = b->strings;
	memcpy(copy, s, len);
	b->strings += len;
	b->strings_left -= len;
	return copy;
}

/* Set pair i: key (a literal) and a string value, or null when s is NULL. */
static void
set_string(JsonbPair *p, int i, const char *key, const char *s, size_t len)
{
	p[i].key.type = jbvString;
	p[i].key.val.string.val = (char *) key;
	p[i].key.val.string.len = strlen(key);
	p[i].order = i;
	if (s == NULL)
	{
		p[i].value.type = jbvNull;
		return;
	}
	p[i].value.type = jbvString;
	p[i].value.val.string.val = (char *) s;
	p[i].value.val.string.len = (int) len;
}

/* Set pair i: key and an integer value, small ones shared. */
static void
set_int(DocBuilder *b, JsonbPair *p, int i, const char *key, int32 n)
{
	set_string(p, i, key, "", 0);
	p[i].value.type = jbvNumeric;
	if (n >= 0 && n < SMALL_NUMBERS)
	{
		if (b->small[n] == NULL)
			b->small[n] = int64_to_numeric(n);
		p[i].value.val.numeric = b->small[n];
	}
	else
		p[i].value.val.numeric = int64_to_numeric(n);
}

/* Append an object of n pairs to an array; returns its pairs to fill. */
static JsonbPair *
append_object(DocBuilder *b, ObjectArray *a, int n)
{
	JsonbValue *v;

	if (a->n == a->cap)
	{
		a->cap = a->cap ? 2 * a->cap : 64;
		a->elems = a->elems ? repalloc_huge(a->elems, sizeof(JsonbValue) * a->cap)
			: palloc_extended(sizeof(JsonbValue) * a->cap, MCXT_ALLOC_HUGE);
	}
	v = &a->elems[a->n++];
	v->type = jbvObject;
	v->val.object.nPairs = n;
	v->val.object.pairs = take_pairs(b, n);
	return v->val.object.pairs;
}

/* Append one mention (not a resolved pronoun): keys len, pos, label, mention, canonical. */
static bool
add_entity(void *arg, const NnQuoteMention *m)
{
	DocBuilder *b = arg;
	const char *mention = b->text + m->start;
	size_t		mlen = m->end - m->start;
	const char *label = nn_entity_label(m->type);
	int32		len;
	int32		pos;
	JsonbPair  *p;

	if (m->pronoun)
		return true;
	CHECK_FOR_INTERRUPTS();
	pos = char_cursor_span(&b->cursor, m->start, m->end, &len);
	p = append_object(b, &b->entities, 5);
	set_int(b, p, 0, "len", len);
	set_int(b, p, 1, "pos", pos);
	set_string(p, 2, "label", label, strlen(label));
	set_string(p, 3, "mention", mention, mlen);
	/* the pass's names live only as long as the call: point at the text or copy */
	if (m->name_len == mlen && memcmp(m->name, mention, mlen) == 0)
		set_string(p, 4, "canonical", mention, mlen);
	else
		set_string(p, 4, "canonical", keep_string(b, m->name, m->name_len), m->name_len);
	return true;
}

/* Append one quote: keys cue, len, pos, kind, quote, speaker, speaker_label. */
static void
add_quote(DocBuilder *b, const NnQuoteList *list, const NnQuote *q, const int32 *at)
{
	const char *kind = nn_quote_kind_name(q->kind);
	JsonbPair  *p = append_object(b, &b->quotes, 7);

	set_string(p, 0, "cue", q->cue, q->cue ? strlen(q->cue) : 0);
	set_int(b, p, 1, "len", at[1] - at[0]);
	set_int(b, p, 2, "pos", at[0]);
	set_string(p, 3, "kind", kind, strlen(kind));
	set_string(p, 4, "quote", b->text + q->start, q->end - q->start);
	set_string(p, 5, "speaker", q->name_len ? nn_quote_speaker(list, q) : NULL, q->name_len);
	set_string(p, 6, "speaker_label", q->label, q->label ? strlen(q->label) : 0);
}

/* Set pair i of the top object to the array a. */
static void
set_array(JsonbPair *p, int i, const char *key, ObjectArray *a)
{
	set_string(p, i, key, "", 0);
	p[i].value.type = jbvArray;
	p[i].value.val.array.nElems = a->n;
	p[i].value.val.array.elems = a->elems;
	p[i].value.val.array.rawScalar = false;
}

/*
 * Build the document: the "entities" array fills while quote extraction
 * runs, then the "quotes" array from its rows.
 */
Jsonb *
nn_pg_annotate(text *body)
{
	DocBuilder *b = palloc0(sizeof(DocBuilder));
	NnQuoteSink sink = {0};
	NnQuoteList list;
	int32	   *at;
	JsonbPair	top[2];
	JsonbValue	doc;
	Jsonb	   *result;

	nn_pg_require_utf8();
	b->text = VARDATA_ANY(body);
	char_cursor_init(&b->cursor, b->text);
	sink.mention = add_entity;
	sink.arg = b;
	nn_pg_check_status(nn_quotes_extract_sink(nn_pg_tagger(), b->text, VARSIZE_ANY_EXHDR(body),
											  &list, &sink),
					   "annotation");
	at = quote_char_bounds(b->text, &list, false);
	for (int i = 0; i < list.n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		add_quote(b, &list, &list.items[i], at + 2 * i);
	}
	set_array(top, 0, "quotes", &b->quotes);
	set_array(top, 1, "entities", &b->entities);
	doc.type = jbvObject;
	doc.val.object.nPairs = 2;
	doc.val.object.pairs = top;
	result = JsonbValueToJsonb(&doc);
	nn_quotes_free(&list);
	return result;
}

/* newsnlp.annotate(body): entities and quotes as jsonb. */
Datum
newsnlp_annotate(PG_FUNCTION_ARGS)
{
	PG_RETURN_JSONB_P(nn_pg_annotate(PG_GETARG_TEXT_PP(0)));
}
