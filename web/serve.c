/*
 * serve.c - the HTTP server of `benchdb serve` (docs/serve.md): the JSON API
 * of docs/api.md on libmicrohttpd: a pool of quick threads (one per CPU)
 * for the reads, lanes of their own for writes and for long reads, one
 * store shared by every thread (readers never wait for the writer).
 *
 * Every answer is computed by query.h, as the CLI computes it: GET
 * /api/query returns the bytes `benchdb --json -c` prints. No request value
 * reaches the filesystem; error bodies say what the client can act on and
 * nothing of the server's internals.
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "badge.h"
#include "metrics.h"
#include "notify.h"
#include "page_parts.h"
#include "router.h"
#include "dashboard.h"
#include "engine.h"
#include "web.h"

#define DEFAULT_LISTEN	 "127.0.0.1:8080"
#define DEFAULT_MAX_BODY ((size_t)64 << 20)
/* A /api/query answer, at most: one request of many statements ("show
 * runs;" 100,000 times in a 1 MiB body) would otherwise build an answer of
 * gigabytes in the server's memory (and libmicrohttpd's copy of it). */
#define DEFAULT_MAX_ANSWER ((size_t)256 << 20)
#define MAX_UPLOAD_TAGS	 64
/* Connections at once, and from one client address on a server that
 * listens beyond loopback: a client that opens many and sends a byte now
 * and then (each byte restarts the idle timeout) holds every slot, and no
 * one else is answered. On loopback the clients are the machine's own, or
 * a reverse proxy in front, whose connections all come from one address. */
#define MAX_CONNECTIONS		512u
#define MAX_CLIENT_CONNECTIONS	64u
/* The lanes beside the quick threads: writes (uploads, baselines,
 * annotations: one thread, as the store takes one writer at a time, at
 * nice 10 so that a parse and write take the CPU the reads leave), and
 * long reads (the overview, `changes`: two threads at the process's
 * priority). */
enum { LANE_WRITE, LANE_LONG, N_LANES };
static const struct {
	unsigned threads;
	int nice;
} lane_kinds[N_LANES] = {[LANE_WRITE] = {1, 10}, [LANE_LONG] = {2, 0}};
#define MAX_LANE_THREADS 2

/* A lane: requests suspended by the quick threads, answered by its own
 * threads (the queue under the server's lock; work signals a new one). */
typedef struct lane {
	struct bdb_server *server;
	int nice;
	struct request *head, *tail;
	unsigned waiting; /* requests in the queue */
	pthread_cond_t work;
	pthread_t threads[MAX_LANE_THREADS];
	unsigned n_threads;
	bool stopping; /* under lock: the threads leave when the queue is empty */
} lane;
/* Bytes of a statement in a POST /api/query body (also bounded by max_body). */
#define MAX_STATEMENT ((size_t)1 << 20)
/* The request target (path and query string) and its query-string
 * parameters, at most (on_target says why). */
#define MAX_TARGET ((size_t)16 << 10)
#define MAX_PARAMS 256u
/* The connection's memory for the request line and headers. */
#define CONNECTION_MEMORY ((size_t)64 << 10)

struct bdb_server {
	struct MHD_Daemon *daemon;
	bdb_store *store;
	bdb_serve_options opt;
	bool loopback; /* it listens on 127.0.0.0/8 or ::1: Host is checked */
	char *token;   /* NULL: read-only */
	size_t token_len;
	unsigned port;
	/* Requests between their first byte and their answer's last. */
	pthread_mutex_t lock;
	pthread_cond_t idle;
	unsigned in_flight;
	/* The statements running (each under the time limit when there is
	 * one), and the thread that cancels those past it. */
	struct watch *watches;
	pthread_t watchdog;
	bool watchdog_started;
	bool stopping;		 /* under lock */
	bool cancel_all;	 /* under lock: a shutdown's wait ran out */
	bdb__metrics metrics;	 /* under lock */
	struct timespec started; /* CLOCK_MONOTONIC */
	bdb_notifier *notifier;	 /* --notify-url, or NULL */
	lane lanes[N_LANES];
	/* The last overview of each part (under lock): its bytes for the
	 * store's version and the request's parameters; computed again when
	 * either differs. */
	struct {
		bool valid;
		uint64_t txn_id, file_id;
		bdb_buf key; /* the parameters, whole */
		bdb_buf json;
	} overview[BDB_OVERVIEW_GROUPS + 1];
	/* An upload stored runs since the change points' answers were last
	 * settled (under lock); the write lane settles them when its queue is
	 * empty, and settle_cancel stops that at shutdown. */
	bool unsettled;
	volatile sig_atomic_t settle_cancel;
};

/* A running statement: the watchdog sets cancel to WATCH_TIMED_OUT at its
 * deadline (under a time limit), a shutdown whose wait ran out to
 * WATCH_STOPPED. */
enum { WATCH_TIMED_OUT = 1, WATCH_STOPPED = 2 };
/* How long a shutdown waits for the answers of what it cancelled to go out. */
#define CANCELLED_SEND_MS 5000u
typedef struct watch {
	volatile sig_atomic_t cancel;
	struct timespec deadline; /* CLOCK_MONOTONIC */
	struct watch *next;
} watch;

/* A decoded query-string value, owned by its request; raw is the value
 * libmicrohttpd holds for the connection, so a value decoded twice (to
 * choose a lane, then to answer) is decoded once. */
typedef struct decoded {
	struct decoded *next;
	const char *raw;
	char text[];
} decoded;

/* One request's state, from its headers to the completion callback. */
typedef struct request {
	bdb_buf body;
	bool too_big;  /* the body passed limit: answered 413 */
	bool answered; /* a response was queued */
	bool stopped;  /* a statement was cancelled by the shutdown (watch_end) */
	unsigned status;
	size_t bytes;
	struct timespec start;
	char *method, *path;	/* for the access log */
	bdb__route_match match; /* the route and its decoded path parameter */
	decoded *params;	/* the query-string values decoded so far */
	size_t limit;		/* bytes of body taken */
	/* A lane: the request waits suspended in its queue (next) while one
	 * of its threads answers it into response, queued when its
	 * connection resumes; failed: close the connection instead. */
	struct MHD_Connection *connection;
	struct request *next;
	bool deferred;
	bool failed;
	struct MHD_Response *response;
	char *cause; /* why a 500 failed (a full disk): for the log, never sent */
} request;

/* ---- libmicrohttpd, loaded when a server starts ------------------------ */

/*
 * The program opens libmicrohttpd (and the TLS libraries it links) only
 * when `benchdb serve` starts one, with dlopen: every other command, a
 * one-shot `benchdb -c` above all, starts without loading them (about a
 * millisecond a process; docs/performance.md). The table holds the
 * functions used here, typed from microhttpd.h.
 */
static struct {
	__typeof__(&MHD_add_response_header) add_response_header;
	__typeof__(&MHD_create_response_from_buffer) create_response_from_buffer;
	__typeof__(&MHD_destroy_response) destroy_response;
	__typeof__(&MHD_get_connection_info) get_connection_info;
	__typeof__(&MHD_get_connection_values) get_connection_values;
	__typeof__(&MHD_get_daemon_info) get_daemon_info;
	__typeof__(&MHD_lookup_connection_value) lookup_connection_value;
	__typeof__(&MHD_queue_response) queue_response;
	__typeof__(&MHD_quiesce_daemon) quiesce_daemon;
	__typeof__(&MHD_resume_connection) resume_connection;
	__typeof__(&MHD_start_daemon) start_daemon;
	__typeof__(&MHD_stop_daemon) stop_daemon;
	__typeof__(&MHD_suspend_connection) suspend_connection;
} mhd;

static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;
static bool mhd_loaded;

static void mhd_load(void)
{
	void *lib = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return;
#define LOAD(name)                                                                                 \
	if (!(*(void **)&mhd.name = dlsym(lib, "MHD_" #name)))                                     \
		return;
	LOAD(add_response_header)
	LOAD(create_response_from_buffer)
	LOAD(destroy_response)
	LOAD(get_connection_info)
	LOAD(get_connection_values)
	LOAD(get_daemon_info)
	LOAD(lookup_connection_value)
	LOAD(queue_response)
	LOAD(quiesce_daemon)
	LOAD(resume_connection)
	LOAD(start_daemon)
	LOAD(stop_daemon)
	LOAD(suspend_connection)
#undef LOAD
	mhd_loaded = true; /* the library stays loaded until the process ends */
}

/* ---- time limits -------------------------------------------------------- */

/* Adds ms milliseconds to *t. */
static void add_ms(struct timespec *t, unsigned ms)
{
	t->tv_sec += ms / 1000;
	t->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static bool passed(const struct timespec *now, const struct timespec *t)
{
	return now->tv_sec > t->tv_sec || (now->tv_sec == t->tv_sec && now->tv_nsec >= t->tv_nsec);
}

/* Every 20 ms, cancels the statements past their deadline (the executor
 * checks the flag in every loop: query.h). */
static void *watchdog_main(void *arg)
{
	bdb_server *s = arg;
	const struct timespec tick = {0, 20 * 1000 * 1000};
	for (;;) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		pthread_mutex_lock(&s->lock);
		if (s->stopping) {
			pthread_mutex_unlock(&s->lock);
			return NULL;
		}
		for (watch *w = s->watches; w; w = w->next)
			if (!w->cancel && passed(&now, &w->deadline))
				w->cancel = WATCH_TIMED_OUT;
		pthread_mutex_unlock(&s->lock);
		nanosleep(&tick, NULL);
	}
}

/* Puts w among the running statements, under the server's time limit when
 * it has one; returns the flag for bdb_query_options.cancel. A shutdown
 * whose wait ran out cancels it too, with or without a time limit. */
static volatile sig_atomic_t *watch_begin(bdb_server *s, watch *w)
{
	w->cancel = 0;
	clock_gettime(CLOCK_MONOTONIC, &w->deadline);
	add_ms(&w->deadline, s->opt.query_ms);
	pthread_mutex_lock(&s->lock);
	if (s->cancel_all)
		w->cancel = WATCH_STOPPED;
	w->next = s->watches;
	s->watches = w;
	pthread_mutex_unlock(&s->lock);
	return &w->cancel;
}

/* Takes w off the running statements; notes in rq whether the shutdown
 * cancelled it (its answer says so, not "past the time limit"). */
static void watch_end(bdb_server *s, watch *w, request *rq)
{
	pthread_mutex_lock(&s->lock);
	for (watch **p = &s->watches; *p; p = &(*p)->next) {
		if (*p == w) {
			*p = w->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->lock);
	if (w->cancel == WATCH_STOPPED)
		rq->stopped = true;
}

/* ---- JSON bodies -------------------------------------------------------- */

static void put_json_cstr(bdb_buf *b, const char *s)
{
	if (s)
		bdb_buf_put_json_string(b, s, strlen(s));
	else
		bdb_buf_puts(b, "null");
}

/* {"error": message} with every other field of a query error null. */
static void error_body(bdb_buf *b, const char *message)
{
	bdb_buf_puts(b, "{\"error\": ");
	put_json_cstr(b, message);
	bdb_buf_puts(b, ", \"line\": null, \"column\": null, \"expected\": null, "
			"\"suggestion\": null}\n");
}

/*
 * The body of a query error, from the first line of d->message
 * (query.h: `expected "with", found "wiht"; did you mean "with"?`):
 * error = that line, expected = what follows "expected " up to ", found"
 * or ';', suggestion = the quoted name of "did you mean"; null when the
 * message does not say. whole (the client's own statement: /api/query)
 * adds message = all of d->message (the statement and caret lines) and
 * code = what was at fault ("query", or "notfound": the data), which the
 * CLI's --server shows and exits with as a local error.
 */
static void query_error_body(bdb_buf *b, const bdb_diag *d, bool whole)
{
	const char *msg = d->message;
	size_t first = strcspn(msg, "\n");
	bdb_buf_puts(b, "{\"error\": ");
	bdb_buf_put_json_string(b, msg, first);
	if (d->line > 0)
		bdb_buf_printf(b, ", \"line\": %d, \"column\": %d", d->line, d->col);
	else
		bdb_buf_puts(b, ", \"line\": null, \"column\": null");
	bdb_buf_puts(b, ", \"expected\": ");
	/* "expected X, found Y" or "unexpected character "/": expected X" */
	const char *after = strstr(msg, ": expected ");
	const char *start = strncmp(msg, "expected ", 9) == 0	  ? msg + 9
			    : after && after < msg + first ? after + 11
							   : NULL;
	if (start) {
		const char *end = start;
		while (end < msg + first && strncmp(end, ", found", 7) != 0 && *end != ';')
			end++;
		bdb_buf_put_json_string(b, start, (size_t)(end - start));
	} else {
		bdb_buf_puts(b, "null");
	}
	bdb_buf_puts(b, ", \"suggestion\": ");
	const char *mean = strstr(msg, "did you mean \"");
	const char *close = mean ? strchr(mean + 14, '"') : NULL;
	if (mean && mean < msg + first && close && close < msg + first)
		bdb_buf_put_json_string(b, mean + 14, (size_t)(close - (mean + 14)));
	else
		bdb_buf_puts(b, "null");
	if (whole) {
		bdb_buf_puts(b, ", \"message\": ");
		put_json_cstr(b, msg);
		bdb_buf_printf(b, ", \"code\": \"%s\"", bdb_error_name(d->code));
	}
	bdb_buf_puts(b, "}\n");
}

/* ---- responses ---------------------------------------------------------- */

static const char csp_json[] = "default-src 'none'; frame-ancestors 'none'";
/* The dashboard's page: its own script and style sheet, the API, and the
 * charts it places inline (as data: nothing else is loaded). */
static const char csp_page[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
			       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
			       "form-action 'none'; frame-ancestors 'none'";
/* An SVG opened on its own may use its inline style; nothing else. */
static const char csp_svg[] = "default-src 'none'; style-src 'unsafe-inline'; "
			      "frame-ancestors 'none'";

/* Queues status with body (copied), the security headers every answer
 * carries and n_extra more headers, extra[i][0]: extra[i][1]. */
static enum MHD_Result answer_headers(struct MHD_Connection *c, request *rq, unsigned status,
				      const char *type, const bdb_buf *body,
				      const char *const extra[][2], size_t n_extra)
{
	size_t len = body && !body->failed ? body->len : 0;
	struct MHD_Response *r = mhd.create_response_from_buffer(len, len ? body->data : (void *)"",
								 MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	bool svg = type && strncmp(type, "image/svg+xml", 13) == 0;
	bool page = type && strncmp(type, "text/html", 9) == 0;
	mhd.add_response_header(r, "Content-Security-Policy",
				svg ? csp_svg : page ? csp_page : csp_json);
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "X-Frame-Options", "DENY");
	mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
	if (type)
		mhd.add_response_header(r, "Content-Type", type);
	for (size_t i = 0; i < n_extra; i++)
		mhd.add_response_header(r, extra[i][0], extra[i][1]);
	if (!svg)
		mhd.add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_YES;
	if (rq->deferred) { /* a lane's thread: queued when the connection resumes */
		rq->response = r;
	} else {
		ret = mhd.queue_response(c, status, r);
		mhd.destroy_response(r);
	}
	rq->answered = true;
	rq->status = status;
	rq->bytes = len;
	return ret;
}

/* answer_headers with one more header extra_name: extra_value, or none
 * when extra_name is NULL. */
static enum MHD_Result answer(struct MHD_Connection *c, request *rq, unsigned status,
			      const char *type, const bdb_buf *body, const char *extra_name,
			      const char *extra_value)
{
	const char *const extra[1][2] = {{extra_name, extra_value}};
	return answer_headers(c, rq, status, type, body, extra, extra_name ? 1 : 0);
}

static const char json_type[] = "application/json";

static enum MHD_Result answer_error(struct MHD_Connection *c, request *rq, unsigned status,
				    const char *message, const char *extra_name,
				    const char *extra_value)
{
	bdb_buf b;
	bdb_buf_init(&b);
	error_body(&b, message);
	enum MHD_Result ret = answer(c, rq, status, json_type, &b, extra_name, extra_value);
	bdb_buf_free(&b);
	return ret;
}

/* The answer to a failed query or upload that is not the input's fault:
 * 503 when the store is busy (or, read where lock.mdb is not writable, open
 * in a process that may write it), 403 when it is read-only, else 500. The body
 * names the kind of failure only. */
static enum MHD_Result answer_failure(struct MHD_Connection *c, request *rq, int rc)
{
	switch (rc) {
	case BDB_ECANCELLED:
		return answer_error(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
				    rq->stopped
					? "the statement was stopped: the server is shutting down"
					: "the statement ran past the server's time limit",
				    NULL, NULL);
	case BDB_EBUSY:
	case BDB_EREADERS:
	case BDB_EINUSE:
		return answer_error(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
				    "the store is busy; try again", "Retry-After", "1");
	case BDB_EREADONLY:
		return answer_error(c, rq, MHD_HTTP_FORBIDDEN, "the store is read-only", NULL,
				    NULL);
	case BDB_ENOMEM:
		return answer_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory", NULL,
				    NULL);
	default:
		return answer_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "storage error", NULL,
				    NULL);
	}
}

/* Keeps d's message as the cause of rq's failure, for its log line. */
static void note_cause(request *rq, const bdb_diag *d)
{
	if (!rq->cause && d->message[0])
		rq->cause = strdup(d->message);
}

/* ---- query-string parameters ------------------------------------------- */

/* Decodes raw (a query-string value as libmicrohttpd hands it over: split,
 * '+' made a space, escapes left alone) into memory rq owns; NULL when out
 * of memory or the encoding is bad (*bad then set). */
static const char *decode_param(request *rq, const char *raw, bool *bad)
{
	for (const decoded *d = rq->params; d; d = d->next)
		if (d->raw == raw)
			return d->text;
	size_t n = strlen(raw), len;
	decoded *v = malloc(sizeof *v + n + 1);
	if (!v)
		return NULL;
	if (bdb__url_decode(raw, n, true, v->text, &len) != 0) {
		free(v);
		*bad = true;
		return NULL;
	}
	v->raw = raw;
	v->next = rq->params;
	rq->params = v;
	return v->text;
}

/*
 * The decoded query-string parameter name into *value (NULL when absent).
 * False with the answer queued in *ret when its encoding is bad (400: a
 * '%' without two hex digits, a NUL, not UTF-8) or memory ran out.
 */
static bool get_param(struct MHD_Connection *c, request *rq, const char *name, const char **value,
		      enum MHD_Result *ret)
{
	const char *raw = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
	*value = NULL;
	if (!raw)
		return true;
	bool bad = false;
	*value = decode_param(rq, raw, &bad);
	if (*value)
		return true;
	if (!bad) {
		*ret = answer_failure(c, rq, BDB_ENOMEM);
		return false;
	}
	char msg[160];
	snprintf(msg, sizeof msg,
		 "the %.32s parameter is not percent-encoded UTF-8 text without NUL bytes", name);
	*ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, msg, NULL, NULL);
	return false;
}

/* ---- writes ------------------------------------------------------------- */

static bool writable(const bdb_server *s)
{
	return s->token && !s->opt.read_only;
}

/* Whether header (the Authorization value) is of the Bearer scheme (its
 * name in any case: RFC 7235). */
static bool bearer(const char *header)
{
	return header && strncasecmp(header, "Bearer ", 7) == 0;
}

/* Whether header (the Authorization value) carries the token, compared in
 * time that does not depend on where the two differ. The token follows the
 * scheme after one or more spaces (RFC 9110 11.4: 1*SP); blanks after it
 * are no part of the field's value (RFC 9110 5.5), which libmicrohttpd
 * hands over with them. */
static bool token_ok(const bdb_server *s, const char *header)
{
	if (!bearer(header))
		return false;
	const char *given = header + 7 + strspn(header + 7, " ");
	size_t n = strlen(given);
	while (n && (given[n - 1] == ' ' || given[n - 1] == '\t'))
		n--;
	unsigned char diff = n != s->token_len;
	for (size_t i = 0; i < s->token_len; i++)
		diff |= (unsigned char)(s->token[i] ^ (i < n ? given[i] : 0));
	return diff == 0;
}

/* False when a write may go ahead; true with the refusal (403 or 401)
 * queued in *ret. */
static bool refuse_write(bdb_server *s, struct MHD_Connection *c, request *rq, enum MHD_Result *ret)
{
	if (!writable(s)) {
		/* --read-only with a token file: "writes need --token-file"
		 * sent its owner looking for a token that was there. */
		*ret = answer_error(c, rq, MHD_HTTP_FORBIDDEN,
				    s->opt.read_only ? "the server is read-only (benchdb serve "
						       "--read-only)"
						     : "the server is read-only (writes need "
						       "benchdb serve --token-file)",
				    NULL, NULL);
		return true;
	}
	const char *auth = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (!token_ok(s, auth)) {
		*ret = answer_error(c, rq, MHD_HTTP_UNAUTHORIZED,
				    bearer(auth) ? "the bearer token is wrong"
						 : "writes need Authorization: Bearer TOKEN",
				    "WWW-Authenticate", "Bearer");
		return true;
	}
	return false;
}

/* Whether text holds a statement that writes (set / drop baseline,
 * annotate, drop annotation). */
static bool writes_store(const char *text)
{
	return bdb_query_any_statement(text, bdb_query_word_writes);
}

/* ---- endpoints ---------------------------------------------------------- */

/* The statement of a query: the q parameter (GET) or the body (POST).
 * NULL with the answer queued in *ret when there is none. */
static const char *statement_of(struct MHD_Connection *c, request *rq, const char *method,
				enum MHD_Result *ret)
{
	const char *text;
	if (strcmp(method, "POST") == 0) {
		if (memchr(rq->body.data ? rq->body.data : "", '\0', rq->body.len)) {
			*ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
					    "the statement contains a NUL byte", NULL, NULL);
			return NULL;
		}
		text = bdb_buf_cstr(&rq->body);
	} else {
		if (!get_param(c, rq, "q", &text, ret))
			return NULL;
	}
	if (!text || !text[strspn(text, " \t\r\n")]) {
		*ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    strcmp(method, "POST") == 0
					? "expected a statement as the request body"
					: "expected a statement in the q parameter",
				    NULL, NULL);
		return NULL;
	}
	return text;
}

/* A statement's failure: 400 with the query error's body (whole: see
 * query_error_body), or the storage error's status. */
static enum MHD_Result statement_failed(struct MHD_Connection *c, request *rq, int rc,
					const bdb_diag *d, bool whole)
{
	if (rc == BDB_EQUERY || rc == BDB_ENOTFOUND) {
		bdb_buf b;
		bdb_buf_init(&b);
		query_error_body(&b, d, whole);
		enum MHD_Result ret =
		    answer(c, rq, MHD_HTTP_BAD_REQUEST, json_type, &b, NULL, NULL);
		bdb_buf_free(&b);
		return ret;
	}
	note_cause(rq, d);
	return answer_failure(c, rq, rc);
}

/* The failure of a statement the server built (badge, baselines, ...). */
static enum MHD_Result query_failed(struct MHD_Connection *c, request *rq, int rc,
				    const bdb_diag *d)
{
	return statement_failed(c, rq, rc, d, false);
}

/* The most bytes of X-Benchdb-Answer's notes: the answer's headers share
 * the connection's CONNECTION_MEMORY with the request's (a target of up to
 * MAX_TARGET); past it libmicrohttpd sent nothing at all. The notes that do
 * not fit are counted in a last one. */
#define ANSWER_MARK_MAX ((size_t)16 << 10)

/*
 * Into *mark (initialized here; free it): X-Benchdb-Answer's value,
 * "statement", then, when notes (a line each) holds any, "; notes=" and
 * each note percent-encoded, ',' between (docs/api.md).
 */
static void answer_mark(bdb_buf *mark, const bdb_buf *notes)
{
	bdb_buf_init(mark);
	bdb_buf_puts(mark, "statement");
	bdb_buf one;
	bdb_buf_init(&one);
	size_t n = 0, left = 0;
	for (const char *p = notes->data, *end = p + notes->len; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = strndup(p, len);
		if (!line) {
			mark->failed = true;
			break;
		}
		bdb_buf_reset(&one);
		bdb_buf_puts(&one, n ? "," : "; notes=");
		bdb__url_encode(&one, line);
		free(line);
		/* room for the count of those left out, too */
		if (left || mark->len + one.len > ANSWER_MARK_MAX - 256) {
			left++;
		} else {
			bdb_buf_append(mark, one.data, one.len);
			n++;
		}
		p += len + 1;
	}
	mark->failed = mark->failed || one.failed;
	bdb_buf_free(&one);
	if (left) {
		char more[96];
		snprintf(more, sizeof more,
			 "and %zu more notes (the table or JSON format shows them all)", left);
		bdb_buf_puts(mark, n ? "," : "; notes=");
		bdb__url_encode(mark, more);
	}
}

static enum MHD_Result api_query(bdb_server *s, struct MHD_Connection *c, request *rq,
				 const char *method)
{
	enum MHD_Result ret;
	const char *text = statement_of(c, rq, method, &ret);
	if (!text)
		return ret;
	if (writes_store(text) && refuse_write(s, c, rq, &ret))
		return ret;
	/* format=table|csv|tsv|markdown|line|json: the text the CLI prints in that
	 * mode, when piped (`benchdb --server URL -c` asks for its mode). */
	bdb_output_format format = BDB_OUTPUT_JSON;
	const char *asked;
	if (!get_param(c, rq, "format", &asked, &ret))
		return ret;
	if (asked && (bdb_output_format_parse(asked, BDB_OUTPUT_FOR_QUERY, &format) != 0 ||
		      bdb_output_format_is_picture(format))) {
		bdb_buf msg;
		bdb_buf_init(&msg);
		bdb_buf_puts(&msg, "format: expected ");
		bdb_output_format_put_list(&msg, BDB_OUTPUT_FOR_MODE);
		ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, bdb_buf_cstr(&msg), NULL, NULL);
		bdb_buf_free(&msg);
		return ret;
	}
	/* display=1: each JSON row carries its cells as the table format's
	 * text too (the dashboard shows them). */
	const char *display;
	if (!get_param(c, rq, "display", &display, &ret))
		return ret;
	if (display && strcmp(display, "0") != 0 && strcmp(display, "1") != 0)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST, "display: expected 1 or 0", NULL,
				    NULL);
	watch w;
	bdb_buf out, notes, mark;
	bdb_buf_init(&notes);
	bdb_query_options opt = {.format = format,
				 .cancel = watch_begin(s, &w),
				 .display = display && strcmp(display, "1") == 0,
				 .max_output = s->opt.max_answer,
				 .unshown_notes = &notes};
	bdb_buf_init(&out);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_exec(s->store, text, &opt, &out, &d);
	watch_end(s, &w, rq);
	if (!rc && out.failed)
		rc = BDB_ENOMEM;
	if (rc)
		ret = statement_failed(c, rq, rc, &d, true); /* the client's own statement */
	else { /* a statement's `as csv` (or svg) gives that format: not JSON;
		* the mark tells a client it is benchdb's answer, not any text */
		answer_mark(&mark, &notes);
		ret = answer(
		    c, rq, MHD_HTTP_OK,
		    out.len && out.data[0] == '{' ? json_type : "text/plain; charset=utf-8", &out,
		    "X-Benchdb-Answer", mark.failed ? "statement" : bdb_buf_cstr(&mark));
		bdb_buf_free(&mark);
	}
	bdb_buf_free(&out);
	bdb_buf_free(&notes);
	return ret;
}

/* FNV-1a, 64 bits: the ETag of a chart (its bytes are a pure function of
 * the store's data and the statement). */
static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
	return h;
}

/* Whether If-None-Match's value (RFC 9110 13.1.2: "*", or a list of
 * entity tags, weak W/ ones compared as strong) matches etag. */
static bool etag_matches(const char *list, const char *etag)
{
	size_t n = strlen(etag);
	for (const char *p = list; *p;) {
		p += strspn(p, " \t,");
		size_t k = strcspn(p, ",");
		size_t end = k;
		while (end && (p[end - 1] == ' ' || p[end - 1] == '\t'))
			end--;
		if (end == 1 && *p == '*')
			return true;
		const char *tag = p;
		if (end >= 2 && tag[0] == 'W' && tag[1] == '/') {
			tag += 2;
			end -= 2;
		}
		if (end == n && memcmp(tag, etag, n) == 0)
			return true;
		p += k;
	}
	return false;
}

/* Answers svg (200) with its ETag, a hash of its bytes, or 304 without a
 * body when If-None-Match names it or is "*"; svg is emptied. mark: the
 * X-Benchdb-Answer header too (answer_mark), or NULL. */
static enum MHD_Result answer_svg(struct MHD_Connection *c, request *rq, bdb_buf *svg,
				  const char *mark)
{
	char etag[24];
	snprintf(etag, sizeof etag, "\"%016llx\"", (unsigned long long)fnv1a(svg->data, svg->len));
	const char *const extra[2][2] = {{"ETag", etag}, {"X-Benchdb-Answer", mark}};
	size_t n_extra = mark ? 2 : 1;
	const char *match = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
	if (match && etag_matches(match, etag)) {
		bdb_buf_reset(svg);
		return answer_headers(c, rq, MHD_HTTP_NOT_MODIFIED, NULL, svg, extra, n_extra);
	}
	return answer_headers(c, rq, MHD_HTTP_OK, "image/svg+xml; charset=utf-8", svg, extra,
			      n_extra);
}

static enum MHD_Result api_chart(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	enum MHD_Result ret;
	const char *text = statement_of(c, rq, "GET", &ret);
	if (!text)
		return ret;
	if (writes_store(text))
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "chart.svg draws trend and changes statements", NULL, NULL);
	/* width: the chart drawn that wide (the dashboard's, a phone's box), as
	 * benchdb chart --width. */
	const char *width_text;
	if (!get_param(c, rq, "width", &width_text, &ret))
		return ret;
	bdb_chart_options chart = {0};
	if (width_text) {
		char *end;
		long v = strtol(width_text, &end, 10);
		if (end == width_text || *end || v < 16 || v > 20000)
			return answer_error(
			    c, rq, MHD_HTTP_BAD_REQUEST,
			    "the width parameter is a number of pixels from 16 to 20000", NULL,
			    NULL);
		chart.width = (int)v;
	}
	watch w;
	bdb_query_options opt = {.format = BDB_OUTPUT_SVG, .cancel = watch_begin(s, &w)};
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run(s->store, text, &opt, &res, &d);
	watch_end(s, &w, rq);
	if (rc)
		return query_failed(c, rq, rc, &d);
	bdb_output_format asked = bdb_result_requested_format(res);
	if (!bdb_result_chart_table(res) ||
	    (asked != BDB_OUTPUT_DEFAULT && asked != BDB_OUTPUT_SVG)) {
		bdb_buf msg;
		bdb_buf_init(&msg);
		bdb_buf_printf(&msg,
			       "chart.svg draws trend and changes statements as svg; "
			       "this is '%s'",
			       bdb_result_statement(res));
		if (asked != BDB_OUTPUT_DEFAULT && asked != BDB_OUTPUT_SVG)
			bdb_buf_printf(&msg, " as %s", bdb_output_format_name(asked));
		ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, bdb_buf_cstr(&msg), NULL, NULL);
		bdb_buf_free(&msg);
		bdb_result_free(res);
		return ret;
	}
	/* The notes a chart has no place for (a `since` in the future) in
	 * X-Benchdb-Answer, as /api/query's CSV answer carries them. */
	bdb_buf svg, notes, mark;
	bdb_buf_init(&svg);
	bdb_buf_init(&notes);
	rc = bdb_result_svg(res, &chart, &svg);
	bdb_result_put_unshown_notes(res, BDB_OUTPUT_SVG, "", &notes);
	bdb_result_free(res);
	if (!rc && svg.failed)
		rc = BDB_ENOMEM;
	if (rc) {
		bdb_buf_free(&svg);
		bdb_buf_free(&notes);
		return answer_failure(c, rq, rc);
	}
	answer_mark(&mark, &notes);
	ret = answer_svg(c, rq, &svg, mark.failed ? "statement" : bdb_buf_cstr(&mark));
	bdb_buf_free(&mark);
	bdb_buf_free(&notes);
	bdb_buf_free(&svg);
	return ret;
}

/* Query-string parameters as received (before decoding): those named
 * only (NULL: every one), at most max of them (MAX_LISTED at most). */
#define MAX_LISTED 64
typedef struct param_list {
	const char *only;
	size_t max;
	const char *name[MAX_LISTED], *value[MAX_LISTED];
	size_t n;
	bool too_many;
} param_list;

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	(void)kind;
	param_list *p = cls;
	if (p->only && strcmp(key, p->only) != 0)
		return MHD_YES;
	if (p->n == p->max) {
		p->too_many = true;
		return MHD_NO;
	}
	p->name[p->n] = key;
	p->value[p->n++] = value ? value : "";
	return MHD_YES;
}

/* Whether value (a parameter) is one line of text; else says what is wrong
 * into *ret. */
static bool param_ok(struct MHD_Connection *c, request *rq, const char *name, const char *value,
		     enum MHD_Result *ret)
{
	if (!value)
		return true;
	size_t n = strlen(value);
	if (n && bdb_text_fault(value, n, true, NULL) == n)
		return true;
	char msg[128];
	snprintf(msg, sizeof msg, "the %s parameter must be one line of UTF-8 text, not empty",
		 name);
	*ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, msg, NULL, NULL);
	return false;
}

static enum MHD_Result api_upload(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	enum MHD_Result ret;
	if (refuse_write(s, c, rq, &ret))
		return ret;
	if (!s->opt.ingest)
		return answer_error(c, rq, MHD_HTTP_FORBIDDEN, "uploads are off", NULL, NULL);
	bdb_serve_upload u = {0};
	static const char *const names[] = {"commit",	      "branch",		"id",
					    "format",	      "timestamp",	"default_commit",
					    "default_branch", "file_time"};
	const char **fields[] = {&u.commit,	    &u.branch,	      &u.id,
				 &u.format,	    &u.timestamp,     &u.default_commit,
				 &u.default_branch, &u.file_time};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (!get_param(c, rq, names[i], fields[i], &ret) ||
		    !param_ok(c, rq, names[i], *fields[i], &ret))
			return ret;
	}
	param_list tags = {.only = "tag", .max = MAX_UPLOAD_TAGS};
	mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &tags);
	if (tags.too_many)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST, "at most 64 tag parameters", NULL,
				    NULL);
	for (size_t i = 0; i < tags.n; i++) {
		bool bad = false;
		if (!(tags.value[i] = decode_param(rq, tags.value[i], &bad)))
			return bad ? answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
						  "the tag parameter is not percent-encoded UTF-8 "
						  "text without NUL bytes",
						  NULL, NULL)
				   : answer_failure(c, rq, BDB_ENOMEM);
		if (!param_ok(c, rq, "tag", tags.value[i], &ret))
			return ret;
	}
	u.tags = tags.value;
	u.n_tags = tags.n;
	if (rq->body.len == 0)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "expected a result file as the request body", NULL, NULL);
	bdb_serve_stored stored;
	memset(&stored, 0, sizeof stored);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = s->opt.ingest(s->opt.ingest_ctx, s->store, rq->body.data, rq->body.len, &u,
			       &stored, &d);
	bdb_buf b;
	bdb_buf_init(&b);
	if (rc == 0) {
		bdb_buf_puts(&b, "{\"id\": ");
		put_json_cstr(&b, stored.id);
		bdb_buf_printf(&b, ", \"points\": %zu, \"metrics\": %zu, \"outcome\": \"%s\"}\n",
			       stored.points, stored.metrics,
			       stored.unchanged ? "unchanged" : "stored");
		ret = answer(c, rq, stored.unchanged ? MHD_HTTP_OK : MHD_HTTP_CREATED, json_type,
			     &b, NULL, NULL);
		if (s->notifier && !stored.unchanged) /* queued: the answer does not wait */
			bdb_notify_run(s->notifier, stored.id, stored.commit);
		if (!stored.unchanged) {
			pthread_mutex_lock(&s->lock);
			s->unsettled = true;
			pthread_mutex_unlock(&s->lock);
		}
	} else if (rc == BDB_EPARSE || rc == BDB_EFORMAT || rc == BDB_EINVAL || rc == BDB_ETOOBIG ||
		   rc == BDB_EEXISTS) {
		char line[1100];
		if (!d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "%s", bdb_strerror(rc));
		error_body(&b, bdb_diag_format(&d, line, sizeof line));
		ret = answer(c, rq, rc == BDB_EEXISTS ? MHD_HTTP_CONFLICT : MHD_HTTP_BAD_REQUEST,
			     json_type, &b, NULL, NULL);
	} else {
		note_cause(rq, &d);
		ret = answer_failure(c, rq, rc);
	}
	free(stored.id);
	free(stored.commit);
	bdb_buf_free(&b);
	return ret;
}

static enum MHD_Result api_health(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_printf(&b, "{\"status\": \"ok\", \"writable\": %s}\n",
		       writable(s) ? "true" : "false");
	enum MHD_Result ret = answer(c, rq, MHD_HTTP_OK, json_type, &b, NULL, NULL);
	bdb_buf_free(&b);
	return ret;
}

/* ---- catalog: what the store holds, for a UI -------------------------- */

/* Runs text, a statement the server builds (never a client's text), under
 * the time limit. */
static int run_statement(bdb_server *s, request *rq, const char *text, bdb_result **res,
			 bdb_diag *d)
{
	watch w;
	bdb_query_options opt = {.format = BDB_OUTPUT_JSON, .cancel = watch_begin(s, &w)};
	int rc = bdb_query_run(s->store, text, &opt, res, d);
	watch_end(s, &w, rq);
	return rc;
}

/* The answer to a failed statement of the server's: a name the store does
 * not have (a run id, a tag key from the path) is 404 with the first line
 * of the message, anything else as answer_failure, its message kept for
 * the request's log line. */
static enum MHD_Result catalog_failed(struct MHD_Connection *c, request *rq, int rc,
				      const bdb_diag *d)
{
	if (rc != BDB_ENOTFOUND && rc != BDB_EQUERY) {
		note_cause(rq, d);
		return answer_failure(c, rq, rc);
	}
	char msg[sizeof d->message];
	size_t n = strcspn(d->message, "\n");
	memcpy(msg, d->message, n);
	msg[n] = '\0';
	return answer_error(c, rq, MHD_HTTP_NOT_FOUND, msg, NULL, NULL);
}

/* Appends res as JSON to b without its last newline. Returns 0 or BDB_ENOMEM. */
static int put_result_json(bdb_buf *b, const bdb_result *res)
{
	int rc = bdb_result_format(res, BDB_OUTPUT_JSON, NULL, b);
	if (!rc && b->failed)
		rc = BDB_ENOMEM;
	if (!rc && b->len && b->data[b->len - 1] == '\n')
		b->len--;
	return rc;
}

/* Answers res as the JSON of `benchdb --json -c`, with status. */
static enum MHD_Result answer_result(struct MHD_Connection *c, request *rq, unsigned status,
				     const bdb_result *res, const char *extra_name,
				     const char *extra_value)
{
	bdb_buf b;
	bdb_buf_init(&b);
	int rc = put_result_json(&b, res);
	bdb_buf_putc(&b, '\n');
	enum MHD_Result ret = rc || b.failed
				  ? answer_failure(c, rq, BDB_ENOMEM)
				  : answer(c, rq, status, json_type, &b, extra_name, extra_value);
	bdb_buf_free(&b);
	return ret;
}

/* GET /api/points, /api/metrics, /api/tags, /api/baselines: the statement's JSON. */
static enum MHD_Result api_catalog(bdb_server *s, struct MHD_Connection *c, request *rq,
				   const char *text)
{
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = run_statement(s, rq, text, &res, &d);
	if (rc)
		return catalog_failed(c, rq, rc, &d);
	enum MHD_Result ret = answer_result(c, rq, MHD_HTTP_OK, res, NULL, NULL);
	bdb_result_free(res);
	return ret;
}

/* GET /api/tags/KEY: `show tags "KEY"`. */
static enum MHD_Result api_tag(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(&text, "show tags ");
	bdb_query_put_name(&text, rq->match.param);
	enum MHD_Result ret = text.failed ? answer_failure(c, rq, BDB_ENOMEM)
					  : api_catalog(s, c, rq, bdb_buf_cstr(&text));
	bdb_buf_free(&text);
	return ret;
}

#define RUNS_PAGE     100u
#define RUNS_PAGE_MAX 1000u

/*
 * GET /api/runs?limit=N&before=ID: a page of `show runs` (newest first):
 * the limit runs after run ID in that order (from the newest without
 * before). When more follow, a Link header names the next page.
 * GET /api/runs?id=ID: the run ID's row, or no row (200 either way: the
 * dashboard asks whether a run it was linked to is still there, and a 404
 * is an error in the browser's console).
 */
static enum MHD_Result api_runs(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	enum MHD_Result ret;
	const char *limit_text, *before, *id;
	if (!get_param(c, rq, "limit", &limit_text, &ret) ||
	    !get_param(c, rq, "before", &before, &ret) || !get_param(c, rq, "id", &id, &ret))
		return ret;
	if (id && (before || limit_text))
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "id: one run, without limit or before", NULL, NULL);
	unsigned long limit = RUNS_PAGE;
	if (limit_text) {
		char *end;
		errno = 0;
		limit = strtoul(limit_text, &end, 10);
		if (!*limit_text || *end || errno || limit_text[0] == '-' || limit == 0 ||
		    limit > RUNS_PAGE_MAX)
			return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
					    "limit: expected a number of runs from 1 to 1000", NULL,
					    NULL);
	}
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = run_statement(s, rq, "show runs", &res, &d);
	if (rc)
		return catalog_failed(c, rq, rc, &d);
	size_t n = bdb_result_n_rows(res), from = 0;
	if (id) {
		int id_col = bdb_result_column_index(res, "id");
		while (from < n && strcmp(bdb_result_get(res, from, (size_t)id_col).str, id) != 0)
			from++;
		bdb_result_slice(res, from, 1);
		ret = answer_result(c, rq, MHD_HTTP_OK, res, NULL, NULL);
		bdb_result_free(res);
		return ret;
	}
	if (before) {
		int id_col = bdb_result_column_index(res, "id");
		while (from < n &&
		       strcmp(bdb_result_get(res, from, (size_t)id_col).str, before) != 0)
			from++;
		if (from == n) {
			bdb_buf msg;
			bdb_buf_init(&msg);
			bdb_buf_puts(&msg, "before: the store has no run ");
			bdb_query_put_name(&msg, before);
			ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, bdb_buf_cstr(&msg), NULL,
					   NULL);
			bdb_buf_free(&msg);
			bdb_result_free(res);
			return ret;
		}
		from++;
	}
	bdb_result_slice(res, from, limit);
	bdb_buf link;
	bdb_buf_init(&link);
	size_t shown = bdb_result_n_rows(res);
	if (from + shown < n) {
		bdb_buf_printf(&link, "</api/runs?limit=%lu&before=", limit);
		bdb__url_encode(&link, bdb_result_get(res, shown - 1, 0).str);
		bdb_buf_puts(&link, ">; rel=\"next\"");
	}
	ret = link.failed ? answer_failure(c, rq, BDB_ENOMEM)
			  : answer_result(c, rq, MHD_HTTP_OK, res, link.len ? "Link" : NULL,
					  link.len ? bdb_buf_cstr(&link) : NULL);
	bdb_buf_free(&link);
	bdb_result_free(res);
	return ret;
}

/*
 * GET /api/runs/ID: {"run": the run's environment and metadata
 * (bdb_query_run_environment), "summary": `summary run "ID"`}.
 */
static enum MHD_Result api_run(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	bdb_result *env = NULL, *sum = NULL;
	bdb_buf text, b;
	bdb_buf_init(&text);
	bdb_buf_init(&b);
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_query_run_environment(s->store, rq->match.param, &env, &d);
	if (!rc) {
		bdb_buf_puts(&text, "summary run ");
		bdb_query_put_name(&text, rq->match.param);
		rc = text.failed ? BDB_ENOMEM : run_statement(s, rq, bdb_buf_cstr(&text), &sum, &d);
	}
	enum MHD_Result ret;
	if (rc) {
		ret = catalog_failed(c, rq, rc, &d);
		goto done;
	}
	bdb_buf_puts(&b, "{\"run\": ");
	rc = put_result_json(&b, env);
	bdb_buf_puts(&b, ",\n\"summary\": ");
	if (!rc)
		rc = put_result_json(&b, sum);
	bdb_buf_puts(&b, "}\n");
	ret = rc || b.failed ? answer_failure(c, rq, BDB_ENOMEM)
			     : answer(c, rq, MHD_HTTP_OK, json_type, &b, NULL, NULL);
done:
	bdb_result_free(env);
	bdb_result_free(sum);
	bdb_buf_free(&text);
	bdb_buf_free(&b);
	return ret;
}

/* ---- the dashboard (web/dashboard.c) ----------------------------------- */

/* GET / and /assets/NAME: the dashboard's files, compiled in. */
static enum MHD_Result dashboard_file(struct MHD_Connection *c, request *rq)
{
	bdb_buf b;
	bdb_buf_init(&b);
	const char *type = NULL;
	const char *path = rq->match.param ? rq->match.param : "/";
	enum MHD_Result ret;
	if (rq->match.param) {
		bdb_buf_puts(&b, "/assets/");
		bdb_buf_puts(&b, rq->match.param);
		path = bdb_buf_cstr(&b);
	}
	bdb_buf file;
	bdb_buf_init(&file);
	if (b.failed || (bdb__dashboard_file(path, &file, &type) == 0 && file.failed))
		ret = answer_failure(c, rq, BDB_ENOMEM);
	else if (type)
		ret = answer(c, rq, MHD_HTTP_OK, type, &file, NULL, NULL);
	else
		ret = answer_error(c, rq, MHD_HTTP_NOT_FOUND, "not found", NULL, NULL);
	bdb_buf_free(&file);
	bdb_buf_free(&b);
	return ret;
}

/* GET /api/overview?baseline=NAME&runs=N: bdb_dashboard_overview. */
static enum MHD_Result api_overview(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	enum MHD_Result ret;
	const char *baseline, *runs_text, *branch, *part_text;
	if (!get_param(c, rq, "baseline", &baseline, &ret) ||
	    !get_param(c, rq, "runs", &runs_text, &ret) ||
	    !get_param(c, rq, "branch", &branch, &ret) || !get_param(c, rq, "part", &part_text, &ret))
		return ret;
	int part = BDB_OVERVIEW_ALL;
	if (part_text && strcmp(part_text, "page") == 0)
		part = BDB_OVERVIEW_PAGE;
	else if (part_text && strcmp(part_text, "groups") == 0)
		part = BDB_OVERVIEW_GROUPS;
	else if (part_text)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST, "part: expected page or groups", NULL,
				    NULL);
	unsigned long runs = 0;
	if (runs_text) {
		char *end;
		errno = 0;
		runs = strtoul(runs_text, &end, 10);
		if (!*runs_text || *end || errno || runs_text[0] == '-' || runs < 2 || runs > 1000)
			return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
					    "runs: expected a number of runs from 2 to 1000", NULL,
					    NULL);
	}
	if (baseline && bdb_text_fault(baseline, strlen(baseline), true, NULL) != strlen(baseline))
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "baseline: expected one line of text", NULL, NULL);
	/* The same store version and parameters give the same bytes: the
	 * last overview is kept (a dashboard asks for it at every load). */
	__typeof__(&s->overview[0]) kept = &s->overview[part];
	bdb_buf key;
	bdb_buf_init(&key);
	bdb_buf_printf(&key, "%s\n%s\n%lu\n%d", baseline ? baseline : "", branch ? branch : "",
		       runs, part);
	uint64_t txn_id = 0, file_id = 0;
	bool versioned = !key.failed && bdb_store_version(s->store, &txn_id, &file_id) == 0;
	bdb_buf b;
	bdb_buf_init(&b);
	pthread_mutex_lock(&s->lock);
	bool hit = versioned && kept->valid && kept->txn_id == txn_id &&
		   kept->file_id == file_id && kept->key.len == key.len &&
		   memcmp(kept->key.data, key.data, key.len) == 0;
	if (hit)
		bdb_buf_append(&b, kept->json.data, kept->json.len);
	pthread_mutex_unlock(&s->lock);
	if (hit && !b.failed) {
		ret = answer(c, rq, MHD_HTTP_OK, json_type, &b, NULL, NULL);
		bdb_buf_free(&b);
		bdb_buf_free(&key);
		return ret;
	}
	bdb_buf_reset(&b);
	watch w;
	bdb_overview_options opt = {
	    .baseline = baseline,
	    .branch = branch,
	    .runs = runs,
	    .part = part,
	    .cancel = watch_begin(s, &w)};
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_dashboard_overview(s->store, &opt, &b, &d);
	watch_end(s, &w, rq);
	if (!rc && versioned && !b.failed) {
		/* keyed by the version read before: a write since then only
		 * makes it miss */
		pthread_mutex_lock(&s->lock);
		bdb_buf_reset(&kept->json);
		bdb_buf_append(&kept->json, b.data, b.len);
		bdb_buf_reset(&kept->key);
		bdb_buf_append(&kept->key, key.data, key.len);
		kept->valid = !kept->json.failed && !kept->key.failed;
		kept->txn_id = txn_id;
		kept->file_id = file_id;
		pthread_mutex_unlock(&s->lock);
	}
	bdb_buf_free(&key);
	ret = rc ? answer_failure(c, rq, rc) : answer(c, rq, MHD_HTTP_OK, json_type, &b, NULL, NULL);
	bdb_buf_free(&b);
	return ret;
}

/* ---- the CI gate: GET /api/check ---------------------------------------- */

/* The parameters of a check, at most: each names one of check's options. */
#define MAX_CHECK_PARAMS 32u

/*
 * GET /api/check?baseline=main&format=markdown...: `benchdb check` on the
 * store (the program's own gate, through opt.check), read-only and under
 * the time limit of a statement; {"exit": N, "stdout": ..., "stderr": ...}
 * holds what it printed, which `benchdb --server URL check` prints.
 */
static enum MHD_Result api_check(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	if (!s->opt.check)
		return answer_error(c, rq, MHD_HTTP_NOT_FOUND, "not found", NULL, NULL);
	param_list list = {.max = MAX_CHECK_PARAMS};
	mhd.get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &list);
	if (list.too_many)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST, "at most 32 parameters", NULL,
				    NULL);
	bdb_serve_param params[MAX_CHECK_PARAMS];
	for (size_t i = 0; i < list.n; i++) {
		bool bad = false;
		const char *name = decode_param(rq, list.name[i], &bad);
		const char *value = name ? decode_param(rq, list.value[i], &bad) : NULL;
		if (!value)
			return bad ? answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
						  "a parameter is not percent-encoded UTF-8 text "
						  "without NUL bytes",
						  NULL, NULL)
				   : answer_failure(c, rq, BDB_ENOMEM);
		params[i] = (bdb_serve_param){name, value};
	}
	bdb_serve_checked out = {0};
	bdb_buf_init(&out.out);
	bdb_buf_init(&out.err);
	bdb_diag d;
	bdb_diag_clear(&d);
	watch w;
	size_t max_answer = s->opt.max_answer ? s->opt.max_answer : DEFAULT_MAX_ANSWER;
	int rc = s->opt.check(s->opt.check_ctx, params, list.n, watch_begin(s, &w), max_answer,
			      &out, &d);
	watch_end(s, &w, rq);
	enum MHD_Result ret;
	bdb_buf b;
	bdb_buf_init(&b);
	if (!rc) {
		bdb_buf_printf(&b, "{\"exit\": %d, \"stdout\": ", out.exit_code);
		bdb_buf_put_json_string(&b, out.out.data ? out.out.data : "", out.out.len);
		bdb_buf_puts(&b, ", \"stderr\": ");
		bdb_buf_put_json_string(&b, out.err.data ? out.err.data : "", out.err.len);
		bdb_buf_puts(&b, "}\n");
		ret = b.failed || out.out.failed || out.err.failed
			  ? answer_failure(c, rq, BDB_ENOMEM)
			  : answer(c, rq, MHD_HTTP_OK, json_type, &b, NULL, NULL);
	} else if (rc == BDB_EINVAL || rc == BDB_ETOOBIG) {
		ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				   d.message[0] ? d.message : bdb_strerror(rc), NULL, NULL);
	} else {
		/* Why the gate could not run (no /proc/self/exe, it crashed)
		 * goes to the log; "storage error" would mislead. */
		note_cause(rq, &d);
		ret = rc == BDB_ECANCELLED
			  ? answer_error(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
					 rq->stopped
					     ? "the check was stopped: the server is shutting down"
					     : "the check ran past the server's time limit",
					 NULL, NULL)
		      : rc == BDB_EIO ? answer_error(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR,
						     "the check could not run (the server's log "
						     "says why)",
						     NULL, NULL)
				      : answer_failure(c, rq, rc);
	}
	bdb_buf_free(&b);
	bdb_buf_free(&out.out);
	bdb_buf_free(&out.err);
	return ret;
}

/* ---- baselines: PUT and DELETE /api/baselines/NAME ---------------------- */

/* Whether baseline name is stored (*has); 0 or the statement's error. */
static int baseline_exists(bdb_server *s, request *rq, const char *name, bool *has, bdb_diag *d)
{
	bdb_result *res = NULL;
	int rc = run_statement(s, rq, "show baselines", &res, d);
	*has = false;
	for (size_t i = 0; !rc && i < bdb_result_n_rows(res); i++)
		if (strcmp(bdb_result_get(res, i, 0).str, name) == 0)
			*has = true;
	bdb_result_free(res);
	return rc;
}

/*
 * PUT /api/baselines/NAME with a run reference of the query language as
 * the body (`latest~1`, `run "r05"`): `set baseline "NAME" = BODY`, 201
 * when NAME is new, 200 when it moved. A bad reference is 400 with its
 * position in the body. DELETE: `drop baseline "NAME"`, 404 when there is
 * none. The name is always quoted into the statement, never pasted.
 */
static enum MHD_Result api_baseline(bdb_server *s, struct MHD_Connection *c, request *rq,
				    const char *method)
{
	bool put = strcmp(method, "PUT") == 0;
	const char *ref = bdb_buf_cstr(&rq->body);
	if (put &&
	    (memchr(ref, '\0', rq->body.len) || bdb_utf8_valid(ref, rq->body.len) != rq->body.len))
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "the run reference is not UTF-8 text without NUL bytes", NULL,
				    NULL);
	if (put && !ref[strspn(ref, " \t\r\n")])
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "expected a run reference as the request body (latest, "
				    "latest~N, run \"ID\", commit \"SHA\", baseline NAME)",
				    NULL, NULL);
	bdb_diag d;
	bdb_diag_clear(&d);
	bool existed = false;
	int rc = put ? baseline_exists(s, rq, rq->match.param, &existed, &d) : 0;
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_puts(&text, put ? "set baseline " : "drop baseline ");
	bdb_query_put_name(&text, rq->match.param);
	size_t prefix = 0;
	if (put) {
		bdb_buf_puts(&text, " = ");
		prefix = text.len;
		bdb_buf_puts(&text, ref);
	}
	bdb_result *res = NULL;
	if (!rc)
		rc = text.failed ? BDB_ENOMEM : run_statement(s, rq, bdb_buf_cstr(&text), &res, &d);
	enum MHD_Result ret;
	if (!rc) {
		ret = answer_result(c, rq, put && !existed ? MHD_HTTP_CREATED : MHD_HTTP_OK, res,
				    NULL, NULL);
	} else if (!put && rc == BDB_ENOTFOUND) {
		ret = catalog_failed(c, rq, rc, &d);
	} else if (put && (rc == BDB_EQUERY || rc == BDB_ENOTFOUND) && d.line == 1 &&
		   (size_t)d.col > prefix) {
		/* The error is in the body: its position there. */
		int line, col;
		bdb_text_position(text.data, text.len, prefix, &line, &col);
		d.col -= col - 1;
		ret = query_failed(c, rq, rc, &d);
	} else if (put && (rc == BDB_EQUERY || rc == BDB_ENOTFOUND) && d.line > 1) {
		ret = query_failed(c, rq, rc, &d); /* the body's own lines */
	} else {
		ret = catalog_failed(c, rq, rc, &d);
	}
	bdb_result_free(res);
	bdb_buf_free(&text);
	return ret;
}

/* ---- GET /api/badge.svg ------------------------------------------------- */

/* The string cell (row, name) of res, or "" when there is none. */
static const char *cell_str(const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	if (col < 0)
		return "";
	bdb_value v = bdb_result_get(res, row, (size_t)col);
	return v.kind == BDB_VALUE_STRING ? v.str : "";
}

/*
 * The badge of res into label (when the client gave none), message and
 * *color: a trend's newest value of its one series, in natural units; a
 * compare's or regressions' verdict, the worst of its rows (regressed
 * before inconclusive before ok). False with *why set when res is neither
 * (or a trend of several series).
 */
static bool badge_of(const bdb_result *res, bdb_buf *label, bdb_buf *message, const char **color,
		     const char **why)
{
	size_t n = bdb_result_n_rows(res);
	bool fill_label = label->len == 0;
	if (bdb_result_is_trend(res)) {
		bdb_value series = bdb_result_field_by_name(res, "series");
		if (series.kind == BDB_VALUE_INT && series.i > 1) {
			*why = "a badge shows one series; narrow the trend with of or where";
			return false;
		}
		if (fill_label) {
			bdb_value metric = bdb_result_field_by_name(res, "metric");
			bdb_buf_puts(label, metric.kind == BDB_VALUE_STRING ? metric.str : "value");
			if (n) {
				bdb_buf_puts(label, " of ");
				bdb_buf_puts(label, cell_str(res, 0, "point"));
			}
		}
		*color = BDB__BADGE_BLUE;
		if (n)
			bdb_result_cell_quantity(
			    res, n - 1, (size_t)bdb_result_column_index(res, "value"), message);
		else
			bdb_buf_puts(message, "no data");
		if (!n)
			*color = BDB__BADGE_GREY;
		return true;
	}
	if (!bdb_result_has_verdicts(res)) {
		*why = "badge.svg shows a trend (its newest value) or a compare or regressions "
		       "(the verdict)";
		return false;
	}
	bool regressions = bdb_result_is_regressions(res), regressed = false, unsure = false;
	bool has_verdict = bdb_result_column_index(res, "verdict") >= 0;
	size_t compared = 0; /* rows with a verdict of two values: not new, removed, n/a */
	for (size_t i = 0; i < n; i++) {
		const char *verdict = cell_str(res, i, "verdict");
		if (strcmp(verdict, "regression") == 0 || (regressions && !has_verdict))
			regressed = true;
		else if (strcmp(verdict, "inconclusive") == 0)
			unsure = true;
		compared += strcmp(verdict, "regression") == 0 || strcmp(verdict, "improvement") == 0 ||
			    strcmp(verdict, "unchanged") == 0 || strcmp(verdict, "inconclusive") == 0;
	}
	if (regressions) {
		bdb_value v = bdb_result_field_by_name(res, "compared");
		compared = v.kind == BDB_VALUE_INT && v.i > 0 ? (size_t)v.i : 0;
	}
	if (fill_label) {
		if (n == 1) {
			bdb_buf_puts(label, cell_str(res, 0, "metric"));
			bdb_buf_puts(label, " of ");
			bdb_buf_puts(label, cell_str(res, 0, "point"));
		} else {
			bdb_buf_puts(label, "benchmarks");
		}
	}
	if (!regressed && compared == 0)
		unsure = true; /* nothing was compared: a removed benchmark is not ok */
	bdb_buf_puts(message, regressed ? "regressed" : unsure ? "inconclusive" : "ok");
	*color = regressed ? BDB__BADGE_RED : unsure ? BDB__BADGE_GREY : BDB__BADGE_GREEN;
	return true;
}

/*
 * GET /api/badge.svg?q=STATEMENT, or ?point=P&metric=M[&baseline=NAME]:
 * a shields-style badge of a series' newest value (`trend "M" of "P" last
 * 1`) or of the verdict of the latest run against a baseline (`compare
 * baseline "NAME" with latest metric "M" of "P"`). label= replaces the
 * label. ETag and 304 as chart.svg.
 */
static enum MHD_Result api_badge(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	enum MHD_Result ret;
	const char *q, *point, *metric, *baseline, *label_param, *branch;
	if (!get_param(c, rq, "q", &q, &ret) || !get_param(c, rq, "point", &point, &ret) ||
	    !get_param(c, rq, "metric", &metric, &ret) ||
	    !get_param(c, rq, "baseline", &baseline, &ret) ||
	    !get_param(c, rq, "label", &label_param, &ret) ||
	    !get_param(c, rq, "branch", &branch, &ret))
		return ret;
	if (q ? point || metric || baseline || branch : !point || !metric)
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "expected q=STATEMENT, or point= and metric= (and baseline=, "
				    "branch=)",
				    NULL, NULL);
	if (q && writes_store(q))
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "badge.svg shows a trend, compare or regressions statement",
				    NULL, NULL);
	/* The verdict compares the newest run of the baseline's own branch (a
	 * pull request's run does not turn main's badge), unless branch= says. */
	bdb_buf base_branch;
	bdb_buf_init(&base_branch);
	bdb_diag bd;
	bdb_diag_clear(&bd);
	watch bw;
	bdb_query_options bopt = {.cancel = watch_begin(s, &bw)};
	int brc = !q && baseline && !branch
		      ? bdb__page_baseline_branch(s->store, &bopt, baseline, &base_branch, &bd)
		      : 0;
	watch_end(s, &bw, rq);
	if (!brc && base_branch.failed)
		brc = BDB_ENOMEM;
	if (brc) {
		bdb_buf_free(&base_branch);
		return catalog_failed(c, rq, brc, &bd);
	}
	if (!branch && base_branch.len)
		branch = bdb_buf_cstr(&base_branch);
	bdb_buf text, label, message, svg;
	bdb_buf_init(&text);
	bdb_buf_init(&label);
	bdb_buf_init(&message);
	bdb_buf_init(&svg);
	if (q) {
		bdb_buf_puts(&text, q);
	} else if (baseline) {
		bdb_buf_puts(&text, "compare baseline ");
		bdb_query_put_name(&text, baseline);
		bdb_buf_puts(&text, " with latest");
		if (branch) {
			bdb_buf_puts(&text, " on branch ");
			bdb_query_put_name(&text, branch);
		}
		bdb_buf_puts(&text, " metric ");
		bdb_query_put_name(&text, metric);
		bdb_buf_puts(&text, " of ");
		bdb_query_put_name(&text, point);
	} else {
		bdb_buf_puts(&text, "trend ");
		bdb_query_put_name(&text, metric);
		bdb_buf_puts(&text, " of ");
		bdb_query_put_name(&text, point);
		if (branch) {
			bdb_buf_puts(&text, " where branch = ");
			bdb_query_put_name(&text, branch);
		}
		bdb_buf_puts(&text, " last 1");
	}
	if (label_param)
		bdb_buf_puts(&label, label_param);
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = text.failed ? BDB_ENOMEM : run_statement(s, rq, bdb_buf_cstr(&text), &res, &d);
	const char *color = BDB__BADGE_GREY, *why = NULL;
	if (rc && q)
		ret = query_failed(c, rq, rc, &d);
	else if (rc)
		ret = catalog_failed(c, rq, rc, &d);
	else if (!badge_of(res, &label, &message, &color, &why))
		ret = answer_error(c, rq, MHD_HTTP_BAD_REQUEST, why, NULL, NULL);
	else if (label.failed || message.failed)
		ret = answer_failure(c, rq, BDB_ENOMEM);
	else {
		bdb__badge_svg(bdb_buf_cstr(&label), bdb_buf_cstr(&message), color, &svg);
		ret =
		    svg.failed ? answer_failure(c, rq, BDB_ENOMEM) : answer_svg(c, rq, &svg, NULL);
	}
	bdb_result_free(res);
	bdb_buf_free(&base_branch);
	bdb_buf_free(&text);
	bdb_buf_free(&label);
	bdb_buf_free(&message);
	bdb_buf_free(&svg);
	return ret;
}

/* ---- GET /metrics ------------------------------------------------------ */

/* The Prometheus text exposition of the server's counters (metrics.h). */
static enum MHD_Result api_prometheus(bdb_server *s, struct MHD_Connection *c, request *rq)
{
	bdb_serve_store_facts facts = {-1, -1};
	if (s->opt.facts)
		s->opt.facts(s->opt.facts_ctx, s->store, &facts);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	bdb__metrics_gauges g = {.uptime_seconds = (double)(now.tv_sec - s->started.tv_sec) +
						   (double)(now.tv_nsec - s->started.tv_nsec) / 1e9,
				 .store_bytes = facts.bytes,
				 .runs = facts.runs};
	bdb_buf b;
	bdb_buf_init(&b);
	pthread_mutex_lock(&s->lock);
	bdb__metrics_write(&s->metrics, &g, &b);
	pthread_mutex_unlock(&s->lock);
	enum MHD_Result ret =
	    b.failed ? answer_failure(c, rq, BDB_ENOMEM)
		     : answer(c, rq, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", &b,
			      NULL, NULL);
	bdb_buf_free(&b);
	return ret;
}

/* ---- routing ------------------------------------------------------------ */

/*
 * The first call of a request, its headers read: refuses at once what
 * needs no body to refuse (an unknown path, a wrong method, an upload
 * without the token, a body declared too large), so that nobody can make
 * the server hold a body it will not use. Sets rq->match and rq->limit.
 */
static void put_log_text(bdb_buf *b, const char *s, size_t max);

/* The host of an authority "NAME[:PORT]" or "[V6][:PORT]" of n bytes:
 * *h and *hn (with the brackets of an IPv6 literal). */
static void authority_host(const char *a, size_t n, const char **h, size_t *hn)
{
	const char *end = memchr(a, a[0] == '[' ? ']' : ':', n);
	*h = a;
	*hn = !end ? n : a[0] == '[' ? (size_t)(end - a) + 1 : (size_t)(end - a);
}

static bool same_name(const char *a, size_t an, const char *b, size_t bn)
{
	if (an && a[an - 1] == '.') /* "localhost." names the same host */
		an--;
	return an == bn && bn > 0 && strncasecmp(a, b, an) == 0;
}

/* Whether a request's Host names a loopback server: an IP literal,
 * localhost or a name under .localhost, the host of --public-url, or one
 * of --allow-host's. A web page whose own name its DNS points at
 * 127.0.0.1 (DNS rebinding) sends that name, and is refused. */
static bool host_allowed(const bdb_server *s, const char *host)
{
	const char *h;
	size_t hn;
	authority_host(host, strlen(host), &h, &hn);
	char name[256];
	if (hn == 0 || hn >= sizeof name)
		return false;
	if (h[0] == '[')
		return true; /* an IPv6 literal */
	memcpy(name, h, hn);
	name[hn] = '\0';
	struct in_addr a4;
	if (inet_pton(AF_INET, name, &a4) == 1 || same_name(name, hn, "localhost", 9) ||
	    (hn > 10 && same_name(name + hn - 10, 10, ".localhost", 10)))
		return true;
	const char *u = s->opt.public_url ? strstr(s->opt.public_url, "://") : NULL;
	if (u) {
		const char *uh;
		size_t uhn;
		authority_host(u + 3, strcspn(u + 3, "/?#"), &uh, &uhn);
		if (same_name(name, hn, uh, uhn))
			return true;
	}
	for (const char *p = s->opt.allow_hosts; p && *p;) {
		size_t k = strcspn(p, ",");
		if (same_name(name, hn, p, k))
			return true;
		p += k + (p[k] == ',');
	}
	return false;
}

static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	(void)kind;
	(void)value;
	if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
		(*(int *)cls)++;
	return MHD_YES;
}

/*
 * The Host header, read once: RFC 9112 3.2 makes an HTTP/1.1 request
 * without one, any request with more than one, or an empty one (an http
 * URL always has a host) a 400; a loopback server refuses a name not its
 * own (host_allowed) with a 403. Returns the status, 0 when the request
 * may go on; msg says why.
 */
static unsigned host_refusal(const bdb_server *s, struct MHD_Connection *c, const char *version,
			     bdb_buf *msg)
{
	int n = 0;
	mhd.get_connection_values(c, MHD_HEADER_KIND, count_host, &n);
	const char *host = mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	const char *why = n > 1		   ? "a request has one Host header, not several"
			  : host && !*host ? "the Host header is empty: it names the server"
			  : !host && strcmp(version, MHD_HTTP_VERSION_1_1) == 0
			      ? "an HTTP/1.1 request needs a Host header"
			      : NULL;
	if (why) {
		bdb_buf_puts(msg, why);
		return MHD_HTTP_BAD_REQUEST;
	}
	if (!s->loopback || !host || host_allowed(s, host))
		return 0;
	bdb_buf_puts(msg, "Host ");
	put_log_text(msg, host, 200);
	bdb_buf_puts(msg, " is not this server's: on loopback it answers localhost and IP "
			  "addresses only (a web page can point its own name at 127.0.0.1); serve "
			  "--allow-host NAME lets a name in");
	return MHD_HTTP_FORBIDDEN;
}

/* What framing_refusal counts of a request's headers. */
typedef struct framing {
	int lengths, encodings; /* Content-Length and Transfer-Encoding headers */
	bool chunked;		/* the one Transfer-Encoding is "chunked" alone */
	bool spaced_name;	/* a header name holds a blank ("Host : x") */
} framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	(void)kind;
	framing *f = cls;
	if (strpbrk(key, " \t"))
		f->spaced_name = true;
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		f->lengths++;
	if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
		f->encodings++;
		/* As libmicrohttpd reads it: "chunked " is not chunked there. */
		f->chunked = strcasecmp(value + strspn(value, " \t"), "chunked") == 0;
	}
	return MHD_YES;
}

/*
 * How the body of a request is delimited, checked before it is read
 * (RFC 9112 6): libmicrohttpd reads the first Content-Length of several
 * and a Transfer-Encoding beside a Content-Length, which a proxy in front
 * may read otherwise (request smuggling), and waits for the end of a body
 * of a transfer coding it does not know until the client gives up. Two
 * Content-Lengths, both headers, or a blank before a header's colon (RFC
 * 9112 5.1) are 400; a Transfer-Encoding other than "chunked" alone is
 * 501. Returns the status, 0 when the request may go on; msg says why.
 */
static unsigned framing_refusal(struct MHD_Connection *c, bdb_buf *msg)
{
	framing f = {0};
	mhd.get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
	const char *why = f.spaced_name ? "a header's name is followed by its colon, not a blank"
			  : f.lengths > 1 ? "a request has one Content-Length header, not several"
			  : f.lengths && f.encodings
			      ? "a request has Content-Length or Transfer-Encoding, not both"
			      : NULL;
	if (why) {
		bdb_buf_puts(msg, why);
		return MHD_HTTP_BAD_REQUEST;
	}
	if (f.encodings > 1 || (f.encodings && !f.chunked)) {
		bdb_buf_puts(msg, "the one transfer coding this server reads is chunked");
		return MHD_HTTP_NOT_IMPLEMENTED;
	}
	return 0;
}

static enum MHD_Result on_headers(bdb_server *s, struct MHD_Connection *c, request *rq,
				  const char *url, const char *method, const char *version)
{
	bdb_buf msg;
	bdb_buf_init(&msg);
	/* A body whose end is not known is not read: the connection closes. */
	unsigned status = framing_refusal(c, &msg);
	bool closing = status != 0;
	if (!status)
		status = host_refusal(s, c, version, &msg);
	if (status) {
		enum MHD_Result ret =
		    msg.failed ? answer_failure(c, rq, BDB_ENOMEM)
				 : answer_error(c, rq, status, bdb_buf_cstr(&msg),
						closing ? "Connection" : NULL, closing ? "close" : NULL);
		bdb_buf_free(&msg);
		return ret;
	}
	switch (bdb__route_find(url, method, &rq->match)) {
	case BDB__ROUTE_OK:
		break;
	case BDB__ROUTE_NOT_FOUND:
		return answer_error(c, rq, MHD_HTTP_NOT_FOUND, "not found", NULL, NULL);
	case BDB__ROUTE_BAD_METHOD:
		return answer_error(c, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed",
				    "Allow", rq->match.route->methods);
	case BDB__ROUTE_BAD_PARAM:
		return answer_error(c, rq, MHD_HTTP_BAD_REQUEST,
				    "the path is not percent-encoded UTF-8 text without control "
				    "characters",
				    NULL, NULL);
	case BDB__ROUTE_NO_MEMORY:
		return answer_failure(c, rq, BDB_ENOMEM);
	}
	bdb__route_id id = rq->match.route->id;
	bool upload = id == BDB__ROUTE_RUNS && strcmp(method, "POST") == 0;
	enum MHD_Result ret;
	if ((upload || id == BDB__ROUTE_BASELINE) && refuse_write(s, c, rq, &ret))
		return ret;
	rq->limit = s->opt.max_body;
	if (!upload && rq->limit > MAX_STATEMENT)
		rq->limit = MAX_STATEMENT;
	/* A declared length past the limit is refused before the body is
	 * sent (no 100 Continue). */
	const char *length =
	    mhd.lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length && strtoull(length, NULL, 10) > rq->limit) {
		rq->too_big = true;
		return answer_error(c, rq, MHD_HTTP_CONTENT_TOO_LARGE,
				    "the request body is too large", NULL, NULL);
	}
	return MHD_YES;
}

/* The last call of a request, its body read: the endpoint's answer. */
static enum MHD_Result on_body(bdb_server *s, struct MHD_Connection *c, request *rq,
			       const char *method)
{
	if (rq->too_big)
		return answer_error(c, rq, MHD_HTTP_CONTENT_TOO_LARGE,
				    "the request body is too large", NULL, NULL);
	if (rq->body.failed)
		return answer_failure(c, rq, BDB_ENOMEM);
	if (strcmp(method, "HEAD") == 0)
		method = "GET"; /* MHD sends the headers only */
	switch (rq->match.route->id) {
	case BDB__ROUTE_HEALTH:
		return api_health(s, c, rq);
	case BDB__ROUTE_QUERY:
		return api_query(s, c, rq, method);
	case BDB__ROUTE_CHART:
		return api_chart(s, c, rq);
	case BDB__ROUTE_RUNS:
		return strcmp(method, "POST") == 0 ? api_upload(s, c, rq) : api_runs(s, c, rq);
	case BDB__ROUTE_RUN:
		return api_run(s, c, rq);
	case BDB__ROUTE_POINTS:
		return api_catalog(s, c, rq, "show points");
	case BDB__ROUTE_METRICS:
		return api_catalog(s, c, rq, "show metrics");
	case BDB__ROUTE_TAGS:
		return api_catalog(s, c, rq, "show tags");
	case BDB__ROUTE_TAG:
		return api_tag(s, c, rq);
	case BDB__ROUTE_BASELINES:
		return api_catalog(s, c, rq, "show baselines");
	case BDB__ROUTE_DASHBOARD:
	case BDB__ROUTE_ASSET:
		return dashboard_file(c, rq);
	case BDB__ROUTE_OVERVIEW:
		return api_overview(s, c, rq);
	case BDB__ROUTE_CHECK:
		return api_check(s, c, rq);
	case BDB__ROUTE_BASELINE:
		return api_baseline(s, c, rq, method);
	case BDB__ROUTE_PROMETHEUS:
		return api_prometheus(s, c, rq);
	case BDB__ROUTE_BADGE:
		return api_badge(s, c, rq);
	case BDB__N_ROUTES:
		break;
	}
	return answer_error(c, rq, MHD_HTTP_NOT_FOUND, "not found", NULL, NULL);
}

/* ---- the lanes ------------------------------------------------------ */

/*
 * The quick threads (libmicrohttpd's pool, each serving its share of the
 * connections) answer the reads that take a millisecond. A request that
 * may take long is suspended and answered on a lane instead, so that it
 * never holds up the connections that share its quick thread: an upload or
 * a write on the write lane, the overview or a statement the statement
 * table calls long-running (`changes`) on the long lane. Returns the lane,
 * or -1: answer it here.
 */
static int lane_of(struct MHD_Connection *c, request *rq, const char *method)
{
	if (rq->too_big || rq->body.failed)
		return -1;
	switch (rq->match.route->id) {
	case BDB__ROUTE_RUNS:
		return strcmp(method, "POST") == 0 ? LANE_WRITE : -1;
	case BDB__ROUTE_BASELINE:
		return LANE_WRITE;
	case BDB__ROUTE_OVERVIEW:
	case BDB__ROUTE_CHECK:
		return LANE_LONG;
	case BDB__ROUTE_QUERY:
	case BDB__ROUTE_CHART:
	case BDB__ROUTE_BADGE: {
		const char *text;
		if (strcmp(method, "POST") == 0) {
			text = bdb_buf_cstr(&rq->body);
		} else {
			const char *raw = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
			bool bad = false;
			text = raw ? decode_param(rq, raw, &bad) : NULL;
		}
		/* a bad q is answered quickly, by on_body */
		if (!text)
			return -1;
		if (writes_store(text))
			return LANE_WRITE;
		if (bdb_query_any_statement(text, bdb_query_word_long_running))
			return LANE_LONG;
		return -1;
	}
	default:
		return -1;
	}
}

/* Whether the client of c has closed its connection (or reset it) while
 * its request waited: its answer would go nowhere. A request is read
 * whole before it waits, so anything left to read is the client's next
 * request; end of file, or an error, is a client gone (as nginx takes a
 * closed connection for a request given up). */
static bool client_gone(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *info =
	    mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!info || info->connect_fd == MHD_INVALID_SOCKET)
		return false;
	char byte;
	ssize_t n = recv(info->connect_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

static void *lane_main(void *arg)
{
	lane *l = arg;
	bdb_server *s = l->server;
	/* Linux: the nice value of this thread; where that is refused, it
	 * keeps the process's. */
	if (l->nice)
		(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), l->nice);
	pthread_mutex_lock(&s->lock);
	for (;;) {
		request *rq = l->head;
		if (!rq && l == &s->lanes[LANE_WRITE] && s->unsettled && !l->stopping) {
			/* The uploads are answered: the answers of `changes` for
			 * what they stored, at low priority, before the next. */
			s->unsettled = false;
			pthread_mutex_unlock(&s->lock);
			(void)bdb_query_changes_settle(s->store, &s->settle_cancel, NULL);
			pthread_mutex_lock(&s->lock);
			continue;
		}
		if (!rq) {
			if (l->stopping)
				break;
			pthread_cond_wait(&l->work, &s->lock);
			continue;
		}
		l->head = rq->next;
		if (!l->head)
			l->tail = NULL;
		l->waiting--;
		rq->next = NULL;
		pthread_mutex_unlock(&s->lock);
		/* The connection is suspended: its quick thread does not touch it
		 * until resumed, and the request is on_body's alone. A request
		 * whose client has gone is not run: 64 long statements sent and
		 * given up would otherwise hold the lane for half an hour. */
		struct MHD_Connection *c = rq->connection;
		if (client_gone(c) || on_body(s, c, rq, rq->method) != MHD_YES ||
		    (!rq->response && !rq->answered))
			rq->failed = true;
		mhd.resume_connection(c);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Suspends rq's connection and queues it on lane k; false when the lane
 * has opt.max_waiting requests waiting already. */
static bool lane_put(bdb_server *s, int k, struct MHD_Connection *c, request *rq)
{
	lane *l = &s->lanes[k];
	pthread_mutex_lock(&s->lock);
	if (l->waiting >= s->opt.max_waiting) {
		pthread_mutex_unlock(&s->lock);
		return false;
	}
	l->waiting++;
	rq->connection = c;
	rq->deferred = true;
	mhd.suspend_connection(c);
	if (l->tail)
		l->tail->next = rq;
	else
		l->head = rq;
	l->tail = rq;
	pthread_cond_signal(&l->work);
	pthread_mutex_unlock(&s->lock);
	return true;
}

static int start_lanes(bdb_server *s)
{
	for (int k = 0; k < N_LANES; k++) {
		s->lanes[k].server = s;
		s->lanes[k].nice = lane_kinds[k].nice;
		pthread_cond_init(&s->lanes[k].work, NULL);
	}
	for (int k = 0; k < N_LANES; k++) {
		lane *l = &s->lanes[k];
		for (; l->n_threads < lane_kinds[k].threads; l->n_threads++)
			if (pthread_create(&l->threads[l->n_threads], NULL, lane_main, l) != 0)
				return BDB_ENOMEM;
	}
	return 0;
}

/* Lets every lane's threads finish their queue and leave. */
static void stop_lanes(bdb_server *s)
{
	pthread_mutex_lock(&s->lock);
	for (int k = 0; k < N_LANES; k++) {
		s->lanes[k].stopping = true;
		pthread_cond_broadcast(&s->lanes[k].work);
	}
	s->settle_cancel = 1;
	pthread_mutex_unlock(&s->lock);
	for (int k = 0; k < N_LANES; k++) {
		lane *l = &s->lanes[k];
		for (unsigned i = 0; i < l->n_threads; i++)
			pthread_join(l->threads[i], NULL);
		l->n_threads = 0;
		pthread_cond_destroy(&l->work);
	}
}

/*
 * A request target refused before libmicrohttpd splits its query string:
 * on_target hands one of these to on_request as the request's context,
 * which answers it 414.
 */
typedef struct target_refusal {
	const char *message;
} target_refusal;
static const target_refusal target_too_long = {
    "the request target (path and query string) is longer than 16384 bytes; a long "
    "statement goes as the body of POST /api/query"};
static const target_refusal too_many_params = {"the query string has more than 256 parameters"};

static const target_refusal *refusal_of(void *context)
{
	return context == &target_too_long || context == &too_many_params ? context : NULL;
}

/*
 * libmicrohttpd's URI log callback, called with the request target once the
 * request line is read, before the query string is split. libmicrohttpd
 * 0.9.75 keeps one record per parameter in the connection's memory
 * (CONNECTION_MEMORY, shared with the read buffer); when they do not fit,
 * it queues its own 431 and then goes on reading the headers, and the
 * connection waits for the idle timeout without an answer (about 950
 * parameters did it, or 100 in a 60 KB target). A target of at most
 * MAX_TARGET bytes fits in the read buffer's first half of that memory,
 * leaving the other half for MAX_PARAMS records (and the headers after
 * them, which libmicrohttpd refuses 431 itself when they do not fit).
 * A longer target, or more parameters, is refused: its query string is
 * emptied here, in the read buffer where uri lies, so that nothing is left
 * to split, and on_request answers 414. A target longer than the read
 * buffer never gets here: libmicrohttpd answers that 414 itself.
 */
static void *on_target(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	const char *query = strchr(uri, '?');
	const target_refusal *refusal = strlen(uri) > MAX_TARGET ? &target_too_long : NULL;
	if (!refusal && query) {
		unsigned params = 1; /* libmicrohttpd splits at every '&' */
		for (const char *p = query + 1; *p && params <= MAX_PARAMS; p++)
			params += *p == '&';
		if (params > MAX_PARAMS)
			refusal = &too_many_params;
	}
	if (refusal && query)
		((char *)query)[1] = '\0';
	return (void *)refusal;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	bdb_server *s = cls;
	const target_refusal *refusal = refusal_of(*con_cls);
	request *rq = refusal ? NULL : *con_cls;
	if (!rq) {
		rq = calloc(1, sizeof *rq);
		if (!rq)
			return MHD_NO;
		bdb_buf_init(&rq->body);
		clock_gettime(CLOCK_MONOTONIC, &rq->start);
		rq->method = strdup(method);
		rq->path = strdup(url);
		if (!rq->method || !rq->path) {
			free(rq->method);
			free(rq->path);
			free(rq);
			return MHD_NO;
		}
		pthread_mutex_lock(&s->lock);
		s->in_flight++;
		pthread_mutex_unlock(&s->lock);
		*con_cls = rq;
		if (refusal)
			return answer_error(c, rq, MHD_HTTP_URI_TOO_LONG, refusal->message, NULL,
					    NULL);
		return on_headers(s, c, rq, url, method, version);
	}
	if (*upload_data_size) {
		/* Past the limit, or already answered: read and dropped. */
		if (!rq->too_big && !rq->answered && rq->body.len + *upload_data_size > rq->limit) {
			rq->too_big = true;
			bdb_buf_free(&rq->body);
			bdb_buf_init(&rq->body);
		}
		if (!rq->too_big && !rq->answered)
			bdb_buf_append(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->deferred) { /* resumed: the lane's answer */
		rq->deferred = false;
		if (rq->failed)
			return MHD_NO;
		if (rq->response) {
			enum MHD_Result ret = mhd.queue_response(c, rq->status, rq->response);
			mhd.destroy_response(rq->response);
			rq->response = NULL;
			return ret;
		}
	}
	if (rq->answered)
		return MHD_YES;
	int k = lane_of(c, rq, method);
	if (k >= 0)
		return lane_put(s, k, c, rq) ? MHD_YES
					     : answer_error(c, rq, MHD_HTTP_SERVICE_UNAVAILABLE,
							    "the server is busy; try again",
							    "Retry-After", "1");
	return on_body(s, c, rq, method);
}

/* Appends s to b with every byte outside printable ASCII as '?': a
 * request's path cannot forge a log line. */
static void put_log_text(bdb_buf *b, const char *s, size_t max)
{
	size_t i = 0;
	for (; i < max && s[i]; i++)
		bdb_buf_putc(b, s[i] > 0x20 && s[i] < 0x7f ? s[i] : '?');
	if (s[i])
		bdb_buf_puts(b, "...");
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	bdb_server *s = cls;
	request *rq = *con_cls;
	if (!rq || refusal_of(rq)) /* closed before on_request */
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - rq->start.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - rq->start.tv_nsec) / 1e6;
	if (rq->answered) {
		pthread_mutex_lock(&s->lock);
		bdb__metrics_record(&s->metrics, rq->match.route, rq->status, ms / 1e3);
		pthread_mutex_unlock(&s->lock);
	}
	if (s->opt.log) {
		char addr[INET6_ADDRSTRLEN] = "-";
		const union MHD_ConnectionInfo *info =
		    mhd.get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (info && info->client_addr) {
			const struct sockaddr *sa = info->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET,
					  &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
					  addr, sizeof addr);
			else if (sa->sa_family == AF_INET6)
				inet_ntop(
				    AF_INET6,
				    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				    addr, sizeof addr);
		}
		bdb_buf line;
		bdb_buf_init(&line);
		bdb_buf_printf(&line, "%s \"", addr);
		put_log_text(&line, rq->method, 16);
		bdb_buf_putc(&line, ' ');
		put_log_text(&line, rq->path, 200);
		bdb_buf_printf(&line, "\" %u %zu %.1fms%s", rq->status, rq->bytes, ms,
			       toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
		if (rq->cause && rq->status == MHD_HTTP_INTERNAL_SERVER_ERROR) {
			bdb_buf_puts(&line, ": ");
			for (const char *p = rq->cause; *p && p - rq->cause < 400; p++)
				bdb_buf_putc(&line, *p >= 0x20 && *p < 0x7f ? *p : '?');
		}
		if (!line.failed)
			s->opt.log(s->opt.log_ctx, line.data);
		bdb_buf_free(&line);
	}
	if (rq->response)
		mhd.destroy_response(rq->response);
	bdb_buf_free(&rq->body);
	bdb__route_match_free(&rq->match);
	while (rq->params) {
		decoded *next = rq->params->next;
		free(rq->params);
		rq->params = next;
	}
	free(rq->method);
	free(rq->path);
	free(rq->cause);
	free(rq);
	*con_cls = NULL;
	pthread_mutex_lock(&s->lock);
	s->in_flight--;
	pthread_cond_broadcast(&s->idle);
	pthread_mutex_unlock(&s->lock);
}

/* ---- start, stop -------------------------------------------------------- */

/* libmicrohttpd's unescape callback: leaves escapes as they are, so that
 * router.c decodes the path and get_param the values, rejecting bad ones. */
static size_t keep_escapes(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

/* Parses "HOST:PORT" / "[V6]:PORT" into *sa. */
static int parse_listen(const char *listen, struct sockaddr_storage *sa, bool *v6, bdb_diag *d)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(listen, ':');
	const char *h = listen;
	size_t hn = colon ? (size_t)(colon - listen) : 0;
	if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') {
		h++;
		hn -= 2;
	}
	char *end;
	unsigned long port = colon ? strtoul(colon + 1, &end, 10) : 0;
	if (!colon || hn == 0 || hn >= sizeof host || !colon[1] || *end || port > 65535)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				    "--listen: expected HOST:PORT (127.0.0.1:8080, [::1]:8080), "
				    "got '%s'",
				    listen);
	memcpy(host, h, hn);
	host[hn] = '\0';
	memset(sa, 0, sizeof *sa);
	struct sockaddr_in *in4 = (struct sockaddr_in *)sa;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
	if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		*v6 = false;
	} else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*v6 = true;
	} else {
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				    "--listen: '%s' is not an IP address (names are not looked "
				    "up)",
				    host);
	}
	return 0;
}

/* The notifier of --notify-url, linking to --public-url or the address
 * listened on. */
static int start_notifier(bdb_server *s)
{
	char link[300];
	if (s->opt.public_url) {
		snprintf(link, sizeof link, "%s", s->opt.public_url);
	} else {
		const char *colon = strrchr(s->opt.listen, ':');
		snprintf(link, sizeof link, "http://%.*s:%u/", (int)(colon - s->opt.listen),
			 s->opt.listen, s->port);
	}
	bdb_notify_options no = {
	    .url = s->opt.notify_url, .link = link, .log = s->opt.log, .log_ctx = s->opt.log_ctx};
	return bdb_notify_start(s->store, &no, &s->notifier);
}

int bdb_serve_start(bdb_store *store, const bdb_serve_options *opt, bdb_server **out, bdb_diag *d)
{
	*out = NULL;
	pthread_once(&mhd_once, mhd_load);
	if (!mhd_loaded)
		return bdb_diag_set(d, BDB_EUNSUPPORTED, NULL, 0, 0,
				    "the server needs libmicrohttpd (Debian: libmicrohttpd12)");
	bdb_server *s = calloc(1, sizeof *s);
	if (!s)
		return BDB_ENOMEM;
	s->store = store;
	s->opt = *opt;
	if (!s->opt.listen)
		s->opt.listen = DEFAULT_LISTEN;
	if (!s->opt.max_body)
		s->opt.max_body = DEFAULT_MAX_BODY;
	if (!s->opt.max_answer)
		s->opt.max_answer = DEFAULT_MAX_ANSWER;
	if (!s->opt.max_waiting)
		s->opt.max_waiting = BDB_SERVE_MAX_WAITING;
	s->opt.token = NULL;
	if (opt->token) {
		s->token = strdup(opt->token);
		if (!s->token) {
			free(s);
			return BDB_ENOMEM;
		}
		s->token_len = strlen(s->token);
	}
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->idle, NULL);
	clock_gettime(CLOCK_MONOTONIC, &s->started);
	struct sockaddr_storage sa;
	bool v6 = false;
	int rc = parse_listen(s->opt.listen, &sa, &v6, d);
	if (rc)
		goto fail;
	if (v6) {
		const struct in6_addr *a = &((struct sockaddr_in6 *)&sa)->sin6_addr;
		s->loopback = IN6_IS_ADDR_LOOPBACK(a) ||
			      (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
	} else {
		s->loopback = (ntohl(((struct sockaddr_in *)&sa)->sin_addr.s_addr) >> 24) == 127;
	}
	unsigned threads = s->opt.threads;
	if (!threads) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus < 1 ? 1 : cpus > BDB_SERVE_MAX_THREADS ? BDB_SERVE_MAX_THREADS
								      : (unsigned)cpus;
	}
	if ((rc = start_lanes(s)) != 0) {
		stop_lanes(s);
		goto fail;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO |
			 MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ITC | (v6 ? MHD_USE_IPv6 : 0);
	/* No MHD_OPTION_LISTENING_ADDRESS_REUSE: given 0, libmicrohttpd also
	 * leaves out SO_REUSEADDR, and a restart found the port in use for
	 * as long as a connection the old server closed sat in TIME_WAIT
	 * (a dashboard's keep-alive). Its default sets SO_REUSEADDR, which
	 * still refuses a port another server listens on (no SO_REUSEPORT). */
	errno = 0;
	s->daemon = mhd.start_daemon(
	    flags, 0, NULL, NULL, on_request, s, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
	    s, MHD_OPTION_CONNECTION_LIMIT, MAX_CONNECTIONS, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    s->loopback ? 0u : MAX_CLIENT_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_MEMORY, MHD_OPTION_UNESCAPE_CALLBACK,
	    keep_escapes, NULL, MHD_OPTION_URI_LOG_CALLBACK, on_target, NULL, MHD_OPTION_END);
	if (!s->daemon) {
		int err = errno;
		rc = bdb_diag_set(d, BDB_EIO, NULL, 0, 0, "cannot listen on %s: %s", s->opt.listen,
				  err == EADDRINUSE ? "the address is in use"
				  : err		    ? strerror(err)
						    : "the server did not start");
		stop_lanes(s);
		goto fail;
	}
	if (s->opt.query_ms) {
		if (pthread_create(&s->watchdog, NULL, watchdog_main, s) != 0) {
			mhd.stop_daemon(s->daemon);
			stop_lanes(s);
			rc = BDB_ENOMEM;
			goto fail;
		}
		s->watchdog_started = true;
	}
	const union MHD_DaemonInfo *info =
	    mhd.get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	if (opt->notify_url && (rc = start_notifier(s)) != 0) {
		mhd.stop_daemon(s->daemon);
		stop_lanes(s);
		goto fail_started;
	}
	*out = s;
	return 0;
fail_started:
	if (s->watchdog_started) {
		pthread_mutex_lock(&s->lock);
		s->stopping = true;
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->watchdog, NULL);
	}
fail:
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->idle);
	for (size_t i = 0; i < sizeof s->overview / sizeof *s->overview; i++) {
		bdb_buf_free(&s->overview[i].json);
		bdb_buf_free(&s->overview[i].key);
	}
	free(s->token);
	free(s);
	return rc;
}

unsigned bdb_serve_port(const bdb_server *server)
{
	return server->port;
}

/* Waits, s->lock held, until no request is in flight or ms have passed. */
static void wait_idle(bdb_server *s, unsigned ms)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	add_ms(&deadline, ms);
	while (s->in_flight > 0)
		if (pthread_cond_timedwait(&s->idle, &s->lock, &deadline) == ETIMEDOUT)
			break;
}

void bdb_serve_stop(bdb_server *s, unsigned grace_ms)
{
	if (!s)
		return;
	MHD_socket listener = mhd.quiesce_daemon(s->daemon);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	pthread_mutex_lock(&s->lock);
	wait_idle(s, grace_ms);
	/* The wait ran out: the statements still running (a check or a
	 * `changes` with no time limit could run for good) and those still
	 * queued are cancelled, answered 503. */
	if (s->in_flight > 0) {
		s->cancel_all = true;
		for (watch *w = s->watches; w; w = w->next)
			w->cancel = WATCH_STOPPED;
	}
	bool cancelled = s->cancel_all;
	pthread_mutex_unlock(&s->lock);
	stop_lanes(s); /* they finish what is queued: no request stays suspended */
	/* The 503s of the statements cancelled are queued now; the daemon's
	 * threads send them (a request is done when its answer is sent), up to
	 * CANCELLED_SEND_MS more: stopping the daemon at once could close their
	 * connections first, and the client read no answer. */
	if (cancelled) {
		pthread_mutex_lock(&s->lock);
		wait_idle(s, CANCELLED_SEND_MS);
		pthread_mutex_unlock(&s->lock);
	}
	mhd.stop_daemon(s->daemon);
	bdb_notify_stop(s->notifier);
	pthread_mutex_lock(&s->lock);
	s->stopping = true;
	pthread_mutex_unlock(&s->lock);
	if (s->watchdog_started)
		pthread_join(s->watchdog, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->idle);
	for (size_t i = 0; i < sizeof s->overview / sizeof *s->overview; i++) {
		bdb_buf_free(&s->overview[i].json);
		bdb_buf_free(&s->overview[i].key);
	}
	free(s->token);
	free(s);
}
