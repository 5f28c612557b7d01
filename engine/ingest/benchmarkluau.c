/*
 * benchmarkluau.c - the output of Luau's benchmark runner (bench/bench.py), which
 * github-action-benchmark's `benchmarkluau` tool reads:
 *
 *   SUCCESS: base64                                  :   15.041ms +/-  0.636% on luau
 *   ...
 *   Test                   | Min         | Average     | StdDev%    | Driver
 *   base64                 |   14.831ms  |   15.041ms  |    0.636%  | luau
 *   Total                  |  168.630ms  |  169.690ms  |       ---  | luau
 *
 * A SUCCESS line is a point (its name) with tag driver (the word after
 * "on"); time (lower) is the average in its unit (ms, us, s), with bounds
 * value ∓ the relative standard deviation (the action keeps "±0.636%" as
 * the range). A row of the RESULTS table adds min (lower) to its point;
 * the Total row is not a benchmark. A name seen again makes samples and a
 * mean. Other lines are skipped; a SUCCESS line with " : " that does not
 * parse (a line cut short too) is an error, and so is a result line at the
 * end of the input without its line end.
 */
#include "internal.h"

#include <math.h>
#include <string.h>

/* The first occurrence of what in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);
	for (; p + n <= end; p++)
		if (memcmp(p, what, n) == 0)
			return p;
	return NULL;
}

/* "15.041ms": the number and its time unit (copied into unit). */
static bool time_value(const char *p, const char *end, double *value, char *unit, size_t size)
{
	const char *u = p;
	double f;
	while (u < end && ((*u >= '0' && *u <= '9') || *u == '.'))
		u++;
	if (u == p || u == end || (size_t)(end - u) >= size ||
	    !bdb__parse_number(p, (size_t)(u - p), false, value))
		return false;
	bdb__copy_text(unit, size, u, (size_t)(end - u));
	return bdb_unit_factor(unit, "ns", &f) == 0;
}

/* Trims blanks from both ends of [*p, *end). */
static void trim(const char **p, const char **end)
{
	*p = bdb__skip_blanks(*p, *end);
	while (*end > *p && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
		(*end)--;
}

static int add(bdb__line_ctx *c, const char *name, size_t name_len, const char *driver,
	       size_t driver_len, const char *metric, double value, const char *unit,
	       double spread_pct)
{
	char point_name[1024], drv[128];
	bdb__copy_text(point_name, sizeof point_name, name, name_len);
	bdb__copy_text(drv, sizeof drv, driver, driver_len);
	bdb_kv tag = {"driver", drv};
	size_t point;
	bdb_metric *m;
	bdb_run *run = c->run;
	if ((c->rc = bdb__point_get(run, &c->points, point_name, &tag, 1, &point)) ||
	    (c->rc = bdb__add_defined_metric(run, &run->points[point], metric, value, unit,
					     BDB_LOWER, &m)))
		return 1;
	if (spread_pct >= 0)
		bdb__set_bounds(m, value - fabs(value) * spread_pct / 100,
				value + fabs(value) * spread_pct / 100);
	c->rc = bdb__samples_add(c->samples, point, metric, value);
	return 1;
}

/* "SUCCESS: NAME : VALUEunit +/- P% on DRIVER" */
static int success_line(bdb__line_ctx *c, const char *line, const char *end, const char **err,
			const char **at)
{
	const char *name = line + 8, *colon = find(name, end, " : "), *pm, *on;
	if (!colon)
		return 0;
	*at = end;
	if (!(pm = find(colon, end, "+/-")) || !(on = find(pm, end, " on "))) {
		*err = "expected \"VALUE +/- P% on DRIVER\" after the name";
		return -1;
	}
	const char *name_end = colon;
	trim(&name, &name_end);
	*at = name;
	if (name == name_end) {
		*err = "expected a benchmark name after \"SUCCESS:\"";
		return -1;
	}
	const char *v = colon + 3, *v_end = pm;
	trim(&v, &v_end);
	double value, pct;
	char unit[16];
	*at = v;
	if (!time_value(v, v_end, &value, unit, sizeof unit)) {
		*err = "expected the average time like \"15.041ms\" before \"+/-\"";
		return -1;
	}
	const char *p = pm + 3, *p_end = on;
	trim(&p, &p_end);
	*at = p;
	if (p_end == p || p_end[-1] != '%' ||
	    !bdb__parse_number(p, (size_t)(p_end - 1 - p), false, &pct)) {
		*err = "expected the relative deviation like \"0.636%\" after \"+/-\"";
		return -1;
	}
	const char *driver = on + 4, *driver_end = end;
	trim(&driver, &driver_end);
	*at = driver;
	if (driver == driver_end) {
		*err = "expected the driver (like \"luau\") after \"on\"";
		return -1;
	}
	return c ? add(c, name, (size_t)(name_end - name), driver, (size_t)(driver_end - driver),
		       "time", value, unit, pct)
		 : 1;
}

/* "NAME | MIN | AVERAGE | STDDEV% | DRIVER": adds min; 0 for any other line. */
static int table_row(bdb__line_ctx *c, const char *line, const char *end)
{
	const char *cell[6];
	size_t n = 0;
	cell[n++] = line;
	for (const char *p = line; p < end && n < 6; p++)
		if (*p == '|')
			cell[n++] = p + 1;
	if (n != 5)
		return 0;
	const char *name = cell[0], *name_end = cell[1] - 1;
	const char *min = cell[1], *min_end = cell[2] - 1;
	const char *driver = cell[4], *driver_end = end;
	trim(&name, &name_end);
	trim(&min, &min_end);
	trim(&driver, &driver_end);
	double value;
	char unit[16];
	if (name == name_end || (name_end - name == 5 && memcmp(name, "Total", 5) == 0) ||
	    !time_value(min, min_end, &value, unit, sizeof unit))
		return 0; /* the header, the rule, the Total row */
	return c ? add(c, name, (size_t)(name_end - name), driver, (size_t)(driver_end - driver),
		       "min", value, unit, -1)
		 : 0; /* a table alone does not make the format */
}

static int luau_line(bdb__line_ctx *c, const char *line, size_t len, const char **err,
		     const char **at)
{
	const char *end = line + len;
	bool success = bdb__starts_with(line, len, "SUCCESS:");
	/* bench.py ends every line: a last one without its end was cut off
	 * inside, as likely in its driver ("on l", tagged driver=l) as in a
	 * number. */
	if (c && c->cut && (success || memchr(line, '|', len))) {
		*at = end;
		*err = "the input ends inside it (no line end after it): the output is cut short";
		return -1;
	}
	if (success)
		return success_line(c, line, end, err, at);
	return table_row(c, line, end);
}

bool bdb__detect_benchmarkluau(const char *data, size_t len)
{
	return bdb__detect_lines(data, len, luau_line);
}

int bdb__ingest_benchmarkluau(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	return bdb__read_lines(in, "Luau benchmark", luau_line, run, d);
}
