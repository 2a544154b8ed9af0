-- newsnlp.annotate(): entities and quotes of a text as one jsonb document,
-- equal to what entities() and quotes() give, usable in a generated column.

CREATE TABLE news (id int PRIMARY KEY, body text);
INSERT INTO news VALUES
 (1, E'“We will not back down,” Chancellor Friedrich Merz said in Berlin on Monday. '
     'Officials in Tokyo said talks would resume, according to the Foreign Ministry.'),
 (2, E'Ministers in Zürich and 東京 followed the talks. “Nothing is agreed,” said Amina Diallo.\n\n'
     'Diallo told reporters that the NATO summit would go ahead.'),
 (3, 'the committee met again on tuesday.'),
 (4, '');

-- The document of one text.
SELECT jsonb_pretty(newsnlp.annotate(body)) FROM news WHERE id = 1;

-- Only the two keys; arrays even when empty; NULL for NULL.
SELECT id, (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(newsnlp.annotate(body)) k) AS keys,
       jsonb_array_length(newsnlp.annotate(body) -> 'entities') AS entities,
       jsonb_array_length(newsnlp.annotate(body) -> 'quotes') AS quotes
FROM news ORDER BY id;
SELECT newsnlp.annotate(NULL) IS NULL AS null_gives_null;

-- The document is well-formed jsonb: reading its text back gives the same value.
SELECT id, newsnlp.annotate(body)::text::jsonb = newsnlp.annotate(body) AS round_trip
FROM news ORDER BY id;

-- The entities are those of entities(), in the same order.
SELECT n.id,
       (SELECT jsonb_agg(jsonb_build_object('mention', mention, 'label', label,
                'canonical', canonical, 'pos', pos, 'len', len) ORDER BY pos)
        FROM newsnlp.entities(n.body))
       IS NOT DISTINCT FROM nullif(newsnlp.annotate(n.body) -> 'entities', '[]') AS same_entities
FROM news n ORDER BY n.id;

-- The quotes are those of quotes(), in the same order.
SELECT n.id,
       (SELECT jsonb_agg(jsonb_build_object('quote', quote, 'speaker', speaker,
                'speaker_label', speaker_label, 'cue', cue, 'kind', kind, 'pos', pos, 'len', len)
                ORDER BY pos, kind)
        FROM newsnlp.quotes(n.body))
       IS NOT DISTINCT FROM nullif(newsnlp.annotate(n.body) -> 'quotes', '[]') AS same_quotes
FROM news n ORDER BY n.id;

-- Positions are characters: substr() gives the text back, past non-ASCII too.
SELECT n.id, bool_and(substr(n.body, (e ->> 'pos')::int, (e ->> 'len')::int) = e ->> 'mention') AS mentions_ok
FROM news n, jsonb_array_elements(newsnlp.annotate(n.body) -> 'entities') e
GROUP BY n.id ORDER BY n.id;
SELECT n.id, bool_and(substr(n.body, (q ->> 'pos')::int, (q ->> 'len')::int) = q ->> 'quote') AS quotes_ok
FROM news n, jsonb_array_elements(newsnlp.annotate(n.body) -> 'quotes') q
GROUP BY n.id ORDER BY n.id;

-- Positions and lengths are JSON numbers, the rest strings.
SELECT kv.key, array_agg(DISTINCT jsonb_typeof(kv.value)) AS types
FROM news n, jsonb_array_elements(newsnlp.annotate(n.body) -> 'entities') e, jsonb_each(e) kv
GROUP BY kv.key ORDER BY kv.key;
SELECT kv.key, array_agg(DISTINCT jsonb_typeof(kv.value)) AS types
FROM news n, jsonb_array_elements(newsnlp.annotate(n.body) -> 'quotes') q, jsonb_each(q) kv
GROUP BY kv.key ORDER BY kv.key;

-- Stored in a generated column, as the planner may only do with an
-- immutable function; the column follows every update of the text.
CREATE TABLE stories (id int PRIMARY KEY, body text,
    nlp jsonb GENERATED ALWAYS AS (newsnlp.annotate(body)) STORED);
INSERT INTO stories (id, body) SELECT id, body FROM news;
INSERT INTO stories (id, body) VALUES (5, NULL);
SELECT id, nlp = newsnlp.annotate(body) AS same, nlp IS NULL AS is_null FROM stories ORDER BY id;
UPDATE stories SET body = 'Prime Minister Sanae Takaichi met officials in Tokyo.' WHERE id = 3;
SELECT e ->> 'canonical' AS canonical, e ->> 'label' AS label
FROM stories, jsonb_array_elements(nlp -> 'entities') e WHERE id = 3;

-- jsonb queries over the column: articles quoting a person.
SELECT id FROM stories
WHERE nlp -> 'quotes' @> '[{"speaker_label": "PER"}]' ORDER BY id;

-- A GIN index on the column serves containment queries, with the rows a
-- sequential scan finds.
INSERT INTO stories (id, body)
SELECT g, format('Day %s: “We remain hopeful,” said Amina Diallo in Geneva.', g) FROM generate_series(100, 399) g;
CREATE INDEX stories_nlp ON stories USING gin (nlp jsonb_path_ops);
ANALYZE stories;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT id FROM stories WHERE nlp @> '{"quotes": [{"speaker": "Amina Diallo"}]}';
CREATE TEMP TABLE by_index AS
SELECT array_agg(id ORDER BY id) AS ids FROM stories WHERE nlp @> '{"quotes": [{"speaker": "Amina Diallo"}]}';
RESET enable_seqscan;
SET enable_bitmapscan = off;
CREATE TEMP TABLE by_scan AS
SELECT array_agg(id ORDER BY id) AS ids FROM stories WHERE nlp @> '{"quotes": [{"speaker": "Amina Diallo"}]}';
RESET enable_bitmapscan;
SELECT cardinality(i.ids) AS rows, i.ids = s.ids AS same_as_seqscan FROM by_index i, by_scan s;

-- A long text in chunks: as many entities as entities() finds.
SELECT jsonb_array_length(newsnlp.annotate(repeat(body || E'\n\n', 3000)) -> 'entities')
       = (SELECT count(*) FROM newsnlp.entities(repeat(body || E'\n\n', 3000))) AS long_text_same_count
FROM news WHERE id = 2;

DROP TABLE stories;
DROP TABLE news;
