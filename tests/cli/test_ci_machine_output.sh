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

finish
