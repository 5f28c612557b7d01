#!/usr/bin/env python3
"""The reference of test_robust_drift_autocorrelated (tests/unit/test_detect.c):
a 40-run creep with AR(1)-like noise, and the drift p-value of the robust
method computed here independently, with the Python standard library only:

  Theil-Sen slope (median of the pairwise slopes, time = run index);
  residuals x - slope t around their median; r1 = sum r_i r_{i+1} / sum r_i^2;
  Mann-Kendall S and Var S = n(n-1)(2n+5)/18 (no ties here);
  Yue and Wang (2004): n / n* = 1 + 2 sum_{k=1}^{n-1} (1 - k/n) r1^k;
  z = (|S| - 1) / sqrt(Var S n / n*), p = 2 P(Z > z) = erfc(z / sqrt 2).

Prints the series (as the test holds it) and the numbers the test asserts.
"""
import math

n = 40
e, x = 0.0, []
for i in range(n):
    u = ((i * 7919 + 13) % 101) / 101.0 - 0.5
    e = 0.85 * e + 1.2 * u
    x.append(round(100 + 0.2 * i + e, 2))
print(", ".join("%.2f" % v for v in x))
slopes = sorted((x[j] - x[i]) / (j - i) for i in range(n) for j in range(i + 1, n))
m = len(slopes)
slope = (slopes[m // 2 - 1] + slopes[m // 2]) / 2
r = [x[i] - slope * i for i in range(n)]
rs = sorted(r)
level = (rs[n // 2 - 1] + rs[n // 2]) / 2
r = [v - level for v in r]
r1 = sum(r[i] * r[i + 1] for i in range(n - 1)) / sum(v * v for v in r)
S = sum((x[j] > x[i]) - (x[j] < x[i]) for i in range(n) for j in range(i + 1, n))
var = n * (n - 1) * (2 * n + 5) / 18
factor = 1 + 2 * sum((1 - k / n) * r1 ** k for k in range(1, n))
z = (abs(S) - 1) / math.sqrt(var * factor)
print("slope %r r1 %r S %d factor %r p %r" % (slope, r1, S, factor, math.erfc(z / math.sqrt(2))))
print("p with Bayley-Hammersley (1 + r1)/(1 - r1): %r" %
      math.erfc((abs(S) - 1) / math.sqrt(var * (1 + r1) / (1 - r1)) / math.sqrt(2)))
