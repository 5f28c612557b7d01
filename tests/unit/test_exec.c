/*
 * test_exec.c - the executor over the store of helpers/query_store.h.
 *
 * Every expected value is hand computed from the data table in
 * query_store.h (the computation is written next to each assertion):
 * change % = (current - base) / |base| * 100, delta % from the best =
 * |v - best| / |best| * 100, week buckets start on Monday (2026-01-05 and
 * 2026-01-12 are Mondays: 2026-01-01 was a Thursday), medians of two values
 * are their mean. Mann-Whitney p-values of completely separated samples
 * are exact: two-sided p = 2 / C(n1 + n2, n1), so 2 / C(10, 5) = 2 / 252
 * for 5 against 5 and 2 / C(6, 3) = 2 / 20 = 0.1 for 3 against 3 (the same
 * as scipy.stats.mannwhitneyu(x, y, method="exact")).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/query_store.h"
#include "helpers/query_check.h"
#include "helpers/store_env.h"
#include "query.h"

static bdb_store *store;
static char *store_dir;

static int group_setup(void **state)
{
	(void)state;
	store = query_store_open(&store_dir);
	bdb_buf out;
	bdb_buf_init(&out);
	int rc = bdb_query_exec(store, "set baseline = run r1", NULL, &out, NULL);
	bdb_buf_free(&out);
	return rc;
}

static int group_teardown(void **state)
{
	(void)state;
	query_store_close(store, store_dir);
	return 0;
}

static const bdb_query_options options = {.now_us = QUERY_STORE_NOW_US};

static bdb_result *run_ok(const char *q)
{
	return query_run_ok(store, &options, q);
}

static char *exec_text(const char *q)
{
	return query_text(store, &options, q);
}

static void assert_close(double got, double want)
{
	if (!(fabs(got - want) <= 1e-12 * fmax(1.0, fabs(want))))
		fail_msg("got %.17g, expected %.17g", got, want);
}

static void expect_error(const char *q, int code, int line, int col, const char *message)
{
	bdb_result *r = NULL;
	bdb_diag d;
	int rc = bdb_query_run(store, q, &options, &r, &d);
	assert_null(r);
	if (rc != code || d.line != line || d.col != col || strcmp(d.message, message) != 0)
		fail_msg("%s\n  got %s %d:%d: %s\n  expected %s %d:%d: %s", q, bdb_error_name(rc),
			 d.line, d.col, d.message, bdb_error_name(code), line, col, message);
}

/* ------------------------------------------------------------------------ */

static void test_show_runs(void **state)
{
	(void)state;
	bdb_result *r = run_ok("show runs");
	assert_string_equal(bdb_result_statement(r), "show runs");
	assert_int_equal(bdb_result_n_rows(r), 4);
	const char *ids[] = {"r4", "r3", "r2", "r1"}; /* newest first */
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(result_str(r, i, "id"), ids[i]);
	assert_string_equal(result_str(r, 1, "branch"), "feature");
	assert_string_equal(result_str(r, 3, "commit"), "aaa1111");
	assert_int_equal(result_num(r, 0, "points"), 4); /* r4: three points and NLP-3/new */
	assert_int_equal(result_num(r, 0, "metrics"), 10);
	bdb_value t = result_cell(r, 0, "timestamp");
	assert_int_equal(t.kind, BDB_VALUE_TIME);
	/* python3: datetime(2026,2,2,10,tzinfo=timezone.utc).timestamp() = 1770026400 */
	assert_int_equal(t.i, INT64_C(1770026400) * 1000000);
	bdb_result_free(r);

	r = run_ok("show runs last 2");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 1, "id"), "r3");
	bdb_result_free(r);
	r = run_ok("show runs last 2 where branch = main");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "id"), "r4");
	assert_string_equal(result_str(r, 1, "id"), "r2");
	bdb_result_free(r);
	r = run_ok("show runs where commit ~ \"c*\" or branch != main");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "id"), "r3");
	bdb_result_free(r);
}

static void test_catalog(void **state)
{
	(void)state;
	bdb_result *r = run_ok("show points");
	assert_int_equal(bdb_result_n_rows(r), 5); /* two CV-1/small tag sets, NLP-2, NLP-3, OLD */
	assert_string_equal(result_str(r, 0, "point"), "CV-1/small");
	assert_string_equal(result_str(r, 0, "metrics"), "latency_p50, memory, throughput");
	assert_string_equal(result_str(r, 3, "point"), "NLP-3/new");
	assert_string_equal(result_str(r, 3, "scenario"), "null");
	bdb_value tags = result_cell(r, 1, "tags");
	assert_int_equal(tags.kind, BDB_VALUE_TAGS);
	assert_int_equal(tags.n_tags, 2);
	assert_string_equal(tags.tags[0].value, "Grain");
	bdb_result_free(r);

	r = run_ok("show metrics");
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_string_equal(result_str(r, 0, "metric"), "latency_p50");
	assert_string_equal(result_str(r, 0, "direction"), "lower");
	assert_close(result_num(r, 0, "threshold"), 10);
	assert_int_equal(result_num(r, 2, "series"), 5); /* throughput: 3 + OLD/gone + NLP-3/new */
	bdb_result_free(r);

	r = run_ok("show tags");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "key"), "framework");
	assert_int_equal(result_num(r, 0, "values"), 2);
	assert_int_equal(result_num(r, 0, "series"), 9);
	assert_int_equal(result_num(r, 1, "series"),
			 6); /* variant: the two CV-1 points x 3 metrics */
	bdb_result_free(r);
	r = run_ok("show tags framework where metric = memory");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "value"), "Datarax");
	assert_int_equal(result_num(r, 0, "series"), 2);
	assert_int_equal(result_num(r, 1, "series"), 1);
	bdb_result_free(r);
}

/* where through the postings, with a missing tag equal to nothing. */
static void test_where(void **state)
{
	(void)state;
	static const struct {
		const char *where;
		size_t points;
	} cases[] = {
	    {"framework = Datarax", 2},
	    {"framework != Grain", 4}, /* NLP-3/new and OLD/gone have no framework */
	    {"not framework in (Grain)", 4},
	    {"framework in (Grain, Datarax)", 3},
	    {"point ~ \"CV-*\" and not framework = Datarax", 1},
	    {"scenario = nlp or point = \"OLD/gone\"", 2},
	    {"metric = memory", 3},
	    {"(variant = small or scenario = nlp) and framework ~ \"D*\"", 2},
	    {"branch = main", 5}, /* run fields: every series passes here */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char q[200];
		snprintf(q, sizeof q, "show points where %s", cases[i].where);
		bdb_result *r = run_ok(q);
		if (bdb_result_n_rows(r) != cases[i].points)
			fail_msg("%s: %zu points, expected %zu", q, bdb_result_n_rows(r),
				 cases[i].points);
		bdb_result_free(r);
	}
	bdb_result *r = run_ok("show points where point ~ \"NLP*\"");
	assert_string_equal(result_str(r, 0, "point"), "NLP-2/large");
	assert_string_equal(result_str(r, 1, "point"), "NLP-3/new");
	bdb_result_free(r);
}

static void test_trend(void **state)
{
	(void)state;
	bdb_result *r = run_ok("trend throughput of \"CV-1/small\" where framework = Datarax");
	assert_int_equal(bdb_result_n_rows(r), 4);
	const double want[] = {1000, 1010, 990, 900};
	const char *runs[] = {"r1", "r2", "r3", "r4"};
	for (size_t i = 0; i < 4; i++) {
		assert_close(result_num(r, i, "value"), want[i]);
		assert_string_equal(result_str(r, i, "run"), runs[i]);
		assert_string_equal(result_str(r, i, "unit"), "elem/s");
	}
	assert_string_equal(result_str(r, 2, "commit"), "ccc3333");
	assert_int_equal(result_cell(r, 0, "lower").kind, BDB_VALUE_NULL);
	assert_string_equal(bdb_result_field_by_name(r, "metric").str, "throughput");
	bdb_result_free(r);

	/* last N keeps the newest N, oldest first. */
	r = run_ok("trend throughput of \"CV-1/small\" where framework = Datarax last 2");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_close(result_num(r, 0, "value"), 990);
	assert_close(result_num(r, 1, "value"), 900);
	bdb_result_free(r);
	/* A bare date as the upper bound includes that whole day. */
	r = run_ok("trend throughput of \"CV-1/small\" where framework = Datarax "
		   "since 2026-01-06 until 2026-01-12");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "run"), "r2");
	assert_string_equal(result_str(r, 1, "run"), "r3");
	bdb_result_free(r);
	/* now = 2026-02-10: 30 days back is 2026-01-11, after r2. */
	r = run_ok("trend throughput of \"CV-1/small\" where framework = Grain since 30d");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_close(result_num(r, 0, "value"), 850);
	bdb_result_free(r);
	/* Run fields filter observations. */
	r = run_ok("trend throughput where branch = feature");
	assert_int_equal(bdb_result_n_rows(r), 3); /* r3's three points */
	assert_close(result_num(r, 1, "value"), 850);
	assert_int_equal(bdb_result_field_by_name(r, "series").i, 3);
	bdb_result_free(r);
	/* Several series: sorted by point then tags. */
	r = run_ok("trend memory last 1");
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_close(result_num(r, 0, "value"), 600);
	assert_close(result_num(r, 1, "value"), 256);
	assert_close(result_num(r, 2, "value"), 1024);
	bdb_result_free(r);
}

static void test_trend_buckets(void **state)
{
	(void)state;
	bdb_result *r =
	    run_ok("trend throughput of \"CV-1/small\" where framework = Datarax by week");
	assert_int_equal(bdb_result_n_rows(r), 3);
	/* Week of Monday 2026-01-05: r1 1000, r2 1010 -> median 1005. */
	assert_close(result_num(r, 0, "value"), 1005);
	assert_close(result_num(r, 0, "min"), 1000);
	assert_close(result_num(r, 0, "max"), 1010);
	assert_int_equal(result_num(r, 0, "count"), 2);
	/* python3: datetime(2026,1,5,tzinfo=timezone.utc).timestamp() = 1767571200 */
	assert_int_equal(result_cell(r, 0, "bucket").i, INT64_C(1767571200) * 1000000);
	assert_int_equal(result_cell(r, 1, "bucket").i,
			 (INT64_C(1767571200) + 7 * 86400) * 1000000);
	assert_close(result_num(r, 2, "value"), 900);
	bdb_result_free(r);
	r = run_ok("trend throughput of \"CV-1/small\" where framework = Datarax by month");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_close(result_num(r, 0, "value"), 1000); /* median of 1000, 1010, 990 */
	assert_int_equal(result_num(r, 0, "count"), 3);
	/* python3: datetime(2026,2,1,tzinfo=timezone.utc).timestamp() = 1769904000 */
	assert_int_equal(result_cell(r, 1, "bucket").i, INT64_C(1769904000) * 1000000);
	bdb_result_free(r);
	r = run_ok("trend throughput of \"CV-1/small\" where framework = Grain by day");
	assert_int_equal(bdb_result_n_rows(r), 4);
	bdb_result_free(r);
}

/* Grain's latency is 12 ms in r1 and 12000 us in r2: the same value. */
static void test_units(void **state)
{
	(void)state;
	bdb_result *r = run_ok("trend latency_p50 where framework = Grain");
	for (size_t i = 0; i < 3; i++) {
		assert_close(result_num(r, i, "value"), 12);
		assert_string_equal(result_str(r, i, "unit"), "ms");
	}
	bdb_result_free(r);
	r = run_ok("compare run r1 with run r2 metric latency_p50 where framework = Grain");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_close(result_num(r, 0, "current"), 12);
	assert_string_equal(result_str(r, 0, "unit"), "ms");
	assert_close(result_num(r, 0, "change_pct"), 0);
	assert_string_equal(result_str(r, 0, "verdict"), "unchanged");
	bdb_result_free(r);
	/* And the other way round: the base's unit (us) wins. */
	r = run_ok("compare run r2 with run r1 metric latency_p50 where framework = Grain");
	assert_close(result_num(r, 0, "base"), 12000);
	assert_close(result_num(r, 0, "current"), 12000);
	assert_string_equal(result_str(r, 0, "unit"), "us");
	bdb_result_free(r);
}

static void test_compare(void **state)
{
	(void)state;
	bdb_result *r = run_ok("compare run r1 with latest");
	static const struct {
		const char *point, *metric, *verdict;
		double change; /* NAN: null */
	} want[] = {
	    {"CV-1/small", "throughput", "regression", -10},  /* 1000 -> 900 */
	    {"CV-1/small", "latency_p50", "unchanged", 5},    /* 10 -> 10.5, T = 10 (def) */
	    {"CV-1/small", "memory", "n/a", 17.1875},	      /* 512 -> 600, info */
	    {"CV-1/small", "throughput", "improvement", 50},  /* Grain 800 -> 1200 */
	    {"CV-1/small", "latency_p50", "regression", 100}, /* 12 -> 24 */
	    {"CV-1/small", "memory", "n/a", 0},
	    {"NLP-2/large", "throughput", "unchanged", -5}, /* exactly -T: strict */
	    {"NLP-2/large", "latency_p50", "n/a", NAN},	    /* zero base */
	    {"NLP-2/large", "memory", "n/a", 0},
	    {"NLP-3/new", "throughput", "new", NAN},
	    {"OLD/gone", "throughput", "removed", NAN},
	};
	assert_int_equal(bdb_result_n_rows(r), 11);
	for (size_t i = 0; i < 11; i++) {
		assert_string_equal(result_str(r, i, "point"), want[i].point);
		assert_string_equal(result_str(r, i, "metric"), want[i].metric);
		assert_string_equal(result_str(r, i, "verdict"), want[i].verdict);
		if (isnan(want[i].change))
			assert_int_equal(result_cell(r, i, "change_pct").kind, BDB_VALUE_NULL);
		else
			assert_close(result_num(r, i, "change_pct"), want[i].change);
	}
	assert_close(result_num(r, 1, "threshold"), 10);
	assert_close(result_num(r, 0, "threshold"), 5);
	assert_int_equal(result_cell(r, 2, "threshold").kind, BDB_VALUE_NULL); /* info */
	assert_int_equal(result_cell(r, 9, "base").kind, BDB_VALUE_NULL);
	assert_close(result_num(r, 10, "base"), 1);
	assert_string_equal(bdb_result_field_by_name(r, "base").str, "r1");
	assert_string_equal(bdb_result_field_by_name(r, "current").str, "r4");
	assert_string_equal(bdb_result_field_by_name(r, "method").str, "percent");
	bdb_result_free(r);

	/* metric * leaves out info metrics; a query threshold wins over the def's. */
	r = run_ok("compare baseline with latest metric * threshold 4% of \"CV-1/small\"");
	assert_int_equal(bdb_result_n_rows(r), 4);
	assert_string_equal(result_str(r, 1, "verdict"), "regression"); /* +5% > 4% */
	assert_close(result_num(r, 1, "threshold"), 4);
	bdb_result_free(r);
}

static void test_regressions(void **state)
{
	(void)state;
	/* Defaults: in latest vs baseline main (r1). */
	bdb_result *r = run_ok("regressions");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "metric"), "throughput");
	assert_string_equal(result_str(r, 0, "direction"), "higher");
	assert_close(result_num(r, 0, "change_pct"), -10);
	assert_string_equal(result_str(r, 0, "severity"), "minor");
	assert_string_equal(result_str(r, 1, "metric"), "latency_p50");
	assert_string_equal(result_str(r, 1, "direction"), "lower");
	assert_close(result_num(r, 1, "base"), 12);
	assert_close(result_num(r, 1, "current"), 24);
	assert_string_equal(result_str(r, 1, "severity"), "severe"); /* +100% > 50% */
	/* Rated pairs with a verdict: CV D x2, CV G x2, NLP throughput (its
	 * latency has a zero base). */
	assert_int_equal(bdb_result_field_by_name(r, "compared").i, 5);
	bdb_result_free(r);

	r = run_ok("regressions in latest vs run r1 threshold 4%");
	assert_int_equal(bdb_result_n_rows(r), 4);
	assert_string_equal(result_str(r, 1, "metric"), "latency_p50"); /* Datarax +5% */
	assert_string_equal(result_str(r, 3, "point"), "NLP-2/large");	/* -5% < -4% */
	assert_string_equal(result_str(r, 3, "severity"), "minor");
	bdb_result_free(r);
	/* Severity bands: (T, 20], (20, 50], > 50. */
	r = run_ok("regressions in run r4 vs run r3 metric throughput threshold 1");
	/* 990 -> 900: -9.0909...% minor; Grain improves; NLP 50 -> 47.5: -5% minor. */
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_close(result_num(r, 0, "change_pct"), (900.0 - 990.0) / 990.0 * 100.0);
	bdb_result_free(r);
	r = run_ok("regressions vs latest in run r1 metric throughput where framework = Grain");
	/* 1200 -> 800: -33.33...% moderate. */
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "severity"), "moderate");
	bdb_result_free(r);
	r = run_ok("regressions of \"NLP*\"");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_result_free(r);
}

static void test_mwu(void **state)
{
	(void)state;
	bdb_result *r = run_ok("regressions metric throughput using mwu");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_close(result_num(r, 0, "p_value"), 2.0 / 252.0);
	assert_string_equal(bdb_result_field_by_name(r, "method").str, "mwu");
	assert_close(bdb_result_field_by_name(r, "alpha").num, 0.05);
	bdb_result_free(r);
	/* Grain's +50% has p = 0.1, the smallest 3 vs 3 samples allow
	 * (2 / C(6, 3)): above alpha, the test could not say yes, so the
	 * verdict is inconclusive, not unchanged. */
	r = run_ok("compare baseline with latest metric throughput of \"CV-1/small\" using mwu");
	assert_string_equal(result_str(r, 0, "verdict"), "regression");
	assert_string_equal(result_str(r, 1, "verdict"), "inconclusive");
	assert_close(result_num(r, 1, "p_value"), 0.1);
	bdb_result_free(r);
	/* alpha 0.005 < 2/252, which is also the smallest p 5 vs 5 samples
	 * allow (2 / C(10, 5)): the test cannot decide, so the -10% is listed
	 * as inconclusive, not as a regression. */
	r = run_ok("regressions metric throughput using mwu alpha 0.005");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "verdict"), "inconclusive");
	assert_string_equal(result_str(r, 0, "severity"), "null");
	assert_int_equal(bdb_result_field_by_name(r, "inconclusive").i, 1);
	bdb_result_free(r);
}

/*
 * The Hodges-Lehmann shift of current from base, with its interval at
 * 1 - alpha. Datarax r4 {898..902} - r1 {998..1002}: the 25 differences
 * are -100 + (j - i), i, j in -2..2, so -104 once, -103 twice, -102 three
 * times, ..., -96 once; median -100. Exact null of U for 5 and 5 (252
 * arrangements; counts of U = 0, 1, 2, ...: 1, 1, 2, 3, 5, 7, 9):
 * alpha 0.05 needs P(U <= k - 1) <= 0.025: P(U <= 2) = 4/252 = 0.0159,
 * P(U <= 3) = 7/252 = 0.0278, so k = 3 and the interval is
 * [D(3), D(23)] = [-103, -97], achieved 1 - 2 * 4/252 = 96.8 %.
 * alpha 0.2: P(U <= 5) = 19/252 <= 0.1 < P(U <= 6) = 28/252, k = 6:
 * [D(6), D(20)] = [-102, -98]. Grain r4 {1195, 1200, 1205} - r1 {790,
 * 800, 810}: differences 385..415, median 400; for 3 and 3 even
 * P(U <= 0) = 1/20 > 0.025, so k = 1: the whole range [385, 415].
 */
static void test_mwu_shift(void **state)
{
	(void)state;
	bdb_result *r = run_ok("compare baseline with latest metric throughput using mwu explain");
	assert_true(result_num(r, 0, "shift") == -100);
	assert_true(result_num(r, 0, "shift_lower") == -103 &&
		    result_num(r, 0, "shift_upper") == -97);
	assert_true(result_num(r, 1, "shift") == 400);
	assert_true(result_num(r, 1, "shift_lower") == 385 &&
		    result_num(r, 1, "shift_upper") == 415);
	assert_string_equal(result_str(r, 2, "shift"), "null"); /* NLP-2/large: no samples */
	assert_string_equal(result_str(r, 0, "explanation"),
			    "mwu (n=5, 5): p = 0.007937 < alpha 0.05; shift -100 [-103, -97] at "
			    "96.8%; percent: -10.0% < -5.0% threshold");
	assert_string_equal(
	    result_str(r, 1, "explanation"),
	    "mwu (n=3, 3): p = 0.1 >= alpha 0.05; shift +400 [+385, +415] at 90.0%; "
	    "inconclusive: 3 vs 3 samples: smallest possible p is 0.1 > alpha 0.05; "
	    "percent: +50.0% > 5.0% threshold");
	bdb_result_free(r);
	r = run_ok("regressions metric throughput using mwu alpha 0.2");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_true(result_num(r, 0, "shift_lower") == -102 &&
		    result_num(r, 0, "shift_upper") == -98);
	bdb_result_free(r);
}

/* Every verdict explains itself: percent. */
static void test_explanations(void **state)
{
	(void)state;
	bdb_result *r = run_ok("compare baseline with latest of \"CV-1/small\"");
	/* Rows in r4's order: Datarax throughput, latency_p50, memory, then Grain. */
	assert_string_equal(result_str(r, 0, "explanation"), "percent: -10.0% < -5.0% threshold");
	/* (10.5 - 10) / 10 = +5 %, threshold 10 % (the metric's own). */
	assert_string_equal(result_str(r, 1, "explanation"),
			    "percent: +5.0% within ±10.0% threshold");
	assert_string_equal(result_str(r, 2, "explanation"),
			    "n/a: direction info, never a regression");
	bdb_result_free(r);
	r = run_ok("compare baseline with latest metric latency_p50 of \"NLP-2/large\"");
	assert_string_equal(result_str(r, 0, "explanation"), "n/a: the base is 0");
	bdb_result_free(r);
}

static void test_rank(void **state)
{
	(void)state;
	bdb_result *r = run_ok("rank throughput");
	static const double values[] = {1200, 900, 47.5, 5};
	static const double deltas[] = {0, 25, (1200 - 47.5) / 1200.0 * 100,
					(1200 - 5) / 1200.0 * 100};
	assert_int_equal(bdb_result_n_rows(r), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(result_num(r, i, "rank"), (double)(i + 1));
		assert_close(result_num(r, i, "value"), values[i]);
		assert_close(result_num(r, i, "delta_pct"), deltas[i]);
		assert_int_equal(result_cell(r, i, "best").i, i == 0);
	}
	assert_string_equal(result_str(r, 0, "label"),
			    "CV-1/small {framework=Grain, variant=small}");
	assert_string_equal(result_str(r, 3, "label"), "NLP-3/new");
	bdb_result_free(r);

	/* Lower is better for latency; delta from 10.5. */
	r = run_ok("rank latency_p50");
	assert_close(result_num(r, 0, "value"), 10.5);
	assert_close(result_num(r, 1, "delta_pct"), (24 - 10.5) / 10.5 * 100);
	assert_close(result_num(r, 2, "delta_pct"), (100 - 10.5) / 10.5 * 100);
	assert_string_equal(bdb_result_field_by_name(r, "direction").str, "lower");
	bdb_result_free(r);

	/* by TAGKEY: ranks within each point, labelled by the tag's value. */
	r = run_ok("rank throughput in run r1 by framework");
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_string_equal(result_str(r, 0, "label"), "Datarax"); /* CV-1/small: 1000 > 800 */
	assert_string_equal(result_str(r, 1, "label"), "Grain");
	assert_close(result_num(r, 1, "delta_pct"), 20);
	assert_int_equal(result_num(r, 2, "rank"), 1); /* NLP-2/large alone in its group */
	bdb_result_free(r);
}

/* Equal values keep the run's order; a best value of 0 gives deltas of 0. */
static void test_rank_ties(void **state)
{
	(void)state;
	/* r2's memory: CV-1/small Datarax 256 and Grain 256 tie behind 1024
	 * (info ranks like higher). */
	bdb_result *r = run_ok("rank memory in run r2");
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_string_equal(result_str(r, 0, "point"), "NLP-2/large");
	assert_string_equal(result_str(r, 1, "label"),
			    "CV-1/small {framework=Datarax, variant=small}");
	assert_int_equal(result_num(r, 1, "rank"), 2);
	assert_string_equal(result_str(r, 2, "label"),
			    "CV-1/small {framework=Grain, variant=small}");
	assert_int_equal(result_num(r, 2, "rank"), 3);
	assert_close(result_num(r, 2, "delta_pct"), 75); /* (1024 - 256) / 1024 */
	bdb_result_free(r);
	/* r1's latency of NLP-2/large is 0, the best (lower): deltas are 0. */
	r = run_ok("rank latency_p50 in run r1 where framework = Datarax");
	assert_close(result_num(r, 0, "value"), 0);
	assert_close(result_num(r, 1, "value"), 10);
	assert_close(result_num(r, 1, "delta_pct"), 0);
	bdb_result_free(r);
}

static void test_summary(void **state)
{
	(void)state;
	bdb_result *r = run_ok("summary run r2");
	assert_int_equal(bdb_result_n_rows(r), 9);
	assert_string_equal(result_str(r, 0, "scenario"), "cv");
	assert_string_equal(result_str(r, 6, "scenario"), "nlp");
	/* The run's own unit is shown: r2 stored Grain latency in us. */
	assert_close(result_num(r, 4, "value"), 12000);
	assert_string_equal(result_str(r, 4, "unit"), "us");
	assert_string_equal(bdb_result_field_by_name(r, "run").str, "r2");
	assert_string_equal(bdb_result_field_by_name(r, "branch").str, "main");
	bdb_result_free(r);
	r = run_ok("summary");
	assert_string_equal(bdb_result_field_by_name(r, "run").str, "r4");
	/* Points without a scenario sort first. */
	assert_string_equal(result_str(r, 0, "point"), "NLP-3/new");
	assert_int_equal(result_num(r, 1, "samples"), 5);
	bdb_result_free(r);
}

static void test_baselines(void **state)
{
	(void)state;
	bdb_result *r = run_ok("set baseline release = commit ccc");
	assert_string_equal(result_str(r, 0, "baseline"), "release");
	assert_string_equal(result_str(r, 0, "run"), "r3");
	bdb_result_free(r);
	r = run_ok("show baselines");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "baseline"), "main");
	assert_string_equal(result_str(r, 1, "baseline"), "release");
	bdb_result_free(r);
	r = run_ok("compare baseline release with latest metric throughput of \"NLP-2/large\"");
	assert_close(result_num(r, 0, "base"), 50);
	bdb_result_free(r);
	expect_error("drop baseline relase", BDB_ENOTFOUND, 1, 15,
		     "no baseline \"relase\"; did you mean \"release\"? (set one with: set "
		     "baseline relase = RUN)\n"
		     "  drop baseline relase\n"
		     "                ^^^^^^");
	r = run_ok("drop baseline release");
	assert_string_equal(result_str(r, 0, "run"), "r3");
	bdb_result_free(r);
	r = run_ok("show baselines");
	assert_int_equal(bdb_result_n_rows(r), 1);
	bdb_result_free(r);
}

static void test_run_references(void **state)
{
	(void)state;
	static const struct {
		const char *ref, *id;
	} cases[] = {
	    {"latest", "r4"},
	    {"latest~1", "r3"},
	    {"latest~3", "r1"},
	    {"baseline", "r1"},
	    {"baseline main", "r1"},
	    {"run r2", "r2"},
	    {"commit bbb", "r2"},
	    {"commit \"ddd4444\"", "r4"},
	    {"\"2026-01-12\"", "r3"},
	    {"\"2026-01-11\"", "r2"},
	    {"\"2026-01-06T10:00:00Z\"", "r2"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char q[100];
		snprintf(q, sizeof q, "summary %s", cases[i].ref);
		bdb_result *r = run_ok(q);
		if (strcmp(bdb_result_field_by_name(r, "run").str, cases[i].id) != 0)
			fail_msg("%s: got %s", q, bdb_result_field_by_name(r, "run").str);
		bdb_result_free(r);
	}
}

/*
 * A name of control characters, each escaped as \xNN in the first line, once
 * made that line so long that the source line and caret were cut off the
 * message (fuzz finding F7): the first line is now cut with "...".
 */
static void test_long_escaped_name_error(void **state)
{
	(void)state;
	char q[300] = "trend throughput of \"CV-1/";
	size_t n = strlen(q);
	memset(q + n, 0x13, 200);
	strcpy(q + n + 200, "\"");
	bdb_result *r = NULL;
	bdb_diag d;
	assert_int_equal(bdb_query_run(store, q, &options, &r, &d), BDB_EQUERY);
	const char *nl1 = strchr(d.message, '\n');
	assert_non_null(nl1);
	const char *nl2 = strchr(nl1 + 1, '\n');
	assert_non_null(nl2);
	assert_null(strchr(nl2 + 1, '\n'));
	const char *want = "no point \"CV-1/\\x13\\x13";
	assert_true(strncmp(d.message, want, strlen(want)) == 0);
	assert_true(nl1 - d.message <= 400 && strncmp(nl1 - 3, "...", 3) == 0);
	/* the source line, clipped at the right */
	assert_true(strncmp(nl1 + 1, "  trend throughput of \"CV-1/", 28) == 0);
	assert_true(strncmp(nl2 - 3, "...", 3) == 0);
	assert_non_null(strchr(nl2 + 1, '^'));
}

static void test_name_errors(void **state)
{
	(void)state;
	expect_error("trend thoughput", BDB_EQUERY, 1, 7,
		     "no metric \"thoughput\" in the store; did you mean \"throughput\"?\n"
		     "  trend thoughput\n"
		     "        ^^^^^^^^^");
	expect_error("trend throughput of \"CV-1/smal\"", BDB_EQUERY, 1, 21,
		     "no point \"CV-1/smal\" in the store; did you mean \"CV-1/small\"?\n"
		     "  trend throughput of \"CV-1/smal\"\n"
		     "                      ^^^^^^^^^^^");
	expect_error("rank throughput of \"CV-9/*\"", BDB_EQUERY, 1, 20,
		     "no point matches \"CV-9/*\"\n"
		     "  rank throughput of \"CV-9/*\"\n"
		     "                     ^^^^^^^^");
	expect_error("trend throughput where framwork = Grain", BDB_EQUERY, 1, 24,
		     "no tag \"framwork\" in the store; did you mean \"framework\"?\n"
		     "  trend throughput where framwork = Grain\n"
		     "                         ^^^^^^^^");
	expect_error("trend throughput where framework = Grian", BDB_EQUERY, 1, 36,
		     "no series has tag framework = \"Grian\"; did you mean \"Grain\"?\n"
		     "  trend throughput where framework = Grian\n"
		     "                                     ^^^^^");
	expect_error("show points where metric = latency", BDB_EQUERY, 1, 28,
		     "no series has metric = \"latency\"\n"
		     "  show points where metric = latency\n"
		     "                             ^^^^^^^");
	/* branch and commit are checked against the run log; a commit is
	 * compared whole (the fixture's commits are aaa1111 ... ddd4444). */
	expect_error("trend throughput where branch = mian", BDB_EQUERY, 1, 33,
		     "no run has branch = \"mian\"; did you mean \"main\"?\n"
		     "  trend throughput where branch = mian\n"
		     "                                  ^^^^");
	expect_error("trend throughput where commit = bbb2", BDB_EQUERY, 1, 33,
		     "no run has commit = \"bbb2\"; it abbreviates bbb2222 (a commit is compared "
		     "whole: commit ~ \"bbb2*\" matches it)\n"
		     "  trend throughput where commit = bbb2\n"
		     "                                  ^^^^");
	/* A run reference's branch gets the same suggestion (before: none). */
	expect_error("summary latest on branch mian", BDB_ENOTFOUND, 1, 9,
		     "no run on branch \"mian\"; did you mean \"main\"?\n"
		     "  summary latest on branch mian\n"
		     "          ^^^^^^^^^^^^^^^^^^^^^");
	expect_error("show runs where commit = zzz", BDB_EQUERY, 1, 26,
		     "no run has commit = \"zzz\" (none is near; the newest run's commit: "
		     "ddd4444)\n"
		     "  show runs where commit = zzz\n"
		     "                           ^^^");
	expect_error("summary latest~9", BDB_ENOTFOUND, 1, 9,
		     "latest~9 needs 10 runs, the store has 4\n"
		     "  summary latest~9\n"
		     "          ^^^^^^^^");
	expect_error("summary run x9", BDB_ENOTFOUND, 1, 13,
		     "no run with id \"x9\"\n"
		     "  summary run x9\n"
		     "              ^^");
	expect_error("summary commit zzz", BDB_ENOTFOUND, 1, 16,
		     "no stored commit starts with \"zzz\" or is a short hash of it (none is "
		     "near; the newest run's commit: ddd4444)\n"
		     "  summary commit zzz\n"
		     "                 ^^^");
	expect_error("summary \"2025-12-31\"", BDB_ENOTFOUND, 1, 9,
		     "no run at or before 2025-12-31T23:59:59.999999Z\n"
		     "  summary \"2025-12-31\"\n"
		     "          ^^^^^^^^^^^^");
	expect_error("compare baseline nightly with latest", BDB_ENOTFOUND, 1, 18,
		     "no baseline \"nightly\" (set one with: set baseline nightly = RUN)\n"
		     "  compare baseline nightly with latest\n"
		     "                   ^^^^^^^");
	expect_error("rank throughput by size", BDB_EQUERY, 1, 20,
		     "no point of \"throughput\" has tag \"size\"\n"
		     "  rank throughput by size\n"
		     "                     ^^^^");
	expect_error("regressions using zscore threshold 5%", BDB_EQUERY, 1, 36,
		     "a threshold does not apply to using zscore: expected the model's window or "
		     "boundary (the limits decide)\n"
		     "  regressions using zscore threshold 5%\n"
		     "                                     ^^");
	expect_error("show tags frameworks", BDB_EQUERY, 1, 11,
		     "no tag \"frameworks\" in the store; did you mean \"framework\"?\n"
		     "  show tags frameworks\n"
		     "            ^^^^^^^^^^");
	expect_error("show runs; show runs", BDB_EQUERY, 1, 12,
		     "expected one statement, found a second one (run several with a script)\n"
		     "  show runs; show runs\n"
		     "             ^^^^^^^^^");
	expect_error("  ", BDB_EQUERY, 1, 3,
		     "expected a statement, found end of input\n"
		     "    \n"
		     "    ^");
	expect_error("trend", BDB_EQUERY, 1, 6,
		     "expected a metric name ('show metrics' lists them), found end of input\n"
		     "  trend\n"
		     "       ^");
}

/* Several statements: outputs separated by an empty line (CRLF before a
 * CSV table, whose lines end so; none before JSON); the first error
 * stops, keeping what ran before it. */
static void test_exec_script(void **state)
{
	(void)state;
	char *text = exec_text("show runs last 1; show baselines as csv\n"
			       "show tags variant as json");
	assert_string_equal(text,
			    "id  timestamp             commit   branch  points  metrics\n"
			    "--  --------------------  -------  ------  ------  -------\n"
			    "r4  2026-02-02T10:00:00Z  ddd4444  main         4       10\n"
			    "\r\n" /* the empty line ended as CSV's lines are */
			    "baseline,run,timestamp,commit\r\n"
			    "main,r1,2026-01-05T10:00:00Z,aaa1111\r\n"
			    "{\"statement\": \"show tags\", \"key\": \"variant\", \"columns\": "
			    "[\"value\", \"series\"], \"rows\": [\n"
			    "  {\"value\": \"small\", \"series\": 6}\n"
			    "]}\n");
	free(text);
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	assert_int_equal(
	    bdb_query_exec(store, "show baselines\nrank nope\nshow runs", &options, &out, &d),
	    BDB_EQUERY);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 6);
	assert_non_null(strstr(bdb_buf_cstr(&out), "main      r1"));
	assert_null(strstr(bdb_buf_cstr(&out), "r4"));
	bdb_buf_free(&out);
	/* A syntax error anywhere runs nothing. */
	bdb_buf_init(&out);
	assert_int_equal(bdb_query_exec(store, "show baselines; shwo runs", &options, &out, &d),
			 BDB_EQUERY);
	assert_int_equal(out.len, 0);
	bdb_buf_free(&out);
}

static void test_requested_format(void **state)
{
	(void)state;
	bdb_result *r = run_ok("show baselines as markdown");
	assert_int_equal(bdb_result_requested_format(r), BDB_OUTPUT_MARKDOWN);
	bdb_result_free(r);
	r = run_ok("show baselines");
	assert_int_equal(bdb_result_requested_format(r), BDB_OUTPUT_DEFAULT);
	bdb_result_free(r);
}

static void test_cancel(void **state)
{
	(void)state;
	volatile sig_atomic_t flag = 1;
	bdb_query_options opt = options;
	opt.cancel = &flag;
	bdb_result *r = NULL;
	bdb_diag d;
	assert_int_equal(bdb_query_run(store, "trend throughput", &opt, &r, &d), BDB_ECANCELLED);
	assert_null(r);
	assert_int_equal(d.code, BDB_ECANCELLED);
}

/* changes runs (test_exec_detect.c checks it in depth): memory of
 * NLP-2/large is 1024 in every run, so there is no change point. */
static void test_changes_constant(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes memory of \"NLP-2/large\"");
	assert_int_equal(bdb_result_n_rows(r), 0);
	assert_string_equal(bdb_result_column(r, 0), "run");
	assert_int_equal(bdb_result_field_by_name(r, "series").i, 1);
	bdb_result_free(r);
}

/* benchkit's identity: a point matches across runs by name plus the whole
 * tag set, so an added tag makes a new series (and the old one removed),
 * never a regression; the order of tags as given does not matter. */
static void test_tags_match_as_a_whole(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	for (int i = 0; i < 2; i++) {
		bdb_run *run = bdb_run_new();
		assert_int_equal(bdb_run_set_id(run, i ? "b" : "a"), 0);
		run->timestamp_us = (i + 1) * INT64_C(1000000);
		bdb_point *p;
		assert_int_equal(bdb_run_add_point(run, "P", &p), 0);
		/* Given in opposite orders: stored sorted either way. */
		if (i) {
			assert_int_equal(bdb_point_set_tag(run, p, "y", "2"), 0);
			assert_int_equal(bdb_point_set_tag(run, p, "x", "1"), 0);
		} else {
			assert_int_equal(bdb_point_set_tag(run, p, "x", "1"), 0);
			assert_int_equal(bdb_point_set_tag(run, p, "y", "2"), 0);
		}
		bdb_metric *m;
		assert_int_equal(bdb_point_add_metric(run, p, "t", i ? 50 : 100, &m), 0);
		/* t is higher-is-better: without a definition it would get no
		 * verdict (benchkit skips undefined metrics). */
		bdb_metric_def *def;
		assert_int_equal(bdb_run_add_def(run, "t", &def), 0);
		def->direction = BDB_HIGHER;
		assert_int_equal(bdb_run_add_point(run, "Q", &p), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "x", "1"), 0);
		if (i) /* Q gains a tag in run b: a different series */
			assert_int_equal(bdb_point_set_tag(run, p, "gpu", "0"), 0);
		assert_int_equal(bdb_point_add_metric(run, p, "t", i ? 1 : 100, &m), 0);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_result *r = NULL;
	assert_int_equal(bdb_query_run(s, "compare run a with run b", &options, &r, NULL), 0);
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_string_equal(result_str(r, 0, "point"), "P");
	assert_string_equal(result_str(r, 0, "verdict"), "regression"); /* 100 -> 50, higher */
	assert_string_equal(result_str(r, 1, "point"), "Q");
	assert_string_equal(result_str(r, 1, "verdict"), "new");
	assert_string_equal(result_str(r, 2, "verdict"), "removed");
	bdb_result_free(r);
	assert_int_equal(bdb_query_run(s, "regressions in run b vs run a", &options, &r, NULL), 0);
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_int_equal(bdb_result_field_by_name(r, "compared").i, 1);
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* Candidates joined by '|', at most limit of them (0: all). */
typedef struct candidates {
	bdb_buf text;
	size_t n, limit;
} candidates;

static int add_candidate(void *ctx, const char *c)
{
	candidates *cs = ctx;
	if (cs->n++)
		bdb_buf_putc(&cs->text, '|');
	bdb_buf_puts(&cs->text, c);
	return cs->limit && cs->n == cs->limit;
}

static void expect_completion(bdb_store *s, const char *text, size_t limit, size_t start,
			      const char *want)
{
	candidates cs = {{0}, 0, limit};
	size_t got_start = 99;
	assert_int_equal(bdb_query_complete(s, text, strlen(text), &got_start, add_candidate, &cs),
			 0);
	if (got_start != start || strcmp(bdb_buf_cstr(&cs.text), want) != 0)
		fail_msg("\"%s\": got %zu \"%s\", expected %zu \"%s\"", text, got_start,
			 bdb_buf_cstr(&cs.text), start, want);
	bdb_buf_free(&cs.text);
}

static void test_complete(void **state)
{
	(void)state;
	expect_completion(store, "tr", 0, 0, "trend");
	/* The keyword before the word says what comes next: a metric after
	 * trend, a point after of, a tag key (or field) after where. */
	expect_completion(store, "trend th", 0, 6, "throughput");
	expect_completion(store, "TREND TH", 0, 6, "");
	expect_completion(store, "rank l", 0, 5, "latency_p50");
	expect_completion(store, "trend throughput of N", 0, 20, "\"NLP-2/large\"|\"NLP-3/new\"");
	expect_completion(store, "trend throughput where ", 0, 23,
			  "point|scenario|metric|branch|commit|framework|variant");
	expect_completion(store, "trend throughput where framework = Datarax and v", 0, 47,
			  "variant");
	expect_completion(store, "compare baseline m", 0, 17,
			  "markdown|metric|metrics|month|mwu|main|memory");
	expect_completion(store, "show tags f", 0, 10, "framework");
	/* An open string: names only, quoted, the quote part of the word. */
	expect_completion(store, "trend throughput of \"CV", 0, 20, "\"CV-1/small\"");
	expect_completion(store, "rank throughput of \"", 0, 19,
			  "\"CV-1/small\"|\"NLP-2/large\"|\"NLP-3/new\"|\"OLD/gone\"|"
			  "\"framework\"|\"latency_p50\"|\"main\"|\"memory\"|\"throughput\"|"
			  "\"variant\"");
	/* After KEY = : that key's values; point and metric are fields. */
	expect_completion(store, "trend throughput where framework = ", 0, 35, "Datarax|Grain");
	expect_completion(store, "trend throughput where framework != G", 0, 36, "Grain");
	expect_completion(store, "trend throughput where point = N", 0, 31,
			  "\"NLP-2/large\"|\"NLP-3/new\"");
	expect_completion(store, "show points where metric = l", 0, 27, "latency_p50");
	/* After a statement's first word, its second words alone (Tab after
	 * "show " offered every keyword and name of the store). */
	expect_completion(store, "show ", 0, 5,
			  "runs|points|metrics|tags|baselines|retention|annotations");
	expect_completion(store, "show m", 0, 5, "metrics");
	expect_completion(store, "drop ", 0, 5, "baseline|annotation");
	expect_completion(store, "set b", 0, 4, "baseline");
	expect_completion(store, "show runs; show b", 0, 16, "baselines");
	/* A run reference: run ids after `run`, commits after `commit`
	 * (compare, in, vs, annotate), in order; nothing else there. */
	expect_completion(store, "compare run ", 0, 12, "r1|r2|r3|r4");
	expect_completion(store, "compare run r1 with run r", 0, 24, "r1|r2|r3|r4");
	expect_completion(store, "regressions in commit c", 0, 22, "ccc3333");
	expect_completion(store, "annotate commit ", 0, 16, "aaa1111|bbb2222|ccc3333|ddd4444");
	expect_completion(store, "compare run x", 0, 12, "");
	/* In an open string too: an id with "-" in it (nightly-01999) is
	 * typed quoted, and `run "` offered points and metrics, not runs. */
	expect_completion(store, "compare run \"", 0, 12, "\"r1\"|\"r2\"|\"r3\"|\"r4\"");
	expect_completion(store, "compare run r1 with run \"r3", 0, 24, "\"r3\"");
	expect_completion(store, "regressions in commit \"c", 0, 22, "\"ccc3333\"");
	/* The cursor may sit before the end; the caller can stop early. */
	expect_completion(store, "compare m", 2, 8, "markdown|metric");
	expect_completion(store, "s", 1, 0, "seed");
	expect_completion(NULL, "trend th", 0, 6, "");
	expect_completion(NULL, "tr", 0, 0, "trend");
	candidates cs = {{0}, 0, 0};
	size_t start;
	assert_int_equal(
	    bdb_query_complete(store, "trend th and more", 8, &start, add_candidate, &cs), 0);
	assert_int_equal(start, 6);
	assert_string_equal(bdb_buf_cstr(&cs.text), "throughput");
	bdb_buf_free(&cs.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_show_runs),
	    cmocka_unit_test(test_catalog),
	    cmocka_unit_test(test_where),
	    cmocka_unit_test(test_trend),
	    cmocka_unit_test(test_trend_buckets),
	    cmocka_unit_test(test_units),
	    cmocka_unit_test(test_compare),
	    cmocka_unit_test(test_regressions),
	    cmocka_unit_test(test_mwu),
	    cmocka_unit_test(test_mwu_shift),
	    cmocka_unit_test(test_explanations),
	    cmocka_unit_test(test_rank),
	    cmocka_unit_test(test_rank_ties),
	    cmocka_unit_test(test_summary),
	    cmocka_unit_test(test_baselines),
	    cmocka_unit_test(test_run_references),
	    cmocka_unit_test(test_name_errors),
	    cmocka_unit_test(test_exec_script),
	    cmocka_unit_test(test_requested_format),
	    cmocka_unit_test(test_cancel),
	    cmocka_unit_test(test_changes_constant),
	    cmocka_unit_test(test_complete),
	    cmocka_unit_test(test_long_escaped_name_error),
	    cmocka_unit_test(test_tags_match_as_a_whole),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
