-- The SQL contract of newsnlp.stance(), stance_score(), stance_at() and
-- claims(): signatures, result columns, planner properties, NULL and empty
-- input, errors with their SQLSTATEs, labels, score range and positions.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(36);

SELECT has_function('newsnlp', 'stance', ARRAY['text', 'text'], 'newsnlp.stance(text, text) exists');
SELECT has_function('newsnlp', 'stance_score', ARRAY['text', 'text'], 'newsnlp.stance_score(text, text) exists');
SELECT has_function('newsnlp', 'stance_at', ARRAY['text', 'integer', 'integer'],
                    'newsnlp.stance_at(text, int, int) exists');
SELECT has_function('newsnlp', 'claims', ARRAY['text'], 'newsnlp.claims(text) exists');
SELECT function_returns('newsnlp', 'stance', ARRAY['text', 'text'], 'text', 'stance() returns text');
SELECT function_returns('newsnlp', 'stance_score', ARRAY['text', 'text'], 'real', 'stance_score() returns real');
SELECT function_returns('newsnlp', 'stance_at', ARRAY['text', 'integer', 'integer'], 'text',
                        'stance_at() returns text');
SELECT function_returns('newsnlp', 'claims', ARRAY['text'], 'setof record', 'claims() returns a set of rows');
SELECT is((SELECT string_agg(a.name || ' ' || format_type(a.type, NULL), ', ' ORDER BY a.i)
           FROM pg_proc p,
                unnest(p.proargnames, p.proallargtypes, p.proargmodes::text[])
                  WITH ORDINALITY AS a(name, type, mode, i)
           WHERE p.oid = 'newsnlp.claims(text)'::regprocedure AND a.mode = 'o'),
          'speaker text, speaker_label text, target text, target_label text, stance text, score real, '
          'quote text, pos integer, len integer',
          'claims() returns the documented columns');

-- Planner properties: the result depends only on the arguments and the installed model.
SELECT volatility_is('newsnlp', 'stance', ARRAY['text', 'text'], 'immutable', 'stance() is IMMUTABLE');
SELECT volatility_is('newsnlp', 'stance_score', ARRAY['text', 'text'], 'immutable', 'stance_score() is IMMUTABLE');
SELECT volatility_is('newsnlp', 'stance_at', ARRAY['text', 'integer', 'integer'], 'immutable',
                     'stance_at() is IMMUTABLE');
SELECT volatility_is('newsnlp', 'claims', ARRAY['text'], 'immutable', 'claims() is IMMUTABLE');
SELECT is_strict('newsnlp', 'stance', ARRAY['text', 'text'], 'stance() is STRICT');
SELECT is_strict('newsnlp', 'stance_score', ARRAY['text', 'text'], 'stance_score() is STRICT');
SELECT is_strict('newsnlp', 'stance_at', ARRAY['text', 'integer', 'integer'], 'stance_at() is STRICT');
SELECT is_strict('newsnlp', 'claims', ARRAY['text'], 'claims() is STRICT');
SELECT is((SELECT array_agg(DISTINCT proparallel::text) FROM pg_proc
           WHERE oid IN ('newsnlp.stance(text, text)'::regprocedure, 'newsnlp.stance_score(text, text)'::regprocedure,
                         'newsnlp.stance_at(text, int, int)'::regprocedure, 'newsnlp.claims(text)'::regprocedure)),
          ARRAY['s'], 'all four are PARALLEL SAFE');
SELECT cmp_ok((SELECT procost FROM pg_proc WHERE oid = 'newsnlp.claims(text)'::regprocedure), '>=',
              (SELECT procost FROM pg_proc WHERE oid = 'newsnlp.quotes(text)'::regprocedure),
              'claims() costs at least quotes(), whose work it includes');
SELECT is((SELECT count(*)::int FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid
           WHERE p.oid IN ('newsnlp.stance(text, text)'::regprocedure, 'newsnlp.stance_score(text, text)'::regprocedure,
                           'newsnlp.stance_at(text, int, int)'::regprocedure, 'newsnlp.claims(text)'::regprocedure)
             AND d.description <> ''), 4,
          'every built-in stance function has a COMMENT');

-- NULL and empty input.
SELECT is(newsnlp.stance(NULL, 'Keller'), NULL, 'stance(NULL, target) is NULL');
SELECT is(newsnlp.stance_score('Keller is great.', NULL), NULL, 'stance_score(body, NULL) is NULL');
SELECT is_empty('SELECT * FROM newsnlp.claims(NULL)', 'claims(NULL) gives no rows');
SELECT is_empty($$SELECT * FROM newsnlp.claims('')$$, $$claims('') gives no rows$$);
SELECT is(newsnlp.stance('Keller is great.', ''), 'none', 'an empty target is none');
SELECT is(newsnlp.stance_score('Keller is great.', repeat('Keller ', 1000)), 0::real,
          'a target longer than the text scores 0');
SELECT is(newsnlp.stance_score('Lena Ortiz praised the plan.', 'Tomas Keller'), 0::real,
          'an absent target scores 0');

-- Errors with their SQLSTATEs.
SELECT throws_ok($$SELECT newsnlp.stance_at('Keller is great.', 0, 6)$$, '22023', NULL,
                 'stance_at() with pos 0 raises 22023');
SELECT throws_ok($$SELECT newsnlp.stance_at('Keller is great.', 12, 6)$$, '22023', NULL,
                 'stance_at() past the end raises 22023');
SELECT throws_ok($$SELECT newsnlp.stance_at('Keller is great.', 1, -1)$$, '22023', NULL,
                 'stance_at() with a negative len raises 22023');
SELECT lives_ok($$SELECT newsnlp.stance_at('Keller is great.', 1, 16)$$, 'stance_at() over the whole body works');

-- Labels, score range and positions.
CREATE TEMP TABLE cs AS
SELECT b.body, c.* FROM (VALUES
    (E'Émilie Durand met Ravi Okafor. “Ravi Okafor is a liar,” said Émilie Durand. 👍🏽 “Durand is brilliant,” Okafor said.'),
    (E'Tomas Keller spoke first.\n“He has betrayed us,” said Helena Brandt.')) AS b(body),
    newsnlp.claims(b.body) c;
SELECT isnt_empty('SELECT * FROM cs', 'claims() finds claims in news copy');
SELECT is_empty($$SELECT * FROM cs WHERE substr(body, pos, len) IS DISTINCT FROM quote$$,
                'substr(body, pos, len) = quote');
SELECT is_empty($$SELECT * FROM cs WHERE stance NOT IN ('favor', 'against', 'none') OR score < -1 OR score > 1$$,
                'stance is favor, against or none and the score lies in [-1, 1]');
SELECT is_empty($$SELECT * FROM cs WHERE lower(target) = lower(speaker)$$, 'no speaker is their own target');
SELECT is((SELECT array_agg(DISTINCT s ORDER BY s) FROM (
              SELECT newsnlp.stance(b, t) AS s FROM (VALUES
                ('Voters praised Helena Brandt for her brilliant work.', 'Helena Brandt'),
                ('Helena Brandt was condemned for a disastrous failure.', 'Brandt'),
                ('Nobody else was there.', 'Brandt')) v(b, t)) x),
          ARRAY['against', 'favor', 'none'], 'stance() gives all three labels');

SELECT * FROM finish();
ROLLBACK;
