#!/usr/bin/env bash
# Adversarial inputs grow linearly: every analysis function (the FUNCTIONS
# list below) on every hostile input (the inputs table of scaling.sql) at two
# sizes, SCALE_MB (default 1) and four times that, must take at most
# SCALE_LIMIT (default 7) times as long on the larger; a quadratic step would
# take 16 times. Times are the best of 3 runs, each in the server (EXPLAIN
# ANALYZE, so client traffic is left out), with parallel query off, and a
# small input counts as at least 20 ms so timer noise cannot fail it.
# Needs a server reachable through the PG* variables whose database has
# newsnlp installed. Prints TAP; exits non-zero if any check failed.
set -euo pipefail

# shellcheck source=test/robust/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

cd "$(dirname "${BASH_SOURCE[0]}")"

SCALE_MB="${SCALE_MB:-1}"
SCALE_LIMIT="${SCALE_LIMIT:-7}"

# The functions timed, as newsnlp.NAME(body); add new analysis functions here.
FUNCTIONS="tokens sentences entities entity_names dict_entities dict_entity_names quotes annotate claims"

out="$(psql -X -q -A -t -v ON_ERROR_STOP=1 \
	-v mb="$SCALE_MB" -v bytes="$(awk -v mb="$SCALE_MB" 'BEGIN { printf "%d", mb * 1000000 }')" -v limit="$SCALE_LIMIT" -v functions="$FUNCTIONS" -f scaling.sql 2>&1)" || {
	echo "$out" | sed 's/^/# /'
	bail_out "scaling.sql failed"
}
echo "$out"
! grep -q '^not ok' <<<"$out"
