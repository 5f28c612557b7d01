/*
 * gbench.c - Google Benchmark --benchmark_format=json.
 *
 *   {"context": {"date", "host_name", "num_cpus", ...},
 *    "benchmarks": [{"name", "run_name", "run_type": "iteration"|"aggregate",
 *      "repetitions", "repetition_index", "threads", "iterations",
 *      "real_time", "cpu_time", "time_unit", "items_per_second"?,
 *      "bytes_per_second"?, "label"?, COUNTER: number ...,
 *      "aggregate_name"?: "mean"|"median"|"stddev"|"cv"|"BigO"|"RMS",
 *      "error_occurred"?, "error_message"?, "skipped"?, "skip_message"?}]}
 *
 * A point is a run_name (plus tag label when the benchmark set one). Every
 * iteration row is one observation: with --benchmark_repetitions the rows
 * become samples and the value their mean. Aggregate rows are used only
 * when a benchmark has no iteration rows (--benchmark_report_aggregates_only):
 * then its "mean" row gives the values. Complexity fits (BigO, RMS) are not
 * observations and are skipped; so are rows with error_occurred, whose
 * message is kept in the run metadata as "error:<name>", and rows with
 * skipped (SkipWithMessage), whose message is "skipped:<name>". Output from
 * before run_type tells aggregates by name, as the CSV does
 * (bdb__gbench_aggregate_base).
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>

bool bdb__detect_gbench(const json_t *root)
{
	return json_is_object(root) && json_object_get(root, "context") &&
	       json_object_get(root, "benchmarks");
}

/* Row keys that are not user counters. */
static bool is_known_key(const char *key)
{
	static const char *const known[] = {
	    "name",
	    "family_index",
	    "per_family_instance_index",
	    "run_name",
	    "run_type",
	    "repetitions",
	    "repetition_index",
	    "threads",
	    "iterations",
	    "real_time",
	    "cpu_time",
	    "time_unit",
	    "items_per_second",
	    "bytes_per_second",
	    "label",
	    "error_occurred",
	    "error_message",
	    "skipped",
	    "skip_message",
	    "aggregate_name",
	    "aggregate_unit",
	    "big_o",
	    "rms",
	    "cpu_coefficient",
	    "real_coefficient",
	    "complexity_n",
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcmp(key, known[i]) == 0)
			return true;
	return false;
}

typedef struct gbench_ctx {
	bdb__json_doc *doc;
	bdb_run *run;
	bdb__strmap points;   /* points by name and label */
	bdb__strmap iterated; /* run names that have iteration rows */
	bdb__strmap names;    /* every row's name (for rows without run_type) */
	char base[1024];      /* an old aggregate row's benchmark name */
	bdb__samples samples;
	bdb_diag *d;
} gbench_ctx;

/* One observation of metric (with its unit and direction; has_dir false: none). */
static int observe(gbench_ctx *c, size_t point, const char *metric, double value, const char *unit,
		   bool has_dir, bdb_direction dir, const json_t *source)
{
	bdb_point *p = &c->run->points[point];
	int rc = has_dir ? bdb__add_defined_metric(c->run, p, metric, value, unit, dir, NULL)
			 : bdb__add_metric(c->run, p, metric, value, unit, NULL);
	if (!rc)
		rc = bdb__samples_add(&c->samples, point, metric, value);
	if (!rc && source)
		rc = bdb__json_keep_exact(c->run, source, p, metric);
	return rc;
}

/* Reads the values of one row (an iteration row, or a mean aggregate). */
static int read_row(gbench_ctx *c, const json_t *row, const char *run_name)
{
	bdb__json_doc *doc = c->doc;
	const char *unit, *label;
	double real, cpu, items, bytes;
	bool has_items, has_bytes;
	int rc;
	if ((rc = bdb__json_string(doc, row, "time_unit", false, &unit, c->d)) ||
	    (rc = bdb__json_string(doc, row, "label", false, &label, c->d)) ||
	    (rc = bdb__json_number(doc, row, "real_time", true, &real, NULL, c->d)) ||
	    (rc = bdb__json_number(doc, row, "cpu_time", true, &cpu, NULL, c->d)) ||
	    (rc =
		 bdb__json_number(doc, row, "items_per_second", false, &items, &has_items, c->d)) ||
	    (rc = bdb__json_number(doc, row, "bytes_per_second", false, &bytes, &has_bytes, c->d)))
		return rc;
	/* Google Benchmark writes ns, us, ms or s: any time unit is taken. */
	double factor;
	if (!unit)
		unit = "ns";
	else if (bdb_unit_factor(unit, "ns", &factor) != 0)
		return bdb__json_fail(doc, row, "time_unit", BDB__NO_INDEX, c->d,
				      "\"time_unit\" must be a time unit (ns, us, ms or s), got "
				      "\"%s\"",
				      unit);
	bdb_kv tag = {"label", label};
	size_t point;
	if ((rc = bdb__point_get(c->run, &c->points, run_name, &tag, label && *label ? 1 : 0,
				 &point)))
		return rc;
	if ((rc = observe(c, point, "real_time", real, unit, true, BDB_LOWER, NULL)) ||
	    (rc = observe(c, point, "cpu_time", cpu, unit, true, BDB_LOWER, NULL)))
		return rc;
	if (has_items &&
	    (rc = observe(c, point, "items_per_second", items, "items/s", true, BDB_HIGHER, NULL)))
		return rc;
	if (has_bytes &&
	    (rc = observe(c, point, "bytes_per_second", bytes, "B/s", true, BDB_HIGHER, NULL)))
		return rc;
	/* User counters: numbers under keys of their own; no known direction. */
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)row, key, v)
	{
		if (is_known_key(key))
			continue;
		if (!json_is_number(v))
			return bdb__json_fail(doc, row, key, BDB__NO_INDEX, c->d,
					      "counter \"%s\" must be a number, got %s", key,
					      bdb__json_type_name(v));
		if ((rc = observe(c, point, key, json_number_value(v), NULL, false, BDB_INFO, v)))
			return rc;
	}
	return 0;
}

/*
 * Google Benchmark on Windows (src/timers.cc before its RFC 3339 dates)
 * wrote the date with strftime's "%x %X": in the C locale
 * "05/21/19 13:55:36", local time without a zone. That as
 * "2019-05-21 13:55:36" in out (a time without a zone, read as UTC, as the
 * "%F %T" of the same versions elsewhere; a year yy below 69 is 20yy, as
 * strptime's %y); false when text is not of that shape.
 */
static bool windows_date(const char *text, char out[24])
{
	static const char shape[] = "99/99/99 99:99:99";
	if (strlen(text) != sizeof shape - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == '9' ? !isdigit((unsigned char)text[i]) : text[i] != shape[i])
			return false;
	int y = (text[6] - '0') * 10 + (text[7] - '0');
	snprintf(out, 24, "%04d-%.2s-%.2s %.8s", y < 69 ? 2000 + y : 1900 + y, text, text + 3,
		 text + 9);
	return true;
}

static int read_context(gbench_ctx *c, bdb__input *in, const json_t *context)
{
	const json_t *date = json_object_get(context, "date");
	char iso[24];
	int rc = 0;
	if (json_is_string(date) && windows_date(json_string_value(date), iso) &&
	    bdb_time_parse(iso, &c->run->timestamp_us) == 0)
		in->has_timestamp = true;
	else
		rc = bdb__json_timestamp(c->doc, context, "date", c->run, in, c->d);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)context, key, v)
	{
		if (rc)
			break;
		if (strcmp(key, "date") == 0)
			continue;
		rc = bdb__json_env(in, c->run, context, key, v, c->d);
	}
	return rc;
}

/* What kind of row: 'i' iteration, 'm' mean aggregate, 's' skip, 'e' error. */
static int classify(gbench_ctx *c, const json_t *row, const char **run_name, char *kind)
{
	bdb__json_doc *doc = c->doc;
	const char *name, *type, *aggregate, *message, *skip_message;
	bool error = false, skipped = false;
	int rc;
	if ((rc = bdb__json_string(doc, row, "name", true, &name, c->d)) ||
	    (rc = bdb__json_string(doc, row, "run_name", false, run_name, c->d)) ||
	    (rc = bdb__json_string(doc, row, "run_type", false, &type, c->d)) ||
	    (rc = bdb__json_string(doc, row, "aggregate_name", false, &aggregate, c->d)) ||
	    (rc = bdb__json_bool(doc, row, "error_occurred", false, &error, NULL, c->d)) ||
	    (rc = bdb__json_string(doc, row, "error_message", false, &message, c->d)) ||
	    (rc = bdb__json_bool(doc, row, "skipped", false, &skipped, NULL, c->d)) ||
	    (rc = bdb__json_string(doc, row, "skip_message", false, &skip_message, c->d)))
		return rc;
	if (!*run_name)
		*run_name = name;
	if (error) {
		*kind = 'e';
		return bdb__set_left_out(c->run, "error", name, strlen(name),
					 message ? message : "error");
	}
	if (skipped) {
		/* SkipWithMessage (Google Benchmark 1.8): no measurement. */
		*kind = 'e';
		return bdb__set_left_out(c->run, "skipped", name, strlen(name),
					 skip_message ? skip_message : "skipped");
	}
	size_t base = type ? 0 : bdb__gbench_aggregate_base(&c->names, name);
	if (base) {
		/* Output from before run_type: "BM_x_mean" beside "BM_x_stddev". */
		bdb__copy_text(c->base, sizeof c->base, name, base);
		*run_name = c->base;
		*kind = strcmp(name + base, "_mean") == 0 ? 'm' : 's';
	} else if (!type || strcmp(type, "iteration") == 0)
		*kind = 'i';
	else if (strcmp(type, "aggregate") == 0)
		*kind = aggregate && strcmp(aggregate, "mean") == 0 ? 'm' : 's';
	else
		return bdb__json_fail(doc, row, "run_type", BDB__NO_INDEX, c->d,
				      "\"run_type\" must be \"iteration\" or \"aggregate\", got "
				      "\"%s\"",
				      type);
	return 0;
}

int bdb__ingest_gbench(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	gbench_ctx c = {.doc = in->json, .run = run, .d = d};
	const json_t *root = c.doc->root;
	json_t *context, *rows;
	int rc = bdb__json_need_object(c.doc, "Google Benchmark output", d);
	if (rc)
		return rc;
	if ((rc = bdb__json_object(c.doc, root, "context", false, &context, d)) ||
	    (rc = bdb__json_array(c.doc, root, "benchmarks", true, &rows, d)))
		return rc;
	if (context && (rc = read_context(&c, in, context)))
		goto done;
	for (size_t i = 0; i < json_array_size(rows) && !rc; i++) {
		const char *name = json_string_value(json_object_get(json_array_get(rows, i), "name"));
		if (name)
			rc = bdb__strmap_put(&c.names, name, strlen(name), i);
	}
	/* Iteration rows first; then means of benchmarks that reported only aggregates. */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < json_array_size(rows) && !rc; i++) {
			json_t *row;
			const char *run_name;
			char kind = 's';
			size_t seen;
			if ((rc = bdb__json_elem_object(c.doc, rows, i, "benchmarks", &row, d)) ||
			    (rc = classify(&c, row, &run_name, &kind)))
				break;
			if (pass == 0 && kind == 'i') {
				rc = bdb__strmap_put(&c.iterated, run_name, strlen(run_name), 0);
				if (!rc)
					rc = read_row(&c, row, run_name);
			} else if (pass == 1 && kind == 'm' &&
				   !bdb__strmap_get(&c.iterated, run_name, strlen(run_name),
						    &seen)) {
				rc = read_row(&c, row, run_name);
			}
		}
	}
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
done:
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	bdb__strmap_free(&c.iterated);
	bdb__strmap_free(&c.names);
	return rc;
}
