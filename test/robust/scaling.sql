-- Timing of every analysis function on hostile inputs at two sizes (see
-- scaling.sh, which sets :mb, :bytes, :limit and :functions). Prints TAP lines.
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;

-- Seconds the server spends executing a query (EXPLAIN ANALYZE), best of 3.
CREATE FUNCTION pg_temp.best_seconds(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	best float8;
	plan json;
BEGIN
	FOR i IN 1..3 LOOP
		EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || q INTO plan;
		best := least(best, (plan -> 0 ->> 'Execution Time')::float8 / 1000);
	END LOOP;
	RETURN best;
END $$;

-- One code point of every Unicode general category that UTF-8 can hold
-- (surrogates, Cs, cannot), each followed by a space: Lu Ll Lt Lm Lo Mn Mc
-- Me Nd Nl No Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Zs Zl Zp Cc Cf Co Cn.
CREATE TEMP TABLE categories AS
SELECT string_agg(chr(cp) || ' ', '' ORDER BY n) AS unit
FROM unnest(ARRAY[x'41', x'61', x'1C5', x'2B0', x'5D0', x'301', x'903', x'20DD',
	x'30', x'2160', x'B2', x'5F', x'2D', x'28', x'29', x'AB', x'BB', x'21', x'2B',
	x'24', x'5E', x'A9', x'20', x'2028', x'2029', x'7', x'200B', x'E000', x'378']::int[])
	WITH ORDINALITY AS c(cp, n);

-- Each hostile input is a unit repeated to the size wanted.
CREATE TEMP TABLE units (kind text, unit text);
INSERT INTO units VALUES
	('quote marks', '“”"''‘’«»„‹›「」'),
	('capitals', 'THE UNITED NATIONS SECURITY COUNCIL MET IN GENEVA ON MONDAY, OFFICIALS SAID. '),
	('one token', 'x'),
	('newlines', E'\n'),
	('nested quotes', '“He said ‘she said «they said „we said ‹'),
	('categories', (SELECT unit FROM categories)),
	('alternating scripts', 'Oslo Москва القاهرة 北京市 กรุงเทพ Zürich '),
	('names', 'Mara Lindqvist met Ivo Petrov, Gen. J.D. Okafor and NATO in Oslo; ');

CREATE TEMP TABLE inputs (kind text, factor int, body text);
ALTER TABLE inputs ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO inputs
SELECT kind, f, repeat(unit, f * :bytes / octet_length(unit) + 1)
FROM units, (VALUES (1), (4)) v(f);

-- The dictionary variants match against a few rows.
INSERT INTO newsnlp.dictionary (term, label, canonical, note) VALUES
	('Mara Lindqvist', 'PER', 'Q200', 'newsnlp_scaling'),
	('NATO', 'ORG', 'Q7184', 'newsnlp_scaling'),
	('北京市', 'LOC', 'Q956', 'newsnlp_scaling');

-- Seconds of function fn on input kind at both sizes; a pair over the limit
-- is measured again, up to 3 times, since a loaded machine can slow one run.
CREATE FUNCTION pg_temp.measure(fn text, kind text, ratio_limit float8, OUT small float8, OUT large float8,
	OUT attempts int) LANGUAGE plpgsql AS $$
BEGIN
	FOR a IN 1..3 LOOP
		attempts := a;
		small := pg_temp.best_seconds(format(
			'SELECT count(x) FROM (SELECT newsnlp.%I(body) AS x FROM inputs WHERE kind = %L AND factor = 1) s',
			fn, kind));
		large := pg_temp.best_seconds(format(
			'SELECT count(x) FROM (SELECT newsnlp.%I(body) AS x FROM inputs WHERE kind = %L AND factor = 4) s',
			fn, kind));
		EXIT WHEN large <= ratio_limit * greatest(small, 0.02);
	END LOOP;
END $$;

CREATE TEMP TABLE timings AS
SELECT fn, fn_order, kind, m.*
FROM unnest(string_to_array(:'functions', ' ')) WITH ORDINALITY AS f(fn, fn_order), units,
	LATERAL pg_temp.measure(fn, kind, :limit) m;

DELETE FROM newsnlp.dictionary WHERE note = 'newsnlp_scaling';

SELECT format('%s %s - %s() on %s: %s MB %s s, %s MB %s s, ratio %s (limit %s%s)',
	CASE WHEN large <= :limit * greatest(small, 0.02) THEN 'ok' ELSE 'not ok' END,
	row_number() OVER (ORDER BY fn_order, kind), fn, kind,
	:mb, round(small::numeric, 3), 4 * :mb, round(large::numeric, 3),
	round((large / greatest(small, 0.02))::numeric, 1), :limit,
	CASE WHEN attempts > 1 THEN format(', attempt %s', attempts) ELSE '' END)
FROM timings
ORDER BY fn_order, kind;
SELECT format('1..%s', count(*)) FROM timings;
