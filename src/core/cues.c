/*
 * cues.c
 *	  The reporting-verb lexicon (see cues.h).
 */
#include <string.h>

#include "cues.h"
#include "wordlist.h"

/* Longest word worth looking up; reporting verbs are shorter. */
#define CUE_MAX_WORD 24

/*
 * Lemmas, sorted in strcmp order. They are meant to cover the 55 reporting
 * verbs of Krestel et al. (2008) -- among them say, tell, add, note, argue,
 * claim, explain, insist, warn, report, announce, confirm, deny, admit,
 * acknowledge, suggest, urge, state, stress, declare, assert, maintain,
 * estimate, predict, promise, reveal, describe, accuse, criticize, complain,
 * concede, conclude, contend, recall, reply, respond, remark, comment,
 * mention, observe, allege, agree, answer, ask, advise, emphasize, write,
 * testify, vow, swear, caution, charge, disclose, reiterate, proclaim --
 * (the published table could not be checked here; "ask" and "call" report
 * questions and descriptions, which news attributes like speech).
 */
static const char *const lemmas[] = {
	"accuse", "acknowledge", "add", "admit", "advise", "agree", "allege",
	"announce", "answer", "apologize", "argue", "ask", "assert", "assure",
	"blame", "blast", "boast", "brag", "call", "caution", "chant", "charge",
	"chide", "claim", "comment", "complain", "concede", "conclude",
	"concur", "confirm", "contend", "continue", "counter", "criticise",
	"criticize", "declare", "decry", "demand", "deny", "describe",
	"disclose", "dismiss", "elaborate", "email", "emphasise", "emphasize",
	"estimate", "exclaim", "explain", "hint", "insist", "joke", "lament",
	"lash", "maintain", "make", "mention", "muse", "note", "observe",
	"pledge", "point", "post", "predict", "proclaim", "promise", "quip",
	"reaffirm", "recall", "recommend", "recount", "reiterate", "reject",
	"remark", "remind", "reply", "report", "respond", "retort", "reveal",
	"say", "scoff", "shout", "slam", "snap", "speculate", "state", "stress",
	"suggest", "swear", "tell", "testify", "threaten", "tout", "tweet",
	"underscore", "urge", "vow", "warn", "wonder", "write", "yell"
};

/* Irregular forms and their lemmas, sorted by form in strcmp order. */
static const char *const irregular_forms[] = {
	"made", "said", "saying", "says", "swore", "sworn", "told", "written", "wrote"
};
static const char *const irregular_lemmas[] = {
	"make", "say", "say", "say", "swear", "swear", "tell", "write", "write"
};

/* Lemmas that report speech only with a particle, sorted by lemma. */
static const char *const particle_lemmas[] = {"make", "point"};
static const char *const particles[] = {"clear", "out"};

#define NLEMMAS (sizeof(lemmas) / sizeof(lemmas[0]))
#define NIRREGULAR (sizeof(irregular_forms) / sizeof(irregular_forms[0]))
#define NPARTICLE (sizeof(particle_lemmas) / sizeof(particle_lemmas[0]))

/* The lemma string for stem[0..len), or NULL when it is not listed. */
static const char *
find_lemma(const char *stem, size_t len)
{
	int			i = nn_wordlist_find(lemmas, NLEMMAS, stem, len);

	return i >= 0 ? lemmas[i] : NULL;
}

/* Try stem[0..len) + suffix as a lemma (suffix restores a dropped letter). */
static const char *
try_stem(const char *w, size_t len, const char *suffix)
{
	char		buf[CUE_MAX_WORD + 4];
	size_t		slen = strlen(suffix);

	if (len == 0 || len + slen > sizeof(buf))
		return NULL;
	memcpy(buf, w, len);
	memcpy(buf + len, suffix, slen);
	return find_lemma(buf, len + slen);
}

/* Undo a regular ending whose removal leaves stem length len. */
static const char *
undo_ending(const char *w, size_t len)
{
	const char *l;

	if ((l = try_stem(w, len, "")) != NULL || (l = try_stem(w, len, "e")) != NULL)
		return l;
	/* a doubled final consonant: admitted, quipping */
	if (len >= 2 && w[len - 1] == w[len - 2])
		return try_stem(w, len - 1, "");
	return NULL;
}

/* The lemma of a regular inflection of w[0..len), or NULL. */
static const char *
regular_lemma(const char *w, size_t len)
{
	if (len > 3 && memcmp(w + len - 3, "ing", 3) == 0)
		return undo_ending(w, len - 3);
	if (len > 3 && memcmp(w + len - 3, "ies", 3) == 0)
		return try_stem(w, len - 3, "y");
	if (len > 3 && memcmp(w + len - 3, "ied", 3) == 0)
		return try_stem(w, len - 3, "y");
	if (len > 2 && memcmp(w + len - 2, "ed", 2) == 0)
		return undo_ending(w, len - 2);
	if (len > 2 && memcmp(w + len - 2, "es", 2) == 0)
	{
		const char *l = try_stem(w, len - 2, "");

		return l ? l : try_stem(w, len - 1, "");
	}
	if (len > 1 && w[len - 1] == 's')
		return try_stem(w, len - 1, "");
	return NULL;
}

/* Look up a reporting verb in any case and inflection. */
NnCueForm
nn_cue_lookup(const char *word, size_t len, const char **lemma)
{
	char		w[CUE_MAX_WORD];
	const char *l;
	int			i;

	if (len < 3 || len > CUE_MAX_WORD)
		return NN_CUE_NONE;
	for (size_t k = 0; k < len; k++)
	{
		char		c = word[k];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		else if (c < 'a' || c > 'z')
			return NN_CUE_NONE;
		w[k] = c;
	}
	if ((l = find_lemma(w, len)) != NULL)
	{
		*lemma = l;
		return NN_CUE_BARE;
	}
	if ((i = nn_wordlist_find(irregular_forms, NIRREGULAR, w, len)) >= 0)
		l = irregular_lemmas[i];
	else
		l = regular_lemma(w, len);
	if (l == NULL)
		return NN_CUE_NONE;
	*lemma = l;
	return NN_CUE_INFLECTED;
}

/* The particle lemma needs ("out" for "point out"), or NULL. */
const char *
nn_cue_particle(const char *lemma)
{
	int			i = nn_wordlist_find(particle_lemmas, NPARTICLE, lemma, strlen(lemma));

	return i >= 0 ? particles[i] : NULL;
}
