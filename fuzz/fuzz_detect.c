/*
 * fuzz_detect.c - harness for the change-point detectors (query/robust.c,
 * query/detect.c: bdb__detect_changes_at), which every `changes` runs on
 * whatever values a store holds. Checked, for finite values:
 *   - the detector returns 0 (or BDB_ENOMEM);
 *   - its points are ascending by index, a drift first (index 0, end n),
 *     each other point inside the series (1 <= index < n), an excursion's
 *     end after its start and at most n; p-values in [0, 1] (0: the
 *     windowed method's t-test between two constant sides; an excursion
 *     has none: NaN); levels finite; the robust method's noise and
 *     threshold finite and not negative;
 *   - the values times 2^k give the same points, their levels, noise and
 *     thresholds times 2^k exactly (a subnormal one to within its rounding:
 *     it has fewer bits), and the same p-values (stats.h promises it for
 *     every method).
 * The persisted fold over the detector (query/cpfold.c) is checked by the
 * property test of tests/unit/test_changelog.c: a fold needs 256 values
 * and more, which under the sanitizers take tens of seconds an input.
 * Input: byte 0 picks the decoding (bit 0), the method (bits 1-2) and the
 * spacing of the times (bits 5-7); byte 1 the options and the scale; the
 * rest are the values, as 16-bit integers over a level of 1000 (series like
 * real ones, with steps the fuzzer can place) or as raw doubles (the
 * extremes; non-finite ones skipped). At most FD_MAX_VALUES values: a
 * creeping series of 96 costs the robust method a staircase of permuted
 * splits before its drift, seconds under the sanitizers.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "engine.h"
#include "fuzz.h"
#include "stats.h"

#define FD_MAX_VALUES 96

/* Checks what holds for every answer over n values. */
static void fd_check_points(const bdb__changes *c, size_t n, bool robust)
{
	size_t drifts = 0, last = 0;
	for (size_t i = 0; i < c->count; i++) {
		const bdb__change_point *p = &c->points[i];
		if (p->kind == BDB__CHANGE_DRIFT) {
			drifts++;
			FUZZ_CHECK(robust && i == 0 && p->index == 0 && p->end == n);
			FUZZ_CHECK(isfinite(p->slope) && p->slope_lower <= p->slope_upper);
		} else {
			FUZZ_CHECK(p->index >= 1 && p->index < n && p->index > last);
			last = p->index;
		}
		if (p->kind == BDB__CHANGE_EXCURSION)
			FUZZ_CHECK(robust && p->end > p->index && p->end <= n);
		if (p->kind == BDB__CHANGE_EXCURSION) /* a rule: no p-value */
			FUZZ_CHECK(isnan(p->p_value));
		else /* 0: a t-test of two constant sides (shown "< 2.2e-308") */
			FUZZ_CHECK(p->p_value >= 0 && p->p_value <= 1);
		FUZZ_CHECK(isfinite(p->mean_before) && isfinite(p->mean_after));
		if (robust)
			FUZZ_CHECK(isfinite(p->noise) && p->noise >= 0 && isfinite(p->threshold) &&
				   p->threshold >= 0);
	}
	FUZZ_CHECK(drifts <= 1);
}

/* Whether q is p times s (a power of two): exactly, but for a subnormal
 * one, which has fewer bits: then to within the rounding of each. */
static bool fd_times(double p, double q, double s)
{
	double ps = p * s;
	if (ps == q)
		return true;
	if (fabs(ps) >= DBL_MIN && fabs(q) >= DBL_MIN && fabs(p) >= DBL_MIN)
		return false;
	return fabs(q - ps) <= (s > 1 ? s : 1) * DBL_TRUE_MIN;
}

/* Whether b is a, every level and scale times s (a power of two). */
static bool fd_scaled(const bdb__changes *a, const bdb__changes *b, double s)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		const bdb__change_point *p = &a->points[i], *q = &b->points[i];
		if (p->index != q->index || p->kind != q->kind || p->end != q->end)
			return false;
		if (!fd_times(p->mean_before, q->mean_before, s) ||
		    !fd_times(p->mean_after, q->mean_after, s) ||
		    !fd_times(p->noise, q->noise, s) || !fd_times(p->threshold, q->threshold, s))
			return false;
		if (p->p_value != q->p_value && !(isnan(p->p_value) && isnan(q->p_value)))
			return false;
	}
	return true;
}

/* Decodes the values: 16-bit steps over a level of 1000, or raw finite
 * doubles. Returns how many. */
static size_t fd_values(const uint8_t *data, size_t size, bool raw, double *x)
{
	size_t n = 0;
	if (raw) {
		for (size_t i = 0; i + 8 <= size && n < FD_MAX_VALUES; i += 8) {
			double v;
			memcpy(&v, data + i, sizeof v);
			if (isfinite(v))
				x[n++] = v;
		}
		return n;
	}
	for (size_t i = 0; i + 2 <= size && n < FD_MAX_VALUES; i += 2) {
		int16_t v;
		memcpy(&v, data + i, sizeof v);
		x[n++] = 1000.0 + v / 64.0;
	}
	return n;
}

int fuzz_detect(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	uint8_t how = data[0], opts = data[1];
	bdb__changes a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	double *x = malloc(FD_MAX_VALUES * sizeof *x), *t = malloc(FD_MAX_VALUES * sizeof *t);
	double *y = malloc(FD_MAX_VALUES * sizeof *y);
	if (!x || !t || !y)
		goto out;
	size_t n = fd_values(data + 2, size - 2, how & 1, x);
	for (size_t i = 0; i < n; i++)
		t[i] = (double)i * (1 + (how >> 5)) / 2.0; /* days, evenly spaced */

	bdb__changes_options opt;
	switch ((how >> 1) & 3) {
	case 0:
	case 1:
		bdb__changes_options_robust(&opt);
		break;
	case 2:
		bdb__changes_options_default(&opt);
		break;
	default:
		bdb__changes_options_windowed(&opt);
		opt.window = 10 + (opts & 31);
		break;
	}
	/* Speed: the checks hold for any count. The robust method needs 99 to
	 * reach its p of 0.01 (1/100); E-Divisive's 0.05 is reached with 19. */
	opt.permutations = opt.robust || (opts & 0x20) ? 99 : 19;
	if (opt.robust && (opts & 0x40)) {
		opt.effect = 1;
		opt.floor_pct = 0;
	}

	int rc = bdb__detect_changes_at(x, t, n, &opt, &a);
	FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
	if (rc)
		goto out;
	fd_check_points(&a, n, opt.robust);

	/* x * 2^k, with k keeping every value finite and not subnormal. */
	double top = 0;
	for (size_t i = 0; i < n; i++)
		top = fmax(top, fabs(x[i]));
	int k = (opts & 0x80) ? -3 : 5;
	if (top > 0x1p1000 && k > 0)
		k = -k;
	double s = ldexp(1, k);
	bool exact = true;
	for (size_t i = 0; i < n; i++) {
		y[i] = x[i] * s;
		if (y[i] != 0 && (fabs(y[i]) < DBL_MIN || y[i] / s != x[i]))
			exact = false;
	}
	if (exact) {
		rc = bdb__detect_changes_at(y, t, n, &opt, &b);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		if (!rc)
			FUZZ_CHECK(fd_scaled(&a, &b, s));
	}

out:
	bdb__changes_free(&a);
	bdb__changes_free(&b);
	free(x);
	free(t);
	free(y);
	return 0;
}

FUZZ_ENTRY(fuzz_detect)
