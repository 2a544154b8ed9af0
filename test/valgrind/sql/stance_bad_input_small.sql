-- sql/stance_bad_input.sql on small inputs, for make valgrind: the same
-- hostile inputs and errors, the 5 MB bodies cut to 50 KB, no timing
-- assertions (valgrind runs 30-50 times slower), and cancellation checked
-- for happening at all rather than for its latency.
\ir sql/include/stance_hostile.sql

-- A 50 KB body: the target mentioned in every sentence, and 50 KB of quotes.
CREATE TEMP TABLE big5 AS
SELECT repeat('Critics said Tomas Keller was a failure. ', 1250) AS body,
       repeat('“Tomas Keller is a liar,” said Helena Brandt. ', 1100) AS quotes;
SELECT length(body) > 50000 AS fifty_kb, newsnlp.stance(body, 'Tomas Keller') AS big_stance FROM big5;
SELECT count(*) > 1000 AS many_claims, count(DISTINCT stance) AS stances FROM big5, newsnlp.claims(quotes);
SELECT substr(body, length(body) - 27, 12) AS span_end, newsnlp.stance_at(body, length(body) - 27, 12) AS at_end FROM big5;
-- One quote 50 KB long that names many people: rows stay bounded per quote.
SELECT count(*) <= 16 AS bounded FROM newsnlp.claims(
	'“' || repeat('Helena Brandt met Tomas Keller and Lena Ortiz. ', 1000) || '” said Ines Marr.');
-- An adversarial target prefix over a body of one repeated letter.
SELECT newsnlp.stance(repeat('a', 50000), repeat('a', 200) || 'b') AS prefilter;

-- statement_timeout interrupts both (15 MB, far more than a second's work
-- under valgrind).
CREATE TEMP TABLE big AS SELECT repeat('“Tomas Keller is a liar,” said Helena Brandt. Critics said Keller failed. ', 200000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '1s';
SELECT pg_temp.cancel_latency('SELECT newsnlp.stance(big.body, ''Keller'') FROM big') IS NOT NULL
       AS stance_cancelled;
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.claims(big.body)') IS NOT NULL
       AS claims_cancelled;
RESET statement_timeout;
