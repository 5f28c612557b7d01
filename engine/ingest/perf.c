/*
 * perf.c - perf stat -x, (CSV, one event a line):
 *
 *   # started on Sun Dec  6 04:57:44 2026
 *
 *   904.18,msec,task-clock,904182318,100.00,0.723,CPUs utilized
 *   137,,context-switches,904182318,100.00,151.518,/sec
 *   <not supported>,,cycles,0,100.00,,
 *
 * with -r N a variance column ("1.98%") follows the event. The fields are
 * value, unit, event, [variance,] counter run time, percentage enabled,
 * metric value, metric unit. One point, "perf stat" (a file is one command;
 * --tag says which), with a metric per counted event named as perf names it
 * (task-clock, instructions, cycles:u): the value (the mean with -r), its
 * unit ("msec" written "ms"; none for counts), lower is better. Events
 * perf could not count (<not supported>, <not counted>) are left out; the
 * derived metrics and the variance are not read. Per-CPU (-A) and interval
 * (-I) output, whose first field is no value, are not this format.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_FIELDS 16

static bool blank_or_comment(const bdb__lines *l)
{
	const char *p = bdb__skip_blanks(l->line, l->line + l->len);
	return p == l->line + l->len || *p == '#';
}

static bool not_counted(bdb__span v)
{
	return v.n > 5 && memcmp(v.s, "<not ", 5) == 0;
}

/* Whether fields[0..n) are an event line; *bad and *why say why not. */
static bool event_line(const bdb__span *f, size_t n, const char **bad, const char **why)
{
	double v;
	if (n < 3) {
		*bad = f[n - 1].s + f[n - 1].n;
		*why = "expected value,unit,event,... (perf stat -x,)";
		return false;
	}
	if (!not_counted(f[0]) && !bdb__parse_number(f[0].s, f[0].n, false, &v)) {
		*bad = f[0].s;
		*why = "expected the counter's value (a number, or <not supported>)";
		return false;
	}
	if (f[1].n && ((f[1].s[0] >= '0' && f[1].s[0] <= '9') || f[1].s[0] == '.')) {
		*bad = f[1].s;
		*why = "expected the unit (like msec) or nothing after the value";
		return false;
	}
	if (f[2].n == 0 || bdb__find(f[2].s, f[2].n, " ")) {
		*bad = f[2].s;
		*why = "expected an event name (like task-clock) as the third field";
		return false;
	}
	return true;
}

bool bdb__detect_perf(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	for (int tried = 0; tried < 8 && bdb__lines_next(&l);) {
		if (blank_or_comment(&l))
			continue;
		bdb__span f[MAX_FIELDS];
		const char *bad, *why;
		size_t n = bdb__csv_split(l.line, l.len, f, MAX_FIELDS, &bad);
		if (n != (size_t)-1 && n >= 6 && event_line(f, n, &bad, &why))
			return true;
		tried++;
	}
	return false;
}

int bdb__ingest_perf(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	bdb_point *p = NULL;
	while (bdb__lines_next(&l)) {
		if (blank_or_comment(&l))
			continue;
		bdb__span f[MAX_FIELDS];
		const char *bad = l.line, *why = "malformed CSV: a quoted field must end with \"";
		size_t n = bdb__csv_split(l.line, l.len, f, MAX_FIELDS, &bad);
		if (n == (size_t)-1 || !event_line(f, n, &bad, &why))
			return bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					    bdb__column(l.line, bad), "%s", why);
		if (not_counted(f[0]))
			continue;
		double v;
		bdb__parse_number(f[0].s, f[0].n, false, &v);
		char event[256], unit[32];
		bdb__copy_text(event, sizeof event, f[2].s, f[2].n);
		if (bdb__span_is(f[1], "msec"))
			snprintf(unit, sizeof unit, "ms");
		else
			bdb__copy_text(unit, sizeof unit, f[1].s, f[1].n);
		if ((!p && (rc = bdb_run_add_point(run, "perf stat", &p))) ||
		    (rc = bdb__add_defined_metric(run, p, event, v, unit[0] ? unit : NULL,
						  BDB_LOWER, NULL)))
			return rc;
	}
	if (!p)
		return bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				    "no counted event in this perf stat output (every event is "
				    "<not supported> or <not counted>)");
	return 0;
}
