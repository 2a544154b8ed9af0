/*
 * tagger.c
 *	  One entity tagger per backend, kept for the backend's life. The model
 *	  is part of the library's read-only data: opening it only validates it
 *	  and points into it, so every backend shares the same pages. The
 *	  tagger's word cache pays off across documents.
 */
#include "postgres.h"

#include "ner_model.h"
#include "tagger.h"

static NerModel model;
static NerTagger tagger;
static bool ready = false;

/* The backend's tagger; the embedded model is checked once, at first use. */
NerTagger *
nn_pg_tagger(void)
{
	char		err[256];

	if (ready)
		return &tagger;
	if (!ner_model_open(ner_model_blob, ner_model_blob_end - ner_model_blob,
						&model, err, sizeof(err)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("newsnlp's built-in entity model is unusable: %s", err)));
	ner_tagger_init(&tagger, &model);
	ready = true;
	return &tagger;
}
