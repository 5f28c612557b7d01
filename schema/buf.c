/* buf.c - a growable byte buffer (the text written into it: text.c). */
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

void bdb_buf_append_grow(bdb_buf *b, const void *data, size_t n)
{
	if (bdb_buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void bdb_buf_put_shell_quoted(bdb_buf *b, const char *s)
{
	bdb_buf_putc(b, '\'');
	for (const char *q; (q = strchr(s, '\'')) != NULL; s = q + 1) {
		bdb_buf_append(b, s, (size_t)(q - s));
		bdb_buf_puts(b, "'\\''");
	}
	bdb_buf_puts(b, s);
	bdb_buf_putc(b, '\'');
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

uint64_t bdb_hash_bytes(const void *data, size_t n)
{
	const uint8_t *p = data;
	uint64_t h = n * UINT64_C(0x9e3779b97f4a7c15), w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		h = (h ^ w) * UINT64_C(0xff51afd7ed558ccd);
		h ^= h >> 32;
	}
	/* The last n - i < 8 bytes as memcpy would put them in w on a
	 * little-endian machine, one register load each: a memcpy into w
	 * followed by reading w whole stalls on store forwarding. */
	w = 0;
	for (size_t j = n; j-- > i;)
		w = w << 8 | p[j];
	/* splitmix64's finalizer */
	h = (h ^ w) * UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 30;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 27;
	h *= UINT64_C(0x94d049bb133111eb);
	return h ^ (h >> 31);
}
