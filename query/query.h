/*
 * query.h - the public header of benchdb's query language.
 *
 * A query text holds one or more statements separated by ';' or a newline
 * (a newline inside parentheses does not end a statement). The language is
 * documented, with its EBNF grammar, in docs/query-language.md. Execution
 * goes: lexer -> parser -> AST -> executor -> result table -> formatter.
 *
 * Two ways in:
 *   - bdb_query_exec() runs a whole text and appends every statement's
 *     formatted output to a buffer: what a one-shot command or a script needs.
 *   - bdb_query_run() runs exactly one statement and hands back the result
 *     table (bdb_result) for callers that want the values themselves (the
 *     CI gate's benchkit-compatible text, exit codes), then
 *     bdb_result_format() turns it into text.
 *
 * Errors. A query error (syntax, an unknown name, a clause the statement
 * does not take) returns BDB_EQUERY and fills the bdb_diag as below. A run
 * reference the store does not have (latest~9 of 4 runs, a missing baseline,
 * run "x", no run on a branch) is the data's fault, not the query's: it
 * returns BDB_ENOTFOUND with the same diag (code = BDB_ENOTFOUND). The
 * bdb_diag of a query error: code = BDB_EQUERY, line and col = the 1-based position of the
 * offending token in the text (col counts characters, not bytes), file = "",
 * and message = three lines separated by '\n' (no trailing newline):
 *
 *     expected "with", found "wiht"; did you mean "with"?
 *       compare latest wiht baseline
 *                      ^^^^
 *
 * line 1 says what was expected and what was found, plus the nearest known
 * keyword or stored name when one is close; line 2 is the statement's source
 * line indented by two spaces (clipped with "..." around the error when it is
 * very long); line 3 puts '^' under every character of the offending token
 * (a single '^' just after the last token at the end of input), aligned by
 * display width. file stays "" (bdb_diag_format() then prints the message
 * alone): the caller knows the source and adds "FILE:LINE:COL: " itself.
 * Storage failures return the engine's codes (BDB_ESTORE, ...) with a
 * one-line message; a cancelled query returns BDB_ECANCELLED.
 *
 * Nothing here prints or exits.
 */
#ifndef BDB_QUERY_H
#define BDB_QUERY_H

#include <signal.h>
#include <stdio.h>

#include "schema.h"

/* The store (engine.h); declared here so that this header stands alone. */
typedef struct bdb_store bdb_store;
typedef struct bdb_reader bdb_reader;

/* Detection methods (`using METHOD`; their table: query/methods.c). */
typedef enum bdb_method {
	BDB_METHOD_PERCENT = 0, /* a relative change beyond a threshold */
	BDB_METHOD_MWU,		/* Mann-Whitney U on the samples of the two runs */
	BDB_METHOD_ZSCORE,	/* history models: the candidate against the window */
	BDB_METHOD_TTEST,
	BDB_METHOD_IQR,
	BDB_METHOD_DELTAIQR,
	BDB_METHOD_LOOKBACK,
	BDB_METHOD_ROBUST,   /* change points: ranks, noise-tied effect (changes' default) */
	BDB_METHOD_EDIVISIVE /* change points: E-Divisive means with a permutation test */
} bdb_method;

typedef enum bdb_method_family {
	BDB_FAMILY_THRESHOLD, /* percent */
	BDB_FAMILY_SAMPLES,   /* a test on the samples of two runs: mwu */
	BDB_FAMILY_HISTORY,   /* a value against its series' history */
	BDB_FAMILY_CHANGES    /* change points over a series (`changes ... using`) */
} bdb_method_family;

/* The `using` keyword of m. */
const char *bdb_query_method_name(bdb_method m);
/* The method of a `using` keyword (any case): 0, or BDB_EINVAL. */
int bdb_query_method_parse(const char *name, bdb_method *out);
/* The family of m. */
bdb_method_family bdb_query_method_family(bdb_method m);

/* Output formats. DEFAULT means "the caller's choice", i.e. TABLE. */
/* (bdb_output_format: schema.h, its table schema/output.c.) */

typedef struct bdb_query_options {
	/* Format of statements without an `as` clause (DEFAULT = table). */
	bdb_output_format format;
	/* The output is a terminal: the table format then heads trend output
	 * with a sparkline (and may use colour, below). */
	bool is_terminal;
	/* The terminal's width in columns (0: unknown), read only with
	 * is_terminal: a table wider than it has its widest text columns
	 * (names, tags, details, explanations; never numbers) narrowed, each
	 * to no fewer than 20 columns or its header's width, their longer
	 * cells cut with a "…". Only the table format; the others are whole. */
	size_t width;
	/* Colour wanted. Colour is used only when is_terminal is also set and
	 * the environment variable NO_COLOR is unset or empty. */
	bool color;
	/* When non-NULL and it becomes non-zero (e.g. from a SIGINT handler),
	 * the running statement stops with BDB_ECANCELLED. Checked in every
	 * loop over runs, series or observations. */
	volatile sig_atomic_t *cancel;
	/* "Now" for relative times (`since 30d`), in microseconds since the
	 * epoch; 0 means bdb_time_now(). Tests pin it. */
	int64_t now_us;
	/* The JSON format gives each row a "display" member as well: an
	 * object with the table format's text of every cell of the row, by
	 * column ("1.298 µs", "+7.5%", "-" for a missing value), for a page
	 * that shows the CLI's text without formatting numbers itself
	 * (`/api/query?display=1`, docs/api.md). Off by default: `--json`
	 * prints the values alone. */
	bool display;
	/* bdb_query_exec stops once out holds more than this many bytes
	 * after a statement (a query error at that statement: a request of
	 * many statements asks a server for no more than it may hold); 0: no
	 * limit. */
	size_t max_output;
	/* When non-NULL, bdb_query_exec appends to it the notes of each
	 * statement whose format does not show them (CSV, a chart: see
	 * bdb_result_put_unshown_notes), a line each: the server sends them
	 * beside a CSV answer, and `benchdb --server` writes them to stderr. */
	bdb_buf *unshown_notes;
} bdb_query_options;

/*
 * Parses text (all its statements) without running anything: a syntax check.
 * Names are not checked against a store. Returns 0, BDB_EQUERY (d filled as
 * described above) or BDB_ENOMEM. d may be NULL.
 */
int bdb_query_parse(const char *text, bdb_diag *d);

/*
 * Parses text as the whole argument of one clause, clause "where" (an
 * expression) or "since" (a time), for a caller that adds a user's filter to
 * statements of its own (`benchdb report --where`): 0, or BDB_EQUERY with d's
 * excerpt and caret in text itself. Anything after the argument (another
 * clause, a newline, an unbalanced ")") is an error. d may be NULL.
 */
int bdb_query_parse_filter(const char *clause, const char *text, bdb_diag *d);

/*
 * d: a query error in text (one line), into which a caller pasted a user's
 * text at byte offset at, n bytes long. When d's position lies in the
 * pasted part, d becomes the same error in the user's text alone (its
 * excerpt and carets) and this returns true; else d is left as it is.
 */
bool bdb_query_error_within(bdb_diag *d, const char *text, size_t at, size_t n);

/*
 * Parses every statement of text, then runs them in order, appending each
 * statement's output in its format (the statement's `as`, else opt->format)
 * to out. Outputs of consecutive statements are separated by an empty line
 * (before each statement's output that is not JSON); JSON gives one object
 * per statement, each ending with a newline. Stops at the first failing statement (output of the
 * statements before it stays in out). opt may be NULL for defaults.
 * Returns 0, BDB_EQUERY, BDB_ENOTFOUND (a run that does not exist),
 * BDB_ECANCELLED, BDB_ENOMEM or a storage error; d (may be NULL) says what
 * and where. Writes (set/drop baseline) open their
 * own write transaction; no reader is held between statements.
 */
int bdb_query_exec(bdb_store *store, const char *text, const bdb_query_options *opt, bdb_buf *out,
		   bdb_diag *d);

/*
 * Whether text ends a statement, for a REPL's continuation prompt. False
 * when a quoted string or a parenthesis is still open, or when the last
 * statement stops where the grammar needs more ("trend", "... where a = 1
 * and"), unless text ends with an empty line (the user pressed Enter on an
 * empty continuation line: run it and report the error). Where the grammar
 * needs more, a newline does not end a statement, so the REPL joins lines
 * with '\n'. Other syntax errors count as complete: running them reports
 * them.
 */
bool bdb_query_is_complete(const char *text);

/*
 * The statement splitter for scripts and REPLs: the length of text's first
 * statement, i.e. the byte offset of the ';' or newline that ends it (or
 * strlen(text)). Quotes, parentheses, comments and newlines inside an
 * unfinished clause are handled exactly as the parser does. A statement with
 * a syntax error ends at the first separator at or after the error, where a
 * script resumes. Text that starts with a separator gives 0 (an empty
 * statement: skip the separator); a blank or comment-only statement runs as
 * nothing. *complete (may be NULL) is false when the statement is still
 * open at the end of text (see bdb_query_is_complete, without the empty-line
 * rule).
 */
size_t bdb_query_statement_end(const char *text, bool *complete);

/*
 * Resolves a run reference as a command line gives it, through the query
 * language's run grammar (RUN in docs/query-language.md): latest,
 * latest~N, latest on branch B, baseline [NAME], run ID, commit PREFIX, a
 * date; plus the command line's aliases baseline:NAME and commit:PREFIX.
 * Any other word is a run id, or else a date. *seq gets the run. Returns
 * 0, or an error with a one-line message in d: BDB_ENOTFOUND (no such
 * run), BDB_EINVAL (a bad reference, an ambiguous commit prefix).
 */
int bdb_query_resolve_run(bdb_reader *r, const char *ref, uint64_t *seq, bdb_diag *d);

/*
 * As bdb_query_resolve_run; *picked is true when ref picks the run by its
 * place among the stored runs (latest, latest~N, latest on branch B,
 * commit PREFIX, a date), false when it names one (a run id, a baseline):
 * a picked run may be one of several stored for its commit.
 */
int bdb_query_resolve_run_picked(bdb_reader *r, const char *ref, uint64_t *seq, bool *picked,
				 bdb_diag *d);

/* ---- The statements (their table: query/statements.c) ---- */

/* Whether word[0..n) is the first keyword of a statement ("trend", "show"). */
bool bdb_query_starts_statement(const char *word, size_t n);

/*
 * Whether s[0..n) starts a `--` comment of the language: "--" but not an
 * option of the benchdb program that goes with statements (`--fail`,
 * `--json`, `--format`, `--bail`, `--no-pager`, `--db`), which the lexer
 * refuses rather than drops.
 */
bool bdb_query_comment_at(const char *s, size_t n);
/* Whether a statement starting with word[0..n) may write the store ("set",
 * "drop", "annotate"): a server asks for its token. */
bool bdb_query_word_writes(const char *word, size_t n);
/* Whether a statement starting with word[0..n) may run long or writes
 * ("changes", "set", ...): a server runs it off its quick-read threads. */
bool bdb_query_word_long_running(const char *word, size_t n);
/* Whether a statement of text (one or more) starts with a word is_word says
 * yes to, its first word read as the parser reads it (after every blank and
 * comment the lexer skips): `bdb_query_any_statement(q, bdb_query_word_writes)`. */
bool bdb_query_any_statement(const char *text, bool (*is_word)(const char *word, size_t n));

/* Whether `benchdb WORD ...` runs the statement WORD starts. */
bool bdb_query_is_subcommand(const char *word);

/* Those WORDs into out[0..max), NULL-terminated; returns how many. */
size_t bdb_query_subcommands(const char **out, size_t max);

/* Appends the forms, summary and example of the statements that word (a
 * first keyword, or a whole name like "show runs") names. 0, or
 * BDB_ENOTFOUND when it names none. */
int bdb_query_statement_help(const char *word, bdb_buf *out);

/* Appends every statement's forms, one "  FORM\n" line each. */
void bdb_query_statements_help(bdb_buf *out);

/* Appends the statements' first keywords: "show, summary, trend, ...". */
void bdb_query_statement_list(bdb_buf *out);

/*
 * Appends name to b as a quoted string of the query language ("a \"b\""),
 * so that a front end can put a run id, baseline or branch name into a
 * statement it builds. On allocation failure b->failed is set.
 */
void bdb_query_put_name(bdb_buf *b, const char *name);

/*
 * Appends commit to b as the table format shows it: a commit that looks
 * like a hash (7 or more hex digits) cut to its first 10 characters, any
 * other name (v1.2, release-2026-01-15) whole, since cut short two names
 * could read as one. On allocation failure b->failed is set.
 */
void bdb_query_put_commit(bdb_buf *b, const char *commit);
/* bdb_query_put_commit of commit beside another commit named in the same
 * text (a run judged against another): a hash takes as many more digits
 * as tell it from other, as git lengthens an abbreviation (aaaaaaaaaa1
 * against aaaaaaaaaa2); other may be NULL or not a hash. */
void bdb_query_put_commit_apart(bdb_buf *b, const char *commit, const char *other);

/*
 * Appends to out the command that lists the commits to bisect for a change
 * first seen at commit after, whose run before had commit before:
 * `git log --oneline BEFORE..AFTER`, safe to paste into a POSIX shell. A
 * commit that looks like a hash (7 or more hex digits) is abbreviated to its
 * first 10 characters; any other name is written whole, in single quotes
 * (a quote as '\'') unless it is only letters, digits and . _ / @ + -;
 * "--end-of-options" goes before a range that starts with '-'. When both
 * name one commit (equal, or a hash and an abbreviation of it) it is
 * `nothing to bisect: COMMIT before and after`. On allocation failure
 * out->failed is set.
 */
void bdb_query_bisect_command(const char *before, const char *after, bdb_buf *out);

/*
 * The candidate nearest to word by edit distance (case folded, with
 * transpositions), if it is near enough to be a likely typo (the rule of
 * the language's own "did you mean"), else NULL. candidates ends with NULL;
 * the result is one of them.
 */
const char *bdb_query_nearest(const char *word, const char *const *candidates);

/*
 * The language's keywords, sorted, as a NULL-terminated static array (for
 * completion and highlighting).
 */
const char *const *bdb_query_keywords(void);

/*
 * Completion candidates for the word that ends at text[cursor] (a byte
 * offset; clamped to strlen(text)). The word is the run of name characters
 * before the cursor, or a string still open at the cursor, opening quote
 * included. Candidates: the keywords that start with the word (letter case
 * ignored, none inside an open string), then, when store is non-NULL, the
 * stored metric, point, tag-key and baseline names that start with it
 * (exact case); right after "KEY =", "KEY !=" or "KEY ~" the values of tag
 * KEY instead (point and metric names after point / metric). fn is called
 * once per distinct candidate, keywords first, names sorted; a name that is
 * not a plain identifier, or is a keyword, is passed quoted ("CV-1/small"),
 * ready to replace text[*word_start .. cursor). Stops early (returning 0)
 * when fn returns non-zero. *word_start (may be NULL) receives the byte
 * offset where the word starts. No read transaction is held while fn runs.
 * Returns 0 or a storage error / BDB_ENOMEM.
 */
typedef int (*bdb_candidate_fn)(void *ctx, const char *candidate);
int bdb_query_complete(bdb_store *store, const char *text, size_t cursor, size_t *word_start,
		       bdb_candidate_fn fn, void *ctx);

/* ------------------------------------------------------------------------ */
/* Result tables                                                             */
/* ------------------------------------------------------------------------ */

/*
 * The result of one statement: a table of columns and rows plus statement
 * fields (threshold, method, baseline, ...). It owns all its memory (no
 * pointer into the store) and stays valid until bdb_result_free().
 */
typedef struct bdb_result bdb_result;

typedef enum bdb_value_kind {
	BDB_VALUE_NULL = 0, /* missing */
	BDB_VALUE_STRING,
	BDB_VALUE_INT,
	BDB_VALUE_NUMBER,
	BDB_VALUE_TIME, /* microseconds since the epoch, UTC */
	BDB_VALUE_BOOL,
	BDB_VALUE_TAGS /* a sorted key=value set */
} bdb_value_kind;

/* One cell: read only the member its kind names (they share memory, so a
 * table of thousands of rows stays small: 24 bytes a cell). */
typedef struct bdb_value {
	bdb_value_kind kind;
	union {
		const char *str; /* STRING */
		int64_t i;	 /* INT, TIME (microseconds), BOOL (0/1) */
		double num;	 /* NUMBER */
		struct {
			const bdb_kv *tags; /* TAGS */
			size_t n_tags;
		};
	};
} bdb_value;

/*
 * Runs exactly one statement of text (a second statement is a query error)
 * and returns its table in *out (free with bdb_result_free). Same errors as
 * bdb_query_exec.
 */
int bdb_query_run(bdb_store *store, const char *text, const bdb_query_options *opt,
		  bdb_result **out, bdb_diag *d);

void bdb_result_free(bdb_result *r);

/*
 * Keeps rows [from, from + count) of r (clipped to its rows) and drops the
 * others: a page of a long table (the HTTP API's GET /api/runs). The
 * statement fields stay as they are.
 */
void bdb_result_slice(bdb_result *r, size_t from, size_t count);

/*
 * The environment and metadata of the run with id (its exact id, not a run
 * reference), as a table: statement "run", fields run, timestamp, commit,
 * branch (as summary has them), columns section ("environment" or
 * "metadata"), key, value; the environment first, each sorted by key.
 * Returns 0, BDB_ENOTFOUND (no such run; d says so), BDB_ENOMEM or a
 * storage error. Free *out with bdb_result_free.
 */
int bdb_query_run_environment(bdb_store *store, const char *id, bdb_result **out, bdb_diag *d);

/*
 * Persisted change points (query/changelog.c, docs/detection.md "Persisted
 * change points", docs/storage.md 2.15). keep_changes installs the store's
 * write hook: every later write of this process that puts or deletes
 * observations extends (appends) or recomputes (backfills, deletions) the
 * touched series' records in its own transaction, and `changes METRIC`
 * with the default options reads them. A process that writes without it
 * deletes the records it touches (they are rebuilt at the next hooked write
 * or by rebuild).
 */
void bdb_query_keep_changes(bdb_store *store);
/* Recomputes every series' record from scratch in one write transaction;
 * *n_series (may be NULL) gets how many. */
int bdb_query_changes_rebuild(bdb_store *store, size_t *n_series);
/*
 * Keeps with every record that lacks one the answer of `changes` for its
 * observations (the confirmed points, the tail's and the drift), so that
 * `changes` then reads instead of computing (about 9 ms of CPU per series
 * of a long history). Answers are computed under a read transaction, then
 * stored in one short write where each record is still the one they were
 * computed from; a later write to a series drops its answer. *n_settled
 * (may be NULL) gets how many were stored. A store that keeps no change
 * points has no records: nothing to do. cancel (may be NULL) set non-zero
 * stops it before the write: BDB_ECANCELLED, nothing stored.
 */
int bdb_query_changes_settle(bdb_store *store, volatile sig_atomic_t *cancel, size_t *n_settled);
/* Checks every record: it decodes, names a series and covers exactly its
 * observations (their count and the last of them); with recompute, it also
 * equals the series' fold recomputed from scratch. Reports each problem as
 * a sentence; *n_problems and *n_records (may be NULL) count them. 0 when
 * the check could be done. */
typedef void (*bdb_query_problem_fn)(void *ctx, const char *problem);
int bdb_query_changes_verify(bdb_store *store, bool recompute, bdb_query_problem_fn report,
			     void *ctx, size_t *n_problems, size_t *n_records);

/* The statement's name (its table's: "show runs", "trend", ...). */
const char *bdb_result_statement(const bdb_result *r);

/* Whether r is the result of a regressions statement (what a gate counts). */
bool bdb_result_is_regressions(const bdb_result *r);
/* Whether r is a trend's result. */
bool bdb_result_is_trend(const bdb_result *r);
/* Whether r judges runs with a verdict per row (compare, regressions). */
bool bdb_result_has_verdicts(const bdb_result *r);
/* The format the statement asked for with `as` (DEFAULT when none). */
bdb_output_format bdb_result_requested_format(const bdb_result *r);
size_t bdb_result_n_columns(const bdb_result *r);
const char *bdb_result_column(const bdb_result *r, size_t col);
/* The index of column name, or -1. */
int bdb_result_column_index(const bdb_result *r, const char *name);
size_t bdb_result_n_rows(const bdb_result *r);
/* Cell (row, col); the value's pointers live as long as r. */
bdb_value bdb_result_get(const bdb_result *r, size_t row, size_t col);
/* Statement fields (threshold, method, baseline, run, ...), in output order. */
size_t bdb_result_n_fields(const bdb_result *r);
const char *bdb_result_field_name(const bdb_result *r, size_t i);
bdb_value bdb_result_field(const bdb_result *r, size_t i);
/* The field called name, or a NULL-kind value. */
bdb_value bdb_result_field_by_name(const bdb_result *r, const char *name);

/*
 * The notes of r (a `since` in the future, an empty window, series left
 * out, too few runs, ...) where format has no place for them: the table,
 * markdown and line formats show them above the rows and JSON carries them
 * as "notes", but CSV and a drawn chart do not. Then appends each to out as
 * one line, prefix first, as the table format shows it (control
 * characters as blanks or '?'), and returns how many; else appends nothing
 * and returns 0. The program writes them to stderr.
 */
size_t bdb_result_put_unshown_notes(const bdb_result *r, bdb_output_format format,
				    const char *prefix, bdb_buf *out);

/*
 * Appends r formatted as format (DEFAULT = table) to out. opt may be NULL;
 * is_terminal / color apply to the table format only. Returns 0 or
 * BDB_ENOMEM.
 */
int bdb_result_format(const bdb_result *r, bdb_output_format format, const bdb_query_options *opt,
		      bdb_buf *out);

/*
 * Appends r as BDB_OUTPUT_MARKDOWN would, with one more column, column,
 * whose cell in row i links "[text](targets[i])" (empty when targets[i] is
 * NULL); targets has bdb_result_n_rows(r) entries. A target is written
 * with every byte outside [A-Za-z0-9._~/-] percent-encoded, so a relative
 * path stays a relative link. `check --chart-dir` links its charts so.
 * Returns 0 or BDB_ENOMEM.
 */
int bdb_result_markdown_links(const bdb_result *r, const char *column, const char *text,
			      const char *const *targets, bdb_buf *out);

/* ------------------------------------------------------------------------ */
/* Charts                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * How a chart is drawn. The statement's own `as svg log runs` words are
 * added to these (log_scale, run_order). Zero-initialised options give the
 * defaults.
 */
typedef struct bdb_chart_options {
	int width;	/* pixels; 0: 720 (a sparkline: 120) */
	int height;	/* pixels of one chart; 0: 300 (a sparkline: 24) */
	bool log_scale; /* y axis in powers of ten; values <= 0 are left out */
	bool run_order; /* x axis: runs in order, evenly spaced, instead of time */
	/* A bare line, no axes, labels or marks (the report's summary grid). */
	bool sparkline;
	/* Draw only rows [rows_from, rows_to) of the table, whole series (see
	 * bdb_result_series_end); rows_to 0: all of them. */
	size_t rows_from, rows_to;
	/* For an SVG inside an HTML page: no XML declaration and no xmlns (the
	 * page then holds no URL at all). */
	bool inline_svg;
} bdb_chart_options;

/*
 * Appends r drawn as an SVG chart to out: a pure function of r and o (same
 * table, same bytes). r must be a trend result (or the series of a changes
 * result, see bdb_result_chart_table); any other result gives BDB_EINVAL
 * and appends nothing. o may be NULL. Every name is escaped
 * (bdb_buf_put_xml). Returns 0, BDB_EINVAL or BDB_ENOMEM.
 */
int bdb_result_svg(const bdb_result *r, const bdb_chart_options *o, bdb_buf *out);

/*
 * The series of a trend-shaped table r are runs of rows with the same point
 * and tags: the end (one past the last row) of the series whose first row
 * is from. Walk them with `for (from = 0; from < n_rows; from = end)`.
 * Returns from itself when r is not trend-shaped or from is past its rows.
 */
size_t bdb_result_series_end(const bdb_result *r, size_t from);

/*
 * Makes the change points a chart of trend (a `trend ... as svg` table, its
 * change_pct column) marks on its runs at or after since_us those of
 * changes, an answer of `changes` over the same metric and those runs (its
 * series rows when it is grouped by commit): the chart's own there are
 * cleared, and each step or excursion of changes at a run of a series of
 * trend (same point, tags and run) is marked with its change (a drift is
 * no change at one run). The runs before since_us keep the chart's own
 * marks. So a page's charts mark the change points its `changes` table
 * lists, placed across series as `changes` places them (docs/report.md).
 * Returns 0, or BDB_ENOMEM (some of trend's marks may then be the chart's own).
 */
int bdb_result_take_changes(bdb_result *trend, const bdb_result *changes, int64_t since_us);

/* The largest threshold a statement takes, in percent (`threshold P%`). */
#define BDB_THRESHOLD_MAX_PCT 1e6

/* How many of a series' newest values bdb_result_series_noise reads. */
#define BDB_NOISE_RUNS 30

/*
 * The noise of the series in rows [from, to) of a trend-shaped table r:
 * over its newest BDB_NOISE_RUNS finite values, the median absolute
 * deviation divided by the absolute median (a fraction: 0.01 is 1%). A
 * robust spread: one outlier or one step near the end moves it little.
 * NAN when the series has fewer than 3 values, its median is 0, or r is
 * not trend-shaped. The report's grid shows it (docs/report.md).
 */
double bdb_result_series_noise(const bdb_result *r, size_t from, size_t to);

/*
 * The table a chart of r draws: r itself for a trend, the series of its
 * change points for a changes result that asked for a chart format (a
 * trend-shaped table), NULL otherwise. Lives as long as r.
 */
const bdb_result *bdb_result_chart_table(const bdb_result *r);

/*
 * Appends r's rows as an HTML <table> (class "result"), every cell escaped,
 * numbers as the table format shows them. Returns 0 or BDB_ENOMEM.
 */
int bdb_result_html_table(const bdb_result *r, bdb_buf *out);

/* Appends cell (row, col) of r to out as the table format shows it
 * (numbers to about 6 digits, a change as "+7.5%", times in RFC 3339, tags
 * as k=v,k=v, a missing value as "-"), unescaped. */
void bdb_result_cell_text(const bdb_result *r, size_t row, size_t col, bdb_buf *out);

/* As bdb_result_cell_text, but as the table format shows the cell: a
 * quantity (a value, bound or base of a table with a "unit" column) in its
 * unit's natural scale, unit included ("1.298 µs" for 1298 ns). */
void bdb_result_cell_quantity(const bdb_result *r, size_t row, size_t col, bdb_buf *out);

/* The start of benchdb's HTML pages (the `as html` page, the report), to
 * their <title>: laid out at a phone's width (the viewport meta: without it
 * a phone laid the report out 980 px wide and shrank it). */
#define BDB_HTML_PAGE_HEAD                                                                         \
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"                 \
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"

/* The style sheet of benchdb's HTML pages (the `as html` page, the report):
 * static text without '<', '&' or "//", for a <style> element. */
const char *bdb_html_style(void);

/* The base of its dark theme (prefers-color-scheme: dark, on screens), in
 * bdb_html_style too: the page's ground, text, links and the charts' light
 * ground, for the dashboard's style sheet to share. */
const char *bdb_html_dark_style(void);

/* The style rules of the SVG charts (bdb_result_svg puts them in each
 * chart's <style>): static CSS text without '<', '&' or "//", for a page
 * that shows charts inline but may not use inline styles (the dashboard's
 * style sheet). */
const char *bdb_chart_style(void);

/*
 * Writes r formatted as bdb_result_format would to f, a piece at a time
 * (a big table never sits in memory as text whole). Returns 0, BDB_ENOMEM,
 * or BDB_EIO when writing to f failed (ferror; errno says why); f is not
 * flushed.
 */
int bdb_result_write(const bdb_result *r, bdb_output_format format, const bdb_query_options *opt,
		     FILE *f);

#endif /* BDB_QUERY_H */
