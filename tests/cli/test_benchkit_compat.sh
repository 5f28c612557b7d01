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

# The baseline moved after the migration (benchkit's 'baseline --run
# latest', as a CI job does): importing the directory again moved it back to
# baselines/main.json's run without a word, and the next check judged
# against the old run.
DB2=$WORK/migrated-again
"$BENCHDB" import-benchkit --db "$DB2" "$DOC" >/dev/null 2>&1
"$BENCHDB" baseline --data "$DB2" --run latest >/dev/null
run "$BENCHDB" import-benchkit --db "$DB2" "$DOC"
check_rc "import again after the baseline moved: exit 0" 0
check_out "  sets no baseline" "Imported 0 run(s) (2 unchanged, 0 replaced), 0 baseline(s)"
check_err "  says which it kept, and how to move it" \
	"benchdb: note: $DOC: kept 1 baseline(s) the store has on another run (moved since the last import); the first: main: $DOC/baselines/main.json holds run 2026-02-10T09-05-00_abc1234 (--replace moves them)"
run "$BENCHDB" --db "$DB2" baseline
check_out_exact "  main stays on the run it was moved to" "main	2026-02-11T09-05-00_def5678"
run "$BENCHDB" import-benchkit --replace --db "$DB2" "$DOC"
check_out "  --replace moves it" "1 baseline(s)"
run "$BENCHDB" --db "$DB2" baseline
check_out_exact "  back to baselines/main.json's run" "main	2026-02-10T09-05-00_abc1234"
run "$BENCHDB" import-benchkit --db "$DB2" "$DOC"
check "  then an import again says nothing" test ! -s "$ERR"

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

# Agreement with benchkit's own functions (calibrax.analysis.regression.
# detect_regressions and calibrax.analysis.ranking.rank_table): the same
# verdicts, deltas and ranks through the query language. Expected values are
# their formulas evaluated in Python 3 (float64, printed with repr):
#   delta_pct = ((cv - bv) / abs(bv)) * 100.0, a regression when
#   delta_pct < -T*100 (higher) or > T*100 (lower), strict;
#   rank: sorted(..., reverse=higher) (stable), delta = abs((v - best) / best) * 100.0
# (18000-20158)/20158*100 = -10.705427125706915, (15-12)/12*100 = 25.0,
# (19500-20071)/20071*100 = -2.844900602859848; rank of the latest run:
# |18000-19500|/19500*100 = 7.6923076923076925, |15-13.2|/13.2*100 = 13.636363636363644.
run "$BENCHDB" --db "$DB" -c 'regressions threshold 2.5% as csv'
check "agreement: regressions at 2.5% are benchkit's three, with its deltas" \
	test "$(tr -d '\r' <"$OUT")" = "point,tags,metric,direction,base,current,unit,change_pct,severity,p_value,threshold
CV-1/small,framework=Datarax,throughput,higher,20158,18000,elem/s,-10.705427125706915,minor,,2.5
CV-1/small,framework=Datarax,latency_p50,lower,12,15,ms,25,moderate,,2.5
CV-1/small,framework=Grain,throughput,higher,20071,19500,elem/s,-2.844900602859848,minor,,2.5"
# Strict: latency's +25.0 is not > 25.0, so at 25% nothing regresses (check
# passes, as benchkit's `25.0 > 0.25 * 100` is False); at 24.9% it does.
run "$BENCHDB" check --data "$DB" --threshold 0.25
check_rc "agreement: exactly the threshold is not a regression (exit 0)" 0
run "$BENCHDB" --db "$DB" -c 'regressions threshold 24.9% as csv'
check "agreement: just under it, latency regresses" \
	test "$(tr -d '\r' <"$OUT" | cut -d, -f3,8 | tail -n +2)" = "latency_p50,25"
run "$BENCHDB" --db "$DB" -c 'rank throughput by framework as csv; rank latency_p50 by framework as csv'
check "agreement: rank_table(run, metric) for throughput (higher) and latency_p50 (lower)" \
	test "$(tr -d '\r' <"$OUT" | cut -d, -f1,2,5,7,8)" = "rank,label,value,delta_pct,best
1,Grain,19500,0,true
2,Datarax,18000,7.6923076923076925,false

rank,label,value,delta_pct,best
1,Grain,13.2,0,true
2,Datarax,15,13.636363636363644,false"

# The other rules, on two benchkit runs: P/A throughput 100 -> 90 (-10%),
# P/A latency 0 -> 5 (zero base: benchkit skips it), P/B 100 -> 100, P/C
# only in b, Q's tags change from {framework: A} to {framework: A, gpu: 0}
# (benchkit's key is name plus the sorted tag set: no match, skipped).
# detect_regressions(b, a, 0.05) = [P throughput 100 -> 90, -10.0];
# at 0.10 -10.0 < -10.0 is False: none. rank_table(b, "throughput") groups
# by framework in point order (C 90, A 90, B 100; Q's label A is taken
# already) and sorts stably: B 100 (0), C 90 (10.0), A 90 (10.0).
AG=$WORK/agree
mkdir -p "$AG"
defs='"metric_defs": {"throughput": {"unit": "elem/s", "direction": "higher"}, "latency": {"unit": "ms", "direction": "lower"}}'
cat >"$AG/a.json" <<EOF
{"id": "a", "timestamp": "2026-03-01T09:00:00+00:00", "commit": "aaaaaaa", "branch": "main", "environment": {}, "metadata": {}, $defs,
 "points": [
  {"name": "P", "scenario": "S", "tags": {"framework": "A"}, "metrics": {"throughput": {"value": 100.0}, "latency": {"value": 0.0}}},
  {"name": "P", "scenario": "S", "tags": {"framework": "B"}, "metrics": {"throughput": {"value": 100.0}}},
  {"name": "Q", "scenario": "S", "tags": {"framework": "A"}, "metrics": {"throughput": {"value": 100.0}}}]}
EOF
cat >"$AG/b.json" <<EOF
{"id": "b", "timestamp": "2026-03-02T09:00:00+00:00", "commit": "bbbbbbb", "branch": "main", "environment": {}, "metadata": {}, $defs,
 "points": [
  {"name": "P", "scenario": "S", "tags": {"framework": "C"}, "metrics": {"throughput": {"value": 90.0}}},
  {"name": "P", "scenario": "S", "tags": {"framework": "A"}, "metrics": {"throughput": {"value": 90.0}, "latency": {"value": 5.0}}},
  {"name": "P", "scenario": "S", "tags": {"framework": "B"}, "metrics": {"throughput": {"value": 100.0}}},
  {"name": "Q", "scenario": "S", "tags": {"framework": "A", "gpu": "0"}, "metrics": {"throughput": {"value": 50.0}}}]}
EOF
"$BENCHDB" ingest --data "$AG/db" --input "$AG/a.json" >/dev/null
"$BENCHDB" baseline --data "$AG/db" --run latest >/dev/null
"$BENCHDB" ingest --data "$AG/db" --input "$AG/b.json" >/dev/null
run "$BENCHDB" check --data "$AG/db" --threshold 0.05
check_rc "agreement: one regression, exit 1" 1
check_out_exact "agreement: only P/A's throughput (zero base and changed tag set skipped)" \
	"FAIL: 1 regression(s) detected:
  ↓ P throughput: 100.00 → 90.00 (-10.0%)"
run "$BENCHDB" check --data "$AG/db" --threshold 0.10
check_out_exact "agreement: -10.0% at 10% is not a regression" \
	"PASS: No regressions detected (threshold=10%)"
run "$BENCHDB" --db "$AG/db" -c 'compare baseline with latest as csv'
check "agreement: the zero base is n/a and the changed tag set new/removed, never a regression" \
	test "$(tr -d '\r' <"$OUT" | sed 's/"[^"]*"/T/' | cut -d, -f1,3,8)" = "point,metric,verdict
P,throughput,new
P,throughput,regression
P,latency,n/a
P,throughput,unchanged
Q,throughput,new
Q,throughput,removed"
run "$BENCHDB" --db "$AG/db" -c 'rank throughput by framework of P as csv'
check "agreement: stable ranks, ties in the run's order (C before A)" \
	test "$(tr -d '\r' <"$OUT" | cut -d, -f1,2,5,7,8)" = "rank,label,value,delta_pct,best
1,B,100,0,true
2,C,90,10,false
3,A,90,10,false"

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
