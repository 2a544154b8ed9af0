-- Tables of the concurrency test. The tagged table annotates each row when it
-- is inserted; corpus holds the bodies the inserts copy.

CREATE EXTENSION IF NOT EXISTS newsnlp;

CREATE TABLE corpus (id int PRIMARY KEY, body text NOT NULL);

CREATE TABLE tagged (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	body text NOT NULL,
	names text[] GENERATED ALWAYS AS (newsnlp.entity_names(body)) STORED
);
CREATE INDEX ON tagged USING gin (names);
