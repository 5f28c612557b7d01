#!/usr/bin/env bash
# tests/cli/test_option_text.sh - names and ids given on the command line
# (ingest --id, --commit, --branch, --tag; baseline set/drop NAME; check
# --baseline) must be one line of UTF-8 text: invalid UTF-8 or a control
# character is a usage error (exit 2) naming the option, what is wrong and
# at which byte, and the store is not touched.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
F=$ROOT/examples/history/gbench-v1.json

# bad_ingest NAME EXPECTED-MESSAGE ARGS...: ingest with ARGS is refused
# before the store is created.
bad_ingest() {
	local name=$1 message=$2
	shift 2
	run "$BENCHDB" --db "$WORK/fresh" ingest "$@" "$F"
	check_rc "$name exits 2" 2
	check_out_exact "$name prints nothing" ""
	check_err "$name says what and where" "benchdb: error: ingest: $message"
	check "$name creates no store" test ! -e "$WORK/fresh"
}

# --id with a newline split the "Ingested run" line in two.
bad_ingest "--id with a newline" "--id: contains a control character (U+000A) at byte 2" \
	--id $'a\nb'
bad_ingest "--commit with DEL" "--commit: contains a control character (U+007F) at byte 4" \
	--commit $'abc\x7f'
bad_ingest "--branch with invalid UTF-8" "--branch: invalid UTF-8 at byte 6" \
	--branch=$'main-\xff'
bad_ingest "--id with a C1 control" "--id: contains a control character (U+0085) at byte 2" \
	--id=$'r\xc2\x85'
bad_ingest "--tag value with a tab" "--tag: contains a control character (U+0009) at byte 7" \
	--tag $'host=a\tb'
bad_ingest "--tag key with invalid UTF-8" "--tag: invalid UTF-8 at byte 1" --tag $'\xc3=v'

# Good text, accents and all, is stored and read back.
run "$BENCHDB" ingest --id "café-1" --commit "c1" --branch "feature/naïve" --tag "host=büro" "$F"
check_rc "UTF-8 names are accepted" 0
check_out_exact "the Ingested line is one line" "Ingested run café-1 (5 points, 15 metrics)"
run "$BENCHDB" export café-1
check_out "the branch reads back" '"branch": "feature/naïve"'

# Baseline names.
run "$BENCHDB" baseline set $'ma\nin'
check_rc "baseline set with a newline exits 2" 2
check_err "baseline set says where" \
	"benchdb: error: baseline: NAME: contains a control character (U+000A) at byte 3"
run "$BENCHDB" baseline drop $'\xe2\x82'
check_rc "baseline drop with cut UTF-8 exits 2" 2
check_err "baseline drop says where" "benchdb: error: baseline: NAME: invalid UTF-8 at byte 1"
run "$BENCHDB" baseline list
check_out_exact "no baseline was written" ""
run "$BENCHDB" check --baseline $'x\x1b[31m'
check_rc "check --baseline with ESC exits 2" 2
check_err "check says where" \
	"benchdb: error: check: --baseline: contains a control character (U+001B) at byte 2"
run "$BENCHDB" baseline set "prod-é"
check_rc "a UTF-8 baseline name is accepted" 0
check_out_exact "and reported on one line" "Baseline prod-é set to run café-1"

finish
