-- An article withdrawn: a random row, of the first copy or inserted since,
-- goes; its side rows go with it by the foreign keys' cascade. The ids
-- removed are logged for the row count after the run.
WITH gone AS (
	DELETE FROM tagged
	WHERE id = (SELECT 1 + floor(random() * max(id))::bigint FROM tagged)
	RETURNING id)
INSERT INTO deleted SELECT id FROM gone;
