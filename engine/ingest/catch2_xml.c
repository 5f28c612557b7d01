/*
 * catch2_xml.c - Catch2's XML reporter (`-r xml`; root <Catch> in v2,
 * <Catch2TestRun> in v3) around BENCHMARK results:
 *
 *   <TestCase name="Fibonacci" tags="[bench]" filename="bench.cpp" line="9">
 *     <BenchmarkResults name="fib 15" samples="20" resamples="100000" iterations="30" ...>
 *       <!--All values in nano seconds-->
 *       <mean value="823.483" lowerBound="814.567" upperBound="857.763" ci="0.95"/>
 *       <standardDeviation value="36.8706" lowerBound="2.99429" upperBound="73.345" ci="0.95"/>
 *       <outliers variance="0.141232" lowMild="0" .../>
 *     </BenchmarkResults>
 *
 * The same points and metrics as the console reporter (catch2.c): a point
 * is the benchmark name with tag test_case; time (ns, lower) is the mean
 * with bounds its lower and upper bound (Catch2's bootstrap interval at
 * "ci"), stddev (ns, info) the standard deviation, samples and iterations
 * (info) the attributes. A benchmark seen again makes samples and a mean.
 * Test cases without benchmarks (assertions only) add nothing.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

bool bdb__detect_catch2_xml(const char *data, size_t len)
{
	size_t head = len < 4096 ? len : 4096;
	bool xml = false;
	for (size_t i = 0; i < head && !xml; i++)
		xml = data[i] == '<';
	if (!xml)
		return false;
	/* The root element of Catch2's XML reporter, in its first lines. */
	for (size_t i = 0; i + 16 <= head; i++)
		if (memcmp(data + i, "<Catch name=", 12) == 0 ||
		    memcmp(data + i, "<Catch2TestRun ", 15) == 0)
			return true;
	return false;
}

typedef struct cx_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	bdb__xml x;
	bdb__strmap points;
	bdb__samples samples;
	char test_case[512];
	bool in_bench;
	size_t point;
} cx_ctx;

/* A numeric attribute; required ones must be there. */
static int number_attr(cx_ctx *c, const bdb__xml_event *e, const char *name, bool required,
		       double *out, bool *present)
{
	char buf[64];
	const char *v;
	*present = false;
	if (bdb__xml_attr(&c->x, e, name, buf, sizeof buf, &v))
		return bdb__xml_fail(c->in, "Catch2 XML", c->x.at, c->d, "%s", c->x.err);
	if (!v && !required)
		return 0;
	if (!v)
		return bdb__xml_fail(c->in, "Catch2 XML", e->at, c->d, "expected attribute \"%s\"",
				     name);
	if (!bdb__parse_number(v, strlen(v), false, out))
		return bdb__xml_fail(c->in, "Catch2 XML", e->at, c->d,
				     "attribute \"%s\" must be a number", name);
	*present = true;
	return 0;
}

static int metric(cx_ctx *c, const char *name, double value, const char *unit,
		  bdb_direction direction, bdb_metric **out)
{
	int rc = bdb__add_defined_metric(c->run, &c->run->points[c->point], name, value, unit,
					 direction, out);
	return rc ? rc : bdb__samples_add(&c->samples, c->point, name, value);
}

static int open_element(cx_ctx *c, const bdb__xml_event *e)
{
	char buf[1024];
	const char *v;
	double value, lower, upper;
	bool has, has_lower, has_upper;
	int rc;
	if (bdb__xml_is(e, "TestCase")) {
		if (bdb__xml_attr(&c->x, e, "name", c->test_case, sizeof c->test_case, &v))
			return bdb__xml_fail(c->in, "Catch2 XML", c->x.at, c->d, "%s", c->x.err);
		if (!v)
			c->test_case[0] = '\0';
		return 0;
	}
	if (bdb__xml_is(e, "BenchmarkResults")) {
		if (bdb__xml_attr(&c->x, e, "name", buf, sizeof buf, &v))
			return bdb__xml_fail(c->in, "Catch2 XML", c->x.at, c->d, "%s", c->x.err);
		if (!v || !*v)
			return bdb__xml_fail(c->in, "Catch2 XML", e->at, c->d,
					     "expected a benchmark %s", "name");
		bdb_kv tag = {"test_case", c->test_case};
		if ((rc = bdb__point_get(c->run, &c->points, buf, &tag, c->test_case[0] ? 1 : 0,
					 &c->point)))
			return rc;
		c->in_bench = true;
		static const char *const counts[] = {"samples", "iterations"};
		for (size_t i = 0; i < 2; i++)
			if ((rc = number_attr(c, e, counts[i], false, &value, &has)) ||
			    (has && (rc = metric(c, counts[i], value, NULL, BDB_INFO, NULL))))
				return rc;
		return 0;
	}
	if (!c->in_bench)
		return 0;
	if (bdb__xml_is(e, "mean")) {
		bdb_metric *m;
		if ((rc = number_attr(c, e, "value", true, &value, &has)) ||
		    (rc = number_attr(c, e, "lowerBound", false, &lower, &has_lower)) ||
		    (rc = number_attr(c, e, "upperBound", false, &upper, &has_upper)) ||
		    (rc = metric(c, "time", value, "ns", BDB_LOWER, &m)))
			return rc;
		char why[200];
		if (has_lower && has_upper &&
		    bdb__bounds_reversed("lowerBound", lower, "upperBound", upper, why, sizeof why))
			return bdb__xml_fail(c->in, "Catch2 XML", e->at, c->d, "%s", why);
		if (has_lower && has_upper)
			bdb__set_bounds(m, lower, upper);
	} else if (bdb__xml_is(e, "standardDeviation")) {
		if ((rc = number_attr(c, e, "value", true, &value, &has)) ||
		    (rc = metric(c, "stddev", value, "ns", BDB_INFO, NULL)))
			return rc;
	}
	return 0;
}

/* A bdb__xml_fn. */
static int step(void *ctx, const bdb__xml_event *e)
{
	cx_ctx *c = ctx;
	if (e->kind == BDB__XML_OPEN)
		return open_element(c, e);
	if (e->kind == BDB__XML_CLOSE && bdb__xml_is(e, "BenchmarkResults"))
		c->in_bench = false;
	else if (e->kind == BDB__XML_CLOSE && bdb__xml_is(e, "TestCase"))
		c->test_case[0] = '\0';
	return 0;
}

int bdb__ingest_catch2_xml(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	cx_ctx c = {.in = in, .run = run, .d = d};
	int rc = bdb__xml_read(in, "Catch2 XML", &c.x, step, &c, d);
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	return rc;
}
