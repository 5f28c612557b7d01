/*
 * benchkit_fast.c - the fast path for benchkit Run JSON: one pass of a pull
 * tokenizer over the bytes, building the run directly (no DOM, no hash
 * tables), for the common shape of benchkit files.
 *
 * It produces exactly the run benchkit.c builds from the jansson document,
 * or declines (BDB__FAST_DECLINED), and then the jansson path runs and owns
 * every diagnostic. It declines on anything that is not plainly valid:
 * malformed JSON, a wrong type, a duplicate key, nesting deeper than
 * MAX_DEPTH, an integer of more than 15 digits (those above 2^53 need the
 * "exact:" metadata), a number it cannot convert exactly as jansson does,
 * a NUL escape, a lone surrogate, a point without a name, a file without
 * points.
 *
 * The small, rare parts are handed to jansson on their own bytes: the
 * environment, metadata and metric_defs objects (flattened, kept as
 * "json:..." and read by the very functions of json.c and benchkit.c), and
 * the values of unknown keys (validated, then ignored). The order in which
 * the run is built differs from benchkit.c only where it cannot matter:
 * points are added while they are read, the environment, metadata and
 * definitions once the root object is closed, and then a metric without a
 * unit of its own takes its definition's.
 */
#include "internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper values are left to jansson (whose limit is 2048). */
#define MAX_DEPTH 64
/* Unknown keys remembered per object, to reject duplicates among them. */
#define MAX_UNKNOWN 8

typedef struct text {
	char *data;
	size_t len, cap;
} text;

/* A byte range of the input: a value read later. */
typedef struct span {
	const char *start, *end; /* start NULL: absent */
} span;

typedef struct fast {
	const char *p, *end;
	bdb_run *run;
	bdb__input *in;
	text key, value, unit, scenario; /* decoded strings, NUL-terminated */
	text unknown;			 /* unknown keys of the objects being read, NUL-separated */
	double *samples;
	size_t cap_samples;
} fast;

/* ------------------------------------------------------------------------ */
/* Tokens                                                                    */
/* ------------------------------------------------------------------------ */

/*
 * What each byte is to the tokenizer, one look each: JSON's white space,
 * and the bytes a string's plain run stops at (the quote, the backslash,
 * control characters and the start of a multibyte sequence).
 */
enum { BYTE_SPACE = 1, BYTE_STOPS_STRING = 2 };
/* clang-format off */
#define BYTE_ROW(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char byte_class[256] = {
    /* 0x00 */ 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 2, 2, 3, 2, 2,
    /* 0x10 */ BYTE_ROW(2),
    /* 0x20 ' ', '"' */ 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x30 */ BYTE_ROW(0),
    /* 0x40 */ BYTE_ROW(0),
    /* 0x50 '\\' */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
    /* 0x60 */ BYTE_ROW(0),
    /* 0x70 */ BYTE_ROW(0),
    /* 0x80 to 0xff */ BYTE_ROW(2), BYTE_ROW(2), BYTE_ROW(2), BYTE_ROW(2),
    BYTE_ROW(2), BYTE_ROW(2), BYTE_ROW(2), BYTE_ROW(2),
};
#undef BYTE_ROW
/* clang-format on */

static void skip_ws(fast *f)
{
	while (f->p < f->end && (byte_class[(unsigned char)*f->p] & BYTE_SPACE))
		f->p++;
}

/* Skips white space and takes the byte c. */
static bool take(fast *f, char c)
{
	skip_ws(f);
	if (f->p >= f->end || *f->p != c)
		return false;
	f->p++;
	return true;
}

/* Skips white space; true when the next byte is c (not taken). */
static bool peek(fast *f, char c)
{
	skip_ws(f);
	return f->p < f->end && *f->p == c;
}

static bool reserve(text *t, size_t more)
{
	if (t->len + more + 1 <= t->cap)
		return true;
	size_t cap = t->cap ? t->cap : 64;
	while (cap < t->len + more + 1)
		cap *= 2;
	char *d = realloc(t->data, cap);
	if (!d)
		return false;
	t->data = d;
	t->cap = cap;
	return true;
}

/* Four hex digits at p (p + 4 <= end checked by the caller). */
static bool hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

/*
 * Reads the string at the cursor (after white space) into t, decoded and
 * NUL-terminated. false for anything jansson would not take (or NUL).
 */
static bool string(fast *f, text *t)
{
	t->len = 0;
	if (!take(f, '"'))
		return false;
	for (;;) {
		const char *s = f->p;
		while (f->p < f->end && !(byte_class[(unsigned char)*f->p] & BYTE_STOPS_STRING))
			f->p++;
		size_t run = (size_t)(f->p - s);
		if (!reserve(t, run + 4))
			return false;
		memcpy(t->data + t->len, s, run);
		t->len += run;
		if (f->p >= f->end)
			return false;
		unsigned char c = (unsigned char)*f->p;
		if (c == '"') {
			f->p++;
			t->data[t->len] = '\0';
			return true;
		}
		if (c < 0x20)
			return false;
		if (c >= 0x80) {
			uint32_t cp;
			size_t n = bdb_utf8_next(f->p, (size_t)(f->end - f->p), &cp);
			if (!n)
				return false;
			memcpy(t->data + t->len, f->p, n);
			t->len += n;
			f->p += n;
			continue;
		}
		/* An escape. */
		if (f->end - f->p < 2)
			return false;
		char e = f->p[1];
		f->p += 2;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *k = e ? strchr(from, e) : NULL;
		if (k) {
			t->data[t->len++] = to[k - from];
			continue;
		}
		unsigned cp, low;
		if (e != 'u' || f->end - f->p < 4 || !hex4(f->p, &cp) || cp == 0)
			return false;
		f->p += 4;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return false;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (f->end - f->p < 6 || f->p[0] != '\\' || f->p[1] != 'u' ||
			    !hex4(f->p + 2, &low) || low < 0xDC00 || low > 0xDFFF)
				return false;
			f->p += 6;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
		}
		t->len += bdb_utf8_encode(cp, t->data + t->len);
	}
}

/* Powers of ten a double holds exactly. */
static const double pow10_exact[] = {1e0,  1e1,	 1e2,  1e3,  1e4,  1e5,	 1e6,  1e7,
				     1e8,  1e9,	 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/*
 * Reads the number at the cursor as jansson does: an integer token (no
 * fraction, no exponent) as a 64-bit integer (*is_int, *ival), converted to
 * double; anything else with strtod. Integers are taken only up to 15
 * digits; reals are converted exactly (one rounding, as strtod rounds) when
 * mantissa and power of ten are exact doubles, else by strtod itself.
 */
static bool number(fast *f, double *out, bool *is_int, long long *ival)
{
	skip_ws(f);
	const char *s = f->p, *p = f->p, *end = f->end;
	bool neg = p < end && *p == '-';
	if (neg)
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return false;
	uint64_t m = 0;
	int digits = 0, exp10 = 0; /* significant digits in m, and their scale */
	bool exact = true;
	if (*p == '0') {
		p++;
		if (p < end && *p >= '0' && *p <= '9')
			return false;
	} else {
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (digits < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				digits++;
			} else {
				exact = false;
			}
		}
	}
	bool real = false;
	if (p < end && *p == '.') {
		real = true;
		p++;
		if (p >= end || *p < '0' || *p > '9')
			return false;
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			if (m == 0 && *p == '0') {
				exp10--;
			} else if (digits < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				digits++;
				exp10--;
			} else {
				exact = false;
			}
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		real = true;
		p++;
		bool eneg = false;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if (p >= end || *p < '0' || *p > '9')
			return false;
		int e = 0;
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		exp10 += eneg ? -e : e;
	}
	f->p = p;
	*is_int = !real;
	if (!real) {
		/* Integers of up to 15 digits are exact in m, and in a double. */
		if (!exact || digits > 15)
			return false;
		*ival = neg ? -(long long)m : (long long)m;
		*out = (double)*ival; /* "-0" is the integer 0: +0.0 */
		return true;
	}
	if (exact && m <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
		double v = (double)m;
		v = exp10 < 0 ? v / pow10_exact[-exp10] : v * pow10_exact[exp10];
		*out = neg ? -v : v;
		return true;
	}
	char buf[64];
	size_t n = (size_t)(p - s);
	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	double v = strtod(buf, NULL);
	if (isinf(v))
		return false;
	*out = v;
	return true;
}

/* Takes the literal word (true, false, null) at the cursor. */
static bool literal(fast *f, const char *word)
{
	skip_ws(f);
	size_t n = strlen(word);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, word, n) != 0)
		return false;
	f->p += n;
	return true;
}

/*
 * Skips one value without checking it (jansson does, later, on its
 * bytes), recording its span; false when it does not end or nests deeper
 * than MAX_DEPTH.
 */
static bool skip_value(fast *f, span *out)
{
	skip_ws(f);
	out->start = f->p;
	const char *end = bdb__json_skip(f->p, f->end, MAX_DEPTH);
	if (!end)
		return false;
	f->p = out->end = end;
	return true;
}

/* Whether the value at the cursor is null (taken when it is). */
static bool null_value(fast *f)
{
	skip_ws(f);
	if (f->p < f->end && *f->p == 'n')
		return literal(f, "null");
	return false;
}

/* jansson's document of a span; NULL when it does not parse. */
static json_t *load_span(const span *s)
{
	return json_loadb(s->start, (size_t)(s->end - s->start),
			  JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
}

/*
 * An unknown key (in f->key) of the object whose unknown keys start at
 * base in f->unknown: false when it came before in that object or its
 * value is not valid JSON. The value is skipped. Objects nest, so each one
 * appends its unknown keys after its parent's and drops them when done.
 */
static bool unknown_member(fast *f, size_t base)
{
	const text *key = &f->key;
	size_t count = 0;
	for (size_t at = base; at < f->unknown.len; count++) {
		size_t n = strlen(f->unknown.data + at);
		if (n == key->len && memcmp(f->unknown.data + at, key->data, n) == 0)
			return false;
		at += n + 1;
	}
	if (count >= MAX_UNKNOWN || !reserve(&f->unknown, key->len + 1))
		return false;
	memcpy(f->unknown.data + f->unknown.len, key->data, key->len + 1);
	f->unknown.len += key->len + 1;
	span s;
	json_t *v = NULL;
	if (!skip_value(f, &s) || !(v = load_span(&s)))
		return false;
	json_decref(v);
	return true;
}

/* Bit of f->key among names (a NULL-terminated list), or 0 for none. */
static unsigned key_bit(const fast *f, const char *const *names)
{
	for (unsigned i = 0; names[i]; i++)
		if (names[i][0] == f->key.data[0] && strlen(names[i]) == f->key.len &&
		    memcmp(names[i], f->key.data, f->key.len) == 0)
			return 1u << i;
	return 0;
}

/*
 * Iterates the members of the object whose '{' the cursor is at: *first
 * true on the first call. Returns 1 with the key in f->key and the cursor
 * after the ':', 0 at the end ('}' taken), -1 on malformed input.
 */
static int next_member(fast *f, bool *first)
{
	if (*first) {
		*first = false;
		if (!take(f, '{'))
			return -1;
		if (take(f, '}'))
			return 0;
	} else if (!take(f, ',')) {
		return take(f, '}') ? 0 : -1;
	}
	if (!string(f, &f->key) || !take(f, ':'))
		return -1;
	return 1;
}

/* Records a known member in *seen; false when it was seen already. */
static bool mark(unsigned *seen, unsigned bit)
{
	if (*seen & bit)
		return false;
	*seen |= bit;
	return true;
}

/* Reads the members of an object: fn(f, bit, ctx) for each known one. */
typedef bool (*member_fn)(fast *f, unsigned bit, void *ctx);
static bool object(fast *f, const char *const *names, unsigned *seen, member_fn fn, void *ctx)
{
	size_t base = f->unknown.len;
	bool first = true;
	int r;
	*seen = 0;
	while ((r = next_member(f, &first)) == 1) {
		unsigned bit = key_bit(f, names);
		bool ok = bit ? mark(seen, bit) && fn(f, bit, ctx) : unknown_member(f, base);
		if (!ok)
			return false;
	}
	f->unknown.len = base;
	return r == 0;
}

/* ------------------------------------------------------------------------ */
/* Points                                                                    */
/* ------------------------------------------------------------------------ */

/* A number member that may be null: *present says which. */
static bool optional_number(fast *f, double *out, bool *present)
{
	bool is_int;
	long long i;
	*present = !null_value(f);
	return !*present || number(f, out, &is_int, &i);
}

/* A "samples" array (or null) into f->samples. */
static bool samples(fast *f, size_t *n)
{
	*n = 0;
	if (null_value(f))
		return true;
	if (!take(f, '['))
		return false;
	if (take(f, ']'))
		return true;
	do {
		if (*n == f->cap_samples) {
			size_t cap = f->cap_samples ? 2 * f->cap_samples : 64;
			double *s = realloc(f->samples, cap * sizeof *s);
			if (!s)
				return false;
			f->samples = s;
			f->cap_samples = cap;
		}
		bool is_int;
		long long i;
		if (!number(f, &f->samples[*n], &is_int, &i))
			return false;
		(*n)++;
	} while (take(f, ','));
	return take(f, ']');
}

static const char *const metric_keys[] = {"value",    "lower", "ci_lower", "upper",
					  "ci_upper", "unit",  "samples",  NULL};
enum { M_VALUE = 1, M_LOWER = 2, M_CI_LOWER = 4, M_UPPER = 8, M_CI_UPPER = 16, M_UNIT = 32 };

typedef struct metric_fields {
	double value, bound[4]; /* lower, ci_lower, upper, ci_upper */
	bool has[4], has_unit;
	size_t n_samples;
} metric_fields;

static bool metric_member(fast *f, unsigned bit, void *ctx)
{
	metric_fields *m = ctx;
	bool is_int;
	long long i;
	switch (bit) {
	case M_VALUE:
		return number(f, &m->value, &is_int, &i);
	case M_LOWER:
		return optional_number(f, &m->bound[0], &m->has[0]);
	case M_CI_LOWER:
		return optional_number(f, &m->bound[1], &m->has[1]);
	case M_UPPER:
		return optional_number(f, &m->bound[2], &m->has[2]);
	case M_CI_UPPER:
		return optional_number(f, &m->bound[3], &m->has[3]);
	case M_UNIT:
		m->has_unit = !null_value(f);
		return !m->has_unit || string(f, &f->unit);
	default:
		return samples(f, &m->n_samples);
	}
}

/* One metric object {"value", ...} of point `point`, named name. */
static bool metric(fast *f, const char *name, size_t point)
{
	metric_fields mf = {0};
	unsigned seen;
	if (!peek(f, '{') || !object(f, metric_keys, &seen, metric_member, &mf))
		return false;
	/* "value" is required; a bound may not be given under both names. */
	if (!(seen & M_VALUE) || (mf.has[0] && mf.has[1]) || (mf.has[2] && mf.has[3]))
		return false;
	bdb_point *p = &f->run->points[point];
	size_t before = p->n_metrics;
	bdb_metric *m;
	if (bdb_point_add_metric(f->run, p, name, mf.value, &m) || p->n_metrics == before)
		return false;
	if (mf.has_unit && bdb_metric_set_unit(f->run, m, f->unit.data))
		return false;
	m->has_lower = mf.has[0] || mf.has[1];
	m->lower = mf.has[0] ? mf.bound[0] : mf.has[1] ? mf.bound[1] : 0;
	m->has_upper = mf.has[2] || mf.has[3];
	m->upper = mf.has[2] ? mf.bound[2] : mf.has[3] ? mf.bound[3] : 0;
	/* bounds the wrong way round: the jansson path says where */
	if (m->has_lower && m->has_upper && m->lower > m->upper)
		return false;
	return bdb_metric_set_samples(f->run, m, f->samples, mf.n_samples) == 0;
}

/* The "metrics" object (or null) of point `point`. */
static bool metrics(fast *f, size_t point)
{
	if (null_value(f))
		return true;
	bool first = true;
	int r;
	while ((r = next_member(f, &first)) == 1) {
		/* The name moves to f->value: f->key serves the metric's members. */
		text t = f->value;
		f->value = f->key;
		f->key = t;
		if (!metric(f, f->value.data, point))
			return false;
	}
	return r == 0;
}

/* The "tags" object (or null) of point `point`. */
static bool tags(fast *f, size_t point)
{
	if (null_value(f))
		return true;
	bool first = true;
	int r;
	while ((r = next_member(f, &first)) == 1) {
		char num[64];
		const char *v;
		skip_ws(f);
		char c = f->p < f->end ? *f->p : '\0';
		bool is_int;
		long long i;
		double d;
		if (c == '"') {
			if (!string(f, &f->value))
				return false;
			v = f->value.data;
		} else if (c == 't' || c == 'f') {
			v = c == 't' ? "true" : "false";
			if (!literal(f, v))
				return false;
		} else if (number(f, &d, &is_int, &i)) {
			/* As bdb__json_text writes a jansson integer or real. */
			if (is_int)
				snprintf(num, sizeof num, "%lld", i);
			else
				bdb_double_text(d, num, sizeof num);
			v = num;
		} else {
			return false;
		}
		bdb_point *p = &f->run->points[point];
		size_t before = p->n_tags;
		if (bdb_point_set_tag(f->run, p, f->key.data, v) || p->n_tags == before)
			return false;
	}
	return r == 0;
}

static const char *const point_keys[] = {"name", "scenario", "tags", "metrics", NULL};
enum { P_NAME = 1, P_SCENARIO = 2, P_TAGS = 4, P_METRICS = 8 };

typedef struct point_state {
	bool named, has_scenario;
	size_t index;
	span late_tags, late_metrics; /* given before the name: read at the end */
} point_state;

static bool point_member(fast *f, unsigned bit, void *ctx)
{
	point_state *ps = ctx;
	bdb_point *p;
	switch (bit) {
	case P_NAME:
		if (!string(f, &f->value) || bdb_run_add_point(f->run, f->value.data, &p))
			return false;
		ps->named = true;
		ps->index = f->run->n_points - 1;
		return true;
	case P_SCENARIO:
		ps->has_scenario = !null_value(f);
		return !ps->has_scenario || string(f, &f->scenario);
	case P_TAGS:
		return ps->named ? tags(f, ps->index) : skip_value(f, &ps->late_tags);
	default:
		return ps->named ? metrics(f, ps->index) : skip_value(f, &ps->late_metrics);
	}
}

/* Reads the tags or metrics at span s (given before the point's name). */
static bool deferred(fast *f, const span *s, size_t point, bool (*fn)(fast *, size_t))
{
	if (!s->start)
		return true;
	const char *p = f->p;
	f->p = s->start;
	bool ok = fn(f, point) && f->p == s->end;
	f->p = p;
	return ok;
}

static bool point(fast *f)
{
	point_state ps = {0};
	unsigned seen;
	if (!peek(f, '{') || !object(f, point_keys, &seen, point_member, &ps) || !ps.named)
		return false;
	if (ps.has_scenario && f->scenario.len &&
	    bdb_point_set_scenario(f->run, &f->run->points[ps.index], f->scenario.data))
		return false;
	return deferred(f, &ps.late_tags, ps.index, tags) &&
	       deferred(f, &ps.late_metrics, ps.index, metrics);
}

static bool points(fast *f)
{
	if (!take(f, '['))
		return false;
	if (take(f, ']'))
		return true;
	do {
		if (!point(f))
			return false;
	} while (take(f, ','));
	return take(f, ']');
}

/* ------------------------------------------------------------------------ */
/* The run                                                                   */
/* ------------------------------------------------------------------------ */

static const char *const root_keys[] = {"id",	       "timestamp",   "commit",
					"branch",      "environment", "metadata",
					"metric_defs", "points",      NULL};
enum {
	R_ID = 1,
	R_TIMESTAMP = 2,
	R_COMMIT = 4,
	R_BRANCH = 8,
	R_ENV = 16,
	R_META = 32,
	R_DEFS = 64,
	R_POINTS = 128
};

/* The objects left to jansson: environment, metadata, metric_defs. */
typedef struct root_state {
	span env, meta, defs;
} root_state;

/* An optional string member into f->value; *present false for null. */
static bool optional_string(fast *f, bool *present)
{
	*present = !null_value(f);
	return !*present || string(f, &f->value);
}

static bool root_member(fast *f, unsigned bit, void *ctx)
{
	root_state *rs = ctx;
	bool present;
	int64_t us;
	switch (bit) {
	case R_ID:
		/* An empty id is an error of benchkit.c's. */
		return optional_string(f, &present) &&
		       (!present || (f->value.len && !bdb_run_set_id(f->run, f->value.data)));
	case R_TIMESTAMP:
		if (!optional_string(f, &present))
			return false;
		if (present) {
			if (bdb_time_parse(f->value.data, &us))
				return false;
			f->run->timestamp_us = us;
			f->in->has_timestamp = true;
			bdb__time_zone_of(f->value.data, f->in->time_zone);
		}
		return true;
	case R_COMMIT:
	case R_BRANCH:
		/* null and "" both mean unknown. */
		if (!optional_string(f, &present))
			return false;
		if (!present || !f->value.len)
			return true;
		return (bit == R_COMMIT ? bdb_run_set_commit
					: bdb_run_set_branch)(f->run, f->value.data) == 0;
	case R_ENV:
	case R_META:
	case R_DEFS: {
		span *s = bit == R_ENV ? &rs->env : bit == R_META ? &rs->meta : &rs->defs;
		return null_value(f) || (peek(f, '{') && skip_value(f, s));
	}
	default:
		return points(f);
	}
}

/* The environment or metadata object at s, as benchkit.c reads it. */
static bool flat_object(bdb_run *run, const span *s, const char *name, bdb__kv_fn fn)
{
	if (!s->start)
		return true;
	json_t *v = load_span(s);
	bool ok = v && json_is_object(v) && !bdb__json_flatten(v, "", fn, run) &&
		  !bdb__json_keep_shape(run, name, v);
	json_decref(v);
	return ok;
}

/* The metric_defs object at s, and the units metrics take from it. */
static bool definitions(fast *f, const span *s)
{
	if (!s->start)
		return true;
	bdb__json_doc doc = {.name = f->in->name,
			     .text = s->start,
			     .len = (size_t)(s->end - s->start),
			     .root = load_span(s)};
	bdb_diag d;
	bool ok = doc.root && json_is_object(doc.root) &&
		  !bdb__benchkit_read_defs(&doc, doc.root, f->run, &d);
	bdb__json_release(&doc);
	bdb_run *run = f->run;
	for (size_t i = 0; ok && run->n_defs && i < run->n_points; i++) {
		bdb_point *p = &run->points[i];
		for (size_t k = 0; ok && k < p->n_metrics; k++) {
			bdb_metric *m = &p->metrics[k];
			const bdb_metric_def *def = m->unit ? NULL : bdb_run_find_def(run, m->name);
			if (def && def->unit)
				ok = !bdb_metric_set_unit(run, m, def->unit);
		}
	}
	return ok;
}

int bdb__benchkit_fast(bdb__input *in, bdb_run *run)
{
	if (!in->data)
		return BDB__FAST_DECLINED;
	fast f = {.p = in->data, .end = in->data + in->len, .run = run, .in = in};
	if (in->len >= 3 && memcmp(f.p, "\xef\xbb\xbf", 3) == 0)
		f.p += 3;
	root_state rs = {0};
	unsigned seen;
	bool ok =
	    peek(&f, '{') && object(&f, root_keys, &seen, root_member, &rs) && (seen & R_POINTS);
	skip_ws(&f);
	ok = ok && f.p == f.end && flat_object(run, &rs.env, "environment", bdb__set_env) &&
	     flat_object(run, &rs.meta, "metadata", bdb__set_meta) && definitions(&f, &rs.defs);
	free(f.key.data);
	free(f.value.data);
	free(f.unit.data);
	free(f.scenario.data);
	free(f.unknown.data);
	free(f.samples);
	return ok ? 0 : BDB__FAST_DECLINED;
}
