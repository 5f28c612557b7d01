#!/bin/bash
# test_ci_machine_output.sh - benchdb as a CI script drives it: --format csv,
# --json, -c, pipes and environment variables, its output parsed by a
# machine (atk57).
. "$(dirname "$0")/lib.sh"

DB=$WORK/db
ingest_history "$DB"

# --- Notes: what a table says above its rows, a script must see too --------
# A `since` in the future gives no rows and a note in the table format;
# `--format csv` and `--json` dropped it (not even on stderr), so a script
# could not tell an empty answer from a wrong window.
run "$BENCHDB" --db "$DB" --format csv -c 'trend cpu_time since 2099-01-01'
check_rc "csv: a note: exit 0" 0
check_out_exact "csv: a note: stdout is the CSV header alone" \
	"$(printf 'point,tags,run,timestamp,commit,value,lower,upper,unit\r')"
check_err "csv: a note: on stderr, prefixed" \
	"benchdb: note: since 2099-01-01T00:00:00Z is in the future (now is "
check "csv: a note: one line on stderr" [ "$(wc -l <"$ERR")" = 1 ]
run "$BENCHDB" --db "$DB" -c 'trend cpu_time since 2099-01-01 as csv'
check_err "csv: a note: 'as csv' in the statement says it on stderr too" \
	"benchdb: note: since 2099-01-01T00:00:00Z is in the future"
run "$BENCHDB" --db "$DB" --json -c 'trend cpu_time since 2099-01-01'
check_rc "json: a note: exit 0" 0
check "json: a note: stderr is empty" [ ! -s "$ERR" ]
check "json: a note: in the \"notes\" array, the other fields as before" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["statement", "metric", "series", "columns", "rows", "notes"], list(d)
assert d["rows"] == [] and len(d["notes"]) == 1, d
assert d["notes"][0].startswith("since 2099-01-01T00:00:00Z is in the future (now is "), d
' "$OUT"
run "$BENCHDB" --db "$DB" chart 'trend cpu_time since 2099-01-01' -o "$WORK/future.svg"
check_rc "chart: a note: exit 0" 0
check_err "chart: a note: on stderr (the SVG has no place for it)" \
	"benchdb: note: since 2099-01-01T00:00:00Z is in the future"
# A statement without notes has no "notes" field: its JSON is as before.
run "$BENCHDB" --db "$DB" --json -c 'trend cpu_time of BM_sort/1024 last 1'
check "json: no note: no \"notes\" field" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert "notes" not in d, d
' "$OUT"
run "$BENCHDB" --db "$DB" --format csv -c 'trend cpu_time of BM_sort/1024 last 1'
check "csv: no note: stderr is empty" [ ! -s "$ERR" ]
# The table format keeps its note on stdout, above the table, and not twice.
run "$BENCHDB" --db "$DB" -c 'trend cpu_time since 2099-01-01'
check_out "table: the note stays above the table" "since 2099-01-01T00:00:00Z is in the future"
check "table: nothing on stderr" [ ! -s "$ERR" ]

# --- An empty BENCHDB_DIR is an error, as git's empty GIT_DIR -------------
# `BENCHDB_DIR= benchdb ...` (a CI variable that was not set, exported
# empty) took the default ./benchmark-data in silence: a job read or wrote
# another store than the one it meant.
mkdir -p "$WORK/cwd"
ingest_history "$WORK/cwd/benchmark-data"
cd "$WORK/cwd" || exit 1
BENCHDB_DIR='' run "$BENCHDB" -c 'show runs as csv'
check_rc "empty BENCHDB_DIR: a query is exit 2" 2
check "empty BENCHDB_DIR: a query prints nothing" [ ! -s "$OUT" ]
check_err "empty BENCHDB_DIR: says so" \
	"benchdb: error: \$BENCHDB_DIR is set but empty (unset it for ./benchmark-data, or give --db DIR)"
BENCHDB_DIR='' run "$BENCHDB" ingest --id e1 "$ROOT/examples/history/gbench-v1.json"
check_rc "empty BENCHDB_DIR: ingest is exit 2" 2
check_err "empty BENCHDB_DIR: ingest says so" "\$BENCHDB_DIR is set but empty"
run "$BENCHDB" --db "$WORK/cwd/benchmark-data" -c 'show runs as csv'
check "empty BENCHDB_DIR: ingest stored nothing in ./benchmark-data" \
	bash -c "! grep -q '^e1,' '$OUT'"
BENCHDB_DIR='' run "$BENCHDB" check
check_rc "empty BENCHDB_DIR: check is exit 2" 2
check_err "empty BENCHDB_DIR: check says so" "\$BENCHDB_DIR is set but empty"
BENCHDB_DIR='' run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check_rc "empty BENCHDB_DIR: --db DIR wins, exit 0" 0
check_out "empty BENCHDB_DIR: --db DIR wins, its runs" "v5,"
BENCHDB_DIR='' run "$BENCHDB" --help
check_rc "empty BENCHDB_DIR: --help needs no store, exit 0" 0
check_out "--help says what an empty BENCHDB_DIR does" "an empty one is an error"
# An empty --db has its own message; check said 'no store at  (...)'.
run "$BENCHDB" --db '' check
check_rc "--db '': check is exit 2" 2
check_err "--db '': check says the path is empty" "benchdb: error: --db: the store's path is empty"
cd "$WORK" || exit 1

# --- A baseline name is one line of text -----------------------------------
# `set baseline "a<TAB>b" = latest` was taken, and benchkit's listing
# (`benchdb baseline`: NAME<TAB>RUN a line) printed "a<TAB>b<TAB>v5", which a
# script reads as baseline "a" of run "b"; a line break in a name wrote a
# line of its own into the CI log (a workflow command: "::error::...").
cp -r "$DB" "$WORK/names"
run "$BENCHDB" --db "$WORK/names" -c "$(printf 'set baseline "a\tb" = latest')"
check_rc "a tab in a baseline name: exit 2" 2
check_err "... says why, at the name" "a baseline name is one line of text: it contains a control character (U+0009) at byte 2"
check_err "... with the caret under it" "               ^^^^^"
run "$BENCHDB" --db "$WORK/names" baseline set "$(printf 'x\n::error::forged')" v1
check_rc "a line break in 'baseline set NAME': exit 2" 2
check_err "... says why" "baseline: NAME: contains a control character (U+000A) at byte 2"
run "$BENCHDB" --db "$WORK/names" baseline
check_rc "... the store has no such baseline: listing exit 0" 0
check_out_exact "... and lists none" ""
run "$BENCHDB" --db "$WORK/names" -c 'set baseline "release 1.2 (ü)" = latest as csv'
check_rc "a blank and a non-ASCII letter are fine: exit 0" 0
check_out "... set" "release 1.2 (ü),v5,"

# A results file may name its run, commit, scenario and framework with a
# line break: ingest says 'Ingested run r?::error::forged', but benchkit's
# text forms printed them raw, and the CI log read '::error::forged' (a
# workflow command) on a line of its own.
python3 - "$WORK/forged.json" <<'PY'
import json, sys
run = {"id": "r\n::error::forged-id", "timestamp": "2026-01-01T00:00:00Z",
       "commit": "c\n::error::forged-commit", "branch": "b\n::error::forged-branch",
       "metric_defs": {"t": {"unit": "ns", "direction": "lower"}},
       "points": [{"name": "p", "scenario": "s\n::error::forged-scenario",
                   "tags": {"framework": "fw\n::error::forged-fw"},
                   "metrics": {"t": {"value": 1}}}]}
json.dump(run, open(sys.argv[1], "w"))
PY
"$BENCHDB" --db "$WORK/forged" ingest "$WORK/forged.json" >/dev/null 2>&1
run "$BENCHDB" --db "$WORK/forged" baseline set main latest
check_rc "a run id with a line break: baseline set, exit 0" 0
check_out_exact "... 'Baseline set to run' on one line, the break as '?'" \
	"Baseline set to run r?::error::forged-id"
run "$BENCHDB" --db "$WORK/forged" baseline
check_out_exact "... the listing: one line, NAME<TAB>RUN" "$(printf 'main\tr?::error::forged-id')"
run "$BENCHDB" --db "$WORK/forged" summary
check_rc "... summary: exit 0" 0
check "... summary: no line of a stored name begins a line" bash -c "! grep -q '^::' '$OUT'"
check_out "... summary: the run" "Run: r?::error::forged-id"
check_out "... summary: the commit" "Commit: c?::error::forged-commit"
check_out "... summary: the branch" "Branch: b?::error::forged-branch"
check_out "... summary: the scenario" "  s?::error::forged-scenario:"
check_out "... summary: the framework" "    fw?::error::forged-fw: t=1.00"
run "$BENCHDB" --db "$WORK/forged" trend --metric t --point p
check_rc "... benchkit's trend: exit 0" 0
check_out "... benchkit's trend: the commit on its run's line" "  [c?::error::forged-commit]"
check "... benchkit's trend: no line of a stored name begins a line" bash -c "! grep -q '^::' '$OUT'"

finish
