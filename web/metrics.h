/*
 * metrics.h - internal to web/: the counters of `benchdb serve` and their
 * Prometheus text exposition (GET /metrics, docs/api.md). Pure: the server
 * records into a bdb__metrics under its own lock and writes it out; tests
 * drive both directly.
 */
#ifndef BDB_WEB_METRICS_H
#define BDB_WEB_METRICS_H

#include "router.h"

/* Upper bounds (seconds) of the latency histogram's buckets, +Inf aside. */
#define BDB__METRICS_BUCKETS 12
/* Distinct statuses counted per route; more are counted as the last. */
#define BDB__METRICS_CODES 16

typedef struct bdb__route_stats {
	uint64_t in_bucket[BDB__METRICS_BUCKETS + 1]; /* not cumulative; last: above all */
	uint64_t count;
	double seconds; /* sum of latencies */
	struct {
		unsigned code;
		uint64_t n;
	} codes[BDB__METRICS_CODES];
	size_t n_codes;
} bdb__route_stats;

typedef struct bdb__metrics {
	/* One per route (bdb__route_id), then one for paths no route has
	 * (labelled "other", so that no client can make up label values). */
	bdb__route_stats routes[BDB__N_ROUTES + 1];
} bdb__metrics;

/* Counts one answered request: its route (NULL: none), status and time. */
void bdb__metrics_record(bdb__metrics *m, const bdb__route *route, unsigned status, double seconds);

/* What the text reports besides the requests; a negative value is left out. */
typedef struct bdb__metrics_gauges {
	double uptime_seconds;
	double store_bytes;
	double runs;
} bdb__metrics_gauges;

/*
 * Appends m and g to out in the Prometheus text exposition format 0.0.4:
 * each family a "# HELP" and a "# TYPE" line, then its samples;
 * benchdb_http_requests_total{route,code} (counter, routes with requests
 * only, codes ascending), benchdb_http_request_duration_seconds{route}
 * (histogram: cumulative _bucket{le} lines ending with le="+Inf", _sum,
 * _count), benchdb_store_size_bytes, benchdb_runs, benchdb_uptime_seconds
 * (gauges). On allocation failure out->failed is set.
 */
void bdb__metrics_write(const bdb__metrics *m, const bdb__metrics_gauges *g, bdb_buf *out);

#endif /* BDB_WEB_METRICS_H */
