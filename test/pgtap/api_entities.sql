-- The SQL contract of newsnlp's entity functions, entities() and
-- entity_names(): signatures, result columns, planner properties, errors,
-- empty input, and the positions invariant substr(body, pos, len) = mention.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(32);

-- The catalog row of newsnlp.<name>(text), or none.
CREATE TEMP VIEW ent_funcs AS
SELECT p.*
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'newsnlp'
  AND p.proname IN ('entities', 'entity_names')
  AND oidvectortypes(p.proargtypes) = 'text';

-- Output columns of entities() as "name type, ...".
CREATE TEMP VIEW ent_outputs AS
SELECT string_agg(a.name || ' ' || format_type(a.type, NULL), ', ' ORDER BY a.i) AS outputs
FROM ent_funcs f,
     unnest(f.proargnames, f.proallargtypes, f.proargmodes::text[])
       WITH ORDINALITY AS a(name, type, mode, i)
WHERE f.proname = 'entities' AND a.mode IN ('o', 't');

---------------------------------------------------------------- entities()
SELECT has_function('newsnlp', 'entities', ARRAY['text'], 'newsnlp.entities(text) exists');
SELECT function_returns('newsnlp', 'entities', ARRAY['text'], 'setof record',
                        'entities() returns a set of rows');
SELECT is((SELECT outputs FROM ent_outputs),
          'mention text, label text, canonical text, pos integer, len integer, sentence integer, score real',
          'entities() returns (mention, label, canonical, pos, len, sentence, score)');
SELECT volatility_is('newsnlp', 'entities', ARRAY['text'], 'immutable', 'entities() is IMMUTABLE');
SELECT is_strict('newsnlp', 'entities', ARRAY['text'], 'entities() is STRICT');
SELECT is((SELECT proparallel::text FROM ent_funcs WHERE proname = 'entities'), 's',
          'entities() is PARALLEL SAFE');
SELECT cmp_ok((SELECT procost FROM ent_funcs WHERE proname = 'entities'), '>',
              (SELECT procost FROM pg_proc WHERE oid = 'newsnlp.tokens(text)'::regprocedure),
              'entities() costs more than tokens(), whose work it includes');
SELECT is_empty('SELECT * FROM newsnlp.entities(NULL)', 'entities(NULL) gives no rows');
SELECT is_empty($$SELECT * FROM newsnlp.entities('')$$, $$entities('') gives no rows$$);

---------------------------------------------------------------- entity_names()
SELECT has_function('newsnlp', 'entity_names', ARRAY['text'], 'newsnlp.entity_names(text) exists');
SELECT function_returns('newsnlp', 'entity_names', ARRAY['text'], 'text[]',
                        'entity_names() returns text[]');
SELECT volatility_is('newsnlp', 'entity_names', ARRAY['text'], 'immutable',
                     'entity_names() is IMMUTABLE, so it can be indexed');
SELECT is_strict('newsnlp', 'entity_names', ARRAY['text'], 'entity_names() is STRICT');
SELECT is((SELECT proparallel::text FROM ent_funcs WHERE proname = 'entity_names'), 's',
          'entity_names() is PARALLEL SAFE');
SELECT is(newsnlp.entity_names(NULL), NULL, 'entity_names(NULL) is NULL');
SELECT is(newsnlp.entity_names(''), '{}'::text[], $$entity_names('') is an empty array$$);

---------------------------------------------------------------- dictionary
SELECT has_table('newsnlp', 'dictionary', 'table newsnlp.dictionary exists');
SELECT columns_are('newsnlp', 'dictionary', ARRAY['id', 'term', 'label', 'canonical', 'note'],
                   'newsnlp.dictionary has id, term, label, canonical, note');
SELECT volatility_is('newsnlp', 'dict_entities', ARRAY['text'], 'stable',
                     'dict_entities() is STABLE: it reads newsnlp.dictionary');
SELECT volatility_is('newsnlp', 'dict_entity_names', ARRAY['text'], 'stable',
                     'dict_entity_names() is STABLE: it reads newsnlp.dictionary');
SELECT is((SELECT string_agg(proparallel::text, ',' ORDER BY proname) FROM pg_proc
           WHERE pronamespace = 'newsnlp'::regnamespace AND proname LIKE 'dict\_%'), 's,s',
          'the dictionary functions are PARALLEL SAFE: workers read the dictionary with the leader''s snapshot');
SELECT ok(has_table_privilege('public', 'newsnlp.dictionary', 'SELECT'),
          'everyone may read newsnlp.dictionary');
SELECT ok(NOT has_table_privilege('public', 'newsnlp.dictionary', 'INSERT, UPDATE, DELETE, TRUNCATE'),
          'nobody but its owner may change newsnlp.dictionary');
SELECT throws_ok($$INSERT INTO newsnlp.dictionary (term, label) VALUES ('?!', 'PER')$$, '23514',
                 NULL, 'a term without a letter or digit is rejected (check_violation)');

---------------------------------------------------------------- behaviour
CREATE TEMP TABLE bodies (id int, body text);
INSERT INTO bodies VALUES
    (1, 'Prime Minister Sanae Takaichi met Chancellor Friedrich Merz in Berlin. Takaichi spoke first.'),
    (2, E'“We will not be rushed,” Gen. Ada Quist told Reuters in Kyiv.\nQuist’s aides agreed.'),
    (3, 'Émilie Durand of the Élysée met 👍🏽 officials from the U.S. and the European Union.');
CREATE TEMP TABLE ents AS
SELECT b.id, b.body, e.* FROM bodies b, newsnlp.entities(b.body) e;

SELECT is_empty($$
    SELECT id, mention FROM ents
    WHERE pos < 1 OR len < 1 OR substr(body, pos, len) IS DISTINCT FROM mention
$$, 'entities(): substr(body, pos, len) = mention');
SELECT is_empty($$SELECT id, label FROM ents WHERE label NOT IN ('PER', 'ORG', 'LOC', 'MISC')$$,
                'labels are PER, ORG, LOC or MISC');
SELECT is_empty($$SELECT id, score FROM ents WHERE score < 0 OR score > 1 OR score IS NULL$$,
                'scores lie in [0, 1]');
SELECT is_empty($$SELECT id, canonical FROM ents WHERE coalesce(canonical, '') = ''$$,
                'every mention has a canonical name');
SELECT is_empty($$
    SELECT id, mention FROM (
        SELECT id, mention, pos, lag(pos + len) OVER (PARTITION BY id ORDER BY pos) AS prev_end
        FROM ents) e
    WHERE pos < prev_end
$$, 'mentions come in document order and do not overlap');
SELECT is_empty($$
    SELECT e.id, e.mention FROM ents e
    LEFT JOIN LATERAL newsnlp.sentences(e.body) s ON s.sentence = e.sentence
    WHERE s.sentence IS NULL OR e.pos < s.pos OR e.pos + e.len > s.pos + s.len
$$, 'every mention lies inside the sentence it names');
SELECT is_empty($$
    SELECT b.id FROM bodies b
    WHERE newsnlp.entity_names(b.body) IS DISTINCT FROM
          (SELECT coalesce(array_agg(DISTINCT (label || ':' || canonical) COLLATE "C"
                                     ORDER BY (label || ':' || canonical) COLLATE "C"), '{}')
           FROM ents e WHERE e.id = b.id)
$$, 'entity_names() is the sorted set of LABEL:canonical of entities()');
SELECT is_empty($$
    SELECT id FROM ents WHERE mention ~ '^(Prime Minister|Chancellor|Gen\.|Mr\.) '
$$, 'titles are not part of a mention');

SELECT * FROM finish();
ROLLBACK;
