-- sql/quotes_bad_input.sql on small inputs, for make valgrind: the same
-- hostile inputs, the 5 MB document cut to 50 KB, no timing assertions
-- (valgrind runs 30-50 times slower), and cancellation checked for
-- happening at all rather than for its latency.
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

-- A 50 KB document of only quote marks.
SELECT count(*) AS rows FROM newsnlp.quotes(repeat('“”"''‘’«»„', 6000));

-- statement_timeout interrupts quote extraction (22 MB, far more than a
-- second's work under valgrind).
CREATE TEMP TABLE big AS SELECT repeat('“We are ready,” said Tobias Harris. Officials said talks would resume. ', 300000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '1s';
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.quotes(big.body)') IS NOT NULL
       AS cancelled;
RESET statement_timeout;
