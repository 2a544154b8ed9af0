-- The articles table of a shard, also the single-server reference table.
-- psql variable: table (its name).
--
-- Each shard computes the annotation of the rows it stores when they are
-- inserted, whichever server the INSERT came through: postgres_fdw sends
-- DEFAULT for a generated column. The annotation column is the one line to
-- change for another annotation, such as newsnlp.annotate(body) as jsonb;
-- the coordinator copies its type from here.

CREATE EXTENSION IF NOT EXISTS newsnlp;

CREATE TABLE :"table" (
	id bigint NOT NULL,
	published date NOT NULL,
	body text NOT NULL,
	annotation text[] GENERATED ALWAYS AS (newsnlp.entity_names(body)) STORED,
	PRIMARY KEY (id, published)
);

-- Filters on entity_names(body) that reach the shard use this index.
CREATE INDEX ON :"table" USING gin (newsnlp.entity_names(body));
