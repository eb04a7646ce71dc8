#!/usr/bin/env bash
# Three clusters on localhost: a coordinator and two shards.  Observations
# live in a table partitioned by region whose partitions are postgres_fdw
# foreign tables on the shards, the foreign servers created with
# extensions 'adoption'.  The aggregates are pushed to the shards, results
# equal a single-server run, and per-shard summaries merged with rollup()
# equal the single-server summary.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

cluster_start COORD
cluster_start SHARD1
cluster_start SHARD2

# the same rows everywhere they belong: the Stack Overflow posts split
# between two regions, 60 % north, the rest south
LOAD_SQL="
CREATE TABLE so_posts (month date, tag text, posts float8);
\\copy so_posts FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE obs (region text, month date, tag text, posts float8);
"
for shard in SHARD1 SHARD2; do
	region=$([ "$shard" = SHARD1 ] && echo north || echo south)
	q "$shard" postgres <<SQL
CREATE EXTENSION adoption;
$LOAD_SQL
INSERT INTO obs SELECT 'north', month, tag, floor(posts * 0.6) FROM so_posts WHERE '$region' = 'north';
INSERT INTO obs SELECT 'south', month, tag, posts - floor(posts * 0.6) FROM so_posts WHERE '$region' = 'south';
ANALYZE obs;
SQL
done
q COORD postgres <<SQL
CREATE EXTENSION adoption;
CREATE EXTENSION postgres_fdw;
$LOAD_SQL
-- the single-server copy
INSERT INTO obs SELECT 'north', month, tag, floor(posts * 0.6) FROM so_posts;
INSERT INTO obs SELECT 'south', month, tag, posts - floor(posts * 0.6) FROM so_posts;
ALTER TABLE obs RENAME TO obs_single;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '$SHARD1_PORT', dbname 'postgres', extensions 'adoption');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
	OPTIONS (host '127.0.0.1', port '$SHARD2_PORT', dbname 'postgres', extensions 'adoption');
CREATE USER MAPPING FOR postgres SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER shard2 OPTIONS (user 'postgres');
CREATE TABLE obs (region text, month date, tag text, posts float8) PARTITION BY LIST (region);
CREATE FOREIGN TABLE obs_north PARTITION OF obs FOR VALUES IN ('north')
	SERVER shard1 OPTIONS (table_name 'obs', use_remote_estimate 'true');
CREATE FOREIGN TABLE obs_south PARTITION OF obs FOR VALUES IN ('south')
	SERVER shard2 OPTIONS (table_name 'obs', use_remote_estimate 'true');
SQL
ok $? "a coordinator with two foreign partitions on two shards"

GROUPED="SELECT region, rivalry_agg(month, tag, posts, 'python', 'java') AS r,
	trend_agg(month, posts) FILTER (WHERE tag = 'python') AS tr FROM obs GROUP BY region"
plan=$(q COORD postgres -c "SET enable_partitionwise_aggregate = on" -c "EXPLAIN (VERBOSE, COSTS OFF) $GROUPED")
pushed=$(grep -cF "Remote SQL: SELECT region, public.rivalry_agg(month, tag, posts, 'python'::text, 'java'::text), public.trend_agg(month, posts) FILTER (WHERE (tag = 'python')) FROM public.obs GROUP BY 1" <<<"$plan")
is "$pushed" "2" "EXPLAIN VERBOSE: rivalry_agg and trend_agg are pushed to both shards"
[ "$pushed" = 2 ] || sed 's/^/# /' <<<"$plan"

# per region, sharded and single-server
sharded=$(q COORD postgres -c "SET enable_partitionwise_aggregate = on" -c "
	SELECT string_agg(region || r::text || tr::text, ',' ORDER BY region) FROM ($GROUPED) s")
single=$(q COORD postgres -c "
	SELECT string_agg(region || r::text || tr::text, ',' ORDER BY region) FROM (${GROUPED/FROM obs /FROM obs_single }) s")
[ -n "$single" ]
ok $? "the single-server run gives summaries"
is "$sharded" "$single" "per region, the sharded summaries equal the single-server ones"

# the world: per-shard summaries fetched and merged with rollup()
is "$(q COORD postgres -c "SET enable_partitionwise_aggregate = on" -c "
	SELECT rollup(r) = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM obs_single)
	   AND rollup(tr) = (SELECT trend_agg(month, posts) FROM obs_single WHERE tag = 'python')
	FROM ($GROUPED) s")" "t" "rollup() of the per-shard summaries equals the single-server summary"
is "$(q COORD postgres -c "
	SELECT rivalry_agg(month, tag, posts, 'python', 'java') = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM obs_single)
	FROM obs")" "t" "an ungrouped rivalry_agg over the partitioned table equals the single-server one"
is "$(q COORD postgres -c "SET enable_partitionwise_aggregate = on" -c "
	SELECT parity_point(rollup(r)) = (SELECT parity_point(rivalry_agg(month, tag, posts, 'python', 'java')) FROM obs_single)
	FROM ($GROUPED) s")" "t" "and so does every answer read from it"

# summaries travel between servers as text and survive the trip
is "$(q COORD postgres -c "
	CREATE FOREIGN TABLE remote_summaries (r rivalry) SERVER shard1 OPTIONS (table_name 'summaries')" 2>&1 >/dev/null;
	q SHARD1 postgres -c "CREATE TABLE summaries AS SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM obs";
	q COORD postgres -c "SELECT r = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM obs_single WHERE region = 'north') FROM remote_summaries")" \
	"t" "a summary stored on a shard reads back equal through a foreign table"

done_testing
