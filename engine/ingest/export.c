/*
 * export.c - writing a run out: benchkit Run JSON (read back by benchkit
 * and by the benchkit adapter), a flat JSON document of observations, CSV
 * and a Markdown table. Numbers are written in the shortest form that reads
 * back to the same double.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* JSON pieces                                                               */
/* ------------------------------------------------------------------------ */

static void indent(bdb_buf *b, int level)
{
	bdb_buf_putc(b, '\n');
	for (int i = 0; i < level; i++)
		bdb_buf_puts(b, "  ");
}

/* "key": opening a member at level. */
static void put_key(bdb_buf *b, int level, bool *first, const char *key)
{
	if (!*first)
		bdb_buf_putc(b, ',');
	*first = false;
	indent(b, level);
	bdb__put_json_string(b, key);
	bdb_buf_puts(b, ": ");
}

/* An object of the string pairs kv, leaving out benchdb's own metadata keys. */
static void put_kv_object(bdb_buf *b, const bdb_kv *kv, size_t n, int level)
{
	bool first = true;
	bdb_buf_putc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (bdb__is_reserved_meta(kv[i].key))
			continue;
		put_key(b, level + 1, &first, kv[i].key);
		bdb__put_json_string(b, kv[i].value);
	}
	if (!first)
		indent(b, level);
	bdb_buf_putc(b, '}');
}

/* kv[0..n) minus reserved keys equals flat[0..n_flat) (both sorted by key). */
static bool same_pairs(const bdb_kv *kv, size_t n, const bdb_kv *flat, size_t n_flat)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (bdb__is_reserved_meta(kv[i].key))
			continue;
		if (j == n_flat || strcmp(kv[i].key, flat[j].key) != 0 ||
		    strcmp(kv[i].value, flat[j].value) != 0)
			return false;
		j++;
	}
	return j == n_flat;
}

/*
 * The original JSON of a run's environment or metadata object
 * ("json:<name>"), when the run kept it and it still flattens to exactly
 * the pairs the run holds; else NULL. json_decref the result.
 */
static json_t *original_shape(const bdb_run *run, const char *name, const bdb_kv *kv, size_t n)
{
	char key[64];
	snprintf(key, sizeof key, "%s%s", BDB__META_SHAPE, name);
	const char *text = bdb_run_get_meta(run, key);
	json_t *shape = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : NULL;
	if (!json_is_object(shape)) {
		json_decref(shape);
		return NULL;
	}
	bdb_run *flat = bdb_run_new();
	if (!flat || bdb__json_flatten(shape, "", bdb__set_env, flat) != 0 ||
	    !same_pairs(kv, n, flat->env, flat->n_env)) {
		json_decref(shape);
		shape = NULL;
	}
	bdb_run_free(flat);
	return shape;
}

/* environment / metadata of a run: its original JSON (with its types), or the pairs. */
static void put_benchkit_pairs(bdb_buf *b, const bdb_run *run, const char *name, const bdb_kv *kv,
			       size_t n, int level)
{
	json_t *shape = original_shape(run, name, kv, n);
	if (shape)
		bdb__put_json_value(b, shape, level);
	else
		put_kv_object(b, kv, n, level);
	json_decref(shape);
}

/* Samples; as_real writes them as Python writes floats (benchkit). */
static void put_samples(bdb_buf *b, const bdb_metric *m, bool as_real)
{
	bdb_buf_putc(b, '[');
	for (size_t i = 0; i < m->n_samples; i++) {
		if (i)
			bdb_buf_puts(b, ", ");
		if (as_real)
			bdb__put_json_real(b, m->samples[i]);
		else
			bdb__put_json_number(b, m->samples[i]);
	}
	bdb_buf_putc(b, ']');
}

char *bdb_run_benchkit_time(const bdb_run *run, char *buf, size_t size)
{
	const char *zone = bdb_run_get_meta(run, BDB__META_ZONE);
	int64_t offset_us = 0;
	int hh = 0, mm = 0, ss = 0;
	if (zone && sscanf(zone + 1, "%d:%d:%d", &hh, &mm, &ss) >= 2)
		offset_us =
		    (zone[0] == '-' ? -1 : 1) * ((int64_t)hh * 3600 + mm * 60 + ss) * 1000000;
	else
		zone = NULL;
	char t[48];
	bdb_time_format(run->timestamp_us + offset_us, t, sizeof t);
	size_t len = strlen(t);
	if (len && t[len - 1] == 'Z')
		t[len - 1] = '\0';
	snprintf(buf, size, "%s%s", t, zone ? zone : "");
	return buf;
}

/*
 * RFC 3339 UTC ("...Z"), or for benchkit as benchkit writes it: Python's
 * isoformat(), naive ("2026-02-10T09:05:00.250000") unless the file gave a
 * zone; benchdb reads a time without zone as UTC.
 */
static void put_time(bdb_buf *b, const bdb_run *run, bool benchkit)
{
	char t[48];
	if (benchkit)
		bdb_run_benchkit_time(run, t, sizeof t);
	else
		bdb_time_format(run->timestamp_us, t, sizeof t);
	bdb__put_json_string(b, t);
}

/* id, timestamp, commit, branch, environment and metadata, as members. */
static void put_run_fields(bdb_buf *b, const bdb_run *run, int level, bool *first, bool benchkit)
{
	put_key(b, level, first, "id");
	bdb__put_json_string(b, run->id);
	put_key(b, level, first, "timestamp");
	put_time(b, run, benchkit);
	put_key(b, level, first, "commit");
	bdb__put_json_string(b, run->commit);
	put_key(b, level, first, "branch");
	bdb__put_json_string(b, run->branch);
	/* The environment with its JSON types (numbers stay numbers) in every
	 * JSON export; metadata as benchkit had it only in benchkit's. */
	put_key(b, level, first, "environment");
	put_benchkit_pairs(b, run, "environment", run->env, run->n_env, level);
	put_key(b, level, first, "metadata");
	if (benchkit)
		put_benchkit_pairs(b, run, "metadata", run->meta, run->n_meta, level);
	else
		put_kv_object(b, run->meta, run->n_meta, level);
}

/* ------------------------------------------------------------------------ */
/* benchkit                                                                  */
/* ------------------------------------------------------------------------ */

static void put_def(bdb_buf *b, const bdb_metric_def *def, int level)
{
	bool first = true;
	bdb_buf_putc(b, '{');
	put_key(b, level + 1, &first, "name");
	bdb__put_json_string(b, def->name);
	/* benchkit requires these keys and writes "" when there is nothing. */
	put_key(b, level + 1, &first, "unit");
	bdb__put_json_string(b, def->unit ? def->unit : "");
	put_key(b, level + 1, &first, "direction");
	bdb__put_json_string(b, bdb_direction_name(def->direction));
	put_key(b, level + 1, &first, "group");
	bdb__put_json_string(b, def->group ? def->group : "");
	put_key(b, level + 1, &first, "priority");
	bdb__put_json_string(b, def->priority == BDB_PRIMARY ? "primary" : "secondary");
	put_key(b, level + 1, &first, "description");
	bdb__put_json_string(b, def->description ? def->description : "");
	if (def->has_threshold) {
		put_key(b, level + 1, &first, "threshold");
		bdb__put_json_number(b, def->threshold);
	}
	indent(b, level);
	bdb_buf_putc(b, '}');
}

/* The value: its exact integer text when the run kept one (above 2^53). */
static void put_value_of(bdb_buf *b, const bdb_run *run, const bdb_point *p, const bdb_metric *m)
{
	char key[1024];
	bdb__exact_key(run, p, m->name, key, sizeof key);
	const char *exact = bdb_run_get_meta(run, key);
	if (exact && strtod(exact, NULL) == m->value)
		bdb_buf_puts(b, exact);
	else
		bdb__put_json_real(b, m->value);
}

static void put_metric(bdb_buf *b, const bdb_run *run, const bdb_point *p, const bdb_metric *m,
		       int level)
{
	bool first = true;
	bdb_buf_putc(b, '{');
	put_key(b, level + 1, &first, "value");
	put_value_of(b, run, p, m);
	if (m->has_lower) {
		put_key(b, level + 1, &first, "lower");
		bdb__put_json_real(b, m->lower);
	}
	if (m->has_upper) {
		put_key(b, level + 1, &first, "upper");
		bdb__put_json_real(b, m->upper);
	}
	if (m->n_samples) {
		put_key(b, level + 1, &first, "samples");
		put_samples(b, m, true);
	}
	/* The unit, unless the definition already says it (the reader fills it in). */
	const bdb_metric_def *def = bdb_run_find_def(run, m->name);
	if (m->unit && !(def && def->unit && strcmp(def->unit, m->unit) == 0)) {
		put_key(b, level + 1, &first, "unit");
		bdb__put_json_string(b, m->unit);
	}
	indent(b, level);
	bdb_buf_putc(b, '}');
}

static void put_point(bdb_buf *b, const bdb_run *run, const bdb_point *p, int level)
{
	bool first = true;
	bdb_buf_putc(b, '{');
	put_key(b, level + 1, &first, "name");
	bdb__put_json_string(b, p->name);
	put_key(b, level + 1, &first, "scenario");
	bdb__put_json_string(b, p->scenario ? p->scenario : "");
	put_key(b, level + 1, &first, "tags");
	put_kv_object(b, p->tags, p->n_tags, level + 1);
	put_key(b, level + 1, &first, "metrics");
	bool mfirst = true;
	bdb_buf_putc(b, '{');
	for (size_t i = 0; i < p->n_metrics; i++) {
		put_key(b, level + 2, &mfirst, p->metrics[i].name);
		put_metric(b, run, p, &p->metrics[i], level + 2);
	}
	if (p->n_metrics)
		indent(b, level + 1);
	bdb_buf_putc(b, '}');
	indent(b, level);
	bdb_buf_putc(b, '}');
}

static void export_benchkit(const bdb_run *run, bdb_buf *b)
{
	bool first = true;
	bdb_buf_putc(b, '{');
	put_run_fields(b, run, 1, &first, true);
	put_key(b, 1, &first, "metric_defs");
	bool dfirst = true;
	bdb_buf_putc(b, '{');
	for (size_t i = 0; i < run->n_defs; i++) {
		put_key(b, 2, &dfirst, run->defs[i].name);
		put_def(b, &run->defs[i], 2);
	}
	if (run->n_defs)
		indent(b, 1);
	bdb_buf_putc(b, '}');
	put_key(b, 1, &first, "points");
	bdb_buf_putc(b, '[');
	for (size_t i = 0; i < run->n_points; i++) {
		if (i)
			bdb_buf_putc(b, ',');
		indent(b, 2);
		put_point(b, run, &run->points[i], 2);
	}
	if (run->n_points)
		indent(b, 1);
	bdb_buf_puts(b, "]\n}\n");
}

/* ------------------------------------------------------------------------ */
/* Observations: flat JSON, CSV, Markdown                                    */
/* ------------------------------------------------------------------------ */

static const char *direction_of(const bdb_run *run, const char *metric)
{
	const bdb_metric_def *def = bdb_run_find_def(run, metric);
	return def ? bdb_direction_name(def->direction) : NULL;
}

static void export_json(const bdb_run *run, const bdb_annotation *annotation, bdb_buf *b)
{
	bool first = true;
	bdb_buf_puts(b, "{\n  \"run\": {");
	put_run_fields(b, run, 2, &first, false);
	if (annotation) {
		put_key(b, 2, &first, "annotation");
		bdb_buf_puts(b, "{\"kind\": ");
		bdb__put_json_string(b, bdb_annotation_kind_name(annotation->kind));
		bdb_buf_puts(b, ", \"commit\": ");
		bdb__put_json_string(b, annotation->commit);
		bdb_buf_puts(b, ", \"text\": ");
		bdb__put_json_string(b, annotation->text);
		bdb_buf_putc(b, '}');
	}
	bdb_buf_puts(b, "\n  },\n  \"observations\": [");
	bool ofirst = true;
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		for (size_t j = 0; j < p->n_metrics; j++) {
			const bdb_metric *m = &p->metrics[j];
			bdb_buf_puts(b, ofirst ? "\n    {\"point\": " : ",\n    {\"point\": ");
			ofirst = false;
			bdb__put_json_string(b, p->name);
			bdb_buf_puts(b, ", \"scenario\": ");
			bdb__put_json_string(b, p->scenario);
			bdb_buf_puts(b, ", \"tags\": {");
			for (size_t t = 0; t < p->n_tags; t++) {
				if (t)
					bdb_buf_puts(b, ", ");
				bdb__put_json_string(b, p->tags[t].key);
				bdb_buf_puts(b, ": ");
				bdb__put_json_string(b, p->tags[t].value);
			}
			bdb_buf_puts(b, "}, \"metric\": ");
			bdb__put_json_string(b, m->name);
			bdb_buf_puts(b, ", \"value\": ");
			bdb__put_json_number(b, m->value);
			bdb_buf_puts(b, ", \"lower\": ");
			if (m->has_lower)
				bdb__put_json_number(b, m->lower);
			else
				bdb_buf_puts(b, "null");
			bdb_buf_puts(b, ", \"upper\": ");
			if (m->has_upper)
				bdb__put_json_number(b, m->upper);
			else
				bdb_buf_puts(b, "null");
			bdb_buf_puts(b, ", \"unit\": ");
			bdb__put_json_string(b, m->unit);
			bdb_buf_puts(b, ", \"direction\": ");
			bdb__put_json_string(b, direction_of(run, m->name));
			bdb_buf_puts(b, ", \"samples\": ");
			put_samples(b, m, false);
			bdb_buf_putc(b, '}');
		}
	}
	bdb_buf_puts(b, ofirst ? "]\n}\n" : "\n  ]\n}\n");
}

/* A table of observations as CSV, TSV or Markdown: how its lines are
 * written, and its field escaper (CSV quotes when needed; TSV writes a TAB,
 * line break or '\\' as \\t \\n \\r \\\\; Markdown escapes '|' and line
 * breaks). Markdown has a rule under its header and no samples column. */
typedef struct table_style {
	const char *line_start, *separator, *line_end;
	void (*put_field)(bdb_buf *b, const char *s, size_t n);
	bool markdown;
} table_style;

static const table_style csv_style = {"", ",", "\r\n", bdb_buf_put_csv_field, false};
static const table_style tsv_style = {"", "\t", "\n", bdb_buf_put_tsv_field, false};
static const table_style markdown_style = {"| ", " | ", " |\n", bdb_buf_put_markdown, true};

static void export_table(const bdb_run *run, bdb_buf *b, const table_style *style)
{
	static const char *const columns[] = {
	    "run",    "timestamp", "commit", "branch", "point", "scenario",  "tags",
	    "metric", "value",	   "lower",  "upper",  "unit",	"direction", "samples"};
	size_t n_columns = sizeof columns / sizeof *columns - (style->markdown ? 1 : 0);
	bdb_buf_puts(b, style->line_start);
	for (size_t c = 0; c < n_columns; c++) {
		bdb_buf_puts(b, c ? style->separator : "");
		bdb_buf_puts(b, columns[c]);
	}
	bdb_buf_puts(b, style->line_end);
	if (style->markdown) {
		bdb_buf_putc(b, '|');
		for (size_t c = 0; c < n_columns; c++)
			bdb_buf_puts(b, "---|");
		bdb_buf_putc(b, '\n');
	}
	char t[40];
	bdb_time_format(run->timestamp_us, t, sizeof t);
	bdb_buf tags;
	bdb_buf_init(&tags);
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_buf_reset(&tags);
		bdb_buf_put_tag_list(&tags, p->tags, p->n_tags, ';');
		for (size_t j = 0; j < p->n_metrics; j++) {
			const bdb_metric *m = &p->metrics[j];
			const char *cells[14] = {
			    run->id,
			    t,
			    run->commit,
			    run->branch,
			    p->name,
			    p->scenario,
			    bdb_buf_cstr(&tags),
			    m->name,
			    NULL,
			    NULL,
			    NULL,
			    m->unit,
			    direction_of(run, m->name),
			    NULL,
			};
			bdb_buf_puts(b, style->line_start);
			for (size_t c = 0; c < n_columns; c++) {
				bdb_buf_puts(b, c ? style->separator : "");
				if (c == 8)
					bdb__put_json_number(b, m->value);
				else if (c == 9 && m->has_lower)
					bdb__put_json_number(b, m->lower);
				else if (c == 10 && m->has_upper)
					bdb__put_json_number(b, m->upper);
				else if (c == 13)
					bdb_buf_printf(b, "%zu", m->n_samples);
				else if (cells[c])
					style->put_field(b, cells[c], strlen(cells[c]));
			}
			bdb_buf_puts(b, style->line_end);
		}
	}
	bdb_buf_free(&tags);
}

int bdb_export_run(const bdb_run *run, bdb_output_format f, bdb_buf *out)
{
	return bdb_export_run_annotated(run, f, NULL, out);
}

int bdb_export_run_annotated(const bdb_run *run, bdb_output_format f,
			     const bdb_annotation *annotation, bdb_buf *out)
{
	if (!run || !run->id)
		return BDB_EINVAL;
	switch (f) {
	case BDB_OUTPUT_BENCHKIT:
		export_benchkit(run, out);
		break;
	case BDB_OUTPUT_JSON:
		export_json(run, annotation, out);
		break;
	case BDB_OUTPUT_CSV:
		export_table(run, out, &csv_style);
		break;
	case BDB_OUTPUT_TSV:
		export_table(run, out, &tsv_style);
		break;
	case BDB_OUTPUT_MARKDOWN:
		export_table(run, out, &markdown_style);
		break;
	default:
		return BDB_EINVAL;
	}
	return out->failed ? BDB_ENOMEM : 0;
}

int bdb_export_benchkit(const bdb_run *run, bdb_buf *out)
{
	return bdb_export_run(run, BDB_OUTPUT_BENCHKIT, out);
}
