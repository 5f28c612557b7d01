/*
 * runpack.c - run FlatBuffers stored compressed (docs/storage.md 2.2.1):
 * each `runs` value is one zstd frame of the FlatBuffer, with the store's
 * dictionary when it has one. The dictionary is trained once from the
 * store's runs (meta "zstd_dict") when it has BDB__DICT_MIN_RUNS runs, and
 * never changes afterwards: frames name it by its id.
 */
#include <stdlib.h>
#include <string.h>
#include <zdict.h>
#include <zstd.h>

#include "internal.h"

/* Runs a store has before a dictionary is trained from its newest ones. */
#define DICT_MIN_RUNS 64
/* Runs a dictionary is trained from, and its size at most. */
#define DICT_SAMPLES 100
#define DICT_MAX     (64 * 1024)
/* A frame saying it holds more than this is damaged (the map is smaller). */
#define MAX_RUN_BYTES (UINT64_C(1) << 34)
#define ZSTD_LEVEL    1

/* The store's dictionary (meta "zstd_dict"), or len 0. Points into the map. */
static int dict_get(bdb_store *s, MDB_txn *txn, const void **dict, size_t *len)
{
	MDB_val k = {9, "zstd_dict"}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_META], &k, &v);
	*dict = NULL;
	*len = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return bdb__mdb_error(rc);
	*dict = v.mv_data;
	*len = v.mv_size;
	return 0;
}

int bdb__run_pack(bdb_store *s, MDB_txn *txn, const void *fb, size_t len, bdb_buf *out)
{
	const void *dict;
	size_t dict_len;
	int rc = dict_get(s, txn, &dict, &dict_len);
	if (rc)
		return rc;
	bdb_buf_reset(out);
	size_t bound = ZSTD_compressBound(len);
	if (bdb_buf_reserve(out, bound) != 0)
		return BDB_ENOMEM;
	/* One writer at a time (the write transaction): the context is ours. */
	if (!s->zstd_cctx && !(s->zstd_cctx = ZSTD_createCCtx()))
		return BDB_ENOMEM;
	size_t n = dict_len ? ZSTD_compress_usingDict(s->zstd_cctx, out->data, bound, fb, len,
						      dict, dict_len, ZSTD_LEVEL)
			    : ZSTD_compressCCtx(s->zstd_cctx, out->data, bound, fb, len, ZSTD_LEVEL);
	if (ZSTD_isError(n))
		return BDB_ENOMEM;
	out->len = n;
	return 0;
}

int bdb__run_unpack(bdb_store *s, MDB_txn *txn, const void *data, size_t len, bdb_buf *out)
{
	unsigned long long size = ZSTD_getFrameContentSize(data, len);
	if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
	    size > MAX_RUN_BYTES || ZSTD_findFrameCompressedSize(data, len) != len)
		return BDB_ECORRUPT;
	bdb_buf_reset(out);
	if (bdb_buf_reserve(out, (size_t)size + 1) != 0)
		return BDB_ENOMEM;
	const void *dict = NULL;
	size_t dict_len = 0;
	unsigned id = ZSTD_getDictID_fromFrame(data, len);
	if (id) {
		int rc = dict_get(s, txn, &dict, &dict_len);
		if (rc)
			return rc;
		if (!dict_len || ZSTD_getDictID_fromDict(dict, dict_len) != id)
			return BDB_ECORRUPT;
	}
	ZSTD_DCtx *dctx = ZSTD_createDCtx();
	if (!dctx)
		return BDB_ENOMEM;
	size_t n = ZSTD_decompress_usingDict(dctx, out->data, (size_t)size + 1, data, len, dict,
					     dict_len);
	ZSTD_freeDCtx(dctx);
	if (ZSTD_isError(n) || n != size)
		return BDB_ECORRUPT;
	out->len = n;
	return 0;
}

void bdb__run_pack_free(bdb_store *s)
{
	ZSTD_freeCCtx(s->zstd_cctx);
	s->zstd_cctx = NULL;
}

int bdb__run_dict_train(bdb_store *s, MDB_txn *txn)
{
	const void *dict;
	size_t dict_len;
	uint64_t runs = 0, tried = 0;
	int rc = dict_get(s, txn, &dict, &dict_len);
	if (!rc && !dict_len)
		rc = bdb__db_entries(s, txn, BDB__DB_RUNS, &runs);
	if (!rc && !dict_len)
		rc = bdb__meta_get_u64(s, txn, "zstd_dict_tried", 0, &tried);
	/* Once, when there are enough runs; again at four times as many when
	 * the samples were too few. */
	if (rc || dict_len || runs < DICT_MIN_RUNS || (tried && runs < 4 * tried))
		return rc;
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, s->dbi[BDB__DB_RUNS], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf samples, one;
	bdb_buf_init(&samples);
	bdb_buf_init(&one);
	size_t sizes[DICT_SAMPLES];
	unsigned n = 0;
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	while (got == 0 && n < DICT_SAMPLES && !rc) {
		rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, &one);
		if (!rc) {
			bdb_buf_append(&samples, one.data, one.len);
			sizes[n++] = one.len;
			got = mdb_cursor_get(cur, &k, &v, MDB_PREV);
		}
	}
	mdb_cursor_close(cur);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (!rc && samples.failed)
		rc = BDB_ENOMEM;
	size_t cap = samples.len / 8 < DICT_MAX ? samples.len / 8 : DICT_MAX;
	void *buf = rc || cap < 1024 ? NULL : malloc(cap);
	size_t made = buf ? ZDICT_trainFromBuffer(buf, cap, samples.data, sizes, n) : 0;
	if (!rc && buf && !ZDICT_isError(made)) {
		MDB_val dk = {9, "zstd_dict"}, dv = {made, buf};
		rc = bdb__mdb_error(mdb_put(txn, s->dbi[BDB__DB_META], &dk, &dv, 0));
	} else if (!rc) {
		rc = bdb__meta_put_u64(s, txn, "zstd_dict_tried", runs);
	}
	free(buf);
	bdb_buf_free(&samples);
	bdb_buf_free(&one);
	return rc;
}
