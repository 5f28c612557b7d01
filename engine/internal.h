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
#define BDB__FORMAT_VERSION 2u

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
	BDB__DB_OBS,	     /* series -> dup records timestamp ‖ seq ‖ values */
	BDB__DB_BASELINES,   /* key form of name -> seq ‖ name */
	BDB__DB_METRIC_DEFS, /* key form of name -> metric definition */
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
	dev_t lock_dev;
	bool read_only;
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
	/* The snapshot (transaction id) whose indexes a reader checked last
	 * (BDB__CHECK_INDEXES): its pages stay as they are while it is the
	 * newest, so readers of it need no second check. */
	uint64_t checked_txn;
};

struct bdb_obs_iter;

struct bdb_reader {
	bdb_store *store;
	MDB_txn *txn;
	struct bdb_obs_iter *iters; /* open iterators, freed at the latest by reader_end */
	MDB_cursor *spare_cursor;   /* an obs cursor kept for the next iterator */
	uint64_t verified_seq;	    /* the last run buffer verified (0: none); */
	const void *verified_buf;   /* within one transaction it cannot change */
	MDB_cursor *runlog_cur;	    /* the run log, opened by the first run lookup */
	uint64_t runlog_seq;	    /* the run under runlog_cur (0: not positioned) */
	bdb_run_info runlog_info;   /* that run, decoded (strings in the map) */
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
 * The observation record, one DUPFIXED item under its series id (8-byte
 * key), sorted by time then seq. Its width is the series': LMDB keeps one
 * record size per key, and reads of a key hand out that size.
 *   narrow (20): time (8) ‖ seq (u32, 4) ‖ value (8)
 *   wide (40):   narrow ‖ lower (8) ‖ upper (8) ‖ bits (4)
 * bits: bit 31 lower present, bit 30 upper present, bits 0-29 n_samples
 * (saturating); absent bounds are stored as 0. A narrow record has no
 * bounds and no samples. A series starts narrow unless its first record
 * needs the wide form, and is rewritten wide (bdb__obs_widen, write.c) when
 * a later one does; it never narrows again. The first BDB__OBS_ID bytes
 * (time ‖ seq) identify a record within its series.
 */
#define BDB__OBS_NARROW 20
#define BDB__OBS_WIDE	40
#define BDB__OBS_ID	12
/* Sequence numbers fit the record's u32; all ones is kept out of it, so
 * that time ‖ FFFFFFFF is above every record of that time. */
#define BDB__MAX_SEQ UINT32_C(0xFFFFFFFE)
/* True when obs has bounds or samples, which only the wide form holds. */
bool bdb__obs_needs_wide(const bdb_obs *obs);
/* Writes obs as a record of width (BDB__OBS_NARROW or BDB__OBS_WIDE) to out;
 * a narrow record drops bounds and samples (see bdb__obs_needs_wide). */
void bdb__obs_record_encode(uint8_t *out, const bdb_obs *obs, size_t width);
/* Fills every field of obs from a record of either width. BDB_ECORRUPT if
 * len is neither. */
int bdb__obs_record_decode(const void *data, size_t len, bdb_obs *obs);

/*
 * Positions cur (on obs) at the record of series in run (us, seq) and fills
 * out (may be NULL). BDB_ENOTFOUND when there is none.
 */
int bdb__obs_find(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, bdb_obs *out);

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

/* Reads or writes a u64 counter in meta. A missing counter reads as dflt. */
int bdb__meta_get_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t dflt, uint64_t *out);
int bdb__meta_put_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t v);

/* Deletes run seq and every index entry of it inside txn. Baselines pointing
 * at it are dropped unless keep_baselines. */
int bdb__delete_run_txn(bdb_store *s, MDB_txn *txn, uint64_t seq, bool keep_baselines);

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

/*
 * The run baseline name points at; key (BDB__KEY_LONG bytes) and *klen get
 * its key form. BDB_ENOTFOUND, or BDB_EEXISTS when a different (long) name
 * holds that key.
 */
int bdb__baseline_find(bdb_store *s, MDB_txn *txn, const char *name, uint8_t *key, size_t *klen,
		       uint64_t *seq);

/* Looks up the run seq of id, checking long keys against the runlog. */
int bdb__run_id_find(bdb_store *s, MDB_txn *txn, const char *id, uint64_t *seq);

#endif /* BDB_ENGINE_INTERNAL_H */
