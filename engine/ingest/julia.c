/*
 * julia.c - BenchmarkTools.jl's JSON (BenchmarkTools.save), which
 * github-action-benchmark's `julia` tool reads:
 *
 *   [{"Julia": "1.10.4", "BenchmarkTools": "1.0.0"},
 *    [["BenchmarkGroup", {"data": {"fib": ["BenchmarkGroup", {"data": {
 *        "20": ["TrialEstimate", {"time": 31028.0, "gctime": 0.0, "memory": 0,
 *                                 "allocs": 0, "params": ["Parameters", {...}]}]},
 *        "tags": []}]}, "tags": []}]]]
 *
 * Every leaf is a point named by the group keys down to it, joined with
 * "/" (the action's name: "fib/20"). A TrialEstimate (what the action
 * reads: an estimate such as median(trial)) gives time (ns, lower) =
 * "time", gctime (ns, lower), memory (B, lower) and allocs (lower). A raw
 * Trial, which the action refuses, is read too: "times" are the samples of
 * time and its value their mean (the common rule of repeated observations),
 * gctime the mean of "gctimes". The evals and samples of "params" are
 * metrics evals and samples (info). The header object is the environment.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bdb__detect_julia(const json_t *root)
{
	const json_t *head = json_array_get(root, 0);
	return json_is_array(root) && json_array_size(root) == 2 &&
	       json_is_array(json_array_get(root, 1)) &&
	       (json_object_get(head, "BenchmarkTools") || json_object_get(head, "Julia"));
}

typedef struct julia_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb__strmap points;
	bdb_diag *d;
	char path[1024];
} julia_ctx;

static int metric(julia_ctx *c, size_t point, const char *name, double value, const char *unit,
		  bdb_direction direction, bdb_metric **out)
{
	return bdb__add_defined_metric(c->run, &c->run->points[point], name, value, unit, direction,
				       out);
}

static int read_leaf(julia_ctx *c, const char *type, const json_t *fields)
{
	bdb__json_doc *doc = c->in->json;
	bool trial = strcmp(type, "Trial") == 0;
	double time = 0, gctime = 0, memory, allocs, *times = NULL, *gctimes = NULL;
	size_t n_times = 0, n_gctimes = 0, point, before = c->run->n_points;
	json_t *params = NULL;
	int rc;
	if (trial) {
		if ((rc = bdb__json_numbers(doc, fields, "times", true, &times, &n_times, c->d)) ||
		    (rc = bdb__json_numbers(doc, fields, "gctimes", false, &gctimes, &n_gctimes,
					    c->d)))
			goto done;
		if (!n_times) {
			rc = bdb__json_fail(doc, fields, "times", BDB__NO_INDEX, c->d,
					    "a Trial needs at least one time");
			goto done;
		}
		time = bdb__mean(times, n_times);
		gctime = n_gctimes ? bdb__mean(gctimes, n_gctimes) : 0;
	} else if ((rc = bdb__json_number(doc, fields, "time", true, &time, NULL, c->d)) ||
		   (rc = bdb__json_number(doc, fields, "gctime", true, &gctime, NULL, c->d))) {
		goto done;
	}
	if ((rc = bdb__json_number(doc, fields, "memory", true, &memory, NULL, c->d)) ||
	    (rc = bdb__json_number(doc, fields, "allocs", true, &allocs, NULL, c->d)) ||
	    (rc = bdb__json_array(doc, fields, "params", false, &params, c->d)) ||
	    (rc = bdb__point_get(c->run, &c->points, c->path, NULL, 0, &point)))
		goto done;
	if (point < before) {
		rc = bdb__json_fail(doc, fields, NULL, BDB__NO_INDEX, c->d,
				    "benchmark \"%s\" appears twice", c->path);
		goto done;
	}
	bdb_metric *m;
	if ((rc = metric(c, point, "time", time, "ns", BDB_LOWER, &m)) ||
	    (trial && (rc = bdb_metric_set_samples(c->run, m, times, n_times))) ||
	    (rc = metric(c, point, "gctime", gctime, "ns", BDB_LOWER, NULL)) ||
	    (rc = metric(c, point, "memory", memory, "B", BDB_LOWER, NULL)) ||
	    (rc = metric(c, point, "allocs", allocs, NULL, BDB_LOWER, NULL)))
		goto done;
	/* ["Parameters", {"evals": 390, "samples": 10000, ...}] */
	const json_t *settings = json_array_get(params, 1);
	static const char *const counts[] = {"evals", "samples"};
	for (size_t i = 0; !rc && json_is_object(settings) && i < 2; i++) {
		double v;
		bool has;
		if (!(rc = bdb__json_number(doc, settings, counts[i], false, &v, &has, c->d)) &&
		    has)
			rc = metric(c, point, counts[i], v, NULL, BDB_INFO, NULL);
	}
done:
	free(times);
	free(gctimes);
	return rc;
}

/* value is [TYPE, FIELDS] at c->path; list[index] of its container. */
static int read_value(julia_ctx *c, const json_t *container, const char *key, size_t index,
		      const json_t *value)
{
	bdb__json_doc *doc = c->in->json;
	const json_t *type = json_array_get(value, 0), *fields = json_array_get(value, 1);
	if (!json_is_array(value) || json_array_size(value) != 2 || !json_is_string(type) ||
	    !json_is_object(fields))
		return bdb__json_fail(doc, container, key, index, c->d,
				      "expected a BenchmarkTools value [\"TYPE\", {...}], got %s",
				      bdb__json_type_name(value));
	const char *t = json_string_value(type);
	if (strcmp(t, "TrialEstimate") == 0 || strcmp(t, "Trial") == 0) {
		if (!c->path[0])
			return bdb__json_fail(doc, container, key, index, c->d,
					      "a %s must be inside a BenchmarkGroup", t);
		return read_leaf(c, t, fields);
	}
	if (strcmp(t, "BenchmarkGroup") != 0)
		return bdb__json_fail(doc, value, NULL, 0, c->d,
				      "unsupported BenchmarkTools value \"%s\"; expected "
				      "BenchmarkGroup, TrialEstimate or Trial",
				      t);
	json_t *data, *child;
	const char *name;
	int rc = bdb__json_object(doc, fields, "data", true, &data, c->d);
	size_t len = strlen(c->path);
	json_object_foreach(data, name, child)
	{
		if (rc)
			break;
		if (len + 1 + strlen(name) >= sizeof c->path)
			return bdb__json_fail(doc, data, name, BDB__NO_INDEX, c->d,
					      "the benchmark's path is longer than %zu bytes",
					      sizeof c->path - 1);
		snprintf(c->path + len, sizeof c->path - len, "%s%s", len ? "/" : "", name);
		rc = read_value(c, data, name, BDB__NO_INDEX, child);
		c->path[len] = '\0';
	}
	return rc;
}

int bdb__ingest_julia(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	if (!json_is_array(root) || json_array_size(root) != 2 ||
	    !json_is_object(json_array_get(root, 0)) || !json_is_array(json_array_get(root, 1)))
		return bdb__json_fail(doc, root, NULL, BDB__NO_INDEX, d,
				      "BenchmarkTools output must be [{versions}, [groups]]");
	julia_ctx c = {.in = in, .run = run, .d = d};
	int rc = bdb__json_env(in, run, NULL, "", json_array_get(root, 0), d);
	const json_t *groups = json_array_get(root, 1);
	for (size_t i = 0; !rc && i < json_array_size(groups); i++)
		rc = read_value(&c, groups, NULL, i, json_array_get(groups, i));
	bdb__strmap_free(&c.points);
	return rc;
}
