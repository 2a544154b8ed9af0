/*
 * srf.h
 *	  Helpers for set-returning functions in materialize mode.
 */
#ifndef NEWSNLP_SRF_H
#define NEWSNLP_SRF_H

#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"

/*
 * A text datum built in place in one reusable buffer: tuplestore_putvalues
 * copies values into the stored tuple, so no per-row allocation is needed.
 */
typedef struct TextBuf
{
	text	   *buf;
	size_t		capacity;		/* bytes available after the header */
} TextBuf;

/* Set up materialize mode: a tuplestore and a blessed result descriptor. */
extern void nn_srf_init(FunctionCallInfo fcinfo);

/* Store one result row. */
extern void nn_srf_put(FunctionCallInfo fcinfo, Datum *values, bool *nulls);

/* Initialise an empty text buffer. */
extern void textbuf_init(TextBuf *tb);

/* Fill the buffer with s[0..len) and return it as a datum. */
extern Datum textbuf_set(TextBuf *tb, const char *s, size_t len);

#endif							/* NEWSNLP_SRF_H */
