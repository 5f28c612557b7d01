#!/usr/bin/env bash
# tests/cli/test_check_markdown_size.sh - check --format markdown of a large
# suite stays within what GitHub takes: a pull-request comment of at most
# 65536 characters, a step summary of at most 1 MiB (GitHub drops a larger
# one whole, the verdict with it: "$GITHUB_STEP_SUMMARY upload aborted,
# supports content up to a size of 1024k"). 4000 points of gbench's two
# times each, all 30 % slower, wrote 2.2 MB.
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# suite FILE DATE FACTOR: N points "BM_kernel_family_F/size:S/threads:8".
suite() {
	awk -v date="$2" -v f="$3" -v n="${N:-4000}" 'BEGIN {
		printf "{\"context\": {\"date\": \"%s\"}, \"benchmarks\": [", date
		for (k = 0; k < n; k++) {
			name = sprintf("BM_kernel_family_%d/size:%d/threads:8", int(k / 100), k % 100)
			printf "%s{\"name\": \"%s\", \"run_name\": \"%s\", \"run_type\": \"iteration\", " \
				"\"iterations\": 1, \"real_time\": %g, \"cpu_time\": %g, \"time_unit\": \"ns\"}", \
				(k ? "," : ""), name, name, 100 * f, 100 * f
		}
		print "]}"
	}' >"$1"
}
suite "$WORK/base.json" 2026-01-01T00:00:00Z 1
suite "$WORK/slow.json" 2026-01-02T00:00:00Z 1.3
"$BENCHDB" --db "$DB" ingest --no-env --commit c1 --branch main "$WORK/base.json" >/dev/null
"$BENCHDB" --db "$DB" ingest --no-env --commit c2 --branch pr "$WORK/slow.json" >/dev/null

run "$BENCHDB" --db "$DB" check --against-branch main --format markdown
check_rc "8000 regressions: exit 1" 1
check_out "the title counts all of them" "### :x: benchdb: 8000 regression(s) (threshold=5%)"
size=$(wc -c <"$OUT")
check "the comment is at most 65536 bytes (was 2272675)" test "$size" -le 65536
check_out "says how many rows it left out of the regressions" \
	"rows of 8000 not shown, to keep this under 64 KiB (GitHub's limit for a pull-request comment); 'benchdb check' and '--format json' list them all"
check "every table row is whole (each starts and ends with '|')" \
	test "$(grep -c '^|.*|$' "$OUT")" = "$(grep -c '^|' "$OUT")"
check "the details block is closed" test "$(grep -c '^</details>$' "$OUT")" = 1
rows=$(grep -c '^| BM_kernel' "$OUT")
shown=$(sed -n 's/^\*\.\.\. \([0-9]*\) rows of 8000 not shown.*/\1/p' "$OUT" | head -1)
check "the note's count and the rows shown add up to 8000" test $((rows + shown)) -ge 8000

# All 8000 accepted (the commit annotated ignore: a runner change): the
# "Accepted, not counted" line listed every one of them, 680 KB on one line.
"$BENCHDB" --db "$DB" annotate commit c2 as ignore '"runner change"' >/dev/null
run "$BENCHDB" --db "$DB" check --against-branch main --format markdown
check_rc "8000 accepted regressions: exit 0" 0
size=$(wc -c <"$OUT")
check "the comment is at most 65536 bytes (was 739592)" test "$size" -le 65536
check_out "the accepted line ends saying the rest is not shown" \
	"; ... (the rest not shown, to keep this under 64 KiB; 'benchdb check' lists them all)"
run "$BENCHDB" --db "$DB" check --against-branch main
check "text output keeps the whole line" test "$(wc -c <"$OUT")" -gt 600000

# --chart-dir drew every regressed series (8000 SVG files, 32 MB, 49 s) for
# a table that links the ~200 rows it shows: now only those are drawn.
N=600 suite "$WORK/b600.json" 2026-01-01T00:00:00Z 1
N=600 suite "$WORK/s600.json" 2026-01-02T00:00:00Z 1.3
"$BENCHDB" --db "$WORK/charts" ingest --no-env --commit c1 --branch main "$WORK/b600.json" >/dev/null
"$BENCHDB" --db "$WORK/charts" ingest --no-env --commit c2 --branch pr "$WORK/s600.json" >/dev/null
run "$BENCHDB" --db "$WORK/charts" check --against-branch main --format markdown --chart-dir "$WORK/svg"
check_rc "1200 regressions with charts: exit 1" 1
linked=$(grep -o '\[chart\]([^)]*)' "$OUT" | sort -u | wc -l)
drawn=$(find "$WORK/svg" -name '*.svg' | wc -l)
check "some rows are left out" test "$(grep -c 'rows of 1200 not shown' "$OUT")" -ge 1
check "every linked chart is drawn, and no other ($linked linked, $drawn drawn)" \
	test "$linked" = "$drawn" -a "$linked" -gt 0
for f in $(grep -o '\[chart\]([^)]*)' "$OUT" | sed 's/.*(\(.*\))/\1/' | sort -u); do
	[ -s "$f" ] || { linked=missing; break; }
done
check "each link names a file that is there" test "$linked" != missing

# A small suite is whole: no note.
N=3 suite "$WORK/b3.json" 2026-01-01T00:00:00Z 1
N=3 suite "$WORK/s3.json" 2026-01-02T00:00:00Z 1.3
"$BENCHDB" --db "$WORK/small" ingest --no-env --commit c1 --branch main "$WORK/b3.json" >/dev/null
"$BENCHDB" --db "$WORK/small" ingest --no-env --commit c2 --branch pr "$WORK/s3.json" >/dev/null
run "$BENCHDB" --db "$WORK/small" check --against-branch main --format markdown
check_rc "6 regressions: exit 1" 1
check "all 6 regression rows and all 6 comparison rows" test "$(grep -c '^| BM_kernel' "$OUT")" = 12
check "no note" test "$(grep -c 'not shown' "$OUT")" = 0
finish
