/*
 * test_parse.c - the query language's lexer and parser: every statement of
 * DESIGN.md §4 with every clause as a golden AST (bdb__stmt_print's
 * canonical text), error messages with their position, expected tokens,
 * did-you-mean hints and caret lines, the REPL's completeness check, the
 * statement splitter, and the suggestion distance.
 *
 * Expected texts were written from the grammar in docs/query-language.md and
 * checked by hand (relative times: 30d = 720h, 12w = 2016h, 90d = 2160h; a
 * bare date as an upper bound or run reference is the day's last
 * microsecond; columns count characters, carets display columns).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"

/* ------------------------------------------------------------------------ */
/* Golden ASTs                                                               */
/* ------------------------------------------------------------------------ */

typedef struct golden {
	const char *text;
	const char *ast; /* statements' canonical texts, one per line */
} golden;

static const golden statements[] = {
    {"show runs", "(show runs)"},
    {"SHOW RUNS LAST 3 AS CSV", "(show runs last=3 as=csv)"},
    {"show runs where branch = main and commit ~ \"9f*\"",
     "(show runs where=(and (= branch \"main\") (~ commit \"9f*\")))"},
    {"show points where point ~ \"BM_*\"", "(show points where=(~ point \"BM_*\"))"},
    {"show metrics where scenario = small", "(show metrics where=(= scenario \"small\"))"},
    /* A tag's value may be empty (a suite named ""): it can be selected. */
    {"trend time where suite = \"\" or suite in (\"\", b)",
     "(trend metric=\"time\" where=(or (= tag:\"suite\" \"\") (in tag:\"suite\" (\"\" \"b\"))))"},
    {"show tags", "(show tags)"},
    {"show tags backend as json", "(show tags name=\"backend\" as=json)"},
    {"show baselines as markdown", "(show baselines as=markdown)"},
    {"show retention as csv", "(show retention as=csv)"},
    {"summary", "(summary)"},
    {"summary latest~1 of \"CV-1/*\" where backend != cpu",
     "(summary run=latest~1 of=\"CV-1/*\" where=(!= tag:\"backend\" \"cpu\"))"},
    {"summary run \"r-42\"", "(summary run=(run \"r-42\"))"},
    {"summary commit 9f3e", "(summary run=(commit \"9f3e\"))"},
    {"summary baseline release", "(summary run=(baseline \"release\"))"},
    {"trend time", "(trend metric=\"time\")"},
    {"trend time of BM_sort by month", "(trend metric=\"time\" of=\"BM_sort\" by=month)"},
    {"trend time by day", "(trend metric=\"time\" by=day)"},
    {"trend time last 30 by week", "(trend metric=\"time\" last=30 by=week)"},
    {"trend time since 2026-01-01T12:00:00Z", "(trend metric=\"time\" since=2026-01-01T12:00:00Z)"},
    {"trend time since \"2026-01-01 12:00:00\" until 12w",
     "(trend metric=\"time\" since=2026-01-01T12:00:00Z until=now-2016h)"},
    {"trend time since 6h until 2026-02-01",
     "(trend metric=\"time\" since=now-6h until=2026-02-01T23:59:59.999999Z)"},
    /* The units of the retention policy too: y is 365 days (8760h), any
     * case; 0d is now; 19178y is the longest (1,000,000 weeks is
     * 19178.08 years of 365 days): 19178 * 8760 = 167999280h. */
    {"trend time since 1y", "(trend metric=\"time\" since=now-8760h)"},
    {"trend time since 2Y until 1W", "(trend metric=\"time\" since=now-17520h until=now-168h)"},
    {"trend time since 0d until 3D", "(trend metric=\"time\" since=now-0h until=now-72h)"},
    {"trend time since 19178y", "(trend metric=\"time\" since=now-167999280h)"},
    {"trend time since 1000000w", "(trend metric=\"time\" since=now-168000000h)"},
    {"trend \"items/s\" last 1 as markdown", "(trend metric=\"items/s\" last=1 as=markdown)"},
    {"rank throughput", "(rank metric=\"throughput\")"},
    {"rank throughput in baseline of \"CV-1/*\" where not (framework = a or framework = b) by "
     "backend as json",
     "(rank metric=\"throughput\" in=(baseline \"main\") of=\"CV-1/*\" where=(not (or (= "
     "tag:\"framework\" \"a\") (= tag:\"framework\" \"b\"))) by=\"backend\" as=json)"},
    {"compare baseline with latest", "(compare run=(baseline \"main\") with=latest)"},
    {"compare latest~1 with latest metric * threshold 2.5%",
     "(compare metric=\"*\" run=latest~1 with=latest threshold=2.5)"},
    {"compare run \"a\" with run \"b\" metric time of x where metric in (time, ops) using percent "
     "threshold 10 as csv",
     "(compare metric=\"time\" run=(run \"a\") with=(run \"b\") of=\"x\" where=(in metric "
     "(\"time\" \"ops\")) threshold=10 using=percent as=csv)"},
    {"compare \"2026-01-30\" with commit abc123 using mwu",
     "(compare run=(at 2026-01-30T23:59:59.999999Z) with=(commit \"abc123\") using=mwu)"},
    {"regressions", "(regressions)"},
    {"regressions in latest vs baseline \"main\" metric time threshold 5% of \"CV-1/*\" where "
     "backend = cuda using mwu alpha 0.01 as json",
     "(regressions metric=\"time\" in=latest vs=(baseline \"main\") of=\"CV-1/*\" where=(= "
     "tag:\"backend\" \"cuda\") threshold=5 using=mwu alpha=0.01 as=json)"},
    {"regressions vs baseline release using zscore window 20",
     "(regressions vs=(baseline \"release\") using=zscore window=20)"},
    {"regressions using ttest", "(regressions using=ttest)"},
    {"regressions using lookback window 10 boundary 4 explain",
     "(regressions using=lookback boundary=4 window=10 explain)"},
    {"compare latest~1 with latest using ttest boundary 0.977",
     "(compare run=latest~1 with=latest using=ttest boundary=0.97699999999999998)"},
    {"regressions using iqr window 5", "(regressions using=iqr window=5)"},
    {"regressions using deltaiqr", "(regressions using=deltaiqr)"},
    {"changes time", "(changes metric=\"time\")"},
    {"changes time of x where a = b since 90d window 50 pvalue 0.001 as json",
     "(changes metric=\"time\" of=\"x\" where=(= tag:\"a\" \"b\") since=now-2160h window=50 "
     "pvalue=0.001 as=json)"},
    {"changes time permutations 200 seed 0 pvalue 0.01",
     "(changes metric=\"time\" pvalue=0.01 permutations=200 seed=0)"},
    {"regressions using ttest window 10 explain as json",
     "(regressions using=ttest window=10 explain as=json)"},
    {"compare latest~1 with latest explain", "(compare run=latest~1 with=latest explain)"},
    {"changes time since 2026-01-01 until 2026-01-31",
     "(changes metric=\"time\" since=2026-01-01T00:00:00Z until=2026-01-31T23:59:59.999999Z)"},
    {"set baseline = latest", "(set baseline name=\"main\" run=latest)"},
    {"set baseline release = commit \"abc\"",
     "(set baseline name=\"release\" run=(commit \"abc\"))"},
    {"set baseline \"release-1.2\" = \"2026-01-31\"",
     "(set baseline name=\"release-1.2\" run=(at 2026-01-31T23:59:59.999999Z))"},
    {"set baseline nightly = run r7", "(set baseline name=\"nightly\" run=(run \"r7\"))"},
    {"drop baseline nightly", "(drop baseline name=\"nightly\")"},
    {"drop baseline \"release-1.2\"", "(drop baseline name=\"release-1.2\")"},
    {"annotate commit 4f2a9c1 as intended \"new allocator\"",
     "(annotate name=\"4f2a9c1\" intended=\"new allocator\")"},
    {"ANNOTATE COMMIT \"abc\" AS Ignore flaky as json",
     "(annotate name=\"abc\" ignore=\"flaky\" as=json)"},
    {"show annotations", "(show annotations)"},
    {"regressions threshold 10% by commit", "(regressions threshold=10 by=\"commit\")"},
    {"drop annotation commit \"4f2a9c1\"", "(drop annotation name=\"4f2a9c1\")"},
    {"trend x where 'point' = 'a\\'b' -- comment",
     "(trend metric=\"x\" where=(= tag:\"point\" \"a'b\"))"},
    {"trend x where tag = \"x\" and not branch = main or commit ~ \"ab*\"",
     "(trend metric=\"x\" where=(or (and (= tag:\"tag\" \"x\") (not (= branch \"main\"))) (~ "
     "commit \"ab*\")))"},
    {"trend x where a = 1 or b = 2 and c = 3", "(trend metric=\"x\" where=(or (= tag:\"a\" \"1\") "
					       "(and (= tag:\"b\" \"2\") (= tag:\"c\" \"3\"))))"},
    {"trend x where not not a = 1", "(trend metric=\"x\" where=(not (not (= tag:\"a\" \"1\"))))"},
    {"trend x where point not in (a, b)",
     "(trend metric=\"x\" where=(not (in point (\"a\" \"b\"))))"},
    {"trend x where (a = 1 or b = 2) and c in (\"x y\", 3.5, z)",
     "(trend metric=\"x\" where=(and (or (= tag:\"a\" \"1\") (= tag:\"b\" \"2\")) (in tag:\"c\" "
     "(\"x y\" \"3.5\" \"z\"))))"},
    {"trend x where metric = time and scenario != \"big\"",
     "(trend metric=\"x\" where=(and (= metric \"time\") (!= scenario \"big\")))"},
    {"trend 42", "(trend metric=\"42\")"},
    {"regressions metric time", "(regressions metric=\"time\")"},
    {"trend x;; trend y\ntrend z",
     "(trend metric=\"x\")\n(trend metric=\"y\")\n(trend metric=\"z\")"},
    {"trend x -- the first\n  -- only a comment\n\nrank y",
     "(trend metric=\"x\")\n(rank metric=\"y\")"},
    /* Comments that start like a program option but are none. */
    {"regressions -- fail\nregressions --failing --fail-fast", "(regressions)\n(regressions)"},
    {"trend x where (a = 1\n  or b = 2)",
     "(trend metric=\"x\" where=(or (= tag:\"a\" \"1\") (= tag:\"b\" \"2\")))"},
    {"compare latest\nwith latest~3", "(compare run=latest with=latest~3)"},
    /* A bare name goes on over '/', as the subcommands take it. */
    {"trend real_time of BM_sort/1024 last 10",
     "(trend metric=\"real_time\" of=\"BM_sort/1024\" last=10)"},
};

static void print_program(const char *text, bdb_buf *out)
{
	bdb__program prog;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb__parse(text, strlen(text), &prog, &d);
	if (rc)
		fail_msg("%s: unexpected error %d: %s", text, rc, d.message);
	for (size_t i = 0; i < prog.n_stmts; i++) {
		if (i)
			bdb_buf_putc(out, '\n');
		bdb__stmt_print(prog.stmts[i], out);
	}
	bdb__program_free(&prog);
}

static void test_golden_statements(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof statements / sizeof statements[0]; i++) {
		bdb_buf b;
		bdb_buf_init(&b);
		print_program(statements[i].text, &b);
		if (strcmp(bdb_buf_cstr(&b), statements[i].ast) != 0)
			fail_msg("%s\n  got:      %s\n  expected: %s", statements[i].text,
				 bdb_buf_cstr(&b), statements[i].ast);
		/* The public syntax check agrees. */
		assert_int_equal(bdb_query_parse(statements[i].text, NULL), 0);
		bdb_buf_free(&b);
	}
}

/* Keywords are case-insensitive; names are not. */
static void test_keyword_case(void **state)
{
	(void)state;
	bdb_buf a, b;
	bdb_buf_init(&a);
	bdb_buf_init(&b);
	print_program("Regressions IN Latest VS Baseline METRIC Time USING MWU AS Json", &a);
	print_program("regressions in latest vs baseline metric Time using mwu as json", &b);
	assert_string_equal(bdb_buf_cstr(&a), bdb_buf_cstr(&b));
	assert_string_equal(bdb_buf_cstr(&a), "(regressions metric=\"Time\" in=latest vs=(baseline "
					      "\"main\") using=mwu as=json)");
	bdb_buf_free(&a);
	bdb_buf_free(&b);
}

/* Every node keeps the byte span of its source. */
static void test_spans(void **state)
{
	(void)state;
	const char *text = "  trend \"CV-1\" of \"a/*\" where backend = cuda last 3\n"
			   "compare latest~2 with baseline nightly";
	bdb__program prog;
	assert_int_equal(bdb__parse(text, strlen(text), &prog, NULL), 0);
	assert_int_equal(prog.n_stmts, 2);
	const bdb__stmt *t = prog.stmts[0];
	assert_int_equal(t->span.start, 2);
	assert_int_equal(t->span.end, 51);
	assert_int_equal(t->metric_span.start, 8);
	assert_int_equal(t->metric_span.end, 14);
	assert_int_equal(t->point_span.start, 18);
	assert_int_equal(t->point_span.end, 23);
	assert_int_equal(t->where->span.start, 30);
	assert_int_equal(t->where->span.end, 44);
	assert_int_equal(t->where->key_span.start, 30);
	assert_int_equal(t->where->key_span.end, 37);
	assert_int_equal(t->where->value_spans[0].start, 40);
	assert_int_equal(t->where->value_spans[0].end, 44);
	assert_int_equal(t->clauses, BDB__C_OF | BDB__C_WHERE | BDB__C_LAST);
	const bdb__stmt *c = prog.stmts[1];
	assert_int_equal(c->span.start, 52);
	assert_int_equal(c->span.end, strlen(text));
	assert_int_equal(c->run.span.start, 60);
	assert_int_equal(c->run.span.end, 68);
	assert_int_equal(c->run.back, 2);
	assert_int_equal(c->other.kind, BDB__RUN_BASELINE);
	assert_string_equal(c->other.name, "nightly");
	assert_int_equal(c->other.span.start, 74);
	assert_int_equal(c->other.name_span.start, 83);
	assert_int_equal(c->other.name_span.end, 90);
	bdb__program_free(&prog);
}

/* Absolute times parse to exact microseconds (python3:
 * datetime(2026,1,31,12,tzinfo=timezone.utc).timestamp() = 1769860800). */
static void test_times(void **state)
{
	(void)state;
	const char *text = "trend x since 2026-01-31T12:00:00Z until 2026-01-31";
	bdb__program prog;
	assert_int_equal(bdb__parse(text, strlen(text), &prog, NULL), 0);
	const bdb__stmt *s = prog.stmts[0];
	assert_false(s->since.relative);
	assert_int_equal(s->since.us, INT64_C(1769860800) * 1000000);
	/* The whole day: midnight + 1 day - 1 µs. */
	assert_int_equal(s->until.us, INT64_C(1769817600) * 1000000 + INT64_C(86400000000) - 1);
	bdb__program_free(&prog);
	text = "rank x in \"2026-01-31T12:00:00+02:00\"";
	assert_int_equal(bdb__parse(text, strlen(text), &prog, NULL), 0);
	assert_int_equal(prog.stmts[0]->run.kind, BDB__RUN_TIME);
	assert_int_equal(prog.stmts[0]->run.time_us, INT64_C(1769853600) * 1000000);
	bdb__program_free(&prog);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct bad {
	const char *text;
	int line, col;
	const char *message; /* the whole three-line message */
} bad;

static const bad errors[] = {
    {"shwo runs", 1, 1,
     "expected a statement (show, summary, trend, rank, compare, regressions, changes, set, drop, "
     "annotate), found \"shwo\"; did you mean \"show\"?\n  shwo runs\n  ^^^^"},
    /* A show statement's object alone (found by atk29: 'benchdb -c runs'
     * listed every statement but not the one meant). */
    {"runs", 1, 1,
     "expected a statement, found \"runs\"; did you mean \"show runs\"?\n  runs\n  ^^^^"},
    {"Baselines", 1, 1,
     "expected a statement, found \"Baselines\"; did you mean \"show baselines\"?\n  Baselines\n  "
     "^^^^^^^^^"},
    {"compare latest wiht baseline", 1, 16,
     "expected \"with\", found \"wiht\"; did you mean \"with\"?\n  compare latest wiht baseline\n  "
     "               ^^^^"},
    {"trend x by year", 1, 12,
     "expected \"day\", \"week\" or \"month\", found \"year\"\n  trend x by year\n             "
     "^^^^"},
    {"rank x using mwu", 1, 8,
     "expected \"in\", \"of\", \"where\", \"by\", \"as\" or end of statement, found \"using\"\n  "
     "rank x using mwu\n         ^^^^^"},
    {"regressions using mvu", 1, 19,
     "expected a method (percent, mwu, zscore, ttest, iqr, deltaiqr, lookback), found \"mvu\"; did "
     "you mean \"mwu\"?\n  regressions using mvu\n                    ^^^"},
    {"trend x as jsno", 1, 12,
     "expected an output format (table, json, csv, tsv, markdown, line, svg, html, chart), found "
     "\"jsno\"; "
     "did you mean "
     "\"json\"?\n  trend x as jsno\n             ^^^^"},
    {"show run", 1, 6,
     "expected \"runs\", \"points\", \"metrics\", \"tags\", \"baselines\", \"retention\" or "
     "\"annotations\" after \"show\", found "
     "\"run\"; did you mean \"runs\"?\n  show run\n       ^^^"},
    {"show", 1, 5,
     "expected \"runs\", \"points\", \"metrics\", \"tags\", \"baselines\", \"retention\" or "
     "\"annotations\" after \"show\", found "
     "end of input\n  show\n      ^"},
    {"compare latest", 1, 15,
     "expected \"with\", found end of input\n  compare latest\n                ^"},
    {"compare latest with", 1, 20,
     "expected a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted "
     "date), found end of input\n  compare latest with\n                     ^"},
    {"annotate commit abc as intended", 1, 32,
     "expected the annotation's text (a quoted string), found end of input\n"
     "  annotate commit abc as intended\n                                 ^"},
    {"annotate commit as intended \"x\"", 1, 17,
     "expected a commit, found keyword \"as\" (quote a name that is a keyword: \"as\")\n"
     "  annotate commit as intended \"x\"\n                  ^^"},
    {"drop annotation commit", 1, 23,
     "expected a commit, found end of input\n  drop annotation commit\n                        ^"},
    {"set baseline main latest", 1, 19,
     "expected \"=\", found \"latest\"\n  set baseline main latest\n                    ^^^^^^"},
    {"set basline = latest", 1, 5,
     "expected \"baseline\", found \"basline\"; did you mean \"baseline\"?\n  set basline = "
     "latest\n      ^^^^^^^"},
    {"drop baseline", 1, 14,
     "expected a baseline name, found end of input\n  drop baseline\n               ^"},
    {"trend x last 0", 1, 14,
     "expected a number of runs (a positive whole number), found \"0\"\n  trend x last 0\n         "
     "      ^"},
    {"trend x last five", 1, 14,
     "expected a number of runs (a positive whole number), found \"five\"\n  trend x last five\n   "
     "            ^^^^"},
    {"trend x last 5 since 3d", 1, 16,
     "\"last N\" and \"since\"/\"until\" cannot be combined: expected one of them\n  trend x last "
     "5 since 3d\n                 ^^^^^^^^"},
    {"trend x since yesterday", 1, 15,
     "expected a time (2026-01-31, 2026-01-31T12:00:00Z, or back from now: 6h, 30d, 12w, 1y), "
     "found \"yesterday\"\n  trend x "
     "since yesterday\n                ^^^^^^^^^"},
    /* 99999999d read as "expected a time (..., 30d, ...)", the form it has. */
    {"trend x since 99999999d", 1, 15,
     "a relative time counts back at most 1000000 weeks (7000000d, 19178y): \"99999999d\" is "
     "longer\n  trend x since 99999999d\n                ^^^^^^^^^"},
    /* 1y read as "expected a time" though the retention policy takes 1y;
     * a count of years too long for the clock is an error at it. */
    {"trend x since 100000y", 1, 15,
     "a relative time counts back at most 1000000 weeks (7000000d, 19178y): \"100000y\" is "
     "longer\n  trend x since 100000y\n                ^^^^^^^"},
    {"trend x since 19179y", 1, 15,
     "a relative time counts back at most 1000000 weeks (7000000d, 19178y): \"19179y\" is "
     "longer\n  trend x since 19179y\n                ^^^^^^"},
    {"trend x since 30m", 1, 15,
     "expected a time (2026-01-31, 2026-01-31T12:00:00Z, or back from now: 6h, 30d, 12w, 1y), "
     "found \"30m\"\n  trend x since 30m\n                ^^^"},
    {"regressions threshold -5%", 1, 23,
     "unexpected character \"-\": expected a threshold in percent (5%)\n  regressions threshold "
     "-5%\n                        ^"},
    {"regressions threshold abc", 1, 23,
     "expected a threshold in percent (5%), found \"abc\"\n  regressions threshold abc\n           "
     "             ^^^"},
    /* strtod reads C's hexadecimal and "0x10" was a 16% threshold: numbers are decimal. */
    {"regressions threshold 0x10", 1, 23,
     "expected a threshold in percent (5%), found \"0x10\"\n  regressions threshold 0x10\n         "
     " "
     "              ^^^^"},
    {"regressions using mwu alpha 0x1p-5", 1, 29,
     "expected a significance level between 0 and 1, found \"0x1p-5\"\n  regressions using "
     "mwu alpha 0x1p-5\n                              ^^^^^^"},
    {"regressions using zscore boundary 1", 1, 35,
     "expected a boundary probability from 0.5 to 1 (0.99), found \"1\"\n  regressions using "
     "zscore boundary 1\n                                    ^"},
    {"regressions using iqr window 1", 1, 30,
     "expected a window of runs (2 or more), found \"1\"\n  regressions using iqr window 1\n       "
     "                        ^"},
    {"changes x permutations 0", 1, 24,
     "expected a number of permutations from 1 to 100000, found \"0\"\n  changes x permutations "
     "0\n                         ^"},
    {"changes x seed -1", 1, 16,
     "unexpected character \"-\": expected a seed (a whole number below 2^63)\n  changes x seed "
     "-1\n                 ^"},
    {"trend x explain", 1, 9,
     "expected \"vs\", \"threshold\", \"of\", \"where\", \"last\", \"since\", \"until\", "
     "\"by\", \"as\" or end of "
     "statement, found \"explain\"\n  trend x explain\n          ^^^^^^^"},
    {"changes x pvalue 2", 1, 18,
     "expected a p-value between 0 and 1, found \"2\"\n  changes x pvalue 2\n                   ^"},
    {"regressions using mwu alpha 1.5", 1, 29,
     "expected a significance level between 0 and 1, found \"1.5\"\n  regressions using mwu alpha "
     "1.5\n                              ^^^"},
    {"trend x where a", 1, 16,
     "expected \"=\", \"!=\", \"~\", \"in\" or \"not in\", found end of input\n  trend x where a\n "
     "                ^"},
    {"trend x where a = ", 1, 18,
     "expected a value (a name, a number or a quoted string), found end of input\n  trend x where "
     "a = \n                   ^"},
    {"trend x where a in (b c)", 1, 23,
     "expected \",\" or \")\", found \"c\"\n  trend x where a in (b c)\n                        ^"},
    {"trend x where a in b", 1, 20,
     "expected \"(\" to start the list of values, found \"b\"\n  trend x where a in b\n            "
     "         ^"},
    {"trend x where a not b", 1, 21,
     "expected \"in\" after \"not\", found \"b\"\n  trend x where a not b\n                      "
     "^"},
    {"trend x where (a = b", 1, 15,
     "unclosed \"(\": expected \")\" before the end of input\n  trend x where (a = b\n             "
     "   ^"},
    {"trend x where (a = b))", 1, 22,
     "expected \"vs\", \"threshold\", \"of\", \"last\", \"since\", \"until\", \"by\", \"as\" or "
     "end of statement, found "
     "\")\"\n  trend x where (a = b))\n                       ^"},
    {"compare run with latest", 1, 13,
     "expected a run id after \"run\", found keyword \"with\" (quote a name that is a keyword: "
     "\"with\")\n  compare run with latest\n              ^^^^"},
    {"summary \"CV-1\"", 1, 9,
     "expected a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted "
     "date), found string \"CV-1\"; did you mean run \"CV-1\"?\n  summary \"CV-1\"\n          "
     "^^^^^^"},
    {"compare latest~ with latest", 1, 17,
     "expected a number of runs back after \"latest~\", found \"with\"\n  compare latest~ with "
     "latest\n                  ^^^^"},
    {"trend *", 1, 7,
     "expected a metric name, found \"*\" (all metrics are only allowed in compare and "
     "regressions)\n  trend *\n        ^"},
    {"trend x of ", 1, 11,
     "expected a point name or glob, found end of input\n  trend x of \n            ^"},
    {"rank x by", 1, 10,
     "expected a tag key to group by, found end of input\n  rank x by\n           ^"},
    {"trend x last 3 last 4", 1, 16,
     "duplicate \"last\" clause: it was already given at column 9\n  trend x last 3 last 4\n       "
     "          ^^^^"},
    {"regressions in lates", 1, 16,
     "expected a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted "
     "date), found \"lates\"; did you mean \"latest\"?\n  regressions in lates\n                 "
     "^^^^^"},
    {"show tags \"\"", 1, 11,
     "expected a tag key, found an empty string\n  show tags \"\"\n            ^^"},
    {"trend x where = 3", 1, 15,
     "expected a tag or field (point, scenario, metric, branch, commit), found \"=\"\n  trend x "
     "where = 3\n                ^"},
    {"trend x!", 1, 8, "unexpected character \"!\": expected \"!=\"\n  trend x!\n         ^"},
    /* A program option written into the statement was a comment: dropped. */
    {"regressions --fail", 1, 13,
     "an option of the benchdb program inside the statement, where '--' starts a comment that "
     "would drop it: give it outside the statement's quotes (benchdb -c 'regressions' --fail), "
     "or write '-- ' for a comment\n  regressions --fail\n              ^^^^^^"},
    {"show runs --format=csv", 1, 11,
     "an option of the benchdb program inside the statement, where '--' starts a comment that "
     "would drop it: give it outside the statement's quotes (benchdb -c 'regressions' --fail), "
     "or write '-- ' for a comment\n  show runs --format=csv\n            ^^^^^^^^"},
    {"trend x of \"a\" of \"b\"", 1, 16,
     "duplicate \"of\" clause: it was already given at column 9\n  trend x of \"a\" of \"b\"\n     "
     "            ^^"},
    {"trend where x = 1", 1, 7,
     "expected a metric name, found keyword \"where\" (quote a name that is a keyword: "
     "\"where\")\n  trend where x = 1\n        ^^^^^"},
    {"trend \"x\" where a = \"日本語\" éé", 1, 27,
     "unexpected character \"é\": expected \"vs\", \"threshold\", \"of\", \"last\", \"since\", "
     "\"until\", \"by\", \"as\" "
     "or end of statement; a name or value with \"é\" in it is quoted: \"éé\"\n"
     "  trend \"x\" where a = \"日本語\" éé\n                               "
     "^"},
    {"regressions using zscore window 0", 1, 33,
     "expected a window of runs (2 or more), found \"0\"\n  regressions using zscore window 0\n    "
     "                              ^"},
    {"compare latest with latest metric", 1, 34,
     "expected a metric name ('show metrics' lists them), found end of input\n  compare latest "
     "with latest metric\n            "
     "                       ^"},
    {"regressions tresholds 5%", 1, 13,
     "expected \"in\", \"vs\", \"metric\", \"threshold\", \"of\", \"where\", \"using\", \"by\", "
     "\"explain\", \"as\" or end of statement, found \"tresholds\"; did you mean \"threshold\"?\n  "
     "regressions tresholds 5%\n              ^^^^^^^^^"},
    {"trend thoughput wehre a = 1", 1, 17,
     "expected \"vs\", \"threshold\", \"of\", \"where\", \"last\", \"since\", \"until\", "
     "\"by\", \"as\" or end of "
     "statement, found \"wehre\"; did you mean \"where\"?\n  trend thoughput wehre a = 1\n         "
     "         ^^^^^"},
    {"trend x\nwhere a = 1", 2, 1,
     "expected a statement (a newline ends a statement: keep its clauses on its line), found "
     "\"where\"\n  where a = 1\n  ^^^^^"},
    {"trend x\nfoo", 2, 1,
     "expected a statement (show, summary, trend, rank, compare, regressions, changes, set, drop, "
     "annotate), found \"foo\"\n  foo\n  ^^^"},
    {"rank x in \"yesterday\"", 1, 11,
     "expected a run (latest, latest~N, baseline [NAME], run \"ID\", commit \"SHA\" or a quoted "
     "date), found string \"yesterday\"; did you mean run \"yesterday\"?\n  rank x in "
     "\"yesterday\"\n            ^^^^^^^^^^^"},
    {"trend \"foo", 1, 7,
     "unterminated string: expected a closing quote before the end of input\n  trend \"foo\n       "
     " ^^^^"},
    /* A string of bytes that are not UTF-8 (finding F11 of the executor
     * fuzzer: a baseline so named made JSON output no reader takes back):
     * a lone 0xFF, an overlong "/" (C0 AF) and a surrogate (ED A0 80).
     * Each byte that starts no well-formed sequence is one U+FFFD wide. */
    {"set baseline \"a\xff\" = latest", 1, 14,
     "invalid UTF-8 in a string: a query is UTF-8 text\n  set baseline \"a\xff\" = latest\n        "
     "       ^^^^"},
    {"trend x of \"\xc0\xaf\"", 1, 12,
     "invalid UTF-8 in a string: a query is UTF-8 text\n  trend x of \"\xc0\xaf\"\n             "
     "^^^^"},
    {"show points where k = \"\xed\xa0\x80\"", 1, 23,
     "invalid UTF-8 in a string: a query is UTF-8 text\n  show points where k = \"\xed\xa0\x80\"\n "
     "                       ^^^^^"},
    {"trend x since \"2026-13-45\"", 1, 15,
     "no such time: 2026-13-45: there is no month 13 (months are 01 to 12)\n  trend x since "
     "\"2026-13-45\"\n                ^^^^^^^^^^^^"},
    {"trend x ; rank", 1, 15,
     "expected a metric name ('show metrics' lists them), found end of input\n  trend x ; rank\n   "
     "             ^"},
    {"trend x by framework", 1, 12,
     "expected \"day\", \"week\" or \"month\", found \"framework\"\n  trend x by framework\n       "
     "      ^^^^^^^^^"},
    {"rank x by week", 1, 11,
     "expected a tag key to group by, found keyword \"week\" (quote a name that is a keyword: "
     "\"week\")\n  rank x by week\n            ^^^^"},
    {"summary latest trend", 1, 16,
     "expected \"of\", \"where\", \"as\" or end of statement, found \"trend\"\n  summary latest "
     "trend\n                 ^^^^^"},
    {"changes * ", 1, 9,
     "expected a metric name, found \"*\" (all metrics are only allowed in compare and "
     "regressions)\n  changes * \n          ^"},
    {"regressions metric time metric ops", 1, 25,
     "duplicate \"metric\" clause: it was already given at column 13\n  regressions metric time "
     "metric ops\n                          ^^^^^^"},
    {"TREND x AS Jsonn", 1, 12,
     "expected an output format (table, json, csv, tsv, markdown, line, svg, html, chart), found "
     "\"Jsonn\"; "
     "did you mean "
     "\"json\"?\n  TREND x AS Jsonn\n             ^^^^^"},
    {"trend\n  throughput\n  of x", 3, 3,
     "expected a statement (a newline ends a statement: keep its clauses on its line), found "
     "\"of\"\n    of x\n    ^^"},
};

static void test_errors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		const bad *e = &errors[i];
		bdb_diag d;
		bdb_diag_clear(&d);
		int rc = bdb_query_parse(e->text, &d);
		if (rc != BDB_EQUERY)
			fail_msg("%s: expected BDB_EQUERY, got %d", e->text, rc);
		assert_int_equal(d.code, BDB_EQUERY);
		if (d.line != e->line || d.col != e->col || strcmp(d.message, e->message) != 0)
			fail_msg("%s\n  got %d:%d: %s\n  expected %d:%d: %s", e->text, d.line,
				 d.col, d.message, e->line, e->col, e->message);
		assert_string_equal(d.file, "");
	}
}

/* The file stays empty (the caller names the source), so bdb_diag_format
 * gives the message alone; the position is in line and col. */
static void test_diag_format(void **state)
{
	(void)state;
	bdb_diag d;
	assert_int_equal(bdb_query_parse("rank x\ncompare latest wiht baseline", &d), BDB_EQUERY);
	assert_int_equal(d.line, 2);
	assert_int_equal(d.col, 16);
	char buf[1024];
	assert_string_equal(bdb_diag_format(&d, buf, sizeof buf),
			    "expected \"with\", found \"wiht\"; did you mean \"with\"?\n"
			    "  compare latest wiht baseline\n"
			    "                 ^^^^");
}

/* A long line is clipped around the error, with the caret still under it. */
static void test_long_line_clipped(void **state)
{
	(void)state;
	char text[700];
	int n = snprintf(text, sizeof text, "trend x where a in (");
	for (int i = 0; i < 40; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "v%02d, ", i);
	n += snprintf(text + n, sizeof text - (size_t)n, "oops oops");
	for (int i = 0; i < 40; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, ", m%02d", i);
	snprintf(text + n, sizeof text - (size_t)n, ")");
	bdb_diag d;
	assert_int_equal(bdb_query_parse(text, &d), BDB_EQUERY);
	/* "trend x where a in (" is 20 characters, each "vNN, " 5. */
	assert_int_equal(d.col, 20 + 40 * 5 + 6);
	const char *l2 = strchr(d.message, '\n') + 1;
	const char *l3 = strchr(l2, '\n') + 1;
	assert_memory_equal(l2, "  ...", 5);
	size_t line2 = (size_t)(l3 - l2 - 1);
	assert_true(line2 <= 2 + 3 + 160 + 3);
	assert_memory_equal(l2 + line2 - 3, "...", 3);
	/* The caret sits under the second "oops". */
	size_t caret = strspn(l3, " ");
	assert_memory_equal(l2 + caret - 5, "oops oops, m00", 14);
	assert_string_equal(l3 + caret, "^^^^");
}

/* A statement on a later line reports its own line, not the first. */
static void test_error_line_numbers(void **state)
{
	(void)state;
	bdb_diag d;
	assert_int_equal(bdb_query_parse("show runs\n\n-- comment\n  trend x lats 3", &d),
			 BDB_EQUERY);
	assert_int_equal(d.line, 4);
	assert_int_equal(d.col, 11);
	assert_string_equal(
	    d.message, "expected \"vs\", \"threshold\", \"of\", \"where\", \"last\", \"since\", "
		       "\"until\", \"by\", \"as\" or end of statement, found \"lats\"; did you "
		       "mean \"last\"?\n"
		       "    trend x lats 3\n"
		       "            ^^^^");
}

/* ------------------------------------------------------------------------ */
/* Limits: deep nesting and long chains                                      */
/* ------------------------------------------------------------------------ */

/* "trend x where " + depth times open + "a = 1" + closing (when given). */
static char *nested(size_t depth, const char *open, const char *close)
{
	size_t cap = 32 + depth * (strlen(open) + strlen(close));
	char *text = malloc(cap);
	assert_non_null(text);
	size_t n = (size_t)snprintf(text, cap, "trend x where ");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)snprintf(text + n, cap - n, "%s", open);
	n += (size_t)snprintf(text + n, cap - n, "a = 1");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)snprintf(text + n, cap - n, "%s", close);
	return text;
}

/*
 * BDB__MAX_NESTING parentheses and "not"s parse; one more is a caret error
 * at the token that goes too deep; 40,000 (which overflowed the stack in
 * parse_unary) are the same error, not a crash.
 */
static void test_nesting_limit(void **state)
{
	(void)state;
	assert_int_equal(BDB__MAX_NESTING, 256);
	const char *limit_message = "nested too deeply: at most 256 parentheses and \"not\"s may "
				    "enclose a condition";
	static const struct {
		const char *open, *close;
	} kinds[] = {{"(", ")"}, {"not ", ""}, {"(not ", ")"}};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		size_t per = strcmp(kinds[k].open, "(not ") == 0 ? 2 : 1; /* levels per open */
		char *ok = nested(256 / per, kinds[k].open, kinds[k].close);
		assert_int_equal(bdb_query_parse(ok, NULL), 0);
		free(ok);
		static const size_t too_deep[] = {257, 40000};
		for (size_t t = 0; t < 2; t++) {
			char *text = nested(too_deep[t], kinds[k].open, kinds[k].close);
			bdb_diag d;
			assert_int_equal(bdb_query_parse(text, &d), BDB_EQUERY);
			assert_int_equal(d.line, 1);
			/* The 257th level: "(" or "not" at 15 + 256 * strlen(open)
			 * characters ("(not " opens two levels, so its 129th
			 * "(" is the 257th: offset 128 * 5). */
			int col = 15 + (per == 2 ? 128 * 5 : 256 * (int)strlen(kinds[k].open));
			assert_int_equal(d.col, col);
			assert_memory_equal(d.message, limit_message, strlen(limit_message));
			const char *caret = strrchr(d.message, '\n') + 1;
			assert_string_equal(caret + strspn(caret, " "),
					    kinds[k].open[0] == '(' ? "^" : "^^^");
			free(text);
		}
	}
}

/* "trend x where " + n terms "k = vI" joined by op. */
static char *chain(size_t n, const char *op)
{
	size_t cap = 32 + n * (16 + strlen(op));
	char *text = malloc(cap);
	assert_non_null(text);
	size_t len = (size_t)snprintf(text, cap, "trend x where ");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%sk = v%zu", i ? op : "", i);
	return text;
}

/*
 * A chain of 20,000 "or"s (and of "and"s: what overflowed the stack in
 * check_expr) is one node with every operand in order, not a tree 20,000
 * deep; it prints as the left-grouped binary operators it stands for.
 */
static void test_long_chains(void **state)
{
	(void)state;
	static const struct {
		const char *op, *name;
		bdb__expr_kind kind;
	} ops[] = {{" or ", "or", BDB__EXPR_OR}, {" and ", "and", BDB__EXPR_AND}};
	for (size_t k = 0; k < 2; k++) {
		char *text = chain(20000, ops[k].op);
		bdb__program prog;
		bdb_diag d;
		bdb_diag_clear(&d);
		assert_int_equal(bdb__parse(text, strlen(text), &prog, &d), 0);
		assert_int_equal(prog.n_stmts, 1);
		const bdb__expr *w = prog.stmts[0]->where;
		assert_int_equal(w->kind, ops[k].kind);
		assert_int_equal(w->n_operands, 20000);
		assert_string_equal(w->operands[0]->values[0], "v0");
		assert_string_equal(w->operands[19999]->values[0], "v19999");
		assert_int_equal(w->operands[19999]->kind, BDB__EXPR_EQ);
		assert_int_equal(w->span.start, strlen("trend x where "));
		assert_int_equal(w->span.end, strlen(text));
		bdb_buf b;
		bdb_buf_init(&b);
		bdb__stmt_print(prog.stmts[0], &b);
		const char *printed = bdb_buf_cstr(&b);
		/* (trend metric="x" where=(or (or ... (= tag:"k" "v0") (= ...)) ...)) */
		char head[64];
		snprintf(head, sizeof head, "(trend metric=\"x\" where=(%s (%s ", ops[k].name,
			 ops[k].name);
		assert_memory_equal(printed, head, strlen(head));
		const char *tail = "(= tag:\"k\" \"v19998\")) (= tag:\"k\" \"v19999\")))";
		assert_string_equal(printed + strlen(printed) - strlen(tail), tail);
		bdb_buf_free(&b);
		bdb__program_free(&prog);
		free(text);
	}
	/* Precedence still groups "and" under "or", each chain one node. */
	const char *mixed = "trend x where a = 1 or b = 2 and c = 3 and d = 4 or e = 5";
	bdb__program prog;
	assert_int_equal(bdb__parse(mixed, strlen(mixed), &prog, NULL), 0);
	const bdb__expr *w = prog.stmts[0]->where;
	assert_int_equal(w->kind, BDB__EXPR_OR);
	assert_int_equal(w->n_operands, 3);
	assert_int_equal(w->operands[1]->kind, BDB__EXPR_AND);
	assert_int_equal(w->operands[1]->n_operands, 3);
	assert_int_equal(w->operands[1]->span.start, 23);
	assert_int_equal(w->operands[1]->span.end, 48);
	bdb__program_free(&prog);
}

/* ------------------------------------------------------------------------ */
/* Completeness and splitting                                                */
/* ------------------------------------------------------------------------ */

static void test_is_complete(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool complete;
	} cases[] = {
	    {"", true},
	    {"show runs", true},
	    {"trend x;", true},
	    {"-- only a comment", true},
	    {"trend \"CV-1", false},	   /* open quote */
	    {"trend 'CV-1\nsmall", false}, /* still open on the next line */
	    {"trend \"CV-1\nsmall\"", true},
	    {"trend x where (a = 1", false}, /* open parenthesis */
	    {"trend x where (a = 1\nor b = 2", false},
	    {"trend x where (a = 1\nor b = 2)", true},
	    {"trend x where (a = 1\n\n", false}, /* an empty line does not close it */
	    {"trend", false},			 /* dangling: a metric is needed */
	    {"trend x where a = 1 and", false},
	    {"compare latest with", false},
	    {"trend\nx", true}, /* continued and finished */
	    {"trend\n", true},	/* an empty line gives up */
	    {"trend x where a = 1 and\n  ", true},
	    {"trend x where a in (b,", false},
	    {"shwo runs", true}, /* a plain syntax error */
	    {"trend x lats", true},
	    {"trend x; trend", false}, /* the last statement decides */
	    {"trend; trend x", true},
	    {"trend x \"", false},
	    {"trend x wher\"e", false}, /* an error, but the quote is open */
	    {"trend x wher (", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (bdb_query_is_complete(cases[i].text) != cases[i].complete)
			fail_msg("\"%s\": expected %s", cases[i].text,
				 cases[i].complete ? "complete" : "incomplete");
}

static void test_statement_end(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t end;
		bool complete;
	} cases[] = {
	    {"", 0, true},
	    {"show runs", 9, true},
	    {"show runs; rank x", 9, true},
	    {"show runs\nrank x", 9, true},
	    {";rank x", 0, true},
	    {"\n\nrank x", 0, true},
	    {"  -- note\nrank x", 9, true},
	    {"rank \"a;b\"; x", 10, true},
	    {"rank 'a\nb' of c\nshow runs", 15, true},
	    {"trend x where (a = 1;\n b = 2); more", 20, true}, /* error at ';': resume there */
	    {"trend x where (a = 1\n or b = 2); more", 31, true},
	    {"trend\nx; y", 7, true},
	    {"shwo runs; trend x", 9, true},
	    {"trend x lats 3\nshow runs", 14, true},
	    {"trend x -- a ; in a comment\nrank y", 27, true},
	    {"trend", 5, false},
	    {"trend \"x", 8, false},
	    {"trend x where (a = 1", 20, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool complete = !cases[i].complete;
		size_t end = bdb_query_statement_end(cases[i].text, &complete);
		if (end != cases[i].end || complete != cases[i].complete)
			fail_msg("\"%s\": got end %zu complete %d, expected %zu %d", cases[i].text,
				 end, complete, cases[i].end, cases[i].complete);
	}
	assert_int_equal(bdb_query_statement_end("rank x; y", NULL), 6);
}

/* Splitting a script statement by statement gives the parser's statements. */
static void test_split_script(void **state)
{
	(void)state;
	const char *script = "show runs last 2;\n"
			     "-- weekly view\n"
			     "trend time of \"CV-1/*\" where (backend = cuda\n"
			     "   or backend = cpu) by week\n"
			     "\n"
			     "rank 'it;ems' ; compare latest with\n"
			     "  baseline\n";
	const char *expected[] = {
	    "show runs last 2",
	    "trend time of \"CV-1/*\" where (backend = cuda\n   or backend = cpu) by week",
	    "rank 'it;ems' ",
	    "compare latest with\n  baseline",
	};
	size_t n = 0, pos = 0, len = strlen(script);
	while (pos < len) {
		size_t end = pos + bdb_query_statement_end(script + pos, NULL);
		size_t from = pos;
		while (from < end && strchr(" \t\n", script[from]))
			from++;
		if (from < end && strncmp(script + from, "--", 2) == 0)
			from = (size_t)(strchr(script + from, '\n') - script) + 1;
		if (from < end) {
			assert_true(n < 4);
			assert_int_equal(end - from, strlen(expected[n]));
			assert_memory_equal(script + from, expected[n], end - from);
			n++;
		}
		pos = end < len ? end + 1 : end;
	}
	assert_int_equal(n, 4);
}

/* ------------------------------------------------------------------------ */
/* Lexer and suggestions                                                     */
/* ------------------------------------------------------------------------ */

static void test_lexer_tokens(void **state)
{
	(void)state;
	const char *text = "rank x~2 \"a\\\"b\" 2026-01-31T12:00:00Z 5% (\n) != ; * , = -- c\nend";
	static const struct {
		bdb__tok_kind kind;
		uint32_t start, end;
	} want[] = {
	    {BDB__TOK_IDENT, 0, 4},	{BDB__TOK_IDENT, 5, 6},	    {BDB__TOK_TILDE, 6, 7},
	    {BDB__TOK_WORD, 7, 8},	{BDB__TOK_STRING, 9, 15},   {BDB__TOK_WORD, 16, 36},
	    {BDB__TOK_WORD, 37, 38},	{BDB__TOK_PERCENT, 38, 39}, {BDB__TOK_LPAREN, 40, 41},
	    {BDB__TOK_RPAREN, 42, 43},	{BDB__TOK_NE, 44, 46},	    {BDB__TOK_SEMI, 47, 48},
	    {BDB__TOK_STAR, 49, 50},	{BDB__TOK_COMMA, 51, 52},   {BDB__TOK_EQ, 53, 54},
	    {BDB__TOK_NEWLINE, 59, 60}, {BDB__TOK_IDENT, 60, 63},   {BDB__TOK_EOF, 63, 63},
	};
	bdb__lexer lx;
	bdb__lexer_init(&lx, text, strlen(text));
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		bdb__token t;
		bdb__lexer_next(&lx, &t);
		if (t.kind != want[i].kind || t.start != want[i].start || t.end != want[i].end)
			fail_msg("token %zu: got kind %d [%u, %u), expected %d [%u, %u)", i, t.kind,
				 t.start, t.end, want[i].kind, want[i].start, want[i].end);
	}
	bdb_arena a;
	bdb_arena_init(&a, 0);
	bdb__token s = {BDB__TOK_STRING, 9, 15};
	assert_string_equal(bdb__string_value(&a, text, &s), "a\"b");
	const char *esc = "'tab\\there\\nnew\\\\'";
	bdb__token e = {BDB__TOK_STRING, 0, (uint32_t)strlen(esc)};
	assert_string_equal(bdb__string_value(&a, esc, &e), "tab\there\nnew\\");
	bdb_arena_free(&a);
	assert_true(bdb__is_plain_ident("CV_1"));
	assert_false(bdb__is_plain_ident("CV-1/small"));
	assert_false(bdb__is_plain_ident("1x"));
	assert_false(bdb__is_plain_ident(""));
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(bdb__edit_distance("wiht", 4, "with", 4), 1); /* transposition */
	assert_int_equal(bdb__edit_distance("kitten", 6, "sitting", 7), 3);
	assert_int_equal(bdb__edit_distance("", 0, "abc", 3), 3);
	assert_int_equal(bdb__edit_distance("TREND", 5, "trend", 5), 0); /* ASCII case folded */
	assert_int_equal(bdb__edit_distance("ca", 2, "abc", 3), 3);	 /* OSA, not Damerau */
	assert_int_equal(bdb__edit_distance("thoughput", 9, "throughput", 10), 1);
}

static void test_suggest(void **state)
{
	(void)state;
	char hint[160];
	bdb__suggest s;
	bdb__suggest_init(&s, "thoughput");
	bdb__suggest_offer(&s, "time", 4);
	bdb__suggest_offer(&s, "throughput", 10);
	bdb__suggest_offer(&s, "thoughputs", 10); /* also distance 1: the first one wins */
	assert_string_equal(bdb__suggest_hint(&s, hint, sizeof hint),
			    "; did you mean \"throughput\"?");
	/* Case-only differences are the best match (names are case-sensitive). */
	bdb__suggest_init(&s, "Throughput");
	bdb__suggest_offer(&s, "throughputs", 11);
	bdb__suggest_offer(&s, "throughput", 10);
	assert_string_equal(s.best, "throughput");
	/* The word itself is no suggestion; nothing close gives "". */
	bdb__suggest_init(&s, "time");
	bdb__suggest_offer(&s, "time", 4);
	bdb__suggest_offer(&s, "memory", 6);
	assert_null(s.best);
	assert_string_equal(bdb__suggest_hint(&s, hint, sizeof hint), "");
	/* Short words allow one edit, longer ones a third of their length. */
	bdb__suggest_init(&s, "ab");
	bdb__suggest_offer(&s, "xy", 2);
	assert_null(s.best);
	bdb__suggest_init(&s, "regresions");
	bdb__suggest_offer(&s, "regressions", 11);
	assert_string_equal(s.best, "regressions");
}

static void test_keywords(void **state)
{
	(void)state;
	const char *const *k = bdb_query_keywords();
	size_t n = 0;
	for (; k[n]; n++)
		if (n)
			assert_true(strcmp(k[n - 1], k[n]) < 0);
	assert_int_equal(n, 65);
	assert_string_equal(k[0], "alpha");
	assert_string_equal(k[n - 1], "zscore");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden_statements),
	    cmocka_unit_test(test_keyword_case),
	    cmocka_unit_test(test_spans),
	    cmocka_unit_test(test_times),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_diag_format),
	    cmocka_unit_test(test_long_line_clipped),
	    cmocka_unit_test(test_error_line_numbers),
	    cmocka_unit_test(test_nesting_limit),
	    cmocka_unit_test(test_long_chains),
	    cmocka_unit_test(test_is_complete),
	    cmocka_unit_test(test_statement_end),
	    cmocka_unit_test(test_split_script),
	    cmocka_unit_test(test_lexer_tokens),
	    cmocka_unit_test(test_edit_distance),
	    cmocka_unit_test(test_suggest),
	    cmocka_unit_test(test_keywords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
