-- Analysis of a random tagged article; a division by zero marks a wrong answer.
\set r random(1, :corpus_rows)
SELECT count(*) FROM tagged t, newsnlp.entities(t.body) e WHERE t.id = :r;
SELECT count(*) FROM tagged t, newsnlp.quotes(t.body) q WHERE t.id = :r;
SELECT count(*) FROM tagged t, newsnlp.dict_entities(t.body) e WHERE t.id = :r;
SELECT count(*) FROM tagged WHERE names && (SELECT names FROM tagged WHERE id = :r);
-- the stored names are what entity_names() gives now
SELECT 1 / (names = newsnlp.entity_names(body))::int FROM tagged WHERE id = :r;
