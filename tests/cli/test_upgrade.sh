#!/usr/bin/env bash
# tests/cli/test_upgrade.sh - a store of format 2 (tests/fixtures/store-format2,
# made by benchdb at commit 40b1525, before format 3) opens and is upgraded
# in place after a backup, with a note; every run, trend and baseline reads
# back as that benchdb printed them (the expected-*.txt/json next to it),
# and verify is clean. Read-only, the old store is refused with a sentence.
# A store of format 3 (tests/fixtures/store-format3, the same runs by
# benchdb at commit 9edace4) reads as it is, and opened for writing moves
# to format 6 by its version alone; new runs and compact then write the
# decimal codings, and everything reads the same. A store of format 4
# (tests/fixtures/store-format4, the same runs by benchdb at commit 52e2af2)
# likewise: compact packs its runs again with the samples section. A store
# of format 5 (tests/fixtures/store-format5, the same runs by benchdb at
# commit 8cfb686) likewise.
. "$(dirname "$0")/lib.sh"
SRC=$FIXTURES/store-format2
DB=$WORK/db
mkdir -p "$DB"
cp "$SRC/data.mdb" "$DB/"

run "$BENCHDB" --db "$DB" stats
check_rc "stats of a format 2 store exits 0" 0
check_err "the upgrade says so, and where the backup is" \
	"benchdb: note: upgraded the store from format 2 to 6; the store as it was is in $DB/format-2-backup"
check_out "every observation is still counted" "observations:          102"
check "the backup holds the old data" test -s "$DB/format-2-backup/data.mdb"

run "$BENCHDB" --db "$DB" verify
check_rc "verify of the upgraded store exits 0" 0
check_out_exact "verify counts what the old store held" "ok: 6 runs, 36 series, 102 observations verified"
check "no second note once upgraded" test ! -s "$ERR"

ids=$("$BENCHDB" --db "$DB" -c 'show runs as csv' | tail -n +2 | cut -d, -f1)
for r in $ids; do "$BENCHDB" --db "$DB" export --format json "$r"; done >"$WORK/export.json"
check "every run exports as format 2 did" cmp "$WORK/export.json" "$SRC/expected-export.json"
run "$BENCHDB" --db "$DB" -c "trend cpu_time of 'BM_hash/4096'"
check "a trend reads as format 2 did" cmp "$OUT" "$SRC/expected-trend.txt"
run "$BENCHDB" --db "$DB" baseline list
check "the baselines survive" cmp "$OUT" "$SRC/expected-baselines.txt"

# The backup is the format 2 store: where it cannot be written, it cannot
# be upgraded, and is refused with a sentence (as a user whom permissions
# bind: AS_USER, lib.sh).
if [ "${AS_USER[0]:-}" = none ]; then
	pass "read-only format 2 store: not checked (running as root without setpriv)"
else
	chmod 755 "$WORK" "$DB"
	chmod -R a-w "$DB/format-2-backup"
	chmod a+r "$DB/format-2-backup"/*
	cp "$DB/format-2-backup/data.mdb" "$WORK/backup.before"
	run "${AS_USER[@]}" "$BENCHDB" --db "$DB/format-2-backup" -c 'show runs'
	check_rc "a format 2 store that cannot be written is refused (exit 3)" 3
	check_err "with what to do" \
		"store format version 2 needs an upgrade to version 6, which needs write access"
	check "and is left as it was" cmp "$WORK/backup.before" "$DB/format-2-backup/data.mdb"
	chmod -R u+w "$DB/format-2-backup"
fi

# A command that stores runs, asked only for --help or given a bad option,
# leaves an old store as it is (no upgrade, no backup).
mkdir -p "$WORK/help"
cp "$SRC/data.mdb" "$WORK/help/"
run "$BENCHDB" --db "$WORK/help" ingest --help
check_rc "ingest --help on a format 2 store: exit 0" 0
run "$BENCHDB" --db "$WORK/help" import-gab --no-such-option
check_rc "import-gab with a bad option: exit 2" 2
check "  the store is as it was, no backup" \
	bash -c "cmp -s '$SRC/data.mdb' '$WORK/help/data.mdb' && ! ls -d '$WORK/help'/format-2-backup* 2>/dev/null"

# A second process opening the old store while the first upgrades: both
# succeed, one upgrades, one backup.
mkdir -p "$WORK/two"
cp "$SRC/data.mdb" "$WORK/two/"
"$BENCHDB" --db "$WORK/two" stats >"$WORK/s1" 2>"$WORK/e1" &
"$BENCHDB" --db "$WORK/two" stats >"$WORK/s2" 2>"$WORK/e2"
wait $!
check "both processes count 102 observations" grep -q "observations:          102" "$WORK/s1" "$WORK/s2"
notes=$(cat "$WORK/e1" "$WORK/e2" | grep -c "upgraded the store")
check "exactly one upgrade note" test "$notes" -eq 1
backups=$(ls -d "$WORK/two"/format-2-backup* | wc -l)
check "exactly one backup" test "$backups" -eq 1
run "$BENCHDB" --db "$WORK/two" verify
check_rc "verify after two openers exits 0" 0

# A store of format $1 at $2 that cannot be written reads as it is: its
# trend as format 2 printed it, the file unchanged ($WORK/format$1.before).
check_reads_read_only() {
	chmod 755 "$WORK" "$2"
	chmod a-w "$2/data.mdb"
	cp "$2/data.mdb" "$WORK/format$1.before"
	if [ "${AS_USER[0]:-}" = none ]; then
		pass "read-only format $1 store: not checked (running as root without setpriv)"
	else
		run "${AS_USER[@]}" "$BENCHDB" --db "$2" -c "trend cpu_time of 'BM_hash/4096'"
		check_rc "a format $1 store that cannot be written reads (exit 0)" 0
		check "its trend as format 2 printed it" cmp "$OUT" "$SRC/expected-trend.txt"
		check "and the file is as it was" cmp "$WORK/format$1.before" "$2/data.mdb"
	fi
	chmod u+w "$2/data.mdb"
}

# after_new_run VERSION DB: an upgraded store that took a new run and a
# compact verifies, counts 7 runs, and reads its old trend and baselines as
# the fixture's expected files say.
after_new_run() {
	run "$BENCHDB" --db "$2" verify
	check_rc "format $1: verify after the new run and compact exits 0" 0
	check_out "format $1: and counts the new run" "ok: 7 runs"
	run "$BENCHDB" --db "$2" -c "trend cpu_time of 'BM_hash/4096'"
	check "format $1: the old runs' trend reads the same" cmp "$OUT" "$SRC/expected-trend.txt"
	run "$BENCHDB" --db "$2" baseline list
	check "format $1: the store's baselines survive" cmp "$OUT" "$SRC/expected-baselines.txt"
}

# Format 3: read-only as it is (nothing written), for writing by the
# version alone (no backup), then new runs in format 6's codings.
DB3=$WORK/db3
mkdir -p "$DB3"
cp "$FIXTURES/store-format3/data.mdb" "$DB3/"
check_reads_read_only 3 "$DB3"
run "$BENCHDB" --db "$DB3" stats
check_rc "stats of a format 3 store exits 0" 0
check_out "every observation is counted" "observations:          102"
check "statistics read it as it is (no note)" test ! -s "$ERR"
check "and wrote nothing" cmp "$WORK/format3.before" "$DB3/data.mdb"
# The shell opens the store for writing: it upgrades it.
run "$BENCHDB" --db "$DB3" -c 'show runs as csv'
check_err "the upgrade says so" \
	"benchdb: note: upgraded the store from format 3 to 6 (the version only: new runs and chunks store short decimals as integers; new runs store their samples by model; new runs store a frame longer than half a page in whole pages and pieces that share leaves, and a series' sealed chunks gather into blocks of a page; benchdb compact rewrites the chunks and runs that way)"
ids=$(tail -n +2 "$OUT" | cut -d, -f1)
for r in $ids; do "$BENCHDB" --db "$DB3" export --format json "$r"; done >"$WORK/export3.json"
check "every format 3 run exports as format 2 did" cmp "$WORK/export3.json" "$SRC/expected-export.json"
check "no backup for a version change" test ! -e "$DB3/format-3-backup"
run "$BENCHDB" --db "$DB3" ingest "$FIXTURES/gbench_plain.json"
check_rc "a new run goes into the upgraded store" 0
run "$BENCHDB" --db "$DB3" compact
check_rc "compact rewrites its chunks" 0
after_new_run 3 "$DB3"
# upgraded_by_version V NOTE: a store of format V (the fixture) reads as it
# is, read-only and by verify (nothing written); opened for writing it moves
# to format 6 by its version alone (NOTE, no backup); compact packs its runs
# again, every run exports as format 2 did, and a new run with samples goes
# in (after_new_run).
upgraded_by_version() {
	local db=$WORK/db$1
	mkdir -p "$db"
	cp "$FIXTURES/store-format$1/data.mdb" "$db/"
	check_reads_read_only "$1" "$db"
	run "$BENCHDB" --db "$db" verify
	check_rc "verify reads a format $1 store as it is (exit 0)" 0
	check "and wrote nothing" cmp "$WORK/format$1.before" "$db/data.mdb"
	run "$BENCHDB" --db "$db" -c 'show runs as csv'
	check_err "the upgrade says so" "$2"
	check "no backup for a version change" test ! -e "$db/format-$1-backup"
	run "$BENCHDB" --db "$db" compact
	check_rc "compact packs the runs again" 0
	run "$BENCHDB" --db "$db" -c 'show runs as csv'
	ids=$(tail -n +2 "$OUT" | cut -d, -f1)
	for r in $ids; do "$BENCHDB" --db "$db" export --format json "$r"; done >"$WORK/export$1.json"
	check "every format $1 run, packed again, exports as format 2 did" \
		cmp "$WORK/export$1.json" "$SRC/expected-export.json"
	run "$BENCHDB" --db "$db" ingest "$FIXTURES/gbench_reps.json" --id again
	check_rc "a new run with samples goes into the upgraded store" 0
	after_new_run "$1" "$db"
}

# Format 4: compact packs its runs (their samples) again; format 5: its
# frames go into whole pages and pieces.
upgraded_by_version 4 \
	"benchdb: note: upgraded the store from format 4 to 6 (the version only: new runs store their samples by model; new runs store a frame longer than half a page in whole pages and pieces that share leaves, and a series' sealed chunks gather into blocks of a page; benchdb compact rewrites the runs that way)"
upgraded_by_version 5 \
	"benchdb: note: upgraded the store from format 5 to 6 (the version only: new runs store a frame longer than half a page in whole pages and pieces that share leaves, and a series' sealed chunks gather into blocks of a page; benchdb compact rewrites the runs that way)"
# An upgrade killed at each of its writes (tests/fault/fault.c's FAULT_KILL:
# data.mdb's, and the first of its backup copy's): the next open upgrades,
# every run reads as format 2 printed it, verify is clean, and no copy of a
# killed upgrade is left behind (before: format-2-backup.tmp.PID, a store as
# large as the old one, stayed forever beside the real backup).
SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
ASAN_SHIM=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
mkdir -p "$WORK/killed"
cp "$SRC/data.mdb" "$WORK/killed/"
ASAN_OPTIONS=$ASAN_SHIM FAULT_TRACE=$WORK/kill-trace LD_PRELOAD=$SHIM \
	"$BENCHDB" --db "$WORK/killed" -c 'show runs as csv' >"$WORK/runs.upgraded" 2>/dev/null
writes=$(wc -l <"$WORK/kill-trace")
check "an upgrade writes the backup copy and data.mdb ($writes writes)" \
	grep -q 'format-2-backup.tmp.*/data.mdb' "$WORK/kill-trace"
killed=0 bad=0 left=0
for at in $(seq 1 "$writes"); do
	rm -rf "$WORK/killed"
	mkdir -p "$WORK/killed"
	cp "$SRC/data.mdb" "$WORK/killed/"
	ASAN_OPTIONS=$ASAN_SHIM FAULT_KILL=1 FAULT_AT=$at LD_PRELOAD=$SHIM \
		"$BENCHDB" --db "$WORK/killed" -c 'show runs as csv' >/dev/null 2>&1 &
	wait $! 2>/dev/null
	[ $? -eq 137 ] && killed=$((killed + 1))
	"$BENCHDB" --db "$WORK/killed" verify >/dev/null 2>&1 || bad=$((bad + 1))
	"$BENCHDB" --db "$WORK/killed" -c 'show runs as csv' 2>/dev/null |
		cmp -s - "$WORK/runs.upgraded" || bad=$((bad + 1))
	ls -d "$WORK/killed"/format-2-backup.tmp.* >/dev/null 2>&1 && left=$((left + 1))
	[ "$(ls -d "$WORK/killed"/format-2-backup* | wc -l)" -eq 1 ] || bad=$((bad + 1))
done
check "each of the $writes writes killed the upgrade ($killed)" test "$killed" -eq "$writes"
check "  after each, the next open upgrades: verify clean, every run, one backup ($bad bad)" \
	test "$bad" -eq 0
check "  and no killed upgrade's copy is left ($left of $writes left one)" test "$left" -eq 0
# A copy of a process that kill cannot see but that holds its directory's
# lock (an upgrade in another PID namespace sharing the store) is its own:
# left alone. The pid is of a process that has exited.
if command -v flock >/dev/null; then
	rm -rf "$WORK/killed"
	mkdir -p "$WORK/killed"
	cp "$SRC/data.mdb" "$WORK/killed/"
	true &
	gone=$!
	wait "$gone"
	mkdir "$WORK/killed/format-2-backup.tmp.$gone"
	hold_lock "$WORK/killed/format-2-backup.tmp.$gone"
	holder=$HOLDER
	run "$BENCHDB" --db "$WORK/killed" verify
	check_rc "an upgrade beside another's locked copy exits 0" 0
	check "  and leaves that copy alone" test -d "$WORK/killed/format-2-backup.tmp.$gone"
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
else
	pass "a locked copy is left alone: not checked (no flock(1))"
fi

finish
