#!/usr/bin/python3
"""psycopg2 (Debian's python3-psycopg2) as a BI tool uses it: parameterized
queries over the accessors, projection(), shares() and summary columns.
psycopg2 reads results as text; the binary form of summaries goes through
COPY ... (FORMAT binary) out and back in.  Prints TAP.  Run by
test/integration/drivers.sh."""
import datetime
import io
import os
import sys

import psycopg2

count = 0
failed = 0


def ok(cond, what):
    global count, failed
    count += 1
    if not cond:
        failed += 1
    print(("ok " if cond else "not ok ") + f"{count} - psycopg2: {what}")


conn = psycopg2.connect(host="127.0.0.1", port=os.environ["PGPORT"], user="postgres", dbname="postgres")
cur = conn.cursor()
cur.execute(
    "SELECT parity_at(r), parity_point(r), ratio_trend(r, %s::interval), periods(r), r, "
    "parity_point(r)::text, extract(epoch FROM parity_at(r))::text "
    "FROM (SELECT rivalry_agg(month, tag, posts, %s, %s) AS r FROM so_posts WHERE month >= %s) s",
    ("1 year", "python", "java", datetime.date(2010, 1, 1)))
at, point, trend, periods, r, point_text, epoch_text = cur.fetchone()
ok(isinstance(at, datetime.datetime) and at.tzinfo is not None, "parity_at() is an aware datetime")
ok(abs(at.timestamp() - float(epoch_text)) < 1e-6, "the instant the server computed, to the microsecond")
ok(isinstance(point, float) and point == float(point_text), "parity_point() is a float, exact")
ok(isinstance(trend, float) and trend > 0, "ratio_trend() with an interval parameter is a float")
ok(isinstance(periods, int) and periods > 100, "periods() is an int")
ok(isinstance(r, str) and r.startswith('{"version":1,"time":"date","periods":[["2010-01-01"'),
   "a summary comes back as its text")

cur.execute("SELECT %s::rivalry = r FROM stored WHERE id = %s", (r, 1))
ok(cur.fetchone()[0] is True, "the text sent back as a parameter is the stored summary")

cur.execute('SELECT "time", observed_share, fitted_share, lower, upper FROM '
            "projection((SELECT r FROM stored WHERE id = %s), %s, %s::interval)",
            (1, datetime.datetime(2021, 7, 1, tzinfo=datetime.timezone.utc), "1 month"))
rows = cur.fetchall()
ok(len(rows) == 139 and sum(1 for row in rows if row[1] is None) == 12,
   f"projection() gives 127 observed months and 12 steps ({len(rows)})")
ok(all(isinstance(t, datetime.datetime) and lo <= fit <= up for t, _, fit, lo, up in rows)
   and all(a[0] < b[0] for a, b in zip(rows, rows[1:])),
   "each row a datetime and floats, the fit inside its band, times increasing")

cur.execute("SELECT label, share, overall_share, rank FROM shares((SELECT m FROM stored WHERE id = %s)) ORDER BY rank", (1,))
shares = cur.fetchall()
ok(len(shares) == 14 and shares[0][0] == "python" and abs(sum(s[1] for s in shares) - 1) < 1e-12
   and all(isinstance(s[1], float) and isinstance(s[3], int) for s in shares),
   "shares() of 14 labels sum to 1, python ranks first")

# a dashboard's views over a GROUP BY with degenerate groups: numbers, NULLs
# and real dates, never an error or a year 9999 / 0001
def sane(t):
    return isinstance(t, datetime.datetime) and 1900 <= t.year <= 3000


cur.execute("SELECT grp, estimate, lower, upper, bounded FROM parity_by_group ORDER BY grp")
seen = {g: tuple("null" if v is None else "date" if sane(v) else repr(v) for v in row) + (b,)
        for g, *row, b in cur.fetchall()}
ok(seen == {"flat": ("date", "null", "null", False), "healthy": ("date", "date", "date", True),
            "misspelled": ("null", "null", "null", None), "one_period": ("null", "null", "null", None)},
   f"parity_interval over a GROUP BY: real dates where bounded, NULLs that say why ({seen})")

cur.execute('SELECT grp, band, "time", fitted_share, lower, upper FROM projection_by_group ORDER BY grp, "time", band')
rows = cur.fetchall()
ok(len(rows) == 2 * (139 + 19 + 139 + 19)
   and all(sane(t) and (f is None or isinstance(f, float)) for _, _, t, f, _, _ in rows),
   f"projection, both bands, over every group: datetimes and floats or NULLs ({len(rows)} rows)")
healthy = [r for r in rows if r[0] == "healthy"]
ok(all(p[5] - p[4] > c[5] - c[4] for c, p in zip(healthy[0::2], healthy[1::2]))
   and all(c[1] == "confidence" and p[1] == "prediction" for c, p in zip(healthy[0::2], healthy[1::2])),
   "the prediction band is wider than the confidence band, row by row")

cur.execute('SELECT grp, "time", point, a, b, a_rows, b_rows, share, ratio FROM periods_by_group')
rows = cur.fetchall()
ok(len(rows) == 127 + 1 + 4 + 127
   and all(sane(t) and isinstance(p, float) and abs(p - t.timestamp()) < 1e-6 and isinstance(ar, int)
           for _, t, p, a, b, ar, br, s, q in rows),
   f"unnest() over every group: a datetime, its epoch point, floats and ints ({len(rows)} rows)")

# the binary form: COPY out and back in, through the driver
out = io.BytesIO()
cur.copy_expert("COPY (SELECT id, r, m FROM stored) TO STDOUT WITH (FORMAT binary)", out)
cur.execute("CREATE TEMP TABLE stored_back (id int, r rivalry, m market)")
out.seek(0)
cur.copy_expert("COPY stored_back FROM STDIN WITH (FORMAT binary)", out)
cur.execute("SELECT count(*), bool_and(a.r = b.r AND a.m = b.m) FROM stored a JOIN stored_back b USING (id)")
ok(cur.fetchone() == (1, True), "COPY BINARY of summaries out through the driver and back in: equal")

conn.close()
print(f"1..{count}")
sys.exit(0 if failed == 0 else 1)
