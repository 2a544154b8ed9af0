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
