#!/usr/bin/python3
"""tests/reference/joint_places.py: references for the joint placement
tests (test_robust_step_places in tests/unit/test_detect.c and
test_changes_joint_placement in tests/unit/test_exec_detect.c).

Series of 30 values: level 100 with the noise pattern +1, -0.5, -1,
+0.5 repeated, a step to 106 (same pattern) at run 16, and run 15 between
the levels: 102.7 in "weak" (45 % of the way up: its own runs cannot tell
whether the step is at 15 or 16), 100.2 in "clear" (at the old level).
Then steps to 114 with run 15 at 105 ("transition": 5 and 9 from the
levels, more than 3 spreads of 1.4826 from each and in the middle half of
the step, so it counts as the levels' middle), at 104 ("near": 4 from the
old level, within 3 spreads) and a step to 130 with run 15 at 106 ("edge":
6 and 24 away, but in the step's first quarter).

For each it prints, for every place tau of [13, 19] (the step at 16 and
3 runs either side), the likelihood ratio against the best of those places
with the noise variance profiled out,

    LR(tau) = N ln(RSS(tau) / min RSS),

RSS the residual sum of squares of two levels under AR(1) noise, computed
as query/robust.c does: values clipped to the two medians -+ 3 noise
(NOISE, the robust noise of the series, given on the command line; the
values here lie within the clip for any noise above 1), centred on the
middle of the two medians, phi the lag-1 autocorrelation around the two
medians (0 when negative), and numpy.linalg.lstsq on the prewhitened
values with the first value weighted sqrt(1 - phi^2) (Prais-Winsten).
A place is admissible when LR <= -2 ln(1 - sqrt(0.95)) = 7.3523, the 95 %
confidence set of a change's location (Siegmund 1988): 2 (l(best) -
l(true)) is twice the larger of two independent Exp(1) variables when
the shift is small against the noise.

With --coverage it checks that set by simulation: 3,000 series of 60
N(0, 1) values with a shift of 0.5, 1, 2 or 3 at run 30 (numpy
default_rng(1)), the share whose true place has LR <= 7.3523 against the
best of all places (independent noise, plain two-means RSS): 0.948,
0.958, 0.981, 0.989 (the limit is exact for small shifts and
conservative for large ones).

Run with Debian's python3-numpy 1.24.2: /usr/bin/python3 joint_places.py
[NOISE | --coverage]
"""
import math
import statistics
import sys

import numpy as np

N, AT = 30, 16
PATTERN = [1.0, -0.5, -1.0, 0.5]
TOLERANCE = -2 * math.log(1 - math.sqrt(0.95))


def series(middle, high=106.0):
    x = [(100.0 if i < AT else high) + PATTERN[i % 4] for i in range(N)]
    x[AT - 1] = middle
    return x


def lag1(c, cut, before, after):
    num = den = 0.0
    for j in range(len(c)):
        r = c[j] - (before if j < cut else after)
        den += r * r
        if j + 1 < len(c) and j + 1 != cut:
            num += r * (c[j + 1] - (before if j + 1 < cut else after))
    rho = num / den if den > 0 else 0.0
    return min(max(rho, 0.0), 0.9)


def rss(c, tau, phi):
    w0 = math.sqrt(1 - phi * phi)
    y = [w0 * c[0]] + [c[j] - phi * c[j - 1] for j in range(1, len(c))]
    u = [w0 * (0 < tau)] + [(j < tau) - phi * (j - 1 < tau) for j in range(1, len(c))]
    v = [w0 * (0 >= tau)] + [(j >= tau) - phi * (j - 1 >= tau) for j in range(1, len(c))]
    a = np.array([u, v]).T
    coef = np.linalg.lstsq(a, np.array(y), rcond=None)[0]
    r = np.array(y) - a @ coef
    return float(r @ r)


def coverage():
    rng = np.random.default_rng(1)
    n = 60
    for shift in (0.5, 1, 2, 3):
        covered = 0
        for _ in range(3000):
            x = rng.normal(size=n)
            x[30:] += shift
            c, c2 = np.cumsum(x), np.cumsum(x * x)
            t = np.arange(2, n - 1)
            a = c[t - 1]
            rss = c2[-1] - a ** 2 / t - (c[-1] - a) ** 2 / (n - t)
            covered += n * np.log(rss[30 - 2] / rss.min()) <= TOLERANCE
        print("shift %g: %.3f" % (shift, covered / 3000))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--coverage":
        coverage()
        return
    noise = float(sys.argv[1]) if len(sys.argv) > 1 else 1.05
    for name, middle, high in (("weak", 102.7, 106.0), ("clear", 100.2, 106.0),
                               ("transition", 105.0, 114.0), ("near", 104.0, 114.0),
                               ("edge", 106.0, 130.0)):
        x = series(middle, high)
        before = statistics.median(x[:AT])
        after = statistics.median(x[AT:])
        lo, hi = min(before, after) - 3 * noise, max(before, after) + 3 * noise
        mid = (before + after) / 2
        # A value of the runs within 3 of the step partway between the
        # levels, in the middle half of the step and more than 3 spreads
        # from each (the piece's own: 1.4826 times the median distance from
        # its level), counts as their middle.
        spread = 1.4826 * statistics.median(
            abs(v - (before if j < AT else after)) for j, v in enumerate(x))
        if spread <= 0:
            spread = noise
        low, high = min(before, after), max(before, after)
        margin = max(3 * spread, (high - low) / 4)
        in_lo, in_hi = low + margin, high - margin
        c = [(mid if abs(j - AT + 0.5) < 3 and in_lo < v < in_hi
              else min(max(v, lo), hi)) - mid for j, v in enumerate(x)]
        print("%s: spread %.6g, run %d %s" % (name, spread, AT - 1,
                                             "between" if in_lo < x[AT - 1] < in_hi else "kept"))
        phi = lag1(c, AT, before - mid, after - mid)
        r = {tau: rss(c, tau, phi) for tau in range(AT - 3, AT + 4)}
        best = min(r.values())
        print("%s: medians %.6g %.6g, phi %.6g" % (name, before, after, phi))
        for tau, v in r.items():
            lr = N * math.log(v / best)
            print("  tau %d: RSS %.6f LR %.4f %s" % (tau, v, lr,
                                                     "admissible" if lr <= TOLERANCE else ""))


if __name__ == "__main__":
    main()
