-- Tables of the concurrency test. The tagged table is annotated the two ways
-- newsnlp offers: its jsonb column nlp is set by the newsnlp.tag() trigger,
-- and newsnlp.track() keeps the side tables tagged_entities and tagged_quotes
-- in step with it. corpus holds the bodies the inserts and updates copy;
-- deleted logs the rows the clients removed; dictionary_before is the user
-- dictionary as it was before the run.

CREATE EXTENSION IF NOT EXISTS newsnlp;

CREATE TABLE corpus (id int PRIMARY KEY, body text NOT NULL);

CREATE TABLE tagged (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	body text NOT NULL,
	nlp jsonb
);
CREATE TRIGGER tagged_tag BEFORE INSERT OR UPDATE ON tagged
	FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
CREATE INDEX ON tagged USING gin (nlp jsonb_path_ops);
DO $$ BEGIN PERFORM newsnlp.track('tagged', 'body', 'id'); END $$;

CREATE TABLE deleted (id bigint PRIMARY KEY);

-- Terms of the users' own that the clients' changes must leave alone.
INSERT INTO newsnlp.dictionary (term, label, canonical, note) VALUES
	('Ostrava Grain Board', 'ORG', 'org:ostrava-grain', 'standing'),
	('Mara Lindqvist', 'PER', 'person:lindqvist', 'standing');
CREATE TABLE dictionary_before AS SELECT * FROM newsnlp.dictionary;
