#!/usr/bin/env bash
# tests/cli/test_run_id_urls.sh - run ids that are awkward in URLs. A run
# named "." or ".." was stored, and the dashboard's run page (and curl) said
# "not found": URLs drop dot segments, so /api/runs/.. became /api/ (a real
# browser showed "Run .. | not found"). Such ids are now refused where a run
# is stored (--id: exit 2; a file's id: exit 3, nothing stored). Ids with '/',
# '%', '?', '#' or a literal "%2E%2E" work: the dashboard percent-encodes the
# id (encodeURIComponent) and the server decodes it; each is fetched here as
# the dashboard fetches it, from a real server over loopback.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"

DB=$WORK/db
V1=$ROOT/examples/history/gbench-v1.json

for id in . ..; do
	run "$BENCHDB" --db "$DB" ingest --id "$id" "$V1"
	check_rc "ingest --id $id is a usage error" 2
	check_err "  saying why" "ingest: --id: \"$id\" is a dot segment: URLs drop"
	check "  and makes no store" test ! -e "$DB"
	printf '{"id": "%s", "timestamp": "2026-01-01T00:00:00", "points": [{"name": "a", "metrics": {"t": {"value": 1}}}]}' \
		"$id" >"$WORK/dot.json"
	run "$BENCHDB" --db "$DB" ingest "$WORK/dot.json"
	check_rc "a file whose id is $id exits 3" 3
	check_err "  naming the file and the id" "dot.json: run id \"$id\" is a dot segment"
	check "  and makes no store" test ! -e "$DB"
done

# Odd ids, with the path segment the dashboard asks for each.
ids=("a/b" "50%" "a?b" "a#b" "%2E%2E" ".hidden" "a..b")
enc=("a%2Fb" "50%25" "a%3Fb" "a%23b" "%252E%252E" ".hidden" "a..b")
for i in "${!ids[@]}"; do
	run "$BENCHDB" --db "$DB" ingest --id "${ids[i]}" --timestamp "2026-01-0$((i + 1))T00:00:00Z" "$V1"
	check_rc "ingest --id '${ids[i]}'" 0
done
echo secret-token-0123456789 >"$WORK/token"
start_server "$WORK/server.log" --db "$DB" --token-file "$WORK/token"
for i in "${!ids[@]}"; do
	http "$URL/api/runs/${enc[i]}"
	check "GET /api/runs/${enc[i]} is 200" test "$STATUS" = 200
	check_out "  and is run '${ids[i]}'" "\"run\": \"${ids[i]}\""
done
# The next page after run "a?b" (the list's Link header) names it encoded.
http "$URL/api/runs?limit=1&before=a%3Fb"
check_out "before=a%3Fb pages on from run 'a?b'" '"id": "50%"'

# A push whose file's id is ".." is refused: 400, nothing stored.
http -X POST -H "Authorization: Bearer secret-token-0123456789" --data-binary @"$WORK/dot.json" "$URL/api/runs"
check "POST of a run with id '..' is 400" test "$STATUS" = 400
check_out "  saying why" 'run id \"..\" is a dot segment'
run "$BENCHDB" push --server "$URL" --token-file "$WORK/token" --id .. "$V1"
check_rc "push --id .. is a usage error" 2
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check "the store has its 7 runs" test "$(($(wc -l <"$OUT") - 1))" -eq 7

stop_server "$PID"
finish
