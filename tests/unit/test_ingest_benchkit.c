/* test_ingest_benchkit.c - benchkit Run JSON in and out: the fields, the
 * fallbacks for a file without id or timestamp, options overriding the
 * file, round trips through bdb_export_benchkit, and the other exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "helpers/ingest_fixtures.h"

#define S(x) (INT64_C(x) * 1000000)

static void test_full_run(void **state)
{
	(void)state;
	bdb_run *run =
	    fixture_load("tests/fixtures/benchkit/run_full.json", BDB_INPUT_AUTO, NULL, NULL);
	assert_string_equal(run->id, "run-full-001");
	/* 2026-02-10T09:05:00.250000+02:00 = 07:05:00.25Z; python: 1770707100 */
	assert_int_equal(run->timestamp_us, S(1770707100) + 250000);
	assert_string_equal(run->commit, "a1b2c3d4");
	assert_string_equal(run->branch, "feature/loader");
	/* Nested environment values are flattened; null is dropped. */
	assert_string_equal(fixture_env(run, "cpu.model"), "AMD Ryzen 9 7950X");
	assert_string_equal(fixture_env(run, "cpu.cores"), "16");
	assert_string_equal(fixture_env(run, "gpus"), "[\"RTX 4090\",\"RTX 4090\"]");
	assert_string_equal(fixture_env(run, "ecc"), "false");
	assert_null(fixture_env(run, "cuda"));
	assert_int_equal(run->n_env, 5);
	assert_string_equal(fixture_meta(run, "trigger"), "nightly");
	/* 2^53 + 1 stays exact as text. */
	assert_string_equal(fixture_meta(run, "counter"), "9007199254740993");
	assert_string_equal(fixture_meta(run, "exact:0:CV-1/small:events"), "9007199254740993");

	assert_int_equal(run->n_defs, 3);
	const bdb_metric_def *def = bdb_run_find_def(run, "throughput");
	assert_non_null(def); /* keyed, without "name" */
	assert_int_equal(def->direction, BDB_HIGHER);
	assert_int_equal(def->priority, BDB_PRIMARY);
	assert_string_equal(def->group, "Throughput");
	assert_string_equal(def->description, "elements per second");
	assert_true(def->has_threshold);
	assert_true(def->threshold == 3.0);
	def = bdb_run_find_def(run, "latency_p50");
	assert_int_equal(def->priority, BDB_SECONDARY);
	assert_null(def->description);				  /* "" */
	assert_true(def->has_threshold && def->threshold == 7.5); /* "7.5%" */
	fixture_def(run, "peak_memory", BDB_INFO, "MiB");
	assert_false(bdb_run_find_def(run, "peak_memory")->has_threshold);

	assert_int_equal(run->n_points, 2);
	const bdb_point *p =
	    fixture_point(run, "CV-1/small", "batch=32,framework=Datarax,variant=small");
	assert_string_equal(p->scenario, "CV-1");
	const bdb_metric *m = fixture_metric(p, "throughput");
	fixture_close(m->value, 20158.0, 0);
	assert_true(m->has_lower && m->lower == 19870.5); /* ci_lower */
	assert_true(m->has_upper && m->upper == 20431.25);
	assert_int_equal(m->n_samples, 3);
	assert_true(m->samples[0] == 20010 && m->samples[2] == 20301.5);
	assert_string_equal(m->unit, "elem/s"); /* from the definition */
	m = fixture_metric(p, "latency_p50");
	assert_true(m->lower == 11.5 && m->upper == 12.75);
	assert_string_equal(fixture_metric(p, "peak_memory")->unit, "MB"); /* its own */
	m = fixture_metric(p, "events");
	assert_true(m->value == 9007199254740992.0); /* the nearest double */
	assert_null(m->unit);
	p = fixture_point(run, "NLP-2/large", "");
	assert_null(p->scenario); /* "" */
	assert_int_equal(p->n_metrics, 0);
	bdb_run_free(run);
}

static void test_docs_store_run(void **state)
{
	(void)state;
	bdb_run *run = fixture_load("tests/fixtures/benchkit-store/runs/"
				    "2026-02-10T09-05-00_3f9a1c.json",
				    BDB_INPUT_BENCHKIT, NULL, NULL);
	assert_string_equal(run->id, "3f9a1c7d2e4b");
	/* "2026-02-10T09:05:00" without a zone is UTC; python: 1770714300 */
	assert_int_equal(run->timestamp_us, S(1770714300));
	const bdb_point *datarax =
	    fixture_point(run, "CV-1/small", "framework=Datarax,variant=small");
	const bdb_point *grain = fixture_point(run, "CV-1/small", "framework=Grain,variant=small");
	const bdb_metric *m = fixture_metric(datarax, "throughput");
	fixture_close(m->value, 20158.0, 0);
	assert_string_equal(m->unit, "elem/s");
	m = fixture_metric(datarax, "latency_p50");
	fixture_close(m->value, 12.0, 0);
	assert_string_equal(m->unit, "ms");
	assert_int_equal(m->n_samples, 5);
	fixture_close(fixture_metric(grain, "throughput")->value, 20071.0, 0);
	fixture_def(run, "throughput", BDB_HIGHER, "elem/s");
	fixture_def(run, "latency_p50", BDB_LOWER, "ms");
	bdb_run_free(run);
}

/* Copies a fixture to a temporary file with a known modification time. */
static void copy_with_mtime(const char *from, char *to, size_t size, int64_t mtime_s)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(to, size, "%s/bdb-ingest-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemp(to);
	assert_true(fd >= 0);
	FILE *in = fopen(from, "rb");
	assert_non_null(in);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
	fclose(in);
	struct timespec times[2] = {{mtime_s, 0}, {mtime_s, 0}};
	assert_int_equal(futimens(fd, times), 0);
	close(fd);
}

static void test_fallback_id_and_timestamp(void **state)
{
	(void)state;
	char path[256];
	copy_with_mtime("tests/fixtures/benchkit/run_minimal.json", path, sizeof path, 1770714300);
	bdb_run *a = fixture_load(path, BDB_INPUT_AUTO, NULL, NULL);
	/* No timestamp in the file: its modification time. */
	assert_int_equal(a->timestamp_us, S(1770714300));
	/* No id: the format and a hash of the bytes, the same every time. */
	assert_memory_equal(a->id, "benchkit-", 9);
	assert_int_equal(strlen(a->id), 9 + 16);
	bdb_run *b =
	    fixture_load("tests/fixtures/benchkit/run_minimal.json", BDB_INPUT_AUTO, NULL, NULL);
	assert_string_equal(a->id, b->id);
	assert_null(a->points[0].scenario);
	fixture_close(fixture_metric(&a->points[0], "throughput")->value, 1.5, 0);
	assert_int_equal(a->n_defs, 0);
	unlink(path);
	bdb_run_free(a);
	bdb_run_free(b);

	/* A buffer's fallback timestamp is now; its id hashes the same bytes. */
	const char text[] = "{\"points\": [{\"name\": \"x\", \"metrics\": {}}]}";
	bdb_run *c;
	int64_t before = bdb_time_now();
	assert_int_equal(
	    bdb_ingest_buffer("mem", text, strlen(text), BDB_INPUT_AUTO, NULL, &c, NULL, NULL), 0);
	assert_true(c->timestamp_us >= before && c->timestamp_us <= bdb_time_now());
	bdb_run *e;
	assert_int_equal(
	    bdb_ingest_buffer("mem", text, strlen(text), BDB_INPUT_AUTO, NULL, &e, NULL, NULL), 0);
	assert_string_equal(c->id, e->id);
	bdb_run_free(c);
	bdb_run_free(e);
}

static void test_options_override_the_file(void **state)
{
	(void)state;
	bdb_kv tags[] = {{"framework", "JAX"}, {"host", "ci-7"}};
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	opt.id = "nightly-412";
	opt.commit = "ffff0000";
	opt.branch = "release-1.2";
	opt.has_timestamp = true;
	opt.timestamp_us = S(1770000000);
	opt.tags = tags;
	opt.n_tags = 2;
	bdb_run *run =
	    fixture_load("tests/fixtures/benchkit/run_full.json", BDB_INPUT_AUTO, &opt, NULL);
	assert_string_equal(run->id, "nightly-412");
	assert_string_equal(run->commit, "ffff0000");
	assert_string_equal(run->branch, "release-1.2");
	assert_int_equal(run->timestamp_us, S(1770000000));
	/* Every point gets the tags; a file tag of the same key is replaced. */
	fixture_point(run, "CV-1/small", "batch=32,framework=JAX,host=ci-7,variant=small");
	fixture_point(run, "NLP-2/large", "framework=JAX,host=ci-7");
	bdb_run_free(run);

	/* Options that make two points the same are refused. */
	bdb_kv same[] = {{"framework", "X"}};
	opt.tags = same;
	opt.n_tags = 1;
	bdb_diag d;
	assert_int_equal(bdb_ingest_path("tests/fixtures/benchkit-store/runs/"
					 "2026-02-10T09-05-00_3f9a1c.json",
					 BDB_INPUT_AUTO, &opt, &run, NULL, &d),
			 BDB_EPARSE);
	assert_null(run);
	assert_non_null(strstr(d.message, "points 1 and 2 are both \"CV-1/small\""));
}

/* Ingest, export as benchkit, ingest that: the same run, and the same bytes
 * when exported again. */
static void round_trip(const char *path)
{
	bdb_run *a = fixture_load(path, BDB_INPUT_AUTO, NULL, NULL);
	bdb_buf out, again;
	bdb_buf_init(&out);
	bdb_buf_init(&again);
	assert_int_equal(bdb_export_benchkit(a, &out), 0);
	bdb_run *b;
	bdb_input_format detected;
	bdb_diag d;
	int rc = bdb_ingest_buffer("export", out.data, out.len, BDB_INPUT_AUTO, NULL, &b,
				   &detected, &d);
	if (rc) {
		char msg[1200];
		print_error("%s: %s\n", path, bdb_diag_format(&d, msg, sizeof msg));
	}
	assert_int_equal(rc, 0);
	assert_int_equal(detected, BDB_INPUT_BENCHKIT);
	if (!bdb_run_equal(a, b))
		print_error("%s does not survive the round trip\n", path);
	assert_true(bdb_run_equal(a, b));
	assert_int_equal(bdb_export_benchkit(b, &again), 0);
	assert_int_equal(out.len, again.len);
	assert_memory_equal(out.data, again.data, out.len);
	bdb_buf_free(&out);
	bdb_buf_free(&again);
	bdb_run_free(a);
	bdb_run_free(b);
}

static void test_round_trips(void **state)
{
	(void)state;
	static const char *const paths[] = {
	    "tests/fixtures/benchkit/run_full.json",
	    "tests/fixtures/benchkit/run_minimal.json",
	    "tests/fixtures/benchkit-store/runs/2026-02-10T09-05-00_3f9a1c.json",
	    "tests/fixtures/gbench_plain.json",
	    "tests/fixtures/gbench_reps.json",
	    "tests/fixtures/criterion",
	    "tests/fixtures/pytest_benchmark.json",
	    "tests/fixtures/hyperfine_param.json",
	    "tests/fixtures/gotest_bench.txt",
	    "tests/fixtures/cargo/libtest.txt",
	    "tests/fixtures/cargo/libtest_rust195.txt",
	    "tests/fixtures/pytest/versioned.json",
	    "tests/fixtures/quasim/summary.json",
	    "tests/fixtures/odyssey/baseline_results.json",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		round_trip(paths[i]);
}

/* Compact JSON of v, for messages. */
static void print_json(const char *what, const json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	print_error("%s: %s\n", what, text ? text : "(null)");
	free(text);
}

/*
 * A run as benchkit (calibrax Run.to_dict + json.dumps, indent 2) writes it:
 * export gives back the same JSON value: the same keys, the same numbers of
 * the same JSON types (floats stay floats, integers integers), nested
 * environment values, the naive timestamp text, null branch, every
 * definition field. Only the layout may differ.
 */
static void test_benchkit_export_is_faithful(void **state)
{
	(void)state;
	static const char *const paths[] = {
	    "tests/fixtures/benchkit/run_calibrax.json",
	    "tests/fixtures/benchkit-store/runs/2026-02-10T09-05-00_3f9a1c.json",
	    "tests/fixtures/benchkit-store/runs/2026-02-11T09-05-00_8c0d5e.json",
	    "tests/fixtures/benchkit-store/baselines/main.json",
	};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		json_error_t e;
		json_t *original = json_load_file(paths[i], JSON_REJECT_DUPLICATES, &e);
		assert_non_null(original);
		bdb_run *run = fixture_load(paths[i], BDB_INPUT_BENCHKIT, NULL, NULL);
		bdb_buf out;
		bdb_buf_init(&out);
		assert_int_equal(bdb_export_benchkit(run, &out), 0);
		json_t *exported = json_loadb(out.data, out.len, JSON_REJECT_DUPLICATES, &e);
		assert_non_null(exported);
		if (!json_equal(original, exported)) {
			print_error("%s does not export as it was read\n", paths[i]);
			print_json("read", original);
			print_json("exported", exported);
		}
		assert_true(json_equal(original, exported));
		json_decref(original);
		json_decref(exported);
		bdb_buf_free(&out);
		bdb_run_free(run);
	}

	/* What benchdb keeps to do so: the nested environment, flattened for
	 * queries and whole for export. */
	bdb_run *run =
	    fixture_load("tests/fixtures/benchkit/run_calibrax.json", BDB_INPUT_AUTO, NULL, NULL);
	assert_string_equal(fixture_env(run, "cpu_count"), "32");
	assert_string_equal(fixture_env(run, "memory_gb"), "503.7");
	assert_string_equal(fixture_env(run, "devices"),
			    "[{\"kind\":\"NVIDIA A100-SXM4-80GB\",\"id\":0},"
			    "{\"kind\":\"NVIDIA A100-SXM4-80GB\",\"id\":1}]");
	assert_non_null(fixture_meta(run, "json:environment"));
	assert_string_equal(fixture_meta(run, "events_total"), "18014398509481985");
	/* 2026-03-02T18:45:12.503117, no zone: UTC; python:
	 * datetime(2026,3,2,18,45,12,503117,tzinfo=timezone.utc).timestamp() */
	assert_int_equal(run->timestamp_us, S(1772477112) + 503117);
	assert_null(run->branch);
	bdb_run_free(run);

	/* A value above 2^53 comes back exact; benchdb's own keys stay inside. */
	run = fixture_load("tests/fixtures/benchkit/run_full.json", BDB_INPUT_AUTO, NULL, NULL);
	bdb_buf out;
	bdb_buf_init(&out);
	assert_int_equal(bdb_export_benchkit(run, &out), 0);
	const char *text = bdb_buf_cstr(&out);
	assert_non_null(strstr(text, "\"value\": 9007199254740993\n"));
	assert_non_null(strstr(text, "\"counter\": 9007199254740993\n"));
	assert_null(strstr(text, "exact:"));
	assert_null(strstr(text, "json:"));
	/* A zone in the file: written back as the file had it (Python's
	 * isoformat()), so benchkit reads the same aware time. */
	assert_non_null(strstr(text, "\"timestamp\": \"2026-02-10T09:05:00.250000+02:00\",\n"));
	bdb_buf_free(&out);
	bdb_run_free(run);
}

static void test_other_exports(void **state)
{
	(void)state;
	bdb_run *run =
	    fixture_load("tests/fixtures/benchkit/run_full.json", BDB_INPUT_AUTO, NULL, NULL);
	bdb_buf b;
	bdb_buf_init(&b);
	assert_int_equal(bdb_export_run(run, BDB_OUTPUT_CSV, &b), 0);
	const char *csv = bdb_buf_cstr(&b);
	assert_memory_equal(csv,
			    "run,timestamp,commit,branch,point,scenario,tags,metric,value,lower,"
			    "upper,unit,direction,samples\r\n"
			    "run-full-001,2026-02-10T07:05:00.250000Z,a1b2c3d4,feature/loader,"
			    "CV-1/small,CV-1,batch=32;framework=Datarax;variant=small,throughput,"
			    "20158,19870.5,20431.25,elem/s,higher,3\r\n",
			    strlen("run,timestamp,commit,branch,point,scenario,tags,metric,value,"
				   "lower,upper,unit,direction,samples\r\n") +
				strlen("run-full-001,2026-02-10T07:05:00.250000Z,a1b2c3d4,"
				       "feature/loader,CV-1/small,CV-1,batch=32;framework="
				       "Datarax;variant=small,throughput,20158,19870.5,20431.25,"
				       "elem/s,higher,3\r\n"));
	bdb_buf_reset(&b);
	assert_int_equal(bdb_export_run(run, BDB_OUTPUT_MARKDOWN, &b), 0);
	assert_non_null(strstr(bdb_buf_cstr(&b), "| run | timestamp | commit |"));
	assert_non_null(
	    strstr(bdb_buf_cstr(&b), "| latency_p50 | 12 | 11.5 | 12.75 | ms | lower |\n"));
	bdb_buf_reset(&b);
	assert_int_equal(bdb_export_run(run, BDB_OUTPUT_JSON, &b), 0);
	json_error_t e;
	json_t *doc = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &e);
	assert_non_null(doc);
	json_t *obs = json_object_get(doc, "observations");
	assert_int_equal(json_array_size(obs), 4);
	json_t *first = json_array_get(obs, 0);
	assert_string_equal(json_string_value(json_object_get(first, "metric")), "throughput");
	assert_true(json_number_value(json_object_get(first, "upper")) == 20431.25);
	assert_true(json_is_null(json_object_get(json_array_get(obs, 3), "lower")));
	json_decref(doc);

	bdb_output_format f;
	assert_int_equal(bdb_output_format_parse("md", BDB_OUTPUT_FOR_EXPORT, &f), 0);
	assert_int_equal(f, BDB_OUTPUT_MARKDOWN);
	assert_int_equal(bdb_output_format_parse("xml", BDB_OUTPUT_FOR_EXPORT, &f), BDB_EINVAL);
	bdb_buf_free(&b);
	bdb_run_free(run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full_run),
	    cmocka_unit_test(test_docs_store_run),
	    cmocka_unit_test(test_fallback_id_and_timestamp),
	    cmocka_unit_test(test_options_override_the_file),
	    cmocka_unit_test(test_round_trips),
	    cmocka_unit_test(test_benchkit_export_is_faithful),
	    cmocka_unit_test(test_other_exports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
