#!/usr/bin/env bash
# tests/cli/test_import_migration.sh - a team bringing years of history
# into benchdb: github-action-benchmark data.js files and the outputs of
# Catch2, Google Benchmark and pytest-benchmark, as they are found.
. "$(dirname "$0")/lib.sh"

# gab_entry ID TIMESTAMP DATE VALUE UNIT: one entry of a data.js suite.
gab_entry() {
	printf '{"commit": {"id": "%s", "timestamp": "%s", "message": "m", "url": "u"}, ' "$1" "$2"
	printf '"date": %s, "tool": "customSmallerIsBetter", ' "$3"
	printf '"benches": [{"name": "parse", "value": %s, "unit": "%s"}]}' "$4" "$5"
}

# gab_file FILE ENTRY...: a data.js with the entries as suite "Bench".
gab_file() {
	local file=$1 sep="" e
	shift
	{
		printf 'window.BENCHMARK_DATA = {\n  "lastUpdate": 1700000000000,\n'
		printf '  "repoUrl": "https://github.com/o/r",\n  "entries": {\n    "Bench": [\n'
		for e in "$@"; do
			printf '%s      %s' "$sep" "$e"
			sep=$',\n'
		done
		printf '\n    ]\n  }\n}\n'
	} >"$file"
}

# --- commit times as git writes them ---
# A data.js entry's commit.timestamp is what the action was given: the
# GitHub API's ISO form, or git's %ci ("2023-11-14 22:13:20 +0100") from a
# local checkout. The %ci form was refused, the whole file with it:
# 'ci.js:6:48: "timestamp" must be a time like 2026-01-31T12:00:00Z'.
# Expected UTC from Python: strptime('2023-11-14 22:13:20 +0100',
# '%Y-%m-%d %H:%M:%S %z') is 2023-11-14T21:13:20Z; fromisoformat(
# '2023-11-15T22:13:20+01:00') is 2023-11-15T21:13:20Z.
gab_file "$WORK/ci.js" \
	"$(gab_entry c1 '2023-11-14 22:13:20 +0100' 1700000000000 1.5 s)" \
	"$(gab_entry c2 '2023-11-15T22:13:20+01:00' 1700100000000 1.6 s)"
run "$BENCHDB" --db "$WORK/ci" import-gab "$WORK/ci.js"
check_rc "gab: git's %ci and %cI commit times import" 0
check_out "  both entries" "Imported 2 run(s) from 2 entries"
run "$BENCHDB" --db "$WORK/ci" -c 'show runs as csv'
check_out "  %ci is read in its zone, stored as UTC" ",2023-11-14T21:13:20Z,c1,"
check_out "  %cI likewise" ",2023-11-15T21:13:20Z,c2,"
# ... and a time with something after its zone is still refused, where it is.
gab_file "$WORK/junk.js" \
	"$(gab_entry c1 '2023-11-14 22:13:20 +0100' 1700000000000 1.5 s)" \
	"$(gab_entry c2 '2023-11-15 22:13:20 +0100 CET' 1700100000000 1.6 s)"
run "$BENCHDB" --db "$WORK/junk" import-gab "$WORK/junk.js"
check_rc "gab: a commit time with junk after its zone is refused" 3
check_err "  at its file:line:col" "junk.js:7:44: \"timestamp\" must be a time like"
check "  and no store is made" [ ! -e "$WORK/junk/data.mdb" ]

# --- the second, spelled out ---
# Custom JSON (and so a data.js of customSmallerIsBetter) is written by the
# user's own script, which may say "seconds". It was kept as a word of its
# own: unit "seconds", not a time, and a series whose older entries said
# "s" refused the file ('unit "seconds" cannot be converted to the series'
# unit "s"').
gab_file "$WORK/secs.js" \
	"$(gab_entry c1 2023-11-14T10:00:00Z 1700000000000 1.5 s)" \
	"$(gab_entry c2 2023-11-15T10:00:00Z 1700100000000 1.25 seconds)" \
	"$(gab_entry c3 2023-11-16T10:00:00Z 1700200000000 1.75 secs)" \
	"$(gab_entry c4 2023-11-17T10:00:00Z 1700300000000 2 second)"
run "$BENCHDB" --db "$WORK/secs" import-gab "$WORK/secs.js"
check_rc "units: seconds, secs and second are the second" 0
check_out "  all four entries" "Imported 4 run(s) from 4 entries"
run "$BENCHDB" --db "$WORK/secs" -c 'trend value of parse as csv'
check "  one series in s" [ "$(cut -d, -f6,9 "$OUT" | tr -d '\r' | tr '\n' ' ')" = "value,unit 1.5,s 1.25,s 1.75,s 2,s " ]
printf '[{"name": "a", "unit": "seconds", "value": 1.5}, {"name": "b", "unit": "ops/second", "value": 3}]\n' >"$WORK/secs.json"
run "$BENCHDB" --db "$WORK/secs-json" ingest --format gab "$WORK/secs.json"
check_rc "units: custom JSON in seconds ingests" 0
run "$BENCHDB" --db "$WORK/secs-json" export --format json
check_out "  stored in s" '"metric": "value", "value": 1.5, "lower": null, "upper": null, "unit": "s"'
check_out "  and a rate per second in /s" '"value": 3, "lower": null, "upper": null, "unit": "ops/s"'

# --- a long history with one bad entry at its end ---
# import-gab holds every run of a history (packed) until all are checked:
# 250 entries are three store batches, and an entry at the end whose unit
# does not convert must store none of them (the store as it was).
gab_many() { # FILE LASTUNIT: 250 entries, c0..c249, the last in LASTUNIT
	local i entries=()
	for i in $(seq 0 249); do
		local unit=s
		[ "$i" = 249 ] && unit=$2
		entries+=("$(gab_entry "c$i" "2023-01-01T00:00:00Z" $((1672531200000 + i * 86400000)) "1.$i" "$unit")")
	done
	gab_file "$1" "${entries[@]}"
}
gab_many "$WORK/many.js" s
gab_many "$WORK/many-bad.js" B
gab_file "$WORK/first.js" "$(gab_entry c0 2023-01-01T00:00:00Z 1672531200000 1.0 s)"
"$BENCHDB" --db "$WORK/many" import-gab "$WORK/first.js" >/dev/null
runs_snapshot "$WORK/many" >"$WORK/many.before"
run "$BENCHDB" --db "$WORK/many" import-gab "$WORK/many-bad.js"
check_rc "a long history whose last entry's unit does not convert is refused" 3
check_err "  at that entry" "many-bad.js:255:7: run \"gab-"
check_err "  saying so" "unit \"B\" cannot be converted to the series' unit \"s\"; nothing was stored"
runs_snapshot "$WORK/many" >"$WORK/many.after"
check "  and the store is as it was" cmp -s "$WORK/many.before" "$WORK/many.after"
run "$BENCHDB" --db "$WORK/many" import-gab "$WORK/many.js"
check_out "the sound history imports whole (c0 was stored)" "Imported 249 run(s) from 250 entries of $WORK/many.js (1 unchanged"
run "$BENCHDB" --db "$WORK/many" -c 'trend value of parse last 2 as csv'
check "  its last entries in order" [ "$(cut -d, -f6 "$OUT" | tr -d '\r' | tr '\n' ' ')" = "value 1.248 1.249 " ]

finish
