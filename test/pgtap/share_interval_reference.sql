-- share_interval() against R's prop.test(correct = FALSE), reference values
-- in test/reference/wilson.csv (made by test/reference/wilson.R).
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;

CREATE TEMP TABLE wilson (part float8, total float8, level float8, lower float8, upper float8);
\copy wilson FROM 'test/reference/wilson.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(4);

SELECT is((SELECT count(*) FROM wilson), 10::bigint, 'ten reference intervals loaded');

SELECT is_empty($$
	SELECT w.*, s.* FROM wilson w, share_interval(w.part, w.total, w.level) s
	WHERE abs(s.lower - w.lower) > 1e-12 OR abs(s.upper - w.upper) > 1e-12 $$,
	'Wilson bounds agree with R to 1e-12');

SELECT is_empty($$
	SELECT w.*, s.* FROM wilson w, share_interval(w.part, w.total, w.level) s
	WHERE s.share <> w.part / w.total $$,
	'the share is part / total exactly');

SELECT is_empty($$
	SELECT w.*, s.* FROM wilson w, share_interval(w.part, w.total, w.level) s
	WHERE NOT (0 <= s.lower AND s.lower <= s.share AND s.share <= s.upper AND s.upper <= 1) $$,
	'every interval lies in [0, 1] and holds its share');

SELECT * FROM finish();
ROLLBACK;
