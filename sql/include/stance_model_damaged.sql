-- Damaged and out-of-range trained stance models, each with its SQLSTATE: the
-- part of stance_model_bad_input shared with its small-input run under valgrind.
\ir stance_fixtures.sql

-- One label: a model that can only answer it would predict nothing (22023).
SELECT pg_temp.error_of($$SELECT newsnlp.stance_train(body, target, 'FAVOR') FROM labels$$);

-- More than 32 labels: a program limit (54000).
SELECT pg_temp.error_of($$SELECT newsnlp.stance_train('Text.', 'x', 'label ' || i) FROM generate_series(1, 33) i$$);

-- Not a window function: the final function finishes the trainer's state (0A000).
SELECT pg_temp.error_of($$SELECT newsnlp.stance_train(body, target, label) OVER (ORDER BY id) FROM labels$$);

-- Damaged text forms (22P02), each with its reason.
CREATE TEMP TABLE models AS
SELECT newsnlp.stance_train(body, target, label ORDER BY id) AS model FROM labels;
SELECT pg_temp.error_of($$SELECT 'garbage'::newsnlp.stance_model$$) AS not_a_model;
SELECT pg_temp.error_of($$SELECT ''::newsnlp.stance_model$$) AS empty;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model', left(model::text, 300))) AS truncated FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model', left(model::text, -2))) AS cut_weights FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       replace(model::text, 'newsnlp.stance_model 1', 'newsnlp.stance_model 9'))) AS wrong_version FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       replace(model::text, 'labels 3 ', 'labels 4 '))) AS bad_count FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       replace(model::text, 'labels 3 FAVOR AGAINST NONE', 'labels 1 FAVOR'))) AS one_label FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       replace(model::text, 'labels 3 FAVOR AGAINST NONE', 'labels 3 FAVOR FAVOR NONE'))) AS same_label_twice FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       replace(model::text, 'cost 0.002', 'cost NaN'))) AS nan_cost FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       regexp_replace(model::text, 'weights ........', 'weights AADAfwAA'))) AS nan_weight FROM models;
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model', model::text || E'\nmore'))
       AS trailing_text FROM models;

-- Over the size limit (54000): 32 labels of 2^24 weights each.
SELECT pg_temp.error_of(format('SELECT %L::newsnlp.stance_model',
       regexp_replace(replace(model::text, 'bits 18', 'bits 24'), 'labels 3 [^\n]*',
                      'labels 32 ' || (SELECT string_agg('L' || i, ' ') FROM generate_series(1, 32) i))))
       AS too_big FROM models;

-- Damaged binary values (22023): the send form of a good model, damaged,
-- written as a binary COPY file (bytea's binary form is its bytes) and read
-- back into a stance_model column, which goes through receive.
CREATE TEMP TABLE damaged AS
SELECT d.what, d.b
FROM models, newsnlp.stance_model_send(model) AS s(b),
     LATERAL (VALUES ('wrong magic', set_byte(s.b, 0, 88)),
                     ('wrong version', set_byte(s.b, 4, 9)),
                     ('bad label count', set_byte(s.b, 12, 40)),
                     ('truncated', substr(s.b, 1, 100)),
                     ('truncated weights', substr(s.b, 1, length(s.b) - 4)),
                     ('NaN weight', overlay(s.b placing '\x0000c07f'::bytea from length(s.b) - 3)),
                     ('trailing byte', s.b || '\x00'::bytea)) AS d(what, b);
CREATE TEMP TABLE stored (model newsnlp.stance_model);
\copy (SELECT b FROM damaged WHERE what = 'wrong magic') TO 'results/stance_bad1.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad1.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'wrong version') TO 'results/stance_bad2.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad2.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'bad label count') TO 'results/stance_bad3.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad3.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'truncated') TO 'results/stance_bad4.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad4.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'truncated weights') TO 'results/stance_bad5.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad5.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'NaN weight') TO 'results/stance_bad6.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad6.bin' WITH (FORMAT binary)
\copy (SELECT b FROM damaged WHERE what = 'trailing byte') TO 'results/stance_bad7.bin' WITH (FORMAT binary)
\copy stored FROM 'results/stance_bad7.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_loaded FROM stored;

-- A damaged value that reached a table by other means (here a binary
-- coercion from bytea, standing in for damage on disk) is refused when read:
-- by output, by stance() and by stance_model_info() (22023).
BEGIN;
CREATE CAST (bytea AS newsnlp.stance_model) WITHOUT FUNCTION;
SELECT pg_temp.error_of($$SELECT b::newsnlp.stance_model::text FROM damaged WHERE what = 'wrong version'$$) AS output;
SELECT pg_temp.error_of($$SELECT newsnlp.stance(b::newsnlp.stance_model, 'Text.', 'x') FROM damaged WHERE what = 'NaN weight'$$) AS stance;
SELECT pg_temp.error_of($$SELECT newsnlp.stance_model_info(b::newsnlp.stance_model) FROM damaged WHERE what = 'truncated'$$) AS info;
ROLLBACK;

-- A model trained on one target predicts for another without error.
SELECT newsnlp.stance(model, 'A new stadium opens downtown.', 'stadium') IN ('FAVOR', 'AGAINST', 'NONE') AS known
FROM models;
