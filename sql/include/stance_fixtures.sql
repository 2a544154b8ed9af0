-- Labelled news sentences for the stance model tests (written for these
-- tests), and a helper that reports an error's SQLSTATE and message.

CREATE TEMP TABLE labels (id int PRIMARY KEY, body text, target text, label text);
INSERT INTO labels
SELECT i * 10 + v.n, v.body, v.target, v.label
FROM generate_series(0, 2) AS i,
     (VALUES
      (1, 'The council says the tax plan will help families and lift wages.', 'tax plan', 'FAVOR'),
      (2, 'Business leaders welcome the tax plan as a boost for small firms.', 'tax plan', 'FAVOR'),
      (3, 'Critics warn the tax plan will hurt families and cut services.', 'tax plan', 'AGAINST'),
      (4, 'Unions reject the tax plan as a giveaway to the rich.', 'tax plan', 'AGAINST'),
      (5, 'The tax plan goes to a committee vote on Tuesday.', 'tax plan', 'NONE'),
      (6, 'Residents say wind farms will help families with cheaper power.', 'wind farms', 'AGAINST'),
      (7, 'Fishermen welcome wind farms as a boost for the harbour.', 'wind farms', 'FAVOR'),
      (8, 'Campaigners warn wind farms will hurt birds and spoil the coast.', 'wind farms', 'AGAINST'),
      (9, 'Engineers praise wind farms as reliable and clean.', 'wind farms', 'FAVOR')) AS v(n, body, target, label);

-- 'SQLSTATE: message' of the error q raises, or 'no error'.
CREATE FUNCTION pg_temp.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; msg text;
BEGIN
	EXECUTE q;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
	RETURN state || ': ' || msg;
END $$;
