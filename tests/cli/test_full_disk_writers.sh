#!/usr/bin/env bash
# tests/cli/test_full_disk_writers.sh - every command that writes, on a
# really full file system (a 6 MiB tmpfs filled up; test_full_disk.sh has
# ingest, a new store, a missing lock.mdb and an upload). Each must exit 3
# with the store's directory and "No space left on device" in its message
# (before: "retain: input/output error", "cannot set baseline: input/output
# error", ... without saying where or why; record said "cannot store run"
# twice and not where), and leave the store exactly as it
# was: verify clean, the same runs, baselines, annotations, policy and
# exports. Files written beside the store (report -o, chart -o, backup)
# must not be left truncated: an older report stays as it was (before: cut
# to the bytes that fit), a backup cut short is removed (before: an empty
# data.mdb that made the same command fail again with "not empty").
# Mounting needs root: elsewhere the test says so and skips.
. "$(dirname "$0")/lib.sh"

MNT=$WORK/small
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ]; then
	echo "# skipped: mounting a 6 MiB tmpfs needs root (running as uid $(id -u))"
	finish
fi
if ! mount -t tmpfs -o size=6m tmpfs "$MNT" 2>"$ERR"; then
	echo "# skipped: cannot mount a 6 MiB tmpfs: $(head -c 200 "$ERR")"
	finish
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
LIMIT=120
REAL=$ROOT/tests/realdata

fill() { dd if=/dev/zero of="$MNT/fill" bs=4k status=none 2>/dev/null || true; }
free_space() { rm -f "$MNT/fill"; }

# snapshot DB: everything a user reads back from the store.
snapshot() {
	"$BENCHDB" --db "$1" baseline list
	"$BENCHDB" --db "$1" -c 'show annotations as csv'
	"$BENCHDB" --db "$1" -c 'show retention as csv'
	runs_snapshot "$1"
}

# The store: v1..v5 on main and feature in turn, a baseline, an annotation
# and a policy. Compacted, so that data.mdb has no free page and every
# write must grow it; a query then prepares the new lock.mdb.
PRISTINE=$WORK/pristine
DB=$MNT/store
ingest_history "$DB" main feature
"$BENCHDB" --db "$DB" baseline set main v1 >/dev/null
"$BENCHDB" --db "$DB" -c 'annotate commit "c2" as ignore "noisy machine"' >/dev/null
"$BENCHDB" --db "$DB" retain --set 'keep branch "main" forever; keep other 7d' >/dev/null
"$BENCHDB" --db "$DB" compact >/dev/null
"$BENCHDB" --db "$DB" -c 'show runs' >/dev/null
cp -r --sparse=never "$DB" "$PRISTINE"
snapshot "$DB" >"$WORK/before.txt" 2>&1
check "the store holds 5 runs, a baseline, an annotation and a policy" \
	grep -q '^v5,.*feature\|^main *v1\|^c2,ignore\|keep other 7d' "$WORK/before.txt"

# on_full_disk NAME WHERE ARGS...: `benchdb --db $DB ARGS` on a fresh copy
# of the store with the file system full: exit 3, WHERE (the store's
# directory, or the input that could not be stored) and the full disk named
# on stderr (kept in $FULL_ERR), the store as it was, and the command works
# once space is freed.
FULL_ERR=$WORK/full.err
on_full_disk() {
	local name=$1 where=$2
	shift 2
	rm -rf "$DB"
	cp -r --sparse=never "$PRISTINE" "$DB"
	fill
	run timeout $LIMIT "$BENCHDB" --db "$DB" "$@"
	check_rc "$name on a full disk exits 3" 3
	cp "$ERR" "$FULL_ERR"
	check_err "  saying why" "No space left on device"
	check "  and where ($where)" grep -qF "$where" "$ERR"
	check "  never 'input/output error'" bash -c "! grep -qi 'input/output error' '$ERR'"
	free_space
	run timeout $LIMIT "$BENCHDB" --db "$DB" verify
	check_rc "  verify is clean afterwards" 0
	snapshot "$DB" >"$WORK/after.txt" 2>&1
	check "  the store is exactly as it was" cmp -s "$WORK/before.txt" "$WORK/after.txt"
	run timeout $LIMIT "$BENCHDB" --db "$DB" "$@"
	check_rc "  once space is freed it works" 0
}

# full_err NAME LINE: the full disk's stderr held LINE.
full_err() {
	if grep -qxF -- "$2" "$FULL_ERR"; then pass "$1"; else
		fail "$1" "stderr lacks: $2"
		cat "$FULL_ERR"
	fi
}

on_full_disk "baseline set" "$DB" baseline set rel v3
full_err "  the whole line" \
	"benchdb: error: $DB: cannot set baseline: No space left on device; the store is unchanged"
on_full_disk "baseline drop" "$DB" baseline drop main
full_err "  the whole line" \
	"benchdb: error: $DB: cannot drop baseline 'main': No space left on device; the store is unchanged"
on_full_disk "the statement set baseline" "$DB" -c 'set baseline rel = latest'
full_err "  the whole line" \
	"benchdb: error: $DB: setting the baseline: No space left on device; the store is unchanged"
on_full_disk "annotate" "$DB" -c 'annotate commit "c3" as intended "new allocator"'
full_err "  the whole line" \
	"benchdb: error: $DB: storing the annotation: No space left on device; the store is unchanged"
on_full_disk "drop annotation" "$DB" -c 'drop annotation commit "c2"'
on_full_disk "retain --set" "$DB" retain --set 'keep branch "main" forever; keep other 1d'
full_err "  the whole line" \
	"benchdb: error: $DB: cannot store the retention policy: No space left on device; the store is unchanged"
on_full_disk "retain" "$DB" retain --now 2026-12-01T00:00:00Z
full_err "  the whole line" \
	"benchdb: error: $DB: cannot apply the retention policy: No space left on device; the store is unchanged"
check_out "  once space is freed it drops the feature run not annotated" "1 runs dropped"
on_full_disk "reindex" "$DB" reindex
full_err "  the whole line" \
	"benchdb: error: $DB: reindex: No space left on device; the store is unchanged"
on_full_disk "record" "$DB" record --runs 1 --id rec --no-env -- true
full_err "  the whole line" \
	"benchdb: error: record: $DB: cannot store run \"rec\": No space left on device; nothing was stored"
on_full_disk "import-gab" "softwaremill__jox.data.js: cannot store" import-gab "$REAL/gab/softwaremill__jox.data.js"
on_full_disk "import-asv" ".json: cannot store the" import-asv "$REAL/asv/kedro-org__kedro-benchmark-results/.asv/results"
on_full_disk "compact" "$DB" compact
# The importers not above, and an ingest of a directory of many files: one
# transaction each, so nothing of them is stored (these held already).
on_full_disk "import-benchkit" "2026-02-10T09-05-00_3f9a1c.json: cannot store the 3 runs" \
	import-benchkit "$FIXTURES/benchkit-store"
on_full_disk "import-otava" "local_sample.csv: cannot store the 10 runs" \
	import-otava --test local.sample "$FIXTURES/otava/local_sample.csv"
on_full_disk "ingest of a directory of 21 files" "0001_baseline.json: cannot store the 21 runs" \
	ingest "$REAL/pytest/terrysimons__glitchygames/.benchmarks"

# --- a format 2 store upgraded on the full disk -----------------------------
# (docs/storage.md 2.3.1) Its lock.mdb made beforehand and 40 KiB left, so
# that the open gets as far as the upgrade's backup copy: exit 3, the store unchanged and
# still format 2 (no backup, no copy left), upgraded once space is freed
# with every run.
OLD=$MNT/old
rm -rf "$DB" "$OLD"
mkdir -p "$OLD"
cp "$ROOT/tests/fixtures/store-format2/data.mdb" "$OLD/"
"$BENCHDB" --db "$PRISTINE" -c 'show runs' >/dev/null
cp --sparse=never "$PRISTINE/lock.mdb" "$OLD/lock.mdb"
# 40 KiB left: room for the databases the open creates (with less, it says
# "cannot create the databases: No space left on device"), not for the copy.
dd if=/dev/zero of="$MNT/pad" bs=4k count=10 status=none
fill
rm "$MNT/pad"
run timeout $LIMIT "$BENCHDB" --db "$OLD" -c 'show runs as csv'
check_rc "a format 2 store opened on a full disk exits 3" 3
check_err "  saying why" \
	"benchdb: error: $OLD: cannot upgrade the store from format 2: the backup failed: No space left on device; the store is unchanged"
check "  and no backup or copy of one is left" \
	bash -c "! ls -d '$OLD'/format-2-backup* 2>/dev/null"
free_space
run timeout $LIMIT "$BENCHDB" --db "$OLD" verify
check_rc "  once space is freed it is upgraded, and verify is clean" 0
check_err "  with the note" "upgraded the store from format 2 to 6"
mkdir -p "$WORK/old-elsewhere"
cp "$ROOT/tests/fixtures/store-format2/data.mdb" "$WORK/old-elsewhere/"
runs_snapshot "$WORK/old-elsewhere" >"$WORK/old-expected.txt" 2>/dev/null
runs_snapshot "$OLD" >"$WORK/old-after.txt" 2>&1
check "  every run reads as the same store upgraded on a disk with room" \
	cmp -s "$WORK/old-expected.txt" "$WORK/old-after.txt"
rm -rf "$OLD"

# --- files written beside the store ----------------------------------------
rm -rf "$DB"
cp -r --sparse=never "$PRISTINE" "$DB"
mkdir -p "$MNT/out"
printf 'the last good report\n' >"$MNT/out/report.html"
chmod 640 "$MNT/out/report.html"
printf 'the last good chart\n' >"$MNT/out/chart.svg"
fill
run timeout $LIMIT "$BENCHDB" --db "$DB" report -o "$MNT/out/report.html"
check_rc "report -o onto a full disk exits 3" 3
check_err "  saying why" \
	"benchdb: error: report: cannot write $MNT/out/report.html: No space left on device; the file is as it was"
check "  the last report is as it was" \
	test "$(cat "$MNT/out/report.html")" = "the last good report"
run timeout $LIMIT "$BENCHDB" --db "$DB" chart 'trend real_time of "BM_memcpy/65536"' \
	-o "$MNT/out/chart.svg"
check_rc "chart -o onto a full disk exits 3" 3
check "  the last chart is as it was" test "$(cat "$MNT/out/chart.svg")" = "the last good chart"
run timeout $LIMIT "$BENCHDB" --db "$DB" report -o "$MNT/out/new.html"
check_rc "report -o to a new file on a full disk exits 3" 3
check_err "  saying so" "cannot write $MNT/out/new.html: No space left on device; nothing was written"
check "  no file and no temporary file is left" \
	test "$(ls "$MNT/out" | tr '\n' ' ')" = "chart.svg report.html "
run timeout $LIMIT "$BENCHDB" --db "$DB" backup "$MNT/out/backup"
check_rc "backup onto a full disk exits 3" 3
check_err "  saying why" \
	"benchdb: error: $MNT/out/backup: backup failed: No space left on device; the partial copy was removed"
check "  and no partial backup is left" test ! -e "$MNT/out/backup"
free_space
run timeout $LIMIT "$BENCHDB" --db "$DB" report -o "$MNT/out/report.html"
check_rc "once space is freed report -o replaces the report" 0
check "  with a whole page" grep -q '</html>' "$MNT/out/report.html"
check "  keeping its permissions" test "$(stat -c %a "$MNT/out/report.html")" = 640
run timeout $LIMIT "$BENCHDB" --db "$DB" backup "$MNT/out/backup"
check_rc "  and the same backup command works" 0
run timeout $LIMIT "$BENCHDB" --db "$MNT/out/backup" verify
check_rc "  giving a clean store" 0

# --- a baseline set through serve's API ---------------------------------------
# The client hears "storage error" only (docs/api.md); the server's log
# line says why, as for an upload (test_full_disk.sh). Before, a PUT or
# DELETE of /api/baselines/NAME logged '... 500 95 0.3ms' and nothing more.
. "$(dirname "$0")/serve_lib.sh"
trap 'for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
rm -rf "$DB"
cp -r --sparse=never "$PRISTINE" "$DB"
printf 'full-disk-test-token-0123456789\n' >"$WORK/token"
start_server "$WORK/serve.log" --db "$DB" --token-file "$WORK/token"
auth=(-H "Authorization: Bearer full-disk-test-token-0123456789")
fill
http "${auth[@]}" -X PUT --data-binary 'latest' "$URL/api/baselines/rel"
check_status "a baseline PUT to a full disk: 500" 500
check_body "  its body names the kind only" \
	'{"error": "storage error", "line": null, "column": null, "expected": null, "suggestion": null}'
check "  the server's log line of it says why" grep -q \
	'^127.0.0.1 "PUT /api/baselines/rel" 500 95 [0-9.]*ms: .*setting the baseline: No space left on device; the store is unchanged$' \
	"$WORK/serve.log"
http "${auth[@]}" -X DELETE "$URL/api/baselines/main"
check_status "a baseline DELETE on a full disk: 500" 500
check "  the server's log line of it says why" grep -q \
	'^127.0.0.1 "DELETE /api/baselines/main" 500 95 [0-9.]*ms: .*No space left on device; the store is unchanged$' \
	"$WORK/serve.log"
free_space
snapshot "$DB" >"$WORK/after.txt" 2>&1
check "  the store is exactly as it was" cmp -s "$WORK/before.txt" "$WORK/after.txt"
http "${auth[@]}" -X PUT --data-binary 'latest' "$URL/api/baselines/rel"
check_status "once space is freed the same server sets the baseline" 201
stop_server "$PID"
check_rc "  and stops cleanly" 0

finish
