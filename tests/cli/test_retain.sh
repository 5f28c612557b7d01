#!/usr/bin/env bash
# tests/cli/test_retain.sh - retention with rollups (docs/storage.md 2.14):
# the policy is stored and shown by `show retention`; `retain --dry-run`
# lists exactly what `retain` then does; rolled-up weeks hold the median,
# min, max and count of the runs they replace (checked against Python's
# statistics.median over the original values), and say so in trend, JSON
# and charts; baselines' runs survive; verify is clean; SIGKILLed at any
# moment, the store is as before or as after, never in between.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
# The demo history (examples/history: real Google Benchmark output, with
# samples in v2 and v3), 18 nightly runs over four weeks of January 2025: two
# on main and one on feature every four days.
ingest_january "$DB"
# r1 (main, would be rolled up) and r3 (feature, would be dropped) are baselines.
"$BENCHDB" --db "$DB" baseline set release-1 r1 >/dev/null
"$BENCHDB" --db "$DB" baseline set feature-ref r3 >/dev/null

run "$BENCHDB" --db "$DB" show retention
check_out_exact "show retention of a store without a policy: no rules" "rule
----
(no rows)"
run "$BENCHDB" --db "$DB" retain --now 2025-02-10T00:00:00Z
check_out_exact "retain without a policy does nothing" \
	"retain: 0 runs dropped, 0 runs rolled up into 0 rollups, 0 runs' samples dropped"
check_err "and says there is no policy (a cron job that forgot --set)" \
	"benchdb: note: retain: $DB has no retention policy: nothing to apply (set one with 'benchdb retain --set POLICY')"

# --- the policy ----------------------------------------------------------
run "$BENCHDB" --db "$DB" retain --set 'keep branch "main" forever; keep other 20d; drop samples after 5d; rollup day after 10d'
check_rc "a policy that does not parse exits 2" 2
check_err "  naming the column of the word" 'policy:1:75: expected' # "day" is the 75th character
check_err "  and what was expected" 'expected "week" or "month", found "day"'
run "$BENCHDB" --db "$DB" retain --set 'keep other 20'
check_err "a duration without its unit is refused" 'expected a duration such as 90d, 12w or 2y'
run "$BENCHDB" --db "$DB" -c "show retention as csv"
check_out_exact "  and nothing was stored" "$(printf 'rule\r')"

run "$BENCHDB" --db "$DB" retain --set 'rollup week after 10d ;keep branch "main" forever;keep other 20d; drop samples after 5d'
check_rc "retain --set stores a policy" 0
run "$BENCHDB" --db "$DB" -c "show retention"
check_out_exact "show retention shows its rules, canonical, one a row" 'rule
--------------------------
keep branch "main" forever
keep other 20d
drop samples after 5d
rollup week after 10d'

# --- dry run, then the same for real --------------------------------------
cp -r "$DB" "$WORK/before"
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.before"
"$BENCHDB" --db "$DB" -c "show baselines as csv" >"$WORK/baselines.before"
run "$BENCHDB" --db "$DB" retain --dry-run --now 2025-02-10T00:00:00Z
cp "$OUT" "$WORK/dry.out"
check_out "--dry-run says it changed nothing" \
	"retain --dry-run (nothing changed): 3 runs dropped, 11 runs rolled up into 4 rollups, 2 runs' samples dropped"
check "  and it did not" cmp -s "$DB/data.mdb" "$WORK/before/data.mdb"
# What it lists, run by run: 2025-02-10 less 10 days is 2025-01-31, so the
# weeks of 6, 13 and 20 January (ending before it) are rolled up; feature
# runs before 2025-01-21 (20 days) are dropped; r1 and r3 (baselines) are
# left; r17 and r18 (after 2025-01-26) keep their runs, without samples.
check_out_exact "  the list is exactly the plan" \
	'create rollup rollup:week:2025-01-06:main of 3 runs
roll up run r2 (branch "main", 2025-01-07T02:00:00Z) into rollup:week:2025-01-06:main
roll up run r4 (branch "main", 2025-01-10T02:00:00Z) into rollup:week:2025-01-06:main
roll up run r5 (branch "main", 2025-01-11T02:00:00Z) into rollup:week:2025-01-06:main
drop run r6 (branch "feature", 2025-01-12T02:00:00Z)
create rollup rollup:week:2025-01-13:main of 4 runs
roll up run r7 (branch "main", 2025-01-14T02:00:00Z) into rollup:week:2025-01-13:main
roll up run r8 (branch "main", 2025-01-15T02:00:00Z) into rollup:week:2025-01-13:main
drop run r9 (branch "feature", 2025-01-16T02:00:00Z)
roll up run r10 (branch "main", 2025-01-18T02:00:00Z) into rollup:week:2025-01-13:main
roll up run r11 (branch "main", 2025-01-19T02:00:00Z) into rollup:week:2025-01-13:main
drop run r12 (branch "feature", 2025-01-20T02:00:00Z)
create rollup rollup:week:2025-01-20:main of 3 runs
roll up run r13 (branch "main", 2025-01-22T02:00:00Z) into rollup:week:2025-01-20:main
roll up run r14 (branch "main", 2025-01-23T02:00:00Z) into rollup:week:2025-01-20:main
create rollup rollup:week:2025-01-20:feature of 1 runs
roll up run r15 (branch "feature", 2025-01-24T02:00:00Z) into rollup:week:2025-01-20:feature
roll up run r16 (branch "main", 2025-01-26T02:00:00Z) into rollup:week:2025-01-20:main
drop samples of run r17 (branch "main", 2025-01-27T02:00:00Z)
drop samples of run r18 (branch "feature", 2025-01-28T02:00:00Z)
retain --dry-run (nothing changed): 3 runs dropped, 11 runs rolled up into 4 rollups, 2 runs'"'"' samples dropped'

# A dry run only reads: it works on a store it cannot write (AS_USER, lib.sh).
if [ "${AS_USER[0]:-}" = none ]; then
	pass "read-only dry run: not checked (running as root without setpriv)"
else
	chmod 755 "$WORK"
	cp -r "$WORK/before" "$WORK/ro"
	chmod 444 "$WORK/ro/data.mdb" "$WORK/ro/lock.mdb" && chmod 555 "$WORK/ro"
	run "${AS_USER[@]}" "$BENCHDB" --db "$WORK/ro" retain --dry-run --now 2025-02-10T00:00:00Z
	check "a dry run on a store it cannot write lists the same" cmp -s "$OUT" "$WORK/dry.out"
	run "${AS_USER[@]}" "$BENCHDB" --db "$WORK/ro" retain --now 2025-02-10T00:00:00Z
	check_rc "  and retain there exits 3" 3
	chmod -R u+w "$WORK/ro"
fi

run "$BENCHDB" --db "$DB" retain --now 2025-02-10T00:00:00Z
check_rc "retain applies the policy" 0
check "  doing exactly what the dry run listed" \
	cmp -s <(head -n -1 "$WORK/dry.out") <(head -n -1 "$OUT")
check_out "  and says so" \
	"retain: 3 runs dropped, 11 runs rolled up into 4 rollups, 2 runs' samples dropped"
"$BENCHDB" --db "$DB" -c "show runs as csv" | tr -d '\r' >"$OUT"
check_out_exact "the runs left: baselines, rollups, the recent ones" \
	"id,timestamp,commit,branch,points,metrics
r18,2025-01-28T02:00:00Z,c18,feature,5,15
r17,2025-01-27T02:00:00Z,c17,main,5,15
rollup:week:2025-01-20:feature,2025-01-20T00:00:00Z,,feature,5,15
rollup:week:2025-01-20:main,2025-01-20T00:00:00Z,,main,5,15
rollup:week:2025-01-13:main,2025-01-13T00:00:00Z,,main,5,15
r3,2025-01-08T02:00:00Z,c3,feature,5,15
r1,2025-01-06T02:00:00Z,c1,main,5,15
rollup:week:2025-01-06:main,2025-01-06T00:00:00Z,,main,5,15"
run "$BENCHDB" --db "$DB" -c "show baselines as csv"
check "baselines and their runs survive" cmp -s "$OUT" "$WORK/baselines.before"
run "$BENCHDB" --db "$DB" verify
check_out_exact "verify is clean after retain" "ok: 8 runs, 15 series, 120 observations verified"

# Samples: r17 had them (gbench-v2 has repetitions), now it has none, and
# its values are as they were.
"$BENCHDB" --db "$WORK/before" export --format json r17 >"$WORK/r17.before"
"$BENCHDB" --db "$DB" export --format json r17 >"$WORK/r17.after"
check "r17 had samples before" grep -q '"samples": \[[0-9]' "$WORK/r17.before"
check "  none after" test "$(grep -c '"samples": \[[0-9]' "$WORK/r17.after")" -eq 0
check "  and the same values" cmp -s <(grep -o '"value": [^,]*' "$WORK/r17.before") \
	<(grep -o '"value": [^,]*' "$WORK/r17.after")
# The rollup lists the runs it replaced.
run "$BENCHDB" --db "$DB" export --format json rollup:week:2025-01-13:main
check_out "a rollup lists the runs it replaced" '"rollup.run_ids": "r7\nr8\nr10\nr11"'
check_out "  and its week" '"rollup.from": "2025-01-13"'

# --- the aggregates, checked against Python's statistics ------------------
for metric in cpu_time real_time; do
	"$BENCHDB" --db "$WORK/before" -c "trend $metric as csv" >"$WORK/t.before"
	"$BENCHDB" --db "$DB" -c "trend $metric as csv" >"$WORK/t.after"
	cat >"$WORK/check.py" <<'EOF'
import csv, statistics, sys
before, after, plan = sys.argv[1:4]
into = {}
for line in open(plan):
    w = line.split()
    if w[:2] == ["roll", "up"]:
        into[w[3]] = w[-1]
want = {}
for row in csv.DictReader(open(before)):
    if row["run"] in into:
        want.setdefault((row["point"], into[row["run"]]), []).append(float(row["value"]))
got = {}
for row in csv.DictReader(open(after)):
    if row["run"].startswith("rollup:"):
        got[(row["point"], row["run"])] = row
bad = 0
for key, vals in want.items():
    row = got.pop(key)
    expect = (statistics.median(vals), min(vals), max(vals), len(vals), "week")
    have = (float(row["value"]), float(row["lower"]), float(row["upper"]), int(row["count"]),
            row["rollup"])
    if expect != have:
        bad += 1
        print("differs", key, expect, have)
print("checked", len(want), "left", len(got), "bad", bad)
EOF
	run python3 "$WORK/check.py" "$WORK/t.before" "$WORK/t.after" "$WORK/dry.out"
	check_out_exact "$metric: every rollup's value, lower, upper, count = median, min, max, count of its runs" \
		"checked 20 left 0 bad 0"
done
# Recent runs show no rollup.
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as json"
# gbench-v1's BM_hash/4096 cpu_time is the mean of its three repetitions,
# 551.2351913609658 (Python: statistics.fmean, an exact sum; the plain
# running sum that ingest used before gave ...657), and the week's median
# the mean of it and v2's 550.692834180234.
check_out "trend JSON marks a rollup and its count" '"run": "rollup:week:2025-01-13:main", "timestamp": "2025-01-13T00:00:00Z", "commit": null, "value": 550.9640127705999, "lower": 550.692834180234, "upper": 551.2351913609658, "unit": "ns", "rollup": "week", "count": 4}'
check_out "  and none on a run" '"run": "r17", "timestamp": "2025-01-27T02:00:00Z", "commit": "c17", "value": 550.692834180234, "lower": null, "upper": null, "unit": "ns", "rollup": null, "count": null}'
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096'"
check_out "the trend table says week and count" "BM_hash/4096  rollup:week:2025-01-20:main     2025-01-20T00:00:00Z  -       551.2 ns  550.7 ns  551.2 ns  week        3"
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as svg"
check_out "a chart's rollup dot says what it is" \
	'<circle class="pt rollup" cx="268.1" cy="249.3" r="4"><title>run rollup:week:2025-01-13:main, 2025-01-13T00:00:00Z: 551 ns (week rollup: median of 4 runs, min 550.7 ns, max 551.2 ns)</title>'

# An annotated run stays whole: r6 (commit c6, feature) would be dropped.
rm -rf "$WORK/an"
cp -r "$WORK/before" "$WORK/an"
"$BENCHDB" --db "$WORK/an" -c 'annotate commit "c6" as intended "new hash"' >/dev/null
run "$BENCHDB" --db "$WORK/an" retain --dry-run --now 2025-02-10T00:00:00Z
check "an annotated run is not in the plan" cmp -s "$OUT" \
	<(grep -v '^drop run r6 ' "$WORK/dry.out" | sed 's/^retain --dry-run (nothing changed): 3 runs/retain --dry-run (nothing changed): 2 runs/')

# Again: nothing left to do (a week already rolled up takes no more runs).
run "$BENCHDB" --db "$DB" retain --now 2025-02-10T00:00:00Z
check_out_exact "a second retain changes nothing" \
	"retain: 0 runs dropped, 0 runs rolled up into 0 rollups, 0 runs' samples dropped"

# --- SIGKILL during retain ------------------------------------------------
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.after"
bad=0
for ms in 0 2 4 6 8 10 15 20 30 50; do
	rm -rf "$WORK/k"
	cp -r "$WORK/before" "$WORK/k"
	"$BENCHDB" --db "$WORK/k" retain --now 2025-02-10T00:00:00Z >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$(printf %02d "$ms")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	"$BENCHDB" --db "$WORK/k" verify >"$WORK/v.out" 2>&1 || bad=$((bad + 1))
	"$BENCHDB" --db "$WORK/k" -c 'show runs as csv' >"$WORK/r.out" 2>&1
	cmp -s "$WORK/r.out" "$WORK/runs.before" || cmp -s "$WORK/r.out" "$WORK/runs.after" ||
		bad=$((bad + 1))
done
check "SIGKILL during retain, 10 times: verify clean, the runs all before or all after ($bad bad)" \
	test "$bad" -eq 0

# Killed at each of retain's disk writes in turn (lib.sh): every kill
# leaves the store as it was before, exactly.
kill_at_each_write "$WORK/before" "$WORK/runs.before" retain --now 2025-02-10T00:00:00Z
check "retain writes through the shim ($WRITES calls)" test "$WRITES" -gt 3
check "SIGKILL at each of its $WRITES writes ($KILLED killed): verify clean and every run as before ($BAD bad)" \
	test "$BAD" -eq 0 -a "$KILLED" -eq "$WRITES"
run "$BENCHDB" --db "$WORK/kill-copy" retain --now 2025-02-10T00:00:00Z
check_out "  and retain then does it all" \
	"retain: 3 runs dropped, 11 runs rolled up into 4 rollups, 2 runs' samples dropped"

run "$BENCHDB" --db "$DB" retain --set ''
run "$BENCHDB" --db "$DB" -c "show retention as csv"
check_out_exact "retain --set '' removes the policy" "$(printf 'rule\r')"
run "$BENCHDB" --db "$DB" retain --dry-run --set 'keep other 1d'
check_rc "--set with --dry-run is a usage error" 2
run "$BENCHDB" --db "$DB" retain --now yesterday-ish
check_rc "a --now that is not a time is a usage error" 2

# Years before 1000: the rollup's id and dates have four-digit years (the
# month of January of year 1 was "rollup:month:1-01-01", a day in a month's id).
DB=$WORK/ancient
for d in 0001-01-08 0001-01-20 0999-03-02; do
	echo "{\"id\": \"a$d\", \"timestamp\": \"${d}T00:00:00Z\", \"points\": [{\"name\": \"p\", \"metrics\": {\"t\": {\"value\": 1}}}]}" \
		>"$WORK/a.json"
	"$BENCHDB" --db "$DB" ingest "$WORK/a.json" >/dev/null
done
"$BENCHDB" --db "$DB" retain --set 'rollup week after 1d; rollup month after 1d' >/dev/null
run "$BENCHDB" --db "$DB" retain --now 2026-01-01T00:00:00Z
check_out "year 1: January's rollup is rollup:month:0001-01" \
	"create rollup rollup:month:0001-01 of 2 runs"
check_out "year 999: March's is rollup:month:0999-03" "create rollup rollup:month:0999-03 of 1 runs"
run "$BENCHDB" --db "$DB" export --format json rollup:month:0001-01
check_out "  its first day is 0001-01-01" '"rollup.from": "0001-01-01"'
check_out "  its last 0001-01-31" '"rollup.to": "0001-01-31"'
finish
