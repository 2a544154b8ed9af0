-- Hostile input for quote extraction: no crash, linear time, prompt cancel.
\ir sql/include/quotes_hostile.sql

-- A 5 MB document of only quote marks.
SELECT count(*) AS rows FROM newsnlp.quotes(repeat('“”"''‘’«»„', 600000));

-- Linear time: four times the text takes well under eight times as long.
CREATE TEMP TABLE sizes AS
SELECT repeat('“We are ready,” said Tobias Harris. Officials said talks would resume. ', 3000) AS small,
       repeat('“We are ready,” said Tobias Harris. Officials said talks would resume. ', 12000) AS large,
       repeat('“', 200000) AS small_marks,
       repeat('“', 800000) AS large_marks;
SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.quotes(large)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.quotes(small)') AS quotes_linear;
SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.quotes(large_marks)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.quotes(small_marks)') AS quote_marks_linear;

-- statement_timeout interrupts quote extraction promptly.
CREATE TEMP TABLE big AS SELECT repeat('“We are ready,” said Tobias Harris. Officials said talks would resume. ', 300000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.quotes(big.body)') < interval '400ms'
       AS cancelled_promptly;
RESET statement_timeout;
