#!/usr/bin/env bash
# Benchmark newsnlp's functions against to_tsvector (make bench).
#
#   run.sh [--existing] [--queries FILE]
#
# By default builds and installs the extension, starts a throwaway cluster,
# loads BENCH_MB (default 10) megabytes of generated articles and times every
# query of test/bench/queries.txt BENCH_ROUNDS (default 5) times, interleaved
# round by round so drifting machine load hits all of them alike, and prints
# the medians. With --existing, uses the server and database named by the PG*
# variables as they are: nothing is built, installed or started, and any
# extension the queries need must already be there.
#
# Timing is the server's "Execution Time" from EXPLAIN (ANALYZE, TIMING OFF):
# it leaves out connection, parsing, planning and the trip to the client, and
# TIMING OFF avoids a clock call per row, so what remains is the functions'
# own work plus a row counter per node. Everything runs in one session, with
# parallel query and JIT off so each figure is one core's serial cost.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

BENCH_MB="${BENCH_MB:-10}"
BENCH_ROUNDS="${BENCH_ROUNDS:-5}"
GEN=test/build/bench/gen_articles
queries=test/bench/queries.txt
existing=false

while [ $# -gt 0 ]; do
	case "$1" in
	--existing) existing=true ;;
	--queries) queries="$2"; shift ;;
	*) echo "usage: $0 [--existing] [--queries FILE]" >&2; exit 2 ;;
	esac
	shift
done

export PGCLIENTENCODING=UTF8
export PGOPTIONS="${PGOPTIONS:-} -c max_parallel_workers_per_gather=0 -c jit=off -c client_min_messages=warning"

# Run SQL from standard input or -c, unaligned and quiet, stopping at the first error.
sql() {
	psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}

# Build the generator and, unless using an existing server, build and install the extension.
build() {
	pg_setup_env
	if $existing; then
		run_quiet make "$GEN"
	else
		run_quiet make all "$GEN"
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

# Create and fill bench_articles, then give the planner its statistics.
load_articles() {
	sql -c "DROP TABLE IF EXISTS bench_articles" \
		-c "CREATE TABLE bench_articles (id int PRIMARY KEY, body text NOT NULL)"
	"$GEN" "$BENCH_MB" | sql -c "COPY bench_articles FROM STDIN"
	sql -c "VACUUM ANALYZE bench_articles"
}

# The name=SQL lines of the queries file, without comments and blank lines.
query_lines() {
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$queries"
}

# A psql script: each query once untimed (its count, and warm caches), then
# every query once per round, each run tagged with its name for the parser.
timing_script() {
	local line
	while IFS= read -r line; do
		printf '\\echo @rows %s\n%s;\n' "${line%%=*}" "${line#*=}"
	done < <(query_lines)
	for _ in $(seq "$BENCH_ROUNDS"); do
		while IFS= read -r line; do
			printf '\\echo @time %s\nEXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) %s;\n' \
				"${line%%=*}" "${line#*=}"
		done < <(query_lines)
	done
}

# Turn the tagged psql output into the table of medians.
report() {
	local bytes=$1
	awk -v bytes="$bytes" '
	# median of a space-separated list of numbers
	function median(list,    v, n, i, j, t) {
		n = split(list, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	/^@rows / { tag = "rows"; name = $2; if (!(name in seen)) { seen[name] = 1; order[++count] = name } next }
	/^@time / { tag = "time"; name = $2; next }
	tag == "rows" && /^[0-9]+$/ { rows[name] = $1; tag = ""; next }
	tag == "time" && /Execution Time:/ { times[name] = times[name] " " $(NF - 1); tag = ""; next }
	END {
		printf "%-14s %12s %14s %12s %9s   %s\n", "function", "median ms", "x " order[1], "rows", "MB/s", "all runs (ms)"
		base = median(times[order[1]])
		for (i = 1; i <= count; i++) {
			n = order[i]; m = median(times[n])
			printf "%-14s %12.1f %14.2f %12d %9.2f  %s\n", n, m, m / base, rows[n], bytes / 1e6 / (m / 1000), times[n]
		}
	}'
}

# Load the data, run the timing script in one session and print the report.
main() {
	local bytes articles out=test/build/bench/timings.out
	build
	$existing || start_cluster
	load_articles
	read -r articles bytes < <(sql -F ' ' -c "SELECT count(*), sum(octet_length(body)) FROM bench_articles")
	echo "bench: $articles articles, $bytes bytes of text, $BENCH_ROUNDS rounds," \
		"max_parallel_workers_per_gather=0, jit=off"
	timing_script | sql -f - >"$out"
	report "$bytes" <"$out"
}

main
