/*
 * newsnlp.h
 *	  Declarations shared by the PostgreSQL layer of newsnlp.
 */
#ifndef NEWSNLP_PG_H
#define NEWSNLP_PG_H

#include "postgres.h"

#include "fmgr.h"

/* Raise feature_not_supported unless the database encoding is UTF8. */
extern void nn_pg_require_utf8(void);

/* Raise an error for a core status other than NN_OK. */
extern void nn_pg_check_status(int status, const char *what);

#endif							/* NEWSNLP_PG_H */
