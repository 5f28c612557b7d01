#!/usr/bin/env bash
# `benchdb serve` (docs/serve.md, docs/api.md) against the real server over
# 127.0.0.1 with curl: every endpoint and error status, answers byte for
# byte against the CLI, the token, the body limit, a bad upload leaving the
# store unchanged, SIGTERM while a request is in flight, and 20 clients
# querying while uploads arrive. Every curl has a timeout; the servers are
# killed at exit whatever happens.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
	echo "test_serve: curl is missing (make deps)"
	exit 1
}
DB=$WORK/db
GBENCH=$FIXTURES/gbench_plain.json
"$ROOT/tests/charts/make-store.sh" "$WORK/runs"
"$BENCHDB" --db "$DB" ingest "$WORK"/runs/run-*.json >/dev/null
"$BENCHDB" --db "$DB" baseline set main r05 >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"

source "$ROOT/tests/cli/serve_lib.sh"
auth=(-H "Authorization: Bearer $TOKEN")
runs_now() { "$BENCHDB" --db "$DB" --json -c 'show runs' >"$1"; }

start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token" --max-body 65536 \
	--query-timeout 0 --shutdown-timeout 600 # the SIGTERM test below runs a slow statement
# (the default 30 s of shutdown cancelled it on a machine loaded 16 deep, 503:
# a fresh clone's make test beside three other builds)
MAIN=$PID

# 1. Health.
http "$URL/api/health"
check_status "health: 200" 200
check_body "health: body" '{"status": "ok", "writable": true}'
check_security_headers "health"
check "health: JSON" [ "$(header Content-Type)" = application/json ]

# 1b. DNS rebinding: a page whose own name points at 127.0.0.1 sends that
# name as Host; a loopback server answers IP addresses and localhost only.
http -H "Host: evil.example:${URL##*:}" "$URL/api/query?q=show+runs"
check_status "Host evil.example on loopback: 403" 403
check "Host evil.example: the error names the host and --allow-host" \
	grep -qF '"error": "Host evil.example:'"${URL##*:}"' is not this server'"'"'s: on loopback it answers localhost and IP addresses only (a web page can point its own name at 127.0.0.1); serve --allow-host NAME lets a name in"' "$OUT"
for host in "localhost:${URL##*:}" "LocalHost." "bench.localhost" "127.0.0.1" "[::1]:8080" "10.1.2.3"; do
	http -H "Host: $host" "$URL/api/health"
	check_status "Host $host: 200" 200
done
http -H "Host: localhost.evil.example" "$URL/api/health"
check_status "Host localhost.evil.example: 403" 403

# 2. Queries: the bytes of `benchdb --json -c`, by GET and by POST.
for stmt in 'show runs' 'trend time of kernel' 'compare latest with baseline main' \
	'show baselines; show metrics' 'regressions vs baseline main'; do
	"$BENCHDB" --db "$DB" --json -c "$stmt" >"$WORK/cli.json"
	http -G --data-urlencode "q=$stmt" "$URL/api/query"
	check_status "GET query '$stmt': 200" 200
	check "GET query '$stmt': the bytes of benchdb --json -c" cmp -s "$OUT" "$WORK/cli.json"
	http --data-binary "$stmt" "$URL/api/query"
	check_status "POST query '$stmt': 200" 200
	check "POST query '$stmt': the bytes of benchdb --json -c" cmp -s "$OUT" "$WORK/cli.json"
done
check_security_headers "query"

# 3. Query errors: 400 with the diagnostic's fields.
http -G --data-urlencode 'q=compare latest wiht baseline main' "$URL/api/query"
check_status "query error: 400" 400
check_body "query error: error, line, column, expected, suggestion, message, code" \
	'{"error": "expected \"with\", found \"wiht\"; did you mean \"with\"?", "line": 1, "column": 16, "expected": "\"with\"", "suggestion": "with", "message": "expected \"with\", found \"wiht\"; did you mean \"with\"?\n  compare latest wiht baseline main\n                 ^^^^", "code": "query"}'
check_security_headers "query error"
http -G --data-urlencode 'q=trend tiem of kernel' "$URL/api/query"
check_status "unknown metric: 400" 400
check_body "unknown metric: the nearest name" \
	'{"error": "no metric \"tiem\" in the store; did you mean \"time\"?", "line": 1, "column": 7, "expected": null, "suggestion": "time", "message": "no metric \"tiem\" in the store; did you mean \"time\"?\n  trend tiem of kernel\n        ^^^^", "code": "query"}'
http -G --data-urlencode 'q=compare latest with baseline nope' "$URL/api/query"
check_status "missing baseline: 400" 400
check "missing baseline: says which" grep -qF '{"error": "no baseline \"nope\" (set one with' "$OUT"
http "$URL/api/query"
check_status "no q: 400" 400
check_body "no q: says where the statement goes" \
	'{"error": "expected a statement in the q parameter", "line": null, "column": null, "expected": null, "suggestion": null}'
http -X POST "$URL/api/query"
check_status "POST without a body: 400" 400

# 4. Routing: 404 and 405 (with Allow), security headers on both.
http "$URL/api/nothing"
check_status "unknown path: 404" 404
check_body "unknown path: body" \
	'{"error": "not found", "line": null, "column": null, "expected": null, "suggestion": null}'
check_security_headers "404"
http "$URL/../../etc/passwd"
check_status "a path outside /api: 404" 404
http -X DELETE "$URL/api/query"
check_status "DELETE /api/query: 405" 405
check "405: Allow lists the methods" [ "$(header Allow)" = "GET, HEAD, POST" ]
check_security_headers "405"
http -X PATCH "$URL/api/runs"
check_status "PATCH /api/runs: 405" 405
check "PATCH /api/runs: Allow" [ "$(header Allow)" = "GET, HEAD, POST" ]

# 5. chart.svg: the SVG of `benchdb chart`, an ETag, 304 on a match.
"$BENCHDB" --db "$DB" chart 'trend time of kernel' -o "$WORK/chart.svg"
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/chart.svg"
check_status "chart.svg: 200" 200
check "chart.svg: the bytes of benchdb chart" cmp -s "$OUT" "$WORK/chart.svg"
check "chart.svg: image/svg+xml" [ "$(header Content-Type)" = "image/svg+xml; charset=utf-8" ]
check_security_headers "chart.svg"
ETAG=$(header ETag)
check "chart.svg: an ETag" [ -n "$ETAG" ]
http -G --data-urlencode 'q=trend time of kernel' -H "If-None-Match: $ETAG" "$URL/api/chart.svg"
check_status "chart.svg: 304 when the ETag matches" 304
check "chart.svg: 304 has no body" [ ! -s "$OUT" ]
# RFC 9110 13.1.2: "*" matches any current representation; a list matches
# when one of its tags does, a weak W/ one too; another tag does not.
for inm in '*' ' * ' '"0000000000000000", *' "\"0000000000000000\", W/$ETAG"; do
	http -G --data-urlencode 'q=trend time of kernel' -H "If-None-Match: $inm" "$URL/api/chart.svg"
	check_status "chart.svg: If-None-Match: $inm: 304" 304
done
http -G --data-urlencode 'q=trend time of kernel' -H 'If-None-Match: "0000000000000000"' \
	"$URL/api/chart.svg"
check_status "chart.svg: If-None-Match of another tag: 200" 200
check "chart.svg: another tag: the chart" cmp -s "$OUT" "$WORK/chart.svg"
# width=PX: the chart drawn that wide, the bytes of benchdb chart --width
# (the dashboard asks a phone's box's width); not a number of 16 to 20000: 400.
"$BENCHDB" --db "$DB" chart 'trend time of kernel' --width 300 -o "$WORK/chart-300.svg"
http -G --data-urlencode 'q=trend time of kernel' --data-urlencode 'width=300' "$URL/api/chart.svg"
check_status "chart.svg width=300: 200" 200
check "chart.svg width=300: the bytes of benchdb chart --width 300" cmp -s "$OUT" "$WORK/chart-300.svg"
for w in abc 15 20001 300px ''; do
	http -G --data-urlencode 'q=trend time of kernel' --data-urlencode "width=$w" "$URL/api/chart.svg"
	check_status "chart.svg width='$w': 400" 400
	check_body "chart.svg width='$w': says why" \
		'{"error": "the width parameter is a number of pixels from 16 to 20000", "line": null, "column": null, "expected": null, "suggestion": null}'
done
# A chart's notes (a `since` in the future) in X-Benchdb-Answer, as
# /api/query's CSV answer has them; chart.svg dropped them.
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/chart.svg"
check "chart.svg: X-Benchdb-Answer without notes" [ "$(header X-Benchdb-Answer)" = statement ]
http -G --data-urlencode 'q=trend time of kernel since 2099-01-01' "$URL/api/chart.svg"
check_status "chart.svg of a since in the future: 200" 200
check "chart.svg: the note in X-Benchdb-Answer" \
	grep -qi '^X-Benchdb-Answer: statement; notes=since%202099-01-01T00%3A00%3A00Z%20is%20in%20the%20future' "$HDR"
check "chart.svg: the ETag beside it" [ -n "$(header ETag)" ]
# RFC 9112 3.2: an HTTP/1.1 request without Host is a 400; HTTP/1.0 needs none.
http --http1.1 -H 'Host:' "$URL/api/health"
check_status "HTTP/1.1 without Host: 400" 400
check_body "HTTP/1.1 without Host: says why" \
	'{"error": "an HTTP/1.1 request needs a Host header", "line": null, "column": null, "expected": null, "suggestion": null}'
http --http1.0 -H 'Host:' "$URL/api/health"
check_status "HTTP/1.0 without Host: 200" 200
# Two Host headers, or an empty one, are 400 too (RFC 9112 3.2): the first
# of two was checked, so "localhost" then "evil.example" was answered.
raw_request 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n'
check_status "two Host headers: 400" 400
check_body "two Host headers: says why" \
	'{"error": "a request has one Host header, not several", "line": null, "column": null, "expected": null, "suggestion": null}'
raw_request 'GET /api/health HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n'
check_status "an empty Host: 400" 400
check_body "an empty Host: says why" \
	'{"error": "the Host header is empty: it names the server", "line": null, "column": null, "expected": null, "suggestion": null}'
raw_request 'GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'
check_status "one Host, sent raw: 200" 200
http -G --data-urlencode 'q=show runs' "$URL/api/chart.svg"
check_status "chart.svg of a table: 400" 400
check_body "chart.svg of a table: says why" \
	"{\"error\": \"chart.svg draws trend and changes statements as svg; this is 'show runs'\", \"line\": null, \"column\": null, \"expected\": null, \"suggestion\": null}"

# 6. Uploads: the token (missing, wrong, right), 201, unchanged, conflict.
runs_now "$WORK/runs-before.json"
http --data-binary "@$GBENCH" "$URL/api/runs?commit=abc"
check_status "upload without a token: 401" 401
check "401 asks for a bearer token" [ "$(header WWW-Authenticate)" = Bearer ]
check_body "upload without a token: body" \
	'{"error": "writes need Authorization: Bearer TOKEN", "line": null, "column": null, "expected": null, "suggestion": null}'
http -H "Authorization: Bearer ${TOKEN}x" --data-binary "@$GBENCH" "$URL/api/runs"
check_status "upload with a wrong token: 401" 401
check_body "wrong token: body" \
	'{"error": "the bearer token is wrong", "line": null, "column": null, "expected": null, "suggestion": null}'
http -H "Authorization: Bearer ${TOKEN:0:10}" --data-binary "@$GBENCH" "$URL/api/runs"
check_status "upload with a prefix of the token: 401" 401
http -H "Authorization: Basic ${TOKEN}" --data-binary "@$GBENCH" "$URL/api/runs"
check_status "upload with another scheme: 401" 401
check_body "another scheme: says which one writes need" \
	'{"error": "writes need Authorization: Bearer TOKEN", "line": null, "column": null, "expected": null, "suggestion": null}'
# The scheme's name in any case (RFC 7235): "bearer" writes too.
http -H "Authorization: bearer ${TOKEN}" --data-binary 'set baseline lower = latest' "$URL/api/query"
check_status "a write with 'bearer' in lower case: 200" 200
http -H "Authorization: BEARER ${TOKEN}" --data-binary 'drop baseline lower' "$URL/api/query"
check_status "and with 'BEARER': 200" 200
runs_now "$WORK/runs-after.json"
check "refused uploads store nothing" cmp -s "$WORK/runs-before.json" "$WORK/runs-after.json"

http "${auth[@]}" --data-binary "@$GBENCH" \
	"$URL/api/runs?commit=abc123&branch=main&id=up-1&tag=host=ci&timestamp=2026-04-01T00:00:00Z"
check_status "upload: 201" 201
check_body "upload: id, points, metrics" \
	'{"id": "up-1", "points": 9, "metrics": 27, "outcome": "stored"}'
check_security_headers "upload"
run "$BENCHDB" --db "$DB" --json -c 'show runs'
check_out "the uploaded run is stored with its parameters" \
	'{"id": "up-1", "timestamp": "2026-04-01T00:00:00Z", "commit": "abc123", "branch": "main", "points": 9, "metrics": 27}'
http "${auth[@]}" --data-binary "@$GBENCH" \
	"$URL/api/runs?commit=abc123&branch=main&id=up-1&tag=host=ci&timestamp=2026-04-01T00:00:00Z"
check_status "the same upload again: 200" 200
check_body "the same upload again: unchanged" \
	'{"id": "up-1", "points": 9, "metrics": 27, "outcome": "unchanged"}'
http "${auth[@]}" --data-binary "@$GBENCH" "$URL/api/runs?id=up-1&commit=other"
check_status "another run under a stored id: 409" 409

# 7. A bad upload: 400 with file:line:col, the store unchanged.
runs_now "$WORK/runs-before.json"
printf '{"benchmarks": [\n  {"name": "x", "real_time": "fast"}\n]}\n' >"$WORK/bad.json"
http "${auth[@]}" --data-binary "@$WORK/bad.json" "$URL/api/runs?format=gbench"
check_status "bad upload: 400" 400
check "bad upload: upload:LINE:COL: what was expected" grep -q '"error": "upload:2:[0-9]*: ' "$OUT"
http "${auth[@]}" --data-binary 'not a result file' "$URL/api/runs"
check_status "unrecognised upload: 400" 400
http "${auth[@]}" --data-binary "@$GBENCH" "$URL/api/runs?format=nosuch"
check_status "unknown format parameter: 400" 400
check "unknown format: says which" grep -q "unknown format 'nosuch'" "$OUT"
http "${auth[@]}" --data-binary "@$GBENCH" "$URL/api/runs?tag=novalue"
check_status "a tag without =: 400" 400
http "${auth[@]}" --data-binary "@$GBENCH" "$URL/api/runs?commit=a%0Ab"
check_status "a parameter with a newline: 400" 400
runs_now "$WORK/runs-after.json"
check "bad uploads leave the store unchanged" cmp -s "$WORK/runs-before.json" "$WORK/runs-after.json"

# 8. The body limit: 413, declared or chunked.
head -c 100000 /dev/zero | tr '\0' 'x' >"$WORK/big"
http "${auth[@]}" --data-binary "@$WORK/big" "$URL/api/runs"
check_status "a body over --max-body: 413" 413
check_body "413: body" \
	'{"error": "the request body is too large", "line": null, "column": null, "expected": null, "suggestion": null}'
http -H "Transfer-Encoding: chunked" --data-binary "@$WORK/big" "$URL/api/query"
check_status "a chunked body over --max-body: 413" 413
# Every endpoint that takes a body, chunked (the length counted as it comes).
http "${auth[@]}" -H "Transfer-Encoding: chunked" --data-binary "@$WORK/big" "$URL/api/runs"
check_status "a chunked upload over --max-body: 413" 413
check_body "a chunked upload over --max-body: body" \
	'{"error": "the request body is too large", "line": null, "column": null, "expected": null, "suggestion": null}'
http "${auth[@]}" -X PUT -H "Transfer-Encoding: chunked" --data-binary "@$WORK/big" \
	"$URL/api/baselines/big"
check_status "a chunked baseline body over --max-body: 413" 413
# What needs no body to refuse is refused before the body is read.
http --data-binary "@$WORK/big" "$URL/api/runs"
check_status "a big upload without the token: 401, not 413" 401
http -X PUT --data-binary "@$WORK/big" "$URL/api/nothing"
check_status "a big body to an unknown path: 404" 404

# A run id or commit longer than 255 bytes is answered whole (before: cut).
lid=$(printf 'i%.0s' $(seq 300))
lcommit=$(printf 'c%.0s' $(seq 300))
http "${auth[@]}" --data-binary "@$FIXTURES/gbench_plain.json" "$URL/api/runs?id=$lid&commit=$lcommit"
check_status "an upload with a 300-character id: 201" 201
check_body "  its answer names the whole id" \
	"{\"id\": \"$lid\", \"points\": 9, \"metrics\": 27, \"outcome\": \"stored\"}"

# 9. Writes through the query language need the token too.
http --data-binary 'set baseline b2 = latest' "$URL/api/query"
check_status "set baseline without a token: 401" 401
http "${auth[@]}" --data-binary 'set baseline b2 = latest' "$URL/api/query"
check_status "set baseline with the token: 200" 200
check "the baseline is set" grep -q '"b2"' <("$BENCHDB" --db "$DB" --json -c 'show baselines')
# Whatever the lexer skips before a statement's first word (a form feed, a
# vertical tab, a comment) hides no write from the token check.
for lead in $'\f' $'\v' $'-- c\n\v' $'show runs\n\f'; do
	http --data-binary "${lead}drop baseline b2" "$URL/api/query"
	check_status "drop baseline after $(printf %q "$lead") without a token: 401" 401
	http -G --data-urlencode "q=${lead}set baseline b3 = latest" "$URL/api/query"
	check_status "GET set baseline after $(printf %q "$lead") without a token: 401" 401
done
check "the baselines are as the token set them" \
	grep -q '"b2"' <("$BENCHDB" --db "$DB" --json -c 'show baselines')
check "no baseline b3" bash -c "! '$BENCHDB' --db '$DB' --json -c 'show baselines' | grep -q b3"

# 10. The access log: one line a request.
check "access log: one line a request" \
	grep -q '^127.0.0.1 "GET /api/health" 200 35 [0-9.]*ms$' "$WORK/server.log"
check "access log: no query string" bash -c "! grep -q 'wiht' '$WORK/server.log'"

# 11. 20 clients querying while 10 uploads arrive: no error, no partial run.
client() { # N: queries in a loop; counts failures into $WORK/client.N
	local n=$1 bad=0 i code
	for i in $(seq 8); do
		code=$(curl -s --max-time 60 -o "$WORK/c$n.out" -w '%{http_code}' -G \
			--data-urlencode 'q=show runs' "$URL/api/query")
		if [ "$code" != 200 ] || ! tail -c 4 "$WORK/c$n.out" | grep -q ']}'; then
			bad=$((bad + 1))
		elif grep '"id": "load-' "$WORK/c$n.out" | grep -vq '"points": 9, "metrics": 27}'; then
			bad=$((bad + 1)) # a run seen partly stored
		fi
		code=$(curl -s --max-time 60 -o /dev/null -w '%{http_code}' -G \
			--data-urlencode 'q=trend time of kernel' "$URL/api/chart.svg")
		[ "$code" = 200 ] || bad=$((bad + 1))
	done
	echo "$bad" >"$WORK/client.$n"
}
pids=()
for n in $(seq 20); do
	client "$n" &
	pids+=($!)
done
up_bad=0
for u in $(seq 10); do
	code=$(curl -s --max-time 60 -o /dev/null -w '%{http_code}' "${auth[@]}" \
		--data-binary "@$GBENCH" "$URL/api/runs?id=load-$u&commit=c$u")
	[ "$code" = 201 ] || up_bad=$((up_bad + 1))
done
wait "${pids[@]}"
client_bad=$(cat "$WORK"/client.* | awk '{s += $1} END {print s + 0}')
check "concurrency: 20 clients x 16 requests, 0 errors or partial runs" [ "$client_bad" = 0 ]
check "concurrency: 10 uploads, all 201" [ "$up_bad" = 0 ]
check "concurrency: every uploaded run whole" [ "$("$BENCHDB" --db "$DB" --json -c 'show runs' |
	grep '"id": "load-' | grep -c '"points": 9, "metrics": 27}')" = 10 ]

# 12. SIGTERM while a slow query is in flight: it completes, exit 0.
slow='changes rate using edivisive permutations 100000'
"$BENCHDB" --db "$DB" --json -c "$slow" >"$WORK/slow-cli.json"
curl -s --max-time 300 --trace-ascii "$WORK/slow.trace" -o "$WORK/slow.json" -w '%{http_code}' \
	-G --data-urlencode "q=$slow" "$URL/api/query" >"$WORK/slow.status" &
CURL=$!
for i in $(seq 100); do # until the request is sent (10 s)
	grep -q '^=> Send header' "$WORK/slow.trace" 2>/dev/null && break
	sleep 0.1
done
sleep 0.5
stop_server "$MAIN" 300 # the slow statement finishes first
check "SIGTERM: the server exits 0" [ "$RC" = 0 ]
wait "$CURL"
check "SIGTERM: the request in flight completes with 200" [ "$(cat "$WORK/slow.status")" = 200 ]
check "SIGTERM: its answer is whole" cmp -s "$WORK/slow.json" "$WORK/slow-cli.json"
check "SIGTERM: it was in flight when the signal came" \
	bash -c "sed -n '/SIGTERM/,\$p' '$WORK/server.log' | grep -q '\"GET /api/query\" 200'"
check "SIGTERM: the server says it stopped" grep -q 'benchdb: serve: stopped' "$WORK/server.log"
check "the server is gone" bash -c "! curl -s --max-time 2 -o /dev/null $URL/api/health"

# 12b. With one quick thread, a long statement (`changes`: the statement
# table's long-running rows run on the long lane's threads) does not hold
# up a trend: the trend is answered while the changes request is in flight.
start_server "$WORK/lanes.log" --db "$DB" --threads 1 --query-timeout 0
curl -s --max-time 120 --trace-ascii "$WORK/lane.trace" -o "$WORK/lane.json" -w '%{http_code}' \
	-G --data-urlencode "q=$slow" "$URL/api/query" >"$WORK/lane.status" &
CURL=$!
for i in $(seq 100); do
	grep -q '^=> Send header' "$WORK/lane.trace" 2>/dev/null && break
	sleep 0.1
done
for i in 1 2 3; do
	http -G --data-urlencode 'q=trend time of kernel' "$URL/api/query"
	check_status "one quick thread, changes in flight: trend $i answers 200" 200
done
check "one quick thread: the changes request was still in flight" kill -0 "$CURL"
wait "$CURL"
check "one quick thread: the changes request completes with 200" [ "$(cat "$WORK/lane.status")" = 200 ]
check "one quick thread: its answer is whole" cmp -s "$WORK/lane.json" "$WORK/slow-cli.json"
stop_server "$PID"
check "one quick thread: SIGTERM, exit 0" [ "$RC" = 0 ]
# 12c. --max-waiting 1: with both long-lane threads busy and one request
# waiting, another long request is 503 with Retry-After at once; quick
# reads still answer. (--query-timeout 3 ends the long ones.) Which of the
# four is refused depends on the order the server reads them: one is.
start_server "$WORK/busy.log" --db "$DB" --max-waiting 1 --query-timeout 3
# long_requests N...: the slow statement four times (longer than the
# time limit even alone) as request N... in the background (busyN.json,
# .hdr, .status; pids in BUSY), each once it has been sent.
long_requests() {
	local i j
	BUSY=()
	for i in "$@"; do
		curl -s --max-time 60 --trace-ascii "$WORK/busy$i.trace" -D "$WORK/busy$i.hdr" \
			-o "$WORK/busy$i.json" -w '%{http_code}' -G --data-urlencode "q=$slow; $slow; $slow; $slow" \
			"$URL/api/query" >"$WORK/busy$i.status" &
		BUSY+=($!)
		for j in $(seq 100); do
			grep -q '^=> Send header' "$WORK/busy$i.trace" 2>/dev/null && break
			sleep 0.1
		done
		sleep 0.2
	done
}
long_requests 1 2 3 4
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/query"
check_status "a quick read while the long lane is full: 200" 200
wait "${BUSY[@]}"
busy_body='{"error": "the server is busy; try again", "line": null, "column": null, "expected": null, "suggestion": null}'
check "four long requests, all 503" [ "$(cat "$WORK"/busy[1-4].status)" = 503503503503 ]
check "one of them: the server is busy" [ "$(grep -lxF "$busy_body" "$WORK"/busy[1-4].json | wc -l)" = 1 ]
check "the busy one says to retry after 1 s" \
	grep -qi '^Retry-After: 1' "$(grep -lxF "$busy_body" "$WORK"/busy[1-4].json | sed 's/json$/hdr/')"
check "three of them: past --query-timeout" \
	[ "$(grep -l 'time limit' "$WORK"/busy[1-4].json | wc -l)" = 3 ]
# A client told "busy" (503 with Retry-After) tries again: with the long
# lane full again, `benchdb --server` waits it out and prints the answer.
long_requests 5 6 7
quick='changes rate using edivisive permutations 20 seed 7'
"$BENCHDB" --db "$DB" -c "$quick" >"$WORK/quick-local.txt"
run "$BENCHDB" --server "$URL" -c "$quick"
check_rc "--server while the lane is full: exit 0 after trying again" 0
check "--server: it said it would try again" grep -qF "is busy (503); trying again in" "$ERR"
check "--server: the answer, as the local one" cmp -s "$OUT" "$WORK/quick-local.txt"
wait "${BUSY[@]}"
stop_server "$PID"
check "--max-waiting server: SIGTERM, exit 0" [ "$RC" = 0 ]
# 12d. Long requests whose clients have gone are not run: 8 sent and their
# connections closed at once; the two the long lane took at once run to the
# time limit (503, sent nowhere), the six that waited are dropped when their
# turn comes (logged with no status). Before, all eight ran, 2 s each,
# holding the lane for 8 s (64 such, --max-waiting's default, for minutes).
start_server "$WORK/gone.log" --db "$DB" --query-timeout 2
python3 - "${URL##*:}" "$slow; $slow; $slow; $slow" <<'PY'
import socket, sys, urllib.parse
port, q = int(sys.argv[1]), urllib.parse.quote(sys.argv[2])
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
for s in socks:
    s.sendall(("GET /api/query?q=%s HTTP/1.1\r\nHost: localhost\r\n\r\n" % q).encode())
for s in socks:
    s.close()
PY
for i in $(seq 300); do # bounds a wait for the lane, not a speed
	[ "$(grep -c '"GET /api/query"' "$WORK/gone.log")" -ge 8 ] && break
	sleep 0.1
done
ran=$(grep -c '"GET /api/query" 503 ' "$WORK/gone.log")
dropped=$(grep -c '"GET /api/query" 0 0 .* aborted' "$WORK/gone.log")
check "given-up long requests: at most the lane's two ran ($ran), the rest dropped ($dropped)" \
	test "$ran" -le 2 -a $((ran + dropped)) -eq 8
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/query"
check_status "given-up long requests: the server answers" 200
stop_server "$PID"
check "given-up long requests: SIGTERM, exit 0" [ "$RC" = 0 ]
run "$BENCHDB" --db "$DB" serve --max-waiting 0
check_rc "--max-waiting 0: exit 2" 2
run "$BENCHDB" --db "$DB" serve --threads 0
check_rc "--threads 0: exit 2" 2
check_err "--threads 0: says the range" "--threads: expected 1 to 64, got '0'"
run "$BENCHDB" --db "$DB" serve --threads 65
check_rc "--threads 65: exit 2" 2

# 13. Without a token file: read-only; a statement past --query-timeout is 503.
start_server "$WORK/ro.log" --db "$DB" --query-timeout 0.2
http "$URL/api/health"
check_body "read-only: health says so" '{"status": "ok", "writable": false}'
http "${auth[@]}" --data-binary "@$GBENCH" "$URL/api/runs"
check_status "read-only: upload 403" 403
check_body "read-only: says how to allow writes" \
	'{"error": "the server is read-only (writes need benchdb serve --token-file)", "line": null, "column": null, "expected": null, "suggestion": null}'
http --data-binary 'drop baseline main' "$URL/api/query"
check_status "read-only: drop baseline 403" 403
http -G --data-urlencode 'q=show runs' "$URL/api/query"
check_status "read-only: queries answer" 200
http -G --data-urlencode "q=$slow" "$URL/api/query"
check_status "a statement past --query-timeout: 503" 503
check_body "past --query-timeout: says so" \
	'{"error": "the statement ran past the server'"'"'s time limit", "line": null, "column": null, "expected": null, "suggestion": null}'
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/chart.svg"
check_status "the server answers after a cancelled statement" 200
stop_server "$PID"
check "read-only server: SIGTERM, exit 0" [ "$RC" = 0 ]
check "read-only: the baseline is still there" grep -q '"main"' <("$BENCHDB" --db "$DB" --json -c 'show baselines')

# 13b. --allow-host lets names in (a reverse proxy passing its own Host);
# a server on another address than loopback checks no Host.
start_server "$WORK/hosts.log" --db "$DB" --allow-host bench.example.org,ci.test
for host in bench.example.org BENCH.example.org:443 ci.test; do
	http -H "Host: $host" "$URL/api/health"
	check_status "--allow-host: Host $host 200" 200
done
http -H "Host: evil.example" "$URL/api/health"
check_status "--allow-host: Host evil.example still 403" 403
stop_server "$PID"
start_server "$WORK/public.log" --db "$DB" --notify-url http://127.0.0.1:9/ \
	--public-url https://bench.example.com/dash/
http -H "Host: bench.example.com" "$URL/api/health"
check_status "--public-url's host as Host: 200" 200
http -H "Host: example.com" "$URL/api/health"
check_status "another name than --public-url's: 403" 403
stop_server "$PID"
port=$((20000 + RANDOM % 40000))
"$BENCHDB" serve --db "$DB" --listen "0.0.0.0:$port" 2>"$WORK/any.log" &
ANY=$!
SERVERS+=("$ANY")
for i in $(seq 100); do
	curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port/api/health" && break
	sleep 0.1
done
http -H "Host: bench.example.org" "http://127.0.0.1:$port/api/health"
check_status "on 0.0.0.0: a team server's name as Host, 200" 200
stop_server "$ANY"

# 14. Usage errors.
run "$BENCHDB" --db "$DB" serve --listen nohost
check_rc "--listen without a port: exit 2" 2
check_err "--listen: says the form" "expected HOST:PORT"
run "$BENCHDB" --db "$DB" serve --token-file "$WORK/nonexistent"
check_rc "a missing token file: exit 3" 3
run "$BENCHDB" --db "$DB" serve --query-timeout -1
check_rc "a negative --query-timeout: exit 2" 2
printf 'short\n' >"$WORK/short"
run "$BENCHDB" --db "$DB" serve --token-file "$WORK/short"
check_rc "a short token: exit 2" 2
run "$BENCHDB" --db "$WORK/nostore" serve
check_rc "a missing store: exit 3" 3

finish
