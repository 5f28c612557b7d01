#!/usr/bin/env bash
# examples/demo.sh - the tour `make demo` runs.
#
# Ingests 90 days of generated daily history (benchkit JSON written by the
# bench generator, workload demo-90d: the cpu sorts get 30 % slower on day
# 60) and then five nightly runs of examples/src/kernels.cc (real Google
# Benchmark JSON, see make-history.sh) into the default store
# ./benchmark-data, marks the second nightly run as baseline "main", asks
# the questions benchdb is for, and ends by writing the report
# ./benchmark-data/report.html (docs/report.md). On the way it records one
# real command with `benchdb record`. Running it again changes nothing
# but that recorded run's timings: identical runs are recognised and left as
# they are.
#
# BENCHDB is the binary and GEN the generator (make demo sets both);
# BENCHDB_DIR the store.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCHDB=${BENCHDB:-build/benchdb}
GEN=${GEN:-build/bench/gen}
export BENCHDB_DIR=${BENCHDB_DIR:-benchmark-data}

say() { printf '\n\033[1m$ %s\033[0m\n' "$*" | sed 's/\x1b\[[0-9;]*m//g'; }
# The words of a command as a shell would read them back: an argument with
# blanks, quotes, globs or $ goes in single quotes.
quote() {
	local a out=""
	for a in "$@"; do
		case $a in
		*[[:space:]\"\'*?\$]*) out+=" '${a//\'/\'\\\'\'}'" ;;
		*) out+=" $a" ;;
		esac
	done
	printf '%s' "${out# }"
}
show() {
	say "benchdb $(quote "$@")"
	"$BENCHDB" "$@"
}

"$GEN" --workload demo-90d --out build/demo-history >/dev/null
say "benchdb ingest build/demo-history/run-*.json     # 90 daily runs, one line each"
"$BENCHDB" ingest build/demo-history/run-*.json | awk 'NR <= 2; END { print "... (" NR " runs)" }'

commits=(3f2a9c1 8b71d04 c4e0a77 19d5be2 e6a3f80)
for v in 1 2 3 4 5; do
	show ingest --format gbench --id "nightly-v$v" --commit "${commits[v - 1]}" \
		--branch main --timestamp "2026-11-$((15 + v))T02:00:00Z" \
		"examples/history/gbench-v$v.json"
done
show baseline set main nightly-v2

show -c 'show runs last 8'
show -c 'show points'
show -c 'summary latest'
show -c 'trend real_time of "BM_hash/4096"'
show -c 'rank real_time of "BM_sort/*"'
show -c 'compare baseline with latest metric real_time'
show -c 'regressions using zscore window 3 explain'
show -c 'regressions in commit "c4e0a77" vs baseline threshold 10%'
show -c 'changes time of "BM_sort/64" where backend = "cpu" and dtype = "f32"'
show -c 'changes time of "BM_sort/64" where backend = "cpu" and dtype = "f32" window 30'
show -c 'trend real_time of "BM_sort/1024" as json'
show -c 'trend time of "BM_sort/64" where backend = "cpu" and dtype = "f32" as chart'

say "benchdb check --baseline main        # the CI gate: exit 1 on regressions"
set +e
"$BENCHDB" check --baseline main
rc=$?
set -e
echo "(exit code $rc)"
[ "$rc" -le 1 ] || exit "$rc"

# record measures a command itself: here benchdb answering one query, 10
# runs after 2 warm-ups. Its timestamp is before the nightly runs, so that
# "latest" stays nightly-v5 when the demo runs again (--replace: the new
# timings replace the old run).
show record --name "rank query" --id demo-record --replace --timestamp 2026-11-16T01:00:00Z \
	--warmup 2 --runs 10 -- "$BENCHDB" -c 'rank real_time of "BM_sort/*"'

say "benchdb verify"
"$BENCHDB" verify

say "benchdb report -o $BENCHDB_DIR/report.html"
"$BENCHDB" report -o "$BENCHDB_DIR/report.html" --title "benchdb demo"
echo
echo "The store is in $BENCHDB_DIR/. Explore it: $BENCHDB --db $BENCHDB_DIR"
echo "The report is $BENCHDB_DIR/report.html: open it in a browser (file://$(cd "$BENCHDB_DIR" && pwd)/report.html)"
echo
echo "Serve the store over HTTP (docs/serve.md; Ctrl-C stops it):"
echo "  $BENCHDB --db $BENCHDB_DIR serve --listen 127.0.0.1:8080"
echo "then, from another shell, at http://127.0.0.1:8080/ :"
echo "  curl -s -G --data-urlencode 'q=show runs last 3' http://127.0.0.1:8080/api/query"
echo "  $BENCHDB --server http://127.0.0.1:8080 -c 'regressions'"
echo "(uploads need --token-file: benchdb push --server http://127.0.0.1:8080 --token-file F FILE)"
