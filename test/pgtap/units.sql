-- Units said once: every interval argument ("per", "unit") counts seconds as
-- extract(epoch FROM interval) does, PostgreSQL's own definition: a month is
-- 30 days, a year 365.25 days.  The defaults, a month for parity_in and a
-- year for the rates, are those intervals.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
SET LOCAL TimeZone = 'UTC';

CREATE TEMP TABLE observations (metric text, framework text, period date, value float8, unit text);
\copy observations FROM 'data/seed_article_observations.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE so_monthly (month date, tag text, posts float8);
\copy so_monthly FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE s AS
SELECT (SELECT rivalry_agg(period, framework, value, 'tensorflow', 'pytorch') FROM observations
		WHERE metric = 'job_listings') AS jobs,
	rivalry_agg(month, tag, posts, 'python', 'java') AS r,
	(SELECT trend_agg(month, posts) FROM so_monthly WHERE tag = 'go') AS tr
FROM so_monthly;

SELECT plan(11);

SELECT is((SELECT (extract(epoch FROM interval '1 month') / 86400)::float8 || ' ' || (extract(epoch FROM interval '1 year') / 86400)::float8),
	'30 365.25', 'PostgreSQL''s own month and year: 30 and 365.25 days');
SELECT ok((SELECT abs(parity_in(jobs) - extract(epoch FROM parity_at(jobs) - '2020-01-01'::timestamptz)
		/ extract(epoch FROM interval '1 month')) < 1e-9 FROM s),
	'parity_in(r) counts months of extract(epoch FROM interval ''1 month'')');
SELECT is((SELECT round(parity_in(jobs)::numeric, 2) FROM s), 17.44,
	'the article''s job listings: parity 17.44 months after January 2020, as the demo prints');
SELECT is((SELECT round(ratio_trend(jobs, '1 month')::numeric, 4) || ' ' || round(parity_in(jobs, method => 'linear')::numeric, 1) FROM s),
	'-0.0390 10.2', 'the demo''s other figures: -3.9 % a month, and 10.2 months to a linear parity');
SELECT ok((SELECT abs(parity_in(r, '1 year') * extract(epoch FROM interval '1 year')
		- parity_in(r) * extract(epoch FROM interval '1 month')) < 1e-3 FROM s),
	'parity_in(r, ''1 year'') counts years of 365.25 days');
SELECT ok((SELECT abs(ratio_trend(r) - (exp((fit(r)).slope * extract(epoch FROM interval '1 year')) - 1)) < 1e-12 FROM s),
	'ratio_trend(r) is per 365.25 days: exp(slope per second times the seconds of a year) - 1');
SELECT ok((SELECT abs(ratio_trend(r, '1 month') - (exp((fit(r)).slope * 2592000) - 1)) < 1e-12 FROM s),
	'ratio_trend(r, ''1 month'') is per 30 days');
SELECT ok((SELECT abs(slope(tr, '1 day') * 365.25 - slope(tr)) < 1e-9 * abs(slope(tr)) FROM s),
	'slope(tr) is per year of 365.25 days');
SELECT is((SELECT (slope(tr) = slope(tr, '1 year') AND growth_rate(tr) = growth_rate(tr, '1 year')
		AND doubling_time(tr) = doubling_time(tr, '1 year') AND ratio_trend(r) = ratio_trend(r, '1 year'))::text FROM s),
	'true', 'the default per and unit are exactly one year');
SELECT ok((SELECT abs(doubling_time(tr, '1 month') * 30 - doubling_time(tr, '1 day')) < 1e-9
		AND abs(doubling_time(tr) * 365.25 - doubling_time(tr, '1 day')) < 1e-9 FROM s),
	'doubling_time counts the unit''s days: 30 a month, 365.25 a year');
SELECT ok((SELECT abs(growth_rate(tr, '1 month') - (exp(ln(1 + growth_rate(tr)) * 30 / 365.25) - 1)) < 1e-12 FROM s),
	'growth_rate per month and per year agree on 30 and 365.25 days');

SELECT * FROM finish();
ROLLBACK;
