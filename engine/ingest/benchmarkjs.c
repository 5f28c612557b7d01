/*
 * benchmarkjs.c - the text benchmark.js prints for each finished benchmark
 * (String(event.target) in a suite's "cycle" handler), which
 * github-action-benchmark's `benchmarkjs` tool reads:
 *
 *   RegExp#test x 50,721,161 ops/sec ±3.49% (89 runs sampled)
 *   Array#reduce (1000) x 1,398,553 ops/sec ±1.39% (97 runs sampled)
 *   Fastest is String#indexOf
 *
 * A point is the text before the last " x "; throughput is the rate (its
 * unit as printed, "ops/sec" -> "ops/s", higher) with bounds value ∓ the
 * relative margin of error (benchmark.js's 95% interval); the sample count
 * is the metric "runs" (info). A name that appears again makes samples and
 * a mean, without bounds. "Fastest is" / "Slowest is" lines and any line
 * without a margin of error are skipped; a line with " x N" and a margin
 * ("±" or "+-") that does not parse is an error.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

typedef struct js_result {
	const char *name;
	size_t name_len;
	double rate, margin, runs;
	char unit[32];
} js_result;

/* The last " x " of the line followed by a digit, or NULL. */
static const char *find_times(const char *line, const char *end)
{
	for (const char *p = end - 3; p >= line; p--)
		if (memcmp(p, " x ", 3) == 0 && p + 3 < end && p[3] >= '0' && p[3] <= '9')
			return p;
	return NULL;
}

/* True when the line holds a margin of error ("±" or "+-"). */
static bool has_margin(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (memcmp(p, "\xc2\xb1", 2) == 0 || memcmp(p, "+-", 2) == 0)
			return true;
	return false;
}

/* 1 and *r filled, 0 when the line is not a result, -1 with *err and *at set. */
static int parse_line(const char *line, size_t len, js_result *r, const char **err, const char **at)
{
	const char *end = line + len;
	const char *times = find_times(line, end);
	if (!times || !has_margin(times, end))
		return 0;
	r->name = bdb__skip_blanks(line, times);
	r->name_len = (size_t)(times - r->name);
	*at = r->name;
	if (!r->name_len) {
		*err = "expected a benchmark name before \" x \"";
		return -1;
	}
	const char *p = times + 3;
	const char *tok = bdb__token_end(p, end);
	*at = p;
	if (!bdb__parse_number(p, (size_t)(tok - p), true, &r->rate)) {
		*err = "expected the rate (a number like 1,234.5) after \" x \"";
		return -1;
	}
	p = bdb__skip_blanks(tok, end);
	tok = bdb__token_end(p, end);
	*at = p;
	if (tok == p || (size_t)(tok - p) >= sizeof r->unit || *p == '+' ||
	    (unsigned char)*p == 0xc2) {
		*err = "expected a unit like \"ops/sec\" after the rate";
		return -1;
	}
	bdb__copy_text(r->unit, sizeof r->unit, p, (size_t)(tok - p));
	p = bdb__skip_blanks(tok, end);
	*at = p;
	size_t sign = bdb__starts_with(p, (size_t)(end - p), "\xc2\xb1") ? 2
		      : bdb__starts_with(p, (size_t)(end - p), "+-")	 ? 2
									 : 0;
	tok = bdb__token_end(p, end);
	if (!sign || tok - p < 4 || tok[-1] != '%' ||
	    !bdb__parse_number(p + sign, (size_t)(tok - 1 - p - sign), false, &r->margin)) {
		*err = "expected the margin of error like \xc2\xb1"
		       "0.5% after the unit";
		return -1;
	}
	p = bdb__skip_blanks(tok, end);
	*at = p;
	if (p == end || *p != '(') {
		*err = "expected \"(N runs sampled)\" after the margin of error";
		return -1;
	}
	p++;
	tok = bdb__token_end(p, end);
	const char *rest = bdb__skip_blanks(tok, end);
	size_t rest_len = (size_t)(end - rest);
	*at = p;
	if (!bdb__parse_number(p, (size_t)(tok - p), true, &r->runs) ||
	    !((rest_len == 13 && memcmp(rest, "runs sampled)", 13) == 0) ||
	      (rest_len == 12 && memcmp(rest, "run sampled)", 12) == 0))) {
		*err = "expected \"(N runs sampled)\" after the margin of error";
		return -1;
	}
	return 1;
}

/* A bdb__line_fn: one result line; "Fastest is" lines count for detection. */
static int js_line(bdb__line_ctx *c, const char *line, size_t len, const char **err,
		   const char **at)
{
	js_result r;
	int got = parse_line(line, len, &r, err, at);
	if (!c)
		return got != 0 || bdb__starts_with(line, len, "Fastest is ");
	if (got <= 0)
		return got;
	char name[1024];
	bdb__copy_text(name, sizeof name, r.name, r.name_len);
	size_t point;
	bdb_metric *m;
	bdb_run *run = c->run;
	if ((c->rc = bdb__point_get(run, &c->points, name, NULL, 0, &point)) ||
	    (c->rc = bdb__add_defined_metric(run, &run->points[point], "throughput", r.rate,
					     r.unit, BDB_HIGHER, &m)))
		return 1;
	double spread = r.rate * r.margin / 100;
	bdb__set_bounds(m, r.rate - spread, r.rate + spread);
	if ((c->rc = bdb__samples_add(c->samples, point, "throughput", r.rate)) ||
	    (c->rc = bdb__add_defined_metric(run, &run->points[point], "runs", r.runs, NULL,
					     BDB_INFO, NULL)))
		return 1;
	c->rc = bdb__samples_add(c->samples, point, "runs", r.runs);
	return 1;
}

bool bdb__detect_benchmarkjs(const char *data, size_t len)
{
	return bdb__detect_lines(data, len, js_line);
}

int bdb__ingest_benchmarkjs(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	return bdb__read_lines(in, "benchmark.js", js_line, run, d);
}
