-- The SQL contract of the production pieces: annotate(), the tag() trigger,
-- track()/untrack()/backfill(), and the extension's security properties.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(35);

-- annotate()
SELECT has_function('newsnlp', 'annotate', ARRAY['text'], 'newsnlp.annotate(text) exists');
SELECT function_returns('newsnlp', 'annotate', ARRAY['text'], 'jsonb', 'annotate() returns jsonb');
SELECT volatility_is('newsnlp', 'annotate', ARRAY['text'], 'immutable', 'annotate() is IMMUTABLE');
SELECT is_strict('newsnlp', 'annotate', ARRAY['text'], 'annotate() is STRICT');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'newsnlp.annotate(text)'::regprocedure),
          's', 'annotate() is PARALLEL SAFE');
SELECT cmp_ok((SELECT procost FROM pg_proc WHERE oid = 'newsnlp.annotate(text)'::regprocedure), '>',
              (SELECT procost FROM pg_proc WHERE oid = 'newsnlp.quotes(text)'::regprocedure),
              'annotate() costs more than quotes(), whose work it includes');
SELECT is(newsnlp.annotate(''), '{"entities": [], "quotes": []}'::jsonb,
          'annotate('''') has both keys with empty arrays');
SELECT is(newsnlp.annotate('Friedrich Merz spoke in Berlin.') -> 'entities' -> 0,
          '{"mention": "Friedrich Merz", "label": "PER", "canonical": "Friedrich Merz", "pos": 1, "len": 14}'::jsonb,
          'an entity has mention, label, canonical, pos and len');

-- tag()
SELECT function_returns('newsnlp', 'tag', ARRAY[]::text[], 'trigger', 'tag() is a trigger function');
SELECT throws_ok('SELECT newsnlp.tag()', '39P01', NULL, 'tag() called directly raises trigger_protocol_violated');

-- track(), untrack(), backfill()
SELECT has_function('newsnlp', 'track', ARRAY['regclass', 'name', 'name', 'name'], 'track() exists');
SELECT has_function('newsnlp', 'untrack', ARRAY['regclass'], 'untrack() exists');
SELECT is((SELECT prokind::text FROM pg_proc WHERE oid = 'newsnlp.backfill(regclass, int)'::regprocedure),
          'p', 'backfill(regclass, int) is a procedure');
SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
           WHERE oid = 'newsnlp.backfill(regclass, int)'::regprocedure),
          '500', 'backfill() does 500 rows per batch unless told');
SELECT has_table('newsnlp', 'tracked', 'the catalogue newsnlp.tracked exists');
SELECT ok((SELECT 'newsnlp.tracked'::regclass = ANY (extconfig) FROM pg_extension WHERE extname = 'newsnlp'),
          'pg_dump keeps newsnlp.tracked (extension configuration table)');
SELECT throws_ok($$SELECT newsnlp.track('pg_catalog.pg_class', 'relname', 'oid')$$, '42804', NULL,
                 'track() refuses a column that is not text');

-- The claims side table and the speaker-to-target stance view
SELECT has_column('newsnlp', 'tracked', 'claims_table', 'newsnlp.tracked names the claims table');
SELECT col_type_is('newsnlp', 'tracked', 'claims_table', 'regclass', 'tracked.claims_table is a regclass');
SELECT col_type_is('newsnlp', 'tracked', 'stance_view', 'regclass', 'tracked.stance_view is a regclass');
SELECT isnt((SELECT col_description(attrelid, attnum) FROM pg_attribute
             WHERE attrelid = 'newsnlp.tracked'::regclass AND attname = 'claims_table'), NULL, 'tracked.claims_table has a comment');
SELECT isnt((SELECT col_description(attrelid, attnum) FROM pg_attribute
             WHERE attrelid = 'newsnlp.tracked'::regclass AND attname = 'stance_view'), NULL, 'tracked.stance_view has a comment');
CREATE TABLE pgtap_wire (id bigint PRIMARY KEY, body text);
SELECT newsnlp.track('pgtap_wire', 'body', 'id');
SELECT is((SELECT ARRAY[claims_table, stance_view]::text[] FROM newsnlp.tracked
           WHERE tbl = 'pgtap_wire'::regclass),
          ARRAY['pgtap_wire_claims', 'pgtap_wire_speaker_stance'],
          'track() records <table>_claims and <table>_speaker_stance in the catalogue');
SELECT columns_are('pgtap_wire_claims',
                   ARRAY['id', 'speaker', 'speaker_label', 'target', 'target_label', 'stance', 'score',
                         'quote', 'pos', 'len'],
                   '<table>_claims has the key and the columns of claims()');
SELECT col_type_is('pgtap_wire_claims', 'id', 'bigint', '<table>_claims keys by the tracked key''s type');
SELECT fk_ok('pgtap_wire_claims', 'id', 'pgtap_wire', 'id', '<table>_claims refers to the tracked table');
SELECT columns_are('pgtap_wire_speaker_stance',
                   ARRAY['speaker', 'speaker_label', 'target', 'target_label', 'claims', 'articles',
                         'avg_score', 'favor', 'against', 'none'],
                   '<table>_speaker_stance has speaker, target, counts, mean score and counts by stance');
SELECT newsnlp.untrack('pgtap_wire');
SELECT hasnt_table('pgtap_wire_claims', 'untrack() drops <table>_claims');

-- Security
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                  WHERE p.pronamespace = 'newsnlp'::regnamespace AND p.prosecdef$$,
                'no newsnlp function is SECURITY DEFINER');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                  WHERE p.pronamespace = 'newsnlp'::regnamespace
                    AND p.prolang = (SELECT oid FROM pg_language WHERE lanname IN ('plpgsql'))
                    AND p.prokind = 'f'
                    AND NOT coalesce(p.proconfig @> '{"search_path=pg_catalog, pg_temp"}', false)$$,
                'every PL/pgSQL function of newsnlp runs with search_path = pg_catalog, pg_temp');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc p
                  WHERE p.pronamespace = 'newsnlp'::regnamespace
                    AND obj_description(p.oid, 'pg_proc') IS NULL$$,
                'every newsnlp function and procedure has a comment');
SELECT ok(EXISTS (SELECT FROM pg_class c, aclexplode(c.relacl) a
                  WHERE c.oid = 'newsnlp.dictionary'::regclass AND a.grantee = 0
                    AND a.privilege_type = 'SELECT'),
          'PUBLIC may read newsnlp.dictionary');
SELECT is_empty($$SELECT a.privilege_type FROM pg_class c, aclexplode(c.relacl) a
                  WHERE c.oid = 'newsnlp.dictionary'::regclass AND a.grantee = 0
                    AND a.privilege_type <> 'SELECT'$$,
                'PUBLIC may not change newsnlp.dictionary');
SELECT ok((SELECT relrowsecurity FROM pg_class WHERE oid = 'newsnlp.tracked'::regclass),
          'row level security guards newsnlp.tracked');
SELECT is_empty($$SELECT a.privilege_type FROM pg_class c, aclexplode(c.relacl) a
                  WHERE c.oid = 'newsnlp.tracked'::regclass AND a.grantee = 0
                    AND a.privilege_type NOT IN ('SELECT', 'INSERT', 'DELETE')$$,
                'PUBLIC may not update newsnlp.tracked');

SELECT * FROM finish();
ROLLBACK;
