-- entity_names() is immutable: it can be indexed with GIN and stored in a
-- generated column, and containment queries use the index.
CREATE TABLE articles (id int PRIMARY KEY, body text,
    names text[] GENERATED ALWAYS AS (newsnlp.entity_names(body)) STORED);
INSERT INTO articles (id, body)
SELECT g, CASE g % 4
    WHEN 0 THEN 'Prime Minister Sanae Takaichi met officials in Tokyo on day ' || g || '.'
    WHEN 1 THEN 'Chancellor Friedrich Merz spoke in Berlin on day ' || g || '.'
    WHEN 2 THEN 'The U.S. envoy met NATO allies in Brussels on day ' || g || '.'
    ELSE 'the committee met again on day ' || g || '.' END
FROM generate_series(1, 400) g;
CREATE INDEX articles_entity_names ON articles USING gin (newsnlp.entity_names(body));
ANALYZE articles;

-- The generated column holds the same keys.
SELECT names FROM articles WHERE id IN (1, 2, 3, 4) ORDER BY id;

-- The planner uses the index for @> and &&.
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE newsnlp.entity_names(body) @> '{PER:Sanae Takaichi}';
EXPLAIN (COSTS OFF)
SELECT id FROM articles WHERE newsnlp.entity_names(body) && '{LOC:Berlin,ORG:NATO}';

-- Index scans return exactly the rows a sequential scan returns.
CREATE TEMP TABLE by_index AS
SELECT 'contains' AS q, array_agg(id ORDER BY id) AS ids
FROM articles WHERE newsnlp.entity_names(body) @> '{PER:Sanae Takaichi,LOC:Tokyo}'
UNION ALL
SELECT 'overlaps', array_agg(id ORDER BY id)
FROM articles WHERE newsnlp.entity_names(body) && '{LOC:Berlin,ORG:NATO}';
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
CREATE TEMP TABLE by_scan AS
SELECT 'contains' AS q, array_agg(id ORDER BY id) AS ids
FROM articles WHERE newsnlp.entity_names(body) @> '{PER:Sanae Takaichi,LOC:Tokyo}'
UNION ALL
SELECT 'overlaps', array_agg(id ORDER BY id)
FROM articles WHERE newsnlp.entity_names(body) && '{LOC:Berlin,ORG:NATO}';
RESET enable_bitmapscan;
RESET enable_indexscan;
SELECT i.q, cardinality(i.ids) AS rows, i.ids = s.ids AS same_as_seqscan
FROM by_index i JOIN by_scan s USING (q) ORDER BY q;

DROP TABLE articles;
