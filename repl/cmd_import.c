/* cmd_import.c - import-gab, import-asv and import-otava: other tools' whole histories;
 * and the part of `ingest` that hands a data.js to import-gab. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ingest.h"

void cli_note_duplicate_files(const char *input, const bdb_import_summary *s)
{
	if (s->first_duplicate[0])
		fprintf(stderr,
			"benchdb: note: %s: %zu file(s) hold a run that another file of the import "
			"holds: counted once; the first: %s\n",
			input, s->duplicates, s->first_duplicate);
}

/* Says what an import did: the counts on stdout, what was left out on stderr. */
static void print_summary(const char *what, const char *input, const bdb_import_summary *s)
{
	cli_stored();
	printf("Imported %zu run(s) from %zu %s of %s (%zu unchanged, %zu replaced", s->runs_stored,
	       s->entries, what, input, s->runs_unchanged, s->runs_replaced);
	if (s->duplicates)
		printf(", %zu recorded twice counted once", s->duplicates);
	if (s->empty_entries)
		printf(", %zu with no result left out", s->empty_entries);
	if (s->skipped_dirs)
		printf(", %zu director%s without machine.json left out", s->skipped_dirs,
		       s->skipped_dirs == 1 ? "y" : "ies");
	printf(")\n");
	cli_note_duplicate_files(input, s);
	if (s->skipped_dirs)
		fprintf(stderr,
			"benchdb: warning: %s: left out %zu director%s without machine.json "
			"(no machine's results); the first: %s\n",
			input, s->skipped_dirs, s->skipped_dirs == 1 ? "y" : "ies",
			s->first_skipped_dir);
	if (s->skipped_null || s->skipped_unit || s->skipped_name) {
		/* Only gab's results have units that are not one: an asv import
		 * said "and 0 whose unit is not a unit". */
		fprintf(stderr,
			"benchdb: warning: %s: left out %zu result(s) without a value (null)",
			input, s->skipped_null);
		if (s->skipped_unit)
			fprintf(stderr, " and %zu whose unit is not a unit", s->skipped_unit);
		if (s->skipped_name)
			fprintf(stderr, " and %zu without a name", s->skipped_name);
		fprintf(stderr, "; the first: %s\n", s->first_skipped);
	}
	if (s->unitless)
		fprintf(
		    stderr,
		    "benchdb: warning: %s: %zu track result(s) of benchmarks benchmarks.json no "
		    "longer has are stored without a unit (asv keeps units only there); the "
		    "first: %s\n",
		    input, s->unitless, s->first_unitless);
	/* The imported series are the action's; CI that ingests the tool's own
	 * output from now on starts new ones (docs/migrating.md). */
	if (s->own_series[0])
		fprintf(stderr,
			"benchdb: note: %s: the imported series keep the action's names; "
			"'benchdb ingest' of the tool's own output names its series otherwise, "
			"so runs ingested from it start new series (%s; docs/migrating.md)\n",
			input, s->own_series);
}

/* An import's outcome rc said: its summary, or its error; an exit code. */
static int report_import(int rc, const bdb_diag *d, const char *what, const char *input,
			 const bdb_import_summary *s)
{
	if (rc) {
		cli_error_diag(d);
		/* The runs of the transactions committed before the failing one
		 * stay: said, or the import read as one that stored nothing. */
		if (s->runs_stored + s->runs_unchanged + s->runs_replaced)
			fprintf(stderr,
				"benchdb: note: %s: the transactions before it stored %zu run(s) "
				"(%zu unchanged, %zu replaced), which stay; the same import again "
				"stores the rest\n",
				input, s->runs_stored, s->runs_unchanged, s->runs_replaced);
		/* The same history imported again without the --branch the
		 * first import had: --replace would move every run off that
		 * branch, and check --against-branch would lose its base. */
		if (rc == BDB_EEXISTS && s->branch_conflict && s->stored_branch[0])
			fprintf(stderr,
				"benchdb: hint: the stored runs were imported on branch %s "
				"(import-gab or import-asv --branch %s): import with it again "
				"to add what is new; --replace would move them off branch %s\n",
				s->stored_branch, s->stored_branch, s->stored_branch);
		else if (rc == BDB_EEXISTS && s->branch_conflict)
			fprintf(stderr,
				"benchdb: hint: the stored runs were imported without --branch: "
				"import without it again to add what is new; --replace would "
				"move them to the new branch\n");
		else if (rc == BDB_EEXISTS)
			fprintf(stderr, "benchdb: hint: --replace replaces the stored runs\n");
		return EXIT_INPUT;
	}
	print_summary(what, input, s);
	return EXIT_OK;
}

typedef int (*import_fn)(bdb_store *store, const char *path, const bdb_import_options *o,
			 bdb_import_summary *summary, bdb_diag *d);

/* Imports one history into the open store; an exit code. */
static int import_one(bdb_store *store, import_fn fn, const char *what, const char *path,
		      const bdb_import_options *o)
{
	bdb_import_summary summary;
	memset(&summary, 0, sizeof summary);
	bdb_diag d;
	bdb_diag_clear(&d);
	return report_import(fn(store, path, o, &summary, &d), &d, what, path, &summary);
}

static int run_import(cli_ctx *ctx, int argc, char **argv, const char *usage, const char *name,
		      import_fn fn, const char *what)
{
	const char *path = NULL, *branch = NULL;
	bool replace = false;
	const cli_opt opts[] = {
	    {"--replace", NULL, &replace}, {"--branch", &branch, NULL}, {NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, usage, opts, &path, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	if (!path)
		return cli_usage_error(name, "expected the %s to import",
				       fn == bdb_import_gab ? "data.js file" : "asv results directory");
	char what_branch[48];
	snprintf(what_branch, sizeof what_branch, "%s: --branch", name);
	if (branch && !*branch)
		return cli_usage_error(name, "--branch: expected a branch name, got an empty one");
	if (branch && !cli_text_ok(what_branch, branch))
		return EXIT_USAGE;
	bdb_store *store;
	int code = cli_open_store(ctx, true, false, &store);
	if (code)
		return code;
	bdb_import_options o = {replace ? BDB_PUT_REPLACE : 0, branch};
	code = import_one(store, fn, what, path, &o);
	cli_close_written_store(store, code);
	return code;
}

static const char gab_usage[] =
    "usage: benchdb import-gab [--db DIR] [--replace] [--branch B] data.js\n"
    "\n"
    "Imports a github-action-benchmark history (the data.js the action keeps on\n"
    "gh-pages, or its JSON): every entry of every suite becomes one run (commit,\n"
    "commit time, author, message and URL; tag suite=NAME), the tool gives the\n"
    "metric and its direction. Importing a file that has grown adds only its new\n"
    "entries. Results without a value, with a unit that is not one or without a\n"
    "name are left out and reported. The whole file is checked first: a bad file stores nothing\n"
    "(exit 3). 'benchdb ingest data.js' does the same. The series keep the\n"
    "action's names: 'benchdb ingest' of the own output of go, pytest, googlecpp,\n"
    "catch2, jmh, benchmarkdotnet or benchmarkluau starts new ones (a note says\n"
    "so; docs/migrating.md).\n"
    "  --branch B  every run is on branch B (data.js records none): 'check\n"
    "              --against-branch B' then judges the next CI run against the\n"
    "              newest imported one\n"
    "  --replace   replace different runs stored under the same ids\n";

int cmd_import_gab(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, gab_usage, "import-gab", bdb_import_gab, "entries");
}

static const char asv_usage[] =
    "usage: benchdb import-asv [--db DIR] [--replace] [--branch B] RESULTS_DIR\n"
    "\n"
    "Imports airspeed velocity results (the directory with benchmarks.json and a\n"
    "directory per machine, or one machine's directory): every result file\n"
    "becomes one run, in the order of its date; parameters become tags, the\n"
    "environment name tag env, machine.json the environment. Failed (null) and\n"
    "skipped (NaN) benchmarks and directories without machine.json are left out\n"
    "and reported.\n"
    "Everything is checked first: a bad file stores nothing (exit 3).\n"
    "  --branch B  every run is on branch B (the results record none)\n"
    "  --replace   replace different runs stored under the same ids\n";

int cmd_import_asv(cli_ctx *ctx, int argc, char **argv)
{
	return run_import(ctx, argc, argv, asv_usage, "import-asv", bdb_import_asv, "result files");
}

static const char otava_usage[] =
    "usage: benchdb import-otava [--db DIR] [--replace] [--time-column NAME]\n"
    "                            [--attributes A,B] [--metrics M[:DIR[:SCALE[:UNIT]]],...]\n"
    "                            [--test NAME] FILE.csv|-\n"
    "\n"
    "Imports an Apache Otava (Hunter) CSV history, with the options of Otava's\n"
    "csv test: every row becomes one run of the test (one point named NAME,\n"
    "default the file name without .csv; '-' reads standard input and needs\n"
    "--test). The time column gives the\n"
    "timestamp; attribute commit the commit, branch the branch, the others\n"
    "metadata. Importing a file that has grown adds only its new rows. The\n"
    "whole file is checked first: a bad file stores nothing (exit 3).\n"
    "  --time-column NAME  the time column (default time)\n"
    "  --attributes A,B    the attribute columns (default commit, if present)\n"
    "  --metrics LIST      the metric columns (default every other column);\n"
    "                      each COLUMN[:DIRECTION[:SCALE[:UNIT]]], DIRECTION 1\n"
    "                      (higher is better, the default) or -1 (lower), values\n"
    "                      multiplied by SCALE, e.g. latency:-1:0.001:s\n"
    "  --test NAME         the test's name: the point the metrics go to\n"
    "  --replace           replace different runs stored under the same ids\n";

/* Splits text (a writable copy) at commas into out[0..max); how many, or
 * max + 1 when there are more. Empty items are kept for the caller to refuse. */
static size_t split_commas(char *text, char **out, size_t max)
{
	size_t n = 0;
	for (char *p = text;; p++) {
		char *comma = strchr(p, ',');
		if (n == max)
			return max + 1;
		out[n++] = p;
		if (!comma)
			return n;
		*comma = '\0';
		p = comma;
	}
}

#define OTAVA_MAX_COLUMNS 256

/* One --metrics item: COLUMN[:DIRECTION[:SCALE[:UNIT]]]. */
static bool parse_otava_metric(char *item, bdb_otava_metric *m)
{
	char *part[4] = {item, NULL, NULL, NULL};
	for (int i = 1; i < 4; i++) {
		char *colon = part[i - 1] ? strchr(part[i - 1], ':') : NULL;
		if (colon) {
			*colon = '\0';
			part[i] = colon + 1;
		}
	}
	*m = (bdb_otava_metric){NULL, 1, 1.0, NULL, part[0]};
	if (!*part[0])
		return false;
	if (part[1] && strcmp(part[1], "1") != 0 && strcmp(part[1], "-1") != 0)
		return false;
	if (part[1])
		m->direction = atoi(part[1]);
	char *end;
	if (part[2] && *part[2]) {
		m->scale = strtod(part[2], &end);
		/* A scale of 0 made every value 0, which no comparison judges. */
		if (*end || !isfinite(m->scale) || m->scale == 0)
			return false;
	}
	if (part[3] && *part[3])
		m->unit = part[3];
	return true;
}

int cmd_import_otava(cli_ctx *ctx, int argc, char **argv)
{
	const char *path = NULL, *time_col = NULL, *attrs = NULL, *metrics = NULL, *test = NULL;
	bool replace = false;
	const cli_opt opts[] = {{"--replace", NULL, &replace},
				{"--time-column", &time_col, NULL},
				{"--attributes", &attrs, NULL},
				{"--metrics", &metrics, NULL},
				{"--test", &test, NULL},
				{NULL, NULL, NULL}};
	int npos, parsed = cli_parse_args(ctx, argc, argv, otava_usage, opts, &path, 1, &npos);
	if (parsed)
		return parsed < 0 ? EXIT_OK : parsed;
	if (!path)
		return cli_usage_error("import-otava", "expected the CSV file to import");
	/* The point is named after the file: standard input has no name. */
	if (strcmp(path, "-") == 0 && !test)
		return cli_usage_error("import-otava", "'-' (standard input) has no file name "
						       "to name the point: give --test NAME");
	static char *attr_list[OTAVA_MAX_COLUMNS], *metric_items[OTAVA_MAX_COLUMNS];
	static bdb_otava_metric metric_list[OTAVA_MAX_COLUMNS];
	char *attr_text = attrs ? strdup(attrs) : NULL, *metric_text = metrics ? strdup(metrics) : NULL;
	bdb_otava_options o = {test, time_col, (const char *const *)attr_list, 0, metric_list, 0};
	int code = EXIT_OK;
	if ((attrs && !attr_text) || (metrics && !metric_text)) {
		cli_error("import-otava: out of memory");
		code = EXIT_INPUT;
	}
	if (!code && attr_text) {
		o.n_attributes = split_commas(attr_text, attr_list, OTAVA_MAX_COLUMNS);
		for (size_t i = 0; !code && i < o.n_attributes; i++)
			if (o.n_attributes > OTAVA_MAX_COLUMNS || !*attr_list[i]) {
				cli_error("import-otava: --attributes: expected column names "
					  "separated by commas, got \"%s\"", attrs);
				code = EXIT_USAGE;
			}
	}
	if (!code && metric_text) {
		o.n_metrics = split_commas(metric_text, metric_items, OTAVA_MAX_COLUMNS);
		for (size_t i = 0; !code && i < o.n_metrics; i++)
			if (o.n_metrics > OTAVA_MAX_COLUMNS ||
			    !parse_otava_metric(metric_items[i], &metric_list[i])) {
				cli_error("import-otava: --metrics: expected "
					  "COLUMN[:DIRECTION[:SCALE[:UNIT]]] items separated by "
					  "commas, DIRECTION 1 or -1, SCALE a number other than 0; "
					  "got \"%s\"",
					  metrics);
				code = EXIT_USAGE;
			}
	}
	bdb_store *store = NULL;
	if (!code)
		code = cli_open_store(ctx, true, false, &store);
	if (!code) {
		bdb_import_summary summary;
		memset(&summary, 0, sizeof summary);
		bdb_diag d;
		bdb_diag_clear(&d);
		int rc = bdb_import_otava(store, path, &o, replace ? BDB_PUT_REPLACE : 0, &summary,
					  &d);
		code = report_import(rc, &d, "rows", path, &summary);
		cli_close_written_store(store, code);
	}
	free(attr_text);
	free(metric_text);
	return code;
}

/* Only a regular file is looked at: reading the start of a pipe or FIFO
 * would take it from the ingest that follows. */
bool cli_is_history_file(const char *path)
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

int cli_ingest_histories(bdb_store *store, const char **files, int *n_files, unsigned flags,
			 const char *branch)
{
	int code = EXIT_OK, kept = 0;
	for (int i = 0; i < *n_files; i++) {
		if (!cli_is_history_file(files[i])) {
			files[kept++] = files[i];
			continue;
		}
		bdb_import_options o = {flags, branch};
		if (import_one(store, bdb_import_gab, "entries", files[i], &o))
			code = EXIT_INPUT;
	}
	*n_files = kept;
	return code;
}
