#!/usr/bin/env bash
# tests/cli/test_import_hostile.sh - import-gab, import-asv and
# import-benchkit as a migrating user meets them: real histories
# (tests/realdata) rewritten the way tools rewrite JSON, imported again,
# into stores that already hold runs.
. "$(dirname "$0")/lib.sh"
REAL=$ROOT/tests/realdata
GAB=$REAL/gab

# runs DB: the number of runs in store DB.
runs() { "$BENCHDB" --db "$1" -c 'show runs as csv' | tail -n +2 | grep -c '^'; }

# --- a data.js whose keys are sorted (jq -S, json.dump(sort_keys=True)) ---
# The JSON form of jox's history with its keys sorted puts "entries" first
# and "lastUpdate"/"repoUrl" after 400 KB of entries: import-gab refused it
# ("is not a github-action-benchmark history: expected ... "entries" with
# "lastUpdate" or "repoUrl" in its first 4 KiB)", and ingest did not know it.
python3 - "$GAB/softwaremill__jox.data.js" "$WORK/jox-sorted.json" "$WORK/jox-sorted.data.js" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
doc = json.loads(text[text.index("=") + 1:])
json.dump(doc, open(sys.argv[2], "w"), sort_keys=True)
with open(sys.argv[3], "w") as f:
    f.write("window.BENCHMARK_DATA = " + json.dumps(doc, indent=2, sort_keys=True) + "\n")
EOF
run "$BENCHDB" --db "$WORK/sorted" import-gab "$WORK/jox-sorted.json"
check_rc "sorted keys: import-gab of the JSON imports it" 0
check_out "  all 47 entries" "Imported 47 run(s) from 47 entries"
run "$BENCHDB" --db "$WORK/sorted" import-gab "$GAB/softwaremill__jox.data.js"
check_out "  the action's own file is the same 47 runs" \
	"Imported 0 run(s) from 47 entries of $GAB/softwaremill__jox.data.js (47 unchanged"
run "$BENCHDB" --db "$WORK/sorted" import-gab "$WORK/jox-sorted.data.js"
check_out "  and so is the sorted data.js (jq -S's layout)" "(47 unchanged"
run "$BENCHDB" --db "$WORK/sorted-ingest" ingest "$WORK/jox-sorted.json"
check_rc "sorted keys: ingest knows the JSON for a history" 0
check_out "  and imports it" "Imported 47 run(s) from 47 entries"
# ... but a run that only mentions both words is no history.
printf '%s\n' '{"id": "r0", "timestamp": "2026-01-01T00:00:00Z", "metadata": {"entries": "3"},' \
	' "points": [{"name": "benches", "metrics": {"time": {"value": 1, "unit": "s"}}}]}' >"$WORK/words.json"
run "$BENCHDB" --db "$WORK/words" ingest "$WORK/words.json"
check_rc "a benchkit run with \"entries\" and \"benches\" in it ingests as a run" 0
check_out "  one run" "Ingested run r0 (1 point, 1 metric)"

# --- asv: what a result file says about the code and the machine ---
# A result file holds each benchmark's code version (v2: the "version"
# column; v1: "benchmark_version"), when each was started ("started_at",
# ms) and the machine as it was then ("params"). import-asv kept none of
# them: a changed benchmark (kedro's SessionTimeSuite, new code at
# 1c14a5db) was a step with nothing to tell it from a regression, and every
# run took today's machine.json.
ASV=$REAL/asv/kedro-org__kedro-benchmark-results/.asv/results
run "$BENCHDB" --db "$WORK/kedro" import-asv "$ASV"
check_rc "asv: kedro imports" 0
# The runs of 59c72859 and of 1c14a5db, the next commit (asv-5b1c65949e7248f5
# and asv-e18967031e20a1f2); the versions as the files' version column has them.
run "$BENCHDB" --db "$WORK/kedro" export --format json asv-5b1c65949e7248f5
check_out "asv: the benchmark's code version is metadata version:NAME" \
	'"version:benchmark_session.SessionTimeSuite.time_session_startup_only": "44d6371afc715eee65810736f8b9f384ce86092c1e7988ad3aee0248a2849b85"'
run "$BENCHDB" --db "$WORK/kedro" export --format json asv-e18967031e20a1f2
check_out "asv: ... and the new code's at 1c14a5db" \
	'"version:benchmark_session.SessionTimeSuite.time_session_startup_only": "1291001401067bbf432000949d1136ebf7f75313b829a0ae0ff789ab340cc623"'
# The earliest started_at of the file, 1783333239905 ms (Python:
# datetime.fromtimestamp(1783333239.905, timezone.utc)).
check_out "asv: when asv ran is metadata recorded_at" '"recorded_at": "2026-07-06T10:20:39.905000Z"'
check_out "asv: the commit is the file's commit_hash" \
	'"commit": "1c14a5db7c59341e4a254005da270e7f75281b97"'
# Format version 1 (fast-histogram): benchmark_version and started_at are
# objects; machine.json is today's (the OS upgraded since), the file's
# params the machine it ran on.
FH=$WORK/fh
mkdir -p "$FH"
cp -r "$REAL/asv/astrofrog__fast-histogram.excerpt/results" "$FH/"
sed -i 's/"os": "Ubuntu 16.04.3 LTS"/"os": "Ubuntu 18.04.1 LTS"/' "$FH/results/oneesk/machine.json"
run "$BENCHDB" --db "$WORK/fhdb" import-asv "$FH/results"
check_rc "asv v1: fast-histogram imports" 0
run "$BENCHDB" --db "$WORK/fhdb" export --format json latest
check_out "asv v1: benchmark_version is metadata version:NAME" \
	'"version:benchmarks.Histogram1D.time_histogram1d": "e671e48b4a56eddab60af10f82912a1cba894468a35436c61fadd8f0a42c42ce"'
check_out "asv v1: started_at (1532047569000 ms) is recorded_at" \
	'"recorded_at": "2018-07-20T00:46:09Z"'
check_out "asv v1: the environment is the machine the file ran on (params), not today's" \
	'"os": "Ubuntu 16.04.3 LTS"'
check_out "asv v1: machine.json's other keys stay" '"cpu": "Intel(R) Celeron(R) CPU N3450 @ 1.10GHz"'
check "asv v1: the requirements in params are not the environment" \
	test "$(grep -c '"numpy": "1.14"' "$OUT")" -eq 0
check_out "asv v1: they stay metadata requirements.NAME" '"requirements.numpy": "1.14"'

# --- nested keys flattened into one: two source keys, one key ---
# benchdb joins nested keys with '.', so {"a.b": 1, "a": {"b": 2}} made
# metadata a.b twice and the second overwrote the first without a word
# (stored: a.b = 2). Each such pair is now refused at the second, naming
# both, and nothing is stored.
printf '%s\n' '{"id": "r1", "timestamp": "2026-01-01T00:00:00Z", "commit": "c1",' \
	' "metadata": {"build.id": "7", "build": {"id": "8"}},' \
	' "points": [{"name": "p", "metrics": {"time": {"value": 1, "unit": "s"}}}]}' >"$WORK/clash-meta.json"
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-meta.json"
check_rc "benchkit metadata: two keys making one exit 3" 3
check_err "  at the second, naming both" \
	"clash-meta.json:2:48: metadata key \"build.id\" comes from two keys, [\"build.id\"] and [\"build\"][\"id\"]: nested keys are joined with '.'; rename one"
check "  and nothing is stored" test ! -e "$WORK/clash/data.mdb"
printf '%s\n' '{"id": "r2", "timestamp": "2026-01-01T00:00:00Z", "commit": "c1",' \
	' "environment": {"cpu": {"count": 4}, "cpu.count": 8},' \
	' "points": [{"name": "p", "metrics": {"time": {"value": 1, "unit": "s"}}}]}' >"$WORK/clash-env.json"
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-env.json"
check_rc "benchkit environment: the same, exit 3" 3
check_err "  said as an environment key" \
	"clash-env.json:2:52: environment key \"cpu.count\" comes from two keys, [\"cpu\"][\"count\"] and [\"cpu.count\"]"
# pytest-benchmark: machine_info (the environment) and params (tags).
python3 - "$ROOT/tests/fixtures/pytest_benchmark.json" "$WORK" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
m = dict(doc["machine_info"])
m["cpu"] = {"brand_raw": "Intel"}  # the fixture has "cpu" first
m["cpu.brand_raw"] = "other"
doc["machine_info"] = m
json.dump(doc, open(sys.argv[2] + "/clash-machine.json", "w"), indent=1)
doc = json.load(open(sys.argv[1]))
doc["benchmarks"][0]["params"] = {"size.n": 1, "size": {"n": 2}}
json.dump(doc, open(sys.argv[2] + "/clash-params.json", "w"), indent=1)
PY
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-machine.json"
check_rc "pytest machine_info: two keys making one exit 3" 3
check_err "  named" "environment key \"cpu.brand_raw\" comes from two keys, [\"cpu\"][\"brand_raw\"] and [\"cpu.brand_raw\"]"
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-params.json"
check_rc "pytest params: two keys making one tag exit 3" 3
check_err "  named" "tag \"size.n\" comes from two keys, [\"size.n\"] and [\"size\"][\"n\"]"
# Across the keys of gbench's context, each flattened on its own, and of
# pytest's commit_info.
python3 - "$ROOT/tests/fixtures" "$WORK" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1] + "/gbench_plain.json"))
doc["context"]["library"] = {"version": "1.8"}
doc["context"]["library.version"] = "1.9"
json.dump(doc, open(sys.argv[2] + "/clash-gbench.json", "w"), indent=1)
doc = json.load(open(sys.argv[1] + "/pytest_benchmark.json"))
doc["commit_info"]["dirty.files"] = 2
doc["commit_info"]["dirty"] = {"files": 3}
json.dump(doc, open(sys.argv[2] + "/clash-commit.json", "w"), indent=1)
PY
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-gbench.json"
check_rc "gbench context: two keys making one exit 3" 3
check_err "  named" "environment key \"library.version\" comes from two keys, [\"library\"][\"version\"] and [\"library.version\"]"
check_err "  with its position" "clash-gbench.json:"
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/clash-commit.json"
check_rc "pytest commit_info: two keys making one exit 3" 3
check_err "  named, at the second (the fixture has \"dirty\" first)" \
	"clash-commit.json:31:18: metadata key \"commit_info.dirty.files\" comes from two keys, [\"dirty\"][\"files\"] and [\"dirty.files\"]"
check "  and still nothing is stored" test ! -e "$WORK/clash/data.mdb"
printf '%s\n' '{"id": "r3", "timestamp": "2026-01-01T00:00:00Z", "commit": "c1",' \
	' "metadata": {"build": {"id": "8", "host": "ci"}, "build.url": "u"},' \
	' "points": [{"name": "p", "metrics": {"time": {"value": 1, "unit": "s"}}}]}' >"$WORK/noclash.json"
run "$BENCHDB" --db "$WORK/clash" ingest "$WORK/noclash.json"
check_rc "keys that join to different keys are fine" 0
run "$BENCHDB" --db "$WORK/clash" export --format json r3
check_out "  build.id" '"build.id": "8"'
check_out "  build.url" '"build.url": "u"'

# --- asv: a result file with no result left (every benchmark failed) ---
# A build that fails makes asv write every result null: import-asv stored
# it as a run of 0 points, the newest run of its commit ('show runs' 0,0),
# which check and 'baseline set main latest' then took. It is left out and
# counted, as import-gab does with an entry with no result.
NORES=$WORK/nores
cp -r "$ASV" "$NORES"
python3 - "$NORES/github-actions/d58a0b14-virtualenv-py3.11-kedro-datasets[pandas].json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for row in d["results"].values():
    row[0] = None
json.dump(d, open(sys.argv[1], "w"))
PY
run "$BENCHDB" --db "$WORK/noresdb" import-asv "$NORES"
check_rc "asv: a result file with every result failed imports the others" 0
check_out "  it makes no run, and the summary says so" \
	"Imported 99 run(s) from 100 result files of $NORES (0 unchanged, 0 replaced, 1 with no result left out)"
run "$BENCHDB" --db "$WORK/noresdb" -c 'show runs as csv'
check "  no run of 0 points (CSV lines end in CRLF)" test "$(tr -d '\r' <"$OUT" | grep -c ',0,0$')" -eq 0

ONLY=$WORK/onlyfailed
mkdir -p "$ONLY/github-actions"
cp "$ASV/benchmarks.json" "$ONLY/"
cp "$NORES/github-actions/machine.json" "$NORES/github-actions/d58a0b14-"*.json "$ONLY/github-actions/"
run "$BENCHDB" --db "$WORK/onlyfaileddb" import-asv "$ONLY"
check_rc "asv: only such a file: exit 3" 3
check_err "  saying why (it stored a run of 0 points)" \
	"onlyfailed: no benchmark results found: its 1 result file(s) hold none (every benchmark failed, or none ran); the first: $ONLY/github-actions/d58a0b14-virtualenv-py3.11-kedro-datasets[pandas].json:1:571: \"benchmark_datacatalog.TimeDataCatalog.time_contains\" failed (null result) in combination 1"
check "  and no store is made" test ! -e "$WORK/onlyfaileddb/data.mdb"

# --- gab: the free text of a name given more than once ---
# go with -count=3 gives the action one result per repeat, each with its
# own "extra" (iterations): they are samples of one point, and each set
# metadata extra:NAME over the one before, so only the last was kept.
printf '%s\n' 'window.BENCHMARK_DATA = {"lastUpdate": 1, "repoUrl": "r", "entries": {"Go": [' \
	'{"commit": {"id": "c1", "timestamp": "2024-01-01T00:00:00Z"}, "date": 1704067200000, "tool": "go", "benches": [' \
	'{"name": "BenchmarkX", "value": 100, "unit": "ns/op", "extra": "1000 times\n4 procs"},' \
	'{"name": "BenchmarkX", "value": 110, "unit": "ns/op", "extra": "2000 times\n4 procs"},' \
	'{"name": "BenchmarkX", "value": 105, "unit": "ns/op", "extra": "1000 times\n4 procs"},' \
	'{"name": "BenchmarkY", "value": 7, "unit": "ns/op", "extra": "9 times\n4 procs"},' \
	'{"name": "BenchmarkY", "value": 8, "unit": "ns/op", "extra": "9 times\n4 procs"}]}]}}' \
	>"$WORK/repeats.data.js"
run "$BENCHDB" --db "$WORK/repeats" import-gab "$WORK/repeats.data.js"
check_rc "gab: a name repeated with its own extra each imports" 0
run "$BENCHDB" --db "$WORK/repeats" export --format json latest
check_out "  the texts that differ are kept, in order, as a JSON array" \
	'"extra:BenchmarkX": "[\"1000 times\\n4 procs\",\"2000 times\\n4 procs\",\"1000 times\\n4 procs\"]"'
check_out "  the same text each time stays one text" '"extra:BenchmarkY": "9 times\n4 procs"'

# --- gab: an entry edited since it was imported ---
# The error said data.js:1:1 for whichever entry it was: it points at the
# entry (jox's entry of a92a1717 starts at 642:7; its value 184.986...
# made 185.986... on line 726).
sed 's/"value": 184/"value": 185/' "$GAB/softwaremill__jox.data.js" >"$WORK/edited.data.js"
run "$BENCHDB" --db "$WORK/sorted" import-gab "$WORK/edited.data.js"
check_rc "gab: an edited entry is a different run, exit 3" 3
check_err "  at its entry" \
	"edited.data.js:642:7: the store already holds a different run \"gab-4e79698776f7a437\" (first difference: point \"com.softwaremill.jox.RendezvousBenchmark.channel_iterative\": metric \"time\": value (stored 184.98629408484845, new 185.98629408484845)); replace it to import this one"

# --- asv: a commit run again rewrites its result file ---
# asv run on a commit it has results for writes that commit's file anew
# (a CI job run again): the CI step 'import-asv .asv/results' then exits 3.
# migrating.md said only new files are stored; it says to give --replace.
# The difference said "new 0.00029999999999999997" for the file's 0.0003:
# values are said in their shortest text.
RERUN=$WORK/rerun
cp -r "$ASV" "$RERUN"
run "$BENCHDB" --db "$WORK/rerundb" import-asv "$RERUN"
python3 - "$RERUN/github-actions/d58a0b14-virtualenv-py3.11-kedro-datasets[pandas].json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["results"]["benchmark_datacatalog.TimeDataCatalog.time_contains"][0] = [0.0003]
json.dump(d, open(sys.argv[1], "w"))
PY
run "$BENCHDB" --db "$WORK/rerundb" import-asv "$RERUN"
check_rc "asv: a result file written anew is a different run: exit 3" 3
check_err "  the values in their shortest text" \
	'metric "time": value (stored 0.00026256449999806364, new 0.0003)); replace it to import this one'
run "$BENCHDB" --db "$WORK/rerundb" import-asv --replace "$RERUN"
check_rc "  import-asv --replace takes the new file" 0
check_out "  replacing that run alone" "Imported 0 run(s) from 100 result files of $RERUN (99 unchanged, 1 replaced)"
check "migrating.md gives --replace in asv's CI step" \
	grep -qF 'benchdb import-asv --replace .asv/results && benchdb check' "$ROOT/docs/migrating.md"

# --- asv in CI: the commit asv ran is not the newest by date ---
# A run's time is its commit's date, and plain 'check' judges the newest
# run. A pull request's commit dated before main's newest (branched earlier,
# not rebased) was not the run judged: migrating.md's step 'import-asv
# --replace .asv/results && benchdb check' after the baseline was set on
# main's newest said 'nothing to judge: run asv-34581061697b7666 is its own
# base' (exit 3), and the pull request's results, twice as slow, were never
# judged (with a newer main run than the baseline, that one was judged and
# the pull request passed). The step now names the commit asv ran.
PR=$WORK/pr
cp -r "$ASV" "$PR"
run "$BENCHDB" --db "$WORK/prdb" import-asv "$PR"
run "$BENCHDB" --db "$WORK/prdb" baseline set main latest
check_out "asv CI: the baseline on main's newest commit, d58a0b14" "Baseline set to run asv-34581061697b7666"
python3 - "$PR/github-actions" <<'PY'
import json, sys
d = json.load(open(sys.argv[1] + "/5608cd79-virtualenv-py3.11-kedro-datasets[pandas].json"))
d["commit_hash"] = "feedbeef" + "0" * 32
d["date"] -= 3 * 86400000  # its commit three days older than 5608cd79
t = d["results"]["benchmark_datacatalog.TimeDataCatalog.time_contains"]
t[0] = [t[0][0] * 2]
json.dump(d, open(sys.argv[1] + "/feedbeef-virtualenv-py3.11-kedro-datasets[pandas].json", "w"))
PY
run "$BENCHDB" --db "$WORK/prdb" import-asv --replace "$PR"
check_out "  the pull request's result file imports" "(100 unchanged, 0 replaced)"
run "$BENCHDB" --db "$WORK/prdb" check
check_rc "  plain check judges the newest run by date, the baseline itself: exit 3" 3
step=$(grep -o 'benchdb check --commit "$(git rev-parse HEAD)"' "$ROOT/docs/migrating.md" | head -1)
check "  migrating.md's asv CI step names the commit asv ran" test -n "$step"
run "$BENCHDB" --db "$WORK/prdb" check --commit "feedbeef$(printf '0%.0s' {1..32})"
check_rc "  that check judges the pull request's run: exit 1" 1
check_out "  against the baseline" "(commit feedbeef00) against asv-34581061697b7666 (commit d58a0b1402)"
check_out "  its time_contains twice 5608cd79's" \
	"benchmark_datacatalog.TimeDataCatalog.time_contains [env=virtualenv-py3.11-kedro-datasets[pandas],machine=github-actions] time: 0.0002626 → 0.0003672 (+39.8%)"

# --- gab: migrating.md's first step, in a fresh clone ---
# 'git show gh-pages:dev/bench/data.js > data.js' fails in a clone, whose
# only local branch is the default one ("fatal: invalid object name
# 'gh-pages'"), and the redirection leaves an empty data.js, which
# import-gab called 'not a github-action-benchmark history: expected
# "window.BENCHMARK_DATA = {...}" ...'. The step now fetches the branch;
# an empty file says it is empty, and why it may be.
G=$WORK/gitrepo
git init -q -b main "$G/origin"
git -C "$G/origin" -c user.email=a@b -c user.name=a commit -q --allow-empty -m init
git -C "$G/origin" checkout -q -b gh-pages
mkdir -p "$G/origin/dev/bench"
cp "$GAB/kurkle__color.data.js" "$G/origin/dev/bench/data.js"
git -C "$G/origin" add dev
git -C "$G/origin" -c user.email=a@b -c user.name=a commit -q -m pages
git -C "$G/origin" checkout -q main
git clone -q "$G/origin" "$G/clone"
step=$(sed -n '/^## github-action-benchmark/,/^```$/p' "$ROOT/docs/migrating.md" | grep -m1 '^git ')
(cd "$G/clone" && sh -c "$step") 2>"$ERR"
check "gab: migrating.md's git step writes data.js in a fresh clone ($step)" \
	cmp -s "$G/clone/data.js" "$GAB/kurkle__color.data.js"
: >"$G/empty.data.js"
run "$BENCHDB" --db "$G/db" import-gab "$G/empty.data.js"
check_rc "gab: an empty data.js: exit 3" 3
check_err "  it says it is empty, and what may have emptied it" \
	"$G/empty.data.js:1:1: the input is empty: expected a github-action-benchmark history (a '> data.js' whose command failed leaves an empty file: in a clone, fetch the branch first, git fetch origin gh-pages)"
check "  nothing stored" test ! -e "$G/db"

# --- pytest-benchmark: the project directory, whose .benchmarks is hidden ---
# 'ingest PROJECT' skips hidden entries, so the real glitchygames project
# said only "the directory holds no result files and no Criterion tree".
run "$BENCHDB" --db "$WORK/pyproj" ingest "$REAL/pytest/terrysimons__glitchygames"
check_rc "pytest: a project whose results are in .benchmarks: exit 3" 3
check_err "  it names the hidden directory to give" \
	"$REAL/pytest/terrysimons__glitchygames: the directory holds no result files and no Criterion tree; hidden entries are skipped: give $REAL/pytest/terrysimons__glitchygames/.benchmarks by name to read it"

# --- gab: a large history with sorted keys reads entry by entry ---
# "repoUrl" after the entries sent the import to the whole-document path,
# which holds every entry's tree at once: an 8 MB history (1500 entries of
# 100 results) needed 300 MB of address space sorted and 220 MB in the
# action's order. The runs read get the repo once the scan has it. The
# test finds the smallest limit (20 MB steps) at which the action's order
# imports and gives the sorted file one step more.
if [ "${BENCHDB_SANITIZED:-0}" = 1 ]; then
	echo "# skipped: a sanitized benchdb cannot run under ulimit -v"
else
	python3 - "$WORK" <<'PY'
import json, sys
entries = [{"commit": {"id": "%040x" % i, "timestamp": "2024-01-01T00:00:00Z"},
            "date": 1704067200000 + i * 1000, "tool": "cargo",
            "benches": [{"name": "bench_%d" % j, "value": 100 + j + i % 7, "unit": "ns/iter"}
                        for j in range(100)]} for i in range(1500)]
doc = {"lastUpdate": 1, "repoUrl": "https://github.com/o/r", "entries": {"S": entries}}
open(sys.argv[1] + "/mid.data.js", "w").write("window.BENCHMARK_DATA = " + json.dumps(doc))
json.dump(doc, open(sys.argv[1] + "/midsorted.json", "w"), sort_keys=True)
PY
	limited() { # MB FILE
		rm -rf "$WORK/mid"
		bash -c "ulimit -v $(($1 * 1024)) && exec \"\$0\" --db \"\$1\" import-gab \"\$2\"" \
			"$BENCHDB" "$WORK/mid" "$2" >/dev/null 2>&1
	}
	least=0
	for ((mb = 100; mb <= 1000; mb += 20)); do
		if limited "$mb" "$WORK/mid.data.js"; then least=$mb; break; fi
	done
	check "gab: the 8 MB history imports under some limit" test "$least" -gt 0
	limited $((least + 20)) "$WORK/midsorted.json"
	check "  sorted, it imports with 20 MB more than the action's order needs ($least MB)" \
		test $? -eq 0
	run "$BENCHDB" --db "$WORK/mid" import-gab "$WORK/mid.data.js"
	check_out "  as the same runs, the repo included" \
		"Imported 0 run(s) from 1500 entries of $WORK/mid.data.js (1500 unchanged"
fi

finish
