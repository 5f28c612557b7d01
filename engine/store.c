/*
 * store.c - the LMDB environment: open and close, the named databases,
 * read transactions kept for reuse, write transactions that grow the map on
 * MDB_MAP_FULL and retry, and the meta counters.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_MAP_SIZE ((size_t)64 << 20)
/* Reader slots: one per open read transaction (kept ones included) of any
 * process. 4,096 slots make lock.mdb 256 KiB. */
#define MAX_READERS 4096
/* What lock.mdb needs for MAX_READERS slots: 64 bytes a slot and a header
 * of at most 256 (LMDB's MDB_txninfo, two cache lines on x86-64). */
#define LOCK_FILE_SIZE ((off_t)MAX_READERS * 64 + 256)
/* How long a transaction waits for this process's readers to end so that a
 * map grown by another process can be adopted. */
#define ADOPT_WAIT_SECONDS 30

int bdb__mdb_error(int rc)
{
	switch (rc) {
	case 0:
		return 0;
	case MDB_NOTFOUND:
		return BDB_ENOTFOUND;
	case MDB_KEYEXIST:
		return BDB_EEXISTS;
	case MDB_MAP_FULL:
		return BDB_EMAPFULL;
	case MDB_CORRUPTED:
	case MDB_PAGE_NOTFOUND:
	case MDB_INVALID:
	case MDB_BAD_DBI:
	case MDB_INCOMPATIBLE:
		return BDB_ECORRUPT;
	case MDB_VERSION_MISMATCH:
		return BDB_EVERSION;
	case MDB_READERS_FULL:
		return BDB_EREADERS;
	case ENOMEM:
		return BDB_ENOMEM;
	case EACCES:
	case EROFS:
	case EPERM: /* an immutable file (chattr +i), which root may not write either */
		return BDB_EREADONLY;
	case EIO:
	case ENOSPC:
		return BDB_EIO;
	case ENOENT:
		return BDB_ENOTFOUND;
	default:
		return BDB_ESTORE;
	}
}

const char *bdb_store_notice(const bdb_store *store)
{
	return store->notice[0] ? store->notice : NULL;
}

const char *bdb_store_path(const bdb_store *store)
{
	return store->path;
}

const char *bdb_store_write_error(const bdb_store *store, int rc)
{
	return store->last_write_error ? mdb_strerror(store->last_write_error) : bdb_strerror(rc);
}

int bdb_store_version(bdb_store *store, uint64_t *txn_id, uint64_t *file_id)
{
	MDB_txn *txn;
	int rc = bdb__read_begin(store, &txn);
	if (rc)
		return rc;
	*txn_id = (uint64_t)mdb_txn_id(txn);
	mdb_filehandle_t fd;
	struct stat st;
	*file_id = mdb_env_get_fd(store->env, &fd) == 0 && fstat(fd, &st) == 0 ? (uint64_t)st.st_ino
									     : 0;
	bdb__read_end(store, txn);
	return 0;
}

/*
 * Whether lock.mdb is still the file this process opened. A lock file that
 * was deleted (or replaced) while the store was open no longer coordinates
 * this process with the others: each would have its own writer mutex and
 * reader table, and they would overwrite each other's pages.
 */
static int check_lock_file(bdb_store *s)
{
	if (!s->lock_ino)
		return 0;
	struct stat st;
	if (stat(s->lock_path, &st) != 0 || st.st_ino != s->lock_ino || st.st_dev != s->lock_dev)
		return BDB_ELOCKGONE;
	return 0;
}

/* ---- the compaction gate (docs/storage.md 2.13.1) ---- */

int bdb__gate_lock(const char *dir, int how)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/compact.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1; /* a directory we may not write: nobody compacts it */
	/* An opener (exclusive) first says it waits, with a POSIX lock on
	 * the file's first byte, so that readers without lock.mdb, who hold
	 * the gate shared while they read, begin no new read meanwhile
	 * (no_lock_enter): they cannot keep it waiting for ever. */
	struct flock intent = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	if (how == LOCK_EX)
		while (fcntl(fd, F_SETLKW, &intent) != 0 && errno == EINTR)
			;
	while (flock(fd, how) != 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

void bdb__gate_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

/* True when compact replaced lock.mdb: the gate file names the lock file
 * that is there now ("lock DEV INO"). */
static bool replaced_by_compact(const bdb_store *s, int gate)
{
	char text[96] = "";
	struct stat st;
	unsigned long long dev, ino;
	ssize_t n = gate >= 0 ? pread(gate, text, sizeof text - 1, 0) : -1;
	if (n <= 0 || sscanf(text, "lock %llu %llu", &dev, &ino) != 2 ||
	    stat(s->lock_path, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static unsigned db_flags(int db);
static void close_store(bdb_store *store);
static int wait_idle(bdb_store *s);
static void drop_spares(bdb_store *s);

/*
 * lock.mdb was replaced (s->lock held): when compact did it, this process
 * closes its environment (the old data.mdb it maps) once its transactions
 * have ended and opens the new files; otherwise BDB_ELOCKGONE as before.
 */
static int adopt_compacted(bdb_store *s)
{
	int rc = wait_idle(s);
	if (rc)
		return rc;
	drop_spares(s);
	int gate = bdb__gate_lock(s->path, LOCK_SH);
	if (!replaced_by_compact(s, gate)) {
		bdb__gate_unlock(gate);
		return BDB_ELOCKGONE;
	}
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	mdb_env_close(s->env);
	s->env = NULL;
	if (s->lock_fd >= 0)
		close(s->lock_fd); /* the old lock file's: nothing of ours uses it now */
	s->lock_fd = -1;
	MDB_txn *txn = NULL;
	rc = mdb_env_create(&s->env);
	if (!rc) {
		mdb_env_set_maxdbs(s->env, BDB__DB_COUNT + 2);
		mdb_env_set_maxreaders(s->env, s->max_readers);
		mdb_env_set_mapsize(s->env, info.me_mapsize);
		rc = mdb_env_open(s->env, s->path, s->env_flags, 0666);
	}
	struct stat st;
	if (!rc && stat(s->lock_path, &st) == 0) {
		s->lock_ino = st.st_ino;
		s->lock_dev = st.st_dev;
		s->lock_fd = open(s->lock_path, O_RDONLY | O_CLOEXEC);
	}
	if (!rc)
		rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
	for (int i = 0; i < BDB__DB_COUNT && !rc; i++)
		rc = bdb__dbi_open(s, txn, i, db_flags(i));
	if (txn && !rc)
		rc = mdb_txn_commit(txn);
	else if (txn)
		mdb_txn_abort(txn);
	s->checked_txn = 0;
	bdb__gate_unlock(gate);
	return rc ? BDB_ELOCKGONE : 0;
}

/*
 * A store read without lock.mdb (MDB_NOLOCK: the file is not writable
 * here, a read-only mount or another user's store) registers no reader, so
 * a writer in another process may reuse the pages it reads: LMDB then
 * follows garbage (seen: SIGSEGV, assertions, "the store is damaged").
 * Every process that has the store open through LMDB holds a lock on
 * lock.mdb's first byte, which F_GETLK sees from a read-only descriptor:
 * while there is one, reading is refused (BDB_EINUSE; *pid is that process).
 */
static int check_no_lock(const bdb_store *s, long *pid)
{
	if (!s->no_lock)
		return 0;
	int fd = open(s->lock_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0; /* no lock file: nobody has the store open */
	struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	int rc = fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type != F_UNLCK ? BDB_EINUSE : 0;
	if (rc && pid)
		*pid = (long)lk.l_pid;
	/* Closing it drops no lock of ours: without lock.mdb this process
	 * holds none on it (compact.c's writer_pid, which does, reads
	 * through s->lock_fd instead). */
	close(fd);
	return rc;
}

/* Whether a process waits to open the store (bdb__gate_lock's intent). */
static bool opener_waits(int gate_fd)
{
	struct flock intent = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	return fcntl(gate_fd, F_GETLK, &intent) == 0 && intent.l_type != F_UNLCK;
}

/*
 * Begins a read of a store opened without lock.mdb (s->lock held; nothing
 * to do for others). No process may have the store open (check_no_lock),
 * and none may open it until the read ends: the first read of this process
 * holds the compaction gate shared (bdb__gate_lock), which every opener,
 * and compact, take exclusively. BDB_EINUSE when another process has it.
 */
static int no_lock_enter(bdb_store *s)
{
	if (!s->no_lock)
		return 0;
	/* Reads of this process overlapping for ever (a server's) must not
	 * keep an opener waiting either. */
	if (s->no_lock_reads > 0) {
		if (s->no_lock_gate >= 0 && opener_waits(s->no_lock_gate))
			return BDB_EINUSE;
		s->no_lock_reads++;
		return 0;
	}
	s->no_lock_reads++;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/compact.lock", s->path);
	/* (Never blocking: a FIFO of that name hung the process in open.) */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	int rc = 0;
	/* An opener waiting (bdb__gate_lock) or opening: refused, not waited for. */
	if (fd >= 0 && (opener_waits(fd) || flock(fd, LOCK_SH | LOCK_NB) != 0))
		rc = BDB_EINUSE;
	if (!rc)
		rc = check_no_lock(s, NULL);
	if (rc) {
		if (fd >= 0)
			close(fd);
		s->no_lock_reads--;
		return rc;
	}
	s->no_lock_gate = fd;
	return 0;
}

/* Ends what no_lock_enter began (s->lock held). */
static void no_lock_leave(bdb_store *s)
{
	if (s->no_lock && --s->no_lock_reads == 0) {
		bdb__gate_unlock(s->no_lock_gate);
		s->no_lock_gate = -1;
	}
}

/* check_lock_file, adopting a compacted store (s->lock held). */
static int check_or_adopt(bdb_store *s)
{
	int rc = check_lock_file(s);
	return rc == BDB_ELOCKGONE ? adopt_compacted(s) : rc;
}

static void lock_problem(bdb_problem_fn report, void *ctx, size_t *count, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void lock_problem(bdb_problem_fn report, void *ctx, size_t *count, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bdb__report_problem(report, ctx, count, fmt, ap);
	va_end(ap);
}

void bdb_store_check_lock_users(bdb_store *s, bdb_problem_fn report, void *ctx, size_t *count)
{
	char dir[PATH_MAX], want[PATH_MAX + 16];
	struct stat cur;
	if (!realpath(s->path, dir) || stat(s->lock_path, &cur) != 0)
		return;
	/* Replaced by compact: the processes using the old lock file open the
	 * new one at their next transaction, before they write. */
	char gate_path[PATH_MAX + 16];
	snprintf(gate_path, sizeof gate_path, "%s/compact.lock", s->path);
	int gate = open(gate_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	bool compacted = replaced_by_compact(s, gate);
	if (gate >= 0)
		close(gate);
	if (compacted)
		return;
	int n = snprintf(want, sizeof want, "%s/lock.mdb", dir);
	DIR *proc = opendir("/proc");
	struct dirent *pe;
	while (proc && (pe = readdir(proc)) != NULL) {
		char *end;
		long pid = strtol(pe->d_name, &end, 10);
		if (*end || pid <= 0 || pid == (long)getpid())
			continue;
		char fd_dir[64];
		snprintf(fd_dir, sizeof fd_dir, "/proc/%ld/fd", pid);
		DIR *fds = opendir(fd_dir);
		struct dirent *fe;
		while (fds && (fe = readdir(fds)) != NULL) {
			char link[384], target[PATH_MAX + 16];
			struct stat st;
			snprintf(link, sizeof link, "%s/%s", fd_dir, fe->d_name);
			ssize_t len = readlink(link, target, sizeof target - 1);
			if (len < n || strncmp(target, want, (size_t)n) != 0 ||
			    (len > n && strncmp(target + n, " (deleted)", (size_t)len - n) != 0))
				continue;
			if (stat(link, &st) == 0 &&
			    (st.st_ino != cur.st_ino || st.st_dev != cur.st_dev)) {
				lock_problem(
				    report, ctx, count,
				    "process %ld still uses a lock.mdb of this store that was "
				    "deleted or replaced: it no longer coordinates with the "
				    "others; "
				    "stop it",
				    pid);
				break;
			}
		}
		if (fds)
			closedir(fds);
	}
	if (proc)
		closedir(proc);
}

/*
 * Waits (s->lock held) until no transaction of this process is active;
 * BDB_EBUSY after ADOPT_WAIT_SECONDS. Meanwhile no new transaction of the
 * process begins (s->remapping: they wait in wait_no_remap), so that a
 * stream of short readers, as a server's, cannot starve the map change.
 */
static int wait_idle(bdb_store *s)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ADOPT_WAIT_SECONDS;
	int rc = 0;
	s->remapping++;
	while (s->active_readers > 0 || s->writing)
		if (pthread_cond_timedwait(&s->idle, &s->lock, &until) != 0 &&
		    (s->active_readers > 0 || s->writing)) {
			rc = BDB_EBUSY;
			break;
		}
	s->remapping--;
	/* The transactions held back begin once the caller, which keeps
	 * s->lock while it remaps, lets go of it. */
	pthread_cond_broadcast(&s->idle);
	return rc;
}

/* Waits (s->lock held) while another thread waits to change the map. */
static void wait_no_remap(bdb_store *s)
{
	while (s->remapping > 0)
		pthread_cond_wait(&s->idle, &s->lock);
}

/* Drops the kept read transactions (s->lock held): their reader slots are
 * freed, and a map change needs none of them open. */
static void drop_spares(bdb_store *s)
{
	for (int i = 0; i < s->n_spare; i++)
		mdb_txn_abort(s->spare[i]);
	s->n_spare = 0;
}

/*
 * Adopts a map size grown by another process (s->lock held): LMDB remaps
 * only with no transaction of this process active, so it waits for them to
 * end first.
 */
static int adopt_map_size(bdb_store *s)
{
	int rc = wait_idle(s);
	if (rc)
		return rc;
	drop_spares(s);
	return bdb__mdb_error(mdb_env_set_mapsize(s->env, 0));
}

/*
 * Begins a read transaction (s->lock held), adopting a map grown by another
 * process (MDB_MAP_RESIZED) and clearing the slots of dead processes when
 * every reader slot is taken (MDB_READERS_FULL). A BDB_E* code on failure.
 * Write transactions begin in begin_write, without s->lock.
 */
static int begin_read(bdb_store *s, MDB_txn **txn)
{
	int rc = check_or_adopt(s);
	if (rc)
		return rc;
	bool cleared = false;
	for (;;) {
		rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, txn);
		if (rc == MDB_MAP_RESIZED) {
			rc = adopt_map_size(s);
			if (rc)
				return rc;
			continue;
		}
		if (rc == MDB_READERS_FULL && !cleared) {
			int dead = 0;
			drop_spares(s);
			mdb_reader_check(s->env, &dead);
			cleared = true;
			continue;
		}
		return bdb__mdb_error(rc);
	}
}

int bdb__read_begin(bdb_store *s, MDB_txn **out)
{
	int rc = 0;
	MDB_txn *txn = NULL;
	pthread_mutex_lock(&s->lock);
	wait_no_remap(s);
	rc = no_lock_enter(s);
	if (rc) {
		pthread_mutex_unlock(&s->lock);
		return rc;
	}
	if (s->n_spare > 0) {
		rc = check_lock_file(s);
		txn = s->spare[--s->n_spare];
		if (!rc)
			rc = mdb_txn_renew(txn);
		if (rc) {
			mdb_txn_abort(txn);
			txn = NULL;
		}
	}
	rc = txn ? 0 : begin_read(s, &txn);
	if (!rc)
		s->active_readers++;
	else
		no_lock_leave(s);
	pthread_mutex_unlock(&s->lock);
	if (rc)
		return rc;
	*out = txn;
	return 0;
}

void bdb__read_end(bdb_store *s, MDB_txn *txn)
{
	if (!txn)
		return;
	pthread_mutex_lock(&s->lock);
	no_lock_leave(s);
	if (--s->active_readers == 0)
		pthread_cond_broadcast(&s->idle);
	if (s->n_spare < BDB__SPARE_TXNS) {
		mdb_txn_reset(txn);
		s->spare[s->n_spare++] = txn;
	} else {
		mdb_txn_abort(txn);
	}
	pthread_mutex_unlock(&s->lock);
}

void bdb_store_release_readers(bdb_store *store)
{
	pthread_mutex_lock(&store->lock);
	drop_spares(store);
	pthread_mutex_unlock(&store->lock);
}

/* Doubles the map once this process's transactions have ended. BDB_EMAPFULL
 * when it cannot grow. */
static int grow_map(bdb_store *s)
{
	MDB_envinfo info;
	pthread_mutex_lock(&s->lock);
	int rc = wait_idle(s);
	if (!rc) {
		drop_spares(s);
		mdb_env_info(s->env, &info);
		size_t size = info.me_mapsize;
		rc = size <= SIZE_MAX / 2 && mdb_env_set_mapsize(s->env, size * 2) == 0
			 ? 0
			 : BDB_EMAPFULL;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/*
 * LMDB reports a short write as EIO. On a full disk a write is cut short
 * (the file system wrote what fit) rather than refused: when the store's
 * file system has less than a few pages left after an EIO, the disk was full.
 */
static int disk_error(const bdb_store *s, int mdb_rc)
{
	struct statvfs fs;
	if (mdb_rc == EIO && statvfs(s->path, &fs) == 0 &&
	    (uint64_t)fs.f_bavail * fs.f_frsize < ((uint64_t)64 << 10))
		return ENOSPC;
	return mdb_rc;
}

/* Marks this process's write transaction as begun or ended (a map change
 * waits for it). */
static void set_writing(bdb_store *s, bool writing)
{
	pthread_mutex_lock(&s->lock);
	s->writing = writing;
	if (!writing)
		pthread_cond_broadcast(&s->idle);
	pthread_mutex_unlock(&s->lock);
}

/*
 * Begins a write transaction. s->lock is not held while LMDB waits for the
 * writer mutex (another process may hold it for long), so readers of this
 * process begin meanwhile.
 */
static int begin_write(bdb_store *s, MDB_txn **txn)
{
	for (;;) {
		pthread_mutex_lock(&s->lock);
		wait_no_remap(s);
		int rc = check_or_adopt(s);
		if (!rc)
			s->writing = true;
		pthread_mutex_unlock(&s->lock);
		if (rc)
			return rc;
		rc = mdb_txn_begin(s->env, NULL, 0, txn);
		if (!rc) {
			/* Compact may have swapped the files while LMDB waited for
			 * the writer mutex of the old ones: nothing may be written
			 * to those. */
			pthread_mutex_lock(&s->lock);
			rc = check_lock_file(s);
			pthread_mutex_unlock(&s->lock);
			if (!rc)
				return 0;
			mdb_txn_abort(*txn);
			set_writing(s, false);
			continue;
		}
		set_writing(s, false);
		if (rc != MDB_MAP_RESIZED) {
			s->last_write_error = rc;
			return bdb__mdb_error(rc);
		}
		pthread_mutex_lock(&s->lock);
		rc = adopt_map_size(s);
		pthread_mutex_unlock(&s->lock);
		if (rc)
			return rc;
	}
}

/* Deletes meta "unfinished" in txn (another writer may have done so). */
static int finish_creation(bdb_store *s, MDB_txn *txn)
{
	MDB_val k = {10, "unfinished"};
	int rc = mdb_del(txn, s->dbi[BDB__DB_META], &k, NULL);
	return rc == MDB_NOTFOUND ? 0 : bdb__mdb_error(rc);
}

int bdb__write(bdb_store *s, bdb__write_fn fn, void *ctx)
{
	if (s->read_only)
		return BDB_EREADONLY;
	/* One write transaction of this process at a time. */
	pthread_mutex_lock(&s->write_lock);
	int rc;
	for (;;) {
		MDB_txn *txn;
		s->last_write_error = 0;
		rc = begin_write(s, &txn);
		if (rc)
			break;
		bdb_buf_reset(&s->touched);
		s->touched.failed = false;
		rc = fn(s, txn, ctx);
		/* The touched series' change records, in this transaction. */
		if (rc == 0)
			rc = bdb__after_write(s, txn);
		/* The first write of a new store finishes its creation. */
		if (rc == 0 && s->unfinished)
			rc = finish_creation(s, txn);
		bdb_buf_reset(&s->touched);
		if (rc > 0) {
			/* Nothing to write after all. */
			mdb_txn_abort(txn);
			rc = 0;
		} else if (rc == 0) {
			int mrc = mdb_txn_commit(txn);
			if (mrc)
				s->last_write_error = disk_error(s, mrc);
			rc = bdb__mdb_error(s->last_write_error);
			if (rc == 0)
				s->unfinished = 0;
		} else {
			mdb_txn_abort(txn);
		}
		set_writing(s, false);
		if (rc != BDB_EMAPFULL)
			break;
		rc = grow_map(s);
		if (rc)
			break;
	}
	pthread_mutex_unlock(&s->write_lock);
	return rc;
}

int bdb__meta_get_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t dflt, uint64_t *out)
{
	MDB_val k = {strlen(name), (void *)name}, v;
	int rc = mdb_get(txn, s->dbi[BDB__DB_META], &k, &v);
	if (rc == MDB_NOTFOUND) {
		*out = dflt;
		return 0;
	}
	if (rc)
		return bdb__mdb_error(rc);
	if (v.mv_size != 8)
		return BDB_ECORRUPT;
	*out = bdb__get_be64(v.mv_data);
	return 0;
}

int bdb__meta_put_u64(bdb_store *s, MDB_txn *txn, const char *name, uint64_t value)
{
	uint8_t b[8];
	bdb__put_be64(b, value);
	MDB_val k = {strlen(name), (void *)name}, v = {8, b};
	return bdb__mdb_error(mdb_put(txn, s->dbi[BDB__DB_META], &k, &v, 0));
}

static unsigned db_flags(int db)
{
	switch (db) {
	case BDB__DB_COMMITS:
	case BDB__DB_POSTINGS:
		return MDB_DUPSORT | MDB_DUPFIXED;
	default:
		return 0;
	}
}

/* A bdb_problem_fn keeping the first problem in ctx (char[400]). */
static void keep_first_problem(void *ctx, const char *problem)
{
	char *first = ctx;
	if (!first[0])
		snprintf(first, 400, "%s", problem);
}

/*
 * Opens every named database and checks the format version, in a read
 * transaction: opening never waits for a writer. Returns 1 when the store
 * must be written first (new, or a named database missing) and is writable;
 * open_databases_create then creates them (and writes the version).
 */
/* open_databases_in's answer for a store of an older format opened
 * read-only: bdb_store_open upgrades it first with write access. */
#define NEEDS_UPGRADE 2

static int open_databases_in(bdb_store *s, MDB_txn *txn, bool create, bdb_diag *d)
{
	/* The pages read below first, with pread: a damaged one would crash LMDB. */
	char damage[400] = "";
	size_t n_damaged = 0;
	int rc = bdb__check_pages(s, txn, BDB__CHECK_ROOTS, keep_first_problem, damage, &n_damaged);
	if (!rc && n_damaged)
		return bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
				    "the store is damaged: %s; restore a backup", damage);
	MDB_dbi main_dbi;
	MDB_stat st;
	rc = mdb_dbi_open(txn, NULL, 0, &main_dbi);
	if (!rc)
		rc = mdb_stat(txn, main_dbi, &st);
	if (rc)
		return bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				    "cannot read the store: %s", mdb_strerror(rc));
	bool fresh = st.ms_entries == 0;
	if (!fresh) {
		MDB_val k = {4, "meta"}, v;
		if (mdb_get(txn, main_dbi, &k, &v) != 0)
			return bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
					    "not a benchdb store (an LMDB environment without "
					    "the \"meta\" database)");
	}
	if (fresh && s->read_only)
		return bdb_diag_set(d, BDB_ENOTFOUND, s->path, 0, 0,
				    "the store is empty and was opened read-only");
	if (fresh && !create)
		return 1;
	uint64_t version = 0;
	for (int i = 0; i < BDB__DB_COUNT; i++) {
		if (i == BDB__DB_META + 1) {
			/* The version first: an older store lacks newer databases. */
			rc = bdb__meta_get_u64(s, txn, "format_version", 0, &version);
			if (!rc && fresh) {
				version = BDB__FORMAT_VERSION;
				rc = bdb__meta_put_u64(s, txn, "format_version", version);
				/* Until its first write commits, a creation that is
				 * cut short (the process killed) made no store. */
				s->unfinished = s->created_dir ? 2 : 1;
				if (!rc)
					rc = bdb__meta_put_u64(s, txn, "unfinished", s->unfinished);
			} else if (!rc) {
				rc = bdb__meta_get_u64(s, txn, "unfinished", 0, &s->unfinished);
			}
			if (rc)
				return bdb_diag_set(d, rc, s->path, 0, 0,
						    "cannot read the format version: %s",
						    bdb_strerror(rc));
			/* An older version this code upgrades: after the open
			 * (bdb__upgrade), with write access. Versions 3 and 4
			 * read as they are: only what is written later
			 * differs. */
			if (version == 2 && s->read_only)
				return NEEDS_UPGRADE;
			if (version >= 2 && version < BDB__FORMAT_VERSION && !s->read_only)
				s->upgrade_from = version;
			else if (version > BDB__FORMAT_VERSION)
				/* A newer benchdb wrote it: that one reads it. */
				return bdb_diag_set(
				    d, BDB_EVERSION, s->path, 0, 0,
				    "store format version %llu, this benchdb reads versions up "
				    "to %u: a newer benchdb wrote the store; use that one (this "
				    "one changes nothing in it)",
				    (unsigned long long)version, BDB__FORMAT_VERSION);
			else if (version < BDB__FORMAT_READABLE)
				return bdb_diag_set(
				    d, BDB_EVERSION, s->path, 0, 0,
				    "store format version %llu, this benchdb reads version %u "
				    "(export the runs with the benchdb that wrote the store and "
				    "ingest them into a new one)",
				    (unsigned long long)version, BDB__FORMAT_VERSION);
		}
		unsigned flags = db_flags(i) | (create ? MDB_CREATE : 0);
		rc = bdb__dbi_open(s, txn, i, flags);
		if (rc == MDB_NOTFOUND && !create && !s->read_only)
			return 1;
		if (rc)
			return bdb_diag_set(d,
					    rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc),
					    s->path, 0, 0, "cannot open database \"%s\": %s",
					    bdb__db_names[i], mdb_strerror(rc));
	}
	return 0;
}

/* A read transaction for bdb_store_open; a diagnostic when it cannot. */
static int open_read(bdb_store *s, MDB_txn **txn, bdb_diag *d)
{
	pthread_mutex_lock(&s->lock);
	int rc = begin_read(s, txn);
	pthread_mutex_unlock(&s->lock);
	if (rc)
		return bdb_diag_set(d, rc, s->path, 0, 0, "cannot begin a read transaction: %s",
				    bdb_strerror(rc));
	return 0;
}

static int open_databases(bdb_store *s, bdb_diag *d)
{
	MDB_txn *txn;
	int rc = open_read(s, &txn, d);
	if (rc)
		return rc;
	rc = open_databases_in(s, txn, false, d);
	if (rc)
		mdb_txn_abort(txn);
	/* A read transaction's commit keeps the database handles it opened. */
	else if ((rc = mdb_txn_commit(txn)) != 0)
		return bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				    "cannot open the databases: %s", mdb_strerror(rc));
	return rc;
}

/* open_databases for a new store or one missing a database: in a write
 * transaction, which creates what is missing. */
static int open_databases_create(bdb_store *s, bdb_diag *d)
{
	MDB_txn *txn;
	int rc = begin_write(s, &txn);
	if (rc)
		return bdb_diag_set(d, rc, s->path, 0, 0, "cannot begin a write transaction: %s",
				    bdb_store_write_error(s, rc));
	rc = open_databases_in(s, txn, true, d);
	if (rc) {
		mdb_txn_abort(txn);
	} else if ((rc = mdb_txn_commit(txn)) != 0) {
		rc = disk_error(s, rc);
		rc = bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				  "cannot create the databases: %s", mdb_strerror(rc));
	}
	set_writing(s, false);
	return rc;
}

/* What a writer needs, said after what it lacks. */
#define WRITE_NEEDS "writing needs write access to the directory, data.mdb and lock.mdb"

/* Why opening store directory dir was denied (EACCES, EROFS), in words: the
 * file the user may not use, then what the open needs. A reader needs to
 * read data.mdb and write lock.mdb (or the directory, to create it); a
 * writer needs all. */
static const char *denied_file(const char *dir, const char *data_path, bool read_only)
{
	char lock_path[PATH_MAX];
	snprintf(lock_path, sizeof lock_path, "%s/lock.mdb", dir);
	bool lock_ok = access(lock_path, W_OK) == 0;
	if (access(data_path, F_OK) == 0 && access(data_path, R_OK) != 0)
		return read_only ? "data.mdb is not readable; reading needs read access to data.mdb"
				 : "data.mdb is not readable; writing needs read and write access "
				   "to data.mdb, and write access to the directory and lock.mdb";
	if (read_only)
		return lock_ok ? "the directory is not writable; LMDB readers need write access to "
				 "lock.mdb"
		       : access(lock_path, F_OK) == 0
			   ? "lock.mdb is not writable; LMDB readers need write access to lock.mdb"
			   : "lock.mdb is missing and the directory is not writable; LMDB readers "
			     "need write access to lock.mdb";
	if (access(dir, W_OK) != 0)
		return "the directory is not writable; " WRITE_NEEDS;
	if (access(data_path, W_OK) != 0)
		return "data.mdb is not writable; " WRITE_NEEDS;
	return lock_ok ? "the directory is not writable; " WRITE_NEEDS
		       : "lock.mdb is not writable; " WRITE_NEEDS;
}

/*
 * A data.mdb shorter than its last committed page was cut (a copy or disk
 * fault): LMDB would read past the end of the file, and the process would
 * die of SIGBUS. Refuse it with a sentence that says so. But LMDB counts a
 * page it allocated and freed again in one transaction (a retain's) among
 * the file's pages without writing it, so a sound file may end before its
 * last pages when they are all free (a writer writes them once it uses
 * them). The size is that of the file LMDB opened, never of the path,
 * which compact may have renamed a smaller file over meanwhile.
 */
static int check_file_size(bdb_store *s, bdb_diag *d)
{
	MDB_envinfo info;
	MDB_stat st;
	struct stat fst;
	int fd = -1;
	if (mdb_env_info(s->env, &info) || mdb_env_stat(s->env, &st) ||
	    mdb_env_get_fd(s->env, &fd) || fstat(fd, &fst) != 0)
		return bdb_diag_set(d, BDB_EIO, s->path, 0, 0, "cannot read the size of data.mdb: %s",
				    strerror(errno));
	uint64_t need = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
	if ((uint64_t)fst.st_size >= need)
		return 0;
	/* In a read transaction, whose pages no writer reuses, and with the
	 * file's size after its begin: every page of its snapshot in use was
	 * written before the snapshot was committed. */
	MDB_txn *txn;
	int rc = open_read(s, &txn, d);
	if (rc)
		return rc;
	bool is_free = false;
	uint64_t last_pg = 0;
	if (fstat(fd, &fst) != 0)
		rc = BDB_EIO;
	else
		rc = bdb__tail_is_free(s, txn, (uint64_t)fst.st_size / st.ms_psize, &last_pg,
				       &is_free);
	mdb_txn_abort(txn);
	if (rc)
		return bdb_diag_set(d, rc, s->path, 0, 0, "cannot read the free list of data.mdb: %s",
				    bdb_strerror(rc));
	if (is_free)
		return 0;
	return bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
			    "data.mdb is truncated: %llu bytes, but its last committed "
			    "page ends at byte %llu (the file was cut; restore a backup)",
			    (unsigned long long)fst.st_size,
			    (unsigned long long)((last_pg + 1) * st.ms_psize));
}

/*
 * LMDB sizes a new lock.mdb with ftruncate and then writes to it through a
 * shared map: on a full file system the file is sparse and that first write
 * kills the process with SIGBUS. So its blocks are allocated here first,
 * when no other process has it open (LMDB's exclusive lock, a write lock on
 * byte 0, is free): a full disk is then ENOSPC. A lock file already large
 * enough is left alone; one we cannot open is for LMDB to report.
 */
static int prepare_lock_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return 0;
	struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	struct stat st;
	int rc = 0;
	if (fcntl(fd, F_SETLK, &lk) == 0 && fstat(fd, &st) == 0 && st.st_size < LOCK_FILE_SIZE) {
		rc = posix_fallocate(fd, 0, LOCK_FILE_SIZE);
		if (rc == EINVAL || rc == EOPNOTSUPP)
			rc = 0; /* a file system without it: LMDB's way */
		else if (rc && ftruncate(fd, st.st_size) != 0)
			rc = errno;
	}
	close(fd); /* also releases the lock */
	return rc;
}

int bdb_make_parents(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = '\0';
	for (size_t i = 1; i < n; i++) {
		if (buf[i] != '/')
			continue;
		buf[i] = '\0';
		struct stat st;
		if (stat(buf, &st) != 0 && (errno != ENOENT || mkdir(buf, mode) != 0) &&
		    errno != EEXIST)
			return -1;
		buf[i] = '/';
	}
	return 0;
}

/* Removes the files of a store in dir, and dir itself when rmdir_too (and
 * it is then empty). */
static void remove_store_files(const char *dir, bool rmdir_too)
{
	static const char *const names[] = {"data.mdb", "lock.mdb", "compact.lock"};
	char path[PATH_MAX + 16];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	if (rmdir_too)
		rmdir(dir);
}

/*
 * A store file (name: data.mdb or lock.mdb, at path) that LMDB cannot use,
 * said in d: a symbolic link to a path that does not exist, a directory,
 * anything but a regular file; 0 for a file, or none. A data.mdb left
 * dangling by a file system not mounted read as "no store", and ingest
 * created a new data.mdb at the link's target.
 */
static int odd_store_file(const char *dir, const char *path, const char *name, bdb_diag *d)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
		int err = errno;
		char to[PATH_MAX];
		ssize_t n = readlink(path, to, sizeof to - 1);
		to[n < 0 ? 0 : n] = '\0';
		return err != ENOENT
			   ? 0
			   : bdb_diag_set(d, BDB_EIO, dir, 0, 0,
					  "cannot open the store: %s is a symbolic link to "
					  "a path that does not exist (%s)",
					  name, to);
	}
	if (S_ISDIR(st.st_mode))
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0,
				    "cannot open the store: %s is a directory", name);
	if (!S_ISREG(st.st_mode))
		return bdb_diag_set(d, BDB_EIO, dir, 0, 0,
				    "cannot open the store: %s is not a regular file", name);
	return 0;
}

static int open_once(const char *dir, const bdb_store_options *opt, bdb_store **out, bdb_diag *d)
{
	bdb_diag_clear(d);
	struct stat st;
	char *data_path = NULL;
	bool created_dir = false;
	int gate = -1;
	size_t dlen = strlen(dir);
	bdb_store *s = calloc(1, sizeof *s);
	int rc = BDB_ENOMEM;
	if (!s)
		goto fail;
	s->path = strdup(dir);
	s->read_only = opt->read_only;
	s->no_lock_gate = -1;
	s->lock_fd = -1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->write_lock, NULL);
	pthread_cond_init(&s->idle, NULL);
	data_path = malloc(dlen + 10);
	s->lock_path = malloc(dlen + 10);
	if (!s->path || !data_path || !s->lock_path)
		goto fail;
	memcpy(data_path, dir, dlen);
	memcpy(data_path + dlen, "/data.mdb", 10);
	memcpy(s->lock_path, dir, dlen);
	memcpy(s->lock_path + dlen, "/lock.mdb", 10);

	/* An empty data.mdb (a creation cut short before LMDB wrote its header)
	 * holds nothing: no store yet, and LMDB initialises it when writing. */
	int data_err = stat(data_path, &st) == 0 ? 0 : errno;
	bool exists = !data_err && st.st_size > 0;
	rc = odd_store_file(dir, data_path, "data.mdb", d);
	if (rc)
		goto fail;
	/* A directory this user may not search hides its store: that is no
	 * missing store (a reader took it for none, "no store at DIR"). */
	if (data_err == EACCES) {
		rc = bdb_diag_set(d, opt->read_only ? BDB_EIO : BDB_EREADONLY, dir, 0, 0,
				  "cannot open the store: Permission denied (the directory cannot "
				  "be searched by this user: opening a store needs search (x) "
				  "permission on its directory)");
		goto fail;
	}
	s->created = !exists;
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, dir, 0, 0,
				  "not a benchdb store (not a directory)");
		goto fail;
	}
	if (!exists && (opt->no_create || opt->read_only)) {
		rc = bdb_diag_set(d, BDB_ENOTFOUND, dir, 0, 0, "no benchdb store here");
		goto fail;
	}
	if (stat(dir, &st) != 0) {
		bool made =
		    errno == ENOENT && bdb_make_parents(dir, 0777) == 0 && mkdir(dir, 0777) == 0;
		int err = errno;
		/* Another process may make it between the stat and the mkdir
		 * (parallel CI jobs creating one store): then it is there. */
		bool raced = !made && err == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
		if (!made && !raced) {
			/* mkdir of a link to a path that does not exist says
			 * "File exists", of a path that is not there. */
			if (err == EEXIST && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
				rc = bdb_diag_set(d, BDB_EIO, dir, 0, 0,
						  "cannot create the store directory: it is a "
						  "symbolic link to a path that does not exist");
				goto fail;
			}
			rc = bdb_diag_set(d, err == EACCES ? BDB_EREADONLY : BDB_EIO, dir, 0, 0,
					  "cannot create the store directory: %s", strerror(err));
			goto fail;
		}
		created_dir = made;
		s->created_dir = made;
	} else if (!S_ISDIR(st.st_mode)) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, dir, 0, 0,
				  "not a benchdb store (not a directory)");
		goto fail;
	}
	size_t map = opt->initial_map_size ? opt->initial_map_size : DEFAULT_MAP_SIZE;
	if (exists && stat(data_path, &st) == 0 && (size_t)st.st_size > map)
		map = (size_t)st.st_size;

	/* Not while compact swaps the files (the gate, docs/storage.md 2.13.1),
	 * nor while another opener is between prepare_lock_file and LMDB's own
	 * open: prepare_lock_file's probe of LMDB's exclusive lock, taken while
	 * another process opens, makes both take themselves for later openers,
	 * and neither initializes a new lock.mdb (MDB_INVALID, "not a benchdb
	 * store", once in about 60 simultaneous first opens). */
	/* An open that cannot write lock.mdb (a read-only file system, or a
	 * lock.mdb not writable here) prepares nothing, and reads, if at all,
	 * without it: it takes the gate shared, as those reads do
	 * (no_lock_enter), so that such readers never wait for each other. */
	struct statvfs vfs;
	bool ro_fs = statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
	bool lock_ro = access(s->lock_path, F_OK) == 0 && access(s->lock_path, W_OK) != 0;
	gate = bdb__gate_lock(dir, ro_fs || lock_ro ? LOCK_SH : LOCK_EX);
	rc = prepare_lock_file(s->lock_path);
	if (rc)
		goto fail_mdb;
	rc = mdb_env_create(&s->env);
	if (rc)
		goto fail_mdb;
	mdb_env_set_maxdbs(s->env, BDB__DB_COUNT + 2);
	s->max_readers = MAX_READERS;
	mdb_env_set_maxreaders(s->env, MAX_READERS);
	mdb_env_set_mapsize(s->env, map);
	unsigned flags =
	    MDB_NOTLS | (opt->no_sync ? MDB_NOSYNC : 0) | (opt->read_only ? MDB_RDONLY : 0);
	s->env_flags = flags;
	rc = mdb_env_open(s->env, dir, flags, 0666);
	if ((rc == EACCES || rc == EROFS || rc == EPERM) && opt->read_only) {
		/* Files the user may only read (an archived store, another user's,
		 * a read-only mount): read them without LMDB's lock file, which a
		 * reader must otherwise write. Nobody may then write the store
		 * meanwhile: not while another process has it open
		 * (check_no_lock, here and at every transaction's begin). */
		mdb_env_close(s->env);
		s->env = NULL;
		rc = mdb_env_create(&s->env);
		if (!rc) {
			mdb_env_set_maxdbs(s->env, BDB__DB_COUNT + 2);
			mdb_env_set_mapsize(s->env, map);
			rc = mdb_env_open(s->env, dir, flags | MDB_NOLOCK, 0666);
			s->no_lock = true;
		}
	}
	if (rc)
		goto fail_mdb;
	/* On a read-only file system LMDB itself reads without its lock file. */
	if (ro_fs && opt->read_only)
		s->no_lock = true;
	long pid = 0;
	if (check_no_lock(s, &pid)) {
		rc = bdb_diag_set(d, BDB_EINUSE, dir, 0, 0,
				  "cannot read the store: process %ld has it open and may write it, "
				  "and this process cannot register as a reader (lock.mdb is not "
				  "writable here), so it could read pages being rewritten; read it "
				  "where lock.mdb is writable, or a copy made with 'benchdb backup'",
				  pid);
		goto fail;
	}
	/* The lock file LMDB opened, to notice when it is deleted (no lock file
	 * when the store is read from a read-only file system). */
	if (stat(s->lock_path, &st) == 0) {
		s->lock_ino = st.st_ino;
		s->lock_dev = st.st_dev;
		s->lock_fd = open(s->lock_path, O_RDONLY | O_CLOEXEC);
	}
	/* Read without lock.mdb, the store's first reads keep others from
	 * opening it (no_lock_enter). */
	if (!s->no_lock) {
		bdb__gate_unlock(gate);
		gate = -1;
	}
	int dead;
	mdb_reader_check(s->env, &dead);
	rc = check_file_size(s, d);
	if (rc)
		goto fail;
	rc = open_databases(s, d);
	if (rc == 1)
		rc = open_databases_create(s, d);
	/* A new store in a tiny initial map: creating the databases fills it. */
	while (rc == BDB_EMAPFULL && grow_map(s) == 0) {
		bdb_diag_clear(d);
		rc = open_databases_create(s, d);
	}
	if (!rc && s->upgrade_from)
		rc = bdb__upgrade(s, s->upgrade_from, d);
	if (rc)
		goto fail;
	/* A creation that stored nothing (in progress, or its process was
	 * killed) made no store: a reader finds none, and a writer creates it
	 * (bdb_store_close_unused removes it again when it stores nothing). */
	if (s->unfinished && (opt->read_only || opt->no_create)) {
		rc = bdb_diag_set(d, BDB_ENOTFOUND, dir, 0, 0, "no benchdb store here: %s",
				  BDB_STORE_UNFINISHED);
		goto fail;
	}
	if (s->unfinished) {
		s->created = true;
		s->created_dir = s->unfinished == 2;
	}
	bdb__gate_unlock(gate);
	free(data_path);
	*out = s;
	return 0;
fail_mdb:
	if (rc != MDB_INVALID && rc != EACCES && rc != EROFS && rc != EPERM) {
		int odd = odd_store_file(dir, s->lock_path, "lock.mdb", d);
		if (odd) {
			rc = odd;
			goto fail;
		}
	}
	if (rc == MDB_INVALID) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, dir, 0, 0,
				  "not a benchdb store, or a damaged one: data.mdb is not an LMDB "
				  "file or its header pages (the first two) are corrupt");
		goto fail;
	}
	if (rc == EACCES || rc == EROFS || rc == EPERM) {
		rc = bdb_diag_set(d, opt->read_only ? BDB_EIO : BDB_EREADONLY, dir, 0, 0,
				  "cannot open the store: %s (%s)", mdb_strerror(rc),
				  denied_file(dir, data_path, opt->read_only));
		goto fail;
	}
	rc = bdb_diag_set(d, bdb__mdb_error(rc), dir, 0, 0, "cannot open the store: %s",
			  mdb_strerror(rc));
fail:
	bdb__gate_unlock(gate);
	/* A store this call began to create is removed again. */
	if (created_dir) {
		close_store(s);
		s = NULL;
		remove_store_files(dir, true);
	}
	close_store(s);
	free(data_path);
	return rc;
}

int bdb_store_open(const char *dir, const bdb_store_options *opt, bdb_store **out, bdb_diag *d)
{
	static const bdb_store_options defaults = {0};
	if (!opt)
		opt = &defaults;
	*out = NULL;
	int rc = open_once(dir, opt, out, d);
	if (rc == NEEDS_UPGRADE && opt->no_upgrade)
		return bdb_diag_set(d, BDB_EVERSION, dir, 0, 0,
				    "store format version 2 needs an upgrade to version %u",
				    BDB__FORMAT_VERSION);
	if (rc != NEEDS_UPGRADE)
		return rc;
	/* An older store asked for read-only: upgraded with write access first
	 * (LMDB wants one environment of a file per process: closed between). */
	bdb_store_options writable = *opt;
	writable.read_only = false;
	bdb_store *w = NULL;
	rc = open_once(dir, &writable, &w, d);
	if (rc == BDB_EREADONLY)
		return bdb_diag_set(d, BDB_EVERSION, dir, 0, 0,
				    "store format version 2 needs an upgrade to version %u, which "
				    "needs write access (open it once where it can be written)",
				    BDB__FORMAT_VERSION);
	if (rc)
		return rc;
	char notice[sizeof w->notice];
	memcpy(notice, w->notice, sizeof notice);
	bdb_store_close(w);
	rc = open_once(dir, opt, out, d);
	if (rc == 0)
		memcpy((*out)->notice, notice, sizeof notice);
	return rc;
}

/* Whether another process has the LMDB environment in dir open: LMDB
 * holds a lock on the first byte of lock.mdb while a process has it open
 * (shared, or exclusive for the first), so a write lock is refused. */
static bool store_in_use(const char *dir)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/lock.mdb", dir);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	struct flock lk = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
	bool used = fcntl(fd, F_SETLK, &lk) != 0;
	close(fd); /* also releases the lock */
	return used;
}

void bdb_store_close_unused(bdb_store *store)
{
	if (!store || !store->created || store->read_only) {
		bdb_store_close(store);
		return;
	}
	uint64_t runs = 1;
	bdb_reader *r;
	if (bdb_reader_begin(store, &r) == 0) {
		if (bdb_reader_count_runs(r, &runs) != 0)
			runs = 1;
		bdb_reader_end(r);
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", store->path);
	bool rmdir_too = store->created_dir;
	struct stat before, now;
	char data_path[PATH_MAX + 16];
	snprintf(data_path, sizeof data_path, "%s/data.mdb", dir);
	bool stat_ok = stat(data_path, &before) == 0;
	close_store(store); /* not finishing a creation that stored nothing */
	if (runs != 0 || !stat_ok)
		return;
	/* Under the gate no other process opens the store; one that has it
	 * open, or wrote it after the count, keeps it. */
	int gate = bdb__gate_lock(dir, LOCK_EX);
	if (!store_in_use(dir) && stat(data_path, &now) == 0 && now.st_size == before.st_size &&
	    now.st_mtim.tv_sec == before.st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
		remove_store_files(dir, rmdir_too);
	bdb__gate_unlock(gate);
}

/* The first write does it (bdb__write), with nothing else to write. */
static int write_nothing(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)s, (void)txn, (void)ctx;
	return 0;
}

void bdb_store_close(bdb_store *store)
{
	/* A store closed by its creator is complete, even with nothing in it
	 * (a process killed before this left it unfinished: no store). */
	if (store && store->unfinished && !store->read_only && store->env)
		(void)bdb__write(store, write_nothing, NULL);
	close_store(store);
}

static void close_store(bdb_store *store)
{
	if (!store)
		return;
	for (int i = 0; i < store->n_spare; i++)
		mdb_txn_abort(store->spare[i]);
	if (store->env)
		mdb_env_close(store->env);
	if (store->lock_fd >= 0)
		close(store->lock_fd);
	bdb__run_pack_free(store);
	pthread_mutex_destroy(&store->lock);
	pthread_mutex_destroy(&store->write_lock);
	pthread_cond_destroy(&store->idle);
	free(store->path);
	free(store->lock_path);
	bdb_buf_free(&store->touched);
	free(store);
}
