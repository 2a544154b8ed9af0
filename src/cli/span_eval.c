/*
 * span_eval.c
 *	  span-eval: score guessed entities against gold ones, both as lines
 *	  "doc<TAB>key...<TAB>LABEL" (see span_score.h), and print conlleval's
 *	  figures; with --errors, also write every missed and false entity to
 *	  FILE ("-" for standard output, before the figures), one a line:
 *	  "missed|false<TAB>LABEL<TAB>doc<TAB>key".
 *
 *	  span-eval [--errors FILE] [--tokens N] GOLD GUESSED
 */
#include <stdlib.h>
#include <string.h>

#include "span_score.h"

/* Print usage and exit. */
static void
usage(void)
{
	fprintf(stderr, "usage: span-eval [--errors FILE] [--tokens N] GOLD GUESSED\n");
	exit(2);
}

/* Read a whole file; exits with a message on failure. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0;

	*len = 0;
	if (f == NULL)
	{
		perror(path);
		exit(1);
	}
	for (;;)
	{
		if (*len == cap)
		{
			cap = cap ? 2 * cap : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
			{
				fprintf(stderr, "%s: out of memory\n", path);
				exit(1);
			}
		}
		size_t		got = fread(buf + *len, 1, cap - *len, f);

		*len += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
	{
		perror(path);
		exit(1);
	}
	fclose(f);
	return buf;
}

/* Read and parse a file of entity lines; exits on failure. */
static char *
load(const char *path, SpanSet *set)
{
	size_t		len;
	char	   *text = slurp(path, &len);
	char		err[128];

	if (!span_set_parse(set, text, len, err, sizeof(err)))
	{
		fprintf(stderr, "%s: %s\n", path, err);
		exit(1);
	}
	return text;
}

/* Print one unmatched entity with its key's fields as they are. */
static void
print_error(void *arg, bool missed, const SpanItem *item)
{
	fprintf(arg, "%s\t%s\t%.*s\t%.*s\n", missed ? "missed" : "false",
			span_label_name(item->label), (int) item->doclen, item->doc,
			(int) item->keylen, item->key);
}

int
main(int argc, char **argv)
{
	const char *errors_path = NULL;
	FILE	   *errors = NULL;
	long long	tokens = 0;
	SpanSet		gold,
				pred;
	SpanCounts	counts;
	char	   *gold_text,
			   *pred_text;
	int			i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++)
	{
		if (strcmp(argv[i], "--errors") == 0 && i + 1 < argc)
			errors_path = argv[++i];
		else if (strcmp(argv[i], "--tokens") == 0 && i + 1 < argc)
			tokens = atoll(argv[++i]);
		else
			usage();
	}
	if (argc - i != 2)
		usage();
	gold_text = load(argv[i], &gold);
	pred_text = load(argv[i + 1], &pred);
	if (errors_path != NULL)
		errors = strcmp(errors_path, "-") == 0 ? stdout : fopen(errors_path, "w");
	if (errors_path != NULL && errors == NULL)
	{
		perror(errors_path);
		return 1;
	}
	memset(&counts, 0, sizeof(counts));
	span_score(&gold, &pred, &counts, errors ? print_error : NULL, errors);
	if (errors != NULL && errors != stdout && fclose(errors) != 0)
	{
		perror(errors_path);
		return 1;
	}
	span_print(stdout, &counts, tokens);
	span_set_free(&gold);
	span_set_free(&pred);
	free(gold_text);
	free(pred_text);
	return 0;
}
