/*
 * json.c - JSON documents for the adapters: jansson loading with positions,
 * typed member getters whose errors name file:line:col and what was
 * expected, and flattening of nested values into key/value text.
 *
 * jansson reports positions only for parse errors. For a value of the wrong
 * type found later, the position comes from an index built on the first
 * such error: one walk over the (already validated) text in step with the
 * parsed tree records where every container and every member value starts.
 * jansson keeps object members in insertion order, which is text order, and
 * duplicates are rejected, so the k-th member in the text is the k-th
 * member of the iteration. Correct input never pays for the index.
 */
#include "internal.h"

#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Parsing                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * jansson's error position is just past the offending token, which its
 * message quotes ("... near 'tru'"); a number out of range is not quoted.
 * Point at the token's start instead.
 */
static size_t error_offset(const char *text, size_t len, const json_error_t *e)
{
	size_t pos = e->position > 0 ? (size_t)e->position : 0;
	if (pos > len)
		pos = len;
	const char *near = strstr(e->text, " near '");
	if (!near && json_error_code(e) == json_error_numeric_overflow) {
		while (pos > 0 && strchr("0123456789+-.eE", text[pos - 1]))
			pos--;
		return pos;
	}
	if (!near)
		return pos;
	const char *tok = near + 7;
	size_t toklen = strlen(tok);
	if (toklen == 0 || tok[toklen - 1] != '\'')
		return pos;
	toklen--;
	if (toklen <= pos && memcmp(text + pos - toklen, tok, toklen) == 0)
		return pos - toklen;
	return pos;
}

static bool starts_with(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && memcmp(s, prefix, n) == 0;
}

/*
 * What jansson found, said with what was expected. at is the offending
 * token in the text (its start), end the end of the text.
 */
static void describe_error(const json_error_t *e, const char *start, const char *at,
			   const char *end, char *buf, size_t size)
{
	const char *m = e->text;
	size_t numlen = 0;
	while (at + numlen < end && numlen < 40 && strchr("0123456789+-.eE", at[numlen]))
		numlen++;
	switch (json_error_code(e)) {
	case json_error_duplicate_key: {
		/* "duplicate object key near '"time"'" */
		const char *key = strstr(m, " near '");
		int keylen = key ? (int)strlen(key + 7) - 1 : 0;
		snprintf(buf, size, "duplicate key %.*s; a key may appear only once in an object",
			 keylen > 0 ? keylen : 0, key ? key + 7 : "");
		return;
	}
	case json_error_numeric_overflow:
		snprintf(buf, size,
			 "the number %.*s is out of range; expected a finite number (a real "
			 "within a double, an integer within 64 bits)",
			 (int)numlen, at);
		return;
	case json_error_invalid_utf8:
		snprintf(buf, size, "%s; expected UTF-8 text", m);
		return;
	case json_error_null_character:
		snprintf(buf, size, "\\u0000 (a NUL character) in a string; benchmark text "
				    "holds no NUL characters");
		return;
	case json_error_stack_overflow:
		snprintf(buf, size, "nested deeper than 2048 arrays and objects");
		return;
	case json_error_premature_end_of_input:
		snprintf(buf, size, "the document is truncated: %s",
			 strncmp(m, "unexpected token", 16) == 0
			     ? "a value expected near end of file"
			     : m);
		return;
	case json_error_end_of_input_expected:
		snprintf(buf, size, "%s (one JSON document per input)", m);
		return;
	default:
		break;
	}
	static const char *const nonfinite[] = {"NaN", "Infinity", "-Infinity", "+Infinity"};
	for (size_t i = 0; i < sizeof nonfinite / sizeof *nonfinite; i++) {
		if (!starts_with(at, end, nonfinite[i]))
			continue;
		/* Python's json.dump writes them for a float that is not
		 * finite, unless allow_nan=False: say which key holds it. */
		const char *key, *colon = at;
		while (colon > start && strchr(" \t\r\n", colon[-1]))
			colon--;
		const char *close = colon > start && colon[-1] == ':' ? colon - 1 : NULL;
		while (close && close > start && strchr(" \t\r\n", close[-1]))
			close--;
		key = close && close - 1 > start && close[-1] == '"' ? close - 2 : NULL;
		while (key && key >= start && *key != '"' && key[0] != '\n' && close - key < 80)
			key--;
		bool named = key && key >= start && *key == '"';
		snprintf(
		    buf, size,
		    "%.*s%s%s is not a JSON number (Python's json.dump writes it for a float "
		    "that is not finite); expected a finite number: leave out each value that "
		    "is not finite (json.dump(..., allow_nan=False) refuses them when writing)",
		    named ? (int)(close - key) : 0, named ? key : "", named ? ": " : "",
		    nonfinite[i]);
		return;
	}
	if (strncmp(m, "unexpected newline", 18) == 0) {
		snprintf(buf, size, "%s; expected the string's closing '\"' on the same line", m);
		return;
	}
	if (strncmp(m, "control character", 17) == 0) {
		snprintf(buf, size, "%s; expected control characters escaped (\\u0001)", m);
		return;
	}
	if (strncmp(m, "invalid token", 13) == 0 || strncmp(m, "unexpected token", 16) == 0) {
		snprintf(buf, size,
			 "%s; expected a value (a number, string, object, array, true, false or "
			 "null)",
			 m);
		return;
	}
	snprintf(buf, size, "%s", m);
}

const char *bdb__json_skip(const char *p, const char *end, int max_depth)
{
	int depth = 0;
	const char *start = p;
	do {
		if (p >= end)
			return NULL;
		char c = *p;
		if (c == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\' && ++p >= end)
					return NULL;
			if (p >= end)
				return NULL;
			p++;
		} else if (c == '{' || c == '[') {
			if (++depth > max_depth)
				return NULL;
			p++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return NULL;
			depth--;
			p++;
		} else if (depth == 0) {
			/* A scalar: up to the next delimiter. */
			while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' &&
			       *p != '\n' && *p != '\r' && *p != '\t')
				p++;
		} else {
			p++;
		}
	} while (depth > 0);
	return p > start ? p : NULL;
}

/* Line and column of a byte offset of doc's text, counted in the whole input. */
static void doc_position(const bdb__json_doc *doc, size_t offset, int *line, int *col)
{
	if (!doc->whole)
		bdb_text_position(doc->text, doc->len, offset, line, col);
	else
		bdb_text_position(doc->whole, doc->whole_len,
				  (size_t)(doc->text - doc->whole) + offset, line, col);
}

/* Set when an allocation of jansson's failed in this thread: it reports some
 * of those as syntax errors ("invalid token" where a string could not be
 * copied) or with no text at all. */
static _Thread_local bool json_out_of_memory;

static void *json_alloc(size_t size)
{
	void *p = malloc(size);
	if (!p)
		json_out_of_memory = true;
	return p;
}

static pthread_once_t json_alloc_once = PTHREAD_ONCE_INIT;

static void use_json_alloc(void)
{
	json_set_alloc_funcs(json_alloc, free);
}

int bdb__json_parse_span(bdb__json_doc *doc, const char *name, const char *whole, size_t whole_len,
			 size_t start, size_t len, bdb_diag *d)
{
	memset(doc, 0, sizeof *doc);
	doc->name = name;
	doc->whole = whole;
	doc->whole_len = whole_len;
	doc->text = whole + start;
	doc->len = len;
	json_error_t e;
	pthread_once(&json_alloc_once, use_json_alloc);
	json_out_of_memory = false;
	json_t *root = json_loadb(doc->text, len, JSON_REJECT_DUPLICATES, &e);
	/* A file too large for the memory there is, is no invalid JSON. */
	if (!root && (json_out_of_memory || json_error_code(&e) == json_error_out_of_memory)) {
		memset(doc, 0, sizeof *doc);
		return bdb_diag_set(d, BDB_ENOMEM, name, 0, 0,
				    "out of memory reading %zu bytes of JSON; nothing was stored",
				    len);
	}
	if (!root) {
		int line, col;
		size_t at = error_offset(doc->text, len, &e);
		char what[512];
		describe_error(&e, doc->text, doc->text + at, doc->text + len, what, sizeof what);
		doc_position(doc, at, &line, &col);
		memset(doc, 0, sizeof *doc);
		return bdb_diag_set(d, BDB_EPARSE, name, line, col, "invalid JSON: %s", what);
	}
	doc->root = root;
	return 0;
}

int bdb__json_parse(bdb__json_doc *doc, const char *name, const char *text, size_t len, bdb_diag *d)
{
	/* Positions count from after a byte order mark. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	return bdb__json_parse_span(doc, name, text, len, 0, len, d);
}

/* ------------------------------------------------------------------------ */
/* The position index                                                        */
/* ------------------------------------------------------------------------ */

typedef struct index_slot {
	const json_t *container; /* NULL: empty slot */
	size_t start;		 /* offset of '{' or '[' */
	size_t first;		 /* index of its first member in offsets */
} index_slot;

struct bdb__json_index {
	index_slot *slots;
	size_t cap, n;
	size_t *offsets; /* member value offsets, contiguous per container */
	size_t n_offsets, cap_offsets;
};

static size_t slot_of(const struct bdb__json_index *ix, const json_t *c)
{
	uintptr_t h = ((uintptr_t)c >> 4) * UINT64_C(0x9e3779b97f4a7c15);
	size_t i = (size_t)h & (ix->cap - 1);
	while (ix->slots[i].container && ix->slots[i].container != c)
		i = (i + 1) & (ix->cap - 1);
	return i;
}

static int index_put(struct bdb__json_index *ix, const json_t *c, size_t start, size_t first)
{
	if ((ix->n + 1) * 2 > ix->cap) {
		size_t ncap = ix->cap ? ix->cap * 2 : 64;
		index_slot *old = ix->slots;
		size_t ocap = ix->cap;
		ix->slots = calloc(ncap, sizeof *ix->slots);
		if (!ix->slots) {
			ix->slots = old;
			return BDB_ENOMEM;
		}
		ix->cap = ncap;
		for (size_t i = 0; i < ocap; i++)
			if (old[i].container)
				ix->slots[slot_of(ix, old[i].container)] = old[i];
		free(old);
	}
	size_t i = slot_of(ix, c);
	ix->slots[i] = (index_slot){c, start, first};
	ix->n++;
	return 0;
}

/* Reserves n member slots; their first index goes to *first. */
static int index_reserve(struct bdb__json_index *ix, size_t n, size_t *first)
{
	if (ix->n_offsets + n > ix->cap_offsets) {
		size_t ncap = ix->cap_offsets ? ix->cap_offsets : 256;
		while (ncap < ix->n_offsets + n)
			ncap *= 2;
		size_t *p = realloc(ix->offsets, ncap * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		ix->offsets = p;
		ix->cap_offsets = ncap;
	}
	*first = ix->n_offsets;
	ix->n_offsets += n;
	return 0;
}

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* i at an opening quote; returns the offset after the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len && t[i] != '"'; i++)
		if (t[i] == '\\')
			i++;
	return i < len ? i + 1 : len;
}

static size_t skip_scalar(const char *t, size_t len, size_t i)
{
	if (i < len && t[i] == '"')
		return skip_string(t, len, i);
	while (i < len && !strchr(" \t\r\n,]}", t[i]))
		i++;
	return i;
}

/*
 * Walks the value v whose text starts at or after *i, recording containers
 * and member offsets; leaves *i after the value. The text was accepted by
 * jansson, so it is well formed and at most 2048 levels deep; every step
 * still stays inside the text.
 */
static int walk(struct bdb__json_index *ix, const char *t, size_t len, size_t *i, json_t *v)
{
	*i = skip_ws(t, len, *i);
	if (*i >= len)
		return 0;
	size_t start = *i;
	bool is_object = json_is_object(v);
	if (!is_object && !json_is_array(v)) {
		*i = skip_scalar(t, len, *i);
		return 0;
	}
	size_t n = is_object ? json_object_size(v) : json_array_size(v), first;
	int rc = index_reserve(ix, n, &first);
	if (!rc)
		rc = index_put(ix, v, start, first);
	if (rc)
		return rc;
	(*i)++; /* '{' or '[' */
	void *it = is_object ? json_object_iter(v) : NULL;
	for (size_t k = 0; k < n; k++) {
		*i = skip_ws(t, len, *i);
		if (is_object) {
			*i = skip_string(t, len, *i);
			*i = skip_ws(t, len, *i) + 1; /* ':' */
			*i = skip_ws(t, len, *i);
		}
		if (*i >= len)
			return 0;
		ix->offsets[first + k] = *i;
		json_t *child = is_object ? json_object_iter_value(it) : json_array_get(v, k);
		if ((rc = walk(ix, t, len, i, child)))
			return rc;
		*i = skip_ws(t, len, *i);
		if (*i < len && t[*i] == ',')
			(*i)++;
		if (is_object)
			it = json_object_iter_next(v, it);
	}
	*i = skip_ws(t, len, *i) + 1; /* '}' or ']' */
	return 0;
}

static void index_free(struct bdb__json_index *ix)
{
	if (!ix)
		return;
	free(ix->slots);
	free(ix->offsets);
	free(ix);
}

/* The byte offset of a value, or false when it cannot be found. */
static bool value_offset(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
			 size_t *offset)
{
	if (!doc->index) {
		struct bdb__json_index *ix = calloc(1, sizeof *ix);
		size_t i = 0;
		if (!ix || walk(ix, doc->text, doc->len, &i, doc->root)) {
			index_free(ix);
			return false;
		}
		doc->index = ix;
	}
	struct bdb__json_index *ix = doc->index;
	if (!container || !ix->cap)
		return false;
	const index_slot *s = &ix->slots[slot_of(ix, container)];
	if (!s->container)
		return false;
	if (key) {
		if (!json_is_object(container))
			return false;
		size_t k = 0;
		for (void *it = json_object_iter((json_t *)container); it;
		     it = json_object_iter_next((json_t *)container, it), k++) {
			if (strcmp(json_object_iter_key(it), key) == 0) {
				*offset = ix->offsets[s->first + k];
				return true;
			}
		}
		return false;
	}
	if (index != BDB__NO_INDEX) {
		if (!json_is_array(container) || index >= json_array_size(container))
			return false;
		*offset = ix->offsets[s->first + index];
		return true;
	}
	*offset = s->start;
	return true;
}

void bdb__json_release(bdb__json_doc *doc)
{
	if (!doc)
		return;
	json_decref(doc->root);
	index_free(doc->index);
	memset(doc, 0, sizeof *doc);
}

/* ------------------------------------------------------------------------ */
/* Errors and getters                                                        */
/* ------------------------------------------------------------------------ */

const char *bdb__json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "object";
	case JSON_ARRAY:
		return "array";
	case JSON_STRING:
		return "string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "boolean";
	default:
		return "null";
	}
}

bool bdb__json_offset(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		      size_t *offset)
{
	if (!value_offset(doc, container, key, index, offset))
		return false;
	if (doc->whole)
		*offset += (size_t)(doc->text - doc->whole);
	return true;
}

int bdb__json_fail(bdb__json_doc *doc, const json_t *container, const char *key, size_t index,
		   bdb_diag *d, const char *fmt, ...)
{
	int line = 0, col = 0;
	size_t offset;
	if (value_offset(doc, container, key, index, &offset))
		doc_position(doc, offset, &line, &col);
	bdb_diag_set(d, BDB_EPARSE, doc->name, line, col, "%s", "");
	if (d) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(d->message, sizeof d->message, fmt, ap);
		va_end(ap);
	}
	return BDB_EPARSE;
}

/*
 * The member obj[key]: absent or null is missing (an error when required;
 * a required null is reported as a wrong type at the value); otherwise ok()
 * decides the type.
 */
static int member(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		  int (*ok)(const json_t *), const char *expected, json_t **out, bdb_diag *d)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || (json_is_null(v) && !required)) {
		if (required)
			return bdb__json_fail(doc, obj, NULL, BDB__NO_INDEX, d,
					      "missing required field \"%s\"", key);
		return 0;
	}
	if (!ok(v))
		return bdb__json_fail(doc, obj, key, BDB__NO_INDEX, d, "\"%s\" must be %s, got %s",
				      key, expected, bdb__json_type_name(v));
	*out = v;
	return 0;
}

static int is_object(const json_t *v)
{
	return json_is_object(v);
}

static int is_array(const json_t *v)
{
	return json_is_array(v);
}

static int is_string(const json_t *v)
{
	return json_is_string(v);
}

static int is_number(const json_t *v)
{
	return json_is_number(v);
}

static int is_bool(const json_t *v)
{
	return json_is_boolean(v);
}

static int is_scalar(const json_t *v)
{
	return json_is_string(v) || json_is_number(v) || json_is_boolean(v);
}

int bdb__json_object(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     json_t **out, bdb_diag *d)
{
	return member(doc, obj, key, required, is_object, "an object", out, d);
}

int bdb__json_array(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		    json_t **out, bdb_diag *d)
{
	return member(doc, obj, key, required, is_array, "an array", out, d);
}

int bdb__json_string(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     const char **out, bdb_diag *d)
{
	json_t *v;
	int rc = member(doc, obj, key, required, is_string, "a string", &v, d);
	*out = v ? json_string_value(v) : NULL;
	return rc;
}

int bdb__json_number(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     double *out, bool *present, bdb_diag *d)
{
	json_t *v;
	int rc = member(doc, obj, key, required, is_number, "a number", &v, d);
	if (present)
		*present = v != NULL;
	if (v)
		*out = json_number_value(v);
	return rc;
}

int bdb__json_bool(bdb__json_doc *doc, const json_t *obj, const char *key, bool required, bool *out,
		   bool *present, bdb_diag *d)
{
	json_t *v;
	int rc = member(doc, obj, key, required, is_bool, "true or false", &v, d);
	if (present)
		*present = v != NULL;
	if (v)
		*out = json_is_true(v);
	return rc;
}

int bdb__json_scalar(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		     char *buf, size_t size, const char **out, bdb_diag *d)
{
	json_t *v;
	int rc = member(doc, obj, key, required, is_scalar, "a string, number or boolean", &v, d);
	*out = v ? bdb__json_text(v, buf, size) : NULL;
	return rc;
}

int bdb__json_elem_object(bdb__json_doc *doc, const json_t *arr, size_t i, const char *label,
			  json_t **out, bdb_diag *d)
{
	json_t *v = json_array_get(arr, i);
	if (!json_is_object(v))
		return bdb__json_fail(doc, arr, NULL, i, d, "\"%s\"[%zu] must be an object, got %s",
				      label, i, bdb__json_type_name(v));
	*out = v;
	return 0;
}

int bdb__json_elem_number(bdb__json_doc *doc, const json_t *arr, size_t i, const char *label,
			  double *out, bdb_diag *d)
{
	json_t *v = json_array_get(arr, i);
	if (!json_is_number(v))
		return bdb__json_fail(doc, arr, NULL, i, d, "\"%s\"[%zu] must be a number, got %s",
				      label, i, bdb__json_type_name(v));
	*out = json_number_value(v);
	return 0;
}

int bdb__json_numbers(bdb__json_doc *doc, const json_t *obj, const char *key, bool required,
		      double **out, size_t *n, bdb_diag *d)
{
	json_t *arr;
	*out = NULL;
	*n = 0;
	int rc = bdb__json_array(doc, obj, key, required, &arr, d);
	if (rc || !arr || json_array_size(arr) == 0)
		return rc;
	size_t count = json_array_size(arr);
	double *v = malloc(count * sizeof *v);
	if (!v)
		return BDB_ENOMEM;
	for (size_t i = 0; i < count; i++) {
		if ((rc = bdb__json_elem_number(doc, arr, i, key, &v[i], d))) {
			free(v);
			return rc;
		}
	}
	*out = v;
	*n = count;
	return 0;
}

void bdb__time_zone_of(const char *text, char zone[12])
{
	zone[0] = '\0';
	size_t n = strlen(text);
	if (n <= 10) /* a date alone */
		return;
	if (text[n - 1] == 'Z' || text[n - 1] == 'z') {
		strcpy(zone, "+00:00");
		return;
	}
	/* The sign of an offset after the time of day: +HH, +HHMM, +HH:MM[:SS]. */
	const char *sign = NULL;
	for (const char *p = text + 11; *p; p++)
		if (*p == '+' || *p == '-')
			sign = p;
	if (!sign)
		return;
	char digits[8];
	size_t k = 0;
	for (const char *p = sign + 1; *p && k < sizeof digits - 1; p++)
		if (*p >= '0' && *p <= '9')
			digits[k++] = *p;
	digits[k] = '\0';
	if (k == 2)
		snprintf(zone, 12, "%c%.2s:00", *sign, digits);
	else if (k == 4)
		snprintf(zone, 12, "%c%.2s:%.2s", *sign, digits, digits + 2);
	else if (k == 6)
		snprintf(zone, 12, "%c%.2s:%.2s:%.2s", *sign, digits, digits + 2, digits + 4);
}

int bdb__json_timestamp(bdb__json_doc *doc, const json_t *obj, const char *key, bdb_run *run,
			bdb__input *in, bdb_diag *d)
{
	const char *text;
	int rc = bdb__json_string(doc, obj, key, false, &text, d);
	if (rc || !text)
		return rc;
	int64_t us;
	char why[80];
	if (bdb_time_impossible(text, why, sizeof why))
		return bdb__json_fail(doc, obj, key, BDB__NO_INDEX, d,
				      "\"%s\" is no time: \"%s\": %s", key, text, why);
	if (bdb_time_parse(text, &us))
		return bdb__json_fail(doc, obj, key, BDB__NO_INDEX, d,
				      "\"%s\" must be a time like 2026-01-31T12:00:00Z, got \"%s\"",
				      key, text);
	run->timestamp_us = us;
	in->has_timestamp = true;
	bdb__time_zone_of(text, in->time_zone);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Text of values                                                            */
/* ------------------------------------------------------------------------ */

void bdb__put_json_string(bdb_buf *b, const char *s)
{
	if (s)
		bdb_buf_put_json_string(b, s, strlen(s));
	else
		bdb_buf_puts(b, "null");
}

void bdb__put_json_number(bdb_buf *b, double v)
{
	char num[40];
	bdb_buf_puts(b, isfinite(v) ? bdb_double_text(v, num, sizeof num) : "null");
}

void bdb__put_json_real(bdb_buf *b, double v)
{
	char num[40];
	if (!isfinite(v)) {
		bdb_buf_puts(b, "null");
		return;
	}
	bdb_double_text(v, num, sizeof num);
	bdb_buf_puts(b, num);
	if (!strpbrk(num, ".e"))
		bdb_buf_puts(b, ".0");
}

static void newline(bdb_buf *b, int level)
{
	bdb_buf_putc(b, '\n');
	for (int i = 0; i < level; i++)
		bdb_buf_puts(b, "  ");
}

void bdb__put_json_value(bdb_buf *b, const json_t *v, int level)
{
	bool pretty = level >= 0;
	int inner = pretty ? level + 1 : -1;
	const char *key;
	json_t *child;
	size_t i;
	bool first = true;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		bdb_buf_putc(b, '{');
		json_object_foreach((json_t *)v, key, child)
		{
			bdb_buf_puts(b, first ? "" : ",");
			first = false;
			if (pretty)
				newline(b, inner);
			bdb__put_json_string(b, key);
			bdb_buf_puts(b, pretty ? ": " : ":");
			bdb__put_json_value(b, child, inner);
		}
		if (pretty && !first)
			newline(b, level);
		bdb_buf_putc(b, '}');
		break;
	case JSON_ARRAY:
		bdb_buf_putc(b, '[');
		json_array_foreach(v, i, child)
		{
			bdb_buf_puts(b, i == 0 ? "" : pretty ? ", " : ",");
			bdb__put_json_value(b, child, inner);
		}
		bdb_buf_putc(b, ']');
		break;
	case JSON_STRING:
		bdb__put_json_string(b, json_string_value(v));
		break;
	case JSON_INTEGER:
		bdb_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		bdb__put_json_real(b, json_real_value(v));
		break;
	case JSON_TRUE:
		bdb_buf_puts(b, "true");
		break;
	case JSON_FALSE:
		bdb_buf_puts(b, "false");
		break;
	default:
		bdb_buf_puts(b, "null");
	}
}

const char *bdb__json_text(const json_t *v, char *buf, size_t size)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
		snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	case JSON_REAL:
		return bdb_double_text(json_real_value(v), buf, size);
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default: {
		bdb_buf b;
		bdb_buf_init(&b);
		bdb__put_json_value(&b, v, -1);
		snprintf(buf, size, "%s", b.failed ? "null" : bdb_buf_cstr(&b));
		bdb_buf_free(&b);
		return buf;
	}
	}
}

/* One flattening. */
typedef struct flattening {
	bdb__json_doc *doc; /* for the position of a clash; NULL: none */
	const char *what;   /* "metadata key", "environment key", "tag" */
	bdb__kv_fn fn;
	void *ctx;
	bdb_diag *d;
	bdb__flat_keys *keys;
} flattening;

void bdb__flat_keys_free(bdb__flat_keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->paths[i]);
	free(k->paths);
	bdb__strmap_free(&k->seen);
	memset(k, 0, sizeof *k);
}

/* v (at parent[name]; parent NULL: v itself) under key, which the source
 * path first made already. */
static int clash(flattening *f, const json_t *parent, const char *name, const json_t *v,
		 const char *key, const char *first, const char *src)
{
	if (!f->doc)
		return BDB_EPARSE;
	return bdb__json_fail(f->doc, parent ? parent : v, parent ? name : NULL, BDB__NO_INDEX,
			      f->d,
			      "%s \"%s\" comes from two keys, %s and %s: nested keys are joined "
			      "with '.'; rename one",
			      f->what, key, first, src);
}

/* v, at parent[name], under key; src its source path. */
static int flat_walk(flattening *f, const json_t *parent, const char *name, const json_t *v,
		     const char *key, const char *src)
{
	int rc = 0;
	if (json_is_null(v))
		return 0;
	if (json_is_object(v)) {
		const char *k;
		json_t *child;
		size_t klen = strlen(key), slen = strlen(src);
		json_object_foreach((json_t *)v, k, child)
		{
			size_t n = strlen(k);
			char *full = malloc(klen + n + 2), *path = malloc(slen + n + 5);
			if (!full || !path)
				rc = BDB_ENOMEM;
			else if (klen)
				snprintf(full, klen + n + 2, "%s.%s", key, k);
			else
				memcpy(full, k, n + 1);
			if (!rc) {
				snprintf(path, slen + n + 5, "%s[\"%s\"]", src, k);
				rc = flat_walk(f, v, k, child, full, path);
			}
			free(full);
			free(path);
			if (rc)
				return rc;
		}
		return 0;
	}
	bdb__flat_keys *keys = f->keys;
	size_t first;
	rc = bdb__strmap_add(&keys->seen, key, strlen(key), keys->n, &first);
	if (rc == BDB_EEXISTS)
		return clash(f, parent, name, v, key, keys->paths[first], src);
	if (rc || (rc = bdb__strs_push(&keys->paths, &keys->n, &keys->cap, src)))
		return rc;
	if (json_is_array(v)) {
		bdb_buf b;
		bdb_buf_init(&b);
		bdb__put_json_value(&b, v, -1);
		rc = b.failed ? BDB_ENOMEM : f->fn(f->ctx, key, bdb_buf_cstr(&b));
		bdb_buf_free(&b);
		return rc;
	}
	char num[64];
	return f->fn(f->ctx, key, bdb__json_text(v, num, sizeof num));
}

int bdb__json_flatten_keys(bdb__json_doc *doc, bdb__flat_keys *keys, const json_t *parent,
			   const char *name, const json_t *v, const char *prefix, const char *what,
			   bdb__kv_fn fn, void *ctx, bdb_diag *d)
{
	bdb__flat_keys own = {0};
	flattening f = {doc, what, fn, ctx, d, keys ? keys : &own};
	/* Another call's keys: its source path starts at its name. */
	const char *top = name ? name : prefix;
	size_t n = strlen(top) + 5;
	char *src = keys && *top ? malloc(n) : NULL;
	if (src)
		snprintf(src, n, "[\"%s\"]", top);
	int rc = keys && *top && !src ? BDB_ENOMEM
				      : flat_walk(&f, parent, name, v, prefix, src ? src : "");
	free(src);
	bdb__flat_keys_free(&own);
	return rc;
}

int bdb__json_flatten_at(bdb__json_doc *doc, const json_t *v, const char *prefix, const char *what,
			 bdb__kv_fn fn, void *ctx, bdb_diag *d)
{
	return bdb__json_flatten_keys(doc, NULL, NULL, NULL, v, prefix, what, fn, ctx, d);
}

int bdb__json_flatten(const json_t *v, const char *prefix, bdb__kv_fn fn, void *ctx)
{
	return bdb__json_flatten_keys(NULL, NULL, NULL, NULL, v, prefix, NULL, fn, ctx, NULL);
}

bool bdb__is_reserved_meta(const char *key)
{
	return strncmp(key, BDB__META_EXACT, strlen(BDB__META_EXACT)) == 0 ||
	       strncmp(key, BDB__META_SHAPE, strlen(BDB__META_SHAPE)) == 0;
}

void bdb__exact_key(const bdb_run *run, const bdb_point *p, const char *metric, char *buf,
		    size_t size)
{
	snprintf(buf, size, "%s%zu:%s:%s", BDB__META_EXACT, (size_t)(p - run->points), p->name,
		 metric);
}

int bdb__json_keep_exact(bdb_run *run, const json_t *v, const bdb_point *p, const char *metric)
{
	const json_int_t limit = (json_int_t)1 << 53;
	if (!json_is_integer(v))
		return 0;
	json_int_t i = json_integer_value(v);
	if (i <= limit && i >= -limit)
		return 0;
	char key[1024], text[32];
	bdb__exact_key(run, p, metric, key, sizeof key);
	snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, i);
	return bdb_run_set_meta(run, key, text);
}

int bdb__json_keep_shape(bdb_run *run, const char *name, const json_t *obj)
{
	const char *key;
	json_t *v;
	bool flat = true;
	json_object_foreach((json_t *)obj, key, v) flat = flat && json_is_string(v);
	if (flat)
		return 0;
	/* 17 digits: every real reads back to the same double. */
	char *text = json_dumps(obj, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (!text)
		return BDB_ENOMEM;
	char meta_key[64];
	snprintf(meta_key, sizeof meta_key, "%s%s", BDB__META_SHAPE, name);
	int rc = bdb_run_set_meta(run, meta_key, text);
	free(text);
	return rc;
}

int bdb__json_env(bdb__input *in, bdb_run *run, const json_t *parent, const char *key,
		  const json_t *v, bdb_diag *d)
{
	int rc = bdb__json_flatten_keys(in->json, &in->env_keys, parent, parent ? key : NULL, v,
					key, "environment key", bdb__set_env, run, d);
	if (rc || json_is_null(v))
		return rc;
	if (!in->env_shape && !(in->env_shape = json_object()))
		return BDB_ENOMEM;
	if (!*key)
		return json_is_object(v) && json_object_update(in->env_shape, (json_t *)v)
			   ? BDB_ENOMEM
			   : 0;
	return json_object_set(in->env_shape, key, (json_t *)v) ? BDB_ENOMEM : 0;
}

int bdb__set_tag(void *ref, const char *key, const char *value)
{
	bdb__point_ref *r = ref;
	return bdb_point_set_tag(r->run, &r->run->points[r->point], key, value);
}

int bdb__json_need_object(bdb__json_doc *doc, const char *what, bdb_diag *d)
{
	if (json_is_object(doc->root))
		return 0;
	return bdb__json_fail(doc, doc->root, NULL, BDB__NO_INDEX, d,
			      "%s must be a JSON object, got %s", what,
			      bdb__json_type_name(doc->root));
}

int bdb__set_env(void *run, const char *key, const char *value)
{
	return bdb_run_set_env(run, key, value);
}

int bdb__set_meta(void *run, const char *key, const char *value)
{
	return bdb_run_set_meta(run, key, value);
}
