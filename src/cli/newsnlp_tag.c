/*
 * newsnlp_tag.c
 *	  newsnlp-tag: the entities of a UTF-8 text through the same core
 *	  pipeline as newsnlp.entities(), one line per mention:
 *		pos<TAB>len<TAB>label<TAB>mention<TAB>canonical<TAB>score
 *	  with pos 1-based and both counted in characters, as in SQL. With
 *	  --bench N, tags the text N times instead and prints tokens per second
 *	  of CPU time, with and without the tokenizer's share.
 *
 *	  newsnlp-tag [--model FILE] [--bench N] [FILE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entities.h"
#include "ner_model.h"

#define DEFAULT_MODEL "data/ner/ner-en.model"

/* CPU seconds of this thread: steady when other work shares the cores. */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Exit with a message. */
static void
fail(const char *what, const char *msg)
{
	fprintf(stderr, "newsnlp-tag: %s: %s\n", what, msg);
	exit(1);
}

/* Read a whole stream; exits on failure. */
static char *
slurp(FILE *f, const char *name, size_t *len)
{
	char	   *buf = NULL;
	size_t		cap = 0;
	size_t		got;

	*len = 0;
	do
	{
		if (*len == cap)
		{
			cap = cap ? 2 * cap : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				fail(name, "out of memory");
		}
		got = fread(buf + *len, 1, cap - *len, f);
		*len += got;
	} while (got > 0);
	if (ferror(f))
		fail(name, "read failed");
	return buf;
}

/* Read a file, or standard input for NULL or "-". */
static char *
read_input(const char *path, size_t *len)
{
	FILE	   *f;
	char	   *buf;

	if (path == NULL || strcmp(path, "-") == 0)
		return slurp(stdin, "standard input", len);
	if ((f = fopen(path, "rb")) == NULL)
		fail(path, "cannot open");
	buf = slurp(f, path, len);
	fclose(f);
	return buf;
}

/* Load and check the model file; exits on failure. */
static NerModel *
load_model(const char *path)
{
	size_t		len;
	char	   *buf = read_input(path, &len);
	char		err[256];
	NerModel   *model = ner_model_load(buf, len, err, sizeof(err));

	if (model == NULL)
		fail(path, err);
	free(buf);
	return model;
}

/* Characters in s[0..n): bytes that do not continue a UTF-8 sequence. */
static size_t
count_chars(const char *s, size_t n)
{
	size_t		chars = 0;

	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char) s[i] & 0xC0) != 0x80;
	return chars;
}

/* Write bytes with tabs and line breaks as spaces, so each mention stays one field. */
static void
put_field(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		putchar(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
}

/* Start an extraction without a user dictionary, as entities() does by default; or exit. */
static void
begin(NnEntityExtractor *ex, NerTagger *tg, const char *text, size_t len)
{
	if (nn_entities_begin(ex, tg, NULL, text, len) != NN_OK)
		fail("tokenizer", "ICU failed");
}

/* Finish an extraction, exiting if the core failed along the way. */
static void
finish(NnEntityExtractor *ex)
{
	NnStatus	status = ex->status;

	nn_entities_end(ex);
	if (status != NN_OK)
		fail("tagging", status == NN_ERR_NOMEM ? "out of memory" : "ICU failed");
}

/* Print every mention; positions advance in step with the mentions, which come in order. */
static void
tag(NerTagger *tg, const char *text, size_t len)
{
	NnEntityExtractor ex;
	const NnEntity *ents;
	size_t		byte = 0;
	size_t		chars = 0;
	int			n;

	begin(&ex, tg, text, len);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
	{
		for (int i = 0; i < n; i++)
		{
			const NnEntity *e = &ents[i];

			chars += count_chars(text + byte, e->start - byte);
			byte = e->start;
			printf("%zu\t%zu\t%s\t", chars + 1, count_chars(text + e->start, e->end - e->start),
				   nn_entity_label(e->type));
			put_field(text + e->start, e->end - e->start);
			putchar('\t');
			put_field(nn_entities_canonical(&ex, e), e->canon_len);
			printf("\t%.3f\n", e->score);
		}
	}
	finish(&ex);
}

/* Tokenize the text once; returns the token count. */
static int64_t
tokenize(const char *text, size_t len)
{
	NnTokenizer tk;
	NnToken		tok;
	int64_t		n = 0;

	if (nn_tokens_begin(&tk, text, len) != NN_OK)
		fail("tokenizer", "ICU failed");
	while (nn_tokens_next(&tk, &tok))
		n++;
	return n;
}

/* Extract every mention once, discarding them; returns the mention count. */
static int64_t
extract(NerTagger *tg, const char *text, size_t len)
{
	NnEntityExtractor ex;
	const NnEntity *ents;
	int64_t		total = 0;
	int			n;

	begin(&ex, tg, text, len);
	while ((n = nn_entities_next(&ex, &ents)) > 0)
		total += n;
	finish(&ex);
	return total;
}

/*
 * Time rounds of the whole pipeline and of the tokenizer alone; the
 * difference is tagging and mention building. One warm-up round first fills
 * the tagger's word cache, as a backend's is after its first documents.
 */
static void
bench(NerTagger *tg, const char *text, size_t len, int rounds)
{
	int64_t		tokens = tokenize(text, len);
	int64_t		mentions = extract(tg, text, len);
	double		t0,
				whole,
				tok;

	t0 = cpu_now();
	for (int r = 0; r < rounds; r++)
		extract(tg, text, len);
	whole = cpu_now() - t0;
	t0 = cpu_now();
	for (int r = 0; r < rounds; r++)
		tokenize(text, len);
	tok = cpu_now() - t0;
	printf("%lld tokens, %zu bytes, %lld mentions, %d rounds, one core (CPU time)\n",
		   (long long) tokens, len, (long long) mentions, rounds);
	printf("whole pipeline:       %10.0f tokens/s  %7.2f MB/s\n",
		   tokens * rounds / whole, len * rounds / whole / 1e6);
	printf("tokenizer alone:      %10.0f tokens/s\n", tokens * rounds / tok);
	if (whole > tok)
		printf("without tokenizer:    %10.0f tokens/s\n", tokens * rounds / (whole - tok));
}

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: newsnlp-tag [--model FILE] [--bench N] [FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *model_path = DEFAULT_MODEL;
	int			rounds = 0;
	NerModel   *model;
	NerTagger	tg;
	char	   *text;
	size_t		len;
	int			i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2)
	{
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "--model") == 0)
			model_path = argv[i + 1];
		else if (strcmp(argv[i], "--bench") == 0)
			rounds = atoi(argv[i + 1]);
		else
			usage();
		if (rounds < 0)
			usage();
	}
	if (argc - i > 1)
		usage();
	model = load_model(model_path);
	ner_tagger_init(&tg, model);
	text = read_input(i < argc ? argv[i] : NULL, &len);
	if (rounds > 0)
		bench(&tg, text, len, rounds);
	else
		tag(&tg, text, len);
	ner_tagger_free(&tg);
	ner_model_free(model);
	free(text);
	return 0;
}
