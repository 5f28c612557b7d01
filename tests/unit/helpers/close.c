/* close.c - floating-point assertions; see close.h. */
#include "close.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

void check_close(double actual, double expected, double rel, const char *what, const char *file,
		 int line)
{
	bool ok;
	if (isnan(expected))
		ok = isnan(actual);
	else if (isinf(expected))
		ok = actual == expected;
	else
		ok = fabs(actual - expected) <= rel * (expected == 0.0 ? 1.0 : fabs(expected));
	if (!ok) {
		print_error("%s = %.17g, expected %.17g (relative tolerance %g)\n", what, actual,
			    expected, rel);
		_fail(file, line);
	}
}

void check_same_double(double actual, double expected, const char *what, const char *file, int line)
{
	bool ok =
	    (isnan(actual) && isnan(expected)) || memcmp(&actual, &expected, sizeof actual) == 0;
	if (!ok) {
		print_error("%s = %.17g (%a), expected exactly %.17g (%a)\n", what, actual, actual,
			    expected, expected);
		_fail(file, line);
	}
}
