/*
 * metrics.c - request counters and their Prometheus text (metrics.h).
 */
#include "metrics.h"

#include <string.h>

static const double bucket_le[BDB__METRICS_BUCKETS] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
						       0.05,   0.1,   0.25,   0.5,   1,	   5};

void bdb__metrics_record(bdb__metrics *m, const bdb__route *route, unsigned status, double seconds)
{
	bdb__route_stats *r = &m->routes[route ? route->id : BDB__N_ROUTES];
	size_t b = 0;
	while (b < BDB__METRICS_BUCKETS && seconds > bucket_le[b])
		b++;
	r->in_bucket[b]++;
	r->count++;
	r->seconds += seconds;
	size_t i = 0, at;
	while (i < r->n_codes && r->codes[i].code < status)
		i++;
	if (i < r->n_codes && r->codes[i].code == status) {
		at = i;
	} else if (r->n_codes < BDB__METRICS_CODES) {
		/* Kept sorted: the text lists codes in ascending order. */
		memmove(&r->codes[i + 1], &r->codes[i], (r->n_codes - i) * sizeof r->codes[0]);
		r->codes[i].code = status;
		r->codes[i].n = 0;
		r->n_codes++;
		at = i;
	} else {
		at = BDB__METRICS_CODES - 1;
	}
	r->codes[at].n++;
}

/* The route label of routes[i] (the pattern: static text without '"' or
 * '\\', which would need escaping). */
static const char *route_label(size_t i)
{
	size_t n;
	const bdb__route *routes = bdb__routes(&n);
	return i < n ? routes[i].pattern : "other";
}

static void family(bdb_buf *out, const char *name, const char *type, const char *help)
{
	bdb_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void bdb__metrics_write(const bdb__metrics *m, const bdb__metrics_gauges *g, bdb_buf *out)
{
	const size_t n = BDB__N_ROUTES + 1;
	family(out, "benchdb_http_requests_total", "counter",
	       "HTTP requests answered, by route and status code.");
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < m->routes[i].n_codes; c++)
			bdb_buf_printf(
			    out, "benchdb_http_requests_total{route=\"%s\",code=\"%u\"} %llu\n",
			    route_label(i), m->routes[i].codes[c].code,
			    (unsigned long long)m->routes[i].codes[c].n);
	family(out, "benchdb_http_request_duration_seconds", "histogram",
	       "Time from a request's first byte to its answer, by route.");
	for (size_t i = 0; i < n; i++) {
		const bdb__route_stats *r = &m->routes[i];
		if (!r->count)
			continue;
		uint64_t cumulative = 0;
		for (size_t b = 0; b <= BDB__METRICS_BUCKETS; b++) {
			cumulative += r->in_bucket[b];
			if (b < BDB__METRICS_BUCKETS)
				bdb_buf_printf(out,
					       "benchdb_http_request_duration_seconds_bucket{route="
					       "\"%s\",le=\"%g\"} %llu\n",
					       route_label(i), bucket_le[b],
					       (unsigned long long)cumulative);
			else
				bdb_buf_printf(out,
					       "benchdb_http_request_duration_seconds_bucket{route="
					       "\"%s\",le=\"+Inf\"} %llu\n",
					       route_label(i), (unsigned long long)cumulative);
		}
		bdb_buf_printf(out,
			       "benchdb_http_request_duration_seconds_sum{route=\"%s\"} %.9g\n"
			       "benchdb_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
			       route_label(i), r->seconds, route_label(i),
			       (unsigned long long)r->count);
	}
	if (g->store_bytes >= 0) {
		family(out, "benchdb_store_size_bytes", "gauge",
		       "Size of the store's data file (data.mdb) in bytes.");
		bdb_buf_printf(out, "benchdb_store_size_bytes %.0f\n", g->store_bytes);
	}
	if (g->runs >= 0) {
		family(out, "benchdb_runs", "gauge", "Runs in the store.");
		bdb_buf_printf(out, "benchdb_runs %.0f\n", g->runs);
	}
	family(out, "benchdb_uptime_seconds", "gauge", "Seconds since the server started.");
	bdb_buf_printf(out, "benchdb_uptime_seconds %.3f\n", g->uptime_seconds);
}
