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
finish
