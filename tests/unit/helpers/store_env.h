/*
 * store_env.h - what the storage engine tests share: temporary store
 * directories, a small run builder and a verify that must come back clean.
 * Every function aborts the test (cmocka's fail) when something it needs
 * fails.
 */
#ifndef BDB_TEST_STORE_ENV_H
#define BDB_TEST_STORE_ENV_H

#include "engine.h"

/* A new empty directory under $TMPDIR (or /tmp); free() the result after
 * remove_tree(). */
char *make_temp_dir(void);

/* Removes dir and everything under it (files and one level of subdirs). */
void remove_tree(const char *dir);

/* Opens (creating) a store in dir with no_sync and the given initial map. */
bdb_store *open_store(const char *dir, size_t initial_map_size);

/*
 * A run with id, timestamp, n_points points "bench/NNN" tagged
 * framework=Grain|Datarax and size=N%3, each with metrics "time" (ns,
 * value base + point index, with CI) and "ops" (ops/s). commit and branch
 * may be NULL.
 */
bdb_run *make_run(const char *id, int64_t ts, const char *commit, const char *branch,
		  size_t n_points, double base);

/* Puts run, asserting success and the expected outcome; returns the seq. */
uint64_t put_ok(bdb_store *s, const bdb_run *run, unsigned flags, bdb_put_outcome expect);

/* Runs verify and asserts it found no problem (printing any it found). */
void assert_verify_clean(bdb_store *s);

/* The number of problems verify reports (0 = clean). */
size_t verify_count(bdb_store *s);

/* A cmocka fixture: a fresh store in a temporary directory. */
typedef struct store_fixture {
	char *dir;
	bdb_store *store;
} store_fixture;
int store_setup(void **state);
int store_teardown(void **state);

/* The number of series in the postings of term / matching every term. */
size_t count_postings(bdb_reader *r, const char *term);
size_t count_matching(bdb_reader *r, const char *const *terms, size_t n_terms);

/* Whether the test runs under the sanitizers (BENCHDB_SANITIZED=1). */
bool sanitized(void);

/* How many `chunks` values of the (closed) store at dir are blocks (first
 * byte 80, docs/storage.md 2.8), or with blocks false, chunks. */
size_t chunk_values(const char *dir, bool blocks);

#endif /* BDB_TEST_STORE_ENV_H */
