/*
 * internal.h - what the engine's files share and nobody else may use.
 *
 * The store layout (named databases, key and value encodings) is described
 * byte by byte in docs/storage.md section 2; the encoders and decoders of
 * every key and value live in engine/keys.c and nowhere else.
 */
#ifndef BDB_ENGINE_INTERNAL_H
#define BDB_ENGINE_INTERNAL_H

#include <lmdb.h>
#include <stdarg.h>
#include <pthread.h>
#include <sys/types.h>

#include "engine.h"

/* The on-disk format this code reads and writes (meta "format_version"). */
#define BDB__FORMAT_VERSION 6u
/* The oldest version this code reads as it is (read-only), and every one
 * after it; opened for writing it is upgraded first (upgrade.c). */
#define BDB__FORMAT_READABLE 3u

/* The named databases, in the order they are opened. */
enum bdb__db {
	BDB__DB_META,	     /* name -> value (format_version, next_seq, next_series) */
	BDB__DB_RUNS,	     /* seq -> Run FlatBuffer */
	BDB__DB_RUNLOG,	     /* seq -> run header (timestamp, counts, id, commit, branch) */
	BDB__DB_RUN_IDS,     /* key form of id -> seq */
	BDB__DB_TIME,	     /* timestamp ‖ seq -> empty */
	BDB__DB_COMMITS,     /* key form of commit -> dup timestamp ‖ seq */
	BDB__DB_RUN_SERIES,  /* seq -> series ids of the run's observations */
	BDB__DB_SERIES,	     /* key form of canonical series bytes -> series id */
	BDB__DB_SERIES_INFO, /* series id -> unit, scenario, point, metric, tags */
	BDB__DB_POSTINGS,    /* key form of term -> dup series ids */
	BDB__DB_CHUNKS,	     /* series ‖ timestamp ‖ seq -> chunk of observations */
	BDB__DB_BASELINES,   /* key form of name -> seq ‖ name */
	BDB__DB_METRIC_DEFS, /* key form of name -> metric definition */
	BDB__DB_CHANGES,     /* series id -> persisted change points (changes.c) */
	BDB__DB_COUNT
};

/* The database names, indexed by enum bdb__db. */
extern const char *const bdb__db_names[BDB__DB_COUNT];

/* A spare (reset) read transaction kept for reuse. */
#define BDB__SPARE_TXNS 4

struct bdb_store {
	MDB_env *env;
	char *path;
	char *lock_path; /* path/lock.mdb */
	ino_t lock_ino;	 /* the lock file LMDB opened (0: none) */
	/* That lock file, read-only, open until the environment is closed:
	 * whoever reads lock.mdb reads it here, since closing any other
	 * descriptor of it would drop this process's POSIX locks on it,
	 * LMDB's "in use" lock among them (-1: none). */
	int lock_fd;
	dev_t lock_dev;
	bool read_only;
	bool no_lock;	  /* read without lock.mdb (it is not writable here) */
	int no_lock_reads; /* reads begun and not ended, when no_lock */
	int no_lock_gate;  /* the gate held shared while no_lock_reads > 0, or -1 */
	MDB_dbi dbi[BDB__DB_COUNT];
	pthread_mutex_t write_lock; /* one write transaction of this process at a time */
	pthread_mutex_t lock;	    /* guards the fields below */
	pthread_cond_t idle;	    /* signalled when no transaction is active */
	MDB_txn *spare[BDB__SPARE_TXNS];
	int n_spare;
	int active_readers;   /* bdb_readers begun and not ended */
	bool writing;	      /* a write transaction is active (or beginning) */
	int remapping;	      /* threads waiting to change the map (no new txn begins) */
	int last_write_error; /* LMDB code or errno of the last failed write txn */
	bdb_retain_fn on_retain; /* hears the policy applied on ingest (bdb_store_on_retain) */
	void *on_retain_ctx;
	/* The snapshot (transaction id) whose indexes a reader checked last
	 * (BDB__CHECK_INDEXES): its pages stay as they are while it is the
	 * newest, so readers of it need no second check. */
	uint64_t checked_txn;
	uint64_t upgrade_from; /* an older format version opening found (0: none) */
	struct ZSTD_CCtx_s *zstd_cctx; /* the writer's compression context (runpack.c) */
	struct ZSTD_CDict_s *zstd_cdict; /* the writer's dictionary, digested (runpack.c) */
	bdb_buf zstd_cdict_of;		 /* the dictionary bytes it was made from */
	unsigned env_flags;	       /* mdb_env_open's, to open the files again */
	unsigned max_readers;
	char notice[4400];     /* what opening did besides (an upgrade), or "" */
	bool no_changes_db;    /* opened read-only, the store has no "changes" yet */
	bdb_write_hook hook;   /* bdb_store_set_write_hook's, or NULL */
	void *hook_ctx;
	bdb_buf touched;       /* bdb_touched of the write transaction (changes.c) */
	bool created;	       /* this open made data.mdb (no store was there) */
	bool created_dir;      /* and the directory */
	/* meta "unfinished" as this open found or wrote it: 1 (2: and its
	 * directory) while the store's creation has stored nothing yet. */
	uint64_t unfinished;
};

struct bdb_obs_iter;
struct bdb__run_copy;

struct bdb_reader {
	bdb_store *store;
	MDB_txn *txn;
	struct bdb_obs_iter *iters; /* open iterators, freed at the latest by reader_end */
	MDB_cursor *spare_cursor;   /* an obs cursor kept for the next iterator */
	MDB_cursor *runlog_cur;	    /* the run log, opened by the first run lookup */
	uint64_t runlog_seq;	    /* the run under runlog_cur (0: not positioned) */
	bdb_run_info runlog_info;   /* that run, decoded (strings in the map) */
	struct bdb__run_copy *runs; /* run buffers decompressed, kept until reader_end */
	bdb_buf unpack;		    /* scratch for decompressing */
	bool writable;		    /* a view of a write transaction (changes.c) */
};

/* ------------------------------------------------------------------------ */
/* Keys and values (keys.c)                                                  */
/* ------------------------------------------------------------------------ */

/*
 * Strings longer than BDB__KEY_INLINE bytes do not fit an LMDB key (511
 * bytes at most). Their key form is the first BDB__KEY_INLINE bytes, a 0xFF
 * byte and a 64-bit hash of the whole string (big-endian): BDB__KEY_LONG
 * bytes. Shorter strings are their own key form, so a key of exactly
 * BDB__KEY_LONG bytes is always a long form and every reader of one checks
 * the full string stored elsewhere.
 */
#define BDB__KEY_INLINE 400
#define BDB__KEY_LONG	(BDB__KEY_INLINE + 1 + 8)

/* Writes the key form of s[0..n) to out (BDB__KEY_LONG bytes of room) and
 * returns its length. */
size_t bdb__key_form(const void *s, size_t n, uint8_t *out);
static inline bool bdb__key_is_long(size_t key_len)
{
	return key_len == BDB__KEY_LONG;
}

void bdb__put_be64(uint8_t *p, uint64_t v);
uint64_t bdb__get_be64(const uint8_t *p);
void bdb__put_be32(uint8_t *p, uint32_t v);
uint32_t bdb__get_be32(const uint8_t *p);
/* Timestamps with the sign bit flipped, big-endian: byte order = time order. */
void bdb__put_time(uint8_t *p, int64_t us);
int64_t bdb__get_time(const uint8_t *p);
void bdb__put_double(uint8_t *p, double v);
double bdb__get_double(const uint8_t *p);

/*
 * Format 2's observation record (format 2 kept them in the DUPSORT database
 * "obs", one per observation), read only to upgrade a store:
 *   narrow (20): time (8) ‖ seq (u32, 4) ‖ value (8)
 *   wide (40):   narrow ‖ lower (8) ‖ upper (8) ‖ bits (4)
 * bits: bit 31 lower present, bit 30 upper present, bits 0-29 n_samples.
 */
#define BDB__OBS_NARROW 20
#define BDB__OBS_WIDE	40
/* Fills every field of obs from a record of either width. BDB_ECORRUPT if
 * len is neither. */
int bdb__obs_record_decode(const void *data, size_t len, bdb_obs *obs);

/* Sequence numbers are 32-bit in chunks and keys; all ones is kept out, so
 * that time ‖ FFFFFFFF is above every observation of that time. */
#define BDB__MAX_SEQ UINT32_C(0xFFFFFFFE)

/*
 * Short decimals (decimal.c): v has the decimal form (m, e) when
 * bdb__decimal_value(m, e), (double)m / 10^e, gives v's bits back, with
 * |m| < 2^53 and e <= BDB__DECIMAL_MAX_EXP. fit tests one exponent and sets
 * *m; find the smallest from `from` on, setting *e and *m. -0, NaNs,
 * infinities and values needing more digits have none (false).
 */
#define BDB__DECIMAL_MAX_EXP 22
extern const double bdb__pow10[BDB__DECIMAL_MAX_EXP + 1]; /* 10^e, exact */
/* x rounded to the nearest integer, halves away from zero, without a libm
 * call (from 2^52 on every double is an integer, and adding 0.5 would
 * round); 0 for NaN and |x| >= 2^53. The codecs that store an integer for
 * a double compute it with this on both sides. */
static inline int64_t bdb__nearest(double x)
{
	double a = x < 0 ? -x : x;
	if (!(a < 9007199254740992.0))
		return 0;
	return a >= 4503599627370496.0 ? (int64_t)x : (int64_t)(x + (x < 0 ? -0.5 : 0.5));
}
/* Inline: the chunk decoder calls it for every value. */
static inline double bdb__decimal_value(int64_t m, unsigned e)
{
	return (double)m / bdb__pow10[e];
}
bool bdb__decimal_fit(double v, unsigned e, int64_t *m);
bool bdb__decimal_find(double v, unsigned from, unsigned *e, int64_t *m);

/*
 * Observation chunks (chunk.c, docs/storage.md 2.8): 1 to BDB__CHUNK_OBS
 * observations of one series, strictly increasing in (time, seq), as a
 * bit stream. Written at most about BDB__CHUNK_BYTES long.
 */
#define BDB__CHUNK_OBS	 128
#define BDB__CHUNK_BYTES 1800
/* Appends the chunk of obs[0..n) (sorted, 1 <= n <= BDB__CHUNK_OBS) to out.
 * BDB_EINVAL for another n. */
int bdb__chunk_encode(bdb_buf *out, const bdb_obs *obs, size_t n);
/* How many observations the chunk holds (its header only). */
int bdb__chunk_count(const void *data, size_t len, size_t *n);
/* Decodes a chunk into obs (room for BDB__CHUNK_OBS) and *n. BDB_ECORRUPT
 * for anything bdb__chunk_encode does not write: a stream cut or too long,
 * observations out of order, a sequence number past 32 bits. */
int bdb__chunk_decode(const void *data, size_t len, bdb_obs *obs, size_t *n);

/*
 * The chunk index (obs.c). A chunk's key is series (8) ‖ time (8, as
 * bdb__put_time) ‖ seq (u32) of its first observation: BDB__CHUNK_KEY bytes.
 */
#define BDB__CHUNK_KEY 20
void bdb__chunk_key(uint8_t *key, uint64_t series, int64_t us, uint64_t seq);
/* Orders observations by time, then sequence. */
int bdb__obs_compare(const bdb_obs *a, const bdb_obs *b);
/* Positions cur (on chunks) on the chunk where (us, seq) of series is or
 * would go: the last one starting at or before it, else the series' first.
 * BDB_ENOTFOUND when the series has none. */
int bdb__chunk_locate(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, MDB_val *k,
		      MDB_val *v);
/* Decodes chunk (k, v) into obs (room for BDB__CHUNK_OBS), checking that the
 * key names its first observation. */
int bdb__chunk_read(const MDB_val *k, const MDB_val *v, bdb_obs *obs, size_t *n);
/*
 * A `chunks` value holds one chunk or a block of 2 to BDB__BLOCK_PARTS
 * chunks of the series in order (docs/storage.md 2.8): its parts. open
 * finds them (BDB_ECORRUPT for a block header that does not add up); read
 * decodes part i into obs (room for BDB__CHUNK_OBS), checking that the key
 * names part 0's first observation and that a later part starts after it;
 * find gives the part (us, seq) is in or would go: the last starting at or
 * before it, else 0.
 */
#define BDB__BLOCK_PARTS 64
typedef struct bdb__chunk_parts {
	const uint8_t *data;
	unsigned n;
	uint32_t off[BDB__BLOCK_PARTS + 1]; /* part i is data[off[i]..off[i + 1]) */
} bdb__chunk_parts;
int bdb__chunk_parts_open(const void *data, size_t len, bdb__chunk_parts *cp);
int bdb__chunk_parts_read(const MDB_val *k, const bdb__chunk_parts *cp, unsigned i, bdb_obs *obs,
			  size_t *n);
unsigned bdb__chunk_parts_find(const bdb__chunk_parts *cp, int64_t us, uint64_t seq);
/* Puts obs[0..n) (sorted, seqs <= BDB__MAX_SEQ) into series' chunks; one of
 * the same (time, seq) is replaced. */
int bdb__obs_put(MDB_txn *txn, MDB_dbi dbi, uint64_t series, const bdb_obs *obs, size_t n);
/* Deletes the observation of series in run (us, seq); a missing one is fine. */
int bdb__obs_delete(MDB_txn *txn, MDB_dbi dbi, uint64_t series, int64_t us, uint64_t seq);
/* Deletes every observation of the runs seqs[0..n) (sorted ascending) in one
 * walk over all chunks, each changed chunk rewritten once (retain.c: far
 * faster than bdb__obs_delete per run and series). */
int bdb__obs_delete_runs(MDB_txn *txn, MDB_dbi dbi, const uint64_t *seqs, size_t n);
/* qsort / bsearch order of uint64_t values. */
int bdb__compare_u64(const void *a, const void *b);
/* Finds the observation of series in run (us, seq) with cur (on chunks) and
 * fills out (may be NULL). BDB_ENOTFOUND when there is none. */
int bdb__obs_find(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, bdb_obs *out);
/* *has: series has a chunk. */
int bdb__series_has_obs(MDB_txn *txn, MDB_dbi dbi, uint64_t series, bool *has);

/* LEB128 varints (7 bits a byte, low first, high bit = more), keys.c. get
 * reads one at *at (advanced); false when it runs past end or past 64 bits. */
void bdb__varint_put(bdb_buf *out, uint64_t v);
bool bdb__varint_get(const uint8_t *p, size_t end, size_t *at, uint64_t *v);

/*
 * The run_series value: the run's series ids in order, as ranges of
 * consecutive ids, each varint(zigzag(first - next)) ‖ varint(length - 1)
 * where next is the id after the previous range (0 before the first).
 * Varints are LEB128 (7 bits a byte, low first, high bit = more).
 * encode reads n big-endian u64 ids and appends to out.
 */
void bdb__run_series_encode(bdb_buf *out, const uint8_t *ids, size_t n);
/* Decodes into a malloc'ed array of *n ids (room for one more). At most max
 * ids (the run's metric count): more, or a malformed value, is
 * BDB_ECORRUPT. */
int bdb__run_series_decode(const void *data, size_t len, size_t max, uint64_t **ids, size_t *n);

/*
 * The run header (runlog value): timestamp (8), n_points (4), n_metrics (4),
 * flags (1: bit 0 commit present, bit 1 branch present), then id, commit and
 * branch, each NUL-terminated.
 */
int bdb__runlog_encode(bdb_buf *out, const bdb_run *run, uint32_t n_metrics);
/* Decodes a runlog value into info (strings point into data). */
int bdb__runlog_decode(const void *data, size_t len, uint64_t seq, bdb_run_info *info);
/* As bdb__runlog_decode, for readers: the branch is taken to run to the
 * value's last byte, which must be a NUL, without looking for one before
 * it (a NUL inside it, which only damage puts there, shortens it: verify,
 * which uses bdb__runlog_decode, reports that). */
int bdb__runlog_decode_light(const void *data, size_t len, uint64_t seq, bdb_run_info *info);

/*
 * A series' canonical bytes: point NUL metric NUL (key NUL value NUL)* with
 * tags sorted by key. Appended to out.
 */
void bdb__series_canonical(bdb_buf *out, const char *point, const bdb_kv *tags, size_t n_tags,
			   const char *metric);

/*
 * The series_info value: unit NUL scenario NUL point NUL metric NUL
 * (key NUL value NUL)*.
 */
void bdb__series_info_encode(bdb_buf *out, const char *unit, const char *scenario,
			     const char *point, const char *metric, const bdb_kv *tags,
			     size_t n_tags);
/* Decodes into a new malloc'ed bdb_series_info (strings copied into the block). */
int bdb__series_info_decode(const void *data, size_t len, uint64_t id, bdb_series_info **out);
/* The unit (first field) of a series_info value, pointing into data. */
const char *bdb__series_info_unit(const void *data, size_t len);

/*
 * Postings terms of a series, each appended to out NUL-terminated:
 * "p:<point>", "m:<metric>", "s:<scenario>" (when not empty), "t:<k>=<v>".
 * Returns the number of terms.
 */
size_t bdb__series_terms(bdb_buf *out, const bdb_series_info *s);

/* The metric_defs value. */
void bdb__metric_def_encode(bdb_buf *out, const bdb_metric_def *def);
int bdb__metric_def_decode(const void *data, size_t len, bdb_metric_def *def);

/* The baselines value: seq (8) then the name NUL-terminated. */
void bdb__baseline_encode(bdb_buf *out, uint64_t seq, const char *name);
int bdb__baseline_decode(const void *data, size_t len, uint64_t *seq, const char **name);

/*
 * The unit a metric's observations are reported in: its own unit, else the
 * unit of the run's definition of that metric, else "".
 */
const char *bdb__effective_unit(const char *metric_unit, const char *def_unit);

/*
 * The factor that converts values in unit `from` into the series' unit `to`.
 * An empty unit on either side converts with factor 1 (nothing is known).
 */
int bdb__series_factor(const char *from, const char *to, double *factor);

/*
 * The factor from metric m's unit (of point p) to the series' unit sunit:
 * 0, or BDB_EINVAL with d saying so when the units do not convert or a
 * number of m would not stay finite in sunit (1e300 s is no double in ns).
 * The store's writer asks it of every observation; an import asks it of
 * every run before it writes any.
 */
int bdb__series_unit_factor(const bdb_point *p, const bdb_metric *m, const char *unit,
			    const char *sunit, double *factor, bdb_diag *d);

/* v converted by a factor of bdb__series_factor (bdb_unit_convert: a factor
 * 1/k divides by k, so 9 ns is 0.009 us, not 0.009000000000000001). A factor
 * of 1 leaves v's bits as they are: a multiplication would quiet a
 * signalling NaN, or not, as the compiler folds it, and verify compares
 * observations bit for bit. */
static inline double bdb__in_series_unit(double v, double factor)
{
	return factor == 1 ? v : bdb_unit_convert(v, factor);
}

/* ------------------------------------------------------------------------ */
/* LMDB plumbing (store.c)                                                   */
/* ------------------------------------------------------------------------ */

/* Maps an LMDB or errno code to a BDB_E* code (0 stays 0). */
int bdb__mdb_error(int rc);

/* Begins a read transaction (reused when possible). */
int bdb__read_begin(bdb_store *s, MDB_txn **out);
/* Ends a read transaction begun with bdb__read_begin. */
void bdb__read_end(bdb_store *s, MDB_txn *txn);

/*
 * Runs fn in a write transaction and commits. On MDB_MAP_FULL (from a put
 * inside fn, reported by fn as BDB_EMAPFULL, or from the commit) aborts,
 * grows the map and runs fn again from the start: fn must not keep state
 * from a previous try. Any other error from fn aborts and is returned.
 */
typedef int (*bdb__write_fn)(bdb_store *s, MDB_txn *txn, void *ctx);
int bdb__write(bdb_store *s, bdb__write_fn fn, void *ctx);

/* Formats one verify problem, counts it in *count and hands it to report
 * (may be NULL). verify.c. */
void bdb__report_problem(bdb_problem_fn report, void *ctx, size_t *count, const char *fmt,
			 va_list ap);

/* Which pages bdb__check_pages reads. */
enum bdb__check {
	/* The main database and the root pages of the named ones (what
	 * opening a store reads): a few pages. */
	BDB__CHECK_ROOTS,
	/* Every tree a reader walks but the observations' duplicate
	 * sub-trees, and not the free list: pages in proportion to runs,
	 * series and terms, not to observations (bdb_reader_begin). */
	BDB__CHECK_INDEXES,
	/* Every page reachable from the snapshot (verify, stats). */
	BDB__CHECK_ALL
};

/* Checks data.mdb's B-tree pages of txn's snapshot with pread (pages.c),
 * reporting each damaged page; adds the problems to *n_problems. 0 when the
 * check could be done. Run before anything reads the trees through LMDB. */
int bdb__check_pages(bdb_store *s, MDB_txn *txn, enum bdb__check what, bdb_problem_fn report,
		     void *ctx, size_t *n_problems);

/* Whether every page from first to the last page of txn's snapshot (set in
 * *last_pg) is in the snapshot's free list, read with pread (pages.c):
 * LMDB counts a page it allocated and freed again within one transaction
 * among the file's pages but never writes it, so data.mdb may end before
 * its last page. *is_free is false when the free list is damaged. 0, or a
 * BDB_E* code. */
int bdb__tail_is_free(bdb_store *s, MDB_txn *txn, uint64_t first, uint64_t *last_pg,
		      bool *is_free);

/* Reads or writes a u64 counter in meta. A missing counter reads as dflt. */
int bdb__meta_get_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t dflt, uint64_t *out);
int bdb__meta_put_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t v);

/* Deletes run seq and every index entry of it inside txn. Baselines pointing
 * at it are dropped unless flags has BDB__DELETE_KEEP_BASELINES; with
 * BDB__DELETE_OBS_GONE its observations were deleted already
 * (bdb__obs_delete_runs): only the series left without any are removed. */
#define BDB__DELETE_KEEP_BASELINES 0x1u
#define BDB__DELETE_OBS_GONE	   0x2u
int bdb__delete_run_txn(bdb_store *s, MDB_txn *txn, uint64_t seq, unsigned flags);

/* Puts runs[0..n) inside txn, as bdb_store_put_runs does in its own
 * transaction (retain.c puts rollups and runs without samples with it),
 * without applying the retention policy. */
int bdb__put_runs_txn(bdb_store *s, MDB_txn *txn, const bdb_run *const *runs, size_t n,
		      unsigned flags, bdb_diag *d);

/* The retention policy applied on ingest (retain.c): what it did, kept from
 * the transaction to its report after the commit. */
typedef struct bdb__retained bdb__retained;
/* Applies the stored policy as of now_us inside txn when it says `apply on
 * ingest` (*out the plan, malloc'ed), else does nothing (*out NULL). */
int bdb__retain_on_ingest(bdb_store *s, MDB_txn *txn, int64_t now_us, bdb__retained **out,
			  bdb_diag *d);
/* Whether a rollup holds run (its id is in the rollup.run_ids of the
 * rollup of run's branch and week, month, or the month its week folded
 * into): *held, and *seq the rollup's. A store without rollups reads one
 * meta value. */
int bdb__rollup_holding(bdb_store *s, MDB_txn *txn, const bdb_run *run, uint64_t *seq, bool *held);
/* How many of the runs (or folded weeks) a rollup run being put holds are
 * stored (*n_stored; the first in first, cut to size): storing it beside them
 * would count their values twice. 0 for a run that is no rollup. */
int bdb__rollup_overlap(bdb_store *s, MDB_txn *txn, const bdb_run *run, char *first, size_t size,
			size_t *n_stored);
/* A put of retain's own rollups, made before it deletes the runs they hold
 * (put_run_txn does not refuse them: bdb__rollup_overlap). */
#define BDB__PUT_RETAIN 0x100u
/* When run is a rollup (its id starts "rollup:", its metadata "rollup" is
 * week or month: one retain made, exported and imported), makes the store
 * one with rollups (meta "rollups" at least 1), so that trends read it as
 * one. */
int bdb__rollup_noted(bdb_store *s, MDB_txn *txn, const bdb_run *run);
/* Whether the stored run fb[0, len) is run less the samples the policy's
 * `drop samples after` dropped (*same): run is older than the rule, as of
 * the clock, and encodes without its samples to exactly fb. */
int bdb__samples_retained(bdb_store *s, MDB_txn *txn, const bdb_run *run, const void *fb,
			  size_t len, bool *same);
/* Hands every action of r to fn, as bdb_store_retain does, then frees r
 * (NULL: nothing). */
void bdb__retained_report(bdb__retained *r, bdb_retain_fn fn, void *ctx);
void bdb__retained_free(bdb__retained *r);

/* Looks up the series id of canonical bytes, checking long keys against
 * series_info. BDB_ENOTFOUND when absent. */
int bdb__series_find(bdb_store *s, MDB_txn *txn, const bdb_buf *canonical, uint64_t *id);

/*
 * The number of entries of db (not a DUPSORT one) in txn, from mdb_stat.
 * The count is the store's word, so it is bounded by the pages it describes
 * before anyone sizes an allocation with it: more entries than the
 * database's leaf pages (or the whole file) can hold is BDB_ECORRUPT.
 */
int bdb__db_entries(bdb_store *s, MDB_txn *txn, int db, uint64_t *n);

/* Closes every iterator a reader still has open, and its spare cursor. */
void bdb__reader_close_iters(bdb_reader *r);
/* Frees what a reader holds besides its transaction (bdb_reader_end, and
 * the readers of a write transaction: changes.c, retain.c). */
void bdb__reader_release(bdb_reader *r);

/*
 * The run baseline name points at; key (BDB__KEY_LONG bytes) and *klen get
 * its key form. BDB_ENOTFOUND, or BDB_EEXISTS when a different (long) name
 * holds that key.
 */
int bdb__baseline_find(bdb_store *s, MDB_txn *txn, const char *name, uint8_t *key, size_t *klen,
		       uint64_t *seq);

/*
 * Run values (runpack.c, docs/storage.md 2.2.1): a zstd frame of the
 * FlatBuffer (its doubles packed apart, below), with the store's dictionary
 * (meta "zstd_dict") when it has one. pack writes fb[0..len) compressed to
 * out (reset first); unpack the FlatBuffer of a stored value to out (reset
 * first), BDB_ECORRUPT for a value that is not one whole frame or does not
 * decompress to what pack writes. pack needs the
 * write transaction (one writer: it keeps a context in s).
 */
int bdb__run_pack(bdb_store *s, MDB_txn *txn, const void *fb, size_t len, bdb_buf *out);
int bdb__run_unpack(bdb_store *s, MDB_txn *txn, const void *data, size_t len, bdb_buf *out);
void bdb__run_pack_free(bdb_store *s);
/*
 * A run's stored value (docs/storage.md 2.2.1): the frame under seq, or, for
 * a frame longer than a leaf holds, its whole-page part (maybe empty) under
 * seq and the rest in 1 to BDB__RUN_RESTS pieces under seq ‖ 01, seq ‖ 02,
 * ... get gives the frame (joined in join when it is in parts;
 * BDB_ENOTFOUND for no run seq); put stores data[0..len) as such,
 * replacing what seq had; del removes every part (a missing run is fine).
 */
#define BDB__RUN_REST_KEY 9
#define BDB__RUN_RESTS	  3 /* pieces of a rest at most */
int bdb__run_value_get(bdb_store *s, MDB_txn *txn, uint64_t seq, bdb_buf *join, MDB_val *v);
int bdb__run_value_put(bdb_store *s, MDB_txn *txn, uint64_t seq, const void *data, size_t len);
int bdb__run_value_del(bdb_store *s, MDB_txn *txn, uint64_t seq);
/*
 * What a run's frame holds (c, reset first): the FlatBuffer with its metric
 * doubles zeroed and those doubles coded after it (*packed true), or fb
 * itself when its doubles cannot be found or taking them out would move
 * them (a field sharing bytes with an offset: never in a buffer
 * bdb_run_encode wrote). restore turns a packed content back into the
 * FlatBuffer's exact bytes, in place; BDB_ECORRUPT for anything
 * bdb__run_content does not write.
 */
int bdb__run_content(const void *fb, size_t len, bdb_buf *c, bool *packed);
int bdb__run_content_restore(bdb_buf *content);

/*
 * A run's samples coded by what made them (sampack.c, docs/storage.md
 * 2.2.1): the section that follows the other doubles in a run's frame.
 * x[0..n) are the run's doubles (bdb_fb_run_doubles' order) and vec[0..nv)
 * its sample vectors (bdb_fb_run_sample_vectors). pack appends the section
 * to out for the vectors a model codes in fewer bits, sets skip[i] for
 * their doubles and returns how many it codes (0: nothing appended), or
 * BDB_ENOMEM (below 0). parse reads a section of len bytes, sets skip[] for
 * the doubles it codes and returns a handle (NULL with *rc BDB_ECORRUPT
 * for a section pack does not write, or BDB_ENOMEM); it points into sec
 * and vec. apply writes those doubles at their positions pos[] of fb, once
 * every other double of fb is in place: false for an integer out of range.
 * free frees the handle (NULL too).
 */
typedef struct bdb__sampack_parsed bdb__sampack_parsed;
int bdb__sampack_pack(const double *x, size_t n, const bdb_fb_samples_at *vec, size_t nv,
		      bool *skip, bdb_buf *out);
bdb__sampack_parsed *bdb__sampack_parse(const uint8_t *sec, size_t len, size_t n,
					const bdb_fb_samples_at *vec, size_t nv, bool *skip,
					int *rc);
bool bdb__sampack_apply(bdb__sampack_parsed *p, uint8_t *fb, const uint32_t *pos);
void bdb__sampack_free(bdb__sampack_parsed *p);
/*
 * Rewrites run values in a write transaction: BDB__REPACK_RAW, every value
 * a bare FlatBuffer (format 2); BDB__REPACK_ALL, every stored value again
 * (a dictionary just trained); BDB__REPACK_STALE, only those not packed as
 * bdb__run_pack packs now (compact: format 3's frames, runs from before
 * the dictionary).
 */
typedef enum { BDB__REPACK_RAW, BDB__REPACK_ALL, BDB__REPACK_STALE } bdb__repack;
int bdb__runs_repack(bdb_store *s, MDB_txn *txn, bdb__repack mode);
/* Trains and stores the dictionary once the store has enough runs (and has
 * none): later runs compress with it. In a write transaction. */
int bdb__run_dict_train(bdb_store *s, MDB_txn *txn);

/*
 * The compaction gate (store.c, docs/storage.md 2.13.1): a flock on
 * DIR/compact.lock, shared while a process opens the store's files or
 * adopts compacted ones, exclusive while compact swaps them. Returns the
 * fd to pass to bdb__gate_unlock, or -1 when there is no gate (a directory
 * the user may not write).
 */
int bdb__gate_lock(const char *dir, int how);
void bdb__gate_unlock(int fd);

/* Upgrades store s of format version from (upgrade.c): a backup first,
 * then one write transaction; s->notice says what was done. */
int bdb__upgrade(bdb_store *s, uint64_t from, bdb_diag *d);

/* Looks up the run seq of id, checking long keys against the runlog. */
int bdb__run_id_find(bdb_store *s, MDB_txn *txn, const char *id, uint64_t *seq);

/*
 * Persisted change points (changes.c, docs/storage.md 2.15). A write
 * transaction notes every series whose observations it puts or deletes,
 * with the earliest (time, seq) touched; before the commit bdb__write hands
 * them to the store's write hook, or, without one, deletes their records.
 */
void bdb__touch(bdb_store *s, uint64_t series, int64_t us, uint64_t seq);
int bdb__after_write(bdb_store *s, MDB_txn *txn);
/* Opens database i as open_databases does (flags), tolerating a missing
 * "changes" database in a read-only transaction. */
int bdb__dbi_open(bdb_store *s, MDB_txn *txn, int i, unsigned flags);

/* Tests only (tests/tools/store_legacy_id): when true, runs whose id
 * bdb_run_id_fault refuses ("." and "..") are stored, as versions before
 * that check did, so that the tests can make the stores those left. */
extern bool bdb__test_legacy_ids;

#endif /* BDB_ENGINE_INTERNAL_H */
