#!/usr/bin/env bash
# Run a subset of the regression tests against a server under valgrind
# memcheck (make valgrind) and report the errors found, failing if any has
# a frame in newsnlp's code.
#
# Builds and installs the extension, creates a throwaway cluster, starts its
# server with valgrind (every backend and parallel worker is a fork of it,
# so each is checked), runs VALGRIND_TESTS (default: every regression test
# of an analysis function that works on small inputs) and VALGRIND_OWN_TESTS
# (test/valgrind/sql/: the bad-input tests with their 5 MB inputs cut to
# 50 KB and their timing assertions left out, as valgrind runs 30-50 times
# slower, and trained stance models read in parallel workers; the memory,
# encoding and security tests are not run) and parses the per-process logs:
# every error, and every block definitely lost at a process's exit, with a
# frame in newsnlp's code fails the run.
# The server is Debian's, built without USE_VALGRIND: memcheck sees malloc'd
# memory (newsnlp's core, ICU) exactly, and the server's palloc memory at the
# granularity of whole blocks. test/valgrind/postgres.supp holds our own
# suppressions for the server's known false positives. Logs stay in
# test/build/valgrind/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

VALGRIND_TESTS="${VALGRIND_TESTS:-sentences tokens entities entity_index dictionary quotes parallel annotate tag_trigger tracking stance stance_model}"
VALGRIND_OWN_TESTS="${VALGRIND_OWN_TESTS-stance_bad_input_small stance_model_bad_input_small quotes_bad_input_small stance_model_parallel}"
LOGDIR="$PWD/test/build/valgrind"
SUPP="$PWD/test/valgrind/postgres.supp"
SRC="$PWD/src/"

# Install valgrind if it is missing.
ensure_valgrind() {
	command -v valgrind >/dev/null && return 0
	run_quiet as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends valgrind
}

# Restart the throwaway cluster's server under valgrind, logging per process.
start_under_valgrind() {
	local dir="$NEWSNLP_CLUSTER_DIR" bindir
	bindir="$("$PG_CONFIG" --bindir)"
	cluster_as_owner pg_ctl -D "$dir/data" -m fast -w stop >/dev/null
	rm -rf "$LOGDIR"
	mkdir -p "$LOGDIR"
	chmod 777 "$LOGDIR"
	cluster_as_owner bash -c "valgrind --tool=memcheck --quiet --error-limit=no \
		--num-callers=30 --fullpath-after= --suppressions='$SUPP' \
		--leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--log-file='$LOGDIR/vg.%p.log' '$bindir/postgres' -D '$dir/data' \
		>>'$dir/server.log' 2>&1 &"
	cluster_wait_ready || { tail -n 30 "$dir/server.log"; return 1; }
}

# Print the error blocks of the logs that have a frame in newsnlp's sources.
newsnlp_errors() {
	awk -v src="$SRC" '
	/^==[0-9]+== ([A-Z]|[0-9,]+ (\([^)]*\) )?bytes in)/ && !/^==[0-9]+== (Memcheck|Copyright|Using|Command|Parent)/ { if (block != "" && ours) print block "\n"; block = $0; ours = 0; next }
	/^==[0-9]+== +(at|by) / { block = block "\n" $0; if (index($0, src) || index($0, "newsnlp.so")) ours = 1; next }
	/^==[0-9]+== *$/ { if (block != "" && ours) print block "\n"; block = ""; ours = 0 }
	END { if (block != "" && ours) print block }' "$LOGDIR"/vg.*.log
}

# Count error blocks in all logs ("at" lines start one).
all_errors() {
	cat "$LOGDIR"/vg.*.log 2>/dev/null | grep -cE '^==[0-9]+==    at ' || true
}

main() {
	local t0 t1 status=0 ours own
	ensure_valgrind
	pg_setup_env
	run_quiet make all
	run_quiet as_root make install
	trap cluster_stop EXIT
	trap 'exit 130' INT TERM
	cluster_start
	start_under_valgrind
	t0=$EPOCHREALTIME
	# pg_regress's default timeouts are fine; the server is just slow
	make installcheck REGRESS="$VALGRIND_TESTS" ISOLATION= || status=$?
	read -r -a own <<<"$VALGRIND_OWN_TESTS"
	if [ "${#own[@]}" -gt 0 ]; then
		# their \copy files go to results/ under the current directory
		mkdir -p results "$LOGDIR/own"
		"$(dirname "$("$PG_CONFIG" --pgxs)")/../test/regress/pg_regress" \
			--inputdir=test/valgrind --outputdir="$LOGDIR/own" \
			--bindir="$("$PG_CONFIG" --bindir)" --load-extension=newsnlp \
			--dbname=contrib_regression "${own[@]}" || status=$?
	fi
	t1=$EPOCHREALTIME
	cluster_as_owner pg_ctl -D "$NEWSNLP_CLUSTER_DIR/data" -m fast -w -t 600 stop >/dev/null || true
	ours="$(newsnlp_errors)"
	echo "valgrind: tests '$VALGRIND_TESTS $VALGRIND_OWN_TESTS' took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }') s;" \
		"$(ls "$LOGDIR"/vg.*.log | wc -l) processes checked, $(all_errors) errors in all, logs in $LOGDIR"
	if [ -n "$ours" ]; then
		echo "$ours"
		echo "valgrind: errors with a frame in newsnlp (above)"
		return 1
	fi
	echo "valgrind: no error has a frame in newsnlp"
	return "$status"
}

main
