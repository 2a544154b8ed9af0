#!/usr/bin/env bash
# Bounded memory of newsnlp.stance_train(): peak resident memory (VmHWM) of
# a fresh backend that trains on STANCE_MEMORY_ROWS (default 1,000,000)
# generated news-style rows, against one that trains on a tenth as many.
# The trainer keeps a bounded buffer (full in both runs), so the larger run
# may not need more than STANCE_MEMORY_SLACK_MB (default 32) over the smaller
# one, nor more than STANCE_MEMORY_MAX_MB (default 256) in all; the peak
# includes the backend's own libraries, ICU's data and the entity model. Needs a
# server on this machine reachable through the PG* variables, a superuser
# (to read /proc through pg_read_file) and newsnlp installable in the
# database. Prints TAP with the figures; exits non-zero if a check failed.
set -euo pipefail

# shellcheck source=test/robust/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

ROWS=${STANCE_MEMORY_ROWS:-1000000}
SLACK_MB=${STANCE_MEMORY_SLACK_MB:-32}
MAX_MB=${STANCE_MEMORY_MAX_MB:-256}

# Train on $1 rows in a fresh backend; prints "peak_kB seconds training_rows".
train_rows() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 <<-SQL
		SET client_min_messages = warning;
		CREATE EXTENSION IF NOT EXISTS newsnlp;
		SELECT clock_timestamp() AS t0 \gset
		CREATE TEMP TABLE m AS
		SELECT newsnlp.stance_train(
		         format('Report %s: %s say the %s will %s %s.', i,
		                (ARRAY['officials', 'residents', 'unions', 'analysts', 'ministers'])[1 + i % 5],
		                (ARRAY['harbour plan', 'new bridge', 'tax reform'])[1 + i % 3],
		                (ARRAY['help', 'hurt', 'change', 'delay'])[1 + (i / 7) % 4],
		                (ARRAY['families', 'jobs', 'the coast', 'small firms', 'commuters'])[1 + (i / 3) % 5]),
		         (ARRAY['harbour plan', 'new bridge', 'tax reform'])[1 + i % 3],
		         CASE (i / 7) % 4 WHEN 0 THEN 'FAVOR' WHEN 1 THEN 'AGAINST' ELSE 'NONE' END
		         ORDER BY i) AS model
		FROM generate_series(1, $1) AS i;
		SELECT substring(pg_read_file('/proc/' || pg_backend_pid() || '/status') FROM 'VmHWM:\s*(\d+) kB'),
		       round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1),
		       newsnlp.stance_model_info(model)->>'training_rows'
		FROM m;
	SQL
}

read -r small_kb small_s small_rows <<<"$(train_rows $((ROWS / 10)) | tr '|' ' ')"
read -r big_kb big_s big_rows <<<"$(train_rows "$ROWS" | tr '|' ' ')"
echo "# $small_rows rows: peak backend RSS $((small_kb / 1024)) MB, ${small_s} s"
echo "# $big_rows rows: peak backend RSS $((big_kb / 1024)) MB, ${big_s} s"
tap $([ "$big_rows" -eq "$ROWS" ] && echo 0 || echo 1) "all $ROWS rows were trained on"
tap $([ "$big_kb" -le $((small_kb + SLACK_MB * 1024)) ] && echo 0 || echo 1) \
	"ten times the rows need at most $SLACK_MB MB more peak memory"
tap $([ "$big_kb" -le $((MAX_MB * 1024)) ] && echo 0 || echo 1) "peak backend RSS is under $MAX_MB MB"
tap_end
