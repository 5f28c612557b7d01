/*
 * quasim.c - QuASIM benchmark reports (tools/bench_all.py): one kernel's
 * report (reports/kernels/NAME.json) or the summary (reports/summary.json)
 * that holds them all.
 *
 *   kernel:  {"kernel_name", "backend", "precision", "problem_size": {...},
 *             "timing": {"latency_ms_p50", "latency_ms_p90", "latency_ms_p99",
 *               "latency_ms_mean", "latency_ms_std", "throughput_ops_per_sec",
 *               "iterations", "raw_times_ms"?: [...]},
 *             "memory": {"peak_mb", "allocated_mb"} | null,
 *             "energy": {"energy_j", "power_w"} | null,
 *             "accuracy": {"rmse", "max_error", ...} | null,
 *             "success", "error_message"?, "metadata"?}
 *   summary: {"timestamp", "total_kernels", "successful", "failed",
 *             "environment": {"git": {"commit", "branch", "dirty"}, "os",
 *               "python_version", "cuda": {...}, ...},
 *             "results": [kernel, ...]}
 *
 * A point is a kernel with tags backend and precision and the problem size
 * (flattened). Latencies (ms, lower) with raw_times_ms as the samples of
 * latency_ms_mean, throughput_ops_per_sec (ops/s, higher), memory (MB),
 * energy (J, W) and accuracy (every number, lower). A kernel with
 * "success": false is skipped; its message goes to the metadata as
 * "error:<kernel>". The summary's environment is the environment, its git
 * commit and branch the run's. bench_all.py writes the git commit into the
 * summary's "timestamp"; a "timestamp" that is not a time is ignored.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bdb__detect_quasim(const json_t *root)
{
	if (!json_is_object(root))
		return false;
	if (json_object_get(root, "kernel_name") && json_object_get(root, "timing"))
		return true;
	const json_t *first = json_array_get(json_object_get(root, "results"), 0);
	return json_object_get(root, "total_kernels") || json_object_get(first, "kernel_name");
}

static const bdb__metric_field timing_fields[] = {
    {"latency_ms_p50", NULL, "ms", BDB_LOWER, true},
    {"latency_ms_p90", NULL, "ms", BDB_LOWER, false},
    {"latency_ms_p99", NULL, "ms", BDB_LOWER, false},
    {"latency_ms_mean", NULL, "ms", BDB_LOWER, false},
    {"latency_ms_std", NULL, "ms", -1, false},
    {"throughput_ops_per_sec", NULL, "ops/s", BDB_HIGHER, false},
};

static const bdb__metric_field memory_fields[] = {
    {"peak_mb", "memory_peak_mb", "MB", BDB_LOWER, false},
    {"allocated_mb", "memory_allocated_mb", "MB", BDB_LOWER, false},
};

static const bdb__metric_field energy_fields[] = {
    {"energy_j", NULL, "J", BDB_LOWER, false},
    {"power_w", NULL, "W", BDB_LOWER, false},
};

/* Every number of "accuracy" is an error measure: accuracy_<key>, lower. */
static int read_accuracy(bdb__json_doc *doc, const json_t *acc, bdb_run *run, size_t point,
			 bdb_diag *d)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)acc, key, v)
	{
		if (json_is_null(v))
			continue;
		if (!json_is_number(v))
			return bdb__json_fail(doc, acc, key, BDB__NO_INDEX, d,
					      "\"%s\" must be a number, got %s", key,
					      bdb__json_type_name(v));
		char name[256];
		snprintf(name, sizeof name, "accuracy_%s", key);
		int rc = bdb__add_defined_metric(run, &run->points[point], name,
						 json_number_value(v), NULL, BDB_LOWER, NULL);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_kernel(bdb__json_doc *doc, const json_t *k, bdb_run *run, bdb_diag *d)
{
	const char *name, *backend, *precision, *message;
	json_t *size, *timing, *memory, *energy, *accuracy;
	bool success = true;
	int rc;
	if ((rc = bdb__json_string(doc, k, "kernel_name", true, &name, d)) ||
	    (rc = bdb__json_bool(doc, k, "success", false, &success, NULL, d)) ||
	    (rc = bdb__json_string(doc, k, "error_message", false, &message, d)))
		return rc;
	if (!success) {
		char key[512];
		snprintf(key, sizeof key, "error:%s", name);
		return bdb_run_set_meta(run, key, message ? message : "failed");
	}
	if ((rc = bdb__json_string(doc, k, "backend", false, &backend, d)) ||
	    (rc = bdb__json_string(doc, k, "precision", false, &precision, d)) ||
	    (rc = bdb__json_object(doc, k, "problem_size", false, &size, d)) ||
	    (rc = bdb__json_object(doc, k, "timing", true, &timing, d)) ||
	    (rc = bdb__json_object(doc, k, "memory", false, &memory, d)) ||
	    (rc = bdb__json_object(doc, k, "energy", false, &energy, d)) ||
	    (rc = bdb__json_object(doc, k, "accuracy", false, &accuracy, d)))
		return rc;
	double *raw;
	size_t n;
	if ((rc = bdb__json_numbers(doc, timing, "raw_times_ms", false, &raw, &n, d)))
		return rc;
	bdb_point *p;
	bdb__point_ref t = {run, run->n_points};
	rc = bdb_run_add_point(run, name, &p);
	if (!rc && backend)
		rc = bdb_point_set_tag(run, p, "backend", backend);
	if (!rc && precision)
		rc = bdb_point_set_tag(run, p, "precision", precision);
	if (!rc && size)
		rc = bdb__json_flatten_at(doc, size, "", "tag", bdb__set_tag, &t, d);
	if (!rc)
		rc = bdb__read_metric_fields(doc, timing, timing_fields,
					     sizeof timing_fields / sizeof *timing_fields, run,
					     t.point, d);
	if (!rc && n) {
		bdb_metric *mean = NULL;
		p = &run->points[t.point];
		for (size_t i = 0; i < p->n_metrics; i++)
			if (strcmp(p->metrics[i].name, "latency_ms_mean") == 0)
				mean = &p->metrics[i];
		if (!mean)
			rc = bdb__add_defined_metric(run, p, "latency_ms_mean", bdb__mean(raw, n),
						     "ms", BDB_LOWER, &mean);
		if (!rc)
			rc = bdb_metric_set_samples(run, mean, raw, n);
	}
	free(raw);
	if (!rc && memory)
		rc = bdb__read_metric_fields(doc, memory, memory_fields,
					     sizeof memory_fields / sizeof *memory_fields, run,
					     t.point, d);
	if (!rc && energy)
		rc = bdb__read_metric_fields(doc, energy, energy_fields,
					     sizeof energy_fields / sizeof *energy_fields, run,
					     t.point, d);
	if (!rc && accuracy)
		rc = read_accuracy(doc, accuracy, run, t.point, d);
	return rc;
}

static int read_environment(bdb__input *in, bdb__json_doc *doc, const json_t *env, bdb_run *run,
			    bdb_diag *d)
{
	json_t *git;
	int rc = bdb__json_object(doc, env, "git", false, &git, d);
	const char *commit = NULL, *branch = NULL;
	if (!rc && git)
		rc = bdb__json_string(doc, git, "commit", false, &commit, d);
	if (!rc && git)
		rc = bdb__json_string(doc, git, "branch", false, &branch, d);
	if (!rc && commit && *commit && strcmp(commit, "unknown") != 0)
		rc = bdb_run_set_commit(run, commit);
	if (!rc && branch && *branch && strcmp(branch, "unknown") != 0)
		rc = bdb_run_set_branch(run, branch);
	if (!rc && git && json_object_get(git, "dirty"))
		rc = bdb__json_flatten_at(doc, json_object_get(git, "dirty"), "git.dirty",
					  "metadata key", bdb__set_meta, run, d);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)env, key, v)
	{
		if (rc)
			break;
		if (strcmp(key, "git") != 0)
			rc = bdb__json_env(in, run, env, key, v, d);
	}
	return rc;
}

int bdb__ingest_quasim(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "a QuASIM report", d);
	if (rc)
		return rc;
	if (json_object_get(root, "kernel_name"))
		return read_kernel(doc, root, run, d);
	json_t *env, *results;
	const char *stamp;
	if ((rc = bdb__json_object(doc, root, "environment", false, &env, d)) ||
	    (rc = bdb__json_string(doc, root, "timestamp", false, &stamp, d)) ||
	    (rc = bdb__json_array(doc, root, "results", true, &results, d)))
		return rc;
	int64_t us;
	if (stamp && bdb_time_parse(stamp, &us) == 0) {
		run->timestamp_us = us;
		in->has_timestamp = true;
	}
	if (env && (rc = read_environment(in, doc, env, run, d)))
		return rc;
	for (size_t i = 0; i < json_array_size(results); i++) {
		json_t *k;
		size_t before = run->n_points;
		if ((rc = bdb__json_elem_object(doc, results, i, "results", &k, d)) ||
		    (rc = read_kernel(doc, k, run, d)))
			return rc;
		if (run->n_points > before && (rc = bdb__note_origin(in, before, results, i)))
			return rc;
	}
	return 0;
}
