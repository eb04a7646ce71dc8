#!/usr/bin/env bash
# A materialized view of monthly summaries per metric, refreshed
# CONCURRENTLY by a pg_cron job (postgresql-15-cron, loaded through
# shared_preload_libraries): after new observations arrive and the scheduled
# run has happened, rolled-up answers equal those computed from the raw rows.
# pg_cron 1.4 schedules by the minute: the wait is bounded at 150 seconds.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

cluster_start CRON -c shared_preload_libraries=pg_cron -c cron.database_name=postgres \
	-c cron.use_background_workers=on -c max_worker_processes=16
q CRON postgres <<'SQL'
CREATE EXTENSION pg_cron;
CREATE EXTENSION adoption;
CREATE TABLE so_posts (month date, tag text, posts float8);
\copy so_posts FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
-- observations of two metrics; the second arrives later
CREATE TABLE observations (metric text, month date, tag text, value float8);
INSERT INTO observations SELECT 'posts', month, tag, posts FROM so_posts WHERE month < '2019-01-01';
INSERT INTO observations SELECT 'half_posts', month, tag, floor(posts / 2) FROM so_posts WHERE month < '2019-01-01';
CREATE MATERIALIZED VIEW monthly AS
SELECT metric, month, rivalry_agg(month, tag, value, 'python', 'java') AS r,
	trend_agg(month, value) FILTER (WHERE tag = 'python') AS python
FROM observations GROUP BY metric, month;
CREATE UNIQUE INDEX ON monthly (metric, month);
SQL
ok $? "a materialized view of monthly summaries with a unique index"

# what the raw rows say, and what the view says
check() {
	q CRON postgres <<'SQL'
SELECT count(*) = 2 AND bool_and(v.r = raw.r AND v.python = raw.python
		AND parity_point(v.r) = parity_point(raw.r))
FROM (SELECT metric, rollup(r) AS r, rollup(python) AS python FROM monthly GROUP BY metric) v
JOIN (SELECT metric, rivalry_agg(month, tag, value, 'python', 'java') AS r,
		trend_agg(month, value) FILTER (WHERE tag = 'python') AS python
	  FROM observations GROUP BY metric) raw USING (metric);
SQL
}
is "$(check)" "t" "before new observations, rollup of the view equals the raw rows"

# new observations: later months, and late additions to a month already there
q CRON postgres <<'SQL'
INSERT INTO observations SELECT 'posts', month, tag, posts FROM so_posts WHERE month >= '2019-01-01';
INSERT INTO observations SELECT 'half_posts', month, tag, floor(posts / 2) FROM so_posts WHERE month >= '2019-01-01';
INSERT INTO observations VALUES ('posts', '2018-12-01', 'python', 1000), ('posts', '2018-12-01', 'java', 10);
SQL
is "$(check)" "f" "after new observations, the stale view no longer equals the raw rows"

q CRON postgres -c "SELECT cron.schedule('refresh-monthly', '* * * * *', 'REFRESH MATERIALIZED VIEW CONCURRENTLY monthly')" >/dev/null
ok $? "a pg_cron job refreshes the view concurrently every minute"

# wait for the scheduled run, bounded
status=""
for _ in $(seq 1 150); do
	status=$(q CRON postgres -c "SELECT status FROM cron.job_run_details ORDER BY runid DESC LIMIT 1")
	case "$status" in succeeded|failed) break ;; esac
	sleep 1
done
is "$status" "succeeded" "the scheduled refresh ran and succeeded"
if [ "$status" = failed ]; then
	q CRON postgres -c "SELECT return_message FROM cron.job_run_details" | sed 's/^/# /'
fi
is "$(check)" "t" "after the scheduled refresh, rollup of the view equals the raw rows again"
is "$(q CRON postgres -c "SELECT periods(rollup(r)) FROM monthly WHERE metric = 'posts'")" \
	"$(q CRON postgres -c "SELECT count(DISTINCT month) FROM observations WHERE metric = 'posts' AND tag IN ('python', 'java')")" \
	"the refreshed view holds every month"

done_testing
