#!/usr/bin/env bash
# tests/cli/test_check_server.sh - the CI gate on a team's server:
# `benchdb --server URL check ...` against a real `benchdb serve` on
# 127.0.0.1 prints byte for byte what `benchdb --db DIR check ...` prints on
# the server's store (standard output and error, text, --json, --format
# json and markdown) with the same exit code: a pass, a regression, a
# missing baseline, a misconfiguration (found by the client's option checks
# and by the gate on the server), a read-only server; options that cannot work
# remotely refused (exit 2); a server that is down or refuses is exit 4,
# and a markdown step summary says so. GET /api/check refuses a parameter
# check does not take.
#
# History: examples/history/gbench-v1..v5.json as runs v1..v5 (lib.sh's
# ingest_history). Verdicts as test_gate.sh states them: v4 against v1 has
# no regression; v5 against v4 regresses BM_sort/1024 (real_time 3922.34 ->
# 32527.07 ns, +729.3%).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
command -v curl >/dev/null || {
	echo "test_check_server: curl is missing (make deps)"
	exit 1
}
DB=$WORK/db
ingest_history "$DB" main main pr main main
"$BENCHDB" --db "$DB" baseline set main v1 >/dev/null
"$BENCHDB" --db "$DB" baseline set previous v4 >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"
start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token"
S=$URL

# same NAME RC ARGS...: `check ARGS` on the server (no token: the gate only
# reads) and on the store give the same stdout, stderr and exit code RC.
same() {
	local name=$1 rc=$2
	shift 2
	run "$BENCHDB" --db "$DB" check "$@"
	cp "$OUT" "$WORK/local.out"
	cp "$ERR" "$WORK/local.err"
	local local_rc=$RC
	run "$BENCHDB" --server "$S" check "$@"
	if [ "$RC" -eq "$rc" ] && [ "$local_rc" -eq "$rc" ] && cmp -s "$OUT" "$WORK/local.out" &&
		cmp -s "$ERR" "$WORK/local.err"; then
		pass "$name"
	else
		fail "$name" "exit $RC (local $local_rc, expected $rc), or the output differs"
		diff "$WORK/local.out" "$OUT" | head -20
		diff "$WORK/local.err" "$ERR" | head -20
	fi
}

# ---- the verdicts ------------------------------------------------------------
same "a pass: text" 0 --run v4
check_out_exact "a pass: the runs judged and the PASS line" \
	"Run v4 (commit c4, branch main) against v1 (commit c1, branch main).
PASS: No regressions detected (threshold=5%)"
same "a pass: markdown" 0 --run v4 --format markdown
same "a pass: --json" 0 --run v4 --json
same "a regression: text" 1 --baseline previous
check_out "a regression: its line" "  ↓ BM_sort/1024 real_time: 3922.34 → 32527.07 (+729.3%)"
same "a regression: markdown" 1 --baseline previous --format markdown
check_out "a regression: the markdown title" "### :x: benchdb: 3 regression(s) (threshold=5%)"
same "a regression: --format json" 1 --baseline previous --format json
same "a regression: --threshold 0.05 --strict" 1 --baseline previous --threshold 0.05 --strict
same "inconclusive: --using mwu" 0 --baseline previous --using mwu
check_out "inconclusive: said" "Inconclusive: 3 comparison(s) the test could not decide"
same "inconclusive: --using mwu --strict" 1 --baseline previous --using mwu --strict
same "a regression: --against-branch main" 1 --against-branch main
same "--commit names the run" 0 --commit c4
same "--threshold 800% passes" 0 --baseline previous --threshold 800%
run "$BENCHDB" --server "$S" --json check --baseline previous
check_rc "--json before the word: exit 1" 1
check_out "--json before the word: the JSON" '"statement": "regressions", "base": "v4", "current": "v5"'

# ---- what is missing ---------------------------------------------------------
same "a missing baseline: text" 3 --baseline nope
check_err "a missing baseline: the server's store named" "check: no baseline named 'nope' in $DB"
same "a missing baseline: markdown" 3 --baseline nope --format markdown
check_out "a missing baseline: the markdown title" "### :x: benchdb: the gate could not judge (exit 3)"
same "a missing baseline: json" 3 --baseline nope --format json
same "a missing baseline, a typo" 3 --baseline previus
same "--allow-missing-baseline passes a first run" 0 --baseline nope --allow-missing-baseline
same "--allow-missing-baseline: markdown" 0 --baseline nope --allow-missing-baseline --format markdown
same "a missing run" 3 --run v9

# ---- misconfigurations -------------------------------------------------------
# The client's option checks are the local ones (before the server is asked).
same "--using that does not parse" 2 --using bogus
same "--threshold 5 (no %)" 2 --threshold 5
same "an empty --baseline" 2 --baseline "" --format markdown
same "--json and --format markdown" 2 --json --format markdown
# Found by the gate on the server: the commit of the latest run has another
# run of other series (a CI job that stored several result files).
"$BENCHDB" --db "$DB" ingest --id v5-hyperfine --commit c5 --branch main \
	--timestamp 2026-11-15T03:00:00Z "$FIXTURES/hyperfine.json" >/dev/null
same "a commit with runs of different series: text" 2
check_err "and says so" "check: commit c5 has runs with different series"
same "a commit with runs of different series: markdown" 2 --format markdown
same "... judged run by run" 1 --run v5 --baseline previous

# ---- options that cannot work remotely -------------------------------------
run "$BENCHDB" --server "$S" check --chart-dir "$WORK/charts" --format markdown
check_rc "--chart-dir with --server: exit 2" 2
check_err "--chart-dir with --server: says why" "check: --chart-dir does not work with --server"
check "--chart-dir with --server: no directory made" test ! -e "$WORK/charts"
check_out "--chart-dir with --server: the summary says why" \
	"### :x: benchdb: the gate could not judge (exit 2)"
run "$BENCHDB" --server "$S" check --db "$WORK/other"
check_rc "--db with --server: exit 2" 2
check_err "--db with --server: says why" "check: --server judges the server's store: give no --db"
run "$BENCHDB" --server "$S" --data "$WORK/other" check
check_rc "--data before the word with --server: exit 2" 2
run "$BENCHDB" --server "$S" check --help
check_rc "check --help with --server: exit 0" 0
check_out "check --help with --server: the usage" "usage: benchdb check"

# --fail stays refused with --server, and says what gates there.
run "$BENCHDB" --server "$S" --fail -c 'regressions'
check_rc "--fail with --server: exit 2" 2
check_err "--fail with --server: points at check" "gate with 'benchdb --server URL check'"

# The REPL's dot-commands of a local store, with --server: .open opened one
# in silence while the statements still ran on the server; .stats said "no
# store at ./benchmark-data". Both exit 2 now, and the statements go on.
printf '.open %s\nshow baselines as csv\n' "$DB" >"$WORK/open.bq"
run env -C "$WORK" "$BENCHDB" --server "$S" -f "$WORK/open.bq"
check_rc "--server -f with .open: exit 2" 2
check_err ".open with --server: says why" \
	".open works on a local store, and the statements run on $S (--server)"
check_out ".open with --server: the statements still ran on the server" "previous,v4,"
printf '.stats\n' >"$WORK/stats.bq"
run env -C "$WORK" "$BENCHDB" --server "$S" -f "$WORK/stats.bq"
check_rc "--server -f with .stats: exit 2" 2
check_err ".stats with --server: says why" ".stats works on a local store"

# The server before the word, as for check: 'benchdb --server URL push F'
# was exit 2 ('--server runs statements ..., not 'push'').
run env BENCHDB_TOKEN=wrong-token-0123456789 "$BENCHDB" --server "$S" --token-file "$WORK/token" \
	push --id pushed-before "$ROOT/examples/history/gbench-v2.json"
check_rc "--server URL push: exit 0" 0
check_out_exact "--server URL push: stored (--token-file over \$BENCHDB_TOKEN)" \
	"Pushed run pushed-before (5 points, 15 metrics)"
run "$BENCHDB" --server "$S" push --server "http://127.0.0.1:9" "$ROOT/examples/history/gbench-v2.json"
check_rc "--server before and after push, two addresses: exit 2" 2
check_err "... says so" "push: --server given twice, with two addresses; give one"
run "$BENCHDB" --server "$S" push "$ROOT/examples/history/gbench-v2.json"
check_rc "--server URL push without a token: exit 4" 4
check_err "... says none was given" "no token was given"

# push of an input that never ends (/dev/zero, a pipe that does not close)
# read on for ever once memory ran out. It is read as ingest reads one now:
# out of memory (here, under ulimit -v) or past 1 GiB, exit 3. (timeout
# only keeps the old behaviour from hanging the suite.) Sanitized builds
# cannot run under ulimit -v.
if [ "${BENCHDB_SANITIZED:-0}" != 1 ]; then
	run bash -c 'ulimit -v 300000 && exec timeout 120 "$0" push --server "$1" --token-file "$2" /dev/zero' \
		"$BENCHDB" "$S" "$WORK/token"
	check_rc "push /dev/zero under a memory limit: exit 3" 3
	check_err "... out of memory" "push: cannot read /dev/zero: out of memory"
fi

# The commands a CI job means on the server, refused with --server, say
# what does it there.
run "$BENCHDB" --server "$S" baseline set main latest
check_rc "--server URL baseline: exit 2" 2
check_err "... points at the statement" "on the server: -c 'set baseline NAME = RUN' (with its token)"
run "$BENCHDB" --server "$S" summary
check_rc "--server URL summary: exit 2" 2
check_err "... points at the statement" "the statement: -c 'summary [RUN]'"

# push --branch auto in a CI job's checkout, a detached HEAD (a pull
# request's merge commit): exit 3, 'found no branch here', though the CI
# variables name the branch. It stores that branch now; outside CI it is
# still exit 3.
git init -q "$WORK/repo"
git -C "$WORK/repo" -c user.email=a@b -c user.name=a commit -q --allow-empty -m one
git -C "$WORK/repo" checkout -q --detach
GITHUB_HEAD_REF=feature/x GITHUB_REF_NAME=12/merge BENCHDB_TOKEN=$TOKEN run env -C "$WORK/repo" \
	"$BENCHDB" push --server "$S" --id detached-1 --branch auto "$ROOT/examples/history/gbench-v3.json"
check_rc "push --branch auto on a detached HEAD in CI: exit 0" 0
run "$BENCHDB" --server "$S" --format csv -c 'show runs'
check "... the CI job's branch stored" grep -q '^detached-1,[^,]*,[^,]*,feature/x,' "$OUT"
BENCHDB_TOKEN=$TOKEN run env -C "$WORK/repo" \
	"$BENCHDB" push --server "$S" --id detached-2 --branch auto "$ROOT/examples/history/gbench-v3.json"
check_rc "push --branch auto on a detached HEAD outside CI: exit 3" 3
check_err "... says why" "push: --branch auto: 'git symbolic-ref --short HEAD' found no branch here"

# benchkit's trend form (--metric, --point) with --server read the local
# store in silence (exit 0, another store's values); the statement's
# options before its words ('trend --db DIR time', 'trend --json time')
# were taken for benchkit's form: "trend: unexpected argument 'time'".
run env -C "$WORK" "$BENCHDB" --server "$S" trend --metric real_time --point BM_sort/1024 --db "$DB"
check_rc "--server with benchkit's trend: exit 2" 2
check_err "... says where it would read" "trend: benchkit's form (--metric, --point) reads a local store"
run "$BENCHDB" trend --db "$DB" --format csv real_time of BM_sort/1024
check_rc "trend --db DIR METRIC: the statement, exit 0" 0
check_out "... its rows" "BM_sort/1024,,v5,"
run "$BENCHDB" --server "$S" trend --json real_time of BM_sort/1024
check_rc "--server trend --json METRIC: exit 0" 0
check_out "... the server's rows" '"statement": "trend", "metric": "real_time"'
run "$BENCHDB" trend --db "$DB" --metric real_time --point BM_sort/1024
check_rc "benchkit's trend still: exit 0" 0
check_out "... its text" "Trend: real_time @ BM_sort/1024"

# push of a file over the server's --max-body said "the request body is too
# large", neither how large nor what sets the limit.
start_server "$WORK/small.log" --db "$WORK/small" --token-file "$WORK/token" --max-body 1000
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$ROOT/examples/history/gbench-v1.json"
check_rc "push over --max-body: exit 3" 3
size=$(stat -c %s "$ROOT/examples/history/gbench-v1.json")
check_err "push over --max-body: the file's size and the server's option" \
	"benchdb: hint: it is $size bytes, more than the server takes ('benchdb serve --max-body BYTES' sets that, 64 MiB unless given)"
stop_server "$PID"

# ---- the server ---------------------------------------------------------------
http "$S/api/check?chart-dir=$WORK/charts"
check "GET /api/check with an option it does not take: 400" test "$STATUS" = 400
check_out "... naming it" "check does not take the parameter 'chart-dir'"
http "$S/api/check?strict=yes"
check "GET /api/check: a flag that is not 1: 400" test "$STATUS" = 400
http "$S/api/check?baseline=--help&run=v5"
check "a value starting with '-' is a value: 200" test "$STATUS" = 200
check_out "... and names no baseline" "no baseline named '--help'"
http "$S/api/check?baseline=previous&run=v5"
check "GET /api/check: 200" test "$STATUS" = 200
check_out "... the exit code" '{"exit": 1, "stdout": "Run v5 (commit c5, branch main) against v4 (commit c4, branch main).\nFAIL: 3 regression(s) detected (threshold=5%):\n'
check "the server's log has the check" logged "$WORK/server.log" '"GET /api/check" 200'

# A read-only server (no token) runs the gate: a store without baseline.
"$BENCHDB" --db "$WORK/empty" ingest "$FIXTURES/hyperfine.json" >/dev/null
start_server "$WORK/empty.log" --db "$WORK/empty" --read-only
E=$URL
run "$BENCHDB" --server "$E" check
check_rc "a read-only server judges: exit 3 (no baseline)" 3
check_err "... its store named" "check: no baseline named 'main' in $WORK/empty"

# A server that is down: exit 4, and the step summary says so.
stop_server "$PID"
run "$BENCHDB" --server "$E" check --format markdown
check_rc "a server that is down: exit 4" 4
check_err "a server that is down: says so" "benchdb: error: check: cannot reach $E"
check_out "a server that is down: the summary says so" \
	"### :x: benchdb: the gate could not judge (exit 4)"
run "$BENCHDB" --server "$E" check
check_rc "a server that is down, text: exit 4" 4
check "a server that is down, text: nothing on stdout" test ! -s "$OUT"
# An http:// address that a proxy redirects to https:// (301 with Location):
# not followed (a POST would lose its body); push, --server and check said
# "answered 301" and no more. They now name the address to give.
cat >"$WORK/redirect.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def reply(self):
        self.send_response(301)
        self.send_header("Location", "https://bench.example.com/team" + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_GET = do_POST = reply
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_port))
s.serve_forever()
PY
python3 "$WORK/redirect.py" "$WORK/redirect.port" &
SERVERS+=("$!")
for i in $(seq 100); do [ -s "$WORK/redirect.port" ] && break; sleep 0.1; done
R=http://127.0.0.1:$(cat "$WORK/redirect.port")
run "$BENCHDB" --server "$R" check --format markdown
check_rc "a redirect: check exits 4" 4
check_err "a redirect: check names the address to give" \
	"check: $R answered 301, a redirect to https://bench.example.com/team (not followed): give that address as --server"
check_out "a redirect: the summary says so" "### :x: benchdb: the gate could not judge (exit 4)"
run "$BENCHDB" push --server "$R" --token-file "$WORK/token" "$ROOT/examples/history/gbench-v1.json"
check_rc "a redirect: push exits 4" 4
check_err "a redirect: push names the address" "push: $R answered 301, a redirect to https://bench.example.com/team (not followed)"
run "$BENCHDB" --server "$R" -c 'show runs'
check_rc "a redirect: --server -c exits 4" 4
check_err "a redirect: --server names the address" "--server: $R answered 301, a redirect to https://bench.example.com/team (not"

# A URL from a CI variable or secret saved with its line end: libcurl said
# "cannot reach http://...<newline>: URL using bad/illegal format" (exit 4,
# as if the server were down, the line broken in two). A usage error now.
run "$BENCHDB" push --server "$S
" --token-file "$WORK/token" "$ROOT/examples/history/gbench-v1.json"
check_rc "a URL with a line end: push exits 2" 2
check_err "a URL with a line end: push says so" \
	"push: --server: expected the server's address without blanks or control characters (a variable or secret that ends with a line end?), got '$S?'"
run "$BENCHDB" --server "$S " -c 'show runs'
check_rc "a URL with a blank: --server exits 2" 2
check_err "a URL with a blank: --server says so" "got '$S '"
run "$BENCHDB" --server "$S
" check --format markdown
check_rc "a URL with a line end: check exits 2" 2
check_out "a URL with a line end: the summary says so" \
	"### :x: benchdb: the gate could not judge (exit 2)"
run "$BENCHDB" --server "ftp://x" check --format markdown
check_rc "a URL that is not http: check exits 2" 2
check_out "a URL that is not http: the summary says so" "expected a URL starting with http"

# stub_server NAME REPLY: starts a stand-in HTTP server (python3) whose answer
# to every request is REPLY, a Python expression of the request's path that
# gives (status, JSON body bytes) or (status, body bytes, Content-Type); its
# address in STUB. The script stops when the stub does not start.
cat >"$WORK/stub.py" <<'PY'
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def reply(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n: self.rfile.read(n)
        reply = eval(sys.argv[2], {"path": self.path})
        status, b = reply[0], reply[1]
        self.send_response(status)
        self.send_header("Content-Type", reply[2] if len(reply) > 2 else "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)
    do_GET = do_POST = reply
    def log_message(self, *a): pass
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(sys.argv[1], "w").write(str(s.server_port))
s.serve_forever()
PY
stub_server() {
	python3 "$WORK/stub.py" "$WORK/$1.port" "$2" &
	SERVERS+=("$!")
	for i in $(seq 100); do [ -s "$WORK/$1.port" ] && break; sleep 0.1; done
	[ -s "$WORK/$1.port" ] || { echo "test_check_server: the stub server $1 did not start" >&2; exit 1; }
	STUB=http://127.0.0.1:$(cat "$WORK/$1.port")
}

# A server whose one-line error holds a line break: it began a line of its
# own in the CI job's log, which GitHub reads as a workflow command
# ('::error title=x::...'). The line break now shows as '?'.
stub_server lines '(500 if "check" in path or "query" in path else 400, b"{\"error\": \"upload:1:1: bad\\n::error title=x::pwned\"}")'
L=$STUB
run "$BENCHDB" push --server "$L" --token-file "$WORK/token" "$ROOT/examples/history/gbench-v1.json"
check_rc "an error with a line break: push exits 3" 3
check "an error with a line break: push writes no line of it" sh -c "! grep -q '^::error' '$ERR'"
check_err "... it shows as '?'" "gbench-v1.json:1:1: bad?::error title=x::pwned"
run "$BENCHDB" --server "$L" check
check_rc "an error with a line break: check exits 4" 4
check "an error with a line break: check writes no line of it" sh -c "! grep -q '^::error' '$ERR'"
run "$BENCHDB" --server "$L" -c 'show runs'
check_rc "an error with a line break: --server exits 4" 4
check "an error with a line break: --server writes no line of it" sh -c "! grep -q '^::error' '$ERR'"

# A server that answers 200 with JSON that is not benchdb's (another
# service at that address, a stub, an answer cut to nothing): --server
# printed it as the statement's result, or nothing at all, and exited 0.
stub_server other '(200, b"" if "empty" in path else b"{\"status\": \"ok\", \"items\": []}")'
O=$STUB
for base in "$O" "$O/empty"; do
	run "$BENCHDB" --server "$base" --json -c 'show runs'
	check_rc "JSON that is not benchdb's from $base: --server --json exits 4" 4
	check_err "... says what answered" "--server: $base answered 200 without benchdb's answer to a statement (is it benchdb serve?)"
	check "... prints nothing of it" test ! -s "$OUT"
done

# A server that answers 200 with text that is not benchdb's (a health check,
# a proxy's plain-text page, another service): --server took any text/plain
# answer for a table or CSV, printed "OK" as the statement's result and
# exited 0. A text answer now needs benchdb's X-Benchdb-Answer header.
stub_server plain '(200, b"OK\n" if "csv" in path else b"point,value\r\nfake,1\r\n", "text/plain; charset=utf-8")'
for fmt in table csv; do
	run "$BENCHDB" --server "$STUB" --format "$fmt" -c 'show runs'
	check_rc "text that is not benchdb's (--format $fmt): --server exits 4" 4
	check_err "... says what answered" "--server: $STUB answered 200 without benchdb's answer to a statement (is it benchdb serve?)"
	check "... prints nothing of it" test ! -s "$OUT"
done
run "$BENCHDB" --server "$S" --format csv -c 'show runs'
check_rc "benchdb serve's CSV answer is taken: exit 0" 0
check_out "... and printed" "id,timestamp,commit,branch,points,metrics"
# The notes CSV does not show come in the header, and go to stderr as a
# local store's (atk57: they were lost).
run "$BENCHDB" --server "$S" --format csv -c 'trend cpu_time since 2099-01-01'
check_rc "a CSV answer with a note: exit 0" 0
check_out_exact "... stdout is the CSV alone" \
	"$(printf 'point,tags,run,timestamp,commit,value,lower,upper,unit\r')"
check_err "... the note on stderr, as locally" \
	"benchdb: note: since 2099-01-01T00:00:00Z is in the future (now is "
# Notes past what a header holds (16 KB): 300 flat series, each with its
# note under `explain`. A header too large for the server's connection
# memory made it send nothing ('Empty reply from server', exit 4).
python3 - "$WORK/flat" <<'PY'
import json, os, sys
os.makedirs(sys.argv[1])
for i in range(6):
    run = {"id": f"f{i}", "timestamp": f"2026-01-0{i + 1}T00:00:00Z", "commit": f"c{i}",
           "metric_defs": {"t": {"unit": "ns", "direction": "lower"}},
           "points": [{"name": f"point-{p}", "metrics": {"t": {"value": 100.0 + i % 2}}}
                      for p in range(300)]}
    json.dump(run, open(f"{sys.argv[1]}/f{i}.json", "w"))
PY
"$BENCHDB" --db "$WORK/flatdb" ingest "$WORK/flat" >/dev/null 2>&1
start_server "$WORK/flat.log" --db "$WORK/flatdb"
run "$BENCHDB" --db "$WORK/flatdb" -c 'changes t explain as csv'
LOCAL_NOTES=$(grep -c '^benchdb: note: point-' "$ERR")
run "$BENCHDB" --server "$URL" -c 'changes t explain as csv'
check_rc "300 notes with a CSV answer: exit 0" 0
check "... locally 300 notes" [ "$LOCAL_NOTES" = 300 ]
N=$(grep -c '^benchdb: note: point-' "$ERR")
check "... the first of them on stderr ($N), as many as 16 KB hold" [ "$N" -gt 40 -a "$N" -lt 300 ]
check_err "... and a count of the others" "benchdb: note: and $((300 - N)) more notes (the table or JSON format shows them all)"
check_out "... the CSV whole" "commit,timestamp,kind,series,median_change_pct"
kill "$PID"

# A server that is not benchdb's (a web page at that address).
run "$BENCHDB" --server "$S/assets" check
check_rc "a URL that is no benchdb server: exit 4" 4
check_err "... says what it answered" "answered 404"


# A check that never ends on a server without a time
# limit (--query-timeout 0): SIGTERM waited for it for good. Now the time a
# shutdown waits (--shutdown-timeout, 30 s by default, 2 here; docs/serve.md)
# ends it: the client gets a 503 and the server exits 0. (The gate is stuck flushing its standard output to the server's
# pipe: the fault shim's FAULT_HANG_FLUSH.)
# The shim goes to the server (and its gate) alone: a wrapper as BENCHDB.
cat >"$WORK/stuck-gate" <<EOF
#!/bin/sh
ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}verify_asan_link_order=0 \\
LD_PRELOAD=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so \\
FAULT_HANG_FLUSH=1 FAULT_PATH_SUBSTR=pipe: exec "$BENCHDB" "\$@" </dev/null >/dev/null
EOF
chmod +x "$WORK/stuck-gate"
BENCHDB=$WORK/stuck-gate start_server "$WORK/hang.log" --db "$DB" --read-only --query-timeout 0 \
	--shutdown-timeout 2
curl -s --max-time 120 -o "$WORK/hang.json" -w '%{http_code}' "$URL/api/check" >"$WORK/hang.status" &
HANG=$!
for i in $(seq 600); do # until the gate is stuck (60 s: a loaded machine)
	pgrep -f -P "$PID" -- "check" >/dev/null && break
	sleep 0.1
done
check "... the gate started before the SIGTERM" pgrep -f -P "$PID" -- "check"
stop_server "$PID" 60 # the shutdown waits 2 s
check "a check that never ends, no time limit: SIGTERM still exits 0" [ "$RC" = 0 ]
wait "$HANG"
check "... the check's client gets 503 (it got $(cat "$WORK/hang.status"))" [ "$(cat "$WORK/hang.status")" = 503 ]
check "... saying the server stopped it" grep -qF 'the check was stopped: the server is shutting down' "$WORK/hang.json"
gates=$(pgrep -f -- "--db $DB check")
check "... no gate is left running" [ -z "$gates" ]
[ -z "$gates" ] || kill -KILL $gates
run "$BENCHDB" --db "$DB" serve --shutdown-timeout -1
check_rc "serve --shutdown-timeout -1: exit 2" 2
check_err "... says what it takes" "serve: --shutdown-timeout: expected seconds from 0 to 86400, got '-1'"

finish
