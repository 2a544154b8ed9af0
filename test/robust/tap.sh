# TAP output for the shell checks under test/: source it, report each check
# with tap or check, and end with tap_end. Counts in checks and failures.
# shellcheck shell=bash

checks=0
failures=0

# Print one TAP line: ok/not ok by status $1, description $2.
tap() {
	checks=$((checks + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $checks - $2"
	else
		failures=$((failures + 1))
		echo "not ok $checks - $2"
	fi
}

# Print one TAP line for check $1 passing (status 0 of the command that follows) or failing.
check() {
	local what="$1" status=0
	shift
	"$@" || status=$?
	tap "$status" "$what"
}

# Stop the run with TAP's Bail out! and reason $1.
bail_out() {
	echo "Bail out! $1"
	exit 1
}

# Print the plan; the status is non-zero if any check failed.
tap_end() {
	echo "1..$checks"
	[ "$failures" -eq 0 ]
}
