/*
 * test_format.c - the four output formats over hand-built result tables:
 * table (alignment by display width with wide and combining characters,
 * numbers right-aligned, colour only on a colour terminal without
 * NO_COLOR), JSON (escapes, the shortest numbers that read back exactly, null for missing and
 * non-finite, RFC 3339 times, tags as an object), CSV (RFC 4180 quoting, CRLF) and Markdown
 * (escaped pipes). Expected texts are written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

/* -7.25 shows as -7.2%: printf rounds the exact binary half to even. */

/* 2026-01-31T12:00:00Z: python3 datetime(2026,1,31,12,tzinfo=timezone.utc).timestamp() */
#define T0 (INT64_C(1769860800) * 1000000)

/* name | value | when | tags | note, three rows. */
static bdb_result *sample(void)
{
	static const bdb__column cols[] = {
	    {"name", BDB__STYLE_PLAIN}, {"value", BDB__STYLE_PLAIN}, {"change", BDB__STYLE_CHANGE},
	    {"when", BDB__STYLE_PLAIN}, {"tags", BDB__STYLE_PLAIN},  {"verdict", BDB__STYLE_MARKED},
	};
	bdb_result *r = bdb__result_new("test");
	assert_non_null(r);
	assert_int_equal(bdb__result_columns(r, cols, 6), 0);
	bdb_kv tags[] = {{"k", "v,w"}, {"z", "\"q\""}};
	long row = bdb__result_add_row(r);
	bdb__cell_str(r, 0, 0, "日本語"); /* 3 wide characters: 6 columns */
	bdb__cell_num(r, 0, 1, 1234.5);
	bdb__cell_num(r, 0, 2, -7.25);
	bdb__cell_time(r, 0, 3, T0);
	bdb__cell_tags(r, 0, 4, tags, 2);
	bdb__cell_str(r, 0, 5, "regression");
	bdb__row_mark(r, 0, BDB__MARK_REGRESSION);
	row = bdb__result_add_row(r);
	bdb__cell_str(r, 1, 0, "e\xcc\x81t\xc3\xa9"); /* e + combining acute, t, é: 3 columns */
	bdb__cell_num(r, 1, 1, 0.1);
	bdb__cell_num(r, 1, 2, 0.04); /* rounds to zero: no sign */
	bdb__cell_time(r, 1, 3, T0 + 250000);
	bdb__cell_tags(r, 1, 4, NULL, 0);
	bdb__cell_str(r, 1, 5, "improvement");
	bdb__row_mark(r, 1, BDB__MARK_IMPROVEMENT);
	row = bdb__result_add_row(r);
	assert_int_equal(row, 2);
	bdb__cell_str(r, 2, 0, "a|b,\"c\"\nd");
	bdb__cell_num(r, 2, 1, NAN);
	/* change, when, tags, verdict stay missing */
	bdb__field_str(r, "run", "r\"1");
	bdb__field_num(r, "threshold", 5);
	bdb__field_null(r, "baseline");
	return r;
}

static char *format(const bdb_result *r, bdb_output_format f, const bdb_query_options *opt)
{
	bdb_buf b;
	bdb_buf_init(&b);
	assert_int_equal(bdb_result_format(r, f, opt, &b), 0);
	char *s = strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return s;
}

static void expect(const bdb_result *r, bdb_output_format f, const bdb_query_options *opt,
		   const char *want)
{
	char *got = format(r, f, opt);
	if (strcmp(got, want) != 0)
		fail_msg("format %s:\n--- got\n%s--- expected\n%s", bdb_output_format_name(f), got,
			 want);
	free(got);
}

static void test_table(void **state)
{
	(void)state;
	bdb_result *r = sample();
	expect(
	    r, BDB_OUTPUT_TABLE, NULL,
	    "name        value  change  when                         tags         verdict\n"
	    "---------  ------  ------  ---------------------------  -----------  -------------\n"
	    "日本語     1234.5   -7.2%  2026-01-31T12:00:00Z         k=v,w,z=\"q\"  regression ↓\n"
	    "e\xcc\x81t\xc3\xa9           0.1    0.0%  2026-01-31T12:00:00.250000Z               "
	    "improvement ↑\n"
	    "a|b,\"c\" d     nan       -  -                            -            -\n");
	bdb_result_free(r);
}

static void test_table_colour(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("t");
	static const bdb__column cols[] = {{"v", BDB__STYLE_MARKED}};
	assert_int_equal(bdb__result_columns(r, cols, 1), 0);
	bdb__result_add_row(r);
	bdb__cell_str(r, 0, 0, "x");
	bdb__row_mark(r, 0, BDB__MARK_REGRESSION);
	bdb__result_add_row(r);
	bdb__cell_str(r, 1, 0, "y");
	bdb__row_mark(r, 1, BDB__MARK_BEST);
	const char *plain = "v\n---\nx ↓\ny\n";
	bdb_query_options opt = {.is_terminal = true, .color = true};
	unsetenv("NO_COLOR");
	expect(r, BDB_OUTPUT_TABLE, &opt,
	       "\033[1mv\033[0m\n---\n\033[31mx ↓\033[0m\n\033[1;32my\033[0m\n");
	/* NO_COLOR (non-empty) wins; an empty NO_COLOR does not count. */
	setenv("NO_COLOR", "1", 1);
	expect(r, BDB_OUTPUT_TABLE, &opt, plain);
	setenv("NO_COLOR", "", 1);
	expect(r, BDB_OUTPUT_TABLE, &opt,
	       "\033[1mv\033[0m\n---\n\033[31mx ↓\033[0m\n\033[1;32my\033[0m\n");
	unsetenv("NO_COLOR");
	/* Colour needs both a terminal and the wish. */
	opt.color = false;
	expect(r, BDB_OUTPUT_TABLE, &opt, plain);
	opt.color = true;
	opt.is_terminal = false;
	expect(r, BDB_OUTPUT_TABLE, &opt, plain);
	bdb_result_free(r);
}

/*
 * On a terminal narrower than the table, its text columns are narrowed,
 * the widest first, down to 20 columns (or the header's width), their cells
 * cut with a "…" at a character boundary; numbers never, and nothing off a
 * terminal. Widths: name 4, detail 30, n 2, two blanks apart: 40 columns.
 * (Expected lines counted by python3: a CJK character is 2 columns.)
 */
static void test_table_narrow_terminal(void **state)
{
	(void)state;
	static const bdb__column cols[] = {
	    {"name", BDB__STYLE_PLAIN}, {"detail", BDB__STYLE_PLAIN}, {"n", BDB__STYLE_PLAIN}};
	bdb_result *r = bdb__result_new("t");
	assert_int_equal(bdb__result_columns(r, cols, 3), 0);
	bdb__result_add_row(r);
	bdb__cell_str(r, 0, 0, "a");
	bdb__cell_str(r, 0, 1, "abcdefghijklmnopqrstuvwxyz0123");
	bdb__cell_num(r, 0, 2, 1);
	bdb__result_add_row(r);
	bdb__cell_str(r, 1, 0, "bb");
	bdb__cell_str(r, 1, 1, "日本語日本語日本語日本語日本語");
	bdb__cell_num(r, 1, 2, 22);
	const char *whole = "name  detail                           n\n"
			    "----  ------------------------------  --\n"
			    "a     abcdefghijklmnopqrstuvwxyz0123   1\n"
			    "bb    日本語日本語日本語日本語日本語  22\n";
	bdb_query_options opt = {.is_terminal = true, .width = 40};
	expect(r, BDB_OUTPUT_TABLE, &opt, whole);
	opt.width = 0; /* unknown */
	expect(r, BDB_OUTPUT_TABLE, &opt, whole);
	/* 34 columns: detail 24; the wide characters leave one blank. */
	opt.width = 34;
	expect(r, BDB_OUTPUT_TABLE, &opt,
	       "name  detail                     n\n"
	       "----  ------------------------  --\n"
	       "a     abcdefghijklmnopqrstuvw…   1\n"
	       "bb    日本語日本語日本語日本…   22\n");
	/* Narrower than that: detail stops at 20, and the line wraps. */
	const char *narrowest = "name  detail                 n\n"
				"----  --------------------  --\n"
				"a     abcdefghijklmnopqrs…   1\n"
				"bb    日本語日本語日本語…   22\n";
	opt.width = 30;
	expect(r, BDB_OUTPUT_TABLE, &opt, narrowest);
	opt.width = 10;
	expect(r, BDB_OUTPUT_TABLE, &opt, narrowest);
	/* Not a terminal (a pipe, a file): whole, whatever the width says. */
	opt.is_terminal = false;
	expect(r, BDB_OUTPUT_TABLE, &opt, whole);
	/* Only the table format: line and CSV keep every cell whole. */
	opt.is_terminal = true;
	char *csv = format(r, BDB_OUTPUT_CSV, &opt);
	assert_non_null(strstr(csv, "abcdefghijklmnopqrstuvwxyz0123"));
	free(csv);
	char *line = format(r, BDB_OUTPUT_LINE, &opt);
	assert_non_null(strstr(line, "detail = 日本語日本語日本語日本語日本語"));
	free(line);
	bdb_result_free(r);
}

static void test_table_empty_and_notes(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("t");
	static const bdb__column cols[] = {{"a", BDB__STYLE_PLAIN}, {"bb", BDB__STYLE_PLAIN}};
	assert_int_equal(bdb__result_columns(r, cols, 2), 0);
	bdb__result_note(r, "%d series had no samples", 2);
	expect(r, BDB_OUTPUT_TABLE, NULL, "2 series had no samples\na  bb\n-  --\n(no rows)\n");
	expect(r, BDB_OUTPUT_MARKDOWN, NULL,
	       "2 series had no samples\n\n| a   | bb  |\n|:--- |:--- |\n");
	expect(r, BDB_OUTPUT_CSV, NULL, "a,bb\r\n");
	/* JSON carries the notes, as they are (atk57: it dropped them). */
	expect(r, BDB_OUTPUT_JSON, NULL,
	       "{\"statement\": \"t\", \"columns\": [\"a\", \"bb\"], \"rows\": [], "
	       "\"notes\": [\"2 series had no samples\"]}\n");
	/* What CSV has no place for, the program writes to stderr. */
	bdb_buf b;
	bdb_buf_init(&b);
	assert_int_equal(bdb_result_put_unshown_notes(r, BDB_OUTPUT_CSV, "n: ", &b), 1);
	assert_string_equal(bdb_buf_cstr(&b), "n: 2 series had no samples\n");
	bdb_buf_reset(&b);
	assert_int_equal(bdb_result_put_unshown_notes(r, BDB_OUTPUT_JSON, "n: ", &b), 0);
	assert_int_equal(bdb_result_put_unshown_notes(r, BDB_OUTPUT_TABLE, "n: ", &b), 0);
	assert_int_equal(b.len, 0);
	bdb_buf_free(&b);
	bdb_result_free(r);
}

/* A note names stored points: `changes ... explain` says "POINT METRIC: no
 * change point". It is text as a cell is: an ESC in a point's name coloured
 * the terminal from there on (table, line), and in markdown "_x_" was
 * italic, a URL a link, "# h" on a line of its own a heading (atk30). */
static void test_notes_hostile_names(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("t");
	static const bdb__column cols[] = {{"a", BDB__STYLE_PLAIN}};
	assert_int_equal(bdb__result_columns(r, cols, 1), 0);
	bdb__result_note(r, "%s m: no change point", "x\x1b[31m\n# h _y_ https://e.x");
	expect(r, BDB_OUTPUT_TABLE, NULL,
	       "x?[31m # h _y_ https://e.x m: no change point\na\n-\n(no rows)\n");
	expect(r, BDB_OUTPUT_LINE, NULL,
	       "x?[31m # h _y_ https://e.x m: no change point\n(no rows)\n");
	expect(r, BDB_OUTPUT_MARKDOWN, NULL,
	       "x?\\[31m # h \\_y\\_ https\\://e.x m: no change point\n\n| a   |\n|:--- |\n");
	bdb_result_free(r);
	r = bdb__result_new("t");
	assert_int_equal(bdb__result_columns(r, cols, 1), 0);
	bdb__result_note(r, "# h: no change point");
	expect(r, BDB_OUTPUT_MARKDOWN, NULL, "\\# h: no change point\n\n| a   |\n|:--- |\n");
	bdb_result_free(r);
}

static void test_json(void **state)
{
	(void)state;
	bdb_result *r = sample();
	expect(
	    r, BDB_OUTPUT_JSON, NULL,
	    "{\"statement\": \"test\", \"run\": \"r\\\"1\", \"threshold\": 5, \"baseline\": null, "
	    "\"columns\": [\"name\", \"value\", \"change\", \"when\", \"tags\", \"verdict\"], "
	    "\"rows\": [\n"
	    "  {\"name\": \"日本語\", \"value\": 1234.5, \"change\": -7.25, \"when\": "
	    "\"2026-01-31T12:00:00Z\", \"tags\": {\"k\": \"v,w\", \"z\": \"\\\"q\\\"\"}, "
	    "\"verdict\": \"regression\"},\n"
	    "  {\"name\": \"e\xcc\x81t\xc3\xa9\", \"value\": 0.1, \"change\": 0.04, \"when\": "
	    "\"2026-01-31T12:00:00.250000Z\", \"tags\": {}, \"verdict\": \"improvement\"},\n"
	    "  {\"name\": \"a|b,\\\"c\\\"\\nd\", \"value\": null, \"change\": null, \"when\": "
	    "null, "
	    "\"tags\": null, \"verdict\": null}\n"
	    "]}\n");
	bdb_result_free(r);
}

static void test_json_values(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("v");
	static const bdb__column cols[] = {{"x", BDB__STYLE_PLAIN}};
	assert_int_equal(bdb__result_columns(r, cols, 1), 0);
	const double nums[] = {1.0 / 3.0, 1e-7, 1e300, -0.0, INFINITY};
	for (size_t i = 0; i < 5; i++) {
		bdb__result_add_row(r);
		bdb__cell_num(r, i, 0, nums[i]);
	}
	bdb__result_add_row(r);
	bdb__cell_int(r, 5, 0, INT64_MAX);
	bdb__result_add_row(r);
	bdb__cell_bool(r, 6, 0, true);
	bdb__result_add_row(r);
	bdb__cell_str(r, 7, 0, "\x01\t\\");
	/* Shortest text that reads back exactly; non-finite is null; -0 is 0,
	 * as the table writes it (it was "-0" in JSON and CSV). */
	expect(r, BDB_OUTPUT_JSON, NULL,
	       "{\"statement\": \"v\", \"columns\": [\"x\"], \"rows\": [\n"
	       "  {\"x\": 0.3333333333333333},\n"
	       "  {\"x\": 1e-07},\n"
	       "  {\"x\": 1e+300},\n"
	       "  {\"x\": 0},\n"
	       "  {\"x\": null},\n"
	       "  {\"x\": 9223372036854775807},\n"
	       "  {\"x\": true},\n"
	       "  {\"x\": \"\\u0001\\t\\\\\"}\n"
	       "]}\n");
	expect(r, BDB_OUTPUT_CSV, NULL,
	       "x\r\n0.3333333333333333\r\n1e-07\r\n1e+300\r\n"
	       "0\r\ninf\r\n9223372036854775807\r\ntrue\r\n\x01\t\\\r\n");
	/* Mixed kinds: left-aligned; a control character is shown as '?'. */
	expect(r, BDB_OUTPUT_TABLE, NULL,
	       "x\n-------------------\n0.333333\n1e-07\n1e+300\n0\ninf\n9223372036854775807\n"
	       "true\n? \\\n");
	bdb_result_free(r);
}

/* bdb_query_options.display: each JSON row also carries its cells as the
 * table format writes them (quantities in their unit's scale with the
 * row's unit, changes as percentages, a short commit, "-" for missing);
 * without it the JSON is the plain one. Scaled by hand: 7020116304 B/s =
 * 7.020116304 GB/s (4 digits: 7.02), 1394514 ns = 1.394514 ms, 5.00687e-05
 * s = 50.0687 µs; a unit without a ladder gets SI prefixes, 31489898 items/s
 * = 31.489898M items/s. display_columns names the columns the table shows:
 * not "unit", since the quantities carry theirs. */
static void test_json_display(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("q");
	static const bdb__column cols[] = {{"value", BDB__STYLE_QUANTITY},
					   {"unit", BDB__STYLE_PLAIN},
					   {"change", BDB__STYLE_CHANGE},
					   {"commit", BDB__STYLE_COMMIT}};
	assert_int_equal(bdb__result_columns(r, cols, 4), 0);
	static const struct {
		double value;
		const char *unit;
	} rows[] = {{7020116304, "B/s"}, {1394514, "ns"}, {5.00687e-05, "s"}, {31489898, "items/s"}};
	for (size_t i = 0; i < 4; i++) {
		bdb__result_add_row(r);
		bdb__cell_num(r, i, 0, rows[i].value);
		bdb__cell_str(r, i, 1, rows[i].unit);
	}
	bdb__cell_num(r, 0, 2, 7.25);
	bdb__cell_str(r, 0, 3, "c0ffee1234567890");
	const char *plain =
	    "{\"statement\": \"q\", \"columns\": [\"value\", \"unit\", \"change\", \"commit\"], "
	    "\"rows\": [\n"
	    "  {\"value\": 7020116304, \"unit\": \"B/s\", \"change\": 7.25, \"commit\": "
	    "\"c0ffee1234567890\"},\n"
	    "  {\"value\": 1394514, \"unit\": \"ns\", \"change\": null, \"commit\": null},\n"
	    "  {\"value\": 5.00687e-05, \"unit\": \"s\", \"change\": null, \"commit\": null},\n"
	    "  {\"value\": 31489898, \"unit\": \"items/s\", \"change\": null, \"commit\": null}\n"
	    "]}\n";
	expect(r, BDB_OUTPUT_JSON, NULL, plain);
	bdb_query_options opt = {.display = false};
	expect(r, BDB_OUTPUT_JSON, &opt, plain);
	opt.display = true;
	expect(r, BDB_OUTPUT_JSON, &opt,
	       "{\"statement\": \"q\", \"columns\": [\"value\", \"unit\", \"change\", "
	       "\"commit\"], \"display_columns\": [\"value\", \"change\", \"commit\"], "
	       "\"rows\": [\n"
	       "  {\"value\": 7020116304, \"unit\": \"B/s\", \"change\": 7.25, \"commit\": "
	       "\"c0ffee1234567890\", \"display\": {\"value\": \"7.02 GB/s\", \"unit\": \"B/s\", "
	       "\"change\": \"+7.2%\", \"commit\": \"c0ffee1234\"}},\n"
	       "  {\"value\": 1394514, \"unit\": \"ns\", \"change\": null, \"commit\": null, "
	       "\"display\": {\"value\": \"1.395 ms\", \"unit\": \"ns\", \"change\": \"-\", "
	       "\"commit\": \"-\"}},\n"
	       "  {\"value\": 5.00687e-05, \"unit\": \"s\", \"change\": null, \"commit\": null, "
	       "\"display\": {\"value\": \"50.07 \xc2\xb5s\", \"unit\": \"s\", \"change\": \"-\", "
	       "\"commit\": \"-\"}},\n"
	       "  {\"value\": 31489898, \"unit\": \"items/s\", \"change\": null, \"commit\": null, "
	       "\"display\": {\"value\": \"31.49M items/s\", \"unit\": \"items/s\", \"change\": "
	       "\"-\", \"commit\": \"-\"}}\n"
	       "]}\n");
	bdb_result_free(r);
}

/* Quantities beyond the largest SI prefix keep their exponent and take no
 * prefix ("1e+20 ops", not "100000000T ops"; "3e+300", not "3e+288T"),
 * 999.9e12 is still 999.9T, and tiny ones read with their exponent. The
 * table format's cells, written out by hand. */
static void test_quantity_extremes(void **state)
{
	(void)state;
	bdb_result *r = bdb__result_new("q");
	static const bdb__column cols[] = {{"value", BDB__STYLE_QUANTITY},
					   {"unit", BDB__STYLE_PLAIN}};
	assert_int_equal(bdb__result_columns(r, cols, 2), 0);
	static const struct {
		double value;
		const char *unit;
		const char *shown;
	} rows[] = {{1e20, "ops", "1e+20 ops"},	   {-3e300, "ops", "-3e+300 ops"},
		    {9.999e14, "ops", "999.9T ops"}, {1e15, "ops", "1e+15 ops"},
		    {3e300, "", "3e+300"},	   {1e-15, "", "1e-15"},
		    {2e-15, "ops", "2e-15 ops"},   {1e15, "", "1e+15"}};
	size_t n = sizeof rows / sizeof rows[0];
	for (size_t i = 0; i < n; i++) {
		bdb__result_add_row(r);
		bdb__cell_num(r, i, 0, rows[i].value);
		bdb__cell_str(r, i, 1, rows[i].unit);
	}
	char *got = format(r, BDB_OUTPUT_TABLE, NULL);
	const char *line = got;
	for (int skip = 0; skip < 2; skip++) /* the header and its rule */
		line = strchr(line, '\n') + 1;
	for (size_t i = 0; i < n; i++) {
		while (*line == ' ')
			line++;
		const char *end = strchr(line, '\n');
		assert_non_null(end);
		while (end > line && end[-1] == ' ')
			end--;
		char cell[64];
		snprintf(cell, sizeof cell, "%.*s", (int)(end - line), line);
		assert_string_equal(cell, rows[i].shown);
		line = strchr(line, '\n') + 1;
	}
	free(got);
	double v = 2e15;
	assert_string_equal(bdb__si_prefix(&v), "");
	assert_true(v == 2e15);
	v = 2e12;
	assert_string_equal(bdb__si_prefix(&v), "T");
	assert_true(v == 2);
	bdb_result_free(r);
}

static void test_csv(void **state)
{
	(void)state;
	bdb_result *r = sample();
	expect(r, BDB_OUTPUT_CSV, NULL,
	       "name,value,change,when,tags,verdict\r\n"
	       "日本語,1234.5,-7.25,2026-01-31T12:00:00Z,\"k=v\\,w,z=\"\"q\"\"\",regression\r\n"
	       "e\xcc\x81t\xc3\xa9,0.1,0.04,2026-01-31T12:00:00.250000Z,,improvement\r\n"
	       "\"a|b,\"\"c\"\"\nd\",nan,,,,\r\n");
	bdb_result_free(r);
}

static void test_markdown(void **state)
{
	(void)state;
	bdb_result *r = sample();
	expect(r, BDB_OUTPUT_MARKDOWN, NULL,
	       "| name       |  value | change | when                        | tags        | "
	       "verdict       |\n"
	       "|:---------- | ------:| ------:|:--------------------------- |:----------- "
	       "|:------------- |\n"
	       "| 日本語     | 1234.5 |  -7.2% | 2026-01-31T12:00:00Z        | k=v,w,z=\"q\" | "
	       "regression ↓  |\n"
	       "| e\xcc\x81t\xc3\xa9        |    0.1 |   0.0% | 2026-01-31T12:00:00.250000Z |      "
	       "       | improvement ↑ |\n"
	       "| a\\|b,\"c\" d |    nan |      - | -                           | -           | -  "
	       "           |\n");
	bdb_result_free(r);
}

/* The JSON escaper the HTTP API shares: control characters escaped, a byte
 * that is not UTF-8 replaced, so a body is valid JSON whatever it quotes. */
static void test_put_json_string(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	static const char in[] = "a\"b\\c\nd\x01\xff\xc3\xa9";
	bdb_buf_put_json_string(&b, in, sizeof in - 1);
	assert_string_equal(bdb_buf_cstr(&b), "\"a\\\"b\\\\c\\nd\\u0001\xef\xbf\xbd\xc3\xa9\"");
	bdb_buf_reset(&b);
	bdb_buf_put_json_string(&b, "x\0y", 3);
	assert_string_equal(bdb_buf_cstr(&b), "\"x\\u0000y\"");
	bdb_buf_free(&b);
}

static void test_format_names(void **state)
{
	(void)state;
	bdb_output_format f;
	assert_int_equal(bdb_output_format_parse("JSON", BDB_OUTPUT_FOR_QUERY, &f), 0);
	assert_int_equal(f, BDB_OUTPUT_JSON);
	assert_int_equal(bdb_output_format_parse("Markdown", BDB_OUTPUT_FOR_QUERY, &f), 0);
	assert_int_equal(f, BDB_OUTPUT_MARKDOWN);
	assert_int_equal(bdb_output_format_parse("tsv", BDB_OUTPUT_FOR_QUERY, &f), 0);
	assert_int_equal(f, BDB_OUTPUT_TSV);
	assert_int_equal(bdb_output_format_parse("tsv", BDB_OUTPUT_FOR_EXPORT, &f), 0);
	assert_int_equal(bdb_output_format_parse("tsv", BDB_OUTPUT_FOR_CHECK, &f), BDB_EINVAL);
	assert_int_equal(bdb_output_format_parse("xls", BDB_OUTPUT_FOR_QUERY, &f), BDB_EINVAL);
	assert_int_equal(bdb_output_format_parse(NULL, BDB_OUTPUT_FOR_QUERY, &f), BDB_EINVAL);
	assert_string_equal(bdb_output_format_name(BDB_OUTPUT_DEFAULT), "table");
	assert_string_equal(bdb_output_format_name(BDB_OUTPUT_CSV), "csv");
}

static void test_display_width(void **state)
{
	(void)state;
	assert_int_equal(bdb_display_width("abc", 3), 3);
	assert_int_equal(bdb_display_width("日本", 6), 4);
	assert_int_equal(bdb_display_width("e\xcc\x81", 3), 1);
	assert_int_equal(bdb_display_width("\xf0\x9f\x98\x80", 4), 2); /* U+1F600 */
	assert_int_equal(bdb_display_width("\xff", 1), 1);		/* invalid: U+FFFD */
	/* Longer text, read eight bytes at a time where they are plain ASCII. */
	assert_int_equal(bdb_display_width("abcdefghijklmnopq", 17), 17);
	assert_int_equal(bdb_display_width("abcdefgh日本ijklmnop", 22), 20);
	assert_int_equal(bdb_display_width("abcdefg\x01hijklmn", 15), 14);
	assert_int_equal(bdb_display_width("abcdefg\x7fhijklmn", 15), 14);
	assert_int_equal(bdb_display_width("abcdefghi\xcc\x81jklmnopq", 19), 17);
	assert_int_equal(bdb_display_width("~~~~~~~~ ~~~~~~~", 16), 16);
	/* The longest start that fits a number of columns. */
	assert_int_equal(bdb_display_prefix("abc", 3, 2), 2);
	assert_int_equal(bdb_display_prefix("abc", 3, 5), 3);
	assert_int_equal(bdb_display_prefix("日本", 6, 3), 3);	     /* not half of 本 */
	assert_int_equal(bdb_display_prefix("e\xcc\x81t", 4, 1), 3); /* é keeps its accent */
	assert_int_equal(bdb_display_prefix("abc", 3, 0), 0);
	uint32_t cp;
	assert_int_equal(bdb_utf8_decode("\xe2\x86\x93", 3, &cp), 3);
	assert_int_equal(cp, 0x2193);
	assert_int_equal(bdb_utf8_decode("\xe2\x86", 2, &cp), 1); /* truncated */
	assert_int_equal(cp, 0xFFFD);
}

/*
 * The oracle for numbers in tables: the C library's printf with the rule
 * of docs/query-language.md (about 6 significant digits, trailing zeros
 * dropped; %.6g outside 1e-4 .. 1e15).
 */
static void printf_number(double v, char *buf, size_t size)
{
	double a = fabs(v);
	if (a == 0) {
		snprintf(buf, size, "0");
		return;
	}
	if (a >= 1e15 || a < 1e-4) {
		snprintf(buf, size, "%.6g", v);
		return;
	}
	int decimals = a >= 1e5 ? 0 : 6 - ((int)floor(log10(a)) + 1);
	snprintf(buf, size, "%.*f", decimals, v);
	if (strchr(buf, '.')) {
		size_t n = strlen(buf);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[n - 1] = '\0';
	}
}

/* Numbers of every magnitude, random and on rounding ties, formatted in a
 * table one per row, against printf_number. */
/* p-values: 4 significant digits; one that underflowed (below DBL_MIN,
 * 0 and subnormals included) is the bound, not 0. */
static void test_p_text(void **state)
{
	(void)state;
	char buf[48];
	bdb__p_text(0.012345, buf, sizeof buf);
	assert_string_equal(buf, "0.01235");
	bdb__p_text(6.353177533709934e-09, buf, sizeof buf);
	assert_string_equal(buf, "6.353e-09");
	bdb__p_text(0, buf, sizeof buf);
	assert_string_equal(buf, "< 2.2e-308");
	bdb__p_text(1e-310, buf, sizeof buf);
	assert_string_equal(buf, "< 2.2e-308");
	bdb__p_text(2.3e-308, buf, sizeof buf);
	assert_string_equal(buf, "2.3e-308");
	bdb__p_said(0.5, buf, sizeof buf);
	assert_string_equal(buf, "p = 0.5");
	bdb__p_said(0, buf, sizeof buf);
	assert_string_equal(buf, "p < 2.2e-308");
	/* Against alpha: a p below it never reads as alpha ("p = 0.05 <
	 * alpha 0.05"); one above it keeps 4 digits. */
	bdb__p_said_below(0.049999, 0.05, buf, sizeof buf);
	assert_string_equal(buf, "p = 0.049999");
	bdb__p_said_below(0.04999, 0.05, buf, sizeof buf);
	assert_string_equal(buf, "p = 0.04999");
	bdb__p_said_below(0.0500001, 0.05, buf, sizeof buf);
	assert_string_equal(buf, "p = 0.05");
	bdb__p_said_below(0.0499999999999, 0.05, buf, sizeof buf);
	assert_string_equal(buf, "p = 0.0499999999999");
}

/* Thresholds as typed (0.25%, not 0.2%); a change beyond a limit with the
 * digits that show it is beyond (+5.00001%, not +5.0%). */
static void test_threshold_and_change_text(void **state)
{
	(void)state;
	char buf[48];
	bdb__threshold_text(5, buf, sizeof buf);
	assert_string_equal(buf, "5.0%");
	bdb__threshold_text(0.25, buf, sizeof buf);
	assert_string_equal(buf, "0.25%");
	bdb__threshold_text(0.04, buf, sizeof buf);
	assert_string_equal(buf, "0.04%");
	bdb__threshold_text(12.5, buf, sizeof buf);
	assert_string_equal(buf, "12.5%");
	bdb__threshold_text(7.000000000000001, buf, sizeof buf);
	assert_string_equal(buf, "7.0%");
	bdb__threshold_text(1.0 / 3.0, buf, sizeof buf);
	assert_string_equal(buf, "0.333333%");
	bdb__threshold_text(1e-9, buf, sizeof buf);
	assert_string_equal(buf, "1e-09%");
	bdb__threshold_text(0, buf, sizeof buf);
	assert_string_equal(buf, "0.0%");
	bdb__change_beyond_text(5.000010000000003, 5, buf, sizeof buf);
	assert_string_equal(buf, "+5.00001%");
	bdb__change_beyond_text(-10, 5, buf, sizeof buf);
	assert_string_equal(buf, "-10.0%");
	bdb__change_beyond_text(0.3, 0.25, buf, sizeof buf);
	assert_string_equal(buf, "+0.3%");
}

static void test_numbers_like_printf(void **state)
{
	(void)state;
	static const bdb__column col[] = {{"v", BDB__STYLE_PLAIN}};
	bdb_result *r = bdb__result_new("test");
	assert_non_null(r);
	assert_int_equal(bdb__result_columns(r, col, 1), 0);
	static const double fixed[] = {
	    9140.735, 0.5,	 1.5,	       2.5,	  123456.5,  123457.5,	99999.95, 99999.5,
	    9.999995, 0.0001,	 0.00012345,   1e5,	  1e15 - 1,  1e15,	12345.65, 0.125,
	    -2.5,     -0.000125, 100000.49999, 3.0000005, 1234.5675, 0.1 + 0.2, 1e-4,	  7.25,
	};
	size_t n_fixed = sizeof fixed / sizeof fixed[0], n = 20000;
	uint64_t x = 0x2545F4914F6CDD1Du;
	for (size_t i = 0; i < n_fixed + n; i++) {
		double v;
		if (i < n_fixed) {
			v = fixed[i];
		} else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			/* A mantissa in [1, 10) times 10^(-5 .. 16), either sign;
			 * every fourth one on a tie of its last printed digit. */
			double m = 1.0 + (double)(x >> 11) * 0x1p-53 * 9.0;
			int e = (int)((x >> 3) % 22) - 5;
			v = m * pow(10.0, e);
			if (i % 4 == 0)
				v = (floor(v * 1e3) + 0.5) / 1e3;
			if (x & 1)
				v = -v;
		}
		long row = bdb__result_add_row(r);
		assert_true(row >= 0);
		bdb__cell_num(r, (size_t)row, 0, v);
	}
	bdb_buf out;
	bdb_buf_init(&out);
	assert_int_equal(bdb_result_format(r, BDB_OUTPUT_TABLE, NULL, &out), 0);
	const char *line = bdb_buf_cstr(&out);
	for (int skip = 0; skip < 2; skip++) /* the header and its rule */
		line = strchr(line, '\n') + 1;
	for (size_t i = 0; i < bdb_result_n_rows(r); i++) {
		char want[64], got[64];
		printf_number(bdb_result_get(r, i, 0).num, want, sizeof want);
		while (*line == ' ')
			line++;
		const char *end = strchr(line, '\n');
		assert_non_null(end);
		assert_true((size_t)(end - line) < sizeof got);
		memcpy(got, line, (size_t)(end - line));
		got[end - line] = '\0';
		assert_string_equal(got, want);
		line = end + 1;
	}
	bdb_buf_free(&out);
	bdb_result_free(r);
}

/* bdb_result_write: the bytes bdb_result_format gives, in every format,
 * for a table big enough to be written in several pieces; BDB_EIO when the
 * file cannot take them. */
static void test_write_in_pieces(void **state)
{
	(void)state;
	static const bdb__column cols[] = {
	    {"name", BDB__STYLE_PLAIN}, {"value", BDB__STYLE_PLAIN}, {"when", BDB__STYLE_PLAIN}};
	bdb_result *r = bdb__result_new("test");
	assert_non_null(r);
	assert_int_equal(bdb__result_columns(r, cols, 3), 0);
	for (size_t i = 0; i < 5000; i++) {
		char name[32];
		snprintf(name, sizeof name, "point|%zu", i);
		long row = bdb__result_add_row(r);
		assert_true(row >= 0);
		bdb__cell_str(r, (size_t)row, 0, name);
		bdb__cell_num(r, (size_t)row, 1, 1000.0 / (double)(i + 1));
		bdb__cell_time(r, (size_t)row, 2, T0 + (int64_t)i * 1000000);
	}
	static const bdb_output_format formats[] = {BDB_OUTPUT_TABLE, BDB_OUTPUT_JSON,
						   BDB_OUTPUT_CSV, BDB_OUTPUT_MARKDOWN};
	for (size_t k = 0; k < 4; k++) {
		bdb_buf want;
		bdb_buf_init(&want);
		assert_int_equal(bdb_result_format(r, formats[k], NULL, &want), 0);
		assert_true(want.len > 3 * 65536);
		FILE *f = tmpfile();
		assert_non_null(f);
		assert_int_equal(bdb_result_write(r, formats[k], NULL, f), 0);
		assert_int_equal(ftell(f), (long)want.len);
		rewind(f);
		char *got = malloc(want.len);
		assert_non_null(got);
		assert_int_equal(fread(got, 1, want.len, f), want.len);
		assert_memory_equal(got, want.data, want.len);
		free(got);
		fclose(f);
		bdb_buf_free(&want);
	}
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		assert_int_equal(bdb_result_write(r, BDB_OUTPUT_TABLE, NULL, full), BDB_EIO);
		fclose(full);
	}
	bdb_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_threshold_and_change_text),
	    cmocka_unit_test(test_table_colour),
	    cmocka_unit_test(test_table_narrow_terminal),
	    cmocka_unit_test(test_table_empty_and_notes),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_json_values),
	    cmocka_unit_test(test_json_display),
	    cmocka_unit_test(test_p_text),
	    cmocka_unit_test(test_quantity_extremes),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_notes_hostile_names),
	    cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_put_json_string),
	    cmocka_unit_test(test_format_names),
	    cmocka_unit_test(test_display_width),
	    cmocka_unit_test(test_numbers_like_printf),
	    cmocka_unit_test(test_write_in_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
