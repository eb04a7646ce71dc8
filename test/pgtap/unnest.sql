-- unnest(rivalry | trend | market): the periods of a stored summary as
-- rows, equal to the GROUP BY over the raw rows it summarizes; aggregated
-- again, the rows give back the summary itself.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE so_yearly (year int, framework text, questions float8);
\copy so_yearly FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE s AS
SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r,
	(SELECT trend_agg(month, posts) FROM so_monthly WHERE tag = 'go') AS tr,
	market_agg(month, tag, posts) AS m,
	(SELECT rivalry_agg(year, framework, questions, 'pytorch', 'tensorflow') FROM so_yearly) AS ry
FROM so_monthly;

-- the raw rows per period, by plain SQL
CREATE TEMP VIEW raw_rivalry AS
SELECT month::timestamptz AS "time", extract(epoch FROM month::timestamptz)::float8 AS point,
	coalesce(sum(posts) FILTER (WHERE tag = 'python'), 0) AS a,
	coalesce(sum(posts) FILTER (WHERE tag = 'java'), 0) AS b,
	count(*) FILTER (WHERE tag = 'python') AS a_rows, count(*) FILTER (WHERE tag = 'java') AS b_rows
FROM so_monthly WHERE tag IN ('python', 'java') GROUP BY month;

SELECT plan(15);

SELECT set_eq($$ SELECT "time", point, a, b, a_rows, b_rows FROM s, unnest(r) $$,
	$$ SELECT * FROM raw_rivalry $$,
	'unnest(rivalry): time, point, the sums and row counts of each side, per period, as GROUP BY gives them');
SELECT is_empty($$ SELECT * FROM s, unnest(r) u
	WHERE u.share IS DISTINCT FROM CASE WHEN a + b > 0 THEN a / (a + b) END
	   OR u.ratio IS DISTINCT FROM CASE WHEN b > 0 THEN a / b END $$,
	'its share is a / (a + b), its ratio a / b, NULL where undefined');
SELECT is((SELECT array_agg(u.point ORDER BY u.point) FROM s, unnest(ry) u),
	(SELECT array_agg(DISTINCT year::float8) FROM so_yearly WHERE framework IN ('pytorch', 'tensorflow')),
	'over numeric time: point is the year');
SELECT is((SELECT count(*) FROM s, unnest(ry) u WHERE u."time" IS NULL), 8::bigint,
	'over numeric time: time is NULL');
SELECT is((SELECT (share, ratio)::text FROM s, unnest(ry) WHERE point = 2015), '(0,0)',
	'a year with no PyTorch question: share and ratio 0 / 382');
SELECT set_eq($$ SELECT "time", value, rows FROM s, unnest(tr) $$,
	$$ SELECT month::timestamptz, sum(posts), count(*) FROM so_monthly WHERE tag = 'go' GROUP BY month $$,
	'unnest(trend): the value and row count per period');
SELECT set_eq($$ SELECT "time", label, value, rows FROM s, unnest(m) WHERE rows > 0 $$,
	$$ SELECT month::timestamptz, tag, sum(posts), count(*) FROM so_monthly GROUP BY month, tag $$,
	'unnest(market): every observed label of every period');
SELECT is((SELECT count(*) FROM s, unnest(m)),
	(SELECT count(DISTINCT month) * count(DISTINCT tag) FROM so_monthly),
	'every label in every period, zeros where a label has no rows');
SELECT is_empty($$ SELECT * FROM s, unnest(m) u JOIN (
		SELECT month::timestamptz AS "time", tag AS label,
			sum(posts) / sum(sum(posts)) OVER (PARTITION BY month) AS share,
			rank() OVER (PARTITION BY month ORDER BY sum(posts) DESC) AS rank
		FROM so_monthly GROUP BY month, tag) w USING ("time", label)
	WHERE abs(u.share - w.share) > 1e-15 OR u.rank <> w.rank $$,
	'market share and rank per period agree with sum() OVER and rank() OVER');
SELECT set_eq($$ SELECT "time", a, b FROM (SELECT rivalry_agg(u."time", u.a, u.b) AS again FROM s, unnest(r) u) x,
		unnest(again) $$,
	$$ SELECT "time", a, b FROM s, unnest(r) $$,
	'rivalry_agg over unnest(r)''s sums has r''s sums (its row counts are one a period)');
SELECT ok((SELECT market_agg(u."time", u.label, u.value) FILTER (WHERE u.rows > 0)::text
		= (SELECT market_agg(month::timestamptz, tag, total)::text FROM (
			SELECT month, tag, sum(posts) AS total FROM so_monthly GROUP BY month, tag) g)
	FROM s, unnest(m) u),
	'market_agg over unnest(m) equals market_agg over the per-period sums');
SELECT is_empty($$ WITH many AS (SELECT p, 'label' || l AS label, ((l * 7919 + p * 104729) % 1000)::float8 AS v
		FROM generate_series(1, 3) p, generate_series(1, 300) l)
	SELECT * FROM (SELECT u.label, u.point, u.rank FROM (SELECT market_agg(p, label, v) AS m FROM many) x, unnest(m) u) ours
	FULL JOIN (SELECT label, p::float8 AS point, rank() OVER (PARTITION BY p ORDER BY v DESC)::int AS rank FROM many) theirs
		USING (label, point) WHERE ours.rank IS DISTINCT FROM theirs.rank $$,
	'300 labels in 3 periods, ties among them: every rank is rank()''s');
SELECT is((SELECT count(*) FROM unnest('{"version":1,"time":"date","periods":[]}'::rivalry)), 0::bigint,
	'an empty summary has no rows');

SELECT is((SELECT (share, ratio)::text FROM unnest((SELECT rivalry_agg(1::float8, 1.5e308, 0.5e308)))), '(0.75,3)',
	'a + b beyond double precision: the share of each half, 0.75');
SELECT is((SELECT share FROM unnest((SELECT rivalry_agg(1::float8, 0, 1.7e308)) + (SELECT rivalry_agg(1::float8, 1e308, 0)))),
	(1e308::float8 / 2) / (1e308::float8 / 2 + 1.7e308::float8 / 2),
	'and 1e308 of 2.7e308: (1e308 / 2) / (1e308 / 2 + 1.7e308 / 2)');

SELECT * FROM finish();
ROLLBACK;
