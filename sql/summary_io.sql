-- text and binary forms of rivalry and trend
SET TimeZone = 'UTC';

-- text round trips exactly, doubles included
SELECT r::text = '{"version":1,"time":"number","periods":[[0.1,0.30000000000000004,1e-300,1,1],[1e+300,5e-324,1.7976931348623157e+308,2,1]]}' AS same,
	r::text::rivalry::text = r::text AS round_trip
FROM (SELECT '{"version":1,"time":"number","periods":[[0.1,0.30000000000000004,1e-300,1,1],[1e+300,5e-324,1.7976931348623157e+308,2,1]]}'::rivalry r) x;
SELECT '{"version":1,"time":"timestamptz","periods":[["-4713-11-24 00:00:00+00",1,2,1,1],["2020-02-29 23:59:59.999999+00",0,1,0,1],["294276-12-31 23:59:59.999999+00",3,0,1,0]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["0000-03-01",1,1]]}'::trend;
-- years of five digits and more (four are the fewest)
SELECT '{"version":1,"time":"date","periods":[["9999-12-31",1,1],["10000-01-01",2,1],["100000-01-01",3,1]]}'::trend;
-- white space between tokens is fine
SELECT ' { "version" : 1 , "time" : "date" , "periods" : [ [ "2020-01-01" , 1 , 2 , 1 , 1 ] ] } '::rivalry;

-- binary: COPY out and back in, equal text and equal bytes
CREATE TABLE summaries (id int, r rivalry, tr trend);
INSERT INTO summaries
SELECT 1, rivalry_agg(t, a, b), trend_agg(t, a)
FROM (VALUES ('2020-01-01 10:00:00.5+00'::timestamptz, 1.5, 2.0), ('2021-01-01', 0, 3)) v(t, a, b)
UNION ALL
SELECT 2, rivalry_agg(t, a, b), trend_agg(t, b)
FROM (VALUES (1e-7, 0.1, 1e300), (-2.5, 0, 3)) v(t, a, b);
\copy summaries TO 'results/summaries.bin' WITH (FORMAT binary)
CREATE TABLE summaries_back (LIKE summaries);
\copy summaries_back FROM 'results/summaries.bin' WITH (FORMAT binary)
SELECT s.id, s.r::text = b.r::text AS rivalry_equal, s.tr::text = b.tr::text AS trend_equal,
	rivalry_send(s.r) = rivalry_send(b.r) AS same_bytes
FROM summaries s JOIN summaries_back b USING (id) ORDER BY id;
SELECT r FROM summaries ORDER BY id;
-- the binary form, byte by byte: version, kind, series, count, then per period
SELECT rivalry_send('{"version":1,"time":"number","periods":[[1,2,3,4,5]]}');
SELECT trend_send('{"version":1,"time":"date","periods":[["2000-01-02",0.5,1]]}');

-- what binary input refuses: bytes written as a bytea field by COPY BINARY
-- read back as a rivalry field, so each goes through rivalry_recv
CREATE TABLE received (r rivalry);
CREATE TABLE payload (b bytea);
-- the valid one: {"version":1,"time":"number","periods":[[1,2,3,4,5]]}
\set valid '010002000000013ff00000000000004000000000000000400800000000000000000000000000040000000000000005'
INSERT INTO payload VALUES (decode(:'valid', 'hex'));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT r FROM received;
-- a truncated one, a wrong version, a trend read as a rivalry, a count that
-- does not match the length, a trailing byte, a NaN value, a negative row count
CREATE FUNCTION pg_temp.recv_error(hex text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	TRUNCATE payload;
	INSERT INTO payload VALUES (decode(hex, 'hex'));
	RETURN 'read';
END $$;
SELECT pg_temp.recv_error(left(:'valid', 20));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error('02' || substr(:'valid', 3));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error('010001' || substr(:'valid', 7));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error('0100027fffffff' || substr(:'valid', 15));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error(:'valid' || '00');
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error(overlay(:'valid' PLACING '7ff8000000000000' FROM 31 FOR 16));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT pg_temp.recv_error(overlay(:'valid' PLACING 'ffffffffffffffff' FROM 63 FOR 16));
\copy payload TO 'results/payload.bin' WITH (FORMAT binary)
\copy received FROM 'results/payload.bin' WITH (FORMAT binary)
SELECT count(*) AS only_the_valid_one_was_read FROM received;

-- what text input refuses, and why (22P02, the detail names the rule)
SELECT ''::rivalry;
SELECT '{}'::rivalry;
SELECT '{"version":2,"time":"date","periods":[]}'::rivalry;
SELECT '{"version":1,"time":"week","periods":[]}'::rivalry;
SELECT '{"time":"date","version":1,"periods":[]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-01",1,2,1,1]]} x'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-01",1,2,1,1],]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-01",1,2,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-01",1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-02-30",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["20-02-03",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-01 00:00:00",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"timestamp","periods":[["2020-01-01 24:00:00",1,2,1,1]]}'::rivalry;
-- every field of a time in its range, and at its edges
SELECT '{"version":1,"time":"timestamp","periods":[["2020-01-01 00:60:00",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"timestamp","periods":[["2020-01-01 00:00:60",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-13-01",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-00-10",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-00",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2021-02-29",1,2,1,1]]}'::rivalry;
-- a year of five digits is 10000 or later: no leading zero
SELECT '{"version":1,"time":"date","periods":[["02020-01-01",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["12020-01-01",1,2,1,1]]}'::rivalry::text AS five_digits;
-- a month or a day not of two digits, or not after a hyphen
SELECT '{"version":1,"time":"date","periods":[["2020-1-01",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-01-1",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020/01/01",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["2020-02-29",1,2,1,1]]}'::rivalry::text AS leap_day;
SELECT '{"version":1,"time":"timestamp","periods":[["2020-12-31 23:59:59.999999",1,2,1,1]]}'::rivalry::text AS last_microsecond;
SELECT '{"version":1,"time":"timestamptz","periods":[["2020-01-01 00:00:00+01",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"timestamptz","periods":[["294277-01-01 00:00:00+00",1,2,1,1]]}'::rivalry;
-- a year whose microseconds overflow int64 (the fuzzer's find): refused, not wrapped
SELECT '{"version":1,"time":"timestamp","periods":[["300023-12-31 23:59:59",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"date","periods":[["9999999-01-01",1,1]]}'::trend;
-- a day whose microseconds with its time overflow int64: refused by the
-- reader; the day before, by the range check
SELECT '{"version":1,"time":"timestamp","periods":[["294277-01-09 23:59:59",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"timestamp","periods":[["294277-01-08 23:59:59",1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[NaN,1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,Infinity,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1e999,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,-1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,-0,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,-1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,1.5,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,0,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,0,0,0,0]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,99999999999999999999,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[2,1,2,1,1],[1,1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,1,1],[1,1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[01,1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[+1,1,2,1,1]]}'::rivalry;
SELECT '{"version":1,"time":"number","periods":[[1,1,2,1,1]]}'::trend;
SET adoption.max_periods = 2;
SELECT '{"version":1,"time":"number","periods":[[1,1,1],[2,1,1],[3,1,1]]}'::trend;
RESET adoption.max_periods;
SELECT 'still up' AS server;
