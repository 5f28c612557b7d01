/*
 * test_changelog.c - persisted change points (query/cpfold.h,
 * query/changelog.c, engine/changes.c): the fold extended in batches of any
 * size equals the fold from scratch, bit for bit; the records the write hook
 * keeps through random appends, backfills, deletions and replacements equal
 * the change points recomputed from scratch (what `benchdb verify` checks);
 * a write without the hook drops the records it touches and `changes`
 * answers the same without them.
 *
 * The random series and operations come from one seed: CHANGELOG_SEED in
 * the environment, else BDB_STATS_DEFAULT_SEED. Every test prints it, so a
 * failure can be replayed with CHANGELOG_SEED=N build/tests/test_changelog.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <lmdb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpfold.h"
#include "helpers/query_check.h"
#include "helpers/store_env.h"
#include "query.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define T0_US  (INT64_C(1767225600) * 1000000) /* 2026-01-01 */

static uint64_t test_seed(const char *test)
{
	const char *env = getenv("CHANGELOG_SEED");
	uint64_t seed = env && *env ? strtoull(env, NULL, 10) : BDB_STATS_DEFAULT_SEED;
	printf("# %s: seed %" PRIu64 " (CHANGELOG_SEED=%" PRIu64 " replays it)\n", test, seed,
	       seed);
	return seed;
}

/*
 * A random series of n values around 100: up to three steps of 3 to 10
 * noise units at random places, an excursion of 2 to 4 runs, 1 % outliers
 * at 3x, sometimes a creep; noise normal or Student-t-like (a normal over
 * the root of a chi-square with 3 degrees of freedom, divided by 3).
 */
static void random_series(bdb__rng *rng, double *x, size_t n)
{
	double level = 100, creep = bdb__rng_below(rng, 3) == 0 ? 0.004 : 0;
	bool heavy = bdb__rng_below(rng, 2) == 0;
	size_t steps[3], exc = (size_t)bdb__rng_below(rng, n);
	for (int k = 0; k < 3; k++)
		steps[k] = (size_t)bdb__rng_below(rng, n);
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++)
			if (i == steps[k])
				level += (bdb__rng_uniform(rng) < 0.5 ? -1 : 1) *
					 (3 + 7 * bdb__rng_uniform(rng));
		double e = bdb__rng_normal(rng);
		if (heavy) {
			double c = 0;
			for (int d = 0; d < 3; d++) {
				double z = bdb__rng_normal(rng);
				c += z * z;
			}
			e /= sqrt(c / 3);
		}
		double v = level + creep * (double)i + e + (i >= exc && i < exc + 3 ? 6 : 0);
		if (bdb__rng_uniform(rng) < 0.01)
			v *= 3;
		x[i] = v;
	}
}

/* The fold of x[0..n) from scratch. */
static void fold_scratch(const double *x, const double *t, size_t n,
			 const bdb__changes_options *opt, bdb__cpfold *f)
{
	memset(f, 0, sizeof *f);
	assert_int_equal(bdb__cpfold_advance(f, x, t, 0, n, opt), 0);
}

/* Extending a fold in random batches, each given only the values it needs
 * (from bdb__cpfold_need on), equals the fold from scratch; so do the
 * answers. */
static void test_fold_batches(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, test_seed("fold in batches"));
	bdb__changes_options opt;
	bdb__changes_options_robust(&opt);
	size_t confirmed = 0;
	for (int s = 0; s < 6; s++) {
		size_t n = 300 + (size_t)bdb__rng_below(&rng, 1100);
		double *x = malloc(n * sizeof *x), *t = malloc(n * sizeof *t);
		assert_non_null(x);
		assert_non_null(t);
		random_series(&rng, x, n);
		for (size_t i = 0; i < n; i++)
			t[i] = (double)i + 0.25 * (double)(i % 3); /* uneven days */
		bdb__cpfold whole, parts = {0};
		fold_scratch(x, t, n, &opt, &whole);
		while (parts.n < n) {
			size_t k = 1 + (size_t)bdb__rng_below(&rng, 300);
			size_t to = parts.n + k < n ? parts.n + k : n;
			size_t base = bdb__cpfold_need(&parts);
			/* Copies: nothing before base is there to be read. */
			double *xs = malloc((to - base) * sizeof *xs), *ts = malloc((to - base) * sizeof *ts);
			assert_non_null(xs);
			assert_non_null(ts);
			memcpy(xs, x + base, (to - base) * sizeof *xs);
			memcpy(ts, t + base, (to - base) * sizeof *ts);
			assert_int_equal(bdb__cpfold_advance(&parts, xs, ts, base, to, &opt), 0);
			free(xs);
			free(ts);
		}
		assert_true(bdb__cpfold_equal(&whole, &parts));
		confirmed += whole.count;
		bdb__changes a, b;
		assert_int_equal(bdb__cpfold_answer(&whole, x, t, &opt, &a), 0);
		assert_int_equal(bdb__cpfold_answer(&parts, x, t, &opt, &b), 0);
		assert_int_equal(a.count, b.count);
		for (size_t i = 0; i < a.count; i++) {
			assert_int_equal(a.points[i].index, b.points[i].index);
			assert_int_equal(a.points[i].kind, b.points[i].kind);
			assert_memory_equal(&a.points[i].mean_after, &b.points[i].mean_after,
					    sizeof(double));
			if (i)
				assert_true(a.points[i].index > a.points[i - 1].index ||
					    a.points[i].kind == BDB__CHANGE_DRIFT ||
					    a.points[i - 1].kind == BDB__CHANGE_DRIFT);
		}
		bdb__changes_free(&a);
		bdb__changes_free(&b);
		bdb__cpfold_free(&whole);
		bdb__cpfold_free(&parts);
		free(x);
		free(t);
	}
	/* The property means something only if points were confirmed. */
	printf("# fold in batches: %zu confirmed points over 6 series\n", confirmed);
	assert_true(confirmed > 0);
}

/* A known case: 1,000 values of unit noise with one step of 8 at 400.
 * Windows end at the multiples of 128 from 256 on, each the last 384 values
 * at most. The step is confirmed by the window [256, 640), the first with
 * 160 values after it (400 + 160 = 560 <= 640); the segment starts there,
 * and the answer is that one step, with nothing in the tail [616, 1000). */
static void test_fold_known_step(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, 7);
	size_t n = 1000;
	double x[1000];
	for (size_t i = 0; i < n; i++)
		x[i] = 100 + (i >= 400 ? 8 : 0) + bdb__rng_normal(&rng);
	bdb__changes_options opt;
	bdb__changes_options_robust(&opt);
	bdb__cpfold f;
	fold_scratch(x, NULL, n, &opt, &f);
	assert_int_equal(f.n, 1000);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.points[0].index, 400);
	assert_int_equal(f.points[0].kind, BDB__CHANGE_STEP);
	assert_int_equal(f.start, 400);
	/* Not yet after 639 values (the window ending at 512 has 112 after
	 * it); after 640 it is. */
	bdb__cpfold early;
	fold_scratch(x, NULL, 639, &opt, &early);
	assert_int_equal(early.count, 0);
	assert_int_equal(bdb__cpfold_need(&early), 255);
	bdb__cpfold_free(&early);
	fold_scratch(x, NULL, 640, &opt, &early);
	assert_int_equal(early.count, 1);
	assert_int_equal(bdb__cpfold_need(&early), 400);
	bdb__cpfold_free(&early);
	assert_int_equal(bdb__cpfold_need(&f), 616);
	bdb__changes a;
	assert_int_equal(bdb__cpfold_answer(&f, x, NULL, &opt, &a), 0);
	assert_int_equal(a.count, 1);
	assert_int_equal(a.points[0].index, 400);
	assert_true(a.points[0].mean_after - a.points[0].mean_before > 7);
	bdb__changes_free(&a);
	/* Before the first window the answer is the detector over the whole
	 * series: 255 values with the step at 100. */
	bdb__cpfold s;
	fold_scratch(x + 300, NULL, 255, &opt, &s);
	assert_int_equal(s.count, 0);
	assert_int_equal(bdb__cpfold_need(&s), 0);
	bdb__changes whole;
	assert_int_equal(bdb__cpfold_answer(&s, x + 300, NULL, &opt, &a), 0);
	assert_int_equal(bdb__detect_changes_at(x + 300, NULL, 255, &opt, &whole), 0);
	assert_int_equal(a.count, 1);
	assert_int_equal(whole.count, 1);
	assert_int_equal(a.points[0].index, 100);
	assert_int_equal(whole.points[0].index, 100);
	bdb__changes_free(&a);
	bdb__changes_free(&whole);
	bdb__cpfold_free(&s);
	bdb__cpfold_free(&f);
}

/* A creep of +5 % over 2,000 daily values with noise of 1 %: no window
 * sees it (+0.96 % over 384 values, within the noise), the whole series
 * does. The answer has one drift spanning the series, from the detector
 * over the medians of blocks of 16 (125 blocks), and no step; its slope is
 * the creep's, 5 / 1999 per day, within its interval. */
static void test_fold_long_drift(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, 3);
	enum { LEN = 2000 };
	static double x[LEN], t[LEN];
	for (size_t i = 0; i < LEN; i++) {
		t[i] = (double)i;
		x[i] = 100 + 5.0 * (double)i / (LEN - 1) + bdb__rng_normal(&rng);
	}
	bdb__changes_options opt;
	bdb__changes_options_robust(&opt);
	bdb__cpfold f;
	fold_scratch(x, t, LEN, &opt, &f);
	assert_int_equal(f.count, 0);
	bdb__changes a;
	assert_int_equal(bdb__cpfold_answer(&f, x, t, &opt, &a), 0);
	assert_int_equal(a.count, 1);
	assert_int_equal(a.points[0].kind, BDB__CHANGE_DRIFT);
	assert_int_equal(a.points[0].index, 0);
	assert_int_equal(a.points[0].end, LEN);
	double slope = 5.0 / (LEN - 1);
	assert_true(a.points[0].slope_lower <= slope && slope <= a.points[0].slope_upper);
	bdb__changes_free(&a);
	/* The tail alone shows no drift: the detector over the last 384. */
	bdb__changes tail;
	assert_int_equal(bdb__detect_changes_at(x + LEN - 384, t + LEN - 384, 384, &opt, &tail), 0);
	assert_int_equal(tail.count, 0);
	bdb__changes_free(&tail);
	bdb__cpfold_free(&f);
}

/* ------------------------------------------------------------------------ */
/* The records a store keeps                                                 */
/* ------------------------------------------------------------------------ */

#define N_SERIES 3
#define MAX_RUNS 1100

typedef struct model {
	double value[N_SERIES][MAX_RUNS]; /* run i's value of each series */
	bool stored[MAX_RUNS];
	uint64_t seq[MAX_RUNS];
	int version[MAX_RUNS]; /* bumped by a replacement */
	size_t n_stored;
} model;

static const char *const series_names[N_SERIES] = {"s/a", "s/b", "s/c"};

static bdb_run *model_run(const model *m, size_t i)
{
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	char id[32], commit[32];
	snprintf(id, sizeof id, "r%04zu", i);
	snprintf(commit, sizeof commit, "c%04zu%d", i, m->version[i]);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	assert_int_equal(bdb_run_set_commit(run, commit), 0);
	run->timestamp_us = T0_US + (int64_t)i * DAY_US;
	for (int s = 0; s < N_SERIES; s++) {
		bdb_point *p;
		assert_int_equal(bdb_run_add_point(run, series_names[s], &p), 0);
		bdb_metric *met;
		double v = m->value[s][i] + (m->version[i] ? 0.5 * m->version[i] : 0);
		/* A run in 50 misses series c's value: its values have gaps. */
		if (s == 2 && i % 50 == 7)
			continue;
		assert_int_equal(bdb_point_add_metric(run, p, "time", v, &met), 0);
		assert_int_equal(bdb_metric_set_unit(run, met, "ns"), 0);
	}
	return run;
}

static void put_runs(bdb_store *store, model *m, const size_t *idx, size_t n)
{
	bdb_run **runs = malloc(n * sizeof *runs);
	uint64_t *seqs = malloc(n * sizeof *seqs);
	assert_non_null(runs);
	assert_non_null(seqs);
	for (size_t k = 0; k < n; k++)
		runs[k] = model_run(m, idx[k]);
	assert_int_equal(bdb_store_put_runs(store, (const bdb_run *const *)runs, n, BDB_PUT_REPLACE,
					    seqs, NULL, NULL, NULL),
			 0);
	for (size_t k = 0; k < n; k++) {
		if (!m->stored[idx[k]])
			m->n_stored++;
		m->stored[idx[k]] = true;
		m->seq[idx[k]] = seqs[k];
		bdb_run_free(runs[k]);
	}
	free(runs);
	free(seqs);
}

static void count_record(void *ctx, const char *problem)
{
	(void)ctx;
	printf("# problem: %s\n", problem);
}

/* Every record equals its series' fold from scratch; one per series. */
static void assert_records_exact(bdb_store *store, size_t series)
{
	size_t problems = 99, records = 0;
	assert_int_equal(bdb_query_changes_verify(store, true, count_record, NULL, &problems, &records),
			 0);
	assert_int_equal(problems, 0);
	assert_int_equal(records, series);
}

/* The store's default `changes` as JSON. */
static char *changes_json(bdb_store *store)
{
	static const bdb_query_options o = {.now_us = 0};
	return query_text(store, &o, "changes time by series as json");
}

static void test_store_random_writes(void **state)
{
	(void)state;
	bdb__rng rng;
	bdb__rng_seed(&rng, test_seed("store, random writes"));
	static model m;
	memset(&m, 0, sizeof m);
	for (int s = 0; s < N_SERIES; s++)
		random_series(&rng, m.value[s], MAX_RUNS);
	char *dir = make_temp_dir();
	bdb_store *store = open_store(dir, 0);
	bdb_query_keep_changes(store);
	assert_int_equal(bdb_query_changes_rebuild(store, NULL), 0); /* keep them */
	/* The history arrives in order, in batches of 1 to 120 runs, with a
	 * backfill, a deletion or a replacement now and then. Held back: every
	 * 97th run, for backfills. Past the end of the history, the kinds of
	 * write the random draws missed, one each (some seeds draw no deletion
	 * or no replacement: CHANGELOG_SEED=4, 12 or 987654321). */
	size_t next = 0, ops = 0, backfills = 0, deletes = 0, replaces = 0;
	size_t idx[200];
	while (next < MAX_RUNS - 100 || !backfills || !deletes || !replaces) {
		uint64_t what = next < MAX_RUNS - 100 ? bdb__rng_below(&rng, 10)
				: !backfills	      ? 6
				: !deletes	      ? 8
						      : 9;
		if (what < 6) {
			size_t k = 1 + (size_t)bdb__rng_below(&rng, 120), n = 0;
			for (; n < k && next < MAX_RUNS - 100; next++)
				if (next % 97 != 50)
					idx[n++] = next;
			put_runs(store, &m, idx, n);
		} else if (what < 8) {
			/* A backfill: a held-back run before the newest one. */
			size_t i = 50;
			while (i + 97 < next && m.stored[i])
				i += 97;
			if (i >= next || m.stored[i])
				continue;
			put_runs(store, &m, &i, 1);
			backfills++;
		} else if (what < 9 && m.n_stored > 10) {
			size_t i;
			do
				i = (size_t)bdb__rng_below(&rng, next);
			while (!m.stored[i]);
			assert_int_equal(bdb_store_delete_run(store, m.seq[i]), 0);
			m.stored[i] = false;
			m.n_stored--;
			deletes++;
		} else if (m.n_stored > 10) {
			size_t i;
			do
				i = (size_t)bdb__rng_below(&rng, next);
			while (!m.stored[i]);
			m.version[i]++;
			put_runs(store, &m, &i, 1);
			replaces++;
		} else {
			continue; /* too few runs yet to delete or replace one */
		}
		ops++;
		assert_records_exact(store, N_SERIES);
	}
	printf("# store, random writes: %zu writes (%zu backfills, %zu deletions, %zu "
	       "replacements), %zu runs\n",
	       ops, backfills, deletes, replaces, m.n_stored);
	assert_true(backfills > 0 && deletes > 0 && replaces > 0);
	/* Appends extended the records; backfills, deletions and
	 * replacements rebuilt them (three series each). */
	size_t n_ext, n_reb;
	bdb__changelog_counts(&n_ext, &n_reb);
	printf("# store, random writes: %zu records extended, %zu rebuilt\n", n_ext, n_reb);
	assert_true(n_ext >= N_SERIES * (ops - backfills - deletes - replaces - 1));
	assert_true(n_reb >= N_SERIES * (backfills + deletes + replaces));

	/* `changes` reads the records: every series answered from its own. */
	char *kept = changes_json(store);
	assert_non_null(strstr(kept, "\"persisted_series\": 3"));

	/* A write without the hook drops the records of what it touches (the
	 * run holds all three series), and `changes` answers the same from
	 * scratch. */
	bdb_store_set_write_hook(store, NULL, NULL);
	size_t last = MAX_RUNS - 100;
	put_runs(store, &m, &last, 1);
	size_t problems = 99, records = 99;
	assert_int_equal(bdb_query_changes_verify(store, true, NULL, NULL, &problems, &records), 0);
	assert_int_equal(records, 0);
	char *scratch = changes_json(store);
	assert_non_null(strstr(scratch, "\"persisted_series\": 0"));
	/* The same rows once the records are rebuilt. */
	size_t rebuilt = 0;
	assert_int_equal(bdb_query_changes_rebuild(store, &rebuilt), 0);
	assert_int_equal(rebuilt, N_SERIES);
	assert_records_exact(store, N_SERIES);
	char *again = changes_json(store);
	assert_non_null(strstr(again, "\"persisted_series\": 3"));
	const char *rows_a = strstr(scratch, "\"rows\""), *rows_b = strstr(again, "\"rows\"");
	assert_non_null(rows_a);
	assert_non_null(rows_b);
	assert_string_equal(rows_a, rows_b);
	free(kept);
	free(scratch);
	free(again);
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
}

/* Flips the low bit of byte at (from the byte it reads, when at_of is
 * given) of series 1's record, in w's transaction. */
static int flip_record_bit(bdb_reader *w, uint64_t series, size_t at,
			   size_t (*at_of)(const uint8_t *))
{
	const void *data;
	size_t len;
	int rc = bdb_reader_change_record(w, series, &data, &len);
	if (rc)
		return rc;
	if (at_of)
		at = at_of(data);
	assert_true(at < len);
	uint8_t *copy = malloc(len);
	if (!copy)
		return BDB_ENOMEM;
	memcpy(copy, data, len);
	copy[at] ^= 1;
	rc = bdb_reader_put_change_record(w, series, copy, len);
	free(copy);
	return rc;
}

/* A record that lies is a problem verify reports. put_bad_record flips
 * the low bit of one header field of series 1's record: *(int *)ctx, 5 the
 * segment start, 1 the count of observations. */
static int put_bad_record(void *ctx, bdb_reader *w)
{
	int field = *(const int *)ctx;
	return flip_record_bit(w, 1, 4 + 8 * (size_t)field + 7, NULL);
}

/* A store keeping change points, with runs [0, n) of m's random series
 * (seeded) stored in one write. */
static bdb_store *kept_store(model *m, uint64_t seed, size_t n, char **dir)
{
	memset(m, 0, sizeof *m);
	bdb__rng rng;
	bdb__rng_seed(&rng, seed);
	for (int s = 0; s < N_SERIES; s++)
		random_series(&rng, m->value[s], n);
	*dir = make_temp_dir();
	bdb_store *store = open_store(*dir, 0);
	bdb_query_keep_changes(store);
	assert_int_equal(bdb_query_changes_rebuild(store, NULL), 0); /* keep them */
	return store;
}

static void test_verify_finds_a_wrong_record(void **state)
{
	(void)state;
	static model m;
	char *dir;
	bdb_store *store = kept_store(&m, 11, 400, &dir);
	size_t idx[200];
	for (size_t b = 0; b < 2; b++) {
		for (size_t k = 0; k < 200; k++)
			idx[k] = b * 200 + k;
		put_runs(store, &m, idx, 200);
	}
	assert_records_exact(store, N_SERIES);
	/* Outside a hook or an update a record cannot be written. */
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(store, &r), 0);
	assert_int_equal(bdb_reader_put_change_record(r, 1, "x", 1), BDB_EREADONLY);
	bdb_reader_end(r);
	int field = 5;
	assert_int_equal(bdb_store_update(store, put_bad_record, &field), 0);
	size_t problems = 0, records = 0;
	assert_int_equal(bdb_query_changes_verify(store, true, NULL, NULL, &problems, &records), 0);
	assert_int_equal(problems, 1);
	assert_int_equal(records, N_SERIES);
	/* Without the recomputation only what a record covers is checked:
	 * this one still covers its observations. */
	assert_int_equal(bdb_query_changes_verify(store, false, NULL, NULL, &problems, &records), 0);
	assert_int_equal(problems, 0);
	/* A record whose count of observations is wrong is found either way. */
	field = 1;
	assert_int_equal(bdb_store_update(store, put_bad_record, &field), 0);
	field = 5;
	assert_int_equal(bdb_store_update(store, put_bad_record, &field), 0);
	assert_int_equal(bdb_query_changes_verify(store, false, NULL, NULL, &problems, &records), 0);
	assert_int_equal(problems, 1);
	/* `changes` does not read it: the series is answered from scratch. */
	static const bdb_query_options o = {.now_us = 0};
	char *json = query_text(store, &o, "changes time of \"s/a\" as json");
	assert_non_null(strstr(json, "\"persisted_series\": 0"));
	free(json);
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
}

/* Where a record's kept answer (it follows the fold's points and its
 * count) starts: its count of points. */
static size_t answer_at(const uint8_t *p)
{
	assert_int_equal(p[60], 1); /* answered */
	uint64_t count = 0;
	for (int i = 0; i < 8; i++)
		count = count << 8 | p[4 + 8 * 6 + i];
	return 64 + (size_t)count * 89;
}

static uint64_t answer_count(const uint8_t *p)
{
	uint64_t answers = 0;
	for (int i = 0; i < 8; i++)
		answers = answers << 8 | p[answer_at(p) + (size_t)i];
	return answers;
}

/* The last byte of the change % of a record's first kept answer point. */
static size_t answer_change_pct(const uint8_t *p)
{
	assert_true(answer_count(p) > 0);
	return answer_at(p) + 8 + 17 + 8 * 2 + 7;
}

/* Flips a bit of the change % of the first series whose kept answer has a
 * point (the random series decide which). */
static int put_bad_answer(void *ctx, bdb_reader *w)
{
	(void)ctx;
	for (uint64_t series = 1; series <= N_SERIES; series++) {
		const void *data;
		size_t len;
		int rc = bdb_reader_change_record(w, series, &data, &len);
		if (rc)
			return rc;
		if (answer_count(data) > 0)
			return flip_record_bit(w, series, 0, answer_change_pct);
	}
	fail_msg("no series has a change point to flip");
	return BDB_EINVAL;
}

/* The rows of a `changes` answer in JSON (what follows "rows"). */
static const char *rows_of(const char *json)
{
	const char *rows = strstr(json, "\"rows\"");
	assert_non_null(rows);
	return rows;
}

/* Settled answers: `changes` reads them (settled_series) and gives the same
 * rows as computing them; a write drops the answers of what it touches;
 * verify --changes recomputes them and finds one that lies. */
static void test_settled_answers(void **state)
{
	(void)state;
	static model m;
	char *dir;
	bdb_store *store = kept_store(&m, test_seed("settled answers"), 600, &dir);
	size_t idx[300];
	for (size_t k = 0; k < 300; k++)
		idx[k] = k;
	put_runs(store, &m, idx, 300);
	char *computed = changes_json(store);
	assert_non_null(strstr(computed, "\"persisted_series\": 3, \"settled_series\": 0"));
	size_t n = 99;
	assert_int_equal(bdb_query_changes_settle(store, NULL, &n), 0);
	assert_int_equal(n, N_SERIES);
	char *settled = changes_json(store);
	assert_non_null(strstr(settled, "\"persisted_series\": 3, \"settled_series\": 3"));
	assert_string_equal(rows_of(settled), rows_of(computed));
	assert_non_null(strstr(rows_of(settled), "\"kind\": \"step\"")); /* not an empty answer */
	assert_records_exact(store, N_SERIES);
	/* Nothing left to settle. */
	assert_int_equal(bdb_query_changes_settle(store, NULL, &n), 0);
	assert_int_equal(n, 0);
	/* A settle that is cancelled stores nothing. */
	for (size_t k = 0; k < 300; k++)
		idx[k] = 300 + k;
	put_runs(store, &m, idx, 1);
	volatile sig_atomic_t cancel = 1;
	assert_int_equal(bdb_query_changes_settle(store, &cancel, &n), BDB_ECANCELLED);
	char *dropped = changes_json(store);
	assert_non_null(strstr(dropped, "\"persisted_series\": 3, \"settled_series\": 0"));
	/* The next runs, settled: the rows computed and read agree again. */
	put_runs(store, &m, idx + 1, 299);
	char *computed2 = changes_json(store);
	assert_int_equal(bdb_query_changes_settle(store, NULL, &n), 0);
	assert_int_equal(n, N_SERIES);
	char *settled2 = changes_json(store);
	assert_non_null(strstr(settled2, "\"settled_series\": 3"));
	assert_string_equal(rows_of(settled2), rows_of(computed2));
	assert_records_exact(store, N_SERIES);
	/* An answer that lies: verify --changes finds it, verify without
	 * recomputing does not look at it. */
	assert_int_equal(bdb_store_update(store, put_bad_answer, NULL), 0);
	size_t problems = 0, records = 0;
	assert_int_equal(bdb_query_changes_verify(store, true, count_record, NULL, &problems, &records),
			 0);
	assert_int_equal(problems, 1);
	assert_int_equal(bdb_query_changes_verify(store, false, NULL, NULL, &problems, &records), 0);
	assert_int_equal(problems, 0);
	free(computed);
	free(settled);
	free(dropped);
	free(computed2);
	free(settled2);
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
}

/* A store from before the database "changes" (dropped here with LMDB
 * itself): opened read-only it has no records and `changes` answers from
 * scratch; opened for writing it gets the database back, and the next
 * write keeps the records of the series it touches. */
static void test_store_without_the_database(void **state)
{
	(void)state;
	static model m;
	memset(&m, 0, sizeof m);
	bdb__rng rng;
	bdb__rng_seed(&rng, 5);
	for (int s = 0; s < N_SERIES; s++)
		random_series(&rng, m.value[s], 300);
	char *dir = make_temp_dir();
	bdb_store *store = open_store(dir, 0);
	bdb_query_keep_changes(store);
	assert_int_equal(bdb_query_changes_rebuild(store, NULL), 0); /* keep them */
	size_t idx[300];
	for (size_t k = 0; k < 299; k++)
		idx[k] = k;
	put_runs(store, &m, idx, 299);
	static const bdb_query_options o = {.now_us = 0};
	char *before = query_text(store, &o, "changes time by series as json");
	assert_non_null(strstr(before, "\"persisted_series\": 3"));
	bdb_store_close(store);

	MDB_env *env;
	MDB_txn *txn;
	MDB_dbi dbi;
	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 32), 0);
	assert_int_equal(mdb_env_open(env, dir, 0, 0666), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, "changes", 0, &dbi), 0);
	assert_int_equal(mdb_drop(txn, dbi, 1), 0);
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);

	bdb_store_options ro = {.read_only = true};
	bdb_diag d;
	assert_int_equal(bdb_store_open(dir, &ro, &store, &d), 0);
	size_t problems = 9, records = 9;
	assert_int_equal(bdb_query_changes_verify(store, true, NULL, NULL, &problems, &records), 0);
	assert_int_equal(records, 0);
	assert_int_equal(problems, 0);
	char *old = query_text(store, &o, "changes time by series as json");
	assert_non_null(strstr(old, "\"persisted_series\": 0"));
	const char *rows_a = strstr(before, "\"rows\""), *rows_b = strstr(old, "\"rows\"");
	assert_non_null(rows_a);
	assert_non_null(rows_b);
	assert_string_equal(rows_a, rows_b);
	bdb_store_close(store);

	store = open_store(dir, 0);
	bdb_query_keep_changes(store);
	assert_int_equal(bdb_query_changes_rebuild(store, NULL), 0); /* keep them */
	size_t last = 299;
	put_runs(store, &m, &last, 1);
	assert_records_exact(store, N_SERIES);
	free(before);
	free(old);
	bdb_store_close(store);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold_known_step),
	    cmocka_unit_test(test_fold_batches),
	    cmocka_unit_test(test_fold_long_drift),
	    cmocka_unit_test(test_store_random_writes),
	    cmocka_unit_test(test_verify_finds_a_wrong_record),
	    cmocka_unit_test(test_settled_answers),
	    cmocka_unit_test(test_store_without_the_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
