/*
 * titles.c
 *	  The title word list (see titles.h).
 */
#include "titles.h"
#include "wordlist.h"

/* Sorted by strcmp order. */
static const char *const titles[] = {
	"Adm.", "Admiral", "Ambassador", "Archbishop", "Attorney", "Bishop",
	"Brig.", "Capt.", "Captain", "Cardinal", "Chair", "Chairman",
	"Chairwoman", "Chancellor", "Chief", "Cmdr.", "Col.", "Colonel",
	"Commander", "Commissioner", "Congressman", "Congresswoman",
	"Councillor", "Councilman", "Councilwoman", "Cpl.", "Crown", "Dame",
	"Defence", "Defense", "Deputy", "Director", "Dr", "Dr.", "Economy",
	"Emir", "Emperor", "Empress", "Envoy", "Father", "Finance", "Foreign",
	"Gen.", "General", "Gov.", "Governor", "Health", "Home", "Imam",
	"Interior", "Judge", "Justice", "King", "Lady", "Leader", "Lieutenant",
	"Lord", "Lt.", "Maj.", "Major", "Mayor", "Minister", "Miss", "Mr", "Mr.",
	"Mrs", "Mrs.", "Ms", "Ms.", "Msgr.", "Mullah", "Pastor", "Pope",
	"Premier", "President", "President-elect", "Prime", "Prince", "Princess",
	"Prof.", "Professor", "Queen", "Rabbi", "Rep.", "Representative", "Rev.",
	"Reverend", "Secretary", "Sen.", "Senator", "Sergeant", "Sgt.", "Sheikh",
	"Sir", "Speaker", "Spokesman", "Spokeswoman", "State", "Sultan", "Supt.",
	"Trade", "Treasury", "Vice"
};

/* True for a listed title word. */
bool
nn_is_title_word(const char *word, size_t len)
{
	return len > 0 && len <= 16 &&
		nn_wordlist_find(titles, sizeof(titles) / sizeof(titles[0]), word, len) >= 0;
}
