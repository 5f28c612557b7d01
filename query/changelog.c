/*
 * changelog.c - the persisted change points of every series: the store's
 * write hook that extends each touched series' fold (cpfold.h) in the
 * ingest's own write transaction, the answer `changes` reads from it, and
 * the from-scratch rebuild and check that `benchdb reindex` and `benchdb
 * verify` run. The record layout is in docs/storage.md 2.15.
 */
#include "cpfold.h"
#include "exec.h"
#include "query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define US_PER_DAY 86400e6

/* ------------------------------------------------------------------------ */
/* Records                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct record {
	uint64_t key;	  /* bdb__cpfold_key of the options it was made with */
	uint64_t n_obs;	  /* observations folded (the non-finite ones too) */
	int64_t last_us;  /* the last of them */
	uint64_t last_seq;
	bdb__cpfold fold; /* over the finite values */
	/* The answer of `changes` for exactly these observations
	 * (bdb__cpfold_answer), when settled: a write that extends or
	 * rebuilds the record drops it. */
	bool answered;
	bdb__change_point *answer;
	size_t answer_count;
} record;

static void drop_answer(record *rec)
{
	free(rec->answer);
	rec->answer = NULL;
	rec->answer_count = 0;
	rec->answered = false;
}

static void record_free(record *rec)
{
	bdb__cpfold_free(&rec->fold);
	drop_answer(rec);
}

#define RECORD_HEAD  (4 + 8 * 7 + 4)
#define RECORD_POINT (8 + 8 + 1 + 8 * 9)

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_real(uint8_t *p, double d)
{
	uint64_t v;
	memcpy(&v, &d, sizeof v);
	put64(p, v);
}

static double get_real(const uint8_t *p)
{
	uint64_t v = get64(p);
	double d;
	memcpy(&d, &v, sizeof d);
	return d;
}

static void put_point(uint8_t *p, const bdb__change_point *c)
{
	put64(p, c->index);
	put64(p + 8, c->end);
	/* Bit 7: the step's threshold came from its own sides' noise. */
	p[16] = (uint8_t)((unsigned)c->kind | (c->sides_noise ? 0x80u : 0u));
	double reals[9] = {c->mean_before, c->mean_after, c->change_pct,
			   c->p_value,	   c->noise,	  c->threshold,
			   c->slope,	   c->slope_lower, c->slope_upper};
	for (int k = 0; k < 9; k++)
		put_real(p + 17 + 8 * k, reals[k]);
}

static void get_point(const uint8_t *p, bdb__change_point *c)
{
	c->index = (size_t)get64(p);
	c->end = (size_t)get64(p + 8);
	c->kind = (bdb__change_kind)(p[16] & 0x7f);
	c->sides_noise = (p[16] & 0x80) != 0;
	double *reals[9] = {&c->mean_before, &c->mean_after, &c->change_pct,
			    &c->p_value,     &c->noise,	     &c->threshold,
			    &c->slope,	     &c->slope_lower, &c->slope_upper};
	for (int k = 0; k < 9; k++)
		*reals[k] = get_real(p + 17 + 8 * k);
}

/* Flags in the head's byte 60 (bytes 61-63 are 0). */
#define RECORD_ANSWERED 1u

static int encode(const record *rec, bdb_buf *out)
{
	const bdb__cpfold *f = &rec->fold;
	size_t len = RECORD_HEAD + f->count * RECORD_POINT +
		     (rec->answered ? 8 + rec->answer_count * RECORD_POINT : 0);
	bdb_buf_reset(out);
	if (bdb_buf_reserve(out, len) != 0)
		return BDB_ENOMEM;
	uint8_t *p = (uint8_t *)out->data;
	p[0] = 'C', p[1] = 'P', p[2] = 'F', p[3] = (uint8_t)BDB__CPFOLD_VERSION;
	uint64_t head[7] = {rec->key,	       rec->n_obs, (uint64_t)rec->last_us, rec->last_seq,
			    (uint64_t)f->n, (uint64_t)f->start, (uint64_t)f->count};
	for (int i = 0; i < 7; i++)
		put64(p + 4 + 8 * i, head[i]);
	memset(p + 60, 0, 4);
	p[60] = rec->answered ? RECORD_ANSWERED : 0;
	p += RECORD_HEAD;
	for (size_t i = 0; i < f->count; i++, p += RECORD_POINT)
		put_point(p, &f->points[i]);
	if (rec->answered) {
		put64(p, rec->answer_count);
		p += 8;
		for (size_t i = 0; i < rec->answer_count; i++, p += RECORD_POINT)
			put_point(p, &rec->answer[i]);
	}
	out->len = len;
	return 0;
}

/* BDB_ECORRUPT for bytes encode does not write (BDB_ENOTFOUND for a record
 * of another fold version: rebuilt, not a fault). */
static int decode(const void *data, size_t len, record *rec)
{
	const uint8_t *p = data;
	memset(rec, 0, sizeof *rec);
	if (len < RECORD_HEAD || memcmp(p, "CPF", 3) != 0)
		return BDB_ECORRUPT;
	if (p[3] != (uint8_t)BDB__CPFOLD_VERSION)
		return BDB_ENOTFOUND;
	uint64_t head[7];
	for (int i = 0; i < 7; i++)
		head[i] = get64(p + 4 + 8 * i);
	uint64_t count = head[6];
	bool answered = p[60] == RECORD_ANSWERED;
	if ((p[60] & ~RECORD_ANSWERED) || p[61] || p[62] || p[63] ||
	    count > (len - RECORD_HEAD) / RECORD_POINT || head[5] > head[4] || head[4] > head[1])
		return BDB_ECORRUPT;
	size_t fold_end = RECORD_HEAD + count * RECORD_POINT;
	uint64_t n_answer = 0;
	if (answered) {
		if (len < fold_end + 8)
			return BDB_ECORRUPT;
		n_answer = get64(p + fold_end);
		if (n_answer > (len - fold_end - 8) / RECORD_POINT)
			return BDB_ECORRUPT;
	}
	if (len != fold_end + (answered ? 8 + n_answer * RECORD_POINT : 0))
		return BDB_ECORRUPT;
	rec->key = head[0];
	rec->n_obs = head[1];
	rec->last_us = (int64_t)head[2];
	rec->last_seq = head[3];
	rec->fold.n = (size_t)head[4];
	rec->fold.start = (size_t)head[5];
	rec->fold.points = malloc((count ? count : 1) * sizeof *rec->fold.points);
	rec->answer = malloc((n_answer ? n_answer : 1) * sizeof *rec->answer);
	if (!rec->fold.points || !rec->answer) {
		record_free(rec);
		return BDB_ENOMEM;
	}
	rec->fold.count = rec->fold.cap = (size_t)count;
	p += RECORD_HEAD;
	size_t prev = 0;
	for (size_t i = 0; i < count; i++, p += RECORD_POINT) {
		bdb__change_point *c = &rec->fold.points[i];
		get_point(p, c);
		if ((c->kind != BDB__CHANGE_STEP && c->kind != BDB__CHANGE_EXCURSION) ||
		    c->index < prev || c->index >= rec->fold.n || c->end > rec->fold.n) {
			record_free(rec);
			return BDB_ECORRUPT;
		}
		prev = c->index;
	}
	rec->answered = answered;
	rec->answer_count = (size_t)n_answer;
	p += answered ? 8 : 0;
	for (size_t i = 0; i < n_answer; i++, p += RECORD_POINT) {
		bdb__change_point *c = &rec->answer[i];
		get_point(p, c);
		if ((c->kind != BDB__CHANGE_STEP && c->kind != BDB__CHANGE_EXCURSION &&
		     c->kind != BDB__CHANGE_DRIFT) ||
		    c->index >= rec->fold.n || c->end > rec->fold.n) {
			record_free(rec);
			return BDB_ECORRUPT;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* A series' values                                                          */
/* ------------------------------------------------------------------------ */

typedef struct values {
	double *x, *t; /* finite values from index base on, and their days */
	size_t base, n, cap;
	uint64_t n_obs; /* observations seen (all) */
	int64_t last_us;
	uint64_t last_seq;
} values;

static int values_push(values *v, double x, int64_t us)
{
	if (v->n - v->base == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 256;
		double *x2 = realloc(v->x, cap * sizeof *x2);
		if (x2)
			v->x = x2;
		double *t2 = x2 ? realloc(v->t, cap * sizeof *t2) : NULL;
		if (!t2)
			return BDB_ENOMEM;
		v->t = t2;
		v->cap = cap;
	}
	v->x[v->n - v->base] = x;
	v->t[v->n - v->base] = (double)us / US_PER_DAY;
	v->n++;
	return 0;
}

static void values_free(values *v)
{
	free(v->x);
	free(v->t);
	memset(v, 0, sizeof *v);
}

/* Every observation of series, oldest first. */
static int load_all(bdb_reader *r, uint64_t series, values *v)
{
	bdb_obs_iter *it;
	int rc = bdb_obs_iter_open(r, series, INT64_MIN, INT64_MAX, false, &it);
	if (rc)
		return rc;
	bdb_obs o;
	while ((rc = bdb_obs_iter_next(it, &o)) == 1) {
		v->n_obs++;
		v->last_us = o.timestamp_us;
		v->last_seq = o.run_seq;
		if (isfinite(o.value) && (rc = values_push(v, o.value, o.timestamp_us)) != 0)
			break;
	}
	bdb_obs_iter_close(it);
	return rc < 0 ? rc : 0;
}

static bool after(int64_t us, uint64_t seq, int64_t last_us, uint64_t last_seq)
{
	return us > last_us || (us == last_us && seq > last_seq);
}

/*
 * The end of series that extending rec needs: the observations after its
 * last one and, before them, the finite values from bdb__cpfold_need on.
 * 1 when the series is not rec's series extended (its last observation
 * gone or moved, observations added or removed before it): rebuild.
 */
static int load_tail(bdb_reader *r, uint64_t series, const record *rec, values *v)
{
	size_t need = bdb__cpfold_need(&rec->fold), want = rec->fold.n - need;
	size_t stored = 0;
	int rc = bdb_reader_obs_count(r, series, &stored);
	if (rc)
		return rc;
	bdb_obs_iter *it;
	if ((rc = bdb_obs_iter_open(r, series, INT64_MIN, INT64_MAX, true, &it)) != 0)
		return rc;
	/* Newest first into a list, reversed below. */
	bdb_buf got;
	bdb_buf_init(&got);
	size_t fresh = 0, old_values = 0;
	bool at_last = false, stale = false;
	int64_t newest_us = rec->last_us;
	uint64_t newest_seq = rec->last_seq;
	bdb_obs o;
	while (!(at_last && old_values >= want) && (rc = bdb_obs_iter_next(it, &o)) == 1) {
		if (!at_last && !after(o.timestamp_us, o.run_seq, rec->last_us, rec->last_seq)) {
			at_last = true;
			if (o.timestamp_us != rec->last_us || o.run_seq != rec->last_seq) {
				stale = true;
				break;
			}
		}
		if (!at_last && fresh++ == 0) {
			newest_us = o.timestamp_us;
			newest_seq = o.run_seq;
		}
		if (!isfinite(o.value) || (at_last && old_values >= want))
			continue;
		old_values += at_last;
		bdb_buf_append(&got, &o, sizeof o);
	}
	bdb_obs_iter_close(it);
	if (rc >= 0)
		rc = 0; /* 1: stopped with enough, 0: at the first observation */
	if (rc < 0 || got.failed) {
		bdb_buf_free(&got);
		return rc < 0 ? rc : BDB_ENOMEM;
	}
	if (stale || (rec->n_obs > 0 && !at_last) || old_values < want ||
	    stored != rec->n_obs + fresh) {
		bdb_buf_free(&got);
		return 1;
	}
	const bdb_obs *list = (const bdb_obs *)(void *)got.data;
	size_t m = got.len / sizeof *list;
	v->base = v->n = need;
	v->n_obs = rec->n_obs + fresh;
	v->last_us = newest_us;
	v->last_seq = newest_seq;
	for (size_t i = m; i-- > 0 && !rc;)
		rc = values_push(v, list[i].value, list[i].timestamp_us);
	bdb_buf_free(&got);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Keeping the records                                                       */
/* ------------------------------------------------------------------------ */

static void fold_options(bdb__changes_options *opt)
{
	bdb__changes_options_robust(opt);
}

/* The record of series from scratch, in rec (key, counts, fold). */
static int rebuild(bdb_reader *r, uint64_t series, const bdb__changes_options *opt, record *rec,
		   values *v)
{
	int rc = load_all(r, series, v);
	if (rc)
		return rc;
	record_free(rec);
	rec->key = bdb__cpfold_key(opt);
	rec->n_obs = v->n_obs;
	rec->last_us = v->last_us;
	rec->last_seq = v->last_seq;
	return bdb__cpfold_advance(&rec->fold, v->x, v->t, 0, v->n, opt);
}

/* How records were kept since the process started (tests). */
static size_t n_extended, n_rebuilt;

void bdb__changelog_counts(size_t *extended, size_t *rebuilt)
{
	*extended = n_extended;
	*rebuilt = n_rebuilt;
}

/* Extends or rebuilds series' record after a write touched it from
 * (from_us, from_seq) on (touch NULL: rebuild), and stores it. */
static int update_series(bdb_reader *w, uint64_t series, const bdb_touched *touch,
			 const bdb__changes_options *opt, bdb_buf *scratch)
{
	record rec = {0};
	values v = {0};
	const void *data;
	size_t len;
	int rc = bdb_reader_change_record(w, series, &data, &len);
	bool extend = false;
	if (rc == 0 && touch && decode(data, len, &rec) == 0 && rec.key == bdb__cpfold_key(opt) &&
	    after(touch->from_us, touch->from_seq, rec.last_us, rec.last_seq)) {
		rc = load_tail(w, series, &rec, &v);
		if (rc < 0)
			goto done;
		extend = rc == 0;
		if (extend) {
			rc = bdb__cpfold_advance(&rec.fold, v.x, v.t, v.base, v.n, opt);
			if (rc)
				goto done;
			rec.n_obs = v.n_obs;
			rec.last_us = v.last_us;
			rec.last_seq = v.last_seq;
		} else {
			values_free(&v);
		}
	} else if (rc != 0 && rc != BDB_ENOTFOUND) {
		goto done;
	}
	if (!extend && (rc = rebuild(w, series, opt, &rec, &v)) != 0)
		goto done;
	if (extend)
		n_extended++;
	else
		n_rebuilt++;
	drop_answer(&rec); /* the answer of the observations before */
	if (rec.n_obs == 0)
		rc = bdb_reader_put_change_record(w, series, NULL, 0);
	else if ((rc = encode(&rec, scratch)) == 0)
		rc = bdb_reader_put_change_record(w, series, scratch->data, scratch->len);
done:
	record_free(&rec);
	values_free(&v);
	return rc;
}

static int write_hook(void *ctx, bdb_reader *w, const bdb_touched *t, size_t n)
{
	(void)ctx;
	bdb__changes_options opt;
	fold_options(&opt);
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = update_series(w, t[i].series, &t[i], &opt, &scratch);
	bdb_buf_free(&scratch);
	return rc;
}

void bdb_query_keep_changes(bdb_store *store)
{
	bdb_store_set_write_hook(store, write_hook, NULL);
}

/* ------------------------------------------------------------------------ */
/* Rebuilding and checking every record                                      */
/* ------------------------------------------------------------------------ */

typedef struct all_series {
	uint64_t *ids;
	size_t n;
	size_t done;
} all_series;

static int rebuild_txn(void *ctx, bdb_reader *w)
{
	all_series *a = ctx;
	free(a->ids);
	a->ids = NULL;
	a->done = 0;
	/* from now on the store's writes keep the records */
	int rc = bdb_reader_keep_changes(w, true);
	if (!rc)
		rc = bdb_reader_series_match(w, NULL, 0, &a->ids, &a->n);
	bdb__changes_options opt;
	fold_options(&opt);
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	for (size_t i = 0; i < a->n && !rc; i++, a->done++)
		rc = update_series(w, a->ids[i], NULL, &opt, &scratch);
	bdb_buf_free(&scratch);
	return rc;
}

int bdb_query_changes_rebuild(bdb_store *store, size_t *n_series)
{
	all_series a = {0};
	int rc = bdb_store_update(store, rebuild_txn, &a);
	if (n_series)
		*n_series = rc ? 0 : a.done;
	free(a.ids);
	return rc;
}

/* The answer of `changes` for fold f over v's values, in *out. */
static int answer_of(const bdb__cpfold *f, const values *v, const bdb__changes_options *opt,
		     bdb__changes *out)
{
	return bdb__cpfold_answer(f, v->x, v->t, opt, out);
}

/* Whether rec's kept answer is the one fold f over all of v gives. */
static int same_answer(const record *rec, const bdb__cpfold *f, const values *v,
		       const bdb__changes_options *opt, bool *same)
{
	bdb__changes fresh;
	int rc = answer_of(f, v, opt, &fresh);
	if (rc)
		return rc;
	bdb__cpfold a = {.points = rec->answer, .count = rec->answer_count};
	bdb__cpfold b = {.points = fresh.points, .count = fresh.count};
	*same = bdb__cpfold_equal(&a, &b);
	bdb__changes_free(&fresh);
	return 0;
}

typedef struct check_ctx {
	bdb_reader *r;
	bdb_query_problem_fn report;
	void *ctx;
	size_t problems, records;
	bdb__changes_options opt;
	bool recompute;
} check_ctx;

/* Whether rec covers exactly series' observations: their count and the
 * last of them (a walk of the chunk headers and one chunk). */
static int covers(bdb_reader *r, uint64_t series, const record *rec, bool *yes)
{
	size_t stored = 0;
	int rc = bdb_reader_obs_count(r, series, &stored);
	bdb_obs_iter *it;
	if (rc || (rc = bdb_obs_iter_open(r, series, INT64_MIN, INT64_MAX, true, &it)) != 0)
		return rc;
	bdb_obs last;
	rc = bdb_obs_iter_next(it, &last);
	bdb_obs_iter_close(it);
	if (rc < 0)
		return rc;
	*yes = rc == 1 && stored == rec->n_obs && last.timestamp_us == rec->last_us &&
	       last.run_seq == rec->last_seq;
	return 0;
}

static void problem(check_ctx *c, const char *fmt, uint64_t series, const char *what)
{
	char buf[256];
	snprintf(buf, sizeof buf, fmt, (unsigned long long)series, what);
	c->problems++;
	if (c->report)
		c->report(c->ctx, buf);
}

static int check_record(void *ctx, uint64_t series, const void *data, size_t len)
{
	check_ctx *c = ctx;
	c->records++;
	record rec, fresh = {0};
	values v = {0};
	int rc = decode(data, len, &rec);
	if (rc == BDB_ENOTFOUND)
		return 0; /* another fold version: rebuilt at the next write */
	if (rc) {
		problem(c, "changes: the record of series %llu is malformed (%s)", series,
			bdb_strerror(rc));
		return rc == BDB_ENOMEM ? rc : 0;
	}
	bdb_series_info *si = NULL;
	rc = bdb_reader_series_info(c->r, series, &si);
	free(si);
	if (rc == BDB_ENOTFOUND) {
		problem(c, "changes: a record for series %llu, which does not exist%s", series, "");
		rc = 0;
		goto done;
	}
	if (rc || rec.key != bdb__cpfold_key(&c->opt))
		goto done; /* other options: not this binary's fold */
	bool yes = false;
	if ((rc = covers(c->r, series, &rec, &yes)) != 0)
		goto done;
	if (!yes)
		problem(c, "changes: the record of series %llu %s", series,
			"does not cover its observations (another program wrote the store?)");
	if (!yes || !c->recompute)
		goto done;
	if ((rc = rebuild(c->r, series, &c->opt, &fresh, &v)) != 0)
		goto done;
	if (!bdb__cpfold_equal(&fresh.fold, &rec.fold))
		problem(c, "changes: the record of series %llu %s", series,
			"differs from its change points recomputed from scratch");
	else if (rec.answered) {
		bool same = false;
		if ((rc = same_answer(&rec, &fresh.fold, &v, &c->opt, &same)) != 0)
			goto done;
		if (!same)
			problem(c, "changes: the record of series %llu %s", series,
				"keeps an answer that differs from the one recomputed from scratch");
	}
done:
	record_free(&rec);
	record_free(&fresh);
	values_free(&v);
	return rc;
}

int bdb_query_changes_verify(bdb_store *store, bool recompute, bdb_query_problem_fn report,
			     void *ctx, size_t *n_problems, size_t *n_records)
{
	check_ctx c = {.report = report, .ctx = ctx, .recompute = recompute};
	fold_options(&c.opt);
	int rc = bdb_reader_begin(store, &c.r);
	if (rc)
		return rc;
	rc = bdb_reader_change_records(c.r, check_record, &c);
	bdb_reader_end(c.r);
	if (n_problems)
		*n_problems = c.problems;
	if (n_records)
		*n_records = c.records;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The answer of `changes`                                                   */
/* ------------------------------------------------------------------------ */

int bdb__changelog_answer(bdb_reader *r, uint64_t series, size_t n_obs, int64_t last_us,
			  uint64_t last_seq, const double *x, const double *t, size_t n,
			  const bdb__changes_options *opt, bdb__changes *out, int *from)
{
	record rec = {0};
	const void *data;
	size_t len;
	*from = 0;
	int rc = bdb_reader_change_record(r, series, &data, &len);
	if (rc && rc != BDB_ENOTFOUND)
		return rc;
	if (rc == 0 && decode(data, len, &rec) == 0 && rec.key == bdb__cpfold_key(opt) &&
	    rec.n_obs == n_obs && rec.last_us == last_us && rec.last_seq == last_seq &&
	    rec.fold.n == n) {
		*from = 1;
		if (rec.answered) {
			*from = 2;
			/* Settled: the answer itself, kept for these observations. */
			memset(out, 0, sizeof *out);
			out->points = rec.answer;
			out->count = rec.answer_count;
			out->options = *opt;
			rec.answer = NULL;
			record_free(&rec);
			return 0;
		}
	} else {
		/* No record (a store written without the hook, or another
		 * fold): the same fold, from scratch. */
		record_free(&rec);
		if ((rc = bdb__cpfold_advance(&rec.fold, x, t, 0, n, opt)) != 0) {
			record_free(&rec);
			return rc;
		}
	}
	rc = bdb__cpfold_answer(&rec.fold, x, t, opt, out);
	record_free(&rec);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Settling: the answers kept with the records                               */
/* ------------------------------------------------------------------------ */

typedef struct settled {
	uint64_t series, n_obs, last_seq;
	int64_t last_us;
	size_t fold_n;
	bdb__changes answer;
} settled;

typedef struct settle_ctx {
	bdb__changes_options opt;
	uint64_t key;
	bdb_buf ids;	 /* uint64_t: the series whose records lack an answer */
	settled *items;
	size_t n_items;
	size_t n_written;
} settle_ctx;

static int unanswered(void *ctx, uint64_t series, const void *data, size_t len)
{
	settle_ctx *c = ctx;
	record rec;
	if (decode(data, len, &rec) != 0)
		return 0; /* malformed or another version: nothing to settle */
	if (rec.key == c->key && !rec.answered && rec.n_obs > 0)
		bdb_buf_append(&c->ids, &series, sizeof series);
	record_free(&rec);
	return c->ids.failed ? BDB_ENOMEM : 0;
}

/* The answer of series' current record from all of its values (read). */
static int settle_one(bdb_reader *r, settle_ctx *c, uint64_t series, settled *out)
{
	record rec;
	values v = {0};
	const void *data;
	size_t len;
	int rc = bdb_reader_change_record(r, series, &data, &len);
	if (rc)
		return rc == BDB_ENOTFOUND ? 1 : rc;
	if (decode(data, len, &rec) != 0)
		return 1;
	rc = load_all(r, series, &v);
	if (rc == 0 && (v.n_obs != rec.n_obs || v.last_us != rec.last_us ||
			v.last_seq != rec.last_seq || v.n != rec.fold.n))
		rc = 1; /* not this record's observations */
	if (rc == 0 && (rc = answer_of(&rec.fold, &v, &c->opt, &out->answer)) == 0) {
		out->series = series;
		out->n_obs = rec.n_obs;
		out->last_us = rec.last_us;
		out->last_seq = rec.last_seq;
		out->fold_n = rec.fold.n;
	}
	record_free(&rec);
	values_free(&v);
	return rc;
}

/* Stores each answer whose record has not changed since it was computed. */
static int settle_txn(void *ctx, bdb_reader *w)
{
	settle_ctx *c = ctx;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	int rc = 0;
	c->n_written = 0;
	for (size_t i = 0; i < c->n_items && !rc; i++) {
		settled *it = &c->items[i];
		const void *data;
		size_t len;
		record rec;
		if (bdb_reader_change_record(w, it->series, &data, &len) != 0 ||
		    decode(data, len, &rec) != 0)
			continue;
		if (rec.key == c->key && !rec.answered && rec.n_obs == it->n_obs &&
		    rec.last_us == it->last_us && rec.last_seq == it->last_seq &&
		    rec.fold.n == it->fold_n) {
			rec.answered = true;
			free(rec.answer);
			rec.answer = it->answer.points;
			rec.answer_count = it->answer.count;
			rc = encode(&rec, &scratch);
			if (!rc)
				rc = bdb_reader_put_change_record(w, it->series, scratch.data,
								  scratch.len);
			rec.answer = NULL; /* still it->answer's */
			c->n_written += !rc;
		}
		record_free(&rec);
	}
	bdb_buf_free(&scratch);
	return rc;
}

int bdb_query_changes_settle(bdb_store *store, volatile sig_atomic_t *cancel, size_t *n_settled)
{
	settle_ctx c = {.n_items = 0};
	fold_options(&c.opt);
	c.key = bdb__cpfold_key(&c.opt);
	bdb_buf_init(&c.ids);
	if (n_settled)
		*n_settled = 0;
	bdb_reader *r;
	int rc = bdb_reader_begin(store, &r);
	if (rc) {
		bdb_buf_free(&c.ids);
		return rc;
	}
	/* The answers are computed under a read transaction, outside the
	 * write lock: the write below only stores them, each where its
	 * record is still the one it was computed from. */
	rc = bdb_reader_change_records(r, unanswered, &c);
	const uint64_t *ids = (const uint64_t *)(void *)c.ids.data;
	size_t n_ids = c.ids.len / sizeof *ids;
	if (!rc && n_ids) {
		c.items = calloc(n_ids, sizeof *c.items);
		if (!c.items)
			rc = BDB_ENOMEM;
	}
	for (size_t i = 0; !rc && i < n_ids; i++) {
		if (cancel && *cancel) {
			rc = BDB_ECANCELLED; /* nothing stored: the answers wait */
			break;
		}
		int one = settle_one(r, &c, ids[i], &c.items[c.n_items]);
		if (one < 0)
			rc = one;
		else if (one == 0)
			c.n_items++;
	}
	bdb_reader_end(r);
	if (!rc && c.n_items)
		rc = bdb_store_update(store, settle_txn, &c);
	if (!rc && n_settled)
		*n_settled = c.n_written;
	for (size_t i = 0; i < c.n_items; i++)
		bdb__changes_free(&c.items[i].answer);
	free(c.items);
	bdb_buf_free(&c.ids);
	return rc;
}
