#!/usr/bin/env bash
# The whole newsnlp test suite on a throwaway cluster (README, make test, CI):
# dependencies, build, install, C unit tests, pg_regress (parallel query
# included), pgTAP, the LATIN1 encoding check, cancellation latency, backfill
# and dump/restore, time growth on hostile inputs, memory, the sharding test
# and fuzzing. Each suite's checks are
# counted; the last line printed is "N passed, N failed", and the exit status
# is non-zero if anything failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
# Smaller than the make targets' defaults, to keep CI's time in bounds.
SCALE_MB="${SCALE_MB:-0.25}"
MEMORY_ROWS="${MEMORY_ROWS:-400000}"
MEMORY_CALLS="${MEMORY_CALLS:-2000}"
# Over fewer rows the allocator's settling (up to ~22 MB in the first
# 250,000 rows) can fall in the second half; a leak of 160 bytes a row still fails.
MEMORY_SLACK_MB="${MEMORY_SLACK_MB:-32}"
export SCALE_MB MEMORY_ROWS MEMORY_CALLS MEMORY_SLACK_MB
export PGCLIENTENCODING=UTF8
TAP_DB=newsnlp_tap
LATIN1_DB=newsnlp_enc_latin1
ROBUST_DB=newsnlp_robust
TAP_OK='^ok [0-9]+'
TAP_NOT_OK='^not ok [0-9]+'
# pg_regress: PG15 prints "test name ... ok" (indented in parallel groups), PG16+ prints TAP.
REGRESS_OK="$TAP_OK|^(test)? +[^ ]+ +\.\.\. ok( |$)"
REGRESS_NOT_OK="$TAP_NOT_OK|^(test)? +[^ ]+ +\.\.\. FAILED( |$)"

LOGS="$(mktemp -d)"
passed=0
failed=0
finished=false

# Print a section header.
section() {
	printf '\n======== %s ========\n' "$1"
}

# Count one passed check.
pass() {
	passed=$((passed + 1))
	echo "ok - $1"
}

# Count one failed check.
fail() {
	failed=$((failed + 1))
	echo "not ok - $1"
}

# Pass or fail check $1 by the exit status of the command that follows.
check() {
	local what="$1"
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}

# Run a command, showing its output and keeping a copy in log file $1; return its status.
run_logged() {
	local log="$LOGS/$1"
	shift
	"$@" 2>&1 | tee "$log"
}

# Add up log $2 of suite $1 with EREs $4 (passing line) and $5 (failing line);
# exit status $3 with no failing line, or no line at all, is one more failure.
tally() {
	local suite="$1" log="$LOGS/$2" status="$3" ok bad
	ok=$(grep -cE "$4" "$log")
	bad=$(grep -cE "$5" "$log")
	passed=$((passed + ok))
	failed=$((failed + bad))
	echo "# $suite: $ok passed, $bad failed"
	if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
		fail "$suite exited with status $status"
	elif [ "$ok" -eq 0 ] && [ "$bad" -eq 0 ]; then
		fail "$suite ran no checks"
	fi
}

# Stop the cluster and print the totals as the very last line.
finish() {
	if [ -n "$(cluster_report_crashes)" ]; then
		echo "---- server crashes (from the server log) ----"
		cluster_report_crashes
	fi
	cluster_stop
	rm -rf "$LOGS"
	$finished || fail "test.sh stopped before the end"
	echo "$passed passed, $failed failed"
	exit $((failed == 0 ? 0 : 1))
}
trap finish EXIT
trap 'exit 130' INT TERM

# True if the cluster runs and accepts connections; say why not otherwise.
server_ready() {
	if ! $running; then
		echo "skipped: no cluster"
		return 1
	fi
	cluster_wait_ready || {
		fail "server accepts connections"
		return 1
	}
}

# Create database $1 with the extensions named after it.
create_db() {
	local db="$1"
	shift
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" &&
		for ext in "$@"; do
			psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION $ext" || return 1
		done
}

# Check that newsnlp.$1() in the LATIN1 database fails with 0A000 naming LATIN1.
check_latin1() {
	local out status=0
	out="$(psql -X -d "$LATIN1_DB" -v VERBOSITY=verbose \
		-c "SELECT * FROM newsnlp.$1('Officials met in Oslo. They spoke.')" 2>&1)" || status=$?
	if [ "$status" -ne 0 ] && grep -qE '^ERROR:  0A000: .*LATIN1' <<<"$out"; then
		pass "$1() in a LATIN1 database raises 0A000 naming LATIN1"
	else
		echo "$out"
		fail "$1() in a LATIN1 database raises 0A000 naming LATIN1 (psql status $status)"
	fi
}

section "dependencies"
check "dependencies installed" bash scripts/deps.sh
check "PostgreSQL 15 found" pg_setup_env

section "build"
built=false
if run_logged build make -j2; then
	pass "make"
	built=true
else
	fail "make"
fi

section "C unit tests"
run_logged unit make -j2 unit
tally "unit tests" unit $? "$TAP_OK" "$TAP_NOT_OK"

section "install"
installed=false
if ! $built; then
	echo "skipped: the build failed"
elif run_logged install as_root make install PG_CONFIG="$PG_CONFIG"; then
	pass "make install"
	installed=true
else
	fail "make install"
fi

section "cluster"
running=false
if ! $installed; then
	echo "skipped: newsnlp is not installed"
elif cluster_start; then
	pass "throwaway cluster started (PGHOST=$PGHOST PGPORT=$PGPORT)"
	running=true
else
	fail "throwaway cluster started"
fi

section "pg_regress"
if server_ready; then
	rm -f regression.diffs
	run_logged regress make installcheck
	status=$?
	tally "pg_regress" regress "$status" "$REGRESS_OK" "$REGRESS_NOT_OK"
	if [ "$status" -ne 0 ] && [ -s regression.diffs ]; then
		echo "---- regression.diffs (first 400 lines) ----"
		head -n 400 regression.diffs
	fi
fi

section "pgTAP"
shopt -s nullglob
tap_files=(test/pgtap/*.sql)
if server_ready; then
	if [ "${#tap_files[@]}" -eq 0 ]; then
		fail "pgTAP: no test files in test/pgtap"
	elif create_db "$TAP_DB" pgtap newsnlp; then
		run_logged pgtap pg_prove --verbose --dbname "$TAP_DB" "${tap_files[@]}"
		tally "pgTAP" pgtap $? "$TAP_OK" "$TAP_NOT_OK"
	else
		fail "pgTAP database created"
	fi
fi

section "encoding"
if server_ready; then
	if cluster_create_latin1_db "$LATIN1_DB"; then
		check_latin1 sentences
		check_latin1 tokens
		check_latin1 entities
	else
		fail "LATIN1 database with newsnlp created"
	fi
fi

section "cancellation"
if server_ready; then
	if create_db "$ROBUST_DB" newsnlp; then
		PGDATABASE="$ROBUST_DB" run_logged robust bash test/robust/cancel.sh
		tally "cancellation" robust $? "$TAP_OK" "$TAP_NOT_OK"
	else
		fail "database for the cancellation checks created"
	fi
fi

section "backfill and dump/restore"
if server_ready; then
	if create_db "${ROBUST_DB}_backfill" newsnlp; then
		PGDATABASE="${ROBUST_DB}_backfill" run_logged backfill bash test/robust/backfill.sh
		tally "backfill" backfill $? "$TAP_OK" "$TAP_NOT_OK"
	else
		fail "database for the backfill checks created"
	fi
	run_logged dump_restore bash test/robust/dump_restore.sh
	tally "dump/restore" dump_restore $? "$TAP_OK" "$TAP_NOT_OK"
	run_logged dump_restore_stance bash test/robust/dump_restore_stance.sh
	tally "dump/restore of stance models" dump_restore_stance $? "$TAP_OK" "$TAP_NOT_OK"
fi

section "sharding"
if ! $installed; then
	echo "skipped: newsnlp is not installed"
else
	run_logged sharding bash test/sharding/run.sh --installed
	tally "sharding" sharding $? "$TAP_OK" "$TAP_NOT_OK"
fi

section "time growth on hostile inputs"
if server_ready; then
	PGDATABASE="$ROBUST_DB" run_logged scaling bash test/robust/scaling.sh
	tally "time growth" scaling $? "$TAP_OK" "$TAP_NOT_OK"
fi

section "memory"
if server_ready; then
	PGDATABASE="$ROBUST_DB" run_logged memory bash test/robust/memory.sh
	tally "memory" memory $? "$TAP_OK" "$TAP_NOT_OK"
fi

section "fuzzing"
if ! grep -qE '^fuzz[[:space:]]*:' mk/fuzz.mk; then
	echo "skipped: mk/fuzz.mk has no fuzz target yet"
elif make fuzz FUZZ_SECONDS="$FUZZ_SECONDS" >"$LOGS/fuzz" 2>&1; then
	tail -n 20 "$LOGS/fuzz"
	pass "make fuzz FUZZ_SECONDS=$FUZZ_SECONDS"
else
	tail -n 200 "$LOGS/fuzz"
	fail "make fuzz FUZZ_SECONDS=$FUZZ_SECONDS"
fi

finished=true
