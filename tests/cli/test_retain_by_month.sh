#!/usr/bin/env bash
# tests/cli/test_retain_by_month.sh - `trend ... by month` over week rollups
# (docs/query-language.md, "Trend"): a week rollup counts in the month of its
# Thursday, the month `retain` later folds it into (docs/storage.md 2.14), so
# a monthly trend of a branch is the same before and after retain folds its
# weeks into months. The history is a deterministic year and a half of
# nightly runs (generated below); the expected rows are Python's
# statistics.median, min, max and len over the generated values, grouped as
# the docs say: a month rolled up from its runs is exact, a week rollup is
# its runs' median counted as often as its runs.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
mkdir "$WORK/hist"
python3 - "$WORK/hist" <<'PY'
import datetime as dt, json, random, sys
rnd = random.Random(52)
d, n = dt.datetime(2023, 6, 1, 2, 30), 0
while d <= dt.datetime(2024, 12, 31, 2, 30):
    n += 1
    pts = [{"name": p, "metrics": {"time": {"value": round(b * (1 + rnd.uniform(-0.05, 0.05)), 3)}}}
           for p, b in (("parse", 100), ("sort", 120))]
    run = {"id": f"main-{d:%Y%m%d}", "timestamp": f"{d:%Y-%m-%dT%H:%M:%S}", "branch": "main",
           "commit": f"{n:040x}", "metric_defs": {"time": {"unit": "ms", "direction": "lower"}},
           "points": pts}
    json.dump(run, open(f"{sys.argv[1]}/{n:04d}.json", "w"))
    d += dt.timedelta(days=1)
PY
"$BENCHDB" --db "$DB" ingest -q "$WORK/hist" >/dev/null
"$BENCHDB" --db "$DB" retain --set 'rollup week after 30d; rollup month after 400d' >/dev/null

# Expected: 2023's months rolled up from their runs (month rule first); 2024's
# weeks rolled up, each in the month of its Thursday (week 2024-01-29, Thursday
# February 1st, is February's; week 2024-12-30 is January 2025's).
cat >"$WORK/want.py" <<'PY'
import datetime as dt, json, os, statistics, sys
vals = {}
for f in sorted(os.listdir(sys.argv[1])):
    r = json.load(open(os.path.join(sys.argv[1], f)))
    t = dt.datetime.fromisoformat(r["timestamp"])
    for p in r["points"]:
        vals.setdefault(p["name"], []).append((t, p["metrics"]["time"]["value"]))
print("point,tags,bucket,value,min,max,count,unit")
for point in sorted(vals):
    weeks, months = {}, {}
    for t, v in vals[point]:
        if t.year == 2023:
            months.setdefault(t.replace(day=1, hour=0, minute=0), []).append([v])
        else:
            weeks.setdefault(t.date() - dt.timedelta(days=t.weekday()), []).append(v)
    for monday, vs in weeks.items():
        thursday = monday + dt.timedelta(days=3)
        month = dt.datetime(thursday.year, thursday.month, 1)
        months.setdefault(month, []).append([statistics.median(vs)] * len(vs) + [min(vs), max(vs)])
    for month in sorted(months):
        units = months[month]
        flat = [v for u in units for v in (u if len(u) == 1 else u[:-2])]
        lo = min(u[-2] if len(u) > 1 else u[0] for u in units)
        hi = max(u[-1] if len(u) > 1 else u[0] for u in units)
        num = lambda x: repr(x).removesuffix(".0")  # benchdb's shortest round-trip form
        print(f"{point},,{month:%Y-%m-%dT%H:%M:%SZ},{num(statistics.median(flat))},{num(lo)},{num(hi)},{len(flat)},ms")
PY
python3 "$WORK/want.py" "$WORK/hist" | sed 's/$/\r/' >"$WORK/want.csv"

run "$BENCHDB" --db "$DB" retain --now 2025-03-01
check_out "2023's months and 2024's weeks rolled up" \
	"retain: 0 runs dropped, 580 runs rolled up into 60 rollups"
run "$BENCHDB" --db "$DB" -c 'trend time by month as csv'
check_out_exact "by month: a week rollup in its Thursday's month (Python's statistics)" \
	"$(cat "$WORK/want.csv")"
cp "$OUT" "$WORK/weeks.csv"
# since / until cut a week rollup by month as the month it counts in: the
# week of Monday 2024-01-29 is February's whole, not cut off by "since the
# 1st", and is no row of a month of its own after "until the 31st".
run "$BENCHDB" --db "$DB" -c 'trend time by month since 2024-02-01 until 2024-02-29 as csv'
check_out_exact "by month since February's 1st: February's rows of the whole trend" \
	"$(head -1 "$WORK/weeks.csv"; grep ',2024-02-01T' "$WORK/weeks.csv")"
run "$BENCHDB" --db "$DB" -c 'trend time by month since 2023-12-01 until 2024-01-31 as csv'
check_out_exact "by month until January's 31st: no February row" \
	"$(head -1 "$WORK/weeks.csv"; grep ',2023-12-01T\|,2024-01-01T' "$WORK/weeks.csv")"

run "$BENCHDB" --db "$DB" retain --now 2025-10-01
check_out "January to July 2024 fold their weeks" "30 week rollups folded into months"
run "$BENCHDB" --db "$DB" -c 'trend time by month as csv'
check_out_exact "by month: the same rows once retain folded the weeks into months" \
	"$(cat "$WORK/weeks.csv")"
finish
