/* cmd_ingest.c - ingest, import-benchkit, export. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ingest.h"

static const char ingest_usage[] =
    "usage: benchdb ingest [--db DIR] [--format F] [--commit SHA] [--branch B]\n"
    "                      [--timestamp T] [--tag K=V]... [--id ID] [--replace]\n"
    "                      [--direction higher|lower] [--no-env] [-q] FILE|DIR|-...\n"
    "       benchdb ingest --list-formats [--json]\n"
    "       benchdb ingest --data DIR --input FILE      (benchkit's form)\n"
    "\n"
    "Stores each file (or '-' for standard input) as one run, atomically. A\n"
    "directory is a Criterion tree (*/new/estimates.json; one run) or a directory\n"
    "of result files: each file one run, in name order, subdirectories alike (a\n"
    "pytest-benchmark .benchmarks directory). The format is detected from the\n"
    "content unless --format forces one ('benchdb ingest --list-formats' lists\n"
    "them). Many files are stored up to 100 runs per transaction; a run is\n"
    "reported once its transaction is committed, as 'Ingested run ID (N points,\n"
    "M metrics)' (benchkit's form: '(N points)').\n"
    "A github-action-benchmark data.js is a whole history: it is imported as\n"
    "'benchdb import-gab FILE' does, one run per entry (--branch B: each on B,\n"
    "as import-gab --branch B); --id, --commit, --timestamp, --tag and\n"
    "--direction do not apply to it (exit 2).\n"
    "\n"
    "  --commit, --branch, --timestamp, --id   override what the file says\n"
    "  --commit auto   the commit of 'git rev-parse HEAD'\n"
    "  --branch auto   the branch git has checked out\n"
    "  --no-env        do not take the commit and branch from the CI environment\n"
    "                  (GITHUB_SHA, CI_COMMIT_SHA, ... when the file has none)\n"
    "  --tag K=V       add a tag to every point (repeatable)\n"
    "  --replace       replace a different run stored under the same id\n"
    "  -q, --quiet     say nothing on standard error but errors (no progress\n"
    "                  line, which a terminal shows for many files)\n"
    "  --direction D   direction of github-action-benchmark (gab) values\n"
    "\n"
    "Re-ingesting an identical run changes nothing. A file that fails stores\n"
    "nothing; the other files are still ingested. Exit 3 if any file failed.\n";

#define MAX_TAGS 64

/* Says what became of one input, once the run's batch is committed: an error,
 * or `Ingested run ID (N points, M metrics)`; in benchkit's form of the
 * command (*benchkit_form: --data or --input was given) benchkit's exact line
 * `Ingested run ID (N points)`, which scripts written for benchkit parse. */
static void report_line(bool benchkit_form, const bdb_ingest_result *r)
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
	cli_stored();
	char counts[64];
	if (benchkit_form)
		snprintf(counts, sizeof counts, "%zu points", r->run->n_points);
	else
		snprintf(counts, sizeof counts, "%zu point%s, %zu metric%s", r->run->n_points,
			 r->run->n_points == 1 ? "" : "s", r->observations,
			 r->observations == 1 ? "" : "s");
	/* The id is the file's: any character, one line here. */
	if (r->outcome == BDB_PUT_UNCHANGED)
		fputs("Run ", stdout);
	else
		printf("%s run ", r->outcome == BDB_PUT_REPLACED ? "Replaced" : "Ingested");
	cli_put_text(stdout, r->run->id, false);
	printf(r->outcome == BDB_PUT_UNCHANGED ? " is already stored, unchanged (%s)\n" : " (%s)\n",
	       counts);
}

/* Tells, on stderr, what the directory arg held: "found 3 files and 1
 * Criterion tree in DIR; each is one run". */
static void say_found(const char *arg, size_t files, size_t trees)
{
	char what[128] = "";
	if (files)
		snprintf(what, sizeof what, "%zu file%s", files, files == 1 ? "" : "s");
	if (files && trees)
		strcat(what, " and ");
	if (trees)
		snprintf(what + strlen(what), sizeof what - strlen(what), "%zu Criterion tree%s",
			 trees, trees == 1 ? "" : "s");
	fprintf(stderr, "benchdb: found %s in %s; each is one run\n", what, arg);
}

/* What report_input needs: the form of its lines, and the progress line. */
typedef struct ingest_report {
	bool benchkit_form; /* --data or --input given: benchkit's lines */
	bool progress;	    /* a progress line on stderr (a terminal, many inputs, no -q) */
	size_t total, done, runs;
	struct timespec start;
} ingest_report;

static double seconds_since(const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* "[12/40 files] 12 runs, 35.1 files/s, ETA 1s" on stderr, over itself; gone
 * once every input is done (the result lines stay). */
static void show_progress(const ingest_report *rep)
{
	double t = seconds_since(&rep->start), rate = t > 0 ? (double)rep->done / t : 0;
	char eta[32] = "-";
	if (rate > 0)
		snprintf(eta, sizeof eta, "%.0fs", (double)(rep->total - rep->done) / rate);
	char line[160];
	snprintf(line, sizeof line, "[%zu/%zu files] %zu runs, %.1f files/s, ETA %s", rep->done,
		 rep->total, rep->runs, rate, eta);
	cli_progress(line);
	if (rep->done == rep->total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void report_input(void *ctx, const bdb_ingest_result *r)
{
	ingest_report *rep = ctx;
	rep->done++;
	rep->runs += r->rc == 0;
	if (rep->progress)
		fputs("\r\033[K", stderr); /* a message goes where the progress line was */
	report_line(rep->benchkit_form, r);
	if (rep->progress) {
		fflush(stdout);
		show_progress(rep);
	}
}

/* `ingest --list-formats [--json]`: name, tool and what it reads, one a
 * line. The texts are the library's static strings, which hold no quote,
 * backslash or control character, so they are JSON strings as they are. */
static void list_formats(bool json)
{
	size_t n = bdb_format_count();
	int width = 0; /* of the longest name, so that the tools line up */
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(bdb_format_info_at(i)->name) > width)
			width = (int)strlen(bdb_format_info_at(i)->name);
	for (size_t i = 0; i < n; i++) {
		const bdb_format_info *f = bdb_format_info_at(i);
		if (json)
			printf("%s{\"name\": \"%s\", \"tool\": \"%s\", \"reads\": \"%s\"}%s\n",
			       i ? " " : "[", f->name, f->tool, f->reads, i + 1 < n ? "," : "]");
		else
			printf("%-*s %-24s %s\n", width, f->name, f->tool, f->reads);
	}
}

int cmd_ingest(cli_ctx *ctx, int argc, char **argv)
{
	bdb_ingest_options opt;
	memset(&opt, 0, sizeof opt);
	bdb_input_format format = BDB_INPUT_AUTO;
	bdb_kv tags[MAX_TAGS];
	char *tag_copies[MAX_TAGS];
	size_t n_tags = 0;
	unsigned flags = 0;
	bool benchkit_form = false;
	const char **files_arg = calloc((size_t)argc + 1, sizeof *files_arg);
	bdb_ingest_inputs inputs = {0};
	bool quiet = false;
	cli_run_meta meta = {0};
	int n_files = 0, code = EXIT_OK;
	if (!files_arg)
		return EXIT_INPUT;
	bool options_ended = false;
	for (int i = 1; i < argc; i++) {
		const char *v;
		bool bad = false;
		const char *arg = argv[i];
		if (!options_ended && strcmp(arg, "--") == 0) {
			options_ended = true; /* the rest are files, '-x.json' too */
			continue;
		}
		if (options_ended) {
			files_arg[n_files++] = arg;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(ingest_usage, stdout);
			goto out;
		}
		/* --json --list-formats: read with --list-formats, next. */
		if (strcmp(arg, "--json") == 0 && i + 1 < argc &&
		    strcmp(argv[i + 1], "--list-formats") == 0)
			continue;
		if (strcmp(arg, "--list-formats") == 0) {
			list_formats(ctx->json ||
				     (i + 1 < argc && strcmp(argv[i + 1], "--json") == 0) ||
				     (i > 1 && strcmp(argv[i - 1], "--json") == 0));
			goto out;
		}
		if (cli_opt_value(argc, argv, &i, "--db", &v, &bad)) {
			if (!bad)
				ctx->db_dir = v;
		} else if (cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			if (!bad)
				ctx->db_dir = v;
			benchkit_form = true;
		} else if (cli_opt_value(argc, argv, &i, "--input", &v, &bad)) {
			files_arg[n_files++] = v;
			benchkit_form = true;
		} else if (cli_opt_value(argc, argv, &i, "--format", &v, &bad)) {
			if (!bad && bdb_format_parse(v, &format)) {
				cli_error("ingest: unknown format '%s' (expected auto, %s)", v,
					  bdb_format_list());
				code = EXIT_USAGE;
				goto out;
			}
		} else if (cli_run_meta_option(argc, argv, &i, &meta, &bad)) {
			/* --id, --commit, --branch, --no-env: resolved below */
		} else if (cli_opt_value(argc, argv, &i, "--timestamp", &v, &bad)) {
			if (!bad &&
			    cli_time_option("ingest", "--timestamp", v, &opt.timestamp_us)) {
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
			if (!bad && n_tags == MAX_TAGS) {
				cli_error("ingest: at most %d --tag options", MAX_TAGS);
				code = EXIT_USAGE;
				goto out;
			}
			if (!bad) {
				code =
				    cli_tag_parse("ingest", v, &tags[n_tags], &tag_copies[n_tags]);
				if (code)
					goto out;
				n_tags++;
			}
		} else if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) {
			quiet = true;
		} else if (strcmp(arg, "--replace") == 0) {
			flags |= BDB_PUT_REPLACE;
		} else if (arg[0] == '-' && arg[1]) {
			code = cli_unknown_option("ingest", ingest_usage, arg);
			goto out;
		} else {
			files_arg[n_files++] = arg;
		}
		if (bad) {
			code = EXIT_USAGE;
			goto out;
		}
	}
	code = cli_run_meta_resolve("ingest", &meta);
	if (code)
		goto out;
	opt.id = meta.id;
	opt.commit = meta.commit;
	opt.branch = meta.branch;
	opt.default_commit = meta.ci_commit;
	opt.default_branch = meta.ci_branch;
	if (n_files == 0) {
		code = cli_usage_error("ingest", "expected a file, a directory or '-'");
		goto out;
	}
	if (opt.id && n_files > 1) {
		cli_error("ingest: --id names one run, but %d files were given", n_files);
		code = EXIT_USAGE;
		goto out;
	}
	if ((code = cli_inputs_check("ingest", files_arg, n_files)) != 0)
		goto out;
	opt.tags = tags;
	opt.n_tags = n_tags;

	/* Directories stand for their files, or for one Criterion tree. */
	for (int f = 0; f < n_files; f++) {
		size_t files = inputs.files, trees = inputs.criterion_trees;
		bdb_diag d;
		if (bdb_ingest_expand(files_arg[f], format, &inputs, &d)) {
			cli_error_diag(&d);
			code = EXIT_INPUT;
			goto out;
		}
		files = inputs.files - files;
		trees = inputs.criterion_trees - trees;
		bool itself =
		    !files && trees == 1 && strcmp(inputs.paths[inputs.n - 1], files_arg[f]) == 0;
		if (!quiet && (files || trees) && !itself)
			say_found(files_arg[f], files, trees);
	}
	if (opt.id && inputs.n > 1) {
		cli_error("ingest: --id names one run, but %s holds %zu inputs", files_arg[0],
			  inputs.n);
		code = EXIT_USAGE;
		goto out;
	}
	/* A data.js is a whole history, imported as import-gab does: each entry
	 * has its own commit and time, its tool gives the direction. Options
	 * for one run would be dropped without a word. --branch is import-gab's
	 * too: every entry on that branch. */
	const char *run_option = meta.id		 ? "--id"
				 : meta.commit		 ? "--commit"
				 : opt.has_timestamp	 ? "--timestamp"
				 : n_tags		 ? "--tag"
				 : opt.has_gab_direction ? "--direction"
							 : NULL;
	for (size_t f = 0; run_option && (format == BDB_INPUT_AUTO || format == BDB_INPUT_GAB) &&
			   f < inputs.n;
	     f++)
		if (cli_is_history_file(inputs.paths[f])) {
			code = cli_usage_error(
			    "ingest",
			    "%s does not apply to %s: a github-action-benchmark history, one run "
			    "per entry with its own commit and time; ingest it without %s (it is "
			    "imported as 'benchdb import-gab %s' does)",
			    run_option, inputs.paths[f], run_option, inputs.paths[f]);
			goto out;
		}

	bdb_store *store;
	code = cli_open_store(ctx, true, false, &store);
	if (code)
		goto out;
	ingest_report rep = {
	    .benchkit_form = benchkit_form,
	    .progress = !quiet && inputs.n > 1 && isatty(STDERR_FILENO) && !cli_terminal_dumb(),
	    .total = inputs.n,
	};
	clock_gettime(CLOCK_MONOTONIC, &rep.start);
	bdb_diag retain_diag;
	bdb_diag_clear(&retain_diag);
	bdb_ingest_job job = {
	    .format = format,
	    .opt = &opt,
	    .put_flags = flags,
	    .report = report_input,
	    .report_ctx = &rep,
	    .retain_diag = &retain_diag,
	};
	/* A data.js is a whole history: import-gab's (on a copy of the list,
	 * which it compacts; inputs keeps the paths it owns). */
	int n_left = (int)inputs.n;
	const char **left = inputs.n ? malloc(inputs.n * sizeof *left) : NULL;
	if (inputs.n && !left) {
		bdb_store_close(store);
		code = EXIT_INPUT;
		goto out;
	}
	for (size_t f = 0; f < inputs.n; f++)
		left[f] = inputs.paths[f];
	if (format == BDB_INPUT_AUTO || format == BDB_INPUT_GAB)
		code = cli_ingest_histories(store, left, &n_left, flags, meta.branch);
	if (n_left > 0 && bdb_ingest_files(store, left, (size_t)n_left, &job, NULL))
		code = EXIT_INPUT;
	if (retain_diag.code) /* the runs are stored; the policy is not applied */
		cli_error_diag(&retain_diag);
	free(left);
	cli_close_written_store(store, code);
out:
	for (size_t t = 0; t < n_tags; t++)
		free(tag_copies[t]);
	bdb_ingest_inputs_free(&inputs);
	free(files_arg);
	return code;
}

static const char import_usage[] =
    "usage: benchdb import-benchkit [--db DIR] [--replace] BENCHKIT_DIR\n"
    "\n"
    "Migrates a benchkit store: every runs/*.json as a run, baselines/NAME.json\n"
    "as baseline NAME, and config.json's metric definitions. Every file is\n"
    "checked before anything is stored: one bad file stores nothing (exit 3).\n"
    "Importing again stores only what is new; a baseline the store already\n"
    "has on another run (moved since) is kept, and a note says so.\n"
    "  --replace   replace different runs stored under the same ids, and move\n"
    "              such baselines to the directory's runs\n";

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
		return cli_usage_error("import-benchkit", "expected the benchkit store directory");
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
	cli_close_written_store(store, rc ? EXIT_INPUT : EXIT_OK);
	if (rc) {
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	printf("Imported %zu run(s) (%zu unchanged, %zu replaced", report.runs_stored,
	       report.runs_unchanged, report.runs_replaced);
	if (report.duplicates)
		printf(", %zu file(s) holding the run of another counted once", report.duplicates);
	printf("), %zu baseline(s), %zu metric definition(s)\n", report.baselines,
	       report.metric_defs);
	cli_note_duplicate_files(dir, &report);
	if (report.baselines_kept)
		fprintf(stderr,
			"benchdb: note: %s: kept %zu baseline(s) the store has on another run "
			"(moved since the last import); the first: %s (--replace moves them)\n",
			dir, report.baselines_kept, report.first_kept);
	return EXIT_OK;
}

static const char export_usage[] =
    "usage: benchdb export [--db DIR] [--format benchkit|json|csv|tsv|markdown] [RUN | --run RUN]\n"
    "\n"
    "Writes one run (default latest) to standard output. benchkit (the default)\n"
    "is benchkit's Run JSON, which 'benchdb ingest' reads back to the same values.\n"
    "json adds the annotation of the run's commit ('annotate commit ...'), if any.\n";

int cmd_export(cli_ctx *ctx, int argc, char **argv)
{
	const char *ref = NULL, *fmt = "benchkit", *positional[1];
	const cli_opt opts[] = {
	    {"--format", &fmt, NULL}, {"--run", &ref, NULL}, {NULL, NULL, NULL}};
	int npos,
	    parsed = cli_parse_args(ctx, argc, argv, export_usage, opts, positional, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	/* Both: one of them would be dropped without a word. */
	if (npos && ref)
		return cli_usage_error("export", "give RUN or --run RUN, not both");
	ref = npos ? positional[0] : ref ? ref : "latest";
	bdb_output_format ef;
	if (bdb_output_format_parse(fmt, BDB_OUTPUT_FOR_EXPORT, &ef)) {
		bdb_buf list;
		bdb_buf_init(&list);
		bdb_output_format_put_list(&list, BDB_OUTPUT_FOR_EXPORT);
		cli_error("export: unknown format '%s' (expected %s)", fmt, bdb_buf_cstr(&list));
		bdb_buf_free(&list);
		return EXIT_USAGE;
	}
	bdb_run *run;
	int code = cli_load_run(ctx, ref, &run);
	if (code)
		return code;
	/* JSON carries the annotation of the run's commit (read in a reader of
	 * its own: cli_load_run has closed the store). */
	bdb_store *store = NULL;
	bdb_reader *r = NULL;
	bdb_annotation *notes = NULL;
	size_t n_notes = 0;
	int rc = 0;
	if (ef == BDB_OUTPUT_JSON && run->commit && *run->commit) {
		if ((code = cli_open_store(ctx, false, true, &store)) != 0) {
			bdb_run_free(run);
			return code;
		}
		rc = bdb_reader_begin(store, &r);
		if (!rc)
			rc = bdb_reader_list_annotations(r, &notes, &n_notes);
	}
	bdb_buf out;
	bdb_buf_init(&out);
	if (!rc)
		rc = bdb_export_run_annotated(
		    run, ef, bdb_reader_annotation_match(r, notes, n_notes, run->commit), &out);
	code = rc ? EXIT_INPUT : cli_write_output("export", NULL, &out);
	bdb_buf_free(&out);
	free(notes);
	if (r)
		bdb_reader_end(r);
	if (store)
		bdb_store_close(store);
	bdb_run_free(run);
	if (rc)
		cli_error("export: %s", bdb_strerror(rc));
	return code;
}
