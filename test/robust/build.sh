# The build step of the checks that start their own servers (test/sharding/run.sh,
# test/robust/pgbench/run.sh): source it from the repository's root with the
# script's arguments ([--installed]) after scripts/cluster.sh.
# shellcheck shell=bash

installed=false
case "${1:-}" in
--installed) installed=true ;;
"") ;;
*) echo "usage: $0 [--installed]" >&2; exit 2 ;;
esac

export PGCLIENTENCODING=UTF8
export PGOPTIONS="-c client_min_messages=warning"

# Build program $1 and, unless told newsnlp is installed, build and install newsnlp too.
build() {
	pg_setup_env || return 1
	if $installed; then
		run_quiet make "$1"
	else
		run_quiet make all "$1" && run_quiet as_root make install
	fi
}
