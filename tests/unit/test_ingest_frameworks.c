/* test_ingest_frameworks.c - the adapters of benchmark frameworks added
 * for issue 21 (go test -json, Google Benchmark CSV, JMH, BenchmarkDotNet,
 * BenchmarkTools.jl, Luau), over the fixtures in tests/fixtures/
 * (tests/fixtures/README.md says how each was made: a real run where the
 * tool installs here, else the tool's documented format). Expected values
 * are the numbers in the files; derived values (means, bounds) were
 * computed with Python 3.11 as noted at each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "helpers/ingest_fixtures.h"

/* go test -json -bench . -benchtime 2000x -count 2: the -bench text inside
 * test2json's events, a benchmark line split over two events. */
static void test_gotest_json(void **state)
{
	(void)state;
	bdb_format detected;
	bdb_run *run = fixture_load("tests/fixtures/gotest_json/bench.json", BDB_FORMAT_AUTO, NULL,
				    &detected);
	assert_int_equal(detected, BDB_FORMAT_GOTEST_JSON);
	assert_int_equal(run->n_points, 4);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "throughput", BDB_HIGHER, "MB/s");
	const char *tags = "pkg=example.com/gojson,procs=2";
	/* "BenchmarkSort1k-2    \t" + "    2000\t     69294 ns/op\t    8216 B/op\t..."
	 * then a whole line of 86091 ns/op. python: statistics.fmean([69294, 86091]) */
	const bdb_metric *m = fixture_metric(fixture_point(run, "BenchmarkSort1k", tags), "time");
	fixture_close(m->value, 77692.5, 0);
	assert_int_equal(m->n_samples, 2);
	fixture_close(m->samples[0], 69294, 0);
	fixture_close(m->samples[1], 86091, 0);
	fixture_close(fixture_metric(fixture_point(run, "BenchmarkSort1k", tags), "alloc_bytes")->value,
		      8216, 0);
	/* python: statistics.fmean([371.55, 273.29]) */
	m = fixture_metric(fixture_point(run, "BenchmarkSHA256", tags), "throughput");
	fixture_close(m->value, 322.42, 1e-12);
	m = fixture_metric(fixture_point(run, "BenchmarkSprintf/n=100", tags), "widgets/op");
	fixture_close(m->value, 100, 0);
	assert_string_equal(fixture_env(run, "goos"), "linux");
	assert_string_equal(fixture_env(run, "cpu"), "Intel(R) Xeon(R) Processor");
	/* The first event's "Time": 2026-12-06T05:03:29.417702814Z, to the microsecond. */
	int64_t t;
	assert_int_equal(bdb_time_parse("2026-12-06T05:03:29.417702Z", &t), 0);
	assert_true(run->timestamp_us == t);
	bdb_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gotest_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
