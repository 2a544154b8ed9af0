-- sql/quotes_bad_input.sql on small inputs, for make valgrind: the same
-- hostile inputs, the 5 MB document cut to 50 KB, no timing assertions
-- (valgrind runs 30-50 times slower), and cancellation checked for
-- happening at all rather than for its latency.
\ir sql/include/quotes_hostile.sql

-- A 50 KB document of only quote marks.
SELECT count(*) AS rows FROM newsnlp.quotes(repeat('“”"''‘’«»„', 6000));

-- statement_timeout interrupts quote extraction (22 MB, far more than a
-- second's work under valgrind).
CREATE TEMP TABLE big AS SELECT repeat('“We are ready,” said Tobias Harris. Officials said talks would resume. ', 300000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '1s';
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.quotes(big.body)') IS NOT NULL
       AS cancelled;
RESET statement_timeout;
