-- Helpers for the tests that measure time: both live in pg_temp, so they
-- vanish with the session.

-- Seconds a query takes.
CREATE FUNCTION pg_temp.seconds(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE q;
	RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;

-- How long after the start of the statement a query was cancelled, or NULL
-- if it finished.
CREATE FUNCTION pg_temp.cancel_latency(q text) RETURNS interval LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN query_canceled THEN
	RETURN clock_timestamp() - statement_timestamp();
END $$;
