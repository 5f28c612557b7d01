/*
 * shell.c - statements from a string (-c), a file (-f), standard input, or
 * the interactive REPL; and the REPL's dot-commands.
 *
 * The dot-commands are table-driven like sqlite3's: each has a USAGE line,
 * and .help prints the table.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ingest.h"
#include "lineedit.h"
#include "query.h"
#include "shell.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* A Ctrl-C came while the REPL runs a .read file: the file stops, not only
 * its running statement (the REPL's is the only SIGINT handler). */
static bool read_interrupted(const shell *sh)
{
	return sh->read_depth > 0 && interrupted;
}

/* ---- output -------------------------------------------------------------- */

/* Where results go now: .output FILE, .once FILE, or stdout. */
static FILE *shell_out(shell *sh)
{
	return sh->out ? sh->out : stdout;
}

static void shell_close_output(shell *sh)
{
	if (sh->out && sh->out != stdout)
		fclose(sh->out);
	sh->out = NULL;
	sh->out_once = false;
	sh->wrote_result = false; /* a new output starts without a blank line */
}

/* ---- statements ---------------------------------------------------------- */

/* Opens the store on first use, so that .help works without one. */
static int shell_store(shell *sh, bdb_store **out)
{
	if (!sh->store) {
		int code = cli_open_store(sh->ctx, false, false, &sh->store);
		if (code) {
			sh->store = NULL;
			return code;
		}
	}
	*out = sh->store;
	return EXIT_OK;
}

static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6;
}

static double wall_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void shell_separate_result(shell *sh, FILE *out, const char *separator)
{
	if (sh->interactive)
		return;
	if (sh->wrote_result)
		fputs(separator, out);
	sh->wrote_result = true;
}

/* Runs one statement (no trailing separator). Returns an exit code. */
static int run_statement(shell *sh, const char *stmt)
{
	bdb_store *store = NULL;
	int code = sh->ctx->server ? EXIT_OK : shell_store(sh, &store);
	if (code)
		return code;
	double w0 = 0, c0 = 0;
	if (sh->timer) {
		w0 = wall_seconds();
		c0 = cpu_seconds();
	}
	interrupted = 0;
	bool found_regressions = false;
	FILE *f = shell_out(sh);
	code = sh->ctx->server ? shell_exec_remote(sh, stmt, f)
			       : shell_exec_statement(sh, store, stmt, f, &found_regressions);
	fflush(f);
	if (sh->timer)
		fprintf(stderr, "Run Time: real %.6f user+sys %.6f\n", wall_seconds() - w0,
			cpu_seconds() - c0);
	if (sh->out_once)
		shell_close_output(sh);
	if (code == EXIT_OK && found_regressions && sh->fail_on_regressions)
		sh->found_regressions = true;
	return code;
}

/* ---- dot-commands -------------------------------------------------------- */

/* What a dot-command's argument is, for completion. */
typedef enum dot_argument {
	DOT_ARG_NONE,
	DOT_ARG_MODE,
	DOT_ARG_ON_OFF,
	DOT_ARG_STATEMENT,
	DOT_ARG_FILE
} dot_argument;

typedef struct dot_command {
	const char *name;
	const char *usage; /* USAGE line shown by .help */
	int (*run)(shell *sh, int argc, char **argv);
	int most; /* the most words it takes (-1: run checks them) */
	dot_argument argument;
} dot_command;

static int dot_help(shell *sh, int argc, char **argv);

static int dot_mode(shell *sh, int argc, char **argv)
{
	if (argc == 1) {
		fprintf(shell_out(sh), "current output mode: %s\n", sh->format);
		return EXIT_OK;
	}
	bdb_output_format f;
	if (bdb_output_format_parse(argv[1], BDB_OUTPUT_FOR_MODE, &f) == 0) {
		sh->format = bdb_output_format_name(f);
		return EXIT_OK;
	}
	bdb_buf list;
	bdb_buf_init(&list);
	bdb_output_format_put_list(&list, BDB_OUTPUT_FOR_MODE);
	cli_error(".mode: unknown mode '%s' (expected %s)", argv[1], bdb_buf_cstr(&list));
	bdb_buf_free(&list);
	return EXIT_USAGE;
}

/* .timer on|off, and as sqlite3 takes them 1|0, yes|no, any case (ON
 * was refused). */
static int dot_timer(shell *sh, int argc, char **argv)
{
	static const char *const on[] = {"on", "1", "yes"}, *const off[] = {"off", "0", "no"};
	for (size_t i = 0; argc == 2 && i < sizeof on / sizeof *on; i++)
		if (strcasecmp(argv[1], on[i]) == 0 || strcasecmp(argv[1], off[i]) == 0) {
			sh->timer = strcasecmp(argv[1], on[i]) == 0;
			return EXIT_OK;
		}
	if (argc == 2)
		cli_error(".timer: expected on or off (or 1/0, yes/no), got '%s'", argv[1]);
	else
		cli_error(".timer: expected on or off (or 1/0, yes/no)");
	return EXIT_USAGE;
}

/* .output [FILE] and .once FILE. A command in error leaves the output as it
 * was: `.once` without FILE, `.output a b` or a FILE that cannot be opened
 * silently sent what an earlier .output named back to standard output. */
static int open_output(shell *sh, int argc, char **argv, bool once)
{
	if ((once && argc != 2) || argc > 2) {
		cli_error("%s: expected one file name", argv[0]);
		return EXIT_USAGE;
	}
	if (argc == 1 || (!once && strcmp(argv[1], "stdout") == 0)) {
		shell_close_output(sh);
		return EXIT_OK;
	}
	FILE *f = fopen(argv[1], "w");
	if (!f) {
		cli_error("%s: cannot open '%s': %s", argv[0], argv[1], strerror(errno));
		return EXIT_INPUT;
	}
	shell_close_output(sh);
	sh->out = f;
	sh->out_once = once;
	return EXIT_OK;
}

static int dot_output(shell *sh, int argc, char **argv)
{
	return open_output(sh, argc, argv, false);
}

static int dot_once(shell *sh, int argc, char **argv)
{
	return open_output(sh, argc, argv, true);
}

/* Reports the NUL byte at text[at], text being the source name from its line
 * first_line on; returns EXIT_USAGE. */
static int nul_error(const char *name, int first_line, const char *text, size_t len, size_t at,
		     const char *what)
{
	int line, col;
	bdb_text_position(text, len, at, &line, &col);
	cli_error("%s:%d:%d: a NUL byte: statements are text; %s", name, first_line + line - 1, col,
		  what);
	return EXIT_USAGE;
}

/*
 * Reads the script at path ("-": standard input) whole, a pipe or FIFO
 * included, and runs it as sh's source name. A NUL byte anywhere in it is
 * an error at its line and column, and then nothing of it runs.
 */
static int run_script(shell *sh, const char *path, const char *name)
{
	char *text;
	size_t len;
	bdb_diag d;
	if (bdb_input_read(path, &text, &len, &d)) {
		/* A read Ctrl-C interrupted (.read -): .read says so. */
		if (!interrupted)
			cli_error_diag(&d);
		return EXIT_INPUT;
	}
	const char *nul = memchr(text, '\0', len);
	int code = EXIT_OK;
	if (nul) {
		code = nul_error(name, 1, text, len, (size_t)(nul - text),
				 "nothing of the script ran");
	} else if (len) {
		FILE *f = fmemopen(text, len, "r");
		if (f) {
			code = shell_loop(sh, f, name);
			fclose(f);
		} else {
			cli_error("%s: cannot read: %s", name, strerror(errno));
			code = EXIT_INPUT;
		}
	}
	free(text);
	return code;
}

/* How deep .read files may read others. */
#define SHELL_MAX_READ_DEPTH 64

static int dot_read(shell *sh, int argc, char **argv)
{
	if (argc != 2) {
		cli_error(".read: expected one file name");
		return EXIT_USAGE;
	}
	/* A file that reads itself (or two that read each other) recursed
	 * until the stack overflowed: a crash, with nothing said. */
	if (sh->read_depth >= SHELL_MAX_READ_DEPTH) {
		cli_error(".read %s: .read nested %d deep (a file that reads itself?); "
			  "it did not run",
			  argv[1], SHELL_MAX_READ_DEPTH);
		return EXIT_USAGE;
	}
	/* A script read from the terminal (.read - or a device) ends with a
	 * Ctrl-D, which only the cooked mode takes as an end of file. */
	struct stat st;
	if (sh->interactive &&
	    (strcmp(argv[1], "-") == 0 || (stat(argv[1], &st) == 0 && S_ISCHR(st.st_mode))))
		lineedit_cooked_mode();
	bool was_interactive = sh->interactive, was_streaming = sh->streaming;
	sh->interactive = false;
	sh->streaming = false;
	sh->read_depth++;
	int code = run_script(sh, argv[1], argv[1]);
	sh->read_depth--;
	if (sh->read_depth == 0 && interrupted) {
		cli_error(".read %s: interrupted; the rest of it did not run", argv[1]);
		interrupted = 0;
		code = code ? code : EXIT_USAGE;
	}
	sh->interactive = was_interactive;
	sh->streaming = was_streaming;
	return code;
}

/* With --server the statements run on the server: a dot-command of the
 * local store (name) would read or open another store than they do (.open
 * opened one in silence and the statements still went to the server;
 * .stats said "no store at ./benchmark-data"). EXIT_USAGE, said, or
 * EXIT_OK. */
static int local_store_only(const shell *sh, const char *name)
{
	if (!sh->ctx->server)
		return EXIT_OK;
	cli_error("%s works on a local store, and the statements run on %s (--server): start "
		  "benchdb without --server for it",
		  name, cli_server_shown(sh->ctx->server));
	return EXIT_USAGE;
}

/* The hint of a missing store in the REPL and at .open: the command line's
 * --db cannot be given there. */
#define SHELL_OTHER_STORE ".open DIR of another store"

static int dot_open(shell *sh, int argc, char **argv)
{
	int code = local_store_only(sh, ".open");
	if (code)
		return code;
	/* .open "" said "--db: the store's path is empty (give --db DIR, ...)". */
	if (argc != 2 || !argv[1][0]) {
		cli_error(".open: expected a store directory");
		return EXIT_USAGE;
	}
	bdb_store *store;
	cli_ctx probe = *sh->ctx;
	probe.db_dir = argv[1];
	probe.other_store_hint = SHELL_OTHER_STORE;
	code = cli_open_store(&probe, false, false, &store);
	if (code)
		return code;
	bdb_store_close(sh->store);
	sh->store = store;
	free(sh->db_dir_owned);
	sh->db_dir_owned = strdup(argv[1]);
	sh->ctx->db_dir = sh->db_dir_owned;
	return EXIT_OK;
}

static int dot_stats(shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	bdb_store *store;
	int code = local_store_only(sh, ".stats");
	if (!code)
		code = shell_store(sh, &store);
	if (code)
		return code;
	struct bdb_store_stats st;
	int rc = bdb_store_stats(store, &st);
	if (rc) {
		cli_error(".stats: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	FILE *f = shell_out(sh);
	fprintf(f,
		"store: %s\nruns: %llu\nseries: %llu\nobservations: %llu\n"
		"bytes on disk: %llu\nbytes per observation: %.2f\n",
		sh->ctx->db_dir, (unsigned long long)st.runs, (unsigned long long)st.series,
		(unsigned long long)st.observations, (unsigned long long)st.bytes_on_disk,
		st.bytes_per_observation);
	return EXIT_OK;
}

static int dot_quit(shell *sh, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	sh->quit = true;
	return EXIT_OK;
}

static const dot_command dot_commands[] = {
    {".help", ".help [STATEMENT]      show this list, or a statement's forms", dot_help, 1,
     DOT_ARG_STATEMENT},
    {".mode",
     ".mode [MODE]           output format of results: table, json, csv, tsv, "
     "markdown, or line (one field a line, for wide rows such as explain)",
     dot_mode, 1, DOT_ARG_MODE},
    {".timer", ".timer on|off          print wall and CPU time of each statement", dot_timer, -1,
     DOT_ARG_ON_OFF},
    {".output", ".output [FILE]         send results to FILE (no FILE: back to stdout)", dot_output,
     -1, DOT_ARG_FILE},
    {".once", ".once FILE             send the next result to FILE", dot_once, -1, DOT_ARG_FILE},
    {".read", ".read FILE             run the statements in FILE", dot_read, -1, DOT_ARG_FILE},
    {".open", ".open DIR              use the store in DIR", dot_open, -1, DOT_ARG_FILE},
    {".stats", ".stats                 store statistics", dot_stats, 0, DOT_ARG_NONE},
    {".quit", ".quit                  leave (also .exit, exit, quit, \\q, Ctrl-D)", dot_quit, 0,
     DOT_ARG_NONE},
    {".exit", NULL, dot_quit, 0, DOT_ARG_NONE},
};

/* Calls add for each of the words of list ("a, b, c") that start with
 * word. */
static void add_listed(const char *words, const char *word,
		       void (*add)(void *list, const char *candidate), void *list)
{
	size_t n = strlen(word);
	for (const char *p = words; *p;) {
		size_t len = strcspn(p, ", ");
		if (len >= n && strncmp(p, word, n) == 0) {
			char one[64];
			snprintf(one, sizeof one, "%.*s", (int)len, p);
			add(list, one);
		}
		p += len;
		p += strspn(p, ", ");
	}
}

void shell_complete_dot_command(const char *line, int start, const char *word,
				void (*add)(void *list, const char *candidate), void *list)
{
	size_t n = strlen(word);
	const char *name = line + strspn(line, " \t");
	size_t name_len = strcspn(name, " \t");
	if ((size_t)start <= (size_t)(name - line)) {
		for (size_t i = 0; i < sizeof dot_commands / sizeof *dot_commands; i++)
			if (strncmp(dot_commands[i].name, word, n) == 0)
				add(list, dot_commands[i].name);
		return;
	}
	/* Only the first argument: nothing but blanks between it and the
	 * name. */
	const char *after = name + name_len;
	if ((size_t)start != (size_t)(after - line) + strspn(after, " \t"))
		return;
	const dot_command *dc = NULL;
	for (size_t i = 0; i < sizeof dot_commands / sizeof *dot_commands; i++)
		if (strlen(dot_commands[i].name) == name_len &&
		    strncmp(dot_commands[i].name, name, name_len) == 0)
			dc = &dot_commands[i];
	bdb_buf words;
	bdb_buf_init(&words);
	switch (dc ? dc->argument : DOT_ARG_NONE) {
	case DOT_ARG_MODE: {
		const char *modes[32];
		size_t count = bdb_output_format_names(BDB_OUTPUT_FOR_MODE, modes,
						       sizeof modes / sizeof *modes);
		for (size_t i = 0; i < count; i++)
			bdb_buf_printf(&words, "%s, ", modes[i]);
		break;
	}
	case DOT_ARG_ON_OFF:
		bdb_buf_puts(&words, "on, off");
		break;
	case DOT_ARG_STATEMENT:
		bdb_query_statement_list(&words);
		break;
	case DOT_ARG_FILE:
		lineedit_complete_files(word, add, list);
		break;
	case DOT_ARG_NONE:
		break;
	}
	add_listed(bdb_buf_cstr(&words), word, add, list);
	bdb_buf_free(&words);
}

static int dot_help(shell *sh, int argc, char **argv)
{
	FILE *f = shell_out(sh);
	bdb_buf help;
	bdb_buf_init(&help);
	if (argc > 1) {
		if (bdb_query_statement_help(argv[1], &help) != 0) {
			bdb_query_statement_list(&help);
			cli_error(".help: no statement '%s' (%s)", argv[1], bdb_buf_cstr(&help));
			bdb_buf_free(&help);
			return EXIT_USAGE;
		}
		fputs(bdb_buf_cstr(&help), f);
		bdb_buf_free(&help);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof dot_commands / sizeof *dot_commands; i++)
		if (dot_commands[i].usage)
			fprintf(f, "%s\n", dot_commands[i].usage);
	bdb_query_statements_help(&help);
	fprintf(
	    f,
	    "\nStatements (Enter runs a complete one; end a line with \\ to continue it;\n"
	    "in scripts a statement ends at ';', a blank line or a line starting a statement):\n%s"
	    "  ... as table | json | csv | tsv | markdown | line\n"
	    "  trend|changes ... as svg | html | chart [log] [runs]\n"
	    "RUN: latest, latest~N, latest[~N] on branch B, baseline [NAME], run \"ID\",\n"
	    "     commit \"PREFIX\", \"2026-01-31\"\n",
	    bdb_buf_cstr(&help));
	bdb_buf_free(&help);
	return EXIT_OK;
}

/* Splits a dot-command line into words (double or single quotes group, as
 * in sqlite3: `.open 'my store'` was two words). */
static int split_words(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;
	while (*p && argc < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (*p == '"' || *p == '\'') {
			char quote = *p;
			argv[argc++] = ++p;
			while (*p && *p != quote)
				p++;
		} else {
			argv[argc++] = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
		}
		if (*p)
			*p++ = '\0';
	}
	return argc;
}

static int run_dot_command(shell *sh, char *line)
{
	char *argv[8];
	int argc = split_words(line, argv, 8);
	if (argc == 0)
		return EXIT_OK;
	for (size_t i = 0; i < sizeof dot_commands / sizeof *dot_commands; i++)
		if (strcmp(argv[0], dot_commands[i].name) == 0) {
			/* A word too many did nothing, said nothing: `.mode json
			 * extra` set json. */
			const dot_command *dc = &dot_commands[i];
			if (dc->most >= 0 && argc - 1 > dc->most) {
				const char *usage = dc->usage ? dc->usage : dc->name;
				const char *end = strstr(usage, "  ");
				cli_error("%s: unexpected '%s' (usage: %.*s)", dc->name,
					  argv[dc->most + 1],
					  (int)(end ? (size_t)(end - usage) : strlen(usage)),
					  usage);
				return EXIT_USAGE;
			}
			/* `.once FILE` takes the next output, a dot-command's too
			 * (.stats, .help), as in sqlite3: what .stats wrote went
			 * there, and the next statement's result with it. */
			FILE *once = sh->out_once ? sh->out : NULL;
			long before = once ? ftell(once) : 0;
			int code = dot_commands[i].run(sh, argc, argv);
			if (once && sh->out == once && ftell(once) != before)
				shell_close_output(sh);
			return code;
		}
	/* The nearest dot-command ('.mod' -> '.mode'); sqlite3's catalog
	 * commands name the statements that list the store's names. */
	const char *names[sizeof dot_commands / sizeof *dot_commands + 1];
	for (size_t i = 0; i < sizeof dot_commands / sizeof *dot_commands; i++)
		names[i] = dot_commands[i].name;
	names[sizeof dot_commands / sizeof *dot_commands] = NULL;
	const char *near = bdb_query_nearest(argv[0], names);
	if (near)
		cli_error("unknown command '%s'; did you mean '%s'? (try .help)", argv[0], near);
	else if (strcmp(argv[0], ".tables") == 0 || strcmp(argv[0], ".schema") == 0)
		cli_error("unknown command '%s': the store's names are listed by show points, "
			  "show metrics, show tags and show runs (try .help)",
			  argv[0]);
	else
		cli_error("unknown command '%s' (try .help)", argv[0]);
	return EXIT_USAGE;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (bdb_query_comment_at(s + i, n - i))
			return true; /* only a comment from here */
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	}
	return true;
}

/* The dot-command a bare REPL word stands for: help, exit, quit, \\q (a ';'
 * and blanks around allowed), and `help WORD` for `.help WORD` (psql's \\h
 * WORD), written into command; false for anything else. */
static bool repl_habit(const char *line, char *command, size_t size)
{
	static const struct {
		const char *word, *command;
	} habits[] = {{"help", ".help"}, {"exit", ".quit"}, {"quit", ".quit"}, {"\\q", ".quit"}};
	while (*line == ' ' || *line == '\t')
		line++;
	size_t n = strlen(line);
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == ';'))
		n--;
	size_t word = strcspn(line, " \t");
	if (word > n)
		word = n;
	const char *rest = line + word + strspn(line + word, " \t");
	size_t rest_len = n - (size_t)(rest - line);
	for (size_t i = 0; i < sizeof habits / sizeof *habits; i++) {
		if (strlen(habits[i].word) != word || strncmp(line, habits[i].word, word) != 0)
			continue;
		if (word == n)
			return (size_t)snprintf(command, size, "%s", habits[i].command) < size;
		/* Only help takes a word, a statement's: `help trend`. */
		if (strcmp(habits[i].word, "help") != 0 || rest_len == 0 ||
		    strcspn(rest, " \t;") < rest_len)
			return false;
		return (size_t)snprintf(command, size, ".help %.*s", (int)rest_len, rest) < size;
	}
	return false;
}

/* The number of UTF-8 code points in s[from, to). */
static int code_points(const char *s, size_t from, size_t to)
{
	int n = 0;
	for (size_t i = from; i < to; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void shell_source_position(const shell *sh, int line, int col, int *source_line, int *source_col)
{
	const char *text = sh->source_text ? sh->source_text : "";
	size_t at = sh->source_text ? sh->statement_at : 0;
	/* The byte of (line, col) in the whole text. */
	for (int l = 1; l < line && text[at]; at++)
		if (text[at] == '\n')
			l++;
	for (int c = 1; c < col && text[at] && text[at] != '\n'; c++)
		for (at++; ((unsigned char)text[at] & 0xC0) == 0x80; at++)
			;
	size_t i = sh->n_pieces;
	while (i > 0 && sh->pieces[i - 1].at > at)
		i--;
	if (i > 0) {
		const shell_source_piece *piece = &sh->pieces[i - 1];
		*source_line = piece->line;
		*source_col = col ? piece->col + code_points(text, piece->at, at) : 0;
		return;
	}
	size_t line_start = 0;
	*source_line = 1;
	for (size_t j = 0; j < at; j++)
		if (text[j] == '\n') {
			(*source_line)++;
			line_start = j + 1;
		}
	*source_col = col ? 1 + code_points(text, line_start, at) : 0;
}

/* A dot-command at q in the text of -c, which reads none (sqlite3 runs
 * one given as its argument): said at its place, with what -c takes. */
static int dot_command_in_c(const shell *sh, const char *text, const char *q)
{
	int line, col;
	bdb_text_position(text, strlen(text), (size_t)(q - text), &line, &col);
	cli_error("%s:%d:%d: a dot-command (%.*s) is not read from -c, only in the REPL, -f "
		  "scripts and standard input; for the output format: --format FMT, or '... as "
		  "FMT' in the statement",
		  sh->source_name, line, col, (int)strcspn(q, " \t\r\n;"), q);
	return EXIT_USAGE;
}

/* Whether line starts a statement: its first word is show, trend, ... */
static bool starts_statement(const char *line)
{
	line += strspn(line, " \t");
	return bdb_query_starts_statement(line, strcspn(line, " \t\r;"));
}

/* On a pipe, and in -c, a line that completes a statement runs it, so a
 * statement written over lines (a here-document is a pipe too) ran its
 * first line alone, and the next failed with only `found "of"`: says why,
 * once. */
static void note_continued_line(shell *sh, const char *name, int line)
{
	if (sh->noted_continued_line)
		return;
	sh->noted_continued_line = true;
	const char *why =
	    sh->command_line
		? "in -c a line that completes a statement ends it: the line above ran alone; "
		  "write the statement on one line, or read it as a script, whose lines join, "
		  "with -f -"
		: "on a pipe (a here-document too) a line that completes a statement runs it: "
		  "the line above ran alone; end a line with '\\' to continue it, or read the "
		  "input whole with -f -";
	fprintf(stderr, "benchdb: note: %s:%d: %s\n", name, line, why);
}

/* Runs every statement in text (sh->pieces say where its pieces came from);
 * returns the worst exit code and stops at the first error when bailing. */
static int run_statements(shell *sh, const char *text)
{
	int worst = EXIT_OK;
	const char *p = text;
	sh->source_text = text;
	bool ran_before_newline = false; /* -c: a statement ran, ended by a newline */
	while (*p && !sh->quit) {
		bool complete;
		size_t n = bdb_query_statement_end(p, &complete);
		const char *q = p;
		while (q < p + n && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
			q++;
		if (!blank(p, n)) {
			char *stmt = strndup(q, n - (size_t)(q - p));
			if (!stmt)
				return EXIT_INPUT;
			sh->statement_at = (size_t)(q - text);
			int code = sh->command_line && *q == '.' ? dot_command_in_c(sh, text, q)
								 : run_statement(sh, stmt);
			free(stmt);
			if (code == EXIT_USAGE && ran_before_newline && !starts_statement(q)) {
				int line, col;
				bdb_text_position(text, strlen(text), (size_t)(q - text), &line, &col);
				note_continued_line(sh, sh->source_name, line);
			}
			ran_before_newline = sh->command_line && p[n] == '\n';
			if (code) {
				sh->errors++;
				if (worst == EXIT_OK)
					worst = code;
				if (sh->bail)
					return worst;
			}
			if (read_interrupted(sh))
				return worst;
		}
		p += n;
		if (*p)
			p++;
	}
	return worst;
}

/* ---- the loop ------------------------------------------------------------- */

/*
 * Where a statement ends (docs/query-language.md, "Statements over several
 * lines"):
 *   scripts (-f, .read) and standard input read from a file: at ';', at
 *     an empty line, at the end of the input, or before a line that starts
 *     with a statement's keyword (show, trend, compare, ...); any other
 *     line continues the statement above, so a clause ("  metric
 *     real_time") may go on its own line;
 *   the REPL and standard input streamed from a pipe or FIFO: at the end
 *     of a line that completes a statement (or ends with ';'); a line
 *     ending with '\' continues, and so does a line where the grammar
 *     needs more or a quote or parenthesis is open.
 * Lines of one statement are joined with a space, after their `--` comment.
 */

/* Follows the strings of text as the lexer reads them ("..." or '...', a
 * backslash escaping the next character), from the quote open before it
 * (0: none). Returns the quote open at its end, and with code the length of
 * text without its `--` comment (outside strings) and the blanks before it. */
static char follow_quotes(const char *text, char quote, size_t *code)
{
	size_t end = 0, i = 0, len = strlen(text);
	for (; text[i]; i++) {
		if (quote && text[i] == '\\' && text[i + 1])
			i++;
		else if (quote && text[i] == quote)
			quote = 0;
		else if (!quote && (text[i] == '"' || text[i] == '\''))
			quote = text[i];
		else if (!quote && bdb_query_comment_at(text + i, len - i))
			break;
		if (!strchr(" \t\r", text[i]))
			end = i + 1;
	}
	if (code)
		*code = end;
	return quote;
}

/* What a script has read of the statement it is joining: the text and
 * where each of its lines came from. */
typedef struct pending_text {
	bdb_buf text;
	shell_source_piece *pieces;
	size_t n_pieces, cap_pieces;
} pending_text;

/* Appends n bytes of line number line_number, from column col, to pending,
 * after sep when it holds text already. Returns false when out of memory. */
static bool pending_append(pending_text *pending, char sep, const char *text, size_t n,
			   int line_number, int col)
{
	if (pending->n_pieces == pending->cap_pieces) {
		size_t cap = pending->cap_pieces ? 2 * pending->cap_pieces : 8;
		shell_source_piece *grown = realloc(pending->pieces, cap * sizeof *grown);
		if (!grown)
			return false;
		pending->pieces = grown;
		pending->cap_pieces = cap;
	}
	if (pending->text.len)
		bdb_buf_putc(&pending->text, sep);
	pending->pieces[pending->n_pieces++] =
	    (shell_source_piece){.at = pending->text.len, .line = line_number, .col = col};
	bdb_buf_append(&pending->text, text, n);
	return !pending->text.failed;
}


/* Runs what is pending and empties it; a usage error of a statement that
 * seemed to continue the line above (continued_line: its first line, else
 * 0) gets note_continued_line. */
static int flush_pending(shell *sh, line_editor *ed, pending_text *pending, int continued_line)
{
	if (!pending->text.len)
		return EXIT_OK;
	const char *text = bdb_buf_cstr(&pending->text);
	if (sh->interactive)
		lineedit_add_history(ed, text);
	sh->pieces = pending->pieces;
	sh->n_pieces = pending->n_pieces;
	int code = run_statements(sh, text);
	sh->pieces = NULL;
	sh->n_pieces = 0;
	bdb_buf_reset(&pending->text);
	pending->n_pieces = 0;
	if (code == EXIT_USAGE && continued_line)
		note_continued_line(sh, sh->source_name ? sh->source_name : "<stdin>",
				    continued_line);
	return code;
}

int shell_loop(shell *sh, FILE *in, const char *name)
{
	line_editor *ed = lineedit_open(in, sh->interactive, sh->history_path,
					sh->interactive ? shell_complete : NULL, sh);
	if (!ed)
		return EXIT_INPUT;
	const char *saved_name = sh->source_name;
	sh->source_name = sh->interactive ? NULL : name;
	/* The errors of the lines read here say their own places. */
	const char *saved_place = cli_error_place(NULL);
	pending_text pending = {0};
	bdb_buf_init(&pending.text);
	int worst = EXIT_OK, lineno = 0;
	/* The REPL and a stream (a pipe or FIFO, whose next line may not be
	 * written yet) run a statement at the end of the line completing it;
	 * scripts and files look at the next line first. */
	bool line_at_a_time = sh->interactive || sh->streaming;
	bool continued = false; /* the pending line ended with '\\' */
	/* On a pipe: the line above ran a statement it completed without ';',
	 * and the first line of the pending statement, when it looked like
	 * a continuation of that one (else 0). */
	bool ran_at_line_end = false;
	int continued_line = 0;
	while (!sh->quit && !read_interrupted(sh)) {
		const char *prompt = pending.text.len ? "   ...> " : "benchdb> ";
		bool intr;
		/* An idle session holds no reader slot of the store. */
		if (sh->store)
			bdb_store_release_readers(sh->store);
		size_t len;
		char *line = lineedit_read(ed, prompt, &len, &intr);
		if (!line) {
			if (intr && sh->interactive) {
				/* Ctrl-C at the prompt drops the unfinished statement. */
				fputc('\n', stdout);
				bdb_buf_reset(&pending.text);
				pending.n_pieces = 0;
				interrupted = 0;
				continue;
			}
			if (sh->interactive)
				fputc('\n',
				      stdout); /* Ctrl-D: the shell's prompt on a line of its own */
			break;
		}
		lineno++;
		bool line_after_run = ran_at_line_end;
		ran_at_line_end = false;
		/* A script saved with a byte order mark (Windows editors write
		 * one): the mark is no statement's text. */
		if (lineno == 1 && !sh->interactive && len >= 3 &&
		    memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			memmove(line, line + 3, len - 2);
			len -= 3;
		}
		if (strlen(line) < len) {
			/* A session streams: what came before has run, nothing after. */
			worst = nul_error(name, lineno, line, len, strlen(line),
					  "nothing from here on ran");
			sh->errors++;
			free(line);
			break;
		}
		/* What people type to leave or to ask, as in psql and sqlite3. */
		char command[64];
		if (pending.text.len == 0 && sh->interactive &&
		    repl_habit(line, command, sizeof command)) {
			lineedit_add_history(ed, line);
			free(line);
			run_dot_command(sh, command);
			continue;
		}
		/* A line inside a string the lines above opened is text. */
		char quote = follow_quotes(bdb_buf_cstr(&pending.text), 0, NULL);
		/* A comment-only line is blank but ends nothing. */
		bool is_blank = !quote && blank(line, strlen(line));
		bool is_empty = line[strspn(line, " \t\r")] == '\0';
		/* A script's statement ends before an empty line, a dot-command
		 * or a line that starts a statement (while no quote or
		 * parenthesis is open). */
		if (!line_at_a_time && pending.text.len &&
		    (is_empty || line[0] == '.' ||
		     (starts_statement(line) &&
		      bdb_query_is_complete(bdb_buf_cstr(&pending.text))))) {
			int code = flush_pending(sh, ed, &pending, 0);
			if (code) {
				worst = worst ? worst : code;
				if (sh->bail) {
					free(line);
					break;
				}
			}
		}
		if (pending.text.len == 0 && line[0] == '.') {
			lineedit_add_history(ed, line);
			/* A script's failed dot-command says its line: `.read
			 * inner.bq` said only "inner.bq: cannot open". */
			char place[256];
			if (!sh->interactive && name)
				snprintf(place, sizeof place, "%s:%d:1: ", name, lineno);
			const char *was = cli_error_place(!sh->interactive && name ? place : NULL);
			int code = run_dot_command(sh, line);
			cli_error_place(was);
			free(line);
			if (code) {
				sh->errors++;
				worst = worst ? worst : code;
				if (sh->bail)
					break;
			}
			continue;
		}
		/* A comment-only line ends nothing; in the REPL and on a pipe an
		 * empty line gives up on an unfinished statement (and runs it, which
		 * reports what it lacks). */
		if (is_blank && (pending.text.len == 0 || !line_at_a_time || !is_empty)) {
			free(line);
			continue;
		}
		if (pending.text.len == 0) {
			bool looks_continued = sh->streaming && !sh->interactive &&
					       line_after_run && !starts_statement(line);
			continued_line = looks_continued ? lineno : 0;
		}
		size_t n;
		follow_quotes(line, quote, &n);
		bool more = line_at_a_time && n && line[n - 1] == '\\';
		if (more)
			n--;
		/* The indentation of a continued line goes. */
		size_t skip = pending.text.len ? strspn(line, " \t") : 0;
		if (skip > n)
			skip = n;
		bool appended = pending_append(&pending, line_at_a_time && !continued ? '\n' : ' ',
					       line + skip, n - skip, lineno, (int)skip + 1);
		continued = more;
		free(line);
		if (!appended) {
			cli_error("out of memory");
			worst = EXIT_INPUT;
			break;
		}
		const char *text = bdb_buf_cstr(&pending.text);
		bool ends_statement = pending.text.len && text[pending.text.len - 1] == ';';
		/* The REPL runs a line that completes a statement; a quote or
		 * parenthesis still open asks for more in both. */
		if (more || !bdb_query_is_complete(text) || (!line_at_a_time && !ends_statement))
			continue;
		ran_at_line_end = sh->streaming && !ends_statement;
		int code = flush_pending(sh, ed, &pending, continued_line);
		if (code) {
			worst = worst ? worst : code;
			if (sh->bail)
				break;
		}
	}
	if (pending.text.len && sh->interactive && !sh->quit) {
		/* Ctrl-D at the continuation prompt leaves: what was typed is
		 * unfinished (`drop baseline main \`), and running it dropped
		 * the baseline of someone who only meant to leave. */
		fprintf(stderr, "benchdb: note: the unfinished statement was not run\n");
	} else if (pending.text.len && !sh->quit && !(sh->bail && worst) && !read_interrupted(sh)) {
		/* End of input: run what is pending (an open quote or parenthesis
		 * is then reported). */
		int code = flush_pending(sh, ed, &pending, continued_line);
		if (code)
			worst = worst ? worst : code;
	}
	bdb_buf_free(&pending.text);
	free(pending.pieces);
	lineedit_close(ed);
	sh->source_name = saved_name;
	cli_error_place(saved_place);
	return worst;
}

/* Sets up a shell; EXIT_USAGE (reported) when the default format is not
 * one of the six. */
static int shell_init(shell *sh, cli_ctx *ctx, const shell_options *opt)
{
	memset(sh, 0, sizeof *sh);
	bdb_output_format f;
	/* The chart formats draw only some statements: they are asked for with
	 * `as svg|html|chart` in the statement, never as the default. */
	if (opt->format &&
	    (bdb_output_format_parse(opt->format, BDB_OUTPUT_FOR_QUERY, &f) != 0 || bdb_output_format_is_picture(f))) {
		bdb_buf list;
		bdb_buf_init(&list);
		bdb_output_format_put_list(&list, BDB_OUTPUT_FOR_MODE);
		cli_error("--format: expected %s, got '%s'", bdb_buf_cstr(&list), opt->format);
		bdb_buf_free(&list);
		return EXIT_USAGE;
	}
	/* --fail counts the regressions of the result table, which stays on
	 * the server. */
	if (ctx->server && opt->fail_on_regressions) {
		cli_error("--fail does not work with --server (the result tables stay on the "
			  "server): gate with 'benchdb --server URL check', or read the "
			  "regressions with --json");
		return EXIT_USAGE;
	}
	/* --db named a store the statements would not read: they went to the
	 * server, --db ignored in silence (check says it too). */
	if (ctx->server && ctx->db_given) {
		cli_error("--server runs the statements on the server's store: give no --db or "
			  "--data");
		return EXIT_USAGE;
	}
	sh->ctx = ctx;
	sh->bail = opt->bail;
	sh->interactive = opt->interactive;
	sh->format = opt->format ? opt->format : bdb_output_format_name(BDB_OUTPUT_TABLE);
	sh->fail_on_regressions = opt->fail_on_regressions;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: Ctrl-C interrupts a blocking read */
	if (opt->interactive)
		sigaction(SIGINT, &sa, NULL);
	return EXIT_OK;
}

static int shell_finish(shell *sh, int code)
{
	shell_close_output(sh);
	bdb_store_close(sh->store);
	free(sh->db_dir_owned);
	free(sh->history_path);
	if (code == EXIT_OK && sh->found_regressions)
		return EXIT_REGRESSIONS;
	/* --fail with statements that judge nothing (show, trend, changes)
	 * could never fail: a gate that always passes. */
	if (code == EXIT_OK && sh->fail_on_regressions && !sh->judged) {
		cli_error("--fail: no regressions or compare statement ran, so nothing could fail "
			  "(--fail counts the regressions they find)");
		return EXIT_USAGE;
	}
	return code;
}

volatile sig_atomic_t *shell_cancel_flag(void)
{
	return &interrupted;
}

int shell_run_string(cli_ctx *ctx, const char *text, const shell_options *opt)
{
	shell sh;
	int code = shell_init(&sh, ctx, opt);
	if (code)
		return code;
	sh.bail = true;
	sh.command_line = true;
	sh.source_name = "<command line>"; /* errors say <command line>:LINE:COL */
	return shell_finish(&sh, run_statements(&sh, text));
}

int shell_run_stream(cli_ctx *ctx, FILE *in, const char *name, const shell_options *opt)
{
	shell sh;
	int code = shell_init(&sh, ctx, opt);
	if (code)
		return code;
	struct stat st;
	sh.streaming = fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode);
	return shell_finish(&sh, shell_loop(&sh, in, name));
}

int shell_run_file(cli_ctx *ctx, const char *path, const shell_options *opt)
{
	shell sh;
	int code = shell_init(&sh, ctx, opt);
	if (code)
		return code;
	return shell_finish(&sh, run_script(&sh, path, strcmp(path, "-") == 0 ? "<stdin>" : path));
}

/* The history file: $BENCHDB_HISTORY, else $XDG_STATE_HOME/benchdb_history
 * ($XDG_STATE_HOME made, mode 0700, when missing, as the XDG spec says: the
 * history of a new account was lost; a relative one ignored), else
 * ~/.benchdb_history. */
static char *history_path(void)
{
	const char *env = getenv("BENCHDB_HISTORY");
	if (env && *env)
		return strdup(env);
	bdb_buf b;
	bdb_buf_init(&b);
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	/* A relative one is invalid, to be ignored (the XDG spec). */
	if (state && *state == '/') {
		bdb_buf_printf(&b, "%s/benchdb_history", state);
		/* A failure is said when the history is saved. */
		bdb_make_parents(bdb_buf_cstr(&b), 0700);
	} else if (home && *home)
		bdb_buf_printf(&b, "%s/.benchdb_history", home);
	else
		return NULL;
	char *path = strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return path;
}

int shell_repl(cli_ctx *ctx, const shell_options *opt)
{
	shell sh;
	int code = shell_init(&sh, ctx, opt);
	if (code)
		return code;
	sh.history_path = history_path();
	ctx->other_store_hint = SHELL_OTHER_STORE;
	if (shell_store_exists(ctx->db_dir))
		printf("benchdb — store %s. Enter \".help\" for help, Ctrl-D to leave.\n",
		       ctx->db_dir);
	else
		printf("benchdb — no store at %s yet. Make one with 'benchdb ingest FILE' (or "
		       "'.open DIR' for another). Enter \".help\" for help, Ctrl-D to leave.\n",
		       ctx->db_dir);
	code = shell_loop(&sh, stdin, "<tty>");
	/* In the REPL, errors were shown as they came; leaving is not an error. */
	shell_finish(&sh, code);
	return EXIT_OK;
}
