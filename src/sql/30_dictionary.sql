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
-- PARALLEL SAFE: the cache is read with the statement's snapshot, which the
-- leader hands to its workers, so every process sees the same rows.
CREATE FUNCTION @extschema@.dict_entities(body text,
	OUT mention text, OUT label text, OUT canonical text, OUT pos int, OUT len int,
	OUT sentence int, OUT score real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsnlp_dict_entities'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50000;

COMMENT ON FUNCTION @extschema@.dict_entities(text) IS
'Entity mentions as newsnlp.entities() gives them, with the matches of newsnlp.dictionary replacing any model mention they overlap; dictionary mentions have the row''s label and canonical name and score 1. STABLE, not IMMUTABLE, because the result depends on the dictionary table: use newsnlp.entities() in indexes and generated columns';

CREATE FUNCTION @extschema@.dict_entity_names(body text)
RETURNS text[]
AS 'MODULE_PATHNAME', 'newsnlp_dict_entity_names'
LANGUAGE C STABLE STRICT PARALLEL SAFE
COST 50000;

COMMENT ON FUNCTION @extschema@.dict_entity_names(text) IS
'Distinct LABEL:canonical keys of a text as newsnlp.entity_names() gives them, with newsnlp.dictionary applied as in dict_entities(). STABLE, not IMMUTABLE, because the result depends on the dictionary table: index newsnlp.entity_names() instead';
