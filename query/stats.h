/*
 * stats.h - the statistics of the query layer (an internal header).
 *
 * Pure functions: no storage, no printing, no global state. Every random
 * procedure takes a seed and is deterministic for that seed. The query
 * executor and the unit tests include this header; it is not installed.
 *
 * What lives where:
 *   query/stats.c          descriptive statistics, percentiles, the PRNG,
 *                          the percentile bootstrap of the mean
 *   query/distributions.c  normal and Student-t CDFs and quantiles, the
 *                          regularized incomplete beta function
 *   query/significance.c   Mann-Whitney U, Hodges-Lehmann shift and its
 *                          confidence interval, Student's two-sample t-test
 *   query/detect.c         history models (z-score, t-test, IQR, delta-IQR,
 *                          lookback z-score) and change points (E-Divisive
 *                          means with a permutation test; windowed
 *                          Otava/Hunter variant)
 *
 * Conventions:
 *   - Functions that cannot fail return a double; NAN marks "undefined"
 *     (for example the standard deviation of one value).
 *   - Functions that can fail (bad argument, allocation) return 0 or a
 *     negative BDB_E* code from schema.h and write results through
 *     out-parameters, which are left untouched on failure unless stated.
 *   - Arrays passed in are never modified and never retained.
 *   - Internal symbols carry the bdb__ prefix (STYLE.md: internal,
 *     non-static names are double-prefixed).
 *
 * docs/detection.md describes every method with its formula and defaults.
 */
#ifndef BDB_QUERY_STATS_H
#define BDB_QUERY_STATS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------ */
/* Descriptive statistics                                                    */
/* ------------------------------------------------------------------------ */

/* Arithmetic mean of x[0..n). NAN when n == 0. */
double bdb__stats_mean(const double *x, size_t n);

/* Sample standard deviation (divisor n - 1), finite for finite values of
 * any magnitude (deviations are scaled by a power of two before they are
 * squared when their squares would overflow or underflow). NAN when n < 2. */
double bdb__stats_stddev(const double *x, size_t n);

/* Smallest and largest value. NAN when n == 0. */
double bdb__stats_min(const double *x, size_t n);
double bdb__stats_max(const double *x, size_t n);

/* True when no value of x[0..n) is NaN or infinite (true for n == 0). */
bool bdb__stats_all_finite(const double *x, size_t n);

/*
 * The exponent e of the largest finite magnitude of x[0..n) when it lies
 * beyond 2^256 or below 2^-256 (about 1e77 and 1e-77), so that x * 2^-e
 * has its largest magnitude in [0.5, 1); else 0. Sums of squares of values
 * or of their differences overflow above about 1e154 and underflow below
 * about 1e-154: a statistic unchanged by a common factor is computed on the
 * values times 2^-e (exact) and its results in the values' units scaled
 * back by 2^e. Inside the limits nothing needs scaling, so ordinary values
 * give the same bytes as without it.
 */
int bdb__stats_scale_exponent(const double *x, size_t n);

/* Sorts x[0..n) ascending in place (NaNs, which callers should not pass,
 * sort last). */
void bdb__stats_sort(double *x, size_t n);

/*
 * Moves the values of x[0..n) (no NaNs) so that x[k] holds what it would
 * hold after bdb__stats_sort, for every k of want[0..m) (each < n, any
 * order; want is sorted in place): the order statistics a sorted array
 * would give, in O(n) expected time per distinct k rather than a sort.
 */
void bdb__stats_select(double *x, size_t n, size_t *want, size_t m);

/* The median of x[0..n) (n >= 1, no NaNs) with numpy's interpolation, as
 * bdb__stats_percentile_sorted gives it for the sorted array: the two
 * middle values are selected in place (x is reordered). */
double bdb__stats_median_in_place(double *x, size_t n);

/*
 * The q-th percentile (q in [0, 100]) of an ascending array, with numpy's
 * default linear interpolation: h = (n - 1) q / 100,
 * result = s[floor h] + (h - floor h) (s[floor h + 1] - s[floor h]),
 * computed exactly as numpy does (so results agree to the last bit).
 * NAN when n == 0 or q is outside [0, 100].
 */
double bdb__stats_percentile_sorted(const double *sorted, size_t n, double q);

/*
 * The q-th percentile of unsorted data (same definition). Works on a
 * private sorted copy. Returns 0, BDB_EINVAL (n == 0, q outside [0, 100])
 * or BDB_ENOMEM.
 */
int bdb__stats_percentile(const double *x, size_t n, double q, double *out);

/* The median (the 50th percentile above). Returns 0, BDB_EINVAL, BDB_ENOMEM. */
int bdb__stats_median(const double *x, size_t n, double *out);

/* A value standing for count values (a rollup's median for its runs). */
typedef struct bdb__counted {
	double value;
	uint64_t count;
} bdb__counted;

/* The median of v[0..n), each value counted count times: bdb__stats_median
 * of the repeated values. Sorts v by value. Returns 0 or BDB_EINVAL (n == 0,
 * a count 0, a total past 2^64). */
int bdb__stats_median_counted(bdb__counted *v, size_t n, double *out);

/* The median absolute deviation: the median of |x_i - median(x)|, in x's
 * unit, unscaled (no 1.4826). Returns 0, BDB_EINVAL (n == 0), BDB_ENOMEM. */
int bdb__stats_mad(const double *x, size_t n, double *out);

typedef struct bdb__summary {
	size_t n;
	double mean;
	double stddev; /* sample (n - 1); NAN when n < 2 */
	double min;
	double p25;
	double median;
	double p75;
	double max;
} bdb__summary;

/* Count, mean, sample standard deviation, min, quartiles, median and max of
 * x[0..n) in one pass over a sorted copy. Returns 0, BDB_EINVAL (n == 0) or
 * BDB_ENOMEM. */
int bdb__stats_summarize(const double *x, size_t n, bdb__summary *out);

/*
 * The change in percent from base to current, DESIGN.md §4:
 * (current - base) / |base| * 100. Returns 0, or BDB_EINVAL when base is 0
 * (the change is "n/a") or either value is not finite.
 */
int bdb__stats_change_pct(double base, double current, double *out);

/*
 * Whether a change of `change` % from base to current (as
 * bdb__stats_change_pct computes it) lies beyond `limit` %: change > limit,
 * strictly, where a change that differs from the limit by no more than the
 * rounding of binary floating point is the limit itself. 100 -> 107
 * computes as +7.000000000000001 %, 1 -> 1.05 as +5.000000000000004 % (1.05
 * is not a double) and 1 ms -> 1050000 ns as +5.000000000000004 % after the
 * conversion: none is beyond 7 % or 5 %. The slack is 4 units in the last
 * place of the values, in percent of the base: 400 eps (|current| / |base|
 * + 1), about 1e-13 % for values of one magnitude.
 */
bool bdb__stats_change_beyond(double change, double limit, double base, double current);

/* ------------------------------------------------------------------------ */
/* Seeded pseudo-random numbers                                              */
/* ------------------------------------------------------------------------ */

/* The seed used when a query names none. Reported with every result. */
#define BDB_STATS_DEFAULT_SEED UINT64_C(20260131)

/*
 * xoshiro256** (Blackman and Vigna), its 256-bit state filled from the
 * 64-bit seed by splitmix64. Same seed, same stream, on every platform.
 * Plain value: copy it to fork a stream; no cleanup.
 */
typedef struct bdb__rng {
	uint64_t state[4];
	uint64_t seed; /* the seed it was started from, for reports */
} bdb__rng;

void bdb__rng_seed(bdb__rng *rng, uint64_t seed);

/* The next 64 random bits. */
uint64_t bdb__rng_next(bdb__rng *rng);

/* A uniform integer in [0, bound), without modulo bias; 0 when bound is 0. */
uint64_t bdb__rng_below(bdb__rng *rng, uint64_t bound);

/* A uniform double in [0, 1) with 53 random bits. */
double bdb__rng_uniform(bdb__rng *rng);

/* A standard normal deviate (Marsaglia's polar method). */
double bdb__rng_normal(bdb__rng *rng);

/* Shuffles x[0..n) in place (Fisher-Yates, drawing with bdb__rng_below). */
void bdb__rng_shuffle(bdb__rng *rng, double *x, size_t n);
/* The same shuffle (the same draws, the same swaps) of positions. */
void bdb__rng_shuffle_index(bdb__rng *rng, size_t *x, size_t n);

/* ------------------------------------------------------------------------ */
/* Percentile bootstrap of the mean                                          */
/* ------------------------------------------------------------------------ */

#define BDB_BOOTSTRAP_DEFAULT_RESAMPLES	 1000
#define BDB_BOOTSTRAP_DEFAULT_CONFIDENCE 0.95

typedef struct bdb__bootstrap_ci {
	double mean;	    /* mean of the data */
	double lower;	    /* lower bound of the interval */
	double upper;	    /* upper bound */
	double confidence;  /* e.g. 0.95 */
	int resamples;	    /* B */
	uint64_t seed;	    /* the seed the resampling used */
	size_t lower_index; /* index into the sorted resampled means */
	size_t upper_index;
} bdb__bootstrap_ci;

/*
 * Percentile bootstrap confidence interval of the mean, with benchkit's
 * index rule: draw B resamples of size n with replacement, sort their
 * means m[0..B), alpha = 1 - confidence, and return
 *   lower = m[int(alpha / 2 * B)], upper = m[int((1 - alpha / 2) * B) - 1]
 * (indices clamped to [0, B - 1]; int() truncates, the same floating-point
 * operations as benchkit's Python). A single value gives (x, x).
 * Returns 0, BDB_EINVAL (n == 0, confidence outside (0, 1), B < 1) or
 * BDB_ENOMEM.
 */
int bdb__stats_bootstrap_mean(const double *x, size_t n, double confidence, int resamples,
			      uint64_t seed, bdb__bootstrap_ci *out);

/* ------------------------------------------------------------------------ */
/* Distributions (relative accuracy 1e-12 or better; for the Student t    */
/* with df above 1000 about 1e-11, 1e-10 at df = 1e6, 4e-10 at 1e7 and     */
/* 7e-7 at 1e10: docs/detection.md has the measurements)                    */
/* ------------------------------------------------------------------------ */

/* Standard normal CDF P(Z <= z) and survival function P(Z > z); the
 * survival function keeps full relative accuracy far in the upper tail. */
double bdb__normal_cdf(double z);
double bdb__normal_sf(double z);

/* Standard normal quantile: the z with P(Z <= z) = p. -INFINITY at 0,
 * INFINITY at 1, NAN outside [0, 1]. Acklam's rational approximation
 * refined by Halley steps on the CDF. */
double bdb__normal_quantile(double p);

/* Regularized incomplete beta function I_x(a, b) for a, b > 0 and x in
 * [0, 1] (continued fraction, modified Lentz). NAN on bad arguments. */
double bdb__beta_inc(double x, double a, double b);

/* Student-t CDF P(T <= t) and survival P(T > t) with df > 0 degrees of
 * freedom (df need not be an integer). NAN when df <= 0. */
double bdb__t_cdf(double t, double df);
double bdb__t_sf(double t, double df);

/* Student-t quantile: the t with P(T <= t) = p; infinities at 0 and 1,
 * NAN outside [0, 1] or when df <= 0. */
double bdb__t_quantile(double p, double df);

/* ------------------------------------------------------------------------ */
/* Two-sample tests                                                          */
/* ------------------------------------------------------------------------ */

typedef enum bdb__mwu_method {
	BDB__MWU_EXACT,	 /* exact null distribution of U */
	BDB__MWU_NORMAL, /* normal approximation, tie and continuity corrected */
} bdb__mwu_method;

typedef struct bdb__mwu_result {
	double u;		/* U of the first sample: #{x > y} + #{x == y} / 2 */
	double p_value;		/* two-sided */
	double z;		/* standardized statistic; NAN in the exact regime */
	bdb__mwu_method method; /* which regime produced p_value */
	bool ties;		/* some value occurs more than once (both samples) */
	size_t n1, n2;
} bdb__mwu_result;

/*
 * Two-sided Mann-Whitney U test of x against y, with the semantics of
 * scipy.stats.mannwhitneyu(x, y, alternative="two-sided", method="auto")
 * as of scipy 1.10: mid-ranks for ties; the exact distribution when
 * min(n1, n2) <= 8 and there are no ties (and n1 n2 < 4e6, past which the
 * normal approximation is used where scipy would still be exact);
 * otherwise the normal
 * approximation z = (max(U1, U2) - n1 n2 / 2 - 0.5) / sigma with the tie
 * correction in sigma; p = 2 * P(U >= max(U1, U2)) clipped to 1.
 * Returns 0, BDB_EINVAL (an empty sample or a non-finite value) or
 * BDB_ENOMEM.
 */
int bdb__stats_mann_whitney(const double *x, size_t n1, const double *y, size_t n2,
			    bdb__mwu_result *out);

/*
 * The smallest two-sided p-value bdb__stats_mann_whitney can give for
 * samples of sizes n1 and n2 made of the values of x and y pooled: the p of
 * the most extreme arrangement (x the n1 smallest pooled values, or the n1
 * largest), with the same regime (exact or normal) and tie correction. The
 * ties, the sizes and so the regime do not depend on the arrangement, and p
 * falls as |U - n1 n2 / 2| grows, so no arrangement gives less. Without
 * ties in the exact regime it is 2 / C(n1 + n2, n1) (0.1 for 3 vs 3).
 * Returns 0, BDB_EINVAL or BDB_ENOMEM like bdb__stats_mann_whitney.
 */
int bdb__stats_mann_whitney_min_p(const double *x, size_t n1, const double *y, size_t n2,
				  double *min_p);

typedef struct bdb__shift_estimate {
	double estimate; /* median of all y[j] - x[i]: how far y lies above x */
	double lower;	 /* confidence interval of the shift */
	double upper;
	double confidence; /* the level asked for */
	double achieved;   /* the level the order statistics actually give */
	size_t k;	   /* the interval is [D(k), D(mn + 1 - k)], 1-based */
	bdb__mwu_method method;
} bdb__shift_estimate;

/*
 * Hodges-Lehmann estimate of the shift of y relative to x (the median of
 * the n1 n2 differences y[j] - x[i]; positive when y is larger) and its
 * distribution-free confidence interval [D(k), D(mn + 1 - k)] from the
 * sorted differences D. k comes from the null distribution of U in the
 * same regime the Mann-Whitney test uses: exact, the largest k >= 1 with
 * P(U <= k - 1) <= (1 - confidence) / 2; normal,
 * k = floor(mn / 2 + 0.5 - z(1 - alpha / 2) sigma_U) (sigma_U tie
 * corrected), clamped to [1, (mn + 1) / 2]. When no k qualifies (tiny
 * samples) k is 1, the interval is the whole range of the differences and
 * `achieved` (1 - 2 P(U <= k - 1)) is below `confidence`: callers should
 * show it. Returns 0, BDB_EINVAL (empty sample, non-finite value,
 * confidence outside (0, 1)), BDB_ETOOBIG (n1 n2 > 2^24 differences) or
 * BDB_ENOMEM.
 */
int bdb__stats_hodges_lehmann(const double *x, size_t n1, const double *y, size_t n2,
			      double confidence, bdb__shift_estimate *out);

typedef struct bdb__t_test_result {
	double t;	/* (mean1 - mean2) / (s_pooled sqrt(1/n1 + 1/n2)), as scipy */
	double df;	/* n1 + n2 - 2 (Welch: Welch-Satterthwaite) */
	double p_value; /* two-sided */
	double mean1, mean2;
	double sd1, sd2; /* sample standard deviations (n - 1) */
} bdb__t_test_result;

/*
 * Student's two-sample t-test with pooled variance (equal variances, as
 * scipy.stats.ttest_ind's default), two-sided; a sample of one value adds
 * no variance but counts in n and df (scipy gives NaN). Both t-tests work
 * on variances in units of a power of two near the larger standard
 * deviation, so values of any magnitude give the t, df and p of the same
 * samples in ordinary units. When df < 1 the p-value is
 * 1 (t NAN); when the pooled variance is 0 it is 1 for equal means, else 0
 * (t is +-inf). Returns 0 or BDB_EINVAL (an empty sample or a non-finite
 * value).
 */
int bdb__stats_t_test(const double *x, size_t n1, const double *y, size_t n2,
		      bdb__t_test_result *out);

/*
 * Welch's two-sample t-test (unequal variances, as scipy.stats.ttest_ind
 * with equal_var=False), two-sided: t = (mean1 - mean2) /
 * sqrt(v1 / n1 + v2 / n2), Welch-Satterthwaite df (not an integer). Either
 * sample with one value gives t NAN and p 1; both variances 0 gives p 1 for
 * equal means, else 0. Returns 0 or BDB_EINVAL (an empty sample or a
 * non-finite value).
 */
int bdb__stats_welch_test(const double *x, size_t n1, const double *y, size_t n2,
			  bdb__t_test_result *out);

/* ------------------------------------------------------------------------ */
/* History models: a candidate against the last N values of its series      */
/* ------------------------------------------------------------------------ */

typedef enum bdb__history_model {
	BDB__MODEL_ZSCORE,    /* Bencher z-score: mean +- z(b) s */
	BDB__MODEL_TTEST,     /* Bencher t-test: mean +- t(b, n-1) s sqrt(1 + 1/n) */
	BDB__MODEL_IQR,	      /* Bencher IQR: median +- k IQR */
	BDB__MODEL_DELTA_IQR, /* Bencher delta-IQR: median +- |median| k dIQR */
	BDB__MODEL_LOOKBACK,  /* Conbench lookback z-score: mean +- k s */
} bdb__history_model;

#define BDB_HISTORY_DEFAULT_WINDOW 30

typedef enum bdb__history_verdict {
	BDB__HISTORY_WITHIN, /* lower <= candidate <= upper */
	BDB__HISTORY_BELOW,  /* candidate < lower */
	BDB__HISTORY_ABOVE,  /* candidate > upper */
} bdb__history_verdict;

typedef struct bdb__history_check {
	bdb__history_model model;
	double boundary; /* b (a cumulative probability) or k (a multiplier) */
	size_t n;	 /* history values used */
	double center;	 /* mean (z-score, t-test, lookback) or median */
	double spread;	 /* s, IQR or delta-IQR, per model */
	double lower;	 /* lower limit */
	double upper;	 /* upper limit */
	double candidate;
	double score;	/* (candidate - center) in units of the model's scale */
	double p_value; /* two-sided, for z-score, t-test, lookback; else NAN */
	bdb__history_verdict verdict;
} bdb__history_check;

/* Whether model is one of the models above. (Their names are the query
 * language's method keywords: the method table, query/methods.c.) */
bool bdb__history_model_valid(bdb__history_model model);

/* The default boundary of a model: 0.99 for the z-score and the t-test,
 * 3 for IQR and delta-IQR, 5 for the lookback z-score. */
double bdb__history_default_boundary(bdb__history_model model);

/*
 * The limits of a model from its parameters (center and spread as in
 * bdb__history_check, n the history size, used by the t-test):
 *   zscore     center -+ z(b) spread                         b in [0.5, 1)
 *   ttest      center -+ t(b, n - 1) spread sqrt(1 + 1/n)    b in [0.5, 1), n >= 2
 *   iqr        center -+ b spread                            b >= 0
 *   delta_iqr  center -+ |center| b spread                   b >= 0
 *   lookback   center -+ b spread                            b >= 0
 * Returns 0 or BDB_EINVAL.
 */
int bdb__history_limits(bdb__history_model model, double boundary, double center, double spread,
			size_t n, double *lower, double *upper);

/*
 * Judges candidate against history[0..n) (oldest first) with a model and
 * boundary (pass bdb__history_default_boundary for the default). Spreads:
 * z-score, t-test and lookback use the sample standard deviation (n - 1);
 * IQR the interquartile range q75 - q25; delta-IQR the IQR of the relative
 * changes |h[i+1] - h[i]| / |h[i]| of consecutive values. A zero spread
 * makes the limits collapse onto the center, so any other value is outside.
 * Returns 0, BDB_EINVAL (n < 2, bad boundary, non-finite input, a zero
 * history value for delta-IQR) or BDB_ENOMEM.
 */
int bdb__history_check_value(const double *history, size_t n, double candidate,
			     bdb__history_model model, double boundary, bdb__history_check *out);

/* ------------------------------------------------------------------------ */
/* Change points                                                             */
/* ------------------------------------------------------------------------ */

#define BDB_CHANGES_DEFAULT_P_VALUE	     0.05  /* E-Divisive */
#define BDB_CHANGES_DEFAULT_PERMUTATIONS     100   /* E-Divisive */
#define BDB_CHANGES_DEFAULT_WINDOW	     50	   /* windowed variant */
#define BDB_CHANGES_DEFAULT_WINDOWED_P_VALUE 0.001 /* windowed (Otava's) */
/* Each side of a split needs two values: the within-sample mean distance
 * divides by C(size, 2). */
#define BDB_CHANGES_MIN_SIDE   2 /* values on each side of a split */
#define BDB_CHANGES_MIN_WINDOW (2 * BDB_CHANGES_MIN_SIDE)

typedef struct bdb__changes_options {
	size_t window;		       /* 0: E-Divisive over the whole series; else the
					* windowed Otava/Hunter variant with this window */
	double max_p_value;	       /* a change point needs p <= this */
	int permutations;	       /* E-Divisive permutation count */
	uint64_t seed;		       /* E-Divisive permutation seed */
	double min_magnitude;	       /* windowed: also drop changes with a relative
					* magnitude <= this (0 keeps all) */
	bool robust;		       /* the robust default of `changes` (window 0):
					* E-Divisive on ranks, a minimum effect,
					* excursions and drifts (query/robust.c) */
	double effect;		       /* robust: a change needs |after - before| >=
					* effect * noise ... */
	double floor_pct;	       /* ... and >= floor_pct % of |before| */
	size_t excursion_runs;	       /* robust: a change that reverts within this
					* many runs is one excursion (0: never) */
	double drift_p;		       /* robust: Mann-Kendall level for a drift
					* (0: no drifts) */
	volatile sig_atomic_t *cancel; /* NULL, or set non-zero (by a signal
					* handler) to stop: BDB_ECANCELLED */
} bdb__changes_options;

/* E-Divisive defaults: window 0, p 0.05, 100 permutations,
 * BDB_STATS_DEFAULT_SEED, magnitude 0. */
void bdb__changes_options_default(bdb__changes_options *opt);

/* Windowed defaults: window 50, p 0.001, magnitude 0. */
void bdb__changes_options_windowed(bdb__changes_options *opt);

#define BDB_CHANGES_ROBUST_P_VALUE    0.01 /* rank E-Divisive, per split */
#define BDB_CHANGES_ROBUST_EFFECT     2.0  /* noise multiples */
#define BDB_CHANGES_ROBUST_FLOOR_PCT  2.0  /* percent of the level before */
#define BDB_CHANGES_ROBUST_EXCURSION  5	   /* runs */
#define BDB_CHANGES_EXCURSION_MIN_RUNS 3   /* shorter ones are outliers (robust.c) */
#define BDB_CHANGES_SHORT_LEVEL_RUNS   5   /* a side this short: its own noise too */
#define BDB_CHANGES_ROBUST_DRIFT_P    0.001
#define BDB_CHANGES_DAYS_PER_MONTH    30.436875 /* a Gregorian month */

/* Robust defaults (the default of `changes`): E-Divisive defaults with
 * robust set, p BDB_CHANGES_ROBUST_P_VALUE and the BDB_CHANGES_ROBUST_*
 * effect, floor, excursion and drift settings. */
void bdb__changes_options_robust(bdb__changes_options *opt);

typedef enum bdb__change_kind {
	BDB__CHANGE_STEP = 0, /* the level moves at index and stays */
	BDB__CHANGE_EXCURSION, /* it moves at index and returns at end */
	BDB__CHANGE_DRIFT      /* a monotone creep from index to end */
} bdb__change_kind;

const char *bdb__change_kind_name(bdb__change_kind kind);

typedef struct bdb__change_point {
	size_t index;	    /* first observation of the new regime, 0-based */
	double mean_before; /* mean from the previous change point to index */
	double mean_after;  /* mean from index to the next change point */
	double change_pct;  /* (after - before) / |before| * 100; NAN if before is 0 */
	double p_value;	    /* permutation p (E-Divisive) or t-test p (windowed);
			     * robust: the permutation p of the split on ranks
			     * (an excursion: NAN, it is a rule), a drift's
			     * two-sided Mann-Kendall p */
	/* Filled by the robust method only (else kind STEP, the rest 0): */
	bdb__change_kind kind;
	size_t end;	    /* excursion: first index back at the old level;
			     * drift: one past its last index */
	double noise;	    /* robust noise estimate of the series */
	double threshold;   /* the smallest |after - before| that counted */
	bool sides_noise;   /* step: threshold is effect x the noise of its own two
			     * sides (a side of at most
			     * BDB_CHANGES_SHORT_LEVEL_RUNS runs) */
	double slope;	    /* drift: Theil-Sen slope per unit of t */
	double slope_lower; /* drift: its interval at 95 % (Sen's) */
	double slope_upper;
} bdb__change_point;

typedef struct bdb__changes {
	bdb__change_point *points; /* ascending by index; owned, free with
				    * bdb__changes_free */
	size_t count;
	bdb__changes_options options; /* what ran, with defaults filled in */
} bdb__changes;

/*
 * Change points of x[0..n) (oldest first).
 *
 * window == 0: E-Divisive means (Matteson and James 2014, alpha = 1):
 * repeatedly take, over every current segment, the split tau with the
 * largest divergence Q (bdb__changes_best_split; kappa is the segment's
 * end, as in Otava/Hunter, which makes each scan O(n log n)) and accept it
 * when a permutation test (values shuffled within every current segment,
 * `permutations` times, one seeded stream) gives
 * p = (1 + #{Q_perm >= Q}) / (R + 1) <= max_p_value; stop at the first
 * rejection (the permutations stop as soon as rejection is certain). Each
 * side of a split has at least 2 values. By construction the chance of a
 * false change point in i.i.d. noise is about max_p_value (5/101 with the
 * defaults).
 *
 * window > 0: the Otava/Hunter variant: E-Divisive candidates found in
 * overlapping windows (start advances by window / 2, or to the last point
 * found) accepted by Student's t-test at a relaxed first-pass level
 * (10 p below 0.05, 2 p below 0.5, else p), then merged over the whole
 * series: the weakest point (largest p; when all pass, smallest relative
 * magnitude <= min_magnitude) is removed and its neighbours re-tested
 * against their new neighbours, until every p < max_p_value. Unlike Otava
 * the t-test p-value is multiplied by the number of places the split could
 * have taken between its neighbours (Bonferroni), because the split is the
 * best of those places; without it flat noise of 2,000 values got a change
 * point in most series. After the merge every point moves to the best
 * split between its neighbours and the merge runs again. docs/detection.md
 * has the measured rates.
 *
 * n < 3 yields no change points. Options are copied into out->options.
 * Returns 0, BDB_EINVAL (bad options, non-finite values), BDB_ENOMEM or
 * BDB_ECANCELLED (*opt->cancel was set: it is read before every
 * permutation and every window); on failure *out is empty.
 */
int bdb__detect_changes(const double *x, size_t n, const bdb__changes_options *opt,
			bdb__changes *out);

/*
 * bdb__detect_changes with the times t[0..n) of the values (ascending, any
 * unit: the executor passes days), which only the robust method's drifts
 * use; t NULL means the index. With opt->robust (window 0):
 *
 *  1. noise = 1.4826 * MAD(x[i+1] - x[i]) / sqrt(2), the standard deviation
 *     of the noise that run-to-run differences imply (a step or an outlier
 *     moves one or two differences, not their median);
 *  2. candidates: E-Divisive (the permutation test above) on the mid-ranks
 *     of x, so that an outlier weighs no more than the largest ordinary value;
 *  3. effect: each candidate's level change (segment medians) must reach
 *     max(effect * noise, floor_pct % of |before|); the weakest failing one
 *     is removed and its neighbours re-measured, until all pass;
 *  4. excursions: two consecutive points at most excursion_runs apart whose
 *     outer levels agree (within the threshold) are one excursion, reported
 *     when it lasts BDB_CHANGES_EXCURSION_MIN_RUNS runs or more (a shorter
 *     one is left out of the rest, as an outlier);
 *  5. drift: Theil-Sen slope and Mann-Kendall test over the pairs within the
 *     segments between steps (excursions left out); when p <= drift_p and the
 *     slope's change over the series reaches the threshold, the series is
 *     detrended and steps 2-4 run again on it; the drift is one point with
 *     kind DRIFT (index 0, end n) if it still holds.
 * Points are ascending by index (a drift first). Every method answers the
 * same for x and x * 2^k (its levels, noise, thresholds and slopes times
 * 2^k): values whose largest magnitude lies beyond 2^256 or below 2^-256
 * are scaled by a power of two first, so that no square over- or
 * underflows (docs/detection.md "Any magnitude").
 */
int bdb__detect_changes_at(const double *x, const double *t, size_t n,
			   const bdb__changes_options *opt, bdb__changes *out);

/* Joint placement (bdb__changes_step_places, bdb__joint_place): a step
 * may move by at most this many runs, to places whose likelihood ratio
 * against its best place is at most BDB_CHANGES_JOINT_TOLERANCE (the 95 %
 * point of chi-square with 1 degree of freedom), and only to a commit at
 * which at least BDB_CHANGES_JOINT_SUPPORT other series of the answer
 * change. docs/detection.md gives the reasons. */
#define BDB_CHANGES_JOINT_RUNS	    3
#define BDB_CHANGES_JOINT_TOLERANCE 7.352276694155739
#define BDB_CHANGES_JOINT_SUPPORT   3
#define BDB_CHANGES_JOINT_PLACES    (2 * BDB_CHANGES_JOINT_RUNS + 1)

/*
 * Where step k of found (a robust answer over x[0..n) and times t, NULL
 * meaning the index) could as well be: ok[BDB_CHANGES_JOINT_RUNS + d] is
 * set for each offset d in [-BDB_CHANGES_JOINT_RUNS, BDB_CHANGES_JOINT_RUNS]
 * whose place index + d is at least BDB_CHANGES_MIN_SIDE runs from the
 * neighbouring change points and whose profile likelihood ratio
 *   2 (l(best) - l(index + d)) = N ln(RSS(index + d) / RSS(best))
 * is at most tolerance: RSS the two-level least squares of the runs
 * between the neighbouring change points (N of them) under AR(1) noise,
 * as the robust method places a step (values clipped to the two levels
 * -+ 3 noise, a drift of found taken out first; the noise variance
 * profiled out), best the smallest RSS over those offsets; a value between
 * the levels more than 3 spreads of the piece (1.4826 times its median
 * distance from its level) from each counts as their middle. A step with
 * a clear place (or one closer to a neighbour than BDB_CHANGES_MIN_SIDE)
 * has only offset 0 set. Returns 0, BDB_EINVAL (k is not a
 * step) or BDB_ENOMEM.
 */
int bdb__changes_step_places(const double *x, const double *t, size_t n,
			     const bdb__changes *found, size_t k, double tolerance, bool *ok);

/* One series' change of an answer over many series, for bdb__joint_place:
 * the commit it is reported at (steps and excursions). */
typedef struct bdb__joint_change {
	const char *commit;
	size_t series;
} bdb__joint_change;

/* One step that could move: its series, its commit, and the commits of
 * the places it could as well be at (bdb__changes_step_places), each with
 * its offset in runs; moved_by and support are the answer. */
typedef struct bdb__joint_step {
	size_t series;
	const char *commit;
	size_t n_places;
	const char *place[BDB_CHANGES_JOINT_PLACES];
	int offset[BDB_CHANGES_JOINT_PLACES];
	int moved_by;	/* runs it moves by (0: it stays) */
	size_t support; /* when it moves: the other series at its new commit */
} bdb__joint_step;

/*
 * Joint placement over the series of one answer: each step of steps moves
 * to the place whose commit the most other series change at (changes,
 * as placed by their own series: one round, so the order of steps does
 * not matter), when that is at least support series and more than change
 * at its own commit; on ties the nearer place, then the earlier. Sets
 * every moved_by (0: stays) and support. Returns 0 or BDB_ENOMEM.
 */
int bdb__joint_place(bdb__joint_step *steps, size_t n_steps, const bdb__joint_change *changes,
		     size_t n_changes, size_t support);

/* The robust method's noise of a series with no change point: the larger of
 * 1.4826 MAD(x[i+1] - x[i]) / sqrt(2) and 1.4826 MAD(x - median(x)), and
 * that median (the level). 0 and the level for n < 3; NAN and NAN for n 0.
 * For `explain`: why nothing was flagged. */
void bdb__changes_noise(const double *x, size_t n, double *noise, double *level);

/*
 * The single E-Divisive split of x[0..n) (alpha = 1): the tau in
 * [2, n - 2] maximizing
 *   Q(tau) = a b / (a + b) * (2/(a b) sum|A_i - B_j|
 *            - sum_{i<k}|A_i - A_k| / C(a, 2) - sum_{j<k}|B_j - B_k| / C(b, 2))
 * with A = x[0..tau), B = x[tau..n), a = tau, b = n - tau (the earliest
 * tau on ties), and that Q. O(n log n). For explanations and tests.
 * Returns 0, BDB_EINVAL (n < 4, a non-finite value) or BDB_ENOMEM.
 */
int bdb__changes_best_split(const double *x, size_t n, size_t *tau, double *q);

/* Frees what bdb__detect_changes allocated and empties c (safe on an empty
 * or zeroed c). */
void bdb__changes_free(bdb__changes *c);

#endif /* BDB_QUERY_STATS_H */
