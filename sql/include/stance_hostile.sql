-- Hostile targets and bodies for stance() and claims(), each with its answer or
-- SQLSTATE: the part of stance_bad_input shared with its small-input run under valgrind.
\ir timing.sql

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
