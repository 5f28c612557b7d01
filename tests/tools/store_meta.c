/*
 * store_meta.c - sets one u64 of a store's meta database (docs/storage.md
 * 2.3), for the CLI tests of what another benchdb leaves behind:
 *
 *   build/tools/store_meta DIR KEY VALUE
 *
 * e.g. `store_meta DIR format_version 7`: a store that a newer benchdb
 * wrote. Exit 0, or 3 with a message when the store does not open or the
 * write fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

typedef struct meta_put {
	const char *key;
	uint64_t value;
} meta_put;

static int put(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const meta_put *m = ctx;
	return bdb__meta_put_u64(s, txn, m->key, m->value);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: store_meta DIR KEY VALUE\n");
		return 2;
	}
	bdb_store_options opt = {.no_create = true};
	bdb_store *s;
	bdb_diag d;
	if (bdb_store_open(argv[1], &opt, &s, &d) != 0) {
		fprintf(stderr, "store_meta: %s\n", d.message);
		return 3;
	}
	meta_put m = {argv[2], strtoull(argv[3], NULL, 10)};
	int rc = bdb__write(s, put, &m);
	bdb_store_close(s);
	if (rc) {
		fprintf(stderr, "store_meta: %s\n", bdb_strerror(rc));
		return 3;
	}
	return 0;
}
