#!/usr/bin/env bash
# Concurrency test with pgbench (make pgbench-test).
#
#   run.sh [--installed]
#
# On a throwaway cluster, PGBENCH_CLIENTS (default 8) clients run for
# PGBENCH_SECONDS (default 60) a mix of three scripts of this directory:
# inserts into a table that annotates its rows (insert.sql), analyses of
# random rows with entities(), quotes(), dict_entities() and the stored names
# (analyse.sql), and dictionary changes each checked through dict_entities()
# (dictionary.sql). Then checks, in TAP, that no transaction failed, that the
# server logged no error or crash, and that the tables are consistent.
#
# By default builds and installs the extension first; with --installed it
# takes the installed one as it is.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

CLIENTS="${PGBENCH_CLIENTS:-8}"
SECONDS_TO_RUN="${PGBENCH_SECONDS:-60}"
CORPUS_MB=0.5
GEN=test/build/bench/gen_articles
HERE=test/robust/pgbench
installed=false

case "${1:-}" in
--installed) installed=true ;;
"") ;;
*) echo "usage: $0 [--installed]" >&2; exit 2 ;;
esac

export PGCLIENTENCODING=UTF8
export PGOPTIONS="-c client_min_messages=warning"

tests=0
failures=0
out="$(mktemp)"
corpus_rows=0

# Print one TAP line for check $1 passing (status 0 of the command that follows) or failing.
check() {
	local what="$1"
	shift
	tests=$((tests + 1))
	if "$@"; then
		echo "ok $tests - $what"
	else
		failures=$((failures + 1))
		echo "not ok $tests - $what"
	fi
}

# Run SQL with psql, unaligned and quiet, stopping at the first error.
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# Build the generator and, unless told it is installed, build and install newsnlp.
build() {
	pg_setup_env || return 1
	if $installed; then
		run_quiet make "$GEN"
	else
		run_quiet make all "$GEN" && run_quiet as_root make install
	fi
}

# Create the tables, fill the corpus and tag a first copy of it.
prepare() {
	sql -f "$HERE/setup.sql" || return 1
	"$GEN" "$CORPUS_MB" 2>/dev/null | sql -c "COPY corpus FROM STDIN" || return 1
	sql -c "INSERT INTO tagged (body) SELECT body FROM corpus ORDER BY id" -c "VACUUM ANALYZE" || return 1
	corpus_rows="$(sql -c "SELECT count(*) FROM corpus")"
	echo "# corpus: $corpus_rows articles"
	[ "$corpus_rows" -gt 0 ]
}

# Run the mix; pgbench's report goes to the output file and, as comments, to the TAP stream.
run_pgbench() {
	local status=0
	pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_TO_RUN" -D corpus_rows="$corpus_rows" \
		-f "$HERE/insert.sql@3" -f "$HERE/analyse.sql@3" -f "$HERE/dictionary.sql@2" \
		>"$out" 2>&1 || status=$?
	sed 's/^/# /' "$out"
	return "$status"
}

# True if pgbench reports zero failed transactions.
no_failed_transactions() {
	grep -qE '^number of failed transactions: 0 ' "$out"
}

# Print the transactions pgbench counted for script $1 (its file name).
transactions_of() {
	awk -v script="$1" '
		/^SQL script [0-9]+:/ { current = ($NF ~ script "$") }
		current && /^ - [0-9]+ transactions/ { print $2; exit }' "$out"
}

# True if each of the three scripts ran at least one transaction.
every_script_ran() {
	local script n
	for script in insert.sql analyse.sql dictionary.sql; do
		n="$(transactions_of "$script")"
		[ "${n:-0}" -gt 0 ] || return 1
	done
}

# True if the server log has no ERROR, FATAL or PANIC line and no crashed backend.
clean_log() {
	local bad
	bad="$(grep -E '(ERROR|FATAL|PANIC):' "$NEWSNLP_CLUSTER_DIR/server.log"; cluster_report_crashes)"
	[ -z "$bad" ] && return 0
	head -n 20 <<<"$bad" | sed 's/^/#   /'
	return 1
}

# True if the tagged table grew by exactly the inserts pgbench counted.
rows_add_up() {
	local rows inserts
	rows="$(sql -c "SELECT count(*) FROM tagged")"
	inserts="$(transactions_of insert.sql)"
	echo "# tagged: $rows rows = $corpus_rows + ${inserts:-?} inserts"
	[ "$rows" -eq $((corpus_rows + ${inserts:-0})) ]
}

# True if every stored annotation equals what entity_names() gives for its body.
annotations_consistent() {
	[ "$(sql -c "SELECT count(*) FROM tagged WHERE names IS DISTINCT FROM newsnlp.entity_names(body)")" = 0 ]
}

# True if the clients removed every dictionary term they added.
dictionary_restored() {
	[ "$(sql -c "SELECT count(*) FROM newsnlp.dictionary WHERE note = 'pgbench'")" = 0 ]
}

# Stop the cluster and remove the scratch file.
cleanup() {
	cluster_stop
	rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ready=false
check "newsnlp built and installed" build &&
	check "throwaway cluster started" cluster_start &&
	check "tables created, corpus loaded and tagged" prepare &&
	ready=true
if $ready; then
	check "pgbench: $CLIENTS clients for $SECONDS_TO_RUN s ended without an error" run_pgbench
	check "no transaction failed" no_failed_transactions
	check "inserts, analyses and dictionary changes all ran" every_script_ran
	check "the server logged no error and no crash" clean_log
	check "the tagged table holds the first copy plus every insert" rows_add_up
	check "every stored annotation equals entity_names() of its body" annotations_consistent
	check "every dictionary term added was removed" dictionary_restored
fi
echo "1..$tests"
[ "$failures" -eq 0 ]
