/* test_bench_answer.c - what both sides of the benchmark compute alike
 * (bench/answer.c): month buckets of `trend ... by month`, compare verdicts.
 * bench/ is not in libbenchdb.a, so the file is compiled in by #include.
 *
 * Independent reference values:
 *   - months: Python `datetime.datetime.fromtimestamp(s, datetime.timezone.utc)`
 *     for s = 0 (1970-01), 951782400 (2000-02-29), 951868800 (2000-03-01),
 *     -1 (1969-12-31T23:59:59), 4107542400 (2100-03-01), 1451613600
 *     (2016-01-01T02:00, nightly-10y's first run);
 *   - bucket medians by hand: {3, 1, 2} -> 2; {10, 40, 20, 30} -> 25;
 *   - change % = (cur - base) / |base| * 100 (DESIGN.md section 4), by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../bench/answer.c"

#define MONTH(y, m) ((y)*12 + (m)-1)
#define S(x)	    (INT64_C(x) * 1000000)

static void test_month_of(void **state)
{
	(void)state;
	assert_int_equal(bench_month_of(0), MONTH(1970, 1));
	assert_int_equal(bench_month_of(S(951782400)), MONTH(2000, 2));
	assert_int_equal(bench_month_of(S(951868800) - 1), MONTH(2000, 2));
	assert_int_equal(bench_month_of(S(951868800)), MONTH(2000, 3));
	assert_int_equal(bench_month_of(S(-1)), MONTH(1969, 12));
	assert_int_equal(bench_month_of(-1), MONTH(1969, 12));
	assert_int_equal(bench_month_of(S(4107542400)), MONTH(2100, 3));
	assert_int_equal(bench_month_of(S(1451613600)), MONTH(2016, 1));
}

static void test_month_buckets(void **state)
{
	(void)state;
	bench_answer a = {0};
	bench_months m = {NULL, 0, 0, -1};
	double in[][2] = {{MONTH(2016, 1), 3},	{MONTH(2016, 1), 1},  {MONTH(2016, 1), 2},
			  {MONTH(2016, 2), 10}, {MONTH(2016, 2), 40}, {MONTH(2016, 2), 20},
			  {MONTH(2016, 2), 30}};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(bench_months_add(&m, (int)in[i][0], in[i][1], &a), 0);
	bench_months_finish(&m, &a);
	assert_int_equal(a.rows, 2);
	assert_true(a.sum == 2 + 25);
	/* Row 1: "2016-01", then median, min, max, count as 8-byte doubles. */
	assert_int_equal(a.text.len, 2 * (7 + 4 * sizeof(double)));
	assert_memory_equal(a.text.data, "2016-01", 7);
	double cells[4];
	memcpy(cells, a.text.data + 7 + 4 * sizeof(double) + 7, sizeof cells);
	assert_true(cells[0] == 25 && cells[1] == 10 && cells[2] == 40 && cells[3] == 4);
	bench_months_free(&m);
	bdb_buf_free(&a.text);
}

static void test_judge(void **state)
{
	(void)state;
	double change;
	bool reg;
	/* lower is better: +10% is a regression at 5%, exactly 5% is not */
	assert_string_equal(bench_judge(BDB_LOWER, true, 100, true, 110, 5, &change, &reg),
			    "regression");
	assert_true(reg && change == 10);
	assert_string_equal(bench_judge(BDB_LOWER, true, 100, true, 105, 5, &change, &reg),
			    "unchanged");
	assert_false(reg);
	assert_string_equal(bench_judge(BDB_LOWER, true, 100, true, 90, 5, &change, &reg),
			    "improvement");
	/* higher is better: -20% of a negative base (|base|) */
	assert_string_equal(bench_judge(BDB_HIGHER, true, -50, true, -60, 5, &change, &reg),
			    "regression");
	assert_true(change == -20);
	assert_string_equal(bench_judge(BDB_INFO, true, 1, true, 100, 5, &change, &reg),
			    "unchanged");
	assert_string_equal(bench_judge(BDB_LOWER, false, 0, true, 1, 5, &change, &reg), "new");
	assert_string_equal(bench_judge(BDB_LOWER, true, 1, false, 0, 5, &change, &reg), "removed");
	assert_string_equal(bench_judge(BDB_LOWER, true, 0, true, 1, 5, &change, &reg), "n/a");
	assert_false(reg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_month_of),
	    cmocka_unit_test(test_month_buckets),
	    cmocka_unit_test(test_judge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
