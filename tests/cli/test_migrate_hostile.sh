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
# Without --replace alike (migrating.md said: exit 3, "unit (stored MB,
# new (none))", and --replace loses the unit, which it no longer does).
run "$BENCHDB" --db "$A/db" import-asv "$A/later"
check_rc "asv: re-imported without --replace too" 0
check_out "  unchanged" "(1 unchanged, 0 replaced)"
check "  migrating.md says the old runs keep the unit" \
	grep -qF 'its old runs keep the unit their series has' "$ROOT/docs/migrating.md"
check "  and no longer that they read without it" \
	bash -c '! grep -qF "with \`--replace\` the stored runs lose it" "$1"' _ "$ROOT/docs/migrating.md"
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

# --- commits stored short, given full (and the reverse) ---
# The imported history (asv's 8-character hashes, an older CI's git
# rev-parse --short) stores short commits; a GitHub workflow gives
# $GITHUB_SHA, the full one. 'check --commit FULL' said "no run with commit
# 'FULL'" and named nothing. A stored hex commit of 4+ characters that
# starts the one given names it, as git's abbreviations do.
C=$WORK/commits
FULL=def5678aaaabbbbccccddddeeeeffff0000111122
"$BENCHDB" --db "$C" ingest --id r1 --commit abc1234 --branch main --timestamp 2026-01-01T00:00:00Z \
	"$ROOT/examples/history/gbench-v1.json" >/dev/null
"$BENCHDB" --db "$C" ingest --id r2 --commit def5678 --branch main --timestamp 2026-01-02T00:00:00Z \
	"$ROOT/examples/history/gbench-v2.json" >/dev/null
"$BENCHDB" --db "$C" baseline set main r1 >/dev/null
run "$BENCHDB" --db "$C" check --commit "$FULL" --format json
check_rc "check --commit FULL of a run stored with its short hash: exit 0" 0
check_out "  it judges that run (r2) against the baseline (r1)" '"base": "r1", "current": "r2"'
run "$BENCHDB" --db "$C" check --commit def5 --format json
check_out "  a prefix still names it" '"current": "r2"'
run "$BENCHDB" --db "$C" -c "compare commit \"abc1234ffffeeee\" with commit \"$FULL\" as csv"
check_rc "queries: commit FULL is a run reference too" 0
run "$BENCHDB" --db "$C" -c "annotate commit \"$FULL\" as intended \"new allocator\" as csv"
check_out "annotate commit FULL annotates the stored commit" 'def5678,intended,new allocator'
run "$BENCHDB" --db "$C" export --format json r2
check_out "  the run of def5678 carries it" '"annotation": {"kind": "intended", "commit": "def5678"' 
# Not a hash: a text that starts the one given is another commit.
"$BENCHDB" --db "$C" ingest --id r9 --commit v1.2 --timestamp 2025-12-01T00:00:00Z \
	"$ROOT/examples/history/gbench-v1.json" >/dev/null
run "$BENCHDB" --db "$C" check --commit v1.2.3
check_rc "check --commit v1.2.3 with v1.2 stored: no run (exit 3)" 3
# What is missing names what the store has.
run "$BENCHDB" --db "$C" check --commit abd0
check_err "  a commit no run has: the nearest stored ones are named" \
	"benchdb: error: check: no run with commit 'abd0' (the nearest stored commits: abc1234)"
run "$BENCHDB" --db "$C" check --commit 999
check_err "  none near: the newest run's" \
	"no run with commit '999' (none is near; the newest run's commit: def5678)"
"$BENCHDB" --db "$C" ingest --id r3 --commit abc9999 --timestamp 2026-01-03T00:00:00Z \
	"$ROOT/examples/history/gbench-v3.json" >/dev/null
run "$BENCHDB" --db "$C" check --commit abc
check_rc "check --commit of an ambiguous prefix: exit 2" 2
check_err "  the commits it starts are named" \
	"benchdb: error: check: commit prefix 'abc' is ambiguous: it starts several commits (abc1234, abc9999); give more of it"
run "$BENCHDB" --db "$C" -c "show runs where commit = \"$FULL\""
check_err "a filter compares whole: it says the short hash that matches" \
	"no run has commit = \"$FULL\"; runs have def5678, a short hash of it (a commit is compared whole: commit = \"def5678\" matches them)"

# --- a store an older benchdb wrote, with runs named "." and ".." ---
# Such ids are refused on ingest now (URLs drop them), but older versions
# stored them (build/tools/store_legacy_id makes such a store). The store
# must stay readable, and the run must be able to leave it or take another
# id: there was no way to remove a run at all.
L=$WORK/legacy
LEGACY=$ROOT/${BENCHDB_BUILD:-build}/tools/store_legacy_id
"$BENCHDB" --db "$L" ingest --id ok --commit c1 --timestamp 2026-01-01T00:00:00Z \
	"$ROOT/examples/history/gbench-v1.json" >/dev/null
run "$LEGACY" "$L" . "$ROOT/examples/history/gbench-v2.json"
check_rc "legacy: a run named . is stored by the test tool" 0
"$LEGACY" "$L" .. "$ROOT/examples/history/gbench-v3.json"
run "$BENCHDB" --db "$L" -c 'show runs as csv'
check "legacy: show runs lists the three" test "$(grep -cE '^(\.|\.\.|ok),' "$OUT")" -eq 3
run "$BENCHDB" --db "$L" verify
check_out "legacy: verify passes" "ok: 3 runs, 15 series, 45 observations verified"
run "$BENCHDB" --db "$L" export .
check_out "legacy: export . writes the run" '"id": "."'
cp "$OUT" "$WORK/dot.json"
run "$BENCHDB" --db "$L" -c 'compare run "." with run ".." as csv'
check_rc "legacy: both are run references" 0
run "$BENCHDB" --db "$L" report -o "$WORK/legacy.html"
check_rc "legacy: report" 0
run "$BENCHDB" --db "$L" backup "$WORK/legacy-copy"
check_rc "legacy: backup" 0
"$BENCHDB" --db "$L" baseline set main .. >/dev/null
# Another id: export, ingest under it, drop the old one.
run "$BENCHDB" --db "$L" ingest --id dot "$WORK/dot.json"
check_out "legacy: the exported run ingests under another id" "Ingested run dot (5 points, 15 metrics)"
run "$BENCHDB" --db "$L" drop-run . .. .
check_rc "legacy: drop-run . .. exits 0" 0
check_out_exact "  it says what it dropped, the baseline on .. too" \
	"$(printf '%s\n' 'Dropped run . (5 points, 15 metrics)' \
		'Dropped run .. (5 points, 15 metrics); dropped with it, the baseline(s) on it: main')"
run "$BENCHDB" --db "$L" -c 'show runs as csv'
check "  two runs are left, dot and ok" test "$(tail -n +2 "$OUT" | tr -d '\r' | cut -d, -f1 | sort | tr '\n' ' ')" = "dot ok "
run "$BENCHDB" --db "$L" verify
check_out "  and the store verifies" "ok: 2 runs, 15 series, 30 observations verified"
run "$BENCHDB" --db "$L" drop-run ok nope
check_rc "drop-run of an id no run has: exit 3" 3
check_err "  named, and nothing dropped" "drop-run: no run with id 'nope' (an exact id: 'benchdb show runs' lists them); nothing was dropped"
run "$BENCHDB" --db "$L" -c 'show runs as csv'
check "  ok is still there" test "$(grep -c '^ok,' "$OUT")" -eq 1

# --- asv: a result file whose result_columns lack "result" ---
# Every row then has no result, and each was counted as a failed benchmark
# ("left out 1 result(s) without a value (null) ... failed (null result)"),
# exit 0: a damaged file read as a build that failed.
mkdir -p "$A/nores/m1"
cp "$A/res/benchmarks.json" "$A/nores/"
cp "$A/res/m1/machine.json" "$A/nores/m1/"
cat >"$A/nores/m1/bbbb2222-py.json" <<'JSON'
{"commit_hash": "bbbb2222", "env_name": "py", "date": 1700000100000, "version": 2,
 "result_columns": ["params", "version"],
 "results": {"bench.time_x": [[], "v1"]}}
JSON
run "$BENCHDB" --db "$A/nores-db" import-asv "$A/nores"
check_rc "asv: result_columns without \"result\": exit 3" 3
check_err "  at result_columns" \
	"$A/nores/m1/bbbb2222-py.json:2:20: \"result_columns\" has no \"result\" column: the rows hold no results (asv writes \"result\" first)"

# --- Otava CSV cells as Otava (Python's float()) reads them ---
# " 5 " (blanks after the commas of a hand-written CSV) was refused with
# "expected a number ... (a column of text is an attribute, --attributes
# commit,m1)", which Otava reads as 5; 1e400 got the same attribute hint.
O=$WORK/otava
mkdir -p "$O"
printf 'time,commit,m1\n2026-01-01,aaa0, 5 \n' >"$O/blanks.csv"
run "$BENCHDB" --db "$O/db" import-otava "$O/blanks.csv"
check_rc "otava: a number with blanks around it imports" 0
run "$BENCHDB" --db "$O/db" export --format csv
check_out "  as 5" ',blanks,,,m1,5,,,,higher,0'
printf 'time,commit,m1\n2026-01-01,aaa0,1e400\n' >"$O/huge.csv"
run "$BENCHDB" --db "$O/db2" import-otava "$O/huge.csv"
check_err "otava: a number beyond a double says so" \
	'huge.csv:2:17: Otava CSV: expected a number for metric "m1", got "1e400": it is beyond a double'
printf 'time,commit,m1\n2026-01-01,aaa0,1\n2026-01-02,aaa1,nan\n' >"$O/nan.csv"
run "$BENCHDB" --db "$O/db3" import-otava "$O/nan.csv"
check_rc "otava: nan exits 3" 3
check_err "  with what to write instead" \
	'nan.csv:3:17: Otava CSV: expected a number for metric "m1", got "nan": a value that is not finite is not measured: leave the cell empty'

# --- asv results given to ingest ---
# 'benchdb ingest .asv/results' (ingest reads pytest's .benchmarks and hands
# a data.js to import-gab) said for each of kedro's 102 files 'unrecognised
# input format (a JSON object of an unknown shape); tried benchkit, ...'
# and a result file with asv's NaN 'NaN is not a JSON number (Python's
# json.dump writes it ...): leave out each value that is not finite', with
# no word of import-asv. Each now says what it is and the command.
K=$ROOT/tests/realdata/asv/kedro-org__kedro-benchmark-results/.asv/results
run "$BENCHDB" --db "$WORK/asv-ingest" ingest "$K"
check_rc "asv: ingest of a results directory: exit 3" 3
check_err "  it says to import it with import-asv" \
	"benchdb: error: $K: is an asv (airspeed velocity) results directory, not a directory of runs: import it with benchdb import-asv $K"
check "  once, not once per file" test "$(grep -c 'error' "$ERR")" -eq 1
check "  nothing stored" test ! -e "$WORK/asv-ingest"
run "$BENCHDB" --db "$WORK/asv-ingest" ingest "$K/github-actions"
check_err "asv: a machine's directory alike" \
	"benchdb: error: $K/github-actions: is an asv (airspeed velocity) results directory of one machine, not a directory of runs: import it with benchdb import-asv $K/github-actions"
F="$K/github-actions/7cda54fd-virtualenv-py3.11-kedro-datasets[pandas].json"
run "$BENCHDB" --db "$WORK/asv-ingest" ingest "$F"
check_rc "asv: ingest of one result file: exit 3" 3
check_err "  it names the results directory" \
	"benchdb: error: $F:1:1: is an asv (airspeed velocity) result file, not a run: its units and parameter names are in benchmarks.json; import the results directory with benchdb import-asv $K"
M=$ROOT/tests/realdata/asv/mariantaragel__asv-format-bench.excerpt/.asv/results
F="$M/trafficgpu1/fd1b2d32-env-1f92a6b7d13e771a10b03cfa987759f7.json"
run "$BENCHDB" --db "$WORK/asv-ingest" ingest "$F"
check_err "asv: a result file with asv's -Infinity says the same, not how to write JSON" \
	"benchdb: error: $F:1:1: is an asv (airspeed velocity) result file, not a run: its units and parameter names are in benchmarks.json; import the results directory with benchdb import-asv $M"
run "$BENCHDB" --db "$WORK/asv-ingest" ingest "$M/benchmarks.json"
check_err "asv: its benchmarks.json" \
	"benchdb: error: $M/benchmarks.json:1:1: is asv's (airspeed velocity) benchmarks.json, not a run: import the results directory with benchdb import-asv $M"
STDIN=$F run "$BENCHDB" --db "$WORK/asv-ingest" ingest -
check_err "asv: piped, the directory is the user's" \
	"benchdb: error: <stdin>:1:1: is an asv (airspeed velocity) result file, not a run: its units and parameter names are in benchmarks.json; import the results directory with benchdb import-asv RESULTS_DIR"
check "  nothing stored" test ! -e "$WORK/asv-ingest"

finish
