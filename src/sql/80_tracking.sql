-- Side tables for BI tools: track() annotates the rows of a table into
-- <table>_entities, <table>_quotes and <table>_claims, keeps them in step
-- with the table, and adds views to chart; backfill() annotates the rows
-- already there.
--
-- Every PL/pgSQL function here runs with search_path = pg_catalog, pg_temp
-- and names the extension's objects with their schema, so objects of the
-- caller's schemas (a function or operator named like a built-in) are never
-- called. backfill() is a procedure that commits, which a SET clause would
-- forbid: its body uses no operator, cast or unqualified function.

-- The catalogue of tracked tables; its rows go into pg_dump's output.
CREATE TABLE @extschema@.tracked (
	tbl regclass PRIMARY KEY,
	text_column name NOT NULL,
	key_column name NOT NULL,
	time_column name,
	entities_table regclass NOT NULL,
	quotes_table regclass NOT NULL,
	done_table regclass NOT NULL,
	mentions_view regclass,
	speakers_view regclass NOT NULL,
	claims_table regclass NOT NULL,
	stance_view regclass NOT NULL
);

COMMENT ON TABLE @extschema@.tracked IS
'Tables whose rows newsnlp.track() annotates into side tables, with the names of those tables and views; change it through track() and untrack() only';
COMMENT ON COLUMN @extschema@.tracked.tbl IS 'The tracked table';
COMMENT ON COLUMN @extschema@.tracked.text_column IS 'Its column of text to analyse';
COMMENT ON COLUMN @extschema@.tracked.key_column IS 'Its uniquely indexed column the side tables refer to';
COMMENT ON COLUMN @extschema@.tracked.time_column IS 'Its date or timestamp column for the daily view, or NULL';
COMMENT ON COLUMN @extschema@.tracked.entities_table IS '<table>_entities: one row per entity mention';
COMMENT ON COLUMN @extschema@.tracked.quotes_table IS '<table>_quotes: one row per quote';
COMMENT ON COLUMN @extschema@.tracked.done_table IS '<table>_nlp_done: the keys whose rows are annotated';
COMMENT ON COLUMN @extschema@.tracked.mentions_view IS '<table>_entity_mentions_daily, or NULL without a time column';
COMMENT ON COLUMN @extschema@.tracked.speakers_view IS '<table>_top_speakers';
COMMENT ON COLUMN @extschema@.tracked.claims_table IS '<table>_claims: one row per claim, a speaker''s stance towards an entity a quote names';
COMMENT ON COLUMN @extschema@.tracked.stance_view IS '<table>_speaker_stance';

-- Every role reads it (the triggers do, as the role changing the table);
-- rows are added and removed only for tables the role owns (or is member of
-- the owner of), so nobody can redirect the triggers of another's table.
GRANT SELECT, INSERT, DELETE ON @extschema@.tracked TO PUBLIC;
ALTER TABLE @extschema@.tracked ENABLE ROW LEVEL SECURITY;
CREATE POLICY tracked_by_owner ON @extschema@.tracked
	USING (true)
	WITH CHECK (pg_catalog.pg_has_role(
		(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) tbl),
		'USAGE'));
-- A row of a table that was dropped may go too.
CREATE POLICY tracked_delete_by_owner ON @extschema@.tracked AS RESTRICTIVE FOR DELETE
	USING (coalesce(pg_catalog.pg_has_role(
		(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) tbl),
		'USAGE'), true));

SELECT pg_catalog.pg_extension_config_dump('@extschema@.tracked', '');

-- Progress of a running backfill, carried from batch to batch.
CREATE TYPE @extschema@.backfill_progress AS (
	tbl regclass,
	batch_size int,
	total bigint,				-- rows of the table when the backfill started
	done bigint,				-- rows annotated, before and during this call
	processed bigint,			-- rows this call annotated
	last_key text,				-- the last key annotated, in the key's type as text
	started timestamptz,
	last_notice timestamptz,
	finished boolean
);

COMMENT ON TYPE @extschema@.backfill_progress IS
'State of a newsnlp.backfill() call between its batches (internal)';

-- A relation name next to tbl: same schema, tbl's name plus suffix.
CREATE FUNCTION @extschema@.tracked_name(tbl regclass, suffix text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	nsp name;
	rel name;
BEGIN
	SELECT n.nspname, c.relname INTO nsp, rel
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.oid = tbl;
	IF octet_length(rel || suffix) > 63 THEN
		RAISE EXCEPTION 'name "%" is too long for a side table of "%"', rel || suffix, tbl
			USING ERRCODE = 'name_too_long',
				  HINT = 'Rename the table to at most ' || (63 - octet_length(suffix)) || ' bytes.';
	END IF;
	RETURN format('%I.%I', nsp, rel || suffix);
END $$;

COMMENT ON FUNCTION @extschema@.tracked_name(regclass, text) IS
'Schema-qualified, quoted name of the relation "<table><suffix>" in the schema of a table (internal to track())';

-- The attribute number of a column of tbl, or an error naming it.
CREATE FUNCTION @extschema@.tracked_column(tbl regclass, col name, what text)
RETURNS smallint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	num smallint;
BEGIN
	SELECT a.attnum INTO num FROM pg_attribute a
	WHERE a.attrelid = tbl AND a.attname = col AND a.attnum > 0 AND NOT a.attisdropped;
	IF num IS NULL THEN
		RAISE EXCEPTION '% column "%" of relation "%" does not exist', what, col, tbl
			USING ERRCODE = 'undefined_column';
	END IF;
	RETURN num;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_column(regclass, name, text) IS
'Attribute number of a column of a table to track, or an undefined_column error naming it and its role (internal to track())';

-- Check what track() is given: a plain table, a text column, a key with a
-- unique index of its own (foreign keys need one), a date or time column.
CREATE FUNCTION @extschema@.tracked_check(tbl regclass, text_column name, key_column name,
	time_column name)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	key_num smallint := @extschema@.tracked_column(tbl, key_column, 'key');
	text_type regtype;
BEGIN
	IF (SELECT relkind FROM pg_class WHERE oid = tbl) NOT IN ('r', 'p') THEN
		RAISE EXCEPTION '"%" is not a table', tbl USING ERRCODE = 'wrong_object_type';
	END IF;
	IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = tbl), 'USAGE') THEN
		RAISE EXCEPTION 'must be owner of table "%" to track it', tbl
			USING ERRCODE = 'insufficient_privilege';
	END IF;
	IF EXISTS (SELECT FROM @extschema@.tracked t WHERE t.tbl = tracked_check.tbl) THEN
		RAISE EXCEPTION 'table "%" is already tracked', tbl
			USING ERRCODE = 'duplicate_object', HINT = 'Call newsnlp.untrack() first.';
	END IF;
	SELECT a.atttypid INTO text_type FROM pg_attribute a
	WHERE a.attrelid = tbl AND a.attnum = @extschema@.tracked_column(tbl, text_column, 'text');
	IF text_type NOT IN ('text'::regtype, 'varchar'::regtype) THEN
		RAISE EXCEPTION 'text column "%" of relation "%" is of type %, not text', text_column, tbl, text_type
			USING ERRCODE = 'datatype_mismatch';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_index i
				   WHERE i.indrelid = tbl AND i.indisunique AND i.indimmediate
					 AND i.indnkeyatts = 1 AND i.indkey[0] = key_num
					 AND i.indpred IS NULL AND i.indexprs IS NULL) THEN
		RAISE EXCEPTION 'key column "%" of relation "%" is not unique', key_column, tbl
			USING ERRCODE = 'invalid_foreign_key',
				  HINT = 'Track by a column with a primary key or a unique index of its own.';
	END IF;
	IF time_column IS NOT NULL AND
	   (SELECT a.atttypid FROM pg_attribute a
		WHERE a.attrelid = tbl AND a.attnum = @extschema@.tracked_column(tbl, time_column, 'time'))
	   NOT IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype) THEN
		RAISE EXCEPTION 'time column "%" of relation "%" is not of type date, timestamp or timestamptz',
			time_column, tbl USING ERRCODE = 'datatype_mismatch';
	END IF;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_check(regclass, name, name, name) IS
'Errors unless a table can be tracked with these columns (internal to track())';

-- The statement annotating the rows (key, text) the query source yields
-- (it may use $1) into the side tables, replacing what they held for those
-- keys: the deletions see the rows as they were before the statement, not
-- the new ones. It yields how many rows it annotated. The callers run it
-- themselves: a trigger's transition tables are visible to its own
-- statements only. The source is read once; claims() analyses the text
-- again (annotate() has no stance), so it runs only on texts with a quote
-- that has a speaker, the only ones it finds claims in (README, Backfill).
CREATE FUNCTION @extschema@.tracked_annotate_sql(t @extschema@.tracked, source text)
RETURNS text
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
RETURN format($sql$
	WITH a AS MATERIALIZED (
		SELECT s.k, s.b, @extschema@.annotate(s.b) AS j FROM (%1$s) AS s(k, b)),
	old_entities AS (DELETE FROM %2$s x USING a WHERE x.%4$I = a.k),
	old_quotes AS (DELETE FROM %3$s x USING a WHERE x.%4$I = a.k),
	old_claims AS (DELETE FROM %6$s x USING a WHERE x.%4$I = a.k),
	new_entities AS (
		INSERT INTO %2$s (%4$I, mention, label, canonical, pos, len)
		SELECT a.k, e.mention, e.label, e.canonical, e.pos, e.len
		FROM a, jsonb_to_recordset(a.j -> 'entities')
			AS e(mention text, label text, canonical text, pos int, len int)),
	new_quotes AS (
		INSERT INTO %3$s (%4$I, quote, speaker, speaker_label, cue, kind, pos, len)
		SELECT a.k, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
		FROM a, jsonb_to_recordset(a.j -> 'quotes')
			AS q(quote text, speaker text, speaker_label text, cue text, kind text,
				 pos int, len int)),
	new_claims AS (
		INSERT INTO %6$s (%4$I, speaker, speaker_label, target, target_label, stance, score,
						  quote, pos, len)
		SELECT a.k, c.speaker, c.speaker_label, c.target, c.target_label, c.stance, c.score,
			   c.quote, c.pos, c.len
		FROM a, @extschema@.claims(a.b) c
		WHERE jsonb_path_exists(a.j, '$.quotes[*].speaker ? (@ != null)')),
	marked AS (
		INSERT INTO %5$s (%4$I) SELECT a.k FROM a ON CONFLICT (%4$I) DO NOTHING)
	SELECT count(*) FROM a
	$sql$, source, t.entities_table, t.quotes_table, t.key_column, t.done_table,
	t.claims_table);

COMMENT ON FUNCTION @extschema@.tracked_annotate_sql(@extschema@.tracked, text) IS
'The statement that annotates the (key, text) rows of a query into a tracked table''s side tables (entities, quotes, claims), replacing their previous rows (internal to the triggers and backfill())';

-- AFTER INSERT ... FOR EACH STATEMENT: annotate the inserted rows.
CREATE FUNCTION @extschema@.tracked_inserted()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
BEGIN
	SELECT * INTO STRICT t FROM @extschema@.tracked WHERE tbl = TG_RELID;
	EXECUTE @extschema@.tracked_annotate_sql(t,
		format('SELECT %I, %I::text FROM newsnlp_new', t.key_column, t.text_column));
	RETURN NULL;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_inserted() IS
'Statement trigger of a tracked table: annotates the inserted rows into its side tables';

-- AFTER UPDATE ... FOR EACH STATEMENT: annotate again the rows whose text
-- changed (and those whose key changed, which is rare and harmless).
CREATE FUNCTION @extschema@.tracked_updated()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
BEGIN
	SELECT * INTO STRICT t FROM @extschema@.tracked WHERE tbl = TG_RELID;
	EXECUTE @extschema@.tracked_annotate_sql(t,
		format('SELECT n.%1$I, n.%2$I::text FROM newsnlp_new n
				WHERE NOT EXISTS (SELECT FROM newsnlp_old o
								  WHERE o.%1$I = n.%1$I AND o.%2$I IS NOT DISTINCT FROM n.%2$I)',
			   t.key_column, t.text_column));
	RETURN NULL;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_updated() IS
'Statement trigger of a tracked table: annotates again the updated rows whose text changed';

-- COMMENT ON a relation track() made and on its columns, given as
-- {column, comment} pairs: BI tools show them (Metabase syncs them as
-- descriptions).
CREATE FUNCTION @extschema@.tracked_comment(rel regclass, what text, columns text[])
RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	EXECUTE format('COMMENT ON %s %s IS %L',
		CASE (SELECT relkind FROM pg_class WHERE oid = rel) WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
		rel, what);
	FOR i IN 1 .. array_length(columns, 1) LOOP
		EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', rel, columns[i][1], columns[i][2]);
	END LOOP;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_comment(regclass, text, text[]) IS
'Comments a side table or view and its columns, given as {column, comment} pairs (internal to track())';

-- Make the claims side table of t and its view <table>_speaker_stance.
CREATE FUNCTION @extschema@.tracked_make_claims(t @extschema@.tracked, key_type text)
RETURNS @extschema@.tracked
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	key_comment text := format('Key of the row of %s', t.tbl);
BEGIN
	EXECUTE format('CREATE TABLE %s (%I %s NOT NULL REFERENCES %s (%I) ON DELETE CASCADE ON UPDATE CASCADE,
		speaker text NOT NULL, speaker_label text, target text NOT NULL, target_label text NOT NULL,
		stance text NOT NULL, score real NOT NULL, quote text NOT NULL,
		pos int NOT NULL, len int NOT NULL)',
		@extschema@.tracked_name(t.tbl, '_claims'), t.key_column, key_type, t.tbl, t.key_column);
	t.claims_table := @extschema@.tracked_name(t.tbl, '_claims')::regclass;
	EXECUTE format('CREATE INDEX ON %s (%I)', t.claims_table, t.key_column);
	EXECUTE format('CREATE INDEX ON %s (speaker, target)', t.claims_table);
	PERFORM @extschema@.tracked_comment(t.claims_table,
		format('Who takes which side in the rows of %s: newsnlp.claims() of each row, one row per quote and entity it names, kept in step by newsnlp.track()', t.tbl),
		ARRAY[[t.key_column, key_comment],
			  ['speaker', 'Who said the quote: canonical name, or the describing phrase of an unnamed source'],
			  ['speaker_label', 'PER, ORG, ... for a named speaker, DESC for a described source'],
			  ['target', 'Canonical name of the entity the quote names (by name or pronoun)'],
			  ['target_label', 'PER, ORG, LOC or MISC'],
			  ['stance', 'The speaker''s stance towards the target read from the quote: favor, against or none'],
			  ['score', 'P(favor) - P(against), in [-1, 1]'],
			  ['quote', 'The quoted words'],
			  ['pos', '1-based character position of the quote in the text'],
			  ['len', 'Length of the quote in characters']]);

	EXECUTE format('CREATE VIEW %s AS
		SELECT speaker, speaker_label, target, target_label,
			count(*) AS claims, count(DISTINCT %I) AS articles, avg(score) AS avg_score,
			count(*) FILTER (WHERE stance = ''favor'') AS favor,
			count(*) FILTER (WHERE stance = ''against'') AS against,
			count(*) FILTER (WHERE stance = ''none'') AS none
		FROM %s GROUP BY speaker, speaker_label, target, target_label',
		@extschema@.tracked_name(t.tbl, '_speaker_stance'), t.key_column, t.claims_table);
	t.stance_view := @extschema@.tracked_name(t.tbl, '_speaker_stance')::regclass;
	PERFORM @extschema@.tracked_comment(t.stance_view,
		format('Speaker-to-target stance in the rows of %s: the claims of each speaker about each target, counted by stance', t.tbl),
		ARRAY[['speaker', 'Who speaks'], ['speaker_label', 'PER, ORG, ... or DESC'],
			  ['target', 'Whom or what the speaker talks about'], ['target_label', 'PER, ORG, LOC or MISC'],
			  ['claims', 'Quotes of the speaker naming the target'],
			  ['articles', 'Rows holding such quotes'],
			  ['avg_score', 'Mean stance score in [-1, 1]: above 0 for, below 0 against'],
			  ['favor', 'Claims in favour of the target'], ['against', 'Claims against the target'],
			  ['none', 'Claims with no clear stance']]);
	RETURN t;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_make_claims(@extschema@.tracked, text) IS
'Creates <table>_claims and the view <table>_speaker_stance of a table being tracked and returns its catalogue row naming them (internal to track())';

-- Make the side tables, triggers and views of one table.
CREATE FUNCTION @extschema@.track(tbl regclass, text_column name, key_column name,
	time_column name DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
	key_type text;
	key_comment text := format('Key of the row of %s', tbl);
BEGIN
	PERFORM @extschema@.tracked_check(tbl, text_column, key_column, time_column);
	SELECT format_type(a.atttypid, a.atttypmod) INTO key_type FROM pg_attribute a
	WHERE a.attrelid = tbl AND a.attname = key_column;
	t.tbl := tbl;
	t.text_column := text_column;
	t.key_column := key_column;
	t.time_column := time_column;

	EXECUTE format('CREATE TABLE %s (%I %s NOT NULL REFERENCES %s (%I) ON DELETE CASCADE ON UPDATE CASCADE,
		mention text NOT NULL, label text NOT NULL, canonical text NOT NULL,
		pos int NOT NULL, len int NOT NULL)',
		@extschema@.tracked_name(tbl, '_entities'), key_column, key_type, tbl, key_column);
	t.entities_table := @extschema@.tracked_name(tbl, '_entities')::regclass;
	EXECUTE format('CREATE INDEX ON %s (%I)', t.entities_table, key_column);
	EXECUTE format('CREATE INDEX ON %s (canonical, label)', t.entities_table);
	PERFORM @extschema@.tracked_comment(t.entities_table,
		format('Entity mentions in the rows of %s, one row per mention, kept in step by newsnlp.track()', tbl),
		ARRAY[[key_column, key_comment], ['mention', 'The name as written'],
			  ['label', 'PER, ORG, LOC or MISC'], ['canonical', 'The name resolved within the text'],
			  ['pos', '1-based character position of the mention in the text'],
			  ['len', 'Length of the mention in characters']]);

	EXECUTE format('CREATE TABLE %s (%I %s NOT NULL REFERENCES %s (%I) ON DELETE CASCADE ON UPDATE CASCADE,
		quote text NOT NULL, speaker text, speaker_label text, cue text, kind text NOT NULL,
		pos int NOT NULL, len int NOT NULL)',
		@extschema@.tracked_name(tbl, '_quotes'), key_column, key_type, tbl, key_column);
	t.quotes_table := @extschema@.tracked_name(tbl, '_quotes')::regclass;
	EXECUTE format('CREATE INDEX ON %s (%I)', t.quotes_table, key_column);
	EXECUTE format('CREATE INDEX ON %s (speaker, speaker_label)', t.quotes_table);
	PERFORM @extschema@.tracked_comment(t.quotes_table,
		format('Quotes in the rows of %s, one row per quote, kept in step by newsnlp.track()', tbl),
		ARRAY[[key_column, key_comment], ['quote', 'The quoted words'],
			  ['speaker', 'Who said it: canonical name, or the describing phrase of an unnamed source; NULL when unknown'],
			  ['speaker_label', 'PER, ORG, ... for a named speaker, DESC for a described source'],
			  ['cue', 'The reporting verb''s lemma, according to, : or —'],
			  ['kind', 'direct, partial or indirect'],
			  ['pos', '1-based character position of the quote in the text'],
			  ['len', 'Length of the quote in characters']]);

	EXECUTE format('CREATE TABLE %s (%I %s PRIMARY KEY REFERENCES %s (%I) ON DELETE CASCADE ON UPDATE CASCADE)',
		@extschema@.tracked_name(tbl, '_nlp_done'), key_column, key_type, tbl, key_column);
	t.done_table := @extschema@.tracked_name(tbl, '_nlp_done')::regclass;
	PERFORM @extschema@.tracked_comment(t.done_table,
		format('Keys of the rows of %s annotated into the side tables (for newsnlp.backfill())', tbl),
		ARRAY[[key_column, key_comment]]);

	EXECUTE format('CREATE VIEW %s AS
		SELECT speaker, speaker_label, count(*) AS quotes, count(DISTINCT %I) AS articles
		FROM %s WHERE speaker IS NOT NULL GROUP BY speaker, speaker_label',
		@extschema@.tracked_name(tbl, '_top_speakers'), key_column, t.quotes_table);
	t.speakers_view := @extschema@.tracked_name(tbl, '_top_speakers')::regclass;
	PERFORM @extschema@.tracked_comment(t.speakers_view,
		format('Who is quoted in the rows of %s, and how often', tbl),
		ARRAY[['speaker', 'Who speaks'], ['speaker_label', 'PER, ORG, ... or DESC'],
			  ['quotes', 'Quotes of the speaker'], ['articles', 'Rows quoting the speaker']]);
	IF time_column IS NOT NULL THEN
		EXECUTE format('CREATE VIEW %s AS
			SELECT d.%I::date AS day, e.label, e.canonical,
				count(*) AS mentions, count(DISTINCT e.%I) AS articles
			FROM %s e JOIN %s d ON d.%I = e.%I
			GROUP BY 1, 2, 3',
			@extschema@.tracked_name(tbl, '_entity_mentions_daily'), time_column, key_column,
			t.entities_table, tbl, key_column, key_column);
		t.mentions_view := @extschema@.tracked_name(tbl, '_entity_mentions_daily')::regclass;
		PERFORM @extschema@.tracked_comment(t.mentions_view,
			format('Entity mentions in the rows of %s per day of %I', tbl, time_column),
			ARRAY[['day', format('The date of %I', time_column)], ['label', 'PER, ORG, LOC or MISC'],
				  ['canonical', 'The entity''s resolved name'], ['mentions', 'Mentions that day'],
				  ['articles', 'Rows mentioning it that day']]);
	END IF;
	t := @extschema@.tracked_make_claims(t, key_type);

	EXECUTE format('CREATE TRIGGER newsnlp_track_insert AFTER INSERT ON %s
		REFERENCING NEW TABLE AS newsnlp_new
		FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.tracked_inserted()', tbl);
	EXECUTE format('CREATE TRIGGER newsnlp_track_update AFTER UPDATE ON %s
		REFERENCING OLD TABLE AS newsnlp_old NEW TABLE AS newsnlp_new
		FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.tracked_updated()', tbl);
	INSERT INTO @extschema@.tracked SELECT t.*;
END $$;

COMMENT ON FUNCTION @extschema@.track(regclass, name, name, name) IS
'Creates <table>_entities, <table>_quotes and <table>_claims (one row per mention, per quote and per quote and entity it names with the speaker''s stance, with foreign keys ON DELETE CASCADE), <table>_nlp_done, the views <table>_top_speakers, <table>_speaker_stance and, given a time column, <table>_entity_mentions_daily, and triggers keeping them in step with the table; run newsnlp.backfill() for the rows already there';

-- Remove what track() made.
CREATE FUNCTION @extschema@.untrack(tbl regclass)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
BEGIN
	SELECT * INTO t FROM @extschema@.tracked WHERE tracked.tbl = untrack.tbl;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table "%" is not tracked', tbl USING ERRCODE = 'undefined_object';
	END IF;
	-- forgotten first, so the event trigger lets the side tables go
	DELETE FROM @extschema@.tracked WHERE tracked.tbl = untrack.tbl;
	EXECUTE format('DROP TRIGGER newsnlp_track_insert ON %s', tbl);
	EXECUTE format('DROP TRIGGER newsnlp_track_update ON %s', tbl);
	IF t.mentions_view IS NOT NULL THEN
		EXECUTE format('DROP VIEW %s', t.mentions_view);
	END IF;
	EXECUTE format('DROP VIEW %s, %s', t.speakers_view, t.stance_view);
	EXECUTE format('DROP TABLE %s, %s, %s, %s', t.entities_table, t.quotes_table, t.claims_table,
		t.done_table);
END $$;

COMMENT ON FUNCTION @extschema@.untrack(regclass) IS
'Drops the side tables, views and triggers newsnlp.track() made for a table and forgets it';

-- When a tracked table is dropped, drop its side tables and views (DROP
-- TABLE ... CASCADE removes only their foreign keys) and forget it. Dropping
-- a side table or view alone is refused: the triggers need them.
CREATE FUNCTION @extschema@.tracked_dropped()
RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
	side text;
	owner regclass;
	views text;
	tables text;
BEGIN
	SELECT d.object_identity, k.tbl INTO side, owner
	FROM @extschema@.tracked k JOIN pg_event_trigger_dropped_objects() d
		ON d.objid IN (k.entities_table::oid, k.quotes_table::oid, k.done_table::oid,
					   k.claims_table::oid, k.mentions_view::oid, k.speakers_view::oid,
					   k.stance_view::oid)
	WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0
	  AND NOT EXISTS (SELECT FROM pg_event_trigger_dropped_objects() x
					  WHERE x.classid = 'pg_class'::regclass AND x.objid = k.tbl::oid)
	LIMIT 1;
	IF side IS NOT NULL THEN
		RAISE EXCEPTION 'cannot drop % because newsnlp tracks table % with it', side, owner
			USING ERRCODE = 'dependent_objects_still_exist',
				  HINT = 'Call newsnlp.untrack() to remove the side tables and views.';
	END IF;
	FOR t IN
		SELECT k.* FROM @extschema@.tracked k
		JOIN pg_event_trigger_dropped_objects() d ON d.objid = k.tbl::oid
		WHERE d.classid = 'pg_class'::regclass AND d.objsubid = 0
	LOOP
		-- forgotten first, so dropping the side tables below is not refused
		DELETE FROM @extschema@.tracked WHERE tbl = t.tbl;
		-- those still there (a CASCADE may have taken some); views first
		SELECT string_agg(c.oid::regclass::text, ', ') INTO views
		FROM pg_class c WHERE c.oid IN (t.mentions_view, t.speakers_view, t.stance_view);
		SELECT string_agg(c.oid::regclass::text, ', ') INTO tables
		FROM pg_class c WHERE c.oid IN (t.entities_table, t.quotes_table, t.claims_table,
										t.done_table);
		IF views IS NOT NULL THEN
			EXECUTE 'DROP VIEW ' || views;
		END IF;
		IF tables IS NOT NULL THEN
			EXECUTE 'DROP TABLE ' || tables;
		END IF;
	END LOOP;
END $$;

COMMENT ON FUNCTION @extschema@.tracked_dropped() IS
'Event trigger: drops the side tables and views of a tracked table that is dropped and forgets it; refuses to drop a side table or view alone';

CREATE EVENT TRIGGER newsnlp_tracked_dropped ON sql_drop
	EXECUTE FUNCTION @extschema@.tracked_dropped();

COMMENT ON EVENT TRIGGER newsnlp_tracked_dropped IS
'Cleans up after DROP TABLE of a table newsnlp.track() tracks';

-- Validate a backfill and count where it starts.
CREATE FUNCTION @extschema@.backfill_start(tbl regclass, batch_size int)
RETURNS @extschema@.backfill_progress
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
	p @extschema@.backfill_progress;
BEGIN
	SELECT * INTO t FROM @extschema@.tracked WHERE tracked.tbl = backfill_start.tbl;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'table "%" is not tracked', tbl
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  HINT = 'Call newsnlp.track() first.';
	END IF;
	IF batch_size IS NULL OR batch_size < 1 THEN
		RAISE EXCEPTION 'batch_size must be at least 1, not %', coalesce(batch_size::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	p.tbl := tbl;
	p.batch_size := batch_size;
	EXECUTE format('SELECT count(*) FROM %s', tbl) INTO p.total;
	EXECUTE format('SELECT count(*) FROM %s', t.done_table) INTO p.done;
	p.processed := 0;
	p.started := clock_timestamp();
	p.last_notice := p.started;
	p.finished := false;
	RETURN p;
END $$;

COMMENT ON FUNCTION @extschema@.backfill_start(regclass, int) IS
'Checks a table is tracked and counts its rows and those annotated (internal to backfill())';

-- Annotate the next batch of rows not yet done, in key order after the
-- last batch; their rows are locked (FOR SHARE) until the caller commits,
-- so a concurrent UPDATE waits and then annotates them again itself.
-- Reports progress at most every 2 seconds, and at the end.
CREATE FUNCTION @extschema@.backfill_step(p @extschema@.backfill_progress)
RETURNS @extschema@.backfill_progress
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	t @extschema@.tracked;
	keys text[];
	key_type text;
	n bigint;
	secs float8;
	rate float8;
BEGIN
	SELECT * INTO STRICT t FROM @extschema@.tracked WHERE tbl = p.tbl;
	SELECT format_type(a.atttypid, a.atttypmod) INTO key_type FROM pg_attribute a
	WHERE a.attrelid = t.tbl AND a.attname = t.key_column;
	EXECUTE format('SELECT array_agg(k::text ORDER BY k) FROM (
			SELECT x.%1$I AS k FROM %2$s x
			WHERE ($1 IS NULL OR x.%1$I > $1::%3$s)
			  AND NOT EXISTS (SELECT FROM %4$s d WHERE d.%1$I = x.%1$I)
			ORDER BY x.%1$I LIMIT $2 FOR SHARE OF x) s',
		t.key_column, t.tbl, key_type, t.done_table)
	INTO keys USING p.last_key, p.batch_size;
	IF keys IS NULL THEN
		p.finished := true;
	ELSE
		EXECUTE @extschema@.tracked_annotate_sql(t,
			format('SELECT %1$I, %2$I::text FROM %3$s WHERE %1$I = ANY ($1::%4$s[])',
				   t.key_column, t.text_column, t.tbl, key_type))
		INTO n USING keys;
		p.done := p.done + n;
		p.processed := p.processed + n;
		p.last_key := keys[cardinality(keys)];
	END IF;
	IF p.finished OR clock_timestamp() - p.last_notice >= interval '2 seconds' THEN
		secs := greatest(extract(epoch FROM clock_timestamp() - p.started), 0.001);
		rate := p.processed / secs;
		RAISE NOTICE '%', format('newsnlp.backfill(%s): %s of %s rows (%s%%), %s rows/s, %s',
			p.tbl, p.done, greatest(p.total, p.done),
			CASE WHEN greatest(p.total, p.done) = 0 THEN 100
				 ELSE round(100.0 * p.done / greatest(p.total, p.done), 1) END,
			round(rate::numeric, 1),
			CASE WHEN p.finished THEN 'done'
				 WHEN rate = 0 THEN 'time left unknown'
				 ELSE 'about ' || ceil(greatest(p.total - p.done, 0) / rate) || ' s left' END);
		p.last_notice := clock_timestamp();
	END IF;
	RETURN p;
END $$;

COMMENT ON FUNCTION @extschema@.backfill_step(@extschema@.backfill_progress) IS
'Annotates one batch of a backfill and reports progress when due (internal to backfill())';

-- No SET clause: a procedure with one cannot commit. The body calls only
-- schema-qualified functions and reads a field: nothing the search_path picks.
CREATE PROCEDURE @extschema@.backfill(tbl regclass, batch_size int DEFAULT 500)
LANGUAGE plpgsql
AS $$
DECLARE
	p @extschema@.backfill_progress := @extschema@.backfill_start(tbl, batch_size);
BEGIN
	WHILE NOT p.finished LOOP
		p := @extschema@.backfill_step(p);
		COMMIT;
	END LOOP;
END $$;

COMMENT ON PROCEDURE @extschema@.backfill(regclass, int) IS
'Annotates the rows of a tracked table not yet in its side tables, batch_size rows per transaction (a cancel loses one batch at most; calling again resumes), with progress NOTICEs at most every 2 seconds; CALL it outside a transaction block';
