/*
 * answer.c - what both sides of the benchmark compute the same way once
 * they have read their rows: month buckets of a trend, the verdict of a
 * compare row, and the answer summary itself. Sharing it keeps the two
 * sides' answers comparable and their costs alike: only the reading
 * differs.
 */
#include "bench.h"

#include <stdlib.h>
#include <string.h>

void bench_answer_reset(bench_answer *a)
{
	a->rows = 0;
	a->flagged = 0;
	a->sum = 0;
	bdb_buf_reset(&a->text);
}

int bench_compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------ */
/* Month buckets                                                             */
/* ------------------------------------------------------------------------ */

/* Closes the open bucket: its label, median (the mean of the middle two
 * for an even count), min, max and count become one row. */
static void close_month(bench_months *m, bench_answer *a)
{
	size_t n = m->n;
	if (n == 0)
		return;
	double *v = m->values;
	qsort(v, n, sizeof *v, bench_compare_doubles);
	double median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	double cells[4] = {median, v[0], v[n - 1], (double)n};
	bdb_buf_printf(&a->text, "%04d-%02d", m->month / 12, m->month % 12 + 1);
	bdb_buf_append(&a->text, cells, sizeof cells);
	a->sum += median;
	a->rows++;
	m->n = 0;
}

int bench_month_of(int64_t us)
{
	/* H. Hinnant's civil-from-days, in 400-year eras of 146,097 days,
	 * with years starting on March 1st so that Feb 29 is the last day. */
	const int64_t day_us = INT64_C(86400000000);
	int64_t days = us / day_us - (us % day_us < 0);
	days += 719468; /* 0000-03-01 to 1970-01-01 */
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t month = mp < 10 ? mp + 3 : mp - 9; /* 1..12 */
	int64_t year = yoe + era * 400 + (month <= 2);
	return (int)(year * 12 + month - 1);
}

int bench_months_add(bench_months *m, int month, double value, bench_answer *a)
{
	if (month != m->month) {
		close_month(m, a);
		m->month = month;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		double *v = realloc(m->values, cap * sizeof *v);
		if (!v)
			return BDB_ENOMEM;
		m->values = v;
		m->cap = cap;
	}
	m->values[m->n++] = value;
	return 0;
}

void bench_months_finish(bench_months *m, bench_answer *a)
{
	close_month(m, a);
	m->month = -1;
}

void bench_months_free(bench_months *m)
{
	free(m->values);
	m->values = NULL;
	m->n = m->cap = 0;
}

/* ------------------------------------------------------------------------ */
/* Compare verdicts                                                          */
/* ------------------------------------------------------------------------ */

const char *bench_judge(bdb_direction dir, bool has_base, double base, bool has_cur, double cur,
			double threshold_pct, double *change, bool *regression)
{
	*change = 0;
	*regression = false;
	if (!has_base)
		return "new";
	if (!has_cur)
		return "removed";
	if (base == 0)
		return "n/a";
	*change = (cur - base) / (base < 0 ? -base : base) * 100;
	bool lower = dir == BDB_LOWER, higher = dir == BDB_HIGHER;
	if ((lower && *change > threshold_pct) || (higher && *change < -threshold_pct)) {
		*regression = true;
		return "regression";
	}
	if ((lower && *change < -threshold_pct) || (higher && *change > threshold_pct))
		return "improvement";
	return "unchanged";
}

void bench_put_verdict(bench_answer *a, double change, const char *verdict, bool regression,
		       bool only_regressions, bool has_cur, double cur)
{
	double size = change < 0 ? -change : change;
	const char *severity = size > 50 ? "severe" : size > 20 ? "moderate" : "minor";
	bdb_buf_append(&a->text, &change, sizeof change);
	bdb_buf_puts(&a->text, only_regressions ? severity : verdict);
	a->rows++;
	a->flagged += regression;
	if (has_cur)
		a->sum += cur;
}
