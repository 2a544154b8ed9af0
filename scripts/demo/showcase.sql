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

\echo '4. Capitalized words inside sentences (not after a quote mark or dash), mentioned twice or more:'
\echo '   a first step toward names'
SELECT text, count(*) AS mentions, count(DISTINCT id) AS articles
FROM (SELECT a.id, t.text, t.shape,
             lag(t.sentence) OVER w = t.sentence AS inside,
             lag(t.text) OVER w AS previous
      FROM articles a, newsnlp.tokens(a.body) t
      WINDOW w AS (PARTITION BY a.id ORDER BY t.token)) w
WHERE shape = 'Xx' AND inside AND previous NOT IN ('“', '‘', '"', '—', '–', ':', '(')
GROUP BY text
HAVING count(*) >= 2
ORDER BY mentions DESC, text;

\echo '5. The positions invariant substr(body, pos, len) = text over every row'
SELECT 'sentences' AS function, count(*) AS rows,
       count(*) FILTER (WHERE substr(a.body, s.pos, s.len) IS DISTINCT FROM s.text) AS mismatches
FROM articles a, newsnlp.sentences(a.body) s
UNION ALL
SELECT 'tokens', count(*),
       count(*) FILTER (WHERE substr(a.body, t.pos, t.len) IS DISTINCT FROM t.text)
FROM articles a, newsnlp.tokens(a.body) t;
