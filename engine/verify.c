/*
 * verify.c - maintenance: the integrity walk (every FlatBuffer verified,
 * every index entry checked in both directions), compacted backups and
 * statistics. Each works from one read transaction, so it sees one
 * consistent snapshot while a writer carries on.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

typedef struct verifier {
	bdb_store *s;
	MDB_txn *txn;
	bdb_problem_fn report;
	void *ctx;
	size_t problems;
	uint64_t next_seq, next_series;
	uint64_t expected_obs;	    /* metrics of every verified run */
	uint64_t found_obs;	    /* observations in the chunks */
	uint64_t found_samples;	    /* their sample counts, summed */
	uint64_t expected_postings; /* terms of every series */
	uint64_t runs_with_commit;
	bdb_buf a, b; /* scratch */
	bdb_buf run;  /* the run being verified, decompressed */
	bdb_buf join; /* a run value in two parts, joined */
	uint64_t runs_found; /* run values (their whole-page parts not counted twice) */
	/* The last chunk decoded per series (direct-mapped by id): runs are
	 * verified in order, so one chunk answers 128 runs of a series. */
	struct verified_chunk *chunks;
} verifier;

static void problem(verifier *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void bdb__report_problem(bdb_problem_fn report, void *ctx, size_t *count, const char *fmt,
			 va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	(*count)++;
	if (report)
		report(ctx, msg);
}

static void problem(verifier *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bdb__report_problem(v->report, v->ctx, &v->problems, fmt, ap);
	va_end(ap);
}

static MDB_dbi dbi(verifier *v, int db)
{
	return v->s->dbi[db];
}

#define VERIFY_CHUNK_SLOTS 1024

struct verified_chunk {
	uint8_t key[BDB__CHUNK_KEY]; /* all zero: empty (no series 0) */
	unsigned part;		     /* of the value under key */
	size_t n;
	bdb_obs obs[BDB__CHUNK_OBS];
};

/* bdb__obs_find through the verifier's chunk cache. */
static int find_obs(verifier *v, uint64_t series, int64_t us, uint64_t seq, bdb_obs *out)
{
	if (seq > BDB__MAX_SEQ)
		return BDB_ENOTFOUND;
	if (!v->chunks && !(v->chunks = calloc(VERIFY_CHUNK_SLOTS, sizeof *v->chunks)))
		return BDB_ENOMEM;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(v->txn, dbi(v, BDB__DB_CHUNKS), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, val;
	rc = bdb__chunk_locate(cur, series, us, seq, &k, &val);
	struct verified_chunk *c = &v->chunks[series % VERIFY_CHUNK_SLOTS];
	bdb__chunk_parts cp;
	if (!rc)
		rc = bdb__chunk_parts_open(val.mv_data, val.mv_size, &cp);
	unsigned part = rc ? 0 : bdb__chunk_parts_find(&cp, us, seq);
	if (!rc && (k.mv_size != BDB__CHUNK_KEY || c->part != part ||
		    memcmp(c->key, k.mv_data, BDB__CHUNK_KEY) != 0)) {
		memset(c->key, 0, sizeof c->key);
		rc = bdb__chunk_parts_read(&k, &cp, part, c->obs, &c->n);
		if (!rc) {
			memcpy(c->key, k.mv_data, BDB__CHUNK_KEY);
			c->part = part;
		}
	}
	mdb_cursor_close(cur);
	if (rc)
		return rc;
	for (size_t i = 0; i < c->n; i++)
		if (c->obs[i].timestamp_us == us && c->obs[i].run_seq == seq) {
			*out = c->obs[i];
			return 0;
		}
	return BDB_ENOTFOUND;
}

/* mdb_get on db; 1 found, 0 absent, negative error. */
static int get(verifier *v, int db, const void *key, size_t klen, MDB_val *out)
{
	MDB_val k = {klen, (void *)key};
	int rc = mdb_get(v->txn, dbi(v, db), &k, out);
	if (rc == MDB_NOTFOUND)
		return 0;
	return rc ? bdb__mdb_error(rc) : 1;
}

/* Whether the dupsort db has the pair (key, val). 1, 0 or an error. */
static int has_pair(verifier *v, int db, const void *key, size_t klen, const void *val, size_t vlen)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(v->txn, dbi(v, db), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k = {klen, (void *)key}, d = {vlen, (void *)val};
	rc = mdb_cursor_get(cur, &k, &d, MDB_GET_BOTH);
	mdb_cursor_close(cur);
	if (rc == MDB_NOTFOUND)
		return 0;
	return rc ? bdb__mdb_error(rc) : 1;
}

static uint64_t entries(verifier *v, int db)
{
	MDB_stat st;
	return mdb_stat(v->txn, dbi(v, db), &st) ? 0 : st.ms_entries;
}

static bool same_double(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0;
}

/* Whether observation value x is the run's value v in the series' unit
 * (bdb__in_series_unit), or v * factor as a store written before that
 * divided (for a factor 1/k) indexed it. */
static bool indexed_as(double x, double v, double factor)
{
	return same_double(x, bdb__in_series_unit(v, factor)) || same_double(x, v * factor);
}

/* Checks the observation of metric m (point p) of run seq in series id. */
static int verify_metric(verifier *v, uint64_t seq, int64_t ts, bdb_fb_view run, bdb_fb_view p,
			 bdb_fb_view m, uint64_t id)
{
	uint8_t id8[8];
	bdb__put_be64(id8, id);
	MDB_val val;
	bdb_fb_str pname = bdb_fb_point_name(p), mname = bdb_fb_metric_name(m);
	const char *pn = pname.ptr ? pname.ptr : "", *mn = mname.ptr ? mname.ptr : "";
	int rc = get(v, BDB__DB_SERIES_INFO, id8, 8, &val);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		problem(v,
			"run %llu: point \"%s\" metric \"%s\" refers to series %llu, "
			"which does not exist",
			(unsigned long long)seq, pn, mn, (unsigned long long)id);
		return 0;
	}
	bdb_series_info *si;
	if (bdb__series_info_decode(val.mv_data, val.mv_size, id, &si) != 0) {
		problem(v, "series %llu: info is malformed", (unsigned long long)id);
		return 0;
	}
	/* The series must be this point's (name, tags, metric). */
	uint32_t n_tags = bdb_fb_point_n_tags(p);
	bdb_kv *tags = calloc(n_tags + 1, sizeof *tags);
	if (!tags) {
		free(si);
		return BDB_ENOMEM;
	}
	for (uint32_t i = 0; i < n_tags; i++) {
		bdb_fb_str k, t;
		bdb_fb_point_tag(p, i, &k, &t);
		tags[i].key = k.ptr ? k.ptr : "";
		tags[i].value = t.ptr ? t.ptr : "";
	}
	bdb_buf_reset(&v->a);
	bdb_buf_reset(&v->b);
	bdb__series_canonical(&v->a, pn, tags, n_tags, mn);
	bdb__series_canonical(&v->b, si->point, si->tags, si->n_tags, si->metric);
	free(tags);
	if (v->a.failed || v->b.failed) {
		free(si);
		return BDB_ENOMEM;
	}
	if (v->a.len != v->b.len || memcmp(v->a.data, v->b.data, v->a.len) != 0)
		problem(v,
			"run %llu: point \"%s\" metric \"%s\" refers to series %llu, "
			"which is point \"%s\" metric \"%s\"",
			(unsigned long long)seq, pn, mn, (unsigned long long)id, si->point,
			si->metric);
	/* The observation, in the series' unit. */
	const char *def_unit = NULL;
	for (uint32_t i = 0; i < bdb_fb_run_n_defs(run); i++) {
		bdb_fb_view def = bdb_fb_run_def(run, i);
		bdb_fb_str dn = bdb_fb_def_name(def);
		if (dn.ptr && strcmp(dn.ptr, mn) == 0)
			def_unit = bdb_fb_def_unit(def).ptr;
	}
	const char *unit = bdb__effective_unit(bdb_fb_metric_unit(m).ptr, def_unit);
	double factor = 1;
	if (strcmp(unit, si->unit) != 0 && bdb__series_factor(unit, si->unit, &factor) != 0)
		problem(v,
			"run %llu: point \"%s\" metric \"%s\": unit \"%s\" does not convert "
			"to the series' unit \"%s\"",
			(unsigned long long)seq, pn, mn, unit, si->unit);
	free(si);
	bdb_obs o = {0};
	rc = find_obs(v, id, ts, seq, &o);
	if (rc == BDB_ENOTFOUND) {
		problem(v,
			"run %llu: point \"%s\" metric \"%s\" has no observation in the "
			"index (series %llu)",
			(unsigned long long)seq, pn, mn, (unsigned long long)id);
		return 0;
	}
	if (rc == BDB_ECORRUPT) {
		problem(v, "observation of series %llu in run %llu is malformed",
			(unsigned long long)id, (unsigned long long)seq);
		return 0;
	}
	if (rc)
		return rc;
	double lower, upper;
	bool has_lower = bdb_fb_metric_lower(m, &lower), has_upper = bdb_fb_metric_upper(m, &upper);
	if (!indexed_as(o.value, bdb_fb_metric_value(m), factor) || o.has_lower != has_lower ||
	    (has_lower && !indexed_as(o.lower, lower, factor)) || o.has_upper != has_upper ||
	    (has_upper && !indexed_as(o.upper, upper, factor)) ||
	    o.n_samples != bdb_fb_metric_n_samples(m))
		problem(v,
			"run %llu: point \"%s\" metric \"%s\": the indexed observation "
			"differs from the run (value %.17g, run says %.17g x %.17g)",
			(unsigned long long)seq, pn, mn, o.value, bdb_fb_metric_value(m), factor);
	return 0;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Checks run seq against every index that must point at it. */
static int verify_run(verifier *v, uint64_t seq, const MDB_val *fb)
{
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	bdb_diag d;
	if (bdb_run_verify(fb->mv_data, fb->mv_size, &d) != 0) {
		problem(v, "run %llu: the FlatBuffer fails verification: %s",
			(unsigned long long)seq, d.message);
		return 0;
	}
	if (seq == 0 || seq >= v->next_seq)
		problem(v, "run %llu: sequence number not below next_seq %llu",
			(unsigned long long)seq, (unsigned long long)v->next_seq);
	bdb_fb_view run = bdb_fb_run_root(fb->mv_data, fb->mv_size);
	bdb_fb_str id = bdb_fb_run_id(run), commit = bdb_fb_run_commit(run),
		   branch = bdb_fb_run_branch(run);
	int64_t ts = bdb_fb_run_timestamp(run);
	const char *ids = id.ptr ? id.ptr : "";
	MDB_val val;
	int rc = get(v, BDB__DB_RUNLOG, seq8, 8, &val);
	if (rc < 0)
		return rc;
	bdb_run_info info;
	uint32_t n_metrics = 0;
	for (uint32_t i = 0; i < bdb_fb_run_n_points(run); i++)
		n_metrics += bdb_fb_point_n_metrics(bdb_fb_run_point(run, i));
	if (rc == 0)
		problem(v, "run %llu (\"%s\"): no runlog entry", (unsigned long long)seq, ids);
	else if (bdb__runlog_decode(val.mv_data, val.mv_size, seq, &info) != 0)
		problem(v, "run %llu: runlog entry is malformed", (unsigned long long)seq);
	else if (strcmp(info.id, ids) != 0 || info.timestamp_us != ts ||
		 strcmp(info.commit, commit.ptr ? commit.ptr : "") != 0 ||
		 strcmp(info.branch, branch.ptr ? branch.ptr : "") != 0 ||
		 info.n_points != bdb_fb_run_n_points(run) || info.n_metrics != n_metrics)
		problem(v, "run %llu (\"%s\"): runlog entry disagrees with the run",
			(unsigned long long)seq, ids);
	uint8_t key[BDB__KEY_LONG], tk[16];
	rc = get(v, BDB__DB_RUN_IDS, key, bdb__key_form(ids, strlen(ids), key), &val);
	if (rc < 0)
		return rc;
	if (rc == 0 || val.mv_size != 8 || bdb__get_be64(val.mv_data) != seq)
		problem(v, "run %llu: id \"%s\" is not indexed to it in run_ids",
			(unsigned long long)seq, ids);
	bdb__put_time(tk, ts);
	memcpy(tk + 8, seq8, 8);
	rc = get(v, BDB__DB_TIME, tk, 16, &val);
	if (rc < 0)
		return rc;
	if (rc == 0)
		problem(v, "run %llu: missing from the time index", (unsigned long long)seq);
	if (commit.ptr && commit.ptr[0]) {
		v->runs_with_commit++;
		rc = has_pair(v, BDB__DB_COMMITS, key, bdb__key_form(commit.ptr, commit.len, key),
			      tk, 16);
		if (rc < 0)
			return rc;
		if (rc == 0)
			problem(v, "run %llu: commit \"%s\" is not indexed",
				(unsigned long long)seq, commit.ptr);
	}
	rc = get(v, BDB__DB_RUN_SERIES, seq8, 8, &val);
	if (rc < 0)
		return rc;
	uint64_t *series = NULL;
	size_t n_listed = 0;
	if (rc == 1) {
		rc =
		    bdb__run_series_decode(val.mv_data, val.mv_size, n_metrics, &series, &n_listed);
		if (rc == BDB_ENOMEM)
			return rc;
		if (rc) {
			problem(v,
				"run %llu: run_series is malformed or lists more than the "
				"run's %u metrics",
				(unsigned long long)seq, n_metrics);
			return 0;
		}
	}
	if (n_listed != n_metrics) {
		problem(v, "run %llu: run_series has %zu entries, the run has %u metrics",
			(unsigned long long)seq, n_listed, n_metrics);
		free(series);
		return 0;
	}
	v->expected_obs += n_metrics;
	rc = 0;
	size_t at = 0;
	for (uint32_t i = 0; i < bdb_fb_run_n_points(run) && !rc; i++) {
		bdb_fb_view p = bdb_fb_run_point(run, i);
		for (uint32_t j = 0; j < bdb_fb_point_n_metrics(p) && !rc; j++, at++)
			rc = verify_metric(v, seq, ts, run, p, bdb_fb_point_metric(p, j),
					   series[at]);
	}
	qsort(series, n_metrics, sizeof *series, compare_u64);
	for (uint32_t i = 1; i < n_metrics && !rc; i++)
		if (series[i] == series[i - 1])
			problem(v, "run %llu: series %llu appears twice", (unsigned long long)seq,
				(unsigned long long)series[i]);
	free(series);
	return rc;
}

/* Whether run seq exists (has a FlatBuffer). 1, 0 or an error. */
static int run_exists(verifier *v, uint64_t seq)
{
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	MDB_val val;
	return get(v, BDB__DB_RUNS, seq8, 8, &val);
}

/* Walks db with a cursor, calling fn(v, key, value) for each entry. */
typedef int (*entry_fn)(verifier *v, const MDB_val *k, const MDB_val *val);

static int walk(verifier *v, int db, entry_fn fn)
{
	MDB_cursor *cur;
	int rc = mdb_cursor_open(v->txn, dbi(v, db), &cur);
	if (rc)
		return bdb__mdb_error(rc);
	MDB_val k, val;
	int got = mdb_cursor_get(cur, &k, &val, MDB_FIRST);
	rc = 0;
	while (got == 0 && !rc) {
		rc = fn(v, &k, &val);
		if (!rc)
			got = mdb_cursor_get(cur, &k, &val, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	return rc;
}

static int check_runs_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	uint8_t piece = k->mv_size == BDB__RUN_REST_KEY ? ((const uint8_t *)k->mv_data)[8] : 0;
	if (piece >= 1 && piece <= BDB__RUN_RESTS) {
		/* A piece of a frame's rest: read with its run's whole-page part,
		 * after the pieces before it. */
		MDB_val whole, before;
		uint64_t seq = bdb__get_be64(k->mv_data);
		uint8_t prev[BDB__RUN_REST_KEY];
		memcpy(prev, k->mv_data, BDB__RUN_REST_KEY);
		prev[8] = (uint8_t)(piece - 1);
		int rc = get(v, BDB__DB_RUNS, k->mv_data, 8, &whole);
		if (rc == 0)
			problem(v, "runs: the rest of run %llu's value, which does not exist",
				(unsigned long long)seq);
		if (rc == 1 && piece > 1 && (rc = get(v, BDB__DB_RUNS, prev, 9, &before)) == 0)
			problem(v, "runs: piece %u of run %llu's rest without piece %u", piece,
				(unsigned long long)seq, piece - 1);
		if (rc <= 0 || piece > 1)
			return rc < 0 ? rc : 0;
		MDB_val joined;
		rc = bdb__run_value_get(v->s, v->txn, seq, &v->join, &joined);
		if (!rc && joined.mv_size == whole.mv_size)
			problem(v, "runs: run %llu's value has a rest after a part of %zu bytes, "
				   "not whole pages",
				(unsigned long long)seq, whole.mv_size);
		return rc;
	}
	if (k->mv_size == BDB__RUN_REST_KEY) {
		problem(v, "runs: piece %u of run %llu's rest (1 to %d expected)", piece,
			(unsigned long long)bdb__get_be64(k->mv_data), BDB__RUN_RESTS);
		return 0;
	}
	if (k->mv_size != 8) {
		problem(v, "runs: a key of %zu bytes (8 expected)", k->mv_size);
		return 0;
	}
	uint64_t seq = bdb__get_be64(k->mv_data);
	v->runs_found++;
	MDB_val joined;
	int rc = bdb__run_value_get(v->s, v->txn, seq, &v->join, &joined);
	if (rc)
		return rc;
	val = &joined;
	rc = bdb__run_unpack(v->s, v->txn, val->mv_data, val->mv_size, &v->run);
	if (rc == BDB_ECORRUPT) {
		problem(v, "run %llu: the value (%zu bytes) is not a zstd frame that decompresses",
			(unsigned long long)seq, val->mv_size);
		return 0;
	}
	if (rc)
		return rc;
	MDB_val fb = {v->run.len, v->run.data};
	return verify_run(v, seq, &fb);
}

/* runlog, run_series: every key is a stored run. */
static int check_seq_keyed(verifier *v, const MDB_val *k, const MDB_val *val, const char *db)
{
	(void)val;
	if (k->mv_size != 8) {
		problem(v, "%s: a key of %zu bytes (8 expected)", db, k->mv_size);
		return 0;
	}
	uint64_t seq = bdb__get_be64(k->mv_data);
	int rc = run_exists(v, seq);
	if (rc == 0)
		problem(v, "%s: entry for run %llu, which does not exist", db,
			(unsigned long long)seq);
	return rc < 0 ? rc : 0;
}

static int check_runlog_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	return check_seq_keyed(v, k, val, "runlog");
}

static int check_run_series_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	return check_seq_keyed(v, k, val, "run_series");
}

/* The runlog entry of seq decoded into info; 1, 0 (absent/malformed) or an error. */
static int runlog_of(verifier *v, uint64_t seq, bdb_run_info *info)
{
	uint8_t seq8[8];
	bdb__put_be64(seq8, seq);
	MDB_val val;
	int rc = get(v, BDB__DB_RUNLOG, seq8, 8, &val);
	if (rc <= 0)
		return rc;
	return bdb__runlog_decode(val.mv_data, val.mv_size, seq, info) == 0;
}

static int check_run_id_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	if (val->mv_size != 8) {
		problem(v, "run_ids: a value of %zu bytes (8 expected)", val->mv_size);
		return 0;
	}
	uint64_t seq = bdb__get_be64(val->mv_data);
	bdb_run_info info;
	int rc = runlog_of(v, seq, &info);
	if (rc < 0)
		return rc;
	uint8_t key[BDB__KEY_LONG];
	if (rc == 0 || bdb__key_form(info.id, strlen(info.id), key) != k->mv_size ||
	    memcmp(key, k->mv_data, k->mv_size) != 0)
		problem(v, "run_ids: an entry points at run %llu, whose id is not its key",
			(unsigned long long)seq);
	return 0;
}

static int check_time_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	(void)val;
	if (k->mv_size != 16) {
		problem(v, "time: a key of %zu bytes (16 expected)", k->mv_size);
		return 0;
	}
	uint64_t seq = bdb__get_be64((const uint8_t *)k->mv_data + 8);
	bdb_run_info info;
	int rc = runlog_of(v, seq, &info);
	if (rc < 0)
		return rc;
	if (rc == 0 || info.timestamp_us != bdb__get_time(k->mv_data))
		problem(v, "time: an entry points at run %llu, which does not exist at that time",
			(unsigned long long)seq);
	return 0;
}

static int check_commit_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	if (val->mv_size != 16) {
		problem(v, "commits: a value of %zu bytes (16 expected)", val->mv_size);
		return 0;
	}
	uint64_t seq = bdb__get_be64((const uint8_t *)val->mv_data + 8);
	bdb_run_info info;
	int rc = runlog_of(v, seq, &info);
	if (rc < 0)
		return rc;
	uint8_t key[BDB__KEY_LONG];
	if (rc == 0 || bdb__key_form(info.commit, strlen(info.commit), key) != k->mv_size ||
	    memcmp(key, k->mv_data, k->mv_size) != 0 ||
	    info.timestamp_us != bdb__get_time(val->mv_data))
		problem(v, "commits: an entry points at run %llu, which has another commit or time",
			(unsigned long long)seq);
	return 0;
}

/* Checks one observation of a chunk of series. */
static int check_obs(verifier *v, uint64_t series, const uint8_t *series8, const bdb_obs *o)
{
	bdb_run_info info;
	int rc = runlog_of(v, o->run_seq, &info);
	if (rc < 0)
		return rc;
	if (rc == 0 || info.timestamp_us != o->timestamp_us)
		problem(v,
			"chunks: an observation of series %llu points at run %llu, which does "
			"not exist at that time",
			(unsigned long long)series, (unsigned long long)o->run_seq);
	MDB_val sv;
	rc = get(v, BDB__DB_SERIES_INFO, series8, 8, &sv);
	if (rc == 0)
		problem(v,
			"chunks: an observation in run %llu belongs to series %llu, which does "
			"not exist",
			(unsigned long long)o->run_seq, (unsigned long long)series);
	return rc < 0 ? rc : 0;
}

/* What each_chunk calls for each chunk of a value: its observations. */
typedef int (*chunk_fn)(verifier *v, const MDB_val *k, const bdb_obs *obs, size_t n);

/*
 * Calls fn for each chunk of the `chunks` value (k, val) (one, or a block's
 * parts, 2.8), in order; a value or part that does not decode, or parts
 * out of order, is a problem when report says so, and ends the value.
 */
static int each_chunk(verifier *v, const MDB_val *k, const MDB_val *val, bool report, chunk_fn fn)
{
	bdb__chunk_parts cp;
	bdb_obs obs[BDB__CHUNK_OBS], prev = {0};
	size_t n;
	bool ok = k->mv_size == BDB__CHUNK_KEY &&
		  bdb__chunk_parts_open(val->mv_data, val->mv_size, &cp) == 0;
	int rc = 0;
	for (unsigned p = 0; ok && !rc && p < cp.n; p++) {
		ok = bdb__chunk_parts_read(k, &cp, p, obs, &n) == 0 &&
		     (p == 0 || bdb__obs_compare(&obs[0], &prev) > 0);
		if (ok) {
			prev = obs[n - 1];
			rc = fn(v, k, obs, n);
		}
	}
	if (!ok && report)
		problem(v, "chunks: a chunk of %zu bytes under a key of %zu bytes does not decode",
			val->mv_size, k->mv_size);
	return rc;
}

static int check_chunk(verifier *v, const MDB_val *k, const bdb_obs *obs, size_t n)
{
	uint64_t series = bdb__get_be64(k->mv_data);
	v->found_obs += n;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		v->found_samples += obs[i].n_samples;
		rc = check_obs(v, series, k->mv_data, &obs[i]);
	}
	return rc;
}

static int check_chunk_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	return each_chunk(v, k, val, true, check_chunk);
}

/* Only after a count mismatch: names an observation no run lists. */
static int check_obs_listed(verifier *v, uint64_t series, const bdb_obs *op)
{
	bdb_obs o = *op;
	uint8_t seq8[8];
	bdb__put_be64(seq8, o.run_seq);
	MDB_val rs;
	int rc = get(v, BDB__DB_RUN_SERIES, seq8, 8, &rs);
	if (rc < 0)
		return rc;
	bdb_run_info info;
	if (rc == 1)
		rc = runlog_of(v, o.run_seq, &info);
	if (rc < 0)
		return rc;
	uint64_t *ids = NULL;
	size_t n = 0;
	if (rc == 1)
		rc = bdb__run_series_decode(rs.mv_data, rs.mv_size, info.n_metrics, &ids, &n);
	if (rc == BDB_ENOMEM)
		return rc;
	bool listed = false;
	for (size_t i = 0; i < n && !listed; i++)
		listed = ids[i] == series;
	free(ids);
	if (listed)
		return 0;
	problem(v, "chunks: series %llu has an observation in run %llu that the run does not list",
		(unsigned long long)series, (unsigned long long)o.run_seq);
	return 0;
}

static int chunk_listed(verifier *v, const MDB_val *k, const bdb_obs *obs, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++)
		rc = check_obs_listed(v, bdb__get_be64(k->mv_data), &obs[i]);
	return rc;
}

static int check_chunk_listed(verifier *v, const MDB_val *k, const MDB_val *val)
{
	return each_chunk(v, k, val, false, chunk_listed);
}

static int check_series_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	if (val->mv_size != 8) {
		problem(v, "series: a value of %zu bytes (8 expected)", val->mv_size);
		return 0;
	}
	uint64_t id = bdb__get_be64(val->mv_data);
	uint8_t id8[8];
	memcpy(id8, val->mv_data, 8);
	MDB_val sv;
	int rc = get(v, BDB__DB_SERIES_INFO, id8, 8, &sv);
	if (rc < 0)
		return rc;
	bdb_series_info *si;
	if (rc == 0 || bdb__series_info_decode(sv.mv_data, sv.mv_size, id, &si) != 0) {
		problem(v, "series: an entry points at series %llu, which does not exist",
			(unsigned long long)id);
		return 0;
	}
	bdb_buf_reset(&v->a);
	bdb__series_canonical(&v->a, si->point, si->tags, si->n_tags, si->metric);
	free(si);
	if (v->a.failed)
		return BDB_ENOMEM;
	uint8_t key[BDB__KEY_LONG];
	if (bdb__key_form(v->a.data, v->a.len, key) != k->mv_size ||
	    memcmp(key, k->mv_data, k->mv_size) != 0)
		problem(v, "series: the key of series %llu is not its canonical form",
			(unsigned long long)id);
	return 0;
}

static int check_series_info_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	if (k->mv_size != 8) {
		problem(v, "series_info: a key of %zu bytes (8 expected)", k->mv_size);
		return 0;
	}
	uint64_t id = bdb__get_be64(k->mv_data);
	bdb_series_info *si;
	if (bdb__series_info_decode(val->mv_data, val->mv_size, id, &si) != 0) {
		problem(v, "series_info: series %llu is malformed", (unsigned long long)id);
		return 0;
	}
	if (id == 0 || id >= v->next_series)
		problem(v, "series %llu: id not below next_series %llu", (unsigned long long)id,
			(unsigned long long)v->next_series);
	bdb_buf_reset(&v->a);
	bdb__series_canonical(&v->a, si->point, si->tags, si->n_tags, si->metric);
	bdb_buf_reset(&v->b);
	size_t n_terms = bdb__series_terms(&v->b, si);
	int rc = v->a.failed || v->b.failed ? BDB_ENOMEM : 0;
	uint8_t key[BDB__KEY_LONG];
	MDB_val sv;
	if (!rc)
		rc = get(v, BDB__DB_SERIES, key, bdb__key_form(v->a.data, v->a.len, key), &sv);
	if (rc == 0 || (rc == 1 && (sv.mv_size != 8 || bdb__get_be64(sv.mv_data) != id)))
		problem(v, "series %llu (point \"%s\" metric \"%s\"): not in the series dictionary",
			(unsigned long long)id, si->point, si->metric);
	const char *t = v->b.data;
	for (size_t i = 0; i < n_terms && rc >= 0; i++) {
		size_t len = strlen(t);
		rc = has_pair(v, BDB__DB_POSTINGS, key, bdb__key_form(t, len, key), k->mv_data, 8);
		if (rc == 0)
			problem(v, "series %llu: missing from the postings of \"%s\"",
				(unsigned long long)id, t);
		t += len + 1;
	}
	v->expected_postings += n_terms;
	if (rc >= 0) {
		/* A series lives as long as it has observations. */
		bool has;
		rc = bdb__series_has_obs(v->txn, dbi(v, BDB__DB_CHUNKS), id, &has);
		if (rc == 0 && !has)
			problem(v, "series %llu (point \"%s\" metric \"%s\"): no observation",
				(unsigned long long)id, si->point, si->metric);
	}
	free(si);
	return rc < 0 ? rc : 0;
}

/* Only after a count mismatch: names postings whose series lacks the term. */
static int check_posting_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	if (val->mv_size != 8)
		return 0;
	uint64_t id = bdb__get_be64(val->mv_data);
	MDB_val sv;
	int rc = get(v, BDB__DB_SERIES_INFO, val->mv_data, 8, &sv);
	if (rc < 0)
		return rc;
	bdb_series_info *si;
	if (rc == 0 || bdb__series_info_decode(sv.mv_data, sv.mv_size, id, &si) != 0) {
		problem(v, "postings: \"%.*s\" lists series %llu, which does not exist",
			(int)(k->mv_size > 80 ? 80 : k->mv_size), (const char *)k->mv_data,
			(unsigned long long)id);
		return 0;
	}
	bdb_buf_reset(&v->b);
	size_t n_terms = bdb__series_terms(&v->b, si);
	free(si);
	const char *t = v->b.data;
	for (size_t i = 0; i < n_terms; i++) {
		size_t len = strlen(t);
		uint8_t key[BDB__KEY_LONG];
		if (bdb__key_form(t, len, key) == k->mv_size &&
		    !memcmp(key, k->mv_data, k->mv_size))
			return 0;
		t += len + 1;
	}
	problem(v, "postings: \"%.*s\" lists series %llu, which does not have that term",
		(int)(k->mv_size > 80 ? 80 : k->mv_size), (const char *)k->mv_data,
		(unsigned long long)id);
	return 0;
}

static int check_baseline_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	uint64_t seq;
	const char *name;
	if (bdb__baseline_decode(val->mv_data, val->mv_size, &seq, &name) != 0) {
		problem(v, "baselines: an entry is malformed");
		return 0;
	}
	uint8_t key[BDB__KEY_LONG];
	if (bdb__key_form(name, strlen(name), key) != k->mv_size ||
	    memcmp(key, k->mv_data, k->mv_size) != 0)
		problem(v, "baseline \"%s\": stored under another key", name);
	int rc = run_exists(v, seq);
	if (rc == 0)
		problem(v, "baseline \"%s\": points at run %llu, which does not exist", name,
			(unsigned long long)seq);
	return rc < 0 ? rc : 0;
}

static int check_metric_def_entry(verifier *v, const MDB_val *k, const MDB_val *val)
{
	bdb_metric_def def;
	if (bdb__metric_def_decode(val->mv_data, val->mv_size, &def) != 0) {
		problem(v, "metric_defs: an entry is malformed");
		return 0;
	}
	uint8_t key[BDB__KEY_LONG];
	if (bdb__key_form(def.name, strlen(def.name), key) != k->mv_size ||
	    memcmp(key, k->mv_data, k->mv_size) != 0)
		problem(v, "metric definition \"%s\": stored under another key", def.name);
	return 0;
}

/* Counts that must agree once every entry has been checked on its own. */
static void check_counts(verifier *v)
{
	uint64_t runs = v->runs_found;
	static const int per_run[] = {BDB__DB_RUNLOG, BDB__DB_RUN_IDS, BDB__DB_TIME,
				      BDB__DB_RUN_SERIES};
	for (size_t i = 0; i < sizeof per_run / sizeof *per_run; i++) {
		uint64_t n = entries(v, per_run[i]);
		if (n != runs)
			problem(v, "%s has %llu entries for %llu runs", bdb__db_names[per_run[i]],
				(unsigned long long)n, (unsigned long long)runs);
	}
	uint64_t commits = entries(v, BDB__DB_COMMITS);
	if (commits != v->runs_with_commit)
		problem(v, "commits has %llu entries for %llu runs with a commit",
			(unsigned long long)commits, (unsigned long long)v->runs_with_commit);
	uint64_t series = entries(v, BDB__DB_SERIES), infos = entries(v, BDB__DB_SERIES_INFO);
	if (series != infos)
		problem(v, "series has %llu entries, series_info %llu", (unsigned long long)series,
			(unsigned long long)infos);
}

int bdb_store_verify(bdb_store *store, bdb_problem_fn report, void *ctx, size_t *n_problems)
{
	return bdb_store_verify_counted(store, report, ctx, n_problems, NULL);
}

int bdb_store_verify_counted(bdb_store *store, bdb_problem_fn report, void *ctx, size_t *n_problems,
			     bdb_verify_counts *counts)
{
	verifier v = {.s = store, .report = report, .ctx = ctx};
	if (counts)
		memset(counts, 0, sizeof *counts);
	bdb_buf_init(&v.a);
	bdb_buf_init(&v.run);
	bdb_buf_init(&v.join);
	bdb_buf_init(&v.b);
	int rc = bdb__read_begin(store, &v.txn);
	if (rc)
		return rc;
	/* Damaged pages would crash LMDB's own walk: report them and stop. */
	size_t damaged = 0;
	rc = bdb__check_pages(store, v.txn, BDB__CHECK_ALL, report, ctx, &damaged);
	if (rc || damaged) {
		bdb__read_end(store, v.txn);
		if (n_problems)
			*n_problems = damaged;
		return rc;
	}
	uint64_t version;
	rc = bdb__meta_get_u64(store, v.txn, "format_version", 0, &version);
	if (!rc && (version < BDB__FORMAT_READABLE || version > BDB__FORMAT_VERSION))
		problem(&v, "meta: format_version is %llu, expected %u",
			(unsigned long long)version, BDB__FORMAT_VERSION);
	if (!rc)
		rc = bdb__meta_get_u64(store, v.txn, "next_seq", 1, &v.next_seq);
	if (!rc)
		rc = bdb__meta_get_u64(store, v.txn, "next_series", 1, &v.next_series);
	if (!rc)
		rc = walk(&v, BDB__DB_RUNS, check_runs_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_RUNLOG, check_runlog_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_RUN_SERIES, check_run_series_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_RUN_IDS, check_run_id_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_TIME, check_time_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_COMMITS, check_commit_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_CHUNKS, check_chunk_entry);
	if (!rc && v.found_obs != v.expected_obs) {
		problem(&v, "chunks hold %llu observations, the runs have %llu metrics",
			(unsigned long long)v.found_obs, (unsigned long long)v.expected_obs);
		rc = walk(&v, BDB__DB_CHUNKS, check_chunk_listed);
	}
	if (!rc)
		rc = walk(&v, BDB__DB_SERIES, check_series_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_SERIES_INFO, check_series_info_entry);
	if (!rc && entries(&v, BDB__DB_POSTINGS) != v.expected_postings) {
		problem(&v, "postings has %llu entries, the series have %llu terms",
			(unsigned long long)entries(&v, BDB__DB_POSTINGS),
			(unsigned long long)v.expected_postings);
		rc = walk(&v, BDB__DB_POSTINGS, check_posting_entry);
	}
	if (!rc)
		rc = walk(&v, BDB__DB_BASELINES, check_baseline_entry);
	if (!rc)
		rc = walk(&v, BDB__DB_METRIC_DEFS, check_metric_def_entry);
	if (!rc)
		check_counts(&v);
	if (!rc && counts) {
		counts->runs = v.runs_found;
		counts->series = entries(&v, BDB__DB_SERIES);
		counts->observations = v.found_obs;
	}
	bdb__read_end(store, v.txn);
	bdb_buf_free(&v.a);
	bdb_buf_free(&v.b);
	bdb_buf_free(&v.run);
	bdb_buf_free(&v.join);
	free(v.chunks);
	if (n_problems)
		*n_problems = v.problems;
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Backup and statistics                                                     */
/* ------------------------------------------------------------------------ */

/* The name a backup is written under before it is renamed to data.mdb. */
#define BACKUP_TMP "data.mdb.tmp"

int bdb_store_backup(bdb_store *store, const char *dir, bdb_diag *d)
{
	bdb_diag_clear(d);
	bool made = mkdir(dir, 0777) == 0;
	if (!made && errno != EEXIST)
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot create the backup directory: %s",
				    strerror(errno));
	/* One backup into a directory at a time (an exclusive flock of the
	 * directory, held to the end): two would share BACKUP_TMP, and the
	 * first to finish renamed the other's copy, still being written, to
	 * data.mdb and said it was done. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot open the backup directory: %s",
				    strerror(errno));
	if (flock(dfd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;
		close(dfd);
		return bdb_diag_set(d, err == EWOULDBLOCK ? BDB_EBUSY : BDB_EIO, dir, 0, 0,
				    err == EWOULDBLOCK
					? "another backup is being written into this directory; "
					  "it was left alone"
					: "cannot lock the backup directory: %s",
				    strerror(err));
	}
	DIR *dh = opendir(dir);
	if (!dh) {
		close(dfd);
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0, "cannot open the backup directory: %s",
				    strerror(errno));
	}
	/* Empty, but for the copy of a backup that was killed. */
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(dh)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    strcmp(e->d_name, BACKUP_TMP) != 0)
			empty = false;
	closedir(dh);
	if (!empty) {
		close(dfd);
		return bdb_diag_set(d, BDB_EEXISTS, dir, 0, 0, "the backup directory is not empty");
	}
	/*
	 * The copy is written under another name and renamed: a backup cut
	 * short (a full disk, a kill) is never a data.mdb that looks like one.
	 */
	char tmp[PATH_MAX], final[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s/" BACKUP_TMP, dir);
	snprintf(final, sizeof final, "%s/data.mdb", dir);
	unlink(tmp);
	int rc = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		int err = errno;
		if (made)
			rmdir(dir);
		close(dfd);
		return bdb_diag_set(d, bdb__mdb_error(err), dir, 0, 0,
				    "backup failed: cannot create %s: %s; nothing was written", tmp,
				    strerror(err));
	} else {
		rc = mdb_env_copyfd2(store->env, fd, MDB_CP_COMPACT);
		if (!rc && fdatasync(fd) != 0)
			rc = errno;
		if (close(fd) != 0 && !rc)
			rc = errno;
	}
	if (!rc && rename(tmp, final) != 0)
		rc = errno;
	if (rc) {
		unlink(tmp);
		if (made)
			rmdir(dir);
		close(dfd);
		return bdb_diag_set(d, bdb__mdb_error(rc), dir, 0, 0,
				    "backup failed: %s; the partial copy was removed",
				    mdb_strerror(rc));
	}
	fsync(dfd);
	close(dfd); /* also releases the flock */
	return 0;
}

static int count_chunk(verifier *v, const MDB_val *k, const bdb_obs *obs, size_t n)
{
	(void)k;
	v->found_obs += n;
	for (size_t i = 0; i < n; i++)
		v->found_samples += obs[i].n_samples;
	return 0;
}

static int add_chunk(verifier *v, const MDB_val *k, const MDB_val *val)
{
	return each_chunk(v, k, val, false, count_chunk);
}

int bdb_store_stats(bdb_store *store, struct bdb_store_stats *out)
{
	memset(out, 0, sizeof *out);
	verifier v = {.s = store};
	int rc = bdb__read_begin(store, &v.txn);
	if (rc)
		return rc;
	/* The walks below read every page of obs and of the free list: check
	 * them all first, as verify does, or a damaged one crashes LMDB. */
	size_t damaged = 0;
	rc = bdb__check_pages(store, v.txn, BDB__CHECK_ALL, NULL, NULL, &damaged);
	if (rc || damaged) {
		bdb__read_end(store, v.txn);
		return rc ? rc : BDB_ECORRUPT;
	}
	out->runs = entries(&v, BDB__DB_RUNLOG);
	out->series = entries(&v, BDB__DB_SERIES_INFO);
	/* The observations and their sample counts are in the chunks. */
	rc = walk(&v, BDB__DB_CHUNKS, add_chunk);
	out->observations = v.found_obs;
	out->samples = v.found_samples;
	/* Pages in use: every page up to the last one written, less the free
	 * ones (DUPSORT sub-databases hide from mdb_stat, so count this way). */
	MDB_envinfo info;
	MDB_stat st;
	mdb_env_info(store->env, &info);
	mdb_env_stat(store->env, &st);
	uint64_t free_pages = 0;
	MDB_cursor *cur;
	if (!rc)
		rc = bdb__mdb_error(mdb_cursor_open(v.txn, 0 /* FREE_DBI */, &cur));
	if (!rc) {
		MDB_val k, val;
		int got = mdb_cursor_get(cur, &k, &val, MDB_FIRST);
		while (got == 0) {
			size_t n;
			if (val.mv_size >= sizeof n) {
				memcpy(&n, val.mv_data, sizeof n);
				free_pages += n;
			}
			got = mdb_cursor_get(cur, &k, &val, MDB_NEXT);
		}
		mdb_cursor_close(cur);
		if (got != MDB_NOTFOUND)
			rc = bdb__mdb_error(got);
	}
	bdb__read_end(store, v.txn);
	if (rc)
		return rc;
	uint64_t pages = (uint64_t)info.me_last_pgno + 1;
	out->bytes_used = (pages > free_pages ? pages - free_pages : 0) * st.ms_psize;
	out->free_pages = free_pages;
	out->page_size = st.ms_psize;
	out->map_size = info.me_mapsize;
	char path[4096];
	struct stat fst;
	snprintf(path, sizeof path, "%s/data.mdb", store->path);
	if (stat(path, &fst) == 0)
		out->bytes_on_disk = (uint64_t)fst.st_size;
	out->bytes_per_observation =
	    out->observations ? (double)out->bytes_used / (double)out->observations : 0;
	return 0;
}
