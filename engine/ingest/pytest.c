/*
 * pytest.c - pytest-benchmark --benchmark-json.
 *
 *   {"machine_info": {...}, "commit_info": {"id", "branch", "time", "dirty",
 *    "project", ...}, "datetime", "version",
 *    "benchmarks": [{"group", "name", "fullname", "params", "param",
 *      "extra_info": {...}, "options": {...},
 *      "stats": {"min", "max", "mean", "stddev", "rounds", "median", "iqr",
 *        "q1", "q3", "ops", "total", "data": [...], "iterations"}}]}
 *
 * A point is a fullname (name in versions without one) with its params as
 * tags and its group as scenario. time = stats.mean (s, lower) with the raw
 * "data" as samples; ops = stats.ops (ops/s, higher). Numeric extra_info
 * entries become metrics without a direction. machine_info is the
 * environment; commit_info gives commit and branch, except for
 * pytest-benchmark's placeholders (commit "unversioned" or "unknown";
 * branch "(unknown)", or "(detached head)" as a pull request's checkout in
 * CI gives), which leave them to the CI environment; the rest of
 * commit_info goes to the metadata as commit_info.*; "datetime" (UTC) is the timestamp, else
 * commit_info.time.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

bool bdb__detect_pytest(const json_t *root)
{
	return json_is_object(root) && json_is_array(json_object_get(root, "benchmarks")) &&
	       (json_is_object(json_object_get(root, "machine_info")) ||
		json_is_object(json_object_get(root, "commit_info")));
}

/* Whether s is one of the placeholders of list (NULL-terminated). */
static bool placeholder(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static int read_commit_info(bdb__json_doc *doc, const json_t *info, bdb_run *run, bdb_diag *d)
{
	const char *id, *branch;
	int rc;
	if ((rc = bdb__json_string(doc, info, "id", false, &id, d)) ||
	    (rc = bdb__json_string(doc, info, "branch", false, &branch, d)))
		return rc;
	static const char *const no_commit[] = {"unversioned", "unknown", NULL};
	static const char *const no_branch[] = {"(unknown)", "(detached head)", NULL};
	if (id && *id && !placeholder(id, no_commit) && (rc = bdb_run_set_commit(run, id)))
		return rc;
	if (branch && *branch && !placeholder(branch, no_branch) &&
	    (rc = bdb_run_set_branch(run, branch)))
		return rc;
	const char *key;
	json_t *v;
	bdb__flat_keys keys = {0};
	json_object_foreach((json_t *)info, key, v)
	{
		if (rc || strcmp(key, "id") == 0 || strcmp(key, "branch") == 0)
			continue;
		char prefix[256];
		snprintf(prefix, sizeof prefix, "commit_info.%s", key);
		rc = bdb__json_flatten_keys(doc, &keys, info, key, v, prefix, "metadata key",
					    bdb__set_meta, run, d);
	}
	bdb__flat_keys_free(&keys);
	return rc;
}

static int read_benchmark(bdb__json_doc *doc, const json_t *b, bdb_run *run, bdb_diag *d)
{
	const char *name, *fullname, *group;
	json_t *params, *extra, *stats;
	double mean, ops;
	bool has_ops;
	int rc;
	if ((rc = bdb__json_string(doc, b, "name", true, &name, d)) ||
	    (rc = bdb__json_string(doc, b, "fullname", false, &fullname, d)) ||
	    (rc = bdb__json_string(doc, b, "group", false, &group, d)) ||
	    (rc = bdb__json_object(doc, b, "params", false, &params, d)) ||
	    (rc = bdb__json_object(doc, b, "extra_info", false, &extra, d)) ||
	    (rc = bdb__json_object(doc, b, "stats", true, &stats, d)) ||
	    (rc = bdb__json_number(doc, stats, "mean", true, &mean, NULL, d)) ||
	    (rc = bdb__json_number(doc, stats, "ops", false, &ops, &has_ops, d)))
		return rc;
	double *data;
	size_t n;
	if ((rc = bdb__json_numbers(doc, stats, "data", false, &data, &n, d)))
		return rc;
	bdb_point *p;
	bdb_metric *m;
	rc = bdb_run_add_point(run, fullname ? fullname : name, &p);
	bdb__point_ref t = {run, run->n_points - 1};
	if (!rc && group && *group)
		rc = bdb_point_set_scenario(run, p, group);
	if (!rc && params)
		rc = bdb__json_flatten_at(doc, params, "", "tag", bdb__set_tag, &t, d);
	p = &run->points[t.point];
	if (!rc)
		rc = bdb__add_defined_metric(run, p, "time", mean, "s", BDB_LOWER, &m);
	if (!rc)
		rc = bdb_metric_set_samples(run, m, data, n);
	free(data);
	if (!rc && has_ops)
		rc = bdb__add_defined_metric(run, p, "ops", ops, "ops/s", BDB_HIGHER, NULL);
	const char *key;
	json_t *v;
	if (!rc && extra) {
		json_object_foreach(extra, key, v)
		{
			if (json_is_number(v) &&
			    (rc = bdb__add_metric(run, p, key, json_number_value(v), NULL, NULL)))
				break;
		}
	}
	return rc;
}

int bdb__ingest_pytest(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "pytest-benchmark output", d);
	if (rc)
		return rc;
	json_t *machine, *commit, *benchmarks;
	const char *version;
	if ((rc = bdb__json_object(doc, root, "machine_info", false, &machine, d)) ||
	    (rc = bdb__json_object(doc, root, "commit_info", false, &commit, d)) ||
	    (rc = bdb__json_string(doc, root, "version", false, &version, d)) ||
	    (rc = bdb__json_array(doc, root, "benchmarks", true, &benchmarks, d)))
		return rc;
	/* The run's time is "datetime"; the commit's time stands in without it. */
	if ((commit && (rc = bdb__json_timestamp(doc, commit, "time", run, in, d))) ||
	    (rc = bdb__json_timestamp(doc, root, "datetime", run, in, d)))
		return rc;
	if (machine && (rc = bdb__json_env(in, run, NULL, "", machine, d)))
		return rc;
	if (version) {
		json_t *text = json_string(version);
		rc = text ? bdb__json_env(in, run, NULL, "pytest_benchmark_version", text, d)
			  : BDB_ENOMEM;
		json_decref(text);
		if (rc)
			return rc;
	}
	if (commit && (rc = read_commit_info(doc, commit, run, d)))
		return rc;
	for (size_t i = 0; i < json_array_size(benchmarks); i++) {
		json_t *b;
		if ((rc = bdb__json_elem_object(doc, benchmarks, i, "benchmarks", &b, d)) ||
		    (rc = read_benchmark(doc, b, run, d)) ||
		    (rc = bdb__note_origin(in, run->n_points - 1, benchmarks, i)))
			return rc;
	}
	return 0;
}
