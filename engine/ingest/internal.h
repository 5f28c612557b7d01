/*
 * internal.h - what the adapters of engine/ingest/ share. Not public: the
 * symbols carry the bdb__ prefix and may change with the adapters.
 *
 *   json.c    jansson loading with positions, typed field getters whose
 *             errors say file:line:col and what was expected, flattening of
 *             nested values into key/value text
 *   text.c    line iteration, strict number parsing and byte checks for the
 *             text formats (gotest, cargo)
 *   build.c   run building: metrics with units and directions, repeated
 *             observations turned into samples and a mean, hashing, a
 *             string map
 *   ingest.c  reading, format detection, options, fallback id and timestamp
 */
#ifndef BDB_INGEST_INTERNAL_H
#define BDB_INGEST_INTERNAL_H

#include <jansson.h>
#include <sys/types.h>

#include "ingest.h"

/* ------------------------------------------------------------------------ */
/* JSON documents (json.c)                                                   */
/* ------------------------------------------------------------------------ */

/*
 * A parsed JSON document and the text it came from. Positions of values are
 * found only when an error needs one: the first query walks the text once,
 * in step with the parsed tree (jansson keeps object members in text
 * order), and records where each value starts.
 */
typedef struct bdb__json_doc {
	const char *name; /* display name, for diagnostics */
	const char *text; /* not owned; must outlive the document */
	size_t len;
	const char *whole; /* the input text lies in (positions count in it) */
	size_t whole_len;
	json_t *root;		       /* owned */
	struct bdb__json_index *index; /* built lazily, owned */
} bdb__json_doc;

/*
 * Parses text (which need not be NUL-terminated) with duplicate keys
 * rejected; the top level must be an object or an array. A leading UTF-8
 * byte order mark is skipped. On failure returns BDB_EPARSE with d at the
 * offending token ("invalid JSON: ...") and leaves doc empty.
 */
int bdb__json_parse(bdb__json_doc *doc, const char *name, const char *text, size_t len,
		    bdb_diag *d);
void bdb__json_release(bdb__json_doc *doc);

/*
 * bdb__json_parse of whole[start..start+len), a value inside a larger
 * input: positions in errors (now and from doc later) are positions in
 * whole. whole must outlive the document.
 */
int bdb__json_parse_span(bdb__json_doc *doc, const char *name, const char *whole, size_t whole_len,
			 size_t start, size_t len, bdb_diag *d);

/*
 * The end of the JSON value that starts at p (no white space before it),
 * found without checking it: strings are skipped to their closing quote,
 * brackets matched, a scalar runs to the next delimiter. NULL when the value
 * does not end before end or nests deeper than max_depth. jansson checks
 * the bytes when it parses them.
 */
const char *bdb__json_skip(const char *p, const char *end, int max_depth);

/* "string", "number", "object", "array", "boolean", "null". */
const char *bdb__json_type_name(const json_t *v);

/* Where an error points: a member (key), an element (index), or the container. */
#define BDB__NO_INDEX ((size_t)-1)

/*
 * The byte offset in the input (the whole input, for a span) at which
 * container[key] (key NULL: container[index]) starts; false when it is not
 * found. The first call builds the document's position index.
 */
bool bdb__json_offset(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		      size_t *offset);

/*
 * Fills d with BDB_EPARSE at the start of a value: container's member key
 * (key non-NULL), its element index (index != BDB__NO_INDEX) or the
 * container itself. Returns BDB_EPARSE.
 */
int bdb__json_fail(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		   bdb_diag *d, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Typed member getters. A member that is absent or null is "missing": with
 * required, that is an error at the object's start (`missing required field
 * "name"`); otherwise *out is NULL / *present false and 0 is returned. A
 * member of the wrong type is an error at the member's value (`"value" must
 * be a number, got string`). Pointers stay valid as long as doc.
 */
int bdb__json_object(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     json_t **out, bdb_diag *d);
int bdb__json_array(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		    json_t **out, bdb_diag *d);
int bdb__json_string(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     const char **out, bdb_diag *d);
int bdb__json_number(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     double *out, bool *present, bdb_diag *d);
int bdb__json_bool(bdb__json_doc *doc, const json_t *obj, const char *key, bool required, bool *out,
		   bool *present, bdb_diag *d);
/* A string, number or boolean member as text (numbers written exactly). */
int bdb__json_scalar(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     char *buf, size_t size, const char **out, bdb_diag *d);

/* Element getters; label names the array in messages (`"times"[3] must be ...`). */
int bdb__json_elem_object(bdb__json_doc *doc, const json_t *arr, size_t i, const char *label,
			  json_t **out, bdb_diag *d);
int bdb__json_elem_number(bdb__json_doc *doc, const json_t *arr, size_t i, const char *label,
			  double *out, bdb_diag *d);

/*
 * Reads the numeric array obj[key] (absent/null: *n = 0) into a malloc'ed
 * vector *out (free with free()), element errors at the element.
 */
int bdb__json_numbers(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		      double **out, size_t *n, bdb_diag *d);

/*
 * Text of a scalar: strings as they are, integers exactly, reals in the
 * shortest form that reads back to the same double, booleans "true" /
 * "false". Anything else (object, array, null) is written as compact JSON.
 * Returns a pointer into buf or to the string's own storage.
 */
const char *bdb__json_text(const json_t *v, char *buf, size_t size);

/*
 * Calls fn(ctx, key, text) for every leaf of v: members of nested objects
 * get dotted keys ("cpu.brand"), arrays are written as compact JSON, null is
 * skipped. prefix ("" for none) is put before every key. Stops at the first
 * non-zero return of fn and returns it. Two leaves that make one key
 * ({"a.b": 1, "a": {"b": 2}}) are BDB_EPARSE at the second, before fn
 * sees it: nothing is overwritten.
 */
typedef int (*bdb__kv_fn)(void *ctx, const char *key, const char *value);
int bdb__json_flatten(const json_t *v, const char *prefix, bdb__kv_fn fn, void *ctx);
/* The same, a clash reported in d at the second leaf of doc, as `what`
 * ("metadata key", "environment key", "tag") "a.b" from both keys. */
int bdb__json_flatten_at(bdb__json_doc *doc, const json_t *v, const char *prefix, const char *what,
			 bdb__kv_fn fn, void *ctx, bdb_diag *d);

/* bdb__kv_fn adapters: ctx is the bdb_run. */
int bdb__set_env(void *run, const char *key, const char *value);
int bdb__set_meta(void *run, const char *key, const char *value);

/* A point by index (pointers to points move when points are added). */
typedef struct bdb__point_ref {
	bdb_run *run;
	size_t point;
} bdb__point_ref;
/* bdb__kv_fn adapter that sets a tag: ctx is a bdb__point_ref. */
int bdb__set_tag(void *ref, const char *key, const char *value);

/*
 * Fails unless doc's root is an object: `<what> must be a JSON object, got
 * array` at the root. Returns 0 or BDB_EPARSE.
 */
int bdb__json_need_object(bdb__json_doc *doc, const char *what, bdb_diag *d);

/*
 * Metadata keys benchdb itself writes (bdb__is_reserved_meta says which):
 *   "exact:<point index>:<point>:<metric>"  the exact text of an integer
 *        value above 2^53, which the metric holds as the nearest double;
 *   "json:environment", "json:metadata"  the original JSON of a benchkit
 *        run's environment / metadata (and of the environment any JSON
 *        adapter read, bdb__json_env) when it was more than flat strings
 *        (the run holds it flattened: "cpu.cores" = "16").
 *   "json:timestamp_zone"  the zone of a benchkit run's time ("+02:00";
 *        Z is "+00:00"), absent when the file's time had none: benchkit's
 *        `summary` prints the time as Python's isoformat() does.
 * The benchkit exporter writes the originals back from them and leaves them
 * out of the metadata it writes.
 */
#define BDB__META_EXACT "exact:"
#define BDB__META_SHAPE "json:"
#define BDB__META_ZONE	"json:timestamp_zone"

/* The zone of time text (bdb_time_parse syntax) as Python's isoformat()
 * writes it, "+HH:MM" ("Z" is "+00:00"), into zone (12 bytes); "" when the
 * text has none. */
void bdb__time_zone_of(const char *text, char zone[12]);
bool bdb__is_reserved_meta(const char *key);

/* Writes the "exact:" key of metric `metric` of point p of run into buf. */
void bdb__exact_key(const bdb_run *run, const bdb_point *p, const char *metric, char *buf,
		    size_t size);

/*
 * When v is an integer beyond 2^53 (which a double cannot hold exactly),
 * keeps its exact text in the run's metadata under bdb__exact_key.
 * p is a point of run.
 */
int bdb__json_keep_exact(bdb_run *run, const json_t *v, const bdb_point *p, const char *metric);

/*
 * Keeps the JSON of a benchkit environment / metadata object under
 * "json:<name>" when it holds anything but strings (numbers, booleans,
 * nested objects, arrays, nulls), so that it can be written back as it was.
 */
int bdb__json_keep_shape(bdb_run *run, const char *name, const json_t *obj);

/* Appends s as a JSON string (NULL: null), escaping quotes, backslashes
 * and control characters. */
void bdb__put_json_string(bdb_buf *b, const char *s);
/* Appends v in the shortest form that reads back the same (non-finite: null). */
void bdb__put_json_number(bdb_buf *b, double v);

/* Appends v as Python writes a float: shortest text that reads back the
 * same, with ".0" when that looks like an integer (non-finite: null). */
void bdb__put_json_real(bdb_buf *b, double v);

/*
 * Appends any JSON value: integers exact, reals as bdb__put_json_real.
 * level < 0: compact; level >= 0: objects one member per line, indented
 * two spaces per level (level is the depth of v), arrays on one line.
 */
void bdb__put_json_value(bdb_buf *b, const json_t *v, int level);


/* ------------------------------------------------------------------------ */
/* Text inputs (text.c)                                                      */
/* ------------------------------------------------------------------------ */

typedef struct bdb__lines {
	const char *next; /* start of the next line */
	const char *end;
	const char *line; /* the current line, without its end of line */
	size_t len;
	int number; /* 1-based number of the current line */
} bdb__lines;

void bdb__lines_init(bdb__lines *l, const char *data, size_t len);
/* Advances to the next line; false at the end of the input. */
bool bdb__lines_next(bdb__lines *l);
/* True when the current line is the input's last and no line end follows
 * it: a tool that ends its lines was cut off inside it. */
bool bdb__lines_cut(const bdb__lines *l);

/* 1-based column (in UTF-8 characters) of `at` within the line at `line`. */
int bdb__line_column(const char *line, const char *at);

/*
 * Checks that text is text: no NUL byte, valid UTF-8. BDB_EPARSE at the
 * first offending byte otherwise.
 */
int bdb__text_check(const char *name, const char *text, size_t len, bdb_diag *d);

/*
 * Parses s[0..n) as a finite decimal number (optional sign, digits, '.',
 * exponent); commas are skipped when allow_commas ("1,234"). false for
 * anything else, including overflow to infinity.
 */
bool bdb__parse_number(const char *s, size_t n, bool allow_commas, double *out);

/* Skips spaces and tabs. */
const char *bdb__skip_blanks(const char *p, const char *end);
/* End of the token starting at p (up to a space, tab or end). */
const char *bdb__token_end(const char *p, const char *end);
/* True when line[0..len) starts with prefix. */
bool bdb__starts_with(const char *line, size_t len, const char *prefix);
/*
 * Copies src[0..len) (valid UTF-8) into dst[cap] as a string: a text longer
 * than cap - 1 bytes is cut at the last character start that fits, so the
 * copy is valid UTF-8 too (a cut inside a character made names that no JSON
 * reader takes back).
 */
void bdb__copy_text(char *dst, size_t cap, const char *src, size_t len);

/*
 * One CSV line split into fields (RFC 4180 quoting: a field in double
 * quotes may hold commas, and "" is a quote; no line breaks inside
 * fields). field[i] is NUL-terminated text, start[i] where it began in the
 * line (for error columns). Valid until the next split or bdb__csv_free.
 */
#define BDB__CSV_MAX_FIELDS 256
typedef struct bdb__csv_row {
	size_t n;
	const char *field[BDB__CSV_MAX_FIELDS];
	const char *start[BDB__CSV_MAX_FIELDS];
	bdb_buf text; /* the fields, NUL-separated */
} bdb__csv_row;

/*
 * Splits line[0..len) into row. Returns 0, or -1 with *err and *at (a byte
 * of the line) for a quote that does not close, text after a closing
 * quote, or more than BDB__CSV_MAX_FIELDS fields; BDB_ENOMEM.
 */
int bdb__csv_split(bdb__csv_row *row, const char *line, size_t len, const char **err,
		   const char **at);
void bdb__csv_free(bdb__csv_row *row);

/* ------------------------------------------------------------------------ */
/* XML reports (xml.c)                                                       */
/* ------------------------------------------------------------------------ */

#define BDB__XML_MAX_DEPTH 64

enum { BDB__XML_OPEN, BDB__XML_CLOSE, BDB__XML_TEXT, BDB__XML_END };

/* One step of the reader; pointers point into the text. */
typedef struct bdb__xml_event {
	int kind;
	const char *at;	  /* where it starts: '<' of a tag, the first byte of text */
	const char *name; /* OPEN, CLOSE: the element's name (not NUL-terminated) */
	size_t name_len;
	const char *attrs, *attrs_end; /* OPEN: the attribute text */
	bool empty;		       /* OPEN of <x/>: a CLOSE follows at once */
	const char *text;	       /* TEXT: raw (entities not decoded) */
	size_t text_len;
	bool cdata; /* TEXT from a CDATA section */
} bdb__xml_event;

typedef struct bdb__xml {
	const char *p, *end;
	struct bdb__xml_open {
		const char *name;
		size_t len;
		const char *at;
	} stack[BDB__XML_MAX_DEPTH];
	int depth;
	bool pending_close;
	const char *err; /* after -1: what was expected ... */
	const char *at;	 /* ... at this byte */
} bdb__xml;

void bdb__xml_init(bdb__xml *x, const char *text, size_t len);
/*
 * The next event into *e: 0, or -1 with x->err and x->at for malformed XML
 * (a tag or comment that does not close, a closing tag that does not match,
 * an unquoted attribute, elements nested deeper than BDB__XML_MAX_DEPTH, an
 * element still open at the end). BDB__XML_END at the end.
 */
int bdb__xml_next(bdb__xml *x, bdb__xml_event *e);
/* True when e's element is named name. */
bool bdb__xml_is(const bdb__xml_event *e, const char *name);
/*
 * Attribute name of the OPEN event e, entities decoded, into buf (cut at a
 * character when longer): *out = buf, or NULL when absent. 0, or -1 with
 * x->err and x->at for an unknown entity.
 */
int bdb__xml_attr(bdb__xml *x, const bdb__xml_event *e, const char *name, char *buf, size_t size,
		  const char **out);
/* The TEXT event e's text, entities decoded, into buf. 0 or -1 as bdb__xml_attr. */
int bdb__xml_text(bdb__xml *x, const bdb__xml_event *e, char *buf, size_t size);
/* A piece of a line: s[0..n), not NUL-terminated. */
typedef struct bdb__span {
	const char *s;
	size_t n;
} bdb__span;

/* True when s is exactly lit. */
bool bdb__span_is(bdb__span s, const char *lit);

/*
 * Splits "  key:   value" at the first sep followed by a blank or the end of
 * the line: key and value without the blanks around them. false when the
 * line has no such separator or the key is empty.
 */
bool bdb__split_key(const char *line, size_t len, char sep, bdb__span *key, bdb__span *value);

/*
 * Reads a number and the unit after it ("5.85ms", "2.0082s", "0.367 ms",
 * "16"): *unit is the rest without blanks (may be empty). false when s does
 * not start with a finite number.
 */
bool bdb__parse_quantity(const char *s, size_t n, double *v, bdb__span *unit);

/* The first occurrence of lit in s[0..n), or NULL. */
const char *bdb__find(const char *s, size_t n, const char *lit);

/* True when match(line, len) holds for a line of data[0..len). */
bool bdb__any_line(const char *data, size_t len, bool (*match)(const char *line, size_t len));

/*
 * Splits a CSV line at its commas into out[0..max) without copying: a field
 * in double quotes is the text between them (it may hold commas, not
 * quotes), so every span points into the line and error columns come from
 * it. For the tools whose CSV never escapes a quote (perf stat -x,,
 * redis-benchmark --csv); RFC 4180 text with "" is bdb__csv_split's.
 * Returns the number of fields, or (size_t)-1 with *bad at the fault (a
 * quote not closed or not followed by a comma, more than max fields).
 */
size_t bdb__csv_spans(const char *line, size_t len, bdb__span *out, size_t max, const char **bad);

/* ------------------------------------------------------------------------ */
/* Building runs (build.c)                                                   */
/* ------------------------------------------------------------------------ */

/*
 * The unit as benchdb spells it: a spelling that bdb_unit_factor converts
 * with a factor of exactly 1 to one of ns us ms s min h B KB MB GB TB KiB
 * MiB GiB TiB becomes that one ("µs" -> "us", "seconds" -> "s", "bytes" ->
 * "B"), in rates too ("bytes/sec" -> "B/s", "ops/sec" -> "ops/s"). Other
 * units come back as they are. The result lives in the run's arena (or is
 * unit or a static string). NULL gives NULL.
 */
const char *bdb__unit_normal(bdb_run *run, const char *unit);

/*
 * Adds (or replaces) metric name on p with its unit (may be NULL, else
 * normalised by bdb__unit_normal); *out (may be NULL) is valid until the
 * next metric added to p. bdb__define normalises its unit alike.
 */
int bdb__add_metric(bdb_run *run, bdb_point *p, const char *name, double value, const char *unit,
		    bdb_metric **out);

/* Adds a definition of metric name unless the run has one already. */
int bdb__define(bdb_run *run, const char *name, const char *unit, bdb_direction direction);

/* bdb__add_metric and bdb__define in one. */
int bdb__add_defined_metric(bdb_run *run, bdb_point *p, const char *name, double value,
			    const char *unit, bdb_direction direction, bdb_metric **out);

/* Sets the lower and upper bounds of m. */
void bdb__set_bounds(bdb_metric *m, double lower, double upper);

/*
 * Bounds the wrong way round (lower above upper), which no tool writes and
 * every reader would take for an interval: true, with the error's text in
 * buf ("\"lower\" 2 is above \"upper\" 1: ..."; lname and uname name the two
 * as the input does). False when lower <= upper (or either is NaN).
 */
bool bdb__bounds_reversed(const char *lname, double lower, const char *uname, double upper,
			  char *buf, size_t size);

/* bdb__bounds_reversed as an error at container's member key (or element
 * index) of doc, the upper bound's place: BDB_EPARSE, else 0. */
int bdb__json_bounds(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		     const char *lname, double lower, const char *uname, double upper, bdb_diag *d);

/* The first metric of run with bounds the wrong way round, or NULL (*point
 * its point). */
const bdb_metric *bdb__run_reversed_bounds(const bdb_run *run, const bdb_point **point);

/* Records that benchmark name[0..len) was left out, and why: run metadata
 * "<kind>:<name>" (cut at a character to fit 512 bytes) = why; kind is
 * "error" (it failed) or "skipped" (it skipped itself). 0 or BDB_ENOMEM. */
int bdb__set_left_out(bdb_run *run, const char *kind, const char *name, size_t len,
		      const char *why);

/* The arithmetic mean of x[0..n) (n > 0). The one mean of the adapters.
 * Finite values give a finite mean, even where their sum overflows. */
double bdb__mean(const double *x, size_t n);

/* FNV-1a, 64 bits: h = bdb__hash(h, data, n), starting from BDB__HASH_INIT. */
#define BDB__HASH_INIT UINT64_C(0xcbf29ce484222325)
uint64_t bdb__hash(uint64_t h, const void *data, size_t n);

/* A map from strings (copied) to indices. */
typedef struct bdb__strmap {
	struct bdb__strmap_slot *slots;
	size_t cap, n;
} bdb__strmap;
void bdb__strmap_free(bdb__strmap *m);
/* *index of key; false when absent. */
bool bdb__strmap_get(const bdb__strmap *m, const char *key, size_t len, size_t *index);
/* Sets key to index. 0 or BDB_ENOMEM. */
int bdb__strmap_put(bdb__strmap *m, const char *key, size_t len, size_t index);
/* Adds key with index unless it is there: 0 when added, BDB_EEXISTS with
 * *existing its index when it was there, or BDB_ENOMEM. One lookup. */
int bdb__strmap_add(bdb__strmap *m, const char *key, size_t len, size_t index, size_t *existing);

/* Appends a malloc'ed copy of s to items[0..*n) (capacity *cap, grown by
 * doubling). 0 or BDB_ENOMEM. */
int bdb__strs_push(char ***items, size_t *n, size_t *cap, const char *s);

/* The keys several flattenings made (zero it first; bdb__flat_keys_free),
 * each with its source path (["a"]["b"]), so that one key is made once. */
typedef struct bdb__flat_keys {
	bdb__strmap seen; /* key -> its index in paths */
	char **paths;
	size_t n, cap;
} bdb__flat_keys;
void bdb__flat_keys_free(bdb__flat_keys *k);
/* bdb__json_flatten_at, checked against (and adding to) the keys of earlier
 * calls too (keys NULL: this call's alone); v is parent[name] (NULL, NULL:
 * v alone), where a clash of v itself is reported. */
int bdb__json_flatten_keys(bdb__json_doc *doc, bdb__flat_keys *keys, const json_t *parent,
			   const char *name, const json_t *v, const char *prefix, const char *what,
			   bdb__kv_fn fn, void *ctx, bdb_diag *d);

/*
 * Repeated observations of one (point, metric): every value is a sample,
 * the metric's value becomes their mean (bdb__mean) and single-observation
 * bounds are dropped. Observations seen once stay as they are.
 */
typedef struct bdb__samples {
	bdb__strmap index;
	struct bdb__sample_set *sets;
	size_t n, cap;
} bdb__samples;
/* Records value for metric of the point with index point_index in run. */
int bdb__samples_add(bdb__samples *s, size_t point_index, const char *metric, double value);
/* True when metric of the point with index point_index has samples recorded. */
bool bdb__samples_has(const bdb__samples *s, size_t point_index, const char *metric);
/* Applies the samples and means to run. */
int bdb__samples_finish(bdb__samples *s, bdb_run *run);
void bdb__samples_free(bdb__samples *s);

/* A JSON member that becomes a metric (tables in odyssey.c, quasim.c). */
typedef struct bdb__metric_field {
	const char *key;    /* the member */
	const char *metric; /* the metric's name; NULL: the key */
	const char *unit;   /* may be NULL */
	int direction;	    /* a bdb_direction, or -1: no definition */
	bool required;
} bdb__metric_field;

/*
 * Adds a metric to run->points[point] for every field present (as a
 * number) in obj; a missing required field is an error.
 */
int bdb__read_metric_fields(bdb__json_doc *doc, const json_t *obj, const bdb__metric_field *fields,
			    size_t n, bdb_run *run, size_t point, bdb_diag *d);

/*
 * Finds the point with this name and exactly these tags, creating it (with
 * these tags) when absent; *index is its index in run->points. map indexes
 * the points made so far (free it with bdb__strmap_free).
 */
int bdb__point_get(bdb_run *run, bdb__strmap *map, const char *name, const bdb_kv *tags,
		   size_t n_tags, size_t *index);

/* ------------------------------------------------------------------------ */
/* Adapters                                                                  */
/* ------------------------------------------------------------------------ */

/* One input being ingested. */
typedef struct bdb__input {
	const char *name; /* display name for diagnostics */
	const char *data; /* the bytes of a file input (NUL-terminated), or NULL */
	size_t len;
	const char *dir;	       /* criterion: the directory; NULL otherwise */
	bdb__json_doc *json;	       /* the parsed document of a JSON input, or NULL */
	const bdb_ingest_options *opt; /* never NULL */
	/* Adapters set these: */
	bool has_timestamp;	     /* the input gave run->timestamp_us */
	char time_zone[12];	     /* benchkit: its time's zone, "+HH:MM"; "" naive */
	uint64_t hash;		     /* criterion: hash of the files read */
	int64_t newest_mtime_us;     /* criterion: newest modification time read */
	struct bdb__origin *origins; /* per point: where a JSON adapter read it */
	json_t *env_shape;	     /* bdb__json_env: the environment's JSON, or NULL */
	bdb__flat_keys env_keys;     /* bdb__json_env: the keys it made */
	size_t n_origins;
} bdb__input;

/* Where a point was read: element index of JSON array `array`. */
typedef struct bdb__origin {
	const json_t *array; /* NULL: unknown */
	size_t index;
} bdb__origin;

/*
 * Records that run point `point` was read from array[index], so that an
 * error found once the whole run is built (two points the same) can point
 * at the element. 0 or BDB_ENOMEM.
 */
int bdb__note_origin(bdb__input *in, size_t point, const json_t *array, size_t index);

/*
 * Sets v, flattened under key (bdb__json_flatten with bdb__set_env; key ""
 * for v's members at the top; v is parent[key], parent NULL when it is not
 * a member of the document), into run's environment, and keeps v in
 * in->env_shape, from which bdb__json_keep_shape records the environment's
 * JSON types for the export once the adapter is done. 0, BDB_ENOMEM, or
 * BDB_EPARSE in d for two keys of v that make one (bdb__json_flatten_at).
 */
int bdb__json_env(bdb__input *in, bdb_run *run, const json_t *parent, const char *key,
		  const json_t *v, bdb_diag *d);

/*
 * Readers of one result a line (cargo, benchmarkjs, benchmarkluau; text.c) share
 * their loop: a line function parses one line and, when c is non-NULL,
 * adds what it read to c->run (points through c->points, repeated
 * observations through c->samples). It returns 1 for a result line, 0 for
 * a line it skips, and -1 for a result line that does not parse, with *err
 * saying what was expected at *at (a byte of the line); an error adding to
 * the run (BDB_ENOMEM) goes to c->rc. c NULL: detection, parse only.
 */
typedef struct bdb__line_ctx {
	int rc;
	bool cut; /* the line is the input's last, without a line end (bdb__lines_cut) */
	bdb_run *run;
	bdb__strmap points;
	struct bdb__samples *samples;
} bdb__line_ctx;
typedef int (*bdb__line_fn)(bdb__line_ctx *c, const char *line, size_t len, const char **err,
			    const char **at);

/* True when fn takes any line of data for a result line (1 or -1). */
bool bdb__detect_lines(const char *data, size_t len, bdb__line_fn fn);

/*
 * Checks that in is text, then runs fn over its lines; a line that fails
 * to parse is BDB_EPARSE "malformed <what> line: <err>" at its line and
 * column. Repeated observations become samples and means at the end
 * (bdb__samples_finish). 0, BDB_EPARSE or BDB_ENOMEM.
 */
int bdb__read_lines(bdb__input *in, const char *what, bdb__line_fn fn, bdb_run *run, bdb_diag *d);

typedef int (*bdb__ingest_fn)(bdb__input *in, bdb_run *run, bdb_diag *d);

/*
 * The XML report readers (catch2_xml.c, junit.c) share their loop and
 * errors (xml.c). bdb__xml_fail sets d to BDB_EPARSE "malformed WHAT: ..."
 * at the byte at of in's text and returns BDB_EPARSE. bdb__xml_read checks
 * that in is text, then gives fn every event of its XML until the end or
 * fn's first non-zero return (which it returns); malformed XML is
 * bdb__xml_fail at the fault. fn may read attributes through x.
 */
int bdb__xml_fail(const bdb__input *in, const char *what, const char *at, bdb_diag *d,
		  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
typedef int (*bdb__xml_fn)(void *ctx, const bdb__xml_event *e);
int bdb__xml_read(bdb__input *in, const char *what, bdb__xml *x, bdb__xml_fn fn, void *ctx,
		  bdb_diag *d);

/*
 * Criterion's throughput (criterion.c, criterion_json.c): metric
 * "throughput" (higher, unit "B/s" or "elem/s") = n per iteration / time
 * per iteration (time in ns, copied: adding a metric may move p's
 * metrics), bounds from time's, samples from the per-iteration samples
 * (those of zero time left out). 0 or BDB_ENOMEM.
 */
int bdb__criterion_throughput(bdb_run *run, bdb_point *p, double n, const char *unit,
			      bdb_metric time, const double *samples, size_t n_samples);

/* Content tests for auto-detection. */
bool bdb__detect_benchkit(const json_t *root);
bool bdb__detect_gbench(const json_t *root);
bool bdb__detect_pytest(const json_t *root);
bool bdb__detect_hyperfine(const json_t *root);
bool bdb__detect_bmf(const json_t *root);
bool bdb__detect_gab(const json_t *root);
bool bdb__detect_odyssey(const json_t *root);
bool bdb__detect_quasim(const json_t *root);
bool bdb__detect_gotest(const char *data, size_t len);
bool bdb__detect_hyperfine_csv(const char *data, size_t len);
bool bdb__detect_criterion_json(const char *data, size_t len);
bool bdb__detect_vitest(const json_t *root);
bool bdb__detect_junit(const char *data, size_t len);
bool bdb__detect_catch2_xml(const char *data, size_t len);
bool bdb__detect_benchmarkluau(const char *data, size_t len);
bool bdb__detect_julia(const json_t *root);
bool bdb__detect_benchmarkdotnet(const json_t *root);
bool bdb__detect_jmh(const json_t *root);
bool bdb__detect_cargo(const char *data, size_t len);
bool bdb__detect_benchmarkjs(const char *data, size_t len);
bool bdb__detect_catch2(const char *data, size_t len);
bool bdb__detect_gotest_json(const char *data, size_t len);
bool bdb__detect_gbench_csv(const char *data, size_t len);
bool bdb__detect_fio_json(const json_t *root);
bool bdb__detect_fio(const char *data, size_t len);
bool bdb__detect_iperf3(const json_t *root);
bool bdb__detect_redis(const char *data, size_t len);
bool bdb__detect_perf(const char *data, size_t len);
bool bdb__detect_stressng(const char *data, size_t len);
bool bdb__detect_pgbench(const char *data, size_t len);
bool bdb__detect_sysbench(const char *data, size_t len);
bool bdb__detect_wrk(const char *data, size_t len);
bool bdb__detect_ab(const char *data, size_t len);
bool bdb__detect_callgrind(const char *data, size_t len);

int bdb__ingest_benchkit(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_gbench(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_criterion(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_pytest(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_hyperfine(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_gotest(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_hyperfine_csv(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_criterion_json(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_vitest(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_junit(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_catch2_xml(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_benchmarkluau(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_julia(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_benchmarkdotnet(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_jmh(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_cargo(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_bmf(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_gab(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_odyssey(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_quasim(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_benchmarkjs(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_catch2(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_gotest_json(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_gbench_csv(bdb__input *in, bdb_run *run, bdb_diag *d);
/*
 * Google Benchmark output without run_type (the CSV; JSON before run_type):
 * the length of name's base when name is an aggregate row (it ends in _mean,
 * _median, _stddev, _cv, _BigO or _RMS and names holds its sibling
 * aggregate, which Google Benchmark always writes with it), else 0.
 */
size_t bdb__gbench_aggregate_base(const bdb__strmap *names, const char *name);
int bdb__ingest_fio(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_iperf3(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_redis(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_perf(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_stressng(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_pgbench(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_sysbench(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_wrk(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_ab(bdb__input *in, bdb_run *run, bdb_diag *d);
int bdb__ingest_callgrind(bdb__input *in, bdb_run *run, bdb_diag *d);

/*
 * The fast path for benchkit JSON (benchkit_fast.c): builds into the empty
 * run exactly what bdb__ingest_benchkit builds from in->data, without a
 * jansson document, and sets in->has_timestamp alike; or returns
 * BDB__FAST_DECLINED (never another code) for anything it does not read
 * exactly as the jansson path does: every malformed or unusual input. The
 * caller then discards the run and takes the jansson path, which owns the
 * diagnostics.
 */
#define BDB__FAST_DECLINED 1
int bdb__benchkit_fast(bdb__input *in, bdb_run *run);

/*
 * Reads benchkit "metric_defs" (an object keyed by metric name; a definition
 * without "name" takes its key) into run's definitions. benchkit.c; also
 * used for a benchkit store's config.json.
 */
int bdb__benchkit_read_defs(bdb__json_doc *doc, const json_t *defs, bdb_run *run, bdb_diag *d);

/*
 * Reads a whole file into a NUL-terminated malloc'ed buffer (*data, free
 * with free()); *mtime_us (may be NULL) gets its modification time (the
 * current time for a pipe, FIFO or device, which are read to their end).
 * BDB_EIO (d says why), BDB_ETOOBIG (> 1 GiB), BDB_ENOMEM.
 */
int bdb__read_file(const char *path, const char *display, char **data, size_t *len,
		   int64_t *mtime_us, bdb_diag *d);

/*
 * Reads f to its end into a NUL-terminated malloc'ed buffer (*data, *len
 * bytes), growing it as it goes; size_hint (a regular file's size, else 0)
 * sizes it at once. More than limit bytes is BDB_ETOOBIG ("inputs above
 * 1 GiB are refused", d naming display); a read error BDB_EIO; BDB_ENOMEM.
 */
int bdb__read_stream(FILE *f, const char *display, size_t size_hint, size_t limit, char **data,
		     size_t *len, bdb_diag *d);

/* ------------------------------------------------------------------------ */
/* github-action-benchmark results (gab.c, gab_history.c)                    */
/* ------------------------------------------------------------------------ */

/* What an entry's "tool" says about its values. */
typedef struct bdb__gab_tool {
	const char *name;
	bdb_direction direction; /* the action's biggerIsBetter */
	bool custom;		 /* customBiggerIsBetter / customSmallerIsBetter */
	bool catch2;		 /* ranges may be in a smaller time unit */
	bool go;		 /* units may carry "\t N B/op\t N allocs/op" */
	/* go's B/op and allocs/op under metric "value", as imports before
	 * they took go's names (alloc_bytes, allocs) did: for a store that
	 * holds such series (bdb_import_gab). */
	bool go_values;
	/* How the tool's own output, read by ingest, names its series where
	 * the action's names differ ("points tagged test_case"), or NULL. */
	const char *own_series;
} bdb__gab_tool;

/* Fills *out for a tool name of the action; BDB_EINVAL for another name. */
int bdb__gab_tool_find(const char *name, bdb__gab_tool *out);

/* Results a history import leaves out, and where the first one was. */
typedef struct bdb__gab_skips {
	size_t null_values; /* "value": null */
	size_t junk_units;  /* a unit that is not one (program output) */
	size_t empty_names; /* "name": "" */
	char first[512];    /* "file:line:col: why" of the first, or "" */
} bdb__gab_skips;

/*
 * Reads the array benches ([{name, unit, value, range, extra}]) into run,
 * each point with the tags tags[0..n_tags). tool NULL: custom JSON, metric
 * "value", direction from opt (may be NULL), every element must be whole.
 * tool non-NULL: a history entry (see gab.c for metrics and directions);
 * a null value, a unit that is not one or an empty name is counted in *skips (non-NULL)
 * and left out; ranges that are no bounds and "extra" become run metadata
 * "range:<name>" / "extra:<name>". 0 or BDB_EPARSE (d at the element) or
 * BDB_ENOMEM.
 */
int bdb__gab_read_benches(bdb__json_doc *doc, const json_t *benches, const bdb__gab_tool *tool,
			  const bdb_ingest_options *opt, const bdb_kv *tags, size_t n_tags,
			  bdb_run *run, bdb__gab_skips *skips, bdb_diag *d);

/* ------------------------------------------------------------------------ */
/* Storing imported histories (import.c)                                     */
/* ------------------------------------------------------------------------ */

struct dirent;

/* True when path is a directory (following links). */
bool bdb__is_dir(const char *path);

/* Whether the n bytes at p hold the text what (memmem). */
bool bdb__contains(const char *p, size_t n, const char *what);

/*
 * asv's results given to ingest, which reads one run per file: 0 when they
 * are none, else BDB_EFORMAT with d saying what they are and the import-asv
 * command. bdb__asv_file_refuse: the input name, a result file, its
 * benchmarks.json or machine.json (by the keys only they hold);
 * bdb__asv_dir_refuse: dir, a results directory (benchmarks.json and
 * MACHINE/machine.json) or one machine's (machine.json, ../benchmarks.json).
 */
int bdb__asv_file_refuse(const char *name, const char *data, size_t len, bdb_diag *d);
int bdb__asv_dir_refuse(const char *dir, bdb_diag *d);

/* 0 when path is a directory; else the error in d: "cannot open: REASON"
 * (missing, unreadable) or "is not a directory", naming path. */
int bdb__need_dir(const char *path, bdb_diag *d);

/*
 * The visible "*.json" files of dir, sorted by name, in *list (scandir: the
 * array is malloc'ed, each entry too) and their number in *n. Returns 0, or
 * an error with d set and nothing to free: the directory cannot be listed
 * (BDB_EIO), or one of them is a FIFO, socket or device (also behind a
 * symbolic link), which an import would wait on for ever (BDB_EFORMAT).
 */
int bdb__scan_json(const char *dir, struct dirent ***list, int *n, bdb_diag *d);

/* What a file that is neither a directory nor a regular file is, for a
 * message: "a FIFO", "a socket", "a character device", ... */
const char *bdb__special_kind(mode_t mode);

/* 0, or BDB_EFORMAT with d naming path when path is a folder inside one
 * Criterion benchmark (is_folder: its new/, base/, change/) or a file of
 * one (its estimates.json, raw.csv, ...): no input of its own; the
 * benchmark's folder or the tree above it is. */
int bdb__criterion_part(const char *path, bool is_folder, bdb_diag *d);

/* One run of an import and what to say of it. */
typedef struct bdb__import_item {
	const char *label;    /* where it came from, for errors (a file, or file:line:col) */
	const char *baseline; /* NULL or "": no baseline; else set baseline NAME to it */
	bdb_run *run;	      /* NULL: decoded from packed each time it is wanted */
	/* The run as bdb_run_encode wrote it, when run is NULL: an import of
	 * thousands of runs holds them in a fraction of their memory. */
	const void *packed;
	size_t packed_len;
} bdb__import_item;

/*
 * Stores items in order, as every import does: first checks that no two
 * items give different runs under one id and (without BDB_PUT_REPLACE) that
 * no item's id names a different stored run (BDB_EEXISTS, d naming the
 * item's label, and *item_failed, when not NULL, the item's index), so
 * that a conflict stores nothing; and that every metric
 * can be stored in its series: its unit converts to the series' unit (the
 * store's for a series it holds, else that of the first item with the
 * series), so that a unit that cannot be converted (an entry that changed
 * "ms" to "count") stores nothing rather than the batches before it
 * (BDB_EINVAL, d naming the item's label, the point, the metric and both
 * units, and *item_failed the item's index; SIZE_MAX for any other
 * outcome). Then stores up to 100 runs per write transaction (a policy
 * `apply on ingest` applied once, after the last, as bdb_ingest_files). An
 * identical stored run is counted unchanged. Adds to sum's run and baseline
 * counts. An item without run is decoded from its packed bytes for each
 * check and for its batch, and freed after. 0 or the first error.
 */
int bdb__import_store(bdb_store *store, const bdb__import_item *items, size_t n, unsigned flags,
		      bdb_import_summary *sum, size_t *item_failed, bdb_diag *d);

/*
 * Sets the run's timestamp from a time text of the input (via
 * bdb_time_parse), or fails at container[key] with `"date" is not a time
 * this reads (...)`.
 */
int bdb__json_timestamp(bdb__json_doc *doc, const json_t *obj, const char *key, bdb_run *run,
			bdb__input *in, bdb_diag *d);

#endif /* BDB_INGEST_INTERNAL_H */
