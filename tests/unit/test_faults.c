/*
 * test_faults.c - the engine when its memory map is full (docs/faults.md).
 *
 * Before every write transaction the store is reopened with a 4 KiB map,
 * which LMDB raises to exactly the pages in use: the transaction has no
 * room beyond the free list, so mdb_put (or the commit, which writes the
 * free list) hits MDB_MAP_FULL and bdb__write must grow the map and redo the
 * transaction. Every kind of write goes through this: new runs of growing
 * size, identical re-puts, replacements, deletes, baselines, metric
 * definitions. Afterwards everything is stored as expected and verify is
 * clean. A second test puts one run that needs many doublings at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "helpers/store_env.h"

/* The store in dir reopened with no room to spare. */
static bdb_store *reopen_full(bdb_store *s, const char *dir)
{
	bdb_store_close(s);
	return open_store(dir, 4096);
}

static uint64_t map_size(bdb_store *s)
{
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	return st.map_size;
}

/* Asserts that run id is stored and equal to want. */
static void assert_stored(bdb_store *s, const bdb_run *want)
{
	bdb_reader *r;
	uint64_t seq;
	bdb_run *back;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, want->id, &seq), 0);
	assert_int_equal(bdb_reader_run_decode(r, seq, &back), 0);
	assert_true(bdb_run_equal(back, want));
	bdb_run_free(back);
	bdb_reader_end(r);
}

static void test_map_full_at_every_write(void **state)
{
	(void)state;
	size_t rounds = sanitized() ? 5 : 8;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 4096);
	bdb_run **kept = calloc(rounds, sizeof *kept);
	size_t grew = 0, puts = 0;
	for (size_t i = 0; i < rounds; i++) {
		char id[32];
		snprintf(id, sizeof id, "run-%zu", i);
		/* Runs of 8, 16, 32, ... points: each needs more pages. */
		size_t points = (size_t)8 << i;
		bdb_run *run = make_run(id, (int64_t)i * 1000000, "abc", "main", points, (double)i);

		s = reopen_full(s, dir);
		uint64_t before = map_size(s);
		put_ok(s, run, 0, BDB_PUT_STORED);
		grew += map_size(s) > before;
		puts++;

		s = reopen_full(s, dir);
		put_ok(s, run, 0, BDB_PUT_UNCHANGED);

		/* A replacement of the same size, other values. */
		bdb_run *other =
		    make_run(id, (int64_t)i * 1000000, "abc", "main", points, (double)i + 0.5);
		s = reopen_full(s, dir);
		before = map_size(s);
		put_ok(s, other, BDB_PUT_REPLACE, BDB_PUT_REPLACED);
		grew += map_size(s) > before;
		puts++;

		uint64_t now;
		bdb_reader *r;
		assert_int_equal(bdb_reader_begin(s, &r), 0);
		assert_int_equal(bdb_reader_find_id(r, id, &now), 0);
		bdb_reader_end(r);
		s = reopen_full(s, dir);
		assert_int_equal(bdb_store_set_baseline(s, "main", now), 0);

		char name[32];
		snprintf(name, sizeof name, "metric-%zu", i);
		bdb_metric_def def = {.name = name,
				      .unit = "ns",
				      .direction = BDB_LOWER,
				      .description = "a definition put into a full map"};
		s = reopen_full(s, dir);
		assert_int_equal(bdb_store_put_metric_def(s, &def), 0);

		/* Every other round, a throw-away run is stored and deleted. */
		if (i % 2) {
			bdb_run *tmp = make_run("temporary", 5, NULL, NULL, points, 1.0);
			s = reopen_full(s, dir);
			uint64_t tseq = put_ok(s, tmp, 0, BDB_PUT_STORED);
			s = reopen_full(s, dir);
			assert_int_equal(bdb_store_set_baseline(s, "tmp", tseq), 0);
			s = reopen_full(s, dir);
			assert_int_equal(bdb_store_delete_run(s, tseq), 0);
			bdb_run_free(tmp);
		}
		bdb_run_free(run);
		kept[i] = other;
	}
	s = reopen_full(s, dir);
	assert_int_equal(bdb_store_drop_baseline(s, "main"), 0);
	/* The map had to grow for most of the puts (all but those that fit in
	 * pages freed by earlier transactions). */
	fprintf(stderr, "# the map grew during %zu of %zu puts into a full map\n", grew, puts);
	assert_true(grew * 2 >= puts);

	bdb_store_close(s);
	s = open_store(dir, 0);
	assert_verify_clean(s);
	bdb_reader *r;
	uint64_t n, seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, rounds);
	assert_int_equal(bdb_reader_find_id(r, "temporary", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_get_baseline(r, "tmp", &seq), BDB_ENOTFOUND);
	bdb_metric_def got;
	assert_int_equal(bdb_reader_metric_def(r, "metric-0", &got), 0);
	assert_string_equal(got.description, "a definition put into a full map");
	bdb_reader_end(r);
	for (size_t i = 0; i < rounds; i++) {
		assert_stored(s, kept[i]);
		bdb_run_free(kept[i]);
	}
	free(kept);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* One run of several MB into a 32 KiB map: the put must grow it many times
 * (doubling: 32 KiB -> 64 KiB -> ... beyond the run's size) and retry. */
static void test_put_needs_many_doublings(void **state)
{
	(void)state;
	size_t n_samples = sanitized() ? 200 : 1000;
	double *samples = malloc(n_samples * sizeof *samples);
	bdb_run *run = make_run("huge", 42, NULL, NULL, 500, 3.0);
	/* Random bits, other ones for every metric: runs are stored compressed
	 * (docs/storage.md 2.2.1), and regular or repeated samples would
	 * shrink to a few KB. */
	uint64_t x = 42;
	for (size_t p = 0; p < run->n_points; p++)
		for (size_t m = 0; m < run->points[p].n_metrics; m++) {
			for (size_t i = 0; i < n_samples; i++) {
				x = x * UINT64_C(6364136223846793005) +
				    UINT64_C(1442695040888963407);
				samples[i] = (double)(x >> 11) / 9007199254740992.0;
			}
			assert_int_equal(bdb_metric_set_samples(run, &run->points[p].metrics[m],
								samples, n_samples),
					 0);
		}
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 32 << 10);
	uint64_t before = map_size(s);
	put_ok(s, run, 0, BDB_PUT_STORED);
	uint64_t after = map_size(s);
	size_t doublings = 0;
	for (uint64_t m = before; m < after; m *= 2)
		doublings++;
	fprintf(stderr, "# one put of %zu samples grew the map %zu times (%llu KiB -> %llu KiB)\n",
		run->n_points * 2 * n_samples, doublings, (unsigned long long)(before >> 10),
		(unsigned long long)(after >> 10));
	/* 500 points x 2 metrics x n samples x 8 bytes is at least 0.8 MB. */
	assert_true(doublings >= 5);
	assert_true(after >= run->n_points * 2 * n_samples * sizeof(double));
	assert_stored(s, run);
	assert_verify_clean(s);
	bdb_store_close(s);
	s = open_store(dir, 32 << 10);
	assert_stored(s, run);
	bdb_store_close(s);
	bdb_run_free(run);
	free(samples);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_map_full_at_every_write),
	    cmocka_unit_test(test_put_needs_many_doublings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
