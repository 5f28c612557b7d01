/*
 * test_store_series.c - the series side of the engine: dictionary, postings
 * (point, metric, scenario, tag) and their intersections, the term catalog,
 * observation iterators, unit conversion, names past LMDB's key limit,
 * unicode and '=' in tags, delete removing every index entry, series reads
 * that need no run FlatBuffer, verify finding injected damage (and the
 * counts of bdb_store_verify_counted), backup, stats.
 */
#include <lmdb.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/sample_runs.h"
#include "helpers/store_env.h"

/* Three runs of make_run with 6 points at times 100, 200, 300 (seq 1..3). */
static void put_three(bdb_store *s)
{
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "r%d", i + 1);
		bdb_run *run = make_run(id, 100 * (i + 1), NULL, "main", 6, 10.0 * (i + 1));
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
}

/* Collects terms into a newline-separated string. */
static int collect_term(void *ctx, const char *term, size_t len)
{
	bdb_buf *b = ctx;
	assert_int_equal(strlen(term), len);
	bdb_buf_append(b, term, len);
	bdb_buf_putc(b, '\n');
	return 0;
}

static int stop_at_second(void *ctx, const char *term, size_t len)
{
	(void)term;
	(void)len;
	return ++*(int *)ctx == 2 ? 42 : 0;
}

/* The one series matching every term (asserted to be one); free() it. */
static bdb_series_info *only_match(bdb_reader *r, const char *const *terms, size_t n_terms)
{
	uint64_t *ids;
	size_t n;
	assert_int_equal(bdb_reader_series_match(r, terms, n_terms, &ids, &n), 0);
	assert_int_equal(n, 1);
	bdb_series_info *si;
	assert_int_equal(bdb_reader_series_info(r, ids[0], &si), 0);
	free(ids);
	return si;
}

static void test_postings_and_terms(void **state)
{
	store_fixture *f = *state;
	put_three(f->store);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t *ids;
	size_t n;
	assert_int_equal(bdb_reader_postings(r, "m:time", &ids, &n), 0);
	assert_int_equal(n, 6);
	for (size_t i = 1; i < n; i++)
		assert_true(ids[i - 1] < ids[i]);
	free(ids);
	assert_int_equal(bdb_reader_postings(r, "t:framework=Grain", &ids, &n), 0);
	assert_int_equal(n, 6); /* 3 points x 2 metrics */
	free(ids);
	assert_int_equal(count_postings(r, "t:framework=Nope"), 0);
	const char *terms[] = {"m:time", "t:framework=Grain", "t:size=1"};
	/* Grain points are 0, 2, 4 with sizes 0, 2, 1: only bench/004. */
	bdb_series_info *si = only_match(r, terms, 3);
	assert_string_equal(si->point, "bench/004");
	assert_string_equal(si->metric, "time");
	assert_string_equal(si->unit, "ns");
	free(si);
	assert_int_equal(count_matching(r, terms, 2), 3);
	assert_int_equal(count_matching(r, NULL, 0), 12);
	bdb_buf b;
	bdb_buf_init(&b);
	assert_int_equal(bdb_reader_terms(r, "m:", collect_term, &b), 0);
	assert_string_equal(bdb_buf_cstr(&b), "m:ops\nm:time\n");
	bdb_buf_reset(&b);
	assert_int_equal(bdb_reader_terms(r, "t:size=", collect_term, &b), 0);
	assert_string_equal(bdb_buf_cstr(&b), "t:size=0\nt:size=1\nt:size=2\n");
	bdb_buf_reset(&b);
	assert_int_equal(bdb_reader_tag_keys(r, collect_term, &b), 0);
	assert_string_equal(bdb_buf_cstr(&b), "framework\nsize\n");
	bdb_buf_reset(&b);
	assert_int_equal(bdb_reader_terms(r, "p:bench/00", collect_term, &b), 0);
	assert_string_equal(bdb_buf_cstr(&b), "p:bench/000\np:bench/001\np:bench/002\n"
					      "p:bench/003\np:bench/004\np:bench/005\n");
	bdb_buf_free(&b);
	int calls = 0;
	assert_int_equal(bdb_reader_terms(r, "", stop_at_second, &calls), 42);
	assert_int_equal(calls, 2);
	bdb_reader_end(r);
}

/* Scenario terms: sample_run_full's points CV-1/small (scenario cold),
 * CV-2/small (none) and CV-3/small (warm), 3 metrics each. */
static void test_scenario_postings(void **state)
{
	store_fixture *f = *state;
	bdb_run *run = sample_run_full();
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(count_postings(r, "s:cold"), 3);
	assert_int_equal(count_postings(r, "s:warm"), 3);
	assert_int_equal(count_postings(r, "s:"), 0); /* no term for "no scenario" */
	bdb_buf b;
	bdb_buf_init(&b);
	assert_int_equal(bdb_reader_terms(r, "s:", collect_term, &b), 0);
	assert_string_equal(bdb_buf_cstr(&b), "s:cold\ns:warm\n");
	bdb_buf_free(&b);
	const char *terms[] = {"s:warm", "m:latency"};
	bdb_series_info *si = only_match(r, terms, 2);
	assert_string_equal(si->point, "CV-3/small");
	assert_string_equal(si->scenario, "warm");
	assert_string_equal(si->metric, "latency");
	free(si);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	/* Deleting the run removes the scenario terms with its series. */
	assert_int_equal(bdb_store_delete_run(f->store, 1), 0);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(count_postings(r, "s:cold"), 0);
	assert_int_equal(count_postings(r, "s:warm"), 0);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
}

/* Reads a whole iterator into values[]; returns the count. */
static size_t drain(bdb_reader *r, uint64_t series, int64_t from, int64_t to, bool backward,
		    double *values, uint64_t *seqs)
{
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, series, from, to, backward, &it), 0);
	bdb_obs o;
	size_t n = 0;
	int rc;
	while ((rc = bdb_obs_iter_next(it, &o)) == 1) {
		values[n] = o.value;
		seqs[n] = o.run_seq;
		n++;
	}
	assert_int_equal(rc, 0);
	bdb_obs_iter_close(it);
	return n;
}

/* The series of make_run's point bench/001 (Datarax, size 1), metric time. */
static uint64_t series_001_time(bdb_reader *r)
{
	bdb_kv tags[] = {{"framework", "Datarax"}, {"size", "1"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/001", tags, 2, "time", &id), 0);
	return id;
}

static void test_obs_iterators(void **state)
{
	store_fixture *f = *state;
	put_three(f->store);
	/* A fourth run at the same time as r2, and one far in the past. */
	bdb_run *run = make_run("r4", 200, NULL, NULL, 6, 40);
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	run = make_run("r5", -1000000, NULL, NULL, 6, 50);
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t id = series_001_time(r);
	double v[8];
	uint64_t seq[8];
	/* Values are base + 1: r5 51 (t=-1e6), r1 11 (100), r2 21 (200), r4 41 (200), r3 31 (300).
	 */
	assert_int_equal(drain(r, id, INT64_MIN, INT64_MAX, false, v, seq), 5);
	assert_true(v[0] == 51 && v[1] == 11 && v[2] == 21 && v[3] == 41 && v[4] == 31);
	assert_int_equal(seq[3], 4);
	assert_int_equal(drain(r, id, INT64_MIN, INT64_MAX, true, v, seq), 5);
	assert_true(v[0] == 31 && v[1] == 41 && v[2] == 21 && v[3] == 11 && v[4] == 51);
	assert_int_equal(drain(r, id, 100, 200, false, v, seq), 3);
	assert_true(v[0] == 11 && v[2] == 41);
	assert_int_equal(drain(r, id, 100, 200, true, v, seq), 3);
	assert_true(v[0] == 41 && v[2] == 11);
	assert_int_equal(drain(r, id, 201, 299, false, v, seq), 0);
	assert_int_equal(drain(r, id, 201, 299, true, v, seq), 0);
	assert_int_equal(drain(r, id, 300, 100, false, v, seq), 0);
	assert_int_equal(drain(r, id, -1000000, -1000000, true, v, seq), 1);
	assert_int_equal(drain(r, id + 1000, INT64_MIN, INT64_MAX, true, v, seq), 0);
	/* Two iterators at once, one left open for reader_end to close. */
	bdb_obs_iter *a, *b;
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, false, &a), 0);
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, true, &b), 0);
	bdb_obs oa, ob;
	assert_int_equal(bdb_obs_iter_next(a, &oa), 1);
	assert_int_equal(bdb_obs_iter_next(b, &ob), 1);
	assert_true(oa.value == 51 && ob.value == 31);
	assert_int_equal(oa.timestamp_us, -1000000);
	assert_true(oa.has_lower && oa.lower == 50.5 && oa.has_upper && oa.upper == 51.5);
	assert_int_equal(oa.n_samples, 0);
	bdb_obs_iter_close(a);
	bdb_obs o;
	assert_int_equal(bdb_reader_obs_get(r, id, 4, &o), 0);
	assert_true(o.value == 41);
	assert_int_equal(o.timestamp_us, 200);
	assert_int_equal(bdb_reader_obs_get(r, id, 99, &o), BDB_ENOTFOUND);
	bdb_reader_end(r);
}

static void test_units_converted(void **state)
{
	store_fixture *f = *state;
	bdb_run *a = make_run("a", 1, NULL, NULL, 1, 1500); /* time 1500 ns */
	put_ok(f->store, a, 0, BDB_PUT_STORED);
	bdb_run *b = make_run("b", 2, NULL, NULL, 1, 2);
	assert_int_equal(bdb_metric_set_unit(b, &b->points[0].metrics[0], "us"), 0);
	put_ok(f->store, b, 0, BDB_PUT_STORED);
	bdb_run *c = make_run("c", 3, NULL, NULL, 1, 2);
	assert_int_equal(bdb_metric_set_unit(c, &c->points[0].metrics[0], "MB"), 0);
	bdb_diag d;
	assert_int_equal(bdb_store_put_run(f->store, c, 0, NULL, NULL, &d), BDB_EINVAL);
	assert_non_null(strstr(d.message, "bench/000"));
	assert_non_null(strstr(d.message, "\"time\""));
	assert_non_null(strstr(d.message, "\"MB\""));
	assert_non_null(strstr(d.message, "\"ns\""));
	/* A metric without a unit takes its definition's. */
	bdb_run *e = make_run("e", 4, NULL, NULL, 1, 3);
	e->points[0].metrics[0].unit = NULL;
	bdb_metric_def *def;
	assert_int_equal(bdb_run_add_def(e, "time", &def), 0);
	def->unit = bdb_run_strdup(e, "ms");
	put_ok(f->store, e, 0, BDB_PUT_STORED);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t n;
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 3); /* c stored nothing */
	bdb_kv tags[] = {{"framework", "Grain"}, {"size", "0"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/000", tags, 2, "time", &id), 0);
	bdb_obs o;
	assert_int_equal(bdb_reader_obs_get(r, id, 2, &o), 0);
	assert_true(o.value == 2000.0); /* 2 us = 2000 ns */
	assert_true(o.lower == 1500.0); /* 1.5 us */
	assert_int_equal(bdb_reader_obs_get(r, id, 3, &o), 0);
	assert_true(o.value == 3000000.0); /* 3 ms */
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	bdb_run_free(a);
	bdb_run_free(b);
	bdb_run_free(c);
	bdb_run_free(e);
}

/* Names and values longer than LMDB's 511-byte keys, unicode, '='. */
static void test_long_names_unicode_equals(void **state)
{
	store_fixture *f = *state;
	size_t big = 2000;
	char *long_a = malloc(big + 1), *long_b = malloc(big + 1);
	memset(long_a, 'x', big);
	long_a[big] = '\0';
	memcpy(long_b, long_a, big + 1);
	long_b[big - 1] = 'y'; /* same first 1999 bytes */
	char long_key[451];
	memset(long_key, 'k', 450);
	long_key[450] = '\0';
	bdb_run *run = bdb_run_new();
	assert_int_equal(bdb_run_set_id(run, long_a), 0);
	run->timestamp_us = 7;
	assert_int_equal(bdb_run_set_commit(run, long_b), 0);
	const char *names[] = {long_a, long_b, "Größe/σ-テスト/🚀"};
	for (int i = 0; i < 3; i++) {
		bdb_point *p;
		assert_int_equal(bdb_run_add_point(run, names[i], &p), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "opts", "a=b,c=d"), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "long", i ? long_a : long_b), 0);
		assert_int_equal(bdb_point_set_tag(run, p, "ünï", "\x01\x7f\xfe bytes"), 0);
		/* A key too long to seek past, with a value per point. */
		assert_int_equal(bdb_point_set_tag(run, p, long_key, names[i]), 0);
		bdb_metric *m;
		assert_int_equal(
		    bdb_point_add_metric(run, p, i == 1 ? long_a : "time", i + 1.0, &m), 0);
	}
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	put_ok(f->store, run, 0, BDB_PUT_UNCHANGED);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t seq;
	assert_int_equal(bdb_reader_find_id(r, long_a, &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_find_id(r, long_b, &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, long_b, &seq), 0);
	assert_int_equal(bdb_reader_find_commit(r, long_a, &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "xxx", &seq), 0);
	/* Series by long names; postings of long terms. */
	uint64_t ids[3];
	for (int i = 0; i < 3; i++) {
		bdb_kv tags[] = {{long_key, names[i]},
				 {"long", i ? long_a : long_b},
				 {"opts", "a=b,c=d"},
				 {"ünï", "\x01\x7f\xfe bytes"}};
		uint64_t id;
		assert_int_equal(
		    bdb_reader_series_lookup(r, names[i], tags, 4, i == 1 ? long_a : "time", &id),
		    0);
		bdb_obs o;
		assert_int_equal(bdb_reader_obs_get(r, id, 1, &o), 0);
		assert_true(o.value == i + 1.0);
		ids[i] = id;
	}
	bdb_buf term;
	bdb_buf_init(&term);
	/* One-series probes: short terms, and long (hashed) ones whose values
	 * differ only in their last byte. */
	for (int i = 0; i < 3; i++) {
		bool has;
		assert_int_equal(bdb_reader_postings_has(r, "t:opts=a=b,c=d", ids[i], &has), 0);
		assert_true(has);
		assert_int_equal(bdb_reader_postings_has(r, "m:time", ids[i], &has), 0);
		assert_true(has == (i != 1));
		assert_int_equal(bdb_reader_postings_has(r, "t:opts=nope", ids[i], &has), 0);
		assert_false(has);
		bdb_buf_reset(&term);
		bdb_buf_printf(&term, "t:long=%s", long_a);
		assert_int_equal(bdb_reader_postings_has(r, bdb_buf_cstr(&term), ids[i], &has), 0);
		assert_true(has == (i != 0));
		bdb_buf_reset(&term);
		bdb_buf_printf(&term, "t:long=%s", long_b);
		assert_int_equal(bdb_reader_postings_has(r, bdb_buf_cstr(&term), ids[i], &has), 0);
		assert_true(has == (i == 0));
	}
	/* Whether a term exists, without its list: exact terms only, long
	 * (hashed) ones checked against a series that has them. */
	bool exists;
	const char *there[] = {"m:time", "t:opts=a=b,c=d", "p:Größe/σ-テスト/🚀"};
	const char *not_there[] = {"m:tim", "m:timex", "t:opts=nope", "p:", "x"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(bdb_reader_term_exists(r, there[i], &exists), 0);
		assert_true(exists);
	}
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(bdb_reader_term_exists(r, not_there[i], &exists), 0);
		assert_false(exists);
	}
	bdb_buf_reset(&term);
	bdb_buf_printf(&term, "m:%s", long_a);
	assert_int_equal(bdb_reader_term_exists(r, bdb_buf_cstr(&term), &exists), 0);
	assert_true(exists);
	bdb_buf_reset(&term);
	bdb_buf_printf(&term, "m:%s", long_b); /* long_a's first 1999 bytes, no metric */
	assert_int_equal(bdb_reader_term_exists(r, bdb_buf_cstr(&term), &exists), 0);
	assert_false(exists);
	bdb_buf_reset(&term);
	bdb_buf_printf(&term, "p:%s", long_b);
	assert_int_equal(bdb_reader_term_exists(r, bdb_buf_cstr(&term), &exists), 0);
	assert_true(exists);
	assert_int_equal(count_postings(r, bdb_buf_cstr(&term)), 1);
	bdb_buf_reset(&term);
	bdb_buf_printf(&term, "t:long=%s", long_a);
	assert_int_equal(count_postings(r, bdb_buf_cstr(&term)), 2);
	const char *match[] = {"t:opts=a=b,c=d", "t:ünï=\x01\x7f\xfe bytes", "p:Größe/σ-テスト/🚀"};
	assert_int_equal(count_matching(r, match, 3), 1);
	/* The catalog gives whole long terms back. */
	bdb_buf all;
	bdb_buf_init(&all);
	assert_int_equal(bdb_reader_terms(r, "t:long=", collect_term, &all), 0);
	assert_int_equal(all.len, 2 * (strlen("t:long=") + big + 1));
	bdb_buf_reset(&all);
	assert_int_equal(bdb_reader_terms(r, bdb_buf_cstr(&term), collect_term, &all), 0);
	assert_int_equal(all.len, term.len + 1);
	bdb_buf_reset(&all);
	assert_int_equal(bdb_reader_tag_keys(r, collect_term, &all), 0);
	bdb_buf want;
	bdb_buf_init(&want);
	bdb_buf_printf(&want, "%s\nlong\nopts\nünï\n", long_key);
	assert_string_equal(bdb_buf_cstr(&all), bdb_buf_cstr(&want));
	bdb_buf_free(&want);
	bdb_buf_free(&all);
	bdb_buf_free(&term);
	bdb_reader_end(r);
	/* Long baseline names and metric definitions. */
	assert_int_equal(bdb_store_set_baseline(f->store, long_a, 1), 0);
	assert_int_equal(bdb_store_drop_baseline(f->store, long_b), BDB_ENOTFOUND);
	bdb_metric_def def = {.name = long_a, .unit = "s"};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), 0);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(bdb_reader_get_baseline(r, long_a, &seq), 0);
	assert_int_equal(bdb_reader_get_baseline(r, long_b, &seq), BDB_ENOTFOUND);
	bdb_metric_def got;
	assert_int_equal(bdb_reader_metric_def(r, long_a, &got), 0);
	assert_string_equal(got.unit, "s");
	assert_int_equal(bdb_reader_metric_def(r, long_b, &got), BDB_ENOTFOUND);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	/* Delete removes every long entry too. */
	assert_int_equal(bdb_store_delete_run(f->store, 1), 0);
	assert_verify_clean(f->store);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	size_t count = 0;
	bdb_buf sink;
	bdb_buf_init(&sink);
	assert_int_equal(bdb_reader_terms(r, "", collect_term, &sink), 0);
	count = sink.len;
	bdb_buf_free(&sink);
	assert_int_equal(count, 0);
	bdb_reader_end(r);
	bdb_run_free(run);
	free(long_a);
	free(long_b);
}

static void test_rejected_runs(void **state)
{
	store_fixture *f = *state;
	bdb_diag d;
	bdb_run *run = make_run("", 1, NULL, NULL, 1, 1);
	assert_int_equal(bdb_store_put_run(f->store, run, 0, NULL, NULL, &d), BDB_EINVAL);
	bdb_run_free(run);
	run = make_run("eq", 1, NULL, NULL, 1, 1);
	assert_int_equal(bdb_point_set_tag(run, &run->points[0], "a=b", "c"), 0);
	assert_int_equal(bdb_store_put_run(f->store, run, 0, NULL, NULL, &d), BDB_EINVAL);
	assert_non_null(strstr(d.message, "a=b"));
	bdb_run_free(run);
	/* The same point twice in one run. */
	run = make_run("twice", 1, NULL, NULL, 1, 1);
	bdb_point *p;
	assert_int_equal(bdb_run_add_point(run, "bench/000", &p), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "framework", "Grain"), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "size", "0"), 0);
	bdb_metric *m;
	assert_int_equal(bdb_point_add_metric(run, p, "time", 5, &m), 0);
	assert_int_equal(bdb_store_put_run(f->store, run, 0, NULL, NULL, &d), BDB_EINVAL);
	assert_non_null(strstr(d.message, "twice"));
	bdb_run_free(run);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t n;
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 0);
	uint64_t *ids;
	size_t n_ids;
	assert_int_equal(bdb_reader_series_match(r, NULL, 0, &ids, &n_ids), 0);
	assert_int_equal(n_ids, 0); /* nothing of the failed puts remains */
	free(ids);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
}

static void test_delete_removes_everything(void **state)
{
	store_fixture *f = *state;
	put_three(f->store);
	/* A run with an extra point only it has. */
	bdb_run *run = make_run("extra", 250, "cafe", "dev", 7, 1);
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	assert_verify_clean(f->store);
	assert_int_equal(bdb_store_delete_run(f->store, 4), 0);
	assert_int_equal(bdb_store_delete_run(f->store, 4), BDB_ENOTFOUND);
	assert_verify_clean(f->store);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t seq;
	size_t n;
	assert_int_equal(bdb_reader_find_id(r, "extra", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "cafe", &seq), BDB_ENOTFOUND);
	assert_int_equal(count_postings(r, "p:bench/006"), 0);
	assert_int_equal(count_postings(r, "p:bench/005"), 2);
	assert_int_equal(bdb_reader_latest(r, 0, &seq), 0);
	assert_int_equal(seq, 3);
	bdb_run_filter filter = {"dev", INT64_MIN, INT64_MAX};
	bdb_run_info *list;
	assert_int_equal(bdb_reader_list_runs(r, &filter, 0, &list, &n), 0);
	assert_int_equal(n, 0);
	free(list);
	bdb_reader_end(r);
	/* Deleting every run leaves an empty store. */
	for (uint64_t s = 1; s <= 3; s++)
		assert_int_equal(bdb_store_delete_run(f->store, s), 0);
	assert_verify_clean(f->store);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(f->store, &st), 0);
	assert_int_equal(st.runs, 0);
	assert_int_equal(st.series, 0);
	assert_int_equal(st.observations, 0);
	/* Sequence numbers are not reused. */
	run = make_run("again", 1, NULL, NULL, 1, 1);
	assert_int_equal(put_ok(f->store, run, 0, BDB_PUT_STORED), 5);
	bdb_run_free(run);
	assert_verify_clean(f->store);
}

/* Opens the store's LMDB environment directly (creating db when missing)
 * and applies damage. */
typedef void (*damage_fn)(MDB_txn *txn, MDB_dbi dbi);

static void damage(const char *dir, const char *db, damage_fn fn)
{
	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	assert_int_equal(mdb_env_open(env, dir, 0, 0666), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	unsigned flags = !strcmp(db, "postings") || !strcmp(db, "commits")
			     ? MDB_DUPSORT | MDB_DUPFIXED
			     : 0;
	assert_int_equal(mdb_dbi_open(txn, db, flags | MDB_CREATE, &dbi), 0);
	fn(txn, dbi);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

static void delete_first(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_cursor *cur;
	MDB_val k, v;
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
	assert_int_equal(mdb_cursor_del(cur, 0), 0);
	mdb_cursor_close(cur);
}

static void flip_run_byte(MDB_txn *txn, MDB_dbi dbi)
{
	MDB_cursor *cur;
	MDB_val k, v;
	assert_int_equal(mdb_cursor_open(txn, dbi, &cur), 0);
	assert_int_equal(mdb_cursor_get(cur, &k, &v, MDB_FIRST), 0);
	uint8_t *copy = malloc(v.mv_size);
	memcpy(copy, v.mv_data, v.mv_size);
	copy[0] = 0xFF; /* root offset past the end */
	copy[1] = 0xFF;
	MDB_val nv = {v.mv_size, copy};
	assert_int_equal(mdb_cursor_put(cur, &k, &nv, MDB_CURRENT), 0);
	free(copy);
	mdb_cursor_close(cur);
}

/* Run 1's value: a whole zstd frame, but of bytes that are no FlatBuffer. */
static void pack_bad_flatbuffer(MDB_txn *txn, MDB_dbi dbi)
{
	static const char junk[32] = "not a FlatBuffer, but 32 bytes.";
	char frame[128];
	size_t n = ZSTD_compress(frame, sizeof frame, junk, sizeof junk, 3);
	assert_false(ZSTD_isError(n));
	uint8_t key[8] = {0, 0, 0, 0, 0, 0, 0, 1};
	MDB_val k = {8, key}, v = {n, frame};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
}

/* A chunk of one observation of series 1 in run 77 (which does not exist)
 * at time 0, value 0 (docs/storage.md 2.8). */
static void add_stray_obs(MDB_txn *txn, MDB_dbi dbi)
{
	/* series 1 ‖ time 0 sign-flipped ‖ seq 77 */
	uint8_t key[20] = {0, 0, 0, 0, 0, 0, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 77};
	/* flags 0, count 1, time 0 (64 bits), seq 77 (32), value 0 (64) */
	uint8_t chunk[22] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 77};
	MDB_val k = {20, key}, v = {sizeof chunk, chunk};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
}

typedef struct problems {
	size_t n;
	bdb_buf text;
} problems;

static void gather(void *ctx, const char *problem)
{
	problems *p = ctx;
	p->n++;
	bdb_buf_puts(&p->text, problem);
	bdb_buf_putc(&p->text, '\n');
}

/* Damages db of a fresh 3-run store; returns the problems verify reports. */
static char *damaged_verify(const char *db, damage_fn fn, size_t *n)
{
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	put_three(s);
	assert_int_equal(bdb_store_set_baseline(s, "main", 2), 0);
	bdb_store_close(s);
	damage(dir, db, fn);
	s = open_store(dir, 0);
	problems p = {0};
	bdb_buf_init(&p.text);
	assert_int_equal(bdb_store_verify(s, gather, &p, n), 0);
	assert_int_equal(*n, p.n);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
	char *text = strdup(bdb_buf_cstr(&p.text));
	bdb_buf_free(&p.text);
	return text;
}

static void test_verify_finds_damage(void **state)
{
	(void)state;
	static const struct {
		const char *db;
		damage_fn fn;
		const char *expect;
	} cases[] = {
	    {"chunks", delete_first, "has no observation in the index"},
	    {"chunks", add_stray_obs, "points at run 77, which does not exist"},
	    {"runs", flip_run_byte, "run 1: the value ("},
	    {"runs", pack_bad_flatbuffer, "run 1: the FlatBuffer fails verification"},
	    {"runs", delete_first, "runlog: entry for run 1, which does not exist"},
	    {"runlog", delete_first, "run 1 (\"r1\"): no runlog entry"},
	    {"run_ids", delete_first, "is not indexed to it in run_ids"},
	    {"time", delete_first, "run 1: missing from the time index"},
	    {"run_series", delete_first, "run 1: run_series has 0 entries"},
	    {"series", delete_first, "not in the series dictionary"},
	    {"series_info", delete_first, "refers to series 1, which does not exist"},
	    {"postings", delete_first, "missing from the postings of"},
	    {"runlog", delete_first, "time: an entry points at run 1"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n;
		char *text = damaged_verify(cases[i].db, cases[i].fn, &n);
		if (n == 0 || !strstr(text, cases[i].expect))
			fail_msg("damage to %s: expected \"%s\" among:\n%s", cases[i].db,
				 cases[i].expect, text);
		free(text);
	}
}

static void drop_all(MDB_txn *txn, MDB_dbi dbi)
{
	assert_int_equal(mdb_drop(txn, dbi, 0), 0);
}

/*
 * The series side reads only its indexes: with every run FlatBuffer gone
 * (the runs database emptied behind the engine's back), iterators, single
 * observations, counts, postings and a run's series still answer.
 */
static void test_series_reads_need_no_flatbuffers(void **state)
{
	store_fixture *f = *state;
	put_three(f->store);
	bdb_store_close(f->store);
	damage(f->dir, "runs", drop_all);
	f->store = open_store(f->dir, 0);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	const void *buf;
	size_t len;
	assert_int_equal(bdb_reader_run_buffer(r, 2, &buf, &len), BDB_ENOTFOUND);
	uint64_t id = series_001_time(r);
	/* Runs r1..r3 at times 100, 200, 300 with base 10, 20, 30: value base + 1. */
	double v[4];
	uint64_t seq[4];
	assert_int_equal(drain(r, id, INT64_MIN, INT64_MAX, false, v, seq), 3);
	assert_true(v[0] == 11 && v[1] == 21 && v[2] == 31);
	assert_true(seq[0] == 1 && seq[1] == 2 && seq[2] == 3);
	assert_int_equal(drain(r, id, 150, INT64_MAX, true, v, seq), 2);
	assert_true(v[0] == 31 && v[1] == 21);
	bdb_obs o;
	assert_int_equal(bdb_reader_obs_get(r, id, 2, &o), 0);
	assert_true(o.value == 21 && o.has_lower && o.lower == 20.5);
	size_t n;
	assert_int_equal(bdb_reader_obs_count(r, id, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(count_postings(r, "t:framework=Datarax"), 6);
	uint64_t *ids;
	assert_int_equal(bdb_reader_run_series(r, 2, &ids, &n), 0);
	assert_int_equal(n, 12);
	assert_int_equal(ids[2], id); /* point 1's first metric */
	free(ids);
	bdb_reader_end(r);
}

/* Runs bdb_store_verify_counted on a sound store: no problem, and these counts. */
static void assert_clean_counts(bdb_store *s, uint64_t runs, uint64_t series, uint64_t obs)
{
	bdb_verify_counts counts = {99, 99, 99};
	size_t n = 99;
	assert_int_equal(bdb_store_verify_counted(s, NULL, NULL, &n, &counts), 0);
	assert_int_equal(n, 0);
	assert_int_equal(counts.runs, runs);
	assert_int_equal(counts.series, series);
	assert_int_equal(counts.observations, obs);
}

/* bdb_store_verify_counted: the counts of what a walk checked, with and
 * without problems (what `benchdb verify` prints). */
static void test_verify_counted(void **state)
{
	store_fixture *f = *state;
	assert_clean_counts(f->store, 0, 0, 0);
	put_three(f->store);
	/* 3 runs of 6 points x 2 metrics: 12 series, 36 observations. */
	assert_clean_counts(f->store, 3, 12, 36);
	assert_int_equal(bdb_store_verify_counted(f->store, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(bdb_store_delete_run(f->store, 2), 0);
	assert_clean_counts(f->store, 2, 12, 24);
	/* A postings entry lost: problems are counted and reported, and the
	 * walk (not stopped by a damaged page) still fills the counts. */
	bdb_store_close(f->store);
	damage(f->dir, "postings", delete_first);
	f->store = open_store(f->dir, 0);
	problems p = {0};
	bdb_buf_init(&p.text);
	bdb_verify_counts counts = {0};
	size_t n = 0;
	assert_int_equal(bdb_store_verify_counted(f->store, gather, &p, &n, &counts), 0);
	assert_true(n >= 1);
	assert_int_equal(n, p.n);
	assert_non_null(strstr(bdb_buf_cstr(&p.text), "missing from the postings of"));
	assert_int_equal(counts.runs, 2);
	assert_int_equal(counts.series, 12);
	assert_int_equal(counts.observations, 24);
	bdb_buf_free(&p.text);
}

static void leave_alone(MDB_txn *txn, MDB_dbi dbi)
{
	(void)txn;
	(void)dbi;
}

/* Format 1: 44-byte observation records, run_series of 8 bytes per id. */
static void set_version_1(MDB_txn *txn, MDB_dbi dbi)
{
	uint8_t v1[8] = {0, 0, 0, 0, 0, 0, 0, 1};
	MDB_val k = {14, "format_version"}, v = {8, v1};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
}

/* A version a newer benchdb would write. */
static void set_version_7(MDB_txn *txn, MDB_dbi dbi)
{
	uint8_t v7[8] = {0, 0, 0, 0, 0, 0, 0, 7};
	MDB_val k = {14, "format_version"}, v = {8, v7};
	assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
}

static void test_open_refuses_other_stores(void **state)
{
	(void)state;
	/* An older format version. */
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	bdb_store_close(s);
	damage(dir, "meta", set_version_1);
	bdb_diag d;
	s = NULL;
	assert_int_equal(bdb_store_open(dir, NULL, &s, &d), BDB_EVERSION);
	assert_null(s);
	assert_non_null(strstr(d.message, "store format version 1, this benchdb reads version 6"));
	remove_tree(dir);
	free(dir);
	/* A newer one: refused for reading and writing alike, naming the cure
	 * (it said to export with the benchdb that wrote it, as for an old
	 * one), and not changed by either open. */
	dir = make_temp_dir();
	s = open_store(dir, 0);
	bdb_store_close(s);
	damage(dir, "meta", set_version_7);
	s = NULL;
	assert_int_equal(bdb_store_open(dir, NULL, &s, &d), BDB_EVERSION);
	assert_null(s);
	assert_string_equal(d.message,
			    "store format version 7, this benchdb reads versions up to 6: a newer "
			    "benchdb wrote the store; use that one (this one changes nothing in it)");
	bdb_store_options ro = {.read_only = true};
	assert_int_equal(bdb_store_open(dir, &ro, &s, &d), BDB_EVERSION);
	assert_null(s);
	remove_tree(dir);
	free(dir);
	/* An LMDB environment of some other program. */
	dir = make_temp_dir();
	damage(dir, "accounts", leave_alone);
	assert_int_equal(bdb_store_open(dir, NULL, &s, &d), BDB_ECORRUPT);
	assert_non_null(strstr(d.message, "not a benchdb store"));
	remove_tree(dir);
	free(dir);
}

static void test_backup_and_stats(void **state)
{
	store_fixture *f = *state;
	put_three(f->store);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(f->store, &st), 0);
	assert_int_equal(st.runs, 3);
	assert_int_equal(st.series, 12);
	assert_int_equal(st.observations, 36);
	assert_int_equal(st.samples, 0);
	assert_true(st.bytes_used > 0 && st.bytes_used <= st.bytes_on_disk);
	assert_true(st.map_size >= st.bytes_on_disk);
	assert_true(st.bytes_per_observation == (double)st.bytes_used / 36.0);
	char *dir = make_temp_dir();
	char sub[4200];
	snprintf(sub, sizeof sub, "%s/copy", dir);
	bdb_diag d;
	assert_int_equal(bdb_store_backup(f->store, sub, &d), 0);
	assert_int_equal(bdb_store_backup(f->store, sub, &d), BDB_EEXISTS); /* not empty */
	bdb_store *copy = open_store(sub, 0);
	assert_verify_clean(copy);
	struct bdb_store_stats cs;
	assert_int_equal(bdb_store_stats(copy, &cs), 0);
	assert_int_equal(cs.runs, 3);
	assert_int_equal(cs.observations, 36);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(copy, &r), 0);
	uint64_t seq;
	assert_int_equal(bdb_reader_find_id(r, "r2", &seq), 0);
	assert_int_equal(seq, 2);
	bdb_reader_end(r);
	bdb_store_close(copy);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_postings_and_terms, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_scenario_postings, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_obs_iterators, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_units_converted, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_long_names_unicode_equals, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_rejected_runs, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_delete_removes_everything, store_setup,
					    store_teardown),
	    cmocka_unit_test(test_verify_finds_damage),
	    cmocka_unit_test_setup_teardown(test_verify_counted, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_series_reads_need_no_flatbuffers, store_setup,
					    store_teardown),
	    cmocka_unit_test(test_open_refuses_other_stores),
	    cmocka_unit_test_setup_teardown(test_backup_and_stats, store_setup, store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
