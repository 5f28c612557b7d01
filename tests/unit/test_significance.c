/*
 * test_significance.c - Mann-Whitney U, Hodges-Lehmann and the t-tests of
 * query/stats.h against scipy 1.10.1 (values in stats_reference.h, each
 * table naming the call that produced it) and hand computations.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "helpers/close.h"
#include "schema.h"
#include "stats.h"
#include "stats_reference.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Mann-Whitney U                                                            */
/* ------------------------------------------------------------------------ */

/* One scipy reference case: U, the regime and p. */
static void check_mwu_case(const ref_mwu *ref)
{
	bdb__mwu_result r;
	print_message("case %s\n", ref->name);
	assert_int_equal(bdb__stats_mann_whitney(ref->x, ref->n1, ref->y, ref->n2, &r), 0);
	assert_true(r.u == ref->u);
	assert_int_equal(r.method, ref->exact ? BDB__MWU_EXACT : BDB__MWU_NORMAL);
	assert_close(r.p_value, ref->p, 1e-12);
	assert_int_equal(r.n1, ref->n1);
	assert_int_equal(r.n2, ref->n2);
	if (ref->exact)
		assert_true(isnan(r.z));
}

static void test_mwu_scipy(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_mwu_cases); i++)
		check_mwu_case(&ref_mwu_cases[i]);
}

/* One value against one (tied: sigma 0, p 1) or two, a tie with a single
 * value, identical samples, 8 against 400 (exact), values near +-1.7e308
 * and 5e-324, 50 against 60 with many ties: ref_mwu_edge_cases, scipy 1.10.1
 * as ref_mwu_cases (tests/reference/stats_reference.py). */
static void test_mwu_scipy_edges(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_mwu_edge_cases); i++)
		check_mwu_case(&ref_mwu_edge_cases[i]);
}

static void test_mwu_hand(void **state)
{
	(void)state;
	/* Full separation, 3 vs 3: U = 0; exactly one of C(6, 3) = 20
	 * arrangements is as extreme on each side, so p = 2 / 20 = 0.1. */
	const double x[] = {1, 2, 3}, y[] = {4, 5, 6};
	bdb__mwu_result r;
	assert_int_equal(bdb__stats_mann_whitney(x, 3, y, 3, &r), 0);
	assert_true(r.u == 0.0);
	assert_close(r.p_value, 0.1, 1e-15);
	assert_false(r.ties);
	/* Swapped: U of the first sample is n1 n2 = 9, same p. */
	assert_int_equal(bdb__stats_mann_whitney(y, 3, x, 3, &r), 0);
	assert_true(r.u == 9.0);
	assert_close(r.p_value, 0.1, 1e-15);
	/* One tie across samples counts one half in U. */
	const double a[] = {1, 2, 4}, b[] = {2, 5, 6};
	assert_int_equal(bdb__stats_mann_whitney(a, 3, b, 3, &r), 0);
	assert_true(r.u == 1.5); /* 2 > 2 counts one half, 4 > 2 one */
	assert_true(r.ties);
	assert_int_equal(r.method, BDB__MWU_NORMAL);
}

/*
 * The smallest p a Mann-Whitney test can give: the p of the most extreme
 * arrangement of the pooled values. Expected values are scipy 1.10.1's
 * scipy.stats.mannwhitneyu(x, y).pvalue (two-sided, method="auto") of that
 * arrangement; without ties in the exact regime it is 2 / C(n1 + n2, n1).
 */
static void test_mwu_min_p(void **state)
{
	(void)state;
	double p;
	/* mannwhitneyu([1,2,3], [4,5,6]) = 0.1 = 2 / C(6, 3), whatever the
	 * arrangement given. */
	const double x3[] = {5, 1, 4}, y3[] = {2, 6, 3};
	assert_int_equal(bdb__stats_mann_whitney_min_p(x3, 3, y3, 3, &p), 0);
	assert_close(p, 0.1, 1e-15);
	/* mannwhitneyu([1,2,3,4,5], [6,7,8]) = 0.03571428571428571 = 2 / C(8, 3). */
	const double x5[] = {8, 2, 6, 4, 1}, y5[] = {3, 7, 5};
	assert_int_equal(bdb__stats_mann_whitney_min_p(x5, 5, y5, 3, &p), 0);
	assert_close(p, 2.0 / 56.0, 1e-15);
	assert_close(p, 0.03571428571428571, 1e-15);
	/* Ties: the normal regime with the tie correction;
	 * mannwhitneyu([1,1,2], [3,4,4]) = 0.07219819770165753. */
	const double xt[] = {4, 1, 3}, yt[] = {1, 2, 4};
	assert_int_equal(bdb__stats_mann_whitney_min_p(xt, 3, yt, 3, &p), 0);
	assert_close(p, 0.07219819770165753, 1e-12);
	/* 10 vs 10, past the exact regime:
	 * mannwhitneyu(range(1, 11), range(11, 21)) = 0.00018267179110955002. */
	double x10[10], y10[10];
	for (int i = 0; i < 10; i++) {
		x10[i] = 2 * i; /* interleaved with y10 */
		y10[i] = 2 * i + 1;
	}
	assert_int_equal(bdb__stats_mann_whitney_min_p(x10, 10, y10, 10, &p), 0);
	assert_close(p, 0.00018267179110955002, 1e-12);
	const double bad[] = {1, NAN};
	assert_int_equal(bdb__stats_mann_whitney_min_p(bad, 2, y3, 3, &p), BDB_EINVAL);
	assert_int_equal(bdb__stats_mann_whitney_min_p(x3, 0, y3, 3, &p), BDB_EINVAL);
}

static void test_mwu_edges(void **state)
{
	(void)state;
	const double x[] = {1.0, 2.0}, bad[] = {1.0, NAN}, inf[] = {INFINITY, 1.0};
	bdb__mwu_result r = {.u = -7.0};
	assert_int_equal(bdb__stats_mann_whitney(x, 0, x, 2, &r), BDB_EINVAL);
	assert_int_equal(bdb__stats_mann_whitney(x, 2, x, 0, &r), BDB_EINVAL);
	assert_int_equal(bdb__stats_mann_whitney(bad, 2, x, 2, &r), BDB_EINVAL);
	assert_int_equal(bdb__stats_mann_whitney(x, 2, inf, 2, &r), BDB_EINVAL);
	assert_true(r.u == -7.0);
	/* All values equal: no evidence either way. */
	const double same[] = {3.0, 3.0};
	assert_int_equal(bdb__stats_mann_whitney(same, 2, same, 2, &r), 0);
	assert_true(r.u == 2.0);
	assert_true(r.p_value == 1.0);
	/* A large exact case agrees with the normal approximation's order of
	 * magnitude and stays a probability. */
	double big[200];
	for (int i = 0; i < 200; i++)
		big[i] = i;
	const double small[] = {-3.0, -2.0, -1.0};
	assert_int_equal(bdb__stats_mann_whitney(small, 3, big, 200, &r), 0);
	assert_int_equal(r.method, BDB__MWU_EXACT);
	/* Exact: 2 / C(203, 3) = 2 / 1373701. */
	assert_close(r.p_value, 2.0 / 1373701.0, 1e-12);
}

/* ------------------------------------------------------------------------ */
/* Hodges-Lehmann                                                            */
/* ------------------------------------------------------------------------ */

static void test_shift_reference(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_shift_cases); i++) {
		const ref_shift *ref = &ref_shift_cases[i];
		bdb__shift_estimate s;
		print_message("case %s at %.2f\n", ref->name, ref->confidence);
		assert_int_equal(bdb__stats_hodges_lehmann(ref->x, ref->n1, ref->y, ref->n2,
							   ref->confidence, &s),
				 0);
		assert_int_equal(s.k, ref->k);
		assert_same_double(s.estimate, ref->estimate);
		assert_same_double(s.lower, ref->lower);
		assert_same_double(s.upper, ref->upper);
		assert_true(s.confidence == ref->confidence);
		assert_true(s.lower <= s.estimate && s.estimate <= s.upper);
	}
}

static void test_shift_hand(void **state)
{
	(void)state;
	/* x = {1, 2, 3}, y = {11, 12, 13}: differences 8..12, median 10; with
	 * 9 differences and P(U <= 0) = 1 / 20 > 0.025 no k qualifies, so k
	 * is 1 and the interval is the full range [8, 12], achieving
	 * 1 - 2 / 20 = 0.9. */
	const double x[] = {1, 2, 3}, y[] = {11, 12, 13};
	bdb__shift_estimate s;
	assert_int_equal(bdb__stats_hodges_lehmann(x, 3, y, 3, 0.95, &s), 0);
	assert_true(s.estimate == 10.0);
	assert_int_equal(s.k, 1);
	assert_true(s.lower == 8.0 && s.upper == 12.0);
	assert_close(s.achieved, 0.9, 1e-15);
	assert_int_equal(s.method, BDB__MWU_EXACT);
	/* At 0.75, alpha / 2 = 0.125: P(U <= 1) = 2 / 20 = 0.1 qualifies,
	 * P(U <= 2) = 4 / 20 does not, so k = 2 and the interval is
	 * [D(2), D(8)] = [9, 11] of 8 9 9 10 10 10 11 11 12, achieving 0.8. */
	assert_int_equal(bdb__stats_hodges_lehmann(x, 3, y, 3, 0.75, &s), 0);
	assert_int_equal(s.k, 2);
	assert_true(s.lower == 9.0 && s.upper == 11.0);
	assert_close(s.achieved, 0.8, 1e-15);
}

/* Differences beyond a double: x = {0, -1e308}, y = {1e308} differ by
 * 1e308 and 2e308; the median of the two is 1.5e308 (Python's
 * fractions: (1e308 + 2e308) / 2, and the same operations at 2^-1024 in
 * floats), where the overflowed 2e308 = inf made it inf - inf = NaN. The
 * upper bound, 2e308 itself, is beyond a double: inf. */
static void test_shift_huge(void **state)
{
	(void)state;
	const double x[] = {0, -1e308}, y[] = {1e308};
	bdb__shift_estimate s;
	assert_int_equal(bdb__stats_hodges_lehmann(x, 2, y, 1, 0.95, &s), 0);
	assert_true(s.estimate == 1.5e308);
	assert_true(s.lower == 1e308);
	assert_true(isinf(s.upper) && s.upper > 0);
	/* Ordinary values are differenced as before. */
	const double a[] = {1, 2, 3}, b[] = {11, 12, 13};
	assert_int_equal(bdb__stats_hodges_lehmann(a, 3, b, 3, 0.95, &s), 0);
	assert_true(s.estimate == 10.0 && s.lower == 8.0 && s.upper == 12.0);
}

/* Values beyond 2^256 whose differences all fit a double are differenced
 * as they are: x = {1e-300, 1e300, -1e300}, y = {2e-300, 2e300, -2e300}
 * differ by -3e300, -2e300, -1e300 (twice), 1e-300, 1e300 (twice), 2e300
 * and 3e300; numpy.median(numpy.subtract.outer(y, x)) is 1e-300 (numpy
 * 1.24.2), and 3 against 3 the interval is the whole range, [-3e300,
 * 3e300]. The estimate was 0: every difference was taken at 2^-998, where
 * 2e-300 - 1e-300 underflows. */
static void test_shift_wide_range(void **state)
{
	(void)state;
	const double x[] = {1e-300, 1e300, -1e300}, y[] = {2e-300, 2e300, -2e300};
	bdb__shift_estimate s;
	assert_int_equal(bdb__stats_hodges_lehmann(x, 3, y, 3, 0.95, &s), 0);
	assert_true(s.estimate == 1e-300);
	assert_true(s.lower == -3e300 && s.upper == 3e300);
}

static void test_shift_edges(void **state)
{
	(void)state;
	const double x[] = {1.0, 2.0}, bad[] = {NAN};
	bdb__shift_estimate s;
	assert_int_equal(bdb__stats_hodges_lehmann(x, 0, x, 2, 0.95, &s), BDB_EINVAL);
	assert_int_equal(bdb__stats_hodges_lehmann(x, 2, bad, 1, 0.95, &s), BDB_EINVAL);
	assert_int_equal(bdb__stats_hodges_lehmann(x, 2, x, 2, 1.0, &s), BDB_EINVAL);
	assert_int_equal(bdb__stats_hodges_lehmann(x, 2, x, 2, 0.0, &s), BDB_EINVAL);
	const double same[] = {4.0, 4.0, 4.0};
	assert_int_equal(bdb__stats_hodges_lehmann(same, 3, same, 3, 0.95, &s), 0);
	assert_true(s.estimate == 0.0 && s.lower == 0.0 && s.upper == 0.0);
	const double one[] = {1.5}, other[] = {4.0};
	assert_int_equal(bdb__stats_hodges_lehmann(one, 1, other, 1, 0.95, &s), 0);
	assert_true(s.estimate == 2.5 && s.lower == 2.5 && s.upper == 2.5);
}

/* ------------------------------------------------------------------------ */
/* t-tests                                                                   */
/* ------------------------------------------------------------------------ */

static void test_t_tests_scipy(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_ttest_cases); i++) {
		const ref_ttest *ref = &ref_ttest_cases[i];
		bdb__t_test_result r;
		print_message("case %s\n", ref->name);
		assert_int_equal(bdb__stats_t_test(ref->x, ref->n1, ref->y, ref->n2, &r), 0);
		assert_close(r.t, ref->t, 1e-12);
		assert_true(r.df == ref->df);
		assert_close(r.p_value, ref->p, 1e-12);
		assert_int_equal(bdb__stats_welch_test(ref->x, ref->n1, ref->y, ref->n2, &r), 0);
		assert_close(r.t, ref->welch_t, 1e-12);
		assert_close(r.df, ref->welch_df, 1e-12);
		assert_close(r.p_value, ref->welch_p, 1e-12);
	}
}

/* The same samples in units 2^-700 (about 1e-211) and 2^400 (about 1e120)
 * apart: t, df and p do not depend on the unit, so the reference is
 * scipy's for the unscaled data (ref_ttest_cases: scipy 1.10.1
 * ttest_ind(x, y) and ttest_ind(x, y, equal_var=False)); multiplying by a
 * power of two is exact. Before, squares of the standard deviations
 * underflowed at 1e-211 (a zero standard error: t -inf, p 0) and Welch's
 * df overflowed at 1e120 (inf / inf: t NaN, p 1). */
static void test_t_tests_any_magnitude(void **state)
{
	(void)state;
	const double scales[] = {0x1p-700, 0x1p400, 0x1p-1000};
	for (size_t s = 0; s < COUNT(scales); s++) {
		for (size_t i = 0; i < COUNT(ref_ttest_cases); i++) {
			const ref_ttest *ref = &ref_ttest_cases[i];
			double x[32], y[32];
			assert_true(ref->n1 <= COUNT(x) && ref->n2 <= COUNT(y));
			for (size_t k = 0; k < ref->n1; k++)
				x[k] = ref->x[k] * scales[s];
			for (size_t k = 0; k < ref->n2; k++)
				y[k] = ref->y[k] * scales[s];
			bdb__t_test_result r;
			print_message("case %s, scale %a\n", ref->name, scales[s]);
			assert_int_equal(bdb__stats_t_test(x, ref->n1, y, ref->n2, &r), 0);
			assert_close(r.t, ref->t, 1e-12);
			assert_true(r.df == ref->df);
			assert_close(r.p_value, ref->p, 1e-12);
			assert_int_equal(bdb__stats_welch_test(x, ref->n1, y, ref->n2, &r), 0);
			assert_close(r.t, ref->welch_t, 1e-12);
			assert_close(r.df, ref->welch_df, 1e-12);
			assert_close(r.p_value, ref->welch_p, 1e-12);
		}
	}
}

static void test_t_test_edges(void **state)
{
	(void)state;
	const double one[] = {1.0}, two[] = {2.0}, pair[] = {1.0, 3.0};
	bdb__t_test_result r;
	/* n1 = n2 = 1: df = 0 < 1, so t is undefined and p is 1. */
	assert_int_equal(bdb__stats_t_test(one, 1, two, 1, &r), 0);
	assert_true(isnan(r.t) && r.p_value == 1.0 && r.df == 0.0);
	assert_int_equal(bdb__stats_welch_test(one, 1, pair, 2, &r), 0);
	assert_true(isnan(r.t) && r.p_value == 1.0);
	/* Zero pooled variance. */
	const double a[] = {5.0, 5.0}, b[] = {6.0, 6.0, 6.0};
	assert_int_equal(bdb__stats_t_test(a, 2, b, 3, &r), 0);
	assert_true(r.t == -INFINITY && r.p_value == 0.0);
	assert_int_equal(bdb__stats_t_test(a, 2, a, 2, &r), 0);
	assert_true(r.p_value == 1.0);
	assert_int_equal(bdb__stats_welch_test(a, 2, b, 3, &r), 0);
	assert_true(r.t == -INFINITY && r.p_value == 0.0);
	/* Student with n1 = 1 still works: the single value adds no variance
	 * but counts in n. Hand: x = {1}, y = {1, 3}: pooled var = 2 / 1,
	 * se = sqrt(2 (1 + 1/2)) = sqrt(3), t = (1 - 2) / sqrt(3). */
	assert_int_equal(bdb__stats_t_test(one, 1, pair, 2, &r), 0);
	assert_close(r.t, -1.0 / sqrt(3.0), 1e-15);
	assert_true(r.df == 1.0);
	assert_int_equal(bdb__stats_t_test(one, 0, two, 1, &r), BDB_EINVAL);
	const double bad[] = {NAN, 1.0};
	assert_int_equal(bdb__stats_welch_test(bad, 2, pair, 2, &r), BDB_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mwu_scipy),
	    cmocka_unit_test(test_mwu_hand),
	    cmocka_unit_test(test_mwu_min_p),
	    cmocka_unit_test(test_mwu_edges),
	    cmocka_unit_test(test_shift_reference),
	    cmocka_unit_test(test_shift_hand),
	    cmocka_unit_test(test_shift_edges),
	    cmocka_unit_test(test_shift_huge),
	    cmocka_unit_test(test_t_tests_scipy),
	    cmocka_unit_test(test_t_test_edges),
	    cmocka_unit_test(test_t_tests_any_magnitude),
	    cmocka_unit_test(test_mwu_scipy_edges),
	    cmocka_unit_test(test_shift_wide_range),
	};
	return cmocka_run_group_tests_name("significance", tests, NULL, NULL);
}
