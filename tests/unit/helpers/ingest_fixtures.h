/* ingest_fixtures.h - helpers for the ingest tests: load a fixture (the
 * test fails when it does not load), find points and metrics in a run. */
#ifndef BDB_TEST_INGEST_FIXTURES_H
#define BDB_TEST_INGEST_FIXTURES_H

#include "ingest.h"

/* Ingests path (format may be AUTO) with opt (may be NULL); fails the test
 * with the diagnostic when it does not load. *detected may be NULL. */
bdb_run *fixture_load(const char *path, bdb_input_format format, const bdb_ingest_options *opt,
		      bdb_input_format *detected);

/* The point with this name and exactly these tags ("k=v,k=v", "" for none);
 * fails the test when there is none. */
const bdb_point *fixture_point(const bdb_run *run, const char *name, const char *tags);

/* The metric of p; fails the test when absent. */
const bdb_metric *fixture_metric(const bdb_point *p, const char *name);

/* Asserts |actual - expected| <= rel * |expected| (rel 0: exactly equal). */
void fixture_close(double actual, double expected, double rel);

/* Asserts the run defines metric name with this direction and unit (NULL: none). */
void fixture_def(const bdb_run *run, const char *name, bdb_direction direction, const char *unit);

/* The value of env / meta key, or NULL. */
const char *fixture_env(const bdb_run *run, const char *key);
const char *fixture_meta(const bdb_run *run, const char *key);

#endif
