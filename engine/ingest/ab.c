/*
 * ab.c - the text of ApacheBench (ab 2.3, apache2-utils):
 *
 *   This is ApacheBench, Version 2.3 <$Revision$>
 *   Server Software:        SimpleHTTP/0.6
 *   Server Hostname:        127.0.0.1
 *   Server Port:            8931
 *   Document Path:          /index.html
 *   Concurrency Level:      4
 *   Time taken for tests:   0.711 seconds
 *   Complete requests:      500
 *   Failed requests:        0
 *   Requests per second:    703.59 [#/sec] (mean)
 *   Time per request:       5.685 [ms] (mean)
 *   Time per request:       1.421 [ms] (mean, across all concurrent requests)
 *   Transfer rate:          3932.29 [Kbytes/sec] received
 *   Percentage of the requests served within a certain time (ms)
 *     50%      4
 *    100%     17 (longest request)
 *
 * One point: host:port/path, tagged concurrency. requests_per_sec (req/s,
 * higher), time_per_request (ms, lower), time_per_request_all (the mean
 * across concurrent requests, ms, lower), transfer_rate (KiB/s: ab's
 * Kbytes are 1024 bytes; higher), total_time (s, info), requests (info),
 * failed (lower), latency_pNN (the percentage table, ms, lower). ab's
 * version and the server software are the environment. Output without
 * "Requests per second:" is an error (ab stopped, or the file is cut).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static bool is_ab_line(const char *line, size_t len)
{
	return bdb__starts_with(line, len, "This is ApacheBench, Version ") ||
	       bdb__starts_with(line, len, "Requests per second:");
}

bool bdb__detect_ab(const char *data, size_t len)
{
	return bdb__any_line(data, len, is_ab_line);
}

typedef struct ab_field {
	const char *key, *metric, *unit;
	bdb_direction direction;
} ab_field;

static const ab_field fields[] = {
    {"Time taken for tests", "total_time", "s", BDB_INFO},
    {"Complete requests", "requests", NULL, BDB_INFO},
    {"Failed requests", "failed", NULL, BDB_LOWER},
    {"Requests per second", "requests_per_sec", "req/s", BDB_HIGHER},
    {"Time per request", "time_per_request", "ms", BDB_LOWER},
    {"Transfer rate", "transfer_rate", "KiB/s", BDB_HIGHER},
};

typedef struct ab_ctx {
	char host[256], port[16], path[512], concurrency[16];
	const char *metric[24];
	const char *unit[24];
	bdb_direction direction[24];
	double value[24];
	char pct_names[12][24];
	size_t n, n_pct;
	bool rate, percentages;
} ab_ctx;

static void add(ab_ctx *c, const char *metric, const char *unit, bdb_direction dir, double v)
{
	if (c->n == sizeof c->value / sizeof *c->value)
		return;
	c->metric[c->n] = metric;
	c->unit[c->n] = unit;
	c->direction[c->n] = dir;
	c->value[c->n++] = v;
}

static int read_line(bdb__input *in, ab_ctx *c, const bdb__lines *l, bdb_run *run, bdb_diag *d)
{
	const char *end = l->line + l->len, *p = bdb__skip_blanks(l->line, end);
	double v;
	if (bdb__starts_with(l->line, l->len, "This is ApacheBench, Version ")) {
		const char *s = l->line + 29;
		char version[32];
		bdb__copy_text(version, sizeof version, s, (size_t)(bdb__token_end(s, end) - s));
		return bdb_run_set_env(run, "ab_version", version);
	}
	if (bdb__starts_with(l->line, l->len, "Percentage of the requests served")) {
		c->percentages = true;
		return 0;
	}
	const char *pct = bdb__token_end(p, end);
	if (c->percentages && pct > p + 1 && pct[-1] == '%') {
		const char *num = bdb__skip_blanks(pct, end);
		if (c->n_pct == sizeof c->pct_names / sizeof *c->pct_names)
			return 0;
		if (!bdb__parse_number(num, (size_t)(bdb__token_end(num, end) - num), false, &v))
			return bdb_diag_set(
			    d, BDB_EPARSE, in->name, l->number, bdb__line_column(l->line, num),
			    "expected a time in ms after \"%.*s\"", (int)(pct - p), p);
		char *name = c->pct_names[c->n_pct++];
		snprintf(name, sizeof c->pct_names[0], "latency_p%.*s", (int)(pct - 1 - p), p);
		add(c, name, "ms", BDB_LOWER, v);
		return 0;
	}
	bdb__span key, value;
	if (p != l->line || !bdb__split_key(l->line, l->len, ':', &key, &value))
		return 0;
	const struct {
		const char *key;
		char *buf;
		size_t size;
	} texts[] = {{"Server Hostname", c->host, sizeof c->host},
		     {"Server Port", c->port, sizeof c->port},
		     {"Document Path", c->path, sizeof c->path},
		     {"Concurrency Level", c->concurrency, sizeof c->concurrency}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if (bdb__span_is(key, texts[i].key)) {
			bdb__copy_text(texts[i].buf, texts[i].size, value.s, value.n);
			return 0;
		}
	if (bdb__span_is(key, "Server Software")) {
		char sw[256];
		bdb__copy_text(sw, sizeof sw, value.s, value.n);
		return bdb_run_set_env(run, "server_software", sw);
	}
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		const ab_field *f = &fields[i];
		if (!bdb__span_is(key, f->key))
			continue;
		const char *e = bdb__token_end(value.s, end);
		if (!bdb__parse_number(value.s, (size_t)(e - value.s), false, &v))
			return bdb_diag_set(d, BDB_EPARSE, in->name, l->number,
					    bdb__line_column(l->line, value.n ? value.s : end),
					    "expected a number after \"%s:\"", f->key);
		const char *metric = f->metric;
		if (!strcmp(metric, "time_per_request") &&
		    bdb__find(e, (size_t)(end - e), "across"))
			metric = "time_per_request_all";
		c->rate |= !strcmp(metric, "requests_per_sec");
		add(c, metric, f->unit, f->direction, v);
		return 0;
	}
	return 0;
}

int bdb__ingest_ab(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	ab_ctx c = {0};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l))
		rc = read_line(in, &c, &l, run, d);
	if (rc)
		return rc;
	if (!c.rate)
		return bdb_diag_set(d, BDB_EPARSE, in->name, l.number + 1, 1,
				    "no \"Requests per second:\" line: ab did not finish or the "
				    "output is cut short");
	char name[1024];
	snprintf(name, sizeof name, "%s%s%s%s", c.host, c.port[0] ? ":" : "", c.port, c.path);
	bdb_point *p;
	bdb__point_ref ref = {run, run->n_points};
	if ((rc = bdb_run_add_point(run, name[0] ? name : "ab", &p)) ||
	    (c.concurrency[0] && (rc = bdb__set_tag(&ref, "concurrency", c.concurrency))))
		return rc;
	for (size_t i = 0; !rc && i < c.n; i++)
		rc = bdb__add_defined_metric(run, &run->points[ref.point], c.metric[i], c.value[i],
					     c.unit[i], c.direction[i], NULL);
	return rc;
}
