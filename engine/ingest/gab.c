/*
 * gab.c - github-action-benchmark's results, as one entry's "benches" or as
 * the custom JSON a user writes for tool customBiggerIsBetter or
 * customSmallerIsBetter:
 *
 *   [{"name", "unit", "value", "range"?: "± 1.5" | 1.5, "extra"?: "..."}]
 *
 * Custom JSON (bdb__ingest_gab): a point is a name with one metric, "value",
 * in its unit. The file does not say which way is better: the direction
 * comes from the options (--direction higher|lower); without one, no
 * definition is added and a stored one applies.
 *
 * An entry of a data.js history (bdb__gab_read_benches with a tool, see
 * gab_history.c): the tool says what the values mean. The metric is "time"
 * (lower is better) when the unit is a time or a time per something ("ns",
 * "ns/iter", "us/op"), "throughput" (higher) when it is a rate ("ops/sec",
 * "iter/sec", "MB/s", "Hz"), go's "B/op" and "allocs/op" "alloc_bytes" and
 * "allocs" (lower, as ingest of go's output names them; "value" where the
 * store has them so, bdb__gab_tool.go_values), else "value" with the tool's direction (the
 * action's own table: benchmarkjs, pytest and customBiggerIsBetter bigger is
 * better, every other tool smaller). Custom tools always give "value" with
 * their declared direction. The fork's tool ndjson declares it per result
 * ("biggerIsBetter"), which gives the direction of "value" (else lower).
 *
 * Both: a range "± X", "+/- X" or a number X gives the bounds value ∓ X; a
 * range "± X%" gives value ∓ value × X / 100. catch2 prints its standard
 * deviation in a unit of its own that the action drops: when X is larger
 * than the value, it is taken in the next smaller time unit (÷ 1000) until
 * it is not (ns at the least). Entries that repeat a name are samples of one
 * point, whose value is their mean.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool bdb__detect_gab(const json_t *root)
{
	const json_t *first = json_array_get(root, 0);
	return json_is_array(root) && json_object_get(first, "name") &&
	       json_object_get(first, "value") && json_object_get(first, "unit");
}

/* The tools of github-action-benchmark and which way their values go. */
static const struct {
	const char *name;
	bdb_direction direction;
	bool custom; /* the user declared the direction */
	/* What ingest of the tool's own output names otherwise (its adapter's
	 * points, tags and metrics; docs/formats.md), or NULL: the series
	 * continue with --tag suite=SUITE. */
	const char *own_series;
} tools[] = {
    {"cargo", BDB_LOWER, false, NULL},
    {"go", BDB_LOWER, false,
     "points tagged pkg and procs, with metrics alloc_bytes and allocs for the action's "
     "\"NAME - B/op\" and \"NAME - allocs/op\""},
    {"benchmarkjs", BDB_HIGHER, false, NULL},
    {"benchmarkluau", BDB_LOWER, false, "points tagged driver"},
    {"pytest", BDB_HIGHER, false,
     "metrics time and ops (the action's is throughput in iter/sec), parameters as tags"},
    {"googlecpp", BDB_LOWER, false,
     "metrics real_time and cpu_time (the action's is time, of real_time)"},
    {"catch2", BDB_LOWER, false, "points tagged test_case"},
    {"julia", BDB_LOWER, false, NULL},
    {"jmh", BDB_LOWER, false,
     "the benchmark without its parameters as the point, with mode and parameters as tags"},
    {"benchmarkdotnet", BDB_LOWER, false,
     "the parameters of a benchmark that has them as tags (one without them continues)"},
    {"customBiggerIsBetter", BDB_HIGHER, true, NULL},
    {"customSmallerIsBetter", BDB_LOWER, true, NULL},
    /* A fork of the action (unicode-org/icu, icu4x) that reads NDJSON
     * results, each with "biggerIsBetter" (see bdb__gab_read_benches). */
    {"ndjson", BDB_LOWER, false, NULL},
    /* A fork that reads Criterion.rs's console output (jasonwilliams/boa,
     * boa-dev/boa, homotopy-rs): times, "+/- X" in the value's unit. Its
     * names are Criterion's ids, which the criterion tree's points keep. */
    {"criterion", BDB_LOWER, false, NULL},
};

int bdb__gab_tool_find(const char *name, bdb__gab_tool *out)
{
	for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
		if (strcmp(tools[i].name, name) == 0) {
			out->name = tools[i].name;
			out->direction = tools[i].direction;
			out->custom = tools[i].custom;
			out->catch2 = strcmp(name, "catch2") == 0;
			out->go = strcmp(name, "go") == 0;
			out->own_series = tools[i].own_series;
			return 0;
		}
	}
	return BDB_EINVAL;
}

/* "± X", "+/- X", "+-X" (also "±X%": *percent): X, or false. */
static bool parse_range(const char *s, double *out, bool *percent)
{
	static const char *const prefixes[] = {"\xc2\xb1", "+/-", "+-"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(s, prefixes[i], n) != 0)
			continue;
		const char *p = s + n, *end = s + strlen(s);
		p = bdb__skip_blanks(p, end);
		*percent = end > p && end[-1] == '%';
		if (*percent)
			end--;
		return bdb__parse_number(p, (size_t)(end - p), true, out) && *out >= 0;
	}
	return false;
}

/* Scale of a time unit in ns, or 0. */
static double time_scale(const char *unit, size_t len)
{
	char buf[16];
	double f;
	if (len == 0 || len >= sizeof buf)
		return 0;
	memcpy(buf, unit, len);
	buf[len] = '\0';
	return bdb_unit_factor(buf, "ns", &f) == 0 ? f : 0;
}

/* The metric a history entry's unit makes: "time", "throughput" or "value". */
static const char *metric_of_unit(const char *unit)
{
	if (strcmp(unit, "Hz") == 0)
		return "throughput";
	const char *slash = strchr(unit, '/');
	size_t head = slash ? (size_t)(slash - unit) : strlen(unit);
	if (time_scale(unit, head) > 0)
		return "time";
	if (slash && time_scale(slash + 1, strlen(slash + 1)) > 0)
		return "throughput";
	return NULL;
}

/*
 * The unit of a history result, or NULL when it is not one: go writes
 * "ns/op\t 9668 B/op\t 99 allocs/op" (the first is the unit; the others are
 * results of their own, "X - B/op"), and a benchmark that prints to
 * standard output leaves a line of that output as the unit. A unit is
 * 1..32 bytes without blanks and does not start with a digit (go's
 * b.ReportMetric units need no '/': the action's own example is "64.02
 * UnitsForMeasure2", the result "X - UnitsForMeasure2"). A custom tool's
 * unit is the user's own word, read from the JSON they wrote, not parsed
 * from a program's output: any text but an empty one ("avg cpu", "tick
 * time (ms)").
 */
static const char *history_unit(bdb_run *run, const bdb__gab_tool *tool, const char *unit)
{
	size_t n = strlen(unit);
	if (tool->go)
		n = strcspn(unit, "\t");
	while (n > 0 && (unit[n - 1] == ' ' || unit[n - 1] == '\t'))
		n--;
	if (tool->custom)
		return n == 0 ? NULL : n == strlen(unit) ? unit : bdb_run_strndup(run, unit, n);
	if (n == 0 || n > 32 || (unit[0] >= '0' && unit[0] <= '9'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (unit[i] == ' ' || (unsigned char)unit[i] < 0x20)
			return NULL;
	return n == strlen(unit) ? unit : bdb_run_strndup(run, unit, n);
}

/* Counts a result left out of a history and keeps where the first was. */
static void skip(bdb__json_doc *doc, const json_t *benches, size_t i, bdb__gab_skips *skips,
		 size_t *count, const char *why)
{
	(*count)++;
	if (skips->first[0])
		return;
	bdb_diag d;
	bdb__json_fail(doc, benches, NULL, i, &d, "%s", why);
	bdb_diag_format(&d, skips->first, sizeof skips->first);
}

/* Adds a point's free text (a range that is no bound, "extra") to the
 * texts of "<what>:<name>" (texts: key -> array, in the order given). */
static int keep_text(json_t *texts, const char *what, const char *name, const char *text)
{
	bdb_buf key;
	bdb_buf_init(&key);
	bdb_buf_printf(&key, "%s:%s", what, name);
	json_t *list = key.failed ? NULL : json_object_get(texts, bdb_buf_cstr(&key));
	int rc = key.failed ? BDB_ENOMEM : 0;
	if (!rc && !list &&
	    (!(list = json_array()) || json_object_set_new(texts, bdb_buf_cstr(&key), list)))
		rc = BDB_ENOMEM;
	if (!rc && json_array_append_new(list, json_string(text)))
		rc = BDB_ENOMEM;
	bdb_buf_free(&key);
	return rc;
}

/* Metadata of each texts key: its text, the same each time, or else (a name
 * repeated, each result with its own) the JSON array of them in order. */
static int set_texts(bdb_run *run, json_t *texts)
{
	const char *key;
	json_t *list;
	int rc = 0;
	json_object_foreach(texts, key, list)
	{
		const char *first = json_string_value(json_array_get(list, 0));
		bool same = true;
		for (size_t i = 1; i < json_array_size(list); i++)
			same =
			    same && strcmp(json_string_value(json_array_get(list, i)), first) == 0;
		char *all = same ? NULL : json_dumps(list, JSON_COMPACT);
		if (!same && !all)
			return BDB_ENOMEM;
		rc = bdb_run_set_meta(run, key, same ? first : all);
		free(all);
		if (rc)
			break;
	}
	return rc;
}

/*
 * The point of a result named name (tags[0..n_tags)) and the metric it
 * already has (*before, NULL the first time: most names come once, and
 * samples are kept only from a name's second result on). A name repeated in
 * another unit is no sample of the same measurement (hermit-os: "2 Threads"
 * 30 ns, then "2 Threads" 99.9 %; the mean was "64.95 %"): in a unit that
 * converts, *value and *half are converted into the first one's (*unit
 * becomes it); in one that does not, the result is a point of its own, the
 * same name with the tag unit=UNIT.
 */
static int repeat_point(bdb_run *run, bdb__strmap *points, const char *name, const bdb_kv *tags,
			size_t n_tags, const char *metric, const char **unit, double *value,
			double *half, size_t *point, const bdb_metric **before)
{
	int rc = bdb__point_get(run, points, name, tags, n_tags, point);
	*before = rc ? NULL : bdb_point_find_metric(&run->points[*point], metric);
	const char *had = *before ? (*before)->unit : NULL, *now = bdb__unit_normal(run, *unit);
	double factor;
	if (rc || !had || !had[0] || !now || !now[0] || strcmp(had, now) == 0)
		return rc;
	if (bdb_unit_factor(now, had, &factor) == 0) {
		*value = bdb_unit_convert(*value, factor);
		*half = bdb_unit_convert(*half, factor);
		*unit = had;
		return 0;
	}
	bdb_kv own[8];
	if (n_tags >= sizeof own / sizeof *own)
		return BDB_EINVAL;
	if (n_tags)
		memcpy(own, tags, n_tags * sizeof *own);
	own[n_tags] = (bdb_kv){"unit", now};
	rc = bdb__point_get(run, points, name, own, n_tags + 1, point);
	*before = rc ? NULL : bdb_point_find_metric(&run->points[*point], metric);
	return rc;
}

int bdb__gab_read_benches(bdb__json_doc *doc, const json_t *benches, const bdb__gab_tool *tool,
			  const bdb_ingest_options *opt, const bdb_kv *tags, size_t n_tags,
			  bdb_run *run, bdb__gab_skips *skips, bdb_diag *d)
{
	bdb__strmap points = {0};
	bdb__samples samples = {0};
	json_t *texts = json_object();
	int rc = texts ? 0 : BDB_ENOMEM;
	for (size_t i = 0; !rc && i < json_array_size(benches); i++) {
		json_t *e, *range_v;
		const char *name, *unit, *extra, *metric = "value";
		double value, half = 0;
		bool has_value, has_half = false, percent = false;
		size_t point;
		if ((rc = bdb__json_elem_object(doc, benches, i, "benchmarks", &e, d)) ||
		    (rc = bdb__json_string(doc, e, "name", true, &name, d)) ||
		    (rc = bdb__json_string(doc, e, "unit", true, &unit, d)) ||
		    (rc = bdb__json_number(doc, e, "value", !skips, &value, &has_value, d)) ||
		    (rc = bdb__json_string(doc, e, "extra", false, &extra, d)))
			break;
		if (!has_value) {
			skip(doc, benches, i, skips, &skips->null_values,
			     json_object_get(e, "value") ? "the value is null"
							 : "it has no \"value\"");
			continue;
		}
		if (skips && !*name) {
			/* The store refuses a nameless point: one such result
			 * failed the whole history. */
			skip(doc, benches, i, skips, &skips->empty_names, "the name is empty");
			continue;
		}
		range_v = json_object_get(e, "range");
		if (json_is_number(range_v)) {
			half = json_number_value(range_v);
			has_half = half >= 0;
		} else if (range_v && !json_is_null(range_v) && !json_is_string(range_v)) {
			rc = bdb__json_fail(doc, e, "range", BDB__NO_INDEX, d,
					    "\"range\" must be a string like \"\xc2\xb1 1.5\" or a "
					    "number, got %s",
					    bdb__json_type_name(range_v));
			break;
		} else if (json_is_string(range_v)) {
			has_half = parse_range(json_string_value(range_v), &half, &percent);
		}
		bdb_direction direction = opt && opt->has_gab_direction ? opt->gab_direction : 0;
		bool defined = opt && opt->has_gab_direction;
		if (tool) {
			if (!(unit = history_unit(run, tool, unit))) {
				skip(doc, benches, i, skips, &skips->junk_units,
				     "the unit is not a unit");
				continue;
			}
			const char *kind = tool->custom ? NULL : metric_of_unit(unit);
			/* go's units per op, named as ingest of go's own output
			 * names them. */
			const char *go_metric = !tool->go || tool->go_values	 ? NULL
						: strcmp(unit, "B/op") == 0	 ? "alloc_bytes"
						: strcmp(unit, "allocs/op") == 0 ? "allocs"
										 : NULL;
			metric = kind ? kind : go_metric ? go_metric : "value";
			direction = !kind			? tool->direction
				    : strcmp(kind, "time") == 0 ? BDB_LOWER
								: BDB_HIGHER;
			/* ndjson's own word, where the unit does not say it: a
			 * metric has one direction in a run, so the unit's
			 * (time, throughput) comes first. */
			const json_t *bigger = json_object_get(e, "biggerIsBetter");
			if (!kind && json_is_boolean(bigger))
				direction = json_is_true(bigger) ? BDB_HIGHER : BDB_LOWER;
			defined = true;
		}
		if (has_half && percent)
			half = fabs(value) * half / 100; /* ± 10% of -10 is ± 1 */
		else if (has_half && tool && tool->catch2) {
			double scale = time_scale(unit, strlen(unit));
			for (; half > value && scale > 1; scale /= 1000)
				half /= 1000;
		}
		const bdb_metric *before;
		if ((rc = repeat_point(run, &points, name, tags, n_tags, metric, &unit, &value,
				       &half, &point, &before)))
			break;
		bdb_metric *m;
		bdb_point *p = &run->points[point];
		double first = before ? before->value : 0;
		rc = defined ? bdb__add_defined_metric(run, p, metric, value, unit, direction, &m)
			     : bdb__add_metric(run, p, metric, value, unit, &m);
		if (!rc && has_half)
			bdb__set_bounds(m, value - half, value + half);
		if (!rc && tool && json_is_string(range_v) && (!has_half || percent))
			rc = keep_text(texts, "range", name, json_string_value(range_v));
		if (!rc && tool && extra)
			rc = keep_text(texts, "extra", name, extra);
		if (!rc && before && !bdb__samples_has(&samples, point, metric))
			rc = bdb__samples_add(&samples, point, metric, first);
		if (!rc && before)
			rc = bdb__samples_add(&samples, point, metric, value);
	}
	if (!rc)
		rc = bdb__samples_finish(&samples, run);
	if (!rc)
		rc = set_texts(run, texts);
	json_decref(texts);
	bdb__samples_free(&samples);
	bdb__strmap_free(&points);
	return rc;
}

int bdb__ingest_gab(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	const json_t *root = doc->root;
	if (!json_is_array(root))
		return bdb__json_fail(doc, root, NULL, BDB__NO_INDEX, d,
				      "github-action-benchmark input must be a JSON array, got %s",
				      bdb__json_type_name(root));
	return bdb__gab_read_benches(doc, root, NULL, in->opt, NULL, 0, run, NULL, d);
}
