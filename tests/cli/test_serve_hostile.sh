#!/usr/bin/env bash
# What a hostile client may send `benchdb serve` (docs/serve.md, "Security
# defaults"), with bytes sent raw over loopback to a real server:
# a body is delimited one way only (RFC 9112 6: two Content-Lengths, or one
# beside Transfer-Encoding, are 400; a transfer coding other than chunked
# is 501; each closes the connection, so nothing after the headers is read
# as a request), a blank before a header's colon is 400 (RFC 9112 5.1), and
# the bearer token may follow its scheme after several spaces and have
# blanks after it (RFC 9110 11.4, 5.5). Every answer is awaited at most
# 10 s (a server that waits for the rest of a body it cannot delimit never
# answers, and the check fails on the missing status). And a server that
# listens beyond loopback takes at most 64 connections from one address, so
# that one client holding many open does not lock the others out. Names with
# control characters (an escape sequence, a line break then "::error::")
# reach the terminal as '?' in the errors and lines of ingest, push and
# --server.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
	echo "test_serve_hostile: curl is missing (make deps)"
	exit 1
}
DB=$WORK/db
"$BENCHDB" --db "$DB" ingest --no-env --id r1 --timestamp 2026-01-01T00:00:00Z \
	"$FIXTURES/gbench_plain.json" >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"
source "$ROOT/tests/cli/serve_lib.sh"
start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token"
runs_now() { "$BENCHDB" --db "$DB" --json -c 'show runs' >"$1"; }
runs_now "$WORK/runs-before.json"

error() { # MESSAGE: the JSON error body with MESSAGE
	printf '{"error": "%s", "line": null, "column": null, "expected": null, "suggestion": null}' "$1"
}
answers() { grep -c '^HTTP/1.1 ' "$WORK/raw"; }
closes() { [ "$(header Connection)" = close ]; }

# Chunked alone, in any case, is read (the cases below differ from it in
# their framing only).
raw_request 'POST /api/query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n9\r\nshow runs\r\n0\r\n\r\n'
check_status "chunked: 200" 200
check "chunked: the statement's answer" grep -qF '"statement": "show runs"' "$OUT"
raw_request 'POST /api/query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: CHUNKED\r\nConnection: close\r\n\r\n9\r\nshow runs\r\n0\r\n\r\n'
check_status "CHUNKED: 200" 200

# Two Content-Lengths: libmicrohttpd read the first (9) and answered.
raw_request 'POST /api/query HTTP/1.1\r\nHost: localhost\r\nContent-Length: 9\r\nContent-Length: 20\r\n\r\nshow runs'
check_status "two Content-Length headers: 400" 400
check_body "two Content-Length headers: says why" \
	"$(error "a request has one Content-Length header, not several")"
check "two Content-Length headers: the connection closes" closes

# Transfer-Encoding beside Content-Length: a proxy reading the length and
# this server reading the chunks would disagree on where the next request
# starts (request smuggling). The request after it is not answered.
raw_request 'POST /api/query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n9\r\nshow runs\r\n0\r\n\r\nGET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n'
check_status "Transfer-Encoding and Content-Length: 400" 400
check "Transfer-Encoding and Content-Length: says why" \
	grep -qF "$(error "a request has Content-Length or Transfer-Encoding, not both")" "$OUT"
check "Transfer-Encoding and Content-Length: the connection closes" closes
check "Transfer-Encoding and Content-Length: the request after it is not read" \
	[ "$(answers)" = 1 ]
# An upload so framed, with the token: refused before its body, nothing stored.
raw_request "POST /api/runs HTTP/1.1\\r\\nHost: localhost\\r\\nAuthorization: Bearer $TOKEN\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 5\\r\\n\\r\\n2\\r\\n{}\\r\\n0\\r\\n\\r\\n"
check_status "an upload with both: 400" 400
check_body "an upload with both: says why" \
	"$(error "a request has Content-Length or Transfer-Encoding, not both")"
runs_now "$WORK/runs-after.json"
check "an upload with both: nothing stored" cmp -s "$WORK/runs-before.json" "$WORK/runs-after.json"

# Transfer codings other than chunked alone: libmicrohttpd waited for the
# end of the body until the client gave up, and never answered.
for te in 'identity' 'gzip, chunked' 'chunked, chunked' 'chunked \t'; do
	raw_request "POST /api/query HTTP/1.1\\r\\nHost: localhost\\r\\nTransfer-Encoding: $te\\r\\n\\r\\n9\\r\\nshow runs\\r\\n0\\r\\n\\r\\n"
	check_status "Transfer-Encoding: $te: 501" 501
	check_body "Transfer-Encoding: $te: says why" \
		"$(error "the one transfer coding this server reads is chunked")"
	check "Transfer-Encoding: $te: the connection closes" closes
done
raw_request 'POST /api/query HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n9\r\nshow runs\r\n0\r\n\r\n'
check_status "two Transfer-Encoding headers: 501" 501

# A blank before a header's colon: libmicrohttpd kept "Host " as another
# header's name, and the Host after it was taken.
raw_request 'GET /api/health HTTP/1.1\r\nHost : evil.example\r\nHost: localhost\r\n\r\n'
check_status "a blank before a header's colon: 400" 400
check_body "a blank before a header's colon: says why" \
	"$(error "a header's name is followed by its colon, not a blank")"

# The token after several spaces, or with blanks after it, writes; a token
# with more after it does not.
for auth in "Bearer  $TOKEN" "Bearer $TOKEN " "bearer $TOKEN	"; do
	http -H "Authorization: $auth" --data-binary 'set baseline spaced = latest' "$URL/api/query"
	check_status "Authorization: '$auth': 200" 200
done
for auth in "Bearer $TOKEN x" "Bearer ${TOKEN}x" "Bearer  x$TOKEN"; do
	http -H "Authorization: $auth" --data-binary 'set baseline wrong = latest' "$URL/api/query"
	check_status "Authorization: '$auth': 401" 401
done
run "$BENCHDB" --db "$DB" -c 'show baselines'
check "the spaced tokens set the baseline" grep -q '^spaced ' "$OUT"
check "the wrong ones did not" [ "$(grep -c '^wrong ' "$OUT")" = 0 ]

# The request target: libmicrohttpd 0.9.75 splits the query string into
# records in the connection's 64 KiB before the server sees the request;
# when they did not fit (about 950 parameters, or 100 in a 60 KB target) it
# never answered, and the connection waited for the 60 s idle timeout. Now
# a target over 16384 bytes or with more than 256 parameters is 414 with a
# JSON body, at once (curl gives up after 10 s: no answer is status 000).
many() { # N: N parameters a=1 joined by '&'
	local i out=a=1
	for ((i = 1; i < $1; i++)); do out+='&a=1'; done
	printf '%s' "$out"
}
fast() { http --max-time 10 "$@"; }
PARAMS_ERR=$(error "the query string has more than 256 parameters")
TARGET_ERR=$(error "the request target (path and query string) is longer than 16384 bytes; a long statement goes as the body of POST /api/query")
for n in 1000 5000; do
	fast "$URL/api/query?q=show+runs&$(many "$n")"
	[ "$n" = 5000 ] && want=$TARGET_ERR || want=$PARAMS_ERR
	check_status "$n query parameters: 414" 414
	check_body "$n query parameters: says why" "$want"
done
fast "$URL/api/query?q=show+runs&$(many 256)"
check_status "257 parameters: 414" 414
check_body "257 parameters: says why" "$PARAMS_ERR"
fast "$URL/api/query?q=show+runs&$(many 255)"
check_status "256 parameters: answered" 200
check "256 parameters: the statement's answer" grep -qF '"statement": "show runs"' "$OUT"
# A target of 16384 bytes, 256 parameters in it, is answered; one byte more is not.
target="/api/query?q=show+runs&$(many 254)&x="
pad=$(head -c $((16384 - ${#target})) /dev/zero | tr '\0' x)
fast "$URL$target$pad"
check_status "a target of 16384 bytes with 256 parameters: answered" 200
fast "$URL${target}y$pad"
check_status "a target of 16385 bytes: 414" 414
check_body "a target of 16385 bytes: says why" "$TARGET_ERR"
long=$(head -c 60000 /dev/zero | tr '\0' x)
fast "$URL/api/query?q=show+runs&x=$long&$(many 100)"
check_status "a 60 KB target with 100 parameters: 414" 414
check_body "a 60 KB target with 100 parameters: says why" "$TARGET_ERR"
# Longer than the connection's memory: libmicrohttpd's own 414 (its page).
fast "$URL/api/health?x=$long$long"
check_status "a 120 KB target: 414" 414
# Headers past the connection's memory: libmicrohttpd's 431.
fast -H "X-Long: $long$long" "$URL/api/health"
check_status "a 120 KB header line: 431" 431
hdrs=()
for ((i = 0; i < 2000; i++)); do hdrs+=(-H "A$i: v"); done
fast "${hdrs[@]}" "$URL/api/health"
check_status "2000 headers: 431" 431
# A refused target, then another request (the refusal closes its
# connection, as every answer given before the body does).
curl -s --max-time 10 -o /dev/null -o /dev/null -w '%{http_code}\n' \
	"$URL/api/query?q=show+runs&$(many 1000)" "$URL/api/health" >"$OUT"
check_out_exact "a refused target, then health" "414
200"
# A posted statement as long as it may be (1 MiB) is the way for long ones.
{ printf 'show runs'; head -c $((1048576 - 9)) /dev/zero | tr '\0' ' '; } >"$WORK/long-statement"
fast --data-binary "@$WORK/long-statement" "$URL/api/query"
check_status "a 1 MiB posted statement: answered" 200

# After all this the server answers as before.
http "$URL/api/health"
check_status "health after the bad requests: 200" 200

# Many statements in one request: each answer is appended to one, so 20
# bytes of "show runs;" asked for 141 KB of a store of 1,000 runs, and a
# 1 MiB body for gigabytes of the server's memory. The answer stops past
# --max-answer (default 256 MiB) with a query error at that statement.
MAIN_URL=$URL MAIN_PID=$PID
start_server "$WORK/small.log" --db "$DB" --max-answer 2000
http --data-binary "$(printf 'show runs;%.0s' $(seq 20))" "$URL/api/query"
check_status "20 statements past --max-answer 2000: 400" 400
check "  says at which statement, and what to do" python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))
ok = e["error"].startswith("the answer passed 2000 bytes, the most it may be, at this statement (") \
    and e["error"].endswith(" of 20): run fewer statements at once") and e["code"] == "query" \
    and e["line"] == 1 and e["column"] > 1
sys.exit(0 if ok else 1)' "$OUT"
# One statement whose own answer is past it: fewer statements cannot help
# ("(1 of 1): run fewer statements at once" was all it said, atk59).
http --data-binary 'summary' "$URL/api/query"
check_status "1 statement past --max-answer 2000: 400" 400
check "  says its answer alone is past it, and to narrow it" python3 -c '
import json, sys
e = json.load(open(sys.argv[1]))
sys.exit(0 if e["error"] == "the answer passed 2000 bytes, the most it may be, at this statement " \
    "(1 of 1): its answer alone is larger; narrow it (of, where, last, since)" else 1)' "$OUT"
http --data-binary 'show runs;summary' "$URL/api/query"
check_status "a small statement, then one past it alone: 400" 400
check "  says the second's answer alone is past it" grep -qF \
	'at this statement (2 of 2): its answer alone is larger; narrow it' "$OUT"
http --data-binary 'show runs;show runs' "$URL/api/query"
check_status "2 statements within it: answered" 200
check "  both" [ "$(grep -c '"statement": "show runs"' "$OUT")" = 2 ]
stop_server "$PID"
URL=$MAIN_URL PID=$MAIN_PID
run "$BENCHDB" serve --db "$DB" --max-answer 0
check_rc "--max-answer 0: exit 2" 2
check_err "  says what it expects" "serve: --max-answer: expected a number of bytes, got '0'"

# Control characters in a name reach the terminal as '?' in an error, local
# or from the server (push, --server): an escape sequence (here one setting
# the terminal's title) is not sent. The tag key holds ESC ] 0 ; T BEL.
/usr/bin/python3 -c 'import json,sys; json.dump({"id": "esc", "timestamp": "2026-01-02T00:00:00Z", "points": [{"name": "x", "tags": {"k\u001b]0;T\u0007=": "v"}, "metrics": {"time": {"value": 1, "unit": "ns"}}}]}, open(sys.argv[1], "w"))' "$WORK/esc.json"
esc_said() { # NAME: stderr names the key with '?' for ESC and BEL, and holds neither
	check "$1: the key with '?' for its controls" grep -qF 'tag key "k?]0;T?="' "$ERR"
	check "$1: no control character" [ "$(tr -d '\n' <"$ERR" | tr -d '[:print:]' | wc -c)" = 0 ]
}
run "$BENCHDB" --db "$DB" ingest --no-env "$WORK/esc.json"
check_rc "ingest of a tag key with '=': exit 3" 3
esc_said "ingest"
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$WORK/esc.json"
check_rc "push of it: exit 3" 3
esc_said "push"
# A run id from a file holds any character: "Ingested run" and "Pushed
# run" print it on their one line (a CI log reads "::error::" at the start
# of a line as a command).
/usr/bin/python3 -c 'import json,sys; json.dump({"id": "nl\n::error::x", "timestamp": "2026-01-03T00:00:00Z", "points": [{"name": "x", "metrics": {"time": {"value": 1, "unit": "ns"}}}]}, open(sys.argv[1], "w"))' "$WORK/nl.json"
run "$BENCHDB" --db "$WORK/nl-db" ingest --no-env "$WORK/nl.json"
check_out_exact "ingest: the id's line break as '?'" "Ingested run nl?::error::x (1 point, 1 metric)"
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$WORK/nl.json"
check_out_exact "push: the id's line break as '?'" "Pushed run nl?::error::x (1 points, 1 metrics)"
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$WORK/nl.json"
check_out_exact "push again: the id's line break as '?'" \
	"Run nl?::error::x is already stored, unchanged (1 points, 1 metrics)"
run "$BENCHDB" --server "$URL" -c "$(printf 'show points where point = "\033]0;T\007"')"
check_rc "--server: a statement naming no point: exit 2" 2
check "--server: the statement's controls as '?'" grep -qF 'point = "?]0;T?"' "$ERR"
check "--server: no control character" [ "$(tr -d '\n' <"$ERR" | tr -d '[:print:]' | wc -c)" = 0 ]

# Connections: N requests from FROM, their headers left unfinished (a slow
# client) while one request from OTHER is answered, then finished; prints
# OTHER's status, then how many of the N were answered and how many closed
# without an answer.
held() { # PORT FROM N OTHER
	/usr/bin/python3 - "$@" <<'PY'
import socket, sys
port, src, n, other = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
head = b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n"
def connect(addr):
    s = socket.socket()
    s.settimeout(10)
    s.bind((addr, 0))
    s.connect(("127.0.0.1", port))
    return s
def finish(s):
    try:
        s.sendall(b"Connection: close\r\n\r\n")
        data = b""
        while True:
            b = s.recv(4096)
            if not b:
                return data
            data += b
    except OSError:
        return b""
held = []
for _ in range(n):
    s = connect(src)
    try:
        s.sendall(head)
    except OSError:
        pass
    held.append(s)
s = connect(other)
s.sendall(head)
print(finish(s)[9:12].decode() or "none")
answers = [finish(s) for s in held]
print(sum(a.startswith(b"HTTP/1.1 200") for a in answers), sum(a == b"" for a in answers))
PY
}
# On loopback, no limit per address: 70 at once are answered.
held "${URL##*:}" 127.0.0.1 70 127.0.0.2 >"$OUT"
check_out_exact "loopback: 70 slow clients from one address are all answered" "200
70 0"
stop_server "$PID"
check "SIGTERM: exit 0" [ "$RC" = 0 ]

# Beyond loopback (0.0.0.0, reached here over 127.0.0.1 and 127.0.0.2): 64
# from one address are held, the 6 more closed unanswered, and another
# address is answered meanwhile.
"$BENCHDB" serve --db "$DB" --token-file "$WORK/token" --listen 0.0.0.0:0 2>"$WORK/wide.log" &
WIDE=$!
SERVERS+=("$WIDE")
for _ in $(seq 100); do
	PORT=$(grep -o '0\.0\.0\.0:[0-9]*' "$WORK/wide.log" | head -1 | cut -d: -f2)
	[ -n "$PORT" ] && break
	sleep 0.1
done
check "0.0.0.0: the server started" [ -n "$PORT" ]
held "$PORT" 127.0.0.1 70 127.0.0.2 >"$OUT"
check_out_exact "0.0.0.0: 64 of 70 slow clients from one address held, another address answered" \
	"200
64 6"
stop_server "$WIDE"
check "0.0.0.0: SIGTERM: exit 0" [ "$RC" = 0 ]
finish
