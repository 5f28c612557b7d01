/*
 * cmd_check.c - the CI gate (`check`) and one-shot `query`.
 *
 * check runs the query library's `regressions` statement (latest vs the
 * baseline) and prints benchkit's text, so its verdicts are the query
 * language's: there is one implementation of a regression.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "query.h"
#include "cli.h"

static const char check_usage[] =
    "usage: benchdb check [--db DIR] [--run RUN | --commit SHA]\n"
    "                     [--baseline NAME | --against-branch BRANCH]\n"
    "                     [--threshold 5%|0.05] [--using METHOD] [--strict]\n"
    "                     [--allow-missing-baseline] [--format text|markdown|json] [--json]\n"
    "                     [--chart-dir DIR]\n"
    "       benchdb --server URL check [OPTIONS]\n"
    "\n"
    "The CI gate: judges a run (default the latest; --run RUN or --commit SHA\n"
    "name another: SHA a stored commit's start, or the full hash of a stored\n"
    "short one, as git names commits) against the baseline (default 'main'), or with\n"
    "--against-branch against the newest run of BRANCH at or before it that\n"
    "holds one of its series (its own commit's runs aside),\n"
    "and exits 1 when any metric regressed beyond the threshold (default 5%; a\n"
    "metric's own threshold applies when it has one and --threshold is not given).\n"
    "--threshold takes a percentage (5%) or benchkit's fraction (0.05); a bare\n"
    "number of 1 or more is an error (write 5%).\n"
    "--using picks the detection method: percent (default), mwu (Mann-Whitney U on\n"
    "the raw samples, plus the threshold), or a history model: zscore, ttest, iqr,\n"
    "deltaiqr, lookback, which judge the run against the 30 runs before it in\n"
    "each series (a query-language method may carry its options, quoted:\n"
    "--using 'ttest window 10 boundary 0.99'); --threshold does not apply to them.\n"
    "docs/detection.md describes each method.\n"
    "A comparison beyond the threshold that the test cannot decide (mwu with too\n"
    "few samples to reach alpha) is inconclusive: listed and counted; --strict\n"
    "fails the gate on it.\n"
    "\n"
    "Text: 'PASS: No regressions detected (threshold=5%)', or 'FAIL: N regression(s)\n"
    "detected (threshold=5%):' and one line per regression, '↓' marking a change for\n"
    "the worse; then the inconclusive comparisons. markdown writes a pull-request\n"
    "comment; json (or --json) the regressions statement's result.\n"
    "--chart-dir DIR (with --format markdown) writes the history of each regressed\n"
    "series as an SVG chart, DIR/regression-N.svg (N: its row in the table), and\n"
    "links it from the table's chart column (DIR as given: a relative DIR gives\n"
    "relative links).\n"
    "An empty option (a CI variable that is not set) and a --threshold or --using\n"
    "that does not parse are exit 2, before the store is read.\n"
    "A missing store, baseline or run is an error (exit 3) that says which;\n"
    "so is a run that is its own base or shares no series with it (nothing to\n"
    "judge). A run picked by its place (the latest, --run latest~N or 'latest\n"
    "on branch B', a date, --commit) whose commit has another run of other\n"
    "series (several result files of one CI job) is exit 2: judge each with\n"
    "--run ID.\n"
    "--allow-missing-baseline passes (exit 0) when only the baseline is missing,\n"
    "for a first CI run. benchkit's form (the store given with --data) keeps\n"
    "benchkit's texts, arrows and exit 0 with no store, baseline or runs.\n"
    "With --server URL (before the word) the gate runs on that benchdb serve's\n"
    "store and prints what check there prints, with its exit code; it only reads\n"
    "(no token needed). --chart-dir and --db are refused with --server (exit 2);\n"
    "a server that does not answer or fails is exit 4.\n"
    "Exit: 0 pass, 1 regressions (or inconclusive with --strict), 2 usage, 3 store,\n"
    "4 the server of --server.\n";

/* Reads "5%" or a fraction below 1 ("0.05", benchkit's) into a percentage,
 * the number written: "7%" is 7, not 0.07 * 100 = 7.000000000000001, and
 * "0.07" is 7 (the product to 15 digits, what the fraction means). A bare
 * number of 1 or more is refused: "1" was 1% to some and 100% to others. */
static bool parse_threshold(const char *s, double *percent)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return false;
	if (*end == '%' && end[1] == '\0') {
		*percent = v;
		return v <= BDB_THRESHOLD_MAX_PCT;
	}
	if (*end || v >= 1.0)
		return false;
	char digits[32];
	snprintf(digits, sizeof digits, "%.15g", v * 100.0);
	*percent = strtod(digits, NULL);
	return true;
}

static const char *cell_str(const bdb_result *r, size_t row, const char *col)
{
	int c = bdb_result_column_index(r, col);
	if (c < 0)
		return "";
	bdb_value v = bdb_result_get(r, row, (size_t)c);
	return v.kind == BDB_VALUE_STRING && v.str ? v.str : "";
}

static double cell_num(const bdb_result *r, size_t row, const char *col)
{
	int c = bdb_result_column_index(r, col);
	if (c < 0)
		return NAN;
	bdb_value v = bdb_result_get(r, row, (size_t)c);
	if (v.kind == BDB_VALUE_NUMBER)
		return v.num;
	if (v.kind == BDB_VALUE_INT)
		return (double)v.i;
	return NAN;
}

/* A result field as a number, NaN when absent. */
static double field_num(const bdb_result *r, const char *name)
{
	bdb_value v = bdb_result_field_by_name(r, name);
	return v.kind == BDB_VALUE_NUMBER ? v.num : v.kind == BDB_VALUE_INT ? (double)v.i : NAN;
}

size_t cli_count_inconclusive(const bdb_result *r)
{
	double n = field_num(r, "inconclusive");
	return isnan(n) ? 0 : (size_t)n;
}

/*
 * What the verdict rests on, for the PASS and FAIL lines and the markdown
 * title: benchkit's "threshold=5%" for the percent rule (the default), the
 * threshold and the test for mwu, and for a history model its name with
 * the window and boundary it ran with ("zscore window=30 boundary=0.99").
 * A per-metric threshold overrides the default: the text says the default.
 */
static void describe_method(const bdb_result *r, const char *pct, char *buf, size_t size)
{
	bdb_value m = bdb_result_field_by_name(r, "method");
	bdb_method method = BDB_METHOD_PERCENT;
	if (m.kind == BDB_VALUE_STRING)
		bdb_query_method_parse(m.str, &method);
	bdb_method_family family = bdb_query_method_family(method);
	if (family == BDB_FAMILY_THRESHOLD)
		snprintf(buf, size, "threshold=%s", pct);
	else if (family == BDB_FAMILY_SAMPLES)
		snprintf(buf, size, "threshold=%s, mwu alpha=%g", pct, field_num(r, "alpha"));
	else
		snprintf(buf, size, "%s window=%g boundary=%g", bdb_query_method_name(method),
			 field_num(r, "window"),
			 field_num(r, "boundary"));
}

/* What check was asked, after its options. */
typedef struct check_request {
	const char *baseline, *branch, *run, *commit;
	const char *threshold_s, *using;
	const char *chart_dir;
	double percent; /* --threshold, in percent */
	bool strict, allow_missing_baseline, benchkit;
	bool text, markdown, json;
} check_request;

/*
 * The base of --against-branch: the newest run of branch not after the
 * judged run (ties in time broken by ingest order, as "latest") that holds
 * one of its series, other than the judged run and its commit's other runs:
 * a CI job that wrote several result files (several benchmark programs, a
 * github-action-benchmark history's suites) stores a run for each, and one
 * is no base for another.
 */
static int newest_on_branch(bdb_reader *r, const char *branch, const bdb_run_info *judged,
			    uint64_t *seq)
{
	bdb_run_filter filter = {branch, INT64_MIN, judged->timestamp_us};
	bdb_run_info *runs = NULL;
	uint64_t *mine = NULL;
	size_t n = 0, n_mine = 0;
	int rc = bdb_reader_run_series_sorted(r, judged->seq, &mine, &n_mine);
	if (!rc)
		rc = bdb_reader_list_runs(r, &filter, 0, &runs, &n);
	if (!rc)
		rc = BDB_ENOTFOUND;
	for (size_t i = 0; i < n && rc == BDB_ENOTFOUND; i++) {
		bool after =
		    runs[i].timestamp_us == judged->timestamp_us && runs[i].seq > judged->seq;
		bool same_commit = judged->commit[0] && strcmp(runs[i].commit, judged->commit) == 0;
		size_t shared = 0, other = 0;
		if (runs[i].seq == judged->seq || after || same_commit)
			continue;
		int err = bdb_reader_series_overlap(r, runs[i].seq, mine, n_mine, &shared, &other);
		if (err)
			rc = err;
		else if (shared) {
			*seq = runs[i].seq;
			rc = 0;
		}
	}
	free(runs);
	free(mine);
	return rc;
}

/*
 * Why a branch with runs gave no base for the judged run: *before, its runs
 * before it (none with one of its series: new or renamed benchmarks), or
 * in later why its runs are all newer ("" when not). Both said "the first
 * run of the branch?", and the newer ones passed with
 * --allow-missing-baseline, judging nothing (results whose own time is
 * older: a clock, a stale file).
 */
static int branch_unusable(bdb_reader *r, const char *branch, const bdb_run_info *judged,
			   size_t *n_before, char *why, size_t size)
{
	bdb_run_filter filter = {branch, INT64_MIN, INT64_MAX};
	bdb_run_info *runs = NULL;
	size_t n = 0, before = 0, after = 0, first = 0;
	why[0] = '\0';
	int rc = bdb_reader_list_runs(r, &filter, 0, &runs, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		if (runs[i].seq == judged->seq ||
		    (judged->commit[0] && strcmp(runs[i].commit, judged->commit) == 0))
			continue;
		if (runs[i].timestamp_us <= judged->timestamp_us)
			before++;
		else if (after++ == 0 || runs[i].timestamp_us < runs[first].timestamp_us)
			first = i;
	}
	char judged_at[40], first_at[40];
	*n_before = rc ? 0 : before;
	if (!rc && !before && after)
		snprintf(why, size,
			 "no run of branch '%s' at or before run %s (%s): its %zu run%s %s newer, "
			 "the first %s at %s (the judged results' own time is older: a clock, or a "
			 "stale file?)",
			 branch, judged->id,
			 bdb_time_format(judged->timestamp_us, judged_at, sizeof judged_at), after,
			 after == 1 ? "" : "s", after == 1 ? "is" : "are", runs[first].id,
			 bdb_time_format(runs[first].timestamp_us, first_at, sizeof first_at));
	free(runs);
	return rc;
}

/* What check judges: the ids of both runs, "" for a base that is missing;
 * base_only: the base's series the judged run does not have. */
typedef struct check_runs {
	char current[512], base[512];
	char near[256]; /* a stored name the missing baseline or branch is a typo of */
	size_t branch_before; /* the branch's runs before the judged one: none with its series */
	char later[1024];     /* the branch's runs are all newer than the judged one */
	size_t base_only;
	bool no_store, no_runs;
} check_runs;

/*
 * The stored baseline (or, with branch, the branch of a run) whose name the
 * missing one is likely a typo of, into near ("" for none): the rule of the
 * query language's "did you mean". A name that is stored is no typo.
 */
static void near_name(bdb_reader *r, const char *name, bool branch, char *near, size_t size)
{
	bdb_run_info *runs = NULL;
	bdb_baseline_info *bases = NULL;
	size_t n = 0, k = 0;
	int rc = branch ? bdb_reader_list_runs(r, &(bdb_run_filter){NULL, INT64_MIN, INT64_MAX}, 0,
					       &runs, &n)
			: bdb_reader_list_baselines(r, &bases, &n);
	const char **names = rc ? NULL : calloc(n + 1, sizeof *names);
	bool stored = false;
	for (size_t i = 0; names && i < n; i++) {
		const char *c = branch ? runs[i].branch : bases[i].name;
		stored = stored || strcmp(c, name) == 0;
		if (*c)
			names[k++] = c;
	}
	const char *best = names && !stored ? bdb_query_nearest(name, names) : NULL;
	snprintf(near, size, "%s", best ? best : "");
	free(names);
	free(runs);
	free(bases);
}

/* How many series of run base run cur does not have. */
static int count_base_only(bdb_reader *r, uint64_t cur, uint64_t base, size_t *n)
{
	uint64_t *mine = NULL;
	size_t n_mine = 0, shared = 0;
	int rc = bdb_reader_run_series_sorted(r, cur, &mine, &n_mine);
	*n = 0;
	if (!rc)
		rc = bdb_reader_series_overlap(r, base, mine, n_mine, &shared, n);
	free(mine);
	return rc;
}

static void copy_id(bdb_reader *r, uint64_t seq, char *buf, size_t size)
{
	bdb_run_info info;
	if (bdb_reader_run_info(r, seq, &info) == 0)
		snprintf(buf, size, "%s", info.id);
}

/*
 * Resolves the judged run and its base. Returns EXIT_OK (out->base "" when
 * the baseline or branch run is missing) or prints the error and returns
 * its exit code. A missing store or an empty one sets out->no_store or
 * out->no_runs, for the caller to report in its form.
 */
static int resolve_runs(const cli_ctx *ctx, const check_request *q, bdb_store *store,
			check_runs *out)
{
	bdb_reader *r;
	int rc = bdb_reader_begin(store, &r);
	if (rc) {
		cli_error("check: cannot read store %s: %s", ctx->db_dir, bdb_strerror(rc));
		return EXIT_INPUT;
	}
	uint64_t seq, base_seq;
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_buf ref;
	bdb_buf_init(&ref);
	if (q->commit)
		bdb_buf_printf(&ref, "commit:%s", q->commit);
	else
		bdb_buf_puts(&ref, q->run ? q->run : "latest");
	int code = EXIT_OK;
	bool picked = false;
	if (!q->run && !q->commit && bdb_reader_latest(r, 0, &seq) == BDB_ENOTFOUND) {
		out->no_runs = true;
	} else if ((rc = bdb_query_resolve_run_picked(r, bdb_buf_cstr(&ref), &seq, &picked, &d)) !=
		   0) {
		if (!d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "%s", bdb_strerror(rc));
		fprintf(stderr, "benchdb: error: check: %s\n", d.message);
		code = rc == BDB_EINVAL ? EXIT_USAGE : EXIT_INPUT;
	} else {
		bdb_run_info judged;
		uint64_t other = 0;
		copy_id(r, seq, out->current, sizeof out->current);
		rc = bdb_reader_run_info(r, seq, &judged);
		/* A run id names one run; the latest (latest~N, on a branch),
		 * a commit or a date picks one that may be one of a job's
		 * several result files, and the others would go unjudged.
		 * benchkit's form judges the latest run, as benchkit does. */
		if (!rc && picked && !q->benchkit &&
		    (rc = bdb_reader_commit_sibling(r, &judged, &other)) == 0 && other) {
			char other_id[512] = "";
			copy_id(r, other, other_id, sizeof other_id);
			cli_error("check: commit %s has runs with different series (%s, %s): a "
				  "CI job stored several result files; check judges one run, so "
				  "judge each with --run ID",
				  judged.commit, out->current, other_id);
			code = EXIT_USAGE;
		} else if (rc) {
			cli_error("check: cannot read store %s: %s", ctx->db_dir, bdb_strerror(rc));
			code = EXIT_INPUT;
		} else if ((q->branch && newest_on_branch(r, q->branch, &judged, &base_seq) == 0) ||
			   (!q->branch &&
			    bdb_reader_get_baseline(r, q->baseline, &base_seq) == 0)) {
			copy_id(r, base_seq, out->base, sizeof out->base);
			if (count_base_only(r, seq, base_seq, &out->base_only) != 0)
				out->base_only = 0;
		} else {
			near_name(r, q->branch ? q->branch : q->baseline, q->branch != NULL,
				  out->near, sizeof out->near);
			if (q->branch && !out->near[0] &&
			    branch_unusable(r, q->branch, &judged, &out->branch_before, out->later,
					    sizeof out->later) != 0)
				out->later[0] = '\0';
		}
	}
	bdb_buf_free(&ref);
	bdb_reader_end(r);
	return code;
}

/* The missing base in words: "no baseline named 'main'" or "no run of
 * branch 'main' before run v5". */
static void describe_missing_base(const check_request *q, const check_runs *runs, char *buf,
				  size_t size)
{
	if (q->branch)
		snprintf(buf, size,
			 "no run of branch '%s' at or before run %s with one of its series "
			 "(its commit's own runs aside)",
			 q->branch, runs->current);
	else
		snprintf(buf, size, "no baseline named '%s'", q->baseline);
}

/*
 * A store, run or base that is missing. benchkit's form prints benchkit's
 * line and passes, as benchkit does (standard error says what was
 * missing); the native gate fails with exit 3 unless only the base is
 * missing and --allow-missing-baseline was given.
 */
static int report_missing(const cli_ctx *ctx, const check_request *q, const check_runs *runs)
{
	char what[700], near[300] = "";
	if (runs->near[0])
		snprintf(near, sizeof near, "; did you mean '%s'?", runs->near);
	if (runs->no_store)
		snprintf(what, sizeof what, "no store at %s", ctx->db_dir);
	else if (runs->no_runs)
		snprintf(what, sizeof what, "no runs");
	else
		describe_missing_base(q, runs, what, sizeof what);
	if (q->benchkit) {
		/* benchkit looks for the baseline first, and a baseline names a
		 * run: with no runs there is none. Its hint names benchkit's
		 * form with an explicit run (a bare `benchdb baseline` lists). */
		printf("No baseline set. Use 'benchdb baseline --run RUN' to set one.\n");
		if (runs->no_store)
			fprintf(stderr, "benchdb: check: %s\n", what);
		else
			fprintf(stderr, "benchdb: check: %s in %s\n", what, ctx->db_dir);
		return EXIT_OK;
	}
	/* The branch has runs, all newer: no first run to let pass. */
	if (runs->later[0]) {
		cli_error("check: %s", runs->later);
		return EXIT_INPUT;
	}
	/* --allow-missing-baseline is for a base that does not exist yet; a
	 * mistyped name would pass every run. */
	if (!runs->no_store && !runs->no_runs && q->allow_missing_baseline && runs->near[0]) {
		cli_error("check: %s in %s%s (--allow-missing-baseline passes a base that does not "
			  "exist yet, not a mistyped name)",
			  what, ctx->db_dir, near);
		return EXIT_INPUT;
	}
	if (!runs->no_store && !runs->no_runs && q->allow_missing_baseline) {
		if (q->json) {
			printf("{\"statement\": \"check\", \"skipped\": \"no base run\", "
			       "\"columns\": [], \"rows\": []}\n");
		} else if (q->markdown) {
			/* a title, and the names escaped: a branch may hold '<' */
			bdb_buf md;
			bdb_buf_init(&md);
			bdb_buf_put_markdown(&md, what, strlen(what));
			printf("### :white_check_mark: benchdb: nothing to judge "
			       "(--allow-missing-baseline)\n\n");
			cli_put_text(stdout, bdb_buf_cstr(&md), false);
			putchar('\n');
			bdb_buf_free(&md);
		} else
			printf("PASS: nothing to judge: %s (--allow-missing-baseline)\n", what);
		return EXIT_OK;
	}
	if (runs->no_store)
		cli_error("check: %s (a mistyped --db? ingest results first)", what);
	else if (runs->no_runs)
		cli_error("check: %s in %s: ingest results first", what, ctx->db_dir);
	else if (near[0])
		cli_error("check: %s in %s%s", what, ctx->db_dir, near);
	else if (q->branch && runs->branch_before)
		cli_error("check: %s in %s: its %zu run%s before it hold%s other series (new or "
			  "renamed benchmarks? pass --allow-missing-baseline to let it pass)",
			  what, ctx->db_dir, runs->branch_before,
			  runs->branch_before == 1 ? "" : "s", runs->branch_before == 1 ? "s" : "");
	else if (q->branch)
		cli_error("check: %s in %s (the first run of the branch? pass "
			  "--allow-missing-baseline to let it pass)",
			  what, ctx->db_dir);
	else
		cli_error("check: %s in %s%s (set one with 'benchdb baseline set %s RUN', or pass "
			  "--allow-missing-baseline for a first run)",
			  what, ctx->db_dir, near, q->baseline);
	return EXIT_INPUT;
}

/* The reason of an inconclusive row: its explanation from "inconclusive: "
 * to the next ';'. */
static void inconclusive_reason(const bdb_result *r, size_t row, char *buf, size_t size)
{
	const char *e = strstr(cell_str(r, row, "explanation"), "inconclusive: ");
	buf[0] = '\0';
	if (!e)
		return;
	e += strlen("inconclusive: ");
	size_t n = strcspn(e, ";");
	snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), e);
}

/* A value of a judged line: benchkit's two decimals; the native form keeps
 * four significant digits of a value below 1 (a time in seconds), which two
 * decimals would show as 0.00. */
static void put_line_value(bdb_buf *b, double v, bool benchkit)
{
	if (v == 0)
		v = 0; /* -0 prints as 0.00, as the tables and JSON show it */
	if (benchkit || v == 0 || fabs(v) >= 1)
		bdb_buf_printf(b, "%.2f", v);
	else
		bdb_buf_printf(b, "%.4g", v);
}

/* One judged line: "  ↓ BM_sort/1024 real_time: 3896.26 → 32527.07 (+734.8%)".
 * The native form names a series' tags after its point ("BM_sort/64
 * [backend=cpu,dtype=f32] time"), which tell two series of one point apart;
 * benchkit's line has the point alone. */
static void print_line(const bdb_result *r, size_t i, const char *mark, bool benchkit)
{
	bdb_buf line, tags;
	bdb_buf_init(&line);
	bdb_buf_init(&tags);
	int col = bdb_result_column_index(r, "tags");
	if (!benchkit && col >= 0)
		bdb_result_cell_text(r, i, (size_t)col, &tags);
	bdb_buf_printf(&line, "  %s %s", mark, cell_str(r, i, "point"));
	if (tags.len)
		bdb_buf_printf(&line, " [%s]", bdb_buf_cstr(&tags));
	bdb_buf_free(&tags);
	bdb_buf_printf(&line, " %s: ", cell_str(r, i, "metric"));
	put_line_value(&line, cell_num(r, i, "base"), benchkit);
	bdb_buf_puts(&line, " \xe2\x86\x92 ");
	put_line_value(&line, cell_num(r, i, "current"), benchkit);
	/* One decimal, every digit of it (benchkit's Python), or in the native
	 * form as many decimals as show a regression beyond its threshold
	 * (-5.00001%, not -5.0% at 5%), and from 1e15 % on the table's text,
	 * "+1e+302%" for a change from a tiny base (it was cut to 46 digits,
	 * +1e+45%). */
	double change = cell_num(r, i, "change_pct"), limit = cell_num(r, i, "threshold");
	col = bdb_result_column_index(r, "change_pct");
	if (!benchkit && col >= 0 && fabs(change) >= 1e15) {
		bdb_buf_puts(&line, " (");
		bdb_result_cell_text(r, i, (size_t)col, &line);
		bdb_buf_puts(&line, ")");
	} else if (benchkit || !isfinite(change) || fabs(change) >= 1e15) {
		bdb_buf_printf(&line, " (%+.1f%%)", change);
	} else {
		int decimals = 1;
		char pct[48];
		snprintf(pct, sizeof pct, "%+.1f", change);
		while (change != 0 && decimals < 17 && fabs(strtod(pct, NULL)) <= limit)
			snprintf(pct, sizeof pct, "%+.*f", ++decimals, change);
		bdb_buf_printf(&line, " (%s%%)", pct);
	}
	cli_put_text(stdout, bdb_buf_cstr(&line), false);
	bdb_buf_free(&line);
}

/*
 * The text verdict. The native form states the method on the FAIL line too
 * and marks every regression ↓ (a change for the worse, as compare's
 * "regression ↓"); benchkit's form keeps benchkit's lines, whose arrow is
 * the way the value moved.
 */
/*
 * GitHub takes a pull-request comment of at most 65536 characters, and drops
 * a step summary over 1 MiB whole, its verdict with it: a large suite's
 * tables (8000 series: 2.2 MB) keep the rows that fit in these bytes, the
 * regressions' first, and say how many they left out; so does the line of
 * accepted regressions.
 */
enum {
	MARKDOWN_TABLES_MAX = 54000,
	MARKDOWN_REGRESSIONS_MAX = 36000,
	MARKDOWN_ACCEPTED_MAX = 4000
};

/* The regressions that began at an annotated commit (`intended`,
 * `ignore`): not counted, but said, with the annotations; markdown escapes
 * their points and texts (they rendered: HTML, links, code spans). */
static void print_accepted(const bdb_result *res, bool markdown)
{
	double n = field_num(res, "accepted");
	bdb_value v = bdb_result_field_by_name(res, "accepted_regressions");
	if (n > 0 && v.kind == BDB_VALUE_STRING) {
		printf("Accepted, not counted: %.0f regression(s) that began at an annotated "
		       "commit: ",
		       n);
		bdb_buf md;
		bdb_buf_init(&md);
		/* In Markdown at most MARKDOWN_ACCEPTED_MAX bytes, cut after a
		 * whole entry (8000 of them: 680 KB on one line). */
		size_t len = strlen(v.str);
		const char *cut = NULL;
		for (const char *p = v.str;
		     markdown && len > MARKDOWN_ACCEPTED_MAX && (p = strstr(p, "; ")) &&
		     p - v.str <= MARKDOWN_ACCEPTED_MAX;
		     p += 2)
			cut = p;
		if (markdown)
			bdb_buf_put_markdown(&md, v.str, cut ? (size_t)(cut - v.str) : len);
		if (cut)
			bdb_buf_puts(&md, "; ... (the rest not shown, to keep this under 64 KiB; "
					  "'benchdb check' lists them all)");
		cli_put_text(stdout, markdown ? bdb_buf_cstr(&md) : v.str, false);
		bdb_buf_free(&md);
		putchar('\n');
	}
}

static void print_text(const check_request *q, const bdb_result *res, const char *method,
		       size_t n_regressions, size_t n_inconclusive)
{
	size_t n = bdb_result_n_rows(res);
	if (n_regressions == 0 && !(q->strict && n_inconclusive))
		printf("PASS: No regressions detected (%s)\n", method);
	else if (n_regressions == 0)
		printf("FAIL: %zu inconclusive comparison(s) with --strict (%s):\n", n_inconclusive,
		       method);
	else if (q->benchkit)
		printf("FAIL: %zu regression(s) detected:\n", n_regressions);
	else
		printf("FAIL: %zu regression(s) detected (%s):\n", n_regressions, method);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(cell_str(res, i, "verdict"), "inconclusive") == 0)
			continue;
		const char *dir = cell_str(res, i, "direction");
		bool up = strcmp(dir, "higher") != 0;
		print_line(res, i, q->benchkit && up ? "\xe2\x86\x91" : "\xe2\x86\x93", /* ↑ : ↓ */
			   q->benchkit);
		printf("\n");
	}
	print_accepted(res, false);
	if (!n_inconclusive)
		return;
	if (n_regressions || !q->strict)
		printf("Inconclusive: %zu comparison(s) the test could not decide%s:\n",
		       n_inconclusive, q->strict ? "" : " (--strict fails on them)");
	for (size_t i = 0; i < n; i++) {
		if (strcmp(cell_str(res, i, "verdict"), "inconclusive") != 0)
			continue;
		char reason[160];
		inconclusive_reason(res, i, reason, sizeof reason);
		print_line(res, i, "?", q->benchkit);
		printf(": %s\n", reason);
	}
}

/*
 * The history of regression row `row` of res (judged against run base) as
 * an SVG chart in out: `trend METRIC where point = P and "k" = "v" ... vs
 * run BASE as svg`, drawing only the series whose tags are exactly the
 * row's (a filter on tags also keeps series with more tags). Returns 0 or
 * the query's error.
 */
static int regression_chart(bdb_store *store, const bdb_result *res, size_t row, const char *base,
			    bdb_buf *out)
{
	bdb_buf stmt, tags, other;
	bdb_buf_init(&stmt);
	bdb_buf_init(&tags);
	bdb_buf_init(&other);
	bdb_buf_puts(&stmt, "trend ");
	bdb_query_put_name(&stmt, cell_str(res, row, "metric"));
	bdb_buf_puts(&stmt, " where point = ");
	bdb_query_put_name(&stmt, cell_str(res, row, "point"));
	int col = bdb_result_column_index(res, "tags");
	bdb_value t = col >= 0 ? bdb_result_get(res, row, (size_t)col) : (bdb_value){0};
	for (size_t i = 0; t.kind == BDB_VALUE_TAGS && i < t.n_tags; i++) {
		/* Quoted keys are always tags, never fields. */
		bdb_buf_puts(&stmt, " and ");
		bdb_query_put_name(&stmt, t.tags[i].key);
		bdb_buf_puts(&stmt, " = ");
		bdb_query_put_name(&stmt, t.tags[i].value);
	}
	bdb_buf_puts(&stmt, " vs run ");
	bdb_query_put_name(&stmt, base);
	bdb_buf_puts(&stmt, " as svg");
	if (col >= 0)
		bdb_result_cell_text(res, row, (size_t)col, &tags);
	bdb_result *trend = NULL;
	bdb_query_options qopt = {0};
	int rc = bdb_query_run(store, bdb_buf_cstr(&stmt), &qopt, &trend, NULL);
	size_t n = rc ? 0 : bdb_result_n_rows(trend), from = 0, to = 0;
	int tags_col = rc ? -1 : bdb_result_column_index(trend, "tags");
	for (; from < n; from = to) {
		to = bdb_result_series_end(trend, from);
		bdb_buf_reset(&other);
		if (tags_col >= 0)
			bdb_result_cell_text(trend, from, (size_t)tags_col, &other);
		if (strcmp(bdb_buf_cstr(&other), bdb_buf_cstr(&tags)) == 0)
			break;
	}
	if (!rc) {
		bdb_chart_options o = {.rows_from = from, .rows_to = to};
		rc = from < n ? bdb_result_svg(trend, &o, out) : BDB_ENOTFOUND;
	}
	bdb_result_free(trend);
	bdb_buf_free(&stmt);
	bdb_buf_free(&tags);
	bdb_buf_free(&other);
	return rc;
}

/*
 * Writes a chart per regression of res (inconclusive rows have none) into
 * dir, DIR/regression-N.svg with N the row's number from 1, and sets
 * targets[row] to its path (malloc'd; NULL for rows without a chart).
 * File names are numbers, never built from names. Prints the error itself;
 * returns an exit code.
 */
static int write_charts(bdb_store *store, const check_runs *runs, const bdb_result *res,
			const char *dir, size_t draw, char **targets)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		cli_error("check: --chart-dir: cannot create %s: %s", dir, strerror(errno));
		return EXIT_INPUT;
	}
	size_t dir_len = strlen(dir);
	while (dir_len > 1 && dir[dir_len - 1] == '/')
		dir_len--;
	int code = EXIT_OK;
	bdb_buf svg;
	bdb_buf_init(&svg);
	for (size_t i = 0; i < bdb_result_n_rows(res) && !code; i++) {
		if (strcmp(cell_str(res, i, "verdict"), "inconclusive") == 0)
			continue;
		bdb_buf_reset(&svg);
		int rc = i < draw ? regression_chart(store, res, i, runs->base, &svg) : 0;
		if (rc) {
			cli_error("check: --chart-dir: cannot draw %s %s: %s",
				  cell_str(res, i, "point"), cell_str(res, i, "metric"),
				  bdb_strerror(rc));
			code = cli_exit_code(rc);
			break;
		}
		size_t size = dir_len + 40;
		targets[i] = malloc(size);
		if (!targets[i]) {
			cli_error("check: out of memory");
			code = EXIT_INPUT;
			break;
		}
		snprintf(targets[i], size, "%.*s/regression-%zu.svg", (int)dir_len, dir, i + 1);
		if (i < draw)
			code = cli_write_output("check: --chart-dir", targets[i], &svg);
	}
	bdb_buf_free(&svg);
	return code;
}

/* The pull-request comment: a title, the regressions, and every
 * comparison (judged alike: how holds the method's clauses) collapsed. */
/*
 * The annotated commits whose runs come after the base, up to the judged
 * run: a note under the markdown heading, so a reviewer sees which changes
 * are known (intended or to ignore). The verdicts do not read annotations:
 * they compare two runs (docs/detection.md, "Annotations").
 */
static void print_annotations(bdb_store *store, const check_runs *runs)
{
	bdb_reader *r;
	if (bdb_reader_begin(store, &r) != 0)
		return;
	uint64_t cur, base;
	bdb_run_info ci, bi, ai;
	bdb_annotation *all = NULL;
	size_t n = 0, shown = 0;
	if (bdb_reader_find_id(r, runs->current, &cur) == 0 &&
	    bdb_reader_find_id(r, runs->base, &base) == 0 && bdb_reader_run_info(r, cur, &ci) == 0 &&
	    bdb_reader_run_info(r, base, &bi) == 0 && bdb_reader_list_annotations(r, &all, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			uint64_t seq;
			if (bdb_reader_find_commit(r, all[i].commit, &seq) != 0 ||
			    bdb_reader_run_info(r, seq, &ai) != 0 ||
			    ai.timestamp_us <= bi.timestamp_us || ai.timestamp_us > ci.timestamp_us)
				continue;
			if (shown++ == 0)
				printf("Annotated commits in this range (`show annotations`):\n\n");
			bdb_buf commit, text;
			bdb_buf_init(&commit);
			bdb_buf_init(&text);
			bdb_query_put_commit(&commit, all[i].commit);
			bdb_buf_put_markdown(&text, all[i].text, strlen(all[i].text));
			/* A code span, unless the commit (free text) holds a backtick,
			 * which would end it: then escaped text. */
			bool code = !strchr(bdb_buf_cstr(&commit), '`');
			bdb_buf shown_commit;
			bdb_buf_init(&shown_commit);
			if (code)
				bdb_buf_printf(&shown_commit, "`%s`", bdb_buf_cstr(&commit));
			else
				bdb_buf_put_markdown(&shown_commit, commit.data, commit.len);
			printf("- %s %s: %s\n", bdb_buf_cstr(&shown_commit),
			       bdb_annotation_kind_name(all[i].kind), bdb_buf_cstr(&text));
			bdb_buf_free(&shown_commit);
			bdb_buf_free(&commit);
			bdb_buf_free(&text);
		}
	}
	if (shown)
		printf("\n");
	free(all);
	bdb_reader_end(r);
}

/* Writes the Markdown table (its two header lines, then rows while they
 * fit in budget bytes) and a note of the rows left out; returns the bytes
 * written. With !write it only counts: *shown, the rows that fit. */
static size_t put_table_within(const char *table, size_t budget, bool write, size_t *shown)
{
	size_t used = 0, line = 0, left_out = 0, rows = 0;
	for (const char *p = table; *p; line++) {
		size_t len = strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
		bool row = line >= 2 && p[0] == '|';
		rows += row;
		if (row && (left_out || used + len > budget))
			left_out++;
		else {
			if (write)
				fwrite(p, 1, len, stdout);
			used += len;
		}
		p += len;
	}
	if (shown)
		*shown = rows - left_out;
	if (left_out && write)
		used += (size_t)printf(
		    "\n*... %zu rows of %zu not shown, to keep this under 64 KiB (GitHub's limit "
		    "for a "
		    "pull-request comment); 'benchdb check' and '--format json' list them all*\n",
		    left_out, rows);
	return used;
}

/* The charts of the regressions the Markdown table shows: every row is
 * named (the table's links, so its widths do not change), then only the
 * rows that fit are drawn (8000 regressions drew 8000 charts, 32 MB, for
 * about 200 rows shown). */
static int write_chart_rows(bdb_store *store, const check_runs *runs, const bdb_result *res,
			    const char *dir, char **targets)
{
	int code = write_charts(store, runs, res, dir, 0, targets);
	if (code)
		return code;
	bdb_buf out;
	bdb_buf_init(&out);
	size_t shown = 0;
	if (bdb_result_markdown_links(res, "chart", "chart", (const char *const *)targets, &out) ==
	    0)
		put_table_within(bdb_buf_cstr(&out), MARKDOWN_REGRESSIONS_MAX, false, &shown);
	bdb_buf_free(&out);
	for (size_t i = 0; i < bdb_result_n_rows(res); i++) {
		free(targets[i]);
		targets[i] = NULL;
	}
	return write_charts(store, runs, res, dir, shown, targets);
}

/* Appends n bytes of s to out: escaped Markdown text, or as they are. */
static void put_described(bdb_buf *out, const char *s, size_t n, bool markdown)
{
	if (markdown)
		bdb_buf_put_markdown(out, s, n);
	else
		bdb_buf_append(out, s, n);
}

/* The commit of run id, or NULL. */
static const char *run_commit(bdb_reader *r, const char *id)
{
	uint64_t seq;
	bdb_run_info info;
	if (bdb_reader_find_id(r, id, &seq) != 0 || bdb_reader_run_info(r, seq, &info) != 0)
		return NULL;
	return info.commit;
}

/* "ID (commit C, branch B)" of run id (ids, commits and branches are free
 * text: escaped in Markdown), a commit as tables show it, told apart from
 * the other run's commit other (bdb_query_put_commit_apart). */
static void put_run_described(bdb_reader *r, const char *id, const char *other, bool markdown,
			      bdb_buf *out)
{
	uint64_t seq;
	bdb_run_info info;
	put_described(out, id, strlen(id), markdown);
	if (bdb_reader_find_id(r, id, &seq) != 0 || bdb_reader_run_info(r, seq, &info) != 0)
		return;
	const char *sep = " (";
	if (info.commit[0]) {
		bdb_buf_printf(out, "%scommit ", sep);
		bdb_buf shown;
		bdb_buf_init(&shown);
		bdb_query_put_commit_apart(&shown, info.commit, other);
		put_described(out, shown.data ? shown.data : "", shown.len, markdown);
		bdb_buf_free(&shown);
		sep = ", ";
	}
	if (info.branch[0]) {
		bdb_buf_printf(out, "%sbranch ", sep);
		put_described(out, info.branch, strlen(info.branch), markdown);
		sep = ", ";
	}
	if (strcmp(sep, ", ") == 0)
		bdb_buf_putc(out, ')');
}

/* Which run was judged against which, `Run R2 (commit C2, branch B2)
 * against R1 (...).`, on a line of its own (Markdown: a paragraph): a
 * pull-request comment said only how many regressed, not of what or
 * against what, and the text said it of neither. */
static void print_judged(bdb_store *store, const check_runs *runs, bool markdown)
{
	bdb_reader *r;
	if (!runs->base[0] || bdb_reader_begin(store, &r) != 0)
		return;
	bdb_buf line;
	bdb_buf_init(&line);
	bdb_buf_puts(&line, "Run ");
	put_run_described(r, runs->current, run_commit(r, runs->base), markdown, &line);
	bdb_buf_puts(&line, " against ");
	put_run_described(r, runs->base, run_commit(r, runs->current), markdown, &line);
	bdb_buf_puts(&line, ".");
	bdb_reader_end(r);
	cli_put_text(stdout, bdb_buf_cstr(&line), false);
	fputs(markdown ? "\n\n" : "\n", stdout);
	bdb_buf_free(&line);
}

static void print_markdown(bdb_store *store, const check_runs *runs, const char *how,
			   const bdb_result *res, const char *method, size_t n_regressions,
			   size_t n_inconclusive, bool strict, char *const *charts)
{
	bdb_query_options qopt = {0};
	bdb_buf out;
	bdb_buf_init(&out);
	char also[64] = "";
	if (n_inconclusive)
		snprintf(also, sizeof also, ", %zu inconclusive", n_inconclusive);
	/* --strict fails on inconclusive comparisons: no green title then. */
	if (n_regressions == 0 && strict && n_inconclusive)
		printf("### :x: benchdb: %zu inconclusive comparison(s) with --strict (%s)\n\n",
		       n_inconclusive, method);
	else if (n_regressions == 0)
		printf("### :white_check_mark: benchdb: no regressions%s (%s)\n\n", also, method);
	else
		printf("### :x: benchdb: %zu regression(s)%s (%s)\n\n", n_regressions, also,
		       method);
	print_judged(store, runs, true);
	/* What was not judged, as the notes on standard error say it: a
	 * summary that read "no regressions" hid it in the job's log. */
	double not_judged = field_num(res, "not_judged");
	if (runs->base_only || not_judged > 0) {
		bdb_buf base, current;
		bdb_buf_init(&base);
		bdb_buf_init(&current);
		bdb_buf_put_markdown(&base, runs->base, strlen(runs->base));
		bdb_buf_put_markdown(&current, runs->current, strlen(runs->current));
		if (runs->base_only) {
			fputs("> :warning: ", stdout);
			printf("%zu series of the base ", runs->base_only);
			cli_put_text(stdout, bdb_buf_cstr(&base), false);
			fputs(" are not in run ", stdout);
			cli_put_text(stdout, bdb_buf_cstr(&current), false);
			puts(": not judged (a benchmark that crashed part way, or was renamed)\n");
		}
		if (not_judged > 0)
			printf("> :warning: %.0f series of both runs were n/a, not judged (a base "
			       "of 0, "
			       "units that do not convert, a changed direction, too little "
			       "history)\n\n",
			       not_judged);
		bdb_buf_free(&base);
		bdb_buf_free(&current);
	}
	if (field_num(res, "accepted") > 0) {
		print_accepted(res, true);
		printf("\n");
	}
	print_annotations(store, runs);
	if (bdb_result_n_rows(res) && charts)
		bdb_result_markdown_links(res, "chart", "chart", (const char *const *)charts, &out);
	else if (bdb_result_n_rows(res))
		bdb_result_format(res, BDB_OUTPUT_MARKDOWN, &qopt, &out);
	size_t used = put_table_within(bdb_buf_cstr(&out), MARKDOWN_REGRESSIONS_MAX, true, NULL);
	bdb_buf_reset(&out);
	bdb_buf cq;
	bdb_buf_init(&cq);
	bdb_buf_puts(&cq, "compare run ");
	bdb_query_put_name(&cq, runs->base);
	bdb_buf_puts(&cq, " with run ");
	bdb_query_put_name(&cq, runs->current);
	bdb_buf_puts(&cq, how);
	bdb_result *all = NULL;
	if (bdb_query_run(store, bdb_buf_cstr(&cq), &qopt, &all, NULL) == 0) {
		bdb_result_format(all, BDB_OUTPUT_MARKDOWN, &qopt, &out);
		printf("\n<details><summary>All %zu comparisons</summary>\n\n",
		       bdb_result_n_rows(all));
		put_table_within(bdb_buf_cstr(&out),
				 used < MARKDOWN_TABLES_MAX ? MARKDOWN_TABLES_MAX - used : 0, true,
				 NULL);
		printf("\n</details>\n");
		bdb_result_free(all);
	}
	bdb_buf_free(&cq);
	bdb_buf_free(&out);
}

/* The verdict's clauses of q (--threshold, --using) into how: " threshold
 * 5% using mwu". *using_at: where --using's text starts in how (SIZE_MAX
 * without it). */
static void put_method_clauses(const check_request *q, bdb_buf *how, size_t *using_at)
{
	*using_at = SIZE_MAX;
	if (q->threshold_s)
		bdb_buf_printf(how, " threshold %.17g%%", q->percent);
	if (q->using) {
		bdb_buf_puts(how, " using ");
		*using_at = how->len;
		bdb_buf_puts(how, q->using);
	}
}

/*
 * --threshold and --using checked as the statement check runs would read
 * them, before the store is opened: a misspelt method is a usage error
 * whether or not the store, its baseline or the run exist (with
 * --allow-missing-baseline it would otherwise pass a first run). An error
 * in --using's text is shown under that text. EXIT_OK or EXIT_USAGE.
 */
static int check_method(const check_request *q)
{
	if (!q->threshold_s && !q->using)
		return EXIT_OK;
	bdb_buf stmt;
	bdb_buf_init(&stmt);
	bdb_buf_puts(&stmt, "regressions");
	size_t using_at;
	put_method_clauses(q, &stmt, &using_at);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_parse(bdb_buf_cstr(&stmt), &d);
	if (rc == BDB_EQUERY && q->using &&
	    bdb_query_error_within(&d, bdb_buf_cstr(&stmt), using_at, strlen(q->using))) {
		char msg[sizeof d.message];
		memcpy(msg, d.message, sizeof msg);
		bdb_diag_set(&d, d.code, NULL, 0, 0, "check: --using: %.700s", msg);
		cli_error_diag(&d);
	} else if (rc == BDB_EQUERY) {
		cli_error_diag(&d);
	} else if (rc) {
		cli_error("check: %s", bdb_strerror(rc));
	}
	bdb_buf_free(&stmt);
	if (rc)
		return EXIT_USAGE;
	/* A history model's limits decide, not a threshold (an error of the
	 * statement when it runs, which needs the runs). */
	char word[16];
	bdb_method method;
	snprintf(word, sizeof word, "%.*s", (int)strcspn(q->using ? q->using : "", " "),
		 q->using ? q->using : "");
	if (q->threshold_s && bdb_query_method_parse(word, &method) == 0 &&
	    bdb_query_method_family(method) == BDB_FAMILY_HISTORY)
		return cli_usage_error("check",
				       "--threshold: a threshold does not apply to using %s (the "
				       "model's window and boundary decide; docs/detection.md)",
				       word);
	return EXIT_OK;
}

/* Parses check's options into q; EXIT_OK, -1 for --help, or a usage error. */
static int parse_check(cli_ctx *ctx, int argc, char **argv, check_request *q)
{
	const char *format = NULL;
	bool json_flag = false;
	memset(q, 0, sizeof *q);
	q->baseline = NULL;
	const cli_opt opts[] = {{"--baseline", &q->baseline, NULL},
				{"--against-branch", &q->branch, NULL},
				{"--run", &q->run, NULL},
				{"--commit", &q->commit, NULL},
				{"--threshold", &q->threshold_s, NULL},
				{"--using", &q->using, NULL},
				{"--format", &format, NULL},
				{"--chart-dir", &q->chart_dir, NULL},
				{"--json", NULL, &json_flag},
				{"--strict", NULL, &q->strict},
				{"--allow-missing-baseline", NULL, &q->allow_missing_baseline},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, check_usage, opts, NULL, 0, &npos);
	if (code)
		return code;
	/* Known before the checks below: their errors go to the summary too. */
	q->markdown = format && strcmp(format, "markdown") == 0 && !json_flag && !ctx->json;
	q->benchkit = ctx->benchkit_data;
	if (q->baseline && q->branch)
		return cli_usage_error("check", "give --baseline or --against-branch, not both");
	if (q->run && q->commit)
		return cli_usage_error("check", "give --run or --commit, not both");
	/* An empty value is a variable that was not set (GITHUB_BASE_REF on a
	 * push): with --allow-missing-baseline, an empty base passed every run. */
	const char *given[][2] = {{"--baseline", q->baseline}, {"--against-branch", q->branch},
				  {"--run", q->run},	       {"--commit", q->commit},
				  {"--threshold", q->threshold_s}, {"--using", q->using}};
	for (size_t i = 0; i < sizeof given / sizeof *given; i++)
		if (given[i][1] && !*given[i][1])
			return cli_usage_error("check", "%s is empty (a variable that is not set?)",
					       given[i][0]);
	if (!q->baseline)
		q->baseline = "main";
	const char *texts[][2] = {{"check: --baseline", q->baseline},
				  {"check: --against-branch", q->branch},
				  {"check: --run", q->run},
				  {"check: --commit", q->commit}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (texts[i][1] && !cli_text_ok(texts[i][0], texts[i][1]))
			return EXIT_USAGE;
	/* --json and another --format: one of them would be dropped in
	 * silence (a markdown comment step that got JSON). */
	if ((json_flag || ctx->json) && format &&
	    strcmp(format, bdb_output_format_name(BDB_OUTPUT_JSON)) != 0)
		return cli_usage_error("check", "--json and --format %s disagree; give one",
				       format);
	if (json_flag || ctx->json)
		format = bdb_output_format_name(BDB_OUTPUT_JSON);
	if (!format)
		format = "text";
	q->percent = 5;
	if (q->threshold_s && !parse_threshold(q->threshold_s, &q->percent)) {
		char *end;
		double v = strtod(q->threshold_s, &end);
		if (end != q->threshold_s && !*end && v >= 1.0)
			return cli_usage_error(
			    "check",
			    "--threshold %s: write %s%% for a percentage (a bare "
			    "number is benchkit's fraction, below 1: 0.05 is 5%%)",
			    q->threshold_s, q->threshold_s);
		return cli_usage_error(
		    "check",
		    "--threshold: expected a percentage (5%%, at most %.0f%%) or "
		    "a fraction (0.05), got '%s'",
		    BDB_THRESHOLD_MAX_PCT, q->threshold_s);
	}
	/* "text" is benchkit's name of check's own lines; the others are
	 * output formats (schema/output.c). */
	bdb_output_format f = BDB_OUTPUT_DEFAULT;
	q->text = strcmp(format, "text") == 0;
	if (!q->text)
		bdb_output_format_parse(format, BDB_OUTPUT_FOR_CHECK, &f);
	q->markdown = f == BDB_OUTPUT_MARKDOWN;
	q->json = f == BDB_OUTPUT_JSON;
	if (!q->text && !q->markdown && !q->json)
		return cli_usage_error(
		    "check", "--format: expected text, markdown or json, got '%s'", format);
	if (q->chart_dir && !q->markdown)
		return cli_usage_error("check", "--chart-dir: the charts are linked from "
						"--format markdown; give it too");
	if (q->chart_dir && !*q->chart_dir)
		return cli_usage_error("check", "--chart-dir: expected a directory");
	if (q->using &&
	    strspn(q->using, "abcdefghijklmnopqrstuvwxyz0123456789. ") != strlen(q->using))
		return cli_usage_error("check", "--using: expected a method name, got '%s'",
				       q->using);
	return check_method(q);
}

static int check_gate(cli_ctx *ctx, int argc, char **argv, check_request *qp, bool *answered);

/* check, and with --format markdown (a step summary, a PR comment) a
 * title and the reason when it could not judge (exit 2 or 3, or 4: the
 * server of --server did not answer): the summary was empty, the reason
 * only in the job's log. A server's gate wrote its own (answered). */
int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	check_request q;
	memset(&q, 0, sizeof q);
	bool answered = false;
	int code = check_gate(ctx, argc, argv, &q, &answered);
	const char *why = cli_first_error();
	if ((code == EXIT_INPUT || code == EXIT_USAGE || code == EXIT_SERVER) && q.markdown &&
	    !answered && *why) {
		bdb_buf md;
		bdb_buf_init(&md);
		bdb_buf_put_markdown(&md, why, strlen(why));
		printf("### :x: benchdb: the gate could not judge (exit %d)\n\n", code);
		cli_put_text(stdout, bdb_buf_cstr(&md), false);
		putchar('\n');
		bdb_buf_free(&md);
	}
	return code;
}

/*
 * The gate on the server of --server (GET /api/check): q's options sent,
 * the server's gate's output printed. Options that name local files or
 * the local store are refused (exit 2).
 */
static int check_on_server(const cli_ctx *ctx, const check_request *q, bool *answered)
{
	const char *fault = cli_server_url_fault(ctx->server);
	if (fault)
		return cli_usage_error("check", "--server: %s, got '%s'", fault,
				       cli_server_shown(ctx->server));
	if (ctx->db_given)
		return cli_usage_error("check", "--server judges the server's store: give no "
						"--db or --data");
	if (q->chart_dir)
		return cli_usage_error("check", "--chart-dir does not work with --server: the "
						"charts would be written on the server (run check "
						"where the store is for them)");
	bdb_serve_param params[16];
	size_t n = 0;
	const char *values[][2] = {
	    {"baseline", q->branch ? NULL : q->baseline},
	    {"against-branch", q->branch},
	    {"run", q->run},
	    {"commit", q->commit},
	    {"threshold", q->threshold_s},
	    {"using", q->using},
	    {"format", q->json	     ? "json"
		       : q->markdown ? "markdown"
				     : "text"},
	    {"strict", q->strict ? "1" : NULL},
	    {"allow-missing-baseline", q->allow_missing_baseline ? "1" : NULL}};
	for (size_t i = 0; i < sizeof values / sizeof *values; i++)
		if (values[i][1])
			params[n++] = (bdb_serve_param){values[i][0], values[i][1]};
	return cli_check_remote(ctx, params, n, answered);
}

static int check_gate(cli_ctx *ctx, int argc, char **argv, check_request *qp, bool *answered)
{
	check_request q;
	int code = parse_check(ctx, argc, argv, &q);
	*qp = q;
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (ctx->server)
		return check_on_server(ctx, &q, answered);

	if ((code = cli_store_path_usable(ctx)) != EXIT_OK)
		return code;
	bdb_store *store = NULL;
	bdb_store_options sopt = {.no_create = true, .read_only = true};
	bdb_diag od;
	bdb_diag_clear(&od);
	int rc = bdb_store_open(ctx->db_dir, &sopt, &store, &od);
	check_runs runs = {0};
	if (rc == BDB_ENOTFOUND) {
		runs.no_store = true;
		return report_missing(ctx, &q, &runs);
	}
	if (rc) {
		/* The store's own sentence (a newer format, not a directory,
		 * permission), not only its error's name. */
		char why[1400];
		if (od.message[0])
			bdb_diag_format(&od, why, sizeof why);
		else
			snprintf(why, sizeof why, "%s: %s", ctx->db_dir, bdb_strerror(rc));
		cli_error("check: %s", why);
		return EXIT_INPUT;
	}
	code = resolve_runs(ctx, &q, store, &runs);
	if (!code && (runs.no_runs || !runs.base[0]))
		code = report_missing(ctx, &q, &runs);
	if (code || runs.no_runs || !runs.base[0]) {
		bdb_store_close(store);
		return code;
	}
	/* A run judged against itself always passes: the baseline was moved to
	 * it, or the step that stores the new results did not run. */
	if (!q.benchkit && strcmp(runs.current, runs.base) == 0) {
		cli_error("check: nothing to judge: run %s is its own base (baseline '%s' points at "
			  "it); store the new results first, or judge another run with --run",
			  runs.current, q.baseline);
		bdb_store_close(store);
		return EXIT_INPUT;
	}

	/* The method's clauses, shared by the verdicts and (markdown) the
	 * table of everything compared, so that both judge alike. */
	bdb_buf how;
	bdb_buf_init(&how);
	size_t using_at;
	put_method_clauses(&q, &how, &using_at);
	bdb_buf stmt;
	bdb_buf_init(&stmt);
	bdb_buf_puts(&stmt, "regressions in run ");
	bdb_query_put_name(&stmt, runs.current);
	bdb_buf_puts(&stmt, " vs run ");
	bdb_query_put_name(&stmt, runs.base);
	bdb_buf_puts(&stmt, bdb_buf_cstr(&how));
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_query_options qopt = {0};
	rc = bdb_query_run(store, bdb_buf_cstr(&stmt), &qopt, &res, &d);
	bdb_buf_free(&stmt);
	if (rc) {
		bdb_buf_free(&how);
		bdb_store_close(store);
		cli_error_diag(&d);
		return cli_exit_code(rc);
	}
	/* A gate that judged nothing must not pass: the run and its base share
	 * no series, or every shared one is n/a. benchkit's form passes, as
	 * benchkit does. */
	if (!q.benchkit && field_num(res, "compared") == 0) {
		cli_error("check: nothing to judge: run %s and its base %s have no series in "
			  "common with a verdict (none shared, or each n/a: a base of 0, "
			  "direction info or changed, units that do not convert); 'benchdb "
			  "compare run "
			  "\"%s\" with run \"%s\"' shows them",
			  runs.current, runs.base, runs.base, runs.current);
		bdb_result_free(res);
		bdb_buf_free(&how);
		bdb_store_close(store);
		return EXIT_INPUT;
	}
	/* A benchmark that no longer ran (a crash part way, a renamed one) is
	 * not judged: said, so that a pass does not hide it. */
	if (!q.benchkit && runs.base_only)
		fprintf(stderr,
			"benchdb: note: check: %zu series of the base %s are not in run %s: not "
			"judged\n",
			runs.base_only, runs.base, runs.current);
	double not_judged = field_num(res, "not_judged");
	if (!q.benchkit && not_judged > 0)
		fprintf(stderr,
			"benchdb: note: check: %.0f series of both runs were n/a, not judged (a base "
			"of 0, units that do not convert, a changed direction, too little history: "
			"'benchdb compare run \"%s\" with run \"%s\" explain' says which)\n",
			not_judged, runs.base, runs.current);
	size_t n_inconclusive = cli_count_inconclusive(res);
	size_t n_regressions = bdb_result_n_rows(res) - n_inconclusive;
	char pct[32], method[96];
	snprintf(pct, sizeof pct, "%g%%", q.percent);
	describe_method(res, pct, method, sizeof method);
	if (q.json) {
		bdb_buf out;
		bdb_buf_init(&out);
		bdb_result_format(res, BDB_OUTPUT_JSON, &qopt, &out);
		fputs(bdb_buf_cstr(&out), stdout);
		bdb_buf_free(&out);
	} else if (q.markdown) {
		size_t n = bdb_result_n_rows(res);
		char **charts = q.chart_dir ? calloc(n + 1, sizeof *charts) : NULL;
		if (q.chart_dir)
			code = charts ? write_chart_rows(store, &runs, res, q.chart_dir, charts)
				      : EXIT_INPUT;
		if (!code)
			print_markdown(store, &runs, bdb_buf_cstr(&how), res, method, n_regressions,
				       n_inconclusive, q.strict, charts);
		for (size_t i = 0; charts && i < n; i++)
			free(charts[i]);
		free(charts);
	} else {
		if (!q.benchkit)
			print_judged(store, &runs, false);
		print_text(&q, res, method, n_regressions, n_inconclusive);
	}
	bdb_result_free(res);
	bdb_buf_free(&how);
	bdb_store_close(store);
	if (code)
		return code;
	return n_regressions || (q.strict && n_inconclusive) ? EXIT_REGRESSIONS : EXIT_OK;
}

static const char query_usage[] =
    "usage: benchdb query [--db DIR] [--json | --format FMT] [--fail] [--no-pager]\n"
    "                     'STATEMENT[; STATEMENT...]'\n"
    "\n"
    "Runs statements once, like benchdb -c. See 'benchdb --help' and\n"
    "docs/query-language.md.\n";

int cmd_query(cli_ctx *ctx, const shell_options *defaults, int argc, char **argv)
{
	shell_options opt = *defaults;
	bool json_flag = false;
	/* Words beyond the statement are counted, to say "quote them" rather
	 * than "unexpected argument" at the third. */
	const char *positional[64], *text = NULL;
	const cli_opt opts[] = {{"--format", &opt.format, NULL},
				{"--json", NULL, &json_flag},
				{"--fail", NULL, &opt.fail_on_regressions},
				{"--no-pager", NULL, &ctx->no_pager},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, query_usage, opts, positional, 64, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	if (npos >= 2) {
		/* Shell words (query show runs) are one statement; arguments
		 * holding a space (query 'show runs' 'show points') several. */
		const char *sep = " ";
		for (int k = 0; k < npos; k++)
			if (strchr(positional[k], ' '))
				sep = "; ";
		bdb_buf words;
		bdb_buf_init(&words);
		for (int k = 0; k < npos; k++)
			bdb_buf_printf(&words, "%s%s", k ? sep : "", positional[k]);
		code = cli_usage_error("query",
				       "give the statements as one argument (quote them): "
				       "benchdb query '%s'",
				       bdb_buf_cstr(&words));
		bdb_buf_free(&words);
		return code;
	}
	if (json_flag || ctx->json)
		opt.format = bdb_output_format_name(BDB_OUTPUT_JSON);
	text = npos ? positional[0] : NULL;
	if (!text)
		return cli_usage_error("query", "expected a statement");
	return shell_run_string(ctx, text, &opt);
}
