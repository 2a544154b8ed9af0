/*
 * conll_docs.c
 *	  conll-docs: turn a CoNLL-2003 file into documents to load into
 *	  PostgreSQL and their gold entities as character spans, so the SQL
 *	  function can be scored on text rather than on given tokens.
 *
 *	  conll-docs [--docs FILE] [--gold FILE] [--text FILE] CONLL
 *
 *	  A document's body is its tokens joined by single spaces, one sentence
 *	  a line; documents are numbered from 1 in file order (-DOCSTART- lines
 *	  separate them). --docs writes "id<TAB>body" in COPY's text format;
 *	  --gold writes "id<TAB>pos<TAB>len<TAB>LABEL", pos 1-based and both
 *	  counted in characters as substr() counts them; --text writes the
 *	  bodies as plain text, a blank line between documents. The counts go
 *	  to standard output. Tags are IOB1 as in the original files: I-X
 *	  continues an entity of type X and B-X starts one next to another.
 */
#include <stdlib.h>
#include <string.h>

#include "span_score.h"

/* The document being read and the entity open in it. */
typedef struct Reader
{
	FILE	   *docs;			/* outputs, each may be NULL */
	FILE	   *gold;
	FILE	   *text;
	char	   *body;			/* the document so far */
	size_t		len;
	size_t		cap;
	int64_t		chars;			/* characters in body */
	int			sent_tokens;	/* tokens in the current sentence */
	int			open_label;		/* label of the open entity, or -1 */
	int64_t		open_pos;		/* its first character, 0-based */
	int64_t		open_end;		/* character just past its last token */
	/* counts */
	int64_t		ndocs;
	int64_t		nsents;
	int64_t		ntokens;
	int64_t		nentities;
} Reader;

/* Exit with a message, naming the line if lineno > 0. */
static void
fail(const char *path, long lineno, const char *msg)
{
	if (lineno > 0)
		fprintf(stderr, "%s:%ld: %s\n", path, lineno, msg);
	else
		fprintf(stderr, "%s: %s\n", path, msg);
	exit(1);
}

/* Append bytes to the body, counting its characters (bytes that do not continue a UTF-8 sequence). */
static void
append(Reader *r, const char *s, size_t n)
{
	if (r->len + n > r->cap)
	{
		r->cap = r->cap ? 2 * r->cap : 65536;
		while (r->cap < r->len + n)
			r->cap *= 2;
		if ((r->body = realloc(r->body, r->cap)) == NULL)
			fail("conll-docs", 0, "out of memory");
	}
	memcpy(r->body + r->len, s, n);
	r->len += n;
	for (size_t i = 0; i < n; i++)
		r->chars += ((unsigned char) s[i] & 0xC0) != 0x80;
}

/* Write the open entity, if any, as a gold span. */
static void
close_entity(Reader *r)
{
	if (r->open_label < 0)
		return;
	if (r->gold)
		fprintf(r->gold, "%lld\t%lld\t%lld\t%s\n", (long long) r->ndocs + 1,
				(long long) r->open_pos + 1, (long long) (r->open_end - r->open_pos),
				span_label_name(r->open_label));
	r->nentities++;
	r->open_label = -1;
}

/* End the current sentence. */
static void
end_sentence(Reader *r)
{
	close_entity(r);
	if (r->sent_tokens > 0)
		r->nsents++;
	r->sent_tokens = 0;
}

/* Write a string in COPY's text format, escaping what it would misread. */
static void
write_copy_text(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		switch (s[i])
		{
			case '\\':
				fputs("\\\\", out);
				break;
			case '\t':
				fputs("\\t", out);
				break;
			case '\n':
				fputs("\\n", out);
				break;
			case '\r':
				fputs("\\r", out);
				break;
			default:
				fputc(s[i], out);
		}
	}
}

/* End the current document, writing it out if it has any text. */
static void
end_document(Reader *r)
{
	end_sentence(r);
	if (r->len == 0)
		return;
	r->ndocs++;
	if (r->docs)
	{
		fprintf(r->docs, "%lld\t", (long long) r->ndocs);
		write_copy_text(r->docs, r->body, r->len);
		fputc('\n', r->docs);
	}
	if (r->text)
	{
		fwrite(r->body, 1, r->len, r->text);
		fputs("\n\n", r->text);
	}
	r->len = 0;
	r->chars = 0;
}

/* The label of an IOB1 tag into *label (-1 for O), and whether it is B-; false if malformed. */
static bool
parse_tag(const char *tag, size_t n, int *label, bool *begin)
{
	*label = -1;
	*begin = false;
	if (n == 1 && tag[0] == 'O')
		return true;
	if (n < 3 || (tag[0] != 'I' && tag[0] != 'B') || tag[1] != '-')
		return false;
	*begin = tag[0] == 'B';
	for (int i = 0; i < SPAN_NLABELS; i++)
	{
		const char *name = span_label_name(i);

		if (strlen(name) == n - 2 && memcmp(name, tag + 2, n - 2) == 0)
			*label = i;
	}
	return *label >= 0;
}

/* Add one token with its tag to the document. */
static void
add_token(Reader *r, const char *tok, size_t toklen, int label, bool begin)
{
	if (r->sent_tokens > 0)
		append(r, " ", 1);
	else if (r->len > 0)
		append(r, "\n", 1);
	if (r->open_label >= 0 && (label != r->open_label || begin))
		close_entity(r);
	if (label >= 0 && r->open_label < 0)
	{
		r->open_label = label;
		r->open_pos = r->chars;
	}
	append(r, tok, toklen);
	if (label >= 0)
		r->open_end = r->chars;
	r->sent_tokens++;
	r->ntokens++;
}

/* Handle one line: a document break, a sentence break or a token; false if malformed. */
static bool
read_line(Reader *r, char *line)
{
	const char *sep = " \t\r\n";
	char	   *tok = strtok(line, sep);
	char	   *tag = NULL;
	char	   *field;
	int			label;
	bool		begin;

	if (tok == NULL)
	{
		end_sentence(r);
		return true;
	}
	if (strcmp(tok, "-DOCSTART-") == 0)
	{
		end_document(r);
		return true;
	}
	while ((field = strtok(NULL, sep)) != NULL)
		tag = field;
	if (tag == NULL || !parse_tag(tag, strlen(tag), &label, &begin))
		return false;
	add_token(r, tok, strlen(tok), label, begin);
	return true;
}

/* Open an output file, or exit. */
static FILE *
open_out(const char *path)
{
	FILE	   *f = fopen(path, "w");

	if (f == NULL)
	{
		perror(path);
		exit(1);
	}
	return f;
}

/* Flush and close an output file, or exit if writing failed. */
static void
close_out(FILE *f, const char *path)
{
	if (f != NULL && (ferror(f) || fclose(f) != 0))
		fail(path, 0, "write failed");
}

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: conll-docs [--docs FILE] [--gold FILE] [--text FILE] CONLL\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *paths[3] = {NULL, NULL, NULL};	/* docs, gold, text */
	const char *opts[3] = {"--docs", "--gold", "--text"};
	Reader		r;
	FILE	   *in;
	char	   *line = NULL;
	size_t		linecap = 0;
	long		lineno = 0;
	int			i;

	for (i = 1; i + 1 < argc && argv[i][0] == '-'; i += 2)
	{
		int			k = 0;

		while (k < 3 && strcmp(argv[i], opts[k]) != 0)
			k++;
		if (k == 3)
			usage();
		paths[k] = argv[i + 1];
	}
	if (argc - i != 1)
		usage();
	if ((in = fopen(argv[i], "r")) == NULL)
	{
		perror(argv[i]);
		return 1;
	}
	memset(&r, 0, sizeof(r));
	r.open_label = -1;
	r.docs = paths[0] ? open_out(paths[0]) : NULL;
	r.gold = paths[1] ? open_out(paths[1]) : NULL;
	r.text = paths[2] ? open_out(paths[2]) : NULL;
	while (getline(&line, &linecap, in) >= 0)
	{
		lineno++;
		if (!read_line(&r, line))
			fail(argv[i], lineno, "expected a token, optional columns and an IOB1 tag");
	}
	end_document(&r);
	fclose(in);
	close_out(r.docs, paths[0]);
	close_out(r.gold, paths[1]);
	close_out(r.text, paths[2]);
	printf("%lld documents, %lld sentences, %lld tokens, %lld entities\n",
		   (long long) r.ndocs, (long long) r.nsents, (long long) r.ntokens,
		   (long long) r.nentities);
	free(line);
	free(r.body);
	return 0;
}
