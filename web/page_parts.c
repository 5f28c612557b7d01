/*
 * page_parts.c - what the report and the dashboard's overview share (page_parts.h).
 */
#include "page_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *bdb__page_text_copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

int bdb__page_baseline_branch(bdb_store *store, const bdb_query_options *opt, const char *name,
			      bdb_buf *out, bdb_diag *d)
{
	bdb_result *res = NULL, *env = NULL;
	bdb_buf scratch;
	bdb_buf_init(&scratch);
	int rc = bdb_query_run(store, "show baselines", opt, &res, d);
	for (size_t i = 0; !rc && i < bdb_result_n_rows(res); i++) {
		if (strcmp(bdb__page_cell(&scratch, res, i, "baseline"), name) != 0)
			continue;
		rc = bdb_query_run_environment(store, bdb__page_cell(&scratch, res, i, "run"), &env,
					       d);
		if (!rc) {
			bdb_value b = bdb_result_field_by_name(env, "branch");
			if (b.kind == BDB_VALUE_STRING)
				bdb_buf_puts(out, b.str);
		}
		break;
	}
	bdb_result_free(env);
	bdb_result_free(res);
	bdb_buf_free(&scratch);
	return rc == BDB_ENOTFOUND ? 0 : rc;
}

const char *bdb__page_cell(bdb_buf *scratch, const bdb_result *res, size_t row, const char *name)
{
	bdb_buf_reset(scratch);
	int col = bdb_result_column_index(res, name);
	if (col >= 0 && row < bdb_result_n_rows(res))
		bdb_result_cell_text(res, row, (size_t)col, scratch);
	return bdb_buf_cstr(scratch);
}

char *bdb__page_series_key(bdb_buf *scratch, const bdb_result *res, size_t row, const char *metric)
{
	bdb_buf key;
	bdb_buf_init(&key);
	bdb_buf_puts(&key, bdb__page_cell(scratch, res, row, "point"));
	bdb_buf_putc(&key, '\n');
	bdb_buf_puts(&key, bdb__page_cell(scratch, res, row, "tags"));
	bdb_buf_putc(&key, '\n');
	bdb_buf_puts(&key, metric ? metric : bdb__page_cell(scratch, res, row, "metric"));
	char *copy = key.failed ? NULL : bdb__page_text_copy(bdb_buf_cstr(&key));
	bdb_buf_free(&key);
	return copy;
}

int bdb__page_changes_add(bdb__page_changes *c, bdb_buf *scratch, const bdb_result *res, size_t row,
			  const char *what, size_t ref)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		bdb__page_change *p = realloc(c->v, cap * sizeof *p);
		if (!p)
			return BDB_ENOMEM;
		c->v = p;
		c->cap = cap;
	}
	bdb__page_change *ch = &c->v[c->n++];
	int col = bdb_result_column_index(res, "timestamp");
	bdb_value t = col >= 0 ? bdb_result_get(res, row, (size_t)col) : (bdb_value){0};
	ch->time_us = t.kind == BDB_VALUE_TIME ? t.i : 0;
	ch->ref = ref;
	ch->what = bdb__page_text_copy(what);
	ch->pct = bdb__page_text_copy(bdb__page_cell(scratch, res, row, "change_pct"));
	ch->run = bdb__page_text_copy(bdb__page_cell(scratch, res, row, "run"));
	const char *commit = bdb__page_cell(scratch, res, row, "commit");
	ch->no_commit = strcmp(commit, "-") == 0;
	ch->commit = bdb__page_text_copy(strcmp(commit, "-") != 0 ? commit
					 : ch->run		  ? ch->run
								  : "");
	return ch->what && ch->pct && ch->run && ch->commit ? 0 : BDB_ENOMEM;
}

static int cmp_change(const void *a, const void *b)
{
	const bdb__page_change *x = a, *y = b;
	if (x->time_us != y->time_us)
		return x->time_us > y->time_us ? -1 : 1; /* newest first */
	int c = strcmp(x->commit, y->commit);
	return c ? c : strcmp(x->what, y->what);
}

void bdb__page_changes_sort(bdb__page_changes *c)
{
	if (c->n)
		qsort(c->v, c->n, sizeof *c->v, cmp_change);
}

size_t bdb__page_changes_group_end(const bdb__page_changes *c, size_t from)
{
	size_t j = from;
	while (j < c->n && c->v[j].time_us == c->v[from].time_us &&
	       strcmp(c->v[j].commit, c->v[from].commit) == 0)
		j++;
	return j;
}

void bdb__page_changes_free(bdb__page_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].commit);
		free(c->v[i].run);
		free(c->v[i].pct);
		free(c->v[i].what);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

const char *bdb__page_annotation(bdb_buf *scratch, const bdb_result *annotations,
				 const char *commit)
{
	if (!annotations || !commit || !*commit)
		return NULL;
	int cc = bdb_result_column_index(annotations, "commit");
	int ck = bdb_result_column_index(annotations, "annotation");
	int ct = bdb_result_column_index(annotations, "text");
	if (cc < 0 || ck < 0 || ct < 0)
		return NULL;
	for (size_t i = 0; i < bdb_result_n_rows(annotations); i++) {
		bdb_value c = bdb_result_get(annotations, i, (size_t)cc);
		if (c.kind != BDB_VALUE_STRING || strncmp(commit, c.str, strlen(c.str)) != 0)
			continue;
		bdb_buf_reset(scratch);
		bdb_result_cell_text(annotations, i, (size_t)ck, scratch);
		bdb_buf_puts(scratch, ": ");
		bdb_result_cell_text(annotations, i, (size_t)ct, scratch);
		return bdb_buf_cstr(scratch);
	}
	return NULL;
}

const char *const bdb__page_group_columns[] = {
    "commit",	    "timestamp",    "kind",   "series",	    "median_change_pct",
    "worst_change_pct", "worst_series", "bisect", "annotation", NULL};

const char *const bdb__page_group_headers[] = {
    "commit",	    "time",	    "kind",   "series",	    "median change",
    "worst change", "worst series", "bisect", "annotation", NULL};

const char *bdb__page_group_cell(bdb_buf *scratch, const bdb_result *res, size_t row,
				 const char *name)
{
	if (bdb_result_column_index(res, "series") >= 0)
		return bdb__page_cell(scratch, res, row, name);
	if (strcmp(name, "series") == 0)
		return "1";
	if (strcmp(name, "median_change_pct") == 0 || strcmp(name, "worst_change_pct") == 0)
		return bdb__page_cell(scratch, res, row, "change_pct");
	if (strcmp(name, "worst_series") == 0 || strcmp(name, "bisect") == 0)
		return "";
	return bdb__page_cell(scratch, res, row, name);
}

void bdb__page_put_notes(const bdb_result *res, const char *metric, bdb_buf *scratch, bdb_buf *out,
			 void (*put)(bdb_buf *out, const char *text, size_t n))
{
	bdb_buf notes;
	bdb_buf_init(&notes);
	bdb_result_put_unshown_notes(res, BDB_OUTPUT_CSV, "", &notes);
	for (const char *line = notes.data, *nl; line && *line; line = *nl ? nl + 1 : nl) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line);
		bdb_buf_reset(scratch);
		bdb_buf_printf(scratch, "%s: %.*s", metric, (int)(nl - line), line);
		put(out, bdb_buf_cstr(scratch), scratch->len);
	}
	bdb_buf_free(&notes);
}

void bdb__page_window_start(bdb_buf *scratch, const bdb_result *runs, size_t n, char *buf,
			    size_t size, int64_t *since_us)
{
	size_t have = bdb_result_n_rows(runs);
	snprintf(buf, size, "%s",
		 n > 0 && have == n ? bdb__page_cell(scratch, runs, n - 1, "timestamp") : "");
	int col = bdb_result_column_index(runs, "timestamp");
	bdb_value t = col >= 0 && *buf ? bdb_result_get(runs, n - 1, (size_t)col)
				       : (bdb_value){.kind = BDB_VALUE_NULL};
	*since_us =
	    t.kind == BDB_VALUE_TIME ? t.i - ((t.i % 1000000) + 1000000) % 1000000 : INT64_MIN;
}

void bdb__page_put_commit(bdb_buf *out, const char *commit)
{
	/* How much of it the CLI's tables show. */
	bdb_buf shown;
	bdb_buf_init(&shown);
	bdb_query_put_commit(&shown, commit);
	size_t n = strlen(commit), cut = shown.failed ? n : shown.len;
	bdb_buf_free(&shown);
	if (cut >= n) {
		bdb_buf_put_xml(out, commit, n);
		return;
	}
	/* A hash (hex digits): nothing to escape. */
	bdb_buf_printf(
	    out,
	    "<code class=\"commit\" title=\"%s\">%.*s<span class=\"hash-rest\">%s</span></code>",
	    commit, (int)cut, commit, commit + cut);
}
