/* test_ingest_tools_more.c - the adapters added for the outputs that
 * github-action-benchmark reads and other widely run tools, over real
 * outputs of the tools (tests/fixtures/README.md says how each was made).
 * Expected values are the numbers in the files; derived values (bounds,
 * means) were computed with Python 3.11, as noted at each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "helpers/ingest_fixtures.h"

static void test_benchmarkjs(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/benchmarkjs/suite.txt", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_BENCHMARKJS);
	assert_int_equal(run->n_points, 3);
	assert_string_equal(run->points[0].name, "RegExp#test");
	assert_string_equal(run->points[2].name, "Array#reduce (1000)");
	fixture_def(run, "throughput", BDB_HIGHER, "ops/s");
	fixture_def(run, "runs", BDB_INFO, NULL);

	/* RegExp#test x 50,721,161 ops/sec ±3.49% (89 runs sampled) */
	const bdb_metric *m = fixture_metric(fixture_point(run, "RegExp#test", ""), "throughput");
	fixture_close(m->value, 50721161, 0);
	assert_string_equal(m->unit, "ops/s");
	assert_true(m->has_lower);
	/* python: 50721161 * (1 - 3.49 / 100), 50721161 * (1 + 3.49 / 100) */
	fixture_close(m->lower, 48950992.4811, 1e-12);
	fixture_close(m->upper, 52491329.5189, 1e-12);
	fixture_close(fixture_metric(fixture_point(run, "RegExp#test", ""), "runs")->value, 89, 0);

	m = fixture_metric(fixture_point(run, "String#indexOf", ""), "throughput");
	fixture_close(m->value, 1075584217, 0);
	m = fixture_metric(fixture_point(run, "Array#reduce (1000)", ""), "throughput");
	fixture_close(m->value, 1398553, 0);
	fixture_close(fixture_metric(fixture_point(run, "Array#reduce (1000)", ""), "runs")->value,
		      97, 0);
	bdb_run_free(run);
}

/* "+-" for "±", "1 run", a name again (samples and a mean), other lines. */
static void test_benchmarkjs_variants(void **state)
{
	(void)state;
	static const char text[] = "> node bench.js\n"
				   "fib(20) x 11,465 ops/sec +-1.12% (91 runs sampled)\n"
				   "fib(20) x 11,000.5 ops/sec \xc2\xb1"
				   "2% (1 run sampled)\n"
				   "matrix 3 x 3 is printed here\n"
				   "Fastest is fib(20)\n";
	bdb_run *run;
	bdb_diag d;
	bdb_input_format detected;
	assert_int_equal(bdb_ingest_buffer("b.txt", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, &detected, &d),
			 0);
	assert_int_equal(detected, BDB_INPUT_BENCHMARKJS);
	assert_int_equal(run->n_points, 1);
	const bdb_metric *m = fixture_metric(fixture_point(run, "fib(20)", ""), "throughput");
	/* python: statistics.fmean([11465, 11000.5]) */
	fixture_close(m->value, 11232.75, 0);
	assert_int_equal(m->n_samples, 2);
	assert_false(m->has_lower);
	fixture_close(fixture_metric(fixture_point(run, "fib(20)", ""), "runs")->value, 46, 0);
	bdb_run_free(run);
}

static void test_catch2_console(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/catch2/console.txt", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CATCH2);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "stddev", BDB_INFO, "ns");

	/* fib 15   20   23   554.76 us / 838.924 ns 833.409 ns 857.613 ns /
	 * 20.9124 ns ... */
	const bdb_point *p = fixture_point(run, "fib 15", "test_case=Fibonacci");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 838.924, 0);
	assert_string_equal(m->unit, "ns");
	fixture_close(m->lower, 833.409, 0);
	fixture_close(m->upper, 857.613, 0);
	fixture_close(fixture_metric(p, "stddev")->value, 20.9124, 0);
	fixture_close(fixture_metric(p, "samples")->value, 20, 0);
	fixture_close(fixture_metric(p, "iterations")->value, 23, 0);

	/* fib 20 is in microseconds. */
	m = fixture_metric(fixture_point(run, "fib 20", "test_case=Fibonacci"), "time");
	fixture_close(m->value, 10.8098, 0);
	assert_string_equal(m->unit, "us");
	fixture_close(m->upper, 14.8835, 0);

	p = fixture_point(run, "accumulate 10000", "test_case=Vector");
	fixture_close(fixture_metric(p, "time")->value, 3.44742, 0);
	fixture_close(fixture_metric(p, "stddev")->value, 342.107, 0);
	assert_string_equal(fixture_metric(p, "stddev")->unit, "ns");
	bdb_run_free(run);
}

/* Catch2 2.13's console output around a benchmark table: its banner and
 * the test case's header (BANNER), the table's (HEADER adds it), then
 * (FOOTER) the totals. */
/* clang-format off */
#define CATCH2_BANNER(test_case, source) \
	"bench is a Catch v2.13.10 host application.\n" \
	"Run with -? for options\n" \
	"\n" \
	"-------------------------------------------------------------------------------\n" \
	test_case "\n" \
	"-------------------------------------------------------------------------------\n" \
	source "\n" \
	"...............................................................................\n" \
	"\n"
#define CATCH2_HEADER(test_case, source) \
	CATCH2_BANNER(test_case, source) \
	"benchmark name                       samples       iterations    estimated\n" \
	"                                     mean          low mean      high mean\n" \
	"                                     std dev       low std dev   high std dev\n" \
	"-------------------------------------------------------------------------------\n"
#define CATCH2_FOOTER \
	"===============================================================================\n" \
	"test cases: 1 | 1 passed\n" \
	"assertions: - none -\n"
/* clang-format on */

/* text[0..len) ingested as Catch2 console output (the test fails when it
 * does not load). */
static bdb_run *catch2_text(const char *name, const char *text, size_t len)
{
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer(name, text, len, BDB_INPUT_CATCH2, NULL, &run, NULL, &d),
			 0);
	return run;
}

/*
 * A benchmark run twice in one test case (a BENCHMARK in a loop prints its
 * name again) whose mean Catch2 prints in another unit the second time
 * (each value takes the unit that keeps it below 1000): its values are
 * samples of one point, in the first one's unit. The samples were the
 * numbers as printed, 838.924 (ns) and 1.00124 (us), and the mean
 * "419.96262 us". Expected (Python): 1.00124 us = 1001.24 ns,
 * statistics.fmean([838.924, 1001.24]) = 920.082; the std devs 20.9124 ns
 * and 1.02345 us, fmean([20.9124, 1023.45]) = 522.1812.
 */
static void test_catch2_repeated_in_other_units(void **state)
{
	(void)state;
	/* clang-format off */
	static const char text[] = CATCH2_HEADER("Fibonacci", "bench.cpp:9")
	    "fib 15                                          20            23     554.76 us \n"
	    "                                        838.924 ns    833.409 ns    857.613 ns \n"
	    "                                        20.9124 ns    5.23983 ns    41.2235 ns \n"
	    "                                                                               \n"
	    "fib 15                                          20            23     584.76 us \n"
	    "                                        1.00124 us    990.409 ns    1.05761 us \n"
	    "                                        1.02345 us    5.23983 ns    2.01122 us \n"
	    "                                                                               \n"
	    CATCH2_FOOTER;
	/* clang-format on */
	bdb_run *run = catch2_text("loop.txt", text, sizeof text - 1);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = fixture_point(run, "fib 15", "test_case=Fibonacci");
	const bdb_metric *m = fixture_metric(p, "time");
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->n_samples, 2);
	fixture_close(m->samples[0], 838.924, 0);
	fixture_close(m->samples[1], 1001.24, 1e-15);
	fixture_close(m->value, 920.082, 1e-15);
	m = fixture_metric(p, "stddev");
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->n_samples, 2);
	fixture_close(m->samples[1], 1023.45, 1e-15);
	fixture_close(m->value, 522.1812, 1e-15);
	bdb_run_free(run);
}

/*
 * Catch2 prints a duration of a minute or more in minutes, with the unit
 * "m" (Catch2 2.13's Duration: Unit::Minutes, unitsAsString() "m"): a slow
 * benchmark's estimated run time (samples x iterations x its time) is the
 * first to reach it. Such a benchmark was dropped without a word (its
 * first line did not parse and was taken for a wrapped name), and a mean
 * in minutes was refused. "m" is a minute here (min).
 */
static void test_catch2_minutes(void **state)
{
	(void)state;
	/* clang-format off */
	static const char text[] = CATCH2_HEADER("Slow", "slow.cpp:9")
	    "solve 1000                                     100             1     1.66667 m \n"
	    "                                        1.00124 s     998.409 ms    1.00761 s \n"
	    "                                        12.3456 ms    8.23983 ms    18.2235 ms \n"
	    "                                                                               \n"
	    "solve 9000                                       2             1     2.50139 m \n"
	    "                                        1.25069 m     1.2401 m      1.26128 m \n"
	    "                                        1.12345 s     0 ns          1.5 s \n"
	    "                                                                               \n"
	    CATCH2_FOOTER;
	/* clang-format on */
	bdb_run *run = catch2_text("slow.txt", text, sizeof text - 1);
	assert_int_equal(run->n_points, 2);
	const bdb_metric *m =
	    fixture_metric(fixture_point(run, "solve 1000", "test_case=Slow"), "time");
	fixture_close(m->value, 1.00124, 0);
	assert_string_equal(m->unit, "s");
	m = fixture_metric(fixture_point(run, "solve 9000", "test_case=Slow"), "time");
	fixture_close(m->value, 1.25069, 0);
	assert_string_equal(m->unit, "min");
	fixture_close(m->lower, 1.2401, 0);
	fixture_close(m->upper, 1.26128, 0);
	bdb_run_free(run);
}

/*
 * A benchmark that throws: Catch2 prints "Benchmark failed (WHAT)" in the
 * next column of its table (ConsoleReporter::benchmarkFailed), under its
 * first line when it failed while measured, or beside its name when it
 * failed before. The whole output was refused ("malformed Catch2 benchmark
 * \"grow\": expected mean, low mean and high mean ...") in the first case,
 * and in the second the line was taken for part of the next name. The
 * failed benchmark is left out, named in the metadata as gbench's are.
 */
static void test_catch2_failed_benchmark(void **state)
{
	(void)state;
	/* clang-format off */
	static const char text[] = CATCH2_HEADER("Vector", "bench.cpp:14")
	    "grow                                            20             1     1.2345 ms \n"
	    "Benchmark failed (std::bad_alloc)                                             \n"
	    "parse                                Benchmark failed (bad input) \n"
	    "accumulate 10000                                20             8     545.76 us \n"
	    "                                        3.44742 us    3.35276 us    3.77444 us \n"
	    "                                        342.107 ns    1.00592 ns    670.809 ns \n"
	    "                                                                               \n"
	    CATCH2_FOOTER;
	/* clang-format on */
	bdb_run *run = catch2_text("failed.txt", text, sizeof text - 1);
	assert_int_equal(run->n_points, 1);
	fixture_close(
	    fixture_metric(fixture_point(run, "accumulate 10000", "test_case=Vector"), "time")
		->value,
	    3.44742, 0);
	assert_string_equal(bdb_run_get_meta(run, "error:grow"), "std::bad_alloc");
	assert_string_equal(bdb_run_get_meta(run, "error:parse"), "bad input");
	bdb_run_free(run);
}

/*
 * With --benchmark-no-analysis Catch2 prints one line per benchmark under
 * a one-line header (ConsoleReporter's columns "benchmark name",
 * "samples", "iterations", "mean"): samples, iterations and the mean of
 * the samples, no interval, no deviation. It was refused ("expected mean,
 * low mean and high mean as three times with units"), though every number
 * is there. time = the mean (no bounds), samples and iterations.
 */
static void test_catch2_no_analysis(void **state)
{
	(void)state;
	/* clang-format off */
	static const char text[] = CATCH2_BANNER("Fibonacci", "bench.cpp:9")
	    "benchmark name                          samples    iterations          mean\n"
	    "-------------------------------------------------------------------------------\n"
	    "fib 15                                          20            23    838.924 ns \n"
	    "fib 20                                          20             3    10.8098 us \n"
	    "\n"
	    CATCH2_FOOTER;
	/* clang-format on */
	bdb_run *run = catch2_text("plain.txt", text, sizeof text - 1);
	assert_int_equal(run->n_points, 2);
	const bdb_point *p = fixture_point(run, "fib 15", "test_case=Fibonacci");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 838.924, 0);
	assert_string_equal(m->unit, "ns");
	assert_false(m->has_lower);
	fixture_close(fixture_metric(p, "samples")->value, 20, 0);
	fixture_close(fixture_metric(p, "iterations")->value, 23, 0);
	assert_null(bdb_point_find_metric(p, "stddev"));
	m = fixture_metric(fixture_point(run, "fib 20", "test_case=Fibonacci"), "time");
	fixture_close(m->value, 10.8098, 0);
	assert_string_equal(m->unit, "us");
	bdb_run_free(run);
}

/* A name longer than its column is wrapped onto lines of its own. */
static void test_catch2_wrapped_name(void **state)
{
	(void)state;
	bdb_run *run =
	    fixture_load("tests/fixtures/catch2/long.txt", BDB_INPUT_CATCH2, NULL, NULL);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = fixture_point(
	    run, "a benchmark whose name is much longer than the name column of the table",
	    "test_case=Long names");
	fixture_close(fixture_metric(p, "time")->value, 0.334343, 0);
	fixture_close(fixture_metric(p, "time")->lower, 0.334184, 0);
	fixture_close(fixture_metric(p, "stddev")->value, 0.000269147, 0);
	fixture_close(fixture_metric(p, "iterations")->value, 74435, 0);
	bdb_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_benchmarkjs),
	    cmocka_unit_test(test_benchmarkjs_variants),
	    cmocka_unit_test(test_catch2_console),
	    cmocka_unit_test(test_catch2_wrapped_name),
	    cmocka_unit_test(test_catch2_repeated_in_other_units),
	    cmocka_unit_test(test_catch2_minutes),
	    cmocka_unit_test(test_catch2_failed_benchmark),
	    cmocka_unit_test(test_catch2_no_analysis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
