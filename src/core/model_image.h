/*
 * model_image.h
 *	  The framing shared by the model images (NER, stance): a little-endian
 *	  image of whole 4-byte words whose last word is a checksum of the words
 *	  before it. Validation of the framing, before each model checks its own
 *	  header and sections.
 */
#ifndef NN_MODEL_IMAGE_H
#define NN_MODEL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The checksum a trailer holds: over len bytes (whole 4-byte words). */
extern uint32_t model_image_checksum(const uint8_t *p, size_t len);

/* Write the checksum of the first len - 4 bytes into the last word (len >= 4). */
extern void model_image_seal(uint8_t *p, size_t len);

/*
 * Check the framing of an image of len bytes at buf: a little-endian host,
 * at least header_bytes plus the trailer, at most max_bytes, 4-byte aligned
 * and sized, and the trailer's checksum. NULL if it holds, else why not.
 */
extern const char *model_image_check(const void *buf, size_t len,
									 size_t header_bytes, size_t max_bytes);

/* Write "invalid <what> model: <why>" into err (if given); returns false. */
extern bool model_image_reject(char *err, size_t errlen, const char *what, const char *why);

#endif							/* NN_MODEL_IMAGE_H */
