/*
 * report.c - `benchdb report`: a store's history as one self-contained HTML
 * page (web.h, docs/report.md).
 *
 * Every figure on the page comes from a statement run through query.h
 * (show runs, show baselines, show points, show metrics, regressions,
 * compare, and one `trend METRIC where point = P ... as svg` per point and
 * metric); the page only arranges their
 * results. Names reach the page through bdb_buf_put_xml alone; anchors are
 * numbered ("c12"), never built from names.
 */
#include "page_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct report {
	bdb_store *store;
	const bdb_report_options *o;
	bdb_query_options q;
	bdb_diag *d;
	const char *baseline;
	bool has_baseline;
	bdb_buf stmt;	/* the statement being built */
	bdb_buf text;	/* scratch: one cell's text */
	bdb_buf grid;	/* the summary grid's rows */
	bdb_buf charts; /* the chart sections */
	bdb_result *compare;
	char **compare_keys; /* bdb__page_series_key of each row of compare */
	size_t n_compare;
	bdb__page_changes changes;
	/* The change points' window: since (its text, "" for the whole
	 * history) and the time from which the charts take their marks from
	 * `changes` (INT64_MIN: every run they draw). groups: the rows of the
	 * "Change points, by commit" table, n_groups of them. */
	char since[64];
	int64_t since_us;
	bdb_buf groups;
	size_t n_groups;
	bdb_buf group_notes;	 /* the notes of those `changes`, a <p> each */
	bdb_result *annotations; /* `show annotations`: marks the change points */
	char **points; /* the store's points, sorted */
	size_t n_points;
	size_t n_charts, n_series;
	size_t where_at; /* where --where's text is in stmt, or SIZE_MAX */
} report;

static void put_text(bdb_buf *out, const char *s)
{
	bdb_buf_put_xml(out, s, strlen(s));
}

/* d's error, which is in the user's option text: "report: OPTION: ...". */
static void report_error(bdb_diag *d, const char *option)
{
	if (!d)
		return;
	char msg[sizeof d->message];
	memcpy(msg, d->message, sizeof msg);
	bdb_diag_set(d, d->code, NULL, d->line, d->col, "report: %s: %.700s", option, msg);
}

/* Runs the statement in r->stmt (one, of the query language). An error in
 * --where's text (a value no series has) is said in that text alone. */
static int run(report *r, bdb_result **out)
{
	int rc = bdb_query_run(r->store, bdb_buf_cstr(&r->stmt), &r->q, out, r->d);
	if (rc && r->where_at != SIZE_MAX &&
	    bdb_query_error_within(r->d, bdb_buf_cstr(&r->stmt), r->where_at, strlen(r->o->where)))
		report_error(r->d, "--where");
	r->where_at = SIZE_MAX;
	return rc;
}

/* Appends --where's text to the statement after prefix, and suffix. */
static void put_where(report *r, const char *prefix, const char *suffix)
{
	bdb_buf_puts(&r->stmt, prefix);
	r->where_at = r->stmt.len;
	bdb_buf_puts(&r->stmt, r->o->where);
	bdb_buf_puts(&r->stmt, suffix);
}

/* Appends the report's filters to the statement: `where` (when the
 * statement can take it) and `since`. */
static void add_filters(report *r, bool since)
{
	if (r->o->where && *r->o->where)
		put_where(r, " where ", "");
	if (since && r->o->since && *r->o->since)
		bdb_buf_printf(&r->stmt, " since %s", r->o->since);
}

/* The text of cell (row, column name) in r->text; "" when absent. */
static const char *cell(report *r, const bdb_result *res, size_t row, const char *name)
{
	return bdb__page_cell(&r->text, res, row, name);
}

/* ------------------------------------------------------------------------ */
/* Header                                                                    */
/* ------------------------------------------------------------------------ */

static int put_header(report *r, bdb_buf *out)
{
	bdb_result *runs = NULL, *baselines = NULL;
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "show runs");
	int rc = run(r, &runs);
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "show baselines");
	if (!rc)
		rc = run(r, &baselines);
	if (rc)
		goto done;
	size_t n = bdb_result_n_rows(runs);
	bdb_buf_puts(out, "<header>\n<h1>");
	put_text(out, r->o->title ? r->o->title : "benchdb report");
	bdb_buf_puts(out, "</h1>\n<p class=\"fields\">store: ");
	put_text(out, r->o->store_name ? r->o->store_name : "");
	bdb_buf_printf(out, " \xc2\xb7 runs: %zu", n);
	if (n > 0) {
		bdb_buf_puts(out, " \xc2\xb7 from ");
		put_text(out, cell(r, runs, n - 1, "timestamp"));
		bdb_buf_puts(out, " to ");
		put_text(out, cell(r, runs, 0, "timestamp"));
		bdb_buf_puts(out, " \xc2\xb7 latest: ");
		put_text(out, cell(r, runs, 0, "id"));
		bdb_buf_puts(out, " (commit ");
		bdb__page_put_commit(out, cell(r, runs, 0, "commit"));
		bdb_buf_puts(out, ")");
	}
	bdb_buf_puts(out, " \xc2\xb7 baseline ");
	put_text(out, r->baseline);
	bdb_buf_puts(out, ": ");
	for (size_t i = 0; i < bdb_result_n_rows(baselines); i++) {
		if (strcmp(cell(r, baselines, i, "baseline"), r->baseline) != 0)
			continue;
		r->has_baseline = true;
		put_text(out, cell(r, baselines, i, "run"));
		bdb_buf_puts(out, " (commit ");
		bdb__page_put_commit(out, cell(r, baselines, i, "commit"));
		bdb_buf_puts(out, ")");
	}
	size_t nb = bdb_result_n_rows(baselines);
	if (!r->has_baseline && r->o->baseline && *r->o->baseline && nb > 0) {
		/* A baseline asked for by name that is not among the store's
		 * is a typo, not a page saying "none" (exit 0). A store with
		 * none yet (a first CI run) gets the page. */
		bdb_buf names;
		bdb_buf_init(&names);
		for (size_t i = 0; i < nb && i < 8; i++)
			bdb_buf_printf(&names, "%s'%s'", i ? ", " : "",
				       cell(r, baselines, i, "baseline"));
		if (nb > 8)
			bdb_buf_printf(&names, " and %zu more", nb - 8);
		rc = BDB_ENOTFOUND;
		bdb_diag_set(r->d, rc, NULL, 0, 0,
			     "report: --baseline: no baseline '%s' (the store has %s; set one with "
			     "benchdb baseline set NAME RUN)",
			     r->o->baseline, bdb_buf_cstr(&names));
		bdb_buf_free(&names);
		goto done;
	}
	if (!r->has_baseline)
		bdb_buf_puts(out, "none (set one with benchdb baseline set NAME RUN)");
	if (r->o->since && *r->o->since) {
		bdb_buf_puts(out, " \xc2\xb7 charts since ");
		put_text(out, r->o->since);
	}
	if (r->o->where && *r->o->where) {
		bdb_buf_puts(out, " \xc2\xb7 where ");
		put_text(out, r->o->where);
	}
	bdb_buf_puts(out, "</p>\n</header>\n");
done:
	bdb_result_free(runs);
	bdb_result_free(baselines);
	return rc;
}

/* Under the grid and the charts of a report without a series: why they are
 * empty (an empty table and an empty section said nothing). */
static void put_no_series(const report *r, bdb_buf *out)
{
	if (r->n_series > 0)
		return;
	if (r->o->since && *r->o->since) {
		bdb_buf_puts(out, "<p class=\"muted\">No series has a run since ");
		put_text(out, r->o->since);
		bdb_buf_puts(out,
			     " (the latest run is named above; --since widens the window).</p>\n");
	} else {
		bdb_buf_puts(out, "<p class=\"muted\">No series to show.</p>\n");
	}
}

/* ------------------------------------------------------------------------ */
/* Regressions                                                               */
/* ------------------------------------------------------------------------ */

static int put_regressions(report *r, bdb_buf *out)
{
	bdb_buf_puts(out, "<section id=\"regressions\">\n<h2>Regressions: latest vs baseline ");
	put_text(out, r->baseline);
	bdb_buf_puts(out, "</h2>\n");
	if (!r->has_baseline) {
		bdb_buf_puts(out, "<p class=\"muted\">No baseline, nothing to compare with.</p>\n"
				  "</section>\n");
		return 0;
	}
	bdb_result *res = NULL;
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "regressions vs baseline ");
	bdb_query_put_name(&r->stmt, r->baseline);
	add_filters(r, false);
	int rc = run(r, &res);
	if (rc)
		return rc;
	size_t n = bdb_result_n_rows(res);
	if (n == 0) {
		bdb_buf_puts(out, "<p>No regressions.</p>\n");
	} else {
		bdb_buf_printf(out, "<p class=\"severe\">%zu regression%s.</p>\n", n,
			       n == 1 ? "" : "s");
		rc = bdb_result_html_table(res, out);
	}
	/* Those that began at an annotated commit are not rows: say them, as
	 * the statement's note does, or the grid's red rows read as a lie. */
	bdb_value accepted = bdb_result_field_by_name(res, "accepted");
	bdb_value which = bdb_result_field_by_name(res, "accepted_regressions");
	if (accepted.kind == BDB_VALUE_INT && which.kind == BDB_VALUE_STRING) {
		bdb_buf_printf(out,
			       "<p class=\"muted\" id=\"accepted\">%lld regression%s began at an "
			       "annotated commit and %s not counted: ",
			       (long long)accepted.i, accepted.i == 1 ? "" : "s",
			       accepted.i == 1 ? "is" : "are");
		put_text(out, which.str);
		bdb_buf_puts(out, "</p>\n");
	}
	bdb_buf_puts(out, "</section>\n");
	bdb_result_free(res);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Charts, the grid and change points                                        */
/* ------------------------------------------------------------------------ */

/* The row of r->compare for the series at row of res, or -1. */
static long compare_row(report *r, const bdb_result *res, size_t row, const char *metric)
{
	char *key = bdb__page_series_key(&r->text, res, row, metric);
	long found = -1;
	for (size_t i = 0; key && i < r->n_compare && found < 0; i++)
		if (r->compare_keys[i] && strcmp(r->compare_keys[i], key) == 0)
			found = (long)i;
	free(key);
	return found;
}

/* One row of the summary grid, for series [from, to) of res, and its
 * change points. */
static int grid_row(report *r, const bdb_result *res, size_t from, size_t to, const char *metric)
{
	bdb_buf *g = &r->grid;
	bdb_buf what;
	bdb_buf_init(&what);
	bdb_buf_puts(&what, cell(r, res, from, "point"));
	size_t point_len = what.len;
	const char *tags = cell(r, res, from, "tags");
	if (*tags && strcmp(tags, "-") != 0) {
		bdb_buf_puts(&what, " [");
		bdb_buf_puts(&what, tags);
		bdb_buf_putc(&what, ']');
	}
	long cmp = compare_row(r, res, from, metric);
	char *verdict =
	    bdb__page_text_copy(cmp >= 0 ? cell(r, r->compare, (size_t)cmp, "verdict") : "-");
	if (!verdict) {
		bdb_buf_free(&what);
		return BDB_ENOMEM;
	}
	bool regressed = strncmp(verdict, "regression", 10) == 0;
	/* The point isolated (<bdi>): a right-to-left override in its name
	 * (U+202E) turned the tags after it around ("[backend=cpu]" shown as
	 * "]upc=dnekcab["). */
	bdb_buf_printf(g, "<tr%s><td><a href=\"#c%zu\"><bdi>",
		       regressed ? " class=\"regression\"" : "", r->n_charts);
	bdb_buf_put_xml(g, bdb_buf_cstr(&what), point_len);
	bdb_buf_puts(g, "</bdi>");
	put_text(g, bdb_buf_cstr(&what) + point_len);
	bdb_buf_puts(g, "</a></td><td>");
	put_text(g, metric);
	bdb_buf_puts(g, "</td><td>");
	bdb_chart_options spark = {
	    .sparkline = true, .inline_svg = true, .rows_from = from, .rows_to = to};
	int rc = bdb_result_svg(res, &spark, g);
	bdb_buf_printf(g, "</td><td class=\"num\">%zu</td><td class=\"num\">", to - from);
	int value_col = bdb_result_column_index(res, "value");
	if (value_col >= 0) { /* in its unit's scale, as the table format shows it */
		bdb_buf latest;
		bdb_buf_init(&latest);
		bdb_result_cell_quantity(res, to - 1, (size_t)value_col, &latest);
		put_text(g, bdb_buf_cstr(&latest));
		bdb_buf_free(&latest);
	}
	double noise = bdb_result_series_noise(res, from, to);
	if (isnan(noise))
		bdb_buf_puts(g, "</td><td class=\"num\">-");
	else
		bdb_buf_printf(g, "</td><td class=\"num\">%.1f%%", noise * 100);
	bdb_buf_puts(g, "</td><td class=\"num\">");
	put_text(g, cmp >= 0 ? cell(r, r->compare, (size_t)cmp, "change_pct") : "-");
	bdb_buf_puts(g, "</td><td>");
	put_text(g, verdict);
	bdb_buf_puts(g, "</td></tr>\n");
	free(verdict);
	int col = bdb_result_column_index(res, "change_pct");
	bdb_buf_puts(&what, " ");
	bdb_buf_puts(&what, metric);
	for (size_t row = from; row < to && !rc && col >= 0; row++)
		if (bdb_result_get(res, row, (size_t)col).kind == BDB_VALUE_NUMBER)
			rc = bdb__page_changes_add(&r->changes, &r->text, res, row,
						   bdb_buf_cstr(&what), r->n_charts);
	bdb_buf_free(&what);
	r->n_series++;
	return rc;
}

/* How many of each series' newest runs the table under a chart lists:
 * every value of 3,000 series of 2,000 runs was 1.8 GB of HTML, and the
 * newest 30 of each, a row per value, took the report of nightly-10y from
 * 13.7 MB to 22.6 MB, past its 15 MB (DESIGN.md §7). */
#define REPORT_VALUES_RUNS 10

/* A run of the table under a chart: its time, and a row of res that has it. */
typedef struct values_run {
	int64_t time_us;
	size_t row;
} values_run;

static int by_time_then_row(const void *a, const void *b)
{
	const values_run *x = a, *y = b;
	if (x->time_us != y->time_us)
		return x->time_us < y->time_us ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* The run id of res's row (its run column col). */
static const char *run_id(const bdb_result *res, size_t row, int col)
{
	bdb_value v = bdb_result_get(res, row, (size_t)col);
	return v.kind == BDB_VALUE_STRING && v.str ? v.str : "";
}

/* The first row of res's series [from, to) newer than its newest
 * REPORT_VALUES_RUNS. */
static size_t values_first(size_t from, size_t to)
{
	return to - from > REPORT_VALUES_RUNS ? to - REPORT_VALUES_RUNS : from;
}

/* Under a chart its values as a table, folded: to a screen reader the
 * chart is one image (its title), and in a page without script no key
 * reaches its points' titles. A row per run (the newest REPORT_VALUES_RUNS
 * of each series, oldest first: its id, time and commit), a column per
 * series (its tags), the value as the table format shows it; when that
 * leaves some out, the statement (r->stmt, the chart's, without its
 * " as svg") that lists them all. */
static void put_values(report *r, const bdb_result *res, size_t n)
{
	int value_col = bdb_result_column_index(res, "value");
	int run_col = bdb_result_column_index(res, "run");
	int time_col = bdb_result_column_index(res, "timestamp");
	size_t shown = 0, n_series = 0;
	for (size_t from = 0, to; from < n; from = to, n_series++) {
		to = bdb_result_series_end(res, from);
		shown += to - values_first(from, to);
	}
	values_run *runs = malloc((shown ? shown : 1) * sizeof *runs);
	size_t *starts = malloc((n_series + 1) * sizeof *starts);
	if (!runs || !starts || run_col < 0 || time_col < 0) {
		free(runs);
		free(starts);
		return;
	}
	/* Each series' newest runs, once each, in time order. */
	size_t n_runs = 0, k = 0;
	for (size_t from = 0, to; from < n; from = to) {
		to = bdb_result_series_end(res, from);
		starts[k++] = from;
		for (size_t row = values_first(from, to); row < to; row++) {
			bdb_value t = bdb_result_get(res, row, (size_t)time_col);
			runs[n_runs++] = (values_run){t.kind == BDB_VALUE_TIME ? t.i : 0, row};
		}
	}
	starts[k] = n;
	qsort(runs, n_runs, sizeof *runs, by_time_then_row);
	bdb_buf_puts(&r->charts,
		     "<details class=\"values\"><summary>the chart's values as a table (");
	if (shown < n)
		bdb_buf_printf(&r->charts, "the newest %d runs of each series: %zu of ",
			       REPORT_VALUES_RUNS, shown);
	bdb_buf_printf(&r->charts,
		       "%zu)</summary>\n<table class=\"result\">\n<thead><tr><th>run</th>"
		       "<th>time</th><th>commit</th>",
		       n);
	for (size_t i = 0; i < n_series; i++) {
		const char *tags = cell(r, res, starts[i], "tags");
		bdb_buf_puts(&r->charts, "<th class=\"num\">");
		put_text(&r->charts, *tags && strcmp(tags, "-") != 0 ? tags : "value");
		bdb_buf_puts(&r->charts, "</th>");
	}
	bdb_buf_puts(&r->charts, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n_runs; i++) {
		const char *id = run_id(res, runs[i].row, run_col);
		bool again = false; /* a run of an earlier row (several series have it) */
		for (size_t j = i; j-- > 0 && runs[j].time_us == runs[i].time_us && !again;)
			again = strcmp(run_id(res, runs[j].row, run_col), id) == 0;
		if (again)
			continue;
		bdb_buf_puts(&r->charts, "<tr><td>");
		put_text(&r->charts, id);
		bdb_buf_puts(&r->charts, "</td><td class=\"when\">");
		put_text(&r->charts, cell(r, res, runs[i].row, "timestamp"));
		bdb_buf_puts(&r->charts, "</td><td>");
		bdb__page_put_commit(&r->charts, cell(r, res, runs[i].row, "commit"));
		bdb_buf_puts(&r->charts, "</td>");
		for (size_t sr = 0; sr < n_series; sr++) {
			bdb_buf_puts(&r->charts, "<td class=\"num\">");
			size_t end = starts[sr + 1];
			for (size_t row = values_first(starts[sr], end); row < end; row++) {
				if (strcmp(run_id(res, row, run_col), id) != 0)
					continue;
				if (value_col >= 0) {
					bdb_buf_reset(&r->text);
					bdb_result_cell_quantity(res, row, (size_t)value_col,
								 &r->text);
					put_text(&r->charts, bdb_buf_cstr(&r->text));
				}
				break;
			}
			bdb_buf_puts(&r->charts, "</td>");
		}
		bdb_buf_puts(&r->charts, "</tr>\n");
	}
	free(runs);
	free(starts);
	bdb_buf_puts(&r->charts, "</tbody>\n</table>\n");
	const char *stmt = bdb_buf_cstr(&r->stmt);
	size_t len = strlen(stmt), as = strlen(" as svg");
	if (shown < n && len > as) {
		bdb_buf_printf(&r->charts, "<p class=\"muted\">All %zu values: <code>", n);
		bdb_buf_put_xml(&r->charts, stmt, len - as);
		bdb_buf_puts(&r->charts, "</code></p>\n");
	}
	bdb_buf_puts(&r->charts, "</details>\n");
}

/* One point's series of one metric: its trend drawn as one chart (tag
 * variants as lines), and a grid row per series. One statement per point
 * keeps one chart's rows in memory (a `trend` of a whole metric of a
 * 10-year store is 730,000 rows, about 250 MB); a point without the metric
 * gives no rows and no chart. The chart marks the change points of changes
 * (the metric's `changes`, the page's table) on the runs of its window. */
static int put_point(report *r, const char *metric, const char *point, const bdb_result *changes)
{
	bdb_result *res = NULL;
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "trend ");
	bdb_query_put_name(&r->stmt, metric);
	bdb_buf_puts(&r->stmt, " where point = ");
	bdb_query_put_name(&r->stmt, point);
	if (r->o->where && *r->o->where)
		put_where(r, " and (", ")");
	if (r->o->since && *r->o->since)
		bdb_buf_printf(&r->stmt, " since %s", r->o->since);
	if (r->has_baseline) {
		bdb_buf_puts(&r->stmt, " vs baseline ");
		bdb_query_put_name(&r->stmt, r->baseline);
	}
	bdb_buf_puts(&r->stmt, " as svg");
	int rc = run(r, &res);
	if (!rc && changes)
		rc = bdb_result_take_changes(res, changes, r->since_us);
	if (rc) {
		bdb_result_free(res);
		return rc == BDB_ENOMEM ? bdb_diag_set(r->d, rc, NULL, 0, 0, "out of memory") : rc;
	}
	size_t n = bdb_result_n_rows(res);
	if (n > 0) {
		r->n_charts++;
		bdb_buf_printf(&r->charts, "<section class=\"chart\" id=\"c%zu\">\n<h3><bdi>",
			       r->n_charts);
		put_text(&r->charts, point);
		bdb_buf_puts(&r->charts, "</bdi> \xc2\xb7 ");
		put_text(&r->charts, metric);
		bdb_buf_puts(&r->charts, "</h3>\n");
		bdb_chart_options o = {.inline_svg = true, .rows_from = 0, .rows_to = n};
		rc = bdb_result_svg(res, &o, &r->charts);
		put_values(r, res, n);
		bdb_buf_puts(&r->charts,
			     "<p class=\"muted\"><a href=\"#grid\">back to the grid</a></p>\n"
			     "</section>\n");
	}
	for (size_t from = 0, to; from < n && !rc; from = to) {
		to = bdb_result_series_end(res, from);
		rc = grid_row(r, res, from, to, metric);
	}
	bdb_result_free(res);
	return rc;
}

/* The distinct points of the store, sorted, in r->points. */
static int load_points(report *r)
{
	bdb_result *res = NULL;
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "show points");
	int rc = run(r, &res);
	size_t n = rc ? 0 : bdb_result_n_rows(res);
	r->points = rc ? NULL : calloc(n + 1, sizeof *r->points);
	if (!rc && !r->points)
		rc = bdb_diag_set(r->d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	for (size_t i = 0; !rc && i < n; i++) {
		const char *point = cell(r, res, i, "point");
		if (r->n_points > 0 && strcmp(r->points[r->n_points - 1], point) == 0)
			continue;
		r->points[r->n_points] = bdb__page_text_copy(point);
		if (!r->points[r->n_points++])
			rc = bdb_diag_set(r->d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	}
	bdb_result_free(res);
	return rc;
}

/* The change points the charts mark, newest commit first, grouped by it,
 * closing the change points' section (groups: the rows put_change_groups
 * showed above). */
static void put_changes(report *r, size_t groups, bdb_buf *out)
{
	bdb__page_changes *c = &r->changes;
	if (c->n == 0) {
		bdb_buf_puts(out, groups ? "</section>\n" : "<p>No change points.</p>\n</section>\n");
		return;
	}
	if (!groups)
		bdb_buf_puts(out, "<p>None by the robust default.</p>\n");
	bdb_buf_puts(out,
		     "<div id=\"changes\">\n<h3>Marked on the charts</h3>\n<p class=\"muted\">The "
		     "change points the charts mark, the 20 newest commits: on the runs above, "
		     "the steps and excursions of <code>changes METRIC</code> there; on older "
		     "runs, what each chart's own detection finds, series by series (the robust "
		     "default's for a chart of at most 16 series of at most 128 runs, else "
		     "<code>changes METRIC window 50 floor 2%</code>'s).</p>\n");
	bdb__page_changes_sort(c);
	bdb_buf_puts(out, "<table class=\"result\">\n<thead><tr><th>commit</th><th>time</th>"
			  "<th>series: change</th></tr></thead>\n<tbody>\n");
	size_t commits = 0;
	for (size_t i = 0, end; i < c->n && commits < BDB__PAGE_RECENT_COMMITS;
	     i = end, commits++) {
		end = bdb__page_changes_group_end(c, i);
		char t[48];
		bdb_buf_puts(out, "<tr><td>");
		/* A run without a commit: its id, said to be one. */
		if (c->v[i].no_commit)
			bdb_buf_puts(out, "- (run ");
		if (c->v[i].no_commit)
			put_text(out, c->v[i].commit);
		else
			bdb__page_put_commit(out, c->v[i].commit);
		if (c->v[i].no_commit)
			bdb_buf_putc(out, ')');
		const char *note =
		    c->v[i].no_commit
			? NULL
			: bdb__page_annotation(&r->text, r->annotations, c->v[i].commit);
		if (note) {
			bdb_buf_puts(out, "<br/><span class=\"annotation\">");
			put_text(out, note);
			bdb_buf_puts(out, "</span>");
		}
		bdb_buf_printf(out, "</td><td class=\"when\">%s</td><td>",
			       bdb_time_format(c->v[i].time_us, t, sizeof t));
		for (size_t j = i; j < end; j++) {
			bdb_buf_printf(out, "%s<a href=\"#c%zu\">", j > i ? "<br/>" : "",
				       c->v[j].ref);
			/* Isolated, left to right as the page: an override in it does not turn
			 * the change after it, an Arabic name does not turn the label. */
			bdb_buf_puts(out, "<bdi dir=\"ltr\">");
			put_text(out, c->v[j].what);
			bdb_buf_puts(out, "</bdi>");
			bdb_buf_puts(out, "</a>: ");
			put_text(out, c->v[j].pct);
		}
		bdb_buf_puts(out, "</td></tr>\n");
	}
	bdb_buf_puts(out, "</tbody>\n</table>\n</div>\n</section>\n");
}

/*
 * The window of the change points' table: the newest BDB__PAGE_CHANGE_RUNS
 * runs (or since --since) into r->since, and the time from which the
 * charts take their marks from it into r->since_us. The whole history
 * would cost seconds per series (docs/performance.md).
 */
static int change_window(report *r)
{
	r->since_us = INT64_MIN; /* --since: the charts draw the window's runs alone */
	if (r->o->since && *r->o->since) {
		snprintf(r->since, sizeof r->since, "%s", r->o->since);
		return 0;
	}
	bdb_result *res = NULL;
	bdb_buf_reset(&r->stmt);
	bdb_buf_printf(&r->stmt, "show runs last %d", BDB__PAGE_CHANGE_RUNS);
	int rc = run(r, &res);
	if (rc)
		return rc;
	bdb__page_window_start(&r->text, res, BDB__PAGE_CHANGE_RUNS, r->since, sizeof r->since,
			       &r->since_us);
	bdb_result_free(res);
	return 0;
}

/* A note of the change points' `changes`, a paragraph. */
static void put_note(bdb_buf *out, const char *text, size_t n)
{
	bdb_buf_puts(out, "<p class=\"muted\">");
	bdb_buf_put_xml(out, text, n);
	bdb_buf_puts(out, "</p>\n");
}

/*
 * The change points of `changes`' default (robust: steps, excursions and
 * drifts) of metric grouped by commit, over the window (change_window):
 * the rows of `changes METRIC since T`, which the section names so that a
 * reader can run it, appended to r->groups; the answer into *out (the
 * metric's charts mark its change points).
 */
static int metric_changes(report *r, const char *metric, bdb_result **out)
{
	bdb_result *res = NULL;
	bdb_buf *g = &r->groups;
	bdb_buf_reset(&r->stmt);
	bdb_buf_puts(&r->stmt, "changes ");
	bdb_query_put_name(&r->stmt, metric);
	add_filters(r, false);
	if (*r->since)
		bdb_buf_printf(&r->stmt, " since %s", r->since);
	int rc = run(r, &res);
	for (size_t i = 0; !rc && i < bdb_result_n_rows(res); i++) {
		r->n_groups++;
		bdb_buf_puts(g, "<tr><td>");
		put_text(g, metric);
		bdb_buf_puts(g, "</td>");
		for (const char *const *c = bdb__page_group_columns; *c; c++) {
			bool num = strcmp(*c, "series") == 0 || strstr(*c, "_change_pct");
			bdb_buf_puts(g, num			       ? "<td class=\"num\">"
					: strcmp(*c, "timestamp") == 0 ? "<td class=\"when\">"
								       : "<td>");
			const char *text = bdb__page_group_cell(&r->text, res, i, *c);
			if (strcmp(*c, "commit") == 0)
				bdb__page_put_commit(g, text);
			else
				put_text(g, text);
			bdb_buf_puts(g, "</td>");
		}
		bdb_buf_puts(g, "</tr>\n");
	}
	/* Its notes, as the terminal shows them above its table (a series
	 * whose newest runs step too late for a change point yet). */
	if (!rc)
		bdb__page_put_notes(res, metric, &r->text, &r->group_notes, put_note);
	if (rc)
		bdb_result_free(res);
	else
		*out = res;
	return rc;
}

/* One metric: its `changes` (the rows of the change points' table), and
 * a chart per point (r->points, in the order of the store's `show points`,
 * which is a trend's order) marking them. */
static int put_metric(report *r, const char *metric)
{
	bdb_result *changes = NULL;
	int rc = metric_changes(r, metric, &changes);
	for (size_t i = 0; i < r->n_points && !rc; i++)
		rc = put_point(r, metric, r->points[i], changes);
	bdb_result_free(changes);
	return rc;
}

/* The "Change points, by commit" section: r->groups' rows. */
static void put_change_groups(report *r, bdb_buf *out)
{
	bdb_buf_puts(out, "<section id=\"change-groups\">\n<h2>Change points, by "
			  "commit</h2>\n<p class=\"muted\">");
	if (*r->since)
		bdb_buf_puts(out, "Since ");
	put_text(out, r->since);
	bdb_buf_puts(out, *r->since ? ": " : "");
	bdb_buf_puts(out, "<code>changes METRIC");
	if (*r->since) {
		bdb_buf_puts(out, " since ");
		put_text(out, r->since);
	}
	bdb_buf_puts(out, "</code> for each metric (the robust default: steps, excursions and "
			  "drifts, grouped by commit).</p>\n");
	bdb_buf_append(out, r->group_notes.data ? r->group_notes.data : "", r->group_notes.len);
	if (!r->n_groups)
		return;
	bdb_buf_puts(out, "<table class=\"result\">\n<thead><tr><th>metric</th>");
	for (const char *const *c = bdb__page_group_headers; *c; c++)
		bdb_buf_printf(out, "<th>%s</th>", *c);
	bdb_buf_puts(out, "</tr></thead>\n<tbody>\n");
	bdb_buf_append(out, r->groups.data ? r->groups.data : "", r->groups.len);
	bdb_buf_puts(out, "</tbody>\n</table>\n");
}

static void report_free(report *r)
{
	bdb__page_changes_free(&r->changes);
	for (size_t i = 0; i < r->n_compare; i++)
		free(r->compare_keys[i]);
	free(r->compare_keys);
	for (size_t i = 0; i < r->n_points; i++)
		free(r->points[i]);
	free(r->points);
	bdb_result_free(r->compare);
	bdb_result_free(r->annotations);
	bdb_buf_free(&r->stmt);
	bdb_buf_free(&r->text);
	bdb_buf_free(&r->grid);
	bdb_buf_free(&r->charts);
	bdb_buf_free(&r->groups);
	bdb_buf_free(&r->group_notes);
}

/* The user's --where or --since (option) checked alone before it joins the
 * report's statements: an error points into the user's text, not theirs. */
static int check_filter(const char *option, const char *clause, const char *text, bdb_diag *d)
{
	if (!text || !*text)
		return 0;
	int rc = bdb_query_parse_filter(clause, text, d);
	if (rc)
		report_error(d, option);
	return rc;
}

int bdb_report_write(bdb_store *store, const bdb_report_options *opt, bdb_buf *out, bdb_diag *d)
{
	int rc = check_filter("--where", "where", opt->where, d);
	if (!rc)
		rc = check_filter("--since", "since", opt->since, d);
	if (rc)
		return rc;
	report r = {.store = store, .o = opt, .d = d, .where_at = SIZE_MAX};
	r.q.now_us = opt->now_us;
	r.q.cancel = opt->cancel;
	r.baseline = opt->baseline && *opt->baseline ? opt->baseline : "main";
	bdb_buf page;
	bdb_buf_init(&page);
	bdb_buf_init(&r.stmt);
	bdb_buf_init(&r.text);
	bdb_buf_init(&r.grid);
	bdb_buf_init(&r.charts);
	bdb_buf_init(&r.groups);
	bdb_buf_init(&r.group_notes);
	bdb_result *metrics = NULL;
	bdb_buf_puts(&page, BDB_HTML_PAGE_HEAD "<title>");
	put_text(&page, opt->title ? opt->title : "benchdb report");
	bdb_buf_printf(
	    &page, "</title>\n<style>\n%s" BDB__PAGE_HASH_REST_STYLE "</style>\n</head>\n<body>\n",
	    bdb_html_style());
	rc = put_header(&r, &page);
	if (!rc)
		rc = put_regressions(&r, &page);
	if (!rc && r.has_baseline) {
		bdb_buf_reset(&r.stmt);
		bdb_buf_puts(&r.stmt, "compare baseline ");
		bdb_query_put_name(&r.stmt, r.baseline);
		bdb_buf_puts(&r.stmt, " with latest metric *");
		add_filters(&r, false);
		rc = run(&r, &r.compare);
		size_t n = rc ? 0 : bdb_result_n_rows(r.compare);
		r.compare_keys = rc ? NULL : calloc(n + 1, sizeof *r.compare_keys);
		if (!rc && !r.compare_keys)
			rc = bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
		for (; !rc && r.n_compare < n; r.n_compare++)
			r.compare_keys[r.n_compare] =
			    bdb__page_series_key(&r.text, r.compare, r.n_compare, NULL);
	}
	if (!rc)
		rc = load_points(&r);
	bdb_buf_reset(&r.stmt);
	bdb_buf_puts(&r.stmt, "show annotations");
	if (!rc)
		rc = run(&r, &r.annotations);
	bdb_buf_reset(&r.stmt);
	bdb_buf_puts(&r.stmt, "show metrics");
	if (!rc)
		rc = run(&r, &metrics);
	if (!rc)
		rc = change_window(&r);
	for (size_t i = 0; !rc && i < bdb_result_n_rows(metrics); i++) {
		char *name = bdb__page_text_copy(cell(&r, metrics, i, "metric"));
		rc = name ? put_metric(&r, name) : BDB_ENOMEM;
		free(name);
	}
	if (!rc) {
		put_change_groups(&r, &page);
		put_changes(&r, r.n_groups, &page);
		bdb_buf_printf(
		    &page,
		    "<section id=\"grid\">\n<h2>Series (%zu)</h2>\n<table class=\"result\">\n"
		    "<thead><tr><th>series</th><th>metric</th><th>history</th><th>runs</th>"
		    "<th>latest</th><th>noise</th><th>vs "
		    "baseline</th><th>verdict</th></tr>"
		    "</thead>\n<tbody>\n",
		    r.n_series);
		bdb_buf_append(&page, r.grid.data ? r.grid.data : "", r.grid.len);
		bdb_buf_puts(&page, "</tbody>\n</table>\n");
		put_no_series(&r, &page);
		bdb_buf_puts(&page, "</section>\n<section id=\"charts\">\n<h2>Charts</h2>\n");
		put_no_series(&r, &page);
		bdb_buf_append(&page, r.charts.data ? r.charts.data : "", r.charts.len);
		bdb_buf_puts(&page, "</section>\n</body>\n</html>\n");
	}
	if (!rc && (page.failed || r.grid.failed || r.charts.failed || r.text.failed ||
		    r.groups.failed || r.group_notes.failed))
		rc = bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory");
	if (!rc)
		bdb_buf_append(out, page.data, page.len);
	bdb_result_free(metrics);
	bdb_buf_free(&page);
	report_free(&r);
	return rc;
}
