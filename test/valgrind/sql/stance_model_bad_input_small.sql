-- sql/stance_model_bad_input.sql for make valgrind: the same damaged models
-- and errors, a shorter long document, and cancellation of training checked
-- for happening at all rather than for its latency (valgrind runs 30-50
-- times slower).
\ir sql/include/stance_model_damaged.sql

-- Long documents are read up to a cap.
SELECT newsnlp.stance(model, repeat('Unions reject the tax plan. ', 10000), 'tax plan') AS long_body FROM models;

-- statement_timeout interrupts training.
\ir sql/include/timing.sql
SET statement_timeout = '1s';
SELECT pg_temp.cancel_latency($$SELECT newsnlp.stance_train('Row ' || i || ' says the plan works.', 'plan',
       CASE WHEN i % 2 = 0 THEN 'FAVOR' ELSE 'AGAINST' END) FROM generate_series(1, 10000000) i$$)
       IS NOT NULL AS cancelled;
RESET statement_timeout;
