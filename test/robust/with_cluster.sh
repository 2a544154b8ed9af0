#!/usr/bin/env bash
# Run one check of test/robust/ standalone: with_cluster.sh SCRIPT [ARGS...]
# builds and installs newsnlp, starts a throwaway cluster, creates a database
# with newsnlp installed, runs the script against it and stops the cluster.
# Used by the make targets of mk/robust.mk; scripts/test.sh runs the same
# scripts on its own cluster.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

[ $# -ge 1 ] || { echo "usage: $0 SCRIPT [ARGS...]" >&2; exit 2; }
export PGCLIENTENCODING=UTF8
pg_setup_env
run_quiet make all
run_quiet as_root make install
trap cluster_stop EXIT
trap 'exit 130' INT TERM
cluster_start
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE newsnlp_robust"
export PGDATABASE=newsnlp_robust
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION newsnlp"
bash "$@"
