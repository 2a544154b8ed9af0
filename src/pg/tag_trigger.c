/*
 * tag_trigger.c
 *	  newsnlp.tag(text_column, jsonb_column): a BEFORE INSERT OR UPDATE row
 *	  trigger that keeps a jsonb column equal to newsnlp.annotate() of a
 *	  text column.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/rel.h"

#include "annotate.h"

PG_FUNCTION_INFO_V1(newsnlp_tag);

/* Raise trigger_protocol_violated unless fired as a row-level BEFORE INSERT/UPDATE trigger. */
static TriggerData *
check_trigger_context(FunctionCallInfo fcinfo)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("newsnlp.tag() was not called by a trigger manager"),
				 errhint("Use it in CREATE TRIGGER ... BEFORE INSERT OR UPDATE ... FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp').")));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" on \"%s\": newsnlp.tag() must be fired BEFORE INSERT OR UPDATE FOR EACH ROW",
						td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation))));
	if (td->tg_trigger->tgnargs != 2)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" on \"%s\": newsnlp.tag() takes 2 arguments (text column, jsonb column), got %d",
						td->tg_trigger->tgname, RelationGetRelationName(td->tg_relation),
						td->tg_trigger->tgnargs)));
	return td;
}

/*
 * Attribute number of the column named by trigger argument arg, which must
 * exist and have one of the types wanted (a text type or jsonb).
 */
static int
trigger_column(TriggerData *td, int arg, bool want_text)
{
	Relation	rel = td->tg_relation;
	const char *name = td->tg_trigger->tgargs[arg];
	int			attnum = SPI_fnumber(RelationGetDescr(rel), name);
	Oid			type;

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("trigger \"%s\": column \"%s\" of relation \"%s\" does not exist",
						td->tg_trigger->tgname, name, RelationGetRelationName(rel))));
	type = TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid;
	if (want_text ? (type != TEXTOID && type != VARCHAROID) : type != JSONBOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("trigger \"%s\": column \"%s\" of relation \"%s\" is of type %s, but newsnlp.tag() needs %s",
						td->tg_trigger->tgname, name, RelationGetRelationName(rel),
						format_type_be(type), want_text ? "text or varchar" : "jsonb")));
	if (!want_text && TupleDescAttr(RelationGetDescr(rel), attnum - 1)->attgenerated)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("trigger \"%s\": column \"%s\" of relation \"%s\" is a generated column",
						td->tg_trigger->tgname, name, RelationGetRelationName(rel))));
	return attnum;
}

/* True if column attnum holds the same value (or NULL) in both rows. */
static bool
same_value(HeapTuple a, HeapTuple b, TupleDesc desc, int attnum)
{
	bool		anull;
	bool		bnull;
	Datum		x = heap_getattr(a, attnum, desc, &anull);
	Datum		y = heap_getattr(b, attnum, desc, &bnull);
	struct varlena *dx;
	struct varlena *dy;
	bool		same;

	if (anull || bnull)
		return anull && bnull;
	/* an unchanged out-of-line value keeps its TOAST pointer: no detoasting */
	if (datumIsEqual(x, y, false, -1))
		return true;
	dx = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(x));
	dy = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(y));
	same = VARSIZE_ANY_EXHDR(dx) == VARSIZE_ANY_EXHDR(dy) &&
		memcmp(VARDATA_ANY(dx), VARDATA_ANY(dy), VARSIZE_ANY_EXHDR(dx)) == 0;
	return same;
}

/*
 * Set the jsonb column to annotate(text column), NULL for a NULL text. An
 * UPDATE that changes neither column keeps the row as it is; one that sets
 * the jsonb column by hand gets it recomputed, so it always matches the text.
 */
Datum
newsnlp_tag(PG_FUNCTION_ARGS)
{
	TriggerData *td = check_trigger_context(fcinfo);
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	int			text_col = trigger_column(td, 0, true);
	int			json_col = trigger_column(td, 1, false);
	HeapTuple	row = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	Datum		value = (Datum) 0;
	bool		isnull;
	Datum		body;

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) &&
		same_value(td->tg_trigtuple, row, desc, text_col) &&
		same_value(td->tg_trigtuple, row, desc, json_col))
		return PointerGetDatum(row);
	body = heap_getattr(row, text_col, desc, &isnull);
	if (!isnull)
		value = JsonbPGetDatum(nn_pg_annotate(DatumGetTextPP(body)));
	return PointerGetDatum(heap_modify_tuple_by_cols(row, desc, 1, &json_col, &value, &isnull));
}
