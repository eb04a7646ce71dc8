-- Thousands of mutated summary literals: each must either be refused with
-- 22P02 (or 22023) or read as a value that round-trips; the server must stay up.
SET TimeZone = 'UTC';
SELECT setseed(0.42);

CREATE TABLE seeds (typ text, lit text);
INSERT INTO seeds VALUES
	('rivalry', '{"version":1,"time":"date","periods":[["2019-03-01",3,1,1,1],["2020-01-01",2,1,1,1]]}'),
	('rivalry', '{"version":1,"time":"timestamptz","periods":[["2020-01-01 10:00:00.500000+00",1.5,2,1,1],["2021-01-01 00:00:00+00",0,3,1,1]]}'),
	('rivalry', '{"version":1,"time":"number","periods":[[-2.5,0,3,1,1],[1e-07,0.1,1e+300,1,1],[2019,5,6,2,3]]}'),
	('trend', '{"version":1,"time":"timestamp","periods":[["2020-01-01 12:30:00",1.5,2],["2021-01-01 00:00:00",4,1]]}'),
	('trend', '{"version":1,"time":"number","periods":[[2017,408,1],[2018,1394,1],[2019,3060,1]]}');

-- mutations: truncate, flip a bit, replace a number, swap or repeat a period
CREATE FUNCTION pg_temp.mutate(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	kind int := floor(random() * 7)::int;
	pos int := 1 + floor(random() * length(lit))::int;
	replacements text[] := ARRAY['NaN', '-1', '1e999', '99999999999999999999', '-0', '0', '1.5',
		'"2020-02-30"', '"294277-01-01 00:00:00+00"', '[]', '', '[', ']', '}', '"', ',', '1e-400',
		'9223372036854775807', '9223372036854775808', '"date"', '"week"', '2'];
	m text[];
BEGIN
	CASE kind
	WHEN 0 THEN RETURN left(lit, pos - 1);
	WHEN 1 THEN RETURN overlay(lit PLACING chr(greatest(1, ascii(substr(lit, pos, 1)) # (1 << floor(random() * 7)::int))) FROM pos FOR 1);
	WHEN 2 THEN
		-- replace the number or string starting at a random token
		RETURN regexp_replace(lit, '(-?[0-9][0-9.e+-]*|"[^"]*")',
			replacements[1 + floor(random() * array_length(replacements, 1))::int],
			1 + floor(random() * 8)::int);
	WHEN 3 THEN
		-- swap the first two periods: unsorted
		m := regexp_match(lit, '^(.*"periods":\[)(\[[^]]*\]),(\[[^]]*\])(.*)$');
		RETURN CASE WHEN m IS NULL THEN lit ELSE m[1] || m[3] || ',' || m[2] || m[4] END;
	WHEN 4 THEN
		-- repeat the first period: duplicate
		m := regexp_match(lit, '^(.*"periods":\[)(\[[^]]*\])(.*)$');
		RETURN CASE WHEN m IS NULL THEN lit ELSE m[1] || m[2] || ',' || m[2] || m[3] END;
	WHEN 5 THEN RETURN overlay(lit PLACING '' FROM pos FOR 1 + floor(random() * 5)::int);
	ELSE RETURN overlay(lit PLACING substr(lit, 1 + floor(random() * length(lit))::int, 3) FROM pos FOR 0);
	END CASE;
END $$;

CREATE TABLE outcomes (typ text, lit text, outcome text);
DO $$
DECLARE
	s record;
	lit text;
	out text;
	back text;
BEGIN
	FOR i IN 1..10000 LOOP
		SELECT * INTO s FROM seeds ORDER BY random() LIMIT 1;
		lit := pg_temp.mutate(s.lit);
		-- sometimes mutate twice
		IF random() < 0.3 THEN
			lit := pg_temp.mutate(lit);
		END IF;
		BEGIN
			EXECUTE format('SELECT %L::%s::text', lit, s.typ) INTO out;
			EXECUTE format('SELECT %L::%s::text', out, s.typ) INTO back;
			EXECUTE format('SELECT %2$L::%1$s = %3$L::%1$s AND %3$L::%1$s::text = %3$L', s.typ, lit, out) INTO back;
			INSERT INTO outcomes VALUES (s.typ, lit,
				CASE WHEN back = 'true' THEN 'round trip' ELSE 'NO ROUND TRIP' END);
		EXCEPTION WHEN OTHERS THEN
			INSERT INTO outcomes VALUES (s.typ, lit, 'error ' || SQLSTATE);
		END;
	END LOOP;
END $$;

-- every outcome is an expected one, and there are both kinds
SELECT count(*) AS mutations,
	count(*) FILTER (WHERE outcome = 'round trip') > 100 AS many_read,
	count(*) FILTER (WHERE outcome LIKE 'error%') > 5000 AS many_refused,
	count(*) FILTER (WHERE outcome NOT IN ('round trip', 'error 22P02', 'error 22023')) AS unexpected
FROM outcomes;
SELECT typ, lit, outcome FROM outcomes
WHERE outcome NOT IN ('round trip', 'error 22P02', 'error 22023') LIMIT 10;
SELECT 'still up' AS server;
