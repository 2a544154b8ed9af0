#!/usr/bin/env bash
# Benchmark newsnlp's functions against to_tsvector (make bench).
#
#   run.sh [--existing] [--queries FILE] [--parallel-only]
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
#
# Then the parallel speed-up: each query of test/bench/parallel.txt runs
# BENCH_ROUNDS times with max_parallel_workers_per_gather=0 and =2,
# interleaved, and the report gives both medians and their ratio. The two
# settings must return identical rows and the parallel plan must have
# launched 2 workers, or the script fails. With --parallel-only, only this
# part runs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

BENCH_MB="${BENCH_MB:-10}"
BENCH_ROUNDS="${BENCH_ROUNDS:-5}"
GEN=test/build/bench/gen_articles
queries=test/bench/queries.txt
parallel_queries=test/bench/parallel.txt
existing=false
serial=true

while [ $# -gt 0 ]; do
	case "$1" in
	--existing) existing=true ;;
	--queries) queries="$2"; shift ;;
	--parallel-only) serial=false ;;
	*) echo "usage: $0 [--existing] [--queries FILE] [--parallel-only]" >&2; exit 2 ;;
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

# The name=SQL lines of a queries file ($1, default the serial one), without comments and blank lines.
query_lines() {
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "${1:-$queries}"
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

# The settings of a parallel run with $1 workers: plans with workers whenever
# they are allowed, so the two runs differ only in the number of workers.
parallel_settings() {
	printf 'SET max_parallel_workers_per_gather = %s;\n' "$1"
	printf 'SET %s = 0;\n' parallel_setup_cost parallel_tuple_cost min_parallel_table_scan_size
}

# A psql script for the parallel comparison: each query's result with 0 and
# 2 workers, then, per round, each query timed with 0 and with 2 workers.
parallel_script() {
	local line workers
	while IFS= read -r line; do
		for workers in 0 2; do
			parallel_settings "$workers"
			printf '\\echo @result %s %s\n%s;\n' "${line%%=*}" "$workers" "${line#*=}"
		done
	done < <(query_lines "$parallel_queries")
	for _ in $(seq "$BENCH_ROUNDS"); do
		while IFS= read -r line; do
			for workers in 0 2; do
				parallel_settings "$workers"
				printf '\\echo @time %s %s\nEXPLAIN (ANALYZE, TIMING OFF, COSTS OFF) %s;\n' \
					"${line%%=*}" "$workers" "${line#*=}"
			done
		done < <(query_lines "$parallel_queries")
	done
}

# Turn the tagged output of parallel_script into the speed-up table; fail
# if the results differ or the parallel runs did not launch 2 workers.
parallel_report() {
	awk '
	function median(list,    v, n, i, j, t) {
		n = split(list, v, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	/^@result / { tag = "result"; name = $2; w = $3; if (!(name in seen)) { seen[name] = 1; order[++count] = name } next }
	/^@time / { tag = "time"; name = $2; w = $3; next }
	tag == "result" { result[name, w] = $0; tag = ""; next }
	tag == "time" && /Workers Launched:/ { launched[name, w] = launched[name, w] " " $NF; next }
	tag == "time" && /Execution Time:/ { times[name, w] = times[name, w] " " $(NF - 1); tag = ""; next }
	END {
		bad = 0
		printf "%-16s %12s %12s %9s  %s\n", "query", "0 workers ms", "2 workers ms", "speed-up", "results"
		for (i = 1; i <= count; i++) {
			n = order[i]; s = median(times[n, 0]); p = median(times[n, 2])
			same = result[n, 0] == result[n, 2]
			printf "%-16s %12.1f %12.1f %8.2fx  %s (%s)\n", n, s, p, s / p, same ? "identical" : "DIFFERENT", result[n, 0]
			if (!same) { print "  with 2 workers: " result[n, 2]; bad = 1 }
			if (launched[n, 2] !~ /^( 2)+$/) { print "  workers launched per run:" launched[n, 2]; bad = 1 }
			printf "  all runs, 0 workers:%s\n  all runs, 2 workers:%s\n", times[n, 0], times[n, 2]
		}
		exit bad
	}'
}

# Load the data, run the timing scripts in one session each and print the reports.
main() {
	local bytes articles out=test/build/bench/timings.out pout=test/build/bench/parallel.out
	build
	$existing || start_cluster
	load_articles
	read -r articles bytes < <(sql -F ' ' -c "SELECT count(*), sum(octet_length(body)) FROM bench_articles")
	if $serial; then
		echo "bench: $articles articles, $bytes bytes of text, $BENCH_ROUNDS rounds," \
			"max_parallel_workers_per_gather=0, jit=off"
		timing_script | sql -f - >"$out"
		report "$bytes" <"$out"
	fi
	echo "bench: parallel speed-up on $articles articles, $bytes bytes, $BENCH_ROUNDS rounds, jit=off"
	parallel_script | sql -f - >"$pout"
	parallel_report <"$pout"
}

main
