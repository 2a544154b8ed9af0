/*
 * ner_decode.h
 *	  Tagging with a loaded model: per sentence, a first-order Viterbi search
 *	  over BILOU labels under the BILOU constraints; with a two-stage model,
 *	  a second pass that also sees the first pass's labels for the same word
 *	  across the document. Time is linear in the number of tokens.
 *
 *	  Each token also gets a margin: how much the best labelling beats the
 *	  best labelling that gives this token another label (from max-marginals
 *	  of a forward and a backward pass). An entity's confidence is
 *	  logistic(a * m + b), where m is the smallest margin of its tokens (an
 *	  entity is only as sure as its least sure token) and a, b are fitted on
 *	  development data when the model is trained.
 */
#ifndef NER_DECODE_H
#define NER_DECODE_H

#include "ner_model.h"

/*
 * Words a tagger remembers by default. Most features look at one word at a
 * fixed offset, so their summed scores are kept per word type (about 0.9 kB
 * a word, 14 MB in all); news repeats its words, so most tokens find theirs
 * here and only the features that combine words or depend on the context
 * are looked up in the weights. When full, the cache starts afresh.
 */
#define NER_CACHE_WORDS 16384

/* A cached word: its bytes and its summary; its scores are in NerTagger.score. */
typedef struct NerCachedWord
{
	NerTokInfo	info;			/* the word fields of its summary */
	uint8_t		len;
	char		bytes[NER_MAX_TOKEN_BYTES];
} NerCachedWord;

/*
 * Reusable scratch space for tagging. It grows to the largest document (and
 * sentence) seen, so after the first documents tagging allocates nothing;
 * the SQL layer feeds chunks of at most 20,000 tokens, which bounds it to
 * about 120 bytes a token plus 400 bytes a token of the longest sentence.
 * Every interrupt point (nn_check_interrupts, which may not return) comes
 * between complete steps: a word enters the cache index only once its entry
 * is filled, and the per-document buffers are rebuilt by each ner_tag.
 */
typedef struct NerTagger
{
	const NerModel *model;
	int32_t		cap;			/* tokens the document buffers hold */
	int32_t		seqcap;			/* tokens the sentence buffers hold */
	NerTokInfo *infos;
	NerStage1  *s1;
	uint8_t    *first;			/* first-stage labels */
	double	   *emit;			/* seqcap * NER_NLABELS */
	double	   *work;			/* Viterbi scratch, see ner_viterbi */
	uint8_t    *back;			/* seqcap * NER_NLABELS backpointers */
	NerScratch	scratch;		/* per-document word tables */
	int32_t    *word;			/* cache entry of each token, -1 if none */
	uint8_t    *cand;			/* NER_CAND_* of each token */
	bool		filter;			/* decode only candidates in normally cased text */
	int32_t		cache_words;	/* cache capacity, 0 to compute everything afresh */
	int32_t		nwords;			/* entries in use */
	NerCachedWord *words;		/* cache_words entries, allocated on first use */
	int32_t    *score[NER_MAX_STAGES];	/* per stage and entry, NER_NOFFSETS rows of
										 * NER_NLABELS summed weights */
	uint32_t   *slots;			/* open addressing over words: index + 1, 0 empty */
	uint32_t	mask;			/* slots - 1 */
	int32_t		edge[NER_MAX_STAGES][NER_NOFFSETS][NER_NLABELS];	/* beyond the sentence */
} NerTagger;

/*
 * Prepare a tagger for a model, with a cache of NER_CACHE_WORDS words (set
 * cache_words before the first ner_tag to change it, 0 to turn caching
 * off) and candidate filtering on (clear filter to decode every token);
 * allocates nothing yet.
 */
extern void ner_tagger_init(NerTagger *tg, const NerModel *model);

/* Release all a tagger's memory; it stays ready for the next ner_tag (leak checks). */
extern void ner_tagger_reset(NerTagger *tg);

/* Release a tagger's buffers. */
extern void ner_tagger_free(NerTagger *tg);

/*
 * Label every token of a document into labels[0..ntokens) (BILOU codes of
 * ner_labels.h); if margins is not NULL, also each token's margin.
 */
extern NnStatus ner_tag(NerTagger *tg, const NerDoc *doc, uint8_t *labels,
						float *margins);

/*
 * The entities of a tagged document, in order, with confidences; out needs
 * room for ntokens entries. Returns how many.
 */
extern int	ner_entities(const NerModel *model, const NerDoc *doc,
						 const uint8_t *labels, const float *margins, NerEntity *out);

/*
 * Best label sequence for emission scores emit[n * NER_NLABELS] and
 * transitions trans[(NER_NLABELS + 1) * NER_NLABELS] (last row: from the
 * start). work needs 2 * n * NER_NLABELS doubles, back n * NER_NLABELS
 * bytes. Writes best[0..n) and, if margins is not NULL, margins[0..n).
 */
extern void ner_viterbi(const double *emit, int n, const double *trans,
						uint8_t *best, float *margins, double *work, uint8_t *back);

/*
 * The same for a segment of a sentence decoded apart: after_o if an O label
 * precedes it (else it starts the sentence), before_o if one follows it
 * (else it ends the sentence).
 */
extern void ner_viterbi_segment(const double *emit, int n, const double *trans,
								bool after_o, bool before_o, uint8_t *best,
								float *margins, double *work, uint8_t *back);

/* Emission scores of one sentence of a document under one stage's weights. */
extern void ner_stage_emit(const NerWeights *w, const NerTokInfo *infos,
						   const NerStage1 *s1, int32_t start, int32_t end,
						   double *emit);

/*
 * The same scores for sentence [start, end) of the document last tagged, in
 * stage s, through the tagger's word cache: equal to ner_stage_emit on
 * tg->infos (and tg->s1 in the second stage), only faster.
 */
extern void ner_tagger_emit(const NerTagger *tg, int s, int32_t start, int32_t end,
							double *emit);

#endif							/* NER_DECODE_H */
