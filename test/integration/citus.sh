#!/usr/bin/env bash
# Citus 13.2.2 for real: a coordinator and two workers on localhost, the
# Stack Overflow posts distributed by tag and by month, a million synthetic
# rows distributed by series, and single-node copies of all of them.  Every
# aggregate runs as Citus plans it (partial on the workers, combined on the
# coordinator; whole on the workers when grouped by the distribution
# column) and equals (=) the single-node summary, accessors included.
#
# Citus is in no Debian archive: it is built once from the source in
# ../shared/vendor (the one place the project reads ../shared; CITUS_VENDOR
# overrides it) and installed into PostgreSQL 15, and reused by later runs.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

CITUS_VERSION=13.2.2
CITUS_EXTVERSION=13.2-1
CITUS_VENDOR=${CITUS_VENDOR:-$(cd .. && pwd)/shared/vendor}

# ensure_citus: citus.so of this version installed, else built from the vendored source
ensure_citus() {
	local control
	control="$("$PG_CONFIG" --sharedir)/extension/citus.control"
	if [ -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ] &&
		grep -q "default_version = '$CITUS_EXTVERSION'" "$control" 2>/dev/null; then
		echo "# Citus $CITUS_VERSION is installed: reused"
		return 0
	fi
	if [ ! -f "$CITUS_VENDOR/citus-$CITUS_VERSION.tar.gz" ]; then
		echo "# no Citus source in $CITUS_VENDOR (set CITUS_VENDOR)" >&2
		return 1
	fi
	echo "# building Citus $CITUS_VERSION from $CITUS_VENDOR (once; later runs reuse it)"
	ensure_packages libcurl4-openssl-dev libkrb5-dev liblz4-dev libpam0g-dev libreadline-dev \
		libselinux1-dev libssl-dev libxslt1-dev libzstd-dev
	local build
	build=$(mktemp -d /tmp/adoption-citus-build.XXXXXX)
	(
		set -e
		cd "$build"
		tar xzf "$CITUS_VENDOR/citus-$CITUS_VERSION.tar.gz"
		cd "citus-$CITUS_VERSION"
		# Debian's 15.20 exports have_createdb_privilege(), which Citus also defines
		if grep -q "have_createdb_privilege" "$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h"; then
			patch -s -p1 <"$CITUS_VENDOR/citus-$CITUS_VERSION-pg15.20.patch"
		fi
		./configure --without-libcurl PG_CONFIG="$PG_CONFIG" >configure.log 2>&1
		make -s -j2 >make.log 2>&1
		$SUDO make -s install >install.log 2>&1
	) || {
		echo "# the Citus build failed in $build" >&2
		tail -20 "$build"/citus-*/make.log >&2 2>/dev/null
		return 1
	}
	rm -rf "$build"
}

ensure_citus
ok $? "Citus $CITUS_VERSION installed (built from the vendored source, or reused)"

CITUS="-c shared_preload_libraries=citus -c max_connections=200 -c citus.log_remote_commands=off"
cluster_start COORD $CITUS
cluster_start WORKER1 $CITUS
cluster_start WORKER2 $CITUS
for node in COORD WORKER1 WORKER2; do
	q "$node" postgres -c "CREATE EXTENSION citus" >/dev/null
done
q COORD postgres <<SQL >/dev/null
SELECT citus_set_coordinator_host('127.0.0.1', $COORD_PORT);
SELECT citus_add_node('127.0.0.1', $WORKER1_PORT);
SQL
ok $? "a coordinator and a worker"

# CREATE EXTENSION on the coordinator reaches the workers, and a worker added later
q COORD postgres -c "CREATE EXTENSION adoption" >/dev/null
is "$(q WORKER1 postgres -c "SELECT extversion FROM pg_extension WHERE extname = 'adoption'")" "0.5.0" \
	"CREATE EXTENSION adoption on the coordinator creates it on the worker"
q COORD postgres -c "SELECT citus_add_node('127.0.0.1', $WORKER2_PORT)" >/dev/null
is "$(q WORKER2 postgres -c "SELECT extversion FROM pg_extension WHERE extname = 'adoption'")" "0.5.0" \
	"a worker added later gets the extension too"

# the data, distributed, and single-node copies (tables local to the coordinator)
q COORD postgres <<'SQL' >/dev/null
SET citus.shard_count = 8;
CREATE TABLE so_local (month date, tag text, posts float8);
\copy so_local FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE so_by_tag (LIKE so_local);
SELECT create_distributed_table('so_by_tag', 'tag');
INSERT INTO so_by_tag SELECT * FROM so_local;
CREATE TABLE so_by_month (LIKE so_local);
SELECT create_distributed_table('so_by_month', 'month');
INSERT INTO so_by_month SELECT * FROM so_local;
-- a million rows: 10 000 series of 50 periods, two rows a period, fractional
-- values whose sums depend on their order unless they are exact
CREATE TABLE syn_local AS
SELECT s AS series, (date '2020-01-01' + (p * 7)) AS t,
	round((random() * 1000)::numeric, 3)::float8 / 7 AS a,
	round((random() * 1000)::numeric, 2)::float8 / 3 AS b
FROM generate_series(1, 10000) s, generate_series(0, 49) p, generate_series(1, 2) r;
CREATE TABLE syn (LIKE syn_local);
SELECT create_distributed_table('syn', 'series');
INSERT INTO syn SELECT * FROM syn_local ORDER BY random();
ANALYZE syn_local;
ANALYZE syn;
SQL
is "$(q COORD postgres -c "SELECT count(*) FROM syn")" "1000000" "a million synthetic rows distributed by series"

# plan QUERY: "partial" (worker_partial_agg, coord_combine_agg) or "whole"
# (the aggregate itself in the workers' query, nothing to combine)
plan() {
	local text
	text=$(q COORD postgres -c "EXPLAIN (VERBOSE, COSTS OFF) $1")
	if grep -q "worker_partial_agg" <<<"$text" && grep -q "coord_combine_agg" <<<"$text"; then
		echo partial
	elif grep -q "Query: SELECT .*$2(" <<<"$text" && ! grep -q "coord_combine_agg" <<<"$text"; then
		echo whole
	else
		echo "other: $text"
	fi
}

# same NAME DIST_QUERY LOCAL_QUERY: the rows of both, as (key, summary), equal
# with = and in number (both land in local tables on the coordinator first)
same() {
	local name=$1 dist=$2 local_query=$3
	q COORD postgres <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS d_$name, l_$name;
CREATE TABLE d_$name AS $dist;
CREATE TABLE l_$name AS $local_query;
SELECT (SELECT count(*) FROM d_$name) = (SELECT count(*) FROM l_$name) AND count(*) = (SELECT count(*) FROM l_$name)
	AND bool_and(d.v = l.v)
FROM d_$name d JOIN l_$name l ON d.k IS NOT DISTINCT FROM l.k;
SQL
}

# the aggregates, ungrouped and grouped both ways, equal to one node's
for case in \
	"rivalry_agg wide|syn|series|rivalry_agg(t, a, b)" \
	"trend_agg|syn|series|trend_agg(t, a)" \
	"rivalry_agg long|so_by_tag|tag|rivalry_agg(month, tag, posts, 'python', 'java')" \
	"market_agg|so_by_tag|tag|market_agg(month, tag, posts)" \
	"market_agg by month|so_by_month|month|market_agg(month, tag, posts)"; do
	IFS='|' read -r name table column agg <<<"$case"
	local_table=$([ "$table" = syn ] && echo syn_local || echo so_local)
	fname=$(echo "$agg" | sed 's/(.*//')
	other=$([ "$column" = series ] && echo "(series % 7)" || echo "extract(year FROM month)")
	is "$(plan "SELECT $agg FROM $table" "$fname")" partial "$name, ungrouped: partial on the workers, combined on the coordinator"
	is "$(plan "SELECT $other, $agg FROM $table GROUP BY 1" "$fname")" partial "$name, grouped by another column: partial and combined"
	is "$(plan "SELECT $column, $agg FROM $table GROUP BY 1" "$fname")" whole "$name, grouped by the distribution column: whole on the workers"
	tag=$(echo "$name" | tr ' ' '_')
	is "$(same "${tag}_all" "SELECT 1 AS k, $agg AS v FROM $table" "SELECT 1 AS k, $agg AS v FROM $local_table")" t \
		"$name, ungrouped: equal (=) to the single-node summary"
	is "$(same "${tag}_other" "SELECT $other AS k, $agg AS v FROM $table GROUP BY 1" "SELECT $other AS k, $agg AS v FROM $local_table GROUP BY 1")" t \
		"$name, grouped by another column: every group equal"
	is "$(same "${tag}_dist" "SELECT $column AS k, $agg AS v FROM $table GROUP BY 1" "SELECT $column AS k, $agg AS v FROM $local_table GROUP BY 1")" t \
		"$name, grouped by the distribution column: every group equal"
done

# accessors of distributed aggregates equal the single-node ones
is "$(q COORD postgres <<'SQL'
SELECT md5(string_agg(concat_ws('|', parity_at(r), (parity_interval(r))::text, (fit(r, 'logistic'))::text,
	ratio_trend(r), share(r), ratio_change(r)), ','))
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_by_tag) x;
SQL
)" "$(q COORD postgres <<'SQL'
SELECT md5(string_agg(concat_ws('|', parity_at(r), (parity_interval(r))::text, (fit(r, 'logistic'))::text,
	ratio_trend(r), share(r), ratio_change(r)), ','))
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_local) x;
SQL
)" "accessors of a distributed rivalry (parity, interval, logistic fit, trend, share) equal the single node's"
is "$(q COORD postgres -c "SELECT parity_at(rivalry_agg(t, a, b)) = (SELECT parity_at(rivalry_agg(t, a, b)) FROM syn_local) FROM syn" 2>&1 | grep ERROR)" \
	"ERROR:  cannot push down subquery on the target list" \
	"a subquery beside a distributed aggregate in the target list is Citus's own limit"
is "$(q COORD postgres -c "SELECT crossovers(rivalry_agg(month, tag, posts, 'python', 'java')) FROM so_by_tag" 2>&1 | grep ERROR)" \
	"ERROR:  set-valued function called in context that cannot accept a set" \
	"a set-returning accessor straight over a distributed aggregate is refused"
is "$(q COORD postgres -c "SELECT string_agg(c::date::text, ',' ORDER BY c) FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_by_tag) x, crossovers(r) c")" \
	"$(q COORD postgres -c "SELECT string_agg(c::date::text, ',' ORDER BY c) FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') r FROM so_local) x, crossovers(r) c")" \
	"in a subquery, it works: crossovers() of the distributed rivalry equal the single node's"
is "$(q COORD postgres -c "SELECT string_agg(label || rank, ',' ORDER BY label) FROM (SELECT market_agg(month, tag, posts) m FROM so_by_month) x, shares(m)")" \
	"$(q COORD postgres -c "SELECT string_agg(label || rank, ',' ORDER BY label) FROM (SELECT market_agg(month, tag, posts) m FROM so_local) x, shares(m)")" \
	"shares() of the market distributed by month, in a subquery, equal the single node's"

# summaries as data: a distributed table and a reference table of them, rollup over each
q COORD postgres <<'SQL' >/dev/null
CREATE TABLE monthly (month date, r rivalry);
SELECT create_distributed_table('monthly', 'month');
INSERT INTO monthly SELECT month, rivalry_agg(month, tag, posts, 'python', 'java') FROM so_by_tag GROUP BY month;
CREATE TABLE markets (tag text, m market);
SELECT create_reference_table('markets');
INSERT INTO markets SELECT tag, market_agg(month, tag, posts) FROM so_by_tag GROUP BY tag;
CREATE MATERIALIZED VIEW series_trends AS SELECT series, trend_agg(t, b) AS tr FROM syn GROUP BY series;
SQL
ok $? "INSERT ... SELECT of summaries into a distributed and a reference table, and a materialized view"
is "$(plan "SELECT rollup(r) FROM monthly" rollup)" partial "rollup() over a distributed table of summaries: partial and combined"
is "$(same rollup_monthly "SELECT 1 AS k, rollup(r) AS v FROM monthly" "SELECT 1 AS k, rivalry_agg(month, tag, posts, 'python', 'java') AS v FROM so_local")" t \
	"rollup() of the distributed monthly summaries equals the single-node summary of all rows"
is "$(same rollup_markets "SELECT 1 AS k, rollup(m) AS v FROM markets" "SELECT 1 AS k, market_agg(month, tag, posts) AS v FROM so_local")" t \
	"rollup() of the markets in a reference table equals the single-node market"
is "$(same matview "SELECT series AS k, tr AS v FROM series_trends" "SELECT series AS k, trend_agg(t, b) AS v FROM syn_local GROUP BY series")" t \
	"a materialized view of distributed trends: 10 000 summaries equal the single node's"

for node in COORD WORKER1 WORKER2; do
	q "$node" postgres -c "SELECT 1" >/dev/null 2>&1 || ok 1 "$node is still up"
done
done_testing
