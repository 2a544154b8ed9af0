#!/usr/bin/env bash
# pg_dump and restore of a table holding stance_model values: the models
# come back byte for byte (model::text, the = operator) and predict the same,
# in both pg_dump's plain and custom formats. Needs a server reachable
# through the PG* variables whose database has newsnlp installed; creates and
# drops the databases newsnlp_dump_src and newsnlp_dump_dst. Prints TAP;
# exits non-zero if any check failed.
set -euo pipefail

# shellcheck source=test/robust/tap.sh
. "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

SRC=newsnlp_dump_src
DST=newsnlp_dump_dst
work="$(mktemp -d)"
chmod 755 "$work"

# Drop the scratch databases and files.
cleanup() {
	for db in "$SRC" "$DST"; do
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

# Fingerprint of every stored model and its predictions, one line per model.
fingerprint() {
	psql -X -A -t -d "$1" -c "
		SELECT name, md5(model::text), newsnlp.stance(model, s, t), newsnlp.stance_score(model, s, t)
		FROM models, (VALUES ('Unions reject the harbour plan.', 'harbour plan'),
		                     ('Ministers back the new bridge.', 'bridge')) AS q(s, t)
		ORDER BY 1, 3, 4"
}

# A source database with two models trained on news-style rows.
make_source() {
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $SRC"
	psql -X -q -v ON_ERROR_STOP=1 -d "$SRC" <<-'SQL'
		CREATE EXTENSION newsnlp;
		CREATE TABLE labels (id int, body text, target text, label text);
		INSERT INTO labels
		SELECT i * 10 + v.n, v.body, v.target, v.label
		FROM generate_series(0, 4) i,
		     (VALUES (1, 'Ministers back the harbour plan as a boost for jobs.', 'harbour plan', 'FAVOR'),
		             (2, 'Residents reject the harbour plan over noise.', 'harbour plan', 'AGAINST'),
		             (3, 'The harbour plan is due before the council.', 'harbour plan', 'NONE'),
		             (4, 'Commuters welcome the new bridge.', 'bridge', 'FAVOR'),
		             (5, 'Shop owners oppose the new bridge and its tolls.', 'bridge', 'AGAINST')) v(n, body, target, label);
		CREATE TABLE models (name text PRIMARY KEY, model newsnlp.stance_model);
		INSERT INTO models
		SELECT 'all', newsnlp.stance_train(body, target, label ORDER BY id) FROM labels;
		INSERT INTO models
		SELECT 'harbour', newsnlp.stance_train(body, target, label ORDER BY id) FROM labels
		WHERE target = 'harbour plan';
	SQL
}

# Restore dump file $1 with command $2 into a fresh destination database.
restore_into_fresh() {
	PGOPTIONS="-c client_min_messages=warning" psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DST"
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DST"
	$2 "$1" >/dev/null
}

make_source
want="$(fingerprint "$SRC")"
tap $([ "$(printf '%s\n' "$want" | wc -l)" -eq 4 ] && echo 0 || echo 1) "the source holds two models"

pg_dump -d "$SRC" -f "$work/plain.sql"
restore_into_fresh "$work/plain.sql" "psql -X -q -v ON_ERROR_STOP=1 -d $DST -f"
got="$(fingerprint "$DST")"
tap $([ "$got" = "$want" ] && echo 0 || echo 1) "plain dump: models and predictions come back the same"

pg_dump -Fc -d "$SRC" -f "$work/custom.dump"
restore_into_fresh "$work/custom.dump" "pg_restore --exit-on-error -d $DST"
got="$(fingerprint "$DST")"
tap $([ "$got" = "$want" ] && echo 0 || echo 1) "custom dump: models and predictions come back the same"

same="$(psql -X -A -t -d "$DST" -c "
	SELECT bool_and(m.model OPERATOR(newsnlp.=) (SELECT newsnlp.stance_train(body, target, label ORDER BY id)
	                                              FROM labels WHERE m.name = 'all' OR target = 'harbour plan'))
	FROM models m")"
tap $([ "$same" = "t" ] && echo 0 || echo 1) "retraining the restored rows gives the restored models exactly"

tap_end
