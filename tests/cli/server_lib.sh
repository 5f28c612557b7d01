# tests/cli/server_lib.sh - start and stop real `benchdb serve` processes on
# free loopback ports, for the CLI tests that speak to one (test_serve.sh,
# test_push.sh). Source it after lib.sh; every server it starts is killed
# at exit whatever happens.

SERVERS=()
stop_servers() {
	local p
	for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$WORK"
}
trap stop_servers EXIT

# start_server LOG ARGS...: starts `benchdb serve ARGS` on a random free
# loopback port (another port when the one picked is taken), waits for
# /api/health; sets PID and URL. Fails the test script when it cannot.
start_server() {
	local log=$1 try port i
	shift
	for try in 1 2 3 4 5 6 7 8 9 10; do
		port=$((20000 + RANDOM % 40000))
		"$BENCHDB" serve "$@" --listen "127.0.0.1:$port" 2>"$log" &
		PID=$!
		SERVERS+=("$PID")
		URL=http://127.0.0.1:$port
		for i in $(seq 100); do # 10 s
			if curl -s --max-time 1 -o /dev/null "$URL/api/health"; then
				return 0
			fi
			kill -0 "$PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
		grep -q "in use" "$log" || break
	done
	echo "$(basename "$0"): the server did not start:"
	cat "$log"
	exit 1
}

# stop_server PID: SIGTERM, then its exit code in RC (124 after 30 s).
stop_server() {
	local pid=$1 i
	kill -TERM "$pid"
	for i in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid"
		wait "$pid" 2>/dev/null
		RC=124
	else
		wait "$pid"
		RC=$?
	fi
}

