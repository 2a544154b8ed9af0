-- The articles table of a shard, also the single-server reference table.
-- psql variable: table (its name).
--
-- Each shard computes the annotation of the rows it stores when they are
-- inserted, whichever server the INSERT came through: postgres_fdw sends
-- DEFAULT for a generated column. The annotation is newsnlp.annotate(body),
-- the entities and quotes of the article as jsonb; the coordinator copies its
-- type from here.

CREATE EXTENSION IF NOT EXISTS newsnlp;

CREATE TABLE :"table" (
	id bigint NOT NULL,
	published date NOT NULL,
	body text NOT NULL,
	annotation jsonb GENERATED ALWAYS AS (newsnlp.annotate(body)) STORED,
	PRIMARY KEY (id, published)
);

-- Filters on entity_names(body) that reach the shard use the first index,
-- containment filters on the annotation (annotation @> '{"quotes": [...]}')
-- the second.
CREATE INDEX ON :"table" USING gin (newsnlp.entity_names(body));
CREATE INDEX ON :"table" USING gin (annotation jsonb_path_ops);
