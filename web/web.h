/*
 * web.h - the public header of benchdb's web room: pages built from query
 * results. For now the report (`benchdb report`): one self-contained HTML
 * file of a store's history (docs/report.md).
 *
 * Everything here reads the store through query.h only (DESIGN.md §8): the
 * statements it runs are the ones a user can type, so the report, the CLI
 * and the REPL give the same answers. Nothing here prints or exits.
 */
#ifndef BDB_WEB_H
#define BDB_WEB_H

#include "query.h"

typedef struct bdb_report_options {
	const char *title;	/* the page's heading; NULL: "benchdb report" */
	const char *store_name; /* shown in the header (the store's directory) */
	const char *baseline;	/* baseline name; NULL: "main" */
	const char *since;	/* TIME of the query language ("90d", "2026-01-01"); NULL: all */
	const char *where;	/* a `where` expression limiting the series; NULL: all */
	/* As in bdb_query_options (tests pin now_us; cancel stops the report). */
	int64_t now_us;
	volatile sig_atomic_t *cancel;
} bdb_report_options;

/*
 * Appends the report of store to out: a polyglot HTML page (well-formed
 * XML as well as HTML) with inline CSS and SVG and no URL at all, readable
 * without JavaScript. It holds, in order: a header (store, runs, date
 * range, latest run, baseline); the regressions of latest vs the baseline
 * (`regressions vs baseline NAME`, with severity); the recent change points
 * grouped by commit; a summary grid with one row per series (sparkline,
 * latest value, change vs baseline from `compare`, and a link to its chart);
 * one chart per point and metric (tag variants as lines, `trend METRIC of
 * POINT vs baseline NAME as svg`), each with an anchor. A missing baseline
 * is said on the page, not an error. Returns 0, BDB_EQUERY (a bad --since
 * or --where: d holds the caret message for the statement it was put in),
 * BDB_ECANCELLED, BDB_ENOMEM or a storage error.
 */
int bdb_report_write(bdb_store *store, const bdb_report_options *opt, bdb_buf *out, bdb_diag *d);

#endif /* BDB_WEB_H */
