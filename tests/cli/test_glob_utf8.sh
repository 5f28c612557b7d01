#!/usr/bin/env bash
# tests/cli/test_glob_utf8.sh - a glob's "?" and "[...]" match one character
# of a UTF-8 name, not one byte: "日本語テス?" found no point "日本語テスト"
# (its last character is three bytes), nor "caf?" the point "café".
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
cat >"$WORK/run.json" <<'JSON'
{"id":"u1","timestamp":"2026-03-07T00:00:00Z","points":[
 {"name":"日本語テスト","metrics":{"t":{"value":1,"unit":"ms"}}},
 {"name":"café","metrics":{"t":{"value":2,"unit":"ms"}}},
 {"name":"cafe","metrics":{"t":{"value":3,"unit":"ms"}}},
 {"name":"ascii","metrics":{"t":{"value":4,"unit":"ms"}}}]}
JSON
"$BENCHDB" --db "$DB" ingest "$WORK/run.json" >/dev/null

run "$BENCHDB" --db "$DB" -c 'trend t of "日本語テス?" as csv'
check_rc "? matches a three-byte character" 0
check_out "the CJK point" "日本語テスト,,u1"

run "$BENCHDB" --db "$DB" -c 'trend t of "caf?" as csv'
check_out "caf? matches café" "café,,u1"
check_out "and cafe" "cafe,,u1"

run "$BENCHDB" --db "$DB" -c 'trend t of "caf[é]" as csv'
check_rc "a bracket holds a two-byte character" 0
check_out "caf[é] matches café" "café,,u1"
check "caf[é] does not match cafe" sh -c "! grep -q '^cafe,' '$OUT'"

run "$BENCHDB" --db "$DB" -c 'trend t of "???????" as csv'
check_rc "seven characters, not seven bytes: no point" 2
check_err "no point has seven characters" 'no point matches "???????"'
run "$BENCHDB" --db "$DB" -c 'trend t where point ~ "??????" as csv'
check_out "six characters (where ~): the CJK point" "日本語テスト,,u1"

# ASCII globs as before.
run "$BENCHDB" --db "$DB" -c 'trend t of "as?ii" as csv'
check_out "an ASCII name" "ascii,,u1"

finish
