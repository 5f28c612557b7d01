#!/usr/bin/env bash
# How `benchdb serve` reads a request's framing and its token (docs/serve.md,
# "Security defaults"), with bytes sent raw over loopback to a real server:
# a body is delimited one way only (RFC 9112 6: two Content-Lengths, or one
# beside Transfer-Encoding, are 400; a transfer coding other than chunked
# is 501; each closes the connection, so nothing after the headers is read
# as a request), a blank before a header's colon is 400 (RFC 9112 5.1), and
# the bearer token may follow its scheme after several spaces and have
# blanks after it (RFC 9110 11.4, 5.5). Every answer is awaited at most
# 10 s (a server that waits for the rest of a body it cannot delimit never
# answers, and the check fails on the missing status).
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
	echo "test_serve_framing: curl is missing (make deps)"
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

# After all this the server answers as before.
http "$URL/api/health"
check_status "health after the bad requests: 200" 200
stop_server "$PID"
check "SIGTERM: exit 0" [ "$RC" = 0 ]
finish
