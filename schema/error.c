/* error.c - the error table, diagnostics. */
#include "schema.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *bdb_strerror(int err)
{
	switch (err) {
	case BDB_OK:
		return "success";
#define XX(code, name, msg)                                                                        \
	case BDB_E##code:                                                                          \
		return msg;
		BDB_ERROR_MAP(XX)
#undef XX
	default:
		return "unknown error";
	}
}

const char *bdb_error_name(int err)
{
	switch (err) {
	case BDB_OK:
		return "ok";
#define XX(code, name, msg)                                                                        \
	case BDB_E##code:                                                                          \
		return name;
		BDB_ERROR_MAP(XX)
#undef XX
	default:
		return "unknown";
	}
}

void bdb_diag_clear(bdb_diag *d)
{
	if (d)
		memset(d, 0, sizeof *d);
}

int bdb_diag_set(bdb_diag *d, int code, const char *file, int line, int col, const char *fmt, ...)
{
	if (!d)
		return code;
	d->code = code;
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->message, sizeof d->message, fmt, ap);
	va_end(ap);
	return code;
}

const char *bdb_diag_format(const bdb_diag *d, char *buf, size_t size)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	if (!d)
		return buf;
	size_t n = 0;
	if (d->file[0]) {
		if (d->line > 0 && d->col > 0)
			n = (size_t)snprintf(buf, size, "%s:%d:%d: ", d->file, d->line, d->col);
		else if (d->line > 0)
			n = (size_t)snprintf(buf, size, "%s:%d: ", d->file, d->line);
		else
			n = (size_t)snprintf(buf, size, "%s: ", d->file);
	}
	if (n < size)
		snprintf(buf + n, size - n, "%s",
			 d->message[0] ? d->message : bdb_strerror(d->code));
	return buf;
}
