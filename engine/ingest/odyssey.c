/*
 * odyssey.c - ml-odyssey (ProjectOdyssey) benchmark results, as written by
 * benchmarks/scripts/run_benchmarks.mojo and kept in
 * benchmarks/baselines/baseline_results.json:
 *
 *   {"version", "timestamp", "environment": {"os", "cpu", "mojo_version",
 *    "git_commit"}, "benchmarks": [{"name", "description", "duration_ms",
 *    "min_duration_ms"?, "max_duration_ms"?, "throughput", "memory_mb",
 *    "iterations"}], "metadata"?: {...}}
 *
 * A point is a benchmark name. duration_ms, min_duration_ms and
 * max_duration_ms (ms, lower), throughput (ops/s, higher), memory_mb (MB,
 * lower). environment is the environment except git_commit, which is the
 * commit; metadata is the metadata; version is env "odyssey_version".
 */
#include "internal.h"

#include <string.h>

bool bdb__detect_odyssey(const json_t *root)
{
	const json_t *first = json_array_get(json_object_get(root, "benchmarks"), 0);
	return json_is_object(root) && json_object_get(first, "duration_ms") != NULL;
}

static const bdb__metric_field fields[] = {
    {"duration_ms", NULL, "ms", BDB_LOWER, true},
    {"min_duration_ms", NULL, "ms", BDB_LOWER, false},
    {"max_duration_ms", NULL, "ms", BDB_LOWER, false},
    {"throughput", NULL, "ops/s", BDB_HIGHER, false},
    {"memory_mb", NULL, "MB", BDB_LOWER, false},
};

static int read_benchmark(bdb__json_doc *doc, const json_t *b, bdb_run *run, bdb_diag *d)
{
	const char *name;
	bdb_point *p;
	int rc = bdb__json_string(doc, b, "name", true, &name, d);
	if (rc || (rc = bdb_run_add_point(run, name, &p)))
		return rc;
	return bdb__read_metric_fields(doc, b, fields, sizeof fields / sizeof *fields, run,
				       run->n_points - 1, d);
}

int bdb__ingest_odyssey(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "ml-odyssey results", d);
	if (rc)
		return rc;
	json_t *env, *meta, *benchmarks;
	const char *version, *commit = NULL;
	if ((rc = bdb__json_string(doc, root, "version", false, &version, d)) ||
	    (rc = bdb__json_timestamp(doc, root, "timestamp", run, in, d)) ||
	    (rc = bdb__json_object(doc, root, "environment", false, &env, d)) ||
	    (rc = bdb__json_object(doc, root, "metadata", false, &meta, d)) ||
	    (rc = bdb__json_array(doc, root, "benchmarks", true, &benchmarks, d)))
		return rc;
	if (env && (rc = bdb__json_string(doc, env, "git_commit", false, &commit, d)))
		return rc;
	if (commit && *commit && (rc = bdb_run_set_commit(run, commit)))
		return rc;
	if (version && (rc = bdb_run_set_env(run, "odyssey_version", version)))
		return rc;
	const char *key;
	json_t *v;
	if (env) {
		json_object_foreach(env, key, v)
		{
			if (strcmp(key, "git_commit") != 0 &&
			    (rc = bdb__json_env(in, run, env, key, v, d)))
				return rc;
		}
	}
	if (meta &&
	    (rc = bdb__json_flatten_at(doc, meta, "", "metadata key", bdb__set_meta, run, d)))
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
