#!/usr/bin/env bash
# tests/cli/test_ingest_options.sh - what `benchdb ingest` prints, and where a
# run's id, commit, branch, timestamp and tags come from: the command line
# over the file, the file otherwise, and never the git state of the current
# directory. Also --format forcing and --direction, through the real binary.
# Expected values are those of the fixture files (see test_ingest_tools.c and
# test_ingest_formats.c for the same values read through the library).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db

# csv_of RUN: the run's CSV export (without the header) in $OUT.
csv_of() {
	run "$BENCHDB" --db "$DB" export --format csv "$1"
	sed -i 1d "$OUT"
}

# The line per stored run: id, points, metric values over all points.
# gbench_plain.json: 9 points; memcpy 3 x (real_time, cpu_time,
# bytes_per_second) + sort 4 x (real_time, cpu_time, items_per_second) +
# map_insert 2 x (real_time, cpu_time, nodes) = 27 metrics.
run "$BENCHDB" --db "$DB" ingest --id gp "$FIXTURES/gbench_plain.json"
check_rc "ingest exits 0" 0
check_out_exact "the ingest line counts points and metrics" "Ingested run gp (9 points, 27 metrics)"
run "$BENCHDB" --db "$DB" ingest --id gp "$FIXTURES/gbench_plain.json"
check_out_exact "an identical re-ingest says so, with the counts" \
	"Run gp is already stored, unchanged (9 points, 27 metrics)"
run "$BENCHDB" --db "$DB" ingest --replace --id gp "$FIXTURES/gbench_reps.json"
check_out_exact "a replacement says so, with the counts" "Replaced run gp (9 points, 27 metrics)"
# benchkit's form keeps benchkit's own line (test_benchkit_compat.sh checks it
# on benchkit's documented store); here the same file both ways.
run "$BENCHDB" ingest --data "$WORK/bk" --input "$FIXTURES/benchkit/run_full.json"
check_out_exact "ingest --data --input prints benchkit's line" "Ingested run run-full-001 (2 points)"
run "$BENCHDB" --db "$WORK/native" ingest "$FIXTURES/benchkit/run_full.json"
check_out_exact "the same file ingested natively: points and metrics" \
	"Ingested run run-full-001 (2 points, 4 metrics)"

# What the file says is used when the command line says nothing: benchkit
# id, timestamp (+02:00 honoured), commit and branch.
run "$BENCHDB" --db "$DB" ingest "$FIXTURES/benchkit/run_full.json"
check_rc "run_full.json ingests" 0
csv_of run-full-001
check "benchkit: id, UTC timestamp, commit and branch of the file" \
	grep -q '^run-full-001,2026-02-10T07:05:00.250000Z,a1b2c3d4,feature/loader,CV-1/small,CV-1,batch=32;framework=Datarax;variant=small,throughput,20158,19870.5,20431.25,elem/s,higher,3' "$OUT"
# An integer above 2^53 stays exact through the store.
run "$BENCHDB" --db "$DB" export --format benchkit run-full-001
check_out "an integer above 2^53 comes back exact from the store" '"value": 9007199254740993'
# So does a Google Benchmark user counter above 2^53 (read from standard input).
printf '{"context": {"date": "2026-01-05T00:00:00Z"}, "benchmarks": [{"name": "BM_n", "run_type": "iteration", "real_time": 1.5, "cpu_time": 1.25, "time_unit": "ns", "events": 9007199254740993}]}\n' \
	>"$WORK/big.json"
STDIN=$WORK/big.json run "$BENCHDB" --db "$DB" ingest --id big -
check_out_exact "a gbench counter above 2^53 ingests" "Ingested run big (1 point, 3 metrics)"
run "$BENCHDB" --db "$DB" export --format benchkit big
check_out "a gbench counter above 2^53 comes back exact from the store" '"value": 9007199254740993'
# pytest-benchmark: commit_info id and branch; commit_info.time as the
# timestamp when there is no "datetime" (10:11:12+01:00 = 09:11:12Z); params
# as tags; group as scenario.
run "$BENCHDB" --db "$DB" ingest --id pv "$FIXTURES/pytest/versioned.json"
check_rc "a versioned pytest-benchmark file ingests" 0
csv_of pv
check "pytest: commit_info id, branch and time, params as tags, group as scenario" \
	grep -q '^pv,2026-11-20T09:11:12Z,5d41402abc4b2a76b9719d911017c592ae7e1d2f,feature/radix,tests/test_sort.py::test_sort\[radix-1000\],sorting,algo=radix;n=1000,time,4.32e-05,,,s,lower,5' "$OUT"
# gbench: context.date as the timestamp.
csv_of gp
check "gbench: context.date is the timestamp (2026-11-22T23:33:41+00:00)" \
	grep -q '^gp,2026-11-22T23:33:41Z,,,BM_memcpy/64,,,real_time,2.7489436294567438,,,ns,lower,3' "$OUT"

# The command line overrides the file: id, commit, branch, timestamp; each
# --tag is set on every point, replacing the file's tag of that key.
run "$BENCHDB" --db "$DB" ingest --id o1 --commit ffff0000 --branch release-1.2 \
	--timestamp 2026-03-01T12:00:00Z --tag framework=JAX --tag host=ci-7 \
	"$FIXTURES/benchkit/run_full.json"
check_rc "ingest with every override exits 0" 0
check_out_exact "the override run is reported under its id" "Ingested run o1 (2 points, 4 metrics)"
csv_of o1
check "overrides: id, timestamp, commit, branch and tags of the command line" \
	grep -q '^o1,2026-03-01T12:00:00Z,ffff0000,release-1.2,CV-1/small,CV-1,batch=32;framework=JAX;host=ci-7;variant=small,throughput,20158,' "$OUT"
check "every observation of the run has the overrides" \
	test "$(grep -c '^o1,2026-03-01T12:00:00Z,ffff0000,release-1.2,' "$OUT")" -eq 4
run "$BENCHDB" --db "$DB" ingest --id pv2 --commit 0123abcd --branch main "$FIXTURES/pytest/versioned.json"
csv_of pv2
check "--commit and --branch override pytest's commit_info" \
	test "$(grep -c '^pv2,2026-11-20T09:11:12Z,0123abcd,main,' "$OUT")" -eq 4

# The git state of the current directory is never guessed: a file without a
# commit ingested from inside a git checkout gets no commit and no branch.
if command -v git >/dev/null; then
	mkdir -p "$WORK/repo"
	(cd "$WORK/repo" && git init -q -b trunk . && git -c user.name=t -c user.email=t@example.com \
		commit -q --allow-empty -m init) >/dev/null 2>&1
	check "the directory is a git checkout with a commit" \
		git -C "$WORK/repo" rev-parse -q --verify HEAD >/dev/null
	(cd "$WORK/repo" && "$BENCHDB" --db "$DB" ingest --id ingit "$FIXTURES/hyperfine.json") \
		>"$OUT" 2>"$ERR"
	check_out "a file ingested inside a git checkout is stored" "Ingested run ingit (3 points, 9 metrics)"
	csv_of ingit
	check "no commit or branch is taken from the directory's git" \
		test "$(grep -c '^ingit,[^,]*,,,' "$OUT")" -eq 9
fi

# --format forces a format; the input is then read as that one, with its errors.
run "$BENCHDB" --db "$DB" ingest --format gbench "$FIXTURES/benchkit/run_minimal.json"
check_rc "a benchkit file forced to gbench exits 3" 3
check_err "it fails as gbench, at the document" 'run_minimal.json:1:1: missing required field "benchmarks"'
run "$BENCHDB" --db "$DB" ingest --format pytest "$FIXTURES/gotest_bench.txt"
check_rc "go test text forced to pytest exits 3" 3
check_err "it fails as JSON, with its position" "gotest_bench.txt:1:1: invalid JSON"
run "$BENCHDB" --db "$DB" ingest --id fh --format google-benchmark "$FIXTURES/gbench_plain.json"
check_out_exact "a format forced by an alias reads the file" "Ingested run fh (9 points, 27 metrics)"

# github-action-benchmark files have no direction: --direction gives one.
run "$BENCHDB" --db "$DB" ingest --id gab0 "$FIXTURES/gab/gab.json"
csv_of gab0
check "gab without --direction: no direction" \
	grep -q '^gab0,[^,]*,,,My Custom Smaller Is Better Benchmark - CPU Load,,,value,50,46.5,53.5,Percent,,0' "$OUT"
run "$BENCHDB" --db "$WORK/gabdb" ingest --id gab1 --direction lower "$FIXTURES/gab/gab.json"
run "$BENCHDB" --db "$WORK/gabdb" export --format csv gab1
check "gab with --direction lower: lower" \
	grep -q '^gab1,[^,]*,,,My Custom Smaller Is Better Benchmark - CPU Load,,,value,50,46.5,53.5,Percent,lower,0' "$OUT"

# '-' twice: standard input is read once, so the second was an empty
# input (exit 3) after the first had been stored.
STDIN=$FIXTURES/pytest_benchmark.json run "$BENCHDB" --db "$WORK/twice" ingest - "$FIXTURES/gbench_reps.json" -
check_rc "ingest - FILE - exits 2" 2
check_err "saying why" "ingest: '-' is given twice: standard input is read once"
check "and stores nothing (no store made)" test ! -e "$WORK/twice"
STDIN=$FIXTURES/pytest_benchmark.json run "$BENCHDB" push --server http://127.0.0.1:1 --token-file /dev/null - -
check_rc "push - - exits 2 before it sends anything" 2
check_err "saying why" "push: '-' is given twice: standard input is read once"

run "$BENCHDB" --db "$DB" verify
check_rc "the store verifies after all of it" 0
finish
