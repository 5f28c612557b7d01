/*
 * exec_catalog.c - what the store holds: show runs | points | metrics |
 * tags | baselines, the summary of one run, and the two baseline writes.
 */
#include "exec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* show runs                                                                 */
/* ------------------------------------------------------------------------ */

/* The first key of e that is not a run field (show runs filters runs). */
static const bdb__expr *first_series_field(const bdb__expr *e)
{
	switch (e->kind) {
	case BDB__EXPR_AND:
	case BDB__EXPR_OR:
	case BDB__EXPR_NOT:
		/* As deep as the nesting (BDB__MAX_NESTING), not the chains. */
		for (size_t i = 0; i < e->n_operands; i++) {
			const bdb__expr *found = first_series_field(e->operands[i]);
			if (found)
				return found;
		}
		return NULL;
	default:
		return e->field == BDB__FIELD_BRANCH || e->field == BDB__FIELD_COMMIT ? NULL : e;
	}
}

int bdb__exec_show_runs(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	static const bdb__column cols[] = {
	    {"id", BDB__STYLE_PLAIN},	   {"timestamp", BDB__STYLE_PLAIN},
	    {"commit", BDB__STYLE_COMMIT}, {"branch", BDB__STYLE_PLAIN},
	    {"points", BDB__STYLE_PLAIN},  {"metrics", BDB__STYLE_PLAIN},
	};
	/* A where on tags or point/scenario/metric keeps the runs that have an
	 * observation passing it (read from each run's FlatBuffer). */
	bool by_series = st->where && first_series_field(st->where);
	bdb_run_filter all = {NULL, INT64_MIN, INT64_MAX};
	bdb_run_info *runs = NULL;
	size_t n = 0;
	/* A tag, point or metric the store does not have is a typo to report,
	 * as in every other statement, not an empty list. */
	int rc = bdb__check_names(ex, st);
	if (rc)
		return rc;
	rc = bdb_reader_list_runs(ex->rd, &all, st->where ? 0 : (size_t)st->last_n, &runs, &n);
	if (rc)
		return bdb__exec_store_error(ex, rc, "listing runs");
	rc = bdb__result_columns(r, cols, sizeof cols / sizeof cols[0]);
	size_t shown = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		if (st->last_n && shown == st->last_n)
			break;
		bdb__subject s = {
		    .point = "", .metric = "", .branch = runs[i].branch, .commit = runs[i].commit};
		if (by_series) {
			bdb__run_entries e;
			rc = bdb__run_entries_load(ex, runs[i].seq, st, BDB__ALL_METRICS, &e);
			if (rc)
				break;
			size_t kept = e.n;
			bdb__run_entries_free(&e);
			if (!kept)
				continue;
		} else if (!bdb__subject_matches(st, &s)) {
			continue;
		}
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		shown++;
		bdb__cell_str(r, (size_t)row, 0, runs[i].id);
		bdb__cell_time(r, (size_t)row, 1, runs[i].timestamp_us);
		bdb__cell_str(r, (size_t)row, 2, *runs[i].commit ? runs[i].commit : NULL);
		bdb__cell_str(r, (size_t)row, 3, *runs[i].branch ? runs[i].branch : NULL);
		bdb__cell_int(r, (size_t)row, 4, runs[i].n_points);
		bdb__cell_int(r, (size_t)row, 5, runs[i].n_metrics);
	}
	free(runs);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Series catalog: show points, show metrics                                 */
/* ------------------------------------------------------------------------ */

/* The selected series' descriptions, sorted by (point, tags, metric). */
typedef struct catalog {
	bdb_series_info **items;
	size_t n;
} catalog;

static void catalog_free(catalog *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->items[i]);
	free(c->items);
}

static int cmp_tags(const bdb_series_info *a, const bdb_series_info *b)
{
	for (size_t i = 0; i < a->n_tags && i < b->n_tags; i++) {
		int c = strcmp(a->tags[i].key, b->tags[i].key);
		if (!c)
			c = strcmp(a->tags[i].value, b->tags[i].value);
		if (c)
			return c;
	}
	return a->n_tags < b->n_tags ? -1 : a->n_tags > b->n_tags;
}

int bdb__series_info_cmp(const bdb_series_info *a, const bdb_series_info *b)
{
	int c = strcmp(a->point, b->point);
	if (!c)
		c = cmp_tags(a, b);
	if (!c)
		c = strcmp(a->metric, b->metric);
	return c;
}

static int cmp_series(const void *x, const void *y)
{
	return bdb__series_info_cmp(*(bdb_series_info *const *)x, *(bdb_series_info *const *)y);
}

static int cmp_by_metric(const void *x, const void *y)
{
	const bdb_series_info *a = *(bdb_series_info *const *)x;
	const bdb_series_info *b = *(bdb_series_info *const *)y;
	int c = strcmp(a->metric, b->metric);
	return c ? c : cmp_series(x, y);
}

static int catalog_load(bdb__exec *ex, const bdb__stmt *st, catalog *c)
{
	memset(c, 0, sizeof *c);
	bdb__idset ids;
	int rc = bdb__check_names(ex, st);
	if (!rc)
		rc = bdb__select_series(ex, st, NULL, &ids);
	if (rc)
		return rc;
	c->items = calloc(ids.n + 1, sizeof *c->items);
	if (!c->items)
		rc = BDB_ENOMEM;
	for (size_t i = 0; !rc && i < ids.n; i++) {
		rc = bdb_reader_series_info(ex->rd, ids.ids[i], &c->items[c->n]);
		if (!rc)
			c->n++;
	}
	bdb__idset_free(&ids);
	if (rc) {
		catalog_free(c);
		return bdb__exec_store_error(ex, rc, "reading the series dictionary");
	}
	qsort(c->items, c->n, sizeof *c->items, cmp_series);
	return 0;
}

int bdb__exec_show_points(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	static const bdb__column cols[] = {
	    {"point", BDB__STYLE_PLAIN},
	    {"tags", BDB__STYLE_PLAIN},
	    {"scenario", BDB__STYLE_PLAIN},
	    {"metrics", BDB__STYLE_PLAIN},
	};
	catalog c;
	int rc = catalog_load(ex, st, &c);
	if (rc)
		return rc;
	rc = bdb__result_columns(r, cols, sizeof cols / sizeof cols[0]);
	bdb_buf metrics;
	bdb_buf_init(&metrics);
	for (size_t i = 0; !rc && i < c.n;) {
		const bdb_series_info *s = c.items[i];
		bdb_buf_reset(&metrics);
		size_t j = i;
		for (; j < c.n && strcmp(c.items[j]->point, s->point) == 0 &&
		       cmp_tags(c.items[j], s) == 0;
		     j++)
			bdb_buf_printf(&metrics, "%s%s", j > i ? ", " : "", c.items[j]->metric);
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		bdb__cell_str(r, (size_t)row, 0, s->point);
		bdb__cell_tags(r, (size_t)row, 1, s->tags, s->n_tags);
		bdb__cell_str(r, (size_t)row, 2, *s->scenario ? s->scenario : NULL);
		bdb__cell_str(r, (size_t)row, 3, bdb_buf_cstr(&metrics));
		i = j;
	}
	if (metrics.failed)
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "listing points");
	bdb_buf_free(&metrics);
	catalog_free(&c);
	return rc;
}

int bdb__exec_show_metrics(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	static const bdb__column cols[] = {
	    {"metric", BDB__STYLE_PLAIN},    {"unit", BDB__STYLE_PLAIN},
	    {"direction", BDB__STYLE_PLAIN}, {"threshold", BDB__STYLE_PERCENT},
	    {"series", BDB__STYLE_PLAIN},    {"description", BDB__STYLE_PLAIN},
	};
	catalog c;
	int rc = catalog_load(ex, st, &c);
	if (rc)
		return rc;
	qsort(c.items, c.n, sizeof *c.items, cmp_by_metric);
	rc = bdb__result_columns(r, cols, sizeof cols / sizeof cols[0]);
	for (size_t i = 0; !rc && i < c.n;) {
		const bdb_series_info *s = c.items[i];
		size_t j = i;
		while (j < c.n && strcmp(c.items[j]->metric, s->metric) == 0)
			j++;
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		bdb_metric_def def;
		bool has_def = bdb_reader_metric_def(ex->rd, s->metric, &def) == 0;
		const char *unit = has_def && def.unit ? def.unit : s->unit;
		bdb__cell_str(r, (size_t)row, 0, s->metric);
		bdb__cell_str(r, (size_t)row, 1, unit && *unit ? unit : NULL);
		if (has_def)
			bdb__cell_str(r, (size_t)row, 2, bdb_direction_name(def.direction));
		if (has_def && def.has_threshold)
			bdb__cell_num(r, (size_t)row, 3, def.threshold);
		bdb__cell_int(r, (size_t)row, 4, (int64_t)(j - i));
		if (has_def)
			bdb__cell_str(r, (size_t)row, 5, def.description);
		i = j;
	}
	catalog_free(&c);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* show tags [KEY]                                                           */
/* ------------------------------------------------------------------------ */

typedef struct tag_terms {
	bdb_buf names; /* terms, NUL-separated */
	size_t n;
} tag_terms;

static int collect_term(void *ctx, const char *term, size_t len)
{
	tag_terms *t = ctx;
	bdb_buf_append(&t->names, term, len);
	bdb_buf_putc(&t->names, '\0');
	t->n++;
	return 0;
}

/* Series of term that are also in selected (NULL: all). */
static int term_count(bdb__exec *ex, const char *term, const bdb__idset *selected, size_t *n)
{
	uint64_t *ids = NULL;
	size_t m = 0;
	int rc = bdb_reader_postings(ex->rd, term, &ids, &m);
	if (rc)
		return rc;
	*n = 0;
	for (size_t i = 0, j = 0; i < m; i++) {
		if (!selected) {
			(*n)++;
			continue;
		}
		while (j < selected->n && selected->ids[j] < ids[i])
			j++;
		*n += j < selected->n && selected->ids[j] == ids[i];
	}
	free(ids);
	return 0;
}

int bdb__exec_show_tags(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	static const bdb__column key_cols[] = {
	    {"key", BDB__STYLE_PLAIN},
	    {"values", BDB__STYLE_PLAIN},
	    {"series", BDB__STYLE_PLAIN},
	};
	static const bdb__column value_cols[] = {
	    {"value", BDB__STYLE_PLAIN},
	    {"series", BDB__STYLE_PLAIN},
	};
	bdb__idset selected = {NULL, 0};
	tag_terms t;
	memset(&t, 0, sizeof t);
	char prefix[300];
	snprintf(prefix, sizeof prefix, st->name ? "t:%s=" : "t:", st->name ? st->name : "");
	/* of POINT and where narrow the series counted; neither: all. */
	bool narrowed = st->where || st->point;
	int rc = bdb__check_names(ex, st);
	if (!rc && narrowed)
		rc = bdb__select_series(ex, st, NULL, &selected);
	if (rc)
		return rc;
	rc = bdb_reader_terms(ex->rd, prefix, collect_term, &t);
	if (!rc && t.names.failed)
		rc = BDB_ENOMEM;
	if (rc) {
		rc = bdb__exec_store_error(ex, rc, "listing tags");
		goto done;
	}
	if (st->name && t.n == 0) {
		char hint[200];
		bdb__suggest_term(ex, "t:", st->name, hint, sizeof hint);
		rc = bdb__exec_error(ex, st->name_span, "no tag \"%s\" in the store%s", st->name,
				     hint);
		goto done;
	}
	if (st->name)
		bdb__field_str(r, "key", st->name);
	rc = st->name ? bdb__result_columns(r, value_cols, 2) : bdb__result_columns(r, key_cols, 3);
	const char *term = t.names.data;
	long row = -1;
	size_t key_len = 0;
	for (size_t i = 0; !rc && i < t.n; i++, term += strlen(term) + 1) {
		size_t count;
		if ((rc = term_count(ex, term, narrowed ? &selected : NULL, &count)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "listing tags");
			break;
		}
		if (count == 0)
			continue;
		const char *kv = term + 2, *eq = strchr(kv, '=');
		size_t klen = eq ? (size_t)(eq - kv) : strlen(kv);
		if (st->name) {
			if ((row = bdb__result_add_row(r)) < 0)
				break;
			bdb__cell_str(r, (size_t)row, 0, eq ? eq + 1 : "");
			bdb__cell_int(r, (size_t)row, 1, (int64_t)count);
			continue;
		}
		/* Terms come sorted, so a key's values are consecutive. */
		bdb_value prev = row >= 0 ? bdb_result_get(r, (size_t)row, 0) : (bdb_value){0};
		if (row < 0 || key_len != klen || strncmp(prev.str, kv, klen) != 0) {
			if ((row = bdb__result_add_row(r)) < 0)
				break;
			bdb__cell_strn(r, (size_t)row, 0, kv, klen);
			bdb__cell_int(r, (size_t)row, 1, 0);
			bdb__cell_int(r, (size_t)row, 2, 0);
			key_len = klen;
		}
		bdb_value *cells = &r->cells[(size_t)row * r->n_cols];
		cells[1].i += 1;
		cells[2].i += (int64_t)count;
	}
done:
	bdb_buf_free(&t.names);
	bdb__idset_free(&selected);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* show baselines, set baseline, drop baseline                               */
/* ------------------------------------------------------------------------ */

static const bdb__column baseline_cols[] = {
    {"baseline", BDB__STYLE_PLAIN},
    {"run", BDB__STYLE_PLAIN},
    {"timestamp", BDB__STYLE_PLAIN},
    {"commit", BDB__STYLE_COMMIT},
};

static void baseline_row(bdb_result *r, const char *name, const bdb_run_info *info)
{
	long row = bdb__result_add_row(r);
	if (row < 0)
		return;
	bdb__cell_str(r, (size_t)row, 0, name);
	bdb__cell_str(r, (size_t)row, 1, info->id);
	bdb__cell_time(r, (size_t)row, 2, info->timestamp_us);
	bdb__cell_str(r, (size_t)row, 3, *info->commit ? info->commit : NULL);
}

int bdb__exec_show_baselines(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	(void)st;
	bdb_baseline_info *all = NULL;
	size_t n = 0;
	int rc = bdb_reader_list_baselines(ex->rd, &all, &n);
	if (rc)
		return bdb__exec_store_error(ex, rc, "listing baselines");
	rc = bdb__result_columns(r, baseline_cols, 4);
	for (size_t i = 0; !rc && i < n; i++) {
		bdb_run_info info;
		rc = bdb_reader_run_info(ex->rd, all[i].seq, &info);
		if (rc) {
			rc = bdb__exec_store_error(ex, rc, "reading the run log");
			break;
		}
		baseline_row(r, all[i].name, &info);
	}
	free(all);
	return rc;
}

static const bdb__column retention_cols[] = {{"rule", BDB__STYLE_PLAIN}};

int bdb__exec_show_retention(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	(void)st;
	bdb_retention p;
	int rc = bdb_reader_retention(ex->rd, &p);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the retention policy");
	rc = bdb__result_columns(r, retention_cols, 1);
	/* One rule a row, each the canonical text of a policy of that rule alone. */
	for (size_t i = 0; !rc && i < p.n_branches + 5; i++) {
		bdb_retention one = {.keep_other_days = -1, .drop_samples_days = -1,
				     .rollup_days = -1, .rollup_month_days = -1};
		size_t rule = i < p.n_branches ? 0 : i - p.n_branches + 1;
		if (rule == 0) {
			one.branches[0] = p.branches[i];
			one.n_branches = 1;
		} else if (rule == 1) {
			one.keep_other_days = p.keep_other_days;
		} else if (rule == 2) {
			one.drop_samples_days = p.drop_samples_days;
		} else if (rule == 3) {
			one.rollup_days = p.rollup_days;
		} else if (rule == 4) {
			one.rollup_month_days = p.rollup_month_days;
		} else {
			one.apply_on_ingest = p.apply_on_ingest;
		}
		char text[1024];
		if (!*bdb_retention_format(&one, text, sizeof text))
			continue;
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		bdb__cell_str(r, (size_t)row, 0, text);
	}
	bdb_retention_free(&p);
	return rc;
}

/*
 * set baseline NAME = RUN, drop baseline NAME: the run is resolved (and its
 * row made) in a read transaction that ends before the write begins.
 */
static int write_baseline(bdb__exec *ex, const bdb__stmt *st, bdb_result *r, bool set)
{
	bdb__run_ref ref = {.kind = BDB__RUN_BASELINE, .name = st->name};
	ref.span = ref.name_span = st->name_span;
	uint64_t seq;
	bdb_run_info info;
	int rc = bdb__result_columns(r, baseline_cols, 4);
	if (rc)
		return rc;
	/* One line of text, as on the command line (`benchdb baseline set`):
	 * a tab or line break made benchkit's listing (NAME<TAB>RUN lines)
	 * unreadable, and wrote lines of its own into a CI log. */
	uint32_t control;
	size_t fault = bdb_text_fault(st->name, strlen(st->name), true, &control);
	if (set && fault < strlen(st->name) && control != UINT32_MAX)
		return bdb__exec_error(ex, st->name_span,
				       "a baseline name is one line of text: it contains a control "
				       "character (U+%04X) at byte %zu",
				       (unsigned)control, fault + 1);
	rc = bdb_reader_begin(ex->store, &ex->rd);
	if (rc)
		return bdb__exec_store_error(ex, rc, "opening a read transaction");
	rc = bdb__resolve_run(ex, set ? &st->run : &ref, &seq, &info);
	if (!rc)
		baseline_row(r, st->name, &info);
	bdb_reader_end(ex->rd);
	ex->rd = NULL;
	if (rc)
		return rc;
	rc = set ? bdb_store_set_baseline(ex->store, st->name, seq)
		 : bdb_store_drop_baseline(ex->store, st->name);
	if (rc)
		return bdb__exec_write_error(
		    ex, rc, set ? "setting the baseline" : "dropping the baseline");
	return 0;
}

int bdb__exec_set_baseline(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	return write_baseline(ex, st, r, true);
}

int bdb__exec_drop_baseline(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	return write_baseline(ex, st, r, false);
}

/* ------------------------------------------------------------------------ */
/* summary                                                                   */
/* ------------------------------------------------------------------------ */

enum { S_SCENARIO, S_POINT, S_TAGS, S_METRIC, S_VALUE, S_LOWER, S_UPPER, S_UNIT, S_SAMPLES };

static int cmp_scenario(const bdb_value *a, const bdb_value *b, void *ctx)
{
	(void)ctx;
	const char *x = a[S_SCENARIO].kind == BDB_VALUE_STRING ? a[S_SCENARIO].str : "";
	const char *y = b[S_SCENARIO].kind == BDB_VALUE_STRING ? b[S_SCENARIO].str : "";
	return strcmp(x, y);
}

int bdb__exec_summary(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	static const bdb__column cols[] = {
	    {"scenario", BDB__STYLE_PLAIN}, {"point", BDB__STYLE_PLAIN},
	    {"tags", BDB__STYLE_PLAIN},	    {"metric", BDB__STYLE_PLAIN},
	    {"value", BDB__STYLE_QUANTITY}, {"lower", BDB__STYLE_QUANTITY},
	    {"upper", BDB__STYLE_QUANTITY}, {"unit", BDB__STYLE_PLAIN},
	    {"samples", BDB__STYLE_PLAIN},
	};
	bdb__run_ref ref = bdb__run_or_default(st, st->has_run ? &st->run : NULL, BDB__RUN_LATEST);
	uint64_t seq;
	bdb_run_info info;
	bdb__run_entries run = {0};
	int rc = bdb__resolve_run(ex, &ref, &seq, &info);
	if (!rc)
		rc = bdb__check_names(ex, st);
	if (!rc)
		rc = bdb__run_entries_load(ex, seq, st, BDB__ALL_METRICS, &run);
	if (!rc)
		rc = bdb__result_columns(r, cols, sizeof cols / sizeof cols[0]);
	if (rc)
		goto done;
	bdb__field_str(r, "run", info.id);
	bdb__field_time(r, "timestamp", info.timestamp_us);
	bdb__field_str(r, "commit", *info.commit ? info.commit : NULL);
	bdb__field_str(r, "branch", *info.branch ? info.branch : NULL);
	for (size_t i = 0; i < run.n; i++) {
		const bdb__entry *e = &run.items[i];
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		size_t w = (size_t)row;
		bdb__cell_str(r, w, S_SCENARIO, *e->scenario ? e->scenario : NULL);
		bdb__cell_str(r, w, S_POINT, e->point);
		bdb__cell_tags(r, w, S_TAGS, e->tags, e->n_tags);
		bdb__cell_str(r, w, S_METRIC, e->metric);
		bdb__cell_num(r, w, S_VALUE, e->value);
		if (e->has_lower)
			bdb__cell_num(r, w, S_LOWER, e->lower);
		if (e->has_upper)
			bdb__cell_num(r, w, S_UPPER, e->upper);
		bdb__cell_str(r, w, S_UNIT, *e->unit ? e->unit : NULL);
		bdb__cell_int(r, w, S_SAMPLES, bdb_fb_metric_n_samples(e->view));
	}
	if (bdb__result_sort(r, 0, r->n_rows, cmp_scenario, NULL))
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "sorting the summary");
done:
	bdb__run_entries_free(&run);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* A run's environment and metadata (the HTTP API's run detail)              */
/* ------------------------------------------------------------------------ */

static void add_kv_rows(bdb_result *r, const char *section, const bdb_kv *kv, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long row = bdb__result_add_row(r);
		if (row < 0)
			return;
		bdb__cell_str(r, (size_t)row, 0, section);
		bdb__cell_str(r, (size_t)row, 1, kv[i].key);
		bdb__cell_str(r, (size_t)row, 2, kv[i].value);
	}
}

int bdb_query_run_environment(bdb_store *store, const char *id, bdb_result **out, bdb_diag *d)
{
	static const bdb__column cols[] = {
	    {"section", BDB__STYLE_PLAIN}, {"key", BDB__STYLE_PLAIN}, {"value", BDB__STYLE_PLAIN}};
	bdb_diag_clear(d);
	*out = NULL;
	bdb_result *r = bdb__result_new("run");
	if (!r)
		return bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	bdb_reader *rd = NULL;
	bdb_run *run = NULL;
	uint64_t seq;
	int rc = bdb_reader_begin(store, &rd);
	if (!rc)
		rc = bdb_reader_find_id(rd, id, &seq);
	if (rc == BDB_ENOTFOUND) {
		char rollup[512];
		bool rolled = false;
		if (bdb_reader_rolled_into(rd, id, rollup, sizeof rollup, &rolled) == 0 && rolled)
			rc = bdb_diag_set(d, rc, NULL, 0, 0,
					  "no run \"%s\": retain rolled it up into \"%s\"", id,
					  rollup);
		else
			rc = bdb_diag_set(d, rc, NULL, 0, 0, "no run \"%s\"", id);
		goto done;
	}
	if (!rc)
		rc = bdb_reader_run_decode(rd, seq, &run);
	if (!rc)
		rc = bdb__result_columns(r, cols, sizeof cols / sizeof cols[0]);
	if (rc) {
		rc =
		    bdb_diag_set(d, rc, NULL, 0, 0, "reading run \"%s\": %s", id, bdb_strerror(rc));
		goto done;
	}
	bdb__field_str(r, "run", run->id);
	bdb__field_time(r, "timestamp", run->timestamp_us);
	bdb__field_str(r, "commit", run->commit && *run->commit ? run->commit : NULL);
	bdb__field_str(r, "branch", run->branch && *run->branch ? run->branch : NULL);
	add_kv_rows(r, "environment", run->env, run->n_env);
	add_kv_rows(r, "metadata", run->meta, run->n_meta);
	if (r->failed)
		rc = bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
done:
	bdb_run_free(run);
	if (rd)
		bdb_reader_end(rd);
	if (rc)
		bdb_result_free(r);
	else
		*out = r;
	return rc;
}
