#!/usr/bin/env bash
# tests/layers.sh - the rooms' one-way flow (DESIGN.md 8, docs/storage.md):
#
#   schema  <-  engine (engine/, engine/ingest/)  <-  query  <-  web  <-  repl
#
# (web/ and repl/ both read the store through query.h; the program in repl/
# also runs web's commands, report and serve.) A file may include the
# headers of its own room, and of a lower room only that room's public
# header: schema.h; engine.h and ingest.h; query.h; web.h. A
# quoted include is resolved as the compiler does with the Makefile's -I
# list: the including file's directory first, then schema, engine,
# engine/ingest, query, repl, web.
#
#   tests/layers.sh [ROOT]     exit 0 when every include keeps to the rule,
#                              else 1, one line per include that breaks it
set -u
ROOT=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$ROOT" || exit 2

rank() { # room -> its level
	case $1 in
	schema) echo 0 ;;
	engine) echo 1 ;;
	query) echo 2 ;;
	web) echo 3 ;;
	repl) echo 4 ;;
	*) echo 9 ;;
	esac
}
room_of() { # path -> room
	case $1 in
	schema/*) echo schema ;;
	engine/*) echo engine ;;
	query/*) echo query ;;
	repl/*) echo repl ;;
	web/*) echo web ;;
	*) echo other ;;
	esac
}
public() { # header file name -> 0 when it is a room's public header
	case $1 in
	schema/schema.h | engine/engine.h | engine/ingest/ingest.h | query/query.h | web/web.h) return 0 ;;
	*) return 1 ;;
	esac
}

bad=0 n=0
while IFS= read -r src; do
	from=$(room_of "$src")
	while IFS= read -r inc; do
		n=$((n + 1))
		hdr=""
		for dir in "$(dirname "$src")" schema engine engine/ingest query repl web; do
			if [ -f "$dir/$inc" ]; then
				hdr=${dir#./}/$inc
				break
			fi
		done
		[ -n "$hdr" ] || continue # a system or generated header
		to=$(room_of "$hdr")
		[ "$to" = "$from" ] && continue
		if [ "$(rank "$to")" -ge "$(rank "$from")" ]; then
			echo "$src includes $hdr: $from may not include $to (the flow is schema <- engine <- query <- web <- repl)"
			bad=$((bad + 1))
		elif ! public "$hdr"; then
			echo "$src includes $hdr: only $to's public header may be included from $from"
			bad=$((bad + 1))
		fi
	done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$src")
done < <(find schema engine query repl web -name '*.[ch]' 2>/dev/null | sort)

echo "layers: $n includes checked, $bad against the flow"
[ "$bad" -eq 0 ]
