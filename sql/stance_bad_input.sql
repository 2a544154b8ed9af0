-- Hostile input for stance() and claims(): clear errors with their SQLSTATEs,
-- no crash, linear time, prompt cancel.
\ir sql/include/stance_hostile.sql

-- A 5 MB body: the target mentioned in every sentence, and 5 MB of quotes.
CREATE TEMP TABLE big5 AS
SELECT repeat('Critics said Tomas Keller was a failure. ', 125000) AS body,
       repeat('“Tomas Keller is a liar,” said Helena Brandt. ', 110000) AS quotes;
SELECT length(body) > 5000000 AS five_mb, newsnlp.stance(body, 'Tomas Keller') AS big_stance FROM big5;
SELECT count(*) > 100000 AS many_claims, count(DISTINCT stance) AS stances FROM big5, newsnlp.claims(quotes);
SELECT substr(body, length(body) - 27, 12) AS span_end, newsnlp.stance_at(body, length(body) - 27, 12) AS at_end FROM big5;
-- One quote 5 MB long that names many people: rows stay bounded per quote.
SELECT count(*) <= 16 AS bounded FROM newsnlp.claims(
	'“' || repeat('Helena Brandt met Tomas Keller and Lena Ortiz. ', 100000) || '” said Ines Marr.');

-- Linear time: four times the text takes well under eight times as long
-- (the best of three runs each, as the machine may be busy).
CREATE TEMP TABLE sizes AS
SELECT repeat('“Tomas Keller is a liar,” said Helena Brandt. Critics said Keller failed. ', 3000) AS small,
       repeat('“Tomas Keller is a liar,” said Helena Brandt. Critics said Keller failed. ', 12000) AS large;
CREATE FUNCTION pg_temp.best(q text) RETURNS float8 LANGUAGE sql AS $$
	SELECT least(pg_temp.seconds(q), pg_temp.seconds(q), pg_temp.seconds(q))
$$;
SELECT pg_temp.best('SELECT newsnlp.stance(large, ''Keller'') FROM sizes') <
       8 * pg_temp.best('SELECT newsnlp.stance(small, ''Keller'') FROM sizes') AS stance_linear;
SELECT pg_temp.best('SELECT count(*) FROM sizes, newsnlp.claims(large)') <
       8 * pg_temp.best('SELECT count(*) FROM sizes, newsnlp.claims(small)') AS claims_linear;
-- An adversarial target prefix over a body of one repeated letter stays quick.
SELECT pg_temp.seconds($$SELECT newsnlp.stance(repeat('a', 5000000), repeat('a', 200) || 'b')$$) < 5 AS prefilter_quick;

-- statement_timeout interrupts both promptly.
CREATE TEMP TABLE big AS SELECT repeat('“Tomas Keller is a liar,” said Helena Brandt. Critics said Keller failed. ', 200000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_latency('SELECT newsnlp.stance(big.body, ''Keller'') FROM big') < interval '400ms'
       AS stance_cancelled_promptly;
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.claims(big.body)') < interval '400ms'
       AS claims_cancelled_promptly;
RESET statement_timeout;
