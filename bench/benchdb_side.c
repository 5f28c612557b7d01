/*
 * benchdb_side.c - the benchdb half of the benchmark: the store through
 * engine/engine.h, ingest through engine/ingest/ingest.h, and each query
 * operation two ways:
 *
 *   - straight on the engine API (series lookup / postings, observation
 *     iterator, obs_get, run log), materializing the same columns the
 *     SQLite peer materializes: the floor a query executor can reach;
 *   - through the query library (bdb_query_run: lexer, parser, executor,
 *     result table), the path users hit. bench/bench.mk defines
 *     BENCH_HAVE_QUERY to 1 when libbenchdb.a has bdb_query_run; until then
 *     those functions return BENCH_MISSING and the rows say "n/a".
 */
#include "bench.h"
#include "workload.h"

#include "engine.h"
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BENCH_HAVE_QUERY
#define BENCH_HAVE_QUERY 0
#endif
#if BENCH_HAVE_QUERY
#include "query.h"
#include "web.h"
#endif

struct benchdb_side {
	bdb_store *store;
	bench_months months;
};

const char *benchdb_side_missing(const char *op)
{
	if (strcmp(op, "query") == 0 && !BENCH_HAVE_QUERY)
		return "API missing: bdb_query_run is not in libbenchdb.a yet";
	return NULL;
}

void benchdb_side_trend_statement(const bench_series_ref *ref, char *buf, size_t size)
{
	snprintf(buf, size, "trend %s of \"%s\" where backend = \"%s\" and dtype = \"%s\"",
		 ref->metric, ref->point, ref->backend, ref->dtype);
}

/* ------------------------------------------------------------------------ */
/* Store                                                                     */
/* ------------------------------------------------------------------------ */

int benchdb_side_open(const char *dir, bool durable, benchdb_side **out, char *err)
{
	*out = NULL;
	benchdb_side *s = calloc(1, sizeof *s);
	if (!s)
		return BDB_ENOMEM;
	s->months.month = -1;
	bdb_store_options opt = {0};
	opt.no_sync = !durable;
	opt.initial_map_size = (size_t)1 << 30;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_store_open(dir, &opt, &s->store, &d);
	if (rc) {
		bdb_diag_format(&d, err, 256);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void benchdb_side_close(benchdb_side *s)
{
	if (!s)
		return;
	bdb_store_close(s->store);
	bench_months_free(&s->months);
	free(s);
}

int benchdb_side_put_runs(benchdb_side *s, bdb_run *const *runs, size_t n, char *err)
{
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc =
	    bdb_store_put_runs(s->store, (const bdb_run *const *)runs, n, 0, NULL, NULL, NULL, &d);
	if (rc)
		bdb_diag_format(&d, err, 256);
	return rc;
}

/* Keeps the first input's error for benchdb_side_ingest_files. */
static void keep_first_error(void *ctx, const bdb_ingest_result *r)
{
	char *err = ctx;
	if (r->rc && !err[0])
		bdb_diag_format(r->diag, err, 256);
}

/* What `benchdb ingest FILE...` does: bdb_ingest_files, the library code of
 * the program, with its batches (batch_runs runs per write transaction). */
int benchdb_side_ingest_files(benchdb_side *s, const char *const *paths, size_t n,
			      size_t batch_runs, bench_ingest_stats *out, char *err)
{
	bdb_ingest_job job = {
	    .format = BDB_INPUT_AUTO,
	    .batch_runs = batch_runs,
	    .report = keep_first_error,
	    .report_ctx = err,
	};
	bdb_ingest_stats st;
	err[0] = '\0';
	int rc = bdb_ingest_files(s->store, paths, n, &job, &st);
	out->obs += st.observations;
	out->parse_ns += st.read_ns;
	out->store_ns += st.store_ns;
	out->transactions += st.transactions;
	return rc;
}

int benchdb_side_set_baseline(benchdb_side *s, const char *name, const char *run_id)
{
	bdb_reader *r;
	uint64_t seq;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	rc = bdb_reader_find_id(r, run_id, &seq);
	bdb_reader_end(r);
	return rc ? rc : bdb_store_set_baseline(s->store, name, seq);
}

int benchdb_side_has_baseline(benchdb_side *s, const char *name, bool *out)
{
	bdb_reader *r;
	uint64_t seq;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	rc = bdb_reader_get_baseline(r, name, &seq);
	bdb_reader_end(r);
	*out = rc == 0;
	return rc == BDB_ENOTFOUND ? 0 : rc;
}

int benchdb_side_latest_id(benchdb_side *s, char *buf, size_t size)
{
	bdb_reader *r;
	uint64_t seq;
	bdb_run_info info;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	rc = bdb_reader_latest(r, 0, &seq);
	if (rc == 0)
		rc = bdb_reader_run_info(r, seq, &info);
	if (rc == 0)
		snprintf(buf, size, "%s", info.id);
	bdb_reader_end(r);
	return rc;
}

int benchdb_side_compact(const char *dir, uint64_t *before, uint64_t *after, double *secs,
			 uint64_t *observations, uint64_t *bytes_on_disk, char *err, size_t size)
{
	bdb_store *s;
	bdb_diag d;
	bdb_diag_clear(&d);
	struct bdb_store_stats st;
	int rc = bdb_store_open(dir, NULL, &s, &d);
	if (rc == 0) {
		uint64_t start = bench_now_ns();
		rc = bdb_store_compact(s, before, after, &d);
		*secs = (double)(bench_now_ns() - start) / 1e9;
		bdb_store_close(s);
	}
	if (rc == 0)
		rc = bdb_store_open(dir, NULL, &s, &d);
	if (rc == 0) {
		rc = bdb_store_stats(s, &st);
		bdb_store_close(s);
	}
	if (rc) {
		snprintf(err, size, "%s", d.message[0] ? d.message : bdb_strerror(rc));
		return rc;
	}
	*observations = st.observations;
	*bytes_on_disk = st.bytes_on_disk;
	return 0;
}

int benchdb_side_size(benchdb_side *s, uint64_t *observations, uint64_t *bytes_on_disk,
		      uint64_t *bytes_used)
{
	struct bdb_store_stats st;
	int rc = bdb_store_stats(s->store, &st);
	if (rc)
		return rc;
	*observations = st.observations;
	*bytes_on_disk = st.bytes_on_disk;
	*bytes_used = st.bytes_used;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* The operations on the engine API                                          */
/* ------------------------------------------------------------------------ */

/* Cells of a materialized row, as the SQLite peer writes them: text as its
 * bytes, numbers as their 8 binary bytes, each followed by a tab. */
static void put_text(bench_answer *a, const char *s)
{
	bdb_buf_puts(&a->text, s);
	bdb_buf_putc(&a->text, '\t');
}

static void put_number(bench_answer *a, double v)
{
	bdb_buf_append(&a->text, &v, sizeof v);
	bdb_buf_putc(&a->text, '\t');
}

static void put_int(bench_answer *a, int64_t v)
{
	bdb_buf_append(&a->text, &v, sizeof v);
	bdb_buf_putc(&a->text, '\t');
}

/* "k1=v1,k2=v2": the tag set of a series as one cell. */
static void put_tags(bench_answer *a, const bdb_series_info *info)
{
	for (size_t i = 0; i < info->n_tags; i++) {
		if (i)
			bdb_buf_putc(&a->text, ',');
		bdb_buf_puts(&a->text, info->tags[i].key);
		bdb_buf_putc(&a->text, '=');
		bdb_buf_puts(&a->text, info->tags[i].value);
	}
	bdb_buf_putc(&a->text, '\t');
}

/*
 * One series' observations, oldest first: a reader, the series (looked up
 * by point, tags and metric) and an iterator over all its time.
 */
typedef struct series_scan {
	bdb_reader *reader;
	uint64_t id;
	bdb_obs_iter *iter;
} series_scan;

static int scan_open(benchdb_side *s, const bench_series_ref *ref, series_scan *scan)
{
	bdb_kv tags[2] = {{"backend", ref->backend}, {"dtype", ref->dtype}};
	scan->iter = NULL;
	int rc = bdb_reader_begin(s->store, &scan->reader);
	if (rc)
		return rc;
	rc = bdb_reader_series_lookup(scan->reader, ref->point, tags, 2, ref->metric, &scan->id);
	if (rc == 0)
		rc = bdb_obs_iter_open(scan->reader, scan->id, INT64_MIN, INT64_MAX, false,
				       &scan->iter);
	return rc;
}

/* The next observation: 1, 0 at the end, or an error. */
static int scan_next(series_scan *scan, bdb_obs *obs)
{
	return bdb_obs_iter_next(scan->iter, obs);
}

/* Ends the scan; returns rc, or 0 for the iterator's end (rc 0 or 1). */
static int scan_close(series_scan *scan, int rc)
{
	if (scan->iter)
		bdb_obs_iter_close(scan->iter);
	bdb_reader_end(scan->reader);
	return rc < 0 ? rc : 0;
}

int benchdb_side_trend_values(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	bench_answer_reset(a);
	series_scan scan;
	bdb_obs obs;
	int rc = scan_open(s, ref, &scan);
	while (rc == 0 && (rc = scan_next(&scan, &obs)) == 1) {
		a->rows++;
		a->sum += obs.value;
		rc = 0;
	}
	return scan_close(&scan, rc);
}

int benchdb_side_trend_engine(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	bench_answer_reset(a);
	series_scan scan;
	bdb_series_info *info = NULL;
	bdb_obs obs;
	bdb_run_info run;
	int rc = scan_open(s, ref, &scan);
	if (rc == 0)
		rc = bdb_reader_series_info(scan.reader, scan.id, &info);
	while (rc == 0 && (rc = scan_next(&scan, &obs)) == 1) {
		/* The trend's columns: run, timestamp, commit, value, lower, upper, unit. */
		rc = bdb_reader_run_info(scan.reader, obs.run_seq, &run);
		if (rc)
			break;
		put_text(a, run.id);
		put_int(a, obs.timestamp_us);
		put_text(a, run.commit);
		put_number(a, obs.value);
		if (obs.has_lower)
			put_number(a, obs.lower);
		if (obs.has_upper)
			put_number(a, obs.upper);
		put_text(a, info->unit);
		bdb_buf_putc(&a->text, '\n');
		a->rows++;
		a->sum += obs.value;
	}
	free(info);
	return scan_close(&scan, rc);
}

int benchdb_side_trend_by_month_engine(benchdb_side *s, const bench_series_ref *ref,
				       bench_answer *a)
{
	bench_answer_reset(a);
	series_scan scan;
	bdb_obs obs;
	int rc = scan_open(s, ref, &scan);
	while (rc == 0 && (rc = scan_next(&scan, &obs)) == 1) {
		rc = bench_months_add(&s->months, bench_month_of(obs.timestamp_us), obs.value, a);
	}
	bench_months_finish(&s->months, a);
	return scan_close(&scan, rc);
}

typedef struct rank_row {
	double value;
	bdb_series_info *info;
} rank_row;

static int compare_rank_rows(const void *a, const void *b)
{
	return bench_compare_doubles(&((const rank_row *)a)->value, &((const rank_row *)b)->value);
}

int benchdb_side_rank_engine(benchdb_side *s, const char *metric, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_reader *r;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	char term[128];
	snprintf(term, sizeof term, "m:%s", metric);
	const char *terms[1] = {term};
	uint64_t seq, *ids = NULL;
	size_t n_ids = 0, n = 0;
	rank_row *rows = NULL;
	bdb_metric_def def;
	rc = bdb_reader_latest(r, 0, &seq);
	if (rc == 0)
		rc = bdb_reader_effective_def(r, seq, metric, &def);
	if (rc == 0)
		rc = bdb_reader_series_match(r, terms, 1, &ids, &n_ids);
	if (rc == 0 && n_ids && !(rows = malloc(n_ids * sizeof *rows)))
		rc = BDB_ENOMEM;
	for (size_t i = 0; rc == 0 && i < n_ids; i++) {
		bdb_obs obs;
		rc = bdb_reader_obs_get(r, ids[i], seq, &obs);
		if (rc == BDB_ENOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc == 0)
			rc = bdb_reader_series_info(r, ids[i], &rows[n].info);
		if (rc == 0)
			rows[n++].value = obs.value;
	}
	if (rc == 0) {
		/* Best first: ascending unless the metric is higher-is-better. */
		qsort(rows, n, sizeof *rows, compare_rank_rows);
		bool higher = def.direction != BDB_LOWER;
		for (size_t k = 0; k < n; k++) {
			const rank_row *row = &rows[higher ? n - 1 - k : k];
			double best = rows[higher ? n - 1 : 0].value;
			double delta =
			    best == 0 ? 0 : (row->value - best) / (best < 0 ? -best : best) * 100;
			put_text(a, row->info->point);
			put_tags(a, row->info);
			put_text(a, row->info->unit);
			double cells[3] = {(double)(k + 1), row->value, delta < 0 ? -delta : delta};
			bdb_buf_append(&a->text, cells, sizeof cells);
			a->sum += row->value;
		}
		a->rows = n;
	}
	for (size_t k = 0; k < n; k++)
		free(rows[k].info);
	free(rows);
	free(ids);
	bdb_reader_end(r);
	return rc;
}

static int compare_ids(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/*
 * The directions of the metrics of run seq, each asked of the engine once
 * per operation (bdb_reader_effective_def verifies the run's FlatBuffer on
 * every call). A few metrics per store: a short list is enough.
 */
#define DIRECTION_CACHE 16
typedef struct direction_cache {
	size_t n;
	char metric[DIRECTION_CACHE][64];
	bdb_direction direction[DIRECTION_CACHE];
} direction_cache;

static bdb_direction direction_of(bdb_reader *r, uint64_t seq, const char *metric,
				  direction_cache *cache)
{
	for (size_t i = 0; i < cache->n; i++)
		if (strcmp(cache->metric[i], metric) == 0)
			return cache->direction[i];
	bdb_metric_def def;
	bdb_direction dir =
	    bdb_reader_effective_def(r, seq, metric, &def) == 0 ? def.direction : BDB_INFO;
	if (cache->n < DIRECTION_CACHE && strlen(metric) < sizeof cache->metric[0]) {
		strcpy(cache->metric[cache->n], metric);
		cache->direction[cache->n++] = dir;
	}
	return dir;
}

/* One compare row: the verdict of series id between runs base and cur. */
static int compare_series(bdb_reader *r, uint64_t id, uint64_t base_seq, uint64_t cur_seq,
			  bool only_regressions, double threshold_pct, direction_cache *cache,
			  bench_answer *a)
{
	bdb_obs base, cur;
	int rb = bdb_reader_obs_get(r, id, base_seq, &base);
	int rc = bdb_reader_obs_get(r, id, cur_seq, &cur);
	if ((rb && rb != BDB_ENOTFOUND) || (rc && rc != BDB_ENOTFOUND))
		return rb && rb != BDB_ENOTFOUND ? rb : rc;
	bool has_base = rb == 0, has_cur = rc == 0;
	if (!has_base && !has_cur)
		return 0;
	bdb_series_info *info;
	int err = bdb_reader_series_info(r, id, &info);
	if (err)
		return err;
	bdb_direction dir = direction_of(r, cur_seq, info->metric, cache);
	double change;
	bool regression;
	const char *verdict = bench_judge(dir, has_base, base.value, has_cur, cur.value,
					  threshold_pct, &change, &regression);
	if (!only_regressions || regression) {
		put_text(a, info->point);
		put_tags(a, info);
		put_text(a, info->metric);
		put_text(a, info->unit);
		put_text(a, bdb_direction_name(dir));
		if (has_base)
			put_number(a, base.value);
		if (has_cur)
			put_number(a, cur.value);
		bench_put_verdict(a, change, verdict, regression, only_regressions, has_cur,
				  cur.value);
	}
	free(info);
	return 0;
}

int benchdb_side_compare_engine(benchdb_side *s, bool only_regressions, double threshold_pct,
				bench_answer *a)
{
	bench_answer_reset(a);
	bdb_reader *r;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	uint64_t cur_seq, base_seq, *cur_ids = NULL, *base_ids = NULL;
	size_t n_cur = 0, n_base = 0;
	direction_cache cache = {0};
	rc = bdb_reader_latest(r, 0, &cur_seq);
	if (rc == 0)
		rc = bdb_reader_get_baseline(r, "main", &base_seq);
	if (rc == 0)
		rc = bdb_reader_run_series(r, cur_seq, &cur_ids, &n_cur);
	if (rc == 0)
		rc = bdb_reader_run_series(r, base_seq, &base_ids, &n_base);
	if (rc == 0) {
		/* Every series of either run, once, in id order. */
		qsort(cur_ids, n_cur, sizeof *cur_ids, compare_ids);
		qsort(base_ids, n_base, sizeof *base_ids, compare_ids);
		size_t i = 0, j = 0;
		while (rc == 0 && (i < n_cur || j < n_base)) {
			uint64_t id;
			if (j == n_base || (i < n_cur && cur_ids[i] < base_ids[j]))
				id = cur_ids[i++];
			else if (i == n_cur || base_ids[j] < cur_ids[i])
				id = base_ids[j++];
			else
				id = cur_ids[i++], j++;
			rc = compare_series(r, id, base_seq, cur_seq, only_regressions,
					    threshold_pct, &cache, a);
		}
	}
	free(cur_ids);
	free(base_ids);
	bdb_reader_end(r);
	return rc;
}

int benchdb_side_show_runs_engine(benchdb_side *s, int limit, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_reader *r;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	bdb_run_info *runs = NULL;
	size_t n = 0;
	bdb_run_filter filter = {NULL, INT64_MIN, INT64_MAX};
	rc = bdb_reader_list_runs(r, &filter, (size_t)limit, &runs, &n);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		put_text(a, runs[i].id);
		put_int(a, runs[i].timestamp_us);
		put_text(a, runs[i].commit);
		put_text(a, runs[i].branch);
		put_int(a, runs[i].n_points);
		bdb_buf_putc(&a->text, '\n');
		a->sum += runs[i].n_points;
		a->rows++;
	}
	free(runs);
	bdb_reader_end(r);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The operations through the query library                                 */
/* ------------------------------------------------------------------------ */

#if BENCH_HAVE_QUERY
/*
 * Runs one statement through bdb_query_run (lexer, parser, executor, result
 * table; no formatting, as the SQLite side materializes rows without
 * printing them) and summarizes the table: rows, the sum of column
 * sum_column, and the rows whose column flag_column equals flag_value.
 */
static int run_statement(benchdb_side *s, const char *text, const char *sum_column,
			 const char *flag_column, const char *flag_value, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run(s->store, text, NULL, &res, &d);
	if (rc) {
		char msg[1200];
		fprintf(stderr, "bench: benchdb: %s: %s\n", text,
			bdb_diag_format(&d, msg, sizeof msg));
		return rc;
	}
	a->rows = bdb_result_n_rows(res);
	int sum_col = sum_column ? bdb_result_column_index(res, sum_column) : -1;
	int flag_col = flag_column ? bdb_result_column_index(res, flag_column) : -1;
	for (size_t i = 0; i < a->rows; i++) {
		if (sum_col >= 0) {
			bdb_value v = bdb_result_get(res, i, (size_t)sum_col);
			if (v.kind == BDB_VALUE_NUMBER)
				a->sum += v.num;
			else if (v.kind == BDB_VALUE_INT)
				a->sum += (double)v.i;
		}
		if (flag_col >= 0) {
			bdb_value v = bdb_result_get(res, i, (size_t)flag_col);
			a->flagged += v.kind == BDB_VALUE_STRING && strcmp(v.str, flag_value) == 0;
		} else if (flag_value) {
			a->flagged++;
		}
	}
	bdb_result_free(res);
	return 0;
}
int benchdb_side_check(benchdb_side *s, size_t *n_regressions, bdb_buf *out)
{
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run(s->store, "regressions in latest vs baseline main", NULL, &res, &d);
	if (rc) {
		char msg[1200];
		bdb_buf_puts(out, bdb_diag_format(&d, msg, sizeof msg));
		return rc;
	}
	*n_regressions = bdb_result_n_rows(res);
	rc = bdb_result_format(res, BDB_OUTPUT_TABLE, NULL, out);
	bdb_result_free(res);
	return rc;
}

int benchdb_side_svg(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	char text[600];
	benchdb_side_trend_statement(ref, text, sizeof text - 16);
	strcat(text, " as svg");
	bench_answer_reset(a);
	bdb_result *res = NULL;
	int rc = bdb_query_run(s->store, text, NULL, &res, NULL);
	if (!rc)
		rc = bdb_result_svg(res, NULL, &a->text);
	if (!rc)
		a->rows = bdb_result_n_rows(res);
	bdb_result_free(res);
	return rc;
}

int benchdb_side_report(benchdb_side *s, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_report_options o = {.store_name = "nightly-10y"};
	return bdb_report_write(s->store, &o, &a->text, NULL);
}

int benchdb_side_overview(benchdb_side *s, int part, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_overview_options o = {.baseline = NULL, .part = part};
	bdb_diag d;
	bdb_diag_clear(&d);
	return bdb_dashboard_overview(s->store, &o, &a->text, &d);
}
#else
int benchdb_side_svg(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	(void)s;
	(void)ref;
	bench_answer_reset(a);
	return BENCH_MISSING;
}

int benchdb_side_report(benchdb_side *s, bench_answer *a)
{
	(void)s;
	bench_answer_reset(a);
	return BENCH_MISSING;
}

int benchdb_side_overview(benchdb_side *s, int part, bench_answer *a)
{
	(void)s;
	(void)part;
	bench_answer_reset(a);
	return BENCH_MISSING;
}

int benchdb_side_check(benchdb_side *s, size_t *n_regressions, bdb_buf *out)
{
	(void)s;
	(void)out;
	*n_regressions = 0;
	return BENCH_MISSING;
}

static int run_statement(benchdb_side *s, const char *text, const char *sum_column,
			 const char *flag_column, const char *flag_value, bench_answer *a)
{
	(void)s;
	(void)text;
	(void)sum_column;
	(void)flag_column;
	(void)flag_value;
	bench_answer_reset(a);
	return BENCH_MISSING;
}
#endif

int benchdb_side_trend(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	char text[512];
	benchdb_side_trend_statement(ref, text, sizeof text);
	return run_statement(s, text, "value", NULL, NULL, a);
}

int benchdb_side_trend_by_month(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	char text[512];
	benchdb_side_trend_statement(ref, text, sizeof text - 16);
	strcat(text, " by month");
	return run_statement(s, text, "value", NULL, NULL, a);
}

int benchdb_side_rank(benchdb_side *s, const char *metric, bench_answer *a)
{
	char text[256];
	snprintf(text, sizeof text, "rank %s in latest", metric);
	return run_statement(s, text, "value", NULL, NULL, a);
}

int benchdb_side_compare(benchdb_side *s, bool only_regressions, double threshold_pct,
			 bench_answer *a)
{
	char text[256];
	if (only_regressions) {
		snprintf(text, sizeof text, "regressions in latest vs baseline threshold %g%%",
			 threshold_pct);
		return run_statement(s, text, "current", NULL, "regression", a);
	}
	/* The first run is the base (docs/query-language.md). */
	snprintf(text, sizeof text, "compare baseline with latest");
	return run_statement(s, text, "current", "verdict", "regression", a);
}

int benchdb_side_show_runs(benchdb_side *s, int limit, bench_answer *a)
{
	char text[64];
	snprintf(text, sizeof text, "show runs last %d", limit);
	return run_statement(s, text, "points", NULL, NULL, a);
}

/* ------------------------------------------------------------------------ */
/* Change points over a long series                                          */
/* ------------------------------------------------------------------------ */

/*
 * The series of the `changes` benchmark: n_runs nightly runs of one point
 * ("BM_long", metric "time", ns, lower is better), 2 % Gaussian noise
 * around 100 with steps of +10 at 25 %, -15 at 60 % and +20 at 90 % of the
 * runs: the series of tests/tools/changes_harness, as stored runs.
 */
int benchdb_side_build_long_series(benchdb_side *s, uint32_t n_runs, char *err)
{
	enum { BATCH = 500 };
	bdb_run *runs[BATCH];
	size_t n = 0;
	bench_rng rng = {BENCH_DEFAULT_SEED};
	int rc = 0;
	for (uint32_t i = 0; i < n_runs && rc == 0; i++) {
		bdb_run *run = bdb_run_new();
		bdb_point *p;
		bdb_metric *m;
		char id[32];
		snprintf(id, sizeof id, "long-%06u", i);
		double level = 100.0 + (i >= n_runs / 4 ? 10.0 : 0.0) +
			       (i >= n_runs * 3 / 5 ? -15.0 : 0.0) +
			       (i >= n_runs * 9 / 10 ? 20.0 : 0.0);
		rc = run ? 0 : BDB_ENOMEM;
		if (rc == 0)
			rc = bdb_run_set_id(run, id);
		if (rc == 0) {
			run->timestamp_us =
			    INT64_C(1600000000000000) + (int64_t)i * INT64_C(86400000000);
			rc = bdb_run_add_point(run, "BM_long", &p);
		}
		if (rc == 0)
			rc = bdb_point_add_metric(run, p, "time",
						  level + 2.0 * bench_rng_gaussian(&rng), &m);
		if (rc == 0)
			rc = bdb_metric_set_unit(run, m, "ns");
		if (run)
			runs[n++] = run;
		if (rc == 0 && (n == BATCH || i + 1 == n_runs))
			rc = benchdb_side_put_runs(s, runs, n, err);
		if (n == BATCH || i + 1 == n_runs || rc) {
			for (size_t k = 0; k < n; k++)
				bdb_run_free(runs[k]);
			n = 0;
		}
	}
	if (rc && !err[0])
		snprintf(err, 256, "%s", bdb_strerror(rc));
	return rc;
}

int benchdb_side_changes(benchdb_side *s, unsigned window, bench_answer *a)
{
	char text[128];
	if (window)
		snprintf(text, sizeof text, "changes time of \"BM_long\" window %u", window);
	else
		/* The row is E-Divisive's, which is no longer the default. */
		snprintf(text, sizeof text, "changes time of \"BM_long\" using edivisive");
	return run_statement(s, text, "change_pct", NULL, NULL, a);
}
