/* cmd_ingest.c - ingest, import-benchkit, export. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ingest.h"

static const char ingest_usage[] =
    "usage: benchdb ingest [--db DIR] [--format F] [--commit SHA] [--branch B]\n"
    "                      [--timestamp T] [--tag K=V]... [--id ID] [--replace]\n"
    "                      [--direction higher|lower] FILE|DIR|-...\n"
    "       benchdb ingest --list-formats [--json]\n"
    "       benchdb ingest --data DIR --input FILE      (benchkit's form)\n"
    "\n"
    "Stores each file (a Criterion target/criterion directory, or '-' for standard\n"
    "input) as one run, atomically. The format is detected from the content unless\n"
    "--format forces one: benchkit, gbench, criterion, pytest, hyperfine, gotest,\n"
    "cargo, bmf, gab, odyssey, quasim. Many files are stored up to 100 runs per\n"
    "transaction; a run is reported once its transaction is committed, as\n"
    "'Ingested run ID (N points, M metrics)' (benchkit's form: '(N points)').\n"
    "A github-action-benchmark data.js is a whole history: it is imported as\n"
    "'benchdb import-gab FILE' does, one run per entry.\n"
    "\n"
    "  --commit, --branch, --timestamp, --id   override what the file says\n"
    "  --tag K=V       add a tag to every point (repeatable)\n"
    "  --replace       replace a different run stored under the same id\n"
    "  --direction D   direction of github-action-benchmark (gab) values\n"
    "\n"
    "Re-ingesting an identical run changes nothing. A file that fails stores\n"
    "nothing; the other files are still ingested. Exit 3 if any file failed.\n";

#define MAX_TAGS 64

/* Says what became of one input, once the run's batch is committed: an error,
 * or `Ingested run ID (N points, M metrics)`; in benchkit's form of the
 * command (*benchkit_form: --data or --input was given) benchkit's exact line
 * `Ingested run ID (N points)`, which scripts written for benchkit parse. */
static void report_input(void *benchkit_form, const bdb_ingest_result *r)
{
	if (r->rc) {
		bdb_diag d = *r->diag;
		if (r->rc == BDB_EEXISTS && !d.message[0])
			bdb_diag_set(&d, r->rc, r->path, 0, 0,
				     "a different run with id '%s' is already stored "
				     "(use --replace to replace it)",
				     r->run ? r->run->id : "?");
		if (!d.file[0] && !d.message[0])
			bdb_diag_set(&d, r->rc, r->path, 0, 0, "%s", bdb_strerror(r->rc));
		cli_error_diag(&d);
		if (r->rc == BDB_EEXISTS)
			fprintf(stderr,
				"benchdb: hint: ingest --replace replaces the stored run\n");
		return;
	}
	char counts[64];
	if (*(const bool *)benchkit_form)
		snprintf(counts, sizeof counts, "%zu points", r->run->n_points);
	else
		snprintf(counts, sizeof counts, "%zu points, %zu metrics", r->run->n_points,
			 r->observations);
	if (r->outcome == BDB_PUT_UNCHANGED)
		printf("Run %s is already stored, unchanged (%s)\n", r->run->id, counts);
	else
		printf("%s run %s (%s)\n", r->outcome == BDB_PUT_REPLACED ? "Replaced" : "Ingested",
		       r->run->id, counts);
}

/* `ingest --list-formats [--json]`: name, tool and what it reads, one a
 * line. The texts are the library's static strings, which hold no quote,
 * backslash or control character, so they are JSON strings as they are. */
static void list_formats(bool json)
{
	const bdb_format_info *f;
	size_t n = bdb_format_infos(&f);
	for (size_t i = 0; i < n; i++) {
		if (json)
			printf("%s{\"name\": \"%s\", \"tool\": \"%s\", \"reads\": \"%s\"}%s\n",
			       i ? " " : "[", f[i].name, f[i].tool, f[i].reads,
			       i + 1 < n ? "," : "]");
		else
			printf("%-10s %-24s %s\n", f[i].name, f[i].tool, f[i].reads);
	}
}

int cmd_ingest(cli_ctx *ctx, int argc, char **argv)
{
	bdb_ingest_options opt;
	memset(&opt, 0, sizeof opt);
	bdb_format format = BDB_FORMAT_AUTO;
	bdb_kv tags[MAX_TAGS];
	char *tag_copies[MAX_TAGS];
	size_t n_tags = 0;
	unsigned flags = 0;
	bool benchkit_form = false;
	const char **files = calloc((size_t)argc + 1, sizeof *files);
	int n_files = 0, code = EXIT_OK;
	if (!files)
		return EXIT_INPUT;
	for (int i = 1; i < argc; i++) {
		const char *v;
		bool bad = false;
		const char *arg = argv[i];
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(ingest_usage, stdout);
			goto out;
		}
		if (strcmp(arg, "--list-formats") == 0) {
			list_formats(ctx->json ||
				     (i + 1 < argc && strcmp(argv[i + 1], "--json") == 0) ||
				     (i > 1 && strcmp(argv[i - 1], "--json") == 0));
			goto out;
		}
		if (cli_opt_value(argc, argv, &i, "--db", &v, &bad)) {
			ctx->db_dir = v;
		} else if (cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			ctx->db_dir = v;
			benchkit_form = true;
		} else if (cli_opt_value(argc, argv, &i, "--input", &v, &bad)) {
			files[n_files++] = v;
			benchkit_form = true;
		} else if (cli_opt_value(argc, argv, &i, "--format", &v, &bad)) {
			if (!bad && bdb_format_parse(v, &format)) {
				cli_error("ingest: unknown format '%s' (expected auto, %s)", v,
					  bdb_format_list());
				code = EXIT_USAGE;
				goto out;
			}
		} else if (cli_opt_value(argc, argv, &i, "--commit", &v, &bad)) {
			opt.commit = v;
		} else if (cli_opt_value(argc, argv, &i, "--branch", &v, &bad)) {
			opt.branch = v;
		} else if (cli_opt_value(argc, argv, &i, "--id", &v, &bad)) {
			opt.id = v;
		} else if (cli_opt_value(argc, argv, &i, "--timestamp", &v, &bad)) {
			if (!bad && bdb_time_parse(v, &opt.timestamp_us)) {
				cli_error("ingest: --timestamp: cannot read '%s' as a time "
					  "(expected e.g. 2026-01-31 or 2026-01-31T12:00:00Z)",
					  v);
				code = EXIT_USAGE;
				goto out;
			}
			opt.has_timestamp = true;
		} else if (cli_opt_value(argc, argv, &i, "--direction", &v, &bad)) {
			if (!bad && bdb_direction_parse(v, &opt.gab_direction)) {
				cli_error("ingest: --direction: expected higher or lower, got '%s'",
					  v);
				code = EXIT_USAGE;
				goto out;
			}
			opt.has_gab_direction = true;
		} else if (cli_opt_value(argc, argv, &i, "--tag", &v, &bad)) {
			if (!bad && !cli_text_ok("ingest: --tag", v)) {
				code = EXIT_USAGE;
				goto out;
			}
			const char *eq = bad ? NULL : strchr(v, '=');
			if (!bad && (!eq || eq == v)) {
				cli_error("ingest: --tag: expected KEY=VALUE, got '%s'", v);
				code = EXIT_USAGE;
				goto out;
			}
			if (!bad && n_tags == MAX_TAGS) {
				cli_error("ingest: at most %d --tag options", MAX_TAGS);
				code = EXIT_USAGE;
				goto out;
			}
			if (!bad) {
				char *copy = strdup(v);
				if (!copy) {
					code = EXIT_INPUT;
					goto out;
				}
				copy[eq - v] = '\0';
				tag_copies[n_tags] = copy;
				tags[n_tags].key = copy;
				tags[n_tags].value = copy + (eq - v) + 1;
				n_tags++;
			}
		} else if (strcmp(arg, "--replace") == 0) {
			flags |= BDB_PUT_REPLACE;
		} else if (arg[0] == '-' && arg[1]) {
			cli_error("ingest: unknown option '%s'", arg);
			fputs(ingest_usage, stderr);
			code = EXIT_USAGE;
			goto out;
		} else {
			files[n_files++] = arg;
		}
		if (bad) {
			code = EXIT_USAGE;
			goto out;
		}
	}
	/* What is stored and printed is one line of text (--tag is checked above). */
	const struct {
		const char *what, *value;
	} texts[] = {{"ingest: --id", opt.id},
		     {"ingest: --commit", opt.commit},
		     {"ingest: --branch", opt.branch}};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		if (texts[t].value && !cli_text_ok(texts[t].what, texts[t].value)) {
			code = EXIT_USAGE;
			goto out;
		}
	}
	if (n_files == 0) {
		cli_error("ingest: expected a file, a directory or '-'");
		fputs(ingest_usage, stderr);
		code = EXIT_USAGE;
		goto out;
	}
	if (opt.id && n_files > 1) {
		cli_error("ingest: --id names one run, but %d files were given", n_files);
		code = EXIT_USAGE;
		goto out;
	}
	opt.tags = tags;
	opt.n_tags = n_tags;

	bdb_store *store;
	code = cli_open_store(ctx, true, false, &store);
	if (code)
		goto out;
	bdb_ingest_job job = {
	    .format = format,
	    .opt = &opt,
	    .put_flags = flags,
	    .report = report_input,
	    .report_ctx = &benchkit_form,
	};
	/* A data.js is a whole history: import-gab's. */
	if (format == BDB_FORMAT_AUTO || format == BDB_FORMAT_GAB)
		code = cli_ingest_histories(store, files, &n_files, flags);
	if (n_files > 0 && bdb_ingest_files(store, files, (size_t)n_files, &job, NULL))
		code = EXIT_INPUT;
	bdb_store_close(store);
out:
	for (size_t t = 0; t < n_tags; t++)
		free(tag_copies[t]);
	free(files);
	return code;
}

static const char import_usage[] =
    "usage: benchdb import-benchkit [--db DIR] [--replace] BENCHKIT_DIR\n"
    "\n"
    "Migrates a benchkit store: every runs/*.json as a run, baselines/NAME.json\n"
    "as baseline NAME, and config.json's metric definitions. Every file is\n"
    "checked before anything is stored: one bad file stores nothing (exit 3).\n"
    "  --replace   replace different runs stored under the same ids\n";

int cmd_import_benchkit(cli_ctx *ctx, int argc, char **argv)
{
	const char *dir = NULL;
	bool replace = false;
	const cli_opt opts[] = {{"--replace", NULL, &replace}, {NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, import_usage, opts, &dir, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	unsigned flags = replace ? BDB_PUT_REPLACE : 0;
	if (!dir) {
		cli_error("import-benchkit: expected the benchkit store directory");
		fputs(import_usage, stderr);
		return EXIT_USAGE;
	}
	bdb_store *store;
	int code = cli_open_store(ctx, true, false, &store);
	if (code)
		return code;
	bdb_import_summary report;
	memset(&report, 0, sizeof report);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_import_benchkit_dir(store, dir, flags, &report, &d);
	bdb_store_close(store);
	if (rc) {
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	printf("Imported %zu run(s) (%zu unchanged, %zu replaced), %zu baseline(s), "
	       "%zu metric definition(s)\n",
	       report.runs_stored, report.runs_unchanged, report.runs_replaced, report.baselines,
	       report.metric_defs);
	return EXIT_OK;
}

static const char export_usage[] =
    "usage: benchdb export [--db DIR] [--format benchkit|json|csv|markdown] [RUN | --run RUN]\n"
    "\n"
    "Writes one run (default latest) to standard output. benchkit (the default)\n"
    "is benchkit's Run JSON, which 'benchdb ingest' reads back to the same values.\n";

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	const char *ref = "latest", *fmt = "benchkit", *positional[1];
	const cli_opt opts[] = {
	    {"--format", &fmt, NULL}, {"--run", &ref, NULL}, {NULL, NULL, NULL}};
	int npos,
	    parsed = cli_parse_args(ctx, argc, argv, export_usage, opts, positional, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	if (npos)
		ref = positional[0];
	bdb_export_format ef;
	if (bdb_export_format_parse(fmt, &ef)) {
		cli_error("export: unknown format '%s' (expected benchkit, json, csv or markdown)",
			  fmt);
		return EXIT_USAGE;
	}
	bdb_run *run;
	int code = cli_load_run(ctx, ref, &run);
	if (code)
		return code;
	bdb_buf out;
	bdb_buf_init(&out);
	int rc = bdb_export_run(run, ef, &out);
	if (!rc)
		fwrite(out.data, 1, out.len, stdout);
	bdb_buf_free(&out);
	bdb_run_free(run);
	if (rc) {
		cli_error("export: %s", bdb_strerror(rc));
		return EXIT_INPUT;
	}
	return EXIT_OK;
}
