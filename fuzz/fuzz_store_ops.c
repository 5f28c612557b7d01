/*
 * fuzz_store_ops.c - harness for the store: the input is a byte stream
 * decoded into up to SO_MAX_OPS operations on a fresh store (put a run or
 * a batch of runs, with or without replace; delete; set and drop baselines; put a metric
 * definition; read everything back). A model of what the store must hold
 * (which run ids are stored, their FlatBuffer bytes and sequence numbers,
 * the baselines) predicts each operation's outcome, and after every
 * operation the store is compared with the model. bdb_store_verify must
 * report no problem after the last operation and after every operation the
 * input marks (an operation byte of SO_VERIFY_STEP or more, one in eight of
 * random bytes): verifying after every step took 80% of the harness's time
 * (perf), and the fuzzer can still ask for it wherever it helps.
 *
 * Runs are drawn from small sets of ids, names, tags, units and values, so
 * that operations collide (same id, same series, unit changes, duplicate
 * points, empty names) instead of passing each other by.
 *
 * The store is opened once per process, in a directory under $TMPDIR (or
 * /tmp) removed at exit, and emptied after each input: one write
 * transaction drops every database and writes format_version back, which
 * leaves what bdb_store_open leaves in a new directory (an empty store whose
 * sequence numbers start again at 1). Opening an LMDB environment per input
 * cost some 12 ms under ASan (its map and lock file mapped, faulted in and
 * cleared each time); emptying it costs a transaction.
 */
#include <dirent.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "fuzz.h"
#include "internal.h" /* bdb__write and the database handles, to empty the store */

#define SO_MAX_OPS   24
#define SO_IDS	     4
#define SO_BASELINES 2
#define SO_BATCH     4 /* runs in one bdb_store_put_runs at most */
/* An operation byte at least this large (its operation is byte % 6) also
 * runs bdb_store_verify after the step; the last step always does. */
#define SO_VERIFY_STEP 0xe0

typedef struct so_input {
	const uint8_t *p;
	size_t n;
} so_input;

/* The next byte of the input, 0 once it is used up. */
static uint8_t so_byte(so_input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static const char *so_pick(so_input *in, const char *const *set, size_t n)
{
	return set[so_byte(in) % n];
}

#define SO_PICK(in, set) so_pick(in, set, sizeof set / sizeof *set)

static const char *const so_ids[SO_IDS] = {"r0", "r1", "r2", "r3"};
static const char *const so_baselines[SO_BASELINES] = {"main", "release"};
static const char *const so_points[] = {"BM_sort/1024", "BM_hash", "CV-1/small", "", "BM_hash"};
static const char *const so_metrics[] = {"time", "throughput", "allocs", ""};
static const char *const so_units[] = {"ns", "us", "ms", "MB/s", "B", NULL};
static const char *const so_keys[] = {"backend", "size", "framework"};
static const char *const so_values[] = {"cpu", "cuda", "1024", "Datarax"};
static const char *const so_commits[] = {NULL, "9f3e01", "9f3e02", "c0ffee"};

static double so_double(so_input *in)
{
	static const double values[] = {1.0, 0.0, -0.0, 2.5, -3.0, 1e300, 5e-324, 1e9};
	uint8_t b = so_byte(in);
	if (b == 0xff)
		return NAN;
	return values[b % (sizeof values / sizeof *values)] * (1 + (b >> 3));
}

/* A run drawn from the input; NULL when out of memory. */
static bdb_run *so_make_run(so_input *in)
{
	bdb_run *run = bdb_run_new();
	if (!run)
		return NULL;
	int rc = bdb_run_set_id(run, so_ids[so_byte(in) % SO_IDS]);
	run->timestamp_us = ((int64_t)(so_byte(in) % 8) - 2) * 3600 * 1000000;
	if (!rc)
		rc = bdb_run_set_commit(run, SO_PICK(in, so_commits));
	if (!rc && so_byte(in) % 2)
		rc = bdb_run_set_branch(run, "main");
	if (!rc && so_byte(in) % 4 == 0) {
		bdb_metric_def *def;
		rc = bdb_run_add_def(run, SO_PICK(in, so_metrics), &def);
		if (!rc) {
			def->direction = (bdb_direction)(so_byte(in) % 3);
			def->unit = SO_PICK(in, so_units);
			def->has_threshold = so_byte(in) % 2;
			def->threshold = 5.0;
		}
	}
	unsigned n_points = so_byte(in) % 4;
	for (unsigned i = 0; !rc && i < n_points; i++) {
		bdb_point *p;
		rc = bdb_run_add_point(run, SO_PICK(in, so_points), &p);
		unsigned n_tags = so_byte(in) % 3;
		for (unsigned t = 0; !rc && t < n_tags; t++)
			rc =
			    bdb_point_set_tag(run, p, SO_PICK(in, so_keys), SO_PICK(in, so_values));
		unsigned n_metrics = so_byte(in) % 3;
		for (unsigned k = 0; !rc && k < n_metrics; k++) {
			bdb_metric *m;
			rc = bdb_point_add_metric(run, p, SO_PICK(in, so_metrics), so_double(in),
						  &m);
			if (!rc)
				rc = bdb_metric_set_unit(run, m, SO_PICK(in, so_units));
			uint8_t flags = so_byte(in);
			if (!rc) {
				m->has_lower = flags & 1;
				m->lower = m->value * 0.5;
				m->has_upper = flags & 2;
				m->upper = m->value * 2;
			}
			double samples[3];
			size_t n_samples = (flags >> 2) % 4;
			for (size_t s = 0; s < n_samples; s++)
				samples[s] = so_double(in);
			if (!rc && n_samples)
				rc = bdb_metric_set_samples(run, m, samples, n_samples);
		}
	}
	if (rc) {
		bdb_run_free(run);
		return NULL;
	}
	return run;
}

/* What the store must hold. */
typedef struct so_model {
	bool present[SO_IDS];
	uint64_t seq[SO_IDS];
	bdb_buf bytes[SO_IDS]; /* the run's FlatBuffer as bdb_run_encode writes it */
	int64_t timestamp[SO_IDS];
	int baseline[SO_BASELINES]; /* index into the ids, -1 when not set */
	uint64_t max_seq;
} so_model;

static int so_index_of(const char *id)
{
	for (int i = 0; i < SO_IDS; i++)
		if (strcmp(so_ids[i], id) == 0)
			return i;
	return -1;
}

/* Whether run bytes fb are those the model holds under id index i. */
static bool so_same(const so_model *m, int i, const bdb_buf *fb)
{
	return m->present[i] && m->bytes[i].len == fb->len &&
	       memcmp(m->bytes[i].data, fb->data, fb->len) == 0;
}

/* Checks a stored run's outcome and sequence number against the model, then
 * records it there. */
static void so_stored(so_model *m, int i, const bdb_buf *fb, int64_t timestamp, unsigned flags,
		      uint64_t seq, bdb_put_outcome outcome)
{
	bool same = so_same(m, i, fb);
	if (!m->present[i]) {
		FUZZ_CHECK(outcome == BDB_PUT_STORED && seq > m->max_seq);
		m->max_seq = seq;
	} else {
		FUZZ_CHECK(seq == m->seq[i]);
		FUZZ_CHECK(outcome == (same ? BDB_PUT_UNCHANGED : BDB_PUT_REPLACED));
		FUZZ_CHECK(same || (flags & BDB_PUT_REPLACE));
	}
	m->present[i] = true;
	m->seq[i] = seq;
	m->timestamp[i] = timestamp;
	bdb_buf_reset(&m->bytes[i]);
	bdb_buf_append(&m->bytes[i], fb->data, fb->len);
}

/* Whether the model refuses run bytes fb under id index i (BDB_EEXISTS). */
static bool so_conflicts(const so_model *m, int i, const bdb_buf *fb, unsigned flags)
{
	return m->present[i] && !so_same(m, i, fb) && !(flags & BDB_PUT_REPLACE);
}

/*
 * Puts one to SO_BATCH runs drawn from the input in one bdb_store_put_runs
 * (one run: bdb_store_put_run). A batch is all or nothing, and a later run
 * with the id of an earlier one sees it as stored: on success every outcome
 * is what putting the runs one by one would give; on failure the model (and
 * so the store) is unchanged, and the run that failed is the first the model
 * refuses (BDB_EEXISTS) or an invalid one (empty names, a point twice, units
 * that do not convert: BDB_EINVAL with a reason).
 */
static void so_put(bdb_store *store, so_model *m, so_input *in, bool batch)
{
	unsigned flags = so_byte(in) % 2 ? BDB_PUT_REPLACE : 0;
	size_t n = batch ? 1 + so_byte(in) % SO_BATCH : 1, made = 0;
	bdb_run *runs[SO_BATCH];
	bdb_buf fb[SO_BATCH];
	int idx[SO_BATCH];
	bool ok = true;
	for (; made < n && ok; made++) {
		bdb_buf_init(&fb[made]);
		runs[made] = so_make_run(in);
		ok = runs[made] && bdb_run_encode(runs[made], &fb[made]) == 0;
		if (ok)
			idx[made] = so_index_of(runs[made]->id);
	}
	if (ok) {
		uint64_t seqs[SO_BATCH];
		bdb_put_outcome outcomes[SO_BATCH];
		size_t failed = SIZE_MAX;
		bdb_diag d;
		int rc = batch
			     ? bdb_store_put_runs(store, (const bdb_run *const *)runs, n, flags,
						  seqs, outcomes, &failed, &d)
			     : bdb_store_put_run(store, runs[0], flags, &seqs[0], &outcomes[0], &d);
		/* The first run the model refuses, replaying the batch on a copy of
		 * what it says is present. */
		so_model shadow = *m;
		size_t refused = n;
		for (size_t k = 0; k < n && refused == n; k++) {
			if (so_conflicts(&shadow, idx[k], &fb[k], flags))
				refused = k;
			else if (!shadow.present[idx[k]] || !so_same(&shadow, idx[k], &fb[k])) {
				shadow.present[idx[k]] = true;
				shadow.bytes[idx[k]] = fb[k]; /* shallow: read only */
			}
		}
		if (rc == 0) {
			FUZZ_CHECK(refused == n);
			for (size_t k = 0; k < n; k++)
				so_stored(m, idx[k], &fb[k], runs[k]->timestamp_us, flags, seqs[k],
					  outcomes[k]);
		} else if (rc == BDB_EEXISTS) {
			FUZZ_CHECK(refused < n && (!batch || failed == refused));
		} else {
			FUZZ_CHECK(rc == BDB_EINVAL || rc == BDB_ENOMEM);
			FUZZ_CHECK(rc == BDB_ENOMEM || d.message[0]);
			FUZZ_CHECK(!batch || rc == BDB_ENOMEM || failed < n);
		}
	}
	for (size_t k = 0; k < made; k++) {
		bdb_buf_free(&fb[k]);
		bdb_run_free(runs[k]);
	}
}

static void so_delete(bdb_store *store, so_model *m, so_input *in)
{
	int i = so_byte(in) % SO_IDS;
	int rc =
	    bdb_store_delete_run(store, m->present[i] ? m->seq[i] : m->max_seq + 1 + (uint64_t)i);
	FUZZ_CHECK(rc == (m->present[i] ? 0 : BDB_ENOTFOUND));
	if (m->present[i]) {
		m->present[i] = false;
		for (int b = 0; b < SO_BASELINES; b++)
			if (m->baseline[b] == i)
				m->baseline[b] = -1; /* baselines of a deleted run are dropped */
	}
}

static void so_set_baseline(bdb_store *store, so_model *m, so_input *in)
{
	int b = so_byte(in) % SO_BASELINES, i = so_byte(in) % SO_IDS;
	int rc = bdb_store_set_baseline(store, so_baselines[b],
					m->present[i] ? m->seq[i] : m->max_seq + 1);
	FUZZ_CHECK(rc == (m->present[i] ? 0 : BDB_ENOTFOUND));
	if (!rc)
		m->baseline[b] = i;
}

static void so_drop_baseline(bdb_store *store, so_model *m, so_input *in)
{
	int b = so_byte(in) % SO_BASELINES;
	int rc = bdb_store_drop_baseline(store, so_baselines[b]);
	FUZZ_CHECK(rc == (m->baseline[b] >= 0 ? 0 : BDB_ENOTFOUND));
	m->baseline[b] = -1;
}

/* A stored definition reads back as it was put. */
static void so_put_def(bdb_store *store, so_input *in)
{
	bdb_metric_def def = {.name = SO_PICK(in, so_metrics),
			      .unit = SO_PICK(in, so_units),
			      .direction = (bdb_direction)(so_byte(in) % 3),
			      .priority = (bdb_priority)(so_byte(in) % 2),
			      .has_threshold = true,
			      .threshold = 7.5};
	int rc = bdb_store_put_metric_def(store, &def);
	FUZZ_CHECK(rc == (def.name[0] ? 0 : BDB_EINVAL));
	bdb_reader *r;
	if (rc || bdb_reader_begin(store, &r))
		return;
	bdb_metric_def got;
	FUZZ_CHECK(bdb_reader_metric_def(r, def.name, &got) == 0);
	FUZZ_CHECK(got.direction == def.direction && got.priority == def.priority);
	FUZZ_CHECK(got.has_threshold && got.threshold == 7.5);
	bdb_reader_end(r);
}

/* Every observation of run seq is indexed under its series. */
static void so_check_series(bdb_reader *r, uint64_t seq)
{
	uint64_t *ids = NULL;
	size_t n = 0;
	FUZZ_CHECK(bdb_reader_run_series(r, seq, &ids, &n) == 0);
	for (size_t k = 0; k < n; k++) {
		bdb_obs obs;
		FUZZ_CHECK(bdb_reader_obs_get(r, ids[k], seq, &obs) == 0);
		FUZZ_CHECK(obs.run_seq == seq);
		bdb_series_info *info = NULL;
		FUZZ_CHECK(bdb_reader_series_info(r, ids[k], &info) == 0);
		free(info);
	}
	free(ids);
}

/*
 * The store holds exactly what the model says; with deep, bdb_store_verify
 * also finds no problem (it reads every page of the file with pread: the
 * harness's main cost when run after every step).
 */
static void so_check(bdb_store *store, const so_model *m, bool deep)
{
	bdb_reader *r;
	FUZZ_CHECK(bdb_reader_begin(store, &r) == 0);
	uint64_t count = 0, seq;
	FUZZ_CHECK(bdb_reader_count_runs(r, &count) == 0);
	uint64_t want = 0;
	int latest = -1;
	for (int i = 0; i < SO_IDS; i++) {
		int rc = bdb_reader_find_id(r, so_ids[i], &seq);
		if (!m->present[i]) {
			FUZZ_CHECK(rc == BDB_ENOTFOUND);
			continue;
		}
		want++;
		FUZZ_CHECK(rc == 0 && seq == m->seq[i]);
		const void *buf;
		size_t len;
		FUZZ_CHECK(bdb_reader_run_buffer(r, seq, &buf, &len) == 0);
		FUZZ_CHECK(len == m->bytes[i].len && memcmp(buf, m->bytes[i].data, len) == 0);
		so_check_series(r, seq);
		if (latest < 0 || m->timestamp[i] > m->timestamp[latest] ||
		    (m->timestamp[i] == m->timestamp[latest] && m->seq[i] > m->seq[latest]))
			latest = i;
	}
	FUZZ_CHECK(count == want);
	int rc = bdb_reader_latest(r, 0, &seq);
	FUZZ_CHECK(latest < 0 ? rc == BDB_ENOTFOUND : rc == 0 && seq == m->seq[latest]);
	for (int b = 0; b < SO_BASELINES; b++) {
		rc = bdb_reader_get_baseline(r, so_baselines[b], &seq);
		if (m->baseline[b] < 0)
			FUZZ_CHECK(rc == BDB_ENOTFOUND);
		else
			FUZZ_CHECK(rc == 0 && seq == m->seq[m->baseline[b]]);
	}
	bdb_reader_end(r);
	if (!deep)
		return;
	size_t problems = 99;
	FUZZ_CHECK(bdb_store_verify(store, NULL, NULL, &problems) == 0);
	FUZZ_CHECK(problems == 0);
}

static char so_dir[256];
static bdb_store *so_store;

static void so_remove_store(void)
{
	bdb_store_close(so_store);
	so_store = NULL;
	DIR *dir = opendir(so_dir);
	struct dirent *e;
	while (dir && (e = readdir(dir))) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", so_dir, e->d_name);
		if (e->d_name[0] != '.')
			unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(so_dir);
}

/* Opens the process's store, once; false when it cannot be made. */
static bool so_open_store(void)
{
	if (so_store)
		return true;
	if (so_dir[0])
		return false; /* tried and failed */
	const char *base = getenv("TMPDIR");
	snprintf(so_dir, sizeof so_dir, "%s/bdb-fuzz-store-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(so_dir))
		return false;
	atexit(so_remove_store);
	bdb_store_options opt = {.initial_map_size = 256 * 1024, .no_sync = true};
	FUZZ_CHECK(bdb_store_open(so_dir, &opt, &so_store, NULL) == 0);
	return true;
}

/* The write transaction that empties the store (see the top of the file). */
static int so_empty_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)ctx;
	for (int i = 0; i < BDB__DB_COUNT; i++) {
		int rc = mdb_drop(txn, s->dbi[i], 0);
		if (rc)
			return bdb__mdb_error(rc);
	}
	return bdb__meta_put_u64(s, txn, "format_version", BDB__FORMAT_VERSION);
}

int fuzz_store_ops(const uint8_t *data, size_t size)
{
	if (!so_open_store())
		return 0;
	bdb_store *store = so_store;
	so_model m;
	memset(&m, 0, sizeof m);
	for (int b = 0; b < SO_BASELINES; b++)
		m.baseline[b] = -1;
	so_input in = {data, size};
	for (int op = 0; op < SO_MAX_OPS && in.n; op++) {
		uint8_t b = so_byte(&in);
		switch (b % 6) {
		case 0:
			so_put(store, &m, &in, false);
			break;
		case 1:
			so_put(store, &m, &in, true);
			break;
		case 2:
			so_delete(store, &m, &in);
			break;
		case 3:
			so_set_baseline(store, &m, &in);
			break;
		case 4:
			so_drop_baseline(store, &m, &in);
			break;
		default:
			so_put_def(store, &in);
			break;
		}
		so_check(store, &m, b >= SO_VERIFY_STEP || op == SO_MAX_OPS - 1 || !in.n);
	}
	for (int i = 0; i < SO_IDS; i++)
		bdb_buf_free(&m.bytes[i]);
	FUZZ_CHECK(bdb__write(store, so_empty_txn, NULL) == 0);
	struct bdb_store_stats st;
	FUZZ_CHECK(bdb_store_stats(store, &st) == 0);
	FUZZ_CHECK(st.runs == 0 && st.series == 0 && st.observations == 0);
	return 0;
}

FUZZ_ENTRY(fuzz_store_ops)
