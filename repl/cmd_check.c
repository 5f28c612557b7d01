/*
 * cmd_check.c - the CI gate (`check`) and one-shot `query`.
 *
 * check runs the query library's `regressions` statement (latest vs the
 * baseline) and prints benchkit's text, so its verdicts are the query
 * language's: there is one implementation of a regression.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"
#include "cli.h"

static const char check_usage[] =
    "usage: benchdb check [--db DIR] [--baseline NAME] [--threshold 5%|0.05]\n"
    "                     [--using METHOD] [--format text|markdown|json] [--json]\n"
    "\n"
    "The CI gate: compares the latest run with the baseline (default 'main') and\n"
    "exits 1 when any metric regressed beyond the threshold (default 5%; a metric's\n"
    "own threshold applies when it has one and --threshold is not given).\n"
    "--threshold takes a percentage (5%) or benchkit's fraction (0.05).\n"
    "--using picks the detection method: percent (default), mwu (Mann-Whitney U on\n"
    "the raw samples, plus the threshold), or a history model: zscore, ttest, iqr,\n"
    "deltaiqr, lookback, which judge the latest run against the last 30 runs of\n"
    "each series (a query-language method may carry its options, quoted:\n"
    "--using 'ttest window 10 boundary 0.99'); --threshold does not apply to them.\n"
    "docs/detection.md describes each method.\n"
    "\n"
    "Text output is benchkit's: 'PASS: No regressions detected (threshold=5%)', or\n"
    "'FAIL: N regression(s) detected:' and one line per regression; with --using,\n"
    "the PASS line names the method instead ('(zscore window=30 boundary=0.99)').\n"
    "markdown writes a pull-request comment; json (or --json) the regressions result.\n"
    "With no store or no such baseline it prints benchkit's 'No baseline set' line\n"
    "and exits 0, as benchkit does, and says on standard error what it looked for.\n"
    "Exit: 0 pass (also with no baseline or no runs), 1 regressions, 2 usage, 3 store.\n";

/* Reads "5%", "5", "0.05" into a fraction. Numbers below 1 without '%' are
 * benchkit's fractions; 1 and above are percentages. */
static bool parse_threshold(const char *s, double *fraction)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return false;
	if (*end == '%' && end[1] == '\0') {
		*fraction = v / 100.0;
		return true;
	}
	if (*end)
		return false;
	*fraction = v < 1.0 ? v : v / 100.0;
	return true;
}

static const char *cell_str(const bdb_result *r, size_t row, const char *col)
{
	int c = bdb_result_column_index(r, col);
	if (c < 0)
		return "";
	bdb_value v = bdb_result_get(r, row, (size_t)c);
	return v.kind == BDB_VALUE_STRING && v.str ? v.str : "";
}

static double cell_num(const bdb_result *r, size_t row, const char *col)
{
	int c = bdb_result_column_index(r, col);
	if (c < 0)
		return NAN;
	bdb_value v = bdb_result_get(r, row, (size_t)c);
	if (v.kind == BDB_VALUE_NUMBER)
		return v.num;
	if (v.kind == BDB_VALUE_INT)
		return (double)v.i;
	return NAN;
}

/* A result field as a number, NaN when absent. */
static double field_num(const bdb_result *r, const char *name)
{
	bdb_value v = bdb_result_field_by_name(r, name);
	return v.kind == BDB_VALUE_NUMBER ? v.num : v.kind == BDB_VALUE_INT ? (double)v.i : NAN;
}

/*
 * What the verdict rests on, for the PASS line and the markdown title:
 * benchkit's "threshold=5%" for the percent rule (the default), the
 * threshold and the test for mwu, and for a history model its name with
 * the window and boundary it ran with ("zscore window=30 boundary=0.99").
 * A per-metric threshold overrides the default: the text says the default.
 */
static void describe_method(const bdb_result *r, const char *pct, char *buf, size_t size)
{
	bdb_value m = bdb_result_field_by_name(r, "method");
	const char *method = m.kind == BDB_VALUE_STRING ? m.str : "percent";
	if (strcmp(method, "percent") == 0)
		snprintf(buf, size, "threshold=%s", pct);
	else if (strcmp(method, "mwu") == 0)
		snprintf(buf, size, "threshold=%s, mwu alpha=%g", pct, field_num(r, "alpha"));
	else
		snprintf(buf, size, "%s window=%g boundary=%g", method, field_num(r, "window"),
			 field_num(r, "boundary"));
}

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	const char *baseline = "main", *threshold_s = NULL, *using = NULL, *format = "text";
	bool json_flag = false;
	const cli_opt opts[] = {
	    {"--baseline", &baseline, NULL}, {"--threshold", &threshold_s, NULL},
	    {"--using", &using, NULL},	     {"--format", &format, NULL},
	    {"--json", NULL, &json_flag},    {NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, check_usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (!cli_text_ok("check: --baseline", baseline))
		return EXIT_USAGE;
	if (json_flag)
		format = "json";
	double fraction = 0.05;
	if (threshold_s && !parse_threshold(threshold_s, &fraction)) {
		cli_error("check: --threshold: expected a percentage (5%%) or a fraction (0.05), "
			  "got '%s'",
			  threshold_s);
		return EXIT_USAGE;
	}
	bool text = strcmp(format, "text") == 0, markdown = strcmp(format, "markdown") == 0,
	     json = strcmp(format, "json") == 0;
	if (!text && !markdown && !json) {
		cli_error("check: --format: expected text, markdown or json, got '%s'", format);
		return EXIT_USAGE;
	}
	if (using && strspn(using, "abcdefghijklmnopqrstuvwxyz0123456789. ") != strlen(using)) {
		cli_error("check: --using: expected a method name, got '%s'", using);
		return EXIT_USAGE;
	}

	bdb_store *store = NULL;
	bdb_store_options sopt = {.no_create = true, .read_only = true};
	int rc = bdb_store_open(ctx->db_dir, &sopt, &store, NULL);
	uint64_t seq;
	bdb_reader *r;
	bool have_baseline = false, have_runs = false;
	if (rc == 0 && (rc = bdb_reader_begin(store, &r)) == 0) {
		have_baseline = bdb_reader_get_baseline(r, baseline, &seq) == 0;
		have_runs = bdb_reader_latest(r, 0, &seq) == 0;
		bdb_reader_end(r);
	} else if (rc != BDB_ENOTFOUND) {
		bdb_store_close(store);
		cli_error("cannot open store %s: %s", ctx->db_dir, bdb_strerror(rc));
		return EXIT_INPUT;
	}
	/* benchkit's order: the baseline first, then the runs. benchkit's
	 * line and exit 0 keep a first CI run green; standard error says what
	 * was missing, so that a mistyped --db or --baseline is seen. */
	if (!have_baseline) {
		bool no_store = !store;
		bdb_store_close(store);
		printf("No baseline set. Use 'benchdb baseline' to set one.\n");
		if (no_store)
			fprintf(stderr, "benchdb: check: no store at %s\n", ctx->db_dir);
		else
			fprintf(stderr, "benchdb: check: no baseline named '%s' in %s\n", baseline,
				ctx->db_dir);
		return EXIT_OK;
	}
	if (!have_runs) {
		bdb_store_close(store);
		printf("No runs in store.\n");
		return EXIT_OK;
	}

	/* The method's clauses, shared by the verdicts and (markdown) the
	 * table of everything compared, so that both judge alike. */
	bdb_buf how;
	bdb_buf_init(&how);
	if (threshold_s)
		bdb_buf_printf(&how, " threshold %.17g%%", fraction * 100.0);
	if (using)
		bdb_buf_printf(&how, " using %s", using);
	bdb_buf q;
	bdb_buf_init(&q);
	bdb_buf_printf(&q, "regressions in latest vs baseline \"%s\"%s", baseline,
		       bdb_buf_cstr(&how));
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_query_options qopt = {0};
	rc = bdb_query_run(store, bdb_buf_cstr(&q), &qopt, &res, &d);
	if (rc) {
		bdb_buf_free(&q);
		bdb_buf_free(&how);
		bdb_store_close(store);
		cli_error_diag(&d);
		return cli_exit_code(rc);
	}
	size_t n = bdb_result_n_rows(res);
	char pct[32], method[96];
	snprintf(pct, sizeof pct, "%.0f%%", fraction * 100.0);
	describe_method(res, pct, method, sizeof method);
	if (json) {
		bdb_buf out;
		bdb_buf_init(&out);
		bdb_result_format(res, BDB_FORMAT_JSON, &qopt, &out);
		fputs(bdb_buf_cstr(&out), stdout);
		bdb_buf_free(&out);
	} else if (markdown) {
		bdb_buf out;
		bdb_buf_init(&out);
		if (n == 0)
			printf("### :white_check_mark: benchdb: no regressions (%s)\n\n", method);
		else
			printf("### :x: benchdb: %zu regression(s) (%s)\n\n", n, method);
		if (n)
			bdb_result_format(res, BDB_FORMAT_MARKDOWN, &qopt, &out);
		fputs(bdb_buf_cstr(&out), stdout);
		bdb_buf_reset(&out);
		/* Everything compared, collapsed. */
		bdb_buf cq;
		bdb_buf_init(&cq);
		bdb_buf_printf(&cq, "compare baseline \"%s\" with latest%s", baseline,
			       bdb_buf_cstr(&how));
		bdb_result *all = NULL;
		if (bdb_query_run(store, bdb_buf_cstr(&cq), &qopt, &all, NULL) == 0) {
			bdb_result_format(all, BDB_FORMAT_MARKDOWN, &qopt, &out);
			printf(
			    "\n<details><summary>All %zu comparisons</summary>\n\n%s\n</details>\n",
			    bdb_result_n_rows(all), bdb_buf_cstr(&out));
			bdb_result_free(all);
		}
		bdb_buf_free(&cq);
		bdb_buf_free(&out);
	} else if (n == 0) {
		printf("PASS: No regressions detected (%s)\n", method);
	} else {
		printf("FAIL: %zu regression(s) detected:\n", n);
		for (size_t i = 0; i < n; i++) {
			const char *dir = cell_str(res, i, "direction");
			printf("  %s %s %s: %.2f \xe2\x86\x92 %.2f (%+.1f%%)\n",
			       strcmp(dir, "higher") == 0 ? "\xe2\x86\x93" : "\xe2\x86\x91",
			       cell_str(res, i, "point"), cell_str(res, i, "metric"),
			       cell_num(res, i, "base"), cell_num(res, i, "current"),
			       cell_num(res, i, "change_pct"));
		}
	}
	bdb_result_free(res);
	bdb_buf_free(&q);
	bdb_buf_free(&how);
	bdb_store_close(store);
	return n ? EXIT_REGRESSIONS : EXIT_OK;
}

static const char query_usage[] =
    "usage: benchdb query [--db DIR] [--json | --format FMT] [--fail]\n"
    "                     'STATEMENT[; STATEMENT...]'\n"
    "\n"
    "Runs statements once, like benchdb -c. See 'benchdb --help' and\n"
    "docs/query-language.md.\n";

int cmd_query(cli_ctx *ctx, int argc, char **argv)
{
	shell_options opt = {0};
	bool json_flag = false;
	const char *positional[2], *text = NULL;
	const cli_opt opts[] = {{"--format", &opt.format, NULL},
				{"--json", NULL, &json_flag},
				{"--fail", NULL, &opt.fail_on_regressions},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, query_usage, opts, positional, 2, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos == 2) {
		cli_error("query: give the statements as one argument (quote them)");
		return EXIT_USAGE;
	}
	if (json_flag)
		opt.format = "json";
	text = npos ? positional[0] : NULL;
	if (!text) {
		cli_error("query: expected a statement");
		fputs(query_usage, stderr);
		return EXIT_USAGE;
	}
	return shell_run_string(ctx, text, &opt);
}
