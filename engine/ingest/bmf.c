/*
 * bmf.c - Bencher Metric Format (https://bencher.dev/docs/reference/
 * bencher-metric-format/):
 *
 *   {BENCHMARK: {MEASURE: {"value": n, "lower_value"?: n, "upper_value"?: n}}}
 *
 * A point is a benchmark, a metric a measure, lower_value/upper_value its
 * bounds. Bencher's built-in measures give units and directions (latency
 * ns lower, throughput ops/s higher, ...); other measures get none.
 */
#include "internal.h"

#include <string.h>

/* Every top-level value is an object of objects that have a "value". */
bool bdb__detect_bmf(const json_t *root)
{
	if (!json_is_object(root) || json_object_size(root) == 0)
		return false;
	const char *key;
	json_t *bench;
	json_object_foreach((json_t *)root, key, bench)
	{
		if (!json_is_object(bench) || json_object_size(bench) == 0)
			return false;
		const char *m;
		json_t *measure;
		json_object_foreach(bench, m, measure)
		{
			if (!json_object_get(measure, "value"))
				return false;
		}
	}
	return true;
}

static const struct {
	const char *measure, *unit;
	bdb_direction direction;
} builtin[] = {
    {"latency", "ns", BDB_LOWER},	   {"throughput", "ops/s", BDB_HIGHER},
    {"file-size", "B", BDB_LOWER},	   {"build-time", "s", BDB_LOWER},
    {"instructions", NULL, BDB_LOWER},	   {"cycles", NULL, BDB_LOWER},
    {"estimated-cycles", NULL, BDB_LOWER}, {"l1-accesses", NULL, BDB_LOWER},
    {"l2-accesses", NULL, BDB_LOWER},	   {"ram-accesses", NULL, BDB_LOWER},
    {"total-read-write", NULL, BDB_LOWER},
};

static int read_measure(bdb__json_doc *doc, const char *name, const json_t *obj, bdb_run *run,
			size_t point, bdb_diag *d)
{
	double value, lower, upper;
	bool has_lower, has_upper;
	int rc;
	if ((rc = bdb__json_number(doc, obj, "value", true, &value, NULL, d)) ||
	    (rc = bdb__json_number(doc, obj, "lower_value", false, &lower, &has_lower, d)) ||
	    (rc = bdb__json_number(doc, obj, "upper_value", false, &upper, &has_upper, d)) ||
	    (has_lower && has_upper &&
	     (rc = bdb__json_bounds(doc, obj, "upper_value", BDB__NO_INDEX, "lower_value", lower,
				    "upper_value", upper, d))))
		return rc;
	bdb_point *p = &run->points[point];
	bdb_metric *m = NULL;
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin && !m; i++) {
		if (strcmp(builtin[i].measure, name) == 0 &&
		    (rc = bdb__add_defined_metric(run, p, name, value, builtin[i].unit,
						  builtin[i].direction, &m)))
			return rc;
	}
	if (!m && (rc = bdb__add_metric(run, p, name, value, NULL, &m)))
		return rc;
	m->has_lower = has_lower;
	m->lower = has_lower ? lower : 0;
	m->has_upper = has_upper;
	m->upper = has_upper ? upper : 0;
	return bdb__json_keep_exact(run, json_object_get(obj, "value"), p, name);
}

int bdb__ingest_bmf(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "Bencher Metric Format", d);
	if (rc)
		return rc;
	const char *bench;
	json_t *measures;
	json_object_foreach((json_t *)root, bench, measures)
	{
		if (!json_is_object(measures))
			return bdb__json_fail(
			    doc, root, bench, BDB__NO_INDEX, d,
			    "benchmark \"%s\" must be an object of measures, got %s", bench,
			    bdb__json_type_name(measures));
		bdb_point *p;
		rc = bdb_run_add_point(run, bench, &p);
		const char *name;
		json_t *m;
		json_object_foreach(measures, name, m)
		{
			if (rc)
				break;
			if (!json_is_object(m))
				return bdb__json_fail(doc, measures, name, BDB__NO_INDEX, d,
						      "measure \"%s\" must be an object like "
						      "{\"value\": 1.5}, got %s",
						      name, bdb__json_type_name(m));
			rc = read_measure(doc, name, m, run, run->n_points - 1, d);
		}
		if (rc)
			return rc;
	}
	return 0;
}
