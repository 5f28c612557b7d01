#!/usr/bin/env bash
# `benchdb serve --notify-url` telling a new change group (web/notify.c,
# docs/serve.md "Notifications") over a real server and a webhook receiver
# on loopback (tests/tools/notify_receiver.py). The history
# (tests/tools/make_step_history.py): a and b step up by 30 % and 25 % at
# r21, and so does s, the one series of metric solo, by 40 %; c and the
# noise metric's series only wiggle. Uploaded one by one, the steps are seen
# from r23 on (3 runs at the new level, the newest runs' own look of
# query/robust.c perfect_split), told with r24: one message for each metric, with exact
# fields; the later uploads and those within noise bring none.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
DB=$WORK/db
mkdir -p "$WORK/runs"
python3 "$ROOT/tests/tools/make_step_history.py" "$WORK/runs"
for i in $(seq -w 1 23); do
	"$BENCHDB" --db "$DB" ingest --format bmf --id "r$i" --commit "c${i}aaa" \
		--timestamp "2026-03-${i}T00:00:00Z" "$WORK/runs/r$i.json" >/dev/null
done
# Every upload from r24 on regresses against r20 (a +28.7 %...): that
# message comes first for each run, and marks that the one before it is done.
"$BENCHDB" --db "$DB" baseline set main r20 >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"

RECEIVED=$WORK/received.log
: >"$RECEIVED"
python3 "$ROOT/tests/tools/notify_receiver.py" "$WORK/recv.port" "$RECEIVED" 0 &
SERVERS+=($!)
disown
for i in $(seq 100); do [ -s "$WORK/recv.port" ] && break; sleep 0.1; done
start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token" \
	--notify-url "http://127.0.0.1:$(cat "$WORK/recv.port")/hook" --public-url "https://bench.example/"

# upload N: pushes rN and waits (30 s at most) for its regression message.
upload() {
	run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" --format bmf --id "r$1" \
		--commit "c$1aaa" --timestamp "2026-03-$1T00:00:00Z" "$WORK/runs/r$1.json"
	check_rc "r$1 is pushed" 0
	for i in $(seq 300); do
		grep -q "run r$1 (commit c$1aaa) has" "$RECEIVED" && break
		sleep 0.1
	done
	check "r$1: its regression message arrived" grep -q "run r$1 (commit c$1aaa) has" "$RECEIVED"
}
changes() { grep -c 'new change' "$RECEIVED"; }

upload 24
# The changes of r24 follow its regression message: wait for them.
for i in $(seq 300); do [ "$(changes)" -ge 2 ] && break; sleep 0.1; done
upload 25
upload 26
upload 27 # r26's work is done when r27's first message is in
check "one change message for each step, none for the noise" [ "$(changes)" = 2 ]
grep 'change of latency' "$RECEIVED" | cut -d' ' -f2- >"$WORK/message.json"
grep 'change of solo' "$RECEIVED" | cut -d' ' -f2- >"$WORK/solo.json"
# At r24: a 100 -> 129.675 (medians of r01..r20, w 0, and of r21..r24,
# (99.5 + 100) / 2 * 1.3: +29.7 %), b 110 -> 137.1875 (109.75 * 1.25:
# +24.7 %): median +27.2 %, worst +29.7 % in a (by hand, and `changes latency
# until 2026-03-24` gives the same group).
check "the message: metric, commit, series, median, worst, worst series, bisect" \
	[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$WORK/message.json")" = \
	"benchdb: new change of latency at commit c21aaa, seen with run r24 (commit c24aaa): 2 series, median +27.2%, worst +29.7% (a). Bisect: git log --oneline c20aaa..c21aaa. https://bench.example/" ]
# One series: its change is the median and the worst; 200 -> 279.65
# (199.75 * 1.4), +39.8 %.
check "the message of one series names it" \
	[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$WORK/solo.json")" = \
	"benchdb: new change of solo at commit c21aaa, seen with run r24 (commit c24aaa): 1 series, median +39.8%, worst +39.8% (s). Bisect: git log --oneline c20aaa..c21aaa. https://bench.example/" ]
check "the messages arrived after r24's regression message" \
	[ "$(grep -n 'new change' "$RECEIVED" | cut -d: -f1 | tr '\n' ' ')" = "2 3 " ]
check "the noise metric brought nothing" bash -c "! grep -q 'change of noise' '$RECEIVED'"
check "the delivery is logged" logged "$WORK/server.log" "notify: run r24: sent (HTTP 200, try 1)"
run "$BENCHDB" --db "$DB" -c 'changes latency until 2026-03-24T00:00:00Z as csv'
check_out "changes agrees: the group at c21aaa, median" "c21aaa,2026-03-21T00:00:00Z,step,2,27.19545454545"
check_out "and worst" ",29.67500000000"
stop_server "$PID"
check_rc "the server stops, exit 0" 0
finish
