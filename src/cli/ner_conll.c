/*
 * ner_conll.c
 *	  CoNLL-2003 reader for the NER tools (see ner_conll.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_conll.h"
#include "ner_score.h"

/* Read a whole file. */
char *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t) size + 1);
	if (buf == NULL || fread(buf, 1, (size_t) size, f) != (size_t) size)
	{
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[size] = '\0';
	fclose(f);
	*len = (size_t) size;
	return buf;
}

/* Count lines, an upper bound on tokens, sentences and documents. */
static int64_t
count_lines(const char *s)
{
	int64_t		n = 1;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Parser state while reading. */
typedef struct Parse
{
	ConllCorpus *c;
	const char **tags;			/* tag of each token of the file */
	int64_t		sent_from;		/* first token of the open sentence */
	int64_t		doc_from;		/* first token of the open document */
	int64_t		doc_sent_from;	/* first sentence entry of the open document */
	int64_t		nstarts;		/* entries used in sent_start */
	NerEntity  *ents;
} Parse;

/* Close the open sentence: encode its tags as BILOU labels. */
static bool
close_sentence(Parse *p)
{
	ConllCorpus *c = p->c;
	int			n = (int) (c->ntokens - p->sent_from);
	int			ne;

	if (n == 0)
		return true;
	ne = ner_tags_to_entities(p->tags + p->sent_from, n, p->ents);
	if (ne < 0)
		return false;
	ner_entities_to_labels(p->ents, ne, 0, n, c->gold + p->sent_from);
	c->sent_start[p->nstarts++] = (int32_t) (p->sent_from - p->doc_from);
	c->nsents++;
	p->sent_from = c->ntokens;
	return true;
}

/* Close the open document, if it has tokens. */
static void
close_document(Parse *p)
{
	ConllCorpus *c = p->c;
	NerTrainDoc *d;

	if (c->ntokens == p->doc_from)
		return;
	d = &c->docs[c->ndocs++];
	d->doc.tokens = c->tokens + p->doc_from;
	d->doc.ntokens = (int32_t) (c->ntokens - p->doc_from);
	d->doc.sent_start = c->sent_start + p->doc_sent_from;
	d->doc.nsent = (int32_t) (p->nstarts - p->doc_sent_from);
	d->gold = c->gold + p->doc_from;
	c->sent_start[p->nstarts++] = d->doc.ntokens;
	p->doc_from = c->ntokens;
	p->doc_sent_from = p->nstarts;
}

/* Split one token line into its first and last fields, in place. */
static bool
split_line(char *line, char **token, char **tag)
{
	char	   *end = line + strlen(line);
	char	   *sp;

	while (end > line && isspace((unsigned char) end[-1]))
		*--end = '\0';
	sp = strchr(line, ' ');
	if (sp == NULL)
		sp = strchr(line, '\t');
	if (sp == NULL)
		return false;
	*sp = '\0';
	*token = line;
	*tag = strrchr(sp + 1, ' ');
	if (*tag == NULL)
		*tag = strrchr(sp + 1, '\t');
	*tag = *tag ? *tag + 1 : sp + 1;
	return true;
}

/* Handle one line of the file. */
static bool
parse_line(Parse *p, char *line)
{
	ConllCorpus *c = p->c;
	char	   *token,
			   *tag;

	if (strncmp(line, "-DOCSTART-", 10) == 0)
	{
		if (!close_sentence(p))
			return false;
		close_document(p);
		return true;
	}
	if (strspn(line, " \t\r") == strlen(line))
		return close_sentence(p);
	if (!split_line(line, &token, &tag))
		return false;
	c->tokens[c->ntokens].s = token;
	c->tokens[c->ntokens].len = strlen(token);
	p->tags[c->ntokens] = tag;
	c->ntokens++;
	return true;
}

/* Allocate the corpus arrays for at most n lines. */
static bool
corpus_alloc(ConllCorpus *c, Parse *p, int64_t n)
{
	c->tokens = malloc(sizeof(NerText) * (size_t) n);
	c->gold = malloc((size_t) n);
	c->sent_start = malloc(sizeof(int32_t) * (size_t) (2 * n + 2));
	c->docs = malloc(sizeof(NerTrainDoc) * (size_t) n);
	p->tags = malloc(sizeof(char *) * (size_t) n);
	p->ents = malloc(sizeof(NerEntity) * (size_t) n);
	return c->tokens && c->gold && c->sent_start && c->docs && p->tags && p->ents;
}

/* Read a CoNLL file. */
bool
conll_read(const char *path, ConllCorpus *c, char *err, size_t errlen)
{
	size_t		len;
	Parse		p;
	char	   *line;
	int64_t		lineno = 0;
	bool		ok = true;

	memset(c, 0, sizeof(*c));
	memset(&p, 0, sizeof(p));
	p.c = c;
	c->text = read_file(path, &len);
	if (c->text == NULL)
	{
		snprintf(err, errlen, "cannot read %s", path);
		return false;
	}
	if (!corpus_alloc(c, &p, count_lines(c->text)))
	{
		snprintf(err, errlen, "out of memory");
		return false;
	}
	for (line = c->text; ok && line != NULL; lineno++)
	{
		char	   *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		ok = parse_line(&p, line);
		line = nl ? nl + 1 : NULL;
	}
	ok = ok && close_sentence(&p);
	close_document(&p);
	if (!ok)
		snprintf(err, errlen, "%s: malformed line %lld", path, (long long) lineno);
	free(p.tags);
	free(p.ents);
	return ok;
}

/* A reproducible hash of a sentence number and seed in [0, 1). */
static double
unit_hash(uint64_t k, uint32_t seed)
{
	uint64_t	h = (k + 1) * 0x9E3779B97F4A7C15ULL ^ seed;

	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 29;
	return (double) (h >> 11) / 9007199254740992.0;
}

/* Recase some sentences into copies held in the arena. */
bool
conll_recase(ConllCorpus *c, double frac, uint32_t seed)
{
	size_t		total = 0,
				used = 0;
	int64_t		k = 0;

	for (int64_t t = 0; t < c->ntokens; t++)
		total += c->tokens[t].len;
	c->arena = malloc(total + 1);
	if (c->arena == NULL)
		return false;
	for (int d = 0; d < c->ndocs; d++)
	{
		NerDoc	   *doc = &c->docs[d].doc;

		for (int32_t s = 0; s < doc->nsent; s++, k++)
		{
			double		r = unit_hash((uint64_t) k, seed);
			bool		upper = r < frac / 2;

			if (r >= frac)
				continue;
			for (int32_t t = doc->sent_start[s]; t < doc->sent_start[s + 1]; t++)
			{
				NerText    *tok = (NerText *) &doc->tokens[t];
				char	   *dst = c->arena + used;

				for (size_t i = 0; i < tok->len; i++)
				{
					unsigned char ch = (unsigned char) tok->s[i];

					dst[i] = (char) (ch < 0x80 ? (upper ? toupper(ch) : tolower(ch)) : ch);
				}
				tok->s = dst;
				used += tok->len;
			}
		}
	}
	return true;
}

/* Release a corpus. */
void
conll_free(ConllCorpus *c)
{
	free(c->text);
	free(c->tokens);
	free(c->gold);
	free(c->sent_start);
	free(c->docs);
	free(c->arena);
	memset(c, 0, sizeof(*c));
}

/* Print counts the way conlleval does. */
void
conll_print_score(FILE *out, const NerScore *score)
{
	NerPrf		all = ner_score_prf(score, -1);

	fprintf(out, "processed %lld tokens with %lld phrases; found: %lld phrases; correct: %lld.\n",
			(long long) score->tokens, (long long) all.gold, (long long) all.pred,
			(long long) all.correct);
	fprintf(out, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
			score->tokens ? 100.0 * score->tokens_correct / score->tokens : 0.0,
			all.precision, all.recall, all.f1);
	for (int t = 0; t < NER_NTYPES; t++)
	{
		NerPrf		r = ner_score_prf(score, t);

		fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %lld\n",
				ner_type_name((NerType) t), r.precision, r.recall, r.f1, (long long) r.pred);
	}
}
