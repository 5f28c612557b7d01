/*
 * annotate.c - annotations: what a person said of the change at a commit
 * ("intended: new allocator", "ignore: runner change"). One entry in the
 * meta database per annotated commit, key "annotation:" ‖ commit, value
 * kind (1 byte) ‖ commit NUL ‖ text NUL (docs/storage.md §2).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define PREFIX	   "annotation:"
#define PREFIX_LEN (sizeof PREFIX - 1)

static const char *const kind_names[] = {
    [BDB_ANNOTATION_INTENDED] = "intended",
    [BDB_ANNOTATION_IGNORE] = "ignore",
};

const char *bdb_annotation_kind_name(bdb_annotation_kind k)
{
	return k == BDB_ANNOTATION_INTENDED || k == BDB_ANNOTATION_IGNORE ? kind_names[k] : "?";
}

int bdb_annotation_kind_parse(const char *name, bdb_annotation_kind *out)
{
	for (int k = BDB_ANNOTATION_INTENDED; k <= BDB_ANNOTATION_IGNORE; k++)
		if (strcasecmp(name, kind_names[k]) == 0) {
			*out = (bdb_annotation_kind)k;
			return 0;
		}
	return BDB_ENOTFOUND;
}

const char *const *bdb_annotation_kind_names(void)
{
	static const char *const names[] = {"intended", "ignore", NULL};
	return names;
}

static bool valid_text(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n > 0 && n <= max && bdb_utf8_valid(s, n) == n;
}

typedef struct annotation_ctx {
	const char *commit;
	bdb_annotation_kind kind;
	const char *text;
	bool put;
} annotation_ctx;

static int annotation_txn(bdb_store *s, MDB_txn *txn, void *ctx)
{
	annotation_ctx *c = ctx;
	bdb_buf key;
	bdb_buf_init(&key);
	bdb_buf_puts(&key, PREFIX);
	bdb_buf_puts(&key, c->commit);
	if (key.failed) {
		bdb_buf_free(&key);
		return BDB_ENOMEM;
	}
	MDB_val k = {key.len, key.data};
	int rc;
	if (!c->put) {
		rc = mdb_del(txn, s->dbi[BDB__DB_META], &k, NULL);
		bdb_buf_free(&key);
		return rc == MDB_NOTFOUND ? BDB_ENOTFOUND : bdb__mdb_error(rc);
	}
	bdb_buf val;
	bdb_buf_init(&val);
	bdb_buf_putc(&val, (char)c->kind);
	bdb_buf_puts(&val, c->commit);
	bdb_buf_putc(&val, '\0');
	bdb_buf_puts(&val, c->text);
	bdb_buf_putc(&val, '\0');
	if (val.failed) {
		rc = BDB_ENOMEM;
	} else {
		MDB_val v = {val.len, val.data};
		rc = bdb__mdb_error(mdb_put(txn, s->dbi[BDB__DB_META], &k, &v, 0));
	}
	bdb_buf_free(&val);
	bdb_buf_free(&key);
	return rc;
}

int bdb_store_put_annotation(bdb_store *store, const char *commit, bdb_annotation_kind kind,
			     const char *text)
{
	if (!valid_text(commit, BDB_ANNOTATION_COMMIT_MAX) ||
	    !valid_text(text, BDB_ANNOTATION_TEXT_MAX) ||
	    (kind != BDB_ANNOTATION_INTENDED && kind != BDB_ANNOTATION_IGNORE))
		return BDB_EINVAL;
	annotation_ctx c = {commit, kind, text, true};
	return bdb__write(store, annotation_txn, &c);
}

int bdb_store_drop_annotation(bdb_store *store, const char *commit)
{
	if (!valid_text(commit, BDB_ANNOTATION_COMMIT_MAX))
		return BDB_ENOTFOUND;
	annotation_ctx c = {commit, 0, NULL, false};
	return bdb__write(store, annotation_txn, &c);
}

/* Decodes one value: kind ‖ commit NUL ‖ text NUL, pointers into the map. */
static int decode(const MDB_val *v, bdb_annotation *a)
{
	const char *p = v->mv_data, *end = p + v->mv_size;
	if (v->mv_size < 5 || end[-1] != '\0' ||
	    (p[0] != BDB_ANNOTATION_INTENDED && p[0] != BDB_ANNOTATION_IGNORE))
		return BDB_ECORRUPT;
	a->kind = (bdb_annotation_kind)p[0];
	a->commit = p + 1;
	const char *nul = memchr(a->commit, '\0', (size_t)(end - a->commit));
	if (nul == NULL || nul + 1 >= end - 1 || nul == a->commit)
		return BDB_ECORRUPT;
	a->text = nul + 1;
	return strlen(a->text) + 1 == (size_t)(end - a->text) ? 0 : BDB_ECORRUPT;
}

int bdb_reader_list_annotations(bdb_reader *r, bdb_annotation **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	MDB_cursor *cur;
	int rc = mdb_cursor_open(r->txn, r->store->dbi[BDB__DB_META], &cur);
	if (rc)
		return bdb__mdb_error(rc);
	bdb_annotation *list = NULL;
	size_t len = 0, cap = 0;
	MDB_val k = {PREFIX_LEN, PREFIX}, v;
	int got = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE);
	while (got == 0 && k.mv_size > PREFIX_LEN && memcmp(k.mv_data, PREFIX, PREFIX_LEN) == 0) {
		if (len == cap) {
			cap = cap ? 2 * cap : 8;
			bdb_annotation *grown = realloc(list, cap * sizeof *list);
			if (!grown) {
				rc = BDB_ENOMEM;
				break;
			}
			list = grown;
		}
		rc = decode(&v, &list[len]);
		if (rc)
			break;
		len++;
		got = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(cur);
	if (!rc && got != 0 && got != MDB_NOTFOUND)
		rc = bdb__mdb_error(got);
	if (rc) {
		free(list);
		return rc;
	}
	*out = list;
	*n = len;
	return 0;
}

/* True when a stored run has exactly this commit. */
static bool stored_commit(bdb_reader *r, const char *commit)
{
	uint64_t seq;
	bdb_run_info info;
	return bdb_reader_find_commit(r, commit, &seq) == 0 &&
	       bdb_reader_run_info(r, seq, &info) == 0 && strcmp(info.commit, commit) == 0;
}

/* Whether a and b are a full hash (40 hex digits, git's SHA-1, or 64,
 * SHA-256) and an abbreviation of it (7 or more of its first digits): one
 * commit, as git reads them. Two abbreviations of other lengths ("c110000a"
 * and "c110000aa") may be two commits. */
static bool abbreviates(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	const char *full = la > lb ? a : b, *shorter = la > lb ? b : a;
	size_t lf = la > lb ? la : lb;
	return (lf == 40 || lf == 64) && bdb_commit_is_hash(full) && bdb_commit_is_hash(shorter) &&
	       strncasecmp(full, shorter, strlen(shorter)) == 0;
}

/* The annotation of commit itself, else of the same commit abbreviated or
 * written whole ("abc1234" and the 40-digit "abc1234def..."), else the
 * longest annotated prefix of commit; with a reader, an annotation of a
 * commit some run has whole is that commit's, not a prefix of others. */
static const bdb_annotation *match(bdb_reader *r, const bdb_annotation *list, size_t n,
				   const char *commit)
{
	const bdb_annotation *best = NULL;
	size_t best_len = 0, whole = commit ? strlen(commit) : 0;
	if (!commit || !commit[0])
		return NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i].commit);
		if (len == whole && strcmp(commit, list[i].commit) == 0)
			return &list[i];
		bool same = abbreviates(commit, list[i].commit);
		if (same && len > whole)
			len = whole; /* the run's commit abbreviates the annotated one */
		if (len > best_len && (same || (strncmp(commit, list[i].commit, len) == 0 &&
						(!r || !stored_commit(r, list[i].commit))))) {
			best = &list[i];
			best_len = len;
		}
	}
	return best;
}

const bdb_annotation *bdb_annotation_match(const bdb_annotation *list, size_t n,
					   const char *commit)
{
	return match(NULL, list, n, commit);
}

const bdb_annotation *bdb_reader_annotation_match(bdb_reader *r, const bdb_annotation *list,
						  size_t n, const char *commit)
{
	return match(r, list, n, commit);
}
