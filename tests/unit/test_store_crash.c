/*
 * test_store_crash.c - the engine across processes: a child ingesting (and
 * deleting) runs is killed with SIGKILL at random moments, 200 times, and
 * after each kill the store opens, verifies clean and holds every run whole
 * or not at all; then one writer ingests while four reader processes scan
 * series and check that every run they see is complete, and a backup taken
 * meanwhile verifies clean; and the reader slot of a process killed while
 * it held a reader is cleared when the store is next opened; and compact,
 * refused, leaves this process's lock on lock.mdb in place.
 *
 * No timing thresholds: durations only bound how long the processes work.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
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

#include <lmdb.h>

#include "engine.h"
#include "helpers/store_env.h"

/* A small deterministic generator (xorshift64*). */
static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The run a writer puts under id number k: its contents depend on k only. */
static bdb_run *run_number(uint64_t k)
{
	uint64_t h = k * UINT64_C(0x9E3779B97F4A7C15) + 1;
	char id[32], commit[32];
	snprintf(id, sizeof id, "k%06llu", (unsigned long long)k);
	snprintf(commit, sizeof commit, "%016llx", (unsigned long long)next_random(&h));
	size_t n_points = 3 + next_random(&h) % 12;
	int64_t ts = (int64_t)(next_random(&h) % 1000000) - 500000;
	return make_run(id, ts, commit, k % 2 ? "main" : "dev", n_points, (double)k);
}

/*
 * The run of the blocks test under number k ("b" ids): one series, its value
 * without a short decimal form (the XOR coding: chunks of about 1 KB, so
 * blocks of chunks after some 600 runs, docs/storage.md 2.8); every third
 * one goes back in time between two earlier runs (into a block, which
 * comes apart and is gathered again, with the small chunks the split
 * leaves: 64 at most a block).
 */
static bdb_run *run_block(uint64_t k)
{
	char id[32];
	snprintf(id, sizeof id, "b%06llu", (unsigned long long)k);
	bdb_run *run = bdb_run_new();
	assert_non_null(run);
	assert_int_equal(bdb_run_set_id(run, id), 0);
	run->timestamp_us = k % 3 == 2 ? (int64_t)(k / 3) * 1000 + 500 : (int64_t)k * 1000;
	bdb_point *p;
	assert_int_equal(bdb_run_add_point(run, "p", &p), 0);
	bdb_metric *m;
	assert_int_equal(bdb_point_add_metric(run, p, "m", (double)k / 7.0, &m), 0);
	return run;
}

/* The run an id names: run_block's for "b" ids, else run_number's. */
static bdb_run *run_of_id(const char *id)
{
	uint64_t k = strtoull(id + 1, NULL, 10);
	return id[0] == 'b' ? run_block(k) : run_number(k);
}

/*
 * Checks that run seq is whole: its FlatBuffer is the run its id names, and
 * every one of its metrics has its observation. Returns 0 when whole.
 */
static int check_run_whole(bdb_reader *r, uint64_t seq)
{
	bdb_run_info info;
	if (bdb_reader_run_info(r, seq, &info) != 0)
		return 1;
	bdb_run *want = run_of_id(info.id), *got = NULL;
	int bad = bdb_reader_run_decode(r, seq, &got) != 0 || !bdb_run_equal(want, got);
	uint64_t *ids = NULL;
	size_t n = 0;
	bad = bad || bdb_reader_run_series(r, seq, &ids, &n) != 0 || n != info.n_metrics;
	size_t at = 0;
	for (size_t p = 0; !bad && p < want->n_points; p++)
		for (size_t m = 0; !bad && m < want->points[p].n_metrics; m++, at++) {
			bdb_obs o;
			bad = at >= n || bdb_reader_obs_get(r, ids[at], seq, &o) != 0 ||
			      o.value != want->points[p].metrics[m].value;
		}
	bad = bad || at != n;
	free(ids);
	bdb_run_free(want);
	bdb_run_free(got);
	return bad;
}

/* What a forked child runs (it never returns); fd is its pipe to the test. */
typedef void (*child_fn)(const void *arg, int fd);

/* Forks a child running fn(arg, fd) and waits for the first byte it writes;
 * returns its pid and, in *out, the pipe's read end (the caller closes it). */
static pid_t fork_child(child_fn fn, const void *arg, int *out)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		fn(arg, fds[1]);
		_exit(0);
	}
	close(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 1);
	*out = fds[0];
	return pid;
}

/* Kills pid with SIGKILL and reaps it, asserting that the signal killed it. */
static void kill_and_reap(pid_t pid)
{
	int status;
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

typedef struct crash_arg {
	const char *dir;
	uint64_t first;
	bool blocks; /* run_block's runs, none deleted */
} crash_arg;

/* The child of the crash test: puts runs from number a->first on, deleting
 * the oldest to keep the store small, until it is killed. Writes a byte to
 * progress_fd once the store is open and after each put. */
static void crash_child(const void *arg, int progress_fd)
{
	const crash_arg *a = arg;
	const char *dir = a->dir;
	uint64_t first = a->first;
	bdb_store_options opt = {.initial_map_size = 64 << 10, .no_sync = true};
	bdb_store *s;
	if (bdb_store_open(dir, &opt, &s, NULL) != 0)
		_exit(3);
	if (write(progress_fd, "o", 1) != 1)
		_exit(4);
	for (uint64_t k = first;; k++) {
		bdb_run *run = a->blocks ? run_block(k) : run_number(k);
		if (bdb_store_put_run(s, run, 0, NULL, NULL, NULL) != 0)
			_exit(5);
		bdb_run_free(run);
		if (a->blocks) {
			if (write(progress_fd, "p", 1) != 1)
				_exit(8);
			continue;
		}
		bdb_reader *r;
		uint64_t n = 0, oldest = 0;
		if (bdb_reader_begin(s, &r) != 0)
			_exit(6);
		bdb_reader_count_runs(r, &n);
		bool drop = n > 10 && bdb_reader_latest(r, (uint32_t)n - 1, &oldest) == 0;
		bdb_reader_end(r);
		if (drop && bdb_store_delete_run(s, oldest) != 0)
			_exit(7);
		if (write(progress_fd, "p", 1) != 1)
			_exit(8);
	}
}

/* Kills a child putting runs (crash_child) `cycles` times, from run number
 * next_k on, and checks the store after each kill; returns the next run
 * number. */
static uint64_t kill_cycles(const char *dir, bool blocks, size_t cycles, uint64_t next_k)
{
	uint64_t rng = 0x5eed, max_seen = 0;
	size_t changed = 0;
	double put_ns = 2e6; /* a first guess: 2 ms */
	time_t started = time(NULL);
	for (size_t cycle = 0; cycle < cycles; cycle++) {
		int progress;
		crash_arg arg = {dir, next_k, blocks};
		pid_t pid = fork_child(crash_child, &arg, &progress);
		char c;
		/*
		 * Let 0 to 2 puts finish, then kill at a random moment within the
		 * usual length of one put (measured as we go, so that the kills
		 * land inside puts on fast and on sanitized builds alike).
		 */
		for (uint64_t m = next_random(&rng) % 3; m > 0; m--) {
			double t0 = now_ns();
			assert_int_equal(read(progress, &c, 1), 1);
			put_ns = 0.8 * put_ns + 0.2 * (now_ns() - t0);
		}
		struct timespec pause = {0,
					 (long)(next_random(&rng) % (uint64_t)(1.5 * put_ns + 1))};
		nanosleep(&pause, NULL);
		kill_and_reap(pid);
		close(progress);

		bdb_store *s = open_store(dir, 64 << 10);
		assert_verify_clean(s);
		bdb_reader *r;
		assert_int_equal(bdb_reader_begin(s, &r), 0);
		bdb_run_info *list;
		size_t n;
		assert_int_equal(bdb_reader_list_runs(r, NULL, 0, &list, &n), 0);
		uint64_t top = next_k;
		for (size_t i = 0; i < n; i++) {
			if (check_run_whole(r, list[i].seq))
				fail_msg("cycle %zu: run %s (seq %llu) is not whole", cycle,
					 list[i].id, (unsigned long long)list[i].seq);
			uint64_t k = strtoull(list[i].id + 1, NULL, 10);
			if (k + 1 > top)
				top = k + 1;
		}
		free(list);
		bdb_reader_end(r);
		bdb_store_close(s);
		if (top > max_seen)
			changed++;
		max_seen = top > max_seen ? top : max_seen;
		/* The next child goes on after the last run that made it. */
		next_k = top;
	}
	fprintf(stderr,
		"# (%ld s) %zu kills; %llu runs ingested in all; the store changed in %zu "
		"cycles\n",
		(long)(time(NULL) - started), cycles, (unsigned long long)next_k, changed);
	return next_k;
}

static void test_sigkill_200_times(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	uint64_t next_k = kill_cycles(dir, false, 200, 0);
	assert_true(next_k > 50); /* the children did ingest (and delete) */
	remove_tree(dir);
	free(dir);
}

/*
 * The same over a series whose sealed chunks are blocks: the children's
 * runs go back in time into blocks (taking them apart) and forward
 * (gathering them again), killed 60 times: every kill leaves a store that
 * verifies clean with every run whole.
 */
static void test_sigkill_blocks(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	bdb_store *s = open_store(dir, 64 << 10);
	enum { FIRST = 900 };
	for (uint64_t k = 0; k < FIRST; k++) {
		bdb_run *run = run_block(k);
		put_ok(s, run, 0, BDB_PUT_STORED);
		bdb_run_free(run);
	}
	bdb_store_close(s);
	assert_true(chunk_values(dir, true) >= 1);
	uint64_t next_k = kill_cycles(dir, true, 60, FIRST);
	assert_true(next_k > FIRST + 20);
	assert_true(chunk_values(dir, true) >= 1);
	remove_tree(dir);
	free(dir);
}

/* Writer: puts runs for about `seconds`, then exits 0. */
static void concurrent_writer(const char *dir, double seconds)
{
	bdb_store_options opt = {.initial_map_size = 256 << 10, .no_sync = true};
	bdb_store *s;
	if (bdb_store_open(dir, &opt, &s, NULL) != 0)
		_exit(3);
	time_t end = time(NULL) + (time_t)seconds;
	for (uint64_t k = 1000000; time(NULL) < end; k++) {
		bdb_run *run = run_number(k);
		if (bdb_store_put_run(s, run, 0, NULL, NULL, NULL) != 0)
			_exit(5);
		bdb_run_free(run);
	}
	bdb_store_close(s);
	_exit(0);
}

/*
 * Reader: for about `seconds`, scans series of "m:time" backwards and checks
 * each run an observation names is whole in the same snapshot; also checks
 * the latest run. Exits 0 when every check passed and it saw runs.
 */
static void concurrent_reader(const char *dir, double seconds, uint64_t seed, int report_fd)
{
	bdb_store_options opt = {.read_only = true};
	bdb_store *s = NULL;
	time_t end = time(NULL) + (time_t)seconds;
	/* The writer creates the store; wait until it is there. */
	while (bdb_store_open(dir, &opt, &s, NULL) != 0) {
		if (time(NULL) > end + 5)
			_exit(3);
		usleep(1000);
	}
	uint64_t checked = 0;
	while (time(NULL) < end) {
		bdb_reader *r;
		if (bdb_reader_begin(s, &r) != 0)
			_exit(4);
		uint64_t latest;
		if (bdb_reader_latest(r, 0, &latest) == 0) {
			if (check_run_whole(r, latest))
				_exit(5);
			checked++;
		}
		const char *term = "m:time";
		uint64_t *ids;
		size_t n;
		if (bdb_reader_series_match(r, &term, 1, &ids, &n) != 0)
			_exit(6);
		if (n > 0) {
			uint64_t id = ids[next_random(&seed) % n];
			bdb_obs_iter *it;
			if (bdb_obs_iter_open(r, id, INT64_MIN, INT64_MAX, true, &it) != 0)
				_exit(7);
			bdb_obs o;
			int rc, seen = 0;
			while ((rc = bdb_obs_iter_next(it, &o)) == 1 && seen < 3) {
				if (check_run_whole(r, o.run_seq))
					_exit(8);
				seen++;
				checked++;
			}
			if (rc < 0)
				_exit(9);
			bdb_obs_iter_close(it);
		}
		free(ids);
		bdb_reader_end(r);
	}
	bdb_store_close(s);
	if (write(report_fd, &checked, sizeof checked) != sizeof checked)
		_exit(10);
	_exit(0);
}

static void test_one_writer_four_readers(void **state)
{
	(void)state;
	char *dir = make_temp_dir();
	double seconds = 3;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pids[5];
	for (int i = 0; i < 5; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(fds[0]);
			if (i == 0)
				concurrent_writer(dir, seconds);
			concurrent_reader(dir, seconds, (uint64_t)i * 7919 + 1, fds[1]);
		}
	}
	close(fds[1]);
	/* Meanwhile, a backup of the live store. */
	char *backup_parent = make_temp_dir();
	char backup[4200];
	snprintf(backup, sizeof backup, "%s/copy", backup_parent);
	sleep(1);
	bdb_store *live;
	bdb_store_options opt = {.no_create = true};
	while (bdb_store_open(dir, &opt, &live, NULL) != 0)
		usleep(1000);
	bdb_diag d;
	assert_int_equal(bdb_store_backup(live, backup, &d), 0);
	bdb_store_close(live);
	for (int i = 0; i < 5; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fail_msg("process %d (%s) failed: status %d", i, i ? "reader" : "writer",
				 status);
	}
	uint64_t total = 0, checked;
	int readers = 0;
	while (read(fds[0], &checked, sizeof checked) == sizeof checked) {
		assert_true(checked > 0);
		total += checked;
		readers++;
	}
	close(fds[0]);
	assert_int_equal(readers, 4);
	bdb_store *s = open_store(dir, 0);
	assert_verify_clean(s);
	struct bdb_store_stats st;
	assert_int_equal(bdb_store_stats(s, &st), 0);
	fprintf(stderr, "# writer stored %llu runs; readers checked %llu runs whole\n",
		(unsigned long long)st.runs, (unsigned long long)total);
	bdb_store_close(s);
	/* The backup taken under load is a clean store of its own. */
	s = open_store(backup, 0);
	assert_verify_clean(s);
	bdb_store_close(s);
	remove_tree(backup_parent);
	free(backup_parent);
	remove_tree(dir);
	free(dir);
}

/* Counts the lines of mdb_reader_list naming the pid in ctx. */
typedef struct slot_count {
	long pid;
	size_t n;
} slot_count;

static int count_slot(const char *line, void *ctx)
{
	slot_count *c = ctx;
	long pid;
	/* Lines are "pid thread txnid"; the header and "(no active readers)"
	 * do not start with a number. */
	if (sscanf(line, "%ld", &pid) == 1 && pid == c->pid)
		c->n++;
	return 0;
}

/* The reader slots of process pid in the lock table of store dir, read with
 * LMDB directly (an environment opened, listed and closed: no slot of ours). */
static size_t reader_slots_of(const char *dir, pid_t pid)
{
	MDB_env *env;
	assert_int_equal(mdb_env_create(&env), 0);
	mdb_env_set_maxdbs(env, 32);
	assert_int_equal(mdb_env_open(env, dir, MDB_RDONLY, 0666), 0);
	slot_count c = {(long)pid, 0};
	assert_true(mdb_reader_list(env, count_slot, &c) >= 0);
	mdb_env_close(env);
	return c.n;
}

typedef struct hold_arg {
	const char *dir;
	bool with_reader;
	const int *hold; /* a pipe whose write end only the test process keeps */
} hold_arg;

/*
 * A child that opens the store, begins a reader when a->with_reader, says
 * so on ready and waits: until killed, or until the test process goes away
 * (end of file on a->hold), so that a failing test leaves no child behind.
 */
static void hold_store(const void *arg, int ready)
{
	const hold_arg *a = arg;
	close(a->hold[1]);
	bdb_store *s;
	bdb_reader *r;
	if (bdb_store_open(a->dir, NULL, &s, NULL) != 0)
		_exit(3);
	if (a->with_reader && bdb_reader_begin(s, &r) != 0)
		_exit(4);
	if (write(ready, "h", 1) != 1)
		_exit(5);
	char c;
	while (read(a->hold[0], &c, 1) != 0)
		;
	_exit(0);
}

static pid_t spawn_holder(const char *dir, bool with_reader, const int hold[2])
{
	hold_arg arg = {dir, with_reader, hold};
	int ready;
	pid_t pid = fork_child(hold_store, &arg, &ready);
	close(ready);
	return pid;
}

/*
 * A process killed while it holds a reader leaves its slot in lock.mdb (and
 * the snapshot it pins) for as long as another process keeps the store open:
 * bdb_store_open clears such stale slots (mdb_reader_check).
 */
/* A store in a new temporary directory (*dir) holding run number 1. */
static bdb_store *store_of_one_run(char **dir)
{
	*dir = make_temp_dir();
	bdb_store *s = open_store(*dir, 0);
	bdb_run *run = run_number(1);
	put_ok(s, run, 0, BDB_PUT_STORED);
	bdb_run_free(run);
	return s;
}

static void test_stale_reader_slot_cleared_at_open(void **state)
{
	(void)state;
	char *dir;
	bdb_store_close(store_of_one_run(&dir));
	/* The holder keeps the lock table alive (the first process to open a
	 * store alone resets it). */
	int hold[2];
	assert_int_equal(pipe(hold), 0);
	pid_t holder = spawn_holder(dir, false, hold);
	pid_t dead = spawn_holder(dir, true, hold);
	assert_int_equal(reader_slots_of(dir, dead), 1);
	kill_and_reap(dead);
	assert_int_equal(reader_slots_of(dir, dead), 1); /* stale */
	bdb_store_close(open_store(dir, 0));
	assert_int_equal(reader_slots_of(dir, dead), 0);
	kill_and_reap(holder);
	close(hold[0]);
	close(hold[1]);
	remove_tree(dir);
	free(dir);
}

/* A child holding LMDB's writer mutex of the store at a->dir (raw LMDB: a
 * write transaction begun, nothing written) until killed or the test goes. */
static void hold_writer(const void *arg, int ready)
{
	const hold_arg *a = arg;
	close(a->hold[1]);
	MDB_env *env;
	MDB_txn *txn;
	if (mdb_env_create(&env) || mdb_env_set_maxdbs(env, 32) ||
	    mdb_env_open(env, a->dir, 0, 0666) || mdb_txn_begin(env, NULL, 0, &txn))
		_exit(3);
	if (write(ready, "w", 1) != 1)
		_exit(5);
	char c;
	while (read(a->hold[0], &c, 1) != 0)
		;
	_exit(0);
}

/*
 * Who holds a POSIX lock on the first byte of dir/lock.mdb, seen from
 * another process (LMDB's "in use" lock: every process with the store open
 * holds one): that process's pid, or 0.
 */
static long lock_holder(const char *dir)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char path[4200];
		snprintf(path, sizeof path, "%s/lock.mdb", dir);
		int fd = open(path, O_RDONLY);
		struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0,
				   .l_len = 1};
		long who = fd >= 0 && fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK
			       ? (long)lk.l_pid
			       : 0;
		_exit(write(fds[1], &who, sizeof who) == sizeof who ? 0 : 1);
	}
	close(fds[1]);
	long who = -1;
	assert_int_equal(read(fds[0], &who, sizeof who), sizeof who);
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return who;
}

/*
 * compact read the writer mutex's owner through a descriptor of lock.mdb
 * it opened and closed: closing dropped every POSIX lock this process held
 * on the file, LMDB's "in use" lock among them. A process opening the
 * store next then took itself for the first and initialised the lock file
 * again under the others (seen: a concurrent ingest or compact dying of
 * SIGSEGV in pthread_mutex_lock, LMDB assertions). Here compact is refused
 * (another process holds the writer mutex); once that process is gone,
 * this one must still hold its lock.
 */
static void test_compact_keeps_the_lock(void **state)
{
	(void)state;
	char *dir;
	bdb_store *s = store_of_one_run(&dir);
	assert_int_equal(lock_holder(dir), (long)getpid());
	int hold[2];
	assert_int_equal(pipe(hold), 0);
	hold_arg arg = {dir, false, hold};
	int ready;
	pid_t writer = fork_child(hold_writer, &arg, &ready);
	close(ready);
	uint64_t before, after;
	bdb_diag d;
	assert_int_equal(bdb_store_compact(s, &before, &after, &d), BDB_EBUSY);
	kill_and_reap(writer);
	assert_int_equal(lock_holder(dir), (long)getpid());
	bdb_store_close(s);
	assert_int_equal(lock_holder(dir), 0);
	close(hold[0]);
	close(hold[1]);
	remove_tree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sigkill_200_times),
	    cmocka_unit_test(test_sigkill_blocks),
	    cmocka_unit_test(test_one_writer_four_readers),
	    cmocka_unit_test(test_stale_reader_slot_cleared_at_open),
	    cmocka_unit_test(test_compact_keeps_the_lock),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
