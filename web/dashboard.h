/*
 * dashboard.h - the web room's own view of the dashboard's files (internal;
 * the public part, bdb_dashboard_overview, is in web.h).
 *
 * The files under web/assets/ are compiled into the program: the Makefile
 * runs web/embed_assets.sh over them, which writes a C file defining
 * bdb__assets. No request path reaches the filesystem: the server looks a
 * path up in this table and nowhere else.
 */
#ifndef BDB_WEB_DASHBOARD_H
#define BDB_WEB_DASHBOARD_H

#include "web.h"

/* One embedded file: its name under web/assets/ and its bytes (followed by
 * a NUL that len does not count). */
typedef struct bdb__asset {
	const char *name;
	const unsigned char *data;
	size_t len;
} bdb__asset;

extern const bdb__asset bdb__assets[];
extern const size_t bdb__n_assets;

/*
 * Appends the dashboard file a request path names to out: "/" is
 * index.html, "/assets/NAME" the embedded file NAME (the style sheet
 * dashboard.css with the dark theme's base, bdb_html_dark_style, and the
 * charts' style rules, bdb_chart_style, after it).
 * *type receives its Content-Type. Returns 0, or BDB_ENOTFOUND for any
 * other path (out unchanged).
 */
int bdb__dashboard_file(const char *path, bdb_buf *out, const char **type);

#endif /* BDB_WEB_DASHBOARD_H */
