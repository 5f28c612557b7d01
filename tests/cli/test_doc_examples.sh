#!/usr/bin/env bash
# tests/cli/test_doc_examples.sh - the examples of docs/query-language.md
# show what the statements print. Each `benchdb> STATEMENT` of a code block
# there, with the lines under it, is a golden case of tests/queries/*.test
# (the store of tests/unit/helpers/query_store.h), and its output must be
# that case's: the doc showed a `trend ... vs baseline` with raw numbers and
# columns the table leaves out, and `regressions using zscore` with p-values
# 0 that the table prints as `< 2.2e-308`. The examples of other stores (the
# 30-run `changes` store, a retention policy, a chart) are listed below and
# left out; but the `changes latency` examples, of the 30-run store the
# doc describes, are run on that store (made below as it says) and must print
# what the doc shows.
. "$(dirname "$0")/lib.sh"

# The 30 runs: BMF {"sort/1024": {"latency": {"value": V}}}, run rN with
# --id rN --commit cN0aaa --timestamp 2026-03-NNT00:00:00Z; V is 100 for
# r1..r10, 120 for r11..r20, 90 for r21..r30, plus +2.4, 0, -2.4 repeating.
for n in $(seq 1 30); do
	level=$((n <= 10 ? 1000 : n <= 20 ? 1200 : 900))
	v=$((level + (n % 3 == 1 ? 24 : n % 3 == 2 ? 0 : -24)))
	printf '{"sort/1024": {"latency": {"value": %d.%d}}}\n' $((v / 10)) $((v % 10)) >"$WORK/r$n.json"
	"$BENCHDB" --db "$WORK/thirty" ingest -q --format bmf --id "r$n" --commit "c${n}0aaa" \
		--timestamp "2026-03-$(printf %02d "$n")T00:00:00Z" "$WORK/r$n.json" >/dev/null
done

python3 - "$ROOT" "$BENCHDB" "$WORK/thirty" >"$OUT" 2>"$ERR" <<'PY'
import glob, re, subprocess, sys
root, benchdb, thirty = sys.argv[1:4]
# The examples of the 30-run store, run on it.
THIRTY = {
    'changes latency of "sort/1024"',
    'changes latency using edivisive',
    'changes latency permutations 1000 seed 42 as json',
}
# The examples not of the golden store (docs/query-language.md says so).
OTHER = {
    'show retention',
    'changes latency of "sort/1024"',
    'changes latency using edivisive',
    'changes latency permutations 1000 seed 42 as json',
    'changes time',
    'trend time of kernel as chart',
}
gold = {}
for path in sorted(glob.glob(root + '/tests/queries/*.test')):
    case = []
    for line in open(path, encoding='utf-8').read().split('\n') + ['']:
        if line:
            case.append(line)
            continue
        case = [l for l in case if not l.startswith('#') and l not in ('%%FAIL', '%%TERMINAL')]
        if case:
            out = ['' if l == '%%BLANK' else l for l in case[1:]]
            # An error case is LINE:COL: message; the REPL shows
            # benchdb: error: message.
            out = [re.sub(r'^\d+:\d+: ', 'benchdb: error: ', l) for l in out]
            gold.setdefault(case[0], []).append(out)
        case = []
examples, block, indent, cur = [], False, 0, None
for n, line in enumerate(open(root + '/docs/query-language.md', encoding='utf-8'), 1):
    line = line.rstrip('\n')
    if line.lstrip().startswith('```'):
        block, indent, cur = not block, len(line) - len(line.lstrip()), None
        continue
    if not block:
        continue
    line = line[indent:]
    if line.startswith('benchdb> '):
        cur = (n, re.sub(r'\s+-- .*$', '', line[len('benchdb> '):]), [])
        examples.append(cur)
    elif cur:
        cur[2].append(line)
bad = thirty_run = 0
for n, stmt, out in examples:
    while out and out[-1] == '':
        out.pop()
    if stmt in THIRTY:
        got = subprocess.run([benchdb, '--db', thirty, '-c', stmt], capture_output=True,
                             text=True).stdout.rstrip('\n').split('\n')
        if out != got:
            print('docs/query-language.md:%d: %s: not what the 30-run store gives:\n%s\n---\n%s' %
                  (n, stmt, '\n'.join(out), '\n'.join(got)))
            bad += 1
        thirty_run += 1
        continue
    if stmt in OTHER:
        continue
    if stmt not in gold:
        print('docs/query-language.md:%d: %s: no golden case in tests/queries' % (n, stmt))
        bad += 1
    elif out not in gold[stmt]:
        print('docs/query-language.md:%d: %s: not what tests/queries has:\n%s\n---\n%s' %
              (n, stmt, '\n'.join(out), '\n'.join(gold[stmt][0])))
        bad += 1
print('%d examples, %d wrong, %d of the 30-run store' % (len(examples), bad, thirty_run))
PY
RC=$?
check_rc "the checker ran" 0
check "every example of the golden store shows the golden output" grep -q '^[0-9]* examples, 0 wrong,' "$OUT"
check "the three of the 30-run store ran and show its output" grep -q ', 3 of the 30-run store$' "$OUT"

finish
