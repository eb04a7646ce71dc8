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
