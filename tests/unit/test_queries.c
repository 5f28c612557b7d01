/*
 * test_queries.c - runs the golden query tests in tests/queries/NAME.test (one
 * cmocka test per file) against a fresh copy of the store of
 * helpers/query_store.h with baseline main = r1, as jq runs its tests/NAME.test.
 *
 * File format (tests/queries/README.md):
 *   - cases are separated by blank lines; lines starting with '#' between
 *     cases are comments;
 *   - a case is one statement line and the expected output lines after it;
 *     an empty output line is written %%BLANK; CSV's CRLF line ends are
 *     compared as LF (test_format checks the CR);
 *   - "%%FAIL" before the statement: the statement must fail, and the
 *     expected lines are "LINE:COL: message" and the message's statement and
 *     caret lines;
 *   - "%%TERMINAL" before the statement: format for a colour terminal
 *     (sparklines and SGR colours; NO_COLOR is unset for the test).
 * Statements run in file order on the same store, so a file may set a
 * baseline and use it later.
 *
 * With QUERY_TESTS_UPDATE=1 each file's actual results are written next to
 * it as FILE.out (same format) for review; the test still fails on a
 * difference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/query_store.h"
#include "query.h"

#define QUERY_DIR "tests/queries"

typedef struct lines {
	char **v;
	size_t n;
} lines;

static lines read_lines(const char *path)
{
	lines l = {NULL, 0};
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		l.v = realloc(l.v, (l.n + 1) * sizeof *l.v);
		assert_non_null(l.v);
		l.v[l.n++] = strdup(line);
	}
	free(line);
	fclose(f);
	return l;
}

static void free_lines(lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* The actual result of a case, in the file's notation. */
static void actual_result(bdb_store *store, const char *stmt, bool fail, bool terminal,
			  bdb_buf *got, bool *failed)
{
	bdb_query_options opt = {
	    .now_us = QUERY_STORE_NOW_US, .is_terminal = terminal, .color = terminal};
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	int rc = bdb_query_exec(store, stmt, &opt, &out, &d);
	*failed = rc != 0;
	if (rc && fail) {
		bdb_buf_printf(got, "%d:%d: %s\n", d.line, d.col, d.message);
	} else if (rc) {
		bdb_buf_printf(got, "unexpected error %s %d:%d: %s\n", bdb_error_name(rc), d.line,
			       d.col, d.message);
	} else {
		/* Blank lines become %%BLANK; CRLF becomes LF. */
		const char *s = bdb_buf_cstr(&out);
		while (*s) {
			const char *e = strchr(s, '\n');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			size_t m = n && s[n - 1] == '\r' ? n - 1 : n;
			if (m == 0)
				bdb_buf_puts(got, "%%BLANK");
			else
				bdb_buf_append(got, s, m);
			bdb_buf_putc(got, '\n');
			s += e ? n + 1 : n;
		}
	}
	bdb_buf_free(&out);
}

static void run_file(const char *path)
{
	char *dir;
	bdb_store *store = query_store_open(&dir);
	bdb_buf sink;
	bdb_buf_init(&sink);
	assert_int_equal(bdb_query_exec(store, "set baseline = run r1", NULL, &sink, NULL), 0);
	bdb_buf_free(&sink);

	lines l = read_lines(path);
	bdb_buf update;
	bdb_buf_init(&update);
	size_t cases = 0, failures = 0;
	for (size_t i = 0; i < l.n;) {
		if (l.v[i][0] == '\0' || l.v[i][0] == '#') {
			bdb_buf_puts(&update, l.v[i]);
			bdb_buf_putc(&update, '\n');
			i++;
			continue;
		}
		size_t first = i;
		bool fail = false, terminal = false;
		for (; i < l.n && l.v[i][0] == '%'; i++) {
			if (strcmp(l.v[i], "%%FAIL") == 0)
				fail = true;
			else if (strcmp(l.v[i], "%%TERMINAL") == 0)
				terminal = true;
			else
				fail_msg("%s:%zu: unknown directive %s", path, i + 1, l.v[i]);
			bdb_buf_printf(&update, "%s\n", l.v[i]);
		}
		assert_true(i < l.n);
		const char *stmt = l.v[i++];
		bdb_buf want, got;
		bdb_buf_init(&want);
		bdb_buf_init(&got);
		for (; i < l.n && l.v[i][0] != '\0'; i++)
			bdb_buf_printf(&want, "%s\n", l.v[i]);
		bool failed;
		actual_result(store, stmt, fail, terminal, &got, &failed);
		cases++;
		if (failed != fail || strcmp(bdb_buf_cstr(&want), bdb_buf_cstr(&got)) != 0) {
			failures++;
			print_error("%s:%zu: %s\n--- expected%s\n%s--- got%s\n%s", path, first + 1,
				    stmt, fail ? " (an error)" : "", bdb_buf_cstr(&want),
				    failed ? " (an error)" : "", bdb_buf_cstr(&got));
		}
		bdb_buf_printf(&update, "%s\n%s", stmt, bdb_buf_cstr(&got));
		bdb_buf_free(&want);
		bdb_buf_free(&got);
	}
	const char *upd = getenv("QUERY_TESTS_UPDATE");
	if (upd && *upd == '1') {
		char out[512];
		snprintf(out, sizeof out, "%s.out", path);
		FILE *f = fopen(out, "w");
		assert_non_null(f);
		fputs(bdb_buf_cstr(&update), f);
		fclose(f);
	}
	print_message("%s: %zu cases, %zu failed\n", path, cases, failures);
	bdb_buf_free(&update);
	free_lines(&l);
	query_store_close(store, dir);
	if (failures)
		fail_msg("%s: %zu of %zu cases failed", path, failures, cases);
}

static void run_one(void **state)
{
	run_file(*state);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	unsetenv("NO_COLOR");
	DIR *d = opendir(QUERY_DIR);
	if (!d) {
		fprintf(stderr, "no %s (run from the repository root)\n", QUERY_DIR);
		return 1;
	}
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".test") == 0) {
			names[n] = malloc(sizeof QUERY_DIR + len + 1);
			sprintf(names[n], "%s/%s", QUERY_DIR, e->d_name);
			n++;
		}
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	struct CMUnitTest *tests = calloc(n + 1, sizeof *tests);
	for (size_t i = 0; i < n; i++) {
		tests[i].name = names[i];
		tests[i].test_func = run_one;
		tests[i].initial_state = names[i];
	}
	int rc = _cmocka_run_group_tests("queries", tests, n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(tests);
	return rc;
}
