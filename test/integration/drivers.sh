#!/usr/bin/env bash
# The drivers BI tools use (JDBC, psycopg2, node-postgres) against a
# throwaway cluster holding the Stack Overflow data and stored summaries.
# Each client prints TAP of its own.
cd "$(dirname "$0")/../.."
. tools/common.sh
. test/integration/tap.sh

cluster_start DRV
q DRV postgres <<'SQL'
CREATE EXTENSION adoption;
CREATE TABLE so_posts (month date, tag text, posts float8);
\copy so_posts FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE stored (id int PRIMARY KEY, r rivalry, m market);
INSERT INTO stored SELECT 1, rivalry_agg(month, tag, posts, 'python', 'java') FILTER (WHERE month >= '2010-01-01'),
	market_agg(month, tag, posts) FROM so_posts;
-- a dashboard's views over a GROUP BY with degenerate groups: one period, a
-- ratio that does not move (an unbounded interval), a misspelled label
CREATE TABLE obs (grp text, t date, label text, value float8);
INSERT INTO obs SELECT 'healthy', month, tag, posts FROM so_posts
	WHERE tag IN ('python', 'java') AND month >= '2010-01-01';
INSERT INTO obs VALUES ('one_period', '2020-01-01', 'python', 5), ('one_period', '2020-01-01', 'java', 10);
INSERT INTO obs SELECT 'flat', t::date, l, CASE l WHEN 'python' THEN a ELSE 1 END
	FROM (VALUES ('2020-01-01', 2.0), ('2020-02-01', 2.1), ('2020-03-01', 1.9), ('2020-04-01', 2.0)) v(t, a),
	unnest(ARRAY['python', 'java']) l;
INSERT INTO obs SELECT 'misspelled', t, CASE label WHEN 'python' THEN 'Python' ELSE label END, value
	FROM obs WHERE grp = 'healthy';
CREATE VIEW by_group AS SELECT grp, rivalry_agg(t, label, value, 'python', 'java') AS r FROM obs GROUP BY grp;
CREATE VIEW parity_by_group AS SELECT grp, (parity_interval(r)).* FROM by_group;
CREATE VIEW projection_by_group AS SELECT grp, band, p.* FROM by_group,
	unnest(ARRAY['confidence', 'prediction']) band, projection(r, '2021-07-01', '1 month', band => band) p;
CREATE VIEW periods_by_group AS SELECT grp, u.* FROM by_group, unnest(r) u;
SQL
ok $? "a cluster with the Stack Overflow data and stored summaries"
export PGPORT=$DRV_PORT

status=0
java -cp /usr/share/java/postgresql.jar test/drivers/Drivers.java || status=1
/usr/bin/python3 test/drivers/psycopg2_test.py || status=1

# node-postgres from the npm registry, installed in a scratch directory
scratch=$(mktemp -d /tmp/adoption-node.XXXXXX)
cp test/drivers/node/package.json test/drivers/node/pg_test.mjs "$scratch/"
if (cd "$scratch" && npm install --no-audit --no-fund --silent >npm.log 2>&1); then
	node "$scratch/pg_test.mjs" || status=1
else
	sed 's/^/# /' "$scratch/npm.log"
	ok 1 "npm install pg"
fi
rm -rf "$scratch"

done_testing >/dev/null
exit $(( status || TAP_FAILED ))
