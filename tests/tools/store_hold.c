/*
 * store_hold.c - holds a store the way another process would, for the
 * concurrency tests (tests/cli/test_concurrency.sh, docs/storage.md 2.11).
 *
 *   build/tools/store_hold write DIR     begins a write transaction, prints
 *                                        "holding the write lock", waits
 *                                        for end of input, writes nothing
 *   build/tools/store_hold readers DIR   begins read transactions until
 *                                        LMDB refuses one, prints "holding N
 *                                        readers: WHY", waits for end of input
 *   build/tools/store_hold slots DIR     prints the number of reader slots
 *                                        other processes hold
 *
 * Exit 0, or 3 with a message when the store does not open.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Blocks until standard input ends (the test closes it, or kills us). */
static void wait_for_eof(void)
{
	char buf[64];
	while (read(0, buf, sizeof buf) > 0)
		;
}

static int hold_write(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)s, (void)txn, (void)ctx;
	printf("holding the write lock\n");
	fflush(stdout);
	wait_for_eof();
	return 1; /* nothing to write */
}

static int hold_readers(bdb_store *store)
{
	size_t cap = 1024, n = 0;
	bdb_reader **readers = malloc(cap * sizeof *readers);
	int rc = 0;
	while (readers) {
		if (n == cap) {
			bdb_reader **more = realloc(readers, 2 * cap * sizeof *readers);
			if (!more)
				break;
			readers = more;
			cap *= 2;
		}
		rc = bdb_reader_begin(store, &readers[n]);
		if (rc)
			break;
		n++;
	}
	printf("holding %zu readers: %s\n", n, bdb_strerror(rc));
	fflush(stdout);
	wait_for_eof();
	while (n > 0)
		bdb_reader_end(readers[--n]);
	free(readers);
	return 0;
}

/* A bdb_problem_fn-like MDB_msg_func: counts the reader table's lines of
 * processes other than this one. */
static int count_slot(const char *msg, void *ctx)
{
	long pid;
	if (sscanf(msg, "%ld", &pid) == 1 && pid != (long)getpid())
		++*(int *)ctx;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: store_hold write|readers|slots DIR\n");
		return 2;
	}
	bdb_store *store;
	bdb_diag d;
	bdb_store_options opt = {.no_create = true};
	int rc = bdb_store_open(argv[2], &opt, &store, &d);
	if (rc) {
		fprintf(stderr, "store_hold: %s\n", d.message);
		return 3;
	}
	if (strcmp(argv[1], "write") == 0) {
		rc = bdb__write(store, hold_write, NULL);
	} else if (strcmp(argv[1], "readers") == 0) {
		rc = hold_readers(store);
	} else if (strcmp(argv[1], "slots") == 0) {
		int slots = 0;
		mdb_reader_list(store->env, count_slot, &slots);
		printf("%d\n", slots);
	} else {
		fprintf(stderr, "store_hold: unknown mode %s\n", argv[1]);
		rc = BDB_EINVAL;
	}
	if (rc)
		fprintf(stderr, "store_hold: %s\n", bdb_strerror(rc));
	bdb_store_close(store);
	return rc ? 3 : 0;
}
