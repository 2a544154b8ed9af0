/*
 * fuzz_ner_model.c
 *	  libFuzzer harness over model image validation: ner_model_open must
 *	  reject any corrupt image with a message, never read outside it, and a
 *	  model it accepts must tag text without crashing or looping. The input
 *	  is an image; the harness first writes the right size and checksum into
 *	  it (on inputs long enough), so mutations reach the checks of the
 *	  structure behind them instead of all failing the checksum.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "model_image.h"
#include "ner_model.h"

/* Size field offset, after the magic and the version. */
#define SIZE_OFFSET 8

static const char text[] =
	"Officials in Oslo said Mara Lindqvist of Northfield University met NATO envoys. "
	"“We will not be rushed,” she said on Jan. 14.";

/* Report a broken invariant and abort so libFuzzer keeps the input. */
static void
fail(const char *what, size_t a, size_t b)
{
	fprintf(stderr, "invariant broken: %s (%zu, %zu)\n", what, a, b);
	abort();
}

/* Tag the fixed text with an accepted model and check every mention's span. */
static void
tag_with(const NerModel *model)
{
	NerTagger	tagger;
	NnEntityExtractor ex;
	const NnEntity *ents;
	size_t		len = sizeof(text) - 1;
	int			n;

	ner_tagger_init(&tagger, model);
	if (nn_entities_begin(&ex, &tagger, NULL, text, len) != NN_OK)
		fail("extraction starts", len, 0);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
		for (int i = 0; i < n; i++)
			if (ents[i].start >= ents[i].end || ents[i].end > len)
				fail("span inside the text", ents[i].start, ents[i].end);
	if (ex.status != NN_OK)
		fail("extraction ends without an error", (size_t) ex.status, 0);
	nn_entities_end(&ex);
	ner_tagger_free(&tagger);
}

/* Open the input as a model image, with size and checksum made right. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t		len = size - size % 4;
	uint8_t    *image = malloc(len ? len : 1);	/* exact size: ASan sees any overread */
	NerModel	model;
	char		err[256];

	if (image == NULL)
		return 0;
	memcpy(image, data, len);
	if (len >= SIZE_OFFSET + 8)
	{
		uint32_t	n = (uint32_t) len;

		memcpy(image + SIZE_OFFSET, &n, 4);
		model_image_seal(image, len);
	}
	if (ner_model_open(image, len, &model, err, sizeof(err)))
		tag_with(&model);
	else if (strncmp(err, "invalid NER model: ", 19) != 0)
		fail("a rejection explains itself", len, 0);
	free(image);
	return 0;
}
