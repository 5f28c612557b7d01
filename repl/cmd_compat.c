/*
 * cmd_compat.c - benchkit's text commands, so that a CI job calling benchkit
 * keeps working with benchkit replaced by benchdb: `summary` and `trend`
 * print benchkit's exact lines (see docs/cli.md, "benchkit compatibility").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ingest.h"
#include "query.h"

static const char summary_usage[] =
    "usage: benchdb summary [--db DIR] [RUN | --run RUN] [--json]\n"
    "\n"
    "One run (default latest) as benchkit prints it: run, timestamp, commit,\n"
    "branch, points, then each scenario's points with their metric values.\n"
    "--json prints the summary statement's result instead.\n";

/* The summary statement of run id as JSON: what --json prints. */
static int summary_json(cli_ctx *ctx, const char *id)
{
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(&text, "summary run ");
	bdb_query_put_name(&text, id);
	shell_options opt = {.format = bdb_output_format_name(BDB_OUTPUT_JSON)};
	int code = text.failed ? EXIT_INPUT : shell_run_string(ctx, bdb_buf_cstr(&text), &opt);
	bdb_buf_free(&text);
	return code;
}

/* before, text as one line (cli_put_text: a results file's run id, commit,
 * scenario or names may hold a line break, which began a line of its own
 * in the CI log, "::error::..."), then after: benchkit's text forms. */
static void put_between(const char *before, const char *text, const char *after)
{
	fputs(before, stdout);
	cli_put_text(stdout, text, false);
	fputs(after, stdout);
}

int cmd_summary(cli_ctx *ctx, int argc, char **argv)
{
	const char *ref = NULL, *positional[1];
	const cli_opt opts[] = {
	    {"--run", &ref, NULL}, {"--json", NULL, &ctx->json}, {NULL, NULL, NULL}};
	int npos, rc = cli_parse_args(ctx, argc, argv, summary_usage, opts, positional, 1, &npos);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (npos && ref)
		return cli_usage_error("summary", "give RUN or --run RUN, not both");
	ref = npos ? positional[0] : ref ? ref : "latest";
	bdb_run *run;
	int code = cli_load_run(ctx, ref, &run);
	if (code)
		return code;
	if (ctx->json) {
		code = summary_json(ctx, run->id);
		bdb_run_free(run);
		return code;
	}
	char ts[64];
	bdb_run_benchkit_time(run, ts, sizeof ts);
	put_between("Run: ", run->id, "\n");
	printf("Timestamp: %s\n", ts);
	if (run->commit && *run->commit)
		put_between("Commit: ", run->commit, "\n");
	if (run->branch && *run->branch)
		put_between("Branch: ", run->branch, "\n");
	printf("Points: %zu\n", run->n_points);
	/* A rollup's values are medians of the runs it replaced, its bounds
	 * their min and max (as the trend's rollup line says). */
	const char *period = bdb_run_get_meta(run, "rollup");
	const char *nruns = bdb_run_get_meta(run, "rollup.runs");
	const char *from = bdb_run_get_meta(run, "rollup.from");
	const char *to = bdb_run_get_meta(run, "rollup.to");
	const char *median = bdb_run_get_meta(run, "rollup.median");
	bool rollup = period && strncmp(run->id, "rollup:", 7) == 0;
	if (rollup)
		printf("Rollup: %s %s to %s, median of %s runs%s, min and max in brackets\n",
		       period, from ? from : "?", to ? to : "?", nruns ? nruns : "?",
		       median && strcmp(median, "from week medians") == 0
			   ? " (from its weeks' medians)"
			   : "");
	printf("\n");
	/* Scenarios in order of first appearance, points in run order. */
	bool *done = calloc(run->n_points ? run->n_points : 1, sizeof *done);
	for (size_t i = 0; done && i < run->n_points; i++) {
		if (done[i])
			continue;
		const char *scenario = run->points[i].scenario ? run->points[i].scenario : "";
		/* benchkit's runs always name a scenario; other tools' do not. */
		put_between("  ", scenario[0] ? scenario : "(no scenario)", ":\n");
		for (size_t j = i; j < run->n_points; j++) {
			const bdb_point *p = &run->points[j];
			const char *s = p->scenario ? p->scenario : "";
			if (done[j] || strcmp(s, scenario) != 0)
				continue;
			done[j] = true;
			const char *fw = bdb_point_get_tag(p, "framework");
			put_between("    ", fw ? fw : p->name, ": ");
			for (size_t k = 0; k < p->n_metrics; k++) {
				const bdb_metric *m = &p->metrics[k];
				put_between(k ? ", " : "", m->name, "");
				printf("=%.2f", m->value);
				if (rollup && m->has_lower && m->has_upper)
					printf(" [%.2f, %.2f]", m->lower, m->upper);
			}
			printf("\n");
		}
	}
	free(done);
	bdb_run_free(run);
	return EXIT_OK;
}

const char cli_trend_usage[] =
    "usage: benchdb trend [--db DIR] --metric M --point P [--framework F] [--n-runs N]\n"
    "\n"
    "One series over time as benchkit prints it, oldest first: metric M of the\n"
    "point P (whose tag framework is F, when given); --n-runs keeps the N most\n"
    "recent runs.\n"
    "Without options, 'benchdb trend ...' runs the trend statement instead, as\n"
    "-c does: benchdb trend real_time of BM_sort/1024 last 10.\n";

/* One row of the benchkit trend: a run's value of the series. */
typedef struct trend_row {
	size_t order; /* in the statement's result: ties keep it */
	int64_t timestamp_us;
	double value, lower, upper;
	bool bounds;
	const char *run, *commit;
	const char *rollup; /* "week" or "month" on a rollup (lower, upper: min, max) */
	int64_t count;	    /* a rollup's: how many runs' values */
} trend_row;

static int cmp_row(const void *a, const void *b)
{
	const trend_row *x = a, *y = b;
	if (x->timestamp_us != y->timestamp_us)
		return x->timestamp_us < y->timestamp_us ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bdb_value cell(const bdb_result *res, size_t row, const char *column)
{
	int col = bdb_result_column_index(res, column);
	bdb_value none = {.kind = BDB_VALUE_NULL};
	return col < 0 ? none : bdb_result_get(res, row, (size_t)col);
}

/* The benchkit trend's rows out of the trend statement's result: one per
 * run (benchkit takes a run's first matching point: with several matching
 * series, the first in the statement's order), oldest first. */
static trend_row *trend_rows(const bdb_result *res, size_t *n_rows)
{
	size_t n = bdb_result_n_rows(res), k = 0;
	trend_row *rows = calloc(n ? n : 1, sizeof *rows);
	for (size_t i = 0; rows && i < n; i++) {
		bdb_value run = cell(res, i, "run");
		bool seen = false;
		for (size_t j = 0; j < k && !seen; j++)
			seen = run.kind == BDB_VALUE_STRING && strcmp(rows[j].run, run.str) == 0;
		bdb_value v = cell(res, i, "value"), lo = cell(res, i, "lower"),
			  hi = cell(res, i, "upper"), c = cell(res, i, "commit");
		if (seen || run.kind != BDB_VALUE_STRING || v.kind != BDB_VALUE_NUMBER)
			continue;
		trend_row *t = &rows[k++];
		t->order = i;
		t->run = run.str;
		t->timestamp_us = cell(res, i, "timestamp").i;
		t->value = v.num;
		t->bounds = lo.kind == BDB_VALUE_NUMBER && hi.kind == BDB_VALUE_NUMBER;
		t->lower = t->bounds ? lo.num : 0;
		t->upper = t->bounds ? hi.num : 0;
		t->commit = c.kind == BDB_VALUE_STRING ? c.str : NULL;
		bdb_value ru = cell(res, i, "rollup"), cn = cell(res, i, "count");
		t->rollup = ru.kind == BDB_VALUE_STRING ? ru.str : NULL;
		t->count = cn.kind == BDB_VALUE_INT ? cn.i : 0;
	}
	if (rows && k)
		qsort(rows, k, sizeof *rows, cmp_row);
	*n_rows = k;
	return rows;
}

static void trend_header(const char *metric, const char *point, const char *framework)
{
	printf("Trend: %s @ %s", metric, point);
	if (framework)
		printf(" (framework=%s)", framework);
}

int cmd_trend(cli_ctx *ctx, int argc, char **argv)
{
	const char *metric = NULL, *point = NULL, *framework = NULL, *n_runs_s = NULL;
	const cli_opt opts[] = {{"--metric", &metric, NULL},
				{"--point", &point, NULL},
				{"--framework", &framework, NULL},
				{"--n-runs", &n_runs_s, NULL},
				{NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, cli_trend_usage, opts, NULL, 0, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	if (!metric || !point)
		return cli_usage_error("trend", "--metric and --point are required");
	long n_runs = 0;
	if (n_runs_s) {
		char *end;
		n_runs = strtol(n_runs_s, &end, 10);
		if (*end || n_runs < 0) {
			cli_error("trend: --n-runs must be a non-negative integer, got '%s'",
				  n_runs_s);
			return EXIT_USAGE;
		}
	}
	bdb_store *store;
	int code = cli_open_store(ctx, false, true, &store);
	if (code)
		return code;
	/* trend "M" where point = "P" [and framework = "F"] */
	bdb_buf stmt;
	bdb_buf_init(&stmt);
	bdb_buf_puts(&stmt, "trend ");
	bdb_query_put_name(&stmt, metric);
	bdb_buf_puts(&stmt, " where point = ");
	bdb_query_put_name(&stmt, point);
	if (framework) {
		bdb_buf_puts(&stmt, " and framework = ");
		bdb_query_put_name(&stmt, framework);
	}
	bdb_result *res = NULL;
	bdb_query_options qopt = {0};
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = stmt.failed ? BDB_ENOMEM : bdb_query_run(store, bdb_buf_cstr(&stmt), &qopt, &res, &d);
	bdb_buf_free(&stmt);
	/* A metric, point or framework the store does not have is no data, as
	 * benchkit says it; anything else is an error. */
	if (rc && rc != BDB_EQUERY) {
		bdb_store_close(store);
		cli_error("trend: cannot read the store: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	size_t n_rows = 0;
	trend_row *rows = rc ? NULL : trend_rows(res, &n_rows);
	size_t first = 0;
	if (n_runs > 0 && (size_t)n_runs < n_rows)
		first = n_rows - (size_t)n_runs;
	trend_header(metric, point, framework);
	if (n_rows - first == 0) {
		printf(" \xe2\x80\x94 no data (0 points)\n");
	} else {
		printf("\n  %zu points\n\n", n_rows - first);
		for (size_t i = first; i < n_rows; i++) {
			char ts[48];
			bdb_time_format(rows[i].timestamp_us, ts, sizeof ts);
			/* "2026-02-10T09:05:00Z" -> "2026-02-10 09:05" */
			ts[10] = ' ';
			ts[16] = '\0';
			printf("  %s  %.2f", ts, rows[i].value);
			/* A rollup's bounds are its runs' min and max, no CI
			 * (its line says so, as a chart's title does). */
			if (rows[i].rollup && rows[i].bounds)
				printf("  %s rollup: median of %lld runs, min %.2f, max %.2f",
				       rows[i].rollup, (long long)rows[i].count, rows[i].lower,
				       rows[i].upper);
			else if (rows[i].bounds)
				printf("  CI=[%.2f, %.2f]", rows[i].lower, rows[i].upper);
			if (rows[i].commit && rows[i].commit[0])
				put_between("  [", rows[i].commit, "]");
			printf("\n");
		}
	}
	free(rows);
	bdb_result_free(res);
	bdb_store_close(store);
	return EXIT_OK;
}
