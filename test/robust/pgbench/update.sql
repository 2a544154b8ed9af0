-- An article rewritten: its body becomes another corpus article with a quote
-- of its own added, so nlp and the side rows must all change with it. Then a
-- refresh by hand (nlp = NULL), which tag() recomputes and the tracking
-- trigger, seeing the same text, leaves alone.
\set r random(1, :corpus_rows)
\set s random(1, :corpus_rows)
UPDATE tagged t
SET body = c.body || E'\n“We will appeal the ruling,” said Mara Lindqvist, client ' || :client_id || '.'
FROM corpus c WHERE t.id = :r AND c.id = :s;
UPDATE tagged SET nlp = NULL WHERE id = :s;
