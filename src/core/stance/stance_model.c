/*
 * stance_model.c
 *	  Opening, validating and saving the stance model (see stance_model.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_image.h"
#include "stance_model.h"

#define HEADER_BYTES 28

_Static_assert(sizeof(StanceLexSlot) == 8, "lexicon slots are stored as is");

/* Fail an open with a message. */
static bool
reject(char *err, size_t errlen, const char *why)
{
	return model_image_reject(err, errlen, "stance", why);
}

/* The u32 at word index i of an image. */
static uint32_t
word_at(const uint8_t *p, size_t i)
{
	uint32_t	v;

	memcpy(&v, p + 4 * i, 4);
	return v;
}

/* Check the lexicon table: valences in range and at least one empty slot. */
static const char *
check_lexicon(const StanceLexSlot *slots, uint32_t nslots)
{
	uint32_t	empty = 0;

	for (uint32_t h = 0; h < nslots; h++)
	{
		if (slots[h].key == 0)
			empty++;
		else if (slots[h].valence < -STANCE_VALENCE_MAX || slots[h].valence > STANCE_VALENCE_MAX)
			return "lexicon valence out of range";
	}
	return nslots == 0 || empty > 0 ? NULL : "lexicon table has no empty slot";
}

/* Check the header fields and the section sizes against the image length. */
static const char *
check_header(const uint8_t *p, size_t len, StanceModel *m, uint32_t *lexslots)
{
	uint32_t	version = word_at(p, 1);
	size_t		need;

	if (memcmp(p, "NSTC", 4) != 0)
		return "bad magic";
	if ((version & 0xFFFF) != STANCE_MODEL_VERSION)
		return "unsupported version";
	if ((version >> 16) != STANCE_NLABELS)
		return "wrong label count";
	if (word_at(p, 2) != len)
		return "size mismatch";
	m->nbits = word_at(p, 3);
	m->groups = word_at(p, 4);
	*lexslots = word_at(p, 5);
	memcpy(&m->scale, p + 24, 4);
	if (m->nbits < STANCE_MIN_BITS || m->nbits > STANCE_MAX_BITS)
		return "bad bucket bits";
	if ((m->groups & ~(uint32_t) STANCE_G_ALL) != 0)
		return "unknown feature groups";
	if (*lexslots > STANCE_MAX_LEX_SLOTS || (*lexslots & (*lexslots - 1)) != 0)
		return "bad lexicon size";
	if (!isfinite(m->scale) || m->scale <= 0.0f)
		return "bad weight scale";
	need = HEADER_BYTES + sizeof(StanceLexSlot) * (size_t) *lexslots +
		sizeof(int16_t) * STANCE_NLABELS * ((size_t) 1 << m->nbits) + 4;
	return need == len ? NULL : "section sizes do not match the file size";
}

/* Validate an image and make *model a view of it. */
bool
stance_model_open(const void *buf, size_t len, StanceModel *model, char *err, size_t errlen)
{
	const uint8_t *p = buf;
	uint32_t	lexslots;
	const char *why;

	memset(model, 0, sizeof(*model));
	if ((why = model_image_check(buf, len, HEADER_BYTES, UINT32_MAX)) != NULL)
		return reject(err, errlen, why);
	if ((why = check_header(p, len, model, &lexslots)) != NULL)
		return reject(err, errlen, why);
	model->lex.slots = lexslots ? (const StanceLexSlot *) (p + HEADER_BYTES) : NULL;
	model->lex.mask = lexslots ? lexslots - 1 : 0;
	if ((why = check_lexicon(model->lex.slots, lexslots)) != NULL)
		return reject(err, errlen, why);
	model->w = (const int16_t *) (p + HEADER_BYTES + sizeof(StanceLexSlot) * lexslots);
	return true;
}

/* Copy an image to the heap and open it there. */
StanceModel *
stance_model_load(const void *buf, size_t len, char *err, size_t errlen)
{
	StanceModel *m = calloc(1, sizeof(StanceModel));
	void	   *copy = malloc(len ? len : 1);

	if (m == NULL || copy == NULL)
	{
		free(m);
		free(copy);
		reject(err, errlen, "out of memory");
		return NULL;
	}
	if (buf != NULL && len > 0)
		memcpy(copy, buf, len);
	if (!stance_model_open(buf ? copy : NULL, len, m, err, errlen))
	{
		free(m);
		free(copy);
		return NULL;
	}
	m->image = copy;
	return m;
}

/* Release a loaded model. */
void
stance_model_free(StanceModel *model)
{
	if (model == NULL)
		return;
	free(model->image);
	free(model);
}

/* Largest absolute weight, which sets the quantization step. */
static float
max_abs(const float *w, size_t n)
{
	float		m = 0.0f;

	for (size_t i = 0; i < n; i++)
		m = fmaxf(m, fabsf(w[i]));
	return m;
}

/* Store a u32 at byte offset off. */
static void
put_u32(uint8_t *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

/* Serialise a model, quantizing its weights. */
bool
stance_model_save(uint32_t nbits, uint32_t groups, const float *weights,
				  const StanceLexicon *lex, uint8_t **out, size_t *outlen)
{
	size_t		nw = (size_t) STANCE_NLABELS << nbits;
	uint32_t	lexslots = lex && lex->slots ? lex->mask + 1 : 0;
	size_t		lexbytes = sizeof(StanceLexSlot) * lexslots;
	size_t		len = HEADER_BYTES + lexbytes + sizeof(int16_t) * nw + 4;
	uint8_t    *p = calloc(1, len);
	float		scale = max_abs(weights, nw) / 32767.0f;
	int16_t    *q;

	if (p == NULL)
		return false;
	if (scale <= 0.0f)
		scale = 1.0f;
	memcpy(p, "NSTC", 4);
	put_u32(p, 4, STANCE_MODEL_VERSION | (STANCE_NLABELS << 16));
	put_u32(p, 8, (uint32_t) len);
	put_u32(p, 12, nbits);
	put_u32(p, 16, groups);
	put_u32(p, 20, lexslots);
	memcpy(p + 24, &scale, 4);
	if (lexslots)
		memcpy(p + HEADER_BYTES, lex->slots, lexbytes);
	q = (int16_t *) (p + HEADER_BYTES + lexbytes);
	for (size_t i = 0; i < nw; i++)
		q[i] = (int16_t) lrintf(weights[i] / scale);
	model_image_seal(p, len);
	*out = p;
	*outlen = len;
	return true;
}

/* Build a lexicon table at most half full. */
bool
stance_lexicon_build(const char *const *words, const int32_t *valences, int n,
					 StanceLexicon *lex)
{
	uint32_t	size = 16;
	StanceLexSlot *slots;

	while (size <= 2 * (uint32_t) n)
		size <<= 1;
	slots = calloc(size, sizeof(StanceLexSlot));
	if (slots == NULL)
		return false;
	lex->mask = size - 1;
	lex->slots = slots;
	for (int i = 0; i < n; i++)
	{
		uint32_t	key = stance_word_key(words[i], strlen(words[i]));
		int32_t		v = valences[i];
		uint32_t	h = stance_lex_slot(key, lex->mask);

		while (slots[h].key != 0 && slots[h].key != key)
			h = (h + 1) & lex->mask;
		slots[h].key = key;
		slots[h].valence = v < -STANCE_VALENCE_MAX ? -STANCE_VALENCE_MAX :
			v > STANCE_VALENCE_MAX ? STANCE_VALENCE_MAX : v;
	}
	return true;
}
