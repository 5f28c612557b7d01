/*
 * bridge.c - from the shell to the query library: run one statement, format
 * its result, report its error; completion through bdb_query_complete.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "query.h"
#include "shell.h"

/* The terminal's height in lines (columns: its width in columns): its
 * window size, else $LINES ($COLUMNS), else 0. */
static size_t terminal_size(bool columns)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && (columns ? ws.ws_col : ws.ws_row) > 0)
		return columns ? ws.ws_col : ws.ws_row;
	const char *lines = getenv(columns ? "COLUMNS" : "LINES");
	long n = lines ? strtol(lines, NULL, 10) : 0;
	return n > 0 ? (size_t)n : 0;
}

/*
 * Writes text to the terminal, through a pager when it is taller than the
 * terminal (as git does): $PAGER, else "less -FRX" (-F leaves at once when
 * the text fits after all, -R passes colours, -X leaves it on the screen);
 * an empty $PAGER or "cat" means none. Returns false when no pager could
 * be run (the caller writes the text itself).
 */
static bool write_paged(const char *text, size_t len)
{
	size_t lines = 0, rows = terminal_size(false);
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	const char *pager = getenv("PAGER");
	if (!pager)
		pager = "less -FRX";
	if (rows == 0 || lines < rows || !*pager || strcmp(pager, "cat") == 0)
		return false;
	fflush(stdout);
	/* less reads LESS; without it, -R and -F matter as git sets them. */
	setenv("LESS", "FRX", 0);
	FILE *p = popen(pager, "w");
	if (!p)
		return false;
	/* Leaving the pager early closes the pipe: not a reason to die. */
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	fwrite(text, 1, len, p);
	int status = pclose(p);
	signal(SIGPIPE, old);
	/* The shell's 127 or 126: no such pager, or not one it can run (a
	 * typo in $PAGER lost the table, the screen showed "not found"). */
	if (status != -1 && WIFEXITED(status) &&
	    (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) {
		fprintf(stderr,
			"benchdb: note: the pager '%s' could not be run; the table follows "
			"without it ($PAGER, --no-pager)\n",
			pager);
		return false;
	}
	return true;
}

/* Prints a query error: "benchdb: error: FILE:LINE:COL: expected ..." and
 * the library's statement and caret lines under it. */
void shell_report_error(shell *sh, const bdb_diag *d)
{
	bdb_diag shown = *d;
	if (!shown.file[0] && sh->source_name && d->line > 0) {
		snprintf(shown.file, sizeof shown.file, "%s", sh->source_name);
		shell_source_position(sh, d->line, d->col, &shown.line, &shown.col);
	}
	cli_error_diag(&shown);
}

/* A result field as text, "" when absent. */
static const char *field_text(const bdb_result *r, const char *name)
{
	bdb_value v = bdb_result_field_by_name(r, name);
	return v.kind == BDB_VALUE_STRING && v.str ? v.str : "";
}

/*
 * The rows of a compare result whose verdict is what, or with what NULL
 * those that judged (not n/a, new or removed).
 */
static size_t count_verdicts(const bdb_result *r, const char *what)
{
	int col = bdb_result_column_index(r, "verdict");
	size_t n = 0;
	for (size_t row = 0; col >= 0 && row < bdb_result_n_rows(r); row++) {
		bdb_value v = bdb_result_get(r, row, (size_t)col);
		const char *verdict = v.kind == BDB_VALUE_STRING && v.str ? v.str : "n/a";
		n += what ? strcmp(verdict, what) == 0
			  : strcmp(verdict, "n/a") != 0 && strcmp(verdict, "new") != 0 &&
				strcmp(verdict, "removed") != 0;
	}
	return n;
}

/* Whether res, a statement's result, found regressions for --fail: a
 * regressions statement's rows but the inconclusive, compare's rows of
 * verdict regression. */
static bool found_any(const bdb_result *res)
{
	if (bdb_result_is_regressions(res))
		return bdb_result_n_rows(res) > cli_count_inconclusive(res);
	return bdb_result_has_verdicts(res) && count_verdicts(res, "regression") > 0;
}

/*
 * With --fail a regressions or compare statement is a gate, and a gate that
 * judged nothing must not pass (as `check`): the run compared with itself
 * (the step that stores the new results did not run, or the baseline was
 * moved to it), or no series with a verdict (none shared, filters that
 * keep none of them, each n/a). Reports it and returns EXIT_INPUT, else
 * EXIT_OK.
 */
static int gate_judged_something(const bdb_result *res)
{
	const char *what = bdb_result_statement(res);
	const char *base = field_text(res, "base"), *current = field_text(res, "current");
	bdb_value compared = bdb_result_field_by_name(res, "compared");
	bool none = bdb_result_is_regressions(res)
			? compared.kind == BDB_VALUE_INT && compared.i == 0
			: count_verdicts(res, NULL) == 0;
	if (*base && strcmp(base, current) == 0) {
		cli_error("%s --fail: nothing to judge: run %s is its own base; store the new "
			  "results first, or name two runs",
			  what, current);
		return EXIT_INPUT;
	}
	if (none) {
		cli_error("%s --fail: nothing to judge: run %s and its base %s have no "
			  "series in common with a verdict (none shared or kept by the statement, "
			  "or each n/a: a base of 0, direction info or changed, units that do not "
			  "convert, too little history for the method); 'benchdb compare run "
			  "\"%s\" with run \"%s\" explain' shows them",
			  what, current, base, base, current);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

void cli_write_unshown_notes(const bdb_result *res, bdb_output_format fmt)
{
	bdb_buf notes;
	bdb_buf_init(&notes);
	if (bdb_result_put_unshown_notes(res, fmt, "benchdb: note: ", &notes) && notes.len) {
		fflush(stdout);
		fwrite(notes.data, 1, notes.len, stderr);
	}
	bdb_buf_free(&notes);
}

int shell_exec_statement(shell *sh, bdb_store *store, const char *stmt, FILE *out,
			 bool *found_regressions)
{
	bdb_query_options opt;
	memset(&opt, 0, sizeof opt);
	bdb_output_format_parse(sh->format, BDB_OUTPUT_FOR_QUERY, &opt.format);
	opt.is_terminal = sh->ctx->stdout_tty && !sh->out;
	opt.width = opt.is_terminal ? terminal_size(true) : 0;
	opt.color = sh->ctx->color && !sh->out;
	opt.cancel = shell_cancel_flag();
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run(store, stmt, &opt, &res, &d);
	if (rc) {
		if (rc == BDB_ECANCELLED) {
			fprintf(stderr, "benchdb: cancelled\n");
			return EXIT_USAGE;
		}
		if (!d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "%s", bdb_strerror(rc));
		shell_report_error(sh, &d);
		return cli_exit_code(rc);
	}
	if (sh->fail_on_regressions && bdb_result_has_verdicts(res) &&
	    (rc = gate_judged_something(res)) != EXIT_OK) {
		bdb_result_free(res);
		return rc;
	}
	bdb_output_format fmt = bdb_result_requested_format(res);
	if (fmt == BDB_OUTPUT_DEFAULT)
		fmt = opt.format;
	shell_separate_result(sh, out, bdb_output_format_separator(fmt));
	cli_write_unshown_notes(res, fmt);
	if (opt.is_terminal && !sh->ctx->no_pager &&
	    (fmt == BDB_OUTPUT_TABLE || fmt == BDB_OUTPUT_DEFAULT || fmt == BDB_OUTPUT_LINE)) {
		bdb_buf text;
		bdb_buf_init(&text);
		rc = bdb_result_format(res, fmt, &opt, &text);
		if (!rc && !write_paged(text.data ? text.data : "", text.len) && text.len &&
		    fwrite(text.data, 1, text.len, out) != text.len)
			rc = BDB_EIO;
		bdb_buf_free(&text);
	} else {
		rc = bdb_result_write(res, fmt, &opt, out);
	}
	/* The cause of a failed write (ENOSPC, EPIPE, EIO): stdio keeps a
	 * small result in its buffer, so it fails only when flushed. */
	int err = rc == BDB_EIO ? errno : 0;
	if (!rc && fflush(out) != 0) {
		rc = BDB_EIO;
		err = errno;
	}
	if (found_any(res))
		*found_regressions = true;
	if (bdb_result_has_verdicts(res))
		sh->judged = true;
	bdb_result_free(res);
	if (rc && err == EPIPE) {
		clearerr(out); /* the reader left (| head): not an error */
		return EXIT_OK;
	}
	if (rc) {
		cli_error("cannot %s the result: %s", rc == BDB_EIO ? "write" : "format",
			  err ? strerror(err) : bdb_strerror(rc));
		clearerr(out); /* the next statement's write says its own cause */
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

typedef struct complete_ctx {
	void (*add)(void *list, const char *candidate);
	void *list;
	const char *typed; /* the word's text before libedit's word */
	size_t n_typed;
} complete_ctx;

/*
 * libedit replaces its own word, which starts after the last blank; the
 * library's word starts at an open quote, maybe before a blank ('"echo a'):
 * the candidate goes without the part typed before libedit's word (else a
 * second Tab wrote '"echo "echo '). A candidate with a control character
 * is not offered: no escape types it, and the terminal would act on it.
 */
static int add_candidate(void *ctx, const char *candidate)
{
	complete_ctx *c = ctx;
	size_t n = strlen(candidate);
	uint32_t control;
	if (bdb_text_fault(candidate, n, true, &control) != n)
		return 0;
	if (n < c->n_typed || memcmp(candidate, c->typed, c->n_typed) != 0)
		return 0;
	c->add(c->list, candidate + c->n_typed);
	return 0;
}

static int stop_at_first(void *ctx, const char *candidate)
{
	(void)ctx;
	(void)candidate;
	return 1;
}

void shell_complete(void *ctx, const char *line, int start, const char *word,
		    void (*add)(void *list, const char *candidate), void *list)
{
	shell *sh = ctx;
	/* A dot-command's argument is no statement's word: `.mode <Tab>`
	 * listed every keyword and name of the store. */
	if (line[strspn(line, " \t")] == '.') {
		shell_complete_dot_command(line, start, word, add, list);
		return;
	}
	/* Without a store there are no names to offer, and no error may land
	 * in the line being typed. With --server the statements go to the
	 * server's store: a local one (./benchmark-data) would offer another
	 * store's names, so only keywords are offered. */
	if (!sh->ctx->server && !sh->store && shell_store_exists(sh->ctx->db_dir))
		cli_open_store(sh->ctx, false, false, &sh->store);
	/* The library finds the word itself from the cursor position. */
	size_t cursor = (size_t)start + strlen(word), word_start = (size_t)start;
	complete_ctx c = {add, list, "", 0};
	bdb_query_complete(NULL, line, cursor, &word_start, stop_at_first, NULL);
	if (word_start < (size_t)start) {
		c.typed = line + word_start;
		c.n_typed = (size_t)start - word_start;
	}
	bdb_query_complete(sh->store, line, cursor, NULL, add_candidate, &c);
}

bool shell_store_exists(const char *dir)
{
	char path[4096];
	struct stat st;
	if (!*dir)
		return false; /* not "/data.mdb" */
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	return stat(path, &st) == 0 && st.st_size > 0;
}

