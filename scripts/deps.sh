#!/usr/bin/env bash
# Install the Debian 12 packages newsnlp needs to build, test, fuzz and demo.
# Does nothing (and needs no root) when everything is already installed.
set -euo pipefail

# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PACKAGES=(
	make gcc libc6-dev pkg-config            # build tools
	clang libclang-rt-14-dev                 # fuzzing with libFuzzer
	libicu-dev                               # segmentation
	postgresql-15 postgresql-server-dev-15   # server, PGXS and pg_regress
	postgresql-15-pgtap                      # pgTAP extension
	libtap-parser-sourcehandler-pgtap-perl   # pg_prove
)

# Print the packages of PACKAGES that are not installed.
missing_packages() {
	local pkg
	for pkg in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null | grep -q '^ii' || echo "$pkg"
	done
}

# Run apt-get as root, noninteractively.
apt() {
	as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@"
}

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -eq 0 ]; then
	echo "deps: all packages present"
	exit 0
fi
echo "deps: installing ${missing[*]}"
run_quiet apt update
run_quiet apt install --no-install-recommends "${missing[@]}"
mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -ne 0 ]; then
	echo "deps: still missing after install: ${missing[*]}" >&2
	exit 1
fi
echo "deps: done"
