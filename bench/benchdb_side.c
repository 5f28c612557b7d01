/*
 * benchdb_side.c - the benchdb half of the benchmark: the store through
 * engine/engine.h, ingest through engine/ingest/ingest.h and the operations
 * through the query library (query/query.h).
 *
 * bench/bench.mk defines BENCH_HAVE_ENGINE, BENCH_HAVE_INGEST and
 * BENCH_HAVE_QUERY to 1 when libbenchdb.a holds the functions used here;
 * while a component is still being written, its functions return
 * BENCH_MISSING and the report marks the row "n/a (API missing: ...)"
 * rather than inventing a figure.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BENCH_HAVE_ENGINE
#define BENCH_HAVE_ENGINE 0
#endif
#ifndef BENCH_HAVE_INGEST
#define BENCH_HAVE_INGEST 0
#endif
#ifndef BENCH_HAVE_QUERY
#define BENCH_HAVE_QUERY 0
#endif

#if BENCH_HAVE_ENGINE
#include "engine.h"
#endif
#if BENCH_HAVE_INGEST
#include "ingest.h"
#endif
#if BENCH_HAVE_QUERY
#include "query.h"
#endif

const char *benchdb_side_missing(const char *op)
{
	if (!BENCH_HAVE_ENGINE)
		return "API missing: the engine (bdb_store_*) is not in libbenchdb.a yet";
	if (strcmp(op, "ingest") == 0 && !BENCH_HAVE_INGEST)
		return "API missing: engine/ingest/ingest.h";
	if (strcmp(op, "query") == 0 && !BENCH_HAVE_QUERY)
		return "API missing: query/query.h";
	return NULL;
}

void benchdb_side_trend_statement(const bench_series_ref *ref, char *buf, size_t size)
{
	snprintf(buf, size, "trend %s of \"%s\" where backend = \"%s\" and dtype = \"%s\"",
		 ref->metric, ref->point, ref->backend, ref->dtype);
}

#if BENCH_HAVE_ENGINE

struct benchdb_side {
	bdb_store *store;
#if BENCH_HAVE_QUERY
	/* query library state, see below */
#endif
};

int benchdb_side_open(const char *dir, bool durable, benchdb_side **out, char *err)
{
	*out = NULL;
	benchdb_side *s = calloc(1, sizeof *s);
	if (!s)
		return BDB_ENOMEM;
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
	free(s);
}

int benchdb_side_put_run(benchdb_side *s, const bdb_run *run, char *err)
{
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_store_put_run(s->store, run, 0, NULL, NULL, &d);
	if (rc)
		bdb_diag_format(&d, err, 256);
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

int benchdb_side_trend_engine(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	bench_answer_reset(a);
	bdb_reader *r;
	int rc = bdb_reader_begin(s->store, &r);
	if (rc)
		return rc;
	bdb_kv tags[2] = {{"backend", ref->backend}, {"dtype", ref->dtype}};
	uint64_t id;
	bdb_obs_iter *it = NULL;
	rc = bdb_reader_series_lookup(r, ref->point, tags, 2, ref->metric, &id);
	if (rc == 0)
		rc = bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, false, &it);
	bdb_obs obs;
	while (rc == 0 && (rc = bdb_obs_iter_next(it, &obs)) == 1) {
		a->rows++;
		a->sum += obs.value;
	}
	if (it)
		bdb_obs_iter_close(it);
	bdb_reader_end(r);
	return rc < 0 ? rc : 0;
}

int benchdb_side_size(benchdb_side *s, uint64_t *observations, uint64_t *bytes_on_disk,
		      uint64_t *bytes_used)
{
	bdb_store_stats st;
	int rc = bdb_store_stats(s->store, &st);
	if (rc)
		return rc;
	*observations = st.observations;
	*bytes_on_disk = st.bytes_on_disk;
	*bytes_used = st.bytes_used;
	return 0;
}

#else /* !BENCH_HAVE_ENGINE */

struct benchdb_side {
	int unused;
};

int benchdb_side_open(const char *dir, bool durable, benchdb_side **out, char *err)
{
	(void)dir;
	(void)durable;
	*out = NULL;
	snprintf(err, 256, "%s", benchdb_side_missing("engine"));
	return BENCH_MISSING;
}

void benchdb_side_close(benchdb_side *s)
{
	(void)s;
}

int benchdb_side_put_run(benchdb_side *s, const bdb_run *run, char *err)
{
	(void)s;
	(void)run;
	snprintf(err, 256, "%s", benchdb_side_missing("engine"));
	return BENCH_MISSING;
}

int benchdb_side_set_baseline(benchdb_side *s, const char *name, const char *run_id)
{
	(void)s;
	(void)name;
	(void)run_id;
	return BENCH_MISSING;
}

int benchdb_side_trend_engine(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	(void)s;
	(void)ref;
	(void)a;
	return BENCH_MISSING;
}

int benchdb_side_size(benchdb_side *s, uint64_t *observations, uint64_t *bytes_on_disk,
		      uint64_t *bytes_used)
{
	(void)s;
	*observations = *bytes_on_disk = *bytes_used = 0;
	return BENCH_MISSING;
}

#endif /* BENCH_HAVE_ENGINE */

#if BENCH_HAVE_ENGINE && BENCH_HAVE_INGEST
/* What `benchdb ingest FILE` does for one file: detect and parse (the format
 * is not forced), then store the run in one durable transaction. */
int benchdb_side_ingest(benchdb_side *s, const char *path, const char *json, size_t len,
			size_t *n_obs, char *err)
{
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_run *run = NULL;
	*n_obs = 0;
	int rc = bdb_ingest_buffer(path, json, len, BDB_FORMAT_AUTO, NULL, &run, NULL, &d);
	if (rc == 0)
		rc = bdb_store_put_run(s->store, run, 0, NULL, NULL, &d);
	if (rc == 0)
		for (size_t i = 0; i < run->n_points; i++)
			*n_obs += run->points[i].n_metrics;
	else
		bdb_diag_format(&d, err, 256);
	bdb_run_free(run);
	return rc;
}
#else
int benchdb_side_ingest(benchdb_side *s, const char *path, const char *json, size_t len,
			size_t *n_obs, char *err)
{
	(void)s;
	(void)path;
	(void)json;
	(void)len;
	*n_obs = 0;
	snprintf(err, 256, "%s", benchdb_side_missing("ingest"));
	return BENCH_MISSING;
}
#endif

#if BENCH_HAVE_ENGINE && BENCH_HAVE_QUERY
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
		fprintf(stderr, "bench: benchdb: %s: %s\n", text, bdb_diag_format(&d, msg, sizeof msg));
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

int benchdb_side_trend(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	char text[512];
	benchdb_side_trend_statement(ref, text, sizeof text);
	return run_statement(s, text, "value", NULL, NULL, a);
}

int benchdb_side_trend_by_month(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	char text[512];
	benchdb_side_trend_statement(ref, text, sizeof text);
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
	snprintf(text, sizeof text, "compare latest with baseline");
	return run_statement(s, text, "current", "verdict", "regression", a);
}

int benchdb_side_show_runs(benchdb_side *s, int limit, bench_answer *a)
{
	char text[64];
	snprintf(text, sizeof text, "show runs last %d", limit);
	return run_statement(s, text, "points", NULL, NULL, a);
}
#else
int benchdb_side_trend(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	(void)s;
	(void)ref;
	(void)a;
	return BENCH_MISSING;
}

int benchdb_side_trend_by_month(benchdb_side *s, const bench_series_ref *ref, bench_answer *a)
{
	(void)s;
	(void)ref;
	(void)a;
	return BENCH_MISSING;
}

int benchdb_side_rank(benchdb_side *s, const char *metric, bench_answer *a)
{
	(void)s;
	(void)metric;
	(void)a;
	return BENCH_MISSING;
}

int benchdb_side_compare(benchdb_side *s, bool only_regressions, double threshold_pct,
			 bench_answer *a)
{
	(void)s;
	(void)only_regressions;
	(void)threshold_pct;
	(void)a;
	return BENCH_MISSING;
}

int benchdb_side_show_runs(benchdb_side *s, int limit, bench_answer *a)
{
	(void)s;
	(void)limit;
	(void)a;
	return BENCH_MISSING;
}
#endif
