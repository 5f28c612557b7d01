/*
 * test_store_layout.c - the compact parts of store format 3 (docs/storage.md
 * 2.5 and 2.8): observations in chunks of at most 128 per series, bounds
 * and sample counts only in the chunks that have them, bytes as the format
 * says; run_series as ranges of consecutive series ids; the 32-bit sequence
 * number limit; damaged counts refused as BDB_ECORRUPT. (test_chunk.c
 * checks the codec; test_store_series.c that a store of format 1 is
 * refused.) Raw values are read with LMDB directly.
 */
#include <lmdb.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/files.h"
#include "helpers/store_env.h"
#include "internal.h"
#include "query.h"

/* ---- raw access to the store's databases ---- */

typedef struct raw {
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
} raw;

/* Opens db of the (closed) store in dir in a write transaction. */
static void raw_open(raw *r, const char *dir, const char *db)
{
	assert_int_equal(mdb_env_create(&r->env), 0);
	mdb_env_set_maxdbs(r->env, 32);
	assert_int_equal(mdb_env_open(r->env, dir, 0, 0666), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, 0, &r->txn), 0);
	assert_int_equal(mdb_dbi_open(r->txn, db, 0, &r->dbi), 0);
}

static void raw_close(raw *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* The chunks of series: how many, how many observations they hold (the
 * count in each chunk's second byte, plus one), and the largest count. Each
 * key starts with the series id. */
static size_t series_chunks(const char *dir, uint64_t series, size_t *count, size_t *largest)
{
	raw r;
	raw_open(&r, dir, "chunks");
	uint8_t key[20] = {0};
	put_be64(key, series);
	MDB_cursor *cur;
	assert_int_equal(mdb_cursor_open(r.txn, r.dbi, &cur), 0);
	MDB_val k = {20, key}, v;
	size_t n = 0;
	*count = *largest = 0;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size == 20 && memcmp(k.mv_data, key, 8) == 0) {
		size_t c = (size_t)((const uint8_t *)v.mv_data)[1] + 1;
		*count += c;
		if (c > *largest)
			*largest = c;
		n++;
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	raw_close(&r);
	return n;
}

static void set_meta_u64(const char *dir, const char *name, uint64_t value)
{
	raw r;
	raw_open(&r, dir, "meta");
	uint8_t b[8];
	put_be64(b, value);
	MDB_val k = {strlen(name), (void *)name}, v = {8, b};
	assert_int_equal(mdb_put(r.txn, r.dbi, &k, &v, 0), 0);
	raw_close(&r);
}

/* ---- runs ---- */

/* A run of one point "p" with metric m = value, bounds when bounded. */
static bdb_run *one_metric_run(const char *id, int64_t ts, double value, bool bounded)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = ts;
	bdb_point *p;
	assert_int_equal(bdb_run_add_point(run, "p", &p), 0);
	bdb_metric *m;
	assert_int_equal(bdb_point_add_metric(run, p, "m", value, &m), 0);
	if (bounded) {
		m->has_lower = m->has_upper = true;
		m->lower = value - 1;
		m->upper = value + 1;
	}
	return run;
}

static uint64_t put_one(bdb_store *s, const char *id, int64_t ts, double value, bool bounded)
{
	bdb_run *run = one_metric_run(id, ts, value, bounded);
	uint64_t seq = put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	return seq;
}

/* Reads series 1 oldest first into values/bounded; returns the count. */
static size_t read_series(bdb_store *s, double *values, bool *bounded, size_t max)
{
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, 1, INT64_MIN, INT64_MAX, false, &it), 0);
	bdb_obs o;
	size_t n = 0;
	int rc;
	while ((rc = bdb_obs_iter_next(it, &o)) == 1) {
		assert_true(n < max);
		values[n] = o.value;
		bounded[n] = o.has_lower && o.has_upper;
		if (bounded[n]) {
			assert_true(o.lower == o.value - 1);
			assert_true(o.upper == o.value + 1);
		}
		n++;
	}
	assert_int_equal(rc, 0);
	bdb_reader_end(r);
	return n;
}

/* ---- tests ---- */

static void test_chunks_take_bounds_and_older_runs(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	/* Observations without bounds, more than two chunks' worth. */
	size_t n_before = sanitized() ? 300 : 600;
	for (size_t i = 0; i < n_before; i++) {
		char id[32];
		snprintf(id, sizeof id, "n%zu", i);
		put_one(s, id, 1000 + 10 * (int64_t)i, (double)i, false);
	}
	assert_verify_clean(s);
	bdb_store_close(s);
	size_t count, largest;
	/* Appended one run at a time, the series fills chunks of 128. */
	assert_int_equal(series_chunks(dir, 1, &count, &largest), (n_before + 127) / 128);
	assert_int_equal(count, n_before);
	assert_int_equal(largest, 128);

	/* A bounded observation in the middle of the history (the first
	 * chunk, full: it splits into 128 and 1) and one before all the
	 * others (the first chunk again, full again: it splits too). */
	s = open_store(dir, 0);
	uint64_t wide_seq = put_one(s, "w", 1005, 0.5, true);
	put_one(s, "late", 5, -1.0, false);
	assert_verify_clean(s);
	bdb_store_close(s);
	assert_int_equal(series_chunks(dir, 1, &count, &largest), (n_before + 127) / 128 + 2);
	assert_int_equal(count, n_before + 2);
	assert_int_equal(largest, 128);

	s = open_store(dir, 0);
	double *values = malloc((n_before + 2) * sizeof *values);
	bool *bounded = malloc((n_before + 2) * sizeof *bounded);
	assert_int_equal(read_series(s, values, bounded, n_before + 2), n_before + 2);
	/* Time order: "late" (5), n0 (1000), "w" (1005), n1 (1010), ... */
	assert_true(values[0] == -1.0 && !bounded[0]);
	assert_true(values[1] == 0.0 && !bounded[1]);
	assert_true(values[2] == 0.5 && bounded[2]);
	for (size_t i = 1; i < n_before; i++)
		assert_true(values[i + 2] == (double)i && !bounded[i + 2]);
	free(values);
	free(bounded);

	bdb_reader *r;
	bdb_obs o;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_get(r, 1, wide_seq, &o), 0);
	assert_true(o.has_lower && o.lower == -0.5 && o.has_upper && o.upper == 1.5);
	assert_int_equal(bdb_reader_obs_get(r, 1, 1, &o), 0);
	assert_true(o.value == 0.0 && !o.has_lower && !o.has_upper && o.n_samples == 0);
	bdb_reader_end(r);

	/* Deleting the bounded run rewrites its chunk only. */
	assert_int_equal(bdb_store_delete_run(s, wide_seq), 0);
	assert_verify_clean(s);
	bdb_store_close(s);
	assert_int_equal(series_chunks(dir, 1, &count, &largest), (n_before + 127) / 128 + 2);
	assert_int_equal(count, n_before + 1);
	remove_tree(dir);
	free(dir);
}

/* The value of run i in test_chunks_gather_into_blocks: no short decimal
 * (the XOR coding, ~7 bytes an observation: chunks of about 1 KB). */
static double block_value(size_t i)
{
	return (double)((i * 2654435761u) % 1000003u) / 7.0 + 1e-9 * (double)i;
}

/* Series 1 read from..to (oldest first, or newest first when backward):
 * checks each value against block_value of its run's time ((ts - 1000) / 10,
 * the runs left out by skip) and returns how many. */
static size_t check_window(bdb_store *s, int64_t from, int64_t to, bool backward,
			   const bool *gone)
{
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, 1, from, to, backward, &it), 0);
	bdb_obs o;
	size_t n = 0;
	int64_t prev = backward ? INT64_MAX : INT64_MIN;
	int rc;
	while ((rc = bdb_obs_iter_next(it, &o)) == 1) {
		assert_true(backward ? o.timestamp_us < prev : o.timestamp_us > prev);
		assert_true(o.timestamp_us >= from && o.timestamp_us <= to);
		prev = o.timestamp_us;
		size_t i = (size_t)(o.timestamp_us - 1000) / 10;
		assert_false(gone[i]);
		assert_true(o.value == block_value(i));
		n++;
	}
	assert_int_equal(rc, 0);
	bdb_reader_end(r);
	return n;
}

/* Damages the first block of the store at dir (saved keeps its key and
 * value): damage 0 says it has one part, damage 1 swaps its second and
 * third chunks, their lengths with them. */
static void damage_block(const char *dir, int damage, bdb_buf *saved)
{
	raw rw;
	raw_open(&rw, dir, "chunks");
	MDB_cursor *cur;
	assert_int_equal(mdb_cursor_open(rw.txn, rw.dbi, &cur), 0);
	MDB_val k, v;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	while (rc == 0 && ((const uint8_t *)v.mv_data)[0] != 0x80)
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	assert_int_equal(rc, 0);
	bdb_buf_append(saved, k.mv_data, k.mv_size);
	bdb_buf_append(saved, v.mv_data, v.mv_size);
	uint8_t *copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	const uint8_t *p = v.mv_data;
	if (damage == 0) {
		copy[1] = 1;
	} else {
		size_t n = p[1], l1 = p[4] | p[5] << 8, l2 = p[6] | p[7] << 8;
		size_t at1 = 2 + 2 * n + (p[2] | p[3] << 8), at2 = at1 + l1;
		assert_true(n >= 3);
		copy[4] = p[6], copy[5] = p[7], copy[6] = p[4], copy[7] = p[5];
		memcpy(copy + at1, p + at2, l2);
		memcpy(copy + at1 + l2, p + at1, l1);
	}
	MDB_val nv = {v.mv_size, copy};
	assert_int_equal(mdb_cursor_put(cur, &k, &nv, MDB_CURRENT), 0);
	mdb_cursor_close(cur);
	raw_close(&rw);
	free(copy);
}

/* Puts back the value damage_block saved. */
static void restore_block(const char *dir, const bdb_buf *saved)
{
	raw rw;
	raw_open(&rw, dir, "chunks");
	MDB_val k = {20, saved->data}, v = {saved->len - 20, saved->data + 20};
	assert_int_equal(mdb_put(rw.txn, rw.dbi, &k, &v, 0), 0);
	raw_close(&rw);
}

static int delete_obs_of(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const uint64_t *seqs = ctx;
	return bdb__obs_delete_runs(txn, s->dbi[BDB__DB_CHUNKS], seqs, 3);
}

/*
 * A series' sealed chunks gather into blocks of one page (2.8): appended
 * one run at a time and in batches, the series reads back whole, forwards,
 * backwards and by windows that start and end inside blocks; single
 * observations and the count read through blocks; a backfill and a
 * delete inside a block, and retain's deletion of several runs, take the
 * block apart and lose nothing else; verify is clean throughout, and a
 * block whose header does not add up is damage it names.
 */
static void test_chunks_gather_into_blocks(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	enum { N = 1600, BATCH = 50 };
	static bool gone[N + 1];
	memset(gone, 0, sizeof gone);
	size_t singles = sanitized() ? 200 : 400;
	for (size_t i = 0; i < singles; i++) {
		char id[32];
		snprintf(id, sizeof id, "r%zu", i);
		put_one(s, id, 1000 + 10 * (int64_t)i, block_value(i), i % 7 == 0);
	}
	for (size_t i = singles; i < N; i += BATCH) {
		bdb_run *runs[BATCH];
		char id[32];
		for (size_t j = 0; j < BATCH; j++) {
			snprintf(id, sizeof id, "r%zu", i + j);
			runs[j] = one_metric_run(id, 1000 + 10 * (int64_t)(i + j),
						 block_value(i + j), (i + j) % 7 == 0);
		}
		size_t failed = 0;
		bdb_diag d;
		bdb_diag_clear(&d);
		assert_int_equal(bdb_store_put_runs(s, (const bdb_run *const *)runs, BATCH, 0, NULL,
						    NULL, &failed, &d),
				 0);
		assert_int_equal(failed, 0);
		for (size_t j = 0; j < BATCH; j++)
			bdb_run_free(runs[j]);
	}
	assert_verify_clean(s);
	bdb_store_close(s);
	size_t blocks = chunk_values(dir, true);
	assert_true(blocks >= 2);

	s = open_store(dir, 0);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, false, gone), N);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, true, gone), N);
	/* Windows starting and ending anywhere: every 97th run to 613 runs on. */
	for (size_t a = 0; a < N; a += 97) {
		int64_t from = 1000 + 10 * (int64_t)a - 5, to = from + 10 * 613;
		size_t want = (a + 613 < N ? a + 613 : N) - a;
		assert_int_equal(check_window(s, from, to, false, gone), want);
		assert_int_equal(check_window(s, from, to, true, gone), want);
	}
	bdb_reader *r;
	bdb_obs o;
	size_t count;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_count(r, 1, &count), 0);
	assert_int_equal(count, N);
	for (size_t i = 0; i < N; i += 37) {
		assert_int_equal(bdb_reader_obs_get(r, 1, i + 1, &o), 0);
		assert_true(o.value == block_value(i));
		assert_int_equal(o.has_lower, i % 7 == 0);
	}
	bdb_reader_end(r);

	/* A delete inside the first block, then a backfill into it (its
	 * run's time between two others: a value of its own). */
	assert_int_equal(bdb_store_delete_run(s, 3), 0);
	gone[2] = true;
	bdb_run *late = one_metric_run("late", 1000 + 10 * 5 + 5, 42.0, false);
	put_ok(s, late, 0, BDB_PUT_STORED);
	bdb_run_free(late);
	assert_verify_clean(s);
	assert_int_equal(check_window(s, INT64_MIN, 1054, false, gone), 5);
	assert_int_equal(check_window(s, 1056, INT64_MAX, false, gone), N - 6);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_get(r, 1, N + 1, &o), 0);
	assert_true(o.value == 42.0);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_delete_run(s, N + 1), 0);

	/* Retain's walk: three runs' observations, two of them in blocks. */
	uint64_t seqs[3] = {10, 700, N - 1};
	assert_int_equal(bdb__write(s, delete_obs_of, seqs), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(bdb_store_delete_run(s, seqs[i]), 0);
		gone[seqs[i] - 1] = true;
	}
	assert_verify_clean(s);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, false, gone), N - 4);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, true, gone), N - 4);

	/* Runs between every two of the oldest 300, one at a time: each
	 * splits the full chunk it lands in, and what blocks gather again is
	 * many small chunks, 64 at most a block (more would fit a page). */
	for (size_t j = 0; j < 300; j++) {
		char id[32];
		snprintf(id, sizeof id, "between%zu", j);
		put_one(s, id, 1000 + 10 * (int64_t)j + 5, block_value(j), false);
	}
	assert_verify_clean(s);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_count(r, 1, &count), 0);
	assert_int_equal(count, N - 4 + 300);
	bdb_reader_end(r);
	/* What came apart is gathered again, between blocks too: loose only
	 * the chunks at the series' end (the newest and fewer than a page's
	 * worth before it: chunks of ~1 KB here). */
	bdb_store_close(s);
	size_t loose = chunk_values(dir, false);
	assert_true(loose <= 5); /* 6 when a run between blocks waited as at the end */
	/* compact keeps every block and chunk readable */
	s = open_store(dir, 0);
	uint64_t before, after;
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_store_compact(s, &before, &after, &d), 0);
	assert_verify_clean(s);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_count(r, 1, &count), 0);
	assert_int_equal(count, N - 4 + 300);
	bdb_reader_end(r);
	bdb_store_close(s);
	assert_int_equal(chunk_values(dir, false), loose);

	/* Damage: a block saying it has one part, and one whose second and
	 * third chunks changed places (lengths and all). */
	for (int damage = 0; damage < 2; damage++) {
		bdb_buf saved;
		bdb_buf_init(&saved);
		damage_block(dir, damage, &saved);
		s = open_store(dir, 0);
		size_t problems = 0;
		assert_int_equal(bdb_store_verify(s, NULL, NULL, &problems), 0);
		assert_true(problems >= 1);
		assert_int_equal(bdb_reader_begin(s, &r), 0);
		bdb_obs_iter *it;
		int rc;
		assert_int_equal(bdb_obs_iter_open(r, 1, INT64_MIN, INT64_MAX, false, &it), 0);
		while ((rc = bdb_obs_iter_next(it, &o)) == 1)
			;
		assert_int_equal(rc, BDB_ECORRUPT);
		bdb_reader_end(r);
		bdb_store_close(s);
		restore_block(dir, &saved);
		bdb_buf_free(&saved);
	}
	remove_tree(dir);
	free(dir);
}

static int put_many_obs(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const size_t *n = ctx;
	bdb_obs *obs = calloc(*n, sizeof *obs);
	if (!obs)
		return BDB_ENOMEM;
	for (size_t i = 0; i < *n; i++)
		obs[i] = (bdb_obs){.timestamp_us = 1000 + 10 * (int64_t)i, .run_seq = i + 1,
				   .value = block_value(i)};
	int rc = bdb__obs_put(txn, s->dbi[BDB__DB_CHUNKS], 1, obs, *n);
	free(obs);
	return rc;
}

/* One put of a whole series (as the upgrade from format 2 makes): every
 * sealed chunk goes into blocks, not only the newest ones. */
static void test_chunks_gather_a_whole_series(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	size_t n = 20000;
	assert_int_equal(bdb__write(s, put_many_obs, &n), 0);
	bool *gone = calloc(n, sizeof *gone);
	assert_non_null(gone);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, false, gone), n);
	assert_int_equal(check_window(s, INT64_MIN, INT64_MAX, true, gone), n);
	free(gone);
	bdb_store_close(s);
	assert_true(chunk_values(dir, true) >= 30); /* 157 chunks of ~1 KB, 4 a block */
	assert_true(chunk_values(dir, false) <= 5);
	remove_tree(dir);
	free(dir);
}

/*
 * In one batch (bdb_store_put_runs), observations wait in the write path's
 * series cache and are merged into the series' chunk once, older ones
 * included; bounds arriving in the batch join a chunk without them. Every
 * value reads back, and verify is clean.
 */
static void test_chunks_merge_a_batch(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_one(s, "stored0", 1000, 1.0, false);
	put_one(s, "stored1", 1010, 2.0, false);
	bdb_store_close(s);
	size_t count, largest;
	assert_int_equal(series_chunks(dir, 1, &count, &largest), 1);
	assert_int_equal(count, 2);

	s = open_store(dir, 0);
	bdb_run *runs[4] = {
	    one_metric_run("b0", 1020, 3.0, false), one_metric_run("b1", 1030, 4.0, false),
	    one_metric_run("b2", 1040, 5.0, true),
	    one_metric_run("b3", 1005, 1.5, false), /* older than the stored ones */
	};
	size_t failed = 99;
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(
	    bdb_store_put_runs(s, (const bdb_run *const *)runs, 4, 0, NULL, NULL, &failed, &d), 0);
	for (size_t i = 0; i < 4; i++)
		bdb_run_free(runs[i]);
	assert_verify_clean(s);
	double values[8];
	bool bounded[8];
	assert_int_equal(read_series(s, values, bounded, 8), 6);
	const double want[6] = {1.0, 1.5, 2.0, 3.0, 4.0, 5.0};
	for (size_t i = 0; i < 6; i++) {
		assert_true(values[i] == want[i]);
		assert_true(bounded[i] == (i == 5));
	}
	bdb_store_close(s);
	assert_int_equal(series_chunks(dir, 1, &count, &largest), 1);
	assert_int_equal(count, 6);

	/* A new series whose first batch starts narrow and turns wide. */
	s = open_store(dir, 0);
	bdb_run *more[2] = {one_metric_run("c0", 2000, 7.0, false),
			    one_metric_run("c1", 2010, 8.0, true)};
	bdb_point *p;
	bdb_metric *m;
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(bdb_run_add_point(more[i], "q", &p), 0);
		assert_int_equal(bdb_point_add_metric(more[i], p, "m", 10.0 + (double)i, &m), 0);
		if (i == 1)
			m->has_lower = true, m->lower = 9.0;
	}
	assert_int_equal(
	    bdb_store_put_runs(s, (const bdb_run *const *)more, 2, 0, NULL, NULL, &failed, &d), 0);
	bdb_run_free(more[0]);
	bdb_run_free(more[1]);
	assert_verify_clean(s);
	bdb_store_close(s);
	/* Series 2 is q/m; series 1 has the two new runs too. */
	assert_int_equal(series_chunks(dir, 2, &count, &largest), 1);
	assert_int_equal(count, 2);
	assert_int_equal(series_chunks(dir, 1, &count, &largest), 1);
	assert_int_equal(count, 8);
	remove_tree(dir);
	free(dir);
}

static void test_chunk_keeps_sample_counts(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_one(s, "a", 1, 1.0, false);
	bdb_run *run = one_metric_run("b", 2, 2.0, false);
	static const double samples[] = {1.5, 2.0, 2.5};
	assert_int_equal(bdb_metric_set_samples(run, &run->points[0].metrics[0], samples, 3), 0);
	uint64_t seq = put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	assert_verify_clean(s);
	bdb_reader *r;
	bdb_obs o;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_get(r, 1, seq, &o), 0);
	assert_int_equal(o.n_samples, 3);
	assert_false(o.has_lower || o.has_upper);
	bdb_reader_end(r);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.observations, 2);
	assert_int_equal(st.samples, 3);
	bdb_store_close(s);
	size_t count, largest;
	assert_int_equal(series_chunks(dir, 1, &count, &largest), 1);
	assert_int_equal(count, 2);
	remove_tree(dir);
	free(dir);
}

/*
 * The bytes of a chunk (docs/storage.md 2.8), worked out by hand from the
 * format: flags 8 (decimal values; no bounds, no samples), count - 1; then
 * bits: time -1 (64 bits, two's complement), seq 1 (32 bits); the decimal
 * header: e 0 = 00000, the least integer 1, zigzag 2 as a number = 1 ‖
 * 000001 (2 bits - 1) ‖ 10, width 0 = 000000; the first value's offset (0
 * bits); for the second observation (time 9, seq 2, value 1.0): time delta
 * of delta 10, zigzag 20 = 1 ‖ 000100 (5 bits - 1) ‖ 10100; seq delta of
 * delta 1, zigzag 2 = 1 ‖ 000001 ‖ 10; the value's offset (0 bits); then
 * seven bits of padding: 00000100 00011000 00001000 10010100 10000011
 * 00000000.
 */
static void test_chunk_bytes(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_one(s, "a", -1, 1.0, false);
	put_one(s, "b", 9, 1.0, false);
	bdb_store_close(s);
	raw r;
	raw_open(&r, dir, "chunks");
	/* series 1, time -1 sign-flipped, seq 1 */
	uint8_t key[20] = {0,	 0,    0,    0,	   0,	 0,    0, 1, 0x7F, 0xFF,
			   0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0,	   1};
	MDB_val k = {20, key}, v;
	assert_int_equal(mdb_get(r.txn, r.dbi, &k, &v), 0);
	static const uint8_t want[20] = {8,    1,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
					 0xFF, 0xFF, 0xFF, 0,	 0,    0,    1,
					 0x04, 0x18, 0x08, 0x94, 0x83, 0x00};
	assert_int_equal(v.mv_size, 20);
	assert_memory_equal(v.mv_data, want, 20);
	raw_close(&r);
	remove_tree(dir);
	free(dir);
}

/* A run of the points named in order, each with metric "m". */
static bdb_run *points_run(const char *id, int64_t ts, const char *const *names, size_t n)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = ts;
	for (size_t i = 0; i < n; i++) {
		bdb_point *p;
		bdb_metric *m;
		assert_int_equal(bdb_run_add_point(run, names[i], &p), 0);
		assert_int_equal(bdb_point_add_metric(run, p, "m", (double)i, &m), 0);
	}
	return run;
}

static void test_run_series_ranges(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	static const char *const first[] = {"a", "b", "c", "d", "e"};
	/* Out of order, a gap, a new series (6), backwards runs. */
	static const char *const second[] = {"d", "e", "b", "f", "a", "c"};
	static const uint64_t want[] = {4, 5, 2, 6, 1, 3};
	bdb_run *run = points_run("r1", 1, first, 5);
	put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	run = points_run("r2", 2, second, 6);
	uint64_t seq = put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	assert_verify_clean(s);
	bdb_reader *r;
	uint64_t *ids;
	size_t n;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_run_series(r, 1, &ids, &n), 0);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], i + 1);
	free(ids);
	assert_int_equal(bdb_reader_run_series(r, seq, &ids, &n), 0);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], want[i]);
	free(ids);
	bdb_reader_end(r);
	bdb_store_close(s);

	/* Bytes: run 1 is one range (gap 1 zigzag 2, length-1 4); run 2 is
	 * 4..5 (gap 4-0: 8, 1), 2 (gap 2-6 = -4: 7, 0), 6 (gap 6-3: 6, 0),
	 * 1 (gap 1-7 = -6: 11, 0), 3 (gap 3-2: 2, 0). */
	raw raw_db;
	raw_open(&raw_db, dir, "run_series");
	static const uint8_t bytes1[] = {2, 4}, bytes2[] = {8, 1, 7, 0, 6, 0, 11, 0, 2, 0};
	uint8_t key[8];
	put_be64(key, 1);
	MDB_val k = {8, key}, v;
	assert_int_equal(mdb_get(raw_db.txn, raw_db.dbi, &k, &v), 0);
	assert_int_equal(v.mv_size, sizeof bytes1);
	assert_memory_equal(v.mv_data, bytes1, sizeof bytes1);
	put_be64(key, seq);
	assert_int_equal(mdb_get(raw_db.txn, raw_db.dbi, &k, &v), 0);
	assert_int_equal(v.mv_size, sizeof bytes2);
	assert_memory_equal(v.mv_data, bytes2, sizeof bytes2);
	/* A value listing more series than the run has metrics is damage. */
	static const uint8_t too_many[] = {2, 9};
	put_be64(key, 1);
	v = (MDB_val){sizeof too_many, (void *)too_many};
	assert_int_equal(mdb_put(raw_db.txn, raw_db.dbi, &k, &v, 0), 0);
	raw_close(&raw_db);

	s = open_store(dir, 0);
	assert_true(verify_count(s) > 0);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_run_series(r, 1, &ids, &n), BDB_ECORRUPT);
	bdb_reader_end(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * Overwrites an entry count in data.mdb that LMDB's API cannot write: that
 * of the 48-byte database record in the leaf node with these flags and key
 * (a named database in the main one: F_SUBDATA 2), at byte 32 of the
 * record. Every copy is
 * changed (free pages may hold old ones). Returns the number of copies.
 */
static size_t set_record_count(const char *dir, uint8_t flags, const void *key, size_t klen,
			       uint64_t count)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	size_t len;
	uint8_t *bytes = test_read_file(path, &len);
	uint8_t node[8 + 64] = {48, 0, 0, 0, flags, 0, (uint8_t)klen, 0};
	assert_true(klen <= 64);
	memcpy(node + 8, key, klen);
	size_t copies = 0, node_len = 8 + klen;
	for (size_t at = 0; at + node_len + 48 <= len; at++) {
		if (memcmp(bytes + at, node, node_len) != 0)
			continue;
		uint8_t *entries = bytes + at + node_len + 32;
		memcpy(entries, &count, 8); /* LMDB's own byte order */
		copies++;
	}
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(bytes);
	return copies;
}

/*
 * Run values are zstd frames (docs/storage.md 2.2.1). Once the store has 64
 * runs a dictionary is trained from them (meta "zstd_dict"); runs put after
 * it name it in their frame, runs before it do not, and every run reads
 * back equal to what was put, and verifies.
 */
static void test_runs_compressed_with_a_dictionary(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	enum { N = 70, POINTS = 40 };
	char names[POINTS][48];
	const char *list[POINTS];
	for (int i = 0; i < POINTS; i++) {
		snprintf(names[i], sizeof names[i], "BM_point_%d/size:%d", i, 1 << (i % 12));
		list[i] = names[i];
	}
	bdb_run *runs[N];
	for (int i = 0; i < N; i++) {
		char id[16];
		snprintf(id, sizeof id, "r%02d", i);
		runs[i] = points_run(id, 1000 + i, list, POINTS);
		for (int j = 0; j < POINTS; j++)
			runs[i]->points[j].metrics[0].value = 1000.0 / (1 + i + j);
		put_ok(s, runs[i], 0, BDB_PUT_STORED);
	}
	assert_verify_clean(s);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	for (int i = 0; i < N; i++) {
		bdb_run *back;
		assert_int_equal(bdb_reader_run_decode(r, (uint64_t)i + 1, &back), 0);
		assert_true(bdb_run_equal(runs[i], back));
		bdb_run_free(back);
		bdb_run_free(runs[i]);
	}
	bdb_reader_end(r);
	bdb_store_close(s);

	raw w;
	raw_open(&w, dir, "meta");
	MDB_val k = {9, "zstd_dict"}, v;
	assert_int_equal(mdb_get(w.txn, w.dbi, &k, &v), 0);
	unsigned dict_id = ZSTD_getDictID_fromDict(v.mv_data, v.mv_size);
	assert_true(dict_id != 0);
	raw_close(&w);
	raw_open(&w, dir, "runs");
	for (uint64_t seq = 1; seq <= N; seq++) {
		uint8_t key[8];
		put_be64(key, seq);
		k = (MDB_val){8, key};
		assert_int_equal(mdb_get(w.txn, w.dbi, &k, &v), 0);
		/* The doubles packed apart, with a samples section when
		 * they pay (byte 2, format 5), then zstd's magic number,
		 * little-endian */
		assert_memory_equal(v.mv_data, "\x02\x28\xB5\x2F\xFD", 5);
		/* The 64th run's put trained it: the runs after it use it. */
		assert_int_equal(ZSTD_getDictID_fromFrame((const char *)v.mv_data + 1,
							  v.mv_size - 1),
				 seq <= 64 ? 0 : dict_id);
	}
	raw_close(&w);
	remove_tree(dir);
	free(dir);
}

/* Sets the count byte of series 1's last chunk to count - 1. */
static void set_last_chunk_count(const char *dir, uint8_t count_less_one)
{
	raw r;
	raw_open(&r, dir, "chunks");
	MDB_cursor *cur;
	MDB_val k, v;
	assert_int_equal(mdb_cursor_open(r.txn, r.dbi, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_LAST), 0);
	uint8_t *copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	copy[1] = count_less_one;
	MDB_val nv = {v.mv_size, copy};
	assert_int_equal(mdb_cursor_put(cur, &k, &nv, MDB_CURRENT), 0);
	free(copy);
	mdb_cursor_close(cur);
	raw_close(&r);
}

/* A damaged observation count (chunk headers summing past the runs) is
 * refused before a table is sized by it, and so is the chunk it damaged. */
static void test_corrupt_observation_count(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	/* 300 observations: chunks of 128, 128 and 44. */
	for (int i = 0; i < 300; i++) {
		char id[16];
		snprintf(id, sizeof id, "r%03d", i);
		put_one(s, id, 1000 + i, i, false);
	}
	bdb_reader *r;
	size_t n;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_count(r, 1, &n), 0);
	assert_int_equal(n, 300);
	bdb_reader_end(r);
	bdb_store_close(s);
	/* 128 + 128 + 128 = 384 observations said, for 300 runs. */
	set_last_chunk_count(dir, 127);

	s = open_store(dir, 0);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	n = 7;
	assert_int_equal(bdb_reader_obs_count(r, 1, &n), BDB_ECORRUPT);
	assert_int_equal(n, 0);
	bdb_reader_end(r);
	bdb_result *res = NULL;
	bdb_diag d;
	assert_int_equal(bdb_query_run(s, "trend m", NULL, &res, &d), BDB_ECORRUPT);
	assert_null(res);
	assert_string_equal(d.message, "reading observations: the store is damaged (benchdb verify "
				       "says where; restore a backup)");
	assert_true(verify_count(s) > 0);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* Entry counts of named databases (mdb_stat) size allocations: one more
 * than the database's leaf pages can hold is refused. */
static void test_corrupt_database_counts(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_one(s, "a", 1, 1.0, false);
	put_one(s, "b", 2, 2.0, false);
	bdb_store_close(s);
	assert_true(set_record_count(dir, 2, "runlog", 6, UINT64_C(3000000000000000000)) >= 1);
	assert_true(set_record_count(dir, 2, "series_info", 11, 1000) >= 1);

	s = open_store(dir, 0);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	uint64_t runs = 7;
	assert_int_equal(bdb_reader_count_runs(r, &runs), BDB_ECORRUPT);
	assert_int_equal(runs, 0);
	uint64_t *ids;
	size_t n;
	assert_int_equal(bdb_reader_series_match(r, NULL, 0, &ids, &n), BDB_ECORRUPT);
	bdb_reader_end(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

static void test_sequence_limit(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	bdb_store_close(s);
	set_meta_u64(dir, "next_seq", UINT64_C(0xFFFFFFFE));
	s = open_store(dir, 0);
	/* The last sequence number a record can hold. */
	uint64_t seq = put_one(s, "last", 7, 3.0, false);
	assert_int_equal(seq, UINT64_C(0xFFFFFFFE));
	bdb_reader *r;
	bdb_obs o;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_obs_get(r, 1, seq, &o), 0);
	assert_int_equal(o.run_seq, seq);
	bdb_obs_iter *it;
	/* Backwards from a bound equal to the run's time still finds it. */
	assert_int_equal(bdb_obs_iter_open(r, 1, 7, 7, true, &it), 0);
	assert_int_equal(bdb_obs_iter_next(it, &o), 1);
	assert_int_equal(o.run_seq, seq);
	assert_int_equal(bdb_obs_iter_next(it, &o), 0);
	bdb_reader_end(r);
	assert_verify_clean(s);
	/* The next run would not fit the record's 32 bits. */
	bdb_run *run = one_metric_run("over", 8, 4.0, false);
	bdb_diag d;
	assert_int_equal(bdb_store_put_run(s, run, 0, NULL, NULL, &d), BDB_ETOOBIG);
	assert_non_null(strstr(d.message, "32-bit"));
	bdb_run_free(run);
	assert_verify_clean(s);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_chunks_take_bounds_and_older_runs),
	    cmocka_unit_test(test_chunks_merge_a_batch),
	    cmocka_unit_test(test_chunks_gather_into_blocks),
	    cmocka_unit_test(test_chunks_gather_a_whole_series),
	    cmocka_unit_test(test_chunk_keeps_sample_counts),
	    cmocka_unit_test(test_chunk_bytes),
	    cmocka_unit_test(test_runs_compressed_with_a_dictionary),
	    cmocka_unit_test(test_run_series_ranges),
	    cmocka_unit_test(test_sequence_limit),
	    cmocka_unit_test(test_corrupt_observation_count),
	    cmocka_unit_test(test_corrupt_database_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
