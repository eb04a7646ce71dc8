-- Summaries 0.4.0 stored, to check that this version stores, prints and
-- sends them the same way.  Run from the top of the tree in a database with
-- the extension and pageinspect: test/reference/compat/make.sh runs it under
-- 0.4.0 to write fixtures.csv; test/pgtap/compat.sql runs it under this
-- version and compares.
SET TimeZone = 'UTC';
CREATE TEMP TABLE so (month date, tag text, posts float8);
\copy so FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE fw (year int, framework text, questions float8);
\copy fw FROM 'data/stackoverflow_framework_questions_yearly.csv' WITH (FORMAT csv, HEADER true)

-- one row per summary: counts (exact in any version), and fractions (sums
-- that 0.4.0 rounded in row order; read back only)
CREATE TABLE compat_rivalry (name text, exact bool, r rivalry);
CREATE TABLE compat_trend (name text, exact bool, r trend);
CREATE TABLE compat_market (name text, exact bool, r market);
INSERT INTO compat_rivalry
SELECT 'python_java_date', true, rivalry_agg(month, tag, posts, 'python', 'java') FROM so
UNION ALL SELECT 'python_java_timestamptz', true, rivalry_agg(month::timestamptz, tag, posts, 'python', 'java') FROM so
UNION ALL SELECT 'python_java_timestamp', true, rivalry_agg(month::timestamp + interval '6 hours 30 minutes', tag, posts, 'python', 'java') FROM so
UNION ALL SELECT 'pytorch_tensorflow_years', true, rivalry_agg(year, framework, questions, 'pytorch', 'tensorflow') FROM fw
UNION ALL SELECT 'wide_numbers', true, rivalry_agg(t * 0.25, t * t, 1000 - t) FROM generate_series(-20, 20) t
UNION ALL SELECT 'big_counts', true, rivalry_agg(t::float8, 1e15 + t, 2e15) FROM generate_series(1, 10) t
UNION ALL SELECT 'percentages', false, rivalry_agg(month, posts / 7, posts / 3) FROM so WHERE tag = 'r'
UNION ALL SELECT 'tiny', false, rivalry_agg(t, 1e-300 * t, 0.1 * t) FROM generate_series(1, 5) t;
INSERT INTO compat_trend
SELECT 'python_months', true, trend_agg(month, posts) FROM so WHERE tag = 'python'
UNION ALL SELECT 'pytorch_years', true, trend_agg(year, questions) FROM fw WHERE framework = 'pytorch'
UNION ALL SELECT 'thirds', false, trend_agg(month, posts / 3) FROM so WHERE tag = 'go';
INSERT INTO compat_market
SELECT 'languages', true, market_agg(month, tag, posts) FROM so
UNION ALL SELECT 'frameworks', true, market_agg(year::float8, framework, questions) FROM fw
UNION ALL SELECT 'escaped_labels', true, market_agg(t, l, 1) FROM (VALUES (1, 'a"b'), (1, E'tab\there'), (2, 'é')) v(t, l)
UNION ALL SELECT 'many_labels', true, market_agg(t::float8, 'l' || lpad(i::text, 3, '0'), i * t) FROM generate_series(1, 300) i, generate_series(1, 3) t;

-- what is compared: the text, the binary form, and the bytes on disk
CREATE VIEW compat_forms AS
SELECT 'rivalry' AS type, name, exact, r::text AS text, encode(rivalry_send(r), 'hex') AS sent,
	encode((SELECT (tuple_data_split('compat_rivalry'::regclass, t_data, t_infomask, t_infomask2, t_bits, true))[3]
		FROM heap_page_items(get_raw_page('compat_rivalry', 0)) p WHERE p.t_ctid = c.ctid), 'hex') AS disk
FROM compat_rivalry c
UNION ALL
SELECT 'trend', name, exact, r::text, encode(trend_send(r), 'hex'),
	encode((SELECT (tuple_data_split('compat_trend'::regclass, t_data, t_infomask, t_infomask2, t_bits, true))[3]
		FROM heap_page_items(get_raw_page('compat_trend', 0)) p WHERE p.t_ctid = c.ctid), 'hex')
FROM compat_trend c
UNION ALL
SELECT 'market', name, exact, r::text, encode(market_send(r), 'hex'),
	encode((SELECT (tuple_data_split('compat_market'::regclass, t_data, t_infomask, t_infomask2, t_bits, true))[3]
		FROM heap_page_items(get_raw_page('compat_market', 0)) p WHERE p.t_ctid = c.ctid), 'hex')
FROM compat_market c;
