/*
 * significance.c - two-sample tests: Mann-Whitney U, the Hodges-Lehmann
 * shift estimate with its distribution-free confidence interval, and
 * Student's and Welch's t-tests. Contracts are in stats.h.
 *
 * The Mann-Whitney test follows scipy.stats.mannwhitneyu (scipy 1.10,
 * alternative="two-sided", method="auto", use_continuity=True), so that
 * verdicts agree with what users compute in a notebook.
 */
#include "stats.h"

#include "schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* scipy's rule: the exact null distribution when one sample has at most
 * this many values and nothing is tied. */
#define EXACT_MAX_SMALLER_SAMPLE 8

/* The exact distribution has n1 n2 + 1 points; past this many the normal
 * approximation is used even when scipy would still be exact (it is then
 * accurate to far better than any reported digit). */
#define EXACT_MAX_POINTS 4000000u

/* The Hodges-Lehmann interval sorts all n1 n2 differences. */
#define SHIFT_MAX_DIFFERENCES (UINT64_C(1) << 24)

/* ------------------------------------------------------------------------ */
/* Ranks of the pooled sample                                                */
/* ------------------------------------------------------------------------ */

typedef struct pooled_value {
	double value;
	bool first; /* belongs to x (else to y) */
} pooled_value;

static int compare_pooled(const void *a, const void *b)
{
	double x = ((const pooled_value *)a)->value, y = ((const pooled_value *)b)->value;
	return (x > y) - (x < y);
}

typedef struct rank_summary {
	double rank_sum_first; /* sum of the mid-ranks of x */
	double tie_term;       /* sum over tie groups of t^3 - t */
	bool ties;
} rank_summary;

/* Mid-ranks of x and y pooled (1-based, ties get the mean of their ranks). */
static int rank_pooled(const double *x, size_t n1, const double *y, size_t n2, rank_summary *out)
{
	size_t n = n1 + n2;
	pooled_value *all = malloc(n * sizeof *all);
	if (!all)
		return BDB_ENOMEM;
	for (size_t i = 0; i < n1; i++)
		all[i] = (pooled_value){x[i], true};
	for (size_t j = 0; j < n2; j++)
		all[n1 + j] = (pooled_value){y[j], false};
	qsort(all, n, sizeof *all, compare_pooled);

	rank_summary r = {0};
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && all[j].value == all[i].value)
			j++;
		/* Positions i..j-1 (0-based) share the rank (i + 1 + j) / 2. */
		double mid_rank = (double)(i + 1 + j) / 2.0;
		double t = (double)(j - i);
		if (j - i > 1) {
			r.ties = true;
			r.tie_term += t * t * t - t;
		}
		for (size_t k = i; k < j; k++)
			if (all[k].first)
				r.rank_sum_first += mid_rank;
		i = j;
	}
	free(all);
	*out = r;
	return 0;
}

/* The standard deviation of U under the null, tie corrected as scipy's
 * _get_mwu_z: sqrt(n1 n2 / 12 ((n + 1) - T / (n (n - 1)))). */
static double u_sigma(size_t n1, size_t n2, double tie_term)
{
	double n = (double)(n1 + n2);
	double correction = n > 1.0 ? tie_term / (n * (n - 1.0)) : 0.0;
	return sqrt((double)n1 * (double)n2 / 12.0 * ((n + 1.0) - correction));
}

static bdb__mwu_method choose_method(size_t n1, size_t n2, bool ties)
{
	size_t smaller = n1 < n2 ? n1 : n2;
	if (smaller > EXACT_MAX_SMALLER_SAMPLE || ties)
		return BDB__MWU_NORMAL;
	if ((double)n1 * (double)n2 + 1.0 > (double)EXACT_MAX_POINTS)
		return BDB__MWU_NORMAL;
	return BDB__MWU_EXACT;
}

/* ------------------------------------------------------------------------ */
/* Exact null distribution of U                                              */
/* ------------------------------------------------------------------------ */

/*
 * The cumulative null distribution P(U <= k), k = 0..m n, of U for samples
 * of sizes m and n without ties. The number of arrangements with U = k is
 * the coefficient of q^k in the Gaussian binomial coefficient
 *   [m + n choose m]_q = prod_{i=1..m} (1 - q^(n + i)) / (1 - q^i),
 * built one factor at a time over the smaller size. Counts stay integers,
 * exact in a double while below 2^53 (for m <= 8, n up to about 370), and
 * the divisions by (1 - q^i) are running sums. Returns a malloc'd array of
 * m n + 1 values, or NULL when out of memory.
 */
static double *u_null_cdf(size_t m, size_t n)
{
	if (m > n) {
		size_t t = m;
		m = n;
		n = t;
	}
	size_t top = m * n;
	double *c = calloc(top + 1, sizeof *c);
	if (!c)
		return NULL;
	c[0] = 1.0;
	double total = 1.0;
	size_t degree = 0;
	for (size_t i = 1; i <= m; i++) {
		size_t shift = n + i;
		degree += n; /* the product so far has degree i n */
		/* Multiply by (1 - q^shift), high to low so each c[k - shift]
		 * read is still the old coefficient. */
		for (size_t k = degree; k >= shift; k--)
			c[k] -= c[k - shift];
		/* Divide by (1 - q^i): c[k] += c[k - i], low to high. */
		for (size_t k = i; k <= degree; k++)
			c[k] += c[k - i];
		total = total * (double)(n + i) / (double)i;
	}
	double running = 0.0;
	for (size_t k = 0; k <= top; k++) {
		running += c[k] > 0.0 ? c[k] : 0.0;
		c[k] = running / total;
	}
	return c;
}

/* P(U <= k) from the cumulative array, 0 below the support. */
static double cdf_at(const double *cdf, double k, double top)
{
	if (k < 0.0)
		return 0.0;
	if (k >= top)
		return 1.0;
	return cdf[(size_t)k];
}

/* ------------------------------------------------------------------------ */
/* Mann-Whitney U                                                            */
/* ------------------------------------------------------------------------ */

int bdb__stats_mann_whitney(const double *x, size_t n1, const double *y, size_t n2,
			    bdb__mwu_result *out)
{
	if (n1 == 0 || n2 == 0 || !bdb__stats_all_finite(x, n1) || !bdb__stats_all_finite(y, n2))
		return BDB_EINVAL;
	rank_summary ranks;
	int err = rank_pooled(x, n1, y, n2, &ranks);
	if (err)
		return err;

	double mn = (double)n1 * (double)n2;
	double u1 = ranks.rank_sum_first - (double)n1 * ((double)n1 + 1.0) / 2.0;
	double u2 = mn - u1;
	double u_max = u1 > u2 ? u1 : u2;
	bdb__mwu_result r = {
	    .u = u1,
	    .z = NAN,
	    .method = choose_method(n1, n2, ranks.ties),
	    .ties = ranks.ties,
	    .n1 = n1,
	    .n2 = n2,
	};
	if (r.method == BDB__MWU_EXACT) {
		double *cdf = u_null_cdf(n1, n2);
		if (!cdf)
			return BDB_ENOMEM;
		/* P(U >= u_max) = P(U <= mn - u_max) by symmetry; without ties
		 * U is an integer. */
		r.p_value = 2.0 * cdf_at(cdf, mn - u_max, mn);
		free(cdf);
	} else {
		double sigma = u_sigma(n1, n2, ranks.tie_term);
		/* Continuity correction toward the mean; all values tied gives
		 * sigma 0 and z = -inf, so p = 1, as scipy. */
		r.z = (u_max - mn / 2.0 - 0.5) / sigma;
		r.p_value = 2.0 * bdb__normal_sf(r.z);
	}
	if (r.p_value > 1.0)
		r.p_value = 1.0;
	*out = r;
	return 0;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int bdb__stats_mann_whitney_min_p(const double *x, size_t n1, const double *y, size_t n2,
				  double *min_p)
{
	if (n1 == 0 || n2 == 0 || !bdb__stats_all_finite(x, n1) || !bdb__stats_all_finite(y, n2))
		return BDB_EINVAL;
	size_t n = n1 + n2;
	double *all = malloc(n * sizeof *all);
	if (!all)
		return BDB_ENOMEM;
	memcpy(all, x, n1 * sizeof *all);
	memcpy(all + n1, y, n2 * sizeof *all);
	qsort(all, n, sizeof *all, compare_double);
	bdb__mwu_result low = {0}, high = {0};
	int err = bdb__stats_mann_whitney(all, n1, all + n1, n2, &low);
	if (!err)
		err = bdb__stats_mann_whitney(all + n2, n1, all, n2, &high);
	free(all);
	if (!err)
		*min_p = low.p_value < high.p_value ? low.p_value : high.p_value;
	return err;
}

/* ------------------------------------------------------------------------ */
/* Hodges-Lehmann shift                                                      */
/* ------------------------------------------------------------------------ */

/* The k of the interval [D(k), D(mn + 1 - k)] and its achieved level, from
 * the exact null distribution. */
static int shift_rank_exact(size_t n1, size_t n2, double alpha, size_t *k, double *achieved)
{
	double *cdf = u_null_cdf(n1, n2);
	if (!cdf)
		return BDB_ENOMEM;
	size_t mn = n1 * n2;
	/* The largest k with P(U <= k - 1) <= alpha / 2; cdf is increasing,
	 * so walk up from k = 1 while the next k still qualifies. */
	size_t best = 1;
	while (best < (mn + 1) / 2 && cdf[best] <= alpha / 2.0)
		best++;
	*k = best;
	*achieved = 1.0 - 2.0 * cdf[best - 1];
	free(cdf);
	return 0;
}

static void shift_rank_normal(size_t n1, size_t n2, double tie_term, double alpha, size_t *k,
			      double *achieved)
{
	double mn = (double)n1 * (double)n2;
	double sigma = u_sigma(n1, n2, tie_term);
	double z = bdb__normal_quantile(1.0 - alpha / 2.0);
	double raw = floor(mn / 2.0 + 0.5 - z * sigma);
	double highest = floor((mn + 1.0) / 2.0);
	if (!(raw >= 1.0))
		raw = 1.0;
	if (raw > highest)
		raw = highest;
	*k = (size_t)raw;
	*achieved = sigma > 0.0 ? 1.0 - 2.0 * bdb__normal_cdf((raw - 0.5 - mn / 2.0) / sigma) : 0.0;
}

int bdb__stats_hodges_lehmann(const double *x, size_t n1, const double *y, size_t n2,
			      double confidence, bdb__shift_estimate *out)
{
	if (n1 == 0 || n2 == 0 || !bdb__stats_all_finite(x, n1) || !bdb__stats_all_finite(y, n2) ||
	    !(confidence > 0.0 && confidence < 1.0))
		return BDB_EINVAL;
	if ((uint64_t)n1 * (uint64_t)n2 > SHIFT_MAX_DIFFERENCES)
		return BDB_ETOOBIG;

	rank_summary ranks;
	int err = rank_pooled(x, n1, y, n2, &ranks);
	if (err)
		return err;
	bdb__shift_estimate s = {
	    .confidence = confidence,
	    .method = choose_method(n1, n2, ranks.ties),
	};
	double alpha = 1.0 - confidence;
	if (s.method == BDB__MWU_EXACT)
		err = shift_rank_exact(n1, n2, alpha, &s.k, &s.achieved);
	else
		shift_rank_normal(n1, n2, ranks.tie_term, alpha, &s.k, &s.achieved);
	if (err)
		return err;

	size_t mn = n1 * n2;
	double *d = malloc(mn * sizeof *d);
	if (!d)
		return BDB_ENOMEM;
	/* Differences of values near DBL_MAX overflow, and the median of two
	 * infinities was NaN: values beyond 2^256 whose differences (or the
	 * spread of these) would overflow are differenced at 2^-e and the
	 * results scaled back, to inf where they are beyond a double. Only
	 * then: at 2^-e the differences of tiny values underflow, and the
	 * shift of {1e-300, 1e300, -1e300} to {2e-300, 2e300, -2e300} was 0,
	 * not 1e-300. */
	int ex = bdb__stats_scale_exponent(x, n1), ey = bdb__stats_scale_exponent(y, n2);
	int e = ex > ey ? ex : ey;
	if (e > 0) {
		double x_lo = x[0], x_hi = x[0], y_lo = y[0], y_hi = y[0];
		for (size_t i = 1; i < n1; i++) {
			x_lo = fmin(x_lo, x[i]);
			x_hi = fmax(x_hi, x[i]);
		}
		for (size_t j = 1; j < n2; j++) {
			y_lo = fmin(y_lo, y[j]);
			y_hi = fmax(y_hi, y[j]);
		}
		if (isfinite((y_hi - x_lo) - (y_lo - x_hi)))
			e = 0;
	}
	if (e < 0)
		e = 0;
	for (size_t i = 0; i < n1; i++)
		for (size_t j = 0; j < n2; j++)
			d[i * n2 + j] = ldexp(y[j], -e) - ldexp(x[i], -e);
	bdb__stats_sort(d, mn);
	s.estimate = ldexp(bdb__stats_percentile_sorted(d, mn, 50.0), e);
	s.lower = ldexp(d[s.k - 1], e);
	s.upper = ldexp(d[mn - s.k], e);
	free(d);
	*out = s;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* t-tests                                                                   */
/* ------------------------------------------------------------------------ */

/* The variance (divisor n - 1) of a sample whose standard deviation is sd,
 * in units of scale^2 (0 for a single value, where only the pooled test
 * may use it, with weight n - 1 = 0). */
static double scaled_variance(double sd, size_t n, double scale)
{
	if (n < 2)
		return 0.0;
	return (sd / scale) * (sd / scale);
}

/* A power of two near the larger standard deviation: the tests work on
 * variances in its units, so that squares of standard deviations above
 * 1e154 do not overflow (values of 1e100 gave Welch's df inf / inf and
 * p 1) nor those below 1e-154 underflow (values of 1e-200 gave a zero
 * standard error and p 0). Scaling by a power of two is exact, and t, df
 * and p do not depend on the unit, so ordinary data give the same bits
 * as unscaled arithmetic. */
static double variance_scale(double sd1, double sd2)
{
	double larger = isnan(sd1) ? sd2 : isnan(sd2) ? sd1 : sd1 > sd2 ? sd1 : sd2;
	if (!(larger > 0.0) || !isfinite(larger))
		return 1.0;
	return ldexp(1.0, ilogb(larger));
}

/* t and its two-sided p from a difference of means and its standard
 * error; a zero standard error gives p 1 for equal means, else 0. */
static void finish_t_test(double difference, double standard_error, double df,
			  bdb__t_test_result *r)
{
	r->df = df;
	if (!(df >= 1.0)) {
		r->t = NAN;
		r->p_value = 1.0;
		return;
	}
	if (standard_error == 0.0) {
		r->t = difference == 0.0 ? NAN : copysign(INFINITY, difference);
		r->p_value = difference == 0.0 ? 1.0 : 0.0;
		return;
	}
	r->t = difference / standard_error;
	r->p_value = 2.0 * bdb__t_sf(fabs(r->t), df);
	if (r->p_value > 1.0)
		r->p_value = 1.0;
}

/* Student's pooled test, or Welch's when `welch`; contracts in stats.h. */
static int run_t_test(const double *x, size_t n1, const double *y, size_t n2, bool welch,
		      bdb__t_test_result *out)
{
	if (n1 == 0 || n2 == 0 || !bdb__stats_all_finite(x, n1) || !bdb__stats_all_finite(y, n2))
		return BDB_EINVAL;
	bdb__t_test_result r = {
	    .mean1 = bdb__stats_mean(x, n1),
	    .mean2 = bdb__stats_mean(y, n2),
	    .sd1 = bdb__stats_stddev(x, n1),
	    .sd2 = bdb__stats_stddev(y, n2),
	};
	double difference = r.mean1 - r.mean2;
	double scale = variance_scale(r.sd1, r.sd2);
	double v1 = scaled_variance(r.sd1, n1, scale), v2 = scaled_variance(r.sd2, n2, scale);
	if (!welch) {
		double df = (double)n1 + (double)n2 - 2.0;
		double pooled =
		    df > 0.0 ? ((double)(n1 - 1) * v1 + (double)(n2 - 1) * v2) / df : 0.0;
		finish_t_test(difference,
			      scale * sqrt(pooled * (1.0 / (double)n1 + 1.0 / (double)n2)), df, &r);
	} else if (n1 < 2 || n2 < 2) {
		/* A variance from one value is undefined. */
		finish_t_test(difference, NAN, 0.0, &r);
	} else {
		double a = v1 / (double)n1, b = v2 / (double)n2;
		/* Welch-Satterthwaite; both variances 0 leaves df undefined, and
		 * the zero standard error decides alone. */
		double df = a + b > 0.0 ? (a + b) * (a + b) /
					      (a * a / (double)(n1 - 1) + b * b / (double)(n2 - 1))
					: (double)(n1 + n2 - 2);
		finish_t_test(difference, scale * sqrt(a + b), df, &r);
	}
	*out = r;
	return 0;
}

int bdb__stats_t_test(const double *x, size_t n1, const double *y, size_t n2,
		      bdb__t_test_result *out)
{
	return run_t_test(x, n1, y, n2, false, out);
}

int bdb__stats_welch_test(const double *x, size_t n1, const double *y, size_t n2,
			  bdb__t_test_result *out)
{
	return run_t_test(x, n1, y, n2, true, out);
}
