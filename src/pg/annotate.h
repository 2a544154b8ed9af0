/*
 * annotate.h
 *	  The jsonb document of newsnlp.annotate(), shared with the tag() trigger.
 */
#ifndef NEWSNLP_ANNOTATE_H
#define NEWSNLP_ANNOTATE_H

#include "postgres.h"

#include "utils/jsonb.h"

/* {"entities": [...], "quotes": [...]} of a text, from one analysis pass. */
extern Jsonb *nn_pg_annotate(text *body);

#endif							/* NEWSNLP_ANNOTATE_H */
