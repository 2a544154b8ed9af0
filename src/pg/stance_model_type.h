/*
 * stance_model_type.h
 *	  The stance_model type shared by its I/O functions and the trainer.
 */
#ifndef NEWSNLP_STANCE_MODEL_TYPE_H
#define NEWSNLP_STANCE_MODEL_TYPE_H

#include "postgres.h"

#include "fmgr.h"

#include "learn/learn_model.h"

/* Validate a detoasted stance_model value into *m, or raise 22023. */
extern void nn_pg_stance_model_open(const struct varlena *v, LearnModel *m);

/*
 * The validated model of argument argno, kept across calls in fn_extra so a
 * model used for every row is read and checked once.
 */
extern const LearnModel *nn_pg_stance_model_arg(FunctionCallInfo fcinfo, int argno);

#endif							/* NEWSNLP_STANCE_MODEL_TYPE_H */
