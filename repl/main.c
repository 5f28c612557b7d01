/*
 * main.c - the benchdb program: global options and subcommand dispatch.
 *
 *   benchdb [--db DIR]                 REPL on a terminal, else statements from stdin
 *   benchdb [--db DIR] -c 'STATEMENT'  one-shot
 *   benchdb [--db DIR] -f FILE [--bail]
 *   benchdb SUBCOMMAND [options]       see usage below
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BENCHDB_VERSION "0.1.0"

static const char usage_text[] =
    "usage: benchdb [--db DIR] [--json] [-c STATEMENT | -f FILE [--bail]]\n"
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
    "  export [RUN]           write a run as benchkit JSON, json, csv or markdown\n"
    "  check                  the CI gate: latest vs baseline, exit 1 on regressions\n"
    "  baseline set|list|drop manage named baselines\n"
    "  summary [--run ID]     one run, grouped by scenario (benchkit's text)\n"
    "  trend --metric M --point P   one series over time (benchkit's text)\n"
    "  verify                 check every run and index; exit 3 on any problem\n"
    "  stats                  runs, series, observations, bytes on disk\n"
    "  backup DIR             a compacted, consistent copy of the store\n"
    "\n"
    "Options:\n"
    "  --db DIR, --data DIR   the store (default: $BENCHDB_DIR, else ./benchmark-data)\n"
    "  -c STATEMENT           run one statement and exit\n"
    "  -f FILE                run the statements of FILE ('-' for stdin)\n"
    "  --bail                 with -f or stdin: stop at the first error\n"
    "  --fail                 exit 1 when a 'regressions' statement finds any\n"
    "  --json                 JSON output (same as '... as json')\n"
    "  --format FMT           default output format: table, json, csv, markdown\n"
    "  -h, --help             this help; 'benchdb SUBCOMMAND --help' for a subcommand\n"
    "  --version              print the version\n"
    "\n"
    "Exit codes:\n"
    "  0  success\n"
    "  1  regressions found (check, or 'regressions' with --fail)\n"
    "  2  usage or query error\n"
    "  3  input or storage error\n"
    "\n"
    "Environment: BENCHDB_DIR (store), NO_COLOR (no colour), BENCHDB_HISTORY (REPL history).\n"
    "See the benchdb(1) man page and docs/ for the query language.\n";

typedef struct subcommand {
	const char *name;
	int (*run)(cli_ctx *ctx, int argc, char **argv);
} subcommand;

static const subcommand subcommands[] = {
    {"query", cmd_query},
    {"ingest", cmd_ingest},
    {"import-benchkit", cmd_import_benchkit},
    {"import-gab", cmd_import_gab},
    {"import-asv", cmd_import_asv},
    {"export", cmd_export},
    {"check", cmd_check},
    {"baseline", cmd_baseline},
    {"summary", cmd_summary},
    {"trend", cmd_trend},
    {"verify", cmd_verify},
    {"stats", cmd_stats},
    {"backup", cmd_backup},
};

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("benchdb: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_error_diag(const bdb_diag *d)
{
	char buf[1400];
	bdb_diag_format(d, buf, sizeof buf);
	fprintf(stderr, "benchdb: error: %s\n", buf);
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
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		bool bad = false, known = false;
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(usage, stdout);
			return -1;
		}
		if (cli_opt_value(argc, argv, &i, "--db", &v, &bad) ||
		    cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			ctx->db_dir = v;
			known = true;
		}
		for (const cli_opt *o = opts; !known && o && o->name; o++) {
			if (!o->value && strcmp(arg, o->name) == 0) {
				*o->flag = true;
				known = true;
			} else if (o->value && cli_opt_value(argc, argv, &i, o->name, &v, &bad)) {
				*o->value = v;
				known = true;
			}
		}
		if (bad)
			return EXIT_USAGE;
		if (known)
			continue;
		if (arg[0] == '-' && arg[1]) {
			cli_error("%s: unknown option '%s'", argv[0], arg);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		if (*npos >= max_pos) {
			cli_error("%s: unexpected argument '%s'", argv[0], arg);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		positional[(*npos)++] = arg;
	}
	return EXIT_OK;
}

int cli_open_store(const cli_ctx *ctx, bool create, bool read_only, bdb_store **out)
{
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
		cli_error("no store at %s (ingest results first, or give --db DIR)", ctx->db_dir);
		return EXIT_INPUT;
	}
	if (rc) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, ctx->db_dir, 0, 0, "cannot open store: %s",
				     bdb_strerror(rc));
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

static void ctx_init(cli_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->prog = "benchdb";
	const char *env = getenv("BENCHDB_DIR");
	ctx->db_dir = env && *env ? env : "./benchmark-data";
	ctx->stdout_tty = isatty(STDOUT_FILENO);
	const char *no_color = getenv("NO_COLOR");
	ctx->color = ctx->stdout_tty && !(no_color && *no_color);
}

int main(int argc, char **argv)
{
	cli_ctx ctx;
	ctx_init(&ctx);
	shell_options sopt = {0};
	const char *one_shot = NULL, *script = NULL;
	int i = 1;
	for (; i < argc; i++) {
		const char *arg = argv[i];
		const char *value;
		bool bad = false;
		if (arg[0] != '-' || strcmp(arg, "-") == 0)
			break;
		if (cli_opt_value(argc, argv, &i, "--db", &value, &bad) ||
		    cli_opt_value(argc, argv, &i, "--data", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			ctx.db_dir = value;
		} else if (cli_opt_value(argc, argv, &i, "-c", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			one_shot = value;
		} else if (cli_opt_value(argc, argv, &i, "-f", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			script = value;
		} else if (cli_opt_value(argc, argv, &i, "--format", &value, &bad)) {
			if (bad)
				return EXIT_USAGE;
			sopt.format = value;
		} else if (strcmp(arg, "--fail") == 0) {
			sopt.fail_on_regressions = true;
		} else if (strcmp(arg, "--bail") == 0) {
			sopt.bail = true;
		} else if (strcmp(arg, "--json") == 0) {
			ctx.json = true;
			sopt.format = "json";
		} else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (strcmp(arg, "--version") == 0) {
			printf("benchdb %s\n", BENCHDB_VERSION);
			return EXIT_OK;
		} else {
			cli_error("unknown option '%s' (see 'benchdb --help')", arg);
			return EXIT_USAGE;
		}
	}
	if (i < argc && strcmp(argv[i], "-") != 0) {
		if (one_shot || script) {
			cli_error("-c and -f take no subcommand ('%s')", argv[i]);
			return EXIT_USAGE;
		}
		for (size_t k = 0; k < sizeof subcommands / sizeof *subcommands; k++)
			if (strcmp(argv[i], subcommands[k].name) == 0)
				return subcommands[k].run(&ctx, argc - i, argv + i);
		if (strcmp(argv[i], "help") == 0) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		}
		cli_error("unknown subcommand '%s' (see 'benchdb --help')", argv[i]);
		return EXIT_USAGE;
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
