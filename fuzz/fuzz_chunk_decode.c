/*
 * fuzz_chunk_decode.c - harness for the observation chunk decoder
 * (engine/chunk.c, docs/storage.md 2.8): the bytes are a chunk value as
 * LMDB would hand it out. What the decoder accepts must be 1 to
 * BDB__CHUNK_OBS observations strictly in (time, seq) order with 32-bit
 * sequence numbers, and must encode again to a chunk that decodes to the
 * same bits in every field. Read as a value of chunks (a chunk, or a
 * block of them), its parts must lie inside it in order, and each part
 * decodes (or is refused) as a chunk of its own.
 *
 * The input is copied to the end of an allocation, unaligned as LMDB values
 * are, so ASan sees any read past it.
 */
#include <string.h>

#include "fuzz.h"
#include "internal.h"

/* Every field of a and b bit for bit. */
static int cd_same(const bdb_obs *a, const bdb_obs *b)
{
	return a->timestamp_us == b->timestamp_us && a->run_seq == b->run_seq &&
	       memcmp(&a->value, &b->value, 8) == 0 && a->has_lower == b->has_lower &&
	       memcmp(&a->lower, &b->lower, 8) == 0 && a->has_upper == b->has_upper &&
	       memcmp(&a->upper, &b->upper, 8) == 0 && a->n_samples == b->n_samples;
}

static int fuzz_chunk_decode(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy + 1, data, size);
	static bdb_obs obs[BDB__CHUNK_OBS], again[BDB__CHUNK_OBS];
	size_t n = 0, n2 = 0, count = 0;
	int rc = bdb__chunk_decode(copy + 1, size, obs, &n);
	FUZZ_CHECK(rc == 0 || rc == BDB_ECORRUPT);
	if (rc == 0) {
		FUZZ_CHECK(n >= 1 && n <= BDB__CHUNK_OBS);
		FUZZ_CHECK(bdb__chunk_count(copy + 1, size, &count) == 0 && count == n);
		for (size_t i = 0; i < n; i++) {
			FUZZ_CHECK(obs[i].run_seq <= UINT32_MAX);
			if (i)
				FUZZ_CHECK(bdb__obs_compare(&obs[i - 1], &obs[i]) < 0);
		}
		bdb_buf out;
		bdb_buf_init(&out);
		rc = bdb__chunk_encode(&out, obs, n);
		FUZZ_CHECK(rc == 0 || rc == BDB_ENOMEM);
		if (rc == 0) {
			FUZZ_CHECK(bdb__chunk_decode(out.data, out.len, again, &n2) == 0);
			FUZZ_CHECK(n2 == n);
			for (size_t i = 0; i < n; i++)
				FUZZ_CHECK(cd_same(&obs[i], &again[i]));
		}
		bdb_buf_free(&out);
	}
	bdb__chunk_parts cp;
	rc = bdb__chunk_parts_open(copy + 1, size, &cp);
	FUZZ_CHECK(rc == 0 || rc == BDB_ECORRUPT);
	if (rc == 0) {
		FUZZ_CHECK(cp.n >= 1 && cp.n <= BDB__BLOCK_PARTS && cp.off[cp.n] == size);
		for (unsigned i = 0; i < cp.n; i++)
			FUZZ_CHECK(cp.off[i] < cp.off[i + 1]);
		/* The key that names part 0's first observation, when it has one. */
		uint8_t key[BDB__CHUNK_KEY] = {0};
		if (bdb__chunk_decode(copy + 1 + cp.off[0], cp.off[1] - cp.off[0], obs, &n) == 0)
			bdb__chunk_key(key, 1, obs[0].timestamp_us, obs[0].run_seq);
		MDB_val k = {BDB__CHUNK_KEY, key};
		for (unsigned i = 0; i < cp.n; i++) {
			rc = bdb__chunk_parts_read(&k, &cp, i, obs, &n);
			FUZZ_CHECK(rc == 0 || rc == BDB_ECORRUPT);
			FUZZ_CHECK(rc || (n >= 1 && n <= BDB__CHUNK_OBS));
		}
		FUZZ_CHECK(bdb__chunk_parts_find(&cp, 0, 0) < cp.n);
	}
	free(copy);
	return 0;
}

FUZZ_ENTRY(fuzz_chunk_decode)
