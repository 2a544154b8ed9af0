/*
 * ner_model.c
 *	  Opening, validating, building and saving the tagger's model (see
 *	  ner_model.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_image.h"
#include "ner_model.h"

#define HEADER_BYTES 32
#define STAGE_HEADER_BYTES 12
#define TRANS_COUNT ((NER_NLABELS + 1) * NER_NLABELS)

_Static_assert(sizeof(NerSlot) == 4 + 2 * NER_NLABELS + 2, "NerSlot is stored as is");
_Static_assert(_Alignof(NerSlot) == 4, "model arrays are 4-byte aligned");
_Static_assert(TRANS_COUNT % 2 == 0, "sections stay 4-byte aligned");

/* A bounds-checked cursor over the model image. */
typedef struct Reader
{
	const uint8_t *p;
	size_t		len;
	size_t		pos;
	bool		ok;
} Reader;

/* A growing output buffer. */
typedef struct Writer
{
	uint8_t    *p;
	size_t		len;
	size_t		cap;
	bool		ok;
} Writer;

/* Take n bytes in place, or fail the reader. */
static const void *
take(Reader *r, size_t n)
{
	const uint8_t *q;

	if (!r->ok || n > r->len - r->pos)
	{
		r->ok = false;
		return NULL;
	}
	q = r->p + r->pos;
	r->pos += n;
	return q;
}

/* Read a u32 (the host is little-endian, checked when opening). */
static uint32_t
get_u32(Reader *r)
{
	const void *q = take(r, 4);
	uint32_t	v = 0;

	if (q != NULL)
		memcpy(&v, q, 4);
	return v;
}

/* Read a float stored as its IEEE bits. */
static float
get_f32(Reader *r)
{
	uint32_t	bits = get_u32(r);
	float		f;

	memcpy(&f, &bits, sizeof(f));
	return f;
}

/* An array of n elements of size bytes in place, or NULL if it overruns. */
static const void *
take_array(Reader *r, size_t n, size_t size)
{
	if (n > (r->len - r->pos) / size)
	{
		r->ok = false;
		return NULL;
	}
	return take(r, n * size);
}

/* Fail an open with a message. */
static bool
reject(char *err, size_t errlen, const char *why)
{
	return model_image_reject(err, errlen, "NER", why);
}

/* True if the lexicon slots point at entries only, nentries of them, one each at most. */
static bool
lex_slots_ok(const uint32_t *slots, uint32_t nslots, uint32_t nentries)
{
	uint32_t	used = 0;

	for (uint32_t h = 0; h < nslots; h++)
	{
		if (slots[h] > nentries)
			return false;
		used += slots[h] != 0;
	}
	return used == nentries;
}

/* Read the lexicon section into a view. */
static const char *
open_lexicon(Reader *r, NerModel *m, uint32_t nslots)
{
	if (m->nlex > NER_MODEL_MAX_LEX)
		return "lexicon too large";
	if (m->nlex == 0 ? nslots != 0 :
		(nslots & (nslots - 1)) != 0 || nslots <= m->nlex || nslots / 4 > NER_MODEL_MAX_LEX)
		return "bad lexicon table size";
	m->lex.keys = take_array(r, m->nlex, 4);
	m->lex.values = take_array(r, m->nlex, 4);
	m->lex.slots = take_array(r, nslots, 4);
	m->lex.mask = nslots - 1;
	if (!r->ok)
		return "truncated lexicon";
	if (m->nlex == 0)
		m->lex.slots = NULL;
	else if (!lex_slots_ok(m->lex.slots, nslots, m->nlex))
		return "bad lexicon table";
	return NULL;
}

/* Read one stage's weights into a view, checking counts against the limits. */
static const char *
open_stage(Reader *r, NerWeights *w)
{
	const void *trans;
	uint32_t	used = 0;

	w->nrows = get_u32(r);
	w->nslots = get_u32(r);
	w->scale = get_f32(r);
	trans = take(r, sizeof(w->trans));
	if (!r->ok)
		return "truncated stage header";
	if (w->nrows > NER_MODEL_MAX_ROWS || w->nslots > 2 * NER_MODEL_MAX_ROWS + 16 ||
		w->nrows >= w->nslots)
		return "bad row or slot count";
	if (!isfinite(w->scale) || w->scale <= 0.0f)
		return "bad weight scale";
	memcpy(w->trans, trans, sizeof(w->trans));
	w->table = take_array(r, w->nslots, sizeof(NerSlot));
	if (!r->ok)
		return "truncated weights";
	for (uint32_t h = 0; h < w->nslots; h++)
		used += w->table[h].key != 0;
	return used == w->nrows ? NULL : "bad weight table";
}

/* Check the fixed header and read its counts into the model. */
static const char *
open_header(Reader *r, NerModel *m, uint32_t *lexslots)
{
	const uint8_t *magic = take(r, 4);
	uint32_t	version = get_u32(r);

	if (memcmp(magic, "NNER", 4) != 0)
		return "bad magic";
	if ((version & 0xFFFF) != NER_MODEL_VERSION)
		return "unsupported version";
	if ((version >> 16) != NER_NLABELS)
		return "wrong label count";
	if (get_u32(r) != r->len + 4)
		return "size mismatch";
	m->nstages = (int) get_u32(r);
	m->nlex = get_u32(r);
	*lexslots = get_u32(r);
	m->conf_a = get_f32(r);
	m->conf_b = get_f32(r);
	if (m->nstages < 1 || m->nstages > NER_MAX_STAGES)
		return "bad stage count";
	if (!isfinite(m->conf_a) || !isfinite(m->conf_b))
		return "bad calibration";
	return NULL;
}

/* Validate an image and make *model a view of it. */
bool
ner_model_open(const void *buf, size_t len, NerModel *model, char *err, size_t errlen)
{
	Reader		r = {buf, len, 0, true};
	uint32_t	lexslots;
	const char *why;

	memset(model, 0, sizeof(*model));
	if ((why = model_image_check(buf, len, HEADER_BYTES, NER_MODEL_MAX_BYTES)) != NULL)
		return reject(err, errlen, why);
	r.len = len - 4;
	if ((why = open_header(&r, model, &lexslots)) != NULL ||
		(why = open_lexicon(&r, model, lexslots)) != NULL)
		return reject(err, errlen, why);
	for (int s = 0; s < model->nstages; s++)
		if ((why = open_stage(&r, &model->stage[s])) != NULL)
			return reject(err, errlen, why);
	if (r.pos != r.len)
		return reject(err, errlen, "trailing bytes");
	return true;
}

/* Copy an image to the heap and open it there. */
NerModel *
ner_model_load(const void *buf, size_t len, char *err, size_t errlen)
{
	NerModel   *m;
	void	   *copy;

	if (len > NER_MODEL_MAX_BYTES)
	{
		reject(err, errlen, "too large");
		return NULL;
	}
	m = calloc(1, sizeof(NerModel));
	copy = malloc(len + 4);
	if (m == NULL || copy == NULL)
	{
		free(m);
		free(copy);
		reject(err, errlen, "out of memory");
		return NULL;
	}
	if (len > 0 && buf != NULL)
		memcpy(copy, buf, len);
	if (!ner_model_open(buf ? copy : NULL, len, m, err, errlen))
	{
		free(m);
		free(copy);
		return NULL;
	}
	m->image = copy;
	return m;
}

/* Make sure the writer can take n more bytes. */
static bool
reserve(Writer *w, size_t n)
{
	if (!w->ok)
		return false;
	if (w->len + n > w->cap)
	{
		size_t		cap = w->cap ? w->cap : 4096;
		uint8_t    *p;

		while (cap < w->len + n)
			cap *= 2;
		p = realloc(w->p, cap);
		if (p == NULL)
		{
			w->ok = false;
			return false;
		}
		w->p = p;
		w->cap = cap;
	}
	return true;
}

/* Append n bytes as they are in memory (the host is little-endian). */
static void
put_bytes(Writer *w, const void *p, size_t n)
{
	if (n == 0 || !reserve(w, n))
		return;
	memcpy(w->p + w->len, p, n);
	w->len += n;
}

/* Append a u32. */
static void
put_u32(Writer *w, uint32_t v)
{
	put_bytes(w, &v, 4);
}

/* Append a float as its IEEE bits. */
static void
put_f32(Writer *w, float f)
{
	put_bytes(w, &f, 4);
}

/* Slots of a stage table for n rows: at most two thirds full, so misses end soon. */
static uint32_t
table_slots(uint32_t n)
{
	return n + n / 2 + 16;
}

/* Build an index from keys to positions, at most half full. */
static uint32_t *
build_index(const uint32_t *keys, uint32_t n, uint32_t *mask_out)
{
	uint32_t	size = 16;
	uint32_t   *index;

	while (size <= 2 * n)
		size <<= 1;
	index = calloc(size, sizeof(uint32_t));
	if (index == NULL)
		return NULL;
	for (uint32_t i = 0; i < n; i++)
	{
		uint32_t	h = ner_slot(keys[i], size - 1);

		while (index[h] != 0)
			h = (h + 1) & (size - 1);
		index[h] = i + 1;
	}
	*mask_out = size - 1;
	return index;
}

/* Build a stage's lookup table from its sorted keys and rows. */
static bool
build_table(NerWeights *w)
{
	NerSlot    *table;

	free((void *) w->table);
	w->nslots = table_slots(w->nrows);
	w->table = table = calloc(w->nslots, sizeof(NerSlot));
	if (table == NULL)
		return false;
	for (uint32_t i = 0; i < w->nrows; i++)
	{
		uint32_t	h = ner_weights_home(w, w->keys[i]);

		while (table[h].key != 0)
			h = h + 1 == w->nslots ? 0 : h + 1;
		table[h].key = w->keys[i];
		memcpy(table[h].w, w->rows + (size_t) i * NER_NLABELS,
			   sizeof(int16_t) * NER_NLABELS);
	}
	return true;
}

/* Build the lexicon table and each stage's table of a trained model. */
bool
ner_model_index(NerModel *model)
{
	model->owned = true;
	free((void *) model->lex.slots);
	model->lex.slots = NULL;
	model->lex.mask = 0;
	model->lex.keys = model->lexkeys;
	model->lex.values = model->lexvalues;
	if (model->nlex > 0)
	{
		model->lex.slots = build_index(model->lexkeys, model->nlex, &model->lex.mask);
		if (model->lex.slots == NULL)
			return false;
	}
	for (int s = 0; s < model->nstages; s++)
		if (!build_table(&model->stage[s]))
			return false;
	return true;
}

/* Write one stage: counts, transitions, the table as it is in memory. */
static void
save_stage(Writer *w, const NerWeights *st)
{
	put_u32(w, st->nrows);
	put_u32(w, st->nslots);
	put_f32(w, st->scale);
	put_bytes(w, st->trans, sizeof(st->trans));
	put_bytes(w, st->table, sizeof(NerSlot) * (size_t) st->nslots);
}

/* Serialise a model, trained or opened. */
bool
ner_model_save(const NerModel *model, uint8_t **out, size_t *outlen)
{
	Writer		w = {NULL, 0, 0, true};
	uint32_t	lexslots = model->nlex > 0 ? model->lex.mask + 1 : 0;
	uint32_t	size;

	put_bytes(&w, "NNER", 4);
	put_u32(&w, NER_MODEL_VERSION | (NER_NLABELS << 16));
	put_u32(&w, 0);				/* size, patched below */
	put_u32(&w, (uint32_t) model->nstages);
	put_u32(&w, model->nlex);
	put_u32(&w, lexslots);
	put_f32(&w, model->conf_a);
	put_f32(&w, model->conf_b);
	put_bytes(&w, model->lex.keys, 4 * (size_t) model->nlex);
	put_bytes(&w, model->lex.values, 4 * (size_t) model->nlex);
	put_bytes(&w, model->lex.slots, 4 * (size_t) lexslots);
	for (int s = 0; s < model->nstages; s++)
		save_stage(&w, &model->stage[s]);
	if (!reserve(&w, 4))
	{
		free(w.p);
		return false;
	}
	size = (uint32_t) w.len + 4;
	memcpy(w.p + 8, &size, 4);
	put_u32(&w, model_image_checksum(w.p, w.len));
	*out = w.p;
	*outlen = w.len;
	return true;
}

/* Release a model: its arrays if it owns them, its image copy, itself. */
void
ner_model_free(NerModel *model)
{
	if (model == NULL)
		return;
	if (model->owned)
	{
		for (int s = 0; s < NER_MAX_STAGES; s++)
		{
			free(model->stage[s].keys);
			free(model->stage[s].rows);
			free((void *) model->stage[s].table);
		}
		free(model->lexkeys);
		free(model->lexvalues);
		free((void *) model->lex.slots);
	}
	free(model->image);
	free(model);
}
