#!/usr/bin/env bash
# tests/cli/test_retain_rolled_ids.sh - a run id that `retain` rolled up
# (docs/cli.md, "Retention: retain"): a query or a command naming it says
# which rollup holds it (its id in the rollup's rollup.run_ids), instead of
# offering another run as the one meant; exit 3 as for any run not stored.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
DB=$WORK/db
ingest_january "$DB" # r1..r18 over January 2025 (lib.sh)
"$BENCHDB" --db "$DB" retain --set 'rollup week after 10d; rollup month after 40d' >/dev/null
"$BENCHDB" --db "$DB" retain --now 2025-02-10 >"$WORK/plan1"
grep -q '^roll up run r2 .* into rollup:week:2025-01-06:main$' "$WORK/plan1" ||
	{ echo "unexpected plan:"; cat "$WORK/plan1"; }

run "$BENCHDB" --db "$DB" -c 'compare run "r2" with latest'
check_rc "a query naming a rolled-up run: exit 3" 3
check_err "  says which rollup holds it" \
	'no run with id "r2": retain rolled it up into run "rollup:week:2025-01-06:main"'
run "$BENCHDB" --db "$DB" export r2
check_rc "export of a rolled-up run: exit 3" 3
check_err "  says which rollup holds it" \
	"no run 'r2': retain rolled it up into 'rollup:week:2025-01-06:main'"
cp -r "$DB" "$WORK/before-drop"
run "$BENCHDB" --db "$DB" drop-run r2
check_rc "drop-run of a rolled-up run: exit 3" 3
check_err "  says which rollup holds it, nothing dropped" \
	"drop-run: no run with id 'r2': retain rolled it up into 'rollup:week:2025-01-06:main'; nothing was dropped"
check "  the store as before" cmp -s "$WORK/before-drop/data.mdb" "$DB/data.mdb"
# The server: a run's page (a link kept from before the retain) alike.
start_server "$WORK/server.log" --db "$DB" --read-only
http "$URL/api/runs/r2"
check_status "GET /api/runs/r2 of a rolled-up run: 404" 404
check_out "  says which rollup holds it" \
	'"error": "no run \"r2\": retain rolled it up into \"rollup:week:2025-01-06:main\""'
stop_server "$PID"
run "$BENCHDB" --db "$DB" -c 'compare run "r99" with latest'
check_err "an id never stored is still only not found" 'no run with id "r99"'
check "  without a rollup named" test -z "$(grep 'rolled it up' "$ERR")"

# A quoted date as a run: the last runs at or before 2025-01-10 are the
# week rollups of main and of feature, both of 2025-01-06T00:00:00Z. It
# took the one stored last, whatever the branch; now it names both (exit 2,
# as an ambiguous commit prefix), and a date whose runs share a branch is
# resolved as before.
run "$BENCHDB" --db "$DB" -c 'compare "2025-01-10" with latest'
check_rc "a date whose last runs are of several branches: exit 2" 2
check_err "  names them" \
	'"2025-01-10" is ambiguous: the last runs at or before it, of 2025-01-06T00:00:00Z, are of several branches (rollup:week:2025-01-06:feature on feature, rollup:week:2025-01-06:main on main); name one with run "ID"'
run "$BENCHDB" --db "$DB" export 2025-01-10
check_rc "  export of such a date: exit 2" 2
check_err "  names them" "run '2025-01-10' is ambiguous: the last runs at or before it, of 2025-01-06T00:00:00Z"
run "$BENCHDB" --db "$DB" export --format json 2025-01-27T12:00:00Z
check_out "a date whose last run is alone is that run (r17)" '"id": "r17"'

# Folded into its month, the week's runs and the week rollup itself are
# the month's.
"$BENCHDB" --db "$DB" retain --now 2025-03-20 >/dev/null
run "$BENCHDB" --db "$DB" export r2
check_err "a run of a folded week names the month" \
	"no run 'r2': retain rolled it up into 'rollup:month:2025-01:main'"
run "$BENCHDB" --db "$DB" -c 'trend cpu_time vs run "rollup:week:2025-01-06:main"'
check_err "a folded week rollup names its month" \
	'no run with id "rollup:week:2025-01-06:main": retain rolled it up into run "rollup:month:2025-01:main"'
finish
