/*
 * test_store_runlog.c - run lookups through a reader's run-log cursor
 * (bdb_reader_run_info answers runs near the last one by stepping the
 * cursor): runs asked in order, backwards, again, by jumps and out of
 * range; gaps left by deleted runs; a series missing from some runs walked
 * with its observation iterator (all, a time range, the last N) with the run
 * of each observation, and its count; runs put out of time order; readers reused after a
 * put; and the same walks through trend and changes of the query language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/query_check.h"
#include "helpers/store_env.h"

#define N_RUNS 24
#define DAY_US INT64_C(86400000000)
/* 2026-01-01T00:00:00Z: run k is on 2026-01-k. */
#define BASE_US INT64_C(1767225600000000)

/* Run k (1..N_RUNS): id nightly-k, commit c0k…, branch dev when k % 3 == 0
 * (else main), 6 points, or 3 when k % 4 == 0 (so that bench/005 is missing
 * from runs 4, 8, ...), values base 10 k (bench/005 time = 10 k + 5). */
static void run_id(int k, char *id, size_t n)
{
	snprintf(id, n, "nightly-%02d", k);
}

static void run_commit(int k, char *commit, size_t n)
{
	snprintf(commit, n, "c%02d0000000000000000000000000000000000000", k);
}

static bool has_series(int k)
{
	return k % 4 != 0;
}

static uint64_t put_run_k(bdb_store *s, int k, int64_t ts)
{
	char id[32], commit[64];
	run_id(k, id, sizeof id);
	run_commit(k, commit, sizeof commit);
	bdb_run *run =
	    make_run(id, ts, commit, k % 3 == 0 ? "dev" : "main", has_series(k) ? 6 : 3, 10.0 * k);
	uint64_t seq = put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	return seq;
}

/* Runs 1..N_RUNS in time order: run k gets seq k. */
static void put_runs(bdb_store *s)
{
	for (int k = 1; k <= N_RUNS; k++)
		assert_int_equal(put_run_k(s, k, BASE_US + (k - 1) * DAY_US), (uint64_t)k);
}

/* Asserts run_info(seq) describes run k (put by put_run_k). */
static void assert_run_k(bdb_reader *r, uint64_t seq, int k, int64_t ts)
{
	char id[32], commit[64];
	run_id(k, id, sizeof id);
	run_commit(k, commit, sizeof commit);
	bdb_run_info info;
	memset(&info, 0, sizeof info);
	assert_int_equal(bdb_reader_run_info(r, seq, &info), 0);
	assert_int_equal(info.seq, seq);
	assert_string_equal(info.id, id);
	assert_string_equal(info.commit, commit);
	assert_string_equal(info.branch, k % 3 == 0 ? "dev" : "main");
	assert_int_equal(info.timestamp_us, ts);
	assert_int_equal(info.n_points, has_series(k) ? 6 : 3);
	assert_int_equal(info.n_metrics, has_series(k) ? 12 : 6);
}

static void assert_run(bdb_reader *r, int k)
{
	assert_run_k(r, (uint64_t)k, k, BASE_US + (k - 1) * DAY_US);
}

static void assert_no_run(bdb_reader *r, uint64_t seq)
{
	bdb_run_info info;
	assert_int_equal(bdb_reader_run_info(r, seq, &info), BDB_ENOTFOUND);
}

static void test_runs_in_any_order(void **state)
{
	store_fixture *f = *state;
	put_runs(f->store);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	for (int k = 1; k <= N_RUNS; k++)
		assert_run(r, k);
	for (int k = N_RUNS; k >= 1; k--)
		assert_run(r, k);
	/* The same run again, then jumps near and far in both directions. */
	static const int order[] = {7, 7, 7, 1, 24, 2, 23, 12, 13, 11, 20, 4, 4, 16, 15, 24, 1};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		assert_run(r, order[i]);
	/* Out of range, from near and far; a lookup after each still works. */
	assert_no_run(r, 0);
	assert_run(r, 1);
	assert_no_run(r, N_RUNS + 1);
	assert_run(r, N_RUNS);
	assert_no_run(r, N_RUNS + 1); /* one step past the last run */
	assert_run(r, N_RUNS - 1);
	assert_no_run(r, 1000);
	assert_run(r, 3);
	bdb_reader_end(r);
}

static void test_deleted_runs_leave_gaps(void **state)
{
	store_fixture *f = *state;
	put_runs(f->store);
	static const uint64_t deleted[] = {1, 6, 7, 8, 14, 24};
	for (size_t i = 0; i < sizeof deleted / sizeof deleted[0]; i++)
		assert_int_equal(bdb_store_delete_run(f->store, deleted[i]), 0);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	/* Forwards, backwards, and forwards again: the same answers. */
	for (int pass = 0; pass < 3; pass++) {
		for (int i = 1; i <= N_RUNS; i++) {
			int k = pass == 1 ? N_RUNS + 1 - i : i;
			bool gone = false;
			for (size_t d = 0; d < sizeof deleted / sizeof deleted[0]; d++)
				gone |= deleted[d] == (uint64_t)k;
			if (gone)
				assert_no_run(r, (uint64_t)k);
			else
				assert_run(r, k);
		}
	}
	/* Over a gap in one step each way, and a miss then its neighbours. */
	assert_run(r, 5);
	assert_run(r, 9);
	assert_run(r, 5);
	assert_no_run(r, 7);
	assert_run(r, 9);
	assert_no_run(r, 7);
	assert_run(r, 5);
	assert_no_run(r, 24);
	assert_run(r, 23);
	assert_no_run(r, 1);
	assert_run(r, 2);
	bdb_reader_end(r);
}

/* The series bench/005 time (framework=Datarax, size=2). */
static uint64_t series_005(bdb_reader *r)
{
	static const bdb_kv tags[] = {{"framework", "Datarax"}, {"size", "2"}};
	uint64_t id = 0;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/005", tags, 2, "time", &id), 0);
	return id;
}

/*
 * Walks bench/005 from..to (backward: newest first, at most limit) and
 * checks each observation and its run against the runs in want (run numbers
 * k, in the walk's order; seq k unless seq_of maps it).
 */
static void walk_series(bdb_reader *r, int64_t from, int64_t to, bool backward, size_t limit,
			const int *want, size_t n_want, const uint64_t *seq_of,
			const int64_t *ts_of)
{
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, series_005(r), from, to, backward, &it), 0);
	bdb_obs o;
	size_t n = 0;
	int rc;
	while ((limit == 0 || n < limit) && (rc = bdb_obs_iter_next(it, &o)) == 1) {
		assert_true(n < n_want);
		int k = want[n++];
		uint64_t seq = seq_of ? seq_of[k] : (uint64_t)k;
		int64_t ts = ts_of ? ts_of[k] : BASE_US + (k - 1) * DAY_US;
		assert_int_equal(o.run_seq, seq);
		assert_int_equal(o.timestamp_us, ts);
		assert_true(o.value == 10.0 * k + 5);
		assert_true(o.has_lower && o.lower == 10.0 * k + 4.5);
		assert_run_k(r, o.run_seq, k, ts);
	}
	assert_int_equal(n, n_want);
	bdb_obs_iter_close(it);
}

static void test_series_walk_with_runs(void **state)
{
	store_fixture *f = *state;
	put_runs(f->store);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	static const int all[] = {1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22, 23};
	walk_series(r, INT64_MIN, INT64_MAX, false, 0, all, 18, NULL, NULL);
	size_t count = 99;
	assert_int_equal(bdb_reader_obs_count(r, series_005(r), &count), 0);
	assert_int_equal(count, 18);
	assert_int_equal(bdb_reader_obs_count(r, 999999, &count), 0);
	assert_int_equal(count, 0);
	/* 2026-01-05 .. 2026-01-15, both ends included. */
	static const int range[] = {5, 6, 7, 9, 10, 11, 13, 14, 15};
	walk_series(r, BASE_US + 4 * DAY_US, BASE_US + 14 * DAY_US, false, 0, range, 9, NULL, NULL);
	/* The last 4, newest first. */
	static const int last[] = {23, 22, 21, 19};
	walk_series(r, INT64_MIN, INT64_MAX, true, 4, last, 4, NULL, NULL);
	/* A range holding only runs without the series. */
	walk_series(r, BASE_US + 7 * DAY_US, BASE_US + 7 * DAY_US, false, 0, NULL, 0, NULL, NULL);
	bdb_reader_end(r);

	/* Delete runs with the series (6, 7, 23) and without (8). */
	static const uint64_t deleted[] = {6, 7, 8, 23};
	for (size_t i = 0; i < sizeof deleted / sizeof deleted[0]; i++)
		assert_int_equal(bdb_store_delete_run(f->store, deleted[i]), 0);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	static const int kept[] = {1, 2, 3, 5, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22};
	walk_series(r, INT64_MIN, INT64_MAX, false, 0, kept, 15, NULL, NULL);
	assert_int_equal(bdb_reader_obs_count(r, series_005(r), &count), 0);
	assert_int_equal(count, 15);
	static const int kept_last[] = {22, 21, 19};
	walk_series(r, INT64_MIN, INT64_MAX, true, 3, kept_last, 3, NULL, NULL);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
}

static void test_runs_out_of_time_order(void **state)
{
	store_fixture *f = *state;
	/* Run k is put as seq 13 - k for k = 1..12 (newest first, as a backfill
	 * would), then runs 13..18 in order: time order is not seq order. */
	uint64_t seq_of[19];
	int64_t ts_of[19];
	for (int k = 12; k >= 1; k--) {
		ts_of[k] = BASE_US + (k - 1) * DAY_US;
		seq_of[k] = put_run_k(f->store, k, ts_of[k]);
		assert_int_equal(seq_of[k], 13 - k);
	}
	for (int k = 13; k <= 18; k++) {
		ts_of[k] = BASE_US + (k - 1) * DAY_US;
		seq_of[k] = put_run_k(f->store, k, ts_of[k]);
		assert_int_equal(seq_of[k], k);
	}
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	static const int all[] = {1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18};
	walk_series(r, INT64_MIN, INT64_MAX, false, 0, all, 14, seq_of, ts_of);
	static const int last[] = {18, 17, 15, 14, 13, 11, 10};
	walk_series(r, INT64_MIN, INT64_MAX, true, 7, last, 7, seq_of, ts_of);
	/* Listing by time walks the run log in a zigzag of seqs. */
	bdb_run_info *list;
	size_t n;
	assert_int_equal(bdb_reader_list_runs(r, NULL, 0, &list, &n), 0);
	assert_int_equal(n, 18);
	for (size_t i = 0; i < n; i++) {
		int k = 18 - (int)i;
		char id[32];
		run_id(k, id, sizeof id);
		assert_int_equal(list[i].seq, seq_of[k]);
		assert_string_equal(list[i].id, id);
		assert_int_equal(list[i].timestamp_us, ts_of[k]);
	}
	free(list);
	bdb_reader_end(r);
}

static void test_reader_reused_after_put(void **state)
{
	store_fixture *f = *state;
	put_runs(f->store);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_run(r, N_RUNS);
	assert_no_run(r, N_RUNS + 1);
	bdb_reader_end(r);
	/* The next reader reuses the transaction; it sees the new run. */
	int64_t ts = BASE_US + N_RUNS * DAY_US;
	assert_int_equal(put_run_k(f->store, N_RUNS + 1, ts), N_RUNS + 1);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_run_k(r, N_RUNS + 1, N_RUNS + 1, ts);
	assert_run(r, N_RUNS);
	/* Two readers at once, each with its own cursor. */
	bdb_reader *r2;
	assert_int_equal(bdb_reader_begin(f->store, &r2), 0);
	assert_run(r2, 2);
	assert_run(r, N_RUNS - 1);
	assert_run(r2, 3);
	assert_run(r, N_RUNS - 2);
	/* Observations of one run through obs_get, the run asked once each. */
	bdb_obs o;
	assert_int_equal(bdb_reader_obs_get(r2, series_005(r2), 3, &o), 0);
	assert_true(o.value == 35.0);
	assert_int_equal(bdb_reader_obs_get(r2, series_005(r2), 4, &o), BDB_ENOTFOUND);
	bdb_reader_end(r2);
	bdb_reader_end(r);
}

/* Each row's run, commit, timestamp and value against the runs in want. */
static void assert_trend(bdb_store *s, const char *q, const int *want, size_t n_want)
{
	bdb_result *res = query_run_ok(s, NULL, q);
	assert_int_equal(bdb_result_n_rows(res), n_want);
	for (size_t i = 0; i < n_want; i++) {
		char id[32], commit[64];
		run_id(want[i], id, sizeof id);
		run_commit(want[i], commit, sizeof commit);
		assert_string_equal(result_str(res, i, "run"), id);
		assert_string_equal(result_str(res, i, "commit"), commit);
		bdb_value t = result_cell(res, i, "timestamp");
		assert_int_equal(t.kind, BDB_VALUE_TIME);
		assert_int_equal(t.i, BASE_US + (want[i] - 1) * DAY_US);
		assert_true(result_num(res, i, "value") == 10.0 * want[i] + 5);
		assert_true(result_num(res, i, "lower") == 10.0 * want[i] + 4.5);
		assert_string_equal(result_str(res, i, "unit"), "ns");
	}
	bdb_result_free(res);
}

static void test_trend_and_changes_rows(void **state)
{
	store_fixture *f = *state;
	put_runs(f->store);
	assert_int_equal(bdb_store_delete_run(f->store, 6), 0);
	assert_int_equal(bdb_store_delete_run(f->store, 23), 0);
	static const int all[] = {1, 2, 3, 5, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19, 21, 22};
	assert_trend(f->store, "trend time of \"bench/005\"", all, 16);
	static const int last[] = {18, 19, 21, 22};
	assert_trend(f->store, "trend time of \"bench/005\" last 4", last, 4);
	static const int range[] = {5, 7, 9, 10};
	assert_trend(f->store, "trend time of \"bench/005\" since 2026-01-04 until 2026-01-10",
		     range, 4);
	/* Run fields in `where`: each row's run is read while walking. */
	static const int dev[] = {3, 9, 15, 18, 21};
	assert_trend(f->store, "trend time of \"bench/005\" where branch = \"dev\"", dev, 5);
	static const int one[] = {13};
	assert_trend(f->store,
		     "trend time of \"bench/005\" where commit = "
		     "\"c130000000000000000000000000000000000000\"",
		     one, 1);
	static const int dev_last[] = {18, 21};
	assert_trend(f->store, "trend time of \"bench/005\" where branch = \"dev\" last 2",
		     dev_last, 2);

	/* changes over the same walk (main's runs since 2026-01-16): values
	 * 175, 195, 225 (runs 17, 19, 22), then 2005 in runs 25..32: one change
	 * point, at the first of those. */
	for (int k = 25; k <= 32; k++) {
		char id[32], commit[64];
		run_id(k, id, sizeof id);
		run_commit(k, commit, sizeof commit);
		bdb_run *run = make_run(id, BASE_US + (k - 1) * DAY_US, commit, "main", 6, 2000.0);
		put_ok(f->store, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_result *res = query_run_ok(f->store, NULL,
				       "changes time of \"bench/005\" where branch = \"main\" "
				       "since 2026-01-16");
	assert_int_equal(bdb_result_n_rows(res), 1);
	assert_string_equal(result_str(res, 0, "run"), "nightly-25");
	assert_string_equal(result_str(res, 0, "commit"),
			    "c250000000000000000000000000000000000000");
	bdb_result_free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_runs_in_any_order, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_deleted_runs_leave_gaps, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_series_walk_with_runs, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_runs_out_of_time_order, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_reader_reused_after_put, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_trend_and_changes_rows, store_setup,
					    store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
