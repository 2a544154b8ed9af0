-- newsnlp.tag(): a BEFORE row trigger keeping a jsonb column equal to
-- annotate() of a text column, and its errors on wrong use.

CREATE TABLE articles (id int PRIMARY KEY, body text, nlp jsonb, note text);
CREATE TRIGGER articles_tag BEFORE INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');

-- INSERT fills the column; a NULL text gives NULL; a value given is replaced.
INSERT INTO articles (id, body) VALUES
    (1, 'Chancellor Friedrich Merz spoke in Berlin on Monday.'),
    (2, NULL);
INSERT INTO articles (id, body, nlp) VALUES (3, 'NATO envoys met in Brussels.', '{"forged": true}');
SELECT id, nlp IS NOT DISTINCT FROM newsnlp.annotate(body) AS current, nlp IS NULL AS is_null
FROM articles ORDER BY id;

-- An UPDATE of other columns keeps the stored document as it is: plant a
-- marker in it without the trigger, then update another column.
ALTER TABLE articles DISABLE TRIGGER articles_tag;
UPDATE articles SET nlp = nlp || '{"kept": true}' WHERE id = 1;
ALTER TABLE articles ENABLE TRIGGER articles_tag;
UPDATE articles SET note = 'checked' WHERE id = 1;
SELECT nlp ? 'kept' AS untouched FROM articles WHERE id = 1;
-- So does setting the text to the same value.
UPDATE articles SET body = body WHERE id = 1;
SELECT nlp ? 'kept' AS untouched FROM articles WHERE id = 1;

-- Changing the text recomputes the column; so does setting the column by
-- hand (it always describes the text): SET nlp = NULL refreshes a row.
UPDATE articles SET body = 'Prime Minister Sanae Takaichi visited Tokyo.' WHERE id = 1;
SELECT e ->> 'canonical' AS canonical FROM articles, jsonb_array_elements(nlp -> 'entities') e
WHERE id = 1;
UPDATE articles SET nlp = NULL WHERE id = 1;
SELECT nlp = newsnlp.annotate(body) AS recomputed FROM articles WHERE id = 1;
UPDATE articles SET nlp = '{}' WHERE id = 3;
SELECT nlp = newsnlp.annotate(body) AS recomputed FROM articles WHERE id = 3;
UPDATE articles SET body = NULL WHERE id = 3;
SELECT nlp IS NULL AS null_text_null_nlp FROM articles WHERE id = 3;

-- A varchar column works too.
CREATE TABLE notes (body varchar(200), nlp jsonb);
CREATE TRIGGER notes_tag BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO notes (body) VALUES ('Officials in Paris met the Foreign Ministry.');
SELECT jsonb_array_length(nlp -> 'entities') AS entities FROM notes;

-- Wrong use: each error names the trigger, the column and the problem.
\set VERBOSITY default
CREATE TABLE bad (id int, body text, nlp jsonb, doc json, n int, g jsonb GENERATED ALWAYS AS ('{}') STORED);
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('text', 'nlp');
\set VERBOSITY sqlstate
INSERT INTO bad (id) VALUES (1);
\set VERBOSITY default
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'missing');
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('n', 'nlp');
\set VERBOSITY sqlstate
INSERT INTO bad (id) VALUES (1);
\set VERBOSITY default
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'doc');
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'g');
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body');
\set VERBOSITY sqlstate
INSERT INTO bad (id) VALUES (1);
\set VERBOSITY default
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t AFTER INSERT ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE INSERT ON bad FOR EACH STATEMENT EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO bad (id) VALUES (1);
DROP TRIGGER t ON bad;
CREATE TRIGGER t BEFORE DELETE ON bad FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
INSERT INTO bad (id) VALUES (1);
DELETE FROM bad;
DROP TRIGGER t ON bad;
-- Called as a plain function.
SELECT newsnlp.tag();

DROP TABLE bad;
DROP TABLE notes;
DROP TABLE articles;
