/*
 * dictionary_cache.c
 *	  The per-backend cache of newsnlp.dictionary, the trigger that
 *	  invalidates it and the check its terms must pass (see dictionary_cache.h).
 */
#include "postgres.h"

#include "access/transam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "storage/lwlock.h"
#include "storage/proc.h"
#include "storage/procarray.h"
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

/*
 * The cache is current when no invalidation came since it was built and the
 * snapshot it was read with saw every change those invalidations announced:
 * other transactions' commits (each committed no later than need_xid, the
 * latest transaction completed when the invalidations were noted) and the
 * earlier commands of this transaction (need_cid, in transaction need_lxid).
 */
static uint64 invalidations = 1;
static uint64 noted_invalidations = 1;
static TransactionId need_xid = InvalidTransactionId;
static LocalTransactionId need_lxid = InvalidLocalTransactionId;
static CommandId need_cid = FirstCommandId;
static uint64 built_after = 0;
static bool built_fresh = false;

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

/* After new invalidations, note what a snapshot must see to see their changes. */
static void
note_invalidations(void)
{
	if (noted_invalidations == invalidations)
		return;
	noted_invalidations = invalidations;
	need_lxid = MyProc->lxid;
	need_cid = GetCurrentCommandId(false);
	LWLockAcquire(ProcArrayLock, LW_SHARED);
	need_xid = XidFromFullTransactionId(ShmemVariableCache->latestCompletedXid);
	LWLockRelease(ProcArrayLock);
}

/* True if none of n transactions has completed since the snapshot listed them. */
static bool
all_in_progress(const TransactionId *xids, int n)
{
	for (int i = 0; i < n; i++)
		if (!TransactionIdIsInProgress(xids[i]))
			return false;
	return true;
}

/*
 * True if snap sees every change of the invalidations noted so far. Those
 * transactions had all completed by the time of the note, when need_xid
 * was the latest completed. A snapshot whose latest completed (xmax - 1) is
 * later was taken after the note, since that only grows, and so sees them.
 * Otherwise it sees them if they are below its xmax and not among those it
 * counts as running: any of those that has completed since might be one.
 */
static bool
sees_noted_changes(Snapshot snap)
{
	TransactionId latest = snap->xmax;

	if (MyProc->lxid == need_lxid && snap->curcid < need_cid)
		return false;
	if (!TransactionIdIsValid(need_xid))
		return true;
	TransactionIdRetreat(latest);
	if (TransactionIdFollows(latest, need_xid))
		return true;
	return TransactionIdFollows(snap->xmax, need_xid) &&
		all_in_progress(snap->xip, snap->xcnt) &&
		all_in_progress(snap->subxip, snap->subxcnt);
}

/* The statement's snapshot; the transaction's if none is active. */
static Snapshot
statement_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : GetTransactionSnapshot();
}

/* True if this statement, reading with snap, has been given the dictionary already. */
static bool
pinned_by_statement(Snapshot snap)
{
	return MyProc->lxid == pin_lxid && GetCurrentStatementStartTimestamp() == pin_stmt &&
		snap->curcid == pin_cid;
}

/* Give the current dictionary to this statement for its duration. */
static void
pin_to_statement(Snapshot snap)
{
	pin_lxid = MyProc->lxid;
	pin_stmt = GetCurrentStatementStartTimestamp();
	pin_cid = snap->curcid;
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
 *
 * The rows are read with the statement's snapshot, as a STABLE function
 * should, and as a parallel worker can: the leader hands its workers this
 * very snapshot, so every process of a parallel query compiles the same
 * rows (a worker may not take a newer one, such as GetLatestSnapshot's).
 * That snapshot may predate a change whose invalidation already arrived (a
 * repeatable-read transaction's, a statement that began just before another
 * session's commit, or one planned before this transaction's own previous
 * command became visible): the cache then serves this statement but stays
 * marked stale, so a later statement with a newer snapshot reads the table
 * again. An error leaves the old cache in place, still marked stale.
 */
static void
rebuild(Snapshot snap)
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
	if (SPI_execute_snapshot(plan, NULL, NULL, snap, InvalidSnapshot,
							 true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading " DICT_SCHEMA "." DICT_TABLE " failed");
	d = compile_rows();
	/* nothing can fail from here until the swap */
	nn_dict_free(cached);
	cached = d;
	built_after = seen;
	built_fresh = sees_noted_changes(snap);
	SPI_finish();
}

/* The compiled dictionary for this statement. */
const NnDict *
nn_pg_dictionary(void)
{
	Snapshot	snap = statement_snapshot();

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(relcache_callback, (Datum) 0);
		callback_registered = true;
	}
	if (pinned_by_statement(snap))
		return cached;
	/* see commits of other sessions inside a transaction block, too */
	AcceptInvalidationMessages();
	note_invalidations();
	if (built_after != invalidations || !built_fresh)
		rebuild(snap);
	pin_to_statement(snap);
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
