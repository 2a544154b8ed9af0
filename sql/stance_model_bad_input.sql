-- Bad input for trained stance models: one label, too many labels, damaged
-- text and binary values, the size limit; each with its SQLSTATE.
\ir sql/include/stance_model_damaged.sql

-- Long documents are read up to a cap, promptly.
SELECT newsnlp.stance(model, repeat('Unions reject the tax plan. ', 100000), 'tax plan') AS long_body FROM models;

-- statement_timeout interrupts training promptly.
\ir sql/include/timing.sql
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_latency($$SELECT newsnlp.stance_train('Row ' || i || ' says the plan works.', 'plan',
       CASE WHEN i % 2 = 0 THEN 'FAVOR' ELSE 'AGAINST' END) FROM generate_series(1, 10000000) i$$)
       < interval '1s' AS cancelled_promptly;
RESET statement_timeout;
