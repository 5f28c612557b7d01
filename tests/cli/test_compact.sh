#!/usr/bin/env bash
# tests/cli/test_compact.sh - benchdb compact (docs/storage.md 2.13.1): the
# file shrinks to about the pages in use; readers in other processes keep
# working through it (a session open across it, and a loop of one-shot
# queries); it refuses while another process writes; SIGKILLed at any
# moment, the store keeps every run and verifies.
. "$(dirname "$0")/lib.sh"
HOLD=$ROOT/${BENCHDB_BUILD:-build}/tools/store_hold
DB=$WORK/db
# Free pages: each replace of a run rewrites its pages.
"$BENCHDB" --db "$DB" ingest "$ROOT/examples/history" >/dev/null 2>&1
for i in $(seq 1 12); do
	"$BENCHDB" --db "$DB" ingest --replace --id "rep" "$FIXTURES/gbench_reps.json" >/dev/null
	"$BENCHDB" --db "$DB" ingest --replace --id "rep" "$FIXTURES/gbench_plain.json" >/dev/null
done
"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/runs.before"
"$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as csv" >"$WORK/trend.before"

run "$BENCHDB" --db "$DB" stats --json
free=$(sed 's/.*"free_pages": \([0-9]*\).*/\1/' "$OUT")
used=$(sed 's/.*"bytes_used": \([0-9]*\).*/\1/' "$OUT")
size=$(stat -c %s "$DB/data.mdb")
check "stats counts free pages ($free)" test "$free" -gt 0
run "$BENCHDB" --db "$DB" stats
check_out "stats says what compact does with them" "benchdb compact returns them)"

# A session (REPL reading a pipe) open across the compaction, and one-shot
# readers in a loop.
mkfifo "$WORK/sin"
"$BENCHDB" --db "$DB" <"$WORK/sin" >"$WORK/session.out" 2>&1 &
SESSION=$!
exec 8>"$WORK/sin"
printf "trend cpu_time of 'BM_hash/4096' as csv\n" >&8
for _ in $(seq 1 600); do
	[ "$(wc -l <"$WORK/session.out")" -ge 6 ] && break
	sleep 0.1
done
(
	fails=0
	while [ ! -e "$WORK/stop" ]; do
		"$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096' as csv" >"$WORK/loop.out" 2>&1 ||
			fails=$((fails + 1))
		cmp -s "$WORK/loop.out" "$WORK/trend.before" || fails=$((fails + 1))
	done
	echo "$fails" >"$WORK/loop.fails"
) &
LOOP=$!
sleep 0.5
run "$BENCHDB" --db "$DB" compact
check_rc "compact exits 0" 0
check_out "compact says what it did" "Compacted $DB: data.mdb $size -> "
after=$(stat -c %s "$DB/data.mdb")
check "the file shrank ($size -> $after bytes)" test "$after" -lt "$size"
check "to about the pages in use ($after <= $used + 2 pages)" test "$after" -le $((used + 8192))
sleep 0.5
touch "$WORK/stop"
wait "$LOOP"
check "one-shot readers through the compaction: no failure ($(cat "$WORK/loop.fails"))" \
	test "$(cat "$WORK/loop.fails")" -eq 0
printf "trend cpu_time of 'BM_hash/4096' as csv\n" >&8
exec 8>&-
wait "$SESSION"
RC=$?
check "the session's statement after the compaction works (exit $RC)" test "$RC" -eq 0
head -n "$(wc -l <"$WORK/trend.before")" "$WORK/session.out" >"$WORK/s1"
tail -n "$(wc -l <"$WORK/trend.before")" "$WORK/session.out" >"$WORK/s2"
check "  before it the session read the trend" cmp "$WORK/s1" "$WORK/trend.before"
check "  after it the same trend, from the new file" cmp "$WORK/s2" "$WORK/trend.before"
run "$BENCHDB" --db "$DB" verify
check_rc "verify after compact exits 0 (no process flagged for the old lock.mdb)" 0
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check "every run is still there" cmp "$OUT" "$WORK/runs.before"
run "$BENCHDB" --db "$DB" stats --json
check_out "no free pages right after" '"free_pages": 0'
# A write after the compaction lands in the new file.
run "$BENCHDB" --db "$DB" ingest --id after "$FIXTURES/gbench_plain.json"
check_rc "ingest after compact exits 0" 0
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check_out "  and its run is read back" "after,"

# --- a store shared by a group ----------------------------------------------
# The files compact swaps in keep the mode, owner and group of the ones they
# replace. Before, they were made with the umask applied and owned by whoever
# ran compact: a store of the CI user's, group-writable (0660/0664, so that
# a team's jobs all ingest), compacted by root's cron, became root's, 0640 and
# 0644 (umask 022), and the next ingest of the CI user failed with exit 3,
# "Permission denied".
SHARED=$WORK/shared
cp -r "$DB" "$SHARED"
chmod 0660 "$SHARED/data.mdb"
chmod 0666 "$SHARED/lock.mdb"
chmod 0777 "$SHARED"
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 "$SHARED/data.mdb" "$SHARED/lock.mdb"
fi
want_data=$(stat -c '%a %u:%g' "$SHARED/data.mdb")
want_lock=$(stat -c '%a %u:%g' "$SHARED/lock.mdb")
run sh -c "umask 022 && exec \"\$0\" --db \"\$1\" compact" "$BENCHDB" "$SHARED"
check_rc "compact of a group's store exits 0" 0
check "  data.mdb keeps its mode, owner and group ($want_data: $(stat -c '%a %u:%g' "$SHARED/data.mdb"))" \
	test "$(stat -c '%a %u:%g' "$SHARED/data.mdb")" = "$want_data"
check "  lock.mdb too ($want_lock: $(stat -c '%a %u:%g' "$SHARED/lock.mdb"))" \
	test "$(stat -c '%a %u:%g' "$SHARED/lock.mdb")" = "$want_lock"
if [ "${AS_USER[0]:-}" = none ] || [ "$(id -u)" -ne 0 ]; then
	pass "the owner's ingest after root's compact: not checked (not root, or no setpriv)"
else
	chmod 755 "$WORK"
	run "${AS_USER[@]}" "$BENCHDB" --db "$SHARED" ingest --id shared "$FIXTURES/gbench_plain.json"
	check_rc "  and the owner's next ingest works" 0
fi

# --- data.mdb and lock.mdb links to files elsewhere ---------------------------
# (data.mdb on a bigger volume, lock.mdb in /dev/shm.) compact writes each
# new file beside the one a link leads to and renames it over that one: the
# links stay. Before, the renames replaced the links in the store's
# directory: the whole history moved onto the directory's file system, and
# the linked file stayed behind, stale.
LINKED=$WORK/linked
VOL=$WORK/volume
mkdir -p "$VOL"
cp -r "$DB" "$LINKED"
mv "$LINKED/data.mdb" "$VOL/data.mdb"
mv "$LINKED/lock.mdb" "$VOL/lock.mdb"
ln -s "$VOL/data.mdb" "$LINKED/data.mdb"
ln -s "$VOL/lock.mdb" "$LINKED/lock.mdb"
"$BENCHDB" --db "$LINKED" -c 'show runs as csv' >"$WORK/linked.runs"
run "$BENCHDB" --db "$LINKED" compact
check_rc "compact of a store whose data.mdb and lock.mdb are links exits 0" 0
check "  data.mdb is still the link ($(ls -l "$LINKED/data.mdb" | sed 's/.* -> /-> /'))" \
	test "$(readlink "$LINKED/data.mdb")" = "$VOL/data.mdb"
check "  lock.mdb too" test "$(readlink "$LINKED/lock.mdb")" = "$VOL/lock.mdb"
check "  the compacted file is the linked one" \
	grep -qF -- "-> $(stat -c %s "$VOL/data.mdb") bytes" "$OUT"
check "  no temporary file is left" test -z "$(ls "$VOL" | grep -v '^data.mdb$\|^lock.mdb$')"
run "$BENCHDB" --db "$LINKED" verify
check_rc "  verify is clean" 0
"$BENCHDB" --db "$LINKED" -c 'show runs as csv' >"$WORK/linked.after"
check "  every run is kept" cmp -s "$WORK/linked.runs" "$WORK/linked.after"

# --- another process writing ------------------------------------------------
rm -f "$WORK/fifo" "$WORK/hold.out"
mkfifo "$WORK/fifo"
"$HOLD" write "$DB" <"$WORK/fifo" >"$WORK/hold.out" 2>&1 &
HOLDER=$!
exec 7>"$WORK/fifo"
for _ in $(seq 1 600); do
	[ -s "$WORK/hold.out" ] && break
	sleep 0.1
done
cp "$DB/data.mdb" "$WORK/held.mdb"
run timeout 60 "$BENCHDB" --db "$DB" compact
check_rc "compact while another process writes exits 3" 3
check_err "  naming it" "compact: process $HOLDER is writing the store; compact does not wait for another writer"
check "  and leaves the file alone" cmp "$DB/data.mdb" "$WORK/held.mdb"
exec 7>&-
wait "$HOLDER"

# --- SIGKILL during compact ------------------------------------------------
# A bigger store, so that the copy takes a while; killed after 0 to 90 ms.
BIG=$WORK/big
for i in $(seq 1 40); do
	"$BENCHDB" --db "$BIG" ingest --id "b$i" --timestamp "2026-01-$(printf %02d $((i % 28 + 1)))T00:00:0${i: -1}Z" \
		"$FIXTURES/gbench_reps.json" >/dev/null
done
"$BENCHDB" --db "$BIG" -c 'show runs as csv' >"$WORK/big.runs"
bad=0
for ms in 0 5 10 15 20 30 40 50 70 90; do
	"$BENCHDB" --db "$BIG" ingest --replace --id b1 "$FIXTURES/gbench_plain.json" >/dev/null
	"$BENCHDB" --db "$BIG" ingest --replace --id b1 --timestamp 2026-01-02T00:00:01Z \
		"$FIXTURES/gbench_reps.json" >/dev/null
	"$BENCHDB" --db "$BIG" compact >/dev/null 2>&1 &
	pid=$!
	sleep "0.0$(printf %02d "$ms")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	"$BENCHDB" --db "$BIG" verify >"$WORK/v.out" 2>&1 || bad=$((bad + 1))
	"$BENCHDB" --db "$BIG" -c 'show runs as csv' >"$WORK/r.out" 2>&1
	cmp -s "$WORK/r.out" "$WORK/big.runs" || bad=$((bad + 1))
done
check "SIGKILL during compact, 10 times: verify clean and every run kept ($bad bad)" test "$bad" -eq 0
run "$BENCHDB" --db "$BIG" compact
check_rc "a compact after the killed ones exits 0" 0
check "  leaving no temporary file" test ! -e "$BIG/data.mdb.compact" -a ! -e "$BIG/lock.mdb.compact"
run "$BENCHDB" --db "$BIG" verify
check_rc "  and verify is clean" 0
# "data.mdb BEFORE -> AFTER" is the file the user had: compact first packs
# again the runs stored before the store's dictionary, which grows the file,
# and said the grown size (before: "2154496 -> 1597440" of a file of
# 2060288 bytes). tests/realdata's color history (266 runs: the dictionary
# is trained), then 21 pytest runs stored in one transaction.
REPACK=$WORK/repack
"$BENCHDB" --db "$REPACK" import-gab "$ROOT/tests/realdata/gab/kurkle__color.data.js" >/dev/null 2>&1
"$BENCHDB" --db "$REPACK" ingest "$ROOT/tests/realdata/pytest/terrysimons__glitchygames/.benchmarks" \
	>/dev/null 2>&1
size=$(stat -c %s "$REPACK/data.mdb")
run "$BENCHDB" --db "$REPACK" compact
check_rc "compact of a store with runs to pack again exits 0" 0
check_out "  and says the size data.mdb had before it ($size)" "Compacted $REPACK: data.mdb $size -> "

finish
