#!/usr/bin/env bash
# tests/cli/test_full_disk.sh - a really full file system (docs/faults.md 1):
# a 1 MiB tmpfs, filled up. Creating a store, creating a missing lock.mdb and
# an ingest whose writes are cut short must each exit 3 with "No space left
# on device", leave the store as it was, and work once space is freed.
# Mounting needs root: elsewhere the test says so and skips.
. "$(dirname "$0")/lib.sh"

MNT=$WORK/small
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$MNT" 2>"$ERR"; then
	echo "# skipped: mounting a 1 MiB tmpfs needs root ($(head -c 200 "$ERR"))"
	finish
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
LIMIT=120

# fill: takes every free block of the tmpfs (a file "fill").
fill() { dd if=/dev/zero of="$MNT/fill" bs=4k status=none 2>/dev/null || true; }
free_space() { rm -f "$MNT/fill"; }

# A Google Benchmark file of n points (several pages of index once stored).
make_gbench() { # n file
	{
		printf '{"context": {"date": "2026-03-01T10:00:00+00:00"}, "benchmarks": [\n'
		for ((i = 0; i < $1; i++)); do
			[ "$i" -gt 0 ] && printf ',\n'
			printf '{"name": "BM_full_%d", "run_type": "iteration", "iterations": 10,' "$i"
			printf ' "real_time": %d.5, "cpu_time": %d.25, "time_unit": "ns"}' \
				$((1000 + i)) $((990 + i))
		done
		printf ']}\n'
	} >"$2"
}
make_gbench 600 "$WORK/big.json"

# --- a new store on a full disk ----------------------------------------------
fill
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" ingest --id r1 "$FIXTURES/gbench_plain.json"
check_rc "creating a store on a full disk exits 3 (not SIGBUS)" 3
check_err "  with 'No space left on device'" "No space left on device"
check "  and leaves no store directory behind" test ! -e "$MNT/store"
free_space
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" ingest --id r1 "$FIXTURES/gbench_plain.json"
check_rc "once space is freed the store is created" 0

# --- lock.mdb missing on a full disk ------------------------------------------
rm "$MNT/store/lock.mdb"
fill
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" -c 'show runs as csv'
check_rc "a query that must create lock.mdb on a full disk exits 3 (not SIGBUS)" 3
check_err "  with 'No space left on device'" "No space left on device"
free_space
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" -c 'show runs as csv'
check_rc "once space is freed the query answers" 0
check_out "  with the run" "r1,"

# --- an ingest whose writes are cut short -----------------------------------------
"$BENCHDB" --db "$MNT/store" -c 'show runs as csv' >"$WORK/before.txt"
"$BENCHDB" --db "$MNT/store" export r1 >"$WORK/before-r1.json"
# 16 KiB left: the commit's first writev of many pages is cut short.
dd if=/dev/zero of="$MNT/pad" bs=4k count=4 status=none
fill
rm "$MNT/pad"
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" ingest --id big "$WORK/big.json"
check_rc "an ingest on a full disk exits 3" 3
check_err "  with 'No space left on device' (not 'Input/output error')" "No space left on device"
check_out_exact "  and reports no run stored" ""
free_space
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" verify
check_rc "verify is clean afterwards" 0
run "$BENCHDB" --db "$MNT/store" -c 'show runs as csv'
check "the store holds exactly the runs it held" cmp -s "$OUT" "$WORK/before.txt"
run "$BENCHDB" --db "$MNT/store" export r1
check "  and r1 exports as before" cmp -s "$OUT" "$WORK/before-r1.json"
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" ingest --id big "$WORK/big.json"
check_rc "once space is freed the ingest works" 0
run timeout $LIMIT "$BENCHDB" --db "$MNT/store" verify
check_rc "  and verify is clean" 0

# --- an upload to a server whose disk is full -----------------------------------
# The client hears "storage error" only (docs/api.md); the server's log line
# of the request says why, for whoever runs it.
. "$(dirname "$0")/serve_lib.sh"
trap 'for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	umount "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
printf 'full-disk-test-token-0123456789\n' >"$WORK/token"
start_server "$WORK/serve.log" --db "$MNT/store" --token-file "$WORK/token"
auth=(-H "Authorization: Bearer full-disk-test-token-0123456789")
"$BENCHDB" --db "$MNT/store" -c 'show runs as csv' >"$WORK/before.txt"
dd if=/dev/zero of="$MNT/pad" bs=4k count=4 status=none
fill
rm "$MNT/pad"
http "${auth[@]}" --data-binary "@$WORK/big.json" "$URL/api/runs?id=pushed"
check_status "an upload to a full disk: 500" 500
check_body "  its body names the kind only" \
	'{"error": "storage error", "line": null, "column": null, "expected": null, "suggestion": null}'
check "  the server's log line of it says why" grep -q \
	'^127.0.0.1 "POST /api/runs" 500 95 [0-9.]*ms: cannot store run "pushed": No space left on device; nothing was stored$' \
	"$WORK/serve.log"
free_space
run "$BENCHDB" --db "$MNT/store" -c 'show runs as csv'
check "  the store holds exactly the runs it held" cmp -s "$OUT" "$WORK/before.txt"
http "${auth[@]}" --data-binary "@$WORK/big.json" "$URL/api/runs?id=pushed"
check_status "once space is freed the same server stores the upload" 201
stop_server "$PID"
check_rc "  and stops cleanly" 0

finish
