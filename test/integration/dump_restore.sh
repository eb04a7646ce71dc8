#!/usr/bin/env bash
# pg_dump of a database holding summaries in tables and a materialized view,
# restored with pg_restore into a new database: every summary equal, byte for
# byte, and every accessor equal.  Runs its own throwaway cluster.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

cluster_start DUMP
q DUMP postgres -c "CREATE DATABASE source" -c "CREATE DATABASE restored"
q DUMP source <<'SQL'
CREATE EXTENSION adoption;
CREATE TABLE so_posts (month date, tag text, posts float8);
\copy so_posts FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE summaries AS
SELECT b.tag AS rival, rivalry_agg(month, p.tag, posts, 'python', b.tag) AS r,
	trend_agg(month, posts) FILTER (WHERE p.tag = b.tag) AS tr
FROM so_posts p, (VALUES ('java'), ('javascript'), ('r'), ('c#')) b(tag) GROUP BY b.tag;
CREATE MATERIALIZED VIEW yearly AS
SELECT date_trunc('year', month)::date AS year, rivalry_agg(month, tag, posts, 'python', 'java') AS r
FROM so_posts GROUP BY 1;
CREATE UNIQUE INDEX ON yearly (year);
CREATE TABLE numeric_time AS SELECT rivalry_agg(y, 1.5 * y, 3000 - y) AS r FROM generate_series(2000, 2020) y;
SQL

dump=$(mktemp /tmp/adoption-dump.XXXXXX)
"$PG_BIN/pg_dump" -h "$DUMP_DIR" -p "$DUMP_PORT" -U postgres -Fc -f "$dump" source
ok $? "pg_dump -Fc of a database with summaries"
"$PG_BIN/pg_restore" -h "$DUMP_DIR" -p "$DUMP_PORT" -U postgres -d restored "$dump"
ok $? "pg_restore into a new database"
rm -f "$dump"

# the same fingerprint of every summary, its bytes and its accessors, in both databases
fingerprint() {
	q DUMP "$1" <<'SQL'
SELECT md5(string_agg(concat_ws('|', rival, r::text, rivalry_send(r)::text, tr::text, trend_send(tr)::text,
	periods(r), share(r), ratio_change(r), ratio_trend(r), parity_point(r), parity_point(r, 'logistic'),
	(parity_interval(r))::text, (fit(r, 'linear'))::text, growth_rate(tr)), ',' ORDER BY rival))
FROM summaries;
SELECT md5(string_agg(concat_ws('|', year, r::text, rivalry_send(r)::text, parity_point(r)), ',' ORDER BY year))
FROM yearly;
SELECT md5(string_agg(concat_ws('|', r::text, parity_point(r), (SELECT array_agg(c) FROM crossover_points(r) c)), ','))
FROM numeric_time;
SQL
}
mapfile -t before < <(fingerprint source)
mapfile -t after < <(fingerprint restored)
[ "${#before[@]}" -eq 3 ] && [[ "${before[0]}${before[1]}${before[2]}" =~ ^[0-9a-f]{96}$ ]]
ok $? "fingerprints computed in the source database"
is "${after[0]}" "${before[0]}" "summaries in a table: equal text, bytes and accessors after restore"
is "${after[1]}" "${before[1]}" "summaries in a materialized view: equal after restore"
is "${after[2]}" "${before[2]}" "summaries over numeric time: equal after restore"
is "$(q DUMP restored -c "SELECT count(*) FROM summaries WHERE periods(r) > 100")" "4" \
	"the restored summaries are the four rivalries, each over more than 100 months"

# REFRESH ... CONCURRENTLY works on the restored view and changes nothing
q DUMP restored -c "REFRESH MATERIALIZED VIEW CONCURRENTLY yearly"
ok $? "REFRESH MATERIALIZED VIEW CONCURRENTLY on the restored view"
mapfile -t refreshed < <(fingerprint restored)
is "${refreshed[1]}" "${before[1]}" "and the refreshed view is unchanged"

done_testing
