-- Stance models trained in SQL: training, what a model holds, prediction,
-- exact text and binary round trips, determinism, NULL rows, zero rows.
\ir sql/include/stance_fixtures.sql

CREATE TEMP TABLE models AS
SELECT 'demo' AS name, newsnlp.stance_train(body, target, label ORDER BY id) AS model FROM labels;

-- What the model holds.
SELECT i->'labels' AS labels, i->'targets' AS targets, i->'training_rows' AS rows,
       i->'skipped_rows' AS skipped, i->'features' AS features, i->'version' AS version,
       i->'hyperparameters' AS hyperparameters
FROM models, newsnlp.stance_model_info(model) AS i;

-- The training rows are labelled as taught; probabilities are of the label given.
SELECT count(*) FILTER (WHERE newsnlp.stance(model, body, target) = label) AS right,
       count(*) AS rows,
       bool_and(newsnlp.stance_score(model, body, target) > 1.0 / 3 AND
                newsnlp.stance_score(model, body, target) <= 1) AS scores_in_range
FROM models, labels;

-- Target-aware: the same words, opposite stances towards the two targets.
SELECT t.target, newsnlp.stance(model, 'They say it will help families and lift wages.', t.target)
FROM models, (VALUES ('tax plan'), ('wind farms')) AS t(target) ORDER BY 1;

-- Only trained labels come back, for any text and any target (even an empty one,
-- or one longer than the text).
SELECT DISTINCT newsnlp.stance(model, b, t) IN ('FAVOR', 'AGAINST', 'NONE') AS known_label
FROM models, (VALUES (''), ('Nothing to see.'), ('Le conseil rejette le plan fiscal.')) AS b(b),
     (VALUES (''), ('tax plan'), ('a target far longer than the short text it is applied to')) AS t(t);

-- The text form: versioned header, readable settings, base64 weights; it reads
-- back to an equal value, and the output is the same every time.
SELECT split_part(model::text, E'\n', 1) AS header, split_part(model::text, E'\n', 3) AS labels,
       split_part(model::text, E'\n', 4) AS targets, split_part(model::text, E'\n', 6) AS rows
FROM models;
SELECT model::text::newsnlp.stance_model OPERATOR(newsnlp.=) model AS text_round_trip,
       md5(model::text) = md5(model::text) AS deterministic_output
FROM models;

-- Training is deterministic for the same rows in the same order.
SELECT md5(newsnlp.stance_train(body, target, label ORDER BY id)::text) = (SELECT md5(model::text) FROM models)
       AS same_model
FROM labels;

-- A model stored in a table predicts as before; the binary form round-trips.
CREATE TEMP TABLE stored (name text, model newsnlp.stance_model);
INSERT INTO stored SELECT * FROM models;
\copy stored TO 'results/stance_model.bin' WITH (FORMAT binary)
CREATE TEMP TABLE reloaded (LIKE stored);
\copy reloaded FROM 'results/stance_model.bin' WITH (FORMAT binary)
SELECT r.model::text = s.model::text AS binary_round_trip,
       newsnlp.stance(r.model, 'Unions reject the tax plan.', 'tax plan') AS prediction
FROM stored s JOIN reloaded r USING (name);

-- NULLs in any column are skipped and counted.
SELECT i->'training_rows' AS rows, i->'skipped_rows' AS skipped
FROM (SELECT newsnlp.stance_model_info(newsnlp.stance_train(body, target, label ORDER BY id)) AS i
      FROM (SELECT body, target, label, id FROM labels
            UNION ALL VALUES (NULL, 'tax plan', 'FAVOR', 100), ('Text.', NULL, 'FAVOR', 101),
                             ('Text.', 'tax plan', NULL, 102)) AS l(body, target, label, id)) AS q;

-- Zero rows, or only rows with a NULL: NULL, as other aggregates give.
SELECT newsnlp.stance_train(body, target, label) IS NULL AS no_rows FROM labels WHERE false;
SELECT newsnlp.stance_train(NULL::text, target, label) IS NULL AS only_null_rows FROM labels;

-- One model per group.
SELECT target, newsnlp.stance_model_info(newsnlp.stance_train(body, target, label ORDER BY id))->'labels' AS labels
FROM labels GROUP BY target ORDER BY target;

-- STRICT: a NULL argument gives NULL.
SELECT newsnlp.stance(NULL, 'x', 'y') IS NULL AS null_model,
       newsnlp.stance(model, NULL, 'y') IS NULL AS null_body,
       newsnlp.stance_score(model, 'x', NULL) IS NULL AS null_target
FROM models;
