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
    "usage: benchdb summary [--db DIR] [--run RUN] [--json]\n"
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

int cmd_summary(cli_ctx *ctx, int argc, char **argv)
{
	const char *ref = "latest", *positional[1];
	const cli_opt opts[] = {
	    {"--run", &ref, NULL}, {"--json", NULL, &ctx->json}, {NULL, NULL, NULL}};
	int npos, rc = cli_parse_args(ctx, argc, argv, summary_usage, opts, positional, 1, &npos);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	if (npos)
		ref = positional[0];
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
	printf("Run: %s\n", run->id);
	printf("Timestamp: %s\n", ts);
	if (run->commit && *run->commit)
		printf("Commit: %s\n", run->commit);
	if (run->branch && *run->branch)
		printf("Branch: %s\n", run->branch);
	printf("Points: %zu\n\n", run->n_points);
	/* Scenarios in order of first appearance, points in run order. */
	bool *done = calloc(run->n_points ? run->n_points : 1, sizeof *done);
	for (size_t i = 0; done && i < run->n_points; i++) {
		if (done[i])
			continue;
		const char *scenario = run->points[i].scenario ? run->points[i].scenario : "";
		/* benchkit's runs always name a scenario; other tools' do not. */
		printf("  %s:\n", scenario[0] ? scenario : "(no scenario)");
		for (size_t j = i; j < run->n_points; j++) {
			const bdb_point *p = &run->points[j];
			const char *s = p->scenario ? p->scenario : "";
			if (done[j] || strcmp(s, scenario) != 0)
				continue;
			done[j] = true;
			const char *fw = bdb_point_get_tag(p, "framework");
			printf("    %s: ", fw ? fw : p->name);
			for (size_t k = 0; k < p->n_metrics; k++)
				printf("%s%s=%.2f", k ? ", " : "", p->metrics[k].name,
				       p->metrics[k].value);
			printf("\n");
		}
	}
	free(done);
	bdb_run_free(run);
	return EXIT_OK;
}

static const char trend_usage[] =
    "usage: benchdb trend [--db DIR] --metric M --point P [--framework F] [--n-runs N]\n"
    "\n"
    "One series over time as benchkit prints it, oldest first: metric M of the\n"
    "point P (whose tag framework is F, when given); --n-runs keeps the N most\n"
    "recent runs.\n"
    "Without options, 'benchdb trend ...' runs the trend statement instead, as\n"
    "-c does: benchdb trend real_time of BM_sort/1024 last 10.\n";

typedef struct trend_row {
	bdb_obs obs;
	char commit[64];
} trend_row;

static int cmp_row(const void *a, const void *b)
{
	const trend_row *x = a, *y = b;
	if (x->obs.timestamp_us != y->obs.timestamp_us)
		return x->obs.timestamp_us < y->obs.timestamp_us ? -1 : 1;
	return x->obs.run_seq < y->obs.run_seq ? -1 : x->obs.run_seq > y->obs.run_seq;
}

int cmd_trend(cli_ctx *ctx, int argc, char **argv)
{
	const char *metric = NULL, *point = NULL, *framework = NULL, *n_runs_s = NULL;
	const cli_opt opts[] = {{"--metric", &metric, NULL},
				{"--point", &point, NULL},
				{"--framework", &framework, NULL},
				{"--n-runs", &n_runs_s, NULL},
				{NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, trend_usage, opts, NULL, 0, &npos);
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
	bdb_buf pterm, mterm, tterm;
	bdb_buf_init(&pterm);
	bdb_buf_init(&mterm);
	bdb_buf_init(&tterm);
	bdb_buf_printf(&pterm, "p:%s", point);
	bdb_buf_printf(&mterm, "m:%s", metric);
	if (framework)
		bdb_buf_printf(&tterm, "t:framework=%s", framework);
	const char *terms[3] = {bdb_buf_cstr(&pterm), bdb_buf_cstr(&mterm), bdb_buf_cstr(&tterm)};
	size_t n_terms = framework ? 3 : 2;
	bdb_reader *r = NULL;
	uint64_t *ids = NULL;
	size_t n_ids = 0, n_rows = 0, cap = 0;
	trend_row *rows = NULL;
	int rc = bdb_reader_begin(store, &r);
	if (!rc)
		rc = bdb_reader_series_match(r, terms, n_terms, &ids, &n_ids);
	/* benchkit takes, per run, the first point that matches: with several
	 * matching series (other tags differ), the lowest series id wins. */
	for (size_t s = 0; !rc && s < n_ids; s++) {
		bdb_obs_iter *it = NULL;
		rc = bdb_obs_iter_open(r, ids[s], INT64_MIN, INT64_MAX, false, &it);
		bdb_obs obs;
		while (!rc && bdb_obs_iter_next(it, &obs) == 1) {
			bool seen = false;
			for (size_t k = 0; k < n_rows && !seen; k++)
				seen = rows[k].obs.run_seq == obs.run_seq;
			if (seen)
				continue;
			if (n_rows == cap) {
				cap = cap ? cap * 2 : 64;
				trend_row *p = realloc(rows, cap * sizeof *rows);
				if (!p) {
					rc = BDB_ENOMEM;
					break;
				}
				rows = p;
			}
			rows[n_rows].obs = obs;
			bdb_run_info info;
			rows[n_rows].commit[0] = '\0';
			if (bdb_reader_run_info(r, obs.run_seq, &info) == 0)
				snprintf(rows[n_rows].commit, sizeof rows[n_rows].commit, "%s",
					 info.commit);
			n_rows++;
		}
		if (it)
			bdb_obs_iter_close(it);
	}
	if (r)
		bdb_reader_end(r);
	free(ids);
	bdb_buf_free(&pterm);
	bdb_buf_free(&mterm);
	bdb_buf_free(&tterm);
	bdb_store_close(store);
	if (rc) {
		free(rows);
		cli_error("trend: cannot read the store: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	if (n_rows) /* rows is NULL when nothing matched: qsort(NULL) is undefined */
		qsort(rows, n_rows, sizeof *rows, cmp_row);
	size_t first = 0;
	if (n_runs > 0 && (size_t)n_runs < n_rows)
		first = n_rows - (size_t)n_runs;
	if (n_rows - first == 0) {
		printf("Trend: %s @ %s", metric, point);
		if (framework)
			printf(" (framework=%s)", framework);
		printf(" \xe2\x80\x94 no data (0 points)\n");
		free(rows);
		return EXIT_OK;
	}
	printf("Trend: %s @ %s", metric, point);
	if (framework)
		printf(" (framework=%s)", framework);
	printf("\n");
	printf("  %zu points\n\n", n_rows - first);
	for (size_t i = first; i < n_rows; i++) {
		char ts[48];
		bdb_time_format(rows[i].obs.timestamp_us, ts, sizeof ts);
		/* "2026-02-10T09:05:00Z" -> "2026-02-10 09:05" */
		ts[10] = ' ';
		ts[16] = '\0';
		printf("  %s  %.2f", ts, rows[i].obs.value);
		if (rows[i].obs.has_lower && rows[i].obs.has_upper)
			printf("  CI=[%.2f, %.2f]", rows[i].obs.lower, rows[i].obs.upper);
		if (rows[i].commit[0])
			printf("  [%s]", rows[i].commit);
		printf("\n");
	}
	free(rows);
	return EXIT_OK;
}
