/*
 * wrk.c - the text of wrk 4 (several runs may follow each other):
 *
 *   Running 2s test @ http://127.0.0.1:8931/index.html
 *     2 threads and 8 connections
 *     Thread Stats   Avg      Stdev     Max   +/- Stdev
 *       Latency     5.85ms    3.54ms  30.14ms   79.53%
 *       Req/Sec   522.47    174.46     0.98k    67.50%
 *     Latency Distribution                      (with --latency)
 *        50%    4.99ms
 *        99%   18.25ms
 *     2084 requests in 2.00s, 11.37MB read
 *     Socket errors: connect 0, read 0, write 0, timeout 3   (when any)
 *     Non-2xx or 3xx responses: 5                             (when any)
 *   Requests/sec:   1041.01
 *   Transfer/sec:      5.68MB
 *
 * A point is a run: the URL, tagged threads, connections and duration.
 * requests_per_sec (req/s, higher), transfer_per_sec (higher), latency
 * (the mean), latency_max and latency_pNN (lower), latency_stdev (info),
 * requests (info), errors (the socket errors summed) and non_2xx (lower).
 * wrk picks each unit by magnitude: times in us, ms, s, m (written min),
 * h; bytes with binary prefixes written KB, MB, GB (written KiB, MiB,
 * GiB, which is what they are). A run without "Requests/sec:" is an error
 * (the output is cut short).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char running[] = "Running ";

static bool is_running(const char *line, size_t len)
{
	return bdb__starts_with(line, len, running) && bdb__find(line, len, " test @ ");
}

bool bdb__detect_wrk(const char *data, size_t len)
{
	return bdb__any_line(data, len, is_running);
}

/* wrk's unit as benchdb writes it; NULL for one wrk does not print. */
static const char *wrk_unit(bdb__span u, bool time)
{
	static const char *const times[][2] = {
	    {"us", "us"}, {"ms", "ms"}, {"s", "s"}, {"m", "min"}, {"h", "h"}};
	static const char *const sizes[][2] = {
	    {"B", "B/s"}, {"KB", "KiB/s"}, {"MB", "MiB/s"}, {"GB", "GiB/s"}, {"TB", "TiB/s"}};
	const char *const(*table)[2] = time ? times : sizes;
	for (size_t i = 0; i < 5; i++)
		if (bdb__span_is(u, table[i][0]))
			return table[i][1];
	return NULL;
}

typedef struct wrk_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	int line; /* of the open run's "Running"; 0: none */
	bool rate;
	size_t point;
} wrk_ctx;

static int fail(wrk_ctx *c, const bdb__lines *l, const char *at, const char *what)
{
	return bdb_diag_set(c->d, BDB_EPARSE, c->in->name, l->number, bdb__line_column(l->line, at),
			    "malformed wrk output: expected %s", what);
}

/* Adds a time ("5.85ms") at p as metric; *next is past it. */
static int add_time(wrk_ctx *c, const bdb__lines *l, const char **p, const char *metric,
		    bdb_direction dir)
{
	const char *end = l->line + l->len;
	const char *s = bdb__skip_blanks(*p, end), *e = bdb__token_end(s, end);
	double v;
	bdb__span unit;
	const char *u;
	if (!bdb__parse_quantity(s, (size_t)(e - s), &v, &unit) || !(u = wrk_unit(unit, true)))
		return fail(c, l, s, "a time like 5.85ms");
	*p = e;
	return bdb__add_defined_metric(c->run, &c->run->points[c->point], metric, v, u, dir, NULL);
}

static int add_number(wrk_ctx *c, const char *metric, double v, const char *unit, bdb_direction dir)
{
	return bdb__add_defined_metric(c->run, &c->run->points[c->point], metric, v, unit, dir,
				       NULL);
}

static int open_run(wrk_ctx *c, const bdb__lines *l)
{
	const char *end = l->line + l->len;
	const char *dur = l->line + sizeof running - 1;
	const char *dur_end = bdb__token_end(dur, end);
	const char *url = bdb__find(l->line, l->len, " test @ ") + 8;
	char name[1024], duration[32];
	bdb__copy_text(name, sizeof name, url, (size_t)(end - url));
	bdb__copy_text(duration, sizeof duration, dur, (size_t)(dur_end - dur));
	bdb_point *p;
	c->point = c->run->n_points;
	c->line = l->number;
	c->rate = false;
	bdb__point_ref ref = {c->run, c->point};
	int rc = bdb_run_add_point(c->run, name, &p);
	return rc ? rc : bdb__set_tag(&ref, "duration", duration);
}

static int close_run(wrk_ctx *c)
{
	if (c->line && !c->rate)
		return bdb_diag_set(c->d, BDB_EPARSE, c->in->name, c->line, 1,
				    "the wrk run has no \"Requests/sec:\" line: the output is "
				    "cut short");
	return 0;
}

static int read_line(wrk_ctx *c, const bdb__lines *l)
{
	const char *end = l->line + l->len, *p = bdb__skip_blanks(l->line, end);
	size_t n = (size_t)(end - p);
	bdb__point_ref ref = {c->run, c->point};
	double v;
	bdb__span unit;
	if (bdb__find(p, n, " threads and ") && bdb__find(p, n, " connections")) {
		const char *e = bdb__token_end(p, end);
		const char *conn = bdb__skip_blanks(bdb__find(p, n, " and ") + 5, end);
		char threads[32], conns[32];
		bdb__copy_text(threads, sizeof threads, p, (size_t)(e - p));
		bdb__copy_text(conns, sizeof conns, conn,
			       (size_t)(bdb__token_end(conn, end) - conn));
		int rc = bdb__set_tag(&ref, "threads", threads);
		return rc ? rc : bdb__set_tag(&ref, "connections", conns);
	}
	if (bdb__starts_with(p, n, "Latency ") && !bdb__starts_with(p, n, "Latency Distribution")) {
		const char *q = p + 8;
		int rc;
		if ((rc = add_time(c, l, &q, "latency", BDB_LOWER)) ||
		    (rc = add_time(c, l, &q, "latency_stdev", BDB_INFO)) ||
		    (rc = add_time(c, l, &q, "latency_max", BDB_LOWER)))
			return rc;
		return 0;
	}
	if (n > 1 && p[0] >= '0' && p[0] <= '9' && bdb__find(p, n, "%") &&
	    bdb__find(p, n, "%") == bdb__token_end(p, end) - 1) {
		char metric[32];
		const char *q = bdb__token_end(p, end);
		snprintf(metric, sizeof metric, "latency_p%.*s", (int)(q - 1 - p), p);
		return add_time(c, l, &q, metric, BDB_LOWER);
	}
	if (bdb__find(p, n, " requests in ")) {
		if (!bdb__parse_number(p, (size_t)(bdb__token_end(p, end) - p), false, &v))
			return fail(c, l, p, "the number of requests");
		return add_number(c, "requests", v, NULL, BDB_INFO);
	}
	if (bdb__starts_with(p, n, "Socket errors:")) {
		double sum = 0;
		for (const char *q = bdb__skip_blanks(p + 14, end); q < end;
		     q = bdb__skip_blanks(q, end)) {
			const char *word_end = bdb__token_end(q, end);
			const char *num = bdb__skip_blanks(word_end, end);
			const char *num_end = bdb__token_end(num, end);
			if (num_end > num && num_end[-1] == ',')
				num_end--;
			if (!bdb__parse_number(num, (size_t)(num_end - num), false, &v))
				return fail(c, l, num, "a count after each kind of socket error");
			sum += v;
			q = bdb__token_end(num, end);
		}
		return add_number(c, "errors", sum, NULL, BDB_LOWER);
	}
	bdb__span key, value;
	if (!bdb__split_key(p, n, ':', &key, &value))
		return 0;
	bool rps = bdb__span_is(key, "Requests/sec");
	if (rps || bdb__span_is(key, "Non-2xx or 3xx responses")) {
		if (!bdb__parse_number(value.s, value.n, false, &v))
			return fail(c, l, value.n ? value.s : end, "a number");
		c->rate |= rps;
		return rps ? add_number(c, "requests_per_sec", v, "req/s", BDB_HIGHER)
			   : add_number(c, "non_2xx", v, NULL, BDB_LOWER);
	}
	if (bdb__span_is(key, "Transfer/sec")) {
		const char *u;
		if (!bdb__parse_quantity(value.s, value.n, &v, &unit) ||
		    !(u = wrk_unit(unit, false)))
			return fail(c, l, value.n ? value.s : end, "a size like 5.68MB");
		return add_number(c, "transfer_per_sec", v, u, BDB_HIGHER);
	}
	return 0;
}

int bdb__ingest_wrk(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	wrk_ctx c = {.in = in, .run = run, .d = d};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		if (is_running(l.line, l.len))
			rc = close_run(&c) ? BDB_EPARSE : open_run(&c, &l);
		else if (c.line)
			rc = read_line(&c, &l);
	}
	return rc ? rc : close_run(&c);
}
