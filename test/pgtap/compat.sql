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

SELECT plan(7);

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

-- 0.4.0's working form: a table with room for more periods (capacity above
-- the periods, in the header's fields 0.4.0 used), a market's labels after
-- that room.  Such a value on disk (an aggregate of a user's without a final
-- function) reads as the summary it holds.  Made here from a summary's own
-- bytes, through bytea's input and output functions, one empty period of room
-- added after the entries.
CREATE FUNCTION pg_temp.bytes_market(market) RETURNS cstring AS 'byteaout' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION pg_temp.bytes_rivalry(rivalry) RETURNS cstring AS 'byteaout' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION pg_temp.raw_market(cstring) RETURNS market AS 'byteain' LANGUAGE internal IMMUTABLE STRICT;
CREATE FUNCTION pg_temp.raw_rivalry(cstring) RETURNS rivalry AS 'byteain' LANGUAGE internal IMMUTABLE STRICT;
-- bytes (without the length word), periods, bytes an entry: with room for one more period
CREATE FUNCTION pg_temp.with_room(b bytea, n int, entry int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
	SELECT '\x' || encode(substr(b, 1, 12) || decode(lpad(to_hex(n + 1), 2, '0') || '000000', 'hex')
		|| substr(b, 17, 12 + n * entry) || decode(repeat('00', entry), 'hex') || substr(b, 29 + n * entry), 'hex') $$;
CREATE TEMP TABLE kept AS
SELECT market_agg(t::float8, 'l' || lpad(i::text, 3, '0'), i * t) AS m,
	rivalry_agg(t::float8, 10 * t, 100) AS r
FROM generate_series(1, 300) i, generate_series(1, 3) t;
CREATE TEMP TABLE rooms AS
SELECT pg_temp.with_room(decode(substr(pg_temp.bytes_market(m)::text, 3), 'hex'), 3, 8 * (1 + 2 * 300)) AS m,
	pg_temp.with_room(decode(substr(pg_temp.bytes_rivalry(r)::text, 3), 'hex'), 3, 8 * (1 + 2 * 2)) AS r
FROM kept;
SELECT is((SELECT format('%s %s %s', pg_temp.raw_market(rooms.m::cstring) = kept.m,
		(SELECT array_agg(l) FROM unnest(labels(pg_temp.raw_market(rooms.m::cstring))) l) = labels(kept.m),
		pg_temp.raw_rivalry(rooms.r::cstring) = kept.r)
	FROM rooms, kept), 't t t',
	'0.4.0''s working forms, with room for a period more: a market of 300 labels and a rivalry read as the summaries they hold');
SELECT is((SELECT count(*) FILTER (WHERE pg_temp.raw_market(rooms.m::cstring) = kept.m
		AND labels(pg_temp.raw_market(rooms.m::cstring)) = labels(kept.m)) FROM rooms, kept, generate_series(1, 20)),
	20::bigint, 'and again, twenty times over in one query');

SELECT * FROM finish();
ROLLBACK;
