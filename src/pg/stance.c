/*
 * stance.c
 *	  newsnlp.stance(), stance_score() and stance_at(): the built-in news
 *	  stance model towards a named target or a mention at a position. The
 *	  model is part of the library's read-only data: opening it validates it
 *	  and points into it, once per backend.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "newsnlp.h"
#include "stance.h"
#include "stance_doc.h"
#include "tagger.h"

PG_FUNCTION_INFO_V1(newsnlp_stance);
PG_FUNCTION_INFO_V1(newsnlp_stance_score);
PG_FUNCTION_INFO_V1(newsnlp_stance_at);

static StanceModel model;
static bool model_ready = false;

/* The backend's stance model; the embedded image is checked once, at first use. */
const StanceModel *
nn_pg_stance_model(void)
{
	char		err[256];

	if (model_ready)
		return &model;
	if (!stance_model_open(stance_model_blob, stance_model_blob_end - stance_model_blob,
						   &model, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("newsnlp's built-in stance model is unusable: %s", err)));
	model_ready = true;
	return &model;
}

/* Stance of the body towards the target named by the second argument. */
static StanceResult
stance_of_args(FunctionCallInfo fcinfo)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	text	   *target = PG_GETARG_TEXT_PP(1);
	const StanceModel *m;
	StanceResult r;

	nn_pg_require_utf8();
	m = nn_pg_stance_model();
	nn_pg_check_status(stance_of_target(m, nn_pg_tagger(), VARDATA_ANY(body),
										VARSIZE_ANY_EXHDR(body), VARDATA_ANY(target),
										VARSIZE_ANY_EXHDR(target), &r),
					   "stance");
	return r;
}

/* stance(body, target): 'favor', 'against' or 'none'. */
Datum
newsnlp_stance(PG_FUNCTION_ARGS)
{
	StanceResult r = stance_of_args(fcinfo);

	PG_RETURN_TEXT_P(cstring_to_text(stance_label_name(r.label)));
}

/* stance_score(body, target): P(favor) - P(against), in [-1, 1]. */
Datum
newsnlp_stance_score(PG_FUNCTION_ARGS)
{
	StanceResult r = stance_of_args(fcinfo);

	PG_RETURN_FLOAT4(r.score);
}

/* Byte offset of 1-based character position pos (which must exist) in s[0..len). */
static size_t
byte_offset(const char *s, size_t len, int32 pos)
{
	size_t		off = 0;

	for (int32 i = 1; i < pos && off < len; i++)
		off += pg_utf_mblen((const unsigned char *) s + off);
	return Min(off, len);
}

/* Reject a span that is not inside the body. */
static void
check_span(int32 pos, int32 len, int32 nchars)
{
	if (pos < 1 || len < 1 || (int64) pos + len - 1 > nchars)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("span pos %d, len %d is not inside the body of %d characters",
						pos, len, nchars),
				 errhint("pos is 1-based and len at least 1, as for substr().")));
}

/* stance_at(body, pos, len): stance towards the mention at that character span. */
Datum
newsnlp_stance_at(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		pos = PG_GETARG_INT32(1);
	int32		len = PG_GETARG_INT32(2);
	const char *s = VARDATA_ANY(body);
	size_t		n = VARSIZE_ANY_EXHDR(body);
	const StanceModel *m;
	NnSpan		span;
	StanceResult r;

	nn_pg_require_utf8();
	check_span(pos, len, pg_mbstrlen_with_len(s, (int) n));
	span.start = byte_offset(s, n, pos);
	span.end = span.start + byte_offset(s + span.start, n - span.start, len + 1);
	m = nn_pg_stance_model();
	nn_pg_check_status(stance_classify(m, &nn_pg_tagger()->model->lex, s, n, &span, 1, &r),
					   "stance");
	PG_RETURN_TEXT_P(cstring_to_text(stance_label_name(r.label)));
}
