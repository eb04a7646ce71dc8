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

SELECT round(ratio_change(first.r, last.r)::numeric, 4) AS change,
       round(((1 + ratio_change(first.r, last.r))
              ^ (1.0 / ((last.period - first.period) / 30.6)) - 1)::numeric, 4) AS per_month
FROM (SELECT period, tensorflow_per_pytorch AS r FROM job_ratio ORDER BY period LIMIT 1) first,
     (SELECT period, tensorflow_per_pytorch AS r FROM job_ratio ORDER BY period DESC LIMIT 1) last;

\echo
\echo '== 3. When will they reach parity, if the trend holds?'
SELECT method,
       parity_at(first.period, first.r, last.period, last.r, method)::date AS parity,
       round((extract(epoch FROM parity_at(first.period, first.r, last.period, last.r, method)
                      - last.period::timestamptz) / 86400 / 30.6)::numeric, 1) AS months_after_last
FROM (SELECT period, tensorflow_per_pytorch AS r FROM job_ratio ORDER BY period LIMIT 1) first,
     (SELECT period, tensorflow_per_pytorch AS r FROM job_ratio ORDER BY period DESC LIMIT 1) last,
     unnest(ARRAY['loglinear', 'linear']) method;
