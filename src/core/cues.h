/*
 * cues.h
 *	  Reporting verbs of news copy ("said", "told", "argues", "tweeted")
 *	  mapped to their lemma. The lexicon holds the 55 verbs of Krestel et al.
 *	  (2008) and the usual verbs of news attribution; every inflection is
 *	  recognised by undoing regular endings, and a short table covers the
 *	  irregular forms.
 */
#ifndef NN_CUES_H
#define NN_CUES_H

#include "nn_common.h"

/* Whether a cue form is the bare lemma or an inflected form. */
typedef enum NnCueForm
{
	NN_CUE_NONE = 0,			/* not a reporting verb */
	NN_CUE_BARE,				/* "say", "tweet": also a noun or an infinitive */
	NN_CUE_INFLECTED			/* "said", "says", "tweeted", "arguing" */
} NnCueForm;

/*
 * If word[0..len) (any case) is a reporting verb, set *lemma to its lemma
 * (a static string) and return its form; otherwise return NN_CUE_NONE.
 */
extern NnCueForm nn_cue_lookup(const char *word, size_t len, const char **lemma);

/*
 * The word that must follow a lemma for it to report speech ("out" after
 * "point", "clear" after "make"), or NULL when it reports speech alone.
 */
extern const char *nn_cue_particle(const char *lemma);

#endif							/* NN_CUES_H */
