-- newsnlp 0.1.0: sentence and token segmentation of news text.

\echo Use "CREATE EXTENSION newsnlp" to load this file. \quit

-- COST is in units of cpu_operator_cost. Segmenting a typical 3 kB article
-- takes about as long as a few thousand operator evaluations, comparable
-- with reading several heap pages, so the planner should avoid evaluating
-- these more often than needed and should consider parallel plans for them.
-- ROWS is the count for such an article.

CREATE FUNCTION @extschema@.sentences(body text,
	OUT sentence int, OUT paragraph int, OUT pos int, OUT len int, OUT text text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_sentences'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 2500 ROWS 30;

COMMENT ON FUNCTION @extschema@.sentences(text) IS
'Sentences of a news text in order: number, paragraph (lines separated by newlines), 1-based character position and length (substr(body, pos, len) = text), and text';

CREATE FUNCTION @extschema@.tokens(body text,
	OUT token int, OUT sentence int, OUT pos int, OUT len int, OUT text text, OUT shape text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_tokens'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 5000 ROWS 600;

COMMENT ON FUNCTION @extschema@.tokens(text) IS
'Tokens of a news text in order: number, sentence number, 1-based character position and length (substr(body, pos, len) = text), text, and word shape such as Xx, X.X. or dd,ddd';
