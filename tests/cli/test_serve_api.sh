#!/usr/bin/env bash
# The catalog and write endpoints of `benchdb serve` (docs/api.md) against
# the real server over 127.0.0.1 with curl: runs paged, one run's detail,
# points, metrics, tags, baselines (each the bytes of `benchdb --json -c`
# where a statement exists), PUT and DELETE /api/baselines/NAME with the
# token missing, wrong and right, path and parameter decoding (400 on bad
# escapes), /metrics, the badge, the access log file. Every status and
# error body is checked exactly.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || {
	echo "test_serve_api: curl is missing (make deps)"
	exit 1
}
source "$ROOT/tests/cli/serve_lib.sh"

DB=$WORK/db
XSS='<img src=x onerror=alert(1)>'
# Four runs, newest last: r1..r4 on 2026-05-01..04; r2 has an environment
# and metadata; the point named $XSS has metric time (3 samples a run);
# kernel has two series (tag framework A and B).
mkdir -p "$WORK/runs"
for i in 1 2 3 4; do
	env=""
	[ "$i" = 2 ] && env='"environment": {"host": "ci-1", "cpu": {"count": "8"}}, "metadata": {"suite": "tier1"},'
	cat >"$WORK/runs/r$i.json" <<JSON
{"id": "r$i", "timestamp": "2026-05-0${i}T10:00:00Z", "commit": "c${i}00000", "branch": "main", $env
 "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},
 "points": [
  {"name": "kernel", "tags": {"framework": "A"}, "metrics": {"time": {"value": $((1000 + i))}}},
  {"name": "kernel", "tags": {"framework": "B"}, "metrics": {"time": {"value": $((2000 + i))}}},
  {"name": "<img src=x onerror=alert(1)>", "metrics": {"time": {"value": $((300 + i)), "samples": [$((299 + i)), $((300 + i)), $((301 + i))]}}}
 ]}
JSON
done
"$BENCHDB" --db "$DB" ingest "$WORK"/runs/r*.json >/dev/null
"$BENCHDB" --db "$DB" baseline set main r1 >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"
auth=(-H "Authorization: Bearer $TOKEN")
cli_json() { "$BENCHDB" --db "$DB" --json -c "$1" >"$WORK/cli.json"; }
E=', "line": null, "column": null, "expected": null, "suggestion": null}'

start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token"
MAIN=$PID MAIN_URL=$URL

# 1. Catalog endpoints: the bytes of `benchdb --json -c STATEMENT`.
for pair in 'points:show points' 'metrics:show metrics' 'tags:show tags' \
	'tags/framework:show tags framework' 'baselines:show baselines'; do
	path=${pair%%:*} stmt=${pair#*:}
	cli_json "$stmt"
	http "$URL/api/$path"
	check_status "GET /api/$path: 200" 200
	check "GET /api/$path: the bytes of benchdb --json -c '$stmt'" cmp -s "$OUT" "$WORK/cli.json"
	check "GET /api/$path: JSON" [ "$(header Content-Type)" = application/json ]
done
http "$URL/api/tags/nokey"
check_status "unknown tag key: 404" 404
check_body "unknown tag key: body" "{\"error\": \"no tag \\\"nokey\\\" in the store\"$E"

# 2. Runs, paged newest first; the next page in the Link header.
cli_json 'show runs'
http "$URL/api/runs"
check_status "GET /api/runs: 200" 200
check "GET /api/runs: every run, the bytes of show runs" cmp -s "$OUT" "$WORK/cli.json"
check "GET /api/runs: no Link on the last page" [ -z "$(header Link)" ]
http "$URL/api/runs?limit=2"
check_status "runs limit=2: 200" 200
check "runs limit=2: r4, r3" [ "$(grep -o '"id": "r[0-9]"' "$OUT" | tr '\n' ' ')" = '"id": "r4" "id": "r3" ' ]
check "runs limit=2: Link to the next page" [ "$(header Link)" = '</api/runs?limit=2&before=r3>; rel="next"' ]
http "$URL/api/runs?limit=2&before=r3"
check "runs before=r3: r2, r1" [ "$(grep -o '"id": "r[0-9]"' "$OUT" | tr '\n' ' ')" = '"id": "r2" "id": "r1" ' ]
check "runs before=r3: the last page has no Link" [ -z "$(header Link)" ]
http "$URL/api/runs?limit=3&before=r1"
check_body "runs before the oldest: no rows" \
	'{"statement": "show runs", "columns": ["id", "timestamp", "commit", "branch", "points", "metrics"], "rows": []}'
http "$URL/api/runs?before=r9"
check_status "runs before an unknown run: 400" 400
check_body "runs before an unknown run: body" "{\"error\": \"before: the store has no run \\\"r9\\\"\"$E"
# id=ID: whether the store has the run, 200 either way (the dashboard's run
# page asks before /api/runs/ID, whose 404 the browser logs as an error).
http "$URL/api/runs?id=r2"
check_status "runs id=r2: 200" 200
check "runs id=r2: its row alone" [ "$(grep -o '"id": "r[0-9]"' "$OUT" | tr '\n' ' ')" = '"id": "r2" ' ]
http "$URL/api/runs?id=r9"
check_status "runs id of no run: 200" 200
check_body "runs id of no run: no rows" \
	'{"statement": "show runs", "columns": ["id", "timestamp", "commit", "branch", "points", "metrics"], "rows": []}'
http "$URL/api/runs?id=r2&limit=1"
check_status "runs id with limit: 400" 400
check_body "runs id with limit: body" "{\"error\": \"id: one run, without limit or before\"$E"
for bad in 0 1001 -1 x 2x ''; do
	http "$URL/api/runs?limit=$bad"
	check_status "runs limit='$bad': 400" 400
	check_body "runs limit='$bad': body" "{\"error\": \"limit: expected a number of runs from 1 to 1000\"$E"
done

# 3. One run: its environment and metadata, and its summary.
http "$URL/api/runs/r2"
check_status "GET /api/runs/r2: 200" 200
cli_json 'summary run "r2"'
check_body "GET /api/runs/r2: run (environment, metadata) and summary" "$(
	printf '%s\n' '{"run": {"statement": "run", "run": "r2", "timestamp": "2026-05-02T10:00:00Z", "commit": "c200000", "branch": "main", "columns": ["section", "key", "value"], "rows": ['
	printf '%s\n' '  {"section": "environment", "key": "cpu.count", "value": "8"},'
	printf '%s\n' '  {"section": "environment", "key": "host", "value": "ci-1"},'
	printf '%s\n' '  {"section": "metadata", "key": "json:environment", "value": "{\"host\":\"ci-1\",\"cpu\":{\"count\":\"8\"}}"},'
	printf '%s\n' '  {"section": "metadata", "key": "json:timestamp_zone", "value": "+00:00"},'
	printf '%s\n' '  {"section": "metadata", "key": "suite", "value": "tier1"}'
	printf '%s\n' ']},'
	printf '"summary": '
	head -c -1 "$WORK/cli.json"
	printf '}'
)"
check "GET /api/runs/r2: the XSS point is JSON text" grep -qF '"point": "<img src=x onerror=alert(1)>"' "$OUT"
http "$URL/api/runs/nope"
check_status "unknown run id: 404" 404
check_body "unknown run id: body" "{\"error\": \"no run \\\"nope\\\"\"$E"
http "$URL/api/runs/latest"
check_status "a run reference is not an id: 404" 404

# 4. Paths and parameters: percent-decoded by the server, bad ones 400.
PATH_ERR="{\"error\": \"the path is not percent-encoded UTF-8 text without control characters\"$E"
for bad in '%ZZ' 'a%00b' 'a%0Ab' '%FF' '%C3' 'a%2'; do
	http "$URL/api/runs/$bad"
	check_status "path parameter '$bad': 400" 400
	check_body "path parameter '$bad': body" "$PATH_ERR"
done
http "$URL/api/r%75ns"
check_status "fixed segments are matched literally: 404" 404
http "$URL/api/runs/"
check_status "an empty path parameter: 404" 404
http "$URL/api/runs/r2/x"
check_status "two segments after /api/runs/: 404" 404
http "$URL/api/query?q=show%20runs%20last%201%"
check_status "a bad escape in q: 400" 400
check_body "a bad escape in q: body" \
	"{\"error\": \"the q parameter is not percent-encoded UTF-8 text without NUL bytes\"$E"
http "$URL/api/query?q=show%00runs"
check_status "%00 in q: 400" 400
http "$URL/api/query?q=show+runs+last+1"
check_status "'+' is a space in a query value: 200" 200
check "'+' is a space: one run" [ "$(grep -c '"id": "' "$OUT")" = 1 ]
http "$URL/api/tags/fr%61mework"
check_status "a path parameter is decoded: /api/tags/fr%61mework 200" 200
check "a decoded path parameter: framework's values" grep -q '"key": "framework"' "$OUT"

# 5. PUT and DELETE /api/baselines/NAME: the token, 201/200, 400, 404.
http -X PUT --data-binary 'latest' "$URL/api/baselines/rel"
check_status "PUT baseline without a token: 401" 401
check_body "PUT without a token: body" "{\"error\": \"writes need Authorization: Bearer TOKEN\"$E"
check "PUT without a token: WWW-Authenticate" [ "$(header WWW-Authenticate)" = Bearer ]
http -X PUT -H "Authorization: Bearer wrong-token-0123456789" --data-binary 'latest' "$URL/api/baselines/rel"
check_status "PUT baseline with a wrong token: 401" 401
check_body "PUT with a wrong token: body" "{\"error\": \"the bearer token is wrong\"$E"
http -X DELETE "$URL/api/baselines/main"
check_status "DELETE baseline without a token: 401" 401
http -X DELETE -H "Authorization: Bearer wrong-token-0123456789" "$URL/api/baselines/main"
check_status "DELETE baseline with a wrong token: 401" 401
"$BENCHDB" --db "$DB" --json -c 'show baselines' >"$WORK/before.json"
check "refused writes: the baselines unchanged" cmp -s "$WORK/before.json" <(
	"$BENCHDB" --db "$DB" --json -c 'show baselines')

row() { # BASELINE RUN DAY COMMIT STATEMENT: a baseline write's JSON body
	printf '%s\n%s\n%s' "{\"statement\": \"$5\", \"columns\": [\"baseline\", \"run\", \"timestamp\", \"commit\"], \"rows\": [" \
		"  {\"baseline\": $1, \"run\": \"$2\", \"timestamp\": \"2026-05-0$3T10:00:00Z\", \"commit\": \"$4\"}" ']}'
}
http -X PUT "${auth[@]}" --data-binary 'latest~1' "$URL/api/baselines/rel"
check_status "PUT a new baseline: 201" 201
check_body "PUT a new baseline: its row" "$(row '"rel"' r3 3 c300000 'set baseline')"
http -X PUT "${auth[@]}" --data-binary 'run "r2"' "$URL/api/baselines/rel"
check_status "PUT moves a baseline: 200" 200
check_body "PUT moves a baseline: its row" "$(row '"rel"' r2 2 c200000 'set baseline')"
cli_json 'show baselines'
check "PUT: show baselines has rel at r2" grep -qF '{"baseline": "rel", "run": "r2"' "$WORK/cli.json"
# A name with quotes, a backslash, a space and non-ASCII: quoted, never pasted.
WEIRD='we"ird\ ü; drop baseline main'
ENC='we%22ird%5C%20%C3%BC%3B%20drop%20baseline%20main'
http -X PUT "${auth[@]}" --data-binary 'latest' "$URL/api/baselines/$ENC"
check_status "PUT a name with quotes, backslash, unicode: 201" 201
check_body "PUT a weird name: its row" "$(row '"we\"ird\\ ü; drop baseline main"' r4 4 c400000 'set baseline')"
cli_json 'show baselines'
check "PUT a weird name: stored under exactly that name, main kept" \
	[ "$(grep -c '"baseline": "main"\|"baseline": "we\\"ird\\\\ ü; drop baseline main"' "$WORK/cli.json")" = 2 ]
http -X DELETE "${auth[@]}" "$URL/api/baselines/$ENC"
check_status "DELETE the weird name: 200" 200
check_body "DELETE the weird name: its row" "$(row '"we\"ird\\ ü; drop baseline main"' r4 4 c400000 'drop baseline')"
http -X DELETE "${auth[@]}" "$URL/api/baselines/$ENC"
check_status "DELETE a missing baseline: 404" 404
check_body "DELETE a missing baseline: the language's message" \
	'{"error": "no baseline \"we\"ird\\ ü; drop baseline main\" (set one with: set baseline \"we\\\"ird\\\\ ü; drop baseline main\" = RUN)"'"$E"
http -X PUT "${auth[@]}" --data-binary 'lates' "$URL/api/baselines/rel"
check_status "PUT a bad run reference: 400" 400
check_body "PUT a bad run reference: the position in the body" \
	'{"error": "expected a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted date), found \"lates\"; did you mean \"latest\"?", "line": 1, "column": 1, "expected": "a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted date)", "suggestion": "latest"}'
http -X PUT "${auth[@]}" --data-binary 'run "r9"' "$URL/api/baselines/rel"
check_status "PUT a run the store does not have: 400" 400
check "PUT a missing run: column 5 of the body" grep -qF '"line": 1, "column": 5' "$OUT"
http -X PUT "${auth[@]}" --data-binary '' "$URL/api/baselines/rel"
check_status "PUT without a body: 400" 400
check_body "PUT without a body: body" \
	"{\"error\": \"expected a run reference as the request body (latest, latest~N, run \\\"ID\\\", commit \\\"SHA\\\", baseline NAME)\"$E"
http -X PUT "${auth[@]}" --data-binary 'latest; drop baseline main' "$URL/api/baselines/rel"
check_status "PUT with a second statement in the body: 400" 400
cli_json 'show baselines'
check "bad PUTs: rel still at r2, main still there" \
	[ "$(grep -c '{"baseline": "rel", "run": "r2"\|{"baseline": "main", "run": "r1"' "$WORK/cli.json")" = 2 ]
http "$URL/api/baselines/rel"
check_status "GET /api/baselines/NAME: 405" 405
check "GET /api/baselines/NAME: Allow" [ "$(header Allow)" = "PUT, DELETE" ]

# 7. GET /metrics on a fresh server after known requests: the Prometheus
# text format, checked line by line and by the prometheus_client parser
# (Debian python3-prometheus-client).
start_server "$WORK/metrics.log" --db "$DB"
PROM=$PID
for path in /api/runs/r1 /api/runs/r2 /api/runs/nope /nothing; do http "$URL$path"; done
http -X PATCH "$URL/api/runs"
# start_server's health probes were answered too: GET /api/health 200. The
# PATCH is counted once its response is sent: its log line says so.
logged "$WORK/metrics.log" '"PATCH /api/runs" 405'
http "$URL/metrics"
check_status "GET /metrics: 200" 200
check "GET /metrics: the exposition format's type" \
	[ "$(header Content-Type)" = "text/plain; version=0.0.4; charset=utf-8" ]
cp "$OUT" "$WORK/metrics.txt"
logged "$WORK/metrics.log" '"GET /metrics" 200'
http "$URL/metrics"
cp "$OUT" "$WORK/metrics2.txt"
check "/metrics: HELP, TYPE and samples well formed; the counts of the requests made" \
	/usr/bin/python3 - "$WORK/metrics.txt" "$WORK/metrics2.txt" "$(stat -c %s "$DB/data.mdb")" <<'PY'
import re, sys
from prometheus_client.parser import text_string_to_metric_families

text = open(sys.argv[1]).read()
# The grammar of the text format 0.0.4, strictly: every family has a HELP
# then a TYPE line before its samples, once; sample names belong to it.
families, current = {}, None
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*)\})? (\S+)$')
lines = text.split('\n')
assert lines[-1] == '', 'the text ends with a newline'
for i, line in enumerate(lines[:-1]):
    if line.startswith('# HELP '):
        name = line.split(' ')[2]
        assert name not in families, 'family twice: ' + name
        assert lines[i + 1].startswith('# TYPE ' + name + ' '), 'TYPE after HELP: ' + name
        families[name] = lines[i + 1].split(' ')[3]
        current = name
    elif line.startswith('# TYPE '):
        assert line.split(' ')[2] == current
    else:
        m = sample.match(line)
        assert m, 'not a sample line: ' + line
        base = m.group(1)
        if families[current] == 'histogram':
            assert base in (current + '_bucket', current + '_sum', current + '_count'), line
        else:
            assert base == current, line
        float(m.group(5))
assert families == {
    'benchdb_http_requests_total': 'counter',
    'benchdb_http_request_duration_seconds': 'histogram',
    'benchdb_store_size_bytes': 'gauge', 'benchdb_runs': 'gauge',
    'benchdb_uptime_seconds': 'gauge'}, families

parsed = {f.name: f for f in text_string_to_metric_families(text)}
def samples(family, name):
    return {tuple(sorted(s.labels.items())): s.value
            for s in parsed[family].samples if s.name == name}
requests = samples('benchdb_http_requests', 'benchdb_http_requests_total')
health = requests.pop((('code', '200'), ('route', '/api/health')))
assert health >= 1, health
assert requests == {
    (('code', '200'), ('route', '/api/runs/{}')): 2,
    (('code', '404'), ('route', '/api/runs/{}')): 1,
    (('code', '404'), ('route', 'other')): 1,
    (('code', '405'), ('route', '/api/runs')): 1}, requests
buckets = [s for s in parsed['benchdb_http_request_duration_seconds'].samples
           if s.name.endswith('_bucket') and s.labels['route'] == '/api/runs/{}']
les = [float(s.labels['le']) for s in buckets]
counts = [s.value for s in buckets]
assert les == sorted(les) and les[-1] == float('inf'), les
assert counts == sorted(counts), counts
count = samples('benchdb_http_request_duration_seconds', 'benchdb_http_request_duration_seconds_count')
assert count[(('route', '/api/runs/{}'),)] == 3 == counts[-1], (count, counts)
assert samples('benchdb_runs', 'benchdb_runs') == {(): 4}
assert samples('benchdb_store_size_bytes', 'benchdb_store_size_bytes') == {(): float(sys.argv[3])}
assert list(samples('benchdb_uptime_seconds', 'benchdb_uptime_seconds').values())[0] > 0
# The first scrape is counted in the second.
second = {f.name: f for f in text_string_to_metric_families(open(sys.argv[2]).read())}
assert any(s.labels == {'route': '/metrics', 'code': '200'} and s.value == 1
           for s in second['benchdb_http_requests'].samples)
PY
stop_server "$PROM"
URL=$MAIN_URL

# 8. GET /api/badge.svg: a series' newest value or the verdict vs a
# baseline, names escaped (xmllint reads every badge), ETag and 304.
badge() { # NAME EXPECTED-TITLE EXPECTED-COLOUR CURL-ARGS...: a 200 badge
	local name=$1 title=$2 colour=$3
	shift 3
	http -G "$@" "$URL/api/badge.svg"
	check_status "badge $name: 200" 200
	check "badge $name: image/svg+xml" [ "$(header Content-Type)" = "image/svg+xml; charset=utf-8" ]
	check "badge $name: well-formed XML (xmllint)" xmllint --noout "$OUT"
	check "badge $name: title '$title'" [ "$(grep -o '<title>.*</title>' "$OUT")" = "<title>$title</title>" ]
	check "badge $name: colour $colour" grep -qF "fill=\"$colour\"/><rect width=" "$OUT"
}
badge "value" 'time of &lt;img src=x onerror=alert(1)&gt;: 304 ns' '#007ec6' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time'
check "badge value: the point name is text, no element" [ "$(grep -c '<img' "$OUT")" = 0 ]
check "badge value: shields' layout, 20 px high" grep -qF 'height="20" role="img" aria-label="time of &lt;img src=x onerror=alert(1)&gt;: 304 ns"' "$OUT"
cp "$OUT" "$WORK/badge.svg"
ETAG=$(header ETag)
check "badge: an ETag" [ -n "$ETAG" ]
http -G --data-urlencode "point=$XSS" --data-urlencode 'metric=time' -H "If-None-Match: $ETAG" "$URL/api/badge.svg"
check_status "badge: If-None-Match with its ETag: 304" 304
check "badge 304: no body" [ ! -s "$OUT" ]
badge "natural units" 'time of kernel: 1.004 µs' '#007ec6' --data-urlencode 'q=trend time of kernel where framework = A'
badge "label=" 'kernel A: 1.004 µs' '#007ec6' --data-urlencode 'q=trend time of kernel where framework = A' \
	--data-urlencode 'label=kernel A'
badge "verdict ok" 'time of &lt;img src=x onerror=alert(1)&gt;: ok' '#4c1' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time' --data-urlencode 'baseline=main'
badge "verdict regressed" 'benchmarks: regressed' '#e05d44' \
	--data-urlencode 'q=compare baseline main with latest threshold 0.2%'
badge "verdict inconclusive" 'time of &lt;img src=x onerror=alert(1)&gt;: inconclusive' '#9f9f9f' \
	--data-urlencode "q=compare baseline main with latest of \"$XSS\" threshold 0.5% using mwu"
badge "regressions: none is ok" 'benchmarks: ok' '#4c1' --data-urlencode 'q=regressions vs baseline main'
badge "regressions: some" 'benchmarks: regressed' '#e05d44' \
	--data-urlencode 'q=regressions vs baseline main threshold 0.2%'
# Nothing compared is not "ok": a benchmark the latest run no longer has
# (removed), and regressions over no series. (Both read "ok" before.)
printf '%s\n' '{"id": "r0", "timestamp": "2026-04-30T10:00:00Z", "commit": "c0000000", "branch": "main",' \
	' "points": [{"name": "gone", "metrics": {"time": {"value": 5, "unit": "ns"}}}]}' >"$WORK/r0.json"
"$BENCHDB" --db "$DB" ingest "$WORK/r0.json" >/dev/null
badge "a removed benchmark: inconclusive" 'time of gone: inconclusive' '#9f9f9f' \
	--data-urlencode 'q=compare run r0 with latest of gone'
badge "regressions over no series: inconclusive" 'benchmarks: inconclusive' '#9f9f9f' \
	--data-urlencode 'q=regressions in run r0 vs baseline main'
# A pull request's run, newer than main's and 10x slower, does not turn
# main's badge: the verdict compares the newest run of the baseline's
# branch (before: "regressed"); branch= asks for another.
printf '%s\n' '{"id": "pr1", "timestamp": "2026-05-05T10:00:00Z", "commit": "c5000000", "branch": "pr-1",' \
	' "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},' \
	' "points": [{"name": "<img src=x onerror=alert(1)>", "metrics": {"time": {"value": 3050}}}]}' >"$WORK/pr1.json"
"$BENCHDB" --db "$DB" ingest "$WORK/pr1.json" >/dev/null
badge "a PR run pushed: main's verdict stays ok" 'time of &lt;img src=x onerror=alert(1)&gt;: ok' '#4c1' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time' --data-urlencode 'baseline=main'
badge "branch=pr-1: the PR's verdict" 'time of &lt;img src=x onerror=alert(1)&gt;: regressed' '#e05d44' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time' --data-urlencode 'baseline=main' \
	--data-urlencode 'branch=pr-1'
badge "a value badge with branch=main" 'time of &lt;img src=x onerror=alert(1)&gt;: 304 ns' '#007ec6' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time' --data-urlencode 'branch=main'
# A branch no run has is a 404 naming it, as an unknown point is (before: an
# empty trend, the badge "no data" of a typo).
http -G --data-urlencode "point=$XSS" --data-urlencode 'metric=time' --data-urlencode 'branch=mian' \
	"$URL/api/badge.svg"
check_status "a value badge with branch=mian: 404" 404
check_body "a value badge with branch=mian: body" \
	"{\"error\": \"no run has branch = \\\"mian\\\"; did you mean \\\"main\\\"?\"$E"
badge "a value badge of any branch: the PR's" 'time of &lt;img src=x onerror=alert(1)&gt;: 3.05 µs' '#007ec6' \
	--data-urlencode "point=$XSS" --data-urlencode 'metric=time'
# The overview reads the baseline's branch too (before: the PR's run was
# "latest" and main's page showed the PR's regression); ?branch= another.
http "$URL/api/overview"
check_status "overview with a PR run: 200" 200
check "overview: the branch read is the baseline's, main" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["branch"] == "main" and d["latest"]["id"] == "r4" and d["regressions"]["rows"] == []))' "$OUT"
http "$URL/api/overview?branch=pr-1"
check "overview ?branch=pr-1: the PR's run, and its regression" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["branch"] == "pr-1" and d["latest"]["id"] == "pr1" and [r["point"] for r in d["regressions"]["rows"]] == ["<img src=x onerror=alert(1)>"]))' "$OUT"
# The server keeps the last overview for the store's version: the same
# request gives the same bytes, and a write in between is seen at once.
http "$URL/api/overview"
cp "$OUT" "$WORK/ov1.json"
http "$URL/api/overview"
check "overview asked twice: the same bytes" cmp -s "$OUT" "$WORK/ov1.json"
printf '%s\n' '{"id": "r6", "timestamp": "2026-05-06T10:00:00Z", "commit": "c6000000", "branch": "main",' \
	' "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},' \
	' "points": [{"name": "kernel", "tags": {"framework": "A"}, "metrics": {"time": {"value": 1006}}}]}' >"$WORK/r6.json"
"$BENCHDB" --db "$DB" ingest "$WORK/r6.json" >/dev/null
http "$URL/api/overview"
check "overview after a write: the new latest run, not the kept bytes" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["latest"]["id"] != "r6")' "$OUT"
# Parameters are kept whole: two baselines whose names share their first
# 700 characters get their own overviews (before: the second got the
# first's kept bytes, its key cut at 600 bytes).
long=$(printf 'b%.0s' $(seq 700))
"$BENCHDB" --db "$DB" baseline set "${long}1" r1 >/dev/null
"$BENCHDB" --db "$DB" baseline set "${long}2" r2 >/dev/null
http -G --data-urlencode "baseline=${long}1" "$URL/api/overview"
check "overview of a long baseline name: its run" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["baseline"]["run"] != "r1")' "$OUT"
http -G --data-urlencode "baseline=${long}2" "$URL/api/overview"
check "overview of another long name with the same start: its own run, not the kept answer" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["baseline"]["run"] != "r2" or d["baseline"]["name"] != sys.argv[2])' "$OUT" "${long}2"
# The baseline's branch is read whole too: a 300-character branch name.
lbranch=$(printf 'x%.0s' $(seq 300))
printf '%s\n' '{"id": "lb1", "timestamp": "2026-05-07T10:00:00Z", "commit": "c7000000",' \
	' "metric_defs": {"time": {"unit": "ns", "direction": "lower"}},' \
	' "points": [{"name": "kernel", "tags": {"framework": "A"}, "metrics": {"time": {"value": 1007}}}]}' >"$WORK/lb1.json"
"$BENCHDB" --db "$DB" ingest --branch "$lbranch" "$WORK/lb1.json" >/dev/null
"$BENCHDB" --db "$DB" baseline set longbranch lb1 >/dev/null
http -G --data-urlencode "baseline=longbranch" "$URL/api/overview"
check "overview of a baseline on a 300-character branch: that branch and its latest run" \
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["branch"] != sys.argv[2] or (d["latest"] or {}).get("id") != "lb1")' "$OUT" "$lbranch"
BADGE_ERR="{\"error\": \"expected q=STATEMENT, or point= and metric= (and baseline=, branch=)\"$E"
http "$URL/api/badge.svg"
check_status "badge without parameters: 400" 400
check_body "badge without parameters: body" "$BADGE_ERR"
http -G --data-urlencode 'q=trend time of kernel' --data-urlencode 'point=kernel' "$URL/api/badge.svg"
check_status "badge with q and point: 400" 400
check_body "badge with q and point: body" "$BADGE_ERR"
http -G --data-urlencode 'point=kernel' "$URL/api/badge.svg"
check_status "badge with a point and no metric: 400" 400
http -G --data-urlencode 'q=show runs' "$URL/api/badge.svg"
check_status "badge of show runs: 400" 400
check_body "badge of show runs: body" \
	"{\"error\": \"badge.svg shows a trend (its newest value) or a compare or regressions (the verdict)\"$E"
http -G --data-urlencode 'q=trend time of kernel' "$URL/api/badge.svg"
check_status "badge of two series: 400" 400
check_body "badge of two series: body" \
	"{\"error\": \"a badge shows one series; narrow the trend with of or where\"$E"
http -G --data-urlencode 'q=trend tme of kernel' "$URL/api/badge.svg"
check_status "badge of a bad statement: 400" 400
check_body "badge of a bad statement: the query error's fields" \
	'{"error": "no metric \"tme\" in the store; did you mean \"time\"?", "line": 1, "column": 7, "expected": null, "suggestion": "time"}'
http -G --data-urlencode 'point=nope' --data-urlencode 'metric=time' "$URL/api/badge.svg"
check_status "badge of an unknown point: 404" 404
# The error names the store's points when there are a few (atk42), a name
# with markup among them: JSON text, as every name in an answer.
check_body "badge of an unknown point: body" \
	"{\"error\": \"no point \\\"nope\\\" in the store (the store's points: <img src=x onerror=alert(1)>, gone, kernel)\"$E"
http -G --data-urlencode 'q=set baseline x = latest' "$URL/api/badge.svg"
check_status "badge of a write: 400" 400

# 9. --access-log FILE: the lines go there, not to stderr; SIGHUP opens it
# again (after logrotate moved it); a file that cannot be opened exits 3.
start_server "$WORK/al.stderr" --db "$DB" --access-log "$WORK/access.log"
AL=$PID
http "$URL/api/runs/nope"
http "$URL/api/metrics"
logged "$WORK/access.log" '"GET /api/metrics"'
check "access log file: the 404 line" grep -q '^127.0.0.1 "GET /api/runs/nope" 404 [0-9]* [0-9.]*ms$' "$WORK/access.log"
check "access log file: the 200 line" grep -q '^127.0.0.1 "GET /api/metrics" 200 [0-9]* [0-9.]*ms$' "$WORK/access.log"
check "access log file: nothing of it on stderr" bash -c "! grep -q '\"GET ' '$WORK/al.stderr'"
mv "$WORK/access.log" "$WORK/access.log.1"
kill -HUP "$AL"
for i in $(seq 50); do grep -q 'SIGHUP: opened' "$WORK/al.stderr" && break; sleep 0.1; done
check "SIGHUP: the server says it opened the log again" \
	grep -qF "benchdb: serve: SIGHUP: opened $WORK/access.log again" "$WORK/al.stderr"
http "$URL/api/points"
logged "$WORK/access.log" '"GET /api/points"'
check "after SIGHUP: the new line in the new file" grep -q '"GET /api/points" 200' "$WORK/access.log"
check "after SIGHUP: the old file has no new line" bash -c "! grep -q '/api/points' '$WORK/access.log.1'"
stop_server "$AL"
check "access log server: exit 0 on SIGTERM" [ "$RC" = 0 ]
run "$BENCHDB" serve --db "$DB" --listen 127.0.0.1:0 --access-log "$WORK/no/such/dir/access.log"
check_rc "an access log that cannot be opened: exit 3" 3
check_err "an access log that cannot be opened: says why" \
	"benchdb: error: serve: --access-log: cannot open $WORK/no/such/dir/access.log: No such file or directory"

# 10. Listening beyond loopback without --token-file: a warning on stderr.
# serve_on ARGS...: starts `benchdb serve ARGS` (its own --listen), waits for
# its startup line, then stops it; its stderr in $WORK/wide.log.
serve_on() {
	"$BENCHDB" serve --db "$DB" "$@" 2>"$WORK/wide.log" &
	local pid=$! i
	SERVERS+=("$pid")
	for i in $(seq 100); do grep -q 'serving' "$WORK/wide.log" && break; sleep 0.1; done
	stop_server "$pid"
}
serve_on --listen 0.0.0.0:0
check "0.0.0.0 without a token file: the warning" grep -qxF \
	'benchdb: warning: serve: listening on 0.0.0.0:0 without --token-file: anyone who reaches it can read the store' \
	"$WORK/wide.log"
serve_on --listen 0.0.0.0:0 --token-file "$WORK/token"
check "0.0.0.0 with a token file: no warning" bash -c "! grep -q warning '$WORK/wide.log'"
serve_on --listen 127.0.0.1:0
check "loopback without a token file: no warning" bash -c "! grep -q warning '$WORK/wide.log'"
serve_on --listen '[::1]:0'
check "[::1] without a token file: no warning" bash -c "! grep -q warning '$WORK/wide.log'"
run "$BENCHDB" serve --db "$DB" --listen localhost:8080
check_rc "a host name for --listen: exit 2" 2
check_err "a host name: says names are not looked up" "is not an IP address"
check "a refused address: no warning before its error" bash -c "! grep -q warning '$ERR'"

# 12. Methods and limits of the new routes: 405 with Allow, HEAD without a
# body, a baseline body over the statement limit is 413 before it is sent.
URL=$MAIN_URL
for path in points metrics tags tags/framework baselines runs/r1 badge.svg; do
	http -X POST --data-binary x "$URL/api/$path"
	check_status "POST /api/$path: 405" 405
	check "POST /api/$path: Allow GET, HEAD" [ "$(header Allow)" = "GET, HEAD" ]
	check_body "POST /api/$path: body" "{\"error\": \"method not allowed\"$E"
done
http -X POST --data-binary x "$URL/metrics"
check_status "POST /metrics: 405" 405
http "$URL/api/runs?limit=1"
GET_LEN=$(wc -c <"$OUT")
http -I "$URL/api/runs?limit=1" # curl -I writes the headers to the output file
check_status "HEAD /api/runs: 200" 200
check "HEAD /api/runs: no body (only headers)" bash -c "! grep -q '\"rows\"' '$OUT'"
check "HEAD /api/runs: the Content-Length of GET" [ "$(header Content-Length)" = "$GET_LEN" ]
head -c 1048577 /dev/zero | tr '\0' 'x' >"$WORK/big"
http -X PUT "${auth[@]}" --data-binary @"$WORK/big" "$URL/api/baselines/rel"
check_status "PUT a baseline body over 1 MiB: 413" 413
check_body "PUT over 1 MiB: body" "{\"error\": \"the request body is too large\"$E"
http -X PUT --data-binary @"$WORK/big" "$URL/api/baselines/rel"
check_status "PUT without a token is refused before its body: 401" 401

# 11. A read-only server: every baseline write is 403, the token or not.
# Its error names --read-only: it said "writes need benchdb serve
# --token-file", which the server had.
start_server "$WORK/ro.log" --db "$DB" --token-file "$WORK/token" --read-only
RO=$PID
RO_ERR="{\"error\": \"the server is read-only (benchdb serve --read-only)\"$E"
http -X PUT "${auth[@]}" --data-binary 'latest' "$URL/api/baselines/rel"
check_status "read-only: PUT baseline 403" 403
check_body "read-only: PUT body" "$RO_ERR"
http -X DELETE "${auth[@]}" "$URL/api/baselines/rel"
check_status "read-only: DELETE baseline 403" 403
http "$URL/api/runs?limit=1"
check_status "read-only: the catalog answers" 200
stop_server "$RO"
check "read-only server: exit 0 on SIGTERM" [ "$RC" = 0 ]

stop_server "$MAIN"
check "server: exit 0 on SIGTERM" [ "$RC" = 0 ]
finish
