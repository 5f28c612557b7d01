#!/usr/bin/env bash
# tests/cli/test_retain_reimport.sh - rollups exported and ingested again
# (docs/storage.md 2.14, "A run a rollup holds is stored"): a week rollup a
# stored month folded (its id in the month's rollup.weeks) is already stored,
# as a run a rollup holds is; a rollup holding runs the store has (their ids
# in its rollup.run_ids) is refused, naming them. Before, both were stored
# beside what held their values, and `trend ... by month` counted each value
# twice (expected counts: the store's own trend before the ingest).
# A rollup carries the definitions of its metrics (direction, unit,
# threshold), so a metric whose runs are all rolled up keeps them in the
# store its export is ingested into.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
ingest_january "$DB" # r1..r18 over January 2025 (lib.sh)
cp -r "$DB" "$WORK/full"
"$BENCHDB" --db "$DB" retain --set 'rollup week after 10d; rollup month after 40d' >/dev/null
"$BENCHDB" --db "$DB" retain --now 2025-02-10 >/dev/null
# Every run of the store of week rollups, exported as benchkit files.
mkdir "$WORK/weeks"
i=0
for id in $("$BENCHDB" --db "$DB" -c 'show runs as csv' | tr -d '\r' | tail -n +2 | cut -d, -f1); do
	i=$((i + 1))
	"$BENCHDB" --db "$DB" export "$id" >"$WORK/weeks/$(printf %02d $i).json"
done
run "$BENCHDB" --db "$DB" retain --now 2025-03-20
check_out "the weeks fold into January" "6 week rollups folded into months"
"$BENCHDB" --db "$DB" -c 'trend cpu_time by month as csv' >"$WORK/month.before"

run "$BENCHDB" --db "$DB" ingest "$WORK/weeks"
check_rc "the export of the weeks ingested into the folded store: exit 0" 0
check_out "  a folded week rollup is already stored" \
	"Run rollup:week:2025-01-06:main is already stored, unchanged"
check "  no run stored" test -z "$(grep '^Ingested' "$OUT")"
run "$BENCHDB" --db "$DB" -c 'trend cpu_time by month as csv'
check_out_exact "  the monthly trend as before (no value counted twice)" "$(cat "$WORK/month.before")"

"$BENCHDB" --db "$WORK/full" -c 'trend cpu_time by month as csv' >"$WORK/full.before"
cp -r "$WORK/full" "$WORK/full.copy"
run "$BENCHDB" --db "$WORK/full" ingest "$WORK/weeks"
check_rc "the weeks ingested into the store of their runs: exit 3" 3
check_err "  a rollup of stored runs is refused, naming them" \
	'rollup "rollup:week:2025-01-06:main" holds runs this store has (r1 and 3 more): storing it would count their values twice; drop those runs first (benchdb drop-run) or leave the rollup out'
run "$BENCHDB" --db "$WORK/full" -c 'trend cpu_time by month as csv'
check_out_exact "  the monthly trend as before" "$(cat "$WORK/full.before")"

# A metric only 2020's runs have, all rolled up: its definition goes with the
# rollups into another store.
mkdir "$WORK/old" "$WORK/oldx"
for d in 1 2 3 4 5 6; do
	printf '{"id": "a%s", "timestamp": "2020-01-0%sT02:00:00", "branch": "main",
 "metric_defs": {"throughput": {"unit": "op/s", "direction": "higher", "threshold": 3}},
 "points": [{"name": "p", "metrics": {"throughput": {"value": %s}}}]}\n' \
		"$d" "$d" $((100 + d)) >"$WORK/old/a$d.json"
done
"$BENCHDB" --db "$WORK/m1" ingest "$WORK/old" >/dev/null
"$BENCHDB" --db "$WORK/m1" retain --set 'rollup week after 30d' >/dev/null
run "$BENCHDB" --db "$WORK/m1" retain --now 2025-02-01
check_out "2020's runs rolled up" "6 runs rolled up into 2 rollups"
for id in rollup:week:2019-12-30:main rollup:week:2020-01-06:main; do
	"$BENCHDB" --db "$WORK/m1" export "$id" >"$WORK/oldx/${id//:/_}.json"
done
"$BENCHDB" --db "$WORK/m2" ingest "$WORK/oldx" >/dev/null
run "$BENCHDB" --db "$WORK/m2" -c 'show metrics as csv'
check_out_exact "the rollups' store knows the metric's direction and threshold" \
	"$(printf 'metric,unit,direction,threshold,series,description\r\nthroughput,op/s,higher,3,1,\r')"
finish
