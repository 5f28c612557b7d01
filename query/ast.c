/*
 * ast.c - names of statements and methods, and query
 * errors rendered with the statement and a caret line.
 */
#include "ast.h"
#include "engine.h" /* annotation kinds */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* Names                                                                     */
/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* Longest source excerpt shown, in bytes; longer lines are clipped. */
#define EXCERPT_MAX    160
#define EXCERPT_BEFORE 60

/*
 * Moves pos back to the first byte of its UTF-8 character: at most 3 bytes,
 * so that invalid text (a long run of continuation bytes) cannot drag an
 * excerpt boundary far away from where it was put.
 */
static size_t utf8_back_to_start(const char *text, size_t pos, size_t floor)
{
	for (int i = 0; i < 3 && pos > floor && ((unsigned char)text[pos] & 0xC0) == 0x80; i++)
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

/*
 * At most this many bytes of the first line: the excerpt and caret lines take
 * at most 340 of bdb_diag's 768, and escaping can make a sentence quoting a
 * name four times longer.
 */
#define FIRST_LINE_MAX 400

/*
 * The message's first line, with control characters escaped: it may quote a
 * name from the query or the store, and a raw newline there would break the
 * three-line layout. Cut with "..." at a character start beyond
 * FIRST_LINE_MAX, so that the whole message fits a bdb_diag.
 */
static void put_first_line(bdb_buf *b, const char *s)
{
	size_t begin = b->len;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t n = b->len - begin;
		if (n >= FIRST_LINE_MAX - 8 && ((c & 0xC0) != 0x80 || n >= FIRST_LINE_MAX - 3)) {
			bdb_buf_puts(b, "...");
			return;
		}
		if (c == '\n')
			bdb_buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			bdb_buf_printf(b, "\\x%02x", c);
		else
			bdb_buf_putc(b, (char)c);
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
		i += bdb_utf8_decode(text + i, start - i, &cp);
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
		if (to < start) /* cannot happen with the 3-byte back-off; keeps end >= start */
			to = start;
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
	put_first_line(&b, message);
	bdb_buf_puts(&b, "\n  ");
	if (clip_left)
		bdb_buf_puts(&b, "...");
	put_excerpt(&b, text + from, to - from);
	if (clip_right)
		bdb_buf_puts(&b, "...");
	bdb_buf_puts(&b, "\n  ");
	size_t pad = bdb_display_width(text + from, start - from) + (clip_left ? 3 : 0);
	for (size_t i = 0; i < pad; i++)
		bdb_buf_putc(&b, ' ');
	size_t carets = bdb_display_width(text + start, end - start);
	if (carets == 0)
		carets = 1;
	for (size_t i = 0; i < carets; i++)
		bdb_buf_putc(&b, '^');
	bdb_diag_set(d, BDB_EQUERY, NULL, line, col, "%s", b.failed ? message : bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return BDB_EQUERY;
}

bool bdb_query_error_within(bdb_diag *d, const char *text, size_t at, size_t n)
{
	if (!d || d->code != BDB_EQUERY || d->line != 1 || d->col < 1)
		return false;
	size_t len = strlen(text), start = 0;
	for (int col = 1; col < d->col && start < len; col++) {
		uint32_t cp;
		start += bdb_utf8_decode(text + start, len - start, &cp);
	}
	if (start < at || start > at + n)
		return false;
	/* The span's width is its carets' count, on the message's last line. */
	const char *last = strrchr(d->message, '\n');
	size_t carets = last ? strspn(last + 1 + strspn(last + 1, " "), "^") : 1;
	size_t end = start;
	for (size_t w = 0; w < carets && end < at + n;) {
		uint32_t cp;
		size_t k = bdb_utf8_decode(text + end, at + n - end, &cp);
		w += bdb_display_width(text + end, k);
		end += k;
	}
	char first[sizeof d->message];
	snprintf(first, sizeof first, "%.*s", (int)strcspn(d->message, "\n"), d->message);
	bdb__query_error(d, text + at, n, (uint32_t)(start - at), (uint32_t)(end - at), "%s", first);
	return true;
}

/* ------------------------------------------------------------------------ */
/* Canonical text of the AST                                                 */
/* ------------------------------------------------------------------------ */

static void print_string(bdb_buf *b, const char *s)
{
	bdb__put_name(b, s, true);
}

static void print_time(bdb_buf *b, int64_t us)
{
	char t[48];
	bdb_buf_puts(b, bdb_time_format(us, t, sizeof t));
}

static void print_run(bdb_buf *b, const bdb__run_ref *r)
{
	switch (r->kind) {
	case BDB__RUN_LATEST:
		bdb_buf_puts(b, "latest");
		if (r->back)
			bdb_buf_printf(b, "~%u", (unsigned)r->back);
		if (r->branch) {
			bdb_buf_puts(b, " on branch ");
			bdb__put_name(b, r->branch, true);
		}
		return;
	case BDB__RUN_BASELINE:
		bdb_buf_puts(b, "(baseline ");
		break;
	case BDB__RUN_ID:
		bdb_buf_puts(b, "(run ");
		break;
	case BDB__RUN_COMMIT:
		bdb_buf_puts(b, "(commit ");
		break;
	case BDB__RUN_TIME:
		bdb_buf_puts(b, "(at ");
		print_time(b, r->time_us);
		bdb_buf_putc(b, ')');
		return;
	}
	print_string(b, r->name);
	bdb_buf_putc(b, ')');
}

static void print_time_spec(bdb_buf *b, const bdb__time_spec *t)
{
	if (t->relative)
		bdb_buf_printf(b, "now-%lldh", (long long)(t->us / INT64_C(3600000000)));
	else
		print_time(b, t->us);
}

static void print_expr(bdb_buf *b, const bdb__expr *e)
{
	static const char *const ops[] = {"=", "!=", "~", "in", "and", "or", "not"};
	if (e->kind == BDB__EXPR_AND || e->kind == BDB__EXPR_OR) {
		/* A chain prints as the binary operators it stands for, grouped
		 * from the left: "a or b or c" is (or (or a b) c). Loops, so
		 * only nesting (BDB__MAX_NESTING) makes this recurse. */
		for (size_t i = 1; i < e->n_operands; i++)
			bdb_buf_printf(b, "(%s ", ops[e->kind]);
		print_expr(b, e->operands[0]);
		for (size_t i = 1; i < e->n_operands; i++) {
			bdb_buf_putc(b, ' ');
			print_expr(b, e->operands[i]);
			bdb_buf_putc(b, ')');
		}
		return;
	}
	bdb_buf_printf(b, "(%s ", ops[e->kind]);
	switch (e->kind) {
	case BDB__EXPR_AND:
	case BDB__EXPR_OR:
		break;
	case BDB__EXPR_NOT:
		print_expr(b, e->operands[0]);
		break;
	default:
		if (e->field == BDB__FIELD_TAG) {
			bdb_buf_puts(b, "tag:");
			print_string(b, e->key);
		} else {
			static const char *const fields[] = {"",       "point",	 "scenario",
							     "metric", "branch", "commit"};
			bdb_buf_puts(b, fields[e->field]);
		}
		bdb_buf_putc(b, ' ');
		if (e->kind == BDB__EXPR_IN)
			bdb_buf_putc(b, '(');
		for (size_t i = 0; i < e->n_values; i++) {
			if (i)
				bdb_buf_putc(b, ' ');
			print_string(b, e->values[i]);
		}
		if (e->kind == BDB__EXPR_IN)
			bdb_buf_putc(b, ')');
		break;
	}
	bdb_buf_putc(b, ')');
}

void bdb__stmt_print(const bdb__stmt *s, bdb_buf *b)
{
	static const char *const buckets[] = {"", "day", "week", "month"};
	bdb_buf_printf(b, "(%s", bdb__stmt_name(s->kind));
	if (s->name) {
		bdb_buf_puts(b, " name=");
		print_string(b, s->name);
	}
	if (s->note) {
		bdb_buf_printf(b, " %s=", bdb_annotation_kind_name((bdb_annotation_kind)s->annotation));
		print_string(b, s->note);
	}
	if (s->metric) {
		bdb_buf_puts(b, " metric=");
		print_string(b, s->metric);
	}
	if (s->has_run) {
		bdb_buf_puts(b, s->kind == BDB__STMT_REGRESSIONS || s->kind == BDB__STMT_RANK
				    ? " in="
				    : " run=");
		print_run(b, &s->run);
	}
	if (s->has_other) {
		bdb_buf_puts(b, s->kind == BDB__STMT_COMPARE ? " with=" : " vs=");
		print_run(b, &s->other);
	}
	if (s->point) {
		bdb_buf_puts(b, " of=");
		print_string(b, s->point);
	}
	if (s->where) {
		bdb_buf_puts(b, " where=");
		print_expr(b, s->where);
	}
	if (s->clauses & BDB__C_THRESHOLD)
		bdb_buf_printf(b, " threshold=%.17g", s->threshold);
	if ((s->clauses & BDB__C_USING) && s->kind == BDB__STMT_CHANGES) {
		bdb_buf_printf(b, " using=%s",
			       bdb__method_name(s->changes_method == BDB_METHOD_EDIVISIVE
						    ? BDB_METHOD_EDIVISIVE
						    : BDB_METHOD_ROBUST));
	} else if (s->clauses & BDB__C_USING) {
		bdb_buf_printf(b, " using=%s", bdb__method_name(s->method));
		if (s->has_alpha)
			bdb_buf_printf(b, " alpha=%.17g", s->alpha);
		if (s->has_boundary)
			bdb_buf_printf(b, " boundary=%.17g", s->boundary);
	}
	if (s->clauses & BDB__C_LAST)
		bdb_buf_printf(b, " last=%llu", (unsigned long long)s->last_n);
	if (s->clauses & BDB__C_SINCE) {
		bdb_buf_puts(b, " since=");
		print_time_spec(b, &s->since);
	}
	if (s->clauses & BDB__C_UNTIL) {
		bdb_buf_puts(b, " until=");
		print_time_spec(b, &s->until);
	}
	if (s->bucket)
		bdb_buf_printf(b, " by=%s", buckets[s->bucket]);
	if (s->by) {
		bdb_buf_puts(b, " by=");
		print_string(b, s->by);
	}
	if (s->has_window)
		bdb_buf_printf(b, " window=%llu", (unsigned long long)s->window);
	if (s->clauses & BDB__C_PVALUE)
		bdb_buf_printf(b, " pvalue=%.17g", s->pvalue);
	if (s->clauses & BDB__C_PERMUTATIONS)
		bdb_buf_printf(b, " permutations=%llu", (unsigned long long)s->permutations);
	if (s->clauses & BDB__C_SEED)
		bdb_buf_printf(b, " seed=%llu", (unsigned long long)s->seed);
	if (s->clauses & BDB__C_EFFECT)
		bdb_buf_printf(b, " effect=%.17g", s->effect);
	if (s->clauses & BDB__C_FLOOR)
		bdb_buf_printf(b, " floor=%.17g", s->floor_pct);
	if (s->clauses & BDB__C_KIND)
		bdb_buf_printf(b, " kind=%s%s%s", s->kinds & BDB__KIND_STEP ? "+step" : "",
			       s->kinds & BDB__KIND_EXCURSION ? "+excursion" : "",
			       s->kinds & BDB__KIND_DRIFT ? "+drift" : "");
	if (s->clauses & BDB__C_EXPLAIN)
		bdb_buf_puts(b, " explain");
	if (s->format)
		bdb_buf_printf(b, " as=%s%s%s", bdb_output_format_name(s->format),
			       s->chart_log ? "+log" : "", s->chart_runs ? "+runs" : "");
	bdb_buf_putc(b, ')');
}
