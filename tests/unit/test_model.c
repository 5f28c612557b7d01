/* test_model.c - the in-memory Run model and the error table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "schema.h"

static void test_tags_sorted_and_replaced(void **state)
{
	(void)state;
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	bdb_point *p;
	assert_int_equal(bdb_run_add_point(run, "CV-1/small", &p), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "variant", "small"), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "framework", "Datarax"), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "backend", "cuda"), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "framework", "Grain"), 0);
	assert_int_equal(p->n_tags, 3);
	assert_string_equal(p->tags[0].key, "backend");
	assert_string_equal(p->tags[1].key, "framework");
	assert_string_equal(p->tags[1].value, "Grain");
	assert_string_equal(p->tags[2].key, "variant");
	assert_string_equal(bdb_point_get_tag(p, "variant"), "small");
	assert_null(bdb_point_get_tag(p, "nope"));
	bdb_run_free(run);
}

static void test_metrics_and_find(void **state)
{
	(void)state;
	bdb_run *run = bdb_run_new();
	bdb_point *p;
	bdb_metric *m;
	assert_int_equal(bdb_run_set_id(run, "r1"), 0);
	assert_int_equal(bdb_run_add_point(run, "a", &p), 0);
	assert_int_equal(bdb_point_set_tag(run, p, "k", "v"), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "time", 1.5, &m), 0);
	double s[] = {1, 2, 3};
	assert_int_equal(bdb_metric_set_samples(run, m, s, 3), 0);
	assert_int_equal(bdb_point_add_metric(run, p, "time", 2.5, &m), 0); /* replaces */
	assert_int_equal(p->n_metrics, 1);
	assert_true(bdb_point_find_metric(p, "time")->value == 2.5);
	assert_int_equal(bdb_point_find_metric(p, "time")->n_samples, 0);
	bdb_kv tags[] = {{"k", "v"}};
	assert_ptr_equal(bdb_run_find_point(run, "a", tags, 1), &run->points[0]);
	assert_null(bdb_run_find_point(run, "a", NULL, 0));
	bdb_metric_def *def;
	assert_int_equal(bdb_run_add_def(run, "time", &def), 0);
	def->direction = BDB_LOWER;
	assert_int_equal(bdb_run_find_def(run, "time")->direction, BDB_LOWER);
	bdb_run_free(run);
}

static void test_equal(void **state)
{
	(void)state;
	bdb_run *a = bdb_run_new(), *b = bdb_run_new();
	bdb_point *p;
	bdb_metric *m;
	for (int i = 0; i < 2; i++) {
		bdb_run *r = i ? b : a;
		bdb_run_set_id(r, "x");
		bdb_run_add_point(r, "p", &p);
		bdb_point_add_metric(r, p, "m", 1.0, &m);
		m->has_lower = true;
		m->lower = 0.0;
	}
	assert_true(bdb_run_equal(a, b));
	b->points[0].metrics[0].has_lower = false; /* absent is not zero */
	assert_false(bdb_run_equal(a, b));
	bdb_run_free(a);
	bdb_run_free(b);
}

static void test_error_table(void **state)
{
	(void)state;
	assert_string_equal(bdb_strerror(BDB_ENOMEM), "out of memory");
	assert_string_equal(bdb_error_name(BDB_EPARSE), "parse");
	assert_string_equal(bdb_strerror(12345), "unknown error");
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_diag_set(&d, BDB_EPARSE, "results.json", 12, 7,
				      "\"value\" must be a number, got %s", "string"),
			 BDB_EPARSE);
	char buf[1024];
	assert_string_equal(bdb_diag_format(&d, buf, sizeof buf),
			    "results.json:12:7: \"value\" must be a number, got string");
}

/*
 * bdb_text_fault: the one check of text shared by input files (NUL and
 * invalid UTF-8) and command-line names (also control characters).
 */
/* The escaper of every name in an SVG or HTML page: entities for the five
 * XML specials; U+FFFD for what XML 1.0 cannot hold. */
static void test_put_xml(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t n;
		const char *out;
	} cases[] = {
	    {"<script>alert(1)</script>&\"x", sizeof "<script>alert(1)</script>&\"x" - 1,
	     "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;x"},
	    {"it's", sizeof "it's" - 1, "it&#39;s"},
	    {"tab\tnl\ncr\r", sizeof "tab\tnl\ncr\r" - 1, "tab\tnl\ncr\r"},
	    {"bell\a esc\033", sizeof "bell\a esc\033" - 1, "bell\xef\xbf\xbd esc\xef\xbf\xbd"},
	    {"nul\0x", sizeof "nul\0x" - 1, "nul\xef\xbf\xbdx"},
	    {"bad \xff\xc3", sizeof "bad \xff\xc3" - 1, "bad \xef\xbf\xbd\xef\xbf\xbd"},
	    {"\xc2\x85 c1", sizeof "\xc2\x85 c1" - 1, "\xef\xbf\xbd c1"},
	    {"\xef\xbf\xbe", sizeof "\xef\xbf\xbe" - 1, "\xef\xbf\xbd"},
	    {"\xc2\xb5s \xe2\x86\x93 \xf0\x9f\x98\x80",
	     sizeof "\xc2\xb5s \xe2\x86\x93 \xf0\x9f\x98\x80" - 1,
	     "\xc2\xb5s \xe2\x86\x93 \xf0\x9f\x98\x80"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bdb_buf b;
		bdb_buf_init(&b);
		bdb_buf_put_xml(&b, cases[i].in, cases[i].n);
		assert_string_equal(bdb_buf_cstr(&b), cases[i].out);
		bdb_buf_free(&b);
	}
}

static void test_text_fault(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t n;
		bool one_line;
		size_t at;
		uint32_t control;
	} cases[] = {
	    {"plain", 5, true, 5, UINT32_MAX},
	    {"caf\xc3\xa9 \xe2\x82\xac", 9, true, 9, UINT32_MAX}, /* é, € */
	    {"a\nb", 3, true, 1, 0x0A},
	    {"a\nb", 3, false, 3, UINT32_MAX}, /* a file may hold lines */
	    {"ab\x7f", 3, true, 2, 0x7F},
	    {"x\xc2\x85y", 4, true, 1, 0x85},	    /* NEL, a C1 control */
	    {"x\xc2\xa0y", 4, true, 4, UINT32_MAX}, /* no-break space is text */
	    {"a\tb", 3, true, 1, 0x09},
	    {"ab\0c", 4, false, 2, 0x00}, /* NUL is never text */
	    {"ab\xff", 3, true, 2, UINT32_MAX},
	    {"ab\xc3", 3, false, 2, UINT32_MAX},      /* cut sequence */
	    {"\xed\xa0\x80", 3, true, 0, UINT32_MAX}, /* a surrogate */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t control = 42;
		size_t at = bdb_text_fault(cases[i].s, cases[i].n, cases[i].one_line, &control);
		if (at != cases[i].at || control != cases[i].control)
			fail_msg("case %zu: at %zu control %u, expected at %zu control %u", i, at,
				 (unsigned)control, cases[i].at, (unsigned)cases[i].control);
	}
	assert_int_equal(bdb_text_fault("a\n", 2, true, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tags_sorted_and_replaced),
	    cmocka_unit_test(test_metrics_and_find),
	    cmocka_unit_test(test_equal),
	    cmocka_unit_test(test_error_table),
	    cmocka_unit_test(test_text_fault),
	    cmocka_unit_test(test_put_xml),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
