/*
 * query_check.h - what the executor tests share: running a statement that
 * must succeed and reading its result cells by column name. Every function
 * fails the test (cmocka) when something it needs is missing.
 */
#ifndef BDB_TEST_QUERY_CHECK_H
#define BDB_TEST_QUERY_CHECK_H

#include "query.h"

/* Runs one statement; fails the test with its diag when it errs. Free the
 * result with bdb_result_free. */
bdb_result *query_run_ok(bdb_store *store, const bdb_query_options *opt, const char *q);

/* The text output of q in the default format (malloc'ed). */
char *query_text(bdb_store *store, const bdb_query_options *opt, const char *q);

/* Cell (row, column named col); fails when there is no such column or row. */
bdb_value result_cell(const bdb_result *r, size_t row, const char *col);

/* A string cell, "null" for a missing value, "?" for another kind. */
const char *result_str(const bdb_result *r, size_t row, const char *col);

/* A number or integer cell as a double; NAN otherwise. */
double result_num(const bdb_result *r, size_t row, const char *col);

#endif /* BDB_TEST_QUERY_CHECK_H */
