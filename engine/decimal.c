/*
 * decimal.c - doubles that are short decimals (docs/storage.md 2.8, 2.2.1).
 * Benchmark tools write values as decimals with few significant digits
 * ("%.9g", whole nanoseconds), whose binary mantissas look random to an XOR
 * or to zstd. Such a value v is m / 10^e exactly, for a small integer m:
 * the chunk and run codecs store e and m instead of v's 64 bits.
 *
 * The test is the decoder's own operation: v has the decimal form (m, e)
 * when (double)m / 10^e gives v's bits back. Both 10^e (e <= 22) and m
 * (|m| < 2^53) are exact doubles, so the division is one correctly rounded
 * IEEE operation and decodes the same everywhere. -0, NaNs, infinities and
 * values needing more digits have no decimal form; the codecs keep their
 * bits.
 */
#include <math.h>
#include <string.h>

#include "internal.h"

const double bdb__pow10[BDB__DECIMAL_MAX_EXP + 1] = {
    1e0,  1e1,	1e2,  1e3,  1e4,  1e5,	1e6,  1e7,  1e8,  1e9,	1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* 2^53: below it every integer is an exact double. */
#define EXACT_LIMIT 9007199254740992.0

bool bdb__decimal_fit(double v, unsigned e, int64_t *m)
{
	double scaled = v * bdb__pow10[e];
	/* Also false for NaN and the infinities (the comparison fails). */
	if (!(fabs(scaled) < EXACT_LIMIT))
		return false;
	int64_t guess = bdb__nearest(scaled);
	double back = bdb__decimal_value(guess, e);
	if (memcmp(&back, &v, sizeof v) != 0)
		return false; /* also -0, which comes back +0 */
	*m = guess;
	return true;
}

/*
 * Whether bdb__decimal_fit(v, k) can hold, from |v| * 10^k (scaled) alone:
 * a fit's integer M is within M * 2^-52 of scaled (two roundings of 2^-53),
 * so below 2^51, where adding and taking away 2^52 rounds scaled to its
 * nearest integer, scaled must be within scaled * 2^-50 of that integer.
 * Most exponents a search tries fail here, without the fit's division.
 */
static bool decimal_may_fit(double scaled)
{
	if (!(scaled < 0x1p51))
		return true;
	double nearest = (scaled + 0x1p52) - 0x1p52;
	return fabs(scaled - nearest) <= scaled * 0x1p-50;
}

bool bdb__decimal_find(double v, unsigned from, unsigned *e, int64_t *m)
{
	double a = fabs(v);
	for (unsigned k = from; k <= BDB__DECIMAL_MAX_EXP; k++) {
		if (decimal_may_fit(a * bdb__pow10[k]) && bdb__decimal_fit(v, k, m)) {
			*e = k;
			return true;
		}
	}
	return false;
}
