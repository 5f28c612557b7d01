/*
 * test_runpack.c - the run values' packed doubles (engine/runpack.c,
 * docs/storage.md 2.2.1) as a property: for random runs (short decimals as
 * tools write them, specials ingest refuses such as NaNs with payloads and
 * infinities, -0, subnormals, the largest doubles; bounds and samples on
 * some metrics), taking the metric doubles out of the FlatBuffer and
 * putting them back gives the FlatBuffer's exact bytes; the doubles are
 * found where the schema says (bdb_fb_run_doubles); every cut of a packed
 * content is refused. Then through a store: every run read back
 * (bdb_reader_run_buffer) is byte for byte what bdb_run_encode wrote.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void test_random_runs_round_trip(void **state)
{
	(void)state;
	bdb_buf fb, content, cut;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	bdb_buf_init(&cut);
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
		 * least, then the length. */
		assert_true(content.len >= fb.len + 2 * n + 4);
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
	bdb_buf_free(&fb);
	bdb_buf_free(&content);
	bdb_buf_free(&cut);
}

/* A packed content with a damaged double is refused: an exponent past 22,
 * a raw double of 7 bytes, a decimal integer with a zero top byte. */
static void test_damaged_doubles_refused(void **state)
{
	(void)state;
	bdb_run *run = bdb_run_new();
	bdb_point *p;
	bdb_metric *m;
	assert_int_equal(bdb_run_set_id(run, "r"), 0);
	assert_int_equal(bdb_run_add_point(run, "a", &p), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "time", 600.25, &m), 0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	assert_int_equal(bdb_run_encode(run, &fb), 0);
	bool packed;
	assert_int_equal(bdb__run_content(fb.data, fb.len, &content, &packed), 0);
	assert_true(packed);
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
	bdb_run *run = bdb_run_new();
	bdb_point *p;
	bdb_metric *m;
	double v = 0.1 + 0.2;
	assert_int_equal(bdb_run_set_id(run, "r"), 0);
	assert_int_equal(bdb_run_add_point(run, "a", &p), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "t", v, &m), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "u", -v, &m), 0);
	bdb_buf fb, content;
	bdb_buf_init(&fb);
	bdb_buf_init(&content);
	assert_int_equal(bdb_run_encode(run, &fb), 0);
	bool packed;
	assert_int_equal(bdb__run_content(fb.data, fb.len, &content, &packed), 0);
	assert_true(packed);
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
	for (int i = 0; i < N; i++) {
		bdb_run *run = random_run(i, true);
		bdb_buf_init(&fb[i]);
		assert_int_equal(bdb_run_encode(run, &fb[i]), 0);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	assert_verify_clean(s);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	for (int i = 0; i < N; i++) {
		const void *buf;
		size_t len;
		assert_int_equal(bdb_reader_run_buffer(r, (uint64_t)i + 1, &buf, &len), 0);
		assert_int_equal(len, fb[i].len);
		assert_memory_equal(buf, fb[i].data, len);
		bdb_buf_free(&fb[i]);
	}
	bdb_reader_end(r);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random_runs_round_trip),
	    cmocka_unit_test(test_damaged_doubles_refused),
	    cmocka_unit_test(test_raw_doubles_by_plane),
	    cmocka_unit_test(test_store_keeps_run_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
