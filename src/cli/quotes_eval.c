/*
 * quotes_eval.c
 *	  Score the quote extractor against PolNeAR (BRAT standoff).
 *
 *	  quotes_eval [--dump] DIR   where DIR holds text/ and attributions/
 *
 *	  Gold: the attributions of one annotator per text (the first .ann file
 *	  in name order), restricted for recall to speech: the content holds a
 *	  double quote mark (" “ ” « or ''), or a word of the cue is a form of
 *	  one of a fixed list of reporting verbs (speech_lemmas, frozen apart from
 *	  the extractor's lexicon), or the cue is "according to". A gold quote is found when one predicted
 *	  quote covers at least 30% (and, stricter, 80%) of its characters; a
 *	  predicted quote is right when it covers that share of some gold
 *	  attribution's content (any cue) or lies that much inside one. Speaker
 *	  accuracy counts found quotes with a gold source whose best predicted
 *	  quote names a speaker overlapping that source, equal to its text, or
 *	  equal to the canonical name the entity pipeline gives a mention inside
 *	  the gold source ("Mr. McKinley" is "Kevin McKinley" when the text named
 *	  him so earlier), or, for a relative "who", of the mention right before
 *	  its comma. A gold pronoun source gives no name (the gold marks no
 *	  antecedents), so only an overlapping speaker is right for it; the
 *	  strict figure (overlap or text only) is printed too.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entities.h"
#include "icu_cache.h"
#include "ner_model.h"
#include "quotes.h"

#define MAX_SPANS 8
#define MAX_TEXTBOUND 4096
#define MAX_MENTIONS 8192

/* A set of code-point ranges. */
typedef struct Spans
{
	int			n;
	long		s[MAX_SPANS];
	long		e[MAX_SPANS];
} Spans;

/* One BRAT text-bound annotation. */
typedef struct TextBound
{
	char		type[16];
	Spans		sp;
	char		text[256];
} TextBound;

/* One gold attribution. */
typedef struct Gold
{
	Spans		content;
	Spans		source;
	char		source_text[256];
	char		cue_text[64];	/* for --dump */
	bool		speech;
	bool		marked;			/* the content holds a quote mark */
} Gold;

/* One prediction in code points. */
typedef struct Pred
{
	long		s;
	long		e;
	long		ss;
	long		se;
	char		name[256];
	const char *kind;
	char		cue[24];
} Pred;

/* An entity mention of the text in code points, with its canonical name. */
typedef struct Mention
{
	long		s;
	long		e;
	char		name[128];
} Mention;

/* Totals over the corpus. */
typedef struct Totals
{
	long		gold;
	long		gold_marked;
	long		pred;
	long		found[2];
	long		found_marked;
	long		right[2];
	long		spk_total;
	long		spk_right;
	long		spk_strict;
} Totals;

static const double thresholds[2] = {0.3, 0.8};
static TextBound tb[MAX_TEXTBOUND];
static Mention ments[MAX_MENTIONS];
static int	nments;
static bool dump;

/* Read a whole file into a NUL-terminated buffer. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t) n + 1);
	if (buf && fread(buf, 1, (size_t) n, f) != (size_t) n)
		n = 0;
	if (buf)
		buf[n] = '\0';
	fclose(f);
	*len = (size_t) n;
	return buf;
}

/* Code-point offset of every byte offset of text (len + 1 entries). */
static long *
cp_map(const char *text, size_t len)
{
	long	   *map = malloc((len + 1) * sizeof(long));
	long		cp = 0;

	for (size_t i = 0; i <= len; i++)
	{
		map[i] = cp;
		if (i < len && ((unsigned char) text[i] & 0xC0) != 0x80)
			cp++;
	}
	return map;
}

/* Byte offset of code point cp (the inverse of cp_map, by scanning). */
static size_t
cp_to_byte(const char *text, size_t len, long cp)
{
	size_t		i = 0;

	for (long c = 0; i < len; i++)
	{
		if (((unsigned char) text[i] & 0xC0) != 0x80)
		{
			if (c == cp)
				return i;
			c++;
		}
	}
	return len;
}

/* Parse "s e;s e" into sp. */
static void
parse_spans(const char *p, Spans *sp)
{
	sp->n = 0;
	while (sp->n < MAX_SPANS && sscanf(p, "%ld %ld", &sp->s[sp->n], &sp->e[sp->n]) == 2)
	{
		sp->n++;
		p = strchr(p, ';');
		if (!p)
			break;
		p++;
	}
}

/* Total length of a span set. */
static long
spans_len(const Spans *sp)
{
	long		n = 0;

	for (int i = 0; i < sp->n; i++)
		n += sp->e[i] - sp->s[i];
	return n;
}

/* Characters of [s, e) inside the span set. */
static long
overlap(const Spans *sp, long s, long e)
{
	long		n = 0;

	for (int i = 0; i < sp->n; i++)
	{
		long		a = sp->s[i] > s ? sp->s[i] : s;
		long		b = sp->e[i] < e ? sp->e[i] : e;

		if (b > a)
			n += b - a;
	}
	return n;
}

/*
 * Lemmas that make a gold cue speech. The list is fixed here rather than
 * taken from cues.h so that growing the extractor's lexicon cannot grow the
 * gold set it is scored on. Sorted in strcmp order.
 */
static const char *const speech_lemmas[] = {
	"accuse", "acknowledge", "add", "admit", "advise", "agree", "allege",
	"announce", "answer", "argue", "ask", "assert", "assure", "blast",
	"boast", "brag", "caution", "charge", "claim", "comment",
	"complain", "concede", "conclude", "confirm", "contend", "continue",
	"counter", "criticize", "declare", "deny", "describe", "disclose",
	"dismiss", "elaborate", "email", "emphasize", "estimate", "exclaim",
	"explain", "insist", "joke", "lament", "maintain", "mention", "muse",
	"note", "observe", "post", "predict", "proclaim", "promise", "quip",
	"reaffirm", "recall", "recount", "reiterate", "remark", "reply",
	"report", "respond", "retort", "reveal", "say", "scoff", "shout", "snap",
	"speculate", "state", "stress", "suggest", "swear", "tell", "testify",
	"tweet", "urge", "vow", "warn", "write", "yell"
};

/* Irregular forms of speech_lemmas. */
static const char *const speech_irregular[] = {
	"said", "says", "swore", "sworn", "told", "written", "wrote"
};

/* True if lowercase w[0..n) is listed in a sorted array. */
static bool
listed(const char *const *list, size_t count, const char *w, size_t n)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* True if lowercase w[0..n) is a form of a speech lemma. */
static bool
speech_word(const char *w, size_t n)
{
	static const char *const endings[] = {"ing", "ies", "ied", "es", "ed", "s", "d"};
	size_t		nl = sizeof(speech_lemmas) / sizeof(speech_lemmas[0]);
	char		buf[40];

	if (listed(speech_lemmas, nl, w, n) ||
		listed(speech_irregular, sizeof(speech_irregular) / sizeof(char *), w, n))
		return true;
	for (size_t e = 0; e < sizeof(endings) / sizeof(endings[0]); e++)
	{
		size_t		el = strlen(endings[e]);
		size_t		sl = n - el;

		if (n <= el + 1 || n >= sizeof(buf) - 2 || memcmp(w + sl, endings[e], el) != 0)
			continue;
		memcpy(buf, w, sl);
		if (endings[e][1] == 'e' && endings[e][0] == 'i')
			buf[sl++] = 'y';
		if (listed(speech_lemmas, nl, buf, sl))
			return true;
		buf[sl] = 'e';
		if (listed(speech_lemmas, nl, buf, sl + 1))
			return true;
		if (sl >= 2 && buf[sl - 1] == buf[sl - 2] && listed(speech_lemmas, nl, buf, sl - 1))
			return true;
	}
	return false;
}

/* True if a word of the cue text is a reporting verb or it is "according to". */
static bool
speech_cue(const char *cue)
{
	const char *p = cue;

	if (strcasestr(cue, "according to"))
		return true;
	while (*p)
	{
		char		w[40];
		size_t		n = 0;

		while (p[n] && ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')))
		{
			if (n < sizeof(w))
				w[n] = (char) (p[n] | 0x20);
			n++;
		}
		if (n > 0 && n < sizeof(w) && speech_word(w, n))
			return true;
		p += n ? n : 1;
	}
	return false;
}

/* True if text[s..e) (bytes) holds a double quote mark. */
static bool
has_mark(const char *text, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (text[i] == '"' || strncmp(text + i, "''", 2) == 0 || strncmp(text + i, "\xE2\x80\x9C", 3) == 0 ||
			strncmp(text + i, "\xE2\x80\x9D", 3) == 0 ||
			strncmp(text + i, "\xC2\xAB", 2) == 0)
			return true;
	return false;
}

/* Read the attributions of one .ann file into gold; returns how many. */
static int
read_gold(const char *path, const char *text, size_t len, Gold *gold, int cap)
{
	size_t		alen;
	char	   *ann = slurp(path, &alen);
	char	   *save = NULL;
	int			n = 0;

	memset(tb, 0, sizeof(tb));
	if (!ann)
		return 0;
	for (char *line = strtok_r(ann, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
	{
		int			id;
		char	   *tab;

		if (line[0] == 'T' && sscanf(line + 1, "%d", &id) == 1 && id < MAX_TEXTBOUND &&
			(tab = strchr(line, '\t')) != NULL)
		{
			char	   *tab2 = strchr(tab + 1, '\t');

			sscanf(tab + 1, "%15s", tb[id].type);
			parse_spans(tab + 1 + strlen(tb[id].type), &tb[id].sp);
			if (tab2)
				snprintf(tb[id].text, sizeof(tb[id].text), "%s", tab2 + 1);
		}
		else if (line[0] == 'E' && n < cap)
		{
			Gold	   *g = &gold[n];
			char		cue[512] = "";

			memset(g, 0, sizeof(*g));
			for (char *p = strchr(line, '\t'); p && *p; p++)
			{
				char		role[32];

				if (sscanf(p, " %31[A-Za-z0-9]:T%d", role, &id) != 2 || id >= MAX_TEXTBOUND)
					continue;
				if (strncmp(role, "Content", 7) == 0)
					for (int i = 0; i < tb[id].sp.n && g->content.n < MAX_SPANS; i++)
					{
						g->content.s[g->content.n] = tb[id].sp.s[i];
						g->content.e[g->content.n++] = tb[id].sp.e[i];
					}
				else if (strncmp(role, "Source", 6) == 0)
				{
					g->source = tb[id].sp;
					snprintf(g->source_text, sizeof(g->source_text), "%s", tb[id].text);
				}
				else if (strncmp(role, "Cue", 3) == 0)
					strncat(cue, tb[id].text, sizeof(cue) - strlen(cue) - 2);
				p = strchr(p + 1, ' ');
				if (!p)
					break;
			}
			for (int i = 0; i < g->content.n; i++)
				g->marked |= has_mark(text, cp_to_byte(text, len, g->content.s[i]),
									  cp_to_byte(text, len, g->content.e[i]));
			snprintf(g->cue_text, sizeof(g->cue_text), "%s", cue);
			g->speech = g->marked || speech_cue(cue);
			if (g->content.n > 0)
				n++;
		}
	}
	free(ann);
	return n;
}

/* True if the predicted speaker overlaps the gold source or matches its text. */
static bool
speaker_strict(const Pred *p, const Gold *g)
{
	if (p->se > p->ss && overlap(&g->source, p->ss, p->se) > 0)
		return true;
	return p->name[0] && strlen(p->name) >= 3 &&
		(strcasestr(g->source_text, p->name) != NULL ||
		 (g->source_text[0] && strcasestr(p->name, g->source_text) != NULL));
}

/*
 * True if a mention the gold source names has the predicted canonical name:
 * one inside the source, or for a relative "who" the mention it follows
 * (", who" right after the name).
 */
static bool
same_canonical(const Pred *p, const Gold *g)
{
	bool		relative = strcasecmp(g->source_text, "who") == 0;

	if (strlen(p->name) < 3 || g->source.n == 0)
		return false;
	for (int i = 0; i < nments; i++)
	{
		bool		named = overlap(&g->source, ments[i].s, ments[i].e) == ments[i].e - ments[i].s;

		named |= relative && ments[i].e <= g->source.s[0] && ments[i].e >= g->source.s[0] - 3;
		if (named && strcasecmp(ments[i].name, p->name) == 0)
			return true;
	}
	return false;
}

/* True if the predicted speaker matches the gold source (see the header). */
static bool
speaker_right(const Pred *p, const Gold *g)
{
	return speaker_strict(p, g) || same_canonical(p, g);
}

/* Print a stretch of text for --dump. */
static void
show(const char *what, const char *text, size_t len, long s, long e, const char *extra)
{
	size_t		a = cp_to_byte(text, len, s);
	size_t		b = cp_to_byte(text, len, e);

	printf("  %s [%.*s] %s\n", what, (int) (b - a > 300 ? 300 : b - a), text + a, extra);
}

/* Score one document. */
static void
score_doc(const char *text, size_t len, Gold *gold, int ng, Pred *pred, int np, Totals *t)
{
	bool	   *pred_right[2];

	for (int k = 0; k < 2; k++)
		pred_right[k] = calloc((size_t) np + 1, sizeof(bool));
	for (int i = 0; i < ng; i++)
	{
		Gold	   *g = &gold[i];
		long		glen = spans_len(&g->content);
		int			best = -1;
		long		best_ov = 0;

		for (int j = 0; j < np; j++)
		{
			long		ov = overlap(&g->content, pred[j].s, pred[j].e);

			for (int k = 0; k < 2; k++)
				if (ov > 0 && (ov >= thresholds[k] * glen ||
							   ov >= thresholds[k] * (pred[j].e - pred[j].s)))
					pred_right[k][j] = true;
			if (ov > best_ov)
			{
				best_ov = ov;
				best = j;
			}
		}
		if (!g->speech)
			continue;
		t->gold++;
		t->gold_marked += g->marked;
		for (int k = 0; k < 2; k++)
			t->found[k] += best >= 0 && best_ov >= thresholds[k] * glen;
		if (best < 0 || best_ov < thresholds[0] * glen)
		{
			if (dump)
			{
				char		extra[400];

				snprintf(extra, sizeof(extra), "%s | cue=%s", g->source_text, g->cue_text);
				show("MISS", text, len, g->content.s[0], g->content.e[g->content.n - 1], extra);
			}
			continue;
		}
		t->found_marked += g->marked;
		if (g->source.n == 0)
			continue;
		t->spk_total++;
		t->spk_strict += speaker_strict(&pred[best], g);
		if (speaker_right(&pred[best], g))
			t->spk_right++;
		else if (dump)
		{
			char		extra[600];

			snprintf(extra, sizeof(extra), "gold=%s pred=%s span=%.*s", g->source_text, pred[best].name,
					 (int) (cp_to_byte(text, len, pred[best].se) - cp_to_byte(text, len, pred[best].ss)),
					 text + cp_to_byte(text, len, pred[best].ss));
			show("SPKR", text, len, pred[best].s, pred[best].e, extra);
		}
	}
	t->pred += np;
	for (int j = 0; j < np; j++)
	{
		for (int k = 0; k < 2; k++)
			t->right[k] += pred_right[k][j];
		if (dump && !pred_right[0][j])
		{
			char		extra[64];

			snprintf(extra, sizeof(extra), "%s cue=%s", pred[j].kind, pred[j].cue);
			show("FALSE", text, len, pred[j].s, pred[j].e, extra);
		}
	}
	for (int k = 0; k < 2; k++)
		free(pred_right[k]);
}

/* Read the text's entity mentions and canonical names into ments. */
static void
read_mentions(NerTagger *tagger, const char *text, size_t len, const long *map)
{
	NnEntityExtractor ex;
	const NnEntity *ents;
	int			n;

	nments = 0;
	if (nn_entities_begin(&ex, tagger, NULL, text, len) != NN_OK)
		return;
	while ((n = nn_entities_next(&ex, &ents)) > 0)
		for (int i = 0; i < n && nments < MAX_MENTIONS; i++)
		{
			Mention    *m = &ments[nments++];

			m->s = map[ents[i].start];
			m->e = map[ents[i].end];
			snprintf(m->name, sizeof(m->name), "%.*s", (int) ents[i].canon_len,
					 nn_entities_canonical(&ex, &ents[i]));
		}
	nn_entities_end(&ex);
}

/* Predictions of the extractor for text, in code points. */
static int
predict(NerTagger *tagger, const char *text, size_t len, Pred **out)
{
	NnQuoteList list;
	long	   *map = cp_map(text, len);
	Pred	   *p;
	int			n;

	if (nn_quotes_extract(tagger, text, len, &list) != NN_OK)
	{
		free(map);
		*out = NULL;
		return 0;
	}
	p = calloc((size_t) list.n + 1, sizeof(Pred));
	for (int i = 0; i < list.n; i++)
	{
		const NnQuote *q = &list.items[i];

		p[i].s = map[q->start];
		p[i].e = map[q->end];
		p[i].ss = map[q->spk_start];
		p[i].se = map[q->spk_end];
		p[i].kind = nn_quote_kind_name(q->kind);
		snprintf(p[i].cue, sizeof(p[i].cue), "%s", q->cue ? q->cue : "");
		snprintf(p[i].name, sizeof(p[i].name), "%.*s", (int) q->name_len,
				 nn_quote_speaker(&list, q));
	}
	*out = p;
	n = list.n;
	nn_quotes_free(&list);
	read_mentions(tagger, text, len, map);
	free(map);
	return n;
}

/* Compare two strings through pointers, for qsort. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Sorted names of a directory's entries ending in suffix. */
static int
list_dir(const char *dir, const char *suffix, char ***names)
{
	DIR		   *dh = opendir(dir);
	struct dirent *de;
	int			n = 0,
				cap = 64;

	*names = malloc(cap * sizeof(char *));
	if (!dh)
		return 0;
	while ((de = readdir(dh)) != NULL)
	{
		size_t		l = strlen(de->d_name);

		if (l < strlen(suffix) || strcmp(de->d_name + l - strlen(suffix), suffix) != 0)
			continue;
		if (n == cap)
			*names = realloc(*names, (cap *= 2) * sizeof(char *));
		(*names)[n++] = strdup(de->d_name);
	}
	closedir(dh);
	qsort(*names, n, sizeof(char *), cmp_names);
	return n;
}

/* Print precision, recall and F1. */
static void
print_prf(const char *what, long right, long pred, long found, long gold)
{
	double		p = pred ? (double) right / pred : 0;
	double		r = gold ? (double) found / gold : 0;

	printf("%-10s P %.3f  R %.3f  F1 %.3f  (pred %ld right %ld, gold %ld found %ld)\n",
		   what, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, pred, right, gold, found);
}

/* Score every text of DIR. */
int
main(int argc, char **argv)
{
	static Gold gold[4096];
	char		path[4096];
	char	  **texts,
			  **anns;
	int			ntext,
				nann;
	NerModel	model;
	NerTagger	tagger;
	Totals		t;
	char		err[256];
	const char *dir;

	dump = argc > 2 && strcmp(argv[1], "--dump") == 0;
	if (argc < 2 + dump)
	{
		fprintf(stderr, "usage: %s [--dump] POLNEAR_SPLIT_DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1 + dump];
	if (!ner_model_open(ner_model_blob, (size_t) (ner_model_blob_end - ner_model_blob),
						&model, err, sizeof(err)))
	{
		fprintf(stderr, "model: %s\n", err);
		return 1;
	}
	ner_tagger_init(&tagger, &model);
	memset(&t, 0, sizeof(t));
	snprintf(path, sizeof(path), "%s/text", dir);
	ntext = list_dir(path, ".txt", &texts);
	snprintf(path, sizeof(path), "%s/attributions", dir);
	nann = list_dir(path, ".ann", &anns);
	for (int i = 0; i < ntext; i++)
	{
		size_t		stem = strlen(texts[i]) - 4;
		size_t		len;
		char	   *text;
		const char *ann = NULL;
		Pred	   *pred;
		int			ng,
					np;

		for (int j = 0; j < nann && !ann; j++)
			if (strncmp(anns[j], texts[i], stem) == 0 && anns[j][stem] == '_' &&
				strlen(anns[j]) == stem + 9)
				ann = anns[j];
		if (!ann)
			continue;
		snprintf(path, sizeof(path), "%s/text/%s", dir, texts[i]);
		text = slurp(path, &len);
		if (!text)
			continue;
		snprintf(path, sizeof(path), "%s/attributions/%s", dir, ann);
		ng = read_gold(path, text, len, gold, 4096);
		np = predict(&tagger, text, len, &pred);
		if (dump)
			printf("# %s\n", texts[i]);
		score_doc(text, len, gold, ng, pred, np, &t);
		free(pred);
		free(text);
	}
	printf("texts %d; speech quotes %ld (%ld with quote marks, %ld of them found at 30%%)\n",
		   ntext, t.gold, t.gold_marked, t.found_marked);
	print_prf(">=30%", t.right[0], t.pred, t.found[0], t.gold);
	print_prf(">=80%", t.right[1], t.pred, t.found[1], t.gold);
	printf("speaker accuracy %.3f (%ld of %ld found quotes with a gold source)\n",
		   t.spk_total ? (double) t.spk_right / t.spk_total : 0, t.spk_right, t.spk_total);
	printf("speaker accuracy, strict (overlap or text only) %.3f (%ld)\n",
		   t.spk_total ? (double) t.spk_strict / t.spk_total : 0, t.spk_strict);
	for (int i = 0; i < ntext; i++)
		free(texts[i]);
	for (int i = 0; i < nann; i++)
		free(anns[i]);
	free(texts);
	free(anns);
	ner_tagger_free(&tagger);
	nn_icu_release();
	return 0;
}
