/*
 * changes_forget.c - makes a store forget its persisted change points
 * (docs/storage.md 2.15), as if no program with the write hook had ever
 * written it: every record of the database "changes" is deleted and meta
 * changes_kept cleared, in one write transaction. `changes` over the store
 * then computes every series' fold from scratch: the full recomputation
 * that tests/cli/test_changes_ops.sh compares the records' answers with.
 *
 *   build/tools/changes_forget DIR
 *
 * Prints "forgot N records". Exit 0, or 3 with a message.
 */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

/* The series of every record, gathered before any is deleted (a cursor
 * does not survive deleting under it). */
static int note_record(void *ctx, uint64_t series, const void *data, size_t len)
{
	(void)data, (void)len;
	bdb_buf_append(ctx, &series, sizeof series);
	return 0;
}

static int forget(void *ctx, bdb_reader *w)
{
	bdb_buf *ids = ctx;
	bdb_buf_reset(ids);
	int rc = bdb_reader_change_records(w, note_record, ids);
	if (!rc && ids->failed)
		rc = BDB_ENOMEM;
	const uint64_t *id = (const uint64_t *)(void *)ids->data;
	for (size_t i = 0; !rc && i < ids->len / sizeof *id; i++)
		rc = bdb_reader_put_change_record(w, id[i], NULL, 0);
	if (!rc)
		rc = bdb_reader_keep_changes(w, false);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: changes_forget DIR\n");
		return 2;
	}
	bdb_store *store;
	bdb_diag d;
	bdb_store_options opt = {.no_create = true};
	if (bdb_store_open(argv[1], &opt, &store, &d) != 0) {
		fprintf(stderr, "changes_forget: %s\n", d.message);
		return 3;
	}
	bdb_buf ids;
	bdb_buf_init(&ids);
	int rc = bdb_store_update(store, forget, &ids);
	if (rc)
		fprintf(stderr, "changes_forget: %s\n", bdb_strerror(rc));
	else
		printf("forgot %zu records\n", ids.len / sizeof(uint64_t));
	bdb_buf_free(&ids);
	bdb_store_close(store);
	return rc ? 3 : 0;
}
