/*
 * model_image.c
 *	  Checksum and framing checks of the model images (see model_image.h).
 */
#include <stdio.h>
#include <string.h>

#include "model_image.h"

/* Checksum of 4-byte words: a 64-bit FNV-style multiply per word, folded. */
uint32_t
model_image_checksum(const uint8_t *p, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i + 4 <= len; i += 4)
	{
		uint32_t	w;

		memcpy(&w, p + i, 4);
		h = (h ^ w) * 0x100000001b3ULL;
	}
	return (uint32_t) (h ^ (h >> 32));
}

/* Seal an image: its trailer becomes the checksum of what precedes it. */
void
model_image_seal(uint8_t *p, size_t len)
{
	uint32_t	sum = model_image_checksum(p, len - 4);

	memcpy(p + len - 4, &sum, 4);
}

/* Check the framing every model image shares; NULL if it holds. */
const char *
model_image_check(const void *buf, size_t len, size_t header_bytes, size_t max_bytes)
{
	uint32_t	trailer;

	if (__BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__)
		return "big-endian hosts are not supported";
	if (buf == NULL || len < header_bytes + 4)
		return "too short";
	if (len > max_bytes)
		return "too large";
	if ((uintptr_t) buf % 4 != 0 || len % 4 != 0)
		return "misaligned image";
	memcpy(&trailer, (const uint8_t *) buf + len - 4, 4);
	if (model_image_checksum(buf, len - 4) != trailer)
		return "checksum mismatch";
	return NULL;
}

/* Fail an open of a model of kind what with a message. */
bool
model_image_reject(char *err, size_t errlen, const char *what, const char *why)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "invalid %s model: %s", what, why);
	return false;
}
