-- Summaries stored, printed and sent by 0.4.0 (test/reference/compat/
-- fixtures.csv, written by 0.4.0 itself: make.sh beside it): this version
-- makes the same text, binary form and bytes on disk for summaries of
-- counts, and reads 0.4.0's text of any summary back to the very bytes
-- 0.4.0 stored, printing and sending what 0.4.0 printed and sent.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION adoption;
CREATE EXTENSION IF NOT EXISTS pageinspect;
\i test/reference/compat/summaries.sql
CREATE TEMP TABLE fixtures (type text, name text, exact bool, text text, sent text, disk text);
\copy fixtures FROM 'test/reference/compat/fixtures.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(5);

SELECT is((SELECT count(*) FROM fixtures f JOIN compat_forms c USING (type, name)), 15::bigint,
	'14 summaries of 0.4.0: rivalries over four kinds of time, trends, markets');
SELECT is_empty($$ SELECT type, name FROM fixtures f JOIN compat_forms c USING (type, name)
	WHERE f.exact AND f.text <> c.text $$,
	'summaries of counts: the same text as 0.4.0, byte for byte');
SELECT is_empty($$ SELECT type, name FROM fixtures f JOIN compat_forms c USING (type, name)
	WHERE f.exact AND (f.sent <> c.sent OR f.disk <> c.disk) $$,
	'summaries of counts: the same binary form and the same bytes on disk');

-- every summary 0.4.0 printed, read back by this version
TRUNCATE compat_rivalry, compat_trend, compat_market;
INSERT INTO compat_rivalry SELECT name, exact, text::rivalry FROM fixtures WHERE type = 'rivalry';
INSERT INTO compat_trend SELECT name, exact, text::trend FROM fixtures WHERE type = 'trend';
INSERT INTO compat_market SELECT name, exact, text::market FROM fixtures WHERE type = 'market';
SELECT is_empty($$ SELECT type, name FROM fixtures f JOIN compat_forms c USING (type, name)
	WHERE f.disk <> c.disk $$,
	'0.4.0''s text of every summary, fractions too, reads back to the bytes 0.4.0 stored');
SELECT is_empty($$ SELECT type, name FROM fixtures f JOIN compat_forms c USING (type, name)
	WHERE f.text <> c.text OR f.sent <> c.sent $$,
	'and prints and sends what 0.4.0 printed and sent');

SELECT * FROM finish();
ROLLBACK;
