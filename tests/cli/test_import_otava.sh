#!/usr/bin/env bash
# tests/cli/test_import_otava.sh - import-otava on Otava's documented CSV
# example (tests/fixtures/otava/, see tests/fixtures/README.md): one run per
# row with its time, commit and metrics; Otava's change of metric2 at aaa6
# found by `changes`; a grown file adding only its new rows; directions,
# scales, units and attributes from the options; bad inputs that exit 3 with
# file:line:col and leave the store unchanged.
. "$(dirname "$0")/lib.sh"
FIX=$ROOT/tests/fixtures/otava

# runs DB: the number of runs in store DB.
runs() { "$BENCHDB" --db "$1" -c 'show runs as csv' | tail -n +2 | grep -c '^'; }

run "$BENCHDB" import-otava --help
check_rc "--help exits 0" 0
check_out "--help names the options" "--time-column NAME"

# --- Otava's example: time, commit, metric1, metric2 (its otava.yaml) ---
DB=$WORK/sample
run "$BENCHDB" --db "$DB" import-otava --test local.sample "$FIX/local_sample.first6.csv"
check_rc "the first six rows import" 0
check_out "six runs from six rows" "Imported 6 run(s) from 6 rows"
run "$BENCHDB" --db "$DB" import-otava --test local.sample --time-column time \
	--attributes commit --metrics metric1,metric2 "$FIX/local_sample.csv"
check_rc "the grown file imports (Otava's own options)" 0
check_out "the grown file adds only its 4 new rows" \
	"Imported 4 run(s) from 10 rows of $FIX/local_sample.csv (6 unchanged"
run "$BENCHDB" --db "$DB" import-otava --test local.sample "$FIX/local_sample.csv"
check_out "re-importing adds 0 runs" "Imported 0 run(s) from 10 rows"
check "10 runs" test "$(runs "$DB")" -eq 10
# Row 7: "2026.01.07 3:00:00 +0100,aaa6,155145,9.23" -> 02:00 UTC.
run "$BENCHDB" --db "$DB" -c 'trend metric2 of "local.sample" as csv'
check_out "the time '2026.01.07 3:00:00 +0100' is 02:00 UTC; the commit and value" \
	",2026-01-07T02:00:00Z,aaa6,9.23,,,"
run "$BENCHDB" --db "$DB" -c 'trend metric1 of "local.sample" last 1 as csv'
check_out "metric1 of the last row" ",2026-01-10T02:00:00Z,aaa9,148209,,,"
# Otava's documented analysis: metric2 changes by -12.9% (means 10.4817 -> 9.125)
# at aaa6. The robust method reports medians: 10.385 (of 10.23 10.29 10.34
# 10.43 10.69 10.91) -> 9.12 (of 9.03 9.11 9.13 9.23), -12.18% (9.12 as a double
# is the shortest text 9.120000000000001 of (9.11 + 9.13) / 2).
run "$BENCHDB" --db "$DB" -c 'changes metric2 of "local.sample" as csv'
check_out "changes finds Otava's change of metric2 at aaa6" ",aaa6,2026-01-07T02:00:00Z,step,10.385,9.120000000000001,,-12.181030332209906,"
check "only that change" test "$(tail -n +2 "$OUT" | grep -c '^')" -eq 1
run "$BENCHDB" --db "$DB" export --format json latest
check_out "Otava's default direction: higher is better" '"metric": "metric2", "value": 9.03, "lower": null, "upper": null, "unit": null, "direction": "higher"'
check_out "the test is metadata" '"otava_test": "local.sample"'
run "$BENCHDB" --db "$WORK/byname" import-otava "$FIX/local_sample.csv"
run "$BENCHDB" --db "$WORK/byname" -c 'show points as csv'
check_out "without --test the point is the file name without .csv" "local_sample"

# --- attributes, direction, scale and unit; seconds since 1970 ---
DB=$WORK/attrs
run "$BENCHDB" --db "$DB" import-otava --test svc --attributes commit,branch,version \
	--metrics latency_ms:-1:0.001:s,throughput:1::ops/s "$FIX/attributes.csv"
check_rc "attributes.csv imports" 0
check_out "three runs" "Imported 3 run(s) from 3 rows"
# Row 1: 1767236400 s = 2026-01-01T03:00:00Z; 12.5 ms x 0.001 = 0.0125 s.
run "$BENCHDB" --db "$DB" export --format json latest~2
check_out "seconds since 1970 are the timestamp" '"timestamp": "2026-01-01T03:00:00Z"'
check_out "attribute branch is the branch" '"branch": "main"'
check_out "attribute commit is the commit" '"commit": "c100"'
check_out "another attribute is metadata (quoted comma kept)" '"version": "1.0.0, rc1"'
check_out "direction -1, scale 0.001 and unit s" \
	'"metric": "latency_ms", "value": 0.0125, "lower": null, "upper": null, "unit": "s", "direction": "lower"'
check_out "direction 1 and unit ops/s" '"metric": "throughput", "value": 2000, "lower": null, "upper": null, "unit": "ops/s", "direction": "higher"'
run "$BENCHDB" --db "$DB" export --format json latest
check "an empty cell is a metric not measured (row 3 has throughput only)" \
	test "$(grep -c '"metric": ' "$OUT")" -eq 1
check_out "the column left out (note) is not stored" '"metadata": {
      "otava_test": "svc",
      "version": "1.0.2"'
# Row 3 has no latency: with --metrics latency_ms alone it holds no value
# and makes no run. The summary said "Imported 2 run(s) from 3 rows (0
# unchanged, 0 replaced)", which does not add up.
run "$BENCHDB" --db "$WORK/attrs-latency" import-otava --test svc --metrics latency_ms:-1 \
	"$FIX/attributes.csv"
check_rc "a row with no metric value: the others import" 0
check_out "  and the summary counts it" \
	"Imported 2 run(s) from 3 rows of $FIX/attributes.csv (0 unchanged, 0 replaced, 1 with no result left out)"

# --- bad input: exit 3 with file:line:col, the store unchanged ---
cp "$WORK/sample/data.mdb" "$WORK/before.mdb"
bad() { # bad NAME CONTENT EXPECTED-STDERR [options]
	local name=$1 content=$2 want=$3
	shift 3
	printf '%b' "$content" >"$WORK/$name.csv"
	run "$BENCHDB" --db "$WORK/sample" import-otava --test local.sample "$@" "$WORK/$name.csv"
	check_rc "$name: exits 3" 3
	check_err "$name: says where" "$want"
	check "$name: the store is unchanged" cmp -s "$WORK/sample/data.mdb" "$WORK/before.mdb"
}
# A good row first: the whole file is checked before anything is stored.
bad not-a-number 'time,commit,m\n2026-02-01,b0,1\n2026-02-02,b1,x2\n' \
	'not-a-number.csv:3:15: Otava CSV: expected a number for metric "m", got "x2"'
bad bad-time 'time,commit,m\n2026-02-01,b0,1\nyesterday,b1,2\n' \
	'bad-time.csv:3:1: Otava CSV: expected a time in column "time"'
bad open-quote 'time,commit,m\n2026-02-01,b0,1\n2026-02-02,"b1,2\n' \
	'open-quote.csv:3:12: Otava CSV: a quoted field does not close'
bad short-row 'time,commit,m\n2026-02-01,b0,1\n2026-02-02,b1\n' \
	'short-row.csv:3:1: Otava CSV: expected 3 fields as in the header, got 2'
bad empty '' 'empty.csv:1:1: Otava CSV: empty file, expected a header line'
bad header-only 'time,commit,m\n' 'header-only.csv:1:1: Otava CSV: no rows with a metric value'
bad no-column 'time,commit,m\n2026-02-01,b0,1\n' \
	'no-column.csv:1:1: Otava CSV: the header has no metric column "latency"' --metrics latency
bad no-time 'when,commit,m\n2026-02-01,b0,1\n' \
	'no-time.csv:1:1: Otava CSV: the header has no time column "time"'
# Without --metrics a column of text is a metric too; in the first row the
# error said only that, not how to make it an attribute.
bad attribute-as-metric 'time,commit,branch,m\n2026-02-01,b0,main,1\n' \
	'attribute-as-metric.csv:2:15: Otava CSV: expected a number for metric "branch", got "main" (every column but the time and the attributes is a metric: a column of text is an attribute, --attributes commit,branch)'
# Two header columns of one name: the second's values were stored under it
# and the first's dropped without a word.
bad same-name 'time,commit,m,m\n2026-02-01,b0,1,2\n' \
	'same-name.csv:1:15: Otava CSV: the header names two columns "m": rename one, the import cannot tell them apart'
# A metric column without a name failed when the run was written, with no
# position: 'cannot store run "otava-...": point "...": a metric without a name'.
bad no-name 'time,commit,,m\n2026-02-01,b0,1,2\n' \
	'no-name.csv:1:13: Otava CSV: column 3 of the header has no name (name it, or leave it out with --metrics)'
# A row of the stored history with another value: a different run under its id.
sed 's/^2026.01.03 3:00:00 +0100,aaa2,143112,/2026.01.03 3:00:00 +0100,aaa2,1,/' \
	"$FIX/local_sample.csv" >"$WORK/changed.csv"
run "$BENCHDB" --db "$WORK/sample" import-otava --test local.sample "$WORK/changed.csv"
check_rc "a changed stored row exits 3" 3
check_err "a changed stored row is a conflict" "the store already holds a different run"
check "a conflict stores nothing" cmp -s "$WORK/sample/data.mdb" "$WORK/before.mdb"
run "$BENCHDB" --db "$WORK/sample" import-otava --test local.sample --metrics m:2 "$FIX/local_sample.csv"
check_rc "a direction other than 1 or -1 is a usage error" 2
check_err "and says what it expected" "DIRECTION 1 or -1"
# A scale of 0 stored every value as 0: each comparison n/a (a base of 0).
run "$BENCHDB" --db "$WORK/scale0" import-otava --test local.sample --metrics metric1:1:0 "$FIX/local_sample.csv"
check_rc "a scale of 0 is a usage error (was stored: every value 0)" 2
check_err "saying a scale is a number other than 0" "SCALE a number other than 0; got \"metric1:1:0\""
check "and no store is made" test ! -e "$WORK/scale0"

# Identical rows count once.
printf 'time,commit,m\n2026-02-01,b0,1\n2026-02-01,b0,1\n' >"$WORK/twice.csv"
run "$BENCHDB" --db "$WORK/twice" import-otava "$WORK/twice.csv"
check_out "a row recorded twice counts once" "Imported 1 run(s) from 2 rows of $WORK/twice.csv (0 unchanged, 0 replaced, 1 recorded twice counted once)"
# The same time and commit with other values: no copy of the first row. It
# was "twice2.csv:1:1: run ... differs from the run of the same id in
# twice2.csv" at 1:1, with the hint "--replace replaces the stored runs",
# which changed nothing.
printf 'time,commit,m\n2026-02-01,b0,1\n2026-02-02,b1,1\n2026-02-01,b0,2\n' >"$WORK/twice2.csv"
run "$BENCHDB" --db "$WORK/twice2" import-otava "$WORK/twice2.csv"
check_rc "a row with another row's time and attributes but other values exits 3" 3
check_err "at the row, naming the first" \
	"twice2.csv:4:1: Otava CSV: this row has the time and attributes of the row on line 2 but other values"
check "without the --replace hint" sh -c "! grep -q -- --replace '$ERR'"
check "and nothing is stored" test ! -e "$WORK/twice2"
run "$BENCHDB" --db "$WORK/twice2" import-otava --replace "$WORK/twice2.csv"
check_rc "--replace does not pass it either" 3

# import-otava - : standard input has no file name to name the point.
printf 'time,commit,throughput\n2026-01-01T00:00:00Z,aaa,10\n' >"$WORK/o.csv"
STDIN=$WORK/o.csv run "$BENCHDB" --db "$WORK/otava" import-otava -
check_rc "import-otava - without --test is exit 2 (was a point named '-')" 2
check_err "and asks for --test" "give --test NAME"
check "nothing was stored, not even a store made" test ! -e "$WORK/otava"
STDIN=$WORK/o.csv run "$BENCHDB" --db "$WORK/otava" import-otava --test load -
check_rc "import-otava --test load - exits 0" 0
run "$BENCHDB" --db "$WORK/otava" -c 'show points'
check_out "the point is the --test name" "load "

finish
