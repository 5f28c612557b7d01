/*
 * cpfold.c - change points as a sequential fold over a series' values: the
 * definition is in cpfold.h. Generic over the detector: it calls
 * bdb__detect_changes_at with the options it is given and reads only the
 * points it returns.
 */
#include "cpfold.h"

#include "schema.h"

#include <stdlib.h>
#include <string.h>

/* What cpfold.h's coverage argument needs of the constants. */
_Static_assert(BDB__CPFOLD_FIRST + BDB__CPFOLD_HOP <= BDB__CPFOLD_WINDOW,
	       "a segment's first window starts at its start");
_Static_assert(BDB__CPFOLD_WINDOW - BDB__CPFOLD_SETTLE - 2 >= BDB__CPFOLD_HOP &&
		   BDB__CPFOLD_FIRST + BDB__CPFOLD_HOP >= BDB__CPFOLD_SETTLE + 2,
	       "every point gets a window with 2 values before it and SETTLE after");

size_t bdb__cpfold_need(const bdb__cpfold *f)
{
	size_t back = f->n > BDB__CPFOLD_WINDOW ? f->n - BDB__CPFOLD_WINDOW : 0;
	return f->start > back ? f->start : back;
}

static int push_point(bdb__cpfold *f, const bdb__change_point *p)
{
	if (f->count == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 8;
		bdb__change_point *grown = realloc(f->points, cap * sizeof *grown);
		if (!grown)
			return BDB_ENOMEM;
		f->points = grown;
		f->cap = cap;
	}
	f->points[f->count++] = *p;
	return 0;
}

/* The detector over values [lo, hi), its indices made absolute. */
static int detect(const double *x, const double *t, size_t base, size_t lo, size_t hi,
		  const bdb__changes_options *opt, bdb__changes *out)
{
	int rc = bdb__detect_changes_at(x + (lo - base), t ? t + (lo - base) : NULL, hi - lo, opt,
					out);
	if (rc)
		return rc;
	for (size_t i = 0; i < out->count; i++) {
		out->points[i].index += lo;
		out->points[i].end += lo;
	}
	return 0;
}

/* Runs the detector on the window ending at m and confirms what settled. */
static int evaluate(bdb__cpfold *f, const double *x, const double *t, size_t base, size_t m,
		    const bdb__changes_options *opt)
{
	bdb__changes found = {0};
	size_t lo = m - f->start > BDB__CPFOLD_WINDOW ? m - BDB__CPFOLD_WINDOW : f->start;
	int rc = detect(x, t, base, lo, m, opt, &found);
	for (size_t i = 0; i < found.count && !rc; i++) {
		const bdb__change_point *p = &found.points[i];
		if (p->kind == BDB__CHANGE_DRIFT)
			continue;
		size_t last = p->kind == BDB__CHANGE_EXCURSION ? p->end : p->index;
		if (last + BDB__CPFOLD_SETTLE > m)
			break;
		rc = push_point(f, p);
		if (!rc)
			f->start = last;
	}
	bdb__changes_free(&found);
	return rc;
}

int bdb__cpfold_advance(bdb__cpfold *f, const double *x, const double *t, size_t base, size_t n,
			const bdb__changes_options *opt)
{
	if (n < f->n || base > bdb__cpfold_need(f) || base > f->n)
		return BDB_EINVAL;
	for (size_t m = f->n + 1; m <= n; m++) {
		f->n = m;
		if (m % BDB__CPFOLD_HOP != 0 || m - f->start < BDB__CPFOLD_FIRST)
			continue;
		int rc = evaluate(f, x, t, base, m, opt);
		if (rc)
			return rc;
	}
	return 0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/*
 * The long drift of x[0..n) (n > BDB__CPFOLD_WINDOW): the detector over the
 * medians of blocks of B values (B the smallest power of two that leaves at
 * most BDB__CPFOLD_DRIFT_BLOCKS blocks; the last block may be shorter), each
 * at the middle of its first and last time. Its drift, if it reports one,
 * spans the series; *found says whether there is one.
 */
static int long_drift(const double *x, const double *t, size_t n,
		      const bdb__changes_options *opt, bdb__change_point *out, bool *found)
{
	*found = false;
	size_t b = 2;
	while ((n + b - 1) / b > BDB__CPFOLD_DRIFT_BLOCKS)
		b *= 2;
	size_t m = (n + b - 1) / b;
	double *med = malloc(m * sizeof *med), *mt = malloc(m * sizeof *mt);
	double *block = malloc(b * sizeof *block);
	int rc = 0;
	if (!med || !mt || !block) {
		rc = BDB_ENOMEM;
		goto done;
	}
	for (size_t j = 0; j < m; j++) {
		size_t lo = j * b, hi = lo + b < n ? lo + b : n, k = hi - lo;
		memcpy(block, x + lo, k * sizeof *block);
		qsort(block, k, sizeof *block, by_value);
		med[j] = k % 2 ? block[k / 2] : (block[k / 2 - 1] + block[k / 2]) / 2;
		mt[j] = t ? (t[lo] + t[hi - 1]) / 2 : (double)(lo + hi - 1) / 2;
	}
	bdb__changes c = {0};
	if ((rc = bdb__detect_changes_at(med, mt, m, opt, &c)) != 0)
		goto done;
	for (size_t i = 0; i < c.count; i++)
		if (c.points[i].kind == BDB__CHANGE_DRIFT) {
			*out = c.points[i];
			out->index = 0;
			out->end = n;
			*found = true;
			break;
		}
	bdb__changes_free(&c);
done:
	free(med);
	free(mt);
	free(block);
	return rc;
}

int bdb__cpfold_answer(const bdb__cpfold *f, const double *x, const double *t,
		       const bdb__changes_options *opt, bdb__changes *out)
{
	memset(out, 0, sizeof *out);
	size_t lo = bdb__cpfold_need(f);
	bdb__changes tail = {0};
	int rc = detect(x, t, 0, lo, f->n, opt, &tail);
	if (rc)
		return rc;
	/* Over a long series the drift is the whole series' (from its block
	 * medians), not the tail's. */
	bool long_series = f->n > BDB__CPFOLD_WINDOW, drifting = false;
	bdb__change_point drift;
	if (long_series && opt->drift_p > 0 &&
	    (rc = long_drift(x, t, f->n, opt, &drift, &drifting)) != 0) {
		bdb__changes_free(&tail);
		return rc;
	}
	size_t count = drifting + f->count + tail.count;
	out->points = malloc((count ? count : 1) * sizeof *out->points);
	if (!out->points) {
		bdb__changes_free(&tail);
		return BDB_ENOMEM;
	}
	size_t k = 0;
	if (drifting)
		out->points[k++] = drift;
	for (size_t i = 0; i < f->count; i++)
		out->points[k++] = f->points[i];
	for (size_t i = 0; i < tail.count; i++)
		if (!long_series || tail.points[i].kind != BDB__CHANGE_DRIFT)
			out->points[k++] = tail.points[i];
	out->count = k;
	out->options = *opt;
	bdb__changes_free(&tail);
	return 0;
}

static bool same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

bool bdb__cpfold_equal(const bdb__cpfold *a, const bdb__cpfold *b)
{
	if (a->n != b->n || a->start != b->start || a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		const bdb__change_point *p = &a->points[i], *q = &b->points[i];
		if (p->index != q->index || p->end != q->end || p->kind != q->kind ||
		    !same_double(p->mean_before, q->mean_before) ||
		    !same_double(p->mean_after, q->mean_after) ||
		    !same_double(p->change_pct, q->change_pct) ||
		    !same_double(p->p_value, q->p_value) || !same_double(p->noise, q->noise) ||
		    !same_double(p->threshold, q->threshold) || p->sides_noise != q->sides_noise ||
		    !same_double(p->slope, q->slope) ||
		    !same_double(p->slope_lower, q->slope_lower) ||
		    !same_double(p->slope_upper, q->slope_upper))
			return false;
	}
	return true;
}

/* FNV-1a, 64 bits. */
static uint64_t mix(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * UINT64_C(0x100000001b3);
	return h;
}

uint64_t bdb__cpfold_key(const bdb__changes_options *opt)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	uint64_t ints[] = {BDB__CPFOLD_VERSION,	 BDB__CPFOLD_WINDOW,
			   BDB__CPFOLD_FIRST,	 BDB__CPFOLD_HOP,
			   BDB__CPFOLD_SETTLE,
			   opt->window,		 (uint64_t)opt->permutations,
			   opt->seed,		 opt->robust,
			   opt->excursion_runs};
	double reals[] = {opt->max_p_value, opt->min_magnitude, opt->effect, opt->floor_pct,
			  opt->drift_p};
	h = mix(h, ints, sizeof ints);
	return mix(h, reals, sizeof reals);
}

void bdb__cpfold_free(bdb__cpfold *f)
{
	free(f->points);
	memset(f, 0, sizeof *f);
}
