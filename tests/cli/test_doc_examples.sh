#!/usr/bin/env bash
# tests/cli/test_doc_examples.sh - the examples of docs/query-language.md
# show what the statements print. Each `benchdb> STATEMENT` of a code block
# there, with the lines under it, is a golden case of tests/queries/*.test
# (the store of tests/unit/helpers/query_store.h), and its output must be
# that case's: the doc showed a `trend ... vs baseline` with raw numbers and
# columns the table leaves out, and `regressions using zscore` with p-values
# 0 that the table prints as `< 2.2e-308`. The examples of other stores (the
# 30-run `changes` store, a retention policy, a chart) are listed below and
# left out.
. "$(dirname "$0")/lib.sh"

python3 - "$ROOT" >"$OUT" 2>"$ERR" <<'PY'
import glob, re, sys
root = sys.argv[1]
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
bad = 0
for n, stmt, out in examples:
    while out and out[-1] == '':
        out.pop()
    if stmt in OTHER:
        continue
    if stmt not in gold:
        print('docs/query-language.md:%d: %s: no golden case in tests/queries' % (n, stmt))
        bad += 1
    elif out not in gold[stmt]:
        print('docs/query-language.md:%d: %s: not what tests/queries has:\n%s\n---\n%s' %
              (n, stmt, '\n'.join(out), '\n'.join(gold[stmt][0])))
        bad += 1
print('%d examples, %d wrong' % (len(examples), bad))
PY
RC=$?
check_rc "the checker ran" 0
check "every example of the golden store shows the golden output" grep -q '^[0-9]* examples, 0 wrong$' "$OUT"

finish
