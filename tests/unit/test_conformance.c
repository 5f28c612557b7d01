/*
 * test_conformance.c - our FlatBuffers code against the official
 * implementation, Debian's flatc 2.0.8 (package flatbuffers-compiler):
 *   (a) bytes from bdb_run_encode are turned into JSON by
 *       `flatc -t --strict-json --raw-binary schema/run.fbs -- F.bdbr`
 *       and the JSON (parsed with jansson) is compared field by field;
 *   (b) JSON written from the same runs is turned into a binary by
 *       `flatc -b schema/run.fbs F.json`, which our verifier must accept
 *       and our reader and decoder must read back to the same values;
 *   (c) the minimal run is byte-identical, and a buffer written by flatc
 *       with a newer schema (fields appended to every table) is accepted and
 *       read, as the compatibility rule promises.
 *
 * What flatc 2.0.8 does, found by trying, and how the runs are chosen:
 *   - `flatc -t` prints doubles in fixed notation with at most 12 decimals
 *     (1.5e-12 prints as 0.000000000002, 2^-1074 and DBL_MIN as 0.0), and
 *     large ones as their exact integer expansion (DBL_MAX prints all 309
 *     digits). So (a) uses values that survive that text form exactly:
 *     integers, quarters, 0.1, powers of two down to 2^-12, +-2^53, DBL_MAX,
 *     -0.0 (printed "-0.0"); denormals are only in (b), where flatc parses
 *     jansson's 17 significant digits exactly.
 *   - `flatc -b` leaves out a scalar equal to its default, comparing with
 *     ==, so a `value` of -0.0 is dropped and reads back as +0.0; optional
 *     scalars (= null) keep -0.0. (b) expects exactly that.
 *   - Strings: `flatc -t` escapes non-ASCII as \uXXXX (surrogate pairs above
 *     the BMP; --natural-utf8 would print raw UTF-8) and control characters
 *     as \u0001 etc.; jansson decodes both. `flatc -b` reads raw UTF-8 and
 *     \u escapes alike.
 *   - NaN and infinities are left out: JSON has no spelling for them.
 *   - `flatc -t` does not verify its input (a corrupt root offset makes it
 *     crash), so it is only ever given our builder's output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers/files.h"
#include "helpers/sample_runs.h"
#include "schema.h"

extern char **environ;

#define SCHEMA	  "schema/run.fbs"
#define SCHEMA_V2 "tests/fixtures/conformance/run_v2.fbs"

static char tmpdir[256];

static int make_tmpdir(void **state)
{
	(void)state;
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bdb-conformance-XXXXXX", base && *base ? base : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	DIR *dir = opendir(tmpdir);
	if (dir) {
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char path[512];
			snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
			unlink(path);
		}
		closedir(dir);
	}
	return rmdir(tmpdir);
}

static void tmp_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/%s", tmpdir, name);
}

/* Runs flatc with args (NULL-terminated); fails the test unless it exits 0. */
static void run_flatc(const char *const *args)
{
	char log[512];
	tmp_path(log, sizeof log, "flatc.log");
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	const char *argv[16] = {"flatc"};
	size_t n = 1;
	while (args[n - 1] && n < 15) {
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	pid_t pid;
	int rc = posix_spawnp(&pid, "flatc", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		fail_msg("cannot start flatc (install flatbuffers-compiler: make deps): %s",
			 strerror(rc));
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char text[2048] = "";
		FILE *f = fopen(log, "r");
		if (f) {
			text[fread(text, 1, sizeof text - 1, f)] = '\0';
			fclose(f);
		}
		fail_msg("flatc %s %s ... failed (status %d): %s", args[0], args[1], status, text);
	}
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Reads a file flatc wrote (it must not be empty). */
static uint8_t *read_file(const char *path, size_t *len)
{
	uint8_t *data = test_read_file(path, len);
	assert_true(*len > 0);
	return data;
}

/* ---- the run as JSON, in flatc's JSON form of run.fbs ---- */

static const char *const direction_names[] = {"Higher", "Lower", "Info"};
static const char *const priority_names[] = {"Primary", "Secondary"};

static void set_str(json_t *obj, const char *key, const char *s)
{
	if (s)
		json_object_set_new(obj, key, json_string(s));
}

static json_t *kvs_to_json(const bdb_kv *kvs, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:s}", "key", kvs[i].key, "value", kvs[i].value));
	return a;
}

static json_t *run_to_json(const bdb_run *run)
{
	json_t *j = json_object();
	set_str(j, "id", run->id);
	json_object_set_new(j, "timestamp_us", json_integer(run->timestamp_us));
	set_str(j, "commit", run->commit);
	set_str(j, "branch", run->branch);
	json_object_set_new(j, "environment", kvs_to_json(run->env, run->n_env));
	json_object_set_new(j, "metadata", kvs_to_json(run->meta, run->n_meta));
	json_t *defs = json_array();
	for (size_t i = 0; i < run->n_defs; i++) {
		const bdb_metric_def *d = &run->defs[i];
		json_t *jd = json_object();
		set_str(jd, "name", d->name);
		set_str(jd, "unit", d->unit);
		json_object_set_new(jd, "direction", json_string(direction_names[d->direction]));
		set_str(jd, "group", d->group);
		json_object_set_new(jd, "priority", json_string(priority_names[d->priority]));
		set_str(jd, "description", d->description);
		if (d->has_threshold)
			json_object_set_new(jd, "threshold", json_real(d->threshold));
		json_array_append_new(defs, jd);
	}
	json_object_set_new(j, "metric_defs", defs);
	json_t *points = json_array();
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		json_t *jp = json_object();
		set_str(jp, "name", p->name);
		set_str(jp, "scenario", p->scenario);
		json_object_set_new(jp, "tags", kvs_to_json(p->tags, p->n_tags));
		json_t *metrics = json_array();
		for (size_t k = 0; k < p->n_metrics; k++) {
			const bdb_metric *m = &p->metrics[k];
			json_t *jm = json_object();
			set_str(jm, "name", m->name);
			json_object_set_new(jm, "value", json_real(m->value));
			if (m->has_lower)
				json_object_set_new(jm, "lower", json_real(m->lower));
			if (m->has_upper)
				json_object_set_new(jm, "upper", json_real(m->upper));
			if (m->n_samples) {
				json_t *s = json_array();
				for (size_t x = 0; x < m->n_samples; x++)
					json_array_append_new(s, json_real(m->samples[x]));
				json_object_set_new(jm, "samples", s);
			}
			set_str(jm, "unit", m->unit);
			json_array_append_new(metrics, jm);
		}
		json_object_set_new(jp, "metrics", metrics);
		json_array_append_new(points, jp);
	}
	json_object_set_new(j, "points", points);
	return j;
}

/* ---- comparing flatc's JSON with a run ---- */

static void assert_json_str(const json_t *obj, const char *key, const char *want)
{
	const json_t *v = json_object_get(obj, key);
	if (!want) {
		if (v)
			fail_msg("\"%s\" should be absent, is present", key);
		return;
	}
	if (!json_is_string(v))
		fail_msg("\"%s\" should be the string \"%s\"", key, want);
	assert_int_equal(json_string_length(v), strlen(want));
	assert_memory_equal(json_string_value(v), want, strlen(want));
}

/* A double from flatc's text, compared bit for bit (the sign of zero too). */
static void assert_bits_equal(double got, double want)
{
	if (memcmp(&got, &want, sizeof got) != 0)
		fail_msg("expected %.17g, flatc printed a value read back as %.17g", want, got);
}

static double json_f64(const json_t *v)
{
	if (!json_is_number(v))
		fail_msg("expected a number");
	return json_number_value(v);
}

/* An optional double: present exactly when has is. */
static void assert_json_optional(const json_t *obj, const char *key, bool has, double want)
{
	const json_t *v = json_object_get(obj, key);
	if (has != (v != NULL))
		fail_msg("\"%s\" should be %s", key, has ? "present" : "absent");
	if (has)
		assert_bits_equal(json_f64(v), want);
}

/* A vector: absent means empty. Returns its length. */
static size_t json_len(const json_t *obj, const char *key)
{
	const json_t *a = json_object_get(obj, key);
	return a ? json_array_size(a) : 0;
}

static void assert_json_kvs(const json_t *obj, const char *key, const bdb_kv *kvs, size_t n)
{
	assert_int_equal(json_len(obj, key), n);
	for (size_t i = 0; i < n; i++) {
		const json_t *kv = json_array_get(json_object_get(obj, key), i);
		assert_json_str(kv, "key", kvs[i].key);
		assert_json_str(kv, "value", kvs[i].value);
	}
}

/* An enum by name; absent means its default, names[0]. */
static void assert_json_enum(const json_t *obj, const char *key, const char *const *names, int want)
{
	const json_t *v = json_object_get(obj, key);
	assert_string_equal(v ? json_string_value(v) : names[0], names[want]);
}

static void assert_json_holds_run(const json_t *j, const bdb_run *run)
{
	assert_json_str(j, "id", run->id);
	const json_t *ts = json_object_get(j, "timestamp_us");
	assert_true((ts ? json_integer_value(ts) : 0) == run->timestamp_us);
	assert_json_str(j, "commit", run->commit);
	assert_json_str(j, "branch", run->branch);
	assert_json_kvs(j, "environment", run->env, run->n_env);
	assert_json_kvs(j, "metadata", run->meta, run->n_meta);
	assert_int_equal(json_len(j, "metric_defs"), run->n_defs);
	for (size_t i = 0; i < run->n_defs; i++) {
		const bdb_metric_def *d = &run->defs[i];
		const json_t *jd = json_array_get(json_object_get(j, "metric_defs"), i);
		assert_json_str(jd, "name", d->name);
		assert_json_str(jd, "unit", d->unit);
		assert_json_enum(jd, "direction", direction_names, d->direction);
		assert_json_str(jd, "group", d->group);
		assert_json_enum(jd, "priority", priority_names, d->priority);
		assert_json_str(jd, "description", d->description);
		assert_json_optional(jd, "threshold", d->has_threshold, d->threshold);
	}
	assert_int_equal(json_len(j, "points"), run->n_points);
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		const json_t *jp = json_array_get(json_object_get(j, "points"), i);
		assert_json_str(jp, "name", p->name);
		assert_json_str(jp, "scenario", p->scenario);
		assert_json_kvs(jp, "tags", p->tags, p->n_tags);
		assert_int_equal(json_len(jp, "metrics"), p->n_metrics);
		for (size_t k = 0; k < p->n_metrics; k++) {
			const bdb_metric *m = &p->metrics[k];
			const json_t *jm = json_array_get(json_object_get(jp, "metrics"), k);
			assert_json_str(jm, "name", m->name);
			/* value = 0.0 is the default: absent, and read as +0.0. */
			const json_t *v = json_object_get(jm, "value");
			assert_bits_equal(v ? json_f64(v) : 0.0, m->value);
			assert_json_optional(jm, "lower", m->has_lower, m->lower);
			assert_json_optional(jm, "upper", m->has_upper, m->upper);
			assert_int_equal(json_len(jm, "samples"), m->n_samples);
			for (size_t x = 0; x < m->n_samples; x++)
				assert_bits_equal(
				    json_f64(json_array_get(json_object_get(jm, "samples"), x)),
				    m->samples[x]);
			assert_json_str(jm, "unit", stored_metric_unit(run, m));
		}
	}
}

/* ---- the cases: the same runs both ways ---- */

typedef struct conformance_case {
	const char *name;
	bdb_run *(*make)(void);
} conformance_case;

static bdb_run *ten_thousand_points(void)
{
	return sample_run_points(10000);
}

/* Only values flatc -t prints exactly (see the top of the file). */
static bdb_run *printable_extremes(void)
{
	return sample_run_extremes(0);
}

static bdb_run *json_extremes(void)
{
	return sample_run_extremes(SAMPLE_TINY);
}

static const conformance_case case_empty = {"empty", sample_run_empty};
static const conformance_case case_unicode = {"unicode", sample_run_unicode};
static const conformance_case case_points = {"points", ten_thousand_points};
static const conformance_case case_samples = {"samples", sample_run_samples};
static const conformance_case case_optionals = {"optionals", sample_run_optionals};
static const conformance_case case_printable = {"extremes", printable_extremes};
static const conformance_case case_json_extremes = {"extremes_tiny", json_extremes};
static const conformance_case case_full = {"full", sample_run_full};

/* (a) flatc reads our bytes. */
static void test_flatc_reads_ours(void **state)
{
	const conformance_case *c = *state;
	bdb_run *run = c->make();
	size_t len;
	void *buf = encode_exact(run, &len);
	char bin[512], json_path[512], name[128];
	snprintf(name, sizeof name, "ours_%s.bdbr", c->name);
	tmp_path(bin, sizeof bin, name);
	write_file(bin, buf, len);
	run_flatc((const char *[]){"-t", "--strict-json", "--raw-binary", "-o", tmpdir, SCHEMA,
				   "--", bin, NULL});
	snprintf(name, sizeof name, "ours_%s.json", c->name);
	tmp_path(json_path, sizeof json_path, name);
	json_error_t err;
	json_t *j = json_load_file(json_path, JSON_REJECT_DUPLICATES, &err);
	if (!j)
		fail_msg("%s:%d:%d: %s", json_path, err.line, err.column, err.text);
	assert_json_holds_run(j, run);
	json_decref(j);
	free(buf);
	bdb_run_free(run);
}

/*
 * Writes j (which it takes over) with 17 significant digits per double and
 * turns it into a binary with flatc -b; returns the binary, malloc'd at its
 * exact size.
 */
static uint8_t *flatc_binary_of(json_t *j, const char *name, size_t json_flags, size_t *len)
{
	char json_path[512], bin[512], file[128];
	snprintf(file, sizeof file, "json_%s.json", name);
	tmp_path(json_path, sizeof json_path, file);
	assert_int_equal(json_dump_file(j, json_path, JSON_REAL_PRECISION(17) | json_flags), 0);
	json_decref(j);
	run_flatc((const char *[]){"-b", "-o", tmpdir, SCHEMA, json_path, NULL});
	snprintf(file, sizeof file, "json_%s.bdbr", name);
	tmp_path(bin, sizeof bin, file);
	return read_file(bin, len);
}

/*
 * The run as JSON (with explicit empty vectors and a zero timestamp, which
 * flatc writes, so reading those is covered too) through flatc -b.
 */
static uint8_t *flatc_binary(const bdb_run *run, const char *name, size_t json_flags, size_t *len)
{
	return flatc_binary_of(run_to_json(run), name, json_flags, len);
}

/* (b) we read flatc's bytes. */
static void check_we_read_flatc(const conformance_case *c, size_t json_flags)
{
	bdb_run *run = c->make();
	size_t len;
	uint8_t *buf = flatc_binary(run, c->name, json_flags, &len);
	bdb_diag d;
	bdb_diag_clear(&d);
	if (bdb_run_verify(buf, len, &d))
		fail_msg("flatc's %s rejected: %s", c->name, d.message);
	/* flatc -b drops a non-optional -0.0 (default elision uses ==), so
	 * expect +0.0 wherever the value is a zero of either sign. */
	for (size_t i = 0; i < run->n_points; i++)
		for (size_t k = 0; k < run->points[i].n_metrics; k++)
			if (run->points[i].metrics[k].value == 0.0)
				run->points[i].metrics[k].value = +0.0;
	assert_buffer_holds_run(buf, len, run);
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, &d), 0);
	assert_true(bdb_run_equal(run, back));
	bdb_run_free(back);
	free(buf);
	bdb_run_free(run);
}

static void test_we_read_flatc(void **state)
{
	check_we_read_flatc(*state, 0);
}

/* The same with every non-ASCII character written as a \u escape. */
static void test_we_read_flatc_ascii_escapes(void **state)
{
	(void)state;
	check_we_read_flatc(&case_unicode, JSON_ENSURE_ASCII);
}

/* -0.0 as `value` is the one difference (b) has to expect: shown here. */
static void test_flatc_drops_negative_zero_value(void **state)
{
	(void)state;
	bdb_run *run = printable_extremes();
	size_t len;
	uint8_t *buf = flatc_binary(run, "negzero", 0, &len);
	bdb_fb_view m = bdb_fb_point_metric(bdb_fb_run_point(bdb_fb_run_root(buf, len), 0), 0);
	assert_string_equal(bdb_fb_metric_name(m).ptr, "neg_zero");
	assert_false(signbit(bdb_fb_metric_value(m))); /* value: sign lost */
	double lower;
	assert_true(bdb_fb_metric_lower(m, &lower));
	assert_true(signbit(lower)); /* optional: sign kept */
	free(buf);
	bdb_run_free(run);
}

/* (c) flatc and our builder lay out the minimal run identically. */
static void test_minimal_run_identical(void **state)
{
	(void)state;
	bdb_run *run = sample_run_empty();
	size_t ours_len, theirs_len;
	void *ours = encode_exact(run, &ours_len);
	uint8_t *theirs = flatc_binary_of(json_pack("{s:s}", "id", "x"), "minimal", 0, &theirs_len);
	assert_int_equal(ours_len, 32);
	assert_int_equal(theirs_len, 32);
	assert_memory_equal(ours, theirs, 32);
	free(ours);
	free(theirs);
	bdb_run_free(run);
}

/* Without --raw-binary, flatc checks the file identifier against the schema. */
static void test_flatc_accepts_identifier(void **state)
{
	(void)state;
	bdb_run *run = sample_run_full();
	size_t len;
	void *buf = encode_exact(run, &len);
	char bin[512];
	tmp_path(bin, sizeof bin, "ident.bdbr");
	write_file(bin, buf, len);
	run_flatc((const char *[]){"-t", "--strict-json", "-o", tmpdir, SCHEMA, "--", bin, NULL});
	free(buf);
	bdb_run_free(run);
}

/*
 * (c) Forward compatibility: tests/fixtures/conformance/run_v2.fbs is
 * run.fbs with fields appended to every table (and a new table type);
 * flatc writes run_v2.json with it, and we must read the fields we know.
 */
static void test_newer_schema_fields_tolerated(void **state)
{
	(void)state;
	run_flatc((const char *[]){"-b", "-o", tmpdir, SCHEMA_V2,
				   "tests/fixtures/conformance/run_v2.json", NULL});
	char bin[512];
	tmp_path(bin, sizeof bin, "run_v2.bdbr");
	size_t len;
	uint8_t *buf = read_file(bin, &len);
	bdb_diag d;
	bdb_diag_clear(&d);
	if (bdb_run_verify(buf, len, &d))
		fail_msg("newer buffer rejected: %s", d.message);
	bdb_run *run;
	assert_int_equal(bdb_run_decode(buf, len, &run, &d), 0);
	assert_string_equal(run->id, "v2-run");
	assert_true(run->timestamp_us == 1769860800000000);
	assert_string_equal(run->commit, "c0ffee");
	assert_int_equal(run->n_env, 1);
	assert_string_equal(run->env[0].value, "linux");
	assert_int_equal(run->n_defs, 1);
	assert_int_equal(run->defs[0].direction, BDB_LOWER);
	assert_true(run->defs[0].has_threshold && run->defs[0].threshold == 2.5);
	assert_int_equal(run->n_points, 1);
	const bdb_point *p = &run->points[0];
	assert_string_equal(p->name, "BM_sort/1024");
	assert_string_equal(bdb_point_get_tag(p, "size"), "1024");
	assert_int_equal(p->n_metrics, 1);
	const bdb_metric *m = &p->metrics[0];
	assert_true(m->value == 812.5);
	assert_true(m->has_lower && m->lower == 800.25);
	assert_false(m->has_upper);
	assert_int_equal(m->n_samples, 3);
	assert_true(m->samples[2] == 825.0);
	assert_string_equal(m->unit, "ns");
	bdb_run_free(run);
	free(buf);
}

/* And the other way: a newer reader (flatc with run_v2.fbs) reads our bytes. */
static void test_newer_reader_reads_ours(void **state)
{
	(void)state;
	bdb_run *run = sample_run_full();
	size_t len;
	void *buf = encode_exact(run, &len);
	char bin[512], json_path[512];
	tmp_path(bin, sizeof bin, "old_for_v2.bdbr");
	write_file(bin, buf, len);
	run_flatc(
	    (const char *[]){"-t", "--strict-json", "-o", tmpdir, SCHEMA_V2, "--", bin, NULL});
	tmp_path(json_path, sizeof json_path, "old_for_v2.json");
	json_t *j = json_load_file(json_path, 0, NULL);
	assert_non_null(j);
	assert_json_holds_run(j, run);
	assert_null(json_object_get(j, "host")); /* the new field is simply absent */
	json_decref(j);
	free(buf);
	bdb_run_free(run);
}

#define BOTH_WAYS(c)                                                                               \
	cmocka_unit_test_prestate(test_flatc_reads_ours, (void *)&c),                              \
	    cmocka_unit_test_prestate(test_we_read_flatc, (void *)&c)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    BOTH_WAYS(case_empty),
	    BOTH_WAYS(case_unicode),
	    BOTH_WAYS(case_points),
	    BOTH_WAYS(case_samples),
	    BOTH_WAYS(case_optionals),
	    BOTH_WAYS(case_printable),
	    cmocka_unit_test_prestate(test_we_read_flatc, (void *)&case_json_extremes),
	    BOTH_WAYS(case_full),
	    cmocka_unit_test(test_we_read_flatc_ascii_escapes),
	    cmocka_unit_test(test_flatc_drops_negative_zero_value),
	    cmocka_unit_test(test_minimal_run_identical),
	    cmocka_unit_test(test_flatc_accepts_identifier),
	    cmocka_unit_test(test_newer_schema_fields_tolerated),
	    cmocka_unit_test(test_newer_reader_reads_ours),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
