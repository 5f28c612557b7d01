/*
 * exec_compare.c - rank, compare and regressions: statements over one or
 * two named runs, with benchkit's semantics (DESIGN.md §4):
 *
 *   change %   (current - base) / |base| * 100; a zero base is "n/a"
 *   verdict    higher: regression when change < -T, improvement when > +T;
 *              lower: the mirror; info: never (n/a); strict comparisons
 *   T          `threshold` of the query, else the MetricDef's, else 5%
 *   severity   minor (T, 20%], moderate (20%, 50%], severe > 50%
 *   mwu        also needs p < alpha from a two-sided Mann-Whitney U test
 *              on the raw samples of both runs
 *   units      the current value (and samples) converted into the base's
 *              unit; units that do not convert give "n/a"
 *   rank       stable, unique ranks 1..n, best first (descending unless
 *              the direction is lower), delta % from the best
 *
 * Series match across runs by point name plus the whole sorted tag set.
 */
#include "exec.h"
#include "stats.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Matching two runs                                                         */
/* ------------------------------------------------------------------------ */

static int cmp_entry_ptr(const void *a, const void *b)
{
	const bdb__entry *x = *(const bdb__entry *const *)a;
	const bdb__entry *y = *(const bdb__entry *const *)b;
	int c = bdb__entry_identity_cmp(x, y);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* base's entries sorted by identity, for lookups from the other run. */
typedef struct entry_index {
	const bdb__entry **sorted;
	size_t n;
} entry_index;

static int index_build(const bdb__run_entries *run, entry_index *ix)
{
	ix->n = run->n;
	ix->sorted = malloc((run->n ? run->n : 1) * sizeof *ix->sorted);
	if (!ix->sorted)
		return BDB_ENOMEM;
	for (size_t i = 0; i < run->n; i++)
		ix->sorted[i] = &run->items[i];
	qsort(ix->sorted, ix->n, sizeof *ix->sorted, cmp_entry_ptr);
	return 0;
}

static const bdb__entry *index_find(const entry_index *ix, const bdb__entry *e)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = bdb__entry_identity_cmp(ix->sorted[mid], e);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ix->n && bdb__entry_identity_cmp(ix->sorted[lo], e) == 0)
		return ix->sorted[lo];
	return NULL;
}

/* ------------------------------------------------------------------------ */
/* Judging one series                                                        */
/* ------------------------------------------------------------------------ */

typedef struct judgement {
	double base, current; /* current converted into the base's unit */
	const char *unit;
	double change;		   /* percent; NAN for n/a */
	double threshold;	   /* T that applied */
	double p_value;		   /* NAN when no test ran */
	bool tested;		   /* mwu ran on samples */
	size_t n1, n2;		   /* mwu sample sizes */
	double min_p;		   /* mwu: the smallest p these samples allow; NAN if unknown */
	bool has_shift;		   /* mwu: the Hodges-Lehmann shift below */
	bdb__shift_estimate shift; /* of current relative to base, at 1 - alpha */
	bool history;		   /* a history model judged it */
	size_t history_n;	   /* values of history it used */
	bdb__history_check check;  /* when history_n >= 2 */
	const char *verdict;	   /* regression, improvement, unchanged, inconclusive, n/a */
	char reason[120];	   /* inconclusive: why the test could not decide */
	const char *severity;	   /* for regressions */
	char explanation[320];	   /* method, parameters, sizes, bound or p-value */
} judgement;

/* What judging needs besides the two entries. */
typedef struct judge_ctx {
	bdb__exec *ex;
	const bdb__stmt *st;
	const bdb__run_entries *cur; /* the current run: its history comes before it */
} judge_ctx;

/* The severity of a change from base to current: minor (T, 20%],
 * moderate (20%, 50%], severe beyond; a zero base is severe. */
static const char *severity_of(double base, double current)
{
	double change;
	if (bdb__stats_change_pct(base, current, &change) != 0)
		return "severe";
	if (bdb__stats_change_beyond(fabs(change), 50, base, current))
		return "severe";
	if (bdb__stats_change_beyond(fabs(change), 20, base, current))
		return "moderate";
	return "minor";
}

static void explain(judgement *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void explain(judgement *j, const char *fmt, ...)
{
	size_t used = strlen(j->explanation);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(j->explanation + used, sizeof j->explanation - used, fmt, ap);
	va_end(ap);
}

static int mwu_p(const bdb__entry *base, const bdb__entry *cur, double factor, double alpha,
		 judgement *j)
{
	double *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	/* Ranks are the same in either unit: the samples meet in the coarser
	 * one, where a conversion divides (bdb_unit_convert), so samples equal
	 * as written stay tied (9 us and 0.009 ms). The shift is the base's
	 * unit again below. */
	bool in_current = factor > 1;
	int rc = bdb__entry_samples(base, in_current ? 1.0 / factor : 1.0, &x, &nx);
	if (!rc)
		rc = bdb__entry_samples(cur, in_current ? 1.0 : factor, &y, &ny);
	j->tested = false;
	if (!rc && nx > 0 && ny > 0) {
		bdb__mwu_result m;
		rc = bdb__stats_mann_whitney(x, nx, y, ny, &m);
		if (rc == BDB_EINVAL) {
			rc = 0; /* a non-finite sample: no test */
		} else if (!rc) {
			j->p_value = m.p_value;
			j->tested = true;
			j->n1 = nx;
			j->n2 = ny;
			/* A p at or above alpha is only a "no" when a smaller p
			 * was possible at all. */
			if (m.p_value >= alpha)
				rc = bdb__stats_mann_whitney_min_p(x, nx, y, ny, &j->min_p);
			if (!rc)
				rc = bdb__stats_hodges_lehmann(x, nx, y, ny, 1 - alpha, &j->shift);
			j->has_shift = rc == 0;
			if (j->has_shift && in_current) {
				j->shift.estimate = bdb_unit_convert(j->shift.estimate, factor);
				j->shift.lower = bdb_unit_convert(j->shift.lower, factor);
				j->shift.upper = bdb_unit_convert(j->shift.upper, factor);
			}
			if (rc == BDB_ETOOBIG)
				rc = 0; /* too many differences: the test alone */
		}
	}
	free(x);
	free(y);
	return rc;
}

static bool is_history_method(bdb_method m)
{
	return bdb__method_of(m)->family == BDB_FAMILY_HISTORY;
}

static bdb__history_model model_of(bdb_method m)
{
	return (bdb__history_model)bdb__method_of(m)->model;
}

static double boundary_of(const bdb__stmt *st)
{
	return st->has_boundary ? st->boundary
				: bdb__history_default_boundary(model_of(st->method));
}

static size_t window_of(const bdb__stmt *st)
{
	return st->has_window ? (size_t)st->window : BDB_HISTORY_DEFAULT_WINDOW;
}

/* The candidate against the last N values of its series (the history
 * models of docs/detection.md §4): outside the limits on the metric's
 * worse side is a regression, on the other an improvement. */
static int judge_history(const judge_ctx *jc, const bdb__entry *cur, judgement *j)
{
	const bdb__stmt *st = jc->st;
	bdb__history_model model = model_of(st->method);
	double boundary = boundary_of(st);
	double *h;
	size_t n;
	int rc = bdb__history_before(jc->ex, cur, jc->cur->seq, jc->cur->info.timestamp_us,
				     window_of(st), j->unit, &h, &n);
	if (rc)
		return rc;
	j->history = true;
	j->history_n = n;
	explain(j, "%s window %zu boundary %g (n=%zu): ", bdb__method_name(st->method),
		window_of(st), boundary, n);
	if (n < 2) {
		free(h);
		explain(j, "n/a, the series needs 2 earlier values");
		return 0;
	}
	rc = bdb__history_check_value(h, n, j->current, model, boundary, &j->check);
	free(h);
	if (rc == BDB_EINVAL) {
		j->history_n = 0;
		explain(j, "n/a, a zero value in the history");
		return 0;
	}
	if (rc)
		return bdb__exec_store_error(jc->ex, rc, "judging against history");
	const bdb__history_check *c = &j->check;
	j->p_value = c->p_value;
	bool above = c->verdict == BDB__HISTORY_ABOVE, below = c->verdict == BDB__HISTORY_BELOW;
	bool worse = cur->direction == BDB_LOWER ? above : below;
	if (worse) {
		j->verdict = "regression";
		j->severity = severity_of(c->center, j->current);
	} else if (above || below) {
		j->verdict = "improvement";
	} else {
		j->verdict = "unchanged";
	}
	if (above)
		explain(j, "%g above upper bound %g", j->current, c->upper);
	else if (below)
		explain(j, "%g below lower bound %g", j->current, c->lower);
	else
		explain(j, "%g within [%g, %g]", j->current, c->lower, c->upper);
	if (!isnan(c->p_value)) {
		char said[48];
		bdb__p_said(c->p_value, said, sizeof said);
		explain(j, ", %s", said);
	}
	return 0;
}

/* "percent: -10.0% < -5.0% threshold", or "... within ±5.0% threshold";
 * with the digits that show a change beyond the threshold is beyond it. */
static void explain_threshold(judgement *j, bool beyond)
{
	char change[48], threshold[48];
	bdb__threshold_text(j->threshold, threshold, sizeof threshold);
	if (beyond) {
		bdb__change_beyond_text(j->change, j->threshold, change, sizeof change);
		explain(j, "percent: %s %s %s%s threshold", change, j->change > 0 ? ">" : "<",
			j->change > 0 ? "" : "-", threshold);
	} else {
		bdb__change_text(j->change, change, sizeof change);
		explain(j, "percent: %s within ±%s threshold", change, threshold);
	}
}

/* Judges one series: cur against base (percent, mwu) or against its own
 * history (zscore, ttest, iqr, deltaiqr, lookback). Errors carry a diag. */
static int judge(const judge_ctx *jc, const bdb__entry *base, const bdb__entry *cur, judgement *j)
{
	const bdb__stmt *st = jc->st;
	memset(j, 0, sizeof *j);
	j->unit = base->unit;
	j->base = base->value;
	j->change = NAN;
	j->p_value = NAN;
	j->min_p = NAN;
	j->verdict = "n/a";
	j->threshold = (st->clauses & BDB__C_THRESHOLD) ? st->threshold
		       : cur->has_threshold		? cur->threshold
							: BDB__DEFAULT_THRESHOLD;
	double factor;
	if (bdb_unit_factor(cur->unit, base->unit, &factor) != 0) {
		j->current = NAN;
		explain(j, "n/a: \"%s\" does not convert to \"%s\"", cur->unit, base->unit);
		return 0; /* units that do not convert are never compared raw */
	}
	j->current = bdb_unit_convert(cur->value, factor);
	if (st->method == BDB_METHOD_MWU) {
		int rc = mwu_p(base, cur, factor, st->alpha, j);
		if (rc)
			return bdb__exec_store_error(jc->ex, rc, "comparing runs");
	}
	bool has_change = bdb__stats_change_pct(j->base, j->current, &j->change) == 0;
	if (!has_change)
		j->change = NAN;
	if (cur->direction == BDB_INFO) {
		explain(j, "n/a: direction info, never a regression");
		return 0;
	}
	if (base->direction != BDB_INFO && base->direction != cur->direction) {
		/* Judged by either run's direction, one of them calls a
		 * regression an improvement. */
		explain(j, "n/a: the direction changed (base %s, current %s)",
			bdb_direction_name(base->direction), bdb_direction_name(cur->direction));
		return 0;
	}
	if (is_history_method(st->method))
		return judge_history(jc, cur, j);
	if (!has_change) {
		explain(j, "n/a: the base is 0");
		return 0;
	}
	double worse = cur->direction == BDB_LOWER ? j->change : -j->change;
	bool worse_beyond = bdb__stats_change_beyond(worse, j->threshold, j->base, j->current);
	bool better_beyond = bdb__stats_change_beyond(-worse, j->threshold, j->base, j->current);
	bool significant = !j->tested || j->p_value < st->alpha;
	if (st->method == BDB_METHOD_MWU && !j->tested) {
		explain(j, "mwu: no samples in both runs; ");
	} else if (st->method == BDB_METHOD_MWU) {
		char said[48];
		bdb__p_said_below(j->p_value, st->alpha, said, sizeof said);
		explain(j, "mwu (n=%zu, %zu): %s %s alpha %g; ", j->n1, j->n2, said,
			significant ? "<" : ">=", st->alpha);
	}
	if (j->has_shift)
		explain(j, "shift %+g [%+g, %+g] at %.1f%%; ", j->shift.estimate, j->shift.lower,
			j->shift.upper, j->shift.achieved * 100);
	if ((worse_beyond || better_beyond) && !significant && j->min_p >= st->alpha) {
		/* Beyond the threshold, and the test could not have said yes:
		 * "unchanged" would pass a gate by mistake. */
		j->verdict = "inconclusive";
		snprintf(j->reason, sizeof j->reason,
			 "%zu vs %zu samples: smallest possible p is %.4g %s alpha %g", j->n1,
			 j->n2, j->min_p, j->min_p > st->alpha ? ">" : ">=", st->alpha);
		explain(j, "inconclusive: %s; ", j->reason);
	} else if (worse_beyond && significant) {
		j->verdict = "regression";
		j->severity = severity_of(j->base, j->current);
	} else if (better_beyond && significant) {
		j->verdict = "improvement";
	} else {
		j->verdict = "unchanged";
	}
	explain_threshold(j, worse_beyond || better_beyond);
	return 0;
}

static void put_number_or_null(bdb_result *r, size_t row, size_t col, double v)
{
	if (!isnan(v))
		bdb__cell_num(r, row, col, v);
}

/* The statement fields every comparison reports. */
static void comparison_fields(bdb_result *r, const bdb__stmt *st, const bdb__run_entries *base,
			      const bdb__run_entries *cur)
{
	bdb__field_str(r, "base", base->info.id);
	bdb__field_str(r, "current", cur->info.id);
	/* The runs' commits and branches, which check's text and Markdown
	 * name the runs by (null when a run has none). */
	const bdb_run_info *runs[] = {&base->info, &cur->info};
	const char *names[][2] = {{"base_commit", "base_branch"},
				  {"current_commit", "current_branch"}};
	for (size_t i = 0; i < 2; i++) {
		bdb__field_str(r, names[i][0], *runs[i]->commit ? runs[i]->commit : NULL);
		bdb__field_str(r, names[i][1], *runs[i]->branch ? runs[i]->branch : NULL);
	}
	bdb__field_str(r, "method", bdb__method_name(st->method));
	if (is_history_method(st->method)) {
		bdb__field_int(r, "window", (int64_t)window_of(st));
		bdb__field_num(r, "boundary", boundary_of(st));
		return;
	}
	if (st->clauses & BDB__C_THRESHOLD)
		bdb__field_num(r, "threshold", st->threshold);
	else
		bdb__field_num(r, "threshold", BDB__DEFAULT_THRESHOLD);
	bdb__note_bare_threshold(st, r);
	if (st->method == BDB_METHOD_MWU)
		bdb__field_num(r, "alpha", st->alpha);
}

/* The columns of a comparison: cols, then center, lower, upper and
 * history for a history model or shift, shift_lower and shift_upper for
 * mwu, then the explanation (shown in JSON, and
 * in every format with `explain`). */
static const bdb__column history_columns[] = {
    {"center", BDB__STYLE_QUANTITY},
    {"lower", BDB__STYLE_QUANTITY},
    {"upper", BDB__STYLE_QUANTITY},
    {"history", BDB__STYLE_PLAIN},
};
#define N_HISTORY_COLUMNS (sizeof history_columns / sizeof history_columns[0])

/* mwu: the Hodges-Lehmann shift of current from base and its interval. */
static const bdb__column shift_columns[] = {
    {"shift", BDB__STYLE_QUANTITY},
    {"shift_lower", BDB__STYLE_QUANTITY},
    {"shift_upper", BDB__STYLE_QUANTITY},
};
#define N_SHIFT_COLUMNS (sizeof shift_columns / sizeof shift_columns[0])

static int comparison_columns(bdb_result *r, const bdb__stmt *st, const bdb__column *cols, size_t n)
{
	bdb__column all[24];
	memcpy(all, cols, n * sizeof *cols);
	if (is_history_method(st->method)) {
		memcpy(all + n, history_columns, sizeof history_columns);
		n += N_HISTORY_COLUMNS;
	} else if (st->method == BDB_METHOD_MWU) {
		memcpy(all + n, shift_columns, sizeof shift_columns);
		n += N_SHIFT_COLUMNS;
	}
	all[n++] = (bdb__column){"explanation", BDB__STYLE_EXPLAIN};
	r->explain = (st->clauses & BDB__C_EXPLAIN) != 0;
	return bdb__result_columns(r, all, n);
}

/* The cells after the first `first` columns (see comparison_columns). */
static void judgement_cells(bdb_result *r, const bdb__stmt *st, size_t row, size_t first,
			    const judgement *j)
{
	if (st->method == BDB_METHOD_MWU) {
		if (j->has_shift) {
			bdb__cell_num(r, row, first, j->shift.estimate);
			bdb__cell_num(r, row, first + 1, j->shift.lower);
			bdb__cell_num(r, row, first + 2, j->shift.upper);
		}
		first += N_SHIFT_COLUMNS;
	}
	/* A history method's columns are there even for a series judged
	 * without its history (direction info, units that do not convert). */
	if (is_history_method(st->method)) {
		if (j->history && j->history_n >= 2) {
			bdb__cell_num(r, row, first, j->check.center);
			bdb__cell_num(r, row, first + 1, j->check.lower);
			bdb__cell_num(r, row, first + 2, j->check.upper);
		}
		if (j->history)
			bdb__cell_int(r, row, first + 3, (int64_t)j->history_n);
		first += N_HISTORY_COLUMNS;
	}
	bdb__cell_str(r, row, first, j->explanation);
}

/* The explanation cell of a row that got no judgement (new, removed). */
static void explanation_cell(bdb_result *r, size_t row, const char *text)
{
	bdb__cell_str(r, row, r->n_cols - 1, text);
}

/* The history models compare a run with its own past: a threshold has no
 * say there. */
static int check_method_clauses(bdb__exec *ex, const bdb__stmt *st)
{
	if (is_history_method(st->method) && (st->clauses & BDB__C_THRESHOLD))
		return bdb__exec_error(ex, st->threshold_span,
				       "a threshold does not apply to using %s: expected the "
				       "model's window or boundary (the limits decide)",
				       bdb__method_name(st->method));
	return 0;
}

/* mwu needs samples in both runs; say how many series went without. */
static void note_untested(bdb_result *r, size_t untested)
{
	if (untested == 1)
		bdb__result_note(r, "1 series had no samples in both runs: the threshold alone "
				    "judged it");
	else if (untested > 1)
		bdb__result_note(r,
				 "%zu series had no samples in both runs: the threshold alone "
				 "judged them",
				 untested);
}

/* Comparisons a test could not decide: how many, and the first reason. */
typedef struct inconclusive_count {
	size_t n;
	char first[120];
} inconclusive_count;

static void count_inconclusive(inconclusive_count *c, const judgement *j)
{
	if (strcmp(j->verdict, "inconclusive") != 0)
		return;
	if (c->n++ == 0)
		snprintf(c->first, sizeof c->first, "%s", j->reason);
}

static void note_inconclusive(bdb_result *r, const inconclusive_count *c)
{
	if (c->n)
		bdb__result_note(r,
				 "%zu comparison(s) inconclusive: %s%s (more samples or a larger "
				 "alpha can decide)",
				 c->n, c->n > 1 ? "e.g. " : "", c->first);
}

/*
 * A `commit "C"` names the newest run of C, but a commit may have several
 * runs of other series (a CI job's result files, a github-action-benchmark
 * history's suites): the others are not compared, which the answer says
 * (check refuses such a run, exit 2).
 */
static int note_commit_siblings(bdb__exec *ex, bdb_result *r, const bdb__run_ref *ref,
				const bdb__run_entries *e)
{
	uint64_t other;
	bdb_run_info o;
	if (ref->kind != BDB__RUN_COMMIT)
		return 0;
	int rc = bdb_reader_commit_sibling(ex->rd, &e->info, &other);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the runs of a commit");
	if (other && bdb_reader_run_info(ex->rd, other, &o) == 0)
		bdb__result_note(r,
				 "commit \"%s\" is its newest run, %s, whose commit has runs of "
				 "other series (%s, ...): they were left out; name each with run "
				 "\"ID\"",
				 ref->name, e->info.id, o.id);
	return 0;
}

/* Loads both runs of a comparison. */
static int load_pair(bdb__exec *ex, const bdb__stmt *st, const bdb__run_ref *base_ref,
		     const bdb__run_ref *cur_ref, const char *metric, bdb__run_entries *base,
		     bdb__run_entries *cur)
{
	uint64_t bseq, cseq;
	bdb_run_info info;
	memset(base, 0, sizeof *base);
	memset(cur, 0, sizeof *cur);
	int rc = check_method_clauses(ex, st);
	if (!rc)
		rc = bdb__resolve_run(ex, base_ref, &bseq, &info);
	if (!rc)
		rc = bdb__resolve_run(ex, cur_ref, &cseq, &info);
	if (!rc)
		rc = bdb__check_names(ex, st);
	if (!rc)
		rc = bdb__run_entries_load(ex, bseq, st, metric, base);
	if (!rc)
		rc = bdb__run_entries_load(ex, cseq, st, metric, cur);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* compare                                                                   */
/* ------------------------------------------------------------------------ */

enum {
	C_POINT,
	C_TAGS,
	C_METRIC,
	C_BASE,
	C_CURRENT,
	C_UNIT,
	C_CHANGE,
	C_VERDICT,
	C_P,
	C_THRESHOLD
};

static const bdb__column compare_columns[] = {
    {"point", BDB__STYLE_PLAIN},       {"tags", BDB__STYLE_PLAIN},
    {"metric", BDB__STYLE_PLAIN},      {"base", BDB__STYLE_QUANTITY},
    {"current", BDB__STYLE_QUANTITY},  {"unit", BDB__STYLE_PLAIN},
    {"change_pct", BDB__STYLE_CHANGE}, {"verdict", BDB__STYLE_MARKED},
    {"p_value", BDB__STYLE_PVALUE},    {"threshold", BDB__STYLE_PERCENT},
};

static void identity_cells(bdb_result *r, size_t row, const bdb__entry *e)
{
	bdb__cell_str(r, row, C_POINT, e->point);
	bdb__cell_tags(r, row, C_TAGS, e->tags, e->n_tags);
	bdb__cell_str(r, row, C_METRIC, e->metric);
}

int bdb__exec_compare(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb__run_entries base, cur;
	entry_index ix = {NULL, 0};
	bool *matched = NULL;
	const char *metric = st->metric ? st->metric : BDB__ALL_METRICS;
	int rc = load_pair(ex, st, &st->run, &st->other, metric, &base, &cur);
	if (!rc)
		rc = note_commit_siblings(ex, r, &st->run, &base);
	if (!rc)
		rc = note_commit_siblings(ex, r, &st->other, &cur);
	if (rc)
		goto done;
	rc = comparison_columns(r, st, compare_columns,
				sizeof compare_columns / sizeof compare_columns[0]);
	if (!rc)
		rc = index_build(&base, &ix);
	matched = calloc(base.n + 1, sizeof *matched);
	if (rc || !matched) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "comparing runs");
		goto done;
	}
	comparison_fields(r, st, &base, &cur);
	judge_ctx jc = {ex, st, &cur};
	size_t untested = 0;
	inconclusive_count inconclusive = {0};
	for (size_t i = 0; i < cur.n; i++) {
		const bdb__entry *c = &cur.items[i];
		const bdb__entry *b = index_find(&ix, c);
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		identity_cells(r, (size_t)row, c);
		if (!b) {
			bdb__cell_num(r, (size_t)row, C_CURRENT, c->value);
			bdb__cell_str(r, (size_t)row, C_UNIT, c->unit);
			bdb__cell_str(r, (size_t)row, C_VERDICT, "new");
			explanation_cell(r, (size_t)row, "new: not in the base run");
			continue;
		}
		matched[b - base.items] = true;
		judgement j;
		if ((rc = judge(&jc, b, c, &j)) != 0)
			goto done;
		untested +=
		    st->method == BDB_METHOD_MWU && !j.tested && strcmp(j.verdict, "n/a") != 0;
		count_inconclusive(&inconclusive, &j);
		bdb__cell_num(r, (size_t)row, C_BASE, j.base);
		put_number_or_null(r, (size_t)row, C_CURRENT, j.current);
		bdb__cell_str(r, (size_t)row, C_UNIT, j.unit);
		put_number_or_null(r, (size_t)row, C_CHANGE, j.change);
		bdb__cell_str(r, (size_t)row, C_VERDICT, j.verdict);
		put_number_or_null(r, (size_t)row, C_P, j.p_value);
		if (c->direction != BDB_INFO && !j.history)
			bdb__cell_num(r, (size_t)row, C_THRESHOLD, j.threshold);
		judgement_cells(r, st, (size_t)row, C_THRESHOLD + 1, &j);
		if (strcmp(j.verdict, "regression") == 0)
			bdb__row_mark(r, (size_t)row, BDB__MARK_REGRESSION);
		else if (strcmp(j.verdict, "improvement") == 0)
			bdb__row_mark(r, (size_t)row, BDB__MARK_IMPROVEMENT);
	}
	for (size_t i = 0; i < base.n; i++) {
		if (matched[i])
			continue;
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		identity_cells(r, (size_t)row, &base.items[i]);
		bdb__cell_num(r, (size_t)row, C_BASE, base.items[i].value);
		bdb__cell_str(r, (size_t)row, C_UNIT, base.items[i].unit);
		bdb__cell_str(r, (size_t)row, C_VERDICT, "removed");
		explanation_cell(r, (size_t)row, "removed: not in the current run");
	}
	/* The metric (and point) exist in the store (names are checked), but
	 * in neither run: say so, or "(no rows)" reads as nothing changed. */
	if (base.n == 0 && cur.n == 0)
		bdb__result_note(r,
				 "runs %s and %s hold no value%s%s%s%s: name other runs (show runs "
				 "lists them)",
				 base.info.id, cur.info.id, st->metric ? " of \"" : "",
				 st->metric ? st->metric : "", st->metric ? "\"" : "",
				 st->point || st->where ? " that matches" : "");
	note_untested(r, untested);
	note_inconclusive(r, &inconclusive);
done:
	free(matched);
	free(ix.sorted);
	bdb__run_entries_free(&base);
	bdb__run_entries_free(&cur);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* regressions                                                               */
/* ------------------------------------------------------------------------ */

enum {
	G_POINT,
	G_TAGS,
	G_METRIC,
	G_DIRECTION,
	G_BASE,
	G_CURRENT,
	G_UNIT,
	G_CHANGE,
	G_SEVERITY,
	G_P,
	G_THRESHOLD,
	G_VERDICT /* only when may_be_inconclusive */
};

static const bdb__column regression_columns[] = {
    {"point", BDB__STYLE_PLAIN},       {"tags", BDB__STYLE_PLAIN},
    {"metric", BDB__STYLE_PLAIN},      {"direction", BDB__STYLE_PLAIN},
    {"base", BDB__STYLE_QUANTITY},     {"current", BDB__STYLE_QUANTITY},
    {"unit", BDB__STYLE_PLAIN},	       {"change_pct", BDB__STYLE_CHANGE},
    {"severity", BDB__STYLE_MARKED},   {"p_value", BDB__STYLE_PVALUE},
    {"threshold", BDB__STYLE_PERCENT}, {"verdict", BDB__STYLE_PLAIN},
};
#define N_REGRESSION_COLUMNS (sizeof regression_columns / sizeof regression_columns[0])

/* A method that can be inconclusive (mwu) lists those comparisons too, and
 * has the verdict column to tell them from regressions. */
static bool may_be_inconclusive(const bdb__stmt *st)
{
	return st->method == BDB_METHOD_MWU;
}

/* Whether current is worse than base by more than threshold % for c's
 * direction. */
static bool worse_by(const bdb__entry *c, double base, double current, double threshold)
{
	double pct;
	if (c->direction == BDB_INFO || bdb__stats_change_pct(base, current, &pct) != 0)
		return false;
	return bdb__stats_change_beyond(c->direction == BDB_LOWER ? pct : -pct, threshold, base,
					current);
}

/*
 * regressions … by commit: where the regression of series c began between
 * the base run and the current one. The first run of the last stretch of
 * the series' runs, ending at the current run, whose value is worse than
 * the base's by more than the threshold (a bisect's first bad run), and
 * the run before it (its last good one, or the base). A series without
 * such a stretch (a history model's or mwu's verdict) began at the current
 * run, after the series' run before it.
 */
/* The observations of series c from time from to time to (microseconds,
 * both included) into *it, and the factor from its unit into `unit`;
 * BDB_ENOTFOUND when it has none or the units do not convert. */
static int series_iter(bdb__exec *ex, const bdb__entry *c, const char *unit, int64_t from,
		       int64_t to, bdb_obs_iter **it, double *factor)
{
	uint64_t id;
	bdb_series_info *si = NULL;
	*it = NULL;
	*factor = 1;
	int rc = bdb_reader_series_lookup(ex->rd, c->point, c->tags, c->n_tags, c->metric, &id);
	if (!rc)
		rc = bdb_reader_series_info(ex->rd, id, &si);
	if (!rc && bdb_unit_factor(si->unit, unit, factor) != 0)
		rc = BDB_ENOTFOUND;
	if (!rc)
		rc = bdb_obs_iter_open(ex->rd, id, from, to, false, it);
	free(si);
	return rc;
}

typedef struct regression_start {
	uint64_t first, prev; /* the first bad run, the run before it (0: none) */
	double value;	      /* the series' value at first, in the judged unit */
} regression_start;

static int locate_regression(bdb__exec *ex, const bdb__run_entries *base,
			     const bdb__run_entries *cur, const bdb__entry *c, const judgement *j,
			     double threshold, regression_start *rs)
{
	bdb_obs_iter *it;
	double factor, start_value = NAN;
	*rs = (regression_start){cur->seq, 0, j->current};
	int rc = series_iter(ex, c, j->unit, base->info.timestamp_us, cur->info.timestamp_us, &it,
			     &factor);
	uint64_t last = base->seq, start = 0, start_prev = 0;
	bdb_obs o;
	while (!rc && (rc = bdb_obs_iter_next(it, &o)) == 1) {
		rc = 0;
		bool before_base = o.timestamp_us == base->info.timestamp_us && o.run_seq <= base->seq;
		bool after_cur = o.timestamp_us == cur->info.timestamp_us && o.run_seq > cur->seq;
		if (before_base || after_cur)
			continue;
		bool worse = worse_by(c, j->base, bdb_unit_convert(o.value, factor), threshold);
		if (o.run_seq == cur->seq) {
			/* Worse since start (the current run included), or the
			 * current run alone. */
			if (worse && start)
				*rs = (regression_start){start, start_prev, start_value};
			else
				rs->prev = last;
			break;
		}
		if (worse && !start) {
			start = o.run_seq;
			start_prev = last;
			start_value = bdb_unit_convert(o.value, factor);
		} else if (!worse) {
			start = 0;
		}
		last = o.run_seq;
	}
	if (it)
		bdb_obs_iter_close(it);
	if (rc != 0 && rc != BDB_ENOTFOUND)
		return bdb__exec_store_error(ex, rc, "reading observations");
	return 0;
}

/* The threshold in % that locate_regression measures the stretch with. */
static double stretch_threshold(const bdb__stmt *st, const judgement *j)
{
	return !j->history && isfinite(j->threshold) ? j->threshold
	       : (st->clauses & BDB__C_THRESHOLD)    ? st->threshold
						     : BDB__DEFAULT_THRESHOLD;
}

/* The change-point row of regression c (judged j), begun at run fi
 * (rs->first), for `by commit`. */
static int regression_change_row(bdb__exec *ex, const bdb__entry *c, const judgement *j,
				 const regression_start *rs, const bdb_run_info *fi,
				 bdb_result *rows)
{
	bdb_run_info pi;
	bool has_prev = rs->prev && bdb_reader_run_info(ex->rd, rs->prev, &pi) == 0;
	bdb__change_row row = {
	    .point = c->point,
	    .tags = c->tags,
	    .n_tags = c->n_tags,
	    .metric = c->metric,
	    .run = fi->id,
	    .commit = fi->commit,
	    .timestamp_us = fi->timestamp_us,
	    .kind = "regression",
	    .before = j->base,
	    .after = j->current,
	    .unit = j->unit,
	    .change_pct = j->change,
	    .previous_commit = has_prev ? pi.commit : NULL,
	    .mark = BDB__MARK_REGRESSION,
	};
	bdb__change_row_add(ex, rows, &row);
	return rows->failed ? bdb__exec_store_error(ex, BDB_ENOMEM, "grouping regressions") : 0;
}

/*
 * The annotation of the commit of run fi, where regression c (judged j)
 * began (rs), or NULL: a regression that began at a commit annotated
 * `intended` or `ignore` is a change a person has accepted, kept out of
 * the gate, unless the current run is worse again than that run by more
 * than the threshold (a regression after it).
 */
static const bdb_annotation *accepted_by(bdb__exec *ex, const bdb__entry *c, const judgement *j,
					 double threshold, const regression_start *rs,
					 const bdb_run_info *fi)
{
	if (!fi->commit || !*fi->commit)
		return NULL;
	const bdb_annotation *a =
	    bdb_reader_annotation_match(ex->rd, ex->annotations, ex->n_annotations, fi->commit);
	return a && isfinite(rs->value) && !worse_by(c, rs->value, j->current, threshold) ? a
											  : NULL;
}

/*
 * How many series of every metric (of, where) runs base and cur share, into
 * *n: asked when they share none of a metric with a direction, to tell runs
 * that share nothing from runs whose shared series are all of direction
 * info, which no regressions statement judges.
 */
static int count_shared_series(bdb__exec *ex, const bdb__stmt *st, uint64_t base_seq,
			       uint64_t cur_seq, size_t *n)
{
	bdb__run_entries base, cur;
	entry_index ix = {NULL, 0};
	*n = 0;
	int rc = bdb__run_entries_load(ex, base_seq, st, BDB__ALL_METRICS, &base);
	if (!rc)
		rc = bdb__run_entries_load(ex, cur_seq, st, BDB__ALL_METRICS, &cur);
	else
		memset(&cur, 0, sizeof cur);
	if (!rc && index_build(&base, &ix) != 0)
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "comparing runs");
	for (size_t i = 0; !rc && i < cur.n; i++)
		*n += index_find(&ix, &cur.items[i]) != NULL;
	free(ix.sorted);
	bdb__run_entries_free(&base);
	bdb__run_entries_free(&cur);
	return rc;
}

int bdb__exec_regressions(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb__run_ref cur_ref =
	    bdb__run_or_default(st, st->has_run ? &st->run : NULL, BDB__RUN_LATEST);
	bdb__run_ref base_ref =
	    bdb__run_or_default(st, st->has_other ? &st->other : NULL, BDB__RUN_BASELINE);
	bdb__run_entries base, cur;
	entry_index ix = {NULL, 0};
	bdb_result *changes = NULL;
	bdb_buf accepted_text; /* the regressions at annotated commits */
	bdb_buf_init(&accepted_text);
	const char *metric = st->metric ? st->metric : BDB__RATED_METRICS;
	int rc = load_pair(ex, st, &base_ref, &cur_ref, metric, &base, &cur);
	if (!rc)
		rc = note_commit_siblings(ex, r, &cur_ref, &cur);
	if (!rc)
		rc = note_commit_siblings(ex, r, &base_ref, &base);
	if (rc)
		goto done;
	size_t n_cols = may_be_inconclusive(st) ? N_REGRESSION_COLUMNS : G_VERDICT;
	rc = comparison_columns(r, st, regression_columns, n_cols);
	if (!rc)
		rc = index_build(&base, &ix);
	if (rc) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "comparing runs");
		goto done;
	}
	comparison_fields(r, st, &base, &cur);
	judge_ctx jc = {ex, st, &cur};
	size_t compared = 0, not_judged = 0, untested = 0, shared = 0, info = 0;
	inconclusive_count inconclusive = {0};
	/* by commit: each regression as a change point, grouped at the end. */
	if (st->by && strcmp(st->by, "commit") == 0 &&
	    ((changes = bdb__result_new(bdb_result_statement(r))) == NULL ||
	     bdb__change_rows_columns(changes) != 0)) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "grouping regressions");
		goto done;
	}
	if ((rc = bdb_reader_list_annotations(ex->rd, &ex->annotations, &ex->n_annotations)) != 0) {
		rc = bdb__exec_store_error(ex, rc, "listing annotations");
		goto done;
	}
	size_t accepted = 0;
	for (size_t i = 0; i < cur.n; i++) {
		const bdb__entry *c = &cur.items[i];
		const bdb__entry *b = index_find(&ix, c);
		if (!b)
			continue;
		shared++;
		judgement j;
		if ((rc = judge(&jc, b, c, &j)) != 0)
			goto done;
		compared += strcmp(j.verdict, "n/a") != 0;
		/* n/a for a reason other than direction info: a base of 0, units
		 * that do not convert, a changed direction, too little history. */
		not_judged += strcmp(j.verdict, "n/a") == 0 && c->direction != BDB_INFO;
		info += c->direction == BDB_INFO;
		untested +=
		    st->method == BDB_METHOD_MWU && !j.tested && strcmp(j.verdict, "n/a") != 0;
		bool regression = strcmp(j.verdict, "regression") == 0;
		/* An inconclusive comparison is listed when the change is on the
		 * metric's worse side: it might be a regression. */
		bool worse = c->direction == BDB_LOWER ? j.change > 0 : j.change < 0;
		if (!regression && !(strcmp(j.verdict, "inconclusive") == 0 && worse))
			continue;
		/* Where a regression began, once: for an annotation there and
		 * for `by commit`'s row. */
		regression_start rs = {0, 0, NAN};
		bdb_run_info fi = {0};
		double threshold = stretch_threshold(st, &j);
		if (regression && (ex->n_annotations || changes)) {
			if ((rc = locate_regression(ex, &base, &cur, c, &j, threshold, &rs)) != 0)
				goto done;
			if ((rc = bdb_reader_run_info(ex->rd, rs.first, &fi)) != 0) {
				rc = bdb__exec_store_error(ex, rc, "reading the run log");
				goto done;
			}
		}
		const bdb_annotation *a = regression && ex->n_annotations
					      ? accepted_by(ex, c, &j, threshold, &rs, &fi)
					      : NULL;
		if (a) {
			char pct[32];
			bdb__change_text(j.change, pct, sizeof pct);
			bdb_buf_printf(&accepted_text, "%s%s %s %s (%s at ", accepted++ ? "; " : "",
				       c->point, c->metric, pct, bdb_annotation_kind_name(a->kind));
			bdb_query_put_commit(&accepted_text, fi.commit);
			bdb_buf_printf(&accepted_text, ": %s)", a->text);
			continue;
		}
		count_inconclusive(&inconclusive, &j);
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		bdb__cell_str(r, (size_t)row, G_POINT, c->point);
		bdb__cell_tags(r, (size_t)row, G_TAGS, c->tags, c->n_tags);
		bdb__cell_str(r, (size_t)row, G_METRIC, c->metric);
		bdb__cell_str(r, (size_t)row, G_DIRECTION, bdb_direction_name(c->direction));
		bdb__cell_num(r, (size_t)row, G_BASE, j.base);
		bdb__cell_num(r, (size_t)row, G_CURRENT, j.current);
		bdb__cell_str(r, (size_t)row, G_UNIT, j.unit);
		put_number_or_null(r, (size_t)row, G_CHANGE, j.change);
		if (j.severity)
			bdb__cell_str(r, (size_t)row, G_SEVERITY, j.severity);
		put_number_or_null(r, (size_t)row, G_P, j.p_value);
		if (!j.history)
			bdb__cell_num(r, (size_t)row, G_THRESHOLD, j.threshold);
		if (may_be_inconclusive(st))
			bdb__cell_str(r, (size_t)row, G_VERDICT, j.verdict);
		judgement_cells(r, st, (size_t)row, n_cols, &j);
		if (regression)
			bdb__row_mark(r, (size_t)row, BDB__MARK_REGRESSION);
		if (regression && changes &&
		    (rc = regression_change_row(ex, c, &j, &rs, &fi, changes)) != 0)
			goto done;
	}
	bdb__field_int(r, "compared", (int64_t)compared);
	bdb__field_int(r, "not_judged", (int64_t)not_judged);
	bdb__field_int(r, "inconclusive", (int64_t)inconclusive.n);
	/* An empty table reads as a pass: say when nothing could be found.
	 * Runs that share no series of a metric with a direction may share
	 * some of direction info, which are not read for the default metrics. */
	if (base.seq != cur.seq && shared == 0 && strcmp(metric, BDB__RATED_METRICS) == 0 &&
	    (rc = count_shared_series(ex, st, base.seq, cur.seq, &info)) != 0)
		goto done;
	if (base.seq == cur.seq)
		bdb__result_note(r, "run %s is compared with itself: nothing can regress",
				 cur.info.id);
	else if (compared == 0 && not_judged > 0)
		bdb__result_note(r,
				 "nothing was judged: the %zu series of both runs were n/a (a base "
				 "of 0, units that do not convert, a changed direction, too little "
				 "history for the method; compare ... explain says which)",
				 not_judged);
	else if (compared == 0 && info > 0)
		bdb__result_note(
		    r,
		    "nothing was judged: the %zu series of both runs are of metrics of "
		    "direction info (no definition says whether higher or lower is "
		    "better), which never regress; 'compare run \"%s\" with run \"%s\"' "
		    "shows their changes",
		    info, base.info.id, cur.info.id);
	else if (shared == 0)
		bdb__result_note(r,
				 "nothing was compared: run %s and its base %s share no series%s; "
				 "'regressions in run \"ID\"' judges another run",
				 cur.info.id, base.info.id,
				 st->point || st->where || st->metric ? " that match" : "");
	if (accepted) {
		bdb__field_int(r, "accepted", (int64_t)accepted);
		bdb__field_str(r, "accepted_regressions", bdb_buf_cstr(&accepted_text));
		bdb__result_note(r,
				 "%zu regression(s) began at an annotated commit and are not "
				 "counted (`show annotations`; `drop annotation commit C` counts "
				 "them again): %s",
				 accepted, bdb_buf_cstr(&accepted_text));
	}
	if (accepted_text.failed)
		r->failed = true;
	note_untested(r, untested);
	note_inconclusive(r, &inconclusive);
	if (changes)
		rc = bdb__change_rows_group(ex, r, changes, "grouping regressions");
done:
	bdb_buf_free(&accepted_text);
	bdb_result_free(changes);
	free(ex->annotations);
	ex->annotations = NULL;
	ex->n_annotations = 0;
	free(ix.sorted);
	bdb__run_entries_free(&base);
	bdb__run_entries_free(&cur);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* rank                                                                      */
/* ------------------------------------------------------------------------ */

enum { R_RANK, R_LABEL, R_POINT, R_TAGS, R_VALUE, R_UNIT, R_DELTA, R_BEST };

static const bdb__column rank_columns[] = {
    {"rank", BDB__STYLE_PLAIN},	     {"label", BDB__STYLE_PLAIN},    {"point", BDB__STYLE_PLAIN},
    {"tags", BDB__STYLE_PLAIN},	     {"value", BDB__STYLE_QUANTITY}, {"unit", BDB__STYLE_PLAIN},
    {"delta_pct", BDB__STYLE_DELTA}, {"best", BDB__STYLE_BEST},
};

static const char *tag_value(const bdb__entry *e, const char *key)
{
	for (size_t i = 0; i < e->n_tags; i++)
		if (strcmp(e->tags[i].key, key) == 0)
			return e->tags[i].value;
	return NULL;
}

/* Whether a and b belong to one `by KEY` group: same point, same tags
 * except KEY. */
static bool same_group(const bdb__entry *a, const bdb__entry *b, const char *key)
{
	if (!key)
		return true;
	if (strcmp(a->point, b->point) != 0)
		return false;
	size_t i = 0, j = 0;
	for (;;) {
		while (i < a->n_tags && strcmp(a->tags[i].key, key) == 0)
			i++;
		while (j < b->n_tags && strcmp(b->tags[j].key, key) == 0)
			j++;
		if (i == a->n_tags || j == b->n_tags)
			return i == a->n_tags && j == b->n_tags;
		if (strcmp(a->tags[i].key, b->tags[j].key) != 0 ||
		    strcmp(a->tags[i].value, b->tags[j].value) != 0)
			return false;
		i++;
		j++;
	}
}

typedef struct ranked {
	const bdb__entry *e;
	double value; /* in the group's unit */
	double key;   /* ascending is best first: value, or -value for higher */
	size_t group;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* Stable: equal values keep the run's order. */
	return x->e->order < y->e->order ? -1 : x->e->order > y->e->order;
}

/* "CV-1/small" or "CV-1/small {framework=Datarax}". */
static void entry_label(bdb_buf *b, const bdb__entry *e)
{
	bdb_buf_puts(b, e->point);
	if (!e->n_tags)
		return;
	bdb_buf_puts(b, " {");
	for (size_t i = 0; i < e->n_tags; i++)
		bdb_buf_printf(b, "%s%s=%s", i ? ", " : "", e->tags[i].key, e->tags[i].value);
	bdb_buf_putc(b, '}');
}

int bdb__exec_rank(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb__run_ref ref = bdb__run_or_default(st, st->has_run ? &st->run : NULL, BDB__RUN_LATEST);
	uint64_t seq;
	bdb_run_info info;
	bdb__run_entries run = {0};
	ranked *rows = NULL;
	const bdb__entry **group_rep = NULL;
	bdb_buf label;
	bdb_buf_init(&label);
	int rc = bdb__resolve_run(ex, &ref, &seq, &info);
	if (!rc)
		rc = bdb__check_names(ex, st);
	if (!rc)
		rc = bdb__run_entries_load(ex, seq, st, st->metric, &run);
	if (rc)
		goto done;
	rows = malloc((run.n ? run.n : 1) * sizeof *rows);
	group_rep = malloc((run.n ? run.n : 1) * sizeof *group_rep);
	if (!rows || !group_rep) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "ranking");
		goto done;
	}
	size_t n = 0, n_groups = 0;
	for (size_t i = 0; i < run.n; i++) {
		const bdb__entry *e = &run.items[i];
		if (st->by && !tag_value(e, st->by))
			continue;
		size_t g = 0;
		while (g < n_groups && !same_group(group_rep[g], e, st->by))
			g++;
		if (g == n_groups)
			group_rep[n_groups++] = e;
		double factor;
		if (bdb_unit_factor(e->unit, group_rep[g]->unit, &factor) != 0) {
			rc = bdb__exec_error(ex, st->metric_span,
					     "cannot rank \"%s\": %s is in \"%s\", which does not "
					     "convert to \"%s\"",
					     st->metric, e->point, e->unit, group_rep[g]->unit);
			goto done;
		}
		double v = bdb_unit_convert(e->value, factor);
		rows[n++] = (ranked){e, v, e->direction == BDB_LOWER ? v : -v, g};
	}
	if (st->by && n == 0 && run.n > 0) {
		char hint[200];
		bdb__suggest_term(ex, "t:", st->by, hint, sizeof hint);
		rc = bdb__exec_error(ex, st->by_span, "no point of \"%s\" has tag \"%s\"%s",
				     st->metric, st->by, hint);
		goto done;
	}
	/* The metric (and point) exist in the store (names are checked), but
	 * not in this run: say so, or "(no rows)" reads as an empty store. */
	if (run.n == 0)
		bdb__result_note(r,
				 "run %s holds no value of \"%s\"%s: rank ranks one run (default "
				 "latest); name another with 'in RUN'",
				 info.id, st->metric, st->point || st->where ? " that matches" : "");
	bool lower_is_better = n > 0 && rows[0].e->direction == BDB_LOWER;
	qsort(rows, n, sizeof *rows, cmp_ranked);
	rc = bdb__result_columns(r, rank_columns, sizeof rank_columns / sizeof rank_columns[0]);
	if (rc)
		goto done;
	/* Without `by`, the label is the point and its tags, shown beside it. */
	if (!st->by)
		r->table_redundant |= 1u << R_LABEL;
	bdb__field_str(r, "run", info.id);
	bdb__field_str(r, "metric", st->metric);
	/* With no rows, the direction the metric's definition would rank by
	 * (it said "higher" for a latency). */
	bdb_metric_def def;
	if (n == 0 && bdb_reader_metric_def(ex->rd, st->metric, &def) == 0)
		lower_is_better = def.direction == BDB_LOWER;
	bdb__field_str(r, "direction", lower_is_better ? "lower" : "higher");
	if (st->by)
		bdb__field_str(r, "by", st->by);
	int64_t rank = 0;
	double best = 0;
	for (size_t i = 0; i < n; i++) {
		const ranked *x = &rows[i];
		if (i == 0 || x->group != rows[i - 1].group) {
			rank = 0;
			best = x->value;
		}
		rank++;
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		bdb_buf_reset(&label);
		if (st->by)
			bdb_buf_puts(&label, tag_value(x->e, st->by));
		else
			entry_label(&label, x->e);
		bdb__cell_int(r, (size_t)row, R_RANK, rank);
		bdb__cell_str(r, (size_t)row, R_LABEL, bdb_buf_cstr(&label));
		bdb__cell_str(r, (size_t)row, R_POINT, x->e->point);
		bdb__cell_tags(r, (size_t)row, R_TAGS, x->e->tags, x->e->n_tags);
		bdb__cell_num(r, (size_t)row, R_VALUE, x->value);
		bdb__cell_str(r, (size_t)row, R_UNIT, group_rep[x->group]->unit);
		/* Unsigned, as benchkit's; the table shows the sign of the mark. */
		bdb__cell_num(r, (size_t)row, R_DELTA,
			      best == 0 ? 0 : fabs(x->value - best) / fabs(best) * 100.0);
		bdb__cell_bool(r, (size_t)row, R_BEST, rank == 1);
		if (rank == 1)
			bdb__row_mark(r, (size_t)row, BDB__MARK_BEST);
		else if (x->value != best)
			bdb__row_mark(r, (size_t)row,
				      x->value > best ? BDB__MARK_ABOVE : BDB__MARK_BELOW);
	}
	if (label.failed)
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "ranking");
done:
	bdb_buf_free(&label);
	free(rows);
	free(group_rep);
	bdb__run_entries_free(&run);
	return rc;
}
