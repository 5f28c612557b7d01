/* cmd_import.c - import-gab and import-asv: other tools' whole histories;
 * and the part of `ingest` that hands a data.js to import-gab. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ingest.h"

/* Says what an import did: the counts on stdout, what was left out on stderr. */
static void print_summary(const char *what, const char *input, const bdb_import_summary *s)
{
	printf("Imported %zu run(s) from %zu %s of %s (%zu unchanged, %zu replaced", s->runs_stored,
	       s->entries, what, input, s->runs_unchanged, s->runs_replaced);
	if (s->duplicates)
		printf(", %zu recorded twice counted once", s->duplicates);
	printf(")\n");
	if (s->skipped_null || s->skipped_unit)
		fprintf(stderr,
			"benchdb: warning: %s: left out %zu result(s) without a value (null) "
			"and %zu whose unit is not a unit; the first: %s\n",
			input, s->skipped_null, s->skipped_unit, s->first_skipped);
}

typedef int (*import_fn)(bdb_store *store, const char *path, unsigned flags,
			 bdb_import_summary *summary, bdb_diag *d);

/* Imports one history into the open store; an exit code. */
static int import_one(bdb_store *store, import_fn fn, const char *what, const char *path,
		      unsigned flags)
{
	bdb_import_summary summary;
	memset(&summary, 0, sizeof summary);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = fn(store, path, flags, &summary, &d);
	if (rc) {
		cli_error_diag(&d);
		if (rc == BDB_EEXISTS)
			fprintf(stderr, "benchdb: hint: --replace replaces the stored runs\n");
		return EXIT_INPUT;
	}
	print_summary(what, path, &summary);
	return EXIT_OK;
}

static int run_import(cli_ctx *ctx, int argc, char **argv, const char *usage, const char *name,
		      import_fn fn, const char *what)
{
	const char *path = NULL;
	bool replace = false;
	const cli_opt opts[] = {{"--replace", NULL, &replace}, {NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, usage, opts, &path, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	if (!path) {
		cli_error("%s: expected the %s to import", name,
			  fn == bdb_import_gab ? "data.js file" : "asv results directory");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	bdb_store *store;
	int code = cli_open_store(ctx, true, false, &store);
	if (code)
		return code;
	code = import_one(store, fn, what, path, replace ? BDB_PUT_REPLACE : 0);
	bdb_store_close(store);
	return code;
}

static const char gab_usage[] =
    "usage: benchdb import-gab [--db DIR] [--replace] data.js\n"
    "\n"
    "Imports a github-action-benchmark history (the data.js the action keeps on\n"
    "gh-pages, or its JSON): every entry of every suite becomes one run (commit,\n"
    "commit time, author, message and URL; tag suite=NAME), the tool gives the\n"
    "metric and its direction. Importing a file that has grown adds only its new\n"
    "entries. Results without a value or with a unit that is not one are left out\n"
    "and reported. The whole file is checked first: a bad file stores nothing\n"
    "(exit 3). 'benchdb ingest data.js' does the same.\n"
    "  --replace   replace different runs stored under the same ids\n";

int cmd_import_gab(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, gab_usage, "import-gab", bdb_import_gab, "entries");
}

static const char asv_usage[] =
    "usage: benchdb import-asv [--db DIR] [--replace] RESULTS_DIR\n"
    "\n"
    "Imports airspeed velocity results (the directory with benchmarks.json and a\n"
    "directory per machine, or one machine's directory): every result file\n"
    "becomes one run, in the order of its date; parameters become tags, the\n"
    "environment name tag env, machine.json the environment. Failed benchmarks\n"
    "(null) are left out and reported. Everything is checked first: a bad file\n"
    "stores nothing (exit 3).\n"
    "  --replace   replace different runs stored under the same ids\n";

int cmd_import_asv(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, asv_usage, "import-asv", bdb_import_asv, "result files");
}

/* Whether the file at path starts like a github-action-benchmark history.
 * Only a regular file is looked at: reading the start of a pipe or FIFO
 * would take it from the ingest that follows. */
static bool is_history_file(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char head[4096];
	size_t n = fread(head, 1, sizeof head, f);
	fclose(f);
	return bdb_is_gab_history(head, n);
}

int cli_ingest_histories(bdb_store *store, const char **files, int *n_files, unsigned flags)
{
	int code = EXIT_OK, kept = 0;
	for (int i = 0; i < *n_files; i++) {
		if (!is_history_file(files[i])) {
			files[kept++] = files[i];
			continue;
		}
		if (import_one(store, bdb_import_gab, "entries", files[i], flags))
			code = EXIT_INPUT;
	}
	*n_files = kept;
	return code;
}
