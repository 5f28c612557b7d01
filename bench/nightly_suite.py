#!/usr/bin/env python3
"""bench/nightly_suite.py OUT [RUNS] [POINTS] [SEED] - years of nightly runs of
a large suite as a benchkit store directory (OUT/runs/*.json) for
`benchdb import-benchkit OUT`: RUNS runs (default 2000), POINTS points
(default 1000: 250 benchmarks x 4 tag variants, a few with long tag values)
x 3 metrics (time with CI bounds, throughput, rss), so 3,000 series and 6 M
observations by default. One run a day from 2021-01-01 on main; every 9th
day also a run of one of 4 other branches. About 1 series in 20 has a step
change (+-8..30 %) at a random run. Deterministic for a given SEED."""
import datetime, json, os, random, sys

out = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
npoints = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 59
rng = random.Random(seed)

variants = ["small", "medium", "large", "huge"]
long_tag = "x86_64-linux-gnu/" + "-".join(f"opt{i}" for i in range(30))
points = []
for p in range(npoints):
    bench, var = p // 4, variants[p % 4]
    tags = {"size": var, "impl": ["std", "simd", "gpu"][bench % 3]}
    if bench % 50 == 7:
        tags["configuration"] = long_tag + f"/{bench}"
    name = f"suite{bench % 12:02d}/bench_{bench:04d}/{var}"
    base = {"time": 10 ** rng.uniform(2, 7), "throughput": 10 ** rng.uniform(3, 9),
            "rss": 2 ** rng.uniform(20, 32)}
    steps = {}
    for m in base:
        if rng.random() < 0.05:
            steps[m] = (rng.randrange(runs // 10, runs), rng.choice([-1, 1]) * rng.uniform(0.08, 0.3))
    points.append((name, tags, base, steps))

branches = ["feature/vectorize", "release/2.x", "perf/allocator", "dependabot/bump-everything"]
defs = {"time": {"unit": "ns", "direction": "lower", "priority": "primary"},
        "throughput": {"unit": "items/s", "direction": "higher"},
        "rss": {"unit": "bytes", "direction": "lower"}}
os.makedirs(os.path.join(out, "runs"), exist_ok=True)
day = 0
made = 0
while made < runs:
    todo = [("main", day)]
    if day % 9 == 4:
        todo.append((branches[(day // 9) % len(branches)], day))
    for branch, d in todo:
        if made >= runs:
            break
        t = datetime.datetime(2021, 1, 1, 2 if branch == "main" else 14) + datetime.timedelta(days=d)
        ts = t.isoformat()
        pts = []
        for name, tags, base, steps in points:
            ms = {}
            for m, v in base.items():
                if m in steps and made >= steps[m][0]:
                    v *= 1 + steps[m][1]
                v *= 1 + rng.gauss(0, 0.02)
                if m == "time":
                    ms[m] = {"value": round(v, 3), "lower": round(v * 0.99, 3), "upper": round(v * 1.01, 3)}
                else:
                    ms[m] = {"value": round(v, 3)}
            pts.append({"name": name, "tags": tags, "metrics": ms})
        run = {"id": f"nightly-{made:05d}", "timestamp": ts,
               "commit": f"{rng.getrandbits(160):040x}", "branch": branch,
               "environment": {"cpu": "EPYC 7763", "cpu_count": 64},
               "metadata": {"suite": "nightly"}, "metric_defs": defs, "points": pts}
        with open(os.path.join(out, "runs", f"run-{made:05d}.json"), "w") as f:
            json.dump(run, f, separators=(",", ":"))
        made += 1
    day += 1
