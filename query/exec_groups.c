/*
 * exec_groups.c - alert groups: the change points of many series at one
 * commit (or within one run of it) as one row each, with how many series
 * changed, their median and worst change, the worst series, the commit
 * range to bisect and the commit's annotation (docs/query-language.md,
 * `changes`; docs/detection.md section 6). The rows of `changes ... by
 * series` (exec_history.c) are grouped here, and those of `regressions`
 * across many series.
 */
#include "exec.h"
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
	G_COMMIT,
	G_TIMESTAMP,
	G_KIND,
	G_SERIES,
	G_MEDIAN,
	G_WORST,
	G_WORST_SERIES,
	G_PREVIOUS,
	G_BISECT,
	G_ANNOTATION,
	G_MEMBERS, /* JSON (and explain) only */
	G_N_COLUMNS
};

static const bdb__column group_columns[] = {
    {"commit", BDB__STYLE_COMMIT},	 {"timestamp", BDB__STYLE_PLAIN},
    {"kind", BDB__STYLE_PLAIN},		 {"series", BDB__STYLE_PLAIN},
    {"median_change_pct", BDB__STYLE_CHANGE}, {"worst_change_pct", BDB__STYLE_CHANGE},
    {"worst_series", BDB__STYLE_MARKED}, {"previous_commit", BDB__STYLE_COMMIT},
    {"bisect", BDB__STYLE_PLAIN},	 {"annotation", BDB__STYLE_PLAIN},
    {"members", BDB__STYLE_EXPLAIN},
};

static const bdb_value *cell_at(const bdb_result *r, size_t row, size_t col)
{
	return &r->cells[row * r->n_cols + col];
}

static const char *cell_text(const bdb_result *r, size_t row, size_t col)
{
	const bdb_value *v = cell_at(r, row, col);
	return v->kind == BDB_VALUE_STRING ? v->str : NULL;
}

static bool is_drift(const bdb_result *r, size_t row)
{
	const char *k = cell_text(r, row, 3 + CH_KIND);
	return k && strcmp(k, bdb__change_kind_name(BDB__CHANGE_DRIFT)) == 0;
}

/* The rows' commits, one each, for grouping; a row whose run has no commit
 * (a run ingested without one, a retention rollup) is keyed by its run
 * instead, so that the series changing at one such run are one group. */
typedef struct commit_at {
	const char *commit; /* the commit, or the run id when run is set */
	bool run;
	size_t row;	/* its first row */
	int64_t time;	/* the earliest timestamp of its rows */
	size_t anchor;	/* the group it belongs to */
} commit_at;

static int by_commit_name(const void *a, const void *b)
{
	const commit_at *x = a, *y = b;
	if (x->run != y->run)
		return x->run ? 1 : -1;
	int c = strcmp(x->commit, y->commit);
	if (c)
		return c;
	return (x->row > y->row) - (x->row < y->row);
}

static int by_commit_time(const void *a, const void *b)
{
	const commit_at *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return (x->row > y->row) - (x->row < y->row);
}

/* The position in c[0..nc) (sorted by name) of commit (a run id when run is
 * set), or SIZE_MAX. */
static size_t find_commit(const commit_at *c, size_t nc, const char *commit, bool run)
{
	size_t lo = 0, hi = nc;
	while (commit && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = c[mid].run != run ? (c[mid].run ? 1 : -1) : strcmp(c[mid].commit, commit);
		if (cmp == 0)
			return mid;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/*
 * The group of every row of rows into gid[0..n): rows at one commit share
 * a group, and so do the rows at a commit one run after it: a change point
 * whose previous commit (the run before it in its series) is the commit of
 * an earlier group joins that group, so that one change seen a run later
 * in some series (a benchmark that did not run, a change that shows a run
 * late) is one alert. A group is anchored at its earliest commit and takes
 * the commits one run after it only, never a chain. All drifts form one
 * group (a drift has no commit of its own); the rows at a run without a
 * commit are one group (its run is known, the run before it is not: such a
 * group takes no run after it). anchor[g] is the first row at group g's earliest commit, last[g]
 * the first row at its latest commit.
 */
static int assign_groups(const bdb_result *rows, size_t *gid, size_t *anchor, size_t *last,
			 size_t *n_groups)
{
	size_t n = rows->n_rows, nc = 0, ng = 0;
	commit_at *c = malloc((n ? n : 1) * sizeof *c);
	size_t *at = malloc((n ? n : 1) * sizeof *at);	 /* each row's commit in c */
	size_t *prev = malloc((n ? n : 1) * sizeof *prev); /* its previous commit's */
	size_t *rank = malloc((n ? n : 1) * sizeof *rank); /* c by name -> by time */
	if (!c || !at || !prev || !rank) {
		free(c);
		free(at);
		free(prev);
		free(rank);
		return BDB_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		const char *commit = cell_text(rows, i, 3 + CH_COMMIT);
		const char *run = cell_text(rows, i, 3 + CH_RUN);
		if (!is_drift(rows, i) && (commit || run))
			c[nc++] = (commit_at){commit ? commit : run, !commit, i,
					      cell_at(rows, i, 3 + CH_TIMESTAMP)->i, 0};
	}
	/* One entry per commit (its first row, its earliest time), by name. */
	qsort(c, nc, sizeof *c, by_commit_name);
	size_t m = 0;
	for (size_t k = 0; k < nc; k++) {
		if (m && c[m - 1].run == c[k].run && strcmp(c[m - 1].commit, c[k].commit) == 0) {
			if (c[k].time < c[m - 1].time)
				c[m - 1].time = c[k].time;
			continue;
		}
		c[m++] = c[k];
	}
	nc = m;
	for (size_t i = 0; i < n; i++) {
		bool counted = !is_drift(rows, i);
		const char *commit = cell_text(rows, i, 3 + CH_COMMIT);
		at[i] = !counted ? SIZE_MAX
			: commit ? find_commit(c, nc, commit, false)
				 : find_commit(c, nc, cell_text(rows, i, 3 + CH_RUN), true);
		prev[i] = counted ? find_commit(c, nc, cell_text(rows, i, 3 + CH_PREVIOUS), false)
				  : SIZE_MAX;
	}
	/* Positions by name to positions by time, then anchors in time order. */
	for (size_t k = 0; k < nc; k++)
		c[k].anchor = k;
	qsort(c, nc, sizeof *c, by_commit_time);
	for (size_t k = 0; k < nc; k++) {
		rank[c[k].anchor] = k;
		c[k].anchor = SIZE_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		at[i] = at[i] == SIZE_MAX ? SIZE_MAX : rank[at[i]];
		prev[i] = prev[i] == SIZE_MAX ? SIZE_MAX : rank[prev[i]];
	}
	for (size_t a = 0; a < nc; a++) {
		if (c[a].anchor != SIZE_MAX)
			continue;
		c[a].anchor = ng;
		anchor[ng] = last[ng] = c[a].row;
		size_t latest = a;
		for (size_t i = 0; i < n; i++)
			if (prev[i] == a && at[i] != SIZE_MAX && at[i] > a &&
			    c[at[i]].anchor == SIZE_MAX)
				c[at[i]].anchor = ng;
		for (size_t i = 0; i < n; i++)
			if (at[i] != SIZE_MAX && c[at[i]].anchor == ng && at[i] > latest)
				latest = at[i];
		last[ng] = c[latest].row;
		ng++;
	}
	size_t drifts = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (is_drift(rows, i)) {
			if (drifts == SIZE_MAX) {
				drifts = ng;
				anchor[ng] = last[ng] = i;
				ng++;
			}
			gid[i] = drifts;
		} else if (at[i] == SIZE_MAX) {
			anchor[ng] = last[ng] = i;
			gid[i] = ng++;
		} else {
			gid[i] = c[at[i]].anchor;
		}
	}
	free(c);
	free(at);
	free(prev);
	free(rank);
	*n_groups = ng;
	return 0;
}

/* Whether group leader a comes after b: drifts first, then by time. */
static bool group_after(const bdb_result *r, size_t a, size_t b)
{
	const char *ka = cell_text(r, a, 3 + CH_KIND), *kb = cell_text(r, b, 3 + CH_KIND);
	const char *drift = bdb__change_kind_name(BDB__CHANGE_DRIFT);
	bool da = ka && strcmp(ka, drift) == 0, db = kb && strcmp(kb, drift) == 0;
	if (da != db)
		return db;
	const bdb_value *ta = cell_at(r, a, 3 + CH_TIMESTAMP), *tb = cell_at(r, b, 3 + CH_TIMESTAMP);
	return ta->i > tb->i;
}

/* "point {k=v, ...}" of a per-series row. */
static void series_name(const bdb_result *r, size_t row, bdb_buf *b)
{
	bdb_buf_puts(b, cell_text(r, row, 0) ? cell_text(r, row, 0) : "?");
	const bdb_value *t = cell_at(r, row, 1);
	if (t->kind == BDB_VALUE_TAGS && t->n_tags) {
		bdb_buf_puts(b, " {");
		for (size_t i = 0; i < t->n_tags; i++)
			bdb_buf_printf(b, "%s%s=%s", i ? ", " : "", t->tags[i].key,
				       t->tags[i].value);
		bdb_buf_putc(b, '}');
	}
}

static int by_double_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Whether commits a and b name one commit: equal, or two hashes one of
 * which abbreviates the other. Names that are not hashes (v1 and v10,
 * release-1 and release-10) are one commit only when equal. */
static bool same_commit(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	size_t la = strlen(a), lb = strlen(b);
	return bdb_commit_is_hash(a) && bdb_commit_is_hash(b) &&
	       strncmp(a, b, la < lb ? la : lb) == 0;
}

/* commit as one word of a POSIX shell command: as bdb_query_put_commit
 * shows it (told apart from the range's other commit), in single quotes (a
 * quote as '\'') unless it is only letters, digits and . _ / @ + - (a shell
 * reads those as they are). */
static void put_shell_commit(bdb_buf *b, const char *commit, const char *other)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789._/@+-";
	if (bdb_commit_is_hash(commit) || (*commit && commit[strspn(commit, plain)] == '\0')) {
		bdb_query_put_commit_apart(b, commit, other);
		return;
	}
	bdb_buf_put_shell_quoted(b, commit);
}

void bdb_query_bisect_command(const char *before, const char *after, bdb_buf *out)
{
	if (same_commit(before, after)) {
		/* Runs of one commit before and after (a commit run twice, a
		 * short and a full hash of it): git log A..A lists nothing,
		 * and there is nothing in the code to bisect. */
		bdb_buf_puts(out, "nothing to bisect: ");
		bdb_query_put_commit(out, after);
		bdb_buf_puts(out, " before and after");
		return;
	}
	bdb_buf_puts(out, "git log --oneline ");
	/* A range that starts with '-' would be read as an option. */
	if (*before == '-')
		bdb_buf_puts(out, "--end-of-options ");
	put_shell_commit(out, before, after);
	bdb_buf_puts(out, "..");
	put_shell_commit(out, after, before);
}

/* Whether the "at COMMIT ..." annotations in b already name commit. */
static bool mentions_commit(bdb_buf *b, const char *commit)
{
	bdb_buf key = {0};
	bdb_buf_puts(&key, "at ");
	bdb_query_put_commit(&key, commit);
	bdb_buf_putc(&key, ' ');
	bool found = b->len && !key.failed && strstr(bdb_buf_cstr(b), bdb_buf_cstr(&key)) != NULL;
	bdb_buf_free(&key);
	return found;
}

/*
 * The groups of the per-series rows of rows (point, tags and metric lead)
 * into g: one row per commit, in the order of their first row, with the
 * number of series, the median and the worst change (the largest
 * regression, else the largest change), the series it is in, the commit of
 * the run before (the worst series') and the git command that lists the
 * commits to bisect. JSON's members column names every series with its
 * change.
 */
static int group_rows(const bdb_result *rows, bdb_result *g)
{
	int rc = bdb__result_columns(g, group_columns, G_N_COLUMNS);
	if (rc)
		return rc;
	size_t n = rows->n_rows;
	double *changes = malloc((n ? n : 1) * sizeof *changes);
	bdb_buf text = {0}, note = {0}, later = {0};
	/* The groups, shown in time order (drifts first) by their anchors. */
	size_t *gid = malloc((n ? n : 1) * sizeof *gid);
	size_t *anchor = malloc((n ? n : 1) * sizeof *anchor);
	size_t *last = malloc((n ? n : 1) * sizeof *last);
	size_t *lead = malloc((n ? n : 1) * sizeof *lead), n_lead = 0;
	if (!changes || !gid || !anchor || !last || !lead ||
	    assign_groups(rows, gid, anchor, last, &n_lead) != 0) {
		free(changes);
		free(gid);
		free(anchor);
		free(last);
		free(lead);
		return BDB_ENOMEM;
	}
	for (size_t k = 0; k < n_lead; k++)
		lead[k] = k;
	for (size_t a = 1; a < n_lead; a++)
		for (size_t k = a; k > 0 && group_after(rows, anchor[lead[k - 1]], anchor[lead[k]]);
		     k--) {
			size_t t = lead[k];
			lead[k] = lead[k - 1];
			lead[k - 1] = t;
		}
	for (size_t l = 0; l < n_lead; l++) {
		size_t grp = lead[l], i = anchor[grp];
		size_t count = 0, nc = 0, worst = i;
		bool worst_regresses = false;
		double worst_abs = -1;
		const char *commit = cell_text(rows, i, 3 + CH_COMMIT);
		/* The annotation of the group's commit, then, as `at COMMIT
		 * KIND: TEXT`, those of its other commits (a run later): a
		 * change at an annotated commit is marked in its group's row
		 * even when the group is shown by another commit. */
		const char *own_note = NULL;
		bdb_buf_reset(&text);
		bdb_buf_reset(&later);
		for (size_t j = 0; j < n; j++) {
			if (gid[j] != grp)
				continue;
			count++;
			const bdb_value *c = cell_at(rows, j, 3 + CH_CHANGE);
			double change = c->kind == BDB_VALUE_NUMBER ? c->num : NAN;
			if (!isnan(change))
				changes[nc++] = change;
			bool regresses = rows->marks[j] == BDB__MARK_REGRESSION;
			double mag = isnan(change) ? 0 : fabs(change);
			if ((regresses && !worst_regresses) ||
			    (regresses == worst_regresses && mag > worst_abs)) {
				worst = j;
				worst_regresses = regresses;
				worst_abs = mag;
			}
			if (text.len)
				bdb_buf_puts(&text, "; ");
			series_name(rows, j, &text);
			if (!isnan(change))
				bdb_buf_printf(&text, " %+.1f%%", change);
			/* A member a run after the group's commit says where. */
			const char *at = cell_text(rows, j, 3 + CH_COMMIT);
			bool other = commit && at && strcmp(at, commit) != 0;
			if (other) {
				bdb_buf_puts(&text, " at ");
				bdb_query_put_commit(&text, at);
			}
			const char *ann = cell_text(rows, j, 3 + CH_ANNOTATION);
			if (ann && at && !other) {
				own_note = ann;
			} else if (ann && at && !mentions_commit(&later, at)) {
				bdb_buf_puts(&later, later.len ? "; at " : "at ");
				bdb_query_put_commit(&later, at);
				bdb_buf_printf(&later, " %s", ann);
			}
		}
		long row = bdb__result_add_row(g);
		if (row < 0)
			break;
		size_t w = (size_t)row;
		const char *kind = cell_text(rows, i, 3 + CH_KIND);
		bool drift = kind && strcmp(kind, bdb__change_kind_name(BDB__CHANGE_DRIFT)) == 0;
		if (!drift) {
			bdb__cell_str(g, w, G_COMMIT, commit);
			g->cells[w * g->n_cols + G_TIMESTAMP] = *cell_at(rows, i, 3 + CH_TIMESTAMP);
		}
		bdb__cell_str(g, w, G_KIND, kind);
		bdb__cell_int(g, w, G_SERIES, (int64_t)count);
		if (nc) {
			qsort(changes, nc, sizeof *changes, by_double_value);
			bdb__cell_num(g, w, G_MEDIAN, bdb__stats_percentile_sorted(changes, nc, 50));
		}
		const bdb_value *wc = cell_at(rows, worst, 3 + CH_CHANGE);
		if (wc->kind == BDB_VALUE_NUMBER)
			bdb__cell_num(g, w, G_WORST, wc->num);
		bdb_buf name = {0};
		series_name(rows, worst, &name);
		bdb__cell_str(g, w, G_WORST_SERIES, bdb_buf_cstr(&name));
		bdb_buf_free(&name);
		/* The run before the change: the worst series' when it
		 * changes at the group's commit, else the anchor's; the range
		 * to bisect runs from it to the group's latest commit. */
		const char *wc_commit = cell_text(rows, worst, 3 + CH_COMMIT);
		size_t before = commit && wc_commit && strcmp(wc_commit, commit) == 0 ? worst : i;
		const char *prev = cell_text(rows, before, 3 + CH_PREVIOUS);
		const char *end = cell_text(rows, last[grp], 3 + CH_COMMIT);
		if (prev && !drift) {
			bdb__cell_str(g, w, G_PREVIOUS, prev);
			if (end) {
				bdb_buf cmd = {0};
				bdb_query_bisect_command(prev, end, &cmd);
				bdb__cell_str(g, w, G_BISECT, cmd.failed ? NULL : bdb_buf_cstr(&cmd));
				g->failed |= cmd.failed;
				bdb_buf_free(&cmd);
			}
		}
		if (!drift) {
			bdb_buf_reset(&note);
			bdb_buf_puts(&note, own_note ? own_note : "");
			if (later.len)
				bdb_buf_printf(&note, "%s%s", note.len ? "; " : "",
					       bdb_buf_cstr(&later));
			bdb__cell_str(g, w, G_ANNOTATION, note.len ? bdb_buf_cstr(&note) : NULL);
		}
		bdb__cell_str(g, w, G_MEMBERS, bdb_buf_cstr(&text));
		if (rows->marks[worst])
			bdb__row_mark(g, w, (bdb__mark)rows->marks[worst]);
	}
	bdb_buf_free(&text);
	bdb_buf_free(&note);
	bdb_buf_free(&later);
	free(lead);
	free(gid);
	free(anchor);
	free(last);
	free(changes);
	return g->failed ? BDB_ENOMEM : 0;
}

int bdb__change_rows_group(bdb__exec *ex, bdb_result *r, const bdb_result *rows,
			   const char *doing)
{
	bdb_result *g = bdb__result_new(bdb_result_statement(r));
	if (!g)
		return bdb__exec_store_error(ex, BDB_ENOMEM, doing);
	int rc = group_rows(rows, g);
	if (rc) {
		bdb_result_free(g);
		return bdb__exec_store_error(ex, rc, doing);
	}
	size_t change_points = rows->n_rows;
	/* g takes r's place (fields and settings come along). */
	g->requested = r->requested;
	g->explain = r->explain;
	g->p_floor_permutations = r->p_floor_permutations;
	for (size_t i = 0; i < r->n_fields; i++)
		if (r->fields[i].kind == BDB_VALUE_STRING)
			bdb__field_str(g, r->field_names[i], r->fields[i].str);
		else if (r->fields[i].kind == BDB_VALUE_INT)
			bdb__field_int(g, r->field_names[i], r->fields[i].i);
		else if (r->fields[i].kind == BDB_VALUE_NUMBER)
			bdb__field_num(g, r->field_names[i], r->fields[i].num);
	bdb__field_int(g, "change_points", (int64_t)change_points);
	/* The notes too (`explain`'s series without a change point,
	 * regressions' inconclusive counts): copied, r's strings go with it. */
	for (size_t i = 0; i < r->n_notes; i++)
		bdb__result_note(g, "%s", r->notes[i]);
	bdb_result swap = *r;
	*r = *g;
	*g = swap;
	/* JSON carries both levels: the groups, and the table they group. */
	r->series_rows = g;
	return 0;
}

