/*
 * test_store.c - the storage engine's API, function by function: open and
 * close, put (stored, unchanged, exists, replaced), run references, listings,
 * delete, baselines, metric definitions, annotations; a data.mdb that ends
 * before its last pages, which are free, opens (one cut short does not).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include <lmdb.h>

#include "engine.h"
#include "helpers/sample_runs.h"
#include "helpers/store_env.h"

static int count_term(void *ctx, const char *term, size_t len)
{
	(void)term;
	(void)len;
	++*(size_t *)ctx;
	return 0;
}

static void test_empty_store(void **state)
{
	store_fixture *f = *state;
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t n = 9, seq;
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 0);
	bdb_run_info info;
	assert_int_equal(bdb_reader_run_info(r, 1, &info), BDB_ENOTFOUND);
	const void *buf;
	size_t len;
	assert_int_equal(bdb_reader_run_buffer(r, 1, &buf, &len), BDB_ENOTFOUND);
	bdb_run *run;
	assert_int_equal(bdb_reader_run_decode(r, 1, &run), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_latest(r, 0, &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_id(r, "x", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "ab", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_at_time(r, 0, &seq), BDB_ENOTFOUND);
	bdb_run_info *list;
	size_t n_list = 9;
	assert_int_equal(bdb_reader_list_runs(r, NULL, 0, &list, &n_list), 0);
	assert_int_equal(n_list, 0);
	free(list);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), BDB_ENOTFOUND);
	bdb_baseline_info *bl;
	assert_int_equal(bdb_reader_list_baselines(r, &bl, &n_list), 0);
	assert_int_equal(n_list, 0);
	free(bl);
	bdb_metric_def def;
	assert_int_equal(bdb_reader_metric_def(r, "time", &def), BDB_ENOTFOUND);
	bdb_metric_def *defs;
	assert_int_equal(bdb_reader_list_metric_defs(r, &defs, &n_list), 0);
	assert_int_equal(n_list, 0);
	free(defs);
	uint64_t *ids;
	assert_int_equal(count_postings(r, "p:bench/000"), 0);
	assert_int_equal(count_matching(r, NULL, 0), 0);
	size_t terms = 0;
	assert_int_equal(bdb_reader_terms(r, "", count_term, &terms), 0);
	assert_int_equal(bdb_reader_tag_keys(r, count_term, &terms), 0);
	assert_int_equal(terms, 0);
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "p", NULL, 0, "m", &id), BDB_ENOTFOUND);
	bdb_series_info *si;
	assert_int_equal(bdb_reader_series_info(r, 1, &si), BDB_ENOTFOUND);
	bdb_obs obs;
	assert_int_equal(bdb_reader_obs_get(r, 1, 1, &obs), BDB_ENOTFOUND);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, 1, INT64_MIN, INT64_MAX, false, &it), 0);
	assert_int_equal(bdb_obs_iter_next(it, &obs), 0);
	bdb_obs_iter_close(it);
	assert_int_equal(bdb_reader_run_series(r, 1, &ids, &n_list), BDB_ENOTFOUND);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_delete_run(f->store, 1), BDB_ENOTFOUND);
	assert_int_equal(bdb_store_set_baseline(f->store, "main", 1), BDB_ENOTFOUND);
	assert_int_equal(bdb_store_drop_baseline(f->store, "main"), BDB_ENOTFOUND);
	assert_verify_clean(f->store);
	assert_string_equal(bdb_store_path(f->store), f->dir);
}

static void test_open_options(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	char sub[4200];
	snprintf(sub, sizeof sub, "%s/store", dir);
	bdb_store *s = NULL;
	bdb_diag d;
	bdb_store_options opt = {.no_create = true};
	assert_int_equal(bdb_store_open(sub, &opt, &s, &d), BDB_ENOTFOUND);
	assert_null(s);
	opt = (bdb_store_options){.read_only = true};
	assert_int_equal(bdb_store_open(sub, &opt, &s, &d), BDB_ENOTFOUND);
	/* Created (with the directory) by a plain open, then reopened. */
	assert_int_equal(bdb_store_open(sub, NULL, &s, &d), 0);
	bdb_run *run = make_run("r1", 1000, "abc", "main", 3, 10);
	put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_store_close(s);
	opt = (bdb_store_options){.read_only = true};
	assert_int_equal(bdb_store_open(sub, &opt, &s, &d), 0);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	uint64_t seq;
	assert_int_equal(bdb_reader_find_id(r, "r1", &seq), 0);
	assert_int_equal(seq, 1);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_put_run(s, run, 0, NULL, NULL, &d), BDB_EREADONLY);
	assert_int_equal(bdb_store_set_baseline(s, "main", 1), BDB_EREADONLY);
	bdb_store_close(s);
	/* A regular file is not a store. */
	char file[4200];
	snprintf(file, sizeof file, "%s/plain", dir);
	FILE *fp = fopen(file, "w");
	fputs("hello", fp);
	fclose(fp);
	assert_int_equal(bdb_store_open(file, NULL, &s, &d), BDB_ECORRUPT);
	assert_non_null(strstr(d.message, "not a benchdb store"));
	/* A directory whose data.mdb is not LMDB. */
	char junk[4200], junk_data[4300];
	snprintf(junk, sizeof junk, "%s/junk", dir);
	mkdir(junk, 0777);
	snprintf(junk_data, sizeof junk_data, "%s/data.mdb", junk);
	fp = fopen(junk_data, "w");
	for (int i = 0; i < 10000; i++)
		fputs("not lmdb ", fp);
	fclose(fp);
	assert_int_equal(bdb_store_open(junk, NULL, &s, &d), BDB_ECORRUPT);
	bdb_store_close(NULL);
	bdb_run_free(run);
	remove_tree(dir);
	free(dir);
}

static void test_put_and_read_back(void **state)
{
	store_fixture *f = *state;
	bdb_run *run = sample_run_full();
	uint64_t seq = put_ok(f->store, run, 0, BDB_PUT_STORED);
	assert_int_equal(seq, 1);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t n;
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 1);
	bdb_run_info info;
	assert_int_equal(bdb_reader_run_info(r, 1, &info), 0);
	assert_int_equal(info.seq, 1);
	assert_string_equal(info.id, run->id);
	assert_int_equal(info.timestamp_us, run->timestamp_us);
	assert_string_equal(info.commit, "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(info.branch, "main");
	assert_int_equal(info.n_points, 3);
	assert_int_equal(info.n_metrics, 9);
	const void *buf;
	size_t len;
	assert_int_equal(bdb_reader_run_buffer(r, 1, &buf, &len), 0);
	assert_buffer_holds_run(buf, len, run);
	bdb_run *back;
	assert_int_equal(bdb_reader_run_decode(r, 1, &back), 0);
	assert_true(bdb_run_equal(run, back));
	bdb_run_free(back);
	assert_int_equal(bdb_reader_find_id(r, run->id, &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_latest(r, 0, &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_latest(r, 1, &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "0123", &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_find_commit(r, "0124", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "", &seq), BDB_EINVAL);
	/* The run's definitions became stored definitions. */
	bdb_metric_def def;
	assert_int_equal(bdb_reader_metric_def(r, "throughput", &def), 0);
	assert_string_equal(def.unit, "items/s");
	assert_string_equal(def.group, "speed");
	assert_true(def.has_threshold);
	assert_true(def.threshold == 7.5);
	assert_int_equal(bdb_reader_metric_def(r, "rss", &def), 0);
	assert_null(def.unit);
	assert_null(def.group);
	assert_int_equal(def.direction, BDB_INFO);
	/* Series and observations. */
	bdb_kv tags[] = {{"backend", "cuda"}, {"framework", "Datarax"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "CV-2/small", tags, 2, "latency", &id), 0);
	bdb_series_info *si;
	assert_int_equal(bdb_reader_series_info(r, id, &si), 0);
	assert_string_equal(si->point, "CV-2/small");
	assert_string_equal(si->metric, "latency");
	assert_string_equal(si->unit, "ms");
	assert_string_equal(si->scenario, "");
	assert_int_equal(si->n_tags, 2);
	assert_string_equal(si->tags[1].value, "Datarax");
	free(si);
	bdb_obs obs;
	assert_int_equal(bdb_reader_obs_get(r, id, 1, &obs), 0);
	assert_true(obs.value == 1.5);
	assert_int_equal(obs.timestamp_us, run->timestamp_us);
	assert_int_equal(obs.run_seq, 1);
	assert_false(obs.has_lower);
	uint64_t *ids;
	size_t n_ids;
	assert_int_equal(bdb_reader_run_series(r, 1, &ids, &n_ids), 0);
	assert_int_equal(n_ids, 9);
	assert_int_equal(ids[4], id); /* point 1, metric 1 */
	free(ids);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	bdb_run_free(run);
}

static void test_duplicate_and_replace(void **state)
{
	store_fixture *f = *state;
	bdb_run *a = make_run("run-a", 100, "aaaa", "main", 4, 10);
	bdb_run *a_same = make_run("run-a", 100, "aaaa", "main", 4, 10);
	bdb_run *a_diff = make_run("run-a", 200, "bbbb", "dev", 2, 50);
	assert_int_equal(put_ok(f->store, a, 0, BDB_PUT_STORED), 1);
	assert_int_equal(put_ok(f->store, a_same, 0, BDB_PUT_UNCHANGED), 1);
	bdb_diag d;
	uint64_t seq = 0;
	assert_int_equal(bdb_store_put_run(f->store, a_diff, 0, &seq, NULL, &d), BDB_EEXISTS);
	assert_non_null(strstr(d.message, "run-a"));
	assert_int_equal(bdb_store_set_baseline(f->store, "main", 1), 0);
	assert_int_equal(put_ok(f->store, a_diff, BDB_PUT_REPLACE, BDB_PUT_REPLACED), 1);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	bdb_run_info info;
	assert_int_equal(bdb_reader_run_info(r, 1, &info), 0);
	assert_int_equal(info.timestamp_us, 200);
	assert_string_equal(info.commit, "bbbb");
	assert_int_equal(info.n_points, 2);
	assert_int_equal(bdb_reader_find_commit(r, "aa", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "bb", &seq), 0);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), 0);
	assert_int_equal(seq, 1);
	/* Points 2 and 3 were only in the old run: their series are gone. */
	size_t n;
	assert_int_equal(count_postings(r, "p:bench/003"), 0);
	assert_int_equal(count_matching(r, NULL, 0), 4);
	bdb_run_info *list;
	assert_int_equal(bdb_reader_list_runs(r, NULL, 0, &list, &n), 0);
	assert_int_equal(n, 1);
	free(list);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	bdb_run_free(a);
	bdb_run_free(a_same);
	bdb_run_free(a_diff);
}

/* Timestamps: negative, equal, out of order; latest~N, at-time, listing. */
static void test_run_references(void **state)
{
	store_fixture *f = *state;
	static const struct {
		const char *id;
		int64_t ts;
		const char *commit, *branch;
	} runs[] = {
	    {"r1", -5000000, "c0ffee01", "main"},
	    {"r2", 3000, "c0ffee02", "dev"},
	    {"r3", -1, "deadbeef", "main"},
	    {"r4", 3000, "c0ffee02", "main"}, /* same commit and time as r2 */
	    {"r5", INT64_MIN, NULL, NULL},
	    {"r6", INT64_MAX, "facade", "dev"},
	};
	for (size_t i = 0; i < 6; i++) {
		bdb_run *run =
		    make_run(runs[i].id, runs[i].ts, runs[i].commit, runs[i].branch, 2, (double)i);
		assert_int_equal(put_ok(f->store, run, 0, BDB_PUT_STORED), i + 1);
		bdb_run_free(run);
	}
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	/* Order by time, ties by seq: r5, r1, r3, r2, r4, r6. */
	static const uint64_t newest_first[] = {6, 4, 2, 3, 1, 5};
	uint64_t seq;
	for (uint32_t back = 0; back < 6; back++) {
		assert_int_equal(bdb_reader_latest(r, back, &seq), 0);
		assert_int_equal(seq, newest_first[back]);
	}
	assert_int_equal(bdb_reader_latest(r, 6, &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_at_time(r, 3000, &seq), 0);
	assert_int_equal(seq, 4);
	assert_int_equal(bdb_reader_find_at_time(r, 2999, &seq), 0);
	assert_int_equal(seq, 3);
	assert_int_equal(bdb_reader_find_at_time(r, -2, &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_find_at_time(r, INT64_MIN, &seq), 0);
	assert_int_equal(seq, 5);
	assert_int_equal(bdb_reader_find_at_time(r, INT64_MAX, &seq), 0);
	assert_int_equal(seq, 6);
	/* Commits: a prefix of two different commits is ambiguous. */
	assert_int_equal(bdb_reader_find_commit(r, "c0ffee", &seq), BDB_EINVAL);
	assert_int_equal(bdb_reader_find_commit(r, "c0ffee02", &seq), 0);
	assert_int_equal(seq, 4);
	assert_int_equal(bdb_reader_find_commit(r, "c0ffee01", &seq), 0);
	assert_int_equal(seq, 1);
	assert_int_equal(bdb_reader_find_commit(r, "dead", &seq), 0);
	assert_int_equal(seq, 3);
	/* Either way, as git: a stored short hash names the full one given
	 * (deadbeef starts deadbeef0...), not a text that is no hash, nor a
	 * stored commit shorter than 4 characters. */
	assert_int_equal(bdb_reader_find_commit(r, "deadbeef0123", &seq), 0);
	assert_int_equal(seq, 3);
	assert_int_equal(bdb_reader_find_commit(r, "deadbeef-x", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "deadbeff0", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_commit(r, "c0ffee0", &seq), BDB_EINVAL);
	/* The hint of a message: what it names, else the nearest. */
	char hint[100];
	bdb_commit_hint kind;
	assert_int_equal(bdb_reader_commit_hint(r, "c0ffee", &kind, hint, sizeof hint), 0);
	assert_int_equal(kind, BDB_COMMIT_HINT_NAMES);
	assert_string_equal(hint, "c0ffee01, c0ffee02");
	assert_int_equal(bdb_reader_commit_hint(r, "dead0", &kind, hint, sizeof hint), 0);
	assert_int_equal(kind, BDB_COMMIT_HINT_NEAREST);
	assert_string_equal(hint, "deadbeef");
	assert_int_equal(bdb_reader_commit_hint(r, "c0fe", &kind, hint, sizeof hint), 0);
	assert_string_equal(hint, "c0ffee01, c0ffee02");
	assert_int_equal(bdb_reader_commit_hint(r, "zz", &kind, hint, sizeof hint), 0);
	assert_int_equal(kind, BDB_COMMIT_HINT_NEWEST); /* nothing in common */
	assert_string_equal(hint, "facade");
	/* Listing. */
	bdb_run_info *list;
	size_t n;
	assert_int_equal(bdb_reader_list_runs(r, NULL, 0, &list, &n), 0);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(list[i].seq, newest_first[i]);
	assert_string_equal(list[5].commit, "");
	assert_string_equal(list[5].branch, "");
	free(list);
	assert_int_equal(bdb_reader_list_runs(r, NULL, 2, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[1].seq, 4);
	free(list);
	bdb_run_filter filter = {"main", -5000000, 3000};
	assert_int_equal(bdb_reader_list_runs(r, &filter, 0, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].seq, 4);
	assert_int_equal(list[1].seq, 3);
	assert_int_equal(list[2].seq, 1);
	free(list);
	filter = (bdb_run_filter){"dev", INT64_MIN, INT64_MAX};
	assert_int_equal(bdb_reader_list_runs(r, &filter, 1, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].seq, 6);
	free(list);
	filter = (bdb_run_filter){NULL, 1, 2999};
	assert_int_equal(bdb_reader_list_runs(r, &filter, 0, &list, &n), 0);
	assert_int_equal(n, 0);
	free(list);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
}

static void test_baselines(void **state)
{
	store_fixture *f = *state;
	for (int i = 0; i < 3; i++) {
		char id[32];
		snprintf(id, sizeof id, "b%d", i);
		bdb_run *run = make_run(id, i * 10, NULL, NULL, 1, 1);
		put_ok(f->store, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	assert_int_equal(bdb_store_set_baseline(f->store, "release-1.2", 1), 0);
	assert_int_equal(bdb_store_set_baseline(f->store, "main", 2), 0);
	assert_int_equal(bdb_store_set_baseline(f->store, "main", 3), 0); /* moved */
	assert_int_equal(bdb_store_set_baseline(f->store, "nightly", 3), 0);
	assert_int_equal(bdb_store_set_baseline(f->store, "bad", 99), BDB_ENOTFOUND);
	assert_int_equal(bdb_store_set_baseline(f->store, "", 1), BDB_EINVAL);
	/* Not UTF-8 (a lone 0xFF, a surrogate): refused here, whatever the caller
	 * (the CLI passes its argument straight through). */
	assert_int_equal(bdb_store_set_baseline(f->store, "b\xff", 1), BDB_EINVAL);
	assert_int_equal(bdb_store_set_baseline(f->store, "\xed\xa0\x80", 1), BDB_EINVAL);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	uint64_t seq;
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), 0);
	assert_int_equal(seq, 3);
	assert_int_equal(bdb_reader_get_baseline(r, "bad", &seq), BDB_ENOTFOUND);
	bdb_baseline_info *list;
	size_t n;
	assert_int_equal(bdb_reader_list_baselines(r, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "main");
	assert_string_equal(list[1].name, "nightly");
	assert_string_equal(list[2].name, "release-1.2");
	assert_int_equal(list[2].seq, 1);
	free(list);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_drop_baseline(f->store, "nightly"), 0);
	assert_int_equal(bdb_store_drop_baseline(f->store, "nightly"), BDB_ENOTFOUND);
	/* Deleting run 3 drops "main" with it. */
	assert_int_equal(bdb_store_delete_run(f->store, 3), 0);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(bdb_reader_get_baseline(r, "main", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_list_baselines(r, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "release-1.2");
	free(list);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
}

static void test_metric_defs(void **state)
{
	store_fixture *f = *state;
	bdb_metric_def def = {
	    .name = "time", .unit = "ns", .direction = BDB_LOWER, .description = "wall time"};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), 0);
	def = (bdb_metric_def){.name = "alloc",
			       .direction = BDB_LOWER,
			       .priority = BDB_SECONDARY,
			       .has_threshold = true,
			       .threshold = 2.5};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), 0);
	def = (bdb_metric_def){.name = "", .direction = BDB_LOWER};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), BDB_EINVAL);
	def = (bdb_metric_def){.name = "x", .direction = (bdb_direction)7};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), BDB_EINVAL);
	/* A run with its own definition of "time". */
	bdb_run *run = make_run("r", 5, NULL, NULL, 1, 1);
	bdb_metric_def *own;
	assert_int_equal(bdb_run_add_def(run, "time", &own), 0);
	own->unit = bdb_run_strdup(run, "ns");
	own->direction = BDB_HIGHER;
	own->group = bdb_run_strdup(run, "g");
	put_ok(f->store, run, 0, BDB_PUT_STORED);
	/* A config then replaces the stored one; the run's own still wins for it. */
	def = (bdb_metric_def){.name = "time", .unit = "us", .direction = BDB_LOWER};
	assert_int_equal(bdb_store_put_metric_def(f->store, &def), 0);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	bdb_metric_def got;
	assert_int_equal(bdb_reader_effective_def(r, 1, "time", &got), 0);
	assert_int_equal(got.direction, BDB_HIGHER);
	assert_string_equal(got.group, "g");
	assert_null(got.description);
	assert_int_equal(bdb_reader_metric_def(r, "time", &got), 0);
	assert_string_equal(got.unit, "us");
	assert_int_equal(bdb_reader_effective_def(r, 1, "alloc", &got), 0);
	assert_int_equal(got.priority, BDB_SECONDARY);
	assert_true(got.has_threshold && got.threshold == 2.5);
	assert_null(got.unit);
	assert_int_equal(bdb_reader_effective_def(r, 1, "ops", &got), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_effective_def(r, 9, "time", &got), BDB_ENOTFOUND);
	bdb_metric_def *list;
	size_t n;
	assert_int_equal(bdb_reader_list_metric_defs(r, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "alloc");
	assert_string_equal(list[1].name, "time");
	free(list);
	bdb_reader_end(r);
	bdb_run_free(run);
}

static void test_put_runs_batch(void **state)
{
	store_fixture *f = *state;
	bdb_run *runs[4] = {
	    make_run("b1", 10, "c1", "main", 3, 1),
	    make_run("b2", 20, "c2", "main", 3, 2),
	    make_run("", 30, NULL, NULL, 1, 3), /* invalid: empty id */
	    make_run("b1", 10, "c1", "main", 3, 1),
	};
	uint64_t seqs[4] = {0};
	bdb_put_outcome outcomes[4];
	size_t failed = 99;
	bdb_diag d;
	/* One bad run: nothing of the batch is stored. */
	assert_int_equal(bdb_store_put_runs(f->store, (const bdb_run *const *)runs, 3, 0, seqs,
					    outcomes, &failed, &d),
			 BDB_EINVAL);
	assert_int_equal(failed, 2);
	bdb_reader *r;
	uint64_t n;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 0);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	/* Without it; the repeated b1 is unchanged within the same batch. */
	bdb_run *bad = runs[2];
	runs[2] = runs[3];
	assert_int_equal(bdb_store_put_runs(f->store, (const bdb_run *const *)runs, 3, 0, seqs,
					    outcomes, &failed, &d),
			 0);
	assert_int_equal(seqs[0], 1);
	assert_int_equal(seqs[1], 2);
	assert_int_equal(seqs[2], 1);
	assert_int_equal(outcomes[0], BDB_PUT_STORED);
	assert_int_equal(outcomes[2], BDB_PUT_UNCHANGED);
	/* All unchanged: a no-op. */
	assert_int_equal(bdb_store_put_runs(f->store, (const bdb_run *const *)runs, 2, 0, seqs,
					    outcomes, NULL, &d),
			 0);
	assert_int_equal(outcomes[0], BDB_PUT_UNCHANGED);
	assert_int_equal(outcomes[1], BDB_PUT_UNCHANGED);
	assert_int_equal(bdb_store_put_runs(f->store, NULL, 0, 0, NULL, NULL, NULL, &d), 0);
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 2);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	bdb_run_free(runs[0]);
	bdb_run_free(runs[1]);
	bdb_run_free(runs[3]);
	bdb_run_free(bad);
}

/*
 * One batch whose runs come out of time order, before and after a stored
 * run, and that replaces a stored run and a run of the same batch: the
 * observations of a series are written together at the end of the batch
 * (or before a replace deletes), and must come out in time order with the
 * replacing values.
 */
static void test_put_runs_order(void **state)
{
	store_fixture *f = *state;
	bdb_run *late = make_run("late", 1000, NULL, NULL, 2, 10);
	put_ok(f->store, late, 0, BDB_PUT_STORED);
	bdb_run *runs[6] = {
	    make_run("r500", 500, NULL, NULL, 2, 5),   make_run("r3000", 3000, NULL, NULL, 2, 30),
	    make_run("r200", 200, NULL, NULL, 2, 2),   make_run("r2000", 2000, NULL, NULL, 2, 20),
	    make_run("late", 1000, NULL, NULL, 2, 99), make_run("r2000", 2500, NULL, NULL, 2, 77),
	};
	uint64_t seqs[6];
	bdb_put_outcome outcomes[6];
	size_t failed = 99;
	bdb_diag d;
	/* Without replace, the second "late" fails alone: *failed names it. */
	assert_int_equal(bdb_store_put_runs(f->store, (const bdb_run *const *)runs, 6, 0, seqs,
					    outcomes, &failed, &d),
			 BDB_EEXISTS);
	assert_int_equal(failed, 4);
	assert_int_equal(bdb_store_put_runs(f->store, (const bdb_run *const *)runs, 6,
					    BDB_PUT_REPLACE, seqs, outcomes, &failed, &d),
			 0);
	assert_int_equal(outcomes[4], BDB_PUT_REPLACED);
	assert_int_equal(seqs[4], 1);
	assert_int_equal(outcomes[5], BDB_PUT_REPLACED);
	assert_int_equal(seqs[5], seqs[3]);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(f->store, &r), 0);
	bdb_kv tags[2] = {{"framework", "Grain"}, {"size", "0"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/000", tags, 2, "time", &id), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, false, &it), 0);
	/* (timestamp, value): point 0's time is the run's base. */
	const double want[5][2] = {{200, 2}, {500, 5}, {1000, 99}, {2500, 77}, {3000, 30}};
	bdb_obs o;
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(bdb_obs_iter_next(it, &o), 1);
		assert_int_equal(o.timestamp_us, (int64_t)want[i][0]);
		assert_true(o.value == want[i][1]);
	}
	assert_int_equal(bdb_obs_iter_next(it, &o), 0);
	bdb_obs_iter_close(it);
	bdb_reader_end(r);
	assert_verify_clean(f->store);
	for (size_t i = 0; i < 6; i++)
		bdb_run_free(runs[i]);
	bdb_run_free(late);
}

/* Annotations: put replaces, list in commit order, the longest annotated
 * prefix applies, drop, and the refusals (store unchanged). */
static void test_annotations(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	assert_int_equal(bdb_store_put_annotation(s, "abc123", BDB_ANNOTATION_INTENDED, "alloc"), 0);
	assert_int_equal(bdb_store_put_annotation(s, "abc", BDB_ANNOTATION_IGNORE, "runner"), 0);
	assert_int_equal(bdb_store_put_annotation(s, "0ff", BDB_ANNOTATION_IGNORE, "old"), 0);
	assert_int_equal(bdb_store_put_annotation(s, "0ff", BDB_ANNOTATION_INTENDED, "new"), 0);
	assert_int_equal(bdb_store_put_annotation(s, "", BDB_ANNOTATION_IGNORE, "x"), BDB_EINVAL);
	assert_int_equal(bdb_store_put_annotation(s, "d1", BDB_ANNOTATION_IGNORE, ""), BDB_EINVAL);
	assert_int_equal(bdb_store_put_annotation(s, "d1", (bdb_annotation_kind)3, "x"), BDB_EINVAL);
	assert_int_equal(bdb_store_put_annotation(s, "d1", BDB_ANNOTATION_IGNORE, "\xff"),
			 BDB_EINVAL);
	assert_int_equal(bdb_store_drop_annotation(s, "d1"), BDB_ENOTFOUND);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_annotation *a;
	size_t n = 0;
	assert_int_equal(bdb_reader_list_annotations(r, &a, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(a[0].commit, "0ff");
	assert_int_equal(a[0].kind, BDB_ANNOTATION_INTENDED);
	assert_string_equal(a[0].text, "new");
	assert_string_equal(a[1].commit, "abc");
	assert_string_equal(a[2].commit, "abc123");
	assert_string_equal(bdb_annotation_match(a, n, "abc123ff")->text, "alloc");
	assert_string_equal(bdb_annotation_match(a, n, "abc9")->text, "runner");
	assert_null(bdb_annotation_match(a, n, "ab"));
	assert_null(bdb_annotation_match(a, n, ""));
	free(a);
	/* The other meta entries are not annotations. */
	uint64_t runs = 9;
	assert_int_equal(bdb_reader_count_runs(r, &runs), 0);
	assert_int_equal(runs, 0);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_drop_annotation(s, "abc"), 0);
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_list_annotations(r, &a, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(a[1].commit, "abc123");
	free(a);
	bdb_reader_end(r);
	assert_string_equal(bdb_annotation_kind_name(BDB_ANNOTATION_IGNORE), "ignore");
	bdb_annotation_kind k;
	assert_int_equal(bdb_annotation_kind_parse("Intended", &k), 0);
	assert_int_equal(k, BDB_ANNOTATION_INTENDED);
	assert_int_equal(bdb_annotation_kind_parse("ignored", &k), BDB_ENOTFOUND);
	assert_verify_clean(s);
}

/* The size of dir's data.mdb, and where its last page ends (LMDB's count). */
static void file_and_pages(const char *dir, uint64_t *size, uint64_t *end)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	*size = (uint64_t)st.st_size;
	MDB_env *env;
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 32), 0);
	assert_int_equal(mdb_env_open(env, dir, MDB_RDONLY, 0666), 0);
	MDB_envinfo info;
	MDB_stat ms;
	assert_int_equal(mdb_env_info(env, &info), 0);
	assert_int_equal(mdb_env_stat(env, &ms), 0);
	*end = ((uint64_t)info.me_last_pgno + 1) * ms.ms_psize;
	mdb_env_close(env);
}

/*
 * LMDB counts pages it allocated and freed again within one transaction
 * among the file's pages but never writes them: after such a transaction
 * (here a 128 KiB value put and deleted again, its pages at the end of the
 * file) data.mdb ends before its last page. `benchdb retain` left a
 * store so (found by a concurrency pass: every later command, ingest and
 * verify included, refused it as "data.mdb is truncated"). Those pages are
 * in the free list, so the store opens, verifies clean and takes writes; a
 * file cut short of pages in use is still refused.
 */
static void test_free_pages_past_the_end(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	bdb_run *run = make_run("r1", 1000, "abc", "main", 20, 10);
	put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	bdb_store_close(s);

	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 32), 0);
	assert_int_equal(mdb_env_set_mapsize(env, (size_t)64 << 20), 0);
	assert_int_equal(mdb_env_open(env, dir, 0, 0666), 0);
	static char big[128 << 10];
	MDB_val k = {7, "scratch"};
	/* A 64 KiB value stored, then deleted: its pages go to the free
	 * list. Two transactions later a writer takes them up (into LMDB's
	 * me_pghead); a value of 128 KiB does not fit them and gets new
	 * pages at the end of the file, and deleted in the same transaction
	 * they go back to the free list unwritten. */
	for (int step = 0; step < 4; step++) {
		assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
		assert_int_equal(mdb_dbi_open(txn, "meta", 0, &dbi), 0);
		MDB_val v = {step == 3 ? sizeof big : sizeof big / 2, big};
		if (step != 1)
			assert_int_equal(mdb_put(txn, dbi, &k, &v, 0), 0);
		if (step != 0)
			assert_int_equal(mdb_del(txn, dbi, &k, NULL), 0);
		assert_int_equal(mdb_txn_commit(txn), 0);
	}
	mdb_env_close(env);
	uint64_t size, end;
	file_and_pages(dir, &size, &end);
	assert_true(size + sizeof big <= end); /* the 128 KiB value's pages */

	bdb_diag d;
	assert_int_equal(bdb_store_open(dir, NULL, &s, &d), 0);
	bdb_reader *r;
	uint64_t seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, "r1", &seq), 0);
	assert_int_equal(seq, 1);
	bdb_reader_end(r);
	assert_verify_clean(s);
	run = make_run("r2", 2000, "def", "main", 20, 11);
	put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	assert_verify_clean(s);
	bdb_store_close(s);
	bdb_store_options ro = {.read_only = true};
	assert_int_equal(bdb_store_open(dir, &ro, &s, &d), 0);
	bdb_store_close(s);

	/* Cut to half: pages in use are gone. */
	file_and_pages(dir, &size, &end);
	char path[4200];
	snprintf(path, sizeof path, "%s/data.mdb", dir);
	assert_int_equal(truncate(path, (off_t)(size / 2 / 4096 * 4096)), 0);
	assert_int_equal(bdb_store_open(dir, NULL, &s, &d), BDB_ECORRUPT);
	assert_null(s);
	assert_non_null(strstr(d.message, "data.mdb is truncated"));
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_empty_store, store_setup, store_teardown),
	    cmocka_unit_test(test_open_options),
	    cmocka_unit_test(test_free_pages_past_the_end),
	    cmocka_unit_test_setup_teardown(test_put_and_read_back, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_duplicate_and_replace, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_run_references, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_put_runs_batch, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_put_runs_order, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_baselines, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_metric_defs, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_annotations, store_setup, store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
