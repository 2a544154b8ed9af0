/*
 * learn_model.c
 *	  The stored and text forms of a trained classifier (see learn_model.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "learn_model.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the stored model's weights are read in place: little-endian hosts only"
#endif

static const char magic[4] = {'N', 'N', 'S', 'M'};

/* Set err to a formatted reason and return status. */
LearnModelStatus
learn_model_refuse(char *err, LearnModelStatus status, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(err, LEARN_MODEL_ERRLEN, fmt, ap);
	va_end(ap);
	return status;
}

/* Read a little-endian u32. */
static uint32_t
get_u32(const char *p)
{
	const unsigned char *b = (const unsigned char *) p;

	return (uint32_t) b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
}

/* Read a little-endian u64. */
static uint64_t
get_u64(const char *p)
{
	return (uint64_t) get_u32(p) | (uint64_t) get_u32(p + 4) << 32;
}

/* Read a little-endian f32. */
static float
get_f32(const char *p)
{
	uint32_t	u = get_u32(p);
	float		f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

/* Write a little-endian u32; returns the next position. */
static char *
put_u32(char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (char) (v >> (8 * i));
	return p + 4;
}

/* Write a little-endian u64. */
static char *
put_u64(char *p, uint64_t v)
{
	return put_u32(put_u32(p, (uint32_t) v), (uint32_t) (v >> 32));
}

/* Write a little-endian f32. */
static char *
put_f32(char *p, float f)
{
	uint32_t	u;

	memcpy(&u, &f, sizeof(u));
	return put_u32(p, u);
}

/* Bytes of the names section of m, padding included. */
static size_t
names_bytes(const LearnModel *m)
{
	size_t		n = 0;

	for (int32_t k = 0; k < m->nlabels; k++)
		n += 4 + m->labels[k].len;
	for (int32_t i = 0; i < m->ntargets; i++)
		n += 4 + m->targets[i].len;
	return (n + 3) & ~(size_t) 3;
}

/* Bytes of the weights section of a model with these dimensions. */
size_t
learn_model_weights_bytes(uint32_t nbits, int32_t nlabels)
{
	return ((size_t) nlabels * sizeof(float)) << nbits;
}

/* Stored size of m. */
size_t
learn_model_stored_size(const LearnModel *m)
{
	return LEARN_MODEL_HEADER + names_bytes(m) + learn_model_weights_bytes(m->nbits, m->nlabels);
}

/* Write the names of list[0..n) as length and bytes. */
static char *
put_names(char *p, const LearnName *list, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
	{
		p = put_u32(p, list[i].len);
		memcpy(p, list[i].s, list[i].len);
		p += list[i].len;
	}
	return p;
}

/* Write m's stored form to out. */
void
learn_model_store(const LearnModel *m, char *out)
{
	char	   *p = out;
	char	   *names;
	size_t		nb = (size_t) 1 << m->nbits;

	memcpy(p, magic, 4);
	p = put_u32(p + 4, LEARN_MODEL_VERSION);
	p = put_u32(p, m->nbits);
	p = put_u32(p, (uint32_t) m->nlabels);
	p = put_u32(p, (uint32_t) m->ntargets);
	p = put_u32(p, m->targets_truncated ? 1 : 0);
	p = put_u64(p, m->rows);
	p = put_u64(p, m->skipped);
	p = put_u32(p, m->opts.passes);
	p = put_f32(p, m->opts.tolerance);
	p = put_f32(p, m->opts.cost);
	p = put_u32(p, m->opts.seed);
	p = put_u32(p, m->opts.buffer_rows);
	p = put_u32(p, m->opts.buffer_feats);
	p = put_u32(p, m->opts.balance ? 1 : 0);
	p = put_u32(p, (uint32_t) names_bytes(m));
	names = p;
	p = put_names(p, m->labels, m->nlabels);
	p = put_names(p, m->targets, m->ntargets);
	while ((size_t) (p - names) < names_bytes(m))
		*p++ = 0;
	for (int32_t k = 0; k < m->nlabels; k++)
		for (size_t b = 0; b < nb; b++)
			p = put_f32(p, m->weights[k][b]);
}

/* Describe a finished trainer as a model. */
static void
from_trainer(const LearnTrainer *t, LearnModel *m)
{
	memset(m, 0, sizeof(*m));
	m->nbits = t->o.nbits;
	m->nlabels = t->nlabels;
	m->ntargets = t->ntargets;
	m->targets_truncated = t->targets_truncated;
	m->rows = (uint64_t) t->seen;
	m->skipped = (uint64_t) t->skipped;
	m->opts = t->o;
	memcpy(m->labels, t->labels, sizeof(LearnName) * t->nlabels);
	memcpy(m->targets, t->targets, sizeof(LearnName) * t->ntargets);
	for (int32_t k = 0; k < t->nlabels; k++)
		m->weights[k] = t->w[k];
}

/* Stored size of a finished trainer. */
size_t
learn_model_size(const LearnTrainer *t)
{
	LearnModel	m;

	from_trainer(t, &m);
	return learn_model_stored_size(&m);
}

/* Write a finished trainer's stored form. */
void
learn_model_write(const LearnTrainer *t, char *out)
{
	LearnModel	m;

	from_trainer(t, &m);
	learn_model_store(&m, out);
}

/* Read n names from the section [*p, end); false if they overrun it. */
static bool
read_names(const char **p, const char *end, LearnName *list, int32_t n, char *err,
		   const char *what)
{
	for (int32_t i = 0; i < n; i++)
	{
		uint32_t	len;

		if (end - *p < 4)
			return learn_model_refuse(err, LEARN_MODEL_BAD, "%s %d overruns the names section", what, i + 1), false;
		len = get_u32(*p);
		*p += 4;
		if (len > LEARN_MAX_NAME || (size_t) (end - *p) < len)
			return learn_model_refuse(err, LEARN_MODEL_BAD, "%s %d has a bad length %u", what, i + 1, len), false;
		list[i].s = (char *) *p;
		list[i].len = len;
		*p += len;
	}
	return true;
}

/* True if two names of list[0..n) are equal. */
static bool
has_duplicate(const LearnName *list, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		for (int32_t j = i + 1; j < n; j++)
			if (list[i].len == list[j].len && memcmp(list[i].s, list[j].s, list[i].len) == 0)
				return true;
	return false;
}

/* Check the fixed header and fill the counts of m. */
static LearnModelStatus
open_header(const char *b, size_t len, LearnModel *m, char *err)
{
	if (len < LEARN_MODEL_HEADER)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "value is truncated: %zu bytes, the header alone needs %d",
					  len, LEARN_MODEL_HEADER);
	if (memcmp(b, magic, 4) != 0)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "value does not start with the stance_model magic");
	if (get_u32(b + 4) != LEARN_MODEL_VERSION)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "unsupported stance_model version %u", get_u32(b + 4));
	m->nbits = get_u32(b + 8);
	if (m->nbits < LEARN_MIN_BITS || m->nbits > LEARN_MAX_BITS)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "bits %u is outside %d..%d", m->nbits,
					  LEARN_MIN_BITS, LEARN_MAX_BITS);
	if (get_u32(b + 12) < 2 || get_u32(b + 12) > LEARN_MAX_LABELS)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "label count %u is outside 2..%d", get_u32(b + 12),
					  LEARN_MAX_LABELS);
	m->nlabels = (int32_t) get_u32(b + 12);
	if (get_u32(b + 16) > LEARN_MAX_TARGETS)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "target count %u is over %d", get_u32(b + 16),
					  LEARN_MAX_TARGETS);
	m->ntargets = (int32_t) get_u32(b + 16);
	if (get_u32(b + 20) > 1)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "unknown flags %u", get_u32(b + 20));
	m->targets_truncated = get_u32(b + 20) == 1;
	m->rows = get_u64(b + 24);
	m->skipped = get_u64(b + 32);
	return LEARN_MODEL_OK;
}

/* Check the recorded training settings. */
static LearnModelStatus
open_opts(const char *b, LearnModel *m, char *err)
{
	LearnOpts  *o = &m->opts;

	o->nbits = m->nbits;
	o->passes = get_u32(b + 40);
	o->tolerance = get_f32(b + 44);
	o->cost = get_f32(b + 48);
	o->seed = get_u32(b + 52);
	o->buffer_rows = get_u32(b + 56);
	o->buffer_feats = get_u32(b + 60);
	if (get_u32(b + 64) > 1)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "balance must be 0 or 1");
	o->balance = get_u32(b + 64) == 1;
	if (!isfinite(o->tolerance) || !isfinite(o->cost) || o->tolerance < 0 || o->cost < 0)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "tolerance and cost must be finite and not negative");
	return LEARN_MODEL_OK;
}

/* Check the names section and point m's names into it. */
static LearnModelStatus
open_names(const char *b, size_t len, LearnModel *m, size_t *names_end, char *err)
{
	size_t		nbytes = get_u32(b + 68);
	const char *p = b + LEARN_MODEL_HEADER;
	const char *end;

	if (nbytes % 4 != 0 || nbytes > len - LEARN_MODEL_HEADER)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "names section of %zu bytes does not fit", nbytes);
	end = p + nbytes;
	if (!read_names(&p, end, m->labels, m->nlabels, err, "label") ||
		!read_names(&p, end, m->targets, m->ntargets, err, "target"))
		return LEARN_MODEL_BAD;
	if (end - p >= 4)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "names section is longer than its names");
	for (; p < end; p++)
		if (*p != 0)
			return learn_model_refuse(err, LEARN_MODEL_BAD, "names section padding is not zero");
	if (has_duplicate(m->labels, m->nlabels) || has_duplicate(m->targets, m->ntargets))
		return learn_model_refuse(err, LEARN_MODEL_BAD, "a label or target is listed twice");
	*names_end = LEARN_MODEL_HEADER + nbytes;
	return LEARN_MODEL_OK;
}

/* Check the weights section and point m's weights into it. */
static LearnModelStatus
open_weights(const char *b, size_t len, size_t at, LearnModel *m, char *err)
{
	size_t		nb = (size_t) 1 << m->nbits;
	size_t		want = learn_model_weights_bytes(m->nbits, m->nlabels);

	if (at + want > LEARN_MODEL_MAX_BYTES)
		return learn_model_refuse(err, LEARN_MODEL_TOO_BIG, "a model of %u labels and %u bits is over %zu bytes",
					  m->nlabels, m->nbits, LEARN_MODEL_MAX_BYTES);
	if (len - at != want)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "weights section has %zu bytes, %zu expected",
					  len - at, want);
	if (((uintptr_t) (b + at)) % sizeof(float) != 0)
		return learn_model_refuse(err, LEARN_MODEL_BAD, "value is not aligned");
	for (int32_t k = 0; k < m->nlabels; k++)
	{
		m->weights[k] = (const float *) (b + at) + (size_t) k * nb;
		for (size_t i = 0; i < nb; i++)
			if (!isfinite(m->weights[k][i]))
				return learn_model_refuse(err, LEARN_MODEL_BAD, "weight %zu of label %d is not finite", i, k + 1);
			else if (fabsf(m->weights[k][i]) > LEARN_MAX_WEIGHT)
				return learn_model_refuse(err, LEARN_MODEL_BAD, "weight %zu of label %d is out of range",
										  i, k + 1);
	}
	return LEARN_MODEL_OK;
}

/* Validate stored bytes (see learn_model.h). */
LearnModelStatus
learn_model_open(const char *bytes, size_t len, LearnModel *m, char *err)
{
	LearnModelStatus st;
	size_t		at = 0;

	memset(m, 0, sizeof(*m));
	if (len > LEARN_MODEL_MAX_BYTES)
		return learn_model_refuse(err, LEARN_MODEL_TOO_BIG, "value of %zu bytes is over the limit of %zu",
					  len, LEARN_MODEL_MAX_BYTES);
	if ((st = open_header(bytes, len, m, err)) != LEARN_MODEL_OK ||
		(st = open_opts(bytes, m, err)) != LEARN_MODEL_OK ||
		(st = open_names(bytes, len, m, &at, err)) != LEARN_MODEL_OK)
		return st;
	return open_weights(bytes, len, at, m, err);
}
