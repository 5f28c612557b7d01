/*
 * bench.h - internal declarations shared by the files of bench/: the clock,
 * the SQLite peer, and the summary of an operation's result that both sides
 * produce so their answers can be checked against each other.
 *
 * bench/ is not part of libbenchdb.a; nothing here is public.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include "schema.h"

#include <stddef.h>
#include <stdint.h>

/* Monotonic clock in nanoseconds. */
uint64_t bench_now_ns(void);
/* The size of the file at path (0 when there is none). */
uint64_t bench_file_size(const char *path);
/* Removes dir and everything in it (one level of files, as stores are). */
void bench_remove_tree(const char *dir);

/*
 * What an operation answered: the number of rows, a checksum of its values
 * (their sum, NaN skipped) and, for regressions, how many rows were
 * regressions. Both engines must agree on rows (and closely on the sum).
 * The row text is materialized into `text` as a real result table would be,
 * so neither side gets away without copying what it read.
 */
typedef struct bench_answer {
	size_t rows;
	size_t flagged; /* rows with verdict regression (compare, regressions) */
	double sum;
	bdb_buf text;
} bench_answer;

void bench_answer_reset(bench_answer *a);

/* qsort comparison of doubles, ascending. */
int bench_compare_doubles(const void *a, const void *b);

/*
 * The month buckets of `trend ... by month`: values arrive in time order
 * with their month (year * 12 + month - 1); each finished month becomes a
 * row "YYYY-MM" median min max count. Start zeroed with month = -1.
 */
typedef struct bench_months {
	double *values;
	size_t n, cap;
	int month;
} bench_months;

int bench_months_add(bench_months *m, int month, double value, bench_answer *a);
/* The month of a UTC timestamp (microseconds) as year * 12 + month - 1,
 * by arithmetic: gmtime_r takes a lock and costs more than reading the
 * observation. */
int bench_month_of(int64_t us);
/* Closes the last month; m can be reused. */
void bench_months_finish(bench_months *m, bench_answer *a);
void bench_months_free(bench_months *m);

/*
 * The verdict of one compare row (DESIGN.md section 4): "new", "removed",
 * "n/a" (zero base), "regression", "improvement" or "unchanged", with the
 * change in percent. Comparison with the threshold is strict.
 */
const char *bench_judge(bdb_direction dir, bool has_base, double base, bool has_cur, double cur,
			double threshold_pct, double *change, bool *regression);
/* Ends a compare row: the change, the verdict (or the severity, for
 * regressions), and the summary counts. */
void bench_put_verdict(bench_answer *a, double change, const char *verdict, bool regression,
		       bool only_regressions, bool has_cur, double cur);

/* The series a trend reads: a point, its two tags, a metric. */
typedef struct bench_series_ref {
	const char *point;
	const char *backend;
	const char *dtype;
	const char *metric;
} bench_series_ref;

/* ------------------------------------------------------------------------ */
/* The SQLite peer (bench/sqlite_peer.c)                                     */
/* ------------------------------------------------------------------------ */

typedef struct sqlite_peer sqlite_peer;

/* A description of the peer's configuration, for the report. */
extern const char *const sqlite_peer_description;

/*
 * Opens (creating the schema in) the SQLite database file path with the
 * durability benchdb has: journal_mode=WAL, synchronous=FULL, one transaction
 * per run; with durable false, synchronous=OFF (the peer of benchdb's
 * no_sync). Returns 0 or -1 with a message in err (size 256).
 */
int sqlite_peer_open(const char *path, bool read_only, bool durable, sqlite_peer **out,
		     char *err);
void sqlite_peer_close(sqlite_peer *p);

/*
 * Ingests n benchkit Run JSON documents (json[i], len[i] bytes) in one
 * transaction: for each, the run row, metric definitions, series (looked up
 * or created) and one observation row per metric. *n_obs counts
 * observations. Returns 0 or -1 with a message in err.
 */
int sqlite_peer_ingest_many(sqlite_peer *p, const char *const *json, const size_t *len,
			    size_t n, size_t *n_obs, char *err);

/* Sets baseline name to the run whose id is run_id. */
int sqlite_peer_set_baseline(sqlite_peer *p, const char *name, const char *run_id);

/* The operations of the benchmark; each fills a (reset first). 0 or -1. */
int sqlite_peer_trend(sqlite_peer *p, const bench_series_ref *s, bench_answer *a);
int sqlite_peer_trend_by_month(sqlite_peer *p, const bench_series_ref *s, bench_answer *a);
int sqlite_peer_rank(sqlite_peer *p, const char *metric, bench_answer *a);
/* compare latest with baseline main (all metrics); regressions keeps only
 * the regressions at threshold_pct. */
int sqlite_peer_compare(sqlite_peer *p, bool only_regressions, double threshold_pct,
			bench_answer *a);
int sqlite_peer_show_runs(sqlite_peer *p, int limit, bench_answer *a);

/* The SQL text of the trend query with the series spelled out, for the
 * one-shot sqlite3 CLI comparison. Written into buf. */
void sqlite_peer_trend_sql(const bench_series_ref *s, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* The benchdb side (bench/benchdb_side.c)                                   */
/* ------------------------------------------------------------------------ */

/* Returned by a benchdb_side function whose API is not in this build yet. */
#define BENCH_MISSING (-9999)

typedef struct benchdb_side benchdb_side;

/*
 * Why operation `op` ("query") cannot run in this build, e.g. "API missing:
 * bdb_query_run ...", or NULL when it can. The engine and ingest are always
 * there.
 */
const char *benchdb_side_missing(const char *op);

/* Opens (creating) the store in dir; durable = fsync at every commit (the
 * default), else MDB_NOSYNC for bulk loads. 0 or an error + err (size 256). */
int benchdb_side_open(const char *dir, bool durable, benchdb_side **out, char *err);
void benchdb_side_close(benchdb_side *s);

/* Runs per write transaction of the batched ingest rows: what `benchdb
 * ingest FILE...` does (BDB_INGEST_BATCH_RUNS), on both sides. */
#define BENCH_BATCH 100

/* What an ingest of many files added up to. */
typedef struct bench_ingest_stats {
	uint64_t obs;	       /* observations stored */
	uint64_t parse_ns;     /* reading and parsing (the library's reader thread) */
	uint64_t store_ns;     /* bdb_store_put_runs (the calling thread) */
	uint64_t transactions; /* write transactions committed */
} bench_ingest_stats;

/* Ingests paths[0..n) as `benchdb ingest FILE...` does, through the same
 * library function (bdb_ingest_files: format detected, batch_runs runs per
 * write transaction, 0 = the program's default); adds to *out. 0, or the
 * first file's error with its message in err (size 256). */
int benchdb_side_ingest_files(benchdb_side *s, const char *const *paths, size_t n,
			      size_t batch_runs, bench_ingest_stats *out, char *err);

/* Puts n runs straight through the engine in one write transaction
 * (bdb_store_put_runs). */
int benchdb_side_put_runs(benchdb_side *s, bdb_run *const *runs, size_t n, char *err);

int benchdb_side_set_baseline(benchdb_side *s, const char *name, const char *run_id);
/* *out = whether baseline name exists. */
int benchdb_side_has_baseline(benchdb_side *s, const char *name, bool *out);
/* The id of the latest run, into buf. */
int benchdb_side_latest_id(benchdb_side *s, char *buf, size_t size);

/* The operations straight on the engine API (engine.h), materializing the
 * columns the SQLite peer materializes. compare/regressions: latest vs
 * baseline "main". */
int benchdb_side_trend_engine(benchdb_side *s, const bench_series_ref *ref, bench_answer *a);
int benchdb_side_trend_by_month_engine(benchdb_side *s, const bench_series_ref *ref,
				       bench_answer *a);
int benchdb_side_rank_engine(benchdb_side *s, const char *metric, bench_answer *a);
int benchdb_side_compare_engine(benchdb_side *s, bool only_regressions, double threshold_pct,
				bench_answer *a);
int benchdb_side_show_runs_engine(benchdb_side *s, int limit, bench_answer *a);
/* The trend's values only (series lookup + iterator, nothing materialized):
 * the floor under every trend. */
int benchdb_side_trend_values(benchdb_side *s, const bench_series_ref *ref, bench_answer *a);

/* The same operations through the query library (query/query.h):
 * BENCH_MISSING while bdb_query_run is not in libbenchdb.a. */
int benchdb_side_trend(benchdb_side *s, const bench_series_ref *ref, bench_answer *a);
int benchdb_side_trend_by_month(benchdb_side *s, const bench_series_ref *ref,
				bench_answer *a);
int benchdb_side_rank(benchdb_side *s, const char *metric, bench_answer *a);
int benchdb_side_compare(benchdb_side *s, bool only_regressions, double threshold_pct,
			 bench_answer *a);
int benchdb_side_show_runs(benchdb_side *s, int limit, bench_answer *a);

/* `trend ... as svg` of one series, the SVG into a->text (rows: its runs);
 * and `benchdb report` of the whole store (web.h) into a->text.
 * BENCH_MISSING without the query library. */
int benchdb_side_svg(benchdb_side *s, const bench_series_ref *ref, bench_answer *a);
int benchdb_side_report(benchdb_side *s, bench_answer *a);
/* The dashboard's overview (GET /api/overview), its JSON in a->text. */
/* The dashboard's overview, part BDB_OVERVIEW_* (web.h): 0 all, 1 the
 * page, 2 the change groups. */
int benchdb_side_overview(benchdb_side *s, int part, bench_answer *a);

/* `regressions in latest vs baseline main` through the query library (what
 * `benchdb check` asks): the count, and the table appended to out.
 * BENCH_MISSING without the query library. */
int benchdb_side_check(benchdb_side *s, size_t *n_regressions, bdb_buf *out);

/* The statement benchdb_side_trend runs, for the one-shot `benchdb -c`. */
void benchdb_side_trend_statement(const bench_series_ref *ref, char *buf, size_t size);

/* Stores the long series of the `changes` benchmark (point "BM_long",
 * metric "time": n_runs runs, steps at 25 %, 60 % and 90 % of them) in
 * batches of runs. 0 or an error + err (size 256). */
int benchdb_side_build_long_series(benchdb_side *s, uint32_t n_runs, char *err);
/* `changes time of "BM_long"` through the query library: E-Divisive when
 * window is 0, else the windowed variant. Rows = change points. */
int benchdb_side_changes(benchdb_side *s, unsigned window, bench_answer *a);

/* Observations stored and bytes: data.mdb on disk and pages in use. */
/* Opens the store in dir, compacts it (bdb_store_compact, timed into
 * *secs), and reads its size again; err says what failed. */
int benchdb_side_compact(const char *dir, uint64_t *before, uint64_t *after, double *secs,
			 uint64_t *observations, uint64_t *bytes_on_disk, char *err, size_t size);
int benchdb_side_size(benchdb_side *s, uint64_t *observations, uint64_t *bytes_on_disk,
		      uint64_t *bytes_used);

/* ------------------------------------------------------------------------ */
/* Bytes per sample (bench/samples.c)                                        */
/* ------------------------------------------------------------------------ */

/* What the samples of gbench-reps cost on disk, on both sides. */
typedef struct bench_samples_sizes {
	uint32_t runs;
	uint64_t samples, observations;
	uint64_t json_bytes;		       /* the gbench JSON of every run */
	uint64_t bdb_with, bdb_without;	       /* data.mdb as ingested */
	uint64_t bdb_with_cmp, bdb_without_cmp; /* data.mdb after bdb_store_compact */
	uint64_t sq_with, sq_without;	       /* the SQLite file (WAL checkpointed) */
} bench_samples_sizes;

/* bench_samples_measure's digits for tests/fixtures/gbench_reps.json (a
 * real gbench run) read n_runs times, each run its own id and day. */
#define BENCH_SAMPLES_FIXTURE (-1)

/*
 * Ingests n_runs runs of gbench-reps (values rounded to digits significant
 * digits, 0: as gbench prints them; or BENCH_SAMPLES_FIXTURE) through the gbench reader into fresh
 * stores under work, once with their samples and once without (the same
 * runs, samples removed), 100 runs per write transaction on both sides,
 * then compacts the two benchdb stores. 0, or -1 with err (size 256) set.
 */
int bench_samples_measure(const char *work, uint32_t n_runs, int digits, bench_samples_sizes *out,
			  char *err);

#endif /* BENCH_BENCH_H */
