#!/usr/bin/env bash
# tests/cli/test_record_commands.sh - benchdb record as a hyperfine user
# benchmarks shell commands (atk38): point names that keep the command as it
# would be retyped, a sweep's points named with their value, standard input
# given to every run.
source "$(dirname "$0")/lib.sh"

DB=$WORK/db

# export_get ID EXPR: EXPR over run ID as export JSON (j).
export_get() {
	"$BENCHDB" --db "$DB" export --format json "$1" |
		python3 -c "import json,sys; j=json.load(sys.stdin); print($2)"
}

# The sorted point names of run ID.
points_of() { export_get "$1" 'sorted({o["point"] for o in j["observations"]})'; }

# 1. A point's name is the command line as a shell would be given it: the
# words were joined by spaces, so `printf '%s\n' 'a b'` (one argument 'a b')
# and `printf '%s\n' a b` (two) were both the point "printf %s\n a b", one
# series for two different commands.
run "$BENCHDB" --db "$DB" record --id q1 --runs 1 -- printf '%s\n' 'a b'
check_rc "record of printf with one argument 'a b' exits 0" 0
check "its point keeps the quotes: $(points_of q1)" \
	test "$(points_of q1)" = "[\"printf '%s\\\\n' 'a b'\"]"
run "$BENCHDB" --db "$DB" record --id q2 --runs 1 -- printf '%s\n' a b
check "with two arguments, another point: $(points_of q2)" \
	test "$(points_of q2)" = "[\"printf '%s\\\\n' a b\"]"
check_out "the statistics name the command as retyped" "Benchmark: printf '%s\n' a b"
# A quote in a word, an empty word, a word a shell would expand.
run "$BENCHDB" --db "$DB" record --id q3 --runs 1 -- sh -c 'exit 0' "it's" '' '$HOME' '*'
check "a quote is '\\'', an empty word '', \$ and * are quoted: $(points_of q3)" \
	test "$(points_of q3)" = "[\"sh -c 'exit 0' 'it'\\\\''s' '' '\$HOME' '*'\"]"
# Words a shell reads as they are stay so: what was stored before is the
# same series (sleep 0.01, ./bench --n=5, a/b:c,d@e+f%, UTF-8).
run "$BENCHDB" --db "$DB" record --id q4 --runs 1 -- sh -c 'exit 0' --n=5 a/b:c,d@e+f% é
check "plain words are not quoted: $(points_of q4)" \
	test "$(points_of q4)" = "[\"sh -c 'exit 0' --n=5 a/b:c,d@e+f% é\"]"
check "the run's command is the same line" \
	test "$(export_get q4 'j["run"]["metadata"]["command"]')" = \
	"sh -c 'exit 0' --n=5 a/b:c,d@e+f% é"
# --shell runs the words joined by spaces: the name is that line.
run "$BENCHDB" --db "$DB" record --id q5 --runs 1 --shell -- 'x=1;' 'exit $((x - 1))'
check "--shell: the line sh -c runs: $(points_of q5)" \
	test "$(points_of q5)" = "['x=1; exit \$((x - 1))']"

# 2. A sweep's points are named with their value, as hyperfine names the
# commands of --parameter-scan and --parameter-list (`sleep 0.01`). Before
# the fix every point kept the placeholder ("sleep {t}" for every value,
# told apart by the tag only). The tag stays; --name takes {NAME} too; a --name without it names
# every point alike (the tag tells them apart) and the title shows the value.
run "$BENCHDB" --db "$DB" record --id s1 --runs 1 -L t '0.01,0.02' -- sleep '{t}'
check_rc "an -L sweep exits 0" 0
check "the points are the commands run: $(points_of s1)" \
	test "$(points_of s1)" = "['sleep 0.01', 'sleep 0.02']"
check_out "the statistics name each command" "Benchmark: sleep 0.02"
check "each is tagged with its value" \
	test "$(export_get s1 'sorted({(o["point"], o["tags"]["t"]) for o in j["observations"]})')" = \
	"[('sleep 0.01', '0.01'), ('sleep 0.02', '0.02')]"
run "$BENCHDB" --db "$DB" record --id s2 --runs 1 -L f 'a b,c' -- sh -c 'exit 0' 'x-{f}'
check "a value with a blank is quoted in the name: $(points_of s2)" \
	test "$(points_of s2)" = "[\"sh -c 'exit 0' 'x-a b'\", \"sh -c 'exit 0' x-c\"]"
run "$BENCHDB" --db "$DB" record --id s3 --runs 1 -P n 1 2 --name 'count-{n}' -- sh -c 'exit 0' '{n}'
check "--name takes {n} too: $(points_of s3)" test "$(points_of s3)" = "['count-1', 'count-2']"
run "$BENCHDB" --db "$DB" record --id s4 --runs 1 -P n 1 2 --name count -- sh -c 'exit 0' '{n}'
check "a --name without {n}: one name, told apart by the tag: $(points_of s4)" \
	test "$(points_of s4)" = "['count']"
check_out "the title shows the value" "Benchmark: count (n=2)"
# Against a baseline, the verdict covers every point of the sweep.
"$BENCHDB" --db "$DB" baseline set main s1 >/dev/null
run "$BENCHDB" --db "$DB" record --id s5 --runs 1 -L t '0.01,0.02' -- sleep '{t}'
check_out "the verdict of a sweep has its points" "sleep 0.02"
check_out "against main" "Against baseline main (percent):"

# 3. Standard input: a pipe reached the first run only (it read the pipe to
# its end, the others read nothing), so `cat data | record -- sort` measured
# one sort of the data and nine of nothing. As hyperfine, each run reads
# /dev/null unless --input FILE gives it FILE from its start; --input -
# reads record's standard input once and gives every run its bytes.
counts() { tr '\n' ' ' <"$WORK/counts"; rm -f "$WORK/counts"; }
printf 'a\nb\nc\n' >"$WORK/three"
printf 'a\nb\nc\n' | "$BENCHDB" --db "$DB" record --id in1 --runs 3 --input - -- \
	sh -c 'wc -l >>"$1"' sh "$WORK/counts" >"$OUT" 2>"$ERR"
RC=$?
check_rc "record --input - of a pipe exits 0" 0
check "--input -: every run read the 3 lines: $(cat "$WORK/counts")" test "$(counts)" = "3 3 3 "
run "$BENCHDB" --db "$DB" record --id in2 --runs 3 --input "$WORK/three" -- \
	sh -c 'wc -l >>"$1"' sh "$WORK/counts"
check_rc "record --input FILE exits 0" 0
check "--input FILE: every run read it from its start: $(cat "$WORK/counts")" test "$(counts)" = "3 3 3 "
run "$BENCHDB" --db "$DB" record --id in3 --runs 2 --input <(printf 'x\ny\n') -- \
	sh -c 'wc -l >>"$1"' sh "$WORK/counts"
check "--input of a pipe's path (<(cmd)): every run read its 2 lines: $(cat "$WORK/counts")" \
	test "$(counts)" = "2 2 "
printf 'a\nb\nc\n' | "$BENCHDB" --db "$DB" record --id in4 --runs 3 -- \
	sh -c 'wc -l >>"$1"' sh "$WORK/counts" >"$OUT" 2>"$ERR"
RC=$?
check_rc "a pipe without --input: record exits 0" 0
check "each run read /dev/null, the first one too: $(cat "$WORK/counts")" test "$(counts)" = "0 0 0 "
check_err "and record says so" "standard input is a pipe: every run reads /dev/null (--input - gives each run what it holds)"
# --input - with a file redirected to record (`record --input - < FILE`) was
# copied as a pipe is: a FILE over 1 GiB was refused with 'more than 1 GiB to
# read again for every run (give a file)', where a file was given, and a
# smaller one was copied whole first. Every run now reads FILE itself, from
# where it was when record started (a shell's read took its first line).
truncate -s 1100M "$WORK/big"
"$BENCHDB" --db "$DB" record --id in6 --runs 2 --input - -- \
	sh -c 'wc -c >>"$1"' sh "$WORK/counts" <"$WORK/big" >"$OUT" 2>"$ERR"
RC=$?
check_rc "--input - < a 1100 MiB file: exit 0" 0
check "every run read it all: $(cat "$WORK/counts")" test "$(counts)" = "1153433600 1153433600 "
{
	read -r first
	"$BENCHDB" --db "$DB" record --id in7 --runs 2 --input - -- \
		sh -c 'wc -l >>"$1"' sh "$WORK/counts" >"$OUT" 2>"$ERR"
} <"$WORK/three"
check "--input - < FILE after a read: every run reads the 2 lines left: $(cat "$WORK/counts")" \
	test "$(counts)" = "2 2 "
rm -f "$WORK/big"
# The copy of --input - was made by tmpfile(), always in /tmp: TMPDIR was
# not read, so a machine whose /tmp is small, read-only or not writable had
# no way out, and the error did not say where the copy went ('cannot keep a
# copy for every run: Permission denied'). It goes to $TMPDIR (else /tmp),
# and the error names the directory.
mkdir "$WORK/tmpdir"
printf 'a\nb\n' | TMPDIR=$WORK/tmpdir "$BENCHDB" --db "$DB" record --id in5 --runs 2 --input - -- \
	sh -c 'wc -l >>"$1"; ls "$2" | wc -l >>"$1"' sh "$WORK/counts" "$WORK/tmpdir" >"$OUT" 2>"$ERR"
RC=$?
check_rc "--input - with TMPDIR set: exit 0" 0
check "every run read the 2 lines, and the copy in TMPDIR is unlinked: $(cat "$WORK/counts")" \
	test "$(counts)" = "2 0 2 0 "
printf 'a\n' | TMPDIR=$WORK/no-such-dir "$BENCHDB" --db "$DB" record --runs 1 --input - -- true \
	>"$OUT" 2>"$ERR"
RC=$?
check_rc "--input - with a TMPDIR that is not there: exit 3" 3
check_err "it names the directory and TMPDIR" \
	"record: --input -: cannot keep a copy for every run in $WORK/no-such-dir (TMPDIR): No such file or directory"
run "$BENCHDB" --db "$WORK/none" record --runs 1 --input "$WORK/missing" -- true
check_rc "--input of a file that is not there: exit 3" 3
check_err "it names the file" "record: --input $WORK/missing: No such file or directory"
check "no store was made" test ! -e "$WORK/none"

# 4. max_rss is the command's own: a forked process starts with its
# parent's memory mapped, and wait4's ru_maxrss keeps that peak across exec,
# so a command smaller than record's forked copy (about 1 MiB: its heap, its
# libraries' data, the pages the child touched before exec) measured record.
# Each run is now started by a fresh benchdb, whose copy is smaller (0.5 to
# 0.8 MiB here; a command's own peak, 1 MiB for `true`, is above it).
# rss_probe KIB, static, touches KIB KiB. Its peak as a whole moves between
# runs by up to about 150 KiB with the machine's state (the probe of 512 KiB
# read 1000 KiB one run and 1144 KiB another, under load, record and
# `rss_probe launch` alike; the pages of the program mapped count), so an
# absolute size is no test. What touching KIB more adds does not move: the
# test is the difference between a probe of 384 KiB (about 870 to 1020 KiB
# in all, above the fresh benchdb's 0.5 to 0.8 MiB) and one of 896. With
# record's own copy counted (1044 to 1180 KiB, above the small probe) the
# 512 KiB more read 380 KiB more (1148 and 1528 KiB, the binary before the
# fix); the command's own peak reads 512 KiB more.
PROBE=$ROOT/${BENCHDB_BUILD:-build}/tools/rss_probe
rss_samples() { export_get "$1" '" ".join(str(int(x) // 1024) for o in j["observations"] if o["metric"] == "max_rss" for x in o["samples"])'; }
rss_median() { export_get "$1" 'sorted(int(x) // 1024 for o in j["observations"] if o["metric"] == "max_rss" for x in o["samples"])[2]'; }
if [ "${BENCHDB_SANITIZED:-0}" = 1 ]; then
	pass "max_rss of a small command: skipped (a sanitized benchdb is much larger)"
else
	run "$BENCHDB" --db "$DB" record --id rss0 --runs 5 -- "$PROBE" 384
	check_rc "record of the probe exits 0" 0
	run "$BENCHDB" --db "$DB" record --id rss1 --runs 5 -- "$PROBE" 896
	check_rc "record of the larger probe exits 0" 0
	small=$(rss_median rss0) large=$(rss_median rss1)
	check "512 KiB more is 512 KiB more, the command's own peak: $(rss_samples rss0) and $(rss_samples rss1) KiB" \
		test $((large - small - 512)) -ge -48 -a $((large - small - 512)) -le 48
fi

# 5. An option whose value was forgotten took the `--` that starts CMD as its
# value: `record --name -- sleep 0.01` stored the point "--" (exit 0), and
# `--id --`, `--baseline --` likewise. A usage error now, before any run.
for opt in --name --id --baseline --commit; do
	run "$BENCHDB" --db "$WORK/forgot" record --runs 1 "$opt" -- sleep 0.01
	check_rc "record $opt -- CMD: a usage error" 2
	check_err "it says the value is missing" "record: $opt: expected its value before '--'"
done
check "no store was made" test ! -e "$WORK/forgot"

# 6. Messages that name the command. The point's name keeps a shell's
# quotes, and the messages put it in quotes again: 'sh -c 'exit 3 '\''x'\'''
# exited ..., where no reader can tell which quote ends what. A name with a
# quote of its own is now given as it is, a plain one stays in quotes.
run "$BENCHDB" --db "$WORK/msgs" record --runs 1 -- sh -c "exit 3 'x'"
check_rc "a command with quotes that exits 3: exit 3" 3
check_err "the message gives the command line once, as retyped" \
	"benchdb: error: record: sh -c 'exit 3 '\''x'\''' exited with status 3 in run 1; nothing stored"
run "$BENCHDB" --db "$WORK/msgs" record --runs 1 -- false
check_err "a plain name stays in quotes" "record: 'false' exited with status 1 in run 1"
# A long name was cut at 511 bytes for the statistics and the messages, in
# the middle of a UTF-8 character when one straddled the cut (invalid UTF-8
# on the terminal, in a CI log); it is shown whole now.
long="x$(printf 'é%.0s' $(seq 300))"
run "$BENCHDB" --db "$WORK/msgs" record --runs 1 -- echo "$long"
check_rc "a 602-byte command line: exit 0" 0
check_out "the statistics name it whole" "Benchmark: echo $long"
run "$BENCHDB" --db "$WORK/msgs" record --runs 1 -- sh -c 'exit 4' "$long"
check_err "the message names it whole" "record: sh -c 'exit 4' $long exited with status 4 in run 1"
check "the messages are UTF-8" iconv -f UTF-8 -t UTF-8 "$ERR" -o /dev/null

# 7. hyperfine's several commands, `hyperfine 'sleep 0.01' 'sleep 0.02'`:
# record --shell joined them into one line, `sleep 0.01 sleep 0.02`, and
# measured that (sleep: invalid time interval, exit 1, or a sum of both for
# commands that take more words); without --shell the first named a program
# 'sleep 0.01' (exit 127) and the hint for a command line in one argument was
# not given. Every word with a blank and more than one: refused before any
# run (exit 2), saying that record measures one command.
several="record: each word after -- has a blank, as hyperfine's several commands ('sleep 0.01' 'sleep 0.02'): record measures one command; record each on its own, or sweep them (-L NAME A,B with {NAME} in CMD)"
run "$BENCHDB" --db "$WORK/several" record --runs 1 --shell -- 'sleep 0.01' 'sleep 0.02'
check_rc "--shell with two command lines: exit 2" 2
check_err "it says record measures one command" "$several"
run "$BENCHDB" --db "$WORK/several" record --runs 1 -- 'sleep 0.01' 'sleep 0.02'
check_rc "two command lines without --shell: exit 2" 2
check_err "likewise" "$several"
check "no store was made" test ! -e "$WORK/several"
# A program whose path has a blank, given an argument with one, is one command.
mkdir -p "$WORK/my dir"
printf '#!/bin/sh\nexit 0\n' >"$WORK/my dir/bench"
chmod +x "$WORK/my dir/bench"
run "$BENCHDB" --db "$WORK/several" record --runs 1 -- "$WORK/my dir/bench" "a b"
check_rc "a program path with a blank and an argument with one: exit 0" 0
# One line split into words with a shell's operators between is one command.
run "$BENCHDB" --db "$WORK/several" record --runs 1 --shell -- 'true 1' '&&' 'true 2'
check_rc "--shell -- 'true 1' '&&' 'true 2': exit 0" 0
check_out "it is one command line" "Benchmark: true 1 && true 2"

finish
