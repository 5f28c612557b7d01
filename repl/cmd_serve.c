/* cmd_serve.c - `benchdb serve`: the store over HTTP (web.h, docs/serve.md).
 * The program's part: options, the token file, signals, the access log on
 * stderr, and uploads ingested as `benchdb ingest` does (ingest.h). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ingest.h"
#include "web.h"

#define MAX_TOKEN 4096
/* How long a shutdown waits for the requests in flight, by default. */
#define GRACE_MS 30000u

static const char serve_usage[] =
    "usage: benchdb serve [--db DIR] [--listen HOST:PORT] [--token-file FILE]\n"
    "                     [--read-only] [--max-body BYTES] [--max-answer BYTES]\n"
    "                     [--query-timeout SECONDS] [--shutdown-timeout SECONDS]\n"
    "                     [--access-log FILE] [--notify-url URL [--public-url URL]]\n"
    "                     [--threads N] [--max-waiting N] [--allow-host NAMES]\n"
    "\n"
    "Serves the store over HTTP: the dashboard at / (docs/serve.md) and the JSON\n"
    "API of docs/api.md (queries, charts, uploads). It listens on 127.0.0.1:8080\n"
    "unless --listen names another address (PORT 0 picks a free one). Writes (POST\n"
    "/api/runs, set/drop baseline) need 'Authorization: Bearer TOKEN' with the\n"
    "token of --token-file (its first line); without one, or with --read-only, the\n"
    "server is read-only. --max-body: the largest request body (default 64 MiB).\n"
    "--max-answer: the largest answer of /api/query (default 256 MiB); its\n"
    "statements stop there, answered 400.\n"
    "--query-timeout: the time a statement may run before it is cancelled and\n"
    "answered 503 (default 30; 0: no limit).\n"
    "--shutdown-timeout: how long SIGTERM or SIGINT lets the requests in flight\n"
    "finish (default 30); those still running then are cancelled, answered 503.\n"
    "--threads: the threads answering quick reads (default: one per CPU); uploads\n"
    "and writes run on one more at a lower priority, the overview and `changes` on\n"
    "two more, so they never hold up a trend. --max-waiting: how many requests may\n"
    "wait for each of those (default 64); more are answered 503 with Retry-After.\n"
    "--notify-url: after each upload that regresses against baseline main, POST\n"
    "{\"text\": ...} (Slack, Discord, Mattermost webhooks) naming the run, its commit,\n"
    "the worst series and a link to --public-url (default http://LISTEN/); sent\n"
    "in the background, tried up to 5 times with a doubling delay, failures logged.\n"
    "Also when an upload (the newest run) settles a new change group of its series\n"
    "(robust changes over the last 60 runs): its commit, series, median and worst\n"
    "change, worst series and the range to bisect.\n"
    "One access-log line per request on stderr, or appended to --access-log FILE\n"
    "(SIGHUP opens it again, for log rotation). On a loopback address the server\n"
    "answers a request whose Host is an IP address, localhost or the host of\n"
    "--public-url, and refuses other names (403; a web page that points its own\n"
    "name at 127.0.0.1 must not read the store): --allow-host NAME[,NAME...] lets\n"
    "those names in (a reverse proxy that passes its own Host). Listening on an address other\n"
    "than loopback without --token-file prints a warning. SIGTERM or SIGINT:\n"
    "finish the requests in flight (up to --shutdown-timeout), close, exit 0.\n";

int cli_read_token(const char *cmd, const char *path, char *token, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		int e = errno;
		/* serve's token is made by its owner: say how (docs/serve.md). */
		bool make = e == ENOENT && strcmp(cmd, "serve") == 0;
		cli_error("%s: --token-file: cannot read %s: %s%s%s%s", cmd, path, strerror(e),
			  make ? " (make one: head -c 32 /dev/urandom | base64 > " : "",
			  make ? path : "", make ? "; docs/serve.md)" : "");
		return EXIT_INPUT;
	}
	size_t n = fread(token, 1, size - 1, f);
	bool more = n == size - 1 && fgetc(f) != EOF;
	fclose(f);
	token[n] = '\0';
	char source[512];
	snprintf(source, sizeof source, "--token-file: the token in %s", path);
	return cli_check_token(cmd, source, token, more ? size - 1 : 0);
}

int cli_check_token(const char *cmd, const char *source, char *token, size_t cut)
{
	token[strcspn(token, "\r\n")] = '\0';
	size_t n = strlen(token);
	if (cut && n == cut) {
		cli_error("%s: %s is longer than %zu bytes", cmd, source, cut);
		return EXIT_USAGE;
	}
	if (n < 16) {
		cli_error("%s: %s must be at least 16 characters", cmd, source);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)token[i] <= 0x20 || (unsigned char)token[i] >= 0x7f) {
			cli_error("%s: %s must be printable ASCII without spaces", cmd, source);
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* The access log: stderr, or the file of --access-log (appended to, and
 * opened again on SIGHUP, for logrotate). */
typedef struct access_log {
	pthread_mutex_t lock;
	FILE *f;
	const char *path; /* NULL: stderr */
} access_log;

/* One line a request, written whole (bdb_serve_log_fn). */
static void log_line(void *ctx, const char *line)
{
	access_log *log = ctx;
	pthread_mutex_lock(&log->lock);
	if (log->f) {
		fputs(line, log->f);
		fputc('\n', log->f);
		fflush(log->f);
	}
	pthread_mutex_unlock(&log->lock);
}

/* Opens log->path for appending; prints the error itself. */
static int open_access_log(access_log *log)
{
	FILE *f = fopen(log->path, "a");
	if (!f) {
		cli_error("serve: --access-log: cannot open %s: %s", log->path, strerror(errno));
		return EXIT_INPUT;
	}
	pthread_mutex_lock(&log->lock);
	if (log->f)
		fclose(log->f);
	log->f = f;
	pthread_mutex_unlock(&log->lock);
	return EXIT_OK;
}

/* Ingests one upload (bdb_serve_ingest_fn): the body read as `benchdb
 * ingest -` reads a file, stored in one write transaction. */
static int ingest_upload(void *ctx, bdb_store *store, const void *body, size_t len,
			 const bdb_serve_upload *u, bdb_serve_stored *out, bdb_diag *d)
{
	(void)ctx;
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	opt.id = u->id;
	opt.commit = u->commit;
	opt.branch = u->branch;
	opt.default_commit = u->default_commit;
	opt.default_branch = u->default_branch;
	bdb_input_format format = BDB_INPUT_AUTO;
	if (u->format && bdb_format_parse(u->format, &format) != 0)
		return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
				    "format: unknown format '%s' (expected one of: %s)", u->format,
				    bdb_format_list());
	if (u->timestamp) {
		if (bdb_time_parse(u->timestamp, &opt.timestamp_us) != 0)
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "timestamp: expected a date or time such as "
					    "2026-01-31T12:00:00Z, got '%s'",
					    u->timestamp);
		opt.has_timestamp = true;
	}
	if (u->file_time) {
		if (bdb_time_parse(u->file_time, &opt.fallback_time_us) != 0)
			return bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					    "file_time: expected a date or time such as "
					    "2026-01-31T12:00:00Z, got '%s'",
					    u->file_time);
		opt.has_fallback_time = true;
	}
	bdb_kv tags[64];
	char *copies[64];
	size_t n_tags = 0;
	int rc = 0;
	for (size_t i = 0; i < u->n_tags && i < 64; i++) {
		const char *eq = strchr(u->tags[i], '=');
		if (!eq || eq == u->tags[i]) {
			rc = bdb_diag_set(d, BDB_EINVAL, NULL, 0, 0,
					  "tag: expected KEY=VALUE, got '%s'", u->tags[i]);
			goto done;
		}
		if (!(copies[n_tags] = strdup(u->tags[i]))) {
			rc = BDB_ENOMEM;
			goto done;
		}
		copies[n_tags][eq - u->tags[i]] = '\0';
		tags[n_tags].key = copies[n_tags];
		tags[n_tags].value = copies[n_tags] + (eq - u->tags[i]) + 1;
		n_tags++;
	}
	opt.tags = tags;
	opt.n_tags = n_tags;
	bdb_run *run = NULL;
	rc = bdb_ingest_buffer("upload", body, len, format, &opt, &run, NULL, d);
	if (rc)
		goto done;
	bdb_put_outcome outcome = BDB_PUT_STORED;
	rc = bdb_store_put_run(store, run, 0, NULL, &outcome, d);
	if (rc == 0) {
		out->id = strdup(run->id);
		out->commit = run->commit ? strdup(run->commit) : NULL;
		if (!out->id || (run->commit && !out->commit))
			rc = BDB_ENOMEM;
		out->points = run->n_points;
		out->metrics = 0;
		for (size_t p = 0; p < run->n_points; p++)
			out->metrics += run->points[p].n_metrics;
		out->unchanged = outcome == BDB_PUT_UNCHANGED;
	} else if (rc == BDB_EEXISTS && !d->message[0]) {
		/* The store's word names the first difference; this is the
		 * fallback. */
		bdb_diag_set(d, rc, NULL, 0, 0, "a different run with id '%s' is already stored",
			     run->id);
	}
	bdb_run_free(run);
done:
	for (size_t i = 0; i < n_tags; i++)
		free(copies[i]);
	return rc;
}

/* The store's facts for GET /metrics (bdb_serve_facts_fn): its runs and
 * the size of its data file. */
static void store_facts(void *ctx, bdb_store *store, bdb_serve_store_facts *out)
{
	(void)ctx;
	bdb_reader *r;
	uint64_t runs;
	if (bdb_reader_begin(store, &r) == 0) {
		if (bdb_reader_count_runs(r, &runs) == 0)
			out->runs = (double)runs;
		bdb_reader_end(r);
	}
	char path[4096];
	struct stat st;
	if ((size_t)snprintf(path, sizeof path, "%s/data.mdb", bdb_store_path(store)) <
		sizeof path &&
	    stat(path, &st) == 0)
		out->bytes = (double)st.st_size;
}

/* text as a count from 1 to max into *out; else a usage error's exit code. */
static int parse_count(const char *flag, const char *text, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(text, &end, 10);
	if (end == text || *end || errno || v == 0 || v > max || text[0] == '-')
		return cli_usage_error("serve", "%s: expected 1 to %u, got '%s'", flag, max, text);
	*out = (unsigned)v;
	return 0;
}

static bool is_loopback(const char *listen)
{
	return strncmp(listen, "127.", 4) == 0 || strncmp(listen, "[::1]:", 6) == 0;
}

/* A number of bytes from 1 on, for option name; else a usage error. */
static int parse_bytes(const char *name, const char *text, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text, &end, 10);
	if (end == text || *end || errno || v == 0 || text[0] == '-' || v > SIZE_MAX)
		return cli_usage_error("serve", "%s: expected a number of bytes, got '%s'", name,
				       text);
	*out = (size_t)v;
	return 0;
}

/* Seconds from 0 to 86400, decimals allowed, as milliseconds (a positive
 * time at least 1 ms); 0 or the usage error's exit code. */
static int parse_seconds(const char *option, const char *text, unsigned *ms)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || !(v >= 0 && v <= 86400))
		return cli_usage_error("serve", "%s: expected seconds from 0 to 86400, got '%s'",
				       option, text);
	*ms = (unsigned)(v * 1000 + 0.5);
	if (v > 0 && *ms == 0)
		*ms = 1;
	return 0;
}

int cmd_serve(cli_ctx *ctx, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *token_file = NULL, *max_body = NULL,
		   *max_answer = NULL, *query_timeout = NULL, *access_log_path = NULL,
		   *notify_url = NULL, *public_url = NULL, *threads = NULL, *max_waiting = NULL,
		   *allow_hosts = NULL, *shutdown_timeout = NULL;
	bool read_only = false;
	const cli_opt opts[] = {{"--listen", &listen, NULL},
				{"--token-file", &token_file, NULL},
				{"--read-only", NULL, &read_only},
				{"--max-body", &max_body, NULL},
				{"--max-answer", &max_answer, NULL},
				{"--query-timeout", &query_timeout, NULL},
				{"--shutdown-timeout", &shutdown_timeout, NULL},
				{"--access-log", &access_log_path, NULL},
				{"--notify-url", &notify_url, NULL},
				{"--public-url", &public_url, NULL},
				{"--threads", &threads, NULL},
				{"--max-waiting", &max_waiting, NULL},
				{"--allow-host", &allow_hosts, NULL},
				{NULL, NULL, NULL}};
	int npos, code = cli_parse_args(ctx, argc, argv, serve_usage, opts, NULL, 0, &npos);
	if (code)
		return code < 0 ? EXIT_OK : code;
	static access_log log = {.lock = PTHREAD_MUTEX_INITIALIZER};
	log.path = access_log_path;
	log.f = access_log_path ? NULL : stderr;
	bdb_serve_options so = {.listen = listen,
				.read_only = read_only,
				.log = log_line,
				.log_ctx = &log,
				.facts = store_facts,
				.check = cli_serve_check,
				.check_ctx = ctx,
				.notify_url = notify_url,
				.public_url = public_url,
				.allow_hosts = allow_hosts};
	const char *urls[][2] = {{"--notify-url", notify_url}, {"--public-url", public_url}};
	for (size_t u = 0; u < 2; u++)
		if (urls[u][1] && strncmp(urls[u][1], "http://", 7) != 0 &&
		    strncmp(urls[u][1], "https://", 8) != 0)
			return cli_usage_error("serve", "%s: expected a URL starting with http:// "
						  "or https://, got '%s'",
					       urls[u][0], urls[u][1]);
	if (public_url && !notify_url)
		return cli_usage_error("serve", "--public-url goes with --notify-url");
	if ((max_body && (code = parse_bytes("--max-body", max_body, &so.max_body)) != 0) ||
	    (max_answer && (code = parse_bytes("--max-answer", max_answer, &so.max_answer)) != 0))
		return code;
	if ((threads && (code = parse_count("--threads", threads, BDB_SERVE_MAX_THREADS,
					    &so.threads)) != 0) ||
	    (max_waiting &&
	     (code = parse_count("--max-waiting", max_waiting, 100000, &so.max_waiting)) != 0))
		return code;
	so.query_ms = 30000;
	if (query_timeout &&
	    (code = parse_seconds("--query-timeout", query_timeout, &so.query_ms)) != 0)
		return code;
	unsigned grace_ms = GRACE_MS;
	if (shutdown_timeout &&
	    (code = parse_seconds("--shutdown-timeout", shutdown_timeout, &grace_ms)) != 0)
		return code;
	static char token[MAX_TOKEN];
	if (token_file) {
		if ((code = cli_read_token("serve", token_file, token, sizeof token)) != 0)
			return code;
		so.token = token;
	}
	bool writes = so.token && !read_only;
	if (writes)
		so.ingest = ingest_upload;

	if (access_log_path && (code = open_access_log(&log)) != 0)
		return code;

	/* SIGTERM, SIGINT and SIGHUP are taken by sigwait below; every thread
	 * the server starts inherits the blocked mask. */
	sigset_t stop_signals;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);

	bdb_store *store;
	if ((code = cli_open_store(ctx, writes, !writes, &store)) != 0)
		return code;
	bdb_server *server;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = bdb_serve_start(store, &so, &server, &d);
	if (rc) {
		cli_error("serve: %s", d.message[0] ? d.message : bdb_strerror(rc));
		bdb_store_close(store);
		return rc == BDB_EINVAL ? EXIT_USAGE : EXIT_INPUT;
	}
	/* Once listening (a refused address gets its error, not this). */
	if (!is_loopback(listen) && !so.token)
		fprintf(stderr,
			"benchdb: warning: serve: listening on %s without --token-file: "
			"anyone who reaches it can read the store\n",
			listen);
	char host[128];
	snprintf(host, sizeof host, "%s", listen);
	*strrchr(host, ':') = '\0';
	fprintf(stderr, "benchdb: serving %s on http://%s:%u/ (%s)\n", ctx->db_dir, host,
		bdb_serve_port(server), writes ? "writes need the bearer token" : "read-only");
	int sig = 0;
	while (sigwait(&stop_signals, &sig) == 0 && sig == SIGHUP)
		if (access_log_path && open_access_log(&log) == EXIT_OK)
			fprintf(stderr, "benchdb: serve: SIGHUP: opened %s again\n",
				access_log_path);
	fprintf(stderr, "benchdb: serve: %s: finishing the requests in flight\n",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	bdb_serve_stop(server, grace_ms);
	bdb_store_close(store);
	if (access_log_path && log.f)
		fclose(log.f);
	fprintf(stderr, "benchdb: serve: stopped\n");
	return EXIT_OK;
}
