-- A new article: the tag() trigger annotates it into nlp, the tracking
-- trigger into the side tables, as the row is written.
\set r random(1, :corpus_rows)
INSERT INTO tagged (body) SELECT body FROM corpus WHERE id = :r;
