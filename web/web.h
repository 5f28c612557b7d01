/*
 * web.h - the public header of benchdb's web room: pages built from query
 * results. The report (`benchdb report`): one self-contained HTML file of a
 * store's history (docs/report.md); and the HTTP server (`benchdb serve`):
 * the JSON API of docs/api.md.
 *
 * Everything here reads the store through query.h only (DESIGN.md §8): the
 * statements it runs are the ones a user can type, so the report, the CLI
 * and the REPL give the same answers. Uploads are the one exception: the
 * server hands their bytes to a callback of the program (repl/), which
 * ingests them as `benchdb ingest` does. Nothing here prints or exits.
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

/* ------------------------------------------------------------------------ */
/* The dashboard's overview (docs/serve.md, docs/api.md)                     */
/* ------------------------------------------------------------------------ */

typedef struct bdb_overview_options {
	const char *baseline; /* the baseline compared with; NULL: "main" */
	/* The branch whose runs are read (its newest is "latest"); NULL: the
	 * branch of the baseline's run, or every branch when it has none. */
	const char *branch;
	/* What to give: everything (BDB_OVERVIEW_ALL), all but the change
	 * groups (PAGE: what the dashboard shows first), or the change groups
	 * alone (GROUPS: the robust `changes` of every series, the costly
	 * part, which the page fills in when it comes). */
	enum { BDB_OVERVIEW_ALL, BDB_OVERVIEW_PAGE, BDB_OVERVIEW_GROUPS } part;
	/* Each series' newest runs its sparkline and change points read; 0: 30. */
	size_t runs;
	/* As in bdb_query_options. */
	int64_t now_us;
	volatile sig_atomic_t *cancel;
} bdb_overview_options;

/*
 * Appends the dashboard's overview of store to out, one JSON object
 * (docs/api.md, GET /api/overview): the store's run count and latest run;
 * the baseline; `regressions vs baseline NAME` as its JSON (null without
 * the baseline); the change points of each series' newest runs, newest
 * commit first, grouped by commit (at most 20 commits); and a row per
 * series (point, tags, metric, latest value and unit, change and verdict
 * of latest vs the baseline, and its sparkline: an <svg> element without
 * namespace, for a page to place), the
 * regressions first, worst first, then the improvements, then the rest in
 * the store's order. Values are the table format's text ("+28.1%",
 * "1.287 µs"). A missing baseline is said in the object, not an error.
 * Returns 0, BDB_ECANCELLED, BDB_ENOMEM or a storage error (d says which);
 * out is unchanged on failure.
 */
int bdb_dashboard_overview(bdb_store *store, const bdb_overview_options *opt, bdb_buf *out,
			   bdb_diag *d);

/* ------------------------------------------------------------------------ */
/* The HTTP server (docs/serve.md, docs/api.md)                              */
/* ------------------------------------------------------------------------ */

/* The query parameters of one upload (`POST /api/runs?commit=...`), each
 * NULL when not given; already checked to be one line of text. */
typedef struct bdb_serve_upload {
	const char *commit, *branch, *id, *format, *timestamp;
	/* The time of a run whose file gives none (push sends the file's
	 * modification time, as `benchdb ingest FILE` takes it); NULL: now. */
	const char *file_time;
	/* The commit and branch the file's own give way to (the CI job's, as
	 * `benchdb ingest` reads them from the environment). */
	const char *default_commit, *default_branch;
	const char *const *tags; /* "KEY=VALUE" each (the `tag` parameter, repeatable) */
	size_t n_tags;
} bdb_serve_upload;

/* The outcome of one upload, for the 201 answer. */
typedef struct bdb_serve_stored {
	char *id;	/* the run id (malloc'd; the server frees it) */
	char *commit;	/* its commit (malloc'd), NULL when it has none */
	size_t points;	/* points of the run */
	size_t metrics; /* metric values of the run (over all its points) */
	bool unchanged; /* an identical run was already stored (200, not 201) */
} bdb_serve_stored;

/*
 * Ingests body[0..len) (one result file, any format) into store atomically,
 * as `benchdb ingest` does, and fills *out. Called from many threads at
 * once. Returns 0, or an error code with d filled: BDB_EPARSE, BDB_EFORMAT,
 * BDB_EINVAL or BDB_ETOOBIG (bad input: a 400 carrying d's "upload:L:C:
 * message"), BDB_EEXISTS (a different run with that id: 409), or a storage
 * error (500 without the detail; 503 when busy). On failure nothing is
 * stored.
 */
typedef int (*bdb_serve_ingest_fn)(void *ctx, bdb_store *store, const void *body, size_t len,
				   const bdb_serve_upload *params, bdb_serve_stored *out,
				   bdb_diag *d);

/* What GET /metrics says of the store: fill what is known, leave the rest
 * negative. Called from any thread; reads only. */
typedef struct bdb_serve_store_facts {
	double runs;  /* runs stored */
	double bytes; /* size of the store's data file */
} bdb_serve_store_facts;
typedef void (*bdb_serve_facts_fn)(void *ctx, bdb_store *store, bdb_serve_store_facts *out);

/* One query-string parameter of GET /api/check, decoded. */
typedef struct bdb_serve_param {
	const char *name, *value;
} bdb_serve_param;

/* What the gate of GET /api/check printed, and its exit code. */
typedef struct bdb_serve_checked {
	int exit_code; /* `benchdb check`'s: 0 pass, 1 regressions, 2 usage, 3 store */
	bdb_buf out;   /* its standard output (the caller inits and frees) */
	bdb_buf err;   /* its standard error */
} bdb_serve_checked;

/*
 * Runs `benchdb check` on the server's store with the options params[0..n)
 * name (docs/api.md, GET /api/check), reading only, and fills *out with
 * what it printed. Called from a lane's thread. It stops (BDB_ECANCELLED)
 * once *cancel turns non-zero (cancel NULL: no time limit), and
 * (BDB_ETOOBIG) when what it printed passes max_answer bytes. Returns 0
 * (out filled, whatever the gate's exit code), BDB_EINVAL with d saying
 * which parameter the gate does not take (a 400), or another error (500).
 */
typedef int (*bdb_serve_check_fn)(void *ctx, const bdb_serve_param *params, size_t n,
				  volatile sig_atomic_t *cancel, size_t max_answer,
				  bdb_serve_checked *out, bdb_diag *d);

/* Receives one access-log line (no newline), from any thread. */
typedef void (*bdb_serve_log_fn)(void *ctx, const char *line);

typedef struct bdb_serve_options {
	/* "HOST:PORT" with an IPv4 HOST, or "[IPV6]:PORT"; NULL: "127.0.0.1:8080".
	 * PORT 0 picks a free port (bdb_serve_port says which). */
	const char *listen;
	/* The bearer token writes need; NULL: the server is read-only (every
	 * write is 403). Copied. */
	const char *token;
	bool read_only;	 /* refuse writes (403) even with a token */
	size_t max_body; /* bytes of a request body; 0: 64 MiB; more is 413 */
	/* Bytes of a /api/query answer (its statements stop once past them:
	 * 400); 0: 256 MiB. */
	size_t max_answer;
	/* Milliseconds a statement may run (GET /api/query, chart.svg); past
	 * them it is cancelled and answered 503. 0: no limit. */
	unsigned query_ms;
	bdb_serve_ingest_fn ingest; /* NULL: POST /api/runs is 403 */
	void *ingest_ctx;
	bdb_serve_check_fn check; /* NULL: GET /api/check is 404 */
	void *check_ctx;
	bdb_serve_log_fn log; /* may be NULL: no access log */
	void *log_ctx;
	bdb_serve_facts_fn facts; /* may be NULL: /metrics leaves the store out */
	void *facts_ctx;
	/* Where to POST {"text": ...} when an upload regressed against
	 * baseline main (notify.h); NULL: no notifications. The messages link
	 * to public_url, or NULL: http://LISTEN/. Failures go to log. */
	const char *notify_url;
	const char *public_url;
	/* A server on a loopback address answers a request whose Host is an
	 * IP address, localhost (or NAME.localhost), public_url's host or one
	 * of these names (comma-separated; NULL: none), and refuses any
	 * other (403): a web page that points its own name at 127.0.0.1 (DNS
	 * rebinding) must not read the store. */
	const char *allow_hosts;
	/* Threads answering the quick reads; 0: one per online CPU. Uploads
	 * and writes run on a thread of their own at nice 10, the overview
	 * and long statements (`changes`) on two more, so that they never
	 * hold up a trend. */
	unsigned threads;
	/* Requests that may wait for each of those lanes; more are answered
	 * 503 (Retry-After: 1). 0: BDB_SERVE_MAX_WAITING. */
	unsigned max_waiting;
} bdb_serve_options;

#define BDB_SERVE_MAX_WAITING 64

/* The most threads opt->threads may ask for. */
#define BDB_SERVE_MAX_THREADS 64

/* A running server (opaque). */
typedef struct bdb_server bdb_server;

/*
 * Starts serving store over HTTP on opt->listen, with opt->threads
 * threads for the quick reads (each serving its share of the connections)
 * and three for the writes and long reads; store is shared by every
 * thread and must outlive the server.
 * Returns at once: 0 with *out set, BDB_EINVAL (opt->listen is not
 * HOST:PORT; d says why), BDB_EIO (cannot listen there: d says why, e.g.
 * the address is in use) or BDB_ENOMEM.
 */
int bdb_serve_start(bdb_store *store, const bdb_serve_options *opt, bdb_server **out, bdb_diag *d);

/* The port the server listens on (the one picked when opt->listen asked for 0). */
unsigned bdb_serve_port(const bdb_server *server);

/*
 * Stops server gracefully: it stops accepting connections, waits until the
 * requests in flight have been answered (at most grace_ms milliseconds),
 * then closes every connection and frees the server. The store stays open.
 * Safe with NULL.
 */
void bdb_serve_stop(bdb_server *server, unsigned grace_ms);

/* ------------------------------------------------------------------------ */
/* The HTTP client (client.c): push, --server, notifications                */
/* ------------------------------------------------------------------------ */

typedef struct bdb_http_request {
	const char *method; /* NULL: GET, or POST when body is set */
	const char *url;    /* http:// or https:// (no other scheme is followed) */
	const char *token;  /* sent as "Authorization: Bearer TOKEN"; NULL: none */
	const char *content_type; /* of the body; NULL: libcurl's default */
	const void *body;	  /* NULL: no body */
	size_t body_len;
	unsigned timeout_ms; /* the whole exchange; 0: no limit (connecting: 10 s) */
	size_t max_body;     /* the largest answer body taken (BDB_ETOOBIG past it); 0: none */
	/* When set and it turns non-zero, the exchange stops within about a
	 * second (BDB_ECANCELLED); NULL: it runs to its end or its timeout. */
	volatile sig_atomic_t *cancel;
} bdb_http_request;

typedef struct bdb_http_response {
	unsigned status;	/* the HTTP status */
	char content_type[128]; /* the Content-Type header, "" when none */
	unsigned retry_after;	/* the Retry-After header's seconds, 0 when none */
	char location[1024];	/* the Location header (a redirect's), "" when none */
	/* The answer has benchdb serve's mark on an answer to a statement, the
	 * header X-Benchdb-Answer: statement, which a text answer has no other
	 * way to show (docs/api.md). */
	bool benchdb_answer;
	/* The notes that header carries ("; notes=" and the statements' notes
	 * their format does not show, each percent-encoded, ',' between),
	 * decoded, a line each; empty when none. Freed with the response. */
	bdb_buf notes;
	bdb_buf body;		/* the answer's body (bdb_http_response_free) */
} bdb_http_response;

/*
 * Sends rq and waits for the whole answer. Safe from many threads at once.
 * Opens libcurl on first use (dlopen, as the server opens libmicrohttpd).
 * Returns 0 when the server answered, whatever the status (out filled; free
 * it with bdb_http_response_free); BDB_EIO when no answer came (d says why
 * in libcurl's words: "Failed to connect to 127.0.0.1 port 9 ...: Connection
 * refused", a timeout, a TLS failure); BDB_ETOOBIG when the answer's body
 * passed rq->max_body (the exchange stops there: an endless answer is not
 * held; out->status is the answer's); BDB_EUNSUPPORTED when libcurl cannot
 * be loaded; BDB_ENOMEM. On an error out holds nothing to free.
 */
int bdb_http_send(const bdb_http_request *rq, bdb_http_response *out, bdb_diag *d);

void bdb_http_response_free(bdb_http_response *r);

/* Appends s to b percent-encoded for a URL's query string (every byte but
 * A-Z a-z 0-9 - . _ ~ as %XX). */
void bdb_http_put_query_value(bdb_buf *b, const char *s);

#endif /* BDB_WEB_H */
