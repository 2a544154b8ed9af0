/*
 * gazetteer_data.h
 *	  Layout of the gazetteer tables that scripts/gazetteers/gen_c.py writes
 *	  into gazetteer_data.c. Only gazetteer.c and its tests read them; gen_c.py
 *	  explains how keys are made and ordered.
 */
#ifndef NN_GAZETTEER_DATA_H
#define NN_GAZETTEER_DATA_H

#include "nn_common.h"

/* Limits gen_c.py checks the data against (its KEY_MAX, RUN_MAX, REF_ID_BITS). */
#define NN_GAZ_KEY_MAX 255		/* bytes of a key, raw or folded */
#define NN_GAZ_RUN_MAX 128		/* references of the forms of one folded key */
#define NN_GAZ_REF_ID_BITS 20	/* a reference is type << 20 | entry id */

/* One canonical entry. */
typedef struct NnGazEntryRow
{
	uint32_t	name;			/* offset of the canonical name in the pool */
	int32_t		country;		/* entry id of its country, or -1 */
	uint8_t		type;			/* NnGazType: ORG, COUNTRY, CITY, FIRSTNAME */
	char		attr;			/* population bucket digit, gender letter, or 0 */
	char		cc[3];			/* ISO 3166-1 alpha-2 code, or "" */
} NnGazEntryRow;

/* One distinct key and what it refers to. */
typedef struct NnGazForm
{
	uint32_t	key;			/* offset of the NUL-terminated key in the pool */
	uint32_t	ref;			/* the reference if nrefs is 1, else the index
								 * of the first in nn_gaz_refs */
	uint16_t	nrefs;
	uint8_t		exact_only;		/* written without lower case: no folding */
} NnGazForm;

/* NUL-terminated canonical names and keys, back to back. */
extern const char nn_gaz_strings[];

extern const NnGazEntryRow nn_gaz_entry_rows[];
extern const uint32_t nn_gaz_nentries;

/* Forms sorted by folded key, then by key (bytewise). */
extern const NnGazForm nn_gaz_forms[];
extern const uint32_t nn_gaz_nforms;

/* References of forms that have more than one, sorted. */
extern const uint32_t nn_gaz_refs[];

#endif							/* NN_GAZETTEER_DATA_H */
