-- Safety: the trigger, the tracking triggers and backfill() never call
-- objects of the caller's schemas, whatever the search_path; the dictionary
-- is readable by all and writable by its owner; tracking another role's
-- table is refused.

-- Traps: each raises an error if called. They imitate what the extension's
-- code uses, in a schema put before pg_catalog.
\set SHOW_CONTEXT never
CREATE SCHEMA evil;
CREATE FUNCTION evil.trap_int(int, int) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil operator on integers called'; END$$;
CREATE FUNCTION evil.trap_text(text, text) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil operator on text called'; END$$;
CREATE FUNCTION evil.trap_arrow(jsonb, text) RETURNS jsonb LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil -> called'; END$$;
CREATE OPERATOR evil.= (LEFTARG = int, RIGHTARG = int, FUNCTION = evil.trap_int);
CREATE OPERATOR evil.> (LEFTARG = int, RIGHTARG = int, FUNCTION = evil.trap_int);
CREATE OPERATOR evil.= (LEFTARG = text, RIGHTARG = text, FUNCTION = evil.trap_text);
CREATE OPERATOR evil.-> (LEFTARG = jsonb, RIGHTARG = text, FUNCTION = evil.trap_arrow);
CREATE FUNCTION evil.annotate(text) RETURNS jsonb LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil annotate() called'; END$$;
CREATE FUNCTION evil.jsonb_to_recordset(jsonb) RETURNS SETOF record LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil jsonb_to_recordset() called'; END$$;
CREATE FUNCTION evil.jsonb_path_exists(jsonb, jsonpath, jsonb DEFAULT '{}', boolean DEFAULT false)
RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil jsonb_path_exists() called'; END$$;
CREATE FUNCTION evil.claims(text) RETURNS SETOF record LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil claims() called'; END$$;
CREATE FUNCTION evil.clock_timestamp() RETURNS timestamptz LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil clock_timestamp() called'; END$$;
CREATE FUNCTION evil.format(text) RETURNS text LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil format() called'; END$$;
CREATE FUNCTION evil.format_type(oid, int) RETURNS text LANGUAGE plpgsql AS
$$BEGIN RAISE EXCEPTION 'evil format_type() called'; END$$;

-- The traps work: an unqualified call under this search_path reaches them.
SET search_path = evil, pg_catalog, public;
SELECT 1 = 1;
SELECT annotate('x');

CREATE TABLE public.wire (id int PRIMARY KEY, body text, nlp jsonb);
CREATE TRIGGER wire_tag BEFORE INSERT OR UPDATE ON public.wire
    FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO public.wire (id, body) VALUES (1, 'Chancellor Friedrich Merz spoke in Berlin.');
SELECT newsnlp.track('public.wire', 'body', 'id');
INSERT INTO public.wire (id, body) VALUES (2, 'Officials in Tokyo met NATO envoys.');
UPDATE public.wire SET body = 'Prime Minister Sanae Takaichi flew to Paris.' WHERE id OPERATOR(pg_catalog.=) 2;
INSERT INTO public.wire (id, body) VALUES (3, '“Viktor Saltan has failed his country,” said Lena Marsh.');
SET client_min_messages = warning;
CALL newsnlp.backfill('public.wire', 1);
RESET client_min_messages;
SELECT (SELECT count(*) FROM public.wire_nlp_done) AS done,
       (SELECT count(*) FROM public.wire_entities) AS entities,
       (SELECT count(*) FROM public.wire_claims) AS claims;
DELETE FROM public.wire WHERE id OPERATOR(pg_catalog.=) 1;
SELECT newsnlp.untrack('public.wire');
RESET search_path;
SELECT id, nlp = newsnlp.annotate(body) AS tagged FROM wire ORDER BY id;
DROP TABLE wire;
DROP SCHEMA evil CASCADE;

-- The dictionary: everyone reads, only its owner (or a role granted so) writes.
CREATE ROLE regress_newsnlp_reader;
CREATE ROLE regress_newsnlp_editor;
GRANT INSERT ON newsnlp.dictionary TO regress_newsnlp_editor;
SET ROLE regress_newsnlp_reader;
SELECT count(*) >= 0 AS can_read FROM newsnlp.dictionary;
\set VERBOSITY sqlstate
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Northfield', 'ORG');
\set VERBOSITY default
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Northfield', 'ORG');
DELETE FROM newsnlp.dictionary;
RESET ROLE;
SET ROLE regress_newsnlp_editor;
INSERT INTO newsnlp.dictionary (term, label) VALUES ('Northfield', 'ORG');
DELETE FROM newsnlp.dictionary;
RESET ROLE;
DELETE FROM newsnlp.dictionary WHERE term = 'Northfield';

-- Tracking: a role may track only tables it owns, and cannot point the
-- catalogue of another role's table elsewhere.
CREATE TABLE owned (id int PRIMARY KEY, body text);
SET ROLE regress_newsnlp_reader;
SELECT newsnlp.track('owned', 'body', 'id');
INSERT INTO newsnlp.tracked VALUES ('owned', 'body', 'id', NULL, 'owned', 'owned', 'owned', NULL, 'owned');
RESET ROLE;
SELECT newsnlp.track('owned', 'body', 'id');
SET ROLE regress_newsnlp_reader;
DELETE FROM newsnlp.tracked;
SELECT count(*) AS visible FROM newsnlp.tracked;
RESET ROLE;
SELECT count(*) AS still_tracked FROM newsnlp.tracked;
SELECT newsnlp.untrack('owned');
DROP TABLE owned;
REVOKE ALL ON newsnlp.dictionary FROM regress_newsnlp_editor;
DROP ROLE regress_newsnlp_reader;
DROP ROLE regress_newsnlp_editor;
