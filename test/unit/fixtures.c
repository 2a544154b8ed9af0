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
