#!/usr/bin/env bash
# tests/cli/test_deep_input.sh - input whose depth or length the user
# controls ends in a clear error or a right answer, never a crash: deeply
# nested parentheses and "not"s in a query (at most 256), very long
# and/or chains, deeply nested JSON (jansson refuses more than 2048 levels).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$ROOT/examples/history
"$BENCHDB" ingest --id v1 --commit c1 --branch main --timestamp 2026-11-16T02:00:00Z \
	"$H/gbench-v1.json" >/dev/null

# repeat N TEXT: TEXT N times.
repeat() { printf "%$1s" "" | sed "s/ /$2/g"; }

# 40,000 nested parentheses overflowed the stack in parse_unary (SIGSEGV).
{
	printf 'show points where '
	repeat 40000 '('
	printf 'point = "BM_hash/4096"'
	repeat 40000 ')'
	printf '\n'
} >"$WORK/parens.bq"
run "$BENCHDB" -f "$WORK/parens.bq"
check_rc "40,000 nested parentheses exit 2" 2
check_err "the error names the 257th parenthesis" \
	"parens.bq:1:275: nested too deeply: at most 256 parentheses and \"not\"s may enclose a condition"
check "a caret points at it" grep -qx ' *\^' "$ERR"

# 256 levels still work (128 "not"s cancel out).
{
	printf 'show points where '
	repeat 128 '('
	repeat 128 'not '
	printf 'point = "BM_hash/4096"'
	repeat 128 ')'
	printf ' as csv\n'
} >"$WORK/256.bq"
run "$BENCHDB" -f "$WORK/256.bq"
check_rc "256 levels of parentheses and not exit 0" 0
check_out "256 levels select the right point" 'BM_hash/4096,,,"bytes_per_second, cpu_time, real_time"'
check "256 levels select one point alone" test "$(wc -l <"$OUT")" -eq 2

# The same statement in a session from standard input: the session goes
# on with the next statement.
{
	cat "$WORK/parens.bq"
	printf 'show runs as csv\n'
} >"$WORK/session.bq"
STDIN=$WORK/session.bq run "$BENCHDB"
check_rc "a session with a too deep statement exits 2" 2
check_err "the session reports the nesting" "nested too deeply"
check_out "the session runs the next statement" "v1,2026-11-16T02:00:00Z,c1,main"

# A flat or-chain of 20,000 terms (about 430 KB) overflowed the stack in
# check_expr; it selects what it says.
{
	printf 'show points where point = "BM_hash/4096"'
	for i in $(seq 1 19999); do printf ' or point ~ "none/%d*"' "$i"; done
	printf ' as csv\n'
} >"$WORK/or.bq"
check "the or-chain is over 430 KB" test "$(wc -c <"$WORK/or.bq")" -gt 430000
run "$BENCHDB" -f "$WORK/or.bq"
check_rc "a 20,000-term or-chain exits 0" 0
check_out "the or-chain selects its one existing point" 'BM_hash/4096,,,"bytes_per_second, cpu_time, real_time"'
check "the or-chain selects it alone" test "$(wc -l <"$OUT")" -eq 2
# The same length of "and"s, through the observation filter (summary).
{
	printf 'summary where metric = cpu_time'
	for i in $(seq 1 19999); do printf ' and point != "BM_x/%d"' "$i"; done
	printf ' as csv\n'
} >"$WORK/and.bq"
run "$BENCHDB" -f "$WORK/and.bq"
check_rc "a 20,000-term and-chain exits 0" 0
cp "$OUT" "$WORK/and.csv"
run "$BENCHDB" -c 'summary where metric = cpu_time as csv'
check "the and-chain keeps every cpu_time" cmp -s "$OUT" "$WORK/and.csv"
check "there are 5" test "$(wc -l <"$OUT")" -eq 6
# A chain whose unknown tag is far down still points at it.
sed 's/point ~ "none\/7\*"/colour = red/' "$WORK/or.bq" >"$WORK/or-typo.bq"
run "$BENCHDB" -f "$WORK/or-typo.bq"
check_rc "an unknown tag deep in a chain exits 2" 2
check_err "the unknown tag is named" 'no tag "colour" in the store'

# JSON nested deeper than 2048 levels: an input error with its position.
{
	repeat 100000 '['
	repeat 100000 ']'
} >"$WORK/deep.json"
run "$BENCHDB" ingest "$WORK/deep.json"
check_rc "100,000 nested arrays exit 3" 3
check_err "the JSON error names the level" \
	"deep.json:1:2049: invalid JSON: nested deeper than 2048 arrays and objects"
# 2,000 levels inside a benchkit environment are kept, exported, and read
# back; a type error after them walks the deep tree to find its position.
{
	printf '{"id": "deep", "environment": {"x": '
	repeat 2000 '{"a": '
	printf '1'
	repeat 2000 '}'
	printf '}, "points": [{"name": "solo", "metrics": {"throughput": {"value": 1.5}}}]}\n'
} >"$WORK/deep-env.json"
run "$BENCHDB" ingest "$WORK/deep-env.json"
check_rc "a 2,000-level environment ingests" 0
run "$BENCHDB" export deep
check_rc "it exports" 0
check "the export keeps the 2,000 levels" test "$(grep -c '"a": {' "$OUT")" -eq 1999
sed 's/"id": "deep"/"id": "deep2"/' "$OUT" >"$WORK/deep-back.json"
run "$BENCHDB" ingest "$WORK/deep-back.json"
check_rc "the export reads back" 0
sed 's/"value": 1.5/"value": "x"/' "$WORK/deep-env.json" >"$WORK/deep-bad.json"
run "$BENCHDB" ingest "$WORK/deep-bad.json"
check_rc "a type error after 2,000 levels exits 3" 3
check_err "its position is found" "deep-bad.json:1:14105: \"value\" must be a number, got string"

finish
