/*
 * benchmarkdotnet.c - BenchmarkDotNet's full JSON report
 * (`--exporters json`, *-report-full.json), which github-action-benchmark's
 * `benchmarkdotnet` tool reads:
 *
 *   {"Title": "...", "HostEnvironmentInfo": {"BenchmarkDotNetVersion", "OsVersion",
 *     "ProcessorName", "RuntimeVersion", ...},
 *    "Benchmarks": [{"FullName": "Ns.Type.Method(N: 100)", "Parameters": "N=100",
 *      "Statistics": {"OriginalValues": [...], "Mean", "StandardDeviation",
 *        "ConfidenceInterval": {"Level", "Lower", "Upper", ...}, ...},
 *      "Memory": {...},
 *      "Metrics": [{"Value", "Descriptor": {"Id", "Unit", "TheGreaterTheBetter", ...}}]}]}
 *
 * A point is FullName (the action's name), each Parameters pair
 * ("A=1&B=x") a tag. time (ns, lower) is Statistics.Mean, bounds the
 * confidence interval (BenchmarkDotNet's 99.9%), samples OriginalValues
 * (nanoseconds per operation); stddev (ns, info) is StandardDeviation.
 * Each Metrics entry is a metric named by its Descriptor.Id with its Unit,
 * higher or lower by TheGreaterTheBetter. A benchmark without Statistics
 * (it failed) is left out and named in the metadata "error:<FullName>".
 * HostEnvironmentInfo is the environment, Title the metadata "title".
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

bool bdb__detect_benchmarkdotnet(const json_t *root)
{
	return json_is_object(root) && json_object_get(root, "Benchmarks") &&
	       (json_object_get(root, "HostEnvironmentInfo") || json_object_get(root, "Title"));
}

/* Tags from "A=1&B=x" (at most 16); text is copied into buf. */
static size_t parse_parameters(const char *text, char *buf, size_t size, bdb_kv *tags, size_t max)
{
	size_t n = 0;
	bdb__copy_text(buf, size, text, strlen(text));
	for (char *p = buf; *p && n < max;) {
		char *amp = strchr(p, '&'), *eq;
		if (amp)
			*amp = '\0';
		if ((eq = strchr(p, '=')) && eq > p) {
			*eq = '\0';
			tags[n++] = (bdb_kv){p, eq + 1};
		}
		if (!amp)
			break;
		p = amp + 1;
	}
	return n;
}

static int read_metrics(bdb__json_doc *doc, const json_t *bench, bdb_run *run, size_t point,
			bdb_diag *d)
{
	json_t *metrics;
	int rc = bdb__json_array(doc, bench, "Metrics", false, &metrics, d);
	for (size_t i = 0; !rc && metrics && i < json_array_size(metrics); i++) {
		json_t *m, *descriptor;
		double value;
		const char *id, *unit;
		bool greater = false;
		if ((rc = bdb__json_elem_object(doc, metrics, i, "Metrics", &m, d)) ||
		    (rc = bdb__json_number(doc, m, "Value", true, &value, NULL, d)) ||
		    (rc = bdb__json_object(doc, m, "Descriptor", true, &descriptor, d)) ||
		    (rc = bdb__json_string(doc, descriptor, "Id", true, &id, d)) ||
		    (rc = bdb__json_string(doc, descriptor, "Unit", false, &unit, d)) ||
		    (rc = bdb__json_bool(doc, descriptor, "TheGreaterTheBetter", false, &greater,
					 NULL, d)))
			break;
		rc = bdb__add_defined_metric(run, &run->points[point], id, value, unit,
					     greater ? BDB_HIGHER : BDB_LOWER, NULL);
	}
	return rc;
}

static int read_bench(bdb__input *in, const json_t *list, size_t i, bdb_run *run,
		      bdb__strmap *points, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	json_t *bench, *stats, *ci;
	const char *name, *parameters;
	int rc;
	if ((rc = bdb__json_elem_object(doc, list, i, "Benchmarks", &bench, d)) ||
	    (rc = bdb__json_string(doc, bench, "FullName", true, &name, d)) ||
	    (rc = bdb__json_string(doc, bench, "Parameters", false, &parameters, d)) ||
	    (rc = bdb__json_object(doc, bench, "Statistics", false, &stats, d)))
		return rc;
	if (!stats) {
		return bdb__set_left_out(run, "error", name, strlen(name),
					 "no statistics (the benchmark failed)");
	}
	double mean, sd, lower, upper;
	bool has_sd, has_lower = false, has_upper = false;
	double *values = NULL;
	size_t n_values = 0;
	if ((rc = bdb__json_number(doc, stats, "Mean", true, &mean, NULL, d)) ||
	    (rc = bdb__json_number(doc, stats, "StandardDeviation", false, &sd, &has_sd, d)) ||
	    (rc = bdb__json_object(doc, stats, "ConfidenceInterval", false, &ci, d)) ||
	    (ci && (rc = bdb__json_number(doc, ci, "Lower", false, &lower, &has_lower, d))) ||
	    (ci && (rc = bdb__json_number(doc, ci, "Upper", false, &upper, &has_upper, d))) ||
	    (has_lower && has_upper &&
	     (rc = bdb__json_bounds(doc, ci, "Upper", BDB__NO_INDEX, "Lower", lower, "Upper", upper,
				    d))) ||
	    (rc = bdb__json_numbers(doc, stats, "OriginalValues", false, &values, &n_values, d)))
		return rc;
	bdb_kv tags[16];
	char buf[1024];
	size_t n_tags = parse_parameters(parameters ? parameters : "", buf, sizeof buf, tags, 16);
	size_t point, before = run->n_points;
	bdb_metric *m;
	if (!(rc = bdb__point_get(run, points, name, tags, n_tags, &point)) && point < before)
		rc =
		    bdb__json_fail(doc, bench, "FullName", BDB__NO_INDEX, d,
				   "benchmark \"%s\" appears twice with the same parameters", name);
	if (!rc)
		rc = bdb__add_defined_metric(run, &run->points[point], "time", mean, "ns",
					     BDB_LOWER, &m);
	if (!rc && has_lower && has_upper)
		bdb__set_bounds(m, lower, upper);
	if (!rc && n_values)
		rc = bdb_metric_set_samples(run, m, values, n_values);
	if (!rc && has_sd)
		rc = bdb__add_defined_metric(run, &run->points[point], "stddev", sd, "ns", BDB_INFO,
					     NULL);
	if (!rc)
		rc = read_metrics(doc, bench, run, point, d);
	free(values);
	return rc;
}

int bdb__ingest_benchmarkdotnet(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	json_t *host, *list;
	const char *title;
	int rc = bdb__json_need_object(doc, "BenchmarkDotNet output", d);
	if (rc || (rc = bdb__json_object(doc, doc->root, "HostEnvironmentInfo", false, &host, d)) ||
	    (rc = bdb__json_string(doc, doc->root, "Title", false, &title, d)) ||
	    (rc = bdb__json_array(doc, doc->root, "Benchmarks", true, &list, d)))
		return rc;
	if (host && (rc = bdb__json_env(in, run, NULL, "", host, d)))
		return rc;
	if (title && (rc = bdb_run_set_meta(run, "title", title)))
		return rc;
	bdb__strmap points = {0};
	for (size_t i = 0; !rc && i < json_array_size(list); i++)
		rc = read_bench(in, list, i, run, &points, d);
	bdb__strmap_free(&points);
	return rc;
}
