/*
 * dashboard.c - the dashboard of `benchdb serve` (docs/serve.md): its files,
 * compiled into the program, and the overview page's data
 * (`GET /api/overview`, web.h).
 *
 * The pages themselves are static (web/assets/): a little JavaScript asks
 * the JSON API and the SVG renderer and puts names on the page as text
 * only. The overview is computed here, in one request, from statements of
 * the query language (show runs, show baselines, regressions, compare and
 * one `trend METRIC last N as svg` per metric), so that it costs one read
 * of each series' newest runs, not of its whole history.
 */
#include "dashboard.h"
#include "page_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each series' newest runs the overview reads, by default: the report's
 * window. */
#define OVERVIEW_RUNS BDB__PAGE_CHANGE_RUNS

/* ---- the embedded files -------------------------------------------------- */

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (dot && strcmp(dot, ".html") == 0)
		return "text/html; charset=utf-8";
	if (dot && strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (dot && strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (dot && strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	return "application/octet-stream";
}

int bdb__dashboard_file(const char *path, bdb_buf *out, const char **type)
{
	const char *name = NULL;
	if (strcmp(path, "/") == 0)
		name = "index.html";
	else if (strncmp(path, "/assets/", 8) == 0)
		name = path + 8;
	/* The style sheet of an `as html` page the console draws in a frame:
	 * the page's inline rules, which the dashboard's policy refuses. */
	if (name && strcmp(name, "result.css") == 0) {
		bdb_buf_puts(out, bdb_html_style());
		bdb_buf_puts(out, bdb_chart_style());
		*type = type_of(name);
		return 0;
	}
	for (size_t i = 0; name && i < bdb__n_assets; i++) {
		if (strcmp(bdb__assets[i].name, name) != 0)
			continue;
		bdb_buf_append(out, bdb__assets[i].data, bdb__assets[i].len);
		if (strcmp(name, "dashboard.css") == 0) {
			bdb_buf_puts(out, bdb_html_dark_style());
			bdb_buf_puts(out, bdb_chart_style());
		}
		*type = type_of(name);
		return 0;
	}
	return BDB_ENOTFOUND;
}

/* ---- the overview --------------------------------------------------------- */

/* A row of the grid: its JSON in overview.grid_json[at, at + len). */
typedef struct grid_row {
	size_t at, len;
	int rank;	  /* 0 regression, 1 improvement, 2 the rest */
	double magnitude; /* |change %| vs the baseline, for the order within a rank */
	size_t order;	  /* the trend's order: the last key */
} grid_row;

/* A series of the compare table, by "point\ntags\nmetric". */
typedef struct keyed {
	char *key;
	size_t row;
} keyed;

typedef struct overview {
	bdb_store *store;
	bdb_query_options q;
	bdb_diag *d;
	const char *baseline;
	bool has_baseline;
	/* The branch whose runs the page reads ("latest" is its newest run), or
	 * NULL: every branch's. */
	char *branch;
	size_t runs;
	bdb_buf stmt, text;
	bdb_result *compare;
	keyed *keys;
	size_t n_keys;
	bdb_buf grid_json, series_json;
	grid_row *grid;
	size_t n_grid, cap_grid;
	bdb__page_changes changes;
	bdb_result *annotations; /* `show annotations`: marks the change points */
	/* The change groups' window: since, the time of the oldest of the
	 * newest runs runs ("": the whole history), and the time from which the
	 * sparklines take their marks from those groups' `changes`. */
	char since[64];
	int64_t since_us;
} overview;

static int run(overview *o, bdb_result **out)
{
	return bdb_query_run(o->store, bdb_buf_cstr(&o->stmt), &o->q, out, o->d);
}

/* The text of cell (row, column name) as the table shows it, in o->text. */
static const char *cell(overview *o, const bdb_result *res, size_t row, const char *name)
{
	return bdb__page_cell(&o->text, res, row, name);
}

/* The quantity at cell (row, column name) as the table shows it, in its
 * unit's scale with the unit ("1.298 µs"), in o->text. */
static const char *quantity(overview *o, const bdb_result *res, size_t row, const char *name)
{
	bdb_buf_reset(&o->text);
	int col = bdb_result_column_index(res, name);
	if (col >= 0)
		bdb_result_cell_quantity(res, row, (size_t)col, &o->text);
	return bdb_buf_cstr(&o->text);
}

/* ` where branch = "B"` when the page reads one branch. */
static void put_branch_filter(overview *o)
{
	if (!o->branch)
		return;
	bdb_buf_puts(&o->stmt, " where branch = ");
	bdb_query_put_name(&o->stmt, o->branch);
}

/* "latest" as a run reference: ` latest on branch "B"` or ` latest`. */
static void put_latest(overview *o)
{
	bdb_buf_puts(&o->stmt, " latest");
	if (o->branch) {
		bdb_buf_puts(&o->stmt, " on branch ");
		bdb_query_put_name(&o->stmt, o->branch);
	}
}

static void put_json(bdb_buf *b, const char *s)
{
	bdb_buf_put_json_string(b, s, strlen(s));
}

/* `"name": "cell text"` (with a leading ", " unless first). */
static void put_cell(overview *o, bdb_buf *b, const bdb_result *res, size_t row, const char *name,
		     bool first)
{
	if (!first)
		bdb_buf_puts(b, ", ");
	put_json(b, name);
	bdb_buf_puts(b, ": ");
	put_json(b, cell(o, res, row, name));
}

/* `"tags": {...}` of row: the tag set as an object (empty without tags). */
static void put_tags(bdb_buf *b, const bdb_result *res, size_t row)
{
	bdb_buf_puts(b, ", \"tags\": {");
	int col = bdb_result_column_index(res, "tags");
	bdb_value v = col >= 0 ? bdb_result_get(res, row, (size_t)col) : (bdb_value){0};
	for (size_t i = 0; v.kind == BDB_VALUE_TAGS && i < v.n_tags; i++) {
		if (i)
			bdb_buf_puts(b, ", ");
		put_json(b, v.tags[i].key);
		bdb_buf_puts(b, ": ");
		put_json(b, v.tags[i].value);
	}
	bdb_buf_putc(b, '}');
}

static int cmp_keyed(const void *a, const void *b)
{
	return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* The compare table (latest vs the baseline, every metric), sorted by
 * series for lookups. */
static int load_compare(overview *o)
{
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "compare baseline ");
	bdb_query_put_name(&o->stmt, o->baseline);
	bdb_buf_puts(&o->stmt, " with");
	put_latest(o);
	bdb_buf_puts(&o->stmt, " metric *");
	int rc = run(o, &o->compare);
	if (rc)
		return rc;
	size_t n = bdb_result_n_rows(o->compare);
	o->keys = calloc(n + 1, sizeof *o->keys);
	if (!o->keys)
		return BDB_ENOMEM;
	for (; o->n_keys < n; o->n_keys++) {
		o->keys[o->n_keys].row = o->n_keys;
		if (!(o->keys[o->n_keys].key =
			  bdb__page_series_key(&o->text, o->compare, o->n_keys, NULL)))
			return BDB_ENOMEM;
	}
	qsort(o->keys, o->n_keys, sizeof *o->keys, cmp_keyed);
	return 0;
}

/* The compare row of the series at row of res (of metric), or -1. */
static long compare_row(overview *o, const bdb_result *res, size_t row, const char *metric)
{
	if (!o->n_keys)
		return -1;
	keyed want = {.key = bdb__page_series_key(&o->text, res, row, metric)};
	if (!want.key)
		return -1;
	const keyed *hit = bsearch(&want, o->keys, o->n_keys, sizeof *o->keys, cmp_keyed);
	free(want.key);
	return hit ? (long)hit->row : -1;
}

/* The change point at row of res, of the series whose first row is
 * series_row: what is the series as JSON (point, tags, metric). */
static int add_change(overview *o, const bdb_result *res, size_t row, size_t series_row,
		      const char *metric)
{
	bdb_buf *b = &o->series_json;
	bdb_buf_reset(b);
	bdb_buf_putc(b, '{');
	put_cell(o, b, res, series_row, "point", true);
	put_tags(b, res, series_row);
	bdb_buf_puts(b, ", \"metric\": ");
	put_json(b, metric);
	if (b->failed)
		return BDB_ENOMEM;
	return bdb__page_changes_add(&o->changes, &o->text, res, row, bdb_buf_cstr(b), 0);
}

static int add_grid_row(overview *o)
{
	if (o->n_grid == o->cap_grid) {
		size_t cap = o->cap_grid ? 2 * o->cap_grid : 256;
		grid_row *p = realloc(o->grid, cap * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		o->grid = p;
		o->cap_grid = cap;
	}
	o->grid[o->n_grid] = (grid_row){.at = o->grid_json.len, .order = o->n_grid};
	return 0;
}

/* The grid row of the series in rows [from, to) of res (one metric's
 * trend), and its change points. */
static int series_row(overview *o, const bdb_result *res, size_t from, size_t to,
		      const char *metric)
{
	int rc = add_grid_row(o);
	if (rc)
		return rc;
	grid_row *g = &o->grid[o->n_grid++];
	bdb_buf *b = &o->grid_json;
	bdb_buf_putc(b, '{');
	put_cell(o, b, res, from, "point", true);
	put_tags(b, res, from);
	bdb_buf_puts(b, ", \"metric\": ");
	put_json(b, metric);
	bdb_buf_printf(b, ", \"runs\": %zu", to - from);
	bdb_buf_puts(b, ", \"latest\": ");
	put_json(b, quantity(o, res, to - 1, "value"));
	bdb_buf_puts(b, ", \"latest_run\": ");
	put_json(b, cell(o, res, to - 1, "run"));
	put_cell(o, b, res, to - 1, "unit", false);
	long cmp = compare_row(o, res, from, metric);
	if (cmp >= 0) {
		put_cell(o, b, o->compare, (size_t)cmp, "change_pct", false);
		const char *verdict = cell(o, o->compare, (size_t)cmp, "verdict");
		g->rank = strncmp(verdict, "regression", 10) == 0    ? 0
			  : strncmp(verdict, "improvement", 11) == 0 ? 1
								     : 2;
		put_cell(o, b, o->compare, (size_t)cmp, "verdict", false);
		int col = bdb_result_column_index(o->compare, "change_pct");
		bdb_value v = bdb_result_get(o->compare, (size_t)cmp, (size_t)col);
		g->magnitude = v.kind == BDB_VALUE_NUMBER && isfinite(v.num) ? fabs(v.num) : 0;
	} else {
		g->rank = 2;
		bdb_buf_puts(b, ", \"change_pct\": \"-\", \"verdict\": \"-\"");
	}
	bdb_buf_puts(b, ", \"sparkline\": ");
	bdb_buf spark;
	bdb_buf_init(&spark);
	bdb_chart_options so = {
	    .sparkline = true, .inline_svg = true, .rows_from = from, .rows_to = to};
	rc = bdb_result_svg(res, &so, &spark);
	bdb_buf_put_json_string(b, spark.data ? spark.data : "", spark.len);
	bdb_buf_free(&spark);
	bdb_buf_putc(b, '}');
	g->len = b->len - g->at;
	int col = bdb_result_column_index(res, "change_pct");
	for (size_t row = from; row < to && !rc && col >= 0; row++)
		if (bdb_result_get(res, row, (size_t)col).kind == BDB_VALUE_NUMBER)
			rc = add_change(o, res, row, from, metric);
	return rc;
}

/* `changes METRIC since T` of the change groups (T the window's start,
 * o->since) into *out. */
static int metric_changes(overview *o, const char *metric, bdb_result **out)
{
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "changes ");
	bdb_query_put_name(&o->stmt, metric);
	put_branch_filter(o);
	if (*o->since)
		bdb_buf_printf(&o->stmt, " since %s", o->since);
	return run(o, out);
}

/* One metric: `trend METRIC last N as svg` (a chart format, so that the
 * table carries the change points of the newest N runs), its marks on the
 * runs of the change groups' window those of the groups' `changes`, so
 * that the overview's marked change points and its groups agree. */
static int metric_rows(overview *o, const char *metric)
{
	bdb_result *res = NULL, *changes = NULL;
	int rc = metric_changes(o, metric, &changes);
	if (rc)
		return rc;
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "trend ");
	bdb_query_put_name(&o->stmt, metric);
	put_branch_filter(o);
	bdb_buf_printf(&o->stmt, " last %zu", o->runs);
	if (o->has_baseline) {
		bdb_buf_puts(&o->stmt, " vs baseline ");
		bdb_query_put_name(&o->stmt, o->baseline);
	}
	bdb_buf_puts(&o->stmt, " as svg");
	rc = run(o, &res);
	if (!rc)
		rc = bdb_result_take_changes(res, changes, o->since_us);
	bdb_result_free(changes);
	size_t n = rc ? 0 : bdb_result_n_rows(res);
	for (size_t from = 0, to; from < n && !rc; from = to) {
		to = bdb_result_series_end(res, from);
		rc = series_row(o, res, from, to, metric);
	}
	bdb_result_free(res);
	return rc;
}

static int cmp_grid(const void *a, const void *b)
{
	const grid_row *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->rank < 2 && x->magnitude != y->magnitude)
		return x->magnitude > y->magnitude ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The overview's changes member: the change points, newest commit first, grouped by it. */
static void put_changes(overview *o, bdb_buf *out)
{
	bdb__page_changes *c = &o->changes;
	bdb__page_changes_sort(c);
	bdb_buf_puts(out, ", \"changes\": [");
	size_t commits = 0;
	for (size_t i = 0, end; i < c->n && commits < BDB__PAGE_RECENT_COMMITS;
	     i = end, commits++) {
		end = bdb__page_changes_group_end(c, i);
		char t[48];
		bdb_buf_puts(out, commits ? ",\n  {\"commit\": " : "\n  {\"commit\": ");
		/* A run without a commit: "-", as the latest run's (its id was
		 * shown as its commit, beside it in the run column). */
		put_json(out, c->v[i].no_commit ? "-" : c->v[i].commit);
		bdb_buf_puts(out, ", \"run\": ");
		put_json(out, c->v[i].run);
		const char *note =
		    c->v[i].no_commit
			? NULL
			: bdb__page_annotation(&o->text, o->annotations, c->v[i].commit);
		bdb_buf_puts(out, ", \"annotation\": ");
		if (note)
			put_json(out, note);
		else
			bdb_buf_puts(out, "null");
		bdb_buf_printf(out, ", \"timestamp\": \"%s\", \"series\": [",
			       bdb_time_format(c->v[i].time_us, t, sizeof t));
		for (size_t j = i; j < end; j++) {
			bdb_buf_puts(out, j > i ? ", " : "");
			bdb_buf_puts(out, c->v[j].what);
			bdb_buf_puts(out, ", \"change_pct\": ");
			put_json(out, c->v[j].pct);
			bdb_buf_putc(out, '}');
		}
		bdb_buf_puts(out, "]}");
	}
	bdb_buf_puts(out, commits ? "\n]" : "]");
}

/* A note of the change groups' `changes`, a JSON string after a ", " (the
 * caller drops the first). */
static void put_note(bdb_buf *out, const char *text, size_t n)
{
	bdb_buf_puts(out, ", ");
	bdb_buf_put_json_string(out, text, n);
}

/*
 * "change_groups": the groups of `changes METRIC since T` (the robust
 * default: steps, excursions, drifts) for each metric, T the time of the
 * oldest of the newest N runs the overview reads; "change_groups_since": T
 * (null when the store has fewer runs: the whole history).
 */
static int put_change_groups(overview *o, const bdb_result *metrics, bdb_buf *out)
{
	bdb_result *res = NULL;
	int rc = 0;
	bdb_buf notes; /* ", NOTE" each */
	bdb_buf_init(&notes);
	bdb_buf_puts(out, ", \"change_groups_since\": ");
	if (*o->since)
		put_json(out, o->since);
	else
		bdb_buf_puts(out, "null");
	bdb_buf_puts(out, ", \"change_groups\": [");
	size_t shown = 0;
	for (size_t m = 0; !rc && m < bdb_result_n_rows(metrics); m++) {
		char *metric = bdb__page_text_copy(cell(o, metrics, m, "metric"));
		if (!metric)
			return BDB_ENOMEM;
		rc = metric_changes(o, metric, &res);
		for (size_t i = 0; !rc && i < bdb_result_n_rows(res); i++) {
			bdb_buf_puts(out, shown++ ? ",\n  {\"metric\": " : "\n  {\"metric\": ");
			put_json(out, metric);
			for (const char *const *c = bdb__page_group_columns; *c; c++) {
				bdb_buf_printf(out, ", \"%s\": ", *c);
				put_json(out, bdb__page_group_cell(&o->text, res, i, *c));
			}
			bdb_buf_putc(out, '}');
		}
		if (!rc)
			bdb__page_put_notes(res, metric, &o->text, &notes, put_note);
		bdb_result_free(res);
		res = NULL;
		free(metric);
	}
	bdb_buf_puts(out, shown ? "\n]" : "]");
	/* The notes of those statements, as the terminal shows them above
	 * their tables (a series whose newest runs step too late for a change
	 * point yet), "METRIC: NOTE" each. */
	bdb_buf_puts(out, ", \"change_groups_notes\": [");
	if (notes.len > 2)
		bdb_buf_append(out, notes.data + 2, notes.len - 2);
	bdb_buf_putc(out, ']');
	if (notes.failed)
		rc = BDB_ENOMEM;
	bdb_buf_free(&notes);
	return rc;
}

/* The change groups' window (o->since, o->since_us): the oldest of the
 * newest o->runs runs of the branch read. */
static int change_window(overview *o)
{
	bdb_result *res = NULL;
	bdb_buf_reset(&o->stmt);
	bdb_buf_printf(&o->stmt, "show runs last %zu", o->runs);
	put_branch_filter(o);
	int rc = run(o, &res);
	if (!rc)
		bdb__page_window_start(&o->text, res, o->runs, o->since, sizeof o->since,
				       &o->since_us);
	bdb_result_free(res);
	return rc;
}

/* The row of runs whose column name is text, or -1. */
static long row_where(overview *o, const bdb_result *runs, const char *name, const char *text)
{
	for (size_t i = 0; i < bdb_result_n_rows(runs); i++)
		if (strcmp(cell(o, runs, i, name), text) == 0)
			return (long)i;
	return -1;
}

/*
 * "store", "latest", "branch" and "baseline": the header of the page. The
 * branch read is asked's, or the branch of the baseline's run, so that a
 * pull request's run does not become main's latest; any branch when the
 * baseline's run has none (or there is no baseline).
 */
static int put_header(overview *o, const char *asked, bdb_buf *out)
{
	bdb_result *runs = NULL, *baselines = NULL;
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "show runs");
	int rc = run(o, &runs);
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "show baselines");
	if (!rc)
		rc = run(o, &baselines);
	if (rc)
		goto done;
	long base = row_where(o, baselines, "baseline", o->baseline);
	o->has_baseline = base >= 0;
	bdb_buf base_branch;
	bdb_buf_init(&base_branch);
	const char *branch = asked;
	if (!branch && base >= 0 &&
	    !(rc = bdb__page_baseline_branch(o->store, &o->q, o->baseline, &base_branch, o->d)))
		branch = bdb_buf_cstr(&base_branch);
	if (!rc && (base_branch.failed || (branch && *branch && strcmp(branch, "-") != 0 &&
					   !(o->branch = bdb__page_text_copy(branch)))))
		rc = BDB_ENOMEM;
	bdb_buf_free(&base_branch);
	if (rc)
		goto done;
	size_t n = bdb_result_n_rows(runs);
	long latest = o->branch ? row_where(o, runs, "branch", o->branch) : n ? 0 : -1;
	bdb_buf_printf(out, "{\"runs\": %zu, \"window\": %zu, \"first\": ", n, o->runs);
	if (n)
		put_json(out, cell(o, runs, n - 1, "timestamp"));
	else
		bdb_buf_puts(out, "null");
	bdb_buf_puts(out, ", \"branch\": ");
	if (o->branch)
		put_json(out, o->branch);
	else
		bdb_buf_puts(out, "null");
	if (latest >= 0) {
		bdb_buf_puts(out, ", \"latest\": {");
		put_cell(o, out, runs, (size_t)latest, "id", true);
		put_cell(o, out, runs, (size_t)latest, "timestamp", false);
		put_cell(o, out, runs, (size_t)latest, "commit", false);
		put_cell(o, out, runs, (size_t)latest, "branch", false);
		bdb_buf_putc(out, '}');
	} else {
		bdb_buf_puts(out, ", \"latest\": null");
	}
	bdb_buf_puts(out, ", \"baseline\": {\"name\": ");
	put_json(out, o->baseline);
	if (base >= 0) {
		put_cell(o, out, baselines, (size_t)base, "run", false);
		put_cell(o, out, baselines, (size_t)base, "timestamp", false);
		put_cell(o, out, baselines, (size_t)base, "commit", false);
	} else {
		bdb_buf_puts(out, ", \"run\": null");
	}
	bdb_buf_putc(out, '}');
done:
	bdb_result_free(runs);
	bdb_result_free(baselines);
	return rc;
}

/* The overview's regressions member: the `regressions vs baseline NAME` result as its JSON. */
static int put_regressions(overview *o, bdb_buf *out)
{
	bdb_buf_puts(out, ",\n\"regressions\": ");
	if (!o->has_baseline) {
		bdb_buf_puts(out, "null");
		return 0;
	}
	bdb_result *res = NULL;
	bdb_buf_reset(&o->stmt);
	bdb_buf_puts(&o->stmt, "regressions in");
	put_latest(o);
	bdb_buf_puts(&o->stmt, " vs baseline ");
	bdb_query_put_name(&o->stmt, o->baseline);
	int rc = run(o, &res);
	if (!rc) {
		size_t at = out->len;
		bdb_query_options display = {.display = true}; /* as /api/query?display=1 */
		rc = bdb_result_format(res, BDB_OUTPUT_JSON, &display, out);
		if (!rc && out->len > at && out->data[out->len - 1] == '\n')
			out->len--; /* the object goes on */
	}
	bdb_result_free(res);
	return rc;
}

static void overview_free(overview *o)
{
	bdb__page_changes_free(&o->changes);
	bdb_result_free(o->annotations);
	for (size_t i = 0; i < o->n_keys; i++)
		free(o->keys[i].key);
	free(o->keys);
	free(o->grid);
	bdb_result_free(o->compare);
	free(o->branch);
	bdb_buf_free(&o->stmt);
	bdb_buf_free(&o->text);
	bdb_buf_free(&o->grid_json);
	bdb_buf_free(&o->series_json);
}

int bdb_dashboard_overview(bdb_store *store, const bdb_overview_options *opt, bdb_buf *out,
			   bdb_diag *d)
{
	overview o = {.store = store, .d = d};
	o.q.now_us = opt->now_us;
	o.q.cancel = opt->cancel;
	o.baseline = opt->baseline && *opt->baseline ? opt->baseline : "main";
	o.runs = opt->runs ? opt->runs : OVERVIEW_RUNS;
	bdb_buf_init(&o.stmt);
	bdb_buf_init(&o.text);
	bdb_buf_init(&o.grid_json);
	bdb_buf_init(&o.series_json);
	bdb_buf page;
	bdb_buf_init(&page);
	bdb_result *metrics = NULL;
	int rc = put_header(&o, opt->branch && *opt->branch ? opt->branch : NULL, &page);
	if (!rc)
		rc = change_window(&o);
	if (!rc && opt->part == BDB_OVERVIEW_GROUPS) {
		/* the header only chose the branch: the groups alone */
		bdb_buf_reset(&page);
		bdb_buf_puts(&page, "{\"part\": \"groups\"");
		bdb_buf_reset(&o.stmt);
		bdb_buf_puts(&o.stmt, "show metrics");
		rc = run(&o, &metrics);
		if (!rc)
			rc = put_change_groups(&o, metrics, &page);
		bdb_buf_puts(&page, "}\n");
		goto done;
	}
	if (!rc)
		rc = put_regressions(&o, &page);
	if (!rc && o.has_baseline)
		rc = load_compare(&o);
	bdb_buf_reset(&o.stmt);
	bdb_buf_puts(&o.stmt, "show annotations");
	if (!rc)
		rc = run(&o, &o.annotations);
	bdb_buf_reset(&o.stmt);
	bdb_buf_puts(&o.stmt, "show metrics");
	if (!rc)
		rc = run(&o, &metrics);
	for (size_t i = 0; !rc && i < bdb_result_n_rows(metrics); i++) {
		char *name = bdb__page_text_copy(cell(&o, metrics, i, "metric"));
		rc = name ? metric_rows(&o, name) : BDB_ENOMEM;
		free(name);
	}
	if (!rc) {
		put_changes(&o, &page);
		if (opt->part != BDB_OVERVIEW_PAGE)
			rc = put_change_groups(&o, metrics, &page);
	}
	if (!rc) {
		if (o.n_grid) /* an empty store's grid is NULL: qsort's is never */
			qsort(o.grid, o.n_grid, sizeof *o.grid, cmp_grid);
		bdb_buf_puts(&page, ",\n\"series\": [");
		for (size_t i = 0; i < o.n_grid; i++) {
			bdb_buf_puts(&page, i ? ",\n  " : "\n  ");
			bdb_buf_append(&page, o.grid_json.data + o.grid[i].at, o.grid[i].len);
		}
		bdb_buf_puts(&page, o.n_grid ? "\n]}\n" : "]}\n");
	}
done:
	if (!rc && (page.failed || o.grid_json.failed || o.series_json.failed || o.text.failed ||
		    o.stmt.failed))
		rc = bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	if (rc == BDB_ENOMEM && !d->message[0])
		bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc)
		bdb_buf_append(out, page.data, page.len);
	bdb_result_free(metrics);
	bdb_buf_free(&page);
	overview_free(&o);
	return rc;
}
