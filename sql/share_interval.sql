-- share_interval(part, total, level): Wilson score interval
-- Reference values: R's prop.test(x, n, correct = FALSE), see test/reference/wilson.R

-- NeurIPS 2019: PyTorch in 166 of 240 papers; R: [0.6306052871856103, 0.7466890435034588]
SELECT round(share::numeric, 4) AS share, round(lower::numeric, 12) AS lower,
	round(upper::numeric, 12) AS upper
FROM share_interval(166, 240);

-- the other side is the mirror image: R: [0.2533109564965412, 0.3693947128143897]
SELECT round(lower::numeric, 12) AS lower, round(upper::numeric, 12) AS upper
FROM share_interval(74, 240);

-- other levels; R: 99 % of 5 / 1000 [0.0016720441109838, 0.0148532091433889]
SELECT round(lower::numeric, 12) AS lower, round(upper::numeric, 12) AS upper
FROM share_interval(5, 1000, 0.99);

-- the ends: 0 of n and n of n reach exactly 0 and 1
SELECT share, lower, round(upper::numeric, 12) AS upper FROM share_interval(0, 240);
SELECT share, round(lower::numeric, 12) AS lower, upper FROM share_interval(240, 240);

-- integer and numeric arguments; a zero total gives NULL
SELECT (share_interval(1::int, 4::bigint)).share, (share_interval(1::numeric, 4::numeric)).share;
SELECT * FROM share_interval(0, 0);
SELECT share_interval(NULL, 10) IS NULL AS strict;

-- bad input
SELECT * FROM share_interval(-1, 240);
SELECT * FROM share_interval(1, -240);
SELECT * FROM share_interval(250, 240);
SELECT * FROM share_interval('NaN', 240);
SELECT * FROM share_interval(1, 'Infinity');
SELECT * FROM share_interval(166, 240, 1);
SELECT * FROM share_interval(166, 240, 0);
SELECT * FROM share_interval(166, 240, 95);
SELECT * FROM share_interval(166, 240, 'NaN');
