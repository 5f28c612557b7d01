/* cmd_report.c - pictures: `benchdb chart` (one SVG chart of a statement)
 * and `benchdb report` (the self-contained HTML report, web.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "web.h"

/* Writes out to f and flushes it; false (errno set) when any of it failed. */
static bool write_all(FILE *f, const bdb_buf *out)
{
	size_t wrote = out->len ? fwrite(out->data, 1, out->len, f) : 0;
	return fflush(f) == 0 && wrote == out->len && !ferror(f);
}

/*
 * Writes out to the regular file path (or a new one) through a temporary
 * file in its directory renamed over it: a write cut short (a full disk)
 * leaves the file as it was, never a truncated page in place of the last
 * good one. An existing file keeps its permissions. Prints the error itself.
 */
static int replace_file(const char *what, const char *path, const bdb_buf *out,
			const struct stat *old)
{
	size_t n = strlen(path) + 32;
	char *tmp = malloc(n);
	if (!tmp) {
		cli_error("%s: cannot write %s: %s", what, path, strerror(ENOMEM));
		return EXIT_INPUT;
	}
	snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
	/* One of this name is a killed process's of the same pid. */
	unlink(tmp);
	int err = 0;
	FILE *f = NULL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		err = errno;
	else if (old && fchmod(fd, old->st_mode & 07777) != 0)
		err = errno;
	else if (!(f = fdopen(fd, "wb")))
		err = errno;
	else if (!write_all(f, out))
		err = errno;
	if (f) {
		if (fclose(f) != 0 && !err)
			err = errno;
	} else if (fd >= 0) {
		close(fd);
	}
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err) {
		if (fd >= 0)
			unlink(tmp);
		cli_error("%s: cannot write %s: %s; %s", what, path, strerror(err),
			  old ? "the file is as it was" : "nothing was written");
	}
	free(tmp);
	return err ? EXIT_INPUT : EXIT_OK;
}

int cli_write_output(const char *what, const char *path, const bdb_buf *out)
{
	if (!path || strcmp(path, "-") == 0) {
		if (!write_all(stdout, out)) {
			cli_error("%s: cannot write standard output: %s", what, strerror(errno));
			return EXIT_INPUT;
		}
		return EXIT_OK;
	}
	/* A regular file (or none yet) is replaced whole; anything else (a
	 * FIFO, /dev/stdout, a symbolic link) is written in place. */
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	if (!exists || S_ISREG(st.st_mode))
		return replace_file(what, path, out, exists ? &st : NULL);
	int err = 0;
	FILE *f = fopen(path, "wb");
	if (!f)
		err = errno;
	else if (!write_all(f, out))
		err = errno;
	if (f && fclose(f) != 0 && !err)
		err = errno;
	if (err) {
		cli_error("%s: cannot write %s: %s", what, path, strerror(err));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* A pixel size option: a whole number from 16 to 20000. */
static bool parse_pixels(const char *what, const char *text, int *out)
{
	char *end;
	long v = text ? strtol(text, &end, 10) : 0;
	if (!text)
		return true;
	if (end == text || *end || v < 16 || v > 20000) {
		cli_error("chart: %s: expected a number of pixels from 16 to 20000, got '%s'", what,
			  text);
		return false;
	}
	*out = (int)v;
	return true;
}

static const char chart_usage[] =
    "usage: benchdb chart [--db DIR] 'STATEMENT' [-o FILE.svg] [--log] [--runs]\n"
    "                     [--width PX] [--height PX]\n"
    "\n"
    "Draws one trend or changes statement as an SVG chart (the same bytes as\n"
    "'STATEMENT as svg'), to FILE or standard output: for READMEs and pull-request\n"
    "comments. --log: a log scale; --runs: runs in order along the x axis.\n";

int cmd_chart(cli_ctx *ctx, int argc, char **argv)
{
	const char *positional[1], *output = NULL, *width = NULL, *height = NULL;
	bdb_chart_options o = {0};
	const cli_opt opts[] = {{"-o", &output, NULL},
				{"--output", &output, NULL},
				{"--log", NULL, &o.log_scale},
				{"--runs", NULL, &o.run_order},
				{"--width", &width, NULL},
				{"--height", &height, NULL},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, chart_usage, opts, positional, 1, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos == 0)
		return cli_usage_error("chart", "expected a statement");
	const char *ext = output ? strrchr(output, '.') : NULL;
	static const char *const raster[] = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"};
	for (size_t i = 0; ext && !strchr(ext, '/') && i < sizeof raster / sizeof *raster; i++)
		if (strcasecmp(ext, raster[i]) == 0)
			return cli_usage_error("chart",
					       "-o %s: a chart is SVG, which a %s file would hold "
					       "under the wrong name; write FILE.svg (convert it "
					       "with an SVG tool such as rsvg-convert)",
					       output, ext + 1);
	if (!parse_pixels("--width", width, &o.width) ||
	    !parse_pixels("--height", height, &o.height))
		return EXIT_USAGE;
	if (bdb_query_any_statement(positional[0], bdb_query_word_writes)) {
		cli_error("chart: draws trend and changes; this statement writes the store (run it "
			  "with benchdb -c)");
		return EXIT_USAGE;
	}
	bdb_store *store;
	if ((code = cli_open_store(ctx, false, true, &store)) != 0)
		return code;
	bdb_query_options q = {.format = BDB_OUTPUT_SVG};
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run(store, positional[0], &q, &res, &d);
	bdb_buf out;
	bdb_buf_init(&out);
	if (rc) {
		cli_error_diag(&d);
		code = cli_exit_code(rc);
	} else if (!bdb_result_chart_table(res)) {
		cli_error("chart: draws trend and changes; '%s' gives a table",
			  bdb_result_statement(res));
		code = EXIT_USAGE;
	} else if (bdb_result_requested_format(res) != BDB_OUTPUT_DEFAULT &&
		   bdb_result_requested_format(res) != BDB_OUTPUT_SVG) {
		cli_error("chart: the statement asks for %s; a chart is SVG",
			  bdb_output_format_name(bdb_result_requested_format(res)));
		code = EXIT_USAGE;
	} else if ((rc = bdb_result_svg(res, &o, &out)) != 0) {
		cli_error("chart: %s", bdb_strerror(rc));
		code = EXIT_INPUT;
	} else {
		code = cli_write_output("chart", output, &out);
	}
	bdb_buf_free(&out);
	bdb_result_free(res);
	bdb_store_close(store);
	return code;
}

static const char report_usage[] =
    "usage: benchdb report [--db DIR] [-o FILE.html] [--baseline NAME] [--since TIME]\n"
    "                      [--where EXPR] [--title TEXT]\n"
    "\n"
    "Writes one self-contained HTML page of the store's history (no network, inline\n"
    "CSS and SVG; docs/report.md) to FILE or standard output: the regressions of\n"
    "latest vs the baseline (default main), recent change points by commit, a grid of\n"
    "every series with a sparkline, and one chart per point and metric. --since and\n"
    "--where take the query language's TIME and where expression.\n";

int cmd_report(cli_ctx *ctx, int argc, char **argv)
{
	bdb_report_options ro = {0};
	const char *output = NULL;
	const cli_opt opts[] = {{"-o", &output, NULL},
				{"--output", &output, NULL},
				{"--baseline", &ro.baseline, NULL},
				{"--since", &ro.since, NULL},
				{"--where", &ro.where, NULL},
				{"--title", &ro.title, NULL},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, report_usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if ((ro.baseline && !cli_text_ok("report: --baseline", ro.baseline)) ||
	    (ro.title && !cli_text_ok("report: --title", ro.title)))
		return EXIT_USAGE;
	bdb_store *store;
	if ((code = cli_open_store(ctx, false, true, &store)) != 0)
		return code;
	ro.store_name = ctx->db_dir;
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_report_write(store, &ro, &out, &d);
	if (rc) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "report: %s", bdb_strerror(rc));
		cli_error_diag(&d);
		code = cli_exit_code(rc);
	} else {
		code = cli_write_output("report", output, &out);
		if (!code && output && strcmp(output, "-") != 0)
			fprintf(stderr, "benchdb: report written to %s (%zu bytes)\n", output,
				out.len);
	}
	bdb_buf_free(&out);
	bdb_store_close(store);
	return code;
}
