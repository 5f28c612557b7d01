/*
 * gotest.c - the text output of `go test -bench`:
 *
 *   goos: linux
 *   goarch: amd64
 *   pkg: example.com/gob
 *   cpu: Intel(R) Xeon(R) Processor
 *   BenchmarkSort1k-2    	    2108	     58252 ns/op	    8216 B/op	       2
 * allocs/op BenchmarkSHA256-2    	    5217	     22799 ns/op	 359.32 MB/s	...
 *   PASS
 *   ok  	example.com/gob	3.044s
 *
 * A result line is a name starting with "Benchmark", the iteration count,
 * then value-unit pairs. The point is the name without its "-N" GOMAXPROCS
 * suffix, with tags procs=N and pkg (from the last "pkg:" line). Units:
 * ns/op -> time (ns, lower), B/op -> alloc_bytes (B, lower), allocs/op ->
 * allocs (lower), MB/s -> throughput (MB/s, higher); any other unit (from
 * b.ReportMetric) is a metric named by its unit, with no direction. With
 * -count N a benchmark's N lines are samples and the value is their mean.
 * goos, goarch and cpu are the environment; other "key: value" lines the
 * metadata. When a benchmark prints, Go writes its name, the output (on
 * the name's line and maybe more lines), then the numbers on a line of
 * their own: such a name waits for its numbers. A name whose line does not
 * parse and that gets no numbers before the next benchmark or the end is
 * that line's error; a "--- FAIL:" or "--- SKIP:" line ends it without one.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_PAIRS 32

typedef struct go_result {
	const char *name_end;
	struct {
		double value;
		const char *unit;
		size_t unit_len;
	} pairs[MAX_PAIRS];
	size_t n;
} go_result;

/*
 * Parses the fields after a benchmark name: iterations, then value-unit
 * pairs. Returns NULL, or what was expected with *at pointing at the fault.
 */
static const char *parse_fields(const char *p, const char *end, go_result *r, const char **at)
{
	p = bdb__skip_blanks(p, end);
	const char *tok_end = bdb__token_end(p, end);
	*at = p;
	if (p == tok_end)
		return "expected the iteration count (a whole number) after the benchmark name";
	for (const char *q = p; q < tok_end; q++)
		if (*q < '0' || *q > '9')
			return "expected the iteration count (a whole number) after the "
			       "benchmark name";
	r->n = 0;
	for (p = bdb__skip_blanks(tok_end, end); p < end; p = bdb__skip_blanks(p, end)) {
		*at = p;
		tok_end = bdb__token_end(p, end);
		double v;
		if (!bdb__parse_number(p, (size_t)(tok_end - p), false, &v))
			return "expected a number (a value before its unit)";
		const char *unit = bdb__skip_blanks(tok_end, end);
		const char *unit_end = bdb__token_end(unit, end);
		if (unit == unit_end) {
			*at = unit;
			return "expected a unit after the value";
		}
		if (r->n == MAX_PAIRS)
			return "too many values on one line";
		r->pairs[r->n].value = v;
		r->pairs[r->n].unit = unit;
		r->pairs[r->n].unit_len = (size_t)(unit_end - unit);
		r->n++;
		p = unit_end;
	}
	if (r->n == 0) {
		*at = end;
		return "expected values with units (like \"123 ns/op\") after the iteration count";
	}
	return NULL;
}

static bool is_benchmark_name(const char *line, size_t len)
{
	return bdb__starts_with(line, len, "Benchmark");
}

/*
 * go test output: a benchmark line that parses, or a "Benchmark..." line
 * under go test's "goos:" / "goarch:" / "pkg:" header (whose malformed
 * numbers are then reported by the adapter rather than called unknown).
 */
bool bdb__detect_gotest(const char *data, size_t len)
{
	bdb__lines l;
	bool header = false, named = false;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l)) {
		if (bdb__starts_with(l.line, l.len, "goos: ") ||
		    bdb__starts_with(l.line, l.len, "goarch: ") ||
		    bdb__starts_with(l.line, l.len, "pkg: "))
			header = true;
		if (!is_benchmark_name(l.line, l.len))
			continue;
		named = true;
		const char *end = l.line + l.len, *at;
		go_result r;
		if (!parse_fields(bdb__token_end(l.line, end), end, &r, &at))
			return true;
	}
	return header && named;
}

static const struct {
	const char *unit, *metric, *metric_unit;
	bdb_direction direction;
} known_units[] = {
    {"ns/op", "time", "ns", BDB_LOWER},
    {"B/op", "alloc_bytes", "B", BDB_LOWER},
    {"allocs/op", "allocs", "allocs/op", BDB_LOWER},
    {"MB/s", "throughput", "MB/s", BDB_HIGHER},
};

typedef struct go_ctx {
	bdb_run *run;
	bdb__strmap points;
	bdb__samples samples;
	char pkg[512];
} go_ctx;

static int add_result(go_ctx *c, const char *name, size_t name_len, const go_result *r)
{
	/* "BenchmarkSub/xn=1-2": name "BenchmarkSub/xn=1", procs 2. */
	char point_name[1024], procs[32] = "";
	size_t n = name_len;
	size_t digits = 0;
	while (digits < n && name[n - 1 - digits] >= '0' && name[n - 1 - digits] <= '9')
		digits++;
	if (digits && digits < sizeof procs && n > digits + 1 && name[n - 1 - digits] == '-') {
		memcpy(procs, name + n - digits, digits);
		procs[digits] = '\0';
		n -= digits + 1;
	}
	bdb__copy_text(point_name, sizeof point_name, name, n);
	bdb_kv tags[2];
	size_t n_tags = 0;
	if (c->pkg[0])
		tags[n_tags++] = (bdb_kv){"pkg", c->pkg};
	if (procs[0])
		tags[n_tags++] = (bdb_kv){"procs", procs};
	size_t point;
	int rc = bdb__point_get(c->run, &c->points, point_name, tags, n_tags, &point);
	for (size_t i = 0; !rc && i < r->n; i++) {
		char unit[128];
		bdb__copy_text(unit, sizeof unit, r->pairs[i].unit, r->pairs[i].unit_len);
		const char *metric = unit, *metric_unit = unit;
		bdb_point *p = &c->run->points[point];
		bool known = false;
		for (size_t k = 0; k < sizeof known_units / sizeof *known_units && !known; k++) {
			if (strcmp(unit, known_units[k].unit) != 0)
				continue;
			known = true;
			metric = known_units[k].metric;
			metric_unit = known_units[k].metric_unit;
			rc = bdb__add_defined_metric(c->run, p, metric, r->pairs[i].value,
						     metric_unit, known_units[k].direction, NULL);
		}
		if (!known)
			rc = bdb__add_metric(c->run, p, metric, r->pairs[i].value, metric_unit,
					     NULL);
		if (!rc)
			rc = bdb__samples_add(&c->samples, point, metric, r->pairs[i].value);
	}
	return rc;
}

/* "key: value" lines (goos, goarch, pkg, cpu and others). */
static int config_line(go_ctx *c, const char *line, size_t len, bool *handled)
{
	const char *colon = memchr(line, ':', len);
	*handled = false;
	if (!colon || colon == line || line[0] < 'a' || line[0] > 'z' || colon + 1 >= line + len ||
	    colon[1] != ' ')
		return 0;
	for (const char *p = line; p < colon; p++)
		if (*p == ' ' || *p == '\t')
			return 0;
	char key[128], value[512];
	bdb__copy_text(key, sizeof key, line, (size_t)(colon - line));
	const char *v = bdb__skip_blanks(colon + 1, line + len);
	bdb__copy_text(value, sizeof value, v, (size_t)(line + len - v));
	*handled = true;
	if (strcmp(key, "pkg") == 0) {
		snprintf(c->pkg, sizeof c->pkg, "%s", value);
		return 0;
	}
	if (strcmp(key, "goos") == 0 || strcmp(key, "goarch") == 0 || strcmp(key, "cpu") == 0)
		return bdb_run_set_env(c->run, key, value);
	return bdb_run_set_meta(c->run, key, value);
}

int bdb__ingest_gotest(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	go_ctx c = {.run = run};
	bdb__lines l;
	const char *pending = NULL; /* a name waiting for its numbers */
	size_t pending_len = 0;
	int pending_line = 0;
	/* The fault of the pending name's line, if its rest did not parse. */
	const char *fault = NULL;
	int fault_line = 0, fault_col = 0;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		const char *end = l.line + l.len, *at;
		const char *first = bdb__skip_blanks(l.line, end);
		go_result r;
		const char *err;
		if (is_benchmark_name(l.line, l.len)) {
			if (fault)
				break;
			const char *name_end = bdb__token_end(l.line, end);
			pending = l.line;
			pending_len = (size_t)(name_end - l.line);
			pending_line = l.number;
			if (bdb__skip_blanks(name_end, end) == end)
				continue;
			if ((fault = parse_fields(name_end, end, &r, &at))) {
				/* maybe the benchmark's output: its numbers follow */
				fault_line = l.number;
				fault_col = bdb__line_column(l.line, at);
				continue;
			}
			if (bdb__lines_cut(&l))
				break;
			rc = add_result(&c, l.line, pending_len, &r);
			pending = NULL;
		} else if (pending && first < end && *first >= '0' && *first <= '9') {
			if ((err = parse_fields(l.line, end, &r, &at))) {
				rc = bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
						  bdb__line_column(l.line, at),
						  "malformed benchmark line: %s", err);
				break;
			}
			if (bdb__lines_cut(&l))
				break;
			rc = add_result(&c, pending, pending_len, &r);
			pending = NULL;
			fault = NULL;
		} else if (bdb__starts_with(l.line, l.len, "--- FAIL: ") ||
			   bdb__starts_with(l.line, l.len, "--- SKIP: ")) {
			pending = NULL;
			fault = NULL;
		} else if (!fault) {
			bool handled;
			rc = config_line(&c, l.line, l.len, &handled);
		}
	}
	/* go test ends every line: a result line without its line end was cut
	 * off inside ("58252 n" read as a value in unit "n"), and a name
	 * still waiting for its numbers at the end never got them. */
	if (!rc && fault)
		rc = bdb_diag_set(d, BDB_EPARSE, in->name, fault_line, fault_col,
				  "malformed benchmark line: %s", fault);
	else if (!rc && pending && bdb__lines_cut(&l))
		rc = bdb_diag_set(d, BDB_EPARSE, in->name, l.number,
				  bdb__line_column(l.line, l.line + l.len),
				  "malformed benchmark line: the input ends inside it (no line end "
				  "after it): the output is cut short");
	else if (!rc && pending)
		rc = bdb_diag_set(d, BDB_EPARSE, in->name, pending_line, 1,
				  "benchmark \"%.*s\" has no numbers: the input ends before them "
				  "(the output is cut short, or the benchmark crashed)",
				  (int)pending_len, pending);
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	return rc;
}
