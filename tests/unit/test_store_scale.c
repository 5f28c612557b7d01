/*
 * test_store_scale.c - the engine at size: a million observations
 * (scaled down under the sanitizers, same checks), and map growth from a
 * 64 KiB initial map through 100 MB of runs (20 MB under the sanitizers).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/store_env.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* 1,000 runs x 500 points x 2 metrics = 1,000,000 observations (100,000 under
 * the sanitizers). */
static void test_million_observations(void **state)
{
	(void)state;
	size_t n_runs = sanitized() ? 100 : 1000, n_points = 500;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	double t0 = seconds();
	/* In batches of 20 runs (10,000 observations) per transaction. */
	enum { BATCH = 20 };
	bdb_run *batch[BATCH];
	uint64_t seqs[BATCH];
	bdb_put_outcome outcomes[BATCH];
	for (size_t i = 0; i < n_runs; i += BATCH) {
		for (size_t j = 0; j < BATCH; j++) {
			char id[32];
			snprintf(id, sizeof id, "run-%04zu", i + j);
			/* Every third run goes back in time: the index keeps time order. */
			size_t day = i + j;
			int64_t ts = (int64_t)(day % 3 == 2 ? day - 2 : day) * 86400000000LL;
			batch[j] = make_run(id, ts, NULL, "main", n_points, (double)day);
		}
		bdb_diag d;
		int rc = bdb_store_put_runs(s, (const bdb_run *const *)batch, BATCH, 0, seqs,
					    outcomes, NULL, &d);
		if (rc)
			fail_msg("put_runs: %s", d.message);
		for (size_t j = 0; j < BATCH; j++) {
			assert_int_equal(seqs[j], i + j + 1);
			assert_int_equal(outcomes[j], BDB_PUT_STORED);
			bdb_run_free(batch[j]);
		}
	}
	double t1 = seconds();
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.runs, n_runs);
	assert_int_equal(st.series, n_points * 2);
	assert_int_equal(st.observations, n_runs * n_points * 2);
	fprintf(stderr,
		"# %llu observations: ingest (20 runs a transaction) %.2f s (%.0f obs/s), %.1f "
		"bytes/obs, "
		"%llu bytes on disk\n",
		(unsigned long long)st.observations, t1 - t0, (double)st.observations / (t1 - t0),
		st.bytes_per_observation, (unsigned long long)st.bytes_on_disk);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	/* One series over all runs, newest first, in time order. */
	bdb_kv tags[] = {{"framework", "Datarax"}, {"size", "2"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/011", tags, 2, "time", &id), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, true, &it), 0);
	bdb_obs o;
	size_t n = 0;
	int64_t prev = INT64_MAX;
	while (bdb_obs_iter_next(it, &o) == 1) {
		assert_true(o.timestamp_us <= prev);
		prev = o.timestamp_us;
		assert_true(o.value == (double)(o.run_seq - 1) + 11.0);
		n++;
	}
	bdb_obs_iter_close(it);
	assert_int_equal(n, n_runs);
	/* Forwards, and a range whose ends fall inside pages, both ways. */
	int64_t day = 86400000000LL, from = 100 * day, to = 899 * day;
	size_t in_range = 0;
	for (size_t i = 0; i < n_runs; i++) {
		int64_t t = (int64_t)(i % 3 == 2 ? i - 2 : i) * day;
		in_range += t >= from && t <= to;
	}
	for (int backward = 0; backward < 2; backward++) {
		size_t all = 0, ranged = 0;
		assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, backward, &it), 0);
		while (bdb_obs_iter_next(it, &o) == 1)
			all++;
		bdb_obs_iter_close(it);
		assert_int_equal(bdb_obs_iter_open(r, id, from, to, backward, &it), 0);
		prev = backward ? INT64_MAX : INT64_MIN;
		while (bdb_obs_iter_next(it, &o) == 1) {
			assert_true(o.timestamp_us >= from && o.timestamp_us <= to);
			assert_true(backward ? o.timestamp_us <= prev : o.timestamp_us >= prev);
			prev = o.timestamp_us;
			ranged++;
		}
		bdb_obs_iter_close(it);
		assert_int_equal(all, n_runs);
		assert_int_equal(ranged, in_range);
	}
	/* The last 10 only. */
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, true, &it), 0);
	for (n = 0; n < 10; n++)
		assert_int_equal(bdb_obs_iter_next(it, &o), 1);
	bdb_obs_iter_close(it);
	assert_int_equal(o.run_seq, n_runs - 9);
	const char *terms[] = {"m:ops", "t:framework=Grain"};
	assert_int_equal(count_matching(r, terms, 2), n_points / 2);
	uint64_t seq;
	assert_int_equal(bdb_reader_latest(r, 0, &seq), 0);
	assert_int_equal(seq, n_runs); /* i = n_runs - 1 is not moved back */
	bdb_reader_end(r);
	double t2 = seconds();
	assert_verify_clean(s);
	fprintf(stderr, "# verify of %llu observations: %.2f s\n",
		(unsigned long long)st.observations, seconds() - t2);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* A run of about 800 KB: 50 points x 2 metrics x 1,000 samples. */
/* Run i: 50 points of 2 metrics, each with 1,000 samples of random bits
 * (a sequence seeded by i, point and metric: runs are stored compressed,
 * docs/storage.md 2.2.1, and repeated samples would shrink to nothing).
 * samples is scratch room for 1,000. */
static bdb_run *big_run(size_t i, double *samples)
{
	char id[32];
	snprintf(id, sizeof id, "big-%03zu", i);
	bdb_run *run = make_run(id, (int64_t)i * 1000, NULL, NULL, 50, (double)i);
	for (size_t p = 0; p < run->n_points; p++)
		for (size_t m = 0; m < run->points[p].n_metrics; m++) {
			uint64_t x = (i * 1000 + p) * 8 + m + 1;
			for (size_t k = 0; k < 1000; k++) {
				x = x * UINT64_C(6364136223846793005) +
				    UINT64_C(1442695040888963407);
				samples[k] = (double)(x >> 11) / 9007199254740992.0;
			}
			assert_int_equal(
			    bdb_metric_set_samples(run, &run->points[p].metrics[m], samples, 1000),
			    0);
		}
	return run;
}

static void test_map_growth(void **state)
{
	(void)state;
	size_t target = (sanitized() ? 20u : 100u) << 20;
	double *samples = malloc(1000 * sizeof *samples);
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 64 << 10);
	size_t bytes = 0, n_runs = 0;
	while (bytes < target) {
		bdb_run *run = big_run(n_runs, samples);
		bdb_buf fb;
		bdb_buf_init(&fb);
		assert_int_equal(bdb_run_encode(run, &fb), 0);
		bytes += fb.len;
		bdb_buf_free(&fb);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
		n_runs++;
	}
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.runs, n_runs);
	assert_int_equal(st.samples, n_runs * 100 * 1000);
	/* Random samples lose little to compression (their exponents): the
	 * file and the map hold at least half the FlatBuffers' bytes. */
	assert_true(st.map_size >= st.bytes_on_disk);
	assert_true(st.bytes_on_disk >= bytes / 2);
	fprintf(stderr, "# %zu runs, %zu MB of FlatBuffers, map grew from 64 KiB to %llu MB\n",
		n_runs, bytes >> 20, (unsigned long long)(st.map_size >> 20));
	bdb_store_close(s);
	/* Reopened with the tiny map again: it takes the file's size. */
	s = open_store(dir, 64 << 10);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_run *back;
	assert_int_equal(bdb_reader_run_decode(r, n_runs, &back), 0);
	bdb_run *want = big_run(n_runs - 1, samples);
	assert_true(bdb_run_equal(back, want));
	bdb_run_free(back);
	bdb_run_free(want);
	bdb_reader_end(r);
	bdb_run *more = big_run(n_runs, samples);
	put_ok(s, more, 0, BDB_PUT_STORED);
	bdb_run_free(more);
	assert_verify_clean(s);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
	free(samples);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_million_observations),
	    cmocka_unit_test(test_map_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
