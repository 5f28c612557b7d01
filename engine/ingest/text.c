/*
 * text.c - helpers for the text formats (gotest, cargo) and for turning
 * byte offsets into line:column positions: line iteration, strict number
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
