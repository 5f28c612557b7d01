/* test_units.c - bdb_unit_factor. Factors are the SI/IEC definitions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "schema.h"

static double factor(const char *from, const char *to)
{
	double f = -1;
	assert_int_equal(bdb_unit_factor(from, to, &f), 0);
	return f;
}

static void test_time(void **state)
{
	(void)state;
	assert_true(factor("ns", "us") == 1e-3);
	assert_true(factor("us", "ns") == 1000.0);
	assert_true(factor("\xc2\xb5s", "ns") == 1000.0);
	assert_true(factor("s", "ms") == 1000.0);
	assert_true(factor("min", "s") == 60.0);
}

/* The second's long spellings, as custom JSON and data.js files write it
 * ("unit": "seconds"): the second itself, so the same series as "s". */
static void test_second_spellings(void **state)
{
	(void)state;
	assert_true(factor("seconds", "s") == 1.0);
	assert_true(factor("second", "s") == 1.0);
	assert_true(factor("secs", "s") == 1.0);
	assert_true(factor("sec", "s") == 1.0);
	assert_true(factor("seconds", "ms") == 1000.0);
	assert_true(factor("ops/second", "ops/s") == 1.0);
}

/* A time per count is the time of one iteration: cargo's native "ns"
 * goes into a series that import-gab made in the action's "ns/iter". */
static void test_time_per_count(void **state)
{
	(void)state;
	assert_true(factor("ns", "ns/iter") == 1.0);
	assert_true(factor("ns/iter", "ns") == 1.0);
	assert_true(factor("us/op", "ns") == 1000.0);
	assert_true(factor("ns", "ms/op") == 1e-6);
	assert_true(factor("ms/op", "us/op") == 1000.0);
	double f;
	assert_int_equal(bdb_unit_factor("ns/iter", "ns/op", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ns/iter", "B", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("B/iter", "B", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ns/s", "ns", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ns/iter", "ops/s", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ns/", "ns", &f), BDB_EINVAL);
	/* Sizes per count convert within the same count only. */
	assert_true(factor("KB/op", "B/op") == 1000.0);
	assert_true(factor("B/op", "KiB/op") == 1.0 / 1024);
	assert_int_equal(bdb_unit_factor("B/op", "B/iter", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("B/op", "ns/op", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("B", "B/op", &f), BDB_EINVAL);
	/* Shown in the scale of the count's own ladder: 297081 ns/op reads
	 * 297.1 µs/op (go's ns/op was "297.1k ns/op"), 1500 ns/iter 1.5 µs/iter;
	 * other counts stay as written. */
	assert_string_equal(bdb_unit_ladder("ns/op")[1], "\xc2\xb5s/op");
	assert_string_equal(bdb_unit_ladder("us/op")[3], "s/op");
	assert_string_equal(bdb_unit_ladder("ns/iter")[1], "\xc2\xb5s/iter");
	assert_string_equal(bdb_unit_ladder("B/op")[2], "MB/op");
	assert_string_equal(bdb_unit_ladder("KiB/op")[1], "KiB/op");
	assert_null(bdb_unit_ladder("allocs/op"));
	assert_null(bdb_unit_ladder("ns/call"));
	assert_null(bdb_unit_ladder("ns/op/x"));
}

static void test_sizes_and_rates(void **state)
{
	(void)state;
	assert_true(factor("MB", "B") == 1e6);
	assert_true(factor("KiB", "B") == 1024.0);
	assert_true(factor("MB/s", "B/s") == 1e6);
	assert_true(factor("B/ms", "B/s") == 1000.0);
	assert_true(factor("ops/ms", "ops/s") == 1000.0);
	assert_true(factor("elem/s", "elem/s") == 1.0);
	assert_true(factor("furlongs", "furlongs") == 1.0);
}

/* The ladder tables and charts scale by: decimal steps for B and B/s,
 * binary ones for binary units, none for counts. */
static void test_ladders(void **state)
{
	(void)state;
	const char *const *l = bdb_unit_ladder("B/s");
	assert_non_null(l);
	assert_string_equal(l[3], "GB/s");
	assert_null(l[5]);
	assert_string_equal(bdb_unit_ladder("MiB/s")[1], "KiB/s");
	assert_string_equal(bdb_unit_ladder("B")[2], "MB");
	assert_string_equal(bdb_unit_ladder("GiB")[4], "TiB");
	assert_string_equal(bdb_unit_ladder("ms")[1], "\xc2\xb5s");
	assert_string_equal(bdb_unit_ladder("min")[3], "s");
	assert_null(bdb_unit_ladder("ops/s"));
	assert_null(bdb_unit_ladder(""));
	assert_null(bdb_unit_ladder(NULL));
}

/* Conversions by a factor below 1 divide by the whole number it is the
 * reciprocal of: correctly rounded, as Python's 9 / 1000 = 0.009 and
 * 1900 / 1000 = 1.9, where 9 * 0.001 = 0.009000000000000001 and
 * 1900 * 0.001 = 1.9000000000000001. */
static void test_convert(void **state)
{
	(void)state;
	double f;
	assert_int_equal(bdb_unit_factor("us", "ms", &f), 0);
	assert_true(bdb_unit_convert(9, f) == 0.009);
	assert_true(bdb_unit_convert(1900, f) == 1.9);
	assert_true(bdb_unit_convert(2300, f) == 2.3);
	assert_int_equal(bdb_unit_factor("ns", "ms", &f), 0);
	assert_true(bdb_unit_convert(5, f) == 5e-6);
	/* Factors of 1 or more, and a factor that is no reciprocal of a whole
	 * number (KB -> KiB, 1000 / 1024), multiply. */
	assert_int_equal(bdb_unit_factor("ms", "us", &f), 0);
	assert_true(bdb_unit_convert(0.009, f) == 9.0);
	assert_int_equal(bdb_unit_factor("KB", "KiB", &f), 0);
	assert_true(bdb_unit_convert(1.024, f) == 1.024 * f);
	assert_true(bdb_unit_convert(3, 1.0) == 3.0);
}

static void test_incompatible(void **state)
{
	(void)state;
	double f;
	assert_int_equal(bdb_unit_factor("ns", "B", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ops/s", "items/s", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("MB/s", "ops/s", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor("ns", "furlongs", &f), BDB_EINVAL);
	assert_int_equal(bdb_unit_factor(NULL, "s", &f), BDB_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time),	   cmocka_unit_test(test_second_spellings),
	    cmocka_unit_test(test_time_per_count), cmocka_unit_test(test_sizes_and_rates),
	    cmocka_unit_test(test_incompatible),   cmocka_unit_test(test_convert),
	    cmocka_unit_test(test_ladders),
	};
	return cmocka_run_group_tests_name("units", tests, NULL, NULL);
}
