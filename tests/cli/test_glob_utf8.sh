#!/usr/bin/env bash
# tests/cli/test_glob_utf8.sh - a glob's "?" and "[...]" match one character
# of a UTF-8 name, not one byte: "日本語テス?" found no point "日本語テスト"
# (its last character is three bytes), nor "caf?" the point "café". And a
# glob matches a name equal to it (pytest's "test_x[1-2]").
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
cat >"$WORK/run.json" <<'JSON'
{"id":"u1","timestamp":"2026-03-07T00:00:00Z","points":[
 {"name":"日本語テスト","metrics":{"t":{"value":1,"unit":"ms"}}},
 {"name":"café","metrics":{"t":{"value":2,"unit":"ms"}}},
 {"name":"cafe","metrics":{"t":{"value":3,"unit":"ms"}}},
 {"name":"ascii","metrics":{"t":{"value":4,"unit":"ms"}}},
 {"name":"tests/t.py::test_x[1-2]","metrics":{"t":{"value":5,"unit":"ms"}}},
 {"name":"tests/t.py::test_x[1.3_uniform]","metrics":{"t":{"value":6,"unit":"ms"}}},
 {"name":"tests/t.py::test_x1","metrics":{"t":{"value":7,"unit":"ms"}}},
 {"name":"star*","metrics":{"t":{"value":8,"unit":"ms"}}},
 {"name":"starry","metrics":{"t":{"value":9,"unit":"ms"}}}]}
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

# A stored name with glob characters is found as it is written. pytest
# names a parametrized test "test_x[1-2]" (its fullname is the point, in
# pytest-benchmark's JSON and github-action-benchmark's pytest histories):
# 'trend t of "tests/t.py::test_x[1-2]"' found test_x1 but not the point
# itself, and "test_x[1.3_uniform]" said 'no point matches'.
run "$BENCHDB" --db "$DB" -c 'trend t of "tests/t.py::test_x[1-2]" as csv'
check_out "a name with [1-2] is found as written" "tests/t.py::test_x[1-2],,u1,2026-03-07T00:00:00Z,,5,,,ms"
check_out "  and, as a glob, test_x1 too (one character of 1..2)" "tests/t.py::test_x1,,u1"
run "$BENCHDB" --db "$DB" -c 'trend t of "tests/t.py::test_x[1.3_uniform]" as csv'
check_rc "a name with [1.3_uniform] is found" 0
check_out "  its value" "tests/t.py::test_x[1.3_uniform],,u1,2026-03-07T00:00:00Z,,6,,,ms"
run "$BENCHDB" --db "$DB" -c 'trend t where point ~ "tests/t.py::test_x[1.3_uniform]" as csv'
check_out "where point ~ finds it too" "tests/t.py::test_x[1.3_uniform],,u1"
run "$BENCHDB" --db "$DB" -c 'trend t of "tests/t.py::test_x\\[1-2\\]" as csv'
check_out "escaped brackets: the name" "tests/t.py::test_x[1-2],,u1"
check "  and not test_x1" test "$(grep -c 'test_x1,' "$OUT")" -eq 0
run "$BENCHDB" --db "$DB" -c 'trend t of "star*" as csv'
check_out "star* matches starry" "starry,,u1"
check_out "  and star* itself" "star*,,u1"

finish
