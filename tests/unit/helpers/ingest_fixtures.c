/* ingest_fixtures.c - see ingest_fixtures.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest_fixtures.h"

bdb_run *fixture_load(const char *path, bdb_input_format format, const bdb_ingest_options *opt,
		      bdb_input_format *detected)
{
	bdb_run *run = NULL;
	bdb_diag d;
	int rc = bdb_ingest_path(path, format, opt, &run, detected, &d);
	if (rc) {
		char msg[1200];
		print_error("%s\n", bdb_diag_format(&d, msg, sizeof msg));
	}
	assert_int_equal(rc, 0);
	assert_non_null(run);
	return run;
}

/* Does p have exactly the tags "k=v,k=v"? */
static bool tags_match(const bdb_point *p, const char *tags)
{
	char copy[512];
	snprintf(copy, sizeof copy, "%s", tags);
	size_t n = 0;
	for (char *save = NULL, *kv = strtok_r(copy, ",", &save); kv;
	     kv = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(kv, '=');
		if (!eq)
			return false;
		*eq = '\0';
		const char *v = bdb_point_get_tag(p, kv);
		if (!v || strcmp(v, eq + 1) != 0)
			return false;
		n++;
	}
	return n == p->n_tags;
}

const bdb_point *fixture_point(const bdb_run *run, const char *name, const char *tags)
{
	for (size_t i = 0; i < run->n_points; i++)
		if (strcmp(run->points[i].name, name) == 0 && tags_match(&run->points[i], tags))
			return &run->points[i];
	print_error("no point \"%s\" with tags {%s}\n", name, tags);
	fail();
	return NULL;
}

const bdb_metric *fixture_metric(const bdb_point *p, const char *name)
{
	const bdb_metric *m = bdb_point_find_metric(p, name);
	if (!m)
		print_error("point \"%s\" has no metric \"%s\"\n", p->name, name);
	assert_non_null(m);
	return m;
}

void fixture_close(double actual, double expected, double rel)
{
	if (fabs(actual - expected) <= rel * fabs(expected))
		return;
	print_error("%.17g is not %.17g (relative tolerance %g)\n", actual, expected, rel);
	fail();
}

void fixture_def(const bdb_run *run, const char *name, bdb_direction direction, const char *unit)
{
	const bdb_metric_def *def = bdb_run_find_def(run, name);
	if (!def)
		print_error("no definition of \"%s\"\n", name);
	assert_non_null(def);
	assert_int_equal(def->direction, direction);
	if (unit)
		assert_string_equal(def->unit, unit);
	else
		assert_null(def->unit);
}

static const char *kv_get(const bdb_kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

const char *fixture_env(const bdb_run *run, const char *key)
{
	return kv_get(run->env, run->n_env, key);
}

const char *fixture_meta(const bdb_run *run, const char *key)
{
	return kv_get(run->meta, run->n_meta, key);
}
