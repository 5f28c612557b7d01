/*
 * keys.c - every key and value encoding of the store (docs/storage.md §2).
 *
 * Integers are big-endian so that byte order is numeric order; timestamps
 * have their sign bit flipped so that negative times sort before positive
 * ones. Strings in values are NUL-terminated so readers can hand out
 * pointers into the memory map.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *const bdb__db_names[BDB__DB_COUNT] = {
    [BDB__DB_META] = "meta",
    [BDB__DB_RUNS] = "runs",
    [BDB__DB_RUNLOG] = "runlog",
    [BDB__DB_RUN_IDS] = "run_ids",
    [BDB__DB_TIME] = "time",
    [BDB__DB_COMMITS] = "commits",
    [BDB__DB_RUN_SERIES] = "run_series",
    [BDB__DB_SERIES] = "series",
    [BDB__DB_SERIES_INFO] = "series_info",
    [BDB__DB_POSTINGS] = "postings",
    [BDB__DB_CHUNKS] = "chunks",
    [BDB__DB_BASELINES] = "baselines",
    [BDB__DB_METRIC_DEFS] = "metric_defs",
    [BDB__DB_CHANGES] = "changes",
};

/* Host <-> big-endian (the compiler's byte swap on little-endian hosts). */
static uint64_t be64_swap(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(v);
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return v;
#else
#error "unknown byte order"
#endif
}

void bdb__put_be64(uint8_t *p, uint64_t v)
{
	v = be64_swap(v);
	memcpy(p, &v, 8);
}

uint64_t bdb__get_be64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return be64_swap(v);
}

void bdb__put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

uint32_t bdb__get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

void bdb__put_time(uint8_t *p, int64_t us)
{
	bdb__put_be64(p, (uint64_t)us ^ UINT64_C(0x8000000000000000));
}

int64_t bdb__get_time(const uint8_t *p)
{
	return (int64_t)(bdb__get_be64(p) ^ UINT64_C(0x8000000000000000));
}

void bdb__put_double(uint8_t *p, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	bdb__put_be64(p, bits);
}

double bdb__get_double(const uint8_t *p)
{
	uint64_t bits = bdb__get_be64(p);
	double v;
	memcpy(&v, &bits, 8);
	return v;
}

/* FNV-1a, then a 64-bit finalizer (splitmix64's) to spread the bits. */
static uint64_t hash64(const uint8_t *s, size_t n)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	h ^= h >> 31;
	return h;
}

size_t bdb__key_form(const void *s, size_t n, uint8_t *out)
{
	if (n <= BDB__KEY_INLINE) {
		memcpy(out, s, n);
		return n;
	}
	memcpy(out, s, BDB__KEY_INLINE);
	out[BDB__KEY_INLINE] = 0xFF;
	bdb__put_be64(out + BDB__KEY_INLINE + 1, hash64(s, n));
	return BDB__KEY_LONG;
}

enum { OBS_LOWER = UINT32_C(1) << 31, OBS_UPPER = UINT32_C(1) << 30 };
#define OBS_MAX_SAMPLES ((UINT32_C(1) << 30) - 1)

int bdb__obs_record_decode(const void *data, size_t len, bdb_obs *obs)
{
	const uint8_t *p = data;
	if (len != BDB__OBS_NARROW && len != BDB__OBS_WIDE)
		return BDB_ECORRUPT;
	obs->timestamp_us = bdb__get_time(p);
	obs->run_seq = bdb__get_be32(p + 8);
	obs->value = bdb__get_double(p + 12);
	uint32_t bits = len == BDB__OBS_WIDE ? bdb__get_be32(p + 36) : 0;
	obs->has_lower = bits & OBS_LOWER;
	obs->lower = obs->has_lower ? bdb__get_double(p + 20) : 0;
	obs->has_upper = bits & OBS_UPPER;
	obs->upper = obs->has_upper ? bdb__get_double(p + 28) : 0;
	obs->n_samples = bits & OBS_MAX_SAMPLES;
	return 0;
}

/* ---- run_series: ranges of consecutive series ids ---- */

void bdb__varint_put(bdb_buf *out, uint64_t v)
{
	uint8_t b[10];
	size_t n = 0;
	do {
		b[n] = (uint8_t)(v & 0x7F);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	bdb_buf_append(out, b, n);
}

bool bdb__varint_get(const uint8_t *p, size_t end, size_t *at, uint64_t *v)
{
	*v = 0;
	for (unsigned shift = 0; shift < 64 && *at < end; shift += 7) {
		uint8_t b = p[(*at)++];
		if (shift == 63 && b > 1)
			return false;
		*v |= (uint64_t)(b & 0x7F) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

void bdb__run_series_encode(bdb_buf *out, const uint8_t *ids, size_t n)
{
	uint64_t next = 0; /* the id after the previous range */
	for (size_t i = 0; i < n;) {
		uint64_t first = bdb__get_be64(ids + 8 * i);
		size_t len = 1;
		while (i + len < n && bdb__get_be64(ids + 8 * (i + len)) == first + len)
			len++;
		/* The gap as a signed difference, zigzag-encoded. */
		uint64_t gap = first - next;
		bdb__varint_put(out, gap >> 63 ? ~(gap << 1) : gap << 1);
		bdb__varint_put(out, len - 1);
		next = first + len;
		i += len;
	}
}

int bdb__run_series_decode(const void *data, size_t len, size_t max, uint64_t **ids, size_t *n)
{
	const uint8_t *p = data;
	*ids = NULL;
	*n = 0;
	/* Count first: a damaged value must not make us allocate much. */
	size_t count = 0;
	for (size_t at = 0; at < len;) {
		uint64_t gap, more;
		if (!bdb__varint_get(p, len, &at, &gap) || !bdb__varint_get(p, len, &at, &more) ||
		    more >= max - count)
			return BDB_ECORRUPT;
		count += (size_t)more + 1;
	}
	uint64_t *list = malloc((count + 1) * sizeof *list);
	if (!list)
		return BDB_ENOMEM;
	uint64_t next = 0;
	size_t k = 0;
	for (size_t at = 0; at < len;) {
		uint64_t gap, more;
		bdb__varint_get(p, len, &at, &gap);
		bdb__varint_get(p, len, &at, &more);
		uint64_t id = next + (gap & 1 ? ~(gap >> 1) : gap >> 1);
		for (uint64_t j = 0; j <= more; j++)
			list[k++] = id + j;
		next = id + more + 1;
	}
	*ids = list;
	*n = count;
	return 0;
}

enum { RUN_HAS_COMMIT = 1, RUN_HAS_BRANCH = 2 };

int bdb__runlog_encode(bdb_buf *out, const bdb_run *run, uint32_t n_metrics)
{
	uint8_t head[17];
	bdb__put_be64(head, (uint64_t)run->timestamp_us);
	if (run->n_points > UINT32_MAX)
		return BDB_ETOOBIG;
	bdb__put_be32(head + 8, (uint32_t)run->n_points);
	bdb__put_be32(head + 12, n_metrics);
	head[16] = (run->commit ? RUN_HAS_COMMIT : 0) | (run->branch ? RUN_HAS_BRANCH : 0);
	bdb_buf_append(out, head, sizeof head);
	bdb_buf_append(out, run->id, strlen(run->id) + 1);
	const char *c = run->commit ? run->commit : "";
	const char *b = run->branch ? run->branch : "";
	bdb_buf_append(out, c, strlen(c) + 1);
	bdb_buf_append(out, b, strlen(b) + 1);
	return out->failed ? BDB_ENOMEM : 0;
}

/*
 * Reads the NUL-terminated string at *pos in data[0..len), advancing *pos.
 * NULL when there is no terminator before len.
 */
static const char *take_string(const char *data, size_t len, size_t *pos)
{
	if (*pos >= len)
		return NULL;
	const char *s = data + *pos;
	const char *nul = memchr(s, 0, len - *pos);
	if (!nul)
		return NULL;
	*pos += (size_t)(nul - s) + 1;
	return s;
}

int bdb__runlog_decode_light(const void *data, size_t len, uint64_t seq, bdb_run_info *info)
{
	const uint8_t *p = data;
	if (len < 17 + 3 || p[len - 1] != 0)
		return BDB_ECORRUPT;
	info->seq = seq;
	info->timestamp_us = (int64_t)bdb__get_be64(p);
	info->n_points = bdb__get_be32(p + 8);
	info->n_metrics = bdb__get_be32(p + 12);
	size_t pos = 17, at;
	info->id = take_string(data, len, &pos);
	at = pos;
	info->commit = take_string(data, len, &pos);
	if (!info->id || !info->commit || pos >= len)
		return BDB_ECORRUPT;
	info->id_len = (uint32_t)(at - 17 - 1);
	info->commit_len = (uint32_t)(pos - at - 1);
	info->branch = (const char *)data + pos; /* up to the last byte, a NUL */
	return 0;
}

int bdb__runlog_decode(const void *data, size_t len, uint64_t seq, bdb_run_info *info)
{
	int rc = bdb__runlog_decode_light(data, len, seq, info);
	if (rc)
		return rc;
	/* The branch's NUL is the value's last byte, and the only one. */
	size_t at = (size_t)(info->branch - (const char *)data);
	return memchr(info->branch, 0, len - at - 1) ? BDB_ECORRUPT : 0;
}

static void put_string(bdb_buf *out, const char *s)
{
	if (s)
		bdb_buf_append(out, s, strlen(s));
	bdb_buf_putc(out, '\0');
}

void bdb__series_canonical(bdb_buf *out, const char *point, const bdb_kv *tags, size_t n_tags,
			   const char *metric)
{
	put_string(out, point);
	put_string(out, metric);
	for (size_t i = 0; i < n_tags; i++) {
		put_string(out, tags[i].key);
		put_string(out, tags[i].value);
	}
}

void bdb__series_info_encode(bdb_buf *out, const char *unit, const char *scenario,
			     const char *point, const char *metric, const bdb_kv *tags,
			     size_t n_tags)
{
	put_string(out, unit);
	put_string(out, scenario);
	put_string(out, point);
	put_string(out, metric);
	for (size_t i = 0; i < n_tags; i++) {
		put_string(out, tags[i].key);
		put_string(out, tags[i].value);
	}
}

const char *bdb__series_info_unit(const void *data, size_t len)
{
	size_t pos = 0;
	return take_string(data, len, &pos);
}

int bdb__series_info_decode(const void *data, size_t len, uint64_t id, bdb_series_info **out)
{
	size_t n_strings = 0;
	const char *d = data;
	for (size_t i = 0; i < len; i++)
		n_strings += d[i] == '\0';
	if (len == 0 || d[len - 1] != '\0' || n_strings < 4 || (n_strings - 4) % 2)
		return BDB_ECORRUPT;
	size_t n_tags = (n_strings - 4) / 2;
	size_t head = sizeof(bdb_series_info) + n_tags * sizeof(bdb_kv);
	bdb_series_info *s = malloc(head + len);
	if (!s)
		return BDB_ENOMEM;
	char *copy = (char *)s + head;
	memcpy(copy, data, len);
	size_t pos = 0;
	s->id = id;
	s->unit = take_string(copy, len, &pos);
	/* A series stored before units were trimmed at ingest reads as it
	 * would be made now ("ms " is "ms"). */
	size_t unit_len;
	s->unit = bdb_unit_trim(s->unit, &unit_len);
	copy[s->unit - copy + (ptrdiff_t)unit_len] = '\0';
	s->scenario = take_string(copy, len, &pos);
	s->point = take_string(copy, len, &pos);
	s->metric = take_string(copy, len, &pos);
	s->n_tags = n_tags;
	for (size_t i = 0; i < n_tags; i++) {
		s->tags[i].key = take_string(copy, len, &pos);
		s->tags[i].value = take_string(copy, len, &pos);
	}
	*out = s;
	return 0;
}

size_t bdb__series_terms(bdb_buf *out, const bdb_series_info *s)
{
	size_t n = 0;
	bdb_buf_printf(out, "p:%s%c", s->point, 0);
	bdb_buf_printf(out, "m:%s%c", s->metric, 0);
	n += 2;
	if (s->scenario[0]) {
		bdb_buf_printf(out, "s:%s%c", s->scenario, 0);
		n++;
	}
	for (size_t i = 0; i < s->n_tags; i++) {
		bdb_buf_printf(out, "t:%s=%s%c", s->tags[i].key, s->tags[i].value, 0);
		n++;
	}
	return n;
}

enum { DEF_THRESHOLD = 1, DEF_UNIT = 2, DEF_GROUP = 4, DEF_DESCRIPTION = 8 };

void bdb__metric_def_encode(bdb_buf *out, const bdb_metric_def *def)
{
	uint8_t head[11];
	head[0] = (uint8_t)def->direction;
	head[1] = (uint8_t)def->priority;
	head[2] = (def->has_threshold ? DEF_THRESHOLD : 0) | (def->unit ? DEF_UNIT : 0) |
		  (def->group ? DEF_GROUP : 0) | (def->description ? DEF_DESCRIPTION : 0);
	bdb__put_double(head + 3, def->has_threshold ? def->threshold : 0);
	bdb_buf_append(out, head, sizeof head);
	put_string(out, def->name);
	put_string(out, def->unit);
	put_string(out, def->group);
	put_string(out, def->description);
}

int bdb__metric_def_decode(const void *data, size_t len, bdb_metric_def *def)
{
	const uint8_t *p = data;
	if (len < 11 + 4 || p[0] > BDB_INFO || p[1] > BDB_SECONDARY || (p[2] & ~15))
		return BDB_ECORRUPT;
	def->direction = (bdb_direction)p[0];
	def->priority = (bdb_priority)p[1];
	def->has_threshold = p[2] & DEF_THRESHOLD;
	def->threshold = bdb__get_double(p + 3);
	size_t pos = 11;
	def->name = take_string(data, len, &pos);
	def->unit = take_string(data, len, &pos);
	def->group = take_string(data, len, &pos);
	def->description = take_string(data, len, &pos);
	if (!def->name || !def->unit || !def->group || !def->description || pos != len)
		return BDB_ECORRUPT;
	if (!(p[2] & DEF_UNIT))
		def->unit = NULL;
	if (!(p[2] & DEF_GROUP))
		def->group = NULL;
	if (!(p[2] & DEF_DESCRIPTION))
		def->description = NULL;
	return 0;
}

void bdb__baseline_encode(bdb_buf *out, uint64_t seq, const char *name)
{
	uint8_t b[8];
	bdb__put_be64(b, seq);
	bdb_buf_append(out, b, 8);
	put_string(out, name);
}

int bdb__baseline_decode(const void *data, size_t len, uint64_t *seq, const char **name)
{
	if (len < 9)
		return BDB_ECORRUPT;
	*seq = bdb__get_be64(data);
	size_t pos = 8;
	*name = take_string(data, len, &pos);
	if (!*name || pos != len)
		return BDB_ECORRUPT;
	return 0;
}

const char *bdb__effective_unit(const char *metric_unit, const char *def_unit)
{
	if (metric_unit && metric_unit[0])
		return metric_unit;
	if (def_unit)
		return def_unit;
	return "";
}

int bdb__series_factor(const char *from, const char *to, double *factor)
{
	if (!from[0] || !to[0]) {
		*factor = 1;
		return 0;
	}
	return bdb_unit_factor(from, to, factor);
}
