-- newsnlp showcase over the sample articles loaded by scripts/demo.sh into
-- articles(id, published, headline, body).
\set ON_ERROR_STOP 1
\pset pager off
\pset format aligned

\echo
\echo '1. Sentences and paragraphs per article'
SELECT a.id, a.published, a.headline,
       count(*) AS sentences, max(s.paragraph) AS paragraphs
FROM articles a, newsnlp.sentences(a.body) s
GROUP BY a.id
ORDER BY a.id;

\echo '2. The naval exercise article sentence by sentence, with paragraph numbers'
\echo '   (the admiral''s quote runs over three paragraphs; titles and initials stay inside sentences)'
SELECT s.paragraph, s.sentence, s.text
FROM articles a, newsnlp.sentences(a.body) s
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY s.sentence;

\echo '3. Tokens and word shapes of one sentence of the Arctic article'
SELECT t.token, t.pos, t.len, t.text, t.shape
FROM articles a,
     newsnlp.sentences(a.body) s,
     newsnlp.tokens(a.body) t
WHERE a.headline LIKE 'Arctic Shipping Talks%'
  AND s.text LIKE 'Ships carried 28,500 containers%'
  AND t.sentence = s.sentence
ORDER BY t.token;

\echo '4. Who is named in the naval exercise article: mentions as written, with canonical names'
\echo '   (titles dropped, surnames resolved to the first full mention, U.S. -> United States)'
SELECT e.sentence, e.mention, e.label, e.canonical, round(e.score::numeric, 2) AS score
FROM articles a, newsnlp.entities(a.body) e
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY e.pos;

\echo '4b. Who said what in the naval exercise article: the admiral''s three-paragraph quote gives one row'
\echo '    per paragraph; unnamed sources are described (DESC)'
SELECT q.paragraph, q.kind, left(q.quote, 60) AS quote, q.speaker, q.speaker_label, q.cue
FROM articles a, newsnlp.quotes(a.body) q
WHERE a.headline LIKE 'Allies Expand Naval Drills%'
ORDER BY q.pos;

\echo '5. The most-named people, organisations and places across the articles'
SELECT split_part(k, ':', 1) AS label, substr(k, strpos(k, ':') + 1) AS canonical,
       count(*) AS articles
FROM articles a, unnest(newsnlp.entity_names(a.body)) k
GROUP BY k
HAVING count(*) >= 2
ORDER BY articles DESC, k;

\echo '6. Which articles name the United States, and who else they name (an indexable query)'
CREATE INDEX articles_entity_names ON articles USING gin (newsnlp.entity_names(body));
SELECT a.id, a.headline,
       array_to_string(array(SELECT k FROM unnest(newsnlp.entity_names(a.body)) k
                             WHERE k LIKE 'PER:%'), ', ') AS people
FROM articles a
WHERE newsnlp.entity_names(a.body) @> '{LOC:United States}'
ORDER BY a.id;

\echo '7. A user dictionary: map a name to an identifier of your own'
INSERT INTO newsnlp.dictionary (term, label, canonical)
SELECT e.mention, 'PER', 'person:0001'
FROM articles a, newsnlp.entities(a.body) e
WHERE e.label = 'PER' AND e.mention LIKE '% %'
ORDER BY a.id, e.pos
LIMIT 1;
SELECT term, label, canonical FROM newsnlp.dictionary;
SELECT DISTINCT e.mention, e.label, e.canonical
FROM articles a, newsnlp.dict_entities(a.body) e
WHERE e.canonical = 'person:0001';

\echo '8. The positions invariant substr(body, pos, len) = text over every row'
SELECT 'sentences' AS function, count(*) AS rows,
       count(*) FILTER (WHERE substr(a.body, s.pos, s.len) IS DISTINCT FROM s.text) AS mismatches
FROM articles a, newsnlp.sentences(a.body) s
UNION ALL
SELECT 'tokens', count(*),
       count(*) FILTER (WHERE substr(a.body, t.pos, t.len) IS DISTINCT FROM t.text)
FROM articles a, newsnlp.tokens(a.body) t
UNION ALL
SELECT 'entities', count(*),
       count(*) FILTER (WHERE substr(a.body, e.pos, e.len) IS DISTINCT FROM e.mention)
FROM articles a, newsnlp.entities(a.body) e
UNION ALL
SELECT 'quotes', count(*),
       count(*) FILTER (WHERE substr(a.body, q.pos, q.len) IS DISTINCT FROM q.quote)
FROM articles a, newsnlp.quotes(a.body) q;
