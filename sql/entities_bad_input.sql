-- Hostile input for entity extraction: nothing crashes, output stays sane.
\ir sql/include/timing.sql

-- An ALL-CAPS headline followed by normal copy.
SELECT mention, label, canonical FROM newsnlp.entities(
E'JAPAN AND SOUTH KOREA AGREE TO RESUME TALKS\nOfficials in Seoul said the talks would resume in May.');

-- Text without capitals still gives names the model recognises, or none: never garbage spans.
SELECT bool_and(substr(b, pos, len) = mention) IS NOT FALSE AS substr_holds
FROM (SELECT 'officials in berlin and paris met on tuesday, and angela spoke first.' AS b) d,
     newsnlp.entities(b);

-- A list of names.
SELECT count(*) >= 3 AS found_names FROM newsnlp.entities(
E'Speakers:\nMara Lindqvist\nTobias Harris\nJeff Kingston\nAmina Diallo');

-- 50,000 capitalised words in a row.
SELECT count(*) > 0 AS has_rows, bool_and(substr(b, pos, len) = mention) AS substr_holds
FROM (SELECT repeat('Alpha Bravo Charlie Delta ', 12500) AS b) d, newsnlp.entities(b);

-- Chinese and Cyrillic text give no entities rather than guesses.
SELECT count(*) FROM newsnlp.entities('中国外交部发言人表示，双方将继续对话。日本政府は新しい防衛計画を発表した。');
SELECT count(*) FROM newsnlp.entities('Министр иностранных дел России Сергей Лавров прибыл в Анкару.');

-- Mixed scripts: the Latin names are found, the rest is left alone.
SELECT mention, label FROM newsnlp.entities('Сергей Лавров met Hakan Fidan in Ankara.');

-- All punctuation and all quote marks.
SELECT count(*) FROM newsnlp.entities(repeat('“”"''‘’«»„?!.,;:', 20000));

-- Entity extraction grows linearly: four times the text takes well under eight times as long.
CREATE TEMP TABLE sizes AS
SELECT repeat('Gen. Ada Quist told Tobias Harris in Oslo that NATO would respond. ', 5000) AS small,
       repeat('Gen. Ada Quist told Tobias Harris in Oslo that NATO would respond. ', 20000) AS large,
       repeat('Alpha Bravo Charlie Delta ', 3000) AS small_caps,
       repeat('Alpha Bravo Charlie Delta ', 12000) AS large_caps;
SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.entities(large)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.entities(small)') AS entities_linear;
-- The same for a run of capitalised words, which the model may take for one long name.
SELECT pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.entities(large_caps)') <
       8 * pg_temp.seconds('SELECT count(*) FROM sizes, newsnlp.entities(small_caps)') AS capitalised_run_linear;

-- statement_timeout interrupts entity extraction promptly.
CREATE TEMP TABLE big AS SELECT repeat('Officials in Brussels said Tobias Harris would respond. ', 400000) AS body;
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
SET statement_timeout = '300ms';
SELECT pg_temp.cancel_latency('SELECT count(*) FROM big, newsnlp.entities(big.body)') < interval '400ms'
       AS cancelled_promptly;
RESET statement_timeout;
