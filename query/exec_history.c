/*
 * exec_history.c - statements over a series' history: trend (one value per
 * run, oldest first, or the median per day / week / month bucket) and
 * changes (change points: E-Divisive means or the windowed Otava/Hunter
 * variant). Series are chosen through the postings and their values read
 * from the observation index only, never from the runs' FlatBuffers.
 */
#include "cpfold.h"
#include "exec.h"
#include "stats.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAY_US INT64_C(86400000000)
/* A week rollup's Monday to its Thursday, where `by month` counts it. */
#define WEEK_SHIFT (3 * DAY_US)

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The start of the bucket holding t: a UTC day, an ISO week (Monday) or a
 * calendar month. */
static int64_t bucket_start(bdb__bucket bucket, int64_t t)
{
	int64_t day = floor_div(t, DAY_US);
	switch (bucket) {
	case BDB__BUCKET_WEEK: {
		/* 1970-01-01 was a Thursday: day + 3 counts from a Monday. */
		int64_t monday = day - (day + 3 - floor_div(day + 3, 7) * 7);
		return monday * DAY_US;
	}
	case BDB__BUCKET_MONTH: {
		char text[48];
		bdb_time_format(t, text, sizeof text);
		memcpy(text + 7, "-01", 4); /* "YYYY-MM" + "-01" */
		int64_t us;
		return bdb_time_parse(text, &us) == 0 ? us : day * DAY_US;
	}
	default:
		return day * DAY_US;
	}
}

/* One series' observations in the statement's window, oldest first. */
typedef struct history {
	bdb_obs *obs;
	size_t n, cap;
} history;

static int history_push(history *h, const bdb_obs *o)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 64;
		bdb_obs *p = realloc(h->obs, cap * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		h->obs = p;
		h->cap = cap;
	}
	h->obs[h->n++] = *o;
	return 0;
}

static int64_t time_of(const bdb__exec *ex, const bdb__time_spec *t)
{
	return t->relative ? ex->now_us - t->us : t->us;
}

/* Whether observation o passes the run fields of `where`. */
static int run_passes(bdb__exec *ex, const bdb__stmt *st, bdb__subject *s, const bdb_obs *o,
		      bool *pass)
{
	bdb_run_info info;
	int rc = bdb_reader_run_info(ex->rd, o->run_seq, &info);
	if (rc)
		return rc;
	s->branch = info.branch;
	s->commit = info.commit;
	*pass = bdb__subject_matches(st, s);
	return 0;
}

/* Takes one observation of a walk: 0 to go on, 1 to stop, or an error it
 * has reported. */
typedef int (*obs_fn)(void *ctx, const bdb_obs *o);

/*
 * Walks the observations of series si in the statement's window that pass
 * the run fields of its `where`, handing each to fn: oldest first, or with
 * `last N` the newest N, newest first. early: how much before `since` to
 * start too (0: at it).
 */
static int walk_history_early(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
			      int64_t early, obs_fn fn, void *ctx)
{
	int64_t from = (st->clauses & BDB__C_SINCE) ? time_of(ex, &st->since) : INT64_MIN;
	if (from > INT64_MIN + early)
		from -= early;
	int64_t to = (st->clauses & BDB__C_UNTIL) ? time_of(ex, &st->until) : INT64_MAX;
	bool backward = st->last_n > 0;
	bool per_run = bdb__expr_uses_run_fields(st->where);
	bdb__subject s = {si->point, si->scenario, si->metric, si->tags, si->n_tags, "", ""};
	bdb_obs_iter *it;
	int got = bdb_obs_iter_open(ex->rd, si->id, from, to, backward, &it);
	if (got)
		return bdb__exec_store_error(ex, got, "reading observations");
	bdb_obs o;
	size_t n = 0, seen = 0;
	int rc = 0; /* from fn or the cancel check: already reported */
	while ((got = bdb_obs_iter_next(it, &o)) == 1) {
		if ((seen++ & 1023) == 0 && (rc = bdb__exec_check_cancel(ex)) != 0)
			break;
		bool pass = true;
		if (per_run && (got = run_passes(ex, st, &s, &o, &pass)) != 0)
			break;
		if (pass && ((rc = fn(ctx, &o)) != 0 || (backward && ++n == st->last_n)))
			break;
	}
	bdb_obs_iter_close(it);
	if (rc)
		return rc < 0 ? rc : 0;
	return got < 0 ? bdb__exec_store_error(ex, got, "reading observations") : 0;
}

static int walk_history(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si, obs_fn fn,
			void *ctx)
{
	return walk_history_early(ex, st, si, 0, fn, ctx);
}

typedef struct history_walk {
	bdb__exec *ex;
	history *h;
} history_walk;

static int push_obs(void *ctx, const bdb_obs *o)
{
	history_walk *w = ctx;
	int rc = history_push(w->h, o);
	return rc ? bdb__exec_store_error(w->ex, rc, "reading observations") : 0;
}

/* One series' observations in the statement's window (from early before
 * `since`), oldest first. */
static int load_history_early(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
			      int64_t early, history *h)
{
	history_walk w = {ex, h};
	int rc = walk_history_early(ex, st, si, early, push_obs, &w);
	if (!rc && st->last_n > 0)
		for (size_t i = 0; i < h->n / 2; i++) {
			bdb_obs t = h->obs[i];
			h->obs[i] = h->obs[h->n - 1 - i];
			h->obs[h->n - 1 - i] = t;
		}
	return rc;
}

static int load_history(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si, history *h)
{
	return load_history_early(ex, st, si, 0, h);
}

int bdb__history_before(bdb__exec *ex, const bdb__entry *e, uint64_t seq, int64_t time_us,
			size_t window, const char *unit, double **values, size_t *n)
{
	*values = NULL;
	*n = 0;
	uint64_t id;
	bdb_series_info *si = NULL;
	bdb_obs_iter *it = NULL;
	double factor;
	int rc = bdb_reader_series_lookup(ex->rd, e->point, e->tags, e->n_tags, e->metric, &id);
	if (rc == BDB_ENOTFOUND)
		return 0;
	if (!rc)
		rc = bdb_reader_series_info(ex->rd, id, &si);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the series dictionary");
	if (bdb_unit_factor(si->unit, unit, &factor) != 0)
		goto done; /* never compared raw */
	/* The window is the user's number (`window 777777772`): allocate for
	 * what the series holds, never more. */
	size_t stored = 0;
	if ((rc = bdb_reader_obs_count(ex->rd, id, &stored)) != 0) {
		rc = bdb__exec_store_error(ex, rc, "reading observations");
		goto done;
	}
	if (window > stored)
		window = stored;
	double *v = malloc((window ? window : 1) * sizeof *v);
	if (!v) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "reading history");
		goto done;
	}
	*values = v;
	if ((rc = bdb_obs_iter_open(ex->rd, id, INT64_MIN, time_us, true, &it)) != 0) {
		rc = bdb__exec_store_error(ex, rc, "reading observations");
		goto done;
	}
	bdb_obs o;
	while (*n < window && (rc = bdb_obs_iter_next(it, &o)) == 1) {
		bool later = o.run_seq == seq || (o.timestamp_us == time_us && o.run_seq > seq);
		if (!later && isfinite(o.value))
			v[(*n)++] = bdb_unit_convert(o.value, factor);
	}
	if (rc < 0) {
		rc = bdb__exec_store_error(ex, rc, "reading observations");
		goto done;
	}
	rc = 0;
	for (size_t i = 0; i < *n / 2; i++) {
		double t = v[i];
		v[i] = v[*n - 1 - i];
		v[*n - 1 - i] = t;
	}
done:
	if (it)
		bdb_obs_iter_close(it);
	free(si);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* trend                                                                     */
/* ------------------------------------------------------------------------ */

enum {
	T_POINT,
	T_TAGS,
	T_RUN,
	T_TIMESTAMP,
	T_COMMIT,
	T_VALUE,
	T_LOWER,
	T_UPPER,
	T_UNIT,
	/* A chart's columns (chart.c reads them by name): */
	T_SAMPLE_MIN,
	T_SAMPLE_MAX,
	T_BASELINE,
	T_REGRESSED,
	T_CHANGE,
	T_N_CHART_COLUMNS,
	/* A changes chart's only: the annotation of a change point's commit. */
	T_ANNOTATION = T_N_CHART_COLUMNS
};
enum { B_POINT, B_TAGS, B_BUCKET, B_VALUE, B_MIN, B_MAX, B_COUNT, B_UNIT };

static const bdb__column trend_columns[] = {
    {"point", BDB__STYLE_PLAIN},	      {"tags", BDB__STYLE_PLAIN},
    {"run", BDB__STYLE_PLAIN},	      {"timestamp", BDB__STYLE_PLAIN},
    {"commit", BDB__STYLE_COMMIT},    {"value", BDB__STYLE_QUANTITY},
    {"lower", BDB__STYLE_QUANTITY},   {"upper", BDB__STYLE_QUANTITY},
    {"unit", BDB__STYLE_PLAIN},	      {"sample_min", BDB__STYLE_QUANTITY},
    {"sample_max", BDB__STYLE_QUANTITY}, {"baseline", BDB__STYLE_BEST},
    {"regressed", BDB__STYLE_BEST},   {"change_pct", BDB__STYLE_CHANGE},
    {"annotation", BDB__STYLE_PLAIN},
};
#define N_TREND_COLUMNS T_SAMPLE_MIN

static const bdb__column bucket_columns[] = {
    {"point", BDB__STYLE_PLAIN},    {"tags", BDB__STYLE_PLAIN},	  {"bucket", BDB__STYLE_PLAIN},
    {"value", BDB__STYLE_QUANTITY}, {"min", BDB__STYLE_QUANTITY}, {"max", BDB__STYLE_QUANTITY},
    {"count", BDB__STYLE_PLAIN},    {"unit", BDB__STYLE_PLAIN},
};

/*
 * What a chart's columns need (a trend drawn as a chart, or with `vs RUN`):
 * the reference run and the rule that calls a point regressed against it,
 * the DESIGN.md section 4 rule of `regressions` (strictly beyond the
 * threshold, by the metric's direction; a zero base never).
 */
typedef struct chart_ref {
	bool on;	   /* fill the chart columns */
	uint64_t base_seq; /* 0: no reference run */
	double base;	   /* the series' value in it, NAN when none */
	bdb_direction direction;
	double threshold; /* percent */
} chart_ref;

/* A trend walk: one row per observation, the run's id and commit from the
 * run log (in run order, a step of the reader's run-log cursor). */
typedef struct trend_walk {
	bdb__exec *ex;
	const bdb_series_info *si;
	bdb_result *r;
	size_t first; /* the series' first row */
	const chart_ref *chart;
	long rollup_col; /* the rollup column, then count; -1: none (no rollups) */
} trend_walk;

/* The chart columns of row w (observation o). */
static int chart_cells(trend_walk *t, size_t w, const bdb_obs *o)
{
	const chart_ref *c = t->chart;
	bdb_result *r = t->r;
	if (o->n_samples > 0) {
		double lo, hi;
		int rc = bdb__sample_range(t->ex, o->run_seq, t->si, &lo, &hi);
		if (rc)
			return rc;
		if (!isnan(lo)) {
			bdb__cell_num(r, w, T_SAMPLE_MIN, lo);
			bdb__cell_num(r, w, T_SAMPLE_MAX, hi);
		}
	}
	if (c->base_seq && o->run_seq == c->base_seq)
		bdb__cell_bool(r, w, T_BASELINE, true);
	double change;
	if (c->direction != BDB_INFO && bdb__stats_change_pct(c->base, o->value, &change) == 0 &&
	    bdb__stats_change_beyond(c->direction == BDB_LOWER ? change : -change, c->threshold,
				     c->base, o->value))
		bdb__cell_bool(r, w, T_REGRESSED, true);
	return 0;
}

static int trend_row(void *ctx, const bdb_obs *o)
{
	trend_walk *t = ctx;
	bdb_result *r = t->r;
	bdb_run_info info;
	int rc = bdb_reader_run_info(t->ex->rd, o->run_seq, &info);
	if (rc)
		return bdb__exec_store_error(t->ex, rc, "reading the run log");
	long row = bdb__result_add_row(r);
	if (row < 0)
		return 1; /* the table says it failed */
	size_t w = (size_t)row;
	if (w == t->first) {
		bdb__cell_str(r, w, T_POINT, t->si->point);
		bdb__cell_tags(r, w, T_TAGS, t->si->tags, t->si->n_tags);
		bdb__cell_str(r, w, T_UNIT, *t->si->unit ? t->si->unit : NULL);
	} else {
		/* The series' columns repeat: share the first row's copies. */
		bdb__cell_copy(r, w, T_POINT, t->first);
		bdb__cell_copy(r, w, T_TAGS, t->first);
		bdb__cell_copy(r, w, T_UNIT, t->first);
	}
	bdb__cell_strn2(r, w, T_RUN, info.id, info.id_len, T_COMMIT, info.commit, info.commit_len);
	bdb__cell_time(r, w, T_TIMESTAMP, o->timestamp_us);
	bdb__cell_num(r, w, T_VALUE, o->value);
	if (o->has_lower)
		bdb__cell_num(r, w, T_LOWER, o->lower);
	if (o->has_upper)
		bdb__cell_num(r, w, T_UPPER, o->upper);
	if (t->rollup_col >= 0) {
		/* A rollup stands for a week or month of runs: it says so, and how many
		 * observations its median, min (lower) and max (upper) are of. */
		bool is;
		bdb_rollup_info ri;
		rc = bdb_reader_rollup(t->ex->rd, o->run_seq, t->si->id, &is, &ri);
		if (rc)
			return bdb__exec_store_error(t->ex, rc, "reading a rollup");
		if (is) {
			bdb__cell_str(r, w, (size_t)t->rollup_col, ri.period);
			bdb__cell_int(r, w, (size_t)t->rollup_col + 1, ri.count);
		}
	}
	return t->chart->on ? chart_cells(t, w, o) : 0;
}

/* The trend's first n columns, and, in a store with rollups, the rollup
 * and count columns after them (*rollup_col, else -1). */
static int trend_columns_of(bdb__exec *ex, bdb_result *r, size_t n, long *rollup_col)
{
	static const bdb__column rollup_columns[] = {{"rollup", BDB__STYLE_PLAIN},
						     {"count", BDB__STYLE_PLAIN}};
	bdb__column cols[T_N_CHART_COLUMNS + 2];
	memcpy(cols, trend_columns, n * sizeof *cols);
	bool has = false;
	int rc = bdb_reader_has_rollups(ex->rd, &has);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the store's rollups");
	*rollup_col = has ? (long)n : -1;
	if (has)
		memcpy(cols + n, rollup_columns, sizeof rollup_columns);
	return bdb__result_columns(r, cols, n + (has ? 2 : 0));
}

/* The rows of one series, oldest first, straight from the observation
 * index (the table is sized from the series' count first, so its cells are
 * never copied as it grows). */
static int trend_rows(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
		      const chart_ref *chart, long rollup_col, bdb_result *r)
{
	trend_walk t = {ex, si, r, r->n_rows, chart, rollup_col};
	size_t count;
	int rc = bdb_reader_obs_count(ex->rd, si->id, &count);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading observations");
	if (st->last_n > 0 && count > st->last_n)
		count = st->last_n;
	if (bdb__result_reserve(r, count) != 0)
		return 0; /* the table says it failed */
	rc = walk_history(ex, st, si, trend_row, &t);
	if (!rc && st->last_n > 0)
		bdb__result_reverse(r, t.first, r->n_rows);
	return rc;
}

/* The observations h->obs[from, to) of one bucket as counted values: a
 * rollup's median stands for its count of runs' values, and its lower and
 * upper (their min and max) widen *min and *max. */
static int bucket_values(bdb__exec *ex, const bdb_series_info *si, const history *h, size_t from,
			 size_t to, bool rollups, bdb__counted *v, uint64_t *count, double *min,
			 double *max)
{
	*count = 0;
	for (size_t i = from; i < to; i++) {
		const bdb_obs *o = &h->obs[i];
		bool is = false;
		bdb_rollup_info ri = {0};
		int rc = rollups ? bdb_reader_rollup(ex->rd, o->run_seq, si->id, &is, &ri) : 0;
		if (rc)
			return bdb__exec_store_error(ex, rc, "reading a rollup");
		is = is && ri.count > 0;
		v[i - from] = (bdb__counted){o->value, is ? ri.count : 1};
		*count += v[i - from].count;
		double lo = is && o->has_lower ? o->lower : o->value;
		double hi = is && o->has_upper ? o->upper : o->value;
		if (i == from || lo < *min)
			*min = lo;
		if (i == from || hi > *max)
			*max = hi;
	}
	return 0;
}

/* A copy of h for `by month` in which each week rollup stands at its
 * Thursday, oldest first: the month retain folds the week into
 * (docs/storage.md 2.14), so a month's bucket is the same before and after
 * the fold. h starts WEEK_SHIFT before `since`; what then stands outside
 * the statement's window is left out. */
static int week_rollups_at_thursday(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
				    const history *h, history *out)
{
	int64_t from = (st->clauses & BDB__C_SINCE) ? time_of(ex, &st->since) : INT64_MIN;
	int64_t to = (st->clauses & BDB__C_UNTIL) ? time_of(ex, &st->until) : INT64_MAX;
	out->obs = malloc((h->n ? h->n : 1) * sizeof *out->obs);
	if (!out->obs)
		return bdb__exec_store_error(ex, BDB_ENOMEM, "bucketing");
	out->n = 0;
	out->cap = h->n;
	for (size_t i = 0; i < h->n; i++) {
		bdb_obs o = h->obs[i];
		bool is = false;
		bdb_rollup_info ri = {0};
		int rc = bdb_reader_rollup(ex->rd, o.run_seq, si->id, &is, &ri);
		if (rc) {
			free(out->obs);
			out->obs = NULL;
			return bdb__exec_store_error(ex, rc, "reading a rollup");
		}
		if (is && ri.period && strcmp(ri.period, "week") == 0)
			o.timestamp_us += WEEK_SHIFT;
		if (o.timestamp_us < from || o.timestamp_us > to)
			continue;
		/* Insertion keeps equal times in their order; only a week
		 * rollup moved, by three days, so few elements shift. */
		size_t j = out->n++;
		for (; j > 0 && out->obs[j - 1].timestamp_us > o.timestamp_us; j--)
			out->obs[j] = out->obs[j - 1];
		out->obs[j] = o;
	}
	return 0;
}

static int bucket_rows(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
		       const history *h, bdb_result *r)
{
	bool rollups = false;
	int rc = bdb_reader_has_rollups(ex->rd, &rollups);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the store's rollups");
	history moved = {0};
	if (rollups && st->bucket == BDB__BUCKET_MONTH) {
		if ((rc = week_rollups_at_thursday(ex, st, si, h, &moved)) != 0)
			return rc;
		h = &moved;
	}
	bdb__counted *values = malloc((h->n ? h->n : 1) * sizeof *values);
	if (!values) {
		free(moved.obs);
		return bdb__exec_store_error(ex, BDB_ENOMEM, "bucketing");
	}
	for (size_t i = 0; i < h->n;) {
		int64_t start = bucket_start(st->bucket, h->obs[i].timestamp_us);
		/* The next bucket starts after the longest month (31 days). */
		int64_t next = bucket_start(st->bucket, start + 32 * DAY_US);
		if (st->bucket == BDB__BUCKET_DAY)
			next = start + DAY_US;
		else if (st->bucket == BDB__BUCKET_WEEK)
			next = start + 7 * DAY_US;
		size_t from = i;
		while (i < h->n && h->obs[i].timestamp_us < next)
			i++;
		uint64_t count;
		double median, min = 0, max = 0;
		rc = bucket_values(ex, si, h, from, i, rollups, values, &count, &min, &max);
		if (rc)
			break;
		if ((rc = bdb__stats_median_counted(values, i - from, &median)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "bucketing");
			break;
		}
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		size_t w = (size_t)row;
		bdb__cell_str(r, w, B_POINT, si->point);
		bdb__cell_tags(r, w, B_TAGS, si->tags, si->n_tags);
		bdb__cell_time(r, w, B_BUCKET, start);
		bdb__cell_num(r, w, B_VALUE, median);
		bdb__cell_num(r, w, B_MIN, min);
		bdb__cell_num(r, w, B_MAX, max);
		bdb__cell_int(r, w, B_COUNT, (int64_t)count);
		bdb__cell_str(r, w, B_UNIT, *si->unit ? si->unit : NULL);
	}
	free(values);
	free(moved.obs);
	return rc;
}

static int cmp_series_ptr(const void *a, const void *b)
{
	return bdb__series_info_cmp(*(bdb_series_info *const *)a, *(bdb_series_info *const *)b);
}

/* The series of the statement's metric that pass `of` / `where`, sorted
 * by (point, tags). *series is calloc'ed; free it with free_series. */
/* A `since` after the `until` (`since 2099-01-01 until 2000-01-01`, or
 * `since 1d until 30d`) is a mistake, not an empty history. */
static int window_error(bdb__exec *ex, const bdb__stmt *st)
{
	if ((st->clauses & (BDB__C_SINCE | BDB__C_UNTIL)) != (BDB__C_SINCE | BDB__C_UNTIL))
		return 0;
	int64_t from = time_of(ex, &st->since), to = time_of(ex, &st->until);
	if (from <= to)
		return 0;
	char a[48], b[48];
	return bdb__exec_error(ex, st->until.span,
			       "\"until\" is before \"since\": no time is from %s to %s",
			       bdb_time_format(from, a, sizeof a), bdb_time_format(to, b, sizeof b));
}

/* An empty answer to a window that no run is in (`until` before the oldest
 * run, `since ... until` between two runs) says so, as future_note does
 * for a `since` past the newest run, naming the runs around the window. */
static void window_note(const bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	if (r->n_rows || !(st->clauses & BDB__C_UNTIL))
		return;
	bool since = st->clauses & BDB__C_SINCE;
	int64_t from = since ? time_of(ex, &st->since) : INT64_MIN, to = time_of(ex, &st->until);
	bdb_run_info *runs = NULL, *before = NULL, *after = NULL;
	size_t n = 0;
	if (bdb_reader_list_runs(ex->rd, NULL, 0, &runs, &n) != 0)
		return;
	/* Newest first: the first run older than the window is the one
	 * before it, the last run newer than it the one after. */
	for (size_t i = 0; i < n; i++) {
		if (runs[i].timestamp_us >= from && runs[i].timestamp_us <= to)
			goto done; /* a run is in it: the rows are empty for another reason */
		if (runs[i].timestamp_us > to)
			after = &runs[i];
		else if (!before)
			before = &runs[i];
	}
	if (!n)
		goto done;
	char a[48], b[48], c[48], e[48], window[128];
	if (since)
		snprintf(window, sizeof window, "from %s until %s",
			 bdb_time_format(from, a, sizeof a), bdb_time_format(to, b, sizeof b));
	else
		snprintf(window, sizeof window, "until %s", bdb_time_format(to, a, sizeof a));
	if (before && after)
		bdb__result_note(
		    r, "no run %s: the run before it, %s, is of %s, the run after it, %s, of %s",
		    window, before->id, bdb_time_format(before->timestamp_us, c, sizeof c),
		    after->id, bdb_time_format(after->timestamp_us, e, sizeof e));
	else if (after)
		bdb__result_note(r, "no run %s: the store's oldest run, %s, is of %s", window,
				 after->id, bdb_time_format(after->timestamp_us, c, sizeof c));
done:
	free(runs);
}

/* An empty answer to a `since` that no run reaches says so: "(no rows)"
 * alone reads as a store without the series, or as a month without a
 * change when the store's newest run is older than the month (`changes
 * time since 30d` on a history imported last year). Else window_note. */
static void future_note(const bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	if (r->n_rows)
		return;
	if (!(st->clauses & BDB__C_SINCE)) {
		window_note(ex, st, r);
		return;
	}
	int64_t from = time_of(ex, &st->since);
	char a[48], b[48];
	if (from > ex->now_us) {
		int64_t now = ex->now_us - ex->now_us % 1000000; /* to the second */
		bdb__result_note(r, "since %s is in the future (now is %s): no run is that new",
				 bdb_time_format(from, a, sizeof a),
				 bdb_time_format(now, b, sizeof b));
		return;
	}
	uint64_t seq;
	bdb_run_info newest;
	if (bdb_reader_latest(ex->rd, 0, &seq) != 0 ||
	    bdb_reader_run_info(ex->rd, seq, &newest) != 0)
		return;
	if (newest.timestamp_us >= from) {
		window_note(ex, st, r);
		return;
	}
	bdb__result_note(r, "no run since %s: the store's newest run, %s, is of %s",
			 bdb_time_format(from, a, sizeof a), newest.id,
			 bdb_time_format(newest.timestamp_us, b, sizeof b));
}

static int load_series(bdb__exec *ex, const bdb__stmt *st, bdb_series_info ***series,
		       size_t *n_series)
{
	bdb__idset ids = {NULL, 0};
	*series = NULL;
	*n_series = 0;
	int rc = window_error(ex, st);
	if (!rc)
		rc = bdb__check_names(ex, st);
	if (!rc)
		rc = bdb__select_series(ex, st, st->metric, &ids);
	if (rc)
		return rc;
	bdb_series_info **list = calloc(ids.n + 1, sizeof *list);
	if (!list) {
		bdb__idset_free(&ids);
		return bdb__exec_store_error(ex, BDB_ENOMEM, "reading series");
	}
	size_t n = 0;
	for (; n < ids.n; n++) {
		rc = bdb_reader_series_info(ex->rd, ids.ids[n], &list[n]);
		if (rc) {
			rc = bdb__exec_store_error(ex, rc, "reading the series dictionary");
			break;
		}
	}
	bdb__idset_free(&ids);
	qsort(list, n, sizeof *list, cmp_series_ptr);
	*series = list;
	*n_series = n;
	return rc;
}

static void free_series(bdb_series_info **series, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(series[i]);
	free(series);
}

/* Whether the statement is drawn as a chart (its `as`, else the caller's
 * default format). */
static bool drawn(const bdb__exec *ex, const bdb__stmt *st)
{
	bdb_output_format f = st->format ? st->format
			     : ex->opt	? ex->opt->format
					: BDB_OUTPUT_DEFAULT;
	return bdb_output_format_is_picture(f);
}

/*
 * The reference run of a chart: `vs RUN` (an unknown run is an error), else
 * baseline "main" when it exists. Sets the result's baseline and threshold
 * fields when there is one.
 */
static int chart_reference(bdb__exec *ex, const bdb__stmt *st, bdb_result *r, chart_ref *c)
{
	memset(c, 0, sizeof *c);
	c->on = true;
	c->base = NAN;
	bdb_run_info info;
	int rc = 0;
	if (st->clauses & BDB__C_VS) {
		rc = bdb__resolve_run(ex, &st->other, &c->base_seq, &info);
	} else {
		rc = bdb_reader_get_baseline(ex->rd, "main", &c->base_seq);
		if (rc == BDB_ENOTFOUND)
			return 0;
		if (!rc)
			rc = bdb_reader_run_info(ex->rd, c->base_seq, &info);
		if (rc)
			return bdb__exec_store_error(ex, rc, "reading baselines");
	}
	if (rc)
		return rc;
	bdb__field_str(r, "baseline", info.id);
	if (st->clauses & BDB__C_THRESHOLD)
		bdb__field_num(r, "threshold", st->threshold);
	bdb__note_bare_threshold(st, r);
	return 0;
}

/* The reference run's value of series si and the rule for it. */
static void chart_series(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
			 chart_ref *c)
{
	bdb_metric_def def;
	bool has_def = bdb_reader_metric_def(ex->rd, si->metric, &def) == 0;
	c->direction = has_def ? def.direction : BDB_INFO;
	c->threshold = (st->clauses & BDB__C_THRESHOLD) ? st->threshold
		       : has_def && def.has_threshold	? def.threshold
							: BDB__DEFAULT_THRESHOLD;
	c->base = NAN;
	bdb_obs o;
	if (c->base_seq && bdb_reader_obs_get(ex->rd, si->id, c->base_seq, &o) == 0)
		c->base = o.value;
}

#define US_PER_DAY 86400e6
#define CHART_ROBUST_SERIES 16
#define CHART_ROBUST_VALUES 128

/* The finite values x of a series' history with their times t in days and
 * their positions at in it, n of them. */
typedef struct series_values {
	double *x, *t;
	size_t *at, n;
	bool folded; /* the answer is the persisted fold's (series_changes) */
} series_values;

static void finite_free(series_values *v)
{
	free(v->x);
	free(v->t);
	free(v->at);
}

/* Marks found's change points (v's indices) on a chart table's rows of
 * one series from row first: steps and the starts of excursions (a drift
 * is no change at one run), with the annotation of their commit when the
 * table has the column (a changes chart). */
static void mark_changes(bdb__exec *ex, bdb_result *drawing, size_t first,
			 const series_values *v, const bdb__changes *found)
{
	for (size_t k = 0; k < found->count; k++) {
		const bdb__change_point *cp = &found->points[k];
		size_t row = cp->index < v->n ? first + v->at[cp->index] : SIZE_MAX;
		if (cp->kind == BDB__CHANGE_DRIFT || isnan(cp->change_pct) || row >= drawing->n_rows)
			continue;
		bdb__cell_num(drawing, row, T_CHANGE, cp->change_pct);
		const bdb_value *commit = &drawing->cells[row * drawing->n_cols + T_COMMIT];
		if (drawing->n_cols > T_ANNOTATION && commit->kind == BDB_VALUE_STRING)
			bdb__cell_annotation(ex, drawing, row, T_ANNOTATION, commit->str);
	}
}

/*
 * Runs change detection over rows [first, end) of a trend's chart table
 * (their finite values, oldest first) and marks the change points found:
 * by opt, or by long_opt for a series of more than CHART_ROBUST_VALUES
 * finite values. (A changes statement marks the points of its own rows.)
 */
static int chart_changes(bdb__exec *ex, bdb_result *r, size_t first, size_t end,
			 const bdb__changes_options *opt, const bdb__changes_options *long_opt)
{
	series_values v = {0};
	bdb__changes found = {0};
	int rc = 0;
	v.x = malloc((end - first + 1) * sizeof *v.x);
	v.t = malloc((end - first + 1) * sizeof *v.t);
	v.at = malloc((end - first + 1) * sizeof *v.at);
	if (!v.x || !v.t || !v.at) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "detecting changes");
		goto done;
	}
	for (size_t w = first; w < end; w++) {
		bdb_value val = r->cells[w * r->n_cols + T_VALUE];
		bdb_value ts = r->cells[w * r->n_cols + T_TIMESTAMP];
		if (val.kind == BDB_VALUE_NUMBER && isfinite(val.num)) {
			v.at[v.n] = w - first;
			v.t[v.n] = ts.kind == BDB_VALUE_TIME ? (double)ts.i / US_PER_DAY : (double)v.n;
			v.x[v.n++] = val.num;
		}
	}
	if (v.n > CHART_ROBUST_VALUES)
		opt = long_opt;
	if ((rc = bdb__detect_changes_at(v.x, v.t, v.n, opt, &found)) != 0) {
		rc = rc == BDB_ECANCELLED ? bdb__exec_check_cancel(ex)
					  : bdb__exec_store_error(ex, rc, "detecting changes");
		goto done;
	}
	mark_changes(ex, r, first, &v, &found);
done:
	bdb__changes_free(&found);
	finite_free(&v);
	return rc;
}

/* A change point of a `changes` answer as bdb_result_take_changes looks
 * it up: "point\ntags\nrun" (the cells' text) and its change. */
typedef struct taken_change {
	char *key;
	double pct;
} taken_change;

static int cmp_taken(const void *a, const void *b)
{
	return strcmp(((const taken_change *)a)->key, ((const taken_change *)b)->key);
}

/* The key of row of r into b (reset): its point, tags and run cells' text
 * ("" for a column that is -1: a changes answer of one series has none). */
static const char *taken_key(const bdb_result *r, size_t row, int point, int tags, int run,
			     bdb_buf *b)
{
	bdb_buf_reset(b);
	if (point >= 0)
		bdb_result_cell_text(r, row, (size_t)point, b);
	bdb_buf_putc(b, '\n');
	if (tags >= 0)
		bdb_result_cell_text(r, row, (size_t)tags, b);
	bdb_buf_putc(b, '\n');
	bdb_result_cell_text(r, row, (size_t)run, b);
	return b->failed ? NULL : bdb_buf_cstr(b);
}

int bdb_result_take_changes(bdb_result *trend, const bdb_result *changes, int64_t since_us)
{
	const bdb_result *c = changes->series_rows ? changes->series_rows : changes;
	int c_point = bdb_result_column_index(c, "point"),
	    c_tags = bdb_result_column_index(c, "tags");
	int c_run = bdb_result_column_index(c, "run"), c_kind = bdb_result_column_index(c, "kind");
	int c_pct = bdb_result_column_index(c, "change_pct");
	int t_pct = bdb_result_column_index(trend, "change_pct");
	if (t_pct != T_CHANGE || c_run < 0 || c_kind < 0 || c_pct < 0)
		return 0; /* not a chart's table, or not a changes answer */
	/* A changes answer of one series has no point and tags: its runs are
	 * the trend's series' (the same metric, filters and runs). */
	int t_point = c_point >= 0 ? T_POINT : -1, t_tags = c_tags >= 0 ? T_TAGS : -1;
	taken_change *v = calloc(c->n_rows ? c->n_rows : 1, sizeof *v);
	size_t n = 0;
	int rc = v ? 0 : BDB_ENOMEM;
	bdb_buf b;
	bdb_buf_init(&b);
	for (size_t i = 0; i < c->n_rows && !rc; i++) {
		bdb_value pct = c->cells[i * c->n_cols + (size_t)c_pct];
		bdb_buf_reset(&b);
		bdb_result_cell_text(c, i, (size_t)c_kind, &b);
		if (pct.kind != BDB_VALUE_NUMBER || !isfinite(pct.num) ||
		    strcmp(bdb_buf_cstr(&b), "drift") == 0)
			continue;
		const char *key = taken_key(c, i, c_point, c_tags, c_run, &b);
		v[n].key = key ? strdup(key) : NULL;
		v[n].pct = pct.num;
		rc = v[n++].key ? 0 : BDB_ENOMEM;
	}
	if (!rc)
		qsort(v, n, sizeof *v, cmp_taken);
	for (size_t w = 0; w < trend->n_rows && !rc; w++) {
		bdb_value ts = trend->cells[w * trend->n_cols + T_TIMESTAMP];
		if (ts.kind != BDB_VALUE_TIME || ts.i < since_us)
			continue;
		taken_change want = {.key =
					 (char *)taken_key(trend, w, t_point, t_tags, T_RUN, &b)};
		if (!want.key) {
			rc = BDB_ENOMEM;
			break;
		}
		const taken_change *hit = n ? bsearch(&want, v, n, sizeof *v, cmp_taken) : NULL;
		if (hit)
			bdb__cell_num(trend, w, T_CHANGE, hit->pct);
		else
			trend->cells[w * trend->n_cols + T_CHANGE] =
			    (bdb_value){.kind = BDB_VALUE_NULL};
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].key);
	free(v);
	bdb_buf_free(&b);
	return rc;
}

int bdb__exec_trend(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb_series_info **series = NULL;
	size_t n_series = 0;
	history h = {NULL, 0, 0};
	chart_ref chart = {0};
	long rollup_col = -1;
	/* A trend's chart marks the change points of `changes METRIC` (the
	 * robust default) when it draws at most CHART_ROBUST_SERIES series of
	 * at most CHART_ROBUST_VALUES values each (about 4 M instructions a
	 * series at 128 values, 17 M at 256); a larger chart those of `changes
	 * METRIC window 50 floor 2%`, which stays fast over years of runs (the
	 * robust method takes about 0.25 s a series at 3,650 runs); the floor,
	 * the robust default's, keeps changes below it off the chart as
	 * `changes METRIC` does. */
	bdb__changes_options robust, windowed;
	bdb__changes_options_robust(&robust);
	bdb__changes_options_windowed(&windowed);
	windowed.min_magnitude = BDB_CHANGES_ROBUST_FLOOR_PCT / 100.0;
	robust.cancel = windowed.cancel = ex->opt ? ex->opt->cancel : NULL;
	int rc = load_series(ex, st, &series, &n_series);
	if (rc)
		goto done;
	const bdb__changes_options *marks = n_series <= CHART_ROBUST_SERIES ? &robust : &windowed;
	/* A chart, or `vs RUN`, adds the chart columns (not to buckets: their
	 * min and max are what a chart draws). */
	bool charted = !st->bucket && (drawn(ex, st) || (st->clauses & BDB__C_VS));
	/* vs and threshold judge runs' values (the regressed column): said,
	 * not ignored, where nothing is so judged. */
	if (st->bucket && (st->clauses & (BDB__C_VS | BDB__C_THRESHOLD))) {
		bool vs = st->clauses & BDB__C_VS;
		rc =
		    bdb__exec_error(ex, vs ? st->other.span : st->threshold_span,
				    "%s does not apply to by day|week|month, whose buckets are not "
				    "judged against a run: leave it out, or the by clause",
				    vs ? "vs" : "threshold");
		goto done;
	}
	if (!charted && (st->clauses & BDB__C_THRESHOLD)) {
		rc = bdb__exec_error(ex, st->threshold_span,
				     "threshold judges the values against vs RUN (the regressed "
				     "column): give vs RUN, or draw a chart (as svg|html|chart), "
				     "whose reference is baseline main");
		goto done;
	}
	bool rollups = false; /* by month: a week rollup counts at its Thursday (bucket_rows) */
	if (st->bucket == BDB__BUCKET_MONTH && (rc = bdb_reader_has_rollups(ex->rd, &rollups)) != 0)
		rc = bdb__exec_store_error(ex, rc, "reading the store's rollups");
	else if (st->bucket)
		rc = bdb__result_columns(r, bucket_columns,
					 sizeof bucket_columns / sizeof bucket_columns[0]);
	else
		rc = trend_columns_of(ex, r, charted ? T_N_CHART_COLUMNS : N_TREND_COLUMNS,
				      &rollup_col);
	if (rc)
		goto done;
	bdb__field_str(r, "metric", st->metric);
	if (st->bucket) {
		static const char *const names[] = {"", "day", "week", "month"};
		bdb__field_str(r, "bucket", names[st->bucket]);
	}
	if (charted && (rc = chart_reference(ex, st, r, &chart)) != 0)
		goto done;
	r->spark_col = st->bucket ? B_VALUE : T_VALUE;
	r->spark_group = T_POINT;
	r->spark_group_cols = 2;
	int64_t shown = 0; /* series with at least one observation in the window */
	for (size_t i = 0; i < n_series && !rc; i++) {
		size_t rows = r->n_rows;
		h.n = 0;
		if (!st->bucket) {
			if (charted)
				chart_series(ex, st, series[i], &chart);
			rc = trend_rows(ex, st, series[i], &chart, rollup_col, r);
			if (!rc && charted && drawn(ex, st))
				rc = chart_changes(ex, r, rows, r->n_rows, marks, &windowed);
			shown += r->n_rows > rows;
			continue;
		}
		rc = load_history_early(ex, st, series[i], rollups ? WEEK_SHIFT : 0, &h);
		if (!rc)
			rc = bucket_rows(ex, st, series[i], &h, r);
		shown += r->n_rows > rows;
	}
	bdb__field_int(r, "series", shown);
	if (!rc)
		future_note(ex, st, r);
done:
	free(h.obs);
	free_series(series, n_series);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* changes                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * Each matching series' observations in time order (`since` / `until`),
 * non-finite values left out, through bdb__detect_changes: E-Divisive by
 * default, the windowed Otava/Hunter variant with `window N`. One row per
 * change point; the point, tags and metric lead when several series match.
 */


static const bdb__column change_columns[] = {
    {"point", BDB__STYLE_PLAIN},
    {"tags", BDB__STYLE_PLAIN},
    {"metric", BDB__STYLE_PLAIN},
    {"run", BDB__STYLE_PLAIN},
    {"commit", BDB__STYLE_COMMIT},
    {"timestamp", BDB__STYLE_PLAIN},
    {"kind", BDB__STYLE_PLAIN},
    {"before", BDB__STYLE_QUANTITY},
    {"after", BDB__STYLE_QUANTITY},
    {"unit", BDB__STYLE_PLAIN},
    {"change_pct", BDB__STYLE_CHANGE},
    {"p_value", BDB__STYLE_PVALUE},
    {"method", BDB__STYLE_MARKED},
    {"detail", BDB__STYLE_PLAIN},
    {"annotation", BDB__STYLE_PLAIN},
    {"previous_commit", BDB__STYLE_EXPLAIN},
    {"end_run", BDB__STYLE_EXPLAIN},
    {"end_commit", BDB__STYLE_EXPLAIN},
    {"noise", BDB__STYLE_EXPLAIN},
    {"threshold", BDB__STYLE_EXPLAIN},
    {"slope_per_month", BDB__STYLE_EXPLAIN},
    {"slope_lower", BDB__STYLE_EXPLAIN},
    {"slope_upper", BDB__STYLE_EXPLAIN},
    {"explanation", BDB__STYLE_EXPLAIN},
};

static void changes_options(const bdb__stmt *st, bdb__changes_options *opt)
{
	if (st->clauses & BDB__C_WINDOW) {
		bdb__changes_options_windowed(opt);
		opt->window = (size_t)st->window;
		if (st->clauses & BDB__C_FLOOR)
			opt->min_magnitude = st->floor_pct / 100.0;
	} else {
		if (st->changes_method == BDB_METHOD_EDIVISIVE)
			bdb__changes_options_default(opt);
		else
			bdb__changes_options_robust(opt);
		if (st->clauses & BDB__C_PERMUTATIONS)
			opt->permutations = (int)st->permutations;
		if (st->clauses & BDB__C_SEED)
			opt->seed = st->seed;
		if (st->clauses & BDB__C_EFFECT)
			opt->effect = st->effect;
		if (st->clauses & BDB__C_FLOOR)
			opt->floor_pct = st->floor_pct;
	}
	if (st->clauses & BDB__C_PVALUE)
		opt->max_p_value = st->pvalue;
}

static const char *changes_method(const bdb__changes_options *opt)
{
	if (opt->window)
		return "windowed"; /* `window N`: not a `using` method */
	return bdb__method_name(opt->robust ? BDB_METHOD_ROBUST : BDB_METHOD_EDIVISIVE);
}

/* Whether a change in percent is a regression (-1), an improvement (1) or
 * neither (0) for a metric's direction. */
static int change_sign(bdb_direction direction, double change)
{
	if (direction == BDB_INFO || isnan(change) || change == 0)
		return 0;
	bool worse = direction == BDB_LOWER ? change > 0 : change < 0;
	return worse ? -1 : 1;
}

/* The p-value as the explanation gives it: a bound at the permutations'
 * floor (exactly there, as the table's cell reads it), else the number: a
 * short piece's perfect split reports its chance, 2 / C(n, a), which may lie
 * below the floor and is no permutation result. */
static void explain_p(char *buf, size_t size, const bdb__changes_options *opt, double p)
{
	double floor = 1.0 / ((double)opt->permutations + 1.0);
	if (!opt->window && fabs(p - floor) <= floor * 1e-9)
		snprintf(buf, size, "p < %.2g (%d permutation%s, seed %llu)", floor,
			 opt->permutations, opt->permutations == 1 ? "" : "s",
			 (unsigned long long)opt->seed);
	else {
		char said[48];
		bdb__p_said(p, said, sizeof said);
		snprintf(buf, size, "%s%s", said, opt->window ? " (t-test)" : "");
	}
}

/* The detail and explanation of one robust change point. */
static void describe(const bdb__change_point *cp, const bdb__changes_options *opt,
		     const char *n_said, double span_days, const char *back_at, char *detail, size_t dsize,
		     char *why, size_t wsize)
{
	char p[96];
	explain_p(p, sizeof p, opt, cp->p_value);
	double effect = cp->mean_after - cp->mean_before;
	/* A drift needs half the effect multiple of the noise (robust.c,
	 * drift_threshold); a step or an excursion the whole. */
	double times = cp->kind == BDB__CHANGE_DRIFT ? opt->effect / 2 : opt->effect;
	char thr[224];
	if (cp->kind == BDB__CHANGE_STEP && cp->sides_noise && times > 0)
		/* A short level measured against its own runs (robust.c,
		 * step_threshold). */
		snprintf(
		    thr, sizeof thr,
		    "threshold %.6g = %g x noise %.6g of the runs either side, as one side has "
		    "at most %d runs (above max(%g x the series' noise %.6g, %g%% of %.6g))",
		    cp->threshold, times, cp->threshold / times, BDB_CHANGES_SHORT_LEVEL_RUNS,
		    times, cp->noise, opt->floor_pct, fabs(cp->mean_before));
	else {
		/* The floor is taken at the level the detector saw: in a
		 * drifting series a step's levels are shown put back at its
		 * time (robust.c), the floor was taken without the drift. */
		double level = fabs(cp->mean_before);
		bool by_floor = opt->floor_pct > 0 && cp->threshold > times * cp->noise;
		if (by_floor)
			level = cp->threshold / (opt->floor_pct / 100.0);
		bool moved = fabs(level - fabs(cp->mean_before)) > 1e-9 * level;
		snprintf(thr, sizeof thr, "threshold %.6g = max(%g x noise %.6g, %g%% of %.6g%s)",
			 cp->threshold, times, cp->noise, opt->floor_pct, level,
			 moved ? ", the level before without the drift" : "");
	}
	switch (cp->kind) {
	case BDB__CHANGE_DRIFT: {
		double month = BDB_CHANGES_DAYS_PER_MONTH;
		char mk[48];
		if (cp->p_value < DBL_MIN)
			bdb__p_said(cp->p_value, mk, sizeof mk);
		else
			snprintf(mk, sizeof mk, "p = %.3g", cp->p_value);
		double pct = cp->mean_before != 0 ? 100.0 / fabs(cp->mean_before) : NAN;
		snprintf(detail, dsize, "%+.3g%%/month [%+.3g, %+.3g] over %.0f days",
			 cp->slope * month * pct, cp->slope_lower * month * pct,
			 cp->slope_upper * month * pct, span_days);
		snprintf(why, wsize,
			 "robust drift (%s): Mann-Kendall %s <= %g within the segments "
			 "between steps; Theil-Sen slope %.6g/day, %+.6g over %.1f days, |change| "
			 ">= %s",
			 n_said, mk, opt->drift_p, cp->slope, effect, span_days, thr);
		break;
	}
	case BDB__CHANGE_EXCURSION:
		snprintf(detail, dsize, "back after %zu runs%s%s", cp->end - cp->index,
			 back_at ? " at " : "", back_at ? back_at : "");
		snprintf(why, wsize,
			 "robust excursion (%s): %zu runs all beyond the levels on both sides "
			 "and every run around them; level %+.6g from %.6g, |effect| >= %s",
			 n_said, cp->end - cp->index, effect, cp->mean_before, thr);
		break;
	case BDB__CHANGE_STEP:
		detail[0] = '\0';
		/* A p above pvalue is a short piece's complete separation
		 * (robust.c, perfect_split), kept although its chance is
		 * above pvalue: say so rather than "p <= pvalue". */
		if (cp->p_value > opt->max_p_value)
			snprintf(why, wsize,
				 "robust step (%s): E-Divisive on ranks left a short piece whose "
				 "runs before and after separate completely, by chance p = %.4g (> "
				 "%g, which the piece's permutations cannot resolve); median %.6g -> "
				 "%.6g, |effect| %.6g >= %s",
				 n_said, cp->p_value, opt->max_p_value, cp->mean_before, cp->mean_after,
				 fabs(effect), thr);
		else
			snprintf(why, wsize,
				 "robust step (%s): E-Divisive on ranks %s <= %g; median %.6g -> "
				 "%.6g, |effect| %.6g >= %s",
				 n_said, p, opt->max_p_value, cp->mean_before, cp->mean_after,
				 fabs(effect), thr);
		break;
	}
}

/* With explain, a series with no change point gets a note that says what a
 * change would have needed (robust), or what no split passed (the others). */
/* The robust method's minimum effect at level with noise:
 * max(effect x noise, floor % of |level|) (docs/detection.md). */
static double robust_threshold(const bdb__changes_options *opt, double noise, double level)
{
	double by_noise = opt->effect * noise, by_floor = opt->floor_pct / 100 * fabs(level);
	return by_noise > by_floor ? by_noise : by_floor;
}

/* "POINT {k=v, ...}" of a series, for notes (its metric follows). */
static void series_label(bdb_buf *name, const bdb_series_info *si)
{
	bdb_buf_puts(name, si->point);
	for (size_t i = 0; i < si->n_tags; i++)
		bdb_buf_printf(name, "%s%s=%s", i ? ", " : " {", si->tags[i].key,
			       si->tags[i].value);
	if (si->n_tags)
		bdb_buf_putc(name, '}');
}

static void explain_nothing(bdb_result *r, const bdb_series_info *si, const double *x, size_t n,
			    const bdb__changes_options *opt)
{
	bdb_buf name = {0};
	series_label(&name, si);
	if (!opt->robust) {
		/* E-Divisive and its windowed variant: what a split needed. */
		if (opt->window)
			bdb__result_note(
			    r,
			    "%s %s: no change point (window %zu, n=%zu): no candidate "
			    "split's t-test p <= %g%s",
			    bdb_buf_cstr(&name), si->metric, opt->window, n, opt->max_p_value,
			    opt->min_magnitude > 0 ? " with a change above the floor" : "");
		else
			bdb__result_note(r,
					 "%s %s: no change point (edivisive, n=%zu): no split with "
					 "permutation p <= %g (%d permutation%s, seed %llu)",
					 bdb_buf_cstr(&name), si->metric, n, opt->max_p_value,
					 opt->permutations, opt->permutations == 1 ? "" : "s",
					 (unsigned long long)opt->seed);
		bdb_buf_free(&name);
		return;
	}
	double noise, level;
	bdb__changes_noise(x, n, &noise, &level);
	if (n < 2 * BDB_CHANGES_MIN_SIDE) {
		bdb__result_note(r, "%s %s: no change point: %zu value%s, a change needs %d",
				 bdb_buf_cstr(&name), si->metric, n, n == 1 ? "" : "s",
				 2 * BDB_CHANGES_MIN_SIDE);
	} else {
		bdb__result_note(
		    r,
		    "%s %s: no change point (robust, n=%zu): noise %.6g around level "
		    "%.6g; a step needs a rank split with p <= %g (%d permutation%s, "
		    "seed %llu) and |effect| >= %.6g = max(%g x noise, %g%% of the level)",
		    bdb_buf_cstr(&name), si->metric, n, noise, level, opt->max_p_value,
		    opt->permutations, opt->permutations == 1 ? "" : "s",
		    (unsigned long long)opt->seed, robust_threshold(opt, noise, level), opt->effect,
		    opt->floor_pct);
	}
	bdb_buf_free(&name);
}

/* Whether the statement reads each series' whole history (no since, until,
 * last or filter on run fields): the default `changes` then answers from
 * the persisted change points (cpfold.h). */
static bool whole_history(const bdb__stmt *st)
{
	return !(st->clauses & (BDB__C_SINCE | BDB__C_UNTIL | BDB__C_LAST)) && st->last_n == 0 &&
	       !bdb__expr_uses_run_fields(st->where);
}

/* v from h: 0, or BDB_ENOMEM reported (v is then to be freed all the
 * same). */
static int finite_values(bdb__exec *ex, const history *h, series_values *v)
{
	v->x = malloc((h->n ? h->n : 1) * sizeof *v->x);
	v->t = malloc((h->n ? h->n : 1) * sizeof *v->t);
	v->at = malloc((h->n ? h->n : 1) * sizeof *v->at);
	v->n = 0;
	if (!v->x || !v->t || !v->at)
		return bdb__exec_store_error(ex, BDB_ENOMEM, "detecting changes");
	for (size_t i = 0; i < h->n; i++)
		if (isfinite(h->obs[i].value)) {
			v->at[v->n] = i;
			v->t[v->n] = (double)h->obs[i].timestamp_us / US_PER_DAY;
			v->x[v->n++] = h->obs[i].value;
		}
	return 0;
}

/* Whether the answer over h is the persisted fold's: the statement reads
 * the whole history with the default options. */
static bool answered_by_fold(const bdb__exec *ex, const bdb__stmt *st,
			     const bdb__changes_options *opt, const history *h)
{
	return whole_history(st) && bdb__cpfold_key(opt) == ex->persisted_key && h->n;
}

/* The change points of one series into found: from its persisted record
 * when the statement reads the whole history with the default options,
 * else by the detector. */
static int series_changes(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
			  const history *h, series_values *v, const bdb__changes_options *opt,
			  bdb__changes *found)
{
	int from = 0, rc;
	v->folded = answered_by_fold(ex, st, opt, h);
	if (v->folded)
		rc = bdb__changelog_answer(ex->rd, si->id, h->n, h->obs[h->n - 1].timestamp_us,
					   h->obs[h->n - 1].run_seq, v->x, v->t, v->n, opt, found,
					   &from);
	else
		rc = bdb__detect_changes_at(v->x, v->t, v->n, opt, found);
	if (rc)
		return rc == BDB_ECANCELLED ? bdb__exec_check_cancel(ex)
					    : bdb__exec_store_error(ex, rc, "detecting changes");
	ex->persisted_series += from >= 1;
	ex->settled_series += from == 2;
	return 0;
}

/* A step the joint placement moved: by how many runs, and how many other
 * series change at its commit. */
typedef struct joint_move {
	int by;
	size_t others;
} joint_move;

/* The rows of one series' change points found over its history h; moved
 * (NULL, or one per point) says which the joint placement moved. */
static int change_rows(bdb__exec *ex, const bdb__stmt *st, const bdb_series_info *si,
		       const history *h, const series_values *v, const bdb__changes_options *opt,
		       const bdb__changes *found_in, const joint_move *moved, bool lead,
		       bdb_result *r)
{
	const bdb__changes found = *found_in;
	int rc = 0;
	const double *x = v->x, *t = v->t;
	const size_t *at = v->at, n = v->n;
	bdb_metric_def def;
	bdb_direction direction =
	    bdb_reader_metric_def(ex->rd, si->metric, &def) == 0 ? def.direction : BDB_INFO;
	if (found.count == 0 && (st->clauses & BDB__C_EXPLAIN))
		explain_nothing(r, si, x, n, opt);
	size_t c0 = lead ? 3 : 0; /* the first column after the series' own */
	/* What the explanations say was judged: a fold over more values than
	 * its window judged each step and excursion within a window, and the
	 * drift over block medians (docs/detection.md, "Persisted change
	 * points"), not the detector over all n values. */
	char n_said[128], n_drift[128];
	snprintf(n_said, sizeof n_said, "n=%zu", n);
	snprintf(n_drift, sizeof n_drift, "n=%zu", n);
	if (v->folded && n > BDB__CPFOLD_WINDOW) {
		snprintf(n_said, sizeof n_said,
			 "n=%zu; the persisted fold judged it within a window of at most %d runs", n,
			 BDB__CPFOLD_WINDOW);
		snprintf(n_drift, sizeof n_drift,
			 "n=%zu; the persisted fold fits it over medians of blocks of runs", n);
	}
	for (size_t k = 0; k < found.count; k++) {
		const bdb__change_point *cp = &found.points[k];
		if (st->kinds && !(st->kinds & (1u << cp->kind)))
			continue;
		const bdb_obs *o = &h->obs[at[cp->index]];
		bdb_run_info info, prev, end;
		bool has_prev = false, has_end = false;
		if ((rc = bdb_reader_run_info(ex->rd, o->run_seq, &info)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "reading the run log");
			goto done;
		}
		if (cp->index > 0 && cp->kind != BDB__CHANGE_DRIFT) {
			if ((rc = bdb_reader_run_info(ex->rd, h->obs[at[cp->index - 1]].run_seq,
						      &prev)) != 0) {
				rc = bdb__exec_store_error(ex, rc, "reading the run log");
				goto done;
			}
			has_prev = true;
		}
		if (opt->robust && cp->kind != BDB__CHANGE_STEP && cp->end > 0 && cp->end <= n) {
			size_t e = cp->kind == BDB__CHANGE_DRIFT ? cp->end - 1 : cp->end;
			if (e < n) {
				if ((rc = bdb_reader_run_info(ex->rd, h->obs[at[e]].run_seq, &end)) !=
				    0) {
					rc = bdb__exec_store_error(ex, rc, "reading the run log");
					goto done;
				}
				has_end = true;
			}
		}
		long row = bdb__result_add_row(r);
		if (row < 0)
			break;
		size_t w = (size_t)row;
		if (lead) {
			bdb__cell_str(r, w, 0, si->point);
			bdb__cell_tags(r, w, 1, si->tags, si->n_tags);
			bdb__cell_str(r, w, 2, si->metric);
		}
		bdb__cell_str(r, w, c0 + CH_RUN, info.id);
		bdb__cell_str(r, w, c0 + CH_COMMIT, *info.commit ? info.commit : NULL);
		bdb__cell_time(r, w, c0 + CH_TIMESTAMP, o->timestamp_us);
		bdb__cell_str(r, w, c0 + CH_KIND, bdb__change_kind_name(cp->kind));
		bdb__cell_num(r, w, c0 + CH_BEFORE, cp->mean_before);
		bdb__cell_num(r, w, c0 + CH_AFTER, cp->mean_after);
		bdb__cell_str(r, w, c0 + CH_UNIT, *si->unit ? si->unit : NULL);
		if (!isnan(cp->change_pct))
			bdb__cell_num(r, w, c0 + CH_CHANGE, cp->change_pct);
		if (!isnan(cp->p_value))
			bdb__cell_num(r, w, c0 + CH_P, cp->p_value);
		bdb__cell_str(r, w, c0 + CH_METHOD, changes_method(opt));
		bdb__cell_annotation(ex, r, w, c0 + CH_ANNOTATION, info.commit);
		if (has_prev && *prev.commit)
			bdb__cell_str(r, w, c0 + CH_PREVIOUS, prev.commit);
		if (has_end) {
			bdb__cell_str(r, w, c0 + CH_END_RUN, end.id);
			if (*end.commit)
				bdb__cell_str(r, w, c0 + CH_END_COMMIT, end.commit);
		}
		if (opt->robust) {
			char detail[160], why[1024];
			/* A drift's own span (the tail's, from persisted change
			 * points); the series' for the others. */
			double span = n > 1 ? t[n - 1] - t[0] : 0;
			if (cp->kind == BDB__CHANGE_DRIFT && cp->end > cp->index && cp->end <= n)
				span = t[cp->end - 1] - t[cp->index];
			char back[48] = "";
			if (has_end)
				snprintf(back, sizeof back, "%.10s", *end.commit ? end.commit : end.id);
			describe(cp, opt, cp->kind == BDB__CHANGE_DRIFT ? n_drift : n_said, span, has_end ? back : NULL, detail, sizeof detail, why,
				 sizeof why);
			if (moved && moved[k].by) {
				int by = moved[k].by, runs = by < 0 ? -by : by;
				snprintf(detail, sizeof detail,
					 "placed with %zu other series (own runs: %d run%s %s)",
					 moved[k].others, runs, runs == 1 ? "" : "s",
					 by < 0 ? "later" : "earlier");
				size_t used = strlen(why);
				snprintf(why + used, sizeof why - used,
					 "; placed jointly: %zu other series change at this commit, "
					 "within the 95%% likelihood-ratio set of its place (LR <= %.4g), "
					 "%d run%s %s than its own runs put it",
					 moved[k].others, BDB_CHANGES_JOINT_TOLERANCE, runs,
					 runs == 1 ? "" : "s", by < 0 ? "earlier" : "later");
			}
			if (*detail)
				bdb__cell_str(r, w, c0 + CH_DETAIL, detail);
			bdb__cell_str(r, w, c0 + CH_EXPLANATION, why);
			bdb__cell_num(r, w, c0 + CH_NOISE, cp->noise);
			bdb__cell_num(r, w, c0 + CH_THRESHOLD, cp->threshold);
			if (cp->kind == BDB__CHANGE_DRIFT) {
				double month = BDB_CHANGES_DAYS_PER_MONTH;
				bdb__cell_num(r, w, c0 + CH_SLOPE, cp->slope * month);
				bdb__cell_num(r, w, c0 + CH_SLOPE_LOWER, cp->slope_lower * month);
				bdb__cell_num(r, w, c0 + CH_SLOPE_UPPER, cp->slope_upper * month);
			}
		} else {
			char p[96], why[320];
			explain_p(p, sizeof p, opt, cp->p_value);
			int used =
			    snprintf(why, sizeof why, "%s (n=%zu): %s <= %g; mean %.6g -> %.6g",
				     changes_method(opt), n, p, opt->max_p_value, cp->mean_before,
				     cp->mean_after);
			/* Otava's minimum magnitude, between the point's
			 * neighbours (detect.c, merge_weak). */
			if (opt->min_magnitude > 0 && used > 0 && (size_t)used < sizeof why)
				snprintf(why + used, sizeof why - (size_t)used,
					 "; the change between its neighbouring change points is "
					 "above the floor %g%% of the mean before",
					 opt->min_magnitude * 100.0);
			bdb__cell_str(r, w, c0 + CH_EXPLANATION, why);
		}
		int sign = change_sign(direction, cp->change_pct);
		if (sign)
			bdb__row_mark(r, w,
				      sign < 0 ? BDB__MARK_REGRESSION : BDB__MARK_IMPROVEMENT);
	}
done:
	return rc;
}

/* The joint placement's input (stats.h), gathered series by series. */
typedef struct joint_input {
	bdb__joint_change *changes;
	size_t n_changes;
	bdb__joint_step *steps;
	size_t *point; /* each step's position in its series' answer */
	size_t n_steps;
} joint_input;

static void joint_input_free(joint_input *in)
{
	free(in->changes);
	free(in->steps);
	free(in->point);
}

/* The commit of the run of observation o ("" when unknown). */
static int commit_of(bdb__exec *ex, const bdb_obs *o, const char **commit)
{
	bdb_run_info info;
	int rc = bdb_reader_run_info(ex->rd, o->run_seq, &info);
	if (rc)
		return bdb__exec_store_error(ex, rc, "reading the run log");
	*commit = info.commit;
	return 0;
}

/* Adds series' change points found over h to in: every step and
 * excursion at its commit, and every step with the commits of the places
 * its own runs allow (bdb__changes_step_places). */
static int joint_collect(bdb__exec *ex, const history *h, const series_values *v,
			 const bdb__changes *found, size_t series, joint_input *in)
{
	int rc = 0;
	const double *x = v->x, *t = v->t;
	const size_t *at = v->at, n = v->n;
	bdb__joint_change *c = realloc(in->changes, (in->n_changes + found->count + 1) * sizeof *c);
	if (c)
		in->changes = c;
	bdb__joint_step *s = realloc(in->steps, (in->n_steps + found->count + 1) * sizeof *s);
	if (s)
		in->steps = s;
	size_t *p = realloc(in->point, (in->n_steps + found->count + 1) * sizeof *p);
	if (p)
		in->point = p;
	if (!rc && (!c || !s || !p))
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "placing changes");
	if (rc)
		goto done;
	for (size_t k = 0; k < found->count && !rc; k++) {
		const bdb__change_point *cp = &found->points[k];
		if (cp->kind == BDB__CHANGE_DRIFT || cp->index >= n)
			continue;
		bdb__joint_change *ch = &in->changes[in->n_changes];
		if ((rc = commit_of(ex, &h->obs[at[cp->index]], &ch->commit)) != 0)
			break;
		ch->series = series;
		in->n_changes++;
		if (cp->kind != BDB__CHANGE_STEP)
			continue;
		bool ok[BDB_CHANGES_JOINT_PLACES];
		if ((rc = bdb__changes_step_places(x, t, n, found, k, BDB_CHANGES_JOINT_TOLERANCE,
						   ok)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "placing changes");
			break;
		}
		bdb__joint_step *st = &in->steps[in->n_steps];
		*st = (bdb__joint_step){.series = series, .commit = ch->commit};
		for (int d = -BDB_CHANGES_JOINT_RUNS; d <= BDB_CHANGES_JOINT_RUNS && !rc; d++) {
			if (d == 0 || !ok[d + BDB_CHANGES_JOINT_RUNS])
				continue;
			size_t i = (size_t)((long)cp->index + d);
			st->offset[st->n_places] = d;
			rc = commit_of(ex, &h->obs[at[i]], &st->place[st->n_places++]);
		}
		in->point[in->n_steps++] = k;
	}
done:
	return rc;
}

int bdb__change_rows_columns(bdb_result *rows)
{
	return bdb__result_columns(rows, change_columns, 3 + CH_N_COLUMNS);
}

void bdb__change_row_add(bdb__exec *ex, bdb_result *rows, const bdb__change_row *c)
{
	long row = bdb__result_add_row(rows);
	if (row < 0)
		return;
	size_t w = (size_t)row;
	bdb__cell_str(rows, w, 0, c->point);
	bdb__cell_tags(rows, w, 1, c->tags, c->n_tags);
	bdb__cell_str(rows, w, 2, c->metric);
	bdb__cell_str(rows, w, 3 + CH_RUN, c->run);
	bdb__cell_str(rows, w, 3 + CH_COMMIT, c->commit && *c->commit ? c->commit : NULL);
	bdb__cell_time(rows, w, 3 + CH_TIMESTAMP, c->timestamp_us);
	bdb__cell_str(rows, w, 3 + CH_KIND, c->kind);
	bdb__cell_num(rows, w, 3 + CH_BEFORE, c->before);
	bdb__cell_num(rows, w, 3 + CH_AFTER, c->after);
	bdb__cell_str(rows, w, 3 + CH_UNIT, c->unit && *c->unit ? c->unit : NULL);
	if (!isnan(c->change_pct))
		bdb__cell_num(rows, w, 3 + CH_CHANGE, c->change_pct);
	bdb__cell_annotation(ex, rows, w, 3 + CH_ANNOTATION, c->commit);
	if (c->previous_commit && *c->previous_commit)
		bdb__cell_str(rows, w, 3 + CH_PREVIOUS, c->previous_commit);
	if (c->mark)
		bdb__row_mark(rows, w, c->mark);
}

/* The runs before the newest that give the level a newest run is measured
 * against (the history models' default window). */
#define TAIL_LEVEL_RUNS 30

/*
 * Series whose newest one or two runs lie beyond the threshold from the
 * level before them, on one side, where no change point covers them: too
 * few runs on a new level for a step (and an outlier is left out), so the
 * table says nothing of the newest run a person just pushed. `changes`
 * notes them; `regressions` judges that run.
 */
typedef struct tail_note {
	size_t series; /* series that end so */
	size_t runs;   /* 1 or 2: the newest runs beyond, of the largest */
	double pct;    /* the largest change, in % of the level */
	bdb_buf label; /* its series and metric */
	bdb_buf run;   /* its first run beyond */
} tail_note;

/*
 * Adds series si to tn when its values v (x[0..n), oldest first) end in 1
 * or 2 runs beyond max(effect x noise, floor % of the level) from the level
 * of the up to TAIL_LEVEL_RUNS runs before them (bdb__changes_noise: their
 * median, and the larger of their run-to-run noise and their spread around
 * it), the run before those not beyond on that side, and no point of found
 * starting at or after the runs before them. A drift or a step ends the
 * runs the level is taken from.
 */
static int tail_beyond(bdb__exec *ex, const bdb_series_info *si, const history *h,
		       const series_values *v, const bdb__changes *found,
		       const bdb__changes_options *opt, tail_note *tn)
{
	size_t n = v->n, start = 0;
	for (size_t i = 0; i < found->count; i++) {
		const bdb__change_point *cp = &found->points[i];
		size_t from = cp->kind == BDB__CHANGE_EXCURSION ? cp->end : cp->index;
		if (cp->kind != BDB__CHANGE_DRIFT && from > start)
			start = from;
	}
	for (size_t k = 1; k <= 2; k++) {
		if (n < start + k + 3)
			return 0;
		size_t to = n - k,
		       from = to - start > TAIL_LEVEL_RUNS ? to - TAIL_LEVEL_RUNS : start;
		double noise, level;
		bdb__changes_noise(v->x + from, to - from, &noise, &level);
		if (!isfinite(noise) || !isfinite(level))
			return 0;
		double thr = robust_threshold(opt, noise, level);
		if (!(thr > 0))
			return 0;
		int side = v->x[to] > level ? 1 : -1;
		bool all = true;
		for (size_t i = to; i < n && all; i++)
			all = side * (v->x[i] - level) >= thr;
		if (!all)
			continue;
		/* The run before: not beyond on that side, or the stretch is
		 * longer (a second run, or more than the detector needs). */
		if (side * (v->x[to - 1] - level) >= thr)
			continue;
		double newest = k == 1 ? v->x[to] : (v->x[to] + v->x[to + 1]) / 2;
		double pct;
		if (bdb__stats_change_pct(level, newest, &pct) != 0)
			return 0;
		tn->series++;
		if (tn->series > 1 && !(fabs(pct) > fabs(tn->pct)))
			return 0;
		bdb_run_info info;
		int rc = bdb_reader_run_info(ex->rd, h->obs[v->at[to]].run_seq, &info);
		if (rc)
			return bdb__exec_store_error(ex, rc, "reading the run log");
		bdb_buf_reset(&tn->run);
		bdb_buf_append(&tn->run, info.id, info.id_len);
		tn->runs = k;
		tn->pct = pct;
		bdb_buf_reset(&tn->label);
		series_label(&tn->label, si);
		bdb_buf_printf(&tn->label, " %s", si->metric);
		return 0;
	}
	return 0;
}

/* The note of tn, when a series ends beyond its threshold. */
static void tail_note_add(bdb_result *r, tail_note *tn, const bdb__changes_options *opt)
{
	if (tn->series == 0)
		return;
	char pct[32];
	bdb__change_text(tn->pct, pct, sizeof pct);
	const char *judge = "`regressions` judges the newest run";
	bool one = tn->runs == 1;
	if (tn->series == 1)
		bdb__result_note(
		    r,
		    "the newest %s of %s, %s%s, %s %s from the level of the runs before "
		    "%s, beyond the threshold (%g x noise, %g%% of the level): %s; %s",
		    one ? "run" : "2 runs", bdb_buf_cstr(&tn->label), one ? "" : "from ",
		    bdb_buf_cstr(&tn->run), one ? "is" : "are", pct, one ? "it" : "them",
		    opt->effect, opt->floor_pct,
		    one ? "one run on a new level is no change point yet"
			: "too few runs on a new level for a change point yet",
		    judge);
	else
		bdb__result_note(
		    r,
		    "%zu series end in 1 or 2 runs beyond their threshold (%g x noise, "
		    "%g%% of the level) from the level of the runs before, too few for a "
		    "change point yet (the largest: %s, %s from %s); %s",
		    tn->series, opt->effect, opt->floor_pct, bdb_buf_cstr(&tn->label), pct,
		    bdb_buf_cstr(&tn->run), judge);
}

int bdb__exec_changes(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	bdb_series_info **series = NULL;
	size_t n_series = 0;
	history h = {NULL, 0, 0};
	bdb__changes *answers = NULL; /* each series', for the joint placement */
	size_t *drawn_from = NULL;    /* and, drawn, the first row of each */
	joint_input joint_in = {0};
	tail_note tail = {0};
	bdb_buf_init(&tail.label);
	bdb_buf_init(&tail.run);
	bdb__changes_options opt;
	changes_options(st, &opt);
	opt.cancel = ex->opt ? ex->opt->cancel : NULL;
	int rc = load_series(ex, st, &series, &n_series);
	if (!rc && (rc = bdb_reader_list_annotations(ex->rd, &ex->annotations,
						     &ex->n_annotations)) != 0)
		rc = bdb__exec_store_error(ex, rc, "listing annotations");
	if (rc)
		goto done;
	bool lead = n_series > 1;
	size_t skip = lead ? 0 : 3;
	rc = bdb__result_columns(r, change_columns + skip, 3 + CH_N_COLUMNS - skip);
	if (rc)
		goto done;
	bdb__field_str(r, "metric", st->metric);
	bdb__field_str(r, "method", changes_method(&opt));
	bdb__field_num(r, "pvalue", opt.max_p_value);
	r->explain = (st->clauses & BDB__C_EXPLAIN) != 0;
	if (opt.window) {
		bdb__field_int(r, "window", (int64_t)opt.window);
		bdb__field_num(r, "floor_pct", opt.min_magnitude * 100.0);
	} else {
		bdb__field_int(r, "permutations", opt.permutations);
		bdb__field_int(r, "seed", (int64_t)opt.seed);
		/* The smallest p-value the permutations resolve. */
		bdb__field_num(r, "p_floor", 1.0 / (opt.permutations + 1.0));
		r->p_floor_permutations = opt.permutations;
		/* Too few permutations to reach pvalue: no permutation test can
		 * pass, and a short answer must not read as "no change". */
		if (1.0 / (opt.permutations + 1.0) > opt.max_p_value)
			bdb__result_note(r,
					 "%d %s cannot resolve pvalue %g: the smallest p %s is 1/%d = "
					 "%.3g, so only splits whose runs separate completely can pass "
					 "(give permutations %.0f or more)",
					 opt.permutations,
					 opt.permutations == 1 ? "permutation" : "permutations",
					 opt.max_p_value, opt.permutations == 1 ? "it gives" : "they give",
					 opt.permutations + 1,
					 1.0 / (opt.permutations + 1.0),
					 ceil(1.0 / opt.max_p_value - 1.0 - 1e-9));
	}
	if (opt.robust) {
		bdb__field_num(r, "effect", opt.effect);
		bdb__field_num(r, "floor_pct", opt.floor_pct);
		bdb__field_int(r, "excursion_runs", (int64_t)opt.excursion_runs);
		bdb__field_num(r, "drift_pvalue", opt.drift_p);
	}
	/* Drawn as a chart: the series' history, with the same change points,
	 * in a trend table of its own. */
	bdb_result *drawing = NULL;
	chart_ref chart;
	if (drawn(ex, st)) {
		drawing = r->chart_table = bdb__result_new(bdb__stmt_name(BDB__STMT_TREND));
		if (!drawing || bdb__result_columns(drawing, trend_columns, T_N_CHART_COLUMNS + 1)) {
			r->failed = true;
			goto done;
		}
		bdb__field_str(drawing, "metric", st->metric);
		if ((rc = chart_reference(ex, st, drawing, &chart)) != 0)
			goto done;
		drawing->chart_log = st->chart_log;
		drawing->chart_runs = st->chart_runs;
	}
	/* The options the persisted change points were made with. */
	bdb__changes_options kept;
	bdb__changes_options_robust(&kept);
	ex->persisted_key = bdb__cpfold_key(&kept);
	ex->persisted_series = 0;
	ex->settled_series = 0;
	int64_t analysed = 0;
	size_t too_short = 0, longest = 0; /* series too short for a change */
	/* Newest runs beyond the threshold that no step covers yet, noted when
	 * the answer is the robust method's steps. */
	bool tails =
	    opt.robust && !opt.window && (!st->kinds || (st->kinds & (1u << BDB__CHANGE_STEP)));
	/* The robust method over many series places each step jointly: one
	 * its own runs cannot place to one run goes where other series of
	 * the answer change (bdb__joint_place). The answers wait for all
	 * series, and the rows are made from them afterwards. */
	bool joint = opt.robust && !opt.window && lead;
	if (joint && (!(answers = calloc(n_series, sizeof *answers)) ||
		      (drawing && !(drawn_from = calloc(n_series, sizeof *drawn_from))))) {
		rc = bdb__exec_store_error(ex, BDB_ENOMEM, "placing changes");
		goto done;
	}
	for (size_t i = 0; i < n_series && !rc; i++) {
		h.n = 0;
		bdb__changes found = {0};
		series_values v = {0};
		rc = load_history(ex, st, series[i], &h);
		if (!rc)
			rc = bdb__exec_check_cancel(ex);
		if (!rc)
			rc = finite_values(ex, &h, &v);
		if (!rc)
			rc = series_changes(ex, st, series[i], &h, &v, &opt, &found);
		if (!rc && tails)
			rc = tail_beyond(ex, series[i], &h, &v, &found, &opt, &tail);
		if (!rc && joint) {
			answers[i] = found;
			found = (bdb__changes){0};
			rc = joint_collect(ex, &h, &v, &answers[i], i, &joint_in);
		} else if (!rc) {
			rc = change_rows(ex, st, series[i], &h, &v, &opt, &found, NULL, lead, r);
		}
		if (!rc && drawing) {
			/* The chart marks the rows' change points: once placed,
			 * for the joint placement (below). */
			size_t first = drawing->n_rows;
			chart_series(ex, st, series[i], &chart);
			rc = trend_rows(ex, st, series[i], &chart, -1, drawing);
			if (joint)
				drawn_from[i] = first;
			else if (!rc)
				mark_changes(ex, drawing, first, &v, &found);
		}
		too_short += h.n > 0 && v.n < 2 * BDB_CHANGES_MIN_SIDE;
		longest = v.n > longest ? v.n : longest;
		finite_free(&v);
		bdb__changes_free(&found);
		analysed += h.n > 0;
	}
	if (joint && !rc) {
		if ((rc = bdb__joint_place(joint_in.steps, joint_in.n_steps, joint_in.changes,
					   joint_in.n_changes, BDB_CHANGES_JOINT_SUPPORT)) != 0) {
			rc = bdb__exec_store_error(ex, rc, "placing changes");
			goto done;
		}
		for (size_t k = 0; k < joint_in.n_steps; k++) {
			const bdb__joint_step *js = &joint_in.steps[k];
			bdb__change_point *cp = &answers[js->series].points[joint_in.point[k]];
			cp->index = (size_t)((long)cp->index + js->moved_by);
		}
		/* joint_collect appended the steps series by series, in order */
		for (size_t i = 0, k = 0; i < n_series && !rc; i++) {
			/* The moves of series i's points, for its rows. */
			size_t count = answers[i].count;
			joint_move *moved = calloc(count ? count : 1, sizeof *moved);
			if (!moved) {
				rc = bdb__exec_store_error(ex, BDB_ENOMEM, "placing changes");
				break;
			}
			for (; k < joint_in.n_steps && joint_in.steps[k].series == i; k++)
				moved[joint_in.point[k]] = (joint_move){joint_in.steps[k].moved_by,
									 joint_in.steps[k].support};
			h.n = 0;
			series_values v = {0};
			rc = load_history(ex, st, series[i], &h);
			if (!rc)
				rc = finite_values(ex, &h, &v);
			v.folded = answered_by_fold(ex, st, &opt, &h);
			if (!rc)
				rc = change_rows(ex, st, series[i], &h, &v, &opt, &answers[i], moved,
						 lead, r);
			if (!rc && drawing)
				mark_changes(ex, drawing, drawn_from[i], &v, &answers[i]);
			finite_free(&v);
			free(moved);
		}
	}
	if (drawing && drawing->failed)
		r->failed = true;
	/* Many series: one row per commit, unless `by series`. */
	if (!rc && lead && !drawing && !(st->by && strcmp(st->by, "series") == 0) &&
	    (rc = bdb__change_rows_group(ex, r, r, "grouping changes")) != 0)
		goto done;
	/* An empty table over series that are all too short reads as "no
	 * change": say that none could have one yet (explain says it for
	 * each series). */
	if (!rc && opt.robust && !r->explain && r->n_rows == 0 && analysed > 0 &&
	    too_short == (size_t)analysed)
		bdb__result_note(r,
				 "no change point can be found yet: %s %zu value%s, a change "
				 "needs %d",
				 analysed == 1 ? "the series has" : "the longest of the series has",
				 longest, longest == 1 ? "" : "s", 2 * BDB_CHANGES_MIN_SIDE);
	if (!rc)
		tail_note_add(r, &tail, &opt);
	bdb__field_int(r, "series", analysed);
	if (opt.robust && !opt.window) {
		bdb__field_int(r, "persisted_series", (int64_t)ex->persisted_series);
		bdb__field_int(r, "settled_series", (int64_t)ex->settled_series);
	}
	future_note(ex, st, r);
done:
	bdb_buf_free(&tail.label);
	bdb_buf_free(&tail.run);
	if (answers)
		for (size_t i = 0; i < n_series; i++)
			bdb__changes_free(&answers[i]);
	free(answers);
	free(drawn_from);
	joint_input_free(&joint_in);
	free(ex->annotations);
	ex->annotations = NULL;
	ex->n_annotations = 0;
	free(h.obs);
	free_series(series, n_series);
	return rc;
}
