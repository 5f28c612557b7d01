#!/usr/bin/env bash
# tests/cli/test_man_page.sh - docs/benchdb.1 renders without a warning and
# lists every subcommand and every option that the --help texts list (a
# reader of `man benchdb` finds what `benchdb CMD --help` offers), and names
# no option that no --help has. groff comes from groff-base (DEB_PKGS).
. "$(dirname "$0")/lib.sh"
MAN=$ROOT/docs/benchdb.1

run groff -man -Tutf8 -ww "$MAN"
check_rc "groff renders the man page" 0
check "without a warning (-ww)" test ! -s "$ERR"
check_out "its NAME section" "benchdb - an embedded time-series database for benchmark results"

# The page's text with groff's escapes for '-' and fonts taken out.
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$MAN" >"$WORK/man.txt"

# Every subcommand of benchdb --help is named in bold on the page.
subs=$("$BENCHDB" --help | sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z|-]*\).*/\1/p' | tr '|' '\n' | sort -u)
check "benchdb --help lists 29 subcommands" test "$(echo "$subs" | wc -l)" -eq 29
missing=""
for s in $subs; do
	grep -qE "\\\\fB${s//-/\\\\-}\\\\fR" "$MAN" || missing="$missing $s"
done
check "every subcommand is on the man page (missing:$missing)" test -z "$missing"

# Every long option of every --help is on the page.
missing=""
for s in "" $subs; do
	for o in $("$BENCHDB" $s --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		grep -qE -- "$o([^a-z0-9-]|$)" "$WORK/man.txt" || missing="$missing ${s:-benchdb}:$o"
	done
done
check "every option of every --help is on the man page (missing:$missing)" test -z "$missing"

# And the page names no option that no --help has.
{ "$BENCHDB" --help; for s in $subs; do "$BENCHDB" "$s" --help; done; } |
	grep -oE -- '--[a-z][a-z0-9-]*' | sort -u >"$WORK/help.opts"
grep -oE -- '--[a-z][a-z0-9-]*' "$WORK/man.txt" | sort -u >"$WORK/man.opts"
extra=$(comm -13 "$WORK/help.opts" "$WORK/man.opts" | tr '\n' ' ')
check "the man page has no option that no --help has (extra: $extra)" test -z "$extra"
check "it names more than 60 options" test "$(wc -l <"$WORK/man.opts")" -gt 60

# docs/cli.md, the page a reader of the docs has, lists them too: its
# ingest and push lines had -q and not -q|--quiet. (It names more: other
# tools' options and the examples of mistyped ones.)
missing=""
for s in "" $subs; do
	grep -qE "(benchdb|\`|\|) $s( |\`|$)|\`$s( |\`)" "$ROOT/docs/cli.md" || missing="$missing $s"
	for o in $("$BENCHDB" $s --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
		grep -qE -- "$o([^a-z0-9-]|$)" "$ROOT/docs/cli.md" || missing="$missing ${s:-benchdb}:$o"
	done
done
check "docs/cli.md has every subcommand and option of every --help (missing:$missing)" test -z "$missing"

# Every option a --help lists is one its command takes: given alone (its
# value missing, no store) it is no unknown option and no crash. `ingest
# --db`, `retain --db`, `drop-run --db` ... (the --db of a subcommand with no
# value after it) crashed, exit 139: the missing value was taken as the store's
# directory. The options the texts name in passing are left out: check's
# `--server` (before the word), query's and trend's `-c`, ingest's `--json`
# (with --list-formats), import-gab's `--against-branch` (check's) and
# drop-run's `--id` (ingest's).
prose=" check:--server query:-c trend:-c ingest:--json import-gab:--against-branch drop-run:--id record:--record-run-helper "
unknown="" crashed=""
for s in $subs; do
	for o in $("$BENCHDB" $s --help | grep -oE -- '(^|[ [,(|])--?[a-zA-Z][a-z0-9-]*' | sed 's/^[ [,(|]//' | sort -u); do
		case $prose in *" $s:$o "*) continue ;; esac
		# serve and record would serve or wait: give them no chance.
		run timeout 10 "$BENCHDB" --db "$WORK/nostore" "$s" "$o"
		[ "$RC" -le 4 ] || crashed="$crashed $s:$o($RC)"
		grep -q "unknown option" "$ERR" && unknown="$unknown $s:$o"
	done
done
check "every option of every subcommand's --help is known to it (unknown:$unknown)" test -z "$unknown"
check "and none given without its value crashes (exit:$crashed)" test -z "$crashed"
check "the store was not created" test ! -e "$WORK/nostore"

# The QUERY LANGUAGE section shows each statement as .help does (the show
# statements aside, which it writes as one line): its summary lacked `of`
# and `where`, and its trend a stray second `[vs RUN] [threshold P%]`.
ql=$(sed -n '/^\.SH QUERY LANGUAGE/,/^\.SH REPL/p' "$WORK/man.txt" | sed 's/^\\&//' | tr -s ' \n' ' ')
missing=""
while IFS= read -r usage; do
	case $usage in show*) continue ;; esac
	case $ql in *"$usage"*) ;; *) missing="$missing [$usage]" ;; esac
done < <(printf '.help\n' | "$BENCHDB" --db "$WORK/none" 2>/dev/null |
	sed -n '/^Statements/,/^RUN:/s/^  \([a-z].*\)/\1/p' | tr -s ' ')
check "every statement of .help is on the man page as .help writes it (missing:$missing)" test -z "$missing"
check "the man page's trend has no stray [vs RUN] [threshold P%]" \
	test "$(grep -c -F '[vs RUN] [threshold P%]' <<<"$ql")" -eq 0

finish
