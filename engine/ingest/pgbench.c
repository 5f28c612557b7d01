/*
 * pgbench.c - the summary pgbench prints at the end of a run (PostgreSQL
 * 14 and later; several runs may follow each other in one file):
 *
 *   pgbench (15.18 (Debian 15.18-0+deb12u1))
 *   transaction type: <builtin: TPC-B (sort of)>
 *   scaling factor: 1
 *   query mode: simple
 *   number of clients: 2
 *   number of threads: 2
 *   ...
 *   number of transactions actually processed: 16310
 *   number of failed transactions: 0 (0.000%)
 *   latency average = 0.367 ms
 *   latency stddev = 0.120 ms          (with --progress or --rate)
 *   initial connection time = 4.789 ms
 *   tps = 5444.524931 (without initial connection time)
 *
 * A point is a run: the transaction type (the builtin script's name, or
 * the script file), tagged scale, clients, threads and mode. tps (tx/s,
 * higher; the figure without connection time, also the older "excluding
 * connections establishing" one), latency (average, ms, lower),
 * latency_stddev (ms, info), connection_time (ms, info), transactions
 * (info), failed (lower). The version on the first line is the
 * environment. Per-statement latencies (-r) and progress lines are not
 * read. A run without its tps line is an error (the output is cut short).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char version[] = "pgbench (";

/* "pgbench (15.18 (Debian 15.18-0+deb12u1))", the first line of a run. */
static bool is_version(const char *line, size_t len)
{
	return bdb__starts_with(line, len, version) && len > sizeof version && line[len - 1] == ')';
}

static bool is_pgbench_line(const char *line, size_t len)
{
	return bdb__starts_with(line, len, "transaction type: ") || is_version(line, len);
}

bool bdb__detect_pgbench(const char *data, size_t len)
{
	return bdb__any_line(data, len, is_pgbench_line);
}

typedef struct pg_field {
	const char *prefix; /* the line's start */
	const char *metric; /* NULL: a tag */
	const char *name;   /* the tag, or the metric's unit */
	bdb_direction direction;
} pg_field;

static const pg_field fields[] = {
    {"scaling factor: ", NULL, "scale", BDB_INFO},
    {"query mode: ", NULL, "mode", BDB_INFO},
    {"number of clients: ", NULL, "clients", BDB_INFO},
    {"number of threads: ", NULL, "threads", BDB_INFO},
    {"number of transactions actually processed: ", "transactions", NULL, BDB_INFO},
    {"number of failed transactions: ", "failed", NULL, BDB_LOWER},
    {"latency average = ", "latency", "ms", BDB_LOWER},
    {"latency stddev = ", "latency_stddev", "ms", BDB_INFO},
    {"initial connection time = ", "connection_time", "ms", BDB_INFO},
    {"tps = ", "tps", "tx/s", BDB_HIGHER},
};

typedef struct pg_run {
	int line; /* of its "transaction type:", 0: none open */
	char name[256];
	bool tps;
} pg_run;

static int close_run(bdb__input *in, const pg_run *r, bdb_diag *d)
{
	if (r->line && !r->tps)
		return bdb_diag_set(d, BDB_EPARSE, in->name, r->line, 1,
				    "the pgbench run \"%s\" has no \"tps = \" line: the output "
				    "is cut short",
				    r->name);
	return 0;
}

/* Reads a field line into the open run's point. */
static int read_field(bdb__input *in, bdb_run *run, pg_run *r, const pg_field *f,
		      const bdb__lines *l, bdb_diag *d)
{
	const char *end = l->line + l->len;
	const char *v = l->line + strlen(f->prefix);
	bdb__point_ref ref = {run, run->n_points - 1};
	if (!f->metric) {
		char text[128];
		bdb__copy_text(text, sizeof text, v, (size_t)(end - v));
		return bdb__set_tag(&ref, f->name, text);
	}
	const char *stop = bdb__token_end(v, end);
	double value;
	if (!bdb__parse_number(v, (size_t)(stop - v), false, &value))
		return bdb_diag_set(d, BDB_EPARSE, in->name, l->number, bdb__line_column(l->line, v),
				    "expected a number after \"%s\"", f->prefix);
	/* tps "including connections establishing" (before 14) is the
	 * lesser figure; the other one follows it. */
	if (!strcmp(f->metric, "tps")) {
		if (bdb__find(stop, (size_t)(end - stop), "including"))
			return 0;
		r->tps = true;
	}
	return bdb__add_defined_metric(run, &run->points[ref.point], f->metric, value, f->name,
				       f->direction, NULL);
}

int bdb__ingest_pgbench(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	pg_run r = {0};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		static const char type[] = "transaction type: ";
		if (is_version(l.line, l.len)) {
			char text[128];
			bdb__copy_text(text, sizeof text, l.line + sizeof version - 1,
				       l.len - sizeof version);
			rc = bdb_run_set_env(run, "pgbench_version", text);
			continue;
		}
		if (bdb__starts_with(l.line, l.len, type)) {
			if ((rc = close_run(in, &r, d)))
				break;
			const char *s = l.line + sizeof type - 1, *e = l.line + l.len;
			static const char builtin[] = "<builtin: ";
			if (bdb__starts_with(s, (size_t)(e - s), builtin) && e[-1] == '>') {
				s += sizeof builtin - 1;
				e--;
			}
			r = (pg_run){.line = l.number};
			bdb__copy_text(r.name, sizeof r.name, s, (size_t)(e - s));
			bdb_point *p;
			rc = bdb_run_add_point(run, r.name, &p);
			continue;
		}
		for (size_t i = 0; r.line && i < sizeof fields / sizeof *fields; i++)
			if (bdb__starts_with(l.line, l.len, fields[i].prefix)) {
				rc = read_field(in, run, &r, &fields[i], &l, d);
				break;
			}
	}
	return rc ? rc : close_run(in, &r, d);
}
