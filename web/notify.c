/*
 * notify.c - the server's notifications (notify.h, docs/serve.md): a queue
 * of uploaded runs, one thread that asks the store about each and POSTs a
 * message through the HTTP client (client.c) when a run regressed.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "notify.h"

#define MAX_QUEUED 256

/* Runs before an upload that the search for a new change group looks at. */
#define CHANGE_WINDOW 60
/* A new change group is told when it starts in one of the last runs: a
 * step needs a few runs after it to be told from an excursion (4 after its
 * first run in tests/cli/test_notify_changes.sh), while an older one that
 * moves when a run is added is the noise of the method, not news. */
#define CHANGE_RECENT 8
/* A group is told when it is seen with the upload and the CHANGE_SETTLE runs
 * before it, and was not seen before them: a change point of a noisy series
 * that moves from run to run never settles. */
#define CHANGE_SETTLE 1

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
	volatile sig_atomic_t cancel; /* set with stopping: a delivery in flight ends */
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
	/* A run id may hold any character: its control characters become '?',
	 * so that the line stays one and no forged line follows it. */
	for (char *p = line; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	n->opt.log(n->opt.log_ctx, line);
}

/* The text of cell (row, name) of res, as the table shows it. */
static void put_cell(bdb_buf *b, const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	if (col >= 0)
		bdb_result_cell_text(res, row, (size_t)col, b);
}

/* A value of row in its unit's natural scale, as the table shows it
 * ("32 µs" for 32000 ns). */
static void put_value(bdb_buf *b, const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	if (col >= 0)
		bdb_result_cell_quantity(res, row, (size_t)col, b);
}

static bool is_regression(const bdb_result *res, size_t row, int severity)
{
	if (severity < 0)
		return true;
	bdb_value v = bdb_result_get(res, row, (size_t)severity);
	return !(v.kind == BDB_VALUE_STRING && v.str && strcmp(v.str, "inconclusive") == 0);
}

/* Appends s[0..n) to out for Slack and its peers: '&' and '<' as "&amp;"
 * and "&lt;" (Slack reads "<...>" as a mention or a link and "&...;" as an
 * entity), and, with mentions, a zero-width space (U+200B) after each '@'
 * (Discord reads "@everyone" and "@here", Mattermost "@channel", "@all"
 * and "@NAME" as mentions without brackets). */
static void put_slack_text(bdb_buf *out, const char *s, size_t n, bool mentions)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '&')
			bdb_buf_puts(out, "&amp;");
		else if (s[i] == '<')
			bdb_buf_puts(out, "&lt;");
		else if (s[i] == '@' && mentions)
			bdb_buf_puts(out, "@\xe2\x80\x8b");
		else
			bdb_buf_putc(out, s[i]);
	}
}

/* Appends {"text": TEXT LINK} and a newline to out, and frees text. No
 * name in text (a point "<!channel>" or "@everyone") pings anyone or links
 * anywhere (put_slack_text); the link, the server's own address, is kept
 * as it is but for '&' and '<'. */
static bool put_message(bdb_buf *out, bdb_buf *text, const char *link)
{
	bdb_buf safe;
	bdb_buf_init(&safe);
	put_slack_text(&safe, text->data ? text->data : "", text->len, true);
	put_slack_text(&safe, link, strlen(link), false);
	bdb_buf_puts(out, "{\"text\": ");
	bdb_buf_put_json_string(out, safe.data ? safe.data : "", safe.len);
	bdb_buf_puts(out, "}\n");
	bool ok = !text->failed && !safe.failed && !out->failed;
	bdb_buf_free(&safe);
	bdb_buf_free(text);
	return ok;
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
	bdb_buf_puts(&text, "). ");
	return put_message(out, &text, link);
}

/* The most of a webhook's answer read: its status is what counts, and an
 * endless body (a receiver gone wrong, or hostile) must not fill the
 * server's memory for the timeout's 5 s. */
#define NOTIFY_MAX_ANSWER ((size_t)1 << 20)

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
				       .timeout_ms = n->opt.timeout_ms,
				       .max_body = NOTIFY_MAX_ANSWER,
				       .cancel = &n->cancel};
		bdb_http_response r;
		bdb_diag d;
		bdb_diag_clear(&d);
		int rc = bdb_http_send(&rq, &r, &d);
		if (rc == BDB_ETOOBIG && r.status)
			rc = 0; /* its status tells; the rest of its body is not read */
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
		} else if (rc == BDB_ECANCELLED) {
			log_line(n, "notify: run %s: gave up at try %u: the server is stopping", run_id,
				 attempt);
			return;
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
		if (stopping) {
			log_line(n, "notify: run %s: gave up after %u tries: the server is stopping",
				 run_id, attempt);
			return;
		}
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

/* ------------------------------------------------------------------------ */
/* New change groups                                                         */
/* ------------------------------------------------------------------------ */

/* A metric of the uploaded run and the `where` over its points. */
typedef struct run_metric {
	char *name;
	bdb_buf where;	     /* point in ("a", "b") */
	size_t n_points;     /* the run's series of the metric */
	const char *last_point; /* the last name put in where (the run's, while read) */
	char *only_series;   /* with one series: "NAME {k=v, ...}" */
} run_metric;

/* What the uploaded run touches and the window `changes` looks at. */
typedef struct change_scope {
	run_metric *metrics;
	size_t n;
	char since[40];
	char until[CHANGE_SETTLE + 2][40]; /* up to the upload, the run before, ... */
	char *recent[CHANGE_RECENT]; /* the commits of the last runs, the upload's first */
	size_t n_recent;
} change_scope;

static void scope_free(change_scope *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->metrics[i].name);
		bdb_buf_free(&s->metrics[i].where);
		free(s->metrics[i].only_series);
	}
	free(s->metrics);
	for (size_t i = 0; i < s->n_recent; i++)
		free(s->recent[i]);
	memset(s, 0, sizeof *s);
}

/* A point's series as `changes` names it: "NAME {k=v, k=v}". */
static char *series_name(const bdb_point *p)
{
	bdb_buf b;
	bdb_buf_init(&b);
	bdb_buf_puts(&b, p->name);
	for (size_t t = 0; t < p->n_tags; t++)
		bdb_buf_printf(&b, "%s%s=%s", t ? ", " : " {", p->tags[t].key, p->tags[t].value);
	if (p->n_tags)
		bdb_buf_puts(&b, "}");
	char *out = b.failed ? NULL : strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return out;
}

/* Adds point p (with metric m) to the scope. */
static int scope_add(change_scope *s, const bdb_point *p, const char *metric)
{
	size_t i = 0;
	while (i < s->n && strcmp(s->metrics[i].name, metric) != 0)
		i++;
	if (i == s->n) {
		run_metric *grown = realloc(s->metrics, (s->n + 1) * sizeof *grown);
		if (!grown)
			return BDB_ENOMEM;
		s->metrics = grown;
		memset(&grown[i], 0, sizeof grown[i]);
		bdb_buf_init(&grown[i].where);
		s->n++;
		if (!(grown[i].name = strdup(metric)))
			return BDB_ENOMEM;
		bdb_buf_puts(&grown[i].where, "point in (");
	}
	run_metric *m = &s->metrics[i];
	if (m->last_point && strcmp(m->last_point, p->name) == 0) {
		/* Another tag set of the same point: the name is in the list. */
		free(m->only_series);
		m->only_series = NULL;
		m->n_points++;
		return 0;
	}
	m->last_point = p->name;
	free(m->only_series);
	m->only_series = m->n_points ? NULL : series_name(p);
	bdb_buf_puts(&m->where, m->n_points++ ? ", " : "");
	bdb_query_put_name(&m->where, p->name);
	return m->where.failed || (m->n_points == 1 && !m->only_series) ? BDB_ENOMEM : 0;
}

/*
 * The scope of run id: its metrics with their points, the commits of the
 * CHANGE_RECENT runs up to it, and the window: from the CHANGE_WINDOW-th
 * run before it to it (until[0]) or to the k-th run before it (until[k]).
 * BDB_ENOTFOUND when it is not the newest run, has none before it, or
 * shares its timestamp with the run before it (then no window holds the
 * one without the other).
 */
static int scope_read(bdb_store *store, const char *id, change_scope *s)
{
	bdb_reader *r;
	int rc = bdb_reader_begin(store, &r);
	if (rc)
		return rc;
	uint64_t seq, newest;
	bdb_run_info *runs = NULL;
	bdb_run *run = NULL;
	size_t n = 0;
	if (!(rc = bdb_reader_find_id(r, id, &seq)) && !(rc = bdb_reader_latest(r, 0, &newest))) {
		bdb_run_filter f = {NULL, INT64_MIN, INT64_MAX};
		rc = newest != seq ? BDB_ENOTFOUND
				   : bdb_reader_list_runs(r, &f, CHANGE_WINDOW + 1, &runs, &n);
	}
	for (size_t k = 1; !rc && k < CHANGE_SETTLE + 2; k++)
		if (n <= k || runs[k].timestamp_us == runs[k - 1].timestamp_us)
			rc = BDB_ENOTFOUND;
	if (!rc) {
		bdb_time_format(runs[n - 1].timestamp_us, s->since, sizeof s->since);
		for (size_t k = 0; k < CHANGE_SETTLE + 2; k++)
			bdb_time_format(runs[k].timestamp_us, s->until[k], sizeof s->until[k]);
		for (size_t i = 0; !rc && i < n && i < CHANGE_RECENT; i++)
			if (runs[i].commit[0] && !(s->recent[s->n_recent++] = strdup(runs[i].commit)))
				rc = BDB_ENOMEM;
	}
	if (!rc)
		rc = bdb_reader_run_decode(r, seq, &run);
	for (size_t p = 0; !rc && p < run->n_points; p++)
		for (size_t m = 0; !rc && m < run->points[p].n_metrics; m++)
			rc = scope_add(s, &run->points[p], run->points[p].metrics[m].name);
	bdb_run_free(run);
	free(runs);
	bdb_reader_end(r);
	return rc;
}

static bool is_recent(const change_scope *s, const char *commit)
{
	for (size_t i = 0; i < s->n_recent; i++)
		if (strcmp(s->recent[i], commit) == 0)
			return true;
	return false;
}

/* `changes METRIC where point in (...) since S until U kind step as json`. */
static int run_changes(bdb_notifier *n, const run_metric *m, const char *since, const char *until,
		       bdb_result **out)
{
	bdb_buf stmt;
	bdb_buf_init(&stmt);
	bdb_buf_puts(&stmt, "changes ");
	bdb_query_put_name(&stmt, m->name);
	bdb_buf_printf(&stmt, " where %s) since ", bdb_buf_cstr((bdb_buf *)&m->where));
	bdb_query_put_name(&stmt, since);
	bdb_buf_puts(&stmt, " until ");
	bdb_query_put_name(&stmt, until);
	bdb_buf_puts(&stmt, " kind step");
	bdb_query_options opt = {.format = BDB_OUTPUT_JSON};
	bdb_diag d;
	bdb_diag_clear(&d);
	*out = NULL;
	int rc = stmt.failed ? BDB_ENOMEM
			     : bdb_query_run(n->store, bdb_buf_cstr(&stmt), &opt, out, &d);
	bdb_buf_free(&stmt);
	return rc;
}

/* The string of cell (row, name), or NULL. */
static const char *cell_str(const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	bdb_value v = col >= 0 ? bdb_result_get(res, row, (size_t)col)
			       : (bdb_value){.kind = BDB_VALUE_NULL};
	return v.kind == BDB_VALUE_STRING ? v.str : NULL;
}

static bool has_commit(const bdb_result *res, const char *commit)
{
	for (size_t row = 0; res && row < bdb_result_n_rows(res); row++) {
		const char *c = cell_str(res, row, "commit");
		if (c && strcmp(c, commit) == 0)
			return true;
	}
	return false;
}

/* A signed percentage as the tables show it ("+29.7%"). */
static void put_pct(bdb_buf *b, const bdb_result *res, size_t row, const char *name)
{
	int col = bdb_result_column_index(res, name);
	bdb_value v = col >= 0 ? bdb_result_get(res, row, (size_t)col)
			       : (bdb_value){.kind = BDB_VALUE_NULL};
	if (v.kind == BDB_VALUE_NUMBER)
		bdb_buf_printf(b, "%+.1f%%", v.num);
	else
		bdb_buf_puts(b, "-");
}

bool bdb_notify_change_message(const bdb_result *res, size_t row, const char *metric,
			       const char *only_series, const char *run_id, const char *commit,
			       const char *link, bdb_buf *out)
{
	bool grouped = bdb_result_column_index(res, "series") >= 0;
	const char *at = cell_str(res, row, "commit"), *prev = cell_str(res, row, "previous_commit");
	if (!at)
		return false;
	bdb_buf text;
	bdb_buf_init(&text);
	bdb_buf_printf(&text, "benchdb: new change of %s at commit %s", metric, at);
	bdb_buf_printf(&text, ", seen with run %s", run_id);
	if (commit && *commit && strcmp(commit, at) != 0)
		bdb_buf_printf(&text, " (commit %s)", commit);
	bdb_buf_puts(&text, ": ");
	if (grouped) {
		put_cell(&text, res, row, "series");
		bdb_buf_puts(&text, " series, median ");
		put_pct(&text, res, row, "median_change_pct");
		bdb_buf_puts(&text, ", worst ");
		put_pct(&text, res, row, "worst_change_pct");
		bdb_buf_puts(&text, " (");
		put_cell(&text, res, row, "worst_series");
	} else {
		bdb_buf_puts(&text, "1 series, median ");
		put_pct(&text, res, row, "change_pct");
		bdb_buf_puts(&text, ", worst ");
		put_pct(&text, res, row, "change_pct");
		bdb_buf_printf(&text, " (%s", only_series ? only_series : "");
	}
	bdb_buf_puts(&text, ")");
	if (prev) {
		bdb_buf_puts(&text, ". Bisect: ");
		bdb_query_bisect_command(prev, at, &text);
	}
	bdb_buf_puts(&text, ". ");
	return put_message(out, &text, link);
}

/*
 * Sends a message for every change group of the uploaded run's series that
 * `changes` finds with the run and did not find without it, over the same
 * window, and that starts in one of the last CHANGE_RECENT runs.
 */
static void consider_changes(bdb_notifier *n, const queued_run *q)
{
	change_scope s = {0};
	int rc = scope_read(n->store, q->id, &s);
	if (rc) {
		if (rc != BDB_ENOTFOUND)
			log_line(n, "notify: run %s: %s", q->id, bdb_strerror(rc));
		scope_free(&s);
		return;
	}
	for (size_t i = 0; i < s.n; i++) {
		/* seen[k]: the groups up to the k-th run before the upload; an
		 * error (no value of the metric yet) finds none. */
		bdb_result *seen[CHANGE_SETTLE + 2] = {NULL};
		for (size_t k = 0; k < CHANGE_SETTLE + 2; k++) {
			if (run_changes(n, &s.metrics[i], s.since, s.until[k], &seen[k])) {
				bdb_result_free(seen[k]);
				seen[k] = NULL;
			}
			if (!seen[k] || (k == 0 && bdb_result_n_rows(seen[0]) == 0))
				break;
		}
		for (size_t row = 0; seen[0] && row < bdb_result_n_rows(seen[0]); row++) {
			const char *at = cell_str(seen[0], row, "commit");
			bool settled = at && is_recent(&s, at);
			for (size_t k = 1; settled && k <= CHANGE_SETTLE; k++)
				settled = has_commit(seen[k], at);
			if (!settled || has_commit(seen[CHANGE_SETTLE + 1], at))
				continue;
			bdb_buf body;
			bdb_buf_init(&body);
			if (bdb_notify_change_message(seen[0], row, s.metrics[i].name,
						      s.metrics[i].only_series, q->id, q->commit,
						      n->link, &body))
				deliver(n, q->id, &body);
			bdb_buf_free(&body);
		}
		for (size_t k = 0; k < CHANGE_SETTLE + 2; k++)
			bdb_result_free(seen[k]);
	}
	scope_free(&s);
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
		if (!n->cancel) /* stopping: one line said it already */
			consider_changes(n, q);
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
	n->cancel = 1;
	pthread_cond_broadcast(&n->wake);
	pthread_mutex_unlock(&n->lock);
	pthread_join(n->thread, NULL);
	while (n->head) { /* said, not lost silently */
		queued_run *q = n->head;
		n->head = q->next;
		log_line(n, "notify: run %s: not considered: the server stopped", q->id);
		free_run(q);
	}
	free_notifier(n);
}
