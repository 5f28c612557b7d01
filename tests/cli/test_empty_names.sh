#!/usr/bin/env bash
# tests/cli/test_empty_names.sh - a point without a name is refused: before,
# a benchkit point, a github-action-benchmark result or `record --name ''`
# with an empty name was stored, and no query could name it (`trend t of ""`
# is an error), so its history was unreachable.
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
run "$BENCHDB" --db "$DB" import-gab "$WORK/data.js"
check_rc "a data.js result without a name: exit 3" 3
check_err "it says why, under the file's name" \
	"data.js: cannot store run \"gab-"
check_err "with the store's reason" "point 1 has an empty name"

run "$BENCHDB" --db "$DB" record --name '' -- true
check_rc "record --name '': a usage error" 2
check_err "it says so" "record: --name: expected the point's name"

"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/after.csv"
check "the store is unchanged" cmp -s "$WORK/before.csv" "$WORK/after.csv"

finish
