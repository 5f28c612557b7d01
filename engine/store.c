/*
 * store.c - the LMDB environment: open and close, the named databases,
 * read transactions kept for reuse, write transactions that grow the map on
 * MDB_MAP_FULL and retry, and the meta counters.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define DEFAULT_MAP_SIZE ((size_t)64 << 20)
#define MAX_READERS	 256

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
	case ENOMEM:
		return BDB_ENOMEM;
	case EACCES:
	case EROFS:
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

const char *bdb_store_path(const bdb_store *store)
{
	return store->path;
}

/* Adopts a map size grown by another process. Only with no active txns. */
static int adopt_map_size(bdb_store *s)
{
	if (s->active_readers > 0)
		return BDB_ESTORE;
	for (int i = 0; i < s->n_spare; i++)
		mdb_txn_abort(s->spare[i]);
	s->n_spare = 0;
	return bdb__mdb_error(mdb_env_set_mapsize(s->env, 0));
}

int bdb__read_begin(bdb_store *s, MDB_txn **out)
{
	int rc = 0;
	MDB_txn *txn = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->n_spare > 0) {
		txn = s->spare[--s->n_spare];
		rc = mdb_txn_renew(txn);
		if (rc) {
			mdb_txn_abort(txn);
			txn = NULL;
		}
	}
	if (!txn) {
		rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
		if (rc == MDB_MAP_RESIZED) {
			rc = adopt_map_size(s);
			if (!rc)
				rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn);
		}
	}
	if (!rc)
		s->active_readers++;
	pthread_mutex_unlock(&s->lock);
	if (rc)
		return rc < 0 ? rc : bdb__mdb_error(rc);
	*out = txn;
	return 0;
}

void bdb__read_end(bdb_store *s, MDB_txn *txn)
{
	if (!txn)
		return;
	pthread_mutex_lock(&s->lock);
	s->active_readers--;
	if (s->n_spare < BDB__SPARE_TXNS) {
		mdb_txn_reset(txn);
		s->spare[s->n_spare++] = txn;
	} else {
		mdb_txn_abort(txn);
	}
	pthread_mutex_unlock(&s->lock);
}

/* Doubles the map. BDB_EMAPFULL when it cannot grow (readers active here). */
static int grow_map(bdb_store *s)
{
	MDB_envinfo info;
	pthread_mutex_lock(&s->lock);
	int rc = BDB_EMAPFULL;
	if (s->active_readers == 0) {
		for (int i = 0; i < s->n_spare; i++)
			mdb_txn_abort(s->spare[i]);
		s->n_spare = 0;
		mdb_env_info(s->env, &info);
		size_t size = info.me_mapsize;
		if (size <= SIZE_MAX / 2)
			rc = mdb_env_set_mapsize(s->env, size * 2) ? BDB_EMAPFULL : 0;
	}
	pthread_mutex_unlock(&s->lock);
	return rc;
}

int bdb__write(bdb_store *s, bdb__write_fn fn, void *ctx)
{
	if (s->read_only)
		return BDB_EREADONLY;
	for (;;) {
		MDB_txn *txn;
		s->last_write_error = 0;
		int rc = mdb_txn_begin(s->env, NULL, 0, &txn);
		if (rc == MDB_MAP_RESIZED) {
			pthread_mutex_lock(&s->lock);
			rc = adopt_map_size(s);
			pthread_mutex_unlock(&s->lock);
			if (rc)
				return rc;
			continue;
		}
		if (rc) {
			s->last_write_error = rc;
			return bdb__mdb_error(rc);
		}
		rc = fn(s, txn, ctx);
		if (rc > 0) {
			/* Nothing to write after all. */
			mdb_txn_abort(txn);
			return 0;
		}
		if (rc == 0) {
			int mrc = mdb_txn_commit(txn);
			if (mrc)
				s->last_write_error = mrc;
			rc = bdb__mdb_error(mrc);
		} else {
			mdb_txn_abort(txn);
		}
		if (rc != BDB_EMAPFULL)
			return rc;
		rc = grow_map(s);
		if (rc)
			return rc;
	}
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

int bdb__obs_find(MDB_cursor *cur, uint64_t series, int64_t us, uint64_t seq, bdb_obs *out)
{
	if (seq > BDB__MAX_SEQ)
		return BDB_ENOTFOUND;
	uint8_t key[8], rec[BDB__OBS_ID];
	bdb__put_be64(key, series);
	bdb__put_time(rec, us);
	bdb__put_be32(rec + 8, (uint32_t)seq);
	MDB_val k = {8, key}, v = {BDB__OBS_ID, rec};
	/* The first record at or after (us, seq): it must be that one. */
	int rc = mdb_cursor_get(cur, &k, &v, MDB_GET_BOTH_RANGE);
	if (rc)
		return bdb__mdb_error(rc);
	if (v.mv_size != BDB__OBS_NARROW && v.mv_size != BDB__OBS_WIDE)
		return BDB_ECORRUPT;
	if (memcmp(v.mv_data, rec, BDB__OBS_ID) != 0)
		return BDB_ENOTFOUND;
	return out ? bdb__obs_record_decode(v.mv_data, v.mv_size, out) : 0;
}

static unsigned db_flags(int db)
{
	switch (db) {
	case BDB__DB_COMMITS:
	case BDB__DB_POSTINGS:
	case BDB__DB_OBS:
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
 * Opens every named database and checks the format version; creates them
 * (and writes the version) when the store is new and writable.
 */
static int open_databases(bdb_store *s, bdb_diag *d)
{
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, s->read_only ? MDB_RDONLY : 0, &txn);
	if (rc)
		return bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				    "cannot begin a transaction: %s", mdb_strerror(rc));
	/* The pages read below first, with pread: a damaged one would crash LMDB. */
	char damage[400] = "";
	size_t n_damaged = 0;
	rc = bdb__check_pages(s, txn, BDB__CHECK_ROOTS, keep_first_problem, damage, &n_damaged);
	if (!rc && n_damaged) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
				  "the store is damaged: %s; restore a backup", damage);
		goto fail;
	}
	MDB_dbi main_dbi;
	MDB_stat st;
	rc = mdb_dbi_open(txn, NULL, 0, &main_dbi);
	if (!rc)
		rc = mdb_stat(txn, main_dbi, &st);
	if (rc) {
		rc = bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0, "cannot read the store: %s",
				  mdb_strerror(rc));
		goto fail;
	}
	bool fresh = st.ms_entries == 0;
	if (!fresh) {
		MDB_val k = {4, "meta"}, v;
		if (mdb_get(txn, main_dbi, &k, &v) != 0) {
			rc = bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
					  "not a benchdb store (an LMDB environment without "
					  "the \"meta\" database)");
			goto fail;
		}
	}
	if (fresh && s->read_only) {
		rc = bdb_diag_set(d, BDB_ENOTFOUND, s->path, 0, 0,
				  "the store is empty and was opened read-only");
		goto fail;
	}
	for (int i = 0; i < BDB__DB_COUNT; i++) {
		unsigned flags = db_flags(i) | (s->read_only ? 0 : MDB_CREATE);
		rc = mdb_dbi_open(txn, bdb__db_names[i], flags, &s->dbi[i]);
		if (rc) {
			rc = bdb_diag_set(d, rc == MDB_NOTFOUND ? BDB_ECORRUPT : bdb__mdb_error(rc),
					  s->path, 0, 0, "cannot open database \"%s\": %s",
					  bdb__db_names[i], mdb_strerror(rc));
			goto fail;
		}
	}
	uint64_t version;
	rc = bdb__meta_get_u64(s, txn, "format_version", 0, &version);
	if (rc)
		goto fail_diag;
	if (fresh) {
		version = BDB__FORMAT_VERSION;
		rc = bdb__meta_put_u64(s, txn, "format_version", version);
		if (rc)
			goto fail_diag;
	}
	if (version != BDB__FORMAT_VERSION) {
		rc = bdb_diag_set(d, BDB_EVERSION, s->path, 0, 0,
				  "store format version %llu, this benchdb reads version %u "
				  "(export the runs with the benchdb that wrote the store and "
				  "ingest them into a new one)",
				  (unsigned long long)version, BDB__FORMAT_VERSION);
		goto fail;
	}
	rc = mdb_txn_commit(txn);
	if (rc)
		return bdb_diag_set(d, bdb__mdb_error(rc), s->path, 0, 0,
				    "cannot create the databases: %s", mdb_strerror(rc));
	return 0;
fail_diag:
	bdb_diag_set(d, rc, s->path, 0, 0, "cannot read the format version: %s", bdb_strerror(rc));
fail:
	mdb_txn_abort(txn);
	return rc;
}

/* Which part of store directory dir the user may not write, in words. A
 * reader needs only lock.mdb (or the directory, to create it); a writer all. */
static const char *denied_file(const char *dir, const char *data_path, bool read_only)
{
	char lock_path[PATH_MAX];
	snprintf(lock_path, sizeof lock_path, "%s/lock.mdb", dir);
	bool lock_ok = access(lock_path, W_OK) == 0;
	if (read_only)
		return lock_ok ? "the directory is not writable"
		       : access(lock_path, F_OK) == 0
			   ? "lock.mdb is not writable"
			   : "lock.mdb is missing and the directory is not writable";
	if (access(dir, W_OK) != 0)
		return "the directory is not writable";
	if (access(data_path, W_OK) != 0)
		return "data.mdb is not writable";
	return lock_ok ? "the directory is not writable" : "lock.mdb is not writable";
}

/*
 * A data.mdb shorter than its last committed page was cut (a copy or disk
 * fault): LMDB would read past the end of the file, and the process would
 * die of SIGBUS. Refuse it with a sentence that says so.
 */
static int check_file_size(bdb_store *s, const char *data_path, bdb_diag *d)
{
	MDB_envinfo info;
	MDB_stat st;
	struct stat fst;
	if (mdb_env_info(s->env, &info) || mdb_env_stat(s->env, &st) || stat(data_path, &fst) != 0)
		return bdb_diag_set(d, BDB_EIO, s->path, 0, 0, "cannot read the size of %s: %s",
				    data_path, strerror(errno));
	uint64_t need = ((uint64_t)info.me_last_pgno + 1) * st.ms_psize;
	if ((uint64_t)fst.st_size < need)
		return bdb_diag_set(d, BDB_ECORRUPT, s->path, 0, 0,
				    "data.mdb is truncated: %llu bytes, but its last committed "
				    "page ends at byte %llu (the file was cut; restore a backup)",
				    (unsigned long long)fst.st_size, (unsigned long long)need);
	return 0;
}

int bdb_store_open(const char *dir, const bdb_store_options *opt, bdb_store **out, bdb_diag *d)
{
	static const bdb_store_options defaults = {0};
	if (!opt)
		opt = &defaults;
	bdb_diag_clear(d);
	struct stat st;
	char *data_path = NULL;
	bdb_store *s = calloc(1, sizeof *s);
	int rc = BDB_ENOMEM;
	if (!s)
		goto fail;
	s->path = strdup(dir);
	s->read_only = opt->read_only;
	pthread_mutex_init(&s->lock, NULL);
	size_t dlen = strlen(dir);
	data_path = malloc(dlen + 10);
	if (!s->path || !data_path)
		goto fail;
	memcpy(data_path, dir, dlen);
	memcpy(data_path + dlen, "/data.mdb", 10);

	/* An empty data.mdb (a creation cut short before LMDB wrote its header)
	 * holds nothing: no store yet, and LMDB initialises it when writing. */
	bool exists = stat(data_path, &st) == 0 && st.st_size > 0;
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
		if (errno != ENOENT || mkdir(dir, 0777) != 0) {
			rc = bdb_diag_set(d, errno == EACCES ? BDB_EREADONLY : BDB_EIO, dir, 0, 0,
					  "cannot create the store directory: %s", strerror(errno));
			goto fail;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, dir, 0, 0,
				  "not a benchdb store (not a directory)");
		goto fail;
	}
	size_t map = opt->initial_map_size ? opt->initial_map_size : DEFAULT_MAP_SIZE;
	if (exists && stat(data_path, &st) == 0 && (size_t)st.st_size > map)
		map = (size_t)st.st_size;

	rc = mdb_env_create(&s->env);
	if (rc)
		goto fail_mdb;
	mdb_env_set_maxdbs(s->env, BDB__DB_COUNT + 2);
	mdb_env_set_maxreaders(s->env, MAX_READERS);
	mdb_env_set_mapsize(s->env, map);
	unsigned flags =
	    MDB_NOTLS | (opt->no_sync ? MDB_NOSYNC : 0) | (opt->read_only ? MDB_RDONLY : 0);
	rc = mdb_env_open(s->env, dir, flags, 0666);
	if (rc)
		goto fail_mdb;
	int dead;
	mdb_reader_check(s->env, &dead);
	rc = check_file_size(s, data_path, d);
	if (rc)
		goto fail;
	rc = open_databases(s, d);
	/* A new store in a tiny initial map: creating the databases fills it. */
	while (rc == BDB_EMAPFULL && grow_map(s) == 0) {
		bdb_diag_clear(d);
		rc = open_databases(s, d);
	}
	if (rc)
		goto fail;
	free(data_path);
	*out = s;
	return 0;
fail_mdb:
	if (rc == MDB_INVALID) {
		rc = bdb_diag_set(d, BDB_ECORRUPT, dir, 0, 0,
				  "not a benchdb store, or a damaged one: data.mdb is not an LMDB "
				  "file or its header pages (the first two) are corrupt");
		goto fail;
	}
	if (rc == EACCES || rc == EROFS) {
		rc = bdb_diag_set(d, opt->read_only ? BDB_EIO : BDB_EREADONLY, dir, 0, 0,
				  "cannot open the store: %s (%s; %s)", mdb_strerror(rc),
				  denied_file(dir, data_path, opt->read_only),
				  opt->read_only ? "LMDB readers need write access to lock.mdb"
						 : "writing needs write access to the directory, "
						   "data.mdb and lock.mdb");
		goto fail;
	}
	rc = bdb_diag_set(d, bdb__mdb_error(rc), dir, 0, 0, "cannot open the store: %s",
			  mdb_strerror(rc));
fail:
	free(data_path);
	bdb_store_close(s);
	return rc;
}

void bdb_store_close(bdb_store *store)
{
	if (!store)
		return;
	for (int i = 0; i < store->n_spare; i++)
		mdb_txn_abort(store->spare[i]);
	if (store->env)
		mdb_env_close(store->env);
	pthread_mutex_destroy(&store->lock);
	free(store->path);
	free(store);
}
