/*
 * write.c - everything that changes the store: putting, replacing and
 * deleting runs with all their index entries, baselines and metric
 * definitions. Each public function is one write transaction (bdb__write),
 * so a reader sees a run whole or not at all.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

/* Puts key -> value in db; MDB errors mapped (MDB_MAP_FULL -> BDB_EMAPFULL). */
static int put(bdb_store *s, MDB_txn *txn, int db, const void *key, size_t klen, const void *val,
	       size_t vlen, unsigned flags)
{
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	return bdb__mdb_error(mdb_put(txn, s->dbi[db], &k, &v, flags));
}

/* Deletes key (and, for dupsort databases, only the pair with val when val is
 * not NULL). A missing entry is not an error. */
static int del(bdb_store *s, MDB_txn *txn, int db, const void *key, size_t klen, const void *val,
	       size_t vlen)
{
	MDB_val k = {klen, (void *)key}, v = {vlen, (void *)val};
	int rc = mdb_del(txn, s->dbi[db], &k, val ? &v : NULL);
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

/*
 * The u64 stored under the key form of bytes[0..n) in db; *is_long says the
 * key was a hash, which the caller must check against the whole string.
 */
static int get_by_key_form(bdb_store *s, MDB_txn *txn, int db, const void *bytes, size_t n,
			   uint64_t *out, bool *is_long)
{
	uint8_t key[BDB__KEY_LONG];
	MDB_val k = {bdb__key_form(bytes, n, key), key}, v;
	if (k.mv_size == 0)
		return BDB_ENOTFOUND;
	int rc = mdb_get(txn, s->dbi[db], &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	if (v.mv_size != 8)
		return BDB_ECORRUPT;
	*out = bdb__get_be64(v.mv_data);
	*is_long = bdb__key_is_long(k.mv_size);
	return 0;
}

int bdb__run_id_find(bdb_store *s, MDB_txn *txn, const char *id, uint64_t *seq)
{
	bool is_long;
	int rc = get_by_key_form(s, txn, BDB__DB_RUN_IDS, id, strlen(id), seq, &is_long);
	if (rc || !is_long)
		return rc;
	/* A long id: the key is a hash, the runlog has the whole id. */
	uint8_t sk[8];
	bdb__put_be64(sk, *seq);
	MDB_val lk = {8, sk}, lv;
	bdb_run_info info;
	rc = mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &lk, &lv);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
	rc = bdb__runlog_decode(lv.mv_data, lv.mv_size, *seq, &info);
	if (rc)
		return rc;
	return strcmp(info.id, id) == 0 ? 0 : BDB_ENOTFOUND;
}

/* The series_info of id decoded (malloc'ed). */
static int series_info_get(bdb_store *s, MDB_txn *txn, uint64_t id, bdb_series_info **out)
{
	uint8_t k8[8];
	bdb__put_be64(k8, id);
	MDB_val k = {8, k8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_SERIES_INFO], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
	return bdb__series_info_decode(v.mv_data, v.mv_size, id, out);
}

int bdb__series_find(bdb_store *s, MDB_txn *txn, const bdb_buf *canonical, uint64_t *id)
{
	bool is_long;
	int rc =
	    get_by_key_form(s, txn, BDB__DB_SERIES, canonical->data, canonical->len, id, &is_long);
	if (rc || !is_long)
		return rc;
	/* A long key is a hash: compare the whole canonical bytes. */
	bdb_series_info *info;
	rc = series_info_get(s, txn, *id, &info);
	if (rc)
		return rc;
	bdb_buf c;
	bdb_buf_init(&c);
	bdb__series_canonical(&c, info->point, info->tags, info->n_tags, info->metric);
	rc = c.failed ? BDB_ENOMEM
	     : (c.len == canonical->len && memcmp(c.data, canonical->data, c.len) == 0)
		 ? 0
		 : BDB_ENOTFOUND;
	bdb_buf_free(&c);
	free(info);
	return rc;
}

/* Puts (add) or deletes (!add) the postings entries of series info. */
static int update_postings(bdb_store *s, MDB_txn *txn, const bdb_series_info *info, bool add)
{
	bdb_buf terms;
	bdb_buf_init(&terms);
	size_t n = bdb__series_terms(&terms, info);
	if (terms.failed)
		return BDB_ENOMEM;
	uint8_t id8[8];
	bdb__put_be64(id8, info->id);
	int rc = 0;
	const char *t = terms.data;
	for (size_t i = 0; i < n && !rc; i++) {
		size_t len = strlen(t);
		uint8_t key[BDB__KEY_LONG];
		size_t klen = bdb__key_form(t, len, key);
		rc = add ? put(s, txn, BDB__DB_POSTINGS, key, klen, id8, 8, 0)
			 : del(s, txn, BDB__DB_POSTINGS, key, klen, id8, 8);
		t += len + 1;
	}
	bdb_buf_free(&terms);
	return rc;
}

/* Removes series id entirely (dictionary, info, postings). */
static int remove_series(bdb_store *s, MDB_txn *txn, uint64_t id)
{
	bdb_series_info *info;
	int rc = series_info_get(s, txn, id, &info);
	if (rc)
		return rc;
	bdb_buf c;
	bdb_buf_init(&c);
	bdb__series_canonical(&c, info->point, info->tags, info->n_tags, info->metric);
	rc = c.failed ? BDB_ENOMEM : 0;
	uint8_t key[BDB__KEY_LONG], id8[8];
	bdb__put_be64(id8, id);
	if (!rc)
		rc = del(s, txn, BDB__DB_SERIES, key, bdb__key_form(c.data, c.len, key), NULL, 0);
	if (!rc)
		rc = update_postings(s, txn, info, false);
	if (!rc)
		rc = del(s, txn, BDB__DB_SERIES_INFO, id8, 8, NULL, 0);
	bdb_buf_free(&c);
	free(info);
	return rc;
}

int bdb__delete_run_txn(bdb_store *s, MDB_txn *txn, uint64_t seq, unsigned flags)
{
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	MDB_val k = {8, seq8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_run_info info;
	rc = bdb__runlog_decode(v.mv_data, v.mv_size, seq, &info);
	if (rc)
		return rc;
	/* Copy what we need: values in the map move when the txn writes. */
	int64_t ts = info.timestamp_us;
	char *id = strdup(info.id), *commit = strdup(info.commit);
	uint64_t *series = NULL;
	size_t n_series = 0;
	if (!id || !commit) {
		rc = BDB_ENOMEM;
		goto done;
	}
	rc = mdb_get(txn, s->dbi[BDB__DB_RUN_SERIES], &k, &v);
	if (rc == 0) {
		rc = bdb__run_series_decode(v.mv_data, v.mv_size, info.n_metrics, &series,
					    &n_series);
		if (rc)
			goto done;
	} else if (rc != MDB_NOTFOUND) {
		rc = bdb__mdb_error(rc);
		goto done;
	}
	rc = 0;
	for (size_t i = 0; i < n_series && !rc; i++) {
		bdb__touch(s, series[i], ts, seq);
		if (!(flags & BDB__DELETE_OBS_GONE))
			rc = bdb__obs_delete(txn, s->dbi[BDB__DB_CHUNKS], series[i], ts, seq);
		bool has = true;
		if (!rc)
			rc = bdb__series_has_obs(txn, s->dbi[BDB__DB_CHUNKS], series[i], &has);
		if (!rc && !has && (flags & BDB__DELETE_OBS_GONE)) {
			/* Another run of the batch may have removed it already. */
			uint8_t k8[8];
			bdb__put_be64(k8, series[i]);
			MDB_val sk = {8, k8}, sv;
			int got = mdb_get(txn, s->dbi[BDB__DB_SERIES_INFO], &sk, &sv);
			has = got == MDB_NOTFOUND;
			rc = got == 0 || got == MDB_NOTFOUND ? 0 : bdb__mdb_error(got);
		}
		if (!rc && !has)
			rc = remove_series(s, txn, series[i]);
	}
	uint8_t key[BDB__KEY_LONG], tk[16];
	bdb__put_time(tk, ts);
	memcpy(tk + 8, seq8, 8);
	if (!rc)
		rc = del(s, txn, BDB__DB_RUN_IDS, key, bdb__key_form(id, strlen(id), key), NULL, 0);
	if (!rc)
		rc = del(s, txn, BDB__DB_TIME, tk, 16, NULL, 0);
	if (!rc && commit[0])
		rc = del(s, txn, BDB__DB_COMMITS, key, bdb__key_form(commit, strlen(commit), key),
			 tk, 16);
	if (!rc)
		rc = del(s, txn, BDB__DB_RUN_SERIES, seq8, 8, NULL, 0);
	if (!rc)
		rc = del(s, txn, BDB__DB_RUNLOG, seq8, 8, NULL, 0);
	if (!rc)
		rc = bdb__run_value_del(s, txn, seq);
	if (!rc && !(flags & BDB__DELETE_KEEP_BASELINES)) {
		MDB_cursor *cur;
		rc = bdb__mdb_error(mdb_cursor_open(txn, s->dbi[BDB__DB_BASELINES], &cur));
		int got = rc ? MDB_NOTFOUND : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
		while (!rc && got == 0) {
			uint64_t bseq;
			const char *name;
			if (bdb__baseline_decode(v.mv_data, v.mv_size, &bseq, &name) == 0 &&
			    bseq == seq)
				rc = bdb__mdb_error(mdb_cursor_del(cur, 0));
			if (!rc)
				got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
		}
		if (!rc && got != MDB_NOTFOUND)
			rc = bdb__mdb_error(got);
		if (cur)
			mdb_cursor_close(cur);
	}
done:
	free(series);
	free(id);
	free(commit);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Putting a run                                                             */
/* ------------------------------------------------------------------------ */

/*
 * The series one write transaction has used, by canonical bytes: a batch of
 * runs looks each series up in LMDB (series, series_info) once, not once per
 * run, and each series' new observation records wait here (obs) to be
 * written together, in one cursor put per series (cache_write_obs).
 * Valid for one transaction: reset when it begins (again, after the map
 * grew); written out and reset before a run is deleted in it (a replace
 * deletes observations and can remove series).
 */
typedef struct series_slot {
	uint64_t hash;
	uint64_t id; /* 0: an empty slot */
	size_t key;  /* offset of the canonical bytes in series_cache.bytes */
	size_t key_len;
	size_t unit;	     /* offset of the series' unit (str0) in series_cache.bytes */
	uint64_t stamp;	     /* the last run (series_cache.stamp) that had the series */
	bdb_buf obs;	     /* bdb_obs not yet written, in put order */
} series_slot;

typedef struct series_cache {
	series_slot *slots;
	size_t cap, n; /* cap: 0 or a power of two */
	bdb_buf bytes;
	uint64_t stamp;	   /* counts the runs put */
	size_t batch_runs; /* runs in the transaction */
} series_cache;

static void cache_clear(series_cache *sc)
{
	for (size_t i = 0; i < sc->cap; i++)
		bdb_buf_free(&sc->slots[i].obs);
	if (sc->cap)
		memset(sc->slots, 0, sc->cap * sizeof *sc->slots);
	sc->n = 0;
	bdb_buf_reset(&sc->bytes);
}

/*
 * A series' canonical bytes in the three parts put_metric has them (the
 * point's name and its NUL, the metric's name, the rest of the point's
 * canonical bytes): looked up without copying them together first (three
 * small copies per metric, read back at once); the point's two parts are
 * hashed once per point. The parts are fixed by the bytes (the two NULs),
 * so the hash of the parts is a hash of the bytes.
 */
typedef struct series_key {
	const char *part[3];
	size_t len[3];
	uint64_t hash;
} series_key;

static uint64_t key_hash(uint64_t point_hash, uint64_t metric_hash, uint64_t rest_hash)
{
	uint64_t h = (point_hash ^ metric_hash) * UINT64_C(0x9e3779b97f4a7c15);
	h = (h ^ (h >> 29) ^ rest_hash) * UINT64_C(0xbf58476d1ce4e5b9);
	return h ^ (h >> 32);
}

static bool key_is(const series_key *k, const char *bytes, size_t len)
{
	return len == k->len[0] + k->len[1] + k->len[2] &&
	       memcmp(bytes, k->part[0], k->len[0]) == 0 &&
	       memcmp(bytes + k->len[0], k->part[1], k->len[1]) == 0 &&
	       memcmp(bytes + k->len[0] + k->len[1], k->part[2], k->len[2]) == 0;
}

/* The slot of key k: its own, or the empty one where it would go. */
static series_slot *cache_slot(series_cache *sc, const series_key *k)
{
	for (size_t i = (size_t)k->hash & (sc->cap - 1);; i = (i + 1) & (sc->cap - 1)) {
		series_slot *sl = &sc->slots[i];
		if (!sl->id ||
		    (sl->hash == k->hash && key_is(k, sc->bytes.data + sl->key, sl->key_len)))
			return sl;
	}
}

/* The empty slot for hash h (the keys moved when the table grows are
 * distinct). */
static series_slot *cache_empty_slot(series_cache *sc, uint64_t h)
{
	size_t i = (size_t)h & (sc->cap - 1);
	while (sc->slots[i].id)
		i = (i + 1) & (sc->cap - 1);
	return &sc->slots[i];
}

/* Adds series id (key k, its canonical bytes c, unit) and returns its slot. */
static int cache_add(series_cache *sc, const series_key *k, const bdb_buf *c, uint64_t id,
		     const char *unit, series_slot **out)
{
	if (2 * (sc->n + 1) > sc->cap) {
		size_t cap = sc->cap ? 2 * sc->cap : 1024;
		series_slot *old = sc->slots, *slots = calloc(cap, sizeof *slots);
		if (!slots)
			return BDB_ENOMEM;
		size_t old_cap = sc->cap;
		sc->slots = slots;
		sc->cap = cap;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].id)
				*cache_empty_slot(sc, old[i].hash) = old[i];
		free(old);
	}
	series_slot sl = {.hash = k->hash, .id = id, .key = sc->bytes.len, .key_len = c->len};
	bdb_buf_init(&sl.obs);
	bdb_buf_append(&sc->bytes, c->data, c->len);
	sl.unit = sc->bytes.len;
	bdb_buf_append(&sc->bytes, unit, strlen(unit) + 1);
	if (sc->bytes.failed)
		return BDB_ENOMEM;
	*out = cache_empty_slot(sc, k->hash);
	**out = sl;
	sc->n++;
	return 0;
}

static int compare_slot_id(const void *a, const void *b)
{
	const series_slot *x = *(const series_slot *const *)a, *y = *(const series_slot *const *)b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int compare_obs(const void *a, const void *b)
{
	return bdb__obs_compare(a, b);
}

/*
 * Writes the observations waiting in the cache, series by series in id
 * order (bdb__obs_put: usually a rewrite of each series' last chunk), and
 * empties their lists.
 */
static int cache_write_obs(bdb_store *s, MDB_txn *txn, series_cache *sc)
{
	size_t n = 0;
	for (size_t i = 0; i < sc->cap; i++)
		n += sc->slots[i].obs.len > 0;
	if (!n)
		return 0;
	series_slot **pending = malloc(n * sizeof *pending);
	if (!pending)
		return BDB_ENOMEM;
	int rc = 0;
	n = 0;
	for (size_t i = 0; i < sc->cap; i++)
		if (sc->slots[i].obs.len)
			pending[n++] = &sc->slots[i];
	qsort(pending, n, sizeof *pending, compare_slot_id);
	for (size_t i = 0; i < n && !rc; i++) {
		bdb_buf *obs = &pending[i]->obs;
		size_t count = obs->len / sizeof(bdb_obs);
		bdb_obs *list = (bdb_obs *)(void *)obs->data;
		for (size_t j = 1; j < count; j++)
			if (bdb__obs_compare(&list[j - 1], &list[j]) > 0) {
				qsort(list, count, sizeof *list, compare_obs);
				break;
			}
		rc = bdb__obs_put(txn, s->dbi[BDB__DB_CHUNKS], pending[i]->id, list, count);
		bdb__touch(s, pending[i]->id, list[0].timestamp_us, list[0].run_seq);
		bdb_buf_reset(obs);
	}
	free(pending);
	return rc;
}

typedef struct put_ctx {
	const bdb_run *run;
	series_cache *cache;
	unsigned flags;
	bdb_buf fb;	    /* the encoded run */
	bdb_buf packed;	    /* fb compressed (runpack.c), or a stored run decompressed */
	bdb_buf scratch;    /* canonical bytes, values */
	bdb_buf point;	    /* the canonical bytes of the point being put, metric "" */
	size_t point_at;    /* where the metric goes in them: after the name's NUL */
	uint64_t point_hash, rest_hash; /* of point[0, point_at) and the rest */
	bdb_buf series_ids; /* run_series value being built */
	uint64_t seq;
	bdb_put_outcome outcome;
	bdb_diag *d;
} put_ctx;

/* Creates the series of (point, metric) with unit. */
static int create_series(bdb_store *s, MDB_txn *txn, put_ctx *c, const bdb_point *p,
			 const char *metric, const char *unit, uint64_t *id)
{
	int rc = bdb__meta_get_u64(s, txn, "next_series", 1, id);
	if (!rc)
		rc = bdb__meta_put_u64(s, txn, "next_series", *id + 1);
	if (rc)
		return rc;
	uint8_t key[BDB__KEY_LONG], id8[8];
	bdb__put_be64(id8, *id);
	rc = put(s, txn, BDB__DB_SERIES, key, bdb__key_form(c->scratch.data, c->scratch.len, key),
		 id8, 8, MDB_NOOVERWRITE);
	if (rc == BDB_EEXISTS)
		return bdb_diag_set(c->d, BDB_ESTORE, NULL, 0, 0,
				    "series key hash collision for point \"%s\" metric \"%s\"",
				    p->name, metric);
	if (rc)
		return rc;
	bdb_buf info;
	bdb_buf_init(&info);
	bdb__series_info_encode(&info, unit, p->scenario, p->name, metric, p->tags, p->n_tags);
	bdb_series_info *si = NULL;
	rc = info.failed ? BDB_ENOMEM
			 : put(s, txn, BDB__DB_SERIES_INFO, id8, 8, info.data, info.len, 0);
	if (!rc)
		rc = bdb__series_info_decode(info.data, info.len, *id, &si);
	if (!rc)
		rc = update_postings(s, txn, si, true);
	free(si);
	bdb_buf_free(&info);
	return rc;
}

/* The unit of existing series id (valid until the transaction writes). */
static int series_unit(bdb_store *s, MDB_txn *txn, uint64_t id, const char **unit)
{
	uint8_t id8[8];
	bdb__put_be64(id8, id);
	MDB_val k = {8, id8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_SERIES_INFO], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
	*unit = bdb__series_info_unit(v.mv_data, v.mv_size);
	return *unit ? 0 : BDB_ECORRUPT;
}

int bdb__series_unit_factor(const bdb_point *p, const bdb_metric *m, const char *unit,
			    const char *sunit, double *factor, bdb_diag *d)
{
	*factor = 1;
	if (strcmp(sunit, unit) == 0)
		return 0;
	if (bdb__series_factor(unit, sunit, factor) != 0)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				    "point \"%s\" metric \"%s\": unit \"%s\" cannot be converted "
				    "to the series' unit \"%s\"",
				    p->name, m->name, unit, sunit);
	bool finite = isfinite(bdb__in_series_unit(m->value, *factor)) &&
		      (!m->has_lower || isfinite(bdb__in_series_unit(m->lower, *factor))) &&
		      (!m->has_upper || isfinite(bdb__in_series_unit(m->upper, *factor)));
	for (size_t i = 0; finite && i < m->n_samples; i++)
		finite = isfinite(bdb__in_series_unit(m->samples[i], *factor));
	if (!finite)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				    "point \"%s\" metric \"%s\": a number in \"%s\" is beyond a "
				    "double in the series' unit \"%s\" (%g %s)",
				    p->name, m->name, unit, sunit, m->value, unit);
	return 0;
}

/* Indexes one metric of point p: series, observation, run_series entry. */
static int put_metric(bdb_store *s, MDB_txn *txn, put_ctx *c, const bdb_point *p,
		      const bdb_metric *m)
{
	const bdb_metric_def *def = bdb_run_find_def(c->run, m->name);
	const char *unit = bdb__effective_unit(m->unit, def ? def->unit : NULL);
	/* The point's canonical bytes (point str0 ‖ metric str0 ‖ tags) with
	 * the metric's name put in the place of "". */
	size_t at = c->point_at, name_len = strlen(m->name);
	series_key k = {{c->point.data, m->name, c->point.data + at},
			{at, name_len, c->point.len - at},
			key_hash(c->point_hash, bdb_hash_bytes(m->name, name_len), c->rest_hash)};
	series_cache *sc = c->cache;
	uint64_t id = 0;
	series_slot *sl = sc->cap ? cache_slot(sc, &k) : NULL;
	int rc = 0;
	if (!sl || !sl->id) {
		/* A series the transaction has not used yet: its bytes whole. */
		bdb_buf_reset(&c->scratch);
		for (int i = 0; i < 3; i++)
			bdb_buf_append(&c->scratch, k.part[i], k.len[i]);
		if (c->scratch.failed)
			return BDB_ENOMEM;
		const char *sunit = unit;
		rc = bdb__series_find(s, txn, &c->scratch, &id);
		if (rc == BDB_ENOTFOUND)
			rc = create_series(s, txn, c, p, m->name, unit, &id);
		else if (rc == 0)
			rc = series_unit(s, txn, id, &sunit);
		if (!rc)
			rc = cache_add(sc, &k, &c->scratch, id, sunit, &sl);
		if (rc)
			return rc;
	} else if (sl->stamp == sc->stamp) {
		return bdb_diag_set(c->d, BDB_EINVAL, NULL, 0, 0,
				    "point \"%s\" with the same tags appears twice in run "
				    "\"%s\" (metric \"%s\")",
				    p->name, c->run->id, m->name);
	}
	sl->stamp = sc->stamp;
	id = sl->id;
	double factor;
	rc = bdb__series_unit_factor(p, m, unit, sc->bytes.data + sl->unit, &factor, c->d);
	if (rc)
		return rc;
	bdb_obs o = {
	    .timestamp_us = c->run->timestamp_us,
	    .run_seq = c->seq,
	    .value = bdb__in_series_unit(m->value, factor),
	    .has_lower = m->has_lower,
	    .lower = m->has_lower ? bdb__in_series_unit(m->lower, factor) : 0,
	    .has_upper = m->has_upper,
	    .upper = m->has_upper ? bdb__in_series_unit(m->upper, factor) : 0,
	    .n_samples = m->n_samples > UINT32_MAX ? UINT32_MAX : (uint32_t)m->n_samples,
	};
	/* Room for one observation per run of the batch at once: no realloc chain. */
	if (sl->obs.cap == 0)
		bdb_buf_reserve(&sl->obs, sc->batch_runs * sizeof o);
	bdb_buf_append(&sl->obs, &o, sizeof o); /* written by cache_write_obs */
	if (sl->obs.failed)
		return BDB_ENOMEM;
	uint8_t id8[8];
	bdb__put_be64(id8, id);
	bdb_buf_append(&c->series_ids, id8, 8);
	return c->series_ids.failed ? BDB_ENOMEM : 0;
}

bool bdb__test_legacy_ids;

const char *bdb_run_id_fault(const char *id)
{
	if (strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
		return "is a dot segment: URLs drop \".\" and \"..\" from a path, so the "
		       "dashboard's run page and /api/runs/ID could not reach the run; give "
		       "the run another id";
	return NULL;
}

/* A unit over BDB_UNIT_MAX bytes (a line of a benchmark's output taken for
 * its unit): the error, its first 16 bytes shown. */
static int unit_too_long(const char *point, const char *metric, const char *unit, bdb_diag *d)
{
	size_t len = strlen(unit);
	if (len <= BDB_UNIT_MAX)
		return 0;
	size_t shown = 0;
	uint32_t cp;
	for (size_t step; shown < 16 && (step = bdb_utf8_next(unit + shown, len - shown, &cp));)
		shown += step;
	if (point)
		return bdb_diag_set(
		    d, BDB_EINVAL, NULL, 0, 0,
		    "point \"%s\" metric \"%s\": unit \"%.*s...\" is %zu bytes long; "
		    "a unit is at most %d bytes",
		    point, metric, (int)shown, unit, len, BDB_UNIT_MAX);
	return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
			    "metric definition \"%s\": unit \"%.*s...\" is %zu bytes long; a "
			    "unit is at most %d bytes",
			    metric, (int)shown, unit, len, BDB_UNIT_MAX);
}

/* Checks what the store cannot hold: empty id (or one no URL can name), a
 * point without a name (no query could name it), tag keys with '=', a unit
 * over BDB_UNIT_MAX bytes. */
static int check_run(const bdb_run *run, bdb_diag *d)
{
	if (!run->id || !run->id[0])
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "a run needs a non-empty id");
	const char *fault = bdb_run_id_fault(run->id);
	if (fault && !bdb__test_legacy_ids)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "run id \"%s\" %s", run->id, fault);
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		if (!p->name || !p->name[0])
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "point %zu has an empty name; a point needs a name", i + 1);
		for (size_t j = 0; j < p->n_tags; j++)
			if (strchr(p->tags[j].key, '='))
				return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
						    "point \"%s\": tag key \"%s\" contains '=' "
						    "(tag terms are key=value)",
						    p->name, p->tags[j].key);
		for (size_t j = 0; j < p->n_metrics; j++) {
			const bdb_metric *m = &p->metrics[j];
			if (!m->name || !m->name[0])
				return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
						    "point \"%s\": a metric without a name",
						    p->name);
			int rc = m->unit ? unit_too_long(p->name, m->name, m->unit, d) : 0;
			if (rc)
				return rc;
		}
	}
	for (size_t i = 0; i < run->n_defs; i++) {
		const bdb_metric_def *def = &run->defs[i];
		if (!def->name || !def->name[0])
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "a metric definition without a name");
		int rc = def->unit ? unit_too_long(NULL, def->name, def->unit, d) : 0;
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * Compares run with the stored run whose FlatBuffer fb[0, len) is not byte
 * for byte run's encoding. *same is true when the only difference is a
 * timestamp that run merely assumed (clock, mtime): run encoded with the
 * stored timestamp is the stored bytes. Otherwise differs (size bytes) says
 * the first field that differs. Returns 0, BDB_ENOMEM, or BDB_ECORRUPT when
 * the stored run does not decode.
 */
static int stored_difference(const void *fb, size_t len, const bdb_run *run, bool *same,
			     char *differs, size_t size)
{
	bdb_run *stored;
	bdb_diag d;
	int rc = bdb_run_decode(fb, len, &stored, &d);
	if (rc)
		return rc == BDB_ENOMEM ? rc : BDB_ECORRUPT;
	*same = false;
	bdb_run copy = *run; /* shares run's strings; only read */
	if (run->timestamp_assumed)
		copy.timestamp_us = stored->timestamp_us;
	bdb_buf again, back;
	bdb_buf_init(&again);
	bdb_buf_init(&back);
	rc = bdb_run_encode(&copy, &again);
	*same = !rc && again.len == len && memcmp(again.data, fb, len) == 0;
	/* A run stored before units were trimmed at ingest ("ms ") reads back
	 * trimmed, as its file gives it now: the same run. */
	if (!rc && !*same && !(rc = bdb_run_encode(stored, &back)))
		*same = back.len == again.len && memcmp(back.data, again.data, back.len) == 0;
	bdb_buf_free(&again);
	bdb_buf_free(&back);
	if (!rc && !*same &&
	    !bdb_run_difference(stored, run, run->timestamp_assumed, differs, size))
		snprintf(differs, size, "the bits of a value (-0 and 0, or NaNs)");
	bdb_run_free(stored);
	return rc;
}

static int put_run_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	put_ctx *c = ctx;
	const bdb_run *run = c->run;
	bdb_buf_reset(&c->series_ids);
	c->cache->stamp++;
	uint64_t old;
	int rc = bdb__run_id_find(s, txn, run->id, &old);
	if (rc == 0) {
		MDB_val v;
		bdb_buf join;
		bdb_buf_init(&join);
		rc = bdb__run_value_get(s, txn, old, &join, &v);
		if (rc == BDB_ENOTFOUND)
			rc = BDB_ECORRUPT;
		if (!rc)
			rc = bdb__run_unpack(s, txn, v.mv_data, v.mv_size, &c->packed);
		bdb_buf_free(&join);
		if (rc)
			return rc;
		char differs[512] = "";
		bool same = c->packed.len == c->fb.len &&
			    memcmp(c->packed.data, c->fb.data, c->fb.len) == 0;
		if (!same) {
			rc = stored_difference(c->packed.data, c->packed.len, run, &same, differs,
					       sizeof differs);
			if (rc)
				return rc;
		}
		if (!same) { /* retention dropped its samples: it is stored */
			rc = bdb__samples_retained(s, txn, run, c->packed.data, c->packed.len,
						   &same);
			if (rc)
				return rc;
		}
		if (same) {
			c->seq = old;
			c->outcome = BDB_PUT_UNCHANGED;
			return 1;
		}
		if (!(c->flags & BDB_PUT_REPLACE))
			return bdb_diag_set(c->d, BDB_EEXISTS, NULL, 0, 0,
					    "run \"%s\" is already stored (sequence %llu) with "
					    "different contents (first difference: %s); replace it "
					    "to overwrite",
					    run->id, (unsigned long long)old, differs);
		rc = cache_write_obs(s, txn, c->cache); /* the old run may be in them */
		if (!rc)
			rc = bdb__delete_run_txn(s, txn, old, BDB__DELETE_KEEP_BASELINES);
		if (rc)
			return rc;
		cache_clear(c->cache); /* the delete may have removed series */
		c->seq = old;
		c->outcome = BDB_PUT_REPLACED;
	} else if (rc == BDB_ENOTFOUND) {
		/* A run retention rolled up is stored: in its rollup. */
		bool held;
		rc = bdb__rollup_holding(s, txn, run, &c->seq, &held);
		if (rc)
			return rc;
		if (held) {
			c->outcome = BDB_PUT_UNCHANGED;
			return 1;
		}
		char first[1024];
		size_t n_stored = 0;
		if (!(c->flags & BDB__PUT_RETAIN) &&
		    (rc = bdb__rollup_overlap(s, txn, run, first, sizeof first, &n_stored)) != 0)
			return rc;
		if (n_stored == 1)
			return bdb_diag_set(
			    c->d, BDB_EINVAL, NULL, 0, 0,
			    "rollup \"%s\" holds a run this store has (%s): storing "
			    "it would count its values twice; drop that run first "
			    "(benchdb drop-run) or leave the rollup out",
			    run->id, first);
		if (n_stored > 1)
			return bdb_diag_set(
			    c->d, BDB_EINVAL, NULL, 0, 0,
			    "rollup \"%s\" holds runs this store has (%s and %zu "
			    "more): storing it would count their values twice; drop "
			    "those runs first (benchdb drop-run) or leave the rollup "
			    "out",
			    run->id, first, n_stored - 1);
		rc = bdb__meta_get_u64(s, txn, "next_seq", 1, &c->seq);
		if (!rc && c->seq > BDB__MAX_SEQ)
			return bdb_diag_set(c->d, BDB_ETOOBIG, NULL, 0, 0,
					    "the store holds its limit of %lu runs (sequence "
					    "numbers are 32-bit)",
					    (unsigned long)BDB__MAX_SEQ);
		if (!rc)
			rc = bdb__meta_put_u64(s, txn, "next_seq", c->seq + 1);
		if (rc)
			return rc;
		c->outcome = BDB_PUT_STORED;
	} else {
		return rc;
	}

	uint8_t seq8[8], tk[16], key[BDB__KEY_LONG];
	bdb__put_be64(seq8, c->seq);
	bdb__put_time(tk, run->timestamp_us);
	memcpy(tk + 8, seq8, 8);
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		bdb_buf_reset(&c->point);
		bdb__series_canonical(&c->point, p->name, p->tags, p->n_tags, "");
		if (c->point.failed)
			return BDB_ENOMEM;
		c->point_at = (p->name ? strlen(p->name) : 0) + 1;
		c->point_hash = bdb_hash_bytes(c->point.data, c->point_at);
		c->rest_hash =
		    bdb_hash_bytes(c->point.data + c->point_at, c->point.len - c->point_at);
		for (size_t j = 0; j < p->n_metrics; j++) {
			rc = put_metric(s, txn, c, p, &p->metrics[j]);
			if (rc)
				return rc;
		}
	}
	size_t n_metrics = c->series_ids.len / 8;
	if (n_metrics > UINT32_MAX)
		return BDB_ETOOBIG;
	bdb_buf_reset(&c->scratch);
	rc = bdb__runlog_encode(&c->scratch, run, (uint32_t)n_metrics);
	if (!rc)
		rc = put(s, txn, BDB__DB_RUNLOG, seq8, 8, c->scratch.data, c->scratch.len, 0);
	if (!rc)
		rc = bdb__run_pack(s, txn, c->fb.data, c->fb.len, &c->packed);
	if (!rc)
		rc = bdb__run_value_put(s, txn, c->seq, c->packed.data, c->packed.len);
	if (!rc) {
		bdb_buf_reset(&c->scratch);
		bdb__run_series_encode(&c->scratch, (const uint8_t *)c->series_ids.data, n_metrics);
		rc = c->scratch.failed ? BDB_ENOMEM : 0;
	}
	if (!rc)
		rc = put(s, txn, BDB__DB_RUN_SERIES, seq8, 8, c->scratch.data, c->scratch.len, 0);
	if (!rc) {
		rc = put(s, txn, BDB__DB_RUN_IDS, key, bdb__key_form(run->id, strlen(run->id), key),
			 seq8, 8, MDB_NOOVERWRITE);
		if (rc == BDB_EEXISTS)
			return bdb_diag_set(c->d, BDB_ESTORE, NULL, 0, 0,
					    "run id hash collision for \"%s\"", run->id);
	}
	if (!rc)
		rc = put(s, txn, BDB__DB_TIME, tk, 16, "", 0, 0);
	if (!rc)
		rc = bdb__rollup_noted(s, txn, run);
	if (!rc && run->commit && run->commit[0])
		rc = put(s, txn, BDB__DB_COMMITS, key,
			 bdb__key_form(run->commit, strlen(run->commit), key), tk, 16, 0);
	for (size_t i = 0; i < run->n_defs && !rc; i++) {
		bdb_buf_reset(&c->scratch);
		bdb__metric_def_encode(&c->scratch, &run->defs[i]);
		const char *name = run->defs[i].name;
		rc = c->scratch.failed ? BDB_ENOMEM
				       : put(s, txn, BDB__DB_METRIC_DEFS, key,
					     bdb__key_form(name, strlen(name), key),
					     c->scratch.data, c->scratch.len, 0);
	}
	return rc;
}

typedef struct put_batch {
	put_ctx *items;
	size_t n;
	size_t failed; /* index of the run that failed */
	series_cache cache;
	int64_t now;		 /* the clock, for the policy applied on ingest */
	bdb__retained *retained; /* what that policy did (NULL: nothing) */
} put_batch;

static int put_batch_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	put_batch *b = ctx;
	bool wrote = false;
	cache_clear(&b->cache);
	b->failed = b->n; /* until a run fails: the transaction's own failure */
	for (size_t i = 0; i < b->n; i++) {
		int rc = put_run_txn(s, txn, &b->items[i]);
		if (rc < 0) {
			b->failed = i;
			return rc;
		}
		wrote = wrote || rc == 0;
	}
	if (!wrote)
		return 1;
	b->failed = b->n;
	int rc = cache_write_obs(s, txn, &b->cache);
	return rc ? rc : bdb__run_dict_train(s, txn);
}

/* The batch, then the retention policy when it says `apply on ingest`, in
 * the same transaction (a retry after the map grew plans it again). */
static int put_ingest_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	put_batch *b = ctx;
	bdb__retained_free(b->retained);
	b->retained = NULL;
	int rc = put_batch_txn(s, txn, b);
	if (rc == 0 && !(b->items[0].flags & BDB_PUT_DEFER_RETAIN))
		rc = bdb__retain_on_ingest(s, txn, b->now, &b->retained, b->items[0].d);
	return rc;
}

typedef struct retain_only {
	int64_t now;
	bdb__retained *retained;
	bdb_diag *d;
} retain_only;

static int retain_only_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	retain_only *r = ctx;
	bdb__retained_free(r->retained);
	r->retained = NULL;
	return bdb__retain_on_ingest(s, txn, r->now, &r->retained, r->d);
}

int bdb_store_retain_on_ingest(bdb_store *store, bdb_diag *d)
{
	bdb_diag_clear(d);
	retain_only r = {.now = (int64_t)time(NULL) * 1000000, .d = d};
	int rc = bdb__write(store, retain_only_txn, &r);
	if (rc && d && d->code == 0)
		bdb_diag_set(d, rc, NULL, 0, 0, "cannot apply the retention policy on ingest: %s",
			     bdb_store_write_error(store, rc));
	if (!rc)
		bdb__retained_report(r.retained, store->on_retain, store->on_retain_ctx);
	else
		bdb__retained_free(r.retained);
	return rc;
}

/* Sets up batch b of runs[0..n): each run checked and encoded. On failure
 * b->failed is the run that failed and d says why. Free with batch_free. */
static int batch_init(put_batch *b, const bdb_run *const *runs, size_t n, unsigned flags,
		      bdb_diag *d)
{
	*b = (put_batch){.items = calloc(n ? n : 1, sizeof *b->items), .n = n};
	bdb_buf_init(&b->cache.bytes);
	if (!b->items)
		return BDB_ENOMEM;
	b->cache.batch_runs = n;
	for (size_t i = 0; i < n; i++) {
		put_ctx *c = &b->items[i];
		*c = (put_ctx){.run = runs[i], .cache = &b->cache, .flags = flags, .d = d};
		bdb_buf_init(&c->fb);
		bdb_buf_init(&c->packed);
		bdb_buf_init(&c->scratch);
		bdb_buf_init(&c->point);
		bdb_buf_init(&c->series_ids);
	}
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		b->failed = i;
		rc = check_run(runs[i], d);
		if (!rc) {
			rc = bdb_run_encode(runs[i], &b->items[i].fb);
			if (rc)
				bdb_diag_set(d, rc, NULL, 0, 0, "cannot encode run \"%s\": %s",
					     runs[i]->id, bdb_strerror(rc));
		}
	}
	if (!rc)
		b->failed = n;
	return rc;
}

static void batch_free(put_batch *b)
{
	for (size_t i = 0; b->items && i < b->n; i++) {
		bdb_buf_free(&b->items[i].fb);
		bdb_buf_free(&b->items[i].packed);
		bdb_buf_free(&b->items[i].scratch);
		bdb_buf_free(&b->items[i].point);
		bdb_buf_free(&b->items[i].series_ids);
	}
	free(b->items);
	cache_clear(&b->cache);
	free(b->cache.slots);
	bdb_buf_free(&b->cache.bytes);
	bdb__retained_free(b->retained);
}

int bdb__put_runs_txn(bdb_store *s, MDB_txn *txn, const bdb_run *const *runs, size_t n,
		      unsigned flags, bdb_diag *d)
{
	put_batch b;
	int rc = batch_init(&b, runs, n, flags, d);
	if (!rc)
		rc = put_batch_txn(s, txn, &b);
	batch_free(&b);
	return rc > 0 ? 0 : rc;
}

int bdb_store_put_runs(bdb_store *store, const bdb_run *const *runs, size_t n, unsigned flags,
		       uint64_t *seqs, bdb_put_outcome *outcomes, size_t *failed, bdb_diag *d)
{
	bdb_diag_clear(d);
	put_batch b;
	int rc = batch_init(&b, runs, n, flags, d);
	if (rc == BDB_ENOMEM && !b.items)
		return rc;
	b.now = (int64_t)time(NULL) * 1000000;
	if (!rc)
		rc = bdb__write(store, put_ingest_txn, &b);
	if (rc) {
		/* The system's words (No space left on device) when the disk failed. */
		const char *why = bdb_store_write_error(store, rc);
		if (d && d->code == 0 && (b.failed < n || n == 1))
			bdb_diag_set(d, rc, NULL, 0, 0,
				     "cannot store run \"%s\": %s; nothing was stored",
				     runs[b.failed < n ? b.failed : 0]->id, why);
		else if (d && d->code == 0)
			bdb_diag_set(
			    d, rc, NULL, 0, 0,
			    "cannot store the %zu runs \"%s\" to \"%s\" (one transaction): %s; "
			    "none of them was stored",
			    n, runs[0]->id, runs[n - 1]->id, why);
		if (failed)
			*failed = b.failed;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		if (seqs)
			seqs[i] = b.items[i].seq;
		if (outcomes)
			outcomes[i] = b.items[i].outcome;
	}
	if (!rc) {
		bdb__retained_report(b.retained, store->on_retain, store->on_retain_ctx);
		b.retained = NULL;
	}
	batch_free(&b);
	return rc;
}

void bdb_store_on_retain(bdb_store *store, bdb_retain_fn fn, void *ctx)
{
	store->on_retain = fn;
	store->on_retain_ctx = ctx;
}

int bdb_store_put_run(bdb_store *store, const bdb_run *run, unsigned flags, uint64_t *out_seq,
		      bdb_put_outcome *outcome, bdb_diag *d)
{
	return bdb_store_put_runs(store, &run, 1, flags, out_seq, outcome, NULL, d);
}

/* ------------------------------------------------------------------------ */
/* Delete, baselines, metric definitions                                     */
/* ------------------------------------------------------------------------ */

typedef struct delete_ctx {
	const uint64_t *seqs;
	size_t n;
} delete_ctx;

static int delete_runs_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const delete_ctx *c = ctx;
	int rc = 0;
	for (size_t i = 0; !rc && i < c->n; i++)
		rc = bdb__delete_run_txn(s, txn, c->seqs[i], 0);
	return rc;
}

int bdb_store_delete_runs(bdb_store *store, const uint64_t *seqs, size_t n)
{
	delete_ctx c = {seqs, n};
	return bdb__write(store, delete_runs_txn, &c);
}

int bdb_store_delete_run(bdb_store *store, uint64_t seq)
{
	return bdb_store_delete_runs(store, &seq, 1);
}

typedef struct baseline_ctx {
	const char *name;
	uint64_t seq;
} baseline_ctx;

int bdb__baseline_find(bdb_store *s, MDB_txn *txn, const char *name, uint8_t *key, size_t *klen,
		       uint64_t *seq)
{
	*klen = bdb__key_form(name, strlen(name), key);
	MDB_val k = {*klen, key}, v;
	if (*klen == 0)
		return BDB_ENOTFOUND;
	int rc = mdb_get(txn, s->dbi[BDB__DB_BASELINES], &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	const char *stored;
	rc = bdb__baseline_decode(v.mv_data, v.mv_size, seq, &stored);
	if (rc)
		return rc;
	return strcmp(stored, name) == 0 ? 0 : BDB_EEXISTS;
}

static int set_baseline_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	baseline_ctx *c = ctx;
	uint8_t seq8[8], key[BDB__KEY_LONG];
	bdb__put_be64(seq8, c->seq);
	MDB_val k = {8, seq8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_RUNLOG], &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	size_t klen;
	uint64_t old;
	rc = bdb__baseline_find(s, txn, c->name, key, &klen, &old);
	if (rc != 0 && rc != BDB_ENOTFOUND)
		return rc;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb__baseline_encode(&b, c->seq, c->name);
	rc = b.failed ? BDB_ENOMEM : put(s, txn, BDB__DB_BASELINES, key, klen, b.data, b.len, 0);
	bdb_buf_free(&b);
	return rc;
}

int bdb_store_set_baseline(bdb_store *store, const char *name, uint64_t seq)
{
	/* Names are one line of UTF-8 text wherever they come from (query, CLI
	 * argument): JSON output carries them, benchkit's listing prints one a
	 * line. */
	if (!name || !name[0] || bdb_text_fault(name, strlen(name), true, NULL) != strlen(name))
		return BDB_EINVAL;
	baseline_ctx c = {name, seq};
	return bdb__write(store, set_baseline_txn, &c);
}

static int drop_baseline_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	baseline_ctx *c = ctx;
	uint8_t key[BDB__KEY_LONG];
	size_t klen;
	uint64_t seq;
	int rc = bdb__baseline_find(s, txn, c->name, key, &klen, &seq);
	if (rc == BDB_EEXISTS)
		return BDB_ENOTFOUND;
	if (rc)
		return rc;
	return del(s, txn, BDB__DB_BASELINES, key, klen, NULL, 0);
}

int bdb_store_drop_baseline(bdb_store *store, const char *name)
{
	if (!name || !name[0])
		return BDB_EINVAL;
	baseline_ctx c = {name, 0};
	return bdb__write(store, drop_baseline_txn, &c);
}

static int put_metric_def_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	const bdb_metric_def *def = ctx;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb__metric_def_encode(&b, def);
	uint8_t key[BDB__KEY_LONG];
	int rc = b.failed ? BDB_ENOMEM
			  : put(s, txn, BDB__DB_METRIC_DEFS, key,
				bdb__key_form(def->name, strlen(def->name), key), b.data, b.len, 0);
	bdb_buf_free(&b);
	return rc;
}

int bdb_store_put_metric_def(bdb_store *store, const bdb_metric_def *def)
{
	if (!def || !def->name || !def->name[0] || (unsigned)def->direction > BDB_INFO ||
	    (unsigned)def->priority > BDB_SECONDARY)
		return BDB_EINVAL;
	return bdb__write(store, put_metric_def_txn, (void *)def);
}
