\pset footer off
\echo '-- instants are shown in UTC; no result depends on the session''s TimeZone'
SET TimeZone = 'UTC';
\echo
\echo '== 1. PyTorch''s share of NeurIPS 2019 papers, with its 95 % Wilson interval'
SELECT framework, value AS papers, round(share(value) OVER ()::numeric, 4) AS share
FROM observations WHERE metric = 'neurips_papers' ORDER BY papers DESC;

SELECT round(s.share::numeric, 4) AS pytorch_share,
       round(s.lower::numeric, 4) AS lower_95, round(s.upper::numeric, 4) AS upper_95
FROM (SELECT sum(value) FILTER (WHERE framework = 'pytorch') AS pytorch,
             sum(value) AS papers
      FROM observations WHERE metric = 'neurips_papers') n,
     share_interval(n.pytorch, n.papers) s;

\echo
\echo '== 2. The TensorFlow:PyTorch job-listing ratio, and how it changed'
\echo '   (the article''s "ten months" are the 306 days from 2019-03-01 to 2020-01-01)'
CREATE TEMP VIEW job_ratio AS
SELECT period,
       sum(value) FILTER (WHERE framework = 'tensorflow')
       / sum(value) FILTER (WHERE framework = 'pytorch') AS tensorflow_per_pytorch
FROM observations WHERE metric = 'job_listings' GROUP BY period;

SELECT * FROM job_ratio ORDER BY period;

-- a month is 30 days everywhere, as extract(epoch FROM interval '1 month') counts it
CREATE TEMP VIEW jobs AS
SELECT rivalry_agg(period, framework, value, 'tensorflow', 'pytorch') AS r
FROM observations WHERE metric = 'job_listings';

SELECT round(ratio_change(r)::numeric, 4) AS change,
       round(ratio_trend(r, '1 month')::numeric, 4) AS per_month
FROM jobs;

\echo
\echo '== 3. When will they reach parity, if the trend holds?'
\echo '   (two observations: the line through them; months of 30 days after the last)'
SELECT method, parity_at(r, method)::date AS parity,
       round(parity_in(r, method => method)::numeric, 1) AS months_after_last
FROM jobs, unnest(ARRAY['loglinear', 'linear']) method;

\echo
\echo '== 4. Python against Java on Stack Overflow: when did the lead change hands?'
CREATE VIEW python_java AS
SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_posts;

SELECT crossovers(r)::date AS lead_changed FROM python_java;

SELECT first_period(r)::date AS since, round(first_ratio(r)::numeric, 2) AS python_per_java_then,
       last_period(r)::date AS until, round(last_ratio(r)::numeric, 2) AS python_per_java_now,
       round(ratio_trend(r)::numeric, 3) AS ratio_trend_per_year
FROM python_java;

\echo
\echo '== 5. What a fit on 2012-2015 projected (it happened in January 2017: see 4.)'
SELECT method, p.estimate::date AS projected_parity, p.lower::date AS lower_95, p.upper::date AS upper_95
FROM (SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_posts
      WHERE month >= '2012-01-01' AND month < '2016-01-01') early,
     unnest(ARRAY['loglinear', 'logistic']) method,
     parity_interval(r, 0.95, method) p;

\echo
\echo '== 6. PyTorch against TensorFlow: questions per year, parity with its 95 % interval'
\echo '   (2020 is a partial year; loglinear uses only the years PyTorch had questions)'
CREATE VIEW pytorch_tensorflow AS
SELECT rivalry_agg(make_date(year, 7, 1), framework, questions, 'pytorch', 'tensorflow') AS r
FROM so_questions;

SELECT method, f.periods_used AS years_used, p.estimate::date AS parity,
       p.lower::date AS lower_95, p.upper::date AS upper_95
FROM pytorch_tensorflow, unnest(ARRAY['loglinear', 'logistic']) method,
     parity_interval(r, 0.95, method) p, fit(r, method) f;

\echo '   the same over the year as a number: the _point functions answer in years'
SELECT method, round(p.estimate::numeric, 2) AS parity_year,
       round(p.lower::numeric, 2) AS lower_95, round(p.upper::numeric, 2) AS upper_95, p.bounded
FROM (SELECT rivalry_agg(year + 0.5, framework, questions, 'pytorch', 'tensorflow') AS r FROM so_questions) y,
     unnest(ARRAY['loglinear', 'logistic']) method, parity_interval_point(r, 0.95, method) p;

\echo
\echo '== 7. Charts: the rows projection() returns are what a chart plots'
SELECT "time"::date, round(observed_share::numeric, 3) AS observed, round(fitted_share::numeric, 3) AS fitted,
       round(lower::numeric, 3) AS lower_95, round(upper::numeric, 3) AS upper_95
FROM pytorch_tensorflow, projection(r, until => '2023-07-01', step => '1 year');

\echo
\echo '== 8. A market of 14 languages on Stack Overflow: who leads, how concentrated, who gained'
CREATE VIEW languages AS SELECT market_agg(month, tag, posts) AS m FROM so_posts;

SELECT label, round(share::numeric, 3) AS share_2020_07, round(overall_share::numeric, 3) AS since_2008, rank
FROM languages, shares(m) ORDER BY rank LIMIT 5;

SELECT leader(m), round(hhi(m)::numeric, 3) AS hhi, round((1 / hhi(m))::numeric, 1) AS equivalent_equal_contenders
FROM languages;

SELECT "time"::date AS month, from_label, to_label FROM languages, leader_changes(m)
WHERE "time" >= '2014-01-01';

\echo
\echo '== 9. Summaries kept current as rows arrive: no refresh'
\echo '   (a copy of the posts; adoption_maintain() fills a table of monthly markets and keeps it current)'
CREATE TABLE posts_live AS SELECT * FROM so_posts;
CREATE TABLE languages_monthly (month date PRIMARY KEY, m market);
\o /dev/null
SELECT adoption_maintain('posts_live', 'languages_monthly', 'market_agg(month, tag, posts)', ARRAY['month']);
\o
CREATE VIEW dashboard AS
SELECT last_period(m)::date AS through, leader(m), s.label, round(s.share::numeric, 4) AS share
FROM (SELECT rollup(m) AS m FROM languages_monthly) x, shares(m) s WHERE s.label IN ('python', 'javascript');

SELECT * FROM dashboard;

\echo '   a month of observations arrives (August 2020, made up: July''s posts, python up 10 %)'
INSERT INTO posts_live
SELECT month + interval '1 month', tag, CASE tag WHEN 'python' THEN round(posts * 1.1) ELSE posts END
FROM posts_live WHERE month = '2020-07-01';

SELECT * FROM dashboard;

\echo
\echo '== 10. How far to trust a projection: Python against Java, fitted from January 2012'
\echo '   (backtest_parity: what a fit up to each origin projected; the lead changed hands in January 2017)'
CREATE VIEW python_java_2012 AS
SELECT rivalry_agg(month, tag, posts, 'python', 'java') AS r FROM so_posts WHERE month >= '2012-01-01';

SELECT origin::date, estimate::date AS projected_parity, lower::date AS lower_95, upper::date AS upper_95,
       crossover::date AS happened, round((extract(epoch FROM estimate - crossover) / 86400 / 30)::numeric, 1) AS months_late,
       covered
FROM python_java_2012, backtest_parity(r, min_periods => 12)
WHERE extract(month FROM origin) = 12 AND origin < '2017-01-01';

\echo '   how often the 95 % prediction band held the observed share, a year, two, three ahead'
SELECT (horizon - 1) / 12 + 1 AS years_ahead, count(*) AS projections,
       round(avg(covered::int), 3) AS covered, round(avg(abs(error))::numeric, 3) AS mean_abs_error
FROM python_java_2012, backtest(r, min_periods => 12)
WHERE origin < '2017-01-01' AND horizon <= 36 GROUP BY 1 ORDER BY 1;

\echo '   where the trend bent (breaks: segmented least squares, the number of breaks by BIC)'
SELECT "time"::date AS break, round((exp(slope_before * 31557600) - 1)::numeric, 3) AS ratio_trend_before,
       round((exp(slope_after * 31557600) - 1)::numeric, 3) AS ratio_trend_after,
       lower::date AS from, upper::date AS until
FROM python_java, breaks(r);

\echo '   at the end of 2016, the last regime alone: a fit since the last break found in 2012-2016'
SELECT b."time"::date AS last_break, i.estimate::date AS projected_parity, i.lower::date AS lower_95,
       i.upper::date AS upper_95, (SELECT min(c)::date FROM crossovers(r) c) AS happened
FROM python_java_2012,
     LATERAL (SELECT max("time") AS "time" FROM breaks(slice(r, NULL, '2017-01-01'))) b,
     LATERAL parity_interval(slice(r, b."time", '2017-01-01')) i;
