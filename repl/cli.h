/*
 * cli.h - internal header of the benchdb program (repl/).
 *
 * Only repl/ maps library errors to messages and exit codes. Every
 * subcommand is a function `int cmd_NAME(cli_ctx *ctx, int argc, char **argv)`
 * returning an exit code.
 */
#ifndef BDB_CLI_H
#define BDB_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "query.h"
#include "web.h"

/* Exit codes, documented in docs/cli.md and --help. */
enum {
	EXIT_OK = 0,
	EXIT_REGRESSIONS = 1, /* check (or regressions --fail) found regressions */
	EXIT_USAGE = 2,	      /* usage or query error */
	EXIT_INPUT = 3,	      /* input or storage error */
	EXIT_SERVER = 4	      /* push, --server: no answer, 401/403, or a 5xx */
};

typedef struct cli_ctx {
	const char *db_dir; /* --db / --data / BENCHDB_DIR / ./benchmark-data */
	/* $BENCHDB_DIR as it was at start (NULL: unset); db_dir is this very
	 * pointer while no --db replaced it. */
	const char *db_env;
	bool json;	    /* --json */
	bool benchkit_data; /* the store was named with benchkit's --data */
	bool db_given;	    /* --db or --data was given (not $BENCHDB_DIR, nor the default) */
	bool stdout_tty;    /* output is a terminal */
	bool color;	    /* terminal, NO_COLOR unset and TERM not dumb */
	bool no_pager;	    /* --no-pager: never page tall tables */
	const char *prog;   /* "benchdb" */
	const char *server; /* --server URL: statements run there (remote.c) */
	const char *token;  /* --token-file's token for the server, or NULL */
	/* How to name another store, in "no store at DIR (..., or HINT)":
	 * NULL for the command line's "give --db DIR"; the REPL's .open. */
	const char *other_store_hint;
} cli_ctx;

/* Writes text to f with every control character as '?' (but line breaks
 * and tabs when lines): a name from a file (a pull request's benchmark
 * names itself) or a server's answer sends no escape sequence to the
 * terminal and no line a CI log reads as a command ("::error::"). */
void cli_put_text(FILE *f, const char *text, bool lines);
/* TERM is "dumb" (Emacs' shell, an editor's terminal), which shows escape
 * sequences as text: no colour and no progress line there. */
bool cli_terminal_dumb(void);
/* A progress line on stderr (a terminal): "\r\033[K" and line, cut to one
 * column less than the terminal's width so that it never wraps (each
 * update overwrites it). line is one line of text whose characters are
 * one column wide. */
void cli_progress(const char *line);
/* The command has stored what it was given (runs committed, or found
 * stored): if its standard output then fails, the error says so. */
void cli_stored(void);
/* Prints "benchdb: error: MESSAGE" to stderr, its control characters as
 * cli_put_text's (lines kept). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The text of the first error cli_error, cli_usage_error or cli_error_diag
 * printed in this process (at most 1,023 bytes), "" before any. */
const char *cli_first_error(void);
/* A usage error of subcommand cmd: prints "benchdb: error: CMD: MESSAGE" and
 * "try 'benchdb CMD --help'" to stderr; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The time text, the value of cmd's option opt, into *out: 0, or prints
 * why it is none ("CMD: OPT: no such time 'TEXT': February 2023 has no
 * day 29 ..." or "cannot read 'TEXT' as a time (expected ...)") and
 * returns EXIT_USAGE. */
int cli_time_option(const char *cmd, const char *opt, const char *text, int64_t *out);
/* An unknown option of subcommand cmd (NULL: of benchdb itself): prints
 * "benchdb: error: CMD: unknown option 'OPTION'", with "; did you mean
 * '--NAME'?" when a long option of usage (the command's --help text) is
 * near it, and "try 'benchdb CMD --help'" to stderr; returns EXIT_USAGE. */
int cli_unknown_option(const char *cmd, const char *usage, const char *option);
/* Sets where the errors cli_error and cli_error_diag report from now on
 * are ("FILE:LINE:COL: ", written after "benchdb: error: "; NULL: nowhere
 * said, the default); returns the place set before. */
const char *cli_error_place(const char *place);
/* Prints "benchdb: error: <diag formatted>" to stderr. */
void cli_error_diag(const bdb_diag *d);
/* The exit code of a library error: EXIT_INPUT for data and storage errors,
 * EXIT_USAGE for query and argument errors. */
int cli_exit_code(int err);

/*
 * Opens the store of ctx. create: make it when missing (ingest); otherwise a
 * missing store is an error naming the directory. Prints the error itself and
 * returns an exit code, or EXIT_OK with *out set.
 */
int cli_open_store(const cli_ctx *ctx, bool create, bool read_only, bdb_store **out);
/* EXIT_OK when ctx->db_dir names a path; else says which was empty (--db "",
 * or $BENCHDB_DIR set but empty, which is an error as git's empty GIT_DIR:
 * a CI variable exported empty would read or write ./benchmark-data in
 * silence) and returns EXIT_USAGE. cli_open_store asks it first. */
int cli_store_path_usable(const cli_ctx *ctx);
/* The notes of res that fmt does not show (CSV, TSV, a chart: see
 * bdb_result_put_unshown_notes) to stderr, a line each, "benchdb: note:
 * ...": stdout stays the format's own text, and a script still learns why
 * an answer is empty (a `since` in the future). */
void cli_write_unshown_notes(const bdb_result *res, bdb_output_format fmt);
/* Closes a store a writer opened with create; when the command failed
 * (code not EXIT_OK) and its open created the store, which still holds no
 * run, the store is removed again (bdb_store_close_unused). */
void cli_close_written_store(bdb_store *store, int code);

/* Notes on stderr what the retention policy did on ingest, one line per
 * action as `benchdb retain` prints it (a bdb_retain_fn: cli_open_store
 * gives it to every store it opens). */
int cli_retain_note(void *ctx, const bdb_retain_action *a);

/*
 * Writes out to path ("-" or NULL: standard output). what names the
 * command in the error it prints itself ("chart: cannot write F: ...");
 * returns an exit code (EXIT_OK or EXIT_INPUT).
 */
int cli_write_output(const char *what, const char *path, const bdb_buf *out);

/* Opens the store read-only and decodes the run ref names into *out (free
 * with bdb_run_free). Prints the error itself; returns an exit code. */
int cli_load_run(const cli_ctx *ctx, const char *ref, bdb_run **out);

/* Option helpers: if argv[*i] is `--name VALUE` or `--name=VALUE`, sets
 * *value, advances *i and returns true. Prints a usage error and sets *bad
 * when the value is missing. */
bool cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value, bool *bad);

/*
 * Whether value (given for what, e.g. "ingest: --id") is one line of text:
 * valid UTF-8 without control characters (bdb_text_fault), as a run id,
 * commit, branch, tag or baseline name must be to be stored and printed.
 * When it is not, prints the usage error saying what is wrong at which byte
 * ("ingest: --id: contains a control character (U+000A) at byte 2").
 */
bool cli_text_ok(const char *what, const char *value);

/*
 * The commit and branch the CI job builds, from the variables of GitHub
 * Actions, GitLab CI, Buildkite, CircleCI or Jenkins (ci_env.c; the first
 * service with one set gives both); NULL when none says. The strings are
 * the environment's. cmd names the subcommand in errors ("ingest"). Prints
 * the error and returns EXIT_USAGE when a value is not one line of text,
 * else EXIT_OK.
 */
int cli_ci_metadata(const char *cmd, const char **commit, const char **branch);

/* `git rev-parse HEAD` in the current directory into sha (size bytes; 41
 * hold a SHA-1). cmd names the subcommand in errors. Prints the error and
 * returns EXIT_INPUT when there is no commit (not a checkout, no git), else
 * EXIT_OK. */
int cli_git_head(const char *cmd, char *sha, size_t size);

/* `git symbolic-ref --short HEAD`, the branch checked out, into branch (size
 * bytes), as cli_git_head (EXIT_INPUT on a detached HEAD too). */
int cli_git_branch(const char *cmd, char *branch, size_t size);

/*
 * The run metadata options of the subcommands that store runs (ingest,
 * record): --id, --commit (SHA or "auto"), --branch (NAME or "auto"), --no-env. The strings
 * are argv's until cli_run_meta_resolve, which may point commit at head.
 */
typedef struct cli_run_meta {
	const char *id, *commit, *branch;  /* the options, or NULL */
	bool no_env;			   /* --no-env */
	const char *ci_commit, *ci_branch; /* after resolving: the CI job's, or NULL */
	char head[128];			   /* --commit auto's commit */
	char head_branch[256];		   /* --branch auto's branch */
} cli_run_meta;

/* If argv[*i] is one of the options above, takes it (advancing *i past its
 * value) and returns true; sets *bad (usage error printed) when its value is
 * missing. */
bool cli_run_meta_option(int argc, char **argv, int *i, cli_run_meta *m, bool *bad);

/*
 * Checks that --id, --commit and --branch are one line of text
 * (cli_text_ok, "CMD: --id"), resolves --commit auto (cli_git_head) and
 * --branch auto (cli_git_branch) and,
 * unless --no-env, reads the CI job's commit and branch (cli_ci_metadata).
 * Prints the error itself; returns an exit code, EXIT_OK when m is ready.
 */
int cli_run_meta_resolve(const char *cmd, cli_run_meta *m);

/*
 * The input files of cmd (ingest, push): '-' at most once, as standard
 * input is read to its end once (a second '-' was an empty input, exit 3
 * after the first was stored). Prints the usage error; an exit code.
 */
int cli_inputs_check(const char *cmd, const char *const *files, int n);

/*
 * Parses --tag's value "KEY=VALUE" of subcommand cmd into a malloc'ed copy
 * (*copy, free with free()) that *tag points into. Prints the usage error
 * and returns EXIT_USAGE when it is not one line of text or has no key,
 * EXIT_INPUT when out of memory, else EXIT_OK.
 */
int cli_tag_parse(const char *cmd, const char *value, bdb_kv *tag, char **copy);

/*
 * Reads a bearer token: the first line of path without its line end, into
 * token (size bytes). It must be 16 printable ASCII characters or more,
 * without spaces. cmd names the subcommand in errors ("serve: --token-file:
 * ..."). Prints the error itself; returns an exit code.
 */
int cli_read_token(const char *cmd, const char *path, char *token, size_t size);
/* Checks token as cli_read_token does, after cutting it at its first line
 * end; source names it in errors ("the token in $BENCHDB_TOKEN"); cut: the
 * length token was cut to (its source held more), else 0. */
int cli_check_token(const char *cmd, const char *source, char *token, size_t cut);

/* ---- the server's client (remote.c; push, --server) ---------------------- */

/* Sets ctx->token for a client command (cmd: "push", "--server"): the
 * first line of token_file when given (cli_read_token), else
 * $BENCHDB_TOKEN when set (a CI secret), else none. Returns an exit code. */
int cli_client_token(cli_ctx *ctx, const char *cmd, const char *token_file);

/* What is wrong with server as the base URL of push and --server: NULL
 * when it is one (http:// or https://, no '?' or '#': the paths are
 * appended to it, so a dashboard link's '#/...' sent every request to '/',
 * answered 405), else the words "expected ..." to print after the option. */
const char *cli_server_url_fault(const char *server);

/* server as errors and notes show it: without the user and password of its
 * URL ("u:p@host after the scheme" is "***@host"), which went into CI logs,
 * and with its control characters as '?'. Static: valid until the next call. */
const char *cli_server_shown(const char *server);
/* Appends server (a base URL; trailing slashes dropped) and path to b. */
void cli_server_url(bdb_buf *b, const char *server, const char *path);

/* Sends body (NULL: a GET) to url with ctx->token as the bearer token, as
 * bdb_http_send does (its returns; out to free when it returns 0). */
int cli_server_send(const cli_ctx *ctx, const char *url, const void *body, size_t len,
		    const char *type, bdb_http_response *out, bdb_diag *d);

/* The string member name of the JSON object r's body holds (malloc'ed),
 * one line (its control characters, line breaks too, as '?'), or NULL when
 * there is none. */
char *cli_server_field(const bdb_http_response *r, const char *name);

/*
 * What every client command says when the server cannot help: rc and d
 * from bdb_http_send (no answer: "CMD: cannot reach SERVER: why"), or an
 * answer r of 401, 403 or 500 and above ("CMD: SERVER answered 401
 * Unauthorized: the bearer token is wrong"). Prints that one line and
 * returns EXIT_SERVER; returns -1, printing nothing, for any other answer
 * (the caller reads it). token_sent: a 401 to a request without a token
 * says none was given.
 */
int cli_server_failure(const char *cmd, const char *server, int rc, const bdb_diag *d,
		       const bdb_http_response *r, bool token_sent);

/* pipe(2) with both ends closed at exec (record's command, serve's gate). */
int cli_pipe_cloexec(int fds[2]);

/*
 * `benchdb --server URL check`: sends check's options params[0..n) (each
 * an option's name without "--", flags with the value "1") to GET
 * /api/check and prints what the server's gate printed, on standard output
 * and error. Returns the gate's exit code with *answered set, or prints
 * why the server could not answer and returns EXIT_SERVER (or EXIT_INPUT).
 */
int cli_check_remote(const cli_ctx *ctx, const bdb_serve_param *params, size_t n, bool *answered);

/* serve's bdb_serve_check_fn (ctx: its cli_ctx): runs this program's
 * `check --db DIR` with the options params name (check_remote.c). */
int cli_serve_check(void *ctx, const bdb_serve_param *params, size_t n,
		    volatile sig_atomic_t *cancel, size_t max_answer, bdb_serve_checked *out,
		    bdb_diag *d);

/* One option of a subcommand: `NAME VALUE` (or NAME=VALUE) stores VALUE in
 * *value; a flag (value NULL) sets *flag. A table ends with {NULL}. */
typedef struct cli_opt {
	const char *name;
	const char **value;
	bool *flag;
} cli_opt;

/*
 * Parses a subcommand's arguments (argv[0] is its name): -h/--help prints
 * usage to stdout and returns -1 (the caller exits 0); --db/--data DIR sets
 * ctx->db_dir; then the options of opts (may be NULL); an argument that does
 * not start with '-' (or is "-"), and every argument after "--", is
 * positional, up to max_pos of them into positional (*npos counts them). An
 * unknown option (cli_unknown_option), a missing value or a
 * positional argument too many is a usage error: printed with usage to
 * stderr, EXIT_USAGE returned. EXIT_OK otherwise.
 */
int cli_parse_args(cli_ctx *ctx, int argc, char **argv, const char *usage, const cli_opt *opts,
		   const char **positional, int max_pos, int *npos);

/* The count of inconclusive comparisons in a regressions result (its
 * "inconclusive" field; rows beyond it are regressions). */
size_t cli_count_inconclusive(const bdb_result *r);

/* The machine `record` measures on (record_env.c). Empty strings and a turbo
 * of 0 where the system does not say. */
typedef struct cli_machine {
	char cpu_model[128];
	int cores;			/* online */
	char governor[32];		/* cpu0's cpufreq scaling governor */
	int turbo;			/* 1 on, -1 off, 0 unknown */
	char kernel[160];		/* uname: "Linux 6.1.0" */
	char arch[72];			/* uname: "x86_64" */
	char os[128];			/* os-release's PRETTY_NAME */
	char compiler[128];		/* the first line of `cc --version` */
	double load_before, load_after; /* 1-minute load averages; -1 unknown */
} cli_machine;

/* Reads what /proc, /sys, uname, os-release and cc say into *m, and the load
 * average now as m->load_before. Never fails: what cannot be read stays empty. */
void cli_machine_read(cli_machine *m);
/* The 1-minute load average, or -1 when it cannot be read. */
double cli_load_average(void);
/* Sets the run's environment entries cpu_model, cpu_cores, cpu_governor,
 * cpu_turbo, kernel, arch, os, compiler, load_before and load_after (those
 * known). Returns 0 or BDB_ENOMEM. */
int cli_machine_to_env(const cli_machine *m, bdb_run *run);
/* Warns on stderr when load is above the number of cores. */
void cli_machine_warn(const cli_machine *m, double load);
/* Warns on stderr when the governor is not performance or turbo is on. */
void cli_machine_warn_setup(const cli_machine *m);

/* Subcommands. */
int cmd_ingest(cli_ctx *ctx, int argc, char **argv);
int cmd_import_benchkit(cli_ctx *ctx, int argc, char **argv);
/* The note of an import whose files held one run twice (the same file
 * copied): which, on stderr; nothing when none did. */
struct bdb_import_summary;
void cli_note_duplicate_files(const char *input, const struct bdb_import_summary *s);
int cmd_import_gab(cli_ctx *ctx, int argc, char **argv);
int cmd_import_otava(cli_ctx *ctx, int argc, char **argv);
int cmd_import_asv(cli_ctx *ctx, int argc, char **argv);

/* Whether the file at path is a regular file that starts like a
 * github-action-benchmark history (a data.js, or its JSON). */
bool cli_is_history_file(const char *path);

/*
 * `ingest` hands each github-action-benchmark history (data.js) among
 * files[0..*n_files) to import-gab (every run on branch, as its --branch;
 * NULL: none), printing what it did, and keeps the other files in files
 * (*n_files updated). EXIT_INPUT when an import failed, else EXIT_OK.
 */
int cli_ingest_histories(bdb_store *store, const char **files, int *n_files, unsigned flags,
			 const char *branch);
int cmd_export(cli_ctx *ctx, int argc, char **argv);
int cmd_baseline(cli_ctx *ctx, int argc, char **argv);
int cmd_verify(cli_ctx *ctx, int argc, char **argv);
int cmd_stats(cli_ctx *ctx, int argc, char **argv);
int cmd_backup(cli_ctx *ctx, int argc, char **argv);
int cmd_compact(cli_ctx *ctx, int argc, char **argv);
int cmd_reindex(cli_ctx *ctx, int argc, char **argv);
int cmd_drop_run(cli_ctx *ctx, int argc, char **argv);
int cmd_retain(cli_ctx *ctx, int argc, char **argv);
int cmd_check(cli_ctx *ctx, int argc, char **argv);
int cmd_summary(cli_ctx *ctx, int argc, char **argv);
int cmd_trend(cli_ctx *ctx, int argc, char **argv);
/* benchkit's trend's usage (--metric M --point P), which `benchdb trend
 * --help` shows after the trend statement's. */
extern const char cli_trend_usage[];
int cmd_chart(cli_ctx *ctx, int argc, char **argv);
int cmd_report(cli_ctx *ctx, int argc, char **argv);
int cmd_serve(cli_ctx *ctx, int argc, char **argv);
int cmd_push(cli_ctx *ctx, int argc, char **argv);
int cmd_record(cli_ctx *ctx, int argc, char **argv);
/* `benchdb --record-run-helper FD CMD...`: record's helper, which runs one
 * run of CMD from a fresh process and reports it to FD (cmd_record.c). */
#define RECORD_HELPER_ARG "--record-run-helper"
int cmd_record_helper(int argc, char **argv);

/* The shell: statements from a string (-c), a file (-f), stdin or the REPL. */
typedef struct shell_options {
	bool bail;		  /* stop at the first error */
	bool interactive;	  /* REPL with prompt, history, completion */
	const char *format;	  /* default output format name, or NULL */
	bool fail_on_regressions; /* --fail: exit 1 when `regressions` finds any */
} shell_options;
/* `benchdb query STATEMENT`: runs it as -c does, with the options given
 * before the word (defaults: --format, --json, --fail) and its own. */
int cmd_query(cli_ctx *ctx, const shell_options *defaults, int argc, char **argv);
int shell_run_string(cli_ctx *ctx, const char *text, const shell_options *opt);
int shell_run_file(cli_ctx *ctx, const char *path, const shell_options *opt);
int shell_run_stream(cli_ctx *ctx, FILE *in, const char *name, const shell_options *opt);
int shell_repl(cli_ctx *ctx, const shell_options *opt);

#endif /* BDB_CLI_H */
