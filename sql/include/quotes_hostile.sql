-- Hostile documents for quote extraction: the part of quotes_bad_input shared
-- with its small-input run under valgrind.
\ir timing.sql

-- Odd numbers of quote marks and a quote that never closes do not derail the rest.
SELECT quote, speaker, kind FROM newsnlp.quotes(
E'He said “this never closes.\n“We will be back,” said Tobias Harris.');
SELECT quote, speaker, kind FROM newsnlp.quotes(
'The "unmatched mark and then “We leave now,” Mara Lindqvist said.');

-- Inch and minute marks.
SELECT count(*) FROM newsnlp.quotes('The 5''10" guard ran the mile in 4''02". He said nothing.');

-- A paragraph that is only a dash; quotes nested five deep; mixed languages.
SELECT count(*) >= 0 AS ok FROM newsnlp.quotes(E'—\n“a ‘b “c ‘d “e” d’ c” b’ a,” said Ines Marr.\n東京で「会議は終わった」と述べた。');
