/*
 * xml.c - a small pull reader of XML for the XML report formats (Catch2's
 * XML reporter, JUnit XML): elements with attributes, text, and what is
 * skipped (the declaration, processing instructions, comments, DOCTYPE).
 * It checks what a report needs to be sound: every tag closes, closing
 * tags match, attributes are quoted, entities are known; and it keeps
 * where each element starts, for errors. No namespaces, no DTDs.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bdb__xml_init(bdb__xml *x, const char *text, size_t len)
{
	memset(x, 0, sizeof *x);
	x->p = text;
	x->end = text + len;
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-' || c == '.' || c == ':' || (unsigned char)c >= 0x80;
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int fail(bdb__xml *x, const char *at, const char *err)
{
	x->err = err;
	x->at = at;
	return -1;
}

/* Skips to the end of a construct closing with `close`; false when it does not. */
static bool skip_past(bdb__xml *x, const char *close)
{
	size_t n = strlen(close);
	for (; x->p + n <= x->end; x->p++)
		if (memcmp(x->p, close, n) == 0) {
			x->p += n;
			return true;
		}
	return false;
}

/* The attributes of a start tag up to '>' or "/>"; checks their shape. */
static int attributes(bdb__xml *x, bdb__xml_event *e)
{
	e->attrs = x->p;
	for (;;) {
		while (x->p < x->end && space(*x->p))
			x->p++;
		if (x->p >= x->end)
			return fail(x, e->at, "the input ends inside this tag");
		if (*x->p == '>' || (*x->p == '/' && x->p + 1 < x->end && x->p[1] == '>')) {
			e->attrs_end = x->p;
			e->empty = *x->p == '/';
			x->p += e->empty ? 2 : 1;
			return 0;
		}
		const char *name = x->p;
		while (x->p < x->end && name_char(*x->p))
			x->p++;
		if (x->p == name)
			return fail(x, x->p, "expected an attribute name, '>' or '/>'");
		while (x->p < x->end && space(*x->p))
			x->p++;
		if (x->p >= x->end)
			return fail(x, e->at, "the input ends inside this tag");
		if (*x->p != '=')
			return fail(x, x->p, "expected '=' after the attribute name");
		x->p++;
		while (x->p < x->end && space(*x->p))
			x->p++;
		if (x->p >= x->end || (*x->p != '"' && *x->p != '\''))
			return fail(x, x->p, "expected a quoted attribute value");
		const char *q = memchr(x->p + 1, *x->p, (size_t)(x->end - x->p - 1));
		if (!q)
			return fail(x, e->at, "the input ends inside this tag");
		x->p = q + 1;
	}
}

int bdb__xml_next(bdb__xml *x, bdb__xml_event *e)
{
	memset(e, 0, sizeof *e);
	if (x->pending_close) {
		/* The end of an empty element <x/>. */
		x->pending_close = false;
		e->kind = BDB__XML_CLOSE;
		e->at = x->stack[x->depth - 1].at;
		e->name = x->stack[x->depth - 1].name;
		e->name_len = x->stack[x->depth - 1].len;
		x->depth--;
		return 0;
	}
	for (;;) {
		e->at = x->p;
		if (x->p >= x->end) {
			if (x->depth)
				return fail(
				    x, x->stack[x->depth - 1].at,
				    "the element does not close before the end of the input");
			e->kind = BDB__XML_END;
			return 0;
		}
		if (*x->p != '<') {
			const char *lt = memchr(x->p, '<', (size_t)(x->end - x->p));
			e->text = x->p;
			x->p = lt ? lt : x->end;
			e->text_len = (size_t)(x->p - e->text);
			e->kind = BDB__XML_TEXT;
			return 0;
		}
		const char *start = x->p;
		if (x->end - x->p >= 4 && memcmp(x->p, "<!--", 4) == 0) {
			if (!skip_past(x, "-->"))
				return fail(x, start, "the comment does not close with '-->'");
			continue;
		}
		if (x->end - x->p >= 9 && memcmp(x->p, "<![CDATA[", 9) == 0) {
			x->p += 9;
			e->text = x->p;
			if (!skip_past(x, "]]>"))
				return fail(x, start,
					    "the CDATA section does not close with ']]>'");
			e->text_len = (size_t)(x->p - 3 - e->text);
			e->kind = BDB__XML_TEXT;
			e->cdata = true;
			return 0;
		}
		if (x->end - x->p >= 2 && (x->p[1] == '?' || x->p[1] == '!')) {
			if (!skip_past(x, x->p[1] == '?' ? "?>" : ">"))
				return fail(x, start, "the declaration does not close");
			continue;
		}
		bool closing = x->end - x->p >= 2 && x->p[1] == '/';
		x->p += closing ? 2 : 1;
		e->name = x->p;
		while (x->p < x->end && name_char(*x->p))
			x->p++;
		e->name_len = (size_t)(x->p - e->name);
		if (!e->name_len)
			return fail(x, x->p, "expected an element name after '<'");
		if (closing) {
			while (x->p < x->end && space(*x->p))
				x->p++;
			if (x->p >= x->end || *x->p != '>')
				return fail(x, x->p, "expected '>' after the closing tag's name");
			x->p++;
			if (!x->depth || x->stack[x->depth - 1].len != e->name_len ||
			    memcmp(x->stack[x->depth - 1].name, e->name, e->name_len) != 0)
				return fail(x, start,
					    x->depth
						? "the closing tag does not match the open element"
						: "a closing tag without an open element");
			x->depth--;
			e->kind = BDB__XML_CLOSE;
			return 0;
		}
		if (x->depth == BDB__XML_MAX_DEPTH)
			return fail(x, start, "elements nest deeper than 64 levels");
		if (attributes(x, e))
			return -1;
		x->stack[x->depth++] = (struct bdb__xml_open){e->name, e->name_len, start};
		x->pending_close = e->empty;
		e->kind = BDB__XML_OPEN;
		return 0;
	}
}

bool bdb__xml_is(const bdb__xml_event *e, const char *name)
{
	return e->name_len == strlen(name) && memcmp(e->name, name, e->name_len) == 0;
}

/* Decodes [p, end) (entities) into buf; -1 with *at at a bad entity. */
static int decode(const char *p, const char *end, char *buf, size_t size, const char **at)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"lt;", '<'}, {"gt;", '>'}, {"amp;", '&'}, {"quot;", '"'}, {"apos;", '\''}};
	size_t n = 0;
	bool cut = false;
	while (p < end) {
		char one[4];
		size_t k = 1;
		one[0] = *p;
		if (*p == '&') {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			bool known = false;
			for (size_t i = 0; semi && !known && i < sizeof named / sizeof *named; i++)
				if ((size_t)(semi + 1 - p - 1) == strlen(named[i].name) &&
				    memcmp(p + 1, named[i].name, strlen(named[i].name)) == 0) {
					one[0] = named[i].c;
					known = true;
				}
			if (!known && semi && semi - p > 2 && p[1] == '#') {
				unsigned long cp = 0;
				bool hex = p[2] == 'x';
				const char *d = p + (hex ? 3 : 2);
				known = d < semi;
				for (; known && d < semi; d++) {
					int v = *d >= '0' && *d <= '9'		? *d - '0'
						: hex && *d >= 'a' && *d <= 'f' ? *d - 'a' + 10
						: hex && *d >= 'A' && *d <= 'F' ? *d - 'A' + 10
										: -1;
					known = v >= 0 && cp < 0x110000;
					cp = cp * (hex ? 16 : 10) + (unsigned long)(v < 0 ? 0 : v);
				}
				known = known && cp > 0 && cp < 0x110000 &&
					(cp < 0xD800 || cp > 0xDFFF);
				if (known) {
					if (cp < 0x80) {
						one[0] = (char)cp;
					} else if (cp < 0x800) {
						one[0] = (char)(0xC0 | cp >> 6);
						one[1] = (char)(0x80 | (cp & 0x3F));
						k = 2;
					} else if (cp < 0x10000) {
						one[0] = (char)(0xE0 | cp >> 12);
						one[1] = (char)(0x80 | (cp >> 6 & 0x3F));
						one[2] = (char)(0x80 | (cp & 0x3F));
						k = 3;
					} else {
						one[0] = (char)(0xF0 | cp >> 18);
						one[1] = (char)(0x80 | (cp >> 12 & 0x3F));
						one[2] = (char)(0x80 | (cp >> 6 & 0x3F));
						one[3] = (char)(0x80 | (cp & 0x3F));
						k = 4;
					}
				}
			}
			if (!known) {
				*at = p;
				return -1;
			}
			p = semi + 1;
		} else {
			p++;
		}
		if (n + k < size && !cut) {
			memcpy(buf + n, one, k);
			n += k;
		} else {
			cut = true;
		}
	}
	/* A value longer than buf is cut before its last whole character. */
	if (cut) {
		while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
			n--;
		if (n > 0 && (unsigned char)buf[n - 1] >= 0xC0)
			n--;
	}
	buf[n] = '\0';
	return 0;
}

int bdb__xml_attr(bdb__xml *x, const bdb__xml_event *e, const char *name, char *buf, size_t size,
		  const char **out)
{
	size_t len = strlen(name);
	*out = NULL;
	for (const char *p = e->attrs; p < e->attrs_end;) {
		while (p < e->attrs_end && space(*p))
			p++;
		const char *key = p;
		while (p < e->attrs_end && name_char(*p))
			p++;
		size_t key_len = (size_t)(p - key);
		while (p < e->attrs_end && *p != '"' && *p != '\'')
			p++;
		if (p >= e->attrs_end)
			break;
		const char *q = memchr(p + 1, *p, (size_t)(e->attrs_end - p - 1));
		if (!q)
			break;
		if (key_len == len && memcmp(key, name, len) == 0) {
			const char *bad;
			if (decode(p + 1, q, buf, size, &bad))
				return fail(x, bad,
					    "unknown entity; expected &lt; &gt; &amp; &quot; "
					    "&apos; or &#N;");
			*out = buf;
			return 0;
		}
		p = q + 1;
	}
	return 0;
}

int bdb__xml_text(bdb__xml *x, const bdb__xml_event *e, char *buf, size_t size)
{
	if (e->cdata) {
		bdb__copy_text(buf, size, e->text, e->text_len);
		return 0;
	}
	const char *bad;
	if (decode(e->text, e->text + e->text_len, buf, size, &bad))
		return fail(x, bad,
			    "unknown entity; expected &lt; &gt; &amp; &quot; &apos; or &#N;");
	return 0;
}

int bdb__xml_fail(const bdb__input *in, const char *what, const char *at, bdb_diag *d,
		  const char *fmt, ...)
{
	int line, col;
	bdb_text_position(in->data, in->len, (size_t)(at - in->data), &line, &col);
	bdb_diag_set(d, BDB_EPARSE, in->name, line, col, "%s", "");
	if (d) {
		char msg[600];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		snprintf(d->message, sizeof d->message, "malformed %s: %s", what, msg);
	}
	return BDB_EPARSE;
}

int bdb__xml_read(bdb__input *in, const char *what, bdb__xml *x, bdb__xml_fn fn, void *ctx,
		  bdb_diag *d)
{
	int rc = bdb__text_check(in->name, in->data, in->len, d);
	if (rc)
		return rc;
	bdb__xml_init(x, in->data, in->len);
	bdb__xml_event e;
	do {
		if (bdb__xml_next(x, &e))
			return bdb__xml_fail(in, what, x->at, d, "%s", x->err);
		rc = fn(ctx, &e);
	} while (!rc && e.kind != BDB__XML_END);
	return rc;
}
