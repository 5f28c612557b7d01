/*
 * test_text.c - the one text layer (schema/text.c) that every reader and
 * writer uses: UTF-8 decoding at the edges of well-formedness (the table
 * of Unicode 15 §3.9, D92), JSON/CSV/Markdown/XML escaping, the shortest
 * round-trip double, and the arena. Expected texts are written by hand;
 * the JSON ones were checked with python3 json.loads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

static void test_utf8_next(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(bdb_utf8_next("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(bdb_utf8_next("\xc2\x80", 2, &cp), 2);
	assert_int_equal(cp, 0x80);
	assert_int_equal(bdb_utf8_next("\xe2\x86\x93", 3, &cp), 3); /* ↓ */
	assert_int_equal(cp, 0x2193);
	assert_int_equal(bdb_utf8_next("\xf4\x8f\xbf\xbf", 4, &cp), 4); /* U+10FFFF */
	assert_int_equal(cp, 0x10FFFF);
	/* Not well-formed: overlong, surrogate, past U+10FFFF, truncated,
	 * stray continuation, empty. */
	static const char *const bad[] = {"\xc0\xaf", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80",
					  "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
					  "\xe2\x86", "\x80", "\xff"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(bdb_utf8_next(bad[i], strlen(bad[i]), &cp), 0);
		assert_int_equal(cp, 0xFFFD);
	}
	assert_int_equal(bdb_utf8_next("", 0, &cp), 0);
	/* The display decoder steps over one byte of what is not UTF-8. */
	assert_int_equal(bdb_utf8_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(bdb_utf8_valid("ab\xe2\x86\x93\xed\xa0\x80", 8), 5);
}

static void test_utf8_encode_round_trip(void **state)
{
	(void)state;
	static const uint32_t cps[] = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
				       0x10000, 0x1F600, 0x10FFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
		char u[4];
		size_t n = bdb_utf8_encode(cps[i], u);
		assert_int_equal(n, cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2 : cps[i] < 0x10000 ? 3 : 4);
		uint32_t back;
		assert_int_equal(bdb_utf8_next(u, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void test_json_string(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	const char in[] = "a\"b\\c\nd\re\tf\x01g\x7f\xc3\xa9\xff.";
	bdb_buf_put_json_string(&b, in, sizeof in - 1);
	/* json.loads gives back 'a"b\\c\nd\re\tf\x01g\x7fé\ufffd.' */
	assert_string_equal(bdb_buf_cstr(&b),
			    "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\x7f\xc3\xa9\xef\xbf\xbd.\"");
	bdb_buf_reset(&b);
	bdb_buf_put_json_string(&b, "nul\0after", 9); /* a NUL inside is data */
	assert_string_equal(bdb_buf_cstr(&b), "\"nul\\u0000after\"");
	bdb_buf_free(&b);
}

/* A tag list splits back at each separator not escaped, then at the first
 * '=' (a key holds none): a ',' or '\\' in a key or value is escaped
 * ("k=v,w" and a second tag "w" read the same before). */
static void test_tag_list(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_kv tags[] = {{"e", ""}, {"key", "v=al,ue"}, {"t,2", "a\\b;c"}};
	bdb_buf_put_tag_list(&b, tags, 3, ',');
	assert_string_equal(bdb_buf_cstr(&b), "e=,key=v=al\\,ue,t\\,2=a\\\\b;c");
	bdb_buf_reset(&b);
	bdb_buf_put_tag_list(&b, tags, 3, ';');
	assert_string_equal(bdb_buf_cstr(&b), "e=;key=v=al,ue;t,2=a\\\\b\\;c");
	bdb_buf_reset(&b);
	bdb_buf_put_tag_list(&b, tags, 0, ',');
	assert_string_equal(bdb_buf_cstr(&b), "");
	bdb_buf_free(&b);
}

static void test_csv_markdown_xml(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_put_csv_field(&b, "plain", 5);
	bdb_buf_putc(&b, ',');
	bdb_buf_put_csv_field(&b, "a,\"b\"\nc", 7);
	assert_string_equal(bdb_buf_cstr(&b), "plain,\"a,\"\"b\"\"\nc\"");
	bdb_buf_reset(&b);
	bdb_buf_put_markdown(&b, "a|b\r\nc", 6);
	assert_string_equal(bdb_buf_cstr(&b), "a\\|b  c");
	bdb_buf_reset(&b);
	/* A template's '<' is not a tag to GitHub (BM_sort<int> lost "<int>"),
	 * and a backslash does not escape the cell's end (a\| split the cell). */
	bdb_buf_put_markdown(&b, "BM_sort<std::vector<int>>/8 a\\|b", 32);
	assert_string_equal(bdb_buf_cstr(&b), "BM_sort\\<std::vector\\<int>>/8 a\\\\\\|b");
	bdb_buf_reset(&b);
	/* Control characters reach no reader of the table (an ESC coloured the
	 * terminal from there on; raw in a PR comment): '?' as in a table cell;
	 * a tab is a blank. */
	bdb_buf_put_markdown(&b, "a\x1b[31m\x01\x7f\tb", 10);
	assert_string_equal(bdb_buf_cstr(&b), "a?\\[31m?? b");
	bdb_buf_reset(&b);
	/* A name a pull request's benchmark gives makes no link, image or
	 * mention in the PR comment of `check --format markdown`. */
	bdb_buf_put_markdown(&b, "[go](https://e.x) ![i](https://e.x/i.png) @team", 47);
	assert_string_equal(bdb_buf_cstr(&b),
			    "\\[go\\](https\\://e.x) !\\[i\\](https\\://e.x/i.png) "
			    "@\xe2\x80\x8b"
			    "team");
	bdb_buf_reset(&b);
	/* Names render as they are: a*b*c was "a<em>b</em>c" on GitHub, a
	 * backtick opened a code span, ~~x~~ struck through (atk15, atk16);
	 * '_' within a word emphasizes nothing and stays bare. */
	bdb_buf_put_markdown(&b, "a*b*c `q` ~~x~~ BM_sort_big", 27);
	assert_string_equal(bdb_buf_cstr(&b), "a\\*b\\*c \\`q\\` \\~\\~x\\~\\~ BM_sort_big");
	bdb_buf_reset(&b);
	/* But a '_' at a word's edge opens or closes emphasis: a pytest point
	 * "__init__" showed as a bold "init", "_x_ y" as an italic x (atk30).
	 * Escaped there, and only there; an entity "&lt;" showed as "<": its
	 * '&' is escaped too. */
	bdb_buf_put_markdown(&b, "__init__ test___init__ _x_ y a_b/_c a&lt;b", 42);
	assert_string_equal(bdb_buf_cstr(&b), "\\_\\_init\\_\\_ test___init\\_\\_ \\_x\\_ y "
					      "a_b/\\_c a\\&lt;b");
	bdb_buf_reset(&b);
	/* GitHub links a bare URL (extended autolinks): a point named
	 * "https://e.x/p" or "www.e.x" was a link in check's PR comment. '\\:'
	 * before "//" and '\\.' after "www" keep them text (cmark-gfm -e
	 * autolink renders "https\\://e.x/p" and "www\\.e.x" as text). */
	bdb_buf_put_markdown(&b, "https://e.x/p WWW.e.x a:b", 25);
	assert_string_equal(bdb_buf_cstr(&b), "https\\://e.x/p WWW\\.e.x a:b");
	bdb_buf_reset(&b);
	const char x[] = "<img src=x onerror='a&b'>\x01\xc2\x85\xef\xbf\xbe\xc3\xa9";
	bdb_buf_put_xml(&b, x, sizeof x - 1);
	assert_string_equal(bdb_buf_cstr(&b), "&lt;img src=x onerror=&#39;a&amp;b&#39;&gt;"
					      "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9");
	bdb_buf_free(&b);
}

static void test_double_text(void **state)
{
	(void)state;
	char buf[40];
	assert_string_equal(bdb_double_text(0.1, buf, sizeof buf), "0.1");
	assert_string_equal(bdb_double_text(1.0 / 3.0, buf, sizeof buf), "0.3333333333333333");
	assert_string_equal(bdb_double_text(-0.0, buf, sizeof buf), "-0");
	/* Subnormals: the shortest text, Python's repr (5e-324, 1e-310), not
	 * 15 digits that read back (4.94065645841247e-324,
	 * 9.99999999999997e-311). */
	assert_string_equal(bdb_double_text(5e-324, buf, sizeof buf), "5e-324");
	assert_string_equal(bdb_double_text(1e-310, buf, sizeof buf), "1e-310");
	assert_string_equal(bdb_double_text(-2.5e-320, buf, sizeof buf), "-2.5e-320");
	/* DBL_MIN, the smallest normal: 17 digits, as before. */
	assert_string_equal(bdb_double_text(2.2250738585072014e-308, buf, sizeof buf),
			    "2.2250738585072014e-308");
	assert_string_equal(bdb_double_text(1.7976931348623157e308, buf, sizeof buf),
			    "1.7976931348623157e+308");
	assert_string_equal(bdb_double_text(225.6, buf, sizeof buf), "225.6");
	/* Every one reads back exactly. */
	for (double v = 1e-7; v < 1e9; v *= 3.7)
		assert_true(strtod(bdb_double_text(v, buf, sizeof buf), NULL) == v);
}

static void test_arena(void **state)
{
	(void)state;
	bdb_arena a;
	bdb_arena_init(&a, 64);
	char *s = bdb_arena_strndup(&a, "hello world", 5);
	assert_string_equal(s, "hello");
	unsigned char *z = bdb_arena_calloc(&a, 13);
	for (int i = 0; i < 13; i++)
		assert_int_equal(z[i], 0);
	assert_int_equal((uintptr_t)z % 8, 0);
	/* A request past half a block gets its own block; the current block
	 * keeps serving small ones. */
	char *big = bdb_arena_alloc(&a, 1000);
	memset(big, 'x', 1000);
	char *t = bdb_arena_strndup(&a, "ab", 2);
	assert_string_equal(t, "ab");
	assert_string_equal(s, "hello");
	assert_false(a.failed);
	bdb_arena_free(&a);
	assert_null(a.head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_next),	cmocka_unit_test(test_utf8_encode_round_trip),
	    cmocka_unit_test(test_json_string), cmocka_unit_test(test_csv_markdown_xml),
	    cmocka_unit_test(test_tag_list),	cmocka_unit_test(test_double_text),
	    cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
