#!/usr/bin/env bash
# tests/cli/test_migrate_hostile.sh - a user moving to benchdb from asv,
# benchkit and github-action-benchmark, then gating CI on commits: what
# such histories hold that broke an import (a benchmark asv no longer
# declares, Python's NaN, a file given twice) and commits stored short or
# full.
. "$(dirname "$0")/lib.sh"

# --- asv: a track benchmark removed from benchmarks.json ---
# asv keeps a benchmark's unit only in benchmarks.json, which each asv run
# writes anew. Re-importing with --replace once bench.track_rss was
# removed from it stored the run with no unit: export said "unit": null.
A=$WORK/asv
mkdir -p "$A/res/m1"
cat >"$A/res/benchmarks.json" <<'JSON'
{"bench.track_rss": {"name": "bench.track_rss", "type": "track", "unit": "MB", "param_names": [], "params": []},
 "bench.time_x": {"name": "bench.time_x", "type": "time", "unit": "seconds", "param_names": [], "params": []},
 "version": 2}
JSON
echo '{"machine": "m1", "os": "Linux", "version": 1}' >"$A/res/m1/machine.json"
cat >"$A/res/m1/aaaa1111-py.json" <<'JSON'
{"commit_hash": "aaaa1111bbbb", "env_name": "py", "date": 1700000000000, "version": 2,
 "result_columns": ["result", "params", "version", "started_at"],
 "results": {"bench.track_rss": [[12.5], [], "v1", 1700000000000],
             "bench.time_x": [[0.5], [], "v1", 1700000000000]}}
JSON
run "$BENCHDB" --db "$A/db" import-asv "$A/res"
check_rc "asv: the results import" 0
cp -r "$A/res" "$A/later"
echo '{"bench.time_x": {"name": "bench.time_x", "type": "time", "unit": "seconds", "param_names": [], "params": []}, "version": 2}' \
	>"$A/later/benchmarks.json"
run "$BENCHDB" --db "$A/db" import-asv --replace "$A/later"
check_rc "asv: re-imported once the benchmark left benchmarks.json" 0
check_out "  the run is the same run: unchanged" "(1 unchanged, 0 replaced)"
run "$BENCHDB" --db "$A/db" export --format json latest
check_out "  the track keeps the unit its series has (MB)" \
	'"point": "bench.track_rss", "scenario": null, "tags": {"env": "py", "machine": "m1"}, "metric": "track", "value": 12.5, "lower": null, "upper": null, "unit": "MB"'
# A new store has no unit to keep: stored without one, and said.
run "$BENCHDB" --db "$A/new" import-asv "$A/later"
check_rc "asv: imported into a new store" 0
check_err "  the track without a unit is said" \
	"benchdb: warning: $A/later: 1 track result(s) of benchmarks benchmarks.json no longer has are stored without a unit (asv keeps units only there); the first: \"bench.track_rss\" in $A/later/m1/aaaa1111-py.json"

finish
