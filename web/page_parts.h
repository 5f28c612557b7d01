/*
 * page_parts.h - internal to web/: the pieces the report (report.c) and the
 * dashboard's overview (dashboard.c) share: a result cell as text, a
 * series' key, and the change points of many series grouped by commit.
 */
#ifndef BDB_WEB_PAGE_PARTS_H
#define BDB_WEB_PAGE_PARTS_H

#include "web.h"

/* A copy of s (malloc'd), or NULL when memory ran out. */
char *bdb__page_text_copy(const char *s);

/* The branch of the run baseline name points at, appended whole to out
 * (nothing when it has none or there is no such baseline): the branch the
 * overview and the verdict badge read, so that a pull request's run is not
 * main's latest. opt: the statements' options (time limit); 0 or a
 * storage error. */
int bdb__page_baseline_branch(bdb_store *store, const bdb_query_options *opt, const char *name,
			      bdb_buf *out, bdb_diag *d);

/*
 * The text of cell (row, column name) of res as the table format shows it
 * (bdb_result_cell_text), in scratch, which it resets; "" when res has no
 * such column or row. Valid until scratch changes.
 */
const char *bdb__page_cell(bdb_buf *scratch, const bdb_result *res, size_t row, const char *name);

/*
 * The key of the series at row of res, "point\ntags\nmetric" (tags as the
 * table shows them; metric the row's, or the one given when not NULL), in
 * a new string (NULL when memory ran out). scratch is reset.
 */
char *bdb__page_series_key(bdb_buf *scratch, const bdb_result *res, size_t row, const char *metric);

/* The newest runs whose change points the report and the dashboard's
 * overview list (the same window, so that both show the same groups; the
 * robust method over a whole 10-year history costs seconds per series). */
#define BDB__PAGE_CHANGE_RUNS 30

/* How many commits with change points a page lists, newest first. */
#define BDB__PAGE_RECENT_COMMITS 20

/* A change point of one series: the run that starts the new regime. */
typedef struct bdb__page_change {
	int64_t time_us;
	char *commit;	/* the run's commit, or its id when it has none (what groups) */
	bool no_commit; /* the run has no commit: commit is its id */
	char *run;
	char *pct;  /* the change %, as the table shows it ("+30.1%") */
	char *what; /* the page's text for the series (the report's label, the overview's JSON) */
	size_t ref; /* the page's own number for it (the report's chart) */
} bdb__page_change;

typedef struct bdb__page_changes {
	bdb__page_change *v;
	size_t n, cap;
} bdb__page_changes;

/*
 * Adds the change point at row of res (a trend-shaped table whose
 * change_pct is set on that row) with what and ref. Returns 0 or
 * BDB_ENOMEM. scratch is reset.
 */
int bdb__page_changes_add(bdb__page_changes *c, bdb_buf *scratch, const bdb_result *res, size_t row,
			  const char *what, size_t ref);

/* Sorts c newest first; one commit's change points together, by what. */
void bdb__page_changes_sort(bdb__page_changes *c);

/* The end (one past) of the group of change points of c->v[from]'s run
 * time and commit, once sorted. */
size_t bdb__page_changes_group_end(const bdb__page_changes *c, size_t from);

void bdb__page_changes_free(bdb__page_changes *c);

/* The columns of a `changes` group the pages show, NULL-terminated, and
 * their headers for a person (the same order). */
extern const char *const bdb__page_group_columns[];
extern const char *const bdb__page_group_headers[];

/*
 * The text of cell name of row of a `changes` result, in scratch (reset),
 * as a group row: a metric of one series gives per-series rows, read as
 * groups of one (series 1, its change as median and worst).
 */
const char *bdb__page_group_cell(bdb_buf *scratch, const bdb_result *res, size_t row,
				 const char *name);

/*
 * The notes of res (a statement's answer: what the table format shows
 * above its rows, e.g. `changes`' series whose newest runs step too late
 * for a change point yet), each as "METRIC: NOTE" through put(out, text,
 * length), in order. scratch is reset.
 */
void bdb__page_put_notes(const bdb_result *res, const char *metric, bdb_buf *scratch, bdb_buf *out,
			 void (*put)(bdb_buf *out, const char *text, size_t n));

/* The timestamp of the oldest of runs (a `show runs last n` result) into
 * buf when it holds n runs, else "" (the whole history is that short); and
 * into *since_us the time from which `since BUF` reads (the text is to the
 * second: that second), INT64_MIN for "". */
void bdb__page_window_start(bdb_buf *scratch, const bdb_result *runs, size_t n, char *buf,
			    size_t size, int64_t *since_us);

/*
 * The annotation of commit in annotations (a `show annotations` result, may
 * be NULL): "KIND: TEXT" in scratch (reset), for the annotation whose
 * commit is commit or starts it; NULL when none applies.
 */
const char *bdb__page_annotation(bdb_buf *scratch, const bdb_result *annotations,
				 const char *commit);

/*
 * commit as a page shows it, into out: a hash the CLI's tables cut to its
 * first 10 characters (bdb_query_put_commit) shows those, the rest of it in a
 * <span class="hash-rest"> the page's style sheet gives no width
 * (BDB__PAGE_HASH_REST_STYLE): a double click selects, and copying takes,
 * the whole hash, and its title shows it; any other commit as text.
 */
void bdb__page_put_commit(bdb_buf *out, const char *commit);
#define BDB__PAGE_HASH_REST_STYLE ".hash-rest{font-size:0}\n"

#endif /* BDB_WEB_PAGE_PARTS_H */
