/*
 * cargo.c - the text output of Rust's libtest benchmarks (`cargo bench`
 * with #[bench]):
 *
 *   running 2 tests
 *   test bench_add ... bench:       1,234 ns/iter (+/- 56)
 *   test bench_io  ... bench:      12,345 ns/iter (+/- 678) = 830 MB/s
 *   test result: ok. 0 passed; 0 failed; 0 ignored; 2 measured
 *
 * A point is the test name; time (ns, lower) is the ns/iter figure and
 * libtest's "+/-" spread (the range of its samples) gives the bounds
 * value ∓ spread; "= N MB/s" is throughput (MB/s, higher). Custom benchers
 * that print libtest's line (and github-action-benchmark, which reads it)
 * use other units: a time per iteration ("us/iter") is time in that unit;
 * a rate ("1911 MS/s") is throughput (higher); a count per iteration
 * ("2835 cycles/iter") is a metric named for the count ("cycles", lower). Newer libtest
 * writes decimals ("1,234.56 ns/iter"). A name that appears again (several
 * bench binaries, repeated runs) makes samples and a mean, without bounds.
 * Every other line is ignored; a "test ... bench:" line that does not
 * parse is an error.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

typedef struct cargo_result {
	const char *name;
	size_t name_len;
	double ns, spread, mbps;
	bool has_mbps;
	char unit[32]; /* as printed: "ns/iter", "cycles/iter", "MS/s" */
} cargo_result;

/* 1 and *r filled, 0 when the line is not a bench line, -1 with *err and *at set. */
static int parse_line(const char *line, size_t len, cargo_result *r, const char **err,
		      const char **at)
{
	const char *end = line + len;
	static const char marker[] = " ... bench:";
	if (!bdb__starts_with(line, len, "test "))
		return 0;
	const char *mark = NULL;
	for (const char *p = line; p + sizeof marker - 1 <= end && !mark; p++)
		if (memcmp(p, marker, sizeof marker - 1) == 0)
			mark = p;
	if (!mark)
		return 0;
	r->name = bdb__skip_blanks(line + 5, end);
	const char *name_end = mark;
	while (name_end > r->name && (name_end[-1] == ' ' || name_end[-1] == '\t'))
		name_end--;
	/* "test  ... bench:": the blanks after "test" run into the marker. */
	r->name_len = name_end > r->name ? (size_t)(name_end - r->name) : 0;
	*at = r->name;
	if (!r->name_len) {
		*err = "expected a benchmark name after \"test\"";
		return -1;
	}
	const char *p = bdb__skip_blanks(mark + sizeof marker - 1, end);
	const char *tok = bdb__token_end(p, end);
	*at = p;
	if (!bdb__parse_number(p, (size_t)(tok - p), true, &r->ns)) {
		*err = "expected the time per iteration (a number like 1,234)";
		return -1;
	}
	p = bdb__skip_blanks(tok, end);
	*at = p;
	tok = bdb__token_end(p, end);
	if (tok == p || *p == '(' || (size_t)(tok - p) >= sizeof r->unit) {
		*err = "expected a unit like \"ns/iter\" after the value";
		return -1;
	}
	bdb__copy_text(r->unit, sizeof r->unit, p, (size_t)(tok - p));
	p = bdb__skip_blanks(tok, end);
	*at = p;
	if (!bdb__starts_with(p, (size_t)(end - p), "(+/-")) {
		*err = "expected \"(+/- N)\" after the unit";
		return -1;
	}
	p = bdb__skip_blanks(p + 4, end);
	const char *close = memchr(p, ')', (size_t)(end - p));
	*at = p;
	if (!close || !bdb__parse_number(p, (size_t)(close - p), true, &r->spread)) {
		*err = "expected the spread (a number) and \")\" after \"(+/-\"";
		return -1;
	}
	p = bdb__skip_blanks(close + 1, end);
	r->has_mbps = false;
	if (p == end)
		return 1;
	*at = p;
	if (*p != '=') {
		*err = "expected the end of the line or \"= N MB/s\"";
		return -1;
	}
	p = bdb__skip_blanks(p + 1, end);
	tok = bdb__token_end(p, end);
	const char *unit = bdb__skip_blanks(tok, end);
	*at = p;
	if (!bdb__parse_number(p, (size_t)(tok - p), true, &r->mbps) || (size_t)(end - unit) != 4 ||
	    memcmp(unit, "MB/s", 4) != 0) {
		*err = "expected a throughput like \"= 830 MB/s\"";
		return -1;
	}
	r->has_mbps = true;
	return 1;
}

/*
 * The metric of a bench line's unit: "T/iter" (T a time unit) is time in
 * T, "X/T" a throughput, "W/iter" (or any other unit) a metric named W.
 */
static void metric_of_unit(cargo_result *r, char *count, size_t size, const char **metric,
			   const char **unit, bdb_direction *direction)
{
	char *slash = strchr(r->unit, '/');
	double f;
	*metric = "time", *unit = r->unit, *direction = BDB_LOWER;
	if (slash && strcmp(slash, "/iter") == 0) {
		*slash = '\0';
		if (bdb_unit_factor(r->unit, "ns", &f) == 0)
			return; /* "ns/iter" is time in ns */
		*slash = '/';
	} else if (slash && bdb_unit_factor(slash + 1, "s", &f) == 0) {
		*metric = "throughput", *direction = BDB_HIGHER;
		return;
	}
	size_t n = slash ? (size_t)(slash - r->unit) : strlen(r->unit);
	bdb__copy_text(count, size, r->unit, n);
	*metric = count;
}

/* A bdb__line_fn: one "test NAME ... bench:" line. */
static int cargo_line(bdb__line_ctx *c, const char *line, size_t len, const char **err,
		      const char **at)
{
	cargo_result r;
	int got = parse_line(line, len, &r, err, at);
	if (got <= 0 || !c)
		return got;
	char name[1024];
	bdb__copy_text(name, sizeof name, r.name, r.name_len);
	size_t point;
	bdb_metric *m;
	const char *metric, *unit;
	bdb_direction direction;
	char count[32];
	metric_of_unit(&r, count, sizeof count, &metric, &unit, &direction);
	bdb_run *run = c->run;
	if ((c->rc = bdb__point_get(run, &c->points, name, NULL, 0, &point)) ||
	    (c->rc = bdb__add_defined_metric(run, &run->points[point], metric, r.ns, unit,
					     direction, &m)))
		return 1;
	bdb__set_bounds(m, r.ns - r.spread, r.ns + r.spread);
	c->rc = bdb__samples_add(c->samples, point, metric, r.ns);
	if (!c->rc && r.has_mbps)
		c->rc = bdb__add_defined_metric(run, &run->points[point], "throughput", r.mbps,
						"MB/s", BDB_HIGHER, NULL);
	if (!c->rc && r.has_mbps)
		c->rc = bdb__samples_add(c->samples, point, "throughput", r.mbps);
	return 1;
}

bool bdb__detect_cargo(const char *data, size_t len)
{
	/* "test NAME ... bench:" is libtest's, even when the rest is broken. */
	return bdb__detect_lines(data, len, cargo_line);
}

int bdb__ingest_cargo(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	return bdb__read_lines(in, "bench", cargo_line, run, d);
}
