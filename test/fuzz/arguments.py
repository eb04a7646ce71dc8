#!/usr/bin/python3
"""Every SQL function and aggregate of the extension, called with arguments at
and past their edges: NULL, NaN, infinities, the largest and smallest doubles,
negative and zero intervals, times at the ends of PostgreSQL's range,
summaries of one period, of zeros, of numeric time, of 10^300 and 10^-300,
methods and bands misspelled.  Each argument in turn takes every value of its
type's pool while the others take ordinary values, then 300 draws mix them
(a fixed seed: the same calls on every run).

Each function gets one TAP line, which fails when any call
  - ended in an internal error (SQLSTATE class XX or 58) or lost the
    connection (a crashed backend),
  - never answered (the ordinary values must reach past the checks), or
  - returned a summary that its own text input refuses or reads back as
    another value.
Every other error must carry a SQLSTATE of its own.  A call gets 3 s.  The
pools cover every argument type the extension's functions take; a new type
with no pool fails the run.  Prints TAP.  Run by test/integration/arguments.sh.
"""
import collections
import os
import random
import sys
import time

import psycopg2

SUMMARY_TYPES = ("rivalry", "trend", "market")
SKIPPED_TYPES = ("internal", "regclass")  # transition steps; adoption_maintain() has maintain.sql


def rivalry(rows):
    return "(SELECT rivalry_agg(t, a, b) FROM (VALUES %s) v(t, a, b))" % rows


def monthly(n, a, b):
    """A rivalry of n periods 30 days apart, a(i) against b(i)."""
    return rivalry(", ".join("(date '2020-01-01' + %d * 30, %s::float8, %s::float8)" % (i, a(i), b(i))
                             for i in range(n)))


def trend(rows):
    return "(SELECT trend_agg(t, v) FROM (VALUES %s) v(t, v))" % rows


def market(rows):
    return "(SELECT market_agg(t, l, v) FROM (VALUES %s) v(t, l, v))" % rows


# The values each type takes.  The first is NULL; the 2nd to 5th are the
# ordinary ones the other arguments take while one is pushed.
POOLS = {
    "rivalry": [
        "NULL::rivalry",
        monthly(3, lambda i: 1 + i, lambda i: 5 - i),
        monthly(24, lambda i: 10 + 3 * i, lambda i: 80 - 2 * i),
        monthly(2, lambda i: 1, lambda i: 2),
        monthly(6, lambda i: i % 2, lambda i: 1 - i % 2),
        monthly(1, lambda i: 1, lambda i: 2),
        monthly(8, lambda i: 0, lambda i: 5),
        monthly(8, lambda i: 5, lambda i: 0),
        monthly(8, lambda i: 0, lambda i: 0),
        monthly(5, lambda i: "1e300", lambda i: "1e-300"),
        monthly(5, lambda i: 0.1 * i, lambda i: 0.3),
        rivalry("(1e15::float8, 1::float8, 2::float8), (-1e15, 3, 4)"),
        rivalry("(0.5::float8, 1::float8, 2::float8), (0.5000000001, 3, 4), (0.6, 0, 7)"),
        rivalry("(timestamptz '294276-12-31', 1::float8, 2::float8), ('4713-01-01 BC', 3, 1)"),
        rivalry("(timestamptz '2020-01-01', 1::float8, 2::float8), ('2020-01-01 00:00:00.000001', 3, 1), "
                "('2020-01-01 00:00:00.000002', 1, 3)"),
    ],
    "trend": [
        "NULL::trend",
        trend(", ".join("(date '2020-01-01' + %d, %d::float8)" % (i, 3 + i * i) for i in range(20))),
        trend("(date '2020-01-01', 5::float8), ('2020-02-01', 7)"),
        trend("(date '2020-01-01', 5::float8)"),
        trend(", ".join("(date '2020-01-01' + %d, 0::float8)" % i for i in range(5))),
        trend(", ".join("(date '2020-01-01' + %d, %s::float8)" % (i, ["5e-324", "1e-300", "0"][i % 3]) for i in range(5))),
        trend("(1e300::float8, 1::float8), (-1e300, 2)"),
        trend("(date '2020-01-01', 1e308::float8), ('2020-02-01', 0), ('2020-03-01', 1e308)"),
    ],
    "market": [
        "NULL::market",
        market("(date '2020-01-01', 'a', 1::float8), ('2020-01-01', 'b', 2), ('2020-02-01', 'a', 3), "
               "('2020-02-01', 'c', 0)"),
        market(", ".join("(date '2020-01-01' + %d, 'l%d', %d::float8)" % (i % 7, i % 13, i) for i in range(60))),
        market("(date '2020-01-01', 'a', 1::float8)"),
        market("(date '2020-01-01', '', 0::float8), ('2020-01-01', 'b', 0)"),
        market("(1.5::float8, 'a', 1::float8), (2.5, 'b', 1e300)"),
    ],
    "double precision": ["NULL::float8", "0.95::float8", "0.5::float8", "2::float8", "30::float8", "0::float8",
                         "'-0'::float8", "1::float8", "-1::float8", "1e308::float8", "-1e308::float8",
                         "5e-324::float8", "'NaN'::float8", "'Infinity'::float8", "'-Infinity'::float8",
                         "1e15::float8", "1.0000001::float8"],
    "integer": ["NULL::int", "3", "2", "5", "1", "0", "-1", "2147483647", "-2147483648"],
    "bigint": ["NULL::bigint", "0::bigint", "1::bigint", "-1::bigint", "9223372036854775807::bigint"],
    "text": ["NULL::text", "'loglinear'", "'logistic'", "'a'", "'b'", "''", "'williams'", "'empirical'",
             "'linear'", "'confidence'", "'prediction'", "'l3'", "'LOGISTIC'", "repeat('z', 5000)"],
    "text[]": ["NULL::text[]", "'{a,b}'::text[]", "'{}'::text[]", "'{NULL}'::text[]", "'{a,a}'::text[]"],
    "interval": ["NULL::interval", "'1 month'::interval", "'1 day'::interval", "'1 year'::interval", "'0'::interval",
                 "'-1 day'::interval", "'1 microsecond'::interval", "'178000000 years'::interval",
                 "'-178000000 years'::interval", "'1 year -12 months'::interval", "'1 month -30 days'::interval"],
    "timestamp with time zone": ["NULL::timestamptz", "'2020-01-01'::timestamptz", "'2030-06-01'::timestamptz",
                                 "'2019-12-31'::timestamptz", "'1970-01-01'::timestamptz",
                                 "'infinity'::timestamptz", "'-infinity'::timestamptz",
                                 "'4713-01-01 BC'::timestamptz", "'294276-12-31'::timestamptz"],
    "timestamp without time zone": ["NULL::timestamp", "'2020-01-01'::timestamp", "'2020-03-01'::timestamp",
                                    "'infinity'::timestamp", "'4713-01-01 BC'::timestamp",
                                    "'294276-12-31'::timestamp"],
    "date": ["NULL::date", "'2020-01-01'::date", "'2020-03-01'::date", "'infinity'::date",
             "'4713-01-01 BC'::date", "'5874897-12-31'::date"],
    "cstring": ["''::cstring", "'x'::cstring", "'{\"version\":1}'::cstring"],  # and the summaries' texts
}

# Ordinary values by argument name, where the type's are not (a method is
# not any text)
BY_NAME = {
    "method": ["'loglinear'", "'logistic'", "'williams'", "'empirical'"],
    "band": ["'confidence'", "'prediction'"],
    "level": ["0.95::float8", "0.5::float8"],
    "a_label": ["'a'"], "b_label": ["'b'"], "label": ["'a'", "'b'"],
    "min_periods": ["2", "3"], "max_breaks": ["0", "2"], "min_length": ["3"], "max_horizon": ["1", "3"],
    "per": ["'1 month'::interval", "'1 day'::interval"], "unit": ["'1 month'::interval", "'1 year'::interval"],
    "width": ["'1 month'::interval", "'1 year'::interval"],
}

count = 0
failed = 0


def ok(cond, what, notes=()):
    global count, failed
    count += 1
    if not cond:
        failed += 1
    print(("ok " if cond else "not ok ") + "%d - %s" % (count, what))
    for note in notes:
        print("#   " + note.replace("\n", " ")[:400])


def connect():
    """A session; after a crash, once the server has recovered (30 s at most)."""
    for attempt in range(60):
        try:
            conn = psycopg2.connect(host=os.environ.get("PGHOST", "127.0.0.1"), port=os.environ["PGPORT"],
                                    user="postgres", dbname=os.environ.get("PGDATABASE", "postgres"))
            break
        except psycopg2.OperationalError:
            if attempt == 59:
                raise
            time.sleep(0.5)
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("SET statement_timeout = '3s'")
    return conn, cur


def ordinary(argtype, argname):
    """The values an argument takes while another is pushed."""
    if argname in BY_NAME:
        return BY_NAME[argname]
    if argtype == "double precision" and argname in ("step", "until", "from", "point", "time"):
        return ["30::float8", "2::float8"] if argname == "step" else ["0::float8", "1e9::float8"]
    return POOLS[argtype][1:5]


def calls(kind, name, types, names, rng):
    """Every call of one function, sorted, without repeats: (expression, FROM clause)."""
    pools = [POOLS[t] for t in types]
    usual = [ordinary(t, names[j] if j < len(names) else "") for j, t in enumerate(types)]
    args = set()
    for i, pool in enumerate(pools):
        for value in pool:
            for _ in range(3):
                args.add(tuple(value if j == i else rng.choice(usual[j]) for j in range(len(types))))
    for _ in range(300):
        args.add(tuple(rng.choice(pools[j]) if rng.random() < 0.25 else rng.choice(usual[j])
                       for j in range(len(types))))
    exprs = []
    for a in sorted(args):
        if kind in ("a", "w"):
            cols = ", ".join("c%d" % k for k in range(len(a)))
            rows = ", ".join("(" + ", ".join(a) + ")" for _ in range(rng.randint(1, 3)))
            over = " OVER (ORDER BY c0)" if kind == "w" else ""
            exprs.append(("%s(%s)%s" % (name, cols, over), " FROM (VALUES %s) v(%s)" % (rows, cols)))
        else:
            exprs.append(("%s(%s)" % (name, ", ".join(a)), ""))
    return exprs


def main():
    conn, cur = connect()
    cur.execute("""
        SELECT p.prokind, p.proname, p.oid::regprocedure::text,
               array(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) t),
               coalesce(p.proargnames, '{}'), p.proretset, format_type(p.prorettype, NULL)
        FROM pg_proc p JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
        WHERE d.refclassid = 'pg_extension'::regclass
          AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'adoption')
        ORDER BY p.oid""")
    functions = cur.fetchall()
    # the input functions also read every summary of the pools, as text
    for t in SUMMARY_TYPES:
        for expr in POOLS[t][1:]:
            try:
                cur.execute("SELECT quote_literal((%s)::text) || '::cstring'" % expr)
                POOLS["cstring"].append(cur.fetchone()[0])
            except psycopg2.Error:
                pass
    missing = sorted({t for f in functions for t in f[3]} - set(POOLS) - set(SKIPPED_TYPES))
    ok(not missing, "a pool of values for every argument type the extension's functions take",
       ["no pool for " + ", ".join(missing)] if missing else ())
    rng = random.Random(20261126)
    total = 0
    for kind, name, signature, types, names, retset, rettype in functions:
        if any(t in SKIPPED_TYPES for t in types) or any(t not in POOLS for t in types):
            continue
        states = collections.Counter()
        bad = []
        round_trip = rettype in SUMMARY_TYPES
        for expr, source in calls(kind, name, types, names, rng):
            if retset:
                sql = "SELECT t::text FROM %s t" % expr
            elif round_trip:
                # whether the value's text reads back as the value
                sql = "SELECT v IS NULL OR v::text::%s = v FROM (SELECT %s%s) s(v)" % (rettype, expr, source)
            else:
                sql = "SELECT (%s)::text%s" % (expr, source)
            try:
                cur.execute(sql)
                rows = cur.fetchall()
                states["answered"] += 1
                if round_trip and rows and rows[0][0] is not True:
                    bad.append("its text does not read back as itself: " + sql)
            except psycopg2.OperationalError as e:
                bad.append("connection lost (%s): %s" % (" ".join(str(e).split()), sql))
                conn, cur = connect()
                states["lost"] += 1
                if states["lost"] == 3:
                    break  # enough to show it; every crash costs a recovery
            except psycopg2.Error as e:
                code = e.pgcode or "none"
                states[code] += 1
                if code[:2] in ("XX", "58") or code == "57014" or code == "none":
                    bad.append("SQLSTATE %s, %s: %s" % (code, (e.pgerror or "").strip(), sql))
        if states["answered"] == 0:
            bad.append("no call answered")
        total += sum(states.values())
        summary = ", ".join("%s %d" % kv for kv in sorted(states.items()))
        ok(not bad, "%s: %s" % (signature, summary), bad[:5])
    print("# %d calls" % total)
    print("1..%d" % count)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
