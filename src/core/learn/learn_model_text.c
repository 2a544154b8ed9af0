/*
 * learn_model_text.c
 *	  The text form of a stored classifier (see learn_model.h): printing,
 *	  and a strict parser that accepts each line only in the printed order
 *	  and shape, then validates the result as stored bytes are validated.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn_model.h"

/* Keys of the text form's lines, in order. */
static const char *const text_keys[] = {
	"newsnlp.stance_model", "bits", "labels", "targets", "targets_truncated", "rows",
	"skipped", "passes", "tolerance", "cost", "seed", "buffer_rows", "buffer_feats", "balance",
	"weights"
};

enum
{
	K_VERSION, K_BITS, K_LABELS, K_TARGETS, K_TRUNCATED, K_ROWS, K_SKIPPED, K_PASSES,
	K_TOLERANCE, K_COST, K_SEED, K_BUFFER_ROWS, K_BUFFER_FEATS, K_BALANCE, K_WEIGHTS, K_COUNT
};

/* A growing text buffer from nn_alloc. */
typedef struct Buf
{
	char	   *s;
	size_t		len;
	size_t		cap;
	bool		ok;
} Buf;

/* Make room for n more bytes and the terminator. */
static bool
reserve(Buf *b, size_t n)
{
	size_t		cap;
	char	   *p;

	if (!b->ok)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	cap = (b->len + n + 1) * 2;
	p = b->s ? nn_resize(b->s, cap) : nn_alloc(cap);
	if (p == NULL)
		return b->ok = false;
	b->s = p;
	b->cap = cap;
	return true;
}

static void append(Buf *b, const char *fmt,...) __attribute__((format(printf, 2, 3)));

/* Append formatted text. */
static void
append(Buf *b, const char *fmt,...)
{
	va_list		ap;
	char		tmp[128];
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (reserve(b, (size_t) n))
	{
		memcpy(b->s + b->len, tmp, (size_t) n + 1);
		b->len += (size_t) n;
	}
}

/* True for bytes a name keeps as they are. */
static bool
plain(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		c == '-' || c == '_' || c == '.' || c == '~';
}

/* Append a list of names: count, then each percent-encoded after a space. */
static void
append_names(Buf *b, const char *key, const LearnName *list, int32_t n)
{
	append(b, "%s %d", key, n);
	for (int32_t i = 0; i < n; i++)
	{
		append(b, " ");
		for (uint32_t j = 0; j < list[i].len; j++)
		{
			unsigned char c = (unsigned char) list[i].s[j];

			if (plain(c))
				append(b, "%c", c);
			else
				append(b, "%%%02X", c);
		}
	}
	append(b, "\n");
}

/* Append the shortest %g form of f that reads back to f. */
static void
append_float(Buf *b, const char *key, float f)
{
	char		tmp[48];

	for (int digits = 1; digits <= 9; digits++)
	{
		snprintf(tmp, sizeof(tmp), "%.*g", digits, (double) f);
		if (strtof(tmp, NULL) == f)
			break;
	}
	append(b, "%s %s\n", key, tmp);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Append bytes as base64 with padding. */
static void
append_base64(Buf *b, const unsigned char *p, size_t n)
{
	char	   *o;

	if (!reserve(b, (n + 2) / 3 * 4))
		return;
	o = b->s + b->len;
	for (size_t i = 0; i < n; i += 3)
	{
		uint32_t	v = (uint32_t) p[i] << 16 | (i + 1 < n ? (uint32_t) p[i + 1] << 8 : 0) |
			(i + 2 < n ? p[i + 2] : 0);

		*o++ = b64[v >> 18];
		*o++ = b64[(v >> 12) & 63];
		*o++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		*o++ = i + 2 < n ? b64[v & 63] : '=';
	}
	b->len = (size_t) (o - b->s);
	*o = 0;
}

/* Text form of a validated model (see learn_model.h). */
char *
learn_model_to_text(const LearnModel *m, size_t *len)
{
	Buf			b = {.ok = true};
	const LearnOpts *o = &m->opts;

	append(&b, "%s %d\n%s %u\n", text_keys[K_VERSION], LEARN_MODEL_VERSION,
		   text_keys[K_BITS], m->nbits);
	append_names(&b, text_keys[K_LABELS], m->labels, m->nlabels);
	append_names(&b, text_keys[K_TARGETS], m->targets, m->ntargets);
	append(&b, "%s %d\n", text_keys[K_TRUNCATED], m->targets_truncated ? 1 : 0);
	append(&b, "%s %llu\n", text_keys[K_ROWS], (unsigned long long) m->rows);
	append(&b, "%s %llu\n", text_keys[K_SKIPPED], (unsigned long long) m->skipped);
	append(&b, "%s %u\n", text_keys[K_PASSES], o->passes);
	append_float(&b, text_keys[K_TOLERANCE], o->tolerance);
	append_float(&b, text_keys[K_COST], o->cost);
	append(&b, "%s %u\n%s %u\n%s %u\n%s %d\n", text_keys[K_SEED], o->seed,
		   text_keys[K_BUFFER_ROWS], o->buffer_rows, text_keys[K_BUFFER_FEATS],
		   o->buffer_feats, text_keys[K_BALANCE], o->balance ? 1 : 0);
	append(&b, "%s ", text_keys[K_WEIGHTS]);
	append_base64(&b, (const unsigned char *) m->weights[0],
				  learn_model_weights_bytes(m->nbits, m->nlabels));
	if (!b.ok)
	{
		nn_release(b.s);
		return NULL;
	}
	*len = b.len;
	return b.s;
}

/* A line of the text form being read: its value after "key ". */
typedef struct Line
{
	const char *v;
	size_t		len;
} Line;

/* Cursor over the text form. */
typedef struct Reader
{
	const char *p;
	const char *end;
	char	   *err;
} Reader;

/* Read the next line, which must be "key value"; false (err set) if not. */
static bool
next_line(Reader *r, int key, Line *line)
{
	size_t		klen = strlen(text_keys[key]);
	const char *nl = memchr(r->p, '\n', (size_t) (r->end - r->p));
	const char *stop = nl ? nl : r->end;

	if (r->p >= r->end || (size_t) (stop - r->p) <= klen ||
		memcmp(r->p, text_keys[key], klen) != 0 || r->p[klen] != ' ')
	{
		learn_model_refuse(r->err, LEARN_MODEL_BAD, "expected a line \"%s ...\"", text_keys[key]);
		return false;
	}
	line->v = r->p + klen + 1;
	line->len = (size_t) (stop - line->v);
	r->p = nl ? nl + 1 : r->end;
	return true;
}

/* Parse a decimal number up to max: digits only, no leading zero. */
static bool
parse_uint(Reader *r, int key, const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t	v = 0;

	if (len == 0 || len > 20 || (s[0] == '0' && len > 1))
		goto bad;
	for (size_t i = 0; i < len; i++)
	{
		uint64_t	digit = (uint64_t) (s[i] - '0');

		if (s[i] < '0' || s[i] > '9' || digit > max || v > (max - digit) / 10)
			goto bad;
		v = v * 10 + digit;
	}
	*out = v;
	return true;
bad:
	learn_model_refuse(r->err, LEARN_MODEL_BAD, "%s must be a whole number up to %llu",
					   text_keys[key], (unsigned long long) max);
	return false;
}

/* Read a "key number" line. */
static bool
read_uint(Reader *r, int key, uint64_t max, uint64_t *out)
{
	Line		l;

	return next_line(r, key, &l) && parse_uint(r, key, l.v, l.len, max, out);
}

/* Read a "key float" line: finite, not negative, in %.9g's form. */
static bool
read_float(Reader *r, int key, float *out)
{
	Line		l;
	char		tmp[48];
	char	   *end;

	if (!next_line(r, key, &l))
		return false;
	if (l.len == 0 || l.len >= sizeof(tmp))
		goto bad;
	memcpy(tmp, l.v, l.len);
	tmp[l.len] = 0;
	if (strspn(tmp, "0123456789.e+-") != l.len)
		goto bad;
	*out = strtof(tmp, &end);
	if (*end != 0 || !isfinite(*out) || *out < 0)
		goto bad;
	return true;
bad:
	learn_model_refuse(r->err, LEARN_MODEL_BAD, "%s must be a finite number not below 0",
					   text_keys[key]);
	return false;
}

/* Value of a hex digit in upper case, or -1. */
static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode one percent-encoded name s[0..len) into out; its length or -1. */
static int64_t
decode_name(const char *s, size_t len, char *out)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '%' && i + 2 < len && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0)
		{
			out[n++] = (char) (hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		}
		else if (plain(c))
			out[n++] = (char) c;
		else
			return -1;
	}
	return n > LEARN_MAX_NAME ? -1 : (int64_t) n;
}

/* Read a "key count name..." line into list, decoding into *store. */
static bool
read_names(Reader *r, int key, int32_t max, LearnName *list, int32_t *n, char **store)
{
	Line		l;
	const char *sp;
	const char *p;
	const char *end;
	uint64_t	count;

	if (!next_line(r, key, &l))
		return false;
	end = l.v + l.len;
	sp = memchr(l.v, ' ', l.len);
	if (!parse_uint(r, key, l.v, (size_t) ((sp ? sp : end) - l.v), (uint64_t) max, &count))
		return false;
	p = sp ? sp + 1 : end;
	if ((count == 0) != (sp == NULL))
		goto bad;
	for (uint64_t i = 0; i < count; i++)
	{
		const char *stop = memchr(p, ' ', (size_t) (end - p));
		int64_t		len;

		if (stop == NULL)
			stop = end;
		if ((i + 1 < count) != (stop < end))
			goto bad;
		len = decode_name(p, (size_t) (stop - p), *store);
		if (len < 0)
			goto bad;
		list[i].s = *store;
		list[i].len = (uint32_t) len;
		*store += len;
		p = stop + 1;
	}
	*n = (int32_t) count;
	return true;
bad:
	learn_model_refuse(r->err, LEARN_MODEL_BAD,
					   "%s must be a count and as many percent-encoded names", text_keys[key]);
	return false;
}

/* Value of a base64 digit, or -1. */
static int
b64_value(char c)
{
	const char *p = c ? strchr(b64, c) : NULL;

	return p ? (int) (p - b64) : -1;
}

/* Decode canonical base64 s[0..len) into exactly want bytes at out. */
static bool
decode_base64(const char *s, size_t len, unsigned char *out, size_t want)
{
	size_t		pad = (3 - want % 3) % 3;
	size_t		n = 0;

	if (len != (want + 2) / 3 * 4)
		return false;
	for (size_t i = 0; i < len; i += 4)
	{
		uint32_t	v = 0;

		for (int k = 0; k < 4; k++)
		{
			bool		padding = i + 4 == len && (size_t) k >= 4 - pad;
			int			d = padding ? (s[i + k] == '=' ? 0 : -1) : b64_value(s[i + k]);

			if (d < 0)
				return false;
			v = v << 6 | (uint32_t) d;
		}
		for (int k = 0; k < 3; k++)
		{
			unsigned char byte = (unsigned char) (v >> (16 - 8 * k));

			if (n < want)
				out[n++] = byte;
			else if (byte != 0)
				return false;	/* bits under the padding must be zero */
		}
	}
	return true;
}

/* Read the header lines up to the targets into m. */
static bool
read_head(Reader *r, LearnModel *m, char **store)
{
	uint64_t	v;

	if (!read_uint(r, K_VERSION, UINT32_MAX, &v))
		return false;
	if (v != LEARN_MODEL_VERSION)
		return learn_model_refuse(r->err, LEARN_MODEL_BAD, "unsupported stance_model version %llu",
								  (unsigned long long) v), false;
	if (!read_uint(r, K_BITS, LEARN_MAX_BITS, &v))
		return false;
	if (v < LEARN_MIN_BITS)
		return learn_model_refuse(r->err, LEARN_MODEL_BAD, "bits %llu is below %d",
								  (unsigned long long) v, LEARN_MIN_BITS), false;
	m->nbits = (uint32_t) v;
	if (!read_names(r, K_LABELS, LEARN_MAX_LABELS, m->labels, &m->nlabels, store) ||
		!read_names(r, K_TARGETS, LEARN_MAX_TARGETS, m->targets, &m->ntargets, store) ||
		!read_uint(r, K_TRUNCATED, 1, &v))
		return false;
	m->targets_truncated = v == 1;
	if (m->nlabels < 2)
		return learn_model_refuse(r->err, LEARN_MODEL_BAD, "a model needs at least two labels"), false;
	return true;
}

/* Read the counts and training settings into m. */
static bool
read_settings(Reader *r, LearnModel *m)
{
	uint64_t	v[5];
	LearnOpts  *o = &m->opts;

	if (!read_uint(r, K_ROWS, UINT64_MAX, &m->rows) ||
		!read_uint(r, K_SKIPPED, UINT64_MAX, &m->skipped) ||
		!read_uint(r, K_PASSES, UINT32_MAX, &v[0]) ||
		!read_float(r, K_TOLERANCE, &o->tolerance) || !read_float(r, K_COST, &o->cost) ||
		!read_uint(r, K_SEED, UINT32_MAX, &v[1]) ||
		!read_uint(r, K_BUFFER_ROWS, UINT32_MAX, &v[2]) ||
		!read_uint(r, K_BUFFER_FEATS, UINT32_MAX, &v[3]) ||
		!read_uint(r, K_BALANCE, 1, &v[4]))
		return false;
	o->nbits = m->nbits;
	o->passes = (uint32_t) v[0];
	o->seed = (uint32_t) v[1];
	o->buffer_rows = (uint32_t) v[2];
	o->buffer_feats = (uint32_t) v[3];
	o->balance = v[4] == 1;
	return true;
}

/* Read the weights line into a new buffer at *weights. */
static LearnModelStatus
read_weights(Reader *r, LearnModel *m, float **weights)
{
	size_t		want = learn_model_weights_bytes(m->nbits, m->nlabels);
	Line		l;

	if (want > LEARN_MODEL_MAX_BYTES)
		return learn_model_refuse(r->err, LEARN_MODEL_TOO_BIG,
								  "a model of %d labels and %u bits is over %zu bytes",
								  m->nlabels, m->nbits, LEARN_MODEL_MAX_BYTES);
	if (!next_line(r, K_WEIGHTS, &l))
		return LEARN_MODEL_BAD;
	if (r->p != r->end)
		return learn_model_refuse(r->err, LEARN_MODEL_BAD, "text continues after the weights");
	if (l.len != (want + 2) / 3 * 4)
		return learn_model_refuse(r->err, LEARN_MODEL_BAD,
								  "weights must be canonical base64 of %zu bytes", want);
	if ((*weights = nn_alloc(want)) == NULL)
		return LEARN_MODEL_NOMEM;
	if (!decode_base64(l.v, l.len, (unsigned char *) *weights, want))
		return learn_model_refuse(r->err, LEARN_MODEL_BAD,
								  "weights must be canonical base64 of %zu bytes", want);
	for (int32_t k = 0; k < m->nlabels; k++)
		m->weights[k] = *weights + ((size_t) k << m->nbits);
	return LEARN_MODEL_OK;
}

/* Parse the text form (see learn_model.h). */
LearnModelStatus
learn_model_from_text(const char *text, size_t len, char **out, size_t *outlen, char *err)
{
	Reader		r = {text, text + len, err};
	LearnModel	m;
	char	   *names = NULL;
	char	   *store;
	float	   *weights = NULL;
	LearnModelStatus st = LEARN_MODEL_BAD;

	memset(&m, 0, sizeof(m));
	*out = NULL;
	if (len > 2 * LEARN_MODEL_MAX_BYTES)
		return learn_model_refuse(err, LEARN_MODEL_TOO_BIG, "text of %zu bytes is over the limit", len);
	if ((names = store = nn_alloc(len + 1)) == NULL)
		return LEARN_MODEL_NOMEM;
	if (read_head(&r, &m, &store) && read_settings(&r, &m) &&
		(st = read_weights(&r, &m, &weights)) == LEARN_MODEL_OK)
	{
		*outlen = learn_model_stored_size(&m);
		if ((*out = nn_alloc(*outlen)) == NULL)
			st = LEARN_MODEL_NOMEM;
		else
			learn_model_store(&m, *out);
	}
	nn_release(names);
	nn_release(weights);
	if (st == LEARN_MODEL_OK)
		st = learn_model_open(*out, *outlen, &m, err);
	if (st != LEARN_MODEL_OK)
	{
		nn_release(*out);
		*out = NULL;
	}
	return st;
}
