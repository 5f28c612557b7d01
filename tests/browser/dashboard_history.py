#!/usr/bin/env python3
"""Writes the history the dashboard's browser test stores: RUNS benchkit runs
(run-01.json ... ) into DIR, one a night from 2026-10-01.

Points: sort/1024 on backend cpu and gpu, hash/4096 on cpu, and a point
named <img src=x onerror=alert(1)> on cpu (its name must show as text).
Metrics: time (ns, lower is better, 5 raw samples) and throughput (items/s,
higher); hash/4096 also has bandwidth (B/s, higher), 7020116304 B/s in the
last run (the table shows "7.02 GB/s"). sort/1024 on cpu gets 30% slower
from run 7 on (a change point and, against baseline run-03, a regression);
everything else wobbles by a fixed +-1% pattern. Run 2 has no commit (pages
show "-"). Environment and metadata name the host and the night.

usage: dashboard_history.py DIR [RUNS]
"""
import datetime
import json
import os
import sys

out = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 12
XSS = "<img src=x onerror=alert(1)>"
series = [("sort/1024", "cpu", 1000.0), ("sort/1024", "gpu", 400.0),
          ("hash/4096", "cpu", 250.0), (XSS, "cpu", 50.0)]
wobble = [1.0, 1.01, 0.99, 1.005, 0.995]
os.makedirs(out, exist_ok=True)
for i in range(1, runs + 1):
    points = []
    for k, (name, backend, base) in enumerate(series):
        t = base * wobble[(i + k) % len(wobble)]
        if name == "sort/1024" and backend == "cpu" and i >= 7:
            t *= 1.3
        samples = [round(t * f, 3) for f in (0.98, 0.99, 1.0, 1.01, 1.02)]
        metrics = {
            "time": {"value": round(t, 3), "unit": "ns", "samples": samples,
                     "ci_lower": round(t * 0.98, 3), "ci_upper": round(t * 1.02, 3)},
            "throughput": {"value": round(1e9 / t, 3), "unit": "items/s"},
        }
        if name == "hash/4096":
            w = wobble[(i + k) % len(wobble)] / wobble[(runs + k) % len(wobble)]
            metrics["bandwidth"] = {"value": round(7020116304 * w), "unit": "B/s"}
        points.append({"name": name, "tags": {"backend": backend}, "metrics": metrics})
    run = {
        "id": "run-%02d" % i,
        "timestamp": (datetime.datetime(2026, 10, 1, 2) +
                      datetime.timedelta(days=i - 1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": None if i == 2 else "%07x" % (0xc0ffee0 + i),
        "branch": "main",
        "environment": {"host": "ci-runner-1", "cpu": "Example CPU @ 3.0GHz"},
        "metadata": {"night": str(i), "suite": "nightly"},
        "metric_defs": {
            "time": {"name": "time", "unit": "ns", "direction": "lower"},
            "throughput": {"name": "throughput", "unit": "items/s", "direction": "higher"},
            "bandwidth": {"name": "bandwidth", "unit": "B/s", "direction": "higher"},
        },
        "points": points,
    }
    if run["commit"] is None:
        del run["commit"]
    with open(os.path.join(out, "run-%02d.json" % i), "w") as f:
        json.dump(run, f, indent=1)
