/*
 * exec_annotate.c - annotate commit C as intended|ignore TEXT, show
 * annotations, drop annotation commit C; and the lookup that marks the
 * changes of an annotated commit in changes' rows (docs/detection.md,
 * "Annotations").
 */
#include "exec.h"

#include <stdlib.h>
#include <string.h>

static const bdb__column annotation_cols[] = {
    {"commit", BDB__STYLE_PLAIN},
    {"annotation", BDB__STYLE_PLAIN},
    {"text", BDB__STYLE_PLAIN},
};

static void annotation_row(bdb_result *r, const char *commit, bdb_annotation_kind kind,
			   const char *text)
{
	long row = bdb__result_add_row(r);
	if (row < 0)
		return;
	bdb__cell_str(r, (size_t)row, 0, commit);
	bdb__cell_str(r, (size_t)row, 1, bdb_annotation_kind_name(kind));
	bdb__cell_str(r, (size_t)row, 2, text);
}

int bdb__exec_show_annotations(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	(void)st;
	bdb_annotation *all = NULL;
	size_t n = 0;
	int rc = bdb_reader_list_annotations(ex->rd, &all, &n);
	if (rc)
		return bdb__exec_store_error(ex, rc, "listing annotations");
	rc = bdb__result_columns(r, annotation_cols, 3);
	for (size_t i = 0; !rc && i < n; i++)
		annotation_row(r, all[i].commit, all[i].kind, all[i].text);
	free(all);
	return rc;
}

/* A commit the store has no run (or annotation) of: the statement is well
 * formed, the data is missing, so BDB_ENOTFOUND (exit 3, as a run reference
 * to a missing run) with the caret of a query error. */
static int commit_not_found(bdb__exec *ex, const bdb__stmt *st, const char *what)
{
	char hint[200] = "";
	if (strcmp(what, "stored run has") == 0)
		bdb__commit_hint(ex->rd, st->name, hint, sizeof hint);
	bdb__exec_error(ex, st->name_span, "no %s commit \"%s\"%s", what, st->name, hint);
	if (ex->d)
		ex->d->code = BDB_ENOTFOUND;
	return BDB_ENOTFOUND;
}

/*
 * The stored commit that the statement's commit names, into buf: for
 * annotate, the commit of the stored runs it is a prefix of (the same
 * lookup as the run reference `commit C`); for drop, the one annotated
 * commit it is a prefix of. A query error at the commit otherwise.
 */
static int resolve_commit(bdb__exec *ex, const bdb__stmt *st, bool annotated, char *buf,
			  size_t size)
{
	size_t plen = strlen(st->name);
	if (!annotated) {
		uint64_t seq;
		bdb_run_info info;
		int rc = bdb_reader_find_commit(ex->rd, st->name, &seq);
		if (rc == BDB_EINVAL) {
			char hint[200];
			bdb__commit_hint(ex->rd, st->name, hint, sizeof hint);
			return bdb__exec_error(ex, st->name_span,
					       "commit \"%s\" is ambiguous: it starts several "
					       "stored commits%s; give more of it",
					       st->name, hint);
		}
		if (rc == BDB_ENOTFOUND)
			return commit_not_found(ex, st, "stored run has");
		if (!rc)
			rc = bdb_reader_run_info(ex->rd, seq, &info);
		if (rc)
			return bdb__exec_store_error(ex, rc, "looking up the commit");
		if (strlen(info.commit) >= size)
			return bdb__exec_error(ex, st->name_span,
					       "the commit \"%s\" names is longer than %d bytes",
					       st->name, BDB_ANNOTATION_COMMIT_MAX);
		snprintf(buf, size, "%s", info.commit);
		return 0;
	}
	bdb_annotation *all = NULL;
	size_t n = 0, found = 0;
	int rc = bdb_reader_list_annotations(ex->rd, &all, &n);
	if (rc)
		return bdb__exec_store_error(ex, rc, "listing annotations");
	for (size_t i = 0; i < n; i++)
		if (strncmp(all[i].commit, st->name, plen) == 0 &&
		    (found++ == 0 || strcmp(all[i].commit, st->name) == 0))
			snprintf(buf, size, "%s", all[i].commit);
	bool exact = found > 0 && strcmp(buf, st->name) == 0;
	free(all);
	if (found == 0)
		return commit_not_found(ex, st, "annotation of");
	if (found > 1 && !exact)
		return bdb__exec_error(ex, st->name_span,
				       "commit \"%s\" is ambiguous: it starts several "
				       "annotated commits (give more of it)",
				       st->name);
	return 0;
}

/* annotate and drop annotation: the commit is resolved in a read
 * transaction that ends before the write begins. */
static int write_annotation(bdb__exec *ex, const bdb__stmt *st, bdb_result *r, bool put)
{
	char commit[BDB_ANNOTATION_COMMIT_MAX + 1];
	int rc = bdb__result_columns(r, annotation_cols, 3);
	if (rc)
		return rc;
	rc = bdb_reader_begin(ex->store, &ex->rd);
	if (rc)
		return bdb__exec_store_error(ex, rc, "opening a read transaction");
	rc = resolve_commit(ex, st, !put, commit, sizeof commit);
	bdb_annotation *all = NULL;
	size_t n = 0;
	if (!rc && !put && (rc = bdb_reader_list_annotations(ex->rd, &all, &n)) != 0)
		rc = bdb__exec_store_error(ex, rc, "listing annotations");
	for (size_t i = 0; !rc && i < n; i++)
		if (strcmp(all[i].commit, commit) == 0)
			annotation_row(r, commit, all[i].kind, all[i].text);
	free(all);
	bdb_reader_end(ex->rd);
	ex->rd = NULL;
	if (rc)
		return rc;
	if (put) {
		annotation_row(r, commit, (bdb_annotation_kind)st->annotation, st->note);
		rc = bdb_store_put_annotation(ex->store, commit,
					      (bdb_annotation_kind)st->annotation, st->note);
	} else {
		rc = bdb_store_drop_annotation(ex->store, commit);
	}
	if (rc)
		return bdb__exec_write_error(ex, rc,
					     put ? "storing the annotation" : "dropping the annotation");
	return 0;
}

int bdb__exec_annotate(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	return write_annotation(ex, st, r, true);
}

int bdb__exec_drop_annotation(bdb__exec *ex, const bdb__stmt *st, bdb_result *r)
{
	return write_annotation(ex, st, r, false);
}

void bdb__cell_annotation(bdb__exec *ex, bdb_result *r, size_t row, size_t col,
			  const char *commit)
{
	const bdb_annotation *a =
	    bdb_reader_annotation_match(ex->rd, ex->annotations, ex->n_annotations, commit);
	if (!a)
		return;
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_printf(&b, "%s: %s", bdb_annotation_kind_name(a->kind), a->text);
	if (b.failed)
		r->failed = true;
	else
		bdb__cell_str(r, row, col, bdb_buf_cstr(&b));
	bdb_buf_free(&b);
}
