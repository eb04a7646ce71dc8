#!/usr/bin/env bash
# adoption_maintain() under concurrency: 8 pgbench clients insert, update and
# delete observations (some in transactions that roll back) for 60 s while 2
# others read dashboards from the summary tables; halfway through, the server
# crashes (pg_ctl stop -m immediate) and restarts.  Afterwards every
# maintained summary equals (=) a fresh aggregate over the base table:
# nothing lost, nothing counted twice.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

SECONDS_PER_HALF=${MAINTAIN_SECONDS:-30}
scratch=$(mktemp -d /tmp/adoption-maintain.XXXXXX)
chmod 755 "$scratch"
trap 'stop_clusters; rm -rf "$scratch"' EXIT

cluster_start MNT -c max_connections=40 -c deadlock_timeout=100ms
q MNT postgres <<'SQL'
CREATE EXTENSION adoption;
CREATE TABLE obs (id bigserial PRIMARY KEY, k int NOT NULL, t date NOT NULL, label text NOT NULL, v float8 NOT NULL);
INSERT INTO obs (k, t, label, v)
SELECT 1 + i % 20, date '2019-01-01' + (i * 37 % 730), (ARRAY['a', 'b', 'c'])[1 + i % 3], (i * 7919 % 1000) / 10.0
FROM generate_series(1, 20000) i;
CREATE TABLE monthly (k int, month date, r rivalry, PRIMARY KEY (k, month));
CREATE TABLE markets (k int, m market, PRIMARY KEY (k));
SELECT adoption_maintain('obs', 'monthly', $$rivalry_agg(t, label, v, 'a', 'b')$$,
	ARRAY['k', $$date_trunc('month', t)::date$$]);
SELECT adoption_maintain('obs', 'markets', 'market_agg(t, label, v)', ARRAY['k']);
SQL
ok $? "a base table of 20 000 observations, a rivalry per key and month and a market per key maintained"

# the writers' scripts: rows in, rows changed (values, and months: rows move
# between keys), rows out, several at once, and transactions rolled back.
# A transaction of several statements keeps to one key: statements that
# touch several keys lock them in key order, but two transactions whose
# statements take keys in different orders can deadlock (PostgreSQL then
# rolls one back; pgbench --max-tries retries it, as an application would).
cat >"$scratch/insert.sql" <<'SQL'
\set k random(1, 20)
\set d random(0, 729)
INSERT INTO obs (k, t, label, v) VALUES
	(:k, date '2019-01-01' + :d, (ARRAY['a', 'b', 'c'])[1 + :d % 3], (:d * 7 % 1000) / 10.0),
	(:k, date '2019-01-01' + (:d * 3 % 730), 'a', 0.1 * (:d % 17)),
	(1 + :k % 20, date '2019-01-01' + :d, 'b', 0.3);
SQL
cat >"$scratch/update.sql" <<'SQL'
\set id random(1, 22000)
UPDATE obs SET v = v + 0.1, t = t + (:id % 3) * 31 WHERE id = :id;
SQL
cat >"$scratch/delete.sql" <<'SQL'
\set id random(1, 22000)
DELETE FROM obs WHERE id = :id;
SQL
cat >"$scratch/transaction.sql" <<'SQL'
\set k random(1, 20)
\set j random(0, 1099)
BEGIN;
INSERT INTO obs (k, t, label, v) VALUES (:k, date '2020-06-15', 'c', 2.5), (:k, date '2020-06-16', 'a', 0.7);
UPDATE obs SET label = CASE label WHEN 'a' THEN 'b' WHEN 'b' THEN 'c' ELSE 'a' END WHERE id = 20 * :j + :k - 1;
DELETE FROM obs WHERE id = 20 * (:j + 1) + :k - 1;
COMMIT;
SQL
cat >"$scratch/rollback.sql" <<'SQL'
\set k random(1, 20)
\set j random(0, 1099)
BEGIN;
INSERT INTO obs (k, t, label, v) VALUES (:k, date '2019-02-02', 'a', 1000), (:k, date '2019-02-03', 'b', 1000);
DELETE FROM obs WHERE k = :k AND id BETWEEN 20 * :j AND 20 * :j + 200;
UPDATE obs SET v = v * 2, t = t + 1 WHERE k = :k AND id BETWEEN 20 * :j + 200 AND 20 * :j + 400;
ROLLBACK;
SQL
cat >"$scratch/read.sql" <<'SQL'
\set k random(1, 20)
SELECT k, parity_point(rollup(r)), overall_share(rollup(r)) FROM monthly GROUP BY k;
SELECT leader(m), hhi(m) FROM markets WHERE k = :k;
SQL
chmod 644 "$scratch"/*.sql

# pgbench NAME CLIENTS SECONDS SCRIPT...: run against the cluster, output to $scratch/NAME.out
pgbench_run() {
	local name=$1 clients=$2 seconds=$3
	shift 3
	"$PG_BIN/pgbench" -n -h "$MNT_DIR" -p "$MNT_PORT" -U postgres -c "$clients" -j 2 -T "$seconds" \
		--max-tries=50 "$@" postgres >"$scratch/$name.out" 2>&1
}
WRITERS=(-f "$scratch/insert.sql@4" -f "$scratch/update.sql@3" -f "$scratch/delete.sql@2"
	-f "$scratch/transaction.sql@2" -f "$scratch/rollback.sql@1")

# transactions processed, from pgbench's report (0 if it reported none)
processed() {
	sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$scratch/$1.out" | head -1 | grep . || echo 0
}
# transactions of one script, from pgbench's per-script report
script_processed() {
	grep -A3 "^SQL script.*$2" "$scratch/$1.out" | sed -n 's/^ - \([0-9]*\) transactions (.*/\1/p' | head -1 | grep . || echo 0
}

# first half: writers and readers, then a crash while they run
started=$(q MNT postgres -c "SELECT pg_postmaster_start_time()")
pgbench_run writers1 8 $((SECONDS_PER_HALF + 30)) "${WRITERS[@]}" &
writers=$!
pgbench_run readers1 2 $((SECONDS_PER_HALF + 30)) -f "$scratch/read.sql" &
readers=$!
sleep "$SECONDS_PER_HALF"
before_crash=$(q MNT postgres -c "SELECT max(id) FROM obs")
as_cluster_owner "$PG_BIN/pg_ctl" -D "$MNT_DIR/data" -m immediate stop >/dev/null 2>&1
ok $? "the server crashes (pg_ctl stop -m immediate) after ${SECONDS_PER_HALF} s of writes"
wait $writers
wait $readers
as_cluster_owner "$PG_BIN/pg_ctl" -D "$MNT_DIR/data" -l "$MNT_DIR/server.log" -w \
	-o "-p $MNT_PORT -k $MNT_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c deadlock_timeout=100ms" start >/dev/null
ok $? "and restarts, recovering from its WAL"
restarted=$(q MNT postgres -c "SELECT pg_postmaster_start_time()")
[ "$started" != "$restarted" ] && grep -q "database system was interrupted\|redo done\|was not properly shut down" "$MNT_DIR/server.log"
ok $? "the restart is a recovery (a new postmaster, crash recovery in its log)"
first=$(q MNT postgres -c "SELECT count(*) FROM obs WHERE id > 20000 AND id <= $before_crash")
[ "$first" -gt 0 ]
ok $? "the first half's writers wrote ($first rows in before the crash)"

# second half: writers and readers again, to the end
pgbench_run readers2 2 "$SECONDS_PER_HALF" -f "$scratch/read.sql" &
readers=$!
pgbench_run writers2 8 "$SECONDS_PER_HALF" "${WRITERS[@]}"
writers_status=$?
wait $readers
readers_status=$?
ok $writers_status "the second half's 8 writers finish without an error ($(processed writers2) transactions)" ||
	tail -30 "$scratch/writers2.out"
ok $readers_status "2 readers read dashboards from the summary tables meanwhile ($(processed readers2) transactions)" ||
	tail -30 "$scratch/readers2.out"
rolled_back=$(script_processed writers2 rollback.sql)
[ "$rolled_back" -gt 0 ]
ok $? "$rolled_back transactions rolled back, $(script_processed writers2 transaction.sql) committed several statements"
after=$(q MNT postgres -c "SELECT count(*) FROM obs WHERE id > $before_crash")
[ "$after" -gt 0 ]
ok $? "rows were written after the restart ($after)"

is "$(q MNT postgres <<'SQL'
SELECT count(*) FROM (
	SELECT k, date_trunc('month', t)::date AS month, rivalry_agg(t, label, v, 'a', 'b') AS r
	FROM obs GROUP BY 1, 2 HAVING rivalry_agg(t, label, v, 'a', 'b') IS NOT NULL) f
FULL JOIN monthly m USING (k, month) WHERE f.r IS DISTINCT FROM m.r;
SQL
)" 0 "every maintained rivalry equals a fresh rivalry_agg over the base table, bit for bit"
is "$(q MNT postgres <<'SQL'
SELECT count(*) FROM (SELECT k, market_agg(t, label, v) AS m FROM obs GROUP BY k) f
FULL JOIN markets USING (k) WHERE f.m IS DISTINCT FROM markets.m;
SQL
)" 0 "every maintained market equals a fresh market_agg"
is "$(q MNT postgres -c "SELECT count(*) > 400 FROM monthly")" t "the summary table holds the keys (20 keys, 24 months)"

grep -h "number of failed transactions\|number of transactions retried" "$scratch"/writers*.out | sed 's/^/# /'
done_testing >/dev/null
exit $TAP_FAILED
