#!/usr/bin/env bash
# tests/cli/test_readonly_live.sh - a store read where lock.mdb cannot be
# written (a read-only mount of it, or another user's store) while another
# process has it open (docs/storage.md 2.11, docs/faults.md 6). Such a
# reader cannot register in lock.mdb's reader table, so a writer may reuse
# the pages it reads (seen before: SIGSEGV, LMDB assertions, "the store is
# damaged"): it is refused, exit 3, naming the process, and reads again
# once nobody has the store open. The read-only mount needs root, the
# other user setpriv (lib.sh's AS_USER); each part says so and skips.
. "$(dirname "$0")/lib.sh"

HOLD=$ROOT/${BENCHDB_BUILD:-build}/tools/store_hold
LIMIT=60
chmod 755 "$WORK"
DB=$WORK/db
"$BENCHDB" --db "$DB" ingest --id r1 --branch main "$FIXTURES/gbench_plain.json" >/dev/null
"$BENCHDB" --db "$DB" ingest --id r2 --branch main "$FIXTURES/gbench_reps.json" >/dev/null

# hold: store_hold write on $DB (as this user, through the writable path),
# its input from a FIFO kept open on fd 7; waits for its first line.
hold() {
	rm -f "$WORK/fifo" "$WORK/hold.out"
	mkfifo "$WORK/fifo"
	"$HOLD" write "$DB" <"$WORK/fifo" >"$WORK/hold.out" 2>&1 8>&- &
	HOLDER=$!
	exec 7>"$WORK/fifo"
	for _ in $(seq 600); do
		[ -s "$WORK/hold.out" ] && return 0
		sleep 0.1
	done
	return 1
}
release() {
	exec 7>&-
	wait "$HOLDER" 2>/dev/null
}
REFUSED="has it open and may write it, and this process cannot register as a reader"

# reads NAME DBPATH PREFIX...: with nobody else on the store, a query and
# verify answer; while hold runs, both exit 3 naming the holder; after,
# they answer again.
reads() {
	local name=$1 db=$2
	shift 2
	run timeout $LIMIT "$@" "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_rc "$name, nobody else: a query exits 0" 0
	check_out "  and lists the runs" "r2,"
	check "$name: a process holds the store" hold
	run timeout $LIMIT "$@" "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_rc "$name, while another process has the store: a query exits 3" 3
	check_err "  naming it" "process $HOLDER $REFUSED"
	run timeout $LIMIT "$@" "$BENCHDB" --db "$db" verify
	check_rc "$name, while another process has the store: verify exits 3" 3
	check_err "  naming it" "process $HOLDER $REFUSED"
	release
	run timeout $LIMIT "$@" "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_rc "$name, once it is gone: a query exits 0" 0
	check_out "  and lists the runs" "r1,"
}

# --- another user's store: lock.mdb not writable by this one -----------------
if [ "${AS_USER[0]:-}" = none ]; then
	pass "another user's store: not checked (running as root without setpriv)"
else
	chmod 644 "$DB/data.mdb" "$DB/lock.mdb" "$DB/compact.lock"
	chmod 755 "$DB"
	reads "another user's store" "$DB" "${AS_USER[@]}"

	# A session that read while nobody else had the store open: its next
	# statement, once another process opened it, is refused.
	rm -f "$WORK/sin"
	mkfifo "$WORK/sin"
	"${AS_USER[@]}" "$BENCHDB" --db "$DB" <"$WORK/sin" >"$WORK/session.out" 2>&1 &
	SESSION=$!
	exec 8>"$WORK/sin"
	printf 'show runs as csv\n' >&8
	for _ in $(seq 600); do
		grep -q '^r2,' "$WORK/session.out" && break
		sleep 0.1
	done
	check "a session of the other user answered its first statement" grep -q '^r2,' \
		"$WORK/session.out"
	hold
	printf 'show runs as csv\n' >&8
	exec 8>&-
	wait "$SESSION"
	check "  its next statement, with another process on the store, is refused" \
		grep -q "another process has the store open and may write it" "$WORK/session.out"
	check "  and lists no runs again" test "$(grep -c '^r2,' "$WORK/session.out")" -eq 1
	release
fi

# --- a read-only mount of the store --------------------------------------------
MNT=$WORK/ro
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ] || ! mount --bind "$DB" "$MNT" 2>"$ERR"; then
	echo "# skipped: a read-only bind mount needs root ($(head -c 200 "$ERR"))"
	finish
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
if ! mount -o remount,ro,bind "$MNT" 2>"$ERR"; then
	echo "# skipped: cannot remount read-only ($(head -c 200 "$ERR"))"
	finish
fi
reads "a read-only mount" "$MNT"
run timeout $LIMIT "$BENCHDB" --db "$MNT" ingest "$FIXTURES/gbench_plain.json"
check_rc "a read-only mount: ingest exits 3" 3
check_err "  saying why" "Read-only file system"
umount "$MNT"
run timeout $LIMIT "$BENCHDB" --db "$DB" verify
check_rc "the store verifies clean" 0
finish
