#!/usr/bin/env bash
# pg_dump and pg_restore of tables built on newsnlp: a generated column of
# newsnlp.annotate(), a column kept by the newsnlp.tag() trigger, and a table
# tracked by newsnlp.track() with its side tables, views and catalogue row.
# Dumps a database in custom format, restores it into a fresh database and
# compares every row; then checks the restored triggers still work.
#
# Uses the server named by the PG* variables (it must be able to create
# databases), or starts a throwaway one with scripts/cluster.sh when PGHOST is
# unset. Prints TAP; exits non-zero if any check failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
. test/robust/tap.sh
SRC_DB=newsnlp_dump_src
DST_DB=newsnlp_dump_dst
work="$(mktemp -d)"
own_cluster=false

# Drop both databases, stop our own cluster, remove scratch files.
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $SRC_DB" -c "DROP DATABASE IF EXISTS $DST_DB" \
		>/dev/null 2>&1 || true
	if $own_cluster; then cluster_stop; fi
	rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${PGHOST:-}" ]; then
	# shellcheck source=scripts/cluster.sh
	. scripts/cluster.sh
	own_cluster=true
	cluster_start
fi

# One value from a query in database $1.
q() {
	psql -X -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# A digest of every row of table $2 in database $1, in a fixed order.
digest() {
	q "$1" "SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '-') FROM $2 t"
}

psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $SRC_DB" -c "DROP DATABASE IF EXISTS $DST_DB" \
	-c "CREATE DATABASE $SRC_DB TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$SRC_DB" >/dev/null <<-'SQL'
	SET client_min_messages = warning;
	CREATE EXTENSION newsnlp;
	CREATE TABLE stories (id int PRIMARY KEY, body text,
	    nlp jsonb GENERATED ALWAYS AS (newsnlp.annotate(body)) STORED);
	CREATE TABLE tagged (id int PRIMARY KEY, body text, nlp jsonb);
	CREATE TRIGGER tagged_tag BEFORE INSERT OR UPDATE ON tagged
	    FOR EACH ROW EXECUTE FUNCTION newsnlp.tag('body', 'nlp');
	CREATE TABLE articles (id int PRIMARY KEY, published date NOT NULL, body text);
	SELECT newsnlp.track('articles', 'body', 'id', 'published');
	INSERT INTO newsnlp.dictionary (term, label, canonical) VALUES ('Northfield', 'ORG', 'Northfield University');
	INSERT INTO stories (id, body) SELECT g, format(
	    E'“We will not be rushed on point %s by NATO,” said Mara Lindqvist of Northfield University.\n\n'
	    'Officials in Tokyo and Zürich met NATO envoys; the U.S. delegation declined to comment.', g)
	FROM generate_series(1, 200) g;
	INSERT INTO stories (id, body) VALUES (0, NULL);
	INSERT INTO tagged (id, body) SELECT id, body FROM stories;
	INSERT INTO articles SELECT id, date '2024-03-01' + id % 7, body FROM stories;
SQL

tables="stories tagged articles articles_entities articles_quotes articles_claims articles_nlp_done
	articles_top_speakers articles_speaker_stance articles_entity_mentions_daily newsnlp.dictionary"

pg_dump -Fc -d "$SRC_DB" -f "$work/dump" 2>"$work/dump.err" && status=0 || status=$?
tap "$status" "pg_dump of a database with newsnlp tables"
psql -X -q -d postgres -c "CREATE DATABASE $DST_DB TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
pg_restore --exit-on-error -d "$DST_DB" "$work/dump" 2>"$work/restore.err" && status=0 || status=$?
[ "$status" -eq 0 ] || sed 's/^/# /' "$work/restore.err" "$work/dump.err"
tap "$status" "pg_restore into a fresh database"

for t in $tables; do
	a="$(digest "$SRC_DB" "$t")"
	b="$(digest "$DST_DB" "$t" 2>&1 || true)"
	[ "$a" = "$b" ] && status=0 || status=1
	tap "$status" "$t: same rows after restore (${a%% *} rows; restored: ${b%% *})"
done

catalogue="SELECT tbl, text_column, key_column, time_column, entities_table, quotes_table,
	done_table, mentions_view, speakers_view, claims_table, stance_view FROM newsnlp.tracked"
[ "$(q "$SRC_DB" "$catalogue")" = "$(q "$DST_DB" "$catalogue")" ] && status=0 || status=1
tap "$status" "newsnlp.tracked names the restored side tables and views"

# The restored column, trigger and tracking keep working.
q "$DST_DB" "INSERT INTO stories (id, body) VALUES (1000, 'Chancellor Friedrich Merz spoke in Berlin.');
             INSERT INTO tagged (id, body) VALUES (1000, 'Chancellor Friedrich Merz spoke in Berlin.');
             INSERT INTO articles VALUES (1000, '2024-03-09', 'Chancellor Friedrich Merz spoke in Berlin.'),
                 (1001, '2024-03-09', '“Viktor Saltan has failed his country and should resign,” said Lena Marsh.');
             UPDATE articles SET body = 'NATO envoys met in Brussels.' WHERE id = 1" >/dev/null
[ "$(q "$DST_DB" "SELECT bool_and(nlp IS NOT DISTINCT FROM newsnlp.annotate(body)) FROM stories")" = t ] &&
	status=0 || status=1
tap "$status" "restored generated column equals annotate(body), new rows included"
[ "$(q "$DST_DB" "SELECT bool_and(nlp IS NOT DISTINCT FROM newsnlp.annotate(body)) FROM tagged")" = t ] &&
	status=0 || status=1
tap "$status" "restored tag() trigger fills new rows"
got="$(q "$DST_DB" "SELECT string_agg(canonical, ',' ORDER BY pos) FROM articles_entities WHERE id = 1000")
$(q "$DST_DB" "SELECT string_agg(canonical, ',' ORDER BY pos) FROM articles_entities WHERE id = 1")"
[ "$got" = $'Friedrich Merz,Berlin\nNATO,Brussels' ] && status=0 || status=1
tap "$status" "restored tracking triggers annotate inserted and updated rows ($(echo "$got" | tr '\n' ';'))"

got="$(q "$DST_DB" "SELECT string_agg(speaker || '>' || target || ':' || stance, ',') FROM articles_claims WHERE id = 1001")"
[ "$got" = 'Lena Marsh>Viktor Saltan:against' ] && status=0 || status=1
tap "$status" "restored tracking triggers fill the claims side table ($got)"
[ "$(q "$DST_DB" "SELECT obj_description('articles_speaker_stance'::regclass, 'pg_class') IS NOT NULL")" = t ] &&
	status=0 || status=1
tap "$status" "the side tables' and views' comments are restored"

tap_end
