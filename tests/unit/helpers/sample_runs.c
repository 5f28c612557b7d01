/* sample_runs.c - runs shared by the codec tests; see sample_runs.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sample_runs.h"

#define OK(expr) assert_int_equal((expr), 0)

static bdb_run *new_run(const char *id)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	OK(bdb_run_set_id(run, id));
	return run;
}

static bdb_metric *add_metric(bdb_run *run, bdb_point *p, const char *name, double value,
			      const char *unit)
{
	bdb_metric *m;
	OK(bdb_point_add_metric(run, p, name, value, &m));
	OK(bdb_metric_set_unit(run, m, unit));
	return m;
}

bdb_run *sample_run_empty(void)
{
	return new_run("x");
}

bdb_run *sample_run_unicode(void)
{
	bdb_run *run = new_run("run-\xc3\xa9t\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac-\xf0\x9f\x9a\x80");
	run->timestamp_us = 1767225600000000; /* 2026-01-01T00:00:00Z */
	OK(bdb_run_set_branch(run, "feature/\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d")); /* Hebrew */
	OK(bdb_run_set_env(run, "cpu", "AMD Ryzen\xe2\x84\xa2 9"));
	/* JSON escapes: quote, backslash, tab, newline, a control character. */
	OK(bdb_run_set_meta(run, "note", "say \"hi\"\\ \ttab\nline \x01 end"));
	bdb_point *p;
	OK(bdb_run_add_point(run, "\xe3\x83\x99\xe3\x83\xb3\xe3\x83\x81/na\xc3\xafve caf\xc3\xa9",
			     &p));
	OK(bdb_point_set_scenario(run, p, "e\xcc\x81 combining"));
	OK(bdb_point_set_tag(run, p, "\xf0\x9f\x94\xa5", "\xf0\x9f\x98\x80\xf0\x9f\x98\x81"));
	OK(bdb_point_set_tag(run, p, "backend", "\xce\xbc-cuda"));
	add_metric(run, p, "\xce\x94t", 12.5, "\xc2\xb5s");
	return run;
}

bdb_run *sample_run_points(size_t n)
{
	bdb_run *run = new_run("points");
	run->timestamp_us = 1700000000123456;
	for (size_t i = 0; i < n; i++) {
		char name[32], size[16];
		snprintf(name, sizeof name, "bench/%05zu", i);
		snprintf(size, sizeof size, "%zu", i % 7);
		bdb_point *p;
		OK(bdb_run_add_point(run, name, &p));
		OK(bdb_point_set_tag(run, p, "framework", i % 2 ? "Datarax" : "Grain"));
		OK(bdb_point_set_tag(run, p, "size", size));
		/* Quarters: printed exactly by flatc's 12-decimal text output. */
		add_metric(run, p, "time", 1.0 + 0.25 * (double)i, "ns");
		add_metric(run, p, "ops", 1e6 - (double)i, "ops/s");
	}
	return run;
}

bdb_run *sample_run_samples(void)
{
	bdb_run *run = new_run("samples");
	bdb_point *p;
	OK(bdb_run_add_point(run, "sampled", &p));
	static const size_t counts[] = {1, 2, 7, 1000};
	double *s = malloc(1000 * sizeof *s);
	assert_non_null(s);
	for (size_t k = 0; k < 4; k++) {
		char name[32];
		snprintf(name, sizeof name, "m%zu", counts[k]);
		for (size_t i = 0; i < counts[k]; i++)
			s[i] = (double)(k + 1) * 1000.0 + 0.5 * (double)i - 3.125;
		bdb_metric *m = add_metric(run, p, name, s[0], "ms");
		OK(bdb_metric_set_samples(run, m, s, counts[k]));
	}
	free(s);
	return run;
}

bdb_run *sample_run_optionals(void)
{
	bdb_run *run = new_run("optionals");
	bdb_point *p;
	OK(bdb_run_add_point(run, "p", &p));
	add_metric(run, p, "absent", 0.0, NULL); /* value 0: left out as default */
	bdb_metric *m = add_metric(run, p, "zeros", 0.0, "");
	m->has_lower = m->has_upper = true;
	m->lower = m->upper = 0.0;
	m = add_metric(run, p, "lower_only", 2.0, NULL);
	m->has_lower = true;
	m->lower = 0.0;
	m = add_metric(run, p, "upper_only", 2.0, NULL);
	m->has_upper = true;
	m->upper = 0.0;
	bdb_metric_def *def;
	OK(bdb_run_add_def(run, "zeros", &def));
	def->has_threshold = true;
	def->threshold = 0.0;
	OK(bdb_run_add_def(run, "absent", &def));
	return run;
}

bdb_run *sample_run_extremes(int families)
{
	bdb_run *run = new_run("extremes");
	run->timestamp_us = INT64_MIN;
	bdb_point *p;
	OK(bdb_run_add_point(run, "e", &p));
	struct {
		const char *name;
		double v;
		int family;
	} values[] = {
	    {"neg_zero", -0.0, 0},
	    {"two_1023", ldexp(1.0, 1023), 0},
	    {"dbl_max", DBL_MAX, 0},
	    {"neg_dbl_max", -DBL_MAX, 0},
	    {"neg_two_53", -ldexp(1.0, 53), 0},
	    {"two_53_plus_2", ldexp(1.0, 53) + 2.0, 0},
	    {"two_minus_12", ldexp(1.0, -12), 0},
	    {"tenth", 0.1, 0},
	    {"denormal_min", ldexp(1.0, -1074), SAMPLE_TINY},
	    {"denormal_max", DBL_MIN - ldexp(1.0, -1074), SAMPLE_TINY},
	    {"dbl_min", DBL_MIN, SAMPLE_TINY},
	    {"neg_denormal", -ldexp(3.0, -1074), SAMPLE_TINY},
	    {"nan", NAN, SAMPLE_NONFINITE},
	    {"inf", INFINITY, SAMPLE_NONFINITE},
	    {"neg_inf", -INFINITY, SAMPLE_NONFINITE},
	};
	double samples[sizeof values / sizeof values[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		if (values[i].family && !(values[i].family & families))
			continue;
		bdb_metric *m = add_metric(run, p, values[i].name, values[i].v, NULL);
		/* The same value as an optional bound, and negated as the other. */
		m->has_lower = m->has_upper = true;
		m->lower = values[i].v;
		m->upper = -values[i].v;
		samples[n++] = values[i].v;
	}
	bdb_metric *all = add_metric(run, p, "all", 1.0, NULL);
	OK(bdb_metric_set_samples(run, all, samples, n));
	bdb_metric_def *def;
	OK(bdb_run_add_def(run, "dbl_max", &def));
	def->has_threshold = true;
	def->threshold = -0.0;
	return run;
}

bdb_run *sample_run_full(void)
{
	bdb_run *run = new_run("2026-01-31T12:00:00Z-nightly");
	run->timestamp_us = 1769860800000000;
	OK(bdb_run_set_commit(run, "0123456789abcdef0123456789abcdef01234567"));
	OK(bdb_run_set_branch(run, "main"));
	OK(bdb_run_set_env(run, "os", "linux"));
	OK(bdb_run_set_env(run, "cpu", "x86_64"));
	OK(bdb_run_set_env(run, "empty", ""));
	OK(bdb_run_set_meta(run, "ci", "github"));
	bdb_metric_def *def;
	OK(bdb_run_add_def(run, "throughput", &def));
	def->unit = bdb_run_strdup(run, "items/s");
	def->group = bdb_run_strdup(run, "speed");
	def->description = bdb_run_strdup(run, "items processed per second");
	def->has_threshold = true;
	def->threshold = 7.5;
	OK(bdb_run_add_def(run, "latency", &def));
	def->unit = bdb_run_strdup(run, "ms");
	def->direction = BDB_LOWER;
	def->priority = BDB_SECONDARY;
	OK(bdb_run_add_def(run, "rss", &def));
	def->direction = BDB_INFO;
	def->has_threshold = true;
	def->threshold = 100.0;
	for (int i = 0; i < 3; i++) {
		bdb_point *p;
		char name[32];
		snprintf(name, sizeof name, "CV-%d/small", i + 1);
		OK(bdb_run_add_point(run, name, &p));
		if (i != 1)
			OK(bdb_point_set_scenario(run, p, i ? "warm" : "cold"));
		OK(bdb_point_set_tag(run, p, "framework", "Datarax"));
		OK(bdb_point_set_tag(run, p, "backend", i == 2 ? "cpu" : "cuda"));
		bdb_metric *m = add_metric(run, p, "throughput", 1500.5 * (i + 1), "items/s");
		m->has_lower = true;
		m->lower = 1400.25 * (i + 1);
		m->has_upper = true;
		m->upper = 1600.75 * (i + 1);
		add_metric(run, p, "latency", 0.5 + i, "ms");
		add_metric(run, p, "rss", 1024.0, "MB");
	}
	return run;
}

void *encode_exact(const bdb_run *run, size_t *len)
{
	bdb_buf b;
	bdb_buf_init(&b);
	OK(bdb_run_encode(run, &b));
	void *copy = malloc(b.len);
	assert_non_null(copy);
	memcpy(copy, b.data, b.len);
	*len = b.len;
	bdb_buf_free(&b);
	return copy;
}

const char *stored_metric_unit(const bdb_run *run, const bdb_metric *m)
{
	const bdb_metric_def *def = bdb_run_find_def(run, m->name);
	return m->unit && def && def->unit && strcmp(m->unit, def->unit) == 0 ? NULL : m->unit;
}

/* ---- reading back through the accessors ---- */

static void assert_str(bdb_fb_str got, const char *want, const void *buf, size_t len)
{
	if (!want) {
		assert_null(got.ptr);
		assert_int_equal(got.len, 0);
		return;
	}
	assert_non_null(got.ptr);
	/* The view stays inside the buffer and ends at a NUL (verified). */
	assert_true((const char *)buf <= got.ptr && got.ptr + got.len < (const char *)buf + len);
	assert_int_equal(got.len, strlen(want));
	assert_memory_equal(got.ptr, want, got.len);
	assert_int_equal(got.ptr[got.len], '\0');
}

static void assert_bits(double got, double want)
{
	assert_memory_equal(&got, &want, sizeof got);
}

static void assert_kvs(const void *buf, size_t len, uint32_t n_got,
		       void (*get)(bdb_fb_view, uint32_t, bdb_fb_str *, bdb_fb_str *),
		       bdb_fb_view owner, const bdb_kv *want, size_t n_want)
{
	assert_int_equal(n_got, n_want);
	for (uint32_t i = 0; i < n_got; i++) {
		bdb_fb_str k, v;
		get(owner, i, &k, &v);
		assert_str(k, want[i].key, buf, len);
		assert_str(v, want[i].value, buf, len);
	}
}

static void assert_metric(const void *buf, size_t len, bdb_fb_view fm, const bdb_run *run,
			  const bdb_metric *m)
{
	assert_str(bdb_fb_metric_name(fm), m->name, buf, len);
	assert_bits(bdb_fb_metric_value(fm), m->value);
	double bound;
	assert_int_equal(bdb_fb_metric_lower(fm, &bound), m->has_lower);
	if (m->has_lower)
		assert_bits(bound, m->lower);
	assert_int_equal(bdb_fb_metric_upper(fm, &bound), m->has_upper);
	if (m->has_upper)
		assert_bits(bound, m->upper);
	uint32_t n = bdb_fb_metric_n_samples(fm);
	assert_int_equal(n, m->n_samples);
	for (uint32_t i = 0; i < n; i++)
		assert_bits(bdb_fb_metric_sample(fm, i), m->samples[i]);
	if (n) {
		double *copy = malloc(n * sizeof *copy);
		assert_non_null(copy);
		assert_int_equal(bdb_fb_metric_copy_samples(fm, copy), n);
		assert_memory_equal(copy, m->samples, n * sizeof *copy);
		free(copy);
	}
	/* Our builder leaves out a unit equal to the definition's; flatc's
	 * buffers (made from JSON that has it) keep it. */
	bdb_fb_str unit = bdb_fb_metric_unit(fm);
	if (unit.ptr || stored_metric_unit(run, m))
		assert_str(unit, m->unit, buf, len);
}

static void assert_def(const void *buf, size_t len, bdb_fb_view fd, const bdb_metric_def *def)
{
	assert_str(bdb_fb_def_name(fd), def->name, buf, len);
	assert_str(bdb_fb_def_unit(fd), def->unit, buf, len);
	assert_int_equal(bdb_fb_def_direction(fd), def->direction);
	assert_str(bdb_fb_def_group(fd), def->group, buf, len);
	assert_int_equal(bdb_fb_def_priority(fd), def->priority);
	assert_str(bdb_fb_def_description(fd), def->description, buf, len);
	double threshold;
	assert_int_equal(bdb_fb_def_threshold(fd, &threshold), def->has_threshold);
	if (def->has_threshold)
		assert_bits(threshold, def->threshold);
}

void assert_buffer_holds_run(const void *buf, size_t len, const bdb_run *run)
{
	assert_int_equal(bdb_run_verify(buf, len, NULL), 0);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	assert_str(bdb_fb_run_id(fr), run->id, buf, len);
	assert_true(bdb_fb_run_timestamp(fr) == run->timestamp_us);
	assert_str(bdb_fb_run_commit(fr), run->commit, buf, len);
	assert_str(bdb_fb_run_branch(fr), run->branch, buf, len);
	assert_kvs(buf, len, bdb_fb_run_n_env(fr), bdb_fb_run_env, fr, run->env, run->n_env);
	assert_kvs(buf, len, bdb_fb_run_n_meta(fr), bdb_fb_run_meta, fr, run->meta, run->n_meta);
	assert_int_equal(bdb_fb_run_n_defs(fr), run->n_defs);
	for (uint32_t i = 0; i < run->n_defs; i++)
		assert_def(buf, len, bdb_fb_run_def(fr, i), &run->defs[i]);
	assert_int_equal(bdb_fb_run_n_points(fr), run->n_points);
	for (uint32_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_fb_view fp = bdb_fb_run_point(fr, i);
		assert_str(bdb_fb_point_name(fp), p->name, buf, len);
		assert_str(bdb_fb_point_scenario(fp), p->scenario, buf, len);
		assert_kvs(buf, len, bdb_fb_point_n_tags(fp), bdb_fb_point_tag, fp, p->tags,
			   p->n_tags);
		assert_int_equal(bdb_fb_point_n_metrics(fp), p->n_metrics);
		for (uint32_t j = 0; j < p->n_metrics; j++)
			assert_metric(buf, len, bdb_fb_point_metric(fp, j), run, &p->metrics[j]);
	}
}
