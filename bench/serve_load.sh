#!/usr/bin/env bash
# bench/serve_load.sh - `make bench`'s rows for `benchdb serve` (issue 22):
# 50 concurrent clients (wrk, 2 threads, 50 connections) running trend
# queries over the nightly-10y store (bench/serve_trend.lua: one series,
# its last 30 runs) for DURATION seconds, while a writer uploads one run a
# second (`benchdb push`, each a new run of 200 points and 1,000 values).
# Prints a markdown table row set: requests/s, p50 and p99 latency, errors
# (wrk's socket errors, non-2xx answers, failed uploads). Targets: >= 5,000
# requests/s on 2 cores, p99 <= 20 ms, 0 errors. wrk and the server share
# the machine's cores.
#
#   BENCHDB=build/benchdb bench/serve_load.sh NIGHTLY_DIR WORK [DURATION]
set -u
: "${BENCHDB:?BENCHDB must point at the benchdb binary}"
DATA=$1
WORK=$2
DURATION=${3:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v wrk >/dev/null; then
	echo "serve load: wrk is not installed (make -f bench/bench.mk bench-deps)"
	exit 0
fi
rm -rf "$WORK" && mkdir -p "$WORK"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT

"$BENCHDB" --db "$WORK/store" ingest -q "$DATA"/run-*.json >/dev/null ||
	{ echo "serve load: ingest of $DATA failed"; exit 1; }
"$BENCHDB" --db "$WORK/store" --format csv -c 'show points' |
	python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))[1:]
for point, tags, *_ in rows:
    t = dict(kv.split("=", 1) for kv in tags.split(","))
    print("%s\t%s\t%s" % (point, t["backend"], t["dtype"]))
' >"$WORK/series.tsv"
printf 'bench-token-%s-0123456789\n' "$RANDOM$RANDOM" >"$WORK/token"

for try in 1 2 3 4 5; do
	port=$((20000 + RANDOM % 40000))
	"$BENCHDB" serve --db "$WORK/store" --listen "127.0.0.1:$port" --token-file "$WORK/token" \
		2>"$WORK/server.log" &
	SERVER=$!
	URL=http://127.0.0.1:$port
	for i in $(seq 100); do
		curl -s --max-time 1 -o /dev/null "$URL/api/health" && break
		sleep 0.1
	done
	curl -s --max-time 1 -o /dev/null "$URL/api/health" && break
	kill "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
done
PIDS+=("$SERVER")

# The writer: one upload a second, a nightly file under a new id.
(
	files=("$DATA"/run-*.json)
	i=0
	while :; do
		start=$(date +%s%N)
		"$BENCHDB" push -q --server "$URL" --token-file "$WORK/token" --no-env \
			--id "load-$i" "${files[$((i % ${#files[@]}))]}" >/dev/null 2>>"$WORK/writer.err" &&
			echo ok >>"$WORK/writer.ok" || echo fail >>"$WORK/writer.fail"
		i=$((i + 1))
		left=$((1000000000 - ($(date +%s%N) - start)))
		[ "$left" -gt 0 ] && sleep "0.$(printf '%09d' "$left")"
	done
) &
PIDS+=($!)

SERIES_FILE=$WORK/series.tsv wrk -t2 -c50 -d"${DURATION}s" --latency -s "$HERE/serve_trend.lua" \
	"$URL" >"$WORK/wrk.out" 2>&1
kill "${PIDS[1]}" 2>/dev/null
wait "${PIDS[1]}" 2>/dev/null
line=$(grep '^serve-load:' "$WORK/wrk.out")
if [ -z "$line" ]; then
	echo "serve load: wrk failed:"
	cat "$WORK/wrk.out"
	exit 1
fi
uploads=$(cat "$WORK/writer.ok" 2>/dev/null | wc -l)
failed=$(cat "$WORK/writer.fail" 2>/dev/null | wc -l)
stored=$("$BENCHDB" --db "$WORK/store" --format csv -c 'show runs' 2>/dev/null | grep -c '^load-')
python3 - "$line" "$uploads" "$failed" "$stored" "$(nproc)" <<'PY'
import sys
f = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
uploads, failed, stored, cores = (int(x) for x in sys.argv[2:6])
n, dur = int(f["requests"]), int(f["duration_us"]) / 1e6
rps, p50, p99 = n / dur, int(f["p50_us"]) / 1e3, int(f["p99_us"]) / 1e3
errors = int(f["errors"]) + int(f["non2xx"]) + failed
def ok(c): return "yes" if c else "**no**"
print()
print("| serve: 50 clients, trend of one series (last 30 runs), 1 upload/s | value | target | met |")
print("|---|---|---|---|")
print("| requests/s (%d cores, wrk on the same cores) | %.0f | >= 5,000 | %s |" % (cores, rps, ok(rps >= 5000)))
print("| latency p50 / p99 | %.2f ms / %.2f ms | p99 <= 20 ms | %s |" % (p50, p99, ok(p99 <= 20)))
print("| errors (socket %s, non-2xx %s, uploads failed %d) | %d | 0 | %s |" % (f["errors"], f["non2xx"], failed, errors, ok(errors == 0)))
print("| uploads during the run (stored / answered) | %d / %d | one a second | - |" % (stored, uploads))
print()
print("%d requests in %.1f s" % (n, dur))
PY
