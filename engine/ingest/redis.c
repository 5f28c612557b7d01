/*
 * redis.c - redis-benchmark --csv (Redis 6 and later):
 *
 *   "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",...
 *   "SET","64516.13","0.041","0.016","0.039","0.063","0.135","0.247"
 *
 * A point is a test (a row's first field). rps becomes rps (req/s, higher);
 * a column NAME_latency_ms becomes latency_NAME (ms, lower: latency_avg,
 * latency_min, latency_p50, ..., latency_max); any other column a metric
 * of its own name without a definition. The file has no time, parameters or
 * environment: --tag says what was run (-c, -d, -P).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_COLUMNS 32

static const char header_start[] = "\"test\",\"rps\"";

/* The first line that is not blank. */
static bool first_line(bdb__lines *l)
{
	while (bdb__lines_next(l))
		if (bdb__skip_blanks(l->line, l->line + l->len) < l->line + l->len)
			return true;
	return false;
}

bool bdb__detect_redis(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	return first_line(&l) && bdb__starts_with(l.line, l.len, header_start);
}

/* The metric, unit and direction of a column; false: no definition. */
static bool column_metric(bdb__span col, char *metric, size_t size, const char **unit,
			  bdb_direction *dir)
{
	static const char suffix[] = "_latency_ms";
	size_t k = sizeof suffix - 1;
	*unit = NULL;
	*dir = BDB_INFO;
	if (bdb__span_is(col, "rps")) {
		snprintf(metric, size, "rps");
		*unit = "req/s";
		*dir = BDB_HIGHER;
	} else if (col.n > k && memcmp(col.s + col.n - k, suffix, k) == 0) {
		snprintf(metric, size, "latency_%.*s", (int)(col.n - k), col.s);
		*unit = "ms";
		*dir = BDB_LOWER;
	} else {
		bdb__copy_text(metric, size, col.s, col.n);
		return false;
	}
	return true;
}

int bdb__ingest_redis(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	bdb__span cols[MAX_COLUMNS], fields[MAX_COLUMNS];
	const char *bad;
	size_t n_cols;
	if (!first_line(&l) || !bdb__starts_with(l.line, l.len, header_start) ||
	    (n_cols = bdb__csv_spans(l.line, l.len, cols, MAX_COLUMNS, &bad)) == (size_t)-1)
		return bdb_diag_set(d, BDB_EPARSE, in->name, l.number ? l.number : 1, 1,
				    "expected redis-benchmark's CSV header "
				    "\"test\",\"rps\",... (redis-benchmark --csv)");
	const char *header = l.line;
	int header_line = l.number;
	while (bdb__lines_next(&l)) {
		const char *end = l.line + l.len;
		if (bdb__skip_blanks(l.line, end) == end)
			continue;
		size_t n = bdb__csv_spans(l.line, l.len, fields, MAX_COLUMNS, &bad);
		if (n == (size_t)-1)
			return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					    bdb__line_column(l.line, bad),
					    "malformed CSV row: a quoted field must end with "
					    "\" and a comma");
		if (n != n_cols)
			return bdb_diag_set(
			    d, BDB_EPARSE, in->name, l.number, bdb__line_column(l.line, end),
			    "expected %zu fields like the header, got %zu", n_cols, n);
		char name[512];
		bdb__copy_text(name, sizeof name, fields[0].s, fields[0].n);
		bdb_point *p;
		size_t point = run->n_points;
		if ((rc = bdb_run_add_point(run, name, &p)))
			return rc;
		for (size_t i = 1; i < n; i++) {
			double v;
			if (!bdb__parse_number(fields[i].s, fields[i].n, false, &v))
				return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
						    bdb__line_column(l.line, fields[i].s),
						    "\"%.*s\" must be a number, got \"%.*s\"",
						    (int)cols[i].n, cols[i].s, (int)fields[i].n,
						    fields[i].s);
			char metric[128];
			const char *unit;
			bdb_direction dir;
			bdb_point *pt = &run->points[point];
			bool defined = column_metric(cols[i], metric, sizeof metric, &unit, &dir);
			if (bdb_point_find_metric(pt, metric))
				return bdb_diag_set(
				    d, BDB_EPARSE, in->name, header_line,
				    bdb__line_column(header, cols[i].s),
				    "column \"%.*s\" is metric %s, which an earlier "
				    "column is too",
				    (int)cols[i].n, cols[i].s, metric);
			rc = defined ? bdb__add_defined_metric(run, pt, metric, v, unit, dir, NULL)
				     : bdb__add_metric(run, pt, metric, v, unit, NULL);
			if (rc)
				return rc;
		}
	}
	return 0;
}
