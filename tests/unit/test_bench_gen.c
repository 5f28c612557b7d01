/* test_bench_gen.c - the benchmark history generator of bench/ is
 * deterministic: the same seed gives the same bytes, and the bytes are the
 * ones recorded here. The generator is bench-only code, so it is compiled
 * into this test by #include rather than linked from libbenchdb.a.
 *
 * Independent reference values:
 *   - splitmix64 from state 0: 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4,
 *     0x06c45d188009454f (Vigna's reference splitmix64.c; re-computed with
 *     Python integers masked to 64 bits);
 *   - FNV-1a 64 of "benchdb": 0x6627edd9fe3dca9f (Python, same way);
 *   - run 365 of nightly-10y is 2016-01-01 + 365 days = 2016-12-31 (2016 is
 *     a leap year), at 02:00 UTC.
 * The whole-file hashes are golden values recorded from the first version
 * of the generator (BENCH_GENERATOR_VERSION 1), hashed independently with a
 * Python FNV-1a over the bytes of `build/bench/gen --print`: a change to them
 * is a change of the benchmark data and must bump that version.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "../../bench/workload.c"
#include "ingest.h"

static void test_splitmix_and_fnv_reference(void **state)
{
	(void)state;
	bench_rng rng = {0};
	assert_true(bench_rng_next(&rng) == UINT64_C(0xe220a8397b1dcdaf));
	assert_true(bench_rng_next(&rng) == UINT64_C(0x6e789e6aa1b965f4));
	assert_true(bench_rng_next(&rng) == UINT64_C(0x06c45d188009454f));
	assert_true(bench_fnv1a("benchdb", 7) == UINT64_C(0x6627edd9fe3dca9f));
}

static uint64_t run_hash(const char *workload, uint64_t seed, uint32_t index, bdb_buf *b)
{
	const bench_workload *w = bench_workload_find(workload);
	assert_non_null(w);
	bdb_run *run;
	assert_int_equal(bench_workload_build_run(w, seed, index, &run), 0);
	bdb_buf_reset(b);
	assert_int_equal(bench_run_write_json(run, b), 0);
	bdb_run_free(run);
	return bench_fnv1a(b->data, b->len);
}

static void test_same_seed_same_bytes(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	uint64_t first = run_hash("nightly-10y", BENCH_DEFAULT_SEED, 1234, &b);
	uint64_t again = run_hash("nightly-10y", BENCH_DEFAULT_SEED, 1234, &b);
	uint64_t other = run_hash("nightly-10y", BENCH_DEFAULT_SEED + 1, 1234, &b);
	assert_true(first == again);
	assert_true(first != other);
	/* Golden values of generator version 1 (see the header comment). */
	assert_int_equal(BENCH_GENERATOR_VERSION, 1);
	assert_true(run_hash("nightly-10y", BENCH_DEFAULT_SEED, 0, &b) ==
		    UINT64_C(0x497f501260192aec));
	assert_true(run_hash("ci-heavy", BENCH_DEFAULT_SEED, 99999, &b) ==
		    UINT64_C(0xce9a8b973236838b));
	bdb_buf_free(&b);
}

static void test_run_shape(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	run_hash("nightly-10y", BENCH_DEFAULT_SEED, 365, &b);
	json_error_t err;
	json_t *root = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &err);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "id")), "nightly-000365");
	assert_string_equal(json_string_value(json_object_get(root, "timestamp")),
			    "2016-12-31T02:00:00Z");
	assert_int_equal(strlen(json_string_value(json_object_get(root, "commit"))), 40);
	assert_string_equal(json_string_value(json_object_get(root, "branch")), "main");
	json_t *defs = json_object_get(root, "metric_defs");
	assert_int_equal(json_object_size(defs), 5);
	json_t *thr = json_object_get(defs, "throughput");
	assert_string_equal(json_string_value(json_object_get(thr, "direction")), "higher");
	assert_string_equal(json_string_value(json_object_get(thr, "unit")), "items/s");

	json_t *points = json_object_get(root, "points");
	assert_int_equal(json_array_size(points), 200);
	/* Point 199: name index 49 = family 9 (BM_layernorm), size 4 (4194304);
	 * tag combination 3 = cuda, f16. */
	json_t *last = json_array_get(points, 199);
	assert_string_equal(json_string_value(json_object_get(last, "name")),
			    "BM_layernorm/4194304");
	json_t *tags = json_object_get(last, "tags");
	assert_string_equal(json_string_value(json_object_get(tags, "backend")), "cuda");
	assert_string_equal(json_string_value(json_object_get(tags, "dtype")), "f16");
	json_t *metrics = json_object_get(last, "metrics");
	assert_int_equal(json_object_size(metrics), 5);
	json_t *time = json_object_get(metrics, "time");
	double v = json_number_value(json_object_get(time, "value"));
	assert_true(json_number_value(json_object_get(time, "lower")) < v);
	assert_true(json_number_value(json_object_get(time, "upper")) > v);
	json_decref(root);
	bdb_buf_free(&b);
}

static double matmul_cpu_time(uint32_t run_index)
{
	const bench_workload *w = bench_workload_find("nightly-10y");
	bdb_run *run;
	assert_int_equal(bench_workload_build_run(w, BENCH_DEFAULT_SEED, run_index, &run), 0);
	/* Point 2 * 4 = 8 is BM_matmul/64 on cpu, f32. */
	assert_string_equal(run->points[8].name, "BM_matmul/64");
	assert_string_equal(bdb_point_get_tag(&run->points[8], "backend"), "cpu");
	double v = bdb_point_find_metric(&run->points[8], "time")->value;
	bdb_run_free(run);
	return v;
}

static void test_injected_step_on_last_run(void **state)
{
	(void)state;
	/* The last run carries a +12% step on cpu matmuls; noise is 1.5%
	 * (sigma), so the ratio lies well above 1.05 and below 1.2. */
	double ratio = matmul_cpu_time(3649) / matmul_cpu_time(3648);
	assert_true(ratio > 1.05);
	assert_true(ratio < 1.20);
}

/* gbench-reps (bytes per sample): the gbench reader takes each document
 * whole: 40 benchmarks (points), 112 metrics (5 families x 8 sizes, 2 or
 * 3 metrics each), 20 samples per metric; the value is gbench's mean, the
 * sum of the samples in order over 20 exactly as the generator (and gbench)
 * computes it, so the printed %.16e values round-trip bit for bit. Night
 * 365 is 2024-01-01 + 365 days = 2024-12-31 (2024 is a leap year),
 * 1735603200 s (Python: calendar.timegm((2024, 12, 31, 0, 0, 0))). Rounded
 * to 4 digits, every sample prints back the same with %.4g. */
static void test_gbench_reps(void **state)
{
	(void)state;
	bdb_buf a, b;
	bdb_buf_init(&a);
	bdb_buf_init(&b);
	for (int digits = 0; digits <= 4; digits += 4) {
		bdb_buf_reset(&a);
		bdb_buf_reset(&b);
		assert_int_equal(bench_gbench_reps_write(BENCH_DEFAULT_SEED, 365, digits, &a), 0);
		assert_int_equal(bench_gbench_reps_write(BENCH_DEFAULT_SEED, 365, digits, &b), 0);
		assert_true(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
		bdb_run *run = NULL;
		bdb_diag d;
		assert_int_equal(bdb_ingest_buffer("gbench-reps", a.data, a.len, BDB_INPUT_GBENCH,
						   NULL, &run, NULL, &d),
				 0);
		assert_int_equal(run->n_points, 40);
		assert_true(run->timestamp_us == INT64_C(1735603200) * 1000000);
		size_t metrics = 0, samples = 0;
		for (size_t p = 0; p < run->n_points; p++)
			for (size_t m = 0; m < run->points[p].n_metrics; m++) {
				const bdb_metric *x = &run->points[p].metrics[m];
				for (size_t k = 0; k < x->n_samples; k++) {
					char text[64];
					snprintf(text, sizeof text, "%.4g", x->samples[k]);
					if (digits)
						assert_true(strtod(text, NULL) == x->samples[k]);
				}
				assert_int_equal(x->n_samples, BENCH_GBENCH_REPETITIONS);
				/* The mean of ingest: a compensated sum over n. */
				double sum = bdb_sum_compensated(x->samples, x->n_samples, 1.0);
				assert_true(x->value == sum / BENCH_GBENCH_REPETITIONS);
				metrics++;
				samples += x->n_samples;
			}
		assert_int_equal(metrics, 112);
		assert_int_equal(samples, 2240);
		assert_int_equal(samples, bench_gbench_reps_samples_per_run());
		bdb_run_free(run);
	}
	bdb_buf_free(&a);
	bdb_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_splitmix_and_fnv_reference),
	    cmocka_unit_test(test_same_seed_same_bytes),
	    cmocka_unit_test(test_run_shape),
	    cmocka_unit_test(test_injected_step_on_last_run),
	    cmocka_unit_test(test_gbench_reps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
