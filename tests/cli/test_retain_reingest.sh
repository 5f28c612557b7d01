#!/usr/bin/env bash
# tests/cli/test_retain_reingest.sh - a run that retention rolled up is
# already stored: its values are in the rollup (docs/storage.md 2.14). The
# same file ingested again, or the same benchkit directory imported again (a
# nightly job that ingests its whole results directory), was stored again as
# a run of its own beside the rollup that holds it: its values counted twice
# in the rollup's week or month, and retain left it so for good. A run whose
# samples `drop samples after` dropped was refused when ingested again
# ("different contents ... samples (stored 0, new 3)", exit 3).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
SRC=$WORK/bk
mkdir -p "$SRC/runs"
# 21 nightly runs n01..n21 on main, 2025-01-06 (a Monday) to 2025-01-26, one
# point, value 100 + day; n03 is on branch feature.
for d in $(seq 1 21); do
	id=$(printf 'n%02d' "$d")
	br=main
	[ "$d" = 3 ] && br=feature
	printf '{"id": "%s", "timestamp": "2025-01-%02dT02:00:00", "commit": "c%s", "branch": "%s",
 "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "p", "metrics": {"time": {"value": %d.0}}}]}\n' \
		"$id" $((5 + d)) "$d" "$br" $((100 + d)) >"$SRC/runs/$id.json"
done
"$BENCHDB" --db "$DB" import-benchkit "$SRC" >/dev/null
"$BENCHDB" --db "$DB" retain --set 'rollup week after 0d; rollup month after 40d' >/dev/null
# Weeks of 6 and 13 January end by 2025-01-20: rolled up (main and feature).
run "$BENCHDB" --db "$DB" retain --now 2025-01-21T00:00:00Z
check_out "retain rolls up the first two weeks" \
	"retain: 0 runs dropped, 14 runs rolled up into 3 rollups, 0 runs' samples dropped"
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.before"

run "$BENCHDB" --db "$DB" ingest "$SRC/runs/n02.json" "$SRC/runs/n03.json"
check_rc "ingesting rolled-up runs again succeeds" 0
check_out_exact "  and says they are already stored" \
	"Run n02 is already stored, unchanged (1 point, 1 metric)
Run n03 is already stored, unchanged (1 point, 1 metric)"
run "$BENCHDB" --db "$DB" -c "show runs as csv"
check "  and stores nothing" cmp -s "$OUT" "$WORK/runs.before"
run "$BENCHDB" --db "$DB" import-benchkit "$SRC"
check_out "importing the whole directory again stores nothing" \
	"Imported 0 run(s) (21 unchanged, 0 replaced)"
run "$BENCHDB" --db "$DB" -c "show runs as csv"
check "  the runs are as they were" cmp -s "$OUT" "$WORK/runs.before"
# The week of 6 January holds n01, n02, n04..n07 (n03 is feature's): median
# of 101, 102, 104, 105, 106, 107 is 104.5 (statistics.median), count 6;
# feature's week holds n03 alone.
run "$BENCHDB" --db "$DB" -c 'trend time of p until 2025-01-12 as csv'
check_out_exact "  and the week's trend is the rollup alone" \
	"$(printf 'point,tags,run,timestamp,commit,value,lower,upper,unit,rollup,count\r
p,,rollup:week:2025-01-06:main,2025-01-06T00:00:00Z,,104.5,101,107,ns,week,6\r
p,,rollup:week:2025-01-06:feature,2025-01-06T00:00:00Z,,103,103,103,ns,week,1\r')"

# A run of a rolled-up week that was never stored is stored (and left as it is).
sed 's/"n04"/"n04b"/' "$SRC/runs/n04.json" >"$WORK/n04b.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/n04b.json"
check_out "a new run of a rolled-up week is stored" "Ingested run n04b (1 point, 1 metric)"

# trend by week over rollups: it took a rollup as one value (count 1, min =
# max = its median). The week of 6 January on main is its rollup (n01, n02,
# n04..n07: count 6, min 101, max 107, median 104.5) and n04b (104): count 7,
# min 101, max 107, value the median of the rollup's median counted 6 times
# with 104 (statistics.median([104.5] * 6 + [104]) = 104.5, as storage.md's
# "Months from weeks"). The week of 13 January: its rollup of n08..n14
# (108..114: median 111, count 7).
run "$BENCHDB" --db "$DB" -c 'trend time of p by week as csv'
check_out_exact "trend by week counts a rollup's runs, its min and max" \
	"$(printf 'point,tags,bucket,value,min,max,count,unit\r
p,,2025-01-06T00:00:00Z,104.5,101,107,8,ns\r
p,,2025-01-13T00:00:00Z,111,108,114,7,ns\r
p,,2025-01-20T00:00:00Z,118,115,121,7,ns\r')"

# A rollup exported and imported into another store is a rollup there too:
# the store did not know it had rollups, so its trend lost the rollup and
# count columns and `by week` counted it as one value.
mkdir -p "$WORK/moved/runs"
"$BENCHDB" --db "$DB" export 'run rollup:week:2025-01-06:main' >"$WORK/moved/runs/w.json"
"$BENCHDB" --db "$WORK/moved-db" import-benchkit "$WORK/moved" >/dev/null
run "$BENCHDB" --db "$WORK/moved-db" -c 'trend time of p as csv'
check_out_exact "an imported rollup is read as one" \
	"$(printf 'point,tags,run,timestamp,commit,value,lower,upper,unit,rollup,count\r
p,,rollup:week:2025-01-06:main,2025-01-06T00:00:00Z,,104.5,101,107,ns,week,6\r')"

# Months that folded the weeks: the runs are in the month rollup's ids.
run "$BENCHDB" --db "$DB" retain --now 2025-03-15T00:00:00Z
check_out "retain folds the weeks into January" "3 week rollups folded into months"
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.months"
run "$BENCHDB" --db "$DB" import-benchkit "$SRC"
check_out "importing again after the months stores nothing" \
	"Imported 0 run(s) (21 unchanged, 0 replaced)"
run "$BENCHDB" --db "$DB" -c "show runs as csv"
check "  the runs are as they were" cmp -s "$OUT" "$WORK/runs.months"
run "$BENCHDB" --db "$DB" verify
check_rc "verify is clean" 0

# --- drop samples after ----------------------------------------------------
S=$WORK/samples
printf '{"id": "s1", "timestamp": "2025-01-06T02:00:00", "points": [{"name": "p",
 "metrics": {"time": {"value": 5.0, "unit": "ns", "samples": [4.0, 5.0, 6.0]}}}]}\n' >"$WORK/s1.json"
"$BENCHDB" --db "$S" ingest "$WORK/s1.json" >/dev/null
"$BENCHDB" --db "$S" retain --set 'drop samples after 5d' >/dev/null
run "$BENCHDB" --db "$S" retain
check_out "retain drops the samples of the old run" "1 runs' samples dropped"
"$BENCHDB" --db "$S" export --format json s1 >"$WORK/s1.before"
run "$BENCHDB" --db "$S" ingest "$WORK/s1.json"
check_rc "the same file ingested again succeeds" 0
check_out_exact "  the run is already stored (the policy dropped its samples)" \
	"Run s1 is already stored, unchanged (1 point, 1 metric)"
run "$BENCHDB" --db "$S" export --format json s1
check "  and stays without them" cmp -s "$OUT" "$WORK/s1.before"
sed 's/"value": 5.0/"value": 7.0/' "$WORK/s1.json" >"$WORK/s1b.json"
run "$BENCHDB" --db "$S" ingest "$WORK/s1b.json"
check_rc "a different value is still a different run" 3
check_err "  named" 'first difference: point "p": metric "time": value (stored 5, new 7)'
finish
