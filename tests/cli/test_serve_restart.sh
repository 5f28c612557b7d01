#!/usr/bin/env bash
# `benchdb serve` restarted on its port (systemctl restart, Restart=on-failure)
# while clients were connected: the new server must bind the port the old
# one closed connections on, and must still refuse a port another server
# listens on.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
command -v curl >/dev/null || {
	echo "test_serve_restart: curl is missing (make deps)"
	exit 1
}
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"
"$ROOT/tests/charts/make-store.sh" "$WORK/runs"
DB=$WORK/db
"$BENCHDB" --db "$DB" ingest "$WORK/runs/run-01.json" >/dev/null

# 1. A keep-alive connection (a dashboard left open) when the server stops:
# the server closes it first, so its side waits in TIME_WAIT (60 s). The
# server was started with libmicrohttpd's LISTENING_ADDRESS_REUSE at 0,
# which leaves out SO_REUSEADDR: the restart exited 3 with "the address is
# in use" until then.
start_server "$WORK/s1.log" --db "$DB" --token-file "$WORK/token"
PORT=${URL##*:}
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&3
IFS= read -r -t 10 line <&3
check "keep-alive connection answered" [ "${line%$'\r'}" = "HTTP/1.1 200 OK" ]
stop_server "$PID"
check "SIGTERM with a client connected: exit 0" [ "$RC" = 0 ]
"$BENCHDB" serve --db "$DB" --token-file "$WORK/token" --listen "127.0.0.1:$PORT" \
	2>"$WORK/s2.log" &
PID=$!
SERVERS+=("$PID")
up=0
for i in $(seq 100); do
	if curl -s --max-time 1 -o /dev/null "$URL/api/health"; then
		up=1
		break
	fi
	kill -0 "$PID" 2>/dev/null || break
	sleep 0.1
done
check "restarted on the same port at once" [ "$up" = 1 ]
check "restart: no 'address is in use'" bash -c "! grep -q 'in use' '$WORK/s2.log'"
exec 3<&-
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$WORK/runs/run-02.json"
check_rc "restarted server: a push is stored" 0
check_out_exact "restarted server: the push's line" "Pushed run r02 (53 points, 53 metrics)"

# 2. A second server on the port the first listens on is still refused
# (SO_REUSEADDR, not SO_REUSEPORT: no two servers share a port).
# (timeout: were the port free, this server would serve until killed)
run timeout 10 "$BENCHDB" serve --db "$DB" --token-file "$WORK/token" --listen "127.0.0.1:$PORT"
check_rc "a port another server listens on: exit 3" 3
check_err "a port another server listens on: said" \
	"serve: cannot listen on 127.0.0.1:$PORT: the address is in use"
stop_server "$PID"
check "restarted server: SIGTERM: exit 0" [ "$RC" = 0 ]
finish
