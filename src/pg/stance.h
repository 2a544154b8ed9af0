/*
 * stance.h
 *	  The backend's built-in stance model, shared by stance() and claims().
 */
#ifndef NEWSNLP_STANCE_H
#define NEWSNLP_STANCE_H

#include "stance_model.h"

/* The embedded model, opened in place on first use; raises an error if unusable. */
extern const StanceModel *nn_pg_stance_model(void);

#endif							/* NEWSNLP_STANCE_H */
