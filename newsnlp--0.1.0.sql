-- newsnlp: news text analysis in SQL (sentences, tokens, entities, quotes, stance).

\echo Use "CREATE EXTENSION newsnlp" to load this file. \quit

-- Every role may use the extension's functions and read its dictionary.
GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;

-- COST is in units of cpu_operator_cost, one simple operator evaluation
-- (about 6 ns where these were measured). On the benchmark's articles
-- (2.8 kB on average) sentences() takes about 37 us, 6,000 such units, and
-- tokens() about 110 us, 20,000 units. ROWS is the average count there:
-- 35 sentences and 550 tokens.

CREATE FUNCTION @extschema@.sentences(body text,
	OUT sentence int, OUT paragraph int, OUT pos int, OUT len int, OUT text text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 6000 ROWS 35;

COMMENT ON FUNCTION @extschema@.sentences(text) IS
'Sentences of a news text in order: number, paragraph (lines separated by newlines), 1-based character position and length (substr(body, pos, len) = text), and text';

CREATE FUNCTION @extschema@.tokens(body text,
	OUT token int, OUT sentence int, OUT pos int, OUT len int, OUT text text, OUT shape text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_tokens'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 20000 ROWS 550;

COMMENT ON FUNCTION @extschema@.tokens(text) IS
'Tokens of a news text in order: number, sentence number, 1-based character position and length (substr(body, pos, len) = text), text, and word shape such as Xx, X.X. or dd,ddd';

CREATE FUNCTION @extschema@.entities(body text,
	OUT mention text, OUT label text, OUT canonical text, OUT pos int, OUT len int,
	OUT sentence int, OUT score real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_entities'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50000 ROWS 25;

COMMENT ON FUNCTION @extschema@.entities(text) IS
'Named entities of a news text in order, from the built-in model only (IMMUTABLE: the result depends on the text and the installed version alone; see dict_entities() for user dictionaries): mention as written (without titles or possessive), label PER, ORG, LOC or MISC, canonical name resolved within the document, 1-based character position and length, sentence number, and the model''s confidence in [0, 1]';

CREATE FUNCTION @extschema@.entity_names(body text)
RETURNS text[]
AS 'MODULE_PATHNAME', 'newsnlp_entity_names'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 50000;

COMMENT ON FUNCTION @extschema@.entity_names(text) IS
'Distinct LABEL:canonical keys of the named entities of a news text, sorted, such as {LOC:Japan,PER:Xi Jinping}; immutable, for GIN indexes and generated columns';

-- User dictionaries: terms that override the entity model where they match.

CREATE FUNCTION @extschema@.dictionary_term_ok(term text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'newsnlp_dictionary_term_ok'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.dictionary_term_ok(text) IS
'True if a dictionary term has a letter or digit of any script (the check of newsnlp.dictionary.term, independent of the database locale)';

CREATE TABLE @extschema@.dictionary (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	term text NOT NULL
		CONSTRAINT dictionary_term_not_empty CHECK (term <> '')
		-- constraints are checked in name order: leave '' to the one above
		CONSTRAINT dictionary_term_has_letter_or_digit
			CHECK (term = '' OR @extschema@.dictionary_term_ok(term)),
	label text NOT NULL
		CONSTRAINT dictionary_label_valid CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
	canonical text
		CONSTRAINT dictionary_canonical_not_empty CHECK (canonical <> ''),
	note text
);

COMMENT ON TABLE @extschema@.dictionary IS
'User dictionary for entity extraction: each term (matched token by token, ignoring case unless written entirely in capitals like NATO) is a mention with this label and canonical name, overriding the model; with a repeated term the row with the lowest id wins';
COMMENT ON COLUMN @extschema@.dictionary.id IS 'Row number; among rows with the same term the lowest wins';
COMMENT ON COLUMN @extschema@.dictionary.term IS 'Name or alias as it appears in text, at most 32 tokens; case is ignored unless it is written entirely in capitals';
COMMENT ON COLUMN @extschema@.dictionary.label IS 'Entity type: PER, ORG, LOC or MISC';
COMMENT ON COLUMN @extschema@.dictionary.canonical IS 'Name or identifier (such as a Wikidata Q-number) mentions are given; NULL for the term itself';
COMMENT ON COLUMN @extschema@.dictionary.note IS 'Free text for the dictionary''s maintainers; not used';

-- Readable by everyone; only the owner (or roles granted so) may change it.
GRANT SELECT ON @extschema@.dictionary TO PUBLIC;

-- pg_dump keeps the users' rows and the id sequence's position.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dictionary', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.dictionary_id_seq', '');

CREATE FUNCTION @extschema@.dictionary_changed()
RETURNS trigger
AS 'MODULE_PATHNAME', 'newsnlp_dictionary_changed'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.dictionary_changed() IS
'Trigger of newsnlp.dictionary: makes every session recompile its cached dictionary once the change commits';

CREATE TRIGGER dictionary_changed
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.dictionary
FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.dictionary_changed();

COMMENT ON TRIGGER dictionary_changed ON @extschema@.dictionary IS
'Invalidates the sessions'' cached dictionaries when rows change';

-- STABLE: the result depends on the table's rows, read once per statement.
-- PARALLEL RESTRICTED: a rebuild of the cache reads the latest snapshot,
-- which a parallel worker may not take.
CREATE FUNCTION @extschema@.dict_entities(body text,
	OUT mention text, OUT label text, OUT canonical text, OUT pos int, OUT len int,
	OUT sentence int, OUT score real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_dict_entities'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
COST 50000;

COMMENT ON FUNCTION @extschema@.dict_entities(text) IS
'Entity mentions as newsnlp.entities() gives them, with the matches of newsnlp.dictionary replacing any model mention they overlap; dictionary mentions have the row''s label and canonical name and score 1. STABLE, not IMMUTABLE, because the result depends on the dictionary table: use newsnlp.entities() in indexes and generated columns';

CREATE FUNCTION @extschema@.dict_entity_names(body text)
RETURNS text[]
AS 'MODULE_PATHNAME', 'newsnlp_dict_entity_names'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
COST 50000;

COMMENT ON FUNCTION @extschema@.dict_entity_names(text) IS
'Distinct LABEL:canonical keys of a text as newsnlp.entity_names() gives them, with newsnlp.dictionary applied as in dict_entities(). STABLE, not IMMUTABLE, because the result depends on the dictionary table: index newsnlp.entity_names() instead';

CREATE FUNCTION @extschema@.quotes(body text,
	OUT quote text, OUT speaker text, OUT speaker_label text, OUT cue text, OUT kind text,
	OUT pos int, OUT len int, OUT speaker_pos int, OUT speaker_len int, OUT paragraph int,
	OUT score real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_quotes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 70000 ROWS 25;

COMMENT ON FUNCTION @extschema@.quotes(text) IS
'Quotations of a news text in order: the quoted words without their marks (direct, partial) or the reported clause (indirect), the speaker resolved to a canonical name from entities(), a pronoun''s antecedent or a described source (label PER, ORG or DESC), the reporting verb''s lemma or "according to", ":" or "—", the kind, 1-based character positions and lengths of the quote and of the speaker mention, the paragraph, and a confidence in [0, 1]';

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
'Final function of stance_train(): the last epochs over the buffered rows, then the model';

-- No combine function: models fitted on parts of the rows do not merge into
-- the model of all rows, and the result depends on row order (use ORDER BY
-- in the call for a repeatable model), so the aggregate stays in the leader.
-- SSPACE: a state holds weight tables (12 MB for three labels) and a row
-- buffer of up to 32 MB, which steers GROUP BY away from hashing many groups.
CREATE AGGREGATE @extschema@.stance_train(body text, target text, label text) (
	SFUNC = @extschema@.stance_train_transfn,
	STYPE = internal,
	SSPACE = 50000000,
	FINALFUNC = @extschema@.stance_train_finalfn,
	FINALFUNC_MODIFY = READ_WRITE,
	PARALLEL = RESTRICTED
);

COMMENT ON AGGREGATE @extschema@.stance_train(text, text, text) IS
'Trains a target-aware stance model on labelled rows (body, target, label): logistic regression on hashed word 1-3-grams and character 2-5-grams, shared and conjoined with the target; NULL rows are skipped and counted; at least two labels; NULL over no rows; deterministic for the same rows in the same order';

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
'The probability a trained model gives its predicted stance of body towards target, in (0, 1]';
