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
