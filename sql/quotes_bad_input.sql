-- Hostile input for quote extraction: no crash, linear time, prompt cancel.
\ir sql/include/timing.sql

-- Odd numbers of quote marks and a quote that never closes do not derail the rest.
SELECT quote, speaker, kind FROM newsnlp.quotes(
E'He said “this never closes.\n“We will be back,” said Tobias Harris.');
SELECT quote, speaker, kind FROM newsnlp.quotes(
'The "unmatched mark and then “We leave now,” Mara Lindqvist said.');

-- Inch and minute marks.
SELECT count(*) FROM newsnlp.quotes('The 5''10" guard ran the mile in 4''02". He said nothing.');

-- A paragraph that is only a dash; quotes nested five deep; mixed languages.
SELECT count(*) >= 0 AS ok FROM newsnlp.quotes(E'—\n“a ‘b “c ‘d “e” d’ c” b’ a,” said Ines Marr.\n東京で「会議は終わった」と述べた。');

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
