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

# --- benchkit: Python's NaN ---
# benchkit writes with Python's json.dump, which writes a float that is
# not finite as a bare NaN: the file is refused (no JSON number; a run
# holds no such value) with what to do, at the token, naming the key. It
# said "NaN and Infinity are not JSON numbers; expected a finite number",
# which told a Python user neither where it came from nor what to change.
K=$WORK/bk
mkdir -p "$K/runs"
cat >"$K/runs/a.json" <<'JSON'
{"id": "good", "timestamp": "2026-01-01T00:00:00", "points": [
  {"name": "p", "metrics": {"t": {"value": 1.5}}}]}
JSON
cat >"$K/runs/b.json" <<'JSON'
{"id": "bad", "timestamp": "2026-01-02T00:00:00", "points": [
  {"name": "p", "metrics": {"t": {"value": 1.5, "lower": -Infinity, "upper": 2}}}]}
JSON
run "$BENCHDB" --db "$K/db" import-benchkit "$K"
check_rc "benchkit: -Infinity in a directory exits 3" 3
check_err "  at the token, naming the key and the fix" \
	"benchdb: error: $K/runs/b.json:2:58: invalid JSON: \"lower\": -Infinity is not a JSON number (Python's json.dump writes it for a float that is not finite); expected a finite number: leave out each value that is not finite (json.dump(..., allow_nan=False) refuses them when writing)"
run "$BENCHDB" --db "$K/db" -c 'show runs as csv'
check "  and nothing of the directory is stored" test "$(grep -c good "$OUT")" -eq 0
printf '{"id": "s", "points": [{"name": "p", "metrics": {"t": {"value": 1, "samples": [1, NaN]}}}]}\n' \
	>"$K/samples.json"
run "$BENCHDB" --db "$K/db" ingest "$K/samples.json"
check_rc "benchkit: NaN in samples exits 3" 3
check_err "  a sample has no key of its own: the token is named" \
	"$K/samples.json:1:83: invalid JSON: NaN is not a JSON number (Python's json.dump"

# --- one run in two files of one import ---
# A run file copied (runs/a.json and runs/b.json, the same run) was counted
# "1 unchanged" by import-benchkit into an empty store: the store had
# nothing, the second file was a copy of the first.
D=$WORK/dup
mkdir -p "$D/runs" "$D/baselines"
printf '{"id": "r1", "timestamp": "2026-01-01T00:00:00", "points": [{"name": "p", "metrics": {"t": {"value": 1}}}]}\n' \
	>"$D/runs/a.json"
cp "$D/runs/a.json" "$D/runs/b.json"
cp "$D/runs/a.json" "$D/baselines/main.json"
run "$BENCHDB" --db "$D/db" import-benchkit "$D"
check_rc "benchkit: a run in two files imports" 0
check_out_exact "  the copy is counted as one, not as unchanged" \
	"Imported 1 run(s) (0 unchanged, 0 replaced, 1 file(s) holding the run of another counted once), 1 baseline(s), 0 metric definition(s)"
check_err "  and the note names both files (a baseline file is a copy as it should be)" \
	"benchdb: note: $D: 1 file(s) hold a run that another file of the import holds: counted once; the first: $D/runs/b.json holds the run of $D/runs/a.json (r1)"
run "$BENCHDB" --db "$D/db" import-benchkit "$D"
check_out "  again: the first file's run is the unchanged one" \
	"Imported 0 run(s) (1 unchanged, 0 replaced, 1 file(s) holding the run of another"
# asv: a result file copied beside itself (the same machine, commit and env).
cp "$A/res/m1/aaaa1111-py.json" "$A/res/m1/aaaa1111-py-copy.json"
run "$BENCHDB" --db "$A/dup" import-asv "$A/res"
check_out_exact "asv: a result file copied is counted once" \
	"Imported 1 run(s) from 2 result files of $A/res (0 unchanged, 0 replaced, 1 recorded twice counted once)"
check_err "  and named" "the first: $A/res/m1/aaaa1111-py.json holds the run of $A/res/m1/aaaa1111-py-copy.json"
rm "$A/res/m1/aaaa1111-py-copy.json"

finish
