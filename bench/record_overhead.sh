#!/usr/bin/env bash
# bench/record_overhead.sh - `make bench`'s row for `benchdb record`: the mean
# wall time per run of `true` as benchdb record measures it, beside hyperfine's
# (no shell, -N) on the same command, same runs and warm-ups, one after the
# other (issue 19; target: within 10 % of hyperfine's mean).
#
#   BENCHDB=build/benchdb bench/record_overhead.sh [RUNS]   (default 500)
set -u
: "${BENCHDB:?BENCHDB must point at the benchdb binary}"
RUNS=${1:-500}
WARMUP=20
if ! command -v hyperfine >/dev/null; then
	echo "record overhead: hyperfine is not installed (make -f bench/bench.mk bench-deps)"
	exit 0
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/benchdb-record.XXXXXX") ||
	{ echo "record overhead: cannot make a work directory under ${TMPDIR:-/tmp}"; exit 1; }
trap 'rm -rf "$WORK"' EXIT
hyperfine -N --style none --runs "$RUNS" --warmup "$WARMUP" --export-json "$WORK/h.json" true \
	>/dev/null 2>&1 || { echo "record overhead: hyperfine failed"; exit 1; }
"$BENCHDB" --db "$WORK/db" record --no-env --id overhead --runs "$RUNS" --warmup "$WARMUP" \
	-- true >/dev/null 2>&1 || { echo "record overhead: benchdb record failed"; exit 1; }
"$BENCHDB" --db "$WORK/db" export --format json overhead >"$WORK/r.json" || exit 1
python3 - "$WORK/h.json" "$WORK/r.json" "$RUNS" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["results"][0]
r = json.load(open(sys.argv[2]))
wall = [o for o in r["observations"] if o["metric"] == "wall"][0]
hm, bm = h["mean"], wall["value"]
ratio = bm / hm
print("| record overhead: `true`, %s runs | benchdb record %.1f us | hyperfine %.1f us | %.3fx | within 10 %% | %s |"
      % (sys.argv[3], bm * 1e6, hm * 1e6, ratio, "yes" if ratio <= 1.10 else "**no**"))
PY
