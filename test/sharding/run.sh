#!/usr/bin/env bash
# Sharded execution on postgres_fdw (make sharding-test).
#
#   run.sh [--installed]
#
# Starts three throwaway servers on 127.0.0.1 (a coordinator and two shards),
# installs newsnlp on each, and on the coordinator partitions an articles
# table by hash of the publication day into postgres_fdw foreign tables, one
# per shard (test/sharding/coordinator.sql); each shard computes the
# annotation (newsnlp.annotate(body), jsonb) of its rows at insert time
# (test/sharding/shard.sql). It loads SHARDING_MB (default 2) megabytes of
# generated articles through the coordinator and, into a plain table on the
# coordinator, the same rows again, then checks that newsnlp filters, jsonb
# containment filters on the annotation and per-shard aggregates are
# evaluated on the shards, concurrently, and that every answer equals the
# single table's.
# Prints TAP; every server it started is stopped however it ends.
#
# By default builds and installs the extension first; with --installed it
# takes the installed one as it is (scripts/test.sh has just installed it).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
# shellcheck source=scripts/cluster.sh
. scripts/cluster.sh
# shellcheck source=test/robust/tap.sh
. test/robust/tap.sh
# shellcheck source=test/robust/build.sh
. test/robust/build.sh "$@"

SHARDING_MB="${SHARDING_MB:-2}"
GEN=test/build/bench/gen_articles
HERE=test/sharding
NODES=(coord shard1 shard2)
dirs=()

# Run psql on node $1 (unaligned, quiet, stopping at the first error) with the remaining arguments.
on() {
	local node="$1"
	shift
	psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$(cluster_host "$node")" -p "$(cluster_port "$node")" \
		-U postgres -d postgres "$@"
}

# Start the coordinator and the shards, listening on 127.0.0.1, and remember their directories.
start_nodes() {
	local node
	for node in "${NODES[@]}"; do
		cluster_start_named "$node" tcp || return 1
		dirs+=("$(cluster_host "$node")")
	done
}

# Create the shards' tables, the coordinator's reference table, then the partitioned table.
create_schema() {
	local type
	on shard1 -v table=articles -f "$HERE/shard.sql" &&
		on shard2 -v table=articles -f "$HERE/shard.sql" &&
		on coord -v table=articles_single -f "$HERE/shard.sql" || return 1
	type="$(on shard1 -c "SELECT format_type(atttypid, atttypmod) FROM pg_attribute
		WHERE attrelid = 'articles'::regclass AND attname = 'annotation'")" || return 1
	on coord -v annotation_type="$type" \
		-v shard1_host=127.0.0.1 -v shard1_port="$(cluster_port shard1)" \
		-v shard2_host=127.0.0.1 -v shard2_port="$(cluster_port shard2)" \
		-f "$HERE/coordinator.sql"
}

# True if newsnlp has the same version on every node.
same_version() {
	local node versions=""
	for node in "${NODES[@]}"; do
		versions+="$(on "$node" -c "SELECT extversion FROM pg_extension WHERE extname = 'newsnlp'") "
	done
	echo "# newsnlp versions: $versions"
	[ "$(tr ' ' '\n' <<<"$versions" | sort -u | grep -c .)" -eq 1 ]
}

# Load the generated articles through the coordinator, and into the reference table.
load() {
	"$GEN" "$SHARDING_MB" 2>/dev/null | on coord \
		-c "CREATE TEMP TABLE staging (id bigint, body text)" \
		-c "COPY staging FROM STDIN" \
		-c "INSERT INTO articles (id, published, body)
			SELECT id, date '2026-01-01' + (id % 61)::int, body FROM staging" \
		-c "INSERT INTO articles_single (id, published, body) SELECT id, published, body FROM articles" \
		-c "ANALYZE articles" -c "ANALYZE articles_single"
}

# True if both shards hold rows and together all the rows of the reference table.
rows_split() {
	local s1 s2 all
	s1="$(on shard1 -c "SELECT count(*) FROM articles")"
	s2="$(on shard2 -c "SELECT count(*) FROM articles")"
	all="$(on coord -c "SELECT count(*) FROM articles_single")"
	echo "# rows: shard1 $s1, shard2 $s2, single table $all"
	[ "$s1" -gt 0 ] && [ "$s2" -gt 0 ] && [ $((s1 + s2)) -eq "$all" ]
}

# True if every annotation a shard stores is its own computation, not a NULL sent to it.
shard_annotated() {
	[ "$(on "$1" -c "SELECT count(*) FROM articles
		WHERE annotation IS DISTINCT FROM newsnlp.annotate(body)")" = 0 ] &&
		[ "$(on "$1" -c "SELECT count(*) FROM articles WHERE annotation IS NULL")" = 0 ]
}

# Print the EXPLAIN VERBOSE plan of query $1 on the coordinator, with partitionwise aggregation.
plan() {
	on coord -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $1"
}

# Print text $1 (a plan, say) as TAP comments.
show() {
	# shellcheck disable=SC2001 # a prefix on every line
	sed 's/^/#   /' <<<"$1"
}

# True if plan $1 has exactly $3 lines matching ERE $2; shows the plan otherwise.
plan_has() {
	local count
	count="$(grep -cE -- "$2" <<<"$1")"
	[ "$count" -eq "$3" ] && return 0
	echo "# expected $3 lines matching /$2/, found $count"
	return 1
}

# True if query $1 gives rows, the same on the partitioned table as on the reference table
# ({t} in the query is the table).
same_answer() {
	local sharded single
	sharded="$(on coord -c "${1//\{t\}/articles}")" || return 1
	single="$(on coord -c "${1//\{t\}/articles_single}")" || return 1
	echo "# $(grep -c . <<<"$single") rows"
	[ -n "$single" ] && [ "$sharded" = "$single" ] && return 0
	diff <(echo "$sharded") <(echo "$single") | head -n 20 | sed 's/^/#   /'
	return 1
}

# Print the array literal of the Nth ($2) most frequent entity with label $1 in the reference table.
frequent() {
	on coord -c "SELECT quote_literal(ARRAY[name]) FROM articles_single, unnest(newsnlp.entity_names(body)) name
		WHERE name LIKE '$1:%' GROUP BY name ORDER BY count(*) DESC, name OFFSET $(($2 - 1)) LIMIT 1"
}

# Print the jsonb literal {"quotes": [{"speaker": S}]} of the most quoted named person S in the reference table.
frequent_speaker() {
	on coord -c "SELECT quote_literal(jsonb_build_object('quotes',
			jsonb_build_array(jsonb_build_object('speaker', q ->> 'speaker'))))
		FROM articles_single, jsonb_array_elements(annotation -> 'quotes') q
		WHERE q ->> 'speaker_label' = 'PER'
		GROUP BY q ->> 'speaker' ORDER BY count(*) DESC, q ->> 'speaker' LIMIT 1"
}

# The checks of pushdown and of the answers, on the loaded nodes.
check_queries() {
	local per1 per2 loc both speaker insert_plan
	per1="$(frequent PER 1)" per2="$(frequent PER 2)" loc="$(frequent LOC 1)"
	both="$(on coord -c "SELECT quote_literal($per1::text[] || $per2::text[])")"
	speaker="$(frequent_speaker)"
	echo "# filters on $per1, $per2, $loc; quotes of $speaker"

	insert_plan="$(plan "INSERT INTO articles_shard1 (id, published, body) VALUES (0, '2026-01-02', 'x')")"
	show "$insert_plan"
	# shellcheck disable=SC2016 # $1 is the Remote SQL's parameter
	check "an insert through the coordinator leaves the annotation to the shard (DEFAULT)" \
		plan_has "$insert_plan" 'Remote SQL: INSERT INTO public\.articles\(id, published, body, annotation\) VALUES \(\$1, \$2, \$3, DEFAULT\)' 1
	check "shard1 computed the annotation of each of its rows" shard_annotated shard1
	check "shard2 computed the annotation of each of its rows" shard_annotated shard2

	local contains shard_plan overlaps grouped
	contains="$(plan "SELECT id FROM articles WHERE newsnlp.entity_names(body) @> $per1")"
	show "$contains"
	check "entity_names(body) @> is evaluated on each shard (Remote SQL)" \
		plan_has "$contains" "Remote SQL: SELECT .* WHERE \(\(newsnlp\.entity_names\(body\) @> '.*'::text\[\]\)\)" 2
	check "the shards are scanned concurrently (Async Foreign Scan)" \
		plan_has "$contains" '-> +Async Foreign Scan on public\.articles_shard[12]' 2
	shard_plan="$(on shard1 -c "EXPLAIN (COSTS OFF) $(sed -n 's/^ *Remote SQL: //p' <<<"$contains" | head -n 1)")"
	show "$shard_plan"
	check "a shard answers the pushed filter from its GIN index on entity_names(body)" \
		plan_has "$shard_plan" 'Bitmap Index Scan on articles_entity_names_idx' 1
	overlaps="$(plan "SELECT id FROM articles WHERE newsnlp.entity_names(body) && $both")"
	show "$overlaps"
	check "entity_names(body) && is evaluated on each shard (Remote SQL)" \
		plan_has "$overlaps" "Remote SQL: SELECT .* WHERE \(\(newsnlp\.entity_names\(body\) && '.*'::text\[\]\)\)" 2
	check "the && scan is asynchronous too" \
		plan_has "$overlaps" '-> +Async Foreign Scan on public\.articles_shard[12]' 2
	grouped="$(plan "SELECT published, count(*) FROM articles
		WHERE newsnlp.entity_names(body) @> $per1 GROUP BY published")"
	show "$grouped"
	check "each shard counts its own matches (count(*) ... GROUP BY in the Remote SQL)" \
		plan_has "$grouped" "Remote SQL: SELECT published, count\(\*\) FROM public\.articles WHERE \(\(newsnlp\.entity_names\(body\) @> '.*'::text\[\]\)\) GROUP BY 1" 2
	check "the aggregating scans are asynchronous" \
		plan_has "$grouped" '-> +Async Foreign Scan' 2

	local quoted
	quoted="$(plan "SELECT id FROM articles WHERE annotation @> $speaker")"
	show "$quoted"
	check "annotation @> (jsonb) is evaluated on each shard (Remote SQL)" \
		plan_has "$quoted" "Remote SQL: SELECT .* WHERE \(\(annotation @> '.*'\)\)" 2
	check "the jsonb scan is asynchronous too" \
		plan_has "$quoted" '-> +Async Foreign Scan on public\.articles_shard[12]' 2
	# on a shard this small a sequential scan costs less; the index must be usable
	shard_plan="$(on shard1 -c "SET enable_seqscan = off" \
		-c "EXPLAIN (COSTS OFF) $(sed -n 's/^ *Remote SQL: //p' <<<"$quoted" | head -n 1)")"
	show "$shard_plan"
	check "a shard's GIN index on the annotation serves the pushed jsonb filter" \
		plan_has "$shard_plan" 'Bitmap Index Scan on articles_annotation_idx' 1

	check "ids of articles with entity_names(body) @> $per1 equal the single table's" same_answer \
		"SELECT id FROM {t} WHERE newsnlp.entity_names(body) @> $per1 ORDER BY id"
	check "ids of articles with entity_names(body) && $both equal the single table's" same_answer \
		"SELECT id FROM {t} WHERE newsnlp.entity_names(body) && $both ORDER BY id"
	check "ids of articles naming both $per1 and $loc equal the single table's" same_answer \
		"SELECT id FROM {t} WHERE newsnlp.entity_names(body) @> ($per1::text[] || $loc::text[]) ORDER BY id"
	check "counts per day of articles naming $per1 or $per2 equal the single table's" same_answer \
		"SELECT published, count(*) FILTER (WHERE newsnlp.entity_names(body) @> $per1),
			count(*) FILTER (WHERE newsnlp.entity_names(body) @> $per2)
		FROM {t} GROUP BY published ORDER BY published"
	check "ids of articles whose annotation @> $speaker equal the single table's" same_answer \
		"SELECT id FROM {t} WHERE annotation @> $speaker ORDER BY id"
	check "the stored annotation of every article equals the single table's" same_answer \
		"SELECT id, annotation FROM {t} ORDER BY id"
	check "counts of mentions per entity from the stored annotations equal the single table's" same_answer \
		"SELECT e ->> 'label', e ->> 'canonical', count(*)
		FROM {t}, jsonb_array_elements(annotation -> 'entities') e GROUP BY 1, 2 ORDER BY 1, 2"
	check "counts of quotes per speaker from the stored annotations equal the single table's" same_answer \
		"SELECT q ->> 'speaker', count(*)
		FROM {t}, jsonb_array_elements(annotation -> 'quotes') q GROUP BY 1 ORDER BY 1"
	check "entities() rows by LATERAL of the articles naming $per1 equal the single table's" same_answer \
		"SELECT a.id, e.* FROM {t} a CROSS JOIN LATERAL newsnlp.entities(a.body) e
		WHERE newsnlp.entity_names(a.body) @> $per1 ORDER BY a.id, e.pos"
}

# True if no process of the servers started here remains and their directories are gone.
no_strays() {
	local dir left=""
	for dir in "${dirs[@]}"; do
		left+="$(cluster_processes "$dir")"
		[ ! -e "$dir" ] || left+=" $dir remains"
	done
	[ -z "$left" ] && return 0
	show "$left"
	return 1
}

trap cluster_stop_all EXIT
trap 'exit 130' INT TERM

started=$SECONDS
ready=false
check "newsnlp built and installed" build "$GEN" &&
	check "coordinator and two shards started on 127.0.0.1" start_nodes &&
	check "newsnlp, the shards' tables and the partitioned table created" create_schema &&
	check "newsnlp has the same version on all three servers" same_version &&
	check "$SHARDING_MB MB of articles loaded through the coordinator and into one table" load &&
	check "each shard holds part of the rows, together all of them" rows_split &&
	ready=true
$ready && check_queries

cluster_stop_all
check "every server started here is stopped, no process of theirs remains" no_strays
echo "# $((SECONDS - started)) s"
tap_end
