#!/usr/bin/env bash
# tests/cli/test_changes_persisted.sh - the persisted change points
# (docs/detection.md "Persisted change points", docs/storage.md 2.15): a
# history ingested in batches of 1 to 300 runs gives the same `changes` as
# the same history ingested at once, and as its records rebuilt from scratch
# by `benchdb reindex`; `changes` reads the records (persisted_series); a
# backfill rebuilds them; verify checks every record against its change
# points recomputed from scratch; SIGKILLed at each disk write of an
# ingest, the store is as before and verify is clean.
. "$(dirname "$0")/lib.sh"

run "$BENCHDB" reindex --help
check_rc "reindex --help exits 0" 0
check_out "reindex --help says what it does" "Recomputes the persisted change points"
run "$BENCHDB" reindex --json
check_rc "reindex refuses --json (usage, exit 2)" 2

# An Otava CSV of 700 daily rows c0000..c0699 from 2026-01-01: "ta" is 100
# plus noise (a sum of three uniforms of a fixed LCG, sd 1) with a step of
# +8 from row 300 and a one-row outlier of 3x at row 500; "tb" is the same
# noise around 50, nothing else. Rows [from, to) of it:
rows() {
	awk -v from="$1" -v to="$2" 'BEGIN {
		s = 12345; print "time,commit,ta,tb"
		for (i = 0; i < 700; i++) {
			e = 0; f = 0
			for (k = 0; k < 3; k++) {
				s = (s * 1103515245 + 12345) % 2147483648; e += s / 2147483648 - 0.5
				s = (s * 1103515245 + 12345) % 2147483648; f += s / 2147483648 - 0.5
			}
			ta = 100 + 2 * e + (i >= 300 ? 8 : 0); if (i == 500) ta *= 3
			tb = 50 + 2 * f
			if (i >= from && i < to)
				printf "%d,c%04d,%.4f,%.4f\n", 1767225600 + i * 86400, i, ta, tb
		}
	}'
}
# import DB FROM TO: rows [FROM, TO) as one ingest.
import() {
	rows "$2" "$3" >"$WORK/h.csv"
	"$BENCHDB" --db "$1" import-otava --test h "$WORK/h.csv" >/dev/null
}

ONE=$WORK/one
PARTS=$WORK/parts
import "$ONE" 0 700
check "700 rows at once" test "$("$BENCHDB" --db "$ONE" -c 'show runs as csv' | tail -n +2 | grep -c .)" -eq 700
from=0
for to in 1 2 40 41 340 455 456 700; do
	import "$PARTS" "$from" "$to"
	# a store keeps the records once `benchdb reindex` asks it to
	[ "$to" = 1 ] && "$BENCHDB" --db "$PARTS" reindex >/dev/null
	from=$to
done
run "$BENCHDB" --db "$ONE" -c 'changes ta as json'
check_out "a store never reindexed keeps no records (ingest pays nothing)" '"persisted_series": 0'

for m in ta tb; do
	"$BENCHDB" --db "$ONE" -c "changes $m by series" >"$WORK/one.$m"
	"$BENCHDB" --db "$PARTS" -c "changes $m by series" >"$WORK/parts.$m"
	check "changes $m: eight batches give what one ingest gives" cmp -s "$WORK/one.$m" "$WORK/parts.$m"
done
run cat "$WORK/one.ta"
check_out "ta: the step at c0300 (confirmed long before the end)" "c0300"
check "ta: one change point, the step" test "$(grep -c 'robust' "$WORK/one.ta")" -eq 1
run cat "$WORK/one.tb"
check "tb, noise only: no change point" test "$(tail -n 1 "$OUT")" = "(no rows)"
run "$BENCHDB" --db "$PARTS" -c 'changes ta as json'
check_out "changes reads the series' record" '"persisted_series": 1'
check_out "  and the answer the import settled there (nothing computed)" '"settled_series": 1'
check_out "  and reports the seed" '"seed": 20260131'
run "$BENCHDB" --db "$PARTS" -c 'changes ta since "2026-01-01" as json'
check_out "with since it computes as before (no record read)" '"persisted_series": 0'

run "$BENCHDB" --db "$PARTS" verify --changes
check_rc "verify --changes: every record equals its change points from scratch" 0
check_out "verify is clean" "ok: 700 runs, 2 series, 1400 observations verified"
run "$BENCHDB" --db "$PARTS" reindex
check_out_exact "reindex recomputes both series" "reindexed the change points of 2 series"
for m in ta tb; do
	"$BENCHDB" --db "$PARTS" -c "changes $m by series" >"$WORK/re.$m"
	check "changes $m after reindex: the same rows" cmp -s "$WORK/one.$m" "$WORK/re.$m"
done

# A backfill: a run between c0200 and c0201, ingested last, with an outlier.
printf 'time,commit,ta,tb\n%d,b0200,300,50\n' $((1767225600 + 200 * 86400 + 3600)) >"$WORK/b.csv"
for db in "$ONE" "$PARTS"; do
	"$BENCHDB" --db "$db" import-otava --test h "$WORK/b.csv" >/dev/null
done
run "$BENCHDB" --db "$PARTS" verify --changes
check "after a backfill verify --changes is clean (the records were rebuilt)" test "$RC" -eq 0
run "$BENCHDB" --db "$PARTS" -c 'changes ta as json'
check_out "after the backfill the answer is settled again" '"persisted_series": 1, "settled_series": 1'
rm -rf "$WORK/fresh"
rows 0 700 >"$WORK/all.csv"
"$BENCHDB" --db "$WORK/fresh" import-otava --test h "$WORK/b.csv" >/dev/null
"$BENCHDB" --db "$WORK/fresh" import-otava --test h "$WORK/all.csv" >/dev/null
"$BENCHDB" --db "$PARTS" -c 'changes ta by series' >"$WORK/parts.b"
"$BENCHDB" --db "$WORK/fresh" -c 'changes ta by series' >"$WORK/fresh.b"
check "after the backfill, changes as a store that had it from the start" \
	cmp -s "$WORK/parts.b" "$WORK/fresh.b"

# --- SIGKILL during an ingest that extends the records -------------------
# 300 rows, then rows 300..500 appended (an evaluation of the fold at 384),
# killed at each of that ingest's disk writes (tests/fault/fault.c): verify
# (which recomputes every record) is clean and changes is that of the rows
# kept, whatever the write.
SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
BEFORE=$WORK/before
import "$BEFORE" 0 300
"$BENCHDB" --db "$BEFORE" reindex >/dev/null
"$BENCHDB" --db "$BEFORE" -c 'changes ta by series' >"$WORK/k.before"
rows 300 500 >"$WORK/more.csv"
rm -rf "$WORK/k" "$WORK/trace"
cp -r "$BEFORE" "$WORK/k"
FAULT_TRACE=$WORK/trace LD_PRELOAD=$SHIM "$BENCHDB" --db "$WORK/k" import-otava --test h \
	"$WORK/more.csv" >/dev/null
"$BENCHDB" --db "$WORK/k" -c 'changes ta by series' >"$WORK/k.after"
n=$(wc -l <"$WORK/trace")
check "the ingest writes through the shim ($n calls)" test "$n" -gt 3
bad=0
killed=0
counts=
for at in $(seq 1 "$n"); do
	rm -rf "$WORK/k"
	cp -r "$BEFORE" "$WORK/k"
	FAULT_KILL=1 FAULT_AT=$at LD_PRELOAD=$SHIM "$BENCHDB" --db "$WORK/k" import-otava \
		--test h "$WORK/more.csv" >/dev/null 2>&1 &
	wait $! 2>/dev/null
	[ $? -eq 137 ] && killed=$((killed + 1))
	"$BENCHDB" --db "$WORK/k" verify --changes >"$WORK/v.out" 2>&1 || bad=$((bad + 1))
	# The ingest commits 100 runs a transaction, then settles the answers in
	# one more: the store holds the first 300, 400 or 500 rows, and changes
	# is that of those rows ingested at once.
	count=$("$BENCHDB" --db "$WORK/k" -c 'show runs as csv' | tail -n +2 | grep -c .)
	if [ ! -e "$WORK/ref.$count" ]; then
		rm -rf "$WORK/ref"
		import "$WORK/ref" 0 "$count"
		"$BENCHDB" --db "$WORK/ref" -c 'changes ta by series' >"$WORK/ref.$count"
	fi
	"$BENCHDB" --db "$WORK/k" -c 'changes ta by series' >"$WORK/k.out" 2>&1
	cmp -s "$WORK/k.out" "$WORK/ref.$count" || bad=$((bad + 1))
	counts="$counts $count"
done
check "SIGKILL at each of its $n writes ($killed killed): verify clean, changes those of the runs kept ($bad bad)" \
	test "$bad" -eq 0 -a "$killed" -eq "$n"
check "  the kills left 300 runs (before), 400 (the first batch committed) or 500 (settling)" \
	test "$(printf '%s\n' $counts | sort -u | tr '\n' ' ')" = "300 400 500 "
"$BENCHDB" --db "$WORK/k" import-otava --test h "$WORK/more.csv" >/dev/null
"$BENCHDB" --db "$WORK/k" -c 'changes ta by series' >"$WORK/k.out"
check "  and the ingest then gives what it gave unkilled" cmp -s "$WORK/k.out" "$WORK/k.after"
run "$BENCHDB" --db "$WORK/k" verify --changes
check_rc "  with every record right" 0

finish
