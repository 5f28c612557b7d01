# tests/cli/serve_lib.sh - what the tests of `benchdb serve` share: start
# and stop a real server on a random free loopback port, and curl with a
# timeout into $OUT / $HDR / $STATUS. Source it after lib.sh. Servers
# started here are killed at exit whatever happens (the EXIT trap also
# removes $WORK, as lib.sh's does).
SERVERS=()
stop_servers() {
	local p
	for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$WORK"
}
trap stop_servers EXIT

# try_server LOG ARGS...: starts `benchdb serve ARGS` on a random free
# loopback port (another port when the one picked is taken) and waits (10 s
# at most) for /api/health; sets PID and URL. Returns 0 when it answers, 1
# when not: PID is then a server still running that did not answer, or one
# that exited (not yet waited for, so that its exit code can be read).
try_server() {
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
		kill -0 "$PID" 2>/dev/null && return 1
		grep -q "in use" "$log" || return 1
		wait "$PID" 2>/dev/null
	done
	return 1
}

# start_server LOG ARGS...: try_server, and fails the test script when the
# server does not answer.
start_server() {
	try_server "$@" && return 0
	kill -KILL "$PID" 2>/dev/null
	wait "$PID" 2>/dev/null
	echo "serve test: the server did not start:"
	cat "$1"
	exit 1
}

# logged FILE PATTERN: waits (10 s at most) until the access log FILE has a
# line matching the grep pattern PATTERN. The server logs a request, and
# counts it for /metrics, once the response is sent (MHD's completion
# callback): the client can have the response before the line is written.
logged() {
	local i
	for i in $(seq 100); do
		grep -q -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# stop_server PID [SECONDS]: SIGTERM, then its exit code in RC (124 after
# SECONDS, 30 unless given).
stop_server() {
	local pid=$1 i
	kill -TERM "$pid"
	for i in $(seq $((${2:-30} * 10))); do
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

# http ARGS...: curl ARGS with a timeout; body in $OUT, headers in $HDR,
# status in $STATUS.
HDR=$WORK/headers
http() {
	rm -f "$OUT" # curl writes no file for an answer without a body
	: >"$ERR"
	STATUS=$(curl -s --max-time 60 -o "$OUT" -D "$HDR" -w '%{http_code}' "$@")
}
# raw_request BYTES: BYTES (printf %b escapes) sent as they are to the
# server at $URL, the whole answer read until the server closes (10 s at
# most) into $WORK/raw; the first answer's status in $STATUS, its headers
# in $HDR and what follows them in $OUT.
# The bytes go in one write, and a server that answers and closes before
# reading them all (a refusal from the headers) is no error.
raw_request() {
	local bytes
	printf -v bytes '%b' "$1"
	exec 3<>"/dev/tcp/127.0.0.1/${URL##*:}"
	(trap '' PIPE; printf '%s' "$bytes" >&3) 2>/dev/null
	timeout 10 cat <&3 >"$WORK/raw"
	exec 3<&-
	STATUS=$(head -1 "$WORK/raw" | cut -d' ' -f2)
	sed -n '2,/^\r$/p' "$WORK/raw" >"$HDR"
	sed '1,/^\r$/d' "$WORK/raw" >"$OUT"
}
check_status() { # NAME EXPECTED
	if [ "$STATUS" = "$2" ]; then pass "$1"; else fail "$1" "status $STATUS, expected $2"; fi
}
check_body() { # NAME TEXT: the body is exactly TEXT
	check_out_exact "$@"
}
header() { grep -i "^$1:" "$HDR" | head -1 | cut -d' ' -f2- | tr -d '\r'; }
check_security_headers() { # NAME
	if [ "$(header Content-Security-Policy)" != "" ] &&
		header Content-Security-Policy | grep -q "default-src 'none'" &&
		[ "$(header X-Content-Type-Options)" = nosniff ] &&
		[ "$(header X-Frame-Options)" = DENY ]; then
		pass "$1: security headers"
	else
		fail "$1: security headers" "$(cat "$HDR")"
	fi
}
