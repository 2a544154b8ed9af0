/*
 * ner_lexicon_file.c
 *	  Reading and writing the word-cluster file (see ner_lexicon_file.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_conll.h"
#include "ner_lexicon_file.h"

/* Little-endian u32 at p. */
static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16) |
		((uint32_t) p[3] << 24);
}

/* Read a lexicon file, checking its size and key order. */
bool
lexicon_file_read(const char *path, LexiconFile *lex, char *err, size_t errlen)
{
	size_t		len;
	unsigned char *buf = (unsigned char *) read_file(path, &len);

	memset(lex, 0, sizeof(*lex));
	if (buf == NULL || len < 8 || memcmp(buf, "NNLX", 4) != 0 ||
		(len - 8) / 8 != le32(buf + 4) || (len - 8) % 8 != 0)
	{
		snprintf(err, errlen, "%s: not a lexicon file", path);
		free(buf);
		return false;
	}
	lex->n = le32(buf + 4);
	lex->keys = malloc(sizeof(uint32_t) * ((size_t) lex->n + 1));
	lex->values = malloc(sizeof(uint32_t) * ((size_t) lex->n + 1));
	for (uint32_t i = 0; lex->keys && lex->values && i < lex->n; i++)
	{
		lex->keys[i] = le32(buf + 8 + 4 * (size_t) i);
		lex->values[i] = le32(buf + 8 + 4 * ((size_t) lex->n + i));
		if (i > 0 && lex->keys[i] <= lex->keys[i - 1])
		{
			snprintf(err, errlen, "%s: keys out of order", path);
			free(buf);
			return false;
		}
	}
	free(buf);
	return lex->keys != NULL && lex->values != NULL;
}

/* Write one little-endian u32. */
static void
put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = {(unsigned char) v, (unsigned char) (v >> 8),
	(unsigned char) (v >> 16), (unsigned char) (v >> 24)};

	fwrite(b, 1, 4, f);
}

/* Write a lexicon file. */
bool
lexicon_file_write(const char *path, const LexiconFile *lex)
{
	FILE	   *f = fopen(path, "wb");

	if (f == NULL)
		return false;
	fwrite("NNLX", 1, 4, f);
	put32(f, lex->n);
	for (uint32_t i = 0; i < lex->n; i++)
		put32(f, lex->keys[i]);
	for (uint32_t i = 0; i < lex->n; i++)
		put32(f, lex->values[i]);
	return fclose(f) == 0;
}

/* Release a lexicon. */
void
lexicon_file_free(LexiconFile *lex)
{
	free(lex->keys);
	free(lex->values);
	memset(lex, 0, sizeof(*lex));
}
