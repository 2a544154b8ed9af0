/*
 * gazetteer.c
 *	  Lookup in the gazetteer tables (see gazetteer.h and gazetteer_data.h).
 *	  The forms are sorted by folded key, so the search for the names that
 *	  start at a token narrows one range of forms token by token, as a walk
 *	  down a trie would, and stops as soon as no key starts with the text so
 *	  far: most positions cost one binary search.
 */
#include <string.h>

#include <unicode/uchar.h>

#include "gazetteer.h"
#include "gazetteer_data.h"
#include "utf8.h"

/* The key of the tokens read so far, as written and folded. */
typedef struct GazKey
{
	char		raw[NN_GAZ_KEY_MAX];
	char		fold[NN_GAZ_KEY_MAX];
	size_t		rawlen;
	size_t		foldlen;
	bool		full;			/* longer than any key: nothing more can match */
} GazKey;

/* A range [lo, hi) of forms. */
typedef struct FormRange
{
	uint32_t	lo;
	uint32_t	hi;
} FormRange;

static const char *const type_names[] = {
	NULL, "org", "country", "demonym", "city", "firstname"
};

/* True for the white space that gen_c.py leaves out of keys. */
static bool
is_key_space(int32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x20 ||
		cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x3000;
}

/* Case-fold a code point as gen_c.py does; ASCII without a call into ICU. */
static int32_t
fold_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
	return u_foldCase(cp, U_FOLD_CASE_DEFAULT);
}

/* Write cp as UTF-8 to buf (4 bytes of room); returns the byte count. */
static int
utf8_encode(int32_t cp, char *buf)
{
	if (cp < 0x80)
	{
		buf[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		buf[0] = (char) (0xC0 | (cp >> 6));
		buf[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		buf[0] = (char) (0xE0 | (cp >> 12));
		buf[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	buf[0] = (char) (0xF0 | (cp >> 18));
	buf[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	buf[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	buf[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* Append cp's UTF-8 to a key buffer; false if it does not fit. */
static bool
put_cp(char *buf, size_t *len, int32_t cp)
{
	char		bytes[4];
	int			n = utf8_encode(cp, bytes);

	if (*len + n > NN_GAZ_KEY_MAX)
		return false;
	memcpy(buf + *len, bytes, n);
	*len += n;
	return true;
}

/* Append a token's text to the key, both as written and folded. */
static void
key_append(GazKey *key, const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len && !key->full)
	{
		int			width;
		int32_t		cp = nn_utf8_decode(s, len, i, &width);

		i += width;
		if (is_key_space(cp))
			continue;
		if (cp == 0x2019 || cp == 0x02BC)
			cp = '\'';
		if (!put_cp(key->raw, &key->rawlen, cp) ||
			!put_cp(key->fold, &key->foldlen, fold_cp(cp)))
			key->full = true;
	}
}

/*
 * Compare the folded key of form idx with q[0..qlen) as memcmp orders byte
 * strings; with prefix, only whether the key starts with q counts (0). The
 * key is folded as far as it is compared: most compares end at its first
 * byte.
 */
static int
cmp_form(uint32_t idx, const char *q, size_t qlen, bool prefix)
{
	const char *s = nn_gaz_strings + nn_gaz_forms[idx].key;
	size_t		i = 0;

	while (*s)
	{
		char		buf[4];
		int			n = 1;

		if ((unsigned char) *s < 0x80)
			buf[0] = (char) fold_cp((unsigned char) *s++);
		else
		{
			int			width;

			/* keys are valid UTF-8, so decoding stops at their NUL */
			n = utf8_encode(fold_cp(nn_utf8_decode(s, NN_GAZ_KEY_MAX, 0, &width)), buf);
			s += width;
		}
		for (int k = 0; k < n; k++, i++)
		{
			if (i == qlen)
				return prefix ? 0 : 1;
			if (buf[k] != q[i])
				return (unsigned char) buf[k] < (unsigned char) q[i] ? -1 : 1;
		}
	}
	return i < qlen ? -1 : 0;
}

/* Narrow r to the forms whose folded key starts with q; false if none does. */
static bool
narrow(FormRange *r, const char *q, size_t qlen)
{
	uint32_t	lo = r->lo;
	uint32_t	hi = r->hi;

	/* first form whose key is not less than q */
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (cmp_form(mid, q, qlen, false) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	r->lo = lo;
	/* keys from there on are >= q, so those that start with q come first */
	hi = r->hi;
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;

		if (cmp_form(mid, q, qlen, true) == 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	r->hi = lo;
	return r->lo < r->hi;
}

/* The forms of r whose folded key is q itself: they open the range. */
static FormRange
equal_run(const FormRange *r, const char *q, size_t qlen)
{
	FormRange	run = {r->lo, r->lo};

	while (run.hi < r->hi && cmp_form(run.hi, q, qlen, false) == 0)
		run.hi++;
	return run;
}

/* True if form idx's key is raw[0..rawlen) exactly. */
static bool
form_is(uint32_t idx, const char *raw, size_t rawlen)
{
	const char *s = nn_gaz_strings + nn_gaz_forms[idx].key;

	return strlen(s) == rawlen && memcmp(s, raw, rawlen) == 0;
}

/* Insert ref into the sorted set refs[0..*n), unless it is there already. */
static void
add_ref(uint32_t *refs, int *n, uint32_t ref)
{
	int			i = *n;

	while (i > 0 && refs[i - 1] > ref)
		i--;
	if (i > 0 && refs[i - 1] == ref)
		return;
	memmove(refs + i + 1, refs + i, (*n - i) * sizeof(uint32_t));
	refs[i] = ref;
	(*n)++;
}

/* Collect the references of the forms of run that mode accepts. */
static int
collect_refs(FormRange run, const char *raw, size_t rawlen, NnGazCase mode,
			 uint32_t *refs)
{
	int			n = 0;

	for (uint32_t idx = run.lo; idx < run.hi; idx++)
	{
		const NnGazForm *f = &nn_gaz_forms[idx];

		if ((mode == NN_GAZ_EXACT || f->exact_only) && !form_is(idx, raw, rawlen))
			continue;
		if (f->nrefs == 1)
			add_ref(refs, &n, f->ref);
		else
			for (uint32_t k = 0; k < f->nrefs; k++)
				add_ref(refs, &n, nn_gaz_refs[f->ref + k]);
	}
	return n;
}

/* Store the matches of one length after the first total; returns the new total. */
static int
emit_refs(const uint32_t *refs, int nrefs, int ntokens, NnGazMatch *out,
		  int cap, int total)
{
	for (int i = 0; i < nrefs; i++)
	{
		if (total < cap)
		{
			out[total].type = (NnGazType) (refs[i] >> NN_GAZ_REF_ID_BITS);
			out[total].ntokens = ntokens;
			out[total].entry = refs[i] & ((1u << NN_GAZ_REF_ID_BITS) - 1);
		}
		total++;
	}
	return total;
}

/* Report the names starting at tokens[pos], longest first (see gazetteer.h). */
int
nn_gaz_lookup_at(const NnGazToken *tokens, size_t ntokens, size_t pos,
				 NnGazCase mode, NnGazMatch *out, int cap)
{
	GazKey		key;
	FormRange	range = {0, nn_gaz_nforms};
	FormRange	runs[NN_GAZ_MAX_TOKENS];
	size_t		rawlens[NN_GAZ_MAX_TOKENS];
	uint32_t	refs[NN_GAZ_RUN_MAX];
	int			longest = 0;
	int			total = 0;

	key.rawlen = key.foldlen = 0;
	key.full = false;
	for (int n = 1; n <= NN_GAZ_MAX_TOKENS && pos + n <= ntokens; n++)
	{
		size_t		before = key.foldlen;

		key_append(&key, tokens[pos + n - 1].ptr, tokens[pos + n - 1].len);
		if (key.full || !narrow(&range, key.fold, key.foldlen))
			break;
		/* a token that adds nothing to the key would repeat the last match */
		runs[n - 1] = (FormRange) {range.lo, range.lo};
		if (key.foldlen > before)
			runs[n - 1] = equal_run(&range, key.fold, key.foldlen);
		rawlens[n - 1] = key.rawlen;
		longest = n;
	}
	for (int n = longest; n >= 1; n--)
	{
		int			nrefs = collect_refs(runs[n - 1], key.raw, rawlens[n - 1],
										 mode, refs);

		total = emit_refs(refs, nrefs, n, out, cap, total);
	}
	return total;
}

/* Describe entry id (see gazetteer.h). */
bool
nn_gaz_entry(uint32_t id, NnGazEntry *entry)
{
	const NnGazEntryRow *row;

	if (id >= nn_gaz_nentries)
		return false;
	row = &nn_gaz_entry_rows[id];
	entry->type = (NnGazType) row->type;
	entry->name = nn_gaz_strings + row->name;
	entry->country = row->cc;
	entry->country_entry = row->country;
	entry->pop_bucket = 0;
	entry->gender = 0;
	if (row->type == NN_GAZ_CITY)
		entry->pop_bucket = row->attr - '0';
	else if (row->type == NN_GAZ_FIRSTNAME)
		entry->gender = row->attr;
	return true;
}

/* Canonical name of entry id, or NULL. */
const char *
nn_gaz_canonical(uint32_t id)
{
	if (id >= nn_gaz_nentries)
		return NULL;
	return nn_gaz_strings + nn_gaz_entry_rows[id].name;
}

/* Number of canonical entries. */
uint32_t
nn_gaz_entry_count(void)
{
	return nn_gaz_nentries;
}

/* Lower-case name of a type, or NULL. */
const char *
nn_gaz_type_name(NnGazType type)
{
	if (type < NN_GAZ_ORG || type > NN_GAZ_FIRSTNAME)
		return NULL;
	return type_names[type];
}
