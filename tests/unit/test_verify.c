/*
 * test_verify.c - the verifier is the only thing between stored bytes and
 * the reader, so it is attacked three ways:
 *   - every truncation of several valid buffers must be rejected;
 *   - 100,000 seeded random mutations of valid buffers must each be either
 *     rejected or, when accepted, read through every accessor, decoded and
 *     round-tripped without a single out-of-bounds read: each goes through
 *     fuzz_verify_check, the body of the fuzz/fuzz_verify.c harness, which
 *     reads an unaligned copy ending exactly at its allocation, so ASan in
 *     `make asan` sees any overrun;
 *   - hand-assembled hostile buffers, one defect each, must be rejected for
 *     that defect (the diagnostic names it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fb_internal.h"
#include "helpers/sample_runs.h"
#include "schema.h"

#define FUZZ_REPLAY 1
#define FUZZ_FAIL(what)                                                                            \
	fail_msg("%s:%d: %s (seed %llu, mutation %zu)", __FILE__, __LINE__, what,                  \
		 (unsigned long long)mutation_seed, mutation_iter)
static uint64_t mutation_seed; /* the mutation being checked, for failures */
static size_t mutation_iter;
#include "../../fuzz/fuzz_verify.c"

/* ---- a seeded PRNG: splitmix64 (Steele, Lea, Flood 2014) ---- */

static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* ---- writing little-endian scalars into hand-made buffers ---- */

static void put16(uint8_t *b, size_t pos, uint16_t v)
{
	b[pos] = (uint8_t)v;
	b[pos + 1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *b, size_t pos, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[pos + i] = (uint8_t)(v >> (8 * i));
}

static void put_f64(uint8_t *b, size_t pos, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	for (int i = 0; i < 8; i++)
		b[pos + i] = (uint8_t)(bits >> (8 * i));
}

static void put_vtable(uint8_t *b, size_t pos, const uint16_t *entries, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put16(b, pos + 2 * i, entries[i]);
}

/*
 * A valid Run laid out by hand, front to back, with one point "p" holding
 * one metric "p" = 1.5 with samples [2, 3]; the run id is "r".
 */
enum {
	ROOT = 0,	      /* u32 -> RUN_T */
	IDENT = 4,	      /* "BDBR" */
	RUN_VT = 8,	      /* {20, 12, id +4, 0 x6, points +8}: 8..28 */
	RUN_T = 28,	      /* soffset 20 */
	RUN_ID = 32,	      /* u32 -> STR_ID */
	RUN_POINTS = 36,      /* u32 -> POINTS_V */
	POINTS_V = 40,	      /* n = 1, slot at 44 -> POINT_T */
	POINT_VT = 48,	      /* {12, 12, name +4, 0, 0, metrics +8}: 48..60 */
	POINT_T = 60,	      /* soffset 12 */
	POINT_NAME = 64,      /* u32 -> STR_P */
	POINT_METRICS = 68,   /* u32 -> METRICS_V */
	METRICS_V = 72,	      /* n = 1, slot at 76 -> METRIC_T */
	METRIC_VT = 80,	      /* {14, 24, name +20, value +8, 0, 0, samples +16}: 80..94, 2 pad */
	METRIC_T = 96,	      /* soffset 16, 4 bytes padding */
	METRIC_VALUE = 104,   /* f64 1.5, 8-aligned */
	METRIC_SAMPLES = 112, /* u32 -> SAMPLES_V */
	METRIC_NAME = 116,    /* u32 -> STR_P (shared), then 4 bytes padding */
	SAMPLES_V = 124,      /* n = 2, data 128..144, 8-aligned */
	STR_ID = 144,	      /* 1, "r", NUL, 2 pad */
	STR_P = 152,	      /* 1, "p", NUL, 2 pad */
	HAND_LEN = 160
};

static void hand_base(uint8_t *b)
{
	memset(b, 0, HAND_LEN);
	put32(b, ROOT, RUN_T - ROOT);
	memcpy(b + IDENT, "BDBR", 4);
	static const uint16_t run_vt[] = {20, 12, 4, 0, 0, 0, 0, 0, 0, 8};
	put_vtable(b, RUN_VT, run_vt, 10);
	put32(b, RUN_T, RUN_T - RUN_VT);
	put32(b, RUN_ID, STR_ID - RUN_ID);
	put32(b, RUN_POINTS, POINTS_V - RUN_POINTS);
	put32(b, POINTS_V, 1);
	put32(b, POINTS_V + 4, POINT_T - (POINTS_V + 4));
	static const uint16_t point_vt[] = {12, 12, 4, 0, 0, 8};
	put_vtable(b, POINT_VT, point_vt, 6);
	put32(b, POINT_T, POINT_T - POINT_VT);
	put32(b, POINT_NAME, STR_P - POINT_NAME);
	put32(b, POINT_METRICS, METRICS_V - POINT_METRICS);
	put32(b, METRICS_V, 1);
	put32(b, METRICS_V + 4, METRIC_T - (METRICS_V + 4));
	static const uint16_t metric_vt[] = {14, 24, 20, 8, 0, 0, 16};
	put_vtable(b, METRIC_VT, metric_vt, 7);
	put32(b, METRIC_T, METRIC_T - METRIC_VT);
	put_f64(b, METRIC_VALUE, 1.5);
	put32(b, METRIC_SAMPLES, SAMPLES_V - METRIC_SAMPLES);
	put32(b, METRIC_NAME, STR_P - METRIC_NAME);
	put32(b, SAMPLES_V, 2);
	put_f64(b, SAMPLES_V + 4, 2.0);
	put_f64(b, SAMPLES_V + 12, 3.0);
	put32(b, STR_ID, 1);
	b[STR_ID + 4] = 'r';
	put32(b, STR_P, 1);
	b[STR_P + 4] = 'p';
}

/* Verifies a malloc'd copy of exactly len bytes; fills d. */
static int verify_copy(const uint8_t *b, size_t len, bdb_diag *d)
{
	uint8_t *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, b, len);
	bdb_diag_clear(d);
	int rc = bdb_run_verify(copy, len, d);
	free(copy);
	return rc;
}

static void test_hand_base_is_valid(void **state)
{
	(void)state;
	uint8_t b[HAND_LEN];
	hand_base(b);
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_run_decode(b, HAND_LEN, &run, &d), 0);
	assert_string_equal(run->id, "r");
	assert_int_equal(run->n_points, 1);
	assert_string_equal(run->points[0].name, "p");
	const bdb_metric *m = &run->points[0].metrics[0];
	assert_string_equal(m->name, "p");
	assert_true(m->value == 1.5);
	assert_int_equal(m->n_samples, 2);
	assert_true(m->samples[0] == 2.0 && m->samples[1] == 3.0);
	assert_false(m->has_lower);
	assert_null(m->unit);
	bdb_run_free(run);
}

typedef struct defect {
	const char *what;
	size_t pos;
	int width; /* bytes written: 1, 2 or 4 */
	uint32_t value;
	const char *expect; /* a substring of the diagnostic */
} defect;

static const defect defects[] = {
    /* offsets pointing outside, to themselves, backwards */
    {"root offset past the end", ROOT, 4, HAND_LEN, "root Run table points past the end"},
    {"root offset to itself", ROOT, 4, 0, "points to itself"},
    {"root offset negative", ROOT, 4, 0x80000000u, "negative as a 32-bit value"},
    {"metrics offset wraps back (a loop)", POINT_METRICS, 4, 0xfffffffcu,
     "offset to metrics (4294967292) is negative"},
    {"vector element to itself", METRICS_V + 4, 4, 0, "offset to Metric points to itself"},
    {"vector element past the end", POINTS_V + 4, 4, HAND_LEN - (POINTS_V + 4),
     "offset to Point points past the end"},
    /* identifier */
    {"wrong identifier", IDENT + 3, 1, 'X', "file identifier is not \"BDBR\""},
    /* vtables */
    {"vtable before the start", RUN_T, 4, 1000, "vtable at -972 is outside the buffer"},
    {"vtable past the end", RUN_T, 4, (uint32_t)-200, "vtable at 228 is outside the buffer"},
    {"vtable misaligned", RUN_T, 4, 19, "vtable at 9 is not 2-aligned"},
    {"vtable size odd", RUN_VT, 2, 19, "bad size 19"},
    {"vtable size below 4", RUN_VT, 2, 2, "bad size 2"},
    {"vtable size past the end", METRIC_VT, 2, 0xfffe, "bad size 65534"},
    {"table size past the end", METRIC_VT + 2, 2, 200, "Metric table has a bad inline size 200"},
    {"table size below 4", RUN_VT + 2, 2, 2, "Run table has a bad inline size 2"},
    /* fields */
    {"field past its table", RUN_VT + 4, 2, 12, "Run.id at table offset 12 is outside"},
    {"field over the soffset", RUN_VT + 4, 2, 2, "Run.id at table offset 2 is outside"},
    {"offset field misaligned", RUN_VT + 4, 2, 6, "Run.id is not 4-aligned"},
    {"double field misaligned", METRIC_VT + 6, 2, 12, "Metric.value is not 8-aligned"},
    /* strings */
    {"string without NUL", STR_ID + 5, 1, 'x', "string id of 1 bytes is not NUL-terminated"},
    {"string length overflowing", STR_ID, 4, 0xffffffffu, "id vector of 4294967295 elements"},
    {"string NUL past the end", STR_P, 4, 4, "string name of 4 bytes has no room for its NUL"},
    {"string misaligned", RUN_ID, 4, STR_ID + 2 - RUN_ID, "id vector length is not 4-aligned"},
    /* vectors: lengths whose byte size wraps 32-bit arithmetic */
    {"samples length * 8 == 2^32", SAMPLES_V, 4, 0x20000000u,
     "samples vector of 536870912 elements runs past the end"},
    {"points length * 4 == 2^32", POINTS_V, 4, 0x40000000u,
     "points vector of 1073741824 elements runs past the end"},
    {"metrics length 2^32 - 1", METRICS_V, 4, 0xffffffffu, "metrics vector of 4294967295"},
    {"samples data misaligned", METRIC_SAMPLES, 4, 8, "samples vector elements are not 8-aligned"},
    {"table misaligned", POINTS_V + 4, 4, POINT_T + 2 - (POINTS_V + 4),
     "Point table is not 4-aligned"},
};

static void test_hostile_buffers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof defects / sizeof defects[0]; i++) {
		const defect *f = &defects[i];
		uint8_t b[HAND_LEN];
		hand_base(b);
		if (f->width == 1)
			b[f->pos] = (uint8_t)f->value;
		else if (f->width == 2)
			put16(b, f->pos, (uint16_t)f->value);
		else
			put32(b, f->pos, f->value);
		bdb_diag d;
		int rc = verify_copy(b, HAND_LEN, &d);
		if (rc != BDB_EVERIFY || !strstr(d.message, f->expect))
			fail_msg("%s: rc %d, diagnostic \"%s\", expected \"%s\"", f->what, rc,
				 d.message, f->expect);
		bdb_run *run = (bdb_run *)b;
		assert_int_equal(bdb_run_decode(b, HAND_LEN, &run, NULL), BDB_EVERIFY);
		assert_null(run);
	}
}

static void test_length_rules(void **state)
{
	(void)state;
	uint8_t b[HAND_LEN + 4];
	hand_base(b);
	bdb_diag d;
	assert_int_equal(verify_copy(b, 7, &d), BDB_EVERIFY);
	assert_non_null(strstr(d.message, "too short"));
	assert_int_equal(verify_copy(b, 0, &d), BDB_EVERIFY);
	/* Builders pad the whole buffer to its alignment: a multiple of 4. */
	b[HAND_LEN] = b[HAND_LEN + 1] = 0;
	assert_int_equal(verify_copy(b, HAND_LEN + 2, &d), BDB_EVERIFY);
	assert_string_equal(d.message,
			    "run buffer (162 bytes): length is not a multiple of 4 at byte 162");
	/* Trailing bytes nobody points to are allowed (flatc leaves some). */
	memset(b + HAND_LEN, 0xee, 4);
	assert_int_equal(verify_copy(b, HAND_LEN + 4, &d), 0);
	assert_int_equal(bdb_run_verify(NULL, 0, NULL), BDB_EVERIFY);
}

/*
 * Nesting: run.fbs is not recursive, so its deepest path is Run > Point >
 * Metric (3 tables) and BDB_FB_MAX_DEPTH (16) can never be reached by a
 * well-typed buffer; and uoffsets are unsigned and checked below 2^31, so
 * they only point forward and cannot loop. The depth check is shown to
 * work by lowering the limit through the internal entry point.
 */
static void test_depth_limit(void **state)
{
	(void)state;
	uint8_t b[HAND_LEN];
	hand_base(b);
	bdb__fb_limits limits = {3, 1000};
	bdb_diag d;
	assert_int_equal(bdb__run_verify_limits(b, HAND_LEN, &limits, &d), 0);
	limits.max_depth = 2;
	assert_int_equal(bdb__run_verify_limits(b, HAND_LEN, &limits, &d), BDB_EVERIFY);
	assert_string_equal(d.message, "run buffer (160 bytes): Metric table nested deeper "
				       "than 2 tables at byte 96");
	limits.max_depth = 3;
	limits.max_tables = 2;
	assert_int_equal(bdb__run_verify_limits(b, HAND_LEN, &limits, &d), BDB_EVERIFY);
	assert_non_null(strstr(d.message, "more than 2 table visits"));
	assert_true(BDB_FB_MAX_DEPTH >= 3);
	assert_int_equal(bdb__fb_default_limits(HAND_LEN).max_tables, HAND_LEN / 4);
}

/*
 * A buffer whose n point slots all point to one Point, whose n metric slots
 * all point to one Metric: 1 + n + n * n table visits from about 8n bytes.
 * Sharing is legal FlatBuffers, but the visit budget (len / 4) stops the
 * quadratic blow-up.
 */
static size_t hand_shared(uint8_t *b, uint32_t n)
{
	size_t points_v = 36, point_vt = points_v + 4 + 4 * (size_t)n, point_t = point_vt + 12;
	size_t metrics_v = point_t + 8, metric_vt = metrics_v + 4 + 4 * (size_t)n;
	size_t metric_t = metric_vt + 4, len = metric_t + 4;
	memset(b, 0, len);
	put32(b, 0, 28);
	memcpy(b + 4, "BDBR", 4);
	static const uint16_t run_vt[] = {20, 8, 0, 0, 0, 0, 0, 0, 0, 4};
	put_vtable(b, 8, run_vt, 10);
	put32(b, 28, 28 - 8);
	put32(b, 32, (uint32_t)(points_v - 32));
	put32(b, points_v, n);
	for (size_t i = 0; i < n; i++)
		put32(b, points_v + 4 + 4 * i, (uint32_t)(point_t - (points_v + 4 + 4 * i)));
	static const uint16_t point_vt_entries[] = {12, 8, 0, 0, 0, 4};
	put_vtable(b, point_vt, point_vt_entries, 6);
	put32(b, point_t, 12);
	put32(b, point_t + 4, (uint32_t)(metrics_v - (point_t + 4)));
	put32(b, metrics_v, n);
	for (size_t i = 0; i < n; i++)
		put32(b, metrics_v + 4 + 4 * i, (uint32_t)(metric_t - (metrics_v + 4 + 4 * i)));
	static const uint16_t metric_vt_entries[] = {4, 4}; /* no fields at all */
	put_vtable(b, metric_vt, metric_vt_entries, 2);
	put32(b, metric_t, 4);
	return len;
}

static void test_shared_tables_budget(void **state)
{
	(void)state;
	uint8_t b[1024];
	size_t len = hand_shared(b, 2);
	assert_int_equal(len, 88);
	bdb_run *run;
	assert_int_equal(bdb_run_decode(b, len, &run, NULL), 0);
	assert_null(run->id);
	assert_int_equal(run->n_points, 2);
	assert_string_equal(run->points[1].name, "");
	/* Two metrics without names: the model merges equal names. */
	assert_int_equal(run->points[1].n_metrics, 1);
	bdb_fb_view fp = bdb_fb_run_point(bdb_fb_run_root(b, len), 1);
	assert_int_equal(bdb_fb_point_n_metrics(fp), 2);
	assert_true(bdb_fb_metric_value(bdb_fb_point_metric(fp, 1)) == 0.0);
	bdb_run_free(run);

	len = hand_shared(b, 64);
	assert_int_equal(len, 584); /* budget 146 visits; it would take 4161 */
	bdb_diag d;
	assert_int_equal(verify_copy(b, len, &d), BDB_EVERIFY);
	assert_non_null(strstr(d.message, "more than 146 table visits"));
}

/*
 * A Run whose vtable has a field 8, one past the last field this reader
 * knows (points): a newer writer appended it. Its contents (here a bogus
 * offset) are not interpreted, so the buffer is accepted.
 */
static void test_unknown_field_tolerated(void **state)
{
	(void)state;
	uint8_t b[52];
	memset(b, 0, sizeof b);
	put32(b, 0, 32);
	memcpy(b + 4, "BDBR", 4);
	static const uint16_t run_vt[] = {22, 12, 4, 0, 0, 0, 0, 0, 0, 0, 8};
	put_vtable(b, 8, run_vt, 11);
	put32(b, 32, 32 - 8);
	put32(b, 36, 44 - 36);	   /* id -> 44 */
	put32(b, 40, 0xdeadbeefu); /* field 8: unknown here, never followed */
	put32(b, 44, 1);
	b[48] = 'r';
	bdb_run *run;
	bdb_diag d;
	assert_int_equal(bdb_run_decode(b, sizeof b, &run, &d), 0);
	assert_string_equal(run->id, "r");
	assert_int_equal(run->n_points, 0);
	bdb_run_free(run);
}

/* ---- truncations and mutations of builder output ---- */

static bdb_run *small_samples_run(void)
{
	bdb_run *run = sample_run_full();
	bdb_metric *m = &run->points[0].metrics[1];
	static const double s[] = {0.25, -1.5, 1e300};
	assert_int_equal(bdb_metric_set_samples(run, m, s, 3), 0);
	return run;
}

typedef struct base {
	uint8_t *bytes;
	size_t len;
} base;

/* Encoded sample runs small enough to truncate and mutate quickly. */
static size_t make_bases(base *bases)
{
	bdb_run *runs[] = {sample_run_empty(), sample_run_unicode(), sample_run_optionals(),
			   sample_run_extremes(SAMPLE_TINY | SAMPLE_NONFINITE),
			   small_samples_run()};
	size_t n = sizeof runs / sizeof runs[0];
	for (size_t i = 0; i < n; i++) {
		bases[i].bytes = encode_exact(runs[i], &bases[i].len);
		bdb_run_free(runs[i]);
	}
	bases[n].bytes = malloc(HAND_LEN);
	assert_non_null(bases[n].bytes);
	hand_base(bases[n].bytes);
	bases[n].len = HAND_LEN;
	return n + 1;
}

static void test_every_truncation_rejected(void **state)
{
	(void)state;
	base bases[8];
	size_t n = make_bases(bases);
	size_t checked = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(verify_copy(bases[i].bytes, bases[i].len, &(bdb_diag){0}), 0);
		for (size_t len = 0; len < bases[i].len; len++) {
			bdb_diag d;
			if (verify_copy(bases[i].bytes, len, &d) != BDB_EVERIFY)
				fail_msg("base %zu truncated to %zu of %zu bytes was accepted", i,
					 len, bases[i].len);
			checked++;
		}
		free(bases[i].bytes);
	}
	/* Bases of 32 + 472 + 384 + 1160 + 1160 + 160 bytes: every cut of each
	 * (the full run's three points repeat tags and an rss of 1024 MB, whose
	 * KeyValue and Metric tables and a tag vector are shared, and its
	 * metric units equal to their definitions' are left out). */
	assert_int_equal(checked, 3368);
}

/* One to four random changes, biased towards values that look like offsets. */
static void mutate(uint8_t *b, size_t len, uint64_t *rng)
{
	static const uint8_t interesting[] = {0x00, 0x01, 0x04, 0x08, 0x7f, 0x80, 0xfe, 0xff};
	unsigned changes = 1 + (unsigned)(splitmix64(rng) % 4);
	for (unsigned c = 0; c < changes; c++) {
		uint64_t r = splitmix64(rng);
		size_t pos = (size_t)(r % len);
		r >>= 32;
		switch (r % 5) {
		case 0:
			b[pos] = (uint8_t)(r >> 8);
			break;
		case 1:
			b[pos] ^= (uint8_t)(1u << ((r >> 8) % 8));
			break;
		case 2:
			b[pos] = (uint8_t)(b[pos] + (int)((r >> 8) % 9) - 4);
			break;
		case 3:
			b[pos] = interesting[(r >> 8) % sizeof interesting];
			break;
		default:
			if (len >= 4)
				put32(b, (pos & ~(size_t)3) % (len - 3),
				      (uint32_t)((r >> 8) % (len + 16)));
			break;
		}
	}
}

static void test_random_mutations(void **state)
{
	(void)state;
	enum { MUTATIONS = 100000 };
	const uint64_t seed = 0x62646272u; /* "bdbr"; reported on failure */
	uint64_t rng = seed;
	base bases[8];
	size_t n_bases = make_bases(bases);
	uint8_t *work[8];
	for (size_t i = 0; i < n_bases; i++) {
		work[i] = malloc(bases[i].len); /* exact size: ASan sees any overrun */
		assert_non_null(work[i]);
	}
	size_t accepted = 0, rejected = 0;
	mutation_seed = seed;
	for (size_t iter = 0; iter < MUTATIONS; iter++) {
		mutation_iter = iter;
		size_t k = iter % n_bases;
		uint8_t *b = work[k];
		size_t len = bases[k].len;
		memcpy(b, bases[k].bytes, len);
		mutate(b, len, &rng);
		/* The fuzz harness's check: rejected with a diagnostic, or read
		 * through every accessor, decoded and round-tripped. */
		if (fuzz_verify_check(b, len))
			accepted++;
		else
			rejected++;
	}
	print_message("%d mutations (seed %llu): %zu accepted and read, %zu rejected\n", MUTATIONS,
		      (unsigned long long)seed, accepted, rejected);
	assert_int_equal(accepted + rejected, MUTATIONS);
	/* Both outcomes are exercised: data bytes change values, structure
	 * bytes break offsets. */
	assert_true(accepted > MUTATIONS / 10);
	assert_true(rejected > MUTATIONS / 10);
	for (size_t i = 0; i < n_bases; i++) {
		free(work[i]);
		free(bases[i].bytes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hand_base_is_valid),
	    cmocka_unit_test(test_hostile_buffers),
	    cmocka_unit_test(test_length_rules),
	    cmocka_unit_test(test_depth_limit),
	    cmocka_unit_test(test_shared_tables_budget),
	    cmocka_unit_test(test_unknown_field_tolerated),
	    cmocka_unit_test(test_every_truncation_rejected),
	    cmocka_unit_test(test_random_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
