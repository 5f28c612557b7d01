/*
 * changes.c - the database "changes": one record per series, written by the
 * query layer (its persisted change points, query/cpfold.c), kept honest by
 * the engine (docs/storage.md 2.15). A write transaction notes the series
 * whose observations it puts or deletes (bdb__touch); before the commit
 * bdb__after_write hands them to the store's write hook, which extends or
 * rebuilds their records in the same transaction, or, when no hook is
 * installed, deletes their records: a record is never older than its series.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The meta flag of a store that keeps the records. */
#define KEPT "changes_kept"

int bdb_reader_keep_changes(bdb_reader *r, bool keep)
{
	if (!r->writable)
		return BDB_EREADONLY;
	return bdb__meta_put_u64(r->store, r->txn, KEPT, keep ? 1 : 0);
}

int bdb_reader_changes_kept(bdb_reader *r, bool *kept)
{
	uint64_t v = 0;
	int rc = bdb__meta_get_u64(r->store, r->txn, KEPT, 0, &v);
	*kept = rc == 0 && v != 0;
	return rc;
}

void bdb_store_set_write_hook(bdb_store *store, bdb_write_hook fn, void *ctx)
{
	pthread_mutex_lock(&store->write_lock);
	store->hook = fn;
	store->hook_ctx = ctx;
	pthread_mutex_unlock(&store->write_lock);
}

void bdb__touch(bdb_store *s, uint64_t series, int64_t us, uint64_t seq)
{
	bdb_touched t = {series, us, seq};
	bdb_buf_append(&s->touched, &t, sizeof t);
}

static int by_series_then_time(const void *a, const void *b)
{
	const bdb_touched *x = a, *y = b;
	if (x->series != y->series)
		return x->series < y->series ? -1 : 1;
	if (x->from_us != y->from_us)
		return x->from_us < y->from_us ? -1 : 1;
	return x->from_seq < y->from_seq ? -1 : x->from_seq > y->from_seq;
}

/* Sorts the touches and keeps each series' earliest; returns the count. */
static size_t touched_list(bdb_store *s)
{
	bdb_touched *t = (bdb_touched *)(void *)s->touched.data;
	size_t n = s->touched.len / sizeof *t, m = 0;
	if (!n)
		return 0;
	qsort(t, n, sizeof *t, by_series_then_time);
	for (size_t i = 0; i < n; i++)
		if (m == 0 || t[m - 1].series != t[i].series)
			t[m++] = t[i];
	return m;
}

int bdb__after_write(bdb_store *s, MDB_txn *txn)
{
	if (s->touched.failed) {
		bdb_buf_reset(&s->touched);
		s->touched.failed = false;
		return BDB_ENOMEM;
	}
	size_t n = touched_list(s);
	const bdb_touched *t = (const bdb_touched *)(void *)s->touched.data;
	uint64_t kept = 0;
	int rc = n && s->hook ? bdb__meta_get_u64(s, txn, KEPT, 0, &kept) : 0;
	if (rc)
		return rc;
	if (n && s->hook && kept) {
		bdb_reader v = {.store = s, .txn = txn, .writable = true};
		bdb_buf_init(&v.unpack);
		rc = s->hook(s->hook_ctx, &v, t, n);
		bdb__reader_release(&v);
	} else {
		for (size_t i = 0; i < n && !rc; i++) {
			uint8_t k8[8];
			bdb__put_be64(k8, t[i].series);
			MDB_val k = {8, k8};
			int got = mdb_del(txn, s->dbi[BDB__DB_CHANGES], &k, NULL);
			if (got && got != MDB_NOTFOUND)
				rc = bdb__mdb_error(got);
		}
	}
	bdb_buf_reset(&s->touched);
	return rc;
}

int bdb__dbi_open(bdb_store *s, MDB_txn *txn, int i, unsigned flags)
{
	int rc = mdb_dbi_open(txn, bdb__db_names[i], flags, &s->dbi[i]);
	if (rc == MDB_NOTFOUND && i == BDB__DB_CHANGES && s->read_only) {
		/* A store written before the database existed: no records. */
		s->no_changes_db = true;
		return 0;
	}
	if (i == BDB__DB_CHANGES && !rc)
		s->no_changes_db = false;
	return rc;
}

int bdb_reader_change_record(bdb_reader *r, uint64_t series, const void **data, size_t *len)
{
	if (r->store->no_changes_db)
		return BDB_ENOTFOUND;
	uint8_t k8[8];
	bdb__put_be64(k8, series);
	MDB_val k = {8, k8}, v;
	int rc = mdb_get(r->txn, r->store->dbi[BDB__DB_CHANGES], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ENOTFOUND : bdb__mdb_error(rc);
	*data = v.mv_data;
	*len = v.mv_size;
	return 0;
}

int bdb_reader_put_change_record(bdb_reader *r, uint64_t series, const void *data, size_t len)
{
	if (!r->writable)
		return BDB_EREADONLY;
	uint8_t k8[8];
	bdb__put_be64(k8, series);
	MDB_val k = {8, k8}, v = {len, (void *)data};
	int rc = len ? mdb_put(r->txn, r->store->dbi[BDB__DB_CHANGES], &k, &v, 0)
		     : mdb_del(r->txn, r->store->dbi[BDB__DB_CHANGES], &k, NULL);
	return rc == MDB_NOTFOUND && !len ? 0 : bdb__mdb_error(rc);
}

int bdb_reader_change_records(bdb_reader *r, bdb_change_record_fn fn, void *ctx)
{
	if (r->store->no_changes_db)
		return 0;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, r->store->dbi[BDB__DB_CHANGES], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	for (; got == 0 && !rc; got = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
		if (k.mv_size != 8) {
			rc = BDB_ECORRUPT;
			break;
		}
		rc = fn(ctx, bdb__get_be64(k.mv_data), v.mv_data, v.mv_size);
	}
	mdb_cursor_close(cur);
	if (!rc && got && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	return rc;
}

typedef struct update_ctx {
	bdb_update_fn fn;
	void *ctx;
} update_ctx;

static int update_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	update_ctx *u = ctx;
	bdb_reader v = {.store = s, .txn = txn, .writable = true};
	bdb_buf_init(&v.unpack);
	int rc = u->fn(u->ctx, &v);
	bdb__reader_release(&v);
	return rc;
}

int bdb_store_update(bdb_store *store, bdb_update_fn fn, void *ctx)
{
	update_ctx u = {fn, ctx};
	return bdb__write(store, update_txn, &u);
}
