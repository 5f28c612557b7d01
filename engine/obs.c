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

/* The first byte of a block; a chunk's first byte has flags 0 to 15. */
#define BLOCK_MARK 0x80

/* The first observation's time and seq of a chunk (its stream's first 96
 * bits, 2.8). */
static bool chunk_first(const uint8_t *p, size_t len, int64_t *us, uint64_t *seq)
{
	if (len < 14)
		return false;
	*us = (int64_t)bdb__get_be64(p + 2);
	*seq = (uint64_t)p[10] << 24 | (uint64_t)p[11] << 16 | (uint64_t)p[12] << 8 | p[13];
	return true;
}

int bdb__chunk_parts_open(const void *data, size_t len, bdb__chunk_parts *cp)
{
	const uint8_t *p = data;
	cp->data = p;
	if (len < 2 || len > UINT32_MAX)
		return BDB_ECORRUPT; /* a chunk has two bytes at least */
	if (p[0] != BLOCK_MARK) {
		cp->n = 1;
		cp->off[0] = 0;
		cp->off[1] = (uint32_t)len;
		return 0;
	}
	if (p[1] < 2 || p[1] > BDB__BLOCK_PARTS || 2 + 2 * (size_t)p[1] > len)
		return BDB_ECORRUPT;
	cp->n = p[1];
	size_t at = 2 + 2 * (size_t)cp->n;
	for (unsigned i = 0; i < cp->n; i++) {
		cp->off[i] = (uint32_t)at;
		at += (size_t)p[2 + 2 * i] | (size_t)p[3 + 2 * i] << 8;
		if (at > len || at - cp->off[i] < 2)
			return BDB_ECORRUPT;
	}
	cp->off[cp->n] = (uint32_t)at;
	if (at != len)
		return BDB_ECORRUPT;
	/* The chunks in order of their first observations (verify checks
	 * that each also starts after the one before ends). */
	bdb_obs prev = {0}, first;
	for (unsigned i = 0; i < cp->n; i++) {
		if (!chunk_first(p + cp->off[i], cp->off[i + 1] - cp->off[i], &first.timestamp_us,
				 &first.run_seq) ||
		    (i && bdb__obs_compare(&first, &prev) <= 0))
			return BDB_ECORRUPT;
		prev = first;
	}
	return 0;
}

int bdb__chunk_parts_read(const MDB_val *k, const bdb__chunk_parts *cp, unsigned i, bdb_obs *obs,
			  size_t *n)
{
	if (i == 0) {
		MDB_val v = {cp->off[1] - cp->off[0], (void *)(cp->data + cp->off[0])};
		return bdb__chunk_read(k, &v, obs, n);
	}
	int rc = bdb__chunk_decode(cp->data + cp->off[i], cp->off[i + 1] - cp->off[i], obs, n);
	if (rc)
		return rc;
	/* A later part starts after the block's first observation. */
	bdb_obs first = {.timestamp_us = bdb__get_time((const uint8_t *)k->mv_data + 8),
			 .run_seq = bdb__get_be32((const uint8_t *)k->mv_data + 16)};
	return k->mv_size == BDB__CHUNK_KEY && bdb__obs_compare(&obs[0], &first) > 0
		   ? 0
		   : BDB_ECORRUPT;
}

unsigned bdb__chunk_parts_find(const bdb__chunk_parts *cp, int64_t us, uint64_t seq)
{
	bdb_obs at = {.timestamp_us = us, .run_seq = seq};
	unsigned found = 0;
	for (unsigned i = 1; i < cp->n; i++) {
		bdb_obs first;
		if (!chunk_first(cp->data + cp->off[i], cp->off[i + 1] - cp->off[i],
				 &first.timestamp_us, &first.run_seq) ||
		    bdb__obs_compare(&first, &at) > 0)
			break;
		found = i;
	}
	return found;
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
	bdb__chunk_parts cp;
	rc = bdb__chunk_parts_open(v.mv_data, v.mv_size, &cp);
	if (!rc)
		rc = bdb__chunk_parts_read(&k, &cp, bdb__chunk_parts_find(&cp, us, seq), obs, &n);
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
		      bdb_buf *enc, uint8_t *last_key, size_t *written)
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
		if (last_key)
			memcpy(last_key, key, BDB__CHUNK_KEY);
		if (written)
			(*written)++;
		at += k;
	}
	return 0;
}

static bool is_block(const MDB_val *v)
{
	return v->mv_size > 0 && ((const uint8_t *)v->mv_data)[0] == BLOCK_MARK;
}

/*
 * Puts the parts of block (k, v) back as chunks of their own under their
 * own keys, the block's deleted: a write inside a block (a backfill, a
 * delete) then changes one chunk as before.
 */
static int explode_block(MDB_txn *txn, MDB_dbi dbi, const MDB_val *k, const MDB_val *v)
{
	bdb_buf copy; /* v is in the map, which the writes change */
	bdb_buf_init(&copy);
	bdb_buf_append(&copy, k->mv_data, k->mv_size);
	bdb_buf_append(&copy, v->mv_data, v->mv_size);
	if (copy.failed || k->mv_size != BDB__CHUNK_KEY) {
		int rc = copy.failed ? BDB_ENOMEM : BDB_ECORRUPT;
		bdb_buf_free(&copy);
		return rc;
	}
	MDB_val key = {BDB__CHUNK_KEY, copy.data};
	bdb__chunk_parts cp;
	bdb_obs obs[BDB__CHUNK_OBS];
	size_t n;
	int rc = bdb__chunk_parts_open(copy.data + BDB__CHUNK_KEY, v->mv_size, &cp);
	for (unsigned i = 0; i < cp.n && !rc; i++)
		rc = bdb__chunk_parts_read(&key, &cp, i, obs, &n);
	if (!rc)
		rc = bdb__mdb_error(mdb_del(txn, dbi, &key, NULL));
	for (unsigned i = 0; i < cp.n && !rc; i++) {
		uint8_t part_key[BDB__CHUNK_KEY];
		int64_t us = 0;
		uint64_t seq = 0;
		chunk_first(cp.data + cp.off[i], cp.off[i + 1] - cp.off[i], &us, &seq);
		bdb__chunk_key(part_key, bdb__get_be64(key.mv_data), us, seq);
		MDB_val pk = {BDB__CHUNK_KEY, part_key},
			pv = {cp.off[i + 1] - cp.off[i], (void *)(cp.data + cp.off[i])};
		/* a chunk of the series under that key already: damage */
		rc = mdb_put(txn, dbi, &pk, &pv, MDB_NOOVERWRITE);
		rc = rc == MDB_KEYEXIST ? BDB_ECORRUPT : bdb__mdb_error(rc);
	}
	bdb_buf_free(&copy);
	return rc;
}

/* A block at most this long: one overflow page's payload (a page less
 * LMDB's 16-byte page header). */
static size_t block_max(MDB_txn *txn)
{
	MDB_stat st;
	return (mdb_env_stat(mdb_txn_env(txn), &st) == 0 ? st.ms_psize : 4096) - 16;
}

/* One chunk of the run gather_blocks cuts: its key and length. */
typedef struct loose_chunk {
	uint8_t key[BDB__CHUNK_KEY];
	size_t len;
} loose_chunk;

/* Writes chunks c[0..t) (2 <= t <= BDB__BLOCK_PARTS, fitting one page) as
 * one block under the first one's key, their own keys deleted. */
static int write_block(MDB_txn *txn, MDB_dbi dbi, const loose_chunk *c, size_t t)
{
	bdb_buf block;
	bdb_buf_init(&block);
	uint8_t head[2] = {BLOCK_MARK, (uint8_t)t};
	bdb_buf_append(&block, head, 2);
	for (size_t i = 0; i < t; i++) {
		uint8_t le[2] = {(uint8_t)c[i].len, (uint8_t)(c[i].len >> 8)};
		bdb_buf_append(&block, le, 2);
	}
	int rc = 0;
	for (size_t i = 0; i < t && !rc; i++) {
		MDB_val ck = {BDB__CHUNK_KEY, (void *)c[i].key}, cv;
		rc = bdb__mdb_error(mdb_get(txn, dbi, &ck, &cv));
		if (!rc)
			bdb_buf_append(&block, cv.mv_data, cv.mv_size);
	}
	for (size_t i = 0; i < t && !rc; i++) {
		MDB_val dk = {BDB__CHUNK_KEY, (void *)c[i].key};
		rc = bdb__mdb_error(mdb_del(txn, dbi, &dk, NULL));
	}
	MDB_val bk = {BDB__CHUNK_KEY, (void *)c[0].key}, bv = {block.len, block.data};
	if (!rc)
		rc = block.failed ? BDB_ENOMEM : bdb__mdb_error(mdb_put(txn, dbi, &bk, &bv, 0));
	bdb_buf_free(&block);
	return rc;
}

/*
 * Gathers series' sealed chunks into blocks of a page (2.8), around key
 * (a chunk of the series, or where one was): the unbroken run of chunks
 * (not blocks) there, the series' newest left out (it takes the next
 * appends), is cut from its oldest into blocks of as many chunks as fit
 * one page (64 at most). At the series' end, what would all fit one page
 * waits for more chunks, so that each block fills its overflow page; a
 * run between two blocks takes no more chunks (short of a backfill), and
 * is gathered whole. A chunk in a leaf leaves its page half empty (LMDB
 * splits a full leaf in half, and a series' chunks are added in the middle
 * of the tree); a block fills its own page.
 */
static int gather_blocks(MDB_txn *txn, MDB_dbi dbi, MDB_cursor *cur, uint64_t series,
			 const uint8_t *key)
{
	MDB_val k = {BDB__CHUNK_KEY, (void *)key}, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	if (got == MDB_NOTFOUND || (got == 0 && (!same_series(&k, series) || is_block(&v))))
		/* where a deleted chunk was: the series' chunk before it */
		got = got == MDB_NOTFOUND ? mdb_cursor_get(cur, &k, &v, MDB_LAST)
					  : mdb_cursor_get(cur, &k, &v, MDB_PREV);
	if (got == 0 && (!same_series(&k, series) || is_block(&v)))
		return 0;
	/* Back to the run's first chunk, then forwards to its end. */
	while (got == 0) {
		got = mdb_cursor_get(cur, &k, &v, MDB_PREV);
		if (got == MDB_NOTFOUND) {
			got = mdb_cursor_get(cur, &k, &v, MDB_FIRST); /* it was the first */
			break;
		}
		if (got == 0 && (!same_series(&k, series) || is_block(&v))) {
			got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
			break;
		}
	}
	bdb_buf run;
	bdb_buf_init(&run);
	bool newest = false; /* the run ends with the series' newest chunk */
	while (got == 0 && same_series(&k, series) && !is_block(&v)) {
		loose_chunk c = {.len = v.mv_size};
		memcpy(c.key, k.mv_data, BDB__CHUNK_KEY);
		bdb_buf_append(&run, &c, sizeof c);
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		newest = got == MDB_NOTFOUND || (got == 0 && !same_series(&k, series));
	}
	int rc = got && got != MDB_NOTFOUND ? bdb__mdb_error(got) : run.failed ? BDB_ENOMEM : 0;
	const loose_chunk *c = (const loose_chunk *)run.data;
	size_t m = run.len / sizeof *c - (newest && run.len ? 1 : 0);
	size_t max = block_max(txn);
	for (size_t at = 0; !rc && at < m;) {
		size_t total = 2, t = 0;
		while (at + t < m && t < BDB__BLOCK_PARTS && total + 2 + c[at + t].len <= max)
			total += 2 + c[at + t++].len;
		if (at + t == m && newest)
			break; /* all fit: wait for more */
		if (t < 2) {
			at++; /* a chunk too long to share a page */
			continue;
		}
		rc = write_block(txn, dbi, c + at, t);
		at += t;
	}
	bdb_buf_free(&run);
	return rc;
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
	bool exploded = false; /* the chunk written next was in a block */
	for (size_t i = 0; i < n && !rc;) {
		MDB_val k, v;
		bdb_obs old[BDB__CHUNK_OBS];
		size_t n_old = 0;
		uint8_t old_key[BDB__CHUNK_KEY];
		rc = bdb__chunk_locate(cur, series, obs[i].timestamp_us, obs[i].run_seq, &k, &v);
		if (rc == 0 && is_block(&v)) {
			/* Into a block (a backfill): its chunks apart first. */
			rc = explode_block(txn, dbi, &k, &v);
			exploded = true;
			continue;
		}
		if (rc == 0) {
			rc = bdb__chunk_read(&k, &v, old, &n_old);
			memcpy(old_key, k.mv_data, BDB__CHUNK_KEY);
		} else if (rc == BDB_ENOTFOUND) {
			rc = 0;
		}
		/* The new observations before the next chunk go into this one. */
		size_t j = i + 1;
		bool last = true; /* they are the series' newest */
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
			last = !next;
		} else {
			j = n;
		}
		if (rc)
			break;
		size_t m = 0, written = 0;
		if (n_old == BDB__CHUNK_OBS && bdb__obs_compare(&obs[i], &old[n_old - 1]) > 0) {
			n_old = 0; /* a full chunk before them stays as it is */
			written = 1;
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
		uint8_t last_key[BDB__CHUNK_KEY];
		if (!rc)
			rc = put_chunks(txn, dbi, series, merged, m, &enc, last_key, &written);
		/* Appended with a chunk sealed (one more before the series'
		 * newest), or written where a block came apart: the chunks
		 * there may fill blocks. */
		if (!rc && ((last && written > 1) || exploded))
			rc = gather_blocks(txn, dbi, cur, series, last_key);
		exploded = false;
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
	bool exploded = !rc && is_block(&v);
	if (exploded) {
		/* In a block: its chunks apart first (gathered again below). */
		rc = explode_block(txn, dbi, &k, &v);
		if (!rc)
			rc = bdb__chunk_locate(cur, series, us, seq, &k, &v);
	}
	if (!rc)
		rc = bdb__chunk_read(&k, &v, obs, &n);
	if (!rc) {
		memcpy(key, k.mv_data, BDB__CHUNK_KEY);
		while (at < n && (obs[at].timestamp_us != us || obs[at].run_seq != seq))
			at++;
	}
	if (!rc && at < n) {
		memmove(obs + at, obs + at + 1, (n - at - 1) * sizeof *obs);
		MDB_val dk = {BDB__CHUNK_KEY, key};
		rc = bdb__mdb_error(mdb_del(txn, dbi, &dk, NULL));
		if (!rc && n > 1) {
			bdb_buf enc;
			bdb_buf_init(&enc);
			rc = put_chunks(txn, dbi, series, obs, n - 1, &enc, key, NULL);
			bdb_buf_free(&enc);
		}
	}
	if (!rc && exploded)
		rc = gather_blocks(txn, dbi, cur, series, key);
	mdb_cursor_close(cur);
	return rc == BDB_ENOTFOUND ? 0 : rc;
}

int bdb__compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* One chunk that loses observations: its key and what stays of it. */
typedef struct chunk_edit {
	uint8_t key[BDB__CHUNK_KEY];
	size_t from, n; /* the observations that stay, in obs_delete_runs' kept buffer */
} chunk_edit;

/* Rewrites the chunks of edits[0..n): each deleted, what stays of it put as
 * chunks of its own (within the old chunk's range, so chunks never overlap). */
static int rewrite_chunks(MDB_txn *txn, MDB_dbi dbi, MDB_cursor *cur, const chunk_edit *edits,
			  size_t n, const bdb_obs *kept, bdb_buf *enc)
{
	int rc = 0;
	uint8_t(*last)[BDB__CHUNK_KEY] = malloc((n ? n : 1) * sizeof *last);
	if (!last)
		return BDB_ENOMEM;
	for (size_t i = 0; i < n && !rc; i++) {
		MDB_val k = {BDB__CHUNK_KEY, (void *)edits[i].key};
		rc = bdb__mdb_error(mdb_del(txn, dbi, &k, NULL));
		memset(last[i], 0, BDB__CHUNK_KEY);
		if (!rc && edits[i].n)
			rc = put_chunks(txn, dbi, bdb__get_be64(edits[i].key), kept + edits[i].from,
					edits[i].n, enc, last[i], NULL);
	}
	/* What stays of blocks, gathered again once every edit is written (a
	 * block may take the chunk of a later edit). */
	for (size_t i = 0; i < n && !rc; i++)
		if (edits[i].n)
			rc = gather_blocks(txn, dbi, cur, bdb__get_be64(edits[i].key), last[i]);
	free(last);
	return rc;
}

int bdb__obs_delete_runs(MDB_txn *txn, MDB_dbi dbi, const uint64_t *seqs, size_t n_seqs)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, dbi, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_obs obs[BDB__CHUNK_OBS];
	bdb_buf kept, edits, enc;
	bdb_buf_init(&kept);
	bdb_buf_init(&edits);
	bdb_buf_init(&enc);
	uint64_t series = 0;
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	for (;;) {
		bool same = got == 0 && k.mv_size == BDB__CHUNK_KEY && series &&
			    bdb__get_be64(k.mv_data) == series;
		if (!same && edits.len) {
			/* The series is walked: rewrite its chunks, then find the
			 * next one again (the writes move the cursor's pages). */
			uint8_t next[BDB__CHUNK_KEY];
			bool more = got == 0 && k.mv_size == BDB__CHUNK_KEY;
			if (more)
				memcpy(next, k.mv_data, BDB__CHUNK_KEY);
			rc = rewrite_chunks(txn, dbi, cur, (const chunk_edit *)edits.data,
					    edits.len / sizeof(chunk_edit), (const bdb_obs *)kept.data,
					    &enc);
			bdb_buf_reset(&kept);
			bdb_buf_reset(&edits);
			if (rc)
				break;
			if (!more)
				break;
			k = (MDB_val){BDB__CHUNK_KEY, next};
			got = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
			continue;
		}
		if (got)
			break;
		size_t n, all = 0;
		bdb__chunk_parts cp;
		rc = bdb__chunk_parts_open(v.mv_data, v.mv_size, &cp);
		if (rc)
			break;
		series = bdb__get_be64(k.mv_data);
		chunk_edit e = {.from = kept.len / sizeof(bdb_obs)};
		memcpy(e.key, k.mv_data, BDB__CHUNK_KEY);
		/* A block that loses observations goes back as chunks. */
		for (unsigned p = 0; p < cp.n && !rc; p++) {
			rc = bdb__chunk_parts_read(&k, &cp, p, obs, &n);
			for (size_t i = 0; i < n && !rc; i++)
				if (!bsearch(&obs[i].run_seq, seqs, n_seqs, sizeof *seqs,
					     bdb__compare_u64)) {
					bdb_buf_append(&kept, &obs[i], sizeof obs[i]);
					e.n++;
				}
			all += rc ? 0 : n;
		}
		if (rc)
			break;
		if (e.n < all)
			bdb_buf_append(&edits, &e, sizeof e);
		else
			kept.len = e.from * sizeof(bdb_obs); /* the chunk stays as it is */
		if (kept.failed || edits.failed) {
			rc = BDB_ENOMEM;
			break;
		}
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	if (!rc && got && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	mdb_cursor_close(cur);
	bdb_buf_free(&kept);
	bdb_buf_free(&edits);
	bdb_buf_free(&enc);
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
