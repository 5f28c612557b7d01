/*
 * benchkit.c - benchkit Run JSON, the native interchange format.
 *
 * The shape (benchkit's models.py, Run.to_dict):
 *   {"id", "timestamp", "commit", "branch", "environment": {...},
 *    "metadata": {...}, "metric_defs": {NAME: {name?, unit, direction,
 *    group, priority, description}}, "points": [{"name", "scenario",
 *    "tags": {...}, "metrics": {NAME: {"value", "lower"?, "upper"?,
 *    "samples"?}}}]}
 * benchdb also reads "ci_lower"/"ci_upper" for the bounds, a metric's own
 * "unit" and a definition's "threshold" (percent: 5 or "5%"); benchkit
 * ignores those keys, so runs benchdb writes stay readable by benchkit.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bdb__detect_benchkit(const json_t *root)
{
	/* Any "points" member: a wrong type is then reported where it is. */
	return json_is_object(root) && json_object_get(root, "points") != NULL;
}

/* "threshold": 5 or "5%" (percent). */
static int read_threshold(bdb__json_doc *doc, const json_t *obj, bdb_metric_def *def, bdb_diag *d)
{
	json_t *v = json_object_get(obj, "threshold");
	if (!v || json_is_null(v))
		return 0;
	double pct;
	if (json_is_number(v)) {
		pct = json_number_value(v);
	} else {
		const char *s = json_string_value(v);
		size_t n = s ? strlen(s) : 0;
		if (!s || !n || s[n - 1] != '%' || !bdb__parse_number(s, n - 1, false, &pct))
			return bdb__json_fail(doc, obj, "threshold", BDB__NO_INDEX, d,
					      "\"threshold\" must be a percentage like 5 or "
					      "\"5%%\", got %s",
					      bdb__json_type_name(v));
	}
	if (pct < 0)
		return bdb__json_fail(doc, obj, "threshold", BDB__NO_INDEX, d,
				      "\"threshold\" must not be negative");
	def->has_threshold = true;
	def->threshold = pct;
	return 0;
}

static int read_def(bdb__json_doc *doc, const char *key, const json_t *obj, bdb_run *run,
		    bdb_diag *d)
{
	const char *name, *unit, *direction, *group, *priority, *description;
	int rc;
	if ((rc = bdb__json_string(doc, obj, "name", false, &name, d)) ||
	    (rc = bdb__json_string(doc, obj, "unit", false, &unit, d)) ||
	    (rc = bdb__json_string(doc, obj, "direction", true, &direction, d)) ||
	    (rc = bdb__json_string(doc, obj, "group", false, &group, d)) ||
	    (rc = bdb__json_string(doc, obj, "priority", false, &priority, d)) ||
	    (rc = bdb__json_string(doc, obj, "description", false, &description, d)))
		return rc;
	if (name && strcmp(name, key) != 0)
		return bdb__json_fail(doc, obj, "name", BDB__NO_INDEX, d,
				      "\"name\" is \"%s\" but the definition is keyed \"%s\"", name,
				      key);
	bdb_direction dir;
	if (bdb_direction_parse(direction, &dir))
		return bdb__json_fail(doc, obj, "direction", BDB__NO_INDEX, d,
				      "\"direction\" must be \"higher\", \"lower\" or \"info\", "
				      "got \"%s\"",
				      direction);
	bdb_priority prio = BDB_SECONDARY;
	if (priority && strcmp(priority, "primary") == 0)
		prio = BDB_PRIMARY;
	else if (priority && strcmp(priority, "secondary") != 0)
		return bdb__json_fail(doc, obj, "priority", BDB__NO_INDEX, d,
				      "\"priority\" must be \"primary\" or \"secondary\", got "
				      "\"%s\"",
				      priority);
	bdb_metric_def *def;
	if ((rc = bdb_run_add_def(run, key, &def)))
		return rc;
	def->direction = dir;
	def->priority = prio;
	/* benchkit writes "" for an absent group or description. */
	/* "" (or blanks) for the unit is none too. */
	size_t unit_len = 0;
	if (unit)
		bdb_unit_trim(unit, &unit_len);
	def->unit = unit_len ? bdb_run_unit(run, unit) : NULL;
	def->group = group && *group ? bdb_run_strdup(run, group) : NULL;
	def->description = description && *description ? bdb_run_strdup(run, description) : NULL;
	if ((unit_len && !def->unit) || (group && *group && !def->group) ||
	    (description && *description && !def->description))
		return BDB_ENOMEM;
	return read_threshold(doc, obj, def, d);
}

int bdb__benchkit_read_defs(bdb__json_doc *doc, const json_t *defs, bdb_run *run, bdb_diag *d)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)defs, key, v)
	{
		if (!json_is_object(v))
			return bdb__json_fail(doc, defs, key, BDB__NO_INDEX, d,
					      "\"%s\" must be an object, got %s", key,
					      bdb__json_type_name(v));
		int rc = read_def(doc, key, v, run, d);
		if (rc)
			return rc;
	}
	return 0;
}

/* A bound under its benchkit name or its alias; both at once is ambiguous. */
static int read_bound(bdb__json_doc *doc, const json_t *obj, const char *key, const char *alias,
		      double *out, bool *present, bdb_diag *d)
{
	bool a = false, b = false;
	double va = 0, vb = 0;
	int rc = bdb__json_number(doc, obj, key, false, &va, &a, d);
	if (!rc)
		rc = bdb__json_number(doc, obj, alias, false, &vb, &b, d);
	if (rc)
		return rc;
	if (a && b)
		return bdb__json_fail(doc, obj, alias, BDB__NO_INDEX, d,
				      "give \"%s\" or \"%s\", not both", key, alias);
	*present = a || b;
	*out = a ? va : vb;
	return 0;
}

static int read_metric(bdb__json_doc *doc, const char *name, const json_t *obj, bdb_run *run,
		       size_t point_index, bdb_diag *d)
{
	double value, lower, upper;
	bool has_lower, has_upper;
	const char *unit;
	int rc;
	if ((rc = bdb__json_number(doc, obj, "value", true, &value, NULL, d)) ||
	    (rc = read_bound(doc, obj, "lower", "ci_lower", &lower, &has_lower, d)) ||
	    (rc = read_bound(doc, obj, "upper", "ci_upper", &upper, &has_upper, d)) ||
	    (rc = bdb__json_string(doc, obj, "unit", false, &unit, d)))
		return rc;
	const char *lkey = json_object_get(obj, "lower") ? "lower" : "ci_lower",
		   *ukey = json_object_get(obj, "upper") ? "upper" : "ci_upper";
	if (has_lower && has_upper &&
	    (rc = bdb__json_bounds(doc, obj, ukey, BDB__NO_INDEX, lkey, lower, ukey, upper, d)))
		return rc;
	double *samples;
	size_t n;
	if ((rc = bdb__json_numbers(doc, obj, "samples", false, &samples, &n, d)))
		return rc;
	bdb_point *p = &run->points[point_index];
	if (!unit) {
		const bdb_metric_def *def = bdb_run_find_def(run, name);
		unit = def ? def->unit : NULL;
	}
	/* benchkit's own units stay as written, so that export gives them back. */
	bdb_metric *m;
	rc = bdb_point_add_metric(run, p, name, value, &m);
	if (!rc && unit)
		rc = bdb_metric_set_unit(run, m, unit);
	if (!rc) {
		m->has_lower = has_lower;
		m->lower = has_lower ? lower : 0;
		m->has_upper = has_upper;
		m->upper = has_upper ? upper : 0;
		rc = bdb_metric_set_samples(run, m, samples, n);
	}
	free(samples);
	if (!rc)
		rc = bdb__json_keep_exact(run, json_object_get(obj, "value"), p, name);
	return rc;
}

static int read_point(bdb__json_doc *doc, const json_t *obj, bdb_run *run, bdb_diag *d)
{
	const char *name, *scenario;
	json_t *tags, *metrics;
	int rc;
	if ((rc = bdb__json_string(doc, obj, "name", true, &name, d)) ||
	    (rc = bdb__json_string(doc, obj, "scenario", false, &scenario, d)) ||
	    (rc = bdb__json_object(doc, obj, "tags", false, &tags, d)) ||
	    (rc = bdb__json_object(doc, obj, "metrics", false, &metrics, d)))
		return rc;
	bdb_point *p;
	if ((rc = bdb_run_add_point(run, name, &p)))
		return rc;
	size_t index = run->n_points - 1;
	if (scenario && *scenario && (rc = bdb_point_set_scenario(run, p, scenario)))
		return rc;
	const char *key;
	json_t *v;
	if (tags) {
		json_object_foreach(tags, key, v)
		{
			char buf[64];
			const char *text;
			if ((rc =
				 bdb__json_scalar(doc, tags, key, true, buf, sizeof buf, &text, d)))
				return rc;
			if ((rc = bdb_point_set_tag(run, &run->points[index], key, text)))
				return rc;
		}
	}
	if (metrics) {
		json_object_foreach(metrics, key, v)
		{
			if (!json_is_object(v))
				return bdb__json_fail(doc, metrics, key, BDB__NO_INDEX, d,
						      "metric \"%s\" must be an object like "
						      "{\"value\": 1.5}, got %s",
						      key, bdb__json_type_name(v));
			if ((rc = read_metric(doc, key, v, run, index, d)))
				return rc;
		}
	}
	return 0;
}

int bdb__ingest_benchkit(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	int rc = bdb__json_need_object(doc, "a benchkit run", d);
	if (rc)
		return rc;
	const char *id, *commit, *branch;
	json_t *env, *meta, *defs, *points;
	if ((rc = bdb__json_string(doc, root, "id", false, &id, d)) ||
	    (rc = bdb__json_timestamp(doc, root, "timestamp", run, in, d)) ||
	    (rc = bdb__json_string(doc, root, "commit", false, &commit, d)) ||
	    (rc = bdb__json_string(doc, root, "branch", false, &branch, d)) ||
	    (rc = bdb__json_object(doc, root, "environment", false, &env, d)) ||
	    (rc = bdb__json_object(doc, root, "metadata", false, &meta, d)) ||
	    (rc = bdb__json_object(doc, root, "metric_defs", false, &defs, d)) ||
	    (rc = bdb__json_array(doc, root, "points", true, &points, d)))
		return rc;
	if (id && !*id)
		return bdb__json_fail(doc, root, "id", BDB__NO_INDEX, d,
				      "\"id\" must not be empty");
	/* benchkit writes null for an unknown commit or branch; "" means the same. */
	if ((rc = bdb_run_set_id(run, id)) ||
	    (rc = bdb_run_set_commit(run, commit && *commit ? commit : NULL)) ||
	    (rc = bdb_run_set_branch(run, branch && *branch ? branch : NULL)))
		return rc;
	if (env &&
	    ((rc = bdb__json_flatten_at(doc, env, "", "environment key", bdb__set_env, run, d)) ||
	     (rc = bdb__json_keep_shape(run, "environment", env))))
		return rc;
	if (meta &&
	    ((rc = bdb__json_flatten_at(doc, meta, "", "metadata key", bdb__set_meta, run, d)) ||
	     (rc = bdb__json_keep_shape(run, "metadata", meta))))
		return rc;
	/* Definitions first: a metric without its own unit takes its definition's. */
	if (defs && (rc = bdb__benchkit_read_defs(doc, defs, run, d)))
		return rc;
	for (size_t i = 0; i < json_array_size(points); i++) {
		json_t *p;
		if ((rc = bdb__json_elem_object(doc, points, i, "points", &p, d)) ||
		    (rc = read_point(doc, p, run, d)) ||
		    (rc = bdb__note_origin(in, run->n_points - 1, points, i)))
			return rc;
	}
	return 0;
}
