/* buf.c - a growable byte buffer, the UTF-8 check of texts and XML escaping. */
#include "schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bdb_buf_init(bdb_buf *b)
{
	memset(b, 0, sizeof *b);
}

void bdb_buf_free(bdb_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void bdb_buf_reset(bdb_buf *b)
{
	b->len = 0;
	b->failed = false;
	if (b->data)
		b->data[0] = '\0';
}

int bdb_buf_reserve(bdb_buf *b, size_t n)
{
	if (b->failed)
		return BDB_ENOMEM;
	/* One byte more than asked, so the contents can always be terminated. */
	if (b->len + n + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + n + 1) {
		if (cap > SIZE_MAX / 2) {
			b->failed = true;
			return BDB_ENOMEM;
		}
		cap *= 2;
	}
	char *p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return BDB_ENOMEM;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void bdb_buf_append(bdb_buf *b, const void *data, size_t n)
{
	if (bdb_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void bdb_buf_puts(bdb_buf *b, const char *s)
{
	bdb_buf_append(b, s, strlen(s));
}

void bdb_buf_putc(bdb_buf *b, char c)
{
	if (b->len + 2 <= b->cap && !b->failed) {
		/* Room for c and the terminator: no reserve, no memcpy. */
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	bdb_buf_append(b, &c, 1);
}

void bdb_buf_printf(bdb_buf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		bdb_buf_append(b, small, (size_t)n);
		return;
	}
	if (bdb_buf_reserve(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *bdb_buf_cstr(bdb_buf *b)
{
	if (!b->data || b->failed)
		return "";
	return b->data;
}

/* Length of the valid UTF-8 sequence at p, or 0 when it is not valid. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

size_t bdb_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t len;
	while (p < end && (len = utf8_length(p, end)) != 0)
		p += len;
	return (size_t)(p - (const unsigned char *)s);
}

size_t bdb_text_fault(const char *s, size_t n, bool one_line, uint32_t *control)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t valid = bdb_utf8_valid(s, n);
	for (size_t i = 0; i < valid; i++) {
		uint32_t cp = p[i];
		/* U+0080 to U+009F are 0xC2 0x80 to 0xC2 0x9F. */
		if (cp == 0xC2 && i + 1 < valid && p[i + 1] <= 0x9F)
			cp = p[i + 1];
		else if (cp >= 0x80)
			continue;
		if (cp == 0 || (one_line && (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)))) {
			if (control)
				*control = cp;
			return i;
		}
	}
	if (control)
		*control = UINT32_MAX;
	return valid;
}

void bdb_text_position(const char *text, size_t len, size_t offset, int *line, int *col)
{
	if (offset > len)
		offset = len;
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			++*col; /* a continuation byte does not start a character */
		}
	}
}

void bdb_buf_put_xml(bdb_buf *b, const char *s, size_t n)
{
	static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		const unsigned char *run = p;
		/* Plain printable ASCII goes out in one piece. */
		while (p < end && *p >= 0x20 && *p < 0x7f && *p != '&' && *p != '<' && *p != '>' &&
		       *p != '"' && *p != '\'')
			p++;
		bdb_buf_append(b, run, (size_t)(p - run));
		if (p == end)
			break;
		unsigned char c = *p;
		const char *entity = c == '&'	 ? "&amp;"
				     : c == '<'	 ? "&lt;"
				     : c == '>'	 ? "&gt;"
				     : c == '"'	 ? "&quot;"
				     : c == '\'' ? "&#39;"
						 : NULL;
		if (entity) {
			bdb_buf_puts(b, entity);
			p++;
			continue;
		}
		if (c < 0x80) {
			/* A control character (or DEL, which XML allows). */
			if (c == '\t' || c == '\n' || c == '\r' || c == 0x7f)
				bdb_buf_putc(b, (char)c);
			else
				bdb_buf_puts(b, replacement);
			p++;
			continue;
		}
		size_t len = utf8_length(p, end);
		bool bad = len == 0 || (len == 2 && p[0] == 0xC2 && p[1] <= 0x9F) ||
			   (len == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE);
		if (bad)
			bdb_buf_puts(b, replacement);
		else
			bdb_buf_append(b, p, len);
		p += len ? len : 1;
	}
}
