/*
 * detect.c - regression and change detection over a series' history:
 * the history models (Bencher's z-score, t-test, IQR and delta-IQR;
 * Conbench's lookback z-score) and change points (E-Divisive means with a
 * permutation test; the windowed Otava/Hunter variant). Contracts are in
 * stats.h; docs/detection.md gives the formulas with worked examples.
 */
#include "stats.h"

#include "schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* History models                                                            */
/* ------------------------------------------------------------------------ */

bool bdb__history_model_valid(bdb__history_model model)
{
	return (unsigned)model <= BDB__MODEL_LOOKBACK;
}

double bdb__history_default_boundary(bdb__history_model model)
{
	switch (model) {
	case BDB__MODEL_ZSCORE:
	case BDB__MODEL_TTEST:
		return 0.99;
	case BDB__MODEL_IQR:
	case BDB__MODEL_DELTA_IQR:
		return 3.0;
	case BDB__MODEL_LOOKBACK:
		return 5.0;
	}
	return NAN;
}

/* The boundary is a cumulative probability for the z-score and the t-test
 * and a non-negative multiplier for the others. */
static bool boundary_valid(bdb__history_model model, double boundary)
{
	if (model == BDB__MODEL_ZSCORE || model == BDB__MODEL_TTEST)
		return boundary >= 0.5 && boundary < 1.0;
	return boundary >= 0.0 && isfinite(boundary);
}

/* How far one unit of the boundary's multiplier reaches from the center:
 * limits are center -+ multiplier * scale. */
static double model_scale(bdb__history_model model, double center, double spread, size_t n)
{
	switch (model) {
	case BDB__MODEL_TTEST:
		return spread * sqrt(1.0 + 1.0 / (double)n);
	case BDB__MODEL_DELTA_IQR:
		return fabs(center) * spread;
	default:
		return spread;
	}
}

static double model_multiplier(bdb__history_model model, double boundary, size_t n)
{
	switch (model) {
	case BDB__MODEL_ZSCORE:
		return bdb__normal_quantile(boundary);
	case BDB__MODEL_TTEST:
		return bdb__t_quantile(boundary, (double)n - 1.0);
	default:
		return boundary;
	}
}

int bdb__history_limits(bdb__history_model model, double boundary, double center, double spread,
			size_t n, double *lower, double *upper)
{
	if (!bdb__history_model_valid(model) || !boundary_valid(model, boundary) ||
	    !isfinite(center) || !(spread >= 0.0) || !isfinite(spread))
		return BDB_EINVAL;
	if (model == BDB__MODEL_TTEST && n < 2)
		return BDB_EINVAL;
	double reach = model_multiplier(model, boundary, n) * model_scale(model, center, spread, n);
	/* A zero spread times an infinite multiplier is still no reach. */
	if (isnan(reach))
		reach = 0.0;
	*lower = center - reach;
	*upper = center + reach;
	return 0;
}

/* The spread of the delta-IQR model: the IQR of |h[i+1] - h[i]| / |h[i]|. */
static int relative_change_iqr(const double *history, size_t n, double *out)
{
	size_t m = n - 1;
	double *changes = malloc(m * sizeof *changes);
	if (!changes)
		return BDB_ENOMEM;
	for (size_t i = 0; i < m; i++)
		changes[i] = fabs(history[i + 1] - history[i]) / fabs(history[i]);
	bdb__stats_sort(changes, m);
	*out = bdb__stats_percentile_sorted(changes, m, 75.0) -
	       bdb__stats_percentile_sorted(changes, m, 25.0);
	free(changes);
	return 0;
}

int bdb__history_check_value(const double *history, size_t n, double candidate,
			     bdb__history_model model, double boundary, bdb__history_check *out)
{
	if (n < 2 || !bdb__stats_all_finite(history, n) || !isfinite(candidate) ||
	    !bdb__history_model_valid(model) || !boundary_valid(model, boundary))
		return BDB_EINVAL;
	if (model == BDB__MODEL_DELTA_IQR)
		for (size_t i = 0; i + 1 < n; i++)
			if (history[i] == 0.0)
				return BDB_EINVAL;

	bdb__history_check c = {
	    .model = model,
	    .boundary = boundary,
	    .n = n,
	    .candidate = candidate,
	    .p_value = NAN,
	};
	int err = 0;
	if (model == BDB__MODEL_IQR || model == BDB__MODEL_DELTA_IQR) {
		bdb__summary s;
		err = bdb__stats_summarize(history, n, &s);
		if (err)
			return err;
		c.center = s.median;
		c.spread = s.p75 - s.p25;
		if (model == BDB__MODEL_DELTA_IQR)
			err = relative_change_iqr(history, n, &c.spread);
		if (err)
			return err;
	} else {
		c.center = bdb__stats_mean(history, n);
		c.spread = bdb__stats_stddev(history, n);
	}
	err = bdb__history_limits(model, boundary, c.center, c.spread, n, &c.lower, &c.upper);
	if (err)
		return err;

	double scale = model_scale(model, c.center, c.spread, n);
	double distance = candidate - c.center;
	if (scale > 0.0)
		c.score = distance / scale;
	else
		c.score = distance == 0.0 ? 0.0 : copysign(INFINITY, distance);
	if (model == BDB__MODEL_ZSCORE || model == BDB__MODEL_LOOKBACK)
		c.p_value = 2.0 * bdb__normal_sf(fabs(c.score));
	else if (model == BDB__MODEL_TTEST)
		c.p_value = 2.0 * bdb__t_sf(fabs(c.score), (double)n - 1.0);

	if (candidate < c.lower)
		c.verdict = BDB__HISTORY_BELOW;
	else if (candidate > c.upper)
		c.verdict = BDB__HISTORY_ABOVE;
	else
		c.verdict = BDB__HISTORY_WITHIN;
	*out = c;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The E-Divisive divergence of every split of one segment                   */
/* ------------------------------------------------------------------------ */

/*
 * Work space for best_split, sized for the longest segment. The sums of
 * |x_i - x_j| over growing sets are kept in two Fenwick trees indexed by
 * the rank of each value (count and sum of the values inserted so far), so
 * the within sums of every prefix and suffix take O(n log n) in all.
 */
typedef struct ranked_value {
	double value;
	size_t position;
} ranked_value;

typedef struct split_work {
	size_t capacity;
	double *centered;    /* the segment minus its mean */
	ranked_value *order; /* (value, position) sorted by value */
	ranked_value *merge; /* sort_ranked's scratch */
	size_t *rank;	     /* rank of each position */
	double *tree_count;
	double *tree_sum;
	double *within_prefix; /* W(x[0..t)) for t = 0..n */
	double *within_suffix; /* W(x[t..n)) for t = 0..n */
} split_work;

static void split_work_free(split_work *w)
{
	free(w->centered);
	free(w->order);
	free(w->merge);
	free(w->rank);
	free(w->tree_count);
	free(w->tree_sum);
	free(w->within_prefix);
	free(w->within_suffix);
	memset(w, 0, sizeof *w);
}

static int split_work_init(split_work *w, size_t n)
{
	memset(w, 0, sizeof *w);
	w->capacity = n;
	w->centered = malloc(n * sizeof *w->centered);
	w->order = malloc(n * sizeof *w->order);
	w->merge = malloc(n * sizeof *w->merge);
	w->rank = malloc(n * sizeof *w->rank);
	w->tree_count = malloc((n + 1) * sizeof *w->tree_count);
	w->tree_sum = malloc((n + 1) * sizeof *w->tree_sum);
	w->within_prefix = malloc((n + 1) * sizeof *w->within_prefix);
	w->within_suffix = malloc((n + 1) * sizeof *w->within_suffix);
	if (!w->centered || !w->order || !w->merge || !w->rank || !w->tree_count || !w->tree_sum ||
	    !w->within_prefix || !w->within_suffix) {
		split_work_free(w);
		return BDB_ENOMEM;
	}
	return 0;
}

/* Whether x sorts before y: by value, equal values by position, so the
 * order is fully determined (any correct sort gives the same one). */
static bool ranked_before(const ranked_value *x, const ranked_value *y)
{
	return x->value < y->value || (x->value == y->value && x->position < y->position);
}

/* Sorts a[0..n) with ranked_before, using scratch[0..n): insertion sort of
 * runs of RUN, then merges. Change detection sorts every window of every
 * series (a 10-year report: a few hundred thousand sorts), where qsort's
 * indirect comparisons were the largest cost. */
#define RUN 16
static void sort_ranked(ranked_value *a, ranked_value *scratch, size_t n)
{
	for (size_t from = 0; from < n; from += RUN) {
		size_t to = from + RUN < n ? from + RUN : n;
		for (size_t i = from + 1; i < to; i++) {
			ranked_value v = a[i];
			size_t j = i;
			for (; j > from && ranked_before(&v, &a[j - 1]); j--)
				a[j] = a[j - 1];
			a[j] = v;
		}
	}
	ranked_value *src = a, *dst = scratch;
	for (size_t width = RUN; width < n; width *= 2) {
		for (size_t from = 0; from < n; from += 2 * width) {
			size_t mid = from + width < n ? from + width : n;
			size_t to = from + 2 * width < n ? from + 2 * width : n;
			size_t i = from, j = mid, k = from;
			while (i < mid && j < to)
				dst[k++] = ranked_before(&src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < to)
				dst[k++] = src[j++];
		}
		ranked_value *swap = src;
		src = dst;
		dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof *a);
}
#undef RUN

static void tree_clear(split_work *w, size_t n)
{
	memset(w->tree_count, 0, (n + 1) * sizeof *w->tree_count);
	memset(w->tree_sum, 0, (n + 1) * sizeof *w->tree_sum);
}

static void tree_add(split_work *w, size_t n, size_t rank, double value)
{
	for (size_t i = rank + 1; i <= n; i += i & (~i + 1)) {
		w->tree_count[i] += 1.0;
		w->tree_sum[i] += value;
	}
}

/* Count and sum of the inserted values with rank < rank. */
static void tree_below(const split_work *w, size_t rank, double *count, double *sum)
{
	double c = 0.0, s = 0.0;
	for (size_t i = rank; i > 0; i -= i & (~i + 1)) {
		c += w->tree_count[i];
		s += w->tree_sum[i];
	}
	*count = c;
	*sum = s;
}

/* Sum of |v - y| over the inserted y, v having rank `rank`; `total_count`
 * and `total_sum` describe everything inserted. Equal values add 0 on
 * either side, so how ties are ranked does not matter. */
static double distance_to_inserted(const split_work *w, size_t rank, double v, double total_count,
				   double total_sum)
{
	double count_below, sum_below;
	tree_below(w, rank, &count_below, &sum_below);
	double count_above = total_count - count_below, sum_above = total_sum - sum_below;
	return (v * count_below - sum_below) + (sum_above - v * count_above);
}

typedef struct split {
	size_t tau; /* first index of the right side, relative to the segment */
	double q;   /* the divergence Q there; -INFINITY when no split fits */
} split;

/*
 * The split of x[0..n) maximizing the E-Divisive statistic (alpha = 1)
 *   Q(tau) = a b / (a + b) * (2 / (a b) C - W_A / C(a, 2) - W_B / C(b, 2))
 * with A = x[0..tau), B = x[tau..n), a = |A|, b = |B|, C the sum of
 * |A_i - B_j| and W the sums of |.|-distances within each side. C comes
 * from the total: W(all) = W_A + W_B + C. Ties in Q go to the earliest tau.
 */
static split scan_splits(split_work *w, size_t n);

static split best_split(split_work *w, const double *x, size_t n)
{
	if (n < BDB_CHANGES_MIN_WINDOW)
		return (split){0, -INFINITY};
	/* Centering keeps the running sums near the data's spread, not its
	 * offset (1e9 + noise would otherwise cancel most digits). */
	double mean = bdb__stats_mean(x, n);
	for (size_t i = 0; i < n; i++) {
		w->centered[i] = x[i] - mean;
		w->order[i] = (ranked_value){w->centered[i], i};
	}
	sort_ranked(w->order, w->merge, n);
	return scan_splits(w, n);
}

/*
 * best_split of x[0..n), a permutation of the values of a segment whose
 * positions sorted by (value, position) are base[0..n) (relative), value j
 * of the segment now at position inv[j]. The order by value needs no sort:
 * centering is monotone, so it is base's, and only runs of equal centered
 * values need putting in order of their new positions (ranked_before's
 * order, which a sort would give).
 */
static split best_split_permuted(split_work *w, const double *x, size_t n, const size_t *base,
				 const size_t *inv)
{
	if (n < BDB_CHANGES_MIN_WINDOW)
		return (split){0, -INFINITY};
	double mean = bdb__stats_mean(x, n);
	for (size_t i = 0; i < n; i++)
		w->centered[i] = x[i] - mean;
	for (size_t r = 0; r < n; r++) {
		size_t at = inv[base[r]];
		w->order[r] = (ranked_value){w->centered[at], at};
	}
	for (size_t from = 0, to; from < n; from = to) {
		for (to = from + 1; to < n && w->order[to].value == w->order[from].value; to++)
			;
		if (to - from > 1)
			sort_ranked(w->order + from, w->merge, to - from);
	}
	return scan_splits(w, n);
}

/* The best split from w->centered[0..n) and its order w->order. */
static split scan_splits(split_work *w, size_t n)
{
	split best = {0, -INFINITY};
	for (size_t r = 0; r < n; r++)
		w->rank[w->order[r].position] = r;

	double count = 0.0, sum = 0.0;
	tree_clear(w, n);
	w->within_prefix[0] = 0.0;
	for (size_t t = 0; t < n; t++) {
		double v = w->centered[t];
		w->within_prefix[t + 1] =
		    w->within_prefix[t] + distance_to_inserted(w, w->rank[t], v, count, sum);
		tree_add(w, n, w->rank[t], v);
		count += 1.0;
		sum += v;
	}
	count = sum = 0.0;
	tree_clear(w, n);
	w->within_suffix[n] = 0.0;
	for (size_t t = n; t-- > 0;) {
		double v = w->centered[t];
		w->within_suffix[t] =
		    w->within_suffix[t + 1] + distance_to_inserted(w, w->rank[t], v, count, sum);
		tree_add(w, n, w->rank[t], v);
		count += 1.0;
		sum += v;
	}

	double total = w->within_prefix[n];
	for (size_t tau = BDB_CHANGES_MIN_SIDE; tau + BDB_CHANGES_MIN_SIDE <= n; tau++) {
		double a = (double)tau, b = (double)(n - tau);
		double within_a = w->within_prefix[tau], within_b = w->within_suffix[tau];
		double cross = total - within_a - within_b;
		double q = a * b / (a + b) *
			   (2.0 * cross / (a * b) - 2.0 * within_a / (a * (a - 1.0)) -
			    2.0 * within_b / (b * (b - 1.0)));
		if (q > best.q) {
			best.q = q;
			best.tau = tau;
		}
	}
	return best;
}

/* ------------------------------------------------------------------------ */
/* Segmentations                                                             */
/* ------------------------------------------------------------------------ */

/* Accepted change points, ascending, with the p-value each was accepted
 * at. Segment i runs from bound(i - 1) to bound(i), with 0 and n at the
 * ends. */
typedef struct cut_list {
	size_t *index;
	double *p_value;
	size_t count;
	size_t capacity;
} cut_list;

static void cut_list_free(cut_list *c)
{
	free(c->index);
	free(c->p_value);
	memset(c, 0, sizeof *c);
}

static int cut_list_insert(cut_list *c, size_t index, double p_value)
{
	if (c->count == c->capacity) {
		size_t capacity = c->capacity ? 2 * c->capacity : 8;
		size_t *i = realloc(c->index, capacity * sizeof *i);
		if (!i)
			return BDB_ENOMEM;
		c->index = i;
		double *p = realloc(c->p_value, capacity * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		c->p_value = p;
		c->capacity = capacity;
	}
	size_t at = c->count;
	while (at > 0 && c->index[at - 1] > index)
		at--;
	memmove(c->index + at + 1, c->index + at, (c->count - at) * sizeof *c->index);
	memmove(c->p_value + at + 1, c->p_value + at, (c->count - at) * sizeof *c->p_value);
	c->index[at] = index;
	c->p_value[at] = p_value;
	c->count++;
	return 0;
}

static void cut_list_remove(cut_list *c, size_t at)
{
	memmove(c->index + at, c->index + at + 1, (c->count - at - 1) * sizeof *c->index);
	memmove(c->p_value + at, c->p_value + at + 1, (c->count - at - 1) * sizeof *c->p_value);
	c->count--;
}

/* Bounds of segment i (0..count) of [start, end). */
static size_t segment_start(const cut_list *c, size_t i, size_t start)
{
	return i == 0 ? start : c->index[i - 1];
}

static size_t segment_end(const cut_list *c, size_t i, size_t end)
{
	return i == c->count ? end : c->index[i];
}

typedef struct candidate {
	size_t index; /* absolute index of the proposed change point */
	double q;     /* -INFINITY when no segment can be split */
} candidate;

/* best_candidate over x[0..n), each segment of c permuted as
 * best_split_permuted says (base and inv absolute). */
static candidate best_candidate_permuted(split_work *w, const double *x, size_t n,
					 const cut_list *c, const size_t *base, const size_t *inv)
{
	candidate best = {0, -INFINITY};
	for (size_t i = 0; i <= c->count; i++) {
		size_t from = segment_start(c, i, 0), to = segment_end(c, i, n);
		if (from >= to)
			continue;
		split s = best_split_permuted(w, x + from, to - from, base + from, inv + from);
		if (s.q > best.q) {
			best.q = s.q;
			best.index = from + s.tau;
		}
	}
	return best;
}

/* The best split over every segment of x[start..end) cut by c. */
static candidate best_candidate(split_work *w, const double *x, size_t start, size_t end,
				const cut_list *c)
{
	candidate best = {0, -INFINITY};
	for (size_t i = 0; i <= c->count; i++) {
		size_t from = segment_start(c, i, start), to = segment_end(c, i, end);
		if (from >= to)
			continue;
		split s = best_split(w, x + from, to - from);
		if (s.q > best.q) {
			best.q = s.q;
			best.index = from + s.tau;
		}
	}
	return best;
}

/*
 * Student's t-test p-value between x[from..at) and x[at..to), multiplied
 * by the number of places the split could have taken in [from, to)
 * (Bonferroni). The split was chosen as the best of those places, so the
 * raw p-value overstates the evidence: on flat noise of 2,000 values it
 * let Otava's scheme report a change point in most series.
 */
static double t_test_p(const double *x, size_t from, size_t at, size_t to)
{
	bdb__t_test_result r;
	if (bdb__stats_t_test(x + from, at - from, x + at, to - at, &r) != 0)
		return 1.0;
	double places = (double)(to - from) - 2.0 * BDB_CHANGES_MIN_SIDE + 1.0;
	double p = r.p_value * (places > 1.0 ? places : 1.0);
	return p < 1.0 ? p : 1.0;
}

/* ------------------------------------------------------------------------ */
/* E-Divisive with the permutation test                                      */
/* ------------------------------------------------------------------------ */

/*
 * The permutation p-value of a candidate with divergence q: the values are
 * shuffled within every current segment and the best divergence found
 * again, R times; p = (1 + #{q_perm >= q}) / (R + 1). Stops early, with
 * *rejected set, once p can no longer reach max_p.
 */
/* A permutation test of 10,000 values takes seconds: Ctrl-C is read in it. */
static bool cancelled(const bdb__changes_options *opt)
{
	return opt->cancel && *opt->cancel;
}

static int permutation_p(split_work *w, const double *x, size_t n, const cut_list *c, double q,
			 const bdb__changes_options *opt, bdb__rng *rng, double *p, bool *rejected)
{
	double *shuffled = malloc(n * sizeof *shuffled);
	/* Each segment's positions sorted by value (base), and where each
	 * of its values lands in a permutation (perm, and inv its inverse):
	 * a permutation's order by value comes from base without a sort. */
	size_t *base = malloc(n * sizeof *base), *perm = malloc(n * sizeof *perm),
	       *inv = malloc(n * sizeof *inv);
	if (!shuffled || !base || !perm || !inv) {
		free(shuffled);
		free(base);
		free(perm);
		free(inv);
		return BDB_ENOMEM;
	}
	for (size_t i = 0; i <= c->count; i++) {
		size_t from = segment_start(c, i, 0), to = segment_end(c, i, n);
		for (size_t k = from; k < to; k++)
			w->order[k - from] = (ranked_value){x[k], k - from};
		sort_ranked(w->order, w->merge, to - from);
		for (size_t k = from; k < to; k++)
			base[k] = w->order[k - from].position;
	}
	int permutations = opt->permutations;
	/* The most exceedances that still let p <= max_p. */
	double allowed = floor(opt->max_p_value * (double)(permutations + 1)) - 1.0;
	int exceed = 0;
	*rejected = false;
	for (int r = 0; r < permutations; r++) {
		if (cancelled(opt)) {
			free(shuffled);
			free(base);
			free(perm);
			free(inv);
			return BDB_ECANCELLED;
		}
		for (size_t i = 0; i <= c->count; i++) {
			size_t from = segment_start(c, i, 0), to = segment_end(c, i, n);
			for (size_t k = 0; k < to - from; k++)
				perm[from + k] = k;
			bdb__rng_shuffle_index(rng, perm + from, to - from);
			for (size_t k = 0; k < to - from; k++) {
				shuffled[from + k] = x[from + perm[from + k]];
				inv[from + perm[from + k]] = k;
			}
		}
		candidate drawn = best_candidate_permuted(w, shuffled, n, c, base, inv);
		if (drawn.q >= q)
			exceed++;
		if ((double)exceed > allowed) {
			*rejected = true;
			break;
		}
	}
	free(shuffled);
	free(base);
	free(perm);
	free(inv);
	*p = (1.0 + exceed) / (double)(permutations + 1);
	return 0;
}

static int e_divisive(const double *x, size_t n, const bdb__changes_options *opt, cut_list *cuts)
{
	split_work w;
	int err = split_work_init(&w, n);
	if (err)
		return err;
	bdb__rng rng;
	bdb__rng_seed(&rng, opt->seed);
	for (;;) {
		candidate best = best_candidate(&w, x, 0, n, cuts);
		if (best.q == -INFINITY || !(best.q > 0.0))
			break;
		double p;
		bool rejected;
		err = permutation_p(&w, x, n, cuts, best.q, opt, &rng, &p, &rejected);
		if (err || rejected || p > opt->max_p_value)
			break;
		err = cut_list_insert(cuts, best.index, p);
		if (err)
			break;
	}
	split_work_free(&w);
	return err;
}

/* ------------------------------------------------------------------------ */
/* The windowed Otava/Hunter variant                                         */
/* ------------------------------------------------------------------------ */

/* E-Divisive on x[start..end) with Student's t-test as the acceptance
 * test at level max_p, the points found added to cuts. */
static int e_divisive_t_window(split_work *w, const double *x, size_t start, size_t end,
			       double max_p, cut_list *cuts)
{
	cut_list local = {0};
	int err = 0;
	for (;;) {
		candidate best = best_candidate(w, x, start, end, &local);
		if (best.q == -INFINITY || !(best.q > 0.0))
			break;
		size_t at = 0;
		while (at < local.count && local.index[at] < best.index)
			at++;
		size_t from = at == 0 ? start : local.index[at - 1];
		size_t to = at == local.count ? end : local.index[at];
		double p = t_test_p(x, from, best.index, to);
		if (!(p < max_p))
			break;
		err = cut_list_insert(&local, best.index, p);
		if (err)
			break;
	}
	for (size_t i = 0; !err && i < local.count; i++)
		err = cut_list_insert(cuts, local.index[i], local.p_value[i]);
	cut_list_free(&local);
	return err;
}

/* Otava's first pass accepts candidates at a relaxed level. */
static double first_pass_p(double max_p)
{
	if (max_p < 0.05)
		return max_p * 10.0;
	if (max_p < 0.5)
		return max_p * 2.0;
	return max_p;
}

/* The t-test p of cut `at` between its neighbours, and its relative
 * magnitude |after - before| / |before| (inf for a zero before). */
static void rescore(const double *x, size_t n, cut_list *c, size_t at, double *magnitude)
{
	size_t from = at == 0 ? 0 : c->index[at - 1];
	size_t to = at + 1 == c->count ? n : c->index[at + 1];
	size_t index = c->index[at];
	c->p_value[at] = t_test_p(x, from, index, to);
	if (magnitude) {
		double before = bdb__stats_mean(x + from, index - from);
		double after = bdb__stats_mean(x + index, to - index);
		*magnitude = before != 0.0 ? fabs(after - before) / fabs(before)
					   : (after == before ? 0.0 : INFINITY);
	}
}

/*
 * Otava's merge: while some point is weak (p >= max_p, or a magnitude at
 * or below min_magnitude), drop the weakest (largest p; else smallest
 * magnitude) and re-test its neighbours against their new neighbours.
 */
static void merge_weak(const double *x, size_t n, cut_list *c, double max_p, double min_magnitude)
{
	while (c->count > 0) {
		size_t weakest = 0;
		for (size_t i = 1; i < c->count; i++)
			if (c->p_value[i] > c->p_value[weakest])
				weakest = i;
		if (c->p_value[weakest] < max_p) {
			double smallest = INFINITY;
			for (size_t i = 0; i < c->count; i++) {
				double magnitude;
				rescore(x, n, c, i, &magnitude);
				if (magnitude < smallest) {
					smallest = magnitude;
					weakest = i;
				}
			}
			if (smallest > min_magnitude)
				return;
		}
		cut_list_remove(c, weakest);
		if (weakest < c->count)
			rescore(x, n, c, weakest, NULL);
		if (weakest > 0)
			rescore(x, n, c, weakest - 1, NULL);
	}
}

/*
 * Moves every surviving point to the best split between its neighbours.
 * A point was placed by the data of one window; a step of 3 noise sd found
 * near a window's edge landed up to 2 runs early in the tests, where the
 * whole segment puts it right. (Not in Otava.)
 */
static int relocate(const double *x, size_t n, cut_list *c)
{
	if (c->count == 0)
		return 0;
	split_work w;
	int err = split_work_init(&w, n);
	if (err)
		return err;
	for (size_t i = 0; i < c->count; i++) {
		size_t from = i == 0 ? 0 : c->index[i - 1];
		size_t to = i + 1 == c->count ? n : c->index[i + 1];
		split s = best_split(&w, x + from, to - from);
		if (s.q > -INFINITY)
			c->index[i] = from + s.tau;
		rescore(x, n, c, i, NULL);
	}
	for (size_t i = 0; i < c->count; i++)
		rescore(x, n, c, i, NULL);
	split_work_free(&w);
	return 0;
}

static int windowed(const double *x, size_t n, const bdb__changes_options *opt, cut_list *cuts)
{
	size_t window = opt->window < n ? opt->window : n;
	split_work w;
	int err = split_work_init(&w, window);
	if (err)
		return err;
	double relaxed = first_pass_p(opt->max_p_value);
	size_t step = window / 2 > 0 ? window / 2 : 1;
	for (size_t start = 0; start < n && !err;) {
		if (cancelled(opt)) {
			err = BDB_ECANCELLED;
			break;
		}
		size_t end = start + window < n ? start + window : n;
		size_t before = cuts->count;
		err = e_divisive_t_window(&w, x, start, end, relaxed, cuts);
		size_t last = cuts->count > before ? cuts->index[cuts->count - 1] : 0;
		size_t next = start + step;
		start = last > next ? last : next;
		if (end == n)
			break;
	}
	split_work_free(&w);
	if (err)
		return err;
	/* The first pass's p-values were within windows; score every point
	 * between its neighbours over the whole series before merging. */
	for (size_t i = 0; i < cuts->count; i++)
		rescore(x, n, cuts, i, NULL);
	merge_weak(x, n, cuts, opt->max_p_value, opt->min_magnitude);
	err = relocate(x, n, cuts);
	if (err)
		return err;
	merge_weak(x, n, cuts, opt->max_p_value, opt->min_magnitude);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Public entry points                                                       */
/* ------------------------------------------------------------------------ */

int bdb__changes_best_split(const double *x, size_t n, size_t *tau, double *q)
{
	if (n < BDB_CHANGES_MIN_WINDOW || !bdb__stats_all_finite(x, n))
		return BDB_EINVAL;
	split_work w;
	int err = split_work_init(&w, n);
	if (err)
		return err;
	split s = best_split(&w, x, n);
	split_work_free(&w);
	*tau = s.tau;
	*q = s.q;
	return 0;
}

void bdb__changes_options_default(bdb__changes_options *opt)
{
	*opt = (bdb__changes_options){
	    .window = 0,
	    .max_p_value = BDB_CHANGES_DEFAULT_P_VALUE,
	    .permutations = BDB_CHANGES_DEFAULT_PERMUTATIONS,
	    .seed = BDB_STATS_DEFAULT_SEED,
	    .min_magnitude = 0.0,
	};
}

void bdb__changes_options_windowed(bdb__changes_options *opt)
{
	bdb__changes_options_default(opt);
	opt->window = BDB_CHANGES_DEFAULT_WINDOW;
	opt->max_p_value = BDB_CHANGES_DEFAULT_WINDOWED_P_VALUE;
}

static bool options_valid(const bdb__changes_options *opt)
{
	if (!(opt->max_p_value > 0.0 && opt->max_p_value <= 1.0))
		return false;
	if (!(opt->min_magnitude >= 0.0))
		return false;
	if (opt->window == 0)
		return opt->permutations >= 1;
	return opt->window >= BDB_CHANGES_MIN_WINDOW;
}

int bdb__detect_changes(const double *x, size_t n, const bdb__changes_options *opt,
			bdb__changes *out)
{
	if (opt && opt->robust && opt->window == 0)
		return bdb__detect_changes_at(x, NULL, n, opt, out);
	memset(out, 0, sizeof *out);
	if (!opt || !options_valid(opt) || !bdb__stats_all_finite(x, n))
		return BDB_EINVAL;
	out->options = *opt;
	if (n < 3)
		return 0;

	cut_list cuts = {0};
	int err = opt->window == 0 ? e_divisive(x, n, opt, &cuts) : windowed(x, n, opt, &cuts);
	if (err)
		goto fail;
	if (cuts.count > 0) {
		out->points = calloc(cuts.count, sizeof *out->points);
		if (!out->points) {
			err = BDB_ENOMEM;
			goto fail;
		}
	}
	for (size_t i = 0; i < cuts.count; i++) {
		size_t from = i == 0 ? 0 : cuts.index[i - 1];
		size_t index = cuts.index[i];
		size_t to = i + 1 == cuts.count ? n : cuts.index[i + 1];
		bdb__change_point *cp = &out->points[i];
		cp->index = index;
		cp->mean_before = bdb__stats_mean(x + from, index - from);
		cp->mean_after = bdb__stats_mean(x + index, to - index);
		if (bdb__stats_change_pct(cp->mean_before, cp->mean_after, &cp->change_pct) != 0)
			cp->change_pct = NAN;
		cp->p_value = cuts.p_value[i];
	}
	out->count = cuts.count;
	cut_list_free(&cuts);
	return 0;
fail:
	cut_list_free(&cuts);
	bdb__changes_free(out);
	out->options = (bdb__changes_options){0};
	return err;
}

void bdb__changes_free(bdb__changes *c)
{
	if (!c)
		return;
	free(c->points);
	c->points = NULL;
	c->count = 0;
}
