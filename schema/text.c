/*
 * text.c - the one text layer: UTF-8 decoding, validation and display
 * width; the escapers of every writer (JSON, CSV, Markdown, XML); the
 * shortest round-trip text of a double; and the arena that holds the
 * strings of a run, a parse or a result table.
 */
#include "schema.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------ */
/* UTF-8                                                                     */
/* ------------------------------------------------------------------------ */

size_t bdb_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	*cp = 0xFFFD;
	if (n == 0)
		return 0;
	unsigned char c = p[0];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t bdb_utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t bdb_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	if (n == 0) {
		*cp = 0;
		return 0;
	}
	size_t len = bdb_utf8_next(s, n, cp);
	return len ? len : 1;
}

size_t bdb_utf8_valid(const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t cp;
	while (i < n && (len = bdb_utf8_next(s + i, n - i, &cp)) != 0)
		i += len;
	return i;
}

static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;
static locale_t utf8_ctype;

static void make_utf8_ctype(void)
{
	utf8_ctype = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!utf8_ctype)
		utf8_ctype = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

locale_t bdb_text_utf8_ctype(void)
{
	pthread_once(&utf8_once, make_utf8_ctype);
	return utf8_ctype;
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

/* ------------------------------------------------------------------------ */
/* Display width                                                             */
/* ------------------------------------------------------------------------ */

typedef struct cp_range {
	uint32_t lo, hi;
} cp_range;

static const cp_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

static const cp_range wide[] = {
    {0x1100, 0x115F},	{0x231A, 0x231B},   {0x2329, 0x232A},	{0x23E9, 0x23EC},
    {0x2E80, 0x303E},	{0x3041, 0x33FF},   {0x3400, 0x4DBF},	{0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},	{0xA960, 0xA97F},   {0xAC00, 0xD7A3},	{0xF900, 0xFAFF},
    {0xFE10, 0xFE19},	{0xFE30, 0xFE6F},   {0xFF00, 0xFF60},	{0xFFE0, 0xFFE6},
    {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_ranges(uint32_t cp, const cp_range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int bdb_codepoint_width(uint32_t cp)
{
	if (cp == '\t')
		return 1;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
		return 0;
	if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
		return 2;
	return 1;
}

/* Whether the 8 bytes at p are all printable ASCII (0x20..0x7E): no byte
 * below 0x20 and none above 0x7E, tested on all eight at once. */
static bool printable8(const char *p)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t x;
	memcpy(&x, p, 8);
	uint64_t below = (x - 0x20 * ones) & ~x;
	uint64_t above = (x + ones) | x;
	return ((below | above) & highs) == 0;
}

size_t bdb_display_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		if (n - i >= 8 && printable8(s + i)) {
			w += 8;
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			/* Printable ASCII, most of any table: one column each. */
			w++;
			i++;
			continue;
		}
		uint32_t cp;
		i += bdb_utf8_decode(s + i, n - i, &cp);
		w += (size_t)bdb_codepoint_width(cp);
	}
	return w;
}

size_t bdb_display_prefix(const char *s, size_t n, size_t columns)
{
	size_t w = 0, i = 0;
	while (i < n) {
		uint32_t cp = (unsigned char)s[i];
		size_t step = cp >= 0x20 && cp < 0x7F ? 1 : bdb_utf8_decode(s + i, n - i, &cp);
		size_t cw = (size_t)bdb_codepoint_width(cp);
		if (w + cw > columns)
			break;
		w += cw;
		i += step;
	}
	return i;
}

/* ------------------------------------------------------------------------ */
/* Numbers                                                                   */
/* ------------------------------------------------------------------------ */

char *bdb_double_text(double v, char *buf, size_t size)
{
	/* %.15g is exact for values that need no more digits (and drops
	 * trailing zeros); 17 significant digits always read back. A
	 * subnormal holds fewer digits than 15: its shortest text may be
	 * shorter than 15 digits that read back (1e-310, not
	 * 9.99999999999997e-311). */
	int prec = v != 0 && fabs(v) < DBL_MIN ? 1 : 15;
	for (; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

/* ------------------------------------------------------------------------ */
/* Escapers                                                                  */
/* ------------------------------------------------------------------------ */

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

void bdb_buf_put_json_string(bdb_buf *b, const char *s, size_t n)
{
	bdb_buf_putc(b, '"');
	size_t i = 0;
	while (i < n) {
		size_t valid = i + bdb_utf8_valid(s + i, n - i);
		while (i < valid) {
			/* Plain text goes out in one piece. */
			size_t run = i;
			while (i < valid && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
				i++;
			bdb_buf_append(b, s + run, i - run);
			if (i == valid)
				break;
			unsigned char c = (unsigned char)s[i++];
			switch (c) {
			case '"':
				bdb_buf_puts(b, "\\\"");
				break;
			case '\\':
				bdb_buf_puts(b, "\\\\");
				break;
			case '\n':
				bdb_buf_puts(b, "\\n");
				break;
			case '\r':
				bdb_buf_puts(b, "\\r");
				break;
			case '\t':
				bdb_buf_puts(b, "\\t");
				break;
			default:
				bdb_buf_printf(b, "\\u%04x", c);
			}
		}
		if (i < n) { /* a byte that is not UTF-8 */
			bdb_buf_puts(b, replacement);
			i++;
		}
	}
	bdb_buf_putc(b, '"');
}

void bdb_buf_put_csv_field(bdb_buf *b, const char *s, size_t n)
{
	bool quote = false;
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (!quote) {
		bdb_buf_append(b, s, n);
		return;
	}
	bdb_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			bdb_buf_putc(b, '"');
		bdb_buf_putc(b, s[i]);
	}
	bdb_buf_putc(b, '"');
}

void bdb_buf_put_tsv_field(bdb_buf *b, const char *s, size_t n)
{
	static const char named[] = {['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\'};
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= sizeof named || !named[c])
			continue;
		bdb_buf_append(b, s + from, i - from);
		bdb_buf_putc(b, '\\');
		bdb_buf_putc(b, named[c]);
		from = i + 1;
	}
	bdb_buf_append(b, s + from, n - from);
}

static void put_tag_text(bdb_buf *b, const char *s, char sep)
{
	for (; *s; s++) {
		if (*s == sep || *s == '\\')
			bdb_buf_putc(b, '\\');
		bdb_buf_putc(b, *s);
	}
}

void bdb_buf_put_tag_list(bdb_buf *b, const bdb_kv *tags, size_t n, char sep)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			bdb_buf_putc(b, sep);
		put_tag_text(b, tags[i].key, sep);
		bdb_buf_putc(b, '=');
		put_tag_text(b, tags[i].value, sep);
	}
}

/* Is s[i] a byte of a word for a Markdown '_' run beside it? ASCII letters
 * and digits only: a run between two of them opens and closes no emphasis
 * (CommonMark's flanking rules); anything else may (punctuation, a blank, the
 * cell's edge; other letters are escaped beside too, which is harmless). */
static bool markdown_word(const char *s, size_t n, size_t i)
{
	return i < n && isalnum((unsigned char)s[i]);
}

void bdb_buf_put_markdown(bdb_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_') {
			/* a run of '_' within a word ("BM_sort", "a___b") stays bare;
			 * at a word's edge ("__init__", "_x_") each is escaped */
			size_t end = i;
			while (end < n && s[end] == '_')
				end++;
			bool inside =
			    i > 0 && markdown_word(s, n, i - 1) && markdown_word(s, n, end);
			for (; i < end; i++)
				bdb_buf_puts(b, inside ? "_" : "\\_");
			i--;
		} else if (s[i] == '|' || s[i] == '\\' || s[i] == '<' || s[i] == '[' ||
			   s[i] == ']' || s[i] == '*' || s[i] == '`' || s[i] == '~' ||
			   s[i] == '&') {
			/* a backslash escape: '<' opens no HTML tag, '\\' escapes no '|',
			 * '[' and ']' make no link "[text](url)" nor image "![](url)",
			 * '*' no emphasis (a*b*c), '`' no code span, '~' no
			 * strikethrough, '&' no entity ("&lt;" shows as is) */
			bdb_buf_putc(b, '\\');
			bdb_buf_putc(b, s[i]);
		} else if ((s[i] == ':' && n - i > 2 && s[i + 1] == '/' && s[i + 2] == '/') ||
			   (s[i] == '.' && i >= 3 && strncasecmp(s + i - 3, "www", 3) == 0)) {
			/* GitHub links a bare URL, "https://x" or "www.x": escaped,
			 * the ':' or '.' keeps it text */
			bdb_buf_putc(b, '\\');
			bdb_buf_putc(b, s[i]);
		} else if (s[i] == '@') {
			/* GitHub mentions "@user" in the rendered text, escaped or not: a
			 * zero-width space (U+200B) after the '@' keeps it text */
			bdb_buf_puts(b, "@\xe2\x80\x8b");
		} else if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			bdb_buf_putc(b, ' ');
		else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			bdb_buf_putc(b, '?'); /* as a table cell: none reaches the reader */
		else
			bdb_buf_putc(b, s[i]);
	}
}

void bdb_buf_put_xml(bdb_buf *b, const char *s, size_t n)
{
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
		uint32_t cp;
		size_t len = bdb_utf8_next((const char *)p, (size_t)(end - p), &cp);
		/* C1 controls and the non-characters U+FFFE and U+FFFF. */
		bool bad = len == 0 || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
		if (bad)
			bdb_buf_puts(b, replacement);
		else
			bdb_buf_append(b, p, len);
		p += len ? len : 1;
	}
}

/* ------------------------------------------------------------------------ */
/* Arena                                                                     */
/* ------------------------------------------------------------------------ */

struct bdb_arena_block {
	struct bdb_arena_block *next;
	size_t used, size;
	_Alignas(8) unsigned char data[];
};

void bdb_arena_init(bdb_arena *a, size_t block)
{
	a->head = NULL;
	a->block = block ? block : 4096;
	a->failed = false;
}

void bdb_arena_free(bdb_arena *a)
{
	struct bdb_arena_block *b = a->head;
	while (b) {
		struct bdb_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

/* n bytes (a multiple of 8) from a new block: the current one is full. */
static void *arena_alloc_block(bdb_arena *a, size_t n)
{
	size_t size = n > a->block / 2 ? n : a->block;
	struct bdb_arena_block *b = malloc(sizeof *b + size);
	if (!b) {
		a->failed = true;
		return NULL;
	}
	b->used = n;
	b->size = size;
	/* A big allocation gets its own block behind the current one, so
	 * the current block keeps serving small requests. */
	if (a->head && size != a->block) {
		b->next = a->head->next;
		a->head->next = b;
	} else {
		b->next = a->head;
		a->head = b;
	}
	return b->data;
}

/* The common case inline (strings copied into a result, row by row):
 * room in the current block. */
static inline void *arena_take(bdb_arena *a, size_t n)
{
	n = n ? (n + 7) & ~(size_t)7 : 8;
	struct bdb_arena_block *b = a->head;
	if (!b || b->size - b->used < n)
		return arena_alloc_block(a, n);
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

void *bdb_arena_alloc(bdb_arena *a, size_t n)
{
	return arena_take(a, n);
}

void *bdb_arena_calloc(bdb_arena *a, size_t n)
{
	void *p = bdb_arena_alloc(a, n);
	if (p)
		memset(p, 0, n ? n : 1);
	return p;
}

char *bdb_arena_strndup(bdb_arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
