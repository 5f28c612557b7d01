#!/usr/bin/env bash
# test_output_hostile.sh - the machine-read outputs (as json, as csv, as
# markdown, export --format csv|json|markdown) over names and values that break
# naive writers: commas, quotes, line breaks, tabs, CR, control characters,
# backslashes, pipes, leading = + - @ #, combining marks, right-to-left text,
# emoji, a 3000-byte name, "__init__", "&lt;", a bare URL, tags whose values hold '=' and
# ',' and whose keys hold ','; -0, 1e308, the largest double, subnormals.
# Each output is read back with a strict parser (python3's json with
# duplicate keys refused, csv with strict=True) and must give the ingested
# names, tags and values exactly (found by atk30: the CSV tags column
# "k=v,k=v" could not be split back when a key or value held ',').
source "$(dirname "$0")/lib.sh"

DB=$WORK/db
python3 - "$WORK" <<'EOF'
import json, sys
names = ['a,b', 'q"uote', 'new\nline', 'tab\there', 'cr\rhere', 'ctl\x01\x1b[31m',
         'back\\slash', 'pi|pe', '=cmd|calc', '+1', '-1', '@SUM(A1)', 'e\u0301combining',
         '\u05e9\u05dc\u05d5\u05dd rtl', '\U0001f680emoji', 'L' * 3000, '"', '__init__',
         'a&lt;b', '#', '1. x', 'x\x7fdel', 'https://e.x/p www.e.x']
vals = [0.0, -0.0, 1e308, 5e-324, 2.2250738585072014e-308, 0.1, 1 / 3, 123456789.123456789,
        -1e-300, 1.7976931348623157e308]
tags = {"key": "v=al,ue", "t,2": "x\ny", "b\\s": "a\\,b;c", "e": ""}
points = [{"name": n, "scenario": 's,c"n', "tags": tags,
           "metrics": {'m,e"tric': {"value": vals[i % len(vals)], "unit": "s"}}}
          for i, n in enumerate(names)]
run = {"id": "r1", "timestamp": "2026-01-01T00:00:00", "commit": 'c,"1', "branch": "b\nr",
       "metric_defs": {'m,e"tric': {"unit": "s", "direction": "lower"}}, "points": points}
json.dump(run, open(sys.argv[1] + "/run.json", "w"))
EOF
run "$BENCHDB" --db "$DB" ingest "$WORK/run.json"
check_rc "the hostile run is stored" 0

# A checker over one output: FORMAT WHAT FILE.
cat >"$WORK/check.py" <<'EOF'
import csv, io, json, re, sys
fmt, what, path = sys.argv[1:4]
src = json.load(open(sys.argv[4]))
names = {p["name"]: p["metrics"]['m,e"tric']["value"] for p in src["points"]}
tags = src["points"][0]["tags"]
raw = open(path, "rb").read()
text = raw.decode("utf-8", "strict")

def no_dups(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate keys %r" % keys)
    return dict(pairs)

def split_tags(s, sep):
    """k=v<sep>k=v with sep and backslash escaped by a backslash."""
    out, field, fields, i = {}, "", [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            field += "\\" + s[i + 1]
            i += 2
            continue
        if s[i] == sep:
            fields.append(field)
            field = ""
        else:
            field += s[i]
        i += 1
    fields.append(field)
    for f in fields:
        k, v = f.split("=", 1)  # a key holds no "="
        unesc = lambda t: re.sub(r"\\(.)", r"\1", t, flags=re.S)
        out[unesc(k)] = unesc(v)
    return out

def same(a, b):
    return float(a) == float(b) and str(float(a)) == str(float(b))

seen = {}
if fmt == "json":
    d = json.loads(text, object_pairs_hook=no_dups, strict=True)
    rows = d["rows"] if "rows" in d else d["observations"]
    for r in rows:
        name = r["point"]
        assert r["tags"] == tags, r["tags"]
        seen[name] = r["value"]
elif fmt == "csv":
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    hdr = rows[0]
    sep = ";" if what == "export" else ","
    for r in rows[1:]:
        assert len(r) == len(hdr), r
        row = dict(zip(hdr, r))
        got = split_tags(row["tags"], sep)
        assert got == tags, (row["tags"], got)
        seen[row["point"]] = row["value"]
elif fmt == "tsv":
    # A field per TAB, lines end in \n; \t \n \r \\ inside a field.
    assert text.endswith("\n") and "\r" not in text
    unesc = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    def field(s):
        return re.sub(r"\\(.)", lambda m: unesc[m.group(1)], s)
    lines = text[:-1].split("\n")
    hdr = [field(h) for h in lines[0].split("\t")]
    for line in lines[1:]:
        r = [field(f) for f in line.split("\t")]
        assert len(r) == len(hdr), r
        row = dict(zip(hdr, r))
        got = split_tags(row["tags"], ";" if what == "export" else ",")
        assert got == tags, (row["tags"], got)
        seen[row["point"]] = row["value"]
assert set(seen) == set(names), set(names) ^ set(seen)
# A query's -0 is 0 (JSON consumers and diffs choke on "-0"); export keeps
# the sign bit, a run's exact value (re-ingesting it gives the same run).
minus_zero = re.search(r'[:,\[\t]\s*-0(?![.\deE])', text) is not None
assert minus_zero == (what == "export"), "-0 in %s %s: %s" % (what, fmt, minus_zero)
for n, v in seen.items():
    if names[n] == 0 and (fmt == "json" or what == "query"):
        assert float(v) == 0, (n[:20], v)
        continue
    assert same(v, names[n]), (n[:20], v, names[n])
print("ok")
EOF

for what in "summary latest" "trend \"m,e\\\"tric\"" "rank \"m,e\\\"tric\""; do
	for fmt in json csv tsv; do
		run "$BENCHDB" --db "$DB" -c "$what as $fmt"
		cp "$OUT" "$WORK/got"
		run python3 "$WORK/check.py" "$fmt" query "$WORK/got" "$WORK/run.json"
		check_out "$what as $fmt reads back every name, tag and value" "ok"
	done
done
for fmt in json csv tsv; do
	run "$BENCHDB" --db "$DB" export --format "$fmt" r1
	cp "$OUT" "$WORK/got"
	run python3 "$WORK/check.py" "$fmt" export "$WORK/got" "$WORK/run.json"
	check_out "export --format $fmt reads back every name, tag and value" "ok"
done

# The tags column splits back: ',' (query CSV) or ';' (export CSV) and '\'
# in a key or value escaped with '\'.
run "$BENCHDB" --db "$DB" -c 'summary latest as csv'
check_out "csv tags escape ',' and '\\'" '"b\\s=a\\\,b;c,e=,key=v=al\,ue,t\,2=x'
# TSV: the tag list's '\' doubled again, its line break as \n; a point's
# TAB, CR and line break as \t \r \n, so each line is one row.
run "$BENCHDB" --db "$DB" -c 'summary latest as tsv'
check_out "tsv escapes a TAB in a name" 'tab\there'
check_out "tsv escapes a CR in a name" 'cr\rhere'
check_out "tsv escapes a line break in a name" 'new\nline'
check_out "tsv doubles a backslash" 'back\\slash'
check_out "tsv tags: the list escaped again" 'b\\\\s=a\\\\\\,b;c,e=,key=v=al\\,ue,t\\,2=x\ny'
check "tsv: every line has the header's number of fields" python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\n")
assert lines[-1] == "" and len(lines) > 20, len(lines)
assert len({l.count("\t") for l in lines[:-1]}) == 1' "$OUT"
run "$BENCHDB" --db "$DB" export --format csv r1
check_out "export csv tags escape ';' and '\\'" '"b\\s=a\\,b\;c;e=;key=v=al,ue;t,2=x'
run "$BENCHDB" --db "$DB" export --format tsv r1
check_out "export tsv: the tag list's '\\' doubled, its line break as \\n" 'b\\\\s=a\\\\,b\\;c;e=;key=v=al,ue;t,2=x\ny'

# Markdown: every table line has as many cells as the header; "__init__"
# is no bold "init", "&lt;" no '<'; the trend's list of sparklines opens no
# heading ("# x") or ordered list ("1. x") inside an item.
for what in "summary latest" "trend \"m,e\\\"tric\"" "compare latest with latest"; do
	run "$BENCHDB" --db "$DB" -c "$what as markdown"
	check "$what as markdown: no cell splits" python3 -c '
import re, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("|")]
n = {len(re.split(r"(?<!\\)\|", l)) for l in lines}
assert len(lines) > 2 and len(n) == 1, n' "$OUT"
done
run "$BENCHDB" --db "$DB" -c 'summary latest as markdown'
check_out "markdown escapes a '_' at a word's edge" '| \_\_init\_\_ '
check_out "markdown escapes '&'" '| a\&lt;b '
check_out "markdown links no bare URL" '| https\://e.x/p www\.e.x '
run "$BENCHDB" --db "$DB" -c 'trend "m,e\"tric" as markdown'
check_out "a sparkline item opens no heading" '- \# b\\s='
check_out "a sparkline item opens no ordered list" '- 1\. x b\\s='
check_out "a sparkline item keeps -1 (no list marker without a blank)" '- -1 b\\s='
run "$BENCHDB" --db "$DB" export --format markdown r1
check_out "export markdown escapes a '_' at a word's edge" '| \_\_init\_\_ '

# A note names the series: `changes ... explain` without a change point.
# Its ESC reached the terminal (table, line); in markdown its '_' and URL
# were emphasis and a link.
run "$BENCHDB" --db "$DB" -c 'changes "m,e\"tric" of "ctl*" explain'
check "a table's note sends no ESC" test "$(grep -c "$(printf '\033')" "$OUT")" = 0
check_out "a table's note shows it as ?" 'ctl??[31m'
run "$BENCHDB" --db "$DB" -c 'changes "m,e\"tric" of "ctl*" explain as line'
check "a line result's note sends no ESC" test "$(grep -c "$(printf '\033')" "$OUT")" = 0
run "$BENCHDB" --db "$DB" -c 'changes "m,e\"tric" of "https*" explain as markdown'
check_out "a markdown note is escaped as a cell" 'https\://e.x/p www\.e.x {b\\s='

finish
