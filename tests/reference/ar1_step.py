#!/usr/bin/python3
"""tests/reference/ar1_step.py: references for test_robust_step_ar1 in
tests/unit/test_detect.c.

A series of 60 values: level 100, a step of +3 at run 30, AR(1) noise with
phi 0.5 and marginal sd 1 (random.Random(SEED).gauss), rounded to 2
decimals. It prints the series, and for every split tau of [2, 58]:

  * the mean-shift statistic a b / (a + b) (mean(A) - mean(B))^2 (the place
    independent noise would choose: its largest value), and
  * the residual sum of squares of two levels under AR(1) noise with the
    lag-1 autocorrelation phi of the values around their two medians
    (split at 30), by numpy.linalg.lstsq on the prewhitened values
    y[0] = sqrt(1 - phi^2) x[0], y[j] = x[j] - phi x[j - 1] and the two
    level regressors transformed the same way (Prais-Winsten).

Run with Debian's python3-numpy 1.24.2: /usr/bin/python3 ar1_step.py SEED
"""
import random
import statistics
import sys

import numpy as np

N, AT, STEP, PHI = 60, 30, 3.0, 0.5


def series(seed):
    rng = random.Random(seed)
    e = rng.gauss(0, 1)
    x = []
    for i in range(N):
        e = PHI * e + (1 - PHI * PHI) ** 0.5 * rng.gauss(0, 1)
        x.append(round(100 + (STEP if i >= AT else 0) + e, 2))
    return x


def lag1(x, cut):
    before = statistics.median(x[:cut])
    after = statistics.median(x[cut:])
    r = [v - (before if j < cut else after) for j, v in enumerate(x)]
    num = sum(r[j] * r[j + 1] for j in range(len(x) - 1) if j + 1 != cut)
    den = sum(v * v for v in r)
    return min(max(num / den, 0.0), 0.9)


def gls_rss(x, tau, phi):
    n = len(x)
    w0 = (1 - phi * phi) ** 0.5
    lev = np.array([[1.0, 0.0] if j < tau else [0.0, 1.0] for j in range(n)])
    xs = np.array(x)
    y = np.empty(n)
    d = np.empty((n, 2))
    y[0], d[0] = w0 * xs[0], w0 * lev[0]
    y[1:] = xs[1:] - phi * xs[:-1]
    d[1:] = lev[1:] - phi * lev[:-1]
    coef, *_ = np.linalg.lstsq(d, y, rcond=None)
    r = y - d @ coef
    return float(r @ r)


def mean_shift(x, tau):
    a, b = tau, len(x) - tau
    d = statistics.fmean(x[:tau]) - statistics.fmean(x[tau:])
    return a * b / (a + b) * d * d


def main():
    seed = int(sys.argv[1])
    x = series(seed)
    phi = lag1(x, AT)
    taus = range(2, N - 1)
    ms = max(taus, key=lambda t: mean_shift(x, t))
    gls = min(taus, key=lambda t: gls_rss(x, t, phi))
    print("seed", seed, "phi %.17g" % phi, "mean-shift place", ms, "AR(1) place", gls)
    print(", ".join("%.2f" % v for v in x))


if __name__ == "__main__":
    main()
