/*
 * store_legacy_id.c - stores a run under an id benchdb now refuses ("."
 * or ".."), as versions before that check did, for the CLI tests of the
 * stores those left behind:
 *
 *   build/tools/store_legacy_id DIR ID FILE
 *
 * FILE is ingested as benchdb ingest would (its format detected), with
 * the id ID. Exit 0, or 3 with a message.
 */
#include <stdio.h>

#include "ingest.h"
#include "internal.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: store_legacy_id DIR ID FILE\n");
		return 2;
	}
	bdb_run *run = NULL;
	bdb_store *s = NULL;
	bdb_diag d;
	bdb_store_options opt = {0};
	int rc = bdb_ingest_path(argv[3], BDB_INPUT_AUTO, NULL, &run, NULL, &d);
	if (!rc)
		rc = bdb_run_set_id(run, argv[2]);
	if (!rc)
		rc = bdb_store_open(argv[1], &opt, &s, &d);
	bdb__test_legacy_ids = true;
	if (!rc)
		rc = bdb_store_put_run(s, run, 0, NULL, NULL, &d);
	if (rc)
		fprintf(stderr, "store_legacy_id: %s\n",
			d.message[0] ? d.message : bdb_strerror(rc));
	if (s)
		bdb_store_close(s);
	bdb_run_free(run);
	return rc ? 3 : 0;
}
