/*
 * wordlist.c
 *	  Binary search of sorted word lists (see wordlist.h).
 */
#include <string.h>

#include "wordlist.h"

/* Compare a counted word with a NUL-terminated entry, as strcmp does. */
static int
compare_word(const char *word, size_t len, const char *entry)
{
	size_t		elen = strlen(entry);
	int			c = memcmp(word, entry, len < elen ? len : elen);

	if (c != 0)
		return c;
	return (len > elen) - (len < elen);
}

/* Binary search of list for word. */
int
nn_wordlist_find(const char *const *list, size_t n, const char *word, size_t len)
{
	size_t		lo = 0;
	size_t		hi = n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		int			c = compare_word(word, len, list[mid]);

		if (c == 0)
			return (int) mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}
