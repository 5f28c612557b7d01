#!/usr/bin/env bash
# tests/cli/test_retain_backfill.sh - a backfill of old history in one
# `benchdb ingest DIR` under `apply on ingest` (docs/cli.md, "Retention"):
# the command stores 100 runs per transaction and applies the policy once,
# after its last, so every old month is rolled up whole. Before, it applied
# it after each transaction: a month a transaction boundary split was
# rolled up from the runs of the first, and the later ones stayed as runs.
# Expected: 250 nightly runs from 2024-01-01 (generated below), all older
# than `rollup month after 30d` by far: 9 month rollups (January to August
# 2024 and September's 6 days), no run left, counts per month by the
# calendar (Python's calendar.monthrange).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
mkdir "$WORK/hist"
python3 - "$WORK/hist" <<'PY'
import datetime as dt, json, sys
d = dt.datetime(2024, 1, 1, 2, 0)
for n in range(1, 251):
    run = {"id": f"n{n:03d}", "timestamp": f"{d:%Y-%m-%dT%H:%M:%S}", "branch": "main",
           "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
           "points": [{"name": "p", "metrics": {"time": {"value": 100 + n % 7}}}]}
    json.dump(run, open(f"{sys.argv[1]}/{n:03d}.json", "w"))
    d += dt.timedelta(days=1)
PY
"$BENCHDB" --db "$DB" ingest "$WORK/hist/001.json" >/dev/null
"$BENCHDB" --db "$DB" retain --set 'rollup month after 30d; apply on ingest' >/dev/null
run "$BENCHDB" --db "$DB" ingest -q "$WORK/hist"
check_rc "the backfill is ingested: exit 0" 0
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check "  no run left beside the month rollups" \
	test -z "$(tr -d '\r' <"$OUT" | tail -n +2 | grep -v '^rollup:month:')"
run "$BENCHDB" --db "$DB" -c 'trend time as csv'
got=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["run"], r["count"])' "$OUT")
want=$(python3 -c '
import calendar
for m in range(1, 10):
    print(f"rollup:month:2024-{m:02d}:main", calendar.monthrange(2024, m)[1] if m < 9 else 6)')
check "  each month rollup holds all its days' runs" test "$got" = "$want"
run "$BENCHDB" --db "$DB" verify
check_rc "  verify passes" 0

# The last batch storing nothing (its runs stored before), the policy is
# applied after it on its own.
DB2=$WORK/db2
mkdir "$WORK/tail"
cp "$WORK"/hist/2[0-9][0-9].json "$WORK/tail/"
"$BENCHDB" --db "$DB2" ingest -q "$WORK/tail" >/dev/null
"$BENCHDB" --db "$DB2" retain --set 'rollup month after 30d; apply on ingest' >/dev/null
run "$BENCHDB" --db "$DB2" ingest -q "$WORK/hist"
check_rc "a backfill whose last batch was stored: exit 0" 0
check_err "  the policy applied once the batches are in" \
	"benchdb: retain on ingest: create rollup rollup:month:2024-01:main of 31 runs"
run "$BENCHDB" --db "$DB2" -c 'trend time as csv'
got=$(python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["run"], r["count"])' "$OUT")
check "  each month rollup holds all its days' runs" test "$got" = "$want"
finish
