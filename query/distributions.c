/*
 * distributions.c - normal and Student-t distribution functions and the
 * regularized incomplete beta function they rest on. Contracts are in
 * stats.h; every function is pure and thread-safe except that lgamma may
 * set the global signgam (harmless: only positive arguments are used).
 */
#include "stats.h"

#include <float.h>
#include <math.h>

/* ------------------------------------------------------------------------ */
/* Normal                                                                    */
/* ------------------------------------------------------------------------ */

double bdb__normal_cdf(double z)
{
	if (isnan(z))
		return NAN;
	/* erfc keeps relative accuracy where the result is tiny, unlike
	 * 0.5 (1 + erf(z / sqrt 2)). */
	return 0.5 * erfc(-z * M_SQRT1_2);
}

double bdb__normal_sf(double z)
{
	if (isnan(z))
		return NAN;
	return 0.5 * erfc(z * M_SQRT1_2);
}

static double normal_pdf(double z)
{
	return exp(-0.5 * z * z) / sqrt(2.0 * M_PI);
}

/*
 * Acklam's rational approximation of the normal quantile for p in (0, 0.5]
 * (relative error below 1.15e-9; P. J. Acklam, "An algorithm for computing
 * the inverse normal cumulative distribution function", 2003): a central
 * rational function for p >= 0.02425 and a tail one in sqrt(-2 log p).
 */
static double acklam_lower(double p)
{
	static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
				    -2.759285104469687e+02, 1.383577518672690e+02,
				    -3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
				    -1.556989798598866e+02, 6.680131188771972e+01,
				    -1.328068155288572e+01};
	static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
				    -2.400758277161838e+00, -2.549732539343734e+00,
				    4.374664141464968e+00,  2.938163982698783e+00};
	static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
				    2.445134137142996e+00, 3.754408661907416e+00};
	if (p < 0.02425) {
		double q = sqrt(-2.0 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		       ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	double q = p - 0.5, r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
	       (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double bdb__normal_quantile(double p)
{
	if (!(p >= 0.0 && p <= 1.0))
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;
	/* Work in the lower half, where p is exact, and reflect: 1 - p is
	 * computed exactly for p >= 0.5. */
	if (p > 0.5)
		return -bdb__normal_quantile(1.0 - p);
	double x = acklam_lower(p);
	/* Halley's method on Phi(x) - p: cubic convergence, so two steps
	 * take 1e-9 to the limit of double precision. */
	for (int i = 0; i < 2; i++) {
		double density = normal_pdf(x);
		if (density == 0.0)
			break; /* p is subnormal: Acklam's tail is as good as it gets */
		double u = (bdb__normal_cdf(x) - p) / density;
		x -= u / (1.0 + 0.5 * x * u);
	}
	return x;
}

/* ------------------------------------------------------------------------ */
/* Regularized incomplete beta                                               */
/* ------------------------------------------------------------------------ */

/*
 * The continued fraction for I_x(a, b) (Abramowitz and Stegun 26.5.8),
 * evaluated with the modified Lentz method. Converges fast when
 * x < (a + 1) / (a + b + 2). y is 1 - x, passed separately so callers that
 * know it exactly do not lose digits.
 */
static double beta_continued_fraction(double x, double a, double b)
{
	const double tiny = 1e-300, eps = 1e-16;
	double qab = a + b, qap = a + 1.0, qam = a - 1.0;
	double c = 1.0, d = 1.0 - qab * x / qap;
	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	double h = d;
	for (int m = 1; m <= 10000; m++) {
		double m2 = 2.0 * m;
		double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		h *= d * c;
		aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		double delta = d * c;
		h *= delta;
		if (fabs(delta - 1.0) < eps)
			break;
	}
	return h;
}

/*
 * The remainder of Stirling's series, lgamma(x) - ((x - 0.5) log x - x +
 * log sqrt(2 pi)), for x >= 10: sum of B_2k / (2k (2k - 1) x^(2k - 1)) to
 * k = 6, truncation error below 1e-15.
 */
static double stirling_remainder(double x)
{
	double r = 1.0 / (x * x);
	return (1.0 / 12.0 +
		r * (-1.0 / 360.0 +
		     r * (1.0 / 1260.0 +
			  r * (-1.0 / 1680.0 + r * (1.0 / 1188.0 + r * (-691.0 / 360360.0)))))) /
	       x;
}

/*
 * log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). Subtracting lgammas
 * of large arguments cancels most digits (lgamma(5e5) is 6e6, so about
 * 1e-9 would be left), which shows up directly in the Student-t tail for
 * large df; the forms below keep the large parts as logarithms of ratios.
 */
static double log_beta(double a, double b)
{
	double p = a < b ? a : b, q = a < b ? b : a;
	if (p >= 10.0) {
		double correction =
		    stirling_remainder(p) + stirling_remainder(q) - stirling_remainder(p + q);
		return -0.5 * log(q) + 0.5 * log(2.0 * M_PI) + correction +
		       (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q));
	}
	if (q >= 10.0) {
		double correction = stirling_remainder(q) - stirling_remainder(p + q);
		return lgamma(p) + correction + p - p * log(p + q) +
		       (q - 0.5) * log1p(-p / (p + q));
	}
	return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/* I_x(a, b) with y = 1 - x given exactly. */
static double beta_inc_xy(double x, double y, double a, double b)
{
	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	/* log of whichever of x, y is near 1 through log1p of the other, so
	 * that a huge a or b does not magnify its rounding. */
	double log_x = x > 0.5 ? log1p(-y) : log(x);
	double log_y = y > 0.5 ? log1p(-x) : log(y);
	double log_front = a * log_x + b * log_y - log_beta(a, b);
	if (x < (a + 1.0) / (a + b + 2.0))
		return exp(log_front) * beta_continued_fraction(x, a, b) / a;
	/* The symmetry I_x(a, b) = 1 - I_y(b, a) keeps the fraction in its
	 * fast-converging range. */
	return 1.0 - exp(log_front) * beta_continued_fraction(y, b, a) / b;
}

double bdb__beta_inc(double x, double a, double b)
{
	if (!(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0))
		return NAN;
	return beta_inc_xy(x, 1.0 - x, a, b);
}

/* ------------------------------------------------------------------------ */
/* Student t                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * P(T > t) for t >= 0: I_x(df / 2, 1 / 2) / 2 with x = df / (df + t^2).
 * Both x and 1 - x = t^2 / (df + t^2) are formed directly, so neither the
 * far tail nor the centre loses digits to cancellation.
 */
static double t_upper_tail(double t, double df)
{
	if (isinf(t))
		return 0.0;
	double t2 = t * t;
	double x, y;
	if (t2 < df) {
		x = df / (df + t2);
		y = t2 / (df + t2);
	} else {
		x = 1.0 / (1.0 + t2 / df);
		y = 1.0 / (df / t2 + 1.0);
	}
	return 0.5 * beta_inc_xy(x, y, 0.5 * df, 0.5);
}

double bdb__t_sf(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(df))
		return bdb__normal_sf(t);
	if (t >= 0.0)
		return t_upper_tail(t, df);
	return 1.0 - t_upper_tail(-t, df);
}

double bdb__t_cdf(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(df))
		return bdb__normal_cdf(t);
	if (t <= 0.0)
		return t_upper_tail(-t, df);
	return 1.0 - t_upper_tail(t, df);
}

static double t_pdf(double t, double df)
{
	double log_norm = lgamma(0.5 * (df + 1.0)) - lgamma(0.5 * df) - 0.5 * log(df * M_PI);
	return exp(log_norm - 0.5 * (df + 1.0) * log1p(t * t / df));
}

/*
 * The t >= 0 with P(T > t) = q, for q in (0, 0.5]. Newton's method on
 * log P(T > t) - log q (well scaled in the far tail, where the survival
 * function falls by orders of magnitude), kept inside a bracket and
 * falling back to bisection whenever a step leaves it.
 */
static double t_upper_quantile(double q, double df)
{
	if (q == 0.5)
		return 0.0;
	if (df == 1.0)
		return 1.0 / tan(M_PI * q); /* Cauchy */
	if (df == 2.0)
		return (1.0 - 2.0 * q) / sqrt(2.0 * q * (1.0 - q));

	/* Start from the Cornish-Fisher expansion around the normal quantile. */
	double z = -bdb__normal_quantile(q);
	double z2 = z * z;
	double t =
	    z + (z2 + 1.0) * z / (4.0 * df) + ((5.0 * z2 + 16.0) * z2 + 3.0) * z / (96.0 * df * df);

	double lo = 0.0, hi = t > 1.0 ? 2.0 * t : 2.0;
	while (t_upper_tail(hi, df) > q)
		hi *= 2.0;
	if (!(t > lo && t < hi))
		t = 0.5 * (lo + hi);
	double log_q = log(q);
	for (int i = 0; i < 200; i++) {
		double sf = t_upper_tail(t, df);
		if (sf > q)
			lo = t;
		else
			hi = t;
		double step = (log(sf) - log_q) * sf / t_pdf(t, df);
		double next = t + step;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 4.0 * DBL_EPSILON * fabs(next) || hi - lo <= DBL_EPSILON * hi)
			return next;
		t = next;
	}
	return t;
}

double bdb__t_quantile(double p, double df)
{
	if (!(p >= 0.0 && p <= 1.0) || !(df > 0.0))
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;
	if (isinf(df))
		return bdb__normal_quantile(p);
	if (p < 0.5)
		return -t_upper_quantile(p, df);
	return t_upper_quantile(1.0 - p, df);
}
