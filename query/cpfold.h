/*
 * cpfold.h - change points as a sequential fold (query/cpfold.c), what the
 * store persists per series so that `changes` over a large store reads them
 * instead of running the detector over every series' whole history
 * (docs/detection.md, "Persisted change points"; docs/storage.md 2.15).
 *
 * The fold is defined over a series' values in order, one value at a time,
 * so that folding them in one go or in batches of any size gives the same
 * state. Its state is the start of the current segment (the last confirmed
 * change point, 0 before any) and the confirmed points. After value m is
 * folded (m values), when m is a multiple of BDB__CPFOLD_HOP and the segment
 * holds at least BDB__CPFOLD_FIRST values, the detector
 * (bdb__detect_changes_at, any options) runs on the window: the segment's
 * last BDB__CPFOLD_WINDOW values, or all of them when it holds fewer. Its
 * steps and excursions that have at least BDB__CPFOLD_SETTLE values after
 * them (after an excursion's end), taken in order up to the first one that
 * has not, are confirmed and the segment starts at the last of them (an
 * excursion: at its end). Confirmed points are never revisited. Drifts are
 * never confirmed.
 *
 * Every value of a segment is in a window: the first window of a segment
 * starts at its start (FIRST + HOP <= WINDOW), and consecutive windows
 * overlap. A point of the segment at q gets a window that holds at least 2
 * values before it and SETTLE after it (WINDOW - SETTLE - 2 >= HOP, and
 * FIRST + HOP - 2 - SETTLE >= 0).
 *
 * The answer for the series is the confirmed points, then the detector's
 * points over the tail: the values from max(start, n - BDB__CPFOLD_WINDOW)
 * to n; its drift is the whole series' (bdb__cpfold_answer). A series of
 * fewer than BDB__CPFOLD_FIRST values is never evaluated, and one of at most
 * BDB__CPFOLD_WINDOW has its answer from the detector over all of it when
 * nothing was confirmed.
 *
 * Windows never reach before the segment start, and a window's values are
 * the same whichever batch brought them, so the fold of x[0..n) from scratch
 * and any sequence of advances to n give equal states, bit for bit (the
 * detector is deterministic for its seed).
 */
#ifndef BDB_QUERY_CPFOLD_H
#define BDB_QUERY_CPFOLD_H

#include "stats.h"

#define BDB__CPFOLD_WINDOW 384 /* values the detector sees at most */
#define BDB__CPFOLD_FIRST  256 /* values a segment needs before it is judged */
#define BDB__CPFOLD_HOP	   128 /* it runs after every HOP-th value */
#define BDB__CPFOLD_SETTLE 160 /* values after a point before it is final */
#define BDB__CPFOLD_DRIFT_BLOCKS 128 /* block medians a long series' drift fit sees */
/* Bump when the fold, the detector or their defaults change what they find:
 * records of another version are rebuilt (docs/storage.md 2.15). */
#define BDB__CPFOLD_VERSION 11u

typedef struct bdb__cpfold {
	size_t n;		   /* values folded */
	size_t start;		   /* the current segment's first value */
	bdb__change_point *points; /* confirmed, ascending, absolute indices */
	size_t count, cap;
} bdb__cpfold;

/* The first value the next advance or answer reads: callers holding only
 * the end of a series pass x from there on. */
size_t bdb__cpfold_need(const bdb__cpfold *f);

/*
 * Folds values f->n .. n - 1. x[i - base] and t[i - base] are value i and
 * its time (t may be NULL: the index), for base <= i < n; base must be at
 * most bdb__cpfold_need(f). Returns 0, BDB_EINVAL (n < f->n, base too late),
 * BDB_ENOMEM or the detector's error; on failure f may have advanced part
 * of the way (callers drop it).
 */
int bdb__cpfold_advance(bdb__cpfold *f, const double *x, const double *t, size_t base, size_t n,
			const bdb__changes_options *opt);

/*
 * The answer after f->n values, x[0..f->n) and t (may be NULL) the whole
 * series: a drift, then the confirmed points, then the detector's steps and
 * excursions over the tail (and its drift when the series holds at most
 * BDB__CPFOLD_WINDOW values). The drift of a longer series is the
 * detector's over the medians of blocks of B values (B the smallest power
 * of two leaving at most BDB__CPFOLD_DRIFT_BLOCKS blocks), spanning the series:
 * computed here, never stored, so the answer is still a function of the
 * series alone. Indices absolute; out->options are opt.
 */
int bdb__cpfold_answer(const bdb__cpfold *f, const double *x, const double *t,
		       const bdb__changes_options *opt, bdb__changes *out);

/* Whether two folds are the same state (every field of every point). */
bool bdb__cpfold_equal(const bdb__cpfold *a, const bdb__cpfold *b);

/* A fingerprint of the fold's constants, its version and opt's settings: a
 * record made with another is not this fold's. */
uint64_t bdb__cpfold_key(const bdb__changes_options *opt);

void bdb__cpfold_free(bdb__cpfold *f);

/*
 * The default `changes` answer for series (changelog.c): x[0..n) and t its
 * finite values and their days, n_obs its observations, the last of them
 * (last_us, last_seq). Read from the series' record when the record covers
 * exactly these (*from 1), else the same fold from scratch (*from 0); then
 * the tail; or, when the record keeps the answer for exactly these
 * (bdb_query_changes_settle), that answer (*from 2). Returns 0 or an error
 * (storage, BDB_ENOMEM, the detector's).
 */
typedef struct bdb_reader bdb_reader;
int bdb__changelog_answer(bdb_reader *r, uint64_t series, size_t n_obs, int64_t last_us,
			  uint64_t last_seq, const double *x, const double *t, size_t n,
			  const bdb__changes_options *opt, bdb__changes *out, int *from);

/* How many times the write hook extended a record and rebuilt one, since
 * the process started (for tests). */
void bdb__changelog_counts(size_t *extended, size_t *rebuilt);

#endif /* BDB_QUERY_CPFOLD_H */
