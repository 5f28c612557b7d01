#!/usr/bin/env bash
# tests/cli/test_readable.sh - readable tables (issue 23, item 15): values in
# their unit's natural scale, empty columns left out, short commits, rank
# without a repeated label and with signed deltas, all in table mode only
# (JSON and CSV keep everything raw); a pager for tables taller than the
# terminal, --no-pager.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
SHA1=0123456789abcdef0123456789abcdef01234567
SHA2=fedcba9876543210fedcba9876543210fedcba98

# Two benchkit runs: a time in seconds, a throughput in B/s, a size in bytes.
mk() { # ID TIMESTAMP COMMIT TIME RATE
	cat >"$WORK/$1.json" <<JSON
{"id": "$1", "timestamp": "$2", "commit": "$3", "branch": "main",
 "metric_defs": {"time": {"unit": "s", "direction": "lower"},
                 "bw": {"unit": "B/s", "direction": "higher"},
                 "mem": {"unit": "B", "direction": "info"}},
 "points": [
  {"name": "parse", "scenario": "", "tags": {},
   "metrics": {"time": {"value": $4}, "bw": {"value": $5}, "mem": {"value": 1536000}}},
  {"name": "load", "scenario": "", "tags": {},
   "metrics": {"time": {"value": 0.00139}, "bw": {"value": 7.44e9}, "mem": {"value": 2048}}}]}
JSON
	"$BENCHDB" ingest "$WORK/$1.json" >/dev/null
}
mk r1 2026-01-01T00:00:00 $SHA1 0.000225616 5.1e8
mk r2 2026-01-02T00:00:00 $SHA2 0.000250 4.9e8

run "$BENCHDB" -c 'trend time of parse'
check_rc "trend exits 0" 0
check_out "a time in seconds shows in µs" "225.6 µs"
check_out "the next one too" "250 µs"
check "the unit column is left out" sh -c "! head -1 '$OUT' | grep -q unit"
check "all-empty lower/upper/tags are left out" sh -c "! head -1 '$OUT' | grep -Eq 'lower|upper|tags'"
check_out "commits show as 10-character prefixes" "  0123456789  "
check "no full commit in the table" sh -c "! grep -q $SHA1 '$OUT'"
run "$BENCHDB" -c 'compare run r1 with run r2'
check_out "1.39 ms" "1.39 ms"
check_out "7.44 GB/s" "7.44 GB/s"
check_out "510 MB/s" "510 MB/s"
check_out "1.536 MB" "1.536 MB"
check_out "2.048 KB" "2.048 KB"
check "p_value (all empty) is left out" sh -c "! head -1 '$OUT' | grep -q p_value"
# A chart scales as the table does: B/s in decimal steps, so the table's
# 7.44 GB/s is 7.44 on a GB/s axis (it once drew GiB/s: 6.93).
run "$BENCHDB" -c 'trend bw of load as svg'
check_out "the chart's axis is in GB/s, as the table" "(GB/s)"
check "no GiB/s in the chart" sh -c "! grep -q 'GiB/s' '$OUT'"

# JSON and CSV keep the raw values, units, all columns and full commits.
run "$BENCHDB" -c 'trend time of parse as json'
check_out "JSON: the raw value" '"value": 0.000225616'
check_out "JSON: the unit" '"unit": "s"'
check_out "JSON: the full commit" "\"commit\": \"$SHA1\""
check_out "JSON: lower is still there (null)" '"lower": null'
run "$BENCHDB" -c 'trend time of parse as csv'
check_out "CSV: every column" "point,tags,run,timestamp,commit,value,lower,upper,unit"
check_out "CSV: raw value, unit, full commit" "parse,,r1,2026-01-01T00:00:00Z,$SHA1,0.000225616,,,s"

# rank: no label repeating the point, deltas with a sign.
run "$BENCHDB" -c 'rank time in run r2'
check "rank without by: no label column" sh -c "! head -1 '$OUT' | grep -q label"
check_out "a slower time is +" "+456.0%"
run "$BENCHDB" -c 'rank bw in run r2'
check_out "a lower throughput is -" "-93.4%"
run "$BENCHDB" -c 'rank bw in run r2 as csv'
check_out "CSV keeps label and the unsigned delta" "2,parse,parse,,490000000,B/s,93.41397849462365,false"

# A pager for output taller than the terminal (a pty made by script(1)).
if command -v script >/dev/null; then
	for i in $(seq 3 30); do
		mk "x$i" "2026-02-$(printf %02d $((i - 2)))T00:00:00" $SHA1 0.0003 5e8
	done
	tty_run() { # ROWS COMMAND: run in a pty of ROWS lines, output in $OUT
		script -qec "stty rows $1 cols 200; $2" /dev/null >"$OUT" 2>&1
	}
	tty_run 10 "PAGER='sed s/^/PAGED:/' '$BENCHDB' -c 'show runs'"
	check "taller than the terminal: through \$PAGER" grep -q '^PAGED:.*x30' "$OUT"
	tty_run 10 "PAGER='sed s/^/PAGED:/' '$BENCHDB' --no-pager -c 'show runs'"
	check "--no-pager: no pager" sh -c "grep -q x30 '$OUT' && ! grep -q PAGED: '$OUT'"
	tty_run 100 "PAGER='sed s/^/PAGED:/' '$BENCHDB' -c 'show runs'"
	check "shorter than the terminal: no pager" sh -c "grep -q x30 '$OUT' && ! grep -q PAGED: '$OUT'"
	tty_run 10 "PAGER='sed s/^/PAGED:/' '$BENCHDB' -c 'show runs' | cat"
	check "piped: no pager" sh -c "grep -q x30 '$OUT' && ! grep -q PAGED: '$OUT'"
	# A $PAGER that cannot be run (a typo, a pager not installed) lost the
	# table: the screen showed only "sh: 1: no-such-pager: not found".
	tty_run 10 "PAGER=no-such-pager '$BENCHDB' -c 'show runs'"
	check "a pager that cannot be run: the table is still shown" grep -q x30 "$OUT"
	check "and a note says why it was not paged" \
		grep -q "benchdb: note: the pager 'no-such-pager' could not be run" "$OUT"
fi

finish
