#!/usr/bin/env bash
# newsnlp.backfill() under interruption and concurrent writes:
#  1. cancelled by statement_timeout, then by pg_cancel_backend, then resumed:
#     no row lost or annotated twice;
#  2. rows inserted (and annotated by the tracking trigger) while a backfill
#     runs are not annotated again;
#  3. a body of BACKFILL_BIG_MB (default 50) MB: a cancel mid-batch keeps
#     nothing of it, and a new call annotates it completely.
# Needs a server reachable through the PG* variables whose database has
# newsnlp installed. Prints TAP; exits non-zero if any check failed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

ROWS=6000
BATCH=50
BIG_MB="${BACKFILL_BIG_MB:-50}"
APP="newsnlp_backfill_$$"

work="$(mktemp -d)"
bg_pid=""

# Stop a background session still running, drop the tables, remove scratch files.
cleanup() {
	if [ -n "$bg_pid" ]; then kill "$bg_pid" 2>/dev/null || true; fi
	psql -X -q -c "DROP TABLE IF EXISTS bf_articles, bf_big CASCADE" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

# One value from a query.
q() {
	psql -X -At -v ON_ERROR_STOP=1 -c "$1"
}

# A fresh tracked table bf_articles of $1 news-like rows, none annotated yet.
make_table() {
	psql -X -q -v ON_ERROR_STOP=1 <<-SQL
		SET client_min_messages = warning;
		DROP TABLE IF EXISTS bf_articles CASCADE;
		CREATE TABLE bf_articles (id int PRIMARY KEY, body text);
		INSERT INTO bf_articles
		SELECT g, repeat(format(E'“We will not be rushed on item %s by NATO,” said Mara Lindqvist of Northfield University. '
		                        'Officials in Tokyo and Berlin met NATO envoys on day %s.\n\n', g, g), 5)
		FROM generate_series(1, $1) g;
		SELECT newsnlp.track('bf_articles', 'body', 'id');
	SQL
} >/dev/null

# Rows of the side tables that differ from entities()/quotes()/claims() of the table,
# both ways, plus keys marked done that are missing or extra: 0 when in step.
out_of_step() {
	q "SELECT
		(SELECT count(*) FROM ((SELECT a.id, e.mention, e.label, e.canonical, e.pos, e.len
		                        FROM bf_articles a, newsnlp.entities(a.body) e
		                        EXCEPT ALL SELECT * FROM bf_articles_entities)
		                       UNION ALL
		                       (SELECT * FROM bf_articles_entities
		                        EXCEPT ALL SELECT a.id, e.mention, e.label, e.canonical, e.pos, e.len
		                        FROM bf_articles a, newsnlp.entities(a.body) e)) d)
		+ (SELECT count(*) FROM ((SELECT a.id, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
		                          FROM bf_articles a, newsnlp.quotes(a.body) q
		                          EXCEPT ALL SELECT * FROM bf_articles_quotes)
		                         UNION ALL
		                         (SELECT * FROM bf_articles_quotes
		                          EXCEPT ALL SELECT a.id, q.quote, q.speaker, q.speaker_label, q.cue, q.kind, q.pos, q.len
		                          FROM bf_articles a, newsnlp.quotes(a.body) q)) d)
		+ (SELECT count(*) FROM ((SELECT a.id, c.* FROM bf_articles a, newsnlp.claims(a.body) c
		                          EXCEPT ALL SELECT * FROM bf_articles_claims)
		                         UNION ALL
		                         (SELECT * FROM bf_articles_claims
		                          EXCEPT ALL SELECT a.id, c.* FROM bf_articles a, newsnlp.claims(a.body) c)) d)
		+ (SELECT count(*) FROM ((SELECT id FROM bf_articles EXCEPT ALL SELECT id FROM bf_articles_nlp_done)
		                         UNION ALL
		                         (SELECT id FROM bf_articles_nlp_done EXCEPT ALL SELECT id FROM bf_articles)) d)"
}

# Start "CALL newsnlp.backfill($1, $2)" in the background as application $APP.
backfill_bg() {
	rm -f "$work/bg.status"
	(
		status=0
		PGAPPNAME="$APP" psql -X -v VERBOSITY=verbose -c "CALL newsnlp.backfill('$1', $2)" \
			>"$work/bg.out" 2>&1 || status=$?
		echo "$status" >"$work/bg.status"
	) &
	bg_pid=$!
}

# Wait for the background session; its psql status in REPLY.
backfill_wait() {
	wait "$bg_pid" || true
	bg_pid=""
	REPLY="$(cat "$work/bg.status")"
}

# Cancel the running backfill of application $APP once condition $1 (SQL) holds.
cancel_when() {
	local tries=0
	until [ "$(q "SELECT $1")" = t ] || [ "$tries" -ge 600 ]; do
		tries=$((tries + 1))
		sleep 0.1
	done
	q "SELECT count(pg_cancel_backend(pid)) FROM pg_stat_activity
	   WHERE application_name = '$APP' AND state = 'active' AND query LIKE 'CALL%'" >/dev/null
}

# 1. Cancelled twice, then resumed.
make_table "$ROWS"
status=0
psql -X -v VERBOSITY=verbose -c "SET statement_timeout = '700ms'" \
	-c "CALL newsnlp.backfill('bf_articles', $BATCH)" >"$work/timeout.out" 2>&1 || status=$?
after_timeout="$(q "SELECT count(*) FROM bf_articles_nlp_done")"
if [ "$status" -ne 0 ] && grep -q '^ERROR:  57014:' "$work/timeout.out" &&
	[ "$after_timeout" -gt 0 ] && [ "$after_timeout" -lt "$ROWS" ] && [ $((after_timeout % BATCH)) -eq 0 ]; then
	tap 0 "statement_timeout cancelled the backfill after $after_timeout of $ROWS rows, whole batches of $BATCH kept"
else
	sed 's/^/# /' "$work/timeout.out"
	tap 1 "statement_timeout cancelled the backfill mid-way with whole batches kept ($after_timeout of $ROWS done)"
fi
backfill_bg bf_articles "$BATCH"
cancel_when "(SELECT count(*) FROM bf_articles_nlp_done) >= $after_timeout + 2 * $BATCH"
backfill_wait
after_cancel="$(q "SELECT count(*) FROM bf_articles_nlp_done")"
if [ "$REPLY" -ne 0 ] && grep -q '^ERROR:  57014:' "$work/bg.out" &&
	[ "$after_cancel" -gt "$after_timeout" ] && [ "$after_cancel" -lt "$ROWS" ]; then
	tap 0 "pg_cancel_backend cancelled the resumed backfill at $after_cancel of $ROWS rows"
else
	sed 's/^/# /' "$work/bg.out"
	tap 1 "pg_cancel_backend cancelled the resumed backfill mid-way ($after_cancel of $ROWS done)"
fi
psql -X -c "CALL newsnlp.backfill('bf_articles', $BATCH)" >"$work/resume.out" 2>&1
grep 'NOTICE' "$work/resume.out" | sed 's/^/# /'
diff="$(out_of_step)"
tap "$([ "$diff" -eq 0 ] && echo 0 || echo 1)" "after the third call every row is annotated exactly once ($diff rows out of step)"
last="$(grep 'NOTICE' "$work/resume.out" | tail -n 1)"
pattern="newsnlp.backfill\\(public.bf_articles\\): $ROWS of $ROWS rows \\(100\\.0%\\), [0-9.]+ rows/s, done"
[[ "$last" =~ $pattern ]] && status=0 || status=1
tap "$status" "the last progress NOTICE reports $ROWS of $ROWS rows, 100.0%, the rate and done"

claims="$(q "SELECT count(*) FROM bf_articles_claims")"
tap "$([ "$claims" -eq $((5 * ROWS)) ] && echo 0 || echo 1)" "the claims side table holds one claim per quote ($claims of $((5 * ROWS)))"

# 2. Inserts while a backfill runs.
make_table "$ROWS"
backfill_bg bf_articles "$BATCH"
for i in $(seq 1 20); do
	q "INSERT INTO bf_articles
	   SELECT g, format('Chancellor Friedrich Merz met envoys in Paris on day %s.', g)
	   FROM generate_series($ROWS + $i * 10, $ROWS + $i * 10 + 9) g" >/dev/null
done
backfill_wait
diff="$(out_of_step)"
total="$(q "SELECT count(*) FROM bf_articles")"
if [ "$REPLY" -eq 0 ] && [ "$diff" -eq 0 ] && [ "$total" -eq $((ROWS + 200)) ]; then
	tap 0 "200 rows inserted during the backfill are annotated once ($total rows, none out of step)"
else
	sed 's/^/# /' "$work/bg.out"
	tap 1 "rows inserted during the backfill are annotated once (status $REPLY, $diff rows out of step, $total rows)"
fi

# 3. A body of BIG_MB megabytes: six entities and two quotes per paragraph.
if [ "$BIG_MB" -gt 0 ]; then
	paragraph=$'“We will not be rushed,” said Mara Lindqvist, director of Arctic studies at Northfield University. The U.S. and U.K. delegations met for 2.5 hours on Jan. 14; officials said 28,500 troops would stay. Ministers in Zürich and 東京 followed the talks.\n\n'
	reps=$((BIG_MB * 1000 * 1000 / ${#paragraph}))
	{
	psql -X -q -v ON_ERROR_STOP=1 -v p="$paragraph" <<-SQL
		SET client_min_messages = warning;
		CREATE TABLE bf_big (id int PRIMARY KEY, body text);
		INSERT INTO bf_big VALUES (1, repeat(:'p', $reps));
		SELECT newsnlp.track('bf_big', 'body', 'id');
	SQL
	} >/dev/null
	echo "# big body: $(q "SELECT octet_length(body) FROM bf_big") bytes"
	backfill_bg bf_big 1
	sleep 2
	cancel_when "true"
	backfill_wait
	kept="$(q "SELECT (SELECT count(*) FROM bf_big_entities) + (SELECT count(*) FROM bf_big_claims) +
	               (SELECT count(*) FROM bf_big_nlp_done)")"
	if [ "$REPLY" -ne 0 ] && grep -q '^ERROR:  57014:' "$work/bg.out" && [ "$kept" -eq 0 ]; then
		tap 0 "a cancel while annotating the ${BIG_MB} MB body keeps nothing of it"
	else
		sed 's/^/# /' "$work/bg.out"
		tap 1 "a cancel while annotating the ${BIG_MB} MB body keeps nothing of it (status $REPLY, $kept rows kept)"
	fi
	SECONDS=0
	psql -X -q -c "CALL newsnlp.backfill('bf_big')" >"$work/big.out" 2>&1 || true
	got="$(q "SELECT (SELECT count(*) FROM bf_big_entities) || ' ' || (SELECT count(*) FROM bf_big_quotes) || ' ' ||
	               (SELECT count(*) FROM bf_big_nlp_done)")"
	if [ "$got" = "$((6 * reps)) $((2 * reps)) 1" ]; then
		tap 0 "the ${BIG_MB} MB body is annotated completely: $((6 * reps)) entities, $((2 * reps)) quotes (${SECONDS} s)"
	else
		sed 's/^/# /' "$work/big.out"
		tap 1 "the ${BIG_MB} MB body is annotated completely (entities, quotes, done: $got; want $((6 * reps)) $((2 * reps)) 1)"
	fi
fi

tap_end
