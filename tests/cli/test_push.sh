#!/usr/bin/env bash
# The clients of `benchdb serve` against a real server over 127.0.0.1:
# `benchdb push` end to end (stored, unchanged, the ingest options and the
# CI environment, a bad file refused with ingest's file:line:col and the
# store unchanged, the token missing or wrong, a read-only server, no
# server), `benchdb --server URL` giving byte for byte what the local store
# gives (results, errors, exit codes, in every output mode), and `serve
# --notify-url` against a local webhook receiver (tests/tools/
# notify_receiver.py): the message's fields, two failures then success,
# and a receiver that never answers not holding the upload.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
command -v curl >/dev/null || {
	echo "test_push: curl is missing (make deps)"
	exit 1
}
DB=$WORK/db
"$ROOT/tests/charts/make-store.sh" "$WORK/runs"
"$BENCHDB" --db "$DB" ingest "$WORK"/runs/run-*.json >/dev/null
"$BENCHDB" --db "$DB" baseline set main r05 >/dev/null
TOKEN=tok-$RANDOM$RANDOM-0123456789abcdef
printf '%s\n' "$TOKEN" >"$WORK/token"
printf 'wrong-%s\n' "$TOKEN" >"$WORK/wrong-token"
runs_now() { "$BENCHDB" --db "$DB" --json -c 'show runs' >"$1"; }

start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token"
S=$URL
MAIN=$PID
push() { run "$BENCHDB" push --server "$S" "$@"; }

# 1. push: --help, stored, unchanged, the options.
run "$BENCHDB" push --help
check_rc "push --help: exit 0" 0
check_out "push --help: usage" "usage: benchdb push --server URL"
push --token-file "$WORK/token" "$WORK/runs/run-01.json"
check_rc "re-push of a stored run: exit 0" 0
check_out_exact "re-push: unchanged" "Run r01 is already stored, unchanged (53 points, 53 metrics)"
push --token-file "$WORK/token" --id up-1 --commit abc123 --branch feature/x \
	--timestamp 2026-04-01T00:00:00Z --tag host=ci-1 "$WORK/runs/run-02.json"
check_rc "push: exit 0" 0
check_out_exact "push: the run and its counts" "Pushed run up-1 (53 points, 53 metrics)"
run "$BENCHDB" --db "$DB" --format csv -c 'show runs'
check_out "push: commit, branch and timestamp stored" "up-1,2026-04-01T00:00:00Z,abc123,feature/x,53,53"
run "$BENCHDB" --db "$DB" --format csv -c 'show tags host'
check_out "push: the tag is on the points" "ci-1"
push --token-file "$WORK/token" --id up-1 --commit abc123 --branch feature/x \
	--timestamp 2026-04-01T00:00:00Z --tag host=ci-1 "$WORK/runs/run-02.json"
check_rc "the same push again: exit 0" 0
check_out_exact "the same push again: unchanged" "Run up-1 is already stored, unchanged (53 points, 53 metrics)"

# The CI job's commit and branch when the file has none (a Google Benchmark
# file), as ingest takes them; the token from $BENCHDB_TOKEN.
GITHUB_SHA=feedface0001 GITHUB_REF_NAME=ci-branch BENCHDB_TOKEN=$TOKEN \
	run "$BENCHDB" push --server "$S" --id ci-1 "$FIXTURES/gbench_plain.json"
check_rc "push from a GitHub job: exit 0" 0
run "$BENCHDB" --db "$DB" --format csv -c 'show runs'
check "push from a GitHub job: its commit and branch" grep -q '^ci-1,[^,]*,feedface0001,ci-branch,' "$OUT"
# --commit auto: this checkout's HEAD.
head=$(git -C "$ROOT" rev-parse HEAD)
BENCHDB_TOKEN=$TOKEN run env -C "$ROOT" "$BENCHDB" push --server "$S" --id auto-1 \
	--commit auto "$FIXTURES/gbench_plain.json"
check_rc "push --commit auto: exit 0" 0
run "$BENCHDB" --db "$DB" --format csv -c 'show runs'
check "push --commit auto: git's HEAD" grep -q "^auto-1,[^,]*,$head," "$OUT"

# A file without a time of its own: the run gets the file's modification
# time, as `benchdb ingest FILE` gives it (before: the time of the push).
cp "$FIXTURES/hyperfine.json" "$WORK/old-results.json"
touch -d '2026-01-15 10:00:00.25 UTC' "$WORK/old-results.json"
push --token-file "$WORK/token" --id mtime-1 "$WORK/old-results.json"
check_rc "push of a file without a time: exit 0" 0
run "$BENCHDB" --db "$DB" --format csv -c 'show runs'
check_out "its run has the file's modification time" "mtime-1,2026-01-15T10:00:00.250000Z"
"$BENCHDB" --db "$WORK/local" ingest --id mtime-1 "$WORK/old-results.json" >/dev/null
run "$BENCHDB" --db "$WORK/local" --format csv -c 'show runs'
check_out "as ingest gives it" "mtime-1,2026-01-15T10:00:00.250000Z"

# A Criterion.rs tree (a directory, not one file): read as ingest reads it
# and sent as its benchkit Run JSON; the server stores the run ingest
# stores (before: exit 2, "is a directory").
push --token-file "$WORK/token" "$FIXTURES/criterion"
check_rc "push of a Criterion tree: exit 0" 0
check_out "push of a Criterion tree: the run" "Pushed run criterion-"
"$BENCHDB" --db "$WORK/local" ingest "$FIXTURES/criterion" >/dev/null
crit_id=$("$BENCHDB" --db "$WORK/local" --format csv -c 'show runs' | grep '^criterion-' | cut -d, -f1)
"$BENCHDB" --db "$WORK/local" --json -c "summary run \"$crit_id\"" >"$WORK/crit-local.json"
run "$BENCHDB" --db "$DB" --json -c "summary run \"$crit_id\""
check "the pushed tree: the run ingest stores, value for value" cmp -s "$OUT" "$WORK/crit-local.json"
mkdir -p "$WORK/not-a-tree"
push --token-file "$WORK/token" "$WORK/not-a-tree"
check_rc "push of another directory: exit 2" 2
check_err "another directory: says to give its files" "is a directory but not a Criterion tree"

# --db with push: push sends to the server's store, so a local store named
# beside it is a mistake. `benchdb --db X push --server URL` pushed and
# ignored X without a word, `push --db X --server URL` said "unknown option
# '--db'"; all spellings are now refused alike (exit 2, nothing sent),
# saying why and what stores into a local store.
runs_now "$WORK/before-db.json"
db_hint="push: --db and --data name a local store, but push sends the files to the server's store (--server URL): give no --db or --data (benchdb --db DIR ingest FILE stores them in DIR)"
for form in "--db $WORK/other push --server $S" "push --db $WORK/other --server $S" \
	"--server $S --data $WORK/other push" "push --server $S --data=$WORK/other" \
	"push --db $WORK/other"; do
	# shellcheck disable=SC2086 # the forms are words
	BENCHDB_TOKEN=$TOKEN run "$BENCHDB" $form "$FIXTURES/gbench_plain.json"
	check_rc "'$form FILE': exit 2" 2
	check_err "'$form FILE': says why" "$db_hint"
done
runs_now "$WORK/after-db.json"
check "--db with push: nothing was sent" cmp -s "$WORK/before-db.json" "$WORK/after-db.json"
check "--db with push: no local store made" [ ! -e "$WORK/other" ]

# 2. A bad file: exit 3 with ingest's FILE:LINE:COL message, nothing stored.
printf '{"benchmarks": [\n  {"name": "a", "real_time": "fast"}\n' >"$WORK/bad.json"
runs_now "$WORK/before.json"
run env -C "$WORK" "$BENCHDB" push --server "$S" --token-file token bad.json
check_rc "bad file: exit 3" 3
cp "$ERR" "$WORK/push.err"
rm -rf "$WORK/copy" && cp -r "$DB" "$WORK/copy"
run env -C "$WORK" "$BENCHDB" --db copy ingest bad.json
check "bad file: the message ingest prints (FILE:LINE:COL)" cmp -s "$WORK/push.err" "$ERR"
check "bad file: it names bad.json:LINE:COL" grep -q '^benchdb: error: bad.json:[0-9]*:[0-9]*: ' "$WORK/push.err"
runs_now "$WORK/after.json"
check "bad file: the store is unchanged" cmp -s "$WORK/before.json" "$WORK/after.json"
# A different run under a stored id: 409, exit 3.
push --token-file "$WORK/token" --id up-1 "$WORK/runs/run-03.json"
check_rc "an id taken by another run: exit 3" 3
# The store's word, as ingest prints it: the first difference (before:
# only "a different run with id 'up-1' is already stored").
check_err "an id taken: says so, with the first difference" \
	'run-03.json: run "up-1" is already stored (sequence 21) with different contents (first difference: timestamp (stored 2026-04-01T00:00:00Z, new 2026-03-03T02:00:00Z))'
# Good, bad, good: the good ones are stored, exit 3.
cp "$WORK/runs/run-04.json" "$WORK/good.json"
push --token-file "$WORK/token" "$FIXTURES/hyperfine.json" "$WORK/bad.json" "$FIXTURES/pytest_benchmark.json"
check_rc "good, bad, good: exit 3" 3
check "good, bad, good: two pushed" [ "$(grep -c '^Pushed run ' "$OUT")" = 2 ]

# 3. The server refuses or is not there: exit 4, one line.
runs_now "$WORK/before.json"
push --token-file "$WORK/wrong-token" "$WORK/runs/run-02.json"
check_rc "wrong token: exit 4" 4
check_out_exact "wrong token: one line" ""
check "wrong token: the server's reason, one line" [ "$(cat "$ERR")" = \
	"benchdb: error: push: $S answered 401 Unauthorized: the bearer token is wrong" ]
push "$WORK/runs/run-02.json"
check_rc "no token: exit 4" 4
check_err "no token: says what is missing" "answered 401 Unauthorized: writes need Authorization: Bearer TOKEN"
check_err "no token: says none was given" \
	"writes need Authorization: Bearer TOKEN; no token was given (--token-file F, or \$BENCHDB_TOKEN)"
# A pull request from a fork gets no secrets: BENCHDB_TOKEN is set, empty.
BENCHDB_TOKEN= push "$WORK/runs/run-02.json"
check_rc "an empty \$BENCHDB_TOKEN: exit 4" 4
check_err "says the variable is empty, as a fork's pull request has it" \
	"no token was given (\$BENCHDB_TOKEN is empty: a CI secret that is not set, as for a pull request from a fork)"
runs_now "$WORK/after.json"
check "refused pushes store nothing" cmp -s "$WORK/before.json" "$WORK/after.json"
# $BENCHDB_TOKEN is read as a token file is: its first line (a CI secret
# pasted with a line end works), checked before anything is sent (never a
# line end or another header inside the request's headers).
BENCHDB_TOKEN="$TOKEN"$'\n' run "$BENCHDB" push --server "$S" --id env-nl \
	"$FIXTURES/gbench_plain.json"
check_rc "\$BENCHDB_TOKEN with a line end: exit 0" 0
check_out "  pushed" "Pushed run env-nl"
BENCHDB_TOKEN="$TOKEN"$'\r\n' run "$BENCHDB" push --server "$S" --id env-crlf \
	"$FIXTURES/gbench_plain.json"
check_rc "\$BENCHDB_TOKEN with CR LF: exit 0" 0
runs_now "$WORK/before.json"
BENCHDB_TOKEN="x$TOKEN"$'\r\nX-Other: 1' run "$BENCHDB" push --server "$S" \
	--id env-header "$FIXTURES/gbench_plain.json"
check_rc "\$BENCHDB_TOKEN with a second line: exit 4 (the first line is the wrong token)" 4
check_err "  the server's 401" "answered 401 Unauthorized: the bearer token is wrong"
BENCHDB_TOKEN="$TOKEN with spaces" run "$BENCHDB" push --server "$S" --id env-sp \
	"$FIXTURES/gbench_plain.json"
check_rc "\$BENCHDB_TOKEN with spaces: exit 2" 2
check "  says so in one line" [ "$(cat "$ERR")" = \
	"benchdb: error: push: the token in \$BENCHDB_TOKEN must be printable ASCII without spaces" ]
BENCHDB_TOKEN=short run "$BENCHDB" --server "$S" -c 'show runs'
check_rc "--server with a short \$BENCHDB_TOKEN: exit 2" 2
check_err "  says so" "the token in \$BENCHDB_TOKEN must be at least 16 characters"
runs_now "$WORK/after.json"
check "  nothing stored" cmp -s "$WORK/before.json" "$WORK/after.json"
start_server "$WORK/ro.log" --db "$DB"
RO=$URL
run "$BENCHDB" push --server "$RO" --token-file "$WORK/token" "$WORK/runs/run-02.json"
check_rc "read-only server: exit 4" 4
check_err "read-only server: 403" "answered 403 Forbidden: the server is read-only"
stop_server "$PID"
run "$BENCHDB" push --server "$RO" --token-file "$WORK/token" "$WORK/runs/run-02.json"
check_rc "no server: exit 4" 4
check_err "no server: cannot reach" "benchdb: error: push: cannot reach $RO: "
check "no server: one line" [ "$(wc -l <"$ERR")" = 1 ]
# A URL with a user and password (a proxy's basic auth): the errors wrote
# the password into the CI log.
CRED=${RO/http:\/\//http://ci:s3cretpass@}
run "$BENCHDB" push --server "$CRED" --token-file "$WORK/token" "$WORK/runs/run-02.json"
check_rc "no server, a URL with a password: exit 4" 4
check_err "the URL shown without its password" "benchdb: error: push: cannot reach ${RO/http:\/\//http://***@}: "
check "the password is not in the error" test "$(grep -c s3cretpass "$ERR")" = 0
run "$BENCHDB" --server "$CRED" -c 'show runs'
check_rc "--server, a URL with a password: exit 4" 4
check "--server: the password is not in the error" test "$(grep -c s3cretpass "$ERR")" = 0
run "$BENCHDB" push "$WORK/runs/run-02.json"
check_rc "push without --server: exit 2" 2
run "$BENCHDB" push --server ftp://x "$WORK/runs/run-02.json"
check_rc "push to a non-http URL: exit 2" 2
# The dashboard's address copied from a browser (or one with a query
# string): the paths were appended after its '#' or '?', every request went
# to '/', and push and --server exited 4 with 'answered 405: method not
# allowed'. Now a usage error saying what to give, and nothing sent.
run "$BENCHDB" push --server "$S/#/series?point=kernel" --token-file "$WORK/token" \
	"$WORK/runs/run-02.json"
check_rc "push to a dashboard link: exit 2" 2
check_err "push to a dashboard link: said" \
	"benchdb: error: push: --server: expected the server's address without '?' or '#' (for a dashboard link, what comes before its '#'), got '$S/#/series?point=kernel'"
run "$BENCHDB" --server "$S/?x=1" -c 'show runs'
check_rc "--server with a query string: exit 2" 2
check_err "--server with a query string: said" \
	"benchdb: error: --server: expected the server's address without '?' or '#' (for a dashboard link, what comes before its '#'), got '$S/?x=1'"
run "$BENCHDB" --server "$S/" -c 'show runs last 1'
check_rc "--server with a trailing slash: answered" 0

# 4. --server: the bytes, the errors and the exit codes of the local store.
same_as_local() { # NAME ARGS...: benchdb ARGS locally and with --server
	local name=$1
	shift
	"$BENCHDB" --db "$DB" "$@" >"$WORK/local.out" 2>"$WORK/local.err" <"${STDIN:-/dev/null}"
	local lrc=$?
	"$BENCHDB" --server "$S" "$@" >"$WORK/remote.out" 2>"$WORK/remote.err" <"${STDIN:-/dev/null}"
	local rrc=$?
	if [ "$lrc" = "$rrc" ] && cmp -s "$WORK/local.out" "$WORK/remote.out" &&
		cmp -s "$WORK/local.err" "$WORK/remote.err"; then
		pass "--server $name: exit $lrc, same stdout and stderr"
	else
		fail "--server $name" "exit $lrc local, $rrc remote"
		diff "$WORK/local.out" "$WORK/remote.out" | head -10
		diff "$WORK/local.err" "$WORK/remote.err" | head -10
	fi
	[ -s "$WORK/local.out" ] || [ -s "$WORK/local.err" ] ||
		fail "--server $name" "the local command printed nothing to compare"
}
for stmt in 'show runs' 'trend time of kernel last 5' 'compare latest with baseline main' \
	'regressions vs baseline main' 'rank rate' 'summary latest~1' 'show baselines; show metrics' \
	'show points'; do
	for mode in "--format table" --json "--format csv" "--format markdown" "--format line"; do
		# shellcheck disable=SC2086 # the mode is one or two words
		same_as_local "'$stmt' $mode" $mode -c "$stmt"
	done
done
same_as_local "'... as csv' in the statement" -c 'trend time of kernel last 3 as csv'
same_as_local "a query error (exit 2, caret)" -c 'compare latest wiht baseline main'
same_as_local "an unknown name (exit 2, suggestion)" -c 'trend tiem of kernel'
same_as_local "a missing baseline (exit 3)" -c 'compare latest with baseline nope'
same_as_local "an error in the second statement" -c 'show baselines; trend time of kernal'
printf 'show baselines\n\nshow metrics\n\ntrend time of\n  kernal last 2\n' >"$WORK/script.bdb"
same_as_local "-f: an error on line 6 of a script" -f "$WORK/script.bdb"
same_as_local "a statement subcommand" trend time of kernel last 2
printf 'show baselines\ntrend tiem of kernel\n' >"$WORK/stdin.bdb"
STDIN=$WORK/stdin.bdb same_as_local "statements on standard input"
# The API underneath: ?format= renders as the CLI does; charts are refused.
"$BENCHDB" --db "$DB" --format csv -c 'rank rate' >"$WORK/cli.csv"
run curl -s --max-time 60 -G --data-urlencode 'q=rank rate' --data-urlencode format=csv "$S/api/query"
check "GET /api/query?format=csv: the bytes of --format csv" cmp -s "$OUT" "$WORK/cli.csv"
run curl -s --max-time 60 -o /dev/null -w '%{http_code}' -G --data-urlencode 'q=show runs' \
	--data-urlencode format=svg "$S/api/query"
check_out_exact "GET /api/query?format=svg: 400" 400
run curl -s --max-time 60 -G --data-urlencode 'q=compare latest with baseline nope' "$S/api/query"
check_out "a missing baseline: code notfound (exit 3 in the CLI)" '"code": "notfound"}'
run "$BENCHDB" --server "$S" --json -c 'compare latest wiht baseline main'
check_err "--server query error: the caret line" "                 ^^^^"
run "$BENCHDB" --server "$RO" -c 'show runs'
check_rc "--server without a server: exit 4" 4
check_err "--server without a server: cannot reach" "benchdb: error: --server: cannot reach $RO: "
run "$BENCHDB" --server "$S" ingest "$WORK/runs/run-02.json"
check_rc "--server with ingest: exit 2" 2
check_err "--server with ingest: points at push" "upload with 'benchdb push'"
run "$BENCHDB" --server "$S" --fail -c 'regressions'
check_rc "--server --fail: exit 2" 2
# Writes through --server need the token.
run "$BENCHDB" --server "$S" -c 'set baseline pr = latest'
check_rc "--server set baseline without a token: exit 4" 4
check_err "--server set baseline without a token: 401" "answered 401 Unauthorized"
run "$BENCHDB" --server "$S" --token-file "$WORK/token" -c 'set baseline pr = run "r07"'
check_rc "--server set baseline with the token: exit 0" 0
BENCHDB_TOKEN=$TOKEN run "$BENCHDB" --server "$S" -c 'set baseline envtok = run "r07"'
check_rc "--server set baseline with \$BENCHDB_TOKEN, as push: exit 0" 0
run "$BENCHDB" --db "$DB" -c 'show baselines'
check_out "the baseline set with \$BENCHDB_TOKEN is stored" "envtok"
BENCHDB_TOKEN=$TOKEN run "$BENCHDB" --server "$S" -c 'drop baseline envtok'
check_rc "--server drop baseline with \$BENCHDB_TOKEN: exit 0" 0
run "$BENCHDB" --db "$DB" --format csv -c 'show baselines'
check_out "--server set baseline: stored" "pr,r07,"

# 5. Notifications. A receiver that fails twice, then takes the message.
RECEIVED=$WORK/received.log
: >"$RECEIVED"
# receiver NAME LOG FAILS [MODE]: starts tests/tools/notify_receiver.py
# (killed at exit) and waits for its port, in $WORK/NAME.port.
receiver() {
	python3 "$ROOT/tests/tools/notify_receiver.py" "$WORK/$1.port" "${@:2}" &
	SERVERS+=($!)
	disown
	for i in $(seq 100); do [ -s "$WORK/$1.port" ] && break; sleep 0.1; done
}
receiver recv "$RECEIVED" 2
RPORT=$(cat "$WORK/recv.port")
start_server "$WORK/notify.log" --db "$DB" --token-file "$WORK/token" \
	--notify-url "http://127.0.0.1:$RPORT/hook" --public-url "https://bench.example/team/"
N=$URL
# A run close to the baseline (r05) brings no message; then a regressed one.
run "$BENCHDB" push --server "$N" --token-file "$WORK/token" --id calm-1 "$WORK/runs/run-04.json"
check_rc "notify: a calm run is pushed" 0
run "$BENCHDB" push --server "$N" --token-file "$WORK/token" --id slow-1 "$WORK/runs/run-20.json"
check_rc "notify: a regressed run is pushed" 0
for i in $(seq 300); do # 30 s for 3 tries 0.25 s and 0.5 s apart
	[ "$(wc -l <"$RECEIVED")" -ge 3 ] && break
	sleep 0.1
done
check "notify: three tries arrived" [ "$(wc -l <"$RECEIVED")" = 3 ]
check "notify: the first two were answered 500" [ "$(cut -d' ' -f1 "$RECEIVED" | tr '\n' ' ')" = "500 500 200 " ]
sed -n 3p "$RECEIVED" | cut -d' ' -f2- >"$WORK/message.json"
# r20 vs r05 (tests/charts/make-store.sh): kernel 1004 -> 1298 ns (+29.3%),
# spread 2^5 -> 2^20 us (+3276700%, the worst); the calm run (r04) has none.
check "notify: the message" [ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$WORK/message.json")" = \
	"benchdb: run slow-1 (commit c200a1b2c3d4e) has 2 regressions vs baseline main. Worst: time of spread +3276700.0% (32 µs -> 1.049 s). https://bench.example/team/" ]
check "notify: all three were the same message" [ "$(cut -d' ' -f2- "$RECEIVED" | sort -u | wc -l)" = 1 ]
check "notify: the calm run sent nothing" bash -c "! grep -q calm-1 '$RECEIVED'"
check "notify: the failed tries are logged" grep -q "notify: run slow-1: try 2 failed: HTTP 500; next in 500 ms" "$WORK/notify.log"
check "notify: the delivery is logged" logged "$WORK/notify.log" "notify: run slow-1: sent (HTTP 200, try 3)"
# A run id holds any character: the log line stays one, with '?' for the
# line break, and no forged line follows it.
python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); r["id"] = "slow-2\nFORGED \"GET /\" 200"; json.dump(r, open(sys.argv[2], "w"))' \
	"$WORK/runs/run-20.json" "$WORK/run-20-forged.json"
run "$BENCHDB" push --server "$N" --token-file "$WORK/token" "$WORK/run-20-forged.json"
check_rc "notify: a regressed run whose id holds a line break is pushed" 0
check "notify: its log line has '?' for the line break" \
	logged "$WORK/notify.log" 'notify: run slow-2?FORGED "GET /" 200: sent (HTTP 200, try 1)'
check "notify: no forged line in the log" [ "$(grep -c '^FORGED' "$WORK/notify.log")" = 0 ]
stop_server "$PID"
check_rc "notify: the server stops, exit 0" 0

# Something that is not benchdb answering 200 (a wrong URL, a proxy's login
# page; here the receiver's "ok"): neither client takes it for an answer.
run "$BENCHDB" push --server "http://127.0.0.1:$RPORT" --token-file "$WORK/token" \
	"$WORK/runs/run-05.json"
check_rc "push to a server that is not benchdb (200 \"ok\"): exit 4" 4
check_out_exact "  prints no 'Run ? is already stored'" ""
check "  says so in one line" [ "$(cat "$ERR")" = \
	"benchdb: error: push: http://127.0.0.1:$RPORT answered 200 without benchdb's answer to an upload (is it benchdb serve?); the run may not be stored" ]
run "$BENCHDB" --server "http://127.0.0.1:$RPORT" -c 'show runs'
check_rc "--server to a server that is not benchdb: exit 4" 4
check_out_exact "  prints nothing of its answer" ""
check_err "  says so" "answered 200 without benchdb's answer to a statement (is it benchdb serve?)"
# A proxy in front refuses the body with its own page (nginx's
# client_max_body_size): the push says who answered what.
receiver proxy "$WORK/proxy.log" 0 proxy413
run "$BENCHDB" push --server "http://127.0.0.1:$(cat "$WORK/proxy.port")" --token-file "$WORK/token" \
	"$WORK/runs/run-05.json"
check_rc "a proxy's 413 page: exit 3 (the file refused)" 3
check "  says the status and that the answer is not benchdb's" [ "$(cat "$ERR")" = \
	"benchdb: error: $WORK/runs/run-05.json: http://127.0.0.1:$(cat "$WORK/proxy.port") answered 413 without benchdb's answer (a proxy's limit?)" ]

# A receiver whose answer never ends: the notifier reads 1 MiB of it, takes
# its status, and stops (before, it read for the 5 s timeout, gigabytes into
# the server's memory, and logged a failure).
receiver endless "$WORK/endless.log" 0 endless
start_server "$WORK/endless-server.log" --db "$DB" --token-file "$WORK/token" \
	--notify-url "http://127.0.0.1:$(cat "$WORK/endless.port")/"
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" --id slow-3 "$WORK/runs/run-20.json"
check_rc "endless receiver: the upload is answered" 0
check "endless receiver: the message is sent once, its 200 taken" \
	logged "$WORK/endless-server.log" "notify: run slow-3: sent (HTTP 200, try 1)"
check "endless receiver: one request" [ "$(grep -c slow-3 "$WORK/endless.log")" = 1 ]
http "$URL/api/health"
check_status "endless receiver: the server answers" 200
stop_server "$PID"
check_rc "endless receiver: the server stops, exit 0" 0

# A receiver that never answers: the upload is answered all the same (20 s
# bounds a hang, not a speed: the notifier's 5 tries of 5 s would be 25 s).
receiver dead "$WORK/dead.log" 0 hang
start_server "$WORK/dead-server.log" --db "$DB" --token-file "$WORK/token" \
	--notify-url "http://127.0.0.1:$(cat "$WORK/dead.port")/"
run timeout 20 "$BENCHDB" push --server "$URL" --token-file "$WORK/token" --id slow-2 "$WORK/runs/run-19.json"
check_rc "dead receiver: the upload is answered" 0
check_out_exact "dead receiver: the run is stored" "Pushed run slow-2 (53 points, 53 metrics)"
sleep 1 # the notifier takes the run and starts its first try
stop_server "$PID"
check_rc "dead receiver: the server still stops, exit 0" 0
check "dead receiver: the undelivered message is logged, not dropped silently" \
	grep -qE "notify: run slow-2: (gave up (at try 1|after [0-9] tries): the server is stopping|not considered: the server stopped)" \
	"$WORK/dead-server.log"

# A store that keeps its change points: once an upload is answered, the
# write lane settles the answers of `changes` for the series it touched, so
# that `changes` reads them (settled_series) instead of computing them.
KEPT=$WORK/kept
"$BENCHDB" --db "$KEPT" ingest "$WORK"/runs/run-0[1-5].json >/dev/null
"$BENCHDB" --db "$KEPT" reindex >/dev/null
METRIC=$("$BENCHDB" --db "$KEPT" -c 'show metrics as csv' | sed -n 2p | cut -d, -f1)
start_server "$WORK/kept.log" --db "$KEPT" --token-file "$WORK/token"
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" "$WORK/runs/run-06.json"
check_rc "kept store: the push is stored" 0
settled() { # "SERIES PERSISTED SETTLED" of changes METRIC over the server
	curl -s --max-time 10 -G --data-urlencode "q=changes $METRIC" "$URL/api/query" |
		python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["series"], d["persisted_series"], d["settled_series"])'
}
for i in $(seq 200); do # bounds a wait for the lane, not a speed
	set -- $(settled)
	[ "${1:-0}" -gt 0 ] && [ "$3" = "$1" ] && break
	sleep 0.1
done
check "kept store: after the push every series of $METRIC is answered from its settled answer ($*)" \
	test "${1:-0}" -gt 0 -a "$2" = "$1" -a "$3" = "$1"
check "kept store: the store holds the pushed run" \
	test "$("$BENCHDB" --db "$KEPT" -c 'show runs as csv' | tail -n +2 | grep -c .)" -eq 6
stop_server "$PID"
check_rc "kept store: the server stops, exit 0" 0

stop_server "$MAIN"
check_rc "the main server stops, exit 0" 0
finish
