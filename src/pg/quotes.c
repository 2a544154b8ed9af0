/*
 * quotes.c
 *	  newsnlp.quotes(body text): quotations and who said them.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "newsnlp.h"
#include "position.h"
#include "quotes.h"
#include "srf.h"
#include "tagger.h"

#define QUOTES_COLS 11

/* Character positions per quote: its start and end, its speaker's (quote_char_bounds). */
#define OFFSETS_PER_QUOTE 4

PG_FUNCTION_INFO_V1(newsnlp_quotes);

/* Fill the speaker columns: name, label, position, length; NULL when absent. */
static void
speaker_columns(const NnQuoteList *list, const NnQuote *q, const int32 *at,
				TextBuf *name, Datum *values, bool *nulls)
{
	nulls[1] = q->name_len == 0;
	if (!nulls[1])
		values[1] = textbuf_set(name, nn_quote_speaker(list, q), q->name_len);
	nulls[2] = q->label == NULL;
	if (!nulls[2])
		values[2] = CStringGetTextDatum(q->label);
	nulls[7] = nulls[8] = q->spk_end <= q->spk_start;
	if (!nulls[7])
	{
		values[7] = Int32GetDatum(at[2]);
		values[8] = Int32GetDatum(at[3] - at[2]);
	}
}

/*
 * Emit one row per quote: quote, speaker, speaker_label, cue, kind, pos,
 * len, speaker_pos, speaker_len, paragraph, score.
 */
Datum
newsnlp_quotes(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(body);
	NnQuoteList list;
	int32	   *chars;
	TextBuf		quote;
	TextBuf		name;
	Datum		values[QUOTES_COLS];
	bool		nulls[QUOTES_COLS] = {false};

	nn_pg_require_utf8();
	nn_srf_init(fcinfo);
	nn_pg_check_status(nn_quotes_extract(nn_pg_tagger(), s, VARSIZE_ANY_EXHDR(body), &list),
					   "quote extraction");
	chars = quote_char_bounds(s, &list, true);
	textbuf_init(&quote);
	textbuf_init(&name);
	for (int i = 0; i < list.n; i++)
	{
		const NnQuote *q = &list.items[i];
		const int32 *at = chars + i * OFFSETS_PER_QUOTE;

		CHECK_FOR_INTERRUPTS();
		values[0] = textbuf_set(&quote, s + q->start, q->end - q->start);
		speaker_columns(&list, q, at, &name, values, nulls);
		nulls[3] = q->cue == NULL;
		if (!nulls[3])
			values[3] = CStringGetTextDatum(q->cue);
		values[4] = CStringGetTextDatum(nn_quote_kind_name(q->kind));
		values[5] = Int32GetDatum(at[0]);
		values[6] = Int32GetDatum(at[1] - at[0]);
		values[9] = Int32GetDatum(q->paragraph);
		values[10] = Float4GetDatum(q->score);
		nn_srf_put(fcinfo, values, nulls);
	}
	nn_quotes_free(&list);
	return (Datum) 0;
}
