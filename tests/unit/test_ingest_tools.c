/* test_ingest_tools.c - the adapters over real outputs of the tools
 * (tests/fixtures/, copied unchanged from the runs described in
 * /work/shared/fixtures/README.md). Expected values are the numbers in the
 * files; means and derived values were computed independently with Python
 * 3.11 (statistics.fmean, plain arithmetic), as noted at each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "helpers/ingest_fixtures.h"

#define S(x) (INT64_C(x) * 1000000)

static void test_gbench_plain(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gbench_plain.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GBENCH);
	/* 3 memcpy + 4 sort + 2 map_insert; the BigO/RMS fits are not points. */
	assert_int_equal(run->n_points, 9);
	assert_string_equal(run->points[0].name, "BM_memcpy/64");
	assert_string_equal(run->points[8].name, "BM_map_insert/1000");
	/* context.date 2026-11-22T23:33:43+00:00; python: 1795390423 */
	assert_int_equal(run->timestamp_us, S(1795390423));
	assert_string_equal(fixture_env(run, "host_name"), "vm");
	assert_string_equal(fixture_env(run, "num_cpus"), "2");
	assert_string_equal(fixture_env(run, "load_avg"), "[0.41748,0.130371,0.0366211]");
	assert_null(fixture_env(run, "date"));
	assert_null(run->commit);
	assert_null(run->branch);

	const bdb_point *p = fixture_point(run, "BM_memcpy/64", "");
	const bdb_metric *m = fixture_metric(p, "real_time");
	fixture_close(m->value, 2.7014304262604023e+00, 0);
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->n_samples, 0);
	assert_false(m->has_lower);
	fixture_close(fixture_metric(p, "cpu_time")->value, 2.7009027834862280e+00, 0);
	m = fixture_metric(p, "bytes_per_second");
	fixture_close(m->value, 2.3695780681669373e+10, 0);
	assert_string_equal(m->unit, "B/s");

	m = fixture_metric(fixture_point(run, "BM_sort/256", ""), "items_per_second");
	fixture_close(m->value, 2.9772132475357011e+07, 0);
	assert_string_equal(m->unit, "items/s");

	p = fixture_point(run, "BM_map_insert/100", "");
	m = fixture_metric(p, "real_time");
	fixture_close(m->value, 3.5329198616910222e+00, 0);
	assert_string_equal(m->unit, "us");
	m = fixture_metric(p, "nodes"); /* a user counter */
	fixture_close(m->value, 100, 0);
	assert_null(m->unit);
	assert_null(bdb_run_find_def(run, "nodes"));

	fixture_def(run, "real_time", BDB_LOWER, "ns");
	fixture_def(run, "cpu_time", BDB_LOWER, "ns");
	fixture_def(run, "bytes_per_second", BDB_HIGHER, "B/s");
	fixture_def(run, "items_per_second", BDB_HIGHER, "items/s");
	assert_int_equal(run->n_defs, 4);
	assert_memory_equal(run->id, "gbench-", 7);
	assert_int_equal(strlen(run->id), 7 + 16);
	bdb_run_free(run);
}

static void test_gbench_repetitions(void **state)
{
	(void)state;
	bdb_run *run =
	    fixture_load("tests/fixtures/gbench_reps.json", BDB_INPUT_GBENCH, NULL, NULL);
	assert_int_equal(run->n_points, 9);
	const bdb_point *p = fixture_point(run, "BM_memcpy/64", "");
	const bdb_metric *m = fixture_metric(p, "real_time");
	assert_int_equal(m->n_samples, 3);
	assert_true(m->samples[0] == 2.7382721832703130e+00);
	assert_true(m->samples[1] == 2.7751113156464400e+00);
	assert_true(m->samples[2] == 2.7334473894534792e+00);
	/* statistics.fmean of the three repetitions: 2.7489436294567438 */
	fixture_close(m->value, 2.7489436294567438, 1e-15);
	/* fmean of bytes_per_second: 23305505078.830048 */
	fixture_close(fixture_metric(p, "bytes_per_second")->value, 23305505078.830048, 1e-15);
	assert_int_equal(fixture_metric(p, "bytes_per_second")->n_samples, 3);

	p = fixture_point(run, "BM_map_insert/1000", "");
	m = fixture_metric(p, "cpu_time");
	/* fmean: 38.31087406597404 */
	fixture_close(m->value, 38.31087406597404, 1e-15);
	assert_string_equal(m->unit, "us");
	m = fixture_metric(p, "nodes");
	assert_int_equal(m->n_samples, 3);
	fixture_close(m->value, 1000, 0);
	bdb_run_free(run);
}

static void test_criterion_tree(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/criterion", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CRITERION);
	assert_int_equal(run->n_points, 3);
	/* Byte order of directory names: "fib 15" < "vec_sum"; "100" < "10000". */
	assert_string_equal(run->points[0].name, "fib 15");
	assert_string_equal(run->points[1].name, "vec_sum/100");
	assert_string_equal(run->points[2].name, "vec_sum/10000");

	const bdb_point *p = fixture_point(run, "fib 15", "");
	assert_string_equal(p->scenario, "fib 15");
	const bdb_metric *m = fixture_metric(p, "time");
	/* new/estimates.json slope */
	fixture_close(m->value, 5848.674166251866, 0);
	assert_true(m->has_lower && m->has_upper);
	fixture_close(m->lower, 5217.454688041781, 0);
	fixture_close(m->upper, 6258.967251323912, 0);
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->n_samples, 20);
	/* sample.json times[0] / iters[0] = 1385583 / 322 = 4303.052795031056 */
	fixture_close(m->samples[0], 4303.052795031056, 1e-15);
	/* 41069685 / 6440 = 6377.280279503106 */
	fixture_close(m->samples[19], 6377.280279503106, 1e-15);
	assert_null(bdb_point_find_metric(p, "throughput"));

	p = fixture_point(run, "vec_sum/100", "");
	assert_string_equal(p->scenario, "vec_sum");
	fixture_close(fixture_metric(p, "time")->value, 26.185438282010495, 0);
	m = fixture_metric(p, "throughput");
	/* 100 elements * 1e9 / 26.185438282010495 ns = 3818916411.5958457 elem/s;
	 * bounds from the time bounds 27.87450441086127 and 24.05472386263036. */
	fixture_close(m->value, 3818916411.5958457, 1e-15);
	fixture_close(m->lower, 3587507728.4256616, 1e-15);
	fixture_close(m->upper, 4157187609.846256, 1e-15);
	assert_string_equal(m->unit, "elem/s");
	assert_int_equal(m->n_samples, 20);
	/* 100 * 1e9 / (1461406 / 48136) */
	fixture_close(m->samples[0], 100 * 1e9 / (1461406.0 / 48136.0), 1e-15);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "throughput", BDB_HIGHER, "elem/s");

	/* The same tree gives the same id; one benchmark's directory also loads. */
	bdb_run *again =
	    fixture_load("tests/fixtures/criterion/", BDB_INPUT_CRITERION, NULL, NULL);
	assert_string_equal(again->id, run->id);
	assert_memory_equal(run->id, "criterion-", 10);
	bdb_run_free(again);
	bdb_run *one =
	    fixture_load("tests/fixtures/criterion/vec_sum/10000", BDB_INPUT_AUTO, NULL, NULL);
	assert_int_equal(one->n_points, 1);
	fixture_close(fixture_metric(&one->points[0], "time")->value, 2436.2825561312607, 0);
	bdb_run_free(one);
	bdb_run_free(run);
}

/*
 * A tree of new/estimates.json without new/benchmark.json (a script that
 * imitates Criterion): each benchmark is named by its path in the tree,
 * its first directory the scenario when it has more; the mean (no slope)
 * with its interval when given; samples from sample.json when there. It
 * read as "no benchmark results found" though ingest took it for a
 * Criterion tree.
 */
static void test_criterion_bare_tree(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/criterion_bare", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CRITERION);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(run->points[0].name, "fast");
	assert_null(run->points[0].scenario);
	const bdb_metric *m = fixture_metric(&run->points[0], "time");
	fixture_close(m->value, 81.0, 0);
	assert_true(m->has_lower && m->has_upper);
	fixture_close(m->lower, 80.25, 0);
	fixture_close(m->upper, 82.5, 0);
	assert_int_equal(m->n_samples, 0);
	assert_string_equal(run->points[1].name, "parse/json/1024");
	assert_string_equal(run->points[1].scenario, "parse");
	m = fixture_metric(&run->points[1], "time");
	fixture_close(m->value, 1500.0, 0);
	assert_false(m->has_lower);
	/* times / iters: 15000 / 10, 30600 / 20, 44700 / 30 */
	assert_int_equal(m->n_samples, 3);
	fixture_close(m->samples[0], 1500.0, 0);
	fixture_close(m->samples[1], 1530.0, 0);
	fixture_close(m->samples[2], 1490.0, 0);
	fixture_def(run, "time", BDB_LOWER, "ns");
	bdb_run_free(run);
	/* One benchmark's directory is named by its own last component. */
	run = fixture_load("tests/fixtures/criterion_bare/parse/json/1024/", BDB_INPUT_CRITERION,
			   NULL, NULL);
	assert_int_equal(run->n_points, 1);
	assert_string_equal(run->points[0].name, "1024");
	assert_null(run->points[0].scenario);
	bdb_run_free(run);
}

static void test_pytest_benchmark(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/pytest_benchmark.json", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_PYTEST);
	assert_int_equal(run->n_points, 4);
	/* "datetime": "2026-11-22T23:34:01.459309" (UTC); python: 1795390441 */
	assert_int_equal(run->timestamp_us, S(1795390441) + 459309);
	/* commit_info id "unversioned" and branch "(unknown)" are placeholders. */
	assert_null(run->commit);
	assert_null(run->branch);
	assert_string_equal(fixture_meta(run, "commit_info.project"), "pyb");
	assert_string_equal(fixture_meta(run, "commit_info.dirty"), "false");
	assert_string_equal(fixture_env(run, "cpu.brand"), "Intel(R) Xeon(R) Processor");
	assert_string_equal(fixture_env(run, "python_version"), "3.11.2");
	assert_string_equal(fixture_env(run, "pytest_benchmark_version"), "3.2.2");

	const bdb_point *p = fixture_point(run, "test_bench.py::test_json_loads", "");
	assert_null(p->scenario);
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 0.00034459519712824683, 0);
	assert_string_equal(m->unit, "s");
	assert_int_equal(m->n_samples, 1811);
	fixture_close(m->samples[0], 0.00034912199998871074, 0);
	fixture_close(m->samples[1810], 0.00033636799997793787, 0);
	m = fixture_metric(p, "ops");
	fixture_close(m->value, 2901.955710159922, 0);
	assert_string_equal(m->unit, "ops/s");

	p = fixture_point(run, "test_bench.py::test_sorted", "");
	assert_int_equal(fixture_metric(p, "time")->n_samples, 19589);
	/* extra_info {"n": 2000}: a metric without a direction */
	fixture_close(fixture_metric(p, "n")->value, 2000, 0);
	assert_null(bdb_run_find_def(run, "n"));
	fixture_def(run, "time", BDB_LOWER, "s");
	fixture_def(run, "ops", BDB_HIGHER, "ops/s");
	bdb_run_free(run);
}

static void test_hyperfine(void **state)
{
	(void)state;
	bdb_run *run = fixture_load("tests/fixtures/hyperfine.json", BDB_INPUT_AUTO, NULL, NULL);
	assert_int_equal(run->n_points, 3);
	assert_int_equal(run->n_env, 0);
	const bdb_point *p = fixture_point(run, "sleep 0.01", "");
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 0.0121196562, 0);
	assert_string_equal(m->unit, "s");
	assert_int_equal(m->n_samples, 10);
	fixture_close(m->samples[0], 0.011600151400000001, 0);
	fixture_close(m->samples[9], 0.0124685444, 0);
	fixture_close(fixture_metric(p, "user")->value, 0.0016925319999999996, 0);
	fixture_close(fixture_metric(p, "system")->value, 0.00057878, 0);
	fixture_point(run, "gzip -c /usr/bin/hyperfine >/dev/null", "");
	fixture_def(run, "time", BDB_LOWER, "s");
	fixture_def(run, "user", BDB_LOWER, "s");
	bdb_run_free(run);

	run = fixture_load("tests/fixtures/hyperfine_param.json", BDB_INPUT_HYPERFINE, NULL, NULL);
	assert_int_equal(run->n_points, 3);
	p = fixture_point(run, "seq 1 200000 > /dev/null", "n=2");
	m = fixture_metric(p, "time");
	fixture_close(m->value, 0.00442827606, 0);
	assert_int_equal(m->n_samples, 5);
	fixture_point(run, "seq 1 300000 > /dev/null", "n=3");
	bdb_run_free(run);
}

static void test_gotest(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/gotest_bench.txt", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_GOTEST);
	assert_int_equal(run->n_points, 6);
	assert_string_equal(fixture_env(run, "goos"), "linux");
	assert_string_equal(fixture_env(run, "goarch"), "amd64");
	assert_string_equal(fixture_env(run, "cpu"), "Intel(R) Xeon(R) Processor");

	const char *tags = "pkg=example.com/gob,procs=2";
	const bdb_point *p = fixture_point(run, "BenchmarkSort1k", tags);
	const bdb_metric *m = fixture_metric(p, "time");
	assert_int_equal(m->n_samples, 3);
	assert_true(m->samples[0] == 58252 && m->samples[1] == 65339 && m->samples[2] == 60611);
	/* fmean(58252, 65339, 60611) = 61400.666666666664 */
	fixture_close(m->value, 61400.666666666664, 1e-15);
	assert_string_equal(m->unit, "ns");
	m = fixture_metric(p, "alloc_bytes");
	fixture_close(m->value, 8216, 0);
	assert_string_equal(m->unit, "B");
	fixture_close(fixture_metric(p, "allocs")->value, 2, 0);

	m = fixture_metric(fixture_point(run, "BenchmarkSHA256", tags), "throughput");
	/* fmean(359.32, 372.25, 341.30) = 357.6233333333333 */
	fixture_close(m->value, 357.6233333333333, 1e-15);
	assert_string_equal(m->unit, "MB/s");
	/* fmean(47.27, 42.94, 42.30) = 44.169999999999995 */
	fixture_close(fixture_metric(fixture_point(run, "BenchmarkSub/xn=1", tags), "time")->value,
		      44.169999999999995, 1e-15);
	/* "BenchmarkSub/xn=:-2": the name keeps its ':' */
	fixture_close(fixture_metric(fixture_point(run, "BenchmarkSub/xn=:", tags), "time")->value,
		      120.36666666666667, 1e-15);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "alloc_bytes", BDB_LOWER, "B");
	fixture_def(run, "allocs", BDB_LOWER, "allocs/op");
	fixture_def(run, "throughput", BDB_HIGHER, "MB/s");
	bdb_run_free(run);
}

static void test_cargo(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/cargo/libtest.txt", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CARGO);
	assert_int_equal(run->n_points, 4); /* the ignored test is not one */
	const bdb_metric *m = fixture_metric(fixture_point(run, "tests::bench_parse", ""), "time");
	fixture_close(m->value, 1234, 0);
	assert_string_equal(m->unit, "ns");
	/* 1,234 +/- 56 */
	fixture_close(m->lower, 1178, 0);
	fixture_close(m->upper, 1290, 0);
	const bdb_point *p = fixture_point(run, "tests::bench_copy_4k", "");
	fixture_close(fixture_metric(p, "time")->value, 12345, 0);
	m = fixture_metric(p, "throughput");
	fixture_close(m->value, 331, 0);
	assert_string_equal(m->unit, "MB/s");
	m = fixture_metric(fixture_point(run, "tests::bench_hash", ""), "time");
	fixture_close(m->value, 2048.75, 0);
	fixture_close(m->lower, 2038.25, 0);
	fixture_close(m->upper, 2059.25, 0);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "throughput", BDB_HIGHER, "MB/s");
	bdb_run_free(run);
}

/*
 * A real libtest run: tests/fixtures/cargo/libtest_rust195.txt is
 * `RUSTC_BOOTSTRAP=1 cargo bench 2>&1` with Rust 1.95.0 (x86_64, 2 cores) on
 * a crate with #![feature(test)] and three #[bench] functions (fib(10);
 * a 4096-byte copy_from_slice with b.bytes = 4096; sort_unstable of 1000
 * u32) and one ignored #[test]. Bounds are value -/+ spread, computed in
 * Python 3.11: 33.69 - 1.34 = 32.349999999999994, 33.69 + 1.34 = 35.03,
 * 5396.11 - 2931.92 = 2464.1899999999996, 5396.11 + 2931.92 = 8328.029999999999.
 */
/*
 * Issue 21 item 5: libtest's bench line with units other than ns/iter, as
 * custom benchers print it (github-action-benchmark's cargo tool reads it):
 * "2835 cycles/iter (+/- 14)" is a count (metric "cycles", lower),
 * "1911 MS/s (+/- 420)" a rate (throughput, higher), "12 us/iter" time in us.
 */
static void test_cargo_other_units(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run =
	    fixture_load("tests/fixtures/cargo/custom_units.txt", BDB_INPUT_AUTO, NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CARGO);
	assert_int_equal(run->n_points, 3);
	const bdb_metric *m = fixture_metric(fixture_point(run, "cmov", ""), "cycles");
	fixture_close(m->value, 2835, 0);
	fixture_close(m->lower, 2821, 0);
	fixture_close(m->upper, 2849, 0);
	assert_string_equal(m->unit, "cycles/iter");
	m = fixture_metric(fixture_point(run, "upload", ""), "throughput");
	fixture_close(m->value, 1911, 0);
	fixture_close(m->lower, 1491, 0);
	fixture_close(m->upper, 2331, 0);
	assert_string_equal(m->unit, "MS/s");
	m = fixture_metric(fixture_point(run, "slow", ""), "time");
	fixture_close(m->value, 12, 0);
	assert_string_equal(m->unit, "us");
	fixture_def(run, "cycles", BDB_LOWER, "cycles/iter");
	fixture_def(run, "throughput", BDB_HIGHER, "MS/s");
	bdb_run_free(run);
}

static void test_cargo_real_output(void **state)
{
	(void)state;
	bdb_input_format detected;
	bdb_run *run = fixture_load("tests/fixtures/cargo/libtest_rust195.txt", BDB_INPUT_AUTO,
				    NULL, &detected);
	assert_int_equal(detected, BDB_INPUT_CARGO);
	assert_int_equal(run->n_points, 3); /* cargo's own lines and the ignored test are not */
	assert_string_equal(run->points[0].name, "tests::bench_copy_4k");
	assert_int_equal(run->n_env, 0);
	assert_null(run->commit);
	const bdb_point *p = fixture_point(run, "tests::bench_copy_4k", "");
	assert_int_equal(p->n_metrics, 2);
	const bdb_metric *m = fixture_metric(p, "time");
	fixture_close(m->value, 33.69, 0);
	assert_string_equal(m->unit, "ns");
	assert_true(m->has_lower && m->has_upper);
	fixture_close(m->lower, 32.349999999999994, 1e-15);
	fixture_close(m->upper, 35.03, 1e-15);
	assert_int_equal(m->n_samples, 0);
	m = fixture_metric(p, "throughput"); /* "= 124121 MB/s" */
	fixture_close(m->value, 124121, 0);
	assert_string_equal(m->unit, "MB/s");
	assert_false(m->has_lower);
	p = fixture_point(run, "tests::bench_fib_10", "");
	assert_int_equal(p->n_metrics, 1);
	m = fixture_metric(p, "time");
	fixture_close(m->value, 121.98, 0);
	fixture_close(m->lower, 114.61, 1e-15);
	fixture_close(m->upper, 129.35, 1e-15);
	/* "5,396.11 ns/iter (+/- 2,931.92)": commas are digit separators. */
	m = fixture_metric(fixture_point(run, "tests::bench_sort_1k", ""), "time");
	fixture_close(m->value, 5396.11, 0);
	fixture_close(m->lower, 2464.1899999999996, 1e-15);
	fixture_close(m->upper, 8328.029999999999, 1e-15);
	fixture_def(run, "time", BDB_LOWER, "ns");
	fixture_def(run, "throughput", BDB_HIGHER, "MB/s");
	assert_int_equal(run->n_defs, 2);
	bdb_run_free(run);
}

/* Ingests text as go test output (the test fails when it does not load),
 * and the run's benchkit export as benchkit into *back. */
static bdb_run *gotest_and_export(const char *name, const char *text, bdb_run **back)
{
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(
	    bdb_ingest_buffer(name, text, strlen(text), BDB_INPUT_GOTEST, &opt, &run, NULL, &d),
	    0);
	bdb_buf out;
	bdb_buf_init(&out);
	assert_int_equal(bdb_export_benchkit(run, &out), 0);
	assert_int_equal(bdb_ingest_buffer("export.json", out.data, out.len, BDB_INPUT_BENCHKIT,
					   &opt, back, NULL, &d),
			 0);
	bdb_buf_free(&out);
	return run;
}

/*
 * Repeats of a value near the largest double (finding F8 of the ingest
 * fuzzers): the mean of 1e308 and 1e308 is 1e308, not the infinity their
 * sum overflows to, and the run's benchkit export ingests again with it
 * (an infinite value was exported as null, which benchkit does not take).
 * The mean of 1e308 and 1.5e308 is 1.25e308 (exact: both scale by 1/2).
 */
static void test_gotest_mean_near_max(void **state)
{
	(void)state;
	bdb_run *runs[2];
	runs[0] = gotest_and_export("big.txt",
				    "BenchmarkBig-2 \t 10\t 1e308 ns/op\t 1e308 B/op\n"
				    "BenchmarkBig-2 \t 10\t 1e308 ns/op\t 1.5e308 B/op\n",
				    &runs[1]);
	for (int i = 0; i < 2; i++) {
		const bdb_point *p = fixture_point(runs[i], "BenchmarkBig", "procs=2");
		fixture_close(fixture_metric(p, "time")->value, 1e308, 0);
		fixture_close(fixture_metric(p, "alloc_bytes")->value, 1.25e308, 0);
		bdb_run_free(runs[i]);
	}
}

/*
 * The mean of repetitions is taken over a compensated sum, as the query
 * statistics' mean is: a plain running sum of 1e16, 1 and -1e16 loses the 1
 * (1e16 + 1 rounds to 1e16) and gave the mean 0. Expected from Python:
 * statistics.fmean([1e16, 1, -1e16]) = 0.3333333333333333 (math.fsum, an
 * exact sum, divided by 3).
 */
static void test_gotest_mean_compensated(void **state)
{
	(void)state;
	bdb_run *runs[2];
	runs[0] = gotest_and_export("sum.txt",
				    "BenchmarkSum-2 \t 10\t 100 ns/op\t 1e16 delta\n"
				    "BenchmarkSum-2 \t 10\t 100 ns/op\t 1 delta\n"
				    "BenchmarkSum-2 \t 10\t 100 ns/op\t -1e16 delta\n",
				    &runs[1]);
	for (int i = 0; i < 2; i++) {
		const bdb_point *p = fixture_point(runs[i], "BenchmarkSum", "procs=2");
		fixture_close(fixture_metric(p, "delta")->value, 0.3333333333333333, 0);
		bdb_run_free(runs[i]);
	}
}

/*
 * A unit longer than the adapter keeps (127 bytes) is cut at a character
 * start (finding F10 of the ingest fuzzers): 126 'u' and then U+FEFF (three
 * bytes, 126..128) leave the 126 'u', not 'u' x 126 and a lone 0xEF, which
 * made a metric name that the benchkit export wrote and no JSON reader takes
 * back. The export ingests again, with the same name.
 */
static void test_gotest_long_unit_cut_at_a_character(void **state)
{
	(void)state;
	char text[256], unit[131], want[127];
	memset(unit, 'u', 126);
	memcpy(unit + 126, "\xef\xbb\xbfx", 5); /* 126 + 4 = 130 bytes, then the NUL */
	memset(want, 'u', 126);
	want[126] = '\0';
	snprintf(text, sizeof text, "BenchmarkLong-2 \t 10\t 5 %s\n", unit);
	bdb_run *runs[2];
	runs[0] = gotest_and_export("long.txt", text, &runs[1]);
	for (int i = 0; i < 2; i++) {
		const bdb_point *p = fixture_point(runs[i], "BenchmarkLong", "procs=2");
		fixture_close(fixture_metric(p, want)->value, 5, 0);
		bdb_run_free(runs[i]);
	}
}

/*
 * A benchmark that prints: go 1.19 writes its name, then the output on the
 * same line, then the numbers on a line of their own (real output of
 * `go test -bench . -benchtime 100x -count 2 -cpu 1,2 -benchmem` over a
 * BenchmarkPrints that calls fmt.Println). It was refused at 2:31 ("expected
 * the iteration count"). The means: (121.7 + 250.9) / 2 = 186.3,
 * (105.8 + 143.3) / 2 = 124.55. A failed benchmark's line ("--- FAIL:") ends
 * its name without numbers; a name line that does not parse and gets no
 * numbers is still that line's error.
 */
static void test_gotest_benchmark_that_prints(void **state)
{
	(void)state;
	bdb_run *runs[2];
	runs[0] = gotest_and_export("prints.txt",
				    "hello from bench\n"
				    "BenchmarkPrints              \thello from bench\n"
				    "     100\t       121.7 ns/op\t       1 B/op\t       0 allocs/op\n"
				    "BenchmarkPrints              \thello from bench\n"
				    "hello from bench\n"
				    "     100\t       250.9 ns/op\t       1 B/op\t       0 allocs/op\n"
				    "BenchmarkPrints-2            \thello from bench\n"
				    "hello from bench\n"
				    "     100\t       105.8 ns/op\t       2 B/op\t       0 allocs/op\n"
				    "BenchmarkPrints-2            \thello from bench\n"
				    "hello from bench\n"
				    "     100\t       143.3 ns/op\t       5 B/op\t       0 allocs/op\n"
				    "BenchmarkFails-2             \toutput\n"
				    "--- FAIL: BenchmarkFails-2\n"
				    "FAIL\n",
				    &runs[1]);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(runs[i]->n_points, 2);
		const bdb_metric *m = fixture_metric(fixture_point(runs[i], "BenchmarkPrints", ""), "time");
		assert_int_equal(m->n_samples, 2);
		fixture_close(m->value, 186.3, 1e-15);
		m = fixture_metric(fixture_point(runs[i], "BenchmarkPrints", "procs=2"), "time");
		fixture_close(m->value, 124.55, 1e-15);
		bdb_run_free(runs[i]);
	}

	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	bdb_run *run = NULL;
	bdb_diag d;
	const char *bad = "BenchmarkA-8   \t lots\t 58252 ns/op\nsome output\n"
			  "BenchmarkB-8 \t 10\t 5 ns/op\n";
	assert_int_equal(bdb_ingest_buffer("bad.txt", bad, strlen(bad), BDB_INPUT_GOTEST, &opt,
					   &run, NULL, &d),
			 BDB_EPARSE);
	assert_null(run);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 18);
	assert_string_equal(d.message, "malformed benchmark line: expected the iteration count (a "
					"whole number) after the benchmark name");
}

/*
 * Google Benchmark JSON from before run_type (its aggregates are rows named
 * NAME_mean, NAME_median, NAME_stddev beside each other; a complexity fit
 * is NAME_BigO and NAME_RMS without real_time). The fit was refused
 * ('missing required field "real_time"') and the aggregates stored as
 * points of their own; now they are read as the CSV's are. Repetitions
 * 10 and 12: mean 11. BM_b reported only aggregates: its _mean gives 7.
 */
static void test_gbench_without_run_type(void **state)
{
	(void)state;
	const char *text =
	    "{\"context\": {\"date\": \"2018-01-01 10:00:00\"}, \"benchmarks\": [\n"
	    "{\"name\": \"BM_a/8\", \"iterations\": 5, \"real_time\": 10, \"cpu_time\": 9, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a/8\", \"iterations\": 5, \"real_time\": 12, \"cpu_time\": 9, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a/8_mean\", \"iterations\": 5, \"real_time\": 11, \"cpu_time\": 9, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a/8_median\", \"iterations\": 5, \"real_time\": 11, \"cpu_time\": 9, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a/8_stddev\", \"iterations\": 5, \"real_time\": 1.4, \"cpu_time\": 0, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a_BigO\", \"cpu_coefficient\": 1.1, \"real_coefficient\": 1.2, "
	    "\"big_o\": \"N\", \"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_a_RMS\", \"rms\": 0.02},\n"
	    "{\"name\": \"BM_b_mean\", \"iterations\": 5, \"real_time\": 7, \"cpu_time\": 6, "
	    "\"time_unit\": \"ns\"},\n"
	    "{\"name\": \"BM_b_stddev\", \"iterations\": 5, \"real_time\": 0.5, \"cpu_time\": 0, "
	    "\"time_unit\": \"ns\"}]}\n";
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	bdb_run *run = NULL;
	bdb_diag d;
	assert_int_equal(
	    bdb_ingest_buffer("old.json", text, strlen(text), BDB_INPUT_GBENCH, &opt, &run, NULL, &d),
	    0);
	assert_int_equal(run->n_points, 2);
	const bdb_metric *m = fixture_metric(fixture_point(run, "BM_a/8", ""), "real_time");
	assert_int_equal(m->n_samples, 2);
	fixture_close(m->value, 11, 0);
	fixture_close(fixture_metric(fixture_point(run, "BM_b", ""), "real_time")->value, 7, 0);
	bdb_run_free(run);
}

/*
 * Google Benchmark on Windows wrote the context's date with strftime's
 * "%x %X" (benchmark/src/timers.cc before RFC 3339 dates: the C locale's
 * "05/21/19 13:55:36", local time without a zone). Such a file was refused
 * whole ('"date" must be a time like 2026-01-31T12:00:00Z'), even with
 * --timestamp. It is that time, read as a time without a zone (UTC), as
 * the "%F %T" of the same versions elsewhere. Expected: python3 -c "import
 * datetime as d; print(int(d.datetime(2019, 5, 21, 13, 55, 36,
 * tzinfo=d.timezone.utc).timestamp()))" -> 1558446936.
 */
static void test_gbench_windows_date(void **state)
{
	(void)state;
	const char *text = "{\"context\": {\"date\": \"05/21/19 13:55:36\", \"num_cpus\": 2},\n"
			   " \"benchmarks\": [{\"name\": \"BM_a\", \"run_name\": \"BM_a\", "
			   "\"run_type\": \"iteration\", \"iterations\": 5, \"real_time\": 10, "
			   "\"cpu_time\": 9, \"time_unit\": \"ns\"}]}\n";
	bdb_run *run = NULL;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("win.json", text, strlen(text), BDB_INPUT_GBENCH, NULL,
					   &run, NULL, &d),
			 0);
	assert_int_equal(run->timestamp_us, INT64_C(1558446936) * 1000000);
	bdb_run_free(run);
	/* Not a date of that shape: still refused where it is. */
	const char *bad = "{\"context\": {\"date\": \"21/13/19 13:55:36\"},\n"
			  " \"benchmarks\": [{\"name\": \"BM_a\", \"iterations\": 5, "
			  "\"real_time\": 10, \"cpu_time\": 9, \"time_unit\": \"ns\"}]}\n";
	assert_int_equal(
	    bdb_ingest_buffer("bad.json", bad, strlen(bad), BDB_INPUT_GBENCH, NULL, &run, NULL, &d),
	    BDB_EPARSE);
	assert_int_equal(d.line, 1);
	assert_int_equal(d.col, 22);
}

/*
 * Google Benchmark 1.8 reports a benchmark that called SkipWithMessage with
 * "skipped": true and "skip_message" (src/json_reporter.cc; iterations and
 * times 0). The whole file was refused ('counter "skipped" must be a
 * number, got boolean'). The skipped benchmark is left out, and its
 * message kept in the metadata as "skipped:<name>", as error rows keep
 * theirs under "error:<name>".
 */
static void test_gbench_skipped(void **state)
{
	(void)state;
	const char *text =
	    "{\"context\": {\"date\": \"2024-03-01T10:00:00+01:00\"}, \"benchmarks\": [\n"
	    "{\"name\": \"BM_ok\", \"run_name\": \"BM_ok\", \"run_type\": \"iteration\", "
	    "\"repetitions\": 1, \"repetition_index\": 0, \"threads\": 1, \"iterations\": 100, "
	    "\"real_time\": 12.5, \"cpu_time\": 12.4, \"time_unit\": \"us\"},\n"
	    "{\"name\": \"BM_gpu\", \"run_name\": \"BM_gpu\", \"run_type\": \"iteration\", "
	    "\"repetitions\": 1, \"repetition_index\": 0, \"threads\": 1, \"skipped\": true, "
	    "\"skip_message\": \"no GPU on this machine\", \"iterations\": 0, \"real_time\": 0, "
	    "\"cpu_time\": 0, \"time_unit\": \"ns\"}]}\n";
	bdb_run *run = NULL;
	bdb_diag d;
	assert_int_equal(bdb_ingest_buffer("skip.json", text, strlen(text), BDB_INPUT_GBENCH, NULL,
					   &run, NULL, &d),
			 0);
	assert_int_equal(run->n_points, 1);
	fixture_close(fixture_metric(fixture_point(run, "BM_ok", ""), "real_time")->value, 12.5, 0);
	assert_string_equal(bdb_run_get_meta(run, "skipped:BM_gpu"), "no GPU on this machine");
	bdb_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gbench_plain),
	    cmocka_unit_test(test_gbench_repetitions),
	    cmocka_unit_test(test_criterion_tree),
	    cmocka_unit_test(test_criterion_bare_tree),
	    cmocka_unit_test(test_pytest_benchmark),
	    cmocka_unit_test(test_hyperfine),
	    cmocka_unit_test(test_gotest),
	    cmocka_unit_test(test_cargo),
	    cmocka_unit_test(test_cargo_real_output),
	    cmocka_unit_test(test_cargo_other_units),
	    cmocka_unit_test(test_gotest_mean_near_max),
	    cmocka_unit_test(test_gotest_mean_compensated),
	    cmocka_unit_test(test_gotest_long_unit_cut_at_a_character),
	    cmocka_unit_test(test_gotest_benchmark_that_prints),
	    cmocka_unit_test(test_gbench_without_run_type),
	    cmocka_unit_test(test_gbench_windows_date),
	    cmocka_unit_test(test_gbench_skipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
