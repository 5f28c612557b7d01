/*
 * test_runpack.c - the run values' packed doubles (engine/runpack.c,
 * docs/storage.md 2.2.1) as a property: for random runs (short decimals as
 * tools write them, specials ingest refuses such as NaNs with payloads and
 * infinities, -0, subnormals, the largest doubles; bounds and samples on
 * some metrics), taking the metric doubles out of the FlatBuffer and
 * putting them back gives the FlatBuffer's exact bytes; the doubles are
 * found where the schema says (bdb_fb_run_doubles); every cut of a packed
 * content is refused. Samples made as Google Benchmark makes them (elapsed
 * times over an iteration count, rates over times), exactly, nearly or not
 * at all, with specials among them, take the samples section (sampack.c)
 * and come back bit for bit. Then through a store: every run read back
 * (bdb_reader_run_buffer) is byte for byte what bdb_run_encode wrote, also
 * after compact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>
#include <zstd.h>

#include "engine.h"
#include "helpers/files.h"
#include "helpers/store_env.h"
#include "helpers/doubles.h"
#include "internal.h"

/* A fixed seed, so a failure repeats. */
static uint64_t rng_state = UINT64_C(0x2545F4914F6CDD1D);

static uint64_t next_u64(void)
{
	return test_next_u64(&rng_state);
}

#define from_bits test_from_bits

/* Doubles with no short decimal form, ingest's or not. */
static const uint64_t special_bits[] = {
    UINT64_C(0x8000000000000000), /* -0 */
    UINT64_C(0x0000000000000001), /* the smallest subnormal */
    UINT64_C(0x800FFFFFFFFFFFFF), /* the largest negative subnormal */
    UINT64_C(0x7FEFFFFFFFFFFFFF), /* DBL_MAX */
    UINT64_C(0xFFEFFFFFFFFFFFFF), /* -DBL_MAX */
    UINT64_C(0x7FF0000000000000), /* +inf */
    UINT64_C(0xFFF0000000000000), /* -inf */
    UINT64_C(0x7FF0000000000001), /* a signalling NaN with payload 1 */
    UINT64_C(0xFFFDEADBEEF12345), /* a negative NaN with a payload */
};
#define N_SPECIAL (sizeof special_bits / sizeof *special_bits)

/* A value: mostly a "%.9g" decimal (or fewer digits, negative, zero), else
 * random bits or a special; `finite` leaves out NaNs and infinities. */
static double some_value(bool finite)
{
	char text[64];
	double level = (double)(next_u64() % 1000000) * 1e-3 *
		       (double)(UINT64_C(1) << (next_u64() % 40));
	switch (next_u64() % 10) {
	case 0:
		return from_bits(special_bits[next_u64() % (finite ? 5 : N_SPECIAL)]);
	case 1: {
		double v = from_bits(next_u64());
		return finite && v - v != 0 ? 1.5 : v;
	}
	case 2:
		return 0.0;
	case 3:
		snprintf(text, sizeof text, "%.*g", 1 + (int)(next_u64() % 17), -level / 7);
		return strtod(text, NULL);
	default:
		snprintf(text, sizeof text, "%.9g", level / 3);
		return strtod(text, NULL);
	}
}

/* A special of special_bits (NaNs and infinities only when !finite). */
static double some_special(bool finite)
{
	return from_bits(special_bits[next_u64() % (finite ? 5 : N_SPECIAL)]);
}

/*
 * A point as gbench writes one with repetitions: real_time = E[i] / N (E
 * whole ns, N iterations), cpu_time a little less, exactly a whole number
 * over N or not (kind), and a rate items / time; kind 0 exact, 1 with a
 * clock's rounding (E + a few 1e-6), 2 cpu_time not a whole number (the
 * bench workload's), 3 random doubles (no model fits). Some samples are
 * specials. Returns the number of samples.
 */
static size_t add_gbench_point(bdb_run *run, int index, int kind, bool finite)
{
	char name[48];
	snprintf(name, sizeof name, "BM_gbench/%d", index);
	bdb_point *point;
	assert_int_equal(bdb_run_add_point(run, name, &point), 0);
	double n_iter = (double)(1 + next_u64() % ((UINT64_C(1) << (1 + next_u64() % 31))));
	double items = (double)(UINT64_C(64) << (next_u64() % 20)) * 1e9;
	size_t n = 2 + next_u64() % 25;
	double real[32], cpu[32], rate[32];
	for (size_t i = 0; i < n; i++) {
		double e = (double)(1000000 + next_u64() % 2000000000);
		double clock = kind == 1 ? (double)(next_u64() % 2000) * 1e-6 : 0;
		real[i] = (e + clock) / n_iter;
		cpu[i] = kind == 2 ? e * (0.996 + 0.003 * (double)(next_u64() % 1000) / 1000) / n_iter
				   : (e - (double)(next_u64() % 100000)) / n_iter;
		if (kind == 3) {
			real[i] = from_bits(next_u64() >> 2);
			cpu[i] = -from_bits(next_u64() >> 1);
		}
		rate[i] = items / cpu[i];
		if (next_u64() % 16 == 0)
			real[i] = some_special(finite);
		if (next_u64() % 16 == 0)
			rate[i] = some_special(finite);
	}
	static const char *names[] = {"real_time", "cpu_time", "items_per_second"};
	const double *samples[] = {real, cpu, rate};
	for (size_t m = 0; m < 3; m++) {
		bdb_metric *metric;
		assert_int_equal(bdb_point_add_metric(run, point, names[m], samples[m][0], &metric),
				 0);
		assert_int_equal(bdb_metric_set_samples(run, metric, samples[m], n), 0);
	}
	return 3 * n;
}

/* A random run: 1 to 30 points of 1 to 6 metrics. */
static bdb_run *random_run(int index, bool finite)
{
	char id[32], name[32];
	snprintf(id, sizeof id, "run-%d", index);
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = 1700000000000000 + index;
	size_t points = 1 + next_u64() % 30;
	for (size_t p = 0; p < points; p++) {
		bdb_point *point;
		snprintf(name, sizeof name, "BM_%zu/%d", p, (int)(next_u64() % 4096));
		assert_int_equal(bdb_run_add_point(run, name, &point), 0);
		size_t metrics = 1 + next_u64() % 6;
		for (size_t m = 0; m < metrics; m++) {
			bdb_metric *metric;
			snprintf(name, sizeof name, "m%zu", m);
			assert_int_equal(bdb_point_add_metric(run, point, name, some_value(finite),
							      &metric),
					 0);
			if (next_u64() % 3 == 0) {
				metric->has_lower = true;
				metric->lower = some_value(finite);
			}
			if (next_u64() % 3 == 0) {
				metric->has_upper = true;
				metric->upper = some_value(finite);
			}
			if (next_u64() % 5 == 0) {
				double samples[20];
				size_t n = next_u64() % 20;
				for (size_t i = 0; i < n; i++)
					samples[i] = some_value(finite);
				assert_int_equal(bdb_metric_set_samples(run, metric, samples, n),
						 0);
			}
		}
		if (next_u64() % 4 == 0)
			add_gbench_point(run, (int)p, (int)(next_u64() % 4), finite);
	}
	return run;
}

/* How many doubles the run's metrics have (values, bounds, samples); a
 * value of +0 is the schema's default, which the builder leaves out. A
 * metric table the builder shares between points is walked once per
 * point. */
static size_t run_doubles(const bdb_run *run)
{
	size_t n = 0;
	for (size_t p = 0; p < run->n_points; p++)
		for (size_t m = 0; m < run->points[p].n_metrics; m++) {
			const bdb_metric *metric = &run->points[p].metrics[m];
			uint64_t bits;
			memcpy(&bits, &metric->value, 8);
			n += (bits != 0) + metric->has_lower + metric->has_upper +
			     metric->n_samples;
		}
	return n;
}

/* run's FlatBuffer into fb and its packed content into content. */
static void encode_and_pack(const bdb_run *run, bdb_buf *fb, bdb_buf *content)
{
	bool packed;
	bdb_buf_reset(fb);
	assert_int_equal(bdb_run_encode(run, fb), 0);
	assert_int_equal(bdb__run_content(fb->data, fb->len, content, &packed), 0);
	assert_true(packed);
}

/* Whether a packed content ends with a samples section (bit 31 of its
 * last u32). */
static bool content_has_section(const bdb_buf *c)
{
	return c->len >= 4 && ((const uint8_t *)c->data)[c->len - 1] & 0x80;
}

static void test_random_runs_round_trip(void **state)
{
	(void)state;
	bdb_buf fb, content, cut;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	bdb_buf_init(&cut);
	int sections = 0;
	for (int round = 0; round < 300; round++) {
		bdb_run *run = random_run(round, false);
		bdb_buf_reset(&fb);
		assert_int_equal(bdb_run_encode(run, &fb), 0);
		/* The doubles where the schema puts them: the last is the last
		 * point's last metric's last double, as the reader reads it. */
		uint32_t pos[4096];
		size_t n;
		assert_int_equal(bdb_fb_run_doubles(fb.data, fb.len, pos, 4096, &n), 0);
		assert_int_equal(n, run_doubles(run));
		bdb_fb_view root = bdb_fb_run_root(fb.data, fb.len);
		bdb_fb_view point = bdb_fb_run_point(root, bdb_fb_run_n_points(root) - 1);
		bdb_fb_view metric = bdb_fb_point_metric(point, bdb_fb_point_n_metrics(point) - 1);
		uint32_t samples = bdb_fb_metric_n_samples(metric);
		double last = bdb_fb_metric_value(metric);
		uint64_t bits;
		memcpy(&bits, &last, 8);
		bool has = bits != 0; /* +0 is left out */
		if (samples) {
			last = bdb_fb_metric_sample(metric, samples - 1);
			has = true;
		} else {
			double upper, lower;
			bool has_upper = bdb_fb_metric_upper(metric, &upper);
			bool has_lower = bdb_fb_metric_lower(metric, &lower);
			last = has_upper ? upper : has_lower ? lower : last;
			has |= has_upper || has_lower;
		}
		if (has)
			assert_memory_equal(fb.data + pos[n - 1], &last, 8);
		bool packed;
		assert_int_equal(bdb__run_content(fb.data, fb.len, &content, &packed), 0);
		assert_true(packed);
		/* The FlatBuffer less its doubles, then 2 bytes a double at
		 * least, then the length; or, with a samples section (the
		 * length's top bit), a section and its length too. */
		if (content_has_section(&content))
			sections++;
		else
			assert_true(content.len >= fb.len + 2 * n + 4);
		assert_true(content.len >= fb.len + 4);
		for (size_t i = 0; i < n; i++)
			assert_memory_equal(content.data + pos[i], "\0\0\0\0\0\0\0\0", 8);
		/* Every cut is refused. */
		for (size_t len = 0; len < content.len; len++) {
			bdb_buf_reset(&cut);
			bdb_buf_append(&cut, content.data, len);
			assert_int_equal(bdb__run_content_restore(&cut), BDB_ECORRUPT);
		}
		assert_int_equal(bdb__run_content_restore(&content), 0);
		assert_int_equal(content.len, fb.len);
		assert_memory_equal(content.data, fb.data, fb.len);
		bdb_run_free(run);
	}
	/* A run has a gbench point in 1 point of 4 (of 1 to 30), 3 kinds of 4
	 * a model fits: most runs have a section (seeded: 254 of 300). */
	assert_in_range(sections, 200, 300);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_buf_free(&cut);
}

/* A run "r" with one point "a", for the tests to give metrics. */
static bdb_run *run_of_one_point(bdb_point **p)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, "r"), 0);
	assert_int_equal(bdb_run_add_point(run, "a", p), 0);
	return run;
}

/* A packed content with a damaged double is refused: an exponent past 22,
 * a raw double of 7 bytes, a decimal integer with a zero top byte. */
static void test_damaged_doubles_refused(void **state)
{
	(void)state;
	bdb_point *p;
	bdb_metric *m;
	bdb_run *run = run_of_one_point(&p);
	assert_int_equal(bdb_point_add_metric(run, p, "time", 600.25, &m), 0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	encode_and_pack(run, &fb, &content);
	/* One double: head (e 2 + 1), size 2, 60025 = 0xEA79 little-endian,
	 * then the FlatBuffer's length. */
	uint8_t *tail = (uint8_t *)content.data + fb.len;
	assert_int_equal(content.len, fb.len + 1 + 1 + 2 + 4);
	static const uint8_t want[4] = {3, 2, 0x79, 0xEA};
	assert_memory_equal(tail, want, 4);
	bdb_buf copy;
	bdb_buf_init(&copy);
	static const struct {
		size_t at;
		uint8_t byte;
	} damage[] = {{0, 24}, {0, 0x80}, {1, 3}, {3, 0}};
	for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
		bdb_buf_reset(&copy);
		bdb_buf_append(&copy, content.data, content.len);
		((uint8_t *)copy.data)[fb.len + damage[i].at] = damage[i].byte;
		assert_int_equal(bdb__run_content_restore(&copy), BDB_ECORRUPT);
	}
	assert_int_equal(bdb__run_content_restore(&content), 0);
	assert_memory_equal(content.data, fb.data, fb.len);
	bdb_buf_free(&copy);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_run_free(run);
}

/* Doubles without a short decimal form: XORed with the one before, laid
 * out by byte plane, top bytes first. 0.1 + 0.2 is 0x3FD3333333333334
 * (17 digits: no m / 10^e with m < 2^53), its negative 0xBFD3333333333334:
 * the second XORs to 0x8000000000000000. */
static void test_raw_doubles_by_plane(void **state)
{
	(void)state;
	bdb_point *p;
	bdb_metric *m;
	double v = 0.1 + 0.2;
	bdb_run *run = run_of_one_point(&p);
	assert_int_equal(bdb_point_add_metric(run, p, "t", v, &m), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "u", -v, &m), 0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	encode_and_pack(run, &fb, &content);
	static const uint8_t want[] = {0,    0,	   8,	 8,    0x3F, 0x80, 0xD3, 0,    0x33,
				       0,    0x33, 0,	 0x33, 0,    0x33, 0,	 0x33, 0,
				       0x34, 0};
	assert_int_equal(content.len, fb.len + sizeof want + 4);
	assert_memory_equal(content.data + fb.len, want, sizeof want);
	assert_int_equal(bdb__run_content_restore(&content), 0);
	assert_memory_equal(content.data, fb.data, fb.len);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_run_free(run);
}

/* A point of 8 repetitions: real_time = E[i] / N with N = 1000003 (a
 * prime: no smaller divisor) and E[i] = 5e8 + 37 i + 1000 index, cpu_time = (E[i] - 7)
 * / N, items_per_second = 64e9 / real_time. */
static bdb_run *gbench_run(int index)
{
	bdb_run *run = bdb_run_new();
	bdb_point *p;
	char id[32];
	snprintf(id, sizeof id, "r-%d", index);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = 1700000000000000 + index;
	assert_int_equal(bdb_run_add_point(run, "BM_memcpy/64", &p), 0);
	double real[8], cpu[8], rate[8];
	for (int i = 0; i < 8; i++) {
		double e = 5e8 + 37 * i + 1000 * index;
		real[i] = e / 1000003;
		cpu[i] = (e - 7) / 1000003;
		rate[i] = 64e9 / real[i];
	}
	static const char *names[] = {"real_time", "cpu_time", "items_per_second"};
	const double *samples[] = {real, cpu, rate};
	for (int m = 0; m < 3; m++) {
		bdb_metric *metric;
		assert_int_equal(bdb_point_add_metric(run, p, names[m], samples[m][1], &metric), 0);
		assert_int_equal(bdb_metric_set_samples(run, metric, samples[m], 8), 0);
	}
	return run;
}

/*
 * The section of gbench_run's content, byte for byte (docs/storage.md
 * 2.2.1): real_time divisor 1000003 (varint C3 84 3D), least k 5e8
 * (zigzag 1e9, varint 80 94 EB DC 03), offsets 37 i in 9 bits, distances
 * 0 bits; cpu_time the same divisor (04) against real_time (ref 1: 08),
 * offsets all -7 (zigzag 13, 0 bits), distances 0 bits; the rate over
 * real_time (ref 2: 10) with numerator 64 * 10^9 (09 40), exact. Then the
 * 8 offsets 0, 37, ..., 259 in 9 bits each, low bits first (9 bytes).
 */
static void test_gbench_samples_modelled(void **state)
{
	(void)state;
	bdb_run *run = gbench_run(0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	encode_and_pack(run, &fb, &content);
	assert_true(content_has_section(&content));
	const uint8_t *end = (const uint8_t *)content.data + content.len;
	uint32_t sec_len = (uint32_t)end[-8] | (uint32_t)end[-7] << 8;
	assert_int_equal(sec_len, 28);
	static const uint8_t heads[] = {0x01, 0xC3, 0x84, 0x3D, 0x80, 0x94, 0xEB, 0xDC, 0x03, 9, 0,
					0x0D, 13,   0,	  0,	0x12, 0x09, 0x40, 0};
	const uint8_t *sec = end - 8 - sec_len;
	assert_memory_equal(sec, heads, sizeof heads);
	uint8_t bits[9] = {0};
	for (unsigned i = 0; i < 8; i++)
		for (unsigned b = 0; b < 9; b++)
			bits[(9 * i + b) / 8] |= (uint8_t)(((37 * i) >> b & 1) << ((9 * i + b) % 8));
	assert_memory_equal(sec + sizeof heads, bits, 9);
	assert_int_equal(bdb__run_content_restore(&content), 0);
	assert_int_equal(content.len, fb.len);
	assert_memory_equal(content.data, fb.data, fb.len);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_run_free(run);
}

/* A damaged section is refused: a kind 3, a reference before the point's
 * first vector, divisor 0, widths the bits do not fill or past 64, a rate
 * without a reference, a byte left over. */
static void test_damaged_section_refused(void **state)
{
	(void)state;
	bdb_run *run = gbench_run(0);
	bdb_buf fb, content, copy;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	bdb_buf_init(&copy);
	encode_and_pack(run, &fb, &content);
	size_t sec = content.len - 8 - 28;
	static const struct {
		size_t at;
		uint8_t byte;
	} damage[] = {{0, 0x03}, {0, 0x09}, {1, 0}, {9, 20}, {10, 65}, {11, 0x0F}, {15, 0x02}};
	for (size_t i = 0; i < sizeof damage / sizeof *damage; i++) {
		bdb_buf_reset(&copy);
		bdb_buf_append(&copy, content.data, content.len);
		((uint8_t *)copy.data)[sec + damage[i].at] = damage[i].byte;
		assert_int_equal(bdb__run_content_restore(&copy), BDB_ECORRUPT);
	}
	/* The section one byte longer than its bits. */
	bdb_buf_reset(&copy);
	bdb_buf_append(&copy, content.data, content.len - 8);
	bdb_buf_putc(&copy, 0);
	static const uint8_t tail[4] = {29, 0, 0, 0};
	bdb_buf_append(&copy, tail, 4);
	bdb_buf_append(&copy, (const char *)content.data + content.len - 4, 4);
	assert_int_equal(bdb__run_content_restore(&copy), BDB_ECORRUPT);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_buf_free(&copy);
	bdb_run_free(run);
}

/* Samples no model fits (random doubles, and a vector of one) take no
 * section: the content is format 4's. */
static void test_unpredictable_samples_plain(void **state)
{
	(void)state;
	bdb_point *p;
	bdb_metric *m;
	bdb_run *run = run_of_one_point(&p);
	double x[12];
	for (int i = 0; i < 12; i++)
		x[i] = from_bits(next_u64() >> 2);
	assert_int_equal(bdb_point_add_metric(run, p, "t", x[0], &m), 0);
	assert_int_equal(bdb_metric_set_samples(run, m, x, 12), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "u", x[1], &m), 0);
	assert_int_equal(bdb_metric_set_samples(run, m, x + 1, 1), 0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	encode_and_pack(run, &fb, &content);
	assert_false(content_has_section(&content));
	/* 2 values and 13 samples: a head and a size byte each, then
	 * their bytes. */
	assert_true(content.len > fb.len + 15 * 2 + 4);
	assert_int_equal(bdb__run_content_restore(&content), 0);
	assert_memory_equal(content.data, fb.data, fb.len);
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_run_free(run);
}

/* A value as stored: first byte `first`, then a zstd frame of content. */
static void frame_of(const bdb_buf *content, uint8_t first, bdb_buf *out)
{
	bdb_buf_reset(out);
	size_t bound = ZSTD_compressBound(content->len);
	assert_int_equal(bdb_buf_reserve(out, bound + 1), 0);
	out->data[0] = (char)first;
	size_t n = ZSTD_compress(out->data + 1, bound, content->data, content->len, 1);
	assert_false(ZSTD_isError(n));
	out->len = n + 1;
}

/* Format 4's values (first byte 01, no section) still read; a value that
 * says format 4 but has a section is damage; format 5's (02) read. */
static void test_format4_values_read(void **state)
{
	(void)state;
	bdb_run *plain = bdb_run_new(), *gbench = gbench_run(0);
	bdb_point *p;
	bdb_metric *m;
	double x[3] = {0.1 + 0.2, 600.25, -1e300};
	assert_int_equal(bdb_run_set_id(plain, "p"), 0);
	assert_int_equal(bdb_run_add_point(plain, "a", &p), 0);
	assert_int_equal(bdb_point_add_metric(plain, p, "t", 1.5, &m), 0);
	assert_int_equal(bdb_metric_set_samples(plain, m, x, 3), 0);
	bdb_buf fb, content, value, out;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	bdb_buf_init(&value);
	bdb_buf_init(&out);
	bool packed;
	for (int r = 0; r < 2; r++) {
		bdb_buf_reset(&fb);
		assert_int_equal(bdb_run_encode(r ? gbench : plain, &fb), 0);
		assert_int_equal(bdb__run_content(fb.data, fb.len, &content, &packed), 0);
		assert_int_equal(content_has_section(&content), r == 1);
		frame_of(&content, 0x01, &value);
		assert_int_equal(bdb__run_unpack(NULL, NULL, value.data, value.len, &out),
				 r ? BDB_ECORRUPT : 0);
		if (!r)
			assert_memory_equal(out.data, fb.data, fb.len);
		frame_of(&content, 0x02, &value);
		assert_int_equal(bdb__run_unpack(NULL, NULL, value.data, value.len, &out), 0);
		assert_int_equal(out.len, fb.len);
		assert_memory_equal(out.data, fb.data, fb.len);
	}
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_buf_free(&value);
	bdb_buf_free(&out);
	bdb_run_free(plain);
	bdb_run_free(gbench);
}

/* Puts n runs (gbench_run's, else random_run's) into s, their
 * FlatBuffers (bdb_run_encode's bytes) into fb[0..n). */
static void put_runs(bdb_store *s, bool gbench, bdb_buf *fb, int n)
{
	for (int i = 0; i < n; i++) {
		bdb_run *run = gbench ? gbench_run(i) : random_run(i, true);
		bdb_buf_init(&fb[i]);
		assert_int_equal(bdb_run_encode(run, &fb[i]), 0);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
}

/* Runs 1 to n of s read back as fb[0..n) (freed). */
static void assert_runs_read_back(bdb_store *s, bdb_buf *fb, int n)
{
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	for (int i = 0; i < n; i++) {
		const void *buf;
		size_t len;
		assert_int_equal(bdb_reader_run_buffer(r, (uint64_t)i + 1, &buf, &len), 0);
		assert_int_equal(len, fb[i].len);
		assert_memory_equal(buf, fb[i].data, len);
		bdb_buf_free(&fb[i]);
	}
	bdb_reader_end(r);
}

/* Through a store, before and after its dictionary (64 runs): each run's
 * buffer reads back with the bytes bdb_run_encode wrote, and verify is
 * clean. */
static void test_store_keeps_run_bytes(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	enum { N = 80 };
	bdb_buf fb[N];
	put_runs(s, false, fb, N);
	assert_verify_clean(s);
	assert_runs_read_back(s, fb, N);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* The `runs` database of the store at dir, through LMDB itself, in a
 * transaction of flags (MDB_RDONLY or 0); raw_runs_end commits it. */
typedef struct raw_runs {
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
} raw_runs;

static void raw_runs_begin(raw_runs *r, const char *dir, unsigned flags)
{
	assert_int_equal(mdb_env_create(&r->env), 0);
	mdb_env_set_maxdbs(r->env, 32);
	assert_int_equal(mdb_env_open(r->env, dir, flags, 0666), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, flags, &r->txn), 0);
	assert_int_equal(mdb_dbi_open(r->txn, "runs", 0, &r->dbi), 0);
}

static void raw_runs_end(raw_runs *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

/* Rewrites every `runs` value of the store at dir as format 3 wrote it (a
 * bare zstd frame of the FlatBuffer), through LMDB itself. */
static void runs_as_format3(const char *dir)
{
	raw_runs r;
	MDB_cursor *cur;
	MDB_val k, v;
	bdb_buf fb, frame;
	bdb_buf_init(&fb);
	bdb_buf_init(&frame);
	raw_runs_begin(&r, dir, 0);
	MDB_txn *txn = r.txn;
	MDB_dbi dbi = r.dbi;
	uint8_t keys[64][8];
	size_t n = 0;
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	for (int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST); !got && n < 64;
	     got = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		assert_int_equal(k.mv_size, 8);
		memcpy(keys[n++], k.mv_data, 8);
	}
	mdb_cursor_close(cur);
	for (size_t i = 0; i < n; i++) {
		k = (MDB_val){8, keys[i]};
		assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
		assert_int_equal(*(const uint8_t *)v.mv_data, 0x02);
		assert_int_equal(bdb__run_unpack(NULL, NULL, v.mv_data, v.mv_size, &fb), 0);
		frame_of(&fb, 0, &frame);
		MDB_val nv = {frame.len - 1, frame.data + 1};
		assert_int_equal(mdb_put(txn, dbi, &k, &nv, 0), 0);
	}
	raw_runs_end(&r);
	bdb_buf_free(&fb);
	bdb_buf_free(&frame);
}

/* Runs stored before the samples section read as they were, and benchdb
 * compact packs them again with it: the same FlatBuffers,
 * verify clean before and after. */
static void test_compact_repacks_samples(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	enum { N = 10 };
	bdb_buf fb[N];
	bdb_store *s = open_store(dir, 0);
	put_runs(s, true, fb, N);
	bdb_store_close(s);
	runs_as_format3(dir);
	s = open_store(dir, 0);
	assert_verify_clean(s);
	uint64_t before, after;
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_store_compact(s, &before, &after, &d), 0);
	assert_verify_clean(s);
	assert_runs_read_back(s, fb, N);
	bdb_store_close(s);
	/* Every value packed again, with the section (runs_as_format3 checks
	 * the first byte on its way). */
	runs_as_format3(dir);
	remove_tree(dir);
	free(dir);
}

/* A run of `points` points of three metrics of random bits: a frame of
 * about 24 bytes a point, which zstd cannot shorten. */
static bdb_run *wide_run(int index, size_t points)
{
	char id[32], name[32];
	snprintf(id, sizeof id, "wide-%d", index);
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = 1700000000000000 + index;
	for (size_t p = 0; p < points; p++) {
		bdb_point *point;
		snprintf(name, sizeof name, "BM_%zu", p);
		assert_int_equal(bdb_run_add_point(run, name, &point), 0);
		for (int m = 0; m < 3; m++) {
			bdb_metric *metric;
			double v = from_bits((next_u64() >> 12) | UINT64_C(0x3FF0000000000000));
			snprintf(name, sizeof name, "m%d", m);
			assert_int_equal(bdb_point_add_metric(run, point, name, v, &metric), 0);
		}
	}
	return run;
}

/* The raw `runs` entries of the store at dir: how many 8-byte keys
 * (runs), how many 9-byte ones (pieces of rests), how many runs have an
 * empty whole-page part, and whether every rest's pieces follow their run,
 * numbered 1, 2, 3 at most, each under half a page, after a part of whole
 * pages. */
static size_t empty_parts; /* count_run_entries': runs whose whole-page part is empty */
static size_t split_runs;  /* and runs with a rest */

static void count_run_entries(const char *dir, size_t *whole, size_t *rests, bool *rests_ok)
{
	raw_runs r;
	MDB_cursor *cur;
	MDB_val k, v;
	MDB_stat st;
	raw_runs_begin(&r, dir, MDB_RDONLY);
	assert_int_equal(mdb_env_stat(r.env, &st), 0);
	assert_int_equal(mdb_cursor_open(r.txn, r.dbi, &cur), 0);
	*whole = *rests = empty_parts = split_runs = 0;
	*rests_ok = true;
	size_t last_len = 0;
	unsigned last_piece = 0;
	uint8_t last_key[8] = {0};
	for (int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST); !got;
	     got = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size == 8) {
			(*whole)++;
			last_len = v.mv_size;
			last_piece = 0;
			memcpy(last_key, k.mv_data, 8);
			continue;
		}
		assert_int_equal(k.mv_size, 9);
		(*rests)++;
		unsigned piece = ((const uint8_t *)k.mv_data)[8];
		split_runs += piece == 1;
		empty_parts += piece == 1 && last_len == 0;
		*rests_ok = *rests_ok && memcmp(k.mv_data, last_key, 8) == 0 &&
			    piece == last_piece + 1 && piece <= 3 &&
			    (last_len == 0 || (last_len + 16) % st.ms_psize == 0) &&
			    v.mv_size < st.ms_psize / 2;
		last_piece = piece;
	}
	mdb_cursor_close(cur);
	raw_runs_end(&r);
}

/* Puts an entry under `runs` key k[0..klen) of the store at dir, through
 * LMDB itself. */
static void put_raw_run_entry(const char *dir, const uint8_t *key, size_t klen, const char *val)
{
	raw_runs r;
	raw_runs_begin(&r, dir, 0);
	MDB_val k = {klen, (void *)key}, v = {strlen(val), (void *)val};
	assert_int_equal(mdb_put(r.txn, r.dbi, &k, &v, 0), 0);
	raw_runs_end(&r);
}

/* Stores every split value of the store at dir whole under its run's key,
 * as format 5 did, through LMDB itself. */
static void join_run_values(const char *dir)
{
	raw_runs r;
	MDB_cursor *cur;
	MDB_val k, v;
	raw_runs_begin(&r, dir, 0);
	MDB_txn *txn = r.txn;
	MDB_dbi dbi = r.dbi;
	uint8_t rests[64][9];
	size_t n = 0;
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	for (int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST); !got && n < 64;
	     got = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
		if (k.mv_size == 9)
			memcpy(rests[n++], k.mv_data, 9);
	mdb_cursor_close(cur);
	bdb_buf whole;
	bdb_buf_init(&whole);
	for (size_t i = 0; i < n; i++) {
		MDB_val rk = {9, rests[i]}, rv;
		k = (MDB_val){8, rests[i]};
		assert_int_equal(mdb_get(txn, dbi, &k, &v), 0);
		assert_int_equal(mdb_get(txn, dbi, &rk, &rv), 0);
		bdb_buf_reset(&whole);
		bdb_buf_append(&whole, v.mv_data, v.mv_size);
		bdb_buf_append(&whole, rv.mv_data, rv.mv_size);
		MDB_val nv = {whole.len, whole.data};
		assert_int_equal(mdb_put(txn, dbi, &k, &nv, 0), 0);
		assert_int_equal(mdb_del(txn, dbi, &rk, NULL), 0);
	}
	raw_runs_end(&r);
	bdb_buf_free(&whole);
}

static void count_problem(void *ctx, const char *msg)
{
	(void)msg;
	(*(int *)ctx)++;
}

/* Frames longer than a page are stored as whole pages under the run's key
 * and the rest under key ‖ 01 (docs/storage.md 2.2.1): every run reads
 * back byte for byte, before and after compact; deleting a run deletes
 * both parts; a rest without its run is a problem verify names. */
static void test_long_values_split(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	enum { N = 24 };
	bdb_buf fb[N];
	for (int i = 0; i < N; i++) {
		/* 5 to 8 points, 40 to 80, then 180 to 390: frames of under
		 * 0.3 KB, about 2 to 3 KB, then 4 to 9.5 KB */
		size_t points = i < 4 ? 5 + (size_t)i : i < 8 ? (size_t)i * 10 : 60 + (size_t)i * 15;
		bdb_run *run = wide_run(i, points);
		bdb_buf_init(&fb[i]);
		assert_int_equal(bdb_run_encode(run, &fb[i]), 0);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	assert_verify_clean(s);
	bdb_store_close(s);
	size_t whole, rests;
	bool rests_ok;
	count_run_entries(dir, &whole, &rests, &rests_ok);
	assert_int_equal(whole, N);
	/* the short frames whole, every other one split, some under a page
	 * (its pieces only) */
	assert_true(split_runs >= N - 8 && split_runs <= N - 4);
	assert_true(empty_parts >= 1 && empty_parts <= 4);
	assert_true(rests >= split_runs && rests <= 3 * split_runs);
	assert_true(rests_ok);
	/* Stored whole as format 5 did, they read the same, and compact
	 * splits them again. */
	size_t rests_before = rests;
	join_run_values(dir);
	count_run_entries(dir, &whole, &rests, &rests_ok);
	assert_int_equal(rests, 0);

	s = open_store(dir, 0);
	bdb_buf copy[N];
	for (int i = 0; i < N; i++) {
		bdb_buf_init(&copy[i]);
		bdb_buf_append(&copy[i], fb[i].data, fb[i].len);
	}
	assert_runs_read_back(s, fb, N);
	uint64_t before, after;
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_store_compact(s, &before, &after, &d), 0);
	assert_verify_clean(s);
	assert_runs_read_back(s, copy, N);
	/* Deleting every run with a rest leaves no rest behind. */
	bdb_store_close(s);
	count_run_entries(dir, &whole, &rests, &rests_ok);
	assert_int_equal(rests, rests_before);
	assert_true(rests_ok);
	s = open_store(dir, 0);
	for (int i = 0; i < N; i++)
		assert_int_equal(bdb_store_delete_run(s, (uint64_t)i + 1), 0);
	assert_verify_clean(s);
	bdb_store_close(s);
	count_run_entries(dir, &whole, &rests, &rests_ok);
	assert_int_equal(whole, 0);
	assert_int_equal(rests, 0);

	/* A rest whose run does not exist. */
	uint8_t key[9] = {0, 0, 0, 0, 0, 0, 0, 99, 1};
	put_raw_run_entry(dir, key, sizeof key, "orphan");
	s = open_store(dir, 0);
	int problems = 0;
	size_t n_problems = 0;
	assert_int_equal(bdb_store_verify(s, count_problem, &problems, &n_problems), 0);
	assert_int_equal(problems, 1);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

/* The run log's value read both ways: the strict decode (verify, writes)
 * and the reader's light one agree on every field of a sound value, with
 * the lengths of id and commit; a value whose last byte is not a NUL is
 * refused by both; a NUL inside the branch only the strict one refuses
 * (the light one reads the branch up to it). */
static void test_runlog_light_decode(void **state)
{
	(void)state;
	static const char *const commits[] = {"c0ffee1234", ""};
	for (size_t k = 0; k < 2; k++) {
		bdb_run *run = bdb_run_new();
		assert_non_null(run);
		assert_int_equal(bdb_run_set_id(run, "nightly-17"), 0);
		if (*commits[k])
			assert_int_equal(bdb_run_set_commit(run, commits[k]), 0);
		assert_int_equal(bdb_run_set_branch(run, "main"), 0);
		run->timestamp_us = 1767225600000000;
		bdb_buf v;
		bdb_buf_init(&v);
		assert_int_equal(bdb__runlog_encode(&v, run, 7), 0);
		bdb_run_info a, b;
		assert_int_equal(bdb__runlog_decode(v.data, v.len, 5, &a), 0);
		assert_int_equal(bdb__runlog_decode_light(v.data, v.len, 5, &b), 0);
		assert_string_equal(b.id, "nightly-17");
		assert_int_equal(b.id_len, 10);
		assert_string_equal(b.commit, commits[k]);
		assert_int_equal(b.commit_len, strlen(commits[k]));
		assert_string_equal(b.branch, "main");
		assert_string_equal(a.branch, b.branch);
		assert_int_equal(a.id_len, b.id_len);
		assert_int_equal(a.commit_len, b.commit_len);
		assert_true(a.timestamp_us == b.timestamp_us && b.n_metrics == 7 && b.seq == 5);
		/* The last byte not a NUL: both refuse. */
		uint8_t *d = (uint8_t *)v.data;
		d[v.len - 1] = 'x';
		assert_int_equal(bdb__runlog_decode(v.data, v.len, 5, &a), BDB_ECORRUPT);
		assert_int_equal(bdb__runlog_decode_light(v.data, v.len, 5, &b), BDB_ECORRUPT);
		/* A NUL inside the branch ("ma\0n"): strict refuses, light reads "ma". */
		d[v.len - 1] = 0;
		d[v.len - 3] = 0;
		assert_int_equal(bdb__runlog_decode(v.data, v.len, 5, &a), BDB_ECORRUPT);
		assert_int_equal(bdb__runlog_decode_light(v.data, v.len, 5, &b), 0);
		assert_string_equal(b.branch, "ma");
		bdb_buf_free(&v);
		bdb_run_free(run);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random_runs_round_trip),
	    cmocka_unit_test(test_damaged_doubles_refused),
	    cmocka_unit_test(test_raw_doubles_by_plane),
	    cmocka_unit_test(test_gbench_samples_modelled),
	    cmocka_unit_test(test_damaged_section_refused),
	    cmocka_unit_test(test_unpredictable_samples_plain),
	    cmocka_unit_test(test_format4_values_read),
	    cmocka_unit_test(test_store_keeps_run_bytes),
	    cmocka_unit_test(test_compact_repacks_samples),
	    cmocka_unit_test(test_runlog_light_decode),
	    cmocka_unit_test(test_long_values_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
