/*
 * claims.c
 *	  newsnlp.claims(body text): for every attributed quote, its speaker's
 *	  stance towards each entity the quote mentions.
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "newsnlp.h"
#include "position.h"
#include "srf.h"
#include "stance.h"
#include "stance_doc.h"
#include "tagger.h"

#define CLAIMS_COLS 9

PG_FUNCTION_INFO_V1(newsnlp_claims);

/*
 * Emit one row per claim: speaker, speaker_label, target, target_label,
 * stance, score, quote, pos, len.
 */
Datum
newsnlp_claims(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(body);
	const StanceModel *m;
	StanceClaims claims;
	int32	   *chars;
	TextBuf		speaker;
	TextBuf		target;
	TextBuf		quote;
	Datum		values[CLAIMS_COLS];
	bool		nulls[CLAIMS_COLS] = {false};

	nn_pg_require_utf8();
	nn_srf_init(fcinfo);
	m = nn_pg_stance_model();
	nn_pg_check_status(stance_claims(m, nn_pg_tagger(), s, VARSIZE_ANY_EXHDR(body), &claims),
					   "claims");
	chars = quote_char_bounds(s, &claims.quotes, false);
	textbuf_init(&speaker);
	textbuf_init(&target);
	textbuf_init(&quote);
	for (int i = 0; i < claims.n; i++)
	{
		const StanceClaim *c = &claims.items[i];
		const NnQuote *q = &claims.quotes.items[c->quote];

		CHECK_FOR_INTERRUPTS();
		values[0] = textbuf_set(&speaker, nn_quote_speaker(&claims.quotes, q), q->name_len);
		nulls[1] = q->label == NULL;
		if (!nulls[1])
			values[1] = CStringGetTextDatum(q->label);
		values[2] = textbuf_set(&target, stance_claim_target(&claims, c), c->name_len);
		values[3] = CStringGetTextDatum(nn_entity_label(c->type));
		values[4] = CStringGetTextDatum(stance_label_name(c->result.label));
		values[5] = Float4GetDatum(c->result.score);
		values[6] = textbuf_set(&quote, s + q->start, q->end - q->start);
		values[7] = Int32GetDatum(chars[2 * c->quote]);
		values[8] = Int32GetDatum(chars[2 * c->quote + 1] - chars[2 * c->quote]);
		nn_srf_put(fcinfo, values, nulls);
	}
	stance_claims_free(&claims);
	return (Datum) 0;
}
