/*
 * upgrade.c - opening a store of an older format upgrades it in place
 * (docs/storage.md 2.3): first a compacted copy of it as it was goes to
 * DIR/format-N-backup, then one write transaction rewrites what changed
 * and sets the new version. A crash before the commit leaves the old
 * store as it was (and the backup); after it, the new one.
 *
 * Format 2 -> 3: the DUPSORT database "obs" (one record per observation)
 * becomes "chunks" (chunks of up to 128 per series); run FlatBuffers are
 * stored as zstd frames, with a dictionary when the store has enough runs.
 * A format 2 store goes to 4 in one step: what it rewrites is written in
 * format 4's codings.
 *
 * Format 3 -> 4: chunks and run values may use the decimal codings
 * (chunk flag 8, run values starting with byte 1), which format 3's code
 * reports as damage. Everything format 3 wrote reads as before, so only
 * the version changes: no backup, nothing rewritten (benchdb compact
 * rewrites the chunks in the new coding).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Moves every series' format 2 records into chunks, then drops "obs". */
static int upgrade_obs(bdb_store *s, MDB_txn *txn)
{
	MDB_dbi old;
	int rc = mdb_dbi_open(txn, "obs", MDB_DUPSORT | MDB_DUPFIXED, &old);
	if (rc == MDB_NOTFOUND)
		return 0; /* nothing observed yet */
	if (rc)
		return bdb__mdb_error(rc);
	MDB_cursor *cur;
	rc = mdb_cursor_open(txn, old, &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_buf list;
	bdb_buf_init(&list);
	MDB_val k, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_FIRST);
	rc = 0;
	while (got == 0 && !rc) {
		if (k.mv_size != 8) {
			rc = BDB_ECORRUPT;
			break;
		}
		uint64_t series = bdb__get_be64(k.mv_data);
		bdb_buf_reset(&list);
		/* The series' records, in (time, seq) order already. */
		while (got == 0 && !rc) {
			bdb_obs o;
			rc = bdb__obs_record_decode(v.mv_data, v.mv_size, &o);
			if (!rc)
				bdb_buf_append(&list, &o, sizeof o);
			got = mdb_cursor_get(cur, &k, &v, MDB_NEXT_DUP);
		}
		if (got == MDB_NOTFOUND)
			got = 0;
		if (!rc && list.failed)
			rc = BDB_ENOMEM;
		if (!rc && got == 0)
			rc = bdb__obs_put(txn, s->dbi[BDB__DB_CHUNKS], series,
					  (const bdb_obs *)(const void *)list.data,
					  list.len / sizeof(bdb_obs));
		if (!rc && got == 0)
			got = mdb_cursor_get(cur, &k, &v, MDB_NEXT_NODUP);
	}
	mdb_cursor_close(cur);
	bdb_buf_free(&list);
	if (!rc && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (!rc)
		rc = bdb__mdb_error(mdb_drop(txn, old, 1));
	return rc;
}

/* The runs compressed; the dictionary trained and used when one is made. */
static int upgrade_runs(bdb_store *s, MDB_txn *txn)
{
	int rc = bdb__runs_repack(s, txn, BDB__REPACK_RAW);
	if (rc)
		return rc;
	MDB_val k = {9, "zstd_dict"}, v;
	rc = bdb__run_dict_train(s, txn);
	if (!rc && mdb_get(txn, s->dbi[BDB__DB_META], &k, &v) == 0)
		rc = bdb__runs_repack(s, txn, BDB__REPACK_ALL);
	return rc;
}

typedef struct upgrade_ctx {
	uint64_t from;
	bool done; /* another process upgraded first */
} upgrade_ctx;

static int upgrade_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	upgrade_ctx *u = ctx;
	uint64_t version;
	int rc = bdb__meta_get_u64(s, txn, "format_version", 0, &version);
	if (rc)
		return rc;
	u->done = version == BDB__FORMAT_VERSION;
	if (u->done)
		return 1;
	if (version != u->from)
		return BDB_EVERSION;
	if (version >= BDB__FORMAT_READABLE)
		return bdb__meta_put_u64(s, txn, "format_version", BDB__FORMAT_VERSION);
	rc = upgrade_obs(s, txn);
	if (!rc)
		rc = upgrade_runs(s, txn);
	if (!rc)
		rc = bdb__meta_put_u64(s, txn, "format_version", BDB__FORMAT_VERSION);
	return rc;
}

/* A directory name in dir not taken yet: dir/format-N-backup, else with
 * -2, -3, ... appended. */
static void backup_name(const char *dir, uint64_t from, char *out, size_t size)
{
	struct stat st;
	snprintf(out, size, "%s/format-%llu-backup", dir, (unsigned long long)from);
	for (int i = 2; stat(out, &st) == 0 && i < 1000; i++)
		snprintf(out, size, "%s/format-%llu-backup-%d", dir, (unsigned long long)from, i);
}

/* Removes the copy in directory dir (its data.mdb, then dir). */
static void remove_copy(const char *dir)
{
	char data[4500];
	snprintf(data, sizeof data, "%s/data.mdb", dir);
	unlink(data);
	rmdir(dir);
}

/* Removes the copies that upgrades killed before their end left in the
 * store's directory (format-N-backup.tmp.PID): each is a store as large as
 * the old one, which nothing else would ever remove. A copy is its
 * upgrade's while that holds the flock of its directory (bdb__upgrade) or
 * its process runs (the moment between mkdir and flock; and a process of
 * another PID namespace has the lock though kill cannot see it). */
static void remove_killed_copies(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		unsigned long long from;
		long pid;
		int end = 0;
		if (sscanf(e->d_name, "format-%llu-backup.tmp.%ld%n", &from, &pid, &end) != 2 ||
		    e->d_name[end] != '\0' || pid <= 0 || pid == (long)getpid())
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		char path[4400];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			remove_copy(path);
		close(fd);
	}
	closedir(d);
}

/* The upgrade's write transaction failed (rc): nothing changed. */
static int upgrade_failed(bdb_store *s, uint64_t from, int rc, bdb_diag *d)
{
	return bdb_diag_set(d, rc, s->path, 0, 0,
			    "cannot upgrade the store from format %llu to %u: %s; the store is "
			    "unchanged",
			    (unsigned long long)from, BDB__FORMAT_VERSION,
			    bdb_store_write_error(s, rc));
}

/* Format 3, 4 or 5 -> 6: the version only. */
static int upgrade_version(bdb_store *s, uint64_t from, bdb_diag *d)
{
	/* What each version after from writes differently. */
	static const char *const news[] = {
	    [3] = "new runs and chunks store short decimals as integers; ",
	    [4] = "new runs store their samples by model; ",
	    [5] = "new runs store a frame longer than half a page in whole pages and pieces that share leaves, and a series' sealed chunks gather into blocks of a page; ",
	};
	upgrade_ctx u = {.from = from};
	int rc = bdb__write(s, upgrade_txn, &u);
	if (rc)
		return upgrade_failed(s, from, rc, d);
	if (u.done)
		return 0;
	char what[400] = "";
	for (uint64_t v = from; v < BDB__FORMAT_VERSION && v < sizeof news / sizeof *news; v++)
		if (news[v])
			snprintf(what + strlen(what), sizeof what - strlen(what), "%s", news[v]);
	snprintf(s->notice, sizeof s->notice,
		 "upgraded the store from format %llu to %u (the version only: %sbenchdb "
		 "compact rewrites the %s that way)",
		 (unsigned long long)from, BDB__FORMAT_VERSION, what,
		 from == 3 ? "chunks and runs" : "runs");
	return 0;
}

int bdb__upgrade(bdb_store *s, uint64_t from, bdb_diag *d)
{
	if (from >= BDB__FORMAT_READABLE)
		return upgrade_version(s, from, d);
	if (from != 2)
		return bdb_diag_set(d, BDB_EVERSION, s->path, 0, 0,
				    "store format version %llu, this benchdb reads version %u "
				    "(export the runs with the benchdb that wrote the store and "
				    "ingest them into a new one)",
				    (unsigned long long)from, BDB__FORMAT_VERSION);
	/* The backup first, under a name of this process: two processes
	 * opening the old store at once each make one, and the one that does
	 * not upgrade removes its own. */
	char tmp[4096], final[4096];
	remove_killed_copies(s->path);
	snprintf(tmp, sizeof tmp, "%s/format-%llu-backup.tmp.%ld", s->path,
		 (unsigned long long)from, (long)getpid());
	if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
		return bdb_diag_set(d, BDB_EIO, s->path, 0, 0,
				    "cannot upgrade the store from format %llu: cannot create %s: %s",
				    (unsigned long long)from, tmp, strerror(errno));
	/* Held to the end (closing releases it): the copy is this upgrade's. */
	int held = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (held >= 0)
		flock(held, LOCK_EX);
	int rc = mdb_env_copy2(s->env, tmp, MDB_CP_COMPACT);
	if (rc) {
		remove_copy(tmp);
		if (held >= 0)
			close(held);
		return bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				    "cannot upgrade the store from format %llu: the backup failed: %s; "
				    "the store is unchanged",
				    (unsigned long long)from, mdb_strerror(rc));
	}
	upgrade_ctx u = {.from = from};
	rc = bdb__write(s, upgrade_txn, &u);
	if (rc || u.done) {
		remove_copy(tmp);
		if (held >= 0)
			close(held);
		return rc ? upgrade_failed(s, from, rc, d) : 0;
	}
	backup_name(s->path, from, final, sizeof final);
	if (rename(tmp, final) != 0)
		snprintf(final, sizeof final, "%s", tmp);
	if (held >= 0)
		close(held);
	snprintf(s->notice, sizeof s->notice,
		 "upgraded the store from format %llu to %u; the store as it was is in %s "
		 "(benchdb compact gives back the space the old layout leaves free)",
		 (unsigned long long)from, BDB__FORMAT_VERSION, final);
	return 0;
}
