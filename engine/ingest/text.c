/*
 * text.c - helpers for the text formats (gotest, cargo, benchmarkjs, ...)
 * and for turning byte offsets into line:column positions: line
 * iteration, the loop of the one-result-a-line readers, strict number
 * parsing, and the check that an input is text at all.
 */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bdb__lines_init(bdb__lines *l, const char *data, size_t len)
{
	l->next = data;
	l->end = data + len;
	l->line = NULL;
	l->len = 0;
	l->number = 0;
}

bool bdb__lines_next(bdb__lines *l)
{
	if (l->next >= l->end)
		return false;
	const char *nl = memchr(l->next, '\n', (size_t)(l->end - l->next));
	const char *stop = nl ? nl : l->end;
	l->line = l->next;
	l->len = (size_t)(stop - l->next);
	if (l->len && l->line[l->len - 1] == '\r')
		l->len--;
	l->next = nl ? nl + 1 : l->end;
	l->number++;
	return true;
}

bool bdb__lines_cut(const bdb__lines *l)
{
	return l->next == l->end && l->line < l->end && l->end[-1] != '\n';
}

bool bdb__detect_lines(const char *data, size_t len, bdb__line_fn fn)
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l)) {
		const char *err, *at;
		/* A line that starts like a result is the tool's, even when the rest is broken. */
		if (fn(NULL, l.line, l.len, &err, &at) != 0)
			return true;
	}
	return false;
}

int bdb__read_lines(bdb__input *in, const char *what, bdb__line_fn fn, bdb_run *run, bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__samples samples = {0};
	bdb__line_ctx c = {.run = run, .samples = &samples};
	bdb__lines l;
	bdb__lines_init(&l, in->data, in->len);
	while (!rc && bdb__lines_next(&l)) {
		const char *err, *at;
		c.cut = bdb__lines_cut(&l);
		if (fn(&c, l.line, l.len, &err, &at) < 0)
			rc =
			    bdb_diag_set(d, BDB_EPARSE, in->name, l.number, bdb__line_column(l.line, at),
					 "malformed %s line: %s", what, err);
		else
			rc = c.rc;
	}
	if (!rc)
		rc = bdb__samples_finish(&samples, run);
	bdb__samples_free(&samples);
	bdb__strmap_free(&c.points);
	return rc;
}

int bdb__csv_split(bdb__csv_row *row, const char *line, size_t len, const char **err,
		   const char **at)
{
	const char *p = line, *end = line + len;
	size_t offsets[BDB__CSV_MAX_FIELDS];
	bdb_buf_reset(&row->text);
	row->n = 0;
	for (;;) {
		if (row->n == BDB__CSV_MAX_FIELDS) {
			*err = "more than 256 fields on one line";
			*at = p;
			return -1;
		}
		row->start[row->n] = p;
		offsets[row->n++] = row->text.len;
		if (p < end && *p == '"') {
			const char *open = p++;
			for (;;) {
				if (p == end) {
					*err = "a quoted field does not close";
					*at = open;
					return -1;
				}
				if (*p == '"' && p + 1 < end && p[1] == '"') {
					bdb_buf_putc(&row->text, '"');
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					bdb_buf_putc(&row->text, *p++);
				}
			}
			if (p < end && *p != ',') {
				*err = "expected ',' after a quoted field";
				*at = p;
				return -1;
			}
		} else {
			const char *comma = memchr(p, ',', (size_t)(end - p));
			const char *stop = comma ? comma : end;
			bdb_buf_append(&row->text, p, (size_t)(stop - p));
			p = stop;
		}
		bdb_buf_putc(&row->text, '\0');
		if (p == end)
			break;
		p++; /* the comma */
	}
	if (row->text.failed)
		return BDB_ENOMEM;
	for (size_t i = 0; i < row->n; i++)
		row->field[i] = row->text.data + offsets[i];
	return 0;
}

void bdb__csv_free(bdb__csv_row *row)
{
	bdb_buf_free(&row->text);
}

/* UTF-8 continuation bytes do not start a character. */
static bool starts_char(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

int bdb__line_column(const char *line, const char *at)
{
	int col = 1;
	for (const char *p = line; p < at; p++)
		if (starts_char((unsigned char)*p))
			col++;
	return col;
}

int bdb__text_check(const char *name, const char *text, size_t len, bdb_diag *d)
{
	uint32_t control;
	size_t at = bdb_text_fault(text, len, false, &control);
	if (at == len)
		return 0;
	int line, col;
	bdb_text_position(text, len, at, &line, &col);
	if (control == 0)
		return bdb_diag_set(d, BDB_EPARSE, name, line, col,
				    "unexpected NUL byte: this is binary data, not benchmark text");
	return bdb_diag_set(d, BDB_EPARSE, name, line, col,
			    "invalid UTF-8 byte 0x%02x: this is binary data, not benchmark text",
			    (unsigned char)text[at]);
}

bool bdb__parse_number(const char *s, size_t n, bool allow_commas, double *out)
{
	char buf[128];
	size_t k = 0;
	bool digits = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' && allow_commas && digits)
			continue;
		if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' ||
		      c == 'E'))
			return false;
		digits |= c >= '0' && c <= '9';
		if (k + 1 >= sizeof buf)
			return false;
		buf[k++] = c;
	}
	if (!digits)
		return false;
	buf[k] = '\0';
	char *endp;
	double v = strtod(buf, &endp);
	if (*endp || !isfinite(v))
		return false;
	*out = v;
	return true;
}

const char *bdb__skip_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

const char *bdb__token_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

bool bdb__starts_with(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(line, prefix, n) == 0;
}

void bdb__copy_text(char *dst, size_t cap, const char *src, size_t len)
{
	if (len >= cap) {
		len = cap - 1;
		while (len > 0 && !starts_char((unsigned char)src[len]))
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

bool bdb__span_is(bdb__span s, const char *lit)
{
	return strlen(lit) == s.n && memcmp(s.s, lit, s.n) == 0;
}

static bdb__span trim(const char *p, const char *end)
{
	p = bdb__skip_blanks(p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return (bdb__span){p, (size_t)(end - p)};
}

bool bdb__split_key(const char *line, size_t len, char sep, bdb__span *key, bdb__span *value)
{
	const char *end = line + len;
	for (const char *p = line; p < end; p++) {
		if (*p != sep || (p + 1 < end && p[1] != ' ' && p[1] != '\t'))
			continue;
		*key = trim(line, p);
		*value = trim(p + 1, end);
		return key->n > 0;
	}
	return false;
}

bool bdb__parse_quantity(const char *s, size_t n, double *v, bdb__span *unit)
{
	const char *end = s + n, *p = s;
	if (p < end && (*p == '-' || *p == '+'))
		p++;
	while (p < end && ((*p >= '0' && *p <= '9') || *p == '.'))
		p++;
	if (p + 1 < end && (*p == 'e' || *p == 'E') &&
	    ((p[1] >= '0' && p[1] <= '9') ||
	     (p + 2 < end && (p[1] == '-' || p[1] == '+') && p[2] >= '0' && p[2] <= '9'))) {
		p += 2;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (!bdb__parse_number(s, (size_t)(p - s), false, v))
		return false;
	*unit = trim(p, end);
	return true;
}

const char *bdb__find(const char *s, size_t n, const char *lit)
{
	size_t k = strlen(lit);
	for (size_t i = 0; k <= n && i <= n - k; i++)
		if (s[i] == lit[0] && memcmp(s + i, lit, k) == 0)
			return s + i;
	return NULL;
}

size_t bdb__csv_spans(const char *line, size_t len, bdb__span *out, size_t max, const char **bad)
{
	const char *p = line, *end = line + len;
	size_t n = 0;
	for (;;) {
		const char *start = p, *stop;
		if (p < end && *p == '"') {
			const char *q = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (!q || (q + 1 < end && q[1] != ',')) {
				*bad = q ? q + 1 : p;
				return (size_t)-1;
			}
			start = p + 1;
			stop = q;
			p = q + 1;
		} else {
			while (p < end && *p != ',')
				p++;
			stop = p;
		}
		if (n == max) {
			*bad = start;
			return (size_t)-1;
		}
		out[n++] = (bdb__span){start, (size_t)(stop - start)};
		if (p == end)
			return n;
		p++; /* the comma */
	}
}

bool bdb__any_line(const char *data, size_t len, bool (*match)(const char *line, size_t len))
{
	bdb__lines l;
	bdb__lines_init(&l, data, len);
	while (bdb__lines_next(&l))
		if (match(l.line, l.len))
			return true;
	return false;
}
