/*
 * test_store_concurrency.c - many processes and threads on one store while
 * its map grows (docs/storage.md 2.10, 2.11):
 *   - two writer processes put batches that grow the map far past its
 *     initial size while four reader processes query in a loop (two keep
 *     the store open, two open it for each query as one-shot commands do):
 *     0 failed queries, every run a reader sees is whole, every run a writer
 *     acknowledged is stored, verify clean;
 *   - a thread that begins a reader or a write while another thread of the
 *     process holds a reader, after another process grew the map, waits for
 *     that reader to end instead of failing (MDB_MAP_RESIZED must be adopted,
 *     and LMDB adopts it only with no transaction of the process active).
 *
 * No timing thresholds: durations only bound how long the processes work.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "engine.h"
#include "helpers/store_env.h"
#include "query.h"

#define SMALL_MAP ((size_t)64 << 10)

/* The run number k: 20 points, ids "c<k>". */
static bdb_run *run_number(uint64_t k)
{
	char id[32];
	snprintf(id, sizeof id, "c%07llu", (unsigned long long)k);
	return make_run(id, (int64_t)k * 1000, NULL, "main", 20, (double)k);
}

/* 0 when run seq is whole: 20 points of two metrics, each observed. */
static int run_whole(bdb_reader *r, uint64_t seq)
{
	bdb_run_info info;
	if (bdb_reader_run_info(r, seq, &info) != 0 || info.n_metrics != 40)
		return 1;
	uint64_t *ids = NULL;
	size_t n = 0;
	int bad = bdb_reader_run_series(r, seq, &ids, &n) != 0 || n != 40;
	for (size_t i = 0; !bad && i < n; i++) {
		bdb_obs o;
		bad = bdb_reader_obs_get(r, ids[i], seq, &o) != 0;
	}
	free(ids);
	return bad;
}

/* A writer process: puts batches of 4 runs numbered from first for about
 * `seconds`, and writes the number of each stored run to ack_fd. */
static void writer(const char *dir, uint64_t first, double seconds, int ack_fd)
{
	bdb_store_options opt = {.initial_map_size = SMALL_MAP, .no_sync = true};
	bdb_store *s;
	bdb_diag d;
	if (bdb_store_open(dir, &opt, &s, &d) != 0) {
		fprintf(stderr, "writer: open: %s\n", d.message);
		_exit(3);
	}
	time_t end = time(NULL) + (time_t)seconds;
	for (uint64_t k = first; time(NULL) < end; k += 4) {
		bdb_run *runs[4];
		for (int i = 0; i < 4; i++)
			runs[i] = run_number(k + (uint64_t)i);
		if (bdb_store_put_runs(s, (const bdb_run *const *)runs, 4, 0, NULL, NULL, NULL,
				       &d) != 0) {
			fprintf(stderr, "writer: put: %s\n", d.message);
			_exit(4);
		}
		for (int i = 0; i < 4; i++) {
			uint64_t ack = k + (uint64_t)i;
			bdb_run_free(runs[i]);
			if (write(ack_fd, &ack, sizeof ack) != sizeof ack)
				_exit(5);
		}
	}
	bdb_store_close(s);
	_exit(0);
}

typedef struct reader_report {
	uint64_t queries;
	uint64_t failed;
	uint64_t runs_checked;
	uint64_t partial;
} reader_report;

/* One query and one check of the newest run on an open store. */
static void read_once(bdb_store *s, reader_report *rep)
{
	bdb_buf out;
	bdb_buf_init(&out);
	bdb_diag d;
	rep->queries++;
	int rc = bdb_query_exec(s, "show runs", NULL, &out, &d);
	if (rc) {
		rep->failed++;
		fprintf(stderr, "reader: query: %s\n", d.message);
	}
	bdb_buf_free(&out);
	bdb_reader *r;
	rc = bdb_reader_begin(s, &r);
	if (rc) {
		rep->failed++;
		fprintf(stderr, "reader: begin: %s\n", bdb_strerror(rc));
		return;
	}
	uint64_t latest;
	if (bdb_reader_latest(r, 0, &latest) == 0) {
		rep->runs_checked++;
		rep->partial += (uint64_t)run_whole(r, latest);
	}
	bdb_reader_end(r);
}

/* A reader process: queries for about `seconds`, keeping the store open or
 * opening it for each query; writes its report to report_fd. */
static void reader(const char *dir, bool reopen, double seconds, int report_fd)
{
	bdb_store_options opt = {.initial_map_size = SMALL_MAP, .no_create = true};
	reader_report rep = {0};
	bdb_store *s = NULL;
	bdb_diag d;
	time_t end = time(NULL) + (time_t)seconds;
	while (time(NULL) < end) {
		if (!s && bdb_store_open(dir, &opt, &s, &d) != 0) {
			rep.queries++;
			rep.failed++;
			fprintf(stderr, "reader: open: %s\n", d.message);
			continue;
		}
		read_once(s, &rep);
		if (reopen) {
			bdb_store_close(s);
			s = NULL;
		}
	}
	bdb_store_close(s);
	if (write(report_fd, &rep, sizeof rep) != sizeof rep)
		_exit(5);
	_exit(0);
}

static void test_readers_while_two_writers_grow_the_map(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	/* The store exists before the readers start (they do not create it). */
	bdb_store *s = open_store(dir, SMALL_MAP);
	bdb_store_close(s);
	double seconds = 4;
	int acks[2], reports[2];
	assert_int_equal(pipe(acks), 0);
	assert_int_equal(pipe(reports), 0);
	pid_t pids[6];
	for (int i = 0; i < 6; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(acks[0]);
			close(reports[0]);
			if (i < 2)
				writer(dir, (uint64_t)i * 1000000, seconds, acks[1]);
			reader(dir, i >= 4, seconds, reports[1]);
		}
	}
	close(acks[1]);
	close(reports[1]);
	/* The acknowledged runs; read while the writers work (the pipe holds
	 * only 64 KiB). */
	size_t n_acked = 0, cap = 1024;
	uint64_t *acked = malloc(cap * sizeof *acked);
	uint64_t k;
	while (read(acks[0], &k, sizeof k) == sizeof k) {
		if (n_acked == cap)
			acked = realloc(acked, (cap *= 2) * sizeof *acked);
		acked[n_acked++] = k;
	}
	close(acks[0]);
	for (int i = 0; i < 6; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fail_msg("process %d (%s) failed: status %d", i,
				 i < 2 ? "writer" : "reader", status);
	}
	reader_report total = {0}, rep;
	int n_reports = 0;
	while (read(reports[0], &rep, sizeof rep) == sizeof rep) {
		assert_true(rep.queries > 0);
		total.queries += rep.queries;
		total.failed += rep.failed;
		total.runs_checked += rep.runs_checked;
		total.partial += rep.partial;
		n_reports++;
	}
	close(reports[0]);
	assert_int_equal(n_reports, 4);

	s = open_store(dir, SMALL_MAP); /* a map of data.mdb's size */
	bdb_reader *r;
	assert_int_equal(bdb_reader_begin(s, &r), 0);
	size_t missing = 0, partial = 0;
	for (size_t i = 0; i < n_acked; i++) {
		char id[32];
		uint64_t seq;
		snprintf(id, sizeof id, "c%07llu", (unsigned long long)acked[i]);
		if (bdb_reader_find_id(r, id, &seq) != 0)
			missing++;
		else
			partial += (size_t)run_whole(r, seq);
	}
	uint64_t n_runs = 0;
	bdb_reader_count_runs(r, &n_runs);
	bdb_reader_end(r);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	fprintf(stderr,
		"# %zu runs acknowledged by 2 writers, map %zu KiB (from %zu KiB); 4 readers: %llu "
		"queries, %llu failed, %llu runs checked, %llu partial\n",
		n_acked, (size_t)(st.map_size >> 10), SMALL_MAP >> 10,
		(unsigned long long)total.queries, (unsigned long long)total.failed,
		(unsigned long long)total.runs_checked, (unsigned long long)total.partial);
	assert_true(n_acked > 8);
	assert_int_equal(n_runs, n_acked);
	assert_int_equal(missing, 0);
	assert_int_equal(partial, 0);
	assert_int_equal(total.failed, 0);
	assert_int_equal(total.partial, 0);
	assert_true(total.runs_checked > 0);
	assert_true(st.map_size >= 8 * SMALL_MAP); /* the map grew, several times */
	assert_verify_clean(s);
	bdb_store_close(s);
	free(acked);
	remove_tree(dir);
	free(dir);
}

/* ---- threads of one process while another grows the map -------------------- */

typedef struct thread_arg {
	bdb_store *store;
	int rc;	   /* what the thread's operation returned */
	bool put;  /* a write instead of a reader */
	int ready; /* set when the operation is done */
} thread_arg;

static void *begin_in_thread(void *p)
{
	thread_arg *a = p;
	if (a->put) {
		bdb_run *run = run_number(7777777);
		a->rc = bdb_store_put_run(a->store, run, 0, NULL, NULL, NULL);
		bdb_run_free(run);
	} else {
		bdb_reader *r;
		a->rc = bdb_reader_begin(a->store, &r);
		if (!a->rc)
			bdb_reader_end(r);
	}
	__atomic_store_n(&a->ready, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Another process puts runs until the map is at least `bytes`. */
static void grow_map_elsewhere(const char *dir, size_t bytes)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		bdb_store_options opt = {.initial_map_size = SMALL_MAP, .no_sync = true};
		bdb_store *s;
		if (bdb_store_open(dir, &opt, &s, NULL) != 0)
			_exit(3);
		struct bdb_store_stats st = {0};
		for (uint64_t k = 100; st.map_size < bytes; k++) {
			bdb_run *run = run_number(k);
			if (bdb_store_put_run(s, run, 0, NULL, NULL, NULL) != 0)
				_exit(4);
			bdb_run_free(run);
			if (bdb_store_stats(s, &st) != 0)
				_exit(5);
		}
		bdb_store_close(s);
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void check_waits_for_reader(bool put)
{
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, SMALL_MAP);
	bdb_reader *held;
	assert_int_equal(bdb_reader_begin(s, &held), 0);
	grow_map_elsewhere(dir, 16 * SMALL_MAP);
	thread_arg a = {.store = s, .put = put};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, begin_in_thread, &a), 0);
	/* While this thread's reader is open the other thread cannot adopt the
	 * new map: it waits (LMDB remaps only with no transaction active). */
	struct timespec pause = {0, 200 * 1000 * 1000};
	nanosleep(&pause, NULL);
	bdb_reader_end(held);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(a.ready, 1);
	if (a.rc)
		fail_msg("the %s after the map grew elsewhere failed: %s", put ? "put" : "reader",
			 bdb_strerror(a.rc));
	assert_verify_clean(s);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

static void test_reader_waits_for_another_thread_to_adopt_the_map(void **state)
{
	(void)state;
	check_waits_for_reader(false);
}

static void test_write_waits_for_another_thread_to_adopt_the_map(void **state)
{
	(void)state;
	check_waits_for_reader(true);
}

/* ---- a writer thread growing the map under reader threads -------------------- */

typedef struct loop_arg {
	bdb_store *store;
	int stop;	    /* set by the test */
	uint64_t readers;   /* readers begun and ended */
	uint64_t errors;    /* begins that failed */
	uint64_t runs_seen; /* the most runs one reader counted */
} loop_arg;

static void *reader_loop(void *p)
{
	loop_arg *a = p;
	while (!__atomic_load_n(&a->stop, __ATOMIC_SEQ_CST)) {
		bdb_reader *r;
		if (bdb_reader_begin(a->store, &r) != 0) {
			a->errors++;
			continue;
		}
		uint64_t n = 0;
		bdb_reader_count_runs(r, &n);
		if (n > a->runs_seen)
			a->runs_seen = n;
		bdb_reader_end(r);
		a->readers++;
	}
	return NULL;
}

/*
 * Four threads begin and end readers back to back while this thread puts
 * runs into a 64 KiB map: each growth waits for the readers of the process
 * to end, and new readers wait while it does, so no put starves (BDB_EBUSY
 * after 30 s) and no reader fails.
 */
static void test_writer_grows_map_under_reader_threads(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, SMALL_MAP);
	loop_arg args[4];
	pthread_t threads[4];
	for (int i = 0; i < 4; i++) {
		args[i] = (loop_arg){.store = s};
		assert_int_equal(pthread_create(&threads[i], NULL, reader_loop, &args[i]), 0);
	}
	int failed = 0;
	for (uint64_t k = 0; k < 150; k++) {
		bdb_run *run = run_number(k);
		int rc = bdb_store_put_run(s, run, 0, NULL, NULL, NULL);
		if (rc && !failed++)
			fprintf(stderr, "put %llu: %s\n", (unsigned long long)k, bdb_strerror(rc));
		bdb_run_free(run);
	}
	uint64_t readers = 0, errors = 0, seen = 0;
	for (int i = 0; i < 4; i++) {
		__atomic_store_n(&args[i].stop, 1, __ATOMIC_SEQ_CST);
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		readers += args[i].readers;
		errors += args[i].errors;
		seen = args[i].runs_seen > seen ? args[i].runs_seen : seen;
	}
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	fprintf(stderr,
		"# 150 puts, map %llu KiB (from %zu KiB); 4 reader threads: %llu readers, %llu "
		"failed\n",
		(unsigned long long)(st.map_size >> 10), SMALL_MAP >> 10,
		(unsigned long long)readers, (unsigned long long)errors);
	assert_int_equal(failed, 0);
	assert_int_equal(errors, 0);
	assert_int_equal(st.runs, 150);
	assert_true(st.map_size >= 8 * SMALL_MAP);
	assert_true(readers > 0);
	assert_true(seen <= 150);
	assert_verify_clean(s);
	bdb_store_close(s);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_readers_while_two_writers_grow_the_map),
	    cmocka_unit_test(test_reader_waits_for_another_thread_to_adopt_the_map),
	    cmocka_unit_test(test_write_waits_for_another_thread_to_adopt_the_map),
	    cmocka_unit_test(test_writer_grows_map_under_reader_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
