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
 * unit ("msec" written "ms"; none for counts), lower is better. An event
 * seen again (perf stat --append, one block per run) gives samples and
 * their mean; in another unit it is an error. Events
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
		size_t n = bdb__csv_spans(l.line, l.len, f, MAX_FIELDS, &bad);
		if (n != (size_t)-1 && n >= 6 && event_line(f, n, &bad, &why))
			return true;
		tried++;
	}
	return false;
}

static bool same_unit(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* One event line: its value into the point, and into the event's samples. */
static int read_event(bdb__input *in, bdb_run *run, bdb_point **p, bdb__samples *samples,
		      const bdb__lines *l, const bdb__span *f, bdb_diag *d)
{
	double v;
	bdb__parse_number(f[0].s, f[0].n, false, &v);
	char event[256], text[32];
	bdb__copy_text(event, sizeof event, f[2].s, f[2].n);
	bdb__copy_text(text, sizeof text, f[1].s, f[1].n);
	const char *unit = bdb__span_is(f[1], "msec") ? "ms" : text[0] ? text : NULL;
	int rc;
	if (!*p && (rc = bdb_run_add_point(run, "perf stat", p)))
		return rc;
	const bdb_metric *seen = bdb_point_find_metric(*p, event);
	unit = bdb__unit_normal(run, unit);
	if (seen && !same_unit(seen->unit, unit))
		return bdb_diag_set(d, BDB_EPARSE, in->name, l->number,
				    bdb__line_column(l->line, f[1].s),
				    "event %s has unit \"%s\" here but \"%s\" on an earlier line", event,
				    unit ? unit : "", seen->unit ? seen->unit : "");
	if ((rc = bdb__add_defined_metric(run, *p, event, v, unit, BDB_LOWER, NULL)))
		return rc;
	return bdb__samples_add(samples, 0, event, v);
}

int bdb__ingest_perf(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	bdb_point *p = NULL;
	bdb__samples samples = {0};
	while (!rc && bdb__lines_next(&l)) {
		if (blank_or_comment(&l))
			continue;
		bdb__span f[MAX_FIELDS];
		const char *bad = l.line, *why = "malformed CSV: a quoted field must end with \"";
		size_t n = bdb__csv_spans(l.line, l.len, f, MAX_FIELDS, &bad);
		if (n == (size_t)-1 || !event_line(f, n, &bad, &why))
			rc = bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
					  bdb__line_column(l.line, bad), "%s", why);
		else if (!not_counted(f[0]))
			rc = read_event(in, run, &p, &samples, &l, f, d);
	}
	if (!rc && p)
		rc = bdb__samples_finish(&samples, run);
	bdb__samples_free(&samples);
	if (rc)
		return rc;
	if (!p)
		return bdb_diag_set(d, BDB_EPARSE, in->name, 1, 1,
				    "no counted event in this perf stat output (every event is "
				    "<not supported> or <not counted>)");
	return 0;
}
