-- The SQL contract of trained stance models: the stance_model type, the
-- stance_train aggregate, stance()/stance_score() with a model, and
-- stance_model_info(): signatures, planner properties, errors and SQLSTATEs.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(36);

SELECT has_type('newsnlp', 'stance_model', 'type newsnlp.stance_model exists');
SELECT is((SELECT typlen FROM pg_type WHERE oid = 'newsnlp.stance_model'::regtype), -1::smallint,
          'stance_model is varlena');
SELECT is((SELECT typstorage::text FROM pg_type WHERE oid = 'newsnlp.stance_model'::regtype), 'x',
          'stance_model has extended storage');
SELECT is((SELECT typreceive::text || ' ' || typsend::text FROM pg_type
           WHERE oid = 'newsnlp.stance_model'::regtype),
          'newsnlp.stance_model_recv newsnlp.stance_model_send', 'stance_model has binary I/O');
SELECT isnt(obj_description('newsnlp.stance_model'::regtype, 'pg_type'), NULL, 'the type has a comment');

SELECT has_function('newsnlp', 'stance_train', ARRAY['text', 'text', 'text'], 'stance_train(text, text, text) exists');
SELECT is_aggregate('newsnlp', 'stance_train', ARRAY['text', 'text', 'text'], 'stance_train is an aggregate');
SELECT function_returns('newsnlp', 'stance_train', ARRAY['text', 'text', 'text'], 'newsnlp.stance_model',
                        'stance_train returns a stance_model');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'newsnlp.stance_train(text,text,text)'::regprocedure),
          'r', 'stance_train is PARALLEL RESTRICTED: no combine function, order-dependent');
SELECT is((SELECT aggcombinefn::text FROM pg_aggregate WHERE aggfnoid = 'newsnlp.stance_train(text,text,text)'::regprocedure),
          '-', 'stance_train has no combine function');
SELECT is((SELECT aggfinalmodify::text FROM pg_aggregate WHERE aggfnoid = 'newsnlp.stance_train(text,text,text)'::regprocedure),
          'w', 'stance_train''s final function may modify its state (no shared states)');

SELECT function_returns('newsnlp', 'stance', ARRAY['newsnlp.stance_model', 'text', 'text'], 'text',
                        'stance(stance_model, text, text) returns text');
SELECT function_returns('newsnlp', 'stance_score', ARRAY['newsnlp.stance_model', 'text', 'text'], 'real',
                        'stance_score(stance_model, text, text) returns real');
SELECT function_returns('newsnlp', 'stance_model_info', ARRAY['newsnlp.stance_model'], 'jsonb',
                        'stance_model_info(stance_model) returns jsonb');
SELECT volatility_is('newsnlp', 'stance', ARRAY['newsnlp.stance_model', 'text', 'text'], 'immutable', 'stance(model, ...) is IMMUTABLE');
SELECT volatility_is('newsnlp', 'stance_score', ARRAY['newsnlp.stance_model', 'text', 'text'], 'immutable', 'stance_score(model, ...) is IMMUTABLE');
SELECT volatility_is('newsnlp', 'stance_model_info', ARRAY['newsnlp.stance_model'], 'immutable', 'stance_model_info is IMMUTABLE');
SELECT is_strict('newsnlp', 'stance', ARRAY['newsnlp.stance_model', 'text', 'text'], 'stance(model, ...) is STRICT');
SELECT is_strict('newsnlp', 'stance_score', ARRAY['newsnlp.stance_model', 'text', 'text'], 'stance_score(model, ...) is STRICT');
SELECT is_strict('newsnlp', 'stance_model_info', ARRAY['newsnlp.stance_model'], 'stance_model_info is STRICT');
SELECT is((SELECT string_agg(DISTINCT proparallel::text, ',') FROM pg_proc
           WHERE oid IN ('newsnlp.stance(newsnlp.stance_model,text,text)'::regprocedure,
                         'newsnlp.stance_score(newsnlp.stance_model,text,text)'::regprocedure,
                         'newsnlp.stance_model_info(newsnlp.stance_model)'::regprocedure)),
          's', 'prediction and info are PARALLEL SAFE');
SELECT cmp_ok((SELECT procost FROM pg_proc WHERE oid = 'newsnlp.stance(newsnlp.stance_model,text,text)'::regprocedure),
              '>=', 1000::real, 'stance(model, ...) has a cost set');
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
           WHERE p.proname ~ '^stance_(train|model)|^stance$|^stance_score$'
             AND pg_get_function_identity_arguments(p.oid) ~ 'stance_model|internal|text, text, text'
             AND obj_description(p.oid, 'pg_proc') IS NULL), 0,
          'every stance_model function and the aggregate have a comment');

-- Behaviour and SQLSTATEs.
CREATE TEMP TABLE lab (id int, body text, target text, label text);
INSERT INTO lab VALUES
  (1, 'Ministers back the harbour plan.', 'harbour plan', 'FAVOR'),
  (2, 'Residents reject the harbour plan.', 'harbour plan', 'AGAINST'),
  (3, 'The harbour plan is due next week.', 'harbour plan', 'NONE');
CREATE TEMP TABLE m AS SELECT newsnlp.stance_train(body, target, label ORDER BY id) AS model FROM lab;

SELECT is((SELECT newsnlp.stance(model, 'Ministers back the harbour plan.', 'harbour plan') FROM m), 'FAVOR',
          'a training row gets its label back');
SELECT ok((SELECT newsnlp.stance_score(model, 'Residents reject it.', 'harbour plan') BETWEEN 0 AND 1 FROM m),
          'stance_score is a probability');
SELECT is((SELECT model::text::newsnlp.stance_model OPERATOR(newsnlp.=) model FROM m), true,
          'model::text::stance_model round-trips');
SELECT is((SELECT (newsnlp.stance_model_info(model)->>'training_rows')::int FROM m), 3,
          'stance_model_info counts training rows');
SELECT ok((SELECT newsnlp.stance_train(body, target, label) IS NULL FROM lab WHERE false),
          'no rows: NULL');
SELECT throws_ok($$SELECT newsnlp.stance_train(body, target, 'FAVOR') FROM lab$$, '22023',
                 'stance_train needs at least two labels, the rows have one', 'one label: 22023');
SELECT throws_ok($$SELECT newsnlp.stance_train('x', 'y', i::text) FROM generate_series(1, 40) i$$, '54000',
                 NULL, 'too many labels: 54000');
SELECT throws_ok($$SELECT 'junk'::newsnlp.stance_model$$, '22P02', NULL, 'junk text: 22P02');
SELECT throws_ok($$SELECT left(model::text, 200)::newsnlp.stance_model FROM m$$, '22P02', NULL,
                 'truncated text: 22P02');
SELECT throws_ok($$SELECT replace(model::text, 'bits 18', 'bits 20')::newsnlp.stance_model FROM m$$, '22P02', NULL,
                 'weights of the wrong length: 22P02');
SELECT throws_ok($$SELECT regexp_replace(replace(model::text, 'bits 18', 'bits 24'), 'labels 3 [^\n]*',
                          'labels 32 ' || (SELECT string_agg('L' || i, ' ') FROM generate_series(1, 32) i))::newsnlp.stance_model FROM m$$,
                 '54000', NULL, 'over the size limit: 54000');
SELECT throws_ok($$SELECT regexp_replace(model::text, 'weights ........', 'weights AADAfwAA')::newsnlp.stance_model FROM m$$,
                 '22P02', NULL, 'a NaN weight: 22P02');
SELECT lives_ok($$SELECT newsnlp.stance(model, '', '') FROM m$$, 'empty body and target are fine');

SELECT * FROM finish();
ROLLBACK;
