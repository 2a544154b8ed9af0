-- Trained stance models read in parallel workers, for make valgrind: each
-- worker's model cache starts empty, opens the stored (toasted) value and
-- switches between two models row by row; the parallel answers equal the
-- serial ones.
\ir sql/include/stance_fixtures.sql

CREATE TABLE vg_models (name text, model newsnlp.stance_model);
INSERT INTO vg_models
SELECT 'all', newsnlp.stance_train(body, target, label ORDER BY id) FROM labels
UNION ALL
SELECT 'tax', newsnlp.stance_train(body, target, label ORDER BY id) FROM labels WHERE target = 'tax plan';
CREATE TABLE vg_rows AS SELECT l.id, l.body, l.target, m.name FROM labels l, (VALUES ('all'), ('tax')) m(name);
ANALYZE vg_rows;

-- One digest of every prediction, the models alternating from row to row
-- (a view, not a temporary object, so it may run in workers).
CREATE VIEW vg_digest AS
SELECT count(*) AS nrows,
       md5(string_agg(format('%s/%s/%s', r.id, r.name, newsnlp.stance(m.model, r.body, r.target)), ','
                      ORDER BY r.id, r.name)) AS digest
FROM vg_rows r JOIN vg_models m USING (name);

SET max_parallel_workers_per_gather = 0;
SELECT nrows AS serial_rows, digest AS serial_digest FROM vg_digest \gset

SET max_parallel_workers_per_gather = 2;
SET min_parallel_table_scan_size = 0;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET parallel_leader_participation = off;
SET force_parallel_mode = regress;
-- Workers ran the query (the plan's launched count, read from EXPLAIN ANALYZE).
CREATE FUNCTION pg_temp.workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || q INTO plan;
	RETURN substring(plan::text FROM '"Workers Launched": ([0-9]+)')::int;
END $$;
SELECT pg_temp.workers_launched('SELECT * FROM vg_digest') > 0 AS in_workers;
SELECT nrows = :serial_rows AS same_rows, digest = :'serial_digest' AS same_digest, nrows FROM vg_digest;

RESET ALL;
DROP VIEW vg_digest;
DROP TABLE vg_rows, vg_models;
