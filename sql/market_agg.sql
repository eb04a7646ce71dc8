-- market_agg() and the accessors of market
SET TimeZone = 'UTC';
\pset null '(null)'

CREATE TABLE so_market (month date, tag text, posts float8);
\copy so_market FROM 'data/stackoverflow_tag_posts_monthly.csv' WITH (FORMAT csv, HEADER true)
CREATE TABLE m AS SELECT market_agg(month, tag, posts) AS m FROM so_market;

SELECT labels(m), periods(m), first_period(m), last_period(m), leader(m) FROM m;

-- shares of the last month and overall, against the plain SQL
SELECT label, round(share::numeric, 6) AS share, round(overall_share::numeric, 6) AS overall, rank
FROM m, shares(m) ORDER BY rank, label;
SELECT count(*) AS disagreeing FROM m, shares(m) s
JOIN (SELECT tag, posts / sum(posts) OVER () AS share, rank() OVER (ORDER BY posts DESC) AS rank
	  FROM so_market WHERE month = (SELECT max(month) FROM so_market)) last ON last.tag = s.label
JOIN (SELECT tag, sum(posts) / sum(sum(posts)) OVER () AS overall FROM so_market GROUP BY tag) o ON o.tag = s.label
WHERE abs(s.share - last.share) > 1e-12 OR abs(s.overall_share - o.overall) > 1e-12 OR s.rank <> last.rank;

-- concentration: the sum of squared shares of the last month
SELECT round(hhi(m)::numeric, 10) AS hhi,
	round((SELECT sum(x) FROM (SELECT (posts / sum(posts) OVER ()) ^ 2 AS x
		FROM so_market WHERE month = '2020-07-01') s)::numeric, 10) AS plain
FROM m;

-- when the lead changed hands: Python passed JavaScript in 2018
SELECT "time"::date, from_label, to_label FROM m, leader_changes(m);

-- a rivalry out of the market equals rivalry_agg over the same rows
SELECT rivalry(m, 'python', 'java') = (SELECT rivalry_agg(month, tag, posts, 'python', 'java') FROM so_market) AS python_java,
	rivalry(m, 'swift', 'go') = (SELECT rivalry_agg(month, tag, posts, 'swift', 'go') FROM so_market) AS swift_go,
	rivalry(m, 'python', 'cobol') = (SELECT rivalry_agg(month, tag, posts, 'python', 'cobol') FROM so_market) AS one_side,
	rivalry(m, 'cobol', 'python') = (SELECT rivalry_agg(month, tag, posts, 'cobol', 'python') FROM so_market) AS other_side,
	rivalry(m, 'fortran', 'cobol') IS NULL AS neither
FROM m;

-- unordered input, rollup of parts and a parallel plan all give the same market
SELECT (SELECT market_agg(month, tag, posts ORDER BY md5(tag || month)) FROM so_market) = m AS unordered,
	(SELECT rollup(p) FROM (SELECT market_agg(month, tag, posts) p FROM so_market GROUP BY tag) x) = m AS rollup_of_tags,
	(SELECT rollup(p) FROM (SELECT market_agg(month, tag, posts) p FROM so_market GROUP BY extract(year FROM month)) x) = m AS rollup_of_years
FROM m;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT market_agg(month, tag, posts) FROM so_market;
SELECT market_agg(month, tag, posts) = (SELECT m FROM m) AS parallel_equals_serial FROM so_market;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

-- text form: labels sorted and escaped, exact round trip; binary COPY too
SELECT market_agg(t, l, v) FROM (VALUES (1, 'b', 2.0), (1, 'a', 1), (2, 'c"\', 3), (0, E'\u00e9\n', 1)) x(t, l, v);
SELECT p::text::market = p AS text_round_trip, market_send(p::text::market) = market_send(p) AS same_bytes
FROM (SELECT market_agg(month, tag, posts) p FROM so_market) x;
CREATE TABLE markets (id int, m market);
INSERT INTO markets SELECT 1, m FROM m;
INSERT INTO markets SELECT 2, market_agg(t, l, v) FROM (VALUES (1.5, E'\u00e9', 2.0), (1.5, 'x', 0)) x(t, l, v);
\copy markets TO 'results/markets.bin' WITH (FORMAT binary)
CREATE TABLE markets_back (LIKE markets);
\copy markets_back FROM 'results/markets.bin' WITH (FORMAT binary)
SELECT id, a.m = b.m AS equal FROM markets a JOIN markets_back b USING (id) ORDER BY id;
SELECT '{"version":1,"time":"date","labels":[],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","labels":["a"],"periods":[["2020-01-01",1,1]]}'::market
	<> '{"version":1,"time":"date","labels":["b"],"periods":[["2020-01-01",1,1]]}'::market AS labels_matter;

-- NULLs skipped, empty input NULL, ties have no leader
SELECT market_agg(t, l, v) FROM (VALUES (1, 'a', 1.0), (NULL, 'a', 1), (2, NULL, 1), (3, 'a', NULL)) x(t, l, v);
SELECT market_agg(t, l, v) IS NULL AS empty FROM (VALUES (1, 'a', 1.0)) x(t, l, v) WHERE false;
SELECT leader(p), hhi(p) FROM (SELECT market_agg(1, l, 5) p FROM (VALUES ('a'), ('b')) x(l)) s;
SELECT * FROM leader_changes((SELECT market_agg(t::date, l, v) FROM (VALUES
	('2020-01-01', 'a', 2.0), ('2020-01-01', 'b', 1), ('2020-02-01', 'a', 1), ('2020-02-01', 'b', 1),
	('2020-03-01', 'b', 3), ('2020-03-01', 'a', 1), ('2020-04-01', 'a', 0), ('2020-04-01', 'b', 0)) x(t, l, v)));

-- bad input
SELECT market_agg(t, l, v) FROM (VALUES (1, 'a', -1.0)) x(t, l, v);
SELECT market_agg(t, l, v) FROM (VALUES ('NaN'::float8, 'a', 1.0)) x(t, l, v);
SELECT market_agg(t, l, v) FROM (VALUES (1, 'a', 'Infinity'::float8)) x(t, l, v);
SET adoption.max_labels = 3;
SELECT market_agg(1, l, 1) FROM (VALUES ('a'), ('b'), ('c'), ('d')) x(l);
-- text input at the limit: three labels read, four do not
SELECT '{"version":1,"time":"number","labels":["a","b","c"],"periods":[[1,1,1,1,1,1,1]]}'::market;
SELECT '{"version":1,"time":"number","labels":["a","b","c","d"],"periods":[[1,1,1,1,1,1,1,1,1]]}'::market;
SELECT rollup(p) FROM (VALUES ('{"version":1,"time":"number","labels":["a","b"],"periods":[[1,1,1,1,1]]}'::market),
	('{"version":1,"time":"number","labels":["c","d"],"periods":[[1,1,1,1,1]]}')) x(p);
RESET adoption.max_labels;
SELECT rollup(p) FROM (VALUES ('{"version":1,"time":"number","labels":["a"],"periods":[[1,1,1]]}'::market),
	('{"version":1,"time":"date","labels":["a"],"periods":[["2020-01-01",1,1]]}')) x(p);
SELECT rivalry(m, 'java', 'java') FROM m;
SELECT * FROM leader_changes('{"version":1,"time":"number","labels":["a"],"periods":[[1,1,1]]}'::market);
SELECT '{"version":1,"time":"date","labels":["b","a"],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","labels":["a","a"],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","labels":["a"],"periods":[["2020-01-01",1,1,1]]}'::market;
-- escapes read as the UTF-8 bytes of their code points: two, three and
-- (a surrogate pair) four bytes
SELECT labels('{"version":1,"time":"date","labels":["\u00e9","\u20ac","\ud83d\ude00"],"periods":[]}'::market)
	= ARRAY[U&'\00E9', U&'\20AC', U&'\+01F600'] AS escapes_read;
SELECT '{"version":1,"time":"date","labels":["\u0000"],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","labels":["\ud800"],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","labels":[1],"periods":[]}'::market;
SELECT '{"version":1,"time":"date","periods":[]}'::market;
-- binary input: a label that is not valid UTF-8 (0xff), through COPY BINARY
CREATE TABLE market_payload (b bytea);
INSERT INTO market_payload VALUES (decode('0103000100000001ff00000000', 'hex'));
\copy market_payload TO 'results/market_payload.bin' WITH (FORMAT binary)
CREATE TABLE market_received (m market);
\copy market_received FROM 'results/market_payload.bin' WITH (FORMAT binary)
TRUNCATE market_payload;
INSERT INTO market_payload VALUES (decode('01030001000000016100000000', 'hex'));
\copy market_payload TO 'results/market_payload.bin' WITH (FORMAT binary)
\copy market_received FROM 'results/market_payload.bin' WITH (FORMAT binary)
SELECT m FROM market_received;
SELECT 'still up' AS server;

-- a market whose periods are all zero has no shares, and every label ties
-- first; one whose last period is zero has overall shares only
SELECT label, share, overall_share, rank
FROM shares((SELECT market_agg(t, l, v) FROM (VALUES (1, 'a', 0.0), (1, 'b', 0)) x(t, l, v))) ORDER BY label;
SELECT label, share, overall_share, rank
FROM shares((SELECT market_agg(t, l, v) FROM (VALUES (1, 'a', 3.0), (1, 'b', 1), (2, 'a', 0), (2, 'b', 0)) x(t, l, v)))
ORDER BY label;

-- binary COPY of a market of 300 labels, each an exact sum with a tail: the
-- tails of labels past the 256th keep their label
CREATE TABLE big_market AS SELECT market_agg(1.0::float8, 'l' || lpad(i::text, 3, '0'), v) AS m
FROM generate_series(1, 300) i, (VALUES (0.1::float8), (0.2)) v(v);
\copy big_market TO 'results/big_market.bin' WITH (FORMAT binary)
CREATE TABLE big_market_back (m market);
\copy big_market_back FROM 'results/big_market.bin' WITH (FORMAT binary)
SELECT (SELECT m FROM big_market_back) = (SELECT m FROM big_market) AS binary_round_trip,
	(SELECT count(*) FROM big_market, unnest(m) u WHERE u.value = 0.1::float8 + 0.2::float8) AS exact_labels
FROM big_market;

-- an empty label is a label: alone, its length word ends the summary
SELECT '{"version":1,"time":"number","labels":[""],"periods":[[1,1,1]]}'::market::text AS empty_label,
	market_agg(t, l, 1)::text AS with_another FROM (VALUES (1::float8, ''), (1, 'a')) v(t, l);

-- labels that are prefixes of each other stay apart: 300 of them, longest
-- first and shortest first
SELECT count(*) AS labels, min(rows) AS fewest_rows, max(rows) AS most_rows
FROM unnest((SELECT market_agg(1::float8, left(repeat('abcdefghij', 30), i), 1 ORDER BY i DESC) FROM generate_series(1, 300) i));
SELECT count(*) AS labels, min(rows) AS fewest_rows, max(rows) AS most_rows
FROM unnest((SELECT market_agg(1::float8, left(repeat('abcdefghij', 30), i), 1 ORDER BY i) FROM generate_series(1, 300) i));
