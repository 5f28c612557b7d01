/* test_router.c - the pure parts of `benchdb serve` (web/router.c,
 * web/metrics.c, web/badge.c): routes and their path parameters,
 * percent-decoding and encoding, the Prometheus text, the badge SVG. The
 * server over real sockets is tests/cli/test_serve_api.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "badge.h"
#include "metrics.h"
#include "router.h"

/* Decodes s (all of it) and returns the code; the text in out. */
static int decode(const char *s, bool form, char *out)
{
	size_t len = 99999;
	int rc = bdb__url_decode(s, strlen(s), form, out, &len);
	if (rc == 0)
		assert_int_equal(len, strlen(out));
	return rc;
}

static void test_decode(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(decode("a%20b", false, out), 0);
	assert_string_equal(out, "a b");
	assert_int_equal(decode("a+b", true, out), 0);
	assert_string_equal(out, "a b");
	assert_int_equal(decode("a+b", false, out), 0);
	assert_string_equal(out, "a+b");
	assert_int_equal(decode("%2f%2F%2B", true, out), 0);
	assert_string_equal(out, "//+");
	assert_int_equal(decode("%C3%BC%e2%82%ac", false, out), 0);
	assert_string_equal(out, "\xc3\xbc\xe2\x82\xac"); /* ü€ */
	assert_int_equal(decode("", false, out), 0);
	assert_string_equal(out, "");
	/* Bad escapes, NUL, not UTF-8 (truncated, overlong, a surrogate). */
	static const char *const bad[] = {"%",	    "%2",	 "a%ZZ",	"%G0",
					  "%0g",    "a%00b",	 "%FF",		"%C3",
					  "%C0%80", "%ED%A0%80", "%F4%90%80%80"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(decode(bad[i], false, out), BDB_EINVAL);
	/* A raw NUL inside the given length is refused as well. */
	size_t len;
	assert_int_equal(bdb__url_decode("a\0b", 3, false, out, &len), BDB_EINVAL);
}

static void test_encode(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb__url_encode(&b, "a b/\xc3\xbc~._-\"\\+%");
	assert_string_equal(bdb_buf_cstr(&b), "a%20b%2F%C3%BC~._-%22%5C%2B%25");
	char out[64];
	assert_int_equal(decode(bdb_buf_cstr(&b), true, out), 0);
	assert_string_equal(out, "a b/\xc3\xbc~._-\"\\+%");
	bdb_buf_free(&b);
}

/* The outcome of method path, with the route's id in *id (-1: none) and
 * its parameter copied to param (""). */
static bdb__route_outcome find(const char *method, const char *path, int *id, char *param)
{
	bdb__route_match m;
	bdb__route_outcome o = bdb__route_find(path, method, &m);
	*id = m.route ? (int)m.route->id : -1;
	strcpy(param, m.param ? m.param : "");
	if (m.param)
		assert_int_equal(m.param_len, strlen(m.param));
	bdb__route_match_free(&m);
	return o;
}

static void test_routes(void **state)
{
	(void)state;
	size_t n;
	const bdb__route *routes = bdb__routes(&n);
	assert_int_equal(n, BDB__N_ROUTES);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(routes[i].id, i); /* the table is in id order */
	int id;
	char p[256];
	static const struct {
		const char *method, *path;
		bdb__route_outcome outcome;
		int id;
		const char *param;
	} cases[] = {
	    {"GET", "/api/health", BDB__ROUTE_OK, BDB__ROUTE_HEALTH, ""},
	    {"HEAD", "/api/health", BDB__ROUTE_OK, BDB__ROUTE_HEALTH, ""},
	    {"POST", "/api/health", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_HEALTH, ""},
	    {"POST", "/api/query", BDB__ROUTE_OK, BDB__ROUTE_QUERY, ""},
	    {"GET", "/api/runs", BDB__ROUTE_OK, BDB__ROUTE_RUNS, ""},
	    {"POST", "/api/runs", BDB__ROUTE_OK, BDB__ROUTE_RUNS, ""},
	    {"PATCH", "/api/runs", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_RUNS, ""},
	    {"GET", "/api/runs/r05", BDB__ROUTE_OK, BDB__ROUTE_RUN, "r05"},
	    {"GET", "/api/runs/r%2F05", BDB__ROUTE_OK, BDB__ROUTE_RUN, "r/05"},
	    {"GET", "/api/runs/a+b", BDB__ROUTE_OK, BDB__ROUTE_RUN, "a+b"},
	    {"POST", "/api/runs/r05", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/tags/framework", BDB__ROUTE_OK, BDB__ROUTE_TAG, "framework"},
	    {"PUT", "/api/baselines/we%22ird%5C%20%C3%BC", BDB__ROUTE_OK, BDB__ROUTE_BASELINE,
	     "we\"ird\\ \xc3\xbc"},
	    {"DELETE", "/api/baselines/main", BDB__ROUTE_OK, BDB__ROUTE_BASELINE, "main"},
	    {"GET", "/api/baselines/main", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_BASELINE, ""},
	    {"GET", "/api/baselines", BDB__ROUTE_OK, BDB__ROUTE_BASELINES, ""},
	    {"GET", "/api/badge.svg", BDB__ROUTE_OK, BDB__ROUTE_BADGE, ""},
	    {"GET", "/metrics", BDB__ROUTE_OK, BDB__ROUTE_PROMETHEUS, ""},
	    /* The dashboard: its page, its files (looked up in the table of
	     * embedded files, never on disk: test_dashboard), its data. */
	    {"GET", "/", BDB__ROUTE_OK, BDB__ROUTE_DASHBOARD, ""},
	    {"POST", "/", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_DASHBOARD, ""},
	    {"GET", "/assets/dashboard.js", BDB__ROUTE_OK, BDB__ROUTE_ASSET, "dashboard.js"},
	    {"GET", "/assets/..%2Fserve.c", BDB__ROUTE_OK, BDB__ROUTE_ASSET, "../serve.c"},
	    {"GET", "/assets/", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/assets/a/b.js", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/api/overview", BDB__ROUTE_OK, BDB__ROUTE_OVERVIEW, ""},
	    /* Not found: no route has the path as sent. */
	    {"GET", "/api/runs/", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/api/runs/a/b", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/api/r%75ns", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/api/health/", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "//", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/etc/passwd", BDB__ROUTE_NOT_FOUND, -1, ""},
	    {"GET", "/api/runs/../health", BDB__ROUTE_NOT_FOUND, -1, ""},
	    /* Methods are exact words of the list. */
	    {"GE", "/api/health", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_HEALTH, ""},
	    {"get", "/api/health", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_HEALTH, ""},
	    {"", "/api/health", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_HEALTH, ""},
	    {"GET, HEAD", "/api/health", BDB__ROUTE_BAD_METHOD, BDB__ROUTE_HEALTH, ""},
	    /* A parameter is one line of UTF-8 text. */
	    {"GET", "/api/runs/%ZZ", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/runs/a%00b", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/runs/a%0Ab", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/runs/a%7F", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/runs/%FF", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	    {"GET", "/api/runs/a%2", BDB__ROUTE_BAD_PARAM, BDB__ROUTE_RUN, ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		print_message("%s %s\n", cases[i].method, cases[i].path);
		assert_int_equal(find(cases[i].method, cases[i].path, &id, p), cases[i].outcome);
		assert_int_equal(id, cases[i].id);
		assert_string_equal(p, cases[i].param);
	}
}

static void test_metrics_text(void **state)
{
	(void)state;
	size_t n;
	const bdb__route *routes = bdb__routes(&n);
	bdb__metrics *m = calloc(1, sizeof *m);
	assert_non_null(m);
	bdb__metrics_record(m, &routes[BDB__ROUTE_HEALTH], 200, 0.0001);
	bdb__metrics_record(m, &routes[BDB__ROUTE_HEALTH], 200, 0.003);
	bdb__metrics_record(m, &routes[BDB__ROUTE_RUN], 404, 0.7);
	bdb__metrics_record(m, &routes[BDB__ROUTE_RUN], 200, 0.001); /* on a bound: in it */
	bdb__metrics_record(m, NULL, 404, 10);			     /* above every bucket */
	bdb__metrics_gauges g = {.uptime_seconds = 1.5, .store_bytes = 4096, .runs = -1};
	bdb_buf b;
	bdb_buf_init(&b);
	bdb__metrics_write(m, &g, &b);
	/* Hand-computed: cumulative counts per bucket bound. */
	const char *want =
	    "# HELP benchdb_http_requests_total HTTP requests answered, by route and status code.\n"
	    "# TYPE benchdb_http_requests_total counter\n"
	    "benchdb_http_requests_total{route=\"/api/health\",code=\"200\"} 2\n"
	    "benchdb_http_requests_total{route=\"/api/runs/{}\",code=\"200\"} 1\n"
	    "benchdb_http_requests_total{route=\"/api/runs/{}\",code=\"404\"} 1\n"
	    "benchdb_http_requests_total{route=\"other\",code=\"404\"} 1\n"
	    "# HELP benchdb_http_request_duration_seconds Time from a request's first byte to "
	    "its answer, by route.\n"
	    "# TYPE benchdb_http_request_duration_seconds histogram\n"
#define B(route, le, n)                                                                            \
	"benchdb_http_request_duration_seconds_bucket{route=\"" route "\",le=\"" le "\"} " #n "\n"
	    B("/api/health", "0.0005", 1) B("/api/health", "0.001", 1) B(
		"/api/health", "0.0025",
		1) B("/api/health", "0.005",
		     2) B("/api/health", "0.01",
			  2) B("/api/health", "0.025",
			       2) B("/api/health", "0.05",
				    2) B("/api/health", "0.1",
					 2) B("/api/health", "0.25",
					      2) B("/api/health", "0.5",
						   2) B("/api/health", "1", 2) B("/api/health", "5",
										 2)
		B("/api/health", "+Inf",
		  2) "benchdb_http_request_duration_seconds_sum{route=\"/api/health\"} 0.0031\n"
		     "benchdb_http_request_duration_seconds_count{route=\"/api/health\"} 2\n" B(
			 "/api/runs/{}", "0.0005", 0) B("/api/runs/{}",
							"0.001", 1) B("/api/runs/{}", "0.0025", 1)
			 B("/api/runs/{}", "0.005", 1) B("/api/runs/{}", "0.01", 1) B(
			     "/api/runs/{}",
			     "0.025",
			     1) B("/api/runs/{}", "0.05",
				  1) B("/api/runs/{}", "0.1", 1)
			     B("/api/runs/{}", "0.25", 1) B("/api/runs/{}", "0.5", 1) B(
				 "/api/runs/{}",
				 "1",
				 2) B("/api/runs/{}", "5", 2)
				 B("/api/runs/{}", "+Inf",
				   2) "benchdb_http_request_duration_seconds_sum{route=\"/api/runs/"
				      "{}\"} 0.701\n"
				      "benchdb_http_request_duration_seconds_count{route=\"/api/"
				      "runs/{}\"} 2\n" B("other", "0.0005", 0) B(
					  "other",
					  "0.001",
					  0) B("other", "0.0025",
					       0) B("other", "0.005", 0)
					  B("other", "0.01",
					    0) B("other", "0.025",
						 0) B("other", "0.05", 0)
					      B("other", "0.1",
						0) B("other", "0.25",
						     0) B("other", "0.5", 0)
						  B("other", "1",
						    0) B("other", "5",
							 0) B("other", "+Inf", 1)
#undef B
						      "benchdb_http_request_duration_seconds_sum{"
						      "route=\"other\"} 10\n"
						      "benchdb_http_request_duration_seconds_count{"
						      "route=\"other\"} 1\n"
						      "# HELP benchdb_store_size_bytes Size of the "
						      "store's data file (data.mdb) in bytes.\n"
						      "# TYPE benchdb_store_size_bytes gauge\n"
						      "benchdb_store_size_bytes 4096\n"
						      "# HELP benchdb_uptime_seconds Seconds since "
						      "the server started.\n"
						      "# TYPE benchdb_uptime_seconds gauge\n"
						      "benchdb_uptime_seconds 1.500\n";
	assert_string_equal(bdb_buf_cstr(&b), want);
	bdb_buf_free(&b);
	free(m);
}

static void test_metrics_codes_bounded(void **state)
{
	(void)state;
	bdb__metrics *m = calloc(1, sizeof *m);
	assert_non_null(m);
	/* Codes arrive out of order: kept ascending. */
	for (unsigned code = 116; code >= 100; code--)
		bdb__metrics_record(m, NULL, code, 0);
	bdb__route_stats *r = &m->routes[BDB__N_ROUTES];
	assert_int_equal(r->n_codes, BDB__METRICS_CODES);
	assert_int_equal(r->codes[0].code, 101);
	assert_int_equal(r->codes[15].code, 116);
	/* The 17th distinct code (100, arriving last with the table full)
	 * was counted in the last slot. */
	assert_int_equal(r->codes[15].n, 2);
	assert_int_equal(r->count, 17);
	free(m);
}

static void test_badge(void **state)
{
	(void)state;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb__badge_svg("<img src=x onerror=alert(1)>", "1.5 \xc2\xb5s", BDB__BADGE_RED, &b);
	const char *svg = bdb_buf_cstr(&b);
	/* 28 characters: 196 + 10 px; "1.5 µs" 6 characters: 42 + 10. */
	assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"258\" "
				    "height=\"20\" role=\"img\" aria-label=\"&lt;img src=x "
				    "onerror=alert(1)&gt;: 1.5 \xc2\xb5s\">"));
	assert_non_null(strstr(svg, "<rect width=\"206\" height=\"20\" fill=\"#555\"/><rect "
				    "x=\"206\" width=\"52\" height=\"20\" fill=\"#e05d44\"/>"));
	assert_non_null(strstr(svg, "<text x=\"103.0\" y=\"14\">&lt;img src=x "
				    "onerror=alert(1)&gt;</text><text x=\"232.0\" y=\"14\">1.5 "
				    "\xc2\xb5s</text>"));
	assert_null(strstr(svg, "<img"));
	/* Deterministic: the same text gives the same bytes. */
	bdb_buf again;
	bdb_buf_init(&again);
	bdb__badge_svg("<img src=x onerror=alert(1)>", "1.5 \xc2\xb5s", BDB__BADGE_RED, &again);
	assert_int_equal(again.len, b.len);
	assert_memory_equal(again.data, b.data, b.len);
	bdb_buf_free(&again);
	bdb_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode),
	    cmocka_unit_test(test_encode),
	    cmocka_unit_test(test_routes),
	    cmocka_unit_test(test_metrics_text),
	    cmocka_unit_test(test_metrics_codes_bounded),
	    cmocka_unit_test(test_badge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
