#!/usr/bin/env bash
# Score newsnlp.entities() through SQL (make eval-ner-sql).
#
#   run.sh [--existing]
#
# Builds and installs the extension, starts a throwaway cluster and runs the
# function on text, the way users will:
#  - the CoNLL-2003 development set (EVAL_CONLL_DEV), rebuilt as documents
#    by conll-docs: exact span-and-type matches against the gold character
#    spans, conlleval's figures per label, the server's time for the
#    function over the whole set and tokens per second (CoNLL's tokens);
#    every error, with its text, goes to $EVAL_BUILD/dev.errors;
#  - the modern samples test/eval/modern/*.txt, each scored against its
#    .gold file (lines "mention<TAB>LABEL") as multisets of (mention, label)
#    pairs per article, with every miss and false guess printed.
# Skips the development set with a message when the file is absent. With
# --existing, uses the server and database named by the PG* variables as
# they are (nothing built, installed or started; newsnlp must be installed
# there) and leaves tables eval_docs and eval_modern behind.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

EVAL_BUILD="${EVAL_BUILD:-test/build/eval}"
EVAL_CONLL_DEV="${EVAL_CONLL_DEV:-../shared/data/conll2003/dev.txt}"
EVAL_ROUNDS="${EVAL_ROUNDS:-3}"
MODERN=test/eval/modern
existing=false

case "${1:-}" in
--existing) existing=true ;;
"") ;;
*) echo "usage: $0 [--existing]" >&2; exit 2 ;;
esac

export PGCLIENTENCODING=UTF8
export PGOPTIONS="${PGOPTIONS:-} -c max_parallel_workers_per_gather=0 -c jit=off -c client_min_messages=warning"

# Run SQL from standard input or -c, unaligned and quiet, stopping at the first error.
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# Build the tools and, unless using an existing server, build and install the extension.
build() {
	pg_setup_env
	run_quiet make -f mk/eval.mk "$EVAL_BUILD/conll-docs" "$EVAL_BUILD/span-eval"
	if ! $existing; then
		run_quiet make all
		run_quiet as_root make install
	fi
}

# Start the throwaway cluster, stopped again however the script ends.
start_cluster() {
	trap cluster_stop EXIT
	trap 'exit 130' INT TERM
	cluster_start
	sql -c "CREATE EXTENSION newsnlp"
}

# Median of the server's execution times (ms) of a query run EVAL_ROUNDS times.
median_ms() {
	local query=$1
	for _ in $(seq "$EVAL_ROUNDS"); do
		echo "EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) $query;"
	done | sql -f - | awk '/Execution Time:/ { print $(NF - 1) }' | sort -n |
		awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Score the function on the development documents and time it.
eval_dev() {
	local counts tokens ms
	if [ ! -f "$EVAL_CONLL_DEV" ]; then
		echo "eval-ner-sql: $EVAL_CONLL_DEV not found, skipping the development set"
		return 0
	fi
	counts="$("$EVAL_BUILD/conll-docs" --docs "$EVAL_BUILD/dev.docs" --gold "$EVAL_BUILD/dev.gold" \
		"$EVAL_CONLL_DEV")"
	tokens="$(awk '{ print $5 }' <<<"$counts")"
	sql -c "DROP TABLE IF EXISTS eval_docs" \
		-c "CREATE TABLE eval_docs (id int PRIMARY KEY, body text NOT NULL)"
	sql -c "COPY eval_docs FROM STDIN" <"$EVAL_BUILD/dev.docs"
	sql -c "COPY (SELECT d.id, e.pos, e.len, e.label FROM eval_docs d, newsnlp.entities(d.body) e)
		TO STDOUT" >"$EVAL_BUILD/dev.pred"
	echo "== CoNLL-2003 development set through newsnlp.entities(): $counts"
	"$EVAL_BUILD/span-eval" --tokens "$tokens" --errors "$EVAL_BUILD/dev.errors.raw" \
		"$EVAL_BUILD/dev.gold" "$EVAL_BUILD/dev.pred"
	annotate_errors
	ms="$(median_ms "SELECT count(*) FROM eval_docs d, newsnlp.entities(d.body) e")"
	awk -v ms="$ms" -v t="$tokens" -v r="$EVAL_ROUNDS" 'BEGIN {
		printf "time: %.1f ms for %d tokens (server execution time, median of %d, one core): %.0f tokens/s\n",
			ms, t, r, t / (ms / 1000) }'
	echo "errors with their text: $EVAL_BUILD/dev.errors"
}

# Write the development set's errors with the text each span covers.
annotate_errors() {
	sql -c "CREATE TEMP TABLE errs (kind text, label text, id int, pos int, len int)" \
		-c "\\copy errs FROM '$EVAL_BUILD/dev.errors.raw'" \
		-c "COPY (SELECT e.kind, e.label, e.id, e.pos, e.len, substr(d.body, e.pos, e.len)
			FROM errs e JOIN eval_docs d USING (id) ORDER BY e.id, e.pos, e.kind)
			TO STDOUT" >"$EVAL_BUILD/dev.errors"
}

# Load the modern samples, one row per article.
load_modern() {
	local f
	sql -c "DROP TABLE IF EXISTS eval_modern" \
		-c "CREATE TABLE eval_modern (name text PRIMARY KEY, body text NOT NULL)"
	for f in "$MODERN"/*.txt; do
		# psql's backquotes read the file; :'body' quotes it as a literal.
		sql -v name="$(basename "$f" .txt)" <<-SQL
			\\set body \`cat '$f'\`
			INSERT INTO eval_modern VALUES (:'name', :'body');
		SQL
	done
}

# The gold mentions of every modern sample as "article<TAB>mention<TAB>LABEL".
modern_gold() {
	local f
	for f in "$MODERN"/*.gold; do
		awk -v doc="$(basename "$f" .gold)" '!/^#/ && NF { print doc "\t" $0 }' "$f"
	done
}

# Score the modern samples as multisets of (mention, label) per article.
eval_modern() {
	load_modern
	modern_gold >"$EVAL_BUILD/modern.gold"
	sql -c "COPY (SELECT m.name, e.mention, e.label FROM eval_modern m, newsnlp.entities(m.body) e)
		TO STDOUT" >"$EVAL_BUILD/modern.pred"
	echo
	echo "== modern samples ($(find "$MODERN" -name '*.txt' | wc -l) articles, (mention, label) pairs per article)"
	"$EVAL_BUILD/span-eval" --errors "$EVAL_BUILD/modern.errors" \
		"$EVAL_BUILD/modern.gold" "$EVAL_BUILD/modern.pred"
	echo "misses and false guesses (kind, label, article, mention):"
	sort -t $'\t' -k3,3 -k1,1 "$EVAL_BUILD/modern.errors" | sed 's/^/  /'
}

main() {
	build
	$existing || start_cluster
	eval_dev
	eval_modern
}

main
