/*
 * tagger.h
 *	  The backend's entity tagger over the model compiled into the library.
 */
#ifndef NEWSNLP_TAGGER_H
#define NEWSNLP_TAGGER_H

#include "ner_decode.h"

/* The tagger, set up on first use; raises an error if the model is unusable. */
extern NerTagger *nn_pg_tagger(void);

#endif							/* NEWSNLP_TAGGER_H */
