/*
 * wordlist.c
 *	  Binary search of sorted word lists (see wordlist.h).
 */
#include "wordlist.h"

/*
 * Compare a counted word with a NUL-terminated entry, as strcmp does, in one
 * pass: most probes of a search differ at the first byte.
 */
static int
compare_word(const char *word, size_t len, const char *entry)
{
	for (size_t i = 0; i < len; i++)
	{
		unsigned char w = (unsigned char) word[i];
		unsigned char e = (unsigned char) entry[i];

		if (e == '\0' || w != e)
			return e == '\0' ? 1 : (int) w - (int) e;
	}
	return entry[len] == '\0' ? 0 : -1;
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
