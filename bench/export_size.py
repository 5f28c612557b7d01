#!/usr/bin/env python3
"""bench/export_size.py - the sizes docs/scaling.md estimates an export with.

    python3 bench/export_size.py NIGHTLY_DIR [RUNS]

Reads the first RUNS (default 365) benchkit files of a generated workload
(make -f bench/bench.mk data) and prints, per observation:
  - JSONEachRow: one flat JSON object per observation (what ClickHouse's
    HTTP interface takes: INSERT ... FORMAT JSONEachRow), raw and as zstd -3
    and gzip -6 would send it;
  - a column store's share: the same rows sorted by series then time, each
    column written on its own (strings as text lines, numbers as float64 /
    int64 little-endian) and compressed with zstd -3 - the way a MergeTree
    part or a Parquet file stores columns, without their specialised codecs
    (Gorilla, Delta, dictionaries), so an upper bound for them.
Uses only the standard library and the zstd and gzip programs.
"""
import glob
import json
import os
import struct
import subprocess
import sys

data, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 365
rows = []
for path in sorted(glob.glob(os.path.join(data, "run-*.json")))[:runs]:
    run = json.load(open(path))
    defs = run.get("metric_defs", {})
    for p in run["points"]:
        for metric, m in p["metrics"].items():
            d = defs.get(metric, {})
            rows.append({
                "run_id": run["id"], "timestamp": run["timestamp"], "commit": run["commit"],
                "branch": run["branch"], "point": p["name"], "tags": p.get("tags", {}),
                "metric": metric, "unit": d.get("unit", ""), "direction": d.get("direction", ""),
                "value": m["value"], "lower": m.get("lower"), "upper": m.get("upper"),
            })
n = len(rows)


def sizes(blob):
    z = subprocess.run(["zstd", "-3", "-c"], input=blob, capture_output=True, check=True).stdout
    g = subprocess.run(["gzip", "-6", "-c"], input=blob, capture_output=True, check=True).stdout
    return len(blob), len(z), len(g)


each = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
raw, zst, gz = sizes(each)
print("observations %d (%d runs)" % (n, runs))
print("JSONEachRow raw %.1f B/obs, zstd -3 %.2f B/obs, gzip -6 %.2f B/obs" % (raw / n, zst / n, gz / n))

rows.sort(key=lambda r: (r["point"], sorted(r["tags"].items()), r["metric"], r["timestamp"]))
total = 0
parts = []
for col in ["run_id", "timestamp", "commit", "branch", "point", "tags", "metric", "unit",
            "direction", "value", "lower", "upper"]:
    vals = [r[col] for r in rows]
    if col in ("value", "lower", "upper"):
        blob = b"".join(struct.pack("<d", v if v is not None else float("nan")) for v in vals)
    elif col == "timestamp":
        # seconds since the epoch, as a DateTime64 column would hold them
        import datetime
        blob = b"".join(struct.pack("<q", int(datetime.datetime.fromisoformat(
            v.replace("Z", "+00:00")).timestamp())) for v in vals)
    elif col == "tags":
        blob = "".join(json.dumps(v, sort_keys=True) + "\n" for v in vals).encode()
    else:
        blob = "".join(v + "\n" for v in vals).encode()
    _, z, _ = sizes(blob)
    total += z
    parts.append("%s %.2f" % (col, z / n))
print("columns, sorted by series and time, zstd -3: %.2f B/obs (%s)" % (total / n, ", ".join(parts)))
