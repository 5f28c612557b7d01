/*
 * vitest.c - `vitest bench --outputJson FILE` (vitest 1.x; its numbers are
 * tinybench's task results):
 *
 *   {"files": [{"filepath": "/src/sort.bench.js",
 *     "groups": [{"fullName": "sort.bench.js > sort",
 *       "benchmarks": [{"name": "Array.sort 1000", "rank": 2, "rme": 18.69,
 *         "sampleCount": 846, "hz": 1691.95, "mean": 0.5910, "moe": 0.0110,
 *         "min": 0.17, "max": 16.24, "p75": ..., "p99": ..., "p995": ..., "p999": ...,
 *         "sd": ..., "variance": ..., "sem": ..., "totalTime": ...}]}]}]}
 *
 * A point is the benchmark's name with tag group (the group's fullName:
 * file and describe blocks). throughput (ops/s, higher) is hz with bounds
 * hz ∓ rme% (tinybench's relative margin of error, 95%); time (ms, lower)
 * is the mean with bounds mean ∓ moe; min, max, p75, p99, p995 and p999 are
 * metrics in ms (info); sampleCount is samples (info).
 */
#include "internal.h"

#include <string.h>

bool bdb__detect_vitest(const json_t *root)
{
	const json_t *files = json_object_get(root, "files");
	return json_is_object(root) && json_is_array(files) &&
	       json_object_get(json_array_get(files, 0), "groups");
}

/* The info metrics of a benchmark, in ms. */
static const char *const spreads[] = {"min", "max", "p75", "p99", "p995", "p999"};

static int read_bench(bdb__input *in, const json_t *list, size_t i, const char *group, bdb_run *run,
		      bdb__strmap *points, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	json_t *b;
	const char *name;
	double hz, rme, mean, moe, count;
	bool has_rme, has_moe, has_count;
	int rc;
	if ((rc = bdb__json_elem_object(doc, list, i, "benchmarks", &b, d)) ||
	    (rc = bdb__json_string(doc, b, "name", true, &name, d)) ||
	    (rc = bdb__json_number(doc, b, "hz", true, &hz, NULL, d)) ||
	    (rc = bdb__json_number(doc, b, "rme", false, &rme, &has_rme, d)) ||
	    (rc = bdb__json_number(doc, b, "mean", true, &mean, NULL, d)) ||
	    (rc = bdb__json_number(doc, b, "moe", false, &moe, &has_moe, d)) ||
	    (rc = bdb__json_number(doc, b, "sampleCount", false, &count, &has_count, d)))
		return rc;
	bdb_kv tag = {"group", group};
	size_t point, before = run->n_points;
	if ((rc = bdb__point_get(run, points, name, &tag, 1, &point)))
		return rc;
	if (point < before)
		return bdb__json_fail(doc, b, "name", BDB__NO_INDEX, d,
				      "benchmark \"%s\" appears twice in group \"%s\"", name,
				      group);
	bdb_point *p = &run->points[point];
	bdb_metric *m;
	if ((rc = bdb__add_defined_metric(run, p, "throughput", hz, "ops/s", BDB_HIGHER, &m)))
		return rc;
	if (has_rme)
		bdb__set_bounds(m, hz - hz * rme / 100, hz + hz * rme / 100);
	if ((rc = bdb__add_defined_metric(run, &run->points[point], "time", mean, "ms", BDB_LOWER,
					  &m)))
		return rc;
	if (has_moe)
		bdb__set_bounds(m, mean - moe, mean + moe);
	for (size_t k = 0; k < sizeof spreads / sizeof *spreads; k++) {
		double v;
		bool has;
		if ((rc = bdb__json_number(doc, b, spreads[k], false, &v, &has, d)) ||
		    (has && (rc = bdb__add_defined_metric(run, &run->points[point], spreads[k], v,
							  "ms", BDB_INFO, NULL))))
			return rc;
	}
	if (has_count)
		rc = bdb__add_defined_metric(run, &run->points[point], "samples", count, NULL,
					     BDB_INFO, NULL);
	return rc;
}

int bdb__ingest_vitest(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	json_t *files;
	int rc = bdb__json_need_object(doc, "vitest bench output", d);
	if (rc || (rc = bdb__json_array(doc, doc->root, "files", true, &files, d)))
		return rc;
	bdb__strmap points = {0};
	for (size_t f = 0; !rc && f < json_array_size(files); f++) {
		json_t *file, *groups;
		if ((rc = bdb__json_elem_object(doc, files, f, "files", &file, d)) ||
		    (rc = bdb__json_array(doc, file, "groups", true, &groups, d)))
			break;
		for (size_t g = 0; !rc && g < json_array_size(groups); g++) {
			json_t *group, *list;
			const char *full;
			if ((rc = bdb__json_elem_object(doc, groups, g, "groups", &group, d)) ||
			    (rc = bdb__json_string(doc, group, "fullName", true, &full, d)) ||
			    (rc = bdb__json_array(doc, group, "benchmarks", true, &list, d)))
				break;
			for (size_t i = 0; !rc && i < json_array_size(list); i++)
				rc = read_bench(in, list, i, full, run, &points, d);
		}
	}
	bdb__strmap_free(&points);
	return rc;
}
