# shellcheck shell=bash
# Shell helpers shared by the newsnlp scripts. Source it; it defines functions only.

# Run a command as root: directly when root, else through sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "error: '$*' needs root and sudo is not installed" >&2
		return 1
	fi
}

# Export PG_CONFIG (PostgreSQL 15 unless already set) and put its bindir first on PATH.
pg_setup_env() {
	export PG_CONFIG="${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}"
	local bindir
	bindir="$("$PG_CONFIG" --bindir)" || return 1
	case ":$PATH:" in
	*":$bindir:"*) ;;
	*) export PATH="$bindir:$PATH" ;;
	esac
}

# Run a command with its output in a log file; show the log only if it fails.
run_quiet() {
	local log status=0
	log="$(mktemp)"
	"$@" >"$log" 2>&1 || status=$?
	if [ "$status" -ne 0 ]; then
		cat "$log" >&2
		echo "error: '$*' failed with status $status" >&2
	fi
	rm -f "$log"
	return "$status"
}
