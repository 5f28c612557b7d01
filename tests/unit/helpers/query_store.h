/*
 * query_store.h - the small store the query tests run against: four runs of
 * three benchkit-style points (DESIGN.md §1's example, docs/query-language.md
 * shows the same data), built through the run model and the engine.
 *
 *   run  timestamp             commit   branch   notes
 *   r1   2026-01-05T10:00:00Z  aaa1111  main     also has point OLD/gone
 *   r2   2026-01-06T10:00:00Z  bbb2222  main     Grain latency given in us
 *   r3   2026-01-12T10:00:00Z  ccc3333  feature
 *   r4   2026-02-02T10:00:00Z  ddd4444  main     also has point NLP-3/new
 *
 * Points (scenario; tags) and metrics (direction, unit) per run r1..r4:
 *   CV-1/small (cv; framework=Datarax, variant=small)
 *     throughput  higher elem/s  1000 1010  990  900
 *     latency_p50 lower  ms        10 10.2  9.8 10.5   (threshold 10%)
 *     memory      info   MB       512  256  512  600
 *   CV-1/small (cv; framework=Grain, variant=small)
 *     throughput                   800  820  850 1200
 *     latency_p50                   12   12   12   24  (r2: 12000 us)
 *     memory                       256  256  256  256
 *   NLP-2/large (nlp; framework=Datarax)
 *     throughput                    50   50   50 47.5
 *     latency_p50                    0    0    0  100
 *     memory                      1024 1024 1024 1024
 *   OLD/gone (r1 only)  throughput 1;  NLP-3/new (r4 only)  throughput 5
 * Samples: CV-1/small Datarax throughput r1 {998 999 1000 1001 1002},
 * r4 {898 899 900 901 902}; Grain throughput r1 {790 800 810},
 * r4 {1195 1200 1205}.
 */
#ifndef BDB_TEST_QUERY_STORE_H
#define BDB_TEST_QUERY_STORE_H

#include "engine.h"

/* Creates the store above in a new temporary directory (*dir, free it
 * after query_store_close). Aborts the test on failure. */
bdb_store *query_store_open(char **dir);

/* Closes the store and removes its directory. */
void query_store_close(bdb_store *store, char *dir);

/* "Now" for relative times in the query tests: 2026-02-10T00:00:00Z. */
#define QUERY_STORE_NOW_US (INT64_C(1770681600) * 1000000)

#endif /* BDB_TEST_QUERY_STORE_H */
