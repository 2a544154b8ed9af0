# shellcheck shell=bash
# Throwaway PostgreSQL cluster for tests, the demo and the benchmark. Source it:
#
#   . scripts/cluster.sh
#   trap cluster_stop EXIT
#   trap 'exit 130' INT TERM   # so the EXIT trap also runs on ^C
#   cluster_start              # exports PGHOST PGPORT PGUSER PGDATABASE
#   ...
#
# The cluster lives in a mktemp -d directory that holds its data, its log and
# its Unix socket (no TCP). As root the server runs as the system user
# newsnlp; otherwise as the current user. cluster_stop is safe to call at any
# time, any number of times, and never fails, so it is fit for a trap.

# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NEWSNLP_CLUSTER_USER=newsnlp

# Run a command as the user who owns the cluster.
cluster_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$NEWSNLP_CLUSTER_USER" -- "$@")
	else
		"$@"
	fi
}

# When root, create the unprivileged system user the server runs as.
cluster_ensure_user() {
	[ "$(id -u)" -eq 0 ] || return 0
	getent passwd "$NEWSNLP_CLUSTER_USER" >/dev/null && return 0
	useradd --system --no-create-home --home-dir /nonexistent \
		--shell /usr/sbin/nologin "$NEWSNLP_CLUSTER_USER"
}

# Print a TCP port in 20000-59999 that nothing on this machine listens on.
cluster_free_port() {
	local port hex
	while :; do
		port=$((20000 + RANDOM % 40000))
		printf -v hex ':%04X ' "$port"
		# field 2 is local address:port, field 4 the state (0A = LISTEN)
		if ! awk -v p="$hex" 'index($2 " ", p) && $4 == "0A" { found = 1 } END { exit !found }' \
			/proc/net/tcp /proc/net/tcp6 2>/dev/null; then
			echo "$port"
			return
		fi
	done
}

# Create and start the cluster, and export PGHOST PGPORT PGUSER PGDATABASE.
cluster_start() {
	if [ -n "${NEWSNLP_CLUSTER_DIR:-}" ] &&
		cluster_as_owner pg_ctl -D "$NEWSNLP_CLUSTER_DIR/data" status >/dev/null 2>&1; then
		return 0    # already running
	fi
	cluster_stop
	pg_setup_env || return 1
	cluster_ensure_user || return 1
	NEWSNLP_CLUSTER_DIR="$(mktemp -d /tmp/newsnlp-pg.XXXXXX)" || return 1
	export NEWSNLP_CLUSTER_DIR
	if [ "$(id -u)" -eq 0 ]; then
		chown "$NEWSNLP_CLUSTER_USER:" "$NEWSNLP_CLUSTER_DIR" || return 1
	fi
	local dir="$NEWSNLP_CLUSTER_DIR" port
	port="$(cluster_free_port)"
	if ! cluster_as_owner initdb -D "$dir/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		echo "cluster: initdb failed" >&2
		return 1
	fi
	cat >>"$dir/data/postgresql.conf" <<-CONF
		listen_addresses = ''
		unix_socket_directories = '$dir'
		port = $port
		fsync = off
		full_page_writes = off
	CONF
	if ! cluster_as_owner pg_ctl -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
		tail -n 40 "$dir/server.log" >&2
		echo "cluster: server failed to start" >&2
		return 1
	fi
	export PGHOST="$dir" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
}

# Wait up to 60 s for the server to accept connections (after a crash it recovers first).
cluster_wait_ready() {
	local tries=0
	until pg_isready -q -d postgres; do
		tries=$((tries + 1))
		[ "$tries" -lt 120 ] || return 1
		sleep 0.5
	done
}

# Print the server log's lines about crashed backends, if any.
cluster_report_crashes() {
	[ -f "${NEWSNLP_CLUSTER_DIR:-}/server.log" ] || return 0
	grep -E 'was terminated by|PANIC' "$NEWSNLP_CLUSTER_DIR/server.log" || true
}

# Stop the cluster and remove its directory; harmless if none is running.
cluster_stop() {
	local dir="${NEWSNLP_CLUSTER_DIR:-}"
	[ -n "$dir" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		cluster_as_owner pg_ctl -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
			kill -9 "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null || true
	fi
	rm -rf -- "$dir" || true
	unset NEWSNLP_CLUSTER_DIR PGHOST PGPORT PGUSER PGDATABASE
	return 0
}

# Create database $1 in LATIN1 (from template0, C locale) with newsnlp installed.
cluster_create_latin1_db() {
	psql -X -q -v ON_ERROR_STOP=1 -d postgres \
		-c "CREATE DATABASE \"$1\" TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE EXTENSION newsnlp"
}
