/*
 * newsnlp.c
 *	  Module entry points and checks shared by every SQL function.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "storage/ipc.h"

#include "icu_cache.h"
#include "newsnlp.h"
#include "nn_common.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Let the core's long loops honour statement_timeout and cancel requests. */
static void
pg_interrupt_hook(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* Close cached ICU objects as the backend exits, so leak checkers stay quiet. */
static void
release_at_exit(int code pg_attribute_unused(), Datum arg pg_attribute_unused())
{
	nn_icu_release();
}

/* Per-call core memory in the current context: an error releases it too. */
static void *
pg_alloc(size_t size)
{
	return palloc_extended(size, MCXT_ALLOC_HUGE);
}

/* Resize per-call core memory. */
static void *
pg_resize(void *ptr, size_t size)
{
	return repalloc_huge(ptr, size);
}

/* Release per-call core memory. */
static void
pg_release(void *ptr)
{
	pfree(ptr);
}

/* Install the core's hooks and the exit callback once per backend. */
void
_PG_init(void)
{
	nn_interrupt_hook = pg_interrupt_hook;
	nn_allocator.alloc = pg_alloc;
	nn_allocator.resize = pg_resize;
	nn_allocator.release = pg_release;
	on_proc_exit(release_at_exit, (Datum) 0);
}

/* The core reads UTF-8 only; other encodings would give wrong positions. */
void
nn_pg_require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("newsnlp requires a UTF8 database, but the database encoding is %s",
						GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

/* Map a failed core status to an error naming what failed. */
void
nn_pg_check_status(int status, const char *what)
{
	if (status == NN_OK)
		return;
	if (status == NN_ERR_NOMEM)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in %s", what)));
	ereport(ERROR,
			(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
			 errmsg("ICU failed in %s", what)));
}
