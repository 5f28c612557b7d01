/*
 * write.c - everything that changes the store: putting, replacing and
 * deleting runs with all their index entries, baselines and metric
 * definitions. Each public function is one write transaction (bdb__write),
 * so a reader sees a run whole or not at all.
 */
#include <stdlib.h>
#include <string.h>

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

/* True when series id still has an observation. */
static int series_has_obs(bdb_store *s, MDB_txn *txn, uint64_t id, bool *has)
{
	uint8_t key[8];
	bdb__put_be64(key, id);
	MDB_val k = {8, key}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_OBS], &k, &v);
	*has = rc == 0;
	return rc == 0 || rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

/* Deletes the observation of series in run (us, seq); a missing one is fine. */
static int delete_obs(bdb_store *s, MDB_txn *txn, uint64_t series, int64_t us, uint64_t seq)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->dbi[BDB__DB_OBS], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	rc = bdb__obs_find(cur, series, us, seq, NULL);
	if (rc == 0)
		rc = bdb__mdb_error(mdb_cursor_del(cur, 0));
	mdb_cursor_close(cur);
	return rc == BDB_ENOTFOUND ? 0 : rc;
}

int bdb__delete_run_txn(bdb_store *s, MDB_txn *txn, uint64_t seq, bool keep_baselines)
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
		rc = delete_obs(s, txn, series[i], ts, seq);
		bool has = true;
		if (!rc)
			rc = series_has_obs(s, txn, series[i], &has);
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
		rc = del(s, txn, BDB__DB_RUNS, seq8, 8, NULL, 0);
	if (!rc && !keep_baselines) {
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

typedef struct put_ctx {
	const bdb_run *run;
	unsigned flags;
	bdb_buf fb;	    /* the encoded run */
	bdb_buf scratch;    /* canonical bytes, values */
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

/* The factor from unit to the unit of existing series id. */
static int series_unit_factor(bdb_store *s, MDB_txn *txn, put_ctx *c, uint64_t id,
			      const bdb_point *p, const char *metric, const char *unit,
			      double *factor)
{
	uint8_t id8[8];
	bdb__put_be64(id8, id);
	MDB_val k = {8, id8}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_SERIES_INFO], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
	const char *sunit = bdb__series_info_unit(v.mv_data, v.mv_size);
	if (!sunit)
		return BDB_ECORRUPT;
	if (strcmp(sunit, unit) == 0) {
		*factor = 1;
		return 0;
	}
	if (bdb__series_factor(unit, sunit, factor) != 0)
		return bdb_diag_set(c->d, BDB_EINVAL, NULL, 0, 0,
				    "point \"%s\" metric \"%s\": unit \"%s\" cannot be converted "
				    "to the series' unit \"%s\"",
				    p->name, metric, unit, sunit);
	return 0;
}

/*
 * The width of series id's observation records, 0 when it has none. LMDB
 * keeps one size per key and does not check it: a put of another size
 * would be stored cut or padded, so every put asks first.
 */
static int obs_width(bdb_store *s, MDB_txn *txn, uint64_t id, size_t *width)
{
	uint8_t key[8];
	bdb__put_be64(key, id);
	MDB_val k = {8, key}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_OBS], &k, &v);
	*width = rc == 0 ? v.mv_size : 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return bdb__mdb_error(rc);
	return v.mv_size == BDB__OBS_NARROW || v.mv_size == BDB__OBS_WIDE ? 0 : BDB_ECORRUPT;
}

/*
 * Rewrites the narrow records of series id in the wide form (the first
 * observation with bounds or samples arrived): reads them into tmp, deletes
 * the key and appends them back, in order.
 */
static int obs_widen(bdb_store *s, MDB_txn *txn, uint64_t id, bdb_buf *tmp)
{
	uint8_t key[8];
	bdb__put_be64(key, id);
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, s->dbi[BDB__DB_OBS], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf_reset(tmp);
	MDB_val k = {8, key}, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_SET);
	while (got == 0) {
		bdb_obs o;
		uint8_t rec[BDB__OBS_WIDE];
		rc = bdb__obs_record_decode(v.mv_data, v.mv_size, &o);
		if (rc)
			break;
		bdb__obs_record_encode(rec, &o, BDB__OBS_WIDE);
		bdb_buf_append(tmp, rec, sizeof rec);
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP);
	}
	mdb_cursor_close(cur);
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (!rc && tmp->failed)
		rc = BDB_ENOMEM;
	if (!rc)
		rc = del(s, txn, BDB__DB_OBS, key, 8, NULL, 0);
	for (size_t at = 0; !rc && at < tmp->len; at += BDB__OBS_WIDE)
		rc = put(s, txn, BDB__DB_OBS, key, 8, tmp->data + at, BDB__OBS_WIDE,
			 MDB_APPENDDUP);
	return rc;
}

/* Indexes one metric of point p: series, observation, run_series entry. */
static int put_metric(bdb_store *s, MDB_txn *txn, put_ctx *c, const bdb_point *p,
		      const bdb_metric *m)
{
	const bdb_metric_def *def = bdb_run_find_def(c->run, m->name);
	const char *unit = bdb__effective_unit(m->unit, def ? def->unit : NULL);
	bdb_buf_reset(&c->scratch);
	bdb__series_canonical(&c->scratch, p->name, p->tags, p->n_tags, m->name);
	if (c->scratch.failed)
		return BDB_ENOMEM;
	uint64_t id;
	double factor = 1;
	size_t width = 0; /* of the series' records; 0: it has none */
	int rc = bdb__series_find(s, txn, &c->scratch, &id);
	if (rc == BDB_ENOTFOUND)
		rc = create_series(s, txn, c, p, m->name, unit, &id);
	else if (rc == 0)
		rc = series_unit_factor(s, txn, c, id, p, m->name, unit, &factor);
	if (rc == 0)
		rc = obs_width(s, txn, id, &width);
	if (rc)
		return rc;
	bdb_obs o = {
	    .timestamp_us = c->run->timestamp_us,
	    .run_seq = c->seq,
	    .value = m->value * factor,
	    .has_lower = m->has_lower,
	    .lower = m->has_lower ? m->lower * factor : 0,
	    .has_upper = m->has_upper,
	    .upper = m->has_upper ? m->upper * factor : 0,
	    .n_samples = m->n_samples > UINT32_MAX ? UINT32_MAX : (uint32_t)m->n_samples,
	};
	if (bdb__obs_needs_wide(&o) && width == BDB__OBS_NARROW) {
		rc = obs_widen(s, txn, id, &c->scratch);
		if (rc)
			return rc;
		width = BDB__OBS_WIDE;
	}
	if (!width)
		width = bdb__obs_needs_wide(&o) ? BDB__OBS_WIDE : BDB__OBS_NARROW;
	uint8_t key[8], rec[BDB__OBS_WIDE];
	bdb__put_be64(key, id);
	bdb__obs_record_encode(rec, &o, width);
	/*
	 * Usually the newest run: appending fills the series' pages completely
	 * instead of splitting them in half. LMDB refuses an append that is not
	 * past the last record (MDB_KEYEXIST, nothing written); then insert.
	 */
	rc = put(s, txn, BDB__DB_OBS, key, 8, rec, width, MDB_APPENDDUP);
	if (rc == BDB_EEXISTS)
		rc = put(s, txn, BDB__DB_OBS, key, 8, rec, width, 0);
	if (rc)
		return rc;
	uint8_t id8[8];
	bdb__put_be64(id8, id);
	bdb_buf_append(&c->series_ids, id8, 8);
	return c->series_ids.failed ? BDB_ENOMEM : 0;
}

typedef struct series_at {
	uint64_t id;
	size_t index; /* in the run's order of metrics */
} series_at;

static int compare_series_at(const void *a, const void *b)
{
	const series_at *x = a, *y = b;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Fails when a point (name and tags) appears twice in the run: two of its
 * metrics went to one series. */
static int check_series_unique(put_ctx *c)
{
	size_t n = c->series_ids.len / 8;
	series_at *at = malloc((n + 1) * sizeof *at);
	if (!at)
		return BDB_ENOMEM;
	for (size_t i = 0; i < n; i++)
		at[i] = (series_at){bdb__get_be64((const uint8_t *)c->series_ids.data + 8 * i), i};
	qsort(at, n, sizeof *at, compare_series_at);
	size_t dup = SIZE_MAX;
	for (size_t i = 1; i < n && dup == SIZE_MAX; i++)
		if (at[i].id == at[i - 1].id)
			dup = at[i].index;
	free(at);
	if (dup == SIZE_MAX)
		return 0;
	for (size_t i = 0; i < c->run->n_points; i++) {
		const bdb_point *p = &c->run->points[i];
		if (dup < p->n_metrics)
			return bdb_diag_set(c->d, BDB_EINVAL, NULL, 0, 0,
					    "point \"%s\" with the same tags appears twice in run "
					    "\"%s\" (metric \"%s\")",
					    p->name, c->run->id, p->metrics[dup].name);
		dup -= p->n_metrics;
	}
	return BDB_EINVAL;
}

/* Checks what the store cannot hold: empty id, tag keys with '='. */
static int check_run(const bdb_run *run, bdb_diag *d)
{
	if (!run->id || !run->id[0])
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0, "a run needs a non-empty id");
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		for (size_t j = 0; j < p->n_tags; j++)
			if (strchr(p->tags[j].key, '='))
				return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
						    "point \"%s\": tag key \"%s\" contains '=' "
						    "(tag terms are key=value)",
						    p->name, p->tags[j].key);
		for (size_t j = 0; j < p->n_metrics; j++)
			if (!p->metrics[j].name || !p->metrics[j].name[0])
				return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
						    "point \"%s\": a metric without a name",
						    p->name);
	}
	for (size_t i = 0; i < run->n_defs; i++)
		if (!run->defs[i].name || !run->defs[i].name[0])
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "a metric definition without a name");
	return 0;
}

static int put_run_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	put_ctx *c = ctx;
	const bdb_run *run = c->run;
	bdb_buf_reset(&c->series_ids);
	uint64_t old;
	int rc = bdb__run_id_find(s, txn, run->id, &old);
	if (rc == 0) {
		uint8_t seq8[8];
		bdb__put_be64(seq8, old);
		MDB_val k = {8, seq8}, v;
		rc = mdb_get(txn, s->dbi[BDB__DB_RUNS], &k, &v);
		if (rc)
			return rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc);
		if (v.mv_size == c->fb.len && memcmp(v.mv_data, c->fb.data, v.mv_size) == 0) {
			c->seq = old;
			c->outcome = BDB_PUT_UNCHANGED;
			return 1;
		}
		if (!(c->flags & BDB_PUT_REPLACE))
			return bdb_diag_set(c->d, BDB_EEXISTS, NULL, 0, 0,
					    "run \"%s\" is already stored (sequence %llu) with "
					    "different contents; replace it to overwrite",
					    run->id, (unsigned long long)old);
		rc = bdb__delete_run_txn(s, txn, old, true);
		if (rc)
			return rc;
		c->seq = old;
		c->outcome = BDB_PUT_REPLACED;
	} else if (rc == BDB_ENOTFOUND) {
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
		for (size_t j = 0; j < p->n_metrics; j++) {
			rc = put_metric(s, txn, c, p, &p->metrics[j]);
			if (rc)
				return rc;
		}
	}
	rc = check_series_unique(c);
	if (rc)
		return rc;
	size_t n_metrics = c->series_ids.len / 8;
	if (n_metrics > UINT32_MAX)
		return BDB_ETOOBIG;
	bdb_buf_reset(&c->scratch);
	rc = bdb__runlog_encode(&c->scratch, run, (uint32_t)n_metrics);
	if (!rc)
		rc = put(s, txn, BDB__DB_RUNLOG, seq8, 8, c->scratch.data, c->scratch.len, 0);
	if (!rc)
		rc = put(s, txn, BDB__DB_RUNS, seq8, 8, c->fb.data, c->fb.len, 0);
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
} put_batch;

static int put_batch_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	put_batch *b = ctx;
	bool wrote = false;
	for (size_t i = 0; i < b->n; i++) {
		int rc = put_run_txn(s, txn, &b->items[i]);
		if (rc < 0) {
			b->failed = i;
			return rc;
		}
		wrote = wrote || rc == 0;
	}
	return wrote ? 0 : 1;
}

int bdb_store_put_runs(bdb_store *store, const bdb_run *const *runs, size_t n, unsigned flags,
		       uint64_t *seqs, bdb_put_outcome *outcomes, size_t *failed, bdb_diag *d)
{
	bdb_diag_clear(d);
	put_batch b = {.items = calloc(n ? n : 1, sizeof *b.items), .n = n};
	if (!b.items)
		return BDB_ENOMEM;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		put_ctx *c = &b.items[i];
		*c = (put_ctx){.run = runs[i], .flags = flags, .d = d};
		bdb_buf_init(&c->fb);
		bdb_buf_init(&c->scratch);
		bdb_buf_init(&c->series_ids);
	}
	for (size_t i = 0; i < n && !rc; i++) {
		b.failed = i;
		rc = check_run(runs[i], d);
		if (!rc) {
			rc = bdb_run_encode(runs[i], &b.items[i].fb);
			if (rc)
				bdb_diag_set(d, rc, NULL, 0, 0, "cannot encode run \"%s\": %s",
					     runs[i]->id, bdb_strerror(rc));
		}
	}
	if (!rc)
		rc = bdb__write(store, put_batch_txn, &b);
	if (rc) {
		/* The system's words (No space left on device) when the disk failed. */
		if (d && d->code == 0)
			bdb_diag_set(d, rc, NULL, 0, 0, "cannot store run \"%s\": %s; nothing was stored",
				     runs[b.failed]->id,
				     store->last_write_error ? mdb_strerror(store->last_write_error)
							     : bdb_strerror(rc));
		if (failed)
			*failed = b.failed;
	}
	for (size_t i = 0; i < n; i++) {
		if (!rc && seqs)
			seqs[i] = b.items[i].seq;
		if (!rc && outcomes)
			outcomes[i] = b.items[i].outcome;
		bdb_buf_free(&b.items[i].fb);
		bdb_buf_free(&b.items[i].scratch);
		bdb_buf_free(&b.items[i].series_ids);
	}
	free(b.items);
	return rc;
}

int bdb_store_put_run(bdb_store *store, const bdb_run *run, unsigned flags, uint64_t *out_seq,
		      bdb_put_outcome *outcome, bdb_diag *d)
{
	return bdb_store_put_runs(store, &run, 1, flags, out_seq, outcome, NULL, d);
}

/* ------------------------------------------------------------------------ */
/* Delete, baselines, metric definitions                                     */
/* ------------------------------------------------------------------------ */

static int delete_run_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	return bdb__delete_run_txn(s, txn, *(const uint64_t *)ctx, false);
}

int bdb_store_delete_run(bdb_store *store, uint64_t seq)
{
	return bdb__write(store, delete_run_txn, &seq);
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
	if (!name || !name[0])
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
