/*
 * hyperfine.c - hyperfine --export-json.
 *
 *   {"results": [{"command", "mean", "stddev", "median", "user", "system",
 *     "min", "max", "times": [...], "exit_codes": [...],
 *     "parameters"?: {NAME: VALUE}}]}
 *
 * A point is a command with its parameters (-P/-L) as tags. time = mean
 * (s, lower) with "times" as samples; user and system (s, lower). The file
 * has no timestamp and no environment.
 */
#include "internal.h"

#include <stdlib.h>

bool bdb__detect_hyperfine(const json_t *root)
{
	const json_t *results = json_object_get(root, "results");
	return json_is_object(root) && json_is_array(results) &&
	       json_object_get(json_array_get(results, 0), "command") != NULL;
}

static int read_result(bdb__json_doc *doc, const json_t *r, bdb_run *run, bdb_diag *d)
{
	const char *command;
	double mean, user, sys;
	bool has_user, has_sys;
	json_t *params;
	int rc;
	if ((rc = bdb__json_string(doc, r, "command", true, &command, d)) ||
	    (rc = bdb__json_number(doc, r, "mean", true, &mean, NULL, d)) ||
	    (rc = bdb__json_number(doc, r, "user", false, &user, &has_user, d)) ||
	    (rc = bdb__json_number(doc, r, "system", false, &sys, &has_sys, d)) ||
	    (rc = bdb__json_object(doc, r, "parameters", false, &params, d)))
		return rc;
	double *times;
	size_t n;
	if ((rc = bdb__json_numbers(doc, r, "times", false, &times, &n, d)))
		return rc;
	bdb_point *p;
	bdb_metric *m;
	bdb__point_ref ref = {run, run->n_points};
	rc = bdb_run_add_point(run, command, &p);
	if (!rc && params)
		rc = bdb__json_flatten_at(doc, params, "", "tag", bdb__set_tag, &ref, d);
	if (!rc)
		rc = bdb__add_defined_metric(run, p, "time", mean, "s", BDB_LOWER, &m);
	if (!rc)
		rc = bdb_metric_set_samples(run, m, times, n);
	free(times);
	if (!rc && has_user)
		rc = bdb__add_defined_metric(run, p, "user", user, "s", BDB_LOWER, NULL);
	if (!rc && has_sys)
		rc = bdb__add_defined_metric(run, p, "system", sys, "s", BDB_LOWER, NULL);
	return rc;
}

int bdb__ingest_hyperfine(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "hyperfine output", d);
	if (rc)
		return rc;
	json_t *results;
	rc = bdb__json_array(doc, root, "results", true, &results, d);
	for (size_t i = 0; !rc && i < json_array_size(results); i++) {
		json_t *r;
		if (!(rc = bdb__json_elem_object(doc, results, i, "results", &r, d)) &&
		    !(rc = read_result(doc, r, run, d)))
			rc = bdb__note_origin(in, run->n_points - 1, results, i);
	}
	return rc;
}
