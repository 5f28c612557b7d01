/*
 * fb_build.c - the FlatBuffers builder for schema/run.fbs (bdb_run_encode).
 *
 * A FlatBuffer is written back to front: children first, each object placed
 * in front of (at a lower address than) everything written before it, so
 * every offset points forward, as the format requires. The builder works in
 * the spare capacity of the caller's bdb_buf: the bytes grow downward from
 * the end of that capacity (which doubles when full) and are moved into
 * place once, at the end. A caller that reuses its bdb_buf across runs thus
 * encodes without allocating the buffer again. Positions are counted from
 * the end ("refs"), so they stay valid when the memory moves. Alignment is
 * likewise kept relative to the end, and the finished buffer is padded at
 * the front to a multiple of its largest alignment, which makes every
 * alignment hold relative to the start too.
 *
 * Layout choices:
 *   - A table's fields are pushed largest first (8-byte scalars, then 4-byte
 *     offsets, then 1-byte enums), which keeps padding inside tables small,
 *     and the table starts aligned to its largest field, so its layout
 *     depends only on which fields are present.
 *   - Each vtable is written once: a table whose vtable equals one already
 *     in the buffer points at that one (runs of thousands of metrics share
 *     a handful of vtables).
 *   - Equal short strings (metric names, units, tag keys and values, point
 *     names) are written once and shared, as FlatBuffers' CreateSharedString
 *     does, and so are equal KeyValue tables made of shared strings, equal
 *     Metric tables without samples and, within the verifier's visit budget
 *     (build_tags), equal tag vectors.
 *   - Vector elements are built last to first, so element 0 ends up at the
 *     lowest address and a reader walking a vector moves forward in memory.
 *   - Scalars equal to their default (value 0.0 bitwise, timestamp 0,
 *     direction Higher, priority Primary) are left out; optional scalars
 *     (lower, upper, threshold) are written exactly when present, even when
 *     zero. Empty vectors and NULL strings are left out.
 */
#include "fb_internal.h"

#include <stdlib.h>

/* Strings at most this long are deduplicated. */
#define SHARED_STRING_MAX 255

/*
 * A hash table (open addressing, capacity a power of two) of objects
 * already written, to write equal ones once: strings, key/value tables
 * (by the refs of their two shared strings, a and b) and metric tables (a:
 * the index of their metric_key).
 */
typedef struct memo_entry {
	uint32_t hash;
	uint32_t ref; /* 0: empty slot */
	uint32_t a, b;
} memo_entry;

typedef struct memo {
	memo_entry *slots;
	size_t n, cap;
} memo;

/* What makes two Metric tables without samples equal. */
typedef struct metric_key {
	uint32_t name, unit;	      /* refs of shared strings, 0 when absent */
	unsigned present;	      /* bit 0 value, bit 1 lower, bit 2 upper */
	uint64_t value, lower, upper; /* bits; 0 when absent */
} metric_key;

typedef struct builder {
	const bdb_run *run; /* being encoded */
	bdb_buf *out;	    /* the bytes are the last `size` of out's capacity */
	size_t size;
	size_t minalign; /* largest alignment used so far */
	int err;	 /* first error; once set, every push is a no-op */

	/* The table being built: where it started and where each field went. */
	size_t table_start;
	uint32_t field_ref[BDB__FB_MAX_FIELDS]; /* 0: field absent */
	unsigned n_fields;			/* highest present id + 1 */

	uint32_t *vtables; /* refs of the vtables written so far */
	size_t n_vtables, cap_vtables;

	uint32_t *refs; /* children waiting for the vector that lists them */
	size_t n_refs, cap_refs;

	memo strings;	     /* shared strings */
	memo key_values;     /* shared KeyValue tables */
	memo metrics;	     /* shared Metric tables; a: index in metric_keys */
	memo tag_vectors;    /* shared tag vectors; a: their length */
	bdb_buf metric_keys; /* an array of metric_key */
} builder;

static void builder_free(builder *b)
{
	free(b->vtables);
	free(b->refs);
	free(b->strings.slots);
	free(b->key_values.slots);
	free(b->metrics.slots);
	bdb_buf_free(&b->metric_keys);
	free(b->tag_vectors.slots);
}

/*
 * Where the builder's bytes end: the last byte of out's capacity stays free
 * for the NUL that bdb_buf keeps after its contents.
 */
static size_t end_of(const builder *b)
{
	return b->out->cap - 1;
}

static uint8_t *at_ref(const builder *b, size_t ref)
{
	return (uint8_t *)b->out->data + end_of(b) - ref;
}

/* Makes room for n more bytes in front of the current ones. */
static bool reserve(builder *b, size_t n)
{
	if (b->err)
		return false;
	size_t room = end_of(b) - b->out->len;
	if (room - b->size >= n)
		return true;
	if (n > BDB__FB_MAX_SIZE - b->size) {
		b->err = BDB_ETOOBIG;
		return false;
	}
	size_t want = room * 2;
	while (want - b->size < n)
		want *= 2;
	size_t old_end = end_of(b);
	if (bdb_buf_reserve(b->out, want)) {
		b->err = BDB_ENOMEM;
		return false;
	}
	/* realloc kept the old capacity's bytes; move ours to the new end. */
	memmove(at_ref(b, b->size), b->out->data + old_end - b->size, b->size);
	return true;
}

/* Claims n bytes in front; returns where they start, or NULL after an error. */
static uint8_t *push(builder *b, size_t n)
{
	if (!reserve(b, n))
		return NULL;
	b->size += n;
	return at_ref(b, b->size);
}

static void push_zeros(builder *b, size_t n)
{
	uint8_t *p = push(b, n);
	if (p)
		memset(p, 0, n);
}

/*
 * Pads so that, once `extra` more bytes are pushed, the position is a
 * multiple of align (a power of two).
 */
static void prep(builder *b, size_t align, size_t extra)
{
	if (align > b->minalign)
		b->minalign = align;
	size_t pad = (0 - (b->size + extra)) & (align - 1);
	if (pad)
		push_zeros(b, pad);
}

static void push_u32(builder *b, uint32_t v)
{
	uint8_t *p = push(b, 4);
	if (p)
		bdb__fb_put_u32(p, v);
}

/* Pushes a uoffset to the object at ref (which was written earlier). */
static void push_offset(builder *b, uint32_t ref)
{
	prep(b, 4, 0);
	push_u32(b, (uint32_t)(b->size + 4 - ref));
}

/* Keeps a growable array of uint32_t large enough for one more element. */
static bool grow_u32(builder *b, uint32_t **items, size_t *cap, size_t n)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 64;
	uint32_t *p = realloc(*items, ncap * sizeof *p);
	if (!p) {
		b->err = BDB_ENOMEM;
		return false;
	}
	*items = p;
	*cap = ncap;
	return true;
}

/* ---- strings ---- */

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++) {
		h ^= (uint8_t)s[i];
		h *= 16777619u;
	}
	return h;
}

static bool string_at_ref_is(const builder *b, uint32_t ref, const char *s, size_t n)
{
	const uint8_t *p = at_ref(b, ref);
	return bdb__fb_get_u32(p) == n && memcmp(p + 4, s, n) == 0;
}

/* Keeps m at most half full, so that probing ends. */
static bool memo_grow(builder *b, memo *m)
{
	if (2 * (m->n + 1) <= m->cap)
		return true;
	size_t ncap = m->cap ? m->cap * 2 : 256;
	memo_entry *slots = calloc(ncap, sizeof *slots);
	if (!slots) {
		b->err = BDB_ENOMEM;
		return false;
	}
	for (size_t i = 0; i < m->cap; i++) {
		memo_entry e = m->slots[i];
		if (!e.ref)
			continue;
		size_t j = e.hash & (ncap - 1);
		while (slots[j].ref)
			j = (j + 1) & (ncap - 1);
		slots[j] = e;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = ncap;
	return true;
}

/*
 * Looks up an object with hash; same(b, entry, ctx) says whether an entry
 * of that hash is the one wanted. Returns its ref, or 0 with *slot set to
 * where to record the object once written (NULL after an error).
 */
typedef bool (*memo_same)(const builder *b, const memo_entry *e, const void *ctx);
static uint32_t memo_find(builder *b, memo *m, uint32_t hash, memo_same same, const void *ctx,
			  memo_entry **slot)
{
	*slot = NULL;
	if (!memo_grow(b, m))
		return 0;
	size_t j = hash & (m->cap - 1);
	while (m->slots[j].ref) {
		if (m->slots[j].hash == hash && same(b, &m->slots[j], ctx))
			return m->slots[j].ref;
		j = (j + 1) & (m->cap - 1);
	}
	*slot = &m->slots[j];
	return 0;
}

/* Records the object just written at ref in the slot memo_find gave. */
static void memo_add(memo *m, memo_entry *slot, uint32_t hash, uint32_t ref, uint32_t a, uint32_t c)
{
	if (!slot || !ref)
		return;
	*slot = (memo_entry){hash, ref, a, c};
	m->n++;
}

typedef struct string_arg {
	const char *s;
	size_t n;
} string_arg;

static bool same_string(const builder *b, const memo_entry *e, const void *ctx)
{
	const string_arg *want = ctx;
	return string_at_ref_is(b, e->ref, want->s, want->n);
}

/*
 * Writes a string (u32 length, bytes, NUL); returns its ref, 0 for NULL.
 * With share, an equal string written before is reused instead: for the
 * strings that repeat across points (tag keys and values, metric names,
 * units, scenarios, point names), not for the ones that rarely do (ids,
 * commits, descriptions).
 */
static uint32_t build_string(builder *b, const char *s, bool share)
{
	if (!s || b->err)
		return 0;
	size_t n = strlen(s);
	memo_entry *slot = NULL;
	uint32_t hash = 0;
	if (share && n <= SHARED_STRING_MAX) {
		string_arg want = {s, n};
		hash = hash_bytes(s, n);
		uint32_t ref = memo_find(b, &b->strings, hash, same_string, &want, &slot);
		if (ref || b->err)
			return ref;
	}
	prep(b, 4, n + 1);
	uint8_t *p = push(b, n + 1);
	if (!p)
		return 0;
	memcpy(p, s, n + 1);
	push_u32(b, (uint32_t)n);
	if (b->err)
		return 0;
	uint32_t ref = (uint32_t)b->size;
	memo_add(&b->strings, slot, hash, ref, 0, 0);
	return ref;
}

/* ---- vectors ---- */

/* Writes a vector of doubles, its data 8-aligned; returns its ref. */
static uint32_t build_f64_vector(builder *b, const double *v, size_t n)
{
	if (n > BDB__FB_MAX_SIZE / 8) {
		b->err = BDB_ETOOBIG;
		return 0;
	}
	prep(b, 4, n * 8);
	prep(b, 8, n * 8);
	uint8_t *p = push(b, n * 8);
	if (!p)
		return 0;
#if BDB__FB_LITTLE_ENDIAN
	memcpy(p, v, n * 8);
#else
	for (size_t i = 0; i < n; i++) {
		uint64_t bits;
		memcpy(&bits, &v[i], 8);
		bdb__fb_put_u64(p + 8 * i, bits);
	}
#endif
	push_u32(b, (uint32_t)n);
	return b->err ? 0 : (uint32_t)b->size;
}

/* Makes room for n child refs on the ref stack; returns the first index. */
static size_t refs_open(builder *b, size_t n)
{
	size_t base = b->n_refs;
	while (b->cap_refs - b->n_refs < n)
		if (!grow_u32(b, &b->refs, &b->cap_refs, b->cap_refs))
			return base;
	if (!b->err)
		b->n_refs += n;
	return base;
}

/*
 * Writes a vector of offsets to the n children whose refs are on the ref
 * stack from `base`, pops them, and returns the vector's ref.
 */
static uint32_t build_offset_vector(builder *b, size_t base, size_t n)
{
	if (b->err)
		return 0;
	prep(b, 4, n * 4);
	for (size_t i = n; i-- > 0;)
		push_offset(b, b->refs[base + i]);
	push_u32(b, (uint32_t)n);
	b->n_refs = base;
	return b->err ? 0 : (uint32_t)b->size;
}

/* Builds child i of items (an array of the model's structs); returns its ref. */
typedef uint32_t (*build_child)(builder *b, const void *items, size_t i);

/*
 * Builds the n children of items last to first (so child 0 lands at the
 * lowest address), then the vector of offsets to them. Returns the vector's
 * ref, or 0 (field absent) when n is 0.
 */
static uint32_t build_table_vector(builder *b, const void *items, size_t n, build_child build)
{
	if (!n)
		return 0;
	size_t base = refs_open(b, n);
	for (size_t i = n; i-- > 0 && !b->err;) {
		/* build may move b->refs: store through a fresh lvalue. */
		uint32_t ref = build(b, items, i);
		b->refs[base + i] = ref;
	}
	return build_offset_vector(b, base, n);
}

/* ---- tables ---- */

/*
 * Starts a table whose largest field has alignment `align`. Aligning first
 * keeps that padding out of the table, so a table's layout, and so its
 * vtable, depends only on which fields are present: equal shapes share one.
 */
static void table_start(builder *b, size_t align)
{
	prep(b, align, 0);
	b->table_start = b->size;
	memset(b->field_ref, 0, sizeof b->field_ref);
	b->n_fields = 0;
}

static void field_done(builder *b, unsigned id)
{
	b->field_ref[id] = (uint32_t)b->size;
	if (id + 1 > b->n_fields)
		b->n_fields = id + 1;
}

static void field_f64(builder *b, unsigned id, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	prep(b, 8, 8);
	uint8_t *p = push(b, 8);
	if (p)
		bdb__fb_put_u64(p, bits);
	field_done(b, id);
}

static void field_i64(builder *b, unsigned id, int64_t v)
{
	prep(b, 8, 8);
	uint8_t *p = push(b, 8);
	if (p)
		bdb__fb_put_u64(p, (uint64_t)v);
	field_done(b, id);
}

static void field_i8(builder *b, unsigned id, int8_t v)
{
	uint8_t *p = push(b, 1);
	if (p)
		*p = (uint8_t)v;
	field_done(b, id);
}

/* An offset field; nothing is written for ref 0 (an absent child). */
static void field_offset(builder *b, unsigned id, uint32_t ref)
{
	if (!ref)
		return;
	push_offset(b, ref);
	field_done(b, id);
}

/*
 * Finishes the table: writes its soffset and, unless an identical one
 * exists, its vtable right in front of it. Returns the table's ref.
 */
static uint32_t table_end(builder *b)
{
	prep(b, 4, 4);
	push_u32(b, 0); /* the soffset, filled in below */
	if (b->err)
		return 0;
	size_t table = b->size;
	size_t inline_size = table - b->table_start;
	size_t vsize = 4 + 2 * (size_t)b->n_fields;
	if (inline_size > UINT16_MAX) {
		b->err = BDB_ETOOBIG;
		return 0;
	}
	uint8_t vtable[4 + 2 * BDB__FB_MAX_FIELDS];
	bdb__fb_put_u16(vtable, (uint16_t)vsize);
	bdb__fb_put_u16(vtable + 2, (uint16_t)inline_size);
	for (unsigned i = 0; i < b->n_fields; i++) {
		uint32_t ref = b->field_ref[i];
		bdb__fb_put_u16(vtable + 4 + 2 * i, (uint16_t)(ref ? table - ref : 0));
	}
	size_t vt_ref = 0;
	for (size_t i = 0; i < b->n_vtables && !vt_ref; i++) {
		const uint8_t *old = at_ref(b, b->vtables[i]);
		if (bdb__fb_get_u16(old) == vsize && memcmp(old, vtable, vsize) == 0)
			vt_ref = b->vtables[i];
	}
	if (!vt_ref) {
		if (!grow_u32(b, &b->vtables, &b->cap_vtables, b->n_vtables))
			return 0;
		uint8_t *p = push(b, vsize);
		if (!p)
			return 0;
		memcpy(p, vtable, vsize);
		vt_ref = b->size;
		b->vtables[b->n_vtables++] = (uint32_t)vt_ref;
	}
	/* soffset = table address - vtable address; refs count from the end. */
	bdb__fb_put_u32(at_ref(b, table), (uint32_t)(int32_t)((int64_t)vt_ref - (int64_t)table));
	return (uint32_t)table;
}

/* ---- the schema's tables ---- */

static bool same_key_value(const builder *b, const memo_entry *e, const void *ctx)
{
	(void)b;
	const uint32_t *kv = ctx;
	return e->a == kv[0] && e->b == kv[1];
}

/*
 * A KeyValue table. Tags repeat from point to point: when both strings are
 * shared, so is the table (several vectors then point at it, which
 * FlatBuffers allows; each visit still comes from an offset of its own, so
 * the verifier's budget of len / 4 table visits holds).
 */
static uint32_t build_key_value(builder *b, const void *items, size_t i)
{
	const bdb_kv *kv = (const bdb_kv *)items + i;
	uint32_t refs[2] = {build_string(b, kv->key, true), build_string(b, kv->value, true)};
	memo_entry *slot = NULL;
	uint32_t hash = 0;
	if (refs[0] && refs[1] && strlen(kv->key) <= SHARED_STRING_MAX &&
	    strlen(kv->value) <= SHARED_STRING_MAX) {
		hash = (refs[0] * 2654435761u) ^ refs[1];
		uint32_t ref = memo_find(b, &b->key_values, hash, same_key_value, refs, &slot);
		if (ref || b->err)
			return ref;
	}
	table_start(b, 4);
	field_offset(b, BDB__FB_KV_KEY, refs[0]);
	field_offset(b, BDB__FB_KV_VALUE, refs[1]);
	uint32_t ref = table_end(b);
	memo_add(&b->key_values, slot, hash, ref, refs[0], refs[1]);
	return ref;
}

static uint32_t build_metric_def(builder *b, const void *items, size_t i)
{
	const bdb_metric_def *def = (const bdb_metric_def *)items + i;
	uint32_t name = build_string(b, def->name, true);
	uint32_t unit = build_string(b, def->unit, true);
	uint32_t group = build_string(b, def->group, true);
	uint32_t description = build_string(b, def->description, false);
	table_start(b, def->has_threshold ? 8 : 4);
	if (def->has_threshold)
		field_f64(b, BDB__FB_DEF_THRESHOLD, def->threshold);
	field_offset(b, BDB__FB_DEF_NAME, name);
	field_offset(b, BDB__FB_DEF_UNIT, unit);
	field_offset(b, BDB__FB_DEF_GROUP, group);
	field_offset(b, BDB__FB_DEF_DESCRIPTION, description);
	if (def->direction != BDB_HIGHER)
		field_i8(b, BDB__FB_DEF_DIRECTION, (int8_t)def->direction);
	if (def->priority != BDB_PRIMARY)
		field_i8(b, BDB__FB_DEF_PRIORITY, (int8_t)def->priority);
	return table_end(b);
}

static bool is_positive_zero(double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	return bits == 0;
}

static uint64_t bits_of(double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	return bits;
}

static bool same_metric(const builder *b, const memo_entry *e, const void *ctx)
{
	const metric_key *x = (const metric_key *)b->metric_keys.data + e->a, *y = ctx;
	return x->name == y->name && x->unit == y->unit && x->present == y->present &&
	       x->value == y->value && x->lower == y->lower && x->upper == y->upper;
}

static uint32_t hash_metric(const metric_key *k)
{
	uint64_t h = k->name * UINT64_C(0x9E3779B97F4A7C15) ^ k->unit ^ (uint64_t)k->present << 32;
	const uint64_t parts[] = {k->value, k->lower, k->upper};
	for (size_t i = 0; i < 3; i++) {
		h ^= parts[i];
		h *= UINT64_C(0xbf58476d1ce4e5b9);
		h ^= h >> 31;
	}
	return (uint32_t)(h ^ h >> 32);
}

static bool is_shareable(const char *s)
{
	return !s || strlen(s) <= SHARED_STRING_MAX;
}

/*
 * A Metric table. One without samples whose strings are shared is itself
 * shared with an equal one written before (counters such as allocations
 * repeat their values from point to point); the verifier's budget holds as
 * for KeyValue tables.
 */
/* The unit to write for m: none when it is its definition's (a reader
 * takes the definition's unit for a metric without one). */
static const char *metric_unit_to_write(const builder *b, const bdb_metric *m)
{
	if (!m->unit || !m->name)
		return m->unit;
	const bdb_metric_def *def = bdb_run_find_def(b->run, m->name);
	return def && def->unit && strcmp(def->unit, m->unit) == 0 ? NULL : m->unit;
}

static uint32_t build_metric(builder *b, const void *items, size_t i)
{
	const bdb_metric *m = (const bdb_metric *)items + i;
	const char *unit_text = metric_unit_to_write(b, m);
	uint32_t name = build_string(b, m->name, true);
	uint32_t unit = build_string(b, unit_text, true);
	uint32_t samples = m->n_samples ? build_f64_vector(b, m->samples, m->n_samples) : 0;
	/* -0.0 is kept: only the default's exact bits may be left out. */
	bool has_value = !is_positive_zero(m->value);
	memo_entry *slot = NULL;
	metric_key key = {name, unit, 0, 0, 0, 0};
	uint32_t hash = 0;
	if (!m->n_samples && is_shareable(m->name) && is_shareable(unit_text) && !b->err) {
		key.present =
		    (has_value ? 1u : 0) | (m->has_lower ? 2u : 0) | (m->has_upper ? 4u : 0);
		key.value = has_value ? bits_of(m->value) : 0;
		key.lower = m->has_lower ? bits_of(m->lower) : 0;
		key.upper = m->has_upper ? bits_of(m->upper) : 0;
		hash = hash_metric(&key);
		uint32_t ref = memo_find(b, &b->metrics, hash, same_metric, &key, &slot);
		if (ref || b->err)
			return ref;
	}
	table_start(b, has_value || m->has_lower || m->has_upper ? 8 : 4);
	if (has_value)
		field_f64(b, BDB__FB_METRIC_VALUE, m->value);
	if (m->has_lower)
		field_f64(b, BDB__FB_METRIC_LOWER, m->lower);
	if (m->has_upper)
		field_f64(b, BDB__FB_METRIC_UPPER, m->upper);
	field_offset(b, BDB__FB_METRIC_NAME, name);
	field_offset(b, BDB__FB_METRIC_SAMPLES, samples);
	field_offset(b, BDB__FB_METRIC_UNIT, unit);
	uint32_t ref = table_end(b);
	if (slot && ref) {
		uint32_t index = (uint32_t)(b->metric_keys.len / sizeof key);
		bdb_buf_append(&b->metric_keys, &key, sizeof key);
		if (b->metric_keys.failed) {
			b->err = BDB_ENOMEM;
			return 0;
		}
		memo_add(&b->metrics, slot, hash, ref, index, 0);
	}
	return ref;
}

typedef struct refs_arg {
	const uint32_t *refs;
	size_t n;
} refs_arg;

/* Whether the offset vector at e->ref points at exactly want's refs. */
static bool same_offsets(const builder *b, const memo_entry *e, const void *ctx)
{
	const refs_arg *want = ctx;
	if (e->a != want->n)
		return false;
	for (size_t i = 0; i < want->n; i++) {
		/* Element i sits 4 + 4i bytes past the length; an offset is
		 * counted from its own position. */
		uint32_t slot = e->ref - 4 - 4 * (uint32_t)i;
		if (slot - bdb__fb_get_u32(at_ref(b, slot)) != want->refs[i])
			return false;
	}
	return true;
}

/*
 * The tags vector of a point. Points with equal tags share one vector when
 * its tables are few enough for the verifier's budget of len / 4 table
 * visits (1.4): each point then costs 1 + n_tags + n_metrics visits and at
 * least 12 bytes of its own (its slot in the points vector, its soffset, its
 * tags offset), 24 with metrics (their offset, vector length and a slot per
 * metric, which also pays for that metric's visit). So at most 2 tags, or 4
 * when the point has metrics, keeps every buffer we write verifiable.
 */
static uint32_t build_tags(builder *b, const bdb_point *p)
{
	if (p->n_tags > (p->n_metrics ? 4 : 2))
		return build_table_vector(b, p->tags, p->n_tags, build_key_value);
	size_t n = p->n_tags, base = refs_open(b, n);
	for (size_t i = n; i-- > 0 && !b->err;) {
		uint32_t ref = build_key_value(b, p->tags, i);
		b->refs[base + i] = ref;
	}
	if (!n || b->err)
		return 0;
	refs_arg want = {b->refs + base, n};
	uint32_t hash = 2166136261u;
	for (size_t i = 0; i < n; i++)
		hash = (hash ^ want.refs[i]) * 16777619u;
	memo_entry *slot;
	uint32_t ref = memo_find(b, &b->tag_vectors, hash, same_offsets, &want, &slot);
	if (ref || b->err) {
		b->n_refs = base;
		return ref;
	}
	ref = build_offset_vector(b, base, n);
	memo_add(&b->tag_vectors, slot, hash, ref, (uint32_t)n, 0);
	return ref;
}

static uint32_t build_point(builder *b, const void *items, size_t i)
{
	const bdb_point *p = (const bdb_point *)items + i;
	uint32_t metrics = build_table_vector(b, p->metrics, p->n_metrics, build_metric);
	uint32_t tags = build_tags(b, p);
	uint32_t name = build_string(b, p->name, true);
	uint32_t scenario = build_string(b, p->scenario, true);
	table_start(b, 4);
	field_offset(b, BDB__FB_POINT_NAME, name);
	field_offset(b, BDB__FB_POINT_SCENARIO, scenario);
	field_offset(b, BDB__FB_POINT_TAGS, tags);
	field_offset(b, BDB__FB_POINT_METRICS, metrics);
	return table_end(b);
}

static uint32_t build_run(builder *b, const bdb_run *run)
{
	uint32_t points = build_table_vector(b, run->points, run->n_points, build_point);
	uint32_t defs = build_table_vector(b, run->defs, run->n_defs, build_metric_def);
	uint32_t metadata = build_table_vector(b, run->meta, run->n_meta, build_key_value);
	uint32_t environment = build_table_vector(b, run->env, run->n_env, build_key_value);
	uint32_t id = build_string(b, run->id, false);
	uint32_t commit = build_string(b, run->commit, false);
	uint32_t branch = build_string(b, run->branch, false);
	table_start(b, run->timestamp_us ? 8 : 4);
	if (run->timestamp_us)
		field_i64(b, BDB__FB_RUN_TIMESTAMP, run->timestamp_us);
	field_offset(b, BDB__FB_RUN_ID, id);
	field_offset(b, BDB__FB_RUN_COMMIT, commit);
	field_offset(b, BDB__FB_RUN_BRANCH, branch);
	field_offset(b, BDB__FB_RUN_ENVIRONMENT, environment);
	field_offset(b, BDB__FB_RUN_METADATA, metadata);
	field_offset(b, BDB__FB_RUN_METRIC_DEFS, defs);
	field_offset(b, BDB__FB_RUN_POINTS, points);
	return table_end(b);
}

/* Enum values the schema does not define would read back as something else. */
static bool run_enums_valid(const bdb_run *run)
{
	for (size_t i = 0; i < run->n_defs; i++) {
		const bdb_metric_def *def = &run->defs[i];
		if ((unsigned)def->direction > BDB_INFO || (unsigned)def->priority > BDB_SECONDARY)
			return false;
	}
	return true;
}

int bdb_run_encode(const bdb_run *run, bdb_buf *out)
{
	if (!run || !out || !run->id || !run_enums_valid(run))
		return BDB_EINVAL;
	if (bdb_buf_reserve(out, 1024))
		return BDB_ENOMEM;
	builder b;
	memset(&b, 0, sizeof b);
	b.run = run;
	b.out = out;
	b.minalign = 4;
	uint32_t root = build_run(&b, run);
	/* Root offset and file identifier; then the whole is minalign-aligned. */
	prep(&b, b.minalign, 8);
	uint8_t *ident = push(&b, 4);
	if (ident)
		memcpy(ident, BDB_RUN_FILE_IDENTIFIER, 4);
	push_offset(&b, root);
	int rc = b.err;
	if (!rc) {
		/* Move the finished bytes from the end of the capacity into place
		 * and keep bdb_buf's promise of a NUL after the contents. */
		memmove(out->data + out->len, at_ref(&b, b.size), b.size);
		out->len += b.size;
		out->data[out->len] = '\0';
	}
	builder_free(&b);
	return rc;
}
