#!/usr/bin/env bash
# tests/cli/test_store_open_errors.sh - a store that is there but cannot be
# opened is said as such, by every command and by the CI gate:
# - a store directory this user may not search (mode 700, another user's):
#   a query and `check` said "no store at DIR" (a CI job under another uid
#   took its history for gone); now "cannot open the store: Permission denied
#   (the directory cannot be searched by this user: ...)", exit 3;
# - `check` said only the error's name ("check: cannot open store DIR:
#   unsupported store format version", "...: the store is damaged" for a
#   --db that is a file); it now gives the store's sentence, as every other
#   command does ("store format version 7, this benchdb reads versions up to
#   6: a newer benchdb wrote the store; use that one ...", "not a benchdb
#   store (not a directory)").
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
TOOLS=$ROOT/${BENCHDB_BUILD:-build}/tools
"$BENCHDB" --db "$DB" ingest --id r1 --branch main "$FIXTURES/gbench_plain.json" >/dev/null
"$BENCHDB" --db "$DB" baseline set main r1 >/dev/null

# As another user (lib.sh's AS_USER: nobody, when this runs as root).
if [ "${#AS_USER[@]}" -eq 0 ] || [ "${AS_USER[0]}" = none ]; then
	echo "(not root, or no setpriv: the unsearchable directory is not tested)"
else
	cp -r "$DB" "$WORK/private"
	chmod 700 "$WORK/private"
	chmod 755 "$WORK"
	run "${AS_USER[@]}" "$BENCHDB" --db "$WORK/private" -c 'show runs'
	check_rc "a query of a store in a directory it may not search exits 3" 3
	check_err "  saying so, not 'no store'" "$WORK/private: cannot open the store: Permission denied (the directory cannot be searched by this user"
	run "${AS_USER[@]}" "$BENCHDB" --db "$WORK/private" check --baseline main
	check_rc "check of it exits 3" 3
	check_err "  saying so" "check: $WORK/private: cannot open the store: Permission denied (the directory cannot be searched"
	run "${AS_USER[@]}" "$BENCHDB" --db "$WORK/private" ingest "$FIXTURES/gbench_reps.json"
	check_rc "ingest into it exits 3" 3
	check_err "  saying so" "cannot open the store: Permission denied (the directory cannot be searched"
fi

cp -r "$DB" "$WORK/newer"
"$TOOLS/store_meta" "$WORK/newer" format_version 7
run "$BENCHDB" --db "$WORK/newer" check --baseline main
check_rc "check of a store a newer benchdb wrote exits 3" 3
check_err "  saying what to do" "check: $WORK/newer: store format version 7, this benchdb reads versions up to 6: a newer benchdb wrote the store; use that one"
run "$BENCHDB" --db "$WORK/newer" -c 'show runs'
check_err "a query says the same" "$WORK/newer: store format version 7, this benchdb reads versions up to 6"

echo x >"$WORK/afile"
run "$BENCHDB" --db "$WORK/afile" check --baseline main
check_rc "check of a --db that is a file exits 3" 3
check_err "  saying it is not a directory" "check: $WORK/afile: not a benchdb store (not a directory)"

finish
