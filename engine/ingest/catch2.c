/*
 * catch2.c - the console output of Catch2 benchmarks (BENCHMARK in a
 * TEST_CASE, Catch2 v2 with CATCH_CONFIG_ENABLE_BENCHMARKING, or v3), which
 * github-action-benchmark's `catch2` tool reads:
 *
 *   bench is a Catch v2.13.10 host application.
 *   -------------------------------------------------------------------------------
 *   Fibonacci
 *   -------------------------------------------------------------------------------
 *   bench.cpp:9
 *   ...............................................................................
 *
 *   benchmark name                       samples       iterations    estimated
 *                                        mean          low mean      high mean
 *                                        std dev       low std dev   high std dev
 *   -------------------------------------------------------------------------------
 *   fib 15                                          20            23     554.76 us
 *                                           838.924 ns    833.409 ns    857.613 ns
 *                                           20.9124 ns    5.23983 ns    41.2235 ns
 *
 * Each time is printed in the unit that keeps it below 1000 (below 60 s for
 * seconds: a minute or more is "m", minutes, read as min).
 *
 * A benchmark is three lines: NAME samples iterations estimated, then mean
 * with Catch2's bootstrap interval of the mean (low, high), then standard
 * deviation and its interval. A name longer than its column is wrapped onto
 * lines of its own before the first. The point is the name, tagged
 * test_case with the test case it runs in (the line after the banner of
 * dashes); time = mean (lower, its unit) with bounds low mean .. high mean;
 * stddev (info); samples and iterations (info). Lines outside the tables
 * are skipped; a benchmark whose three lines do not parse is an error.
 * With --benchmark-no-analysis the header is one line ("... samples
 * iterations mean") and so is each benchmark: NAME samples iterations
 * mean, which gives time (no bounds), samples and iterations. A
 * benchmark that threw ("Benchmark failed (WHAT)" beside its name or under
 * its first line) is left out, named in the metadata ("error:NAME" = WHAT).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* A value with its unit ("838.924 ns"), read from the right of a line. */
typedef struct timed {
	double value;
	char unit[8];
} timed;

/*
 * Reads the tokens of line[0..len) from the right: want pairs of "value
 * unit". Returns the start of what is left (the line start or the name),
 * or NULL with *at at the token that does not parse.
 */
static const char *read_pairs(const char *line, const char *end, timed *out, int want,
			      const char **at)
{
	const char *p = end;
	for (int i = want - 1; i >= 0; i--) {
		const char *tok_end[2], *tok[2];
		for (int k = 1; k >= 0; k--) {
			while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
				p--;
			tok_end[k] = p;
			while (p > line && p[-1] != ' ' && p[-1] != '\t')
				p--;
			tok[k] = p;
		}
		*at = tok[0];
		size_t unit_len = (size_t)(tok_end[1] - tok[1]);
		if (tok[0] == tok_end[0] || unit_len == 0 || unit_len >= sizeof out[i].unit ||
		    !bdb__parse_number(tok[0], (size_t)(tok_end[0] - tok[0]), false, &out[i].value))
			return NULL;
		memcpy(out[i].unit, tok[1], unit_len);
		out[i].unit[unit_len] = '\0';
		/* Catch2 writes a minute or more in minutes, "1.66667 m". */
		if (strcmp(out[i].unit, "m") == 0)
			strcpy(out[i].unit, "min");
		double f;
		if (bdb_unit_factor(out[i].unit, "s", &f) != 0) {
			*at = tok[1];
			return NULL;
		}
	}
	return p;
}

/* Reads a whole number token ending at p (going left); NULL when none. */
static const char *read_count(const char *line, const char *p, double *out)
{
	while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	const char *tok_end = p;
	while (p > line && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == tok_end || (p > line && p[-1] != ' ' && p[-1] != '\t'))
		return NULL;
	return bdb__parse_number(p, (size_t)(tok_end - p), false, out) ? p : NULL;
}

/* The first line of a benchmark: NAME samples iterations estimated unit
 * (with --benchmark-no-analysis: its only line, the last time its mean),
 * the last time in *last. */
static bool parse_first(const char *line, size_t len, const char **name_end, double *samples,
			double *iterations, timed *last)
{
	const char *end = line + len, *at;
	const char *p = read_pairs(line, end, last, 1, &at);
	if (!p || !(p = read_count(line, p, iterations)) || !(p = read_count(line, p, samples)))
		return false;
	while (p > line && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	*name_end = p;
	return true;
}

static bool is_rule(const char *line, size_t len, char c)
{
	if (len < 20)
		return false;
	for (size_t i = 0; i < len; i++)
		if (line[i] != c)
			return false;
	return true;
}

static bool is_banner(const char *line, size_t len)
{
	static const char mark[] = " is a Catch"; /* "Catch v2", "Catch2 v3" */
	for (size_t i = 0; i + sizeof mark - 1 <= len; i++)
		if (memcmp(line + i, mark, sizeof mark - 1) == 0)
			return true;
	return false;
}

static bool is_table_header(const char *line, size_t len)
{
	return bdb__starts_with(line, len, "benchmark name") && len > 30;
}

/* The one-line header of --benchmark-no-analysis ("benchmark name ...
 * samples ... iterations ... mean"), whose rows are one line each. */
static bool is_plain_header(const char *line, size_t len)
{
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	return is_table_header(line, len) && len >= 4 && memcmp(line + len - 4, "mean", 4) == 0;
}

bool bdb__detect_catch2(const char *data, size_t len)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l))
		if (is_table_header(l.line, l.len) || is_banner(l.line, l.len))
			return true;
	return false;
}

/*
 * Where "Benchmark failed (WHAT)" starts in line[0..len) (Catch2's
 * benchmarkFailed, printed in the column after what the benchmark had
 * printed), or NULL; *what and *what_len are WHAT (to the last ')').
 */
static const char *failure(const char *line, size_t len, const char **what, size_t *what_len)
{
	static const char mark[] = "Benchmark failed (";
	const char *end = line + len;
	for (const char *p = line; p + sizeof mark - 1 <= end; p++) {
		if (memcmp(p, mark, sizeof mark - 1) != 0)
			continue;
		const char *close = end;
		while (close > p && close[-1] != ')')
			close--;
		*what = p + sizeof mark - 1;
		*what_len = close > *what ? (size_t)(close - 1 - *what) : 0;
		return p;
	}
	return NULL;
}

typedef struct catch_ctx {
	bdb_run *run;
	bdb__strmap points;
	bdb__samples samples;
	char test_case[512];
	char name[1024];
	size_t name_len;
} catch_ctx;

/* Appends a wrapped part of a name ("a benchmark whose name is much"). */
static void append_name(catch_ctx *c, const char *s, size_t n)
{
	if (c->name_len && c->name_len + 1 < sizeof c->name)
		c->name[c->name_len++] = ' ';
	bdb__copy_text(c->name + c->name_len, sizeof c->name - c->name_len, s, n);
	c->name_len += strlen(c->name + c->name_len);
}

/*
 * t in the unit of metric of p when p has it already: a benchmark run again
 * (a BENCHMARK in a loop) is a sample of the first one, and Catch2 picks a
 * unit per value (838.924 ns, then 1.00124 us). Both units are times
 * (read_pairs took no other).
 */
static void in_unit_of(const bdb_point *p, const char *metric, timed *t)
{
	const bdb_metric *had = bdb_point_find_metric(p, metric);
	double f;
	if (had && had->unit && strcmp(had->unit, t->unit) != 0 &&
	    strlen(had->unit) < sizeof t->unit && bdb_unit_factor(t->unit, had->unit, &f) == 0) {
		t->value = bdb_unit_convert(t->value, f);
		strcpy(t->unit, had->unit);
	}
}

/* A benchmark's metrics: mean[0..3) mean, low and high mean; spread[0]
 * its std dev. spread NULL: --benchmark-no-analysis, mean[0] alone. */
static int add_benchmark(catch_ctx *c, double samples, double iterations, timed *mean,
			 timed *spread)
{
	bdb_kv tag = {"test_case", c->test_case};
	size_t point;
	bdb_metric *m;
	int rc = bdb__point_get(c->run, &c->points, c->name, &tag, c->test_case[0] ? 1 : 0, &point);
	if (!rc) {
		in_unit_of(&c->run->points[point], "time", &mean[0]);
		if (spread)
			in_unit_of(&c->run->points[point], "stddev", &spread[0]);
	}
	if (!rc)
		rc = bdb__add_defined_metric(c->run, &c->run->points[point], "time", mean[0].value,
					     mean[0].unit, BDB_LOWER, &m);
	/* Catch2 prints each of the three in a unit of its own ("999.6 ns
	 * 995.1 ns 1.00412 us"): the bounds in the mean's unit. */
	double f[2];
	if (!rc && spread &&
	    (bdb_unit_factor(mean[1].unit, mean[0].unit, &f[0]) ||
	     bdb_unit_factor(mean[2].unit, mean[0].unit, &f[1])))
		rc = BDB_EINVAL; /* read_pairs took times only */
	if (!rc && spread)
		bdb__set_bounds(m, bdb_unit_convert(mean[1].value, f[0]),
				bdb_unit_convert(mean[2].value, f[1]));
	if (!rc)
		rc = bdb__samples_add(&c->samples, point, "time", mean[0].value);
	if (!rc && spread)
		rc = bdb__add_defined_metric(c->run, &c->run->points[point], "stddev",
					     spread[0].value, spread[0].unit, BDB_INFO, NULL);
	if (!rc && spread)
		rc = bdb__samples_add(&c->samples, point, "stddev", spread[0].value);
	if (!rc)
		rc = bdb__add_defined_metric(c->run, &c->run->points[point], "samples", samples,
					     NULL, BDB_INFO, NULL);
	if (!rc)
		rc = bdb__add_defined_metric(c->run, &c->run->points[point], "iterations",
					     iterations, NULL, BDB_INFO, NULL);
	return rc;
}

int bdb__ingest_catch2(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	catch_ctx c = {.run = run};
	bdb__lines l;
	/* banner: 0 outside, 1 after its opening rule, 2 after the test case name. */
	bool table = false, header = false, plain = false;
	int banner = 0;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		const char *end = l.line + l.len;
		const char *first = bdb__skip_blanks(l.line, end);
		if (is_table_header(l.line, l.len)) {
			header = true;
			plain = is_plain_header(l.line, l.len);
			continue;
		}
		if (is_rule(l.line, l.len, '-')) {
			/* The rule under a table header opens the table; the others
			 * open and close a test case banner (its name, sections). */
			table = header;
			banner = header ? 0 : banner == 0 ? 1 : 0;
			header = false;
			c.name_len = 0;
			continue;
		}
		if (banner == 1)
			bdb__copy_text(c.test_case, sizeof c.test_case, l.line, l.len);
		if (banner) {
			banner = 2;
			continue;
		}
		if (!table || header)
			continue;
		if (first == end)
			continue;
		if (is_rule(l.line, l.len, '=')) {
			table = false;
			continue;
		}
		const char *name_end, *what, *failed;
		size_t what_len;
		double samples, iterations;
		if ((failed = failure(l.line, l.len, &what, &what_len))) {
			/* Failed before it was measured: beside its name. */
			const char *name_stop = failed;
			while (name_stop > l.line &&
			       (name_stop[-1] == ' ' || name_stop[-1] == '\t'))
				name_stop--;
			append_name(&c, l.line, (size_t)(name_stop - l.line));
			char why[512];
			bdb__copy_text(why, sizeof why, what, what_len);
			rc = bdb__set_left_out(run, "error", c.name, c.name_len, why);
			c.name_len = 0;
			continue;
		}
		timed last;
		if (!parse_first(l.line, l.len, &name_end, &samples, &iterations, &last)) {
			while (end > first && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			append_name(&c, l.line, (size_t)(end - l.line));
			continue;
		}
		if (name_end > l.line)
			append_name(&c, l.line, (size_t)(name_end - l.line));
		if (c.name_len == 0) {
			rc = bdb_diag_set(d, BDB_EPARSE, in->name, l.number, 1,
					  "malformed Catch2 benchmark: expected a benchmark name "
					  "before the samples");
			break;
		}
		if (plain) {
			/* --benchmark-no-analysis: the line ends with the mean. */
			rc = add_benchmark(&c, samples, iterations, &last, NULL);
			c.name_len = 0;
			continue;
		}
		timed rows[2][3];
		bool measured = true;
		for (int k = 0; k < 2 && !rc && measured; k++) {
			const char *at = NULL;
			bool more = bdb__lines_next(&l);
			if (more && k == 0 && failure(l.line, l.len, &what, &what_len)) {
				/* Failed while measured: under its first line. */
				char why[512];
				bdb__copy_text(why, sizeof why, what, what_len);
				rc = bdb__set_left_out(run, "error", c.name, c.name_len, why);
				measured = false;
				break;
			}
			const char *line_end = more ? l.line + l.len : l.end;
			const char *rest =
			    more ? read_pairs(l.line, line_end, rows[k], 3, &at) : NULL;
			if (!more)
				rc = bdb_diag_set(
				    d, BDB_EPARSE, in->name, l.number + 1, 1,
				    "malformed Catch2 benchmark \"%s\": the input ends "
				    "before its %s line",
				    c.name, k == 0 ? "mean" : "standard deviation");
			else if (!rest || bdb__skip_blanks(l.line, rest) != rest)
				rc = bdb_diag_set(
				    d, BDB_EPARSE, in->name, l.number,
				    bdb__line_column(l.line, rest ? bdb__skip_blanks(l.line, rest) : at),
				    "malformed Catch2 benchmark \"%s\": expected %s as three "
				    "times with units (like \"838.924 ns\")",
				    c.name,
				    k == 0 ? "mean, low mean and high mean"
					   : "std dev, low std dev and high std dev");
		}
		if (!rc && measured)
			rc = add_benchmark(&c, samples, iterations, rows[0], rows[1]);
		c.name_len = 0;
	}
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	return rc;
}
