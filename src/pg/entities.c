/*
 * entities.c
 *	  newsnlp.entities(body text) and newsnlp.entity_names(body text), from
 *	  the built-in model only, and their dictionary-aware variants
 *	  newsnlp.dict_entities() and newsnlp.dict_entity_names().
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "dictionary_cache.h"
#include "entities.h"
#include "newsnlp.h"
#include "position.h"
#include "srf.h"
#include "tagger.h"

#define ENTITIES_COLS 7

PG_FUNCTION_INFO_V1(newsnlp_entities);
PG_FUNCTION_INFO_V1(newsnlp_entity_names);
PG_FUNCTION_INFO_V1(newsnlp_dict_entities);
PG_FUNCTION_INFO_V1(newsnlp_dict_entity_names);

/*
 * Start extracting from body with the backend's tagger and, if asked, the
 * user dictionary, fetched first: rebuilding it runs the tokenizer.
 */
static void
begin_extraction(NnEntityExtractor *ex, text *body, bool use_dict)
{
	const NnDict *dict;

	nn_pg_require_utf8();
	dict = use_dict ? nn_pg_dictionary() : NULL;
	nn_pg_check_status(nn_entities_begin(ex, nn_pg_tagger(), dict, VARDATA_ANY(body),
										 VARSIZE_ANY_EXHDR(body)),
					   "entity extraction");
}

/* Next batch of mentions; raises an error if the core failed. */
static int
next_batch(NnEntityExtractor *ex, const NnEntity **ents)
{
	int			n = nn_entities_next(ex, ents);

	nn_pg_check_status(ex->status, "entity extraction");
	return n;
}

/* Emit one row per mention: mention, label, canonical, pos, len, sentence, score. */
static Datum
entities_rows(FunctionCallInfo fcinfo, bool use_dict)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NnEntityExtractor ex;
	const NnEntity *ents;
	CharCursor	cur;
	TextBuf		mention;
	TextBuf		canonical;
	Datum		values[ENTITIES_COLS];
	bool		nulls[ENTITIES_COLS] = {false};
	int			n;

	nn_srf_init(fcinfo);
	begin_extraction(&ex, body, use_dict);
	char_cursor_init(&cur, ex.text);
	textbuf_init(&mention);
	textbuf_init(&canonical);
	while ((n = next_batch(&ex, &ents)) > 0)
	{
		for (int i = 0; i < n; i++)
		{
			const NnEntity *e = &ents[i];
			int32		len;
			int32		pos = char_cursor_span(&cur, e->start, e->end, &len);

			values[0] = textbuf_set(&mention, ex.text + e->start, e->end - e->start);
			values[1] = CStringGetTextDatum(nn_entity_label(e->type));
			values[2] = textbuf_set(&canonical, nn_entities_canonical(&ex, e), e->canon_len);
			values[3] = Int32GetDatum(pos);
			values[4] = Int32GetDatum(len);
			values[5] = Int32GetDatum(e->sentence);
			values[6] = Float4GetDatum(e->score);
			nn_srf_put(fcinfo, values, nulls);
		}
	}
	nn_entities_end(&ex);
	return (Datum) 0;
}

/* Order text datums bytewise, for sorting keys before removing repeats. */
static int
compare_keys(const void *a, const void *b)
{
	text	   *x = DatumGetTextPP(*(const Datum *) a);
	text	   *y = DatumGetTextPP(*(const Datum *) b);
	int			lx = VARSIZE_ANY_EXHDR(x);
	int			ly = VARSIZE_ANY_EXHDR(y);
	int			c = memcmp(VARDATA_ANY(x), VARDATA_ANY(y), Min(lx, ly));

	return c != 0 ? c : (lx > ly) - (lx < ly);
}

/* "LABEL:canonical" of a mention. */
static Datum
entity_key(const NnEntityExtractor *ex, const NnEntity *e)
{
	const char *label = nn_entity_label(e->type);
	size_t		llen = strlen(label);
	text	   *t = (text *) palloc(VARHDRSZ + llen + 1 + e->canon_len);

	memcpy(VARDATA(t), label, llen);
	VARDATA(t)[llen] = ':';
	memcpy(VARDATA(t) + llen + 1, nn_entities_canonical(ex, e), e->canon_len);
	SET_VARSIZE(t, VARHDRSZ + llen + 1 + e->canon_len);
	return PointerGetDatum(t);
}

/* Sort keys and drop (and free) repeats; returns how many remain. */
static int
unique_keys(Datum *keys, int n)
{
	int			m = 0;

	if (n == 0)
		return 0;
	qsort(keys, n, sizeof(Datum), compare_keys);
	for (int i = 1; i < n; i++)
	{
		if (compare_keys(&keys[i], &keys[m]) != 0)
			keys[++m] = keys[i];
		else
			pfree(DatumGetPointer(keys[i]));
	}
	return m + 1;
}

/* The distinct LABEL:canonical keys of a document, sorted, as text[]. */
static Datum
entity_names_array(FunctionCallInfo fcinfo, bool use_dict)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	NnEntityExtractor ex;
	const NnEntity *ents;
	Datum	   *keys = NULL;
	int			nkeys = 0;
	int			cap = 0;
	int			distinct = 0;
	int			n;

	begin_extraction(&ex, body, use_dict);
	while ((n = next_batch(&ex, &ents)) > 0)
	{
		if (nkeys + n > cap)
		{
			cap = Max(2 * cap, nkeys + n);
			keys = keys ? repalloc_huge(keys, sizeof(Datum) * cap)
				: palloc_extended(sizeof(Datum) * cap, MCXT_ALLOC_HUGE);
		}
		for (int i = 0; i < n; i++)
			keys[nkeys++] = entity_key(&ex, &ents[i]);
		/* drop repeats whenever the keys double: a long document keeps few */
		if (nkeys > 2 * distinct + 1024)
			distinct = nkeys = unique_keys(keys, nkeys);
	}
	nkeys = unique_keys(keys, nkeys);
	nn_entities_end(&ex);
	PG_RETURN_ARRAYTYPE_P(construct_array(keys, nkeys, TEXTOID, -1, false, TYPALIGN_INT));
}

/* newsnlp.entities(body): the built-in model only. */
Datum
newsnlp_entities(PG_FUNCTION_ARGS)
{
	return entities_rows(fcinfo, false);
}

/* newsnlp.entity_names(body): the built-in model only. */
Datum
newsnlp_entity_names(PG_FUNCTION_ARGS)
{
	return entity_names_array(fcinfo, false);
}

/* newsnlp.dict_entities(body): the model with newsnlp.dictionary applied. */
Datum
newsnlp_dict_entities(PG_FUNCTION_ARGS)
{
	return entities_rows(fcinfo, true);
}

/* newsnlp.dict_entity_names(body): the model with newsnlp.dictionary applied. */
Datum
newsnlp_dict_entity_names(PG_FUNCTION_ARGS)
{
	return entity_names_array(fcinfo, true);
}
