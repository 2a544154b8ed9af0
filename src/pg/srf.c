/*
 * srf.c
 *	  Materialize-mode set-returning function helpers (see srf.h).
 */
#include "postgres.h"

#include "funcapi.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "srf.h"

#if PG_VERSION_NUM < 150000
/* PostgreSQL 13 and 14 lack InitMaterializedSRF(); this does the same. */
static void
init_materialized_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext per_query = rsinfo->econtext->ecxt_per_query_memory;
	MemoryContext old;
	TupleDesc	tupdesc;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		!(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("materialize mode required, but it is not allowed in this context")));
	old = MemoryContextSwitchTo(per_query);
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tuplestore_begin_heap(true, false, work_mem);
	rsinfo->setDesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
	MemoryContextSwitchTo(old);
}
#endif

/*
 * Set up materialize mode for this call. The executor's expected row type,
 * when it gives one, saves looking up the function's result type, which
 * would leave its scratch memory in the per-query context on every call: a
 * leak per row of a query that calls the function once per row.
 */
void
nn_srf_init(FunctionCallInfo fcinfo)
{
#if PG_VERSION_NUM >= 150000
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
						rsinfo->expectedDesc != NULL ? MAT_SRF_USE_EXPECTED_DESC : 0);
#else
	init_materialized_srf(fcinfo);
#endif
}

/* Store one result row in the call's tuplestore. */
void
nn_srf_put(FunctionCallInfo fcinfo, Datum *values, bool *nulls)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/* Initialise an empty text buffer. */
void
textbuf_init(TextBuf *tb)
{
	tb->capacity = 256;
	tb->buf = (text *) palloc(VARHDRSZ + tb->capacity);
}

/* Fill the buffer, growing it for long values (a token may be megabytes). */
Datum
textbuf_set(TextBuf *tb, const char *s, size_t len)
{
	if (len > tb->capacity)
	{
		tb->capacity = Max(len, tb->capacity * 2);
		tb->buf = (text *) repalloc_huge(tb->buf, VARHDRSZ + tb->capacity);
	}
	memcpy(VARDATA(tb->buf), s, len);
	SET_VARSIZE(tb->buf, VARHDRSZ + len);
	return PointerGetDatum(tb->buf);
}
