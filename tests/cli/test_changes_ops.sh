#!/usr/bin/env bash
# tests/cli/test_changes_ops.sh - the persisted change points (docs/storage.md
# 2.15) after every kind of store change: after each command below, a store
# that keeps the records answers `changes` (by series and grouped, JSON and
# markdown) exactly as the same store answers with its records forgotten
# (build/tools/changes_forget: every series' fold computed from scratch),
# and `verify --changes` (every record against its fold recomputed) is
# clean. The commands: imports in batches, a duplicate import, import-gab
# (a history, then the same history grown), import-asv, import-benchkit,
# retain (rollups, and a policy applied on ingest), ingest --replace of an
# old run, compact, backup (and the backup opened), annotate and drop
# annotation, and four imports at once. tests/cli/test_changes_persisted.sh
# has batches of one ingest, backfills and SIGKILL at each write. Under the
# sanitizers only the first (imports in batches) runs.
. "$(dirname "$0")/lib.sh"

FORGET=$ROOT/${BENCHDB_BUILD:-build}/tools/changes_forget
REAL=$ROOT/tests/realdata

# Otava CSV rows [from, to) of a 450-day history: ta is 100 plus noise with
# +8 from row 200, a 3-row excursion at 330 and -10 from 400; tb is 50
# creeping +0.1 % a day. Commits cNNNN, one row a day from 2026-01-01.
# (The fold judges a series from its 256th value on, every 128: 450 rows
# see two windows.)
rows() {
	awk -v from="$1" -v to="$2" 'BEGIN {
		s = 777; print "time,commit,ta,tb"
		for (i = 0; i < 450; i++) {
			e = 0; f = 0
			for (k = 0; k < 3; k++) {
				s = (s * 1103515245 + 12345) % 2147483648; e += s / 2147483648 - 0.5
				s = (s * 1103515245 + 12345) % 2147483648; f += s / 2147483648 - 0.5
			}
			ta = 100 + 2 * e + (i >= 200 ? 8 : 0) + (i >= 330 && i < 333 ? 40 : 0) \
			     - (i >= 400 ? 10 : 0)
			tb = 50 * (1 + 0.001 * i) + f
			if (i >= from && i < to)
				printf "%d,c%04d,%.4f,%.4f\n", 1767225600 + i * 86400, i, ta, tb
		}
	}'
}
# import DB TEST FROM TO: rows [FROM, TO) as test TEST (the point), one import.
import() {
	rows "$3" "$4" >"$WORK/h.csv"
	"$BENCHDB" --db "$1" import-otava --test "$2" "$WORK/h.csv" >/dev/null
}

# The JSON of changes M, by series and grouped, without the
# fields that say where the answer came from.
answers() {
	local m form
	for m in $("$BENCHDB" --db "$1" -c 'show metrics as csv' | tail -n +2 | cut -d, -f1 | sort -u); do
		for form in "by series as json" "as json"; do
			echo "== changes $m $form"
			"$BENCHDB" --db "$1" -c "changes \"$m\" $form" 2>&1 |
				sed 's/"persisted_series": [0-9]*, "settled_series": [0-9]*, //'
		done
	done
}

# same_as_scratch NAME DB: verify --changes is clean, changes reads records
# (some series from them), and its answers equal those of a copy of DB
# whose records are forgotten.
same_as_scratch() {
	run "$BENCHDB" --db "$2" verify --changes
	check_rc "$1: verify --changes is clean" 0
	run "$BENCHDB" --db "$2" -c 'changes ta as json'
	check "$1: changes reads the records" \
		grep -q '"persisted_series": [1-9][0-9]*, "settled_series": [1-9]' "$OUT"
	rm -rf "$WORK/scratch"
	cp -r "$2" "$WORK/scratch"
	"$FORGET" "$WORK/scratch" >/dev/null
	run "$BENCHDB" --db "$WORK/scratch" -c 'changes ta as json'
	check "$1: the copy computes from scratch" grep -q '"persisted_series": 0' "$OUT"
	answers "$2" >"$WORK/kept.txt"
	answers "$WORK/scratch" >"$WORK/scratch.txt"
	check "$1: changes equal the full recomputation" cmp -s "$WORK/kept.txt" "$WORK/scratch.txt"
	cmp -s "$WORK/kept.txt" "$WORK/scratch.txt" || diff "$WORK/kept.txt" "$WORK/scratch.txt" | head -20
}

DB=$WORK/db
import "$DB" h 0 180
import "$DB" h2 0 180
"$BENCHDB" --db "$DB" reindex >/dev/null
import "$DB" h 180 300
import "$DB" h2 180 255
import "$DB" h2 255 256
import "$DB" h 300 380
import "$DB" h2 256 380
same_as_scratch "imports in batches" "$DB"
run cat "$WORK/kept.txt"
check_out "  ta's step at c0200 is among the answers" '"commit": "c0200"'
check_out "  and its excursion at c0500" '"kind": "excursion"'

# Under the sanitizers (3 times slower; the fold's code is theirs in
# test_changelog and test_changes_persisted) the batches only.
if [ "${BENCHDB_SANITIZED:-0}" = 1 ]; then
	finish
	exit
fi

rows 180 300 >"$WORK/dup.csv"
run "$BENCHDB" --db "$DB" import-otava --test h "$WORK/dup.csv"
check_out "a duplicate import stores nothing" "Imported 0 run(s) from 120 rows of $WORK/dup.csv (120 unchanged, 0 replaced)"
same_as_scratch "a duplicate import" "$DB"

# ingest --replace of an old run (values +50 %): its series are rebuilt.
id=$("$BENCHDB" --db "$DB" -c 'show runs where commit = "c0100" as csv' | sed -n 2p | cut -d, -f1)
"$BENCHDB" --db "$DB" export --run "$id" | sed 's/"value": \([0-9.]*\)/"value": 1\1/' >"$WORK/rep.json"
run "$BENCHDB" --db "$DB" ingest --replace "$WORK/rep.json"
check_out "ingest --replace replaces run c0100" "Replaced run $id"
same_as_scratch "ingest --replace of an old run" "$DB"

import "$DB" h 380 450
import "$DB" h2 380 450
run "$BENCHDB" --db "$DB" -c 'annotate commit "c0200" as intended "new allocator"'
same_as_scratch "annotate" "$DB"
run cat "$WORK/kept.txt"
check_out "  the annotation is in the answers" '"annotation": "intended: new allocator"'
run "$BENCHDB" --db "$DB" -c 'drop annotation commit "c0200"'
same_as_scratch "drop annotation" "$DB"

run "$BENCHDB" --db "$DB" compact
check_rc "compact" 0
same_as_scratch "compact" "$DB"
run "$BENCHDB" --db "$DB" backup "$WORK/copy"
check_rc "backup" 0
same_as_scratch "the backup, opened" "$WORK/copy"
answers "$DB" >"$WORK/orig.txt"
check "  the backup answers as the store" cmp -s "$WORK/orig.txt" "$WORK/kept.txt"

# retain: the runs of rows 0 to 199 roll up into weeks, in one write.
cp -r "$DB" "$WORK/retained"
"$BENCHDB" --db "$WORK/retained" retain --set 'rollup week after 300d' >/dev/null
run "$BENCHDB" --db "$WORK/retained" retain --now 2027-05-20
check_out "retain rolls runs up into weeks" "runs rolled up into"
same_as_scratch "retain (rollups)" "$WORK/retained"
# A policy applied on ingest drops runs in the ingest's own transaction:
# those older than 20 days before the clock (2026-07-20 to 2026-11 and on,
# of the runs not rolled up).
"$BENCHDB" --db "$WORK/retained" retain --set 'keep other 20d; apply on ingest' >/dev/null
printf 'time,commit,ta,tb\n%d,z0001,100,50\n' $((1767225600 + 600 * 86400)) >"$WORK/z.csv"
run "$BENCHDB" --db "$WORK/retained" import-otava --test h "$WORK/z.csv"
check_err "retain on ingest drops runs" "retain on ingest: drop run"
same_as_scratch "retain on ingest" "$WORK/retained"

# Four imports at once into one store, each a month of its own test.
for k in 1 2 3 4; do
	rows $((80 * k)) $((80 * k + 30)) | sed "s/,c\([0-9]*\),/,p$k\1,/" >"$WORK/p$k.csv"
done
pids=()
for k in 1 2 3 4; do
	"$BENCHDB" --db "$DB" import-otava --test "q$k" "$WORK/p$k.csv" >"$WORK/p$k.out" 2>&1 &
	pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
check "four imports at once all succeed ($bad failed)" test "$bad" -eq 0
same_as_scratch "four imports at once" "$DB"

# History imports: a github-action-benchmark data.js, then that history
# grown; an asv results directory; a benchkit store (runs of DB exported
# under new ids, metric ta renamed tc).
GAB=$WORK/gab
"$BENCHDB" --db "$GAB" import-gab "$REAL/gab/nebulastream__nautilus.first40.data.js" >/dev/null
import "$GAB" h 0 200
"$BENCHDB" --db "$GAB" reindex >/dev/null
run "$BENCHDB" --db "$GAB" import-gab "$REAL/gab/nebulastream__nautilus.data.js"
check_out "import-gab of the grown history adds its new runs" "Imported 33 run(s) from 73 entries"
import "$GAB" h 200 450
same_as_scratch "import-gab" "$GAB"
run "$BENCHDB" --db "$GAB" import-asv "$REAL/asv/astrofrog__fast-histogram.excerpt/results"
check_rc "import-asv" 0
same_as_scratch "import-asv" "$GAB"
mkdir -p "$WORK/bk/runs"
for id in $("$BENCHDB" --db "$DB" -c 'show runs where point = "h" as csv' | tail -n +2 | cut -d, -f1); do
	"$BENCHDB" --db "$DB" export --run "$id" |
		sed 's/"id": "otava-/"id": "bk-/; s/"ta"/"tc"/' >"$WORK/bk/runs/$id.json"
done
run "$BENCHDB" --db "$GAB" import-benchkit "$WORK/bk"
check_out "import-benchkit stores the runs" "Imported 450 run(s)"
same_as_scratch "import-benchkit" "$GAB"

finish
