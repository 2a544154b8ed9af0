/*
 * stance_model_type.c
 *	  The newsnlp.stance_model type: text and binary I/O, and
 *	  stance_model_info(). The value is the stored form of learn_model.h;
 *	  every way in (text, binary, a stored datum read for use) validates it
 *	  in full, so a corrupted value is refused with an error, never used.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "stance_model_type.h"

PG_FUNCTION_INFO_V1(stance_model_in);
PG_FUNCTION_INFO_V1(stance_model_out);
PG_FUNCTION_INFO_V1(stance_model_recv);
PG_FUNCTION_INFO_V1(stance_model_send);
PG_FUNCTION_INFO_V1(stance_model_info);
PG_FUNCTION_INFO_V1(stance_model_eq);

/* Raise the error for a refused value; sqlstate for a malformed one. */
static void
refuse(LearnModelStatus st, int sqlstate, const char *err)
{
	if (st == LEARN_MODEL_TOO_BIG)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance_model is too large: %s", err)));
	if (st == LEARN_MODEL_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory reading a stance_model")));
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("invalid stance_model value: %s", err)));
}

/* A varlena holding a copy of bytes[0..len). */
static struct varlena *
make_value(const char *bytes, size_t len)
{
	struct varlena *v = palloc(VARHDRSZ + len);

	SET_VARSIZE(v, VARHDRSZ + len);
	memcpy(VARDATA(v), bytes, len);
	return v;
}

/* Validate a detoasted value (see stance_model.h). */
void
nn_pg_stance_model_open(const struct varlena *v, LearnModel *m)
{
	char		err[LEARN_MODEL_ERRLEN];
	LearnModelStatus st = learn_model_open(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v), m, err);

	if (st != LEARN_MODEL_OK)
		refuse(st, ERRCODE_INVALID_PARAMETER_VALUE, err);
}

/*
 * The model cached in fn_extra: its value, the TOAST pointer it was read
 * through (if any) and its view. A model stored in a table reaches the
 * function as the same TOAST pointer on every row; recognising it spares
 * decompressing megabytes per row.
 */
typedef struct ModelCache
{
	struct varlena *value;
	bool		from_toast;
	struct varatt_external toast;
	LearnModel	model;
} ModelCache;

/* True if raw is the on-disk TOAST pointer the cache was filled from. */
static bool
same_toast_pointer(const ModelCache *c, const struct varlena *raw)
{
	struct varatt_external ext;

	if (c == NULL || !c->from_toast || !VARATT_IS_EXTERNAL_ONDISK(raw))
		return false;
	VARATT_EXTERNAL_GET_POINTER(ext, raw);
	return ext.va_valueid == c->toast.va_valueid && ext.va_toastrelid == c->toast.va_toastrelid;
}

/* True if the cached value equals v, byte for byte. */
static bool
cache_matches(const ModelCache *c, const struct varlena *v)
{
	return c != NULL && VARSIZE_ANY(v) == VARSIZE(c->value) &&
		memcmp(VARDATA_ANY(v), VARDATA(c->value), VARSIZE_ANY_EXHDR(v)) == 0;
}

/* The validated model of argument argno (see stance_model.h). */
const LearnModel *
nn_pg_stance_model_arg(FunctionCallInfo fcinfo, int argno)
{
	ModelCache *c = fcinfo->flinfo->fn_extra;
	struct varlena *raw = (struct varlena *) PG_GETARG_POINTER(argno);
	struct varlena *v;
	struct varlena *copy;
	LearnModel	m;

	if (same_toast_pointer(c, raw))
		return &c->model;
	v = PG_DETOAST_DATUM(PointerGetDatum(raw));
	if (cache_matches(c, v))
		return &c->model;
	if (c == NULL)
		c = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
															 sizeof(ModelCache));
	copy = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(v));
	memcpy(copy, v, VARSIZE(v));
	nn_pg_stance_model_open(copy, &m);
	if (c->value)
		pfree(c->value);
	c->value = copy;
	c->model = m;
	c->from_toast = VARATT_IS_EXTERNAL_ONDISK(raw);
	if (c->from_toast)
		VARATT_EXTERNAL_GET_POINTER(c->toast, raw);
	return &c->model;
}

/* Text input: the text form of learn_model.h. */
Datum
stance_model_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	char	   *bytes;
	size_t		len;
	char		err[LEARN_MODEL_ERRLEN];
	LearnModelStatus st = learn_model_from_text(s, strlen(s), &bytes, &len, err);
	struct varlena *v;

	if (st != LEARN_MODEL_OK)
		refuse(st, ERRCODE_INVALID_TEXT_REPRESENTATION, err);
	v = make_value(bytes, len);
	pfree(bytes);
	PG_RETURN_POINTER(v);
}

/* Text output, deterministic: the same value always prints the same. */
Datum
stance_model_out(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	LearnModel	m;
	size_t		len;
	char	   *s;

	nn_pg_stance_model_open(v, &m);
	s = learn_model_to_text(&m, &len);
	if (s == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory printing a stance_model")));
	PG_RETURN_CSTRING(s);
}

/* Binary input: the stored form, validated in full. */
Datum
stance_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	size_t		len = (size_t) (buf->len - buf->cursor);
	struct varlena *v;
	LearnModel	m;

	if (len > LEARN_MODEL_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance_model is too large: %zu bytes, the limit is %zu",
						len, LEARN_MODEL_MAX_BYTES)));
	v = make_value(pq_getmsgbytes(buf, (int) len), len);
	nn_pg_stance_model_open(v, &m);
	PG_RETURN_POINTER(v);
}

/* Binary output: the stored form, which is little-endian by definition. */
Datum
stance_model_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	LearnModel	m;
	StringInfoData buf;

	nn_pg_stance_model_open(v, &m);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA(v), (int) VARSIZE_ANY_EXHDR(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Push a key. */
static void
push_key(JsonbParseState **st, const char *key)
{
	JsonbValue	k = {.type = jbvString};

	k.val.string.val = (char *) key;
	k.val.string.len = (int) strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
}

/* Push a number given as a numeric datum. */
static void
push_numeric(JsonbParseState **st, const char *key, Datum num)
{
	JsonbValue	v = {.type = jbvNumeric};

	v.val.numeric = DatumGetNumeric(num);
	push_key(st, key);
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* Push an integer member. */
static void
push_int(JsonbParseState **st, const char *key, int64 n)
{
	push_numeric(st, key, NumericGetDatum(int64_to_numeric(n)));
}

/* Push a float member, printed as float4 prints it. */
static void
push_float(JsonbParseState **st, const char *key, float f)
{
	push_numeric(st, key, DirectFunctionCall1(float4_numeric, Float4GetDatum(f)));
}

/* Push a boolean member. */
static void
push_bool(JsonbParseState **st, const char *key, bool b)
{
	JsonbValue	v = {.type = jbvBool};

	v.val.boolean = b;
	push_key(st, key);
	pushJsonbValue(st, WJB_VALUE, &v);
}

/* Push an array of names. */
static void
push_names(JsonbParseState **st, const char *key, const LearnName *list, int32 n)
{
	push_key(st, key);
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	for (int32 i = 0; i < n; i++)
	{
		JsonbValue	v = {.type = jbvString};

		v.val.string.val = list[i].s;
		v.val.string.len = (int) list[i].len;
		pushJsonbValue(st, WJB_ELEM, &v);
	}
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
}

/* Push the training settings as an object. */
static void
push_opts(JsonbParseState **st, const LearnOpts *o)
{
	push_key(st, "hyperparameters");
	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
	push_int(st, "bits", o->nbits);
	push_int(st, "passes", o->passes);
	push_float(st, "tolerance", o->tolerance);
	push_float(st, "cost", o->cost);
	push_int(st, "seed", o->seed);
	push_int(st, "buffer_rows", o->buffer_rows);
	push_int(st, "buffer_features", o->buffer_feats);
	push_bool(st, "balance", o->balance);
	pushJsonbValue(st, WJB_END_OBJECT, NULL);
}

/* stance_model_info(model): what the model holds, as jsonb. */
Datum
stance_model_info(PG_FUNCTION_ARGS)
{
	const LearnModel *m = nn_pg_stance_model_arg(fcinfo, 0);
	JsonbParseState *st = NULL;
	JsonbValue *res;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	push_int(&st, "version", LEARN_MODEL_VERSION);
	push_names(&st, "labels", m->labels, m->nlabels);
	push_names(&st, "targets", m->targets, m->ntargets);
	push_bool(&st, "targets_truncated", m->targets_truncated);
	push_int(&st, "features", (int64) 1 << m->nbits);
	push_int(&st, "training_rows", (int64) m->rows);
	push_int(&st, "skipped_rows", (int64) m->skipped);
	push_opts(&st, &m->opts);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	PG_RETURN_JSONB_P(JsonbValueToJsonb(res));
}

/* a = b: the same stored bytes, so the same labels, settings and weights. */
Datum
stance_model_eq(PG_FUNCTION_ARGS)
{
	struct varlena *a = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	struct varlena *b = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(1));

	PG_RETURN_BOOL(VARSIZE_ANY_EXHDR(a) == VARSIZE_ANY_EXHDR(b) &&
				   memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) == 0);
}
