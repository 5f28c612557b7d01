#!/usr/bin/env bash
# tests/cli/test_retain_month.sh - month rollups (docs/storage.md 2.14):
# `rollup month after` rolls calendar months (UTC) up from their runs, with
# the median, min, max and count of their values (Python's statistics);
# with `rollup week after` too, week rollups fold into the month of their
# Thursday: min, max and count stay exact (those of the original runs) and
# the median is that of the week medians each counted as often as its
# week's values (statistics.median of them so repeated, with any runs the
# month takes directly); trend tables, JSON and charts say "month"; the
# dry run lists exactly what retain does; verify is clean; SIGKILLed while
# folding, the store is as before or as after.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
# The history of test_retain.sh (lib.sh): 18 runs over January 2025, two on
# main and one on feature every four days; r1 (main) is a baseline's.
ingest_january "$DB"
"$BENCHDB" --db "$DB" baseline set release-1 r1 >/dev/null
cp -r "$DB" "$WORK/before"
for metric in cpu_time real_time; do
	"$BENCHDB" --db "$DB" -c "trend $metric as csv" >"$WORK/$metric.before"
done

# --- the grammar ------------------------------------------------------------
run "$BENCHDB" --db "$DB" retain --set 'rollup week after 1y; rollup month after 90d'
check_rc "a month age sooner than the week age is refused" 2
check_err "  at the month's age, saying why" \
	'policy:1:42: rollup month after 90d is sooner than rollup week after 365d'
run "$BENCHDB" --db "$DB" retain --set 'rollup month after 3y; rollup week after 1y'
run "$BENCHDB" --db "$DB" -c "show retention as csv"
check_out_exact "years are 365 days; rules shown canonical, weeks before months" \
	"$(printf 'rule\r\nrollup week after 365d\r\nrollup month after 1095d\r')"

# Python's statistics over the values of the runs each rollup replaced:
# check.py BEFORE AFTER PLAN... -> one line per rollup row that differs.
# A rollup's values are the original runs' (from BEFORE, by the "roll up
# run" lines of the plans) and, for a week rollup folded into a month, that
# week's median counted as often as its count (from MID, the trend between
# the two retains), with its own min and max.
cat >"$WORK/check.py" <<'PY'
import csv, statistics, sys
before, after, mid = sys.argv[1:4]
plans = sys.argv[4:]
into, folds = {}, {}
for plan in plans:
    for line in open(plan):
        w = line.split()
        if w[:2] == ["roll", "up"]:
            into[w[3]] = w[-1]
        if w[:2] == ["fold", "rollup"]:
            folds[w[2]] = w[-1]
final = {}
def target(run):
    while run in into or run in folds:
        run = into.get(run) or folds[run]
    return run
orig, vals, lows, highs = {}, {}, {}, {}
for row in csv.DictReader(open(before)):
    if row["run"] in into:
        key = (row["point"], target(row["run"]))
        orig.setdefault(key, []).append(float(row["value"]))
if mid != "-":
    for row in csv.DictReader(open(mid)):
        if row["run"] in folds:
            key = (row["point"], target(row["run"]))
            vals.setdefault(key, []).extend([float(row["value"])] * int(row["count"]))
for row in csv.DictReader(open(before)):
    if row["run"] in into and into[row["run"]] not in folds:
        key = (row["point"], target(row["run"]))
        vals.setdefault(key, []).append(float(row["value"]))
got = {(r["point"], r["run"]): r for r in csv.DictReader(open(after)) if r["run"].startswith("rollup:")}
bad = 0
for key, o in orig.items():
    row = got.pop(key)
    want = (statistics.median(vals[key]), min(o), max(o), len(o), key[1].split(":")[1])
    have = (float(row["value"]), float(row["lower"]), float(row["upper"]), int(row["count"]), row["rollup"])
    if want != have:
        bad += 1
        print("differs", key, want, have)
print("checked", len(orig), "left", len(got), "bad", bad)
PY

# --- months from their runs -------------------------------------------------
"$BENCHDB" --db "$DB" retain --set 'keep branch "main" forever; rollup month after 10d' >/dev/null
run "$BENCHDB" --db "$DB" retain --dry-run --now 2025-03-01T00:00:00Z
cp "$OUT" "$WORK/plan1"
check_out "January (ended 2025-02-01, before 2025-02-19) is rolled up per branch" \
	"retain --dry-run (nothing changed): 0 runs dropped, 17 runs rolled up into 2 rollups, 0 runs' samples dropped"
check_out "  main's of 11 runs (r1 is a baseline's)" "create rollup rollup:month:2025-01:main of 11 runs"
run "$BENCHDB" --db "$DB" retain --now 2025-03-01T00:00:00Z
check "  and retain does what the dry run listed" \
	cmp -s <(head -n -1 "$WORK/plan1") <(head -n -1 "$OUT")
for metric in cpu_time real_time; do
	"$BENCHDB" --db "$DB" -c "trend $metric as csv" >"$WORK/t.after"
	run python3 "$WORK/check.py" "$WORK/$metric.before" "$WORK/t.after" - "$WORK/plan1"
	check_out_exact "$metric: each month's value, lower, upper, count = median, min, max, count of its runs" \
		"checked 10 left 0 bad 0"
done
run "$BENCHDB" --db "$DB" export --format json rollup:month:2025-01:main
check_out "a month rolled up from its runs says its median is exact" '"rollup.median": "exact"'
check_out "  and spans its month" '"rollup.to": "2025-01-31"'
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as json"
# upper: gbench-v1's mean of three repetitions, Python's statistics.fmean.
check_out "trend JSON says month" '"run": "rollup:month:2025-01:main", "timestamp": "2025-01-01T00:00:00Z", "commit": null, "value": 550.692834180234, "lower": 550.692834180234, "upper": 551.2351913609658, "unit": "ns", "rollup": "month", "count": 11}'
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096'"
check_out "the trend table says month and count" \
	"BM_hash/4096  rollup:month:2025-01:main     2025-01-01T00:00:00Z  -       550.7 ns  550.7 ns  551.2 ns  month      11"
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as svg"
check_out "a chart's rollup dot says month" \
	'<title>run rollup:month:2025-01:main, 2025-01-01T00:00:00Z: 550.7 ns (month rollup: median of 11 runs, min 550.7 ns, max 551.2 ns)</title>'
run "$BENCHDB" --db "$DB" verify
check_out_exact "verify is clean" "ok: 3 runs, 15 series, 45 observations verified"

# --- weeks first, then the months fold them ----------------------------------
rm -rf "$DB"
cp -r "$WORK/before" "$DB"
"$BENCHDB" --db "$DB" retain --set 'rollup week after 10d; rollup month after 40d' >/dev/null
"$BENCHDB" --db "$DB" retain --now 2025-02-10T00:00:00Z >"$WORK/plan2"
check "weeks rolled up first (2025-02-10)" grep -q '^retain: 0 runs dropped, 15 runs rolled up into 6 rollups' "$WORK/plan2"
for metric in cpu_time real_time; do
	"$BENCHDB" --db "$DB" -c "trend $metric as csv" >"$WORK/$metric.mid"
done
cp -r "$DB" "$WORK/mid"
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.mid"
run "$BENCHDB" --db "$DB" retain --dry-run --now 2025-03-20T00:00:00Z
cp "$OUT" "$WORK/plan3"
check_out_exact "then (2025-03-20) January's weeks fold into months, r17 and r18 go in from their runs" \
	'create rollup rollup:month:2025-01:main of 11 runs (3 week rollups folded in)
fold rollup rollup:week:2025-01-06:main (branch "main", 2025-01-06T00:00:00Z) into rollup:month:2025-01:main
create rollup rollup:month:2025-01:feature of 6 runs (3 week rollups folded in)
fold rollup rollup:week:2025-01-06:feature (branch "feature", 2025-01-06T00:00:00Z) into rollup:month:2025-01:feature
fold rollup rollup:week:2025-01-13:main (branch "main", 2025-01-13T00:00:00Z) into rollup:month:2025-01:main
fold rollup rollup:week:2025-01-13:feature (branch "feature", 2025-01-13T00:00:00Z) into rollup:month:2025-01:feature
fold rollup rollup:week:2025-01-20:feature (branch "feature", 2025-01-20T00:00:00Z) into rollup:month:2025-01:feature
fold rollup rollup:week:2025-01-20:main (branch "main", 2025-01-20T00:00:00Z) into rollup:month:2025-01:main
roll up run r17 (branch "main", 2025-01-27T02:00:00Z) into rollup:month:2025-01:main
roll up run r18 (branch "feature", 2025-01-28T02:00:00Z) into rollup:month:2025-01:feature
retain --dry-run (nothing changed): 0 runs dropped, 2 runs rolled up into 2 rollups, 0 runs'"'"' samples dropped, 6 week rollups folded into months'
run "$BENCHDB" --db "$DB" retain --now 2025-03-20T00:00:00Z
check "  and retain does exactly that" cmp -s <(head -n -1 "$WORK/plan3") <(head -n -1 "$OUT")
for metric in cpu_time real_time; do
	"$BENCHDB" --db "$DB" -c "trend $metric as csv" >"$WORK/t.after"
	run python3 "$WORK/check.py" "$WORK/$metric.before" "$WORK/t.after" "$WORK/$metric.mid" \
		"$WORK/plan2" "$WORK/plan3"
	check_out_exact "$metric: min, max, count of the original runs; median of the week medians by count" \
		"checked 10 left 0 bad 0"
done
run "$BENCHDB" --db "$DB" export --format json rollup:month:2025-01:main
check_out "the month lists every original run it stands for" \
	'"rollup.run_ids": "r2\nr4\nr5\nr7\nr8\nr10\nr11\nr13\nr14\nr16\nr17"'
check_out "  the week rollups it folded" \
	'"rollup.weeks": "rollup:week:2025-01-06:main\nrollup:week:2025-01-13:main\nrollup:week:2025-01-20:main"'
check_out "  and that its median comes from week medians" '"rollup.median": "from week medians"'
"$BENCHDB" --db "$DB" -c "show runs as csv" | tr -d '\r' | cut -d, -f1,2 >"$OUT"
check_out_exact "the runs left: r1 (a baseline's) and the two months" "id,timestamp
r1,2025-01-06T02:00:00Z
rollup:month:2025-01:feature,2025-01-01T00:00:00Z
rollup:month:2025-01:main,2025-01-01T00:00:00Z"
run "$BENCHDB" --db "$DB" verify
check_out_exact "verify is clean" "ok: 3 runs, 15 series, 45 observations verified"
run "$BENCHDB" --db "$DB" retain --now 2025-03-20T00:00:00Z
check_out_exact "a second retain changes nothing" \
	"retain: 0 runs dropped, 0 runs rolled up into 0 rollups, 0 runs' samples dropped"

# --- SIGKILL while folding ----------------------------------------------------
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.after"
kill_at_each_write "$WORK/mid" "$WORK/runs.mid" retain --now 2025-03-20T00:00:00Z
check "SIGKILL at each of the fold's $WRITES writes ($KILLED killed): verify clean, the runs as before ($BAD bad)" \
	test "$BAD" -eq 0 -a "$KILLED" -eq "$WRITES" -a "$WRITES" -gt 3
run "$BENCHDB" --db "$WORK/kill-copy" retain --now 2025-03-20T00:00:00Z
"$BENCHDB" --db "$WORK/kill-copy" -c 'show runs as csv' >"$WORK/r.out"
check "  and retain then does it all" cmp -s "$WORK/r.out" "$WORK/runs.after"
finish
