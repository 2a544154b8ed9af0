#!/usr/bin/env bash
# Concurrency test with pgbench (make pgbench-test).
#
#   run.sh [--installed]
#
# On a throwaway cluster, PGBENCH_CLIENTS (default 8) clients run for
# PGBENCH_SECONDS (default 60) a mix of the scripts of this directory on a
# table annotated by the newsnlp.tag() trigger into a jsonb column and tracked
# by newsnlp.track() into side tables (setup.sql): inserts (insert.sql),
# rewrites of the body and refreshes of the annotation (update.sql), deletions
# (delete.sql), analyses of random rows checking the stored annotation and
# side rows against entities() and quotes() (analyse.sql), and dictionary
# changes each checked through dict_entities() (dictionary.sql). Then checks,
# in TAP, that no transaction failed, that the server logged no error or
# crash, and that the table, its side tables and the dictionary are
# consistent.
#
# By default builds and installs the extension first; with --installed it
# takes the installed one as it is.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh
# shellcheck source=test/robust/tap.sh
. test/robust/tap.sh
# shellcheck source=test/robust/build.sh
. test/robust/build.sh "$@"

CLIENTS="${PGBENCH_CLIENTS:-8}"
SECONDS_TO_RUN="${PGBENCH_SECONDS:-60}"
CORPUS_MB=0.5
GEN=test/build/bench/gen_articles
HERE=test/robust/pgbench
out="$(mktemp)"
corpus_rows=0

# Run SQL with psql, unaligned and quiet, stopping at the first error.
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# Create the tables, fill the corpus and tag a first copy of it (both triggers annotate it).
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
		-f "$HERE/insert.sql@3" -f "$HERE/update.sql@2" -f "$HERE/delete.sql@1" \
		-f "$HERE/analyse.sql@3" -f "$HERE/dictionary.sql@2" \
		>"$out" 2>&1 || status=$?
	sed 's/^/# /' "$out"
	return "$status"
}

# True if pgbench reports zero failed transactions and no client aborted.
no_failed_transactions() {
	grep -qE '^number of failed transactions: 0 ' "$out" && ! grep -q 'aborted' "$out"
}

# Print the transactions pgbench counted for script $1 (its file name).
transactions_of() {
	awk -v script="$1" '
		/^SQL script [0-9]+:/ { current = ($NF ~ script "$") }
		current && /^ - [0-9]+ transactions/ { print $2; exit }' "$out"
}

# True if each of the scripts ran at least one transaction, and some deletion removed a row.
every_script_ran() {
	local script n rewritten
	for script in insert.sql update.sql delete.sql analyse.sql dictionary.sql; do
		n="$(transactions_of "$script")"
		echo "# $script: ${n:-0} transactions"
		[ "${n:-0}" -gt 0 ] || return 1
	done
	rewritten="$(sql -c "SELECT count(*) FROM tagged WHERE body LIKE '%We will appeal the ruling%'")"
	echo "# rows rewritten by update.sql still there: $rewritten"
	[ "$(sql -c "SELECT count(*) FROM deleted")" -gt 0 ] && [ "$rewritten" -gt 0 ]
}

# True if the server log has no ERROR, FATAL or PANIC line and no crashed backend.
clean_log() {
	local bad
	bad="$(grep -E '(ERROR|FATAL|PANIC):' "$NEWSNLP_CLUSTER_DIR/server.log"; cluster_report_crashes)"
	[ -z "$bad" ] && return 0
	head -n 20 <<<"$bad" | sed 's/^/#   /'
	return 1
}

# True if the tagged table holds the first copy plus the inserts pgbench counted minus the rows deleted.
rows_add_up() {
	local rows inserts deleted
	rows="$(sql -c "SELECT count(*) FROM tagged")"
	inserts="$(transactions_of insert.sql)"
	deleted="$(sql -c "SELECT count(*) FROM deleted")"
	echo "# tagged: $rows rows = $corpus_rows + ${inserts:-?} inserts - $deleted deleted"
	[ "$rows" -eq $((corpus_rows + ${inserts:-0} - deleted)) ] &&
		[ "$(sql -c "SELECT count(*) FROM tagged JOIN deleted USING (id)")" = 0 ]
}

# True if SQL query $1, a count of wrong rows, gives 0; prints the count otherwise.
none() {
	local n
	n="$(sql -c "$1")" || return 1
	[ "$n" = 0 ] && return 0
	echo "#   $n wrong rows"
	return 1
}

# True if every row's nlp column equals newsnlp.annotate() of its body.
annotations_consistent() {
	none "SELECT count(*) FROM tagged WHERE nlp IS DISTINCT FROM newsnlp.annotate(body)"
}

# True if tagged_entities is, as a multiset, the entities() rows of the current bodies.
entities_consistent() {
	echo "# $(sql -c "SELECT count(*) FROM tagged_entities") entity rows"
	none "WITH want AS (SELECT t.id, e.mention, e.label, e.canonical, e.pos, e.len
						FROM tagged t, newsnlp.entities(t.body) e),
			   have AS (SELECT id, mention, label, canonical, pos, len FROM tagged_entities)
		SELECT (SELECT count(*) FROM (TABLE want EXCEPT ALL TABLE have) missing)
			 + (SELECT count(*) FROM (TABLE have EXCEPT ALL TABLE want) extra)"
}

# True if tagged_quotes is, as a multiset, the quotes() rows of the current bodies.
quotes_consistent() {
	echo "# $(sql -c "SELECT count(*) FROM tagged_quotes") quote rows"
	none "WITH want AS (SELECT t.id, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
						FROM tagged t, newsnlp.quotes(t.body) q),
			   have AS (SELECT id, quote, speaker, speaker_label, cue, kind, pos, len FROM tagged_quotes)
		SELECT (SELECT count(*) FROM (TABLE want EXCEPT ALL TABLE have) missing)
			 + (SELECT count(*) FROM (TABLE have EXCEPT ALL TABLE want) extra)"
}

# True if no side row refers to a missing article and every article is marked annotated.
no_orphans() {
	none "SELECT (SELECT count(*) FROM tagged_entities s WHERE NOT EXISTS (SELECT FROM tagged t WHERE t.id = s.id))
			   + (SELECT count(*) FROM tagged_quotes s WHERE NOT EXISTS (SELECT FROM tagged t WHERE t.id = s.id))
			   + (SELECT count(*) FROM tagged_nlp_done s WHERE NOT EXISTS (SELECT FROM tagged t WHERE t.id = s.id))
			   + (SELECT count(*) FROM tagged t WHERE NOT EXISTS (SELECT FROM tagged_nlp_done s WHERE s.id = t.id))"
}

# True if the dictionary holds exactly the rows it held before the run.
dictionary_restored() {
	none "SELECT (SELECT count(*) FROM (SELECT * FROM newsnlp.dictionary EXCEPT ALL TABLE dictionary_before) added)
			   + (SELECT count(*) FROM (TABLE dictionary_before EXCEPT ALL SELECT * FROM newsnlp.dictionary) lost)"
}

# Stop the cluster and remove the scratch file.
cleanup() {
	cluster_stop
	rm -f "$out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ready=false
check "newsnlp built and installed" build "$GEN" &&
	check "throwaway cluster started" cluster_start &&
	check "tables created, corpus loaded and tagged" prepare &&
	ready=true
if $ready; then
	check "pgbench: $CLIENTS clients for $SECONDS_TO_RUN s ended without an error" run_pgbench
	check "no transaction failed, no client aborted" no_failed_transactions
	check "inserts, updates, deletes, analyses and dictionary changes all ran" every_script_ran
	check "the server logged no error and no crash" clean_log
	check "the tagged table holds the first copy plus the inserts minus the deletes" rows_add_up
	check "every row's nlp (tag() trigger) equals newsnlp.annotate(body)" annotations_consistent
	check "tagged_entities equals entities() of the current rows (multiset)" entities_consistent
	check "tagged_quotes equals quotes() of the current rows (multiset)" quotes_consistent
	check "no side row without its article, every article marked annotated" no_orphans
	check "the dictionary is back to its state before the run" dictionary_restored
fi
tap_end
