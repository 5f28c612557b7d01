/*
 * sysbench.c - the text of sysbench 1.0 `run` (cpu, memory, fileio; several
 * runs may follow each other in one file):
 *
 *   sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)
 *   Number of threads: 2
 *   Prime numbers limit: 10000
 *   CPU speed:
 *       events per second:  1019.06
 *   General statistics:
 *       total time:                          2.0082s
 *       total number of events:              2048
 *   Latency (ms):
 *            min:                                    0.38
 *            avg:                                    1.96
 *            max:                                   40.49
 *            95th percentile:                       12.52
 *
 * memory prints "Total operations: N (R per second)" and "S MiB transferred
 * (T MiB/sec)"; fileio "File operations:" (reads/s, writes/s, fsyncs/s) and
 * "Throughput:" (read, MiB/s and written, MiB/s).
 *
 * A point is a run, named by its test (cpu, memory, fileio: from the lines
 * only that test prints), tagged threads and the test's options (cpu:
 * prime_limit; memory: block_size, total_size, operation, scope; fileio:
 * block_size, mode). Metrics: events_per_second, ops_per_second, reads,
 * writes, fsyncs (/s, higher), throughput, read_throughput,
 * write_throughput (MiB/s, higher), total_time (s, info), events (info),
 * latency_min, latency_avg, latency_max, latency_p95 (ms, lower). The
 * version on the banner is the environment. A run without its "General
 * statistics:" is an error (the output is cut short).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char banner[] = "sysbench ";

static bool is_banner(const char *line, size_t len)
{
	return bdb__starts_with(line, len, banner) && bdb__find(line, len, " (using ");
}

bool bdb__detect_sysbench(const char *data, size_t len)
{
	return bdb__any_line(data, len, is_banner);
}

/* A metric line: section (NULL: any) and key, the metric, unit, direction. */
typedef struct sb_field {
	const char *section, *key, *metric, *unit;
	bdb_direction direction;
} sb_field;

static const sb_field fields[] = {
    {"CPU speed", "events per second", "events_per_second", "events/s", BDB_HIGHER},
    {"File operations", "reads/s", "reads", "ops/s", BDB_HIGHER},
    {"File operations", "writes/s", "writes", "ops/s", BDB_HIGHER},
    {"File operations", "fsyncs/s", "fsyncs", "ops/s", BDB_HIGHER},
    {"Throughput", "read, MiB/s", "read_throughput", "MiB/s", BDB_HIGHER},
    {"Throughput", "written, MiB/s", "write_throughput", "MiB/s", BDB_HIGHER},
    {"General statistics", "total time", "total_time", "s", BDB_INFO},
    {"General statistics", "total number of events", "events", NULL, BDB_INFO},
    {"Latency (ms)", "min", "latency_min", "ms", BDB_LOWER},
    {"Latency (ms)", "avg", "latency_avg", "ms", BDB_LOWER},
    {"Latency (ms)", "max", "latency_max", "ms", BDB_LOWER},
    {"Latency (ms)", "95th percentile", "latency_p95", "ms", BDB_LOWER},
};

/* Option lines that become tags: the line's key and the tag. */
static const char *const option_tags[][2] = {
    {"Number of threads", "threads"}, {"Prime numbers limit", "prime_limit"},
    {"block size", "block_size"},     {"total size", "total_size"},
    {"operation", "operation"},	      {"scope", "scope"},
};

typedef struct sb_run {
	int line; /* of the banner; 0: none open */
	bool stats;
	char test[16];
	char section[32];
	bdb_kv tags[8];
	char tag_text[8][64];
	size_t n_tags;
	struct {
		const char *metric, *unit;
		bdb_direction direction;
		double value;
	} metrics[16];
	size_t n_metrics;
} sb_run;

static void add_tag(sb_run *r, const char *key, const char *s, size_t n)
{
	if (r->n_tags == sizeof r->tags / sizeof *r->tags)
		return;
	bdb__copy_text(r->tag_text[r->n_tags], sizeof r->tag_text[0], s, n);
	r->tags[r->n_tags] = (bdb_kv){key, r->tag_text[r->n_tags]};
	r->n_tags++;
}

static void add_value(sb_run *r, const char *metric, const char *unit, bdb_direction dir, double v)
{
	if (r->n_metrics == sizeof r->metrics / sizeof *r->metrics)
		return;
	r->metrics[r->n_metrics].metric = metric;
	r->metrics[r->n_metrics].unit = unit;
	r->metrics[r->n_metrics].direction = dir;
	r->metrics[r->n_metrics++].value = v;
}

/* Ends the open run: its point, or an error when it has no statistics. */
static int close_run(bdb__input *in, bdb_run *run, sb_run *r, bdb_diag *d)
{
	if (!r->line)
		return 0;
	if (!r->stats)
		return bdb_diag_set(d, BDB_EPARSE, in->name, r->line, 1,
				    "the sysbench run has no \"General statistics:\": the output "
				    "is cut short");
	bdb_point *p;
	size_t point = run->n_points;
	int rc = bdb_run_add_point(run, r->test[0] ? r->test : "sysbench", &p);
	bdb__point_ref ref = {run, point};
	for (size_t i = 0; !rc && i < r->n_tags; i++)
		rc = bdb__set_tag(&ref, r->tags[i].key, r->tags[i].value);
	for (size_t i = 0; !rc && i < r->n_metrics; i++)
		rc = bdb__add_defined_metric(run, &run->points[point], r->metrics[i].metric,
					     r->metrics[i].value, r->metrics[i].unit,
					     r->metrics[i].direction, NULL);
	return rc;
}

/* "Total operations: 2097152 (2288687.00 per second)", "2048.00 MiB
 * transferred (2235.05 MiB/sec)": the figure in parentheses. */
static bool rate_in_parens(const char *line, size_t len, double *v)
{
	const char *open = bdb__find(line, len, "(");
	if (!open)
		return false;
	const char *s = open + 1, *end = line + len;
	return bdb__parse_number(s, (size_t)(bdb__token_end(s, end) - s), false, v);
}

static int read_line(bdb__input *in, sb_run *r, const bdb__lines *l, bdb_diag *d)
{
	const char *end = l->line + l->len;
	const char *p = bdb__skip_blanks(l->line, end);
	double v;
	if (bdb__starts_with(p, (size_t)(end - p), "CPU speed:"))
		snprintf(r->test, sizeof r->test, "cpu");
	else if (bdb__starts_with(p, (size_t)(end - p), "Running memory speed test"))
		snprintf(r->test, sizeof r->test, "memory");
	else if (bdb__starts_with(p, (size_t)(end - p), "File operations:"))
		snprintf(r->test, sizeof r->test, "fileio");
	if (bdb__starts_with(p, (size_t)(end - p), "Total operations:") &&
	    rate_in_parens(p, (size_t)(end - p), &v)) {
		add_value(r, "ops_per_second", "ops/s", BDB_HIGHER, v);
		return 0;
	}
	if (bdb__find(p, (size_t)(end - p), " transferred (") &&
	    rate_in_parens(p, (size_t)(end - p), &v)) {
		add_value(r, "throughput", "MiB/s", BDB_HIGHER, v);
		return 0;
	}
	if (bdb__starts_with(p, (size_t)(end - p), "Block size ")) {
		add_tag(r, "block_size", p + 11, (size_t)(end - p - 11));
		return 0;
	}
	if (bdb__starts_with(p, (size_t)(end - p), "Doing ")) {
		const char *e = bdb__find(p, (size_t)(end - p), " test");
		add_tag(r, "mode", p + 6, (size_t)((e ? e : end) - p - 6));
		return 0;
	}
	bdb__span key, value;
	if (!bdb__split_key(p, (size_t)(end - p), ':', &key, &value))
		return 0;
	if (value.n == 0 && p == l->line) { /* a section: "Latency (ms):" */
		bdb__copy_text(r->section, sizeof r->section, key.s, key.n);
		if (bdb__span_is(key, "General statistics"))
			r->stats = true;
		return 0;
	}
	for (size_t i = 0; i < sizeof option_tags / sizeof *option_tags; i++)
		if (bdb__span_is(key, option_tags[i][0])) {
			add_tag(r, option_tags[i][1], value.s, value.n);
			return 0;
		}
	if (p == l->line)
		return 0;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		const sb_field *f = &fields[i];
		if (strcmp(r->section, f->section) != 0 || !bdb__span_is(key, f->key))
			continue;
		bdb__span unit;
		if (!bdb__parse_quantity(value.s, value.n, &v, &unit) ||
		    (unit.n && !bdb__span_is(unit, "s")))
			return bdb_diag_set(d, BDB_EPARSE, in->name, l->number,
					    bdb__line_column(l->line, value.n ? value.s : end),
					    "expected a number after \"%s:\"", f->key);
		add_value(r, f->metric, f->unit, f->direction, v);
		return 0;
	}
	return 0;
}

int bdb__ingest_sysbench(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	sb_run r = {0};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		if (is_banner(l.line, l.len)) {
			if ((rc = close_run(in, run, &r, d)))
				break;
			r = (sb_run){.line = l.number};
			char version[64];
			const char *v = l.line + sizeof banner - 1;
			const char *e = bdb__token_end(v, l.line + l.len);
			bdb__copy_text(version, sizeof version, v, (size_t)(e - v));
			rc = bdb_run_set_env(run, "sysbench_version", version);
		} else if (r.line) {
			rc = read_line(in, &r, &l, d);
		}
	}
	return rc ? rc : close_run(in, run, &r, d);
}
