/*
 * criterion_json.c - cargo-criterion's machine-readable messages
 * (`cargo criterion --message-format=json`), one JSON object a line, which
 * github-action-benchmark's `cargo-criterion` extraction reads:
 *
 *   {"reason":"benchmark-complete","id":"fib/20","report_directory":"...",
 *    "iteration_count":[448,896,...],"measured_values":[24008291.0,...],"unit":"ns",
 *    "throughput":[{"per_iteration":1024,"unit":"bytes"}],
 *    "typical":{"estimate":55911.2,"lower_bound":54603.9,"upper_bound":57807.9,"unit":"ns"},
 *    "mean":{...},"median":{...},"median_abs_dev":{...},"slope":{...}|null,"change":{...}|null}
 *   {"reason":"group-complete","group_name":"fib","benchmarks":["fib/20"],"report_directory":"..."}
 *
 * Every benchmark-complete message is a point named by its id: time (lower,
 * in typical's unit) is the typical estimate (the slope when Criterion
 * fits one, else the mean, as in the Criterion tree) with its bounds, and
 * the samples are measured_values / iteration_count (time per iteration).
 * A throughput ("bytes" or "elements" per iteration) gives throughput (B/s
 * or elem/s, higher) as the Criterion tree does. Other messages
 * (group-complete) are skipped. A line that is not a JSON object, or a
 * message with fields of the wrong type, is an error at its position.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The first non-blank line is a JSON object whose "reason" is one of cargo-criterion's. */
bool bdb__detect_criterion_json(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l)) {
		if (bdb__skip_blanks(l.line, l.line + l.len) == l.line + l.len)
			continue;
		json_t *v = json_loadb(l.line, l.len, JSON_REJECT_DUPLICATES, NULL);
		const char *reason = json_string_value(json_object_get(v, "reason"));
		bool ours = reason && (strcmp(reason, "benchmark-complete") == 0 ||
				       strcmp(reason, "group-complete") == 0);
		json_decref(v);
		return ours;
	}
	return false;
}

/* measured_values[i] / iteration_count[i]: malloc'ed into *out. */
static int per_iteration(bdb__json_doc *doc, const json_t *msg, double **out, size_t *n,
			 bdb_diag *d)
{
	double *values = NULL, *counts = NULL;
	size_t nv = 0, nc = 0;
	int rc = bdb__json_numbers(doc, msg, "measured_values", false, &values, &nv, d);
	if (!rc)
		rc = bdb__json_numbers(doc, msg, "iteration_count", false, &counts, &nc, d);
	if (!rc && nv != nc)
		rc = bdb__json_fail(doc, msg, "iteration_count", BDB__NO_INDEX, d,
				    "\"iteration_count\" has %zu values, \"measured_values\" %zu",
				    nc, nv);
	for (size_t i = 0; !rc && i < nv; i++) {
		if (counts[i] <= 0)
			rc = bdb__json_fail(doc, msg, "iteration_count", BDB__NO_INDEX, d,
					    "\"iteration_count\"[%zu] must be positive", i);
		else
			values[i] /= counts[i];
	}
	free(counts);
	if (rc) {
		free(values);
		return rc;
	}
	*out = values;
	*n = nv;
	return 0;
}

static int read_throughput(bdb__json_doc *doc, const json_t *msg, bdb_run *run, size_t point,
			   const bdb_metric *time, const double *samples, size_t n, bdb_diag *d)
{
	json_t *list, *tp;
	int rc = bdb__json_array(doc, msg, "throughput", false, &list, d);
	if (rc || !list || json_array_size(list) == 0)
		return rc;
	double per;
	const char *kind;
	if ((rc = bdb__json_elem_object(doc, list, 0, "throughput", &tp, d)) ||
	    (rc = bdb__json_number(doc, tp, "per_iteration", true, &per, NULL, d)) ||
	    (rc = bdb__json_string(doc, tp, "unit", true, &kind, d)))
		return rc;
	const char *unit = strcmp(kind, "bytes") == 0	   ? "B/s"
			   : strcmp(kind, "elements") == 0 ? "elem/s"
							   : NULL;
	if (!unit || per <= 0)
		return bdb__json_fail(doc, tp, unit ? "per_iteration" : "unit", BDB__NO_INDEX, d,
				      "a throughput must be a positive \"per_iteration\" of "
				      "\"bytes\" or \"elements\"");
	return bdb__criterion_throughput(run, &run->points[point], per, unit, *time, samples, n);
}

static int read_message(bdb__input *in, const bdb__lines *l, bdb_run *run, bdb__strmap *points,
			bdb_diag *d)
{
	bdb__json_doc doc;
	const char *reason, *id, *unit;
	json_t *typical;
	double estimate, lower, upper, *samples = NULL;
	bool has_lower, has_upper;
	size_t n = 0, point, before = run->n_points;
	int rc = bdb__json_parse_span(&doc, in->name, in->data, in->len,
				      (size_t)(l->line - in->data), l->len, d);
	if (rc)
		return rc;
	if ((rc = bdb__json_need_object(&doc, "a cargo-criterion message", d)) ||
	    (rc = bdb__json_string(&doc, doc.root, "reason", true, &reason, d)) ||
	    strcmp(reason, "benchmark-complete") != 0)
		goto done;
	if ((rc = bdb__json_string(&doc, doc.root, "id", true, &id, d)) ||
	    (rc = bdb__json_object(&doc, doc.root, "typical", true, &typical, d)) ||
	    (rc = bdb__json_number(&doc, typical, "estimate", true, &estimate, NULL, d)) ||
	    (rc = bdb__json_number(&doc, typical, "lower_bound", false, &lower, &has_lower, d)) ||
	    (rc = bdb__json_number(&doc, typical, "upper_bound", false, &upper, &has_upper, d)) ||
	    (has_lower && has_upper &&
	     (rc = bdb__json_bounds(&doc, typical, "upper_bound", BDB__NO_INDEX, "lower_bound",
				    lower, "upper_bound", upper, d))) ||
	    (rc = bdb__json_string(&doc, typical, "unit", false, &unit, d)) ||
	    (rc = per_iteration(&doc, doc.root, &samples, &n, d)) ||
	    (rc = bdb__point_get(run, points, id, NULL, 0, &point)))
		goto done;
	double f;
	if (!unit)
		unit = "ns";
	if (bdb_unit_factor(unit, "ns", &f) != 0) {
		rc = bdb__json_fail(&doc, typical, "unit", BDB__NO_INDEX, d,
				    "\"unit\" must be a time unit like \"ns\", got \"%s\"", unit);
		goto done;
	}
	if (point < before) {
		rc = bdb__json_fail(&doc, doc.root, "id", BDB__NO_INDEX, d,
				    "benchmark \"%s\" is reported twice", id);
		goto done;
	}
	bdb_metric *m;
	if ((rc = bdb__add_defined_metric(run, &run->points[point], "time", estimate, unit,
					  BDB_LOWER, &m)))
		goto done;
	if (has_lower && has_upper)
		bdb__set_bounds(m, lower, upper);
	if (n && (rc = bdb_metric_set_samples(run, m, samples, n)))
		goto done;
	/* The throughput is per second of ns-time: convert a time in another unit first. */
	bdb_metric ns = *m;
	ns.value *= f, ns.lower *= f, ns.upper *= f;
	for (size_t i = 0; i < n; i++)
		samples[i] *= f;
	rc = read_throughput(&doc, doc.root, run, point, &ns, samples, n, d);
done:
	free(samples);
	bdb__json_release(&doc);
	return rc;
}

int bdb__ingest_criterion_json(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__strmap points = {0};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l))
		if (bdb__skip_blanks(l.line, l.line + l.len) < l.line + l.len)
			rc = read_message(in, &l, run, &points, d);
	bdb__strmap_free(&points);
	return rc;
}
