#!/usr/bin/env python3
"""Expected exact sums for sql/exact_sums.sql, computed independently.

The rows are the test's adversarial ones (the same formula); each period's
sum of a and of b is computed exactly with fractions.Fraction, then written
as its canonical expansion: c0 = RN(X), c1 = RN(X - c0), ... (float() of a
Fraction rounds correctly, to nearest, ties to even).  The extension keeps
its sums with a fixed-point accumulator and two-sums: another route to the
same numbers.

Regenerate: python3 test/reference/exact_sums.py > test/reference/exact_sums.csv
"""
from fractions import Fraction

A = [1e15, 0.1, 1e-300, 1.0000000000000002, 1.1102230246251565e-16, 0.3333333333333333,
     1e15, 0.7, 1e-300, 2.5]
B = [0.1, 0.2, 0.3, 1e-300, 1e15, 0.7]


def expansion(x):
    out = []
    while x != 0:
        c = float(x)
        out.append(c)
        x -= Fraction(c)
    return out or [0.0]


print("p,series,components")
for p in range(1, 41):
    sa = sum(Fraction(A[(p * 7 + r) % 10]) for r in range(1, 51))
    sb = sum(Fraction(B[(p + r * 3) % 6]) for r in range(1, 51))
    for series, s in (("a", sa), ("b", sb)):
        print(f'{p},{series},"{{{",".join(repr(c) for c in expansion(s))}}}"')
