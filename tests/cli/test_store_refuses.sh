#!/usr/bin/env bash
# tests/cli/test_store_refuses.sh - what the store refuses, that it stored
# before:
# - a point without a name: a benchkit point, a github-action-benchmark
#   result (now left out by import-gab, with a note) or `record --name ''`
#   with an empty name was stored, and no query
#   could name it (`trend t of ""` is an error), so its history was
#   unreachable;
# - a value that is no double in its series' unit: 1e300 s into a series in
#   ns became inf, which trend shows as inf (null in JSON) and every
#   comparison as n/a, so a gate judged nothing.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

echo '{"id": "r1", "points": [{"name": "ok", "metrics": {"t": {"value": 1}}}]}' >"$WORK/ok.json"
"$BENCHDB" --db "$DB" ingest "$WORK/ok.json" >/dev/null
"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/before.csv"

echo '{"id": "r2", "points": [{"name": "", "metrics": {"t": {"value": 1}}}]}' >"$WORK/empty.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/empty.json"
check_rc "a benchkit point without a name: exit 3" 3
check_err "it says which point" "empty.json: point 1 has an empty name; a point needs a name"

cat >"$WORK/data.js" <<'EOF2'
window.BENCHMARK_DATA = {"entries": {"S": [{"commit": {"id": "abc", "timestamp": "2024-01-01T00:00:00Z"},
  "date": 1700000000000, "tool": "go", "benches": [{"name": "", "value": 1, "unit": "ns/op"}]}]}}
EOF2
# import-gab leaves such a result out and says so, as it does a null value
# (test_import has the mixed case); a history of nothing else has no results.
run "$BENCHDB" --db "$DB" import-gab "$WORK/data.js"
check_rc "a data.js whose only result has no name: exit 3" 3
check_err "it says the history has no results" \
	"data.js:1:1: no benchmark results found in this github-action-benchmark history"

# record --format stores what the command printed: into a new store, a
# refused run leaves no store (it left an empty one, with exit 2).
run "$BENCHDB" --db "$WORK/rec" record --format benchkit -- \
	echo '{"points": [{"name": "", "metrics": {"t": {"value": 1}}}]}'
check_rc "record of output with a nameless point: exit 3" 3
check_err "it says why" "record: cannot store run record-"
check "and leaves no store at a new --db" test ! -e "$WORK/rec"

run "$BENCHDB" --db "$DB" record --name '' -- true
check_rc "record --name '': a usage error" 2
check_err "it says so" "record: --name: expected the point's name"

"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/after.csv"
check "the store is unchanged" cmp -s "$WORK/before.csv" "$WORK/after.csv"

# 1e300 s in a series kept in ns is 1e309 ns: beyond a double.
cat >"$WORK/ns.json" <<'EOF2'
{"id": "ns", "timestamp": "2026-01-01T00:00:00", "metric_defs": {"t": {"unit": "ns", "direction": "lower"}},
 "points": [{"name": "ok", "metrics": {"t": {"value": 100}}}]}
EOF2
cat >"$WORK/s.json" <<'EOF2'
{"id": "s", "timestamp": "2026-01-02T00:00:00", "metric_defs": {"t": {"unit": "s", "direction": "lower"}},
 "points": [{"name": "ok", "metrics": {"t": {"value": 1e300}}}]}
EOF2
cat >"$WORK/s_samples.json" <<'EOF2'
{"id": "s2", "timestamp": "2026-01-02T00:00:00", "metric_defs": {"t": {"unit": "s", "direction": "lower"}},
 "points": [{"name": "ok", "metrics": {"t": {"value": 1, "samples": [1, 1e300]}}}]}
EOF2
DB=$WORK/units
"$BENCHDB" --db "$DB" ingest "$WORK/ns.json" >/dev/null
run "$BENCHDB" --db "$DB" ingest "$WORK/s.json"
check_rc "a value beyond a double in the series' unit: exit 3" 3
check_err "it says which" \
	's.json: point "ok" metric "t": a number in "s" is beyond a double in the series'"'"' unit "ns" (1e+300 s)'
run "$BENCHDB" --db "$DB" ingest "$WORK/s_samples.json"
check_rc "a sample beyond a double in the series' unit: exit 3" 3
run "$BENCHDB" --db "$DB" -c 'trend t of ok as csv'
check "the series holds its one finite value" test "$(grep -c '^ok,' "$OUT")" = 1

finish
