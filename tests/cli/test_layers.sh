#!/usr/bin/env bash
# tests/cli/test_layers.sh - tests/layers.sh, the include check of the rooms'
# one-way flow (schema <- engine <- query <- web <- repl), on the tree and on
# copies that break it. `make lint` runs the same check.
. "$(dirname "$0")/lib.sh"

run "$ROOT/tests/layers.sh" "$ROOT"
check_rc "the tree keeps to the flow" 0
check_out "  and says how many includes it checked" "against the flow"

# copy_tree: the rooms' sources in $WORK/tree.
copy_tree() {
	rm -rf "$WORK/tree" && mkdir -p "$WORK/tree"
	(cd "$ROOT" && tar cf - schema engine query repl $(ls -d web 2>/dev/null)) | tar xf - -C "$WORK/tree"
}

copy_tree
sed -i '0,/#include "internal.h"/s//#include "internal.h"\n#include "query.h"/' "$WORK/tree/engine/store.c"
run "$ROOT/tests/layers.sh" "$WORK/tree"
check_rc "engine/store.c including query.h breaks it" 1
check_out "  named" "engine/store.c includes query/query.h: engine may not include query"

copy_tree
sed -i '0,/#include "cli.h"/s//#include "cli.h"\n#include "exec.h"/' "$WORK/tree/repl/main.c"
run "$ROOT/tests/layers.sh" "$WORK/tree"
check_rc "repl including a private header of query breaks it" 1
check_out "  named" "repl/main.c includes query/exec.h: only query's public header may be included from repl"

copy_tree
sed -i '0,/#include "schema.h"/s//#include "schema.h"\n#include "engine.h"/' "$WORK/tree/schema/units.c"
run "$ROOT/tests/layers.sh" "$WORK/tree"
check_rc "schema including engine.h breaks it" 1

finish
