-- Analysis of a random tagged article; a division by zero marks a wrong answer.
-- Each statement sees one snapshot, so a row and its side rows agree in it
-- whatever the other clients are changing.
\set r random(1, :corpus_rows)
SELECT count(*) FROM tagged t, newsnlp.entities(t.body) e WHERE t.id = :r;
SELECT count(*) FROM tagged t, newsnlp.quotes(t.body) q WHERE t.id = :r;
SELECT count(*) FROM tagged t, newsnlp.dict_entities(t.body) e WHERE t.id = :r;
-- articles quoting someone this one quotes, from the jsonb index
SELECT count(*) FROM tagged
WHERE nlp -> 'quotes' @> (SELECT jsonb_build_array(jsonb_build_object('speaker', q ->> 'speaker'))
						  FROM tagged, jsonb_array_elements(nlp -> 'quotes') q
						  WHERE id = :r AND q ->> 'speaker' IS NOT NULL LIMIT 1);
-- the stored nlp is what annotate() gives now
SELECT 1 / (nlp = newsnlp.annotate(body))::int FROM tagged WHERE id = :r;
-- the side rows are the entities and quotes of the current body
SELECT 1 / (count(*) = 0)::int FROM (
	(SELECT mention, label, canonical, pos, len FROM tagged_entities WHERE id = :r
	 EXCEPT ALL
	 SELECT mention, label, canonical, pos, len FROM tagged t, newsnlp.entities(t.body) WHERE t.id = :r)
	UNION ALL
	(SELECT mention, label, canonical, pos, len FROM tagged t, newsnlp.entities(t.body) WHERE t.id = :r
	 EXCEPT ALL
	 SELECT mention, label, canonical, pos, len FROM tagged_entities WHERE id = :r)) d;
SELECT 1 / (count(*) = 0)::int FROM (
	(SELECT quote, speaker, speaker_label, cue, kind, pos, len FROM tagged_quotes WHERE id = :r
	 EXCEPT ALL
	 SELECT quote, speaker, speaker_label, cue, kind, pos, len FROM tagged t, newsnlp.quotes(t.body) WHERE t.id = :r)
	UNION ALL
	(SELECT quote, speaker, speaker_label, cue, kind, pos, len FROM tagged t, newsnlp.quotes(t.body) WHERE t.id = :r
	 EXCEPT ALL
	 SELECT quote, speaker, speaker_label, cue, kind, pos, len FROM tagged_quotes WHERE id = :r)) d;
