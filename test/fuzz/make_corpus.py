#!/usr/bin/env python3
"""Write the seed corpus of test/fuzz/fuzz_codec.c into test/fuzz/corpus.

Each file is one input: a first byte choosing the decoder (bit 1: binary,
else text) and the type (bit 2: market, else bit 0: rivalry, else trend),
then the value.  Version 2 seeds carry exact sums: [head, tail, ...] in
text, a tails section in binary.
Run from the top of the tree: python3 test/fuzz/make_corpus.py
"""
import os
import struct

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
DAY = 86400000000  # microseconds

TEXTS = {
    "rivalry_date.txt": (1, '{"version":1,"time":"date","periods":[["2019-03-01",3,1,1,1],["2020-01-01",2,1,1,1]]}'),
    "rivalry_tz.txt": (1, '{"version":1,"time":"timestamptz","periods":[["-4713-11-24 00:00:00+00",1,2,1,1],'
                          '["2020-02-29 23:59:59.999999+00",0.1,1e-300,3,4]]}'),
    "rivalry_number.txt": (1, '{"version":1,"time":"number","periods":[[-2.5,0,3,1,1],[1e-07,0.1,1e+300,1,1]]}'),
    "trend_ts.txt": (0, '{"version":1,"time":"timestamp","periods":[["2020-01-01 12:30:00",1.5,2],'
                        '["2021-01-01 00:00:00",5e-324,1]]}'),
    "trend_empty.txt": (0, ' { "version" : 1 , "time" : "date" , "periods" : [ ] } '),
    "market_number.txt": (4, '{"version":1,"time":"number","labels":["a","b","c\\"\\\\","\\u00e9\\n"],'
                             '"periods":[[0,0,0,0,1,0,0,0,1],[1,1,2,0,0,1,1,0,0],[2,0,0,3,0,0,0,1,0]]}'),
    "market_date.txt": (4, '{"version":1,"time":"date","labels":["java","python"],'
                           '"periods":[["2020-01-01",1,2,1,1]]}'),
    "rivalry_exact.txt": (1, '{"version":2,"time":"number","periods":[[1,[0.30000000000000004,-2.7755575615628914e-17],'
                             '1,2,1],[2,[1e+308,1e-300,1e-320],0,3,0]]}'),
    "trend_exact.txt": (0, '{"version":2,"time":"date","periods":[["2020-01-01",[1.1,-5.551115123125783e-17],3]]}'),
    "market_exact.txt": (4, '{"version":2,"time":"date","labels":["a","b"],'
                            '"periods":[["2020-01-01",[0.30000000000000004,-2.7755575615628914e-17],0,2,0]]}'),
}


def binary(kind, nseries, periods):
    """The binary form: version, kind, series, count, then key, sums, rows."""
    out = bytes([1, kind, nseries]) + struct.pack(">i", len(periods))
    for key, sums, rows in periods:
        out += struct.pack(">q", key)
        out += b"".join(struct.pack(">d", s) for s in sums)
        out += b"".join(struct.pack(">q", r) for r in rows)
    return out


def number_key(x):
    """A number's period key: its bits, negatives flipped to sort."""
    bits = struct.unpack(">q", struct.pack(">d", x))[0]
    return bits ^ 0x7FFFFFFFFFFFFFFF if bits < 0 else bits


def tails(records):
    """A version 2 tails section: count, then period, series, n and components."""
    out = struct.pack(">I", len(records))
    for period, series, comps in records:
        out += struct.pack(">iHH", period, series, len(comps)) + b"".join(struct.pack(">d", c) for c in comps)
    return out


BINARIES = {
    # dates 2019-03-01 and 2020-01-01: days since 2000-01-01
    "rivalry_date.bin": (3, binary(3, 2, [(6999 * DAY, (3.0, 1.0), (1, 1)), (7305 * DAY, (2.0, 1.0), (1, 1))])),
    "trend_number.bin": (2, binary(0, 1, [(number_key(2019.0), (408.0,), (1,))])),
    "rivalry_empty.bin": (3, binary(1, 2, [])),
    "market_date.bin": (6, bytes([1, 3, 0, 2]) + struct.pack(">I", 4) + b"java" + struct.pack(">I", 6) + b"python"
                        + binary(3, 2, [(7305 * DAY, (1.0, 2.0), (1, 1))])[7 - 4:]),
    "rivalry_exact.bin": (3, bytes([2]) + binary(0, 2, [(number_key(1.0), (0.30000000000000004, 1.0), (2, 1))])[1:]
                          + tails([(0, 0, [-2.7755575615628914e-17])])),
}

os.makedirs(CORPUS, exist_ok=True)
for name, (selector, text) in TEXTS.items():
    with open(os.path.join(CORPUS, name), "wb") as f:
        f.write(bytes([selector]) + text.encode())
for name, (selector, data) in BINARIES.items():
    with open(os.path.join(CORPUS, name), "wb") as f:
        f.write(bytes([selector]) + data)
