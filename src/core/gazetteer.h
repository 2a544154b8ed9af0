/*
 * gazetteer.h
 *	  Gazetteers of countries, demonyms, cities, first names and international
 *	  organisations, looked up over token sequences. They are features for the
 *	  tagger, not a tagger: "Jordan" is a country and a first name, "Chad" and
 *	  "Paris" too, and every match is reported.
 *
 *	  The tables are static data compiled into the binary (gazetteer_data.c,
 *	  generated from data/gazetteers/ by scripts/gazetteers/), so there is
 *	  nothing to load and no state: every function is thread-safe.
 *
 *	  A name matches a run of tokens whose texts, concatenated without the
 *	  white space between them, spell the name without its white space; so a
 *	  name matches however the tokenizer cut it ("U.S." or "U.S" "."; "Guinea-
 *	  Bissau" as one token or three; Chinese names). Typographic apostrophes
 *	  (U+2019, U+02BC) match a plain one. Text is not Unicode-normalized:
 *	  the data is NFC, as news text nearly always is.
 */
#ifndef NN_GAZETTEER_H
#define NN_GAZETTEER_H

#include "nn_common.h"

/* What a match is. */
typedef enum NnGazType
{
	NN_GAZ_ORG = 1,				/* international organisation or alliance */
	NN_GAZ_COUNTRY,				/* country or territory, in many languages */
	NN_GAZ_DEMONYM,				/* nationality word; its entry is the country */
	NN_GAZ_CITY,				/* city of 15,000 people or more */
	NN_GAZ_FIRSTNAME			/* given name (US births, 1880-2024) */
} NnGazType;

/* How letter case is compared. */
typedef enum NnGazCase
{
	NN_GAZ_EXACT,				/* as written */
	NN_GAZ_FOLD					/* case-insensitively (Unicode simple case
								 * folding), except that names written
								 * without lower case (US, WHO, NATO) still
								 * match only as written */
} NnGazCase;

/* A token's text: UTF-8 bytes, not NUL-terminated. */
typedef struct NnGazToken
{
	const char *ptr;
	size_t		len;
} NnGazToken;

/* A match of a name starting at some token. */
typedef struct NnGazMatch
{
	NnGazType	type;
	int			ntokens;		/* tokens the name spans */
	uint32_t	entry;			/* canonical entry: see nn_gaz_entry() */
} NnGazMatch;

/* A canonical entry. Demonyms' entries are their countries. */
typedef struct NnGazEntry
{
	NnGazType	type;			/* ORG, COUNTRY, CITY or FIRSTNAME */
	const char *name;			/* canonical name: "United States" */
	const char *country;		/* ISO 3166-1 alpha-2 code, or "" */
	int32_t		country_entry;	/* entry of that country, or -1 */
	int			pop_bucket;		/* city: floor(log10(population)); else 0 */
	char		gender;			/* first name: 'F', 'M', or 'U' when neither
								 * sex has 90% of births; else 0 */
} NnGazEntry;

/* Names never span more tokens than this. */
#define NN_GAZ_MAX_TOKENS 12

/*
 * Report the names that start at tokens[pos] (pos < ntokens), longest first;
 * matches of one length come by type, then bigger cities first. Stores at
 * most cap matches in out and returns how many there are, which may be more.
 * Its work is bounded by the longest name, so scanning every position of a
 * text takes time linear in its length.
 */
extern int	nn_gaz_lookup_at(const NnGazToken *tokens, size_t ntokens, size_t pos,
							 NnGazCase mode, NnGazMatch *out, int cap);

/* Describe entry id into *entry; false if there is no such entry. */
extern bool nn_gaz_entry(uint32_t id, NnGazEntry *entry);

/* Canonical name of entry id, or NULL if there is no such entry. */
extern const char *nn_gaz_canonical(uint32_t id);

/* Number of canonical entries; ids run from 0 to this minus 1. */
extern uint32_t nn_gaz_entry_count(void);

/* Lower-case name of a type ("country"), or NULL. */
extern const char *nn_gaz_type_name(NnGazType type);

#endif							/* NN_GAZETTEER_H */
