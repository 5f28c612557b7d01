#!/usr/bin/env bash
# tests/cli/test_impossible_times.sh - a time written right that names no
# time (2023-02-29, month 13, hour 24) says why, in every place a time is
# read: `trend time since 2023-02-29` said only "expected a time (...)",
# and a quoted date as a run "did you mean run \"2023-02-29\"?".
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
printf '{"id": "r1", "timestamp": "2024-02-29T02:00:00", "points": [{"name": "p",
 "metrics": {"time": {"value": 5.0, "unit": "ns"}}}]}\n' >"$WORK/r1.json"
"$BENCHDB" --db "$DB" ingest "$WORK/r1.json" >/dev/null
cp "$DB/data.mdb" "$WORK/before.mdb"

run "$BENCHDB" --db "$DB" -c 'trend time since 2023-02-29'
check_rc "since 2023-02-29: exit 2" 2
check_err "  says the day does not exist, with a caret" \
	"<command line>:1:18: no such time: 2023-02-29: February 2023 has no day 29 (it has 28 days)"
check_err "  the caret" "                   ^^^^^^^^^^"
run "$BENCHDB" --db "$DB" -c 'trend time until "2023-13-01"'
check_err "month 13" "no such time: 2023-13-01: there is no month 13 (months are 01 to 12)"
run "$BENCHDB" --db "$DB" -c 'trend time since 2024-01-01T24:00:00Z'
check_err "hour 24" "no such time: 2024-01-01T24:00:00Z: there is no hour 24 (hours are 00 to 23)"
run "$BENCHDB" --db "$DB" -c 'compare "2023-02-29" with latest'
check_rc "a run named by a day that does not exist: exit 2" 2
check_err "  says so, not 'did you mean run'" \
	"<command line>:1:9: no such time: 2023-02-29: February 2023 has no day 29 (it has 28 days)"
run "$BENCHDB" --db "$DB" -c 'trend time since 2024-02-29'
check_rc "a leap day is a day" 0
run "$BENCHDB" --db "$DB" -c 'compare "2024-02-29T23:59:60Z" with latest'
check_rc "a leap second is read (the next day's 00:00:00)" 0

run "$BENCHDB" --db "$DB" retain --now 2023-02-29
check_rc "retain --now 2023-02-29: exit 2" 2
check_err "  says why" "retain: --now: no such time '2023-02-29': February 2023 has no day 29 (it has 28 days)"
run "$BENCHDB" --db "$DB" ingest --timestamp 2023-04-31T10:00 "$WORK/r1.json"
check_rc "ingest --timestamp 2023-04-31: exit 2" 2
check_err "  says why" "ingest: --timestamp: no such time '2023-04-31T10:00': April 2023 has no day 31 (it has 30 days)"
run "$BENCHDB" --db "$DB" record --timestamp 2023-02-30 -- true
check_err "record --timestamp says why" "record: --timestamp: no such time '2023-02-30'"
sed 's/2024-02-29/2023-02-29/' "$WORK/r1.json" >"$WORK/bad.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/bad.json"
check_rc "a file's timestamp 2023-02-29: exit 3" 3
check_err "  says why, where" \
	"bad.json:1:27: \"timestamp\" is no time: \"2023-02-29T02:00:00\": February 2023 has no day 29 (it has 28 days)"
check "the store is as before" cmp -s "$WORK/before.mdb" "$DB/data.mdb"
finish
