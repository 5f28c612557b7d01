/*
 * series.c - what readers read of series: the dictionary, postings and
 * their intersections, the catalog of terms, the series of one run, and
 * the observation index (iterators and point lookups), which is read
 * without touching the run FlatBuffers.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static MDB_dbi dbi(bdb_reader *r, int db)
{
	return r->store->dbi[db];
}

int bdb_reader_series_lookup(bdb_reader *r, const char *point, const bdb_kv *tags, size_t n_tags,
			     const char *metric, uint64_t *id)
{
	bdb_buf c;
	bdb_buf_init(&c);
	bdb__series_canonical(&c, point, tags, n_tags, metric);
	int rc = c.failed ? BDB_ENOMEM : bdb__series_find(r->store, r->txn, &c, id);
	bdb_buf_free(&c);
	return rc;
}

int bdb_reader_series_info(bdb_reader *r, uint64_t id, bdb_series_info **out)
{
	uint8_t k8[8];
	bdb__put_be64(k8, id);
	MDB_val k = {8, k8}, v;
	int rc = mdb_get(r->txn, dbi(r, BDB__DB_SERIES_INFO), &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	return bdb__series_info_decode(v.mv_data, v.mv_size, id, out);
}

/* True when series id has term among its terms (for long-key checks). */
static bool series_has_term(bdb_reader *r, uint64_t id, const char *term, size_t len)
{
	bdb_series_info *info;
	if (bdb_reader_series_info(r, id, &info) != 0)
		return false;
	bdb_buf terms;
	bdb_buf_init(&terms);
	size_t n = bdb__series_terms(&terms, info);
	bool found = false;
	const char *t = terms.failed ? NULL : terms.data;
	for (size_t i = 0; t && i < n && !found; i++) {
		size_t tlen = strlen(t);
		found = tlen == len && memcmp(t, term, len) == 0;
		t += tlen + 1;
	}
	bdb_buf_free(&terms);
	free(info);
	return found;
}

/*
 * Appends the series ids of the postings entry under cur's current key to
 * ids (grown with realloc). Reads whole pages of the DUPFIXED set at once.
 */
static int read_dups(MDB_cursor *cur, uint64_t **ids, size_t *n, size_t *cap)
{
	MDB_val k, v;
	size_t count;
	int rc = mdb_cursor_count(cur, &count);
	/* A single value is not in a sub-database: MDB_GET_MULTIPLE would
	 * succeed without returning it. */
	if (rc == 0)
		rc = mdb_cursor_get(cur, &k, &v, count == 1 ? MDB_GET_CURRENT : MDB_GET_MULTIPLE);
	while (rc == 0) {
		if (v.mv_size % 8)
			return BDB_ECORRUPT;
		size_t m = v.mv_size / 8;
		if (*n + m > *cap) {
			size_t c = *cap ? *cap : 16;
			while (c < *n + m)
				c *= 2;
			uint64_t *grown = realloc(*ids, c * sizeof **ids);
			if (!grown)
				return BDB_ENOMEM;
			*ids = grown;
			*cap = c;
		}
		for (size_t i = 0; i < m; i++)
			(*ids)[(*n)++] = bdb__get_be64((const uint8_t *)v.mv_data + 8 * i);
		if (count == 1)
			break;
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_MULTIPLE);
	}
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

/* A cursor on the postings and term's key (len > 0 bytes) in key and k, not
 * positioned yet. Returns 0 or a BDB_E* code. */
static int postings_cursor(bdb_reader *r, const char *term, size_t len, uint8_t key[BDB__KEY_LONG],
			   MDB_val *k, MDB_cursor **cur)
{
	k->mv_size = bdb__key_form(term, len, key);
	k->mv_data = key;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_POSTINGS), cur);
	return rc ? bdb__mdb_error(rc) : 0;
}

int bdb_reader_term_exists(bdb_reader *r, const char *term, bool *exists)
{
	*exists = false;
	size_t len = strlen(term);
	if (len == 0)
		return 0;
	uint8_t key[BDB__KEY_LONG];
	MDB_val k, v;
	MDB_cursor *cur;
	int rc = postings_cursor(r, term, len, key, &k, &cur);
	if (rc)
		return rc;
	bool hashed = bdb__key_is_long(k.mv_size);
	int got = mdb_cursor_get(cur, &k, &v, MDB_SET_KEY);
	/* A hashed term: the first of its series that really has it. */
	for (; got == 0; got = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP)) {
		if (v.mv_size != 8) {
			rc = BDB_ECORRUPT;
			break;
		}
		if (!hashed || series_has_term(r, bdb__get_be64(v.mv_data), term, len)) {
			*exists = true;
			break;
		}
	}
	mdb_cursor_close(cur);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	return rc;
}

int bdb_reader_postings(bdb_reader *r, const char *term, uint64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	size_t len = strlen(term);
	if (len == 0)
		return 0;
	uint8_t key[BDB__KEY_LONG];
	MDB_val k, v;
	MDB_cursor *cur;
	int rc = postings_cursor(r, term, len, key, &k, &cur);
	if (rc)
		return rc;
	size_t cap = 0;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET);
	if (rc == 0)
		rc = read_dups(cur, ids, n, &cap);
	else
		rc = rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
	mdb_cursor_close(cur);
	if (!rc && bdb__key_is_long(k.mv_size)) {
		/* A hashed term: keep the series that really have it. */
		size_t kept = 0;
		for (size_t i = 0; i < *n; i++)
			if (series_has_term(r, (*ids)[i], term, len))
				(*ids)[kept++] = (*ids)[i];
		*n = kept;
	}
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

int bdb_reader_postings_has(bdb_reader *r, const char *term, uint64_t id, bool *has)
{
	*has = false;
	size_t len = strlen(term);
	if (len == 0)
		return 0;
	uint8_t key[BDB__KEY_LONG], id8[8];
	bdb__put_be64(id8, id);
	size_t klen = bdb__key_form(term, len, key);
	MDB_val k = {klen, key}, v = {8, id8};
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_POSTINGS), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	rc = mdb_cursor_get(cur, &k, &v, MDB_GET_BOTH);
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc)
		return bdb__mdb_error(rc);
	/* A hashed term lists every series whose term has that hash. */
	*has = !bdb__key_is_long(klen) || series_has_term(r, id, term, len);
	return 0;
}

/* Every series id, ascending. */
static int all_series(bdb_reader *r, uint64_t **ids, size_t *n)
{
	uint64_t entries;
	int rc = bdb__db_entries(r->store, r->txn, BDB__DB_SERIES_INFO, &entries);
	if (rc)
		return rc;
	uint64_t *list = malloc((entries + 1) * sizeof *list);
	if (!list)
		return BDB_ENOMEM;
	MDB_cursor *cur;
	rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_SERIES_INFO), &cur);
	if (rc) {
		free(list);
		return bdb__mdb_error(rc);
	}
	size_t len = 0;
	MDB_val k, v;
	rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	while (rc == 0 && len < entries && k.mv_size == 8) {
		list[len++] = bdb__get_be64(k.mv_data);
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	*ids = list;
	*n = len;
	return 0;
}

int bdb_reader_series_match(bdb_reader *r, const char *const *terms, size_t n_terms, uint64_t **ids,
			    size_t *n)
{
	*ids = NULL;
	*n = 0;
	if (n_terms == 0)
		return all_series(r, ids, n);
	uint64_t *acc;
	size_t n_acc;
	int rc = bdb_reader_postings(r, terms[0], &acc, &n_acc);
	if (rc)
		return rc;
	for (size_t t = 1; t < n_terms && n_acc > 0; t++) {
		uint64_t *other;
		size_t n_other;
		rc = bdb_reader_postings(r, terms[t], &other, &n_other);
		if (rc) {
			free(acc);
			return rc;
		}
		/* Both ascending: a merge keeps the common ids in order. */
		size_t i = 0, j = 0, kept = 0;
		while (i < n_acc && j < n_other) {
			if (acc[i] < other[j])
				i++;
			else if (acc[i] > other[j])
				j++;
			else {
				acc[kept++] = acc[i];
				i++;
				j++;
			}
		}
		n_acc = kept;
		free(other);
	}
	*ids = acc;
	*n = n_acc;
	return 0;
}

/*
 * The whole term of a postings key: the key itself, or for a long key the
 * matching term of the first series in its set. Written to out.
 */
static int whole_term(bdb_reader *r, MDB_cursor *cur, const MDB_val *k, bdb_buf *out)
{
	bdb_buf_reset(out);
	if (!bdb__key_is_long(k->mv_size)) {
		bdb_buf_append(out, k->mv_data, k->mv_size);
		return out->failed ? BDB_ENOMEM : 0;
	}
	MDB_val kk, v;
	int rc = mdb_cursor_get(cur, &kk, &v, MDB_GET_CURRENT);
	if (rc)
		return bdb__mdb_error(rc);
	if (v.mv_size != 8)
		return BDB_ECORRUPT;
	bdb_series_info *info;
	rc = bdb_reader_series_info(r, bdb__get_be64(v.mv_data), &info);
	if (rc)
		return rc == BDB_ENOTFOUND ? BDB_ECORRUPT : rc;
	bdb_buf terms;
	bdb_buf_init(&terms);
	size_t n = bdb__series_terms(&terms, info);
	rc = BDB_ECORRUPT;
	const char *t = terms.failed ? NULL : terms.data;
	for (size_t i = 0; t && i < n; i++) {
		size_t tlen = strlen(t);
		uint8_t key[BDB__KEY_LONG];
		if (bdb__key_form(t, tlen, key) == k->mv_size &&
		    memcmp(key, k->mv_data, k->mv_size) == 0) {
			bdb_buf_append(out, t, tlen);
			rc = out->failed ? BDB_ENOMEM : 0;
			break;
		}
		t += tlen + 1;
	}
	bdb_buf_free(&terms);
	free(info);
	return rc;
}

/*
 * Walks the distinct postings terms starting with prefix. With tag_keys,
 * after a term "t:<key>=..." jumps past every other value of that key and
 * calls fn with "t:<key>" only, once per key.
 */
static int walk_terms(bdb_reader *r, const char *prefix, bool tag_keys, bdb_term_fn fn, void *ctx)
{
	size_t plen = strlen(prefix);
	size_t cmp = plen < BDB__KEY_INLINE ? plen : BDB__KEY_INLINE;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_POSTINGS), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf term, seek;
	bdb_buf_init(&term);
	bdb_buf_init(&seek);
	MDB_val k = {cmp, (void *)prefix}, v;
	int got = cmp ? mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE)
		      : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	rc = 0;
	while (got == 0 && k.mv_size >= cmp && memcmp(k.mv_data, prefix, cmp) == 0) {
		rc = whole_term(r, cur, &k, &term);
		if (rc)
			break;
		MDB_cursor_op next = MDB_NEXT_NODUP;
		if (term.len >= plen && memcmp(term.data, prefix, plen) == 0) {
			size_t len = term.len;
			bool repeat = false;
			if (tag_keys) {
				const char *eq = memchr(term.data, '=', term.len);
				len = eq ? (size_t)(eq - term.data) : term.len;
				/* A key too long to seek past comes once per value. */
				repeat =
				    seek.len == len + 1 && memcmp(seek.data, term.data, len) == 0;
				/* Seek past "t:<key>=" + every value: "t:<key>>" ('=' + 1). */
				bdb_buf_reset(&seek);
				bdb_buf_append(&seek, term.data, len);
				bdb_buf_putc(&seek, '=' + 1);
				if (seek.failed) {
					rc = BDB_ENOMEM;
					break;
				}
				if (seek.len <= BDB__KEY_INLINE)
					next = MDB_SET_RANGE;
			}
			term.data[len] = '\0';
			rc = repeat ? 0 : fn(ctx, term.data, len);
			if (rc)
				break;
		}
		if (next == MDB_SET_RANGE) {
			k.mv_size = seek.len;
			k.mv_data = seek.data;
		}
		got = mdb_cursor_get(cur, &k, &v, next);
	}
	mdb_cursor_close(cur);
	bdb_buf_free(&term);
	bdb_buf_free(&seek);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	return rc;
}

int bdb_reader_terms(bdb_reader *r, const char *prefix, bdb_term_fn fn, void *ctx)
{
	return walk_terms(r, prefix, false, fn, ctx);
}

/* Passes "t:<key>" on as "<key>". */
typedef struct tag_key_ctx {
	bdb_term_fn fn;
	void *ctx;
} tag_key_ctx;

static int pass_tag_key(void *ctx, const char *term, size_t len)
{
	tag_key_ctx *c = ctx;
	return c->fn(c->ctx, term + 2, len - 2);
}

int bdb_reader_tag_keys(bdb_reader *r, bdb_term_fn fn, void *ctx)
{
	tag_key_ctx c = {fn, ctx};
	return walk_terms(r, "t:", true, pass_tag_key, &c);
}

int bdb_reader_run_series(bdb_reader *r, uint64_t seq, uint64_t **ids, size_t *n)
{
	*ids = NULL;
	*n = 0;
	bdb_run_info info;
	int rc = bdb_reader_run_info(r, seq, &info);
	if (rc)
		return rc;
	uint8_t k8[8];
	bdb__put_be64(k8, seq);
	MDB_val k = {8, k8}, v;
	rc = mdb_get(r->txn, dbi(r, BDB__DB_RUN_SERIES), &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	/* The run log's metric count is the store's word too: each metric of a
	 * run is in a series of its own, so no run lists more than all series. */
	uint64_t n_series;
	rc = bdb__db_entries(r->store, r->txn, BDB__DB_SERIES_INFO, &n_series);
	if (rc)
		return rc;
	size_t max = info.n_metrics < n_series ? info.n_metrics : (size_t)n_series;
	return bdb__run_series_decode(v.mv_data, v.mv_size, max, ids, n);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

int bdb_reader_run_series_sorted(bdb_reader *r, uint64_t seq, uint64_t **ids, size_t *n)
{
	int rc = bdb_reader_run_series(r, seq, ids, n);
	if (!rc)
		qsort(*ids, *n, sizeof **ids, cmp_u64);
	return rc;
}

int bdb_reader_series_overlap(bdb_reader *r, uint64_t seq, const uint64_t *sorted, size_t n,
			      size_t *in, size_t *out)
{
	uint64_t *ids = NULL;
	size_t m = 0;
	int rc = bdb_reader_run_series(r, seq, &ids, &m);
	*in = *out = 0;
	for (size_t i = 0; !rc && i < m; i++) {
		if (bsearch(&ids[i], sorted, n, sizeof *sorted, cmp_u64))
			(*in)++;
		else
			(*out)++;
	}
	free(ids);
	return rc;
}

int bdb_reader_commit_sibling(bdb_reader *r, const bdb_run_info *run, uint64_t *other)
{
	bdb_run_filter filter = {NULL, INT64_MIN, INT64_MAX};
	bdb_run_info *runs = NULL;
	uint64_t *mine = NULL;
	size_t n = 0, n_mine = 0;
	*other = 0;
	if (!run->commit[0])
		return 0;
	int rc = bdb_reader_run_series_sorted(r, run->seq, &mine, &n_mine);
	if (!rc)
		rc = bdb_reader_list_runs(r, &filter, 0, &runs, &n);
	for (size_t i = 0; !rc && i < n && !*other; i++) {
		size_t shared = 0, others = 0;
		if (runs[i].seq == run->seq || strcmp(runs[i].commit, run->commit) != 0)
			continue;
		rc = bdb_reader_series_overlap(r, runs[i].seq, mine, n_mine, &shared, &others);
		if (!rc && others)
			*other = runs[i].seq;
	}
	free(runs);
	free(mine);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Observations                                                              */
/* ------------------------------------------------------------------------ */

/*
 * An iterator decodes a chunk at a time: chunk[0..chunk_n), the next one
 * to hand out being chunk[at] forwards or chunk[at - 1] backwards. The
 * chunk is part `part` of the value under the cursor (a block has several).
 */
struct bdb_obs_iter {
	bdb_reader *r;
	MDB_cursor *cur;
	uint64_t series;
	int64_t from_us, to_us;
	bool backward, started, done;
	unsigned part;
	bdb__chunk_parts cp; /* the parts of the value under the cursor */
	bdb_obs chunk[BDB__CHUNK_OBS];
	size_t chunk_n, at;
	struct bdb_obs_iter *next, **prev_next;
};

/* A chunks cursor: the reader's spare one, or a new one. */
static int obs_cursor(bdb_reader *r, MDB_cursor **out)
{
	if (r->spare_cursor) {
		*out = r->spare_cursor;
		r->spare_cursor = NULL;
		return 0;
	}
	return bdb__mdb_error(mdb_cursor_open(r->txn, dbi(r, BDB__DB_CHUNKS), out));
}

/* Gives a cursor back to the reader for the next iterator. */
static void release_cursor(bdb_reader *r, MDB_cursor *cur)
{
	if (!r->spare_cursor)
		r->spare_cursor = cur;
	else
		mdb_cursor_close(cur);
}

int bdb_obs_iter_open(bdb_reader *r, uint64_t series, int64_t from_us, int64_t to_us, bool backward,
		      bdb_obs_iter **out)
{
	bdb_obs_iter *it = malloc(sizeof *it);
	if (!it)
		return BDB_ENOMEM;
	int rc = obs_cursor(r, &it->cur);
	if (rc) {
		free(it);
		return rc;
	}
	it->r = r;
	it->series = series;
	it->from_us = from_us;
	it->to_us = to_us;
	it->backward = backward;
	it->started = false;
	it->done = from_us > to_us;
	it->chunk_n = it->at = 0;
	it->part = 0;
	it->cp.n = 0;
	it->next = r->iters;
	if (r->iters)
		r->iters->prev_next = &it->next;
	it->prev_next = &r->iters;
	r->iters = it;
	*out = it;
	return 0;
}

/* Decodes part it->part of it->cp (the value under key k). */
static int iter_decode(bdb_obs_iter *it, const MDB_val *k)
{
	int rc = bdb__chunk_parts_read(k, &it->cp, it->part, it->chunk, &it->chunk_n);
	it->at = it->backward ? it->chunk_n : 0;
	return rc;
}

/* Decodes part `part` of the value under the cursor (k, v), or with
 * part < 0 its first (forwards) or last (backwards); BDB_ENOTFOUND when it
 * is another series'. */
static int iter_load(bdb_obs_iter *it, const MDB_val *k, const MDB_val *v, int part)
{
	if (k->mv_size != BDB__CHUNK_KEY || bdb__get_be64(k->mv_data) != it->series)
		return BDB_ENOTFOUND;
	int rc = bdb__chunk_parts_open(v->mv_data, v->mv_size, &it->cp);
	if (rc)
		return rc;
	it->part = part >= 0 ? (unsigned)part : it->backward ? it->cp.n - 1 : 0;
	return iter_decode(it, k);
}

/* The first chunk: the one holding the bound iteration starts from. */
static int iter_first(bdb_obs_iter *it)
{
	MDB_val k, v;
	int64_t us = it->backward ? it->to_us : it->from_us;
	uint64_t seq = it->backward ? BDB__MAX_SEQ + 1 : 0;
	int rc = bdb__chunk_locate(it->cur, it->series, us, seq, &k, &v);
	bdb__chunk_parts cp;
	if (!rc)
		rc = bdb__chunk_parts_open(v.mv_data, v.mv_size, &cp);
	if (!rc)
		rc = iter_load(it, &k, &v, (int)bdb__chunk_parts_find(&cp, us, seq));
	if (rc || it->backward)
		return rc;
	/* Skip the chunk's observations before the bound. */
	while (it->at < it->chunk_n && it->chunk[it->at].timestamp_us < it->from_us)
		it->at++;
	return 0;
}

/* The iterator's chunk used up: the next part of its block, else the
 * next value. Out of line, so that iter_step, which runs per observation,
 * stays small enough to be inlined. */
static __attribute__((noinline)) int iter_advance(bdb_obs_iter *it)
{
	MDB_val k, v;
	bool within = it->backward ? it->part > 0 : it->part + 1 < it->cp.n;
	int rc = mdb_cursor_get(it->cur, &k, &v,
				within ? MDB_GET_CURRENT : it->backward ? MDB_PREV : MDB_NEXT);
	if (rc)
		return bdb__mdb_error(rc);
	if (!within)
		return iter_load(it, &k, &v, -1);
	unsigned next = it->backward ? it->part - 1 : it->part + 1;
	if (v.mv_size == it->cp.off[it->cp.n]) {
		/* The same value (a read transaction): its parts as found. */
		it->cp.data = v.mv_data;
	} else {
		/* written meanwhile (a writable view): its parts again */
		rc = bdb__chunk_parts_open(v.mv_data, v.mv_size, &it->cp);
		if (!rc && next >= it->cp.n)
			rc = BDB_ECORRUPT;
		if (rc)
			return rc;
	}
	it->part = next;
	return iter_decode(it, &k);
}

/* The next observation in iteration order, or BDB_ENOTFOUND. */
static int iter_step(bdb_obs_iter *it, const bdb_obs **o)
{
	if (!it->started) {
		it->started = true;
		int rc = iter_first(it);
		if (rc)
			return rc;
	}
	for (;;) {
		if (!it->backward && it->at < it->chunk_n) {
			*o = &it->chunk[it->at++];
			return 0;
		}
		if (it->backward && it->at > 0) {
			*o = &it->chunk[--it->at];
			return 0;
		}
		int rc = iter_advance(it);
		if (rc)
			return rc;
	}
}

int bdb_obs_iter_next(bdb_obs_iter *it, bdb_obs *obs)
{
	for (;;) {
		if (it->done)
			return 0;
		const bdb_obs *o = NULL;
		int rc = iter_step(it, &o);
		if (rc == BDB_ENOTFOUND) {
			it->done = true;
			return 0;
		}
		if (rc)
			return rc;
		if (it->backward ? o->timestamp_us < it->from_us : o->timestamp_us > it->to_us) {
			it->done = true;
			return 0;
		}
		/* Backwards, the first chunk can hold observations past the bound. */
		if (it->backward && o->timestamp_us > it->to_us)
			continue;
		*obs = *o;
		return 1;
	}
}

void bdb_obs_iter_close(bdb_obs_iter *it)
{
	if (!it)
		return;
	*it->prev_next = it->next;
	if (it->next)
		it->next->prev_next = it->prev_next;
	release_cursor(it->r, it->cur);
	free(it);
}

void bdb__reader_close_iters(bdb_reader *r)
{
	while (r->iters)
		bdb_obs_iter_close(r->iters);
	if (r->spare_cursor)
		mdb_cursor_close(r->spare_cursor);
	r->spare_cursor = NULL;
}

int bdb_reader_obs_count(bdb_reader *r, uint64_t series, size_t *n)
{
	*n = 0;
	MDB_cursor *cur;
	int rc = obs_cursor(r, &cur);
	if (rc)
		return rc;
	/* The sum of the series' chunk headers. */
	uint8_t key[BDB__CHUNK_KEY];
	bdb__chunk_key(key, series, INT64_MIN, 0);
	MDB_val k = {BDB__CHUNK_KEY, key}, v;
	size_t total = 0;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (rc == 0 && k.mv_size == BDB__CHUNK_KEY && bdb__get_be64(k.mv_data) == series) {
		bdb__chunk_parts cp;
		bool bad = bdb__chunk_parts_open(v.mv_data, v.mv_size, &cp) != 0;
		for (unsigned p = 0; !bad && p < cp.n; p++) {
			size_t count;
			bad = bdb__chunk_count(cp.data + cp.off[p], cp.off[p + 1] - cp.off[p],
					       &count) != 0;
			total += bad ? 0 : count;
		}
		if (bad) {
			release_cursor(r, cur);
			return BDB_ECORRUPT;
		}
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	release_cursor(r, cur);
	if (rc && rc != MDB_NOTFOUND)
		return bdb__mdb_error(rc);
	/* The count is the store's word: a series has at most one observation
	 * per run, and callers size tables by it. */
	uint64_t runs;
	rc = bdb__db_entries(r->store, r->txn, BDB__DB_RUNLOG, &runs);
	if (!rc && total > runs)
		rc = BDB_ECORRUPT;
	if (!rc)
		*n = total;
	return rc;
}

int bdb_reader_obs_get(bdb_reader *r, uint64_t series, uint64_t run_seq, bdb_obs *out)
{
	bdb_run_info info;
	int rc = bdb_reader_run_info(r, run_seq, &info);
	if (rc)
		return rc;
	MDB_cursor *cur;
	rc = obs_cursor(r, &cur);
	if (rc)
		return rc;
	rc = bdb__obs_find(cur, series, info.timestamp_us, run_seq, out);
	release_cursor(r, cur);
	return rc;
}
