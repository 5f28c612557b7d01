/*
 * junit.c - JUnit XML test reports (pytest --junitxml, Maven Surefire's
 * TEST-*.xml, Gradle, ctest --output-junit, ...): the time of each test.
 *
 *   <testsuites>
 *     <testsuite name="pytest" tests="7" time="0.162" timestamp="2026-12-06T05:20:18.601107"
 *                hostname="vm">
 *       <testcase classname="test_sample" name="test_fib[10]" time="0.002" />
 *       <testcase classname="test_sample" name="test_fails" time="0.002">
 *         <failure message="assert (1 + 1) == 3">...</failure></testcase>
 *       <testcase ... name="test_skipped" time="0.000"><skipped .../></testcase>
 *
 * A point is "classname.name" (name alone without a classname) with tag
 * suite (the testsuite's name); time (s, lower) is its "time". A skipped
 * test measured nothing and is left out; a failed one (failure or error)
 * keeps its time and is named in the metadata "failed:<point>" with the
 * message. The first testsuite's timestamp (no zone: UTC) is the run's
 * time, its hostname the environment's "hostname". A test seen again
 * (reruns) makes samples and a mean.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

bool bdb__detect_junit(const char *data, size_t len)
{
	size_t head = len < 4096 ? len : 4096;
	for (size_t i = 0; i + 11 <= head; i++)
		if (memcmp(data + i, "<testsuite", 10) == 0 &&
		    (data[i + 10] == ' ' || data[i + 10] == '>' || data[i + 10] == 's' ||
		     data[i + 10] == '\n' || data[i + 10] == '\t'))
			return true;
	return false;
}

typedef struct junit_ctx {
	bdb__input *in;
	bdb_run *run;
	bdb_diag *d;
	bdb__xml x;
	bdb__strmap points;
	bdb__samples samples;
	char suite[512];
	char point[1024];    /* the open testcase's point */
	const char *case_at; /* where it opened */
	double time;
	bool has_case, skipped, failed, in_failure;
	char message[512];
} junit_ctx;

static int attr(junit_ctx *c, const bdb__xml_event *e, const char *name, char *buf, size_t size,
		const char **out)
{
	return bdb__xml_attr(&c->x, e, name, buf, size, out)
		   ? bdb__xml_fail(c->in, "JUnit XML", c->x.at, c->d, "%s", c->x.err)
		   : 0;
}

static int open_suite(junit_ctx *c, const bdb__xml_event *e)
{
	char buf[128];
	const char *v;
	int rc;
	if ((rc = attr(c, e, "name", c->suite, sizeof c->suite, &v)))
		return rc;
	if (!v)
		c->suite[0] = '\0';
	if (c->in->has_timestamp)
		return 0;
	if ((rc = attr(c, e, "timestamp", buf, sizeof buf, &v)))
		return rc;
	if (v) {
		if (bdb_time_parse(v, &c->run->timestamp_us))
			return bdb__xml_fail(
			    c->in, "JUnit XML", e->at, c->d,
			    "\"timestamp\" is not a time like 2026-01-31T12:00:00, got "
			    "\"%s\"",
			    v);
		c->in->has_timestamp = true;
	}
	if ((rc = attr(c, e, "hostname", buf, sizeof buf, &v)))
		return rc;
	return v ? bdb_run_set_env(c->run, "hostname", v) : 0;
}

static int open_case(junit_ctx *c, const bdb__xml_event *e)
{
	char classname[512], name[512], time[64];
	const char *cls, *nm, *t;
	int rc;
	if ((rc = attr(c, e, "classname", classname, sizeof classname, &cls)) ||
	    (rc = attr(c, e, "name", name, sizeof name, &nm)) ||
	    (rc = attr(c, e, "time", time, sizeof time, &t)))
		return rc;
	if (!nm || !*nm)
		return bdb__xml_fail(c->in, "JUnit XML", e->at, c->d, "a testcase needs a %s",
				     "\"name\"");
	if (!t)
		return bdb__xml_fail(c->in, "JUnit XML", e->at, c->d,
				     "testcase \"%s\" has no \"time\"", nm);
	if (!bdb__parse_number(t, strlen(t), true, &c->time) || c->time < 0)
		return bdb__xml_fail(c->in, "JUnit XML", e->at, c->d,
				     "\"time\" must be seconds like 0.002, got \"%s\"", t);
	if (cls && *cls)
		snprintf(c->point, sizeof c->point, "%s.%s", cls, nm);
	else
		snprintf(c->point, sizeof c->point, "%s", nm);
	c->case_at = e->at;
	c->has_case = true;
	c->skipped = c->failed = false;
	c->message[0] = '\0';
	return 0;
}

static int close_case(junit_ctx *c)
{
	c->has_case = false;
	if (c->skipped)
		return 0;
	bdb_kv tag = {"suite", c->suite};
	size_t point;
	int rc = bdb__point_get(c->run, &c->points, c->point, &tag, c->suite[0] ? 1 : 0, &point);
	if (!rc)
		rc = bdb__add_defined_metric(c->run, &c->run->points[point], "time", c->time, "s",
					     BDB_LOWER, NULL);
	if (!rc)
		rc = bdb__samples_add(&c->samples, point, "time", c->time);
	if (!rc && c->failed) {
		char key[1100];
		snprintf(key, sizeof key, "failed:%s", c->point);
		rc = bdb_run_set_meta(c->run, key, c->message[0] ? c->message : "failed");
	}
	return rc;
}

/* A bdb__xml_fn. */
static int step(void *ctx, const bdb__xml_event *e)
{
	junit_ctx *c = ctx;
	if (e->kind == BDB__XML_OPEN) {
		if (bdb__xml_is(e, "testsuite"))
			return open_suite(c, e);
		if (bdb__xml_is(e, "testcase")) {
			if (c->has_case)
				return bdb__xml_fail(c->in, "JUnit XML", e->at, c->d,
						     "a testcase inside testcase %s", c->point);
			return open_case(c, e);
		}
		if (c->has_case && bdb__xml_is(e, "skipped"))
			c->skipped = true;
		if (c->has_case && (bdb__xml_is(e, "failure") || bdb__xml_is(e, "error"))) {
			const char *v;
			c->failed = true;
			return attr(c, e, "message", c->message, sizeof c->message, &v);
		}
		return 0;
	}
	if (e->kind == BDB__XML_CLOSE && bdb__xml_is(e, "testcase"))
		return close_case(c);
	return 0;
}

int bdb__ingest_junit(bdb__input *in, bdb_run *run, bdb_diag *d)
{
	junit_ctx c = {.in = in, .run = run, .d = d};
	int rc = bdb__xml_read(in, "JUnit XML", &c.x, step, &c, d);
	if (!rc)
		rc = bdb__samples_finish(&c.samples, run);
	bdb__samples_free(&c.samples);
	bdb__strmap_free(&c.points);
	return rc;
}
