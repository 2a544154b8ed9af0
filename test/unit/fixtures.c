/*
 * fixtures.c
 *	  Helpers shared by the core's unit tests (see fixtures.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixtures.h"
#include "ner_model.h"
#include "unit.h"
#include "utf8.h"

long		hook_calls = 0;

/* Count one call of the interrupt hook. */
void
count_hook(void)
{
	hook_calls++;
}

/* Seconds of CPU time used so far. */
double
cpu_seconds(void)
{
	return (double) clock() / CLOCKS_PER_SEC;
}

/* Fill a new buffer with n copies of unit. */
char *
repeat(const char *unit, size_t n, size_t *len)
{
	size_t		u = strlen(unit);
	char	   *buf = malloc(u * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(buf + i * u, unit, u);
	buf[u * n] = '\0';
	*len = u * n;
	return buf;
}

/* Mark the bytes of text where decoding from its start begins a code point. */
bool *
code_point_starts(const char *text, size_t len)
{
	bool	   *starts = calloc(len + 1, sizeof(bool));
	size_t		i = 0;

	while (i < len)
	{
		int			width;

		starts[i] = true;
		nn_utf8_decode(text, len, i, &width);
		i += width;
	}
	starts[len] = true;
	return starts;
}

/* Open the embedded model and a tagger over it, or record why not. */
bool
open_embedded_tagger(NerModel *model, NerTagger *tagger)
{
	char		err[256];

	if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
						model, err, sizeof(err)))
	{
		CHECK(false, "embedded model opens: %s", err);
		return false;
	}
	ner_tagger_init(tagger, model);
	return true;
}

/* Check two renderings for equality, showing both when they differ. */
void
check_same(const char *what, const char *got, const char *want)
{
	bool		same = strcmp(got, want) == 0;

	CHECK(same, "%s", what);
	if (!same)
		printf("#   got:  %s\n#   want: %s\n", got, want);
}

/* Store a little-endian u32. */
void
put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t) (v >> (8 * i));
}

/* Reseal a model image: the format's word hash, byte by byte, into its trailer. */
void
reseal(uint8_t *buf, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i + 8 <= len; i += 4)
	{
		uint32_t	w = buf[i] | (buf[i + 1] << 8) | (buf[i + 2] << 16) |
			((uint32_t) buf[i + 3] << 24);

		h = (h ^ w) * 0x100000001b3ULL;
	}
	put32(buf + len - 4, (uint32_t) (h ^ (h >> 32)));
}
