#!/usr/bin/env bash
# tests/cli/test_upgrade.sh - a store of format 2 (tests/fixtures/store-format2,
# made by benchdb at commit 40b1525, before format 3) opens and is upgraded
# in place after a backup, with a note; every run, trend and baseline reads
# back as that benchdb printed them (the expected-*.txt/json next to it),
# and verify is clean. Read-only, the old store is refused with a sentence.
. "$(dirname "$0")/lib.sh"
SRC=$FIXTURES/store-format2
DB=$WORK/db
mkdir -p "$DB"
cp "$SRC/data.mdb" "$DB/"

run "$BENCHDB" --db "$DB" stats
check_rc "stats of a format 2 store exits 0" 0
check_err "the upgrade says so, and where the backup is" \
	"benchdb: note: upgraded the store from format 2 to 3; the store as it was is in $DB/format-2-backup"
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
		"store format version 2 needs an upgrade to version 3, which needs write access"
	check "and is left as it was" cmp "$WORK/backup.before" "$DB/format-2-backup/data.mdb"
	chmod -R u+w "$DB/format-2-backup"
fi

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
finish
