-- market_agg() against the SQL a user would write for the same answers, on
-- 10 million long rows (period, label, value) with 10 labels and 120 monthly
-- periods.  A ratio below 1 means market_agg() is faster.
\pset footer off

CREATE TABLE market_obs AS
SELECT date '2010-01-01' + ((i / 83334) * interval '1 month') AS period,
	'label' || (i % 10) AS label, (1 + random() * 1000)::int::float8 AS value
FROM generate_series(0, 9999999) i;
VACUUM ANALYZE market_obs;

-- each label's share of every period: a pivot with FILTER, one column per label
SELECT * FROM bench_compare('market_agg vs pivot with FILTER (10 labels)',
	$$ SELECT count(*) FROM shares((SELECT market_agg(period, label, value) FROM market_obs)) $$,
	$$ SELECT count(*) FROM (SELECT period,
		sum(value) FILTER (WHERE label = 'label0') / sum(value) AS s0, sum(value) FILTER (WHERE label = 'label1') / sum(value) AS s1,
		sum(value) FILTER (WHERE label = 'label2') / sum(value) AS s2, sum(value) FILTER (WHERE label = 'label3') / sum(value) AS s3,
		sum(value) FILTER (WHERE label = 'label4') / sum(value) AS s4, sum(value) FILTER (WHERE label = 'label5') / sum(value) AS s5,
		sum(value) FILTER (WHERE label = 'label6') / sum(value) AS s6, sum(value) FILTER (WHERE label = 'label7') / sum(value) AS s7,
		sum(value) FILTER (WHERE label = 'label8') / sum(value) AS s8, sum(value) FILTER (WHERE label = 'label9') / sum(value) AS s9
		FROM market_obs GROUP BY period) p $$)
UNION ALL
-- the same with a window over the grouped sums
SELECT * FROM bench_compare('market_agg vs sum() OVER (PARTITION BY period)',
	$$ SELECT count(*) FROM shares((SELECT market_agg(period, label, value) FROM market_obs)) $$,
	$$ SELECT count(*) FROM (SELECT period, label, sum(value) / sum(sum(value)) OVER (PARTITION BY period) AS share
		FROM market_obs GROUP BY period, label) w $$)
UNION ALL
-- the leader of every period and where it changed
SELECT * FROM bench_compare('market_agg leader_changes vs window SQL',
	$$ SELECT count(*) FROM leader_changes((SELECT market_agg(period, label, value) FROM market_obs)) $$,
	$$ SELECT count(*) FROM (SELECT period, leader, lag(leader) OVER (ORDER BY period) AS previous
		FROM (SELECT DISTINCT ON (period) period, label AS leader FROM
			(SELECT period, label, sum(value) AS v FROM market_obs GROUP BY period, label) s
			ORDER BY period, v DESC) l) c WHERE leader IS DISTINCT FROM previous AND previous IS NOT NULL $$);

DROP TABLE market_obs;

-- many labels: a new label costs a table of its own, not a wider copy of
-- every period, so time grows linearly with labels (0.4.0: 0.15, 0.5 and
-- 1.9 s for 2 000, 4 000 and 8 000 labels of 10 periods)
SET adoption.max_labels = 65535;
CREATE TABLE market_labels AS
SELECT date '2000-01-01' + p AS period, 'label' || l AS label, 1::float8 AS value, l
FROM generate_series(1, 10) p, generate_series(1, 8000) l;
VACUUM ANALYZE market_labels;
SELECT * FROM bench_compare('market_agg, 4 000 labels vs 2 000',
	$$ SELECT periods(market_agg(period, label, value)) FROM market_labels WHERE l <= 4000 $$,
	$$ SELECT periods(market_agg(period, label, value)) FROM market_labels WHERE l <= 2000 $$)
UNION ALL
SELECT * FROM bench_compare('market_agg, 8 000 labels vs 4 000',
	$$ SELECT periods(market_agg(period, label, value)) FROM market_labels WHERE l <= 8000 $$,
	$$ SELECT periods(market_agg(period, label, value)) FROM market_labels WHERE l <= 4000 $$);
DROP TABLE market_labels;

-- 1 000 labels x 1 000 periods, fed label by label and period by period,
-- against the plain GROUP BY period, label (0.4.0: 32 s label by label,
-- 4.7 s period by period, against 1.3 s)
SET adoption.max_periods = 1000000;
CREATE TABLE market_by_period AS
SELECT date '2000-01-01' + p AS period, 'label' || l AS label, (1 + random() * 1000)::int::float8 AS value
FROM generate_series(1, 1000) p, generate_series(1, 1000) l ORDER BY p, l;
CREATE TABLE market_by_label AS SELECT * FROM market_by_period ORDER BY label, period;
VACUUM ANALYZE market_by_period;
VACUUM ANALYZE market_by_label;
SELECT * FROM bench_compare('market_agg 1 000 x 1 000, fed period by period, vs GROUP BY period, label',
	$$ SELECT hhi(market_agg(period, label, value)) FROM market_by_period $$,
	$$ SELECT count(*) FROM (SELECT period, label, sum(value) FROM market_by_period GROUP BY period, label) x $$, 3)
UNION ALL
SELECT * FROM bench_compare('market_agg 1 000 x 1 000, fed label by label, vs GROUP BY period, label',
	$$ SELECT hhi(market_agg(period, label, value)) FROM market_by_label $$,
	$$ SELECT count(*) FROM (SELECT period, label, sum(value) FROM market_by_label GROUP BY period, label) x $$, 3);
DROP TABLE market_by_period;
DROP TABLE market_by_label;
RESET adoption.max_periods;
RESET adoption.max_labels;
