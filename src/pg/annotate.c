/*
 * annotate.c
 *	  newsnlp.annotate(body text): entities and quotes of a text as one jsonb
 *	  document, built with the jsonb API from a single analysis pass (quote
 *	  extraction hands over the entity mentions it tags).
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

PG_FUNCTION_INFO_V1(newsnlp_annotate);

/* The document under construction and what converting positions needs. */
typedef struct AnnotateState
{
	JsonbParseState *parse;
	CharCursor	cursor;			/* entity mentions come in text order */
} AnnotateState;

/* Push an object key. */
static void
push_key(JsonbParseState **ps, const char *key)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) key;
	v.val.string.len = strlen(key);
	pushJsonbValue(ps, WJB_KEY, &v);
}

/* Push a string value of len bytes; the bytes must outlive the document. */
static void
push_string(JsonbParseState **ps, const char *s, size_t len)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = (int) len;
	pushJsonbValue(ps, WJB_VALUE, &v);
}

/* Push a string value, or null when s is NULL. */
static void
push_string_or_null(JsonbParseState **ps, const char *s, size_t len)
{
	JsonbValue	v;

	if (s != NULL)
	{
		push_string(ps, s, len);
		return;
	}
	v.type = jbvNull;
	pushJsonbValue(ps, WJB_VALUE, &v);
}

/* Push an integer value. */
static void
push_int(JsonbParseState **ps, int32 n)
{
	JsonbValue	v;

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(n);
	pushJsonbValue(ps, WJB_VALUE, &v);
}

/* Append one mention's object to the open "entities" array. */
static void
add_entity(void *arg, const NnEntity *e, const char *canon)
{
	AnnotateState *st = arg;
	const char *label = nn_entity_label(e->type);
	int32		len;
	int32		pos = char_cursor_span(&st->cursor, e->start, e->end, &len);

	CHECK_FOR_INTERRUPTS();
	pushJsonbValue(&st->parse, WJB_BEGIN_OBJECT, NULL);
	push_key(&st->parse, "mention");
	push_string(&st->parse, st->cursor.text + e->start, e->end - e->start);
	push_key(&st->parse, "label");
	push_string(&st->parse, label, strlen(label));
	push_key(&st->parse, "canonical");
	/* the extractor's arena is reused chunk by chunk: keep a copy */
	push_string(&st->parse, pnstrdup(canon, e->canon_len), e->canon_len);
	push_key(&st->parse, "pos");
	push_int(&st->parse, pos);
	push_key(&st->parse, "len");
	push_int(&st->parse, len);
	pushJsonbValue(&st->parse, WJB_END_OBJECT, NULL);
}

/* Character positions of every quote's start and end, in one pass. */
static int32 *
quote_bounds(const char *text, const NnQuoteList *list)
{
	int			n = list->n * 2;
	size_t	   *offsets = palloc_extended(sizeof(size_t) * Max(n, 1), MCXT_ALLOC_HUGE);
	int32	   *chars = palloc_extended(sizeof(int32) * Max(n, 1), MCXT_ALLOC_HUGE);

	for (int i = 0; i < list->n; i++)
	{
		offsets[2 * i] = list->items[i].start;
		offsets[2 * i + 1] = list->items[i].end;
	}
	char_positions(text, offsets, chars, n);
	pfree(offsets);
	return chars;
}

/* Append one quote's object to the open "quotes" array. */
static void
add_quote(JsonbParseState **ps, const char *text, const NnQuoteList *list,
		  const NnQuote *q, const int32 *at)
{
	const char *kind = nn_quote_kind_name(q->kind);

	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	push_key(ps, "quote");
	push_string(ps, text + q->start, q->end - q->start);
	push_key(ps, "speaker");
	push_string_or_null(ps, q->name_len ? nn_quote_speaker(list, q) : NULL, q->name_len);
	push_key(ps, "speaker_label");
	push_string_or_null(ps, q->label, q->label ? strlen(q->label) : 0);
	push_key(ps, "cue");
	push_string_or_null(ps, q->cue, q->cue ? strlen(q->cue) : 0);
	push_key(ps, "kind");
	push_string(ps, kind, strlen(kind));
	push_key(ps, "pos");
	push_int(ps, at[0]);
	push_key(ps, "len");
	push_int(ps, at[1] - at[0]);
	pushJsonbValue(ps, WJB_END_OBJECT, NULL);
}

/*
 * Build the document: the "entities" array fills while quote extraction
 * runs, then the "quotes" array from its rows.
 */
Jsonb *
nn_pg_annotate(text *body)
{
	const char *s = VARDATA_ANY(body);
	AnnotateState st = {NULL};
	NnQuoteList list;
	int32	   *at;
	JsonbValue *doc;
	Jsonb	   *result;

	nn_pg_require_utf8();
	char_cursor_init(&st.cursor, s);
	pushJsonbValue(&st.parse, WJB_BEGIN_OBJECT, NULL);
	push_key(&st.parse, "entities");
	pushJsonbValue(&st.parse, WJB_BEGIN_ARRAY, NULL);
	nn_pg_check_status(nn_quotes_extract_mentions(nn_pg_tagger(), s, VARSIZE_ANY_EXHDR(body),
												  &list, add_entity, &st),
					   "annotation");
	pushJsonbValue(&st.parse, WJB_END_ARRAY, NULL);
	push_key(&st.parse, "quotes");
	pushJsonbValue(&st.parse, WJB_BEGIN_ARRAY, NULL);
	at = quote_bounds(s, &list);
	for (int i = 0; i < list.n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		add_quote(&st.parse, s, &list, &list.items[i], at + 2 * i);
	}
	pushJsonbValue(&st.parse, WJB_END_ARRAY, NULL);
	doc = pushJsonbValue(&st.parse, WJB_END_OBJECT, NULL);
	result = JsonbValueToJsonb(doc);
	nn_quotes_free(&list);
	pfree(at);
	return result;
}

/* newsnlp.annotate(body): entities and quotes as jsonb. */
Datum
newsnlp_annotate(PG_FUNCTION_ARGS)
{
	PG_RETURN_JSONB_P(nn_pg_annotate(PG_GETARG_TEXT_PP(0)));
}
