/* test_ingest_store.c - ingest into a real store: every tool fixture stored
 * and read back unchanged; a benchkit store directory imported with its
 * baseline and metric definitions (and exported back as it was); a bad file
 * among good ones stores nothing of itself (nothing at all for an import);
 * the whole tests/bad corpus leaves a store's content as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "helpers/ingest_fixtures.h"
#include "helpers/store_env.h"

#define STORE_FIXTURE "tests/fixtures/benchkit-store"

static const char *const tool_fixtures[] = {
    "tests/fixtures/benchkit/run_full.json",
    "tests/fixtures/benchkit/run_calibrax.json",
    "tests/fixtures/gbench_plain.json",
    "tests/fixtures/gbench_reps.json",
    "tests/fixtures/criterion",
    "tests/fixtures/pytest_benchmark.json",
    "tests/fixtures/hyperfine.json",
    "tests/fixtures/hyperfine_param.json",
    "tests/fixtures/gotest_bench.txt",
    "tests/fixtures/cargo/libtest.txt",
    "tests/fixtures/cargo/libtest_rust195.txt",
    "tests/fixtures/pytest/versioned.json",
    "tests/fixtures/bmf/bmf.json",
    "tests/fixtures/gab/gab.json",
    "tests/fixtures/odyssey/baseline_results.json",
    "tests/fixtures/quasim/summary.json",
    "tests/fixtures/quasim/kernel.json",
};

#define N_TOOL_FIXTURES (sizeof tool_fixtures / sizeof *tool_fixtures)

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	fclose(f);
}

static void make_subdir(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_int_equal(mkdir(path, 0700), 0);
}

static uint64_t count_runs(bdb_store *s)
{
	bdb_reader *r;
	uint64_t n;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	bdb_reader_end(r);
	return n;
}

/* The run stored under id, decoded (free with bdb_run_free). */
static bdb_run *stored_run(bdb_store *s, const char *id, uint64_t *seq_out)
{
	bdb_reader *r;
	uint64_t seq;
	bdb_run *run = NULL;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, id, &seq), 0);
	assert_int_equal(bdb_reader_run_decode(r, seq, &run), 0);
	bdb_reader_end(r);
	if (seq_out)
		*seq_out = seq;
	return run;
}

/*
 * Everything a reader can see of the store, as text: every run (its log
 * entry, the run exported as JSON, each of its observations), baselines and
 * stored metric definitions. Two equal snapshots: the same content.
 */
static void snapshot(bdb_store *s, bdb_buf *out)
{
	bdb_reader *r;
	uint64_t n;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	bdb_buf_printf(out, "runs %llu\n", (unsigned long long)n);
	bdb_run_info *runs;
	size_t n_runs;
	bdb_run_filter all = {NULL, INT64_MIN, INT64_MAX};
	assert_int_equal(bdb_reader_list_runs(r, &all, 0, &runs, &n_runs), 0);
	for (size_t i = 0; i < n_runs; i++) {
		const bdb_run_info *ri = &runs[i];
		bdb_buf_printf(out, "run %llu %s %lld %s %s %u %u\n", (unsigned long long)ri->seq,
			       ri->id, (long long)ri->timestamp_us, ri->commit, ri->branch,
			       ri->n_points, ri->n_metrics);
		bdb_run *run;
		assert_int_equal(bdb_reader_run_decode(r, ri->seq, &run), 0);
		assert_int_equal(bdb_export_run(run, BDB_OUTPUT_JSON, out), 0);
		bdb_run_free(run);
		uint64_t *ids;
		size_t n_ids;
		assert_int_equal(bdb_reader_run_series(r, ri->seq, &ids, &n_ids), 0);
		for (size_t k = 0; k < n_ids; k++) {
			bdb_obs o;
			assert_int_equal(bdb_reader_obs_get(r, ids[k], ri->seq, &o), 0);
			bdb_buf_printf(out, "obs %llu %.17g %d %.17g %d %.17g %u\n",
				       (unsigned long long)ids[k], o.value, o.has_lower, o.lower,
				       o.has_upper, o.upper, o.n_samples);
		}
		free(ids);
	}
	free(runs);
	bdb_baseline_info *bl;
	size_t n_bl;
	assert_int_equal(bdb_reader_list_baselines(r, &bl, &n_bl), 0);
	for (size_t i = 0; i < n_bl; i++)
		bdb_buf_printf(out, "baseline %s %llu\n", bl[i].name,
			       (unsigned long long)bl[i].seq);
	free(bl);
	bdb_metric_def *defs;
	size_t n_defs;
	assert_int_equal(bdb_reader_list_metric_defs(r, &defs, &n_defs), 0);
	for (size_t i = 0; i < n_defs; i++)
		bdb_buf_printf(out, "def %s %s %d %d\n", defs[i].name,
			       defs[i].unit ? defs[i].unit : "-", (int)defs[i].direction,
			       (int)defs[i].priority);
	free(defs);
	bdb_reader_end(r);
	assert_false(out->failed);
}

/* The shared fixture (helpers/store_env.h), verified clean before removal. */
static int verified_teardown(void **state)
{
	assert_verify_clean(((store_fixture *)*state)->store);
	return store_teardown(state);
}

/* Asserts the store's content is still the snapshot `before`. */
static void assert_unchanged(bdb_store *s, const bdb_buf *before)
{
	bdb_buf after;
	bdb_buf_init(&after);
	snapshot(s, &after);
	assert_int_equal(before->len, after.len);
	assert_memory_equal(before->data, after.data, before->len);
	bdb_buf_free(&after);
}

/* What the CLI does with one input: ingest it, and store it when it reads. */
static int ingest_one(bdb_store *s, const char *path, bdb_diag *d)
{
	bdb_run *run;
	int rc = bdb_ingest_path(path, BDB_INPUT_AUTO, NULL, &run, NULL, d);
	if (rc)
		return rc;
	rc = bdb_store_put_run(s, run, 0, NULL, NULL, d);
	bdb_run_free(run);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Every fixture: stored, read back equal, observations as many as metrics. */
static void test_tool_fixtures_store_and_read_back(void **state)
{
	bdb_store *s = ((store_fixture *)*state)->store;
	for (size_t i = 0; i < N_TOOL_FIXTURES; i++) {
		bdb_run *run = fixture_load(tool_fixtures[i], BDB_INPUT_AUTO, NULL, NULL);
		uint64_t seq;
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run *back = stored_run(s, run->id, &seq);
		if (!bdb_run_equal(run, back))
			fail_msg("%s does not read back from the store as it went in",
				 tool_fixtures[i]);
		size_t metrics = 0;
		for (size_t p = 0; p < run->n_points; p++)
			metrics += run->points[p].n_metrics;
		bdb_reader *r;
		bdb_run_info info;
		assert_int_equal(bdb_reader_begin(s, &r), 0);
		assert_int_equal(bdb_reader_run_info(r, seq, &info), 0);
		assert_int_equal(info.n_points, run->n_points);
		assert_int_equal(info.n_metrics, metrics);
		bdb_reader_end(r);
		/* Ingesting the same file again is a no-op. */
		put_ok(s, run, 0, BDB_PUT_UNCHANGED);
		bdb_run_free(back);
		bdb_run_free(run);
	}
	assert_int_equal(count_runs(s), N_TOOL_FIXTURES);
}

static void test_import_benchkit_store(void **state)
{
	bdb_store *s = ((store_fixture *)*state)->store;
	bdb_import_summary sum;
	bdb_diag d;
	int rc = bdb_import_benchkit_dir(s, STORE_FIXTURE, 0, &sum, &d);
	if (rc)
		fail_msg("import: %s: %s", bdb_error_name(rc), d.message);
	assert_int_equal(sum.runs_stored, 2);
	assert_int_equal(sum.runs_unchanged, 0); /* baselines/main.json is a copy */
	assert_int_equal(sum.baselines, 1);
	assert_int_equal(sum.metric_defs, 2);
	assert_int_equal(count_runs(s), 2);

	bdb_reader *r;
	uint64_t seq, main_seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, "3f9a1c7d2e4b", &seq), 0);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &main_seq), 0);
	assert_int_equal(main_seq, seq);
	/* runs/ in file name order: 2026-02-10 first. */
	assert_int_equal(seq, 1);
	bdb_metric_def def;
	assert_int_equal(bdb_reader_metric_def(r, "latency_p50", &def), 0);
	assert_int_equal(def.direction, BDB_LOWER);
	assert_string_equal(def.unit, "ms");
	assert_int_equal(def.priority, BDB_PRIMARY);
	assert_string_equal(def.group, "Latency");
	bdb_reader_end(r);

	/* Each stored run exports as the file it came from. */
	static const char *const files[] = {
	    STORE_FIXTURE "/runs/2026-02-10T09-05-00_3f9a1c.json",
	    STORE_FIXTURE "/runs/2026-02-11T09-05-00_8c0d5e.json",
	};
	static const char *const ids[] = {"3f9a1c7d2e4b", "8c0d5e61f0a7"};
	for (size_t i = 0; i < 2; i++) {
		json_error_t e;
		json_t *original = json_load_file(files[i], JSON_REJECT_DUPLICATES, &e);
		assert_non_null(original);
		bdb_run *run = stored_run(s, ids[i], NULL);
		bdb_buf out;
		bdb_buf_init(&out);
		assert_int_equal(bdb_export_benchkit(run, &out), 0);
		json_t *exported = json_loadb(out.data, out.len, 0, &e);
		assert_non_null(exported);
		assert_true(json_equal(original, exported));
		json_decref(original);
		json_decref(exported);
		bdb_buf_free(&out);
		bdb_run_free(run);
	}

	/* Importing again changes nothing. */
	assert_int_equal(bdb_import_benchkit_dir(s, STORE_FIXTURE, 0, &sum, &d), 0);
	assert_int_equal(sum.runs_stored, 0);
	assert_int_equal(sum.runs_unchanged, 2);
	assert_int_equal(count_runs(s), 2);
}

static const char run_a[] =
    "{\"id\": \"run-a\", \"timestamp\": \"2026-02-10T09:05:00\", \"commit\": \"aaa\",\n"
    " \"metric_defs\": {\"latency_p50\": {\"name\": \"latency_p50\", \"unit\": \"ms\",\n"
    "   \"direction\": \"lower\", \"group\": \"\", \"priority\": \"secondary\",\n"
    "   \"description\": \"\"}},\n"
    " \"points\": [{\"name\": \"CV-1/small\", \"scenario\": \"CV-1\",\n"
    "   \"tags\": {\"framework\": \"Datarax\"},\n"
    "   \"metrics\": {\"latency_p50\": {\"value\": 12.0}}}]}\n";

static const char run_b[] = "{\"id\": \"run-b\", \"timestamp\": \"2026-02-11T09:05:00\",\n"
			    " \"points\": [{\"name\": \"CV-1/small\", \"scenario\": \"CV-1\",\n"
			    "   \"tags\": {\"framework\": \"Datarax\"},\n"
			    "   \"metrics\": {\"latency_p50\": {\"value\": 11.0}}}]}\n";

/* A release baseline whose run is not in runs/ (deleted there). */
static const char run_old[] = "{\"id\": \"run-old\", \"timestamp\": \"2025-12-01T09:05:00\",\n"
			      " \"points\": [{\"name\": \"CV-1/small\", \"scenario\": \"CV-1\",\n"
			      "   \"tags\": {\"framework\": \"Datarax\"},\n"
			      "   \"metrics\": {\"latency_p50\": {\"value\": 14.5}}}]}\n";

/* Seed-style definitions: keyed, without "name". */
static const char config[] =
    "{\"wandb_project\": \"datarax\",\n"
    " \"metric_defs\": {\n"
    "  \"latency_p50\": {\"unit\": \"ms\", \"direction\": \"lower\", \"priority\": \"primary\",\n"
    "                  \"description\": \"median latency\", \"threshold\": 7.5},\n"
    "  \"peak_memory\": {\"unit\": \"MiB\", \"direction\": \"info\"}}}\n";

/* A benchkit directory in a new temporary directory. */
static char *make_benchkit_dir(const char *runs_b, const char *config_text)
{
	char *bk = make_temp_dir();
	make_subdir(bk, "runs");
	make_subdir(bk, "baselines");
	write_file(bk, "runs/run-a.json", run_a);
	write_file(bk, "runs/run-b.json", runs_b);
	write_file(bk, "baselines/main.json", run_a);
	write_file(bk, "baselines/release-1.2.json", run_old);
	write_file(bk, "config.json", config_text);
	return bk;
}

static void test_import_config_and_baselines(void **state)
{
	bdb_store *s = ((store_fixture *)*state)->store;
	char *bk = make_benchkit_dir(run_b, config);
	bdb_import_summary sum;
	bdb_diag d;
	int rc = bdb_import_benchkit_dir(s, bk, 0, &sum, &d);
	if (rc)
		fail_msg("import: %s: %s", bdb_error_name(rc), d.message);
	assert_int_equal(sum.runs_stored, 3); /* run-a, run-b, run-old */
	assert_int_equal(sum.baselines, 2);
	assert_int_equal(sum.metric_defs, 2);

	bdb_reader *r;
	uint64_t a, old, seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, "run-a", &a), 0);
	assert_int_equal(bdb_reader_find_id(r, "run-old", &old), 0);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), 0);
	assert_int_equal(seq, a);
	assert_int_equal(bdb_reader_get_baseline(r, "release-1.2", &seq), 0);
	assert_int_equal(seq, old);
	/* config.json is applied last: its definitions are the stored ones. */
	bdb_metric_def def;
	assert_int_equal(bdb_reader_metric_def(r, "latency_p50", &def), 0);
	assert_int_equal(def.priority, BDB_PRIMARY);
	assert_string_equal(def.description, "median latency");
	assert_true(def.has_threshold && def.threshold == 7.5);
	/* A seed-style definition takes its key as name. */
	assert_int_equal(bdb_reader_metric_def(r, "peak_memory", &def), 0);
	assert_string_equal(def.name, "peak_memory");
	assert_int_equal(def.direction, BDB_INFO);
	assert_string_equal(def.unit, "MiB");
	/* A run keeps its own definition. */
	assert_int_equal(bdb_reader_effective_def(r, a, "latency_p50", &def), 0);
	assert_int_equal(def.priority, BDB_SECONDARY);
	bdb_reader_end(r);
	remove_tree(bk);
	free(bk);
}

/*
 * Imports bk, which must fail with code at where ("runs/x.json:2:30",
 * matched against "file:line:col") saying message; then removes bk.
 */
static void expect_refused(bdb_store *s, char *bk, int code, const char *where, const char *message)
{
	bdb_diag d;
	char text[1200];
	assert_int_equal(bdb_import_benchkit_dir(s, bk, 0, NULL, &d), code);
	bdb_diag_format(&d, text, sizeof text);
	if (!strstr(text, where) || !strstr(d.message, message))
		fail_msg("expected %s: %s\ngot %s", where, message, text);
	remove_tree(bk);
	free(bk);
}

/* One broken file (or a clash) and the import stores nothing at all. */
static void test_import_refuses_bad_directories(void **state)
{
	bdb_store *s = ((store_fixture *)*state)->store;
	bdb_buf before;
	bdb_buf_init(&before);
	snapshot(s, &before);
	bdb_diag d;

	/* A value of the wrong type in the second run file. */
	char *bk = make_benchkit_dir("{\"id\": \"run-b\", \"points\": [{\"name\": \"x\",\n"
				     "  \"metrics\": {\"t\": {\"value\": \"fast\"}}}]}\n",
				     config);
	expect_refused(s, bk, BDB_EPARSE, "runs/run-b.json:2:30",
		       "\"value\" must be a number, got string");

	/* A broken config.json. */
	bk = make_benchkit_dir(run_b, "{\"metric_defs\": {\"t\": {\"unit\": \"ms\"}}}\n");
	expect_refused(s, bk, BDB_EPARSE, "config.json:1:23",
		       "missing required field \"direction\"");

	/* A baseline copy that differs from the run of its id. */
	bk = make_benchkit_dir(run_b, config);
	char changed[sizeof run_a];
	memcpy(changed, run_a, sizeof run_a);
	memcpy(strstr(changed, "12.0"), "13.0", 4);
	write_file(bk, "baselines/main.json", changed);
	expect_refused(s, bk, BDB_EEXISTS, "baselines/main.json:1:1",
		       "run \"run-a\" differs from the run of the same id");

	/* Not a benchkit directory. */
	assert_int_equal(bdb_import_benchkit_dir(s, "tests/fixtures/criterion", 0, NULL, &d),
			 BDB_EFORMAT);
	assert_non_null(strstr(d.message, "is not a benchkit store"));

	assert_unchanged(s, &before);

	/* A different run already stored under an id: refused without replace,
	 * and then nothing else of the directory is stored either. */
	bk = make_benchkit_dir(run_b, config);
	bdb_run *clash = make_run("run-b", 0, NULL, NULL, 1, 1.0);
	put_ok(s, clash, 0, BDB_PUT_STORED);
	bdb_run_free(clash);
	bdb_buf_reset(&before);
	snapshot(s, &before);
	assert_int_equal(bdb_import_benchkit_dir(s, bk, 0, NULL, &d), BDB_EEXISTS);
	assert_non_null(strstr(d.file, "runs/run-b.json"));
	assert_non_null(strstr(d.message, "the store already holds a different run \"run-b\""));
	assert_unchanged(s, &before);
	bdb_import_summary sum;
	assert_int_equal(bdb_import_benchkit_dir(s, bk, BDB_PUT_REPLACE, &sum, &d), 0);
	assert_int_equal(sum.runs_replaced, 1);
	assert_int_equal(sum.runs_stored, 2);
	assert_int_equal(count_runs(s), 3);
	remove_tree(bk);
	free(bk);

	bdb_buf_free(&before);
}

/*
 * Good and bad inputs in one go, as `benchdb ingest a b c ...` does: the
 * good ones are stored, the bad ones store nothing, and after the whole
 * tests/bad corpus the store's content is what the good inputs made.
 */
static void test_bad_inputs_leave_the_store_alone(void **state)
{
	bdb_store *s = ((store_fixture *)*state)->store;
	bdb_diag d;
	assert_int_equal(ingest_one(s, "tests/fixtures/gbench_plain.json", &d), 0);
	assert_int_equal(ingest_one(s, "tests/fixtures/pytest_benchmark.json", &d), 0);
	assert_int_equal(bdb_import_benchkit_dir(s, STORE_FIXTURE, 0, NULL, &d), 0);
	bdb_buf before;
	bdb_buf_init(&before);
	snapshot(s, &before);

	FILE *f = fopen("tests/bad/MANIFEST", "r");
	assert_non_null(f);
	char line[2048];
	size_t bad = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || !strchr(line, '\t'))
			continue;
		*strchr(line, '\t') = '\0';
		char path[2100];
		snprintf(path, sizeof path, "tests/bad/%s", line);
		int rc = ingest_one(s, path, &d);
		if (rc != BDB_EPARSE && rc != BDB_EFORMAT)
			fail_msg("%s: expected a parse or format error, got %s", path,
				 bdb_error_name(rc));
		bad++;
	}
	fclose(f);
	assert_true(bad >= 50);
	assert_unchanged(s, &before);
	assert_int_equal(count_runs(s), 4);

	/* A good input after them all still goes in. */
	assert_int_equal(ingest_one(s, "tests/fixtures/hyperfine.json", &d), 0);
	assert_int_equal(count_runs(s), 5);
	bdb_buf_free(&before);
}

/* What bdb_ingest_files reported, in call order. */
typedef struct reports {
	size_t n;
	size_t index[16];
	int rc[16];
	bdb_put_outcome outcome[16];
	char file[16][256];
} reports;

static void keep_report(void *ctx, const bdb_ingest_result *r)
{
	reports *rep = ctx;
	assert_true(rep->n < 16);
	rep->index[rep->n] = r->index;
	rep->rc[rep->n] = r->rc;
	rep->outcome[rep->n] = r->outcome;
	snprintf(rep->file[rep->n], sizeof rep->file[0], "%s", r->rc ? r->diag->file : "");
	rep->n++;
}

/*
 * bdb_ingest_files in batches of 3 over 10 inputs: a malformed file, a
 * different run under a stored id and a copy of an earlier input among
 * them. Every input is reported once, in order; the failures alone are not
 * stored, with their file named; the runs around them are.
 */
static void test_ingest_files_batches(void **state)
{
	store_fixture *f = *state;
	char dir[4200], paths[10][4300];
	snprintf(dir, sizeof dir, "%s/in", f->dir);
	assert_int_equal(mkdir(dir, 0777), 0);
	for (int i = 0; i < 10; i++) {
		char name[32], text[512];
		snprintf(name, sizeof name, "f%d.json", i);
		snprintf(paths[i], sizeof paths[i], "%s/%s", dir, name);
		int id = i == 6 ? 1 : i; /* input 6: a different run under id r1 */
		snprintf(text, sizeof text,
			 "{\"id\": \"r%d\", \"timestamp\": \"2026-04-%02dT00:00:00Z\", "
			 "\"points\": [{\"name\": \"p\", \"metrics\": {\"time\": "
			 "{\"value\": %d, \"unit\": \"ns\"}}}]}\n",
			 id, 10 - i, 100 + i);
		if (i == 4)
			snprintf(text, sizeof text, "{\"id\": \"r4\", \"points\": [}\n");
		write_file(dir, name, text);
	}
	/* Input 8 is input 2 again: unchanged. */
	snprintf(paths[8], sizeof paths[8], "%s/f2.json", dir);
	const char *list[10];
	for (int i = 0; i < 10; i++)
		list[i] = paths[i];
	reports rep = {0};
	bdb_ingest_job job = {.batch_runs = 3, .report = keep_report, .report_ctx = &rep};
	bdb_ingest_stats st;
	assert_int_equal(bdb_ingest_files(f->store, list, 10, &job, &st), BDB_EPARSE);
	assert_int_equal(rep.n, 10);
	for (size_t i = 0; i < 10; i++) {
		assert_int_equal(rep.index[i], i);
		if (i == 4) {
			assert_int_equal(rep.rc[i], BDB_EPARSE);
			assert_non_null(strstr(rep.file[i], "f4.json"));
		} else if (i == 6) {
			assert_int_equal(rep.rc[i], BDB_EEXISTS);
			assert_non_null(strstr(rep.file[i], "f6.json"));
		} else {
			assert_int_equal(rep.rc[i], 0);
			assert_int_equal(rep.outcome[i],
					 i == 8 ? BDB_PUT_UNCHANGED : BDB_PUT_STORED);
		}
	}
	assert_int_equal(st.stored, 7);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(st.failed, 2);
	assert_int_equal(st.observations, 8);
	/* Batches {0,1,2} {3,4,5} {6,7,8} {9}: the third is split around input
	 * 6 into {} and {7,8}. */
	assert_int_equal(st.transactions, 4);
	bdb_reader *r;
	uint64_t n, seq;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 7);
	assert_int_equal(bdb_reader_find_id(r, "r4", &seq), BDB_ENOTFOUND);
	bdb_run_info info;
	assert_int_equal(bdb_reader_find_id(r, "r1", &seq), 0);
	assert_int_equal(bdb_reader_run_info(r, seq, &info), 0);
	assert_int_equal(info.timestamp_us, INT64_C(1775692800000000)); /* 2026-04-09 */
	bdb_reader_end(r);
	/* No inputs: nothing reported, nothing done. */
	rep.n = 0;
	assert_int_equal(bdb_ingest_files(f->store, list, 0, &job, &st), 0);
	assert_int_equal(rep.n, 0);
	assert_int_equal(st.transactions, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_tool_fixtures_store_and_read_back, store_setup,
					    verified_teardown),
	    cmocka_unit_test_setup_teardown(test_import_benchkit_store, store_setup,
					    verified_teardown),
	    cmocka_unit_test_setup_teardown(test_import_config_and_baselines, store_setup,
					    verified_teardown),
	    cmocka_unit_test_setup_teardown(test_import_refuses_bad_directories, store_setup,
					    verified_teardown),
	    cmocka_unit_test_setup_teardown(test_bad_inputs_leave_the_store_alone, store_setup,
					    verified_teardown),
	    cmocka_unit_test_setup_teardown(test_ingest_files_batches, store_setup,
					    verified_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
