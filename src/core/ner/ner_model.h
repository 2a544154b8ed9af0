/*
 * ner_model.h
 *	  The entity tagger's model: one or two stages of weights (a row of
 *	  int16 label weights per hashed feature key, plus label transitions),
 *	  the word-cluster lexicon, and the calibration of confidences.
 *
 *	  The file is laid out to be used in place, so the extension can embed
 *	  it (ner_model_blob.S) and every backend shares its read-only pages.
 *	  All integers are little-endian and every array is 4-byte aligned:
 *		header	"NNER", u16 version, u16 labels, u32 file size, u32 stages,
 *				u32 lexicon entries, u32 lexicon slots, f32 conf_a, f32 conf_b
 *		lexicon	u32 keys, u32 values, u32 slots (open addressing over the
 *				entries, a power of two: entry index + 1, 0 empty)
 *		stage	u32 rows, u32 slots, f32 scale,
 *				i16 transitions[(labels+1) * labels],
 *				NerSlot table[slots] (open addressing, key 0 empty)
 *		trailer	u32 checksum of every 4-byte word before it
 *	  Opening checks the checksum, every count against the buffer and the
 *	  limits below, and that every table has an empty slot (so a probe ends),
 *	  so corrupt bytes are rejected rather than trusted.
 */
#ifndef NER_MODEL_H
#define NER_MODEL_H

#include "ner_features.h"

#define NER_MODEL_VERSION	2
#define NER_MODEL_MAX_BYTES (64u * 1024 * 1024)
#define NER_MODEL_MAX_ROWS	(4u * 1024 * 1024)
#define NER_MODEL_MAX_LEX	(4u * 1024 * 1024)
#define NER_MAX_STAGES		2

/*
 * A key and its row side by side, so a lookup touches one cache line or
 * two; stored as is in the model file.
 */
typedef struct NerSlot
{
	uint32_t	key;			/* 0 for an empty slot; feature keys are never 0 */
	int16_t		w[NER_NLABELS];
	int16_t		pad;
} NerSlot;

/*
 * Weights of one stage; score = scale * (sum of rows + transition). The
 * table has nslots slots, at most two thirds full, and a key's probe starts at
 * ner_weights_home.
 */
typedef struct NerWeights
{
	uint32_t	nrows;
	uint32_t	nslots;
	float		scale;
	int16_t		trans[NER_NLABELS + 1][NER_NLABELS];	/* last row: start */
	const NerSlot *table;		/* in the image, or built by ner_model_index */
	uint32_t   *keys;			/* training only: sorted feature keys */
	int16_t    *rows;			/* training only: nrows * NER_NLABELS */
} NerWeights;

/*
 * A model. Opened from an image it points into the image and owns nothing;
 * built by the trainer (owned) it owns its arrays.
 */
typedef struct NerModel
{
	int			nstages;
	NerWeights	stage[NER_MAX_STAGES];
	uint32_t	nlex;
	uint32_t   *lexkeys;		/* training only */
	uint32_t   *lexvalues;		/* training only */
	NerLexicon	lex;
	float		conf_a;			/* confidence = logistic(conf_a * margin + conf_b) */
	float		conf_b;
	bool		owned;			/* arrays were allocated: ner_model_free frees them */
	void	   *image;			/* copy of the image made by ner_model_load, or NULL */
} NerModel;

/* The model embedded at build time (ner_model_blob.S). */
extern const uint8_t ner_model_blob[];
extern const uint8_t ner_model_blob_end[];

/*
 * Validate a model image and fill *model with a view of it: pointers into
 * buf (4-byte aligned, which must outlive the view), nothing allocated.
 * On failure returns false and explains in err.
 */
extern bool ner_model_open(const void *buf, size_t len, NerModel *model,
						   char *err, size_t errlen);

/*
 * A heap copy of an image opened with ner_model_open, for files read by the
 * tools; NULL with a message in err on failure. Free with ner_model_free.
 */
extern NerModel *ner_model_load(const void *buf, size_t len, char *err, size_t errlen);

/* Serialise a model; *out is malloc'd. Returns false if memory ran out. */
extern bool ner_model_save(const NerModel *model, uint8_t **out, size_t *outlen);

/* Build the lookup tables of a trained model from its arrays. */
extern bool ner_model_index(NerModel *model);

/* First slot to probe for a key: keys are hashes, so scaling spreads them evenly. */
static inline uint32_t
ner_weights_home(const NerWeights *w, uint32_t key)
{
	return (uint32_t) (((uint64_t) key * w->nslots) >> 32);
}

/* Weights row of a feature key in a stage, or NULL; inline, as tagging calls it most. */
static inline const int16_t *
ner_weights_row(const NerWeights *w, uint32_t key)
{
	uint32_t	h = ner_weights_home(w, key);

	for (;;)
	{
		const NerSlot *sl = &w->table[h];

		if (sl->key == key)
			return sl->w;
		if (sl->key == 0)
			return NULL;
		if (++h == w->nslots)
			h = 0;
	}
}

/* Release a loaded or trained model (not a view from ner_model_open). */
extern void ner_model_free(NerModel *model);

#endif							/* NER_MODEL_H */
