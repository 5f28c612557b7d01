/*
 * schema.h - the public header of benchdb's bottom layer.
 *
 * It holds what every other layer shares:
 *   - the error table (one X-macro list: codes, names, messages),
 *   - diagnostics (a message with an optional file:line:col position),
 *   - the C model of a Run (the in-memory form of schema/run.fbs),
 *   - the FlatBuffers codec for that one schema: builder, verifier, reader,
 *   - time parsing and formatting, and a growable byte buffer.
 *
 * Data flows one way: ingest -> schema -> engine; repl -> query -> engine.
 * Nothing here prints or exits.
 */
#ifndef BDB_SCHEMA_H
#define BDB_SCHEMA_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * The error table. Each entry: code name, short name, message.
 * Every fallible function returns 0 on success or one of these (negative).
 */
#define BDB_ERROR_MAP(XX)                                                                          \
	XX(NOMEM, "nomem", "out of memory")                                                        \
	XX(INVAL, "inval", "invalid argument")                                                     \
	XX(IO, "io", "input/output error")                                                         \
	XX(NOTFOUND, "notfound", "not found")                                                      \
	XX(EXISTS, "exists", "already exists")                                                     \
	XX(CORRUPT, "corrupt",                                                                     \
	   "the store is damaged (benchdb verify says where; restore a backup)")                   \
	XX(VERIFY, "verify", "buffer failed verification")                                         \
	XX(PARSE, "parse", "malformed input")                                                      \
	XX(FORMAT, "format", "unrecognised input format")                                          \
	XX(TOOBIG, "toobig", "value too large")                                                    \
	XX(STORE, "store", "storage error")                                                        \
	XX(MAPFULL, "mapfull", "storage map is full")                                              \
	XX(READONLY, "readonly", "store is read-only")                                             \
	XX(VERSION, "version", "unsupported store format version")                                 \
	XX(QUERY, "query", "query error")                                                          \
	XX(CANCELLED, "cancelled", "cancelled")                                                    \
	XX(UNSUPPORTED, "unsupported", "not supported")                                            \
	XX(READERS, "readers",                                                                     \
	   "every reader slot of the store is taken (too many processes have it open; end some)")  \
	XX(LOCKGONE, "lockgone",                                                                   \
	   "lock.mdb was deleted or replaced while the store was open; stop every process "        \
	   "using the store, then start again")                                                    \
	XX(BUSY, "busy", "the store is busy: a transaction of this process did not end")          \
	XX(INUSE, "inuse",                                                                         \
	   "another process has the store open and may write it, and this one cannot register as " \
	   "a reader (lock.mdb is not writable here): it could read pages being rewritten; read "   \
	   "it where lock.mdb is writable, or a copy made with 'benchdb backup'")

enum bdb_error {
	BDB_OK = 0,
#define BDB_XX_ENUM(code, name, msg) BDB_E##code,
	BDB__ERROR_FIRST = -1000,
	BDB_ERROR_MAP(BDB_XX_ENUM)
#undef BDB_XX_ENUM
	    BDB__ERROR_LAST
};

/* The message of an error code ("out of memory"); never NULL. */
const char *bdb_strerror(int err);

/* The short name of an error code ("nomem"); never NULL. */
const char *bdb_error_name(int err);

/*
 * A diagnostic: what went wrong and, when known, where. Library functions
 * that can fail on user input take an optional `bdb_diag *` and fill it;
 * the caller (repl/) decides how to show it. line and col are 1-based;
 * 0 means unknown.
 */
typedef struct bdb_diag {
	int code;	   /* one of enum bdb_error */
	char file[256];	   /* file name, or "" */
	int line;	   /* 1-based, 0 if unknown */
	int col;	   /* 1-based, 0 if unknown */
	char message[768]; /* human sentence, no trailing newline */
} bdb_diag;

/* Clears d (safe with NULL). */
void bdb_diag_clear(bdb_diag *d);

/*
 * Fills d (safe with NULL) with code, position and a printf-style message.
 * Returns code, so callers can write `return bdb_diag_set(d, BDB_EPARSE, ...)`.
 */
int bdb_diag_set(bdb_diag *d, int code, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Writes "file:line:col: message" (parts omitted when unknown) into buf.
 * Returns buf.
 */
const char *bdb_diag_format(const bdb_diag *d, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Growable byte buffer                                                      */
/* ------------------------------------------------------------------------ */

typedef struct bdb_buf {
	char *data; /* NUL-terminated when len > 0 or after bdb_buf_cstr */
	size_t len;
	size_t cap;
	bool failed; /* set once an allocation failed; later appends no-op */
} bdb_buf;

void bdb_buf_init(bdb_buf *b);
void bdb_buf_free(bdb_buf *b);
void bdb_buf_reset(bdb_buf *b);
/* Makes room for n more bytes. Returns 0 or BDB_ENOMEM. */
int bdb_buf_reserve(bdb_buf *b, size_t n);
/* Grows the buffer and appends (the out-of-line half of bdb_buf_append). */
void bdb_buf_append_grow(bdb_buf *b, const void *data, size_t n);

/*
 * Appends data[0..n) and keeps the contents NUL-terminated; on a failed
 * allocation the buffer is marked failed and later appends do nothing.
 * Inline for the common case, room already there: formatting a table or
 * building a FlatBuffer appends a few bytes at a time.
 */
static inline void bdb_buf_append(bdb_buf *b, const void *data, size_t n)
{
	if (b->len + n + 1 <= b->cap && !b->failed) {
		if (n)
			memcpy(b->data + b->len, data, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	bdb_buf_append_grow(b, data, n);
}

static inline void bdb_buf_puts(bdb_buf *b, const char *s)
{
	bdb_buf_append(b, s, strlen(s));
}

static inline void bdb_buf_putc(bdb_buf *b, char c)
{
	bdb_buf_append(b, &c, 1);
}
void bdb_buf_printf(bdb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s in single quotes, each quote in it as '\'': one word that a
 * POSIX shell reads back as s, whatever it holds. */
void bdb_buf_put_shell_quoted(bdb_buf *b, const char *s);
/* Returns the contents as a NUL-terminated string (never NULL). */
const char *bdb_buf_cstr(bdb_buf *b);

/*
 * A 64-bit hash of data[0..n), eight bytes at a time, for in-memory hash
 * tables only: never stored, so it may change between versions.
 */
uint64_t bdb_hash_bytes(const void *data, size_t n);

/* ------------------------------------------------------------------------ */
/* Text (text.c): the one text layer of every reader and writer              */
/* ------------------------------------------------------------------------ */

/*
 * The length (1 to 4) of the well-formed UTF-8 sequence at s[0..n), with
 * its code point in *cp; 0 (and *cp = U+FFFD) when it is not one: an
 * overlong form, a surrogate, a code point past U+10FFFF, a stray or
 * missing continuation byte, or n == 0.
 */
size_t bdb_utf8_next(const char *s, size_t n, uint32_t *cp);

/* Writes cp (at most U+10FFFF) as UTF-8 to out[0..4); returns its length. */
size_t bdb_utf8_encode(uint32_t cp, char *out);

/* bdb_utf8_next for display: a byte that starts no well-formed sequence
 * decodes as U+FFFD of length 1. Returns 0 only for n == 0 (*cp = 0). */
size_t bdb_utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * The length of the longest prefix of s[0..n) that is valid UTF-8 (n when
 * all of it is): no overlong forms, surrogates or code points past
 * U+10FFFF, as JSON readers (jansson) demand. A NUL byte is valid here.
 */
size_t bdb_utf8_valid(const char *s, size_t n);

/*
 * The offset of the first byte of s[0..n) that is not text, or n when all
 * of it is. Text is valid UTF-8 (bdb_utf8_valid) without a NUL byte and,
 * when one_line is true, without any other control character (U+0001 to
 * U+001F, U+007F to U+009F): what a run id, commit, branch, tag or baseline
 * name given on a command line must be. *control (may be NULL) gets the
 * code point of the control character found there, or UINT32_MAX when the
 * fault is invalid UTF-8.
 */
size_t bdb_text_fault(const char *s, size_t n, bool one_line, uint32_t *control);

/* A UTF-8 character type (C.UTF-8, else en_US.UTF-8) for uselocale around
 * calls that read characters by the locale (fnmatch, libedit) while
 * benchdb itself stays in "C"; made once, shared, never freed; (locale_t)0
 * when the system has neither. */
locale_t bdb_text_utf8_ctype(void);

/* Line and column (1-based; columns count UTF-8 characters) of byte offset
 * in text[0..len) (an offset past len counts as len). */
void bdb_text_position(const char *text, size_t len, size_t offset, int *line, int *col);

/* Terminal columns of one code point: 0 for controls and combining marks,
 * 2 for East Asian wide characters and emoji, 1 otherwise. */
int bdb_codepoint_width(uint32_t cp);

/* Terminal columns of s[0..n) (bytes that are not UTF-8 count as U+FFFD). */
size_t bdb_display_width(const char *s, size_t n);

/* The length in bytes of the longest start of s[0..n) that ends at a
 * character boundary and takes at most `columns` terminal columns
 * (bdb_display_width); the zero-width marks after its last character are
 * in it. */
size_t bdb_display_prefix(const char *s, size_t n, size_t columns);

/* Writes the shortest decimal text that reads back to exactly v (printf's
 * %g form; size >= 32). Returns buf. */
char *bdb_double_text(double v, char *buf, size_t size);

/*
 * Appends s[0..n) to b as a JSON string, quotes included: '"', '\\' and
 * control characters escaped (\n, \r, \t by name, others as \u00XX), a
 * byte that is not UTF-8 (bdb_utf8_valid) as U+FFFD. The one JSON escaper.
 */
void bdb_buf_put_json_string(bdb_buf *b, const char *s, size_t n);

/* Appends s[0..n) to b as one CSV field (RFC 4180): quoted, with '"'
 * doubled, when it holds a comma, a quote or a line break. */
void bdb_buf_put_csv_field(bdb_buf *b, const char *s, size_t n);

/* Appends s[0..n) to b as one TSV field: a TAB, line feed, CR and
 * backslash as \t \n \r \\ (PostgreSQL's COPY text format), so a line
 * is a row and a TAB always separates fields (cut -f). */
void bdb_buf_put_tsv_field(bdb_buf *b, const char *s, size_t n);

/* Appends s[0..n) to b as the text of a Markdown table cell: '|', '\\',
 * '<', '[', ']', '*', '`', '~', '&' and a '_' at a word's edge
 * backslash-escaped (no HTML tag opens: BM_sort<int> shows as is; no link,
 * image, emphasis or entity: "[x](url)", "__init__", "&lt;" show as they
 * are; "BM_sort_big" keeps its bare '_'), a ':' before "//" and a '.'
 * after "www" too (GitHub links a bare URL), a zero-width space
 * (U+200B) after each '@' (a name "@team" mentions no one on GitHub), line
 * breaks and tabs as blanks, other control characters as '?'. */
void bdb_buf_put_markdown(bdb_buf *b, const char *s, size_t n);

/*
 * Appends s[0..n) to b as XML character data or an attribute value (SVG,
 * HTML): & < > " ' become entities; bytes that are not valid UTF-8, control
 * characters other than tab, newline and carriage return, and U+FFFE/U+FFFF
 * (none of which XML 1.0 allows) become U+FFFD. The one escaper of every
 * name that reaches an SVG chart or an HTML page.
 */
void bdb_buf_put_xml(bdb_buf *b, const char *s, size_t n);

/*
 * An arena: strings and small objects freed all at once. Allocations are
 * 8-aligned; a request larger than half a block gets a block of its own.
 * On ENOMEM an allocation returns NULL and sets failed.
 */
typedef struct bdb_arena {
	struct bdb_arena_block *head;
	size_t block; /* bytes per block */
	bool failed;
} bdb_arena;

/* block: bytes per block (0: 4096). */
void bdb_arena_init(bdb_arena *a, size_t block);
void bdb_arena_free(bdb_arena *a);
/* n bytes (n == 0 gives 8), not zeroed; NULL on ENOMEM. */
void *bdb_arena_alloc(bdb_arena *a, size_t n);
/* n bytes, zeroed; NULL on ENOMEM. */
void *bdb_arena_calloc(bdb_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n); NULL on ENOMEM. */
char *bdb_arena_strndup(bdb_arena *a, const char *s, size_t n);

/* ------------------------------------------------------------------------ */
/* Output formats (output.c): the one table of the formats benchdb writes    */
/* ------------------------------------------------------------------------ */

typedef enum bdb_output_format {
	BDB_OUTPUT_DEFAULT = 0, /* the caller's choice: TABLE */
	BDB_OUTPUT_TABLE,	/* aligned columns, UTF-8 display-width aware */
	BDB_OUTPUT_JSON,	/* query: one object per statement; export: one run */
	BDB_OUTPUT_CSV,		/* RFC 4180: header line, CRLF line ends */
	BDB_OUTPUT_TSV,		/* a field per TAB, LF line ends, a header line */
	BDB_OUTPUT_MARKDOWN,	/* a GitHub-flavoured Markdown table */
	BDB_OUTPUT_LINE,	/* one "name = value" line per field, rows apart
				 * (sqlite3's .mode line), for wide rows */
	/* The pictures draw a trend or changes result (other results fall
	 * back to the table format; the parser refuses them there): */
	BDB_OUTPUT_SVG,	  /* one SVG document (docs/report.md) */
	BDB_OUTPUT_HTML,  /* a self-contained HTML page: the chart, then the table */
	BDB_OUTPUT_CHART, /* a line chart of Unicode braille for a terminal */
	/* export only: benchkit Run JSON as benchkit (calibrax Run.to_dict)
	 * writes it (engine/ingest/ingest.h, bdb_export_run) */
	BDB_OUTPUT_BENCHKIT
} bdb_output_format;

/* Where a format is offered (a row's uses). */
enum {
	BDB_OUTPUT_FOR_QUERY = 1u << 0,	 /* `as`, --format of statements */
	BDB_OUTPUT_FOR_MODE = 1u << 1,	 /* the REPL's .mode */
	BDB_OUTPUT_FOR_EXPORT = 1u << 2, /* benchdb export --format */
	BDB_OUTPUT_FOR_CHECK = 1u << 3,	 /* benchdb check --format */
	BDB_OUTPUT_PICTURE = 1u << 4	 /* a chart of a trend or changes */
};

typedef struct bdb_output_format_info {
	bdb_output_format format;
	const char *name;  /* what users write */
	const char *alias; /* another accepted name ("md"), or NULL */
	unsigned uses;	   /* BDB_OUTPUT_FOR_* and BDB_OUTPUT_PICTURE */
	const char *what;
} bdb_output_format_info;

extern const bdb_output_format_info bdb_output_formats[];
extern const size_t bdb_n_output_formats;

/* The name of f ("table" for DEFAULT). */
const char *bdb_output_format_name(bdb_output_format f);
/* The format named name or its alias (any case) whose uses include all of
 * uses: 0, or BDB_EINVAL. */
int bdb_output_format_parse(const char *name, unsigned uses, bdb_output_format *out);
/* Whether f is a picture (svg, html, chart). */
bool bdb_output_format_is_picture(bdb_output_format f);
/* The names of the formats whose uses include all of uses, in table order,
 * into out[0..max) NULL-terminated; returns how many. */
size_t bdb_output_format_names(unsigned uses, const char **out, size_t max);
/* Appends the names of the formats whose uses include all of uses to b as
 * "table, json, ... or line" (BDB_OUTPUT_FOR_MODE: the formats a default
 * may be, for the errors of --format, .mode and format=). */
void bdb_output_format_put_list(bdb_buf *b, unsigned uses);
/* The empty line between the results of two statements in format f, ended
 * as f ends its lines: "\r\n" for CSV, "" for JSON (an object a
 * statement), "\n" for the others. */
const char *bdb_output_format_separator(bdb_output_format f);

/* ------------------------------------------------------------------------ */
/* Time                                                                      */
/* ------------------------------------------------------------------------ */

/*
 * Parses an absolute time into microseconds since the epoch, UTC.
 * Accepts "2026-01-31", "2026-01-31T12:00:00", "2026-01-31 12:00:00",
 * fractional seconds (".123456"), and a zone "Z", "+02:00", "+0200", or
 * after one space "+0200" (git's %ci: "2023-11-14 22:13:20 +0100").
 * A time without a zone is UTC. Returns 0, or BDB_EPARSE.
 */
int bdb_time_parse(const char *text, int64_t *out_us);

/*
 * When text is written as a time bdb_time_parse reads but names none (a
 * day the month lacks, 2023-02-29; month 13; hour 24; minute 60), why it
 * is none, e.g. "February 2023 has no day 29 (it has 28 days)", in
 * why[0..size) and returns why; otherwise NULL. Second 60 is a leap
 * second: read as the next minute's second 0.
 */
const char *bdb_time_impossible(const char *text, char *why, size_t size);

/*
 * Formats microseconds since the epoch as RFC 3339 UTC:
 * "2026-01-31T12:00:00Z", with ".ffffff" only when the fraction is non-zero.
 * buf must hold at least 40 bytes. Returns buf.
 */
char *bdb_time_format(int64_t us, char *buf, size_t size);

/*
 * A duration, such as a relative time "30d" of the query language or an
 * age of the retention policy: decimal digits then one unit, in any case:
 * h hours, d days, w weeks (7 days), y years of 365 days each (a count of
 * days, not calendar years: 1y before 2028-03-01T00:00Z is 2027-03-02,
 * across the leap day). text is len bytes. Returns 0 with *out_us; BDB_ETOOBIG
 * for one longer than BDB_DURATION_MAX (1,000,000 weeks, 7,000,000 days,
 * 19,178 years), which stays far inside the clock's range; BDB_EPARSE for
 * text that is no duration (no digit, no unit or another one: m would be
 * minutes or months).
 */
#define BDB_DURATION_MAX (INT64_C(1000000) * 7 * 86400 * 1000000)
int bdb_duration_parse(const char *text, size_t len, int64_t *out_us);

/* The current time in microseconds since the epoch. */
int64_t bdb_time_now(void);

/* Calendar months (UTC, proleptic Gregorian): the month of time us as the
 * index 12 * year + month - 1 (2026-03 is 24314), and 00:00 of the first
 * day of month index k. bdb_time_month_at(bdb_time_month_index(us) + n) is
 * the start of the month n months after us's. */
int64_t bdb_time_month_index(int64_t us);
int64_t bdb_time_month_at(int64_t k);

/* ------------------------------------------------------------------------ */
/* Sums (sum.c)                                                              */
/* ------------------------------------------------------------------------ */

/*
 * The sum of x[0..n), each value multiplied by scale first (a power of two,
 * so exactly), with Neumaier's compensation: the low digits a plain running
 * sum rounds away are kept (1e16 + 1 - 1e16 is 1, not 0), so means of long
 * series of similar values do not drift with the series' length. An
 * infinite or NaN value, or a sum that overflows, gives the plain sum.
 */
double bdb_sum_compensated(const double *x, size_t n, double scale);

/* ------------------------------------------------------------------------ */
/* Units                                                                     */
/* ------------------------------------------------------------------------ */

/*
 * The factor that converts a value in unit `from` to unit `to`
 * (value_to = value_from * factor). Known families: time (ns, us, µs, ms,
 * s, min, h), sizes (B, KB, MB, GB, TB decimal; KiB, MiB, GiB, TiB binary)
 * and rates of sizes or counts per time unit (B/s, MB/s, ops/s, ops/ms, ...);
 * a time per count ("ns/iter", "us/op": the time of one iteration, as
 * cargo, go and JMH print it) converts to a time and to a time per the same
 * count ("ns/iter" to "us" or "us/iter", not to "us/op"); a size per count
 * ("B/op") to a size per the same count ("KB/op", not "B").
 * Identical strings give 1 for any unit, known or not, and so do units
 * that differ only in blanks around them ("ms " is "ms": a store may hold a
 * series whose unit kept them). Returns 0, or BDB_EINVAL when the units
 * cannot be converted into each other.
 */
int bdb_unit_factor(const char *from, const char *to, double *factor);

/* The longest unit a run may give (bytes): the store refuses a longer one. */
#define BDB_UNIT_MAX 64

/*
 * unit without the blanks around it (spaces, tabs, line ends): returns a
 * pointer into unit and its length in *len (0 for a unit of blanks only).
 */
const char *bdb_unit_trim(const char *unit, size_t *len);

/*
 * value * factor for a factor from bdb_unit_factor, correctly rounded where
 * the factor is the reciprocal of a whole number (ns -> ms is 1e-6: value
 * / 1e6), where the product rounds twice: 9 us was 0.009000000000000001 ms,
 * not the 0.009 ms a value written in ms is, and equal samples in two
 * units were no longer tied.
 */
double bdb_unit_convert(double value, double factor);

/*
 * The units a value in unit is shown in, smallest first, NULL-terminated:
 * ns, µs, ms, s for a time; B, KB, MB, GB, TB for a size and B/s ... TB/s
 * for a byte rate, in binary steps (KiB, MiB, ...) when unit is binary
 * (KiB, MiB/s, ...); ns/op ... s/op and B/op ... TB/op for a time or size
 * per "op" (or per "iter"). NULL for other units (ops/s, elem/s, allocs/op,
 * ns/call, ...), which tables
 * and charts show with SI prefixes (19.5k ops/s). Tables and charts both
 * scale by it: a value reads the same in both.
 */
const char *const *bdb_unit_ladder(const char *unit);

/* ------------------------------------------------------------------------ */
/* The run model                                                             */
/* ------------------------------------------------------------------------ */

typedef enum bdb_direction {
	BDB_HIGHER = 0, /* higher is better */
	BDB_LOWER = 1,	/* lower is better */
	BDB_INFO = 2	/* informational, never a regression */
} bdb_direction;

typedef enum bdb_priority { BDB_PRIMARY = 0, BDB_SECONDARY = 1 } bdb_priority;

/* "higher" / "lower" / "info". */
const char *bdb_direction_name(bdb_direction d);
/* Parses "higher"/"lower"/"info" (also benchkit's "higher_is_better" etc.). */
int bdb_direction_parse(const char *s, bdb_direction *out);

typedef struct bdb_kv {
	const char *key;
	const char *value;
} bdb_kv;

/* Appends n tags to b as "key=value" joined by sep (the CSV formats' tags
 * column), with sep and '\\' in a key or value preceded by '\\', so that
 * the text splits back: at each sep not escaped, then at the first '='
 * (a key holds none). */
void bdb_buf_put_tag_list(bdb_buf *b, const bdb_kv *tags, size_t n, char sep);

typedef struct bdb_metric_def {
	const char *name;
	const char *unit; /* may be NULL */
	bdb_direction direction;
	const char *group; /* may be NULL */
	bdb_priority priority;
	const char *description; /* may be NULL */
	bool has_threshold;
	double threshold; /* percent, e.g. 5.0 for 5% */
} bdb_metric_def;

typedef struct bdb_metric {
	const char *name;
	double value;
	bool has_lower;
	double lower;
	bool has_upper;
	double upper;
	const double *samples; /* n_samples values, or NULL */
	size_t n_samples;
	const char *unit; /* may be NULL */
} bdb_metric;

typedef struct bdb_point {
	const char *name;
	const char *scenario; /* may be NULL */
	bdb_kv *tags;	      /* sorted by key, keys unique */
	size_t n_tags;
	size_t cap_tags;
	bdb_metric *metrics;
	size_t n_metrics;
	size_t cap_metrics;
} bdb_point;

/*
 * A Run. Every string and sample array it points to lives in the run's own
 * arena and is freed with it by bdb_run_free. Build one with the functions
 * below; read its fields directly.
 */
typedef struct bdb_run {
	const char *id;
	int64_t timestamp_us;
	const char *commit; /* may be NULL */
	const char *branch; /* may be NULL */
	bdb_kv *env;	    /* sorted by key */
	size_t n_env, cap_env;
	bdb_kv *meta; /* sorted by key */
	size_t n_meta, cap_meta;
	bdb_metric_def *defs;
	size_t n_defs, cap_defs;
	bdb_point *points;
	size_t n_points, cap_points;
	/* The timestamp was not given by the input or the options but assumed
	 * (the clock, a file's modification time): a run stored under the same
	 * id with the same contents is the same run whatever its timestamp, and
	 * keeps its own. Not encoded. */
	bool timestamp_assumed;
	struct bdb_arena *arena;
} bdb_run;

/* A new empty run, or NULL when out of memory. Free with bdb_run_free. */
bdb_run *bdb_run_new(void);
void bdb_run_free(bdb_run *run);

/* Copies s (NULL gives NULL) into the run's arena; NULL on ENOMEM for non-NULL s. */
const char *bdb_run_strdup(bdb_run *run, const char *s);
const char *bdb_run_strndup(bdb_run *run, const char *s, size_t n);
/* Allocates n bytes (8-aligned) in the run's arena; NULL on ENOMEM. */
void *bdb_run_alloc(bdb_run *run, size_t n);

/* Setters copy their strings into the arena. Return 0 or BDB_ENOMEM. */
int bdb_run_set_id(bdb_run *run, const char *id);
int bdb_run_set_commit(bdb_run *run, const char *commit);
/* True when commit looks like a hash: 7 or more hex digits and nothing
 * else. */
bool bdb_commit_is_hash(const char *commit);

int bdb_run_set_branch(bdb_run *run, const char *branch);
/* Sets (or replaces) an environment / metadata entry, kept sorted by key. */
int bdb_run_set_env(bdb_run *run, const char *key, const char *value);
int bdb_run_set_meta(bdb_run *run, const char *key, const char *value);
/* The metadata entry key's value, or NULL. */
const char *bdb_run_get_meta(const bdb_run *run, const char *key);

/*
 * Adds a metric definition (replacing one of the same name) and returns it
 * through *out (valid until the next add). Returns 0 or BDB_ENOMEM.
 */
int bdb_run_add_def(bdb_run *run, const char *name, bdb_metric_def **out);
/* The run's definition of metric `name`, or NULL. */
const bdb_metric_def *bdb_run_find_def(const bdb_run *run, const char *name);

/*
 * Appends a point and returns it through *out. The pointer stays valid until
 * the next bdb_run_add_point on the same run. Returns 0 or BDB_ENOMEM.
 */
int bdb_run_add_point(bdb_run *run, const char *name, bdb_point **out);
int bdb_point_set_scenario(bdb_run *run, bdb_point *p, const char *scenario);
/* Sets (or replaces) a tag, keeping tags sorted by key. */
int bdb_point_set_tag(bdb_run *run, bdb_point *p, const char *key, const char *value);
const char *bdb_point_get_tag(const bdb_point *p, const char *key);
/*
 * Appends a metric to the point (replacing one of the same name) and returns
 * it through *out, valid until the next add on the same point.
 */
int bdb_point_add_metric(bdb_run *run, bdb_point *p, const char *name, double value,
			 bdb_metric **out);
const bdb_metric *bdb_point_find_metric(const bdb_point *p, const char *name);
/* Sets m's unit to a copy of unit without the blanks around it
 * (bdb_unit_trim; "" when it is only blanks; NULL: none). */
int bdb_metric_set_unit(bdb_run *run, bdb_metric *m, const char *unit);
/* A run-owned copy of unit without the blanks around it ("" when it is
 * only blanks), NULL when unit is NULL or on failure to allocate. */
const char *bdb_run_unit(bdb_run *run, const char *unit);
/* Copies n samples into the arena. */
int bdb_metric_set_samples(bdb_run *run, bdb_metric *m, const double *samples, size_t n);

/*
 * Finds the point with this name and exactly this (sorted) tag set, or NULL.
 */
const bdb_point *bdb_run_find_point(const bdb_run *run, const char *name, const bdb_kv *tags,
				    size_t n_tags);

/* Deep equality of two runs (same fields, same order, NaN equals NaN). */
bool bdb_run_equal(const bdb_run *a, const bdb_run *b);

/*
 * Whether runs a (the stored one) and b (the new one) differ, as
 * bdb_run_equal tells, but without their timestamps when ignore_timestamp.
 * When they do and buf is not NULL, buf (size bytes) receives the first
 * field that differs, in the order id, timestamp, commit, branch,
 * environment, metadata, definitions, points (name, scenario, tags, then
 * each metric's value, bounds, unit, samples): `commit (stored "abc", new
 * "def")`, `point "BM_x": metric "real_time": value (stored 1.5, new 2.5)`.
 */
bool bdb_run_difference(const bdb_run *a, const bdb_run *b, bool ignore_timestamp, char *buf,
			size_t size);

/* ------------------------------------------------------------------------ */
/* FlatBuffers codec for schema/run.fbs                                      */
/* ------------------------------------------------------------------------ */

/* The 4-byte file identifier of a stored run. */
#define BDB_RUN_FILE_IDENTIFIER "BDBR"

/* Verifier limits. */
#define BDB_FB_MAX_DEPTH 16

/*
 * Encodes run as a FlatBuffer (root table Run, file identifier "BDBR") into
 * out (appended). Tags, environment and metadata are written in the run's
 * (sorted) order. Returns 0 or BDB_ENOMEM / BDB_EINVAL (run->id NULL, or a
 * direction or priority outside its enum) / BDB_ETOOBIG (the buffer would
 * exceed the FlatBuffers limit of 2^31 - 1 bytes). The builder works in
 * out's spare capacity, so reusing one bdb_buf (bdb_buf_reset) across runs
 * avoids allocating; on failure out->len is unchanged.
 */
int bdb_run_encode(const bdb_run *run, bdb_buf *out);

/*
 * Verifies that buf[0..len) is a well-formed Run FlatBuffer: every offset,
 * size, alignment (relative to buf), string terminator and vector length is
 * checked before anything is read, with depth limited to BDB_FB_MAX_DEPTH.
 * buf need not be aligned. Returns 0 or BDB_EVERIFY; on failure d (may be
 * NULL) says what was wrong and at which byte offset.
 */
int bdb_run_verify(const void *buf, size_t len, bdb_diag *d);

/*
 * Decodes a buffer into a new run (*out, free with bdb_run_free). Verifies
 * first; returns 0, BDB_EVERIFY or BDB_ENOMEM.
 */
int bdb_run_decode(const void *buf, size_t len, bdb_run **out, bdb_diag *d);

/*
 * Zero-copy reading of a *verified* buffer. The views point into buf and are
 * valid as long as buf is (for an LMDB value: until the end of the
 * transaction). Scalars are read with memcpy, so buf may be unaligned.
 */
typedef struct bdb_fb_view {
	const uint8_t *buf;
	size_t len;
	uint32_t table; /* offset of the table in buf; 0 means absent */
} bdb_fb_view;

typedef struct bdb_fb_str {
	const char *ptr; /* NULL when absent; NUL-terminated in the buffer */
	uint32_t len;
} bdb_fb_str;

/* Root Run table of a verified buffer. */
bdb_fb_view bdb_fb_run_root(const void *buf, size_t len);
bdb_fb_str bdb_fb_run_id(bdb_fb_view run);
int64_t bdb_fb_run_timestamp(bdb_fb_view run);
bdb_fb_str bdb_fb_run_commit(bdb_fb_view run);
bdb_fb_str bdb_fb_run_branch(bdb_fb_view run);
uint32_t bdb_fb_run_n_points(bdb_fb_view run);
bdb_fb_view bdb_fb_run_point(bdb_fb_view run, uint32_t i);
bdb_fb_str bdb_fb_point_name(bdb_fb_view point);
bdb_fb_str bdb_fb_point_scenario(bdb_fb_view point);
uint32_t bdb_fb_point_n_tags(bdb_fb_view point);
void bdb_fb_point_tag(bdb_fb_view point, uint32_t i, bdb_fb_str *key, bdb_fb_str *value);
uint32_t bdb_fb_point_n_metrics(bdb_fb_view point);
bdb_fb_view bdb_fb_point_metric(bdb_fb_view point, uint32_t i);
bdb_fb_str bdb_fb_metric_name(bdb_fb_view metric);
double bdb_fb_metric_value(bdb_fb_view metric);
bool bdb_fb_metric_lower(bdb_fb_view metric, double *out);
bool bdb_fb_metric_upper(bdb_fb_view metric, double *out);
uint32_t bdb_fb_metric_n_samples(bdb_fb_view metric);
double bdb_fb_metric_sample(bdb_fb_view metric, uint32_t i);
bdb_fb_str bdb_fb_metric_unit(bdb_fb_view metric);

/*
 * The rest of the schema, read the same way. An absent field reads as its
 * default: a string as {NULL, 0}, a count as 0, an optional scalar as false
 * (with *out set to 0). An index past the end, or a view of an absent table,
 * gives an absent view / absent strings rather than a read out of bounds.
 * Enum values this reader does not know (a newer writer's) read as
 * BDB_INFO / BDB_SECONDARY.
 */
uint32_t bdb_fb_run_n_env(bdb_fb_view run);
void bdb_fb_run_env(bdb_fb_view run, uint32_t i, bdb_fb_str *key, bdb_fb_str *value);
uint32_t bdb_fb_run_n_meta(bdb_fb_view run);
void bdb_fb_run_meta(bdb_fb_view run, uint32_t i, bdb_fb_str *key, bdb_fb_str *value);
uint32_t bdb_fb_run_n_defs(bdb_fb_view run);
bdb_fb_view bdb_fb_run_def(bdb_fb_view run, uint32_t i);
bdb_fb_str bdb_fb_def_name(bdb_fb_view def);
bdb_fb_str bdb_fb_def_unit(bdb_fb_view def);
bdb_direction bdb_fb_def_direction(bdb_fb_view def);
bdb_fb_str bdb_fb_def_group(bdb_fb_view def);
bdb_priority bdb_fb_def_priority(bdb_fb_view def);
bdb_fb_str bdb_fb_def_description(bdb_fb_view def);
bool bdb_fb_def_threshold(bdb_fb_view def, double *out);
/*
 * Copies all of the metric's samples into out, which must hold
 * bdb_fb_metric_n_samples(metric) doubles (the buffer's doubles may be
 * unaligned, so they are not exposed as a pointer). Returns the count.
 */
uint32_t bdb_fb_metric_copy_samples(bdb_fb_view metric, double *out);

/*
 * Where a Run FlatBuffer's metric doubles are: the position in buf of each
 * metric's value, lower bound, upper bound and samples, in that order,
 * point by point and metric by metric. Fills pos[0..cap) and sets *n to
 * the count (call with cap 0 to count). Every read is bounds-checked, so
 * buf need not be verified: BDB_ECORRUPT for an offset out of bounds or
 * more positions than len / 8 (tables shared many times). Positions may
 * repeat where tables are shared. The run store packs these doubles apart
 * from the rest of the buffer (docs/storage.md 2.2.1).
 */
int bdb_fb_run_doubles(const void *buf, size_t len, uint32_t *pos, size_t cap, size_t *n);

/* A metric's samples among the doubles of bdb_fb_run_doubles: they are
 * positions first .. first + count - 1 of its list; point is the index of
 * the metric's point in the run. */
typedef struct bdb_fb_samples_at {
	uint32_t point, first, count;
} bdb_fb_samples_at;

/*
 * The run's sample vectors that are not empty, point by point and metric by
 * metric (the order of bdb_fb_run_doubles), with the same checks: fills
 * vec[0..cap) and sets *n to the count (cap 0 counts). The run store models
 * a point's samples together (docs/storage.md 2.2.1).
 */
int bdb_fb_run_sample_vectors(const void *buf, size_t len, bdb_fb_samples_at *vec, size_t cap,
			       size_t *n);

#endif /* BDB_SCHEMA_H */
