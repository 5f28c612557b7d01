#!/usr/bin/env bash
# tests/cli/test_store_bitflips.sh - a damaged data.mdb read by every
# command (docs/faults.md 3): copies of one store, each with a few bits
# flipped or a few bytes overwritten at places a seeded generator picks, are
# read by verify, show runs, trend, changes, rank, regressions, show points,
# show annotations, baseline list, export and a server's answers. Each
# command must exit 0 or 3 (a sentence, never a crash or a hang), and where
# verify calls the copy clean every answer must be the undamaged store's,
# byte for byte, but for a number rewritten in place in a well-formed page
# (a sample's bits: LMDB keeps no checksums, docs/faults.md 3's known
# limit), which is counted and shown: other damage that verify passes must
# be damage nobody can see.
# test_store_damage.sh damages whole pages, for verify only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
trap 'for p in "${SERVERS[@]}"; do kill -KILL "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
LIMIT=60
COPIES=${BITFLIP_COPIES:-20}

# The store: examples/history's five runs, jox's history (github-action-
# benchmark, 47 runs with commits), a baseline and an annotation, compacted.
GOOD=$WORK/good
ingest_history "$GOOD"
"$BENCHDB" --db "$GOOD" import-gab "$ROOT/tests/realdata/gab/softwaremill__jox.data.js" \
	>/dev/null 2>&1
"$BENCHDB" --db "$GOOD" baseline set main v2 >/dev/null
"$BENCHDB" --db "$GOOD" -c 'annotate commit "c3" as ignore "noisy machine"' >/dev/null
"$BENCHDB" --db "$GOOD" compact >/dev/null

# The commands, one a line: arguments separated by '|'.
COMMANDS='-c|show runs as csv
-c|trend real_time as csv
-c|changes real_time as csv
-c|rank cpu_time as csv
-c|regressions as csv
-c|show points as csv
-c|show annotations as csv
baseline|list
export|--format|json
export|--format|json|v3'

# answers DB DIR: each command's stdout and stderr in DIR/N, its exit code
# in DIR/N.rc.
answers() {
	local n=0 line args
	mkdir -p "$2"
	while IFS= read -r line; do
		n=$((n + 1))
		IFS='|' read -ra args <<<"$line"
		timeout $LIMIT "$BENCHDB" --db "$1" "${args[@]}" >"$2/$n" 2>&1 </dev/null
		echo $? >"$2/$n.rc"
	done <<<"$COMMANDS"
}
answers "$GOOD" "$WORK/good-answers"
run "$BENCHDB" --db "$GOOD" verify
check_rc "the undamaged store verifies" 0
check "  and every command answers it" \
	test "$(cat "$WORK"/good-answers/*.rc | sort -u | tr -d '\n')" = 0

# damage FILE SEED: flips 1 to 3 bits, or overwrites 1 to 8 bytes, past the
# two header pages (test_store_damage.sh has those), where SEED says.
damage() {
	python3 - "$1" "$2" <<'PY'
import os, random, sys
path, seed = sys.argv[1], int(sys.argv[2])
r = random.Random(seed)
size = os.path.getsize(path)
with open(path, "r+b") as f:
    if r.random() < 0.6:
        for _ in range(r.choice([1, 1, 2, 3])):
            at = r.randrange(8192, size)
            f.seek(at)
            b = f.read(1)[0]
            f.seek(at)
            f.write(bytes([b ^ (1 << r.randrange(8))]))
    else:
        f.seek(r.randrange(8192, size - 8))
        f.write(bytes(r.randrange(256) for _ in range(r.choice([1, 2, 8]))))
PY
}

# numbers_out DIR: the answers in DIR with every number as N.
numbers_out() {
	cat "$1"/* | sed -E 's/[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/N/g'
}

crashed=0 hung=0 unclear=0 clean=0 differ=0 in_place=0
for seed in $(seq 1 "$COPIES"); do
	copy=$WORK/copy
	rm -rf "$copy" "$WORK/answers"
	cp -r "$GOOD" "$copy"
	damage "$copy/data.mdb" "$seed"
	timeout $LIMIT "$BENCHDB" --db "$copy" verify >"$WORK/verify.out" 2>&1 </dev/null
	vrc=$?
	answers "$copy" "$WORK/answers"
	for rcfile in "$WORK/verify.rc" "$WORK"/answers/*.rc; do
		[ "$rcfile" = "$WORK/verify.rc" ] && rc=$vrc || rc=$(cat "$rcfile")
		case $rc in
		0 | 3) ;;
		124)
			hung=$((hung + 1))
			echo "# seed $seed: a command hung (${rcfile##*/})"
			;;
		*)
			crashed=$((crashed + 1))
			echo "# seed $seed: exit $rc (${rcfile##*/})"
			;;
		esac
	done
	# A failure is a sentence: "benchdb: error: ..." or verify's "problem: ...".
	for rcfile in "$WORK"/answers/*.rc; do
		[ "$(cat "$rcfile")" = 3 ] || continue
		grep -q '^benchdb: error: ' "${rcfile%.rc}" || {
			unclear=$((unclear + 1))
			echo "# seed $seed: exit 3 without a sentence: $(head -c 200 "${rcfile%.rc}")"
		}
	done
	[ $vrc = 3 ] && ! grep -q '^problem: \|^benchdb: error: ' "$WORK/verify.out" &&
		unclear=$((unclear + 1))
	if [ $vrc = 0 ]; then
		clean=$((clean + 1))
		if ! diff -r -q "$WORK/good-answers" "$WORK/answers" >/dev/null; then
			# A number rewritten in place in a well-formed page is the
			# known limit of docs/faults.md 3 (LMDB keeps no checksums):
			# counted and shown. Any other difference fails.
			if [ "$(numbers_out "$WORK/good-answers")" = "$(numbers_out "$WORK/answers")" ]; then
				in_place=$((in_place + 1))
				echo "# seed $seed: verify is clean and a stored number differs (known limit):"
			else
				differ=$((differ + 1))
				echo "# seed $seed: verify is clean but an answer differs:"
			fi
			diff -r "$WORK/good-answers" "$WORK/answers" | head -5 | sed 's/^/#   /'
		fi
	fi
done
echo "# $COPIES damaged copies: $clean verified clean (the damage in bytes no page uses)"
check "no command crashed on a damaged copy ($crashed exits neither 0 nor 3)" test "$crashed" -eq 0
check "no command hung on a damaged copy ($hung)" test "$hung" -eq 0
check "every exit 3 said why ($unclear without a sentence)" test "$unclear" -eq 0
check "where verify was clean, every answer was the undamaged store's but for numbers ($differ differ; $in_place with a number rewritten in place)" \
	test "$differ" -eq 0
check "some copies were damaged where verify sees it ($((COPIES - clean)) of $COPIES)" \
	test "$clean" -lt "$COPIES"

# A server on damaged copies answers every request with 200 or an error
# status, and keeps running.
# Seed 0 is the undamaged store, where every request must answer 200.
down=0 odd=0 good=0
for seed in $(seq 0 $((COPIES / 4))); do
	copy=$WORK/copy
	rm -rf "$copy"
	cp -r "$GOOD" "$copy"
	[ "$seed" -gt 0 ] && damage "$copy/data.mdb" $((1000 + seed))
	# (start_server would fail the script: a server may refuse a damaged
	# store at its start, exit 3, which is an answer too.)
	# (try_server: another port when the one picked is taken; with 4
	# suites at a time the undamaged store's server once lost its port.)
	try_server "$WORK/serve.log" --db "$copy" || true
	if ! kill -0 "$PID" 2>/dev/null; then
		wait "$PID"
		rc=$?
		if [ $rc -ne 3 ] || ! grep -q '^benchdb: error: ' "$WORK/serve.log"; then
			down=$((down + 1))
			echo "# seed $((1000 + seed)): the server did not start: exit $rc"
		fi
		continue
	fi
	for path in "api/query?q=show%20runs" "api/query?q=trend%20real_time" \
		"api/query?q=changes%20real_time" "api/overview" "api/baselines" "api/runs/v3" \
		"api/badge.svg?point=BM_memcpy%2F65536&metric=real_time&baseline=main" "metrics"; do
		code=$(curl -s -m $LIMIT -o /dev/null -w '%{http_code}' "$URL/$path")
		[ "$seed" = 0 ] && [ "$code" = 200 ] && good=$((good + 1))
		case $code in 200 | 404 | 500 | 503) ;; *)
			odd=$((odd + 1))
			echo "# seed $((1000 + seed)): /$path answered $code"
			;;
		esac
	done
	if kill -0 "$PID" 2>/dev/null; then
		stop_server "$PID"
	else
		down=$((down + 1))
		echo "# seed $((1000 + seed)): the server died: $(tail -2 "$WORK/serve.log")"
	fi
done
check "a server on the undamaged store answers the 8 requests with 200 ($good)" test "$good" -eq 8
check "a server on $((COPIES / 4)) damaged copies answered every request ($odd odd)" \
	test "$odd" -eq 0
check "  and never went down ($down)" test "$down" -eq 0

finish
