-- The SQL contract of newsnlp's segmentation functions, sentences() and
-- tokens(): signatures, result columns, planner properties, comments, the
-- extension's schema, empty input, and the positions invariant
-- substr(body, pos, len) = text over difficult Unicode.
--
-- Run with pg_prove in a database where pgtap and newsnlp are installed.

BEGIN;
SELECT plan(38);

-- The catalog row of newsnlp.<name>(text), or none.
CREATE TEMP VIEW seg_funcs AS
SELECT p.*
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'newsnlp'
  AND p.proname IN ('sentences', 'tokens')
  AND oidvectortypes(p.proargtypes) = 'text';

-- Input arguments and output columns as "name type, ...", whether the
-- function is declared with OUT parameters or RETURNS TABLE.
CREATE TEMP VIEW seg_args AS
SELECT f.proname,
       string_agg(a.name || ' ' || format_type(a.type, NULL), ', ' ORDER BY a.i)
         FILTER (WHERE a.mode IN ('i', 'b', 'v')) AS inputs,
       string_agg(a.name || ' ' || format_type(a.type, NULL), ', ' ORDER BY a.i)
         FILTER (WHERE a.mode IN ('o', 't', 'b')) AS outputs
FROM seg_funcs f,
     unnest(f.proargnames, f.proallargtypes, f.proargmodes::text[])
       WITH ORDINALITY AS a(name, type, mode, i)
GROUP BY f.proname;

---------------------------------------------------------------- extension
SELECT has_schema('newsnlp', 'schema newsnlp exists');
SELECT has_extension('newsnlp', 'newsnlp', 'extension newsnlp is installed in schema newsnlp');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'newsnlp'), false,
          'extension newsnlp is not relocatable');
SELECT is((SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
           WHERE e.extname = 'newsnlp'), 'newsnlp',
          'extension newsnlp lives in schema newsnlp');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'newsnlp'
      AND coalesce(obj_description(p.oid, 'pg_proc'), '') = ''
$$, 'every function in schema newsnlp has a COMMENT');

---------------------------------------------------------------- sentences()
SELECT has_function('newsnlp', 'sentences', ARRAY['text'], 'newsnlp.sentences(text) exists');
SELECT is((SELECT inputs FROM seg_args WHERE proname = 'sentences'),
          'body text', 'sentences() takes one argument, body text');
SELECT function_returns('newsnlp', 'sentences', ARRAY['text'], 'setof record',
                        'sentences() returns a set of rows');
SELECT is((SELECT outputs FROM seg_args WHERE proname = 'sentences'),
          'sentence integer, paragraph integer, pos integer, len integer, text text',
          'sentences() returns (sentence int, paragraph int, pos int, len int, text text)');
SELECT volatility_is('newsnlp', 'sentences', ARRAY['text'], 'immutable', 'sentences() is IMMUTABLE');
SELECT is_strict('newsnlp', 'sentences', ARRAY['text'], 'sentences() is STRICT');
SELECT is((SELECT proparallel::text FROM seg_funcs WHERE proname = 'sentences'), 's',
          'sentences() is PARALLEL SAFE');
SELECT is((SELECT procost FROM seg_funcs WHERE proname = 'sentences'), 6000::real,
          'sentences() has COST 6000');
SELECT is((SELECT prorows FROM seg_funcs WHERE proname = 'sentences'), 35::real,
          'sentences() has ROWS 35');
SELECT is_empty('SELECT * FROM newsnlp.sentences(NULL)', 'sentences(NULL) gives no rows');
SELECT is_empty($$SELECT * FROM newsnlp.sentences('')$$, $$sentences('') gives no rows$$);

---------------------------------------------------------------- tokens()
SELECT has_function('newsnlp', 'tokens', ARRAY['text'], 'newsnlp.tokens(text) exists');
SELECT is((SELECT inputs FROM seg_args WHERE proname = 'tokens'),
          'body text', 'tokens() takes one argument, body text');
SELECT function_returns('newsnlp', 'tokens', ARRAY['text'], 'setof record',
                        'tokens() returns a set of rows');
SELECT is((SELECT outputs FROM seg_args WHERE proname = 'tokens'),
          'token integer, sentence integer, pos integer, len integer, text text, shape text',
          'tokens() returns (token int, sentence int, pos int, len int, text text, shape text)');
SELECT volatility_is('newsnlp', 'tokens', ARRAY['text'], 'immutable', 'tokens() is IMMUTABLE');
SELECT is_strict('newsnlp', 'tokens', ARRAY['text'], 'tokens() is STRICT');
SELECT is((SELECT proparallel::text FROM seg_funcs WHERE proname = 'tokens'), 's',
          'tokens() is PARALLEL SAFE');
SELECT is((SELECT procost FROM seg_funcs WHERE proname = 'tokens'), 20000::real,
          'tokens() has COST 20000');
SELECT is((SELECT prorows FROM seg_funcs WHERE proname = 'tokens'), 550::real,
          'tokens() has ROWS 550');
SELECT is_empty('SELECT * FROM newsnlp.tokens(NULL)', 'tokens(NULL) gives no rows');
SELECT is_empty($$SELECT * FROM newsnlp.tokens('')$$, $$tokens('') gives no rows$$);

---------------------------------------------------------------- documented examples
SELECT results_eq(
    $$SELECT sentence, paragraph, text
      FROM newsnlp.sentences('“We are ready,” Gen. Ada Quist said. The U.S. delegation agreed.')$$,
    $$VALUES (1, 1, '“We are ready,” Gen. Ada Quist said.'), (2, 1, 'The U.S. delegation agreed.')$$,
    'sentences() keeps a quote with its attribution and a title with its name');
SELECT results_eq(
    $$SELECT text, shape FROM newsnlp.tokens('Harris said the U.S. sent 28,500 troops.')
      WHERE text IN ('Harris', 'U.S.', '28,500')$$,
    $$VALUES ('Harris', 'Xx'), ('U.S.', 'X.X.'), ('28,500', 'dd,ddd')$$,
    'tokens() gives the documented shapes Xx, X.X. and dd,ddd');
SELECT results_eq(
    $$SELECT sentence, paragraph FROM newsnlp.sentences(E'One here. Two here.\n\n\nThree here.\nFour here.')$$,
    $$VALUES (1, 1), (2, 1), (3, 2), (4, 3)$$,
    'paragraphs are lines separated by newlines; blank lines only separate');

---------------------------------------------------------------- invariants over difficult text
CREATE TEMP TABLE bodies (id int PRIMARY KEY, body text NOT NULL);
INSERT INTO bodies VALUES
 (1, E'“We will not be rushed,” said Mara Lindqvist, director of Arctic studies at Northfield University. '
     'The U.S. and U.K. sent 28,500 troops — a 2.5% rise — after J.D. Okafor’s visit on Jan. 14.'),
 (2, E'Emoji: \U0001F469\U0001F3FD\u200D\u2695\uFE0F medics, \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 families, '
     '\U0001F1FA\U0001F1E6 and \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F flags, '
     '\U0001F44D\U0001F3FF thumbs, keycap 1\uFE0F\u20E3. Done!'),
 (3, E'قال المتحدث باسم الوزارة إن المحادثات ستستمر. وأضاف أن الوفد سيعود غداً.\n'
     'ראש הממשלה אמר כי השיחות יימשכו. \u200Fהוא הוסיף: "מחר."'),
 (4, E'Cafe\u0301 in Zu\u0308rich; Thu\u0309 tu\u031Bo\u031B\u0301ng; n\u0303\u0303\u0303; '
     'नमस्ते भारत। Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D\u0308\u0307l\u036E\u0312\u036Bo.'),
 (5, E'中国外交部发言人表示，会谈将继续。日本の首相は東京で記者会見を開いた。'
     'นายกรัฐมนตรีกล่าวว่าการเจรจาจะดำเนินต่อไป 한국 외교부는 성명을 발표했다.'),
 (6, E'  \tFirst line.\r\nSecond\u00A0line\u2028third line.\r\n\r\n\u2029Next para: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟚𝟘𝟚𝟜 𠀀𠀁.  \n'),
 (7, E'x');

-- Sentences and tokens of every body, with their order of output.
CREATE TEMP VIEW sents AS
SELECT b.id, b.body, s.*
FROM bodies b, newsnlp.sentences(b.body) WITH ORDINALITY
       AS s(sentence, paragraph, pos, len, text, ord);
CREATE TEMP VIEW toks AS
SELECT b.id, b.body, t.*
FROM bodies b, newsnlp.tokens(b.body) WITH ORDINALITY
       AS t(token, sentence, pos, len, text, shape, ord);

SELECT is_empty($$SELECT id FROM bodies WHERE id NOT IN (SELECT id FROM sents)$$,
                'sentences() gives rows for every non-empty body');
SELECT is_empty($$SELECT id FROM bodies WHERE id NOT IN (SELECT id FROM toks)$$,
                'tokens() gives rows for every non-empty body');
SELECT is_empty($$
    SELECT id, sentence, pos, len, text FROM sents
    WHERE pos < 1 OR len < 1 OR length(text) <> len OR substr(body, pos, len) IS DISTINCT FROM text
$$, 'sentences(): substr(body, pos, len) = text and len = length(text) > 0, for emoji, RTL and combining marks');
SELECT is_empty($$
    SELECT id, token, pos, len, text FROM toks
    WHERE pos < 1 OR len < 1 OR length(text) <> len OR substr(body, pos, len) IS DISTINCT FROM text
$$, 'tokens(): substr(body, pos, len) = text and len = length(text) > 0, for emoji, RTL and combining marks');
SELECT is_empty($$
    SELECT id, sentence FROM (
        SELECT id, sentence, ord, pos, lag(pos + len) OVER w AS prev_end
        FROM sents WINDOW w AS (PARTITION BY id ORDER BY ord)) s
    WHERE sentence <> ord OR pos < prev_end
$$, 'sentences() are numbered from 1 in document order and do not overlap');
SELECT is_empty($$
    SELECT id, token FROM (
        SELECT id, token, ord, pos, lag(pos + len) OVER w AS prev_end
        FROM toks WINDOW w AS (PARTITION BY id ORDER BY ord)) t
    WHERE token <> ord OR pos < prev_end
$$, 'tokens() are numbered from 1 in document order and do not overlap');
SELECT is_empty($$
    SELECT id, sentence FROM (
        SELECT id, sentence, paragraph, lag(paragraph, 1, 1) OVER w AS prev
        FROM sents WINDOW w AS (PARTITION BY id ORDER BY ord)) s
    WHERE paragraph NOT IN (prev, prev + 1)
$$, 'paragraph numbers start at 1 and go up by at most 1');
SELECT is_empty($$
    SELECT t.id, t.token, t.sentence FROM toks t
    LEFT JOIN sents s ON s.id = t.id AND s.sentence = t.sentence
    WHERE s.sentence IS NULL OR t.pos < s.pos OR t.pos + t.len > s.pos + s.len
$$, 'every token lies inside the sentence it names');

SELECT * FROM finish();
ROLLBACK;
