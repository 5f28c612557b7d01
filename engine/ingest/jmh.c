/*
 * jmh.c - JMH's JSON result file (`-rf json`, jmh-result.json), which
 * github-action-benchmark's `jmh` tool reads:
 *
 *   [{"jmhVersion": "1.37", "benchmark": "org.sample.Bench.sum", "mode": "avgt",
 *     "threads": 1, "forks": 2, "jdkVersion": "17.0.15", "vmName": "...",
 *     "params": {"size": "100"},
 *     "primaryMetric": {"score": 1.52, "scoreError": 0.03,
 *       "scoreConfidence": [1.49, 1.55], "scorePercentiles": {...},
 *       "scoreUnit": "us/op", "rawData": [[1.51, 1.53], [1.52, 1.52]]},
 *     "secondaryMetrics": {"·gc.alloc.rate": {"score": 12.5, "scoreUnit": "MB/sec", ...}}}]
 *
 * A point is "benchmark" with the params as tags and tag mode. The primary
 * metric is "time" in modes avgt, sample and ss (a "T/op" unit becomes T;
 * lower) and "throughput" in mode thrpt (an "ops/T" unit; higher): the
 * action stores the score and its unit alike, and its direction follows
 * the unit here. scoreConfidence (JMH's 99.9% interval) gives the bounds,
 * rawData (every measurement iteration of every fork) the samples.
 * JMH writes "NaN" (a string) where it has no interval: no bounds then.
 * Secondary metrics are metrics named by their key without JMH's leading
 * "·" (no direction). The versions and the JVM are the environment;
 * threads, forks and the iteration settings the metadata.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bdb__detect_jmh(const json_t *root)
{
	const json_t *first = json_array_get(root, 0);
	return json_is_array(root) && json_object_get(first, "benchmark") &&
	       json_object_get(first, "primaryMetric");
}

/* The metric, unit and direction of a primary score in mode. */
static int primary_metric(bdb__json_doc *doc, const json_t *row, const char *mode, const char *unit,
			  char *time_unit, size_t size, const char **metric, const char **out_unit,
			  bdb_direction *direction, bdb_diag *d)
{
	double f;
	const char *slash = strchr(unit, '/');
	*out_unit = unit;
	if (strcmp(mode, "thrpt") == 0) {
		*metric = "throughput";
		*direction = BDB_HIGHER;
		return 0;
	}
	if (strcmp(mode, "avgt") != 0 && strcmp(mode, "sample") != 0 && strcmp(mode, "ss") != 0)
		return bdb__json_fail(doc, row, "mode", BDB__NO_INDEX, d,
				      "\"mode\" must be thrpt, avgt, sample or ss, got \"%s\"",
				      mode);
	*metric = "time";
	*direction = BDB_LOWER;
	if (slash && strcmp(slash, "/op") == 0) {
		bdb__copy_text(time_unit, size, unit, (size_t)(slash - unit));
		if (bdb_unit_factor(time_unit, "ns", &f) == 0)
			*out_unit = time_unit;
	}
	return 0;
}

/* scoreConfidence: two numbers, or JMH's "NaN" strings (no interval). */
static int read_bounds(bdb__json_doc *doc, const json_t *metric, bdb_metric *m, bdb_diag *d)
{
	json_t *ci;
	int rc = bdb__json_array(doc, metric, "scoreConfidence", false, &ci, d);
	if (rc || !ci)
		return rc;
	if (json_array_size(ci) != 2)
		return bdb__json_fail(doc, metric, "scoreConfidence", BDB__NO_INDEX, d,
				      "\"scoreConfidence\" must be [lower, upper], got %zu values",
				      json_array_size(ci));
	double b[2];
	for (size_t i = 0; i < 2; i++) {
		const json_t *v = json_array_get(ci, i);
		if (json_is_string(v) && strcmp(json_string_value(v), "NaN") == 0)
			return 0;
		if ((rc = bdb__json_elem_number(doc, ci, i, "scoreConfidence", &b[i], d)))
			return rc;
	}
	if ((rc = bdb__json_bounds(doc, ci, NULL, 1, "scoreConfidence[0]", b[0],
				   "scoreConfidence[1]", b[1], d)))
		return rc;
	bdb__set_bounds(m, b[0], b[1]);
	return 0;
}

/* rawData: an array (one per fork) of arrays of numbers. */
static int read_raw(bdb__json_doc *doc, const json_t *metric, bdb_run *run, bdb_metric *m,
		    bdb_diag *d)
{
	json_t *forks;
	int rc = bdb__json_array(doc, metric, "rawData", false, &forks, d);
	if (rc || !forks)
		return rc;
	size_t n = 0, cap = 0;
	double *all = NULL;
	for (size_t f = 0; !rc && f < json_array_size(forks); f++) {
		const json_t *fork = json_array_get(forks, f);
		if (!json_is_array(fork)) {
			rc = bdb__json_fail(doc, forks, NULL, f, d,
					    "\"rawData\"[%zu] must be an array, got %s", f,
					    bdb__json_type_name(fork));
			break;
		}
		for (size_t i = 0; !rc && i < json_array_size(fork); i++) {
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				double *p = realloc(all, cap * sizeof *p);
				if (!p) {
					rc = BDB_ENOMEM;
					break;
				}
				all = p;
			}
			rc = bdb__json_elem_number(doc, fork, i, "rawData", &all[n++], d);
		}
	}
	if (!rc && n)
		rc = bdb_metric_set_samples(run, m, all, n);
	free(all);
	return rc;
}

static int read_secondary(bdb__json_doc *doc, const json_t *row, bdb_run *run, size_t point,
			  bdb_diag *d)
{
	json_t *secondary, *v;
	const char *key;
	int rc = bdb__json_object(doc, row, "secondaryMetrics", false, &secondary, d);
	if (rc || !secondary)
		return rc;
	json_object_foreach(secondary, key, v)
	{
		double score;
		const char *unit;
		if (!json_is_object(v))
			return bdb__json_fail(doc, secondary, key, BDB__NO_INDEX, d,
					      "secondary metric \"%s\" must be an object, got %s",
					      key, bdb__json_type_name(v));
		if ((rc = bdb__json_number(doc, v, "score", true, &score, NULL, d)) ||
		    (rc = bdb__json_string(doc, v, "scoreUnit", false, &unit, d)))
			return rc;
		/* "·gc.alloc.rate": JMH marks profiler metrics with a middle dot. */
		const char *name = strncmp(key, "\xc2\xb7", 2) == 0 ? key + 2 : key;
		if ((rc = bdb__add_metric(run, &run->points[point], name, score, unit, NULL)))
			return rc;
	}
	return 0;
}

/* Tag mode and a tag per param; the point's index goes to *point. */
static int read_point(bdb__json_doc *doc, const json_t *row, bdb_run *run, bdb__strmap *points,
		      const char *benchmark, const char *mode, size_t *point, bdb_diag *d)
{
	json_t *params, *v;
	const char *key;
	bdb_kv tags[16];
	char text[15][64];
	size_t n = 0;
	int rc = bdb__json_object(doc, row, "params", false, &params, d);
	if (rc)
		return rc;
	tags[n++] = (bdb_kv){"mode", mode};
	size_t before = run->n_points;
	json_object_foreach(params, key, v)
	{
		if (n == sizeof tags / sizeof *tags)
			return bdb__json_fail(doc, row, "params", BDB__NO_INDEX, d,
					      "more than 15 params");
		const char *value;
		if ((rc = bdb__json_scalar(doc, params, key, true, text[n - 1], sizeof text[0],
					   &value, d)))
			return rc;
		tags[n++] = (bdb_kv){key, value};
	}
	if ((rc = bdb__point_get(run, points, benchmark, tags, n, point)))
		return rc;
	if (*point < before)
		return bdb__json_fail(doc, row, "benchmark", BDB__NO_INDEX, d,
				      "\"%s\" appears twice with the same mode and params",
				      benchmark);
	return 0;
}

static int read_row(bdb__input *in, const json_t *rows, size_t i, bdb_run *run, bdb__strmap *points,
		    bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	json_t *row, *primary;
	const char *benchmark, *mode, *unit, *metric = NULL, *metric_unit = NULL;
	double score;
	bdb_direction direction = BDB_INFO;
	char time_unit[32];
	size_t point;
	int rc;
	if ((rc = bdb__json_elem_object(doc, rows, i, "benchmarks", &row, d)) ||
	    (rc = bdb__json_string(doc, row, "benchmark", true, &benchmark, d)) ||
	    (rc = bdb__json_string(doc, row, "mode", true, &mode, d)) ||
	    (rc = bdb__json_object(doc, row, "primaryMetric", true, &primary, d)) ||
	    (rc = bdb__json_number(doc, primary, "score", true, &score, NULL, d)) ||
	    (rc = bdb__json_string(doc, primary, "scoreUnit", true, &unit, d)) ||
	    (rc = primary_metric(doc, row, mode, unit, time_unit, sizeof time_unit, &metric,
				 &metric_unit, &direction, d)) ||
	    (rc = read_point(doc, row, run, points, benchmark, mode, &point, d)) ||
	    (rc = bdb__note_origin(in, point, rows, i)))
		return rc;
	bdb_metric *m;
	if ((rc = bdb__add_defined_metric(run, &run->points[point], metric, score, metric_unit,
					  direction, &m)) ||
	    (rc = read_bounds(doc, primary, m, d)) || (rc = read_raw(doc, primary, run, m, d)))
		return rc;
	return read_secondary(doc, row, run, point, d);
}

/* The first row's JVM and versions (environment) and run settings (metadata). */
static int read_setup(bdb__input *in, const json_t *row, bdb_run *run)
{
	static const char *const env[] = {"jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvm"};
	static const char *const meta[] = {
	    "threads",	      "forks", "warmupIterations", "warmupTime", "measurementIterations",
	    "measurementTime"};
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof env / sizeof *env; i++) {
		const json_t *v = json_object_get(row, env[i]);
		if (json_is_string(v))
			rc = bdb__json_env(in, run, row, env[i], v, NULL);
	}
	for (size_t i = 0; !rc && i < sizeof meta / sizeof *meta; i++) {
		const json_t *v = json_object_get(row, meta[i]);
		char buf[64];
		if (json_is_string(v) || json_is_number(v))
			rc = bdb_run_set_meta(run, meta[i], bdb__json_text(v, buf, sizeof buf));
	}
	return rc;
}

int bdb__ingest_jmh(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *rows = doc->root;
	if (!json_is_array(rows))
		return bdb__json_fail(doc, rows, NULL, BDB__NO_INDEX, d,
				      "JMH output must be a JSON array, got %s",
				      bdb__json_type_name(rows));
	bdb__strmap points = {0};
	int rc = 0;
	for (size_t i = 0; !rc && i < json_array_size(rows); i++)
		rc = read_row(in, rows, i, run, &points, d);
	if (!rc && json_is_object(json_array_get(rows, 0)))
		rc = read_setup(in, json_array_get(rows, 0), run);
	bdb__strmap_free(&points);
	return rc;
}
