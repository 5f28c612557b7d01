/*
 * ast.h - internal to query/: tokens, the lexer, the AST, the parser,
 * source-located errors and name suggestions.
 *
 * Every token and every AST node keeps its byte span [start, end) in the
 * query text, so that any later stage (the executor finding an unknown
 * metric, say) can point at the exact characters with a caret line.
 */
#ifndef BDB_QUERY_AST_H
#define BDB_QUERY_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "query.h"

/* ------------------------------------------------------------------------ */
/* Arena: every AST node and string of one parse lives in one arena.         */
/* ------------------------------------------------------------------------ */

/* (bdb_arena, schema.h: AST nodes are taken zeroed with bdb_arena_calloc.) */

/* ------------------------------------------------------------------------ */
/* Lexer                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum bdb__tok_kind {
	BDB__TOK_EOF = 0,
	BDB__TOK_NEWLINE, /* a statement separator (not inside parentheses) */
	BDB__TOK_SEMI,
	BDB__TOK_IDENT,	 /* [A-Za-z_][A-Za-z0-9_]*: keywords and plain names */
	BDB__TOK_STRING, /* "..." or '...', with \" \' \\ \n \t escapes */
	BDB__TOK_WORD,	 /* starts with a digit: 42, 0.05, 30d, 2026-01-31T12:00:00Z */
	BDB__TOK_STAR,
	BDB__TOK_LPAREN,
	BDB__TOK_RPAREN,
	BDB__TOK_COMMA,
	BDB__TOK_EQ,
	BDB__TOK_NE,
	BDB__TOK_TILDE,
	BDB__TOK_PERCENT,
	BDB__TOK_ERROR /* lexer->error says what */
} bdb__tok_kind;

typedef struct bdb__token {
	bdb__tok_kind kind;
	uint32_t start, end; /* byte span in the text */
} bdb__token;

typedef struct bdb__lexer {
	const char *text;
	size_t len;
	size_t pos;
	int paren_depth;
	const char *error; /* for BDB__TOK_ERROR: a static sentence */
} bdb__lexer;

/* The lexer's error for a string still open at the end of the text
 * (compared by address: a REPL then asks for more input). */
extern const char bdb__unterminated_at_end[];
/* The lexer's error for a string that is not valid UTF-8. */
extern const char bdb__invalid_utf8_string[];

void bdb__lexer_init(bdb__lexer *lx, const char *text, size_t len);
/* Scans the next token. Comments ("--" to the end of the line) and blanks
 * are skipped; newlines inside parentheses are blanks. */
void bdb__lexer_next(bdb__lexer *lx, bdb__token *tok);
/* A short description of a token for "found ..." ("\"wiht\"", "end of input"). */
void bdb__token_describe(const char *text, const bdb__token *tok, char *buf, size_t size);
/* Decodes a STRING token's contents into a fresh arena string. */
char *bdb__string_value(bdb_arena *a, const char *text, const bdb__token *tok);
/* Whether s is a plain identifier (needs no quotes). */
bool bdb__is_plain_ident(const char *s);
/* Appends name to b as it must be typed in a query: bare when it is a plain
 * identifier and not a keyword (and quote is false), else quoted, with '"'
 * and '\\' escaped. */
void bdb__put_name(bdb_buf *b, const char *name, bool quote);

/* ------------------------------------------------------------------------ */
/* AST                                                                       */
/* ------------------------------------------------------------------------ */

typedef struct bdb__span {
	uint32_t start, end;
} bdb__span;

typedef enum bdb__run_kind {
	BDB__RUN_LATEST = 0, /* latest~back */
	BDB__RUN_BASELINE,   /* baseline NAME (default "main") */
	BDB__RUN_ID,	     /* run "ID" */
	BDB__RUN_COMMIT,     /* commit "PREFIX" */
	BDB__RUN_TIME	     /* the last run at or before time_us */
} bdb__run_kind;

typedef struct bdb__run_ref {
	bdb__run_kind kind;
	uint32_t back;	     /* LATEST */
	const char *branch;  /* LATEST `on branch NAME`, or NULL for any branch */
	const char *name;    /* BASELINE name, ID, COMMIT prefix, TIME text */
	int64_t time_us;     /* TIME */
	bdb__span span;	     /* the whole reference */
	bdb__span name_span; /* the name / id / prefix / time token */
	bool defaulted;	     /* not written: the statement's default */
} bdb__run_ref;

typedef struct bdb__time_spec {
	bool relative; /* true: now - amount_us */
	int64_t us;    /* absolute time, or the amount for relative */
	bdb__span span;
} bdb__time_spec;

/* Fields of a where expression; anything else names a tag key. */
typedef enum bdb__field {
	BDB__FIELD_TAG = 0,
	BDB__FIELD_POINT,
	BDB__FIELD_SCENARIO,
	BDB__FIELD_METRIC,
	BDB__FIELD_BRANCH,
	BDB__FIELD_COMMIT
} bdb__field;

typedef enum bdb__expr_kind {
	BDB__EXPR_EQ = 0,
	BDB__EXPR_NE,
	BDB__EXPR_GLOB, /* key ~ "glob" */
	BDB__EXPR_IN,	/* key in ("a", "b") */
	BDB__EXPR_AND,
	BDB__EXPR_OR,
	BDB__EXPR_NOT
} bdb__expr_kind;

typedef struct bdb__expr bdb__expr;
struct bdb__expr {
	bdb__expr_kind kind;
	bdb__span span;
	/* comparisons */
	bdb__field field;
	const char *key; /* the field or tag name as written */
	bdb__span key_span;
	const char **values; /* n_values values (1 except for IN) */
	bdb__span *value_spans;
	size_t n_values;
	/* AND, OR: n_operands >= 2 operands in source order, so that a chain
	 * "a or b or ... or z" is one node and no walk over the tree goes as
	 * deep as a chain is long; NOT: the one operand. Walks may recurse:
	 * the tree is at most BDB__MAX_NESTING levels of parentheses and "not"
	 * deep (plus a constant). */
	bdb__expr **operands;
	size_t n_operands;
};

/*
 * How many parentheses and "not"s may enclose a condition of a where
 * expression (docs/query-language.md, "Limits"). The parser refuses more
 * with a caret error, so that every recursion over an expression is
 * bounded whatever the input.
 */
#define BDB__MAX_NESTING 256

typedef enum bdb__stmt_kind {
	BDB__STMT_SHOW_RUNS = 0,
	BDB__STMT_SHOW_POINTS,
	BDB__STMT_SHOW_METRICS,
	BDB__STMT_SHOW_TAGS,
	BDB__STMT_SHOW_BASELINES,
	BDB__STMT_SHOW_RETENTION,
	BDB__STMT_SUMMARY,
	BDB__STMT_TREND,
	BDB__STMT_RANK,
	BDB__STMT_COMPARE,
	BDB__STMT_REGRESSIONS,
	BDB__STMT_CHANGES,
	BDB__STMT_SET_BASELINE,
	BDB__STMT_DROP_BASELINE,
	BDB__STMT_ANNOTATE,
	BDB__STMT_SHOW_ANNOTATIONS,
	BDB__STMT_DROP_ANNOTATION
} bdb__stmt_kind;

/* "show runs", "trend", ... (the statement table's name). */
const char *bdb__stmt_name(bdb__stmt_kind k);

typedef enum bdb__bucket {
	BDB__BUCKET_NONE = 0,
	BDB__BUCKET_DAY,
	BDB__BUCKET_WEEK,
	BDB__BUCKET_MONTH
} bdb__bucket;

/*
 * The method table (methods.c): one row per detection method, the only
 * place its keyword, family and defaults are written.
 */
typedef struct bdb__method_info {
	bdb_method method;
	const char *keyword; /* the `using` keyword */
	bdb_method_family family;
	bool takes_window;	   /* history methods: `window N boundary B` */
	bool boundary_probability; /* the boundary is a probability in [0.5, 1) */
	int model;		   /* history methods: their bdb__history_model */
} bdb__method_info;

extern const bdb__method_info bdb__methods[];
extern const size_t bdb__n_methods;
const bdb__method_info *bdb__method_of(bdb_method m);
const char *bdb__method_name(bdb_method m);

/* Clause bits, to know which clauses a statement gave. */
enum {
	BDB__C_IN = 1u << 0,
	BDB__C_VS = 1u << 1,
	BDB__C_METRIC = 1u << 2,
	BDB__C_THRESHOLD = 1u << 3,
	BDB__C_OF = 1u << 4,
	BDB__C_WHERE = 1u << 5,
	BDB__C_USING = 1u << 6,
	BDB__C_LAST = 1u << 7,
	BDB__C_SINCE = 1u << 8,
	BDB__C_UNTIL = 1u << 9,
	BDB__C_BY = 1u << 10,
	BDB__C_WINDOW = 1u << 11,
	BDB__C_PVALUE = 1u << 12,
	BDB__C_AS = 1u << 13,
	BDB__C_PERMUTATIONS = 1u << 14,
	BDB__C_SEED = 1u << 15,
	BDB__C_EXPLAIN = 1u << 16,
	BDB__C_EFFECT = 1u << 17,
	BDB__C_FLOOR = 1u << 18,
	BDB__C_KIND = 1u << 19
};

/* changes `kind`: bits 1 << bdb__change_kind (stats.h); 0 means all. */
#define BDB__KIND_STEP	    (1u << 0)
#define BDB__KIND_EXCURSION (1u << 1)
#define BDB__KIND_DRIFT	    (1u << 2)
/* The shapes a statement's head takes after its keywords (parser.c). */
typedef enum bdb__head {
	BDB__HEAD_NONE,		/* nothing: regressions, show runs */
	BDB__HEAD_METRIC,	/* METRIC: trend, rank, changes */
	BDB__HEAD_RUN_OPT,	/* [RUN]: summary */
	BDB__HEAD_RUN_WITH_RUN, /* RUN with RUN: compare */
	BDB__HEAD_TAG_KEY_OPT,	/* [KEY]: show tags */
	BDB__HEAD_NAME_EQ_RUN,	/* [NAME] = RUN: set baseline */
	BDB__HEAD_NAME,		/* NAME: drop baseline */
	BDB__HEAD_COMMIT_AS,	/* commit NAME as KIND TEXT: annotate */
	BDB__HEAD_COMMIT	/* commit NAME: drop annotation */
} bdb__head;

struct bdb__exec;
struct bdb__stmt;

/*
 * The statement table (statements.c): one row per statement, the only
 * place its keywords, clauses, executor, help and example are written.
 */
typedef struct bdb__statement {
	bdb__stmt_kind kind;
	const char *name;  /* "show runs", "trend" */
	const char *word;  /* its first keyword: "show", "trend" */
	const char *word2; /* its second keyword, or NULL: "runs", "baseline" */
	bdb__head head;
	unsigned clauses; /* the BDB__C_* it takes */
	int (*exec)(struct bdb__exec *ex, const struct bdb__stmt *st, bdb_result *r);
	bool writes;	       /* runs in a write transaction of its own */
	bool subcommand;       /* `benchdb WORD ...` runs it */
	const char *completes; /* the names completion offers after its word ("m:") */
	const char *usage, *summary, *example;
	bool long_running; /* may take long (permutation tests over whole
			      histories): a server keeps it off the threads
			      that answer the quick reads */
} bdb__statement;

extern const bdb__statement bdb__statements[];
extern const size_t bdb__n_statements;
const bdb__statement *bdb__statement_of(bdb__stmt_kind k);
/* The distinct first words, in table order, NULL-terminated; returns how many. */
size_t bdb__statement_words(const char **out, size_t max);

typedef struct bdb__stmt {
	bdb__stmt_kind kind;
	bdb__span span;		 /* the whole statement */
	unsigned clauses;	 /* BDB__C_* given */
	bdb_output_format format; /* `as`, or DEFAULT */
	bool chart_log;		 /* `as svg|html|chart log` */
	bool chart_runs;	 /* `as svg|html|chart runs` */

	const char *metric; /* trend/rank/changes METRIC, compare/regressions
			       `metric M`; "*" for all; NULL when absent */
	bdb__span metric_span;
	const char *point; /* `of POINT` (may be a glob), NULL when absent */
	bdb__span point_span;
	bdb__expr *where; /* NULL when absent */

	bdb__run_ref run; /* summary RUN, rank/regressions `in`, compare
			     first RUN, set baseline RUN */
	bool has_run;
	bdb__run_ref other; /* compare `with`, regressions `vs` */
	bool has_other;

	uint64_t last_n;
	bdb__time_spec since, until;
	bdb__bucket bucket;
	const char *by; /* rank `by TAGKEY` */
	bdb__span by_span;

	double threshold; /* percent */
	bool threshold_bare; /* written without its "%" */
	bdb__span threshold_span;
	bdb_method method;
	bdb__span method_span;
	double alpha; /* mwu; default 0.05 */
	bool has_alpha;
	uint64_t window; /* zscore/ttest/iqr/deltaiqr/lookback, changes */
	bool has_window;
	double boundary; /* history models: b or k */
	bool has_boundary;
	double pvalue;	       /* changes; default 0.05 (given: BDB__C_PVALUE) */
	uint64_t permutations; /* changes (given: BDB__C_PERMUTATIONS) */
	uint64_t seed;	       /* changes (given: BDB__C_SEED) */
	bdb_method changes_method; /* changes `using`: ROBUST (0 too) or EDIVISIVE */
	double effect;			    /* changes (given: BDB__C_EFFECT) */
	double floor_pct;		    /* changes (given: BDB__C_FLOOR) */
	unsigned kinds;			    /* changes `kind` (BDB__KIND_*), 0: all */

	const char *name; /* set/drop baseline NAME, show tags KEY, annotate/drop
			     annotation commit NAME */
	bdb__span name_span;
	int annotation; /* annotate: its bdb_annotation_kind */
	const char *note; /* annotate: its text */
} bdb__stmt;

typedef struct bdb__program {
	bdb_arena arena;
	const char *text;
	size_t len;
	bdb__stmt **stmts; /* arena-allocated */
	size_t n_stmts;
} bdb__program;

/*
 * Parses text[0..len) into prog (initialised here; free with
 * bdb__program_free even on failure). Returns 0, BDB_EQUERY with d filled
 * (see query.h for the message layout), or BDB_ENOMEM.
 */
int bdb__parse(const char *text, size_t len, bdb__program *prog, bdb_diag *d);
void bdb__program_free(bdb__program *prog);

/*
 * Appends the canonical one-line text of s to b: an s-expression naming the
 * statement and every clause given, with names quoted, runs resolved to
 * their kind ((baseline "main"), latest~2, (at TIME)), times in RFC 3339 and
 * relative times as now-Nh. Golden tests compare it; its exact form is
 * internal.
 */
void bdb__stmt_print(const bdb__stmt *s, bdb_buf *b);

/* ------------------------------------------------------------------------ */
/* Errors with a caret line                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Fills d with BDB_EQUERY, the position of text[start] (1-based line and
 * character column) and the three-line message of query.h: message (a
 * printf format), the source line holding start, and carets under
 * [start, end) (one caret when end <= start). Returns BDB_EQUERY.
 */
int bdb__query_error(bdb_diag *d, const char *text, size_t len, uint32_t start, uint32_t end,
		     const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ------------------------------------------------------------------------ */
/* Suggestions                                                               */
/* ------------------------------------------------------------------------ */

/*
 * The optimal-string-alignment (restricted Damerau-Levenshtein) distance
 * between a and b, comparing ASCII letters case-insensitively: insertions,
 * deletions, substitutions and transpositions of adjacent characters each
 * cost 1.
 */
size_t bdb__edit_distance(const char *a, size_t alen, const char *b, size_t blen);

/*
 * A running "nearest name" search: offer candidates one by one, then read
 * best. A candidate counts only when its distance to word is at most
 * max(1, strlen(word) / 3); a candidate equal to word is skipped, one that
 * differs only in letter case is the best possible match (names are
 * case-sensitive). Ties go to the candidate offered first. best is a copy of
 * the candidate in buf (NULL when none, or when it did not fit).
 */
typedef struct bdb__suggest {
	const char *word;
	size_t word_len;
	size_t best_distance;
	char buf[128];
	const char *best;
} bdb__suggest;

void bdb__suggest_init(bdb__suggest *s, const char *word);
void bdb__suggest_offer(bdb__suggest *s, const char *candidate, size_t len);
/* "; did you mean \"x\"?" or "" when there is no suggestion. */
const char *bdb__suggest_hint(const bdb__suggest *s, char *buf, size_t size);

/* Whether s is a keyword (letter case ignored): such a name must be quoted. */
bool bdb__is_keyword(const char *s);

/* Parses text, all of it, as one run reference (RUN of the grammar) into
 * *out, its strings in arena: 0 or BDB_EQUERY. */
int bdb__parse_run_ref(const char *text, bdb_arena *arena, bdb__run_ref *out);

#endif /* BDB_QUERY_AST_H */
