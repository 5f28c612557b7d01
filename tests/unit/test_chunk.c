/*
 * test_chunk.c - the observation chunk codec (engine/chunk.c,
 * docs/storage.md 2.8) as a property: encode then decode returns every
 * field bit for bit, for values ingest refuses (NaNs with payloads,
 * infinities) as well as -0, subnormals, the largest doubles and random
 * bits; for times at the ends of int64 and random steps; for sequence
 * numbers up to 32 bits; with bounds and sample counts present on some
 * observations only. Then what the decoder must refuse: every cut of a
 * valid chunk, a count past the limit, observations out of order, flags
 * it does not know, trailing bytes.
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

#include "internal.h"

/* xorshift64*: a fixed seed, so a failure repeats. */
static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t next_u64(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static double from_bits(uint64_t b)
{
	double v;
	memcpy(&v, &b, 8);
	return v;
}

static uint64_t to_bits(double v)
{
	uint64_t b;
	memcpy(&b, &v, 8);
	return b;
}

/* The doubles the codec must keep exact, ingest's or not. */
static const uint64_t special_bits[] = {
    UINT64_C(0x0000000000000000), /* +0 */
    UINT64_C(0x8000000000000000), /* -0 */
    UINT64_C(0x0000000000000001), /* the smallest subnormal */
    UINT64_C(0x800FFFFFFFFFFFFF), /* the largest negative subnormal */
    UINT64_C(0x0010000000000000), /* DBL_MIN */
    UINT64_C(0x7FEFFFFFFFFFFFFF), /* DBL_MAX */
    UINT64_C(0xFFEFFFFFFFFFFFFF), /* -DBL_MAX */
    UINT64_C(0x7FF0000000000000), /* +inf */
    UINT64_C(0xFFF0000000000000), /* -inf */
    UINT64_C(0x7FF8000000000000), /* the quiet NaN */
    UINT64_C(0x7FF0000000000001), /* a signalling NaN with payload 1 */
    UINT64_C(0xFFFDEADBEEF12345), /* a negative NaN with a payload */
    UINT64_C(0x3FF0000000000000), /* 1.0 */
    UINT64_C(0x3FF0000000000001), /* 1.0 plus one ulp */
};
#define N_SPECIAL (sizeof special_bits / sizeof *special_bits)

/* A value: a special one, random bits, or a noisy level (the usual case). */
static double some_value(double level)
{
	switch (next_u64() % 4) {
	case 0:
		return from_bits(special_bits[next_u64() % N_SPECIAL]);
	case 1:
		return from_bits(next_u64());
	default:
		return level * (1 + (double)(next_u64() % 1000) / 1e5);
	}
}

static void assert_same_obs(const bdb_obs *a, const bdb_obs *b)
{
	assert_int_equal(a->timestamp_us, b->timestamp_us);
	assert_int_equal(a->run_seq, b->run_seq);
	assert_int_equal(to_bits(a->value), to_bits(b->value));
	assert_int_equal(a->has_lower, b->has_lower);
	assert_int_equal(a->has_upper, b->has_upper);
	if (a->has_lower)
		assert_int_equal(to_bits(a->lower), to_bits(b->lower));
	else
		assert_int_equal(to_bits(b->lower), 0);
	if (a->has_upper)
		assert_int_equal(to_bits(a->upper), to_bits(b->upper));
	else
		assert_int_equal(to_bits(b->upper), 0);
	assert_int_equal(a->n_samples, b->n_samples);
}

/* Encodes obs[0..n), decodes, compares every field; returns the bytes. */
static size_t round_trip(const bdb_obs *obs, size_t n)
{
	bdb_buf out;
	bdb_buf_init(&out);
	assert_int_equal(bdb__chunk_encode(&out, obs, n), 0);
	bdb_obs back[BDB__CHUNK_OBS];
	size_t got = 0, count = 0;
	assert_int_equal(bdb__chunk_decode(out.data, out.len, back, &got), 0);
	assert_int_equal(got, n);
	assert_int_equal(bdb__chunk_count(out.data, out.len, &count), 0);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++)
		assert_same_obs(&obs[i], &back[i]);
	/* Every shorter prefix is refused (the stream is cut). */
	for (size_t cut = 0; cut < out.len; cut++)
		assert_int_equal(bdb__chunk_decode(out.data, cut, back, &got), BDB_ECORRUPT);
	size_t len = out.len;
	bdb_buf_free(&out);
	return len;
}

/* A random chunk of n observations, strictly increasing in (time, seq). */
static void random_chunk(bdb_obs *obs, size_t n, bool extras)
{
	int64_t t = (int64_t)next_u64();
	uint64_t seq = next_u64() % 1000;
	double level = from_bits((next_u64() & UINT64_C(0x000FFFFFFFFFFFFF)) |
				 UINT64_C(0x3FF0000000000000)) *
		       (double)(next_u64() % 1000000);
	/* Leave room so that times do not pass INT64_MAX. */
	if (t > INT64_MAX / 2)
		t /= 2;
	for (size_t i = 0; i < n; i++) {
		bdb_obs *o = &obs[i];
		memset(o, 0, sizeof *o);
		switch (next_u64() % 4) {
		case 0: /* the same time, a later run */
			break;
		case 1: /* a steady step */
			t += 86400000000;
			break;
		default: /* a jittered step */
			t += 86400000000 + (int64_t)(next_u64() % 7200000000);
		}
		seq += i == 0 ? 0 : 1 + (next_u64() % 3 == 0 ? next_u64() % 100000 : 0);
		if (seq > BDB__MAX_SEQ)
			seq = BDB__MAX_SEQ - (n - i);
		o->timestamp_us = t;
		o->run_seq = seq;
		o->value = some_value(level);
		if (extras && next_u64() % 2) {
			o->has_lower = true;
			o->lower = next_u64() % 3 ? o->value * 0.99 : some_value(level);
		}
		if (extras && next_u64() % 2) {
			o->has_upper = true;
			o->upper = next_u64() % 3 ? o->value * 1.01 : some_value(level);
		}
		if (extras && next_u64() % 3 == 0)
			o->n_samples = next_u64() % 4 ? (uint32_t)(next_u64() % 50) : UINT32_MAX;
	}
}

static void test_random_chunks_round_trip(void **state)
{
	(void)state;
	static bdb_obs obs[BDB__CHUNK_OBS];
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + next_u64() % BDB__CHUNK_OBS;
		random_chunk(obs, n, round % 2 == 1);
		round_trip(obs, n);
	}
}

/* Every special double as value, lower and upper, next to every other. */
static void test_special_values_round_trip(void **state)
{
	(void)state;
	bdb_obs obs[N_SPECIAL * N_SPECIAL];
	size_t n = 0;
	for (size_t i = 0; i < N_SPECIAL; i++)
		for (size_t j = 0; j < N_SPECIAL; j++, n++) {
			obs[n] = (bdb_obs){.timestamp_us = (int64_t)n, .run_seq = n + 1};
			obs[n].value = from_bits(special_bits[i]);
			obs[n].has_lower = true;
			obs[n].lower = from_bits(special_bits[j]);
			obs[n].has_upper = j % 2;
			obs[n].upper = obs[n].has_upper ? from_bits(special_bits[(i + j) % N_SPECIAL])
							: 0;
		}
	for (size_t at = 0; at < n; at += BDB__CHUNK_OBS)
		round_trip(obs + at, n - at < BDB__CHUNK_OBS ? n - at : BDB__CHUNK_OBS);
}

/* Times at both ends of int64 and sequence numbers at both ends of 32 bits. */
static void test_extreme_times_and_seqs(void **state)
{
	(void)state;
	bdb_obs obs[4] = {
	    {.timestamp_us = INT64_MIN, .run_seq = 0, .value = 1},
	    {.timestamp_us = INT64_MIN, .run_seq = BDB__MAX_SEQ, .value = -1},
	    {.timestamp_us = 0, .run_seq = 1, .value = 0.5},
	    {.timestamp_us = INT64_MAX, .run_seq = 2, .value = 2},
	};
	round_trip(obs, 4);
	round_trip(obs + 3, 1);
}

/* The usual series: a daily run, a value with 1 % noise, one chunk of 128.
 * The stream is far below the 16 bytes of a time and a value. */
static void test_steady_series_is_small(void **state)
{
	(void)state;
	bdb_obs obs[BDB__CHUNK_OBS];
	for (size_t i = 0; i < BDB__CHUNK_OBS; i++)
		obs[i] = (bdb_obs){.timestamp_us = 1700000000000000 + (int64_t)i * 86400000000,
				   .run_seq = 10 + i,
				   .value = 1000.0 + (double)(i % 10)};
	size_t len = round_trip(obs, BDB__CHUNK_OBS);
	/* 2 header bytes, 20 for the first observation, then per observation
	 * 1 bit of time, 1 of seq and a small XOR: well under 4 bytes each. */
	assert_true(len < 22 + 4 * (BDB__CHUNK_OBS - 1));
}

static void test_decoder_refuses(void **state)
{
	(void)state;
	bdb_obs obs[3] = {
	    {.timestamp_us = 10, .run_seq = 1, .value = 1},
	    {.timestamp_us = 20, .run_seq = 2, .value = 2},
	    {.timestamp_us = 30, .run_seq = 3, .value = 3},
	};
	bdb_buf out;
	bdb_buf_init(&out);
	assert_int_equal(bdb__chunk_encode(&out, obs, 3), 0);
	bdb_obs back[BDB__CHUNK_OBS];
	size_t n;
	uint8_t *b = (uint8_t *)out.data;
	/* An unknown flag. */
	b[0] = 8;
	assert_int_equal(bdb__chunk_decode(b, out.len, back, &n), BDB_ECORRUPT);
	b[0] = 0;
	/* A count past the stream (a few more would decode from the zero
	 * padding: three zero bits are an observation like the last). */
	b[1] = 60;
	assert_int_equal(bdb__chunk_decode(b, out.len, back, &n), BDB_ECORRUPT);
	/* A count past the limit. */
	b[1] = BDB__CHUNK_OBS;
	assert_int_equal(bdb__chunk_decode(b, out.len, back, &n), BDB_ECORRUPT);
	assert_int_equal(bdb__chunk_count(b, out.len, &n), BDB_ECORRUPT);
	b[1] = 2;
	/* A trailing byte. */
	bdb_buf_putc(&out, 0);
	b = (uint8_t *)out.data;
	assert_int_equal(bdb__chunk_decode(b, out.len, back, &n), BDB_ECORRUPT);
	out.len--;
	assert_int_equal(bdb__chunk_decode(b, out.len, back, &n), 0);
	assert_int_equal(n, 3);
	bdb_buf_free(&out);
	/* Out of order: the same (time, seq) twice, and time going back. */
	bdb_buf_init(&out);
	obs[1] = obs[0];
	assert_int_equal(bdb__chunk_encode(&out, obs, 2), 0);
	assert_int_equal(bdb__chunk_decode(out.data, out.len, back, &n), BDB_ECORRUPT);
	bdb_buf_reset(&out);
	obs[1].timestamp_us = 5;
	assert_int_equal(bdb__chunk_encode(&out, obs, 2), 0);
	assert_int_equal(bdb__chunk_decode(out.data, out.len, back, &n), BDB_ECORRUPT);
	/* The encoder's own limits. */
	assert_int_equal(bdb__chunk_encode(&out, obs, 0), BDB_EINVAL);
	assert_int_equal(bdb__chunk_encode(&out, obs, BDB__CHUNK_OBS + 1), BDB_EINVAL);
	bdb_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_random_chunks_round_trip),
	    cmocka_unit_test(test_special_values_round_trip),
	    cmocka_unit_test(test_extreme_times_and_seqs),
	    cmocka_unit_test(test_steady_series_is_small),
	    cmocka_unit_test(test_decoder_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
