/*
 * store_size.c - bytes per observation of a store holding the first RUNS
 * runs of the bench workload nightly-10y (bench/workload.c, included here
 * as in tests/unit/test_bench_gen.c), put one run per transaction without
 * sync, as the bench's durable ingest does with sync. The values are those
 * of the workload's JSON files, which `make bench` ingests: each as "%.9g"
 * writes it and strtod reads it back (--exact: the generator's doubles as
 * they are, all 17 digits). Prints the size of
 * data.mdb, of the pages in use and of a compacted copy per observation,
 * the raw FlatBuffer bytes, and each named database's pages (mdb_stat; a
 * DUPSORT database's sub-databases are not counted there, so `obs` is the
 * compacted size less the other databases). docs/performance.md quotes it.
 *
 *   build/tools/store_size DIR [RUNS] [--exact]   (DIR must not exist; default 365)
 *
 * Not a test: no thresholds.
 */
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../bench/workload.c"
#include "engine.h"

/* v as the JSON file has it. */
static double as_written(double v)
{
	char text[64];
	snprintf(text, sizeof text, "%.9g", v);
	return strtod(text, NULL);
}

static void round_as_written(bdb_run *run)
{
	for (size_t p = 0; p < run->n_points; p++)
		for (size_t m = 0; m < run->points[p].n_metrics; m++) {
			bdb_metric *metric = &run->points[p].metrics[m];
			metric->value = as_written(metric->value);
			metric->lower = metric->has_lower ? as_written(metric->lower) : 0;
			metric->upper = metric->has_upper ? as_written(metric->upper) : 0;
		}
}

static int fill(const char *dir, uint32_t n_runs, bool exact, uint64_t *n_obs,
		uint64_t *fb_bytes)
{
	const bench_workload *w = bench_workload_find("nightly-10y");
	bdb_store_options opt = {0};
	opt.no_sync = true;
	bdb_store *s;
	bdb_diag d;
	int rc = bdb_store_open(dir, &opt, &s, &d);
	if (rc) {
		fprintf(stderr, "store_size: %s\n", d.message);
		return rc;
	}
	bdb_buf fb;
	bdb_buf_init(&fb);
	for (uint32_t i = 0; i < n_runs && !rc; i++) {
		bdb_run *run;
		rc = bench_workload_build_run(w, BENCH_DEFAULT_SEED, i, &run);
		if (rc)
			break;
		if (!exact)
			round_as_written(run);
		bdb_buf_reset(&fb);
		rc = bdb_run_encode(run, &fb);
		*fb_bytes += fb.len;
		for (size_t p = 0; p < run->n_points; p++)
			*n_obs += run->points[p].n_metrics;
		if (!rc)
			rc = bdb_store_put_run(s, run, 0, NULL, NULL, &d);
		if (rc)
			fprintf(stderr, "store_size: run %u: %s\n", i, d.message);
		bdb_run_free(run);
	}
	bdb_buf_free(&fb);
	struct bdb_store_stats st;
	char compact[4096];
	snprintf(compact, sizeof compact, "%s/compact", dir);
	if (!rc)
		rc = bdb_store_stats(s, &st);
	if (!rc)
		rc = bdb_store_backup(s, compact, &d);
	bdb_store_close(s);
	if (rc)
		return rc;
	snprintf(compact, sizeof compact, "%s/compact/data.mdb", dir);
	struct stat cs;
	if (stat(compact, &cs) != 0)
		return BDB_EIO;
	double n = (double)*n_obs;
	printf("%u runs, %llu observations; FlatBuffers %.2f B/obs raw\n", n_runs,
	       (unsigned long long)*n_obs, (double)*fb_bytes / n);
	printf("data.mdb %.2f B/obs, pages in use %.2f B/obs, compacted copy %.2f B/obs\n",
	       (double)st.bytes_on_disk / n, (double)st.bytes_used / n, (double)cs.st_size / n);
	return 0;
}

/* Pages of each named database, per observation. */
static int per_database(const char *dir, uint64_t n_obs)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi main_db;
	MDB_cursor *cur;
	int rc = mdb_env_create(&env);
	if (rc)
		return rc;
	mdb_env_set_maxdbs(env, 32);
	rc = mdb_env_open(env, dir, MDB_RDONLY, 0);
	if (!rc)
		rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
	if (!rc)
		rc = mdb_dbi_open(txn, NULL, 0, &main_db);
	if (!rc)
		rc = mdb_cursor_open(txn, main_db, &cur);
	MDB_val k, v;
	while (!rc && mdb_cursor_get(cur, &k, &v, MDB_NEXT) == 0) {
		char name[64];
		MDB_dbi db;
		MDB_stat st;
		snprintf(name, sizeof name, "%.*s", (int)k.mv_size, (const char *)k.mv_data);
		if (mdb_dbi_open(txn, name, 0, &db) || mdb_stat(txn, db, &st))
			continue;
		size_t pages = st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages;
		printf("  %-12s %8zu pages (%zu overflow) %9zu entries %7.2f B/obs\n", name, pages,
		       st.ms_overflow_pages, st.ms_entries,
		       (double)pages * st.ms_psize / (double)n_obs);
	}
	mdb_env_close(env);
	return rc;
}

int main(int argc, char **argv)
{
	bool exact = argc > 1 && strcmp(argv[argc - 1], "--exact") == 0;
	argc -= exact;
	if (argc < 2) {
		fprintf(stderr, "usage: store_size DIR [RUNS] [--exact]\n");
		return 2;
	}
	uint32_t n_runs = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 365;
	uint64_t n_obs = 0, fb_bytes = 0;
	if (fill(argv[1], n_runs, exact, &n_obs, &fb_bytes) != 0 || n_obs == 0)
		return 1;
	return per_database(argv[1], n_obs) ? 1 : 0;
}
