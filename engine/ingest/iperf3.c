/*
 * iperf3.c - iperf3 -J (a TCP test, client side):
 *
 *   {"start": {"version": "iperf 3.12", "system_info": "Linux vm ...",
 *              "timestamp": {"timesecs": 1796533015},
 *              "test_start": {"protocol": "TCP", "num_streams": 1,
 *                             "blksize": 131072, "reverse": 0, ...}},
 *    "intervals": [...],
 *    "end": {"sum_sent": {"bytes", "bits_per_second", "retransmits"},
 *            "sum_received": {"bytes", "bits_per_second"},
 *            "cpu_utilization_percent": {"host_total", "remote_total", ...}}}
 *
 * Two points, "sent" and "received", tagged with the test's protocol,
 * streams (num_streams), blksize and reverse: bitrate (bit/s, higher),
 * bytes (B, info); "sent" also has retransmits (lower) and cpu_host and
 * cpu_remote (%, info). version and system_info are the environment,
 * start.timestamp.timesecs the run's time. An "error" member (iperf3
 * failed) is an error. Intervals are not read.
 */
#include "internal.h"

#include <string.h>

bool bdb__detect_iperf3(const json_t *root)
{
	const json_t *start = json_object_get(root, "start");
	return json_is_object(root) && json_object_get(root, "end") &&
	       json_object_get(start, "test_start") != NULL;
}

static int set_tags(bdb__json_doc *doc, const json_t *test, bdb__point_ref *ref, bdb_diag *d)
{
	static const char *const keys[][2] = {{"protocol", "protocol"},
					      {"num_streams", "streams"},
					      {"blksize", "blksize"},
					      {"reverse", "reverse"}};
	int rc = 0;
	for (size_t i = 0; !rc && test && i < sizeof keys / sizeof *keys; i++) {
		char buf[64];
		const char *text;
		if (!(rc = bdb__json_scalar(doc, test, keys[i][0], false, buf, sizeof buf, &text,
					    d)) &&
		    text)
			rc = bdb__set_tag(ref, keys[i][1], text);
	}
	return rc;
}

static const bdb__metric_field sum_fields[] = {
    {"bits_per_second", "bitrate", "bit/s", BDB_HIGHER, true},
    {"bytes", NULL, "B", BDB_INFO, true},
    {"retransmits", NULL, NULL, BDB_LOWER, false},
};
static const bdb__metric_field cpu_fields[] = {
    {"host_total", "cpu_host", "%", BDB_INFO, false},
    {"remote_total", "cpu_remote", "%", BDB_INFO, false},
};

static int read_sum(bdb__json_doc *doc, const json_t *end, const json_t *test, const char *key,
		    const char *name, bdb_run *run, size_t *point, bdb_diag *d)
{
	json_t *sum;
	bdb_point *p;
	int rc = bdb__json_object(doc, end, key, true, &sum, d);
	bdb__point_ref ref = {run, run->n_points};
	if (rc || (rc = bdb_run_add_point(run, name, &p)) || (rc = set_tags(doc, test, &ref, d)) ||
	    (rc = bdb__read_metric_fields(doc, sum, sum_fields, 3, run, ref.point, d)))
		return rc;
	if (point)
		*point = ref.point;
	return 0;
}

int bdb__ingest_iperf3(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	bdb__json_doc *doc = in->json;
	int rc = bdb__json_need_object(doc, "iperf3 -J output", d);
	const char *error, *version, *system;
	json_t *start, *end, *test, *stamp, *cpu;
	if (rc || (rc = bdb__json_string(doc, doc->root, "error", false, &error, d)))
		return rc;
	if (error)
		return bdb__json_fail(doc, doc->root, "error", BDB__NO_INDEX, d,
				      "iperf3 failed: %s", error);
	if ((rc = bdb__json_object(doc, doc->root, "start", true, &start, d)) ||
	    (rc = bdb__json_object(doc, doc->root, "end", true, &end, d)) ||
	    (rc = bdb__json_object(doc, start, "test_start", false, &test, d)) ||
	    (rc = bdb__json_object(doc, start, "timestamp", false, &stamp, d)) ||
	    (rc = bdb__json_string(doc, start, "version", false, &version, d)) ||
	    (rc = bdb__json_string(doc, start, "system_info", false, &system, d)) ||
	    (rc = bdb__json_object(doc, end, "cpu_utilization_percent", false, &cpu, d)))
		return rc;
	if (version && (rc = bdb_run_set_env(run, "version", version)))
		return rc;
	if (system && (rc = bdb_run_set_env(run, "system_info", system)))
		return rc;
	double secs;
	bool has_secs = false;
	if (stamp && (rc = bdb__json_number(doc, stamp, "timesecs", false, &secs, &has_secs, d)))
		return rc;
	if (has_secs && secs > 0 && secs < 1e11) {
		run->timestamp_us = (int64_t)(secs * 1e6);
		in->has_timestamp = true;
	}
	size_t sent;
	if ((rc = read_sum(doc, end, test, "sum_sent", "sent", run, &sent, d)) ||
	    (rc = read_sum(doc, end, test, "sum_received", "received", run, NULL, d)))
		return rc;
	return cpu ? bdb__read_metric_fields(doc, cpu, cpu_fields, 2, run, sent, d) : 0;
}
