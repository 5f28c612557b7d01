/* cmd_report.c - pictures: `benchdb chart` (one SVG chart of a statement)
 * and `benchdb report` (the self-contained HTML report, web.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
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

/* Writes out to fd; false (errno set) when any of it failed. */
static bool write_fd(int fd, const bdb_buf *out)
{
	for (size_t done = 0; done < out->len;) {
		ssize_t wrote = write(fd, out->data + done, out->len - done);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote <= 0) {
			if (wrote == 0)
				errno = EIO;
			return false;
		}
		done += (size_t)wrote;
	}
	return true;
}

/*
 * Removes the temporary files that writes of path killed before their
 * rename left in its directory: regular files named exactly
 * BASENAME.tmp.DIGITS whose process is gone. A file is its write's while
 * that process runs or holds the file's lock (replace_file takes it; a
 * process of another PID namespace writing into a shared directory runs
 * though kill cannot see it); any other name is never touched.
 */
static void remove_killed_writes(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	char dir[4096];
	if (dir_len >= sizeof dir)
		return;
	memcpy(dir, path, dir_len);
	dir[dir_len] = '\0';
	DIR *d = opendir(dir_len ? dir : ".");
	if (!d)
		return;
	size_t base_len = strlen(base);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		if (strncmp(name, base, base_len) != 0 || strncmp(name + base_len, ".tmp.", 5) != 0)
			continue;
		const char *digits = name + base_len + 5;
		size_t n = strspn(digits, "0123456789");
		if (n == 0 || n > 9 || digits[n] != '\0' || digits[0] == '0')
			continue; /* as replace_file names it; 9 digits: any pid, no overflow */
		long pid = strtol(digits, NULL, 10);
		if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char file[4400];
		if ((size_t)snprintf(file, sizeof file, "%s%s", dir, name) >= sizeof file)
			continue;
		struct stat named, held;
		if (lstat(file, &named) != 0 || !S_ISREG(named.st_mode))
			continue;
		int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* No write holds it, and the name still is the file opened (not
		 * one a new write of that pid made since). */
		if (fstat(fd, &held) == 0 && held.st_ino == named.st_ino &&
		    held.st_dev == named.st_dev && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
		    lstat(file, &named) == 0 && named.st_ino == held.st_ino &&
		    named.st_dev == held.st_dev)
			unlink(file);
		close(fd);
	}
	closedir(d);
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
	remove_killed_writes(path);
	/* One of this name is a killed process's of the same pid. */
	unlink(tmp);
	int err = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd >= 0) /* remove_killed_writes' sign; where refused, the pid alone is */
		(void)flock(fd, LOCK_EX | LOCK_NB);
	if (fd < 0)
		err = errno;
	else if (old && fchmod(fd, old->st_mode & 07777) != 0)
		err = errno;
	else if (!write_fd(fd, out))
		err = errno;
	if (fd >= 0 && close(fd) != 0 && !err)
		err = errno;
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
			if (errno == EPIPE) /* the reader left (| head): not an error */
				return EXIT_OK;
			cli_error("%s: cannot write standard output: %s", what, strerror(errno));
			return EXIT_INPUT;
		}
		return EXIT_OK;
	}
	/* -o "$OUT" of a variable that was not set said "cannot write : No
	 * such file or directory". */
	if (!path[0]) {
		cli_error("%s: the output path is empty (a variable that was not set?); nothing "
			  "was written",
			  what);
		return EXIT_USAGE;
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
		cli_write_unshown_notes(res, BDB_OUTPUT_SVG);
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
