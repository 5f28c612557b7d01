/*
 * main.c - the benchdb program: global options and subcommand dispatch.
 *
 *   benchdb [--db DIR]                 REPL on a terminal, else statements from stdin
 *   benchdb [--db DIR] -c 'STATEMENT'  one-shot
 *   benchdb [--db DIR] -f FILE [--bail]
 *   benchdb SUBCOMMAND [options]       see usage below
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

#define BENCHDB_VERSION "0.1.0"

static const char usage_text[] =
    "usage: benchdb [--db DIR] [--json] [-c STATEMENT | -f FILE [--bail]]\n"
    "       benchdb --server URL [--token-file F] [--json] [-c STATEMENT | -f FILE]\n"
    "       benchdb --server URL check [OPTIONS]\n"
    "       benchdb [--db DIR] SUBCOMMAND [OPTIONS]\n"
    "\n"
    "An embedded time-series database for benchmark results.\n"
    "\n"
    "With no subcommand, benchdb runs the REPL when standard input is a terminal,\n"
    "and otherwise reads statements from standard input.\n"
    "\n"
    "Subcommands:\n"
    "  query STATEMENT        run one statement (like -c)\n"
    "  ingest FILE|DIR|-      store benchmark results (auto-detects the format)\n"
    "  import-benchkit DIR    migrate a benchkit store (runs/, baselines/, config.json)\n"
    "  import-gab data.js     import a github-action-benchmark history\n"
    "  import-asv RESULTS_DIR import airspeed velocity (asv) results\n"
    "  import-otava FILE.csv  import an Apache Otava (Hunter) CSV history\n"
    "  export [RUN]           write a run as benchkit JSON, json, csv, tsv or markdown\n"
    "  check                  the CI gate: a run vs a baseline or branch, exit 1 on\n"
    "                         regressions, 3 on a missing store, baseline or run\n"
    "  baseline [list|set|drop]  list (the default) or manage named baselines\n"
    "  summary [RUN]          one run, grouped by scenario (benchkit's text)\n"
    "  trend --metric M --point P   one series over time (benchkit's text)\n"
    "  trend|compare|rank|regressions|changes|show|annotate ...   that statement, as -c\n"
    "  verify                 check every run and index; exit 3 on any problem\n"
    "  stats                  runs, series, observations, bytes on disk\n"
    "  backup DIR             a compacted, consistent copy of the store\n"
    "  compact                give data.mdb's free pages back (readers may stay open)\n"
    "  reindex                recompute every series' persisted change points\n"
    "  drop-run ID...         remove runs (and the baselines on them) by exact id\n"
    "  retain [--dry-run]     apply the retention policy (--set POLICY stores one)\n"
    "  chart STATEMENT [-o F] a trend or changes statement as an SVG chart\n"
    "  report [-o FILE]       the store's history as one self-contained HTML page\n"
    "  serve [--listen H:P]   the store over HTTP: the JSON API of docs/api.md\n"
    "  push --server URL FILE...  upload results to a 'benchdb serve' (from CI)\n"
    "  record -- CMD...       run and time a command (hyperfine's statistics), store it\n"
    "\n"
    "Options:\n"
    "  --db DIR, --data DIR   the store (default: $BENCHDB_DIR, else ./benchmark-data;\n"
    "                         an empty one is an error, as git's GIT_DIR)\n"
    "  -c STATEMENT           run one statement and exit\n"
    "  -f FILE                run the statements of FILE ('-' for stdin); a statement\n"
    "                         ends at ';', an empty line or a line starting another\n"
    "  --bail                 with -f or stdin: stop at the first error\n"
    "  --fail                 exit 1 when a 'regressions' statement finds any, or\n"
    "                         a 'compare' a verdict regression; exit 3 when it\n"
    "                         judged nothing (a run against itself, no series);\n"
    "                         exit 2 when neither statement ran\n"
    "  --json                 JSON output (same as '... as json')\n"
    "  --format FMT           default output format: table, json, csv, tsv, markdown,\n"
    "                         line (tsv: a TAB between fields; \\t \\n \\r \\\\ inside)\n"
    "                         (charts: '... as svg|html|chart' in the statement)\n"
    "  --server URL           run the statements, or check, on 'benchdb serve' at URL,\n"
    "                         with the output a local store gives (--token-file F,\n"
    "                         else $BENCHDB_TOKEN: its token, for set/drop baseline)\n"
    "  --no-pager             never page a table taller than the terminal\n"
    "                         (else $PAGER, default 'less -FRX')\n"
    "  -h, --help             this help; 'benchdb SUBCOMMAND --help' (or 'benchdb help\n"
    "                         SUBCOMMAND') for a subcommand\n"
    "  --version              print the version\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  regressions found (check, or 'regressions'/'compare' with --fail; check --strict:\n"
    "     also inconclusive comparisons)\n"
    "  2  usage or query error\n"
    "  3  input or storage error (a missing store, baseline or run included)\n"
    "  4  push, --server: the server did not answer, refused the token (401, 403)\n"
    "     or failed (5xx, 503)\n"
    "\n"
    "Environment: BENCHDB_DIR (store), BENCHDB_TOKEN (push, --server), NO_COLOR\n"
    "or TERM=dumb (no colour), PAGER (tables), BENCHDB_HISTORY (REPL history).\n"
    "See the benchdb(1) man page and docs/ for the query language.\n";

/*
 * After a command that stores or removes runs: the persisted change points'
 * answers of the series it touched (bdb_query_changes_settle), so that
 * `changes` reads them. Quiet and harmless when there is no store, it is
 * read-only or keeps no change points; a failure leaves the answers to be
 * computed when `changes` runs.
 */
static void settle_changes(const cli_ctx *ctx)
{
	/* Read-only first: a store that keeps no change points (or one of an
	 * older format, which opening for writing would upgrade) is left
	 * untouched, whatever the command did (--help, a usage error). */
	bdb_store_options opt = {.no_create = true, .read_only = true, .no_upgrade = true};
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_store *store;
	if (bdb_store_open(ctx->db_dir, &opt, &store, &d) != 0)
		return;
	bool kept = false;
	bdb_reader *r;
	if (bdb_reader_begin(store, &r) == 0) {
		(void)bdb_reader_changes_kept(r, &kept);
		bdb_reader_end(r);
	}
	bdb_store_close(store);
	opt.read_only = false;
	if (!kept || bdb_store_open(ctx->db_dir, &opt, &store, &d) != 0)
		return;
	bdb_query_changes_settle(store, NULL, NULL);
	bdb_store_close(store);
}

/* A subcommand, and why it refuses --json when it does (NULL: it honours
 * --json and prints JSON). */
typedef struct subcommand {
	const char *name;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
	const char *no_json;
	bool writes_runs; /* then the change points' answers are settled after it */
} subcommand;

static const subcommand subcommands[] = {
    {"ingest", cmd_ingest,
     "it prints one line per stored run; list them with 'show runs as json' (the formats: "
     "ingest --list-formats --json)",
     true},
    {"import-benchkit", cmd_import_benchkit, "it prints one line per stored run", true},
    {"import-gab", cmd_import_gab, "it prints what it stored", true},
    {"import-asv", cmd_import_asv, "it prints what it stored", true},
    {"import-otava", cmd_import_otava, "it prints what it stored", true},
    {"export", cmd_export, "use --format json", false},
    {"check", cmd_check, NULL, false},
    {"baseline", cmd_baseline, NULL, false},
    {"summary", cmd_summary, NULL, false},
    /* benchkit's form; the trend statement honours --json */
    {"trend", cmd_trend, "use the statement: benchdb trend METRIC of POINT", false},
    {"verify", cmd_verify, "it prints no data", false},
    {"stats", cmd_stats, NULL, false},
    {"backup", cmd_backup, "it prints no data", false},
    {"compact", cmd_compact, "it prints no data", false},
    {"reindex", cmd_reindex, "it prints no data", true},
    {"drop-run", cmd_drop_run, "it prints one line per dropped run", true},
    {"retain", cmd_retain, "it prints one line per run it changes", true},
    {"chart", cmd_chart, "it writes SVG", false},
    {"report", cmd_report, "it writes HTML", false},
    {"serve", cmd_serve, "its API answers in JSON", false},
    {"push", cmd_push, "it prints one line per pushed run", false},
    {"record", cmd_record,
     "it prints statistics and the stored run's id; read the run with 'export --format json'",
     true},
};

/* An argument that is not a plain token of the language (BM_sort/1024,
 * CV-1/small) was unquoted by the shell: quote it again. Arguments holding a
 * space or a quote are statement text, passed as they are. */
static bool needs_quotes(const char *arg)
{
	if (!*arg || strpbrk(arg, " \t\n\"'"))
		return false;
	return strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			   "_~.%-,=!()<>;") != strlen(arg);
}

/* --format VALUE, or --json (value NULL): given again alike is fine;
 * another format is a usage error, as check says it (the last one won in
 * silence, CSV printed to a JSON reader). */
static bool take_format(cli_ctx *ctx, shell_options *sopt, const char *value)
{
	const char *v = value ? value : bdb_output_format_name(BDB_OUTPUT_JSON);
	if (sopt->format && strcasecmp(sopt->format, v) != 0) {
		if (!value || ctx->json)
			cli_error("--json and --format %s disagree; give one",
				  value ? value : sopt->format);
		else
			cli_error("--format given twice ('%s', then '%s'); give one", sopt->format,
				  value);
		return false;
	}
	ctx->json = ctx->json || !value;
	sopt->format = v;
	return true;
}

/* The global options of statements that the statement subcommands also
 * take after their word (`benchdb regressions --fail`, as git takes its
 * options after the subcommand): else the shell's "--fail" would be read as
 * a comment and dropped. "--" ends them. Sets *i past the option; returns
 * EXIT_OK, or prints the error and returns EXIT_USAGE. */
static const char statement_options_text[] =
    "Options, before the words or among them: --json, --format FMT, --fail,\n"
    "--no-pager, --db DIR; after -- every argument is statement text.\n";

static int statement_option(cli_ctx *ctx, shell_options *sopt, int argc, char **argv, int *i)
{
	const char *arg = argv[*i], *value;
	bool bad = false;
	if (cli_opt_value(argc, argv, i, "--format", &value, &bad)) {
		bad = bad || !take_format(ctx, sopt, value);
	} else if (cli_opt_value(argc, argv, i, "--db", &value, &bad) ||
		   cli_opt_value(argc, argv, i, "--data", &value, &bad)) {
		if (!bad)
			ctx->db_dir = value;
	} else if (strcmp(arg, "--json") == 0) {
		bad = !take_format(ctx, sopt, NULL);
	} else if (strcmp(arg, "--fail") == 0) {
		sopt->fail_on_regressions = true;
	} else if (strcmp(arg, "--no-pager") == 0) {
		ctx->no_pager = true;
	} else if (strncmp(arg, "--server", 8) == 0 || strncmp(arg, "--token-file", 12) == 0) {
		/* Where the statement runs is chosen before the word. */
		cli_error("%s: %.*s goes before the word: benchdb %.*s ... %s ...", argv[0],
			  (int)strcspn(arg, "="), arg, (int)strcspn(arg, "="), arg, argv[0]);
		fprintf(stderr, "try 'benchdb --help'\n");
		return EXIT_USAGE;
	} else {
		return cli_unknown_option(argv[0], statement_options_text, arg);
	}
	if (bad)
		fprintf(stderr, "try 'benchdb %s --help'\n", argv[0]);
	return bad ? EXIT_USAGE : EXIT_OK;
}

/* argv[i] is the text of `annotate commit C as intended|ignore TEXT` given as
 * the shell left it (`"new allocator"`: one argument with a blank), and not
 * quoted for the language already: it is quoted, as the shell's quotes
 * meant it to be one. */
static bool annotation_text(char **argv, int i)
{
	return strcmp(argv[0], "annotate") == 0 && i >= 5 && strcasecmp(argv[i - 2], "as") == 0 &&
	       (strcasecmp(argv[i - 1], "intended") == 0 || strcasecmp(argv[i - 1], "ignore") == 0) &&
	       argv[i][0] != '"' && argv[i][0] != '\'';
}

/* argv[i] is a name after `of` or a tag's value after `=` / `!=` / `~` (a
 * glob: `point '~' "parse #d6F*"`) given as the shell left it (`of "fib 15"`: one argument with a
 * blank), not quoted for the language already: it is quoted, as the shell's quotes meant it to be
 * one name (else `trend time of fib 15` failed at "15"). A whole statement
 * in one argument never follows one of these words as its own argument. */
static bool unquoted_name(char **argv, int i)
{
	const char *prev = i > 1 ? argv[i - 1] : "";
	return (strcasecmp(prev, "of") == 0 || strcmp(prev, "=") == 0 || strcmp(prev, "!=") == 0 ||
		strcmp(prev, "~") == 0) &&
	       argv[i][0] != '"' && argv[i][0] != '\'' && strpbrk(argv[i], " \t");
}

/* `benchdb WORD ARGS...`: the statement WORD ARGS, run as -c runs it; an
 * argument starting with '-' is an option (statement_option). */
static int run_statement_subcommand(cli_ctx *ctx, shell_options *sopt, int argc, char **argv)
{
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(&text, argv[0]);
	bool options_ended = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!options_ended && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
			/* The statement's usage, summary and example (its table row),
			 * and the options statement_option takes (which completion
			 * reads from here). */
			bdb_buf_reset(&text);
			bdb_query_statement_help(argv[0], &text);
			fputs(bdb_buf_cstr(&text), stdout);
			fputs(statement_options_text, stdout);
			if (strcmp(argv[0], "trend") == 0)
				printf("\n%s", cli_trend_usage);
			bdb_buf_free(&text);
			return EXIT_OK;
		}
		if (!options_ended && strcmp(arg, "--") == 0) {
			options_ended = true;
			continue;
		}
		/* "-5%" is statement text (a negative number), "-x" an option. */
		bool option = arg[0] == '-' && (arg[1] == '-' || isalpha((unsigned char)arg[1]));
		if (!options_ended && option) {
			int code = statement_option(ctx, sopt, argc, argv, &i);
			if (code) {
				bdb_buf_free(&text);
				return code;
			}
			continue;
		}
		/* `where point ~ "x*"` typed unquoted: the shell made the ~ a
		 * path, and the parser's "found string "/home/me"" named none. */
		const char *home = getenv("HOME");
		if (home && *home && strcmp(arg, home) == 0 && i > 1 && i + 1 < argc)
			fprintf(stderr,
				"benchdb: note: %s: argument %d is your home directory: the "
				"shell turns an unquoted ~ into it; quote the where operator, "
				"'~'\n",
				argv[0], i);
		bdb_buf_putc(&text, ' ');
		if (needs_quotes(arg) || annotation_text(argv, i) || unquoted_name(argv, i))
			bdb_query_put_name(&text, arg);
		else
			bdb_buf_puts(&text, arg);
	}
	int code = text.failed ? EXIT_INPUT : shell_run_string(ctx, bdb_buf_cstr(&text), sopt);
	bdb_buf_free(&text);
	return code;
}

/* benchkit's trend: one of its own options (--metric, --point,
 * --framework, --n-runs) or benchkit's --data is given. The statement takes
 * options before its words too: `trend --db DIR time` and `trend --json
 * time` were read as benchkit's form ("unexpected argument 'time'").
 * `trend --help` is the statement's help, which shows benchkit's form too. */
static bool benchkit_trend(int argc, char **argv)
{
	static const char *const options[] = {"--metric", "--point", "--framework", "--n-runs",
					      "--data"};
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		for (size_t k = 0; k < sizeof options / sizeof *options; k++) {
			size_t n = strlen(options[k]);
			if (strncmp(argv[i], options[k], n) == 0 &&
			    (argv[i][n] == '\0' || argv[i][n] == '='))
				return true;
		}
	return false;
}

static int unknown_subcommand(const char *word)
{
	const char *names[sizeof subcommands / sizeof *subcommands + 64] = {"help", "query"};
	size_t n = 2;
	for (size_t k = 0; k < sizeof subcommands / sizeof *subcommands; k++)
		names[n++] = subcommands[k].name;
	bdb_query_subcommands(names + n, sizeof names / sizeof *names - n);
	const char *near = bdb_query_nearest(word, names);
	/* `benchdb runs`: the object of a show statement, alone. */
	char show[80];
	bdb_buf help;
	bdb_buf_init(&help);
	bool is_show = (size_t)snprintf(show, sizeof show, "show %s", word) < sizeof show &&
		       bdb_query_statement_help(show, &help) == 0;
	bdb_buf_free(&help);
	if (is_show)
		cli_error("unknown subcommand '%s'; did you mean '%s'?", word, show);
	else if (strcmp(word, "version") == 0) /* git version */
		cli_error("unknown subcommand 'version'; did you mean '--version'?");
	else if (strcmp(word, "repl") == 0 || strcmp(word, "shell") == 0)
		cli_error("unknown subcommand '%s': the REPL is 'benchdb' with no subcommand "
			  "(standard input a terminal)",
			  word);
	else if (strcmp(word, "drop") == 0 || strcmp(word, "set") == 0)
		/* drop annotation, drop baseline, set baseline: statements only. */
		cli_error("unknown subcommand '%s': '%s %s' is a statement; run it with -c "
			  "(benchdb -c '%s %s ...'); a baseline also with 'benchdb baseline %s "
			  "NAME%s'",
			  word, word,
			  strcmp(word, "drop") == 0 ? "annotation|baseline" : "baseline", word,
			  strcmp(word, "drop") == 0 ? "annotation commit C" : "baseline NAME =",
			  word, strcmp(word, "drop") == 0 ? "" : " [RUN]");
	else if (near)
		cli_error("unknown subcommand '%s'; did you mean '%s'?", word, near);
	else
		cli_error("unknown subcommand '%s'", word);
	fprintf(stderr, "try 'benchdb --help'\n");
	return EXIT_USAGE;
}

static int run_subcommand(cli_ctx *ctx, shell_options *sopt, const char *statement_only,
			  int argc, char **argv);

/* `benchdb help [WORD]`: the usage, or WORD's (`WORD --help`, as git help
 * WORD). */
static int run_help(cli_ctx *ctx, shell_options *sopt, int argc, char **argv)
{
	if (argc == 1 || (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
					strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0))) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (argc > 2 || argv[1][0] == '-') {
		cli_error("help: expected a subcommand, got '%s'", argv[argc > 2 ? 2 : 1]);
		fprintf(stderr, "try 'benchdb --help'\n");
		return EXIT_USAGE;
	}
	char help_option[] = "--help";
	char *help_argv[] = {argv[1], help_option, NULL};
	return run_subcommand(ctx, sopt, NULL, 2, help_argv);
}

/* statement_only: an option given before the word that only statements take
 * (--format, --fail, --bail), or NULL. */
static int run_subcommand(cli_ctx *ctx, shell_options *sopt, const char *statement_only,
			  int argc, char **argv)
{
	const char *word = argv[0];
	if (strcmp(word, "help") == 0)
		return run_help(ctx, sopt, argc, argv);
	if (strcmp(word, "query") == 0)
		return cmd_query(ctx, sopt, argc, argv);
	bool benchkit = strcmp(word, "trend") == 0 && benchkit_trend(argc, argv);
	/* It read the local store, --server or not. */
	if (benchkit && ctx->server) {
		cli_error("trend: benchkit's form (--metric, --point) reads a local store; on the "
			  "server the statement: benchdb --server URL trend METRIC of POINT");
		return EXIT_USAGE;
	}
	bool statement = bdb_query_is_subcommand(word) && !benchkit;
	if (statement)
		return run_statement_subcommand(ctx, sopt, argc, argv);
	for (size_t k = 0; k < sizeof subcommands / sizeof *subcommands; k++) {
		const subcommand *sc = &subcommands[k];
		if (strcmp(word, sc->name) != 0)
			continue;
		if (ctx->json && sc->no_json) {
			cli_error("%s: --json is not supported: %s", word, sc->no_json);
			return EXIT_USAGE;
		}
		/* Dropped without a word, --fail would let a gate pass. */
		if (statement_only) {
			cli_error("%s goes with statements (-c, -f, query, trend, ...), not '%s'",
				  statement_only, word);
			fprintf(stderr, "try 'benchdb %s --help'\n", word);
			return EXIT_USAGE;
		}
		int code = sc->run(ctx, argc, argv);
		if (sc->writes_runs)
			settle_changes(ctx);
		return code;
	}
	return unknown_subcommand(word);
}

void cli_put_text(FILE *f, const char *text, bool lines)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		bool kept = lines && (*p == '\n' || *p == '\t');
		fputc((*p < 0x20 && !kept) || *p == 0x7f ? '?' : *p, f);
	}
}

bool cli_terminal_dumb(void)
{
	const char *term = getenv("TERM");
	return term && strcmp(term, "dumb") == 0;
}

void cli_progress(const char *line)
{
	/* A line longer than the terminal wraps, and "\r\033[K" then clears
	 * only its last row: each update would leave a row behind. */
	struct winsize ws;
	size_t columns = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1
			     ? ws.ws_col - 1u
			     : SIZE_MAX;
	size_t n = 0, used = 0;
	for (; line[n]; n++) {
		bool starts = ((unsigned char)line[n] & 0xC0) != 0x80; /* a code point */
		if (starts && used++ == columns)
			break;
	}
	fprintf(stderr, "\r\033[K%.*s", (int)n, line);
	fflush(stderr);
}

/* An error's text on stderr: a name from a file or the answer of a server
 * (`push`, `--server`) sends no escape sequence to the terminal (one that
 * sets its title, clears it or types); its lines stay (a caret message). */
/* The text of the process's first error (cli_first_error): what a step
 * summary says when a gate could not judge. */
static char first_error[1024];
static bool first_error_open, first_error_done;

static void first_error_begin(void)
{
	if (!first_error_done)
		first_error_open = true;
}

static void first_error_end(void)
{
	if (first_error_open)
		first_error_done = true;
	first_error_open = false;
}

const char *cli_first_error(void)
{
	return first_error;
}

static void put_error_text(const char *text)
{
	cli_put_text(stderr, text, true);
	if (first_error_open) {
		size_t used = strlen(first_error);
		snprintf(first_error + used, sizeof first_error - used, "%s", text);
	}
}

/* put_error_text of fmt's text. */
static void put_error_format(const char *fmt, va_list ap)
{
	char small[1024], *text = small;
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small && (text = malloc((size_t)n + 1)) != NULL)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	va_end(again);
	put_error_text(text ? text : small); /* out of memory: the text cut short */
	if (text && text != small)
		free(text);
}

/* Where the errors being reported are, "FILE:LINE:COL: ", or NULL. */
static const char *error_place;

const char *cli_error_place(const char *place)
{
	const char *was = error_place;
	error_place = place;
	return was;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("benchdb: error: ", stderr);
	first_error_begin();
	if (error_place)
		put_error_text(error_place);
	va_start(ap, fmt);
	put_error_format(fmt, ap);
	va_end(ap);
	first_error_end();
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("benchdb: error: ", stderr);
	first_error_begin();
	put_error_text(cmd);
	put_error_text(": ");
	va_start(ap, fmt);
	put_error_format(fmt, ap);
	va_end(ap);
	first_error_end();
	fprintf(stderr, "\ntry 'benchdb %s --help'\n", cmd);
	return EXIT_USAGE;
}

int cli_time_option(const char *cmd, const char *opt, const char *text, int64_t *out)
{
	char why[80];
	if (bdb_time_parse(text, out) == 0)
		return 0;
	if (bdb_time_impossible(text, why, sizeof why))
		cli_error("%s: %s: no such time '%s': %s", cmd, opt, text, why);
	else
		cli_error("%s: %s: cannot read '%s' as a time (expected e.g. 2026-01-31 or "
			  "2026-01-31T12:00:00Z)",
			  cmd, opt, text);
	return EXIT_USAGE;
}

void cli_error_diag(const bdb_diag *d)
{
	char buf[1400];
	bdb_diag_format(d, buf, sizeof buf);
	fputs("benchdb: error: ", stderr);
	first_error_begin();
	if (error_place)
		put_error_text(error_place);
	put_error_text(buf);
	first_error_end();
	fputc('\n', stderr);
}

int cli_exit_code(int err)
{
	switch (err) {
	case BDB_OK:
		return EXIT_OK;
	case BDB_EQUERY:
	case BDB_EINVAL:
		return EXIT_USAGE;
	default:
		return EXIT_INPUT;
	}
}

bool cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value, bool *bad)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return false;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return true;
	}
	if (arg[n] != '\0')
		return false;
	if (*i + 1 >= argc) {
		cli_error("option %s needs a value", name);
		*bad = true;
		return true;
	}
	*value = argv[++*i];
	return true;
}

/* The long option of usage nearest to option (its text before any '='),
 * copied into buf; NULL when none is near enough to be its typo. The options
 * are the words of usage that start with "--" after a blank, '[', '|' or
 * '(' (the --help text lists every option a command takes). */
static const char *nearest_option(const char *usage, const char *option, char *buf, size_t size)
{
	enum { MAX_OPTIONS = 64, MAX_NAME = 40 };
	char names[MAX_OPTIONS][MAX_NAME], word[MAX_NAME];
	const char *candidates[MAX_OPTIONS + 1];
	size_t n = 0, len = strcspn(option, "=");
	if (len < 3 || len >= sizeof word || strncmp(option, "--", 2) != 0)
		return NULL;
	memcpy(word, option, len);
	word[len] = '\0';
	for (const char *p = usage; (p = strstr(p, "--")) != NULL && n < MAX_OPTIONS; p += 2) {
		if (p > usage && !strchr(" \t\n[|(", p[-1]))
			continue;
		size_t k = 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (k < 3 || k >= MAX_NAME)
			continue;
		memcpy(names[n], p, k);
		names[n][k] = '\0';
		bool seen = false;
		for (size_t j = 0; j < n && !seen; j++)
			seen = strcmp(candidates[j], names[n]) == 0;
		if (!seen) {
			candidates[n] = names[n];
			n++;
		}
	}
	candidates[n] = NULL;
	const char *near = bdb_query_nearest(word, candidates);
	if (!near)
		return NULL;
	snprintf(buf, size, "%s", near);
	return buf;
}

int cli_unknown_option(const char *cmd, const char *usage, const char *option)
{
	char near[64];
	const char *best = nearest_option(usage, option, near, sizeof near);
	fputs("benchdb: error: ", stderr);
	if (cmd) {
		put_error_text(cmd);
		fputs(": ", stderr);
	}
	fputs("unknown option '", stderr);
	put_error_text(option);
	fputc('\'', stderr);
	if (best)
		fprintf(stderr, "; did you mean '%s'?", best);
	fprintf(stderr, "\ntry 'benchdb %s%s--help'\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

bool cli_text_ok(const char *what, const char *value)
{
	size_t n = strlen(value);
	uint32_t control;
	size_t at = bdb_text_fault(value, n, true, &control);
	if (at == n)
		return true;
	if (control == UINT32_MAX)
		cli_error("%s: invalid UTF-8 at byte %zu", what, at + 1);
	else
		cli_error("%s: contains a control character (U+%04X) at byte %zu", what,
			  (unsigned)control, at + 1);
	return false;
}

int cli_parse_args(cli_ctx *ctx, int argc, char **argv, const char *usage, const cli_opt *opts,
		   const char **positional, int max_pos, int *npos)
{
	*npos = 0;
	bool options_ended = false;
	/* The value each option was given: a second, different one is an
	 * error, as the program's --format given twice (the last won in
	 * silence: check --format markdown --format text wrote text). */
	const char *given[64] = {0};
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool bad = false, known = false;
		if (!options_ended && strcmp(arg, "--") == 0) {
			options_ended = true; /* what follows is positional, '-x' too */
			continue;
		}
		if (options_ended || arg[0] != '-' || !arg[1]) {
			if (*npos >= max_pos)
				return cli_usage_error(argv[0], "unexpected argument '%s'", arg);
			positional[(*npos)++] = arg;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(usage, stdout);
			return -1;
		}
		/* Without its value, the store is the one before (the value was
		 * not set: a store opened at it after the usage error crashed). */
		if (cli_opt_value(argc, argv, &i, "--db", &v, &bad)) {
			if (!bad)
				ctx->db_dir = v;
			ctx->db_given = true;
			known = true;
		} else if (cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			if (!bad)
				ctx->db_dir = v;
			ctx->db_given = true;
			ctx->benchkit_data = true;
			known = true;
		}
		for (const cli_opt *o = opts; !known && o && o->name; o++) {
			size_t k = (size_t)(o - opts);
			if (!o->value && strcmp(arg, o->name) == 0) {
				*o->flag = true;
				known = true;
			} else if (o->value && cli_opt_value(argc, argv, &i, o->name, &v, &bad)) {
				if (!bad && k < sizeof given / sizeof *given && given[k] &&
				    strcmp(given[k], v) != 0)
					return cli_usage_error(argv[0],
							       "%s given twice ('%s', then '%s'); "
							       "give one",
							       o->name, given[k], v);
				if (!bad && k < sizeof given / sizeof *given)
					given[k] = v;
				*o->value = v;
				known = true;
			}
		}
		if (bad) {
			fprintf(stderr, "try 'benchdb %s --help'\n", argv[0]);
			return EXIT_USAGE;
		}
		if (!known)
			return cli_unknown_option(argv[0], usage, arg);
	}
	return EXIT_OK;
}

int cli_store_path_usable(const cli_ctx *ctx)
{
	/* An empty --db (a variable that was not set: --db "$DIR") said
	 * "no store at  (...)" or "cannot create the store directory: No such
	 * file or directory", naming no path. */
	if (ctx->db_dir[0])
		return EXIT_OK;
	if (ctx->db_dir == ctx->db_env)
		cli_error("$BENCHDB_DIR is set but empty (unset it for ./benchmark-data, or give "
			  "--db DIR)");
	else
		cli_error("--db: the store's path is empty (give --db DIR, or no --db for "
			  "$BENCHDB_DIR or ./benchmark-data)");
	return EXIT_USAGE;
}

int cli_open_store(const cli_ctx *ctx, bool create, bool read_only, bdb_store **out)
{
	int code = cli_store_path_usable(ctx);
	if (code)
		return code;
	bdb_store_options opt = {0};
	opt.no_create = !create;
	opt.read_only = read_only;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_store_open(ctx->db_dir, &opt, out, &d);
	if (rc == BDB_EREADONLY && !create && !read_only) {
		/* A store we may only read still answers queries; writes then
		 * fail with "store is read-only". */
		opt.read_only = true;
		bdb_diag_clear(&d);
		rc = bdb_store_open(ctx->db_dir, &opt, out, &d);
	}
	if (rc == BDB_ENOTFOUND && !create) {
		bool unfinished = strstr(d.message, BDB_STORE_UNFINISHED) != NULL;
		cli_error("no store at %s (%s%singest results first, or %s)", ctx->db_dir,
			  unfinished ? BDB_STORE_UNFINISHED : "", unfinished ? "; " : "",
			  ctx->other_store_hint ? ctx->other_store_hint : "give --db DIR");
		return EXIT_INPUT;
	}
	if (rc) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, ctx->db_dir, 0, 0, "cannot open store: %s",
				     bdb_strerror(rc));
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	if (bdb_store_notice(*out))
		fprintf(stderr, "benchdb: note: %s\n", bdb_store_notice(*out));
	/* Writes keep every touched series' change points (docs/storage.md 2.15). */
	if (!opt.read_only)
		bdb_query_keep_changes(*out);
	bdb_store_on_retain(*out, cli_retain_note, NULL);
	return EXIT_OK;
}

void cli_close_written_store(bdb_store *store, int code)
{
	if (code == EXIT_OK)
		bdb_store_close(store);
	else
		bdb_store_close_unused(store);
}

static void ctx_init(cli_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->prog = "benchdb";
	ctx->db_env = getenv("BENCHDB_DIR");
	ctx->db_dir = ctx->db_env ? ctx->db_env : "./benchmark-data";
	ctx->stdout_tty = isatty(STDOUT_FILENO);
	const char *no_color = getenv("NO_COLOR");
	ctx->color = ctx->stdout_tty && !(no_color && *no_color) && !cli_terminal_dumb();
}

/*
 * Checks --server and --token-file (which goes with --server: `push` takes
 * its own) and reads the token into ctx. With --server, only statements
 * run: -c, -f, standard input, the REPL, `query` and the statement
 * subcommands (word). Prints the error itself; returns an exit code.
 */
static int remote_options(cli_ctx *ctx, const char *token_file, const char *word)
{
	if (token_file && !ctx->server) {
		cli_error("--token-file goes with --server (push takes its own)");
		return EXIT_USAGE;
	}
	if (!ctx->server)
		return EXIT_OK;
	/* check says it itself, in its step summary too (--format markdown);
	 * push says it as its own --server's. */
	const char *fault = cli_server_url_fault(ctx->server);
	if (fault && !(word && (strcmp(word, "check") == 0 || strcmp(word, "push") == 0))) {
		cli_error("--server: %s, got '%s'", fault, cli_server_shown(ctx->server));
		return EXIT_USAGE;
	}
	/* push takes the server before its word too, as check does (its own
	 * --server and --token-file after the word say the same). */
	if (word && strcmp(word, "-") != 0 && strcmp(word, "query") != 0 &&
	    strcmp(word, "check") != 0 && strcmp(word, "push") != 0 &&
	    !bdb_query_is_subcommand(word)) {
		/* What does it on the server, for the commands a CI job means
		 * there. */
		const char *hint = strcmp(word, "ingest") == 0 ? "; upload with 'benchdb push'"
				   : strcmp(word, "baseline") == 0
				       ? "; on the server: -c 'set baseline NAME = RUN' (with its "
					 "token) or -c 'show baselines'"
				   : strcmp(word, "summary") == 0
				       ? "; the statement: -c 'summary [RUN]'"
				       : "";
		cli_error(
		    "--server runs statements (-c, -f, query, trend, ...), check and push, not "
		    "'%s'%s",
		    word, hint);
		return EXIT_USAGE;
	}
	return cli_client_token(ctx, "--server", token_file);
}

static int run_command_line(int argc, char **argv)
{
	cli_ctx ctx;
	ctx_init(&ctx);
	shell_options sopt = {0};
	const char *one_shot = NULL, *script = NULL, *token_file = NULL, *statement_only = NULL;
	int i = 1;
	for (; i < argc; i++) {
		const char *arg = argv[i];
		const char *value;
		bool bad = false;
		if (arg[0] != '-' || strcmp(arg, "-") == 0)
			break;
		if (strcmp(arg, "--") == 0) { /* the end of benchdb's options */
			i++;
			break;
		}
		if (cli_opt_value(argc, argv, &i, "--db", &value, &bad) ||
		    cli_opt_value(argc, argv, &i, "--data", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			ctx.db_dir = value;
			ctx.db_given = true;
			ctx.benchkit_data = strncmp(arg, "--data", 6) == 0;
		} else if (cli_opt_value(argc, argv, &i, "-c", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			/* The first would be dropped without a word. */
			if (one_shot) {
				cli_error("-c given twice; give the statements in one -c, "
					  "separated by ';'");
				return EXIT_USAGE;
			}
			one_shot = value;
		} else if (cli_opt_value(argc, argv, &i, "-f", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			if (script) {
				cli_error("-f given twice; give one script (.read FILE in it "
					  "runs another)");
				return EXIT_USAGE;
			}
			/* -f "$SCRIPT" of a variable that was not set: as --db "". */
			if (!value[0]) {
				cli_error("-f: the script's path is empty (give -f FILE, or -f - "
					  "for standard input)");
				return EXIT_USAGE;
			}
			script = value;
		} else if (cli_opt_value(argc, argv, &i, "--format", &value, &bad)) {
			if (bad || !take_format(&ctx, &sopt, value))
				return EXIT_USAGE;
			statement_only = "--format";
		} else if (cli_opt_value(argc, argv, &i, "--server", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			ctx.server = value;
		} else if (cli_opt_value(argc, argv, &i, "--token-file", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			token_file = value;
		} else if (strcmp(arg, "--no-pager") == 0) {
			ctx.no_pager = true;
		} else if (strcmp(arg, "--fail") == 0) {
			sopt.fail_on_regressions = true;
			statement_only = "--fail";
		} else if (strcmp(arg, "--bail") == 0) {
			sopt.bail = true;
			statement_only = "--bail";
		} else if (strcmp(arg, "--json") == 0) {
			if (!take_format(&ctx, &sopt, NULL))
				return EXIT_USAGE;
		} else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (strcmp(arg, "--version") == 0) {
			printf("benchdb %s\n", BENCHDB_VERSION);
			return EXIT_OK;
		} else {
			return cli_unknown_option(NULL, usage_text, arg);
		}
	}
	int code = remote_options(&ctx, token_file, i < argc ? argv[i] : NULL);
	if (code)
		return code;
	if (i < argc && strcmp(argv[i], "-") != 0) {
		if (one_shot || script) {
			cli_error("-c and -f take no subcommand ('%s')", argv[i]);
			return EXIT_USAGE;
		}
		return run_subcommand(&ctx, &sopt, statement_only, argc - i, argv + i);
	}
	if (one_shot && script) {
		cli_error("give -c or -f, not both");
		return EXIT_USAGE;
	}
	if (one_shot)
		return shell_run_string(&ctx, one_shot, &sopt);
	if (script)
		return shell_run_file(&ctx, script, &sopt);
	if (isatty(STDIN_FILENO)) {
		sopt.interactive = true;
		return shell_repl(&ctx, &sopt);
	}
	return shell_run_stream(&ctx, stdin, "<stdin>", &sopt);
}

/* What a command printed and stdio still holds is written before exit: a
 * standard output that cannot take it (a full disk) is an error, said
 * with its cause, not a silent success; nor a plain "regressions found"
 * (check's exit 1), whose report nobody got. */
static volatile sig_atomic_t output_gone;
static bool stored;

void cli_stored(void)
{
	stored = true;
}

static void on_sigpipe(int sig)
{
	(void)sig;
	output_gone = 1;
}

int main(int argc, char **argv)
{
	/* First, before anything else grows the process it measures from. */
	if (argc > 1 && strcmp(argv[1], RECORD_HELPER_ARG) == 0)
		return cmd_record_helper(argc, argv);
	/* A reader that left (`| head`) fails the writes with EPIPE instead of
	 * killing the process (exit 141 once the output outgrew the pipe): the
	 * exit code stays the command's. A handler, not SIG_IGN, which the
	 * commands record and popen run would inherit. */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigpipe;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGPIPE, &sa, NULL);
	int code = run_command_line(argc, argv);
	/* ferror too: a large output failed in a write stdio made on its
	 * own, leaving nothing to flush (a command that failed said so). */
	bool done = code == EXIT_OK || code == EXIT_REGRESSIONS;
	int flushed = fflush(stdout);
	if (output_gone)
		return code; /* what the reader left is not an error */
	if (flushed != 0 || (done && ferror(stdout))) {
		cli_error("cannot write standard output: %s%s", strerror(errno),
			  stored ? "; the store holds what the command stored before (the same "
				   "command again says it is stored, unchanged)"
				 : "");
		if (done)
			code = EXIT_INPUT;
	}
	return code;
}
