/*
 * compact.c - giving the free pages of data.mdb back to the file system
 * (docs/storage.md 2.13.1): the observation chunks rewritten into full
 * pages (one write transaction), then a compacted copy written next to the store
 * while this process holds the writer mutex, then swapped in with
 * renames under the compaction gate, lock.mdb first. Processes that have
 * the store open notice the new lock.mdb at their next transaction and
 * open the new files (store.c, adopt_compacted); their transactions open
 * meanwhile read the old data.mdb, which they keep mapped.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/*
 * The process holding LMDB's writer mutex, read from lock.mdb, or 0. This
 * knows the layout of LMDB 0.9's lock file with glibc's process-shared
 * robust mutexes on x86-64 / aarch64 Linux: the writer mutex at byte 64,
 * its owner's thread id at byte 72, its kind (0x90: robust, shared) at 80.
 * Another layout reads as 0: compact then waits for the writer instead of
 * refusing.
 */
static long writer_pid(const bdb_store *s)
{
	unsigned char head[88];
	/* Through the descriptor the store keeps: opening lock.mdb again and
	 * closing it dropped this process's POSIX locks on it, LMDB's "in
	 * use" lock among them, and a process opening the store next took
	 * itself for the first and initialised the lock file again under
	 * the others (their mutexes, reader slots: SIGSEGV, a second writer). */
	if (s->lock_fd < 0)
		return 0;
	ssize_t n = pread(s->lock_fd, head, sizeof head, 0);
	uint32_t magic, kind;
	int32_t owner;
	if (n != (ssize_t)sizeof head)
		return 0;
	memcpy(&magic, head, 4);
	memcpy(&owner, head + 72, 4);
	memcpy(&kind, head + 80, 4);
	if (magic != 0xBEEFC0DEu || kind != 0x90 || owner <= 0)
		return 0;
	/* A dead owner's mutex is recovered by the next locker. */
	if (kill(owner, 0) != 0 && errno == ESRCH)
		return 0;
	return owner;
}

typedef struct compact_ctx {
	bdb_diag *d;
	uint64_t before, after;
} compact_ctx;

static int fail_errno(bdb_store *s, compact_ctx *c, const char *what, const char *path)
{
	int e = errno;
	return bdb_diag_set(c->d, e == ENOSPC ? BDB_EIO : BDB_ESTORE, s->path, 0, 0,
			    "compact: cannot %s %s: %s; the store is unchanged", what, path,
			    strerror(e));
}

/*
 * Gives the file of fd the owner, group and mode of the one it replaces (as
 * far as this process may: root any, another user the group of theirs):
 * created with the umask and by whoever compacts, a group's store (0660,
 * the CI user's) compacted by root became root's and 0640, which its own
 * users could no longer write.
 */
static int keep_owner(int fd, const struct stat *was)
{
	if (fchown(fd, was->st_uid, was->st_gid) != 0)
		(void)!fchown(fd, (uid_t)-1, was->st_gid);
	return fchmod(fd, was->st_mode & 07777);
}

/* fsync of the directory holding path, so that a rename in it lasts. */
static void sync_dir_of(const char *path)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Runs with the write transaction held: no other writer commits meanwhile. */
static int compact_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)txn;
	compact_ctx *c = ctx;
	char link[PATH_MAX + 16], data[PATH_MAX + 16], lock[PATH_MAX + 16];
	char new_data[PATH_MAX + 32], new_lock[PATH_MAX + 32];
	/* A link (data.mdb on another volume, lock.mdb in /dev/shm) stays: the
	 * new file is written beside the one it leads to and renamed over
	 * that (before, over the link, moving the store into its directory). */
	snprintf(link, sizeof link, "%s/data.mdb", s->path);
	if (!realpath(link, data))
		snprintf(data, sizeof data, "%s", link);
	if (!realpath(s->lock_path, lock))
		snprintf(lock, sizeof lock, "%s", s->lock_path);
	snprintf(new_data, sizeof new_data, "%s.compact", data);
	snprintf(new_lock, sizeof new_lock, "%s.compact", lock);
	/* What a compact killed before its renames left. */
	unlink(new_data);
	unlink(new_lock);
	struct stat st, lst;
	if (stat(data, &st) != 0 || stat(s->lock_path, &lst) != 0)
		return fail_errno(s, c, "read", data);
	int fd = open(new_data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, st.st_mode & 0777);
	if (fd < 0)
		return fail_errno(s, c, "create", new_data);
	if (keep_owner(fd, &st) != 0) {
		int rc = fail_errno(s, c, "set the mode of", new_data);
		close(fd);
		unlink(new_data);
		return rc;
	}
	int rc = mdb_env_copyfd2(s->env, fd, MDB_CP_COMPACT);
	if (!rc && fdatasync(fd) != 0)
		rc = errno;
	if (close(fd) != 0 && !rc)
		rc = errno;
	if (rc) {
		unlink(new_data);
		return bdb_diag_set(c->d, bdb__mdb_error(rc), s->path, 0, 0,
				    "compact: the copy failed: %s; the store is unchanged",
				    mdb_strerror(rc));
	}
	fd = open(new_lock, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, lst.st_mode & 0777);
	struct stat nl;
	if (fd < 0 || keep_owner(fd, &lst) != 0 || fstat(fd, &nl) != 0) {
		rc = fail_errno(s, c, "create", new_lock);
		if (fd >= 0)
			close(fd);
		unlink(new_data);
		return rc;
	}
	close(fd);
	/* The swap: no process opens the files or adopts new ones meanwhile. */
	int gate = bdb__gate_lock(s->path, LOCK_EX);
	char mark[96];
	int len = snprintf(mark, sizeof mark, "lock %llu %llu\n", (unsigned long long)nl.st_dev,
			   (unsigned long long)nl.st_ino);
	if (gate < 0 || ftruncate(gate, 0) != 0 || pwrite(gate, mark, (size_t)len, 0) != len ||
	    fsync(gate) != 0) {
		rc = fail_errno(s, c, "mark", "compact.lock");
		bdb__gate_unlock(gate);
		unlink(new_data);
		unlink(new_lock);
		return rc;
	}
	/*
	 * lock.mdb first: killed between the renames, the store is the old
	 * data.mdb with a new, empty lock file, which the next process to open
	 * it initialises (and the others adopt): the compaction just did not
	 * happen. The other order would pair the new data.mdb with the old
	 * lock file's transaction ids.
	 */
	if (rename(new_lock, lock) != 0) {
		rc = fail_errno(s, c, "rename", new_lock);
		bdb__gate_unlock(gate);
		unlink(new_data);
		unlink(new_lock);
		return rc;
	}
	if (rename(new_data, data) != 0) {
		rc = fail_errno(s, c, "rename", new_data);
		bdb__gate_unlock(gate);
		unlink(new_data);
		return rc;
	}
	sync_dir_of(data);
	sync_dir_of(lock);
	bdb__gate_unlock(gate);
	if (stat(data, &st) == 0)
		c->after = (uint64_t)st.st_size;
	return 1; /* nothing to commit: the transaction only kept writers out */
}

/*
 * Rewrites the chunks in key order with MDB_APPEND, so that their leaf
 * pages are full: appends to each series' last chunk land in the middle of
 * the tree, where LMDB splits pages in half, and the chunks left behind
 * (never rewritten) keep the half-empty pages. The values are read into
 * memory (the database's size), the database emptied, and put back, each
 * encoded again when that makes it shorter (a format 3 chunk of short
 * decimals takes the decimal coding); one that does not decode is put back
 * as it was, for verify to report.
 */
/*
 * A `chunks` value with each chunk encoded again (format 3's chunks of short
 * decimals take the decimal coding), a block's chunks each and its lengths
 * with them, into enc (reset); false when a chunk does not decode (the
 * value is put back as it was, for verify to report).
 */
static bool shorter_chunks(const MDB_val *v, bdb_buf *enc, bdb_obs *obs)
{
	bdb__chunk_parts cp;
	if (bdb__chunk_parts_open(v->mv_data, v->mv_size, &cp) != 0)
		return false;
	bdb_buf one;
	bdb_buf_init(&one);
	if (cp.n > 1) {
		uint8_t head[2] = {((const uint8_t *)v->mv_data)[0], (uint8_t)cp.n};
		bdb_buf_append(enc, head, 2);
		bdb_buf_append(enc, cp.data + 2, 2 * (size_t)cp.n); /* lengths, set below */
	}
	bool ok = true;
	for (unsigned i = 0; ok && i < cp.n; i++) {
		const uint8_t *part = cp.data + cp.off[i];
		size_t len = cp.off[i + 1] - cp.off[i], n;
		bdb_buf_reset(&one);
		ok = bdb__chunk_decode(part, len, obs, &n) == 0;
		if (ok && bdb__chunk_encode(&one, obs, n) == 0 && !one.failed && one.len < len) {
			part = (const uint8_t *)one.data;
			len = one.len;
		}
		if (ok && cp.n > 1 && !enc->failed) {
			enc->data[2 + 2 * i] = (char)(uint8_t)len;
			enc->data[3 + 2 * i] = (char)(uint8_t)(len >> 8);
		}
		bdb_buf_append(enc, part, len);
	}
	bdb_buf_free(&one);
	return ok && !enc->failed;
}

static int repack_chunks_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)ctx;
	MDB_dbi dbi = s->dbi[BDB__DB_CHUNKS];
	MDB_cursor *cur;
	int rc = mdb_cursor_open(txn, dbi, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf all;
	bdb_buf_init(&all);
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	while (got == 0) {
		uint32_t lens[2] = {(uint32_t)k.mv_size, (uint32_t)v.mv_size};
		bdb_buf_append(&all, lens, sizeof lens);
		bdb_buf_append(&all, k.mv_data, k.mv_size);
		bdb_buf_append(&all, v.mv_data, v.mv_size);
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	if (got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	else if (all.failed)
		rc = BDB_ENOMEM;
	if (!rc)
		rc = bdb__mdb_error(mdb_drop(txn, dbi, 0));
	bdb_buf enc;
	bdb_buf_init(&enc);
	static _Thread_local bdb_obs obs[BDB__CHUNK_OBS];
	for (size_t at = 0; !rc && at < all.len;) {
		uint32_t lens[2];
		memcpy(lens, all.data + at, sizeof lens);
		at += sizeof lens;
		k = (MDB_val){lens[0], all.data + at};
		v = (MDB_val){lens[1], all.data + at + lens[0]};
		at += (size_t)lens[0] + lens[1];
		bdb_buf_reset(&enc);
		if (shorter_chunks(&v, &enc, obs) && enc.len < v.mv_size)
			v = (MDB_val){enc.len, enc.data};
		rc = bdb__mdb_error(mdb_put(txn, dbi, &k, &v, MDB_APPEND));
	}
	bdb_buf_free(&enc);
	bdb_buf_free(&all);
	return rc;
}

/* Runs stored before the dictionary or by format 3 packed as runs are now
 * (docs/storage.md 2.2.1), the dictionary trained first if it is due. */
static int repack_runs_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	(void)ctx;
	int rc = bdb__run_dict_train(s, txn);
	return rc ? rc : bdb__runs_repack(s, txn, BDB__REPACK_STALE);
}

int bdb_store_compact(bdb_store *store, uint64_t *before, uint64_t *after, bdb_diag *d)
{
	bdb_diag_clear(d);
	if (store->read_only)
		return bdb_diag_set(d, BDB_EREADONLY, store->path, 0, 0,
				    "compact: the store is open read-only");
	long pid = writer_pid(store);
	if (pid && pid != (long)getpid())
		return bdb_diag_set(d, BDB_EBUSY, store->path, 0, 0,
				    "compact: process %ld is writing the store; compact does not "
				    "wait for another writer (run it again when that one is done)",
				    pid);
	compact_ctx c = {.d = d};
	/* The size the user had: the repacks below may grow the file first
	 * (before, "data.mdb 2154496 -> ..." of a file of 2060288 bytes). */
	char data[PATH_MAX];
	struct stat st;
	snprintf(data, sizeof data, "%s/data.mdb", store->path);
	if (stat(data, &st) == 0)
		c.before = (uint64_t)st.st_size;
	int rc = bdb__write(store, repack_runs_txn, NULL);
	if (!rc)
		rc = bdb__write(store, repack_chunks_txn, NULL);
	if (rc)
		return bdb_diag_set(d, rc, store->path, 0, 0,
				    "compact: cannot rewrite the runs and observation chunks: %s; "
				    "the store is unchanged",
				    bdb_store_write_error(store, rc));
	rc = bdb__write(store, compact_txn, &c);
	if (rc && d && !d->message[0])
		bdb_diag_set(d, rc, store->path, 0, 0, "compact failed: %s", bdb_strerror(rc));
	if (!rc) {
		*before = c.before;
		*after = c.after;
	}
	return rc;
}
