-- A new article: the table computes its entity names as the row is written.
\set r random(1, :corpus_rows)
INSERT INTO tagged (body) SELECT body FROM corpus WHERE id = :r;
