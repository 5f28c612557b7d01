/*
 * table.c - result tables: building them (for the executor) and reading them
 * (the bdb_result_* accessors of query.h).
 */
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bdb_result *bdb__result_new(const char *statement)
{
	bdb_result *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	bdb_arena_init(&r->arena, 0);
	r->statement = statement;
	r->spark_col = -1;
	r->spark_group = -1;
	r->spark_group_cols = 1;
	return r;
}

void bdb_result_free(bdb_result *r)
{
	if (!r)
		return;
	bdb_result_free(r->chart_table);
	bdb_result_free(r->series_rows);
	bdb_arena_free(&r->arena);
	free(r->cells);
	free(r->marks);
	free(r->field_names);
	free(r->fields);
	free(r->notes);
	free(r);
}

const bdb_result *bdb_result_chart_table(const bdb_result *r)
{
	if (r->chart_table)
		return r->chart_table;
	return strcmp(r->statement, bdb__stmt_name(BDB__STMT_TREND)) == 0 ? r : NULL;
}

int bdb__result_columns(bdb_result *r, const bdb__column *cols, size_t n)
{
	r->cols = bdb_arena_calloc(&r->arena, n * sizeof *cols);
	if (!r->cols) {
		r->failed = true;
		return BDB_ENOMEM;
	}
	memcpy(r->cols, cols, n * sizeof *cols);
	r->n_cols = n;
	return 0;
}

int bdb__result_reserve(bdb_result *r, size_t n)
{
	if (r->n_rows + n <= r->cap_rows)
		return 0;
	/* At least double: statements reserving series after series stay
	 * linear in the rows they add. */
	size_t cap = r->n_rows + n > 2 * r->cap_rows ? r->n_rows + n : 2 * r->cap_rows;
	bdb_value *cells = realloc(r->cells, cap * r->n_cols * sizeof *cells);
	if (!cells) {
		r->failed = true;
		return BDB_ENOMEM;
	}
	r->cells = cells;
	uint8_t *marks = realloc(r->marks, cap);
	if (!marks) {
		r->failed = true;
		return BDB_ENOMEM;
	}
	r->marks = marks;
	r->cap_rows = cap;
	return 0;
}

long bdb__result_add_row(bdb_result *r)
{
	if (r->n_rows == r->cap_rows && bdb__result_reserve(r, r->cap_rows ? 1 : 16) != 0)
		return -1;
	size_t row = r->n_rows++;
	memset(r->cells + row * r->n_cols, 0, r->n_cols * sizeof *r->cells);
	r->marks[row] = BDB__MARK_NONE;
	return (long)row;
}

void bdb__result_reverse(bdb_result *r, size_t from, size_t to)
{
	size_t w = r->n_cols;
	for (; from + 1 < to; from++, to--) {
		bdb_value *a = r->cells + from * w, *b = r->cells + (to - 1) * w;
		for (size_t c = 0; c < w; c++) {
			bdb_value t = a[c];
			a[c] = b[c];
			b[c] = t;
		}
		uint8_t m = r->marks[from];
		r->marks[from] = r->marks[to - 1];
		r->marks[to - 1] = m;
	}
}

void bdb__result_truncate(bdb_result *r, size_t n)
{
	if (n < r->n_rows)
		r->n_rows = n;
}

void bdb_result_slice(bdb_result *r, size_t from, size_t count)
{
	if (from > r->n_rows)
		from = r->n_rows;
	if (count > r->n_rows - from)
		count = r->n_rows - from;
	if (from) {
		memmove(r->cells, r->cells + from * r->n_cols,
			count * r->n_cols * sizeof *r->cells);
		memmove(r->marks, r->marks + from, count);
	}
	r->n_rows = count;
}

static bdb_value *cell(bdb_result *r, size_t row, size_t col)
{
	return &r->cells[row * r->n_cols + col];
}

const char *bdb__result_strdup(bdb_result *r, const char *s)
{
	if (!s)
		s = "";
	char *p = bdb_arena_strndup(&r->arena, s, strlen(s));
	if (!p) {
		r->failed = true;
		return "";
	}
	return p;
}

void bdb__cell_strn(bdb_result *r, size_t row, size_t col, const char *s, size_t n)
{
	char *p = bdb_arena_strndup(&r->arena, s, n);
	if (!p) {
		r->failed = true;
		return;
	}
	bdb_value *v = cell(r, row, col);
	v->kind = BDB_VALUE_STRING;
	v->str = p;
}

void bdb__cell_strn2(bdb_result *r, size_t row, size_t col1, const char *s1, size_t n1, size_t col2,
		     const char *s2, size_t n2)
{
	char *p = bdb_arena_alloc(&r->arena, n1 + 1 + (n2 ? n2 + 1 : 0));
	if (!p) {
		r->failed = true;
		return;
	}
	memcpy(p, s1, n1);
	p[n1] = '\0';
	bdb_value *v = cell(r, row, col1);
	v->kind = BDB_VALUE_STRING;
	v->str = p;
	if (!n2)
		return;
	p += n1 + 1;
	memcpy(p, s2, n2);
	p[n2] = '\0';
	v = cell(r, row, col2);
	v->kind = BDB_VALUE_STRING;
	v->str = p;
}

void bdb__cell_str(bdb_result *r, size_t row, size_t col, const char *s)
{
	if (!s)
		return; /* stays NULL */
	bdb__cell_strn(r, row, col, s, strlen(s));
}

void bdb__cell_int(bdb_result *r, size_t row, size_t col, int64_t v)
{
	bdb_value *c = cell(r, row, col);
	c->kind = BDB_VALUE_INT;
	c->i = v;
}

void bdb__cell_num(bdb_result *r, size_t row, size_t col, double v)
{
	bdb_value *c = cell(r, row, col);
	c->kind = BDB_VALUE_NUMBER;
	c->num = v;
}

void bdb__cell_time(bdb_result *r, size_t row, size_t col, int64_t us)
{
	bdb_value *c = cell(r, row, col);
	c->kind = BDB_VALUE_TIME;
	c->i = us;
}

void bdb__cell_bool(bdb_result *r, size_t row, size_t col, bool v)
{
	bdb_value *c = cell(r, row, col);
	c->kind = BDB_VALUE_BOOL;
	c->i = v;
}

void bdb__cell_tags(bdb_result *r, size_t row, size_t col, const bdb_kv *tags, size_t n)
{
	bdb_kv *copy = bdb_arena_calloc(&r->arena, (n ? n : 1) * sizeof *copy);
	if (!copy) {
		r->failed = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		copy[i].key = bdb__result_strdup(r, tags[i].key);
		copy[i].value = bdb__result_strdup(r, tags[i].value);
	}
	bdb_value *c = cell(r, row, col);
	c->kind = BDB_VALUE_TAGS;
	c->tags = copy;
	c->n_tags = n;
}

void bdb__cell_copy(bdb_result *r, size_t row, size_t col, size_t from_row)
{
	*cell(r, row, col) = *cell(r, from_row, col);
}

void bdb__row_mark(bdb_result *r, size_t row, bdb__mark mark)
{
	r->marks[row] = (uint8_t)mark;
}

static bdb_value *add_field(bdb_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_fields; i++)
		if (strcmp(r->field_names[i], name) == 0)
			return &r->fields[i];
	if (r->n_fields == r->cap_fields) {
		size_t cap = r->cap_fields ? 2 * r->cap_fields : 8;
		const char **names = realloc(r->field_names, cap * sizeof *names);
		if (!names) {
			r->failed = true;
			return NULL;
		}
		r->field_names = names;
		bdb_value *fields = realloc(r->fields, cap * sizeof *fields);
		if (!fields) {
			r->failed = true;
			return NULL;
		}
		r->fields = fields;
		r->cap_fields = cap;
	}
	r->field_names[r->n_fields] = name;
	bdb_value *v = &r->fields[r->n_fields++];
	memset(v, 0, sizeof *v);
	return v;
}

void bdb__field_str(bdb_result *r, const char *name, const char *s)
{
	bdb_value *v = add_field(r, name);
	if (!v)
		return;
	if (!s) {
		v->kind = BDB_VALUE_NULL;
		return;
	}
	v->kind = BDB_VALUE_STRING;
	v->str = bdb__result_strdup(r, s);
}

void bdb__field_num(bdb_result *r, const char *name, double x)
{
	bdb_value *v = add_field(r, name);
	if (v) {
		v->kind = BDB_VALUE_NUMBER;
		v->num = x;
	}
}

void bdb__field_int(bdb_result *r, const char *name, int64_t x)
{
	bdb_value *v = add_field(r, name);
	if (v) {
		v->kind = BDB_VALUE_INT;
		v->i = x;
	}
}

void bdb__field_time(bdb_result *r, const char *name, int64_t us)
{
	bdb_value *v = add_field(r, name);
	if (v) {
		v->kind = BDB_VALUE_TIME;
		v->i = us;
	}
}

void bdb__field_null(bdb_result *r, const char *name)
{
	bdb_value *v = add_field(r, name);
	if (v)
		v->kind = BDB_VALUE_NULL;
}

void bdb__result_note(bdb_result *r, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (r->n_notes == r->cap_notes) {
		size_t cap = r->cap_notes ? 2 * r->cap_notes : 4;
		const char **notes = realloc(r->notes, cap * sizeof *notes);
		if (!notes) {
			r->failed = true;
			return;
		}
		r->notes = notes;
		r->cap_notes = cap;
	}
	r->notes[r->n_notes++] = bdb__result_strdup(r, line);
}

/*
 * A stable merge sort over whole rows: rows are copied into a scratch array
 * of the same shape. Merge sort keeps equal rows in their order, which rank
 * relies on ("stable, unique ranks").
 */
int bdb__result_sort(bdb_result *r, size_t from, size_t to, bdb__row_cmp cmp, void *ctx)
{
	size_t n = to - from, w = r->n_cols;
	if (n < 2)
		return 0;
	bdb_value *tmp = malloc(n * w * sizeof *tmp);
	uint8_t *tmarks = malloc(n);
	if (!tmp || !tmarks) {
		free(tmp);
		free(tmarks);
		return BDB_ENOMEM;
	}
	bdb_value *a = r->cells + from * w;
	uint8_t *am = r->marks + from;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid || j < hi) {
				size_t src;
				if (i < mid && (j >= hi || cmp(a + i * w, a + j * w, ctx) <= 0))
					src = i++;
				else
					src = j++;
				memcpy(tmp + k * w, a + src * w, w * sizeof *tmp);
				tmarks[k] = am[src];
				k++;
			}
		}
		memcpy(a, tmp, n * w * sizeof *tmp);
		memcpy(am, tmarks, n);
	}
	free(tmp);
	free(tmarks);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Public accessors                                                          */
/* ------------------------------------------------------------------------ */

const char *bdb_result_statement(const bdb_result *r)
{
	return r->statement;
}

bdb_output_format bdb_result_requested_format(const bdb_result *r)
{
	return r->requested;
}

size_t bdb_result_n_columns(const bdb_result *r)
{
	return r->n_cols;
}

const char *bdb_result_column(const bdb_result *r, size_t col)
{
	return col < r->n_cols ? r->cols[col].name : NULL;
}

int bdb_result_column_index(const bdb_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_cols; i++)
		if (strcmp(r->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

size_t bdb_result_n_rows(const bdb_result *r)
{
	return r->n_rows;
}

bdb_value bdb_result_get(const bdb_result *r, size_t row, size_t col)
{
	bdb_value none = {.kind = BDB_VALUE_NULL};
	if (row >= r->n_rows || col >= r->n_cols)
		return none;
	return r->cells[row * r->n_cols + col];
}

size_t bdb_result_n_fields(const bdb_result *r)
{
	return r->n_fields;
}

const char *bdb_result_field_name(const bdb_result *r, size_t i)
{
	return i < r->n_fields ? r->field_names[i] : NULL;
}

bdb_value bdb_result_field(const bdb_result *r, size_t i)
{
	bdb_value none = {.kind = BDB_VALUE_NULL};
	return i < r->n_fields ? r->fields[i] : none;
}

bdb_value bdb_result_field_by_name(const bdb_result *r, const char *name)
{
	for (size_t i = 0; i < r->n_fields; i++)
		if (strcmp(r->field_names[i], name) == 0)
			return r->fields[i];
	bdb_value none = {.kind = BDB_VALUE_NULL};
	return none;
}
