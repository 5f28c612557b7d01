#!/usr/bin/env bash
# bench/realdata_size.sh - the store against the files it replaces, on the
# real histories of tests/realdata (docs/performance.md, "Size on real
# histories"): each history imported into a store of its own, then all of
# them into one, each compacted; prints the bytes of the sources (every
# file of the history, apparent size), of data.mdb and of the store's
# directory (data.mdb, lock.mdb, compact.lock), and data.mdb / sources.
#
#   BENCHDB=build/benchdb bench/realdata_size.sh
set -u
: "${BENCHDB:?BENCHDB must point at the benchdb binary}"
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REAL=$ROOT/tests/realdata
WORK=$(mktemp -d "${TMPDIR:-/tmp}/benchdb-realsize.XXXXXX") ||
	{ echo "realdata size: cannot make a work directory under ${TMPDIR:-/tmp}" >&2; exit 1; }
trap 'rm -rf "$WORK"' EXIT

# import DB SOURCE: the history SOURCE (a gab data.js, an asv directory or
# the pytest directory) into store DB.
import() {
	local db=$1 src=$2
	case $src in
	*.data.js) "$BENCHDB" --db "$db" import-gab "$src" ;;
	*/asv/*) "$BENCHDB" --db "$db" import-asv \
		"$(find "$src" -name benchmarks.json -printf '%h\n' | head -1)" ;;
	*) "$BENCHDB" --db "$db" ingest "$src" ;;
	esac >/dev/null 2>"$WORK/err" || {
		echo "realdata size: $src: $(head -c 300 "$WORK/err")" >&2
		exit 1
	}
}

# row NAME DB SOURCE_BYTES: compacts DB and prints its line.
row() {
	"$BENCHDB" --db "$2" compact >/dev/null || exit 1
	local data dir obs
	data=$(stat -c %s "$2/data.mdb")
	dir=$(du -sb "$2" | cut -f1)
	obs=$("$BENCHDB" --db "$2" stats | sed -n 's/^observations: *//p')
	printf '| %s | %s | %s | %s | %s | %.2f | %.1f |\n' "$1" "$3" "$obs" "$data" "$dir" \
		"$(echo "$data / $3" | bc -l)" "$(echo "$data / $obs" | bc -l)"
}

# The histories: nautilus.first40 is a cut of nautilus (the same entries), left out.
sources=()
for f in "$REAL"/gab/*.data.js; do
	case $f in *first40*) ;; *) sources+=("$f") ;; esac
done
sources+=("$REAL"/asv/* "$REAL/pytest/terrysimons__glitchygames/.benchmarks")
echo "| history | source bytes | observations | data.mdb bytes | store directory bytes | data.mdb / source | data.mdb bytes / observation |"
echo "|---|---|---|---|---|---|---|"
total=0
n=0
for src in "${sources[@]}"; do
	n=$((n + 1))
	bytes=$(du -sb --apparent-size "$src" | cut -f1)
	total=$((total + bytes))
	import "$WORK/one-$n" "$src"
	import "$WORK/all" "$src"
	row "${src#"$REAL"/}" "$WORK/one-$n" "$bytes"
done
row "all $n in one store" "$WORK/all" "$total"
