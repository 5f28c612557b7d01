/*
 * shell.h - internal: the state of one shell (REPL, script or one-shot), the
 * bridge from statements to the query library, and completion.
 */
#ifndef BDB_SHELL_H
#define BDB_SHELL_H

#include <signal.h>

#include "cli.h"

/* Where a piece of the text being run came from: from byte `at` of that
 * text on, line `line` of the source, from column `col` (1-based, in code
 * points). A script's statement over several lines is one text of pieces. */
typedef struct shell_source_piece {
	size_t at;
	int line;
	int col;
} shell_source_piece;

typedef struct shell {
	cli_ctx *ctx;
	bdb_store *store;   /* opened on first use */
	const char *format; /* an output format's name (schema/output.c) */
	bool timer;
	bool bail;
	bool interactive;
	bool streaming; /* statements from a pipe or FIFO: run each line as it comes */
	bool noted_continued_line; /* the note of a pipe's continued line was given */
	bool command_line; /* -c, query, a statement subcommand: no dot-command */
	bool quit;
	bool fail_on_regressions; /* --fail: regressions found => exit 1 */
	bool found_regressions;
	bool judged; /* a statement with verdicts ran (regressions, compare) */
	FILE *out;   /* .output / .once file, or NULL for stdout */
	bool out_once;
	int errors;
	char *history_path;
	char *db_dir_owned;	 /* after .open */
	const char *source_name; /* script being read, for error positions */
	int read_depth;		 /* .read files being read, one inside another */
	/* The text being run and where it came from (error positions): its
	 * pieces in order of `at`, or none when its lines are the source's
	 * from line 1; the current statement starts at byte statement_at. */
	const char *source_text;
	const shell_source_piece *pieces;
	size_t n_pieces;
	size_t statement_at;
	bool wrote_result; /* a statement's result was written (not interactive) */
} shell;

/* Before a statement's result goes to out: separator (the result's format's
 * bdb_output_format_separator: a blank line ended as its lines are, none
 * for JSON) when a result was written before it in this session, as
 * bdb_query_exec separates the statements of one text (two Markdown tables
 * back to back were one table; line's rows ran together). Not in the REPL. */
void shell_separate_result(shell *sh, FILE *out, const char *separator);

/* Reads and runs statements from in until its end (or .quit). */
int shell_loop(shell *sh, FILE *in, const char *name);

/*
 * Runs one statement through the query library, writing its result to out
 * (errors go to stderr). Sets *found_regressions when the statement was
 * `regressions` and it found any. Returns an exit code.
 */
int shell_exec_statement(shell *sh, bdb_store *store, const char *stmt, FILE *out,
			 bool *found_regressions);

/*
 * Runs one statement on the server of sh->ctx->server (remote.c): the
 * answer, rendered there in sh->format, is written to out as it came; a
 * statement the server refuses is reported as shell_exec_statement reports
 * a local one. Returns an exit code (EXIT_SERVER when the server cannot
 * answer).
 */
int shell_exec_remote(shell *sh, const char *stmt, FILE *out);

/* Prints a statement's error d as the CLI does: FILE:LINE:COL of the
 * source being run (not of the statement), the message, the caret lines. */
void shell_report_error(shell *sh, const bdb_diag *d);

/*
 * The source position (*line, *col) of the current statement's line `line`,
 * column `col` (1-based, code points; as a query error gives them), through
 * sh->source_text and sh->pieces. col 0 (unknown) stays 0.
 */
void shell_source_position(const shell *sh, int line, int col, int *source_line, int *source_col);

/* Whether dir holds a store (a data.mdb that is not empty). */
bool shell_store_exists(const char *dir);

/* Completion of keywords and the store's names (see lineedit.h). */
void shell_complete(void *ctx, const char *line, int start, const char *word,
		    void (*add)(void *list, const char *candidate), void *list);

/* Completes a dot-command line: its name (start 0), else its argument
 * (.mode's modes, .timer's on and off, .help's statements, the file names
 * of .read, .output, .once and .open); nothing after that. */
void shell_complete_dot_command(const char *line, int start, const char *word,
				void (*add)(void *list, const char *candidate), void *list);

/* The flag Ctrl-C sets; the query library polls it to cancel. */
volatile sig_atomic_t *shell_cancel_flag(void);

#endif /* BDB_SHELL_H */
