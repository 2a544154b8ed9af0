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
#
# Several clusters at once, each known by a name (the sharding test):
#
#   trap cluster_stop_all EXIT
#   cluster_start_named coord tcp   # also listens on 127.0.0.1
#   cluster_start_named shard1 tcp
#   cluster_use shard1              # exports the PG* variables for shard1
#   psql -h "$(cluster_host coord)" -p "$(cluster_port coord)" ...
#   cluster_stop_all                # stops every named cluster
#
# Named clusters leave PGHOST and the others alone until cluster_use, and are
# independent of the one of cluster_start. Their process titles carry the name
# of their directory, so cluster_processes can tell whether any process of
# theirs outlived them.

# shellcheck source=scripts/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NEWSNLP_CLUSTER_USER=newsnlp

# Run a command as the user who owns the cluster. runuser resets PATH, so
# it is passed on: the server must come from PG_CONFIG's installation.
cluster_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$NEWSNLP_CLUSTER_USER" -- env PATH="$PATH" "$@")
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
	NEWSNLP_CLUSTER_DIR="$(cluster_make_dir)" || return 1
	export NEWSNLP_CLUSTER_DIR
	local dir="$NEWSNLP_CLUSTER_DIR" port
	port="$(cluster_free_port)"
	cluster_init_and_start "$dir" "$port" "listen_addresses = ''" || return 1
	export PGHOST="$dir" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
}

# Make the directory of a new cluster, owned by the user the server runs as, and print it.
# Callers run pg_setup_env first: this runs in a command substitution, whose PATH is lost.
cluster_make_dir() {
	local dir
	cluster_ensure_user || return 1
	dir="$(mktemp -d /tmp/newsnlp-pg.XXXXXX)" || return 1
	if [ "$(id -u)" -eq 0 ]; then
		chown "$NEWSNLP_CLUSTER_USER:" "$dir" || return 1
	fi
	echo "$dir"
}

# Run initdb in directory $1 and start the server on port $2 with extra settings $3...
cluster_init_and_start() {
	local dir="$1" port="$2" setting
	shift 2
	if ! cluster_as_owner initdb -D "$dir/data" -U postgres -A trust -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		echo "cluster: initdb failed" >&2
		return 1
	fi
	for setting in "$@"; do
		echo "$setting" >>"$dir/data/postgresql.conf"
	done
	cat >>"$dir/data/postgresql.conf" <<-CONF
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
	cluster_stop_dir "$dir"
	unset NEWSNLP_CLUSTER_DIR PGHOST PGPORT PGUSER PGDATABASE
	return 0
}

# Stop the server of cluster directory $1 and remove the directory; never fails.
cluster_stop_dir() {
	local dir="$1"
	if [ -f "$dir/data/postmaster.pid" ]; then
		cluster_as_owner pg_ctl -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
			kill -9 "$(head -n 1 "$dir/data/postmaster.pid")" 2>/dev/null || true
	fi
	rm -rf -- "$dir" || true
}

# Named clusters: name -> directory, and name -> port.
declare -gA NEWSNLP_CLUSTER_DIRS NEWSNLP_CLUSTER_PORTS

# Create and start cluster $1 (letters, digits, _); with $2 = tcp it also listens on 127.0.0.1.
cluster_start_named() {
	local name="$1" listen="''" dir port
	if [[ ! "$name" =~ ^[A-Za-z0-9_]+$ ]] || [ -n "${NEWSNLP_CLUSTER_DIRS[$name]:-}" ]; then
		echo "cluster: bad or already used cluster name '$name'" >&2
		return 1
	fi
	[ "${2:-}" = tcp ] && listen="'127.0.0.1'"
	pg_setup_env || return 1
	dir="$(cluster_make_dir)" || return 1
	port="$(cluster_free_port)"
	NEWSNLP_CLUSTER_DIRS[$name]="$dir"
	NEWSNLP_CLUSTER_PORTS[$name]="$port"
	cluster_init_and_start "$dir" "$port" "listen_addresses = $listen" \
		"cluster_name = '$(basename "$dir")'"
}

# Print the socket directory of named cluster $1 (a libpq host).
cluster_host() {
	echo "${NEWSNLP_CLUSTER_DIRS[$1]}"
}

# Print the port of named cluster $1.
cluster_port() {
	echo "${NEWSNLP_CLUSTER_PORTS[$1]}"
}

# Export PGHOST PGPORT PGUSER PGDATABASE for named cluster $1.
cluster_use() {
	[ -n "${NEWSNLP_CLUSTER_DIRS[$1]:-}" ] || return 1
	export PGHOST="${NEWSNLP_CLUSTER_DIRS[$1]}" PGPORT="${NEWSNLP_CLUSTER_PORTS[$1]}" \
		PGUSER=postgres PGDATABASE=postgres
}

# Stop named cluster $1 and remove its directory; harmless if it is not running.
cluster_stop_named() {
	local dir="${NEWSNLP_CLUSTER_DIRS[$1]:-}"
	[ -n "$dir" ] || return 0
	cluster_stop_dir "$dir"
	unset "NEWSNLP_CLUSTER_DIRS[$1]" "NEWSNLP_CLUSTER_PORTS[$1]"
	return 0
}

# Stop every named cluster; never fails, so it is fit for a trap.
cluster_stop_all() {
	local name
	for name in "${!NEWSNLP_CLUSTER_DIRS[@]}"; do
		cluster_stop_named "$name"
	done
	return 0
}

# Print the processes (pid and command line) whose command line names directory $1's base name.
cluster_processes() {
	pgrep -a -f -- "$(basename "$1")" || true
}

# Create database $1 in LATIN1 (from template0, C locale) with newsnlp installed.
cluster_create_latin1_db() {
	psql -X -q -v ON_ERROR_STOP=1 -d postgres \
		-c "CREATE DATABASE \"$1\" TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'" &&
		psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "CREATE EXTENSION newsnlp"
}
