/*
 * test_retain.c - retention with rollups (engine/retain.c, docs/storage.md
 * 2.14): the policy's grammar (canonical text, errors with their column),
 * a week rolled up into one run whose values are the median, min and max of
 * the runs it replaces with per-series counts (a series missing from a run
 * counts fewer), the actions reported, a week already rolled up left alone,
 * baselines' runs never touched, other branches' old runs dropped (from
 * series of several chunks), week rollups folded into a month (median of
 * the week medians each counted as often as its week's values), a month
 * rolled up from its runs exactly, the policy applied on ingest in the
 * put's own transaction, and verify clean after each.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/store_env.h"

#define DAY_US	INT64_C(86400000000)
#define HOUR_US INT64_C(3600000000)
/* 2026-01-05T00:00:00Z, a Monday. */
#define MONDAY_US INT64_C(1767571200000000)

static void parses_to(const char *text, const char *canonical)
{
	bdb_retention p;
	bdb_diag d;
	int rc = bdb_retention_parse(text, &p, &d);
	if (rc)
		fail_msg("%s: %s", text, d.message);
	char buf[1024];
	assert_string_equal(bdb_retention_format(&p, buf, sizeof buf), canonical);
	bdb_retention_free(&p);
}

static void refused_at(const char *text, int col, const char *message)
{
	bdb_retention p;
	bdb_diag d;
	assert_int_equal(bdb_retention_parse(text, &p, &d), BDB_EPARSE);
	assert_int_equal(d.col, col);
	assert_string_equal(d.file, "policy");
	if (!strstr(d.message, message))
		fail_msg("%s: \"%s\" lacks \"%s\"", text, d.message, message);
	assert_int_equal(p.n_branches, 0);
}

static void test_policy_grammar(void **state)
{
	(void)state;
	parses_to("", "");
	parses_to("  ;; ", "");
	parses_to("rollup week after 365d; KEEP Branch \"main\" Forever; drop samples after "
		  "30d;keep other 90d;keep branch \"release/1.x\" forever",
		  "keep branch \"main\" forever; keep branch \"release/1.x\" forever; keep other "
		  "90d; drop samples after 30d; rollup week after 365d");
	parses_to("keep other 0d", "keep other 0d");
	refused_at("keep other 90", 12, "expected a duration such as 90d, 12w or 2y");
	/* The query language's units (h, d, w, y; any case) in whole days:
	 * 2w was refused though `since 2w` is a query's time. */
	parses_to("keep other 2w; drop samples after 48H", "keep other 14d; drop samples after 2d");
	refused_at("keep other 36h", 12, "whole days");
	refused_at("keep other 30m", 12, "expected a duration such as 90d, 12w or 2y");
	refused_at("keep other 99999999999999999999y", 12, "at most 36500d");
	refused_at("keep other 36501d", 12, "at most 36500d");
	refused_at("keep branch main forever", 13, "expected a quoted branch name");
	refused_at("keep branch \"main\"", 19, "expected \"forever\", found the end");
	refused_at("rollup day after 10d", 8, "expected \"week\" or \"month\", found \"day\"");
	refused_at("rollup", 7, "expected \"week\" or \"month\", found the end");
	parses_to("apply on ingest; rollup month after 2y;rollup week after 1Y",
		  "rollup week after 365d; rollup month after 730d; apply on ingest");
	parses_to("rollup month after 30d", "rollup month after 30d");
	parses_to("rollup week after 30d; rollup month after 30d",
		  "rollup week after 30d; rollup month after 30d");
	/* Months take weeks: a month age under the week age is refused at it. */
	refused_at("rollup week after 40d; rollup month after 10d", 43,
		   "rollup month after 10d is sooner than rollup week after 40d");
	refused_at("rollup month after 101y", 20, "at most 36500d");
	refused_at("apply on", 9, "expected \"ingest\", found the end");
	refused_at("apply ingest", 7, "expected \"on\", found \"ingest\"");
	refused_at("keep other 9d drop samples after 1d", 15, "expected \";\" between rules");
	refused_at("delete everything", 1, "expected a rule");
	/* A rule given twice replaced the first silently (keep other 5d; keep
	 * other 6d kept 6d): refused at the second, whose column is given. */
	refused_at("keep other 5d; keep other 6d", 16,
		   "\"keep other\" is given twice: a rule may be given once");
	refused_at("drop samples after 5d;drop samples after 9d", 23,
		   "\"drop samples after\" is given twice");
	refused_at("rollup week after 1d; rollup month after 2d; rollup week after 3d", 46,
		   "\"rollup week after\" is given twice");
	refused_at("rollup month after 9d; ROLLUP MONTH after 9d", 24,
		   "\"rollup month after\" is given twice");
	refused_at("apply on ingest; apply on ingest", 18, "\"apply on ingest\" is given twice");
	/* The same branch twice is one branch kept (it was stored twice). */
	parses_to("keep branch \"a\" forever; keep branch \"b\" forever; keep branch \"a\" forever",
		  "keep branch \"a\" forever; keep branch \"b\" forever");
	char many[2048] = "";
	for (int i = 0; i <= BDB_RETAIN_MAX_BRANCHES; i++)
		snprintf(many + strlen(many), sizeof many - strlen(many),
			 "keep branch \"b%02d\" forever;", i);
	/* Each rule is 26 characters; the 17th branch name is at 16 * 26 + 13. */
	refused_at(many, 16 * 26 + 13, "at most 16 branches");
}

/* Collects retain's actions. */
typedef struct actions {
	int n;
	char lines[32][160];
} actions;

static int collect(void *ctx, const bdb_retain_action *a)
{
	actions *acts = ctx;
	static const char *const kinds[] = {"drop", "rollup", "samples", "new", "fold"};
	assert_true(acts->n < 32);
	snprintf(acts->lines[acts->n++], sizeof acts->lines[0], "%s %s %s %zu", kinds[a->kind],
		 a->id, a->rollup_id ? a->rollup_id : "-", a->n_runs);
	if (a->n_rollups)
		snprintf(acts->lines[acts->n - 1] + strlen(acts->lines[acts->n - 1]),
			 sizeof acts->lines[0] - strlen(acts->lines[acts->n - 1]), " +%zu",
			 a->n_rollups);
	return 0;
}

static uint64_t put(bdb_store *s, const char *id, int64_t ts, const char *branch, size_t points,
		    double base)
{
	bdb_run *run = make_run(id, ts, NULL, branch, points, base);
	uint64_t seq = put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	return seq;
}

static void set_policy(bdb_store *s, const char *text)
{
	bdb_diag d;
	int rc = bdb_store_set_retention(s, text, &d);
	if (rc)
		fail_msg("%s: %s", text, d.message);
}

/* The first observation of (point, tags, metric) and what the rollup holds for it. */
static void first_obs(bdb_store *s, const char *point, const char *framework, const char *size,
		      const char *metric, bdb_obs *o, bdb_rollup_info *ri, bool *is)
{
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_kv tags[] = {{"framework", framework}, {"size", size}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, point, tags, 2, metric, &id), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, false, &it), 0);
	assert_int_equal(bdb_obs_iter_next(it, o), 1);
	bdb_obs_iter_close(it);
	assert_int_equal(bdb_reader_rollup(r, o->run_seq, id, is, ri), 0);
	bdb_reader_end(r);
}

static void test_week_rolled_up(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	/* Four runs in the week of Monday 2026-01-05 (bench/NNN time = base +
	 * NNN; "w4" has 3 points only), one in the next week. */
	put(s, "w1", MONDAY_US + 10 * HOUR_US, "main", 6, 10);
	put(s, "w2", MONDAY_US + DAY_US, "main", 6, 40);
	put(s, "w3", MONDAY_US + 3 * DAY_US, "main", 6, 20);
	put(s, "w4", MONDAY_US + 6 * DAY_US + 23 * HOUR_US, "main", 3, 30);
	put(s, "next", MONDAY_US + 7 * DAY_US, "main", 6, 99);
	set_policy(s, "rollup week after 7d");
	/* Now 2026-01-20: the cutoff is 2026-01-13, after the first week's end
	 * (2026-01-12) and before the second's (2026-01-19). */
	int64_t now = MONDAY_US + 15 * DAY_US;
	actions dry = {0}, done = {0};
	assert_int_equal(bdb_store_retain(s, now, true, collect, &dry, NULL), 0);
	assert_int_equal(dry.n, 5);
	assert_string_equal(dry.lines[0],
			    "new rollup:week:2026-01-05:main rollup:week:2026-01-05:main 4");
	assert_string_equal(dry.lines[1], "rollup w1 rollup:week:2026-01-05:main 0");
	assert_string_equal(dry.lines[4], "rollup w4 rollup:week:2026-01-05:main 0");
	assert_int_equal(bdb_store_retain(s, now, false, collect, &done, NULL), 0);
	assert_int_equal(memcmp(&dry, &done, sizeof dry), 0);
	assert_verify_clean(s);

	bdb_obs o;
	bdb_rollup_info ri;
	bool is;
	/* bench/000 time: 10, 40, 20, 30 -> median (20 + 30) / 2 = 25 (Python's
	 * statistics.median([10, 40, 20, 30]) = 25.0), min 10, max 40, count 4. */
	first_obs(s, "bench/000", "Grain", "0", "time", &o, &ri, &is);
	assert_true(is);
	assert_true(o.value == 25.0 && o.has_lower && o.lower == 10.0 && o.upper == 40.0);
	assert_int_equal(o.timestamp_us, MONDAY_US);
	assert_string_equal(ri.period, "week");
	assert_int_equal(ri.count, 4);
	assert_int_equal(ri.n_runs, 4);
	/* bench/005 time: w4 has no bench/005, so 15, 45, 25 -> median 25, count 3. */
	first_obs(s, "bench/005", "Datarax", "2", "time", &o, &ri, &is);
	assert_true(o.value == 25.0 && o.lower == 15.0 && o.upper == 45.0);
	assert_int_equal(ri.count, 3);
	/* bench/001 ops: 999 in every run. */
	first_obs(s, "bench/001", "Datarax", "1", "ops", &o, &ri, &is);
	assert_true(o.value == 999.0 && o.lower == 999.0 && o.upper == 999.0);
	assert_int_equal(ri.count, 4);

	bdb_reader *r;
	uint64_t n, seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(bdb_reader_find_id(r, "w2", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_id(r, "next", &seq), 0);
	assert_int_equal(bdb_reader_rollup(r, seq, 0, &is, &ri), 0);
	assert_false(is);
	bdb_reader_end(r);

	/* A late run in a week already rolled up is left as it is. */
	put(s, "late", MONDAY_US + 2 * DAY_US, "main", 6, 1000);
	actions again = {0};
	assert_int_equal(bdb_store_retain(s, now, false, collect, &again, NULL), 0);
	assert_int_equal(again.n, 0);
	assert_verify_clean(s);
}

static void test_baselines_and_branches(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	uint64_t kept = put(s, "m1", MONDAY_US, "main", 2, 1);
	put(s, "m2", MONDAY_US + DAY_US, "main", 2, 2);
	uint64_t ref = put(s, "f1", MONDAY_US + 2 * DAY_US, "feature", 2, 3);
	put(s, "f2", MONDAY_US + 3 * DAY_US, "feature", 2, 4);
	put(s, "f3", MONDAY_US + 40 * DAY_US, "feature", 2, 5);
	bdb_run *noted = make_run("f4", MONDAY_US + 4 * DAY_US, "abc123", "feature", 2, 6);
	put_ok(s, noted, 0, BDB_PUT_STORED);
	bdb_run_free(noted);
	assert_int_equal(bdb_store_put_annotation(s, "abc", BDB_ANNOTATION_INTENDED, "faster"), 0);
	assert_int_equal(bdb_store_set_baseline(s, "release", kept), 0);
	assert_int_equal(bdb_store_set_baseline(s, "feature-ref", ref), 0);
	set_policy(s, "keep branch \"main\" forever; keep other 30d");
	actions done = {0};
	assert_int_equal(bdb_store_retain(s, MONDAY_US + 45 * DAY_US, false, collect, &done, NULL),
			 0);
	/* Only f2 goes: f1 is a baseline's, f3 is recent, f4's commit abc123 is
	 * annotated (by its prefix abc), main is kept. */
	assert_int_equal(done.n, 1);
	assert_string_equal(done.lines[0], "drop f2 - 0");
	bdb_reader *r;
	uint64_t n, seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(bdb_reader_find_id(r, "f4", &seq), 0);
	assert_int_equal(bdb_reader_get_baseline(r, "feature-ref", &seq), 0);
	assert_int_equal(seq, ref);
	bdb_retention p;
	assert_int_equal(bdb_reader_retention(r, &p), 0);
	assert_int_equal(p.keep_other_days, 30);
	assert_int_equal(p.rollup_days, -1);
	bdb_retention_free(&p);
	bdb_reader_end(r);
	assert_verify_clean(s);
}

/* 300 runs, every other one on feature: each series' observations fill
 * chunks of 128 at most, and dropping the feature runs rewrites each chunk
 * once (bdb__obs_delete_runs); a series only feature runs had goes with them. */
static void test_drop_across_chunks(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	for (int i = 0; i < 300; i++) {
		char id[16];
		snprintf(id, sizeof id, "r%03d", i);
		/* feature runs have a third point, bench/002, which main runs lack */
		put(s, id, MONDAY_US + i * HOUR_US, i % 2 ? "feature" : "main", i % 2 ? 3 : 2, i);
	}
	set_policy(s, "keep branch \"main\" forever; keep other 1d");
	/* Now hour 400: every run is over a day old, so every feature run goes. */
	assert_int_equal(bdb_store_retain(s, MONDAY_US + 400 * HOUR_US, false, NULL, NULL, NULL),
			 0);
	assert_verify_clean(s);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.runs, 150);
	assert_int_equal(st.series, 4); /* bench/002 went with the feature runs */
	assert_int_equal(st.observations, 150 * 4);
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	bdb_kv tags[] = {{"framework", "Grain"}, {"size", "0"}};
	uint64_t id;
	assert_int_equal(bdb_reader_series_lookup(r, "bench/000", tags, 2, "time", &id), 0);
	bdb_obs_iter *it;
	assert_int_equal(bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, false, &it), 0);
	bdb_obs o;
	int k = 0;
	while (bdb_obs_iter_next(it, &o) == 1) {
		/* main run r(2k): time = base 2k + point 0 */
		assert_true(o.value == 2.0 * k);
		assert_int_equal(o.timestamp_us, MONDAY_US + 2 * k * HOUR_US);
		k++;
	}
	assert_int_equal(k, 150);
	bdb_obs_iter_close(it);
	bdb_reader_end(r);
}

/* The metadata value of key in run seq ("" when absent), into buf. */
static const char *meta_of(bdb_store *s, const char *id, const char *key, char *buf, size_t size)
{
	bdb_reader *r;
	uint64_t seq;
	bdb_run *run;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, id, &seq), 0);
	assert_int_equal(bdb_reader_run_decode(r, seq, &run), 0);
	snprintf(buf, size, "%s", "");
	for (size_t i = 0; i < run->n_meta; i++)
		if (strcmp(run->meta[i].key, key) == 0)
			snprintf(buf, size, "%s", run->meta[i].value);
	bdb_run_free(run);
	bdb_reader_end(r);
	return buf;
}

static void test_month_of_weeks_and_runs(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	/* January 2026: the week of Monday the 5th (bench/000 time 10, 40, 20),
	 * of the 12th (30, 50) and one run on the 26th (45). */
	put(s, "a1", MONDAY_US + HOUR_US, "main", 2, 10);
	put(s, "a2", MONDAY_US + DAY_US, "main", 2, 40);
	put(s, "a3", MONDAY_US + 2 * DAY_US, "main", 2, 20);
	put(s, "b1", MONDAY_US + 7 * DAY_US, "main", 2, 30);
	put(s, "b2", MONDAY_US + 8 * DAY_US, "main", 2, 50);
	put(s, "c1", MONDAY_US + 21 * DAY_US + 10 * HOUR_US, "main", 2, 45);
	set_policy(s, "rollup week after 7d; rollup month after 30d");
	/* 2026-01-27: the weeks of the 5th and 12th end before the 20th. */
	actions weeks = {0};
	assert_int_equal(bdb_store_retain(s, MONDAY_US + 22 * DAY_US, false, collect, &weeks, NULL),
			 0);
	assert_int_equal(weeks.n, 7);
	assert_string_equal(weeks.lines[0],
			    "new rollup:week:2026-01-05:main rollup:week:2026-01-05:main 3");
	/* 2026-03-05: January ended (2026-02-01) before the month cutoff
	 * 2026-02-03; its two week rollups fold in, c1 goes in from its run. */
	actions month = {0}, dry = {0};
	int64_t now = MONDAY_US + 59 * DAY_US;
	assert_int_equal(bdb_store_retain(s, now, true, collect, &dry, NULL), 0);
	assert_int_equal(bdb_store_retain(s, now, false, collect, &month, NULL), 0);
	assert_int_equal(memcmp(&dry, &month, sizeof dry), 0);
	assert_int_equal(month.n, 4);
	assert_string_equal(month.lines[0],
			    "new rollup:month:2026-01:main rollup:month:2026-01:main 6 +2");
	assert_string_equal(month.lines[1],
			    "fold rollup:week:2026-01-05:main rollup:month:2026-01:main 0");
	assert_string_equal(month.lines[2],
			    "fold rollup:week:2026-01-12:main rollup:month:2026-01:main 0");
	assert_string_equal(month.lines[3], "rollup c1 rollup:month:2026-01:main 0");
	assert_verify_clean(s);

	bdb_obs o;
	bdb_rollup_info ri;
	bool is;
	/* The week medians 20 (count 3) and 40 (count 2), and 45: Python's
	 * statistics.median([20, 20, 20, 40, 40, 45]) = 30.0 (the median of all
	 * six values would be 35, the median of the medians 40). min, max and
	 * count are exact: 10, 50, 6. */
	first_obs(s, "bench/000", "Grain", "0", "time", &o, &ri, &is);
	assert_true(is);
	assert_string_equal(ri.period, "month");
	assert_true(o.value == 30.0 && o.lower == 10.0 && o.upper == 50.0);
	assert_int_equal(ri.count, 6);
	assert_int_equal(ri.n_runs, 6);
	assert_int_equal(o.timestamp_us, INT64_C(1767225600000000)); /* 2026-01-01 */
	char buf[256];
	assert_string_equal(meta_of(s, "rollup:month:2026-01:main", "rollup.run_ids", buf,
				    sizeof buf),
			    "a1\na2\na3\nb1\nb2\nc1");
	assert_string_equal(meta_of(s, "rollup:month:2026-01:main", "rollup.median", buf,
				    sizeof buf),
			    "from week medians");
	assert_string_equal(meta_of(s, "rollup:month:2026-01:main", "rollup.weeks", buf,
				    sizeof buf),
			    "rollup:week:2026-01-05:main\nrollup:week:2026-01-12:main");
	assert_string_equal(meta_of(s, "rollup:month:2026-01:main", "rollup.from", buf,
				    sizeof buf),
			    "2026-01-01");

	/* February's runs, rolled up straight from their values: exact. */
	put(s, "f1", MONDAY_US + 28 * DAY_US, "main", 2, 7);
	put(s, "f2", MONDAY_US + 36 * DAY_US, "main", 2, 3);
	put(s, "f3", MONDAY_US + 46 * DAY_US, "main", 2, 9);
	actions feb = {0};
	assert_int_equal(bdb_store_retain(s, MONDAY_US + 100 * DAY_US, false, collect, &feb, NULL),
			 0);
	assert_int_equal(feb.n, 4);
	assert_string_equal(feb.lines[0],
			    "new rollup:month:2026-02:main rollup:month:2026-02:main 3");
	assert_string_equal(meta_of(s, "rollup:month:2026-02:main", "rollup.median", buf,
				    sizeof buf),
			    "exact");
	assert_string_equal(meta_of(s, "rollup:month:2026-02:main", "rollup.to", buf, sizeof buf),
			    "2026-02-28");
	bdb_reader *r;
	uint64_t n;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_count_runs(r, &n), 0);
	assert_int_equal(n, 2);
	bdb_reader_end(r);
	assert_verify_clean(s);
}

/* The date of us, as retain names rollups. */
static void date_of(int64_t us, char *buf, size_t size)
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

static void test_applied_on_ingest(void **state)
{
	store_fixture *f = *state;
	bdb_store *s = f->store;
	/* The engine ages runs from the clock: the week of about 800 days ago
	 * (1970-01-05 was a Monday). */
	int64_t now = (int64_t)time(NULL) * 1000000;
	int64_t week = (now - 800 * DAY_US - 4 * DAY_US) / (7 * DAY_US) * (7 * DAY_US) + 4 * DAY_US;
	put(s, "o1", week + HOUR_US, "main", 2, 10);
	put(s, "o2", week + DAY_US, "main", 2, 30);
	put(s, "f1", now - 200 * DAY_US, "feature", 2, 5);
	put(s, "m1", now - 10 * DAY_US, "main", 2, 7);
	set_policy(s, "keep branch \"main\" forever; keep other 90d; rollup week after 365d; "
		      "apply on ingest");
	actions heard = {0};
	bdb_store_on_retain(s, collect, &heard);

	/* A put that fails applies nothing. */
	bdb_run *clash = make_run("m1", now - 10 * DAY_US, NULL, "main", 2, 8);
	bdb_diag d;
	assert_int_equal(bdb_store_put_run(s, clash, 0, NULL, NULL, &d), BDB_EEXISTS);
	bdb_run_free(clash);
	assert_int_equal(heard.n, 0);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.runs, 4);

	/* A batch of two: the policy then runs in its transaction, over every
	 * run, the batch's own too (f2 is stored and dropped at once). */
	bdb_run *n1 = make_run("n1", now - HOUR_US, NULL, "main", 2, 1);
	bdb_run *f2 = make_run("f2", now - 100 * DAY_US, NULL, "feature", 2, 2);
	const bdb_run *batch[] = {n1, f2};
	bdb_put_outcome outcomes[2];
	assert_int_equal(bdb_store_put_runs(s, batch, 2, 0, NULL, outcomes, NULL, &d), 0);
	bdb_run_free(n1);
	bdb_run_free(f2);
	assert_int_equal(outcomes[0], BDB_PUT_STORED);
	assert_int_equal(outcomes[1], BDB_PUT_STORED);
	char date[32], want[128];
	date_of(week, date, sizeof date);
	assert_int_equal(heard.n, 5);
	snprintf(want, sizeof want, "new rollup:week:%s:main rollup:week:%s:main 2", date, date);
	assert_string_equal(heard.lines[0], want);
	snprintf(want, sizeof want, "rollup o1 rollup:week:%s:main 0", date);
	assert_string_equal(heard.lines[1], want);
	snprintf(want, sizeof want, "rollup o2 rollup:week:%s:main 0", date);
	assert_string_equal(heard.lines[2], want);
	assert_string_equal(heard.lines[3], "drop f1 - 0");
	assert_string_equal(heard.lines[4], "drop f2 - 0");
	assert_verify_clean(s);
	bdb_reader *r;
	uint64_t seq;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	assert_int_equal(bdb_reader_find_id(r, "m1", &seq), 0);
	assert_int_equal(bdb_reader_find_id(r, "n1", &seq), 0);
	assert_int_equal(bdb_reader_find_id(r, "f2", &seq), BDB_ENOTFOUND);
	assert_int_equal(bdb_reader_find_id(r, "o1", &seq), BDB_ENOTFOUND);
	bdb_reader_end(r);
	assert_int_equal(bdb_store_stats(s, &st), 0);
	assert_int_equal(st.runs, 3); /* the rollup, m1, n1 */

	/* A put that changes nothing (the same run again) applies nothing. */
	heard.n = 0;
	bdb_run *again = make_run("n1", now - HOUR_US, NULL, "main", 2, 1);
	put_ok(s, again, 0, BDB_PUT_UNCHANGED);
	bdb_run_free(again);
	assert_int_equal(heard.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_policy_grammar),
	    cmocka_unit_test_setup_teardown(test_week_rolled_up, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_baselines_and_branches, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_drop_across_chunks, store_setup, store_teardown),
	    cmocka_unit_test_setup_teardown(test_month_of_weeks_and_runs, store_setup,
					    store_teardown),
	    cmocka_unit_test_setup_teardown(test_applied_on_ingest, store_setup, store_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
