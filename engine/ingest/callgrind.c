/*
 * callgrind.c - valgrind --tool=callgrind: the callgrind.out file itself or
 * what callgrind_annotate prints of it.
 *
 *   # callgrind format                       callgrind.out.PID
 *   creator: callgrind-3.19.0
 *   cmd:  /bin/true
 *   desc: I1 cache: 32768 B, 64 B, 8-way associative
 *   events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
 *   summary: 127670 28107 11769 1083 917 570 1065 781 547
 *   ... (costs per function) ...
 *   totals: 127668 28107 11769 1082 917 570 1064 781 547
 *
 *   Profile data file 'callgrind.out' (creator: callgrind-3.19.0)   annotate
 *   I1 cache: 32768 B, 64 B, 8-way associative
 *   Profiled target:  /bin/true (PID 12033, part 1)
 *   Events shown:     Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
 *   127,670 (100.0%) 28,107 (100.0%) ...  PROGRAM TOTALS
 *
 * One point, the profiled command (cmd: or Profiled target:), with one
 * metric per event: the program's total count (callgrind.out: "summary:",
 * else "totals:"; annotate: the PROGRAM TOTALS line), no unit, lower is
 * better. Counts callgrind leaves out at the end of a cost line are 0.
 * The creator and the simulated caches (I1, D1, LL) are the environment.
 * Per-function costs are not read.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_EVENTS 64

static const char annotate_mark[] = "Profile data file '";

bool bdb__detect_callgrind(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	bool annotate = false;
	while (bdb__lines_next(&l)) {
		if (l.number == 1 && bdb__starts_with(l.line, l.len, "# callgrind format"))
			return true;
		if (bdb__starts_with(l.line, l.len, "creator: callgrind"))
			return true;
		if (bdb__starts_with(l.line, l.len, annotate_mark))
			annotate = true;
		else if (annotate && bdb__find(l.line, l.len, "PROGRAM TOTALS"))
			return true;
	}
	return false;
}

typedef struct cg_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	char cmd[1024];
	char events[MAX_EVENTS][32];
	size_t n_events;
	double values[MAX_EVENTS];
	int values_line; /* 0: none read; summary beats totals */
	bool summary;
} cg_ctx;

static int set_env(cg_ctx *c, bdb__span key, bdb__span value)
{
	char k[64], v[256];
	bdb__copy_text(k, sizeof k, key.s, key.n);
	bdb__copy_text(v, sizeof v, value.s, value.n);
	return bdb_run_set_env(c->run, k, v);
}

/* "I1 cache: 32768 B, ..." (after "desc: " in callgrind.out). */
static int cache_line(cg_ctx *c, const char *s, size_t n)
{
	bdb__span key, value;
	static const char suffix[] = " cache";
	size_t k = sizeof suffix - 1;
	if (bdb__split_key(s, n, ':', &key, &value) && key.n > k &&
	    memcmp(key.s + key.n - k, suffix, k) == 0)
		return set_env(c, key, value);
	return 0;
}

static int read_events(cg_ctx *c, const bdb__lines *l, const char *s)
{
	const char *end = l->line + l->len;
	c->n_events = 0;
	for (s = bdb__skip_blanks(s, end); s < end; s = bdb__skip_blanks(s, end)) {
		const char *e = bdb__token_end(s, end);
		if (c->n_events == MAX_EVENTS)
			return bdb_diag_set(c->d, BDB_EPARSE, c->in->name, l->number,
					    bdb__line_column(l->line, s), "more than %d events",
					    MAX_EVENTS);
		bdb__copy_text(c->events[c->n_events++], sizeof c->events[0], s, (size_t)(e - s));
		s = e;
	}
	return 0;
}

/* The counts of s..end; with_shares: annotate's "127,670 (100.0%)". */
static int read_counts(cg_ctx *c, const bdb__lines *l, const char *s, const char *end,
		       bool with_shares)
{
	if (!c->n_events)
		return bdb_diag_set(c->d, BDB_EPARSE, c->in->name, l->number,
				    bdb__line_column(l->line, s),
				    "counts before the event names (an \"events:\" or "
				    "\"Events shown:\" line)");
	size_t n = 0;
	for (s = bdb__skip_blanks(s, end); s < end; s = bdb__skip_blanks(s, end)) {
		const char *e = bdb__token_end(s, end);
		if (with_shares && *s == '(') { /* "( 1.66%)" may hold a blank */
			const char *close = bdb__find(s, (size_t)(end - s), ")");
			s = close ? close + 1 : end;
			continue;
		}
		double v;
		if (n == c->n_events)
			return bdb_diag_set(c->d, BDB_EPARSE, c->in->name, l->number,
					    bdb__line_column(l->line, s),
					    "more counts than the %zu events", c->n_events);
		if (with_shares && e - s == 1 && *s == '.')
			v = 0;
		else if (!bdb__parse_number(s, (size_t)(e - s), with_shares, &v) || v < 0)
			return bdb_diag_set(
			    c->d, BDB_EPARSE, c->in->name, l->number, bdb__line_column(l->line, s),
			    "expected the count of event %s (a whole number)", c->events[n]);
		c->values[n++] = v;
		s = e;
	}
	for (; n < c->n_events; n++)
		c->values[n] = 0;
	c->values_line = l->number;
	return 0;
}

static int read_line(cg_ctx *c, const bdb__lines *l, bool *annotate)
{
	const char *line = l->line, *end = line + l->len;
	size_t n = l->len;
	if (bdb__starts_with(line, n, "events: "))
		return read_events(c, l, line + 8);
	if (bdb__starts_with(line, n, "Events shown:"))
		return read_events(c, l, line + 13);
	if (bdb__starts_with(line, n, "summary:")) {
		c->summary = true;
		return read_counts(c, l, line + 8, end, false);
	}
	if (bdb__starts_with(line, n, "totals:"))
		return c->summary ? 0 : read_counts(c, l, line + 7, end, false);
	if (*annotate && bdb__find(line, n, "PROGRAM TOTALS"))
		return read_counts(c, l, line, bdb__find(line, n, "PROGRAM TOTALS"), true);
	if (bdb__starts_with(line, n, "cmd:") || bdb__starts_with(line, n, "Profiled target:")) {
		const char *s = bdb__skip_blanks(line + (line[0] == 'c' ? 4 : 16), end);
		const char *pid = bdb__find(s, (size_t)(end - s), " (PID ");
		bdb__copy_text(c->cmd, sizeof c->cmd, s, (size_t)((pid ? pid : end) - s));
		return 0;
	}
	if (bdb__starts_with(line, n, "creator: "))
		return set_env(c, (bdb__span){"creator", 7}, (bdb__span){line + 9, n - 9});
	if (bdb__starts_with(line, n, annotate_mark)) {
		*annotate = true;
		const char *cr = bdb__find(line, n, "(creator: ");
		if (cr && end[-1] == ')')
			return set_env(c, (bdb__span){"creator", 7},
				       (bdb__span){cr + 10, (size_t)(end - 1 - cr - 10)});
		return 0;
	}
	if (bdb__starts_with(line, n, "desc: "))
		return cache_line(c, line + 6, n - 6);
	if (*annotate)
		return cache_line(c, line, n);
	return 0;
}

int bdb__ingest_callgrind(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	cg_ctx c = {.in = in, .run = run, .d = d};
	bool annotate = false;
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l))
		rc = read_line(&c, &l, &annotate);
	if (rc)
		return rc;
	if (!c.values_line)
		return bdb_diag_set(d, BDB_EPARSE, in->name, l.number + 1, 1,
				    "no program totals (a \"summary:\" or \"totals:\" line, or "
				    "callgrind_annotate's PROGRAM TOTALS): the file is cut short");
	bdb_point *p;
	if ((rc = bdb_run_add_point(run, c.cmd[0] ? c.cmd : "callgrind", &p)))
		return rc;
	for (size_t i = 0; !rc && i < c.n_events; i++)
		rc = bdb__add_defined_metric(run, p, c.events[i], c.values[i], NULL, BDB_LOWER,
					     NULL);
	return rc;
}
