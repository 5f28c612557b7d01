/* test_ingest_formats.c - the adapters whose inputs are hand-written in the
 * shapes their tools document (Bencher Metric Format, github-action-benchmark,
 * ml-odyssey, QuASIM), unit spellings normalised, and forced formats. The
 * expected numbers are those of the files; means were computed with Python
 * 3.11 statistics.fmean and times with datetime(..., tzinfo=timezone.utc). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "helpers/ingest_fixtures.h"

#define S(x) (INT64_C(x) * 1000000)

static void test_bmf(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/bmf/bmf.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_BMF);
	assert_int_equal(run->n_points, 2);
	const bdb_point *p = fixture_point(run, "bench_fib_10", "");
	const bdb_metric *m = fixture_metric(p, "latency");
	fixture_close(m->value, 88.0, 0);
	assert_true(m->has_lower && m->lower == 87.42);
	assert_true(m->has_upper && m->upper == 88.88);
	assert_string_equal(m->unit, "ns");
	p = fixture_point(run, "bench_fib_20", "");
	m = fixture_metric(p, "throughput");
	fixture_close(m->value, 938877.1, 0);
	assert_false(m->has_lower);
	assert_string_equal(m->unit, "ops/s");
	m = fixture_metric(p, "peak-rss"); /* not one of Bencher's measures */
	fixture_close(m->value, 2048, 0);
	assert_null(m->unit);
	fixture_def(run, "latency", BDB_LOWER, "ns");
	fixture_def(run, "throughput", BDB_HIGHER, "ops/s");
	assert_null(bdb_run_find_def(run, "peak-rss"));
	bdb_run_free(run);
}

static void test_gab(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gab/gab.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GAB);
	assert_int_equal(run->n_points, 3);
	const bdb_metric *m = fixture_metric(
	    fixture_point(run, "My Custom Smaller Is Better Benchmark - CPU Load", ""), "value");
	fixture_close(m->value, 50, 0);
	/* "± 3.5" */
	assert_true(m->has_lower && m->lower == 46.5 && m->has_upper && m->upper == 53.5);
	assert_string_equal(m->unit, "Percent");
	/* The name twice: samples 100, 104, mean 102, no bounds. */
	m = fixture_metric(
	    fixture_point(run, "My Custom Smaller Is Better Benchmark - Memory Used", ""), "value");
	fixture_close(m->value, 102.0, 0);
	assert_int_equal(m->n_samples, 2);
	assert_true(m->samples[0] == 100 && m->samples[1] == 104);
	assert_false(m->has_lower || m->has_upper);
	/* "3 ms" is free text: no bounds. */
	m = fixture_metric(fixture_point(run, "Startup", ""), "value");
	fixture_close(m->value, 12.5, 0);
	assert_false(m->has_lower);
	/* No direction in the file, none given: no definition. */
	assert_int_equal(run->n_defs, 0);
	bdb_run_free(run);

	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	opt.has_gab_direction = true;
	opt.gab_direction = BDB_LOWER;
	run = fixture_load("tests/fixtures/gab/gab.json", BDB_INPUT_GAB, &opt, NULL);
	assert_int_equal(run->n_defs, 1);
	assert_int_equal(bdb_run_find_def(run, "value")->direction, BDB_LOWER);
	bdb_run_free(run);
}

/* Issue 21 item 5: custom JSON whose "range" is a number (0.519165) is the
 * half-width, as "± 0.519165" is. */
static void test_gab_range_number(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gab/range_number.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GAB);
	const bdb_metric *m = fixture_metric(fixture_point(run, "a", ""), "value");
	fixture_close(m->value, 12.5, 0);
	assert_true(m->has_lower && m->has_upper);
	fixture_close(m->lower, 12.5 - 0.519165, 0);
	fixture_close(m->upper, 12.5 + 0.519165, 0);
	assert_string_equal(m->unit, "ms");
	bdb_run_free(run);
}

static void test_odyssey(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/odyssey/baseline_results.json", BDB_INPUT_AUTO,
				    NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_ODYSSEY);
	/* "2026-01-13T10:00:00Z": 1768298400 */
	assert_int_equal(run->timestamp_us, S(1768298400));
	assert_string_equal(run->commit, "4e1d2a9");
	assert_string_equal(fixture_env(run, "mojo_version"), "0.26.1");
	assert_string_equal(fixture_env(run, "odyssey_version"), "1.0.0");
	assert_null(fixture_env(run, "git_commit"));
	assert_string_equal(fixture_meta(run, "created_by"), "nightly");
	assert_int_equal(run->n_points, 2);
	const bdb_point *p = fixture_point(run, "tensor_add_small", "");
	fixture_close(fixture_metric(p, "duration_ms")->value, 0.412, 0);
	fixture_close(fixture_metric(p, "min_duration_ms")->value, 0.398, 0);
	fixture_close(fixture_metric(p, "max_duration_ms")->value, 0.57, 0);
	fixture_close(fixture_metric(p, "throughput")->value, 24271844.66, 0);
	fixture_close(fixture_metric(p, "memory_mb")->value, 0.08, 0);
	p = fixture_point(run, "matmul_large", "");
	assert_int_equal(p->n_metrics, 3); /* no min/max */
	fixture_def(run, "duration_ms", BDB_LOWER, "ms");
	fixture_def(run, "throughput", BDB_HIGHER, "ops/s");
	fixture_def(run, "memory_mb", BDB_LOWER, "MB");
	bdb_run_free(run);
}

static void test_quasim(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/quasim/summary.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_QUASIM);
	assert_string_equal(run->commit, "ee8da8447c3b1d2e9f0a6b5c4d3e2f1a0b9c8d7e");
	assert_string_equal(run->branch, "main");
	assert_string_equal(fixture_meta(run, "git.dirty"), "true");
	assert_string_equal(fixture_env(run, "cuda.available"), "false");
	/* The failed kernel is not a point; its message is kept. */
	assert_int_equal(run->n_points, 2);
	assert_string_equal(fixture_meta(run, "error:tensor_contraction"), "CUDA not available");
	const bdb_point *p = fixture_point(run, "quasim_runtime",
					   "backend=cpu,batches=16,dimension=1024,precision=fp32,"
					   "rank=2,repeat=30");
	fixture_close(fixture_metric(p, "latency_ms_p50")->value, 38.594, 0);
	fixture_close(fixture_metric(p, "latency_ms_p99")->value, 39.2, 0);
	fixture_close(fixture_metric(p, "throughput_ops_per_sec")->value, 25.87, 0);
	assert_string_equal(fixture_metric(p, "latency_ms_std")->unit, "ms");
	assert_null(bdb_run_find_def(run, "latency_ms_std"));
	p = fixture_point(run, "pressure_poisson",
			  "backend=cpu,batches=1,dimension=64,precision=fp32,rank=2");
	fixture_close(fixture_metric(p, "memory_peak_mb")->value, 210.0, 0);
	fixture_close(fixture_metric(p, "memory_allocated_mb")->value, 150.5, 0);
	fixture_def(run, "latency_ms_p50", BDB_LOWER, "ms");
	fixture_def(run, "throughput_ops_per_sec", BDB_HIGHER, "ops/s");
	bdb_run_free(run);

	run = fixture_load("tests/fixtures/quasim/kernel.json", BDB_INPUT_AUTO, NULL, NULL);
	p = fixture_point(run, "autonomous_systems",
			  "backend=jax,precision=fp32,scale=1,seed=1337");
	const bdb_metric *m = fixture_metric(p, "latency_ms_mean");
	fixture_close(m->value, 0.0114, 0); /* the file's mean; raw_times_ms its samples */
	assert_int_equal(m->n_samples, 5);
	assert_true(m->samples[2] == 0.012);
	fixture_close(fixture_metric(p, "energy_j")->value, 0.015, 0);
	fixture_close(fixture_metric(p, "power_w")->value, 150.0, 0);
	fixture_close(fixture_metric(p, "accuracy_rmse")->value, 1e-06, 0);
	fixture_def(run, "accuracy_max_error", BDB_LOWER, NULL);
	bdb_run_free(run);
}

/*
 * pytest-benchmark run in a git checkout with parametrized tests
 * (tests/fixtures/pytest/versioned.json, hand-written in the shape of the
 * real 3.2.2 output tests/fixtures/pytest_benchmark.json): commit_info gives
 * commit, branch and, without "datetime", the time; params are tags, group
 * the scenario. "2026-11-20T10:11:12+01:00": python
 * datetime.fromisoformat(...).timestamp() = 1795165872.
 */
static void test_pytest_commit_info_and_params(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/pytest/versioned.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_PYTEST);
	assert_string_equal(run->commit, "5d41402abc4b2a76b9719d911017c592ae7e1d2f");
	assert_string_equal(run->branch, "feature/radix");
	assert_int_equal(run->timestamp_us, S(1795165872));
	assert_string_equal(fixture_meta(run, "commit_info.project"), "sortlib");
	assert_string_equal(fixture_meta(run, "commit_info.time"), "2026-11-20T10:11:12+01:00");
	assert_null(fixture_meta(run, "commit_info.id"));
	assert_string_equal(fixture_env(run, "cpu.brand_raw"), "AMD EPYC 7763 64-Core Processor");
	assert_string_equal(fixture_env(run, "cpu.count"), "4");
	assert_string_equal(fixture_env(run, "python_compiler"), "GCC 12.2.0");
	assert_string_equal(fixture_env(run, "pytest_benchmark_version"), "3.2.2");
	assert_int_equal(run->n_points, 2);
	const bdb_point *p =
	    fixture_point(run, "tests/test_sort.py::test_sort[radix-1000]", "algo=radix,n=1000");
	assert_string_equal(p->scenario, "sorting");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 4.32e-05, 0);
	assert_string_equal(m->unit, "s");
	assert_int_equal(m->n_samples, 5);
	assert_true(m->samples[0] == 4.3e-05 && m->samples[4] == 4.2e-05);
	assert_false(m->has_lower || m->has_upper);
	fixture_close(fixture_metric(p, "ops")->value, 23148.14814814815, 0);
	p = fixture_point(run, "tests/test_sort.py::test_sort[merge-1000]", "algo=merge,n=1000");
	fixture_close(fixture_metric(p, "time")->value, 0.0001004, 0);
	fixture_close(fixture_metric(p, "ops")->value, 9960.159362549803, 0);
	fixture_def(run, "time", BDB_LOWER, "s");
	fixture_def(run, "ops", BDB_HIGHER, "ops/s");
	bdb_run_free(run);

	/* With both, "datetime" (the run's time) wins over the commit's time. */
	static const char text[] =
	    "{\"machine_info\": {}, \"datetime\": \"2026-11-22T23:34:01.459309\",\n"
	    " \"commit_info\": {\"id\": \"abc\", \"time\": \"2026-11-20T10:11:12+01:00\"},\n"
	    " \"benchmarks\": [{\"name\": \"t\", \"params\": {\"n\": 5, \"fast\": true},\n"
	    "   \"stats\": {\"mean\": 1.5}}]}\n";
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("pytest.json", text, strlen(text), BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	/* python: 1795390441 (the real fixture's datetime) */
	assert_int_equal(run->timestamp_us, S(1795390441) + 459309);
	assert_string_equal(run->commit, "abc");
	assert_null(run->branch);
	p = fixture_point(run, "t", "fast=true,n=5"); /* no fullname: the name */
	assert_null(p->scenario);
	m = fixture_metric(p, "time");
	assert_int_equal(m->n_samples, 0);
	assert_null(bdb_point_find_metric(p, "ops"));
	bdb_run_free(run);
}

/* Spellings bdb_unit_factor knows as the same unit become one spelling. */
static void test_units_normalised(void **state)
{
	(void)state;
	static const char text[] =
	    "[{\"name\": \"a\", \"unit\": \"\xce\xbcs\", \"value\": 1},\n" /* Greek mu */
	    " {\"name\": \"b\", \"unit\": \"\xc2\xb5s\", \"value\": 1},\n" /* micro sign */
	    " {\"name\": \"c\", \"unit\": \"bytes/sec\", \"value\": 1},\n"
	    " {\"name\": \"d\", \"unit\": \"ops/sec\", \"value\": 1},\n"
	    " {\"name\": \"e\", \"unit\": \"kB\", \"value\": 1},\n"
	    " {\"name\": \"f\", \"unit\": \"sec\", \"value\": 1},\n"
	    " {\"name\": \"g\", \"unit\": \"Megabytes\", \"value\": 1},\n"
	    " {\"name\": \"h\", \"unit\": \"allocs/op\", \"value\": 1}]\n";
	static const char *const expected[][2] = {
	    {"a", "us"}, {"b", "us"}, {"c", "B/s"},	  {"d", "ops/s"},
	    {"e", "KB"}, {"f", "s"},  {"g", "Megabytes"}, {"h", "allocs/op"},
	};
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("units.json", text, strlen(text), BDB_INPUT_AUTO, NULL,
					   &run, NULL, &d),
			 0);
	for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
		const bdb_metric *m =
		    fixture_metric(fixture_point(run, expected[i][0], ""), "value");
		assert_string_equal(m->unit, expected[i][1]);
	}
	bdb_run_free(run);
}

/* A forced format reads the input as that format, with its errors. */
static void test_forced_formats(void **state)
{
	(void)state;
	bdb_run *run;
	bdb_diag d;
	bdb_input_format detected = BDB_INPUT_AUTO;
	/* A benchkit run read as Google Benchmark output: no "benchmarks". */
	assert_int_equal(bdb_ingest_path("tests/fixtures/benchkit/run_minimal.json",
					 BDB_INPUT_GBENCH, NULL, &run, &detected, &d),
			 BDB_EPARSE);
	assert_null(run);
	assert_int_equal(detected, BDB_INPUT_GBENCH);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 1);
	assert_string_equal(d.message, "missing required field \"benchmarks\"");
	/* Text read as JSON. */
	assert_int_equal(bdb_ingest_path("tests/fixtures/gotest_bench.txt", BDB_INPUT_PYTEST, NULL,
					 &run, NULL, &d),
			 BDB_EPARSE);
	assert_int_equal(d.line, 1);
	assert_non_null(strstr(d.message, "invalid JSON"));
	/* A directory is only criterion's; criterion takes only a directory. */
	assert_int_equal(
	    bdb_ingest_path("tests/fixtures/criterion", BDB_INPUT_GBENCH, NULL, &run, NULL, &d),
	    BDB_EFORMAT);
	assert_int_equal(bdb_ingest_path("tests/fixtures/hyperfine.json", BDB_INPUT_CRITERION,
					 NULL, &run, NULL, &d),
			 BDB_EFORMAT);
	/* Names and aliases. */
	bdb_input_format f;
	assert_int_equal(bdb_format_parse("pytest-benchmark", &f), 0);
	assert_int_equal(f, BDB_INPUT_PYTEST);
	assert_int_equal(bdb_format_parse("nope", &f), BDB_EINVAL);
	assert_string_equal(bdb_format_name(BDB_INPUT_QUASIM), "quasim");
	assert_non_null(strstr(bdb_format_list(), "benchkit, gbench"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bmf),
	    cmocka_unit_test(test_gab),
	    cmocka_unit_test(test_gab_range_number),
	    cmocka_unit_test(test_odyssey),
	    cmocka_unit_test(test_quasim),
	    cmocka_unit_test(test_pytest_commit_info_and_params),
	    cmocka_unit_test(test_units_normalised),
	    cmocka_unit_test(test_forced_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
