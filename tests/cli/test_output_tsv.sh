#!/usr/bin/env bash
# tests/cli/test_output_tsv.sh - the TSV format DESIGN.md promises for pipes
# (cut, awk, sort, join): --format tsv, .mode tsv, `as tsv`, serve's
# format=tsv (`--format tsv` was exit 2, `.mode tsv` unknown); and the line
# between the tables of several statements, which ends as the format's
# lines do (a bare "\n" between CSV tables whose lines end in CRLF).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
ingest_history "$DB"

run "$BENCHDB" --format tsv -c 'show runs last 2'
check_rc "--format tsv exits 0" 0
check_out_exact "--format tsv: a header line, a row per run, one TAB apart" "$(printf 'id\ttimestamp\tcommit\tbranch\tpoints\tmetrics\nv5\t2026-11-15T02:00:00Z\tc5\tmain\t5\t15\nv4\t2026-11-14T02:00:00Z\tc4\tmain\t5\t15')"
check "--format tsv: no CR" test "$(tr -cd '\r' <"$OUT" | wc -c)" = 0
cut -f 3 "$OUT" >"$WORK/cut"
check "cut -f 3 gives the commits" test "$(cat "$WORK/cut")" = "$(printf 'commit\nc5\nc4')"

run "$BENCHDB" -c 'show runs last 1 as tsv'
check_out_exact "as tsv" "$(printf 'id\ttimestamp\tcommit\tbranch\tpoints\tmetrics\nv5\t2026-11-15T02:00:00Z\tc5\tmain\t5\t15')"

printf '.mode tsv\nshow runs last 1\n' >"$WORK/mode.bq"
run "$BENCHDB" -f "$WORK/mode.bq"
check_rc ".mode tsv exits 0" 0
check_out "after .mode tsv a row is TAB-separated" "$(printf 'v5\t2026-11-15T02:00:00Z\tc5')"

run "$BENCHDB" --format nope -c 'show runs'
check_rc "--format nope is a usage error" 2
check_err "--format nope lists tsv" "expected table, json, csv, tsv, markdown or line, got 'nope'"

# A number as CSV writes it; NULL (no value) an empty field; notes on stderr.
run "$BENCHDB" --format tsv -c 'show runs last 1; trend real_time of "BM_sort/1024" since 2099-01-01'
check_rc "a statement with a note exits 0" 0
check_err "tsv: a note goes to stderr" "benchdb: note: "

# Several statements: the line between the tables ends as their lines do.
run "$BENCHDB" --format csv -c 'show runs last 1; show runs last 1'
check "csv: the tables are a CRLF line apart" python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
one = b"id,timestamp,commit,branch,points,metrics\r\nv5,2026-11-15T02:00:00Z,c5,main,5,15\r\n"
assert t == one + b"\r\n" + one, t' "$OUT"
run "$BENCHDB" --format tsv -c 'show runs last 1; show runs last 1'
check "tsv: the tables are a LF line apart" python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
one = b"id\ttimestamp\tcommit\tbranch\tpoints\tmetrics\nv5\t2026-11-15T02:00:00Z\tc5\tmain\t5\t15\n"
assert t == one + b"\n" + one, t' "$OUT"
# One statement a line of a script: the same separator.
printf 'show runs last 1 as csv\nshow runs last 1 as csv\n' >"$WORK/two.bq"
run "$BENCHDB" -f "$WORK/two.bq"
check "csv in a script: the tables are a CRLF line apart" python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
one = b"id,timestamp,commit,branch,points,metrics\r\nv5,2026-11-15T02:00:00Z,c5,main,5,15\r\n"
assert t == one + b"\r\n" + one, t' "$OUT"

# serve: format=tsv, the CLI's bytes; --server with a script: the same
# separators as a local store.
. "$(dirname "$0")/serve_lib.sh"
start_server "$WORK/server.log" --db "$DB"
http -G --data-urlencode 'q=show runs last 1' "$URL/api/query?format=tsv"
check_status "/api/query?format=tsv: 200" 200
"$BENCHDB" --format tsv -c 'show runs last 1' >"$WORK/local.tsv"
check "/api/query?format=tsv: the bytes of --format tsv" cmp -s "$OUT" "$WORK/local.tsv"
http -G --data-urlencode 'q=show runs' "$URL/api/query?format=nope"
check_status "/api/query?format=nope: 400" 400
check_out "format=nope lists tsv" "expected table, json, csv, tsv, markdown or line"
run "$BENCHDB" --server "$URL" -f "$WORK/two.bq"
check "csv from --server in a script: the tables are a CRLF line apart" python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
one = b"id,timestamp,commit,branch,points,metrics\r\nv5,2026-11-15T02:00:00Z,c5,main,5,15\r\n"
assert t == one + b"\r\n" + one, t' "$OUT"
printf 'show runs last 1\nshow runs last 1\n' >"$WORK/two-plain.bq"
run "$BENCHDB" --server "$URL" --format tsv -f "$WORK/two-plain.bq"
check "tsv from --server in a script: the tables are a LF line apart" python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
one = b"id\ttimestamp\tcommit\tbranch\tpoints\tmetrics\nv5\t2026-11-15T02:00:00Z\tc5\tmain\t5\t15\n"
assert t == one + b"\n" + one, t' "$OUT"

finish
