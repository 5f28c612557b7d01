#!/usr/bin/env bash
# tests/cli/test_retain_ingest.sh - the retention policy applied on ingest
# (`apply on ingest`, docs/storage.md 2.14): an ingest that adds a run
# applies the policy in its own write transaction and notes on stderr the
# lines `retain` prints (exactly what `retain --dry-run` listed just before);
# the runs left are exactly the planned ones, baselines' and annotated runs
# survive, the rollups hold the median, min, max and count of their runs
# (Python's statistics); a failed ingest applies nothing; SIGKILLed at each
# of its writes, the store is as before; POST /api/runs and import-benchkit
# apply it too.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
	echo "test_retain_ingest: curl is missing (make deps)"
	exit 1
}
source "$ROOT/tests/cli/serve_lib.sh"
DB=$WORK/db
# The engine ages runs from the clock, so the runs' times are made from it:
# two weeks of main about 800 days ago (W0 is the first week's Monday),
# feature runs 200 and 120 days ago (dropped after 90 days; a1's commit is
# annotated), s1 on main 60 days ago with samples (dropped after 30), and
# recent ones. One point "sort", metric time.
cat >"$WORK/gen.py" <<'PY'
import json, os, sys, time
DAY = 86400
now = int(time.time())
w0 = (now - 800 * DAY - 4 * DAY) // (7 * DAY) * (7 * DAY) + 4 * DAY  # 1970-01-05 was a Monday
def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
runs = [("o1", "main", w0 + 3600, 10), ("o2", "main", w0 + DAY, 30), ("o3", "main", w0 + 2 * DAY, 20),
        ("b1", "main", w0 + 3 * DAY, 99), ("p1", "main", w0 + 7 * DAY + 3600, 50),
        ("a1", "feature", now - 200 * DAY, 7), ("f1", "feature", now - 200 * DAY + 3600, 8),
        ("f2", "feature", now - 120 * DAY, 9), ("s1", "main", now - 60 * DAY, 12),
        ("n0", "feature", now - 10 * DAY, 13), ("new", "main", now - 3600, 14)]
out = sys.argv[1]
os.makedirs(out + "/old", exist_ok=True)
for rid, branch, ts, value in runs:
    metric = {"value": value}
    if rid == "s1":
        metric["samples"] = [11.5, 12, 12.5]
    doc = {"id": rid, "timestamp": iso(ts), "commit": "deadbeef" if rid == "a1" else "c-" + rid,
           "branch": branch, "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
           "points": [{"name": "sort", "metrics": {"time": metric}}]}
    json.dump(doc, open(out + ("/" if rid == "new" else "/old/") + rid + ".json", "w"))
print(time.strftime("%Y-%m-%d", time.gmtime(w0)), time.strftime("%Y-%m-%d", time.gmtime(w0 + 7 * DAY)))
PY
read -r W0 W1 < <(python3 "$WORK/gen.py" "$WORK")
"$BENCHDB" --db "$DB" ingest "$WORK"/old/*.json >/dev/null
"$BENCHDB" --db "$DB" baseline set release b1 >/dev/null
"$BENCHDB" --db "$DB" -c 'annotate commit "deadbeef" as intended "new sort"' >/dev/null

POLICY='keep branch "main" forever; keep other 90d; drop samples after 30d; rollup week after 1y; apply on ingest'
run "$BENCHDB" --db "$DB" retain --set "$POLICY"
check_rc "a policy with apply on ingest is stored" 0
run "$BENCHDB" --db "$DB" -c "show retention as csv"
check_out_exact "show retention lists apply on ingest as a rule of its own" "$(printf 'rule\r
"keep branch ""main"" forever"\r
keep other 90d\r
drop samples after 30d\r
rollup week after 365d\r
apply on ingest\r')"

cp -r "$DB" "$WORK/before"
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.before"
run "$BENCHDB" --db "$DB" retain --dry-run
head -n -1 "$OUT" >"$WORK/plan"
check_out "what the policy would do now" \
	"retain --dry-run (nothing changed): 2 runs dropped, 4 runs rolled up into 2 rollups, 1 runs' samples dropped"

# --- a failed ingest applies nothing ----------------------------------------
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["points"][0]["metrics"]["time"]["value"]=1; json.dump(d,open(sys.argv[2],"w"))' \
	"$WORK/old/o1.json" "$WORK/clash.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/clash.json"
check_rc "an ingest whose run clashes with a stored one fails" 3
check_err "  saying why" 'run "o1" is already stored'
check "  and the store is byte for byte as it was (the policy was not applied)" \
	cmp -s "$DB/data.mdb" "$WORK/before/data.mdb"

# --- an ingest that stores a run applies it --------------------------------
run "$BENCHDB" --db "$DB" ingest "$WORK/new.json"
check_rc "an ingest that stores a run succeeds" 0
check_out_exact "  and says what it stored on stdout" "Ingested run new (1 point, 1 metric)"
check "  notes on stderr exactly the lines retain --dry-run listed" \
	cmp -s "$ERR" <(sed 's/^/benchdb: retain on ingest: /' "$WORK/plan")
check_err "  rolling up the old weeks of main" \
	"benchdb: retain on ingest: create rollup rollup:week:$W0:main of 3 runs"
check_err "  one week of one run" \
	"benchdb: retain on ingest: roll up run p1 (branch \"main\", ${W1}T01:00:00Z) into rollup:week:$W1:main"
"$BENCHDB" --db "$DB" -c "show runs as csv" | tr -d '\r' | cut -d, -f1,4 >"$OUT"
check_out_exact "the runs left: new, recent, annotated (a1), baseline's (b1) and the rollups" \
	"id,branch
new,main
n0,feature
s1,main
a1,feature
rollup:week:$W1:main,main
b1,main
rollup:week:$W0:main,main"
run "$BENCHDB" --db "$DB" verify
check_out_exact "verify is clean" "ok: 7 runs, 1 series, 7 observations verified"
"$BENCHDB" --db "$WORK/before" export --format json s1 >"$WORK/s1.before"
check "s1 had samples before" grep -q '"samples": \[11.5, 12, 12.5\]' "$WORK/s1.before"
run "$BENCHDB" --db "$DB" export --format json s1
check "  none after" test "$(grep -c '"samples": \[[0-9]' "$OUT")" -eq 0
run "$BENCHDB" --db "$DB" -c "show baselines as csv"
check_out "the baseline still points at b1" "release,b1"
"$BENCHDB" --db "$DB" -c "trend time as csv" >"$WORK/trend.csv"
cat >"$WORK/check.py" <<'PY'
import csv, statistics, sys
rows = {r["run"]: r for r in csv.DictReader(open(sys.argv[1]))}
week = rows["rollup:week:" + sys.argv[2] + ":main"]
vals = [10, 30, 20]  # o1, o2, o3 (gen.py)
want = (statistics.median(vals), min(vals), max(vals), len(vals), "week")
have = (float(week["value"]), float(week["lower"]), float(week["upper"]), int(week["count"]), week["rollup"])
print("ok" if want == have else "differs: %r %r" % (want, have))
PY
run python3 "$WORK/check.py" "$WORK/trend.csv" "$W0"
check_out_exact "the week's rollup: median, min, max, count of its runs (statistics.median)" "ok"
run "$BENCHDB" --db "$DB" ingest "$WORK/new.json"
check_err_none() { [ ! -s "$ERR" ]; }
check "ingesting the same run again (nothing stored) applies nothing and notes nothing" check_err_none
"$BENCHDB" --db "$DB" -c "show runs as csv" >"$WORK/runs.after"

# --- SIGKILL at each write of the ingest (lib.sh) ---------------------------
kill_at_each_write "$WORK/before" "$WORK/runs.before" ingest "$WORK/new.json"
check "the ingest writes through the shim ($WRITES calls)" test "$WRITES" -gt 3
check "SIGKILL at each of its $WRITES writes ($KILLED killed): verify clean, every run as before ($BAD bad)" \
	test "$BAD" -eq 0 -a "$KILLED" -eq "$WRITES"
run "$BENCHDB" --db "$WORK/kill-copy" ingest "$WORK/new.json"
check "  and the ingest then does it all" cmp -s "$ERR" <(sed 's/^/benchdb: retain on ingest: /' "$WORK/plan")

# --- import-benchkit goes through the same write path ----------------------
rm -rf "$WORK/imp" "$WORK/bk"
cp -r "$WORK/before" "$WORK/imp"
mkdir -p "$WORK/bk/runs"
cp "$WORK/new.json" "$WORK/bk/runs/new.json"
run "$BENCHDB" --db "$WORK/imp" import-benchkit "$WORK/bk"
check_rc "import-benchkit of the new run succeeds" 0
check "  and notes the same lines" cmp -s "$ERR" <(sed 's/^/benchdb: retain on ingest: /' "$WORK/plan")
"$BENCHDB" --db "$WORK/imp" -c "show runs as csv" >"$WORK/r.out"
check "  leaving the same runs as ingest" cmp -s "$WORK/r.out" "$WORK/runs.after"

# --- POST /api/runs: the server's ingest, in the server's log --------------
rm -rf "$WORK/srv"
cp -r "$WORK/before" "$WORK/srv"
printf 'tok-%s-0123456789abcdef\n' "$RANDOM$RANDOM" >"$WORK/token"
start_server "$WORK/server.log" --db "$WORK/srv" --token-file "$WORK/token"
http -X POST -H "Authorization: Bearer $(cat "$WORK/token")" --data-binary @"$WORK/new.json" \
	"$URL/api/runs"
check_status "POST /api/runs of the new run: 201" 201
stop_server "$PID"
check "  the server's log notes every line" \
	cmp -s <(grep '^benchdb: retain on ingest: ' "$WORK/server.log") \
	<(sed 's/^/benchdb: retain on ingest: /' "$WORK/plan")
"$BENCHDB" --db "$WORK/srv" -c "show runs as csv" >"$WORK/r.out"
check "  and the store holds the same runs as after ingest" cmp -s "$WORK/r.out" "$WORK/runs.after"
finish
