#!/usr/bin/python3
"""References of test_robust_drift_tied_times (tests/unit/test_detect.c):
the 40-run creep of test_robust_drift_reference with two runs at each time
(t = 0, 0, 1, 1, ..., 19, 19). Run offline with Debian's python3-numpy
1.24.2 and python3-scipy 1.10.1:

    /usr/bin/python3 tests/reference/mk_tied_times.py

Prints the Theil-Sen slope and interval (scipy.stats.theilslopes), Kendall's
S of (t, x), the variance scipy.stats.kendalltau(t, x, method='asymptotic')
uses (ties in x and in t; its p is checked against it), the Mann-Kendall p
with the continuity correction, and the lag-1 autocorrelation of the
residuals around the slope (at most 0: no variance inflation).
"""
import math

import numpy as np
from scipy import stats

x = [100.19, 99.68, 99.99, 98.16, 102.60, 102.14, 100.87, 102.17, 101.88, 101.25,
     102.98, 101.89, 102.07, 101.81, 103.25, 102.90, 103.75, 102.79, 103.73, 102.91,
     104.84, 104.39, 104.73, 105.01, 103.79, 105.78, 107.26, 103.76, 103.87, 104.30,
     106.84, 106.33, 107.48, 107.32, 107.01, 107.28, 107.03, 108.27, 106.47, 107.38]
n = len(x)
t = [float(i // 2) for i in range(n)]

slope, _, lower, upper = stats.theilslopes(x, t, 0.95)
print("theilslopes", repr(slope), repr(lower), repr(upper))

S = sum(np.sign(t[j] - t[i]) * np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))


def ties(v):
    _, c = np.unique(v, return_counts=True)
    c = c[c > 1].astype(float)
    return (c * (c - 1) / 2).sum(), (c * (c - 1) * (c - 2)).sum(), (c * (c - 1) * (2 * c + 5)).sum()


xt, x0, x1 = ties(x)
tt, t0, t1 = ties(t)
m = n * (n - 1.0)
var = (m * (2 * n + 5) - x1 - t1) / 18 + 2 * xt * tt / m + x0 * t0 / (9 * m * (n - 2))
kendall = stats.kendalltau(t, x, method="asymptotic")
assert math.isclose(kendall.pvalue, 2 * stats.norm.sf(abs(S) / math.sqrt(var)), rel_tol=1e-12)
print("S", S, "var", repr(var), "kendalltau p", repr(kendall.pvalue))
print("Mann-Kendall p", repr(2 * stats.norm.sf((abs(S) - 1) / math.sqrt(var))))
r = np.array(x) - slope * np.array(t)
r -= np.percentile(r, 50)
print("lag-1 autocorrelation of the residuals", (r[:-1] * r[1:]).sum() / (r * r).sum())
