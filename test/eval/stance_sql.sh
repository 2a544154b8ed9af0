#!/usr/bin/env bash
# SemEval-2016 Task 6 through SQL: the held-out split of stance-semeval,
# trained with newsnlp.stance_train() and predicted with newsnlp.stance(),
# scored with the official pooled F_avg in SQL, and compared prediction by
# prediction with the command-line run of the same core code.
# Usage: stance_sql.sh STANCE_SEMEVAL_BINARY TRAININGDATA_FILE
# Needs a server reachable through the PG* variables where newsnlp can be
# created. Exits non-zero if the two runs disagree.
set -euo pipefail

tool=$1
data=$2
work="$(mktemp -d)"
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

"$tool" --split-out "$work" --pred-out "$work/cli.tsv" "$data" | tail -n 1 | sed 's/^/cli: /'
cut -f3 "$work/cli.tsv" > "$work/cli_labels.txt"

psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS newsnlp;
DROP TABLE IF EXISTS semeval_train, semeval_heldout, semeval_model;
CREATE TABLE semeval_train (id serial, target text, body text, label text);
CREATE TABLE semeval_heldout (id serial, target text, body text, label text);
\copy semeval_train (target, body, label) FROM '$work/train.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
\copy semeval_heldout (target, body, label) FROM '$work/heldout.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
\timing on
CREATE TABLE semeval_model AS
SELECT newsnlp.stance_train(body, target, label ORDER BY id) AS model FROM semeval_train;
\timing off
CREATE TEMP TABLE pred AS
SELECT h.id, h.label AS gold, newsnlp.stance(m.model, h.body, h.target) AS pred
FROM semeval_heldout h, semeval_model m;
-- F1 of one class from pooled counts, as the official scorer computes it.
CREATE FUNCTION pg_temp.f1(cls text) RETURNS float8 LANGUAGE sql AS \$\$
	SELECT CASE WHEN tp = 0 THEN 0 ELSE 2.0 * tp / (2 * tp + fp + fn) END
	FROM (SELECT count(*) FILTER (WHERE gold = cls AND pred = cls) AS tp,
	             count(*) FILTER (WHERE gold <> cls AND pred = cls) AS fp,
	             count(*) FILTER (WHERE gold = cls AND pred <> cls) AS fn FROM pred) c
\$\$;
SELECT round(pg_temp.f1('FAVOR')::numeric, 4) AS f1_favor, round(pg_temp.f1('AGAINST')::numeric, 4) AS f1_against,
       round(((pg_temp.f1('FAVOR') + pg_temp.f1('AGAINST')) / 2)::numeric, 4) AS f_avg_sql
FROM (SELECT 1) x;
\copy (SELECT pred FROM pred ORDER BY id) TO '$work/sql_labels.txt'
DROP TABLE semeval_train, semeval_heldout, semeval_model;
SQL

if cmp -s "$work/cli_labels.txt" "$work/sql_labels.txt"; then
	echo "SQL and command line agree on all $(wc -l < "$work/sql_labels.txt") held-out predictions"
else
	echo "SQL and command line disagree:" >&2
	diff "$work/cli_labels.txt" "$work/sql_labels.txt" | head >&2
	exit 1
fi
