/*
 * engine.h - the public header of benchdb's storage engine (LMDB).
 *
 * One store is one LMDB environment (a directory with data.mdb and
 * lock.mdb). Writers put whole runs, one or a batch per write transaction; readers
 * see a run whole or not at all. The layout (named databases, key and value
 * encodings, invariants) is documented byte by byte in docs/storage.md.
 *
 * Reading goes through a bdb_reader: a short read transaction. Every pointer
 * a reader function hands out (strings, FlatBuffer bytes) points into the
 * memory map and is valid only until bdb_reader_end() on that reader.
 * Callers must not hold a reader while waiting for user input.
 *
 * Caveats:
 *   - One bdb_store per process per directory (LMDB's rule).
 *   - A bdb_reader belongs to the thread that began it.
 *   - Do not call write functions while holding a reader in the same thread.
 */
#ifndef BDB_ENGINE_H
#define BDB_ENGINE_H

#include <sys/types.h>

#include "schema.h"

typedef struct bdb_store bdb_store;
typedef struct bdb_reader bdb_reader;

/* ------------------------------------------------------------------------ */
/* Open, close                                                               */
/* ------------------------------------------------------------------------ */

typedef struct bdb_store_options {
	size_t initial_map_size; /* bytes; 0 = default (64 MiB). Grows by itself. */
	bool read_only;		 /* open without write access */
	bool no_create;		 /* fail with BDB_ENOTFOUND when there is no store */
	bool no_sync;		 /* MDB_NOSYNC: for tests and bulk benchmarks only */
	bool no_upgrade;	 /* read_only: a store of format 2 fails (BDB_EVERSION)
				  * instead of being upgraded first */
} bdb_store_options;

/*
 * Opens (creating unless opt->no_create) the store in directory dir.
 * opt may be NULL for defaults. Clears stale reader slots. Upgrades a store
 * of format 2 (bdb_store_notice). Fails with BDB_EVERSION for a store of
 * another format version (or of format 2 opened read-only), BDB_ECORRUPT when
 * dir holds something that is not a benchdb store, BDB_EREADONLY when
 * writing was asked and is not possible, BDB_ENOTFOUND (no_create).
 * d (may be NULL) says what was wrong.
 */
int bdb_store_open(const char *dir, const bdb_store_options *opt, bdb_store **out, bdb_diag *d);

/* Creates the missing directories above path with mode (less the umask),
 * as mkdir -p does; path itself is left to the caller. 0, or -1 with errno
 * set. */
int bdb_make_parents(const char *path, mode_t mode);

/* Why bdb_store_open (no_create or read_only) found no store where a
 * creation began that has stored nothing yet (its process was killed, or it
 * is still at work): d's message ends with it. */
#define BDB_STORE_UNFINISHED                                                                       \
	"the command that began to create it stopped (or has not yet finished) before it "         \
	"stored anything"

/* Closes the store. Safe with NULL. No reader may be open. A store this
 * handle created that has had no write yet is finished first (one write
 * transaction): it is then an empty store, where a process killed before
 * its first write or this close leaves no store (docs/storage.md 2.3,
 * meta "unfinished"). */
void bdb_store_close(bdb_store *store);

/*
 * Closes the store and, when its open created it (there was no store in
 * the directory) and it still holds no run, removes it again: its files,
 * and its directory when the open made that. A writer whose input failed
 * leaves the directory as it found it. Nothing is removed while another
 * process has the store open or has written it since. Safe with NULL.
 */
void bdb_store_close_unused(bdb_store *store);

/*
 * What opening the store did besides opening it, as a sentence for the
 * user, or NULL: "upgraded the store from format 2 to 3; the store as it
 * was is in DIR/format-2-backup (...)" (docs/storage.md 2.3). A store of an older
 * format is upgraded in place after a backup, also when opened read-only
 * (with write access first); where its files cannot be written, the open
 * fails with BDB_EVERSION.
 */
const char *bdb_store_notice(const bdb_store *store);

/* The directory the store was opened from. */
const char *bdb_store_path(const bdb_store *store);

/*
 * Why a write of store that returned rc failed, in words for the user: the
 * system's ("No space left on device", "Input/output error") when its write
 * transaction failed at the disk, else bdb_strerror(rc). A static string.
 * Ask before the next write of store, which forgets the disk's error.
 */
const char *bdb_store_write_error(const bdb_store *store, int rc);

/* What changes whenever the store's data may have: the id of its newest
 * committed transaction (a read transaction's snapshot) and its data
 * file's inode (which a compaction changes). Equal versions read the same
 * data: a cache key (the server's overview). 0 or a storage error. */
int bdb_store_version(bdb_store *store, uint64_t *txn_id, uint64_t *file_id);

/* ------------------------------------------------------------------------ */
/* Writing                                                                   */
/* ------------------------------------------------------------------------ */

#define BDB_PUT_REPLACE 0x1u /* replace a different run with the same id */
/* Do not apply the retention policy on ingest: a later batch of the same
 * load will, or bdb_store_retain_on_ingest (bdb_ingest_files, many batches). */
#define BDB_PUT_DEFER_RETAIN 0x2u

typedef enum bdb_put_outcome {
	BDB_PUT_STORED = 0,    /* a new run was stored */
	BDB_PUT_UNCHANGED = 1, /* an identical run with this id was already there */
	BDB_PUT_REPLACED = 2   /* a different run with this id was replaced */
} bdb_put_outcome;

/*
 * Stores run in one write transaction: the FlatBuffer, the run-id index,
 * the time index, the series dictionary, postings and observations, and
 * the run's metric definitions (which become the stored definitions of those
 * metrics). Re-putting an identical run is a no-op (BDB_PUT_UNCHANGED); so is
 * one that differs only in its timestamp when run->timestamp_assumed (the
 * stored run keeps its own). A different run under an existing id fails with
 * BDB_EEXISTS (d naming the first field that differs) unless flags has
 * BDB_PUT_REPLACE, which swaps it atomically. Grows the map on MDB_MAP_FULL
 * and retries. On any failure nothing of the run is stored.
 * out_seq and outcome may be NULL.
 */
/*
 * Why id cannot be a run's id, as a phrase ("is a dot segment: ..."), or
 * NULL when it can. "." and ".." are refused: URLs drop them as path
 * segments (browsers and curl make /api/runs/.. into /api/), so the
 * dashboard's run page and GET /api/runs/ID could never reach such a run.
 * The empty id is bdb_store_put_run's own error. Static strings.
 */
const char *bdb_run_id_fault(const char *id);

int bdb_store_put_run(bdb_store *store, const bdb_run *run, unsigned flags, uint64_t *out_seq,
		      bdb_put_outcome *outcome, bdb_diag *d);

/*
 * Stores n runs in one write transaction, each as bdb_store_put_run would,
 * all of them or none: far faster than one transaction per run when many
 * runs are loaded (each touched index page is written once per batch).
 * seqs and outcomes (may be NULL) get one entry per run. A later run with
 * the id of an earlier one in the batch sees it as stored. On failure nothing
 * of the batch is stored, d says why and *failed (may be NULL) is the index
 * of the run that failed (its own error: BDB_EEXISTS, BDB_EINVAL, ...), or n
 * when the transaction as a whole failed (beginning, growing or committing
 * it: a disk error, BDB_EIO). When the stored retention policy says `apply
 * on ingest` and the batch stored or replaced a run, the policy is applied
 * as of the clock in the same transaction, after the runs are added (it may
 * drop or roll up runs of the batch itself); bdb_store_on_retain's function
 * then hears what it did. A failure of the policy fails the batch.
 */
int bdb_store_put_runs(bdb_store *store, const bdb_run *const *runs, size_t n, unsigned flags,
		       uint64_t *seqs, bdb_put_outcome *outcomes, size_t *failed, bdb_diag *d);

/* Applies the retention policy as bdb_store_put_runs does on ingest (when
 * it says `apply on ingest`; else nothing), in a write transaction of its
 * own: after batches put with BDB_PUT_DEFER_RETAIN. */
int bdb_store_retain_on_ingest(bdb_store *store, bdb_diag *d);

/* Deletes the run with sequence number seq and all its index entries.
 * BDB_ENOTFOUND if there is none. Baselines pointing at it are dropped. */
int bdb_store_delete_run(bdb_store *store, uint64_t seq);

/* Deletes the n runs of seqs (each once: no seq twice) in one write
 * transaction: all of them or, on any error, none. */
int bdb_store_delete_runs(bdb_store *store, const uint64_t *seqs, size_t n);

/* Sets (creating or moving) baseline name to run seq. BDB_ENOTFOUND if no such run;
 * BDB_EINVAL if name is empty or not one line of text (bdb_text_fault: invalid
 * UTF-8, a control character). */
int bdb_store_set_baseline(bdb_store *store, const char *name, uint64_t seq);

/* Drops baseline name. BDB_ENOTFOUND if there is none. */
int bdb_store_drop_baseline(bdb_store *store, const char *name);

/* Stores (replacing) a metric definition, as from a config file. */
int bdb_store_put_metric_def(bdb_store *store, const bdb_metric_def *def);

/* ------------------------------------------------------------------------ */
/* Reading                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * Frees the reader slots this process keeps for reuse (ended read
 * transactions are kept, up to 4). Call it before waiting for long, as a
 * REPL does before reading a line: an idle process then holds no slot.
 */
void bdb_store_release_readers(bdb_store *store);

/* Begins a read transaction. End it with bdb_reader_end. */
int bdb_reader_begin(bdb_store *store, bdb_reader **out);
void bdb_reader_end(bdb_reader *r);

/* What the run log says of one run. Strings valid until bdb_reader_end. */
typedef struct bdb_run_info {
	uint64_t seq; /* ingest order, from 1 */
	const char *id;
	int64_t timestamp_us;
	const char *commit; /* "" when unknown */
	const char *branch; /* "" when unknown */
	uint32_t n_points;
	uint32_t n_metrics; /* observations stored for the run */
	uint32_t id_len, commit_len; /* strlen of id and commit */
} bdb_run_info;

/* Number of runs in the store. BDB_ECORRUPT when the stored count is more
 * than the run log's pages can hold. */
int bdb_reader_count_runs(bdb_reader *r, uint64_t *out);

/* The run with sequence number seq. BDB_ENOTFOUND if none. */
int bdb_reader_run_info(bdb_reader *r, uint64_t seq, bdb_run_info *out);

/*
 * The verified FlatBuffer of run seq, zero-copy (valid until bdb_reader_end).
 * Read it with the bdb_fb_* functions of schema.h.
 */
int bdb_reader_run_buffer(bdb_reader *r, uint64_t seq, const void **buf, size_t *len);

/* The run seq decoded into a new bdb_run (free with bdb_run_free). */
int bdb_reader_run_decode(bdb_reader *r, uint64_t seq, bdb_run **out);

/* Run references; each returns the run's sequence number or BDB_ENOTFOUND. */
/* latest~back: back = 0 is the run with the greatest timestamp (ties: the
 * later ingested), back = 1 the one before it in that order, ... */
int bdb_reader_latest(bdb_reader *r, uint32_t back, uint64_t *seq);
int bdb_reader_find_id(bdb_reader *r, const char *id, uint64_t *seq);
/* The newest run of the commit that prefix names, as git names one, either
 * way: a stored commit equal to prefix, else the one commit prefix starts,
 * else (prefix all hex) the stored hex commits of 4 or more characters that
 * start prefix (short hashes of it: stored short, the full one given).
 * BDB_EINVAL when prefix starts two different commits and is neither
 * (ambiguous), BDB_ENOTFOUND when it names none. */
int bdb_reader_find_commit(bdb_reader *r, const char *prefix, uint64_t *seq);
/* What bdb_reader_commit_hint lists. */
typedef enum bdb_commit_hint {
	BDB_COMMIT_HINT_NONE,	 /* nothing: no stored run has a commit */
	BDB_COMMIT_HINT_NAMES,	 /* the stored commits q names (it is ambiguous) */
	BDB_COMMIT_HINT_NEAREST, /* those sharing the longest start with q (at most 3) */
	BDB_COMMIT_HINT_NEWEST,	 /* none shares a start: the newest run's commit */
} bdb_commit_hint;
/* For a message about commit q that bdb_reader_find_commit did not resolve:
 * stored commits, ", " apart in buf, and what they are in *kind. */
int bdb_reader_commit_hint(bdb_reader *r, const char *q, bdb_commit_hint *kind, char *buf,
			   size_t size);
/* The last run at or before time us. */
int bdb_reader_find_at_time(bdb_reader *r, int64_t us, uint64_t *seq);

/*
 * Lists runs newest first (by timestamp, ties by ingest order), keeping those
 * that pass the filter (NULL fields pass everything), at most limit (0 = all).
 * *out is malloc'ed (free with free()); its strings live until bdb_reader_end.
 */
typedef struct bdb_run_filter {
	const char *branch; /* exact branch, or NULL */
	int64_t since_us;   /* inclusive; INT64_MIN for no bound */
	int64_t until_us;   /* inclusive; INT64_MAX for no bound */
} bdb_run_filter;
int bdb_reader_list_runs(bdb_reader *r, const bdb_run_filter *filter, size_t limit,
			 bdb_run_info **out, size_t *n);

/* Baselines. */
int bdb_reader_get_baseline(bdb_reader *r, const char *name, uint64_t *seq);
typedef struct bdb_baseline_info {
	const char *name;
	uint64_t seq;
} bdb_baseline_info;
/* All baselines by name; *out malloc'ed, strings valid until bdb_reader_end. */
int bdb_reader_list_baselines(bdb_reader *r, bdb_baseline_info **out, size_t *n);

/*
 * Annotations: what a person said of the change at a commit (engine/
 * annotate.c). commit is a commit id or a prefix of one (git's
 * abbreviations): it applies to every run whose commit starts with it.
 */
typedef enum bdb_annotation_kind {
	BDB_ANNOTATION_INTENDED = 1, /* "intended": the change was meant */
	BDB_ANNOTATION_IGNORE = 2    /* "ignore": the change is not the code's */
} bdb_annotation_kind;
#define BDB_ANNOTATION_COMMIT_MAX 256 /* bytes */
#define BDB_ANNOTATION_TEXT_MAX	  4096
typedef struct bdb_annotation {
	const char *commit;
	bdb_annotation_kind kind;
	const char *text;
} bdb_annotation;
/* "intended", "ignore"; parse: 0 or BDB_ENOTFOUND (letter case ignored). */
const char *bdb_annotation_kind_name(bdb_annotation_kind k);
int bdb_annotation_kind_parse(const char *name, bdb_annotation_kind *out);
/* The kind names, NULL-terminated. */
const char *const *bdb_annotation_kind_names(void);
/* Stores (replacing) the annotation of commit. BDB_EINVAL when commit or text
 * is empty, too long (BDB_ANNOTATION_*_MAX) or not UTF-8. */
int bdb_store_put_annotation(bdb_store *store, const char *commit, bdb_annotation_kind kind,
			     const char *text);
/* Drops the annotation of commit (exactly as annotated). BDB_ENOTFOUND if none. */
int bdb_store_drop_annotation(bdb_store *store, const char *commit);
/* All annotations, by commit; *out malloc'ed, strings valid until bdb_reader_end. */
int bdb_reader_list_annotations(bdb_reader *r, bdb_annotation **out, size_t *n);
/* The annotation (of list[0..n)) that applies to a run of commit: the longest
 * annotated prefix of it, or NULL. */
const bdb_annotation *bdb_annotation_match(const bdb_annotation *list, size_t n,
					   const char *commit);
/* The same, except that an annotation of a commit some stored run has whole
 * (annotate resolves a prefix to it: c7aa beside c7aaa) applies to that
 * commit only, not to the longer commits it starts. */
const bdb_annotation *bdb_reader_annotation_match(bdb_reader *r, const bdb_annotation *list,
						  size_t n, const char *commit);

/* Metric definitions. */
/* The stored definition of metric name. Strings valid until bdb_reader_end. */
int bdb_reader_metric_def(bdb_reader *r, const char *name, bdb_metric_def *out);
/* The definition that applies to metric name in run seq: the run's own if it
 * has one, else the stored one, else BDB_ENOTFOUND. */
int bdb_reader_effective_def(bdb_reader *r, uint64_t seq, const char *name, bdb_metric_def *out);
/* All stored definitions by name; *out malloc'ed. */
int bdb_reader_list_metric_defs(bdb_reader *r, bdb_metric_def **out, size_t *n);

/* ------------------------------------------------------------------------ */
/* Series, postings, catalog                                                 */
/* ------------------------------------------------------------------------ */

/* A series: (point name, sorted tag set, metric). */
typedef struct bdb_series_info {
	uint64_t id;
	const char *point;
	const char *scenario; /* "" when none */
	const char *metric;
	const char *unit; /* the series' unit: observations are stored in it */
	size_t n_tags;
	bdb_kv tags[]; /* sorted by key */
} bdb_series_info;

/* The series id (point, tags, metric), or BDB_ENOTFOUND. tags sorted by key. */
int bdb_reader_series_lookup(bdb_reader *r, const char *point, const bdb_kv *tags, size_t n_tags,
			     const char *metric, uint64_t *id);

/* What series id is. *out malloc'ed in one block (free with free()). */
int bdb_reader_series_info(bdb_reader *r, uint64_t id, bdb_series_info **out);

/*
 * Postings terms: "p:<point>", "m:<metric>", "s:<scenario>", "t:<key>=<value>".
 * Series ids of one term, ascending; *ids malloc'ed. An unknown term gives
 * n = 0 and returns 0.
 */
int bdb_reader_postings(bdb_reader *r, const char *term, uint64_t **ids, size_t *n);
/* *exists = whether some series has term, without reading its list (a
 * metric's lists every series of the metric). */
int bdb_reader_term_exists(bdb_reader *r, const char *term, bool *exists);
/* *has = whether series id has term: one MDB_GET_BOTH probe, however many
 * series the term lists (the query engine probes a few candidate series
 * instead of reading a long list). */
int bdb_reader_postings_has(bdb_reader *r, const char *term, uint64_t id, bool *has);

/* Series ids in every one of the terms (intersection), ascending. With
 * n_terms = 0, every series. */
int bdb_reader_series_match(bdb_reader *r, const char *const *terms, size_t n_terms, uint64_t **ids,
			    size_t *n);

/*
 * Calls fn for each distinct postings term that starts with prefix, in byte
 * order (e.g. prefix "m:" lists metrics, "t:backend=" the values of tag
 * backend, "t:" every key=value). term is the whole term; it is valid only
 * during the call. Stops when fn returns non-zero and returns that value.
 */
typedef int (*bdb_term_fn)(void *ctx, const char *term, size_t len);
int bdb_reader_terms(bdb_reader *r, const char *prefix, bdb_term_fn fn, void *ctx);

/*
 * Calls fn once for each distinct tag key (without the "t:" and "=value"),
 * in byte order; key is valid only during the call. Stops when fn returns
 * non-zero and returns that value.
 */
int bdb_reader_tag_keys(bdb_reader *r, bdb_term_fn fn, void *ctx);

/*
 * The series of run seq's observations, one per metric, in the run's order
 * (point by point, metric by metric, as in its FlatBuffer); *ids malloc'ed.
 * Pair them with bdb_reader_obs_get(r, id, seq). BDB_ENOTFOUND if no run;
 * BDB_ECORRUPT when the stored list is malformed or longer than the run's
 * metric count or the number of series.
 */
int bdb_reader_run_series(bdb_reader *r, uint64_t seq, uint64_t **ids, size_t *n);
/* bdb_reader_run_series sorted by id (for bdb_reader_series_overlap). */
int bdb_reader_run_series_sorted(bdb_reader *r, uint64_t seq, uint64_t **ids, size_t *n);
/* How many series of run seq are in sorted[0..n) (*in) and how many not
 * (*out). */
int bdb_reader_series_overlap(bdb_reader *r, uint64_t seq, const uint64_t *sorted, size_t n,
			      size_t *in, size_t *out);
/*
 * Another run of run's commit that holds a series run does not (a CI job
 * that wrote several result files, or a github-action-benchmark history's
 * suites: each is a run), into *other (0: none; a rerun of the same
 * benchmarks is no such run). Reads every run's header.
 */
int bdb_reader_commit_sibling(bdb_reader *r, const bdb_run_info *run, uint64_t *other);

/* ------------------------------------------------------------------------ */
/* Observations                                                              */
/* ------------------------------------------------------------------------ */

/* One observation: a series' value in one run, in the series' unit. */
typedef struct bdb_obs {
	int64_t timestamp_us;
	uint64_t run_seq;
	double value;
	bool has_lower, has_upper;
	double lower, upper;
	uint32_t n_samples;
} bdb_obs;

/*
 * An iterator over the observations of one series with from_us <= timestamp
 * <= to_us, oldest first, or newest first when backward. Reads only the
 * observation index, never the run FlatBuffers. Lives inside the reader.
 */
typedef struct bdb_obs_iter bdb_obs_iter;
int bdb_obs_iter_open(bdb_reader *r, uint64_t series, int64_t from_us, int64_t to_us, bool backward,
		      bdb_obs_iter **out);
/* 1 and *obs filled, 0 at the end, or a negative error. */
int bdb_obs_iter_next(bdb_obs_iter *it, bdb_obs *obs);
void bdb_obs_iter_close(bdb_obs_iter *it);

/*
 * How many observations series has (0 for an unknown series), read from the
 * index without walking it: an upper bound for any iterator over it, for
 * callers that size their output before iterating. BDB_ECORRUPT when the
 * stored count is more than the number of runs (a damaged store).
 */
int bdb_reader_obs_count(bdb_reader *r, uint64_t series, size_t *n);

/* The observation of series in run seq, or BDB_ENOTFOUND. */
int bdb_reader_obs_get(bdb_reader *r, uint64_t series, uint64_t run_seq, bdb_obs *out);

/* ------------------------------------------------------------------------ */
/* Maintenance                                                               */
/* ------------------------------------------------------------------------ */

/*
 * Walks everything: verifies every FlatBuffer and checks that every index
 * entry points at something that exists and that every run's observations
 * are indexed. Calls report (may be NULL) once per problem with a precise
 * sentence; *n_problems (may be NULL) counts them. Returns 0 when the walk
 * itself could be done (problems or not), or an error when it could not.
 */
typedef void (*bdb_problem_fn)(void *ctx, const char *problem);
int bdb_store_verify(bdb_store *store, bdb_problem_fn report, void *ctx, size_t *n_problems);

/*
 * Reports, as problems added to *n_problems, each other process that still
 * uses a lock.mdb of this store other than the one on disk (deleted or
 * replaced while it had the store open: it no longer coordinates with the
 * others). Reads /proc (Linux); finds nothing elsewhere. benchdb verify runs
 * it besides bdb_store_verify, which checks the stored data only.
 */
void bdb_store_check_lock_users(bdb_store *store, bdb_problem_fn report, void *ctx,
				size_t *n_problems);

/* What a clean verify walked, from the same read transaction. */
typedef struct bdb_verify_counts {
	uint64_t runs, series, observations;
} bdb_verify_counts;
/* bdb_store_verify that also fills *counts (may be NULL; zero when the
 * walk stopped at damaged pages), so a caller printing them needs no
 * second walk of the store. */
int bdb_store_verify_counted(bdb_store *store, bdb_problem_fn report, void *ctx, size_t *n_problems,
			     bdb_verify_counts *counts);

/* A compacted, consistent copy of the store into dir (created; must be empty). */
int bdb_store_backup(bdb_store *store, const char *dir, bdb_diag *d);

/*
 * Store statistics. A struct tag without a typedef, like POSIX's
 * struct stat / stat(): the function below has the same name.
 */
struct bdb_store_stats {
	uint64_t runs;
	uint64_t series;
	uint64_t observations;
	uint64_t samples;
	uint64_t bytes_on_disk; /* size of data.mdb */
	uint64_t bytes_used;	/* pages in use * page size */
	uint64_t map_size;
	double bytes_per_observation; /* bytes_used / observations (0 if none) */
	uint64_t free_pages;	      /* pages LMDB's free list holds (compact returns them) */
	uint64_t page_size;
};
/* Fills *out from one read transaction (observations and samples are
 * counted by a walk of the observation index). Checks every B-tree page
 * first, as bdb_store_verify does (a read of the whole file): BDB_ECORRUPT
 * when any is damaged (bdb_store_verify says which). */
int bdb_store_stats(bdb_store *store, struct bdb_store_stats *out);

/*
 * Rewrites data.mdb without its free pages (docs/storage.md 2.13.1): a
 * compacted copy (MDB_CP_COMPACT) next to it, then lock.mdb and data.mdb
 * replaced by renames, while this process holds the writer mutex. Readers
 * open in other processes go on reading the old file; at their next
 * transaction they open the new one. *before and *after are the sizes of
 * data.mdb. BDB_EBUSY when another process is writing (compact does not
 * wait for it), BDB_EREADONLY for a store opened read-only; on any failure
 * the store is unchanged. d (may be NULL) says what went wrong.
 */
int bdb_store_compact(bdb_store *store, uint64_t *before, uint64_t *after, bdb_diag *d);

/* ------------------------------------------------------------------------ */
/* Retention (retain.c, docs/storage.md 2.14)                                */
/* ------------------------------------------------------------------------ */

#define BDB_RETAIN_MAX_BRANCHES 16

/*
 * A retention policy. Durations are days; -1 means the rule is not given.
 * Runs of a kept branch are never dropped (rolled up at most); runs a
 * baseline points at, or an annotation applies to, are never touched.
 */
typedef struct bdb_retention {
	char *branches[BDB_RETAIN_MAX_BRANCHES]; /* `keep branch "B" forever`, malloc'ed */
	size_t n_branches;
	int64_t keep_other_days;   /* `keep other Nd`: other branches' runs older go */
	int64_t drop_samples_days; /* `drop samples after Nd` */
	int64_t rollup_days;	   /* `rollup week after Nd` */
	int64_t rollup_month_days; /* `rollup month after Nd` (at least rollup_days) */
	bool apply_on_ingest;	   /* `apply on ingest`: every bdb_store_put_runs applies it */
} bdb_retention;

/*
 * Parses a policy: rules separated by ";" (docs/query-language.md, "Retention
 * policies"). An empty text is no policy (every rule absent). BDB_EPARSE with
 * d's col (1-based) at the offending word. Free with bdb_retention_free.
 */
int bdb_retention_parse(const char *text, bdb_retention *out, bdb_diag *d);
void bdb_retention_free(bdb_retention *p);
/* The canonical text of p (rules in the order keep, keep other, drop, rollup;
 * "" when empty) into buf; returns buf, truncated to size. */
const char *bdb_retention_format(const bdb_retention *p, char *buf, size_t size);

/* Stores the policy text (parsed first: on a parse error nothing is stored)
 * in meta "retention"; "" removes it. */
int bdb_store_set_retention(bdb_store *store, const char *text, bdb_diag *d);
/* The stored policy (empty when none). Free with bdb_retention_free. */
int bdb_reader_retention(bdb_reader *r, bdb_retention *out);

/* What retain does to one run. */
typedef enum bdb_retain_kind {
	BDB_RETAIN_DROP_RUN,	 /* the run is removed */
	BDB_RETAIN_ROLLUP_RUN,	 /* the run is removed, its values go into rollup_id */
	BDB_RETAIN_DROP_SAMPLES, /* the run stays, without its samples */
	BDB_RETAIN_NEW_ROLLUP,	 /* rollup_id is created from n_runs runs */
	BDB_RETAIN_FOLD_ROLLUP	 /* the week rollup id is removed, folded into month rollup_id */
} bdb_retain_kind;

typedef struct bdb_retain_action {
	bdb_retain_kind kind;
	const char *id;	       /* the run's (the rollup's for NEW_ROLLUP) */
	const char *branch;    /* "" when unknown */
	int64_t timestamp_us;  /* the run's; for a rollup the start of its week or month (UTC) */
	const char *rollup_id; /* ROLLUP_RUN, NEW_ROLLUP and FOLD_ROLLUP */
	size_t n_runs;	       /* NEW_ROLLUP: how many original runs it replaces, in all */
	size_t n_rollups;      /* NEW_ROLLUP: how many week rollups it folds in */
} bdb_retain_action;

/* Called once per action, in order (runs by time); strings valid during the call. */
typedef int (*bdb_retain_fn)(void *ctx, const bdb_retain_action *a);

/*
 * Applies the stored policy as of time now_us (docs/storage.md 2.14): in one
 * write transaction, or, with dry_run, in a read transaction that changes
 * nothing. fn (may be NULL) then gets every action (after the commit when
 * applying). A store without a policy has nothing to do. Weeks are
 * Monday-to-Sunday UTC, months calendar months UTC; a week or month is rolled
 * up only when all of it is older than its rollup age, and never into a
 * rollup that exists (runs of such a week or month are left). A month takes
 * the original runs of its days and the week rollups whose Thursday is in
 * it (once the whole week is old enough too). On any failure nothing is
 * changed.
 */
int bdb_store_retain(bdb_store *store, int64_t now_us, bool dry_run, bdb_retain_fn fn, void *ctx,
		     bdb_diag *d);

/*
 * Has fn called with every action of the policy applied on ingest (`apply on
 * ingest`): after each bdb_store_put_runs (or bdb_store_put_run) that applied
 * it, once its transaction committed, from the thread that put the runs.
 * fn NULL: applied silently. Set it before the store is shared by threads.
 */
void bdb_store_on_retain(bdb_store *store, bdb_retain_fn fn, void *ctx);

/* A rollup run: a synthetic run holding, per series, a week's or month's
 * median (value), min (lower), max (upper) and count. */
typedef struct bdb_rollup_info {
	const char *period; /* "week" or "month" */
	uint32_t count;	    /* the series' observations rolled up (0: the series is not in it) */
	uint32_t n_runs;    /* runs the rollup replaced */
} bdb_rollup_info;

/* Whether retain ever made a rollup in this store (meta "rollups"): a
 * trend then shows rollup and count columns. */
int bdb_reader_has_rollups(bdb_reader *r, bool *has);

/* Whether run seq is a rollup (*is) and, when it is, what it holds for
 * series (0: none asked). Reads the run's metadata only for runs whose id
 * starts with "rollup:". */
int bdb_reader_rollup(bdb_reader *r, uint64_t seq, uint64_t series, bool *is,
		      bdb_rollup_info *out);

/* Whether a stored rollup holds the run id (in its rollup.run_ids) or, for
 * a week rollup folded into its month, the week (rollup.weeks): *found, and
 * the rollup's id in rollup (cut to size). Reads the rollups' metadata only,
 * and nothing in a store where retain never made one. */
int bdb_reader_rolled_into(bdb_reader *r, const char *id, char *rollup, size_t size, bool *found);

/* ------------------------------------------------------------------------ */
/* Persisted change points (changes.c, docs/storage.md 2.15)                 */
/* ------------------------------------------------------------------------ */

/*
 * The database "changes" keeps one record per series (series id -> bytes
 * the query layer writes: its change points and the state to extend them).
 * The engine does not read the records; it keeps them from lying. Every
 * write transaction that puts or deletes observations of a series touches
 * it, with the earliest (time, seq) touched; before the commit, the store's
 * write hook gets the touched series in id order (each once, the earliest
 * touch), with a reader of the write transaction through which it reads
 * observations and puts records. Without a hook, or in a store that does
 * not keep them (bdb_reader_keep_changes: the records cost CPU at every
 * ingest, so a store keeps them once asked, by `benchdb reindex`), the
 * touched series' records are deleted. A hook that fails aborts the
 * transaction (nothing is stored); BDB_EMAPFULL from it grows the map and
 * runs the write again.
 */
typedef struct bdb_touched {
	uint64_t series;
	int64_t from_us; /* the earliest observation put or deleted */
	uint64_t from_seq;
} bdb_touched;
typedef int (*bdb_write_hook)(void *ctx, bdb_reader *txn, const bdb_touched *t, size_t n);
/* Installs fn (NULL removes it) for this process's later writes. */
void bdb_store_set_write_hook(bdb_store *store, bdb_write_hook fn, void *ctx);

/* The record of series (valid until bdb_reader_end or the next put), or
 * BDB_ENOTFOUND. */
int bdb_reader_change_record(bdb_reader *r, uint64_t series, const void **data, size_t *len);
/* Puts (len 0: deletes) the record of series. Only through the reader a
 * write hook or bdb_store_update gets: BDB_EREADONLY for any other. */
int bdb_reader_put_change_record(bdb_reader *r, uint64_t series, const void *data, size_t len);
/* Makes the store keep (or stop keeping) the records at its writes: a flag
 * in meta ("changes_kept"). Only through a writable reader (BDB_EREADONLY). */
int bdb_reader_keep_changes(bdb_reader *r, bool keep);
/* Whether the store keeps the records (*kept). */
int bdb_reader_changes_kept(bdb_reader *r, bool *kept);
/* Calls fn for every record in series order; stops at fn's non-zero. */
typedef int (*bdb_change_record_fn)(void *ctx, uint64_t series, const void *data, size_t len);
int bdb_reader_change_records(bdb_reader *r, bdb_change_record_fn fn, void *ctx);

/* Runs fn in one write transaction with a reader of it (as a write hook
 * gets); commits when fn returns 0. fn may run again after BDB_EMAPFULL. */
typedef int (*bdb_update_fn)(void *ctx, bdb_reader *txn);
int bdb_store_update(bdb_store *store, bdb_update_fn fn, void *ctx);

#endif /* BDB_ENGINE_H */
