/*
 * reader.c - read transactions and what they read of runs: the run log,
 * run buffers, run references (latest~N, id, commit prefix, time), run
 * listings, baselines and metric definitions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A run's FlatBuffer decompressed (and verified), kept by the reader. */
struct bdb__run_copy {
	struct bdb__run_copy *next;
	uint64_t seq;
	size_t len;
	unsigned char data[];
};

/*
 * LMDB trusts its pages, so a damaged one crashes it: the pages a reader may
 * walk are checked with pread first, once per snapshot. Not the
 * observations' duplicate sub-trees (the bulk of a store, so that a query
 * does not read the whole file); iterators read them, and their damage can
 * still crash (docs/faults.md 3).
 */
static int check_indexes(bdb_reader *r)
{
	bdb_store *s = r->store;
	uint64_t txn_id = mdb_txn_id(r->txn);
	pthread_mutex_lock(&s->lock);
	bool checked = s->checked_txn == txn_id;
	pthread_mutex_unlock(&s->lock);
	if (checked)
		return 0;
	size_t damaged = 0;
	int rc = bdb__check_pages(s, r->txn, BDB__CHECK_INDEXES, NULL, NULL, &damaged);
	if (rc || damaged)
		return rc ? rc : BDB_ECORRUPT;
	pthread_mutex_lock(&s->lock);
	s->checked_txn = txn_id;
	pthread_mutex_unlock(&s->lock);
	return 0;
}

int bdb_reader_begin(bdb_store *store, bdb_reader **out)
{
	bdb_reader *r = calloc(1, sizeof *r);
	if (!r)
		return BDB_ENOMEM;
	int rc = bdb__read_begin(store, &r->txn);
	if (rc) {
		free(r);
		return rc;
	}
	r->store = store;
	bdb_buf_init(&r->unpack);
	rc = check_indexes(r);
	if (rc) {
		bdb_reader_end(r);
		return rc;
	}
	*out = r;
	return 0;
}

void bdb__reader_release(bdb_reader *r)
{
	bdb__reader_close_iters(r);
	if (r->runlog_cur)
		mdb_cursor_close(r->runlog_cur);
	r->runlog_cur = NULL;
	while (r->runs) {
		struct bdb__run_copy *next = r->runs->next;
		free(r->runs);
		r->runs = next;
	}
	bdb_buf_free(&r->unpack);
}

void bdb_reader_end(bdb_reader *r)
{
	if (!r)
		return;
	bdb__reader_release(r);
	bdb__read_end(r->store, r->txn);
	free(r);
}

static MDB_dbi dbi(bdb_reader *r, int db)
{
	return r->store->dbi[db];
}

/* The smallest leaf node: its 2-byte slot, an 8-byte header, no key or value. */
#define MIN_NODE_BYTES 10
#define PAGE_HEADER    16

int bdb__db_entries(bdb_store *s, MDB_txn *txn, int db, uint64_t *n)
{
	MDB_stat st;
	MDB_envinfo info;
	*n = 0;
	int rc = mdb_stat(txn, s->dbi[db], &st);
	if (rc)
		return bdb__mdb_error(rc);
	mdb_env_info(s->env, &info);
	uint64_t per_page = (st.ms_psize - PAGE_HEADER) / MIN_NODE_BYTES;
	uint64_t file_pages = (uint64_t)info.me_last_pgno + 1;
	uint64_t pages = st.ms_leaf_pages < file_pages ? st.ms_leaf_pages : file_pages;
	if (st.ms_entries > pages * per_page)
		return BDB_ECORRUPT;
	*n = st.ms_entries;
	return 0;
}

int bdb_reader_count_runs(bdb_reader *r, uint64_t *out)
{
	return bdb__db_entries(r->store, r->txn, BDB__DB_RUNLOG, out);
}

/*
 * The run log is read through one cursor per reader. Callers mostly ask for
 * runs in order (a trend's rows, a listing by time, a comparison's series
 * all in one run): the same run again is the header decoded last time, a
 * run a few sequence numbers ahead or behind is a few MDB_NEXT / MDB_PREV
 * steps on the leaf page the cursor is on, and only a jump further away
 * searches the tree (MDB_SET_KEY, which LMDB also answers from the current
 * page when the key is on it).
 */
#define RUNLOG_MAX_STEPS 8

/* Steps the cursor from run *at towards seq (op: MDB_NEXT or MDB_PREV) until
 * it reaches or passes it; *at becomes the run under the cursor. */
static int runlog_step(MDB_cursor *cur, MDB_cursor_op op, uint64_t seq, uint64_t *at, MDB_val *v)
{
	MDB_val k;
	do {
		int rc = mdb_cursor_get(cur, &k, v, op);
		if (rc)
			return rc;
		if (k.mv_size != 8)
			return MDB_CORRUPTED;
		*at = bdb__get_be64(k.mv_data);
	} while (op == MDB_NEXT ? *at < seq : *at > seq);
	return 0;
}

int bdb_reader_run_info(bdb_reader *r, uint64_t seq, bdb_run_info *out)
{
	if (seq != 0 && seq == r->runlog_seq) {
		*out = r->runlog_info;
		return 0;
	}
	int rc = 0;
	if (!r->runlog_cur &&
	    (rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_RUNLOG), &r->runlog_cur)) != 0)
		return bdb__mdb_error(rc);
	uint64_t at = r->runlog_seq;
	r->runlog_seq = 0; /* until the cursor is known to be on a decoded run */
	MDB_val v;
	if (at && seq > at && seq - at <= RUNLOG_MAX_STEPS) {
		rc = runlog_step(r->runlog_cur, MDB_NEXT, seq, &at, &v);
	} else if (at && seq < at && at - seq <= RUNLOG_MAX_STEPS) {
		rc = runlog_step(r->runlog_cur, MDB_PREV, seq, &at, &v);
	} else {
		uint8_t k8[8];
		bdb__put_be64(k8, seq);
		MDB_val k = {8, k8};
		rc = mdb_cursor_get(r->runlog_cur, &k, &v, MDB_SET_KEY);
		at = seq;
	}
	if (rc)
		return bdb__mdb_error(rc);
	rc = bdb__runlog_decode_light(v.mv_data, v.mv_size, at, &r->runlog_info);
	if (rc == 0)
		r->runlog_seq = at;
	if (at != seq) /* stepped past a deleted run, onto the next one asked for */
		return BDB_ENOTFOUND;
	if (rc == 0)
		*out = r->runlog_info;
	return rc;
}

int bdb_reader_run_buffer(bdb_reader *r, uint64_t seq, const void **buf, size_t *len)
{
	for (struct bdb__run_copy *c = r->runs; c; c = c->next)
		if (c->seq == seq) {
			*buf = c->data;
			*len = c->len;
			return 0;
		}
	MDB_val v;
	bdb_buf join;
	bdb_buf_init(&join);
	int rc = bdb__run_value_get(r->store, r->txn, seq, &join, &v);
	if (!rc)
		rc = bdb__run_unpack(r->store, r->txn, v.mv_data, v.mv_size, &r->unpack);
	bdb_buf_free(&join);
	if (rc)
		return rc;
	if (bdb_run_verify(r->unpack.data, r->unpack.len, NULL) != 0)
		return BDB_ECORRUPT;
	struct bdb__run_copy *c = malloc(sizeof *c + r->unpack.len + 1);
	if (!c)
		return BDB_ENOMEM;
	c->seq = seq;
	c->len = r->unpack.len;
	memcpy(c->data, r->unpack.data, c->len);
	c->data[c->len] = 0;
	c->next = r->runs;
	r->runs = c;
	*buf = c->data;
	*len = c->len;
	return 0;
}

int bdb_reader_run_decode(bdb_reader *r, uint64_t seq, bdb_run **out)
{
	const void *buf;
	size_t len;
	int rc = bdb_reader_run_buffer(r, seq, &buf, &len);
	if (rc)
		return rc;
	rc = bdb_run_decode(buf, len, out, NULL);
	return rc == BDB_EVERIFY ? BDB_ECORRUPT : rc;
}

int bdb_reader_latest(bdb_reader *r, uint32_t back, uint64_t *seq)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_TIME), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, v;
	rc = mdb_cursor_get(cur, &k, &v, MDB_LAST);
	for (uint32_t i = 0; i < back && rc == 0; i++)
		rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
	if (rc == 0 && k.mv_size != 16)
		rc = MDB_CORRUPTED;
	if (rc == 0)
		*seq = bdb__get_be64((const uint8_t *)k.mv_data + 8);
	mdb_cursor_close(cur);
	return bdb__mdb_error(rc);
}

int bdb_reader_find_id(bdb_reader *r, const char *id, uint64_t *seq)
{
	return bdb__run_id_find(r->store, r->txn, id, seq);
}

/* The shortest stored commit a longer one names by its start (git's
 * shortest abbreviation). */
#define COMMIT_ABBREV_MIN 4
#define COMMIT_MATCHES	  8 /* distinct commits kept for a match or a hint */

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return n > 0;
}

/* The stored commits a commit text q names, either way: those it starts,
 * and (q hex) the hex ones of COMMIT_ABBREV_MIN or more bytes that start it
 * (its short hashes, which name q's commit, so never two commits). */
typedef struct commit_match {
	const char *q;
	size_t qlen;
	const char *commits[COMMIT_MATCHES]; /* distinct ones q starts, in the reader's memory */
	size_t n, more;			     /* more: distinct ones past the array */
	int64_t best_ts, exact_ts, short_ts; /* the newest run of those, of q, of a short hash */
	uint64_t best_seq, exact_seq, short_seq;
} commit_match;

/* Keeps run seq of time ts in *best_seq when it is newer (ties: later stored). */
static void newer(int64_t ts, uint64_t seq, int64_t *best_ts, uint64_t *best_seq)
{
	if (*best_seq == 0 || ts > *best_ts || (ts == *best_ts && seq > *best_seq)) {
		*best_ts = ts;
		*best_seq = seq;
	}
}

/* Offers the newest run of the commit key cur is on. */
static int offer_commit(bdb_reader *r, MDB_cursor *cur, commit_match *m)
{
	MDB_val k, v;
	int rc = mdb_cursor_get(cur, &k, &v, MDB_LAST_DUP);
	if (rc)
		return bdb__mdb_error(rc);
	if (v.mv_size != 16)
		return BDB_ECORRUPT;
	uint64_t s = bdb__get_be64((const uint8_t *)v.mv_data + 8);
	int64_t ts = bdb__get_time(v.mv_data);
	bdb_run_info info;
	rc = bdb_reader_run_info(r, s, &info);
	if (rc)
		return rc == BDB_ENOTFOUND ? BDB_ECORRUPT : rc;
	size_t n = info.commit_len;
	if (n >= COMMIT_ABBREV_MIN && n < m->qlen && memcmp(info.commit, m->q, n) == 0 &&
	    all_hex(info.commit, n) && all_hex(m->q, m->qlen)) {
		newer(ts, s, &m->short_ts, &m->short_seq);
		return 0;
	}
	if (n < m->qlen || memcmp(info.commit, m->q, m->qlen) != 0)
		return 0;
	size_t i = 0;
	while (i < m->n && strcmp(m->commits[i], info.commit) != 0)
		i++;
	if (i == m->n && m->n < COMMIT_MATCHES)
		m->commits[m->n++] = info.commit;
	else if (i == m->n)
		m->more++;
	newer(ts, s, &m->best_ts, &m->best_seq);
	if (n == m->qlen)
		newer(ts, s, &m->exact_ts, &m->exact_seq);
	return 0;
}

static int match_commits(bdb_reader *r, const char *q, commit_match *m)
{
	memset(m, 0, sizeof *m);
	m->q = q;
	m->qlen = strlen(q);
	if (m->qlen == 0)
		return BDB_EINVAL;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_COMMITS), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	/* Keys starting with q's first BDB__KEY_INLINE bytes; the runlog
	 * holds each candidate's whole commit. */
	size_t cmp = m->qlen < BDB__KEY_INLINE ? m->qlen : BDB__KEY_INLINE;
	MDB_val k = {cmp, (void *)q}, v;
	int err = 0;
	rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (!err && rc == 0 && k.mv_size >= cmp && memcmp(k.mv_data, q, cmp) == 0) {
		err = offer_commit(r, cur, m);
		if (!err)
			rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_NODUP);
	}
	if (!err && rc != 0 && rc != MDB_NOTFOUND)
		err = bdb__mdb_error(rc);
	/* The shorter commits that start q: each a key of its own bytes. */
	for (size_t n = COMMIT_ABBREV_MIN;
	     !err && n < m->qlen && n <= BDB__KEY_INLINE && all_hex(q, m->qlen); n++) {
		k = (MDB_val){n, (void *)q};
		rc = mdb_cursor_get(cur, &k, &v, MDB_SET);
		if (rc == 0)
			err = offer_commit(r, cur, m);
		else if (rc != MDB_NOTFOUND)
			err = bdb__mdb_error(rc);
	}
	mdb_cursor_close(cur);
	return err;
}

int bdb_reader_find_commit(bdb_reader *r, const char *prefix, uint64_t *seq)
{
	commit_match m;
	int rc = match_commits(r, prefix, &m);
	if (rc)
		return rc;
	/* The commit itself, else the one it starts, else its short hashes'. */
	if (m.exact_seq)
		*seq = m.exact_seq;
	else if (m.n + m.more > 1)
		return BDB_EINVAL;
	else if (m.n)
		*seq = m.best_seq;
	else if (m.short_seq)
		*seq = m.short_seq;
	else
		return BDB_ENOTFOUND;
	return 0;
}

/* Appends ", " and s to buf (size bytes, NUL-terminated). */
static void append_commit(char *buf, size_t size, const char *s, size_t n)
{
	size_t at = strlen(buf);
	if (at + 2 + 1 >= size)
		return;
	snprintf(buf + at, size - at, "%s%.*s", at ? ", " : "", (int)n, s);
}

int bdb_reader_commit_hint(bdb_reader *r, const char *q, bdb_commit_hint *kind, char *buf,
			   size_t size)
{
	buf[0] = '\0';
	*kind = BDB_COMMIT_HINT_NONE;
	commit_match m;
	int rc = match_commits(r, q, &m);
	if (rc)
		return rc;
	if (m.n > 1) {
		*kind = BDB_COMMIT_HINT_NAMES;
		for (size_t i = 0; i < m.n; i++)
			append_commit(buf, size, m.commits[i], strlen(m.commits[i]));
		if (m.more)
			snprintf(buf + strlen(buf), size - strlen(buf), " and %zu more", m.more);
		return 0;
	}
	/* The keys sharing the longest start with q (a key holds a commit's
	 * first BDB__KEY_INLINE bytes), in key order. */
	MDB_cursor *cur;
	rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_COMMITS), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, v;
	size_t best = 0, kept = 0;
	rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	while (rc == 0) {
		size_t n = k.mv_size > BDB__KEY_INLINE ? BDB__KEY_INLINE : k.mv_size, common = 0;
		while (common < n && common < m.qlen &&
		       ((const char *)k.mv_data)[common] == q[common])
			common++;
		if (common > best) {
			best = common;
			kept = 0;
			buf[0] = '\0';
		}
		if (common == best && common > 0 && kept++ < 3)
			append_commit(buf, size, k.mv_data, n);
		rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT_NODUP);
	}
	mdb_cursor_close(cur);
	if (rc != MDB_NOTFOUND)
		return bdb__mdb_error(rc);
	if (kept > 3)
		snprintf(buf + strlen(buf), size - strlen(buf), " and %zu more", kept - 3);
	if (buf[0]) {
		*kind = BDB_COMMIT_HINT_NEAREST;
		return 0;
	}
	uint64_t seq;
	bdb_run_info info;
	/* Nothing in common: the newest run's commit. */
	if (bdb_reader_latest(r, 0, &seq) == 0 && bdb_reader_run_info(r, seq, &info) == 0 &&
	    info.commit_len) {
		append_commit(buf, size, info.commit, info.commit_len);
		*kind = BDB_COMMIT_HINT_NEWEST;
	}
	return 0;
}

/*
 * Positions cur on the last time-index entry at or before us (ties: the
 * greatest seq). MDB_NOTFOUND when every run is later.
 */
static int seek_at_or_before(MDB_cursor *cur, int64_t us, MDB_val *k)
{
	uint8_t key[16];
	bdb__put_time(key, us);
	memset(key + 8, 0xFF, 8);
	MDB_val v;
	k->mv_size = 16;
	k->mv_data = key;
	int rc = mdb_cursor_get(cur, k, &v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(cur, k, &v, MDB_LAST);
	if (rc)
		return rc;
	/* Every key is below the all-ones seq, so this key is past us. */
	return mdb_cursor_get(cur, k, &v, MDB_PREV);
}

int bdb_reader_find_at_time(bdb_reader *r, int64_t us, uint64_t *seq)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_TIME), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k;
	rc = seek_at_or_before(cur, us, &k);
	if (rc == 0 && k.mv_size != 16)
		rc = MDB_CORRUPTED;
	if (rc == 0)
		*seq = bdb__get_be64((const uint8_t *)k.mv_data + 8);
	mdb_cursor_close(cur);
	return bdb__mdb_error(rc);
}

int bdb_reader_list_runs(bdb_reader *r, const bdb_run_filter *filter, size_t limit,
			 bdb_run_info **out, size_t *n)
{
	static const bdb_run_filter all = {NULL, INT64_MIN, INT64_MAX};
	if (!filter)
		filter = &all;
	*out = NULL;
	*n = 0;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, dbi(r, BDB__DB_TIME), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_run_info *list = NULL;
	size_t len = 0, cap = 0;
	int err = 0; /* a BDB_E* error; rc stays LMDB's */
	MDB_val k, v;
	rc = seek_at_or_before(cur, filter->until_us, &k);
	while (rc == 0 && !err && (limit == 0 || len < limit)) {
		if (k.mv_size != 16) {
			err = BDB_ECORRUPT;
			break;
		}
		if (bdb__get_time(k.mv_data) < filter->since_us)
			break;
		bdb_run_info info;
		err = bdb_reader_run_info(r, bdb__get_be64((const uint8_t *)k.mv_data + 8), &info);
		if (err == BDB_ENOTFOUND)
			err = BDB_ECORRUPT;
		if (err)
			break;
		if (!filter->branch || strcmp(filter->branch, info.branch) == 0) {
			if (len == cap) {
				cap = cap ? cap * 2 : 16;
				bdb_run_info *grown = realloc(list, cap * sizeof *list);
				if (!grown) {
					err = BDB_ENOMEM;
					break;
				}
				list = grown;
			}
			list[len++] = info;
		}
		rc = mdb_cursor_get(cur, &k, &v, MDB_PREV);
	}
	mdb_cursor_close(cur);
	if (!err && rc != 0 && rc != MDB_NOTFOUND)
		err = bdb__mdb_error(rc);
	if (err) {
		free(list);
		return err;
	}
	*out = list;
	*n = len;
	return 0;
}

int bdb_reader_get_baseline(bdb_reader *r, const char *name, uint64_t *seq)
{
	uint8_t key[BDB__KEY_LONG];
	size_t klen;
	int rc = bdb__baseline_find(r->store, r->txn, name, key, &klen, seq);
	return rc == BDB_EEXISTS ? BDB_ENOTFOUND : rc;
}

/* Decodes one value of a listed database into item. */
typedef int (*decode_fn)(const MDB_val *v, void *item);

/*
 * Every value of db decoded into a malloc'ed array of item_size items,
 * sorted with cmp (long keys sort by their key form, listings by name).
 */
static int collect_values(bdb_reader *r, int db, size_t item_size, decode_fn decode,
			  int (*cmp)(const void *, const void *), void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	uint64_t entries;
	int rc = bdb__db_entries(r->store, r->txn, db, &entries);
	if (rc)
		return rc;
	char *list = malloc((entries + 1) * item_size);
	if (!list)
		return BDB_ENOMEM;
	MDB_cursor *cur;
	rc = mdb_cursor_open(r->txn, dbi(r, db), &cur);
	if (rc) {
		free(list);
		return bdb__mdb_error(rc);
	}
	size_t len = 0;
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	while (got == 0 && len < entries) {
		rc = decode(&v, list + len * item_size);
		if (rc)
			break;
		len++;
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (rc) {
		free(list);
		return rc;
	}
	qsort(list, len, item_size, cmp);
	*out = list;
	*n = len;
	return 0;
}

static int decode_baseline(const MDB_val *v, void *item)
{
	bdb_baseline_info *b = item;
	return bdb__baseline_decode(v->mv_data, v->mv_size, &b->seq, &b->name);
}

static int compare_baselines(const void *a, const void *b)
{
	return strcmp(((const bdb_baseline_info *)a)->name, ((const bdb_baseline_info *)b)->name);
}

int bdb_reader_list_baselines(bdb_reader *r, bdb_baseline_info **out, size_t *n)
{
	return collect_values(r, BDB__DB_BASELINES, sizeof **out, decode_baseline,
			      compare_baselines, (void **)out, n);
}

int bdb_reader_metric_def(bdb_reader *r, const char *name, bdb_metric_def *out)
{
	uint8_t key[BDB__KEY_LONG];
	MDB_val k = {bdb__key_form(name, strlen(name), key), key}, v;
	if (k.mv_size == 0)
		return BDB_ENOTFOUND;
	int rc = mdb_get(r->txn, dbi(r, BDB__DB_METRIC_DEFS), &k, &v);
	if (rc)
		return bdb__mdb_error(rc);
	rc = bdb__metric_def_decode(v.mv_data, v.mv_size, out);
	if (rc)
		return rc;
	return strcmp(out->name, name) == 0 ? 0 : BDB_ENOTFOUND;
}

/* A view string as the model's (NULL when absent). */
static const char *fb_cstr(bdb_fb_str s)
{
	return s.ptr;
}

int bdb_reader_effective_def(bdb_reader *r, uint64_t seq, const char *name, bdb_metric_def *out)
{
	const void *buf;
	size_t len;
	int rc = bdb_reader_run_buffer(r, seq, &buf, &len);
	if (rc)
		return rc;
	bdb_fb_view run = bdb_fb_run_root(buf, len);
	uint32_t n = bdb_fb_run_n_defs(run);
	for (uint32_t i = 0; i < n; i++) {
		bdb_fb_view def = bdb_fb_run_def(run, i);
		bdb_fb_str dn = bdb_fb_def_name(def);
		if (!dn.ptr || strcmp(dn.ptr, name) != 0)
			continue;
		out->name = dn.ptr;
		out->unit = fb_cstr(bdb_fb_def_unit(def));
		out->direction = bdb_fb_def_direction(def);
		out->group = fb_cstr(bdb_fb_def_group(def));
		out->priority = bdb_fb_def_priority(def);
		out->description = fb_cstr(bdb_fb_def_description(def));
		out->has_threshold = bdb_fb_def_threshold(def, &out->threshold);
		return 0;
	}
	return bdb_reader_metric_def(r, name, out);
}

static int decode_def(const MDB_val *v, void *item)
{
	return bdb__metric_def_decode(v->mv_data, v->mv_size, item);
}

static int compare_defs(const void *a, const void *b)
{
	return strcmp(((const bdb_metric_def *)a)->name, ((const bdb_metric_def *)b)->name);
}

int bdb_reader_list_metric_defs(bdb_reader *r, bdb_metric_def **out, size_t *n)
{
	return collect_values(r, BDB__DB_METRIC_DEFS, sizeof **out, decode_def, compare_defs,
			      (void **)out, n);
}
