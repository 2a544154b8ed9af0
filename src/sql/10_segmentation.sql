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
