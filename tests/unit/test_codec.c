/*
 * test_codec.c - the FlatBuffers codec: encode -> verify -> decode round
 * trips, the zero-copy accessors, the exact bytes of a minimal run, shared
 * strings and vtables, unaligned buffers, and the encoder's errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the four headers it needs */

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/sample_runs.h"
#include "schema.h"

/*
 * Encodes run, verifies, checks every accessor against the run, decodes and
 * checks the decoded run equals the original. Returns the encoded size.
 */
static size_t round_trip(bdb_run *run)
{
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_run_verify(buf, len, &d), 0);
	assert_int_equal(len % 4, 0);
	assert_memory_equal((char *)buf + 4, "BDBR", 4);
	assert_buffer_holds_run(buf, len, run);
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, &d), 0);
	assert_true(bdb_run_equal(run, back));
	/* Re-encoding the decoded run gives the same bytes. */
	size_t len2;
	void *buf2 = encode_exact(back, &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(buf2, buf, len);
	free(buf2);
	bdb_run_free(back);
	free(buf);
	bdb_run_free(run);
	return len;
}

static void test_empty_run(void **state)
{
	(void)state;
	bdb_run *run = sample_run_empty();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	assert_int_equal(bdb_fb_run_id(fr).len, 1);
	assert_string_equal(bdb_fb_run_id(fr).ptr, "x");
	assert_null(bdb_fb_run_commit(fr).ptr);
	assert_null(bdb_fb_run_branch(fr).ptr);
	assert_true(bdb_fb_run_timestamp(fr) == 0);
	assert_int_equal(bdb_fb_run_n_points(fr), 0);
	assert_int_equal(bdb_fb_run_n_env(fr), 0);
	assert_int_equal(bdb_fb_run_n_defs(fr), 0);
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, NULL), 0);
	assert_string_equal(back->id, "x");
	assert_null(back->commit);
	assert_null(back->branch);
	assert_int_equal(back->n_points, 0);
	bdb_run_free(back);
	free(buf);
	/* 32 bytes: computed by hand in test_minimal_run_bytes. */
	assert_int_equal(round_trip(run), 32);
}

/*
 * The run {"id": "x"} byte for byte, laid out by hand from the FlatBuffers
 * binary format; `flatc -b schema/run.fbs` writes the same 32 bytes for that
 * JSON (checked by test_conformance).
 */
static void test_minimal_run_bytes(void **state)
{
	(void)state;
	/* clang-format off */
	static const uint8_t want[32] = {
		16, 0, 0, 0,              /* 0: root uoffset -> table at 16 */
		'B', 'D', 'B', 'R',       /* 4: file identifier */
		0, 0,                     /* 8: padding */
		6, 0, 8, 0, 4, 0,         /* 10: vtable: 6 bytes, table 8 bytes, id at +4 */
		6, 0, 0, 0,               /* 16: table: soffset 6 -> vtable at 10 */
		4, 0, 0, 0,               /* 20: id uoffset -> string at 24 */
		1, 0, 0, 0, 'x', 0, 0, 0, /* 24: length 1, "x", NUL, padding */
	};
	/* clang-format on */
	bdb_run *run = sample_run_empty();
	size_t len;
	void *buf = encode_exact(run, &len);
	assert_int_equal(len, sizeof want);
	assert_memory_equal(buf, want, sizeof want);
	free(buf);
	bdb_run_free(run);
}

static void test_unicode(void **state)
{
	(void)state;
	bdb_run *run = sample_run_unicode();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fp = bdb_fb_run_point(bdb_fb_run_root(buf, len), 0);
	bdb_fb_str name = bdb_fb_point_name(fp);
	/* "ベンチ/naïve café": 9 bytes of katakana, "/", 12 bytes of Latin. */
	assert_int_equal(name.len, 22);
	assert_string_equal(name.ptr,
			    "\xe3\x83\x99\xe3\x83\xb3\xe3\x83\x81/na\xc3\xafve caf\xc3\xa9");
	bdb_fb_str k, v;
	bdb_fb_point_tag(fp, 1, &k, &v); /* sorted by bytes: "backend" < U+1F525 */
	assert_string_equal(k.ptr, "\xf0\x9f\x94\xa5");
	assert_int_equal(v.len, 8);
	free(buf);
	round_trip(run);
}

static void test_ten_thousand_points(void **state)
{
	(void)state;
	bdb_run *run = sample_run_points(10000);
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	assert_int_equal(bdb_fb_run_n_points(fr), 10000);
	bdb_fb_view last = bdb_fb_run_point(fr, 9999);
	assert_string_equal(bdb_fb_point_name(last).ptr, "bench/09999");
	assert_true(bdb_fb_metric_value(bdb_fb_point_metric(last, 0)) == 1.0 + 0.25 * 9999);
	assert_true(bdb_fb_metric_value(bdb_fb_point_metric(last, 1)) == 1e6 - 9999);
	free(buf);
	/*
	 * 92 bytes per point: Point table 16, its name 16, metric vector 12,
	 * two Metric tables 48 (20 bytes each, 8-aligned). Tag keys and values,
	 * metric names and units are shared strings; the KeyValue tables made
	 * of them and the tag vectors are shared too (14 tag sets: framework x2,
	 * size x7, all in the first 14 points) and all vtables are shared, so
	 * they cost nothing per point; 552 bytes are the Run, its vtables, the
	 * nine KeyValue tables, the 14 tag vectors and alignment (measured: 14
	 * points take 1,840 bytes, 100 take 9,752, 92 more per point).
	 */
	assert_int_equal(round_trip(run), 10000 * 92 + 552);
}

static void test_samples(void **state)
{
	(void)state;
	bdb_run *run = sample_run_samples();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fp = bdb_fb_run_point(bdb_fb_run_root(buf, len), 0);
	bdb_fb_view big = bdb_fb_point_metric(fp, 3);
	assert_string_equal(bdb_fb_metric_name(big).ptr, "m1000");
	assert_int_equal(bdb_fb_metric_n_samples(big), 1000);
	/* sample i of metric k (1-based) is k * 1000 + i / 2 - 3.125 */
	assert_true(bdb_fb_metric_sample(big, 0) == 3996.875);
	assert_true(bdb_fb_metric_sample(big, 999) == 4496.375);
	assert_true(bdb_fb_metric_sample(big, 1000) == 0.0); /* past the end */
	assert_int_equal(bdb_fb_metric_n_samples(bdb_fb_point_metric(fp, 0)), 1);
	free(buf);
	round_trip(run);
}

static void test_missing_optionals_versus_zeros(void **state)
{
	(void)state;
	bdb_run *run = sample_run_optionals();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	bdb_fb_view fp = bdb_fb_run_point(fr, 0);
	double v = 99.0;
	bdb_fb_view absent = bdb_fb_point_metric(fp, 0);
	assert_false(bdb_fb_metric_lower(absent, &v));
	assert_true(v == 0.0);
	assert_false(bdb_fb_metric_upper(absent, &v));
	assert_null(bdb_fb_metric_unit(absent).ptr);
	bdb_fb_view zeros = bdb_fb_point_metric(fp, 1);
	v = 99.0;
	assert_true(bdb_fb_metric_lower(zeros, &v));
	assert_true(v == 0.0);
	assert_true(bdb_fb_metric_upper(zeros, &v));
	assert_int_equal(bdb_fb_metric_unit(zeros).len, 0); /* "" is not absent */
	assert_non_null(bdb_fb_metric_unit(zeros).ptr);
	assert_true(bdb_fb_metric_lower(bdb_fb_point_metric(fp, 2), &v));
	assert_false(bdb_fb_metric_upper(bdb_fb_point_metric(fp, 2), &v));
	assert_false(bdb_fb_metric_lower(bdb_fb_point_metric(fp, 3), &v));
	assert_true(bdb_fb_metric_upper(bdb_fb_point_metric(fp, 3), &v));
	assert_true(bdb_fb_def_threshold(bdb_fb_run_def(fr, 0), &v));
	assert_true(v == 0.0);
	assert_false(bdb_fb_def_threshold(bdb_fb_run_def(fr, 1), &v));
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, NULL), 0);
	assert_false(back->points[0].metrics[0].has_lower);
	assert_true(back->points[0].metrics[1].has_lower);
	assert_true(back->points[0].metrics[1].has_upper);
	assert_true(back->defs[0].has_threshold);
	assert_false(back->defs[1].has_threshold);
	bdb_run_free(back);
	free(buf);
	round_trip(run);
}

static void test_extreme_doubles(void **state)
{
	(void)state;
	bdb_run *run = sample_run_extremes(SAMPLE_TINY | SAMPLE_NONFINITE);
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, NULL), 0);
	assert_true(back->timestamp_us == INT64_MIN);
	const bdb_point *p = &back->points[0];
	/* bdb_run_equal treats -0.0 as 0.0: check the sign bit itself. */
	const bdb_metric *m = bdb_point_find_metric(p, "neg_zero");
	assert_true(m->value == 0.0 && signbit(m->value));
	assert_true(signbit(m->lower) && !signbit(m->upper));
	assert_true(bdb_point_find_metric(p, "denormal_min")->value == ldexp(1.0, -1074));
	assert_true(bdb_point_find_metric(p, "dbl_max")->value == DBL_MAX);
	assert_true(bdb_point_find_metric(p, "neg_two_53")->value == -9007199254740992.0);
	assert_true(isnan(bdb_point_find_metric(p, "nan")->value));
	assert_true(isinf(bdb_point_find_metric(p, "neg_inf")->value));
	assert_true(bdb_point_find_metric(p, "neg_inf")->value < 0);
	const bdb_metric *all = bdb_point_find_metric(p, "all");
	assert_int_equal(all->n_samples, 15);
	assert_true(signbit(all->samples[0]));
	assert_true(back->defs[0].has_threshold && signbit(back->defs[0].threshold));
	bdb_run_free(back);
	free(buf);
	round_trip(run);
}

static void test_full_schema(void **state)
{
	(void)state;
	bdb_run *run = sample_run_full();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	assert_true(bdb_fb_run_timestamp(fr) == 1769860800000000);
	assert_string_equal(bdb_fb_run_branch(fr).ptr, "main");
	assert_int_equal(bdb_fb_run_n_env(fr), 3);
	bdb_fb_str k, v;
	bdb_fb_run_env(fr, 0, &k, &v); /* sorted: cpu, empty, os */
	assert_string_equal(k.ptr, "cpu");
	assert_string_equal(v.ptr, "x86_64");
	bdb_fb_run_env(fr, 1, &k, &v);
	assert_int_equal(v.len, 0);
	bdb_fb_run_meta(fr, 0, &k, &v);
	assert_string_equal(v.ptr, "github");
	assert_int_equal(bdb_fb_run_n_defs(fr), 3);
	bdb_fb_view def = bdb_fb_run_def(fr, 0);
	assert_string_equal(bdb_fb_def_name(def).ptr, "throughput");
	assert_string_equal(bdb_fb_def_group(def).ptr, "speed");
	assert_string_equal(bdb_fb_def_description(def).ptr, "items processed per second");
	assert_int_equal(bdb_fb_def_direction(def), BDB_HIGHER);
	double t;
	assert_true(bdb_fb_def_threshold(def, &t) && t == 7.5);
	def = bdb_fb_run_def(fr, 1);
	assert_int_equal(bdb_fb_def_direction(def), BDB_LOWER);
	assert_int_equal(bdb_fb_def_priority(def), BDB_SECONDARY);
	assert_null(bdb_fb_def_group(def).ptr);
	assert_int_equal(bdb_fb_def_direction(bdb_fb_run_def(fr, 2)), BDB_INFO);
	bdb_fb_view p1 = bdb_fb_run_point(fr, 1);
	assert_null(bdb_fb_point_scenario(p1).ptr);
	assert_string_equal(bdb_fb_point_scenario(bdb_fb_run_point(fr, 2)).ptr, "warm");
	bdb_fb_view tp = bdb_fb_point_metric(p1, 0);
	assert_true(bdb_fb_metric_value(tp) == 3001.0);
	assert_true(bdb_fb_metric_lower(tp, &t) && t == 2800.5);
	assert_true(bdb_fb_metric_upper(tp, &t) && t == 3201.5);
	free(buf);
	round_trip(run);
}

/* Out-of-range indexes and absent tables read as absent, never out of bounds. */
static void test_accessors_out_of_range(void **state)
{
	(void)state;
	bdb_run *run = sample_run_full();
	size_t len;
	void *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	bdb_fb_view none = bdb_fb_run_point(fr, 3);
	assert_int_equal(none.table, 0);
	assert_null(bdb_fb_point_name(none).ptr);
	assert_int_equal(bdb_fb_point_n_metrics(none), 0);
	bdb_fb_view m = bdb_fb_point_metric(none, 0);
	assert_int_equal(m.table, 0);
	assert_true(bdb_fb_metric_value(m) == 0.0);
	double v = 5;
	assert_false(bdb_fb_metric_lower(m, &v));
	assert_int_equal(bdb_fb_run_def(fr, 99).table, 0);
	bdb_fb_str k, val;
	bdb_fb_run_env(fr, 3, &k, &val);
	assert_null(k.ptr);
	assert_null(val.ptr);
	free(buf);
	bdb_run_free(run);
}

/* Metric names and units are stored once; equal metric shapes share a vtable. */
static void test_shared_strings_and_vtables(void **state)
{
	(void)state;
	bdb_run *run = sample_run_points(3);
	size_t len;
	uint8_t *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	bdb_fb_view m0 = bdb_fb_point_metric(bdb_fb_run_point(fr, 0), 0);
	bdb_fb_view m2 = bdb_fb_point_metric(bdb_fb_run_point(fr, 2), 0);
	assert_ptr_equal(bdb_fb_metric_name(m0).ptr, bdb_fb_metric_name(m2).ptr);
	assert_ptr_equal(bdb_fb_metric_unit(m0).ptr, bdb_fb_metric_unit(m2).ptr);
	int32_t s0, s2; /* vtable = table - soffset */
	memcpy(&s0, buf + m0.table, 4);
	memcpy(&s2, buf + m2.table, 4);
	assert_int_equal((int64_t)m0.table - s0, (int64_t)m2.table - s2);
	/* Elements are laid out in index order. */
	assert_true(bdb_fb_run_point(fr, 0).table < bdb_fb_run_point(fr, 1).table);
	free(buf);
	bdb_run_free(run);
}

/* Equal Metric tables without samples are written once; any difference
 * (a bound, the sign of zero, samples) keeps them apart. */
static void test_shared_metric_tables(void **state)
{
	(void)state;
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, "shared"), 0);
	static const double zero = 0.0, samples[] = {5.0};
	const double values[] = {5.0, 5.0, 5.0, -zero, zero, zero, 5.0};
	for (size_t i = 0; i < 7; i++) {
		bdb_point *p;
		bdb_metric *m;
		static const char *const names[] = {"p0", "p1", "p2", "p3", "p4", "p5", "p6"};
		assert_int_equal(bdb_run_add_point(run, names[i], &p), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "k", "v"), 0);
		assert_int_equal(bdb_point_add_metric(run, p, "n", values[i], &m), 0);
		assert_int_equal(bdb_metric_set_unit(run, m, "x"), 0);
		if (i == 2) {
			m->has_lower = true;
			m->lower = 5.0;
		}
		if (i == 6)
			assert_int_equal(bdb_metric_set_samples(run, m, samples, 1), 0);
	}
	size_t len;
	uint8_t *buf = encode_exact(run, &len);
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	uint32_t t[7];
	for (size_t i = 0; i < 7; i++)
		t[i] = bdb_fb_point_metric(bdb_fb_run_point(fr, i), 0).table;
	assert_int_equal(t[0], t[1]); /* 5.0 twice */
	assert_int_equal(t[4], t[5]); /* +0.0 (value absent) twice */
	assert_true(t[2] != t[0]);    /* a lower bound */
	assert_true(t[3] != t[4]);    /* -0.0 is not +0.0 */
	assert_true(t[6] != t[0]);    /* samples are never shared */
	free(buf);
	/* A unit equal to the definition's is left out and read back from it. */
	bdb_metric_def *def;
	assert_int_equal(bdb_run_add_def(run, "n", &def), 0);
	def->unit = bdb_run_strdup(run, "x");
	buf = encode_exact(run, &len);
	fr = bdb_fb_run_root(buf, len);
	assert_null(bdb_fb_metric_unit(bdb_fb_point_metric(bdb_fb_run_point(fr, 0), 0)).ptr);
	bdb_run *back;
	assert_int_equal(bdb_run_decode(buf, len, &back, NULL), 0);
	assert_string_equal(back->points[0].metrics[0].unit, "x");
	bdb_run_free(back);
	free(buf);
	/* Every value reads back as written, -0.0 included (frees run). */
	round_trip(run);
}

/* n points named "x" with the first n_tags of four tags and n_metrics
 * equal metrics: every table but the points' can be shared. */
static bdb_run *repeated_points_run(size_t n, size_t n_tags, size_t n_metrics)
{
	static const char *const keys[] = {"a", "b", "c", "d"};
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, "repeated"), 0);
	for (size_t i = 0; i < n; i++) {
		bdb_point *p;
		bdb_metric *m;
		assert_int_equal(bdb_run_add_point(run, "x", &p), 0);
		for (size_t t = 0; t < n_tags; t++)
			assert_int_equal(bdb_point_set_tag(run, p, keys[t], "v"), 0);
		for (size_t j = 0; j < n_metrics; j++)
			assert_int_equal(bdb_point_add_metric(run, p, keys[j], 1.0, &m), 0);
	}
	return run;
}

/*
 * Points with equal tags share their tags vector while the verifier's
 * budget of len / 4 table visits allows it (at most 2 tags, 4 with
 * metrics; fb_build.c build_tags): the densest buffers we can write, where
 * a point is little more than its own table, still verify.
 */
static void test_shared_tag_vectors_verify(void **state)
{
	(void)state;
	size_t n = 4000;
	/* 2 tags, no metrics: slot 4 + table 12 (soffset, name, tags) per point. */
	size_t len = round_trip(repeated_points_run(n, 2, 0));
	assert_true(len <= n * 16 + 256);
	/* 4 tags, 1 metric: slot 4 + table 16 + metric vector 8 per point. */
	len = round_trip(repeated_points_run(n, 4, 1));
	assert_true(len <= n * 28 + 256);
	/* 3 tags without metrics: not shared, each point writes its tags vector
	 * (16 bytes) too. */
	len = round_trip(repeated_points_run(n, 3, 0));
	assert_true(len >= n * 28);
}

/* LMDB values have no alignment: every read must work at any address. */
static void test_unaligned_buffer(void **state)
{
	(void)state;
	bdb_run *run = sample_run_samples();
	size_t len;
	void *buf = encode_exact(run, &len);
	char *mem = malloc(len + 7);
	assert_non_null(mem);
	for (size_t shift = 1; shift < 8; shift++) {
		memcpy(mem + shift, buf, len);
		assert_buffer_holds_run(mem + shift, len, run);
		bdb_run *back;
		assert_int_equal(bdb_run_decode(mem + shift, len, &back, NULL), 0);
		assert_true(bdb_run_equal(run, back));
		bdb_run_free(back);
	}
	free(mem);
	free(buf);
	bdb_run_free(run);
}

/* bdb_run_encode appends: what the buffer held before stays. */
static void test_encode_appends(void **state)
{
	(void)state;
	bdb_run *run = sample_run_empty();
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_puts(&b, "key:");
	assert_int_equal(bdb_run_encode(run, &b), 0);
	assert_int_equal(b.len, 4 + 32);
	assert_memory_equal(b.data, "key:", 4);
	assert_int_equal(bdb_run_verify(b.data + 4, 32, NULL), 0);
	bdb_run_free(run);
	/* A large run behind a prefix: the builder's space grows (and moves)
	 * many times inside the buffer; the result is the same bytes. */
	run = sample_run_points(2000);
	size_t len;
	void *alone = encode_exact(run, &len);
	assert_int_equal(bdb_run_encode(run, &b), 0);
	assert_int_equal(b.len, 36 + len);
	assert_memory_equal(b.data, "key:", 4);
	assert_memory_equal(b.data + 36, alone, len);
	assert_int_equal(b.data[b.len], '\0');
	/* Reused after a reset: no stale bytes leak into the next encoding. */
	bdb_buf_reset(&b);
	assert_int_equal(bdb_run_encode(run, &b), 0);
	assert_int_equal(b.len, len);
	assert_memory_equal(b.data, alone, len);
	free(alone);
	bdb_buf_free(&b);
	bdb_run_free(run);
}

static void test_encode_errors(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_run *run = bdb_run_new();
	assert_int_equal(bdb_run_encode(run, &b), BDB_EINVAL); /* no id */
	assert_int_equal(b.len, 0);
	bdb_run_set_id(run, "r");
	bdb_metric_def *def;
	bdb_run_add_def(run, "m", &def);
	def->direction = (bdb_direction)3;
	assert_int_equal(bdb_run_encode(run, &b), BDB_EINVAL);
	def->direction = BDB_INFO;
	def->priority = (bdb_priority)2;
	assert_int_equal(bdb_run_encode(run, &b), BDB_EINVAL);
	def->priority = BDB_SECONDARY;
	assert_int_equal(bdb_run_encode(run, &b), 0);
	bdb_buf_free(&b);
	bdb_run_free(run);
}

static void test_decode_rejects_garbage(void **state)
{
	(void)state;
	bdb_run *back = (bdb_run *)&back; /* must be reset to NULL */
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_run_decode("not a flatbuffer", 16, &back, &d), BDB_EVERIFY);
	assert_null(back);
	assert_int_equal(d.code, BDB_EVERIFY);
	assert_string_equal(d.message,
			    "run buffer (16 bytes): file identifier is not \"BDBR\" at byte 4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_run),
	    cmocka_unit_test(test_minimal_run_bytes),
	    cmocka_unit_test(test_unicode),
	    cmocka_unit_test(test_ten_thousand_points),
	    cmocka_unit_test(test_samples),
	    cmocka_unit_test(test_missing_optionals_versus_zeros),
	    cmocka_unit_test(test_extreme_doubles),
	    cmocka_unit_test(test_full_schema),
	    cmocka_unit_test(test_accessors_out_of_range),
	    cmocka_unit_test(test_shared_strings_and_vtables),
	    cmocka_unit_test(test_shared_metric_tables),
	    cmocka_unit_test(test_shared_tag_vectors_verify),
	    cmocka_unit_test(test_unaligned_buffer),
	    cmocka_unit_test(test_encode_appends),
	    cmocka_unit_test(test_encode_errors),
	    cmocka_unit_test(test_decode_rejects_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
