/*
 * test_ner_blob.c
 *	  The model embedded with ner_model_blob.S opens in place, and candidate
 *	  filtering: upper-case and lower-case documents are tagged exactly as
 *	  without it, and in normally cased text the tokens it rules out are O
 *	  with a large margin while the names are still found.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ner_decode.h"
#include "unit.h"

#define MAXTOK 64

/* A document built from a space-separated sentence, in a recased copy. */
typedef struct TestDoc
{
	char		text[512];
	NerText		tok[MAXTOK];
	int32_t		starts[2];
	NerDoc		doc;
} TestDoc;

/* Split text (recased by mode: 0 as is, 1 upper, 2 lower) into one sentence. */
static void
make_doc(TestDoc *td, const char *text, int mode)
{
	int32_t		n = 0;
	char	   *p = td->text;

	snprintf(td->text, sizeof(td->text), "%s", text);
	for (char *q = td->text; *q; q++)
		*q = mode == 1 ? (char) toupper((unsigned char) *q) :
			mode == 2 ? (char) tolower((unsigned char) *q) : *q;
	while (*p && n < MAXTOK)
	{
		char	   *e = strchr(p, ' ');

		td->tok[n].s = p;
		td->tok[n].len = e ? (size_t) (e - p) : strlen(p);
		n++;
		if (e == NULL)
			break;
		p = e + 1;
	}
	td->starts[0] = 0;
	td->starts[1] = n;
	td->doc = (NerDoc) {td->tok, n, td->starts, 1};
}

static const char *const sample =
"Angela Merkel flew to Paris on Monday to meet the head of the Bank of France , "
"who said that Deutsche Bank and the European Union would talk about 1860 Munich .";

/* Tag a document with filtering on or off. */
static void
tag(NerTagger *tg, const TestDoc *td, bool filter, uint8_t *lab, float *mar)
{
	tg->filter = filter;
	ner_tag(tg, &td->doc, lab, mar);
}

/* Upper- and lower-case text is tagged the same with and without filtering. */
static void
test_fallback(NerTagger *tg)
{
	for (int mode = 1; mode <= 2; mode++)
	{
		TestDoc		td;
		uint8_t		a[MAXTOK],
					b[MAXTOK];

		make_doc(&td, sample, mode);
		tag(tg, &td, true, a, NULL);
		tag(tg, &td, false, b, NULL);
		CHECK(memcmp(a, b, (size_t) td.doc.ntokens) == 0,
			  "%s text: filtering changes no label", mode == 1 ? "upper-case" : "lower-case");
	}
}

/* In normal text, ruled-out tokens are O with a large margin; names are found. */
static void
test_forced_o(NerTagger *tg)
{
	TestDoc		td;
	uint8_t		a[MAXTOK],
				b[MAXTOK];
	float		ma[MAXTOK];
	NerEntity	e[MAXTOK];
	bool		forced_ok = true;
	int			nforced = 0;
	int			n;

	make_doc(&td, sample, 0);
	tag(tg, &td, true, a, ma);
	for (int32_t i = 0; i < td.doc.ntokens; i++)
	{
		if (tg->cand[i] != NER_CAND_NO)
			continue;
		nforced++;
		forced_ok &= a[i] == NER_LABEL_O && ma[i] >= 1e5f;
	}
	CHECK(nforced > 10 && forced_ok, "%d ruled-out tokens are O with a large margin", nforced);
	CHECK(tg->cand[0] && tg->cand[1] && tg->cand[13] && tg->cand[14] && tg->cand[15],
		  "names and the connector between them stay candidates");
	n = ner_entities(tg->model, &td.doc, a, ma, e);
	CHECK(n >= 5 && e[0].type == NER_PER && e[0].end == 2, "entities found (%d)", n);
	tag(tg, &td, false, b, NULL);
	CHECK(memcmp(a, b, (size_t) td.doc.ntokens) == 0, "the same labels as full tagging here");
}

/* Run the tests. */
int
main(void)
{
	NerModel	m;
	NerTagger	tg;
	char		err[128];
	size_t		len = (size_t) (ner_model_blob_end - ner_model_blob);

	CHECK(ner_model_open(ner_model_blob, len, &m, err, sizeof(err)),
		  "the embedded model (%zu bytes) opens in place", len);
	CHECK((const uint8_t *) m.stage[0].table > ner_model_blob &&
		  (const uint8_t *) m.stage[0].table < ner_model_blob_end, "its tables are in the blob");
	ner_tagger_init(&tg, &m);
	test_fallback(&tg);
	test_forced_o(&tg);
	ner_tagger_reset(&tg);
	CHECK(tg.cap == 0 && tg.words == NULL && tg.scratch.mem == NULL, "reset frees everything");
	test_forced_o(&tg);
	ner_tagger_free(&tg);
	return unit_done();
}
