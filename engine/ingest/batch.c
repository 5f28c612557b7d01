/*
 * batch.c - ingesting many inputs: each is read and parsed into a run, and
 * the runs are stored a batch at a time, one write transaction per batch
 * (bdb_store_put_runs), with every input reported in order once its fate is
 * sealed: a stored run only after the commit that made it durable.
 *
 * Reading and storing overlap: a reader thread parses the next batch into one
 * of two slots while the caller's thread stores the other (and waits for the
 * disk). Only the caller's thread touches the store and calls the report.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "ingest.h"

/* A batch also closes once its runs hold this many values (observations
 * and samples): it bounds the memory of parsed runs and the dirty pages of
 * one transaction whatever the size of the inputs. */
#define BATCH_MAX_VALUES 2000000u

typedef struct batch_item {
	size_t index; /* in paths */
	bdb_run *run; /* NULL when the input could not be read */
	int rc;	      /* 0, or why the input was not stored */
	bdb_diag diag;
	uint64_t seq;
	bdb_put_outcome outcome;
} batch_item;

/* The inputs of one batch, parsed. */
typedef struct slot {
	batch_item *items; /* cap of them */
	size_t n;	   /* items in use */
	bool full;	   /* parsed, waiting to be stored (under the lock) */
} slot;

typedef struct batch {
	bdb_store *store;
	const char *const *paths;
	size_t n_paths;
	const bdb_ingest_job *job;
	bdb_ingest_stats *stats;
	size_t cap; /* inputs per batch */
	slot slots[2];
	size_t next;	  /* the next input to read (reader only) */
	uint64_t read_ns; /* reader only */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* For bdb_store_put_runs: the runs of the items that were read. */
	const bdb_run **runs;
	batch_item **owner; /* owner[k] is the item of runs[k] */
	uint64_t *seqs;
	bdb_put_outcome *outcomes;
	/* Batches before the last put with BDB_PUT_DEFER_RETAIN: the policy on
	 * ingest is applied once, after the last (whole weeks and months). */
	unsigned defer;
	bool deferred;	  /* such a batch stored or replaced a run */
	bool last_stored; /* the last batch did (and applied the policy) */
} batch;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The observations of run, and its observations plus samples. */
static size_t run_values(const bdb_run *run, size_t *obs)
{
	size_t n = 0, o = 0;
	for (size_t i = 0; i < run->n_points; i++) {
		const bdb_point *p = &run->points[i];
		o += p->n_metrics;
		for (size_t j = 0; j < p->n_metrics; j++)
			n += 1 + p->metrics[j].n_samples;
	}
	*obs = o;
	return n;
}

/* Marks item it failed with rc and d, naming its input when d names no file. */
static void item_fail(const batch *b, batch_item *it, int rc, const bdb_diag *d)
{
	it->rc = rc;
	it->diag = *d;
	if (!it->diag.file[0])
		snprintf(it->diag.file, sizeof it->diag.file, "%s", b->paths[it->index]);
}

/*
 * Stores runs[from, to) in one transaction. When one run fails on its own
 * (an id conflict, a point twice), it alone is marked failed and the runs
 * before and after it are stored by themselves; when the transaction fails
 * as a whole (the disk), every run of it is marked failed with that error.
 */
static void store_range(batch *b, size_t from, size_t to)
{
	if (from >= to)
		return;
	size_t n = to - from, failed = n;
	bdb_diag d;
	uint64_t t0 = now_ns();
	int rc = bdb_store_put_runs(b->store, b->runs + from, n, b->job->put_flags | b->defer,
				    b->seqs + from, b->outcomes + from, &failed, &d);
	b->stats->store_ns += now_ns() - t0;
	if (rc == 0) {
		b->stats->transactions++;
		for (size_t k = from; k < to; k++) {
			b->owner[k]->seq = b->seqs[k];
			b->owner[k]->outcome = b->outcomes[k];
			bool stored = b->outcomes[k] != BDB_PUT_UNCHANGED;
			b->deferred |= b->defer && stored;
			b->last_stored |= !b->defer && stored;
		}
		return;
	}
	if (failed < n) {
		item_fail(b, b->owner[from + failed], rc, &d);
		store_range(b, from, from + failed);
		store_range(b, from + failed + 1, to);
		return;
	}
	for (size_t k = from; k < to; k++)
		item_fail(b, b->owner[k], rc, &d);
}

/* Reads the next inputs into sl: up to b->cap of them, fewer when their
 * runs reach BATCH_MAX_VALUES. */
static void fill(batch *b, slot *sl)
{
	size_t values = 0;
	sl->n = 0;
	while (b->next < b->n_paths && sl->n < b->cap && values < BATCH_MAX_VALUES) {
		batch_item *it = &sl->items[sl->n++];
		*it = (batch_item){.index = b->next++};
		bdb_diag_clear(&it->diag);
		uint64_t t0 = now_ns();
		it->rc = bdb_ingest_path(b->paths[it->index], b->job->format, b->job->opt, &it->run,
					 NULL, &it->diag);
		b->read_ns += now_ns() - t0;
		if (!it->rc) {
			size_t obs;
			values += run_values(it->run, &obs);
		}
	}
}

/* The reader thread: fills the slots in turn as the storing thread frees them. */
static void *reader_main(void *arg)
{
	batch *b = arg;
	for (int s = 0; b->next < b->n_paths; s ^= 1) {
		slot *sl = &b->slots[s];
		pthread_mutex_lock(&b->lock);
		while (sl->full)
			pthread_cond_wait(&b->cond, &b->lock);
		pthread_mutex_unlock(&b->lock);
		fill(b, sl);
		pthread_mutex_lock(&b->lock);
		sl->full = true;
		pthread_cond_broadcast(&b->cond);
		pthread_mutex_unlock(&b->lock);
	}
	return NULL;
}

/* Stores the runs of sl, reports every item in input order, empties it. */
static int flush(batch *b, slot *sl)
{
	size_t k = 0;
	for (size_t i = 0; i < sl->n; i++) {
		if (sl->items[i].rc)
			continue;
		b->runs[k] = sl->items[i].run;
		b->owner[k++] = &sl->items[i];
	}
	store_range(b, 0, k);
	int first = 0;
	bdb_ingest_stats *st = b->stats;
	for (size_t i = 0; i < sl->n; i++) {
		batch_item *it = &sl->items[i];
		size_t obs = 0;
		if (it->rc) {
			st->failed++;
			if (!first)
				first = it->rc;
		} else {
			run_values(it->run, &obs);
			st->observations += obs;
			st->stored += it->outcome == BDB_PUT_STORED;
			st->unchanged += it->outcome == BDB_PUT_UNCHANGED;
			st->replaced += it->outcome == BDB_PUT_REPLACED;
		}
		if (b->job->report) {
			bdb_ingest_result r = {
			    .path = b->paths[it->index],
			    .index = it->index,
			    .rc = it->rc,
			    .diag = it->rc ? &it->diag : NULL,
			    .run = it->run,
			    .seq = it->seq,
			    .outcome = it->outcome,
			    .observations = obs,
			};
			b->job->report(b->job->report_ctx, &r);
		}
		bdb_run_free(it->run);
		it->run = NULL;
	}
	sl->n = 0;
	return first;
}

int bdb_ingest_files(bdb_store *store, const char *const *paths, size_t n,
		     const bdb_ingest_job *job, bdb_ingest_stats *stats)
{
	bdb_ingest_stats local;
	if (!stats)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	size_t cap = job->batch_runs ? job->batch_runs : BDB_INGEST_BATCH_RUNS;
	if (cap > n)
		cap = n ? n : 1;
	batch b = {
	    .store = store,
	    .paths = paths,
	    .n_paths = n,
	    .job = job,
	    .stats = stats,
	    .cap = cap,
	    .slots = {{.items = calloc(cap, sizeof(batch_item))},
		      {.items = calloc(cap, sizeof(batch_item))}},
	    .runs = calloc(cap, sizeof *b.runs),
	    .owner = calloc(cap, sizeof *b.owner),
	    .seqs = calloc(cap, sizeof *b.seqs),
	    .outcomes = calloc(cap, sizeof *b.outcomes),
	};
	int first = 0;
	if (!b.slots[0].items || !b.slots[1].items || !b.runs || !b.owner || !b.seqs ||
	    !b.outcomes) {
		first = BDB_ENOMEM;
		goto done;
	}
	/* One batch, or no thread to be had: read, then store, in turn. */
	pthread_t reader;
	bool threaded = n > cap && pthread_mutex_init(&b.lock, NULL) == 0;
	if (threaded && pthread_cond_init(&b.cond, NULL) != 0) {
		pthread_mutex_destroy(&b.lock);
		threaded = false;
	}
	if (threaded && pthread_create(&reader, NULL, reader_main, &b) != 0) {
		pthread_cond_destroy(&b.cond);
		pthread_mutex_destroy(&b.lock);
		threaded = false;
	}
	for (size_t done = 0, s = 0; done < n; s ^= 1) {
		slot *sl = &b.slots[threaded ? s : 0];
		if (threaded) {
			pthread_mutex_lock(&b.lock);
			while (!sl->full)
				pthread_cond_wait(&b.cond, &b.lock);
			pthread_mutex_unlock(&b.lock);
		} else {
			fill(&b, sl);
		}
		done += sl->n;
		/* The last batch applies the policy (in its transaction when it
		 * stores a run, else on its own below). */
		b.defer = done < n ? BDB_PUT_DEFER_RETAIN : 0;
		int rc = flush(&b, sl);
		if (!first)
			first = rc;
		if (threaded) {
			pthread_mutex_lock(&b.lock);
			sl->full = false;
			pthread_cond_broadcast(&b.cond);
			pthread_mutex_unlock(&b.lock);
		}
	}
	if (threaded) {
		pthread_join(reader, NULL);
		pthread_cond_destroy(&b.cond);
		pthread_mutex_destroy(&b.lock);
	}
	stats->read_ns = b.read_ns;
	if (b.deferred && !b.last_stored) {
		bdb_diag d;
		int rc = bdb_store_retain_on_ingest(store, &d);
		if (rc && job->retain_diag)
			*job->retain_diag = d;
		if (!first)
			first = rc;
	}
done:
	free(b.slots[0].items);
	free(b.slots[1].items);
	free(b.runs);
	free(b.owner);
	free(b.seqs);
	free(b.outcomes);
	return first;
}
