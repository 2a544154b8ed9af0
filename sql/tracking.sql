-- newsnlp.track(): side tables of entities, quotes and claims kept in step
-- with a table, views for BI tools, backfill() of the rows already there,
-- untrack().

CREATE TABLE articles (id int PRIMARY KEY, published timestamptz NOT NULL, body text);
INSERT INTO articles VALUES
 (1, '2024-03-14 09:00+00', E'“We will not back down,” Chancellor Friedrich Merz said in Berlin on Monday.'),
 (2, '2024-03-14 17:30+00', E'Officials in Tokyo met NATO envoys. “Talks will resume,” said Sanae Takaichi.'),
 (3, '2024-03-15 08:00+00', NULL),
 (5, '2024-03-15 09:00+00', E'“Viktor Saltan is a liar and a danger to peace,” said Anna Berg in Vienna.');

SELECT newsnlp.track('articles', 'body', 'id', 'published');
SELECT tbl, text_column, key_column, time_column, entities_table, quotes_table, done_table,
       mentions_view, speakers_view, claims_table, stance_view
FROM newsnlp.tracked;
\d articles_entities
\d articles_quotes
\d articles_claims
-- Every side table and view, and each of their columns, has a comment for
-- the BI tool to show.
SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') AS comment
FROM pg_class c WHERE c.relname ~ '^articles_' AND c.relkind IN ('r', 'v') ORDER BY 1;
SELECT count(*) AS columns_without_comment FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.relname ~ '^articles_' AND c.relkind IN ('r', 'v') AND a.attnum > 0
  AND col_description(c.oid, a.attnum) IS NULL;
SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a
WHERE a.attrelid = 'articles_speaker_stance'::regclass AND a.attnum > 0 ORDER BY a.attnum;

-- Side tables equal to what entities() and quotes() give for every row:
-- the differences both ways, which must be empty.
CREATE FUNCTION out_of_step() RETURNS TABLE(side text, diff bigint) LANGUAGE sql AS $$
	SELECT 'entities', count(*) FROM (
		(SELECT a.id, e.mention, e.label, e.canonical, e.pos, e.len
		 FROM articles a, newsnlp.entities(a.body) e
		 EXCEPT ALL SELECT * FROM articles_entities)
		UNION ALL
		(SELECT * FROM articles_entities
		 EXCEPT ALL SELECT a.id, e.mention, e.label, e.canonical, e.pos, e.len
		 FROM articles a, newsnlp.entities(a.body) e)) d
	UNION ALL
	SELECT 'quotes', count(*) FROM (
		(SELECT a.id, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
		 FROM articles a, newsnlp.quotes(a.body) q
		 EXCEPT ALL SELECT * FROM articles_quotes)
		UNION ALL
		(SELECT * FROM articles_quotes
		 EXCEPT ALL SELECT a.id, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
		 FROM articles a, newsnlp.quotes(a.body) q)) d
	UNION ALL
	SELECT 'claims', count(*) FROM (
		(SELECT a.id, c.* FROM articles a, newsnlp.claims(a.body) c
		 EXCEPT ALL SELECT * FROM articles_claims)
		UNION ALL
		(SELECT * FROM articles_claims
		 EXCEPT ALL SELECT a.id, c.* FROM articles a, newsnlp.claims(a.body) c)) d
	UNION ALL
	SELECT 'done', count(*) FROM (
		(SELECT id FROM articles EXCEPT ALL SELECT id FROM articles_nlp_done)
		UNION ALL
		(SELECT id FROM articles_nlp_done EXCEPT ALL SELECT id FROM articles)) d
$$;

-- Rows already there wait for backfill().
SELECT (SELECT count(*) FROM articles_entities) AS entities_before_backfill,
       (SELECT count(*) FROM articles_claims) AS claims_before_backfill;
SET client_min_messages = warning;
CALL newsnlp.backfill('articles', 2);
RESET client_min_messages;
SELECT * FROM out_of_step();
SELECT id, speaker, target, stance FROM articles_claims;
-- A second call finds nothing to do.
SET client_min_messages = warning;
CALL newsnlp.backfill('articles');
RESET client_min_messages;
SELECT * FROM out_of_step();

-- INSERT, of one row or many.
INSERT INTO articles VALUES (4, '2024-03-15 12:00+00', 'Prime Minister Sanae Takaichi flew to Paris.');
INSERT INTO articles
SELECT g, '2024-03-16 10:00+00', format('Day %s: “We remain hopeful,” said Amina Diallo in Geneva.', g)
FROM generate_series(10, 59) g;
SELECT * FROM out_of_step();

-- UPDATE of the text replaces the row's annotations; of anything else keeps them.
UPDATE articles SET body = 'Chancellor Friedrich Merz met NATO allies in Brussels.' WHERE id = 1;
SELECT id, mention, label, canonical, pos, len FROM articles_entities WHERE id = 1 ORDER BY pos;
CREATE TEMP TABLE before AS SELECT ctid AS at FROM articles_entities WHERE id BETWEEN 10 AND 20;
UPDATE articles SET published = published + interval '1 hour' WHERE id BETWEEN 10 AND 20;
SELECT (SELECT array_agg(at ORDER BY at) FROM before) =
       (SELECT array_agg(ctid ORDER BY ctid) FROM articles_entities WHERE id BETWEEN 10 AND 20)
       AS rows_not_rewritten;
UPDATE articles SET body = NULL WHERE id = 2;
UPDATE articles SET body = 'Officials in Tokyo met NATO envoys.' WHERE id = 3;
SELECT * FROM out_of_step();
-- A new key carries the annotations along.
UPDATE articles SET id = 100 WHERE id = 4;
SELECT count(*) AS moved FROM articles_entities WHERE id = 100;
SELECT * FROM out_of_step();

-- DELETE removes them.
DELETE FROM articles WHERE id BETWEEN 30 AND 59;
SELECT * FROM out_of_step();

-- Who said what about whom: a claim per quote and entity it names, with
-- the speaker's stance, replaced when the text changes.
INSERT INTO articles VALUES
 (200, '2024-03-18 08:00+00', E'Foreign Minister Anna Berg met President Viktor Saltan of Korvia in Vienna on Tuesday.\n“Viktor Saltan is a liar and a danger to peace in the region,” Anna Berg told reporters.'),
 (201, '2024-03-18 11:00+00', E'“Anna Berg is a great partner and a wise leader,” said Viktor Saltan after the talks.'),
 (202, '2024-03-18 15:00+00', E'“Viktor Saltan has failed his country and should resign,” said Lena Marsh.'),
 (203, '2024-03-19 09:00+00', E'“The summit with Viktor Saltan was a failure and a waste of time,” Anna Berg said on Friday.'),
 (204, '2024-03-19 12:00+00', E'“We will meet Viktor Saltan in Geneva on Monday,” said Anna Berg.'),
 (205, '2024-03-19 18:00+00', E'“I am proud of Anna Berg, a brave and honest minister,” said Lena Marsh.');
SELECT id, speaker, speaker_label, target, target_label, stance, score > 0 AS positive, quote, pos, len
FROM articles_claims WHERE id >= 200 ORDER BY id, pos, target;
SELECT * FROM out_of_step();
UPDATE articles SET body = E'“Anna Berg is a traitor and a liar,” said Viktor Saltan after the talks.' WHERE id = 201;
SELECT id, speaker, target, stance FROM articles_claims WHERE id = 201;
SELECT * FROM out_of_step();
UPDATE articles SET body = 'Viktor Saltan left Vienna.' WHERE id = 201;
SELECT count(*) AS claims_of_201 FROM articles_claims WHERE id = 201;
SELECT * FROM out_of_step();
UPDATE articles SET body = E'“Anna Berg is a great partner and a wise leader,” said Viktor Saltan after the talks.' WHERE id = 201;

-- The views BI tools read.
SELECT * FROM articles_entity_mentions_daily ORDER BY day, label, canonical;
SELECT * FROM articles_top_speakers ORDER BY quotes DESC, speaker;
SELECT speaker, speaker_label, target, target_label, claims, articles, round(avg_score::numeric, 2) AS avg_score,
       favor, against, none
FROM articles_speaker_stance ORDER BY speaker, target;
-- It counts what the claims table holds.
SELECT (SELECT sum(claims) FROM articles_speaker_stance) = (SELECT count(*) FROM articles_claims) AS all_counted,
       (SELECT bool_and(claims = favor + against + none) FROM articles_speaker_stance) AS stances_add_up;
DELETE FROM articles WHERE id = 203;
SELECT claims, articles, against FROM articles_speaker_stance WHERE speaker = 'Anna Berg' AND target = 'Viktor Saltan';
SELECT * FROM out_of_step();

-- TRUNCATE: the foreign keys make plain TRUNCATE fail; CASCADE empties all.
TRUNCATE articles;
TRUNCATE articles CASCADE;
SELECT (SELECT count(*) FROM articles_entities) AS entities, (SELECT count(*) FROM articles_quotes) AS quotes,
       (SELECT count(*) FROM articles_claims) AS claims, (SELECT count(*) FROM articles_nlp_done) AS done;
-- Rows put back after the TRUNCATE are annotated again, claims included.
INSERT INTO articles VALUES
 (300, '2024-03-20 08:00+00', E'“Viktor Saltan has failed his country and should resign,” said Lena Marsh.'),
 (301, '2024-03-20 09:00+00', 'Viktor Saltan left Vienna.');
SELECT id, speaker, target, stance FROM articles_claims ORDER BY id;
SELECT * FROM out_of_step();

-- Wrong use: errors name the table, the column and the problem.
\set SHOW_CONTEXT never
SELECT newsnlp.track('articles', 'body', 'id');
CREATE TABLE loose (id int, k int UNIQUE, part int, body text, n int, at text);
CREATE UNIQUE INDEX loose_part ON loose (part) WHERE part > 0;
SELECT newsnlp.track('loose', 'body', 'nope');
SELECT newsnlp.track('loose', 'nope', 'k');
SELECT newsnlp.track('loose', 'n', 'k');
SELECT newsnlp.track('loose', 'body', 'id');
SELECT newsnlp.track('loose', 'body', 'part');
SELECT newsnlp.track('loose', 'body', 'k', 'nope');
SELECT newsnlp.track('loose', 'body', 'k', 'at');
CREATE VIEW loose_view AS SELECT * FROM loose;
SELECT newsnlp.track('loose_view', 'body', 'k');
SELECT newsnlp.untrack('loose');
CALL newsnlp.backfill('loose');
CALL newsnlp.backfill('articles', 0);
-- A failed track() leaves nothing behind.
SELECT count(*) AS left_behind FROM pg_class WHERE relname LIKE 'loose\_%' AND relname <> 'loose_part'
  AND relname <> 'loose_k_key' AND relname <> 'loose_view';

-- Without a time column there is no daily view; text keys work too.
CREATE TABLE posts (slug text PRIMARY KEY, body varchar);
SELECT newsnlp.track('posts', 'body', 'slug');
INSERT INTO posts VALUES ('merz-berlin', 'Friedrich Merz spoke in Berlin.');
SELECT slug, canonical FROM posts_entities ORDER BY pos;
SELECT mentions_view FROM newsnlp.tracked WHERE tbl = 'posts'::regclass;

-- pg_dump keeps the catalogue: it is an extension configuration table.
SELECT 'newsnlp.tracked'::regclass = ANY (extconfig) AS dumped FROM pg_extension WHERE extname = 'newsnlp';

-- untrack() drops all of it.
SELECT newsnlp.untrack('articles');
SELECT newsnlp.untrack('posts');
SELECT count(*) AS side_relations FROM pg_class
WHERE relname ~ '^(articles|posts)_(entities|quotes|claims|nlp_done|top_speakers|speaker_stance|entity_mentions_daily)$';
SELECT count(*) AS triggers FROM pg_trigger WHERE tgname LIKE 'newsnlp_track%';
SELECT count(*) AS tracked FROM newsnlp.tracked;
INSERT INTO articles VALUES (1, now(), 'Friedrich Merz spoke.');

DROP VIEW loose_view;
DROP TABLE loose, posts, articles;
DROP FUNCTION out_of_step();

-- DROP TABLE of a tracked table takes its side tables and views along.
CREATE TABLE wires (id int PRIMARY KEY, at date, body text);
SELECT newsnlp.track('wires', 'body', 'id', 'at');
INSERT INTO wires VALUES (1, '2024-05-21', 'Officials in Kyiv and Ankara discussed the grain corridor.');
DROP TABLE wires;
-- A side table or view alone may not go: the triggers need it.
DROP TABLE wires_nlp_done;
DROP VIEW wires_top_speakers;
DROP TABLE wires_claims CASCADE;
DROP VIEW wires_speaker_stance;
DROP TABLE wires CASCADE;
SELECT count(*) AS left_behind FROM pg_class WHERE relname LIKE 'wires%';
SELECT count(*) AS tracked FROM newsnlp.tracked;
