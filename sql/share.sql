-- share(value) OVER (...): value / sum of the partition's non-NULL values

-- NeurIPS 2019 papers: PyTorch 166, TensorFlow 74 (166 / 240 = 0.691666...)
CREATE TABLE papers (venue text, framework text, papers int, share_of float8);
INSERT INTO papers VALUES
	('neurips2019', 'pytorch', 166, NULL), ('neurips2019', 'tensorflow', 74, NULL),
	('icml2019', 'pytorch', 3, NULL), ('icml2019', 'tensorflow', 1, NULL),
	('icml2019', 'jax', NULL, NULL);

SELECT venue, framework, papers, share(papers) OVER (PARTITION BY venue)
FROM papers ORDER BY venue, framework;

-- agrees with the plain SQL (exact halves and quarters: 3/4, 1/4)
SELECT count(*) AS disagreeing FROM (
	SELECT share(papers) OVER w AS s, papers::float8 / sum(papers) OVER w AS plain
	FROM papers WINDOW w AS (PARTITION BY venue)) x
WHERE s IS DISTINCT FROM plain;

-- integer, bigint, numeric and real columns (cast to double precision)
SELECT share(v::bigint) OVER () AS int8, share(v::numeric) OVER () AS num,
	share(v::real) OVER () AS float4, share(v::smallint) OVER () AS int2
FROM generate_series(1, 4) v;

-- no partition: the whole result; the frame is ignored, as rank() ignores it
SELECT v, share(v) OVER (ORDER BY v ROWS BETWEEN CURRENT ROW AND CURRENT ROW)
FROM (VALUES (1.0), (3.0)) t(v);

-- a zero total gives NULL, and so does a NULL value
SELECT v, share(v) OVER () FROM (VALUES (0.0), (0.0), (NULL)) t(v);
SELECT v, share(v) OVER () FROM (VALUES (NULL::float8)) t(v);

-- empty input: no rows
SELECT share(v) OVER () FROM (VALUES (1.0)) t(v) WHERE false;

-- compensated summation: 1e16 + 1 - 1e16 is 1 here, 0 in plain float8 sums
-- (negative values are refused, so show it with shares of a large total)
SELECT v, share(v) OVER () * 2e16 AS scaled
FROM (VALUES (1e16), (1.0), (1e16)) t(v) ORDER BY v;

-- bad input: each refused, naming the argument
SELECT share(v) OVER () FROM (VALUES (1.0), (-1.0)) t(v);
SELECT share(v) OVER () FROM (VALUES (1.0), ('NaN'::float8)) t(v);
SELECT share(v) OVER () FROM (VALUES (1.0), ('Infinity'::float8)) t(v);
SELECT share(v::numeric) OVER () FROM (VALUES ('NaN'::numeric)) t(v);
SELECT share(v) OVER () FROM (VALUES (1e308), (1e308)) t(v);
-- errors in another partition than the first leave the server up
SELECT g, share(v) OVER (PARTITION BY g)
FROM (VALUES (1, 1.0), (2, -5.0)) t(g, v);
SELECT 'still up' AS server;
