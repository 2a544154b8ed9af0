/*
 * stance_model.h
 *	  The stance model: a row of int16 weights per hashed feature bucket for
 *	  each of the three labels, and the sentiment lexicon the features read,
 *	  so that one image is all scoring needs.
 *
 *	  The image is used in place (it can be embedded, like the entity
 *	  model). Integers are little-endian, arrays 4-byte aligned:
 *		header	"NSTC", u16 version, u16 labels, u32 file size, u32 bucket bits,
 *				u32 feature groups, u32 lexicon slots, f32 weight scale
 *		lexicon	StanceLexSlot[slots] (open addressing, key 0 empty)
 *		weights	i16[buckets][labels]
 *		trailer	u32 checksum of every 4-byte word before it
 *	  Opening checks the checksum, every count against the buffer and the
 *	  limits below, the lexicon's valences and that it has an empty slot, so
 *	  corrupt bytes are rejected rather than trusted. Any weight is valid.
 */
#ifndef STANCE_MODEL_H
#define STANCE_MODEL_H

#include "stance_features.h"

#define STANCE_MODEL_VERSION	1
#define STANCE_MIN_BITS			8
#define STANCE_MAX_BITS			22
#define STANCE_MAX_LEX_SLOTS	(1u << 20)

/* A model: a view of an image, or a heap copy of one (image set). */
typedef struct StanceModel
{
	uint32_t	nbits;			/* log2 of the bucket count */
	uint32_t	groups;			/* STANCE_G_* the model was trained with */
	float		scale;			/* weight = scale * stored int16 */
	const int16_t *w;			/* [1 << nbits][STANCE_NLABELS] */
	StanceLexicon lex;
	void	   *image;			/* heap copy owned by the model, or NULL */
} StanceModel;

/* The model embedded at build time (stance_model_blob.S). */
extern const uint8_t stance_model_blob[];
extern const uint8_t stance_model_blob_end[];

/* Bucket of a feature key: its top bits, as keys are hashes. */
static inline uint32_t
stance_bucket(uint32_t key, uint32_t nbits)
{
	return key >> (32 - nbits);
}

/*
 * Validate an image and make *model a view of it (buf must be 4-byte
 * aligned and outlive the view). On failure returns false with a message.
 */
extern bool stance_model_open(const void *buf, size_t len, StanceModel *model,
							  char *err, size_t errlen);


/* Open a heap copy of an image; NULL with a message on failure. */
extern StanceModel *stance_model_load(const void *buf, size_t len, char *err, size_t errlen);

/* Release a model from stance_model_load. */
extern void stance_model_free(StanceModel *model);

/*
 * Serialise float weights [1 << nbits][STANCE_NLABELS], quantized to int16,
 * with a lexicon table; *out is malloc'd. False if memory ran out.
 */
extern bool stance_model_save(uint32_t nbits, uint32_t groups, const float *weights,
							  const StanceLexicon *lex, uint8_t **out, size_t *outlen);

/*
 * Build a lexicon table from n words and valences in hundredths (clamped to
 * the lexicon's scale); *slots is malloc'd. False if memory ran out.
 */
extern bool stance_lexicon_build(const char *const *words, const int32_t *valences,
								 int n, StanceLexicon *lex);

#endif							/* STANCE_MODEL_H */
