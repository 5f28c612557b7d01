/* store_env.c - see store_env.h. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>
#include <lmdb.h>

#include "store_env.h"

char *make_temp_dir(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !base[0])
		base = "/tmp";
	size_t n = strlen(base) + 32;
	char *dir = malloc(n);
	assert_non_null(dir);
	snprintf(dir, n, "%s/bdb-store-test-XXXXXX", base);
	assert_non_null(mkdtemp(dir));
	return dir;
}

void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	char path[4096];
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

bdb_store *open_store(const char *dir, size_t initial_map_size)
{
	bdb_store_options opt = {.initial_map_size = initial_map_size, .no_sync = true};
	bdb_store *s = NULL;
	bdb_diag d;
	int rc = bdb_store_open(dir, &opt, &s, &d);
	if (rc)
		fail_msg("bdb_store_open(%s): %s: %s", dir, bdb_error_name(rc), d.message);
	return s;
}

bdb_run *make_run(const char *id, int64_t ts, const char *commit, const char *branch,
		  size_t n_points, double base)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = ts;
	if (commit)
		assert_int_equal(bdb_run_set_commit(run, commit), 0);
	if (branch)
		assert_int_equal(bdb_run_set_branch(run, branch), 0);
	for (size_t i = 0; i < n_points; i++) {
		char name[32], size[32];
		snprintf(name, sizeof name, "bench/%03zu", i);
		snprintf(size, sizeof size, "%zu", i % 3);
		bdb_point *p;
		assert_int_equal(bdb_run_add_point(run, name, &p), 0);
		assert_int_equal(
		    bdb_point_set_tag(run, p, "framework", i % 2 ? "Datarax" : "Grain"), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "size", size), 0);
		bdb_metric *m;
		assert_int_equal(bdb_point_add_metric(run, p, "time", base + (double)i, &m), 0);
		assert_int_equal(bdb_metric_set_unit(run, m, "ns"), 0);
		m->has_lower = true;
		m->lower = base + (double)i - 0.5;
		m->has_upper = true;
		m->upper = base + (double)i + 0.5;
		assert_int_equal(bdb_point_add_metric(run, p, "ops", 1000.0 - (double)i, &m), 0);
		assert_int_equal(bdb_metric_set_unit(run, m, "ops/s"), 0);
	}
	return run;
}

uint64_t put_ok(bdb_store *s, const bdb_run *run, unsigned flags, bdb_put_outcome expect)
{
	uint64_t seq = 0;
	bdb_put_outcome outcome;
	bdb_diag d;
	int rc = bdb_store_put_run(s, run, flags, &seq, &outcome, &d);
	if (rc)
		fail_msg("put_run(%s): %s: %s", run->id, bdb_error_name(rc), d.message);
	assert_int_equal(outcome, expect);
	return seq;
}

static void print_problem(void *ctx, const char *problem)
{
	(void)ctx;
	fprintf(stderr, "verify: %s\n", problem);
}

size_t verify_count(bdb_store *s)
{
	size_t n = 99;
	assert_int_equal(bdb_store_verify(s, print_problem, NULL, &n), 0);
	return n;
}

void assert_verify_clean(bdb_store *s)
{
	assert_int_equal(verify_count(s), 0);
}

bool sanitized(void)
{
	const char *v = getenv("BENCHDB_SANITIZED");
	return v && v[0] == '1';
}

int store_setup(void **state)
{
	store_fixture *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->dir = make_temp_dir();
	f->store = open_store(f->dir, 0);
	*state = f;
	return 0;
}

int store_teardown(void **state)
{
	store_fixture *f = *state;
	bdb_store_close(f->store);
	remove_tree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

size_t count_postings(bdb_reader *r, const char *term)
{
	uint64_t *ids;
	size_t n = 99;
	assert_int_equal(bdb_reader_postings(r, term, &ids, &n), 0);
	free(ids);
	return n;
}

size_t count_matching(bdb_reader *r, const char *const *terms, size_t n_terms)
{
	uint64_t *ids;
	size_t n = 99;
	assert_int_equal(bdb_reader_series_match(r, terms, n_terms, &ids, &n), 0);
	for (size_t i = 1; i < n; i++)
		assert_true(ids[i - 1] < ids[i]);
	free(ids);
	return n;
}

size_t chunk_values(const char *dir, bool blocks)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	MDB_cursor *cur;
	MDB_val k, v;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	assert_int_equal(mdb_env_open(env, dir, MDB_RDONLY, 0666), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "chunks", 0, &dbi), 0);
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	size_t n = 0;
	for (int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
	     rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
		n += (((const uint8_t *)v.mv_data)[0] == 0x80) == blocks;
	mdb_cursor_close(cur);
	mdb_txn_abort(txn);
	mdb_env_close(env);
	return n;
}
