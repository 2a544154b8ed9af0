-- Hostile and degenerate input: no crash, no hang, sensible output.
\ir sql/include/timing.sql

-- All punctuation.
SELECT count(*) > 0 AS has_tokens, bool_and(substr(b, pos, len) = text) AS substr_holds
FROM (SELECT repeat('?!.,;:()[]{}-—–…', 5000) AS b) d, newsnlp.tokens(b);

-- All quote marks.
SELECT count(*) AS tokens FROM newsnlp.tokens(repeat('“”"''‘’«»„', 10000));
SELECT count(*) > 0 AS has_sentences FROM newsnlp.sentences(repeat('“”"''‘’«»„', 10000));

-- One 10-million-character word: a sentence longer than the 256 kB window is
-- cut there, and tokens never cross a sentence, so it is 39 tokens covering it all.
SELECT count(*) AS tokens, max(len) AS longest, sum(len) AS covered FROM newsnlp.tokens(repeat('x', 10000000));
SELECT sum(len) AS covered FROM newsnlp.sentences(repeat('x', 10000000));

-- A million newlines give no sentences and no tokens.
SELECT count(*) FROM newsnlp.sentences(repeat(E'\n', 1000000));
SELECT count(*) FROM newsnlp.tokens(repeat(E'\n', 1000000));

-- Inch and minute marks.
SELECT text FROM newsnlp.tokens('The 5''10" guard ran the mile in 4''02".');

-- Control characters and lone combining marks.
SELECT count(*) > 0 AS ok FROM newsnlp.tokens(E'\u0301\u0301 a\u0007b \u200d\u200d');

-- Segmentation time grows linearly: four times the text takes well under eight times as long.
CREATE TEMP TABLE sizes AS
SELECT repeat('The U.S. envoy said “talks will resume,” officials added. ', 20000) AS small,
       repeat('The U.S. envoy said “talks will resume,” officials added. ', 80000) AS large;

SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.tokens(large)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.tokens(small)') AS tokens_linear;
SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.sentences(large)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.sentences(small)') AS sentences_linear;

-- A 100 MB text works.
SELECT count(*) AS sentences FROM newsnlp.sentences(repeat('The minister said the plan would work. ', 2600000));

-- statement_timeout interrupts a long analysis promptly.

CREATE TEMP TABLE big AS SELECT repeat('Officials in Brussels said the U.S. would respond. ', 1000000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.tokens(big.body)') < interval '400ms'
       AS cancelled_promptly;
RESET statement_timeout;
