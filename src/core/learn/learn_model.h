/*
 * learn_model.h
 *	  The stored form of a trained linear classifier (learn_linear.h): a
 *	  little-endian byte layout that is the value of SQL's stance_model and
 *	  its binary send/receive form, and a readable text form that
 *	  round-trips exactly. Any bytes or text are validated in full before
 *	  use; a bad value is rejected with a message, never trusted.
 *
 *	  Byte layout, version 1 (all integers little-endian, 4-byte aligned):
 *	    0  "NNSM"            magic
 *	    4  u32 version       1
 *	    8  u32 nbits         buckets per label = 1 << nbits
 *	   12  u32 nlabels       2 .. LEARN_MAX_LABELS
 *	   16  u32 ntargets      named targets, 0 .. LEARN_MAX_TARGETS
 *	   20  u32 flags         bit 0: more targets were seen than named
 *	   24  u64 rows          training rows used
 *	   32  u64 skipped       rows skipped for a NULL
 *	   40  u32 passes, f32 tolerance, f32 cost, u32 seed,
 *	       u32 buffer_rows, u32 buffer_feats, u32 balance
 *	   68  u32 names_bytes   size of the names section
 *	   72  names: per label then per target, u32 length + bytes; zero
 *	       padding to a multiple of 4
 *	       f32 weights[nlabels][1 << nbits], all finite, |w| <= LEARN_MAX_WEIGHT
 *
 *	  Text form: one "key value" line each, in this order, "\n"-separated:
 *	    newsnlp.stance_model 1
 *	    bits 18
 *	    labels 3 AGAINST FAVOR NONE
 *	    targets 2 climate%20change atheism
 *	    targets_truncated 0
 *	    rows 2251
 *	    skipped 0
 *	    passes 200
 *	    tolerance 0.1
 *	    cost 0.002
 *	    seed 42
 *	    buffer_rows 100000
 *	    buffer_feats 4194304
 *	    balance 1
 *	    weights <base64 of the weights section>
 *	  Names are percent-encoded: bytes other than A-Z a-z 0-9 - _ . ~ become
 *	  %XX (upper-case hex), so a name never holds a space or a line break.
 *	  Floats are printed in the shortest %g form that reads back to the same float.
 */
#ifndef LEARN_MODEL_H
#define LEARN_MODEL_H

#include "learn_linear.h"

#define LEARN_MODEL_VERSION 1

/* Size of the fixed header. */
#define LEARN_MODEL_HEADER 72

/* Largest stored model; a bigger one is refused, not built. */
#define LEARN_MODEL_MAX_BYTES ((size_t) 64 << 20)

/* Why a value was refused. */
typedef enum LearnModelStatus
{
	LEARN_MODEL_OK = 0,
	LEARN_MODEL_BAD,			/* malformed: message says how */
	LEARN_MODEL_TOO_BIG,		/* over LEARN_MODEL_MAX_BYTES */
	LEARN_MODEL_NOMEM
} LearnModelStatus;

/* Room for a refusal's message. */
#define LEARN_MODEL_ERRLEN 160

/* A validated model, pointing into its bytes. */
typedef struct LearnModel
{
	uint32_t	nbits;
	int32_t		nlabels;
	int32_t		ntargets;
	bool		targets_truncated;
	uint64_t	rows;
	uint64_t	skipped;
	LearnOpts	opts;
	LearnName	labels[LEARN_MAX_LABELS];
	LearnName	targets[LEARN_MAX_TARGETS];
	const float *weights[LEARN_MAX_LABELS];
} LearnModel;

/* Bytes of the weights section of a model with these dimensions. */
extern size_t learn_model_weights_bytes(uint32_t nbits, int32_t nlabels);

/* Stored size of a model whose names and weights are given. */
extern size_t learn_model_stored_size(const LearnModel *m);

/* Write the stored form of such a model to out. */
extern void learn_model_store(const LearnModel *m, char *out);

/* Set err to a formatted reason and return status. */
extern LearnModelStatus learn_model_refuse(char *err, LearnModelStatus status,
										   const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

/* Bytes the stored form of a finished trainer takes (maybe over the limit). */
extern size_t learn_model_size(const LearnTrainer *t);

/* Write a finished trainer's stored form to out (learn_model_size bytes). */
extern void learn_model_write(const LearnTrainer *t, char *out);

/*
 * Check bytes[0..len) in full and describe them in *m (pointing into bytes,
 * which must be 4-byte aligned). On refusal, err holds the reason.
 */
extern LearnModelStatus learn_model_open(const char *bytes, size_t len, LearnModel *m,
										 char *err);

/* The text form of a model opened by learn_model_open, NUL-terminated, from nn_alloc; NULL if out of memory. */
extern char *learn_model_to_text(const LearnModel *m, size_t *len);

/*
 * Parse the text form text[0..len) into a new stored form (*out, *outlen,
 * from nn_alloc), validated as learn_model_open does.
 */
extern LearnModelStatus learn_model_from_text(const char *text, size_t len, char **out,
											  size_t *outlen, char *err);

#endif							/* LEARN_MODEL_H */
