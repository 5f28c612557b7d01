/*
 * table.h - internal to query/: building result tables (struct bdb_result of
 * query.h) and the formatters' view of them.
 *
 * A table owns its memory: one growable array of cells (rows x columns) and
 * an arena for every string and tag set, so adding a row costs no malloc
 * beyond the occasional doubling of the cell array.
 */
#ifndef BDB_QUERY_TABLE_H
#define BDB_QUERY_TABLE_H

#include "ast.h"

/* How the table and markdown formats show a column's numbers. */
typedef enum bdb__col_style {
	BDB__STYLE_PLAIN = 0, /* numbers with up to 6 significant digits */
	BDB__STYLE_CHANGE,    /* a signed percentage: "-7.5%" */
	BDB__STYLE_PERCENT,   /* an unsigned percentage: "20.0%" */
	BDB__STYLE_PVALUE,    /* 4 significant digits */
	BDB__STYLE_BEST,      /* a bool shown as "*" (true) or nothing */
	BDB__STYLE_MARKED,    /* gets the row's mark: " ↓" regression, " ↑" improvement */
	BDB__STYLE_EXPLAIN,   /* text shown only in JSON, or with `explain` (r->explain);
			       * such columns come last */
	BDB__STYLE_QUANTITY,  /* a number in the row's "unit": the table format shows it in
			       * the unit's natural scale ("225.6 µs") and drops "unit" */
	BDB__STYLE_COMMIT,    /* a commit: the table format shows a hash's first 10
			       * characters (bdb_commit_is_hash), other names whole */
	BDB__STYLE_DELTA      /* an unsigned percentage shown with the sign of the row's
			       * mark: BDB__MARK_ABOVE "+12.5%", BDB__MARK_BELOW "-12.5%" */
} bdb__col_style;

/* A row's mark: shown as arrows and, on a colour terminal, colours. */
typedef enum bdb__mark {
	BDB__MARK_NONE = 0,
	BDB__MARK_BEST,
	BDB__MARK_REGRESSION,
	BDB__MARK_IMPROVEMENT,
	BDB__MARK_ABOVE, /* rank: the value is above the best (no colour) */
	BDB__MARK_BELOW	 /* rank: below it */
} bdb__mark;

typedef struct bdb__column {
	const char *name;
	bdb__col_style style;
} bdb__column;

struct bdb_result {
	bdb_arena arena;
	const char *statement;
	bdb_output_format requested;

	bdb__column *cols;
	size_t n_cols;

	bdb_value *cells; /* n_rows * n_cols */
	uint8_t *marks;	  /* n_rows */
	size_t n_rows, cap_rows;

	const char **field_names;
	bdb_value *fields;
	size_t n_fields, cap_fields;

	const char **notes; /* lines shown above a table / markdown table */
	size_t n_notes, cap_notes;

	/* Sparkline over column spark_col (-1: none), one per run of rows with
	 * the same values in the spark_group_cols columns from spark_group (-1:
	 * all rows form one group). */
	int spark_col;
	int spark_group;
	int spark_group_cols;
	/* Charts (chart.c): the statement's `as svg log runs` words, and for a
	 * changes result asked for as a chart, the series it drew its change
	 * points from (a trend table, owned). */
	bool chart_log, chart_runs;
	bdb_result *chart_table;
	/* A table grouped by commit (changes over many series, regressions
	 * `by commit`): the table of one row per series it grouped (owned),
	 * which JSON carries too, as "series_rows". NULL otherwise. */
	bdb_result *series_rows;
	bool explain; /* show BDB__STYLE_EXPLAIN columns in every format */
	/* > 0: p-values come from this many permutations; the human formats
	 * show one at 1 / (R + 1) as "< 0.0099 (100 permutations)". */
	int p_floor_permutations;
	/* Columns (bit i: column i) the table format does not show because they
	 * repeat others (rank's label without `by`). */
	uint32_t table_redundant;
	/* How many digits the table format shows of the hashes in its commit
	 * columns: BDB__COMMIT_SHOWN, or more when two differ only after them
	 * (git's rule: lengthen until unique). 0 until format.c first needs it. */
	size_t commit_shown;
	bool failed; /* an allocation failed: the table is incomplete */
};

/* A new table for statement (a static string). NULL when out of memory. */
bdb_result *bdb__result_new(const char *statement);

/* Sets the columns (names are static strings). Returns 0 or BDB_ENOMEM. */
int bdb__result_columns(bdb_result *r, const bdb__column *cols, size_t n);

/* Makes room for n more rows (a statement that knows how many it adds:
 * no copy of the cells as they grow). Returns 0 or BDB_ENOMEM. */
int bdb__result_reserve(bdb_result *r, size_t n);

/* Appends a row of NULL cells; returns its index, or -1 when out of memory. */
long bdb__result_add_row(bdb_result *r);
/* Reverses the order of rows [from, to). */
void bdb__result_reverse(bdb_result *r, size_t from, size_t to);
/* Removes rows from n on. */
void bdb__result_truncate(bdb_result *r, size_t n);

void bdb__cell_str(bdb_result *r, size_t row, size_t col, const char *s);
void bdb__cell_strn(bdb_result *r, size_t row, size_t col, const char *s, size_t n);
/* Two strings of one row in one copy (a trend's run id and commit, row after
 * row): s1[0..n1) into col1, and s2[0..n2) into col2 unless n2 is 0 (the
 * cell then stays NULL). */
void bdb__cell_strn2(bdb_result *r, size_t row, size_t col1, const char *s1, size_t n1, size_t col2,
		     const char *s2, size_t n2);
void bdb__cell_int(bdb_result *r, size_t row, size_t col, int64_t v);
void bdb__cell_num(bdb_result *r, size_t row, size_t col, double v);
void bdb__cell_time(bdb_result *r, size_t row, size_t col, int64_t us);
void bdb__cell_bool(bdb_result *r, size_t row, size_t col, bool v);
/* Copies n tags (keys and values as ptr/len pairs via the callback-free
 * bdb_kv array; strings copied). */
void bdb__cell_tags(bdb_result *r, size_t row, size_t col, const bdb_kv *tags, size_t n);
void bdb__row_mark(bdb_result *r, size_t row, bdb__mark mark);
/* Cell (row, col) takes the value of cell (from_row, col), sharing its
 * strings: for columns that repeat down a run of rows. */
void bdb__cell_copy(bdb_result *r, size_t row, size_t col, size_t from_row);

/* Statement fields, in output order (name is a static string). */
void bdb__field_str(bdb_result *r, const char *name, const char *s);
void bdb__field_num(bdb_result *r, const char *name, double v);
void bdb__field_int(bdb_result *r, const char *name, int64_t v);
void bdb__field_time(bdb_result *r, const char *name, int64_t us);
void bdb__field_null(bdb_result *r, const char *name);

/* A line shown above the table in table and markdown formats. */
void bdb__result_note(bdb_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copies s into the table's arena ("" for NULL). */
const char *bdb__result_strdup(bdb_result *r, const char *s);

/* Numbers as the table format shows them (format.c): about 6 significant
 * digits without trailing zeros; a signed percentage with one decimal
 * ("+7.5%", "0.0%"). */
void bdb__human_number(double v, char *buf, size_t size);
/* About 4 significant digits, as tables show a quantity (225.6, 1.39, 7440). */
void bdb__short_number(double v, char *buf, size_t size);
void bdb__change_text(double pct, char *buf, size_t size);
/* A change beyond limit (|pct| > limit %), as an explanation states it:
 * one decimal, or more where one would read as the limit itself
 * ("+5.00001%" beyond 5%, not "+5.0%"). */
void bdb__change_beyond_text(double pct, double limit, char *buf, size_t size);
/* A threshold in percent: one decimal, or up to 6 where that reads back
 * closer ("5.0%", "0.25%", "0.04%", not "0.2%" and "0.0%"). */
void bdb__threshold_text(double pct, char *buf, size_t size);
/* A p-value with 4 significant digits ("0.0123", "6.353e-09"); one below
 * the smallest normal double (DBL_MIN, 2.2e-308), 0 included, reads
 * "< 2.2e-308": the test's p underflowed, it is not 0. */
void bdb__p_text(double p, char *buf, size_t size);
/* The same as explanations say it: "p = 0.0123", "p < 2.2e-308". */
void bdb__p_said(double p, char *buf, size_t size);
/* The same, said against alpha: a p below alpha with more digits where 4
 * would read as alpha ("p = 0.049996 < alpha 0.05", not "p = 0.05"). */
void bdb__p_said_below(double p, double alpha, char *buf, size_t size);
/* The SI prefix of *v in a unit without a ladder of its own (ops/s,
 * items/s, cycles: bdb_unit_ladder gives none): divides *v by 1000 while
 * it is at least 1000, up to 10^12, and returns "", "k", "M", "G" or "T";
 * a magnitude of 1e15 or more (or inf, nan) is left as it is, with "".
 * The table format and the charts' ticks share it. */
const char *bdb__si_prefix(double *v);
/* Where v lies from lo (0) to hi (1), also over a range past the largest
 * double (-1e308 to 1e308): the charts and the sparklines. */
double bdb__fraction(double v, double lo, double hi);
/* Whether two cells hold the same value (kind and contents). */
bool bdb__same_value(const bdb_value *a, const bdb_value *b);
/* A cell without its unit's scale or a mark (numbers to 6 significant
 * digits), appended to b: names in charts. */
void bdb__put_cell_text(bdb_buf *b, const bdb_result *r, size_t row, size_t col);
/* The cell as the table format shows it: quantities in their unit's scale
 * ("7.02 GB/s"), commits shortened, p-values at their floor as a bound. */
void bdb__put_cell_table(bdb_buf *b, const bdb_result *r, size_t row, size_t col);
/* Which of r's columns the table format shows (show[c], r->n_cols of
 * them): not those empty in every row, not those that repeat others, not
 * "unit" when quantities show their own. */
void bdb__table_columns(const bdb_result *r, bool *show);

/* The chart formats (chart.c, chart_term.c, format_html.c); each returns 0
 * or BDB_ENOMEM, or BDB_EINVAL when r holds nothing to draw. */
int bdb__format_svg(const bdb_result *r, const bdb_chart_options *o, bdb_buf *out);
int bdb__format_terminal_chart(const bdb_result *r, bdb_buf *out);
int bdb__format_html(const bdb_result *r, bdb_buf *out);

/* Sorts rows in [from, to) with cmp over row cell arrays (stable). */
typedef int (*bdb__row_cmp)(const bdb_value *a, const bdb_value *b, void *ctx);
int bdb__result_sort(bdb_result *r, size_t from, size_t to, bdb__row_cmp cmp, void *ctx);

/* Whether commit looks like a git hash or an abbreviation of one: 7 or
 * more hex digits and nothing else. The table format and the bisect
 * command cut a hash to its first BDB__COMMIT_SHOWN characters; any other
 * name (v1.2, release-2026-01-15) they write whole, since cut short two
 * names could read as one. */
#define BDB__COMMIT_SHOWN 10

#endif /* BDB_QUERY_TABLE_H */
