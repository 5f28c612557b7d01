/*
 * fuzz_verify.c - harness for stored runs: the bytes of an LMDB value or a
 * .bdbr file go to bdb_run_verify. What it rejects must come with a
 * diagnostic; what it accepts must then be safe to read: every field through
 * the zero-copy accessors, then bdb_run_decode, and the decoded run must
 * encode into a buffer that verifies and decodes to an equal run.
 *
 * The input is copied to the end of an allocation one byte larger and read
 * from offset 1: the buffer is unaligned, as LMDB values are, and ends
 * exactly where the allocation does, so ASan sees any read past it.
 *
 * fuzz_verify_check is also the body of test_verify's seeded mutation test.
 */
#include <string.h>

#include "fuzz.h"
#include "schema.h"

static uint64_t vf_sink; /* keeps the reads from being optimized away */

static void vf_touch(const uint8_t *buf, size_t len, bdb_fb_str s)
{
	if (!s.ptr)
		return;
	FUZZ_CHECK((const char *)buf <= s.ptr && s.ptr + s.len < (const char *)buf + len);
	FUZZ_CHECK(s.ptr[s.len] == '\0');
	vf_sink += strlen(s.ptr); /* stops at the verified NUL at the latest */
}

static void vf_touch_f64(double v)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	vf_sink += bits;
}

static void vf_touch_kvs(const uint8_t *buf, size_t len, bdb_fb_view owner, uint32_t n,
			 void (*get)(bdb_fb_view, uint32_t, bdb_fb_str *, bdb_fb_str *))
{
	for (uint32_t i = 0; i <= n; i++) { /* one past the end reads as absent */
		bdb_fb_str k, v;
		get(owner, i, &k, &v);
		FUZZ_CHECK(i < n || (!k.ptr && !v.ptr));
		vf_touch(buf, len, k);
		vf_touch(buf, len, v);
	}
}

static void vf_walk_metric(const uint8_t *buf, size_t len, bdb_fb_view fm)
{
	double v;
	vf_touch(buf, len, bdb_fb_metric_name(fm));
	vf_touch(buf, len, bdb_fb_metric_unit(fm));
	vf_touch_f64(bdb_fb_metric_value(fm));
	if (bdb_fb_metric_lower(fm, &v))
		vf_touch_f64(v);
	if (bdb_fb_metric_upper(fm, &v))
		vf_touch_f64(v);
	uint32_t n = bdb_fb_metric_n_samples(fm);
	FUZZ_CHECK((uint64_t)n * 8 < len);
	for (uint32_t k = 0; k < n; k++)
		vf_touch_f64(bdb_fb_metric_sample(fm, k));
}

/* Reads every field of an accepted buffer through the accessors. */
static void vf_walk(const uint8_t *buf, size_t len)
{
	bdb_fb_view fr = bdb_fb_run_root(buf, len);
	double v;
	vf_touch(buf, len, bdb_fb_run_id(fr));
	vf_sink += (uint64_t)bdb_fb_run_timestamp(fr);
	vf_touch(buf, len, bdb_fb_run_commit(fr));
	vf_touch(buf, len, bdb_fb_run_branch(fr));
	vf_touch_kvs(buf, len, fr, bdb_fb_run_n_env(fr), bdb_fb_run_env);
	vf_touch_kvs(buf, len, fr, bdb_fb_run_n_meta(fr), bdb_fb_run_meta);
	uint32_t n_defs = bdb_fb_run_n_defs(fr);
	for (uint32_t i = 0; i < n_defs; i++) {
		bdb_fb_view fd = bdb_fb_run_def(fr, i);
		vf_touch(buf, len, bdb_fb_def_name(fd));
		vf_touch(buf, len, bdb_fb_def_unit(fd));
		vf_touch(buf, len, bdb_fb_def_group(fd));
		vf_touch(buf, len, bdb_fb_def_description(fd));
		vf_sink += bdb_fb_def_direction(fd) + bdb_fb_def_priority(fd);
		if (bdb_fb_def_threshold(fd, &v))
			vf_touch_f64(v);
	}
	FUZZ_CHECK(bdb_fb_run_def(fr, n_defs).table == 0);
	uint32_t n_points = bdb_fb_run_n_points(fr);
	for (uint32_t i = 0; i < n_points; i++) {
		bdb_fb_view fp = bdb_fb_run_point(fr, i);
		vf_touch(buf, len, bdb_fb_point_name(fp));
		vf_touch(buf, len, bdb_fb_point_scenario(fp));
		vf_touch_kvs(buf, len, fp, bdb_fb_point_n_tags(fp), bdb_fb_point_tag);
		uint32_t n_metrics = bdb_fb_point_n_metrics(fp);
		for (uint32_t j = 0; j < n_metrics; j++)
			vf_walk_metric(buf, len, bdb_fb_point_metric(fp, j));
		FUZZ_CHECK(bdb_fb_point_metric(fp, n_metrics).table == 0);
	}
	FUZZ_CHECK(bdb_fb_run_point(fr, n_points).table == 0);
}

/* Decodes an accepted buffer; its run must survive encode, verify, decode. */
static void vf_round_trip(const uint8_t *buf, size_t len)
{
	bdb_diag d;
	bdb_run *run;
	int rc = bdb_run_decode(buf, len, &run, &d);
	FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
	if (!rc) {
		fuzz_check_encodes(run);
		bdb_run_free(run);
	}
}

int fuzz_verify_check(const uint8_t *data, size_t size)
{
	uint8_t *block = malloc(size + 1);
	if (!block)
		return 0;
	uint8_t *buf = block + 1;
	if (size)
		memcpy(buf, data, size);
	bdb_diag d;
	bdb_diag_clear(&d);
	int accepted = bdb_run_verify(buf, size, &d) == 0;
	if (!accepted) {
		FUZZ_CHECK(d.code == BDB_EVERIFY && d.message[0]);
	} else {
		vf_walk(buf, size);
		vf_round_trip(buf, size);
	}
	free(block);
	return accepted;
}

int fuzz_verify(const uint8_t *data, size_t size)
{
	fuzz_verify_check(data, size);
	return 0;
}

FUZZ_ENTRY(fuzz_verify)
