/*
 * abbrev.c
 *	  The abbreviation table (see abbrev.h).
 */
#include "abbrev.h"
#include "wordlist.h"

/* Sorted by strcmp order; abbrev_kinds gives each one's kind. */
static const char *const abbrev_words[] = {
	"Adm", "Ala", "Apr", "Ariz", "Ark", "Aug", "Ave", "Bros", "Calif",
	"Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del",
	"Dept", "Dr", "Feb", "Fla", "Fr", "Ft", "Ga", "Gen", "Gov", "Hon", "Ill",
	"Inc", "Ind", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd",
	"Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn", "Miss", "Mo",
	"Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Neb", "Nev", "No", "Nos",
	"Nov", "Oct", "Okla", "Ore", "Pa", "Pfc", "Ph.D", "Prof", "Pvt", "Rep",
	"Reps", "Rev", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt",
	"Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "a.m", "approx", "cf",
	"e.g", "est", "etc", "i.e", "no", "p.m", "vs"
};

static const NnAbbrevKind abbrev_kinds[] = {
	NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_MONTH, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_MONTH, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_OTHER,
	NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_TITLE, NN_ABBR_MONTH, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_TITLE, NN_ABBR_MONTH, NN_ABBR_OTHER, NN_ABBR_TITLE,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_TITLE,
	NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_MONTH, NN_ABBR_OTHER, NN_ABBR_MONTH, NN_ABBR_MONTH,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_TITLE,
	NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_MONTH, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_TITLE,
	NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_TITLE,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_NUMBER, NN_ABBR_NUMBER,
	NN_ABBR_MONTH, NN_ABBR_MONTH, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_TITLE,
	NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_TITLE,
	NN_ABBR_TITLE, NN_ABBR_TITLE, NN_ABBR_MONTH, NN_ABBR_MONTH,
	NN_ABBR_TITLE, NN_ABBR_OTHER, NN_ABBR_TITLE, NN_ABBR_TITLE,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_OTHER,
	NN_ABBR_OTHER, NN_ABBR_OTHER, NN_ABBR_NUMBER, NN_ABBR_OTHER,
	NN_ABBR_OTHER
};

_Static_assert(sizeof(abbrev_words) / sizeof(abbrev_words[0]) ==
			   sizeof(abbrev_kinds) / sizeof(abbrev_kinds[0]),
			   "every abbreviation has a kind");

/* Look up a word without its period. */
NnAbbrevKind
nn_abbrev_lookup(const char *word, size_t len)
{
	int			i;

	if (len == 0 || len > 8)
		return NN_ABBR_NONE;
	i = nn_wordlist_find(abbrev_words, sizeof(abbrev_words) / sizeof(abbrev_words[0]),
						 word, len);
	return i < 0 ? NN_ABBR_NONE : abbrev_kinds[i];
}
