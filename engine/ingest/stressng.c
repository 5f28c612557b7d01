/*
 * stressng.c - the YAML file of stress-ng --metrics --yaml FILE:
 *
 *   ---
 *   system-info:
 *         stress-ng-version: 0.15.06
 *         epoch-secs: 1796533063
 *         hostname: vm
 *         ...
 *   metrics:
 *       - stressor: cpu
 *         bogo-ops: 1071
 *         bogo-ops-per-second-real-time: 535.492978
 *         ...
 *   ...
 *
 * A point is a stressor. bogo-ops (info), bogo-ops-per-second-real-time
 * and bogo-ops-per-second-usr-sys-time (bogo-ops/s, higher),
 * wall-clock-time, user-time and system-time (s, info),
 * cpu-usage-per-instance (%, info), max-rss (KB, info); a stressor's own
 * metrics (add-matrix-ops-per-sec, ...) keep their names, without a
 * definition. From system-info, the stable facts (version, host, kernel,
 * machine, compiler, RAM, page size, CPUs) are the environment and
 * epoch-secs the run's time; the rest (free RAM, uptime) is not read.
 * Other sections are skipped. The document must end with stress-ng's
 * "..." line, so that a file cut short is not taken for a whole one.
 */
#include "internal.h"

#include <string.h>

typedef struct stress_metric {
	const char *key, *unit;
	bdb_direction direction;
} stress_metric;

static const stress_metric known[] = {
    {"bogo-ops", NULL, BDB_INFO},
    {"bogo-ops-per-second-real-time", "bogo-ops/s", BDB_HIGHER},
    {"bogo-ops-per-second-usr-sys-time", "bogo-ops/s", BDB_HIGHER},
    {"wall-clock-time", "s", BDB_INFO},
    {"user-time", "s", BDB_INFO},
    {"system-time", "s", BDB_INFO},
    {"cpu-usage-per-instance", "%", BDB_INFO},
    {"max-rss", "KB", BDB_INFO},
};

static const char *const env_keys[] = {
    "stress-ng-version", "hostname", "sysname",	 "release", "version",	   "machine",
    "compiler",		 "totalram", "pagesize", "cpus",    "cpus-online",
};

bool bdb__detect_stressng(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	bool section = false;
	while (bdb__lines_next(&l)) {
		if (bdb__starts_with(l.line, l.len, "metrics:") ||
		    bdb__starts_with(l.line, l.len, "system-info:"))
			section = true;
		else if (section && (bdb__find(l.line, l.len, "- stressor:") ||
				     bdb__find(l.line, l.len, "stress-ng-version:")))
			return true;
	}
	return false;
}

/* The value as YAML writes a scalar: without its quotes. */
static bdb__span unquote(bdb__span v)
{
	if (v.n >= 2 && (v.s[0] == '\'' || v.s[0] == '"') && v.s[v.n - 1] == v.s[0])
		return (bdb__span){v.s + 1, v.n - 2};
	return v;
}

static int env_line(bdb__input *in, bdb_run *run, bdb__span key, bdb__span value)
{
	char k[64], v[512];
	bdb__copy_text(k, sizeof k, key.s, key.n);
	value = unquote(value);
	bdb__copy_text(v, sizeof v, value.s, value.n);
	double secs;
	if (!strcmp(k, "epoch-secs") && bdb__parse_number(value.s, value.n, false, &secs) &&
	    secs > 0 && secs < 1e11) {
		run->timestamp_us = (int64_t)(secs * 1e6);
		in->has_timestamp = true;
	}
	for (size_t i = 0; i < sizeof env_keys / sizeof *env_keys; i++)
		if (!strcmp(k, env_keys[i]))
			return bdb_run_set_env(run, k, v);
	return 0;
}

static int metric_line(bdb_run *run, size_t point, const char *key, double v)
{
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (!strcmp(key, known[i].key))
			return bdb__add_defined_metric(run, &run->points[point], key, v,
						       known[i].unit, known[i].direction, NULL);
	return bdb__add_metric(run, &run->points[point], key, v, NULL, NULL);
}

int bdb__ingest_stressng(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	enum { OTHER, SYSTEM, METRICS } section = OTHER;
	bool ended = false, stressor = false;
	size_t point = 0;
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (bdb__lines_next(&l)) {
		const char *end = l.line + l.len;
		const char *p = bdb__skip_blanks(l.line, end);
		if (p == end || *p == '#' || bdb__starts_with(l.line, l.len, "---"))
			continue;
		if (bdb__starts_with(l.line, l.len, "...")) {
			ended = true;
			break;
		}
		if (p == l.line) { /* a section */
			section = bdb__starts_with(l.line, l.len, "system-info:") ? SYSTEM
				  : bdb__starts_with(l.line, l.len, "metrics:")	  ? METRICS
										  : OTHER;
			stressor = false;
			continue;
		}
		if (section == OTHER)
			continue;
		bool item = *p == '-' && p + 1 < end && p[1] == ' ';
		if (item)
			p = bdb__skip_blanks(p + 1, end);
		bdb__span key, value;
		if (!bdb__split_key(p, (size_t)(end - p), ':', &key, &value))
			return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					    bdb__line_column(l.line, p),
					    "expected \"key: value\" in stress-ng's YAML");
		if (section == SYSTEM) {
			if ((rc = env_line(in, run, key, value)))
				return rc;
			continue;
		}
		if (item) {
			if (!bdb__span_is(key, "stressor") || value.n == 0)
				return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
						    bdb__line_column(l.line, p),
						    "expected \"- stressor: NAME\" to start a "
						    "stressor's metrics");
			char name[256];
			value = unquote(value);
			bdb__copy_text(name, sizeof name, value.s, value.n);
			bdb_point *pt;
			point = run->n_points;
			if ((rc = bdb_run_add_point(run, name, &pt)))
				return rc;
			stressor = true;
			continue;
		}
		if (!stressor)
			return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					    bdb__line_column(l.line, p),
					    "a metric before the first \"- stressor: NAME\"");
		double v;
		char k[128];
		bdb__copy_text(k, sizeof k, key.s, key.n);
		if (!bdb__parse_number(value.s, value.n, false, &v))
			return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					    bdb__line_column(l.line, value.n ? value.s : end),
					    "\"%s\" must be a number, got \"%.*s\"", k,
					    (int)value.n, value.s);
		if ((rc = metric_line(run, point, k, v)))
			return rc;
	}
	if (!ended)
		return bdb_diag_set(d, BDB_EPARSE, in->name, l.number + 1, 1,
				    "the YAML ends without stress-ng's closing \"...\" line: the "
				    "file is cut short");
	return 0;
}
