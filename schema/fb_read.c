/*
 * fb_read.c - zero-copy reading of verified Run FlatBuffers (bdb_fb_*) and
 * bdb_run_decode, which verifies and then copies a buffer into a bdb_run.
 *
 * The accessors trust what bdb_run_verify checked (every offset, size and
 * terminator); they only guard against what a caller can get wrong: an
 * absent table (view.table == 0) and an index past a vector's end, which
 * give an absent value rather than a read out of bounds.
 */
#include "fb_internal.h"

#include <stdlib.h>

/* Position of field `id` of the table, or 0 when the field is absent. */
static uint32_t field_pos(bdb_fb_view t, unsigned id)
{
	if (!t.table)
		return 0;
	uint32_t vtable = t.table - (uint32_t)bdb__fb_get_i32(t.buf + t.table);
	uint16_t vsize = bdb__fb_get_u16(t.buf + vtable);
	if (4 + 2 * id >= vsize)
		return 0; /* written by an older writer: absent */
	uint16_t off = bdb__fb_get_u16(t.buf + vtable + 4 + 2 * id);
	return off ? t.table + off : 0;
}

/* Position of what the uoffset field `id` points to, or 0 when absent. */
static uint32_t field_target(bdb_fb_view t, unsigned id)
{
	uint32_t pos = field_pos(t, id);
	return pos ? pos + bdb__fb_get_u32(t.buf + pos) : 0;
}

static bdb_fb_str field_string(bdb_fb_view t, unsigned id)
{
	bdb_fb_str s = {NULL, 0};
	uint32_t pos = field_target(t, id);
	if (pos) {
		s.len = bdb__fb_get_u32(t.buf + pos);
		s.ptr = (const char *)t.buf + pos + 4;
	}
	return s;
}

static bool field_f64(bdb_fb_view t, unsigned id, double *out)
{
	uint32_t pos = field_pos(t, id);
	*out = pos ? bdb__fb_get_f64(t.buf + pos) : 0.0;
	return pos != 0;
}

static int8_t field_i8(bdb_fb_view t, unsigned id)
{
	uint32_t pos = field_pos(t, id);
	return pos ? (int8_t)t.buf[pos] : 0;
}

/* Length of the vector field `id` (0 when absent). */
static uint32_t vector_length(bdb_fb_view t, unsigned id)
{
	uint32_t pos = field_target(t, id);
	return pos ? bdb__fb_get_u32(t.buf + pos) : 0;
}

/* Element i of the table-vector field `id`; an absent view when out of range. */
static bdb_fb_view vector_table(bdb_fb_view t, unsigned id, uint32_t i)
{
	bdb_fb_view e = {t.buf, t.len, 0};
	uint32_t pos = field_target(t, id);
	if (pos && i < bdb__fb_get_u32(t.buf + pos)) {
		uint32_t slot = pos + 4 + 4 * i;
		e.table = slot + bdb__fb_get_u32(t.buf + slot);
	}
	return e;
}

static void key_value(bdb_fb_view kv, bdb_fb_str *key, bdb_fb_str *value)
{
	*key = field_string(kv, BDB__FB_KV_KEY);
	*value = field_string(kv, BDB__FB_KV_VALUE);
}

/* ---- Run ---- */

bdb_fb_view bdb_fb_run_root(const void *buf, size_t len)
{
	bdb_fb_view v = {buf, len, 0};
	v.table = bdb__fb_get_u32(v.buf);
	return v;
}

bdb_fb_str bdb_fb_run_id(bdb_fb_view run)
{
	return field_string(run, BDB__FB_RUN_ID);
}

int64_t bdb_fb_run_timestamp(bdb_fb_view run)
{
	uint32_t pos = field_pos(run, BDB__FB_RUN_TIMESTAMP);
	return pos ? (int64_t)bdb__fb_get_u64(run.buf + pos) : 0;
}

bdb_fb_str bdb_fb_run_commit(bdb_fb_view run)
{
	return field_string(run, BDB__FB_RUN_COMMIT);
}

bdb_fb_str bdb_fb_run_branch(bdb_fb_view run)
{
	return field_string(run, BDB__FB_RUN_BRANCH);
}

uint32_t bdb_fb_run_n_env(bdb_fb_view run)
{
	return vector_length(run, BDB__FB_RUN_ENVIRONMENT);
}

void bdb_fb_run_env(bdb_fb_view run, uint32_t i, bdb_fb_str *key, bdb_fb_str *value)
{
	key_value(vector_table(run, BDB__FB_RUN_ENVIRONMENT, i), key, value);
}

uint32_t bdb_fb_run_n_meta(bdb_fb_view run)
{
	return vector_length(run, BDB__FB_RUN_METADATA);
}

void bdb_fb_run_meta(bdb_fb_view run, uint32_t i, bdb_fb_str *key, bdb_fb_str *value)
{
	key_value(vector_table(run, BDB__FB_RUN_METADATA, i), key, value);
}

uint32_t bdb_fb_run_n_defs(bdb_fb_view run)
{
	return vector_length(run, BDB__FB_RUN_METRIC_DEFS);
}

bdb_fb_view bdb_fb_run_def(bdb_fb_view run, uint32_t i)
{
	return vector_table(run, BDB__FB_RUN_METRIC_DEFS, i);
}

uint32_t bdb_fb_run_n_points(bdb_fb_view run)
{
	return vector_length(run, BDB__FB_RUN_POINTS);
}

bdb_fb_view bdb_fb_run_point(bdb_fb_view run, uint32_t i)
{
	return vector_table(run, BDB__FB_RUN_POINTS, i);
}

/* ---- MetricDef ---- */

bdb_fb_str bdb_fb_def_name(bdb_fb_view def)
{
	return field_string(def, BDB__FB_DEF_NAME);
}

bdb_fb_str bdb_fb_def_unit(bdb_fb_view def)
{
	return field_string(def, BDB__FB_DEF_UNIT);
}

bdb_direction bdb_fb_def_direction(bdb_fb_view def)
{
	int8_t v = field_i8(def, BDB__FB_DEF_DIRECTION);
	return v == BDB_HIGHER || v == BDB_LOWER ? (bdb_direction)v : BDB_INFO;
}

bdb_fb_str bdb_fb_def_group(bdb_fb_view def)
{
	return field_string(def, BDB__FB_DEF_GROUP);
}

bdb_priority bdb_fb_def_priority(bdb_fb_view def)
{
	return field_i8(def, BDB__FB_DEF_PRIORITY) == BDB_PRIMARY ? BDB_PRIMARY : BDB_SECONDARY;
}

bdb_fb_str bdb_fb_def_description(bdb_fb_view def)
{
	return field_string(def, BDB__FB_DEF_DESCRIPTION);
}

bool bdb_fb_def_threshold(bdb_fb_view def, double *out)
{
	return field_f64(def, BDB__FB_DEF_THRESHOLD, out);
}

/* ---- Point ---- */

bdb_fb_str bdb_fb_point_name(bdb_fb_view point)
{
	return field_string(point, BDB__FB_POINT_NAME);
}

bdb_fb_str bdb_fb_point_scenario(bdb_fb_view point)
{
	return field_string(point, BDB__FB_POINT_SCENARIO);
}

uint32_t bdb_fb_point_n_tags(bdb_fb_view point)
{
	return vector_length(point, BDB__FB_POINT_TAGS);
}

void bdb_fb_point_tag(bdb_fb_view point, uint32_t i, bdb_fb_str *key, bdb_fb_str *value)
{
	key_value(vector_table(point, BDB__FB_POINT_TAGS, i), key, value);
}

uint32_t bdb_fb_point_n_metrics(bdb_fb_view point)
{
	return vector_length(point, BDB__FB_POINT_METRICS);
}

bdb_fb_view bdb_fb_point_metric(bdb_fb_view point, uint32_t i)
{
	return vector_table(point, BDB__FB_POINT_METRICS, i);
}

/* ---- Metric ---- */

bdb_fb_str bdb_fb_metric_name(bdb_fb_view metric)
{
	return field_string(metric, BDB__FB_METRIC_NAME);
}

double bdb_fb_metric_value(bdb_fb_view metric)
{
	double v;
	field_f64(metric, BDB__FB_METRIC_VALUE, &v);
	return v;
}

bool bdb_fb_metric_lower(bdb_fb_view metric, double *out)
{
	return field_f64(metric, BDB__FB_METRIC_LOWER, out);
}

bool bdb_fb_metric_upper(bdb_fb_view metric, double *out)
{
	return field_f64(metric, BDB__FB_METRIC_UPPER, out);
}

uint32_t bdb_fb_metric_n_samples(bdb_fb_view metric)
{
	return vector_length(metric, BDB__FB_METRIC_SAMPLES);
}

double bdb_fb_metric_sample(bdb_fb_view metric, uint32_t i)
{
	uint32_t pos = field_target(metric, BDB__FB_METRIC_SAMPLES);
	if (!pos || i >= bdb__fb_get_u32(metric.buf + pos))
		return 0.0;
	return bdb__fb_get_f64(metric.buf + pos + 4 + 8 * (size_t)i);
}

uint32_t bdb_fb_metric_copy_samples(bdb_fb_view metric, double *out)
{
	uint32_t pos = field_target(metric, BDB__FB_METRIC_SAMPLES);
	if (!pos)
		return 0;
	uint32_t n = bdb__fb_get_u32(metric.buf + pos);
#if BDB__FB_LITTLE_ENDIAN
	if (n)
		memcpy(out, metric.buf + pos + 4, 8 * (size_t)n);
#else
	for (uint32_t i = 0; i < n; i++)
		out[i] = bdb__fb_get_f64(metric.buf + pos + 4 + 8 * (size_t)i);
#endif
	return n;
}

bdb_fb_str bdb_fb_metric_unit(bdb_fb_view metric)
{
	return field_string(metric, BDB__FB_METRIC_UNIT);
}

/* ---- decode ---- */

/* A string the model requires (names, keys): absent reads as "". */
static const char *required(bdb_fb_str s)
{
	return s.ptr ? s.ptr : "";
}

static int decode_metric(bdb_run *run, bdb_point *p, bdb_fb_view fm)
{
	bdb_metric *m;
	int rc = bdb_point_add_metric(run, p, required(bdb_fb_metric_name(fm)),
				      bdb_fb_metric_value(fm), &m);
	if (rc)
		return rc;
	m->has_lower = bdb_fb_metric_lower(fm, &m->lower);
	m->has_upper = bdb_fb_metric_upper(fm, &m->upper);
	uint32_t n = bdb_fb_metric_n_samples(fm);
	if (n) {
		double *samples = bdb_run_alloc(run, 8 * (size_t)n);
		if (!samples)
			return BDB_ENOMEM;
		bdb_fb_metric_copy_samples(fm, samples);
		m->samples = samples;
		m->n_samples = n;
	}
	/* Without a unit of its own a metric has its definition's (the builder
	 * leaves out a unit equal to it). Definitions are decoded first. */
	const char *unit = bdb_fb_metric_unit(fm).ptr;
	const bdb_metric_def *def = unit ? NULL : bdb_run_find_def(run, m->name);
	return bdb_metric_set_unit(run, m, def ? def->unit : unit);
}

static int decode_point(bdb_run *run, bdb_fb_view fp)
{
	bdb_point *p;
	int rc = bdb_run_add_point(run, required(bdb_fb_point_name(fp)), &p);
	if (!rc)
		rc = bdb_point_set_scenario(run, p, bdb_fb_point_scenario(fp).ptr);
	uint32_t n_tags = bdb_fb_point_n_tags(fp);
	for (uint32_t i = 0; !rc && i < n_tags; i++) {
		bdb_fb_str key, value;
		bdb_fb_point_tag(fp, i, &key, &value);
		rc = bdb_point_set_tag(run, p, required(key), required(value));
	}
	uint32_t n_metrics = bdb_fb_point_n_metrics(fp);
	for (uint32_t i = 0; !rc && i < n_metrics; i++)
		rc = decode_metric(run, p, bdb_fb_point_metric(fp, i));
	return rc;
}

/* Copies a string that may be absent into the run's arena. */
static int copy_optional(bdb_run *run, const char **field, bdb_fb_str s)
{
	*field = bdb_run_strdup(run, s.ptr);
	return s.ptr && !*field ? BDB_ENOMEM : 0;
}

static int decode_def(bdb_run *run, bdb_fb_view fd)
{
	bdb_metric_def *def;
	int rc = bdb_run_add_def(run, required(bdb_fb_def_name(fd)), &def);
	if (rc)
		return rc;
	def->direction = bdb_fb_def_direction(fd);
	def->priority = bdb_fb_def_priority(fd);
	def->has_threshold = bdb_fb_def_threshold(fd, &def->threshold);
	rc = copy_optional(run, &def->unit, bdb_fb_def_unit(fd));
	if (!rc)
		rc = copy_optional(run, &def->group, bdb_fb_def_group(fd));
	if (!rc)
		rc = copy_optional(run, &def->description, bdb_fb_def_description(fd));
	return rc;
}

static int decode_run(bdb_run *run, bdb_fb_view fr)
{
	int rc = bdb_run_set_id(run, bdb_fb_run_id(fr).ptr);
	run->timestamp_us = bdb_fb_run_timestamp(fr);
	if (!rc)
		rc = bdb_run_set_commit(run, bdb_fb_run_commit(fr).ptr);
	if (!rc)
		rc = bdb_run_set_branch(run, bdb_fb_run_branch(fr).ptr);
	uint32_t n = bdb_fb_run_n_env(fr);
	for (uint32_t i = 0; !rc && i < n; i++) {
		bdb_fb_str key, value;
		bdb_fb_run_env(fr, i, &key, &value);
		rc = bdb_run_set_env(run, required(key), required(value));
	}
	n = bdb_fb_run_n_meta(fr);
	for (uint32_t i = 0; !rc && i < n; i++) {
		bdb_fb_str key, value;
		bdb_fb_run_meta(fr, i, &key, &value);
		rc = bdb_run_set_meta(run, required(key), required(value));
	}
	n = bdb_fb_run_n_defs(fr);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = decode_def(run, bdb_fb_run_def(fr, i));
	n = bdb_fb_run_n_points(fr);
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = decode_point(run, bdb_fb_run_point(fr, i));
	return rc;
}

int bdb_run_decode(const void *buf, size_t len, bdb_run **out, bdb_diag *d)
{
	*out = NULL;
	int rc = bdb_run_verify(buf, len, d);
	if (rc)
		return rc;
	bdb_run *run = bdb_run_new();
	if (!run)
		return bdb_diag_set(d, BDB_ENOMEM, NULL, 0, 0, "out of memory decoding a run");
	rc = decode_run(run, bdb_fb_run_root(buf, len));
	if (rc) {
		bdb_run_free(run);
		return bdb_diag_set(d, rc, NULL, 0, 0, "out of memory decoding a run");
	}
	*out = run;
	return 0;
}

/* ---- Where the doubles are (the run store's packing, engine/runpack.c) ---- */

typedef struct double_walk {
	const uint8_t *buf;
	size_t len;
	uint32_t *pos;
	size_t cap, n;
	/* bdb_fb_run_sample_vectors's: the vectors found, and the point. */
	bdb_fb_samples_at *vec;
	size_t vec_cap, n_vec;
	uint32_t point;
} double_walk;

/* A table of the walk: its position and its vtable's, checked. */
typedef struct walk_table {
	uint64_t at, vtable;
	uint16_t vsize;
} walk_table;

/* The table at position t, its vtable in bounds. */
static bool table_at(const double_walk *w, uint64_t t, walk_table *tb)
{
	if (t < 4 || t + 4 > w->len)
		return false;
	int64_t vt = (int64_t)t - bdb__fb_get_i32(w->buf + t);
	if (vt < 0 || (uint64_t)vt + 4 > w->len)
		return false;
	tb->at = t;
	tb->vtable = (uint64_t)vt;
	tb->vsize = bdb__fb_get_u16(w->buf + vt);
	return tb->vsize >= 4 && (tb->vsize & 1) == 0 && tb->vtable + tb->vsize <= w->len;
}

/* Field id's position in table tb (0 when absent), `size` bytes in bounds. */
static inline bool walk_field(const double_walk *w, const walk_table *tb, unsigned id, size_t size,
			      uint64_t *at)
{
	*at = 0;
	if (4 + 2 * id + 2 > tb->vsize)
		return true;
	uint16_t off = bdb__fb_get_u16(w->buf + tb->vtable + 4 + 2 * id);
	if (off)
		*at = tb->at + off;
	return !off || *at + size <= w->len;
}

/* The vector the offset field id of table tb points to: its first element
 * and length (0 when absent), each element `size` bytes, in bounds. */
static bool walk_vector(const double_walk *w, const walk_table *tb, unsigned id, size_t size,
			uint64_t *first, uint32_t *n)
{
	uint64_t at;
	*n = 0;
	if (!walk_field(w, tb, id, 4, &at))
		return false;
	if (!at)
		return true;
	uint64_t v = at + bdb__fb_get_u32(w->buf + at);
	if (v + 4 > w->len)
		return false;
	*n = bdb__fb_get_u32(w->buf + v);
	*first = v + 4;
	return (uint64_t)*n * size <= w->len - *first;
}

static inline bool walk_add(double_walk *w, uint64_t at)
{
	if (w->n >= w->len / 8)
		return false; /* more than fit without sharing bytes */
	if (w->n < w->cap)
		w->pos[w->n] = (uint32_t)at;
	w->n++;
	return true;
}

/* The metric table at m: its value, bounds and samples, in that order. Its
 * vtable is read once for the four fields. */
static bool walk_metric(double_walk *w, uint64_t m)
{
	static const unsigned scalars[] = {BDB__FB_METRIC_VALUE, BDB__FB_METRIC_LOWER,
					   BDB__FB_METRIC_UPPER};
	uint64_t at, first;
	uint32_t n;
	walk_table tb;
	if (!table_at(w, m, &tb))
		return false;
	for (size_t i = 0; i < sizeof scalars / sizeof *scalars; i++)
		if (!walk_field(w, &tb, scalars[i], 8, &at) || (at && !walk_add(w, at)))
			return false;
	if (!walk_vector(w, &tb, BDB__FB_METRIC_SAMPLES, 8, &first, &n))
		return false;
	if (n && w->n_vec < w->vec_cap)
		w->vec[w->n_vec] = (bdb_fb_samples_at){w->point, (uint32_t)w->n, n};
	w->n_vec += n > 0;
	for (uint32_t i = 0; i < n; i++)
		if (!walk_add(w, first + 8 * (uint64_t)i))
			return false;
	return true;
}

/* Element i of the table vector starting at first. */
static uint64_t walk_element(const double_walk *w, uint64_t first, uint32_t i)
{
	uint64_t slot = first + 4 * (uint64_t)i;
	return slot + bdb__fb_get_u32(w->buf + slot);
}

static int run_walk(double_walk *w)
{
	uint64_t points, metrics;
	uint32_t n_points, n_metrics;
	if (w->len < 8 || w->len > BDB__FB_MAX_SIZE)
		return BDB_ECORRUPT;
	walk_table run, point;
	if (!table_at(w, bdb__fb_get_u32(w->buf), &run) ||
	    !walk_vector(w, &run, BDB__FB_RUN_POINTS, 4, &points, &n_points))
		return BDB_ECORRUPT;
	for (uint32_t p = 0; p < n_points; p++) {
		w->point = p;
		if (!table_at(w, walk_element(w, points, p), &point) ||
		    !walk_vector(w, &point, BDB__FB_POINT_METRICS, 4, &metrics, &n_metrics))
			return BDB_ECORRUPT;
		for (uint32_t m = 0; m < n_metrics; m++)
			if (!walk_metric(w, walk_element(w, metrics, m)))
				return BDB_ECORRUPT;
	}
	return 0;
}

int bdb_fb_run_doubles(const void *buf, size_t len, uint32_t *pos, size_t cap, size_t *n)
{
	double_walk w = {.buf = buf, .len = len, .pos = pos, .cap = cap};
	int rc = run_walk(&w);
	*n = rc ? 0 : w.n;
	return rc;
}

int bdb_fb_run_sample_vectors(const void *buf, size_t len, bdb_fb_samples_at *vec, size_t cap,
			       size_t *n)
{
	double_walk w = {.buf = buf, .len = len, .vec = vec, .vec_cap = cap};
	int rc = run_walk(&w);
	*n = rc ? 0 : w.n_vec;
	return rc;
}
