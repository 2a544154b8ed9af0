/*
 * abbrev.c
 *	  The abbreviation table (see abbrev.h), searched by binary search.
 */
#include <string.h>

#include "abbrev.h"

typedef struct AbbrevEntry
{
	const char *word;
	NnAbbrevKind kind;
} AbbrevEntry;

/* Sorted by strcmp order of word. */
static const AbbrevEntry abbrevs[] = {
	{"Adm", NN_ABBR_TITLE}, {"Ala", NN_ABBR_OTHER}, {"Apr", NN_ABBR_MONTH},
	{"Ariz", NN_ABBR_OTHER}, {"Ark", NN_ABBR_OTHER}, {"Aug", NN_ABBR_MONTH},
	{"Ave", NN_ABBR_OTHER}, {"Bros", NN_ABBR_OTHER}, {"Calif", NN_ABBR_OTHER},
	{"Capt", NN_ABBR_TITLE}, {"Cmdr", NN_ABBR_TITLE}, {"Co", NN_ABBR_OTHER},
	{"Col", NN_ABBR_TITLE}, {"Colo", NN_ABBR_OTHER}, {"Conn", NN_ABBR_OTHER},
	{"Corp", NN_ABBR_OTHER}, {"Cpl", NN_ABBR_TITLE}, {"Dec", NN_ABBR_MONTH},
	{"Del", NN_ABBR_OTHER}, {"Dept", NN_ABBR_OTHER}, {"Dr", NN_ABBR_TITLE},
	{"Feb", NN_ABBR_MONTH}, {"Fla", NN_ABBR_OTHER}, {"Fr", NN_ABBR_TITLE},
	{"Ft", NN_ABBR_OTHER}, {"Ga", NN_ABBR_OTHER}, {"Gen", NN_ABBR_TITLE},
	{"Gov", NN_ABBR_TITLE}, {"Hon", NN_ABBR_TITLE}, {"Ill", NN_ABBR_OTHER},
	{"Inc", NN_ABBR_OTHER}, {"Ind", NN_ABBR_OTHER}, {"Jan", NN_ABBR_MONTH},
	{"Jr", NN_ABBR_OTHER}, {"Jul", NN_ABBR_MONTH}, {"Jun", NN_ABBR_MONTH},
	{"Kan", NN_ABBR_OTHER}, {"Ky", NN_ABBR_OTHER}, {"La", NN_ABBR_OTHER},
	{"Lt", NN_ABBR_TITLE}, {"Ltd", NN_ABBR_OTHER}, {"Maj", NN_ABBR_TITLE},
	{"Mar", NN_ABBR_MONTH}, {"Mass", NN_ABBR_OTHER}, {"Md", NN_ABBR_OTHER},
	{"Messrs", NN_ABBR_TITLE}, {"Mich", NN_ABBR_OTHER}, {"Minn", NN_ABBR_OTHER},
	{"Miss", NN_ABBR_OTHER}, {"Mo", NN_ABBR_OTHER}, {"Mont", NN_ABBR_OTHER},
	{"Mr", NN_ABBR_TITLE}, {"Mrs", NN_ABBR_TITLE}, {"Ms", NN_ABBR_TITLE},
	{"Msgr", NN_ABBR_TITLE}, {"Mt", NN_ABBR_TITLE}, {"Neb", NN_ABBR_OTHER},
	{"Nev", NN_ABBR_OTHER}, {"No", NN_ABBR_NUMBER}, {"Nos", NN_ABBR_NUMBER},
	{"Nov", NN_ABBR_MONTH}, {"Oct", NN_ABBR_MONTH}, {"Okla", NN_ABBR_OTHER},
	{"Ore", NN_ABBR_OTHER}, {"Pa", NN_ABBR_OTHER}, {"Pfc", NN_ABBR_TITLE},
	{"Ph.D", NN_ABBR_OTHER}, {"Prof", NN_ABBR_TITLE}, {"Pvt", NN_ABBR_TITLE},
	{"Rep", NN_ABBR_TITLE}, {"Reps", NN_ABBR_TITLE}, {"Rev", NN_ABBR_TITLE},
	{"Sen", NN_ABBR_TITLE}, {"Sens", NN_ABBR_TITLE}, {"Sep", NN_ABBR_MONTH},
	{"Sept", NN_ABBR_MONTH}, {"Sgt", NN_ABBR_TITLE}, {"Sr", NN_ABBR_OTHER},
	{"St", NN_ABBR_TITLE}, {"Supt", NN_ABBR_TITLE}, {"Tenn", NN_ABBR_OTHER},
	{"Tex", NN_ABBR_OTHER}, {"Va", NN_ABBR_OTHER}, {"Vt", NN_ABBR_OTHER},
	{"Wash", NN_ABBR_OTHER}, {"Wis", NN_ABBR_OTHER}, {"Wyo", NN_ABBR_OTHER},
	{"a.m", NN_ABBR_OTHER}, {"approx", NN_ABBR_OTHER}, {"cf", NN_ABBR_OTHER},
	{"e.g", NN_ABBR_OTHER}, {"est", NN_ABBR_OTHER}, {"etc", NN_ABBR_OTHER},
	{"i.e", NN_ABBR_OTHER}, {"no", NN_ABBR_NUMBER}, {"p.m", NN_ABBR_OTHER},
	{"vs", NN_ABBR_OTHER}
};

/* Compare a counted word with a NUL-terminated table entry, as strcmp does. */
static int
compare_word(const char *word, size_t len, const char *entry)
{
	size_t		elen = strlen(entry);
	int			c = memcmp(word, entry, len < elen ? len : elen);

	if (c != 0)
		return c;
	return (len > elen) - (len < elen);
}

/* Binary search of the table. */
NnAbbrevKind
nn_abbrev_lookup(const char *word, size_t len)
{
	size_t		lo = 0;
	size_t		hi = sizeof(abbrevs) / sizeof(abbrevs[0]);

	if (len == 0 || len > 8)
		return NN_ABBR_NONE;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			c = compare_word(word, len, abbrevs[mid].word);

		if (c == 0)
			return abbrevs[mid].kind;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NN_ABBR_NONE;
}
