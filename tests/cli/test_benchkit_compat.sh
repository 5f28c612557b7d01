#!/usr/bin/env bash
# tests/cli/test_benchkit_compat.sh - benchdb as a drop-in for benchkit's CLI.
#
# The store is the example of benchkit's documentation (Datarax docs,
# docs/benchmarks/dashboard.md: CV-1/small for Datarax and Grain, throughput
# (elem/s, higher) and latency_p50 (ms, lower), config.json metric_defs), kept
# in tests/fixtures/benchkit-doc. Expected lines follow benchkit's documented
# formats and its rule delta = (cur - base) / |base| * 100, regression when
# delta < -T (higher) or delta > +T (lower), strict:
#   Datarax throughput 20158 -> 18000: -10.706%   latency_p50 12 -> 15: +25%
#   Grain   throughput 20071 -> 19500:  -2.845%   latency_p50 13 -> 13.2: +1.538%
. "$(dirname "$0")/lib.sh"
DOC=$FIXTURES/benchkit-doc
DATA=$WORK/benchmark-data

# benchkit's own flags: ingest --data --input, baseline --run, check --threshold.
run "$BENCHDB" ingest --data "$DATA" --input "$DOC/runs/2026-02-10T09-05-00_abc1234.json"
check_rc "ingest --data --input exits 0" 0
check_out_exact "benchkit's ingest line" "Ingested run 2026-02-10T09-05-00_abc1234 (2 points)"
run "$BENCHDB" baseline --data "$DATA" --run latest
check_out_exact "baseline --run latest: benchkit's line" \
	"Baseline set to run 2026-02-10T09-05-00_abc1234"
run "$BENCHDB" ingest --data "$DATA" --input "$DOC/runs/2026-02-11T09-05-00_def5678.json"
check_rc "second ingest exits 0" 0

# Without config.json's definitions the runs carry no directions: benchkit
# skips metrics without a definition, so nothing can regress yet.
run "$BENCHDB" check --data "$DATA" --threshold 0.05
check_rc "no definitions: nothing regresses" 0

# The same store migrated whole: runs, baselines/main.json, config.json.
DB=$WORK/migrated
run "$BENCHDB" import-benchkit --db "$DB" "$DOC"
check_rc "import-benchkit exits 0" 0
check_out "import counts the runs" "Imported 2 run(s)"

run "$BENCHDB" check --data "$DB" --threshold 0.05
check_rc "threshold 0.05: exit 1" 1
check_out_exact "threshold 0.05: benchkit's lines" "FAIL: 2 regression(s) detected:
  ↓ CV-1/small throughput: 20158.00 → 18000.00 (-10.7%)
  ↑ CV-1/small latency_p50: 12.00 → 15.00 (+25.0%)"

run "$BENCHDB" check --data "$DB" --threshold 0.025
check_rc "threshold 0.025: exit 1" 1
check_out_exact "threshold 0.025: Grain's throughput joins" "FAIL: 3 regression(s) detected:
  ↓ CV-1/small throughput: 20158.00 → 18000.00 (-10.7%)
  ↑ CV-1/small latency_p50: 12.00 → 15.00 (+25.0%)
  ↓ CV-1/small throughput: 20071.00 → 19500.00 (-2.8%)"

run "$BENCHDB" check --data "$DB" --threshold 0.30
check_rc "threshold 0.30: exit 0" 0
check_out_exact "threshold 0.30: PASS" "PASS: No regressions detected (threshold=30%)"

run "$BENCHDB" summary --data "$DB"
check_rc "summary exits 0" 0
check_out_exact "summary: benchkit's text" "Run: 2026-02-11T09-05-00_def5678
Timestamp: 2026-02-11T09:05:00+00:00
Commit: def5678
Branch: main
Points: 2

  CV-1:
    Datarax: throughput=18000.00, latency_p50=15.00
    Grain: throughput=19500.00, latency_p50=13.20"

run "$BENCHDB" trend --data "$DB" --metric throughput --point CV-1/small --framework Datarax
check_rc "trend exits 0" 0
check_out_exact "trend: benchkit's text" "Trend: throughput @ CV-1/small (framework=Datarax)
  2 points

  2026-02-10 09:05  20158.00  CI=[20000.00, 20300.00]  [abc1234]
  2026-02-11 09:05  18000.00  CI=[17800.00, 18200.00]  [def5678]"

run "$BENCHDB" trend --data "$DB" --metric throughput --point CV-1/small --framework Grain --n-runs 1
check_out_exact "trend --n-runs 1 keeps the newest" "Trend: throughput @ CV-1/small (framework=Grain)
  1 points

  2026-02-11 09:05  19500.00  CI=[19400.00, 19600.00]  [def5678]"

# A store of 250 runs imports in batches (100 runs per transaction): all of
# them, in order, and a second import changes nothing.
BIG=$WORK/big-store
mkdir -p "$BIG/runs" "$BIG/baselines"
cp "$DOC/config.json" "$BIG/"
for i in $(seq 1 250); do
	ts=$(printf '2026-%02d-%02dT09:05:00+00:00' $(( (i - 1) / 28 + 1 )) $(( (i - 1) % 28 + 1 )))
	printf '{"id": "r%03d", "timestamp": "%s", "commit": "c%03d", "branch": "main", "environment": {}, "metadata": {}, "metric_defs": {}, "points": [{"name": "CV-1/small", "scenario": "CV-1", "tags": {"framework": "Datarax"}, "metrics": {"throughput": {"value": %d.0}}}]}\n' \
		"$i" "$ts" "$i" $((20000 + i)) >"$BIG/runs/$(printf 'r%03d' "$i").json"
done
cp "$BIG/runs/r100.json" "$BIG/baselines/main.json"
run "$BENCHDB" import-benchkit --db "$WORK/big" "$BIG"
check_rc "a 250-run store imports" 0
check_out "every run is imported" "Imported 250 run(s)"
run "$BENCHDB" --db "$WORK/big" -c 'show runs as csv'
check "250 runs are stored" test "$(grep -c '^' "$OUT")" -eq 251
run "$BENCHDB" --db "$WORK/big" -c 'show baselines as csv'
check_out "the baseline points at r100" "main,r100"
run "$BENCHDB" import-benchkit --db "$WORK/big" "$BIG"
check_out "a second import changes nothing" "Imported 0 run(s) (250 unchanged"
run "$BENCHDB" --db "$WORK/big" verify
check_rc "the imported store verifies" 0

finish
