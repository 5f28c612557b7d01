#!/usr/bin/env bash
# tests/soak.sh - `make soak`: writers killed with SIGKILL at random moments
# while readers query and a second writer ingests (docs/robustness.md 6).
#
#   BENCHDB=build/benchdb tests/soak.sh [KILLS]      (default 1000)
#
# Writer 1 ingests batches of 3 files (one transaction each) and is killed
# with SIGKILL at a random moment within 1.5 times the length of one such
# ingest, until KILLS of them were killed. Writer 2 ingests one file
# at a time without being killed. Three readers loop over `show runs`,
# `trend` and `rank`, counting failed queries. A run counts as acknowledged
# when its "Ingested run" line reached a writer's output. At the end: every
# acknowledged run is stored, every stored run has all its points and
# metrics, verify is clean, and no query failed. Not part of `make test`.
set -u
: "${BENCHDB:?BENCHDB must point at the benchdb binary}"
KILLS=${1:-1000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/benchdb-soak.XXXXXX") ||
	{ echo "soak: cannot make a work directory under ${TMPDIR:-/tmp}" >&2; exit 1; }
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
DB=$WORK/db
POINTS=400 # per file, two metrics each: an ingest of 3 files takes tens of ms

# A run of $POINTS points with metrics time and bytes; @ID@ is its id.
{
	printf '{"id": "@ID@", "timestamp": "2026-01-01T00:00:00Z", "commit": "@ID@", "points": ['
	for ((p = 0; p < POINTS; p++)); do
		[ "$p" -gt 0 ] && printf ','
		printf '{"name": "soak/%d", "metrics": {"time": {"value": %d.5, "unit": "ns"},' \
			"$p" $((1000 + p))
		printf ' "bytes": {"value": %d, "unit": "B"}}}' $((64 * p))
	done
	printf ']}\n'
} >"$WORK/template.json"
make_run() { sed "s/@ID@/$1/g" "$WORK/template.json" >"$3"; } # ID DAY FILE

mkdir -p "$WORK/in"
make_run seed 0 "$WORK/seed.json"
"$BENCHDB" --db "$DB" ingest "$WORK/seed.json" >/dev/null || exit 1

# Readers: loop until $WORK/stop exists; one line per failed query.
reader() { # n
	local q
	while [ ! -e "$WORK/stop" ]; do
		for q in 'show runs as csv' 'trend time of "soak/7" last 20 as csv' \
			'rank time of "soak/*" as csv'; do
			if ! timeout 60 "$BENCHDB" --db "$DB" -c "$q" >/dev/null 2>>"$WORK/reader$1.err"; then
				echo "$q" >>"$WORK/failed_queries"
			fi
			echo >>"$WORK/queries"
		done
	done
}
# Writer 2: one file at a time, never killed.
writer2() {
	local i=0 f
	while [ ! -e "$WORK/stop" ]; do
		f=$WORK/in/w2-$i.json
		make_run "w2-$i" "$i" "$f"
		timeout 120 "$BENCHDB" --db "$DB" ingest "$f" >>"$WORK/acked" 2>>"$WORK/writer2.err" ||
			echo "w2-$i" >>"$WORK/writer2_failed"
		i=$((i + 1))
	done
}

: >"$WORK/acked"
: >"$WORK/queries"
: >"$WORK/failed_queries"
: >"$WORK/writer2_failed"
# How long one ingest of 3 files takes here, alone (microseconds): the kills
# land at a random moment within 1.5 times that.
t0=${EPOCHREALTIME/./}
for j in 0 1 2; do make_run "probe-$j" 0 "$WORK/in/probe-$j.json"; done
"$BENCHDB" --db "$DB" ingest "$WORK"/in/probe-*.json >/dev/null || exit 1
ingest_us=$((${EPOCHREALTIME/./} - t0))
echo "soak: one ingest of 3 files of $POINTS points takes $((ingest_us / 1000)) ms alone"
for r in 1 2 3; do reader $r & done
writer2 &

started=$(date +%s)
killed=0 finished=0
for ((k = 0; killed < KILLS; k++)); do
	files=()
	for j in 0 1 2; do
		f=$WORK/in/w1-$k-$j.json
		make_run "w1-$k-$j" "$k" "$f"
		files+=("$f")
	done
	"$BENCHDB" --db "$DB" ingest "${files[@]}" >"$WORK/w1.out" 2>"$WORK/w1.err" &
	pid=$!
	sleep "$(printf '0.%06d' $(((RANDOM * 32768 + RANDOM) % (ingest_us * 3 / 2 + 1))))"
	if kill -9 "$pid" 2>/dev/null; then
		wait "$pid" 2>/dev/null
		killed=$((killed + 1))
	else
		wait "$pid" 2>/dev/null
		finished=$((finished + 1))
	fi
	cat "$WORK/w1.out" >>"$WORK/acked"
	rm -f "${files[@]}"
done
touch "$WORK/stop"
wait
elapsed=$(($(date +%s) - started))

fail=0
"$BENCHDB" --db "$DB" verify >"$WORK/verify.out" 2>&1
verify_rc=$?
[ "$verify_rc" -eq 0 ] || fail=1
"$BENCHDB" --db "$DB" -c 'show runs as csv' | tr -d '\r' | tail -n +2 >"$WORK/stored.csv"
grep -o 'Ingested run [^ ]*' "$WORK/acked" | awk '{print $3}' | tr -d '"'"'" | sort -u >"$WORK/acked_ids"
cut -d, -f1 "$WORK/stored.csv" | sort -u >"$WORK/stored_ids"
missing=$(comm -23 "$WORK/acked_ids" "$WORK/stored_ids" | wc -l)
partial=$(awk -F, -v p=$POINTS '$5 != p || $6 != 2 * p' "$WORK/stored.csv" | wc -l)
n_queries=$(wc -l <"$WORK/queries")
n_failed=$(wc -l <"$WORK/failed_queries" 2>/dev/null || echo 0)
w2_failed=$(wc -l <"$WORK/writer2_failed" 2>/dev/null || echo 0)
[ "$missing" -eq 0 ] && [ "$partial" -eq 0 ] && [ "$n_failed" -eq 0 ] && [ "$w2_failed" -eq 0 ] || fail=1

echo "soak: $k ingests of 3 files, $killed killed with SIGKILL, $finished finished first;" \
	"$elapsed s"
echo "soak: $(wc -l <"$WORK/acked_ids") runs acknowledged, $(wc -l <"$WORK/stored_ids") stored," \
	"$missing acknowledged runs missing, $partial partial runs"
echo "soak: $n_queries queries by 3 readers, $n_failed failed; writer 2: $w2_failed ingests failed"
echo "soak: verify: $(tail -n 1 "$WORK/verify.out")"
if [ "$fail" -ne 0 ]; then
	for f in "$WORK"/reader*.err "$WORK/writer2.err"; do
		[ -s "$f" ] && { echo "--- $f"; sort "$f" | uniq -c | head -10; }
	done
	echo "1 passed, 1 failed"
	exit 1
fi
echo "1 passed, 0 failed"
