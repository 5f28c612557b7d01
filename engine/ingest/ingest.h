/*
 * ingest.h - the public header of benchdb's input adapters.
 *
 * An adapter turns the output of one benchmark tool into a bdb_run (the C
 * run model of schema.h). The formats are listed by bdb_format_infos (below
 * some of them; `benchdb ingest --list-formats` all); docs/formats.md says,
 * for each, which fields become points, tags, metrics, directions, units,
 * samples, CI bounds, environment, timestamp and id.
 *
 *   benchkit    benchkit Run JSON (the native interchange format)
 *   gbench      Google Benchmark --benchmark_format=json
 *   criterion   a Criterion.rs target/criterion/ directory tree
 *   pytest      pytest-benchmark --benchmark-json
 *   hyperfine   hyperfine --export-json
 *   gotest      go test -bench text output
 *   cargo       Rust libtest `cargo bench` text output
 *   bmf         Bencher Metric Format JSON
 *   gab         github-action-benchmark custom JSON
 *   odyssey     ml-odyssey baseline_results.json
 *   quasim      QuASIM per-kernel report or summary.json
 *   fio, iperf3, redis, perf, stress-ng, pgbench, sysbench, wrk, ab,
 *   callgrind   system and load tools (docs/formats.md, "System and load
 *               tools")
 *
 * Rules every adapter follows:
 *   - JSON is read with jansson; duplicate keys are rejected. Every failure
 *     names the file, line and column and says what was expected
 *     (`results.json:12:7: "value" must be a number, got string`).
 *   - Nothing half-built escapes: on failure *out is NULL and the partial run
 *     is freed. Storing is the caller's business (each run atomic), or
 *     bdb_ingest_files' (runs in batches, one transaction per batch).
 *   - Metadata precedence: the options override the file; what the file says
 *     is used otherwise; git metadata is never guessed.
 *   - A run id the file does not give is "<format>-<16 hex digits>", a hash of
 *     the input bytes: ingesting the same bytes again yields the same id.
 *   - A timestamp the file does not give is the file's modification time
 *     (for a Criterion tree: the newest file read); for stdin or a buffer it
 *     is the current time.
 *   - Metric directions the format implies become run metric definitions
 *     (bdb_run_add_def), so the store learns them. Metrics whose direction is
 *     unknown (custom counters) get no definition: a stored one applies.
 *   - Unit spellings that bdb_unit_factor converts with a factor of exactly
 *     1 become one spelling ("µs" -> "us", "bytes/sec" -> "B/s"); benchkit
 *     units stay as written. Values are not converted.
 *   - Two points with the same name and tag set in one input are an error.
 *   - benchdb keeps a few metadata entries of its own: "exact:..." (the
 *     exact text of an integer value above 2^53) and "json:environment" /
 *     "json:metadata" (the original JSON of a benchkit run's environment and
 *     metadata, and of any JSON format's environment, when it is more than
 *     strings). The exports use them to write the values back with their
 *     JSON types, and do not write them.
 *
 * Nothing here prints or exits.
 */
#ifndef BDB_INGEST_H
#define BDB_INGEST_H

#include "engine.h"

/* ------------------------------------------------------------------------ */
/* Formats                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum bdb_input_format {
	BDB_INPUT_AUTO = 0,
	BDB_INPUT_BENCHKIT,
	BDB_INPUT_GBENCH,
	BDB_INPUT_CRITERION,
	BDB_INPUT_PYTEST,
	BDB_INPUT_HYPERFINE,
	BDB_INPUT_GOTEST,
	BDB_INPUT_CARGO,
	BDB_INPUT_BMF,
	BDB_INPUT_GAB,
	BDB_INPUT_ODYSSEY,
	BDB_INPUT_QUASIM,
	BDB_INPUT_BENCHMARKJS,
	BDB_INPUT_CATCH2,
	BDB_INPUT_GOTEST_JSON,
	BDB_INPUT_GBENCH_CSV,
	BDB_INPUT_JMH,
	BDB_INPUT_BENCHMARKDOTNET,
	BDB_INPUT_JULIA,
	BDB_INPUT_BENCHMARKLUAU,
	BDB_INPUT_CATCH2_XML,
	BDB_INPUT_JUNIT,
	BDB_INPUT_VITEST,
	BDB_INPUT_CRITERION_JSON,
	BDB_INPUT_HYPERFINE_CSV,
	BDB_INPUT_FIO,
	BDB_INPUT_IPERF3,
	BDB_INPUT_REDIS,
	BDB_INPUT_PERF,
	BDB_INPUT_STRESSNG,
	BDB_INPUT_PGBENCH,
	BDB_INPUT_SYSBENCH,
	BDB_INPUT_WRK,
	BDB_INPUT_AB,
	BDB_INPUT_CALLGRIND,
	BDB_INPUT_COUNT /* number of entries, AUTO included */
} bdb_input_format;

/* The name of a format ("gbench", "auto"); never NULL ("unknown" when out of range). */
const char *bdb_format_name(bdb_input_format f);

/*
 * Parses a format name as the command line takes it: the names above plus a
 * few aliases ("google-benchmark", "pytest-benchmark", "go", "libtest",
 * "bencher", "github-action-benchmark"). Returns 0 or BDB_EINVAL.
 */
int bdb_format_parse(const char *name, bdb_input_format *out);

/* One readable format: its name (as --format takes it), the tool that
 * writes it and what of that tool's output it reads. Static strings. */
typedef struct bdb_format_info {
	const char *name, *tool, *reads;
} bdb_format_info;

/* How many formats there are (auto aside), and the i-th in detection order
 * (NULL past the end); static. */
size_t bdb_format_count(void);
const bdb_format_info *bdb_format_info_at(size_t i);

/* "benchkit, gbench, criterion, ..." (every format but auto); a static string. */
const char *bdb_format_list(void);

/* ------------------------------------------------------------------------ */
/* Ingesting                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Metadata from the command line. Every field is optional; set ones override
 * what the file says. Strings are copied into the run; the caller keeps
 * ownership of the options.
 */
typedef struct bdb_ingest_options {
	const char *id;	    /* --id */
	const char *commit; /* --commit */
	const char *branch; /* --branch */
	bool has_timestamp; /* --timestamp */
	int64_t timestamp_us;
	const bdb_kv *tags; /* --tag K=V..., set on every point (replacing a file tag K) */
	size_t n_tags;
	/* When neither the options above nor the file give a commit or
	 * branch: these (the CI environment's), or nothing when NULL. */
	const char *default_commit;
	const char *default_branch;
	bool has_gab_direction; /* --direction, for gab (whose files do not say) */
	bdb_direction gab_direction;
	/* For bdb_ingest_buffer: the time of a run whose input gives none
	 * (an uploaded file's modification time, which bdb_ingest_path reads
	 * itself); unset: the current time. */
	bool has_fallback_time;
	int64_t fallback_time_us;
} bdb_ingest_options;

/* Zeroes opt: no overrides. */
void bdb_ingest_options_init(bdb_ingest_options *opt);

/*
 * Reads path and turns it into a new run (*out; free with bdb_run_free).
 * path is a file, a Criterion tree (the only directory read as one run;
 * bdb_ingest_expand lists the files of another), or "-" for stdin.
 * format BDB_INPUT_AUTO detects the format from the content; another value
 * forces that format. opt may be NULL.
 * *detected (may be NULL) receives the format used, also on a format error
 * after detection.
 *
 * Returns 0, or:
 *   BDB_EIO      path cannot be read (d names it and says why),
 *   BDB_EFORMAT  no format matches (d lists the formats tried), or a forced
 *                format does not take this kind of input (a directory),
 *   BDB_EPARSE   the input is malformed (d: file:line:col and what was expected),
 *   BDB_ETOOBIG  the input exceeds 1 GiB,
 *   BDB_ENOMEM.
 * d (may be NULL) is filled on failure; on failure *out is NULL.
 */
int bdb_ingest_path(const char *path, bdb_input_format format, const bdb_ingest_options *opt,
		    bdb_run **out, bdb_input_format *detected, bdb_diag *d);

/*
 * Reads the whole input at path into a NUL-terminated malloc'ed buffer
 * (*data, free with free(); *len bytes, NUL bytes included): a regular
 * file, or a pipe, FIFO or character device (<(cmd), /dev/stdin) read to
 * its end; "-" is standard input. bdb_ingest_path reads its inputs so, and
 * the program its -f scripts.
 *
 * Returns 0, or:
 *   BDB_EIO      path cannot be opened or read, or is a directory (d says why),
 *   BDB_ETOOBIG  the input exceeds 1 GiB (d names it),
 *   BDB_ENOMEM.
 */
int bdb_input_read(const char *path, char **data, size_t *len, bdb_diag *d);

/* The largest input read: above it, an input is refused (BDB_ETOOBIG). */
#define BDB_INGEST_MAX_INPUT ((size_t)1 << 30)

/*
 * Like bdb_ingest_path for bytes already in memory (not a directory).
 * display_name names the input in diagnostics; data need not be
 * NUL-terminated and is not kept. The fallback timestamp is
 * opt->fallback_time_us when set, else the current time.
 */
int bdb_ingest_buffer(const char *display_name, const void *data, size_t len, bdb_input_format format,
		      const bdb_ingest_options *opt, bdb_run **out, bdb_input_format *detected,
		      bdb_diag *d);

/* The inputs command line arguments stand for (bdb_ingest_expand). */
typedef struct bdb_ingest_inputs {
	char **paths; /* n malloc'ed paths, in order */
	size_t n, cap;
	size_t files;		/* files found in directories */
	size_t criterion_trees; /* Criterion trees found (each one input) */
} bdb_ingest_inputs;

/*
 * True when dir is a Criterion tree: it holds new/estimates.json (one
 * benchmark's directory), or it holds no files, only directories that are
 * Criterion trees (and "report", hidden entries), at least one of them: a
 * target/criterion directory or a group of it.
 */
bool bdb_is_criterion_tree(const char *dir);

/*
 * Appends to list (zeroed at first, freed with bdb_ingest_inputs_free) the
 * inputs that the argument arg of `benchdb ingest` stands for:
 *   - a file, "-", or a path that cannot be read: itself (bdb_ingest_path
 *     reports its error);
 *   - a Criterion tree (bdb_is_criterion_tree), or any directory when format
 *     is BDB_INPUT_CRITERION: itself, one run;
 *   - another directory: its files in byte order of their names, each one
 *     input, and its subdirectories in that order, each expanded alike (a
 *     Criterion tree in it is one input); hidden entries are skipped. A
 *     pytest-benchmark storage directory (.benchmarks/MACHINE/NNNN_*.json)
 *     is read so.
 * list->files and list->criterion_trees count what directories held.
 * Returns 0, BDB_EFORMAT (a directory with nothing to ingest), BDB_EIO (a
 * directory that cannot be listed), BDB_ETOOBIG (a path too long),
 * BDB_ENOMEM; d says which directory.
 */
int bdb_ingest_expand(const char *arg, bdb_input_format format, bdb_ingest_inputs *list, bdb_diag *d);

void bdb_ingest_inputs_free(bdb_ingest_inputs *list);

/* ------------------------------------------------------------------------ */
/* Ingesting many inputs into a store                                        */
/* ------------------------------------------------------------------------ */

/* Runs per write transaction when bdb_ingest_job.batch_runs is 0. */
#define BDB_INGEST_BATCH_RUNS 100

/* What became of one input; handed to the report function. */
typedef struct bdb_ingest_result {
	const char *path;	 /* the input, as given */
	size_t index;		 /* its position in paths */
	int rc;			 /* 0: stored (see outcome); else why nothing of it was */
	const bdb_diag *diag;	 /* when rc != 0: the input's error */
	const bdb_run *run;	 /* the run read from it; NULL when it could not be read */
	uint64_t seq;		 /* when rc == 0: the run's sequence number */
	bdb_put_outcome outcome; /* when rc == 0: stored, unchanged or replaced */
	size_t observations;	 /* when rc == 0: the run's metrics over all its points */
} bdb_ingest_result;

/* Called once per input, in input order, after the input's batch was
 * committed (or failed). r and everything it points to live only during the
 * call. */
typedef void (*bdb_ingest_report_fn)(void *ctx, const bdb_ingest_result *r);

typedef struct bdb_ingest_job {
	bdb_input_format format;	       /* BDB_INPUT_AUTO detects each input's */
	const bdb_ingest_options *opt; /* overrides for every input; may be NULL */
	unsigned put_flags;	       /* BDB_PUT_REPLACE */
	size_t batch_runs;	       /* runs per write transaction; 0 = BDB_INGEST_BATCH_RUNS */
	bdb_ingest_report_fn report;   /* may be NULL */
	void *report_ctx;
	/* Why the retention policy, applied on ingest once after the last batch
	 * (when the load took several), failed: its rc is returned. May be NULL. */
	bdb_diag *retain_diag;
} bdb_ingest_job;

/* Counts of one bdb_ingest_files call. */
typedef struct bdb_ingest_stats {
	size_t stored, unchanged, replaced; /* inputs by outcome */
	size_t failed;			    /* inputs not stored */
	size_t observations;		    /* of the inputs stored, unchanged or replaced */
	size_t transactions;		    /* write transactions committed */
	uint64_t read_ns;		    /* monotonic time reading and parsing inputs */
	uint64_t store_ns;		    /* monotonic time in bdb_store_put_runs */
} bdb_ingest_stats;

/*
 * Ingests paths[0..n) into store, as `benchdb ingest FILE...` does: each
 * input is read with bdb_ingest_path (job->format, job->opt) into one run,
 * and the runs are stored in batches of up to job->batch_runs consecutive
 * inputs (fewer when their runs hold 2,000,000 observations and samples),
 * one write transaction (bdb_store_put_runs) per batch: each touched index
 * page is written, and the disk flushed, once per batch instead of once per
 * run.
 *
 * Each run is still atomic and each input fails alone:
 *   - an input that cannot be read or parsed is not stored (its diag gives
 *     file:line:col); the others of its batch are;
 *   - a run whose put fails on its own (a different run under its id without
 *     BDB_PUT_REPLACE, a point twice, units that do not convert) is not
 *     stored; the runs before and after it in the batch are stored in
 *     transactions of their own;
 *   - when a batch's transaction fails as a whole (a disk error: EIO,
 *     ENOSPC; no map to grow into), none of its runs is stored and each of
 *     its inputs reports that error: the store is as it was before that
 *     transaction. Batches committed before it stay; later batches are tried.
 * job->report (may be NULL) is called for every input in input order, once
 * its batch has been committed: a run reported stored is durable (unless the
 * store was opened no_sync). stats (may be NULL) receives the counts.
 *
 * A retention policy that says `apply on ingest` is applied once, after the
 * last batch (in its transaction when it stores a run, else in one of its
 * own), not after each: so a backfill rolls up whole weeks and months.
 *
 * Returns 0 when every input was stored (or was already, unchanged), else
 * the error of the first input that was not (each was reported), or
 * BDB_ENOMEM before any input was read.
 */
int bdb_ingest_files(bdb_store *store, const char *const *paths, size_t n,
		     const bdb_ingest_job *job, bdb_ingest_stats *stats);

/* ------------------------------------------------------------------------ */
/* Exporting                                                                 */
/* ------------------------------------------------------------------------ */

/*
 * Export formats (bdb_output_format, schema.h; those with
 * BDB_OUTPUT_FOR_EXPORT):
 *   BENCHKIT  benchkit Run JSON as benchkit (calibrax Run.to_dict) writes
 *             it: floats as floats, the timestamp as bdb_run_benchkit_time
 *             (naive UTC unless the benchkit file gave a zone), environment
 *             and metadata in their original JSON shape when the run kept
 *             it, integers above 2^53 exact. A metric's unit (when its
 *             definition does not give it) and definition thresholds are
 *             extra keys benchkit ignores. A run ingested from benchkit JSON
 *             exports as the same JSON values.
 *   JSON      one JSON object: {"run": {id, timestamp, commit, branch,
 *             environment, metadata}, "observations": [{point, scenario,
 *             tags, metric, value, lower, upper, unit, direction, samples}]};
 *             missing values are null.
 *   CSV       RFC 4180 CSV with a header: run,timestamp,commit,branch,point,
 *             scenario,tags,metric,value,lower,upper,unit,direction,samples
 *             (tags as k=v;k=v, samples as the count).
 *   MARKDOWN  a GitHub-flavoured Markdown table of the same columns (no
 *             samples).
 */

/*
 * Appends run, written in format f, to out (ending with a newline).
 * Numbers are written so that they read back to the same double.
 * Returns 0 or BDB_ENOMEM (out->failed) or BDB_EINVAL (unknown f, run->id NULL).
 */
int bdb_export_run(const bdb_run *run, bdb_output_format f, bdb_buf *out);
/* As bdb_export_run; JSON's run object also gets "annotation": {kind,
 * commit, text} when annotation (of the run's commit) is not NULL. The
 * other formats have no place for it. */
int bdb_export_run_annotated(const bdb_run *run, bdb_output_format f,
			     const bdb_annotation *annotation, bdb_buf *out);

/*
 * The run's time as benchkit writes and prints it, Python's
 * datetime.fromisoformat(s).isoformat() of the benchkit file's text: the
 * local time and zone the file gave ("2026-02-10T09:05:00.250000+02:00"; Z
 * gives "+00:00"), else naive UTC ("2026-02-10T09:05:00"), with .ffffff
 * only when there are microseconds. buf of size bytes (48 hold any);
 * returns buf.
 */
char *bdb_run_benchkit_time(const bdb_run *run, char *buf, size_t size);

/* bdb_export_run(run, BDB_OUTPUT_BENCHKIT, out). */
int bdb_export_benchkit(const bdb_run *run, bdb_buf *out);

/* ------------------------------------------------------------------------ */
/* Importing a benchkit store                                                */
/* ------------------------------------------------------------------------ */

typedef struct bdb_import_summary {
	size_t runs_stored;    /* new runs */
	size_t runs_unchanged; /* identical runs that were already there */
	size_t runs_replaced;  /* with BDB_PUT_REPLACE */
	size_t baselines;      /* baselines set */
	/* Baselines the store already had on another run: kept (without
	 * BDB_PUT_REPLACE), the first as "NAME: FILE holds run ID", or "". */
	size_t baselines_kept;
	char first_kept[512];
	size_t metric_defs;    /* definitions from config.json */
	/* History imports (import-gab, import-asv): */
	size_t entries;	     /* entries (gab) or result files (asv) read */
	size_t duplicates;   /* entries recorded twice (same suite, commit, date), or files
			      * holding a run another file of the import holds: counted once */
	char first_duplicate[512]; /* "FILE holds the run of FILE (ID)" of the first file, or "" */
	size_t empty_entries; /* gab entries with no result left, Otava rows with no
			       * metric value: no run */
	size_t skipped_null; /* results without a value (null): left out */
	size_t skipped_unit; /* results whose unit is not one (gab): left out */
	size_t skipped_name; /* results with an empty name (gab): left out */
	char first_skipped[512]; /* "file:line:col: why" of the first left out, or "" */
	size_t skipped_dirs;	 /* directories that are no machine's (asv: no machine.json) */
	char first_skipped_dir[512]; /* the first of them, or "" */
	/* asv: track results of benchmarks benchmarks.json no longer has whose
	 * series has no stored unit: stored without one */
	size_t unitless;
	char first_unitless[512]; /* "\"NAME\" in FILE" of the first, or "" */
	/* gab: the tools whose own output, read by ingest, makes other series
	 * than the action's names, each with how ("catch2: points tagged
	 * test_case"), "; " apart; or "" */
	char own_series[1024];
	/* A stored run of the same id that differs first in its branch (an
	 * import again without the first one's --branch, or with another):
	 * branch_conflict, and the stored run's branch ("" for none). */
	bool branch_conflict;
	char stored_branch[256];
} bdb_import_summary;

/*
 * Migrates a benchkit data directory into store:
 *   DIR/runs/NAME.json      every run (in file name order),
 *   DIR/baselines/NAME.json the run it holds becomes baseline NAME
 *                           (benchkit writes main.json: baseline "main"),
 *   DIR/config.json         "metric_defs" become stored definitions; a
 *                           definition without "name" takes its key.
 * Every file is read and checked before anything is stored, so a bad file
 * stores nothing at all: a malformed file (BDB_EPARSE, d at its
 * file:line:col), two files with different runs under one id, or, without
 * BDB_PUT_REPLACE, a run whose id names a different stored run (both
 * BDB_EEXISTS, d names the file). Then each run is stored in its own
 * transaction; a baseline file usually holds a copy of a run of runs/ (an
 * identical run is not stored twice). config.json is applied last: its
 * definitions are the stored ones afterwards (runs keep their own).
 * put_flags is passed to bdb_store_put_run (BDB_PUT_REPLACE). summary (may
 * be NULL) counts what happened. Returns 0, BDB_EFORMAT when dir has
 * neither runs/ nor config.json, BDB_EIO, the first ingest error, or the
 * store's error.
 */
int bdb_import_benchkit_dir(bdb_store *store, const char *dir, unsigned put_flags,
			    bdb_import_summary *summary, bdb_diag *d);

/* ------------------------------------------------------------------------ */
/* Importing other tools' histories                                          */
/* ------------------------------------------------------------------------ */

/* How bdb_import_gab and bdb_import_asv store what they read. */
typedef struct bdb_import_options {
	unsigned put_flags; /* passed to bdb_store_put_run (BDB_PUT_REPLACE) */
	const char *branch; /* every run's branch (the histories record none), or NULL */
} bdb_import_options;

/*
 * True when data[0..len) is a github-action-benchmark history: a data.js
 * (`window.BENCHMARK_DATA = {...}`) or its JSON object ({"entries": {...}}
 * with "lastUpdate" or "repoUrl").
 */
bool bdb_is_gab_history(const char *data, size_t len);

/*
 * Imports a github-action-benchmark data.js (or its JSON) at path into
 * store: every entry of every suite is one run (docs/formats.md, "gab
 * history"), with the id "gab-<16 hex digits>" hashed from the suite, the
 * commit id and the entry's date, so that importing a file that has grown
 * stores only its new entries (the others are unchanged). An entry recorded
 * twice (same suite, commit and date) counts once (summary->duplicates).
 * Results with a null value, a unit that is not one or an empty name are
 * left out and counted. The whole file is read and checked before anything is stored:
 * a malformed file (BDB_EPARSE, d at its file:line:col) or a conflict
 * (BDB_EEXISTS, see bdb_import_benchkit_dir) stores nothing. Then runs are
 * stored up to 100 per transaction. o (may be NULL: no flags, no branch)
 * says how. Returns 0, BDB_EIO, BDB_EFORMAT (not a history: d says what was
 * expected), BDB_EPARSE, BDB_EEXISTS, BDB_ETOOBIG, BDB_ENOMEM or the
 * store's error.
 */
int bdb_import_gab(bdb_store *store, const char *path, const bdb_import_options *o,
		   bdb_import_summary *summary, bdb_diag *d);

/*
 * Reads a github-action-benchmark history from memory into runs (*runs, a
 * malloc'ed array of *n runs; free each with bdb_run_free, then the array)
 * without storing them: what bdb_import_gab stores. name names the input in
 * diagnostics; summary (may be NULL) gets entries, duplicates and skips.
 * Returns 0, BDB_EFORMAT, BDB_EPARSE or BDB_ENOMEM; on failure *runs is NULL.
 */
int bdb_gab_history_read(const char *name, const char *data, size_t len, bdb_run ***runs, size_t *n,
			 bdb_import_summary *summary, bdb_diag *d);

/*
 * Imports an airspeed velocity results directory (the one holding
 * benchmarks.json and one directory per machine; or one machine's
 * directory, with benchmarks.json in its parent) into store: every result
 * file (<commit>-<env>.json, format version 1 or 2) is one run, stored in
 * the order of the files' "date" (docs/formats.md, "asv"). Failed
 * benchmarks (null results) are left out and counted in skipped_null; a
 * directory of the results directory without machine.json is no machine's:
 * left out and counted in skipped_dirs (the first in first_skipped_dir).
 * Everything is read and checked before anything is stored, as
 * bdb_import_gab. Returns 0, BDB_EIO, BDB_EFORMAT (no benchmarks.json or no
 * result file), BDB_EPARSE, BDB_EEXISTS, BDB_ENOMEM or the store's error.
 */
int bdb_import_asv(bdb_store *store, const char *dir, const bdb_import_options *o,
		   bdb_import_summary *summary, bdb_diag *d);

/* One metric column of an Otava CSV (Otava's `metrics:` entry). */
typedef struct bdb_otava_metric {
	const char *name;   /* the metric's name; NULL: the column's */
	int direction;	    /* 1 (or 0): higher is better, Otava's default; -1: lower */
	double scale;	    /* every value is multiplied by it (Otava's `scale`) */
	const char *unit;   /* NULL: none */
	const char *column; /* the CSV column */
} bdb_otava_metric;

/* Otava's configuration of a `type: csv` test. */
typedef struct bdb_otava_options {
	const char *test;	 /* the point name; NULL: the file's name without .csv */
	const char *time_column; /* NULL: "time" */
	const char *const *attributes;
	size_t n_attributes; /* 0: "commit" when the header has it */
	const bdb_otava_metric *metrics;
	size_t n_metrics; /* 0: every other column, direction 1, scale 1 */
} bdb_otava_options;

/*
 * Imports an Apache Otava (Hunter) CSV history at path into store: every
 * row is one run (docs/formats.md, "Otava CSV"), with the id
 * "otava-<16 hex digits>" hashed from the test, the row's time and its
 * attribute values, so that importing a grown file stores only its new
 * rows. Attribute commit is the commit, branch the branch, the others
 * metadata; the metrics are one point named after the test. Identical rows
 * count once (summary->duplicates); summary->entries counts the rows. The
 * whole file is read and checked before anything is stored, as
 * bdb_import_gab. Returns 0, BDB_EIO, BDB_EPARSE (d at file:line:col),
 * BDB_EEXISTS, BDB_ENOMEM or the store's error.
 */
int bdb_import_otava(bdb_store *store, const char *path, const bdb_otava_options *o,
		     unsigned put_flags, bdb_import_summary *summary, bdb_diag *d);

#endif /* BDB_INGEST_H */
