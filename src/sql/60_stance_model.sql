-- Stance models trained in SQL: the stance_model type, the stance_train
-- aggregate and prediction with a trained model.

CREATE TYPE @extschema@.stance_model;

CREATE FUNCTION @extschema@.stance_model_in(cstring)
RETURNS @extschema@.stance_model
AS 'MODULE_PATHNAME', 'stance_model_in'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stance_model_out(@extschema@.stance_model)
RETURNS cstring
AS 'MODULE_PATHNAME', 'stance_model_out'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stance_model_recv(internal)
RETURNS @extschema@.stance_model
AS 'MODULE_PATHNAME', 'stance_model_recv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION @extschema@.stance_model_send(@extschema@.stance_model)
RETURNS bytea
AS 'MODULE_PATHNAME', 'stance_model_send'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Weights are floats read in place: int alignment; large values go to TOAST.
CREATE TYPE @extschema@.stance_model (
	INPUT = @extschema@.stance_model_in,
	OUTPUT = @extschema@.stance_model_out,
	RECEIVE = @extschema@.stance_model_recv,
	SEND = @extschema@.stance_model_send,
	INTERNALLENGTH = VARIABLE,
	ALIGNMENT = int4,
	STORAGE = extended
);

COMMENT ON TYPE @extschema@.stance_model IS
'A stance classifier trained by stance_train(): its labels, targets, training settings and hashed feature weights; the text form is versioned "key value" lines ending in base64 weights';

COMMENT ON FUNCTION @extschema@.stance_model_in(cstring) IS
'Text input of stance_model: validates every line, count and weight';

COMMENT ON FUNCTION @extschema@.stance_model_out(@extschema@.stance_model) IS
'Text output of stance_model: deterministic, reads back to an equal value';

COMMENT ON FUNCTION @extschema@.stance_model_recv(internal) IS
'Binary input of stance_model: the little-endian stored form, validated in full';

COMMENT ON FUNCTION @extschema@.stance_model_send(@extschema@.stance_model) IS
'Binary output of stance_model: the little-endian stored form';

CREATE FUNCTION @extschema@.stance_model_eq(@extschema@.stance_model, @extschema@.stance_model)
RETURNS boolean
AS 'MODULE_PATHNAME', 'stance_model_eq'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100;

COMMENT ON FUNCTION @extschema@.stance_model_eq(@extschema@.stance_model, @extschema@.stance_model) IS
'True if two stance models are identical: same labels, targets, settings and weights';

CREATE OPERATOR @extschema@.= (
	LEFTARG = @extschema@.stance_model,
	RIGHTARG = @extschema@.stance_model,
	FUNCTION = @extschema@.stance_model_eq,
	COMMUTATOR = OPERATOR(@extschema@.=)
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.stance_model, @extschema@.stance_model) IS
'Identical stance models';

CREATE FUNCTION @extschema@.stance_model_info(model @extschema@.stance_model)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'stance_model_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 100;

COMMENT ON FUNCTION @extschema@.stance_model_info(@extschema@.stance_model) IS
'What a stance model holds: labels, targets, features per label, training rows, rows skipped for a NULL, hyperparameters and format version';

-- The state is a trainer in the aggregate's memory; not STRICT so rows with
-- a NULL are counted as skipped. PARALLEL RESTRICTED: see the aggregate.
CREATE FUNCTION @extschema@.stance_train_transfn(internal, text, text, text)
RETURNS internal
AS 'MODULE_PATHNAME', 'stance_train_transfn'
LANGUAGE C PARALLEL RESTRICTED
COST 2000;

COMMENT ON FUNCTION @extschema@.stance_train_transfn(internal, text, text, text) IS
'Transition function of stance_train(): learns from one labelled row';

CREATE FUNCTION @extschema@.stance_train_finalfn(internal)
RETURNS @extschema@.stance_model
AS 'MODULE_PATHNAME', 'stance_train_finalfn'
LANGUAGE C PARALLEL RESTRICTED
COST 1000000;

COMMENT ON FUNCTION @extschema@.stance_train_finalfn(internal) IS
'Final function of stance_train(): solves on the buffered rows, then the model';

-- No combine function: models fitted on parts of the rows do not merge into
-- the model of all rows, and the result depends on row order (use ORDER BY
-- in the call for a repeatable model), so the aggregate stays in the leader.
-- SSPACE: a state holds weight tables (3 MB for three labels) and a row
-- buffer of up to 32 MB, which steers GROUP BY away from hashing many groups.
CREATE AGGREGATE @extschema@.stance_train(body text, target text, label text) (
	SFUNC = @extschema@.stance_train_transfn,
	STYPE = internal,
	SSPACE = 36000000,
	FINALFUNC = @extschema@.stance_train_finalfn,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = RESTRICTED
);

COMMENT ON AGGREGATE @extschema@.stance_train(text, text, text) IS
'Trains a target-aware stance model on labelled rows (body, target, label): one linear SVM per label against the rest on the presence of hashed word 1-3-grams and character 3-5-grams, shared and conjoined with the target; beyond 100,000 rows it fits a uniform sample of them; NULL rows are skipped and counted; at least two labels; NULL over no rows; deterministic for the same rows in the same order';

CREATE FUNCTION @extschema@.stance(model @extschema@.stance_model, body text, target text)
RETURNS text
AS 'MODULE_PATHNAME', 'stance_predict_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 2000;

COMMENT ON FUNCTION @extschema@.stance(@extschema@.stance_model, text, text) IS
'The stance a trained model gives body towards target: the most probable of the labels it was trained on';

CREATE FUNCTION @extschema@.stance_score(model @extschema@.stance_model, body text, target text)
RETURNS real
AS 'MODULE_PATHNAME', 'stance_predict_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 2000;

COMMENT ON FUNCTION @extschema@.stance_score(@extschema@.stance_model, text, text) IS
'The probability a trained model gives its predicted stance of body towards target (a softmax of the labels'' margins), in (0, 1]';
