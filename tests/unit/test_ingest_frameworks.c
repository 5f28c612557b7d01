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
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gotest_json/bench.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GOTEST_JSON);
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
	fixture_close(
	    fixture_metric(fixture_point(run, "BenchmarkSort1k", tags), "alloc_bytes")->value, 8216,
	    0);
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

/* --benchmark_format=csv --benchmark_repetitions=3 (libbenchmark 1.7.1):
 * iteration rows become samples; the _mean/_median/_stddev/_cv rows are
 * Google Benchmark's own aggregates and are skipped. */
static void test_gbench_csv(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gbench_csv/bench.csv", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GBENCH_CSV);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "real_time", BDB_LOWER, "ns");
	fixture_def(run, "bytes_per_second", BDB_HIGHER, "B/s");
	fixture_def(run, "items_per_second", BDB_HIGHER, "items/s");
	const bdb_metric *m = fixture_metric(fixture_point(run, "BM_memcpy/64", ""), "real_time");
	assert_int_equal(m->n_samples, 3);
	fixture_close(m->samples[1], 7.3217, 0);
	/* python: statistics.fmean([8.40677, 7.3217, 5.30853]); the file's own
	 * BM_memcpy/64_mean row says 7.01233 */
	fixture_close(m->value, 7.012333333333333, 1e-12);
	/* A quoted label with a comma and doubled quotes becomes tag label
	 * (fixture_point's "k=v,k=v" cannot say it: the point is the third). */
	const bdb_point *p = &run->points[2];
	assert_string_equal(p->name, "BM_sort/256");
	assert_int_equal(p->n_tags, 1);
	assert_string_equal(p->tags[0].key, "label");
	assert_string_equal(p->tags[0].value, "ints, \"random\"");
	/* python: statistics.fmean([111605000, 107165000, 108369000]) */
	fixture_close(fixture_metric(p, "items_per_second")->value, 109046333.33333333, 1e-12);
	fixture_close(fixture_metric(p, "swaps")->value, 256, 0);
	bdb_run_free(run);
}

/*
 * A row Google Benchmark's CSV reporter leaves out (src/csv_reporter.cc):
 * the name, empty fields up to error_occurred, then true (an error) or
 * false (1.8's SkipWithMessage) and the message, and no user counter
 * fields. With a counter in the header the row is shorter than the
 * header, and the whole file was refused ("expected 11 fields as the
 * header has, got 10"). Both are left out and named in the metadata.
 */
static void test_gbench_csv_left_out_rows(void **state)
{
	(void)state;
	static const char text[] =
	    "name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,"
	    "label,error_occurred,error_message,\"swaps\"\n"
	    "\"BM_sort/256\",1000,5.5,5.25,us,,,,,,256\n"
	    "\"BM_open\",,,,,,,,true,\"could not open\"\n"
	    "\"BM_gpu\",,,,,,,,false,\"no GPU on this machine\"\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("left.csv", text, sizeof text - 1, BDB_INPUT_GBENCH_CSV,
					   NULL, &run, NULL, &d),
			 0);
	assert_int_equal(run->n_points, 1);
	fixture_close(fixture_metric(fixture_point(run, "BM_sort/256", ""), "swaps")->value, 256,
		      0);
	assert_string_equal(bdb_run_get_meta(run, "error:BM_open"), "could not open");
	assert_string_equal(bdb_run_get_meta(run, "skipped:BM_gpu"), "no GPU on this machine");
	bdb_run_free(run);
}

/* --benchmark_report_aggregates_only: the _mean row stands for its benchmark. */
static void test_gbench_csv_aggregates_only(void **state)
{
	(void)state;
	static const char text[] =
	    "name,iterations,real_time,cpu_time,time_unit,bytes_per_second,items_per_second,"
	    "label,error_occurred,error_message\n"
	    "\"BM_a_mean\",3,12.5,12,us,,,,,\n"
	    "\"BM_a_median\",3,12.25,11.5,us,,,,,\n"
	    "\"BM_a_stddev\",3,0.5,0.25,us,,,,,\n"
	    "\"BM_fail\",0,0,0,ns,,,,true,\"could not open\"\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("a.csv", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	assert_int_equal(run->n_points, 1);
	const bdb_metric *m = fixture_metric(fixture_point(run, "BM_a", ""), "real_time");
	fixture_close(m->value, 12.5, 0);
	assert_string_equal(m->unit, "us");
	assert_string_equal(fixture_meta(run, "error:BM_fail"), "could not open");
	bdb_run_free(run);
}

/* JMH -rf json (built from the documented format by make_fixture.py). */
static void test_jmh(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/jmh/jmh-result.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_JMH);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "throughput", BDB_HIGHER, "ops/ms");
	fixture_def(run, "time", BDB_LOWER, "us");
	const bdb_metric *m = fixture_metric(
	    fixture_point(run, "org.sample.ListBench.sum", "mode=thrpt,size=100"), "throughput");
	/* python: statistics.fmean of the six rawData values */
	fixture_close(m->value, 1529.9166666666667, 1e-12);
	fixture_close(m->lower, 1507.3089962876586, 0);
	fixture_close(m->upper, 1552.5243370456749, 0);
	assert_int_equal(m->n_samples, 6);
	fixture_close(m->samples[3], 1541.2, 0);
	/* avgt in us/op: metric time in us; the gc profiler's metric without its dot. */
	const bdb_point *p = fixture_point(run, "org.sample.StringBench.concat", "mode=avgt");
	m = fixture_metric(p, "time");
	fixture_close(m->value, 0.5078333333333334, 1e-12);
	assert_string_equal(m->unit, "us");
	m = fixture_metric(p, "gc.alloc.rate");
	fixture_close(m->value, 1843.2, 0);
	assert_string_equal(m->unit, "MB/s");
	assert_false(m->has_lower);
	assert_string_equal(fixture_env(run, "jdkVersion"), "17.0.15");
	assert_string_equal(fixture_meta(run, "forks"), "2");
	bdb_run_free(run);
}

/* BenchmarkDotNet full JSON (built from the documented format by make_fixture.py). */
static void test_benchmarkdotnet(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/benchmarkdotnet/report-full.json",
				    BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_BENCHMARKDOTNET);
	assert_int_equal(run->n_points, 2);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "stddev", BDB_INFO, "ns");
	const bdb_point *p =
	    fixture_point(run, "Sample.Benchmarks.StringBench.Builder(N: 100)", "N=100");
	const bdb_metric *m = fixture_metric(p, "time");
	/* python: statistics.fmean([812.4, 798.9, 805.3, 820.7, 809.1]); the
	 * interval is the file's ConfidenceInterval.Lower / .Upper */
	fixture_close(m->value, 809.28, 1e-12);
	fixture_close(m->lower, 778.010969328012, 0);
	fixture_close(m->upper, 840.5490306719879, 0);
	assert_int_equal(m->n_samples, 5);
	fixture_close(m->samples[4], 809.1, 0);
	/* python: statistics.stdev([812.4, 798.9, 805.3, 820.7, 809.1]) */
	fixture_close(fixture_metric(p, "stddev")->value, 8.120467966810807, 1e-12);
	m = fixture_metric(p, "Allocated Memory");
	fixture_close(m->value, 1064, 0);
	assert_string_equal(m->unit, "B");
	fixture_def(run, "Allocated Memory", BDB_LOWER, "B");
	assert_string_equal(fixture_env(run, "RuntimeVersion"), ".NET 8.0.0 (8.0.23.53103)");
	assert_string_equal(fixture_env(run, "ChronometerFrequency.Hertz"), "1000000000");
	assert_string_equal(fixture_meta(run, "title"),
			    "Sample.Benchmarks.StringBench-20261206-051200");
	bdb_run_free(run);
}

/* BenchmarkTools.save JSON (built from the documented layout by make_fixture.py). */
static void test_julia(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/julia/estimates.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_JULIA);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "memory", BDB_LOWER, "B");
	/* Nested groups join their keys with "/", as github-action-benchmark names them. */
	fixture_close(fixture_metric(fixture_point(run, "fib/10", ""), "time")->value,
		      246.03846153846155, 0);
	const bdb_point *p = fixture_point(run, "sort/rand 1000", "");
	fixture_close(fixture_metric(p, "gctime")->value, 1204.25, 0);
	fixture_close(fixture_metric(p, "memory")->value, 8064, 0);
	fixture_close(fixture_metric(p, "allocs")->value, 2, 0);
	fixture_close(fixture_metric(fixture_point(run, "fib/10", ""), "evals")->value, 390, 0);
	assert_string_equal(fixture_env(run, "Julia"), "1.10.4");
	bdb_run_free(run);

	/* A raw Trial: its times are the samples, the value their mean. */
	run = fixture_load("tests/fixtures/julia/trials.json", BDB_INPUT_AUTO, NULL, &detected);
	const bdb_metric *m = fixture_metric(fixture_point(run, "sum", ""), "time");
	/* python: statistics.fmean([1210.0, 1185.5, 1502.0, 1199.5]) */
	fixture_close(m->value, 1274.25, 0);
	assert_int_equal(m->n_samples, 4);
	/* python: statistics.fmean([0.0, 0.0, 310.0, 0.0]) */
	fixture_close(fixture_metric(fixture_point(run, "sum", ""), "gctime")->value, 77.5, 0);
	bdb_run_free(run);
}

/* Luau's bench.py output (built from its documented output). */
static void test_benchmarkluau(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/benchmarkluau/bench.txt", BDB_INPUT_AUTO, NULL,
				    &detected);
	assert_int_equal(detected, BDB_INPUT_BENCHMARKLUAU);
	assert_int_equal(run->n_points, 3); /* the Total row is no benchmark */
	fixture_def(run, "time", BDB_LOWER, "ms");
	fixture_def(run, "min", BDB_LOWER, "ms");
	const bdb_point *p = fixture_point(run, "qsort", "driver=luau");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 23.884, 0);
	/* python: 23.884 * (1 - 1.075 / 100), 23.884 * (1 + 1.075 / 100) */
	fixture_close(m->lower, 23.627247, 1e-12);
	fixture_close(m->upper, 24.140753, 1e-12);
	fixture_close(fixture_metric(p, "min")->value, 23.501, 0);
	bdb_run_free(run);
}

/* Catch2 2.13.10 -r xml over the console fixture's benchmarks. */
static void test_catch2_xml(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/catch2_xml/bench.xml", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CATCH2_XML);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "stddev", BDB_INFO, "ns");
	/* <mean value="14332.4" lowerBound="13706.5" upperBound="15150.2" ci="0.95"/> */
	const bdb_point *p = fixture_point(run, "fib 20", "test_case=Fibonacci");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 14332.4, 0);
	fixture_close(m->lower, 13706.5, 0);
	fixture_close(m->upper, 15150.2, 0);
	fixture_close(fixture_metric(p, "stddev")->value, 1623.89, 0);
	fixture_close(fixture_metric(p, "iterations")->value, 3, 0);
	p = fixture_point(run, "accumulate 10000", "test_case=Vector");
	fixture_close(fixture_metric(p, "time")->value, 5223.37, 0);
	bdb_run_free(run);
}

/* Entities in attributes and a test case without benchmarks. */
static void test_catch2_xml_entities(void **state)
{
	(void)state;
	static const char text[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<Catch2TestRun name=\"t\">\n"
	    "  <TestCase name=\"asserts\"><Expression success=\"true\"/></TestCase>\n"
	    "  <TestCase name=\"a &amp; b\">\n"
	    "    <BenchmarkResults name=\"x &lt; 3 &#x3bc;\" samples=\"5\" iterations=\"2\">\n"
	    "      <mean value=\"1.5\" lowerBound=\"1.25\" upperBound=\"2\" ci=\"0.95\"/>\n"
	    "    </BenchmarkResults>\n"
	    "  </TestCase>\n"
	    "</Catch2TestRun>\n";
	bdb_run *run;
	bdb_diag d;
	bdb_input_format detected;
	assert_int_equal(bdb_ingest_buffer("t.xml", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, &detected, &d),
			 0);
	assert_int_equal(detected, BDB_INPUT_CATCH2_XML);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = fixture_point(run, "x < 3 \xce\xbc", "test_case=a & b");
	fixture_close(fixture_metric(p, "time")->value, 1.5, 0);
	bdb_run_free(run);
}

/* pytest 7.2.1 --junitxml: passing, failing, skipped and parametrized tests. */
static void test_junit(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/junit/pytest.xml", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_JUNIT);
	assert_int_equal(run->n_points, 6); /* 7 tests, the skipped one measured nothing */
	fixture_def(run, "time", BDB_LOWER, "s");
	fixture_close(
	    fixture_metric(fixture_point(run, "test_sample.test_sleep_short", "suite=pytest"),
			   "time")
		->value,
	    0.035, 0);
	fixture_close(
	    fixture_metric(fixture_point(run, "test_sample.test_fib[20]", "suite=pytest"), "time")
		->value,
	    0.010, 0);
	fixture_point(run, "test_sample.TestStrings.test_join", "suite=pytest");
	assert_string_equal(fixture_meta(run, "failed:test_sample.test_fails"),
			    "assert (1 + 1) == 3");
	assert_string_equal(fixture_env(run, "hostname"), "vm");
	int64_t t;
	assert_int_equal(bdb_time_parse("2026-12-06T05:20:18.601107Z", &t), 0);
	assert_true(run->timestamp_us == t);
	bdb_run_free(run);
}

/* vitest 1.6.1 bench --outputJson (tinybench 2.9 results). */
static void test_vitest(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/vitest/bench.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_VITEST);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "throughput", BDB_HIGHER, "ops/s");
	fixture_def(run, "time", BDB_LOWER, "ms");
	fixture_def(run, "p99", BDB_INFO, "ms");
	const bdb_point *p = fixture_point(run, "Array.sort 1000", "group=sort.bench.js > sort");
	const bdb_metric *m = fixture_metric(p, "throughput");
	fixture_close(m->value, 1691.9499521204127, 0);
	/* python: h = 1691.9499521204127; r = 18.696686344836912; h - h * r / 100, h + h * r / 100
	 */
	fixture_close(m->lower, 1375.6113764608408, 1e-12);
	fixture_close(m->upper, 2008.2885277799846, 1e-12);
	m = fixture_metric(p, "time");
	fixture_close(m->value, 0.5910340307328618, 0);
	/* python: 0.5910340307328618 -/+ 0.11050377891737016 */
	fixture_close(m->lower, 0.48053025181549164, 1e-12);
	fixture_close(fixture_metric(p, "p99")->value, 8.510099999999966, 0);
	fixture_close(fixture_metric(p, "samples")->value, 846, 0);
	fixture_point(run, "JSON round trip", "group=sort.bench.js");
	bdb_run_free(run);
}

/* cargo-criterion --message-format=json (built from the documented format). */
static void test_criterion_json(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/criterion_json/messages.json", BDB_INPUT_AUTO,
				    NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CRITERION_JSON);
	assert_int_equal(run->n_points, 3);
	fixture_def(run, "time", BDB_LOWER, "ns");
	const bdb_metric *m = fixture_metric(fixture_point(run, "fib/20", ""), "time");
	/* the file's typical.estimate: python sum(c*v)/sum(c*c) over the samples */
	fixture_close(m->value, 26059.81818181818, 1e-12);
	fixture_close(m->lower, 25950, 0);
	assert_int_equal(m->n_samples, 5);
	fixture_close(m->samples[0], 26120, 0); /* 2612000.0 / 100 */
	m = fixture_metric(fixture_point(run, "checksum/4096", ""), "throughput");
	/* python: 4096 / (1524.4e-9) */
	fixture_close(m->value, 2686958803.463658, 1e-12);
	assert_string_equal(m->unit, "B/s");
	fixture_def(run, "throughput", BDB_HIGHER, "B/s");
	bdb_run_free(run);
}

/* hyperfine 1.15.0 --export-csv, with and without a parameter scan. */
static void test_hyperfine_csv(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/hyperfine_csv/runs.csv", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_HYPERFINE_CSV);
	assert_int_equal(run->n_points, 2);
	fixture_def(run, "time", BDB_LOWER, "s");
	fixture_def(run, "median", BDB_INFO, "s");
	const bdb_point *p = fixture_point(run, "sleep 0.01", "");
	fixture_close(fixture_metric(p, "time")->value, 0.012390166400000001, 0);
	fixture_close(fixture_metric(p, "max")->value, 0.015440738, 0);
	fixture_close(fixture_metric(fixture_point(run, "true", ""), "user")->value, 0.0009707, 0);
	bdb_run_free(run);

	run = fixture_load("tests/fixtures/hyperfine_csv/param.csv", BDB_INPUT_AUTO, NULL, NULL);
	p = fixture_point(run, "sleep 0.002", "n=2");
	fixture_close(fixture_metric(p, "time")->value, 0.007786607200000001, 0);
	bdb_run_free(run);
}

/* A metric without a unit after a definition with one takes the definition's,
 * as the store reads it back (found by fuzz ingest_json: the run failed its
 * encode round trip). */
static void test_unit_from_definition(void **state)
{
	(void)state;
	static const char text[] =
	    "{\"Title\": \"t\", \"Benchmarks\": [\n"
	    " {\"FullName\": \"A\", \"Statistics\": {\"Mean\": 1},\n"
	    "  \"Metrics\": [{\"Value\": 56, \"Descriptor\": {\"Id\": \"Allocated\", \"Unit\": "
	    "\"B\"}}]},\n"
	    " {\"FullName\": \"B\", \"Statistics\": {\"Mean\": 2},\n"
	    "  \"Metrics\": [{\"Value\": 64, \"Descriptor\": {\"Id\": \"Allocated\"}}]}]}\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("u.json", text, sizeof text - 1, BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	const bdb_metric *m = fixture_metric(fixture_point(run, "B", ""), "Allocated");
	fixture_close(m->value, 64, 0);
	assert_non_null(m->unit);
	assert_string_equal(m->unit, "B");
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_run *back = NULL;
	assert_int_equal(bdb_run_encode(run, &out), 0);
	assert_int_equal(bdb_run_decode(out.data, out.len, &back, &d), 0);
	assert_true(bdb_run_equal(run, back));
	bdb_run_free(back);
	bdb_buf_free(&out);
	bdb_run_free(run);
}

/* gab.c keeps samples only from a name's second result on: a name three
 * times still gives all three, in order, and their mean. */
static void test_gab_name_three_times(void **state)
{
	(void)state;
	static const char text[] =
	    "[{\"name\": \"a\", \"unit\": \"ns\", \"value\": 10, \"range\": \"\xc2\xb1 1\"},\n"
	    " {\"name\": \"b\", \"unit\": \"ns\", \"value\": 7},\n"
	    " {\"name\": \"a\", \"unit\": \"ns\", \"value\": 12},\n"
	    " {\"name\": \"a\", \"unit\": \"ns\", \"value\": 17}]\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("g.json", text, sizeof text - 1, BDB_INPUT_GAB, NULL,
					   &run, NULL, &d),
			 0);
	const bdb_metric *m = fixture_metric(fixture_point(run, "a", ""), "value");
	assert_int_equal(m->n_samples, 3);
	assert_true(m->samples[0] == 10 && m->samples[1] == 12 && m->samples[2] == 17);
	fixture_close(m->value, 13, 0); /* python: statistics.fmean([10, 12, 17]) */
	assert_false(m->has_lower);
	m = fixture_metric(fixture_point(run, "b", ""), "value");
	assert_int_equal(m->n_samples, 0);
	fixture_close(m->value, 7, 0);
	bdb_run_free(run);
}

/* A name repeated in another unit was averaged as if one measurement:
 * 100 ms and 0.2 s gave "50.1 s", and hermit-os's "2 Threads" (30 ns, then
 * 99.9 %) "64.95 %". A unit that converts is converted into the first
 * one's; one that does not is a point of its own, tagged unit=. */
static void test_gab_name_in_two_units(void **state)
{
	(void)state;
	static const char text[] =
	    "[{\"name\": \"a\", \"unit\": \"ms\", \"value\": 100, \"range\": \"\xc2\xb1 10\"},\n"
	    " {\"name\": \"a\", \"unit\": \"s\", \"value\": 0.2},\n"
	    " {\"name\": \"t\", \"unit\": \"ns\", \"value\": 30},\n"
	    " {\"name\": \"t\", \"unit\": \"%\", \"value\": 99.9}]\n";
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("g.json", text, sizeof text - 1, BDB_INPUT_GAB, NULL,
					   &run, NULL, &d),
			 0);
	const bdb_metric *m = fixture_metric(fixture_point(run, "a", ""), "value");
	assert_string_equal(m->unit, "ms");
	assert_int_equal(m->n_samples, 2);
	assert_true(m->samples[0] == 100 && m->samples[1] == 200); /* 0.2 s = 200 ms */
	fixture_close(m->value, 150, 0);			   /* (100 + 200) / 2 */
	m = fixture_metric(fixture_point(run, "t", ""), "value");
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->n_samples, 0);
	fixture_close(m->value, 30, 0);
	m = fixture_metric(fixture_point(run, "t", "unit=%"), "value");
	assert_string_equal(m->unit, "%");
	fixture_close(m->value, 99.9, 0);
	assert_int_equal(run->n_points, 3);
	bdb_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gotest_json),
	    cmocka_unit_test(test_gbench_csv),
	    cmocka_unit_test(test_gbench_csv_aggregates_only),
	    cmocka_unit_test(test_gbench_csv_left_out_rows),
	    cmocka_unit_test(test_jmh),
	    cmocka_unit_test(test_benchmarkdotnet),
	    cmocka_unit_test(test_julia),
	    cmocka_unit_test(test_benchmarkluau),
	    cmocka_unit_test(test_catch2_xml),
	    cmocka_unit_test(test_catch2_xml_entities),
	    cmocka_unit_test(test_junit),
	    cmocka_unit_test(test_vitest),
	    cmocka_unit_test(test_criterion_json),
	    cmocka_unit_test(test_hyperfine_csv),
	    cmocka_unit_test(test_unit_from_definition),
	    cmocka_unit_test(test_gab_name_three_times),
	    cmocka_unit_test(test_gab_name_in_two_units),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
