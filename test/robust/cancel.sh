#!/usr/bin/env bash
# Cancellation latency of newsnlp's analysis functions (the CHECKS list below)
# on a ~50 MB text: a 200 ms statement_timeout must end the query within
# 300 ms of wall time, and pg_cancel_backend() must end it within 100 ms of
# the cancel. The dictionary variants run with a small dictionary in place.
# Needs a server reachable through the PG* variables whose database has
# newsnlp installed. Prints TAP with the measured latencies; exits non-zero
# if any check failed.
set -euo pipefail

# shellcheck source=test/robust/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

TABLE=newsnlp_cancel_body
BODY_BYTES=$((50 * 1000 * 1000))
TIMEOUT_MS=200
SLACK_MS=100
CANCEL_AFTER_S=0.3
APP="newsnlp_cancel_$$"
DICT_NOTE="$APP"

# The functions checked, one "name|query" a line; each query reads the text
# from $TABLE t and starts with "SELECT count(" (how the cancel finds it).
CHECKS=(
	"tokens|SELECT count(*) FROM $TABLE t, newsnlp.tokens(t.body)"
	"sentences|SELECT count(*) FROM $TABLE t, newsnlp.sentences(t.body)"
	"entities|SELECT count(*) FROM $TABLE t, newsnlp.entities(t.body)"
	"entity_names|SELECT count(newsnlp.entity_names(t.body)) FROM $TABLE t"
	"dict_entities|SELECT count(*) FROM $TABLE t, newsnlp.dict_entities(t.body)"
	"dict_entity_names|SELECT count(newsnlp.dict_entity_names(t.body)) FROM $TABLE t"
	"quotes|SELECT count(*) FROM $TABLE t, newsnlp.quotes(t.body)"
	"annotate|SELECT count(newsnlp.annotate(t.body)) FROM $TABLE t"
	"stance|SELECT count(newsnlp.stance(t.body, 'United States')) FROM $TABLE t"
	"stance_at|SELECT count(newsnlp.stance_at(t.body, 1, 5)) FROM $TABLE t"
	"claims|SELECT count(*) FROM $TABLE t, newsnlp.claims(t.body)"
)

work="$(mktemp -d)"
bg_pid=""

# Drop the table and our dictionary rows, stop a background query still running, remove scratch files.
cleanup() {
	if [ -n "$bg_pid" ]; then kill "$bg_pid" 2>/dev/null || true; fi
	psql -X -q -c "DROP TABLE IF EXISTS $TABLE" \
		-c "DELETE FROM newsnlp.dictionary WHERE note = '$DICT_NOTE'" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

# Microseconds since the epoch, without forking.
now_us() {
	REPLY="${EPOCHREALTIME//[!0-9]/}"
}

# Store a ~50 MB news-like text, uncompressed and out of line so detoasting is a plain copy.
load_body() {
	psql -X -q -v ON_ERROR_STOP=1 <<-SQL
		SET client_min_messages = warning;
		DROP TABLE IF EXISTS $TABLE;
		CREATE TABLE $TABLE (body text);
		ALTER TABLE $TABLE ALTER COLUMN body SET STORAGE EXTERNAL;
		INSERT INTO $TABLE
		SELECT repeat(p, $BODY_BYTES / octet_length(p) + 1)
		FROM (VALUES (E'“We will not be rushed,” said Mara Lindqvist, director of Arctic studies at '
		  'Northfield University. The U.S. and U.K. delegations met for 2.5 hours on Jan. 14; '
		  'officials said 28,500 troops — about 12% of the force — would stay. Gen. J.D. Okafor '
		  'declined to comment. Ministers in Brøndal, Zürich and 東京 followed the talks.\n\n')) v(p);
		INSERT INTO newsnlp.dictionary (term, label, canonical, note) VALUES
			('Mara Lindqvist', 'PER', 'Q200', '$DICT_NOTE'),
			('Northfield University', 'ORG', 'Q300', '$DICT_NOTE');
	SQL
	psql -X -At -c "SELECT format('# body: %s bytes, stored in %s bytes', octet_length(body), pg_column_size(body)) FROM $TABLE"
	psql -X -At -c "SELECT pg_column_size(body) >= octet_length(body) FROM $TABLE" | grep -qx t ||
		bail_out "the body was compressed despite STORAGE EXTERNAL"
}

# The query under test for function $1.
query() {
	local c
	for c in "${CHECKS[@]}"; do
		if [ "${c%%|*}" = "$1" ]; then
			echo "${c#*|}"
			return
		fi
	done
}

# (a) statement_timeout: the query must fail with 57014 within TIMEOUT_MS + SLACK_MS of wall time.
check_timeout() {
	local fn="$1" t0 t1 ms status=0
	now_us; t0=$REPLY
	psql -X -v VERBOSITY=verbose -c "SET statement_timeout = '${TIMEOUT_MS}ms'" -c "$(query "$fn")" \
		>"$work/timeout.out" 2>&1 || status=$?
	now_us; t1=$REPLY
	ms=$(((t1 - t0) / 1000))
	if [ "$status" -ne 0 ] && grep -q '^ERROR:  57014:' "$work/timeout.out" && [ "$ms" -le $((TIMEOUT_MS + SLACK_MS)) ]; then
		tap 0 "$fn(): statement_timeout ${TIMEOUT_MS}ms ended the query with 57014 after $ms ms ($((ms - TIMEOUT_MS)) ms past the timeout, limit $SLACK_MS)"
	else
		sed 's/^/# /' "$work/timeout.out"
		tap 1 "$fn(): statement_timeout ${TIMEOUT_MS}ms ended the query with 57014 after $ms ms (psql status $status, limit $((TIMEOUT_MS + SLACK_MS)) ms)"
	fi
}

# Cancel the active query of application $APP; set cancel_us (the server's clock
# just before the cancel) and cancelled (t when a backend was signalled).
cancel_query() {
	IFS='|' read -r cancel_us cancelled < <(psql -X -At -c "
		SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint, pg_cancel_backend(pid)
		FROM pg_stat_activity
		WHERE application_name = '$APP' AND state = 'active' AND query LIKE 'SELECT count(%'")
}

# (b) pg_cancel_backend from another session after ~300 ms: the query must end within SLACK_MS.
check_cancel() {
	local fn="$1" cancel_us="" cancelled="" end_us="" status="" ms tries=0
	rm -f "$work/bg.end"
	(
		status=0
		PGAPPNAME="$APP" psql -X -v VERBOSITY=verbose -c "SET statement_timeout = '60s'" -c "$(query "$fn")" \
			>"$work/bg.out" 2>&1 || status=$?
		now_us
		echo "$REPLY $status" >"$work/bg.end"
	) &
	bg_pid=$!
	sleep "$CANCEL_AFTER_S"
	# retry briefly in case the query has not started yet on a loaded machine
	until cancel_query && [ "$cancelled" = t ] || [ "$tries" -ge 50 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	wait "$bg_pid" || true
	bg_pid=""
	read -r end_us status <"$work/bg.end" || true
	if [ "$cancelled" != t ] || [ -z "$end_us" ]; then
		sed 's/^/# /' "$work/bg.out"
		tap 1 "$fn(): pg_cancel_backend found the running query and it ended"
		return
	fi
	ms=$(((end_us - cancel_us) / 1000))
	if [ "$status" -ne 0 ] && grep -q '^ERROR:  57014:' "$work/bg.out" && [ "$ms" -le "$SLACK_MS" ]; then
		tap 0 "$fn(): pg_cancel_backend ended the query with 57014 $ms ms after the cancel (limit $SLACK_MS)"
	else
		sed 's/^/# /' "$work/bg.out"
		tap 1 "$fn(): pg_cancel_backend ended the query with 57014 $ms ms after the cancel (psql status $status, limit $SLACK_MS ms)"
	fi
}

load_body
for c in "${CHECKS[@]}"; do
	fn="${c%%|*}"
	check_timeout "$fn"
	check_cancel "$fn"
done
tap_end
