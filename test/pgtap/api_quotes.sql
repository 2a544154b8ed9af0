-- The SQL contract of newsnlp.quotes(): signature, result columns, planner
-- properties, empty input and positions.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(14);

SELECT has_function('newsnlp', 'quotes', ARRAY['text'], 'newsnlp.quotes(text) exists');
SELECT function_returns('newsnlp', 'quotes', ARRAY['text'], 'setof record',
                        'quotes() returns a set of rows');
SELECT is((SELECT string_agg(a.name || ' ' || format_type(a.type, NULL), ', ' ORDER BY a.i)
           FROM pg_proc p,
                unnest(p.proargnames, p.proallargtypes, p.proargmodes::text[])
                  WITH ORDINALITY AS a(name, type, mode, i)
           WHERE p.oid = 'newsnlp.quotes(text)'::regprocedure AND a.mode = 'o'),
          'quote text, speaker text, speaker_label text, cue text, kind text, pos integer, len integer, '
          'speaker_pos integer, speaker_len integer, paragraph integer, score real',
          'quotes() returns the documented columns');
SELECT volatility_is('newsnlp', 'quotes', ARRAY['text'], 'immutable', 'quotes() is IMMUTABLE');
SELECT is_strict('newsnlp', 'quotes', ARRAY['text'], 'quotes() is STRICT');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'newsnlp.quotes(text)'::regprocedure),
          's', 'quotes() is PARALLEL SAFE');
SELECT cmp_ok((SELECT procost FROM pg_proc WHERE oid = 'newsnlp.quotes(text)'::regprocedure), '>',
              (SELECT procost FROM pg_proc WHERE oid = 'newsnlp.entities(text)'::regprocedure),
              'quotes() costs more than entities(), whose work it includes');
SELECT is_empty('SELECT * FROM newsnlp.quotes(NULL)', 'quotes(NULL) gives no rows');
SELECT is_empty($$SELECT * FROM newsnlp.quotes('')$$, $$quotes('') gives no rows$$);

CREATE TEMP TABLE qs AS
SELECT b.body, q.* FROM (VALUES
    (E'“We are ready,” said Émilie Durand. 👍🏽 “Ça suffit,” Ravi Okafor said.'),
    (E'Officials said the talks would resume.\nA senior official told me that “nothing is settled.”'),
    ('According to Mara Lindqvist, the fleet will sail in June.')) AS b(body),
    newsnlp.quotes(b.body) q;
SELECT is_empty($$SELECT quote FROM qs WHERE substr(body, pos, len) IS DISTINCT FROM quote$$,
                'substr(body, pos, len) = quote');
SELECT is_empty($$SELECT quote FROM qs WHERE kind NOT IN ('direct', 'partial', 'indirect')$$,
                'kind is direct, partial or indirect');
SELECT is_empty($$SELECT quote FROM qs WHERE speaker_label NOT IN ('PER', 'ORG', 'LOC', 'MISC', 'DESC')$$,
                'speaker_label is an entity label or DESC');
SELECT is_empty($$SELECT quote FROM qs WHERE (speaker_pos IS NULL) <> (speaker_len IS NULL)
                  OR speaker_len <= 0 OR speaker_pos + speaker_len > length(body) + 1$$,
                'speaker_pos and speaker_len locate a span of the body, or are both NULL');
SELECT is_empty($$SELECT quote FROM qs WHERE score < 0 OR score > 1$$, 'scores lie in [0, 1]');

SELECT * FROM finish();
ROLLBACK;
