/*
 * test_dashboard.c - the dashboard's files (web/dashboard.h) and its
 * overview (bdb_dashboard_overview, web.h) over the query tests' store
 * (tests/unit/helpers/query_store.h). The expected verdicts are worked by
 * hand from that store's values with DESIGN.md §4's rules (baseline r1,
 * latest r4, threshold 5%, strict, a zero base n/a).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "dashboard.h"
#include "helpers/files.h"
#include "helpers/query_store.h"

/* The file the server sends for path, with its type; NULL when none. */
static char *served(const char *path, const char **type)
{
	bdb_buf b;
	bdb_buf_init(&b);
	*type = NULL;
	if (bdb__dashboard_file(path, &b, type) != 0) {
		assert_int_equal(b.len, 0);
		bdb_buf_free(&b);
		return NULL;
	}
	char *copy = strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return copy;
}

static char *source(const char *path)
{
	size_t len;
	uint8_t *bytes = test_read_file(path, &len);
	assert_non_null(bytes);
	char *s = malloc(len + 1);
	memcpy(s, bytes, len);
	s[len] = '\0';
	free(bytes);
	return s;
}

/* "/" and "/assets/NAME" are the files of web/assets/, byte for byte (the
 * style sheet followed by the charts' rules); nothing else is found. */
static void test_files(void **state)
{
	(void)state;
	const char *type;
	char *page = served("/", &type), *want = source("web/assets/index.html");
	assert_string_equal(page, want);
	assert_string_equal(type, "text/html; charset=utf-8");
	free(page);
	free(want);
	char *js = served("/assets/dashboard.js", &type);
	want = source("web/assets/dashboard.js");
	assert_string_equal(js, want);
	assert_string_equal(type, "text/javascript; charset=utf-8");
	free(js);
	free(want);
	char *css = served("/assets/dashboard.css", &type);
	want = source("web/assets/dashboard.css");
	assert_int_equal(strncmp(css, want, strlen(want)), 0);
	/* After the file: the dark theme's base it shares with the report, then
	 * the charts' rules. */
	const char *after = css + strlen(want);
	assert_int_equal(strncmp(after, bdb_html_dark_style(), strlen(bdb_html_dark_style())), 0);
	assert_string_equal(after + strlen(bdb_html_dark_style()), bdb_chart_style());
	assert_string_equal(type, "text/css; charset=utf-8");
	free(css);
	free(want);
	static const char *const missing[] = {"",
					      "/index.html",
					      "/assets/",
					      "/assets/../web.h",
					      "/assets/nope.js",
					      "/assets/dashboard.js/",
					      "/web/assets/dashboard.js",
					      "assets/dashboard.js"};
	for (size_t i = 0; i < sizeof missing / sizeof *missing; i++) {
		assert_null(served(missing[i], &type));
		assert_null(type);
	}
}

static json_t *overview(bdb_store *store, const char *baseline)
{
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_overview_options o = {.baseline = baseline};
	assert_int_equal(bdb_dashboard_overview(store, &o, &b, &d), 0);
	json_error_t err;
	json_t *j = json_loads(bdb_buf_cstr(&b), 0, &err);
	if (!j)
		fail_msg("not JSON: %s at %d:%d", err.text, err.line, err.column);
	bdb_buf_free(&b);
	return j;
}

static const char *str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void test_overview(void **state)
{
	(void)state;
	char *dir;
	bdb_store *store = query_store_open(&dir);
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	bdb_diag_clear(&d);
	assert_int_equal(bdb_query_exec(store, "set baseline main = run \"r1\"", NULL, &out, &d), 0);
	json_t *j = overview(store, NULL);
	assert_int_equal(json_integer_value(json_object_get(j, "runs")), 4);
	assert_int_equal(json_integer_value(json_object_get(j, "window")), 30);
	assert_string_equal(str(j, "first"), "2026-01-05T10:00:00Z");
	json_t *latest = json_object_get(j, "latest");
	assert_string_equal(str(latest, "id"), "r4");
	assert_string_equal(str(j, "branch"), "main"); /* the baseline's run's */
	assert_string_equal(str(latest, "commit"), "ddd4444");
	json_t *base = json_object_get(j, "baseline");
	assert_string_equal(str(base, "name"), "main");
	assert_string_equal(str(base, "run"), "r1");
	/* The regressions statement's own JSON: Datarax throughput 1000 -> 900
	 * (-10%, higher is better) and Grain latency 12 -> 24 ms (+100%). */
	json_t *rows = json_object_get(json_object_get(j, "regressions"), "rows");
	assert_int_equal(json_array_size(rows), 2);
	assert_string_equal(str(json_array_get(rows, 0), "severity"), "minor");
	assert_string_equal(str(json_array_get(rows, 1), "severity"), "severe");
	/* ... with each cell as the table shows it (display, as /api/query?display=1). */
	json_t *shown = json_object_get(json_array_get(rows, 1), "display");
	assert_string_equal(str(shown, "base"), "12 ms");
	assert_string_equal(str(shown, "current"), "24 ms");
	assert_string_equal(str(shown, "change_pct"), "+100.0%");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, 1), "current")), 24);
	shown = json_object_get(json_array_get(rows, 0), "display");
	assert_string_equal(str(shown, "base"), "1k elem/s");
	assert_string_equal(str(shown, "current"), "900 elem/s");
	/* Four runs are too few for a change point (docs/query-language.md). */
	assert_int_equal(json_array_size(json_object_get(j, "changes")), 0);
	/* The grid: 11 series; regressions worst first, then the improvement,
	 * then the rest in the store's order; latest as the table shows it. */
	json_t *series = json_object_get(j, "series");
	assert_int_equal(json_array_size(series), 11);
	static const struct {
		const char *framework, *metric, *latest, *unit, *change, *verdict;
	} want[] = {
	    {"Grain", "latency_p50", "24 ms", "ms", "+100.0%", "regression"},
	    {"Datarax", "throughput", "900 elem/s", "elem/s", "-10.0%", "regression"},
	    {"Grain", "throughput", "1.2k elem/s", "elem/s", "+50.0%", "improvement"},
	    {"Datarax", "latency_p50", "10.5 ms", "ms", "+5.0%", "unchanged"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		json_t *s = json_array_get(series, i);
		assert_string_equal(str(s, "point"), "CV-1/small");
		assert_string_equal(str(json_object_get(s, "tags"), "framework"), want[i].framework);
		assert_string_equal(str(s, "metric"), want[i].metric);
		assert_string_equal(str(s, "latest"), want[i].latest);
		assert_string_equal(str(s, "unit"), want[i].unit);
		assert_string_equal(str(s, "change_pct"), want[i].change);
		assert_string_equal(str(s, "verdict"), want[i].verdict);
		/* the baseline's branch, main: r1, r2 and r4 (r3 is on feature) */
		assert_int_equal(json_integer_value(json_object_get(s, "runs")), 3);
		assert_int_equal(strncmp(str(s, "sparkline"), "<svg width=\"120\" height=\"24\"", 28), 0);
	}
	/* A zero base is n/a; OLD/gone and NLP-3/new last, one run each. */
	assert_string_equal(str(json_array_get(series, 4), "verdict"), "n/a");
	assert_string_equal(str(json_array_get(series, 9), "verdict"), "new");
	assert_string_equal(str(json_array_get(series, 10), "verdict"), "removed");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(series, 10), "runs")), 1);
	json_decref(j);

	/* No such baseline: said, not an error, and nothing compared. */
	j = overview(store, "release");
	base = json_object_get(j, "baseline");
	assert_string_equal(str(base, "name"), "release");
	assert_true(json_is_null(json_object_get(base, "run")));
	assert_true(json_is_null(json_object_get(j, "regressions")));
	series = json_object_get(j, "series");
	assert_int_equal(json_array_size(series), 11);
	for (size_t i = 0; i < json_array_size(series); i++)
		assert_string_equal(str(json_array_get(series, i), "verdict"), "-");
	json_decref(j);
	bdb_buf_free(&out);
	query_store_close(store, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_files),
	    cmocka_unit_test(test_overview),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
