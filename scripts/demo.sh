#!/usr/bin/env bash
# The newsnlp demo (README, make demo): build and install the extension, start
# a throwaway cluster, load the sample articles of scripts/demo/articles
# (file name YYYY-MM-DD-slug.txt, first line the headline) and print the
# results of scripts/demo/showcase.sql. The cluster is removed at the end.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh

DB=newsnlp_demo
export PGCLIENTENCODING=UTF8

# Print a step heading.
step() {
	printf '\n==> %s\n' "$1"
}

# Load one article file into the articles table.
load_article() {
	local file="$1" name
	name="$(basename "$file" .txt)"
	psql -X -q -v ON_ERROR_STOP=1 \
		-v published="${name:0:10}" \
		-v headline="$(head -n 1 "$file")" \
		-v body="$(tail -n +2 "$file" | sed '/./,$!d')" \
		<<<"INSERT INTO articles (published, headline, body) VALUES (:'published', :'headline', :'body');"
}

step "dependencies"
bash scripts/deps.sh
pg_setup_env

step "build"
run_quiet make -j2
echo "built newsnlp.so"

step "install"
run_quiet as_root make install PG_CONFIG="$PG_CONFIG"
echo "installed into $("$PG_CONFIG" --sharedir)/extension"

step "throwaway cluster"
trap cluster_stop EXIT
trap 'exit 130' INT TERM
cluster_start
echo "PostgreSQL running on socket $PGHOST port $PGPORT"

step "loading the sample articles"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB"
export PGDATABASE="$DB"
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION newsnlp;
CREATE TABLE articles (
	id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	published date NOT NULL,
	headline text NOT NULL,
	body text NOT NULL
);
SQL
for file in scripts/demo/articles/*.txt; do
	load_article "$file"
done
psql -X -At -c "SELECT format('%s articles, %s characters', count(*), sum(length(body))) FROM articles"

step "showcase queries (scripts/demo/showcase.sql)"
psql -X -q -f scripts/demo/showcase.sql

cluster_stop
step "done: the throwaway cluster is stopped and removed"
