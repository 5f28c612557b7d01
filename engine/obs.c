/*
 * obs.c - the observation index (docs/storage.md 2.8): per series, chunks
 * of observations (chunk.c) keyed by series ‖ the first observation's time
 * ‖ seq, so a series' chunks are adjacent and in time order. Putting merges
 * new observations into the chunk they fall in (usually the series' last,
 * so an append rewrites that chunk only); deleting rewrites the chunk that
 * held the observation.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void bdb__chunk_key(uint8_t *key, uint64_t series, int64_t us, uint64_t seq)
{
	bdb__put_be64(key, series);
	bdb__put_time(key + 8, us);
	bdb__put_be32(key + 16, (uint32_t)seq);
}

static bool same_series(const MDB_val *k, uint64_t series)
{
	return k->mv_size == BDB__CHUNK_KEY && bdb__get_be64(k->mv_data) == series;
}

int bdb__chunk_locate(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, MDB_val *k,
		      MDB_val *v)
{
	uint8_t key[BDB__CHUNK_KEY];
	bdb__chunk_key(key, series, us, seq > BDB__MAX_SEQ ? UINT32_MAX : seq);
	*k = (MDB_val){BDB__CHUNK_KEY, key};
	int rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == 0 && same_series(k, series) && memcmp(k->mv_data, key, BDB__CHUNK_KEY) == 0)
		return 0;
	if (rc == 0)
		rc = mdb_cursor_get(cur, k, v, MDB_PREV);
	else if (rc == MDB_NOTFOUND)
		rc = mdb_cursor_get(cur, k, v, MDB_LAST);
	if (rc == 0 && same_series(k, series))
		return 0;
	if (rc != 0 && rc != MDB_NOTFOUND)
		return bdb__mdb_error(rc);
	/* Before the series' first chunk: that one. */
	bdb__chunk_key(key, series, INT64_MIN, 0);
	*k = (MDB_val){BDB__CHUNK_KEY, key};
	rc = mdb_cursor_get(cur, k, v, MDB_SET_RANGE);
	if (rc == 0 && !same_series(k, series))
		rc = MDB_NOTFOUND;
	return bdb__mdb_error(rc);
}

int bdb__chunk_read(const MDB_val *k, const MDB_val *v, bdb_obs *obs, size_t *n)
{
	int rc = bdb__chunk_decode(v->mv_data, v->mv_size, obs, n);
	if (rc)
		return rc;
	/* The key names the first observation. */
	uint8_t first[BDB__CHUNK_KEY];
	bdb__chunk_key(first, bdb__get_be64(k->mv_data), obs[0].timestamp_us, obs[0].run_seq);
	if (k->mv_size != BDB__CHUNK_KEY || memcmp(first, k->mv_data, BDB__CHUNK_KEY) != 0)
		return BDB_ECORRUPT;
	return 0;
}

int bdb__obs_find(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, bdb_obs *out)
{
	if (seq > BDB__MAX_SEQ)
		return BDB_ENOTFOUND;
	MDB_val k, v;
	int rc = bdb__chunk_locate(cur, series, us, seq, &k, &v);
	if (rc)
		return rc;
	bdb_obs obs[BDB__CHUNK_OBS];
	size_t n;
	rc = bdb__chunk_read(&k, &v, obs, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (obs[i].timestamp_us == us && obs[i].run_seq == seq) {
			if (out)
				*out = obs[i];
			return 0;
		}
	return BDB_ENOTFOUND;
}

int bdb__obs_compare(const bdb_obs *a, const bdb_obs *b)
{
	if (a->timestamp_us != b->timestamp_us)
		return a->timestamp_us < b->timestamp_us ? -1 : 1;
	return a->run_seq < b->run_seq ? -1 : a->run_seq > b->run_seq;
}

/*
 * Writes obs[0..n) (sorted, n > 0) of series as chunks of at most
 * BDB__CHUNK_OBS observations and about BDB__CHUNK_BYTES bytes (a chunk
 * larger than a page's share would go to overflow pages).
 */
static int put_chunks(MDB_txn *txn, MDB_dbi dbi, uint64_t series, const bdb_obs *obs, size_t n,
		      bdb_buf *enc)
{
	for (size_t at = 0; at < n;) {
		size_t k = n - at < BDB__CHUNK_OBS ? n - at : BDB__CHUNK_OBS;
		int rc;
		for (;;) {
			bdb_buf_reset(enc);
			rc = bdb__chunk_encode(enc, obs + at, k);
			if (rc || k == 1 || enc->len <= BDB__CHUNK_BYTES)
				break;
			size_t fit = k * BDB__CHUNK_BYTES / enc->len;
			k = fit < k ? (fit ? fit : 1) : k - 1;
		}
		if (rc)
			return rc;
		uint8_t key[BDB__CHUNK_KEY];
		bdb__chunk_key(key, series, obs[at].timestamp_us, obs[at].run_seq);
		MDB_val kv = {BDB__CHUNK_KEY, key}, vv = {enc->len, enc->data};
		rc = mdb_put(txn, dbi, &kv, &vv, 0);
		if (rc)
			return bdb__mdb_error(rc);
		at += k;
	}
	return 0;
}

int bdb__obs_put(MDB_txn *txn, MDB_dbi dbi, uint64_t series, const bdb_obs *obs, size_t n)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, dbi, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_obs *merged = malloc((n + BDB__CHUNK_OBS) * sizeof *merged);
	bdb_buf enc;
	bdb_buf_init(&enc);
	if (!merged)
		rc = BDB_ENOMEM;
	for (size_t i = 0; i < n && !rc;) {
		MDB_val k, v;
		bdb_obs old[BDB__CHUNK_OBS];
		size_t n_old = 0;
		uint8_t old_key[BDB__CHUNK_KEY];
		rc = bdb__chunk_locate(cur, series, obs[i].timestamp_us, obs[i].run_seq, &k, &v);
		if (rc == 0) {
			rc = bdb__chunk_read(&k, &v, old, &n_old);
			memcpy(old_key, k.mv_data, BDB__CHUNK_KEY);
		} else if (rc == BDB_ENOTFOUND) {
			rc = 0;
		}
		/* The new observations before the next chunk go into this one. */
		size_t j = i + 1;
		if (!rc && n_old) {
			int got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
			bool next = got == 0 && same_series(&k, series);
			if (got && got != MDB_NOTFOUND)
				rc = bdb__mdb_error(got);
			while (next && j < n) {
				uint8_t key[BDB__CHUNK_KEY];
				bdb__chunk_key(key, series, obs[j].timestamp_us, obs[j].run_seq);
				if (memcmp(key, k.mv_data, BDB__CHUNK_KEY) >= 0)
					break;
				j++;
			}
			if (!next)
				j = n;
		} else {
			j = n;
		}
		if (rc)
			break;
		size_t m = 0;
		if (n_old == BDB__CHUNK_OBS && bdb__obs_compare(&obs[i], &old[n_old - 1]) > 0) {
			n_old = 0; /* a full chunk before them stays as it is */
		} else if (n_old) {
			/* Merge; a new observation replaces an old one of the same run. */
			size_t a = 0, b = i;
			while (a < n_old || b < j) {
				int c = a == n_old ? 1 : b == j ? -1 : bdb__obs_compare(&old[a], &obs[b]);
				merged[m++] = c < 0 ? old[a] : obs[b];
				a += c <= 0;
				b += c >= 0;
			}
			MDB_val dk = {BDB__CHUNK_KEY, old_key};
			rc = bdb__mdb_error(mdb_del(txn, dbi, &dk, NULL));
		}
		if (!m) {
			memcpy(merged, obs + i, (j - i) * sizeof *merged);
			m = j - i;
		}
		if (!rc)
			rc = put_chunks(txn, dbi, series, merged, m, &enc);
		i = j;
	}
	mdb_cursor_close(cur);
	bdb_buf_free(&enc);
	free(merged);
	return rc;
}

int bdb__obs_delete(MDB_txn *txn, MDB_dbi dbi, uint64_t series, int64_t us, uint64_t seq)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, dbi, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, v;
	bdb_obs obs[BDB__CHUNK_OBS];
	size_t n = 0, at = 0;
	uint8_t key[BDB__CHUNK_KEY];
	rc = bdb__chunk_locate(cur, series, us, seq, &k, &v);
	if (!rc)
		rc = bdb__chunk_read(&k, &v, obs, &n);
	if (!rc) {
		memcpy(key, k.mv_data, BDB__CHUNK_KEY);
		while (at < n && (obs[at].timestamp_us != us || obs[at].run_seq != seq))
			at++;
	}
	mdb_cursor_close(cur);
	if (rc || at == n)
		return rc == BDB_ENOTFOUND ? 0 : rc;
	memmove(obs + at, obs + at + 1, (n - at - 1) * sizeof *obs);
	MDB_val dk = {BDB__CHUNK_KEY, key};
	rc = bdb__mdb_error(mdb_del(txn, dbi, &dk, NULL));
	if (!rc && n > 1) {
		bdb_buf enc;
		bdb_buf_init(&enc);
		rc = put_chunks(txn, dbi, series, obs, n - 1, &enc);
		bdb_buf_free(&enc);
	}
	return rc;
}

int bdb__series_has_obs(MDB_txn *txn, MDB_dbi dbi, uint64_t series, bool *has)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, dbi, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	uint8_t key[BDB__CHUNK_KEY];
	bdb__chunk_key(key, series, INT64_MIN, 0);
	MDB_val k = {BDB__CHUNK_KEY, key}, v;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	*has = rc == 0 && same_series(&k, series);
	mdb_cursor_close(cur);
	return rc == 0 || rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}
