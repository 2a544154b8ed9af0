#!/usr/bin/env bash
# Run libFuzzer harnesses: run.sh SECONDS HARNESS...
#
# Each harness test/build/fuzz/fuzz_<name> runs SECONDS in total: 3/4 on
# inputs up to 64 KiB seeded from test/fuzz/corpus/<name>/ (read-only), then
# 1/4 on inputs up to 1 MiB seeded with the corpus concatenated into large
# files. New corpus entries go to test/build/fuzz/corpus/, crash reproducers
# to test/build/fuzz/<name>-crash-*. Prints the executions per harness; exits
# non-zero if any crashed, leaked, timed out or ran out of memory.
set -u

seconds=$1
shift
if ! [ "$seconds" -gt 0 ] 2>/dev/null; then
	echo "run.sh: SECONDS must be a positive number (libFuzzer reads 0 as forever)" >&2
	exit 2
fi
out=test/build/fuzz
status=0

# Print, one a line, the options every session of harness $1 shares.
common_opts() {
	local name=$1
	printf '%s\n' -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=$out/$name-"
	if [ -f "test/fuzz/$name.dict" ]; then
		echo "-dict=test/fuzz/$name.dict"
	fi
}

# Print the files of the given directories that are valid UTF-8.
valid_utf8_files() {
	local f
	while IFS= read -r f; do
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && echo "$f"
	done < <(find "$@" -type f 2>/dev/null | sort)
}

# Write the given files over and over into $1 until it holds $2 bytes.
repeat_into() {
	local dest=$1 size=$2
	shift 2
	[ $# -gt 0 ] || return 0
	while cat "$@"; do :; done 2>/dev/null | head -c "$size" >"$dest"
}

# Concatenate corpus files into large inputs in $1, so the long session starts
# at sizes where the interrupt checks apply instead of growing there by
# mutation: two of the valid UTF-8 seeds in $2 (so code-point boundaries are
# checked), one of anything in the seeds and the scratch corpus $3.
make_large_seeds() {
	local dir=$1 seeds=$2 scratch=$3
	local -a valid all
	mapfile -t valid < <(valid_utf8_files "$seeds")
	mapfile -t all < <(find "$seeds" "$scratch" -type f 2>/dev/null | sort)
	mkdir -p "$dir"
	repeat_into "$dir/large-1" 150000 "${valid[@]}"
	repeat_into "$dir/large-2" 300000 "${valid[@]}"
	repeat_into "$dir/large-3" 600000 "${all[@]}"
}

# Run one libFuzzer session of binary $1 for $2 seconds, logging to $3.
run_session() {
	local bin=$1 secs=$2 log=$3
	shift 3
	"$bin" -max_total_time="$secs" "$@" >"$log" 2>&1
}

# Print the executions libFuzzer reported at the end of a log, or 0.
executions() {
	sed -n 's/^stat::number_of_executed_units: *//p' "$1" 2>/dev/null | tail -n 1 | grep . || echo 0
}

# Run both sessions of one harness and print its line of the summary.
fuzz_one() {
	local bin=$1 name=${1##*/fuzz_}
	local seeds=test/fuzz/corpus/$name
	local small=$out/corpus/$name large=$out/corpus/$name-large
	local short_secs=$(((seconds * 3 + 3) / 4)) long_secs=$((seconds / 4))
	local rc=0 n1 n2=0
	local -a opts dirs=("$small")

	[ -d "$seeds" ] && dirs+=("$seeds")
	mapfile -t opts < <(common_opts "$name")
	mkdir -p "$small" "$large"
	rm -f "$out/$name.log" "$out/$name-large.log"
	run_session "$bin" "$short_secs" "$out/$name.log" "${opts[@]}" \
		-max_len=65536 "${dirs[@]}" || rc=$?
	n1=$(executions "$out/$name.log")
	if [ "$rc" -eq 0 ] && [ "$long_secs" -gt 0 ]; then
		make_large_seeds "$out/seeds/$name-large" "$seeds" "$small"
		run_session "$bin" "$long_secs" "$out/$name-large.log" "${opts[@]}" \
			-max_len=1048576 -len_control=0 "$large" "$out/seeds/$name-large" || rc=$?
		n2=$(executions "$out/$name-large.log")
	fi
	printf '%-24s %10d executions (%d up to 64 KiB, %d up to 1 MiB)  %s\n' \
		"${bin##*/}" $((n1 + n2)) "$n1" "$n2" "$([ "$rc" -eq 0 ] && echo ok || echo FAILED)"
	if [ "$rc" -ne 0 ]; then
		tail -n 40 "$out/$name.log" "$out/$name-large.log" 2>/dev/null
	fi
	return "$rc"
}

for bin in "$@"; do
	fuzz_one "$bin" || status=1
done
exit $status
