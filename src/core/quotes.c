/*
 * quotes.c
 *	  Quote extraction over the tokenizer's tokens and the entity pipeline's
 *	  mentions (see quotes.h).
 *
 *	  The document is read in chunks of whole paragraphs (Q_CHUNK tokens of
 *	  new text; a huge paragraph is cut at a sentence): each chunk becomes a
 *	  token array (with paragraph numbers, cue lemmas and the mention each
 *	  token belongs to) and a mention array. A chunk re-reads the short last
 *	  paragraph of the one before as context, and the last quote's speaker
 *	  and recent antecedents carry over, so memory is one chunk plus rows.
 *	  Quote marks are then paired per paragraph, each quoted span (or run of
 *	  spans forming a multi-paragraph quote) looks for its attribution after
 *	  and before itself, and every reporting verb left unused yields an
 *	  indirect quote. Every search is bounded by a small window, so the work
 *	  stays linear in the text.
 */
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "gazetteer.h"
#include "quotes.h"
#include "wordlist.h"

/* Tokens between two interrupt checks. */
#define Q_CHECK_TOKENS 4096
/* How far an attribution may sit from its quote, in tokens. */
#define Q_AFTER_WINDOW 40
#define Q_BEFORE_WINDOW 30
/* Longest speaker phrase, in tokens. */
#define Q_SOURCE_MAX 9
/* Longest appositive between a speaker and its verb, in tokens. */
#define Q_APPOSITIVE_MAX 32
/* Mentions looked at when resolving a pronoun. */
#define Q_PRONOUN_LOOKBACK 200
/* Tokens of new text per chunk; chunks end at a paragraph break. */
#define Q_CHUNK NN_ENTITY_CHUNK
/* A paragraph longer than this is cut at a sentence, and at 3x anywhere. */
#define Q_CHUNK_HARD (2 * Q_CHUNK)
/* Longest last paragraph re-read as context by the next chunk, in tokens. */
#define Q_CONTEXT 256
/* Deepest nesting of quote marks tracked. */
#define Q_STACK 8
/* Most tokens of a reported clause. */
#define Q_MAX_CLAUSE 200
/* Fewest words of a reported clause. */
#define Q_MIN_CLAUSE 3

/* One token with what quote extraction needs to know of it. */
typedef struct QTok
{
	size_t		start;
	size_t		end;
	int32_t		sentence;
	int32_t		paragraph;
	NnTokenKind kind;
	NnCueForm	cue_form;
	const char *cue;			/* lemma when cue_form is not NONE */
	int32_t		mention;		/* mention covering the token, or -1 */
	int32_t		span;			/* quoted span holding the token, or -1 */
	int32_t		sent_first;		/* first and last tokens of its sentence */
	int32_t		sent_last;
	bool		used;			/* a cue already attributing a quote */
} QTok;

/* One entity mention with its canonical name copied to the output arena. */
typedef struct QMention
{
	size_t		start;
	size_t		end;
	NerType		type;
	size_t		name_off;
	size_t		name_len;
	char		gender;			/* 'M', 'F' or 0 when unknown */
	bool		quoted;			/* inside a quote: no antecedent */
} QMention;

/* A pair of quote marks (token indices); open_ended when the paragraph ends. */
typedef struct QSpan
{
	int32_t		open;
	int32_t		close;
	bool		open_ended;
} QSpan;

/* Where an attribution was found: cue and speaker tokens, or -1. */
typedef struct QAttr
{
	int32_t		cue_first;
	int32_t		cue_last;
	const char *cue;
	int32_t		src_first;
	int32_t		src_last;
	bool		src_after;		/* speaker follows the cue ("said Smith") */
} QAttr;

/* The whole document as extraction sees it. */
typedef struct QDoc
{
	const char *text;
	size_t		len;
	QTok	   *tok;
	int32_t		ntok;
	int32_t		tok_cap;
	NnToken    *raw;			/* the chunk's tokens as the tokenizer gave */
	int32_t		nraw;			/* them, for the entity tagger */
	int32_t		raw_cap;
	QMention   *ment;
	int32_t		nment;
	int32_t		ment_cap;
	QSpan	   *span;
	int32_t		nspan;
	int32_t		span_cap;
	NnQuoteList *out;
	bool		nomem;
	/* the current chunk: text[chunk_start..chunk_end), rows from emit_from */
	size_t		chunk_start;
	size_t		chunk_end;
	size_t		emit_from;
	bool		next_opens;		/* the next chunk opens with a quote mark */
	int32_t		para_base;		/* paragraphs before the chunk */
	size_t		ctx_start;		/* last paragraph, re-read as context */
	int32_t		ctx_tokens;
	/* state carried from chunk to chunk */
	NnQuote		last;			/* the last quote from a span */
	int32_t		last_para;
	QMention	recent[Q_PRONOUN_LOOKBACK]; /* ring of antecedents */
	int32_t		nrecent;
	NnQuote		scratch;		/* rows of context text, discarded */
	const NnQuoteSink *sink;	/* mentions and tokens for another analysis, or NULL */
	NnEntityExtractor ents;		/* kept across chunks: people's full names */
	bool		ents_open;
} QDoc;

/* Words that stop a speaker phrase: clause links and verbs' companions. */
static const char *const stop_words[] = {
	"after", "although", "and", "as", "because", "before", "but", "if",
	"is", "it", "that", "though", "until", "was", "what", "when", "where",
	"which", "while", "who", "why"
};

/* Words between a speaker and the verb: auxiliaries and common adverbs. */
static const char *const aux_words[] = {
	"again", "already", "also", "bluntly", "can", "could", "did", "does",
	"earlier", "even", "first", "flatly", "had", "has", "have", "later",
	"may", "might", "must", "n't", "never", "not", "now", "n\xE2\x80\x99t",
	"often", "once", "previously", "privately", "publicly", "recently",
	"repeatedly", "reportedly", "should", "simply", "still", "then", "will",
	"would"
};

/* Words that cannot make a described speaker on their own. */
static const char *const function_words[] = {
	"a", "am", "an", "any", "are", "be", "been", "being", "do", "don", "her",
	"hers", "him", "his", "i", "its", "me", "my", "no", "nor", "not", "or",
	"our", "the", "their", "them", "there", "these", "they", "this", "those",
	"us", "we", "were", "won", "you", "your"
};

/* Pronouns of the writer or reader, speakers when alone ("I said"). */
static const char *const person_words[] = {"i", "we", "you"};

/* Prepositions that end a speaker phrase written after its verb. */
static const char *const after_stops[] = {
	"about", "after", "as", "at", "before", "by", "during", "from", "in",
	"on", "that", "to", "when", "while", "who", "with"
};

/* Words after the head of a described speaker ("an official familiar with"). */
static const char *const postmodifiers[] = {
	"briefed", "familiar", "knowledgeable", "speaking", "who"
};

/* Words that open a described speaker's noun phrase ("a", "several"). */
static const char *const np_openers[] = {
	"a", "an", "another", "both", "dozens", "many", "most", "one", "other",
	"several", "some", "the", "three", "two"
};

/* Prepositions before which a described speaker starts ("in a memo the"). */
static const char *const desc_cuts[] = {
	"at", "by", "during", "in", "on", "to", "with"
};

/* Words before a bare lemma that make it a noun ("a tweet", "in a post"). */
static const char *const noun_markers[] = {
	"a", "an", "her", "his", "its", "my", "our", "that", "the", "their",
	"this", "to", "your"
};

/* Verbs whose object comes before the reported clause ("told reporters"). */
static const char *const object_cues[] = {
	"advise", "assure", "remind", "tell", "warn"
};

/* Object pronouns: the addressee after a verb ("told me"), never its speaker. */
static const char *const object_pronouns[] = {"him", "me", "them", "us"};

/* Words after "called" that make it a request or a visit, not speech. */
static const char *const call_particles[] = {
	"back", "for", "in", "off", "on", "out", "up"
};

/* Words opening a sentence's setting rather than its reported clause. */
static const char *const setting_words[] = {
	"after", "at", "during", "earlier", "in", "last", "later", "on", "speaking",
	"when", "while", "with"
};

/* Prepositions after which a place names where a speaker is from. */
static const char *const origin_words[] = {"from", "of"};

/* Words that mark a quote as a name rather than speech ("so-called"). */
static const char *const naming_words[] = {
	"called", "dubbed", "named", "so-called", "termed", "titled"
};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Grow *buf to hold need elements of size elem; false when memory ran out. */
static bool
grow(QDoc *d, void **buf, int32_t *cap, int32_t need, size_t elem)
{
	int32_t		ncap;
	void	   *nb;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap * 2 : 256;
	while (ncap < need)
		ncap *= 2;
	nb = *buf ? nn_resize(*buf, (size_t) ncap * elem) : nn_alloc((size_t) ncap * elem);
	if (nb == NULL)
	{
		d->nomem = true;
		return false;
	}
	*buf = nb;
	*cap = ncap;
	return true;
}

/* Copy bytes to the output arena; returns their offset there. */
static size_t
arena_add(QDoc *d, const char *s, size_t n)
{
	NnQuoteList *o = d->out;
	size_t		off = o->arena_len;

	if (o->arena_len + n > o->arena_cap)
	{
		size_t		ncap = o->arena_cap ? o->arena_cap * 2 : 1024;
		char	   *na;

		while (ncap < o->arena_len + n)
			ncap *= 2;
		na = o->arena ? nn_resize(o->arena, ncap) : nn_alloc(ncap);
		if (na == NULL)
		{
			d->nomem = true;
			return 0;
		}
		o->arena = na;
		o->arena_cap = ncap;
	}
	memcpy(o->arena + off, s, n);
	o->arena_len += n;
	return off;
}

/* True if token i is a word found in a sorted lowercase list. */
static bool
tok_in(const QDoc *d, int32_t i, const char *const *list, size_t n)
{
	char		buf[32];
	size_t		len;

	if (i < 0 || i >= d->ntok)
		return false;
	len = d->tok[i].end - d->tok[i].start;
	if (len == 0 || len >= sizeof(buf))
		return false;
	for (size_t k = 0; k < len; k++)
	{
		char		c = d->text[d->tok[i].start + k];

		buf[k] = (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
	}
	return nn_wordlist_find(list, n, buf, len) >= 0;
}

/* True if token i is the word w (ASCII, any case). */
static bool
tok_is(const QDoc *d, int32_t i, const char *w)
{
	return tok_in(d, i, &w, 1);
}

/* True if token i is the punctuation p exactly. */
static bool
tok_punct(const QDoc *d, int32_t i, const char *p)
{
	size_t		n = strlen(p);

	return i >= 0 && i < d->ntok && d->tok[i].kind == NN_TOK_PUNCT &&
		d->tok[i].end - d->tok[i].start == n &&
		memcmp(d->text + d->tok[i].start, p, n) == 0;
}

/* True for an em or en dash, a horizontal bar or "--", which can introduce a speaker. */
static bool
tok_dash(const QDoc *d, int32_t i)
{
	return tok_punct(d, i, "\xE2\x80\x94") || tok_punct(d, i, "\xE2\x80\x93") ||
		tok_punct(d, i, "\xE2\x80\x95") || tok_punct(d, i, "--");
}

/* True if token i ends a sentence or clause for the attribution windows. */
static bool
tok_final(const QDoc *d, int32_t i)
{
	return tok_punct(d, i, ".") || tok_punct(d, i, "?") || tok_punct(d, i, "!") ||
		tok_punct(d, i, ";");
}

/* True if token i can be part of a speaker phrase. */
static bool
tok_wordlike(const QDoc *d, int32_t i)
{
	NnTokenKind k = d->tok[i].kind;

	return k == NN_TOK_WORD || k == NN_TOK_ABBREV || k == NN_TOK_NUMBER ||
		k == NN_TOK_CLITIC || k == NN_TOK_HANDLE;
}

/* True if token i begins with an uppercase ASCII letter. */
static bool
tok_capital(const QDoc *d, int32_t i)
{
	char		c = d->text[d->tok[i].start];

	return c >= 'A' && c <= 'Z';
}

/* Pronoun class of token i: 'h' he/she, 't' they, 'i' it, 0 otherwise. */
static char
pronoun_class(const QDoc *d, int32_t i)
{
	if (tok_is(d, i, "he") || tok_is(d, i, "she"))
		return 'h';
	if (tok_is(d, i, "they"))
		return 't';
	if (tok_is(d, i, "it"))
		return 'i';
	return 0;
}

/* Possessive pronoun class of token i, as pronoun_class: "her", "his", "their". */
static char
possessive_class(const QDoc *d, int32_t i)
{
	if (tok_is(d, i, "her") || tok_is(d, i, "his"))
		return 'h';
	return tok_is(d, i, "their") ? 't' : 0;
}

/* True if token i is a function word, auxiliary, negation or clitic. */
static bool
tok_function(const QDoc *d, int32_t i)
{
	return d->tok[i].kind == NN_TOK_CLITIC || pronoun_class(d, i) ||
		tok_in(d, i, function_words, LEN(function_words)) ||
		tok_in(d, i, aux_words, LEN(aux_words)) ||
		tok_in(d, i, stop_words, LEN(stop_words));
}

/*
 * True if [first, last] can name a speaker: a lone (possessive) pronoun
 * ("he's" too), or a phrase with a mention or a content word ("don't" is no speaker).
 */
static bool
speaker_phrase(const QDoc *d, int32_t first, int32_t last)
{
	while (last > first && d->tok[last].kind == NN_TOK_CLITIC)
		last--;
	if (first == last && (pronoun_class(d, first) || possessive_class(d, first) ||
						  tok_in(d, first, person_words, LEN(person_words))))
		return true;
	for (int32_t i = first; i <= last; i++)
		if (d->tok[i].mention >= 0 || !tok_function(d, i))
			return true;
	return false;
}

/*
 * Words before a plural noun: determiners and prepositions ("the states",
 * "in emails"). Possessives are left out: "her remarks" attributes.
 */
static const char *const plural_markers[] = {
	"a", "about", "after", "all", "among", "an", "any", "at", "by", "few",
	"for", "from", "in", "many", "more", "most", "no", "of", "on", "other",
	"several", "some", "such", "the", "these", "those", "to", "two", "with"
};

/*
 * True if token i, an -s form of a reporting verb that is also a noun
 * ("states", "emails", "reports"), reads as the plural noun: a determiner,
 * a preposition or a number comes before it.
 */
static bool
plural_noun(const QDoc *d, int32_t i)
{
	const QTok *t = &d->tok[i];

	if (t->cue_form != NN_CUE_INFLECTED || d->text[t->end - 1] != 's' ||
		d->text[t->end - 2] == 's' || i == 0)
		return false;
	return tok_in(d, i - 1, plural_markers, LEN(plural_markers)) ||
		d->tok[i - 1].kind == NN_TOK_NUMBER;
}

/*
 * True if capitalised token i inside its sentence is part of a name ("The
 * Huffington Post.", "Washington Post reporter"): a bare lemma or a word
 * of a mention, unless a capitalised word follows, as in a title-case
 * headline ("Trump Tweets A Graphic").
 */
static bool
name_word(const QDoc *d, int32_t i)
{
	const QTok *t = &d->tok[i];

	if (!tok_capital(d, i) || i == t->sent_first ||
		(t->mention < 0 && t->cue_form != NN_CUE_BARE))
		return false;
	return !(i + 1 <= t->sent_last && tok_wordlike(d, i + 1) && tok_capital(d, i + 1));
}

/*
 * Lemmas that news writes mostly as nouns ("the swing state", "in a post"):
 * their bare and -s forms report only when the report follows at once.
 */
static const char *const noun_lemmas[] = {"email", "post", "state"};

/*
 * True if token i, a bare or -s form of a noun_lemmas verb, is not followed
 * by "that", a colon, a comma or a quote mark ("states that", "posts:").
 */
static bool
noun_use(const QDoc *d, int32_t i)
{
	const QTok *t = &d->tok[i];

	if (nn_wordlist_find(noun_lemmas, LEN(noun_lemmas), t->cue, strlen(t->cue)) < 0 ||
		(t->cue_form == NN_CUE_INFLECTED && d->text[t->end - 1] != 's'))
		return false;
	return !(tok_is(d, i + 1, "that") || tok_punct(d, i + 1, ":") || tok_punct(d, i + 1, ",") ||
			 (i + 1 < d->ntok && d->tok[i + 1].kind == NN_TOK_QUOTE_OPEN));
}

/* True if token i is a reporting verb used as a verb. */
static bool
tok_cue(const QDoc *d, int32_t i)
{
	const QTok *t = &d->tok[i];

	if (t->cue_form == NN_CUE_NONE || t->span >= 0)
		return false;
	if (t->cue_form == NN_CUE_BARE &&
		(i == 0 || tok_in(d, i - 1, noun_markers, LEN(noun_markers)) ||
		 !tok_wordlike(d, i - 1)))
		return false;
	if (plural_noun(d, i) || name_word(d, i) || noun_use(d, i))
		return false;
	if (nn_cue_particle(t->cue) && !tok_is(d, i + 1, nn_cue_particle(t->cue)))
		return false;
	return !(strcmp(t->cue, "call") == 0 && tok_in(d, i + 1, call_particles, LEN(call_particles)));
}

/* True if token i ends the head of a described speaker: "familiar", "close to". */
static bool
postmodifier(const QDoc *d, int32_t i)
{
	return tok_in(d, i, postmodifiers, LEN(postmodifiers)) ||
		(tok_is(d, i, "close") && tok_is(d, i + 1, "to"));
}

/* True if lemma takes its addressee before the reported clause ("told reporters"). */
static bool
object_cue(const char *lemma)
{
	return lemma && nn_wordlist_find(object_cues, LEN(object_cues), lemma, strlen(lemma)) >= 0;
}

/* True if the words after lemma name its addressee, never its speaker ("told"). */
static bool
addressee_after(const char *lemma)
{
	return strcmp(lemma, "tell") == 0;
}

/* Last token of the cue at token k: its particle when it takes one. */
static int32_t
cue_end_tok(const QDoc *d, int32_t k)
{
	return nn_cue_particle(d->tok[k].cue) ? k + 1 : k;
}

/* True if text[from..to) holds a newline: the tokens are paragraphs apart. */
static bool
has_newline(const char *text, size_t from, size_t to)
{
	return from < to && memchr(text + from, '\n', to - from) != NULL;
}

/*
 * Join a ' token to an adjacent ' token before it: older wire and archive
 * copy writes '' for a double quote mark. It opens before a word after a
 * space, and closes otherwise. Returns true if t was absorbed.
 */
static bool
merge_double_apostrophe(QDoc *d, const NnToken *t)
{
	QTok	   *p = d->ntok > 0 ? &d->tok[d->ntok - 1] : NULL;
	char		before,
				after;

	if (p == NULL || p->end != t->start || t->end != t->start + 1 ||
		d->text[t->start] != '\'' || p->end != p->start + 1 || d->text[p->start] != '\'')
		return false;
	before = p->start > 0 ? d->text[p->start - 1] : ' ';
	after = t->end < d->len ? d->text[t->end] : ' ';
	p->end = t->end;
	p->kind = (before == ' ' || before == '\n' || before == '(') &&
		after != ' ' && after != '\n' ? NN_TOK_QUOTE_OPEN : NN_TOK_QUOTE_CLOSE;
	return true;
}

/*
 * True if the chunk ends before token t: enough new tokens and a paragraph
 * starts, or a huge paragraph reaches a sentence start or the hard cap.
 */
static bool
chunk_full(const QDoc *d, const NnToken *t, int32_t fresh, bool new_para)
{
	if (fresh >= Q_CHUNK && new_para)
		return true;
	if (fresh >= Q_CHUNK_HARD && d->tok[d->ntok - 1].sentence != t->sentence)
		return true;
	return fresh >= 3 * Q_CHUNK;
}

/*
 * Read the tokens of the chunk starting at chunk_start with paragraph and
 * cue lemma, up to a break chunk_full accepts; set chunk_end to where the
 * next chunk's new text starts and ctx_start to this chunk's last paragraph.
 */
static NnStatus
read_tokens(QDoc *d)
{
	NnTokenizer tk;
	NnToken		t;
	size_t		off = d->chunk_start;
	NnStatus	st = nn_tokens_begin(&tk, d->text + off, d->len - off);
	int32_t		para = d->para_base + 1;
	int32_t		fresh = 0;
	size_t		prev_end = 0;

	d->ntok = 0;
	d->nraw = 0;
	d->chunk_end = d->len;
	d->next_opens = false;
	d->ctx_start = off;
	d->ctx_tokens = 0;
	if (st != NN_OK)
		return st;
	while (nn_tokens_next(&tk, &t))
	{
		QTok	   *q;
		bool		new_para;

		t.start += off;
		t.end += off;
		if ((d->ntok % Q_CHECK_TOKENS) == 0)
			nn_check_interrupts();
		new_para = d->ntok > 0 && has_newline(d->text, prev_end, t.start);
		if (d->ntok > 0 && chunk_full(d, &t, fresh, new_para))
		{
			d->chunk_end = t.start;
			d->next_opens = new_para && t.kind == NN_TOK_QUOTE_OPEN;
			if (!new_para)
				d->ctx_tokens = Q_CONTEXT + 1;
			break;
		}
		if (!grow(d, (void **) &d->tok, &d->tok_cap, d->ntok + 1, sizeof(QTok)) ||
			!grow(d, (void **) &d->raw, &d->raw_cap, d->nraw + 1, sizeof(NnToken)))
			return NN_ERR_NOMEM;
		d->raw[d->nraw] = t;
		d->raw[d->nraw].start -= off;
		d->raw[d->nraw++].end -= off;
		if (new_para)
		{
			para++;
			d->ctx_start = t.start;
			d->ctx_tokens = 0;
		}
		fresh += t.start >= d->emit_from;
		d->ctx_tokens++;
		if (merge_double_apostrophe(d, &t))
			continue;
		q = &d->tok[d->ntok++];
		memset(q, 0, sizeof(*q));
		q->start = t.start;
		q->end = t.end;
		q->sentence = t.sentence;
		q->paragraph = para;
		q->kind = t.kind;
		q->mention = -1;
		q->span = -1;
		q->used = t.start < d->emit_from;
		if (t.kind == NN_TOK_WORD && (d->sink == NULL || !d->sink->mentions_only))
			q->cue_form = nn_cue_lookup(d->text + t.start, t.end - t.start, &q->cue);
		prev_end = t.end;
	}
	return NN_OK;
}

/* Record the sentence bounds of every token, in two linear passes. */
static void
mark_sentences(QDoc *d)
{
	for (int32_t i = 0; i < d->ntok; i++)
		d->tok[i].sent_first = (i > 0 && d->tok[i - 1].sentence == d->tok[i].sentence) ?
			d->tok[i - 1].sent_first : i;
	for (int32_t i = d->ntok - 1; i >= 0; i--)
		d->tok[i].sent_last = (i + 1 < d->ntok && d->tok[i + 1].sentence == d->tok[i].sentence) ?
			d->tok[i + 1].sent_last : i;
}

/* 'M' or 'F' for a first name the gazetteer genders, else 0. */
static char
name_gender(const char *name, size_t len)
{
	NnGazToken	word = {name, 0};
	NnGazMatch	match[4];
	NnGazEntry	e;
	int			n;

	while (word.len < len && name[word.len] != ' ')
		word.len++;
	n = nn_gaz_lookup_at(&word, 1, 0, NN_GAZ_EXACT, match, 4);
	for (int i = 0; i < n && i < 4; i++)
		if (match[i].type == NN_GAZ_FIRSTNAME && nn_gaz_entry(match[i].entry, &e) &&
			(e.gender == 'M' || e.gender == 'F'))
			return e.gender;
	return 0;
}

/* Gender of a person mention: its honorific ("Mrs. Lee"), else first name. */
static char
mention_gender(const QDoc *d, size_t start, const char *canon, size_t canon_len)
{
	static const char *const hon[] = {"Mr. ", "Mrs. ", "Ms. ", "Miss "};
	static const char gen[] = {'M', 'F', 'F', 'F'};

	for (size_t h = 0; h < LEN(hon); h++)
	{
		size_t		n = strlen(hon[h]);

		if (start >= n && memcmp(d->text + start - n, hon[h], n) == 0)
			return gen[h];
	}
	return name_gender(canon, canon_len);
}

/*
 * Read every mention, copying its canonical name to the arena; the tagger
 * takes the tokens read_tokens kept rather than tokenizing the chunk again.
 * One extractor serves every chunk, so a surname in a later chunk takes
 * the full name an earlier chunk gave, as entities() resolves it.
 */
static NnStatus
read_mentions(QDoc *d, NerTagger *tagger)
{
	NnEntityExtractor *ex = &d->ents;
	const NnEntity *ents;
	size_t		off = d->chunk_start;
	NnStatus	st;
	int			n;

	if (d->ents_open)
		st = nn_entities_continue_tokens(ex, d->text + off, d->chunk_end - off,
										 d->raw, d->nraw);
	else
		st = nn_entities_begin_tokens(ex, tagger, NULL, d->text + off,
									  d->chunk_end - off, d->raw, d->nraw);
	d->ents_open = true;
	d->nment = 0;
	if (st != NN_OK)
		return st;
	while ((n = nn_entities_next(ex, &ents)) > 0)
	{
		nn_check_interrupts();
		if (!grow(d, (void **) &d->ment, &d->ment_cap, d->nment + n, sizeof(QMention)))
			break;
		for (int i = 0; i < n; i++)
		{
			QMention   *m = &d->ment[d->nment++];

			m->start = ents[i].start + off;
			m->end = ents[i].end + off;
			m->type = ents[i].type;
			m->name_len = ents[i].canon_len;
			m->name_off = arena_add(d, nn_entities_canonical(ex, &ents[i]),
									ents[i].canon_len);
			m->quoted = false;
			m->gender = ents[i].type != NER_PER ? 0 :
				mention_gender(d, m->start, nn_entities_canonical(ex, &ents[i]),
							   ents[i].canon_len);
		}
	}
	st = ex->status;
	return d->nomem ? NN_ERR_NOMEM : st;
}

/* Point each token at the mention covering it (both lists are in order). */
static void
link_mentions(QDoc *d)
{
	int32_t		m = 0;

	for (int32_t i = 0; i < d->ntok; i++)
	{
		while (m < d->nment && d->ment[m].end <= d->tok[i].start)
			m++;
		if (m < d->nment && d->ment[m].start <= d->tok[i].start)
			d->tok[i].mention = m;
	}
}

/* 1 for single-level marks (' ‘ ’ ‚ ‹ › 『 』), 2 for the double level. */
static int
mark_level(const QDoc *d, int32_t i)
{
	const unsigned char *s = (const unsigned char *) d->text + d->tok[i].start;
	size_t		n = d->tok[i].end - d->tok[i].start;

	if (n == 1)
		return s[0] == '\'' ? 1 : 2;
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80)
		return (s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x9A || s[2] == 0x9B ||
				s[2] == 0xB9 || s[2] == 0xBA) ? 1 : 2;
	if (n == 3 && s[0] == 0xE3 && s[1] == 0x80)
		return (s[2] == 0x8E || s[2] == 0x8F) ? 1 : 2;
	return 2;
}

/* True if “ at token i closes „ at token o, as in German copy. */
static bool
closes_low(const QDoc *d, int32_t o, int32_t i)
{
	return d->tok[o].end - d->tok[o].start == 3 && d->tok[i].end - d->tok[i].start == 3 &&
		memcmp(d->text + d->tok[o].start, "\xE2\x80\x9E", 3) == 0 &&
		memcmp(d->text + d->tok[i].start, "\xE2\x80\x9C", 3) == 0;
}

/* Record span [open, close] and mark its tokens. */
static void
add_span(QDoc *d, int32_t open, int32_t close, bool open_ended)
{
	QSpan	   *s;

	if (!grow(d, (void **) &d->span, &d->span_cap, d->nspan + 1, sizeof(QSpan)))
		return;
	s = &d->span[d->nspan];
	s->open = open;
	s->close = close;
	s->open_ended = open_ended;
	for (int32_t i = open; i <= close; i++)
		d->tok[i].span = d->nspan;
	d->nspan++;
}

/*
 * Pair the quote marks of paragraph [first, last]. A mark opening at the
 * level already open means the earlier one was never closed, so it is
 * dropped; a close with nothing open is ignored. An outer quote still open
 * at the end continues when the next paragraph opens with a mark.
 */
static void
pair_paragraph(QDoc *d, int32_t first, int32_t last)
{
	int32_t		stack[Q_STACK];
	int			depth = 0;

	for (int32_t i = first; i <= last; i++)
	{
		int			lv;

		if (d->tok[i].kind != NN_TOK_QUOTE_OPEN && d->tok[i].kind != NN_TOK_QUOTE_CLOSE)
			continue;
		lv = mark_level(d, i);
		if (d->tok[i].kind == NN_TOK_QUOTE_OPEN && !(depth > 0 && closes_low(d, stack[depth - 1], i)))
		{
			while (depth > 0 && mark_level(d, stack[depth - 1]) == lv)
				depth--;
			if (depth < Q_STACK)
				stack[depth++] = i;
			continue;
		}
		while (depth > 0 && mark_level(d, stack[depth - 1]) < lv)
			depth--;
		if (depth == 0 || mark_level(d, stack[depth - 1]) != lv)
			continue;
		if (--depth == 0 && i > stack[0] + 1)
			add_span(d, stack[0], i, false);
	}
	if (depth > 0 && last > stack[0] &&
		(last + 1 < d->ntok ? d->tok[last + 1].kind == NN_TOK_QUOTE_OPEN : d->next_opens))
		add_span(d, stack[0], last, true);
}

/* Pair quote marks paragraph by paragraph. */
static void
find_spans(QDoc *d)
{
	int32_t		first = 0;

	for (int32_t i = 1; i <= d->ntok; i++)
	{
		if (i < d->ntok && d->tok[i].paragraph == d->tok[first].paragraph)
			continue;
		pair_paragraph(d, first, i - 1);
		first = i;
	}
	for (int32_t i = 0; i < d->ntok; i++)
		if (d->tok[i].span >= 0 && d->tok[i].mention >= 0)
			d->ment[d->tok[i].mention].quoted = true;
}

/* Last token index < i skipping auxiliaries and -ly adverbs, from limit on. */
static int32_t
skip_aux_back(const QDoc *d, int32_t i, int32_t limit)
{
	while (i >= limit && tok_in(d, i, aux_words, LEN(aux_words)))
		i--;
	return i;
}

/* True if token i is a lower-case "-ly" adverb ("frequently") outside a name. */
static bool
ly_adverb(const QDoc *d, int32_t i)
{
	const QTok *t = &d->tok[i];

	return t->end - t->start >= 5 && t->mention < 0 && !tok_capital(d, i) &&
		memcmp(d->text + t->end - 2, "ly", 2) == 0;
}

/* True if token i is a relative "who" after a comma ("Smith, who said"). */
static bool
relative_who(const QDoc *d, int32_t i)
{
	return i >= 2 && tok_is(d, i, "who") && tok_punct(d, i - 1, ",") &&
		d->tok[i - 2].sentence == d->tok[i].sentence &&
		(d->tok[i - 2].mention >= 0 || tok_wordlike(d, i - 2));
}

/* Most tokens of a parenthesis after a name ("(D-Wis.)", "(R)"). */
#define Q_PAREN_MAX 6

/*
 * Token i, or the token before the short parenthesis that token i closes:
 * "Rep. Gwen Moore (D-Wis.) said" names Gwen Moore.
 */
static int32_t
skip_parenthesis(const QDoc *d, int32_t i, int32_t limit)
{
	if (i < limit || !tok_punct(d, i, ")"))
		return i;
	for (int32_t k = i - 1; k > limit && k >= i - Q_PAREN_MAX; k--)
		if (tok_punct(d, k, "("))
			return d->tok[k - 1].sentence == d->tok[i].sentence ? k - 1 : i;
	return i;
}

/* The ")" closing a short parenthesis that opens at token k ("(D-Wis.)"), else k. */
static int32_t
paren_end(const QDoc *d, int32_t k)
{
	if (!tok_punct(d, k, "("))
		return k;
	for (int32_t i = k + 1; i < d->ntok && i <= k + Q_PAREN_MAX; i++)
		if (tok_punct(d, i, ")"))
			return i;
	return k;
}

/* Most words between a relative "who" and its verb ("who for years has argued"). */
#define Q_WHO_GAP 8

/*
 * The relative "who" a few words before token i with no punctuation, quote
 * or other reporting verb between ("Smith, who for years as mayor has
 * argued"), or -1.
 */
static int32_t
who_before(const QDoc *d, int32_t i, int32_t limit)
{
	for (int32_t k = i; k >= limit + 2 && k > i - Q_WHO_GAP; k--)
	{
		if (!tok_wordlike(d, k) || d->tok[k].cue_form != NN_CUE_NONE ||
			d->tok[k].sentence != d->tok[i].sentence)
			return -1;
		if (relative_who(d, k))
			return k;
	}
	return -1;
}

/*
 * The speaker phrase ending at token i and not starting before limit: the
 * run of words back to punctuation, a quote mark or a clause word. An
 * appositive ("Smith, director of studies at a university, said") is
 * stepped over to the name before it. Returns false if there is none.
 */
static bool
source_before(const QDoc *d, int32_t i, int32_t limit, int32_t *first, int32_t *last)
{
	int32_t		j;
	int32_t		w;
	int32_t		sent;

	if (limit < 0)
		limit = 0;
	if (i < limit)
		return false;
	sent = d->tok[i].sentence;
	i = skip_parenthesis(d, skip_aux_back(d, i, limit), limit);
	for (j = i; j >= limit && i - j < 4 &&
		 (ly_adverb(d, j) || tok_in(d, j, aux_words, LEN(aux_words))); j--)
		;
	if (j < i && j - 2 >= limit && relative_who(d, j))
		i = j;
	else if (j < i && j >= limit && tok_punct(d, j, ","))
		i = j;
	else if (!relative_who(d, i) && (w = who_before(d, i, limit)) >= 0)
		i = w;
	if (i - 2 >= limit && relative_who(d, i))
	{
		int32_t		m = d->tok[i - 2].mention;

		*last = i;
		if (m < 0)
			return source_before(d, i - 2, limit, first, &j) && !relative_who(d, j);
		for (j = i - 2; j - 1 >= limit && d->tok[j - 1].mention == m; j--)
			;
		*first = j;
		return true;
	}
	if (i >= limit && tok_punct(d, i, ",") && i - 1 >= limit &&
		tok_wordlike(d, i - 1))
	{
		int32_t		k = i - 1;

		while (k >= limit && k > i - Q_APPOSITIVE_MAX && d->tok[k].sentence == sent &&
			   !tok_punct(d, k, ",") && d->tok[k].kind != NN_TOK_QUOTE_CLOSE)
			k--;
		if (k < limit || !tok_punct(d, k, ","))
			return false;
		i = k - 1;
	}
	j = i;
	while (j >= limit && i - j < Q_SOURCE_MAX && d->tok[j].sentence == sent &&
		   tok_wordlike(d, j) && d->tok[j].cue_form == NN_CUE_NONE &&
		   !tok_in(d, j, stop_words, LEN(stop_words)))
		j--;
	if (j == i && pronoun_class(d, i))
		j--;
	if (j == i || (j >= limit && tok_wordlike(d, j) && i - j >= Q_SOURCE_MAX &&
				   d->tok[j].mention < 0))
		return false;
	*first = j + 1;
	*last = i;
	return speaker_phrase(d, *first, *last);
}

/* The speaker phrase starting at token i (after its verb), up to limit. */
static bool
source_after(const QDoc *d, int32_t i, int32_t limit, int32_t *first, int32_t *last)
{
	int32_t		j = i;

	if (i >= d->ntok)
		return false;
	if (pronoun_class(d, i))
	{
		*first = *last = i;
		return true;
	}
	while (j <= limit && j < d->ntok && j - i < Q_SOURCE_MAX &&
		   d->tok[j].sentence == d->tok[i].sentence && tok_wordlike(d, j) &&
		   d->tok[j].cue_form != NN_CUE_INFLECTED &&
		   !tok_in(d, j, after_stops, LEN(after_stops)) &&
		   !(j > i && d->tok[j].mention < 0 && postmodifier(d, j)))
		j++;
	if (j == i || (j == i + 1 && tok_in(d, i, object_pronouns, LEN(object_pronouns))))
		return false;
	*first = i;
	*last = j - 1;
	return true;
}

/* Attribution "…," said X / X said / X, a director, said / — X after a quote. */
static bool
attr_after(const QDoc *d, const QSpan *s, QAttr *a)
{
	int32_t		j = s->close + 1;
	int32_t		para = d->tok[s->close].paragraph;

	if (j >= d->ntok || d->tok[j].paragraph != para)
		return false;
	if (tok_dash(d, j) && source_after(d, j + 1, j + Q_SOURCE_MAX, &a->src_first, &a->src_last))
	{
		a->cue_first = a->cue_last = j;
		a->cue = "\xE2\x80\x94";
		a->src_after = true;
		return true;
	}
	while (j < d->ntok && (tok_punct(d, j, ",") || tok_punct(d, j, "?") || tok_punct(d, j, "!")))
		j++;
	if (tok_is(d, j, "according") && tok_is(d, j + 1, "to") &&
		source_after(d, j + 2, j + 2 + Q_SOURCE_MAX, &a->src_first, &a->src_last))
	{
		a->cue_first = j;
		a->cue_last = j + 1;
		a->cue = "according to";
		a->src_after = true;
		return true;
	}
	for (int32_t k = j; k < d->ntok && k < j + Q_AFTER_WINDOW; k = paren_end(d, k) + 1)
	{
		if (d->tok[k].paragraph != para || d->tok[k].kind == NN_TOK_QUOTE_OPEN ||
			(tok_final(d, k) && k > j))
			return false;
		if (!tok_cue(d, k))
			continue;
		a->cue_first = k;
		a->cue_last = cue_end_tok(d, k);
		a->cue = d->tok[k].cue;
		if (k == j)
		{
			a->src_after = true;
			return !addressee_after(a->cue) &&
				source_after(d, a->cue_last + 1, k + Q_SOURCE_MAX, &a->src_first,
							 &a->src_last);
		}
		a->src_after = false;
		return source_before(d, k - 1, j, &a->src_first, &a->src_last) &&
			a->src_first <= j + 1;
	}
	return false;
}

/* True if cue k is a participle after a comma: "…, saying CLAUSE". */
static bool
participle_cue(const QDoc *d, int32_t k)
{
	const QTok *t = &d->tok[k];

	return tok_punct(d, k - 1, ",") && t->end - t->start > 4 &&
		memcmp(d->text + t->end - 3, "ing", 3) == 0;
}

/*
 * The subject of the sentence of token k, as the speaker of a participle:
 * a pronoun or mention within its first words. False if there is none.
 */
static bool
sentence_subject(const QDoc *d, int32_t k, int32_t *first, int32_t *last)
{
	int32_t		sf = d->tok[k].sent_first;

	for (int32_t i = sf; i < k && i < sf + 4; i++)
	{
		int32_t		m = d->tok[i].mention;

		if (i == sf && pronoun_class(d, i) == 'h')
		{
			*first = *last = i;
			return true;
		}
		if (m < 0 || d->ment[m].type == NER_LOC || d->ment[m].type == NER_MISC)
			continue;
		*first = i;
		while (i + 1 < k && d->tok[i + 1].mention == m)
			i++;
		*last = i;
		return true;
	}
	return false;
}

/* Attribution by the nearest cue before token i in its sentence. */
static bool
attr_cue_before(const QDoc *d, int32_t i, int32_t limit, QAttr *a)
{
	int32_t		sent;

	/* a colon opening the text has nothing before it */
	if (i < 0)
		return false;
	sent = d->tok[i].sentence;

	for (int32_t k = i; k >= limit && k >= 0 && d->tok[k].sentence == sent; k--)
	{
		if (d->tok[k].kind == NN_TOK_QUOTE_CLOSE)
			return false;
		if (tok_is(d, k, "according") && tok_is(d, k + 1, "to"))
		{
			a->cue_first = k;
			a->cue_last = k + 1;
			a->cue = "according to";
			a->src_after = true;
			return source_after(d, k + 2, i, &a->src_first, &a->src_last);
		}
		if (tok_is(d, k, "put") && tok_is(d, k + 1, "it"))
		{
			a->cue_first = a->cue_last = k;
			a->cue = "put";
			a->src_after = false;
			return source_before(d, k - 1, limit, &a->src_first, &a->src_last);
		}
		if (!tok_cue(d, k))
			continue;
		a->cue_first = k;
		a->cue_last = cue_end_tok(d, k);
		a->cue = d->tok[k].cue;
		a->src_after = false;
		if (participle_cue(d, k) && sentence_subject(d, k, &a->src_first, &a->src_last))
			return true;
		if (source_before(d, k - 1, limit, &a->src_first, &a->src_last))
			return true;
		if (addressee_after(a->cue))
			return sentence_subject(d, k, &a->src_first, &a->src_last);
		a->src_after = true;
		return source_after(d, a->cue_last + 1, i, &a->src_first, &a->src_last);
	}
	return false;
}

/* True if the words right before token i are a person's name ("... Daron Shaw:"). */
static bool
person_before(const QDoc *d, int32_t i)
{
	int32_t		m = i > 0 ? d->tok[i - 1].mention : -1;

	return m >= 0 && d->ment[m].type == NER_PER;
}

/*
 * Attribution X: "…" / X said: "…" / ", argues X:" (even ending the last
 * paragraph); the speaker follows the verb only in that inversion after a comma.
 */
static bool
attr_colon(const QDoc *d, int32_t colon, QAttr *a)
{
	int32_t		limit = colon - Q_BEFORE_WINDOW;

	if (attr_cue_before(d, colon - 1, limit, a))
	{
		int32_t		f,
					l;

		if (a->src_after || !tok_punct(d, a->cue_first - 1, ",") ||
			!source_after(d, a->cue_last + 1, colon - 1, &f, &l) || l != colon - 1)
			return true;
		a->src_first = f;
		a->src_last = l;
		a->src_after = true;
		return true;
	}
	if (!source_before(d, colon - 1, colon - Q_SOURCE_MAX, &a->src_first, &a->src_last) ||
		(a->src_first > 0 && d->tok[a->src_first - 1].sentence == d->tok[colon].sentence &&
		 !person_before(d, colon)))
		return false;
	a->cue_first = a->cue_last = colon;
	a->cue = ":";
	a->src_after = false;
	return true;
}

/* Words joining a list of partial quotes ("“naive” and “dangerous”"). */
static const char *const list_links[] = {",", "and", "or"};

/*
 * Token j before a quote, stepped back over the earlier quotes of a list
 * in its sentence, so that one cue reaches every partial quote it governs.
 */
static int32_t
skip_quote_list(const QDoc *d, int32_t j)
{
	for (;;)
	{
		int32_t		c = tok_in(d, j, list_links, LEN(list_links)) ? j - 1 : j;
		int32_t		o;

		if (c <= 0 || d->tok[c].kind != NN_TOK_QUOTE_CLOSE || d->tok[c].span < 0)
			return j;
		o = d->span[d->tok[c].span].open;
		if (o <= 0 || d->tok[o - 1].sentence != d->tok[j].sentence)
			return j;
		j = o - 1;
	}
}

/* Attribution before a quote: colon forms, "X said, "…"", or a partial's cue. */
static bool
attr_before(const QDoc *d, const QSpan *s, QAttr *a)
{
	int32_t		j = s->open - 1;

	if (j < 0)
		return false;
	if (tok_punct(d, j, ":"))
		return attr_colon(d, j, a);
	if (d->tok[j].paragraph != d->tok[s->open].paragraph)
		return false;
	if (tok_in(d, j, naming_words, LEN(naming_words)))
		return false;
	j = skip_quote_list(d, j);
	return attr_cue_before(d, j, j - Q_BEFORE_WINDOW, a);
}

/* True if the quote opening at token o reads as the writer's own sentence. */
static bool
quote_is_direct(const QDoc *d, int32_t o)
{
	int32_t		p = o - 1;

	if (p < 0 || d->tok[p].paragraph != d->tok[o].paragraph ||
		d->tok[p].sentence != d->tok[o].sentence)
		return true;
	if (tok_punct(d, p, ":") || tok_punct(d, p, ",") || tok_dash(d, p) ||
		d->tok[p].cue_form != NN_CUE_NONE)
		return o + 1 < d->ntok && tok_capital(d, o + 1);
	return false;
}

/* Fewest words of a quoted whole clause. */
#define Q_CLAUSE_WORDS 4

/* True if span s quotes a whole clause: words ending in a full stop inside the marks. */
static bool
span_is_clause(const QDoc *d, const QSpan *s)
{
	int32_t		words = 0;

	if (s->open_ended || !(tok_punct(d, s->close - 1, ".") || tok_punct(d, s->close - 1, "?") ||
						   tok_punct(d, s->close - 1, "!")))
		return false;
	for (int32_t i = s->open + 1; i < s->close && words < Q_CLAUSE_WORDS; i++)
		words += tok_wordlike(d, i);
	return words >= Q_CLAUSE_WORDS;
}

/* Object pronoun class of token i, as pronoun_class: "him", "them". */
static char
object_class(const QDoc *d, int32_t i)
{
	if (tok_is(d, i, "him"))
		return 'h';
	return tok_is(d, i, "them") ? 't' : 0;
}

/* True if mention x can be the antecedent of a pronoun of class cls. */
static bool
fits_pronoun(const QMention *x, char cls, char want)
{
	if (x->quoted || (want && x->gender && x->gender != want))
		return false;
	return (cls == 'h' && x->type == NER_PER) || (cls != 'h' && x->type == NER_ORG);
}

/*
 * The most recent fitting antecedent of pronoun token i, in this chunk or
 * else among those carried from earlier chunks; NULL if none.
 */
static const QMention *
antecedent(const QDoc *d, int32_t i)
{
	char		cls = pronoun_class(d, i) ? pronoun_class(d, i) :
		possessive_class(d, i) ? possessive_class(d, i) : object_class(d, i);
	char		want = (tok_is(d, i, "he") || tok_is(d, i, "his") || tok_is(d, i, "him")) ? 'M' :
		(tok_is(d, i, "she") || tok_is(d, i, "her")) ? 'F' : 0;
	int32_t		lo = 0,
				hi = d->nment;

	while (lo < hi)
	{
		int32_t		mid = (lo + hi) / 2;

		if (d->ment[mid].end <= d->tok[i].start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int32_t m = lo - 1; m >= 0 && m >= lo - Q_PRONOUN_LOOKBACK; m--)
		if (fits_pronoun(&d->ment[m], cls, want))
			return &d->ment[m];
	for (int32_t r = 1; lo < Q_PRONOUN_LOOKBACK && r <= d->nrecent &&
		 r <= Q_PRONOUN_LOOKBACK; r++)
	{
		const QMention *x = &d->recent[(d->nrecent - r) % Q_PRONOUN_LOOKBACK];

		if (fits_pronoun(x, cls, want))
			return x;
	}
	return NULL;
}

/* Carry the chunk's possible antecedents over to the next chunk. */
static void
remember_mentions(QDoc *d)
{
	for (int32_t m = 0; m < d->nment; m++)
	{
		if (d->ment[m].quoted || (d->ment[m].type != NER_PER && d->ment[m].type != NER_ORG))
			continue;
		d->recent[d->nrecent++ % Q_PRONOUN_LOOKBACK] = d->ment[m];
		/* stay below INT32_MAX, keeping the ring position */
		if (d->nrecent >= 2 * Q_PRONOUN_LOOKBACK)
			d->nrecent -= Q_PRONOUN_LOOKBACK;
	}
}

/*
 * Fill q's speaker from [first, w], a phrase closed by relative "who" token
 * w: the span stays on "who", the name is the mention before its comma or
 * else the described phrase.
 */
static void
set_relative_speaker(QDoc *d, NnQuote *q, int32_t first, int32_t w)
{
	int32_t		m = d->tok[w - 2].mention;

	q->spk_start = d->tok[w].start;
	q->spk_end = d->tok[w].end;
	if (m >= 0)
	{
		q->name_off = d->ment[m].name_off;
		q->name_len = d->ment[m].name_len;
		q->label = nn_entity_label(d->ment[m].type);
		return;
	}
	for (int32_t i = first; i < w - 2; i++)
		if (tok_in(d, i, desc_cuts, LEN(desc_cuts)))
			first = i + 1;
	q->name_off = arena_add(d, d->text + d->tok[first].start,
							d->tok[w - 2].end - d->tok[first].start);
	q->name_len = d->tok[w - 2].end - d->tok[first].start;
	q->label = "DESC";
}

/*
 * True if mention m can name the speaker of phrase [first, last]: a person
 * or organisation, or a place or group that is the whole phrase ("Russia
 * said"); "U.S. officials" and "Republican lawmakers" are described.
 */
static bool
names_speaker(const QDoc *d, int32_t m, int32_t first, int32_t last)
{
	const QMention *x = &d->ment[m];

	return x->type == NER_PER || x->type == NER_ORG ||
		(x->start <= d->tok[first].start && x->end >= d->tok[last].end);
}

/*
 * True if tokens [i, last] are one place's mention: a cut there would leave
 * "Tokyo" of "officials in Tokyo" as the speaker.
 */
static bool
mention_rest(const QDoc *d, int32_t i, int32_t last)
{
	int32_t		m = d->tok[i].mention;

	return m >= 0 && d->ment[m].start <= d->tok[i].start && d->ment[m].end >= d->tok[last].end;
}

/*
 * Fill q's speaker from the phrase [first, last]: its mention (the last one
 * when the verb follows, as the nearest), else a resolved pronoun, else the
 * phrase itself as a description.
 */
static void
set_speaker(QDoc *d, NnQuote *q, int32_t first, int32_t last, bool prefer_last)
{
	int32_t		m = -1;
	int32_t		cut = first;

	if (last - 2 >= first && relative_who(d, last))
	{
		set_relative_speaker(d, q, first, last);
		return;
	}
	for (int32_t i = first; i <= last; i++)
		if (d->tok[i].mention >= 0 && (m < 0 || prefer_last) &&
			!(i > first && d->ment[d->tok[i].mention].type == NER_LOC &&
			  tok_in(d, i - 1, origin_words, LEN(origin_words))) &&
			names_speaker(d, d->tok[i].mention, first, last))
			m = d->tok[i].mention;
	q->spk_start = d->tok[first].start;
	q->spk_end = d->tok[last].end;
	if (m >= 0)
	{
		q->spk_start = d->ment[m].start;
		q->spk_end = d->ment[m].end;
		q->name_off = d->ment[m].name_off;
		q->name_len = d->ment[m].name_len;
		q->label = nn_entity_label(d->ment[m].type);
		return;
	}
	if (first == last && (pronoun_class(d, first) || possessive_class(d, first)))
	{
		const QMention *a = antecedent(d, first);

		if (a != NULL)
		{
			q->name_off = a->name_off;
			q->name_len = a->name_len;
			q->label = nn_entity_label(a->type);
			return;
		}
	}
	if (first == last && (pronoun_class(d, first) || possessive_class(d, first)))
	{
		q->name_off = arena_add(d, d->text + q->spk_start, q->spk_end - q->spk_start);
		q->name_len = q->spk_end - q->spk_start;
		return;
	}
	if (tok_in(d, first, np_openers, LEN(np_openers)))
	{
		for (int32_t i = first + 1; i <= last; i++)
			if (postmodifier(d, i))
			{
				last = i - 1;
				break;
			}
	}
	else
		for (int32_t i = first; i < last; i++)
			if (tok_in(d, i, desc_cuts, LEN(desc_cuts)) && !mention_rest(d, i + 1, last))
				cut = i + 1;
	q->spk_start = d->tok[cut].start;
	q->spk_end = d->tok[last].end;
	q->name_off = arena_add(d, d->text + q->spk_start, q->spk_end - q->spk_start);
	q->name_len = q->spk_end - q->spk_start;
	q->label = "DESC";
}

/*
 * Append a row; NULL when memory ran out. A row of the context re-read from
 * the last chunk was emitted then, so it only goes to scratch.
 */
static NnQuote *
add_row(QDoc *d, NnQuoteKind kind, size_t start, size_t end, int32_t para)
{
	NnQuoteList *o = d->out;
	NnQuote    *q = &d->scratch;

	if (start >= d->emit_from)
	{
		if (!grow(d, (void **) &o->items, &o->cap, o->n + 1, sizeof(NnQuote)))
			return NULL;
		q = &o->items[o->n++];
	}
	memset(q, 0, sizeof(*q));
	q->kind = kind;
	q->start = start;
	q->end = end;
	q->paragraph = para;
	return q;
}

/* Fill a row's cue and speaker from an attribution. */
static void
apply_attr(QDoc *d, NnQuote *q, const QAttr *a)
{
	q->cue = a->cue;
	q->cue_start = d->tok[a->cue_first].start;
	q->cue_end = d->tok[a->cue_last].end;
	set_speaker(d, q, a->src_first, a->src_last, !a->src_after);
}

/* The attribution of span s, from after it, before it, or neither. */
static bool
span_attr(QDoc *d, const QSpan *s, QAttr *a)
{
	memset(a, 0, sizeof(*a));
	return attr_after(d, s, a) || attr_before(d, s, a);
}

/* True if span s fills its paragraph and so can carry on the last speaker. */
static bool
span_fills_paragraph(const QDoc *d, const QSpan *s)
{
	int32_t		para = d->tok[s->open].paragraph;

	return (s->open == 0 || d->tok[s->open - 1].paragraph != para) &&
		(s->close + 1 >= d->ntok || d->tok[s->close + 1].paragraph != para ||
		 (s->close + 2 >= d->ntok || d->tok[s->close + 2].paragraph != para));
}

/*
 * True if unattributed span s carries on the last quote's speaker: it fills
 * a paragraph right after that quote, or opens a sentence of its paragraph.
 */
static bool
continues_last(const QDoc *d, const QSpan *s, const NnQuote *last, int32_t last_para)
{
	int32_t		para = d->tok[s->open].paragraph;

	if (last->cue == NULL || para > last_para + 1)
		return false;
	if (span_fills_paragraph(d, s))
		return true;
	return para == last_para && s->open > 0 &&
		d->tok[s->open - 1].sentence != d->tok[s->open].sentence;
}

/* Bytes of the white space (ASCII, U+00A0, U+2009, U+202F) starting at s[0..n), or 0. */
static size_t
space_at(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x89 || s[2] == 0xAF))
		return 3;
	return 0;
}

/* Bytes of the white space or comma ending s[0..n), or 0. */
static size_t
space_before(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[n - 1] == ',' || space_at(s + n - 1, 1)))
		return 1;
	if (n >= 2 && space_at(s + n - 2, 2) == 2)
		return 2;
	if (n >= 3 && space_at(s + n - 3, 3) == 3)
		return 3;
	return 0;
}

/* Trim q to its words: spaces inside the marks and a trailing comma are no quote. */
static void
trim_quote(const QDoc *d, NnQuote *q)
{
	const unsigned char *t = (const unsigned char *) d->text;
	size_t		k;

	while (q->end > q->start && (k = space_before(t + q->start, q->end - q->start)) > 0)
		q->end -= k;
	while (q->end > q->start && (k = space_at(t + q->start, q->end - q->start)) > 0)
		q->start += k;
}

/* Emit a row for span s with attribution a (or last, when continuing). */
static NnQuote *
emit_span(QDoc *d, const QSpan *s, const QAttr *a, const NnQuote *last)
{
	int32_t		o = s->open;
	int32_t		c = s->open_ended ? s->close + 1 : s->close;
	size_t		end = s->open_ended ? d->tok[s->close].end : d->tok[c].start;
	NnQuote    *q;
	bool		direct = quote_is_direct(d, o) || span_is_clause(d, s);

	q = add_row(d, direct ? NN_QUOTE_DIRECT : NN_QUOTE_PARTIAL,
				d->tok[o].end, end, d->tok[o].paragraph);
	if (q == NULL)
		return NULL;
	trim_quote(d, q);
	if (a)
	{
		apply_attr(d, q, a);
		q->score = direct ? 0.9f : 0.75f;
		if (q->label && strcmp(q->label, "DESC") == 0)
			q->score -= 0.15f;
		return q;
	}
	q->cue = last->cue;
	q->spk_start = last->spk_start;
	q->spk_end = last->spk_end;
	q->name_off = last->name_off;
	q->name_len = last->name_len;
	q->label = last->label;
	q->score = 0.6f;
	return q;
}

/* Mark the cue of an attribution as taken so no indirect row reuses it. */
static void
use_cue(QDoc *d, const QAttr *a)
{
	for (int32_t i = a->cue_first; i <= a->cue_last; i++)
		d->tok[i].used = true;
}

/*
 * Attribute each quoted span. The spans of one multi-paragraph quote share
 * the first attribution found among them, except a span with one of its
 * own (an earlier quote left open is not the same quote then); a span
 * filling its paragraph right after an attributed quote continues that
 * speaker.
 */
static void
quotes_from_spans(QDoc *d)
{
	NnQuote    *last = &d->last;

	for (int32_t g = 0; g < d->nspan;)
	{
		int32_t		e = g;
		QAttr		a;
		bool		found = false;

		nn_check_interrupts();
		while (e + 1 < d->nspan && d->span[e].open_ended)
			e++;
		for (int32_t s = g; s <= e && !found; s++)
			found = span_attr(d, &d->span[s], &a);
		if (!found && !continues_last(d, &d->span[g], last, d->last_para))
		{
			g = e + 1;
			continue;
		}
		if (found && !(g == e && a.cue_first < d->span[g].open &&
					   !quote_is_direct(d, d->span[g].open)))
			use_cue(d, &a);
		for (int32_t s = g; s <= e; s++)
		{
			QAttr		own;
			bool		has_own = s > g && span_attr(d, &d->span[s], &own);
			NnQuote    *q;

			if (has_own)
				use_cue(d, &own);
			q = emit_span(d, &d->span[s], has_own ? &own : (found ? &a : NULL), last);

			if (q == NULL)
				return;
			*last = *q;
			d->last_para = q->paragraph;
		}
		g = e + 1;
	}
}

/* Emit indirect tokens [first, last] with attribution a, if long enough. */
static void
emit_clause(QDoc *d, int32_t first, int32_t last, const QAttr *a)
{
	int32_t		words = 0,
				quoted = 0;
	NnQuote    *q;

	/* a run-on "sentence" with many cues must not cost its length per cue */
	if (last - first >= Q_MAX_CLAUSE)
	{
		if (a->cue_first < first)
			last = first + Q_MAX_CLAUSE - 1;
		else
			first = last - Q_MAX_CLAUSE + 1;
	}
	while (last > first && (d->tok[last].kind == NN_TOK_PUNCT ||
							d->tok[last].kind == NN_TOK_QUOTE_CLOSE))
		last--;
	while (first < last && (d->tok[first].kind == NN_TOK_PUNCT ||
							tok_is(d, first, "that")))
		first++;
	for (int32_t i = first; i <= last; i++)
	{
		words += tok_wordlike(d, i);
		quoted += d->tok[i].span >= 0;
	}
	if (words < Q_MIN_CLAUSE || quoted * 5 >= (last - first + 1) * 4)
		return;
	q = add_row(d, NN_QUOTE_INDIRECT, d->tok[first].start, d->tok[last].end,
				d->tok[first].paragraph);
	if (q == NULL)
		return;
	apply_attr(d, q, a);
	q->score = 0.6f;
	use_cue(d, a);
}

/* First token after the object of "told reporters", "told The Times". */
static int32_t
skip_object(const QDoc *d, int32_t i, int32_t last)
{
	int32_t		m = i <= last ? d->tok[i].mention : -1;

	if (m >= 0)
	{
		while (i <= last && d->tok[i].mention == m)
			i++;
		return i;
	}
	if (tok_in(d, i, noun_markers, LEN(noun_markers)))
		i++;
	return i + 1;
}


/* First token of the clause reported by cue a: after "that" or the object. */
static int32_t
clause_start(const QDoc *d, const QAttr *a, int32_t sl)
{
	int32_t		c = a->cue_last + 1;

	for (int32_t t = c; t <= sl && t <= c + 8; t++)
		if (tok_is(d, t, "that"))
			return t + 1;
	if (object_cue(a->cue))
		c = skip_object(d, c, sl);
	return c;
}

/*
 * True if the clause of cue k comes before its speaker ("CLAUSE, X said"):
 * little follows the cue, and the words before are not a setting ("In an
 * interview, X said CLAUSE").
 */
static bool
clause_first(const QDoc *d, int32_t k, int32_t sf, int32_t sl)
{
	return sl - k <= 8 && !tok_in(d, sf, setting_words, LEN(setting_words));
}

/* Most tokens between "described" and its "as" or manner adverbial. */
#define Q_AS_WINDOW 12

/* Adverbs of manner or extent that make "described" narrate an act. */
static const char *const manner_adverbs[] = {"briefly", "vividly"};

/* Nouns after "at" or "in" that do the same ("at length", "in detail"). */
static const char *const manner_nouns[] = {"depth", "detail", "length"};

/*
 * True if "described" at token k narrates the act of describing rather
 * than reporting what was said: no "as" follows ("described X as Y"), and
 * a manner or extent adverbial does ("described the exercise at length").
 */
static bool
narrates_describing(const QDoc *d, int32_t k, int32_t sl)
{
	bool		manner = false;

	for (int32_t i = k + 1; i <= sl && i <= k + Q_AS_WINDOW; i++)
	{
		if (tok_is(d, i, "as"))
			return false;
		manner |= tok_in(d, i, manner_adverbs, LEN(manner_adverbs)) ||
			((tok_is(d, i, "at") || tok_is(d, i, "in")) &&
			 tok_in(d, i + 1, manner_nouns, LEN(manner_nouns)));
	}
	return manner;
}

/* Indirect "X said (that) CLAUSE" / "CLAUSE, X said." around cue k. */
static void
indirect_at_cue(QDoc *d, int32_t k)
{
	int32_t		sf = d->tok[k].sent_first;
	int32_t		sl = d->tok[k].sent_last;
	QAttr		a;

	memset(&a, 0, sizeof(a));
	a.cue_first = k;
	a.cue_last = cue_end_tok(d, k);
	a.cue = d->tok[k].cue;
	if (strcmp(a.cue, "describe") == 0 && narrates_describing(d, k, sl))
		return;
	if (participle_cue(d, k))
	{
		if (sentence_subject(d, k, &a.src_first, &a.src_last))
			emit_clause(d, clause_start(d, &a, sl), sl, &a);
		return;
	}
	if (source_before(d, k - 1, sf, &a.src_first, &a.src_last))
	{
		if (a.src_first - 1 > sf && tok_punct(d, a.src_first - 1, ",") &&
			clause_first(d, k, sf, sl))
			emit_clause(d, sf, a.src_first - 2, &a);
		else
			emit_clause(d, clause_start(d, &a, sl), sl, &a);
		return;
	}
	if (k - 1 > sf && tok_punct(d, k - 1, ",") && !addressee_after(a.cue) &&
		source_after(d, a.cue_last + 1, sl, &a.src_first, &a.src_last) &&
		sl - a.src_last <= 4)
	{
		a.src_after = true;
		emit_clause(d, sf, k - 2, &a);
	}
}

/* Indirect "according to X, CLAUSE" / "CLAUSE, according to X." at token k. */
static void
indirect_according(QDoc *d, int32_t k)
{
	int32_t		sf = d->tok[k].sent_first;
	int32_t		sl = d->tok[k].sent_last;
	QAttr		a;

	memset(&a, 0, sizeof(a));
	a.cue_first = k;
	a.cue_last = k + 1;
	a.cue = "according to";
	a.src_after = true;
	if (!source_after(d, k + 2, sl, &a.src_first, &a.src_last))
		return;
	if (k > sf && tok_punct(d, k - 1, ","))
		emit_clause(d, sf, k - 2, &a);
	else
		emit_clause(d, a.src_last + 1, sl, &a);
}

/* Every reporting verb not yet used and outside quotes gives an indirect quote. */
static void
quotes_indirect(QDoc *d)
{
	for (int32_t k = 0; k < d->ntok; k++)
	{
		if ((k % Q_CHECK_TOKENS) == 0)
			nn_check_interrupts();
		if (d->tok[k].used || d->tok[k].span >= 0)
			continue;
		if (tok_is(d, k, "according") && tok_is(d, k + 1, "to"))
			indirect_according(d, k);
		else if (tok_cue(d, k) && !tok_is(d, k - 1, "to"))
			indirect_at_cue(d, k);
	}
}

/* Order rows by position, then direct before indirect. */
static int
row_cmp(const void *a, const void *b)
{
	const NnQuote *x = a;
	const NnQuote *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (int) x->kind - (int) y->kind;
}

/* Feed one mention or resolved pronoun to the sink. */
static bool
sink_mention(QDoc *d, size_t start, size_t end, const QMention *m, bool pronoun)
{
	NnQuoteMention qm = {start, end, m->type, d->out->arena + m->name_off, m->name_len, pronoun};

	return d->sink->mention(d->sink->arg, &qm);
}

/* True if token i could be a pronoun antecedent() resolves: a cheap test before the lists. */
static bool
maybe_pronoun(const QDoc *d, int32_t i)
{
	size_t		len = d->tok[i].end - d->tok[i].start;
	char		c = d->text[d->tok[i].start];

	return d->tok[i].kind == NN_TOK_WORD && len >= 2 && len <= 5 &&
		strchr("hHsSiItT", c) != NULL;
}

/* Feed the chunk's new mentions, resolved pronouns and tokens to the sink, in text order. */
static void
feed_sink(QDoc *d)
{
	int32_t		first = 0;
	bool		ok = true;

	for (int32_t i = 0; i < d->ntok && ok; i++)
	{
		const QMention *a;

		if (d->tok[i].start < d->emit_from)
			continue;
		if (d->tok[i].mention >= 0)
		{
			if (i == 0 || d->tok[i - 1].mention != d->tok[i].mention)
				ok = sink_mention(d, d->ment[d->tok[i].mention].start,
								  d->ment[d->tok[i].mention].end, &d->ment[d->tok[i].mention], false);
		}
		else if (maybe_pronoun(d, i) &&
				 (pronoun_class(d, i) || possessive_class(d, i) || object_class(d, i)) &&
				 (a = antecedent(d, i)) != NULL)
			ok = sink_mention(d, d->tok[i].start, d->tok[i].end, a, true);
	}
	while (first < d->nraw && d->raw[first].start + d->chunk_start < d->emit_from)
		first++;
	if (ok && first < d->nraw && d->sink->tokens != NULL)
		ok = d->sink->tokens(d->sink->arg, d->raw + first, d->nraw - first, d->chunk_start);
	d->nomem |= !ok;
}

/* Find the quotes of the current chunk. */
static NnStatus
extract_chunk(QDoc *d, NerTagger *tagger)
{
	NnStatus	st = read_tokens(d);

	if (st == NN_OK)
		st = read_mentions(d, tagger);
	if (st != NN_OK)
		return st;
	mark_sentences(d);
	link_mentions(d);
	d->nspan = 0;
	find_spans(d);
	if (d->sink == NULL || !d->sink->mentions_only)
	{
		quotes_from_spans(d);
		quotes_indirect(d);
	}
	if (d->sink != NULL)
		feed_sink(d);
	remember_mentions(d);
	return d->nomem ? NN_ERR_NOMEM : NN_OK;
}

/*
 * Move to the next chunk. A short last paragraph is read again as context
 * so that a colon or a speaker ending it still reaches the quote after it.
 */
static void
next_chunk(QDoc *d)
{
	bool		context = d->ctx_tokens <= Q_CONTEXT && d->ntok > 0 &&
		d->ctx_start > d->chunk_start;

	d->para_base = d->ntok > 0 ? d->tok[d->ntok - 1].paragraph - (context ? 1 : 0) : d->para_base;
	d->emit_from = d->chunk_end;
	d->chunk_start = context ? d->ctx_start : d->chunk_end;
}

/*
 * Find the quotes of a document, chunk by chunk: memory holds one chunk's
 * tokens and mentions, plus the rows.
 */
NnStatus
nn_quotes_extract(NerTagger *tagger, const char *text, size_t len, NnQuoteList *out)
{
	return nn_quotes_extract_sink(tagger, text, len, out, NULL);
}

/* Find the quotes, feeding the pass's mentions and tokens to sink (may be NULL). */
NnStatus
nn_quotes_extract_sink(NerTagger *tagger, const char *text, size_t len, NnQuoteList *out,
					   const NnQuoteSink *sink)
{
	QDoc	   *d = nn_alloc(sizeof(QDoc));
	NnStatus	st = NN_OK;

	memset(out, 0, sizeof(*out));
	if (d == NULL)
		return NN_ERR_NOMEM;
	memset(d, 0, sizeof(*d));
	d->text = text;
	d->len = len;
	d->out = out;
	d->sink = sink;
	d->last_para = -10;
	while (st == NN_OK && d->chunk_start < len && d->emit_from < len)
	{
		st = extract_chunk(d, tagger);
		if (st == NN_OK && d->chunk_end < len)
			next_chunk(d);
		else
			break;
	}
	if (st == NN_OK && out->n > 1)
		qsort(out->items, (size_t) out->n, sizeof(NnQuote), row_cmp);
	if (d->ents_open)
		nn_entities_end(&d->ents);
	nn_release(d->tok);
	nn_release(d->raw);
	nn_release(d->ment);
	nn_release(d->span);
	nn_release(d);
	if (st != NN_OK)
		nn_quotes_free(out);
	return st;
}

/* The resolved name of q's speaker. */
const char *
nn_quote_speaker(const NnQuoteList *list, const NnQuote *q)
{
	return q->name_len ? list->arena + q->name_off : "";
}

/* Name of a quote kind for the SQL layer. */
const char *
nn_quote_kind_name(NnQuoteKind kind)
{
	switch (kind)
	{
		case NN_QUOTE_DIRECT:
			return "direct";
		case NN_QUOTE_PARTIAL:
			return "partial";
		case NN_QUOTE_INDIRECT:
			return "indirect";
	}
	return "direct";
}

/* Release the rows. */
void
nn_quotes_free(NnQuoteList *list)
{
	nn_release(list->items);
	nn_release(list->arena);
	memset(list, 0, sizeof(*list));
}
