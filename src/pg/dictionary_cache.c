/*
 * dictionary_cache.c
 *	  The per-backend cache of newsnlp.dictionary, the trigger that
 *	  invalidates it and the check its terms must pass (see dictionary_cache.h).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "storage/proc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"

#include "dictionary_cache.h"
#include "newsnlp.h"

/* The extension's schema is fixed by newsnlp.control. */
#define DICT_SCHEMA "newsnlp"
#define DICT_TABLE "dictionary"

/* Schema-qualified, and nothing in it is looked up through search_path. */
#define DICT_QUERY \
	"SELECT id, term, label, COALESCE(canonical, term) FROM " \
	DICT_SCHEMA "." DICT_TABLE " ORDER BY id"

PG_FUNCTION_INFO_V1(newsnlp_dictionary_changed);
PG_FUNCTION_INFO_V1(newsnlp_dictionary_term_ok);

static NnDict *cached = NULL;	/* malloc'd; NULL if the table was empty */
static Oid	dict_relid = InvalidOid;
static bool callback_registered = false;

/* The cache is current when no invalidation came since it was built. */
static uint64 invalidations = 1;
static uint64 built_after = 0;

/* The statement that last asked, which keeps its dictionary. */
static LocalTransactionId pin_lxid = InvalidLocalTransactionId;
static TimestampTz pin_stmt = 0;
static CommandId pin_cid = InvalidCommandId;

/* Mark the cache stale when the table (or every relation) is invalidated. */
static void
relcache_callback(Datum arg pg_attribute_unused(), Oid relid)
{
	if (relid == InvalidOid || relid == dict_relid)
		invalidations++;
}

/* True if this statement has been given the dictionary already. */
static bool
pinned_by_statement(void)
{
	return MyProc->lxid == pin_lxid && GetCurrentStatementStartTimestamp() == pin_stmt &&
		GetCurrentCommandId(false) == pin_cid;
}

/* Give the current dictionary to this statement for its duration. */
static void
pin_to_statement(void)
{
	pin_lxid = MyProc->lxid;
	pin_stmt = GetCurrentStatementStartTimestamp();
	pin_cid = GetCurrentCommandId(false);
}

/* The table's OID; an error if the extension's table is missing. */
static Oid
lookup_table(void)
{
	Oid			relid = get_relname_relid(DICT_TABLE, get_namespace_oid(DICT_SCHEMA, false));

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table " DICT_SCHEMA "." DICT_TABLE " does not exist"),
				 errhint("Reinstall the newsnlp extension.")));
	return relid;
}

/* Text column col of SPI row i as bytes; a NULL is empty, which the core refuses. */
static const char *
column_bytes(int i, int col, size_t *len)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col, &isnull);
	text	   *t;

	*len = 0;
	if (isnull)
		return "";
	t = DatumGetTextPP(d);
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* Raise the error the core gave for the rows it was compiling. */
static void
report_build_error(NnDictError err, int32 bad_row)
{
	bool		isnull;
	int64		id;

	if (err == NN_DICT_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory compiling " DICT_SCHEMA "." DICT_TABLE)));
	if (bad_row < 0)
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not compile " DICT_SCHEMA "." DICT_TABLE ": %s",
						nn_dict_error_message(err))));
	id = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[bad_row],
									 SPI_tuptable->tupdesc, 1, &isnull));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_EXCEPTION),
			 errmsg("row %lld of " DICT_SCHEMA "." DICT_TABLE " cannot be used: %s",
					(long long) id, nn_dict_error_message(err)),
			 errhint("Correct or delete the row.")));
}

/* Compile the rows SPI fetched; NULL if there are none. */
static NnDict *
compile_rows(void)
{
	uint64		n = SPI_processed;
	NnDictEntry *e;
	NnDict	   *d;
	int32		bad_row;
	NnDictError err;

	if (n == 0)
		return NULL;
	if (n > PG_INT32_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg(DICT_SCHEMA "." DICT_TABLE " has too many rows (%llu)",
						(unsigned long long) n)));
	e = palloc_extended(sizeof(NnDictEntry) * n, MCXT_ALLOC_HUGE);
	for (uint64 i = 0; i < n; i++)
	{
		e[i].term = column_bytes((int) i, 2, &e[i].term_len);
		e[i].label = column_bytes((int) i, 3, &e[i].label_len);
		e[i].canonical = column_bytes((int) i, 4, &e[i].canonical_len);
	}
	err = nn_dict_build(e, (int32) n, &d, &bad_row);
	if (err != NN_DICT_OK)
		report_build_error(err, bad_row);
	return d;
}

/*
 * Read and compile the table, then swap the result in for the old cache.
 * The latest snapshot, not the transaction's, so that a cache built inside
 * a repeatable-read transaction is not stale once it ends. An error leaves
 * the old cache in place, still marked stale.
 */
static void
rebuild(void)
{
	uint64		seen = invalidations;
	SPIPlanPtr	plan;
	NnDict	   *d;

	dict_relid = lookup_table();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	plan = SPI_prepare(DICT_QUERY, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_execute_snapshot(plan, NULL, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading " DICT_SCHEMA "." DICT_TABLE " failed");
	d = compile_rows();
	/* nothing can fail from here until the swap */
	nn_dict_free(cached);
	cached = d;
	built_after = seen;
	SPI_finish();
}

/* The compiled dictionary for this statement. */
const NnDict *
nn_pg_dictionary(void)
{
	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	if (pinned_by_statement())
		return cached;
	/* see commits of other sessions inside a transaction block, too */
	AcceptInvalidationMessages();
	if (built_after != invalidations)
		rebuild();
	pin_to_statement();
	return cached;
}

/* Trigger: make every backend drop its cached dictionary once this commits. */
Datum
newsnlp_dictionary_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("newsnlp.dictionary_changed() must be called as a trigger")));
	CacheInvalidateRelcacheByRelid(RelationGetRelid(trigdata->tg_relation));
	return PointerGetDatum(NULL);
}

/* True if a term has a letter or digit of any script, whatever the locale. */
Datum
newsnlp_dictionary_term_ok(PG_FUNCTION_ARGS)
{
	text	   *term = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(nn_dict_has_word(VARDATA_ANY(term), VARSIZE_ANY_EXHDR(term)));
}
