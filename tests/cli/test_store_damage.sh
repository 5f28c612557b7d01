#!/usr/bin/env bash
# tests/cli/test_store_damage.sh - stores that are not stores, damaged or
# read-only (docs/faults.md): every command gives exit 3 and a sentence that
# says what is wrong - never a crash - and a read-only store stays unchanged.
. "$(dirname "$0")/lib.sh"
GOOD=$WORK/good
"$BENCHDB" --db "$GOOD" ingest --id keep-1 "$FIXTURES/gbench_plain.json" >/dev/null
"$BENCHDB" --db "$GOOD" ingest --id keep-2 "$FIXTURES/gbench_reps.json" >/dev/null
SIZE=$(stat -c %s "$GOOD/data.mdb")

# damaged NAME: a copy of the good store in $WORK/NAME; prints its path.
damaged() {
	rm -rf "${WORK:?}/$1"
	cp -r "$GOOD" "$WORK/$1"
	echo "$WORK/$1"
}

# expect3 NAME TEXT DB ARGS...: benchdb --db DB ARGS exits 3 and says TEXT.
expect3() {
	local name=$1 text=$2 db=$3
	shift 3
	run timeout 60 "$BENCHDB" --db "$db" "$@"
	check_rc "$name: exit 3" 3
	check_err "$name: says '$text'" "$text"
}

# Not a store.
echo "just a file" >"$WORK/plain-file"
expect3 "--db is a file" "not a benchdb store (not a directory)" "$WORK/plain-file" verify
# Links that lead nowhere: a loop says so; a link to a path that does not
# exist said "File exists" (mkdir's word for the link itself) before.
ln -s loop "$WORK/loop"
expect3 "--db is a symbolic link loop: ingest" \
	"$WORK/loop: cannot create the store directory: Too many levels of symbolic links" \
	"$WORK/loop" ingest "$FIXTURES/gbench_plain.json"
ln -s "$WORK/nowhere" "$WORK/dangling"
expect3 "--db is a link to nothing: ingest" \
	"$WORK/dangling: cannot create the store directory: it is a symbolic link to a path that does not exist" \
	"$WORK/dangling" ingest "$FIXTURES/gbench_plain.json"
check "  and nothing is created at its target" test ! -e "$WORK/nowhere"
# data.mdb a link to a path that does not exist (kept on another file
# system, not mounted now), lock.mdb one into a directory that does not
# exist, either a directory, lock.mdb a FIFO: each is named, exit 3.
# Before, a reader said "no store at DIR" of a store with a dangling
# data.mdb, and ingest created a new, empty data.mdb at the link's target
# (the mount point), where the next runs went while the history stayed on
# the unmounted disk; a dangling lock.mdb read as "no store at DIR" too, a
# directory or FIFO as "cannot open the store: Is a directory" or "Invalid
# argument" without saying which file. (A lock.mdb linked into a directory
# that exists, /dev/shm after a reboot, is created there: LMDB's own advice.)
mkdir -p "$WORK/unmounted"
for f in data.mdb lock.mdb; do
	db=$(damaged "link-$f")
	to=$WORK/unmounted/$f
	[ "$f" = lock.mdb ] && to=$WORK/no-such-dir/$f
	rm "$db/$f"
	ln -s "$to" "$db/$f"
	expect3 "$f a link to nothing: a query" \
		"$db: cannot open the store: $f is a symbolic link to a path that does not exist ($to)" \
		"$db" -c 'show runs'
	expect3 "$f a link to nothing: ingest" \
		"$db: cannot open the store: $f is a symbolic link to a path that does not exist ($to)" \
		"$db" ingest "$FIXTURES/gbench_plain.json"
	check "  and nothing is created at its target" test ! -e "$to"
	rm "$db/$f"
	mkdir "$db/$f"
	expect3 "$f a directory: verify" "$db: cannot open the store: $f is a directory" "$db" verify
	rmdir "$db/$f"
done
db=$(damaged link-lock-shm)
rm "$db/lock.mdb"
ln -s "$WORK/unmounted/lock.mdb" "$db/lock.mdb"
run "$BENCHDB" --db "$db" -c 'show runs as csv'
check_rc "lock.mdb a link into a directory that exists: a query works" 0
check "  creating the lock file there" test -s "$WORK/unmounted/lock.mdb"
# An archived store made immutable (chattr +i data.mdb, root): queries,
# verify and export read it; a write says which file and why. Before, every
# command, queries included, said "cannot open the store: Operation not
# permitted" (EPERM, where a file not writable gives EACCES).
db=$(damaged immutable)
if chattr +i "$db/data.mdb" 2>/dev/null; then
	trap 'chattr -i "$WORK/immutable/data.mdb" 2>/dev/null; rm -rf "$WORK"' EXIT
	run "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_rc "data.mdb immutable: a query exits 0" 0
	check_out "  and lists the runs" "keep-2,"
	run "$BENCHDB" --db "$db" verify
	check_rc "  verify exits 0" 0
	expect3 "data.mdb immutable: ingest" \
		"$db: cannot open the store: Operation not permitted (data.mdb is not writable; writing needs" \
		"$db" ingest "$FIXTURES/gbench_plain.json"
	chattr -i "$db/data.mdb"
else
	pass "data.mdb immutable: not checked (chattr +i needs root and a file system that has it)"
fi
# compact.lock a FIFO (or anything a read-only open blocks on): verify
# hung for ever in open(2), looking for processes that use a replaced
# lock.mdb; it opens the file without blocking now.
db=$(damaged fifo-gate)
rm -f "$db/compact.lock"
mkfifo "$db/compact.lock"
run timeout 20 "$BENCHDB" --db "$db" verify
check_rc "compact.lock a FIFO: verify exits 0, no hang" 0
db=$(damaged fifo-lock)
rm "$db/lock.mdb"
mkfifo "$db/lock.mdb"
expect3 "lock.mdb a FIFO: a query" "$db: cannot open the store: lock.mdb is not a regular file" \
	"$db" -c 'show runs'
expect3 "--db is a link to nothing: query" "no store at $WORK/dangling" "$WORK/dangling" \
	-c 'show runs'
# An empty --db (a variable not set) is a usage error that says so; it
# named no path before.
for args in "verify" "-c|show runs" "ingest|$FIXTURES/gbench_plain.json" "compact"; do
	IFS='|' read -ra a <<<"$args"
	run "$BENCHDB" --db "" "${a[@]}"
	check_rc "--db '' ${a[0]}: exit 2" 2
	check_err "  saying so" "benchdb: error: --db: the store's path is empty"
done
# A path with a space, a line break and UTF-8 is a path like another.
odd="$WORK/a store
ünïcødé ✓"
run "$BENCHDB" --db "$odd" ingest --id odd "$FIXTURES/gbench_plain.json"
check_rc "--db with a space, a line break and UTF-8: ingest exits 0" 0
run "$BENCHDB" --db "$odd" verify
check_rc "  verify of it exits 0" 0
check_out "  and counts its run" "ok: 1 runs"
mkdir -p "$WORK/other"
echo "notes" >"$WORK/other/README" && head -c 3000 /dev/urandom >"$WORK/other/blob.bin"
expect3 "a directory of other files: verify" "no store at" "$WORK/other" verify
expect3 "a directory of other files: query" "no store at" "$WORK/other" -c 'show runs'
check "the other files are left alone" test ! -e "$WORK/other/data.mdb"
mkdir -p "$WORK/noise"
head -c 20000 /dev/urandom >"$WORK/noise/data.mdb"
cp "$WORK/noise/data.mdb" "$WORK/noise.before"
text="not a benchdb store, or a damaged one: data.mdb is not an LMDB file"
expect3 "data.mdb of random bytes: verify" "$text" "$WORK/noise" verify
expect3 "data.mdb of random bytes: query" "$text" "$WORK/noise" -c 'show runs'
expect3 "data.mdb of random bytes: ingest" "$text" "$WORK/noise" ingest "$FIXTURES/gbench_plain.json"
check "a random data.mdb is not written to" cmp -s "$WORK/noise/data.mdb" "$WORK/noise.before"

# An empty data.mdb (a creation cut short): no store for readers, and
# ingest creates the store in it.
mkdir -p "$WORK/empty" && : >"$WORK/empty/data.mdb"
expect3 "an empty data.mdb: verify" "no store at" "$WORK/empty" verify
run "$BENCHDB" --db "$WORK/empty" ingest --id first "$FIXTURES/gbench_plain.json"
check_rc "an empty data.mdb: ingest creates the store" 0
run "$BENCHDB" --db "$WORK/empty" verify
check_out "an empty data.mdb: then verify is clean" "ok: 1 runs"

# Truncated: to half, to the two header pages, to one page.
for cut in half 8192 4096; do
	db=$(damaged "cut-$cut")
	bytes=$cut
	[ "$cut" = half ] && bytes=$((SIZE / 2))
	truncate -s "$bytes" "$db/data.mdb"
	text="data.mdb is truncated: $bytes bytes, but its last committed page ends at byte $SIZE"
	[ "$cut" = 4096 ] && text="data.mdb is not an LMDB file or its header pages"
	expect3 "data.mdb cut to $cut: verify" "$text" "$db" verify
	expect3 "data.mdb cut to $cut: query" "$text" "$db" -c 'show runs'
	expect3 "data.mdb cut to $cut: ingest" "$text" "$db" ingest "$FIXTURES/gbench_reps.json"
	check "data.mdb cut to $cut: ingest does not write" test "$(stat -c %s "$db/data.mdb")" -eq "$bytes"
done

# A header (meta) page overwritten: LMDB refuses the file.
db=$(damaged meta)
printf 'garbage garbage garbage garbage' | dd of="$db/data.mdb" bs=1 seek=16 conv=notrunc 2>/dev/null
expect3 "the first header page overwritten" "its header pages (the first two) are corrupt" "$db" verify

# Random bytes over the stored runs (zstd frames, docs/storage.md 2.2.1,
# found by zstd's magic number; a run small enough to sit in a leaf page may
# also have a stale copy in a free page, so every copy is hit): verify names
# the run and what is wrong; export of that run refuses it.
db=$(damaged flatbuffer)
at_all=$(LC_ALL=C grep -boaP '\x28\xB5\x2F\xFD' "$db/data.mdb" | cut -d: -f1)
check "a run's zstd frame is found in data.mdb" test -n "$at_all"
for at in $at_all; do
	printf '\377\377\377\377\377\377\377\377' | dd of="$db/data.mdb" bs=1 \
		seek="$((at + 4))" conv=notrunc 2>/dev/null
done
run timeout 60 "$BENCHDB" --db "$db" verify
check_rc "a corrupt run: verify exits 3" 3
check_out "a corrupt run: verify names the run and the check" "is not a zstd frame that decompresses"
run timeout 60 "$BENCHDB" --db "$db" -c 'show runs as csv'
check "a corrupt run: show runs still works (the run log is intact)" test "$RC" -eq 0
run timeout 60 "$BENCHDB" --db "$db" verify
id_bad=keep-$(grep -o 'run [0-9]*: the value' "$OUT" | head -1 | tr -dc 0-9)
run timeout 60 "$BENCHDB" --db "$db" export --format json "$id_bad"
check_rc "a corrupt run: export of it exits 3" 3
check_err "a corrupt run: export says the run is damaged" \
	"cannot read run '$id_bad': the store is damaged (benchdb verify says where; restore a backup)"

# Every page of data.mdb damaged in turn, at its header (64 bytes) and in
# its middle (2 KiB), with fixed high-entropy bytes (a gzip stream): verify
# must report the damage (exit 3) or find the store intact (a free page,
# exit 0), never crash. LMDB trusts its pages; engine/pages.c checks them
# with pread before LMDB reads them.
gzip -c -n -9 "$FIXTURES/gbench_reps.json" >"$WORK/noise.gz"
n_pages=$((SIZE / 4096)) crashed=0 reported=0 intact=0
for ((pg = 2; pg < n_pages; pg++)); do
	for where in head middle; do
		db=$(damaged page)
		if [ "$where" = head ]; then
			dd if="$WORK/noise.gz" of="$db/data.mdb" bs=1 count=64 seek=$((pg * 4096)) \
				conv=notrunc 2>/dev/null
		else
			dd if="$WORK/noise.gz" of="$db/data.mdb" bs=1 count=2048 skip=100 \
				seek=$((pg * 4096 + 1024)) conv=notrunc 2>/dev/null
		fi
		timeout 60 "$BENCHDB" --db "$db" verify >"$OUT" 2>"$ERR" </dev/null
		rc=$?
		case $rc in
		0) intact=$((intact + 1)) ;;
		3)
			reported=$((reported + 1))
			grep -q 'problem: \|error: .*damaged\|error: ' "$OUT" "$ERR" ||
				{ crashed=$((crashed + 1)); echo "# page $pg $where: exit 3 without a message"; }
			;;
		*)
			crashed=$((crashed + 1))
			echo "# page $pg $where: verify exit $rc"
			head -c 400 "$ERR"
			;;
		esac
	done
done
echo "# $n_pages pages x 2 damages: $reported reported, $intact intact (free pages), $crashed crashed"
check "verify never crashes on a damaged page ($crashed of $((2 * (n_pages - 2))))" test "$crashed" -eq 0
check "verify reports most damaged pages ($reported)" test "$reported" -ge "$(((n_pages - 2) / 2))"

# A store whose observation index (chunks) is deeper than its root page (600
# benchmarks of two metrics): a damaged chunks page below the root is not
# read at open, but stats walks every observation. It must refuse the store
# as verify does (exit 3, a sentence) instead of crashing in LMDB. The page
# is found by damaging pages from the end of the file until verify names
# chunks.
{
	echo '{"context": {"date": "2026-01-02T03:04:05+00:00"}, "benchmarks": ['
	for ((i = 0; i < 600; i++)); do
		[ "$i" -gt 0 ] && echo ','
		printf '{"name": "BM_deep/%d", "run_type": "iteration", "iterations": 10,' "$i"
		printf ' "real_time": %d.5, "cpu_time": %d.25, "time_unit": "ns"}' "$i" "$i"
	done
	echo ']}'
} >"$WORK/deep.json"
DEEP=$WORK/deep
"$BENCHDB" --db "$DEEP" ingest --id deep-1 "$WORK/deep.json" >/dev/null
"$BENCHDB" --db "$DEEP" ingest --id deep-2 "$WORK/deep.json" >/dev/null
deep_pages=$(($(stat -c %s "$DEEP/data.mdb") / 4096))

# damage_below_root DB WHERE: a copy of $DEEP in $WORK/deep-damaged with a
# page of database DB damaged at WHERE (head: 64 bytes, middle: 2 KiB) that
# verify reports as a problem (so not one read at open); prints its number.
damage_below_root() {
	local pg
	for ((pg = deep_pages - 1; pg > 1; pg--)); do
		rm -rf "$WORK/deep-damaged" && cp -r "$DEEP" "$WORK/deep-damaged"
		if [ "$2" = head ]; then
			dd if="$WORK/noise.gz" of="$WORK/deep-damaged/data.mdb" bs=1 count=64 \
				seek=$((pg * 4096)) conv=notrunc 2>/dev/null
		else
			dd if="$WORK/noise.gz" of="$WORK/deep-damaged/data.mdb" bs=1 count=2048 skip=100 \
				seek=$((pg * 4096 + 1024)) conv=notrunc 2>/dev/null
		fi
		timeout 60 "$BENCHDB" --db "$WORK/deep-damaged" verify >"$OUT" 2>"$ERR" </dev/null
		if grep -q "^problem: data.mdb: page $pg of database \"$1\"" "$OUT"; then
			echo "$pg"
			return
		fi
	done
}

found=$(damage_below_root chunks head)
check "a damaged chunks page below the root is found (page ${found:-none})" test -n "$found"
expect3 "stats of a store with a damaged chunks page" \
	"cannot read store statistics: the store is damaged (benchdb verify says where; restore a backup)" \
	"$WORK/deep-damaged" stats
expect3 "stats --json of a store with a damaged chunks page" "the store is damaged" \
	"$WORK/deep-damaged" stats --json
check "stats of it prints nothing on stdout" test ! -s "$OUT"

# Queries check the pages of every index before they read (not the
# observation chunks): a damaged series_info or postings page
# below the root is refused instead of crashing LMDB (SIGSEGV, or SIGABRT
# at mdb.c's IS_LEAF assertion, before).
damaged_says="the store is damaged (benchdb verify says where; restore a backup)"
for db in series_info postings; do
	found=$(damage_below_root "$db" middle)
	check "a damaged $db page below the root is found (page ${found:-none})" test -n "$found"
	expect3 "$db damaged: show points" "opening a read transaction: $damaged_says" \
		"$WORK/deep-damaged" -c 'show points'
	expect3 "$db damaged: trend" "$damaged_says" "$WORK/deep-damaged" -c 'trend real_time'
	expect3 "$db damaged: rank" "$damaged_says" "$WORK/deep-damaged" -c 'rank cpu_time'
	expect3 "$db damaged: show runs" "$damaged_says" "$WORK/deep-damaged" -c 'show runs'
	expect3 "$db damaged: summary" "$damaged_says" "$WORK/deep-damaged" summary
	expect3 "$db damaged: check" "check: cannot read store $WORK/deep-damaged: $damaged_says" \
		"$WORK/deep-damaged" check
done

# Read-only, as a user whom permissions bind (AS_USER, lib.sh).
if [ "${AS_USER[0]:-}" = none ]; then
	pass "read-only store: not checked (running as root without setpriv)"
else
	chmod 755 "$WORK"
	ro=$(damaged readonly)
	chmod 444 "$ro/data.mdb" "$ro/lock.mdb" && chmod 555 "$ro"
	cp "$ro/data.mdb" "$WORK/ro.before"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" verify
	check_rc "read-only store, lock.mdb too: verify works" 0
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" -c 'show runs as csv'
	check_rc "read-only store, lock.mdb too: queries exit 0" 0
	check_out "read-only store, lock.mdb too: queries work" "keep-2,"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" export keep-2
	check_out "read-only store, lock.mdb too: export works" '"id": "keep-2"'
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" ingest "$FIXTURES/gbench_reps.json"
	check_rc "read-only store, lock.mdb too: ingest exits 3" 3
	chmod 755 "$ro" && chmod 666 "$ro/lock.mdb" && chmod 555 "$ro"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" verify
	check_rc "read-only store, writable lock.mdb: verify works" 0
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" -c 'show runs as csv'
	check_out "read-only store, writable lock.mdb: queries work" "keep-2,"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" ingest "$FIXTURES/gbench_reps.json"
	check_rc "read-only store: ingest exits 3" 3
	check_err "read-only store: ingest says why" \
		"Permission denied (the directory is not writable; writing needs write access"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" baseline set main keep-1
	check_rc "read-only store: baseline set exits 3" 3
	check_err "read-only store: baseline set says why" "store is read-only"
	check "read-only store: data.mdb unchanged" cmp -s "$ro/data.mdb" "$WORK/ro.before"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro/sub" ingest "$FIXTURES/gbench_reps.json"
	check_rc "a store that cannot be created: exit 3" 3
	check_err "a store that cannot be created: says so" "cannot create the store directory"
	chmod 755 "$ro"
	# data.mdb unreadable, the rest writable: the message named the directory
	# (writable) and lock.mdb, never the file that was denied.
	chmod 777 "$ro" && chmod 666 "$ro/lock.mdb" "$ro/compact.lock" && chmod 000 "$ro/data.mdb"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" -c 'show runs as csv'
	check_rc "data.mdb unreadable: a query exits 3" 3
	check_err "data.mdb unreadable: the query names data.mdb" \
		"cannot open the store: Permission denied (data.mdb is not readable; reading needs read access to data.mdb)"
	run "${AS_USER[@]}" "$BENCHDB" --db "$ro" ingest "$FIXTURES/gbench_reps.json"
	check_rc "data.mdb unreadable: ingest exits 3" 3
	check_err "data.mdb unreadable: ingest names data.mdb" \
		"Permission denied (data.mdb is not readable; writing needs read and write access to data.mdb"
	chmod 644 "$ro/data.mdb"
	check "data.mdb unreadable: data.mdb unchanged" cmp -s "$ro/data.mdb" "$WORK/ro.before"
	chmod 755 "$ro"
fi
finish
