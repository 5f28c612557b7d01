#!/usr/bin/env python3
"""The real-history half of `make eval` (build/tools/detect_eval is the other).

    tests/eval/realdata.py BENCHDB WORKDIR [NAME=CLAUSES ...]

Imports every history in tests/realdata/ into its own store under WORKDIR
(gab data.js files with import-gab, the kedro asv results with import-asv,
the glitchygames pytest-benchmark files with ingest), runs
`changes METRIC CLAUSES` over every metric of every store for each method
(default: the robust default, E-Divisive and window 50; `by series`, one
row per series and change) and prints, per
method:

  * the labelled events of tests/realdata/README.md (from the shared
    realdata README's Events tables) found: a change point at the event's
    commit or one run either side of it in that series;
  * change points reported on the labelled noise series (none is right;
    the colour-string series may change at a5c92bc156, its README says so);
  * change points in all, and alert groups: distinct commits at which any
    series of the store reports a change (all kinds; and steps only, since a
    drift's commit is only where its window starts); and the groups of the
    grouped `changes` table, within +-1 run (one_run_groups: a commit joins
    the group of the earliest commit that is the previous commit of one of
    its change points; all drifts of a store are one group); and the
    commits of the steps and excursions plus one group per store with
    drifts, which is what a person reads (a drift is reported over a window,
    not at a commit: its row's commit is the series' first run).

Only the Python standard library; the numbers depend on nothing but the files
and the binary.
"""

import json
import os
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "realdata")

STORES = [
    ("nautilus", "gab", "gab/nebulastream__nautilus.data.js"),
    ("jox", "gab", "gab/softwaremill__jox.data.js"),
    ("color", "gab", "gab/kurkle__color.data.js"),
    ("moov", "gab", "gab/moov-io__benchmarks.data.js"),
    ("kedro", "asv", "asv/kedro-org__kedro-benchmark-results/.asv/results"),
    ("glitchy", "pytest",
     "pytest/terrysimons__glitchygames/.benchmarks/Darwin-CPython-3.13-64bit"),
]

PYT = "tests/benchmarks/test_benchmarks.py::"
JOX = "com.softwaremill.jox."
K = "benchmark_datacatalog.TimeDataCatalog."
KP = "benchmark_validation.ContextParamsTimeSuite.time_context_params_cached"

# (id, store, metric, point, tags subset, commit prefix)
EVENTS = [
    ("N1", "nautilus", "time", "trace_add", {}, "4654fd60e8"),
    ("N1 revert", "nautilus", "time", "trace_add", {}, "92c44dc97e"),
    ("N2", "nautilus", "time", "trace_add", {}, "faf97b8961"),
    ("N3", "nautilus", "time", "comp_bc_add", {}, "530817c24a"),
    ("J1", "jox", "time", JOX + 'BufferedBenchmark.channel ( {"capacity":"16"} )', {},
     "9d73fa47bb"),
    ("J1", "jox", "time",
     JOX + 'ParallelBenchmark.parallelChannels ( {"capacity":"16","parallelism":"10000"} )',
     {}, "9d73fa47bb"),
    ("C1", "color", "throughput", "mix|@kurkle/color", {}, "284322a04b"),
    ("C1 revert", "color", "throughput", "mix|@kurkle/color", {}, "7f441c91cb"),
    ("C2", "color", "throughput", "rgbString|chartjs-color", {}, "fd21c6d27c"),
    ("C2", "color", "throughput", "negate|@kurkle/color", {}, "fd21c6d27c"),
    ("C3", "color", "throughput", "map", {"suite": "HEX parsing"}, "982a6e71ea"),
    ("M1", "moov", "time", "BenchmarkAlphaFieldLong - ns/op", {}, "f4a0e26fe1"),
    ("M2", "moov", "time", "BenchmarkNumericFieldShort - ns/op", {}, "9aab73c65e"),
    ("M2", "moov", "time", "BenchmarkNumericFieldShort - ns/op", {}, "f4a0e26fe1"),
    ("M3", "moov", "time", "BenchmarkLargeWEBWrite - ns/op", {}, "f4a0e26fe1"),
    ("M3", "moov", "time", "BenchmarkParseStringField - ns/op", {}, "f4a0e26fe1"),
    ("K1", "kedro", "time", K + "time_load", {}, "0de01c9df2"),
    ("K1", "kedro", "time", K + "time_save", {}, "0de01c9df2"),
    ("K2", "kedro", "time", KP, {"node_count": "500", "typed_params_per_node": "5"},
     "0498150daa"),
    ("K2", "kedro", "time", KP, {"node_count": "10", "typed_params_per_node": "1"},
     "0498150daa"),
    ("P1", "glitchy", "time",
     PYT + "TestVisualCollisionBenchmarks::test_collision_detection_4_controllers", {},
     "4df88a747d"),
    ("P2", "glitchy", "time", PYT + "TestControllerSelectionBenchmarks::test_selection_set_and_get",
     {}, "4df88a747d"),
    ("P2", "glitchy", "time", PYT + "TestVisualCollisionBenchmarks::test_add_single_indicator", {},
     "4df88a747d"),
]

# (name, store, metric, point, tags subset, commits where a change is allowed,
#  kinds that count as false)
STEP_KINDS = ("step", "drift")
NOISE = [
    ("ssa_gcd", "nautilus", "time", "ssa_gcd", {}, (), None),
    ("arrayBlockingQueue 16", "jox", "time",
     JOX + 'BufferedBenchmark.arrayBlockingQueue ( {"capacity":"16"} )', {}, (), None),
    ("color-string rgba", "color", "throughput", "parse rgba(255, 0, 0, 0.5)|color-string", {},
     ("a5c92bc156",), None),
    ("MergeFiles_100Groups", "moov", "time", "BenchmarkMergeFiles/MergeFiles_100Groups - ns/op",
     {}, (), None),
    ("time_contains", "kedro", "time", K + "time_contains", {}, (), None),
    # K3: three single-run drops; nothing persistent may be reported.
    ("time_get (K3)", "kedro", "time", K + "time_get", {}, (), STEP_KINDS),
    ("selection_navigation_history", "glitchy", "time",
     PYT + "TestControllerSelectionBenchmarks::test_selection_navigation_history", {}, (), None),
]

DEFAULT_METHODS = [
    ("robust (default)", ""),
    ("edivisive", "using edivisive"),
    ("window 50", "window 50"),
]


def run(benchdb, db, *args):
    out = subprocess.run([benchdb, "--db", db, *args], check=True, capture_output=True,
                         text=True)
    return out.stdout


def query(benchdb, db, statement):
    return json.loads(run(benchdb, db, "--json", "-c", statement))


def build(benchdb, work):
    dbs = {}
    for name, kind, rel in STORES:
        db = os.path.join(work, name)
        path = os.path.join(REAL, rel)
        if not os.path.isdir(db):
            if kind == "gab":
                run(benchdb, db, "import-gab", path)
            elif kind == "asv":
                run(benchdb, db, "import-asv", path)
            else:
                files = sorted(os.path.join(path, f) for f in os.listdir(path)
                               if f.endswith(".json"))
                run(benchdb, db, "ingest", *files)
        dbs[name] = db
    return dbs


def tags_match(tags, want):
    return all(tags.get(k) == v for k, v in want.items())


def quoted(point):
    return '"' + point.replace("\\", "\\\\").replace('"', '\\"') + '"'


def series_commits(benchdb, db, metric, point, tags):
    """The commits of one series in time order (trend's rows)."""
    rows = query(benchdb, db, "trend %s of %s" % (metric, quoted(point)))["rows"]
    return [r["commit"] or "" for r in rows if tags_match(r["tags"], tags)]


def one_run_groups(rows):
    """The alert groups of one store's rows as `changes` groups them
    (query/exec_history.c assign_groups): commits in time order, each one
    not yet taken anchors a group and takes every later commit with a
    change point whose previous commit is the anchor; drifts are one
    group."""
    info = {}
    drift = False
    for r in rows:
        if r.get("kind") == "drift":
            drift = True
            continue
        c = r["commit"]
        d = info.setdefault(c, [r["timestamp"], set()])
        d[0] = min(d[0], r["timestamp"])
        if r.get("previous_commit"):
            d[1].add(r["previous_commit"])
    order = sorted(info, key=lambda c: info[c][0])
    taken, groups = set(), 0
    for a in order:
        if a in taken:
            continue
        taken.add(a)
        groups += 1
        taken.update(c for c in order if c not in taken and a in info[c][1])
    return groups + drift


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: realdata.py BENCHDB WORKDIR [NAME=CLAUSES ...]")
    benchdb, work = sys.argv[1], sys.argv[2]
    methods = DEFAULT_METHODS
    if len(sys.argv) > 3:
        methods = [tuple(a.split("=", 1)) for a in sys.argv[3:]]
    os.makedirs(work, exist_ok=True)
    dbs = build(benchdb, work)
    metrics = {s: [r["metric"] for r in query(benchdb, db, "show metrics")["rows"]]
               for s, db in dbs.items()}
    commits = {}
    for e in EVENTS + NOISE:
        key = (e[1], e[2], e[3], tuple(sorted(e[4].items())))
        if key not in commits:
            commits[key] = series_commits(benchdb, dbs[e[1]], e[2], e[3], e[4])

    print("| method | labelled events found (+-1 run) | points on noise series | "
          "change points (steps, excursions, drifts) | alert groups (distinct commits) | "
          "alert groups of steps only | alert groups within +-1 run | "
          "commits of steps and excursions, plus each store's drifts |")
    print("|---|---|---|---|---|---|---|---|")
    notes = []
    for name, clauses in methods:
        rows = []  # (store, row)
        for s, db in dbs.items():
            for m in metrics[s]:
                res = query(benchdb, db, "changes %s %s by series" % (m, clauses))
                for r in res["rows"]:
                    r.setdefault("point", None)
                    r["metric"] = m
                    rows.append((s, r))
        found, missed = 0, []
        for ev in EVENTS:
            eid, s, metric, point, tags, commit = ev
            seq = commits[(s, metric, point, tuple(sorted(tags.items())))]
            at = [i for i, c in enumerate(seq) if c.startswith(commit)]
            near = set()
            for i in at:
                near.update(c for c in seq[max(0, i - 1):i + 2])
            # An excursion covers the run it starts at and the one it
            # returns at.
            hit = any(rs == s and r["metric"] == metric and r["point"] == point and
                      tags_match(r["tags"], tags) and
                      (r["commit"] in near or (r.get("kind") == "excursion" and
                                               r.get("end_commit") in near))
                      for rs, r in rows)
            found += hit
            if not hit:
                missed.append("%s %s" % (eid, point if len(point) < 50 else point[:47] + "..."))
        false = []
        for nname, s, metric, point, tags, allowed, kinds in NOISE:
            for rs, r in rows:
                if rs == s and r["metric"] == metric and r["point"] == point and \
                        tags_match(r["tags"], tags) and \
                        not any((r["commit"] or "").startswith(a) for a in allowed) and \
                        (kinds is None or r.get("kind", "step") in kinds):
                    false.append("%s@%s %s" % (nname, (r["commit"] or "")[:10],
                                               r.get("kind", "step")))
        kinds = defaultdict(int)
        groups, groups_no_exc, at_commits = defaultdict(set), defaultdict(set), defaultdict(set)
        for s, r in rows:
            kind = r.get("kind", "step")
            kinds[kind] += 1
            groups[s].add(r["commit"])
            if kind == "step":
                groups_no_exc[s].add(r["commit"])
            # A drift's row carries its window's first run (the series'
            # first) as its commit; `changes` shows a store's drifts as one
            # group without a commit.
            at_commits[s].add(r["commit"] if kind != "drift" else None)
        per_store = ", ".join("%s %d" % (s, len(groups[s])) for s in dbs)
        near = {s: one_run_groups([r for rs, r in rows if rs == s]) for s in dbs}
        print("| %s | %d of %d | %d | %d (%d, %d, %d) | %d (%s) | %d | %d (%s) | %d |" % (
            name, found, len(EVENTS), len(false), len(rows), kinds["step"], kinds["excursion"],
            kinds["drift"], sum(len(g) for g in groups.values()), per_store,
            sum(len(g) for g in groups_no_exc.values()), sum(near.values()),
            ", ".join("%s %d" % (s, near[s]) for s in dbs),
            sum(len(g) for g in at_commits.values())))
        if missed:
            notes.append("%s missed: %s" % (name, "; ".join(missed)))
        if false:
            notes.append("%s on noise series: %s" % (name, "; ".join(false)))
    for n in notes:
        print("\n" + n)


if __name__ == "__main__":
    main()
