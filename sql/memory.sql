-- Memory stays bounded on a 100 MB text: the segmenters stream and rows go to
-- a tuplestore that spills past work_mem, so a backend's peak resident size is
-- what reading the text costs plus a small constant, never a multiple of it.
CREATE TABLE huge (body text);
ALTER TABLE huge ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO huge SELECT repeat('Internationalization ', 5000000);
CREATE TABLE peaks (what text, mb int);

CREATE FUNCTION record_peak(what text) RETURNS void LANGUAGE sql AS $$
INSERT INTO peaks SELECT what,
	(regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]::int / 1024
$$;

-- Each measurement in a fresh backend. The baseline only reads the text.
\c
SELECT length(body) AS characters FROM huge;
SELECT record_peak('baseline');
\c
SELECT count(*) AS tokens FROM huge, newsnlp.tokens(body);
SELECT record_peak('tokens');
\c
SELECT count(*) AS sentences FROM huge, newsnlp.sentences(body);
SELECT record_peak('sentences');

SELECT p.what, p.mb - b.mb < 64 AS within_64mb_of_baseline
FROM peaks p, peaks b
WHERE b.what = 'baseline' AND p.what <> 'baseline'
ORDER BY p.what;

DROP TABLE huge, peaks;
DROP FUNCTION record_peak(text);
