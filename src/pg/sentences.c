/*
 * sentences.c
 *	  newsnlp.sentences(body text): sentences with their paragraphs.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "newsnlp.h"
#include "position.h"
#include "sentence.h"
#include "srf.h"

#define SENTENCES_COLS 5

PG_FUNCTION_INFO_V1(newsnlp_sentences);

/* Emit one row per sentence: number, paragraph, position, length, text. */
Datum
newsnlp_sentences(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(body);
	size_t		n = VARSIZE_ANY_EXHDR(body);
	NnSentenceSplitter sp;
	NnSentence	sent;
	CharCursor	cur;
	TextBuf		tb;
	int32		number = 0;
	Datum		values[SENTENCES_COLS];
	bool		nulls[SENTENCES_COLS] = {false};

	nn_pg_require_utf8();
	nn_srf_init(fcinfo);
	nn_pg_check_status(nn_sentences_begin(&sp, s, n), "sentence segmentation");
	char_cursor_init(&cur, s);
	textbuf_init(&tb);
	while (nn_sentences_next(&sp, &sent))
	{
		int32		len;
		int32		pos = char_cursor_span(&cur, sent.start, sent.end, &len);

		CHECK_FOR_INTERRUPTS();
		values[0] = Int32GetDatum(++number);
		values[1] = Int32GetDatum(sent.paragraph);
		values[2] = Int32GetDatum(pos);
		values[3] = Int32GetDatum(len);
		values[4] = textbuf_set(&tb, s + sent.start, sent.end - sent.start);
		nn_srf_put(fcinfo, values, nulls);
	}
	return (Datum) 0;
}
