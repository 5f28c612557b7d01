/*
 * stats.c - descriptive statistics, percentiles, the seeded PRNG and the
 * percentile bootstrap of the mean. Contracts are in stats.h.
 */
#include "stats.h"

#include "schema.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Descriptive statistics                                                    */
/* ------------------------------------------------------------------------ */

double bdb__stats_mean(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double sum = bdb_sum_compensated(x, n, 1.0);
	if (!bdb__stats_all_finite(x, n))
		return sum / (double)n;
	/* Finite values whose sum overflows (three of 1.7e308): sum them at
	 * 2^-64, which is exact for values that large, and scale the mean,
	 * no larger than the largest value, back. */
	double mean = isfinite(sum) ? sum / (double)n
				    : ldexp(bdb_sum_compensated(x, n, 0x1p-64) / (double)n, 64);
	/* The sum's one rounding and the division's may take the mean out of
	 * [min, max]: 0.1 three times has the mean 0.10000000000000002, and a
	 * flat history of 0.1 then had a spread, with 0.1 itself outside its
	 * limits. A mean lies within the values. */
	double lo = bdb__stats_min(x, n), hi = bdb__stats_max(x, n);
	return mean < lo ? lo : mean > hi ? hi : mean;
}

double bdb__stats_stddev(const double *x, size_t n)
{
	if (n < 2)
		return NAN;
	double mean = bdb__stats_mean(x, n);
	/* Deviations whose squares would overflow (above 2^500, so values of
	 * 1e200 gave an infinite s) or underflow (below 2^-500: values of
	 * 1e-200 gave s = 0) are scaled by a power of two first. That is
	 * exact, so wherever no scaling is needed the result is the same
	 * bits as without it. */
	double largest = 0.0;
	for (size_t i = 0; i < n; i++)
		if (fabs(x[i] - mean) > largest)
			largest = fabs(x[i] - mean);
	double scale = 1.0;
	if (isfinite(largest) && largest > 0.0 && (largest > 0x1p500 || largest < 0x1p-500)) {
		int exponent = ilogb(largest);
		/* Subnormal deviations: 2^1000 is as far as a double goes. */
		scale = ldexp(1.0, exponent < -1000 ? 1000 : -exponent);
	}
	/* Two passes: the sum of squared deviations, not E[x^2] - E[x]^2,
	 * which cancels catastrophically for values far from zero. */
	double squares = 0.0, residual = 0.0;
	for (size_t i = 0; i < n; i++) {
		double d = (x[i] - mean) * scale;
		squares += d * d;
		residual += d;
	}
	/* The residual corrects for the rounding of the mean itself. */
	squares -= residual * residual / (double)n;
	if (squares < 0.0)
		squares = 0.0;
	return sqrt(squares / (double)(n - 1)) / scale;
}

double bdb__stats_min(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double m = x[0];
	for (size_t i = 1; i < n; i++)
		if (x[i] < m)
			m = x[i];
	return m;
}

double bdb__stats_max(const double *x, size_t n)
{
	if (n == 0)
		return NAN;
	double m = x[0];
	for (size_t i = 1; i < n; i++)
		if (x[i] > m)
			m = x[i];
	return m;
}

bool bdb__stats_all_finite(const double *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return false;
	return true;
}

/* Exponents beyond which values are scaled (bdb__stats_scale_exponent). */
#define SCALE_EXPONENT 256

int bdb__stats_scale_exponent(const double *x, size_t n)
{
	double big = 0;
	for (size_t i = 0; i < n; i++)
		if (isfinite(x[i]) && fabs(x[i]) > big)
			big = fabs(x[i]);
	int e = 0;
	if (big > 0)
		frexp(big, &e);
	return e > SCALE_EXPONENT || e < -SCALE_EXPONENT ? e : 0;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	if (isnan(x) || isnan(y))
		return isnan(x) - isnan(y); /* NaNs last */
	return (x > y) - (x < y);
}

/* Whether a sorts before b as compare_doubles says (NaNs last). */
static bool before(double a, double b)
{
	return isnan(a) ? false : isnan(b) ? true : a < b;
}

/* Short arrays (the windows the detectors sort thousands of times) by
 * insertion, which is stable as glibc's merge sort is: the same order,
 * without a call per comparison. */
#define INSERTION_MAX 32

void bdb__stats_sort(double *x, size_t n)
{
	if (n > INSERTION_MAX) {
		qsort(x, n, sizeof *x, compare_doubles);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		double v = x[i];
		size_t j = i;
		for (; j > 0 && before(v, x[j - 1]); j--)
			x[j] = x[j - 1];
		x[j] = v;
	}
}

/* x[k] in place among x[lo..hi), k in [lo, hi): smaller values before
 * it, larger after (Hoare's partition around a median of three, which
 * stops on equal values, so runs of ties split evenly). After 2 log2(n)
 * rounds that did not halve the range it sorts what is left. */
static void select_one(double *x, size_t lo, size_t hi, size_t k)
{
	size_t budget = 2;
	for (size_t m = hi - lo; m > 1; m >>= 1)
		budget += 2;
	while (hi - lo > INSERTION_MAX) {
		if (budget-- == 0) {
			bdb__stats_sort(x + lo, hi - lo);
			return;
		}
		size_t mid = lo + (hi - lo) / 2;
		double a = x[lo], b = x[mid], c = x[hi - 1];
		double pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
		size_t i = lo, j = hi - 1;
		for (;;) {
			while (x[i] < pivot)
				i++;
			while (pivot < x[j])
				j--;
			if (i >= j)
				break;
			double t = x[i];
			x[i] = x[j];
			x[j] = t;
			i++;
			j--;
		}
		/* x[lo..j] <= pivot <= x[j + 1..hi) */
		if (k <= j)
			hi = j + 1;
		else
			lo = j + 1;
	}
	bdb__stats_sort(x + lo, hi - lo);
}

/* The wanted ranks want[a..b) all lie in x[lo..hi). */
static void select_many(double *x, size_t lo, size_t hi, const size_t *want, size_t a, size_t b)
{
	while (a < b) {
		size_t c = a + (b - a) / 2, k = want[c], left = c;
		select_one(x, lo, hi, k);
		/* Left of k: the ranks below it; right: the ones above. */
		while (left > a && want[left - 1] == k)
			left--;
		select_many(x, lo, k, want, a, left);
		lo = k + 1;
		a = c + 1;
		while (a < b && want[a] == k)
			a++;
	}
}

void bdb__stats_select(double *x, size_t n, size_t *want, size_t m)
{
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0 && want[j - 1] > want[j]; j--) {
			size_t t = want[j];
			want[j] = want[j - 1];
			want[j - 1] = t;
		}
	select_many(x, 0, n, want, 0, m);
}

double bdb__stats_median_in_place(double *x, size_t n)
{
	size_t mid = (size_t)floor((double)(n - 1) * 0.5);
	size_t want[2] = {mid, mid + 1 < n ? mid + 1 : mid};
	bdb__stats_select(x, n, want, 2);
	return bdb__stats_percentile_sorted(x, n, 50.0);
}

/* numpy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) when t >= 0.5, which
 * keeps the result exact at t = 1 and monotone in t. */
static double lerp(double a, double b, double t)
{
	double diff = b - a;
	if (t >= 0.5)
		return b - diff * (1.0 - t);
	return a + diff * t;
}

double bdb__stats_percentile_sorted(const double *sorted, size_t n, double q)
{
	if (n == 0 || !(q >= 0.0 && q <= 100.0))
		return NAN;
	/* numpy divides q by 100 first, then takes (n - 1) * q; doing the same
	 * operations in the same order reproduces its results bit for bit. */
	double virtual_index = (double)(n - 1) * (q / 100.0);
	if (virtual_index >= (double)(n - 1))
		return sorted[n - 1];
	double below = floor(virtual_index);
	size_t i = (size_t)below;
	return lerp(sorted[i], sorted[i + 1], virtual_index - below);
}

/* A sorted private copy of x, or NULL when out of memory. */
static double *sorted_copy(const double *x, size_t n)
{
	double *copy = malloc(n * sizeof *copy);
	if (!copy)
		return NULL;
	memcpy(copy, x, n * sizeof *copy);
	bdb__stats_sort(copy, n);
	return copy;
}

int bdb__stats_percentile(const double *x, size_t n, double q, double *out)
{
	if (n == 0 || !(q >= 0.0 && q <= 100.0))
		return BDB_EINVAL;
	double *sorted = sorted_copy(x, n);
	if (!sorted)
		return BDB_ENOMEM;
	*out = bdb__stats_percentile_sorted(sorted, n, q);
	free(sorted);
	return 0;
}

int bdb__stats_median(const double *x, size_t n, double *out)
{
	return bdb__stats_percentile(x, n, 50.0, out);
}

static int cmp_counted(const void *a, const void *b)
{
	double x = ((const bdb__counted *)a)->value, y = ((const bdb__counted *)b)->value;
	return (x > y) - (x < y);
}

int bdb__stats_median_counted(bdb__counted *v, size_t n, double *out)
{
	uint64_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i].count == 0 || total > UINT64_MAX - v[i].count)
			return BDB_EINVAL;
		total += v[i].count;
	}
	if (n == 0)
		return BDB_EINVAL;
	qsort(v, n, sizeof *v, cmp_counted);
	/* The middle value, or the two middle ones, of the repeated values:
	 * at indices (total - 1) / 2 and total / 2, found in one pass. */
	uint64_t lo_at = (total - 1) / 2, hi_at = total / 2, seen = 0;
	double lo = v[0].value, hi = v[0].value;
	for (size_t i = 0; i < n && seen <= hi_at; seen += v[i].count, i++) {
		if (lo_at >= seen && lo_at - seen < v[i].count)
			lo = v[i].value;
		if (hi_at - seen < v[i].count)
			hi = v[i].value;
	}
	*out = lo_at == hi_at ? hi : lerp(lo, hi, 0.5);
	return 0;
}

int bdb__stats_mad(const double *x, size_t n, double *out)
{
	double median;
	int rc = bdb__stats_median(x, n, &median);
	if (rc)
		return rc;
	double *deviation = malloc(n * sizeof *deviation);
	if (!deviation)
		return BDB_ENOMEM;
	for (size_t i = 0; i < n; i++)
		deviation[i] = fabs(x[i] - median);
	rc = bdb__stats_median(deviation, n, out);
	free(deviation);
	return rc;
}

int bdb__stats_summarize(const double *x, size_t n, bdb__summary *out)
{
	if (n == 0)
		return BDB_EINVAL;
	double *sorted = sorted_copy(x, n);
	if (!sorted)
		return BDB_ENOMEM;
	out->n = n;
	out->mean = bdb__stats_mean(x, n);
	out->stddev = bdb__stats_stddev(x, n);
	out->min = sorted[0];
	out->p25 = bdb__stats_percentile_sorted(sorted, n, 25.0);
	out->median = bdb__stats_percentile_sorted(sorted, n, 50.0);
	out->p75 = bdb__stats_percentile_sorted(sorted, n, 75.0);
	out->max = sorted[n - 1];
	free(sorted);
	return 0;
}

int bdb__stats_change_pct(double base, double current, double *out)
{
	if (base == 0.0 || !isfinite(base) || !isfinite(current))
		return BDB_EINVAL;
	double diff = current - base;
	/* Two finite values of opposite sign near DBL_MAX: the difference
	 * overflows, the ratios do not. */
	*out = isfinite(diff) ? diff / fabs(base) * 100.0
			      : (current / fabs(base) - base / fabs(base)) * 100.0;
	return 0;
}

bool bdb__stats_change_beyond(double change, double limit, double base, double current)
{
	if (!(change > limit))
		return false;
	double slack = 400.0 * DBL_EPSILON * (fabs(current) / fabs(base) + 1.0);
	/* A ratio beyond a double (a base of 5e-324) is a change no rounding
	 * made. */
	return !isfinite(slack) || change - limit > slack;
}

/* ------------------------------------------------------------------------ */
/* PRNG: splitmix64 seeding xoshiro256**                                     */
/* ------------------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void bdb__rng_seed(bdb__rng *rng, uint64_t seed)
{
	uint64_t x = seed;
	for (int i = 0; i < 4; i++)
		rng->state[i] = splitmix64(&x);
	rng->seed = seed;
}

uint64_t bdb__rng_next(bdb__rng *rng)
{
	uint64_t *s = rng->state;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint64_t bdb__rng_below(bdb__rng *rng, uint64_t bound)
{
	if (bound == 0)
		return 0;
	/* Reject the first (2^64 mod bound) values so that every residue is
	 * equally likely. */
	uint64_t threshold = (0 - bound) % bound;
	uint64_t r;
	do {
		r = bdb__rng_next(rng);
	} while (r < threshold);
	return r % bound;
}

double bdb__rng_uniform(bdb__rng *rng)
{
	return (double)(bdb__rng_next(rng) >> 11) * 0x1.0p-53;
}

double bdb__rng_normal(bdb__rng *rng)
{
	double u, v, s;
	do {
		u = 2.0 * bdb__rng_uniform(rng) - 1.0;
		v = 2.0 * bdb__rng_uniform(rng) - 1.0;
		s = u * u + v * v;
	} while (s >= 1.0 || s == 0.0);
	/* The second deviate (v * factor) is dropped: one draw, one value,
	 * keeps streams simple to reason about. */
	return u * sqrt(-2.0 * log(s) / s);
}

/* Fisher-Yates over n elements of size bytes (8 at most) at x. */
static inline void shuffle_elements(bdb__rng *rng, unsigned char *x, size_t n, size_t size)
{
	unsigned char t[8];
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)bdb__rng_below(rng, i);
		memcpy(t, x + (i - 1) * size, size);
		memcpy(x + (i - 1) * size, x + j * size, size);
		memcpy(x + j * size, t, size);
	}
}

void bdb__rng_shuffle_index(bdb__rng *rng, size_t *x, size_t n)
{
	shuffle_elements(rng, (unsigned char *)x, n, sizeof *x);
}

void bdb__rng_shuffle(bdb__rng *rng, double *x, size_t n)
{
	shuffle_elements(rng, (unsigned char *)x, n, sizeof *x);
}

/* ------------------------------------------------------------------------ */
/* Percentile bootstrap of the mean                                          */
/* ------------------------------------------------------------------------ */

static size_t clamp_index(long i, int resamples)
{
	if (i < 0)
		i = 0;
	if (i > resamples - 1)
		i = resamples - 1;
	return (size_t)i;
}

int bdb__stats_bootstrap_mean(const double *x, size_t n, double confidence, int resamples,
			      uint64_t seed, bdb__bootstrap_ci *out)
{
	if (n == 0 || !(confidence > 0.0 && confidence < 1.0) || resamples < 1)
		return BDB_EINVAL;

	bdb__bootstrap_ci ci = {
	    .mean = bdb__stats_mean(x, n),
	    .confidence = confidence,
	    .resamples = resamples,
	    .seed = seed,
	};
	/* benchkit's rule, with the same floating-point operations; int() in
	 * Python truncates toward zero, and so does the cast. */
	double alpha = 1.0 - confidence;
	ci.lower_index = clamp_index((long)(alpha / 2.0 * (double)resamples), resamples);
	ci.upper_index =
	    clamp_index((long)((1.0 - alpha / 2.0) * (double)resamples) - 1, resamples);

	if (n == 1) {
		ci.lower = ci.upper = x[0];
		*out = ci;
		return 0;
	}

	double *means = malloc((size_t)resamples * sizeof *means);
	if (!means)
		return BDB_ENOMEM;
	bdb__rng rng;
	bdb__rng_seed(&rng, seed);
	for (int b = 0; b < resamples; b++) {
		double sum = 0.0;
		for (size_t i = 0; i < n; i++)
			sum += x[bdb__rng_below(&rng, n)];
		means[b] = sum / (double)n;
	}
	bdb__stats_sort(means, (size_t)resamples);
	ci.lower = means[ci.lower_index];
	ci.upper = means[ci.upper_index];
	free(means);
	*out = ci;
	return 0;
}
