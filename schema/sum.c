/* sum.c - the one compensated sum, under the query statistics' mean and
 * the ingest adapters' mean alike. */
#include "schema.h"

#include <math.h>

/* Neumaier's variant of Kahan's summation: the compensation also takes the
 * low digits of the running sum when the next value is the larger. */
double bdb_sum_compensated(const double *x, size_t n, double scale)
{
	double sum = 0.0, compensation = 0.0;
	for (size_t i = 0; i < n; i++) {
		double v = x[i] * scale;
		double t = sum + v;
		if (fabs(sum) >= fabs(v))
			compensation += (sum - t) + v;
		else
			compensation += (v - t) + sum;
		sum = t;
	}
	/* An infinity makes the compensation inf - inf = NaN: the plain sum
	 * is the answer then. */
	if (!isfinite(sum))
		return sum;
	return sum + compensation;
}
