/*
 * tokens.c
 *	  newsnlp.tokens(body text): tokens with sentence numbers and shapes.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "newsnlp.h"
#include "position.h"
#include "shape.h"
#include "srf.h"
#include "token.h"

#define TOKENS_COLS 6

PG_FUNCTION_INFO_V1(newsnlp_tokens);

/* Emit one row per token: number, sentence, position, length, text, shape. */
Datum
newsnlp_tokens(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(body);
	size_t		n = VARSIZE_ANY_EXHDR(body);
	NnTokenizer tk;
	NnToken		tok;
	CharCursor	cur;
	TextBuf		text_buf;
	TextBuf		shape_buf;
	char		shape[NN_SHAPE_MAX + 1];
	int32		number = 0;
	Datum		values[TOKENS_COLS];
	bool		nulls[TOKENS_COLS] = {false};

	nn_pg_require_utf8();
	nn_srf_init(fcinfo);
	nn_pg_check_status(nn_tokens_begin(&tk, s, n), "tokenization");
	char_cursor_init(&cur, s);
	textbuf_init(&text_buf);
	textbuf_init(&shape_buf);
	while (nn_tokens_next(&tk, &tok))
	{
		int32		len;
		int32		pos = char_cursor_span(&cur, tok.start, tok.end, &len);
		size_t		shape_len = nn_shape(s + tok.start, tok.end - tok.start, shape);

		CHECK_FOR_INTERRUPTS();
		values[0] = Int32GetDatum(++number);
		values[1] = Int32GetDatum(tok.sentence);
		values[2] = Int32GetDatum(pos);
		values[3] = Int32GetDatum(len);
		values[4] = textbuf_set(&text_buf, s + tok.start, tok.end - tok.start);
		values[5] = textbuf_set(&shape_buf, shape, shape_len);
		nn_srf_put(fcinfo, values, nulls);
	}
	return (Datum) 0;
}
