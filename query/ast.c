/*
 * ast.c - the AST's arena, names of statements and methods, and query
 * errors rendered with the statement and a caret line.
 */
#include "ast.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* Arena                                                                     */
/* ------------------------------------------------------------------------ */

struct bdb__arena_block {
	bdb__arena_block *next;
	size_t used, size;
	_Alignas(8) unsigned char data[];
};

#define ARENA_BLOCK 4096

void bdb__arena_init(bdb__arena *a)
{
	a->head = NULL;
	a->failed = false;
}

void bdb__arena_free(bdb__arena *a)
{
	bdb__arena_block *b = a->head;
	while (b) {
		bdb__arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void *bdb__arena_alloc(bdb__arena *a, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	if (!n)
		n = 8;
	bdb__arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 2 ? n : ARENA_BLOCK;
		b = malloc(sizeof *b + size);
		if (!b) {
			a->failed = true;
			return NULL;
		}
		b->used = 0;
		b->size = size;
		/* A big allocation gets its own block behind the current one, so
		 * the current block keeps serving small requests. */
		if (a->head && size != ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *bdb__arena_strndup(bdb__arena *a, const char *s, size_t n)
{
	char *p = bdb__arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bdb__arena_strdup(bdb__arena *a, const char *s)
{
	return bdb__arena_strndup(a, s, strlen(s));
}

/* ------------------------------------------------------------------------ */
/* Names                                                                     */
/* ------------------------------------------------------------------------ */

const char *bdb__stmt_name(bdb__stmt_kind k)
{
	switch (k) {
	case BDB__STMT_SHOW_RUNS: return "show runs";
	case BDB__STMT_SHOW_POINTS: return "show points";
	case BDB__STMT_SHOW_METRICS: return "show metrics";
	case BDB__STMT_SHOW_TAGS: return "show tags";
	case BDB__STMT_SHOW_BASELINES: return "show baselines";
	case BDB__STMT_SUMMARY: return "summary";
	case BDB__STMT_TREND: return "trend";
	case BDB__STMT_RANK: return "rank";
	case BDB__STMT_COMPARE: return "compare";
	case BDB__STMT_REGRESSIONS: return "regressions";
	case BDB__STMT_CHANGES: return "changes";
	case BDB__STMT_SET_BASELINE: return "set baseline";
	case BDB__STMT_DROP_BASELINE: return "drop baseline";
	}
	return "?";
}

const char *bdb__method_name(bdb__method m)
{
	switch (m) {
	case BDB__METHOD_PERCENT: return "percent";
	case BDB__METHOD_MWU: return "mwu";
	case BDB__METHOD_ZSCORE: return "zscore";
	case BDB__METHOD_TTEST: return "ttest";
	case BDB__METHOD_IQR: return "iqr";
	case BDB__METHOD_DELTAIQR: return "deltaiqr";
	}
	return "?";
}

const char *bdb_query_format_name(bdb_query_format f)
{
	switch (f) {
	case BDB_FORMAT_JSON: return "json";
	case BDB_FORMAT_CSV: return "csv";
	case BDB_FORMAT_MARKDOWN: return "markdown";
	case BDB_FORMAT_DEFAULT:
	case BDB_FORMAT_TABLE:
		break;
	}
	return "table";
}

int bdb_query_format_parse(const char *name, bdb_query_format *out)
{
	static const bdb_query_format all[] = {BDB_FORMAT_TABLE, BDB_FORMAT_JSON, BDB_FORMAT_CSV,
					       BDB_FORMAT_MARKDOWN};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		if (name && strcasecmp(name, bdb_query_format_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	}
	return BDB_EINVAL;
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* Longest source excerpt shown, in bytes; longer lines are clipped. */
#define EXCERPT_MAX 160
#define EXCERPT_BEFORE 60

static size_t utf8_back_to_start(const char *text, size_t pos, size_t floor)
{
	while (pos > floor && ((unsigned char)text[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

static void put_excerpt(bdb_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\t')
			c = ' ';
		if (c == '\r')
			continue;
		bdb_buf_putc(b, c);
	}
}

int bdb__query_error(bdb_diag *d, const char *text, size_t len, uint32_t start, uint32_t end,
		     const char *fmt, ...)
{
	if (!d)
		return BDB_EQUERY;
	if (start > len)
		start = (uint32_t)len;
	if (end < start)
		end = start;

	size_t line_start = start, line_end = start;
	while (line_start > 0 && text[line_start - 1] != '\n')
		line_start--;
	while (line_end < len && text[line_end] != '\n')
		line_end++;
	/* At a newline token, point at the end of the line it ends. */
	if (end > line_end)
		end = (uint32_t)line_end;
	int line = 1;
	for (size_t i = 0; i < line_start; i++)
		if (text[i] == '\n')
			line++;
	int col = 1;
	for (size_t i = line_start; i < start;) {
		uint32_t cp;
		i += bdb__utf8_decode(text + i, start - i, &cp);
		col++;
	}

	/* Clip very long lines to a window around the error. */
	size_t from = line_start, to = line_end;
	bool clip_left = false, clip_right = false;
	if (line_end - line_start > EXCERPT_MAX) {
		if (start - line_start > EXCERPT_BEFORE) {
			from = utf8_back_to_start(text, start - EXCERPT_BEFORE, line_start);
			clip_left = true;
		}
		if (line_end - from > EXCERPT_MAX) {
			to = utf8_back_to_start(text, from + EXCERPT_MAX, from);
			clip_right = true;
		}
		if (to < end)
			end = (uint32_t)to;
	}

	char message[320];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);

	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_puts(&b, message);
	bdb_buf_puts(&b, "\n  ");
	if (clip_left)
		bdb_buf_puts(&b, "...");
	put_excerpt(&b, text + from, to - from);
	if (clip_right)
		bdb_buf_puts(&b, "...");
	bdb_buf_puts(&b, "\n  ");
	size_t pad = bdb__display_width(text + from, start - from) + (clip_left ? 3 : 0);
	for (size_t i = 0; i < pad; i++)
		bdb_buf_putc(&b, ' ');
	size_t carets = bdb__display_width(text + start, end - start);
	if (carets == 0)
		carets = 1;
	for (size_t i = 0; i < carets; i++)
		bdb_buf_putc(&b, '^');
	bdb_diag_set(d, BDB_EQUERY, NULL, line, col, "%s", b.failed ? message : bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return BDB_EQUERY;
}
