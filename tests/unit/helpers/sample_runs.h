/*
 * sample_runs.h - runs shared by the codec, conformance and verifier tests,
 * and a checker that reads a verified buffer through every zero-copy
 * accessor and compares it with a run.
 *
 * Every constructor returns a new run (free with bdb_run_free) and aborts
 * the test on out of memory.
 */
#ifndef BDB_TEST_SAMPLE_RUNS_H
#define BDB_TEST_SAMPLE_RUNS_H

#include "schema.h"

/* Only an id. */
bdb_run *sample_run_empty(void);

/* Names, tags, environment, units in several scripts, emoji, escapes. */
bdb_run *sample_run_unicode(void);

/* n points "bench/NNNNN", two tags, metrics time (ns) and ops (ops/s). */
bdb_run *sample_run_points(size_t n);

/* Metrics with 1, 2, 7 and 1000 samples. */
bdb_run *sample_run_samples(void);

/* Absent optionals next to present zeros (lower, upper, threshold). */
bdb_run *sample_run_optionals(void);

/*
 * Extreme doubles and timestamps. Families can be left out because text
 * round trips through flatc cannot carry them:
 *   SAMPLE_TINY: denormals (2^-1074 ...) and DBL_MIN, which flatc -t prints
 *   with 12 decimals, i.e. as 0.0;
 *   SAMPLE_NONFINITE: NaN and infinities, which JSON cannot express.
 */
enum { SAMPLE_TINY = 1, SAMPLE_NONFINITE = 2 };
bdb_run *sample_run_extremes(int families);

/* Every field of the schema: commit, branch, env, metadata, defs, scenario. */
bdb_run *sample_run_full(void);

/*
 * Asserts that the verified buffer, read through the bdb_fb_* accessors,
 * holds exactly run: strings byte for byte (absent = NULL), doubles bit for
 * bit, optional scalars present exactly when the run has them.
 */
void assert_buffer_holds_run(const void *buf, size_t len, const bdb_run *run);

/* Encodes run into a fresh malloc'd buffer of exactly *len bytes. */
void *encode_exact(const bdb_run *run, size_t *len);

/* The unit the builder writes for metric m of run: none when it equals
 * the unit of the run's definition of that metric (docs/storage.md 1.3). */
const char *stored_metric_unit(const bdb_run *run, const bdb_metric *m);

#endif /* BDB_TEST_SAMPLE_RUNS_H */
