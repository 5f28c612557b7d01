/* query_store.c - see query_store.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "query_store.h"
#include "store_env.h"

static bdb_point *point_of(bdb_run *run, const char *name, const char *scenario,
			   const char *framework)
{
	bdb_kv tags[2] = {{"framework", framework}, {"variant", "small"}};
	size_t n = strncmp(name, "CV-1", 4) == 0 ? 2 : framework ? 1 : 0;
	const bdb_point *found = bdb_run_find_point(run, name, tags, n);
	if (found)
		return (bdb_point *)found;
	bdb_point *p;
	assert_int_equal(bdb_run_add_point(run, name, &p), 0);
	if (scenario)
		assert_int_equal(bdb_point_set_scenario(run, p, scenario), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(bdb_point_set_tag(run, p, tags[i].key, tags[i].value), 0);
	return p;
}

static bdb_metric *add(bdb_run *run, const char *point, const char *scenario, const char *framework,
		       const char *metric, double value, const char *unit)
{
	bdb_point *p = point_of(run, point, scenario, framework);
	bdb_metric *m;
	assert_int_equal(bdb_point_add_metric(run, p, metric, value, &m), 0);
	assert_int_equal(bdb_metric_set_unit(run, m, unit), 0);
	return m;
}

static void def(bdb_run *run, const char *name, bdb_direction dir, const char *unit,
		double threshold)
{
	bdb_metric_def *d;
	assert_int_equal(bdb_run_add_def(run, name, &d), 0);
	d->direction = dir;
	d->unit = bdb_run_strdup(run, unit);
	d->has_threshold = threshold > 0;
	d->threshold = threshold;
}

static const struct {
	const char *id, *time, *commit, *branch;
} runs[4] = {
    {"r1", "2026-01-05T10:00:00Z", "aaa1111", "main"},
    {"r2", "2026-01-06T10:00:00Z", "bbb2222", "main"},
    {"r3", "2026-01-12T10:00:00Z", "ccc3333", "feature"},
    {"r4", "2026-02-02T10:00:00Z", "ddd4444", "main"},
};

static const double cv_d[3][4] = {
    {1000, 1010, 990, 900}, {10, 10.2, 9.8, 10.5}, {512, 256, 512, 600}};
static const double cv_g[3][4] = {{800, 820, 850, 1200}, {12, 12, 12, 24}, {256, 256, 256, 256}};
static const double nlp[3][4] = {{50, 50, 50, 47.5}, {0, 0, 0, 100}, {1024, 1024, 1024, 1024}};
static const char *const metrics[3] = {"throughput", "latency_p50", "memory"};
static const char *const units[3] = {"elem/s", "ms", "MB"};

static bdb_run *build(int i)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, runs[i].id), 0);
	assert_int_equal(bdb_time_parse(runs[i].time, &run->timestamp_us), 0);
	assert_int_equal(bdb_run_set_commit(run, runs[i].commit), 0);
	assert_int_equal(bdb_run_set_branch(run, runs[i].branch), 0);
	def(run, "throughput", BDB_HIGHER, "elem/s", 0);
	def(run, "latency_p50", BDB_LOWER, "ms", 10);
	def(run, "memory", BDB_INFO, "MB", 0);
	for (int m = 0; m < 3; m++)
		add(run, "CV-1/small", "cv", "Datarax", metrics[m], cv_d[m][i], units[m]);
	for (int m = 0; m < 3; m++) {
		bool micro = m == 1 && i == 1; /* the unit changes between runs */
		add(run, "CV-1/small", "cv", "Grain", metrics[m],
		    micro ? cv_g[m][i] * 1000 : cv_g[m][i], micro ? "us" : units[m]);
	}
	for (int m = 0; m < 3; m++)
		add(run, "NLP-2/large", "nlp", "Datarax", metrics[m], nlp[m][i], units[m]);
	if (i == 0)
		add(run, "OLD/gone", NULL, NULL, "throughput", 1, "elem/s");
	if (i == 3)
		add(run, "NLP-3/new", NULL, NULL, "throughput", 5, "elem/s");
	static const double d1[] = {998, 999, 1000, 1001, 1002}, d4[] = {898, 899, 900, 901, 902};
	static const double g1[] = {790, 800, 810}, g4[] = {1195, 1200, 1205};
	if (i == 0 || i == 3) {
		bdb_point *p = point_of(run, "CV-1/small", "cv", "Datarax");
		assert_int_equal(bdb_metric_set_samples(run, &p->metrics[0], i ? d4 : d1, 5), 0);
		p = point_of(run, "CV-1/small", "cv", "Grain");
		assert_int_equal(bdb_metric_set_samples(run, &p->metrics[0], i ? g4 : g1, 3), 0);
	}
	return run;
}

bdb_store *query_store_open(char **dir)
{
	*dir = make_temp_dir();
	bdb_store *s = open_store(*dir, 0);
	for (int i = 0; i < 4; i++) {
		bdb_run *run = build(i);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	return s;
}

void query_store_close(bdb_store *store, char *dir)
{
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
}
