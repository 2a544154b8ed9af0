-- annotate(): entities and quotes as one jsonb document; tag(): the trigger
-- that keeps such a column current.

-- COST: the work of quotes() (which tags the entities it reports too) plus
-- building the document, about 15% more on the benchmark's articles.
CREATE FUNCTION @extschema@.annotate(body text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'newsnlp_annotate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 80000;

COMMENT ON FUNCTION @extschema@.annotate(text) IS
'Entities and quotes of a news text from one analysis pass, as {"entities": [{mention, label, canonical, pos, len}, ...], "quotes": [{quote, speaker, speaker_label, cue, kind, pos, len}, ...]} in text order, with 1-based character positions; IMMUTABLE, for generated columns and indexes';

-- No volatility or PARALLEL marking: trigger functions are not planned.
CREATE FUNCTION @extschema@.tag()
RETURNS trigger
AS 'MODULE_PATHNAME', 'newsnlp_tag'
LANGUAGE C;

COMMENT ON FUNCTION @extschema@.tag() IS
'Row trigger BEFORE INSERT OR UPDATE with arguments (text column, jsonb column): sets the jsonb column to newsnlp.annotate() of the text column (NULL for a NULL text); an UPDATE changing neither column leaves the row alone, one changing the jsonb column by hand gets it recomputed';
