#!/usr/bin/env bash
# tests/cli/test_bad_inputs.sh - every broken input of tests/bad/ through the
# real binary: exit code 3, the file and position on stderr as MANIFEST says,
# and the store byte for byte as it was (data.mdb compared, verify clean).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
BAD=$ROOT/tests/bad
"$BENCHDB" --db "$DB" ingest --id keep --timestamp 2026-01-01 "$FIXTURES/gbench_plain.json" >/dev/null
cp "$DB/data.mdb" "$WORK/before.mdb"

n=0 wrong_rc=0 wrong_msg=0 changed=0
while IFS=$'\t' read -r file expected; do
	case "$file" in '#'* | '') continue ;; esac
	n=$((n + 1))
	# Run from tests/bad so the diagnostic names the file as MANIFEST does.
	(cd "$BAD" && "$BENCHDB" --db "$DB" ingest "$file") >"$OUT" 2>"$ERR" </dev/null
	rc=$?
	if [ "$rc" -ne 3 ]; then
		wrong_rc=$((wrong_rc + 1))
		echo "# $file: exit code $rc, expected 3"
	fi
	if ! grep -qF -- "$expected" "$ERR"; then
		wrong_msg=$((wrong_msg + 1))
		echo "# $file: stderr lacks: $expected"
		head -c 400 "$ERR"
	fi
	if ! cmp -s "$DB/data.mdb" "$WORK/before.mdb"; then
		changed=$((changed + 1))
		echo "# $file: data.mdb changed"
		cp "$DB/data.mdb" "$WORK/before.mdb"
	fi
done <"$BAD/MANIFEST"

check "the manifest lists at least 50 inputs ($n)" test "$n" -ge 50
check "every bad input exits 3 ($wrong_rc wrong)" test "$wrong_rc" -eq 0
check "every bad input names file:line:col as listed ($wrong_msg wrong)" test "$wrong_msg" -eq 0
check "no bad input changed data.mdb ($changed changed)" test "$changed" -eq 0
run "$BENCHDB" --db "$DB" verify
check_rc "verify is clean after every bad input" 0
run "$BENCHDB" --db "$DB" -c 'show runs as csv'
check "only the good run is stored" test "$(grep -c '^' "$OUT")" -eq 2

# docs/formats.md's examples "from tests/bad/" and the count it gives: each
# is what benchdb prints for that file (it showed cargo_no_ns_iter.txt, a
# file tests/bad lacks, with a message no input gets).
wrong="" shown=0
while IFS= read -r line; do
	shown=$((shown + 1))
	(cd "$BAD" && "$BENCHDB" --db "$DB" ingest "${line%%:*}") >"$OUT" 2>"$ERR" </dev/null
	grep -qxF -- "benchdb: error: $line" "$ERR" || wrong="$wrong ${line%%:*}"
done < <(awk '/Examples from `tests\/bad\/`/ { at = 1 } at && /^```$/ { if (block) exit; block = 1; next }
	block' "$ROOT/docs/formats.md")
check "docs/formats.md shows 15 examples of tests/bad ($shown)" test "$shown" -eq 15
check "docs/formats.md's examples of tests/bad are what benchdb prints (wrong:$wrong)" test -z "$wrong"
check "docs/formats.md counts the inputs MANIFEST lists ($n)" \
	grep -q "^$n broken inputs and the message each must give" "$ROOT/docs/formats.md"
finish
