#!/usr/bin/env python3
"""The history of tests/cli/test_notify_changes.sh, as Bencher Metric Format
files DIR/r01.json .. DIR/r27.json (one run each):

    a  latency  100 + w, times 1.3 from r21 (a clear step)
    b  latency  110 + w, times 1.25 from r21
    c  latency  120 + w (no change)
    s  solo     200 + w, times 1.4 from r21 (the one series of its metric)
    n1 noise    Gaussian, mean 500, sd 10 (seed 7): noise only
    n2 noise    Gaussian, mean 800, sd 20

w repeats 1, -1, 0.5, -0.5, 0 by run number modulo 5 (r05: 1, r06: -1, ...).
Deterministic: the same files on every machine.

    make_step_history.py DIR
"""
import json, random, sys
out = sys.argv[1]
rng = random.Random(7)
wiggle = [1.0, -1.0, 0.5, -0.5, 0.0]
for i in range(1, 28):
    w = wiggle[i % 5]
    doc = {
        "a": {"latency": {"value": (100 + w) * (1.3 if i >= 21 else 1)}},
        "b": {"latency": {"value": (110 + w) * (1.25 if i >= 21 else 1)}},
        "c": {"latency": {"value": 120 + w}},
        "s": {"solo": {"value": (200 + w) * (1.4 if i >= 21 else 1)}},
        "n1": {"noise": {"value": round(rng.gauss(500, 10), 3)}},
        "n2": {"noise": {"value": round(rng.gauss(800, 20), 3)}},
    }
    json.dump(doc, open("%s/r%02d.json" % (out, i), "w"))
