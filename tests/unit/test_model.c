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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tags_sorted_and_replaced),
	    cmocka_unit_test(test_metrics_and_find),
	    cmocka_unit_test(test_equal),
	    cmocka_unit_test(test_error_table),
	};
	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
