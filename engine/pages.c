/*
 * pages.c - a structural check of data.mdb's B-tree pages, read with pread
 * and never through the memory map, so that verify can report a damaged
 * file instead of crashing in LMDB (which trusts its pages: a wild child
 * page number or node offset makes it read outside the map, SIGSEGV, or
 * past the end of the file, SIGBUS).
 *
 * The layout checked is LMDB 0.9's on-disk format (mdb.c): a 16-byte page
 * header (page number, pad, flags, lower, upper; an overflow page keeps its
 * page count where lower and upper are), an array of 16-bit node offsets,
 * and nodes of 8 header bytes (lo, hi, flags, key size) then key and data.
 * The two meta pages hold the free and main databases' records; the one
 * whose transaction id is that of our read transaction is the snapshot
 * walked, whose pages no writer reuses while the transaction lasts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* The format above is that of LMDB 0.9 (checked against 0.9.24); LMDB 1.0 changes
 * the page header. A build against another series must check this file's
 * offsets against its mdb.c first. */
#if MDB_VERSION_MAJOR != 0 || MDB_VERSION_MINOR != 9
#error "engine/pages.c knows LMDB 0.9's page format only: check it against this LMDB's mdb.c"
#endif

#define PAGE_HEADER 16
#define NODE_HEADER 8
#define DB_RECORD   48
#define META_MAGIC  0xBEEFC0DEu
#define MAX_DEPTH   32

enum {
	P_BRANCH = 0x01,
	P_LEAF = 0x02,
	P_OVERFLOW = 0x04,
	P_LEAF2 = 0x20,
	P_SUBP = 0x40,
	F_BIGDATA = 0x01,
	F_SUBDATA = 0x02,
	F_DUPDATA = 0x04
};

typedef struct pages {
	int fd;
	size_t psize;
	uint64_t last_pg;
	uint8_t *seen;	    /* one bit per page */
	unsigned max_depth; /* deeper trees are not walked (the open's shallow check) */
	bool skip_chunks;   /* the chunks database is not walked (BDB__CHECK_INDEXES) */
	uint8_t *tail;	    /* bdb__tail_is_free: one bit per page from tail_first */
	uint64_t tail_first;
	bdb_problem_fn report;
	void *ctx;
	size_t problems;
} pages;

static uint16_t u16_at(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, 2);
	return v;
}

static uint32_t u32_at(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

static uint64_t u64_at(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static void problem(pages *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(pages *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	bdb__report_problem(p->report, p->ctx, &p->problems, fmt, ap);
	va_end(ap);
}

/* Reads page pgno into buf: 0, or -1 (reported) when the file is short. */
static int read_page(pages *p, uint64_t pgno, uint8_t *buf, const char *db)
{
	ssize_t n = pread(p->fd, buf, p->psize, (off_t)(pgno * p->psize));
	if (n == (ssize_t)p->psize)
		return 0;
	problem(p, "data.mdb: page %llu of %s cannot be read (%s)", (unsigned long long)pgno, db,
		n < 0 ? strerror(errno) : "the file ends before it");
	return -1;
}

/* Marks pgno seen; -1 (reported) when it is out of range or seen before. */
static int visit(pages *p, uint64_t pgno, const char *db)
{
	if (pgno > p->last_pg) {
		problem(p, "data.mdb: %s refers to page %llu, past the last page %llu", db,
			(unsigned long long)pgno, (unsigned long long)p->last_pg);
		return -1;
	}
	if (p->seen[pgno / 8] & (1u << (pgno % 8))) {
		problem(p, "data.mdb: page %llu of %s is reached twice (a loop or a shared page)",
			(unsigned long long)pgno, db);
		return -1;
	}
	p->seen[pgno / 8] |= (uint8_t)(1u << (pgno % 8));
	return 0;
}

static void walk_db(pages *p, const uint8_t *rec, const char *db, unsigned depth);
static void walk_tree(pages *p, uint64_t pgno, const char *db, unsigned depth);

#define MAIN_DB "the main database"
#define CHUNKS_DB "database \"chunks\""
#define FREE_DB "the free list"

/* A free list record (an LMDB ID list: a count, then that many page
 * numbers) of size bytes: marks its pages from p->tail_first in p->tail. */
static void mark_free(pages *p, const uint8_t *v, size_t size)
{
	uint64_t n = size >= 8 ? u64_at(v) : 0;
	if (size < 8 || n > (size - 8) / 8) {
		problem(p, "data.mdb: a free list record of %zu bytes is damaged", size);
		return;
	}
	for (uint64_t i = 1; i <= n; i++) {
		uint64_t pg = u64_at(v + 8 * i);
		if (pg >= p->tail_first && pg <= p->last_pg)
			p->tail[(pg - p->tail_first) / 8] |=
			    (uint8_t)(1u << ((pg - p->tail_first) % 8));
	}
}

/* The value of size bytes on the overflow pages from ov, into mark_free. */
static void mark_free_overflow(pages *p, uint64_t ov, size_t size)
{
	uint8_t *v = malloc(size ? size : 1);
	if (!v) {
		problem(p, "out of memory reading the free list");
		return;
	}
	if (pread(p->fd, v, size, (off_t)(ov * p->psize + PAGE_HEADER)) == (ssize_t)size)
		mark_free(p, v, size);
	else
		problem(p, "data.mdb: overflow page %llu of the free list cannot be read",
			(unsigned long long)ov);
	free(v);
}

/*
 * Checks the nodes of a leaf or branch page (or, when sub, of a sub-page of
 * len bytes inside a leaf node): every node inside, branch children and
 * named or duplicate databases walked, overflow pages in range.
 */
static int check_nodes(pages *p, const uint8_t *pg, size_t len, uint64_t pgno, const char *db,
		       unsigned depth, bool sub)
{
	uint16_t flags = u16_at(pg + 10), lower = u16_at(pg + 12), upper = u16_at(pg + 14);
	const char *what = sub ? "sub-page in page" : "page";
	if (lower < PAGE_HEADER || lower > upper || upper > len || (lower - PAGE_HEADER) % 2) {
		problem(p, "data.mdb: %s %llu of %s has a bad header (lower %u, upper %u)", what,
			(unsigned long long)pgno, db, lower, upper);
		return -1;
	}
	size_t nkeys = (size_t)(lower - PAGE_HEADER) / 2;
	if (flags & P_LEAF2) {
		size_t ks = u16_at(pg + 8);
		if (ks == 0 || PAGE_HEADER + nkeys * ks > len) {
			problem(p,
				"data.mdb: %s %llu of %s: %zu fixed keys of %zu bytes do not fit",
				what, (unsigned long long)pgno, db, nkeys, ks);
			return -1;
		}
		return 0;
	}
	for (size_t i = 0; i < nkeys; i++) {
		size_t off = u16_at(pg + PAGE_HEADER + 2 * i);
		if (off < upper || off + NODE_HEADER > len ||
		    off + NODE_HEADER + u16_at(pg + off + 6) > len) {
			problem(p, "data.mdb: %s %llu of %s: node %zu lies outside the page", what,
				(unsigned long long)pgno, db, i);
			return -1;
		}
		const uint8_t *node = pg + off;
		size_t ksize = u16_at(node + 6), nflags = u16_at(node + 4);
		uint64_t lo = u16_at(node), hi = u16_at(node + 2);
		const uint8_t *data = node + NODE_HEADER + ksize;
		size_t room = len - (off + NODE_HEADER + ksize);
		if (flags & P_BRANCH) {
			walk_tree(p, lo | hi << 16 | (uint64_t)nflags << 32, db, depth + 1);
			continue;
		}
		size_t dsize = (size_t)(lo | hi << 16);
		if (nflags & F_BIGDATA) {
			if (room < 8) {
				problem(p,
					"data.mdb: page %llu of %s: node %zu lies outside the page",
					(unsigned long long)pgno, db, i);
				return -1;
			}
			uint64_t ov = u64_at(data);
			uint8_t head[PAGE_HEADER];
			if (visit(p, ov, db))
				continue;
			if (pread(p->fd, head, sizeof head, (off_t)(ov * p->psize)) !=
			    sizeof head) {
				problem(p, "data.mdb: overflow page %llu of %s cannot be read",
					(unsigned long long)ov, db);
				continue;
			}
			uint32_t n = u32_at(head + 12);
			if (!(u16_at(head + 10) & P_OVERFLOW) || n == 0 ||
			    ov + n - 1 > p->last_pg || dsize > (size_t)n * p->psize - PAGE_HEADER) {
				problem(p,
					"data.mdb: overflow page %llu of %s is damaged "
					"(flags 0x%x, %u pages, value of %zu bytes)",
					(unsigned long long)ov, db, u16_at(head + 10), n, dsize);
				continue;
			}
			for (uint64_t k = 1; k < n; k++)
				p->seen[(ov + k) / 8] |= (uint8_t)(1u << ((ov + k) % 8));
			if (p->tail && strcmp(db, FREE_DB) == 0)
				mark_free_overflow(p, ov, dsize);
			continue;
		}
		if (dsize > room) {
			problem(p, "data.mdb: page %llu of %s: node %zu's value runs past the page",
				(unsigned long long)pgno, db, i);
			return -1;
		}
		if (p->tail && strcmp(db, FREE_DB) == 0) {
			mark_free(p, data, dsize);
			continue;
		}
		if (nflags & F_SUBDATA) {
			if (dsize != DB_RECORD) {
				problem(p,
					"data.mdb: page %llu of %s: node %zu is a database record "
					"of %zu bytes",
					(unsigned long long)pgno, db, i, dsize);
				return -1;
			}
			/* In the main database the key is a database's name. */
			char name[80];
			snprintf(name, sizeof name, "database \"%.*s\"",
				 (int)(ksize < 60 ? ksize : 60), (const char *)node + NODE_HEADER);
			/* The observations themselves: most of the file. */
			if (p->skip_chunks && strcmp(db, MAIN_DB) == 0 &&
			    strcmp(name, CHUNKS_DB) == 0)
				continue;
			walk_db(p, data, strcmp(db, MAIN_DB) == 0 ? name : db, depth + 1);
		} else if (nflags & F_DUPDATA) {
			if (dsize < PAGE_HEADER ||
			    (u16_at(data + 10) & (P_LEAF | P_SUBP)) != (P_LEAF | P_SUBP)) {
				problem(p,
					"data.mdb: page %llu of %s: node %zu's duplicates are "
					"not a sub-page",
					(unsigned long long)pgno, db, i);
				return -1;
			}
			check_nodes(p, data, dsize, pgno, db, depth, true);
		}
	}
	return 0;
}

static void walk_tree(pages *p, uint64_t pgno, const char *db, unsigned depth)
{
	if (depth > p->max_depth)
		return;
	if (depth > MAX_DEPTH) {
		problem(p, "data.mdb: %s is deeper than %d levels at page %llu", db, MAX_DEPTH,
			(unsigned long long)pgno);
		return;
	}
	if (visit(p, pgno, db))
		return;
	uint8_t *pg = malloc(p->psize);
	if (!pg) {
		problem(p, "out of memory checking page %llu", (unsigned long long)pgno);
		return;
	}
	if (read_page(p, pgno, pg, db) == 0) {
		uint16_t flags = u16_at(pg + 10);
		if (u64_at(pg) != pgno)
			problem(p, "data.mdb: page %llu of %s says it is page %llu",
				(unsigned long long)pgno, db, (unsigned long long)u64_at(pg));
		else if (!(flags & (P_BRANCH | P_LEAF)) || (flags & (P_OVERFLOW | P_SUBP)))
			problem(p, "data.mdb: page %llu of %s is not a tree page (flags 0x%x)",
				(unsigned long long)pgno, db, flags);
		else
			check_nodes(p, pg, p->psize, pgno, db, depth, false);
	}
	free(pg);
}

/* Walks the tree of a 48-byte database record (root at byte 40). */
static void walk_db(pages *p, const uint8_t *rec, const char *db, unsigned depth)
{
	uint64_t root = u64_at(rec + 40);
	if (root != UINT64_MAX)
		walk_tree(p, root, db, depth);
}

/*
 * Sets p up for the snapshot of txn: the file, the page size, the last page
 * and the seen bits. 0, or -1 when neither header page can be read
 * (reported), or a BDB_E* code.
 */
static int pages_begin(bdb_store *s, MDB_txn *txn, pages *p, uint8_t **meta_out)
{
	MDB_stat st;
	int fd = -1;
	int rc = mdb_env_stat(s->env, &st);
	if (!rc)
		rc = mdb_env_get_fd(s->env, &fd);
	if (rc)
		return bdb__mdb_error(rc);
	p->fd = fd;
	p->psize = st.ms_psize;
	uint8_t *meta = malloc(2 * p->psize);
	if (!meta)
		return BDB_ENOMEM;
	/* The meta page of our snapshot; else the newer valid one. */
	const uint8_t *use = NULL;
	uint64_t want = mdb_txn_id(txn), best = 0;
	for (int i = 0; i < 2; i++) {
		uint8_t *m = meta + (size_t)i * p->psize;
		if (pread(fd, m, p->psize, (off_t)i * (off_t)p->psize) != (ssize_t)p->psize ||
		    u32_at(m + PAGE_HEADER) != META_MAGIC)
			continue;
		uint64_t txnid = u64_at(m + PAGE_HEADER + 128);
		if (best == want && use)
			continue;
		if (!use || txnid == want || txnid > best) {
			use = m;
			best = txnid;
		}
	}
	if (!use) {
		free(meta);
		problem(p, "data.mdb: neither header page can be read");
		return -1;
	}
	p->last_pg = u64_at(use + PAGE_HEADER + 120);
	p->seen = calloc(p->last_pg / 8 + 1, 1);
	if (!p->seen) {
		free(meta);
		return BDB_ENOMEM;
	}
	p->seen[0] |= 3; /* the meta pages */
	/* The snapshot's header: the database records follow at +24. */
	*meta_out = meta;
	if (use != meta)
		memmove(meta, use, p->psize);
	return 0;
}

int bdb__check_pages(bdb_store *s, MDB_txn *txn, enum bdb__check what, bdb_problem_fn report,
		     void *ctx, size_t *n_problems)
{
	pages p = {.report = report,
		   .ctx = ctx,
		   .max_depth = what == BDB__CHECK_ROOTS ? 1 : MAX_DEPTH + 1,
		   .skip_chunks = what == BDB__CHECK_INDEXES};
	uint8_t *meta;
	int rc = pages_begin(s, txn, &p, &meta);
	if (rc > 0)
		return rc;
	if (rc == 0) {
		if (what == BDB__CHECK_ALL)
			walk_db(&p, meta + PAGE_HEADER + 24, FREE_DB, 0);
		walk_db(&p, meta + PAGE_HEADER + 24 + DB_RECORD, MAIN_DB, 0);
		free(p.seen);
		free(meta);
	}
	if (n_problems)
		*n_problems += p.problems;
	return 0;
}

int bdb__tail_is_free(bdb_store *s, MDB_txn *txn, uint64_t first, uint64_t *last_pg,
		      bool *is_free)
{
	pages p = {.max_depth = MAX_DEPTH + 1};
	uint8_t *meta;
	*is_free = false;
	*last_pg = 0;
	int rc = pages_begin(s, txn, &p, &meta);
	if (rc)
		return rc > 0 ? rc : 0;
	*last_pg = p.last_pg;
	if (first > p.last_pg) {
		*is_free = true;
	} else {
		uint64_t n = p.last_pg - first + 1;
		p.tail_first = first;
		p.tail = calloc(n / 8 + 1, 1);
		if (!p.tail)
			rc = BDB_ENOMEM;
		else
			walk_db(&p, meta + PAGE_HEADER + 24, FREE_DB, 0);
		uint64_t k = 0;
		while (p.tail && k < n && (p.tail[k / 8] & (1u << (k % 8))))
			k++;
		*is_free = !rc && p.problems == 0 && k == n;
		free(p.tail);
	}
	free(p.seen);
	free(meta);
	return rc;
}
