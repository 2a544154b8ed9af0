/*
 * stance_data.c
 *	  NewsMTSC JSON lines and lexicon files (see stance_data.h). The JSON
 *	  reader is a small recursive descent over one line that keeps only the
 *	  fields we need and skips any other value whole.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ner_model.h"
#include "stance_data.h"
#include "stance_model.h"

/* Nesting deeper than this is not NewsMTSC and is refused. */
#define MAX_DEPTH 32
#define KEY_BYTES 64

/* A cursor over one JSON line. */
typedef struct Json
{
	const char *p;
	const char *end;
	bool		ok;
} Json;

/* A growing byte buffer for decoded strings. */
typedef struct Buf
{
	char	   *s;
	size_t		len;
	size_t		cap;
} Buf;

/* A target being read, before its spans are converted to bytes. */
typedef struct RawTarget
{
	double		polarity;
	int32_t		first_span;		/* in code points until converted */
	int32_t		nspans;
} RawTarget;

/* Skip white space. */
static void
ws(Json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
		j->p++;
}

/* Consume the character c after white space, or fail. */
static bool
expect(Json *j, char c)
{
	ws(j);
	if (j->ok && j->p < j->end && *j->p == c)
	{
		j->p++;
		return true;
	}
	j->ok = false;
	return false;
}

/* True, consuming it, if the next character is c. */
static bool
accept(Json *j, char c)
{
	ws(j);
	if (j->ok && j->p < j->end && *j->p == c)
	{
		j->p++;
		return true;
	}
	return false;
}

/* Append a byte to a buffer (NULL buffer: discard). */
static void
buf_put(Json *j, Buf *b, char c)
{
	if (b == NULL)
		return;
	if (b->len + 1 >= b->cap)
	{
		size_t		cap = b->cap ? 2 * b->cap : 256;
		char	   *s = realloc(b->s, cap);

		if (s == NULL)
		{
			j->ok = false;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

/* Append a code point as UTF-8. */
static void
buf_put_cp(Json *j, Buf *b, uint32_t cp)
{
	if (cp < 0x80)
		buf_put(j, b, (char) cp);
	else if (cp < 0x800)
	{
		buf_put(j, b, (char) (0xC0 | (cp >> 6)));
		buf_put(j, b, (char) (0x80 | (cp & 0x3F)));
	}
	else if (cp < 0x10000)
	{
		buf_put(j, b, (char) (0xE0 | (cp >> 12)));
		buf_put(j, b, (char) (0x80 | ((cp >> 6) & 0x3F)));
		buf_put(j, b, (char) (0x80 | (cp & 0x3F)));
	}
	else
	{
		buf_put(j, b, (char) (0xF0 | (cp >> 18)));
		buf_put(j, b, (char) (0x80 | ((cp >> 12) & 0x3F)));
		buf_put(j, b, (char) (0x80 | ((cp >> 6) & 0x3F)));
		buf_put(j, b, (char) (0x80 | (cp & 0x3F)));
	}
}

/* Four hex digits of a \u escape. */
static uint32_t
hex4(Json *j)
{
	uint32_t	v = 0;

	for (int i = 0; i < 4; i++, j->p++)
	{
		char		c = j->p < j->end ? *j->p : 0;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t) (c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			v |= (uint32_t) ((c | 0x20) - 'a' + 10);
		else
		{
			j->ok = false;
			return 0;
		}
	}
	return v;
}

/* A \u escape, joining a surrogate pair. */
static uint32_t
unicode_escape(Json *j)
{
	uint32_t	cp = hex4(j);

	if (cp >= 0xD800 && cp < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' && j->p[1] == 'u')
	{
		uint32_t	lo;

		j->p += 2;
		lo = hex4(j);
		if (lo >= 0xDC00 && lo < 0xE000)
			return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		j->ok = false;
	}
	return cp;
}

/* Read a string into b (NULL: skip it), decoding escapes. */
static void
string(Json *j, Buf *b)
{
	static const char esc_in[] = "\"\\/bfnrt";
	static const char esc_out[] = "\"\\/\b\f\n\r\t";

	/* start empty but allocated, so an empty string still reads as present */
	buf_put(j, b, '\0');
	if (b != NULL)
		b->len = 0;
	if (!expect(j, '"'))
		return;
	while (j->ok && j->p < j->end && *j->p != '"')
	{
		const char *e;

		if (*j->p != '\\')
			buf_put(j, b, *j->p++);
		else if (++j->p < j->end && *j->p == 'u')
		{
			j->p++;
			buf_put_cp(j, b, unicode_escape(j));
		}
		else if (j->p < j->end && *j->p && (e = strchr(esc_in, *j->p)) != NULL)
		{
			buf_put(j, b, esc_out[e - esc_in]);
			j->p++;
		}
		else
			j->ok = false;
	}
	expect(j, '"');
}

/* Read a number. */
static double
number(Json *j)
{
	char		tmp[64];
	size_t		n = 0;
	char	   *stop;
	double		v;

	ws(j);
	while (j->p < j->end && n + 1 < sizeof(tmp) && strchr("+-0123456789.eE", *j->p) && *j->p)
		tmp[n++] = *j->p++;
	tmp[n] = '\0';
	v = strtod(tmp, &stop);
	if (n == 0 || *stop != '\0' || !isfinite(v))
		j->ok = false;
	return v;
}

/* Skip any value, to a bounded depth. */
static void
skip(Json *j, int depth)
{
	ws(j);
	if (!j->ok || j->p >= j->end || depth > MAX_DEPTH)
	{
		j->ok = false;
		return;
	}
	if (*j->p == '"')
		string(j, NULL);
	else if (accept(j, '{'))
	{
		if (accept(j, '}'))
			return;
		do
		{
			string(j, NULL);
			expect(j, ':');
			skip(j, depth + 1);
		} while (j->ok && accept(j, ','));
		expect(j, '}');
	}
	else if (accept(j, '['))
	{
		if (accept(j, ']'))
			return;
		do
			skip(j, depth + 1);
		while (j->ok && accept(j, ','));
		expect(j, ']');
	}
	else if (strchr("tfn", *j->p) && *j->p)
		while (j->p < j->end && *j->p >= 'a' && *j->p <= 'z')
			j->p++;
	else
		number(j);
}

/* Read an object key (cut to the buffer) and its colon. */
static void
key(Json *j, char *out)
{
	Buf			b = {0};

	string(j, &b);
	snprintf(out, KEY_BYTES, "%s", b.s ? b.s : "");
	free(b.s);
	expect(j, ':');
}

/* Add a span in code points to the corpus. */
static bool
add_span(StanceCorpus *c, int32_t *cap, double from, double to)
{
	if (c->nspans == *cap)
	{
		int32_t		n = *cap ? 2 * *cap : 1024;
		NnSpan	   *p = realloc(c->spans, sizeof(NnSpan) * n);

		if (p == NULL)
			return false;
		c->spans = p;
		*cap = n;
	}
	if (!(from >= 0 && to > from && to < 1e9))
		return false;
	c->spans[c->nspans].start = (size_t) from;
	c->spans[c->nspans].end = (size_t) to;
	c->nspans++;
	return true;
}

/* Read the value of key k into *from or *to if it is one of them; true if it was. */
static bool
span_bound(Json *j, const char *k, double *from, double *to)
{
	if (strcmp(k, "from") == 0)
		*from = number(j);
	else if (strcmp(k, "to") == 0)
		*to = number(j);
	else
		return false;
	return true;
}

/* A mention object {from, to, ...}; the span is added when both are read. */
static void
mention(Json *j, StanceCorpus *c, int32_t *spancap)
{
	char		k[KEY_BYTES];
	double		from = -1;
	double		to = -1;

	expect(j, '{');
	if (!accept(j, '}'))
		do
		{
			key(j, k);
			if (!span_bound(j, k, &from, &to))
				skip(j, 1);
		} while (j->ok && accept(j, ','));
	expect(j, '}');
	if (j->ok && !add_span(c, spancap, from, to))
		j->ok = false;
}

/*
 * A target object. Its own from/to come first among its spans, so the
 * object is read as a mention whose further_mentions are read in passing.
 */
static void
target(Json *j, StanceCorpus *c, int32_t *spancap, RawTarget *t)
{
	char		k[KEY_BYTES];
	double		from = -1;
	double		to = -1;
	int32_t		further = -1;

	t->first_span = c->nspans;
	t->polarity = 0;
	expect(j, '{');
	if (!accept(j, '}'))
		do
		{
			key(j, k);
			if (span_bound(j, k, &from, &to))
				continue;
			if (strcmp(k, "polarity") == 0)
				t->polarity = number(j);
			else if (strcmp(k, "further_mentions") == 0)
			{
				further = c->nspans;
				expect(j, '[');
				if (!accept(j, ']'))
					do
						mention(j, c, spancap);
					while (j->ok && accept(j, ','));
				expect(j, ']');
			}
			else
				skip(j, 1);
		} while (j->ok && accept(j, ','));
	expect(j, '}');
	if (j->ok && !add_span(c, spancap, from, to))
		j->ok = false;
	if (!j->ok)
		return;
	/* move the target's own span, added last, to the front of its run */
	if (further >= 0)
	{
		NnSpan		own = c->spans[c->nspans - 1];

		memmove(c->spans + t->first_span + 1, c->spans + t->first_span,
				sizeof(NnSpan) * (c->nspans - 1 - t->first_span));
		c->spans[t->first_span] = own;
	}
	t->nspans = c->nspans - t->first_span;
}

/* Label of a NewsMTSC polarity, or -1. */
static int
label_of(double polarity)
{
	return polarity == 2.0 ? STANCE_AGAINST : polarity == 4.0 ? STANCE_NONE :
		polarity == 6.0 ? STANCE_FAVOR : -1;
}

/* Byte offset of each code point of s, and one past the end: ncp + 1 entries. */
static size_t *
cp_offsets(const char *s, size_t len, size_t *ncp)
{
	size_t	   *off = malloc(sizeof(size_t) * (len + 1));
	size_t		n = 0;

	if (off == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			off[n++] = i;
	off[n] = len;
	*ncp = n;
	return off;
}

/* Add a sentence's text to the corpus. */
static bool
add_text(StanceCorpus *c, int32_t *cap, Buf *text)
{
	if (c->ntexts == *cap)
	{
		int32_t		n = *cap ? 2 * *cap : 1024;
		char	  **t = realloc(c->texts, sizeof(char *) * n);
		size_t	   *l = t ? realloc(c->lens, sizeof(size_t) * n) : NULL;

		if (t)
			c->texts = t;
		if (l == NULL)
			return false;
		c->lens = l;
		*cap = n;
	}
	c->texts[c->ntexts] = text->s;
	c->lens[c->ntexts] = text->len;
	c->ntexts++;
	memset(text, 0, sizeof(*text));
	return true;
}

/* Convert a target's spans to bytes and add it; false if they do not fit the text. */
static bool
add_target(StanceCorpus *c, int32_t *cap, const RawTarget *t, const size_t *off, size_t ncp)
{
	int			label = label_of(t->polarity);

	if (label < 0)
		return false;
	for (int32_t s = t->first_span; s < t->first_span + t->nspans; s++)
	{
		if (c->spans[s].end > ncp)
			return false;
		c->spans[s].start = off[c->spans[s].start];
		c->spans[s].end = off[c->spans[s].end];
	}
	if (c->ntargets == *cap)
	{
		int32_t		n = *cap ? 2 * *cap : 1024;
		StanceTarget *p = realloc(c->targets, sizeof(StanceTarget) * n);

		if (p == NULL)
			return false;
		c->targets = p;
		*cap = n;
	}
	c->targets[c->ntargets].text = c->ntexts - 1;
	c->targets[c->ntargets].first_span = t->first_span;
	c->targets[c->ntargets].nspans = t->nspans;
	c->targets[c->ntargets].label = (StanceLabel) label;
	c->ntargets++;
	return true;
}

/* Capacities of the corpus arrays while reading. */
typedef struct Caps
{
	int32_t		texts;
	int32_t		targets;
	int32_t		spans;
} Caps;

/* Parse one line: the sentence, then its targets (whichever order they come in). */
static bool
parse_line(const char *line, size_t len, StanceCorpus *c, Caps *caps)
{
	Json		j = {line, line + len, true};
	Buf			text = {0};
	RawTarget	raw[256];
	int			nraw = 0;
	char		k[KEY_BYTES];
	size_t		ncp;
	size_t	   *off;
	bool		ok;

	expect(&j, '{');
	if (!accept(&j, '}'))
		do
		{
			key(&j, k);
			if (strcmp(k, "sentence_normalized") == 0)
				string(&j, &text);
			else if (strcmp(k, "targets") == 0)
			{
				expect(&j, '[');
				if (!accept(&j, ']'))
					do
					{
						if (nraw == 256)
							j.ok = false;
						else
							target(&j, c, &caps->spans, &raw[nraw++]);
					} while (j.ok && accept(&j, ','));
				expect(&j, ']');
			}
			else
				skip(&j, 1);
		} while (j.ok && accept(&j, ','));
	expect(&j, '}');
	ok = j.ok && text.s != NULL && (off = cp_offsets(text.s, text.len, &ncp)) != NULL;
	if (ok)
	{
		ok = add_text(c, &caps->texts, &text);
		for (int i = 0; ok && i < nraw; i++)
			ok = add_target(c, &caps->targets, &raw[i], off, ncp);
		free(off);
	}
	free(text.s);
	return ok;
}

/* Read a corpus of JSON lines. */
bool
stance_corpus_read(const char *path, StanceCorpus *c, char *err, size_t errlen)
{
	FILE	   *fp = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	long		lineno = 0;
	Caps		caps = {0};

	memset(c, 0, sizeof(*c));
	if (fp == NULL)
	{
		snprintf(err, errlen, "%s: cannot open", path);
		return false;
	}
	while ((n = getline(&line, &cap, fp)) >= 0)
	{
		lineno++;
		if (n > 0 && strspn(line, " \t\r\n") == (size_t) n)
			continue;
		if (!parse_line(line, (size_t) n, c, &caps))
		{
			snprintf(err, errlen, "%s:%ld: malformed or unsupported record", path, lineno);
			free(line);
			fclose(fp);
			return false;
		}
	}
	free(line);
	fclose(fp);
	return true;
}

/* Release a corpus. */
void
stance_corpus_free(StanceCorpus *c)
{
	for (int32_t i = 0; i < c->ntexts; i++)
		free(c->texts[i]);
	free(c->texts);
	free(c->lens);
	free(c->targets);
	free(c->spans);
	memset(c, 0, sizeof(*c));
}

/* Read a lexicon file into a table. */
bool
stance_lexicon_read(const char *path, StanceLexicon *lex, int *nwords, char *err, size_t errlen)
{
	FILE	   *fp = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	char	  **words = NULL;
	int32_t    *vals = NULL;
	int			n = 0;
	int			room = 0;
	bool		ok = true;

	if (fp == NULL)
	{
		snprintf(err, errlen, "%s: cannot open", path);
		return false;
	}
	while (ok && getline(&line, &cap, fp) >= 0)
	{
		char	   *tab = strchr(line, '\t');
		char	   *stop;
		double		v;

		if (line[0] == '#' || line[0] == '\n' || tab == NULL)
			continue;
		*tab = '\0';
		v = strtod(tab + 1, &stop);
		if (stop == tab + 1 || !isfinite(v))
			continue;
		if (n == room)
		{
			room = room ? 2 * room : 8192;
			words = realloc(words, sizeof(char *) * room);
			vals = realloc(vals, sizeof(int32_t) * room);
			ok = words && vals;
			if (!ok)
				break;
		}
		words[n] = strdup(line);
		vals[n] = (int32_t) lrint(v * 100.0);
		ok = words[n++] != NULL;
	}
	ok = ok && stance_lexicon_build((const char *const *) words, vals, n, lex);
	if (!ok)
		snprintf(err, errlen, "%s: out of memory", path);
	for (int i = 0; i < n; i++)
		free(words[i]);
	free(words);
	free(vals);
	free(line);
	fclose(fp);
	*nwords = n;
	return ok;
}

/* Read a whole file. */
uint8_t *
stance_read_file(const char *path, size_t *len)
{
	FILE	   *fp = fopen(path, "rb");
	uint8_t    *buf = NULL;
	long		n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
		(buf = malloc((size_t) n + 4)) != NULL && fread(buf, 1, (size_t) n, fp) == (size_t) n)
		*len = (size_t) n;
	else
	{
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return buf;
}

/* Load an entity model for its word clusters (see stance_data.h). */
const NerLexicon *
stance_clusters_read(const char *path)
{
	size_t		len = 0;
	uint8_t    *img;
	NerModel   *m;
	char		err[256];

	if (path == NULL)
		return NULL;
	img = stance_read_file(path, &len);
	m = img ? ner_model_load(img, len, err, sizeof(err)) : NULL;
	free(img);
	if (m == NULL)
	{
		fprintf(stderr, "%s: %s\n", path, img ? err : "cannot read");
		exit(1);
	}
	return &m->lex;
}
