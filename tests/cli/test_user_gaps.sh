#!/usr/bin/env bash
# tests/cli/test_user_gaps.sh - gaps a user coming from sqlite3, git and
# hyperfine met: relative times in the retention policy's units (1y),
# check's text naming the run it judged against, the REPL's .timer words,
# .open's hint, the history file's directory, Tab with --server, and --db
# with --server.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# --- relative times: the units of the retention policy ---------------------
# A run 400 days old and one 300 days old: `since 1y` (365 days) keeps the
# second only, `since 2Y` both.
old=$(date -u -d '400 days ago' +%Y-%m-%dT%H:%M:%SZ)
recent=$(date -u -d '300 days ago' +%Y-%m-%dT%H:%M:%SZ)
"$BENCHDB" --db "$DB" ingest --id old --timestamp "$old" "$FIXTURES/hyperfine.json" >/dev/null
"$BENCHDB" --db "$DB" ingest --id recent --timestamp "$recent" "$FIXTURES/hyperfine.json" >/dev/null
run "$BENCHDB" --db "$DB" -c "trend time of 'sleep 0.01' since 1y as csv"
check_rc "since 1y parses (it was 'expected a time', exit 2)" 0
check "  and counts back 365 days: the 300-day-old run only" \
	test "$(cut -d, -f3 "$OUT" | tail -n +2 | tr -d '\r' | tr '\n' ' ')" = "recent "
run "$BENCHDB" --db "$DB" -c "trend time of 'sleep 0.01' since 2Y until 0D as csv"
check "since 2Y until 0D (any case) has both runs" \
	test "$(cut -d, -f3 "$OUT" | tail -n +2 | tr -d '\r' | tr '\n' ' ')" = "old recent "
run "$BENCHDB" --db "$DB" -c "trend time since 100000y"
check_rc "since 100000y is an error (exit 2)" 2
check_err "  saying the longest" 'a relative time counts back at most 1000000 weeks (7000000d, 19178y): "100000y" is longer'
run "$BENCHDB" --db "$DB" -c "trend time since 30m"
check_err "since 30m (minutes or months?) lists the units" 'or back from now: 6h, 30d, 12w, 1y), found "30m"'
# The policy takes the query's units in whole days, and y is 365 days
# across a leap day too: from 2028-03-01, 1y back is 2027-03-02 (2028 has
# a 29 February), so a run of 2027-03-01 is older than 1y and goes.
P=$WORK/policy
"$BENCHDB" --db "$P" ingest --id a --branch topic --timestamp 2027-03-01T12:00:00Z "$FIXTURES/hyperfine.json" >/dev/null
"$BENCHDB" --db "$P" ingest --id b --branch topic --timestamp 2027-03-02T12:00:00Z "$FIXTURES/hyperfine.json" >/dev/null
run "$BENCHDB" --db "$P" retain --set 'keep other 1y; drop samples after 2w'
check_rc "retain --set takes 2w (it was refused)" 0
run "$BENCHDB" --db "$P" -c 'show retention as csv'
check_out "  stored as whole days" "keep other 365d"
check_out "  2w as 14 days" "drop samples after 14d"
run "$BENCHDB" --db "$P" retain --dry-run --now 2028-03-01T00:00:00Z
check_out "1y before 2028-03-01 is 2027-03-02: the run of 03-01 goes" 'drop run a (branch "topic"'
check "  and the run of 03-02 stays" sh -c "! grep -q 'drop run b ' '$OUT'"
run "$BENCHDB" --db "$P" retain --set 'keep other 36h'
check_rc "a policy age that is not whole days is exit 2" 2
check_err "  saying so" '"36h" is not whole days'

# --- check's text names the runs it judged -----------------------------------
C=$WORK/check
"$BENCHDB" --db "$C" ingest --id base --commit 1111111111aa --branch main "$FIXTURES/hyperfine.json" >/dev/null
"$BENCHDB" --db "$C" baseline set main base >/dev/null
"$BENCHDB" --db "$C" ingest --id new --commit 2222222222bb --branch feat "$FIXTURES/hyperfine.json" >/dev/null
run "$BENCHDB" --db "$C" check
check_rc "check passes" 0
check_out_exact "the text names the run and its base, as the markdown does" \
	"Run new (commit 2222222222, branch feat) against base (commit 1111111111, branch main).
PASS: No regressions detected (threshold=5%)"
run "$BENCHDB" --db "$C" check --format json
check_out "the JSON gives the same commits and branches" \
	'"base": "base", "current": "new", "base_commit": "1111111111aa", "base_branch": "main", "current_commit": "2222222222bb", "current_branch": "feat",'
# A run without commit or branch is named alone; its JSON fields are null.
"$BENCHDB" --db "$C" ingest --id bare --timestamp 2099-01-01T00:00:00Z "$FIXTURES/hyperfine.json" >/dev/null
run "$BENCHDB" --db "$C" check --run bare
check "a run without commit or branch is named by its id" \
	test "$(head -1 "$OUT")" = "Run bare against base (commit 1111111111, branch main)."
run "$BENCHDB" --db "$C" check --run bare --json
check_out "  and its JSON fields are null" '"current_commit": null, "current_branch": null'
# benchkit's form prints benchkit's text, unchanged.
run "$BENCHDB" check --data "$C" --run new
check_out_exact "benchkit's form (--data) prints benchkit's text, unchanged" \
	"PASS: No regressions detected (threshold=5%)"

# --- the REPL's dot-commands, read from standard input as in the REPL ----------
printf '.timer ON\nshow baselines as csv\n.timer 1\n.timer yes\n.timer Off\n.timer NO\n.timer 0\nshow baselines as csv\n' \
	>"$WORK/timer.bq"
STDIN=$WORK/timer.bq run "$BENCHDB" --db "$C"
check_rc ".timer ON, 1, yes, Off, NO, 0 are taken as sqlite3 takes them" 0
check "  and only the first statement was timed" test "$(grep -c '^Run Time: ' "$ERR")" -eq 1
printf '.timer maybe\n' >"$WORK/timer-bad.bq"
STDIN=$WORK/timer-bad.bq run "$BENCHDB" --db "$C"
check_rc ".timer maybe is exit 2" 2
check_err "  naming the words" ".timer: expected on or off (or 1/0, yes/no), got 'maybe'"
printf '.open %s\n' "$WORK/no/such/dir" >"$WORK/open.bq"
STDIN=$WORK/open.bq run "$BENCHDB" --db "$C"
check_rc ".open of no store is exit 3" 3
check_err ".open's hint names .open, not the command line's --db" \
	"no store at $WORK/no/such/dir (ingest results first, or .open DIR of another store)"
check "  and not --db" sh -c "! grep -q -- '--db DIR' '$ERR'"

# --- --db with --server ------------------------------------------------------
run "$BENCHDB" --db "$C" --server http://127.0.0.1:9 -c 'show runs'
check_rc "--db with --server is exit 2 (--db was ignored in silence)" 2
check_err "  saying why" "--server runs the statements on the server's store: give no --db or --data"
run "$BENCHDB" --server http://127.0.0.1:9 --db "$C" trend time
check_rc "  in either order, for a statement subcommand too" 2
run "$BENCHDB" --server http://127.0.0.1:9 query --db "$C" 'show runs'
check_rc "  and query's own --db" 2
check_err "  saying so" "--server runs the statements on the server's store: give no --db or --data"
run "$BENCHDB" --db "$C" --server http://127.0.0.1:9 check
check_rc "check says it itself, as before" 2
check_err "  in its own words" "--server judges the server's store: give no --db or --data"

# A dot-command's argument in single quotes, as sqlite3 takes it: `.open
# 'my store'` was ".open: expected a store directory" (two words 'my and
# store'); `.once 'out file.csv'` the same.
cp -r "$C" "$WORK/my store"
printf ".open '%s'\n.stats\n.once '%s'\nshow baselines as csv\n" "$WORK/my store" "$WORK/out file.csv" \
	>"$WORK/quotes.bq"
STDIN=$WORK/quotes.bq run "$BENCHDB" --db "$C"
check_rc "single-quoted dot-command arguments are one word" 0
check_out "  .open 'my store' opened it" "store: $WORK/my store"
check "  .once 'out file.csv' wrote that file" grep -q '^main,base,' "$WORK/out file.csv"

finish
