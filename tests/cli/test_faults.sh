#!/usr/bin/env bash
# tests/cli/test_faults.sh - I/O faults during an ingest (docs/faults.md).
#
# The shim of tests/fault/fault.c (LD_PRELOAD) makes the Nth write, writev,
# pwrite, fdatasync, ... on data.mdb fail. A traced ingest first counts the
# calls an ingest makes (K); then, for every N in 1..K, the same ingest is run
# on a fresh copy of the store with call N failing - once with EIO, once with
# ENOSPC that stays (every call from N on fails, a full disk), and once cut
# short (a write that writes half its first buffer). Each must exit 3
# with a message naming the error, never crash or hang, and afterwards,
# without the shim, verify must be clean, the store must hold exactly the runs
# it held before (show runs and export of each run compared), and a new
# ingest must work. The same for an ingest that creates the store.
. "$(dirname "$0")/lib.sh"

SHIM=$ROOT/${BENCHDB_BUILD:-build}/tools/libfault.so
if [ ! -f "$SHIM" ]; then
	fail "the fault shim is built" "$SHIM is missing (make tests builds it)"
	finish
fi
# The shim cannot come before the ASan runtime in the load order; it does not
# allocate, so the order does not matter to it.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
LIMIT=120 # seconds: a fault must never make benchdb hang

# A Google Benchmark file of n points: big enough that one commit writes
# more than LMDB's 64 pages per writev, so there are several data writes.
make_gbench() { # n file
	{
		printf '{"context": {"date": "2026-03-01T10:00:00+00:00"}, "benchmarks": [\n'
		for ((i = 0; i < $1; i++)); do
			[ "$i" -gt 0 ] && printf ',\n'
			printf '{"name": "BM_fault_%d/%d", "run_type": "iteration", "iterations": 1000,' \
				"$i" $((i * 64))
			printf ' "real_time": %d.5, "cpu_time": %d.25, "time_unit": "ns"}' \
				$((1000 + i)) $((990 + i))
		done
		printf ']}\n'
	} >"$2"
}
BIG=$WORK/big.json
make_gbench 600 "$BIG"

# snapshot DB FILE: the runs list and the export of every run.
snapshot() { runs_snapshot "$1" >"$2" 2>&1; }

# ERRNO SHORT: the failing write is cut short (half its first buffer
# written), as a file system that fills up does; LMDB reports EIO.
with_shim() { # FAULT_AT ERRNO STICKY TRACE command...
	local at=$1 errno=$2 sticky=$3 tracef=$4 short=0
	shift 4
	[ "$errno" = SHORT ] && errno=EIO short=1
	FAULT_AT=$at FAULT_ERRNO=$errno FAULT_STICKY=$sticky FAULT_TRACE=$tracef \
		FAULT_SHORT=$short FAULT_PATH_SUBSTR=data.mdb LD_PRELOAD=$SHIM timeout $LIMIT "$@"
}

PRISTINE=$WORK/pristine
"$BENCHDB" --db "$PRISTINE" ingest --id keep-1 --branch main "$FIXTURES/gbench_plain.json" >/dev/null
"$BENCHDB" --db "$PRISTINE" ingest --id keep-2 --branch main "$FIXTURES/gbench_reps.json" >/dev/null
"$BENCHDB" --db "$PRISTINE" baseline set main keep-1 >/dev/null
snapshot "$PRISTINE" "$WORK/before.txt"
check "the pristine store holds two runs" grep -q '^keep-2,' "$WORK/before.txt"

# K: the calls on data.mdb of one successful ingest into a copy.
rm -rf "$WORK/t" && cp -r "$PRISTINE" "$WORK/t"
run with_shim 0 EIO 0 "$WORK/trace" "$BENCHDB" --db "$WORK/t" ingest --id new "$BIG"
check_rc "the traced ingest succeeds" 0
K=$(grep -c '' "$WORK/trace" 2>/dev/null || echo 0)
echo "# one ingest makes $K calls on data.mdb: $(cut -d' ' -f2 "$WORK/trace" | uniq -c | tr -s ' \n' ' ')"
check "an ingest makes at least 4 calls on data.mdb ($K), several data writes" \
	test "$K" -ge 4 -a "$(grep -c writev "$WORK/trace")" -ge 2
check "the last call of a commit is the meta page write" \
	bash -c "tail -n 1 '$WORK/trace' | grep -q ' pwrite'"

# The ingest under test: its arguments and how many inputs it has.
INGEST=(--id new "$BIG")
N_INPUTS=1

# fault_round SOURCE ERRNO STICKY EXPECTED: the ingest into a copy of SOURCE
# (none: a new store) with each call failing in turn; counts what went wrong.
bad_rc=0 bad_msg=0 bad_verify=0 bad_state=0 bad_after=0 cases=0
fault_round() { # source-dir (empty: no store) errno sticky expected-snapshot
	local src=$1 errno=$2 sticky=$3 expect=$4 n db
	for ((n = 1; n <= K; n++)); do
		cases=$((cases + 1))
		db=$WORK/db-$errno-$sticky-$n
		rm -rf "$db"
		[ -n "$src" ] && cp -r "$src" "$db"
		with_shim "$n" "$errno" "$sticky" "" "$BENCHDB" --db "$db" ingest "${INGEST[@]}" \
			>"$OUT" 2>"$ERR" </dev/null
		local rc=$?
		local what="$errno fault at call $n of $K${sticky:+ (sticky)}"
		if [ "$rc" -ne 3 ]; then
			bad_rc=$((bad_rc + 1))
			echo "# $what: exit $rc, expected 3"
			head -c 600 "$ERR"
		fi
		local text="Input/output error"
		[ "$errno" = ENOSPC ] && text="No space left on device"
		# LMDB calls a short write EIO, but ENOSPC when it creates data.mdb.
		[ "$errno" = SHORT ] && text="(Input/output error|No space left on device)"
		if [ "$(grep -cE "^benchdb: error: .*: $text" "$ERR")" -lt "$N_INPUTS" ] ||
			grep -q '^Ingested' "$OUT"; then
			bad_msg=$((bad_msg + 1))
			echo "# $what: stderr lacks 'benchdb: error: ...: $text' for each of the" \
				"$N_INPUTS inputs, or stdout reports a run stored"
			head -c 600 "$ERR"
		fi
		timeout $LIMIT "$BENCHDB" --db "$db" verify >"$OUT" 2>"$ERR"
		rc=$?
		if [ -z "$src" ] && [ "$rc" -eq 3 ] && grep -q "^benchdb: error: no store at" "$ERR"; then
			: # the creating ingest left no store (or an empty LMDB file): fine
		elif [ "$rc" -ne 0 ]; then
			bad_verify=$((bad_verify + 1))
			echo "# $what: verify afterwards is not clean (exit $rc)"
			head -c 600 "$OUT"
			head -c 600 "$ERR"
		else
			snapshot "$db" "$WORK/after.txt"
			if ! cmp -s "$expect" "$WORK/after.txt"; then
				bad_state=$((bad_state + 1))
				echo "# $what: the store's runs changed"
				diff "$expect" "$WORK/after.txt" | head -10
			fi
		fi
		if ! timeout $LIMIT "$BENCHDB" --db "$db" ingest "${INGEST[@]}" >/dev/null 2>"$ERR" ||
			! timeout $LIMIT "$BENCHDB" --db "$db" verify >/dev/null 2>>"$ERR"; then
			bad_after=$((bad_after + 1))
			echo "# $what: the store does not take the ingest afterwards"
			head -c 600 "$ERR"
		fi
		rm -rf "$db"
	done
}

# Sanitized builds (slow to start) inject one errno per round; both kinds
# of fault are still covered, each at every call.
SAN=${BENCHDB_SANITIZED:-0}
fault_round "$PRISTINE" EIO "" "$WORK/before.txt"
[ "$SAN" = 1 ] || fault_round "$PRISTINE" ENOSPC 1 "$WORK/before.txt"
[ "$SAN" = 1 ] || fault_round "$PRISTINE" SHORT "" "$WORK/before.txt"
n_existing=$cases
check "every fault makes ingest exit 3 ($bad_rc of $cases wrong)" test "$bad_rc" -eq 0
check "every fault is reported with the system's error ($bad_msg of $cases wrong)" test "$bad_msg" -eq 0
check "verify is clean after every fault ($bad_verify of $cases not)" test "$bad_verify" -eq 0
check "the store holds exactly its runs after every fault ($bad_state of $cases changed)" \
	test "$bad_state" -eq 0
check "the store takes an ingest after every fault ($bad_after of $cases not)" test "$bad_after" -eq 0

# The same for the ingest that creates the store: afterwards the directory is
# no store, or an empty one, and a later ingest creates it.
rm -rf "$WORK/t" "$WORK/trace"
run with_shim 0 EIO 0 "$WORK/trace" "$BENCHDB" --db "$WORK/t" ingest --id new "$BIG"
check_rc "the traced creating ingest succeeds" 0
K=$(grep -c '' "$WORK/trace" 2>/dev/null || echo 0)
echo "# creating a store and ingesting makes $K calls on data.mdb"
bad_rc=0 bad_msg=0 bad_verify=0 bad_state=0 bad_after=0 cases=0
expect_empty=$WORK/empty.txt
printf 'id,timestamp,commit,branch,points,metrics\r\n' >"$expect_empty"
[ "$SAN" = 1 ] || fault_round "" EIO "" "$expect_empty"
fault_round "" ENOSPC 1 "$expect_empty"
[ "$SAN" = 1 ] || fault_round "" SHORT "" "$expect_empty"
check "creating: every fault makes ingest exit 3 ($bad_rc of $cases wrong)" test "$bad_rc" -eq 0
check "creating: every fault is reported ($bad_msg of $cases wrong)" test "$bad_msg" -eq 0
check "creating: verify is clean or says 'no store' after every fault ($bad_verify of $cases not)" \
	test "$bad_verify" -eq 0
check "creating: no run is stored after any fault ($bad_state of $cases)" test "$bad_state" -eq 0
check "creating: a later ingest creates the store ($bad_after of $cases not)" test "$bad_after" -eq 0
n_creating=$cases

# Several files in one ingest are one batch, one write transaction
# (bdb_ingest_files): a fault at any call of its commit fails the whole
# batch. Every input is reported failed, none as ingested, and the store
# holds exactly its runs from before the ingest.
make_gbench 300 "$WORK/big2.json"
printf '{"id": "small", "timestamp": "2026-03-02T10:00:00Z", "points": [{"name": "s", "metrics": {"time": {"value": 3, "unit": "ns"}}}]}\n' \
	>"$WORK/small.json"
sed -i 's/BM_fault_/BM_other_/' "$WORK/big2.json"
INGEST=("$BIG" "$WORK/big2.json" "$WORK/small.json")
N_INPUTS=3
rm -rf "$WORK/t" "$WORK/trace" && cp -r "$PRISTINE" "$WORK/t"
run with_shim 0 EIO 0 "$WORK/trace" "$BENCHDB" --db "$WORK/t" ingest "${INGEST[@]}"
check_rc "the traced batched ingest succeeds" 0
check "the batch is one commit: one fdatasync" test "$(grep -c fdatasync "$WORK/trace")" -eq 1
K=$(grep -c '' "$WORK/trace" 2>/dev/null || echo 0)
echo "# a batch of 3 files makes $K calls on data.mdb"
bad_rc=0 bad_msg=0 bad_verify=0 bad_state=0 bad_after=0 cases=0
fault_round "$PRISTINE" ENOSPC 1 "$WORK/before.txt"
[ "$SAN" = 1 ] || fault_round "$PRISTINE" EIO "" "$WORK/before.txt"
fault_round "$PRISTINE" SHORT "" "$WORK/before.txt"
check "batch: every fault makes ingest exit 3 ($bad_rc of $cases wrong)" test "$bad_rc" -eq 0
check "batch: every input is reported failed, none ingested ($bad_msg of $cases wrong)" \
	test "$bad_msg" -eq 0
check "batch: verify is clean after every fault ($bad_verify of $cases not)" test "$bad_verify" -eq 0
check "batch: the store holds exactly its runs after every fault ($bad_state of $cases changed)" \
	test "$bad_state" -eq 0
check "batch: the store takes the batch after every fault ($bad_after of $cases not)" \
	test "$bad_after" -eq 0
echo "# $n_existing faults into an existing store, $n_creating while creating one," \
	"$cases in a batch of 3 files"
finish
