#!/usr/bin/env bash
# Memory of a backend stays flat (make memory-test):
#  1. analysing MEMORY_ROWS (default 1,000,000) rows in one query per function
#     (the FUNCTIONS list), the backend's private memory (RssAnon of
#     /proc/PID/status, sampled every 20 ms while the query runs) peaks in
#     the second half of the query at most MEMORY_SLACK_MB (default 16) above
#     its peak in the first half: per-row memory is released row by row, so
#     after the first rows (the allocator's heap settles at a plateau of
#     25-40 MB within the first 250,000 or so) it stays flat; a leak of even
#     32 bytes a row would add 16 MB over the second half of a million rows.
#     (VmHWM, also shown, counts the shared
#     buffers and the mapped ICU data and model pages the backend touched,
#     which grow with the table, not with leaks.) Every row has its own
#     names, so the entity tagger's word cache fills to its bound (16,384
#     words, about 14 MB) and then recycles.
#  2. CREATE EXTENSION, calling every function, DROP EXTENSION, repeated
#     MEMORY_CYCLES (default 50) times in one session: the resident size
#     (VmRSS) after the last cycle is within MEMORY_SLACK_MB of after the
#     fifth.
#  3. A long session of MEMORY_CALLS (default 5,000) statements, each calling
#     every function once: VmRSS after the last is within MEMORY_SLACK_MB of
#     after the first tenth.
# Sizes are read from /proc/PID/status of the backend: by this script in
# part 1, so it must run on the server's machine as root or the server's
# user; with pg_read_file in parts 2 and 3, so the role must be a superuser. Needs a server reachable through the PG*
# variables; the database must not have newsnlp installed in another schema
# (part 2 creates and drops it; it is left installed). Prints TAP.
set -euo pipefail

# shellcheck source=test/robust/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

MEMORY_ROWS="${MEMORY_ROWS:-1000000}"
MEMORY_CYCLES="${MEMORY_CYCLES:-50}"
MEMORY_CALLS="${MEMORY_CALLS:-5000}"
MEMORY_SLACK_MB="${MEMORY_SLACK_MB:-16}"
TABLE=newsnlp_memory_rows

# The functions checked, as newsnlp.NAME(body) (MEMORY_FUNCTIONS overrides); add new analysis functions here.
FUNCTIONS="${MEMORY_FUNCTIONS:-tokens sentences entities entity_names dict_entities dict_entity_names quotes annotate claims}"

# Print 0 if $1 <= $2, else 1: a status for tap.
at_most() {
	if [ "$1" -le "$2" ]; then echo 0; else echo 1; fi
}

# Run SQL (arguments are -c options or psql flags), unaligned and quiet, in one backend.
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" "$@"
}

# The SQL expression giving field $1 (VmHWM, VmRSS) of the backend in MB.
status_mb() {
	echo "(regexp_match(pg_read_file('/proc/self/status'), '$1:\\s+(\\d+)'))[1]::int / 1024"
}

# The query analysing the first $2 rows with function $1, one call per row.
analyse() {
	echo "SELECT count(*) FROM $TABLE t, LATERAL newsnlp.$1(t.body) x WHERE t.id <= $2"
}

# Drop the table; leave newsnlp installed.
cleanup() {
	psql -X -q -c "DROP TABLE IF EXISTS $TABLE" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# Rows of news-like text, each with its own names.
load_rows() {
	sql -c "CREATE EXTENSION IF NOT EXISTS newsnlp" \
		-c "DROP TABLE IF EXISTS $TABLE" \
		-c "CREATE TABLE $TABLE (id int PRIMARY KEY, body text)" \
		-c "INSERT INTO $TABLE SELECT i, format('Officials said Marek Lindqvist%s met Ivo Petrov%s in Oslo on Jan. %s. “We will talk,” she said.', i, i, i % 28 + 1) FROM generate_series(1, $MEMORY_ROWS) i" \
		-c "VACUUM ANALYZE $TABLE"
	echo "# $(sql -c "SELECT format('%s rows, %s MB', count(*), pg_total_relation_size('$TABLE') / 1000000) FROM $TABLE")"
}

# Print field $2 (RssAnon, VmHWM) of /proc/$1/status in MB, or nothing once it is gone.
proc_mb() {
	awk -v f="$2:" '$1 == f { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || true
}

# Run query $1 serially in a fresh backend, sampling its private memory;
# print "peak RssAnon MB in the first half of the run, in the second, VmHWM
# MB at the end, seconds".
peak_of() {
	local out pid="" anon hwm="" t0 t1 tries=0 status=0 samples
	out="$(mktemp)"
	samples="$(mktemp)"
	t0=$EPOCHREALTIME
	psql -X -q -A -t -v ON_ERROR_STOP=1 -c "SELECT pg_backend_pid()" \
		-c "SET max_parallel_workers_per_gather = 0" -c "$1" >"$out" 2>&1 &
	local bg=$!
	while [ -z "$pid" ] && [ "$tries" -lt 500 ]; do
		pid="$(head -n 1 "$out" | grep -E '^[0-9]+$' || true)"
		tries=$((tries + 1))
		[ -n "$pid" ] || sleep 0.01
	done
	while kill -0 "$bg" 2>/dev/null; do
		anon="$(proc_mb "$pid" RssAnon)"
		[ -n "$anon" ] && echo "$anon" >>"$samples"
		hwm="$(proc_mb "$pid" VmHWM)"
		[ -n "$hwm" ] && last_hwm=$hwm
		sleep 0.02
	done
	wait "$bg" || status=$?
	t1=$EPOCHREALTIME
	if [ "$status" -ne 0 ] || [ -z "$pid" ]; then
		sed 's/^/# /' "$out" >&2
		rm -f "$out" "$samples"
		return 1
	fi
	awk -v hwm="${last_hwm:-0}" -v secs="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')" '
		{ v[NR] = $1 }
		END {
			for (i = 1; i <= NR; i++)
				if (i <= NR / 2) { if (v[i] > a) a = v[i] } else if (v[i] > b) b = v[i]
			printf "%d %d %d %s\n", a, b, hwm, secs
		}' "$samples"
	rm -f "$out" "$samples"
}

# Part 1: the peak of each function on all rows, first half against second.
check_rows() {
	local fn first second hwm secs
	for fn in $FUNCTIONS; do
		read -r first second hwm secs < <(peak_of "$(analyse "$fn" "$MEMORY_ROWS")")
		tap "$(at_most $((second - first)) "$MEMORY_SLACK_MB")" \
			"$fn() over $MEMORY_ROWS rows in one query ($secs s): private memory peaks at $first MB in the first half, $second MB in the second (limit +$MEMORY_SLACK_MB MB); VmHWM $hwm MB"
	done
}

# One statement calling every function once on a short text.
call_all() {
	local fn sep="" q="SELECT"
	for fn in $FUNCTIONS; do
		q="$q$sep (SELECT count(x) FROM (SELECT newsnlp.$fn(t) AS x) s)"
		sep=" +"
	done
	echo "$q FROM (VALUES ('“We will not be rushed,” said Mara Lindqvist of Northfield University in Oslo on $1.')) v(t);"
}

# Part 2: create, use and drop the extension MEMORY_CYCLES times in one session.
check_cycles() {
	local i script out fifth last
	script="$(mktemp)"
	{
		echo "SET client_min_messages = warning;"
		echo "DROP EXTENSION IF EXISTS newsnlp;"
		for i in $(seq "$MEMORY_CYCLES"); do
			echo "CREATE EXTENSION newsnlp;"
			echo "INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES ('Mara Lindqvist', 'PER', 'Q$i');"
			call_all "cycle $i"
			echo "DROP EXTENSION newsnlp;"
			echo "SELECT 'rss', $i, $(status_mb VmRSS);"
		done
		echo "CREATE EXTENSION newsnlp;"
	} >"$script"
	out="$(psql -X -q -A -t -v ON_ERROR_STOP=1 -f "$script" | grep '^rss|')" || {
		rm -f "$script"
		tap 1 "CREATE/DROP EXTENSION $MEMORY_CYCLES times in one session"
		return
	}
	rm -f "$script"
	fifth=$(awk -F'|' '$2 == 5 { print $3 }' <<<"$out")
	last=$(awk -F'|' -v n="$MEMORY_CYCLES" '$2 == n { print $3 }' <<<"$out")
	tap "$(at_most $((last - fifth)) "$MEMORY_SLACK_MB")" "CREATE EXTENSION, every function, DROP EXTENSION $MEMORY_CYCLES times in one session: RSS $fifth MB after cycle 5, $last MB after cycle $MEMORY_CYCLES (limit +$MEMORY_SLACK_MB MB)"
}

# Part 3: MEMORY_CALLS statements in one session, each calling every function.
check_session() {
	local i tenth=$((MEMORY_CALLS / 10)) out first last
	out="$(
		{
			echo "SET client_min_messages = warning;"
			for i in $(seq "$MEMORY_CALLS"); do
				call_all "day $i"
				if [ "$i" -eq "$tenth" ] || [ "$i" -eq "$MEMORY_CALLS" ]; then
					echo "SELECT 'rss', $i, $(status_mb VmRSS);"
				fi
			done
		} | psql -X -q -A -t -v ON_ERROR_STOP=1 | grep '^rss|'
	)" || {
		tap 1 "$MEMORY_CALLS statements in one session"
		return
	}
	first=$(awk -F'|' -v n="$tenth" '$2 == n { print $3 }' <<<"$out")
	last=$(awk -F'|' -v n="$MEMORY_CALLS" '$2 == n { print $3 }' <<<"$out")
	tap "$(at_most $((last - first)) "$MEMORY_SLACK_MB")" "$MEMORY_CALLS statements calling every function in one session: RSS $first MB after $tenth, $last MB after $MEMORY_CALLS (limit +$MEMORY_SLACK_MB MB)"
}

load_rows
check_cycles
check_session
check_rows
tap_end
