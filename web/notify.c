/*
 * notify.c - the server's notifications (notify.h, docs/serve.md): a queue
 * of uploaded runs, one thread that asks the store about each and POSTs a
 * message through the HTTP client (client.c) when a run regressed.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "notify.h"

#define MAX_QUEUED 256

typedef struct queued_run {
	char *id, *commit;
	struct queued_run *next;
} queued_run;

struct bdb_notifier {
	bdb_store *store;
	bdb_notify_options opt; /* its strings are the copies below */
	char *url, *link, *baseline;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	queued_run *head, *tail; /* under lock */
	size_t queued;
	bool stopping;
};

static void log_line(const bdb_notifier *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void log_line(const bdb_notifier *n, const char *fmt, ...)
{
	if (!n->opt.log)
		return;
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n->opt.log(n->opt.log_ctx, line);
}

/* The text of cell (row, name) of res, as the table shows it. */
static void put_cell(bdb_buf *b, const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	if (col >= 0)
		bdb_result_cell_text(res, row, (size_t)col, b);
}

/* A value of row with its unit ("32000 ns"). */
static void put_value(bdb_buf *b, const bdb_result *res, size_t row, const char *name)
{
	put_cell(b, res, row, name);
	int unit = bdb_result_column_index(res, "unit");
	bdb_value u = unit >= 0 ? bdb_result_get(res, row, (size_t)unit)
				: (bdb_value){.kind = BDB_VALUE_NULL};
	if (u.kind == BDB_VALUE_STRING && u.str && *u.str)
		bdb_buf_printf(b, " %s", u.str);
}

static bool is_regression(const bdb_result *res, size_t row, int severity)
{
	if (severity < 0)
		return true;
	bdb_value v = bdb_result_get(res, row, (size_t)severity);
	return !(v.kind == BDB_VALUE_STRING && v.str && strcmp(v.str, "inconclusive") == 0);
}

bool bdb_notify_message(const bdb_result *res, const char *run_id, const char *commit,
			const char *baseline, const char *link, bdb_buf *out)
{
	int severity = bdb_result_column_index(res, "severity");
	int change = bdb_result_column_index(res, "change_pct");
	size_t count = 0, worst = 0;
	double worst_change = -1;
	for (size_t row = 0; row < bdb_result_n_rows(res); row++) {
		if (!is_regression(res, row, severity))
			continue;
		count++;
		bdb_value v = change >= 0 ? bdb_result_get(res, row, (size_t)change)
					  : (bdb_value){.kind = BDB_VALUE_NULL};
		double c = v.kind == BDB_VALUE_NUMBER ? fabs(v.num) : 0;
		if (c > worst_change) {
			worst_change = c;
			worst = row;
		}
	}
	if (!count)
		return false;
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_printf(&text, "benchdb: run %s", run_id);
	if (commit && *commit)
		bdb_buf_printf(&text, " (commit %s)", commit);
	bdb_buf_printf(&text, " has %zu regression%s vs baseline %s. Worst: ", count,
		       count == 1 ? "" : "s", baseline);
	put_cell(&text, res, worst, "metric");
	bdb_buf_puts(&text, " of ");
	put_cell(&text, res, worst, "point");
	int tags = bdb_result_column_index(res, "tags");
	if (tags >= 0 && bdb_result_get(res, worst, (size_t)tags).n_tags) {
		bdb_buf_puts(&text, " [");
		put_cell(&text, res, worst, "tags");
		bdb_buf_puts(&text, "]");
	}
	bdb_buf_puts(&text, " ");
	put_cell(&text, res, worst, "change_pct");
	bdb_buf_puts(&text, " (");
	put_value(&text, res, worst, "base");
	bdb_buf_puts(&text, " -> ");
	put_value(&text, res, worst, "current");
	bdb_buf_printf(&text, "). %s", link);
	bdb_buf_puts(out, "{\"text\": ");
	bdb_buf_put_json_string(out, text.data ? text.data : "", text.len);
	bdb_buf_puts(out, "}\n");
	bdb_buf_free(&text);
	return !out->failed;
}

/* Sends body to the URL, with up to opt.attempts tries and a doubling
 * delay between them (the delay ends early when the notifier stops). */
static void deliver(bdb_notifier *n, const char *run_id, const bdb_buf *body)
{
	unsigned delay = n->opt.first_delay_ms;
	for (unsigned attempt = 1; attempt <= n->opt.attempts; attempt++) {
		bdb_http_request rq = {.url = n->url,
				       .content_type = "application/json",
				       .body = body->data,
				       .body_len = body->len,
				       .timeout_ms = n->opt.timeout_ms};
		bdb_http_response r;
		bdb_diag d;
		bdb_diag_clear(&d);
		int rc = bdb_http_send(&rq, &r, &d);
		char why[300];
		if (rc == 0) {
			unsigned status = r.status;
			bdb_http_response_free(&r);
			if (status >= 200 && status < 300) {
				log_line(n, "notify: run %s: sent (HTTP %u, try %u)", run_id,
					 status, attempt);
				return;
			}
			snprintf(why, sizeof why, "HTTP %u", status);
		} else {
			snprintf(why, sizeof why, "%.200s", d.message[0] ? d.message : bdb_strerror(rc));
		}
		if (attempt == n->opt.attempts) {
			log_line(n, "notify: run %s: gave up after %u tries: %s", run_id, attempt,
				 why);
			return;
		}
		log_line(n, "notify: run %s: try %u failed: %s; next in %u ms", run_id, attempt,
			 why, delay);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += delay / 1000;
		until.tv_nsec += (long)(delay % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_mutex_lock(&n->lock);
		while (!n->stopping &&
		       pthread_cond_timedwait(&n->wake, &n->lock, &until) != ETIMEDOUT)
			;
		bool stopping = n->stopping;
		pthread_mutex_unlock(&n->lock);
		if (stopping)
			return;
		delay *= 2;
	}
}

/* Asks the store whether run_id regressed, and sends the message if so. */
static void consider(bdb_notifier *n, const queued_run *q)
{
	bdb_buf stmt;
	bdb_buf_init(&stmt);
	bdb_buf_puts(&stmt, "regressions in run ");
	bdb_query_put_name(&stmt, q->id);
	bdb_buf_puts(&stmt, " vs baseline ");
	bdb_query_put_name(&stmt, n->baseline);
	bdb_query_options opt = {.format = BDB_OUTPUT_JSON};
	bdb_result *res = NULL;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = stmt.failed ? BDB_ENOMEM
			     : bdb_query_run(n->store, bdb_buf_cstr(&stmt), &opt, &res, &d);
	bdb_buf_free(&stmt);
	if (rc) {
		/* No baseline yet is the usual reason: nothing to compare with. */
		if (rc != BDB_ENOTFOUND)
			log_line(n, "notify: run %s: %s", q->id,
				 d.message[0] ? d.message : bdb_strerror(rc));
		return;
	}
	bdb_buf body;
	bdb_buf_init(&body);
	if (bdb_notify_message(res, q->id, q->commit, n->baseline, n->link, &body))
		deliver(n, q->id, &body);
	bdb_buf_free(&body);
	bdb_result_free(res);
}

static void free_run(queued_run *q)
{
	free(q->id);
	free(q->commit);
	free(q);
}

static void *notify_main(void *arg)
{
	bdb_notifier *n = arg;
	for (;;) {
		pthread_mutex_lock(&n->lock);
		while (!n->stopping && !n->head)
			pthread_cond_wait(&n->wake, &n->lock);
		if (n->stopping) {
			pthread_mutex_unlock(&n->lock);
			return NULL;
		}
		queued_run *q = n->head;
		n->head = q->next;
		if (!n->head)
			n->tail = NULL;
		n->queued--;
		pthread_mutex_unlock(&n->lock);
		consider(n, q);
		free_run(q);
	}
}

/* Frees n and what it owns; its thread has ended (or never started). */
static void free_notifier(bdb_notifier *n)
{
	pthread_mutex_destroy(&n->lock);
	pthread_cond_destroy(&n->wake);
	free(n->url);
	free(n->link);
	free(n->baseline);
	free(n);
}

int bdb_notify_start(bdb_store *store, const bdb_notify_options *opt, bdb_notifier **out)
{
	*out = NULL;
	bdb_notifier *n = calloc(1, sizeof *n);
	if (!n)
		return BDB_ENOMEM;
	n->store = store;
	n->opt = *opt;
	n->url = strdup(opt->url);
	n->link = strdup(opt->link ? opt->link : "");
	n->baseline = strdup(opt->baseline ? opt->baseline : "main");
	if (!n->opt.attempts)
		n->opt.attempts = 5;
	if (!n->opt.first_delay_ms)
		n->opt.first_delay_ms = 250;
	if (!n->opt.timeout_ms)
		n->opt.timeout_ms = 5000;
	pthread_mutex_init(&n->lock, NULL);
	pthread_cond_init(&n->wake, NULL);
	if (!n->url || !n->link || !n->baseline ||
	    pthread_create(&n->thread, NULL, notify_main, n) != 0) {
		free_notifier(n);
		return BDB_ENOMEM;
	}
	*out = n;
	return 0;
}

void bdb_notify_run(bdb_notifier *n, const char *run_id, const char *commit)
{
	queued_run *q = calloc(1, sizeof *q);
	if (q) {
		q->id = strdup(run_id);
		q->commit = commit && *commit ? strdup(commit) : NULL;
	}
	if (!q || !q->id || (commit && *commit && !q->commit)) {
		if (q)
			free_run(q);
		log_line(n, "notify: run %s: dropped (out of memory)", run_id);
		return;
	}
	pthread_mutex_lock(&n->lock);
	bool full = n->queued >= MAX_QUEUED;
	if (!full) {
		if (n->tail)
			n->tail->next = q;
		else
			n->head = q;
		n->tail = q;
		n->queued++;
		pthread_cond_signal(&n->wake);
	}
	pthread_mutex_unlock(&n->lock);
	if (full) {
		log_line(n, "notify: run %s: dropped (%d runs already wait)", run_id, MAX_QUEUED);
		free_run(q);
	}
}

void bdb_notify_stop(bdb_notifier *n)
{
	if (!n)
		return;
	pthread_mutex_lock(&n->lock);
	n->stopping = true;
	pthread_cond_broadcast(&n->wake);
	pthread_mutex_unlock(&n->lock);
	pthread_join(n->thread, NULL);
	while (n->head) {
		queued_run *q = n->head;
		n->head = q->next;
		free_run(q);
	}
	free_notifier(n);
}
