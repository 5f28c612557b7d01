/*
 * test_filter_paths.c - the two ways query/filter.c narrows candidate
 * series by a term: probing each candidate (bdb_reader_postings_has) when
 * there are at most 64, reading and merging the term's list otherwise. Both
 * must select the same series. The store: one run of 150 points "b/000" ..
 * "b/149", metrics time and ops; point i has backend=cpu when i is odd
 * (gpu otherwise) and size = i % 3 except when i % 5 == 0 (no size tag).
 * Expected counts by hand from that rule (i in 0..149):
 *   odd i: 75; size=0 (i % 3 == 0, i % 5 != 0): 50 - 10 = 40;
 *   size in (0, 1): 40 + (50 - 10) = 80 (i % 3 == 1: 50, of which i % 5 == 0
 *   and i % 3 == 1 are i = 10, 25, ..., 145: 10);
 *   backend = cpu and size = 2: odd i with i % 3 == 2 (25) minus i % 5 == 0
 *   among them (i = 5, 35, 65, 95, 125: 5) = 20;
 *   size != 0: every series without size=0: 150 - 40 = 110.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "helpers/query_check.h"
#include "helpers/store_env.h"
#include "query.h"

enum { N_POINTS = 150 };

static bdb_store *store;
static char *dir;

static int setup(void **state)
{
	(void)state;
	dir = make_temp_dir();
	store = open_store(dir, 0);
	bdb_run *run = bdb_run_new();
	assert_int_equal(bdb_run_set_id(run, "r1"), 0);
	run->timestamp_us = 1000;
	for (int i = 0; i < N_POINTS; i++) {
		char name[16], size[4];
		snprintf(name, sizeof name, "b/%03d", i);
		bdb_point *p;
		assert_int_equal(bdb_run_add_point(run, name, &p), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "backend", i % 2 ? "cpu" : "gpu"), 0);
		if (i % 5 != 0) {
			snprintf(size, sizeof size, "%d", i % 3);
			assert_int_equal(bdb_point_set_tag(run, p, "size", size), 0);
		}
		bdb_metric *m;
		assert_int_equal(bdb_point_add_metric(run, p, "time", i, &m), 0);
		assert_int_equal(bdb_point_add_metric(run, p, "ops", i, &m), 0);
	}
	put_ok(store, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
	return 0;
}

static size_t rows(const char *q)
{
	bdb_query_options opt = {0};
	bdb_result *r = query_run_ok(store, &opt, q);
	size_t n = bdb_result_n_rows(r);
	bdb_result_free(r);
	return n;
}

/* Each condition: through the lists (all 150 `time` series are candidates)
 * and, summed over every point, through probes (1 candidate each). */
static void test_lists_and_probes_agree(void **state)
{
	(void)state;
	static const struct {
		const char *where;
		size_t series;
	} cases[] = {
	    {"backend = cpu", 75},
	    {"backend != cpu", 75},
	    {"size = 0", 40},
	    {"size in (0, 1)", 80},
	    {"size != 0", 110},
	    {"not size = 0", 110},
	    {"backend = cpu and size = 2", 20},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char q[200];
		snprintf(q, sizeof q, "trend time where %s", cases[c].where);
		if (rows(q) != cases[c].series)
			fail_msg("%s: %zu rows, expected %zu", q, rows(q), cases[c].series);
		size_t probed = 0;
		for (int i = 0; i < N_POINTS; i++) {
			snprintf(q, sizeof q, "trend time of \"b/%03d\" where %s", i,
				 cases[c].where);
			probed += rows(q);
		}
		if (probed != cases[c].series)
			fail_msg("%s: %zu points by probes, expected %zu", cases[c].where, probed,
				 cases[c].series);
		/* where point = P and ... starts from P's list too (the
		 * report's charts), first or last in the and. */
		size_t first = 0, last = 0;
		for (int i = 0; i < N_POINTS; i++) {
			snprintf(q, sizeof q, "trend time where point = \"b/%03d\" and (%s)", i,
				 cases[c].where);
			first += rows(q);
			snprintf(q, sizeof q, "trend time where (%s) and point = \"b/%03d\"",
				 cases[c].where, i);
			last += rows(q);
		}
		if (first != cases[c].series || last != cases[c].series)
			fail_msg("%s: %zu and %zu points by where point = P, expected %zu",
				 cases[c].where, first, last, cases[c].series);
	}
	/* A point = P under or or not is no start: every series is looked at. */
	assert_int_equal(rows("trend time where point = \"b/042\" or backend = cpu"), 76);
	assert_int_equal(rows("trend time where not point = \"b/042\""), 149);
	/* With a glob of: both hold. */
	assert_int_equal(rows("trend time of \"b/0*\" where point = \"b/042\""), 1);
	assert_int_equal(rows("trend time of \"b/1*\" where point = \"b/042\""), 0);
	/* The metric is probed too once the point's list is short. */
	assert_int_equal(rows("trend ops of \"b/042\""), 1);
	assert_int_equal(rows("trend time of \"b/042\" where metric = ops"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lists_and_probes_agree),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
