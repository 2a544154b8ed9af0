-- Parallel query: every analysis function runs in parallel workers, whose
-- per-backend caches (the entity tagger, the ICU iterators, the compiled
-- dictionary) start empty, and a parallel plan returns what a serial one does.
CREATE TABLE par_articles (id int, body text);
INSERT INTO par_articles
SELECT i, format(
	'“We will not be rushed,” said Mara Lindqvist, director of Arctic studies at Northfield University. '
	'The U.S. delegation met Gen. J.D. Okafor in Oslo on Jan. %s. Officials said %s troops would stay. '
	'Acme Widgets, the NATO supplier, declined to comment, according to spokesman Ivo Petrov.', i % 28 + 1, i * 100)
FROM generate_series(1, 400) i;
ANALYZE par_articles;
INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES
	('Acme Widgets', 'ORG', 'Q100'), ('Mara Lindqvist', 'PER', 'Q200');

-- One line per function, as an order-independent digest of all its rows.
CREATE FUNCTION pg_temp.digests() RETURNS TABLE (fn text, nrows bigint, digest text)
LANGUAGE sql AS $$
SELECT 'sentences', count(*), md5(string_agg(format('%s/%s/%s', a.id, s.pos, s.len), ',' ORDER BY a.id, s.pos))
FROM par_articles a, newsnlp.sentences(a.body) s
UNION ALL
SELECT 'tokens', count(*), md5(string_agg(format('%s/%s/%s', a.id, t.pos, t.text), ',' ORDER BY a.id, t.pos))
FROM par_articles a, newsnlp.tokens(a.body) t
UNION ALL
SELECT 'entities', count(*), md5(string_agg(format('%s/%s/%s/%s/%s', a.id, e.pos, e.label, e.canonical, e.score), ',' ORDER BY a.id, e.pos))
FROM par_articles a, newsnlp.entities(a.body) e
UNION ALL
SELECT 'entity_names', count(*), md5(string_agg(format('%s/%s', a.id, newsnlp.entity_names(a.body)), ',' ORDER BY a.id))
FROM par_articles a
UNION ALL
SELECT 'dict_entities', count(*), md5(string_agg(format('%s/%s/%s/%s/%s', a.id, e.pos, e.label, e.canonical, e.score), ',' ORDER BY a.id, e.pos))
FROM par_articles a, newsnlp.dict_entities(a.body) e
UNION ALL
SELECT 'dict_entity_names', count(*), md5(string_agg(format('%s/%s', a.id, newsnlp.dict_entity_names(a.body)), ',' ORDER BY a.id))
FROM par_articles a
UNION ALL
SELECT 'quotes', count(*), md5(string_agg(format('%s/%s/%s', a.id, q.pos, q.speaker), ',' ORDER BY a.id, q.pos))
FROM par_articles a, newsnlp.quotes(a.body) q
UNION ALL
SELECT 'annotate', count(*), md5(string_agg(format('%s/%s', a.id, newsnlp.annotate(a.body)), ',' ORDER BY a.id))
FROM par_articles a
UNION ALL
SELECT 'claims', count(*), md5(string_agg(format('%s/%s/%s/%s/%s', a.id, c.pos, c.speaker, c.target, c.score), ',' ORDER BY a.id, c.pos, c.target))
FROM par_articles a, newsnlp.claims(a.body) c
UNION ALL
SELECT 'stance', count(*), md5(string_agg(format('%s/%s', a.id, newsnlp.stance_score(a.body, 'Mara Lindqvist')), ',' ORDER BY a.id))
FROM par_articles a
$$;

-- Serial results first.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT * FROM pg_temp.digests();
SELECT fn, nrows > 0 AS has_rows FROM serial ORDER BY fn;

-- Every analysis function (those taking a text, or a stance model, first) is
-- parallel safe, so the planner may use workers. Listed here is only the
-- stance_train aggregate, whose model depends on the order of its rows.
SELECT p.proname, p.proparallel
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'newsnlp' AND p.proparallel <> 's'
  AND p.proargtypes[0] IN ('text'::regtype, 'newsnlp.stance_model'::regtype)
ORDER BY p.proname;

-- True if the plan of query q has a Gather node.
CREATE FUNCTION pg_temp.has_gather(q text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
	EXECUTE 'EXPLAIN (FORMAT JSON, COSTS OFF) ' || q INTO plan;
	RETURN plan::text ~ '"Node Type": "Gather';
END $$;
CREATE TEMP TABLE queries (fn text, q text);
INSERT INTO queries VALUES
	('sentences', 'SELECT count(*) FROM par_articles a, newsnlp.sentences(a.body)'),
	('tokens', 'SELECT count(*) FROM par_articles a, newsnlp.tokens(a.body)'),
	('entities', 'SELECT count(*) FROM par_articles a, newsnlp.entities(a.body)'),
	('entity_names', 'SELECT count(newsnlp.entity_names(a.body)) FROM par_articles a'),
	('dict_entities', 'SELECT count(*) FROM par_articles a, newsnlp.dict_entities(a.body)'),
	('dict_entity_names', 'SELECT count(newsnlp.dict_entity_names(a.body)) FROM par_articles a'),
	('quotes', 'SELECT count(*) FROM par_articles a, newsnlp.quotes(a.body)'),
	('annotate', 'SELECT count(newsnlp.annotate(a.body)) FROM par_articles a'),
	('claims', 'SELECT count(*) FROM par_articles a, newsnlp.claims(a.body)');

-- The functions' costs make a parallel plan the cheaper one: with the
-- default costs, once the table is past the size threshold (lowered here
-- from 8 MB), a call per row in the select list is planned with workers.
-- (In FROM, LATERAL, PostgreSQL charges a function scan once, not once per
-- outer row, so there the choice rests on the table's size alone.)
SET max_parallel_workers_per_gather = 2;
SET min_parallel_table_scan_size = 0;
SELECT fn, pg_temp.has_gather(format('SELECT count(x) FROM (SELECT newsnlp.%s(body) AS x FROM par_articles) s', fn)) AS has_gather
FROM queries ORDER BY fn;

-- From here parallel plans are forced, with the leader left out, so every
-- row comes from a worker whose caches start empty.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET parallel_leader_participation = off;
SET force_parallel_mode = regress;

-- Workers really ran.
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT count(newsnlp.dict_entity_names(a.body)) FROM par_articles a;

-- The parallel results equal the serial ones, function by function.
SELECT s.fn, p.nrows = s.nrows AS same_rows, p.digest = s.digest AS same_digest
FROM serial s JOIN pg_temp.digests() p USING (fn)
ORDER BY s.fn;

-- Workers see a dictionary change made earlier in the same transaction,
-- as the leader does: they read the dictionary with the leader's snapshot.
BEGIN;
UPDATE newsnlp.dictionary SET canonical = 'Q201' WHERE canonical = 'Q200';
SELECT pg_temp.has_gather('SELECT count(*) FROM par_articles a, newsnlp.dict_entities(a.body)') AS has_gather;
SELECT count(*) FILTER (WHERE e.canonical = 'Q201') AS new_canonical,
       count(*) FILTER (WHERE e.canonical = 'Q200') AS old_canonical
FROM par_articles a, newsnlp.dict_entities(a.body) e;
ROLLBACK;

RESET ALL;
TRUNCATE newsnlp.dictionary;
DROP TABLE par_articles;
