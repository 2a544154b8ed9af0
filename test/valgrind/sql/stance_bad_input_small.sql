-- sql/stance_bad_input.sql on small inputs, for make valgrind: the same
-- hostile inputs and errors, the 5 MB bodies cut to 50 KB, no timing
-- assertions (valgrind runs 30-50 times slower), and cancellation checked
-- for happening at all rather than for its latency.
\ir sql/include/timing.sql

-- The SQLSTATE a statement raises, or 'ok'.
CREATE FUNCTION pg_temp.sqlstate_of(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE;
END $$;

-- stance_at: a span outside the body is invalid_parameter_value (22023).
SELECT pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('Keller is great.', 0, 6)$$) AS pos_zero,
       pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('Keller is great.', 1, 0)$$) AS len_zero,
       pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('Keller is great.', 12, 6)$$) AS past_end,
       pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('Keller is great.', 2147483647, 2147483647)$$) AS overflow,
       pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('', 1, 1)$$) AS empty_body,
       pg_temp.sqlstate_of($$SELECT newsnlp.stance_at('Keller is great.', 11, 6)$$) AS last_char;
SELECT newsnlp.stance_at('Keller is great.', -5, 3);

-- Targets that name nothing: none and 0, never an error.
SELECT newsnlp.stance('Keller is great.', repeat('Keller ', 100000)) AS huge_target,
       newsnlp.stance_score('Keller is great.', repeat('K', 300)) AS long_word,
       newsnlp.stance('Keller is great.', E'\n\t ') AS white_space,
       newsnlp.stance(repeat('x', 1000), repeat('Keller', 50)) AS target_past_limit;

-- Empty bodies, and bodies of only quote marks.
SELECT newsnlp.stance('', 'Keller') AS empty, newsnlp.stance('“”«»"', 'Keller') AS marks,
       (SELECT count(*) FROM newsnlp.claims('')) AS empty_claims,
       (SELECT count(*) FROM newsnlp.claims(repeat('“', 1000))) AS mark_claims;

-- A colon opening the text, right before a quote.
SELECT count(*) AS colon_first FROM newsnlp.claims(':“We leave now.”');

-- Text in other scripts and mixed scripts.
SELECT newsnlp.stance('東京で「会議は終わった」と述べた。Keller is great.', 'Keller') AS mixed_script,
       newsnlp.stance('Келлер — отличный лидер.', 'Келлер') AS cyrillic;

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
