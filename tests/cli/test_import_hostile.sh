#!/usr/bin/env bash
# tests/cli/test_import_hostile.sh - import-gab, import-asv and
# import-benchkit as a migrating user meets them: real histories
# (tests/realdata) rewritten the way tools rewrite JSON, imported again,
# into stores that already hold runs.
. "$(dirname "$0")/lib.sh"
REAL=$ROOT/tests/realdata
GAB=$REAL/gab

# runs DB: the number of runs in store DB.
runs() { "$BENCHDB" --db "$1" -c 'show runs as csv' | tail -n +2 | grep -c '^'; }

# --- a data.js whose keys are sorted (jq -S, json.dump(sort_keys=True)) ---
# The JSON form of jox's history with its keys sorted puts "entries" first
# and "lastUpdate"/"repoUrl" after 400 KB of entries: import-gab refused it
# ("is not a github-action-benchmark history: expected ... "entries" with
# "lastUpdate" or "repoUrl" in its first 4 KiB)", and ingest did not know it.
python3 - "$GAB/softwaremill__jox.data.js" "$WORK/jox-sorted.json" "$WORK/jox-sorted.data.js" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
doc = json.loads(text[text.index("=") + 1:])
json.dump(doc, open(sys.argv[2], "w"), sort_keys=True)
with open(sys.argv[3], "w") as f:
    f.write("window.BENCHMARK_DATA = " + json.dumps(doc, indent=2, sort_keys=True) + "\n")
EOF
run "$BENCHDB" --db "$WORK/sorted" import-gab "$WORK/jox-sorted.json"
check_rc "sorted keys: import-gab of the JSON imports it" 0
check_out "  all 47 entries" "Imported 47 run(s) from 47 entries"
run "$BENCHDB" --db "$WORK/sorted" import-gab "$GAB/softwaremill__jox.data.js"
check_out "  the action's own file is the same 47 runs" \
	"Imported 0 run(s) from 47 entries of $GAB/softwaremill__jox.data.js (47 unchanged"
run "$BENCHDB" --db "$WORK/sorted" import-gab "$WORK/jox-sorted.data.js"
check_out "  and so is the sorted data.js (jq -S's layout)" "(47 unchanged"
run "$BENCHDB" --db "$WORK/sorted-ingest" ingest "$WORK/jox-sorted.json"
check_rc "sorted keys: ingest knows the JSON for a history" 0
check_out "  and imports it" "Imported 47 run(s) from 47 entries"

finish
