#!/usr/bin/env bash
# tests/cli/test_ingest_dirs.sh - a directory is ingested as its files, each
# one run in name order, unless it is a Criterion tree (one run); what was
# found is said on stderr (issue 23, item 10).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# A pytest-benchmark storage directory: .benchmarks/<machine>/NNNN_*.json.
PB=$WORK/proj/.benchmarks/Linux-CPython-3.11-64bit
mkdir -p "$PB"
cp "$FIXTURES/pytest/versioned.json" "$PB/0002_5d41402_20261120_091112.json"
cp "$FIXTURES/pytest_benchmark.json" "$PB/0001_unversioned_20261122_223401.json"
run "$BENCHDB" --db "$DB" ingest "$WORK/proj/.benchmarks"
check_rc "a pytest-benchmark storage directory ingests" 0
check_err "it says what it found" "found 2 files in $WORK/proj/.benchmarks; each is one run"
check "each file is one run, in name order" \
	test "$(grep -c '^Ingested run pytest-' "$OUT")" -eq 2
check "0001 is ingested before 0002" \
	test "$(sed -n 1p "$OUT")" = "Ingested run pytest-6623e0425df941dc (4 points, 9 metrics)"
"$BENCHDB" --db "$DB" -c 'show runs as csv' >"$OUT"
check "the versioned file keeps its commit" grep -q ',5d41402abc4b2a76b9719d911017c592ae7e1d2f,feature/radix,' "$OUT"

# A directory of result files of several formats, with a Criterion tree in it.
MIX=$WORK/mix
mkdir -p "$MIX/sub"
cp "$FIXTURES/gbench_plain.json" "$MIX/b.json"
cp "$FIXTURES/hyperfine.json" "$MIX/a.json"
cp "$FIXTURES/gotest_bench.txt" "$MIX/sub/c.txt"
cp -r "$FIXTURES/criterion" "$MIX/target-criterion"
printf 'ignored\n' >"$MIX/.hidden"
run "$BENCHDB" --db "$WORK/db2" ingest "$MIX"
check_rc "a directory of files ingests" 0
check_err "it counts files and Criterion trees" "found 3 files and 1 Criterion tree in $MIX; each is one run"
check "four runs, in name order (a, b, sub/c, target-criterion)" \
	test "$(cut -d' ' -f3 "$OUT" | cut -d- -f1 | tr '\n' ' ')" = "hyperfine gbench gotest criterion "

# tests/fixtures/ is no longer taken for a Criterion tree: its files are
# read too (some are not results: they fail, by name, exit 3).
run "$BENCHDB" --db "$WORK/db3" ingest "$FIXTURES/"
check_rc "tests/fixtures/ has files that are not results: exit 3" 3
check_err "the Criterion subtrees are two of what was found" "files and 2 Criterion trees in $FIXTURES/"
check_out "a gbench file of it is ingested" "Ingested run gbench-"
check_out "a pytest file of it is ingested" "Ingested run pytest-"
check_out "its Criterion tree is ingested" "Ingested run criterion-"
check_err "a file that is no result is named" "conformance/run_v2.fbs:1:1: unrecognised input format"

# A Criterion tree given itself, and one benchmark of it, stay one run each.
run "$BENCHDB" --db "$WORK/db4" ingest "$FIXTURES/criterion" "$FIXTURES/criterion/fib 15"
check_rc "a Criterion tree and a benchmark directory ingest" 0
check "two runs" test "$(grep -c '^Ingested run criterion-' "$OUT")" -eq 2

# -q: nothing on stderr.
run "$BENCHDB" --db "$WORK/db5" ingest -q "$MIX"
check_rc "-q ingests" 0
check "-q says nothing on stderr" test ! -s "$ERR"

# An empty directory: an error naming it.
mkdir -p "$WORK/empty"
run "$BENCHDB" --db "$WORK/db6" ingest "$WORK/empty"
check_rc "an empty directory exits 3" 3
check_err "it says the directory holds nothing" "empty: the directory holds no result files and no Criterion tree"

# A directory's inputs are its regular files. A FIFO in it made ingest wait
# for a writer for ever, /dev/zero behind a link was read to 1 GiB; now each
# is an error before anything is stored. A link back to a directory the walk
# is inside was followed 8 levels deep (the same file 8 times, "found 8
# files"); it is skipped.
LIMIT=60 # seconds: the FIFO case never ended before
for kind in fifo device; do
	rm -rf "$WORK/special" "$WORK/db7"
	mkdir -p "$WORK/special/sub"
	cp "$FIXTURES/gbench_plain.json" "$WORK/special/a.json"
	if [ $kind = fifo ]; then
		mkfifo "$WORK/special/sub/b.json"
		what="special/sub/b.json: is a FIFO, not a result file"
	else
		ln -s /dev/zero "$WORK/special/sub/b.json"
		what="special/sub/b.json: is a character device, not a result file"
	fi
	run timeout $LIMIT "$BENCHDB" --db "$WORK/db7" ingest "$WORK/special"
	check_rc "a $kind in an input directory: exit 3 (not a wait)" 3
	check_err "  it says which and why" \
		"$what: a directory's inputs are its regular files (name it on the command line to read it)"
	check "  and nothing is stored (no store made)" test ! -e "$WORK/db7"
done
rm -rf "$WORK/special" "$WORK/db7"
mkdir -p "$WORK/special/sub"
cp "$FIXTURES/gbench_plain.json" "$WORK/special/a.json"
ln -s .. "$WORK/special/sub/loop"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db7" ingest "$WORK/special"
check_rc "a link back to an enclosing directory: exit 0" 0
check_err "  it finds the one file once" "benchdb: found 1 file in $WORK/special; each is one run"
check "  and reads it once" test "$(grep -c 'run' "$OUT")" = 1
# The importers read their directories' .json files: a FIFO among them made
# them wait for ever too.
rm -rf "$WORK/asv" "$WORK/bk" "$WORK/db8"
cp -r "$FIXTURES/asv/v1" "$WORK/asv"
mkfifo "$WORK/asv/laptop/ffff0000-py3.8.json"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db8" import-asv "$WORK/asv"
check_rc "import-asv of a directory with a FIFO result file: exit 3 (not a wait)" 3
check_err "  it says which" \
	"asv/laptop/ffff0000-py3.8.json: is a FIFO, not a result file: an import reads the directory's regular files"
check "  and nothing is stored" test ! -e "$WORK/db8"
rm "$WORK/asv/laptop/machine.json"
mkfifo "$WORK/asv/laptop/machine.json"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db8" import-asv "$WORK/asv/laptop"
check_rc "import-asv of a machine directory whose machine.json is a FIFO: exit 3" 3
cp -r "$FIXTURES/benchkit-store" "$WORK/bk"
mkfifo "$WORK/bk/runs/zz.json"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db8" import-benchkit "$WORK/bk"
check_rc "import-benchkit of a store with a FIFO run file: exit 3 (not a wait)" 3
check_err "  it says which" "bk/runs/zz.json: is a FIFO, not a result file"
check "  and nothing is stored" test ! -e "$WORK/db8"
rm "$WORK/bk/runs/zz.json" "$WORK/asv/laptop/ffff0000-py3.8.json"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db8" import-benchkit "$WORK/bk"
check_rc "  without it the store imports" 0

# A Criterion tree is read by file name: a FIFO there waited for ever too.
rm -rf "$WORK/crit" "$WORK/db9"
cp -r "$FIXTURES/criterion" "$WORK/crit"
sample=$(find "$WORK/crit" -path '*/new/sample.json' | sort | head -1)
rm "$sample"
mkfifo "$sample"
run timeout $LIMIT "$BENCHDB" --db "$WORK/db9" ingest "$WORK/crit"
check_rc "a Criterion tree with a FIFO sample.json: exit 3 (not a wait)" 3
check_err "  it says which" "$sample: is a FIFO, not a result file: a Criterion tree holds regular files"
check "  and nothing is stored" test ! -e "$WORK/db9"

# Named on the command line, a FIFO is read as before.
rm -f "$WORK/fifo"
mkfifo "$WORK/fifo"
cat "$FIXTURES/gbench_plain.json" >"$WORK/fifo" &
run timeout $LIMIT "$BENCHDB" --db "$WORK/db7" ingest --id from-fifo "$WORK/fifo"
check_rc "a FIFO named on the command line is read" 0
check_out "  and stored" "Ingested run from-fifo"

# A pytest-benchmark storage of two machines (docs/migrating.md): the
# machine is the run's environment, not a tag, so 'ingest .benchmarks' puts
# both into one series and a machine 3 times slower reads as a step; one
# tag per machine directory keeps them apart. The second machine's runs
# are glitchygames' runs 1-3 (tests/realdata/pytest) with every time x3,
# a day later than the last of the first machine's.
GG=$ROOT/tests/realdata/pytest/terrysimons__glitchygames/.benchmarks/Darwin-CPython-3.13-64bit
TWO=$WORK/two/.benchmarks
mkdir -p "$TWO/Linux-CPython-3.11-64bit"
cp -r "$GG" "$TWO/"
for n in 0001 0002 0003; do
	python3 - "$GG/${n}_baseline.json" "$TWO/Linux-CPython-3.11-64bit/${n}_baseline.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["datetime"] = d["datetime"].replace("2026-03-1", "2026-03-2")
for b in d["benchmarks"]:
    for k in ("mean", "median", "min", "max"):
        b["stats"][k] *= 3
    b["stats"]["ops"] /= 3
json.dump(d, open(sys.argv[2], "w"))
EOF
done
P3='tests/benchmarks/test_benchmarks.py::TestControllerSelectionBenchmarks::test_selection_navigation_history'
"$BENCHDB" --db "$WORK/twodb" ingest -q "$TWO" >/dev/null
run "$BENCHDB" --db "$WORK/twodb" -c "changes time of \"$P3\" as csv"
check_out "two machines in one series: the slower one reads as a step" ",step,"
"$BENCHDB" --db "$WORK/twotags" ingest -q --tag machine=linux "$TWO/Linux-CPython-3.11-64bit" >/dev/null
"$BENCHDB" --db "$WORK/twotags" ingest -q --tag machine=mac "$TWO/Darwin-CPython-3.13-64bit" >/dev/null
run "$BENCHDB" --db "$WORK/twotags" -c "changes time of \"$P3\" as csv"
check "  a tag per machine directory: no step (P3 is noise on one machine)" \
	test "$(grep -c ',step,' "$OUT")" -eq 0

# A file or folder inside one Criterion benchmark (fib 15/new/estimates.json,
# fib 15/new) was "unrecognised input format ... pass --format to force one",
# once per file of the folder (found by atk29); it is one error naming what
# to ingest, and stores nothing.
CRIT_PART="part of a Criterion benchmark"
run "$BENCHDB" --db "$WORK/part" ingest "$FIXTURES/criterion/fib 15/new/estimates.json"
check_rc "a Criterion benchmark's estimates.json: exit 3" 3
check_err "  says what to ingest" \
	"fib 15/new/estimates.json: is $CRIT_PART (a file of its new/, base/ or change/ folder), no input of its own: ingest the benchmark's folder, or the whole tree (benchdb ingest target/criterion)"
run "$BENCHDB" --db "$WORK/part" ingest "$FIXTURES/criterion/fib 15/new/"
check_rc "its new/ folder: exit 3" 3
check "  one error, not one a file" test "$(grep -c 'benchdb: error' "$ERR")" -eq 1
check_err "  says what to ingest" "fib 15/new/: is $CRIT_PART (like its new/"
check "  nothing stored" test ! -e "$WORK/part"
run "$BENCHDB" --db "$WORK/part" ingest "$FIXTURES/criterion/fib 15"
check_rc "the benchmark's folder itself is ingested" 0

finish
