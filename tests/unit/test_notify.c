/*
 * test_notify.c - the message of `benchdb serve --notify-url` (web/notify.h,
 * bdb_notify_message) from the regressions of the store of
 * helpers/query_store.h; the delivery itself (threads, retries, a real
 * receiver) is tests/cli/test_push.sh's.
 *
 * Expected values by hand from the table in query_store.h, r4 against r1,
 * default rule: percent, 5 % (change % = (current - base) / |base| * 100):
 *   CV-1/small Datarax throughput (higher) 1000 -> 900: -10 %: regression
 *   CV-1/small Datarax latency_p50 10 -> 10.5: +5 %, threshold 10 %: none
 *   CV-1/small Grain throughput 800 -> 1200: better
 *   CV-1/small Grain latency_p50 (lower) 12 -> 24: +100 %: regression, the worst
 *   NLP-2/large throughput 50 -> 47.5: -5 %, not past 5 %: none
 *   NLP-2/large latency_p50 0 -> 100: no percent change from a base of 0:
 *     the percent rule does not count it
 * so 2 regressions, the worst Grain's latency at +100 %.
 *   memory: direction info: never a regression
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/query_check.h"
#include "helpers/query_store.h"
#include "helpers/store_env.h"
#include "notify.h"

static bdb_store *store;
static char *store_dir;
static const bdb_query_options options = {.now_us = QUERY_STORE_NOW_US};

static int group_setup(void **state)
{
	(void)state;
	store = query_store_open(&store_dir);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	query_store_close(store, store_dir);
	return 0;
}

static char *message_of(const char *statement, const char *run, const char *commit)
{
	bdb_result *res = query_run_ok(store, &options, statement);
	bdb_buf out;
	bdb_buf_init(&out);
	bool sent = bdb_notify_message(res, run, commit, "main", "https://bench.example/", &out);
	bdb_result_free(res);
	char *text = sent ? strdup(bdb_buf_cstr(&out)) : NULL;
	bdb_buf_free(&out);
	return text;
}

static void regressed_run_names_the_worst(void **state)
{
	(void)state;
	char *m = message_of("regressions in run \"r4\" vs run \"r1\"", "r4", "ddd4444");
	assert_non_null(m);
	assert_string_equal(m, "{\"text\": \"benchdb: run r4 (commit ddd4444) has 2 regressions vs "
			       "baseline main. Worst: latency_p50 of CV-1/small "
			       "[framework=Grain,variant=small] +100.0% (12 ms -> 24 ms). "
			       "https://bench.example/\"}\n");
	free(m);
}

static void calm_run_sends_nothing(void **state)
{
	(void)state;
	/* r2 against r1: every change within its threshold (Datarax throughput
	 * +1 %, Grain +2.5 %, latency 10 -> 10.2 = +2 % under 10 %). */
	char *m = message_of("regressions in run \"r2\" vs run \"r1\"", "r2", "bbb2222");
	assert_null(m);
}

static void names_are_json_escaped(void **state)
{
	(void)state;
	char *m = message_of("regressions in run \"r4\" vs run \"r1\"", "r\"4\n", NULL);
	assert_non_null(m);
	assert_non_null(strstr(m, "benchdb: run r\\\"4\\n has 2 regressions"));
	assert_null(strstr(m, "(commit"));
	free(m);
}

/* Slack (and its /slack-compatible peers) reads "<...>" as a mention or a
 * link and "&...;" as an entity: a run or point named "<!channel>" must not
 * ping the channel, nor "<https://x|details>" show a disguised link. */
static void names_are_slack_escaped(void **state)
{
	(void)state;
	char *m = message_of("regressions in run \"r4\" vs run \"r1\"",
			     "<!channel> <https://evil.example|details>", "a&b");
	assert_non_null(m);
	assert_non_null(strstr(m, "\"benchdb: run &lt;!channel> &lt;https://evil.example|details> "
				  "(commit a&amp;b) has 2 regressions"));
	assert_null(strstr(m, "<!channel>"));
	assert_non_null(strstr(m, "(12 ms -> 24 ms)"));
	free(m);
}

/* Discord reads "@everyone" and "@here", Mattermost "@channel", "@all" and
 * "@NAME" as mentions without brackets: a zero-width space (U+200B, UTF-8
 * e2 80 8b) after each '@' of a name keeps them text. The link, the
 * server's own address, keeps its '@'. */
static void names_mention_no_one(void **state)
{
	(void)state;
	bdb_result *res = query_run_ok(store, &options, "regressions in run \"r4\" vs run \"r1\"");
	bdb_buf out;
	bdb_buf_init(&out);
	assert_true(bdb_notify_message(res, "@everyone @here", "@channel", "main",
				       "https://ci@bench.example/", &out));
	const char *m = bdb_buf_cstr(&out);
	assert_non_null(strstr(m, "\"benchdb: run @\xe2\x80\x8b" "everyone @\xe2\x80\x8b"
				  "here (commit @\xe2\x80\x8b" "channel) has 2 regressions"));
	assert_null(strstr(m, "@everyone"));
	assert_null(strstr(m, "@here"));
	assert_null(strstr(m, "@channel"));
	assert_non_null(strstr(m, "(12 ms -> 24 ms). https://ci@bench.example/\"}\n"));
	bdb_buf_free(&out);
	bdb_result_free(res);
}

/* The bisect command of a change message can be pasted into a shell: a
 * commit that is not a hash goes in single quotes. 20 runs of one series,
 * 100 then 140 from the 11th, whose commit is "x;touch /tmp/q" and the
 * one before it "$(touch /tmp/p)". Before, the message said "Bisect: git
 * log --oneline $(touch /tmp/p)..x;touch /tmp/q". */
static void bisect_is_quoted(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 0);
	for (int i = 0; i < 20; i++) {
		bdb_run *run = bdb_run_new();
		assert_non_null(run);
		char id[16], commit[16];
		snprintf(id, sizeof id, "q%02d", i);
		snprintf(commit, sizeof commit, "k%02d", i);
		assert_int_equal(bdb_run_set_id(run, id), 0);
		assert_int_equal(bdb_run_set_commit(run, i == 9	   ? "$(touch /tmp/p)"
							 : i == 10 ? "x;touch /tmp/q"
								   : commit),
				 0);
		run->timestamp_us = (int64_t)(1767225600 + 86400 * i) * 1000000;
		bdb_point *p;
		bdb_metric *m;
		assert_int_equal(bdb_run_add_point(run, "step", &p), 0);
		assert_int_equal(bdb_point_add_metric(run, p, "time", i < 10 ? 100 : 140, &m), 0);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_result *res = query_run_ok(s, &options, "changes time kind step");
	assert_int_equal(bdb_result_n_rows(res), 1);
	bdb_buf out;
	bdb_buf_init(&out);
	assert_true(bdb_notify_change_message(res, 0, "time", "step", "q19", "k19", "https://b/", &out));
	assert_non_null(strstr(bdb_buf_cstr(&out),
			       ". Bisect: git log --oneline '$(touch /tmp/p)'..'x;touch /tmp/q'. "));
	bdb_buf_free(&out);
	bdb_result_free(res);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(regressed_run_names_the_worst),
	    cmocka_unit_test(calm_run_sends_nothing),
	    cmocka_unit_test(names_are_json_escaped),
	    cmocka_unit_test(names_are_slack_escaped),
	    cmocka_unit_test(names_mention_no_one),
	    cmocka_unit_test(bisect_is_quoted),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
