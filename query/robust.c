/*
 * robust.c - the robust default of `changes`: E-Divisive on ranks, a
 * minimum effect tied to each series' own noise, excursions (a change that
 * reverts within a few runs) and drifts (a monotone creep: Theil-Sen slope,
 * Mann-Kendall test). The contract is bdb__detect_changes_at in stats.h;
 * docs/detection.md gives the reasons for the defaults and the measured
 * rates (make eval).
 */
#include "stats.h"

#include "schema.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pairs the drift fit looks at: the points are thinned to this many. */
#define DRIFT_MAX_POINTS 2000

static const char *const kind_names[] = {
    [BDB__CHANGE_STEP] = "step",
    [BDB__CHANGE_EXCURSION] = "excursion",
    [BDB__CHANGE_DRIFT] = "drift",
};

const char *bdb__change_kind_name(bdb__change_kind kind)
{
	if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0])
		return NULL;
	return kind_names[kind];
}

void bdb__changes_options_robust(bdb__changes_options *opt)
{
	bdb__changes_options_default(opt);
	opt->robust = true;
	opt->max_p_value = BDB_CHANGES_ROBUST_P_VALUE;
	opt->effect = BDB_CHANGES_ROBUST_EFFECT;
	opt->floor_pct = BDB_CHANGES_ROBUST_FLOOR_PCT;
	opt->excursion_runs = BDB_CHANGES_ROBUST_EXCURSION;
	opt->drift_p = BDB_CHANGES_ROBUST_DRIFT_P;
}

/* ------------------------------------------------------------------------ */
/* Building blocks                                                           */
/* ------------------------------------------------------------------------ */

/* Series far from 1 in magnitude are scaled by a power of two before
 * detection (bdb__stats_scale_exponent): the placement's least squares,
 * the windowed variant's t-tests and the noise square values and their
 * differences, which would overflow or underflow (a series of 1e-209 had
 * every place of a step at RSS 0, so the step went to the first place
 * looked at; one of 1e212 read as a step where it crept). Every rule is
 * unchanged by a common factor, so the answer is the one of the values
 * at an ordinary magnitude, its levels, noise, thresholds and slopes
 * scaled back. The values of c scaled back by 2^e: */
static void unscale_point(bdb__change_point *c, int e)
{
	double *v[] = {&c->mean_before, &c->mean_after, &c->noise,	  &c->threshold,
		       &c->slope,	&c->slope_lower, &c->slope_upper};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		*v[i] = ldexp(*v[i], e);
}

typedef struct value_at {
	double value;
	size_t index;
} value_at;

static int by_value(const void *a, const void *b)
{
	const value_at *x = a, *y = b;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The mid-ranks (1-based, ties share their average rank) of x[0..n). */
static int mid_ranks(const double *x, size_t n, double *rank)
{
	value_at *v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		return BDB_ENOMEM;
	for (size_t i = 0; i < n; i++)
		v[i] = (value_at){x[i], i};
	qsort(v, n, sizeof *v, by_value);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && v[j].value == v[i].value)
			j++;
		double r = (double)(i + j + 1) / 2.0;
		for (size_t k = i; k < j; k++)
			rank[v[k].index] = r;
		i = j;
	}
	free(v);
	return 0;
}

/* The median of x[0..n) (n >= 1), selected in scratch. */
static double median_of(const double *x, size_t n, double *scratch)
{
	memcpy(scratch, x, n * sizeof *x);
	return bdb__stats_median_in_place(scratch, n);
}

/* 1.4826 * MAD(d[0..m)) / sqrt(2), d run-to-run differences (reordered):
 * the noise sd they imply; 0 for fewer than 2. */
static double differences_noise(double *d, size_t m)
{
	if (m < 2)
		return 0.0;
	double center = bdb__stats_median_in_place(d, m);
	for (size_t i = 0; i < m; i++)
		d[i] = fabs(d[i] - center);
	return 1.4826 * bdb__stats_median_in_place(d, m) / sqrt(2.0);
}

/* 1.4826 * MAD(x[i+1] - x[i]) / sqrt(2): the noise standard deviation that
 * run-to-run differences imply (normal noise: the differences have sd
 * sigma * sqrt(2), and 1.4826 * MAD estimates an sd). */
static double noise_of(const double *x, size_t n, double *scratch)
{
	if (n < 3)
		return 0.0;
	size_t m = n - 1;
	for (size_t i = 0; i < m; i++)
		scratch[i] = x[i + 1] - x[i];
	return differences_noise(scratch, m);
}

/*
 * E-Divisive's answers on the ranks of pieces of one series, kept for the
 * rest of one detection: the steps are found several times over (again
 * with a larger noise, again after a refined cut, again without a drift),
 * and most of those passes cut the same pieces, whose ranks give the same
 * answer (E-Divisive is a function of its values, its options and its
 * seed). An entry holds the ranks it was asked about and the points'
 * indices and p-values, all rank_cuts reads.
 */
typedef struct memo_entry {
	uint64_t hash;
	size_t len, count;
	double *ranks; /* len values */
	size_t *index; /* count points */
	double *p;
} memo_entry;

#define MEMO_MAX_ENTRIES 1024
#define MEMO_MAX_VALUES	 (1u << 22) /* 32 MiB of ranks at most */

typedef struct ed_memo {
	memo_entry *e;
	size_t count, values;
} ed_memo;

typedef struct robust {
	const bdb__changes_options *opt;
	size_t n;
	double noise;
	double *scratch; /* n values */
	double *rank;	 /* n values */
	ed_memo memo;
} robust;

static void memo_free(ed_memo *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->e[i].ranks);
		free(m->e[i].index);
		free(m->e[i].p);
	}
	free(m->e);
	*m = (ed_memo){0};
}

/* FNV-1a over the values' bytes. */
static uint64_t ranks_hash(const double *r, size_t len)
{
	uint64_t h = 14695981039346656037ull;
	const unsigned char *b = (const unsigned char *)r;
	for (size_t i = 0; i < len * sizeof *r; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

/* E-Divisive (options ed) over ranks[0..len): from the memo when it was
 * asked before in this detection, else computed and kept (while the memo
 * has room). found gets the points' index and p_value. */
static int memo_edivisive(robust *w, const double *ranks, size_t len,
			  const bdb__changes_options *ed, bdb__changes *found)
{
	ed_memo *m = &w->memo;
	uint64_t h = ranks_hash(ranks, len);
	for (size_t i = 0; i < m->count; i++) {
		const memo_entry *e = &m->e[i];
		if (e->hash != h || e->len != len || memcmp(e->ranks, ranks, len * sizeof *ranks))
			continue;
		memset(found, 0, sizeof *found);
		found->options = *ed;
		if (!e->count)
			return 0;
		if (!(found->points = calloc(e->count, sizeof *found->points)))
			return BDB_ENOMEM;
		for (size_t k = 0; k < e->count; k++) {
			found->points[k].index = e->index[k];
			found->points[k].p_value = e->p[k];
		}
		found->count = e->count;
		return 0;
	}
	int err = bdb__detect_changes(ranks, len, ed, found);
	if (err || m->count == MEMO_MAX_ENTRIES || m->values + len > MEMO_MAX_VALUES)
		return err;
	if (m->count % 64 == 0) {
		memo_entry *grown = realloc(m->e, (m->count + 64) * sizeof *grown);
		if (!grown)
			return 0; /* no room: the answer stands, unkept */
		m->e = grown;
	}
	memo_entry e = {h,
			len,
			found->count,
			malloc(len * sizeof *ranks),
			malloc((found->count ? found->count : 1) * sizeof *e.index),
			malloc((found->count ? found->count : 1) * sizeof *e.p)};
	if (!e.ranks || !e.index || !e.p) {
		free(e.ranks);
		free(e.index);
		free(e.p);
		return 0;
	}
	memcpy(e.ranks, ranks, len * sizeof *ranks);
	for (size_t k = 0; k < found->count; k++) {
		e.index[k] = found->points[k].index;
		e.p[k] = found->points[k].p_value;
	}
	m->e[m->count++] = e;
	m->values += len;
	return 0;
}

static double threshold_for(const robust *w, double before)
{
	double by_noise = w->opt->effect * w->noise;
	double by_floor = w->opt->floor_pct / 100.0 * fabs(before);
	return by_noise > by_floor ? by_noise : by_floor;
}

/*
 * The threshold of a step at run `at` of x between the steps (or ends) at
 * from and to: threshold_for, and, when either side holds at most
 * BDB_CHANGES_SHORT_LEVEL_RUNS runs (the default longest excursion), at
 * least `effect` times the noise that the run-to-run differences within
 * the two sides imply. The series' noise is one estimate for all its runs;
 * where the noise grows with the level (kedro's x5 level spreads 3 times
 * the noise of the runs before it), a few runs at the top or the bottom of
 * the new level's spread pass a threshold set by the quieter runs. A long
 * side shows its level by its own number of runs and keeps the series'
 * threshold: measuring every step against its sides' noise lost clear
 * steps after noisy years (docs/detection.md).
 */
static double step_threshold(const robust *w, const double *x, size_t from, size_t at, size_t to,
			     double before, bool *by_sides)
{
	double thr = threshold_for(w, before);
	size_t a = at - from, b = to - at;
	*by_sides = false;
	if ((a < b ? a : b) > BDB_CHANGES_SHORT_LEVEL_RUNS)
		return thr;
	size_t m = 0;
	for (size_t i = from; i + 1 < to; i++)
		if (i + 1 != at)
			w->scratch[m++] = x[i + 1] - x[i];
	double sides = w->opt->effect * differences_noise(w->scratch, m);
	*by_sides = sides > thr;
	return *by_sides ? sides : thr;
}

/* The smallest change over the window a drift needs: the floor, or half
 * the effect multiple of the noise. Mann-Kendall's test already weighs the
 * creep against the noise of every run; this only keeps out drifts too
 * small to matter. */
static double drift_threshold(const robust *w, double level)
{
	double by_noise = w->opt->effect / 2.0 * w->noise;
	double by_floor = w->opt->floor_pct / 100.0 * fabs(level);
	return by_noise > by_floor ? by_noise : by_floor;
}

typedef struct mark {
	size_t index, end;
	bdb__change_kind kind;
	double p_value, before, after, threshold;
	bool sides_noise; /* threshold from the noise of its own sides */
} mark;

typedef struct mark_list {
	mark *m;
	size_t count;
	double noise; /* the noise estimate the marks were found with */
} mark_list;

/*
 * Whether mark m is reported. A block of 2 runs beyond every one of the 40
 * around it is taken out like an excursion (its runs are no level) but,
 * like a single run, not reported: under any independent noise two given
 * neighbours are the 2 highest (lowest) of 42 with chance 2 / (42 * 41),
 * about 2.3 per 1,000 runs counting both ways, while 3 are 0.16 per 1,000
 * (6 / (43 * 42 * 41), both ways). The thresholds keep light tails below
 * that; heavy-tailed and bimodal noise pass them (make eval: 2-run blocks
 * were most of the false points under t3 and bimodal noise).
 */
static bool reported(const mark *m)
{
	return m->kind != BDB__CHANGE_EXCURSION ||
	       m->end - m->index >= BDB_CHANGES_EXCURSION_MIN_RUNS;
}

/* The marks of l that are reported. */
static size_t reported_count(const mark_list *l)
{
	size_t count = 0;
	for (size_t i = 0; i < l->count; i++)
		count += reported(&l->m[i]);
	return count;
}

/* ------------------------------------------------------------------------ */
/* Steps and excursions                                                      */
/* ------------------------------------------------------------------------ */

/* The segment medians around cut i of idx[0..m) over x[0..n) and, when
 * threshold is not NULL, the threshold the cut must reach and whether it
 * comes from the noise of its own sides (by_sides, may be NULL). */
static void levels_around(const robust *w, const double *x, const size_t *idx, size_t m, size_t i,
			  double *before, double *after, double *threshold, bool *by_sides)
{
	size_t from = i == 0 ? 0 : idx[i - 1];
	size_t to = i + 1 == m ? w->n : idx[i + 1];
	bool sides = false;
	*before = median_of(x + from, idx[i] - from, w->scratch);
	*after = median_of(x + idx[i], to - idx[i], w->scratch);
	if (threshold)
		*threshold = step_threshold(w, x, from, idx[i], to, *before, &sides);
	if (by_sides)
		*by_sides = sides;
}

/*
 * The probability of superiority of the runs y[i..to) over y[from..i) of
 * y[0..n): P(b > a) + P(b = a) / 2 for a run a before and b after, from
 * the mid-ranks of the two pooled (the Mann-Whitney U over a b). The first
 * and the last run of the series are left out of a side of 3 or more: no
 * run after (before) them says whether they are a level or an outlier.
 */
static double superiority(const robust *w, const double *y, size_t n, size_t from, size_t i,
			  size_t to)
{
	size_t a = i - from, b = to - i;
	if (from == 0 && a >= 3) {
		from++;
		a--;
	}
	if (to == n && b >= 3) {
		to--;
		b--;
	}
	if (mid_ranks(y + from, to - from, w->rank) != 0)
		return 0.5; /* out of memory: no rank says anything */
	double rb = 0;
	for (size_t k = a; k < a + b; k++)
		rb += w->rank[k];
	return (rb - (double)b * ((double)b + 1) / 2.0) / ((double)a * (double)b);
}

/* The share of cut i of idx[0..m) (between its neighbours) by which the
 * runs after it beat those before it, folded to [0.5, 1]. */
static double separation(const robust *w, const double *x, const size_t *idx, size_t m, size_t i)
{
	size_t from = i == 0 ? 0 : idx[i - 1];
	size_t to = i + 1 == m ? w->n : idx[i + 1];
	double ps = superiority(w, x, w->n, from, idx[i], to);
	return ps > 0.5 ? ps : 1.0 - ps;
}

/*
 * Removes, one at a time, the cut whose level change falls furthest short
 * of its threshold, until every remaining cut reaches it; then, the same
 * way, the cut whose two sides overlap most, until the runs after every
 * cut beat those before it (or the reverse) with the probability
 * Phi(effect / sqrt 2) that a shift of effect noise sd gives under normal
 * noise (0.921 for effect 2). The first rule measures the shift against
 * the series' noise; the second against the spread of the very runs it
 * separates, which the first underestimates when the series moves between
 * levels of its own (multimodal or regime-switching noise): there a shift
 * that is large against the run-to-run noise still lies within the spread
 * of the levels either side.
 */
static size_t prune(const robust *w, const double *x, size_t *idx, double *p, size_t m)
{
	double need = bdb__normal_cdf(w->opt->effect / sqrt(2.0));
	for (int rule = 0; rule < 2; rule++)
		while (m > 0) {
			size_t weakest = m;
			double worst = rule == 0 ? 1.0 : need;
			for (size_t i = 0; i < m; i++) {
				double score;
				if (rule == 0) {
					double before, after, thr;
					levels_around(w, x, idx, m, i, &before, &after, &thr, NULL);
					double effect = fabs(after - before);
					score = thr > 0 ? effect / thr : (effect > 0 ? INFINITY : 0.0);
				} else {
					score = separation(w, x, idx, m, i);
				}
				if (score < worst) {
					worst = score;
					weakest = i;
				}
			}
			if (weakest == m)
				break;
			memmove(idx + weakest, idx + weakest + 1, (m - weakest - 1) * sizeof *idx);
			memmove(p + weakest, p + weakest + 1, (m - weakest - 1) * sizeof *p);
			m--;
		}
	return m;
}

/* Runs each side of a block that give the level an excursion leaves and
 * returns to. */
#define EXCURSION_CONTEXT     20
#define EXCURSION_MIN_CONTEXT 5

/*
 * Excursions of x[0..n): blocks x[i..i+w) of 2 to excursion_runs runs that
 * all lie beyond the levels on both sides (medians of up to
 * EXCURSION_CONTEXT runs before i and from i + w, at least
 * EXCURSION_MIN_CONTEXT each) by at
 * least the threshold, the same way, and beyond every one of those runs,
 * with a block median at least 1.5 thresholds away, while the two
 * outer levels agree within the threshold or a quarter of the excursion.
 * The widest block wins; the scan goes on after it. A single run beyond
 * the rest is an outlier, never reported.
 */
static int find_excursions(robust *w, const double *x, mark_list *out)
{
	size_t n = w->n, W = w->opt->excursion_runs;
	for (size_t i = EXCURSION_MIN_CONTEXT; W >= 2 && i + 2 + EXCURSION_MIN_CONTEXT <= n;) {
		size_t found = 0;
		double before = 0, after = 0, level = 0;
		for (size_t width = W; width >= 2 && !found; width--) {
			if (i + width + EXCURSION_MIN_CONTEXT > n)
				continue;
			size_t b0 = i > EXCURSION_CONTEXT ? i - EXCURSION_CONTEXT : 0;
			size_t a1 = i + width + EXCURSION_CONTEXT < n ? i + width + EXCURSION_CONTEXT
								     : n;
			before = median_of(x + b0, i - b0, w->scratch);
			after = median_of(x + i + width, a1 - i - width, w->scratch);
			double thr = threshold_for(w, before);
			if (!(thr > 0))
				continue;
			double outer_hi = before > after ? before : after;
			double outer_lo = before > after ? after : before;
			/* Beyond every run around it too: bimodal noise visits its
			 * second mode for a run or two, and those stay noise. */
			double ctx_hi = bdb__stats_max(x + b0, i - b0);
			double ctx_lo = bdb__stats_min(x + b0, i - b0);
			double a_hi = bdb__stats_max(x + i + width, a1 - i - width);
			double a_lo = bdb__stats_min(x + i + width, a1 - i - width);
			ctx_hi = a_hi > ctx_hi ? a_hi : ctx_hi;
			ctx_lo = a_lo < ctx_lo ? a_lo : ctx_lo;
			bool up = x[i] > outer_hi;
			bool all = true;
			for (size_t j = i; j < i + width && all; j++)
				all = up ? x[j] - outer_hi >= thr && x[j] > ctx_hi
					 : outer_lo - x[j] >= thr && x[j] < ctx_lo;
			if (!all)
				continue;
			level = median_of(x + i, width, w->scratch);
			/* It returns: the levels either side differ by less than
			 * the threshold or a quarter of the excursion. */
			double back = fabs(after - before);
			if ((up ? level - outer_hi : outer_lo - level) >= 1.5 * thr &&
			    (back < thr || back < 0.25 * fabs(level - before)))
				found = width;
		}
		if (!found) {
			i++;
			continue;
		}
		/* Runs beyond the threshold the same way go on either side of
		 * the block (they only fail to lie beyond every run around):
		 * when they make it longer than excursion_runs, or leave too
		 * few runs before or after it, it is part of a level the step
		 * search is left to find (apart_block, rank_cuts), and no excursion is
		 * taken from it. Before, 2 to 5 runs of a 6-run level went as
		 * an excursion, a run or two off, or for 2 runs as none, and
		 * what was left was too short to be found. */
		double thr = threshold_for(w, before);
		double outer_hi = before > after ? before : after;
		double outer_lo = before > after ? after : before;
		bool up = level > outer_hi;
		size_t s0 = i, s1 = i + found;
		while (s0 > 0 && (up ? x[s0 - 1] - outer_hi >= thr : outer_lo - x[s0 - 1] >= thr))
			s0--;
		while (s1 < n && (up ? x[s1] - outer_hi >= thr : outer_lo - x[s1] >= thr))
			s1++;
		if (s1 - s0 > W || s0 < EXCURSION_MIN_CONTEXT || s1 + EXCURSION_MIN_CONTEXT > n) {
			i = s1;
			continue;
		}
		out->m[out->count++] =
		    (mark){i, i + found, BDB__CHANGE_EXCURSION, NAN, before, level, thr, false};
		i += found;
	}
	return 0;
}

static int by_index(const void *a, const void *b)
{
	const mark *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

/* Runs a step may move by when its place is refined. */
#define REFINE_RUNS 6
/* Rounds of splitting the pieces that refined cuts leave. */
#define REFINE_ROUNDS 2

/* The lag-1 autocorrelation, at most 0.9 and 0 when negative, of c[from..to)
 * around its medians before and after cut (pairs across the cut left out). */
static double lag1_around(const double *c, size_t from, size_t cut, size_t to, double before,
			  double after)
{
	double num = 0, den = 0;
	for (size_t j = from; j < to; j++) {
		double r = c[j] - (j < cut ? before : after);
		den += r * r;
		if (j + 1 < to && j + 1 != cut)
			num += r * (c[j + 1] - (j + 1 < cut ? before : after));
	}
	double rho = den > 0 ? num / den : 0.0;
	return rho > 0.9 ? 0.9 : rho > 0 ? rho : 0.0;
}

/*
 * The residual sum of squares of c[from..to) as one level before tau and
 * another from tau under AR(1) noise with coefficient phi, by least squares
 * on the prewhitened values c[j] - phi c[j - 1] (j > from): the
 * regressors of the two levels are then u[j] = [j < tau] - phi [j - 1 < tau]
 * and v[j] = [j >= tau] - phi [j - 1 >= tau]. With phi = 0 this is the
 * within sum of squares of the two means, whose minimum is the maximum of
 * the mean-shift statistic a b / (a + b) (mean(A) - mean(B))^2.
 */
static double ar1_rss(const double *c, size_t from, size_t to, size_t tau, double phi)
{
	/* The first value enters with the weight sqrt(1 - phi^2) (Prais and
	 * Winsten), so that all of them count, as in the mean shift. */
	double w0 = sqrt(1 - phi * phi), y0 = w0 * c[from];
	double u0 = tau > from ? w0 : 0.0, v0 = tau > from ? 0.0 : w0;
	double suu = u0 * u0, svv = v0 * v0, suv = 0, suy = u0 * y0, svy = v0 * y0, syy = y0 * y0;
	for (size_t j = from + 1; j < to; j++) {
		double y = c[j] - phi * c[j - 1];
		double u = (j < tau) - phi * (j - 1 < tau);
		double v = (j >= tau) - phi * (j - 1 >= tau);
		suu += u * u;
		svv += v * v;
		suv += u * v;
		suy += u * y;
		svy += v * y;
		syy += y * y;
	}
	double det = suu * svv - suv * suv;
	if (!(det > 0))
		return INFINITY;
	return syy - (svv * suy * suy - 2 * suv * suy * svy + suu * svy * svy) / det;
}

/*
 * Moves each cut of idx[0..m) to the place within REFINE_RUNS runs (and
 * 2 runs from its neighbours) where a step explains the values between its
 * neighbours best: least squares of two levels under AR(1) noise
 * (ar1_rss), with the lag-1 autocorrelation phi of the values around the
 * two levels, each value clipped to the two segments' medians -+ 3 noise
 * so that one outlier cannot pull it. With independent noise (phi = 0) it
 * is the place of the largest mean shift. The ranks place a step only up
 * to the order of values; under autocorrelated noise that is often two
 * runs off, and a step in AR(1) noise is sharpest in the prewhitened
 * values: the full jump at its run, (1 - phi) of it after.
 */
static int refine(const robust *w, const double *y, size_t *idx, size_t m)
{
	double *c = malloc((w->n ? w->n : 1) * sizeof *c);
	if (!c)
		return BDB_ENOMEM;
	for (size_t i = 0; i < m; i++) {
		size_t from = i == 0 ? 0 : idx[i - 1];
		size_t to = i + 1 == m ? w->n : idx[i + 1];
		double before, after;
		levels_around(w, y, idx, m, i, &before, &after, NULL, NULL);
		double lo = (before < after ? before : after) - 3 * w->noise;
		double hi = (before > after ? before : after) + 3 * w->noise;
		/* Centred on the middle of the two levels, so that the sums of
		 * squares keep the noise's digits on a large level. */
		double mid = (before + after) / 2;
		for (size_t j = from; j < to; j++)
			c[j] = (y[j] < lo ? lo : y[j] > hi ? hi : y[j]) - mid;
		double phi = lag1_around(c, from, idx[i], to, before - mid, after - mid);
		size_t first = idx[i] > from + REFINE_RUNS ? idx[i] - REFINE_RUNS : from;
		size_t last = idx[i] + REFINE_RUNS < to ? idx[i] + REFINE_RUNS : to;
		if (first < from + BDB_CHANGES_MIN_SIDE)
			first = from + BDB_CHANGES_MIN_SIDE;
		if (last + BDB_CHANGES_MIN_SIDE > to)
			last = to - BDB_CHANGES_MIN_SIDE;
		double best = INFINITY;
		size_t at = idx[i];
		for (size_t tau = first; tau <= last; tau++) {
			double rss = ar1_rss(c, from, to, tau, phi);
			if (rss < best) {
				best = rss;
				at = tau;
			}
		}
		idx[i] = at;
	}
	free(c);
	return 0;
}

/* The values of step k's piece of found (between its neighbouring change
 * points; an excursion ends a piece at its start and begins one at its
 * end): [*from, *to). */
static void piece_of(const bdb__changes *found, size_t k, size_t n, size_t *from, size_t *to)
{
	*from = 0;
	*to = n;
	for (size_t j = k; j-- > 0;) {
		const bdb__change_point *p = &found->points[j];
		if (p->kind != BDB__CHANGE_DRIFT) {
			*from = p->kind == BDB__CHANGE_EXCURSION ? p->end : p->index;
			break;
		}
	}
	for (size_t j = k + 1; j < found->count; j++)
		if (found->points[j].kind != BDB__CHANGE_DRIFT) {
			*to = found->points[j].index;
			break;
		}
}

/* 1.4826 times the median distance of c[0..m) from its level, before up to
 * cut and after from it: the noise of one piece as a normal's sd (d and
 * scratch hold m values). */
static double piece_spread(const double *c, size_t cut, size_t m, double before, double after,
			   double *d, double *scratch)
{
	for (size_t j = 0; j < m; j++)
		d[j] = fabs(c[j] - (j < cut ? before : after));
	return 1.4826 * median_of(d, m, scratch);
}

int bdb__changes_step_places(const double *x, const double *t, size_t n,
			     const bdb__changes *found, size_t k, double tolerance, bool *ok)
{
	enum { R = BDB_CHANGES_JOINT_RUNS };
	for (size_t d = 0; d < BDB_CHANGES_JOINT_PLACES; d++)
		ok[d] = false;
	if (k >= found->count || found->points[k].kind != BDB__CHANGE_STEP)
		return BDB_EINVAL;
	const bdb__change_point *cp = &found->points[k];
	size_t from, to, at = cp->index;
	piece_of(found, k, n, &from, &to);
	/* A step closer to a neighbour than the sides allow (an excursion's
	 * runs are not the step's) stays where it is. */
	if (at < from + BDB_CHANGES_MIN_SIDE || at + BDB_CHANGES_MIN_SIDE > to || to > n) {
		ok[R] = true;
		return 0;
	}
	double *c = malloc((to - from) * sizeof *c);
	double *scratch = malloc((to - from) * sizeof *scratch);
	double *dist = malloc((to - from) * sizeof *dist);
	if (!c || !scratch || !dist) {
		free(c);
		free(scratch);
		free(dist);
		return BDB_ENOMEM;
	}
	/* The piece with a drift of found taken out, as the method measured
	 * its steps. */
	const bdb__change_point *drift = NULL;
	for (size_t j = 0; j < found->count; j++)
		if (found->points[j].kind == BDB__CHANGE_DRIFT)
			drift = &found->points[j];
	for (size_t j = from; j < to; j++) {
		double v = x[j];
		if (drift && j >= drift->index && j < drift->end)
			v -= drift->slope * ((t ? t[j] : (double)j) -
					     (t ? t[drift->index] : (double)drift->index));
		c[j - from] = v;
	}
	/* At an ordinary magnitude, as the method placed it. */
	int e = bdb__stats_scale_exponent(c, to - from);
	for (size_t j = 0; e && j < to - from; j++)
		c[j] = ldexp(c[j], -e);
	double before = median_of(c, at - from, scratch);
	double after = median_of(c + (at - from), to - at, scratch);
	double noise = cp->noise > 0 ? ldexp(cp->noise, -e) : 0.0;
	double lo = (before < after ? before : after) - 3 * noise;
	double hi = (before > after ? before : after) + 3 * noise;
	double mid = (before + after) / 2;
	/* A run whose side the places below disagree on (within R runs of
	 * the step) with a value partway between the two levels fits neither:
	 * in the middle half of the step and more than 3 spreads of the piece
	 * (the scale the likelihood ratio below measures with) from each. It
	 * counts as their middle, so that it cannot say on which side of it
	 * the step is, as the values beyond the levels are clipped so that
	 * they cannot pull it. */
	size_t m = to - from, cut = at - from;
	double spread = piece_spread(c, cut, m, before, after, dist, scratch);
	double sd = spread > 0 ? spread : noise;
	double low = before < after ? before : after, high = before > after ? before : after;
	double margin = fmax(3 * sd, (high - low) / 4);
	double in_lo = low + margin, in_hi = high - margin;
	for (size_t j = 0; j < m; j++) {
		double v = c[j] < lo ? lo : c[j] > hi ? hi : c[j];
		bool disputed = j + R >= cut && j < cut + R;
		c[j] = (disputed && v > in_lo && v < in_hi ? mid : v) - mid;
	}
	double phi = lag1_around(c, 0, cut, m, before - mid, after - mid);
	double rss[BDB_CHANGES_JOINT_PLACES], best = INFINITY;
	for (int d = -R; d <= R; d++) {
		rss[d + R] = NAN;
		long tau = (long)cut + d;
		if (tau < BDB_CHANGES_MIN_SIDE || (size_t)tau + BDB_CHANGES_MIN_SIDE > m)
			continue;
		rss[d + R] = ar1_rss(c, 0, m, (size_t)tau, phi);
		if (rss[d + R] < best)
			best = rss[d + R];
	}
	/* 2 (l(best) - l(tau)) with the noise variance profiled out. Exact
	 * levels (RSS 0) have one place only. */
	for (size_t d = 0; d < BDB_CHANGES_JOINT_PLACES; d++) {
		if (isnan(rss[d]) || !isfinite(best))
			continue;
		if (best > 0)
			ok[d] = (double)m * log(rss[d] / best) <= tolerance;
		else
			ok[d] = rss[d] <= 0;
	}
	free(c);
	free(scratch);
	free(dist);
	return 0;
}

/* n choose k as a double (exact while it stays below 2^53). */
static double choose(size_t n, size_t k)
{
	double c = 1;
	for (size_t i = 1; i <= k; i++)
		c = c * (double)(n - k + i) / (double)i;
	return c;
}

/* Whether y[lo..lo + tau) and y[lo + tau..hi) are apart: every value of
 * one side below every value of the other. */
static bool apart(const double *y, size_t lo, size_t tau, size_t hi)
{
	double lmax = bdb__stats_max(y + lo, tau), lmin = bdb__stats_min(y + lo, tau);
	double rmax = bdb__stats_max(y + lo + tau, hi - lo - tau);
	double rmin = bdb__stats_min(y + lo + tau, hi - lo - tau);
	return lmax < rmin || lmin > rmax;
}

/*
 * The split of y[lo..hi) when the permutation test on ranks did not show
 * one: ranks forget how far apart the values are, and in a short segment
 * even a perfect split of 3 against 5 values happens by chance
 * 2 / C(8, 3) = 3.6 % of the time, above a p of 0.01. Such a segment is
 * split where E-Divisive on its ranks puts the best split when each side
 * has at least 3 values and every value of one side lies below every value
 * of the other; the reported p is that chance, 2 / C(len, a). E-Divisive's
 * statistic favours splits near the middle: 3 high runs at the end of 21
 * drew its best split to 16, two ordinary runs before the new level. So
 * when its split is not perfect, the series' newest (and oldest) runs get
 * a look of their own: a perfect split that leaves 3 to PERFECT_END_RUNS
 * values at the end (start) of the series, the most unlikely one, is
 * taken when the chance that any of the splits looked at is perfect (the
 * sum of their chances, the p reported) is at most `pvalue`. The minimum
 * effect decides afterwards. Returns the split, or 0.
 */
#define PERFECT_END_RUNS 5

static size_t perfect_split(const robust *w, const double *y, size_t lo, size_t hi, double *p)
{
	size_t len = hi - lo;
	if (len < 6)
		return 0;
	size_t tau;
	double q;
	if (bdb__changes_best_split(w->rank + lo, len, &tau, &q) == 0 && tau >= 3 &&
	    len - tau >= 3 && apart(y, lo, tau, hi)) {
		*p = 2.0 / choose(len, tau);
		return lo + tau;
	}
	size_t best = 0;
	double any = 0;
	for (size_t a = 3; a + 3 <= len; a++) {
		bool at_start = lo == 0 && a <= PERFECT_END_RUNS;
		bool at_end = hi == w->n && len - a <= PERFECT_END_RUNS; /* w->n: y's length */
		if (!at_start && !at_end)
			continue;
		double chance = 2.0 / choose(len, a);
		any += chance;
		if (apart(y, lo, a, hi) && (!best || chance < 2.0 / choose(len, best)))
			best = a;
	}
	if (!best || any > w->opt->max_p_value)
		return 0;
	*p = any;
	return lo + best;
}

/* The longest block block_split tests: a longer level that comes back is
 * a split of its own to E-Divisive. */
#define BLOCK_MAX_RUNS 64

/*
 * The block c[a..b) (centred mid-ranks of a piece of n runs) whose rank sum
 * is the most unlike the rest's: the largest S^2 / (L (n - L)), S the sum
 * of its L values, over blocks of min_len to BLOCK_MAX_RUNS runs with at
 * least 3 runs either side (the Wilcoxon rank-sum z of the block against
 * the rest, squared, up to the common factor (n - 1) / var). prefix: n + 1
 * values.
 */
static double best_block(const double *c, size_t n, size_t min_len, double *prefix, size_t *ba,
			 size_t *bb)
{
	prefix[0] = 0;
	for (size_t i = 0; i < n; i++)
		prefix[i + 1] = prefix[i] + c[i];
	double best = 0;
	for (size_t a = 3; a + min_len + 3 <= n; a++)
		for (size_t len = min_len; len <= BLOCK_MAX_RUNS && a + len + 3 <= n; len++) {
			double sum = prefix[a + len] - prefix[a];
			double z = sum * sum / ((double)len * (double)(n - len));
			if (z > best) {
				best = z;
				*ba = a;
				*bb = a + len;
			}
		}
	return best;
}

/*
 * The lag-1 autocorrelation of the centred mid-ranks c[0..n) of a piece
 * around the mean of the block c[a..b) and the mean of the rest, so that
 * the block's own level does not count; at most 0.95.
 */
static double block_lag1(const double *c, size_t n, size_t a, size_t b)
{
	double sum = 0;
	for (size_t i = a; i < b; i++)
		sum += c[i];
	double in = sum / (double)(b - a), out = -sum / (double)(n - (b - a));
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++) {
		double ri = c[i] - (i >= a && i < b ? in : out);
		den += ri * ri;
		if (i + 1 < n)
			num += ri * (c[i + 1] - (i + 1 >= a && i + 1 < b ? in : out));
	}
	double phi = den > 0 ? num / den : 0;
	return phi > 0.95 ? 0.95 : phi;
}

/*
 * A level that holds for a while and comes back (an epidemic change): in
 * y[lo..hi), a piece with no significant single split, the block of more
 * than excursion_runs runs (and at most BLOCK_MAX_RUNS) whose ranks differ
 * most from the rest's, when a permutation test (the piece's ranks
 * shuffled `permutations` times, the largest block statistic of each,
 * seeded by the options and the piece) gives p <= pvalue. E-Divisive's
 * single split misses such a block in the middle of a long piece: its
 * best split cuts the block's level against both sides at once. Sets
 * *at to the block's first run (and *end, *p), or 0; returns 0 or
 * BDB_ENOMEM.
 */
static int block_split(const robust *w, size_t lo, size_t hi, size_t *at, size_t *end, double *p)
{
	size_t n = hi - lo, min_len = w->opt->excursion_runs + 1;
	*at = 0;
	if (min_len < 3)
		min_len = 3;
	if (n < min_len + 6)
		return 0;
	double *c = malloc(2 * n * sizeof *c), *prefix = malloc((n + 1) * sizeof *prefix);
	size_t a = 0, b = 0;
	int err = 0;
	if (!c || !prefix) {
		err = BDB_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		c[i] = w->rank[lo + i] - (double)(n + 1) / 2.0;
	double seen = best_block(c, n, min_len, prefix, &a, &b);
	if (!(seen > 0))
		goto done;
	/* Autocorrelated noise makes blocks of like values by itself, which
	 * shuffled ranks never do: the statistic is divided by Yue and Wang's
	 * (1 + phi) / (1 - phi) (block_lag1). */
	double phi = block_lag1(c, n, a, b);
	if (phi > 0)
		seen *= (1 - phi) / (1 + phi);
	bdb__rng rng;
	bdb__rng_seed(&rng, w->opt->seed ^ ((uint64_t)lo << 32) ^ (uint64_t)hi);
	double *shuffled = c + n;
	int r = w->opt->permutations, beat = 0;
	/* Stop once the p-value cannot reach pvalue. */
	double most = w->opt->max_p_value * (r + 1.0) - 1.0;
	for (int k = 0; k < r && beat <= most; k++) {
		memcpy(shuffled, c, n * sizeof *c);
		bdb__rng_shuffle(&rng, shuffled, n);
		size_t pa, pb;
		beat += best_block(shuffled, n, min_len, prefix, &pa, &pb) >= seen;
	}
	double pv = (1.0 + beat) / (r + 1.0);
	if (beat <= most && pv <= w->opt->max_p_value) {
		*at = lo + a;
		*end = lo + b;
		*p = pv;
	}
done:
	free(c);
	free(prefix);
	return err;
}

/*
 * The chance that exchangeable runs put a given block of len runs apart
 * (beyond every one, either way) from the c runs around it,
 * 2 / C(len + c, len), with the c runs counted as f c (f 1 for
 * exchangeable runs; C of real arguments from lgamma); at most 1.
 */
static double apart_chance(size_t len, size_t c, double f)
{
	if (f >= 1)
		return 2.0 / choose(len + c, len);
	double k = (double)len, all = (double)len + f * (double)c;
	double chance = 2.0 * exp(lgamma(k + 1) + lgamma(all - k + 1) - lgamma(all + 1));
	return chance < 1 ? chance : 1.0;
}

/* apart_chance by the block's runs and the runs around it. */
typedef double apart_table[BLOCK_MAX_RUNS + 1][2 * EXCURSION_CONTEXT + 1];

static void apart_chances(apart_table *t, double f)
{
	for (size_t len = 0; len <= BLOCK_MAX_RUNS; len++)
		for (size_t c = 0; c <= 2 * EXCURSION_CONTEXT; c++)
			(*t)[len][c] = len ? apart_chance(len, c, f) : 1.0;
}

/* The union bound of apart_block over a piece of n runs: the sum of the
 * chances t over every block of min_len to BLOCK_MAX_RUNS runs with 3 runs
 * or more either side, by the runs around it (up to EXCURSION_CONTEXT
 * either side). */
static double apart_any(const apart_table *t, size_t n, size_t min_len)
{
	double any = 0;
	for (size_t a = 3; a + min_len + 3 <= n; a++) {
		size_t before = a > EXCURSION_CONTEXT ? EXCURSION_CONTEXT : a;
		for (size_t len = min_len; len <= BLOCK_MAX_RUNS && a + len + 3 <= n; len++) {
			size_t after = n - a - len;
			after = after > EXCURSION_CONTEXT ? EXCURSION_CONTEXT : after;
			any += (*t)[len][before + after];
		}
	}
	return any;
}

/*
 * A level that comes back and stands apart from the runs around it, for
 * the pieces where neither test above finds anything: ranks cap the
 * evidence of a short block (6 runs at a new level in a piece of 150 are
 * at best its 6 highest ranks, and the largest rank-sum statistic of the
 * piece's thousands of blocks reaches that in a shuffle or two of a
 * hundred, however far the level moved). In y[lo..hi), the block
 * y[a..a + L) of more than excursion_runs runs (at most BLOCK_MAX_RUNS),
 * with 3 runs or more of the piece either side, all of whose runs lie
 * beyond every one of the c runs around it (up to EXCURSION_CONTEXT
 * either side, within the piece), the same way. Runs that are exchangeable
 * put a given block apart from its c neighbours with chance
 * 2 / C(L + c, L); the p is the sum of that chance over every block looked
 * at (a union bound), and the least likely block apart is taken when p is
 * at most `pvalue`. Autocorrelated runs are not exchangeable: they make
 * blocks of like values by themselves. A given block of 6 lies apart from
 * the 40 around it with chance 1.1e-5, 1.2e-4 and 2.0e-3 under AR(1)
 * noise of phi 0.3, 0.5 and 0.8 (simulated, 5 to 20 million series),
 * against 2.1e-7 for exchangeable runs; taken as exchangeable, noise of
 * phi 0.8 had 132 of 400 series of 150 runs with a change (91 without
 * this test). With phi the lag-1 autocorrelation of the ranks around the
 * block taken (block_lag1), when positive, the c runs around each block
 * count as (1 - phi) / (1 + phi) of their number (Yue and Wang's
 * effective sample size) in every chance of the sum: 6.5e-5 and 6.6e-3
 * for phi 0.5 and 0.8, 5.9e-6 for 0.3 (python3, lgamma). Shrinking the
 * block's own runs as well gave chances 100 times the simulated ones and
 * lost most levels in AR(1) noise of phi 0.5 (docs/detection.md). Sets
 * *at to its first run (and *end, *p), or 0; returns 0 or BDB_ENOMEM.
 */
static int apart_block(const robust *w, const double *y, size_t lo, size_t hi, size_t *at,
		       size_t *end, double *p)
{
	size_t n = hi - lo, min_len = w->opt->excursion_runs + 1, best = 0, best_len = 0;
	*at = 0;
	if (min_len < 3)
		min_len = 3;
	if (n < min_len + 6)
		return 0;
	/* The largest and smallest of up to EXCURSION_CONTEXT runs before
	 * (after) each run of the piece. */
	double *ctx = malloc(4 * n * sizeof *ctx);
	apart_table *chance = malloc(sizeof *chance);
	if (!ctx || !chance) {
		free(ctx);
		free(chance);
		return BDB_ENOMEM;
	}
	double *before_hi = ctx, *before_lo = ctx + n, *after_hi = ctx + 2 * n, *after_lo = ctx + 3 * n;
	for (size_t i = 0; i < n; i++) {
		size_t c0 = i > EXCURSION_CONTEXT ? i - EXCURSION_CONTEXT : 0;
		size_t c1 = n - i > EXCURSION_CONTEXT ? i + EXCURSION_CONTEXT : n;
		before_hi[i] = i ? bdb__stats_max(y + lo + c0, i - c0) : -INFINITY;
		before_lo[i] = i ? bdb__stats_min(y + lo + c0, i - c0) : INFINITY;
		after_hi[i] = bdb__stats_max(y + lo + i, c1 - i);
		after_lo[i] = bdb__stats_min(y + lo + i, c1 - i);
	}
	double least = INFINITY;
	for (size_t a = 3; a + min_len + 3 <= n; a++) {
		size_t before = a > EXCURSION_CONTEXT ? EXCURSION_CONTEXT : a;
		double in_hi = -INFINITY, in_lo = INFINITY;
		for (size_t len = 1; len <= BLOCK_MAX_RUNS && a + len + 3 <= n; len++) {
			double v = y[lo + a + len - 1];
			in_hi = v > in_hi ? v : in_hi;
			in_lo = v < in_lo ? v : in_lo;
			if (len < min_len)
				continue;
			size_t b = a + len, after = n - b > EXCURSION_CONTEXT ? EXCURSION_CONTEXT : n - b;
			bool up = in_lo > before_hi[a] && in_lo > after_hi[b];
			bool down = in_hi < before_lo[a] && in_hi < after_lo[b];
			if (!up && !down)
				continue;
			double c = apart_chance(len, before + after, 1.0);
			if (c < least) {
				least = c;
				best = a;
				best_len = len;
			}
		}
	}
	if (best) {
		double *c = ctx; /* the centred ranks, over the bounds */
		for (size_t i = 0; i < n; i++)
			c[i] = w->rank[lo + i] - (double)(n + 1) / 2.0;
		double phi = block_lag1(c, n, best, best + best_len);
		apart_chances(chance, phi > 0 ? (1 - phi) / (1 + phi) : 1.0);
		double any = apart_any(chance, n, min_len);
		if (any <= w->opt->max_p_value) {
			*at = lo + best;
			*end = lo + best + best_len;
			*p = any;
		}
	}
	free(ctx);
	free(chance);
	return 0;
}

/*
 * Binary segmentation of y[lo..hi) on ranks: E-Divisive (the permutation
 * test) over the mid-ranks of the segment, then again inside every piece
 * it leaves, so that one piece without a significant split does not stop
 * the search in the others; a piece the permutations cannot resolve may
 * still split perfectly (perfect_split), and one with neither may hold a
 * level that comes back (block_split, or apart_block for a short one).
 * Cuts are appended to idx/p.
 */
static int rank_cuts(robust *w, const double *y, size_t lo, size_t hi, size_t *idx, double *p,
		     size_t *m)
{
	if (hi - lo < BDB_CHANGES_MIN_WINDOW)
		return 0;
	int err = mid_ranks(y + lo, hi - lo, w->rank + lo);
	if (err)
		return err;
	bdb__changes_options ed = *w->opt;
	ed.robust = false;
	ed.window = 0;
	bdb__changes found;
	if ((err = memo_edivisive(w, w->rank + lo, hi - lo, &ed, &found)) != 0)
		return err;
	if (found.count == 0) {
		bdb__changes_free(&found);
		double chance = 0;
		size_t at = perfect_split(w, y, lo, hi, &chance), end = 0;
		if (!at && (err = block_split(w, lo, hi, &at, &end, &chance)) != 0)
			return err;
		if (!at && (err = apart_block(w, y, lo, hi, &at, &end, &chance)) != 0)
			return err;
		if (at && end) {
			idx[*m] = at;
			p[(*m)++] = chance;
			idx[*m] = end;
			p[(*m)++] = chance;
			if ((err = rank_cuts(w, y, lo, at, idx, p, m)) != 0 ||
			    (err = rank_cuts(w, y, at, end, idx, p, m)) != 0)
				return err;
			return rank_cuts(w, y, end, hi, idx, p, m);
		}
		if (!at)
			return 0;
		idx[*m] = at;
		p[(*m)++] = chance;
		if ((err = rank_cuts(w, y, lo, at, idx, p, m)) != 0)
			return err;
		return rank_cuts(w, y, at, hi, idx, p, m);
	}
	size_t from = lo;
	for (size_t i = 0; i <= found.count && !err; i++) {
		size_t to = i < found.count ? lo + found.points[i].index : hi;
		if (i < found.count) {
			idx[*m] = to;
			p[(*m)++] = found.points[i].p_value;
		}
		/* A piece E-Divisive already left whole is tried once more only
		 * when it is a piece of a new split. */
		if (found.count > 0)
			err = rank_cuts(w, y, from, to, idx, p, m);
		from = to;
	}
	bdb__changes_free(&found);
	return err;
}

static void sort_cuts(size_t *idx, double *p, size_t m)
{
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
			size_t ti = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = ti;
			double tp = p[j];
			p[j] = p[j - 1];
			p[j - 1] = tp;
		}
}

static double median3(double a, double b, double c)
{
	if (a > b) {
		double t = a;
		a = b;
		b = t;
	}
	return c < a ? a : c > b ? b : c;
}

/* Whether v lies beyond both a and b, the same way, by at least d. */
static bool beyond_both(double v, double a, double b, double d)
{
	return (v - a >= d && v - b >= d) || (a - v >= d && b - v >= d);
}

/*
 * y[0..n) with its spikes taken out, for the ranks that place steps: a run
 * beyond both neighbours (at an end: the two runs next to it) by at least
 * twice the threshold is replaced by the median of the three. Such a run
 * can neither be a step (each side of a split has 2 runs) nor an
 * excursion (2 runs at least), but its rank pulls E-Divisive's split
 * towards it. Levels and effects are still measured on y itself.
 */
static void despike(const robust *w, const double *y, size_t n, double *out)
{
	memcpy(out, y, n * sizeof *y);
	if (n < 3)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t a = i == 0 ? 1 : i - 1, b = i == 0 ? 2 : i + 1 == n ? i - 2 : i + 1;
		double m = median3(y[a], y[i], y[b]);
		if (beyond_both(y[i], y[a], y[b], 2 * threshold_for(w, m)))
			out[i] = m;
	}
}

/* Steps and excursions of x[0..n) with the noise w->noise: excursions
 * first; then, on the series without their runs, candidates from
 * E-Divisive on ranks pruned to the minimum effect. */
static int find_pass(robust *w, const double *x, mark_list *out)
{
	size_t n = w->n;
	out->count = 0;
	out->m = calloc(n, sizeof *out->m); /* at most n / 2 of each */
	size_t *map = malloc(n * sizeof *map);
	double *y = malloc(n * sizeof *y);
	double *sm = malloc(n * sizeof *sm);
	size_t *idx = NULL;
	double *p = NULL;
	int err = 0;
	if (!out->m || !map || !y || !sm) {
		err = BDB_ENOMEM;
		goto done;
	}
	if ((err = find_excursions(w, x, out)) != 0)
		goto done;
	size_t ny = 0;
	for (size_t i = 0, k = 0; i < n; i++) {
		while (k < out->count && out->m[k].end <= i)
			k++;
		if (k < out->count && out->m[k].index <= i)
			continue;
		map[ny] = i;
		y[ny++] = x[i];
	}
	idx = malloc((ny ? ny : 1) * sizeof *idx);
	p = malloc((ny ? ny : 1) * sizeof *p);
	if (!idx || !p) {
		err = BDB_ENOMEM;
		goto done;
	}
	size_t m = 0;
	size_t keep_n = w->n;
	w->n = ny; /* rank_cuts, levels_around and prune work on y */
	despike(w, y, ny, sm);
	if ((err = rank_cuts(w, sm, 0, ny, idx, p, &m)) != 0) {
		w->n = keep_n;
		goto done;
	}
	sort_cuts(idx, p, m);
	m = prune(w, y, idx, p, m);
	if ((err = refine(w, y, idx, m)) != 0) {
		w->n = keep_n;
		goto done;
	}
	/* A refined cut can leave a piece that splits now (a split on ranks
	 * one run off kept a value of the other level in it): once more. */
	for (size_t round = 0; round < REFINE_ROUNDS; round++) {
		size_t had = m;
		for (size_t i = 0; i <= had && !err; i++)
			err = rank_cuts(w, sm, i ? idx[i - 1] : 0, i < had ? idx[i] : ny, idx, p,
					&m);
		if (err)
			break;
		if (m == had)
			break;
		sort_cuts(idx, p, m);
		m = prune(w, y, idx, p, m);
		if ((err = refine(w, y, idx, m)) != 0)
			break;
	}
	if (err) {
		w->n = keep_n;
		goto done;
	}
	for (size_t i = 0; i < m; i++) {
		double before, after, thr;
		bool sides;
		levels_around(w, y, idx, m, i, &before, &after, &thr, &sides);
		out->m[out->count++] = (mark){
		    map[idx[i]], map[idx[i]], BDB__CHANGE_STEP, p[i], before, after, thr, sides};
	}
	w->n = keep_n;
	qsort(out->m, out->count, sizeof *out->m, by_index);
	out->noise = w->noise;
done:
	free(map);
	free(y);
	free(sm);
	free(idx);
	free(p);
	if (err) {
		free(out->m);
		out->m = NULL;
		out->count = 0;
	}
	return err;
}

/*
 * 1.4826 * MAD of x around the medians of the segments between the steps
 * of marks (excursion runs left out): the noise around the levels, which
 * run-to-run differences underestimate when the noise is autocorrelated
 * (by sqrt(1 - phi) for AR(1)).
 */
static double residual_noise(const robust *w, const double *x, const mark_list *marks,
			     double *resid)
{
	size_t n = w->n, nr = 0, from = 0, k = 0;
	while (from < n) {
		size_t to = n;
		for (size_t j = 0; j < marks->count; j++)
			if (marks->m[j].kind == BDB__CHANGE_STEP && marks->m[j].index > from) {
				to = marks->m[j].index;
				break;
			}
		size_t first = nr;
		for (size_t i = from; i < to; i++) {
			while (k < marks->count && marks->m[k].end <= i)
				k++;
			bool inside = k < marks->count && marks->m[k].kind == BDB__CHANGE_EXCURSION &&
				      marks->m[k].index <= i;
			if (!inside)
				resid[nr++] = x[i];
		}
		if (nr > first) {
			double level = median_of(resid + first, nr - first, w->scratch);
			for (size_t i = first; i < nr; i++)
				resid[i] = fabs(resid[i] - level);
		}
		from = to;
	}
	if (nr < 3)
		return 0.0;
	return 1.4826 * median_of(resid, nr, w->scratch);
}

/* seg[0..n): the segment of each run between the steps of marks (sorted
 * by index), SIZE_MAX for a run inside an excursion. */
static void segments_of(const mark_list *marks, size_t n, size_t *seg)
{
	size_t s = 0, k = 0;
	for (size_t i = 0; i < n; i++) {
		for (;;) {
			const mark *at = k < marks->count ? &marks->m[k] : NULL;
			if (at && at->kind == BDB__CHANGE_STEP && at->index <= i) {
				s++;
				k++;
			} else if (at && at->kind != BDB__CHANGE_STEP && at->end <= i) {
				k++;
			} else {
				break;
			}
		}
		bool inside = k < marks->count && marks->m[k].kind == BDB__CHANGE_EXCURSION &&
			      marks->m[k].index <= i && i < marks->m[k].end;
		seg[i] = inside ? SIZE_MAX : s;
	}
}

/*
 * 1.4826 * MAD / sqrt(2) of the differences x[i + lag] - x[i] of runs of
 * one segment between the steps of marks, neither inside an excursion: the
 * noise sd the differences of runs lag apart imply. Noise that persists
 * for a few runs (autocorrelation; a CI runner kept for a day) hides from
 * the differences of neighbours, by sqrt(1 - phi) for AR(1), and shows in
 * those of runs 2 or 3 apart.
 */
static double segment_lag_noise(const robust *w, const double *x, const mark_list *marks,
				size_t lag, double *d)
{
	size_t n = w->n, nd = 0;
	size_t *seg = malloc((n ? n : 1) * sizeof *seg);
	if (!seg)
		return 0.0;
	segments_of(marks, n, seg);
	for (size_t i = 0; i + lag < n; i++)
		if (seg[i] != SIZE_MAX && seg[i] == seg[i + lag])
			d[nd++] = x[i + lag] - x[i];
	free(seg);
	if (nd < 3)
		return 0.0;
	double center = median_of(d, nd, w->scratch);
	for (size_t i = 0; i < nd; i++)
		d[i] = fabs(d[i] - center);
	return 1.4826 * median_of(d, nd, w->scratch) / sqrt(2.0);
}

/* Rounds of measuring the noise around the steps found and finding them
 * again with it. */
#define NOISE_ROUNDS 3
/* The largest lag of segment_lag_noise. */
#define NOISE_LAG 3

/*
 * find_pass with the noise of x: first the run-to-run estimate; then, as
 * long as the runs around the levels found say the noise is larger (their
 * spread around the segment medians, or the differences of runs up to
 * NOISE_LAG apart within a segment), again with that, up to NOISE_ROUNDS
 * times.
 */
static int find_steps(robust *w, const double *x, mark_list *out)
{
	w->noise = noise_of(x, w->n, w->scratch);
	int err = find_pass(w, x, out);
	if (err)
		return err;
	double *resid = malloc(w->n * sizeof *resid);
	if (!resid) {
		free(out->m);
		*out = (mark_list){0};
		return BDB_ENOMEM;
	}
	for (int round = 0; round < NOISE_ROUNDS && !err; round++) {
		double around = residual_noise(w, x, out, resid);
		for (size_t k = 2; k <= NOISE_LAG; k++) {
			double v = segment_lag_noise(w, x, out, k, resid);
			if (v > around)
				around = v;
		}
		if (!(around > w->noise))
			break;
		free(out->m);
		w->noise = around;
		err = find_pass(w, x, out);
	}
	free(resid);
	return err;
}

/* ------------------------------------------------------------------------ */
/* Drift                                                                     */
/* ------------------------------------------------------------------------ */

typedef struct drift {
	double slope, lower, upper; /* per unit of t */
	double p_value;		    /* two-sided Mann-Kendall */
	double wide_lower, wide_upper; /* the interval with the autocorrelation */
} drift;

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The lag-1 autocorrelation (at most 0.9) of the residuals x - slope * t
 * around each segment's median, over neighbouring picked points of one
 * segment. */
static double lag1_residual(const double *x, const double *t, const size_t *seg,
			    const size_t *pick, size_t np, double slope)
{
	double *r = malloc((np ? np : 1) * sizeof *r);
	double *scratch = malloc((np ? np : 1) * sizeof *scratch);
	if (!r || !scratch) {
		free(r);
		free(scratch);
		return 0.0;
	}
	for (size_t a = 0, b; a < np; a = b) {
		for (b = a; b < np && seg[pick[b]] == seg[pick[a]]; b++)
			r[b] = x[pick[b]] - slope * t[pick[b]];
		double level = median_of(r + a, b - a, scratch);
		for (size_t i = a; i < b; i++)
			r[i] -= level;
	}
	double num = 0, den = 0;
	for (size_t i = 0; i < np; i++) {
		den += r[i] * r[i];
		if (i + 1 < np && seg[pick[i]] == seg[pick[i + 1]])
			num += r[i] * r[i + 1];
	}
	free(r);
	free(scratch);
	double rho = den > 0 ? num / den : 0.0;
	return rho < 0.9 ? rho : 0.9;
}

/*
 * n / n*, the factor by which lag-1 autocorrelation r1 > 0 raises the
 * variance of Mann-Kendall's S over n runs: Yue and Wang (2004), the
 * effective sample size of an AR(1) series,
 *   n / n* = 1 + 2 sum_{k=1}^{n-1} (1 - k/n) r1^k
 * (its limit for large n is Bayley and Hammersley's (1 + r1) / (1 - r1)).
 * 1 for r1 <= 0: negative autocorrelation is not credited.
 */
static double ac_factor(size_t n, double r1)
{
	if (!(r1 > 0))
		return 1.0;
	double sum = 0, power = 1;
	for (size_t k = 1; k < n; k++) {
		power *= r1;
		if (power < 1e-17)
			break;
		sum += (1.0 - (double)k / (double)n) * power;
	}
	return 1.0 + 2.0 * sum;
}

/*
 * The slopes' order statistics a fit reads, selected in place (the array
 * is never sorted: it holds O(n^2) slopes, and sorting them was most of
 * the detector's CPU). `done` lists the ranks already in place, ascending:
 * the values between two of them lie between them, so a new rank is
 * selected among those alone.
 */
typedef struct ranks_in_place {
	size_t at[8];
	size_t count;
} ranks_in_place;

static double slope_at(double *slopes, size_t ns, size_t k, ranks_in_place *done)
{
	size_t lo = 0, hi = ns, i = 0;
	for (; i < done->count && done->at[i] <= k; i++) {
		if (done->at[i] == k)
			return slopes[k];
		lo = done->at[i] + 1;
	}
	if (i < done->count)
		hi = done->at[i];
	size_t rel = k - lo;
	bdb__stats_select(slopes + lo, hi - lo, &rel, 1);
	if (done->count < sizeof done->at / sizeof done->at[0]) {
		memmove(done->at + i + 1, done->at + i, (done->count - i) * sizeof *done->at);
		done->at[i] = k;
		done->count++;
	}
	return slopes[k];
}

/* Sen's 95 % interval of the slopes[0..ns) for Var S = var, as
 * scipy.stats.theilslopes computes it: the order statistics
 * rint((N -+ z(0.975) sqrt(var)) / 2) of the N slopes. */
static void sen_interval(double *slopes, size_t ns, double var, ranks_in_place *done,
			 double *lower, double *upper)
{
	double c = bdb__normal_quantile(0.975) * sqrt(var);
	double ru = nearbyint(((double)ns + c) / 2.0);
	double rl = nearbyint(((double)ns - c) / 2.0) - 1.0;
	*upper = slope_at(slopes, ns, ru > (double)(ns - 1) ? ns - 1 : (size_t)ru, done);
	*lower = slope_at(slopes, ns, rl < 0 ? 0 : (size_t)rl, done);
}

/* The median of slopes[0..ns), ns >= 1, as bdb__stats_percentile_sorted
 * gives it for the sorted array, whose two middle values it reads. */
static double median_slope(double *slopes, size_t ns, ranks_in_place *done)
{
	size_t mid = (size_t)floor((double)(ns - 1) * 0.5);
	slope_at(slopes, ns, mid, done);
	if (mid + 1 < ns)
		slope_at(slopes, ns, mid + 1, done);
	return bdb__stats_percentile_sorted(slopes, ns, 50.0);
}

/* n(n - 1)(2n + 5) for Mann-Kendall's variance (times 18). */
static double mk_term(double n)
{
	return n * (n - 1) * (2 * n + 5);
}

/* The tie sums of sorted v[0..m) that Kendall's variance needs, over the
 * groups of u equal values: pairs sum u(u - 1)/2, cubic sum u(u - 1)(u - 2)
 * and mk sum u(u - 1)(2u + 5). */
typedef struct tie_sums {
	double pairs, cubic, mk;
} tie_sums;

static tie_sums ties_of(const double *v, size_t m)
{
	tie_sums s = {0, 0, 0};
	for (size_t i = 0, j; i < m; i = j) {
		for (j = i; j < m && v[j] == v[i]; j++)
			;
		double u = (double)(j - i);
		s.pairs += u * (u - 1) / 2;
		s.cubic += u * (u - 1) * (u - 2);
		s.mk += mk_term(u);
	}
	return s;
}

/*
 * Theil-Sen slope and the Mann-Kendall test over the pairs within each
 * segment between steps of marks (excursion runs left out), so that a step
 * neither adds to the slope nor to the test. Points are thinned to
 * DRIFT_MAX_POINTS (every k-th kept) first. S is Kendall's S of (t, x):
 * a pair of runs at the same time adds nothing (its order is only the
 * order of ingest). Variance: Kendall's, with the ties in x and in t (as
 * scipy.stats.kendalltau); p = 2 P(Z > (|S| - 1) / sqrt(var)); the slope's
 * interval is Sen's: the order statistics (N -+ z(0.975) sigma) / 2 of the
 * N slopes, sigma^2 Sen's (1968) variance with both ties subtracted (as
 * scipy.stats.theilslopes). Without ties in t the two variances are one.
 * Returns 0 with p_value 1 when there are no pairs.
 */
static int fit_drift(const robust *w, const double *x, const double *t, const mark_list *marks,
		     drift *out)
{
	size_t n = w->n;
	*out = (drift){0, 0, 0, 1.0, 0, 0};
	size_t stride = n > DRIFT_MAX_POINTS ? (n + DRIFT_MAX_POINTS - 1) / DRIFT_MAX_POINTS : 1;
	size_t *seg = malloc((n ? n : 1) * sizeof *seg);
	if (!seg)
		return BDB_ENOMEM;
	segments_of(marks, n, seg);
	size_t *pick = malloc((n ? n : 1) * sizeof *pick);
	size_t np = 0;
	if (!pick) {
		free(seg);
		return BDB_ENOMEM;
	}
	for (size_t i = 0; i < n; i += stride)
		if (seg[i] != SIZE_MAX)
			pick[np++] = i;
	size_t pairs = 0;
	for (size_t a = 0, b; a < np; a = b) {
		for (b = a; b < np && seg[pick[b]] == seg[pick[a]]; b++)
			;
		pairs += (b - a) * (b - a - 1) / 2;
	}
	double *slopes = malloc((pairs ? pairs : 1) * sizeof *slopes);
	double *vals = malloc((np ? np : 1) * sizeof *vals);
	/* At each segment's first: Kendall's variance of S and Sen's. */
	double *seg_var = malloc((np ? np : 1) * sizeof *seg_var);
	double *seg_sen = malloc((np ? np : 1) * sizeof *seg_sen);
	if (!slopes || !vals || !seg_var || !seg_sen) {
		free(seg);
		free(pick);
		free(slopes);
		free(vals);
		free(seg_var);
		free(seg_sen);
		return BDB_ENOMEM;
	}
	size_t ns = 0;
	double S = 0, var = 0, sen_var = 0;
	for (size_t a = 0, b; a < np; a = b) {
		for (b = a; b < np && seg[pick[b]] == seg[pick[a]]; b++)
			;
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b; j++) {
				double dx = x[pick[j]] - x[pick[i]];
				double dt = t[pick[j]] - t[pick[i]];
				if (dt > 0) {
					S += (dx > 0) - (dx < 0);
					slopes[ns++] = dx / dt;
				}
			}
		/* The ties corrections over the segment's values and times (t
		 * ascends, so equal times are neighbours). */
		size_t m = b - a;
		for (size_t i = 0; i < m; i++)
			vals[i] = x[pick[a + i]];
		qsort(vals, m, sizeof *vals, by_double);
		tie_sums tx = ties_of(vals, m);
		for (size_t i = 0; i < m; i++)
			vals[i] = t[pick[a + i]];
		tie_sums tt = ties_of(vals, m);
		double nm = (double)m, ordered = nm * (nm - 1);
		seg_sen[a] = (mk_term(nm) - tx.mk - tt.mk) / 18.0;
		seg_var[a] = seg_sen[a];
		if (ordered > 0)
			seg_var[a] += 2 * tx.pairs * tt.pairs / ordered;
		if (m > 2)
			seg_var[a] += tx.cubic * tt.cubic / (9 * ordered * (nm - 2));
		var += seg_var[a];
		sen_var += seg_sen[a];
	}
	if (ns > 0 && var > 0) {
		ranks_in_place done = {.count = 0};
		out->slope = median_slope(slopes, ns, &done);
		sen_interval(slopes, ns, sen_var, &done, &out->lower, &out->upper);
		/* Autocorrelated noise makes S vary more than independent noise
		 * does: each segment's variance is scaled by its n / n*
		 * (ac_factor) for the lag-1 autocorrelation r1 > 0 of the
		 * residuals around the slope. */
		double r1 = lag1_residual(x, t, seg, pick, np, out->slope);
		double wide = 0, wide_sen = 0;
		for (size_t a = 0, b; a < np; a = b) {
			for (b = a; b < np && seg[pick[b]] == seg[pick[a]]; b++)
				;
			wide += seg_var[a] * ac_factor(b - a, r1);
			wide_sen += seg_sen[a] * ac_factor(b - a, r1);
		}
		double z = (fabs(S) - 1.0) / sqrt(wide);
		sen_interval(slopes, ns, wide_sen, &done, &out->wide_lower, &out->wide_upper);
		out->p_value = z > 0 ? 2.0 * bdb__normal_sf(z) : 1.0;
		if (out->p_value > 1.0)
			out->p_value = 1.0;
	}
	free(seg);
	free(pick);
	free(slopes);
	free(vals);
	free(seg_var);
	free(seg_sen);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The entry point                                                           */
/* ------------------------------------------------------------------------ */

/* The least share of the whole-series slope that the slope within the
 * levels of a staircase of steps must have for it to be read as a drift
 * (docs/detection.md gives the measurements). */
#define STAIRCASE_CREEP 0.2

/* Whether the reported marks are one or more steps, every one of them
 * (and nothing else) going the way of slope. */
static bool staircase(const mark_list *marks, double slope)
{
	for (size_t i = 0; i < marks->count; i++) {
		const mark *m = &marks->m[i];
		if (reported(m) && (m->kind != BDB__CHANGE_STEP || (m->after - m->before) * slope <= 0))
			return false;
	}
	return reported_count(marks) >= 1;
}

static bool robust_options_valid(const bdb__changes_options *opt)
{
	return opt->max_p_value > 0.0 && opt->max_p_value <= 1.0 && opt->permutations >= 1 &&
	       opt->effect >= 0.0 && isfinite(opt->effect) && opt->floor_pct >= 0.0 &&
	       isfinite(opt->floor_pct) && opt->drift_p >= 0.0 && opt->drift_p < 1.0;
}

static bool times_valid(const double *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(t[i]) || (i > 0 && t[i] < t[i - 1]))
			return false;
	return true;
}

static int emit(const robust *w, const mark_list *marks, const drift *d, double drift_before,
		double span, bdb__changes *out)
{
	size_t count = reported_count(marks) + (d ? 1 : 0);
	if (count == 0)
		return 0;
	out->points = calloc(count, sizeof *out->points);
	if (!out->points)
		return BDB_ENOMEM;
	size_t k = 0;
	if (d) {
		bdb__change_point *cp = &out->points[k++];
		cp->index = 0;
		cp->end = w->n;
		cp->kind = BDB__CHANGE_DRIFT;
		cp->mean_before = drift_before;
		cp->mean_after = drift_before + d->slope * span;
		cp->p_value = d->p_value;
		cp->slope = d->slope;
		cp->slope_lower = d->lower;
		cp->slope_upper = d->upper;
		cp->threshold = drift_threshold(w, drift_before);
	}
	for (size_t i = 0; i < marks->count; i++) {
		const mark *m = &marks->m[i];
		if (!reported(m))
			continue;
		bdb__change_point *cp = &out->points[k++];
		cp->index = m->index;
		cp->end = m->end;
		cp->kind = m->kind;
		cp->mean_before = m->before;
		cp->mean_after = m->after;
		cp->p_value = m->p_value;
		cp->threshold = m->threshold;
		cp->sides_noise = m->sides_noise;
	}
	for (size_t i = 0; i < count; i++) {
		bdb__change_point *cp = &out->points[i];
		cp->noise = w->noise;
		if (bdb__stats_change_pct(cp->mean_before, cp->mean_after, &cp->change_pct) != 0)
			cp->change_pct = NAN;
	}
	out->count = count;
	return 0;
}

/* bdb__detect_changes_at over values at an ordinary magnitude. */
static int detect_at(const double *x, const double *t, size_t n,
		     const bdb__changes_options *opt, bdb__changes *out)
{
	if (!opt || !opt->robust || opt->window != 0) {
		if (!opt)
			return BDB_EINVAL;
		bdb__changes_options plain = *opt;
		plain.robust = false;
		int err = bdb__detect_changes(x, n, &plain, out);
		if (!err)
			out->options = *opt;
		return err;
	}
	memset(out, 0, sizeof *out);
	if (!robust_options_valid(opt) || !bdb__stats_all_finite(x, n) ||
	    (t && !times_valid(t, n)))
		return BDB_EINVAL;
	out->options = *opt;
	if (n < 3)
		return 0;

	robust w = {opt, n, 0.0, malloc(n * sizeof(double)), malloc(n * sizeof(double)), {0}};
	double *index_t = t ? NULL : malloc(n * sizeof *index_t);
	double *flat = malloc(n * sizeof *flat);
	mark_list marks = {0}, again = {0};
	int err = 0;
	if (!w.scratch || !w.rank || !flat || (!t && !index_t)) {
		err = BDB_ENOMEM;
		goto done;
	}
	if (!t) {
		for (size_t i = 0; i < n; i++)
			index_t[i] = (double)i;
		t = index_t;
	}
	if ((err = find_steps(&w, x, &marks)) != 0)
		goto done;

	drift d = {0, 0, 0, 1.0, 0, 0};
	bool drifting = false;
	double span = t[n - 1] - t[0];
	if (opt->drift_p > 0 && span > 0) {
		double level = median_of(x, n, w.scratch);
		/* Two guesses at the creep: the slope within the segments
		 * between the steps found, and the slope over the whole series
		 * (a creep alone reads as a staircase, whose segments are too
		 * short to show the slope). Each that is significant is taken
		 * out, the steps found again, and the slope measured again
		 * between those: a drift that holds beats no drift, and of two
		 * the one with fewer other changes wins. */
		drift guess[2];
		if ((err = fit_drift(&w, x, t, &marks, &guess[0])) != 0)
			goto done;
		/* The whole series: the marks without their steps. */
		mark_list exc = {malloc((marks.count ? marks.count : 1) * sizeof *exc.m), 0, 0};
		if (!exc.m) {
			err = BDB_ENOMEM;
			goto done;
		}
		for (size_t i = 0; i < marks.count; i++)
			if (marks.m[i].kind == BDB__CHANGE_EXCURSION)
				exc.m[exc.count++] = marks.m[i];
		err = fit_drift(&w, x, t, &exc, &guess[1]);
		free(exc.m);
		if (err)
			goto done;
		for (int g = 0; g < 2; g++) {
			if (!(guess[g].p_value <= opt->drift_p &&
			      fabs(guess[g].slope * span) >= drift_threshold(&w, level)))
				continue;
			/* The whole-series guess stands for a staircase only (below):
			 * not worth a search otherwise. */
			if (g == 1 && !staircase(&marks, guess[1].slope))
				continue;
			/* Two or more steps read as a creep only when the runs
			 * between them creep the same way, at a fifth of the
			 * whole-series slope or more: a creep cut into a staircase
			 * goes on within its levels, while real steps leave level
			 * stretches (two +5 % steps 80 runs apart were one drift). */
			if (g == 1 && reported_count(&marks) >= 2 &&
			    !(guess[0].slope / guess[1].slope >= STAIRCASE_CREEP))
				continue;
			for (size_t i = 0; i < n; i++)
				flat[i] = x[i] - guess[g].slope * (t[i] - t[0]);
			if ((err = find_steps(&w, flat, &again)) != 0)
				goto done;
			drift d2;
			if ((err = fit_drift(&w, x, t, &again, &d2)) != 0)
				goto done;
			bool holds = d2.p_value <= opt->drift_p &&
				     fabs(d2.slope * span) >= drift_threshold(&w, level);
			/* The whole-series guess stands for a staircase only:
			 * steps all the slope's way, and none left once it is
			 * taken out. */
			if (holds && g == 1)
				holds = reported_count(&again) == 0;
			/* For one step (two or more all the same way make a
			 * staircase) the drift must also explain the series: a
			 * creep read as one step (autocorrelated noise often
			 * hides the rest of the staircase) still creeps inside
			 * each of its two levels, a real step does not. So the
			 * whole-series slope must lie within the 95 % interval
			 * of the slope within the levels (widened for their
			 * autocorrelation), or the runs spread around the line
			 * no more than around the two levels. */
			if (holds && g == 1 && reported_count(&marks) == 1) {
				mark_list none = {0};
				double *resid = malloc(n * sizeof *resid);
				if (!resid) {
					err = BDB_ENOMEM;
					goto done;
				}
				double around_steps = residual_noise(&w, x, &marks, resid);
				double around_line = residual_noise(&w, flat, &none, resid);
				free(resid);
				holds = (guess[1].slope >= guess[0].wide_lower &&
					 guess[1].slope <= guess[0].wide_upper) ||
					around_line <= around_steps;
			}
			if (holds) {
				free(marks.m);
				drifting = true;
				d = d2;
				marks = again;
			} else {
				free(again.m);
			}
			again = (mark_list){0};
		}
	}
	double drift_before = 0;
	if (drifting) {
		/* Levels measured on the detrended series, put back at the
		 * time of each change. */
		for (size_t i = 0; i < n; i++)
			flat[i] = x[i] - d.slope * (t[i] - t[0]);
		size_t first_end = n;
		for (size_t i = 0; i < marks.count; i++)
			if (marks.m[i].kind == BDB__CHANGE_STEP) {
				first_end = marks.m[i].index;
				break;
			}
		drift_before = median_of(flat, first_end, w.scratch);
		for (size_t i = 0; i < marks.count; i++) {
			double at = d.slope * (t[marks.m[i].index] - t[0]);
			marks.m[i].before += at;
			marks.m[i].after += at;
		}
	}
	w.noise = marks.noise;
	err = emit(&w, &marks, drifting ? &d : NULL, drift_before, span, out);
done:
	free(marks.m);
	free(again.m);
	free(w.scratch);
	free(w.rank);
	memo_free(&w.memo);
	free(index_t);
	free(flat);
	if (err) {
		bdb__changes_free(out);
		out->options = (bdb__changes_options){0};
	}
	return err;
}

int bdb__detect_changes_at(const double *x, const double *t, size_t n,
			   const bdb__changes_options *opt, bdb__changes *out)
{
	int e = x ? bdb__stats_scale_exponent(x, n) : 0;
	if (e == 0)
		return detect_at(x, t, n, opt, out);
	double *y = malloc(n * sizeof *y);
	if (!y) {
		memset(out, 0, sizeof *out);
		return BDB_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		y[i] = ldexp(x[i], -e);
	int err = detect_at(y, t, n, opt, out);
	free(y);
	for (size_t i = 0; !err && i < out->count; i++)
		unscale_point(&out->points[i], e);
	return err;
}

void bdb__changes_noise(const double *x, size_t n, double *noise, double *level)
{
	*noise = *level = NAN;
	double *scratch = n ? malloc(n * sizeof *scratch) : NULL;
	if (!scratch)
		return;
	*level = median_of(x, n, scratch);
	*noise = noise_of(x, n, scratch);
	if (n >= 3) {
		for (size_t i = 0; i < n; i++)
			scratch[i] = fabs(x[i] - *level);
		bdb__stats_sort(scratch, n);
		double around = 1.4826 * bdb__stats_percentile_sorted(scratch, n, 50.0);
		if (around > *noise)
			*noise = around;
	}
	free(scratch);
}
