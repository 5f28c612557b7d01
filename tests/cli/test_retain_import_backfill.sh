#!/usr/bin/env bash
# tests/cli/test_retain_import_backfill.sh - a backfill imported in one
# `import-*` under `apply on ingest` (docs/cli.md, "Retention"): the importers
# store 100 runs per transaction and now apply the policy once, after the
# last, as `ingest DIR` does (9f18078). Before, `import-benchkit` of 250
# nightly runs applied it after each transaction: January to April were
# rolled up from the first 100 runs (rollup:month:2024-04:main of 9 runs, the
# rest of April kept as runs for good), and so on at each boundary.
# Expected: the runs of 2024-01-01 on, one a day (generated below), all older
# than `rollup month after 30d`: 9 month rollups (January to August 2024 and
# September's 6 days), no run left, counts per month by the calendar
# (Python's calendar.monthrange).
. "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/bk/runs"
python3 - "$WORK" <<'PY'
import datetime as dt, json, sys
d = dt.datetime(2024, 1, 1, 2, 0)
with open(f"{sys.argv[1]}/hist.csv", "w") as csv:
    csv.write("time,commit,branch,time_ns\n")
    for n in range(1, 251):
        run = {"id": f"n{n:03d}", "timestamp": f"{d:%Y-%m-%dT%H:%M:%S}", "branch": "main",
               "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
               "points": [{"name": "p", "metrics": {"time": {"value": 100 + n % 7}}}]}
        json.dump(run, open(f"{sys.argv[1]}/bk/runs/{n:03d}.json", "w"))
        csv.write(f"{d:%Y-%m-%dT%H:%M:%SZ},c{n},main,{100 + n % 7}\n")
        d += dt.timedelta(days=1)
PY
want=$(python3 -c '
import calendar
for m in range(1, 10):
    print(f"rollup:month:2024-{m:02d}:main", calendar.monthrange(2024, m)[1] if m < 9 else 6)')
# A store needs a run before it takes a policy: one of today, another branch.
printf '{"id": "seed", "timestamp": "%s", "branch": "seed", "points": [{"name": "q",
 "metrics": {"other": {"value": 1.0}}}]}\n' "$(date -u +%Y-%m-%dT%H:%M:%S)" >"$WORK/seed.json"
# new_store DIR: a store of the seed run under the policy.
new_store() {
	"$BENCHDB" --db "$1" ingest "$WORK/seed.json" >/dev/null
	"$BENCHDB" --db "$1" retain --set 'rollup month after 30d; apply on ingest' >/dev/null
}
# months_of METRIC: each trend row's run and count.
months_of() {
	"$BENCHDB" --db "$DB" -c "trend $1 as csv" >"$OUT"
	python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["run"], r["count"])' "$OUT"
}

DB=$WORK/db
new_store "$DB"
run "$BENCHDB" --db "$DB" import-benchkit "$WORK/bk"
check_rc "import-benchkit of the backfill: exit 0" 0
check_err "  the policy applied once, after the last transaction" \
	"benchdb: retain on ingest: create rollup rollup:month:2024-01:main of 31 runs"
check "  each month rollup holds all its days' runs" test "$(months_of time)" = "$want"
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check "  no run left beside the month rollups" \
	test -z "$(tr -d '\r' <"$OUT" | tail -n +2 | grep -v -e '^rollup:month:' -e '^seed,')"

DB=$WORK/db-otava
new_store "$DB"
run "$BENCHDB" --db "$DB" import-otava --test nightly --attributes commit,branch "$WORK/hist.csv"
check_rc "import-otava of the backfill: exit 0" 0
check "  each month rollup holds all its days' runs" test "$(months_of time_ns)" = "$want"

# The last transaction storing nothing (its runs imported before), the
# policy is applied after it on its own.
DB=$WORK/db-tail
mkdir -p "$WORK/tail/runs"
cp "$WORK"/bk/runs/2[0-9][0-9].json "$WORK/tail/runs/"
"$BENCHDB" --db "$DB" import-benchkit "$WORK/tail" >/dev/null
new_store "$DB"
run "$BENCHDB" --db "$DB" import-benchkit "$WORK/bk"
check_rc "a backfill whose last transaction was stored before: exit 0" 0
check "  each month rollup holds all its days' runs" test "$(months_of time)" = "$want"
run "$BENCHDB" --db "$DB" verify
check_rc "  verify passes" 0
finish
