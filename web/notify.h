/*
 * notify.h - internal to web/: the server's notifications (`benchdb serve
 * --notify-url`, docs/serve.md). After an upload the server hands the new
 * run to a notifier; its own thread asks the store whether the run regressed
 * against the baseline and, when it did, POSTs a Slack/Discord-compatible
 * message ({"text": ...}) to the URL, retrying with backoff. The upload's
 * answer never waits for any of it.
 */
#ifndef BDB_NOTIFY_H
#define BDB_NOTIFY_H

#include "web.h"

typedef struct bdb_notifier bdb_notifier;

typedef struct bdb_notify_options {
	const char *url;	/* where messages go (http:// or https://) */
	const char *link;	/* the dashboard's URL, put in every message */
	const char *baseline;	/* the baseline runs are compared with; NULL: "main" */
	unsigned attempts;	/* tries of one message; 0: 5 */
	unsigned first_delay_ms; /* before the second try, doubled after each; 0: 250 */
	unsigned timeout_ms;	/* of one try; 0: 5000 */
	bdb_serve_log_fn log;	/* failures and give-ups; may be NULL */
	void *log_ctx;
} bdb_notify_options;

/*
 * Starts a notifier reading store (which must outlive it) with its own
 * thread. The strings of opt are copied. Returns 0 with *out set, or
 * BDB_ENOMEM.
 */
int bdb_notify_start(bdb_store *store, const bdb_notify_options *opt, bdb_notifier **out);

/*
 * Queues run_id (stored under commit, may be NULL) for the thread, and
 * returns at once. At most 256 runs wait; past them a run is dropped and
 * the log says so.
 */
void bdb_notify_run(bdb_notifier *n, const char *run_id, const char *commit);

/* Stops the thread (a message being sent gets at most its try's timeout),
 * drops what is queued, and frees n. Safe with NULL. */
void bdb_notify_stop(bdb_notifier *n);

/*
 * The message for a run: `{"text": "..."}` naming the run, its commit, the
 * number of regressions vs the baseline, the worst one (point, tags,
 * metric, base -> current, change) and link. Appended to out when the
 * regressions result res has regressions; returns whether it did. Pure:
 * tests and the thread share it.
 */
bool bdb_notify_message(const bdb_result *res, const char *run_id, const char *commit,
			const char *baseline, const char *link, bdb_buf *out);

/*
 * The message for a new change group: row of res, a `changes METRIC ...
 * kind step` result (grouped by commit, or one series' change points, then
 * only_series names that series), found with run run_id (stored under
 * commit, may be NULL): `{"text": "..."}` with the metric, the group's
 * commit, the number of series, the median and worst change, the worst
 * series, the bisect range and link. Returns whether it appended it.
 */
bool bdb_notify_change_message(const bdb_result *res, size_t row, const char *metric,
			       const char *only_series, const char *run_id, const char *commit,
			       const char *link, bdb_buf *out);

#endif /* BDB_NOTIFY_H */
