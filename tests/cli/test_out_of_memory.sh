#!/usr/bin/env bash
# tests/cli/test_out_of_memory.sh - an input too large for the memory the
# process may use (ulimit -v) is "out of memory", exit 3, and stores nothing:
# before, a failed allocation inside jansson was reported as a syntax error of
# a valid file ("m.json:1:1: invalid JSON: " with no text, or "invalid token
# near '"ns"'" where a string could not be copied).
#
# The file is a valid Google Benchmark file of 200,000 benchmarks (25 MB);
# it is ingested under address-space limits from 120 MB up, until one works.
# Where each limit cuts depends on the build, so the test asserts what every
# run must do (exit 3 or 0; never "invalid JSON"; the store as it was after
# a failure) and that some limit ran out while parsing the JSON. Sanitized
# builds reserve terabytes of shadow memory, which no limit allows: skipped.
. "$(dirname "$0")/lib.sh"

if [ "${BENCHDB_SANITIZED:-0}" = 1 ]; then
	echo "# skipped: a sanitized benchdb cannot run under ulimit -v"
	finish
fi

DB=$WORK/db
"$BENCHDB" --db "$DB" ingest --id seed "$FIXTURES/gbench_plain.json" >/dev/null
"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$WORK/before.csv"
"$BENCHDB" --db "$DB" export seed >"$WORK/before-seed.json"

BIG=$WORK/m.json
awk 'BEGIN {
	printf "{\"context\": {\"date\": \"2026-03-01T10:00:00+00:00\"}, \"benchmarks\": ["
	for (i = 0; i < 200000; i++)
		printf "%s{\"name\": \"BM_m_%d\", \"run_type\": \"iteration\", \"iterations\": 1, \"real_time\": %d.5, \"cpu_time\": %d, \"time_unit\": \"ns\"}", (i ? "," : ""), i, i, i
	print "]}"
}' >"$BIG"

SIZE=$(stat -c %s "$BIG")
bad_rc=0 bad_state=0 said_syntax=0 json_oom=0 stored=0 tries=0
for ((limit = 120; limit <= 1200; limit += 60)); do
	tries=$((tries + 1))
	run bash -c "ulimit -v $((limit * 1024)) && exec \"\$0\" --db \"\$1\" ingest --id big \"\$2\"" \
		"$BENCHDB" "$DB" "$BIG"
	if [ "$RC" -eq 0 ]; then
		stored=$limit
		break
	fi
	if [ "$RC" -ne 3 ]; then
		bad_rc=$((bad_rc + 1))
		echo "# limit $limit MB: exit $RC, expected 3: $(head -c 300 "$ERR")"
	fi
	if grep -q 'invalid JSON' "$ERR"; then
		said_syntax=$((said_syntax + 1))
		echo "# limit $limit MB: $(head -c 300 "$ERR")"
	fi
	grep -qxF "benchdb: error: $BIG: out of memory reading $SIZE bytes of JSON; nothing was stored" \
		"$ERR" && json_oom=$((json_oom + 1))
	"$BENCHDB" --db "$DB" -c 'show runs as csv' | cmp -s - "$WORK/before.csv" ||
		bad_state=$((bad_state + 1))
done
echo "# $tries limits tried; the ingest worked at $stored MB; $json_oom ran out parsing the JSON"
check "the file is 25,266,738 bytes" test "$SIZE" = 25266738
check "every failed ingest exits 3 ($bad_rc did not)" test "$bad_rc" -eq 0
check "none says the valid file is invalid JSON ($said_syntax did)" test "$said_syntax" -eq 0
check "some limit ran out of memory parsing the JSON, and said so ($json_oom)" test "$json_oom" -ge 1
check "after each failure the store held exactly its runs ($bad_state did not)" test "$bad_state" -eq 0
check "with enough memory the same file is stored" test "$stored" -gt 0
run "$BENCHDB" --db "$DB" verify
check_rc "verify is clean" 0
run "$BENCHDB" --db "$DB" export seed
check "the first run exports as before" cmp -s "$OUT" "$WORK/before-seed.json"
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check_out "the big run has its 200,000 points" "big,2026-03-01T10:00:00Z,,,200000,400000"

finish
