/*
 * stance_train.c
 *	  The aggregate newsnlp.stance_train(body, target, label) and prediction
 *	  with its result: newsnlp.stance(model, body, target) and
 *	  newsnlp.stance_score(model, body, target).
 *
 *	  The aggregate's state is a streaming trainer (learn_linear.h) in the
 *	  aggregate's memory context, bounded whatever the number of rows. Rows
 *	  with a NULL in any column are skipped and counted. There is no combine
 *	  function: two models fitted on halves of the rows do not merge into the
 *	  model of all rows, and the result depends on row order, so the
 *	  aggregate is PARALLEL RESTRICTED and runs in the leader.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "newsnlp.h"
#include "stance_model_type.h"

PG_FUNCTION_INFO_V1(stance_train_transfn);
PG_FUNCTION_INFO_V1(stance_train_finalfn);
PG_FUNCTION_INFO_V1(stance_predict_label);
PG_FUNCTION_INFO_V1(stance_predict_score);

/* The aggregate's state. */
typedef struct TrainState
{
	LearnTrainer trainer;
} TrainState;

/* Raise the error for a failed core call. */
static void
check(NnStatus st)
{
	nn_pg_check_status(st, "stance_train");
}

/* A new state in the aggregate's context. */
static TrainState *
new_state(MemoryContext aggcxt)
{
	MemoryContext old = MemoryContextSwitchTo(aggcxt);
	TrainState *s = palloc0(sizeof(TrainState));

	check(learn_trainer_init(&s->trainer, &learn_default_opts));
	MemoryContextSwitchTo(old);
	return s;
}

/* Index of a row's label, raising 54000 past the label limit. */
static int32
label_of(LearnTrainer *t, const text *label)
{
	int32		k = learn_trainer_label(t, VARDATA_ANY(label), VARSIZE_ANY_EXHDR(label));

	if (k == LEARN_TOO_MANY_LABELS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance_train supports at most %d distinct labels", LEARN_MAX_LABELS)));
	if (k == LEARN_NOMEM)
		check(NN_ERR_NOMEM);
	return k;
}

/* Learn from one row; features are built in the per-row context. */
static void
add_row(TrainState *s, MemoryContext aggcxt, const text *body, const text *target,
		const text *label)
{
	LearnFeatures f = {0};
	MemoryContext old;
	int32		k;

	check(learn_features(VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body), VARDATA_ANY(target),
						 VARSIZE_ANY_EXHDR(target), s->trainer.o.nbits, &f));
	old = MemoryContextSwitchTo(aggcxt);
	k = label_of(&s->trainer, label);
	check(learn_trainer_target(&s->trainer, VARDATA_ANY(target), VARSIZE_ANY_EXHDR(target)));
	check(learn_trainer_add(&s->trainer, &f, k));
	MemoryContextSwitchTo(old);
	learn_features_free(&f);
}

/* Transition: one row, or a skipped row if any column is NULL. */
Datum
stance_train_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	TrainState *s;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("stance_train_transfn called in a non-aggregate context")));
	nn_pg_require_utf8();
	s = PG_ARGISNULL(0) ? new_state(aggcxt) : (TrainState *) PG_GETARG_POINTER(0);
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		s->trainer.skipped++;
	else
		add_row(s, aggcxt, PG_GETARG_TEXT_PP(1), PG_GETARG_TEXT_PP(2), PG_GETARG_TEXT_PP(3));
	PG_RETURN_POINTER(s);
}

/* Final: the fitted model; NULL when no row had all three columns. */
Datum
stance_train_finalfn(PG_FUNCTION_ARGS)
{
	TrainState *s = PG_ARGISNULL(0) ? NULL : (TrainState *) PG_GETARG_POINTER(0);
	size_t		size;
	struct varlena *v;

	if (s == NULL || s->trainer.seen == 0)
		PG_RETURN_NULL();
	if (s->trainer.nlabels < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stance_train needs at least two labels, the rows have one"),
				 errhint("A model that can only answer one label predicts nothing.")));
	check(learn_trainer_finish(&s->trainer));
	size = learn_model_size(&s->trainer);
	if (size > LEARN_MODEL_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance_model would be %zu bytes, over the limit of %zu",
						size, LEARN_MODEL_MAX_BYTES)));
	v = palloc(VARHDRSZ + size);
	SET_VARSIZE(v, VARHDRSZ + size);
	learn_model_write(&s->trainer, VARDATA(v));
	PG_RETURN_POINTER(v);
}

/* Best label of (body, target) and its probability under argument 0's model. */
static int32
predict(FunctionCallInfo fcinfo, const LearnModel **model, float *prob)
{
	const LearnModel *m = nn_pg_stance_model_arg(fcinfo, 0);
	text	   *body = PG_GETARG_TEXT_PP(1);
	text	   *target = PG_GETARG_TEXT_PP(2);
	LearnFeatures f = {0};
	float		probs[LEARN_MAX_LABELS];
	int32		best;

	nn_pg_require_utf8();
	check(learn_features(VARDATA_ANY(body), VARSIZE_ANY_EXHDR(body), VARDATA_ANY(target),
						 VARSIZE_ANY_EXHDR(target), m->nbits, &f));
	best = learn_predict(m->weights, m->nlabels, &f, probs);
	learn_features_free(&f);
	*model = m;
	*prob = probs[best];
	return best;
}

/* stance(model, body, target): the most probable of the model's labels. */
Datum
stance_predict_label(PG_FUNCTION_ARGS)
{
	const LearnModel *m;
	float		prob;
	int32		best = predict(fcinfo, &m, &prob);

	PG_RETURN_TEXT_P(cstring_to_text_with_len(m->labels[best].s, (int) m->labels[best].len));
}

/* stance_score(model, body, target): the probability of that label. */
Datum
stance_predict_score(PG_FUNCTION_ARGS)
{
	const LearnModel *m;
	float		prob;

	predict(fcinfo, &m, &prob);
	PG_RETURN_FLOAT4(prob);
}
