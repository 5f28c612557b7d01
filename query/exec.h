/*
 * exec.h - internal to query/: what the statement executors share.
 *
 *   exec.c          entry points, dispatch, run references, name errors
 *   filter.c        `where` / `of` evaluation, series selection through the
 *                   postings, sorted id sets
 *   exec_catalog.c  show runs|points|metrics|tags|baselines, summary,
 *                   set baseline, drop baseline
 *   exec_history.c  trend (and its buckets), changes
 *   exec_compare.c  rank, compare, regressions
 *   exec_annotate.c annotate, show annotations, drop annotation
 *   runview.c       one run's observations from its FlatBuffer
 *
 * An executor gets one read transaction (ex->rd) for the whole statement;
 * every string the engine hands out stays valid until the statement ends,
 * and every result string is copied into the result table.
 */
#ifndef BDB_QUERY_EXEC_H
#define BDB_QUERY_EXEC_H

#include "engine.h"
#include "table.h"

typedef struct bdb__exec {
	bdb_store *store;
	bdb_reader *rd; /* NULL only for set/drop baseline's write */
	const bdb_query_options *opt;
	const char *text; /* the whole query text, for caret errors */
	size_t len;
	bdb_diag *d;
	int64_t now_us;
	bdb_annotation *annotations; /* changes: the store's, while it runs */
	size_t n_annotations;
	uint64_t persisted_key;	 /* changes: bdb__cpfold_key of the kept options */
	size_t persisted_series; /* changes: series answered from their records */
	size_t settled_series;	 /* changes: of those, from the answer kept there */
} bdb__exec;

/* The default regression threshold in percent (DESIGN.md §4). */
#define BDB__DEFAULT_THRESHOLD 5.0

/* ------------------------------------------------------------------------ */
/* exec.c                                                                    */
/* ------------------------------------------------------------------------ */

/* BDB_ECANCELLED (with a diag) when opt->cancel is set, else 0. */
int bdb__exec_check_cancel(bdb__exec *ex);

/* A query error at span (see bdb__query_error). */
int bdb__exec_error(bdb__exec *ex, bdb__span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Storage errors: a one-line diag naming what was being done. */
int bdb__exec_store_error(bdb__exec *ex, int rc, const char *doing);
/* The same for a write of the store that failed: the store's directory as
 * the diagnostic's file, the system's words for a disk error (a full disk:
 * "No space left on device", bdb_store_write_error). */
int bdb__exec_write_error(bdb__exec *ex, int rc, const char *doing);

/*
 * Resolves a run reference to a run sequence number and its run-log entry
 * (strings valid until the reader ends). Unknown runs are query errors at
 * the reference, with the nearest baseline name when one is close.
 */
int bdb__resolve_run(bdb__exec *ex, const bdb__run_ref *ref, uint64_t *seq, bdb_run_info *info);

/*
 * The nearest of the postings terms that start with prefix ("m:", "p:",
 * "t:", "t:KEY=") to word (compared without the prefix), as a hint
 * "; did you mean \"x\"?" in hint (or ""). For error messages only.
 */
void bdb__suggest_term(bdb__exec *ex, const char *prefix, const char *word, char *hint,
		       size_t size);
/* When there is no nearest term to suggest: hint = " (the store's WHATs:
 * a, b)" for a few terms that start with prefix, else " (the store has N
 * WHATs: 'show WHATs' lists them)"; "" for none. For error messages only. */
void bdb__list_terms(bdb__exec *ex, const char *prefix, const char *what, char *hint, size_t size);
/* hint = "; did you mean \"B\"?" for the stored branch nearest to name, or
 * "" (every run's branch is read: for an error only). */
void bdb__suggest_branch(bdb__exec *ex, const char *name, char *hint, size_t size);
/* hint = " (A, B)" for a commit q that starts several stored
 * commits, else " (the nearest stored commits: A, B)" or " (no stored run
 * has a commit)"; "" when the store cannot say. For error messages only. */
void bdb__commit_hint(bdb_reader *rd, const char *q, char *hint, size_t size);

/*
 * given when the statement has it (non-NULL), else the default reference
 * of that kind ("latest" or "baseline main"), spanning the statement so
 * that an error about it points somewhere.
 */
bdb__run_ref bdb__run_or_default(const bdb__stmt *st, const bdb__run_ref *given,
				 bdb__run_kind kind);

/* ------------------------------------------------------------------------ */
/* filter.c                                                                  */
/* ------------------------------------------------------------------------ */

/* What a `where` expression and `of POINT` are evaluated against. */
typedef struct bdb__subject {
	const char *point;
	const char *scenario; /* "" when none */
	const char *metric;
	const bdb_kv *tags;
	size_t n_tags;
	const char *branch; /* "" when unknown */
	const char *commit; /* "" when unknown */
} bdb__subject;

/* Whether s passes the statement's `of POINT` (a name or a glob) and
 * `where`. */
bool bdb__subject_matches(const bdb__stmt *st, const bdb__subject *s);

/* Whether name contains glob characters (* ? [). */
bool bdb__is_glob(const char *name);

/* Whether e (may be NULL) mentions branch or commit, which vary by run. */
bool bdb__expr_uses_run_fields(const bdb__expr *e);

/*
 * Checks the names of the statement against the store before running it:
 * `of POINT` (a name that no series has, or a glob that matches none),
 * `where` tag keys and `key = value` pairs no series has. Errors point at
 * the name with the nearest stored one.
 */
int bdb__check_names(bdb__exec *ex, const bdb__stmt *st);

/* A note on r when st's threshold is a number below 1 written without "%":
 * the query reads percent, where benchkit's `check --threshold 0.05` is a
 * fraction (5%). */
void bdb__note_bare_threshold(const bdb__stmt *st, bdb_result *r);

/* A sorted set of series ids (malloc'ed). */
typedef struct bdb__idset {
	uint64_t *ids;
	size_t n;
} bdb__idset;

void bdb__idset_free(bdb__idset *s);

/*
 * The series a statement can touch, through the postings alone: those of
 * metric (NULL: every metric), intersected with `of POINT` and the series
 * part of `where` (run fields count as true here: callers that use them
 * check each observation with bdb__subject_matches). Ascending ids.
 */
int bdb__select_series(bdb__exec *ex, const bdb__stmt *st, const char *metric, bdb__idset *out);

/* ------------------------------------------------------------------------ */
/* exec_catalog.c                                                            */
/* ------------------------------------------------------------------------ */

/* Orders series descriptions by (point, sorted tags, metric). */
int bdb__series_info_cmp(const bdb_series_info *a, const bdb_series_info *b);

/* ------------------------------------------------------------------------ */
/* runview.c: one run's observations, read from its FlatBuffer               */
/* ------------------------------------------------------------------------ */

typedef struct bdb__entry {
	const char *point;
	const char *scenario; /* "" when none */
	const bdb_kv *tags;   /* sorted by key */
	size_t n_tags;
	const char *metric;
	const char *unit; /* the metric's, else its definition's, else "" */
	double value;
	bool has_lower, has_upper;
	double lower, upper;
	bdb_direction direction; /* the effective definition's (info if none) */
	bool has_threshold;
	double threshold;
	bdb_fb_view view; /* the metric table, for its samples */
	size_t order;	  /* position in the run */
} bdb__entry;

typedef struct bdb__run_entries {
	uint64_t seq;
	bdb_run_info info;
	bdb__entry *items;
	size_t n;
	bdb_kv *tags; /* every point's tags, one block */
} bdb__run_entries;

/* Which metrics bdb__run_entries_load keeps. */
#define BDB__ALL_METRICS   NULL /* every metric */
#define BDB__RATED_METRICS "*"	/* every metric whose direction is not info */

/*
 * Loads run seq's observations that pass the statement's `of` / `where`
 * (evaluated with the run's branch and commit) and metric (a name, or one
 * of the two macros above), in the run's order. Strings point into the
 * reader's memory map. Free with bdb__run_entries_free.
 */
int bdb__run_entries_load(bdb__exec *ex, uint64_t seq, const bdb__stmt *st, const char *metric,
			  bdb__run_entries *out);
void bdb__run_entries_free(bdb__run_entries *e);

/* Orders entries by (point, tags, metric): the identity of a series. */
int bdb__entry_identity_cmp(const bdb__entry *a, const bdb__entry *b);

/* The samples of e converted by factor (bdb_unit_convert) into a malloc'ed array (*n of them;
 * NULL and 0 when it has none). */
int bdb__entry_samples(const bdb__entry *e, double factor, double **out, size_t *n);

/*
 * The smallest (*lo) and largest (*hi) raw sample of series si in run seq,
 * converted into the series' unit; both NAN when the run holds none (or
 * their unit does not convert). Returns 0 or a storage error (reported).
 */
int bdb__sample_range(bdb__exec *ex, uint64_t seq, const bdb_series_info *si, double *lo,
		      double *hi);

/* ------------------------------------------------------------------------ */
/* exec_history.c                                                            */
/* ------------------------------------------------------------------------ */

/*
 * The last `window` finite values of e's series (point, tags, metric)
 * before run seq (taken at time_us; runs at the same time ingested after it
 * do not count), oldest first, converted into unit. *values is malloc'ed
 * (free it); *n is 0 when the series has no such history or its unit does
 * not convert into unit.
 */
int bdb__history_before(bdb__exec *ex, const bdb__entry *e, uint64_t seq, int64_t time_us,
			size_t window, const char *unit, double **values, size_t *n);

/* ------------------------------------------------------------------------ */
/* Statements                                                                */
/* ------------------------------------------------------------------------ */

int bdb__exec_show_runs(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_points(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_metrics(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_tags(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_baselines(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_retention(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_summary(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_set_baseline(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_drop_baseline(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_annotate(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_show_annotations(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_drop_annotation(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
/*
 * Change-point rows to group by commit as changes groups them (exec_history.c):
 * a table with changes' per-series columns, point, tags and metric leading,
 * one row per series and change; bdb__change_rows_group replaces r's table
 * (keeping r's fields) with the groups of rows (which may be r) (one row per commit: series, median and worst change,
 * worst series, previous commit, bisect, annotation; JSON's members) and
 * adds the field change_points. doing names the work in an error.
 */
/* The columns of a `changes` row after its point, tags and metric
 * (bdb__change_rows_columns; exec_history.c, exec_groups.c). */
enum bdb__change_col {
	CH_RUN,
	CH_COMMIT,
	CH_TIMESTAMP,
	CH_KIND,
	CH_BEFORE,
	CH_AFTER,
	CH_UNIT,
	CH_CHANGE,
	CH_P,
	CH_METHOD,
	CH_DETAIL,
	CH_ANNOTATION,
	CH_PREVIOUS, /* JSON (and explain) only from here on */
	CH_END_RUN,
	CH_END_COMMIT,
	CH_NOISE,
	CH_THRESHOLD,
	CH_SLOPE,
	CH_SLOPE_LOWER,
	CH_SLOPE_UPPER,
	CH_EXPLANATION,
	CH_N_COLUMNS
};

typedef struct bdb__change_row {
	const char *point;
	const bdb_kv *tags;
	size_t n_tags;
	const char *metric;
	const char *run, *commit; /* the run that starts the change */
	int64_t timestamp_us;
	const char *kind;
	double before, after;
	const char *unit;
	double change_pct; /* NAN: none */
	const char *previous_commit; /* the run before it, or NULL */
	int mark;		     /* bdb__mark */
} bdb__change_row;
int bdb__change_rows_columns(bdb_result *rows);
void bdb__change_row_add(bdb__exec *ex, bdb_result *rows, const bdb__change_row *c);
int bdb__change_rows_group(bdb__exec *ex, bdb_result *r, const bdb_result *rows,
			   const char *doing);

/* Cell (row, col) of r: "KIND: TEXT" of the annotation (of ex->annotations)
 * that applies to commit, or left empty. */
void bdb__cell_annotation(bdb__exec *ex, bdb_result *r, size_t row, size_t col,
			  const char *commit);
int bdb__exec_trend(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_changes(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_rank(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_compare(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);
int bdb__exec_regressions(bdb__exec *ex, const bdb__stmt *st, bdb_result *r);

#endif /* BDB_QUERY_EXEC_H */
