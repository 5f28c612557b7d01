/* query_check.c - see query_check.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "query_check.h"

bdb_result *query_run_ok(bdb_store *store, const bdb_query_options *opt, const char *q)
{
	bdb_result *r = NULL;
	bdb_diag d;
	int rc = bdb_query_run(store, q, opt, &r, &d);
	if (rc)
		fail_msg("%s: %s (%d:%d: %s)", q, bdb_error_name(rc), d.line, d.col, d.message);
	return r;
}

char *query_text(bdb_store *store, const bdb_query_options *opt, const char *q)
{
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	int rc = bdb_query_exec(store, q, opt, &out, &d);
	if (rc)
		fail_msg("%s: %s", q, d.message);
	char *s = strdup(bdb_buf_cstr(&out));
	bdb_buf_free(&out);
	return s;
}

bdb_value result_cell(const bdb_result *r, size_t row, const char *col)
{
	int c = bdb_result_column_index(r, col);
	if (c < 0)
		fail_msg("no column %s", col);
	assert_true(row < bdb_result_n_rows(r));
	return bdb_result_get(r, row, (size_t)c);
}

const char *result_str(const bdb_result *r, size_t row, const char *col)
{
	bdb_value v = result_cell(r, row, col);
	return v.kind == BDB_VALUE_STRING ? v.str : v.kind == BDB_VALUE_NULL ? "null" : "?";
}

double result_num(const bdb_result *r, size_t row, const char *col)
{
	bdb_value v = result_cell(r, row, col);
	if (v.kind == BDB_VALUE_INT)
		return (double)v.i;
	return v.kind == BDB_VALUE_NUMBER ? v.num : NAN;
}
