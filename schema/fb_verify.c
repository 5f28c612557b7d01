/*
 * fb_verify.c - the verifier for Run FlatBuffers (bdb_run_verify).
 *
 * It walks the buffer the way the reader will, driven by a description of
 * schema/run.fbs, and checks every byte the reader could touch before the
 * reader touches it:
 *   - the length: at least root offset + file identifier, a multiple of 4
 *     (every builder pads the whole buffer to its largest alignment), at
 *     most 2^31 - 1 bytes; the file identifier "BDBR";
 *   - every uoffset: 4-aligned, not 0, at most 2^31 - 1, landing inside;
 *   - every table: 4-aligned and inside; its vtable (table - soffset)
 *     2-aligned and inside, with an even size of at least 4; the table's own
 *     inline size at least 4 and inside; every known field's offset past the
 *     soffset, within the inline size and aligned to the field's size;
 *   - every string: 4-aligned length inside, bytes and NUL terminator
 *     inside, the terminator really NUL;
 *   - every vector: 4-aligned length, elements aligned to their size (8 for
 *     doubles), length * element size inside (computed in 64 bits);
 *   - nesting at most BDB_FB_MAX_DEPTH tables deep, and at most len / 4
 *     table visits in all, so that shared (DAG) references cannot make
 *     verification cost more than linear in the buffer.
 * Fields a newer writer appended (vtable entries past the ones known here)
 * are skipped, as the compatibility rule requires. Alignment is checked
 * relative to the buffer start; the buffer itself may sit anywhere in
 * memory, every scalar is read with memcpy.
 */
#include "fb_internal.h"

#include <stdarg.h>
#include <stdio.h>

enum field_kind { SCALAR, STRING, F64_VECTOR, TABLE_VECTOR };

enum table_id { KEY_VALUE, METRIC_DEF, METRIC, POINT, RUN };

typedef struct field_desc {
	const char *name;
	uint8_t kind;
	uint8_t size;	 /* SCALAR: byte size, also its alignment */
	uint8_t element; /* TABLE_VECTOR: enum table_id of the elements */
} field_desc;

typedef struct table_desc {
	const char *name;
	unsigned n_fields;
	const field_desc *fields;
} table_desc;

/* Field order is the field number: the declaration order in run.fbs. */
static const field_desc key_value_fields[BDB__FB_KV_N] = {
    {"key", STRING, 4, 0},
    {"value", STRING, 4, 0},
};

static const field_desc metric_def_fields[BDB__FB_DEF_N] = {
    {"name", STRING, 4, 0},	 {"unit", STRING, 4, 0},     {"direction", SCALAR, 1, 0},
    {"group", STRING, 4, 0},	 {"priority", SCALAR, 1, 0}, {"description", STRING, 4, 0},
    {"threshold", SCALAR, 8, 0},
};

static const field_desc metric_fields[BDB__FB_METRIC_N] = {
    {"name", STRING, 4, 0},  {"value", SCALAR, 8, 0},	    {"lower", SCALAR, 8, 0},
    {"upper", SCALAR, 8, 0}, {"samples", F64_VECTOR, 4, 0}, {"unit", STRING, 4, 0},
};

static const field_desc point_fields[BDB__FB_POINT_N] = {
    {"name", STRING, 4, 0},
    {"scenario", STRING, 4, 0},
    {"tags", TABLE_VECTOR, 4, KEY_VALUE},
    {"metrics", TABLE_VECTOR, 4, METRIC},
};

static const field_desc run_fields[BDB__FB_RUN_N] = {
    {"id", STRING, 4, 0},
    {"timestamp_us", SCALAR, 8, 0},
    {"commit", STRING, 4, 0},
    {"branch", STRING, 4, 0},
    {"environment", TABLE_VECTOR, 4, KEY_VALUE},
    {"metadata", TABLE_VECTOR, 4, KEY_VALUE},
    {"metric_defs", TABLE_VECTOR, 4, METRIC_DEF},
    {"points", TABLE_VECTOR, 4, POINT},
};

static const table_desc tables[] = {
    [KEY_VALUE] = {"KeyValue", BDB__FB_KV_N, key_value_fields},
    [METRIC_DEF] = {"MetricDef", BDB__FB_DEF_N, metric_def_fields},
    [METRIC] = {"Metric", BDB__FB_METRIC_N, metric_fields},
    [POINT] = {"Point", BDB__FB_POINT_N, point_fields},
    [RUN] = {"Run", BDB__FB_RUN_N, run_fields},
};

typedef struct verifier {
	const uint8_t *buf;
	uint64_t len;
	bdb__fb_limits limits;
	size_t n_tables;
	bdb_diag *d;
} verifier;

#define FAIL(v, pos, ...) fail_at(v, (int64_t)(pos), __VA_ARGS__)

static int fail_at(verifier *v, int64_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(verifier *v, int64_t pos, const char *fmt, ...)
{
	if (!v->d)
		return BDB_EVERIFY;
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return bdb_diag_set(v->d, BDB_EVERIFY, NULL, 0, 0,
			    "run buffer (%llu bytes): %s at byte %lld", (unsigned long long)v->len,
			    what, (long long)pos);
}

/* Whether [pos, pos + n) lies inside the buffer; pos may be negative. */
static bool inside(const verifier *v, int64_t pos, uint64_t n)
{
	return pos >= 0 && (uint64_t)pos <= v->len && n <= v->len - (uint64_t)pos;
}

/*
 * Follows the uoffset stored at pos (already known to be inside and
 * 4-aligned) and writes the target position to *target.
 */
static int follow(verifier *v, uint64_t pos, const char *what, uint64_t *target)
{
	uint32_t off = bdb__fb_get_u32(v->buf + pos);
	if (off == 0)
		return FAIL(v, pos, "offset to %s points to itself", what);
	if (off > BDB__FB_MAX_SIZE)
		return FAIL(v, pos, "offset to %s (%u) is negative as a 32-bit value", what, off);
	if (!inside(v, (int64_t)(pos + off), 1))
		return FAIL(v, pos, "offset to %s points past the end (+%u)", what, off);
	*target = pos + off;
	return 0;
}

/*
 * Checks a vector header at pos: aligned length inside, elements aligned to
 * elem_align, n * elem_size bytes inside. Writes the length to *n.
 */
static int verify_vector(verifier *v, uint64_t pos, uint64_t elem_size, uint64_t elem_align,
			 const char *what, uint32_t *n)
{
	if (pos % 4)
		return FAIL(v, pos, "%s vector length is not 4-aligned", what);
	if (!inside(v, (int64_t)pos, 4))
		return FAIL(v, pos, "%s vector length is past the end", what);
	if ((pos + 4) % elem_align)
		return FAIL(v, pos, "%s vector elements are not %llu-aligned", what,
			    (unsigned long long)elem_align);
	*n = bdb__fb_get_u32(v->buf + pos);
	if (!inside(v, (int64_t)(pos + 4), (uint64_t)*n * elem_size))
		return FAIL(v, pos, "%s vector of %u elements runs past the end", what, *n);
	return 0;
}

static int verify_string(verifier *v, uint64_t pos, const char *what)
{
	uint32_t n;
	int rc = verify_vector(v, pos, 1, 1, what, &n);
	if (rc)
		return rc;
	if (!inside(v, (int64_t)(pos + 4 + n), 1))
		return FAIL(v, pos, "string %s of %u bytes has no room for its NUL", what, n);
	if (v->buf[pos + 4 + n] != 0)
		return FAIL(v, pos, "string %s of %u bytes is not NUL-terminated", what, n);
	return 0;
}

static int verify_table(verifier *v, uint64_t pos, enum table_id id, unsigned depth);

static int verify_table_vector(verifier *v, uint64_t pos, const field_desc *f, unsigned depth)
{
	uint32_t n;
	int rc = verify_vector(v, pos, 4, 4, f->name, &n);
	for (uint32_t i = 0; !rc && i < n; i++) {
		uint64_t slot = pos + 4 + 4 * (uint64_t)i, target;
		rc = follow(v, slot, tables[f->element].name, &target);
		if (!rc)
			rc = verify_table(v, target, (enum table_id)f->element, depth + 1);
	}
	return rc;
}

/* Checks the field at pos (a known field of the table) and what it points to. */
static int verify_field(verifier *v, uint64_t pos, const field_desc *f, unsigned depth)
{
	uint64_t target;
	int rc = 0;
	switch (f->kind) {
	case SCALAR:
		return 0;
	case STRING:
		rc = follow(v, pos, f->name, &target);
		return rc ? rc : verify_string(v, target, f->name);
	case F64_VECTOR: {
		uint32_t n;
		rc = follow(v, pos, f->name, &target);
		return rc ? rc : verify_vector(v, target, 8, 8, f->name, &n);
	}
	default:
		rc = follow(v, pos, f->name, &target);
		return rc ? rc : verify_table_vector(v, target, f, depth);
	}
}

static int verify_table(verifier *v, uint64_t pos, enum table_id id, unsigned depth)
{
	const table_desc *t = &tables[id];
	if (depth > v->limits.max_depth)
		return FAIL(v, pos, "%s table nested deeper than %u tables", t->name,
			    v->limits.max_depth);
	if (++v->n_tables > v->limits.max_tables)
		return FAIL(v, pos, "%s table: more than %zu table visits", t->name,
			    v->limits.max_tables);
	if (pos % 4)
		return FAIL(v, pos, "%s table is not 4-aligned", t->name);
	if (!inside(v, (int64_t)pos, 4))
		return FAIL(v, pos, "%s table is past the end", t->name);
	int64_t vtable = (int64_t)pos - bdb__fb_get_i32(v->buf + pos);
	if (vtable % 2)
		return FAIL(v, pos, "%s table's vtable at %lld is not 2-aligned", t->name,
			    (long long)vtable);
	if (!inside(v, vtable, 4))
		return FAIL(v, pos, "%s table's vtable at %lld is outside the buffer", t->name,
			    (long long)vtable);
	uint16_t vsize = bdb__fb_get_u16(v->buf + vtable);
	uint16_t tsize = bdb__fb_get_u16(v->buf + vtable + 2);
	if (vsize < 4 || vsize % 2 || !inside(v, vtable, vsize))
		return FAIL(v, pos, "%s table's vtable at %lld has a bad size %u", t->name,
			    (long long)vtable, vsize);
	if (tsize < 4 || !inside(v, (int64_t)pos, tsize))
		return FAIL(v, pos, "%s table has a bad inline size %u", t->name, tsize);
	for (unsigned i = 0; i < t->n_fields && 4 + 2 * i < vsize; i++) {
		const field_desc *f = &t->fields[i];
		uint16_t off = bdb__fb_get_u16(v->buf + vtable + 4 + 2 * i);
		if (!off)
			continue;
		if (off < 4 || (uint32_t)off + f->size > tsize)
			return FAIL(v, pos,
				    "%s.%s at table offset %u is outside the table (%u bytes)",
				    t->name, f->name, off, tsize);
		if ((pos + off) % f->size)
			return FAIL(v, pos + off, "%s.%s is not %u-aligned", t->name, f->name,
				    f->size);
		int rc = verify_field(v, pos + off, f, depth);
		if (rc)
			return rc;
	}
	return 0;
}

bdb__fb_limits bdb__fb_default_limits(size_t len)
{
	bdb__fb_limits limits = {BDB_FB_MAX_DEPTH, len / 4};
	return limits;
}

int bdb__run_verify_limits(const void *buf, size_t len, const bdb__fb_limits *limits, bdb_diag *d)
{
	verifier v = {buf, len, *limits, 0, d};
	if (!buf || len < 8)
		return FAIL(&v, 0, "too short for a root offset and file identifier");
	if (len > BDB__FB_MAX_SIZE)
		return FAIL(&v, 0, "larger than the FlatBuffers limit of 2^31 - 1 bytes");
	if (len % 4)
		return FAIL(&v, len, "length is not a multiple of 4");
	if (memcmp(v.buf + 4, BDB_RUN_FILE_IDENTIFIER, 4) != 0)
		return FAIL(&v, 4, "file identifier is not \"%s\"", BDB_RUN_FILE_IDENTIFIER);
	uint64_t root;
	int rc = follow(&v, 0, "the root Run table", &root);
	return rc ? rc : verify_table(&v, root, RUN, 1);
}

int bdb_run_verify(const void *buf, size_t len, bdb_diag *d)
{
	bdb__fb_limits limits = bdb__fb_default_limits(len);
	return bdb__run_verify_limits(buf, len, &limits, d);
}
