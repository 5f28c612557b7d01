/*
 * fb_internal.h - private to the FlatBuffers codec (fb_build.c, fb_verify.c,
 * fb_read.c): the field numbers of schema/run.fbs, little-endian scalar
 * access that works on unaligned memory, and the verifier's tunable limits.
 *
 * Field numbers are the declaration order in run.fbs (the FlatBuffers rule);
 * they only ever grow at the end of a table, never change.
 */
#ifndef BDB_FB_INTERNAL_H
#define BDB_FB_INTERNAL_H

#include "schema.h"

#include <string.h>

/* FlatBuffers' largest buffer: offsets are 32-bit and must stay positive. */
#define BDB__FB_MAX_SIZE ((size_t)0x7fffffff)

enum bdb__fb_key_value_field { BDB__FB_KV_KEY, BDB__FB_KV_VALUE, BDB__FB_KV_N };

enum bdb__fb_metric_def_field {
	BDB__FB_DEF_NAME,
	BDB__FB_DEF_UNIT,
	BDB__FB_DEF_DIRECTION,
	BDB__FB_DEF_GROUP,
	BDB__FB_DEF_PRIORITY,
	BDB__FB_DEF_DESCRIPTION,
	BDB__FB_DEF_THRESHOLD,
	BDB__FB_DEF_N
};

enum bdb__fb_metric_field {
	BDB__FB_METRIC_NAME,
	BDB__FB_METRIC_VALUE,
	BDB__FB_METRIC_LOWER,
	BDB__FB_METRIC_UPPER,
	BDB__FB_METRIC_SAMPLES,
	BDB__FB_METRIC_UNIT,
	BDB__FB_METRIC_N
};

enum bdb__fb_point_field {
	BDB__FB_POINT_NAME,
	BDB__FB_POINT_SCENARIO,
	BDB__FB_POINT_TAGS,
	BDB__FB_POINT_METRICS,
	BDB__FB_POINT_N
};

enum bdb__fb_run_field {
	BDB__FB_RUN_ID,
	BDB__FB_RUN_TIMESTAMP,
	BDB__FB_RUN_COMMIT,
	BDB__FB_RUN_BRANCH,
	BDB__FB_RUN_ENVIRONMENT,
	BDB__FB_RUN_METADATA,
	BDB__FB_RUN_METRIC_DEFS,
	BDB__FB_RUN_POINTS,
	BDB__FB_RUN_N
};

/* The most fields any table of run.fbs has (the builder's per-table slots). */
#define BDB__FB_MAX_FIELDS 8

/*
 * Scalars are little-endian in a FlatBuffer. These read and write them
 * through memcpy, so the memory may have any alignment (LMDB values do not
 * keep one), and swap bytes on a big-endian host.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BDB__FB_SWAP16(x)     __builtin_bswap16(x)
#define BDB__FB_SWAP32(x)     __builtin_bswap32(x)
#define BDB__FB_SWAP64(x)     __builtin_bswap64(x)
#define BDB__FB_LITTLE_ENDIAN 0
#else
#define BDB__FB_SWAP16(x)     (x)
#define BDB__FB_SWAP32(x)     (x)
#define BDB__FB_SWAP64(x)     (x)
#define BDB__FB_LITTLE_ENDIAN 1
#endif

static inline uint16_t bdb__fb_get_u16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, sizeof v);
	return BDB__FB_SWAP16(v);
}

static inline uint32_t bdb__fb_get_u32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return BDB__FB_SWAP32(v);
}

static inline int32_t bdb__fb_get_i32(const uint8_t *p)
{
	return (int32_t)bdb__fb_get_u32(p);
}

static inline uint64_t bdb__fb_get_u64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return BDB__FB_SWAP64(v);
}

static inline double bdb__fb_get_f64(const uint8_t *p)
{
	uint64_t bits = bdb__fb_get_u64(p);
	double v;
	memcpy(&v, &bits, sizeof v);
	return v;
}

static inline void bdb__fb_put_u16(uint8_t *p, uint16_t v)
{
	uint16_t le = BDB__FB_SWAP16(v);
	memcpy(p, &le, sizeof le);
}

static inline void bdb__fb_put_u32(uint8_t *p, uint32_t v)
{
	uint32_t le = BDB__FB_SWAP32(v);
	memcpy(p, &le, sizeof le);
}

static inline void bdb__fb_put_u64(uint8_t *p, uint64_t v)
{
	uint64_t le = BDB__FB_SWAP64(v);
	memcpy(p, &le, sizeof le);
}

/*
 * The verifier's limits. max_depth bounds the nesting of tables (Run is
 * depth 1, Point 2, Metric 3); max_tables bounds the number of table visits,
 * so that a buffer whose offsets share one table many times cannot make
 * verification cost more than linear in its size.
 */
typedef struct bdb__fb_limits {
	unsigned max_depth;
	size_t max_tables;
} bdb__fb_limits;

/* The limits bdb_run_verify uses for a buffer of len bytes. */
bdb__fb_limits bdb__fb_default_limits(size_t len);

/* bdb_run_verify with explicit limits (tests use it to reach the limits). */
int bdb__run_verify_limits(const void *buf, size_t len, const bdb__fb_limits *limits, bdb_diag *d);

#endif /* BDB_FB_INTERNAL_H */
