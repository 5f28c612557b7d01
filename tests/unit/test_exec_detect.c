/*
 * test_exec_detect.c - change points (`changes`) and the history models
 * (`using zscore | ttest | iqr | deltaiqr | lookback`) through the query
 * executor, over a store built here with known values.
 *
 * The store: 30 runs s01..s30, one a day from 2026-03-01T00:00:00Z, commit
 * cNN0000, branch main. Metric "time" (ns, lower is better) of points
 *   cp/step   100 x 10, 120 x 10, 90 x 10      (steps at runs s11 and s21)
 *   cp/flat   50 x 30                           (no change)
 *   hist/z    runs s05..s29: 100, then 110, 90, 110, ... (12 of each),
 *             s30: 131.2. The 25 history values have mean 100 and sample
 *             standard deviation 10 exactly (sum of squares 24 * 100 =
 *             2400 = 24 * s^2): Bencher's worked example.
 *   hist/q    runs s05..s29: 95 x 7, 100 x 11, 105 x 7 (in that order),
 *             s30: 121. numpy percentiles of the 25 values: p25 = s[6] =
 *             95, median s[12] = 100, p75 = s[18] = 105: IQR 10.
 *   grp/a, grp/b, grp/c   runs s07..s30: 100 up to s10, s11 and s12, then
 *             120, 125 and 150: one step each, one run apart (for the
 *             alert groups within +-1 run).
 *   joint/g1, joint/g2, joint/g3   100 up to s15, then 120: one exact step
 *             each at s16 (c160000).
 *   joint/weak, joint/clear   100 then 106 from s17, noise +1, -0.5, -1,
 *             +0.5 repeated, s16 at 102.7 (weak: between the levels) or
 *             100.2 (clear: the old level); tests/reference/joint_places.py.
 * Expected values are hand computed next to each assertion, or come from
 * the references named there: stats_reference.h (scipy 1.10, written by
 * tests/reference/stats_reference.py) for Bencher's worked limits, and
 * Python 3.11's math.erfc and statistics.NormalDist for the rest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/query_check.h"
#include "helpers/store_env.h"
#include "query.h"
#include "stats_reference.h"

#define N_RUNS 30

static bdb_store *store;
static char *store_dir;

static const bdb_query_options options = {.now_us = 0};

static double step_value(int i)
{
	return i < 10 ? 100 : i < 20 ? 120 : 90;
}

/* hist/z and hist/q in run i (4..29), see the header. */
static double z_value(int i)
{
	if (i == 29)
		return 131.2;
	int k = i - 4;
	return k == 0 ? 100 : (k % 2) ? 110 : 90;
}

static double q_value(int i)
{
	if (i == 29)
		return 121;
	int k = i - 4;
	return k < 7 ? 95 : k < 18 ? 100 : 105;
}

static void add(bdb_run *run, const char *point, double value)
{
	bdb_point *p;
	bdb_metric *m;
	assert_int_equal(bdb_run_add_point(run, point, &p), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "time", value, &m), 0);
	assert_int_equal(bdb_metric_set_unit(run, m, "ns"), 0);
}

/* A run with id, at 2026-03-DAY (1 to 31), commit (NULL: none) and the
 * definition of "time" (ns, lower is better). */
static bdb_run *dated_run(const char *id, int day, const char *commit)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	char text[64];
	assert_int_equal(bdb_run_set_id(run, id), 0);
	snprintf(text, sizeof text, "2026-03-%02dT00:00:00Z", day);
	assert_int_equal(bdb_time_parse(text, &run->timestamp_us), 0);
	if (commit)
		assert_int_equal(bdb_run_set_commit(run, commit), 0);
	bdb_metric_def *d;
	assert_int_equal(bdb_run_add_def(run, "time", &d), 0);
	d->direction = BDB_LOWER;
	d->unit = bdb_run_strdup(run, "ns");
	return run;
}

static bdb_run *build(int i)
{
	char id[24], commit[24];
	snprintf(id, sizeof id, "s%02d", i + 1);
	snprintf(commit, sizeof commit, "c%02d0000", i + 1);
	bdb_run *run = dated_run(id, i + 1, commit);
	assert_int_equal(bdb_run_set_branch(run, "main"), 0);
	add(run, "cp/step", step_value(i));
	add(run, "cp/flat", 50);
	if (i >= 4) {
		add(run, "hist/z", z_value(i));
		add(run, "hist/q", q_value(i));
	}
	add(run, "joint/g1", i < 15 ? 100 : 120);
	add(run, "joint/g2", i < 15 ? 100 : 120);
	add(run, "joint/g3", i < 15 ? 100 : 120);
	static const double pattern[] = {1.0, -0.5, -1.0, 0.5};
	double level = (i < 16 ? 100.0 : 106.0) + pattern[i % 4];
	add(run, "joint/weak", i == 15 ? 102.7 : level);
	add(run, "joint/clear", i == 15 ? 100.2 : level);
	if (i >= 6) {
		add(run, "grp/a", i < 10 ? 100 : 120);
		add(run, "grp/b", i < 11 ? 100 : 125);
		add(run, "grp/c", i < 12 ? 100 : 150);
	}
	return run;
}

static int group_setup(void **state)
{
	(void)state;
	store_dir = make_temp_dir();
	store = open_store(store_dir, 0);
	for (int i = 0; i < N_RUNS; i++) {
		bdb_run *run = build(i);
		put_ok(store, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	bdb_store_close(store);
	remove_tree(store_dir);
	free(store_dir);
	return 0;
}

static bdb_result *run_ok(const char *q)
{
	return query_run_ok(store, &options, q);
}

static char *exec_text(const char *q)
{
	return query_text(store, &options, q);
}

static double field_num(const bdb_result *r, const char *name)
{
	bdb_value v = bdb_result_field_by_name(r, name);
	if (v.kind == BDB_VALUE_INT)
		return (double)v.i;
	return v.kind == BDB_VALUE_NUMBER ? v.num : NAN;
}

static const char *field_str(const bdb_result *r, const char *name)
{
	bdb_value v = bdb_result_field_by_name(r, name);
	return v.kind == BDB_VALUE_STRING ? v.str : "?";
}

static void assert_near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, expected %.17g (within %g)", got, want, tol);
}

static void expect_error(const char *q, int col, const char *message)
{
	bdb_result *r = NULL;
	bdb_diag d;
	int rc = bdb_query_run(store, q, &options, &r, &d);
	assert_null(r);
	if (rc != BDB_EQUERY || d.col != col || strncmp(d.message, message, strlen(message)) != 0)
		fail_msg("%s\n  got %s %d:%d: %s\n  expected %d: %s", q, bdb_error_name(rc), d.line,
			 d.col, d.message, col, message);
}

/* ------------------------------------------------------------------------ */
/* changes                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * cp/step: both steps are found whatever split E-Divisive takes first, with
 * p = (1 + 0) / (100 + 1): a permutation of a segment holding both levels
 * reaches the observed Q only by separating them completely again (chance
 * 2 / C(20, 10) per permutation), and a constant segment has Q = 0, so the
 * third round (every segment constant) gets p = 1 and stops.
 * before/after are the segment means: 100 -> 120 (+20 %), 120 -> 90 (-25 %).
 */
static void test_changes_edivisive(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"cp/step\" using edivisive");
	/* run .. method and detail, then the JSON-only columns through
	 * explanation. */
	assert_int_equal(bdb_result_n_columns(r), 21);
	assert_string_equal(bdb_result_column(r, 0), "run");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "run"), "s11");
	assert_string_equal(result_str(r, 0, "commit"), "c110000");
	assert_true(result_num(r, 0, "before") == 100 && result_num(r, 0, "after") == 120);
	assert_near(result_num(r, 0, "change_pct"), 20, 1e-12);
	assert_near(result_num(r, 0, "p_value"), 1.0 / 101, 1e-15);
	assert_string_equal(result_str(r, 0, "method"), "edivisive");
	assert_string_equal(result_str(r, 0, "unit"), "ns");
	assert_string_equal(result_str(r, 1, "run"), "s21");
	assert_true(result_num(r, 1, "before") == 120 && result_num(r, 1, "after") == 90);
	assert_near(result_num(r, 1, "change_pct"), -25, 1e-12);
	assert_near(result_num(r, 1, "p_value"), 1.0 / 101, 1e-15);
	assert_string_equal(field_str(r, "method"), "edivisive");
	assert_true(field_num(r, "pvalue") == 0.05);
	assert_true(field_num(r, "permutations") == 100);
	assert_true(field_num(r, "seed") == 20260131);
	assert_true(field_num(r, "series") == 1);
	bdb_result_free(r);

	/* 1000 permutations: the smallest p is 1 / 1001. */
	r = run_ok("changes time of \"cp/step\" using edivisive permutations 1000 seed 7 pvalue 0.01");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_near(result_num(r, 0, "p_value"), 1.0 / 1001, 1e-15);
	assert_true(field_num(r, "seed") == 7 && field_num(r, "permutations") == 1000);
	assert_true(field_num(r, "pvalue") == 0.01);
	bdb_result_free(r);

	/* since: from s15 on only the step at s21 is left (before = mean of
	 * s15..s20 = 120). */
	r = run_ok("changes time of \"cp/step\" using edivisive since 2026-03-15");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "run"), "s21");
	assert_true(result_num(r, 0, "before") == 120 && result_num(r, 0, "after") == 90);
	bdb_result_free(r);

	/* A constant series has no change point (every Q is 0, p = 1). */
	r = run_ok("changes time of \"cp/flat\" using edivisive");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_result_free(r);
}

/*
 * The robust default on cp/step: the run-to-run differences are all 0 but
 * two, so their MAD and the noise are 0 and the threshold is the 2 % floor
 * of the level before (2 at 100, 2.4 at 120). Levels are segment medians;
 * both steps separate their segments completely, so p = 1 / 101 (the
 * permutation floor), which tables show as a bound. The series is flat
 * between the steps, so the Mann-Kendall S within segments is 0: no drift.
 */
static void test_changes_robust(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"cp/step\" explain");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(field_str(r, "method"), "robust");
	assert_true(field_num(r, "pvalue") == 0.01 && field_num(r, "effect") == 2);
	assert_true(field_num(r, "floor_pct") == 2 && field_num(r, "excursion_runs") == 5);
	assert_near(field_num(r, "p_floor"), 1.0 / 101, 1e-15);
	assert_string_equal(result_str(r, 0, "run"), "s11");
	assert_string_equal(result_str(r, 0, "kind"), "step");
	assert_string_equal(result_str(r, 0, "previous_commit"), "c100000");
	assert_true(result_num(r, 0, "before") == 100 && result_num(r, 0, "after") == 120);
	assert_true(result_num(r, 0, "noise") == 0 && result_num(r, 0, "threshold") == 2);
	assert_near(result_num(r, 0, "p_value"), 1.0 / 101, 1e-15);
	assert_string_equal(result_str(r, 0, "method"), "robust");
	assert_string_equal(result_str(r, 1, "run"), "s21");
	assert_true(result_num(r, 1, "before") == 120 && result_num(r, 1, "after") == 90);
	assert_near(result_num(r, 1, "threshold"), 2.4, 1e-12);
	assert_string_equal(result_str(r, 1, "explanation"),
			    "robust step (n=30): E-Divisive on ranks p < 0.0099 (100 permutations, "
			    "seed 20260131) <= 0.01; median 120 -> 90, |effect| 30 >= threshold 2.4 "
			    "= max(2 x noise 0, 2% of 120)");
	/* The table shows the p-value as the bound it is. */
	bdb_buf b = {0};
	bdb_result_cell_text(r, 0, 8, &b);
	assert_string_equal(bdb_result_column(r, 8), "p_value");
	assert_string_equal(bdb_buf_cstr(&b), "< 0.0099 (100 permutations)");
	bdb_buf_free(&b);
	bdb_result_free(r);

	/* floor 18 %: 20 >= 18 and 30 >= 21.6, both stay. floor 21 %: the +20
	 * step (needs 21) goes; the other is then measured against the median
	 * of s1..s20, 110, and needs 23.1 where it has 20: it goes too. */
	r = run_ok("changes time of \"cp/step\" floor 18%");
	assert_int_equal(bdb_result_n_rows(r), 2);
	bdb_result_free(r);
	r = run_ok("changes time of \"cp/step\" floor 21% effect 0");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_result_free(r);

	/* explain on a series with no change says what one would need: cp/flat
	 * is 50 x 30, noise 0, so the 2 % floor of 50. */
	r = run_ok("changes time of \"cp/flat\" explain");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_buf text = {0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "cp/flat time: no change point (robust, n=30): noise 0 around level 50; a "
			       "step needs a rank split with p <= 0.01 (100 permutations, seed "
			       "20260131) and |effect| >= 1 = max(2 x noise, 2% of the level)\n"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	/* The other methods say what no split passed (before, no note). */
	r = run_ok("changes time of \"cp/flat\" using edivisive explain");
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "cp/flat time: no change point (edivisive, n=30): no split with "
			       "permutation p <= 0.05 (100 permutations, seed 20260131)\n"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	r = run_ok("changes time of \"cp/flat\" window 10 explain");
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text), "cp/flat time: no change point (window 10, n=30): "
						    "no candidate split's t-test p <= 0.001\n"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	/* The same note with cp/step's groups over both series (the table
	 * grouped by commit); before, the grouping dropped it, and only `by
	 * series` said why cp/flat had no row. */
	r = run_ok("changes time of \"cp/*\" explain");
	assert_int_equal(bdb_result_n_rows(r), 2);
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text), "cp/flat time: no change point (robust, n=30): "
						    "noise 0 around level 50;"));
	assert_non_null(strstr(bdb_buf_cstr(&text), "git log --oneline c100000..c110000"));
	bdb_buf_free(&text);
	/* JSON carries both levels: the 2 groups in rows, then cp/step's 2
	 * change points as `by series` gives them, in series_rows (before,
	 * only the members string of each group). */
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_JSON, NULL, &text), 0);
	const char *js = bdb_buf_cstr(&text),
		   *sr = strstr(js, "], \"series_rows\": [\n  {\"point\": ");
	assert_non_null(sr);
	assert_non_null(strstr(sr, "\"point\": \"cp/step\", \"tags\": {}, \"metric\": \"time\", "
				   "\"run\": \"s11\""));
	assert_non_null(strstr(sr, "\"run\": \"s21\""));
	assert_null(strstr(sr, "\"point\": \"cp/flat\""));
	bdb_buf_free(&text);
	bdb_result_free(r);

	/* Too few permutations for pvalue: the smallest p of 20 is 1/21 =
	 * 0.0476 > 0.01, so no permutation test passes, and the answer says
	 * so (before, an empty one read as "no change"). cp/step's runs
	 * separate completely, whose chance needs no permutation: its two
	 * steps stay. 99 permutations resolve 0.01. */
	r = run_ok("changes time of \"cp/step\" permutations 20");
	assert_int_equal(bdb_result_n_rows(r), 2);
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "20 permutations cannot resolve pvalue 0.01: the smallest p they give is "
			       "1/21 = 0.0476, so only splits whose runs separate completely can pass "
			       "(give permutations 99 or more)\n"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	/* One permutation is one (before: "1 permutations" in every message). */
	r = run_ok("changes time of \"cp/flat\" permutations 1 explain");
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "1 permutation cannot resolve pvalue 0.01: the smallest p it gives is "
			       "1/2 = 0.5, so only splits whose runs separate completely can pass "
			       "(give permutations 99 or more)\n"));
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "a step needs a rank split with p <= 0.01 (1 permutation, seed "
			       "20260131)"));
	assert_null(strstr(bdb_buf_cstr(&text), "1 permutations"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	/* pvalue 0.5 lets 1 permutation's floor, 1/2, pass: the cell and the
	 * explanation give that bound. */
	r = run_ok("changes time of \"cp/step\" permutations 1 pvalue 0.5 explain");
	assert_int_equal(bdb_result_n_rows(r), 2);
	text = (bdb_buf){0};
	bdb_result_cell_text(r, 0, (size_t)bdb_result_column_index(r, "p_value"), &text);
	assert_string_equal(bdb_buf_cstr(&text), "< 0.5 (1 permutation)");
	bdb_buf_free(&text);
	assert_string_equal(result_str(r, 0, "explanation"),
			    "robust step (n=30): E-Divisive on ranks p < 0.5 (1 permutation, seed "
			    "20260131) <= 0.5; median 100 -> 120, |effect| 20 >= threshold 2 = max(2 "
			    "x noise 0, 2% of 100)");
	bdb_result_free(r);
	r = run_ok("changes time of \"cp/flat\" using edivisive permutations 1 explain");
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_non_null(strstr(bdb_buf_cstr(&text),
			       "no split with permutation p <= 0.05 (1 permutation, seed 20260131)\n"));
	assert_null(strstr(bdb_buf_cstr(&text), "1 permutations"));
	bdb_buf_free(&text);
	bdb_result_free(r);
	r = run_ok("changes time of \"cp/step\" permutations 99");
	assert_int_equal(bdb_result_n_rows(r), 2);
	text = (bdb_buf){0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &text), 0);
	assert_null(strstr(bdb_buf_cstr(&text), "cannot resolve"));
	bdb_buf_free(&text);
	bdb_result_free(r);

	/* kind drift: no drift here. */
	r = run_ok("changes time of \"cp/step\" kind drift");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_result_free(r);
}

/*
 * A perfect split's p is its chance, not a permutation bound. With
 * `permutations 1` the rank test cannot reach p <= 0.01 (its floor is
 * 1/2), so cp/step is split where its ranks separate completely
 * (robust.c, perfect_split): first at s21 (100 and 120 above 90), chance
 * 2 / C(30, 20) = 2 / 30045015 = 6.6567e-08, then s1..s20 at s11, chance
 * 2 / C(20, 10) = 2 / 184756 = 1.0825e-05 (Python's math.comb). Both lie
 * below the floor 1/2: the table gives the numbers, and the explanation
 * said "p < 0.5 (1 permutations, seed ...)" before it gave them too.
 */
static void test_changes_perfect_split_p(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"cp/step\" permutations 1 explain");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_near(field_num(r, "p_floor"), 0.5, 1e-15);
	assert_string_equal(result_str(r, 0, "run"), "s11");
	assert_near(result_num(r, 0, "p_value"), 2.0 / 184756, 1e-18);
	assert_string_equal(result_str(r, 1, "run"), "s21");
	assert_near(result_num(r, 1, "p_value"), 2.0 / 30045015, 1e-20);
	assert_string_equal(result_str(r, 0, "explanation"),
			    "robust step (n=30): E-Divisive on ranks p = 1.083e-05 <= 0.01; median "
			    "100 -> 120, |effect| 20 >= threshold 2 = max(2 x noise 0, 2% of 100)");
	assert_non_null(strstr(result_str(r, 1, "explanation"), "ranks p = 6.657e-08 <= 0.01;"));
	bdb_buf b = {0};
	assert_string_equal(bdb_result_column(r, 8), "p_value");
	bdb_result_cell_text(r, 0, 8, &b);
	assert_string_equal(bdb_buf_cstr(&b), "1.083e-05");
	bdb_buf_free(&b);
	bdb_result_free(r);
}

/* Stores n runs, one a day from 2026-01-01, named FORMAT (with i + 1), each
 * with one value x[i] of POINT's time. */
static void put_daily(bdb_store *s, const char *format, const char *point, const double *x,
		      size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bdb_run *run = bdb_run_new();
		char text[64];
		snprintf(text, sizeof text, format, (int)i + 1);
		assert_int_equal(bdb_run_set_id(run, text), 0);
		run->timestamp_us = (1767225600LL + 86400LL * (long long)i) * 1000000;
		add(run, point, x[i]);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
}

/*
 * A drift's threshold is max(effect / 2 x noise, floor % of the level)
 * (robust.c, drift_threshold; docs/detection.md 5 "Drift"), and its
 * explanation says so: it printed "max(2 x noise ...)" beside the number
 * computed with 1 x noise. Its own store: 60 runs, one a day, of
 * 100 + 10 i / 60 + (3, -2, 0, 2, -3)[i % 5], a creep whose noise (4.19)
 * is above the floor (2 % of 100), so the threshold is 1 x the noise.
 */
static void test_changes_drift_explanation(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	static const double pattern[] = {3, -2, 0, 2, -3};
	double x[60];
	for (int i = 0; i < 60; i++)
		x[i] = 100.0 + 10.0 * i / 60 + pattern[i % 5];
	put_daily(s, "d%02d", "creep", x, 60);
	bdb_result *r = query_run_ok(s, &options, "changes time explain");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "kind"), "drift");
	double noise = result_num(r, 0, "noise");
	assert_true(noise > 2);
	assert_true(result_num(r, 0, "threshold") == noise);
	char want[160];
	snprintf(want, sizeof want, "|change| >= threshold %.6g = max(1 x noise %.6g, 2%% of 100)",
		 noise, noise);
	const char *why = result_str(r, 0, "explanation");
	if (!strstr(why, want))
		fail_msg("%s\n  lacks %s", why, want);
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * A step with a side of at most 5 runs is also measured against the noise
 * of its own two sides (robust.c, step_threshold), and its explanation
 * says so. nautilus' comp_bc_staticLoop (tests/realdata, in us): 25 runs
 * at 2.1, then 45.6 and 44.7, then 32.8, 29.3 and 29.9, then 1.63. The
 * step at run 28 (r28, -34.5 %) has 2 runs before it: its threshold is
 * 2 x the noise of the differences within its two sides, r26..r27 and
 * r28..r31: -0.97, -3.5, 0.56 and -28.24, median -2.235, MAD 2.03, noise
 * 1.4826 x 2.03 / sqrt 2 (python3, statistics.median), far above the
 * series' noise (about 0.1).
 */
static void test_changes_short_level_threshold(void **state)
{
	(void)state;
	static const double us[31] = {2.122, 2.167, 2.13,  2.163, 2.105, 2.097, 2.072, 1.998,
				      2.185, 2.141, 2.181, 2.375, 2.476, 2.193, 2.111, 2.101,
				      2.228, 2.164, 2.165, 2.134, 2.093, 2.097, 2.246, 2.176,
				      2.401, 45.64, 44.67, 32.81, 29.31, 29.87, 1.63};
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_daily(s, "r%02d", "bc", us, 31);
	bdb_result *r = query_run_ok(s, &options, "changes time explain");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "run"), "r26");
	assert_string_equal(result_str(r, 1, "run"), "r28");
	double noise = result_num(r, 1, "noise"), thr = result_num(r, 1, "threshold");
	assert_true(noise > 0 && noise < 0.2);
	assert_near(thr, 2 * 1.4826 * 2.03 / sqrt(2.0), 1e-9);
	char want[256];
	snprintf(want, sizeof want,
		 "threshold %.6g = 2 x noise %.6g of the runs either side, as one side has at "
		 "most 5 runs (above max(2 x the series' noise %.6g, 2%% of ",
		 thr, thr / 2, noise);
	const char *why = result_str(r, 1, "explanation");
	if (!strstr(why, want))
		fail_msg("%s\n  lacks %s", why, want);
	/* The first step's sides are 25 quiet runs and 2: the usual threshold. */
	assert_non_null(strstr(result_str(r, 0, "explanation"), "= max(2 x noise "));
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * A long step in a drifting series is not a short level: its explanation
 * gives max(2 x noise, 2 % of the level). The threshold is computed on the
 * detrended level and the levels shown are put back at the step's time, so
 * describe's comparison of numbers took 2 % of the detrended level for the
 * sides' noise and printed "of the runs either side, as one side has at
 * most 5 runs" (atk22's review). 300 runs, one a day: 100 - 0.1 i (a creep
 * of -30 %), a wobble of (0.3, -0.2, 0, 0.2, -0.3) / 3 and +6 from run 150.
 */
static void test_changes_drift_step_explanation(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	static const double wobble[] = {0.1, -0.2 / 3, 0, 0.2 / 3, -0.1};
	double x[300];
	for (int i = 0; i < 300; i++)
		x[i] = 100.0 - 0.1 * i + wobble[i % 5] + (i >= 150 ? 6 : 0);
	put_daily(s, "d%03d", "creep", x, 300);
	bdb_result *r = query_run_ok(s, &options, "changes time explain");
	size_t steps = 0;
	for (size_t i = 0; i < bdb_result_n_rows(r); i++) {
		if (strcmp(result_str(r, i, "kind"), "step") != 0)
			continue;
		steps++;
		assert_string_equal(result_str(r, i, "run"), "d151");
		const char *why = result_str(r, i, "explanation");
		/* 2 % of the level before without the drift, 100 (the levels
		 * shown are put back at the step's time: 85 -> 91). */
		if (!strstr(why, "= max(2 x noise ") || strstr(why, "runs either side") ||
		    !strstr(why, "2% of 100, the level before without the drift)"))
			fail_msg("%s", why);
	}
	assert_int_equal(steps, 1);
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* Several series: `by series` gives one row per series and change, with
 * point, tags and metric leading; cp/flat adds no row. */
static void test_changes_several_series(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"cp/*\" by series as json");
	assert_int_equal(bdb_result_n_columns(r), 24);
	assert_string_equal(bdb_result_column(r, 0), "point");
	assert_string_equal(bdb_result_column(r, 3), "run");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "point"), "cp/step");
	assert_string_equal(result_str(r, 1, "metric"), "time");
	assert_true(field_num(r, "series") == 2);
	bdb_result_free(r);

	/* Without it: one row per commit. cp/step's two steps are at two
	 * commits, one series each; the bisect range starts at the run before
	 * (c100000 -> c110000). */
	r = run_ok("changes time of \"cp/*\"");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(bdb_result_column(r, 0), "commit");
	assert_string_equal(result_str(r, 0, "commit"), "c110000");
	assert_string_equal(result_str(r, 0, "kind"), "step");
	assert_true(result_num(r, 0, "series") == 1);
	assert_near(result_num(r, 0, "median_change_pct"), 20, 1e-12);
	assert_near(result_num(r, 0, "worst_change_pct"), 20, 1e-12);
	assert_string_equal(result_str(r, 0, "worst_series"), "cp/step");
	assert_string_equal(result_str(r, 0, "previous_commit"), "c100000");
	assert_string_equal(result_str(r, 0, "bisect"), "git log --oneline c100000..c110000");
	assert_string_equal(result_str(r, 0, "members"), "cp/step +20.0%");
	assert_string_equal(result_str(r, 1, "commit"), "c210000");
	assert_true(field_num(r, "change_points") == 2 && field_num(r, "series") == 2);
	bdb_result_free(r);
}

/*
 * Alert groups within +-1 run: grp/a steps at s11 (c110000), grp/b one run
 * later at s12 (its previous commit c110000), grp/c one more run later at
 * s13. grp/b joins grp/a's group, shown by the earliest commit, with the
 * range to bisect from the run before the earliest (c100000) to the
 * latest (c120000); grp/c is two runs from the group's commit and stays a
 * group of its own (groups take the run after their commit, never a
 * chain). The worst change is grp/b's +25 % (time: up is a regression).
 */
static void test_changes_groups_one_run_apart(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"grp/*\" by series");
	assert_int_equal(bdb_result_n_rows(r), 3);
	assert_string_equal(result_str(r, 0, "commit"), "c110000");
	assert_string_equal(result_str(r, 1, "commit"), "c120000");
	assert_string_equal(result_str(r, 1, "previous_commit"), "c110000");
	assert_string_equal(result_str(r, 2, "commit"), "c130000");
	bdb_result_free(r);

	r = run_ok("changes time of \"grp/*\"");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "commit"), "c110000");
	assert_true(result_num(r, 0, "series") == 2);
	assert_near(result_num(r, 0, "median_change_pct"), 22.5, 1e-12);
	assert_near(result_num(r, 0, "worst_change_pct"), 25, 1e-12);
	assert_string_equal(result_str(r, 0, "worst_series"), "grp/b");
	assert_string_equal(result_str(r, 0, "previous_commit"), "c100000");
	assert_string_equal(result_str(r, 0, "bisect"), "git log --oneline c100000..c120000");
	assert_string_equal(result_str(r, 0, "members"), "grp/a +20.0%; grp/b +25.0% at c120000");
	assert_string_equal(result_str(r, 1, "commit"), "c130000");
	assert_true(result_num(r, 1, "series") == 1);
	assert_string_equal(result_str(r, 1, "previous_commit"), "c120000");
	assert_string_equal(result_str(r, 1, "bisect"), "git log --oneline c120000..c130000");
	assert_string_equal(result_str(r, 1, "members"), "grp/c +50.0%");
	assert_true(field_num(r, "change_points") == 3 && field_num(r, "series") == 3);
	bdb_result_free(r);
}

/*
 * An annotated commit a run after a group's commit: grp/b's step is at
 * c120000, one run after grp/a's c110000, so it is in c110000's group.
 * Annotating c120000 marks that group (`at c120000 intended: b change`);
 * before, the group's annotation was only its earliest commit's, and the
 * change at c120000 went unmarked in the grouped table and JSON.
 * Annotating c110000 too puts its annotation first.
 */
static void test_changes_group_annotation_a_run_later(void **state)
{
	(void)state;
	bdb_result_free(run_ok("annotate commit \"c120000\" as intended \"b change\""));
	bdb_result *r = run_ok("changes time of \"grp/*\"");
	assert_string_equal(result_str(r, 0, "commit"), "c110000");
	assert_string_equal(result_str(r, 0, "annotation"), "at c120000 intended: b change");
	assert_string_equal(result_str(r, 1, "annotation"), "null");
	bdb_result_free(r);
	bdb_result_free(run_ok("annotate commit \"c110000\" as ignore runner"));
	r = run_ok("changes time of \"grp/*\"");
	assert_string_equal(result_str(r, 0, "annotation"),
			    "ignore: runner; at c120000 intended: b change");
	bdb_result_free(r);
	bdb_result_free(run_ok("drop annotation commit \"c110000\""));
	bdb_result_free(run_ok("drop annotation commit \"c120000\""));
}

/* A store of 20 runs n01..n20, a day apart, with nc/a, nc/b and nc/c at
 * 100 up to n10 and 120, 130, 140 from n11. With commits, run nNN has
 * commit mNN0000, except n11, which has n10's (m100000, run twice), and
 * n10 and n11, which have before and at when they are given. */
static bdb_store *named_step_store(const char *dir, bool commits, const char *before,
				   const char *at)
{
	bdb_store *s = open_store(dir, 0);
	for (int i = 0; i < 20; i++) {
		char id[24], commit[24];
		snprintf(id, sizeof id, "n%02d", i + 1);
		snprintf(commit, sizeof commit, "m%02d0000", i == 10 ? 10 : i + 1);
		const char *c = i == 9 && before ? before : i == 10 && at ? at : commit;
		bdb_run *run = dated_run(id, i + 1, commits ? c : NULL);
		add(run, "nc/a", i < 10 ? 100 : 120);
		add(run, "nc/b", i < 10 ? 100 : 130);
		add(run, "nc/c", i < 10 ? 100 : 140);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	return s;
}

/* named_step_store with mNN0000 commits (n11 has m100000, run twice). */
static bdb_store *step_store(const char *dir, bool commits)
{
	return named_step_store(dir, commits, NULL, NULL);
}

/*
 * Runs without a commit (ingested without one, or retention rollups): the
 * series that change at one such run are one alert group, keyed by the
 * run. step_store without commits: nc/a, nc/b and nc/c step at n11
 * (+20, +30, +40 %), so one group of 3 (median +30 %, worst nc/c +40 %), with no
 * commit, previous commit or bisect range to show; `regressions ... by
 * commit` locates each regression at n11 too (the first run of the
 * stretch worse than n01) and groups them the same way. Before, each row
 * without a commit was a group of its own: 3 rows of 1 series.
 */
static void test_changes_groups_without_commits(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = step_store(dir, false);
	bdb_result *r = query_run_ok(s, &options, "changes time by series");
	assert_int_equal(bdb_result_n_rows(r), 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(result_str(r, i, "run"), "n11");
	bdb_result_free(r);

	const char *queries[] = {"changes time",
				 "regressions in run \"n20\" vs run \"n01\" by commit"};
	for (size_t q = 0; q < 2; q++) {
		r = query_run_ok(s, &options, queries[q]);
		assert_int_equal(bdb_result_n_rows(r), 1);
		assert_true(result_num(r, 0, "series") == 3);
		assert_near(result_num(r, 0, "median_change_pct"), 30, 1e-12);
		assert_near(result_num(r, 0, "worst_change_pct"), 40, 1e-12);
		assert_string_equal(result_str(r, 0, "worst_series"), "nc/c");
		assert_string_equal(result_str(r, 0, "members"),
				    "nc/a +20.0%; nc/b +30.0%; nc/c +40.0%");
		assert_string_equal(result_str(r, 0, "commit"), "null");
		assert_string_equal(result_str(r, 0, "bisect"), "null");
		assert_true(field_num(r, "change_points") == 3);
		bdb_result_free(r);
	}
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * A change between two runs of one commit (m100000 run twice, as n10 and
 * n11, the step at n11): `git log --oneline m100000..m100000` would list
 * nothing, so the group says there is nothing to bisect; before, it gave
 * that empty range. The same for `regressions ... by commit`.
 */
static void test_changes_group_same_commit(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = step_store(dir, true);
	const char *queries[] = {"changes time",
				 "regressions in run \"n20\" vs run \"n01\" by commit"};
	for (size_t q = 0; q < 2; q++) {
		bdb_result *r = query_run_ok(s, &options, queries[q]);
		assert_int_equal(bdb_result_n_rows(r), 1);
		assert_true(result_num(r, 0, "series") == 3);
		assert_string_equal(result_str(r, 0, "commit"), "m100000");
		assert_string_equal(result_str(r, 0, "previous_commit"), "m100000");
		assert_string_equal(result_str(r, 0, "bisect"),
				    "nothing to bisect: m100000 before and after");
		bdb_result_free(r);
	}
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* The first row of a table (after its header and rule). */
static const char *data_line(const char *table)
{
	const char *rule = strstr(table, "\n---");
	assert_non_null(rule);
	const char *row = strchr(rule + 1, '\n');
	assert_non_null(row);
	return row + 1;
}

/* The words sh makes of command, with git a function that prints its
 * arguments one a line: "log\n--oneline\nA..B\n". */
static char *shell_words(const char *command)
{
	char *dir = make_temp_dir();
	char script[4096], cmd[4200];
	snprintf(script, sizeof script, "%s/bisect.sh", dir);
	FILE *f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f, "git() { printf '%%s\\n' \"$@\"; }\n%s\n", command);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof cmd, "cd '%s' && sh bisect.sh", dir);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char *out = calloc(1, 4096);
	assert_non_null(out);
	size_t n = fread(out, 1, 4095, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	remove_tree(dir);
	free(dir);
	return out;
}

/*
 * The bisect command of a group is safe to paste into a shell and names the
 * commits as they are: the commits of n10 and n11 of named_step_store, the
 * range `changes` and `regressions ... by commit` give, and the words a
 * real sh makes of it (git a function that prints them). Before, every
 * commit was cut to 10 characters and written as it was: `git log
 * --oneline $(touch /t..x;touch /t` for "$(touch /tmp/p)" before "x;touch
 * /tmp/q", which a shell runs; and "v1" before "v10" said "nothing to
 * bisect: v10 before and after" (one was a prefix of the other, as a short
 * hash is of a long one). Hashes are still cut to 10, and a hash and its
 * abbreviation are one commit.
 */
static void test_changes_bisect_shell(void **state)
{
	(void)state;
	static const struct {
		const char *before, *at, *command, *words;
	} cases[] = {
	    {"v1", "v10", "git log --oneline v1..v10", "log\n--oneline\nv1..v10\n"},
	    {"$(touch /tmp/p)", "x;touch /tmp/q", "git log --oneline '$(touch /tmp/p)'..'x;touch /tmp/q'",
	     "log\n--oneline\n$(touch /tmp/p)..x;touch /tmp/q\n"},
	    {"it's `x`", "release-2026-01-15", "git log --oneline 'it'\\''s `x`'..release-2026-01-15",
	     "log\n--oneline\nit's `x`..release-2026-01-15\n"},
	    {"-p", "v2.0", "git log --oneline --end-of-options -p..v2.0",
	     "log\n--oneline\n--end-of-options\n-p..v2.0\n"},
	    {"~1", "*", "git log --oneline '~1'..'*'", "log\n--oneline\n~1..*\n"},
	    {"0123456789abcdef0123", "fedcba9876543210fedc", "git log --oneline 0123456789..fedcba9876",
	     "log\n--oneline\n0123456789..fedcba9876\n"},
	    {"0123456789abcdef0123", "0123456789a", "nothing to bisect: 0123456789 before and after",
	     NULL},
	    {"release", "release-1", "git log --oneline release..release-1",
	     "log\n--oneline\nrelease..release-1\n"},
	};
	const char *queries[] = {"changes time", "regressions in run \"n20\" vs run \"n01\" by commit"};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *dir = make_temp_dir();
		bdb_store *s = named_step_store(dir, true, cases[k].before, cases[k].at);
		for (size_t q = 0; q < 2; q++) {
			bdb_result *r = query_run_ok(s, &options, queries[q]);
			assert_int_equal(bdb_result_n_rows(r), 1);
			assert_string_equal(result_str(r, 0, "previous_commit"), cases[k].before);
			assert_string_equal(result_str(r, 0, "bisect"), cases[k].command);
			bdb_result_free(r);
		}
		if (cases[k].words) {
			char *words = shell_words(cases[k].command);
			assert_string_equal(words, cases[k].words);
			free(words);
		}
		bdb_store_close(s);
		remove_tree(dir);
		free(dir);
	}
	/* The table shows a hash's first 10 characters and any other name
	 * whole: it cut "release-2026-01-15" to "release-20" (as it would
	 * "release-2026-02-01"), and a name in UTF-8 inside a character. */
	static const char *const names[][2] = {{"release-2026-01-14", "release-2026-01-15"},
					       {"v\u00e9rsion-\u00e9t\u00e9-1", "v\u00e9rsion-\u00e9t\u00e9-2"}};
	for (size_t k = 0; k < 2; k++) {
		char *dir = make_temp_dir();
		bdb_store *s = named_step_store(dir, true, names[k][0], names[k][1]);
		char *table = query_text(s, &options, "changes time as table");
		assert_true(strncmp(data_line(table), names[k][1], strlen(names[k][1])) == 0);
		free(table);
		/* The note of regressions kept out of the gate names it whole. */
		char annotate[128];
		snprintf(annotate, sizeof annotate, "annotate commit \"%s\" as intended \"why\"",
			 names[k][1]);
		bdb_result_free(query_run_ok(s, &options, annotate));
		char *note = query_text(s, &options, "regressions in run \"n20\" vs run \"n01\"");
		char at[64];
		snprintf(at, sizeof at, "(intended at %s: why)", names[k][1]);
		assert_non_null(strstr(note, at));
		free(note);
		bdb_store_close(s);
		remove_tree(dir);
		free(dir);
	}
	char *dir = make_temp_dir();
	bdb_store *s = named_step_store(dir, true, "0123456789abcdef0123", "fedcba9876543210fedc");
	char *table = query_text(s, &options, "changes time as table");
	assert_true(strncmp(data_line(table), "fedcba9876  ", 12) == 0);
	free(table);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);

	/* The function itself, as web/notify.c uses it. */
	bdb_buf b = {0};
	bdb_query_bisect_command("a'b", "c d", &b);
	assert_string_equal(bdb_buf_cstr(&b), "git log --oneline 'a'\\''b'..'c d'");
	bdb_buf_free(&b);
}

/*
 * What the explanation of a long series says was judged. Over more values
 * than the persisted fold's window (384), `changes` answers with the fold
 * (docs/detection.md "Persisted change points"): a step is judged within
 * a window of at most 384 runs, its noise and threshold that window's. The
 * explanation said "robust step (n=400)", as if the detector had judged all
 * 400; it says so now. With since, the detector over all the values
 * answers, and says n=400 alone. 400 runs a day apart, 100 then 110 from
 * run 200, noise +0.5, -0.5, 0, +0.25 repeated.
 */
static void test_changes_explain_fold(void **state)
{
	(void)state;
	static const double noise[] = {0.5, -0.5, 0.0, 0.25};
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	for (int i = 0; i < 400; i++) {
		bdb_run *run = bdb_run_new();
		assert_non_null(run);
		char id[16];
		snprintf(id, sizeof id, "f%03d", i);
		assert_int_equal(bdb_run_set_id(run, id), 0);
		run->timestamp_us = (int64_t)(1767225600 + 86400 * i) * 1000000;
		add(run, "long", (i < 200 ? 100 : 110) + noise[i % 4]);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_result *r = query_run_ok(s, &options, "changes time as json");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "run"), "f200");
	const char *fold = "robust step (n=400; the persisted fold judged it within a window of at "
			   "most 384 runs): E-Divisive on ranks";
	assert_true(strncmp(result_str(r, 0, "explanation"), fold, strlen(fold)) == 0);
	bdb_result_free(r);
	r = query_run_ok(s, &options, "changes time since \"2000-01-01\" as json");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "run"), "f200");
	const char *whole = "robust step (n=400): E-Divisive on ranks";
	assert_true(strncmp(result_str(r, 0, "explanation"), whole, strlen(whole)) == 0);
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * A short piece's complete separation: 28 runs of one series, 3 at 3.5,
 * 5 at 41.6, 20 at 2.4 (nautilus trace_add's N1 in tests/realdata: 3 runs
 * before a 5-run regression and its fix), with noise +0.03, -0.02, +0.01,
 * -0.04, +0.02, 0, -0.01 repeated. The first step is kept by the rule for
 * pieces too short for the permutations (docs/detection.md, robust item
 * 3), with p = 2 / C(8, 4) = 0.02857, above pvalue 0.01. Its explanation
 * said "p = 0.02857 <= 0.01", which is false; it now says which rule kept
 * it. The second step's permutation p is at the floor, as before.
 */
static void test_changes_short_piece_explanation(void **state)
{
	(void)state;
	static const double noise[] = {0.03, -0.02, 0.01, -0.04, 0.02, 0.0, -0.01};
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	for (int i = 0; i < 28; i++) {
		char id[24], commit[24];
		snprintf(id, sizeof id, "p%02d", i);
		snprintf(commit, sizeof commit, "p%02d0000", i);
		bdb_run *run = dated_run(id, i + 1, commit);
		add(run, "short", (i < 3 ? 3.5 : i < 8 ? 41.6 : 2.4) + noise[i % 7]);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_result *r = query_run_ok(s, &options, "changes time as json");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "run"), "p03");
	assert_near(result_num(r, 0, "p_value"), 2.0 / 70, 1e-15);
	assert_string_equal(result_str(r, 0, "explanation"),
			    "robust step (n=28): E-Divisive on ranks left a short piece whose runs "
			    "before and after separate completely, by chance p = 0.02857 (> 0.01, "
			    "which the piece's permutations cannot resolve); median 3.51 -> 41.6, "
			    "|effect| 38.09 >= threshold 0.0838685 = max(2 x noise 0.0419343, 2% of "
			    "3.51)");
	assert_string_equal(result_str(r, 1, "run"), "p08");
	assert_non_null(strstr(result_str(r, 1, "explanation"),
			       "E-Divisive on ranks p < 0.0099 (100 permutations, seed 20260131) <= "
			       "0.01;"));
	bdb_result_free(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/*
 * Joint placement: joint/weak's step is at s17 (c170000) by its own runs,
 * but its run s16 lies between the levels, and s16 (c160000) is in the
 * 95 % likelihood-ratio set of its place (LR 3.74 <= 7.35,
 * tests/reference/joint_places.py); three other series of the answer
 * step at c160000, so it is reported there, with the levels its own runs
 * gave. joint/clear's run s16 is at the old level (LR 29.95 at s16): it
 * stays at c170000. Alone, joint/weak has no other series to go by and
 * stays at c170000; so does it with two of the three others (fewer than
 * BDB_CHANGES_JOINT_SUPPORT).
 */
/* The five "joint/..." series' rows of r: joint/clear at its own commit,
 * c170000, the other four (joint/weak moved) at c160000. */
static void assert_joint_commits(const bdb_result *r)
{
	assert_int_equal(bdb_result_n_rows(r), 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(result_str(r, i, "commit"),
				    strcmp(result_str(r, i, "point"), "joint/clear") == 0 ? "c170000"
											  : "c160000");
}

static void test_changes_joint_placement(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"joint/*\" by series");
	assert_int_equal(bdb_result_n_rows(r), 5);
	for (size_t i = 0; i < 5; i++) {
		const char *point = result_str(r, i, "point");
		bool clear = strcmp(point, "joint/clear") == 0;
		assert_string_equal(result_str(r, i, "commit"), clear ? "c170000" : "c160000");
		assert_string_equal(result_str(r, i, "previous_commit"),
				    clear ? "c160000" : "c150000");
		assert_string_equal(result_str(r, i, "kind"), "step");
		if (strcmp(point, "joint/weak") == 0) {
			assert_string_equal(result_str(r, i, "run"), "s16");
			assert_near(result_num(r, i, "before"), 100, 1e-9);
			assert_near(result_num(r, i, "after"), 106, 1e-9);
			assert_string_equal(result_str(r, i, "detail"),
					    "placed with 3 other series (own runs: 1 run later)");
			const char *why = result_str(r, i, "explanation");
			const char *joint = strstr(why, "; placed jointly: ");
			assert_non_null(joint);
			assert_string_equal(joint,
					    "; placed jointly: 3 other series change at this commit, "
					    "within the 95% likelihood-ratio set of its place (LR <= "
					    "7.352), 1 run earlier than its own runs put it");
		} else {
			assert_string_equal(result_str(r, i, "detail"), "null");
		}
	}
	bdb_result_free(r);

	/* The same over the computed path (a `since` reads the detector, not
	 * the persisted fold). */
	r = run_ok("changes time of \"joint/*\" since \"2026-01-01\" by series");
	assert_joint_commits(r);
	bdb_result_free(r);

	r = run_ok("changes time of \"joint/weak\"");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "commit"), "c170000");
	bdb_result_free(r);
	r = run_ok("changes time of \"joint/[gw]*\" where point != \"joint/g3\" by series");
	assert_int_equal(bdb_result_n_rows(r), 3);
	for (size_t i = 0; i < 3; i++)
		if (strcmp(result_str(r, i, "point"), "joint/weak") == 0)
			assert_string_equal(result_str(r, i, "commit"), "c170000");
	bdb_result_free(r);

	/* Grouped: one group at c160000 with all five (joint/clear a run
	 * later, within +-1 run). */
	r = run_ok("changes time of \"joint/*\"");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_string_equal(result_str(r, 0, "commit"), "c160000");
	assert_true(result_num(r, 0, "series") == 5);
	bdb_result_free(r);

	/* Drawn, the chart marks the rows' places: four at s16, joint/clear
	 * at s17 (it marked joint/weak at s17 too, by its own runs alone). */
	r = run_ok("changes time of \"joint/*\" as svg");
	bdb_buf svg = {0};
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_SVG, NULL, &svg), 0);
	size_t at16 = 0, at17 = 0, marks = 0;
	for (const char *p = bdb_buf_cstr(&svg); (p = strstr(p, "<title>run s")) != NULL; p++) {
		const char *end = strstr(p, "</title>");
		const char *mark = strstr(p, "change point");
		if (!end || !mark || mark > end)
			continue;
		marks++;
		at16 += strncmp(p, "<title>run s16,", 15) == 0;
		at17 += strncmp(p, "<title>run s17,", 15) == 0;
	}
	assert_int_equal(marks, 5);
	assert_int_equal(at16, 4);
	assert_int_equal(at17, 1);
	bdb_buf_free(&svg);
	bdb_result_free(r);
}

/*
 * The settled path: a store that keeps change points and their answers
 * (bdb_query_changes_settle) reads each series' answer instead of
 * computing it; the joint placement runs over those answers the same way.
 */
static void test_changes_joint_placement_settled(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *kept = open_store(dir, 0);
	bdb_query_keep_changes(kept);
	assert_int_equal(bdb_query_changes_rebuild(kept, NULL), 0);
	for (int i = 0; i < N_RUNS; i++) {
		bdb_run *run = build(i);
		put_ok(kept, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	size_t n = 0;
	assert_int_equal(bdb_query_changes_settle(kept, NULL, &n), 0);
	assert_true(n > 0);
	bdb_result *r = query_run_ok(kept, &options, "changes time of \"joint/*\" by series");
	assert_true(field_num(r, "settled_series") == 5);
	assert_joint_commits(r);
	bdb_result_free(r);
	bdb_store_close(kept);
	remove_tree(dir);
	free(dir);
}

/*
 * The windowed variant: Student's t-test between neighbouring constant
 * segments has zero variance and unequal means, so p = 0 (stats.h), and
 * the Bonferroni factor keeps it 0. The table and the explanation say it
 * as the bound it is: below the smallest double, not 0.
 */
static void test_changes_windowed(void **state)
{
	(void)state;
	bdb_result *r = run_ok("changes time of \"cp/step\" window 12");
	assert_int_equal(bdb_result_n_rows(r), 2);
	assert_string_equal(result_str(r, 0, "run"), "s11");
	assert_string_equal(result_str(r, 1, "run"), "s21");
	assert_true(result_num(r, 0, "p_value") == 0 && result_num(r, 1, "p_value") == 0);
	assert_string_equal(result_str(r, 0, "explanation"),
			    "windowed (n=30): p < 2.2e-308 (t-test) <= 0.001; mean 100 -> 120");
	bdb_buf b = {0};
	bdb_result_cell_text(r, 0, 8, &b);
	assert_string_equal(bdb_result_column(r, 8), "p_value");
	assert_string_equal(bdb_buf_cstr(&b), "< 2.2e-308");
	bdb_buf_free(&b);
	assert_string_equal(result_str(r, 0, "method"), "windowed");
	assert_string_equal(field_str(r, "method"), "windowed");
	assert_true(field_num(r, "window") == 12);
	assert_true(field_num(r, "pvalue") == 0.001);
	assert_int_equal(bdb_result_field_by_name(r, "seed").kind, BDB_VALUE_NULL);
	bdb_result_free(r);
	r = run_ok("changes time of \"cp/flat\" window 12");
	assert_int_equal(bdb_result_n_rows(r), 0);
	bdb_result_free(r);
}

/* The same seed gives the same output, run to run; on hist/z (noisy) the
 * p-values depend on the permutations. */
static void test_changes_deterministic(void **state)
{
	(void)state;
	static const char *const queries[] = {
	    "changes time of \"hist/*\" seed 11 as json",
	    "changes time seed 12345 permutations 300 as csv",
	    "changes time of \"hist/z\" as json",
	};
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		char *a = exec_text(queries[i]);
		char *b = exec_text(queries[i]);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void test_changes_errors(void **state)
{
	(void)state;
	expect_error("changes nothing", 9, "no metric \"nothing\" in the store");
	expect_error("changes time seed x", 19, "expected a seed");
}

/* ------------------------------------------------------------------------ */
/* History models                                                            */
/* ------------------------------------------------------------------------ */

/*
 * Bencher's worked examples end to end: hist/z's 25 values before s30 have
 * mean 100 and s 10, so b = 0.977 gives 80.05 / 119.95 (z-score) and
 * 78.54 / 121.46 (t-test, n = 25): stats_reference.h's ref_zscore_* and
 * ref_ttest_*. 131.2 is above: a regression of a lower-is-better metric,
 * severity by its distance from the center, +31.2 % (moderate). p-value
 * of the z-score: 2 (1 - Phi(3.12)) = erfc(3.12 / sqrt 2) =
 * 0.0018085103996446825 (Python math.erfc). The base is s29's value (90).
 */
static void test_history_bencher_examples(void **state)
{
	(void)state;
	bdb_result *r = run_ok("regressions vs run s29 of \"hist/z\" using zscore window 25 "
			       "boundary 0.977");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_near(result_num(r, 0, "lower"), ref_zscore_lower, 1e-9);
	assert_near(result_num(r, 0, "upper"), ref_zscore_upper, 1e-9);
	assert_near(result_num(r, 0, "center"), 100, 1e-12);
	assert_true(result_num(r, 0, "history") == 25);
	assert_true(result_num(r, 0, "base") == 90 && result_num(r, 0, "current") == 131.2);
	assert_string_equal(result_str(r, 0, "severity"), "moderate");
	assert_near(result_num(r, 0, "p_value"), 0.0018085103996446825, 1e-12);
	assert_string_equal(result_str(r, 0, "threshold"), "null");
	assert_string_equal(result_str(r, 0, "explanation"),
			    "zscore window 25 boundary 0.977 (n=25): 131.2 above upper bound "
			    "119.954, p = 0.001809");
	assert_string_equal(field_str(r, "method"), "zscore");
	assert_true(field_num(r, "window") == 25 && field_num(r, "boundary") == 0.977);
	bdb_result_free(r);

	r = run_ok("regressions vs run s29 of \"hist/z\" using ttest window 25 boundary 0.977");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_near(result_num(r, 0, "lower"), ref_ttest_lower, 1e-9);
	assert_near(result_num(r, 0, "upper"), ref_ttest_upper, 1e-9);
	bdb_result_free(r);

	/* IQR: hist/q's median 100, IQR 10 (header), k = 2: 80 / 120; 121 is
	 * above. compare: the verdict is the model's, base and change are
	 * against the first run (s29: 105; (121 - 105) / 105 = +15.24 %). */
	r = run_ok("compare run s29 with latest of \"hist/q\" using iqr window 25 boundary 2");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_true(result_num(r, 0, "lower") == 80 && result_num(r, 0, "upper") == 120);
	assert_true(result_num(r, 0, "center") == 100);
	assert_string_equal(result_str(r, 0, "verdict"), "regression");
	assert_near(result_num(r, 0, "change_pct"), 16.0 / 105 * 100, 1e-12);
	assert_string_equal(result_str(r, 0, "p_value"), "null");
	assert_string_equal(result_str(r, 0, "explanation"),
			    "iqr window 25 boundary 2 (n=25): 121 above upper bound 120");
	bdb_result_free(r);
	/* k = 3 (the default): 70 / 130, 121 is within. */
	r = run_ok("compare run s29 with latest of \"hist/q\" using iqr");
	assert_string_equal(result_str(r, 0, "verdict"), "unchanged");
	assert_true(result_num(r, 0, "lower") == 70 && result_num(r, 0, "upper") == 130);
	assert_true(result_num(r, 0, "history") == 25); /* window 30, 25 values exist */
	bdb_result_free(r);
}

/*
 * The window keeps the last N values before the run: window 20 of hist/z
 * is 10 x 110 and 10 x 90, mean 100, s = sqrt(2000 / 19) = 10.2598; with
 * b = 0.99 (default), z(0.99) = 2.3263478740408408 (Python
 * statistics.NormalDist().inv_cdf), limits 76.13217441814777 /
 * 123.86782558185223.
 */
static void test_history_window(void **state)
{
	(void)state;
	bdb_result *r = run_ok("regressions vs run s29 of \"hist/z\" using zscore window 20 "
			       "explain");
	assert_int_equal(bdb_result_n_rows(r), 1);
	assert_true(result_num(r, 0, "history") == 20);
	assert_near(result_num(r, 0, "lower"), 76.13217441814777, 1e-9);
	assert_near(result_num(r, 0, "upper"), 123.86782558185223, 1e-9);
	assert_true(
	    strncmp(result_str(r, 0, "explanation"),
		    "zscore window 20 boundary 0.99 (n=20): 131.2 above upper bound 123.868",
		    70) == 0);
	bdb_result_free(r);

	/* A run judged before it has 2 earlier values: n/a, never a
	 * regression. hist/z starts at s05; s06 has one value before it. */
	r = run_ok("compare run s05 with run s06 of \"hist/z\" using ttest");
	assert_string_equal(result_str(r, 0, "verdict"), "n/a");
	assert_true(result_num(r, 0, "history") == 1);
	assert_string_equal(result_str(r, 0, "lower"), "null");
	assert_string_equal(result_str(r, 0, "explanation"),
			    "ttest window 30 boundary 0.99 (n=1): n/a, the series needs 2 earlier "
			    "values");
	bdb_result_free(r);
	r = run_ok("regressions in run s06 vs run s05 using ttest");
	assert_int_equal(bdb_result_n_rows(r), 0);
	/* cp/step, cp/flat and the five joint/ series */
	assert_true(field_num(r, "compared") == 0 + 2 + 5);
	bdb_result_free(r);
}

/*
 * A window far larger than any history takes every earlier value, as
 * window 25 does for hist/z (25 values before s29): the same n and the same
 * limits (ref_ttest_*, boundary 0.977). Fuzzing (finding F9) found that the
 * window was allocated whole: window 777777772 asked for 6.2 GB, and
 * 2^61 + 1 doubles wrapped the size to 8 bytes, which the 25 values then
 * overflowed (ASan: heap-buffer-overflow).
 */
static void test_history_huge_window(void **state)
{
	(void)state;
	static const char *const windows[] = {"777777772", "2305843009213693953"};
	for (size_t i = 0; i < 2; i++) {
		char q[160];
		snprintf(
		    q, sizeof q,
		    "regressions vs run s29 of \"hist/z\" using ttest window %s boundary 0.977",
		    windows[i]);
		bdb_result *r = run_ok(q);
		assert_int_equal(bdb_result_n_rows(r), 1);
		assert_true(result_num(r, 0, "history") == 25);
		assert_near(result_num(r, 0, "lower"), ref_ttest_lower, 1e-9);
		assert_near(result_num(r, 0, "upper"), ref_ttest_upper, 1e-9);
		assert_true(field_num(r, "window") == strtod(windows[i], NULL));
		bdb_result_free(r);
	}
}

/* The explanation column: in JSON always, in tables only with explain. */
static void test_explain_column(void **state)
{
	(void)state;
	const char *q = "compare run s29 with latest of \"hist/z\" using lookback";
	char text[128];
	char *plain = exec_text(q);
	snprintf(text, sizeof text, "%s explain", q);
	char *explained = exec_text(text);
	snprintf(text, sizeof text, "%s as json", q);
	char *json = exec_text(text);
	assert_null(strstr(plain, "explanation"));
	assert_non_null(strstr(explained, "explanation"));
	/* lookback, k = 5: 100 -+ 50, 131.2 within; p = erfc(3.12 / sqrt 2). */
	assert_non_null(strstr(explained, "lookback window 30 boundary 5 (n=25): 131.2 within "
					  "[50, 150], p = 0.001809"));
	assert_non_null(strstr(json, "\"explanation\""));
	free(plain);
	free(explained);
	free(json);
	char *csv = exec_text("regressions vs run s29 of \"hist/z\" as csv");
	assert_null(strstr(csv, "explanation"));
	free(csv);
}

static void test_history_errors(void **state)
{
	(void)state;
	expect_error("regressions using zscore threshold 5%", 36,
		     "a threshold does not apply to using zscore");
	expect_error("regressions using ttest boundary 0.4", 34,
		     "expected a boundary probability from 0.5 to 1 (0.99), found \"0.4\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_changes_edivisive),
	    cmocka_unit_test(test_changes_robust),
	    cmocka_unit_test(test_changes_perfect_split_p),
	    cmocka_unit_test(test_changes_drift_explanation),
	    cmocka_unit_test(test_changes_short_level_threshold),
	    cmocka_unit_test(test_changes_drift_step_explanation),
	    cmocka_unit_test(test_changes_several_series),
	    cmocka_unit_test(test_changes_groups_one_run_apart),
	    cmocka_unit_test(test_changes_groups_without_commits),
	    cmocka_unit_test(test_changes_group_annotation_a_run_later),
	    cmocka_unit_test(test_changes_group_same_commit),
	    cmocka_unit_test(test_changes_bisect_shell),
	    cmocka_unit_test(test_changes_short_piece_explanation),
	    cmocka_unit_test(test_changes_explain_fold),
	    cmocka_unit_test(test_changes_joint_placement),
	    cmocka_unit_test(test_changes_joint_placement_settled),
	    cmocka_unit_test(test_changes_windowed),
	    cmocka_unit_test(test_changes_deterministic),
	    cmocka_unit_test(test_changes_errors),
	    cmocka_unit_test(test_history_bencher_examples),
	    cmocka_unit_test(test_history_window),
	    cmocka_unit_test(test_history_huge_window),
	    cmocka_unit_test(test_explain_column),
	    cmocka_unit_test(test_history_errors),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
