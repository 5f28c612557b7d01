/*
 * test_stats.c - descriptive statistics, numpy percentiles, the PRNG, the
 * percentile bootstrap and the distribution functions of query/stats.h.
 *
 * Reference values live in stats_reference.h, generated offline by
 * tests/reference/stats_reference.py (numpy 1.24.2, scipy 1.10.1); each
 * table there names the exact call that produced it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "helpers/close.h"
#include "schema.h"
#include "stats.h"
#include "stats_reference.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------ */
/* Order statistics selected in place agree with a sort                      */
/* ------------------------------------------------------------------------ */

/* Random arrays (few distinct values, many, runs of ties, sorted and
 * reversed input, sizes around the insertion cut-off) and random sets of
 * wanted ranks (repeats included): each wanted position holds exactly what
 * the sorted array holds there. */
static void test_select_matches_sort(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, 77);
	size_t sizes[] = {1, 2, 31, 32, 33, 100, 1000, 5000};
	for (size_t si = 0; si < COUNT(sizes); si++)
		for (int shape = 0; shape < 5; shape++)
			for (int trial = 0; trial < 6; trial++) {
				size_t n = sizes[si];
				double *x = malloc(n * sizeof *x), *sorted = malloc(n * sizeof *x);
				assert_non_null(x);
				assert_non_null(sorted);
				for (size_t i = 0; i < n; i++) {
					double u = bdb__rng_uniform(&rng);
					x[i] = shape == 0   ? floor(u * 4.0)
					       : shape == 1 ? u * 1e6 - 5e5
					       : shape == 2 ? (double)(i / 7)
					       : shape == 3 ? (double)i
							    : (double)(n - i) * 0.5;
				}
				memcpy(sorted, x, n * sizeof *x);
				bdb__stats_sort(sorted, n);
				size_t want[6], check[6];
				size_t m = 1 + (size_t)(bdb__rng_uniform(&rng) * 6.0) % 6;
				for (size_t i = 0; i < m; i++)
					check[i] = want[i] = (size_t)(bdb__rng_uniform(&rng) * (double)n) % n;
				if (m > 1)
					check[1] = want[1] = want[0]; /* a repeat */
				bdb__stats_select(x, n, want, m);
				for (size_t i = 0; i < m; i++)
					assert_true(x[check[i]] == sorted[check[i]]);
				/* Still a permutation of the input. */
				bdb__stats_sort(x, n);
				assert_memory_equal(x, sorted, n * sizeof *x);
				free(x);
				free(sorted);
			}
}

/* ------------------------------------------------------------------------ */
/* Percentiles: numpy's linear method, to the last bit                       */
/* ------------------------------------------------------------------------ */

static void check_percentiles(const double *data, size_t n, const double *expected)
{
	double *sorted = malloc(n * sizeof *sorted);
	assert_non_null(sorted);
	memcpy(sorted, data, n * sizeof *sorted);
	bdb__stats_sort(sorted, n);
	for (size_t i = 0; i < REF_QUANTILE_COUNT; i++) {
		double q = ref_quantiles[i];
		assert_same_double(bdb__stats_percentile_sorted(sorted, n, q), expected[i]);
		double unsorted = -1.0;
		assert_int_equal(bdb__stats_percentile(data, n, q, &unsorted), 0);
		assert_same_double(unsorted, expected[i]);
	}
	free(sorted);
}

static void test_percentile_numpy_bits(void **state)
{
	(void)state;
	check_percentiles(ref_data_small, COUNT(ref_data_small), ref_percentile_small);
	check_percentiles(ref_data_decimals, COUNT(ref_data_decimals), ref_percentile_decimals);
	check_percentiles(ref_data_noise, COUNT(ref_data_noise), ref_percentile_noise);
	check_percentiles(ref_data_one, COUNT(ref_data_one), ref_percentile_one);
	check_percentiles(ref_data_two, COUNT(ref_data_two), ref_percentile_two);
	check_percentiles(ref_data_negative, COUNT(ref_data_negative), ref_percentile_negative);
}

static void test_percentile_hand_values(void **state)
{
	(void)state;
	/* Hand computation: {1, 2, 3, 4}, q = 25: h = 3 * 0.25 = 0.75,
	 * 2 - 1 * (1 - 0.75) = 1.75; q = 50: h = 1.5, 3 - 1 * 0.5 = 2.5. */
	const double x[] = {4, 1, 3, 2};
	double v;
	assert_int_equal(bdb__stats_percentile(x, 4, 25.0, &v), 0);
	assert_true(v == 1.75);
	assert_int_equal(bdb__stats_median(x, 4, &v), 0);
	assert_true(v == 2.5);
	assert_int_equal(bdb__stats_median(x, 3, &v), 0); /* {4, 1, 3} */
	assert_true(v == 3.0);
}

static void test_median_counted(void **state)
{
	(void)state;
	/* Python: statistics.median([104.5] * 6 + [103, 104]) == 104.5;
	 * statistics.median([20] * 3 + [40] * 2 + [45]) == 30.0 (storage.md,
	 * "Months from weeks"); counts of 1 are bdb__stats_median ({4, 1, 3, 2}:
	 * 2.5). */
	bdb__counted a[] = {{104.5, 6}, {103, 1}, {104, 1}};
	bdb__counted b[] = {{45, 1}, {40, 2}, {20, 3}};
	bdb__counted c[] = {{4, 1}, {1, 1}, {3, 1}, {2, 1}};
	bdb__counted zero[] = {{1, 0}};
	bdb__counted big[] = {{1, UINT64_MAX}, {2, 1}};
	double v;
	assert_int_equal(bdb__stats_median_counted(a, 3, &v), 0);
	assert_true(v == 104.5);
	assert_int_equal(bdb__stats_median_counted(b, 3, &v), 0);
	assert_true(v == 30.0);
	assert_int_equal(bdb__stats_median_counted(c, 4, &v), 0);
	assert_true(v == 2.5);
	assert_int_equal(bdb__stats_median_counted(c, 0, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_median_counted(zero, 1, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_median_counted(big, 2, &v), BDB_EINVAL);
}

static void test_mad_hand_values(void **state)
{
	(void)state;
	/* {1, 2, 3, 4, 100}: median 3, deviations {2, 1, 0, 1, 97}, their
	 * median 1 (the outlier moves it no more than any other value). */
	const double x[] = {1, 2, 3, 4, 100};
	double v;
	assert_int_equal(bdb__stats_mad(x, 5, &v), 0);
	assert_true(v == 1.0);
	/* {1, 2, 3, 4}: median 2.5, deviations {1.5, 0.5, 0.5, 1.5}: 1. */
	assert_int_equal(bdb__stats_mad(x, 4, &v), 0);
	assert_true(v == 1.0);
	assert_int_equal(bdb__stats_mad(x, 0, &v), BDB_EINVAL);
}

static void test_percentile_edges(void **state)
{
	(void)state;
	const double x[] = {1.0, 2.0};
	double v = 7.0;
	assert_int_equal(bdb__stats_percentile(x, 0, 50.0, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_percentile(x, 2, -0.1, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_percentile(x, 2, 100.1, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_percentile(x, 2, NAN, &v), BDB_EINVAL);
	assert_true(v == 7.0); /* untouched on failure */
	assert_true(isnan(bdb__stats_percentile_sorted(x, 0, 50.0)));
	assert_true(isnan(bdb__stats_percentile_sorted(x, 2, 101.0)));

	/* Non-finite data behaves as numpy (NaNs sort last and poison the
	 * interpolation; inf - inf is NaN). */
	const double with_nan[] = {1.0, NAN, 3.0};
	assert_int_equal(bdb__stats_percentile(with_nan, 3, 50.0, &v), 0);
	assert_same_double(v, ref_percentile_nan_50);
	const double with_inf[] = {1.0, INFINITY};
	assert_int_equal(bdb__stats_percentile(with_inf, 2, 50.0, &v), 0);
	assert_same_double(v, ref_percentile_inf_50);
	const double with_inf3[] = {INFINITY, 2.0, 1.0};
	assert_int_equal(bdb__stats_percentile(with_inf3, 3, 25.0, &v), 0);
	assert_same_double(v, ref_percentile_inf3_25);
	assert_int_equal(bdb__stats_percentile(with_inf3, 3, 75.0, &v), 0);
	assert_same_double(v, ref_percentile_inf3_75);
	const double with_ninf[] = {2.0, -INFINITY, 1.0};
	assert_int_equal(bdb__stats_percentile(with_ninf, 3, 50.0, &v), 0);
	assert_same_double(v, ref_percentile_ninf_50);
}

/* ------------------------------------------------------------------------ */
/* Descriptive statistics                                                    */
/* ------------------------------------------------------------------------ */

static void test_mean_stddev(void **state)
{
	(void)state;
	assert_close(bdb__stats_mean(ref_data_small, COUNT(ref_data_small)), ref_mean_small, 1e-15);
	assert_close(bdb__stats_stddev(ref_data_small, COUNT(ref_data_small)), ref_std_small,
		     1e-14);
	assert_close(bdb__stats_mean(ref_data_decimals, COUNT(ref_data_decimals)),
		     ref_mean_decimals, 1e-15);
	assert_close(bdb__stats_stddev(ref_data_decimals, COUNT(ref_data_decimals)),
		     ref_std_decimals, 1e-14);
	assert_close(bdb__stats_mean(ref_data_noise, COUNT(ref_data_noise)), ref_mean_noise, 1e-15);
	assert_close(bdb__stats_stddev(ref_data_noise, COUNT(ref_data_noise)), ref_std_noise,
		     1e-14);

	/* Large offset, small spread: 1e9 + {1, 2, 3} has s = 1 exactly (a
	 * one-pass E[x^2] - E[x]^2 formula loses every digit here). */
	const double offset[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
	assert_true(bdb__stats_mean(offset, 3) == 1e9 + 2);
	assert_true(bdb__stats_stddev(offset, 3) == 1.0);

	/* Any magnitude: the reference (numpy.std(ref_data_noise, ddof=1))
	 * times a power of two, since scaling by one is exact. Before, the
	 * squared deviations underflowed at 2^-700 (s = 0) and overflowed at
	 * 2^600 (s = inf); numpy.std itself gives 0 and inf there. */
	const double scales[] = {0x1p-700, 0x1p-1000, 0x1p600, 0x1p1000};
	for (size_t s = 0; s < COUNT(scales); s++) {
		double scaled[COUNT(ref_data_noise)];
		for (size_t i = 0; i < COUNT(scaled); i++)
			scaled[i] = ref_data_noise[i] * scales[s];
		assert_close(bdb__stats_stddev(scaled, COUNT(scaled)), ref_std_noise * scales[s],
			     1e-14);
	}
	/* Values near the largest double: their sum overflowed, so the mean was
	 * inf and a history model said "n/a, a zero value in the history".
	 * Reference: python3 statistics.mean / statistics.stdev (exact
	 * fractions): 1.6833333333333332e+308 and 7.637626158259734e+306. */
	const double huge[] = {1.7e308, 1.75e308, 1.6e308};
	assert_close(bdb__stats_mean(huge, 3), 1.6833333333333332e+308, 1e-15);
	assert_close(bdb__stats_stddev(huge, 3), 7.637626158259734e+306, 1e-14);
	const double huge_neg[] = {-1.7e308, -1.75e308, -1.6e308};
	assert_close(bdb__stats_mean(huge_neg, 3), -1.6833333333333332e+308, 1e-15);
	/* Equal values have that value as their mean, and no spread, even where
	 * their sum rounds (0.1 * 3 is 0.30000000000000004, / 3 is
	 * 0.10000000000000002): a mean lies within [min, max]. */
	const double tenths[] = {0.1, 0.1, 0.1}, sevenths[] = {0.7, 0.7, 0.7};
	assert_true(bdb__stats_mean(tenths, 3) == 0.1);
	assert_true(bdb__stats_stddev(tenths, 3) == 0.0);
	assert_true(bdb__stats_mean(sevenths, 3) == 0.7);
	/* 1 and 1 + 2^-52 at 2^-1000: deviations of 2^-1053, subnormal. */
	const double tiny[] = {0x1p-1000, 0x1p-1000 + 0x1p-1052};
	assert_true(bdb__stats_stddev(tiny, 2) == 0x1p-1052 * M_SQRT1_2);
}

static void test_descriptive_edges(void **state)
{
	(void)state;
	const double one[] = {5.0};
	assert_true(isnan(bdb__stats_mean(one, 0)));
	assert_true(isnan(bdb__stats_stddev(one, 1)));
	assert_true(isnan(bdb__stats_min(one, 0)));
	assert_true(isnan(bdb__stats_max(one, 0)));
	assert_true(bdb__stats_mean(one, 1) == 5.0);
	const double two[] = {3.0, 5.0};
	assert_true(bdb__stats_stddev(two, 2) == sqrt(2.0));
	const double equal[] = {7.25, 7.25, 7.25, 7.25};
	assert_true(bdb__stats_stddev(equal, 4) == 0.0);
	const double inf[] = {1.0, INFINITY};
	assert_true(bdb__stats_mean(inf, 2) == INFINITY);
	assert_true(bdb__stats_max(inf, 2) == INFINITY);

	bdb__summary s;
	assert_int_equal(bdb__stats_summarize(one, 0, &s), BDB_EINVAL);
	assert_int_equal(bdb__stats_summarize(ref_data_small, COUNT(ref_data_small), &s), 0);
	assert_int_equal(s.n, 7);
	assert_true(s.min == 0.1 && s.max == 9.9);
	assert_same_double(s.p25, ref_percentile_small[3]);
	assert_same_double(s.median, ref_percentile_small[5]);
	assert_same_double(s.p75, ref_percentile_small[7]);
	assert_close(s.mean, ref_mean_small, 1e-15);
	assert_int_equal(bdb__stats_summarize(one, 1, &s), 0);
	assert_true(s.median == 5.0 && isnan(s.stddev));
}

static void test_change_pct(void **state)
{
	(void)state;
	double v;
	assert_int_equal(bdb__stats_change_pct(100.0, 105.0, &v), 0);
	assert_true(v == 5.0);
	assert_int_equal(bdb__stats_change_pct(-200.0, -100.0, &v), 0);
	assert_true(v == 50.0); /* divided by |base| */
	/* Finite values whose difference overflows: -1.7e308 -> 1.7e308 is
	 * +200 % (by hand: 1 - (-1) = 2), not the infinity of (c - b) / |b|. */
	assert_int_equal(bdb__stats_change_pct(-1.7e308, 1.7e308, &v), 0);
	assert_true(v == 200.0);
	assert_int_equal(bdb__stats_change_pct(1.7e308, -1.7e308, &v), 0);
	assert_true(v == -200.0);
	v = 3.0;
	assert_int_equal(bdb__stats_change_pct(0.0, 1.0, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_change_pct(1.0, NAN, &v), BDB_EINVAL);
	assert_int_equal(bdb__stats_change_pct(INFINITY, 1.0, &v), BDB_EINVAL);
	assert_true(v == 3.0);
}

/* A change beyond a threshold, strictly, where the rounding of binary
 * floating point does not count. The computed changes are Python's
 * (c - b) / abs(b) * 100 (benchkit's formula), which the C computes the
 * same: 100 -> 107 is 7.000000000000001, 1 -> 1.05 is 5.000000000000004,
 * 100 -> 150.00000000000003 is 50.000000000000036, 3 -> 3.6 is
 * 20.000000000000004: each the limit to the precision of its values. */
static void test_change_beyond(void **state)
{
	(void)state;
	double v;
	assert_int_equal(bdb__stats_change_pct(100.0, 107.0, &v), 0);
	assert_true(v == 7.000000000000001);
	assert_false(bdb__stats_change_beyond(v, 7.0, 100.0, 107.0));
	assert_int_equal(bdb__stats_change_pct(1.0, 1.05, &v), 0);
	assert_true(v == 5.000000000000004);
	assert_false(bdb__stats_change_beyond(v, 5.0, 1.0, 1.05));
	assert_false(bdb__stats_change_beyond(50.000000000000036, 50.0, 100.0, 150.00000000000003));
	assert_false(bdb__stats_change_beyond(20.000000000000004, 20.0, 3.0, 3.6));
	/* Beyond by a measurable amount: 100 -> 105.00001 is +5.00001 %
	 * (5.000010000000003 computed), 100 -> 100.001 beyond 0 %. */
	assert_true(bdb__stats_change_beyond(5.000010000000003, 5.0, 100.0, 105.00001));
	assert_true(bdb__stats_change_beyond(0.001, 0.0, 100.0, 100.001));
	/* Exactly the limit, below it, and a change the other way. */
	assert_false(bdb__stats_change_beyond(5.0, 5.0, 100.0, 105.0));
	assert_false(bdb__stats_change_beyond(4.0, 5.0, 100.0, 104.0));
	assert_false(bdb__stats_change_beyond(-10.0, 5.0, 100.0, 90.0));
	/* Ratios beyond a double: a base of 5e-324 moving to 1 is beyond. */
	assert_true(bdb__stats_change_beyond(INFINITY, 5.0, 5e-324, 1.0));
	assert_true(bdb__stats_change_beyond(1e300, 1e6, 1e-300, 1.0));
	assert_false(bdb__stats_change_beyond(NAN, 5.0, 1.0, NAN));
}

/* ------------------------------------------------------------------------ */
/* PRNG and bootstrap                                                        */
/* ------------------------------------------------------------------------ */

static void test_xoshiro_reference(void **state)
{
	(void)state;
	/* The authors' reference: state {1, 2, 3, 4} gives 11520, 0,
	 * 1509978240, 1215971899390074240 (xoshiro256starstar.c). */
	bdb__rng raw = {.state = {1, 2, 3, 4}};
	assert_true(bdb__rng_next(&raw) == UINT64_C(11520));
	assert_true(bdb__rng_next(&raw) == UINT64_C(0));
	assert_true(bdb__rng_next(&raw) == UINT64_C(1509978240));
	assert_true(bdb__rng_next(&raw) == UINT64_C(1215971899390074240));

	bdb__rng rng;
	bdb__rng_seed(&rng, 0);
	for (size_t i = 0; i < COUNT(ref_xoshiro_seed_0); i++)
		assert_true(bdb__rng_next(&rng) == ref_xoshiro_seed_0[i]);
	bdb__rng_seed(&rng, BDB_STATS_DEFAULT_SEED);
	assert_true(rng.seed == UINT64_C(20260131));
	for (size_t i = 0; i < COUNT(ref_xoshiro_seed_20260131); i++)
		assert_true(bdb__rng_next(&rng) == ref_xoshiro_seed_20260131[i]);
}

static void test_rng_ranges(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, 42);
	assert_true(bdb__rng_below(&rng, 0) == 0);
	assert_true(bdb__rng_below(&rng, 1) == 0);
	size_t counts[3] = {0};
	double sum = 0.0, squares = 0.0;
	for (int i = 0; i < 30000; i++) {
		uint64_t r = bdb__rng_below(&rng, 3);
		assert_true(r < 3);
		counts[r]++;
		double u = bdb__rng_uniform(&rng);
		assert_true(u >= 0.0 && u < 1.0);
		double z = bdb__rng_normal(&rng);
		sum += z;
		squares += z * z;
	}
	/* 30000 draws: each count within 5 sigma (sigma ~ 82) of 10000, the
	 * normal mean within 5 / sqrt(30000) of 0 and variance near 1. */
	for (int i = 0; i < 3; i++)
		assert_true(counts[i] > 9590 && counts[i] < 10410);
	assert_true(fabs(sum / 30000.0) < 0.03);
	assert_true(fabs(squares / 30000.0 - 1.0) < 0.05);

	double deck[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	bdb__rng_shuffle(&rng, deck, 10);
	double total = 0.0;
	for (int i = 0; i < 10; i++)
		total += deck[i];
	assert_true(total == 45.0); /* a permutation */
}

/* bdb__rng_shuffle_index makes the same draws and swaps as bdb__rng_shuffle:
 * the permutation test of change detection shuffles positions with it and
 * must give the permutations it gave when it shuffled the values. */
static void test_rng_shuffle_index(void **state)
{
	(void)state;
	for (size_t n = 0; n <= 40; n++) {
		bdb__rng a, b;
		bdb__rng_seed(&a, 20260131 + n);
		bdb__rng_seed(&b, 20260131 + n);
		double values[40];
		size_t index[40];
		for (size_t i = 0; i < n; i++) {
			values[i] = 100.0 + (double)i;
			index[i] = i;
		}
		for (int round = 0; round < 3; round++) {
			bdb__rng_shuffle(&a, values, n);
			bdb__rng_shuffle_index(&b, index, n);
			for (size_t i = 0; i < n; i++)
				assert_true(values[i] == 100.0 + (double)index[i]);
		}
		assert_true(bdb__rng_next(&a) == bdb__rng_next(&b)); /* the same draws */
	}
}

static void test_bootstrap_reference(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_bootstrap_cases); i++) {
		const ref_bootstrap *ref = &ref_bootstrap_cases[i];
		bdb__bootstrap_ci ci;
		assert_int_equal(bdb__stats_bootstrap_mean(ref_data_noise, COUNT(ref_data_noise),
							   ref->confidence, ref->resamples,
							   ref->seed, &ci),
				 0);
		assert_int_equal(ci.lower_index, ref->lower_index);
		assert_int_equal(ci.upper_index, ref->upper_index);
		assert_same_double(ci.lower, ref->lower);
		assert_same_double(ci.upper, ref->upper);
		assert_true(ci.seed == ref->seed);
		assert_int_equal(ci.resamples, ref->resamples);
		assert_close(ci.mean, ref_mean_noise, 1e-15);
	}
}

static void test_bootstrap_determinism(void **state)
{
	(void)state;
	bdb__bootstrap_ci a, b, c;
	assert_int_equal(
	    bdb__stats_bootstrap_mean(ref_data_noise, COUNT(ref_data_noise), 0.95, 1000, 99, &a),
	    0);
	assert_int_equal(
	    bdb__stats_bootstrap_mean(ref_data_noise, COUNT(ref_data_noise), 0.95, 1000, 99, &b),
	    0);
	assert_int_equal(
	    bdb__stats_bootstrap_mean(ref_data_noise, COUNT(ref_data_noise), 0.95, 1000, 100, &c),
	    0);
	assert_memory_equal(&a.lower, &b.lower, sizeof a.lower);
	assert_memory_equal(&a.upper, &b.upper, sizeof a.upper);
	assert_true(a.lower != c.lower || a.upper != c.upper);
	assert_true(a.lower < a.mean && a.mean < a.upper);
}

static void test_bootstrap_edges(void **state)
{
	(void)state;
	const double one[] = {3.5};
	bdb__bootstrap_ci ci;
	assert_int_equal(bdb__stats_bootstrap_mean(one, 0, 0.95, 1000, 1, &ci), BDB_EINVAL);
	assert_int_equal(bdb__stats_bootstrap_mean(one, 1, 1.0, 1000, 1, &ci), BDB_EINVAL);
	assert_int_equal(bdb__stats_bootstrap_mean(one, 1, 0.0, 1000, 1, &ci), BDB_EINVAL);
	assert_int_equal(bdb__stats_bootstrap_mean(one, 1, 0.95, 0, 1, &ci), BDB_EINVAL);
	assert_int_equal(bdb__stats_bootstrap_mean(one, 1, 0.95, 1000, 1, &ci), 0);
	assert_true(ci.lower == 3.5 && ci.upper == 3.5 && ci.mean == 3.5);
	const double equal[] = {2.0, 2.0, 2.0};
	assert_int_equal(bdb__stats_bootstrap_mean(equal, 3, 0.95, 100, 1, &ci), 0);
	assert_true(ci.lower == 2.0 && ci.upper == 2.0);
}

/* ------------------------------------------------------------------------ */
/* Distributions                                                             */
/* ------------------------------------------------------------------------ */

static void test_normal(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_norm_ppf); i++)
		assert_close(bdb__normal_quantile(ref_norm_ppf[i].x), ref_norm_ppf[i].y, 1e-13);
	for (size_t i = 0; i < COUNT(ref_norm_cdf); i++)
		assert_close(bdb__normal_cdf(ref_norm_cdf[i].x), ref_norm_cdf[i].y, 1e-13);
	for (size_t i = 0; i < COUNT(ref_norm_sf); i++)
		assert_close(bdb__normal_sf(ref_norm_sf[i].x), ref_norm_sf[i].y, 1e-13);
	assert_true(bdb__normal_quantile(0.0) == -INFINITY);
	assert_true(bdb__normal_quantile(1.0) == INFINITY);
	assert_true(bdb__normal_quantile(0.5) == 0.0);
	assert_true(isnan(bdb__normal_quantile(-0.1)));
	assert_true(isnan(bdb__normal_quantile(NAN)));
	assert_true(isnan(bdb__normal_cdf(NAN)));
	assert_true(bdb__normal_cdf(-INFINITY) == 0.0 && bdb__normal_sf(-INFINITY) == 1.0);
}

static double t_tolerance(double df)
{
	return df <= 1000.0 ? 1e-12 : 1e-10;
}

static void test_student_t(void **state)
{
	(void)state;
	/* 1e-12 up to df = 1000; the continued fraction loses digits to
	 * cancellation as df grows (about 1e-11 at df = 1e6), stats.h says. */
	for (size_t i = 0; i < COUNT(ref_t_cdf); i++)
		assert_close(bdb__t_cdf(ref_t_cdf[i].x, ref_t_cdf[i].df), ref_t_cdf[i].y,
			     t_tolerance(ref_t_cdf[i].df));
	for (size_t i = 0; i < COUNT(ref_t_sf); i++)
		assert_close(bdb__t_sf(ref_t_sf[i].x, ref_t_sf[i].df), ref_t_sf[i].y,
			     t_tolerance(ref_t_sf[i].df));
	for (size_t i = 0; i < COUNT(ref_t_ppf); i++)
		assert_close(bdb__t_quantile(ref_t_ppf[i].x, ref_t_ppf[i].df), ref_t_ppf[i].y,
			     t_tolerance(ref_t_ppf[i].df));
	assert_true(isnan(bdb__t_cdf(1.0, 0.0)));
	assert_true(isnan(bdb__t_sf(NAN, 3.0)));
	assert_true(isnan(bdb__t_quantile(0.5, -1.0)));
	assert_true(bdb__t_quantile(1.0, 4.0) == INFINITY);
	assert_true(bdb__t_quantile(0.0, 4.0) == -INFINITY);
	assert_true(bdb__t_cdf(INFINITY, 4.0) == 1.0 && bdb__t_sf(INFINITY, 4.0) == 0.0);
	assert_close(bdb__t_cdf(1.0, INFINITY), bdb__normal_cdf(1.0), 1e-15);
}

static void test_beta_inc(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT(ref_betainc); i++) {
		const ref_beta *r = &ref_betainc[i];
		assert_close(bdb__beta_inc(r->x, r->a, r->b), r->y, 1e-12);
	}
	assert_true(isnan(bdb__beta_inc(0.5, 0.0, 1.0)));
	assert_true(isnan(bdb__beta_inc(1.5, 1.0, 1.0)));
	assert_true(isnan(bdb__beta_inc(NAN, 1.0, 1.0)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_percentile_numpy_bits),
	    cmocka_unit_test(test_percentile_hand_values),
	    cmocka_unit_test(test_median_counted),
	    cmocka_unit_test(test_percentile_edges),
	    cmocka_unit_test(test_mad_hand_values),
	    cmocka_unit_test(test_mean_stddev),
	    cmocka_unit_test(test_descriptive_edges),
	    cmocka_unit_test(test_change_pct),
	    cmocka_unit_test(test_change_beyond),
	    cmocka_unit_test(test_xoshiro_reference),
	    cmocka_unit_test(test_rng_ranges),
	    cmocka_unit_test(test_rng_shuffle_index),
	    cmocka_unit_test(test_bootstrap_reference),
	    cmocka_unit_test(test_bootstrap_determinism),
	    cmocka_unit_test(test_bootstrap_edges),
	    cmocka_unit_test(test_normal),
	    cmocka_unit_test(test_student_t),
	    cmocka_unit_test(test_beta_inc),
	    cmocka_unit_test(test_select_matches_sort),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
