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
	double base, current;  /* current converted into the base's unit */
	const char *unit;
	double change;         /* percent; NAN for n/a */
	double threshold;      /* T that applied */
	double p_value;        /* NAN when no test ran */
	bool tested;           /* mwu ran on samples */
	const char *verdict;   /* regression, improvement, unchanged, n/a */
	const char *severity;  /* for regressions */
} judgement;

static const char *severity_of(double change)
{
	double a = fabs(change);
	if (a > 50)
		return "severe";
	if (a > 20)
		return "moderate";
	return "minor";
}

static int mwu_p(const bdb__entry *base, const bdb__entry *cur, double factor, double *p,
		 bool *tested)
{
	double *x = NULL, *y = NULL;
	size_t nx = 0, ny = 0;
	int rc = bdb__entry_samples(base, 1.0, &x, &nx);
	if (!rc)
		rc = bdb__entry_samples(cur, factor, &y, &ny);
	*tested = false;
	if (!rc && nx > 0 && ny > 0) {
		bdb__mwu_result m;
		rc = bdb__stats_mann_whitney(x, nx, y, ny, &m);
		if (rc == BDB_EINVAL) {
			rc = 0; /* a non-finite sample: no test */
		} else if (!rc) {
			*p = m.p_value;
			*tested = true;
		}
	}
	free(x);
	free(y);
	return rc;
}

static int judge(const bdb__stmt *st, const bdb__entry *base, const bdb__entry *cur,
		 judgement *j)
{
	memset(j, 0, sizeof *j);
	j->unit = base->unit;
	j->base = base->value;
	j->change = NAN;
	j->p_value = NAN;
	j->verdict = "n/a";
	j->threshold = (st->clauses & BDB__C_THRESHOLD) ? st->threshold
		       : cur->has_threshold          ? cur->threshold
						     : BDB__DEFAULT_THRESHOLD;
	double factor;
	if (bdb_unit_factor(cur->unit, base->unit, &factor) != 0) {
		j->current = NAN;
		return 0; /* units that do not convert are never compared raw */
	}
	j->current = cur->value * factor;
	if (st->method == BDB__METHOD_MWU) {
		int rc = mwu_p(base, cur, factor, &j->p_value, &j->tested);
		if (rc)
			return rc;
	}
	if (bdb__stats_change_pct(j->base, j->current, &j->change) != 0) {
		j->change = NAN;
		return 0;
	}
	if (cur->direction == BDB_INFO)
		return 0;
	double worse = cur->direction == BDB_LOWER ? j->change : -j->change;
	bool significant = !j->tested || j->p_value < st->alpha;
	if (worse > j->threshold && significant) {
		j->verdict = "regression";
		j->severity = severity_of(j->change);
	} else if (-worse > j->threshold && significant) {
		j->verdict = "improvement";
	} else {
		j->verdict = "unchanged";
	}
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
	bdb__field_str(r, "method", bdb__method_name(st->method));
	if (st->clauses & BDB__C_THRESHOLD)
		bdb__field_num(r, "threshold", st->threshold);
	else
		bdb__field_num(r, "threshold", BDB__DEFAULT_THRESHOLD);
	if (st->method == BDB__METHOD_MWU)
		bdb__field_num(r, "alpha", st->alpha);
}

static int unsupported_method(bdb__exec *ex, const bdb__stmt *st)
{
	return bdb__exec_error(ex, st->method_span,
			       "method \"%s\" is not available yet: expected percent or mwu "
			       "(the history methods come with change detection)",
			       bdb__method_name(st->method));
}

/* mwu needs samples in both runs; say how many series went without. */
static void note_untested(bdb_result *r, size_t untested)
{
	if (untested == 1)
		bdb__result_note(r, "1 series had no samples in both runs: the threshold alone "
				    "judged it");
	else if (untested > 1)
		bdb__result_note(r, "%zu series had no samples in both runs: the threshold alone "
				    "judged them",
				 untested);
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
	if (st->method != BDB__METHOD_PERCENT && st->method != BDB__METHOD_MWU)
		return unsupported_method(ex, st);
	int rc = bdb__resolve_run(ex, base_ref, &bseq, &info);
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

enum { C_POINT, C_TAGS, C_METRIC, C_BASE, C_CURRENT, C_UNIT, C_CHANGE, C_VERDICT, C_P,
       C_THRESHOLD };

static const bdb__column compare_columns[] = {
	{"point", BDB__STYLE_PLAIN},   {"tags", BDB__STYLE_PLAIN},    {"metric", BDB__STYLE_PLAIN},
	{"base", BDB__STYLE_PLAIN},    {"current", BDB__STYLE_PLAIN}, {"unit", BDB__STYLE_PLAIN},
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
	if (rc)
		goto done;
	rc = bdb__result_columns(r, compare_columns, sizeof compare_columns / sizeof compare_columns[0]);
	if (!rc)
		rc = index_build(&base, &ix);
	matched = calloc(base.n + 1, sizeof *matched);
	if (rc || !matched) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "comparing runs");
		goto done;
	}
	comparison_fields(r, st, &base, &cur);
	size_t untested = 0;
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
			continue;
		}
		matched[b - base.items] = true;
		judgement j;
		if ((rc = judge(st, b, c, &j)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "comparing runs");
			goto done;
		}
		untested += st->method == BDB__METHOD_MWU && !j.tested &&
			    strcmp(j.verdict, "n/a") != 0;
		bdb__cell_num(r, (size_t)row, C_BASE, j.base);
		put_number_or_null(r, (size_t)row, C_CURRENT, j.current);
		bdb__cell_str(r, (size_t)row, C_UNIT, j.unit);
		put_number_or_null(r, (size_t)row, C_CHANGE, j.change);
		bdb__cell_str(r, (size_t)row, C_VERDICT, j.verdict);
		put_number_or_null(r, (size_t)row, C_P, j.p_value);
		if (c->direction != BDB_INFO)
			bdb__cell_num(r, (size_t)row, C_THRESHOLD, j.threshold);
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
	}
	note_untested(r, untested);
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

enum { G_POINT, G_TAGS, G_METRIC, G_DIRECTION, G_BASE, G_CURRENT, G_UNIT, G_CHANGE, G_SEVERITY,
       G_P, G_THRESHOLD };

static const bdb__column regression_columns[] = {
	{"point", BDB__STYLE_PLAIN},      {"tags", BDB__STYLE_PLAIN},
	{"metric", BDB__STYLE_PLAIN},     {"direction", BDB__STYLE_PLAIN},
	{"base", BDB__STYLE_PLAIN},       {"current", BDB__STYLE_PLAIN},
	{"unit", BDB__STYLE_PLAIN},       {"change_pct", BDB__STYLE_CHANGE},
	{"severity", BDB__STYLE_MARKED},  {"p_value", BDB__STYLE_PVALUE},
	{"threshold", BDB__STYLE_PERCENT},
};

int bdb__exec_regressions(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb__run_ref cur_ref =
		bdb__run_or_default(st, st->has_run ? &st->run : NULL, BDB__RUN_LATEST);
	bdb__run_ref base_ref =
		bdb__run_or_default(st, st->has_other ? &st->other : NULL, BDB__RUN_BASELINE);
	bdb__run_entries base, cur;
	entry_index ix = {NULL, 0};
	const char *metric = st->metric ? st->metric : BDB__RATED_METRICS;
	int rc = load_pair(ex, st, &base_ref, &cur_ref, metric, &base, &cur);
	if (rc)
		goto done;
	rc = bdb__result_columns(r, regression_columns,
				 sizeof regression_columns / sizeof regression_columns[0]);
	if (!rc)
		rc = index_build(&base, &ix);
	if (rc) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "comparing runs");
		goto done;
	}
	comparison_fields(r, st, &base, &cur);
	size_t compared = 0, untested = 0;
	for (size_t i = 0; i < cur.n; i++) {
		const bdb__entry *c = &cur.items[i];
		const bdb__entry *b = index_find(&ix, c);
		if (!b)
			continue;
		judgement j;
		if ((rc = judge(st, b, c, &j)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "comparing runs");
			goto done;
		}
		compared += strcmp(j.verdict, "n/a") != 0;
		untested += st->method == BDB__METHOD_MWU && !j.tested &&
			    strcmp(j.verdict, "n/a") != 0;
		if (strcmp(j.verdict, "regression") != 0)
			continue;
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
		bdb__cell_num(r, (size_t)row, G_CHANGE, j.change);
		bdb__cell_str(r, (size_t)row, G_SEVERITY, j.severity);
		put_number_or_null(r, (size_t)row, G_P, j.p_value);
		bdb__cell_num(r, (size_t)row, G_THRESHOLD, j.threshold);
		bdb__row_mark(r, (size_t)row, BDB__MARK_REGRESSION);
	}
	bdb__field_int(r, "compared", (int64_t)compared);
	note_untested(r, untested);
done:
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
	{"rank", BDB__STYLE_PLAIN},  {"label", BDB__STYLE_PLAIN},     {"point", BDB__STYLE_PLAIN},
	{"tags", BDB__STYLE_PLAIN},  {"value", BDB__STYLE_PLAIN},     {"unit", BDB__STYLE_PLAIN},
	{"delta_pct", BDB__STYLE_PERCENT}, {"best", BDB__STYLE_BEST},
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
	double value;  /* in the group's unit */
	double key;    /* ascending is best first: value, or -value for higher */
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
		double v = e->value * factor;
		rows[n++] = (ranked){e, v, e->direction == BDB_LOWER ? v : -v, g};
	}
	if (st->by && n == 0 && run.n > 0) {
		char hint[200];
		bdb__suggest_term(ex, "t:", st->by, hint, sizeof hint);
		rc = bdb__exec_error(ex, st->by_span, "no point of \"%s\" has tag \"%s\"%s",
				     st->metric, st->by, hint);
		goto done;
	}
	bool lower_is_better = n > 0 && rows[0].e->direction == BDB_LOWER;
	qsort(rows, n, sizeof *rows, cmp_ranked);
	rc = bdb__result_columns(r, rank_columns, sizeof rank_columns / sizeof rank_columns[0]);
	if (rc)
		goto done;
	bdb__field_str(r, "run", info.id);
	bdb__field_str(r, "metric", st->metric);
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
		bdb__cell_num(r, (size_t)row, R_DELTA,
			      best == 0 ? 0 : fabs(x->value - best) / fabs(best) * 100.0);
		bdb__cell_bool(r, (size_t)row, R_BEST, rank == 1);
		if (rank == 1)
			bdb__row_mark(r, (size_t)row, BDB__MARK_BEST);
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
